/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-care-window.c: the course of care on the patient page, under Xvfb,
 * driven through its actions and forms and read back from the store and the
 * page: a goal added (a refused save names the field), its status set from
 * the measure's proposal and kept in its history, then revised; the progress
 * report due at the tenth visit, on the page and in the session list, and
 * recorded; a plan of care and consent; a discharge that ends each goal and
 * closes the course; and the demo clinic's page for the screenshot. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "glide-date.h"
#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-test-utils.h"
#include "glide-window.h"

typedef struct
{
  char        *dir;
  GlideStore  *store;
  GSettings   *settings;
  GlideWindow *window;
  gint64       patient_id;
  gint64       course_id;
  gint64       therapist;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "care.db");
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "last-patient");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  f->therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  f->patient_id = glide_test_add_patient (f->store, "T-800", "Okafor", "Chidi");
  f->course_id = glide_test_add_course (f->store, f->patient_id, "2026-01-05");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      glide_test_assert_finalized (f->window);
    }
  g_settings_reset (f->settings, "current-therapist");
  g_settings_reset (f->settings, "last-patient");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GlidePatientPage *
open_patient (Fixture    *f,
              const char *chart)
{
  f->window = glide_test_open_window (f->store, 1280, 900);
  glide_window_open_patient (f->window, chart);
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  return glide_window_get_patient_page (f->window);
}

/* A signed session on @day (YYYY-MM-DD) with pain @pain before treatment. */
static void
add_visit (Fixture    *f,
           const char *day,
           double      pain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = g_strdup_printf ("%sT09:00:00", day);
  g_autofree char *at = g_strdup_printf ("%sT18:00:00", day);
  g_autoptr(GlideSession) session = glide_test_new_session (f->course_id, f->therapist, start);

  for (guint i = 0; i < session->measurements->len; i++)
    {
      GlideMeasurement *m = g_ptr_array_index (session->measurements, i);

      if (m->measure == GLIDE_MEASURE_PAIN && m->timing == GLIDE_TIMING_PRE)
        m->value = pain;
      else if (m->measure == GLIDE_MEASURE_PAIN)
        m->value = MAX (0, pain - 1);
    }
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, session->id, f->therapist, at, &error));
  g_assert_no_error (error);
}

/* Visits on consecutive days from 2 Feb 2026, pain easing from 7. */
static void
add_visits (Fixture *f,
            guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-02-%02u", i + 2);

      add_visit (f, day, MAX (1, 7 - (double) i));
    }
}

static gint64
add_goal (Fixture      *f,
          const char   *text,
          GlideMeasure  measure,
          double        target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideGoal) goal = glide_goal_new (text);
  gint64 id;

  goal->course_id = f->course_id;
  goal->measure = measure;
  goal->target = target;
  goal->created_by = f->therapist;
  goal->created_at = g_strdup ("2026-01-05T10:00:00");
  id = glide_store_add_goal (f->store, goal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* ---- finding what is on screen ------------------------------------------------------ */

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  return glide_test_find_matching (GTK_WIDGET (root), is_row_titled, title);
}

static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_group_titled_prefix (GtkWidget     *widget,
                        gconstpointer  prefix)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_str_has_prefix (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), prefix);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget);
}

static const char *
subtitle_of (GtkWidget *row)
{
  g_assert_nonnull (row);
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GlideFormDialog *
open_form (GlidePatientPage *page,
           const char       *action,
           GVariant         *target)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, target));
  return g_object_ref (GLIDE_FORM_DIALOG (glide_test_wait_for_dialog (GLIDE_TYPE_FORM_DIALOG,
                                                                      NULL, NULL)));
}

static void
save_form (GlideFormDialog *form)
{
  g_assert_true (glide_form_dialog_save (form));
  g_object_unref (form);
  glide_test_wait_for_dialog_gone (GLIDE_TYPE_FORM_DIALOG, NULL, "the form to close");
  glide_test_flush_events ();
}

static void
screenshot_form (GlideFormDialog *form,
                 const char      *name)
{
  glide_test_wait_for_draw (GTK_WIDGET (form));
  glide_test_save_screenshot (GTK_WIDGET (form), name);
}

