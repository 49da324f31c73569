/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-test-utils.c: temporary folders, simple records, the back-end the
 * stores of a test run on, and a second connection that works behind the
 * store's back (as the sqlite3 shell or psql would). */

#include "config.h"

#include "glide-test-utils.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the back-end under test ------------------------------------------------
 *
 * GLIDE_TEST_BACKEND=postgresql (meson's *-pg tests, run under
 * tests/pg/with-pg-cluster) puts the stores a test opens on the throwaway
 * cluster: each DIR/NAME gets a fresh empty database of its own, made by the
 * superuser and owned by the login of GLIDE_TEST_PG_URI, and the same
 * DIR/NAME opened again is the same database until glide_test_remove_tree()
 * removes DIR. glide_test_sql_text() and glide_test_sql_exec() run their SQL
 * in it as its owner, as psql would. Without the variable (or with "sqlite")
 * every store is the SQLite file DIR/NAME. */

static GHashTable *pg_databases;  /* DIR/NAME -> its database's name */

/* The owner's connections to the test databases, one each, kept open from
 * one query behind the store's back to the next: a new connection is a new
 * server process that reads the catalogs afresh, and a dump of 13 tables on
 * 13 of them took a third of a second. Closed when the database is
 * forgotten (pg_forget_under ()), or when the last query left it in a
 * transaction or broken. */
static GHashTable *pg_behind;  /* database name -> PGconn */

gboolean
glide_test_backend_is_sqlite (void)
{
  const char *backend = g_getenv ("GLIDE_TEST_BACKEND");

  if (backend == NULL || *backend == '\0' || g_str_equal (backend, "sqlite"))
    return TRUE;
  if (!g_str_equal (backend, "postgresql"))
    g_error ("GLIDE_TEST_BACKEND=%s: the back-ends are sqlite and postgresql", backend);
  return FALSE;
}

/**
 * glide_test_skip_unless_sqlite:
 * @reason: what the test needs of SQLite, for the TAP output
 *
 * Skips the running test when the stores are not SQLite files.
 *
 * Returns: TRUE when skipped: the test returns at once
 */
gboolean
glide_test_skip_unless_sqlite (const char *reason)
{
  g_autofree char *message = NULL;

  if (glide_test_backend_is_sqlite ())
    return FALSE;
  message = g_strdup_printf ("SQLite only: %s", reason);
  g_test_skip (message);
  return TRUE;
}

static const char *
pg_setting (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("GLIDE_TEST_BACKEND=postgresql needs %s: run the test under tests/pg/with-pg-cluster",
             name);
  return value;
}

static void
pg_quiet (void       *data,
          const char *message)
{
}

static PGconn *
pg_connect (const char *const *keys,
            const char *const *values)
{
  PGconn *conn = PQconnectdbParams (keys, values, TRUE);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test cluster: %s", PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, pg_quiet, NULL);
  return conn;
}

/* glide --check on @store: every item holds, or the test fails naming it. */
void
glide_test_assert_check_passes (GlideStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = glide_store_check (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      if (!item->ok)
        g_error ("--check: %s: %s", item->name, item->message);
    }
}

/* For the window's role and outage tests, on the demo clinic: patient
 * R-7001 Lena Rivera with a course from 2026-03-02 and two drafts of it, one
 * by the therapist ko (2 March), one by Dana Whitfield, dw (9 March). */
void
glide_test_add_two_drafts (GlideStore *store,
                           gint64     *course,
                           gint64     *ko_draft,
                           gint64     *dw_draft,
                           gint64     *dw_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) dw = glide_store_find_therapist (store, "dw", &error);
  g_autoptr(GlideTherapist) ko = glide_store_find_therapist (store, "ko", &error);
  g_autoptr(GlideSession) a = NULL;
  g_autoptr(GlideSession) b = NULL;
  gint64 patient;

  g_assert_no_error (error);
  patient = glide_test_add_patient (store, "R-7001", "Rivera", "Lena");
  *course = glide_test_add_course (store, patient, "2026-03-02");
  a = glide_test_new_session (*course, ko->id, "2026-03-02T10:00");
  *ko_draft = glide_store_save_draft_session (store, a, &error);
  g_assert_no_error (error);
  b = glide_test_new_session (*course, dw->id, "2026-03-09T10:00");
  *dw_draft = glide_store_save_draft_session (store, b, &error);
  g_assert_no_error (error);
  if (dw_id != NULL)
    *dw_id = dw->id;
}

