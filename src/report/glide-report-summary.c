/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-summary.c: the clinical summary for the chart: the complete
 * record of one course. Every session with every field, who signed it and
 * when, addenda with their authors, screening with dates and recorders. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"

#include "glide-date.h"
#include "glide-report-trends.h"

#include <glib/gi18n-lib.h>

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "–";
}

static char *
therapist_with_credentials (const GlideReportCourse *data,
                            gint64                   id)
{
  GlideTherapist *t = g_hash_table_lookup (data->therapists, &id);

  if (t == NULL)
    return g_strdup (_("unknown therapist"));
  if (t->credentials == NULL || t->credentials[0] == '\0')
    return g_strdup (t->name);
  return g_strdup_printf ("%s, %s", t->name, t->credentials);
}

static void
add_identification (GlideReportDocument     *doc,
                    const GlideReportCourse *data)
{
  g_autofree char *name = glide_patient_get_display_name (data->patient);
  g_autofree char *birth = data->patient->birth_date ?
                           glide_date_format_long (data->patient->birth_date) : g_strdup ("–");
  g_autofree char *course = g_strdup_printf (_("%u of %u"), data->course_number, data->n_courses);
  g_autofree char *start = data->course->start_date ?
                           glide_date_format_long (data->course->start_date) : g_strdup ("–");
  g_autofree char *end = data->course->end_date ? glide_date_format_long (data->course->end_date)
                                                : g_strdup (_("open (active course)"));
  g_autofree char *visits = NULL;
  g_autofree char *therapists = glide_report_course_therapist_names (data);
  guint drafts = 0;

  for (guint i = 0; i < data->sessions->len; i++)
    drafts += !glide_session_is_signed (g_ptr_array_index (data->sessions, i));
  visits = g_strdup_printf (_("%u (%u signed, %u draft)"), data->sessions->len,
                            data->sessions->len - drafts, drafts);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Patient"));
  {
    const char *fields[] = {
      _("Name"), name,
      _("Chart"), data->patient->chart,
      _("Date of birth"), birth,
      NULL,
    };

    glide_report_document_fields (doc, fields);
  }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Course"));
  {
    const char *fields[] = {
      _("Course"), course,
      _("Diagnosis"), data->course->diagnosis,
      _("ICD-10"), or_dash (data->course->icd10),
      _("Started"), start,
      _("Ended"), end,
      _("Sessions"), visits,
      _("Therapists"), or_dash (therapists),
      _("Goals (note)"), or_dash (data->course->goals),
      NULL,
    };

    glide_report_document_fields (doc, fields);
  }
}

/* Goals with their targets and history, the plan of care, progress
 * reports written, consent and discharge: the course as a payer and an
 * auditor read it. */