static GPtrArray *
stored_goals (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *goals = glide_store_list_goals (f->store, f->course_id, &error);

  g_assert_no_error (error);
  return goals;
}

/* ---- goals ------------------------------------------------------------------------------ */

static void
test_goal_add_status_revise (Fixture       *f,
                             gconstpointer  data)
{
  GlidePatientPage *page;
  GlideFormDialog *form;
  g_autoptr(GPtrArray) goals = NULL;
  const GlideGoal *goal;
  const GlideGoalStatusEntry *entry;
  GtkWidget *row;
  g_autofree char *latest = glide_date_format_long ("2026-02-05");
  g_autofree char *hint = g_strdup_printf ("Latest 4/10 on %s: proposed Progressing", latest);
  g_autofree char *today = NULL;
  g_autofree char *history = NULL;

  /* Pain before treatment 7, 6, 5, 4 over four signed visits. */
  add_visits (f, 4);
  page = open_patient (f, "T-800");
  g_assert_nonnull (find_row (page, "No goals yet"));

  /* A measure without the value to reach: refused, the field named. */
  form = open_form (page, "patient.add-goal", NULL);
  glide_form_dialog_set_text (form, "text", "Walk 5 km without heel pain");
  glide_form_dialog_set_choice (form, "measure", GLIDE_MEASURE_PAIN + 1);
  g_assert_false (glide_form_dialog_save (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form), "Target value (with a measure): "));
  goals = stored_goals (f);
  g_assert_cmpuint (goals->len, ==, 0);
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* Core's rule on a bad date, shown by its field too. */
  glide_form_dialog_set_text (form, "target", "2");
  glide_form_dialog_set_text (form, "target_date", "2026-13-40");
  g_assert_false (glide_form_dialog_save (form));
  g_test_message ("%s", glide_form_dialog_get_error (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form), "Target date (YYYY-MM-DD, optional): "));
  glide_form_dialog_set_text (form, "target_date", "2099-10-15");
  screenshot_form (form, "care-add-goal.png");
  save_form (form);

  goals = stored_goals (f);
  g_assert_cmpuint (goals->len, ==, 1);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpstr (goal->text, ==, "Walk 5 km without heel pain");
  g_assert_cmpint (goal->measure, ==, GLIDE_MEASURE_PAIN);
  g_assert_cmpfloat (goal->target, ==, 2);
  g_assert_cmpstr (goal->target_date, ==, "2099-10-15");
  g_assert_cmpint (goal->created_by, ==, f->therapist);

  /* On the page: the target in plain words and the measure's proposal. */
  row = find_row (page, "Walk 5 km without heel pain");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_test_message ("%s", subtitle_of (row));
  g_assert_true (g_str_has_prefix (subtitle_of (row), "Pain ≤ 2/10 by 15 Oct 2099\n"));
  g_assert_nonnull (strstr (subtitle_of (row), hint));
  g_assert_nonnull (glide_test_find_matching (row, is_label_text, "Not started"));

  /* Set Status offers the proposal; the status goes into the history. */
  form = open_form (page, "patient.set-goal-status", g_variant_new_int64 (goal->id));
  g_assert_cmpuint (glide_form_dialog_get_choice (form, "status"), ==, 1);  /* Progressing */
  glide_form_dialog_set_text (form, "note", "Walks 2 km before the heel hurts.");
  screenshot_form (form, "care-goal-status.png");
  save_form (form);

  g_clear_pointer (&goals, g_ptr_array_unref);
  goals = stored_goals (f);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpuint (goal->history->len, ==, 2);  /* not started when set, then progressing */
  entry = g_ptr_array_index (goal->history, 1);
  g_assert_cmpint (entry->status, ==, GLIDE_GOAL_PROGRESSING);
  g_assert_cmpstr (entry->note, ==, "Walks 2 km before the heel hurts.");
  g_assert_cmpint (entry->by, ==, f->therapist);

  row = find_row (page, "Walk 5 km without heel pain");
  g_assert_nonnull (glide_test_find_matching (row, is_label_text, "Progressing"));
  /* The proposal agrees now: no longer "proposed". */
  g_assert_null (strstr (subtitle_of (row), "proposed"));
  today = glide_date_format_long (entry->at);
  history = g_strdup_printf ("Progressing · %s · Dana Whitfield", today);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_nonnull (find_row (row, history));
  g_assert_cmpstr (subtitle_of (find_row (row, history)), ==, "Walks 2 km before the heel hurts.");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "care-goal-history.png");

  /* Revise: a new goal, prefilled; the old one is kept, revised. */
  form = open_form (page, "patient.revise-goal", g_variant_new_int64 (goal->id));
  g_assert_cmpstr (glide_form_dialog_get_text (form, "text"), ==, "Walk 5 km without heel pain");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "target"), ==, "2");
  g_assert_cmpuint (glide_form_dialog_get_choice (form, "measure"), ==, GLIDE_MEASURE_PAIN + 1);
  glide_form_dialog_set_text (form, "text", "Walk 3 km without heel pain");
  glide_form_dialog_set_text (form, "target", "3");
  save_form (form);

  g_clear_pointer (&goals, g_ptr_array_unref);
  goals = stored_goals (f);
  g_assert_cmpuint (goals->len, ==, 2);
  g_assert_cmpint (glide_goal_get_status (g_ptr_array_index (goals, 0)), ==, GLIDE_GOAL_REVISED);
  g_assert_cmpint (((GlideGoal *) g_ptr_array_index (goals, 1))->replaces, ==, goal->id);
  row = find_row (page, "Walk 5 km without heel pain");
  g_assert_nonnull (glide_test_find_matching (row, is_label_text, "Revised"));
  g_assert_null (glide_test_find_matching (row, is_menu_button, NULL));
  row = find_row (page, "Walk 3 km without heel pain");
  g_assert_nonnull (glide_test_find_matching (row, is_menu_button, NULL));
  g_assert_true (g_str_has_suffix (subtitle_of (row), "\nReplaces “Walk 5 km without heel pain”"));
}

