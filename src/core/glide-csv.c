/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-csv.c: courses.csv, sessions.csv, treatments.csv and measures.csv.
 * RFC 4180: fields separated by commas, a field holding a comma, a quote
 * or a line break in quotes with its quotes doubled, lines ended by CRLF,
 * a header row; UTF-8 without a byte order mark. A text field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
 * carriage return) gets an apostrophe before it, as OWASP advises; numbers
 * are written as numbers. The four files reach the folder together, only
 * when all four were written, and the export is in the audit log of every
 * patient it names. */

#define G_LOG_DOMAIN "glide-csv"

#include "config.h"

#include "glide-csv.h"
#include "glide-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "glide-atomic-file.h"
#include "glide-date.h"
#include "glide-progress.h"

/* A field as RFC 4180 writes it. */
char *
glide_csv_quote (const char *field)
{
  GString *out;

  if (field == NULL)
    return g_strdup ("");
  if (strpbrk (field, ",\"\r\n") == NULL)
    return g_strdup (field);
  out = g_string_new ("\"");
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char      *name;
  GlideAtomicFile *file;
  GString         *line;
  guint            rows;
} Table;

static void
add_text (Table      *table,
          const char *text)
{
  g_autofree char *quoted = NULL;

  if (table->line->len > 0)
    g_string_append_c (table->line, ',');
  /* A formula in a name or a note is data, not something to run. */
  if (text != NULL && strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      g_autofree char *guarded = g_strconcat ("'", text, NULL);

      quoted = glide_csv_quote (guarded);
    }
  else
    quoted = glide_csv_quote (text);
  g_string_append (table->line, quoted);
}