static void
add_course_of_care (GlideReportDocument     *doc,
                    const GlideReportCourse *data)
{
  const GlideReportColumn goal_columns[] = {
    { _("Goal"), 3.0, GLIDE_ALIGN_START },
    { _("Target"), 2.2, GLIDE_ALIGN_START },
    { _("Status"), 1.1, GLIDE_ALIGN_START },
    { _("History"), 3.3, GLIDE_ALIGN_START, TRUE },
  };
  const GlideReportColumn report_columns[] = {
    { _("Date"), 1.2, GLIDE_ALIGN_START },
    { _("Period"), 2.2, GLIDE_ALIGN_START },
    { _("Visits"), 0.7, GLIDE_ALIGN_END },
    { _("Signed"), 1.8, GLIDE_ALIGN_START },
    { _("Assessment"), 3.7, GLIDE_ALIGN_START, TRUE },
  };

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Goals"));
  if (data->goals->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, _("No goals have been set."));
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < data->goals->len; i++)
        {
          const GlideGoal *goal = g_ptr_array_index (data->goals, i);
          g_autofree char *target = glide_progress_goal_target (goal);
          GString *history = g_string_new (NULL);

          for (guint j = 0; j < goal->history->len; j++)
            {
              const GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, j);
              g_autofree char *when = glide_datetime_format_long (entry->at);

              g_string_append_printf (history, "%s%s, %s, %s%s%s", j ? "; " : "",
                                      glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS,
                                                             entry->status),
                                      when, glide_report_course_therapist (data, entry->by),
                                      entry->note && *entry->note ? ": " : "",
                                      entry->note ? entry->note : "");
            }
          g_ptr_array_add (rows, glide_report_row (
            4, g_strdup (goal->text), g_strdup (target ? target : "–"),
            g_strdup (glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS,
                                             glide_goal_get_status (goal))),
            g_string_free (history, FALSE)));
        }
      glide_report_document_table (doc, goal_columns, G_N_ELEMENTS (goal_columns), rows, 0);
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Plan of care"));
  if (data->plans->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                _("No plan of care has been recorded."));
  for (guint i = 0; i < data->plans->len; i++)
    {
      const GlideCarePlan *plan = g_ptr_array_index (data->plans, i);
      g_autofree char *start = glide_date_format_long (plan->cert_start);
      g_autofree char *end = glide_date_format_long (plan->cert_end);
      g_autofree char *period = g_strdup_printf (_("%s to %s"), start, end);
      g_autofree char *frequency = plan->visits_per_week && plan->weeks ?
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit a week for %u weeks",
                                      "%u visits a week for %u weeks", plan->visits_per_week),
                         plan->visits_per_week, plan->weeks) : g_strdup ("–");
      g_autofree char *certified = plan->certified_on ?
        glide_date_format_long (plan->certified_on) : g_strdup (_("not yet signed"));
      g_autofree char *written = glide_datetime_format_long (plan->written_at);
      g_autofree char *by = g_strdup_printf ("%s, %s",
                                             glide_report_course_therapist (data, plan->written_by),
                                             written);
      GString *interventions = g_string_new (NULL);
      g_autofree char *referring = NULL;
      g_autofree char *certifying = NULL;

      for (guint j = 0; j < plan->interventions->len; j++)
        g_string_append_printf (interventions, "%s%s", j ? ", " : "",
                                glide_code_list_label (GLIDE_CODE_LIST_INTERVENTION,
                                                       g_array_index (plan->interventions,
                                                                      GlideIntervention, j)));
      referring = plan->referring_id ? g_strdup_printf ("%s (%s)", or_dash (plan->referring_name),
                                                        plan->referring_id)
                                     : g_strdup (or_dash (plan->referring_name));
      certifying = plan->certifying_id ? g_strdup_printf ("%s (%s)",
                                                          or_dash (plan->certifying_name),
                                                          plan->certifying_id)
                                       : g_strdup (or_dash (plan->certifying_name));
      {
        const char *fields[] = {
          _("Certification period"), period,
          _("Frequency"), frequency,
          _("Interventions"), interventions->len ? interventions->str : "–",
          _("Referring physician"), referring,
          _("Certifying physician"), certifying,
          _("Certified"), certified,
          _("Written by"), by,
          NULL,
        };

        glide_report_document_fields (doc, fields);
      }
      g_string_free (interventions, TRUE);
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Progress reports"));
  if (data->progress_reports->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                _("No progress report has been written for this course."));
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < data->progress_reports->len; i++)
        {
          const GlideProgressReport *report = g_ptr_array_index (data->progress_reports, i);
          g_autofree char *start = glide_date_format_long (report->period_start);
          g_autofree char *end = glide_date_format_long (report->period_end);
          g_autofree char *at = glide_datetime_format_long (report->signed_at);

          g_ptr_array_add (rows, glide_report_row (
            5, glide_date_format_long (report->date), g_strdup_printf (_("%s to %s"), start, end),
            g_strdup_printf ("%u", report->visits),
            g_strdup_printf ("%s, %s", glide_report_course_therapist (data, report->signed_by), at),
            g_strdup (report->assessment)));
        }
      glide_report_document_table (doc, report_columns, G_N_ELEMENTS (report_columns), rows, 0);
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Consent to treatment"));
  if (data->consents->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING,
                                _("No consent to IASTM's risks has been recorded for this course."));
  for (guint i = 0; i < data->consents->len; i++)
    {
      const GlideConsent *consent = g_ptr_array_index (data->consents, i);
      g_autofree char *at = glide_datetime_format_long (consent->at);
      g_autofree char *line = g_strdup_printf (_("Given %s, obtained by %s. Risks explained: %s"),
                                               at, glide_report_course_therapist (data,
                                                                                  consent->obtained_by),
                                               consent->risks);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, line);
    }

  if (data->discharge != NULL)
    {
      g_autofree char *date = glide_date_format_long (data->discharge->date);
      g_autofree char *at = glide_datetime_format_long (data->discharge->at);
      g_autofree char *by = g_strdup_printf ("%s, %s",
                                             glide_report_course_therapist (data,
                                                                            data->discharge->by),
                                             at);
      const char *fields[] = {
        _("Discharged"), date,
        _("Reason"), glide_code_list_label (GLIDE_CODE_LIST_DISCHARGE_REASON,
                                            data->discharge->reason),
        _("Note"), data->discharge->note,
        _("Signed"), by,
        NULL,
      };

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Discharge"));
      glide_report_document_fields (doc, fields);
    }
}

