/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-records.c: constructors and destructors of the store's records. */

#define G_LOG_DOMAIN "glide-records"

#include "config.h"

#include "glide-records.h"
#include "glide-i18n.h"

#include <gio/gio.h>


GlideClinic *
glide_clinic_new (void)
{
  GlideClinic *clinic = g_new0 (GlideClinic, 1);

  clinic->name = g_strdup ("");
  clinic->address = g_strdup ("");
  clinic->phone = g_strdup ("");
  clinic->paper = GLIDE_PAPER_A4;
  return clinic;
}

void
glide_clinic_free (GlideClinic *clinic)
{
  if (clinic == NULL)
    return;
  g_free (clinic->name);
  g_free (clinic->address);
  g_free (clinic->phone);
  g_free (clinic);
}

GlideTherapist *
glide_therapist_new (const char *code,
                     const char *name,
                     const char *credentials)
{
  GlideTherapist *therapist = g_new0 (GlideTherapist, 1);

  therapist->code = g_strdup (code);
  therapist->name = g_strdup (name);
  therapist->credentials = g_strdup (credentials ? credentials : "");
  therapist->active = TRUE;
  return therapist;
}

void
glide_therapist_free (GlideTherapist *therapist)
{
  if (therapist == NULL)
    return;
  g_free (therapist->code);
  g_free (therapist->name);
  g_free (therapist->credentials);
  g_free (therapist);
}

GlideInstrument *
glide_instrument_new (const char    *code,
                      const char    *name,
                      GlideMaterial  material)
{
  GlideInstrument *instrument = g_new0 (GlideInstrument, 1);

  instrument->code = g_strdup (code);
  instrument->name = g_strdup (name);
  instrument->material = material;
  return instrument;
}

void
glide_instrument_free (GlideInstrument *instrument)
{
  if (instrument == NULL)
    return;
  g_free (instrument->code);
  g_free (instrument->name);
  g_free (instrument);
}

GlidePatient *
glide_patient_new (const char *chart,
                   const char *family_name,
                   const char *given_name,
                   const char *birth_date)
{
  GlidePatient *patient = g_new0 (GlidePatient, 1);

  patient->chart = g_strdup (chart);
  patient->family_name = g_strdup (family_name);
  patient->given_name = g_strdup (given_name);
  patient->birth_date = g_strdup (birth_date);
  return patient;
}

GlidePatient *
glide_patient_copy (const GlidePatient *patient)
{
  GlidePatient *copy = glide_patient_new (patient->chart, patient->family_name,
                                          patient->given_name, patient->birth_date);

  copy->id = patient->id;
  copy->version = patient->version;
  return copy;
}

void
glide_patient_free (GlidePatient *patient)
{
  if (patient == NULL)
    return;
  g_free (patient->chart);
  g_free (patient->family_name);
  g_free (patient->given_name);
  g_free (patient->birth_date);
  g_free (patient);
}

/* "Müller, José": family name first, as charts and lists sort by it. */
char *
glide_patient_get_display_name (const GlidePatient *patient)
{
  if (patient->given_name == NULL || patient->given_name[0] == '\0')
    return g_strdup (patient->family_name);
  /* Translators: a patient's name as lists show it: family name, given name */
  return g_strdup_printf (_("%s, %s"), patient->family_name, patient->given_name);
}

void
glide_patient_summary_free (GlidePatientSummary *summary)
{
  if (summary == NULL)
    return;
  glide_patient_free (summary->patient);
  g_free (summary->last_visit);
  g_free (summary->active_course);
  g_free (summary);
}

GlideScreening *
glide_screening_new (GlideCondition condition,
                     gboolean       present)
{
  GlideScreening *screening = g_new0 (GlideScreening, 1);

  screening->condition = condition;
  screening->present = present;
  screening->note = g_strdup ("");
  return screening;
}

void
glide_screening_free (GlideScreening *screening)
{
  if (screening == NULL)
    return;
  g_free (screening->recorded);
  g_free (screening->note);
  g_free (screening);
}

GlideCourse *
glide_course_new (const char *diagnosis)
{
  GlideCourse *course = g_new0 (GlideCourse, 1);

  course->diagnosis = g_strdup (diagnosis ? diagnosis : "");
  course->goals = g_strdup ("");
  return course;
}

