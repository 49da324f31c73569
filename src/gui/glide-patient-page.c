/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-page.c: the patient page. Everything shown is read back from
 * the store after each change, so the page never shows what was not stored. */

#define G_LOG_DOMAIN "glide-patient-page"

#include "config.h"

#include "glide-patient-page.h"

#include "glide-language.h"

#include "glide-accessible.h"
#include "glide-alert-rows.h"
#include "glide-date.h"
#include "glide-export.h"
#include "glide-report-data.h"
#include "glide-rules.h"
#include "glide-status-page.h"
#include "glide-trend-chart.h"

#include "glide-application.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _GlidePatientPage
{
  AdwBin              parent_instance;

  GlideStore         *store;
  GSettings          *settings;
  GlidePatient       *patient;
  GPtrArray          *courses;       /* GlideCourse, oldest first */
  gint64              course_id;     /* selected course, 0: none */
  GPtrArray          *sessions;      /* GlideSession of the selected course */
  GPtrArray          *screening;     /* GlideScreening */
  GHashTable         *therapists;    /* id -> name */
  GlideReportCourse  *report;
  GString            *alerts_text;
  char               *refusal;       /* why no new session can start, or NULL */
  gboolean            folded;
  gboolean            updating;

  GPtrArray          *course_rows;
  GPtrArray          *session_rows;

  /* The course of care of the selected course, read with its sessions. */
  GPtrArray          *goals;         /* GlideGoal, oldest first */
  GPtrArray          *plans;         /* GlideCarePlan, the current one last */
  GPtrArray          *reports;       /* GlideProgressReport */
  GPtrArray          *consents;      /* GlideConsent */
  GlideDischarge     *discharge;     /* or NULL */
  GlideReportDueInfo  due;
  char               *due_text;      /* when the next progress report is due, or NULL */
  GPtrArray          *goal_rows;
  GPtrArray          *care_rows;
  GtkCheckButton     *condition_checks[GLIDE_CONDITION_THROMBOPHLEBITIS + 1];
  AdwActionRow       *condition_rows[GLIDE_CONDITION_THROMBOPHLEBITIS + 1];

  AdwWindowTitle     *title_widget;
  GtkListBox         *alerts;
  AdwActionRow       *identity_row;
  AdwPreferencesGroup *courses_group;
  AdwPreferencesGroup *goals_group;
  AdwPreferencesGroup *care_group;
  GtkWidget          *add_goal_button;
  AdwPreferencesGroup *sessions_group;
  GtkDropDown        *series_drop_down;
  GtkScrolledWindow  *page_scroller;
  GlideTrendChart    *trend_chart;
  AdwExpanderRow     *precautions_row;
  AdwExpanderRow     *contraindications_row;
  GtkWidget          *new_session_button;
  GtkWidget          *copy_session_button;
  GtkWidget          *add_course_button;
  GtkWidget          *edit_patient_button;
  AdwPreferencesGroup *screening_group;
};

G_DEFINE_FINAL_TYPE (GlidePatientPage, glide_patient_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SESSION_REQUESTED,
  PATIENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define N_CONDITIONS (GLIDE_CONDITION_THROMBOPHLEBITIS + 1)

/* ---- helpers ------------------------------------------------------------------ */

/* Whether this login changes clinical records: on a clinic server a manager
 * (or a login granted nothing) reads and prints only; the page then offers
 * no control the server would refuse. On SQLite the file's user does all. */
static gboolean
may_write (GlidePatientPage *self)
{
  return self->store == NULL ||
         glide_store_role_writes_records (glide_store_get_role (self->store));
}

static const GlideCourse *
find_course (GlidePatientPage *self,
             gint64            id,
             guint            *number)
{
  for (guint i = 0; self->courses != NULL && i < self->courses->len; i++)
    {
      const GlideCourse *course = g_ptr_array_index (self->courses, i);

      if (course->id == id)
        {
          if (number != NULL)
            *number = i + 1;
          return course;
        }
    }
  return NULL;
}

static const char *
therapist_name (GlidePatientPage *self,
                gint64            id)
{
  const char *name = g_hash_table_lookup (self->therapists, &id);

  return name ? name : _("unknown therapist");
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
make_badge (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, style);
  return label;
}

static char *
describe_course (const GlideCourse *course)
{
  GString *s = g_string_new (NULL);
  g_autofree char *start = course->start_date ? glide_date_format_long (course->start_date) : NULL;
  g_autofree char *end = course->end_date ? glide_date_format_long (course->end_date) : NULL;

  if (course->icd10 != NULL)
    g_string_append_printf (s, "%s · ", course->icd10);
  if (start != NULL && end != NULL)
    /* Translators: a course's dates */
    g_string_append_printf (s, _("%s to %s, discharged"), start, end);
  else if (start != NULL)
    g_string_append_printf (s, _("since %s, active"), start);
  else
    g_string_append (s, glide_course_is_active (course) ? _("active") : _("discharged"));
  if (course->goals != NULL && *course->goals != '\0')
    g_string_append_printf (s, "\n%s %s", _("Goals:"), course->goals);
  return g_string_free (s, FALSE);
}

static char *
format_pain (const GlideSession *session)
{
  const GlideMeasurement *pre = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                GLIDE_SIDE_NONE, GLIDE_TIMING_PRE);
  const GlideMeasurement *post = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                 GLIDE_SIDE_NONE, GLIDE_TIMING_POST);
  char a[G_ASCII_DTOSTR_BUF_SIZE] = "–", b[G_ASCII_DTOSTR_BUF_SIZE] = "–";

  if (pre == NULL && post == NULL)
    return g_strdup (_("pain not recorded"));
  if (pre != NULL)
    g_snprintf (a, sizeof a, "%g", pre->value);
  if (post != NULL)
    g_snprintf (b, sizeof b, "%g", post->value);
  /* Translators: pain before → after treatment, e.g. "pain 6 → 4" */
  return g_strdup_printf (_("pain %s → %s"), a, b);
}

/* ---- filling -------------------------------------------------------------------- */

static void
fill_alerts (GlidePatientPage *self)
{
  glide_alert_rows_clear (self->alerts);
  g_string_truncate (self->alerts_text, 0);
  glide_alert_rows_add_screening (self->alerts, self->screening, TRUE, self->alerts_text);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts), self->alerts_text->len > 0);
}

static const GlideScreening *
find_screening (GlidePatientPage *self,
                GlideCondition    condition)
{
  for (guint i = 0; self->screening != NULL && i < self->screening->len; i++)
    if (((GlideScreening *) g_ptr_array_index (self->screening, i))->condition == condition)
      return g_ptr_array_index (self->screening, i);
  return NULL;
}

static void
fill_screening (GlidePatientPage *self)
{
  guint n_precautions = 0, n_contra = 0;
  g_autofree char *p = NULL, *c = NULL;

  self->updating = TRUE;
  for (guint condition = 0; condition < N_CONDITIONS; condition++)
    {
      const GlideScreening *found = find_screening (self, condition);
      g_autofree char *subtitle = NULL;

      gtk_check_button_set_active (self->condition_checks[condition], found && found->present);
      gtk_widget_set_sensitive (GTK_WIDGET (self->condition_checks[condition]), may_write (self));
      if (found != NULL)
        {
          g_autofree char *date = found->recorded ? glide_date_format_long (found->recorded) : NULL;
          const char *who = found->recorded_by ? therapist_name (self, found->recorded_by) : NULL;

          /* Translators: screening: "Present, recorded by Dana Whitfield on 3 March 2026" */
          subtitle = g_strdup_printf ("%s%s%s%s%s",
                                      found->present ? _("Present") : _("Absent"),
                                      who ? _(", recorded by ") : "", who ? who : "",
                                      date ? _(" on ") : "", date ? date : "");
          if (found->note != NULL && *found->note != '\0')
            {
              char *with_note;

              /* Translators: the screening line, then the condition's note */
              with_note = g_strdup_printf (_("%s\nNote: %s"), subtitle, found->note);
              g_free (subtitle);
              subtitle = with_note;
            }
          if (found->present)
            {
              if (glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION)
                n_contra++;
              else
                n_precautions++;
            }
        }
      adw_action_row_set_subtitle (self->condition_rows[condition],
                                   subtitle ? subtitle : _("Not screened"));
    }
  self->updating = FALSE;

  p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on file", "%u on file", n_precautions),
                       n_precautions);
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on file", "%u on file", n_contra), n_contra);
  adw_expander_row_set_subtitle (self->precautions_row, p);
  adw_expander_row_set_subtitle (self->contraindications_row, c);
}

static void
on_course_row_activated (AdwActionRow     *row,
                         GlidePatientPage *self)
{
  glide_patient_page_select_course (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")));
}

static void
fill_courses (GlidePatientPage *self)
{
  remove_rows (self->courses_group, self->course_rows);

  for (guint i = 0; i < self->courses->len; i++)
    {
      const GlideCourse *course = g_ptr_array_index (self->courses, i);
      g_autofree char *subtitle = describe_course (course);
      g_autofree char *edit_target = g_strdup_printf ("patient.edit-course(int64 %" G_GINT64_FORMAT ")", course->id);
      g_autofree char *discharge_target = g_strdup_printf ("patient.discharge-course(int64 %" G_GINT64_FORMAT ")", course->id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), course->diagnosis);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) course->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_course_row_activated), self);

      gtk_widget_set_opacity (mark, course->id == self->course_id ? 1 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      course->id == self->course_id ? _("Selected") : "", -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark);

      if (!may_write (self))
        ;  /* read only: no edit or discharge buttons */
      else if (glide_course_is_active (course))
        {
          GtkWidget *discharge = gtk_button_new_with_mnemonic (_("_Discharge"));

          gtk_widget_set_valign (discharge, GTK_ALIGN_CENTER);
          gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (discharge), discharge_target);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), discharge);
        }
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Course"));
      glide_accessible_set_label (edit, _("Edit Course"));
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (edit), edit_target);
      gtk_widget_set_visible (edit, may_write (self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

      adw_preferences_group_add (self->courses_group, row);
      g_ptr_array_add (self->course_rows, row);
    }

  if (self->courses->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No course yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   may_write (self) ?
                                   _("Add a course with the diagnosis before the first session.") :
                                   _("None was documented yet."));
      adw_preferences_group_add (self->courses_group, row);
      g_ptr_array_add (self->course_rows, row);
    }
}

static void
on_session_row_activated (AdwActionRow     *row,
                          GlidePatientPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  g_signal_emit (self, signals[SESSION_REQUESTED], 0, self->course_id, id, (gint64) 0);
}

/* Adds a row to the session list that opens session @id (0: a new session
 * in the course, which takes any typing kept for it), then the badges:
 * text and style pairs, ending with NULL. */
static void
add_session_row (GlidePatientPage *self,
                 const char       *title,
                 const char       *subtitle,
                 gint64            id,
                 ...)
{
  GtkWidget *row = adw_action_row_new ();
  const char *badge;
  va_list badges;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  va_start (badges, id);
  while ((badge = va_arg (badges, const char *)) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (badge, va_arg (badges, const char *)));
  va_end (badges);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (row, "activated", G_CALLBACK (on_session_row_activated), self);
  adw_preferences_group_add (self->sessions_group, row);
  g_ptr_array_add (self->session_rows, row);
}

