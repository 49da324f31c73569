/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-care.c: the course of care (schema 7): goals and their status
 * history, plans of care, progress reports, consent and discharge. Every
 * write is checked by glide-rules, audited and sealed like the rest of the
 * record; goals, status entries, reports, consents and discharges are
 * written once (the schema's triggers refuse a change), and a discharged
 * course takes no more of them. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include <string.h>

#include "glide-date.h"

/* ---- shared ----------------------------------------------------------------- */

static void
bind_text_or_null (GlideStmt  *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    glide_stmt_bind_null (stmt, index);
  else
    glide_stmt_bind_text (stmt, index, text);
}

static int
column_code (GlideStmt     *stmt,
             int            column,
             GlideCodeList  list)
{
  const char *text = glide_stmt_column_text (stmt, column);
  int value = -1;

  if (text != NULL && !glide_code_list_lookup (list, text, &value))
    g_critical ("Unknown %s code \"%s\" in the database", glide_code_list_noun (list), text);
  return value;
}

/* The chart of the course's patient, for the audit entry; fails when the
 * course does not exist or was discharged (@what names the record refused). */
static char *
open_course_chart (GlideStore  *self,
                   gint64       course_id,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(GlideCourse) course = glide_store_get_course (self, course_id, error);
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GlideDischarge) discharge = NULL;
  GError *local_error = NULL;

  if (course == NULL)
    return NULL;
  discharge = glide_store_get_discharge (self, course_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (discharge != NULL)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("%s: the course was discharged on %s and takes no more records"),
                   what, discharge->date);
      return NULL;
    }
  if ((patient = glide_store_get_patient (self, course->patient_id, error)) == NULL)
    return NULL;
  return g_strdup (patient->chart);
}

static gboolean
audit_record (GlideStore        *self,
              GlideAuditAction   action,
              const char        *chart,
              const char        *kind,
              gint64             id,
              const char        *details,
              GError           **error)
{
  g_autofree char *entity = g_strdup_printf ("%s %" G_GINT64_FORMAT, kind, id);

  glide_store_seal_mark (self, kind, id);
  return glide_store_append_audit (self, action, chart, entity, details, error);
}

/* ---- goals ------------------------------------------------------------------ */

