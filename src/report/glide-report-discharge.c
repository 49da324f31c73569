/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-discharge.c: the discharge summary a clinic files when a
 * course ends: why it ended, where each goal stands, the measures from
 * baseline to discharge, the last plan of care, the home program the patient
 * goes on with, and the discharging therapist's signature. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-report-trends.h"

#include <math.h>

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "–";
}

static void
add_patient_and_course (GlideReportDocument     *doc,
                        const GlideReportCourse *data)
{
  g_autofree char *end = glide_date_format_long (data->discharge->date);
  g_autofree char *visits = NULL;

  if (data->sessions->len > 0)
    {
      const GlideSession *first = g_ptr_array_index (data->sessions, 0);
      const GlideSession *last = g_ptr_array_index (data->sessions, data->sessions->len - 1);
      g_autofree char *from = glide_date_format_long (first->start);
      g_autofree char *to = glide_date_format_long (last->start);

      /* Translators: the visits of a course: "12 (10 Mar 2026 to 20 May 2026)" */
      visits = g_strdup_printf (_("%u (%s to %s)"), data->sessions->len, from, to);
    }
  else
    visits = g_strdup ("0");

  glide_report_add_identification (doc, data, _("Discharged"), end, _("Visits"), visits, NULL,
                                   NULL);
  if (data->n_drafts_left_out > 0)
    {
      g_autofree char *left_out =
        g_strdup_printf (glide_ngettext ("%u visit left unsigned is not included: this summary "
                                      "shows signed visits only.",
                                      "%u visits left unsigned are not included: this summary "
                                      "shows signed visits only.",
                                      data->n_drafts_left_out),
                         data->n_drafts_left_out);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING, left_out);
    }
}

static void
add_reason (GlideReportDocument     *doc,
            const GlideReportCourse *data)
{
  const char *fields[] = {
    _("Reason"), glide_code_list_label (GLIDE_CODE_LIST_DISCHARGE_REASON, data->discharge->reason),
    NULL,
  };

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Reason for discharge"));
  glide_report_document_fields (doc, fields);
  if (data->discharge->note != NULL && data->discharge->note[0] != '\0')
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, data->discharge->note);
}

/* "Set 3 Mar 2026, Dana Whitfield  ·  Met 20 May 2026, Dana Whitfield: walks 5 km" */
static char *
goal_history (const GlideReportCourse *data,
              const GlideGoal         *goal)
{
  GString *history = g_string_new (NULL);

  for (guint i = 0; i < goal->history->len; i++)
    {
      const GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, i);
      g_autofree char *when = glide_date_format_long (entry->at);
      /* Translators: the first entry of a goal's history: when it was set */
      const char *status = i == 0 && entry->status == GLIDE_GOAL_NOT_STARTED ? _("Set") :
                           glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, entry->status);

      g_string_append_printf (history, "%s%s %s, %s", i ? "  ·  " : "", status, when,
                              glide_report_course_therapist (data, entry->by));
      if (entry->note != NULL && entry->note[0] != '\0')
        g_string_append_printf (history, ": %s", entry->note);
    }
  return g_string_free (history, FALSE);
}

static void
add_goals (GlideReportDocument     *doc,
           const GlideReportCourse *data)
{
  const GlideReportColumn columns[] = {
    { _("Goal"), 3.0, GLIDE_ALIGN_START },
    { _("Target"), 2.4, GLIDE_ALIGN_START },
    { _("Baseline → discharge"), 1.6, GLIDE_ALIGN_START },
    { _("Status at discharge"), 1.4, GLIDE_ALIGN_START },
    { _("History"), 1.0, GLIDE_ALIGN_START, TRUE },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Goals at discharge"));
  if (data->goals->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, _("No goals were set."));
      return;
    }
  for (guint i = 0; i < data->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (data->goals, i);
      g_autofree char *target = glide_progress_goal_target (goal);
      GlideGoalProgress progress;
      char *values;

      glide_progress_goal (goal, data->series, data->discharge->date, &progress);
      if (progress.measured && !isnan (progress.first))
        {
          g_autofree char *first = glide_progress_format_value (goal->measure, progress.first);
          g_autofree char *latest = glide_progress_format_value (goal->measure, progress.latest);

          values = g_strdup_printf ("%s → %s", first, latest);
        }
      else
        values = g_strdup ("–");
      g_ptr_array_add (rows, glide_report_row (
        5, g_strdup (goal->text), g_strdup (target ? target : "–"), values,
        g_strdup (glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS,
                                         glide_goal_get_status (goal))),
        goal_history (data, goal)));
    }
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