/* ---- progress report due ----------------------------------------------------------------- */

static const char *
sessions_description (GlidePatientPage *page)
{
  GtkWidget *group = glide_test_find_matching (GTK_WIDGET (page), is_group_titled_prefix, "Sessions");

  g_assert_nonnull (group);
  return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
}

static void
test_report_due (Fixture       *f,
                 gconstpointer  data)
{
  GlidePatientPage *page;
  GlideFormDialog *form;
  g_autoptr(GPtrArray) reports = NULL;
  const GlideProgressReport *report;
  g_autofree char *today = glide_date_today ();
  GtkWidget *row;

  /* Eight visits: the tenth is two away. */
  add_visits (f, 8);
  page = open_patient (f, "T-800");
  g_assert_cmpstr (glide_patient_page_get_report_due (page), ==, "Next progress report in 2 visits");
  gtk_window_destroy (GTK_WINDOW (f->window));
  glide_test_assert_finalized (f->window);
  f->window = NULL;

  /* Nine: due at the next visit, on the page and in the session list. */
  add_visit (f, "2026-02-20", 2);
  page = open_patient (f, "T-800");
  g_assert_cmpstr (glide_patient_page_get_report_due (page), ==, "Progress report due at the next visit");
  g_assert_cmpstr (sessions_description (page), ==, "Progress report due at the next visit");
  row = find_row (page, "Progress report due at the next visit");
  g_assert_nonnull (row);
  g_assert_nonnull (glide_test_find_matching (row, is_label_text, "Due"));
  g_assert_nonnull (strstr (subtitle_of (row), "9 signed visits so far"));

  /* Recorded: the visits counted, the period from the course's start. */
  form = open_form (page, "patient.record-progress-report", NULL);
  g_assert_cmpstr (glide_form_dialog_get_text (form, "visits"), ==, "9");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "period_start"), ==, "2026-01-05");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "period_end"), ==, today);
  g_assert_false (glide_form_dialog_save (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form), "Assessment: "));
  glide_form_dialog_set_text (form, "assessment", "Pain 7/10 to 2/10; walks 2 km.");
  screenshot_form (form, "care-progress-report.png");
  save_form (form);

  reports = glide_store_list_progress_reports (f->store, f->course_id, NULL);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpuint (report->visits, ==, 9);
  g_assert_cmpint (report->signed_by, ==, f->therapist);
  g_assert_cmpstr (report->period_end, ==, today);
  g_assert_cmpstr (glide_patient_page_get_report_due (page), ==, "Next progress report in 10 visits");
  g_assert_cmpstr (sessions_description (page), ==, "Next progress report in 10 visits");
}