static void
fill_sessions (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GHashTable) unsaved = g_hash_table_new (g_str_hash, g_str_equal); /* key -> saved at */
  g_autofree char *new_key = course ? glide_recovery_key (course->id, 0) : NULL;
  const char *kept_at;

  remove_rows (self->sessions_group, self->session_rows);

  if (course != NULL)
    /* Translators: the heading of the session list, with the course's diagnosis */
    title = g_strdup_printf (_("Sessions: %s"), course->diagnosis);
  adw_preferences_group_set_title (self->sessions_group, title ? title : _("Sessions"));

  /* Typing kept because it was not yet a valid draft (Glide closed or was
   * killed): shown, so it is finished or discarded, not forgotten. */
  kept = glide_store_list_recovery (self->store, NULL);
  for (guint i = 0; course != NULL && kept != NULL && i < kept->len; i++)
    {
      const GlideRecovery *recovery = g_ptr_array_index (kept, i);

      g_hash_table_insert (unsaved, recovery->key, recovery->saved_at);
    }
  if (course != NULL && (kept_at = g_hash_table_lookup (unsaved, new_key)) != NULL)
    {
      g_autofree char *when = glide_datetime_format_long (kept_at);
      g_autofree char *subtitle =
        /* Translators: %s is a date and time */
        g_strdup_printf (_("Typed until %s, not yet a valid draft. Open it to finish it or discard it."),
                         when);

      add_session_row (self, _("Unsaved new session"), subtitle, 0, _("Unsaved"), "warning", NULL);
    }

  /* Newest first: the one a therapist wants is usually the last. */
  for (guint i = self->sessions ? self->sessions->len : 0; i-- > 0;)
    {
      g_autofree char *key = NULL;
      const GlideSession *session = g_ptr_array_index (self->sessions, i);
      g_autofree char *when = glide_datetime_format_long (session->start);
      g_autofree char *areas = glide_report_session_areas (session);
      g_autofree char *pain = format_pain (session);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s",
                                                   therapist_name (self, session->therapist_id),
                                                   pain, areas);
      gboolean is_signed = glide_session_is_signed (session);
      const char *state = is_signed ? _("Signed") : _("Draft");
      const char *state_style = is_signed ? "success" : "warning";

      key = glide_recovery_key (self->course_id, session->id);
      if (g_hash_table_contains (unsaved, key))
        add_session_row (self, when, subtitle, session->id, _("Unsaved changes"), "warning",
                         state, state_style, NULL);
      else
        add_session_row (self, when, subtitle, session->id, state, state_style, NULL);
    }

  if (self->session_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No sessions yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   course == NULL ? _("Sessions belong to a course; add one first.") :
                                   !glide_course_is_active (course) ?
                                   _("None was documented before the discharge.") :
                                   !may_write (self) ? _("None was documented yet.") :
                                   _("Press Ctrl+Shift+N to document the first one."));
      adw_preferences_group_add (self->sessions_group, row);
      g_ptr_array_add (self->session_rows, row);
    }
}

static void
fill_trend (GlidePatientPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint number = 0;

  g_clear_pointer (&self->report, glide_report_course_free);
  if (find_course (self, self->course_id, &number) != NULL)
    self->report = glide_report_course_load (self->store, self->patient->chart, number, NULL);
  glide_trend_chart_set_course (self->trend_chart, self->report);

  for (guint i = 0; i < glide_trend_chart_get_n_series (self->trend_chart); i++)
    gtk_string_list_append (labels, glide_trend_chart_get_series_label (self->trend_chart, i));
  gtk_drop_down_set_model (self->series_drop_down, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->series_drop_down, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->series_drop_down),
                          glide_trend_chart_get_n_series (self->trend_chart) > 1);
}

/* ---- the course of care ----------------------------------------------------------- */

/* Whether the selected course still takes goals, plans, reports and consent:
 * it is open, and this login writes records. */
static gboolean
care_is_open (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);

  return course != NULL && glide_course_is_active (course) && self->discharge == NULL &&
         may_write (self);
}

static const char *
goal_status_style (GlideGoalStatus status)
{
  switch (status)
    {
    case GLIDE_GOAL_MET:
      return "success";
    case GLIDE_GOAL_PROGRESSING:
      return "accent";
    case GLIDE_GOAL_PARTLY_MET:
      return "warning";
    case GLIDE_GOAL_NOT_MET:
      return "error";
    case GLIDE_GOAL_NOT_STARTED:
    case GLIDE_GOAL_REVISED:
    default:
      return "neutral";
    }
}

static GlideGoal *
find_goal (GlidePatientPage *self,
           gint64            id)
{
  for (guint i = 0; self->goals != NULL && i < self->goals->len; i++)
    if (((GlideGoal *) g_ptr_array_index (self->goals, i))->id == id)
      return g_ptr_array_index (self->goals, i);
  return NULL;
}

static GlideCarePlan *
current_plan (GlidePatientPage *self)
{
  if (self->plans == NULL || self->plans->len == 0)
    return NULL;
  return g_ptr_array_index (self->plans, self->plans->len - 1);
}

static char *
format_value (GlideMeasure measure,
              double       value)
{
  /* Translators: a measured value and its unit: "3/10", "120°", "58" */
  return g_strdup_printf (_("%g%s"), value, glide_measure_get_unit (measure));
}

static char *
date_add_days (const char *text,
               int         days)
{
  GDate date;

  if (text == NULL || !glide_datetime_get_date (text, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return glide_date_format (&date);
}

/* The goal's target in plain words: "Pain ≤ 2/10 by 15 Oct 2026",
 * "Knee flexion, right ≥ 120°", "By 1 Jun 2026"; NULL with neither. */
static char *
describe_goal_target (const GlideGoal *goal)
{
  g_autofree char *target = NULL;
  g_autofree char *date = goal->target_date ? glide_date_format_long (goal->target_date) : NULL;

  if (goal->measure != (GlideMeasure) -1)
    {
      g_autofree char *label = glide_report_measure_label (goal->measure, goal->side);
      g_autofree char *value = format_value (goal->measure, goal->target);

      target = g_strdup_printf (glide_measure_get_better (goal->measure) == GLIDE_BETTER_LOWER ?
                                /* Translators: a goal's target: "Pain ≤ 2/10" */
                                _("%s ≤ %s") :
                                /* Translators: a goal's target: "Knee flexion, right ≥ 120°" */
                                _("%s ≥ %s"),
                                label, value);
    }
  if (target != NULL && date != NULL)
    /* Translators: a goal's target and its date: "Pain ≤ 2/10 by 15 Oct 2026" */
    return g_strdup_printf (_("%s by %s"), target, date);
  if (date != NULL)
    /* Translators: a goal's target date */
    return g_strdup_printf (_("By %s"), date);
  return g_steal_pointer (&target);
}

/* What the goal's measure says: the values measured before treatment in the
 * course's signed sessions (what lasted from one visit to the next, as the
 * trend and the reports read them). FALSE without a linked measure or any
 * such value. */
static gboolean
propose_goal_status (GlidePatientPage  *self,
                     const GlideGoal   *goal,
                     GlideGoalProposal *proposal,
                     double            *latest,
                     const char       **latest_date)
{
  g_autoptr(GArray) values = NULL;
  g_autofree char *today = NULL;
  gint64 first_rater = 0, last_rater = 0;

  if (goal->measure == (GlideMeasure) -1 || self->report == NULL || self->report->series == NULL)
    return FALSE;

  values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->report->series->len; i++)
    {
      const GlideSeries *series = g_ptr_array_index (self->report->series, i);

      if (series->measure != goal->measure || series->side != goal->side)
        continue;
      for (guint j = 0; j < series->points->len; j++)
        {
          const GlideSeriesPoint *point = &g_array_index (series->points, GlideSeriesPoint, j);

          if (isnan (point->pre) || glide_report_course_is_draft (self->report, point->session_id))
            continue;
          g_array_append_val (values, point->pre);
          if (first_rater == 0)
            first_rater = point->therapist_id;
          last_rater = point->therapist_id;
          *latest_date = point->date;
        }
    }
  if (values->len == 0)
    return FALSE;

  today = glide_date_today ();
  *latest = g_array_index (values, double, values->len - 1);
  glide_rules_propose_goal_status (goal->measure, goal->target, (const double *) values->data,
                                   values->len, first_rater == last_rater, goal->target_date,
                                   today, proposal);
  return TRUE;
}

/* At discharge a goal is met, partly met or not met: the rules' proposal
 * where the measure gives one, else what the therapist set last. */
static GlideGoalStatus
propose_discharge_status (GlidePatientPage *self,
                          const GlideGoal  *goal)
{
  GlideGoalProposal proposal;
  GlideGoalStatus status = glide_goal_get_status (goal);
  const char *date = NULL;
  double latest;

  if (propose_goal_status (self, goal, &proposal, &latest, &date))
    {
      if (proposal.status == GLIDE_GOAL_MET || proposal.status == GLIDE_GOAL_PARTLY_MET ||
          proposal.status == GLIDE_GOAL_NOT_MET)
        return proposal.status;
      return !isnan (proposal.fraction) && proposal.fraction >= GLIDE_GOAL_PARTLY_MET_FRACTION ?
             GLIDE_GOAL_PARTLY_MET : GLIDE_GOAL_NOT_MET;
    }
  if (status == GLIDE_GOAL_MET || status == GLIDE_GOAL_PARTLY_MET)
    return status;
  return status == GLIDE_GOAL_PROGRESSING ? GLIDE_GOAL_PARTLY_MET : GLIDE_GOAL_NOT_MET;
}

/* "Latest 3/10 on 2 Dec 2026: proposed Progressing", or NULL. */
static char *
describe_goal_proposal (GlidePatientPage *self,
                        const GlideGoal  *goal,
                        GlideGoalStatus  *proposed)
{
  GlideGoalProposal proposal;
  const char *date = NULL;
  g_autofree char *value = NULL;
  g_autofree char *when = NULL;
  double latest;

  if (!propose_goal_status (self, goal, &proposal, &latest, &date))
    return NULL;
  value = format_value (goal->measure, latest);
  when = glide_date_format_long (date);
  if (proposed != NULL)
    *proposed = proposal.status;
  if (proposal.status == glide_goal_get_status (goal))
    /* Translators: the goal's measure, its latest value and date: "Latest 3/10 on 2 Dec 2026" */
    return g_strdup_printf (_("Latest %s on %s"), value, when);
  /* Translators: "Latest 3/10 on 2 Dec 2026: proposed Progressing"; the therapist decides */
  return g_strdup_printf (_("Latest %s on %s: proposed %s"), value, when,
                          glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, proposal.status));
}

static gboolean
shown_once_expanded (GBinding     *binding,
                     const GValue *expanded,
                     GValue       *visible,
                     gpointer      user_data)
{
  if (!g_value_get_boolean (expanded))
    return FALSE;  /* collapsing: the rows stay for the animation */
  g_value_set_boolean (visible, TRUE);
  return TRUE;
}

/* Adds @row to @expander, hidden until @expander is first expanded: GTK
 * measures a collapsed expander's rows too (its revealer measures its child
 * at every width the page is measured at), about 30 layouts of each row's
 * text before the page's first frame. */
static void
add_row_shown_when_expanded (AdwExpanderRow *expander,
                             GtkWidget      *row)
{
  gtk_widget_set_visible (row, adw_expander_row_get_expanded (expander));
  g_object_bind_property_full (expander, "expanded", row, "visible", G_BINDING_DEFAULT,
                               shown_once_expanded, NULL, NULL, NULL);
  adw_expander_row_add_row (expander, row);
}

static void
add_goal_history_row (AdwExpanderRow *expander,
                      const char     *title,
                      const char     *note)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (note != NULL && *note != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
  add_row_shown_when_expanded (expander, row);
}

