/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-progress.c: the progress report the patient takes home.
 * Plain words, short sentences, the direction stated on every chart, and
 * nothing about any other patient. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-report-trends.h"

#include <string.h>

#define BODY_MAP_HEIGHT 250.0
#define BODY_MAP_MIN_HEIGHT 190.0   /* smaller, it goes to the next page */
#define MAP_HEADING_HEIGHT   52.0   /* the heading and its line above the map */

/* The areas treated on the most visits, in the patient's words; ties are
 * all named, in the order they were first treated. */
static GStrv
top_areas (const GlideReportCourse *data,
           guint                   *visits)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) best = g_strv_builder_new ();
  guint most = 0;

  for (guint i = 0; i < data->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (data->sessions, i);

      for (guint k = 0; k < session->treatments->len; k++)
        {
          GlideTreatment *t = g_ptr_array_index (session->treatments, k);
          const char *label = glide_area_get_plain_label (t->site, t->side);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)) + 1;

          if (n == 1)
            g_ptr_array_add (order, (gpointer) label);
          g_hash_table_insert (counts, (gpointer) label, GUINT_TO_POINTER (n));
          most = MAX (most, n);
        }
    }
  for (guint i = 0; i < order->len; i++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, order->pdata[i])) == most)
      g_strv_builder_add (best, order->pdata[i]);
  *visits = most;
  return g_strv_builder_end (best);
}

static void
add_course_facts (GlideReportDocument     *doc,
                  const GlideReportCourse *data)
{
  g_autofree char *name = glide_report_course_patient_name (data);
  g_autofree char *birth = data->patient->birth_date ?
                           glide_date_format_long (data->patient->birth_date) : g_strdup ("–");
  g_autofree char *first = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *visits = g_strdup_printf ("%u", data->sessions->len);
  g_autofree char *therapists = glide_report_course_therapist_names (data);

  if (data->sessions->len > 0)
    {
      GlideSession *s0 = g_ptr_array_index (data->sessions, 0);
      GlideSession *sn = g_ptr_array_index (data->sessions, data->sessions->len - 1);

      first = glide_date_format_long (s0->start);
      latest = glide_date_format_long (sn->start);
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, name);
  {
    const char *fields[] = {
      _("Date of birth"), birth,
      _("Treated for"), data->course->diagnosis,
      _("First visit"), first ? first : "–",
      _("Latest visit"), latest ? latest : "–",
      _("Number of visits"), visits,
      _("Your therapists"), therapists[0] ? therapists : "–",
      NULL,
    };

    glide_report_document_fields (doc, fields);
  }
  if (data->n_drafts_left_out > 0)
    {
      g_autofree char *left_out =
        g_strdup_printf (glide_ngettext ("%u visit not yet finalised is not included: this report "
                                      "shows signed visits only.",
                                      "%u visits not yet finalised are not included: this report "
                                      "shows signed visits only.",
                                      data->n_drafts_left_out),
                         data->n_drafts_left_out);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, left_out);
    }
}

static void
add_sentences (GlideReportDocument     *doc,
               const GlideReportCourse *data)
{
  g_auto(GStrv) sentences = NULL;
  g_auto(GStrv) areas = NULL;
  GlideProgressFacts facts = { 0 };

  facts.trends = data->trends;
  facts.n_visits = data->sessions->len;
  facts.series = data->series;
  areas = top_areas (data, &facts.top_area_visits);
  facts.top_areas = (const char *const *) areas;
  sentences = glide_progress_describe (&facts);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("How you are doing"));
  for (guint i = 0; sentences[i] != NULL; i++)
    glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_LEAD, sentences[i]);
}

/* The goals in the patient's words and where each stands (a revised goal
 * gives way to the one that replaced it). */
static void
add_goals (GlideReportDocument     *doc,
           const GlideReportCourse *data)
{
  g_autofree char *today = glide_date_today ();
  guint shown = 0;

  for (guint i = 0; i < data->goals->len; i++)
    if (glide_goal_get_status (g_ptr_array_index (data->goals, i)) != GLIDE_GOAL_REVISED)
      shown++;
  if (shown == 0)
    return;

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Your goals"));
  for (guint i = 0; i < data->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (data->goals, i);
      GlideGoalProgress progress;
      g_autofree char *sentence = NULL;

      if (glide_goal_get_status (goal) == GLIDE_GOAL_REVISED)
        continue;
      glide_progress_goal (goal, data->series, today, &progress);
      sentence = glide_progress_goal_sentence (goal, &progress);
      glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_BODY, sentence);
    }
}

/* What comes next, in the patient's words: the plan's visits, the latest
 * progress report's plan, the next review; or, once discharged, that the
 * course has ended. */