/* ---- plain SQL on the test cluster ------------------------------------------ */

/**
 * glide_test_pg_uri:
 * @database: (nullable): a database of the cluster; %NULL: GLIDE_TEST_PG_URI's
 * @login: (nullable): who connects; %NULL: GLIDE_TEST_PG_URI's login (the owner)
 * @extra: (nullable): "key=value&…" added to the query
 *
 * GLIDE_TEST_PG_URI (postgresql:///glide?host=…&user=glide_owner) changed so.
 */
char *
glide_test_pg_uri (const char *database,
                   const char *login,
                   const char *extra)
{
  const char *uri = pg_setting ("GLIDE_TEST_PG_URI");
  const char *query = strchr (uri, '?');
  g_autoptr(GString) out = g_string_new ("postgresql:///");
  g_auto(GStrv) params = g_strsplit (query ? query + 1 : "", "&", -1);
  gboolean first = TRUE;

  g_assert_true (g_str_has_prefix (uri, "postgresql:///"));
  if (database != NULL)
    g_string_append (out, database);
  else
    g_string_append_len (out, uri + strlen ("postgresql:///"),
                         (query ? query : uri + strlen (uri)) - uri - strlen ("postgresql:///"));
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (*params[i] == '\0' || (login != NULL && g_str_has_prefix (params[i], "user=")))
        continue;
      g_string_append_printf (out, "%c%s", first ? '?' : '&', params[i]);
      first = FALSE;
    }
  if (login != NULL)
    {
      g_string_append_printf (out, "%cuser=%s", first ? '?' : '&', login);
      first = FALSE;
    }
  if (extra != NULL)
    g_string_append_printf (out, "%c%s", first ? '?' : '&', extra);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A connection as @login (NULL: the owner) to @database (NULL: the URI's). */
PGconn *
glide_test_pg_connect (const char *database,
                       const char *login)
{
  g_autofree char *uri = glide_test_pg_uri (database, login, NULL);
  const char *keys[] = { "dbname", NULL };
  const char *values[] = { uri, NULL };

  return pg_connect (keys, values);
}

/* A connection as the cluster's superuser to @database (NULL: postgres). */
PGconn *
glide_test_pg_connect_superuser (const char *database)
{
  const char *keys[] = { "host", "user", "dbname", NULL };
  const char *values[] = { pg_setting ("GLIDE_TEST_PG_HOST"),
                           pg_setting ("GLIDE_TEST_PG_SUPERUSER"),
                           database ? database : "postgres", NULL };

  return pg_connect (keys, values);
}

/* Runs @sql, which must succeed. */
void
glide_test_pg_exec (PGconn     *conn,
                    const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s\nfailed as %s: %s", sql, PQuser (conn), PQresultErrorMessage (res));
  PQclear (res);
}

/* The first column of the first row, or NULL; @param is $1 when given. */
char *
glide_test_pg_query_text (PGconn     *conn,
                          const char *sql,
                          const char *param)
{
  const char *values[] = { param };
  PGresult *res = PQexecParams (conn, sql, param ? 1 : 0, NULL, values, NULL, NULL, 0);
  char *text = NULL;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s\nfailed as %s: %s", sql, PQuser (conn), PQresultErrorMessage (res));
  if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    text = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return text;
}

/* Runs @sql as the cluster's superuser in the test database (GLIDE_TEST_PG_URI's). */
void
glide_test_pg_superuser_exec (const char *sql)
{
  PQconninfoOption *options = PQconninfoParse (pg_setting ("GLIDE_TEST_PG_URI"), NULL);
  g_autofree char *database = NULL;
  PGconn *conn;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname") && o->val != NULL)
      database = g_strdup (o->val);
  PQconninfoFree (options);
  conn = glide_test_pg_connect_superuser (database);
  glide_test_pg_exec (conn, sql);
  PQfinish (conn);
}

/* The first column of @sql's first row as a number, read as the superuser. */
gint64
glide_test_pg_superuser_count (const char *sql)
{
  PQconninfoOption *options = PQconninfoParse (pg_setting ("GLIDE_TEST_PG_URI"), NULL);
  g_autofree char *database = NULL;
  g_autofree char *text = NULL;
  PGconn *conn;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname") && o->val != NULL)
      database = g_strdup (o->val);
  PQconninfoFree (options);
  conn = glide_test_pg_connect_superuser (database);
  text = glide_test_pg_query_text (conn, sql, NULL);
  PQfinish (conn);
  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* Runs glide -d GLIDE_TEST_PG_URI (as the database's owner) with the
 * arguments that follow, up to NULL, in @workdir; it must succeed. */
void
glide_test_pg_glide_ok (const char *workdir,
                        const char *first,
                        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *err = NULL;
  va_list list;

  g_ptr_array_add (args, g_strdup ("-d"));
  g_ptr_array_add (args, g_strdup (pg_setting ("GLIDE_TEST_PG_URI")));
  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (list);
  if (glide_test_run_glide (workdir, NULL, args, &out, &err) != 0)
    g_error ("glide %s failed: %s%s", first, out ? out : "", err ? err : "");
}

/* Runs @sql as the cluster's superuser. */
static void
pg_superuser_exec (const char *sql)
{
  /* One connection for the process, as for the queries behind the store. */
  static PGconn *conn;
  PGresult *res;

  if (conn != NULL && PQstatus (conn) != CONNECTION_OK)
    g_clear_pointer (&conn, PQfinish);
  if (conn == NULL)
    conn = glide_test_pg_connect_superuser (NULL);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

/* The login of GLIDE_TEST_PG_URI, who owns every test database. */
static char *
pg_owner (void)
{
  PQconninfoOption *options = PQconninfoParse (pg_setting ("GLIDE_TEST_PG_URI"), NULL);
  char *user = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "user") && o->val != NULL)
      user = g_strdup (o->val);
  PQconninfoFree (options);
  if (user == NULL)
    g_error ("GLIDE_TEST_PG_URI names no user");
  return user;
}

/* GLIDE_TEST_PG_URI (postgresql:///glide?host=...&user=...) with the
 * database @name instead. */
static char *
pg_database_uri (const char *name)
{
  const char *uri = pg_setting ("GLIDE_TEST_PG_URI");
  const char *query = strchr (uri, '?');

  if (!g_str_has_prefix (uri, "postgresql:///"))
    g_error ("GLIDE_TEST_PG_URI=%s: expected postgresql:///DATABASE?host=...", uri);
  return g_strconcat ("postgresql:///", name, query ? query : "", NULL);
}

/* The database of DIR/NAME, made empty on first use. */
static const char *
pg_database_for (const char *path)
{
  static guint serial;
  g_autofree char *owner = NULL;
  g_autofree char *sql = NULL;
  char *name;

  if (pg_databases == NULL)
    pg_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((name = g_hash_table_lookup (pg_databases, path)) != NULL)
    return name;

  name = g_strdup_printf ("glide_test_%d_%u", (int) getpid (), ++serial);
  owner = pg_owner ();
  sql = g_strdup_printf ("CREATE DATABASE \"%s\" OWNER \"%s\"", name, owner);
  pg_superuser_exec (sql);
  g_hash_table_insert (pg_databases, g_strdup (path), name);
  return name;
}

/* The database of @path when it is one, else NULL: @path is a file. */
static const char *
pg_database_of (const char *path)
{
  if (glide_test_backend_is_sqlite () || pg_databases == NULL)
    return NULL;
  return g_hash_table_lookup (pg_databases, path);
}

/* Forgets the databases of @dir and of everything under it, so that a new
 * folder of the same name gets new ones. They stay until the cluster is
 * removed: DROP DATABASE forces a checkpoint, most of a second each. */
static void
pg_forget_under (const char *dir)
{
  g_autofree char *prefix = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  GHashTableIter iter;
  const char *path, *name;

  if (pg_databases == NULL)
    return;
  g_hash_table_iter_init (&iter, pg_databases);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &name))
    if (g_str_equal (path, dir) || g_str_has_prefix (path, prefix))
      {
        if (pg_behind != NULL)
          g_hash_table_remove (pg_behind, name);
        g_hash_table_iter_remove (&iter);
      }
}