static GtkWidget *
make_goal_row (GlidePatientPage *self,
               const GlideGoal  *goal)
{
  GtkWidget *row = adw_expander_row_new ();
  GlideGoalStatus status = glide_goal_get_status (goal);
  const GlideGoalStatusEntry *latest = NULL;
  const GlideGoal *replaced = goal->replaces ? find_goal (self, goal->replaces) : NULL;
  g_autofree char *target = describe_goal_target (goal);
  g_autofree char *hint = status != GLIDE_GOAL_REVISED ? describe_goal_proposal (self, goal, NULL) : NULL;
  g_autofree char *set = NULL;
  g_autofree char *created = glide_date_format_long (goal->created_at);
  GString *subtitle = g_string_new (target);
  GtkWidget *badge = make_badge (glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, status),
                                 goal_status_style (status));

  if (goal->history != NULL && goal->history->len > 0)
    latest = g_ptr_array_index (goal->history, goal->history->len - 1);
  if (latest != NULL && (latest->status != GLIDE_GOAL_NOT_STARTED || goal->history->len > 1))
    {
      g_autofree char *when = glide_date_format_long (latest->at);

      /* Translators: a goal's status, when and by whom it was set: "Progressing since 16 Mar 2026 · Dana Whitfield" */
      set = g_strdup_printf (_("%s since %s · %s"),
                             glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, latest->status),
                             when, therapist_name (self, latest->by));
    }
  else
    /* Translators: a goal without a status yet: when and by whom it was set */
    set = g_strdup_printf (_("Set %s · %s"), created, therapist_name (self, goal->created_by));
  if (hint != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "", hint);
  g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "", set);
  if (replaced != NULL)
    /* Translators: the goal a revised goal replaces */
    g_string_append_printf (subtitle, _("\nReplaces “%s”"), replaced->text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), goal->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);
  g_object_set_data (G_OBJECT (row), "goal-id", GSIZE_TO_POINTER ((gsize) goal->id));

  if (care_is_open (self) && status != GLIDE_GOAL_REVISED)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autofree char *set_action = g_strdup_printf ("patient.set-goal-status(int64 %" G_GINT64_FORMAT ")", goal->id);
      g_autofree char *revise_action = g_strdup_printf ("patient.revise-goal(int64 %" G_GINT64_FORMAT ")", goal->id);
      /* Translators: the name of a goal's menu button for a screen reader */
      g_autofree char *name = g_strdup_printf (_("Change Goal “%s”"), goal->text);
      GtkWidget *button = gtk_menu_button_new ();

      g_menu_append (menu, _("_Set Status…"), set_action);
      g_menu_append (menu, _("_Revise…"), revise_action);
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Set Status or Revise"));
      glide_accessible_set_label (button, name);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
    }
  /* Actions are packed from the end: the status shows next to the goal. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);

  /* The history, oldest first, from the goal being set (not started). */
  for (guint i = 0; goal->history != NULL && i < goal->history->len; i++)
    {
      const GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, i);
      g_autofree char *when = glide_date_format_long (entry->at);
      g_autofree char *title = NULL;

      /* Translators: a goal's history: status · date · therapist: "Progressing · 16 Mar 2026 · Dana Whitfield" */
      title = g_strdup_printf (_("%s · %s · %s"),
                               glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, entry->status),
                               when, therapist_name (self, entry->by));
      add_goal_history_row (ADW_EXPANDER_ROW (row), title, entry->note);
    }
  return row;
}

static void
fill_goals (GlidePatientPage *self)
{
  gboolean open = care_is_open (self);

  remove_rows (self->goals_group, self->goal_rows);
  gtk_widget_set_visible (self->add_goal_button, open);

  /* The goals in force first, then those revised, for the record. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; self->goals != NULL && i < self->goals->len; i++)
      {
        const GlideGoal *goal = g_ptr_array_index (self->goals, i);
        gboolean revised = glide_goal_get_status (goal) == GLIDE_GOAL_REVISED;
        GtkWidget *row;

        if (revised != (pass == 1))
          continue;
        row = make_goal_row (self, goal);
        adw_preferences_group_add (self->goals_group, row);
        g_ptr_array_add (self->goal_rows, row);
      }

  if (self->goal_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No goals yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), open ?
                                   _("Add what the patient wants to reach, with a measure and a "
                                     "date where one fits.") :
                                   _("None was recorded for this course."));
      adw_preferences_group_add (self->goals_group, row);
      g_ptr_array_add (self->goal_rows, row);
    }
}

/* Adds a row to the plan of care group, with @suffix (a button) if any. */
static GtkWidget *
add_care_row (GlidePatientPage *self,
              const char       *title,
              const char       *subtitle,
              const char       *badge,
              const char       *badge_style,
              GtkWidget        *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (badge != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (badge, badge_style));
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
    }
  adw_preferences_group_add (self->care_group, row);
  g_ptr_array_add (self->care_rows, row);
  return row;
}

static GtkWidget *
make_action_button (const char *label,
                    const char *action,
                    const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (name != NULL)
    {
      gtk_widget_set_tooltip_text (button, name);
      glide_accessible_set_label (button, name);
    }
  return button;
}

/* "2× a week for 8 weeks" */
static char *
describe_frequency (const GlideCarePlan *plan)
{
  g_autofree char *per_week = NULL;

  if (plan->visits_per_week == 0 && plan->weeks == 0)
    return NULL;
  if (plan->visits_per_week > 0)
    /* Translators: visits a week in a plan of care: "2× a week" */
    per_week = g_strdup_printf (_("%u× a week"), plan->visits_per_week);
  if (plan->weeks == 0)
    return g_steal_pointer (&per_week);
  if (per_week == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "for %u week", "for %u weeks", plan->weeks),
                            plan->weeks);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "2× a week for 8 weeks" */
                                       "%s for %u week", "%s for %u weeks", plan->weeks),
                          per_week, plan->weeks);
}

static void
fill_plan_row (GlidePatientPage *self,
               const char       *today)
{
  const GlideCarePlan *plan = current_plan (self);
  gboolean open = care_is_open (self);
  GString *subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *frequency = NULL;
  const char *badge = NULL, *badge_style = NULL;
  GtkWidget *suffix = NULL;

  if (plan == NULL)
    {
      g_string_append (subtitle, open ?
                       _("Frequency, duration, interventions and the certifying physician for "
                         "the certification period.") :
                       _("None was recorded for this course."));
      if (open)
        suffix = make_action_button (_("Add _Plan…"), "patient.new-plan", _("Add Plan of Care"));
      add_care_row (self, _("No plan of care"), subtitle->str, NULL, NULL, suffix);
      g_string_free (subtitle, TRUE);
      return;
    }

  {
    g_autofree char *start = glide_date_format_long (plan->cert_start);
    g_autofree char *end = glide_date_format_long (plan->cert_end);

    /* Translators: a plan of care's certification period */
    title = g_strdup_printf (_("Certified %s to %s"), start, end);
  }
  if ((frequency = describe_frequency (plan)) != NULL)
    g_string_append (subtitle, frequency);
  for (guint i = 0; i < plan->interventions->len; i++)
    g_string_append_printf (subtitle, "%s%s", i == 0 ? (subtitle->len ? " · " : "") : ", ",
                            glide_code_list_label (GLIDE_CODE_LIST_INTERVENTION,
                                                   g_array_index (plan->interventions,
                                                                  GlideIntervention, i)));
  if (plan->referring_name != NULL && *plan->referring_name != '\0')
    g_string_append_printf (subtitle, "%s%s %s", subtitle->len ? "\n" : "",
                            _("Referred by"), plan->referring_name);
  if (plan->certifying_name != NULL && *plan->certifying_name != '\0')
    {
      g_autofree char *on = plan->certified_on ? glide_date_format_long (plan->certified_on) : NULL;

      g_string_append (subtitle, subtitle->len ? (plan->referring_name ? " · " : "\n") : "");
      if (on != NULL)
        /* Translators: the physician who certified the plan of care, and when */
        g_string_append_printf (subtitle, _("certified by %s on %s"), plan->certifying_name, on);
      else
        /* Translators: the physician to certify the plan of care, who has not signed it yet */
        g_string_append_printf (subtitle, _("to be certified by %s (not signed yet)"),
                                plan->certifying_name);
    }

  /* Re-certification: the period ends within two weeks, or has ended. */
  if (open)
    switch (glide_rules_recertification_due (plan->cert_end, today, NULL))
      {
      case GLIDE_REPORT_OVERDUE:
        badge = _("Re-certification overdue"), badge_style = "error";
        break;
      case GLIDE_REPORT_DUE:
        badge = _("Re-certification due"), badge_style = "warning";
        break;
      case GLIDE_REPORT_NOT_DUE:
      default:
        break;
      }

  if (open)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      GtkWidget *button = gtk_menu_button_new ();

      g_menu_append (menu, _("_Edit Plan…"), "patient.edit-plan");
      g_menu_append (menu, _("_New Certification Period…"), "patient.new-plan");
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Edit Plan or Start a New Certification Period"));
      glide_accessible_set_label (button, _("Change Plan of Care"));
      suffix = button;
    }
  add_care_row (self, title, subtitle->str, badge, badge_style, suffix);
  g_string_free (subtitle, TRUE);
}

/* "Progress report due at the next visit", "… overdue", "Next progress
 * report in 3 visits or by 15 Oct 2026". */
static char *
describe_report_due (const GlideReportDueInfo *due,
                     const char               *today)
{
  g_autofree char *by = due->due_date ? glide_date_format_long (due->due_date) : NULL;

  switch (due->due)
    {
    case GLIDE_REPORT_OVERDUE:
      return g_strdup (_("Progress report overdue"));
    case GLIDE_REPORT_DUE:
      if (due->due_date != NULL && g_strcmp0 (due->due_date, today) == 0 && due->visits_left > 0)
        return g_strdup (_("Progress report due today"));
      return g_strdup (_("Progress report due at the next visit"));
    case GLIDE_REPORT_NOT_DUE:
    default:
      if (by != NULL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: visits, then a date */
                                             "Next progress report in %u visit or by %s",
                                             "Next progress report in %u visits or by %s",
                                             due->visits_left + 1),
                                due->visits_left + 1, by);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Next progress report in %u visit",
                                           "Next progress report in %u visits",
                                           due->visits_left + 1),
                              due->visits_left + 1);
    }
}

static void
fill_report_row (GlidePatientPage *self,
                 const char       *today)
{
  const GlideProgressReport *last = NULL;
  gboolean open = care_is_open (self);
  GString *subtitle = g_string_new (NULL);
  const char *badge = NULL, *badge_style = NULL;
  GtkWidget *suffix = NULL;

  if (self->reports != NULL && self->reports->len > 0)
    last = g_ptr_array_index (self->reports, self->reports->len - 1);
  if (last != NULL)
    {
      g_autofree char *date = glide_date_format_long (last->date);
      g_autofree char *from = glide_date_format_long (last->period_start);
      g_autofree char *to = glide_date_format_long (last->period_end);

      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the last progress report: its date, the period, visits, who signed */
                                           "Last report %s, for %s to %s (%u visit) · %s",
                                           "Last report %s, for %s to %s (%u visits) · %s",
                                           last->visits),
                              date, from, to, last->visits, therapist_name (self, last->signed_by));
    }
  else
    g_string_append (subtitle, _("No progress report yet"));
  if (open)
    {
      guint n = self->due.visits_since;

      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, last != NULL ?
                              g_dngettext (GETTEXT_PACKAGE, "%u signed visit since the last report",
                                           "%u signed visits since the last report", n) :
                              g_dngettext (GETTEXT_PACKAGE, "%u signed visit so far",
                                           "%u signed visits so far", n),
                              n);
      if (self->due.due_date != NULL)
        {
          g_autofree char *by = glide_date_format_long (self->due.due_date);

          /* Translators: the date the therapist set for the next progress report */
          g_string_append_printf (subtitle, _(" · due by %s"), by);
        }
      if (self->due.due == GLIDE_REPORT_OVERDUE)
        badge = _("Overdue"), badge_style = "error";
      else if (self->due.due == GLIDE_REPORT_DUE)
        badge = _("Due"), badge_style = "warning";
      suffix = make_action_button (_("_Record Report…"), "patient.record-progress-report",
                                   _("Record Progress Report"));
    }
  add_care_row (self, open ? self->due_text : _("Progress reports"), subtitle->str, badge,
                badge_style, suffix);
  g_string_free (subtitle, TRUE);
}

