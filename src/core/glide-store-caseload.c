/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-caseload.c: the clinic manager's overview in one pass over
 * the sessions of the courses seen in a period, in course and time order. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"

#include "glide-date.h"

#include <math.h>
#include <string.h>

void
glide_caseload_row_free (GlideCaseloadRow *row)
{
  if (row == NULL)
    return;
  g_free (row->chart);
  g_free (row->family_name);
  g_free (row->given_name);
  g_free (row->diagnosis);
  g_free (row->first_visit);
  g_free (row->last_visit);
  g_free (row->report_due_date);
  g_free (row->cert_end);
  g_free (row);
}

/* A therapist's visits in a course. */
typedef struct
{
  gint64 id;
  guint  visits;
} TherapistVisits;

typedef struct
{
  GlideCaseloadRow *row;
  gint64            first_pain_rater;
  gint64            latest_pain_rater;
  char             *sort_key;
  guint             signed_since;  /* signed visits after the last report's period */
} Course;

/* What the course of care says of a course at the end of the period. */
typedef struct
{
  char     *report_period_end;  /* the last progress report's, or NULL */
  char     *report_next_due;
  char     *plan_report_due;    /* the current plan's first report date */
  char     *cert_end;
  gboolean  discharged;
} CareState;

static void
care_state_free (CareState *state)
{
  g_free (state->report_period_end);
  g_free (state->report_next_due);
  g_free (state->plan_report_due);
  g_free (state->cert_end);
  g_free (state);
}

static CareState *
care_state_for (GHashTable *states,
                gint64      course_id)
{
  CareState *state = g_hash_table_lookup (states, &course_id);

  if (state == NULL)
    {
      state = g_new0 (CareState, 1);
      g_hash_table_insert (states, g_memdup2 (&course_id, sizeof course_id), state);
    }
  return state;
}

/* Three passes over the small tables of the course of care, each in
 * course order, keeping each course's latest row up to @to. */