static gboolean
insert_goal_status (GlideStore            *self,
                    GlideGoalStatusEntry  *entry,
                    const char            *goal_created_at,
                    GError               **error)
{
  g_autofree char *field = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_goal_status (entry, goal_created_at, &field, &rule_error))
    return glide_store_set_rule_error (error, "Goal status", field, rule_error);
  if (!(stmt = glide_store_prepare (self, "INSERT INTO goal_status (goal_id, status, at, set_by,"
                                    " note) VALUES (?, ?, ?, ?, ?) RETURNING id", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, entry->goal_id);
  glide_stmt_bind_text (stmt, 2, glide_code_list_code (GLIDE_CODE_LIST_GOAL_STATUS, entry->status));
  glide_stmt_bind_text (stmt, 3, entry->at);
  glide_stmt_bind_int64 (stmt, 4, entry->by);
  glide_stmt_bind_text (stmt, 5, entry->note ? entry->note : "");
  if (!glide_store_write_row (self, stmt, &entry->id, N_("goal status"), 0, NULL, error))
    return FALSE;
  glide_store_seal_mark (self, "goal-status", entry->id);
  return TRUE;
}

#define GOAL_COLUMNS \
  "SELECT id, course_id, text, measure, side, target, target_date, replaces, created_by," \
  " created_at FROM goals "

static GlideGoal *
read_goal (GlideStmt *stmt)
{
  GlideGoal *goal = glide_goal_new (glide_stmt_column_text (stmt, 2));

  goal->id = glide_stmt_column_int64 (stmt, 0);
  goal->course_id = glide_stmt_column_int64 (stmt, 1);
  goal->measure = column_code (stmt, 3, GLIDE_CODE_LIST_MEASURE);
  goal->side = glide_stmt_column_type (stmt, 4) == GLIDE_DB_NULL ? GLIDE_SIDE_NONE
               : column_code (stmt, 4, GLIDE_CODE_LIST_SIDE);
  goal->target = glide_stmt_column_type (stmt, 5) == GLIDE_DB_NULL ? 0
                 : glide_stmt_column_double (stmt, 5);
  goal->target_date = glide_store_column_dup (stmt, 6);
  goal->replaces = glide_stmt_column_int64 (stmt, 7);
  goal->created_by = glide_stmt_column_int64 (stmt, 8);
  goal->created_at = glide_store_column_dup (stmt, 9);
  return goal;
}

static GlideGoal *
get_goal (GlideStore  *self,
          gint64       id,
          GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GlideStmt *stmt;

  if (!(stmt = glide_store_prepare (self, GOAL_COLUMNS "WHERE id = ?", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, id);
  if (!(rows = glide_store_collect (self, stmt, (gpointer) read_goal,
                                    (GDestroyNotify) glide_goal_free, error)))
    return NULL;
  if (rows->len == 0)
    {
      glide_store_set_not_found (error, N_("goal"), id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* The latest status of a goal, GLIDE_GOAL_NOT_STARTED without one, and
 * when it was set (NULL without one). */
static gboolean
latest_goal_status (GlideStore       *self,
                    gint64            goal_id,
                    GlideGoalStatus  *status,
                    char            **at,
                    GError          **error)
{
  GlideStmt *stmt;
  GlideStmtResult rc;

  if (!(stmt = glide_store_prepare (self, "SELECT status, at FROM goal_status WHERE goal_id = ?"
                                    " ORDER BY id DESC LIMIT 1", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, goal_id);
  rc = glide_stmt_step (stmt);
  *status = rc == GLIDE_STMT_ROW ? column_code (stmt, 0, GLIDE_CODE_LIST_GOAL_STATUS)
                                 : GLIDE_GOAL_NOT_STARTED;
  if (at != NULL)
    *at = rc == GLIDE_STMT_ROW ? glide_store_column_dup (stmt, 1) : NULL;
  glide_stmt_reset (stmt);
  return rc != GLIDE_STMT_ERROR || glide_store_set_db_error (self, error);
}

/* A goal's history stays in time order: a new status is not set before
 * the latest one. */
static gboolean
check_after_latest (GlideStore  *self,
                    gint64       goal_id,
                    const char  *at,
                    const char  *what,
                    GError     **error)
{
  g_autofree char *latest = NULL;
  GlideGoalStatus status;

  if (!latest_goal_status (self, goal_id, &status, &latest, error))
    return FALSE;
  if (latest != NULL && glide_datetime_compare (at, latest) < 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("%s: %s is before the goal's latest status (%s, set %s)"), what, at,
                   glide_code_list_code (GLIDE_CODE_LIST_GOAL_STATUS, status), latest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_goal (GlideStore  *self,
            GlideGoal   *goal,
            GError     **error)
{
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_goal (goal, &field, &rule_error))
    return glide_store_set_rule_error (error, "Goal", field, rule_error);
  if (!(chart = open_course_chart (self, goal->course_id, "Goal", error)))
    return FALSE;

  if (goal->replaces != 0)
    {
      g_autoptr(GlideGoal) old = get_goal (self, goal->replaces, error);
      GlideGoalStatus status;

      if (old == NULL)
        return FALSE;
      if (old->course_id != goal->course_id)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                       _("Goal replaces: goal %lld belongs to another course"),
                       (long long) goal->replaces);
          return FALSE;
        }
      /* The goal revised says so in its own history, once. */
      if (!latest_goal_status (self, old->id, &status, NULL, error))
        return FALSE;
      if (status != GLIDE_GOAL_REVISED &&
          !check_after_latest (self, old->id, goal->created_at, "Goal created.at", error))
        return FALSE;
      if (status != GLIDE_GOAL_REVISED)
        {
          g_autoptr(GlideGoalStatusEntry) revised =
            glide_goal_status_entry_new (GLIDE_GOAL_REVISED, goal->created_by, goal->created_at);

          revised->goal_id = old->id;
          if (!insert_goal_status (self, revised, old->created_at, error))
            return FALSE;
        }
    }

  if (!(stmt = glide_store_prepare (self, "INSERT INTO goals (course_id, text, measure, side,"
                                    " target, target_date, replaces, created_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, goal->course_id);
  glide_stmt_bind_text (stmt, 2, goal->text);
  if (goal->measure == (GlideMeasure) -1)
    {
      glide_stmt_bind_null (stmt, 3);
      glide_stmt_bind_null (stmt, 5);
    }
  else
    {
      glide_stmt_bind_text (stmt, 3, glide_code_list_code (GLIDE_CODE_LIST_MEASURE, goal->measure));
      glide_stmt_bind_double (stmt, 5, goal->target);
    }
  if (goal->side == GLIDE_SIDE_NONE)
    glide_stmt_bind_null (stmt, 4);
  else
    glide_stmt_bind_text (stmt, 4, glide_code_list_code (GLIDE_CODE_LIST_SIDE, goal->side));
  bind_text_or_null (stmt, 6, goal->target_date);
  if (goal->replaces == 0)
    glide_stmt_bind_null (stmt, 7);
  else
    glide_stmt_bind_int64 (stmt, 7, goal->replaces);
  glide_stmt_bind_int64 (stmt, 8, goal->created_by);
  glide_stmt_bind_text (stmt, 9, goal->created_at);
  if (!glide_store_write_row (self, stmt, &goal->id, N_("goal"), 0,
                              "Goal replaces: that goal was already revised", error))
    return FALSE;

  /* Its history begins when it is set: not started, unless told otherwise. */
  if (goal->history->len == 0)
    g_ptr_array_add (goal->history,
                     glide_goal_status_entry_new (GLIDE_GOAL_NOT_STARTED, goal->created_by,
                                                  goal->created_at));
  for (guint i = 0; i < goal->history->len; i++)
    {
      GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, i);

      entry->goal_id = goal->id;
      if (i > 0 &&
          glide_datetime_compare (entry->at,
                                  ((GlideGoalStatusEntry *) goal->history->pdata[i - 1])->at) < 0)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                       _("Goal status[%u].at: %s is before the status before it (%s)"), i,
                       entry->at, ((GlideGoalStatusEntry *) goal->history->pdata[i - 1])->at);
          return FALSE;
        }
      if (!insert_goal_status (self, entry, goal->created_at, error))
        {
          g_prefix_error (error, _("status[%u]: "), i);
          return FALSE;
        }
    }
  return audit_record (self, GLIDE_AUDIT_CREATE, chart, "goal", goal->id, goal->text, error);
}

/**
 * glide_store_add_goal:
 * @goal: (inout): a goal of @goal->course_id; its history may hold the
 *   statuses already set (an import), else it starts as not started. With
 *   @goal->replaces, the goal it revises gets the status revised.
 *
 * Returns: the new goal's id, or 0 on error
 */
gint64
glide_store_add_goal (GlideStore  *self,
                      GlideGoal   *goal,
                      GError     **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (goal->id == 0, 0);

  if (!glide_store_begin (self, error))
    return 0;
  if (!glide_store_finish (self, write_goal (self, goal, error), error))
    {
      goal->id = 0;
      return 0;
    }
  return goal->id;
}

static gboolean
write_goal_status (GlideStore            *self,
                   GlideGoalStatusEntry  *entry,
                   GError               **error)
{
  g_autoptr(GlideGoal) goal = get_goal (self, entry->goal_id, error);
  g_autofree char *chart = NULL;
  g_autofree char *details = NULL;
  GlideGoalStatus latest;

  if (goal == NULL || !(chart = open_course_chart (self, goal->course_id, "Goal status", error)))
    return FALSE;
  if (!latest_goal_status (self, goal->id, &latest, NULL, error))
    return FALSE;
  if (latest == GLIDE_GOAL_REVISED)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("Goal status: the goal was revised; set the status of the goal that "
                   "replaced it"));
      return FALSE;
    }
  if (entry->status == GLIDE_GOAL_REVISED)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("Goal status: a goal is revised by writing the goal that replaces it"));
      return FALSE;
    }
  {
    g_autofree char *field = NULL;
    GError *rule_error = NULL;

    if (!glide_rules_validate_goal_status (entry, goal->created_at, &field, &rule_error))
      return glide_store_set_rule_error (error, "Goal status", field, rule_error);
  }
  if (!check_after_latest (self, goal->id, entry->at, "Goal status at", error) ||
      !insert_goal_status (self, entry, goal->created_at, error))
    return FALSE;
  details = g_strdup_printf ("%s: %s", goal->text,
                             glide_code_list_code (GLIDE_CODE_LIST_GOAL_STATUS, entry->status));
  return audit_record (self, GLIDE_AUDIT_CHANGE, chart, "goal", goal->id, details, error);
}

/**
 * glide_store_set_goal_status:
 * @entry: (inout): the status, its goal, who and when
 *
 * Appends a status to a goal's history (nothing in it is ever overwritten).
 *
 * Returns: the entry's id, or 0 on error
 */
gint64
glide_store_set_goal_status (GlideStore            *self,
                             GlideGoalStatusEntry  *entry,
                             GError               **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);

  if (!glide_store_begin (self, error))
    return 0;
  if (!glide_store_finish (self, write_goal_status (self, entry, error), error))
    {
      entry->id = 0;
      return 0;
    }
  return entry->id;
}

static GlideGoalStatusEntry *
read_goal_status (GlideStmt *stmt)
{
  GlideGoalStatusEntry *entry =
    glide_goal_status_entry_new (column_code (stmt, 2, GLIDE_CODE_LIST_GOAL_STATUS),
                                 glide_stmt_column_int64 (stmt, 4),
                                 glide_stmt_column_text (stmt, 3));

  entry->id = glide_stmt_column_int64 (stmt, 0);
  entry->goal_id = glide_stmt_column_int64 (stmt, 1);
  g_free (entry->note);
  entry->note = glide_store_column_dup (stmt, 5);
  return entry;
}

/**
 * glide_store_list_goals:
 *
 * Returns: (transfer full): the course's goals in the order they were set,
 *   revised ones included, each with its history oldest first
 */
GPtrArray *
glide_store_list_goals (GlideStore  *self,
                        gint64       course_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, GOAL_COLUMNS "WHERE course_id = ? ORDER BY id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  if (!(goals = glide_store_collect (self, stmt, (gpointer) read_goal,
                                     (GDestroyNotify) glide_goal_free, error)))
    return NULL;
  if (goals->len == 0)
    return g_steal_pointer (&goals);

  if (!(stmt = glide_store_prepare (self, "SELECT s.id, s.goal_id, s.status, s.at, s.set_by,"
                                    " s.note FROM goal_status s JOIN goals g ON g.id = s.goal_id"
                                    " WHERE g.course_id = ? ORDER BY s.goal_id, s.id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  if (!(entries = glide_store_collect (self, stmt, (gpointer) read_goal_status, NULL, error)))
    return NULL;
  for (guint i = 0; i < goals->len; i++)
    {
      GlideGoal *goal = g_ptr_array_index (goals, i);

      g_hash_table_insert (by_id, &goal->id, goal);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      GlideGoalStatusEntry *entry = g_ptr_array_index (entries, i);
      GlideGoal *goal = g_hash_table_lookup (by_id, &entry->goal_id);

      g_ptr_array_add (goal->history, entry);
    }
  return g_steal_pointer (&goals);
}

/* ---- plans of care ---------------------------------------------------------- */

static char *
join_interventions (GArray *interventions)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < interventions->len; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "",
                            glide_code_list_code (GLIDE_CODE_LIST_INTERVENTION,
                                                  g_array_index (interventions,
                                                                 GlideIntervention, i)));
  return g_string_free (text, FALSE);
}