/* ---- plan of care and consent ------------------------------------------------------------- */

static void
test_plan_and_consent (Fixture       *f,
                       gconstpointer  data)
{
  GlidePatientPage *page;
  GlideFormDialog *form;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  const GlideCarePlan *plan;
  GtkWidget *row;

  page = open_patient (f, "T-800");
  g_assert_nonnull (find_row (page, "No plan of care"));
  g_assert_nonnull (find_row (page, "Consent to IASTM risks"));
  g_assert_true (g_str_has_prefix (subtitle_of (find_row (page, "Consent to IASTM risks")),
                                   "Explain the risks"));
  g_assert_nonnull (glide_test_find_matching (find_row (page, "Consent to IASTM risks"), is_label_text,
                                              "Not recorded"));

  form = open_form (page, "patient.new-plan", NULL);
  g_assert_cmpstr (glide_form_dialog_get_text (form, "cert_start"), ==, "2026-01-05");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "cert_end"), ==, "2026-04-04");
  glide_form_dialog_set_text (form, "visits_per_week", "9");
  g_assert_false (glide_form_dialog_save (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form), "Visits a week: "));
  /* The refusal is above the fields, in view however far the form scrolls. */
  {
    GtkWidget *message = glide_test_find_matching (GTK_WIDGET (form), is_label_text,
                                                   glide_form_dialog_get_error (form));

    g_assert_nonnull (message);
    g_assert_null (gtk_widget_get_ancestor (message, GTK_TYPE_SCROLLED_WINDOW));
  }
  screenshot_form (form, "care-plan-refused.png");
  glide_form_dialog_set_text (form, "visits_per_week", "2");
  glide_form_dialog_set_text (form, "weeks", "8");
  glide_form_dialog_set_text (form, "cert_end", "2026-03-01");
  glide_form_dialog_set_text (form, "certifying.name", "Dr Helen Marsh");
  glide_form_dialog_set_text (form, "certifying.signed", "2026-01-08");
  {
    g_autofree char *iastm = g_strdup_printf ("intervention-%d", GLIDE_INTERVENTION_IASTM);
    g_autofree char *exercise = g_strdup_printf ("intervention-%d", GLIDE_INTERVENTION_THERAPEUTIC_EXERCISE);
    GtkWidget *check;

    /* The check boxes as a click would tick them. */
    check = glide_test_find_matching (GTK_WIDGET (form), is_row_titled,
                                      "Instrument-assisted soft tissue mobilization");
    g_assert_nonnull (check);
    g_assert_false (glide_form_dialog_get_active (form, iastm));
    gtk_widget_activate (check);
    g_assert_true (glide_form_dialog_get_active (form, iastm));
    gtk_widget_activate (glide_test_find_matching (GTK_WIDGET (form), is_row_titled,
                                                   "Therapeutic exercise"));
    g_assert_true (glide_form_dialog_get_active (form, exercise));
  }
  screenshot_form (form, "care-plan.png");
  save_form (form);

  plans = glide_store_list_care_plans (f->store, f->course_id, NULL);
  g_assert_cmpuint (plans->len, ==, 1);
  plan = g_ptr_array_index (plans, 0);
  g_assert_cmpuint (plan->visits_per_week, ==, 2);
  g_assert_cmpuint (plan->weeks, ==, 8);
  g_assert_cmpuint (plan->interventions->len, ==, 2);
  g_assert_cmpstr (plan->certified_on, ==, "2026-01-08");

  /* The period has ended: re-certification is overdue. */
  row = find_row (page, "Certified 5 Jan 2026 to 1 Mar 2026");
  g_assert_nonnull (row);
  g_test_message ("%s", subtitle_of (row));
  g_assert_true (g_str_has_prefix (subtitle_of (row), "2× a week for 8 weeks · Instrument-assisted"));
  g_assert_nonnull (strstr (subtitle_of (row), "certified by Dr Helen Marsh on 8 Jan 2026"));
  g_assert_nonnull (glide_test_find_matching (row, is_label_text, "Re-certification overdue"));

  /* The next period follows on, prefilled from this plan. */
  form = open_form (page, "patient.new-plan", NULL);
  g_assert_cmpstr (glide_form_dialog_get_text (form, "cert_start"), ==, "2026-03-02");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "cert_end"), ==, "2026-04-26");
  g_assert_cmpstr (glide_form_dialog_get_text (form, "certifying.name"), ==, "Dr Helen Marsh");
  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);

  form = open_form (page, "patient.record-consent", NULL);
  g_assert_cmpstr (glide_form_dialog_get_text (form, "risks"), ==,
                   "Redness, petechiae, bruising and soreness for 24–48 hours");
  glide_form_dialog_set_text (form, "at", "2026-01-05 09:10");
  save_form (form);
  consents = glide_store_list_consents (f->store, f->course_id, NULL);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_true (g_str_has_prefix (((GlideConsent *) g_ptr_array_index (consents, 0))->at,
                                   "2026-01-05T09:10"));
  g_assert_true (g_str_has_prefix (subtitle_of (find_row (page, "Consent to IASTM risks")),
                                   "Given 5 Jan 2026 (Dana Whitfield)\n"));
}