static void
fill_consent_row (GlidePatientPage *self)
{
  const GlideConsent *consent = NULL;
  gboolean open = care_is_open (self);
  g_autofree char *subtitle = NULL;

  if (self->consents != NULL && self->consents->len > 0)
    consent = g_ptr_array_index (self->consents, self->consents->len - 1);
  if (consent != NULL)
    {
      g_autofree char *when = glide_date_format_long (consent->at);

      /* Translators: consent to IASTM's risks: when, who obtained it, the risks explained */
      subtitle = g_strdup_printf (_("Given %s (%s)\n%s"), when,
                                  therapist_name (self, consent->obtained_by), consent->risks);
    }
  add_care_row (self, _("Consent to IASTM risks"),
                subtitle ? subtitle : open ?
                _("Explain the risks and record the patient’s consent before the first "
                  "treatment.") : _("Not recorded"),
                consent == NULL && open ? _("Not recorded") : NULL, "warning",
                open ? make_action_button (_("Record _Consent…"), "patient.record-consent",
                                           _("Record Consent to IASTM Risks")) : NULL);
}

static void
fill_discharge_row (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->discharge != NULL)
    {
      date = glide_date_format_long (self->discharge->date);
      /* Translators: a course's discharge: its date and reason: "Discharged 20 Oct 2026 · Goals met" */
      title = g_strdup_printf (_("Discharged %s · %s"), date,
                               glide_code_list_label (GLIDE_CODE_LIST_DISCHARGE_REASON,
                                                      self->discharge->reason));
      /* Translators: the discharge note, then who discharged the patient */
      subtitle = g_strdup_printf (_("%s\n— %s"), self->discharge->note,
                                  therapist_name (self, self->discharge->by));
      add_care_row (self, title, subtitle, NULL, NULL,
                    make_action_button (_("Discharge _Summary…"), "patient.export-discharge",
                                        _("Export the discharge summary as a PDF")));
      return;
    }
  else if (course != NULL && !glide_course_is_active (course))
    {
      date = glide_date_format_long (course->end_date);
      title = g_strdup_printf (_("Discharged %s"), date);
      subtitle = g_strdup (_("No discharge summary was recorded."));
    }
  else
    return;
  add_care_row (self, title, subtitle, NULL, NULL, NULL);
}

/* Reads and shows the selected course's goals, plan of care, progress
 * reports, consent and discharge: only for the course shown. */
static void
fill_care (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = glide_date_today ();

  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->discharge, glide_discharge_free);
  g_clear_pointer (&self->due_text, g_free);
  glide_report_due_info_clear (&self->due);
  remove_rows (self->goals_group, self->goal_rows);
  remove_rows (self->care_group, self->care_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->goals_group), course != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->care_group), course != NULL);
  if (course == NULL)
    return;

  if (!(self->goals = glide_store_list_goals (self->store, course->id, &error)) ||
      !(self->plans = glide_store_list_care_plans (self->store, course->id, &error)) ||
      !(self->reports = glide_store_list_progress_reports (self->store, course->id, &error)) ||
      !(self->consents = glide_store_list_consents (self->store, course->id, &error)) ||
      (!(self->discharge = glide_store_get_discharge (self->store, course->id, &error)) &&
       error != NULL) ||
      !glide_store_get_report_due (self->store, course->id, today, 0, &self->due, &error))
    {
      glide_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (glide_course_is_active (course) && self->discharge == NULL)
    self->due_text = describe_report_due (&self->due, today);
  adw_preferences_group_set_title (self->care_group, glide_course_is_active (course) ?
                                   _("Plan of Care") : _("Discharge and Plan of Care"));

  fill_goals (self);
  fill_discharge_row (self);
  fill_plan_row (self, today);
  fill_report_row (self, today);
  fill_consent_row (self);
}

static void
update_actions (GlidePatientPage *self)
{
  gboolean has_patient = self->patient != NULL;
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  gboolean has_course = course != NULL;
  gboolean open_course = course != NULL && glide_course_is_active (course);
  gboolean has_sessions = self->sessions != NULL && self->sessions->len > 0;
  const char *refusal = glide_patient_page_get_new_session_refusal (self);
  gboolean writer = may_write (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit", has_patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.add-course", has_patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit-course", writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.discharge-course", writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit-screening-note", writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.add-goal", care_is_open (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.set-goal-status", care_is_open (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.revise-goal", care_is_open (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit-plan",
                                 care_is_open (self) && current_plan (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.new-plan", care_is_open (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.record-progress-report",
                                 care_is_open (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.record-consent", care_is_open (self));
  /* A discharged course takes no new sessions; its drafts can still be opened and signed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.new-session", open_course && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.copy-last-session",
                                 open_course && has_sessions && writer);
  /* A login that reads only is offered nothing to write, not greyed-out
   * buttons; the sessions' heading says why. */
  gtk_widget_set_visible (self->new_session_button, writer);
  gtk_widget_set_visible (self->copy_session_button, writer);
  gtk_widget_set_visible (self->add_course_button, writer);
  gtk_widget_set_visible (self->edit_patient_button, writer);
  adw_preferences_group_set_description (self->screening_group, writer ?
                                         _("Conditions that call for care (precautions) or rule IASTM out over the area (contraindications). Tick what applies; each change is recorded with your name and the date.") :
                                         _("Conditions that call for care (precautions) or rule IASTM out over the area (contraindications), as the therapists recorded them."));
  gtk_widget_set_tooltip_text (self->new_session_button,
                               refusal ? refusal : _("Document a new session (Ctrl+Shift+N)"));
  gtk_widget_set_tooltip_text (self->copy_session_button,
                               refusal ? refusal :
                               _("Start a session with the last signed one’s areas and settings; "
                                 "outcomes stay empty (Ctrl+Shift+C)"));
  /* The session list says when the next progress report is due, as the
   * course of care above does. */
  adw_preferences_group_set_description (self->sessions_group,
                                         !has_course ? NULL : refusal ? refusal : self->due_text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-progress", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-summary", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.print", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.print-summary", has_course);
  /* A discharge summary exists only for a discharged course. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-discharge",
                                 has_course && self->discharge != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.print-discharge",
                                 has_course && self->discharge != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-json", has_patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-fhir", has_patient);
}

static void
load_sessions (GlidePatientPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  if (self->course_id != 0)
    {
      self->sessions = glide_store_list_sessions (self->store, self->course_id, &error);
      if (self->sessions == NULL)
        glide_gui_toast (GTK_WIDGET (self), error->message);
    }
  fill_courses (self);
  fill_sessions (self);
  fill_trend (self);
  fill_care (self);
  update_actions (self);
  /* Rows and libadwaita's row and group labels, made by the fills above. */
  glide_status_page_narrow_wrapping (GTK_WIDGET (self));
}

static gboolean
load (GlidePatientPage  *self,
      const char        *chart,
      GError           **error)
{
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) screening = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  gboolean keep_course;

  if (!(patient = glide_store_find_patient (self->store, chart, error)) ||
      !(courses = glide_store_list_courses (self->store, patient->id, error)) ||
      !(screening = glide_store_list_screening (self->store, patient->id, error)) ||
      !(therapists = glide_store_list_therapists (self->store, TRUE, error)))
    return FALSE;

  keep_course = self->patient != NULL && self->patient->id == patient->id;
  g_clear_pointer (&self->patient, glide_patient_free);
  self->patient = g_steal_pointer (&patient);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  self->courses = g_steal_pointer (&courses);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  self->screening = g_steal_pointer (&screening);
  g_hash_table_remove_all (self->therapists);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (self->therapists, g_memdup2 (&t->id, sizeof t->id), g_strdup (t->name));
    }

  /* The active course, or the latest one. */
  if (!keep_course || find_course (self, self->course_id, NULL) == NULL)
    {
      self->course_id = 0;
      for (guint i = 0; i < self->courses->len; i++)
        {
          const GlideCourse *course = g_ptr_array_index (self->courses, i);

          if (self->course_id == 0 || glide_course_is_active (course))
            self->course_id = course->id;
          if (i + 1 == self->courses->len && self->course_id == 0)
            self->course_id = course->id;
        }
      if (self->courses->len > 0 && find_course (self, self->course_id, NULL) == NULL)
        self->course_id = ((GlideCourse *) g_ptr_array_index (self->courses, self->courses->len - 1))->id;
    }

  name = glide_patient_get_display_name (self->patient);
  adw_window_title_set_title (self->title_widget, name);
  adw_window_title_set_subtitle (self->title_widget, self->patient->chart);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), name);
  if (self->patient->birth_date != NULL)
    {
      g_autofree char *born = glide_date_format_long (self->patient->birth_date);

      /* Translators: chart number and date of birth */
      details = g_strdup_printf (_("Chart %s · born %s"), self->patient->chart, born);
    }
  else
    details = g_strdup_printf (_("Chart %s"), self->patient->chart);
  adw_action_row_set_subtitle (self->identity_row, details);

  fill_alerts (self);
  fill_screening (self);
  load_sessions (self);
  return TRUE;
}

/* ---- forms ---------------------------------------------------------------------- */

typedef struct
{
  GlidePatientPage *page;
  gint64            course_id;   /* 0: a new course */
} CourseForm;

static gboolean
save_course (GlideFormDialog  *dialog,
             gpointer          user_data,
             char            **field,
             GError          **error)
{
  CourseForm *form = user_data;
  GlidePatientPage *self = form->page;
  const GlideCourse *existing = find_course (self, form->course_id, NULL);
  g_autoptr(GlideCourse) course = existing ? glide_course_copy (existing) : glide_course_new (NULL);
  gint64 id;

  g_free (course->diagnosis);
  course->diagnosis = glide_form_dialog_dup_text (dialog, "diagnosis");
  g_free (course->icd10);
  course->icd10 = glide_form_dialog_dup_text (dialog, "icd10");
  g_free (course->start_date);
  course->start_date = glide_form_dialog_dup_text (dialog, "start_date");
  g_free (course->goals);
  course->goals = glide_form_dialog_dup_text (dialog, "goals");
  course->patient_id = self->patient->id;

  if (!glide_rules_validate_course (course, field, error))
    return FALSE;
  if (existing != NULL)
    {
      if (!glide_store_update_course (self->store, course, error))
        return FALSE;
      id = course->id;
    }
  else if ((id = glide_store_create_course (self->store, course, error)) == 0)
    return FALSE;

  self->course_id = id;
  glide_patient_page_reload (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0);
  return TRUE;
}

static gboolean
save_patient (GlideFormDialog  *dialog,
              gpointer          user_data,
              char            **field,
              GError          **error)
{
  GlidePatientPage *self = user_data;
  g_autoptr(GlidePatient) patient = glide_patient_copy (self->patient);

  g_free (patient->family_name);
  patient->family_name = glide_form_dialog_dup_text (dialog, "family_name");
  g_free (patient->given_name);
  patient->given_name = glide_form_dialog_dup_text (dialog, "given_name");
  g_free (patient->birth_date);
  patient->birth_date = glide_form_dialog_dup_text (dialog, "birth_date");

  if (!glide_rules_validate_patient (patient, field, error) ||
      !glide_store_update_patient (self->store, patient, error))
    return FALSE;
  glide_patient_page_reload (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0);
  return TRUE;
}

/* Records @condition as @present (or not) under the workstation's therapist
 * and today's date, with @note: a change of the tick keeps the note. */
static gboolean
record_screening (GlidePatientPage  *self,
                  GlideCondition     condition,
                  gboolean           present,
                  const char        *note,
                  GError           **error)
{
  g_autoptr(GlideScreening) screening = glide_screening_new (condition, present);
  g_autofree char *field = NULL;

  screening->patient_id = self->patient->id;
  screening->recorded = glide_date_today ();
  screening->recorded_by = glide_store_get_actor (self->store);
  g_free (screening->note);
  screening->note = g_strdup (note ? note : "");

  return glide_rules_validate_screening (screening, &field, error) &&
         glide_store_set_screening (self->store, screening, error);
}

typedef struct
{
  GlidePatientPage *page;
  GlideCondition    condition;
} NoteForm;

static gboolean
save_screening_note (GlideFormDialog  *dialog,
                     gpointer          user_data,
                     char            **field,
                     GError          **error)
{
  NoteForm *form = user_data;
  GlidePatientPage *self = form->page;
  const GlideScreening *found = find_screening (self, form->condition);
  g_autofree char *note = glide_form_dialog_dup_text (dialog, "note");

  if (!record_screening (self, form->condition, found && found->present, note, error))
    {
      if (g_error_matches (*error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID))
        *field = g_strdup ("note");
      return FALSE;
    }
  glide_patient_page_reload (self);
  return TRUE;
}

/* ---- forms of the course of care -------------------------------------------------- */

/* The therapist who signs what the forms record: the workstation's (or the
 * server login's). */
static gboolean
get_signer (GlidePatientPage  *self,
            gint64            *actor,
            GError           **error)
{
  *actor = glide_store_get_actor (self->store);
  if (*actor != 0)
    return TRUE;
  g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("No therapist is chosen for this workstation"));
  return FALSE;
}