static gboolean
write_care_plan (GlideStore     *self,
                 GlideCarePlan  *plan,
                 GError        **error)
{
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *interventions = NULL;
  g_autofree char *details = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean create = plan->id == 0;
  gint64 id = plan->id;

  if (!glide_rules_validate_care_plan (plan, &field, &rule_error))
    return glide_store_set_rule_error (error, "Plan of care", field, rule_error);
  if (!(chart = open_course_chart (self, plan->course_id, "Plan of care", error)))
    return FALSE;
  if (!create && !glide_store_check_version (self, "care-plan", plan->id, plan->version,
                                             N_("plan of care"), error))
    return FALSE;

  interventions = join_interventions (plan->interventions);
  stmt = glide_store_prepare (self, create ?
                              "INSERT INTO care_plans (cert_start, cert_end, visits_per_week,"
                              " weeks, interventions, referring_name, referring_id,"
                              " certifying_name, certifying_id, certified_on, report_due, note,"
                              " written_by, written_at, course_id)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id" :
                              "UPDATE care_plans SET cert_start = ?, cert_end = ?,"
                              " visits_per_week = ?, weeks = ?, interventions = ?,"
                              " referring_name = ?, referring_id = ?, certifying_name = ?,"
                              " certifying_id = ?, certified_on = ?, report_due = ?, note = ?,"
                              " written_by = ?, written_at = ? WHERE course_id = ? AND id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  glide_stmt_bind_text (stmt, 1, plan->cert_start);
  glide_stmt_bind_text (stmt, 2, plan->cert_end);
  glide_stmt_bind_int64 (stmt, 3, plan->visits_per_week);
  glide_stmt_bind_int64 (stmt, 4, plan->weeks);
  glide_stmt_bind_text (stmt, 5, interventions);
  bind_text_or_null (stmt, 6, plan->referring_name);
  bind_text_or_null (stmt, 7, plan->referring_id);
  bind_text_or_null (stmt, 8, plan->certifying_name);
  bind_text_or_null (stmt, 9, plan->certifying_id);
  bind_text_or_null (stmt, 10, plan->certified_on);
  bind_text_or_null (stmt, 11, plan->report_due);
  glide_stmt_bind_text (stmt, 12, plan->note ? plan->note : "");
  glide_stmt_bind_int64 (stmt, 13, plan->written_by);
  glide_stmt_bind_text (stmt, 14, plan->written_at);
  glide_stmt_bind_int64 (stmt, 15, plan->course_id);
  if (!create)
    glide_stmt_bind_int64 (stmt, 16, plan->id);
  if (!glide_store_write_row (self, stmt, create ? &id : NULL, N_("plan of care of this course"),
                              plan->id, NULL, error))
    return FALSE;
  plan->id = id;
  details = g_strdup_printf ("%s to %s", plan->cert_start, plan->cert_end);
  return audit_record (self, create ? GLIDE_AUDIT_CREATE : GLIDE_AUDIT_CHANGE, chart,
                       "care-plan", plan->id, details, error);
}

/**
 * glide_store_save_care_plan:
 * @plan: (inout): a new plan (id 0: one per certification period) or a
 *   change of one read at @plan->version
 *
 * Returns: the plan's id, or 0 on error
 */
gint64
glide_store_save_care_plan (GlideStore     *self,
                            GlideCarePlan  *plan,
                            GError        **error)
{
  gint64 id;

  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);

  id = plan->id;
  if (!glide_store_begin (self, error))
    return 0;
  if (!glide_store_finish (self, write_care_plan (self, plan, error), error))
    {
      plan->id = id;
      return 0;
    }
  if (!glide_store_is_bulk (self))
    glide_store_record_version (self, "care-plan", plan->id, &plan->version, NULL);
  return plan->id;
}