GlideCourse *
glide_course_copy (const GlideCourse *course)
{
  GlideCourse *copy = glide_course_new (course->diagnosis);

  copy->id = course->id;
  copy->version = course->version;
  copy->patient_id = course->patient_id;
  copy->icd10 = g_strdup (course->icd10);
  copy->start_date = g_strdup (course->start_date);
  copy->end_date = g_strdup (course->end_date);
  g_free (copy->goals);
  copy->goals = g_strdup (course->goals);
  return copy;
}

void
glide_course_free (GlideCourse *course)
{
  if (course == NULL)
    return;
  g_free (course->diagnosis);
  g_free (course->icd10);
  g_free (course->start_date);
  g_free (course->end_date);
  g_free (course->goals);
  g_free (course);
}

gboolean
glide_course_is_active (const GlideCourse *course)
{
  return course->end_date == NULL;
}

GlideTreatment *
glide_treatment_new (GlideSite site,
                     GlideSide side)
{
  GlideTreatment *treatment = g_new0 (GlideTreatment, 1);

  treatment->site = site;
  treatment->side = side;
  treatment->stroke = GLIDE_STROKE_SUSTAINED;
  treatment->duration_s = 60;
  treatment->edge = GLIDE_EDGE_CONCAVE;
  treatment->technique = GLIDE_TECHNIQUE_NONE;
  treatment->pressure = GLIDE_PRESSURE_NONE;
  treatment->redness = GLIDE_REDNESS_NONE;
  treatment->note = g_strdup ("");
  return treatment;
}

GlideTreatment *
glide_treatment_copy (const GlideTreatment *treatment)
{
  GlideTreatment *copy = g_memdup2 (treatment, sizeof *treatment);

  copy->note = g_strdup (treatment->note);
  return copy;
}

void
glide_treatment_free (GlideTreatment *treatment)
{
  if (treatment == NULL)
    return;
  g_free (treatment->note);
  g_free (treatment);
}

GlideMeasurement *
glide_measurement_new (GlideMeasure measure,
                       GlideSide    side,
                       GlideTiming  timing,
                       double       value)
{
  GlideMeasurement *measurement = g_new0 (GlideMeasurement, 1);

  measurement->measure = measure;
  measurement->side = side;
  measurement->timing = timing;
  measurement->value = value;
  return measurement;
}

void
glide_measurement_free (GlideMeasurement *measurement)
{
  g_free (measurement);
}

GlideAddendum *
glide_addendum_new (gint64      therapist_id,
                    const char *at,
                    const char *text)
{
  GlideAddendum *addendum = g_new0 (GlideAddendum, 1);

  addendum->therapist_id = therapist_id;
  addendum->at = g_strdup (at);
  addendum->text = g_strdup (text);
  return addendum;
}

void
glide_addendum_free (GlideAddendum *addendum)
{
  if (addendum == NULL)
    return;
  g_free (addendum->at);
  g_free (addendum->text);
  g_free (addendum);
}

GlideSession *
glide_session_new (gint64      course_id,
                   const char *start,
                   gint64      therapist_id)
{
  GlideSession *session = g_new0 (GlideSession, 1);

  session->course_id = course_id;
  session->start = g_strdup (start);
  session->therapist_id = therapist_id;
  session->emollient = g_strdup ("");
  session->note = g_strdup ("");
  session->home_program = g_strdup ("");
  session->treatments = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_treatment_free);
  session->measurements = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_measurement_free);
  session->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_addendum_free);
  session->billing = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_billed_time_free);
  session->exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_exercise_free);
  session->reaction = -1;
  return session;
}

void
glide_session_free (GlideSession *session)
{
  if (session == NULL)
    return;
  g_free (session->start);
  g_free (session->emollient);
  g_free (session->note);
  g_free (session->home_program);
  g_free (session->contraindication_override);
  g_free (session->signed_at);
  g_ptr_array_unref (session->treatments);
  g_ptr_array_unref (session->measurements);
  g_ptr_array_unref (session->addenda);
  g_free (session->end);
  g_ptr_array_unref (session->billing);
  g_ptr_array_unref (session->exercises);
  g_free (session->reaction_note);
  g_free (session);
}

gboolean
glide_session_is_signed (const GlideSession *session)
{
  return session->signed_at != NULL;
}

const GlideMeasurement *
glide_session_find_measurement (const GlideSession *session,
                                GlideMeasure        measure,
                                GlideSide           side,
                                GlideTiming         timing)
{
  for (guint i = 0; i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);

      if (m->measure == measure && m->side == side && m->timing == timing)
        return m;
    }
  return NULL;
}