static gboolean
read_number (GlideFormDialog  *dialog,
             const char       *key,
             double           *value,
             gboolean         *given,
             char            **field,
             GError          **error)
{
  const char *text = glide_form_dialog_get_text (dialog, key);

  *given = text != NULL;
  if (text == NULL)
    return TRUE;
  if (!glide_parse_decimal (text, value))
    {
      *field = g_strdup (key);
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID, _("“%s” is not a number"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_count (GlideFormDialog  *dialog,
            const char       *key,
            guint            *count,
            char            **field,
            GError          **error)
{
  const char *text = glide_form_dialog_get_text (dialog, key);
  guint64 value = 0;

  *count = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 1000, &value, NULL))
    {
      *field = g_strdup (key);
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("“%s” is not a whole number"), text);
      return FALSE;
    }
  *count = value;
  return TRUE;
}

typedef struct
{
  GlidePatientPage *page;
  gint64            id;         /* the goal revised or given a status, the plan edited; 0: new */
  gint64            version;    /* of the plan edited */
  GArray           *goal_ids;   /* discharge: gint64, the goals asked about, in the form's order */
  GPtrArray        *latest_at;  /* discharge: when each one's latest status was set, or NULL */
} CareForm;

static void
care_form_free (CareForm *form)
{
  g_clear_pointer (&form->goal_ids, g_array_unref);
  g_clear_pointer (&form->latest_at, g_ptr_array_unref);
  g_free (form);
}

static CareForm *
care_form_new (GlidePatientPage *self,
               gint64            id)
{
  CareForm *form = g_new0 (CareForm, 1);

  form->page = self;
  form->id = id;
  return form;
}

static GlideFormDialog *
care_form_dialog_new (GlidePatientPage *self,
                      const char       *title,
                      const char       *save_label,
                      GlideFormSaveFunc save,
                      CareForm         *form)
{
  return glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                save_label, save, form, (GDestroyNotify) care_form_free);
}

static void
care_saved (GlidePatientPage *self)
{
  glide_patient_page_reload (self);
}

/* Goal: a new one, or one revising form->id. */
static gboolean
save_goal (GlideFormDialog  *dialog,
           gpointer          user_data,
           char            **field,
           GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  g_autoptr(GlideGoal) goal = glide_goal_new (glide_form_dialog_get_text (dialog, "text"));
  guint measure = glide_form_dialog_get_choice (dialog, "measure");
  guint side = glide_form_dialog_get_choice (dialog, "side");
  gboolean given = FALSE;

  goal->course_id = self->course_id;
  goal->measure = measure == 0 ? (GlideMeasure) -1 : (GlideMeasure) (measure - 1);
  goal->side = side == 0 ? GLIDE_SIDE_NONE : (GlideSide) (side - 1);
  goal->replaces = form->id;
  if (!read_number (dialog, "target", &goal->target, &given, field, error))
    return FALSE;
  if (goal->measure != (GlideMeasure) -1 && !given)
    {
      *field = g_strdup ("target");
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("the value to reach is required with a measure"));
      return FALSE;
    }
  if (goal->measure == (GlideMeasure) -1 && given)
    {
      *field = g_strdup ("measure");
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("choose the measure the target value is for"));
      return FALSE;
    }
  goal->target_date = glide_form_dialog_dup_text (dialog, "target_date");
  if (!get_signer (self, &goal->created_by, error))
    return FALSE;
  goal->created_at = glide_datetime_now ();

  if (!glide_rules_validate_goal (goal, field, error) ||
      !glide_store_add_goal (self->store, goal, error))
    return FALSE;
  care_saved (self);
  return TRUE;
}

static GlideFormDialog *
open_goal_form (GlidePatientPage *self,
                const GlideGoal  *revised)
{
  GlideFormDialog *dialog;
  g_autoptr(GPtrArray) measures = g_ptr_array_new ();
  const char *sides[] = { _("None"), NULL, NULL, NULL, NULL };
  char target[G_ASCII_DTOSTR_BUF_SIZE] = "";

  dialog = care_form_dialog_new (self, revised ? _("Revise Goal") : _("Add Goal"),
                                 revised ? _("_Revise") : _("_Add"), save_goal,
                                 care_form_new (self, revised ? revised->id : 0));
  if (revised != NULL)
    {
      /* Translators: %s is the goal revised */
      g_autofree char *intro = g_strdup_printf (_("“%s” stays in the record, marked revised; "
                                                  "this goal replaces it from today."),
                                                revised->text);

      glide_form_dialog_set_intro (dialog, intro);
    }
  else
    glide_form_dialog_set_intro (dialog, _("What the patient wants to reach, in their words. "
                                           "Link a measure to see whether the sessions’ values "
                                           "reach the target."));

  g_ptr_array_add (measures, (gpointer) _("None"));
  for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_MEASURE); i++)
    g_ptr_array_add (measures, (gpointer) glide_code_list_label (GLIDE_CODE_LIST_MEASURE, i));
  g_ptr_array_add (measures, NULL);
  for (guint i = 0; i < 3; i++)
    sides[i + 1] = glide_code_list_label (GLIDE_CODE_LIST_SIDE, i);
  if (revised != NULL && revised->measure != (GlideMeasure) -1)
    g_ascii_formatd (target, sizeof target, "%g", revised->target);

  glide_form_dialog_add_entry (dialog, "text", _("_Goal"), revised ? revised->text : NULL);
  glide_form_dialog_add_choice (dialog, "measure", _("_Measure (optional)"),
                                (const char *const *) measures->pdata,
                                revised && revised->measure != (GlideMeasure) -1 ?
                                revised->measure + 1 : 0);
  glide_form_dialog_add_choice (dialog, "side", _("_Side (of a measure taken left or right)"),
                                sides, revised ? (guint) (revised->side + 1) : 0);
  glide_form_dialog_add_entry (dialog, "target", _("_Target value (with a measure)"), target);
  glide_form_dialog_add_entry (dialog, "target_date", _("Target _date (YYYY-MM-DD, optional)"),
                               revised ? revised->target_date : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The statuses a therapist sets (a goal is revised by writing another). */
static const GlideGoalStatus settable_statuses[] = {
  GLIDE_GOAL_NOT_STARTED, GLIDE_GOAL_PROGRESSING, GLIDE_GOAL_MET, GLIDE_GOAL_PARTLY_MET,
  GLIDE_GOAL_NOT_MET,
};

static gboolean
save_goal_status (GlideFormDialog  *dialog,
                  gpointer          user_data,
                  char            **field,
                  GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  const GlideGoal *goal = find_goal (self, form->id);
  guint choice = glide_form_dialog_get_choice (dialog, "status");
  g_autoptr(GlideGoalStatusEntry) entry = NULL;
  gint64 actor;

  if (goal == NULL)
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("The goal is no longer on this page"));
      return FALSE;
    }
  if (!get_signer (self, &actor, error))
    return FALSE;
  entry = glide_goal_status_entry_new (settable_statuses[MIN (choice, G_N_ELEMENTS (settable_statuses) - 1)],
                                       actor, NULL);
  entry->goal_id = goal->id;
  entry->at = glide_datetime_now ();
  g_free (entry->note);
  entry->note = glide_form_dialog_dup_text (dialog, "note");
  if (!glide_rules_validate_goal_status (entry, goal->created_at, field, error) ||
      !glide_store_set_goal_status (self->store, entry, error))
    return FALSE;
  care_saved (self);
  return TRUE;
}

static GlideFormDialog *
open_goal_status_form (GlidePatientPage *self,
                       const GlideGoal  *goal)
{
  GlideFormDialog *dialog;
  const char *labels[G_N_ELEMENTS (settable_statuses) + 1] = { NULL };
  GlideGoalStatus proposed = glide_goal_get_status (goal);
  g_autofree char *hint = describe_goal_proposal (self, goal, &proposed);
  g_autofree char *target = describe_goal_target (goal);
  GString *intro = g_string_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (settable_statuses); i++)
    {
      labels[i] = glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, settable_statuses[i]);
      if (settable_statuses[i] == proposed)
        selected = i;
    }
  dialog = care_form_dialog_new (self, _("Set Goal Status"), _("_Set"), save_goal_status,
                                 care_form_new (self, goal->id));
  g_string_append_printf (intro, "“%s”", goal->text);
  if (target != NULL)
    g_string_append_printf (intro, "\n%s", target);
  if (hint != NULL)
    g_string_append_printf (intro, "\n%s", hint);
  g_string_append_printf (intro, "\n\n%s", _("The status is added to the goal’s history with "
                                             "your name and the time; nothing earlier changes."));
  glide_form_dialog_set_intro (dialog, intro->str);
  g_string_free (intro, TRUE);
  glide_form_dialog_add_choice (dialog, "status", _("_Status"), labels, selected);
  glide_form_dialog_add_text (dialog, "note", _("_Note (optional)"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
save_care_plan (GlideFormDialog  *dialog,
                gpointer          user_data,
                char            **field,
                GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  g_autoptr(GlideCarePlan) plan = glide_care_plan_new (self->course_id);

  plan->id = form->id;
  plan->version = form->version;
  plan->cert_start = glide_form_dialog_dup_text (dialog, "cert_start");
  plan->cert_end = glide_form_dialog_dup_text (dialog, "cert_end");
  if (!read_count (dialog, "visits_per_week", &plan->visits_per_week, field, error) ||
      !read_count (dialog, "weeks", &plan->weeks, field, error))
    return FALSE;
  for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_INTERVENTION); i++)
    {
      g_autofree char *key = g_strdup_printf ("intervention-%u", i);

      if (glide_form_dialog_get_active (dialog, key))
        g_array_append_val (plan->interventions, i);
    }
  plan->referring_name = glide_form_dialog_dup_text (dialog, "referring.name");
  plan->referring_id = glide_form_dialog_dup_text (dialog, "referring.id");
  plan->certifying_name = glide_form_dialog_dup_text (dialog, "certifying.name");
  plan->certifying_id = glide_form_dialog_dup_text (dialog, "certifying.id");
  plan->certified_on = glide_form_dialog_dup_text (dialog, "certifying.signed");
  plan->report_due = glide_form_dialog_dup_text (dialog, "report_due");
  g_free (plan->note);
  plan->note = glide_form_dialog_dup_text (dialog, "note");
  if (!get_signer (self, &plan->written_by, error))
    return FALSE;
  plan->written_at = glide_datetime_now ();

  if (!glide_rules_validate_care_plan (plan, field, error) ||
      !glide_store_save_care_plan (self->store, plan, error))
    return FALSE;
  care_saved (self);
  return TRUE;
}