static void
add_next_steps (GlideReportDocument     *doc,
                const GlideReportCourse *data)
{
  const GlideCarePlan *plan = data->plans->len > 0 ?
                              g_ptr_array_index (data->plans, data->plans->len - 1) : NULL;
  const GlideProgressReport *report = data->progress_reports->len > 0 ?
    g_ptr_array_index (data->progress_reports, data->progress_reports->len - 1) : NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = glide_date_today ();

  if (data->discharge != NULL)
    {
      g_autofree char *date = glide_date_format_long (data->discharge->date);

      g_ptr_array_add (steps, g_strdup_printf (_("Your treatment ended on %s. Keep doing your "
                                                 "home program, and call us if your symptoms "
                                                 "come back."), date));
    }
  else
    {
      if (plan != NULL && plan->visits_per_week > 0)
        {
          g_autofree char *until = glide_date_format_long (plan->cert_end);

          g_ptr_array_add (steps, g_strdup_printf (glide_ngettext ("Visits: %u a week, until %s.",
                                                                "Visits: %u a week, until %s.",
                                                                plan->visits_per_week),
                                                   plan->visits_per_week, until));
        }
      if (report != NULL && report->plan != NULL && report->plan[0] != '\0')
        g_ptr_array_add (steps, g_strdup (report->plan));
      if (report != NULL && report->next_due != NULL && strcmp (report->next_due, today) >= 0)
        {
          g_autofree char *due = glide_date_format_long (report->next_due);

          g_ptr_array_add (steps, g_strdup_printf (_("Your progress will be reviewed again by "
                                                     "%s."), due));
        }
    }
  if (steps->len == 0)
    return;
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Next steps"));
  for (guint i = 0; i < steps->len; i++)
    glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_BODY, g_ptr_array_index (steps, i));
}

/* Whether another visit of the course was on the day of visit i (they are
 * in order of time): then its time tells the rows apart. */
static gboolean
shares_its_day (const GlideReportCourse *data,
                guint                    i)
{
  const GlideSession *session = g_ptr_array_index (data->sessions, i);
  const GlideSession *before = i > 0 ? g_ptr_array_index (data->sessions, i - 1) : NULL;
  const GlideSession *after = i + 1 < data->sessions->len ?
                              g_ptr_array_index (data->sessions, i + 1) : NULL;

  return (before != NULL && strncmp (before->start, session->start, 10) == 0) ||
         (after != NULL && strncmp (after->start, session->start, 10) == 0);
}

static char **
visit_row (const GlideReportCourse *data,
           guint                    i)
{
  const GlideSession *session = g_ptr_array_index (data->sessions, i);
  const GlideMeasurement *pre = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                GLIDE_SIDE_NONE, GLIDE_TIMING_PRE);
  const GlideMeasurement *post = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                 GLIDE_SIDE_NONE, GLIDE_TIMING_POST);

  return glide_report_row (6, shares_its_day (data, i) ? glide_datetime_format_long (session->start)
                                                       : glide_date_format_long (session->start),
                           glide_report_session_plain_areas (session),
                           glide_report_session_minutes (session),
                           pre ? glide_progress_format_value (GLIDE_MEASURE_PAIN, pre->value)
                               : g_strdup ("–"),
                           post ? glide_progress_format_value (GLIDE_MEASURE_PAIN, post->value)
                                : g_strdup ("–"),
                           glide_report_session_skin (session));
}

static void
add_visits (GlideReportDocument     *doc,
            const GlideReportCourse *data)
{
  const GlideReportColumn columns[] = {
    { _("Date"), 1.25, GLIDE_ALIGN_START },
    { _("Areas treated"), 3.0, GLIDE_ALIGN_START },
    { _("Tool time"), 0.9, GLIDE_ALIGN_END },
    { _("Pain before"), 0.8, GLIDE_ALIGN_END },
    { _("Pain after"), 0.8, GLIDE_ALIGN_END },
    { _("Skin after treatment"), 2.4, GLIDE_ALIGN_START },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Your visits"));
  if (data->sessions->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No visits have been recorded in this course yet."));
      return;
    }
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                              _("Tool time: how long the tool was used in all. Pain is on a scale "
                                "from 0 (no pain) to 10 (worst pain)."));
  for (guint i = 0; i < data->sessions->len; i++)
    g_ptr_array_add (rows, visit_row (data, i));
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

static void
add_home_program (GlideReportDocument     *doc,
                  const GlideReportCourse *data)
{
  GlideSession *latest = data->sessions->len > 0 ?
                         g_ptr_array_index (data->sessions, data->sessions->len - 1) : NULL;
  gboolean has_text = latest != NULL && latest->home_program != NULL &&
                      latest->home_program[0] != '\0';
  gboolean has_exercises = latest != NULL && latest->exercises->len > 0;

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Your home program"));
  if (!has_text && !has_exercises)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No home program was written down at your latest visit. "
                                    "Ask your therapist if you are unsure what to do at home."));
      return;
    }

  {
    g_autofree char *date = glide_date_format_long (latest->start);
    g_autofree char *given = g_strdup_printf (_("Given at your visit on %s:"), date);

    glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, given);
  }
  if (has_text)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY, latest->home_program);
  /* The exercises themselves, one to a line. */
  for (guint i = 0; has_exercises && i < latest->exercises->len; i++)
    {
      g_autofree char *text = glide_progress_exercise_text (g_ptr_array_index (latest->exercises, i));

      glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_BODY, text);
    }
}