static void
add_screening (GlideReportDocument     *doc,
               const GlideReportCourse *data)
{
  const GlideReportColumn columns[] = {
    { _("Condition"), 2.6, GLIDE_ALIGN_START },
    { _("Kind"), 1.4, GLIDE_ALIGN_START },
    { _("Status"), 0.9, GLIDE_ALIGN_START },
    { _("Recorded"), 1.1, GLIDE_ALIGN_START },
    { _("By"), 1.4, GLIDE_ALIGN_START },
    { _("Note"), 2.4, GLIDE_ALIGN_START, TRUE },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING,
                              _("Screening: precautions and contraindications"));
  if (data->screening->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING,
                                  _("No screening has been recorded for this patient."));
      return;
    }
  for (guint i = 0; i < data->screening->len; i++)
    {
      GlideScreening *s = g_ptr_array_index (data->screening, i);
      gboolean precaution = glide_condition_get_kind (s->condition) == GLIDE_CONDITION_KIND_PRECAUTION;

      g_ptr_array_add (rows, glide_report_row (
        6,
        g_strdup (glide_code_list_label (GLIDE_CODE_LIST_CONDITION, s->condition)),
        g_strdup (precaution ? _("Precaution") : _("Contraindication")),
        g_strdup (s->present ? _("Present") : _("Absent")),
        s->recorded ? glide_date_format_long (s->recorded) : g_strdup ("–"),
        g_strdup (s->recorded_by ? glide_report_course_therapist (data, s->recorded_by) : "–"),
        g_strdup (or_dash (s->note))));
    }
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

/* "9 Mar 2026, 11:00", or "9 Mar 2026, 11:00 (draft)" for an unsigned
 * session, whose record may still change. */
static char *
draft_marked (const GlideSession *session)
{
  g_autofree char *when = glide_datetime_format_long (session->start);

  if (glide_session_is_signed (session))
    return g_steal_pointer (&when);
  /* Translators: the date and time of a session that is not signed yet */
  return g_strdup_printf (_("%s (draft)"), when);
}

