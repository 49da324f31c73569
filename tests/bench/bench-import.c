/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: glide --import of a whole clinic beside its storage floor,
 * alternating in one run, each in a new process: time and peak memory.
 *
 *   bench-import --json CLINIC.json [--runs N] [--dir DIR] [--glide PATH]
 *                [--json-glib-floor]
 *
 * The floor reads the same file with Glide's streaming tokenizer, one
 * patient at a time (timed on its own: "parse"; with --json-glib-floor, the
 * whole document as one json-glib tree first, as before Glide streamed),
 * and inserts the same rows (therapists, tools, patients with their search
 * words, screening, courses, sessions, treatments, measures, addenda) into
 * Glide's own schema, on a connection set up as Glide sets up its own (WAL,
 * synchronous=FULL, foreign keys, page checks, the same cache, statement
 * journals in memory), with statements prepared
 * once, in one transaction ("insert"). It checks nothing, audits nothing and
 * seals nothing: what is left is what storing the rows costs. After each
 * run the two databases must hold as many rows of every clinical table.
 *
 * Make the clinic with bench-store --dir DIR --keep, then
 * glide -d DIR/bench.db --export-json DIR/x.json. Both start from a copy of
 * the same empty database made by glide_store_open(). */

#include "config.h"

#include "glide-bench.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glide-json-stream.h"
#include "glide-store.h"
#include "glide-text.h"

/* ---- the floor, run in a child process ------------------------------------- */

typedef struct
{
  sqlite3      *db;
  GHashTable   *therapists;  /* code -> id */
  GHashTable   *tools;       /* code -> id */
  sqlite3_stmt *therapist, *tool, *patient, *word, *screening, *course, *session,
               *treatment, *measure, *sign, *addendum;
} Floor;

static void
check_rc (Floor *f,
          int    rc,
          int    wanted)
{
  if (rc != wanted)
    g_error ("floor: %s", sqlite3_errmsg (f->db));
}

static sqlite3_stmt *
prepare (Floor      *f,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check_rc (f, sqlite3_prepare_v3 (f->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL),
            SQLITE_OK);
  return stmt;
}

