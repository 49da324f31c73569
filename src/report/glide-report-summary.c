/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-summary.c: the clinical summary for the chart: the complete
 * record of one course. Every session with every field, who signed it and
 * when, addenda with their authors, screening with dates and recorders. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-report-trends.h"

#include <string.h>

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "–";
}

/**
 * glide_report_add_identification:
 * @end_label: the course's end row ("Ended", "Discharged") and @end its value
 * @visits_label: the visits row and @visits its value
 * @note_label: (nullable): a last row of the course, with @note
 *
 * The chart's identification, as the clinical summary and the discharge
 * summary open: the patient (name, chart, birth date), then the course
 * (number, diagnosis, ICD-10, start, end, visits, therapists).
 */
void
glide_report_add_identification (GlideReportDocument     *doc,
                                  const GlideReportCourse *data,
                                  const char              *end_label,
                                  const char              *end,
                                  const char              *visits_label,
                                  const char              *visits,
                                  const char              *note_label,
                                  const char              *note)
{
  g_autofree char *name = glide_patient_get_display_name (data->patient);
  g_autofree char *birth = data->patient->birth_date ?
                           glide_date_format_long (data->patient->birth_date) : g_strdup ("–");
  g_autofree char *course = g_strdup_printf (_("%u of %u"), data->course_number, data->n_courses);
  g_autofree char *start = data->course->start_date ?
                           glide_date_format_long (data->course->start_date) : g_strdup ("–");
  g_autofree char *therapists = glide_report_course_therapist_names (data);

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
      end_label, end,
      visits_label, visits,
      _("Therapists"), or_dash (therapists),
      note_label, note_label ? or_dash (note) : NULL,
      NULL,
    };

    glide_report_document_fields (doc, fields);
  }
}

static void
add_identification (GlideReportDocument     *doc,
                    const GlideReportCourse *data)
{
  g_autofree char *end = data->course->end_date ? glide_date_format_long (data->course->end_date)
                                                : g_strdup (_("open (active course)"));
  g_autofree char *drafts_text = NULL;
  g_autofree char *visits = NULL;
  guint drafts = 0;

  for (guint i = 0; i < data->sessions->len; i++)
    drafts += !glide_session_is_signed (g_ptr_array_index (data->sessions, i));
  drafts_text = g_strdup_printf (glide_ngettext ("%u draft", "%u drafts", drafts), drafts);
  /* Translators: the sessions of a course: "12 (10 signed, 2 drafts)"; the
   * last %s is "%u draft" or "%u drafts" */
  visits = g_strdup_printf (_("%u (%u signed, %s)"), data->sessions->len,
                            data->sessions->len - drafts, drafts_text);
  glide_report_add_identification (doc, data, _("Ended"), end, _("Sessions"), visits,
                                   _("Goals (note)"), data->course->goals);
}

/* One plan of care: certification period, frequency, interventions,
 * physicians, and who wrote it. The discharge summary shows the last. */
void
glide_report_add_care_plan (GlideReportDocument     *doc,
                            const GlideReportCourse *data,
                            const GlideCarePlan     *plan)
{
  g_autofree char *start = glide_date_format_long (plan->cert_start);
  g_autofree char *end = glide_date_format_long (plan->cert_end);
  g_autofree char *period = g_strdup_printf (_("%s to %s"), start, end);
  g_autofree char *frequency = plan->visits_per_week && plan->weeks ?
    g_strdup_printf (glide_ngettext ("%u visit a week for %u weeks",
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
    glide_report_add_care_plan (doc, data, g_ptr_array_index (data->plans, i));

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

/* The period this summary reports on: the latest progress report's, or the
 * course so far. */
static void
reporting_period (const GlideReportCourse    *data,
                  const GlideProgressReport **report,
                  char                      **from,
                  char                      **to)
{
  *report = NULL;
  if (data->progress_reports->len > 0)
    {
      *report = g_ptr_array_index (data->progress_reports, data->progress_reports->len - 1);
      *from = g_strdup ((*report)->period_start);
      *to = g_strdup ((*report)->period_end);
      return;
    }
  if (data->course->start_date != NULL)
    *from = g_strdup (data->course->start_date);
  else if (data->sessions->len > 0)
    *from = g_strndup (((GlideSession *) g_ptr_array_index (data->sessions, 0))->start, 10);
  else
    *from = g_strndup (data->generated, 10);
  *to = data->course->end_date != NULL ? g_strdup (data->course->end_date)
                                       : g_strndup (data->generated, 10);
}

static gboolean
session_in_period (const GlideSession *session,
                   const char         *from,
                   const char         *to)
{
  return strncmp (session->start, from, 10) >= 0 && strncmp (session->start, to, 10) <= 0;
}

/* The codes the table has a column for: the clinic's list in its order,
 * then codes billed that are no longer on it. */
static GPtrArray *
billed_codes (const GlideReportCourse *data,
              GPtrArray               *sessions)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; i < data->settings->billing_codes->len; i++)
    {
      const GlideClinicCode *code = g_ptr_array_index (data->settings->billing_codes, i);

      for (guint j = 0; j < sessions->len; j++)
        {
          const GlideSession *session = g_ptr_array_index (sessions, j);
          gboolean found = FALSE;

          for (guint k = 0; k < session->billing->len && !found; k++)
            found = g_str_equal (((GlideBilledTime *) g_ptr_array_index (session->billing, k))->code,
                                 code->code);
          if (found)
            {
              g_ptr_array_add (codes, code->code);
              break;
            }
        }
    }
  for (guint j = 0; j < sessions->len; j++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, j);

      for (guint k = 0; k < session->billing->len; k++)
        {
          const GlideBilledTime *time = g_ptr_array_index (session->billing, k);
          gboolean listed = FALSE;

          for (guint c = 0; c < codes->len && !listed; c++)
            listed = g_str_equal (g_ptr_array_index (codes, c), time->code);
          if (!listed)
            g_ptr_array_add (codes, time->code);
        }
    }
  return codes;
}