static void
add_number (Table  *table,
            double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (table->line->len > 0)
    g_string_append_c (table->line, ',');
  if (!isnan (value))
    g_string_append (table->line, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
add_int (Table  *table,
         gint64  value)
{
  if (table->line->len > 0)
    g_string_append_c (table->line, ',');
  g_string_append_printf (table->line, "%" G_GINT64_FORMAT, value);
}

static void
add_code (Table         *table,
          GlideCodeList  list,
          int            value)
{
  add_text (table, value < 0 ? NULL : glide_code_list_code (list, value));
  add_text (table, value < 0 ? NULL : glide_code_list_label (list, value));
}

static gboolean
end_row (Table   *table,
         GError **error)
{
  g_string_append (table->line, "\r\n");
  if (!g_output_stream_write_all (glide_atomic_file_get_stream (table->file), table->line->str,
                                  table->line->len, NULL, NULL, error))
    return FALSE;
  g_string_truncate (table->line, 0);
  table->rows++;
  return TRUE;
}

static gboolean
header (Table              *table,
        const char *const  *columns,
        GError            **error)
{
  for (guint i = 0; columns[i] != NULL; i++)
    add_text (table, columns[i]);
  if (!end_row (table, error))
    return FALSE;
  table->rows = 0;
  return TRUE;
}

typedef struct
{
  GlideStore        *store;
  const char        *from;
  const char        *to;
  GHashTable        *therapists;   /* id -> GlideTherapist */
  GHashTable        *tools;        /* id -> GlideInstrument */
  GlideCareSettings *settings;
  Table              courses, sessions, treatments, measures;
  GPtrArray         *charts;
} Export;

static const char *
therapist_code (Export *ex,
                gint64  id)
{
  GlideTherapist *t = id ? g_hash_table_lookup (ex->therapists, &id) : NULL;

  return t ? t->code : NULL;
}

static gboolean
in_period (Export             *ex,
           const GlideSession *session)
{
  return (ex->from == NULL || strncmp (session->start, ex->from, 10) >= 0) &&
         (ex->to == NULL || strncmp (session->start, ex->to, 10) <= 0);
}

static gboolean
write_session (Export             *ex,
               const GlidePatient *patient,
               const GlideSession *s,
               GError            **error)
{
  g_autofree char *units_text = NULL;
  GString *billing = NULL;
  guint units = 0;
  Table *t;

  if (!glide_session_check_codes (s, patient->chart, error))
    return FALSE;
  billing = g_string_new (NULL);
  for (guint i = 0; i < s->billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (s->billing, i);

      g_string_append_printf (billing, "%s%s:%u", i ? ";" : "", time->code, time->minutes);
    }
  units_text = glide_progress_session_units (s, ex->settings->units_method, &units);

  t = &ex->sessions;
  add_int (t, s->id);
  add_int (t, s->course_id);
  add_text (t, patient->chart);
  add_text (t, s->start);
  add_text (t, s->end);
  add_text (t, therapist_code (ex, s->therapist_id));
  add_text (t, therapist_code (ex, s->signed_by));
  add_text (t, s->signed_at);
  add_int (t, s->total_minutes);
  add_text (t, billing->str);
  add_int (t, units);
  add_text (t, s->billing->len > 0 ? glide_code_list_code (GLIDE_CODE_LIST_UNITS_METHOD,
                                                           ex->settings->units_method) : NULL);
  add_int (t, s->exercises->len);
  add_code (t, GLIDE_CODE_LIST_REACTION, s->reaction);
  add_text (t, s->emollient);
  add_text (t, s->contraindication_override);
  add_text (t, s->note);
  add_text (t, s->home_program);
  g_string_free (billing, TRUE);
  if (!end_row (t, error))
    return FALSE;

  for (guint i = 0; i < s->treatments->len; i++)
    {
      const GlideTreatment *tr = g_ptr_array_index (s->treatments, i);
      GlideInstrument *tool = tr->instrument_id ?
                              g_hash_table_lookup (ex->tools, &tr->instrument_id) : NULL;

      t = &ex->treatments;
      add_int (t, s->id);
      add_text (t, patient->chart);
      add_text (t, s->start);
      add_int (t, i + 1);
      add_code (t, GLIDE_CODE_LIST_SITE, tr->site);
      add_text (t, glide_code_list_code (GLIDE_CODE_LIST_SIDE, tr->side));
      add_code (t, GLIDE_CODE_LIST_STROKE, tr->stroke);
      add_int (t, tr->duration_s);
      add_code (t, GLIDE_CODE_LIST_EDGE, tr->edge);
      add_text (t, tool ? tool->code : NULL);
      add_code (t, GLIDE_CODE_LIST_TECHNIQUE, tr->technique);
      add_code (t, GLIDE_CODE_LIST_PRESSURE, tr->pressure);
      add_code (t, GLIDE_CODE_LIST_REDNESS, tr->redness);
      add_int (t, tr->petechiae ? 1 : 0);
      add_text (t, tr->note);
      if (!end_row (t, error))
        return FALSE;
    }

  for (guint i = 0; i < s->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (s->measurements, i);

      t = &ex->measures;
      add_int (t, s->id);
      add_text (t, patient->chart);
      add_text (t, s->start);
      add_code (t, GLIDE_CODE_LIST_MEASURE, m->measure);
      add_text (t, m->side == GLIDE_SIDE_NONE ? NULL : glide_code_list_code (GLIDE_CODE_LIST_SIDE,
                                                                             m->side));
      add_text (t, glide_code_list_code (GLIDE_CODE_LIST_TIMING, m->timing));
      add_number (t, m->value);
      add_text (t, glide_measure_get_unit (m->measure));
      if (!end_row (t, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_course (Export             *ex,
              const GlidePatient *patient,
              const GlideCourse  *course,
              GError            **error)
{
  g_autoptr(GPtrArray) sessions = glide_store_list_sessions (ex->store, course->id, error);
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GlideDischarge) discharge = NULL;
  GError *local_error = NULL;
  guint n = 0, met = 0;
  Table *t = &ex->courses;

  if (sessions == NULL)
    return FALSE;
  for (guint i = 0; i < sessions->len; i++)
    n += in_period (ex, g_ptr_array_index (sessions, i));
  /* A period names the courses it saw; without one, every course. */
  if (n == 0 && (ex->from != NULL || ex->to != NULL))
    return TRUE;
  if (!(goals = glide_store_list_goals (ex->store, course->id, error)))
    return FALSE;
  discharge = glide_store_get_discharge (ex->store, course->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  for (guint i = 0; i < goals->len; i++)
    met += glide_goal_get_status (g_ptr_array_index (goals, i)) == GLIDE_GOAL_MET;

  add_int (t, course->id);
  add_text (t, patient->chart);
  add_text (t, patient->family_name);
  add_text (t, patient->given_name);
  add_text (t, patient->birth_date);
  add_text (t, course->diagnosis);
  add_text (t, course->icd10);
  add_text (t, course->start_date);
  add_text (t, course->end_date);
  add_code (t, GLIDE_CODE_LIST_DISCHARGE_REASON, discharge ? (int) discharge->reason : -1);
  add_int (t, n);
  add_int (t, goals->len);
  add_int (t, met);
  if (!end_row (t, error))
    return FALSE;

  for (guint i = 0; i < sessions->len; i++)
    {
      const GlideSession *s = g_ptr_array_index (sessions, i);

      if (in_period (ex, s) && !write_session (ex, patient, s, error))
        return FALSE;
    }
  if (g_ptr_array_find_with_equal_func (ex->charts, patient->chart, g_str_equal, NULL) == FALSE)
    g_ptr_array_add (ex->charts, g_strdup (patient->chart));
  return TRUE;
}

static const char *const course_columns[] = {
  "course_id", "chart", "family_name", "given_name", "birth_date", "diagnosis", "icd10",
  "start_date", "end_date", "discharge_reason", "discharge_reason_label", "sessions", "goals",
  "goals_met", NULL,
};
static const char *const session_columns[] = {
  "session_id", "course_id", "chart", "start", "end", "therapist", "signed_by", "signed_at",
  "total_minutes", "billing", "units", "units_method", "exercises", "reaction",
  "reaction_label", "emollient", "contraindication_override", "note", "home_program", NULL,
};
static const char *const treatment_columns[] = {
  "session_id", "chart", "start", "position", "site", "site_label", "side", "stroke",
  "stroke_label", "duration_s", "edge", "edge_label", "tool", "technique", "technique_label",
  "pressure", "pressure_label", "redness", "redness_label", "petechiae", "note", NULL,
};
static const char *const measure_columns[] = {
  "session_id", "chart", "start", "measure", "measure_label", "side", "timing", "value", "unit",
  NULL,
};

static gboolean
open_table (Table              *table,
            const char         *dir,
            const char         *name,
            const char *const  *columns,
            GError            **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  table->name = name;
  table->line = g_string_new (NULL);
  return (table->file = glide_atomic_file_new (path, error)) != NULL &&
         header (table, columns, error);
}

static void
close_table (Table *table)
{
  g_clear_pointer (&table->file, glide_atomic_file_free);
  if (table->line != NULL)
    g_string_free (table->line, TRUE);
  table->line = NULL;
}

/**
 * glide_csv_export:
 * @dir: the folder (made when missing)
 * @from: (nullable): first day of the period, YYYY-MM-DD
 * @to: (nullable): last day of the period
 * @counts: (out) (optional): the rows written
 *
 * Writes the courses with a session in the period (every course without
 * one), their sessions in the period, treated areas and measures.
 */
gboolean
glide_csv_export (GlideStore      *store,
                  const char      *dir,
                  const char      *from,
                  const char      *to,
                  GlideCsvCounts  *counts,
                  GError         **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autofree char *details = NULL;
  Export ex = { store, from, to, NULL, NULL, NULL, { 0 }, { 0 }, { 0 }, { 0 }, NULL };
  Table *tables[] = { &ex.courses, &ex.sessions, &ex.treatments, &ex.measures };
  gboolean ok = FALSE;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);

  if (from != NULL && to != NULL && !glide_date_check_period (from, to, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!(patients = glide_store_list_patients (store, error)) ||
      !(therapists = glide_store_list_therapists (store, TRUE, error)) ||
      !(tools = glide_store_list_instruments (store, error)) ||
      !(settings = glide_store_get_care_settings (store, error)))
    return FALSE;

  ex.therapists = g_hash_table_new (g_int64_hash, g_int64_equal);
  ex.tools = g_hash_table_new (g_int64_hash, g_int64_equal);
  ex.settings = settings;
  ex.charts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (ex.therapists, &t->id, t);
    }
  for (guint i = 0; i < tools->len; i++)
    {
      GlideInstrument *t = g_ptr_array_index (tools, i);

      g_hash_table_insert (ex.tools, &t->id, t);
    }

  if (!open_table (&ex.courses, dir, "courses.csv", course_columns, error) ||
      !open_table (&ex.sessions, dir, "sessions.csv", session_columns, error) ||
      !open_table (&ex.treatments, dir, "treatments.csv", treatment_columns, error) ||
      !open_table (&ex.measures, dir, "measures.csv", measure_columns, error))
    goto out;

  for (guint i = 0; i < patients->len; i++)
    {
      GlidePatient *patient = g_ptr_array_index (patients, i);
      g_autoptr(GPtrArray) courses = glide_store_list_courses (store, patient->id, error);

      if (courses == NULL)
        goto out;
      for (guint c = 0; c < courses->len; c++)
        if (!write_course (&ex, patient, g_ptr_array_index (courses, c), error))
          goto out;
    }

  /* Written in full, audited, then put in place together. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!glide_atomic_file_sync (tables[i]->file, error))
      goto out;
  details = g_strdup_printf ("CSV to %s", dir);
  if (ex.charts->len > 0 &&
      !glide_store_audit_document (store, GLIDE_AUDIT_EXPORT, ex.charts, "csv", details, error))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!glide_atomic_file_commit (tables[i]->file, error))
      goto out;

  if (counts != NULL)
    {
      counts->courses = ex.courses.rows;
      counts->sessions = ex.sessions.rows;
      counts->treatments = ex.treatments.rows;
      counts->measures = ex.measures.rows;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    close_table (tables[i]);
  g_hash_table_unref (ex.therapists);
  g_hash_table_unref (ex.tools);
  g_ptr_array_unref (ex.charts);
  return ok;
}