/* Edits the current plan (@edit), or starts a certification period: the
 * first, or the next one after the current plan's, prefilled from it. */
static GlideFormDialog *
open_care_plan_form (GlidePatientPage *self,
                     gboolean          edit)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  const GlideCarePlan *from = current_plan (self);
  GlideFormDialog *dialog;
  CareForm *form = care_form_new (self, edit && from ? from->id : 0);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *per_week = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *today = glide_date_today ();

  edit = edit && from != NULL;
  if (edit)
    {
      form->version = from->version;
      start = g_strdup (from->cert_start);
      end = g_strdup (from->cert_end);
    }
  else
    {
      /* The next period starts the day after the current one ends. */
      start = from ? date_add_days (from->cert_end, 1) :
              g_strdup (course && course->start_date ? course->start_date : today);
      end = date_add_days (start, from && from->weeks ? (int) from->weeks * 7 - 1 : 89);
    }
  if (from && from->visits_per_week)
    per_week = g_strdup_printf ("%u", from->visits_per_week);
  if (from && from->weeks)
    weeks = g_strdup_printf ("%u", from->weeks);

  dialog = care_form_dialog_new (self, edit ? _("Edit Plan of Care") : from ?
                                 _("New Certification Period") : _("Add Plan of Care"),
                                 edit ? _("_Save") : _("_Add"), save_care_plan, form);
  glide_form_dialog_set_intro (dialog, edit ?
                               _("Changes are recorded with your name and the time.") :
                               from ? _("The current plan stays on file for its period; this "
                                        "plan covers the next, until the physician certifies "
                                        "it again.") :
                               _("How often and for how long the patient is seen, and what "
                                 "is planned, for the period the physician certifies."));
  glide_form_dialog_add_group (dialog, _("Certification Period"));
  glide_form_dialog_add_entry (dialog, "cert_start", _("Certification _start (YYYY-MM-DD)"), start);
  glide_form_dialog_add_entry (dialog, "cert_end", _("Certification _end (YYYY-MM-DD)"), end);
  glide_form_dialog_add_entry (dialog, "visits_per_week", _("_Visits a week"), per_week);
  glide_form_dialog_add_entry (dialog, "weeks", _("_Weeks"), weeks);
  glide_form_dialog_add_entry (dialog, "report_due", _("First progress report _by (YYYY-MM-DD, optional)"),
                               edit ? from->report_due : NULL);
  glide_form_dialog_add_group (dialog, _("Interventions"));
  for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_INTERVENTION); i++)
    {
      g_autofree char *key = g_strdup_printf ("intervention-%u", i);
      gboolean active = FALSE;

      for (guint j = 0; from != NULL && j < from->interventions->len; j++)
        active |= g_array_index (from->interventions, GlideIntervention, j) == (GlideIntervention) i;
      glide_form_dialog_add_check (dialog, key, glide_code_list_label (GLIDE_CODE_LIST_INTERVENTION, i),
                                   active);
    }
  glide_form_dialog_add_group (dialog, _("Physicians"));
  glide_form_dialog_add_entry (dialog, "referring.name", _("_Referring physician"),
                               from ? from->referring_name : NULL);
  glide_form_dialog_add_entry (dialog, "referring.id", _("Referring physician’s NPI or local _id"),
                               from ? from->referring_id : NULL);
  glide_form_dialog_add_entry (dialog, "certifying.name", _("_Certifying physician"),
                               from ? from->certifying_name : NULL);
  glide_form_dialog_add_entry (dialog, "certifying.id", _("Certifying physician’s NPI or local i_d"),
                               from ? from->certifying_id : NULL);
  glide_form_dialog_add_entry (dialog, "certifying.signed", _("Certified _on (YYYY-MM-DD)"),
                               edit ? from->certified_on : NULL);
  glide_form_dialog_add_text (dialog, "note", _("_Note"), edit ? from->note : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
save_progress_report (GlideFormDialog  *dialog,
                      gpointer          user_data,
                      char            **field,
                      GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  g_autoptr(GlideProgressReport) report = glide_progress_report_new (self->course_id);

  report->date = glide_form_dialog_dup_text (dialog, "date");
  report->period_start = glide_form_dialog_dup_text (dialog, "period_start");
  report->period_end = glide_form_dialog_dup_text (dialog, "period_end");
  if (!read_count (dialog, "visits", &report->visits, field, error))
    return FALSE;
  g_free (report->assessment);
  report->assessment = glide_form_dialog_dup_text (dialog, "assessment");
  g_free (report->plan);
  report->plan = glide_form_dialog_dup_text (dialog, "plan");
  report->next_due = glide_form_dialog_dup_text (dialog, "next_due");
  if (!get_signer (self, &report->signed_by, error))
    return FALSE;
  report->signed_at = glide_datetime_now ();

  if (!glide_rules_validate_progress_report (report, field, error) ||
      !glide_store_add_progress_report (self->store, report, error))
    return FALSE;
  care_saved (self);
  return TRUE;
}

static GlideFormDialog *
open_progress_report_form (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  GlideFormDialog *dialog;
  g_autofree char *today = glide_date_today ();
  g_autofree char *start = NULL;
  g_autofree char *visits = g_strdup_printf ("%u", self->due.visits_since);

  /* The period follows the last report's, or starts with the course. */
  if (self->due.since != NULL)
    start = date_add_days (self->due.since, 1);
  else if (course != NULL && course->start_date != NULL)
    start = g_strdup (course->start_date);
  else if (self->sessions != NULL && self->sessions->len > 0)
    start = g_strndup (((GlideSession *) g_ptr_array_index (self->sessions, 0))->start, 10);

  dialog = care_form_dialog_new (self, _("Record Progress Report"), _("_Sign and Save"),
                                 save_progress_report, care_form_new (self, 0));
  glide_form_dialog_set_intro (dialog, _("Signed with your name and the time when saved; a "
                                         "signed report cannot be changed. The next one is "
                                         "counted from the end of this period."));
  glide_form_dialog_add_entry (dialog, "date", _("_Date (YYYY-MM-DD)"), today);
  glide_form_dialog_add_entry (dialog, "period_start", _("Period _from (YYYY-MM-DD)"), start);
  glide_form_dialog_add_entry (dialog, "period_end", _("Period _to (YYYY-MM-DD)"), today);
  glide_form_dialog_add_entry (dialog, "visits", _("_Visits in the period"), visits);
  glide_form_dialog_add_text (dialog, "assessment", _("_Assessment"), NULL);
  glide_form_dialog_add_text (dialog, "plan", _("_Plan"), NULL);
  glide_form_dialog_add_entry (dialog, "next_due", _("_Next report by (YYYY-MM-DD, optional)"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static gboolean
save_consent (GlideFormDialog  *dialog,
              gpointer          user_data,
              char            **field,
              GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  g_autoptr(GlideConsent) consent = glide_consent_new (self->course_id);
  char *space;

  /* "2026-03-02 09:30" as typed is "2026-03-02T09:30" as stored. */
  consent->at = glide_form_dialog_dup_text (dialog, "at");
  if (consent->at != NULL && (space = strchr (consent->at, ' ')) != NULL)
    *space = 'T';
  g_free (consent->risks);
  consent->risks = glide_form_dialog_dup_text (dialog, "risks");
  g_free (consent->note);
  consent->note = glide_form_dialog_dup_text (dialog, "note");
  if (!get_signer (self, &consent->obtained_by, error))
    return FALSE;

  if (!glide_rules_validate_consent (consent, field, error) ||
      !glide_store_add_consent (self->store, consent, error))
    return FALSE;
  care_saved (self);
  return TRUE;
}

static GlideFormDialog *
open_consent_form (GlidePatientPage *self)
{
  GlideFormDialog *dialog;
  g_autofree char *now = glide_datetime_now ();
  g_autofree char *when = g_strndup (now, 16);

  when[10] = ' ';
  dialog = care_form_dialog_new (self, _("Record Consent"), _("_Save"), save_consent,
                                 care_form_new (self, 0));
  glide_form_dialog_set_intro (dialog, _("The patient was told the risks of instrument-assisted "
                                         "treatment and agreed to it. Recorded as obtained by "
                                         "you."));
  glide_form_dialog_add_entry (dialog, "at", _("_When (YYYY-MM-DD HH:MM)"), when);
  glide_form_dialog_add_entry (dialog, "risks", _("_Risks explained"),
                               _("Redness, petechiae, bruising and soreness for 24–48 hours"));
  glide_form_dialog_add_text (dialog, "note", _("_Note (optional)"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The statuses a goal may end a course with. */
static const GlideGoalStatus discharge_statuses[] = {
  GLIDE_GOAL_MET, GLIDE_GOAL_PARTLY_MET, GLIDE_GOAL_NOT_MET,
};

static gboolean
save_discharge (GlideFormDialog  *dialog,
                gpointer          user_data,
                char            **field,
                GError          **error)
{
  CareForm *form = user_data;
  GlidePatientPage *self = form->page;
  g_autoptr(GlideDischarge) discharge = glide_discharge_new (self->course_id);
  g_autoptr(GPtrArray) statuses =
    g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_status_entry_free);
  gint64 actor;

  discharge->date = glide_form_dialog_dup_text (dialog, "date");
  discharge->reason = glide_form_dialog_get_choice (dialog, "reason");
  g_free (discharge->note);
  discharge->note = glide_form_dialog_dup_text (dialog, "note");
  if (!get_signer (self, &actor, error))
    return FALSE;
  discharge->by = actor;
  discharge->at = glide_datetime_now ();
  if (!glide_rules_validate_discharge (discharge, field, error))
    return FALSE;

  for (guint i = 0; i < form->goal_ids->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("goals[%u]", i);
      guint choice = glide_form_dialog_get_choice (dialog, key);
      /* In force from the discharge's own day, however late it is written up. */
      g_autofree char *at = glide_rules_discharge_status_at (discharge->date,
                                                             g_ptr_array_index (form->latest_at, i),
                                                             discharge->at);
      GlideGoalStatusEntry *entry =
        glide_goal_status_entry_new (discharge_statuses[MIN (choice, G_N_ELEMENTS (discharge_statuses) - 1)],
                                     actor, at);

      entry->goal_id = g_array_index (form->goal_ids, gint64, i);
      g_ptr_array_add (statuses, entry);
    }
  if (!glide_store_discharge_course (self->store, discharge, statuses, error))
    return FALSE;
  glide_patient_page_reload (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0);
  return TRUE;
}

/* Mnemonics are the form's: a goal's own underscores stay text. */
static char *
escape_mnemonics (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_')
        g_string_append_c (escaped, '_');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static GlideFormDialog *
open_discharge_form (GlidePatientPage  *self,
                     const GlideCourse *course)
{
  GlideFormDialog *dialog;
  CareForm *form = care_form_new (self, course->id);
  const char *reasons[GLIDE_DISCHARGE_OTHER + 2] = { NULL };
  const char *statuses[G_N_ELEMENTS (discharge_statuses) + 1] = { NULL };
  g_autoptr(GArray) proposals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *intro = NULL;
  g_autofree char *date = NULL;
  guint n_met = 0;

  for (guint i = 0; i <= GLIDE_DISCHARGE_OTHER; i++)
    reasons[i] = glide_code_list_label (GLIDE_CODE_LIST_DISCHARGE_REASON, i);
  for (guint i = 0; i < G_N_ELEMENTS (discharge_statuses); i++)
    statuses[i] = glide_code_list_label (GLIDE_CODE_LIST_GOAL_STATUS, discharge_statuses[i]);

  /* The course ends with its last visit. */
  if (self->sessions != NULL && self->sessions->len > 0)
    date = g_strndup (((GlideSession *) g_ptr_array_index (self->sessions,
                                                           self->sessions->len - 1))->start, 10);
  else
    date = glide_date_today ();

  /* Each goal in force, with the status the rules propose. */
  form->goal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  form->latest_at = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->goals != NULL && i < self->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (self->goals, i);
      GlideGoalStatus proposed;
      guint selected = 0;

      if (glide_goal_get_status (goal) == GLIDE_GOAL_REVISED)
        continue;
      proposed = propose_discharge_status (self, goal);
      for (guint j = 0; j < G_N_ELEMENTS (discharge_statuses); j++)
        if (discharge_statuses[j] == proposed)
          selected = j;
      n_met += proposed == GLIDE_GOAL_MET;
      g_array_append_val (form->goal_ids, goal->id);
      g_ptr_array_add (form->latest_at, goal->history->len > 0 ?
                       g_strdup (((GlideGoalStatusEntry *)
                                  g_ptr_array_index (goal->history, goal->history->len - 1))->at) :
                       NULL);
      g_array_append_val (proposals, selected);
    }

  dialog = care_form_dialog_new (self, _("Discharge"), _("_Discharge"), save_discharge, form);
  intro = g_strdup_printf (form->goal_ids->len > 0 ?
                           _("End the course “%s”. Its sessions stay on file and in reports; "
                             "its goals, plan, reports and consent can no longer change. "
                             "Each goal ends met, partly met or not met, as proposed from its "
                             "measure where it has one.") :
                           _("End the course “%s”. Its sessions stay on file and in reports; "
                             "its goals, plan, reports and consent can no longer change."),
                           course->diagnosis);
  glide_form_dialog_set_intro (dialog, intro);
  glide_form_dialog_add_entry (dialog, "date", _("_Discharge date (YYYY-MM-DD)"), date);
  glide_form_dialog_add_choice (dialog, "reason", _("_Reason"), reasons,
                                form->goal_ids->len > 0 && n_met == form->goal_ids->len ?
                                GLIDE_DISCHARGE_GOALS_MET : GLIDE_DISCHARGE_PLATEAU);
  for (guint i = 0, k = 0; self->goals != NULL && i < self->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (self->goals, i);
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;

      if (glide_goal_get_status (goal) == GLIDE_GOAL_REVISED)
        continue;
      key = g_strdup_printf ("goals[%u]", k);
      label = escape_mnemonics (goal->text);
      glide_form_dialog_add_choice (dialog, key, label, statuses, g_array_index (proposals, guint, k));
      k++;
    }
  glide_form_dialog_add_text (dialog, "note", _("Discharge _note"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_clear_condition_response (AdwMessageDialog *dialog,
                             const char       *response,
                             GlidePatientPage *self)
{
  GlideCondition condition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "condition"));
  const GlideScreening *found;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "clear") || self->patient == NULL)
    return;
  found = find_screening (self, condition);
  if (found == NULL || !found->present)
    return;
  if (!record_screening (self, condition, FALSE, found->note, &error))
    glide_gui_show_error (GTK_WIDGET (self), _("Screening Not Saved"), error->message);
  glide_patient_page_reload (self);
}

/* Clearing a condition on file asks first: one stray click must not take a
 * contraindication off a patient. */
static void
ask_to_clear_condition (GlidePatientPage *self,
                        GlideCondition    condition)
{
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  gboolean contra = glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a condition, e.g. "Clear “Thrombophlebitis”?" */
  heading = g_strdup_printf (_("Clear “%s”?"), label);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   contra ?
                                   _("The patient is then recorded as not having this "
                                     "contraindication, under your name and today’s date, and "
                                     "sessions no longer ask for a reason to treat. Its note "
                                     "is kept.") :
                                   _("The patient is then recorded as not having this "
                                     "precaution, under your name and today’s date. Its note "
                                     "is kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "condition", GUINT_TO_POINTER (condition));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_clear_condition_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_condition_toggled (GtkCheckButton   *check,
                      GlidePatientPage *self)
{
  GlideCondition condition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "condition"));
  gboolean present = gtk_check_button_get_active (check);
  const GlideScreening *found;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->patient == NULL)
    return;

  found = find_screening (self, condition);
  if (!present && found != NULL && found->present)
    {
      /* It stays ticked until the user says so. */
      self->updating = TRUE;
      gtk_check_button_set_active (check, TRUE);
      self->updating = FALSE;
      ask_to_clear_condition (self, condition);
      return;
    }

  if (!record_screening (self, condition, present, found ? found->note : NULL, &error))
    glide_gui_show_error (GTK_WIDGET (self), _("Screening Not Saved"), error->message);
  glide_patient_page_reload (self);
}

static void
on_series_selected (GlidePatientPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->series_drop_down);

  if (selected != GTK_INVALID_LIST_POSITION)
    glide_trend_chart_set_series (self->trend_chart, selected);
}

/* ---- actions -------------------------------------------------------------------- */

static void
request_session (GlidePatientPage *self,
                 gboolean          copy_last)
{
  const char *refusal = glide_patient_page_get_new_session_refusal (self);
  gint64 copy_from = 0;

  if (refusal != NULL)
    {
      glide_gui_toast (GTK_WIDGET (self), refusal);
      return;
    }
  if (copy_last)
    {
      /* Only a signed session is a record worth starting from; a draft
       * may be wrong or unfinished. Sessions are oldest first. */
      for (guint i = self->sessions ? self->sessions->len : 0; i-- > 0 && copy_from == 0;)
        {
          const GlideSession *session = g_ptr_array_index (self->sessions, i);

          if (glide_session_is_signed (session))
            copy_from = session->id;
        }
      if (copy_from == 0)
        {
          glide_gui_toast (GTK_WIDGET (self),
                           self->sessions == NULL || self->sessions->len == 0 ?
                           _("This course has no session to copy yet") :
                           _("No session of this course is signed yet: only a signed session is copied"));
          return;
        }
    }
  g_signal_emit (self, signals[SESSION_REQUESTED], 0, self->course_id, (gint64) 0, copy_from);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  request_session (GLIDE_PATIENT_PAGE (widget), FALSE);
}

static void
copy_last_session_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  request_session (GLIDE_PATIENT_PAGE (widget), TRUE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  guint number = 0;

  find_course (self, self->course_id, &number);
  if (g_str_equal (action_name, "patient.export-progress"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_PROGRESS, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.export-summary"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_SUMMARY, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.print"))
    glide_export_print (widget, self->store, GLIDE_EXPORT_PROGRESS, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.print-summary"))
    glide_export_print (widget, self->store, GLIDE_EXPORT_SUMMARY, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.export-discharge"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_DISCHARGE, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.print-discharge"))
    glide_export_print (widget, self->store, GLIDE_EXPORT_DISCHARGE, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.export-fhir"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_FHIR, self->patient->chart, 0);
  else
    glide_export_run (widget, self->store, GLIDE_EXPORT_JSON, self->patient->chart, 0);
}

static void
add_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  glide_patient_page_add_course (GLIDE_PATIENT_PAGE (widget));
}

static void
edit_course_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  glide_patient_page_edit_course (GLIDE_PATIENT_PAGE (widget), g_variant_get_int64 (parameter),
                                  FALSE);
}

static void
on_discharge_drafts_response (AdwMessageDialog *dialog,
                              const char       *response,
                              GlidePatientPage *self)
{
  gint64 course_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "course-id");

  if (g_str_equal (response, "discharge") && self->patient != NULL)
    glide_patient_page_edit_course (self, course_id, TRUE);
}