/* Minutes and units of each signed visit in the period, by the clinic's
 * units method, with the totals: what the payer checks against the claim. */
static void
add_minutes_and_units (GlideReportDocument     *doc,
                       const GlideReportCourse *data,
                       GPtrArray               *sessions)
{
  g_autoptr(GPtrArray) codes = billed_codes (data, sessions);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (GlideReportColumn));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree guint *code_minutes = g_new0 (guint, codes->len + 1);
  g_autofree guint *code_units = g_new0 (guint, codes->len + 1);
  g_autofree GlideTimedCode *timed = g_new0 (GlideTimedCode, codes->len + 1);
  guint sum_total = 0, sum_timed = 0, sum_units = 0;
  gboolean any_total = FALSE;   /* a visit with its total minutes recorded */
  GlideUnitsMethod method = data->settings->units_method;
  GlideReportColumn column;
  guint n_columns = codes->len + 4;

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, _("Minutes and units"));
  if (sessions->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No signed visit falls in this period."));
      return;
    }
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                              method == GLIDE_UNITS_CMS_8_MINUTE ?
                              _("Timed minutes per billing code, the units billed for each in "
                                "brackets. Units by the CMS 8-minute rule (the clinic's "
                                "setting): the visit's timed minutes give its units.") :
                              _("Timed minutes per billing code, the units billed for each in "
                                "brackets. Units by the rule of eights (the clinic's setting): "
                                "each code's minutes give its own units."));

  column = (GlideReportColumn) { _("Date"), 1.5, GLIDE_ALIGN_START };
  g_array_append_val (columns, column);
  column = (GlideReportColumn) { _("Total min"), 0.9, GLIDE_ALIGN_END };
  g_array_append_val (columns, column);
  for (guint c = 0; c < codes->len; c++)
    {
      column = (GlideReportColumn) { g_ptr_array_index (codes, c), 0.9, GLIDE_ALIGN_END };
      g_array_append_val (columns, column);
    }
  column = (GlideReportColumn) { _("Timed min"), 0.9, GLIDE_ALIGN_END };
  g_array_append_val (columns, column);
  column = (GlideReportColumn) { _("Units"), 0.7, GLIDE_ALIGN_END };
  g_array_append_val (columns, column);

  for (guint i = 0; i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);
      char **row = g_new0 (char *, n_columns + 1);
      guint n = 0, minutes = 0, units;

      for (guint c = 0; c < codes->len; c++)
        {
          timed[n].code = g_ptr_array_index (codes, c);
          timed[n].minutes = 0;
          for (guint k = 0; k < session->billing->len; k++)
            {
              const GlideBilledTime *time = g_ptr_array_index (session->billing, k);

              if (g_str_equal (time->code, timed[n].code))
                timed[n].minutes += time->minutes;
            }
          minutes += timed[n].minutes;
          n++;
        }
      units = glide_rules_allocate_units (method, timed, n);

      row[0] = glide_date_format_long (session->start);
      row[1] = session->total_minutes ? g_strdup_printf ("%u", session->total_minutes)
                                      : g_strdup ("–");
      for (guint c = 0; c < codes->len; c++)
        {
          row[2 + c] = timed[c].minutes ? g_strdup_printf ("%u (%u)", timed[c].minutes,
                                                           timed[c].units)
                                        : g_strdup ("–");
          code_minutes[c] += timed[c].minutes;
          code_units[c] += timed[c].units;
        }
      row[2 + codes->len] = g_strdup_printf ("%u", minutes);
      row[3 + codes->len] = g_strdup_printf ("%u", units);
      sum_total += session->total_minutes;
      any_total |= session->total_minutes > 0;
      sum_timed += minutes;
      sum_units += units;
      g_ptr_array_add (rows, row);
    }
  {
    char **row = g_new0 (char *, n_columns + 1);

    row[0] = g_strdup (_("Total"));
    /* No visit's total recorded: the total is unknown, not 0 minutes. */
    row[1] = any_total ? g_strdup_printf ("%u", sum_total) : g_strdup ("–");
    for (guint c = 0; c < codes->len; c++)
      row[2 + c] = g_strdup_printf ("%u (%u)", code_minutes[c], code_units[c]);
    row[2 + codes->len] = g_strdup_printf ("%u", sum_timed);
    row[3 + codes->len] = g_strdup_printf ("%u", sum_units);
    g_ptr_array_add (rows, row);
  }
  glide_report_document_table (doc, (const GlideReportColumn *) columns->data, columns->len,
                               rows, 0);
}