static gboolean
load_care_states (GlideStore  *self,
                  const char  *to,
                  GHashTable  *states,
                  GError     **error)
{
  static const char *const queries[] = {
    "SELECT course_id, period_end, next_due FROM progress_reports WHERE date <= ?1"
    " ORDER BY course_id, date, id",
    "SELECT course_id, cert_end, report_due FROM care_plans WHERE cert_start <= ?1"
    " ORDER BY course_id, cert_start, id",
    "SELECT course_id, date, NULL FROM discharges WHERE date <= ?1",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      GlideStmt *stmt = glide_store_prepare (self, queries[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      glide_stmt_bind_text (stmt, 1, to);
      while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
        {
          CareState *state = care_state_for (states, glide_stmt_column_int64 (stmt, 0));

          if (q == 0)
            {
              g_free (state->report_period_end);
              g_free (state->report_next_due);
              state->report_period_end = glide_store_column_dup (stmt, 1);
              state->report_next_due = glide_store_column_dup (stmt, 2);
            }
          else if (q == 1)
            {
              g_free (state->cert_end);
              g_free (state->plan_report_due);
              state->cert_end = glide_store_column_dup (stmt, 1);
              state->plan_report_due = glide_store_column_dup (stmt, 2);
            }
          else
            state->discharged = TRUE;
        }
      glide_stmt_reset (stmt);
      if (rc != GLIDE_STMT_DONE)
        return glide_store_set_db_error (self, error);
    }
  return TRUE;
}

/* The course's progress report and re-certification as of @to. */
static void
settle_care (Course      *course,
             GHashTable  *states,
             guint        interval,
             const char  *to)
{
  GlideCaseloadRow *row = course->row;
  CareState *state = g_hash_table_lookup (states, &row->course_id);
  const char *due_date = NULL;

  row->report_due = GLIDE_REPORT_NOT_DUE;
  row->recert_due = GLIDE_REPORT_NOT_DUE;
  if (state != NULL && state->discharged)
    {
      row->discharged = TRUE;
      return;
    }
  if (state != NULL)
    due_date = state->report_period_end ? state->report_next_due : state->plan_report_due;
  row->report_due = glide_rules_progress_report_due (course->signed_since, interval, due_date, to,
                                                     &row->report_visits_left);
  row->report_due_date = g_strdup (due_date);
  if (state != NULL && state->cert_end != NULL)
    {
      row->cert_end = g_strdup (state->cert_end);
      row->recert_due = glide_rules_recertification_due (state->cert_end, to, NULL);
    }
}

static void
course_free (Course *course)
{
  glide_caseload_row_free (course->row);
  g_free (course->sort_key);
  g_free (course);
}

static int
compare_courses (gconstpointer a,
                 gconstpointer b)
{
  const Course *ca = *(const Course **) a;
  const Course *cb = *(const Course **) b;
  int order = strcmp (ca->sort_key, cb->sort_key);

  if (order != 0)
    return order;
  return ca->row->course_id < cb->row->course_id ? -1 : ca->row->course_id > cb->row->course_id;
}

/* The therapist with the most visits; a tie goes to whoever came first.
 * @order holds the course's therapists in the order they first saw the
 * patient (a handful: a list, not a hash table per course). The last
 * visit's date is copied once, here, not at every visit. */
static void
settle_course (Course     *course,
               GArray     *order,
               const char *last_visit)
{
  guint best = 0;

  for (guint i = 0; i < order->len; i++)
    {
      const TherapistVisits *t = &g_array_index (order, TherapistVisits, i);

      if (t->visits > best)
        {
          best = t->visits;
          course->row->therapist_id = t->id;
        }
    }
  course->row->last_visit = g_strdup (last_visit);
}

static char *
make_sort_key (GHashTable             *names,
               const GlideCaseloadRow *row)
{
  const char *therapist = g_hash_table_lookup (names, &row->therapist_id);
  g_autofree char *text = g_strdup_printf ("%s\x01%s\x01%s\x01%s\x01%s",
                                           therapist ? therapist : "", row->family_name,
                                           row->given_name, row->chart, row->first_visit);

  return g_utf8_collate_key (text, -1);
}

/**
 * glide_store_list_caseload:
 * @from: first day of the period, YYYY-MM-DD
 * @to: last day of the period, YYYY-MM-DD
 *
 * Every course with a session in the period, described as it stood at the
 * end of the period (visits, pain before treatment from the first to the
 * latest signed visit up to @to), with the period's unsigned sessions and
 * sessions with petechiae,
 * sorted by the name of the therapist who saw the patient most often (on a
 * tie, the one who saw the patient first), then the patient's name.
 *
 * Returns: (transfer full) (element-type GlideCaseloadRow):
 */
GPtrArray *
glide_store_list_caseload (GlideStore  *self,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func ((GDestroyNotify) course_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (TherapistVisits));
  char last_visit[16] = "";
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GHashTable) care = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) care_state_free);
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autofree char *until = NULL;
  GPtrArray *rows;
  Course *course = NULL;
  GlideStmt *stmt;
  GDate end;
  int rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  g_return_val_if_fail (glide_date_parse (from, NULL, NULL), NULL);
  g_return_val_if_fail (glide_date_parse (to, &end, NULL), NULL);

  /* Session starts are date-times: everything before the day after "to". */
  g_date_add_days (&end, 1);
  until = glide_date_format (&end);

  if (!(therapists = glide_store_list_therapists (self, TRUE, error)) ||
      !(settings = glide_store_get_care_settings (self, error)) ||
      !load_care_states (self, to, care, error))
    return NULL;
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (names, g_memdup2 (&t->id, sizeof t->id), g_strdup (t->name));
    }

  /* The courses seen in the period come from the sessions_start index;
   * walked in course order, each course's sessions come from
   * sessions_course already in time order, so nothing is sorted. */
  if (!(stmt = glide_store_prepare (self,
        "SELECT c.id, p.chart, p.family_name, p.given_name, c.diagnosis,"
        "  substr(s.start, 1, 10), s.therapist_id, s.signed_at IS NULL,"
        "  CASE WHEN s.start >= ?1 AND EXISTS (SELECT 1 FROM treatments t"
        "   WHERE t.session_id = s.id AND t.petechiae = 1) THEN 1 ELSE 0 END,"
        "  (SELECT m.value FROM measures m WHERE m.session_id = s.id AND m.measure = 'pain'"
        "   AND m.timing = 'pre'),"
        "  s.start >= ?1"
        " FROM courses c"
        " JOIN patients p ON p.id = c.patient_id"
        " JOIN sessions s ON s.course_id = c.id AND s.start < ?2"
        " WHERE c.id IN (SELECT course_id FROM sessions WHERE start >= ?1 AND start < ?2)"
        " ORDER BY c.id, s.start, s.id", error)))
    return NULL;
  glide_stmt_bind_text (stmt, 1, from);
  glide_stmt_bind_text (stmt, 2, until);

  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    {
      gint64 course_id = glide_stmt_column_int64 (stmt, 0);
      gint64 therapist_id = glide_stmt_column_int64 (stmt, 6);
      GlideCaseloadRow *row;
      gboolean in_period;
      guint t;

      if (course == NULL || course->row->course_id != course_id)
        {
          if (course != NULL)
            settle_course (course, order, last_visit);
          g_array_set_size (order, 0);
          course = g_new0 (Course, 1);
          course->row = row = g_new0 (GlideCaseloadRow, 1);
          row->course_id = course_id;
          row->chart = glide_store_column_dup (stmt, 1);
          row->family_name = glide_store_column_dup (stmt, 2);
          row->given_name = glide_store_column_dup (stmt, 3);
          row->diagnosis = glide_store_column_dup (stmt, 4);
          row->first_visit = glide_store_column_dup (stmt, 5);
          row->first_pain = NAN;
          row->latest_pain = NAN;
          g_ptr_array_add (courses, course);
        }
      row = course->row;

      in_period = glide_stmt_column_int (stmt, 10);
      row->visits++;
      row->visits_in_period += in_period;
      g_strlcpy (last_visit, glide_stmt_column_text (stmt, 5), sizeof last_visit);
      /* Signed visits count toward the next progress report after the last
       * report's period. */
      if (!glide_stmt_column_int (stmt, 7))
        {
          CareState *state = g_hash_table_lookup (care, &course_id);

          if (state == NULL || state->report_period_end == NULL ||
              strcmp (last_visit, state->report_period_end) > 0)
            course->signed_since++;
        }
      /* The period's counts, as the document's title promises. */
      row->unsigned_sessions += in_period && glide_stmt_column_int (stmt, 7);
      row->petechiae_sessions += in_period && glide_stmt_column_int (stmt, 8);

      for (t = 0; t < order->len; t++)
        if (g_array_index (order, TherapistVisits, t).id == therapist_id)
          break;
      if (t < order->len)
        g_array_index (order, TherapistVisits, t).visits++;
      else
        g_array_append_vals (order, &(TherapistVisits) { therapist_id, 1 }, 1);

      /* Pain from signed visits only: a draft's values may still change, and
       * the period's drafts are counted in their own column. */
      if (glide_stmt_column_type (stmt, 9) == GLIDE_DB_NULL)
        continue;
      if (glide_stmt_column_int (stmt, 7))
        row->n_draft_pain++;
      else
        {
          double pain = glide_stmt_column_double (stmt, 9);

          if (row->n_pain++ == 0)
            {
              row->first_pain = pain;
              course->first_pain_rater = therapist_id;
            }
          row->latest_pain = pain;
          course->latest_pain_rater = therapist_id;
        }
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  if (course != NULL)
    settle_course (course, order, last_visit);

  for (guint i = 0; i < courses->len; i++)
    {
      Course *c = g_ptr_array_index (courses, i);

      c->row->pain_same_rater = c->first_pain_rater == c->latest_pain_rater;
      settle_care (c, care, settings->report_visits, to);
      c->sort_key = make_sort_key (names, c->row);
    }
  g_ptr_array_sort (courses, compare_courses);

  rows = g_ptr_array_new_full (courses->len, (GDestroyNotify) glide_caseload_row_free);
  for (guint i = 0; i < courses->len; i++)
    {
      Course *c = g_ptr_array_index (courses, i);

      g_ptr_array_add (rows, g_steal_pointer (&c->row));
    }
  return rows;
}