static void
exec (Floor      *f,
      const char *sql)
{
  check_rc (f, sqlite3_exec (f->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static gint64
step (Floor        *f,
      sqlite3_stmt *stmt)
{
  check_rc (f, sqlite3_step (stmt), SQLITE_DONE);
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (f->db);
}

/* Binds a member: a string, a number, a boolean, or NULL when absent or null. */
static void
bind_member (sqlite3_stmt *stmt,
             int           column,
             JsonObject   *object,
             const char   *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, column);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    sqlite3_bind_text (stmt, column, json_node_get_string (node), -1, SQLITE_STATIC);
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, column, json_node_get_boolean (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, column, json_node_get_int (node));
  else
    sqlite3_bind_double (stmt, column, json_node_get_double (node));
}

static void
bind_text_or_empty (sqlite3_stmt *stmt,
                    int           column,
                    JsonObject   *object,
                    const char   *key)
{
  const char *text = json_object_get_string_member_with_default (object, key, "");

  sqlite3_bind_text (stmt, column, text ? text : "", -1, SQLITE_STATIC);
}

static void
bind_reference (sqlite3_stmt *stmt,
                int           column,
                GHashTable   *ids,
                JsonObject   *object,
                const char   *key)
{
  const char *code = json_object_get_string_member_with_default (object, key, NULL);

  if (code == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column,
                        GPOINTER_TO_SIZE (g_hash_table_lookup (ids, code)));
}

static JsonArray *
array_member (JsonObject *object,
              const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
floor_session (Floor      *f,
               gint64      course_id,
               JsonObject *s)
{
  JsonArray *treatments = array_member (s, "treatments");
  JsonArray *measures = array_member (s, "measures");
  JsonArray *addenda = array_member (s, "addenda");
  JsonNode *signed_node = json_object_get_member (s, "signed");
  gint64 id;

  sqlite3_bind_int64 (f->session, 1, course_id);
  bind_member (f->session, 2, s, "start");
  bind_reference (f->session, 3, f->therapists, s, "therapist");
  bind_text_or_empty (f->session, 4, s, "emollient");
  bind_text_or_empty (f->session, 5, s, "note");
  bind_text_or_empty (f->session, 6, s, "home_program");
  bind_member (f->session, 7, s, "contraindication_override");
  id = step (f, f->session);

  for (guint i = 0; treatments && i < json_array_get_length (treatments); i++)
    {
      JsonObject *t = json_array_get_object_element (treatments, i);

      sqlite3_bind_int64 (f->treatment, 1, id);
      sqlite3_bind_int (f->treatment, 2, i);
      bind_member (f->treatment, 3, t, "site");
      bind_member (f->treatment, 4, t, "side");
      bind_member (f->treatment, 5, t, "stroke");
      bind_member (f->treatment, 6, t, "duration_s");
      bind_member (f->treatment, 7, t, "edge");
      bind_reference (f->treatment, 8, f->tools, t, "tool");
      bind_member (f->treatment, 9, t, "technique");
      bind_member (f->treatment, 10, t, "pressure");
      bind_member (f->treatment, 11, t, "redness");
      bind_member (f->treatment, 12, t, "petechiae");
      bind_text_or_empty (f->treatment, 13, t, "note");
      step (f, f->treatment);
    }
  for (guint i = 0; measures && i < json_array_get_length (measures); i++)
    {
      JsonObject *m = json_array_get_object_element (measures, i);

      sqlite3_bind_int64 (f->measure, 1, id);
      bind_member (f->measure, 2, m, "measure");
      bind_member (f->measure, 3, m, "side");
      bind_member (f->measure, 4, m, "timing");
      bind_member (f->measure, 5, m, "value");
      step (f, f->measure);
    }
  if (signed_node != NULL && JSON_NODE_HOLDS_OBJECT (signed_node))
    {
      JsonObject *sig = json_node_get_object (signed_node);

      bind_reference (f->sign, 1, f->therapists, sig, "by");
      bind_member (f->sign, 2, sig, "at");
      sqlite3_bind_int64 (f->sign, 3, id);
      step (f, f->sign);
    }
  for (guint i = 0; addenda && i < json_array_get_length (addenda); i++)
    {
      JsonObject *a = json_array_get_object_element (addenda, i);

      sqlite3_bind_int64 (f->addendum, 1, id);
      bind_reference (f->addendum, 2, f->therapists, a, "by");
      bind_member (f->addendum, 3, a, "at");
      bind_member (f->addendum, 4, a, "text");
      step (f, f->addendum);
    }
}

static void
floor_patient (Floor      *f,
               JsonObject *p)
{
  const char *chart = json_object_get_string_member_with_default (p, "chart", "");
  const char *family = json_object_get_string_member_with_default (p, "family_name", "");
  const char *given = json_object_get_string_member_with_default (p, "given_name", "");
  const char *sources[] = { family, given ? given : "", chart };
  g_autofree char *names = g_strdup_printf ("%s\x1f%s\x1f%s", family, given ? given : "", chart);
  g_autofree char *sort_key = glide_text_fold (names);
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *screening = array_member (p, "screening");
  JsonArray *courses = array_member (p, "courses");
  GHashTableIter iter;
  const char *word;
  gint64 id;

  /* The patient's search words, as the store indexes them. */
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_auto(GStrv) split = glide_text_fold_words (sources[i]);

      for (guint j = 0; split[j]; j++)
        g_hash_table_add (words, g_strdup (split[j]));
    }
  g_hash_table_add (words, glide_text_fold (chart));

  bind_member (f->patient, 1, p, "chart");
  bind_member (f->patient, 2, p, "family_name");
  bind_text_or_empty (f->patient, 3, p, "given_name");
  bind_member (f->patient, 4, p, "birth_date");
  sqlite3_bind_text (f->patient, 5, sort_key, -1, SQLITE_STATIC);
  id = step (f, f->patient);

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, (gpointer *) &word, NULL))
    {
      sqlite3_bind_text (f->word, 1, word, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (f->word, 2, id);
      step (f, f->word);
    }

  for (guint i = 0; screening && i < json_array_get_length (screening); i++)
    {
      JsonObject *s = json_array_get_object_element (screening, i);

      sqlite3_bind_int64 (f->screening, 1, id);
      bind_member (f->screening, 2, s, "condition");
      bind_member (f->screening, 3, s, "present");
      bind_member (f->screening, 4, s, "recorded");
      bind_reference (f->screening, 5, f->therapists, s, "by");
      bind_text_or_empty (f->screening, 6, s, "note");
      step (f, f->screening);
    }

  for (guint i = 0; courses && i < json_array_get_length (courses); i++)
    {
      JsonObject *c = json_array_get_object_element (courses, i);
      JsonArray *sessions = array_member (c, "sessions");
      gint64 course_id;

      sqlite3_bind_int64 (f->course, 1, id);
      bind_text_or_empty (f->course, 2, c, "diagnosis");
      bind_member (f->course, 3, c, "icd10");
      bind_member (f->course, 4, c, "start_date");
      bind_member (f->course, 5, c, "end_date");
      /* The goals' text: "goals" in version 1, "goals_note" in version 2,
       * where "goals" lists goal records (none in bench-store's clinic). */
      bind_text_or_empty (f->course, 6, c,
                          json_object_has_member (c, "goals_note") ? "goals_note" : "goals");
      course_id = step (f, f->course);
      for (guint j = 0; sessions && j < json_array_get_length (sessions); j++)
        floor_session (f, course_id, json_array_get_object_element (sessions, j));
    }
}

static void
floor_open (Floor      *f,
            const char *db)
{
  if (sqlite3_open_v2 (db, &f->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_error ("floor: cannot open %s", db);
  /* Every setting of Glide's own connection (glide_store_sqlite_open): its
   * page checks (cell_size_check: 11 % more instructions for the floor) are
   * part of storing a row in Glide's database. */
  exec (f, "PRAGMA foreign_keys = ON; PRAGMA cell_size_check = ON; PRAGMA cache_size = -16384; "
           "PRAGMA temp_store = MEMORY; PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL; "
           "BEGIN IMMEDIATE");
  f->therapists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->therapist = prepare (f, "INSERT INTO therapists (code, name, credentials) VALUES (?, ?, ?)");
  f->tool = prepare (f, "INSERT INTO instruments (code, name, material) VALUES (?, ?, ?)");
  f->patient = prepare (f, "INSERT INTO patients (chart, family_name, given_name, birth_date,"
                           " sort_key) VALUES (?, ?, ?, ?, ?)");
  f->word = prepare (f, "INSERT INTO patient_words (word, patient_id) VALUES (?, ?)");
  f->screening = prepare (f, "INSERT INTO screening (patient_id, condition, present, recorded,"
                             " recorded_by, note) VALUES (?, ?, ?, ?, ?, ?)");
  f->course = prepare (f, "INSERT INTO courses (patient_id, diagnosis, icd10, start_date,"
                          " end_date, goals) VALUES (?, ?, ?, ?, ?, ?)");
  f->session = prepare (f, "INSERT INTO sessions (course_id, start, therapist_id, emollient,"
                           " note, home_program, contraindication_override)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)");
  f->treatment = prepare (f, "INSERT INTO treatments (session_id, position, site, side, stroke,"
                             " duration_s, edge, instrument_id, technique, pressure, redness,"
                             " petechiae, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  f->measure = prepare (f, "INSERT INTO measures (session_id, measure, side, timing, value)"
                           " VALUES (?, ?, ?, ?, ?)");
  f->sign = prepare (f, "UPDATE sessions SET signed_by = ?, signed_at = ? WHERE id = ?");
  f->addendum = prepare (f, "INSERT INTO addenda (session_id, therapist_id, at, text)"
                            " VALUES (?, ?, ?, ?)");
}

static void
floor_close (Floor *f)
{
  exec (f, "COMMIT");
  sqlite3_close_v2 (f->db);
  g_hash_table_unref (f->therapists);
  g_hash_table_unref (f->tools);
}

static void
floor_therapist (Floor      *f,
                 JsonObject *t)
{
  bind_member (f->therapist, 1, t, "id");
  bind_member (f->therapist, 2, t, "name");
  bind_text_or_empty (f->therapist, 3, t, "credentials");
  g_hash_table_insert (f->therapists, g_strdup (json_object_get_string_member (t, "id")),
                       GSIZE_TO_POINTER (step (f, f->therapist)));
}

static void
floor_tool (Floor      *f,
            JsonObject *t)
{
  bind_member (f->tool, 1, t, "id");
  bind_member (f->tool, 2, t, "name");
  bind_member (f->tool, 3, t, "material");
  g_hash_table_insert (f->tools, g_strdup (json_object_get_string_member (t, "id")),
                       GSIZE_TO_POINTER (step (f, f->tool)));
}

/* The floor as first written: the whole document a json-glib tree. */
static int
run_floor_json_glib (const char *json,
                     const char *db)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  Floor f = { 0 };
  JsonObject *root;
  JsonArray *list;
  gsize length;
  gint64 start, parsed;

  start = g_get_monotonic_time ();
  if (!g_file_get_contents (json, &data, &length, &error) ||
      !json_parser_load_from_data (parser, data, length, &error))
    g_error ("floor: %s", error->message);
  parsed = g_get_monotonic_time ();

  floor_open (&f, db);
  root = json_node_get_object (json_parser_get_root (parser));
  list = array_member (root, "therapists");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    floor_therapist (&f, json_array_get_object_element (list, i));
  list = array_member (root, "tools");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    floor_tool (&f, json_array_get_object_element (list, i));
  list = array_member (root, "patients");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    floor_patient (&f, json_array_get_object_element (list, i));
  floor_close (&f);

  g_print ("%.3f %.3f\n", (parsed - start) / 1e6, (g_get_monotonic_time () - parsed) / 1e6);
  return 0;
}

/* The floor read as Glide reads: the same tokenizer, one element at a time
 * (one pass, where Glide makes two), each inserted as soon as it is read.
 * It expects the export's order, therapists and tools before patients. */
static int
run_floor_stream (const char *json,
                  const char *db)
{
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) input = g_file_read (file, NULL, &error);
  g_autoptr(GlideJsonStream) stream = NULL;
  GlideJsonToken token;
  Floor f = { 0 };
  gint64 parse = 0, start = g_get_monotonic_time (), mark;
  gboolean patients_seen = FALSE;

  if (input == NULL)
    g_error ("floor: %s", error->message);
  stream = glide_json_stream_new_for_input (G_INPUT_STREAM (input), GLIDE_JSON_STRICT_DEFAULT);
  floor_open (&f, db);

  mark = g_get_monotonic_time ();
  if (glide_json_stream_next (stream, &error) != GLIDE_JSON_TOKEN_BEGIN_OBJECT)
    g_error ("floor: %s", error ? error->message : "not an object");
  while ((token = glide_json_stream_next (stream, &error)) == GLIDE_JSON_TOKEN_KEY)
    {
      g_autofree char *key = g_strdup (glide_json_stream_get_string (stream));
      void (*insert) (Floor *, JsonObject *) = NULL;

      if (strcmp (key, "therapists") == 0)
        insert = floor_therapist;
      else if (strcmp (key, "tools") == 0)
        insert = floor_tool;
      else if (strcmp (key, "patients") == 0)
        insert = floor_patient;
      if (insert != NULL && patients_seen)
        g_error ("floor: %s after the patients", key);
      patients_seen |= insert == floor_patient;

      token = glide_json_stream_next (stream, &error);
      if (insert == NULL || token != GLIDE_JSON_TOKEN_BEGIN_ARRAY)
        {
          if (!glide_json_stream_skip_value (stream, token, &error))
            g_error ("floor: %s", error->message);
          continue;
        }
      while ((token = glide_json_stream_next (stream, &error)) != GLIDE_JSON_TOKEN_END_ARRAY)
        {
          g_autoptr(JsonNode) node = glide_json_stream_read_value (stream, token, NULL, &error);
          gint64 now = g_get_monotonic_time ();

          if (node == NULL)
            g_error ("floor: %s", error->message);
          parse += now - mark;
          insert (&f, json_node_get_object (node));
          mark = g_get_monotonic_time ();
        }
    }
  if (token != GLIDE_JSON_TOKEN_END_OBJECT ||
      glide_json_stream_next (stream, &error) != GLIDE_JSON_TOKEN_END)
    g_error ("floor: %s", error ? error->message : "not one object");
  parse += g_get_monotonic_time () - mark;
  floor_close (&f);

  g_print ("%.3f %.3f\n", parse / 1e6, (g_get_monotonic_time () - start - parse) / 1e6);
  return 0;
}

/* ---- the parent: alternate floor and Glide, each in a new process --------- */

/* Runs argv to the end: its wall time in seconds, its processor time (user
 * and system) in seconds, its peak RSS in MiB, its output. */
static double
run_child (const char * const *argv,
           double             *cpu_s,
           double             *peak_mib,
           char              **out)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int out_fd = -1, status;
  GPid pid;
  double elapsed;
  GString *text = g_string_new (NULL);
  char buf[4096];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  while ((n = read (out_fd, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, n);
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("wait4 failed");
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed: %s", argv[0], text->str);
  *peak_mib = usage.ru_maxrss / 1024.0;
  *cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  *out = g_string_free (text, FALSE);
  return elapsed;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("Cannot copy %s: %s", from, error->message);
}

static void
remove_db (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_remove (db);
  g_remove (wal);
  g_remove (shm);
}

/* The rows of @table in @db. */
static gint64
count_rows (const char *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  if (n < 0)
    g_error ("Cannot count %s in %s", table, db);
  return n;
}

/* The floor must have stored what Glide stored, or it is no floor: a
 * document with records it does not read (a later interchange version,
 * say) stops the bench. The audit log, seals and the clinic's own details
 * are Glide's alone. */
static void
check_same_rows (const char *floor_db,
                 const char *glide_db)
{
  static const char *const tables[] = {
    "therapists", "instruments", "patients", "patient_words", "screening", "courses",
    "sessions", "treatments", "measures", "addenda", "goals", "goal_status", "care_plans",
    "exercises", "progress_reports", "consents", "discharges", "session_details",
    "session_billing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 floor_rows = count_rows (floor_db, tables[i]);
      gint64 glide_rows = count_rows (glide_db, tables[i]);

      if (floor_rows != glide_rows)
        g_error ("%s: the floor stored %" G_GINT64_FORMAT " rows, Glide %" G_GINT64_FORMAT,
                 tables[i], floor_rows, glide_rows);
    }
}

static double
median (GArray *values)
{
  glide_bench_sort (values);
  return glide_bench_percentile (values, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- glide --import beside its floor");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *floor_db = NULL;
  g_autofree char *template_db = NULL;
  g_autofree char *glide_db = NULL;
  g_autofree char *self = NULL;
  g_autofree char *import_arg = NULL;
  char *floor_child = NULL;
  gboolean json_glib_floor = FALSE;
  char *glide = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, "The clinic to import", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (3)", "N" },
    { "glide", 0, 0, G_OPTION_ARG_FILENAME, &glide, "The glide to run (the one built beside)", "PATH" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work in DIR (default: beside the JSON)", "DIR" },
    { "json-glib-floor", 0, 0, G_OPTION_ARG_NONE, &json_glib_floor,
      "The floor parses the whole document with json-glib first (as before the streaming reader)",
      NULL },
    { "floor-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &floor_child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) insert_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glide_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glide_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glide_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ratios = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (json == NULL)
    g_error ("--json CLINIC.json is required");
  if (floor_child != NULL)
    return json_glib_floor ? run_floor_json_glib (json, floor_child)
                           : run_floor_stream (json, floor_child);

  if (dir == NULL)
    dir = g_path_get_dirname (json);
  if (glide == NULL)
    glide = g_strdup (GLIDE_BINARY_PATH);
  self = g_file_read_link ("/proc/self/exe", NULL);
  template_db = g_build_filename (dir, "bench-import-empty.db", NULL);
  floor_db = g_build_filename (dir, "bench-import-floor.db", NULL);
  glide_db = g_build_filename (dir, "bench-import-glide.db", NULL);
  import_arg = g_strconcat ("--import=", json, NULL);

  remove_db (template_db);
  {
    g_autoptr(GlideStore) store = glide_store_open (template_db, &error);

    if (store == NULL)
      g_error ("%s", error->message);
  }
  if (g_stat (json, &st) != 0)
    g_error ("Cannot read %s", json);
  g_print ("glide --import beside its floor: %s (%.0f MB), %d runs each, alternating; "
           "the floor parses with %s\n", json, st.st_size / 1e6, runs,
           json_glib_floor ? "json-glib, the whole document first" : "the streaming tokenizer");

  for (int i = 0; i < runs; i++)
    {
      const char *floor_argv[] = { self, "--json", json, "--floor-child", floor_db,
                                   json_glib_floor ? "--json-glib-floor" : NULL, NULL };
      const char *glide_argv[] = { glide, "-d", glide_db, import_arg, NULL };
      g_autofree char *floor_out = NULL;
      g_autofree char *glide_out = NULL;
      double t, cpu, floor_cpu, peak, parse = 0, insert = 0;

      remove_db (floor_db);
      copy_file (template_db, floor_db);
      t = run_child (floor_argv, &floor_cpu, &peak, &floor_out);
      if (sscanf (floor_out, "%lf %lf", &parse, &insert) != 2)
        g_error ("floor: %s", floor_out);
      g_array_append_val (floor_times, t);
      g_array_append_val (parse_times, parse);
      g_array_append_val (insert_times, insert);
      g_array_append_val (floor_peaks, peak);
      g_array_append_val (floor_cpus, floor_cpu);
      g_print ("  run %d  floor %6.2f s (parse %5.2f s, insert %5.2f s; cpu %5.2f s) %5.0f MiB",
               i + 1, t, parse, insert, floor_cpu, peak);

      remove_db (glide_db);
      copy_file (template_db, glide_db);
      t = run_child (glide_argv, &cpu, &peak, &glide_out);
      g_array_append_val (glide_times, t);
      g_array_append_val (glide_peaks, peak);
      g_array_append_val (glide_cpus, cpu);
      g_print ("   glide %6.2f s (cpu %5.2f s) %5.0f MiB   ratio %.2fx (cpu %.2fx)\n", t, cpu, peak,
               t / g_array_index (floor_times, double, floor_times->len - 1), cpu / floor_cpu);
      check_same_rows (floor_db, glide_db);
      cpu /= floor_cpu;
      g_array_append_val (cpu_ratios, cpu);
    }

  {
    double floor_t = median (floor_times), glide_t = median (glide_times);
    double glide_peak = median (glide_peaks);
    double peak_goal = 300 + 0.5 * st.st_size / 1048576.0;

    g_print ("%-30s %7.2f s  (parse %.2f s + insert %.2f s; medians)\n", "floor",
             floor_t, median (parse_times), median (insert_times));
    g_print ("%-30s %7.2f s  (%.2fx the floor; target <= 1.5x: %s)\n", "glide --import",
             glide_t, glide_t / floor_t, glide_t <= 1.5 * floor_t ? "met" : "MISSED");
    /* Processor time swings less than wall time when other work shares
     * the machine (both wait little for the disk). */
    g_print ("%-30s %7.2f s  (floor %.2f s; %.2fx, per-run ratios' median %.2fx)\n",
             "glide --import, cpu (medians)", median (glide_cpus), median (floor_cpus),
             median (glide_cpus) / median (floor_cpus), median (cpu_ratios));
    g_print ("%-30s %7.0f MiB (floor %.0f MiB; target <= %.0f MiB: %s)\n",
             "glide --import, peak RSS", glide_peak, median (floor_peaks), peak_goal,
             glide_peak <= peak_goal ? "met" : "MISSED");
  }

  remove_db (template_db);
  remove_db (floor_db);
  remove_db (glide_db);
  return 0;
}