static GlideCarePlan *
read_care_plan (GlideStmt *stmt)
{
  GlideCarePlan *plan = glide_care_plan_new (glide_stmt_column_int64 (stmt, 1));
  g_auto(GStrv) codes = g_strsplit (glide_stmt_column_text (stmt, 6), ",", -1);

  plan->id = glide_stmt_column_int64 (stmt, 0);
  plan->cert_start = glide_store_column_dup (stmt, 2);
  plan->cert_end = glide_store_column_dup (stmt, 3);
  plan->visits_per_week = glide_stmt_column_int64 (stmt, 4);
  plan->weeks = glide_stmt_column_int64 (stmt, 5);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      int value;

      if (*codes[i] == '\0')
        continue;
      if (glide_code_list_lookup (GLIDE_CODE_LIST_INTERVENTION, codes[i], &value))
        g_array_append_val (plan->interventions, value);
      else
        g_critical ("Unknown intervention code \"%s\" in the database", codes[i]);
    }
  plan->referring_name = glide_store_column_dup (stmt, 7);
  plan->referring_id = glide_store_column_dup (stmt, 8);
  plan->certifying_name = glide_store_column_dup (stmt, 9);
  plan->certifying_id = glide_store_column_dup (stmt, 10);
  plan->certified_on = glide_store_column_dup (stmt, 11);
  plan->report_due = glide_store_column_dup (stmt, 12);
  g_free (plan->note);
  plan->note = glide_store_column_dup (stmt, 13);
  plan->written_by = glide_stmt_column_int64 (stmt, 14);
  plan->written_at = glide_store_column_dup (stmt, 15);
  return plan;
}

/**
 * glide_store_list_care_plans:
 *
 * Returns: (transfer full): the course's plans of care by certification
 *   period, the current one last, each with its version
 */
GPtrArray *
glide_store_list_care_plans (GlideStore  *self,
                             gint64       course_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) plans = NULL;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT id, course_id, cert_start, cert_end,"
                                    " visits_per_week, weeks, interventions, referring_name,"
                                    " referring_id, certifying_name, certifying_id, certified_on,"
                                    " report_due, note, written_by, written_at FROM care_plans"
                                    " WHERE course_id = ? ORDER BY cert_start, id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  if (!(plans = glide_store_collect (self, stmt, (gpointer) read_care_plan,
                                     (GDestroyNotify) glide_care_plan_free, error)))
    return NULL;
  if (!glide_store_is_bulk (self))
    for (guint i = 0; i < plans->len; i++)
      {
        GlideCarePlan *plan = g_ptr_array_index (plans, i);

        if (!glide_store_record_version (self, "care-plan", plan->id, &plan->version, error))
          return NULL;
      }
  return g_steal_pointer (&plans);
}

/* ---- progress reports --------------------------------------------------------- */