/* A course with drafts can be discharged (they stay drafts, and can still be
 * signed), but they are usually sessions someone forgot to sign: ask first. */
static void
discharge_course_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  gint64 course_id = g_variant_get_int64 (parameter);
  const GlideCourse *course = find_course (self, course_id, NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) dates = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_drafts = 0;
  GtkWidget *dialog;

  if (course == NULL)
    return;
  if ((sessions = glide_store_list_sessions (self->store, course_id, &error)) == NULL)
    {
      glide_gui_show_error (widget, _("Sessions Could Not Be Read"), error->message);
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *when = NULL;

      if (glide_session_is_signed (session))
        continue;
      when = glide_datetime_format_long (session->start);
      g_string_append_printf (dates, "\n• %s", when);
      n_drafts++;
    }
  if (n_drafts == 0)
    {
      glide_patient_page_edit_course (self, course_id, TRUE);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Discharge With %u Unsigned Draft?",
                                          "Discharge With %u Unsigned Drafts?", n_drafts),
                             n_drafts);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” has a session that was never signed:%s\n\nSign it "
                                       "first, or discharge anyway: it stays a draft, marked as "
                                       "such in reports, and can still be signed later.",
                                       "“%s” has sessions that were never signed:%s\n\nSign them "
                                       "first, or discharge anyway: they stay drafts, marked as "
                                       "such in reports, and can still be signed later.",
                                       n_drafts),
                          course->diagnosis, dates->str);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discharge", _("_Discharge Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discharge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "course-id", g_memdup2 (&course_id, sizeof course_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discharge_drafts_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);

  if (care_is_open (self))
    open_goal_form (self, NULL);
}

static void
goal_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  const GlideGoal *goal = find_goal (self, g_variant_get_int64 (parameter));

  if (goal == NULL || !care_is_open (self) || glide_goal_get_status (goal) == GLIDE_GOAL_REVISED)
    return;
  if (g_str_equal (action_name, "patient.revise-goal"))
    open_goal_form (self, goal);
  else
    open_goal_status_form (self, goal);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);

  if (care_is_open (self))
    open_care_plan_form (self, g_str_equal (action_name, "patient.edit-plan"));
}

static void
record_progress_report_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);

  if (care_is_open (self))
    open_progress_report_form (self);
}

static void
record_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);

  if (care_is_open (self))
    open_consent_form (self);
}

static void
edit_screening_note_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  guint32 condition = g_variant_get_uint32 (parameter);

  if (condition < N_CONDITIONS)
    glide_patient_page_edit_screening_note (GLIDE_PATIENT_PAGE (widget), condition);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  GlideFormDialog *dialog;
  g_autofree char *intro = NULL;

  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Edit Patient"),
                                  _("_Save"), save_patient, self, NULL);
  intro = g_strdup_printf (_("Chart %s. The chart number cannot change: exports and reports "
                             "refer to it."), self->patient->chart);
  glide_form_dialog_set_intro (dialog, intro);
  glide_form_dialog_add_entry (dialog, "family_name", _("_Family name"), self->patient->family_name);
  glide_form_dialog_add_entry (dialog, "given_name", _("_Given name"), self->patient->given_name);
  glide_form_dialog_add_entry (dialog, "birth_date", _("_Date of birth (YYYY-MM-DD)"),
                               self->patient->birth_date);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- overrides -------------------------------------------------------------------- */