/**
 * glide_test_store_location:
 *
 * Where the store DIR/NAME lives for glide_store_open() and glide -d: the
 * file's path, or on PostgreSQL the owner's URI of its database.
 */
char *
glide_test_store_location (const char *dir,
                           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (glide_test_backend_is_sqlite ())
    return g_steal_pointer (&path);
  return pg_database_uri (pg_database_for (path));
}

char *
glide_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("glide-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
glide_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        glide_test_remove_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
  if (!glide_test_backend_is_sqlite ())
    pg_forget_under (path);
}

char *
glide_test_file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

GlideStore *
glide_test_open_store (const char *dir,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = glide_test_store_location (dir, name);
  GlideStore *store = glide_store_open (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
glide_test_add_therapist (GlideStore *store,
                          const char *code,
                          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) therapist = glide_therapist_new (code, name, "PT");
  gint64 id = glide_store_create_therapist (store, therapist, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
glide_test_add_patient (GlideStore *store,
                        const char *chart,
                        const char *family,
                        const char *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new (chart, family, given, "1980-04-02");
  gint64 id = glide_store_create_patient (store, patient, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
glide_test_add_course (GlideStore *store,
                       gint64      patient_id,
                       const char *start_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideCourse) course = glide_course_new ("Plantar fasciitis");
  gint64 id;

  course->patient_id = patient_id;
  course->start_date = g_strdup (start_date);
  course->icd10 = g_strdup ("M72.2");
  id = glide_store_create_course (store, course, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A draft with two treated areas and pain and ROM before and after. */
GlideSession *
glide_test_new_session (gint64      course_id,
                        gint64      therapist_id,
                        const char *start)
{
  GlideSession *session = glide_session_new (course_id, start, therapist_id);
  GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  GlideTreatment *sole = glide_treatment_new (GLIDE_SITE_PLANTAR_FASCIA, GLIDE_SIDE_LEFT);

  calf->duration_s = 90;
  calf->stroke = GLIDE_STROKE_OSCILLATING;
  calf->technique = GLIDE_TECHNIQUE_FANNING;
  calf->pressure = GLIDE_PRESSURE_MODERATE;
  calf->redness = GLIDE_REDNESS_MILD;
  sole->duration_s = 45;
  sole->edge = GLIDE_EDGE_CONVEX;
  sole->petechiae = TRUE;
  sole->redness = GLIDE_REDNESS_MODERATE;
  g_ptr_array_add (session->treatments, calf);
  g_ptr_array_add (session->treatments, sole);
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE, 7));
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_POST, 4.5));
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_ANKLE_DORSIFLEXION, GLIDE_SIDE_LEFT,
                                          GLIDE_TIMING_PRE, 8));
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_KNEE_EXTENSION, GLIDE_SIDE_LEFT,
                                          GLIDE_TIMING_PRE, -10));
  g_free (session->note);
  session->note = g_strdup ("Heel pain worst in the morning.");
  return session;
}

