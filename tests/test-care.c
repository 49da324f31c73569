/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-care.c: the course of care in the store (schema 7): goals and their
 * history, plans of care, progress reports and when the next is due,
 * consent, discharge. Runs on SQLite and, as test-care-pg, on PostgreSQL. */

#include "config.h"

#include <string.h>

#include "glide-store.h"
#include "glide-test-utils.h"

typedef struct
{
  char       *dir;
  GlideStore *store;
  gint64      therapist;
  gint64      patient;
  gint64      course;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "care.db");
  f->therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  f->patient = glide_test_add_patient (f->store, "P-0001", "Müller", "José");
  f->course = glide_test_add_course (f->store, f->patient, "2026-03-02");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
sign_visit (Fixture    *f,
            const char *start,
            const char *signed_at)
{
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, f->therapist, start);
  g_autoptr(GError) error = NULL;
  gint64 id = glide_store_save_draft_session (f->store, session, &error);

  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, signed_at, &error));
  g_assert_no_error (error);
}

static GlideGoal *
pain_goal (Fixture *f)
{
  GlideGoal *goal = glide_goal_new ("Walk 5 km without heel pain");

  goal->course_id = f->course;
  goal->measure = GLIDE_MEASURE_PAIN;
  goal->target = 2;
  goal->target_date = g_strdup ("2026-05-01");
  goal->created_by = f->therapist;
  goal->created_at = g_strdup ("2026-03-02T10:00");
  return goal;
}

/* A goal starts not started; statuses append; a revision replaces it and
 * leaves it in the history as revised. */