static void
add_petechiae (GlideReportDocument     *doc,
               const GlideReportCourse *data)
{
  const GlideReportColumn columns[] = {
    { _("Session"), 0.7, GLIDE_ALIGN_END },
    { _("Date"), 1.6, GLIDE_ALIGN_START },
    { _("Therapist"), 1.6, GLIDE_ALIGN_START },
    { _("Areas with petechiae"), 4.0, GLIDE_ALIGN_START },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, _("Petechiae"));
  for (guint i = 0; i < data->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (data->sessions, i);
      char *areas = glide_report_session_petechiae (session);

      if (areas[0] == '\0')
        {
          g_free (areas);
          continue;
        }
      g_ptr_array_add (rows, glide_report_row (
        4,
        g_strdup_printf ("%u", i + 1),
        draft_marked (session),
        g_strdup (glide_report_course_therapist (data, session->therapist_id)),
        areas));
    }
  if (rows->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                _("No petechiae were recorded in this course."));
  else
    glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

static const char *
code_label (GlideCodeList list,
            int           value)
{
  return value < 0 ? "–" : glide_code_list_label (list, value);
}

static void
add_treatments (GlideReportDocument     *doc,
                const GlideReportCourse *data,
                const GlideSession      *session)
{
  const GlideReportColumn columns[] = {
    { _("Area"), 1.7, GLIDE_ALIGN_START },
    { _("Stroke"), 1.1, GLIDE_ALIGN_START },
    { _("Seconds"), 0.8, GLIDE_ALIGN_END },
    { _("Edge"), 0.9, GLIDE_ALIGN_START },
    { _("Tool"), 1.3, GLIDE_ALIGN_START },
    { _("Technique"), 1.0, GLIDE_ALIGN_START },
    { _("Pressure"), 0.9, GLIDE_ALIGN_START },
    { _("Redness"), 1.0, GLIDE_ALIGN_START },
    { _("Petechiae"), 0.9, GLIDE_ALIGN_START },
    { _("Note"), 1.8, GLIDE_ALIGN_START, TRUE },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (session->treatments->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, _("No treatment was recorded."));
      return;
    }
  for (guint k = 0; k < session->treatments->len; k++)
    {
      GlideTreatment *t = g_ptr_array_index (session->treatments, k);

      g_ptr_array_add (rows, glide_report_row (
        10,
        glide_area_get_label (t->site, t->side),
        g_strdup (code_label (GLIDE_CODE_LIST_STROKE, t->stroke)),
        g_strdup_printf ("%" G_GINT64_FORMAT, t->duration_s),
        g_strdup (code_label (GLIDE_CODE_LIST_EDGE, t->edge)),
        g_strdup (t->instrument_id ? glide_report_course_instrument (data, t->instrument_id) : "–"),
        g_strdup (code_label (GLIDE_CODE_LIST_TECHNIQUE, t->technique)),
        g_strdup (code_label (GLIDE_CODE_LIST_PRESSURE, t->pressure)),
        g_strdup (code_label (GLIDE_CODE_LIST_REDNESS, t->redness)),
        g_strdup (t->petechiae ? _("Yes") : _("No")),
        g_strdup (or_dash (t->note))));
    }
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

static void
add_measurements (GlideReportDocument *doc,
                  const GlideSession  *session)
{
  const GlideReportColumn columns[] = {
    { _("Measure"), 3.0, GLIDE_ALIGN_START },
    { _("Before"), 1.0, GLIDE_ALIGN_END },
    { _("After"), 1.0, GLIDE_ALIGN_END },
    { _("Immediate change"), 1.4, GLIDE_ALIGN_END },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint m = 0; m < session->measurements->len; m++)
    {
      GlideMeasurement *x = g_ptr_array_index (session->measurements, m);
      const GlideMeasurement *pre = glide_session_find_measurement (session, x->measure, x->side,
                                                                    GLIDE_TIMING_PRE);
      const GlideMeasurement *post = glide_session_find_measurement (session, x->measure, x->side,
                                                                     GLIDE_TIMING_POST);
      char *key = g_strdup_printf ("%d/%d", x->measure, x->side);

      if (!g_hash_table_add (done, key))
        continue;
      g_ptr_array_add (rows, glide_report_row (
        4,
        glide_report_measure_label (x->measure, x->side),
        pre ? glide_progress_format_value (x->measure, pre->value) : g_strdup ("–"),
        post ? glide_progress_format_value (x->measure, post->value) : g_strdup ("–"),
        pre && post ? glide_progress_format_change (x->measure, post->value - pre->value)
                    : g_strdup ("–")));
    }
  if (rows->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, _("No measurements were taken."));
  else
    glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

static void
add_session (GlideReportDocument     *doc,
             const GlideReportCourse *data,
             const GlideSession      *session,
             guint                    number)
{
  g_autofree char *when = glide_datetime_format_long (session->start);
  g_autofree char *who = therapist_with_credentials (data, session->therapist_id);
  g_autofree char *heading = g_strdup_printf (_("Session %u of %u  ·  %s  ·  %s"), number,
                                              data->sessions->len, when, who);

  glide_report_document_keep (doc, 120);
  glide_report_document_rule (doc);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, heading);
  if (glide_session_is_signed (session))
    {
      g_autofree char *signer = therapist_with_credentials (data, session->signed_by);
      g_autofree char *at = glide_datetime_format_long (session->signed_at);
      g_autofree char *status = g_strdup_printf (_("Signed by %s on %s"), signer, at);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, status);
    }
  else
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING, _("DRAFT - not signed"));

  {
    g_autofree char *time = glide_progress_session_time (session);
    g_autofree char *units = glide_progress_session_units (session, GLIDE_UNITS_CMS_8_MINUTE,
                                                           NULL);
    g_autofree char *follow_up = NULL;
    GString *exercises = g_string_new (NULL);
    const char *fields[15] = { _("Emollient"), or_dash (session->emollient), NULL };
    guint n = 2;

    for (guint i = 0; i < session->exercises->len; i++)
      {
        g_autofree char *text = glide_progress_exercise_text (g_ptr_array_index (session->exercises, i));

        g_string_append_printf (exercises, "%s%s", i ? "; " : "", text);
      }
    if (glide_progress_reaction_text (session) != NULL)
      follow_up = session->reaction_note && *session->reaction_note ?
        g_strdup_printf ("%s: %s", glide_progress_reaction_text (session), session->reaction_note) :
        g_strdup (glide_progress_reaction_text (session));
    if (time != NULL)
      {
        fields[n++] = _("Time");
        fields[n++] = time;
      }
    if (units != NULL)
      {
        fields[n++] = _("Billed");
        fields[n++] = units;
      }
    if (exercises->len > 0)
      {
        fields[n++] = _("Exercise");
        fields[n++] = exercises->str;
      }
    if (follow_up != NULL)
      {
        fields[n++] = _("Since last visit");
        fields[n++] = follow_up;
      }
    if (session->contraindication_override != NULL)
      {
        fields[n++] = _("Contraindication override");
        fields[n++] = session->contraindication_override;
      }
    fields[n] = NULL;
    glide_report_document_fields (doc, fields);
    g_string_free (exercises, TRUE);
  }

  add_treatments (doc, data, session);
  add_measurements (doc, session);

  if (session->note != NULL && session->note[0] != '\0')
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, _("Note"));
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, session->note);
    }
  if (session->home_program != NULL && session->home_program[0] != '\0')
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, _("Home program"));
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, session->home_program);
    }
  for (guint a = 0; a < session->addenda->len; a++)
    {
      GlideAddendum *addendum = g_ptr_array_index (session->addenda, a);
      g_autofree char *author = therapist_with_credentials (data, addendum->therapist_id);
      g_autofree char *at = glide_datetime_format_long (addendum->at);
      /* Translators: "Addendum to session 2 by Dana Whitfield, DPT on 3 Mar 2026, 08:00" */
      g_autofree char *label = g_strdup_printf (_("Addendum to session %u by %s on %s"), number,
                                                author, at);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, label);
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, addendum->text);
    }
}