static sqlite3 *
open_behind (const char *db_path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return db;
}

static PGconn *
pg_open_behind (const char *database)
{
  g_autofree char *uri = NULL;
  PGconn *conn;

  if (pg_behind == NULL)
    pg_behind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) PQfinish);
  conn = g_hash_table_lookup (pg_behind, database);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;
  uri = pg_database_uri (database);
  {
    const char *keys[] = { "dbname", NULL };
    const char *values[] = { uri, NULL };

    conn = pg_connect (keys, values);
  }
  g_hash_table_replace (pg_behind, g_strdup (database), conn);
  return conn;
}

/* After a query on pg_open_behind ()'s connection: one left inside a
 * transaction (the SQL began one) or broken is not used again. */
static void
pg_done_behind (const char *database,
                PGconn     *conn)
{
  if (PQstatus (conn) != CONNECTION_OK || PQtransactionStatus (conn) != PQTRANS_IDLE)
    g_hash_table_remove (pg_behind, database);
}

static char *
pg_sql_text (const char *database,
             const char *sql)
{
  PGconn *conn = pg_open_behind (database);
  PGresult *res = PQexec (conn, sql);
  GString *out = g_string_new (NULL);

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  for (int row = 0; row < PQntuples (res); row++)
    {
      for (int i = 0; i < PQnfields (res); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "",
                                PQgetisnull (res, row, i) ? "NULL" : PQgetvalue (res, row, i));
      g_string_append_c (out, '\n');
    }
  PQclear (res);
  pg_done_behind (database, conn);
  return g_string_free (out, FALSE);
}