static void
glide_patient_page_dispose (GObject *object)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_PATIENT_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_patient_page_parent_class)->dispose (object);
}

static void
glide_patient_page_finalize (GObject *object)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  g_clear_pointer (&self->patient, glide_patient_free);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  g_clear_pointer (&self->therapists, g_hash_table_unref);
  g_clear_pointer (&self->report, glide_report_course_free);
  g_clear_pointer (&self->course_rows, g_ptr_array_unref);
  g_clear_pointer (&self->session_rows, g_ptr_array_unref);
  g_clear_pointer (&self->goal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->care_rows, g_ptr_array_unref);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->discharge, glide_discharge_free);
  glide_report_due_info_clear (&self->due);
  g_free (self->due_text);
  g_string_free (self->alerts_text, TRUE);
  g_free (self->refusal);

  G_OBJECT_CLASS (glide_patient_page_parent_class)->finalize (object);
}

static void
glide_patient_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_patient_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_patient_page_class_init (GlidePatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();
  glide_accessible_init ();
  g_type_ensure (GLIDE_TYPE_TREND_CHART);

  object_class->dispose = glide_patient_page_dispose;
  object_class->finalize = glide_patient_page_finalize;
  object_class->get_property = glide_patient_page_get_property;
  object_class->set_property = glide_patient_page_set_property;

  /**
   * GlidePatientPage:folded:
   *
   * Whether the window shows one pane, so the page offers a way back.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlidePatientPage::session-requested:
   * @course_id: the course
   * @session_id: the session to open, or 0 for a new one
   * @copy_from: for a new session, the session whose treatments to copy, or 0
   *
   * The user wants to document or read a session.
   */
  signals[SESSION_REQUESTED] =
    g_signal_new ("session-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * GlidePatientPage::patient-changed:
   *
   * The patient's name or courses changed; lists showing them are stale.
   */
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, title_widget);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, alerts);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, identity_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, courses_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, goals_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, care_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, add_goal_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, series_drop_down);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, precautions_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, contraindications_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, new_session_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, copy_session_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, add_course_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, edit_patient_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, screening_group);

  gtk_widget_class_install_action (widget_class, "patient.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "patient.copy-last-session", NULL,
                                   copy_last_session_action);
  gtk_widget_class_install_action (widget_class, "patient.export-progress", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-summary", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.print", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.print-summary", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-discharge", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.print-discharge", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-json", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-fhir", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.add-course", NULL, add_course_action);
  gtk_widget_class_install_action (widget_class, "patient.edit-course", "x", edit_course_action);
  gtk_widget_class_install_action (widget_class, "patient.discharge-course", "x",
                                   discharge_course_action);
  gtk_widget_class_install_action (widget_class, "patient.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "patient.add-goal", NULL, add_goal_action);
  gtk_widget_class_install_action (widget_class, "patient.set-goal-status", "x", goal_action);
  gtk_widget_class_install_action (widget_class, "patient.revise-goal", "x", goal_action);
  gtk_widget_class_install_action (widget_class, "patient.edit-plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "patient.new-plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "patient.record-progress-report", NULL,
                                   record_progress_report_action);
  gtk_widget_class_install_action (widget_class, "patient.record-consent", NULL,
                                   record_consent_action);
  gtk_widget_class_install_action (widget_class, "patient.edit-screening-note", "u",
                                   edit_screening_note_action);
}

static void
add_condition_row (GlidePatientPage *self,
                   GlideCondition    condition)
{
  AdwExpanderRow *parent = glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION ?
                           self->contraindications_row : self->precautions_row;
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  g_autofree char *edit_label = g_strdup_printf (_("Edit Note on %s"), label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  /* Notes are typed text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, edit_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "patient.edit-screening-note");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "u", (guint32) condition);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  g_object_set_data (G_OBJECT (check), "condition", GUINT_TO_POINTER (condition));
  g_signal_connect (check, "toggled", G_CALLBACK (on_condition_toggled), self);
  add_row_shown_when_expanded (parent, row);
  self->condition_checks[condition] = GTK_CHECK_BUTTON (check);
  self->condition_rows[condition] = ADW_ACTION_ROW (row);
}

static void
glide_patient_page_init (GlidePatientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->course_rows = g_ptr_array_new ();
  self->session_rows = g_ptr_array_new ();
  self->goal_rows = g_ptr_array_new ();
  self->care_rows = g_ptr_array_new ();
  self->therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->alerts_text = g_string_new (NULL);

  for (guint condition = 0; condition < N_CONDITIONS; condition++)
    add_condition_row (self, condition);
  g_signal_connect_swapped (self->series_drop_down, "notify::selected",
                            G_CALLBACK (on_series_selected), self);
  glide_accessible_name_drop_down (self->series_drop_down, _("Trend measure"));
  glide_accessible_scroll_to_focus (self->page_scroller);
  update_actions (self);
}

/* ---- public API ----------------------------------------------------------------- */

void
glide_patient_page_set_context (GlidePatientPage *self,
                                GlideStore       *store,
                                GSettings        *settings)
{
  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  g_set_object (&self->store, store);
  g_set_object (&self->settings, settings);
}

gboolean
glide_patient_page_show_patient (GlidePatientPage  *self,
                                 const char        *chart,
                                 GError           **error)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  return load (self, chart, error);
}

void
glide_patient_page_reload (GlidePatientPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chart = NULL;

  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  if (self->patient == NULL)
    return;
  chart = g_strdup (self->patient->chart);
  if (!load (self, chart, &error))
    glide_gui_toast (GTK_WIDGET (self), error->message);
}

const GlidePatient *
glide_patient_page_get_patient (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  return self->patient;
}

gint64
glide_patient_page_get_course_id (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), 0);
  return self->course_id;
}

void
glide_patient_page_select_course (GlidePatientPage *self,
                                  gint64            course_id)
{
  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  if (find_course (self, course_id, NULL) == NULL)
    return;
  self->course_id = course_id;
  load_sessions (self);
}

guint
glide_patient_page_get_n_sessions (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), 0);
  return self->sessions ? self->sessions->len : 0;
}

/**
 * glide_patient_page_get_alerts:
 *
 * Returns: the screening alerts shown, one per line ("Contraindication: …")
 */
const char *
glide_patient_page_get_alerts (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  return self->alerts_text->str;
}

GlideFormDialog *
glide_patient_page_add_course (GlidePatientPage *self)
{
  return glide_patient_page_edit_course (self, 0, FALSE);
}

/**
 * glide_patient_page_edit_course:
 * @course_id: the course, or 0 for a new one
 * @discharge: the discharge form instead: date, reason, the status of each
 *   goal and a note
 *
 * Returns: (transfer none): the form, already shown
 */
GlideFormDialog *
glide_patient_page_edit_course (GlidePatientPage *self,
                                gint64            course_id,
                                gboolean          discharge)
{
  const GlideCourse *course;
  GlideFormDialog *dialog;
  CourseForm *form;
  g_autofree char *today = glide_date_today ();

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (self->patient != NULL, NULL);

  course = find_course (self, course_id, NULL);
  if (discharge && course != NULL)
    {
      /* The discharge asks about the course's goals: show that course. */
      if (course->id != self->course_id)
        glide_patient_page_select_course (self, course->id);
      return open_discharge_form (self, find_course (self, course_id, NULL));
    }
  form = g_new0 (CourseForm, 1);
  form->page = self;
  form->course_id = course ? course->id : 0;

  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  course ? _("Edit Course") : _("New Course"),
                                  course ? _("_Save") : _("_Add"),
                                  save_course, form, g_free);
  glide_form_dialog_add_entry (dialog, "diagnosis", _("_Diagnosis"),
                               course ? course->diagnosis : NULL);
  glide_form_dialog_add_entry (dialog, "icd10", _("_ICD-10 code (optional)"),
                               course ? course->icd10 : NULL);
  glide_form_dialog_add_entry (dialog, "start_date", _("_Start date (YYYY-MM-DD)"),
                               course ? course->start_date : today);
  glide_form_dialog_add_text (dialog, "goals", _("_Goals"), course ? course->goals : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * glide_patient_page_edit_screening_note:
 * @condition: the condition whose note to edit
 *
 * Opens a form for the note kept with @condition. Saving it records the
 * condition as it stands (present or not) with the new note, under the
 * workstation's therapist and today's date.
 *
 * Returns: (transfer none): the form, already shown
 */
GlideFormDialog *
glide_patient_page_edit_screening_note (GlidePatientPage *self,
                                        GlideCondition    condition)
{
  const GlideScreening *found;
  const char *label;
  GlideFormDialog *dialog;
  NoteForm *form;
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (self->patient != NULL, NULL);
  g_return_val_if_fail ((guint) condition < N_CONDITIONS, NULL);

  found = find_screening (self, condition);
  label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  form = g_new0 (NoteForm, 1);
  form->page = self;
  form->condition = condition;

  /* Translators: %s is a condition */
  title = g_strdup_printf (_("Note on %s"), label);
  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                  _("_Save"), save_screening_note, form, g_free);
  intro = g_strdup_printf (found && found->present ?
                           _("“%s” is on file for this patient. The note is saved with your "
                             "name and today’s date; whether the condition is present does "
                             "not change.") :
                           _("“%s” is not on file as present. The note is saved with your "
                             "name and today’s date; whether the condition is present does "
                             "not change."),
                           label);
  glide_form_dialog_set_intro (dialog, intro);
  glide_form_dialog_add_text (dialog, "note", _("_Note"), found ? found->note : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * glide_patient_page_get_new_session_refusal:
 *
 * Why no new session can be started in the selected course (there is none,
 * or it is discharged), in words for the user; %NULL when one can.
 *
 * Returns: (nullable): the reason, valid until the next call
 */
const char *
glide_patient_page_get_new_session_refusal (GlidePatientPage *self)
{
  const GlideCourse *course;

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);

  g_clear_pointer (&self->refusal, g_free);
  if (self->patient == NULL)
    return NULL;
  course = find_course (self, self->course_id, NULL);
  if (!may_write (self))
    {
      const char *login = glide_store_get_login (self->store);

      /* Translators: a login name, then its role ("m_front", "manager") */
      self->refusal = g_strdup_printf (_("You are signed in as %s (%s): you can read and print "
                                         "the record, not document sessions or change it."),
                                       login ? login : "",
                                       glide_store_role_get_code (glide_store_get_role (self->store)));
    }
  else if (course == NULL)
    self->refusal = g_strdup (_("Sessions belong to a course of care: add a course first"));
  else if (!glide_course_is_active (course))
    {
      g_autofree char *end = glide_date_format_long (course->end_date);

      /* Translators: a course's diagnosis and its discharge date */
      self->refusal = g_strdup_printf (_("“%s” was discharged on %s: no new sessions. "
                                         "Add a course to go on documenting."),
                                       course->diagnosis, end);
    }
  return self->refusal;
}

/**
 * glide_patient_page_get_report_due:
 *
 * When the selected course's next progress report is due, as the page and
 * the session list show it ("Progress report due at the next visit").
 *
 * Returns: (nullable): the text, or %NULL for a discharged course or none
 */
const char *
glide_patient_page_get_report_due (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  return self->due_text;
}