/* ---- discharge ---------------------------------------------------------------------------- */

static void
test_discharge_ends_goals (Fixture       *f,
                           gconstpointer  data)
{
  GlidePatientPage *page;
  GlideFormDialog *form;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GlideDischarge) discharge = NULL;
  g_autoptr(GlideCourse) course = NULL;
  gint64 pain_goal, stairs_goal;
  GtkWidget *goals_row;

  /* Pain 7 → 1: the pain goal is met; the other has no measure. */
  add_visits (f, 7);
  pain_goal = add_goal (f, "Pain no more than 2 in the morning", GLIDE_MEASURE_PAIN, 2);
  stairs_goal = add_goal (f, "Climb stairs without a rail", (GlideMeasure) -1, 0);
  page = open_patient (f, "T-800");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.discharge-course", "x",
                                             f->course_id));
  form = g_object_ref (GLIDE_FORM_DIALOG (glide_test_wait_for_dialog (GLIDE_TYPE_FORM_DIALOG,
                                                                      NULL, NULL)));
  /* The last visit's date; each goal proposed met, partly met or not met. */
  g_assert_cmpstr (glide_form_dialog_get_text (form, "date"), ==, "2026-02-08");
  g_assert_cmpuint (glide_form_dialog_get_choice (form, "goals[0]"), ==, 0);  /* Met */
  g_assert_cmpuint (glide_form_dialog_get_choice (form, "goals[1]"), ==, 2);  /* Not met */
  g_assert_cmpuint (glide_form_dialog_get_choice (form, "reason"), ==, GLIDE_DISCHARGE_PLATEAU);
  g_assert_false (glide_form_dialog_save (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form), "Discharge note: "));
  glide_form_dialog_set_choice (form, "goals[1]", 1);  /* Partly met */
  glide_form_dialog_set_choice (form, "reason", GLIDE_DISCHARGE_GOALS_MET);
  glide_form_dialog_set_text (form, "note", "Goals reached; home program to continue.");
  screenshot_form (form, "care-discharge.png");
  save_form (form);

  course = glide_store_get_course (f->store, f->course_id, NULL);
  g_assert_cmpstr (course->end_date, ==, "2026-02-08");
  discharge = glide_store_get_discharge (f->store, f->course_id, NULL);
  g_assert_nonnull (discharge);
  g_assert_cmpint (discharge->reason, ==, GLIDE_DISCHARGE_GOALS_MET);
  g_assert_cmpint (discharge->by, ==, f->therapist);
  goals = stored_goals (f);
  g_assert_cmpint (((GlideGoal *) g_ptr_array_index (goals, 0))->id, ==, pain_goal);
  g_assert_cmpint (glide_goal_get_status (g_ptr_array_index (goals, 0)), ==, GLIDE_GOAL_MET);
  g_assert_cmpint (((GlideGoal *) g_ptr_array_index (goals, 1))->id, ==, stairs_goal);
  g_assert_cmpint (glide_goal_get_status (g_ptr_array_index (goals, 1)), ==, GLIDE_GOAL_PARTLY_MET);
  /* Written up months later, the statuses hold from the discharge's day. */
  for (guint i = 0; i < goals->len; i++)
    {
      GPtrArray *history = ((GlideGoal *) g_ptr_array_index (goals, i))->history;
      const GlideGoalStatusEntry *last = g_ptr_array_index (history, history->len - 1);

      g_assert_cmpstr (last->at, ==, "2026-02-08T23:59:59");
    }

  /* The page: the discharge and its note; nothing left to change. */
  g_assert_cmpstr (subtitle_of (find_row (page, "Discharged 8 Feb 2026 · Goals met")), ==,
                   "Goals reached; home program to continue.\n— Dana Whitfield");
  /* Its summary is a button away (also in the export menu). */
  {
    GtkWidget *summary = glide_test_find_matching (find_row (page, "Discharged 8 Feb 2026 · Goals met"),
                                                   is_button, NULL);

    g_assert_nonnull (summary);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (summary)), ==,
                     "patient.export-discharge");
    g_assert_true (gtk_widget_is_sensitive (summary));
  }
  goals_row = find_row (page, "Pain no more than 2 in the morning");
  g_assert_nonnull (glide_test_find_matching (goals_row, is_label_text, "Met"));
  g_assert_null (glide_test_find_matching (goals_row, is_menu_button, NULL));
  g_assert_null (glide_patient_page_get_report_due (page));
  g_assert_false (gtk_widget_is_visible (glide_test_find_matching (GTK_WIDGET (page), is_label_text,
                                                                   "Add Goal…")));
  g_assert_null (glide_test_find_matching (find_row (page, "Consent to IASTM risks"), is_button, NULL));
  g_assert_false (glide_course_is_active (course));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "care-discharged.png");
}