/**
 * glide_report_summary_build:
 *
 * Identification, screening, course and goals; trend charts with the table
 * of every measure's change against its MCID or MDC; petechiae; then every
 * session in order, complete.
 */
GlideReportDocument *
glide_report_summary_build (const GlideReportCourse  *data,
                            GlidePaper                paper,
                            gboolean                  record,
                            GError                  **error)
{
  g_autoptr(GlideReportDocument) doc = glide_report_document_new (paper, FALSE, record, error);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *generated = NULL;

  if (doc == NULL)
    return NULL;

  name = glide_patient_get_display_name (data->patient);
  title = g_strdup_printf (_("Clinical summary: %s (%s)"), name, data->patient->chart);
  /* File managers and search indexes show it: no diagnosis. */
  subject = g_strdup_printf (_("Clinical summary of course %u"), data->course_number);
  glide_report_document_set_info (doc, title, data->clinic->name, subject);
  glide_report_set_footer (doc, data->clinic, data->generated);
  glide_report_document_set_patient (doc, name, data->patient->chart, data->patient->birth_date);
  glide_report_document_add_chart (doc, data->patient->chart);

  glide_report_add_letterhead (doc, data->clinic, _("Clinical summary"));
  generated = glide_datetime_format_long (data->generated);
  {
    g_autofree char *isolated = glide_report_isolate (name);
    g_autofree char *line = g_strdup_printf (_("%s, chart %s. Generated %s."), isolated,
                                             data->patient->chart, generated);

    glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, line);
  }

  add_identification (doc, data);
  add_screening (doc, data);
  add_course_of_care (doc, data);

  if (data->sessions->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Sessions"));
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No sessions have been recorded in this course yet, so there "
                                    "are no trends, petechiae or session notes to show."));
      return g_steal_pointer (&doc);
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Trends"));
  if (data->trends->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                _("No pre-treatment measurements were recorded."));
  glide_report_add_trend_charts (doc, data, GLIDE_REPORT_FOR_CLINICIAN);
  add_petechiae (doc, data);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Sessions"));
  for (guint i = 0; i < data->sessions->len; i++)
    add_session (doc, data, g_ptr_array_index (data->sessions, i), i + 1);

  return g_steal_pointer (&doc);
}