/* ---- the course of care ---------------------------------------------------- */

GlideGoalStatusEntry *
glide_goal_status_entry_new (GlideGoalStatus  status,
                             gint64           by,
                             const char      *at)
{
  GlideGoalStatusEntry *entry = g_new0 (GlideGoalStatusEntry, 1);

  entry->status = status;
  entry->by = by;
  entry->at = g_strdup (at);
  entry->note = g_strdup ("");
  return entry;
}

void
glide_goal_status_entry_free (GlideGoalStatusEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->note);
  g_free (entry);
}

GlideGoal *
glide_goal_new (const char *text)
{
  GlideGoal *goal = g_new0 (GlideGoal, 1);

  goal->text = g_strdup (text);
  goal->measure = -1;
  goal->side = GLIDE_SIDE_NONE;
  goal->history = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_status_entry_free);
  return goal;
}

void
glide_goal_free (GlideGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->text);
  g_free (goal->target_date);
  g_free (goal->created_at);
  g_ptr_array_unref (goal->history);
  g_free (goal);
}

/* The status last set, or not started before any. */
GlideGoalStatus
glide_goal_get_status (const GlideGoal *goal)
{
  const GlideGoalStatusEntry *last;

  if (goal->history->len == 0)
    return GLIDE_GOAL_NOT_STARTED;
  last = g_ptr_array_index (goal->history, goal->history->len - 1);
  return last->status;
}

GlideCarePlan *
glide_care_plan_new (gint64 course_id)
{
  GlideCarePlan *plan = g_new0 (GlideCarePlan, 1);

  plan->course_id = course_id;
  plan->interventions = g_array_new (FALSE, FALSE, sizeof (GlideIntervention));
  plan->note = g_strdup ("");
  return plan;
}

void
glide_care_plan_free (GlideCarePlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->cert_start);
  g_free (plan->cert_end);
  g_array_unref (plan->interventions);
  g_free (plan->referring_name);
  g_free (plan->referring_id);
  g_free (plan->certifying_name);
  g_free (plan->certifying_id);
  g_free (plan->certified_on);
  g_free (plan->report_due);
  g_free (plan->note);
  g_free (plan->written_at);
  g_free (plan);
}

GlideProgressReport *
glide_progress_report_new (gint64 course_id)
{
  GlideProgressReport *report = g_new0 (GlideProgressReport, 1);

  report->course_id = course_id;
  report->assessment = g_strdup ("");
  report->plan = g_strdup ("");
  return report;
}

void
glide_progress_report_free (GlideProgressReport *report)
{
  if (report == NULL)
    return;
  g_free (report->date);
  g_free (report->period_start);
  g_free (report->period_end);
  g_free (report->assessment);
  g_free (report->plan);
  g_free (report->next_due);
  g_free (report->signed_at);
  g_free (report);
}

GlideConsent *
glide_consent_new (gint64 course_id)
{
  GlideConsent *consent = g_new0 (GlideConsent, 1);

  consent->course_id = course_id;
  consent->note = g_strdup ("");
  return consent;
}

void
glide_consent_free (GlideConsent *consent)
{
  if (consent == NULL)
    return;
  g_free (consent->at);
  g_free (consent->risks);
  g_free (consent->note);
  g_free (consent);
}

GlideDischarge *
glide_discharge_new (gint64 course_id)
{
  GlideDischarge *discharge = g_new0 (GlideDischarge, 1);

  discharge->course_id = course_id;
  discharge->note = g_strdup ("");
  return discharge;
}

void
glide_discharge_free (GlideDischarge *discharge)
{
  if (discharge == NULL)
    return;
  g_free (discharge->date);
  g_free (discharge->note);
  g_free (discharge->at);
  g_free (discharge);
}

/* ---- the clinic's settings of the course of care ----------------------------- */

GlideClinicCode *
glide_clinic_code_new (const char *code,
                       const char *label,
                       gboolean    timed)
{
  GlideClinicCode *c = g_new0 (GlideClinicCode, 1);

  c->code = g_strdup (code);
  c->label = g_strdup (label);
  c->timed = timed;
  return c;
}

void
glide_clinic_code_free (GlideClinicCode *code)
{
  if (code == NULL)
    return;
  g_free (code->code);
  g_free (code->label);
  g_free (code);
}