static void
test_goals (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GlideGoal) goal = pain_goal (f);
  g_autoptr(GlideGoal) knee = glide_goal_new ("Kneel to garden");
  g_autoptr(GlideGoal) revised = NULL;
  g_autoptr(GlideGoalStatusEntry) progressing = NULL;
  g_autoptr(GlideGoalStatusEntry) late = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;
  GlideGoal *read;

  g_assert_cmpint (glide_store_add_goal (f->store, goal, &error), >, 0);
  g_assert_no_error (error);

  /* A lateral measure needs its side. */
  knee->course_id = f->course;
  knee->measure = GLIDE_MEASURE_KNEE_FLEXION;
  knee->target = 120;
  knee->created_by = f->therapist;
  knee->created_at = g_strdup ("2026-03-02T10:01");
  g_assert_cmpint (glide_store_add_goal (f->store, knee, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Goal side: knee-flexion needs a side, left or right");
  g_clear_error (&error);
  knee->side = GLIDE_SIDE_RIGHT;
  knee->target = 400;
  g_assert_cmpint (glide_store_add_goal (f->store, knee, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Goal target: "));
  g_clear_error (&error);
  knee->target = 120;
  g_assert_cmpint (glide_store_add_goal (f->store, knee, &error), >, 0);
  g_assert_no_error (error);

  progressing = glide_goal_status_entry_new (GLIDE_GOAL_PROGRESSING, f->therapist,
                                             "2026-03-16T10:00");
  progressing->goal_id = goal->id;
  g_assert_cmpint (glide_store_set_goal_status (f->store, progressing, &error), >, 0);
  g_assert_no_error (error);

  /* A status before the goal was set is refused. */
  late = glide_goal_status_entry_new (GLIDE_GOAL_MET, f->therapist, "2026-03-01T10:00");
  late->goal_id = goal->id;
  g_assert_cmpint (glide_store_set_goal_status (f->store, late, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Goal status at: 2026-03-01T10:00 is before the goal "
                                       "was set (2026-03-02T10:00)");
  g_clear_error (&error);

  /* Nor before the latest status: the history stays in time order. */
  g_free (late->at);
  late->at = g_strdup ("2026-03-10T10:00");
  g_assert_cmpint (glide_store_set_goal_status (f->store, late, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Goal status at: 2026-03-10T10:00 is before the goal's "
                                       "latest status (progressing, set 2026-03-16T10:00)");
  g_clear_error (&error);

  /* Revised by a new goal. */
  revised = pain_goal (f);
  g_free (revised->text);
  revised->text = g_strdup ("Walk 3 km without heel pain");
  g_free (revised->created_at);
  revised->created_at = g_strdup ("2026-03-20T10:00");
  revised->replaces = goal->id;
  g_assert_cmpint (glide_store_add_goal (f->store, revised, &error), >, 0);
  g_assert_no_error (error);

  /* The revised goal takes no more statuses; nor is "revised" set by hand. */
  g_free (late->at);
  late->at = g_strdup ("2026-03-21T10:00");
  g_assert_cmpint (glide_store_set_goal_status (f->store, late, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  late->goal_id = revised->id;
  late->status = GLIDE_GOAL_REVISED;
  g_assert_cmpint (glide_store_set_goal_status (f->store, late, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Nor is one goal revised twice. */
  revised->id = 0;
  g_assert_cmpint (glide_store_add_goal (f->store, revised, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  goals = glide_store_list_goals (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 3);
  read = g_ptr_array_index (goals, 0);
  g_assert_cmpstr (read->text, ==, "Walk 5 km without heel pain");
  g_assert_cmpint (read->measure, ==, GLIDE_MEASURE_PAIN);
  g_assert_cmpint (read->side, ==, GLIDE_SIDE_NONE);
  g_assert_cmpfloat (read->target, ==, 2);
  g_assert_cmpstr (read->target_date, ==, "2026-05-01");
  g_assert_cmpuint (read->history->len, ==, 3);
  g_assert_cmpint (((GlideGoalStatusEntry *) read->history->pdata[0])->status, ==,
                   GLIDE_GOAL_NOT_STARTED);
  g_assert_cmpint (((GlideGoalStatusEntry *) read->history->pdata[1])->status, ==,
                   GLIDE_GOAL_PROGRESSING);
  g_assert_cmpint (glide_goal_get_status (read), ==, GLIDE_GOAL_REVISED);
  g_assert_cmpstr (((GlideGoalStatusEntry *) read->history->pdata[2])->at, ==, "2026-03-20T10:00");
  read = g_ptr_array_index (goals, 1);
  g_assert_cmpint (read->side, ==, GLIDE_SIDE_RIGHT);
  read = g_ptr_array_index (goals, 2);
  g_assert_cmpint (read->replaces, ==, goal->id);
  g_assert_cmpint (glide_goal_get_status (read), ==, GLIDE_GOAL_NOT_STARTED);

  glide_test_assert_check_passes (f->store);
}

static GlideCarePlan *
new_plan (Fixture *f)
{
  GlideCarePlan *plan = glide_care_plan_new (f->course);
  GlideIntervention iastm = GLIDE_INTERVENTION_IASTM, exercise = GLIDE_INTERVENTION_THERAPEUTIC_EXERCISE;

  plan->cert_start = g_strdup ("2026-03-02");
  plan->cert_end = g_strdup ("2026-05-31");
  plan->visits_per_week = 2;
  plan->weeks = 8;
  g_array_append_val (plan->interventions, iastm);
  g_array_append_val (plan->interventions, exercise);
  plan->referring_name = g_strdup ("Dr Ana Ruiz");
  plan->referring_id = g_strdup ("1234567893");   /* CMS's example NPI */
  plan->written_by = f->therapist;
  plan->written_at = g_strdup ("2026-03-02T11:00");
  return plan;
}

static void
test_care_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlideCarePlan) plan = new_plan (f);
  g_autoptr(GlideCarePlan) stale = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  GlideCarePlan *read;

  /* An NPI's check digit is checked; a local id is not an NPI. */
  g_free (plan->referring_id);
  plan->referring_id = g_strdup ("1234567890");
  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Plan of care referring.id: 1234567890 is not a valid NPI "
                                       "(its check digit does not match)");
  g_clear_error (&error);
  g_free (plan->referring_id);
  plan->referring_id = g_strdup ("1234567893");

  g_free (plan->cert_end);
  plan->cert_end = g_strdup ("2026-03-01");
  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Plan of care cert_end: 2026-03-01 is before the start of "
                                       "the period 2026-03-02");
  g_clear_error (&error);
  g_free (plan->cert_end);
  plan->cert_end = g_strdup ("2026-05-31");

  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), >, 0);
  g_assert_no_error (error);

  plans = glide_store_list_care_plans (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  read = g_ptr_array_index (plans, 0);
  g_assert_cmpuint (read->interventions->len, ==, 2);
  g_assert_cmpint (g_array_index (read->interventions, GlideIntervention, 1), ==,
                   GLIDE_INTERVENTION_THERAPEUTIC_EXERCISE);
  g_assert_cmpstr (read->referring_id, ==, "1234567893");
  g_assert_null (read->certifying_name);
  g_assert_cmpint (read->version, >, 0);

  /* Certified by the physician: an edit at the version read. */
  stale = new_plan (f);
  stale->id = read->id;
  stale->version = read->version;
  read->certifying_name = g_strdup ("Dr Ana Ruiz");
  read->certified_on = g_strdup ("2026-03-05");
  g_assert_cmpint (glide_store_save_care_plan (f->store, read, &error), ==, read->id);
  g_assert_no_error (error);
  /* Saving over it from the older version is refused. */
  g_assert_cmpint (glide_store_save_care_plan (f->store, stale, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE);
  g_clear_error (&error);

  g_clear_pointer (&plans, g_ptr_array_unref);
  plans = glide_store_list_care_plans (f->store, f->course, &error);
  g_assert_cmpstr (((GlideCarePlan *) plans->pdata[0])->certified_on, ==, "2026-03-05");
  glide_test_assert_check_passes (f->store);
}

/* The 10th visit or the therapist's date, whichever first, counted from the
 * last report's period. */
static void
test_report_due (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlideCarePlan) plan = new_plan (f);
  g_autoptr(GlideProgressReport) report = glide_progress_report_new (f->course);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  GlideReportDueInfo info;

  plan->report_due = g_strdup ("2026-04-15");
  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT10:00", 2 + i * 3);
      g_autofree char *at = g_strdup_printf ("2026-03-%02uT10:40", 2 + i * 3);

      sign_visit (f, start, at);
    }
  g_assert_true (glide_store_get_report_due (f->store, f->course, "2026-03-25", 10, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.due, ==, GLIDE_REPORT_NOT_DUE);
  g_assert_cmpuint (info.visits_since, ==, 8);
  g_assert_cmpuint (info.visits_left, ==, 1);
  g_assert_cmpstr (info.due_date, ==, "2026-04-15");
  glide_report_due_info_clear (&info);

  /* The plan's date first. */
  g_assert_true (glide_store_get_report_due (f->store, f->course, "2026-04-16", 10, &info, &error));
  g_assert_cmpint (info.due, ==, GLIDE_REPORT_OVERDUE);
  glide_report_due_info_clear (&info);

  /* The 9th visit signed: the report is due at the next. */
  sign_visit (f, "2026-03-27T10:00", "2026-03-27T10:40");
  g_assert_true (glide_store_get_report_due (f->store, f->course, "2026-03-27", 10, &info, &error));
  g_assert_cmpint (info.due, ==, GLIDE_REPORT_DUE);
  glide_report_due_info_clear (&info);

  /* Written: the count starts again after its period, with its next date. */
  report->date = g_strdup ("2026-03-27");
  report->period_start = g_strdup ("2026-03-02");
  report->period_end = g_strdup ("2026-03-27");
  report->visits = 9;
  g_free (report->assessment);
  report->assessment = g_strdup ("Heel pain down from 7 to 3; walks 2 km.");
  report->next_due = g_strdup ("2026-03-27");
  report->signed_by = f->therapist;
  report->signed_at = g_strdup ("2026-03-27T12:00");
  g_assert_cmpint (glide_store_add_progress_report (f->store, report, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Progress report next_due: 2026-03-27 is not after the "
                                       "report's date 2026-03-27");
  g_clear_error (&error);
  g_free (report->next_due);
  report->next_due = g_strdup ("2026-04-30");
  g_assert_cmpint (glide_store_add_progress_report (f->store, report, &error), >, 0);
  g_assert_no_error (error);

  sign_visit (f, "2026-03-30T10:00", "2026-03-30T10:40");
  g_assert_true (glide_store_get_report_due (f->store, f->course, "2026-03-30", 10, &info, &error));
  g_assert_cmpint (info.due, ==, GLIDE_REPORT_NOT_DUE);
  g_assert_cmpuint (info.visits_since, ==, 1);
  g_assert_cmpstr (info.since, ==, "2026-03-27");
  g_assert_cmpstr (info.due_date, ==, "2026-04-30");
  glide_report_due_info_clear (&info);

  reports = glide_store_list_progress_reports (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_cmpstr (((GlideProgressReport *) reports->pdata[0])->assessment, ==,
                   "Heel pain down from 7 to 3; walks 2 km.");
  glide_test_assert_check_passes (f->store);
}

/* Consent, then discharge: the goals' statuses, the course's end date and
 * the discharge in one transaction; nothing more after it. */
static void
test_discharge (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlideGoal) goal = pain_goal (f);
  g_autoptr(GlideConsent) consent = glide_consent_new (f->course);
  g_autoptr(GlideDischarge) discharge = glide_discharge_new (f->course);
  g_autoptr(GlideDischarge) again = glide_discharge_new (f->course);
  g_autoptr(GlideDischarge) read = NULL;
  g_autoptr(GlideCourse) course = NULL;
  g_autoptr(GPtrArray) statuses =
    g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_status_entry_free);
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GlideGoal) late = pain_goal (f);
  g_autoptr(GError) error = NULL;
  GlideGoalStatusEntry *met;

  consent->at = g_strdup ("2026-03-02T09:50");
  consent->obtained_by = f->therapist;
  consent->risks = g_strdup ("bruising, redness, soreness for 24-48 hours");
  g_assert_cmpint (glide_store_add_consent (f->store, consent, &error), >, 0);
  g_assert_no_error (error);
  consents = glide_store_list_consents (f->store, f->course, &error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (((GlideConsent *) consents->pdata[0])->risks, ==,
                   "bruising, redness, soreness for 24-48 hours");

  g_assert_cmpint (glide_store_add_goal (f->store, goal, &error), >, 0);
  sign_visit (f, "2026-03-09T10:00", "2026-03-09T10:40");

  met = glide_goal_status_entry_new (GLIDE_GOAL_MET, f->therapist, "2026-04-02T10:00");
  met->goal_id = goal->id;
  g_ptr_array_add (statuses, met);
  discharge->date = g_strdup ("2026-04-02");
  discharge->reason = GLIDE_DISCHARGE_GOALS_MET;
  discharge->by = f->therapist;
  discharge->at = g_strdup ("2026-04-02T10:00");
  /* A discharge note is required. */
  g_assert_false (glide_store_discharge_course (f->store, discharge, statuses, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Discharge note: must not be empty");
  g_clear_error (&error);
  /* Nor before the last visit: the goal's status is not kept either. */
  g_free (discharge->note);
  discharge->note = g_strdup ("Walks 5 km pain-free; home program continues.");
  g_free (discharge->date);
  discharge->date = g_strdup ("2026-03-05");
  g_free (discharge->at);
  discharge->at = g_strdup ("2026-03-05T10:00");
  g_assert_false (glide_store_discharge_course (f->store, discharge, statuses, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "before its latest session"));
  g_clear_error (&error);
  goals = glide_store_list_goals (f->store, f->course, &error);
  g_assert_cmpint (glide_goal_get_status (goals->pdata[0]), ==, GLIDE_GOAL_NOT_STARTED);
  g_clear_pointer (&goals, g_ptr_array_unref);

  g_free (discharge->date);
  discharge->date = g_strdup ("2026-04-02");
  g_free (discharge->at);
  discharge->at = g_strdup ("2026-04-02T10:00");
  g_assert_true (glide_store_discharge_course (f->store, discharge, statuses, &error));
  g_assert_no_error (error);

  course = glide_store_get_course (f->store, f->course, &error);
  g_assert_cmpstr (course->end_date, ==, "2026-04-02");
  goals = glide_store_list_goals (f->store, f->course, &error);
  g_assert_cmpint (glide_goal_get_status (goals->pdata[0]), ==, GLIDE_GOAL_MET);
  read = glide_store_get_discharge (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpint (read->reason, ==, GLIDE_DISCHARGE_GOALS_MET);
  g_assert_cmpstr (read->note, ==, "Walks 5 km pain-free; home program continues.");

  /* Discharged: no second discharge, no new goal. */
  again->date = g_strdup ("2026-04-03");
  again->reason = GLIDE_DISCHARGE_OTHER;
  g_free (again->note);
  again->note = g_strdup ("again");
  again->by = f->therapist;
  again->at = g_strdup ("2026-04-03T10:00");
  g_assert_false (glide_store_discharge_course (f->store, again, NULL, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Discharge: the course was discharged on 2026-04-02 and "
                                       "takes no more records");
  g_clear_error (&error);
  g_assert_cmpint (glide_store_add_goal (f->store, late, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  glide_test_assert_check_passes (f->store);
}

/* The records never change, even with plain SQL; a row added behind
 * Glide's back is found by --check. */
static void
test_written_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlideGoal) goal = pain_goal (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean found = FALSE;
  static const char *const refused[] = {
    "UPDATE goals SET text = 'Walk 1 km'",
    "DELETE FROM goals",
    "UPDATE goal_status SET status = 'met'",
    "DELETE FROM goal_status",
    "INSERT OR REPLACE INTO goals SELECT * FROM goals",
  };

  if (glide_test_skip_unless_sqlite ("plain SQL on the database file"))
    return;
  g_assert_cmpint (glide_store_add_goal (f->store, goal, &error), >, 0);
  path = g_strdup (glide_store_get_path (f->store));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (glide_test_sql_exec (path, refused[i], &message), !=, 0);
      g_assert_nonnull (strstr (message, "glide: "));
      g_clear_pointer (&message, g_free);
    }

  /* A goal inserted by hand. */
  g_assert_cmpint (glide_test_sql_exec (path, "INSERT INTO goals (course_id, text, created_by,"
                                        " created_at) SELECT course_id, 'Run a marathon',"
                                        " created_by, created_at FROM goals", &message), ==, 0);
  items = glide_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      if (!item->ok && strstr (item->message, "goal 2") &&
          strstr (item->message, "added outside Glide"))
        found = TRUE;
    }
  g_assert_true (found);
}

/* A visit's end, minutes per billing code, exercises and follow-up are
 * saved and read with it, checked by the rules, sealed at signing and
 * never changed after. */
static void
test_session_details (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, f->therapist,
                                                            "2026-03-09T10:00");
  g_autoptr(GlideSession) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GlideExercise *exercise = glide_exercise_new ("Calf stretch against the wall");
  const GlideExercise *e;
  gboolean found = FALSE;
  gint64 id;

  session->end = g_strdup ("2026-03-09T10:45");
  session->total_minutes = 20;
  g_ptr_array_add (session->billing, glide_billed_time_new ("97110", 12));
  g_ptr_array_add (session->billing, glide_billed_time_new ("97140", 17));
  exercise->sets = 3;
  exercise->hold_s = 30;
  exercise->side = GLIDE_SIDE_LEFT;
  g_ptr_array_add (session->exercises, exercise);
  session->reaction = GLIDE_REACTION_MILD;
  session->reaction_note = g_strdup ("Sore for a day");

  /* The timed minutes are part of the total. */
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Session total_minutes: 20 is less than the 29 timed "
                                       "minutes billed");
  g_clear_error (&error);
  session->total_minutes = 40;
  g_free (((GlideBilledTime *) session->billing->pdata[0])->code);
  ((GlideBilledTime *) session->billing->pdata[0])->code = g_strdup ("97110-GP");
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Session billing[0].code: \"97110-GP\" is not "
                                                   "a billing code"));
  g_clear_error (&error);
  g_free (((GlideBilledTime *) session->billing->pdata[0])->code);
  ((GlideBilledTime *) session->billing->pdata[0])->code = g_strdup ("97110");
  g_free (session->end);
  session->end = g_strdup ("2026-03-09T09:59");
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Session end: 2026-03-09T09:59 is not after the session "
                                       "started (2026-03-09T10:00)");
  g_clear_error (&error);
  g_free (session->end);
  session->end = g_strdup ("2026-03-09T10:45");

  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  /* Saved again as a draft: the rows are replaced, not doubled. */
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, id);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, "2026-03-09T10:50", &error));
  g_assert_no_error (error);

  read = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->end, ==, "2026-03-09T10:45");
  g_assert_cmpuint (read->total_minutes, ==, 40);
  g_assert_cmpuint (read->billing->len, ==, 2);
  g_assert_cmpstr (((GlideBilledTime *) read->billing->pdata[1])->code, ==, "97140");
  g_assert_cmpuint (((GlideBilledTime *) read->billing->pdata[1])->minutes, ==, 17);
  g_assert_cmpuint (read->exercises->len, ==, 1);
  e = g_ptr_array_index (read->exercises, 0);
  g_assert_cmpstr (e->name, ==, "Calf stretch against the wall");
  g_assert_cmpuint (e->sets, ==, 3);
  g_assert_cmpuint (e->hold_s, ==, 30);
  g_assert_cmpint (e->side, ==, GLIDE_SIDE_LEFT);
  g_assert_null (e->load);
  g_assert_cmpint (read->reaction, ==, GLIDE_REACTION_MILD);
  g_assert_cmpstr (read->reaction_note, ==, "Sore for a day");
  glide_test_assert_check_passes (f->store);

  if (glide_test_skip_unless_sqlite ("plain SQL on the database file"))
    return;
  /* Signed: the database refuses a change; done behind its triggers'
   * back, the seal shows it. */
  g_assert_cmpint (glide_test_sql_exec (glide_store_get_path (f->store),
                                        "UPDATE session_billing SET minutes = 30", &message), !=, 0);
  g_assert_nonnull (strstr (message, "glide: a signed session cannot be changed"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (glide_test_sql_exec (glide_store_get_path (f->store),
                                        "DROP TRIGGER exercises_signed_no_update;"
                                        " UPDATE exercises SET sets = 5", &message), ==, 0);
  items = glide_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      if (!item->ok && strstr (item->message, "no longer matches its seal"))
        found = TRUE;
    }
  g_assert_true (found);
}

/* The clinic's settings: defaults until saved, checked, versioned. */
static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlideCareSettings) settings = glide_store_get_care_settings (f->store, NULL);
  g_autoptr(GlideCareSettings) read = NULL;
  g_autoptr(GlideCareSettings) stale = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (settings);
  g_assert_false (settings->saved);
  g_assert_cmpint (settings->units_method, ==, GLIDE_UNITS_CMS_8_MINUTE);
  g_assert_cmpuint (settings->report_visits, ==, 10);
  g_assert_cmpuint (settings->billing_codes->len, ==, 4);
  g_assert_cmpstr (((GlideClinicCode *) settings->billing_codes->pdata[0])->code, ==, "97140");

  settings->units_method = GLIDE_UNITS_RULE_OF_EIGHTS;
  settings->report_visits = 31;
  g_assert_false (glide_store_set_care_settings (f->store, settings, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Settings progress_report_visits: 31 is out of range 1-30");
  g_clear_error (&error);
  settings->report_visits = 6;
  g_ptr_array_add (settings->billing_codes, glide_clinic_code_new ("97140", "Again", TRUE));
  g_assert_false (glide_store_set_care_settings (f->store, settings, &error));
  g_assert_cmpstr (error->message, ==, "Settings billing_codes[4].code: 97140 is listed twice");
  g_clear_error (&error);
  g_ptr_array_remove_index (settings->billing_codes, 4);
  g_ptr_array_add (settings->billing_codes, glide_clinic_code_new ("G0283", "Electrical stimulation", FALSE));
  g_assert_true (glide_store_set_care_settings (f->store, settings, &error));
  g_assert_no_error (error);

  read = glide_store_get_care_settings (f->store, &error);
  g_assert_true (read->saved);
  g_assert_cmpint (read->units_method, ==, GLIDE_UNITS_RULE_OF_EIGHTS);
  g_assert_cmpuint (read->report_visits, ==, 6);
  g_assert_cmpuint (read->billing_codes->len, ==, 5);
  g_assert_cmpstr (((GlideClinicCode *) read->billing_codes->pdata[4])->label, ==,
                   "Electrical stimulation");
  g_assert_false (((GlideClinicCode *) read->billing_codes->pdata[4])->timed);

  /* A second change from the version first read is refused. */
  stale = glide_store_get_care_settings (f->store, NULL);
  read->report_visits = 8;
  g_assert_true (glide_store_set_care_settings (f->store, read, &error));
  g_assert_false (glide_store_set_care_settings (f->store, stale, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE);
  glide_test_assert_check_passes (f->store);
}

/* The caseload says which active courses need a progress report or a
 * re-certification at the end of its period, and not for a discharged one. */
static void
test_caseload_due (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlideCarePlan) plan = new_plan (f);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const GlideCaseloadRow *row;

  g_free (plan->cert_end);
  plan->cert_end = g_strdup ("2026-03-31");
  plan->report_due = g_strdup ("2026-03-20");
  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), >, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT10:00", 2 + i * 3);
      g_autofree char *at = g_strdup_printf ("2026-03-%02uT10:40", 2 + i * 3);

      sign_visit (f, start, at);
    }

  /* Mid-March: 3 visits, the date not reached, the plan ends in 21 days. */
  rows = glide_store_list_caseload (f->store, "2026-03-01", "2026-03-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->report_due, ==, GLIDE_REPORT_NOT_DUE);
  g_assert_cmpuint (row->report_visits_left, ==, 6);
  g_assert_cmpint (row->recert_due, ==, GLIDE_REPORT_NOT_DUE);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* At the end of March: the report's date has passed, the plan ends today. */
  rows = glide_store_list_caseload (f->store, "2026-03-01", "2026-03-31", &error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->report_due, ==, GLIDE_REPORT_OVERDUE);
  g_assert_cmpstr (row->report_due_date, ==, "2026-03-20");
  g_assert_cmpint (row->recert_due, ==, GLIDE_REPORT_DUE);
  g_assert_cmpstr (row->cert_end, ==, "2026-03-31");
  g_assert_false (row->discharged);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_cmpint (glide_rules_recertification_due ("2026-03-31", "2026-04-01", NULL), ==,
                   GLIDE_REPORT_OVERDUE);
  g_assert_cmpint (glide_rules_recertification_due ("2026-03-31", "2026-03-16", NULL), ==, GLIDE_REPORT_NOT_DUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/care/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("goals", test_goals);
  ADD ("care-plan", test_care_plan);
  ADD ("report-due", test_report_due);
  ADD ("discharge", test_discharge);
  ADD ("written-once", test_written_once);
  ADD ("session-details", test_session_details);
  ADD ("settings", test_settings);
  ADD ("caseload-due", test_caseload_due);
#undef ADD

  return g_test_run ();
}