/* ---- the demo clinic ---------------------------------------------------------------------- */

static void
test_demo_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) demo = NULL;
  g_autofree char *dir = glide_test_make_tmpdir ();
  GlidePatientPage *page;
  const char *chart = g_getenv ("GLIDE_TEST_CARE_CHART");

  g_clear_object (&f->store);
  f->store = glide_test_open_store (dir, "demo.db");
  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
  page = open_patient (f, chart ? chart : "P-1001");
  g_test_message ("due: %s", glide_patient_page_get_report_due (page));
  g_assert_nonnull (glide_patient_page_get_report_due (page));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));

  /* The course of care at the top of the page: goals, plan, report due. */
  {
    GtkWidget *courses = glide_test_find_matching (GTK_WIDGET (page), is_group_titled_prefix,
                                                   "Courses of Care");
    GtkWidget *scroller = gtk_widget_get_ancestor (courses, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (courses, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (adjustment, at.y - 12);
    g_test_message ("scrolled to %g of %g (wanted %g)", gtk_adjustment_get_value (adjustment),
                    gtk_adjustment_get_upper (adjustment), at.y - 12);
    glide_test_flush_events ();
    glide_test_wait_for_draw (GTK_WIDGET (f->window));
  }
  glide_test_save_screenshot (GTK_WIDGET (f->window), "patient-goals.png");
  gtk_window_destroy (GTK_WINDOW (f->window));
  glide_test_assert_finalized (f->window);
  f->window = NULL;
  g_clear_object (&f->store);
  glide_test_remove_tree (dir);
  f->store = glide_test_open_store (f->dir, "care.db");
}

int
main (int   argc,
      char *argv[])
{
  glide_test_gui_init (&argc, &argv);

  g_test_add ("/care-window/goal-add-status-revise", Fixture, NULL, fixture_set_up,
              test_goal_add_status_revise, fixture_tear_down);
  g_test_add ("/care-window/report-due", Fixture, NULL, fixture_set_up, test_report_due,
              fixture_tear_down);
  g_test_add ("/care-window/plan-and-consent", Fixture, NULL, fixture_set_up,
              test_plan_and_consent, fixture_tear_down);
  g_test_add ("/care-window/discharge-ends-goals", Fixture, NULL, fixture_set_up,
              test_discharge_ends_goals, fixture_tear_down);
  g_test_add ("/care-window/demo-page", Fixture, NULL, fixture_set_up, test_demo_page,
              fixture_tear_down);
  return g_test_run ();
}