static gboolean
write_progress_report (GlideStore           *self,
                       GlideProgressReport  *report,
                       GError              **error)
{
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *details = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_progress_report (report, &field, &rule_error))
    return glide_store_set_rule_error (error, "Progress report", field, rule_error);
  if (!(chart = open_course_chart (self, report->course_id, "Progress report", error)))
    return FALSE;
  if (!(stmt = glide_store_prepare (self, "INSERT INTO progress_reports (course_id, date,"
                                    " period_start, period_end, visits, assessment, plan, next_due,"
                                    " signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                    " RETURNING id", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, report->course_id);
  glide_stmt_bind_text (stmt, 2, report->date);
  glide_stmt_bind_text (stmt, 3, report->period_start);
  glide_stmt_bind_text (stmt, 4, report->period_end);
  glide_stmt_bind_int64 (stmt, 5, report->visits);
  glide_stmt_bind_text (stmt, 6, report->assessment);
  glide_stmt_bind_text (stmt, 7, report->plan ? report->plan : "");
  bind_text_or_null (stmt, 8, report->next_due);
  glide_stmt_bind_int64 (stmt, 9, report->signed_by);
  glide_stmt_bind_text (stmt, 10, report->signed_at);
  if (!glide_store_write_row (self, stmt, &report->id, N_("progress report"), 0, NULL, error))
    return FALSE;
  details = g_strdup_printf ("%s to %s", report->period_start, report->period_end);
  return audit_record (self, GLIDE_AUDIT_SIGN, chart, "progress-report", report->id, details,
                       error);
}

/**
 * glide_store_add_progress_report:
 * @report: (inout): a signed progress report
 *
 * Records a progress report written for a course: its date, the period it
 * covers and the signature. It never changes after.
 *
 * Returns: its id, or 0 on error
 */
gint64
glide_store_add_progress_report (GlideStore           *self,
                                 GlideProgressReport  *report,
                                 GError              **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (report->id == 0, 0);

  if (!glide_store_begin (self, error))
    return 0;
  if (!glide_store_finish (self, write_progress_report (self, report, error), error))
    {
      report->id = 0;
      return 0;
    }
  return report->id;
}

static GlideProgressReport *
read_progress_report (GlideStmt *stmt)
{
  GlideProgressReport *report = glide_progress_report_new (glide_stmt_column_int64 (stmt, 1));

  report->id = glide_stmt_column_int64 (stmt, 0);
  report->date = glide_store_column_dup (stmt, 2);
  report->period_start = glide_store_column_dup (stmt, 3);
  report->period_end = glide_store_column_dup (stmt, 4);
  report->visits = glide_stmt_column_int64 (stmt, 5);
  g_free (report->assessment);
  report->assessment = glide_store_column_dup (stmt, 6);
  g_free (report->plan);
  report->plan = glide_store_column_dup (stmt, 7);
  report->next_due = glide_store_column_dup (stmt, 8);
  report->signed_by = glide_stmt_column_int64 (stmt, 9);
  report->signed_at = glide_store_column_dup (stmt, 10);
  return report;
}

/**
 * glide_store_list_progress_reports:
 *
 * Returns: (transfer full): the course's progress reports, oldest first
 */
GPtrArray *
glide_store_list_progress_reports (GlideStore  *self,
                                   gint64       course_id,
                                   GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT id, course_id, date, period_start, period_end,"
                                    " visits, assessment, plan, next_due, signed_by, signed_at"
                                    " FROM progress_reports WHERE course_id = ?"
                                    " ORDER BY date, id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  return glide_store_collect (self, stmt, (gpointer) read_progress_report,
                              (GDestroyNotify) glide_progress_report_free, error);
}

/* ---- consent ------------------------------------------------------------------ */

static gboolean
write_consent (GlideStore    *self,
               GlideConsent  *consent,
               GError       **error)
{
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_consent (consent, &field, &rule_error))
    return glide_store_set_rule_error (error, "Consent", field, rule_error);
  if (!(chart = open_course_chart (self, consent->course_id, "Consent", error)))
    return FALSE;
  if (!(stmt = glide_store_prepare (self, "INSERT INTO consents (course_id, at, obtained_by,"
                                    " risks, note) VALUES (?, ?, ?, ?, ?) RETURNING id", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, consent->course_id);
  glide_stmt_bind_text (stmt, 2, consent->at);
  glide_stmt_bind_int64 (stmt, 3, consent->obtained_by);
  glide_stmt_bind_text (stmt, 4, consent->risks);
  glide_stmt_bind_text (stmt, 5, consent->note ? consent->note : "");
  if (!glide_store_write_row (self, stmt, &consent->id, N_("consent"), 0, NULL, error))
    return FALSE;
  return audit_record (self, GLIDE_AUDIT_CREATE, chart, "consent", consent->id, consent->risks,
                       error);
}

/**
 * glide_store_add_consent:
 * @consent: (inout): the patient's consent to IASTM's risks, who obtained it
 *   and when
 *
 * Returns: its id, or 0 on error
 */
gint64
glide_store_add_consent (GlideStore    *self,
                         GlideConsent  *consent,
                         GError       **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (consent->id == 0, 0);

  if (!glide_store_begin (self, error))
    return 0;
  if (!glide_store_finish (self, write_consent (self, consent, error), error))
    {
      consent->id = 0;
      return 0;
    }
  return consent->id;
}

static GlideConsent *
read_consent (GlideStmt *stmt)
{
  GlideConsent *consent = glide_consent_new (glide_stmt_column_int64 (stmt, 1));

  consent->id = glide_stmt_column_int64 (stmt, 0);
  consent->at = glide_store_column_dup (stmt, 2);
  consent->obtained_by = glide_stmt_column_int64 (stmt, 3);
  consent->risks = glide_store_column_dup (stmt, 4);
  g_free (consent->note);
  consent->note = glide_store_column_dup (stmt, 5);
  return consent;
}

GPtrArray *
glide_store_list_consents (GlideStore  *self,
                           gint64       course_id,
                           GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT id, course_id, at, obtained_by, risks, note"
                                    " FROM consents WHERE course_id = ? ORDER BY at, id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  return glide_store_collect (self, stmt, (gpointer) read_consent,
                              (GDestroyNotify) glide_consent_free, error);
}

/* ---- discharge ---------------------------------------------------------------- */

static gboolean
write_discharge (GlideStore      *self,
                 GlideDischarge  *discharge,
                 GPtrArray       *goal_statuses,
                 GError         **error)
{
  g_autoptr(GlideCourse) course = NULL;
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *details = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_discharge (discharge, &field, &rule_error))
    return glide_store_set_rule_error (error, "Discharge", field, rule_error);
  if (!(chart = open_course_chart (self, discharge->course_id, "Discharge", error)))
    return FALSE;

  /* The status of each goal at discharge, then the course closed on the
   * discharge date (its sessions must fit, as for any end date). */
  for (guint i = 0; goal_statuses != NULL && i < goal_statuses->len; i++)
    {
      GlideGoalStatusEntry *entry = g_ptr_array_index (goal_statuses, i);
      g_autoptr(GlideGoal) goal = get_goal (self, entry->goal_id, error);

      if (goal == NULL)
        return FALSE;
      if (goal->course_id != discharge->course_id)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                       _("Discharge goals[%u]: goal %lld belongs to another course"),
                       i, (long long) entry->goal_id);
          return FALSE;
        }
      if (!write_goal_status (self, entry, error))
        {
          g_prefix_error (error, _("Discharge goals[%u]: "), i);
          return FALSE;
        }
    }

  if (!(course = glide_store_get_course (self, discharge->course_id, error)))
    return FALSE;
  g_free (course->end_date);
  course->end_date = g_strdup (discharge->date);
  if (!glide_store_update_course (self, course, error))
    {
      g_prefix_error (error, _("Discharge date: "));
      return FALSE;
    }

  if (!(stmt = glide_store_prepare (self, "INSERT INTO discharges (course_id, date, reason, note,"
                                    " discharged_by, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, discharge->course_id);
  glide_stmt_bind_text (stmt, 2, discharge->date);
  glide_stmt_bind_text (stmt, 3, glide_code_list_code (GLIDE_CODE_LIST_DISCHARGE_REASON,
                                                       discharge->reason));
  glide_stmt_bind_text (stmt, 4, discharge->note);
  glide_stmt_bind_int64 (stmt, 5, discharge->by);
  glide_stmt_bind_text (stmt, 6, discharge->at);
  if (!glide_store_write_row (self, stmt, &discharge->id, N_("discharge"), 0,
                              "Discharge: the course was already discharged", error))
    return FALSE;
  details = g_strdup_printf ("%s: %s", discharge->date,
                             glide_code_list_code (GLIDE_CODE_LIST_DISCHARGE_REASON,
                                                   discharge->reason));
  return audit_record (self, GLIDE_AUDIT_CREATE, chart, "discharge", discharge->id, details,
                       error);
}

/**
 * glide_store_discharge_course:
 * @discharge: (inout): the date, reason, note, who and when
 * @goal_statuses: (element-type GlideGoalStatusEntry) (nullable): the status
 *   of each goal at discharge
 *
 * Discharges a course in one transaction: the goals' statuses, the course's
 * end date and the discharge. A discharged course takes no more goals,
 * plans, reports or consents.
 */
gboolean
glide_store_discharge_course (GlideStore      *self,
                              GlideDischarge  *discharge,
                              GPtrArray       *goal_statuses,
                              GError         **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (discharge->id == 0, FALSE);

  if (!glide_store_begin (self, error))
    return FALSE;
  if (!glide_store_finish (self, write_discharge (self, discharge, goal_statuses, error), error))
    {
      discharge->id = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * glide_store_get_discharge:
 *
 * Returns: (transfer full) (nullable): the course's discharge, or %NULL
 *   without an error while it is not discharged
 */
GlideDischarge *
glide_store_get_discharge (GlideStore  *self,
                           gint64       course_id,
                           GError     **error)
{
  g_autoptr(GlideDischarge) discharge = NULL;
  GlideStmt *stmt;
  GlideStmtResult rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT id, date, reason, note, discharged_by, at"
                                    " FROM discharges WHERE course_id = ?", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      discharge = glide_discharge_new (course_id);
      discharge->id = glide_stmt_column_int64 (stmt, 0);
      discharge->date = glide_store_column_dup (stmt, 1);
      discharge->reason = column_code (stmt, 2, GLIDE_CODE_LIST_DISCHARGE_REASON);
      g_free (discharge->note);
      discharge->note = glide_store_column_dup (stmt, 3);
      discharge->by = glide_stmt_column_int64 (stmt, 4);
      discharge->at = glide_store_column_dup (stmt, 5);
    }
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&discharge);
}

/* ---- progress reports due ------------------------------------------------------ */

void
glide_report_due_info_clear (GlideReportDueInfo *info)
{
  g_clear_pointer (&info->due_date, g_free);
  g_clear_pointer (&info->since, g_free);
}

/**
 * glide_store_get_report_due:
 * @today: YYYY-MM-DD
 * @interval: visits between progress reports; 0: the clinic's setting
 * @info: (out caller-allocates): clear it with glide_report_due_info_clear()
 *
 * Whether the course's next progress report is due: counts the signed
 * visits after the period of the last report (all of them before the
 * first) and takes the therapist's date from that report, or before the
 * first from the current plan of care (glide_rules_progress_report_due()).
 */
gboolean
glide_store_get_report_due (GlideStore          *self,
                            gint64               course_id,
                            const char          *today,
                            guint                interval,
                            GlideReportDueInfo  *info,
                            GError             **error)
{
  GlideStmt *stmt;
  GlideStmtResult rc;
  gint64 visits = 0;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  memset (info, 0, sizeof *info);
  if (!(stmt = glide_store_prepare (self, "SELECT period_end, next_due FROM progress_reports"
                                    " WHERE course_id = ? ORDER BY date DESC, id DESC LIMIT 1",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      info->since = glide_store_column_dup (stmt, 0);
      info->due_date = glide_store_column_dup (stmt, 1);
    }
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR)
    return glide_store_set_db_error (self, error);

  if (info->since == NULL)
    {
      if (!(stmt = glide_store_prepare (self, "SELECT report_due FROM care_plans"
                                        " WHERE course_id = ? ORDER BY cert_start DESC, id DESC"
                                        " LIMIT 1", error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, course_id);
      rc = glide_stmt_step (stmt);
      if (rc == GLIDE_STMT_ROW)
        info->due_date = glide_store_column_dup (stmt, 0);
      glide_stmt_reset (stmt);
      if (rc == GLIDE_STMT_ERROR)
        return glide_store_set_db_error (self, error);
    }

  if (!(stmt = glide_store_prepare (self, "SELECT count(*) FROM sessions WHERE course_id = ?1"
                                    " AND signed_at IS NOT NULL"
                                    " AND substr(start, 1, 10) > coalesce(?2, '')", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, course_id);
  bind_text_or_null (stmt, 2, info->since);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    visits = glide_stmt_column_int64 (stmt, 0);
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    return glide_store_set_db_error (self, error);

  if (interval == 0)
    {
      g_autoptr(GlideCareSettings) settings = glide_store_get_care_settings (self, error);

      if (settings == NULL)
        return FALSE;
      interval = settings->report_visits;
    }
  info->visits_since = visits;
  info->due = glide_rules_progress_report_due (info->visits_since, interval, info->due_date,
                                               today, &info->visits_left);
  return TRUE;
}

/* ---- a visit's time, billing, exercises and follow-up -------------------------- */

/**
 * glide_store_write_session_details:
 *
 * Writes a session's schema-7 rows (its details, timed minutes per code,
 * exercises); the session's earlier rows are already deleted. Part of the
 * session's own save, so the seal at signing covers them.
 */
gboolean
glide_store_write_session_details (GlideStore          *self,
                                   const GlideSession  *session,
                                   GError             **error)
{
  GlideStmt *stmt;

  if (glide_session_has_details (session))
    {
      if (!(stmt = glide_store_prepare (self, "INSERT INTO session_details (session_id, end_at,"
                                        " total_minutes, reaction, reaction_note)"
                                        " VALUES (?, ?, ?, ?, ?)", error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, session->id);
      bind_text_or_null (stmt, 2, session->end);
      glide_stmt_bind_int64 (stmt, 3, session->total_minutes);
      if ((int) session->reaction < 0)
        glide_stmt_bind_null (stmt, 4);
      else
        glide_stmt_bind_text (stmt, 4, glide_code_list_code (GLIDE_CODE_LIST_REACTION,
                                                             session->reaction));
      glide_stmt_bind_text (stmt, 5, session->reaction_note ? session->reaction_note : "");
      if (!glide_store_step_done (self, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < session->billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (session->billing, i);

      if (!(stmt = glide_store_prepare (self, "INSERT INTO session_billing (session_id, code,"
                                        " minutes) VALUES (?, ?, ?)", error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, session->id);
      glide_stmt_bind_text (stmt, 2, time->code);
      glide_stmt_bind_int64 (stmt, 3, time->minutes);
      if (!glide_store_step_done (self, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < session->exercises->len; i++)
    {
      const GlideExercise *exercise = g_ptr_array_index (session->exercises, i);

      if (!(stmt = glide_store_prepare (self, "INSERT INTO exercises (session_id, position, name,"
                                        " sets, reps, hold_s, load, side)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, session->id);
      glide_stmt_bind_int64 (stmt, 2, i);
      glide_stmt_bind_text (stmt, 3, exercise->name);
      glide_stmt_bind_int64 (stmt, 4, exercise->sets);
      glide_stmt_bind_int64 (stmt, 5, exercise->reps);
      glide_stmt_bind_int64 (stmt, 6, exercise->hold_s);
      bind_text_or_null (stmt, 7, exercise->load);
      if (exercise->side == GLIDE_SIDE_NONE)
        glide_stmt_bind_null (stmt, 8);
      else
        glide_stmt_bind_text (stmt, 8, glide_code_list_code (GLIDE_CODE_LIST_SIDE, exercise->side));
      if (!glide_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
attach_details (GlideSession *session,
                GlideStmt    *stmt,
                gpointer      data)
{
  session->end = glide_store_column_dup (stmt, 1);
  session->total_minutes = glide_stmt_column_int64 (stmt, 2);
  session->reaction = glide_stmt_column_type (stmt, 3) == GLIDE_DB_NULL ? -1
                      : column_code (stmt, 3, GLIDE_CODE_LIST_REACTION);
  g_free (session->reaction_note);
  session->reaction_note = glide_store_column_dup (stmt, 4);
}

static void
attach_billing (GlideSession *session,
                GlideStmt    *stmt,
                gpointer      data)
{
  g_ptr_array_add (session->billing,
                   glide_billed_time_new (glide_stmt_column_text (stmt, 1),
                                          glide_stmt_column_int64 (stmt, 2)));
}

static void
attach_exercise (GlideSession *session,
                 GlideStmt    *stmt,
                 gpointer      data)
{
  GlideExercise *exercise = glide_exercise_new (glide_stmt_column_text (stmt, 1));

  exercise->sets = glide_stmt_column_int64 (stmt, 2);
  exercise->reps = glide_stmt_column_int64 (stmt, 3);
  exercise->hold_s = glide_stmt_column_int64 (stmt, 4);
  exercise->load = glide_store_column_dup (stmt, 5);
  exercise->side = glide_stmt_column_type (stmt, 6) == GLIDE_DB_NULL ? GLIDE_SIDE_NONE
                   : column_code (stmt, 6, GLIDE_CODE_LIST_SIDE);
  g_ptr_array_add (session->exercises, exercise);
}

/**
 * glide_store_attach_session_details:
 * @by_course: whether @key is a course (its sessions) or one session
 * @by_id: session id -> GlideSession
 *
 * Reads the sessions' schema-7 rows into them: three queries whatever the
 * number of sessions.
 */
gboolean
glide_store_attach_session_details (GlideStore  *self,
                                    gboolean     by_course,
                                    gint64       key,
                                    GHashTable  *by_id,
                                    GError     **error)
{
  return glide_store_attach_rows (self, by_course ?
                      "SELECT d.session_id, d.end_at, d.total_minutes, d.reaction, d.reaction_note"
                      " FROM session_details d JOIN sessions s ON s.id = d.session_id"
                      " WHERE s.course_id = ?" :
                      "SELECT session_id, end_at, total_minutes, reaction, reaction_note"
                      " FROM session_details WHERE session_id = ?",
                      key, by_id, attach_details, NULL, error) &&
         glide_store_attach_rows (self, by_course ?
                      "SELECT b.session_id, b.code, b.minutes FROM session_billing b"
                      " JOIN sessions s ON s.id = b.session_id WHERE s.course_id = ?"
                      " ORDER BY b.session_id, b.code" :
                      "SELECT session_id, code, minutes FROM session_billing"
                      " WHERE session_id = ? ORDER BY code",
                      key, by_id, attach_billing, NULL, error) &&
         glide_store_attach_rows (self, by_course ?
                      "SELECT e.session_id, e.name, e.sets, e.reps, e.hold_s, e.load, e.side"
                      " FROM exercises e JOIN sessions s ON s.id = e.session_id"
                      " WHERE s.course_id = ? ORDER BY e.session_id, e.position" :
                      "SELECT session_id, name, sets, reps, hold_s, load, side FROM exercises"
                      " WHERE session_id = ? ORDER BY position",
                      key, by_id, attach_exercise, NULL, error);
}

/* ---- the clinic's settings -------------------------------------------------- */

/**
 * glide_store_get_care_settings:
 *
 * Returns: (transfer full): the clinic's units method, progress report
 *   interval and billing codes; the defaults while none were saved
 */
GlideCareSettings *
glide_store_get_care_settings (GlideStore  *self,
                               GError     **error)
{
  g_autoptr(GlideCareSettings) settings = glide_care_settings_new_default ();
  GlideStmt *stmt;
  GlideStmtResult rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT units_method, report_visits, billing_codes"
                                    " FROM care_settings WHERE id = 1", error)))
    return NULL;
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      g_auto(GStrv) lines = g_strsplit (glide_stmt_column_text (stmt, 2), "\n", -1);

      settings->saved = TRUE;
      settings->units_method = column_code (stmt, 0, GLIDE_CODE_LIST_UNITS_METHOD);
      settings->report_visits = glide_stmt_column_int64 (stmt, 1);
      g_ptr_array_set_size (settings->billing_codes, 0);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 3);

          if (g_strv_length (parts) == 3)
            g_ptr_array_add (settings->billing_codes,
                             glide_clinic_code_new (parts[0], parts[2], strcmp (parts[1], "1") == 0));
        }
    }
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  if (!glide_store_is_bulk (self) &&
      !glide_store_record_version (self, "care-settings", 1, &settings->version, error))
    return NULL;
  return g_steal_pointer (&settings);
}

static gboolean
write_care_settings (GlideStore               *self,
                     const GlideCareSettings  *settings,
                     GError                  **error)
{
  g_autofree char *field = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);
  GError *rule_error = NULL;
  GlideStmt *stmt;

  if (!glide_rules_validate_care_settings (settings, &field, &rule_error))
    return glide_store_set_rule_error (error, "Settings", field, rule_error);
  if (!glide_store_check_version (self, "care-settings", 1, settings->version, N_("clinic setting"),
                                  error))
    return FALSE;
  for (guint i = 0; i < settings->billing_codes->len; i++)
    {
      const GlideClinicCode *code = g_ptr_array_index (settings->billing_codes, i);

      g_string_append_printf (codes, "%s%s\t%d\t%s", i ? "\n" : "", code->code,
                              code->timed ? 1 : 0, code->label);
    }
  if (!(stmt = glide_store_prepare (self, "INSERT INTO care_settings (id, units_method,"
                                    " report_visits, billing_codes) VALUES (1, ?1, ?2, ?3)"
                                    " ON CONFLICT (id) DO UPDATE SET units_method = ?1,"
                                    " report_visits = ?2, billing_codes = ?3", error)))
    return FALSE;
  glide_stmt_bind_text (stmt, 1, glide_code_list_code (GLIDE_CODE_LIST_UNITS_METHOD,
                                                       settings->units_method));
  glide_stmt_bind_int64 (stmt, 2, settings->report_visits);
  glide_stmt_bind_text (stmt, 3, codes->str);
  if (!glide_store_step_done (self, stmt, error))
    return FALSE;
  return audit_record (self, GLIDE_AUDIT_CHANGE, NULL, "care-settings", 1,
                       glide_code_list_code (GLIDE_CODE_LIST_UNITS_METHOD, settings->units_method),
                       error);
}

/**
 * glide_store_set_care_settings:
 * @settings: as read (its version is checked), changed
 *
 * Saves the clinic's settings of the course of care (an admin's on a clinic
 * server, as the clinic's details).
 */
gboolean
glide_store_set_care_settings (GlideStore               *self,
                               const GlideCareSettings  *settings,
                               GError                  **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_store_begin (self, error))
    return FALSE;
  return glide_store_finish (self, write_care_settings (self, settings, error), error);
}