/* SQLite's result code for what the server answered: a refusal by a
 * constraint or a trigger (which raise integrity violations) is
 * SQLITE_CONSTRAINT, a refused privilege SQLITE_PERM, a value the column's
 * type cannot take SQLITE_MISMATCH. */
static int
pg_sql_exec (const char  *database,
             const char  *sql,
             char       **message)
{
  PGconn *conn = pg_open_behind (database);
  PGresult *res = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (res);
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  const char *primary = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);
  int rc;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    rc = SQLITE_OK;
  else if (state != NULL && g_str_has_prefix (state, "23"))
    rc = SQLITE_CONSTRAINT;
  else if (state != NULL && g_str_equal (state, "42501"))
    rc = SQLITE_PERM;
  else if (state != NULL && g_str_has_prefix (state, "22"))
    rc = SQLITE_MISMATCH;
  else
    rc = SQLITE_ERROR;
  if (message != NULL)
    *message = g_strdup (primary ? primary : "");
  PQclear (res);
  pg_done_behind (database, conn);
  return rc;
}

/* The rows of a query joined as text ("a|b\nc|d"), to compare before/after. */
char *
glide_test_sql_text (const char *db_path,
                     const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GString *out;

  if (pg_database_of (db_path) != NULL)
    return pg_sql_text (pg_database_of (db_path), sql);
  db = open_behind (db_path);
  out = g_string_new (NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "",
                                sqlite3_column_text (stmt, i) ?
                                  (const char *) sqlite3_column_text (stmt, i) : "NULL");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Runs SQL behind the store's back; returns the SQLite result code (on
 * PostgreSQL, the code SQLite gives for the same kind of refusal). */
int
glide_test_sql_exec (const char  *db_path,
                     const char  *sql,
                     char       **message)
{
  sqlite3 *db;
  char *errmsg = NULL;
  int rc;

  if (pg_database_of (db_path) != NULL)
    return pg_sql_exec (pg_database_of (db_path), sql, message);
  db = open_behind (db_path);
  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (message != NULL)
    *message = g_strdup (errmsg ? errmsg : "");
  sqlite3_free (errmsg);
  sqlite3_close (db);
  return rc;
}

/* Runs a program to completion; returns its exit status. */
int
glide_test_run (const char *const  *argv,
                char              **out,
                char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unread = NULL;
  int status = 0;

  /* A child's standard output must never reach the test's: TAP reads it. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out ? out : &unread, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

/**
 * glide_test_run_glide:
 * @env_extra: (nullable): "NAME=VALUE" strings, NULL-terminated
 * @args: the arguments after the program name
 *
 * Runs the glide binary under test (GLIDE_BINARY) in @cwd with no display at
 * all, so a command that initialised GTK would fail.
 *
 * Returns: the exit status
 */
int
glide_test_run_glide (const char        *cwd,
                      const char *const *env_extra,
                      GPtrArray         *args,
                      char             **out,
                      char             **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *unread = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GLIDE_BINARY"));
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env_extra[i], "=", 2);

      env = g_environ_setenv (env, kv[0], kv[1], TRUE);
    }

  /* The child's standard output must never reach the test's: TAP reads it. */
  g_spawn_sync (cwd, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                out ? out : &unread, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Scribbles over @table's first or last leaf page in the SQLite file at
 * @path (the last holds its newest rows, where a new one would be written;
 * the first, the oldest), as a failing disk would; the file is closed. */
void
glide_test_damage_page (const char *path,
                        const char *table,
                        gboolean    last)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pageno FROM dbstat WHERE name = '%s'"
                                          " AND pagetype = 'leaf' ORDER BY path %s LIMIT 1",
                                          table, last ? "DESC" : "ASC");
  g_autofree char *leaf = glide_test_sql_text (path, sql);
  g_autofree char *data = NULL;
  gint64 page = g_ascii_strtoll (leaf, NULL, 10);
  gsize length;

  g_assert_cmpint (page, >, 2);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >=, page * 4096);
  memset (data + (page - 1) * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}