/* What a clinic has before it changes anything: the 8-minute rule, a
 * progress report every 10th visit, the default billing codes. */
GlideCareSettings *
glide_care_settings_new_default (void)
{
  GlideCareSettings *settings = g_new0 (GlideCareSettings, 1);
  guint n = 0;
  const GlideBillingCode *defaults = glide_billing_codes_get_defaults (&n);

  settings->units_method = GLIDE_UNITS_CMS_8_MINUTE;
  settings->report_visits = 10;
  settings->billing_codes = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_clinic_code_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (settings->billing_codes,
                     glide_clinic_code_new (defaults[i].code,
                                            glide_gettext (defaults[i].label),
                                            defaults[i].timed));
  return settings;
}

void
glide_care_settings_free (GlideCareSettings *settings)
{
  if (settings == NULL)
    return;
  g_ptr_array_unref (settings->billing_codes);
  g_free (settings);
}

const GlideClinicCode *
glide_care_settings_find_code (const GlideCareSettings *settings,
                               const char              *code)
{
  for (guint i = 0; i < settings->billing_codes->len; i++)
    {
      const GlideClinicCode *c = g_ptr_array_index (settings->billing_codes, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c;
    }
  return NULL;
}

/* ---- time, units, exercise ------------------------------------------------ */

GlideBilledTime *
glide_billed_time_new (const char *code,
                       guint       minutes)
{
  GlideBilledTime *time = g_new0 (GlideBilledTime, 1);

  time->code = g_strdup (code);
  time->minutes = minutes;
  return time;
}

GlideBilledTime *
glide_billed_time_copy (const GlideBilledTime *time)
{
  return glide_billed_time_new (time->code, time->minutes);
}

void
glide_billed_time_free (GlideBilledTime *time)
{
  if (time == NULL)
    return;
  g_free (time->code);
  g_free (time);
}

GlideExercise *
glide_exercise_new (const char *name)
{
  GlideExercise *exercise = g_new0 (GlideExercise, 1);

  exercise->name = g_strdup (name);
  exercise->side = GLIDE_SIDE_NONE;
  return exercise;
}

GlideExercise *
glide_exercise_copy (const GlideExercise *exercise)
{
  GlideExercise *copy = glide_exercise_new (exercise->name);

  copy->sets = exercise->sets;
  copy->reps = exercise->reps;
  copy->hold_s = exercise->hold_s;
  copy->load = g_strdup (exercise->load);
  copy->side = exercise->side;
  return copy;
}

void
glide_exercise_free (GlideExercise *exercise)
{
  if (exercise == NULL)
    return;
  g_free (exercise->name);
  g_free (exercise->load);
  g_free (exercise);
}

/* Whether the visit has anything of schema 7's session details (its end,
 * total minutes, the follow-up): stored in session_details only then. */
gboolean
glide_session_has_details (const GlideSession *session)
{
  return session->end != NULL || session->total_minutes > 0 || (int) session->reaction >= 0 ||
         (session->reaction_note != NULL && session->reaction_note[0] != '\0');
}

/**
 * glide_session_check_codes:
 * @session: a session read from the database
 * @chart: the session's patient
 *
 * The database's checks let only known codes in: a code a treated area or
 * a measure cannot be without that Glide does not know (the file was
 * edited or damaged outside Glide) reads as -1, which an export would
 * write as nothing at all.
 *
 * Returns: %FALSE with a message naming the patient, the session and the
 *   field when one is there
 */
gboolean
glide_session_check_codes (const GlideSession  *session,
                           const char          *chart,
                           GError             **error)
{
  const char *field = NULL;

  for (guint i = 0; field == NULL && i < session->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);

      field = (int) t->site < 0 ? "site" : (int) t->side < 0 ? "side" :
              (int) t->stroke < 0 ? "stroke" : (int) t->edge < 0 ? "edge" :
              (int) t->redness < 0 ? "redness" : NULL;
    }
  for (guint i = 0; field == NULL && i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);

      field = (int) m->measure < 0 ? "measure" : (int) m->timing < 0 ? "timing" : NULL;
    }
  if (field == NULL)
    return TRUE;
  /* Translators: a chart number, a session's start, then a field (stroke,
   * redness...) */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("patient %s, session of %s: its %s on file is not a code Glide knows: the "
                 "database was changed outside Glide (glide --check tells more); nothing was "
                 "exported"), chart, session->start, field);
  return FALSE;
}