/* The progress report part: the period, its visits, the latest report's
 * assessment and plan with its signature, and the visits' minutes and
 * units. */
static void
add_reporting_period (GlideReportDocument     *doc,
                      const GlideReportCourse *data)
{
  const GlideProgressReport *report = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_long = NULL;
  g_autofree char *to_long = NULL;
  g_autofree char *period = NULL;
  g_autofree char *visits = NULL;
  g_autoptr(GPtrArray) in_period = g_ptr_array_new ();
  guint drafts = 0;

  reporting_period (data, &report, &from, &to);
  for (guint i = 0; i < data->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (data->sessions, i);

      if (!session_in_period (session, from, to))
        continue;
      if (glide_session_is_signed (session))
        g_ptr_array_add (in_period, session);
      else
        drafts++;
    }
  from_long = glide_date_format_long (from);
  to_long = glide_date_format_long (to);
  period = report != NULL ?
    /* Translators: the reporting period of a progress report */
    g_strdup_printf (_("%s to %s (the latest progress report's)"), from_long, to_long) :
    /* Translators: the reporting period when no progress report was written */
    g_strdup_printf (_("%s to %s (the course so far; no progress report yet)"), from_long,
                     to_long);
  visits = drafts > 0 ?
    g_strdup_printf (glide_ngettext ("%u signed (and %u draft)",
                                  "%u signed (and %u drafts)", drafts), in_period->len, drafts) :
    g_strdup_printf ("%u", in_period->len);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Progress report"));
  {
    const char *fields[] = {
      _("Reporting period"), period,
      _("Visits in this period"), visits,
      NULL,
    };

    glide_report_document_fields (doc, fields);
  }
  if (report != NULL)
    {
      g_autofree char *signer = glide_report_course_therapist_credentials (data,
                                                                          report->signed_by);
      g_autofree char *date = glide_date_format_long (report->date);
      g_autofree char *at = glide_datetime_format_long (report->signed_at);
      g_autofree char *next = report->next_due ? glide_date_format_long (report->next_due)
                                               : g_strdup ("–");
      const char *fields[] = {
        _("Assessment"), or_dash (report->assessment),
        _("Plan"), or_dash (report->plan),
        _("Next report due"), next,
        NULL,
      };
      const char *signature[] = {
        _("Signed by"), signer,
        _("Date of report"), date,
        _("Signed electronically"), at,
        NULL,
      };

      glide_report_document_fields (doc, fields);
      glide_report_document_keep (doc, 60);
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, _("Signature"));
      glide_report_document_fields (doc, signature);
    }
  else
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                                _("No progress report has been written for this course: there is "
                                  "no assessment, plan or signature of a report to show yet."));
  add_minutes_and_units (doc, data, in_period);
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
  g_autofree char *who = glide_report_course_therapist_credentials (data, session->therapist_id);
  g_autofree char *heading = g_strdup_printf (_("Session %u of %u  ·  %s  ·  %s"), number,
                                              data->sessions->len, when, who);

  glide_report_document_keep (doc, 120);
  glide_report_document_rule (doc);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, heading);
  if (glide_session_is_signed (session))
    {
      g_autofree char *signer = glide_report_course_therapist_credentials (data, session->signed_by);
      g_autofree char *at = glide_datetime_format_long (session->signed_at);
      g_autofree char *status = g_strdup_printf (_("Signed by %s on %s"), signer, at);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, status);
    }
  else
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING, _("DRAFT - not signed"));

  {
    g_autofree char *time = glide_progress_session_time (session);
    g_autofree char *units = glide_progress_session_units (session, data->settings->units_method,
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
      g_autofree char *author = glide_report_course_therapist_credentials (data, addendum->therapist_id);
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

  if (doc == NULL)
    return NULL;

  name = glide_patient_get_display_name (data->patient);
  title = g_strdup_printf (_("Clinical summary: %s (%s)"), name, data->patient->chart);
  subject = g_strdup_printf (_("Clinical summary of course %u"), data->course_number);
  glide_report_open_chart_document (doc, data, title, subject, _("Clinical summary"));

  add_identification (doc, data);
  add_reporting_period (doc, data);
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