static void
add_what_to_expect (GlideReportDocument *doc,
                    const GlideClinic   *clinic)
{
  g_autofree char *call = NULL;
  const char *paragraphs[] = {
    N_("Mild soreness in the treated area is common for a day or two, like after a workout."),
    N_("The skin can look red for a few hours after treatment."),
    N_("Small red or purple dots (petechiae) can appear where the tool was used. They are "
       "harmless and fade within a few days."),
    N_("Keep moving gently and do your home program unless your therapist told you otherwise."),
  };

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("What to expect after treatment"));
  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      glide_report_document_bullet (doc, GLIDE_REPORT_TEXT_BODY, _(paragraphs[i]));
    }

  if (clinic->phone != NULL && clinic->phone[0] != '\0')
    call = g_strdup_printf (_("Call the clinic at %s if the pain is much worse two days after "
                              "a visit, if a bruise keeps growing, or if the area becomes hot or "
                              "swollen or you get a fever."), clinic->phone);
  else
    call = g_strdup (_("Call the clinic if the pain is much worse two days after a visit, if a "
                       "bruise keeps growing, or if the area becomes hot or swollen or you get a "
                       "fever."));
  glide_report_document_space (doc, 2);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, call);
}

/**
 * glide_report_progress_build:
 *
 * Page 1: the clinic, the patient and course, a sentence on each measure of
 * the progress, the pain and movement charts; then the body map of the
 * areas treated, the visits, the latest home program and what to expect,
 * flowing onto as many pages as they need.
 */
GlideReportDocument *
glide_report_progress_build (const GlideReportCourse  *data,
                             GlidePaper                paper,
                             gboolean                  record,
                             GError                  **error)
{
  g_autoptr(GlideReportDocument) doc = glide_report_document_new (paper, FALSE, record, error);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  double map_height;
  gboolean visits_first;

  if (doc == NULL)
    return NULL;
  if (data->sessions->len == 0)
    {
      if (data->n_drafts_left_out > 0)
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                     glide_ngettext ("Course %u of patient %s (%s) has no signed visit yet: the "
                                  "progress report shows signed visits only, and its %u visit is "
                                  "a draft. Sign it first, or make the clinical summary, which "
                                  "shows drafts",
                                  "Course %u of patient %s (%s) has no signed visit yet: the "
                                  "progress report shows signed visits only, and its %u visits "
                                  "are drafts. Sign them first, or make the clinical summary, "
                                  "which shows drafts",
                                  data->n_drafts_left_out),
                     data->course_number, data->patient->chart, data->course->diagnosis,
                     data->n_drafts_left_out);
      else
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                     _("Course %u of patient %s (%s) has no visits yet, so there is no "
                       "progress to report"),
                     data->course_number, data->patient->chart, data->course->diagnosis);
      return NULL;
    }

  name = glide_report_course_patient_name (data);
  title = g_strdup_printf (_("Progress report for %s"), name);
  /* The document's info shows in file managers and search indexes: it names
   * the kind of document, never the diagnosis. */
  glide_report_document_set_info (doc, title, data->clinic->name, _("Progress report"));
  glide_report_set_footer (doc, data->clinic, data->generated);
  glide_report_document_set_patient (doc, name, data->patient->chart, data->patient->birth_date);
  glide_report_document_add_chart (doc, data->patient->chart);

  glide_report_add_letterhead (doc, data->clinic, _("Your progress report"));
  add_course_facts (doc, data);
  add_goals (doc, data);
  add_sentences (doc, data);

  /* Every trend is charted or in the table; without one the heading would
   * stand over nothing (the sentences already say what was not measured). */
  if (data->trends->len > 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Your measurements"));
      glide_report_add_trend_charts (doc, data, GLIDE_REPORT_FOR_PATIENT);
    }

  /* The map takes what is left of the page if that is enough to read it,
   * and its heading stays with it; if not, the visits fill the page first. */
  visits_first = glide_report_document_get_remaining (doc) - MAP_HEADING_HEIGHT <
                 BODY_MAP_MIN_HEIGHT;
  if (visits_first)
    add_visits (doc, data);
  map_height = glide_report_document_get_remaining (doc) - MAP_HEADING_HEIGHT;
  if (map_height < BODY_MAP_MIN_HEIGHT)
    map_height = BODY_MAP_HEIGHT;
  map_height = MIN (map_height, BODY_MAP_HEIGHT);
  glide_report_document_keep (doc, map_height + MAP_HEADING_HEIGHT);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING, _("Where you were treated"));
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                              _("The darker an area, the more visits it was treated at."));
  if (!glide_report_add_body_map (doc, data, map_height, error))
    return NULL;

  if (!visits_first)
    add_visits (doc, data);
  add_home_program (doc, data);
  add_next_steps (doc, data);
  /* The safety advice stays on one page with its heading. */
  glide_report_document_begin_group (doc);
  add_what_to_expect (doc, data->clinic);
  glide_report_document_end_group (doc);
  return g_steal_pointer (&doc);
}