static void
add_measures (GlideReportDocument     *doc,
              const GlideReportCourse *data)
{
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING,
                              _("Objective measures: baseline and at discharge"));
  if (data->trends->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No pre-treatment measurements were recorded."));
      return;
    }
  glide_report_add_trend_charts (doc, data, GLIDE_REPORT_FOR_CLINICIAN);
}

static void
add_plan (GlideReportDocument     *doc,
          const GlideReportCourse *data)
{
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Plan of care"));
  if (data->plans->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No plan of care was recorded."));
      return;
    }
  if (data->plans->len > 1)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                                _("The last of the course's plans of care; the clinical summary "
                                  "lists them all."));
  glide_report_add_care_plan (doc, data, g_ptr_array_index (data->plans, data->plans->len - 1));
}

/* The exercises of the last visit that gave any, and the last home program
 * written: what the patient goes on doing. */
static void
add_home_program (GlideReportDocument     *doc,
                  const GlideReportCourse *data)
{
  const GlideSession *with_exercises = NULL;
  const char *home_program = NULL;

  for (guint i = data->sessions->len; i > 0; i--)
    {
      const GlideSession *session = g_ptr_array_index (data->sessions, i - 1);

      if (with_exercises == NULL && session->exercises->len > 0)
        with_exercises = session;
      if (home_program == NULL && session->home_program != NULL &&
          session->home_program[0] != '\0')
        home_program = session->home_program;
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Home program to continue"));
  if (with_exercises == NULL && home_program == NULL)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No exercises or home program were given."));
      return;
    }
  if (with_exercises != NULL)
    {
      g_autofree char *date = glide_date_format_long (with_exercises->start);
      /* Translators: above the exercises of a visit, "Exercises given on 20 May 2026" */
      g_autofree char *label = g_strdup_printf (_("Exercises given on %s"), date);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, label);
      for (guint i = 0; i < with_exercises->exercises->len; i++)
        {
          g_autofree char *text =
            glide_progress_exercise_text (g_ptr_array_index (with_exercises->exercises, i));

          glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_BODY, text);
        }
    }
  if (home_program != NULL)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, _("Home program"));
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, home_program);
    }
}

static void
add_signature (GlideReportDocument     *doc,
               const GlideReportCourse *data)
{
  const GlideDischarge *discharge = data->discharge;
  GlideTherapist *therapist = g_hash_table_lookup (data->therapists, &discharge->by);
  g_autofree char *date = glide_date_format_long (discharge->date);
  g_autofree char *at = glide_datetime_format_long (discharge->at);
  const char *fields[] = {
    _("Therapist"), therapist ? therapist->name : _("unknown therapist"),
    _("Credentials"), or_dash (therapist ? therapist->credentials : NULL),
    _("Date of discharge"), date,
    _("Signed electronically"), at,
    NULL,
  };

  glide_report_document_keep (doc, 110);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Signature"));
  glide_report_document_fields (doc, fields);
  glide_report_document_rule (doc);
}

/**
 * glide_report_discharge_build:
 *
 * The discharge summary of a discharged course; refused with a sentence
 * saying so for a course that is not.
 */
GlideReportDocument *
glide_report_discharge_build (const GlideReportCourse  *data,
                              GlidePaper                paper,
                              gboolean                  record,
                              GError                  **error)
{
  g_autoptr(GlideReportDocument) doc = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;

  if (data->discharge == NULL)
    {
      if (data->course->end_date != NULL)
        {
          g_autofree char *end = glide_date_format_long (data->course->end_date);

          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                       _("Course %u of %s ended on %s without a discharge being recorded, so "
                         "there is no discharge summary to write"),
                       data->course_number, data->patient->chart, end);
        }
      else
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                     _("Course %u of %s is not discharged; discharge it first"),
                     data->course_number, data->patient->chart);
      return NULL;
    }

  if (!(doc = glide_report_document_new (paper, FALSE, record, error)))
    return NULL;

  name = glide_patient_get_display_name (data->patient);
  title = g_strdup_printf (_("Discharge summary: %s (%s)"), name, data->patient->chart);
  subject = g_strdup_printf (_("Discharge summary of course %u"), data->course_number);
  glide_report_open_chart_document (doc, data, title, subject, _("Discharge summary"));

  add_patient_and_course (doc, data);
  add_reason (doc, data);
  add_goals (doc, data);
  add_measures (doc, data);
  add_plan (doc, data);
  add_home_program (doc, data);
  add_signature (doc, data);
  return g_steal_pointer (&doc);
}
