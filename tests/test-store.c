/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the store keeps what it is given, refuses what the rules and
 * the database's own constraints refuse, and leaves refused rows as they were. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "glide-date.h"
#include "glide-rules.h"
#include "glide-store-private.h"
#include "glide-test-utils.h"
#include "glide-text.h"

typedef struct
{
  char       *dir;
  char       *path;
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
  f->path = g_build_filename (f->dir, "glide.db", NULL);
  f->store = glide_test_open_store (f->dir, "glide.db");
  f->therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  glide_store_set_actor (f->store, f->therapist);
  f->patient = glide_test_add_patient (f->store, "P-0001", "Müller", "José");
  f->course = glide_test_add_course (f->store, f->patient, "2026-09-01");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
save_session (Fixture    *f,
              const char *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, f->therapist, start);
  gint64 id = glide_store_save_draft_session (f->store, session, &error);

  g_assert_no_error (error);
  return id;
}

static int
pragma_int (GlideStore *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* SQL with @ID@ replaced by a row id. */
static char *
with_id (const char *sql,
         gint64      id)
{
  GString *text = g_string_new (sql);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_string_replace (text, "@ID@", number, 0);
  return g_string_free (text, FALSE);
}

/* A test of what only an SQLite file has: skipped, saying why, when the
 * stores are on PostgreSQL. */
typedef struct
{
  GTestFunc   func;
  const char *reason;
} SqliteOnly;

static void
run_sqlite_only (gconstpointer data)
{
  const SqliteOnly *test = data;

  if (!glide_test_skip_unless_sqlite (test->reason))
    test->func ();
}

/* ---- opening ---------------------------------------------------------------- */

static void
test_open_creates_private_files (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new", "sub", "glide.db", NULL);
  g_autofree char *sub = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (path, &error);
  const char *suffixes[] = { "", "-wal", "-shm" };
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  glide_test_add_therapist (store, "dw", "Dana Whitfield");

  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (pragma_int (store, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpint (pragma_int (store, "PRAGMA user_version"), ==, glide_store_get_schema_version ());
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static void
test_open_empty_file_migrates (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  g_autofree char *tables = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = glide_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_is_empty (store, &error));
  g_clear_object (&store);

  tables = glide_test_sql_text (path, "SELECT group_concat(name, ' ') FROM (SELECT name FROM"
                                      " sqlite_master WHERE type = 'table' ORDER BY name)");
  g_assert_cmpstr (tables, ==, "addenda audit_content audit_head audit_log care_plans care_settings "
                               "clinic consents courses discharges editor_recovery exercises goal_status goals "
                               "instruments measures patient_summaries patient_words patients progress_reports "
                               "screening session_billing session_details sessions therapists "
                               "treatments\n");

  /* Opening again migrates nothing and loses nothing. */
  store = glide_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* A refused file keeps its bytes and gains no -wal or -shm file. */
static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *message_part)
{
  g_autofree char *before = glide_test_file_checksum (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  after = glide_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
test_open_refuses_garbage (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guchar noise[8192];

  g_assert_true (g_file_set_contents (text, "Patient notes, not a database.\n", -1, NULL));
  assert_refused_untouched (text, GLIDE_STORE_ERROR_NOT_A_DATABASE, "not an SQLite database");

  /* The right magic followed by noise: SQLite must not be trusted with it. */
  memcpy (noise, "SQLite format 3", 16);
  for (guint i = 16; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fake, (const char *) noise, sizeof noise, NULL));
  {
    g_autofree char *before = glide_test_file_checksum (fake);
    g_autoptr(GError) error = NULL;
    g_autoptr(GlideStore) store = glide_store_open (fake, &error);
    g_autofree char *after = glide_test_file_checksum (fake);

    g_assert_null (store);
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_true (error->code == GLIDE_STORE_ERROR_NOT_A_DATABASE ||
                   error->code == GLIDE_STORE_ERROR_CORRUPT);
    g_assert_cmpstr (before, ==, after);
  }

  glide_test_remove_tree (dir);
}

/* Whether this process holds SQLite's deleted temporary file open: a
 * statement journal moved out of memory ("etilqs_…" in SQLite's temporary
 * folder, unlinked as soon as it is made). */
static gboolean
holds_sqlite_temp_file (void)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && strstr (target, "etilqs_") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Inside one long transaction (an import) a statement that changes many
 * pages the transaction had already changed keeps its statement journal in
 * memory: once SQLite moved it to a file, it wrote every later statement's
 * journal there too, until the commit (483,230 writes for 2,000 patients). */
static void
test_statement_journal_in_memory (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (glide_store_begin_bulk (store, &error));
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *chart = g_strdup_printf ("J-%04u", i);
      g_autofree char *family = g_strdup_printf ("Journal-%s-%u", "Longfamilyname", i);
      g_autoptr(GlidePatient) patient = glide_patient_new (chart, family, "Givenname", NULL);

      g_assert_cmpint (glide_store_create_patient (store, patient, &error), >, 0);
      g_assert_no_error (error);
    }
  /* One statement over every page of the table written above (more than
   * the 64 KiB SQLite keeps in memory when it may use a file). */
  g_assert_true (glide_store_exec (store, "UPDATE patients SET sort_key = sort_key || ''", &error));
  g_assert_no_error (error);
  g_assert_false (holds_sqlite_temp_file ());
  glide_store_rollback (store);

  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* A URI is not a file: refused by the store itself, nothing made. */
static void
test_open_refuses_uri (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *made = g_build_filename (dir, "postgresql:", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  g_autofree char *scheme = NULL;

  g_assert_true (glide_store_location_is_uri ("postgresql:///clinic?host=/run/postgresql", &scheme));
  g_assert_cmpstr (scheme, ==, "postgresql");
  g_assert_true (glide_store_location_is_uri ("Postgres://db/clinic", NULL));
  g_assert_true (glide_store_location_is_uri ("svn+ssh://host/x", NULL));
  g_assert_false (glide_store_location_is_uri ("clinic:2026.db", NULL));
  g_assert_false (glide_store_location_is_uri ("/data/postgresql://x", NULL));
  g_assert_false (glide_store_location_is_uri ("1abc://x", NULL));
  g_assert_false (glide_store_location_is_uri ("", NULL));

  /* A clinic server's URI is a server, never a path: no server here. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  store = glide_store_open ("postgresql:///clinic?host=/nonexistent/glide-socket&connect_timeout=2",
                            &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "Cannot reach the clinic server"));
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Any other scheme is refused, and makes no folder of its name either. */
  g_clear_pointer (&made, g_free);
  made = g_build_filename (dir, "https:", NULL);
  g_assert_cmpint (g_chdir (dir), ==, 0);
  store = glide_store_open ("https://example.org/clinic.db", &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "https address, not a database"));
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));
  glide_test_remove_tree (dir);
}

/* The same on a clinic server: the database's tables, schema version and
 * audit log are as they were. */
static void
assert_server_refused_untouched (const char *dir,
                                 const char *name,
                                 int         code,
                                 const char *message_part)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *location = glide_test_store_location (dir, name);
  const char *dump = "SELECT (SELECT version FROM glide_schema),"
                     " (SELECT string_agg (tablename, ' ' ORDER BY tablename) FROM pg_tables"
                     "  WHERE schemaname = current_schema ()),"
                     " (SELECT count(*) FROM audit_log)";
  g_autofree char *before = glide_test_sql_text (path, dump);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (location, &error);

  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  after = glide_test_sql_text (path, dump);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_newer_schema (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *expected = NULL;

  g_object_unref (glide_test_open_store (dir, "newer.db"));
  expected = g_strdup_printf ("was created by a newer Glide (schema 99, this program "
                              "knows %u)", glide_store_get_schema_version ());
  if (glide_test_backend_is_sqlite ())
    {
      g_assert_cmpint (glide_test_sql_exec (path, "PRAGMA user_version = 99; "
                                                  "PRAGMA journal_mode = DELETE", NULL),
                       ==, SQLITE_OK);
      assert_refused_untouched (path, GLIDE_STORE_ERROR_NEWER_SCHEMA, expected);
    }
  else
    {
      g_assert_cmpint (glide_test_sql_exec (path, "UPDATE glide_schema SET version = 99", NULL),
                       ==, SQLITE_OK);
      assert_server_refused_untouched (dir, "newer.db", GLIDE_STORE_ERROR_NEWER_SCHEMA, expected);
    }
  glide_test_remove_tree (dir);
}

static void
test_open_refuses_other_sqlite (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT); "
                                     "INSERT INTO recipes VALUES ('bread')", NULL, NULL, NULL), ==, 0);
  sqlite3_close (db);
  assert_refused_untouched (path, GLIDE_STORE_ERROR_NOT_A_DATABASE, "not a Glide database");
  glide_test_remove_tree (dir);
}

/* Opening reads no page of records, so that it costs the same at any size
 * (a full quick_check there read the whole file at every start). A damaged
 * page is refused by the first read that reaches it, by glide --check and by
 * every backup, which read every page; nothing is ever written over it. */
static void
test_open_damaged_refused_on_use (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "damaged.db");
  g_autoptr(GlidePatient) last = NULL;
  g_autoptr(GlidePatient) extra = glide_patient_new ("C-9999", "Extra", "Patient", NULL);
  g_autoptr(GlidePatient) reread = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 last_id = 0;
  gboolean integrity_failed = FALSE;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *chart = g_strdup_printf ("C-%04u", i);

      last_id = glide_test_add_patient (store, chart, "Example", "Patient");
    }
  last = glide_store_get_patient (store, last_id, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  glide_test_damage_page (path, "patients", TRUE);
  before = glide_test_file_checksum (path);

  store = glide_store_open (path, &error);
  g_assert_no_error (error);

  /* The last patient's row is on the damaged page (the patient list itself
   * reads the index patients_list, not the rows). */
  reread = glide_store_get_patient (store, last_id, &error);
  g_assert_null (reread);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
  g_test_message ("first read: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, "Restore it from a backup"));
  g_clear_error (&error);

  g_free (last->family_name);
  last->family_name = g_strdup ("Changed");
  g_assert_false (glide_store_update_patient (store, last, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpint (glide_store_create_patient (store, extra, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* glide --check fails on it (as a whole, or in its Integrity line), and
   * no backup is made of it. */
  items = glide_store_check (store, &error);
  if (items == NULL)
    {
      g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
      g_test_message ("--check: %s", error->message);
      g_clear_error (&error);
      integrity_failed = TRUE;
    }
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      GlideCheckItem *item = items->pdata[i];

      if (g_str_equal (item->name, "Integrity") && !item->ok)
        {
          g_test_message ("--check: %s: %s", item->name, item->message);
          integrity_failed = TRUE;
        }
    }
  g_assert_true (integrity_failed);
  g_assert_false (glide_store_backup (store, backup, FALSE, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
  g_test_message ("backup: %s", error->message);
  g_clear_error (&error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  after = glide_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  glide_test_remove_tree (dir);
}

/* A file cut short (a copy that did not finish) is refused by SQLite's first
 * read: its header counts more pages than the file has. */
static void
test_open_refuses_truncated (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cut.db", NULL);
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "cut.db");
  g_autofree char *data = NULL;
  gsize length;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *chart = g_strdup_printf ("C-%04u", i);

      glide_test_add_patient (store, chart, "Example", "Patient");
    }
  g_clear_object (&store);
  g_assert_cmpint (glide_test_sql_exec (path, "PRAGMA journal_mode = DELETE", NULL), ==, 0);

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 40960);
  g_assert_true (g_file_set_contents (path, data, length / 2 / 4096 * 4096, NULL));
  assert_refused_untouched (path, GLIDE_STORE_ERROR_CORRUPT, "is damaged");
  glide_test_remove_tree (dir);
}

/* A file that says it is Glide's but lacks a table is refused at once. */
static void
test_open_refuses_missing_table (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "partial.db", NULL);
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "partial.db");

  g_clear_object (&store);
  if (!glide_test_backend_is_sqlite ())
    {
      g_assert_cmpint (glide_test_sql_exec (path, "DROP TABLE screening CASCADE", NULL),
                       ==, SQLITE_OK);
      assert_server_refused_untouched (dir, "partial.db", GLIDE_STORE_ERROR_CORRUPT,
                                       "its table screening is missing");
      glide_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (glide_test_sql_exec (path, "PRAGMA foreign_keys = OFF; DROP TABLE screening;"
                                        " PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, SQLITE_OK);
  g_assert_cmpint (glide_test_sql_exec (path, "PRAGMA journal_mode = DELETE", NULL), ==, SQLITE_OK);
  assert_refused_untouched (path, GLIDE_STORE_ERROR_CORRUPT, "its table screening is missing");
  glide_test_remove_tree (dir);
}

/* ---- round trips ------------------------------------------------------------ */

static void
test_clinic_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  g_autoptr(GlideClinic) back = NULL;
  g_autoptr(GError) error = NULL;

  g_free (clinic->name);
  clinic->name = g_strdup ("Riverside Physio");
  g_free (clinic->address);
  clinic->address = g_strdup ("12 Mill Lane, Leeds");
  g_free (clinic->phone);
  clinic->phone = g_strdup ("+44 113 000 0000");
  clinic->paper = GLIDE_PAPER_LETTER;
  g_assert_true (glide_store_set_clinic (f->store, clinic, &error));
  g_assert_no_error (error);

  back = glide_store_get_clinic (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, clinic->name);
  g_assert_cmpstr (back->address, ==, clinic->address);
  g_assert_cmpstr (back->phone, ==, clinic->phone);
  g_assert_cmpint (back->paper, ==, GLIDE_PAPER_LETTER);
}

/* Each of patients, therapists and instruments alone makes a store not
 * empty (the first-run page is for a store with none of them). */
static void
test_is_empty (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) tools = glide_test_open_store (dir, "tools.db");
  g_autoptr(GlideStore) staff = glide_test_open_store (dir, "staff.db");
  g_autoptr(GlideStore) patients = glide_test_open_store (dir, "patients.db");
  g_autofree char *patients_path = g_build_filename (dir, "patients.db", NULL);
  g_autoptr(GlideInstrument) tool = glide_instrument_new ("gt1", "Large concave blade",
                                                          GLIDE_MATERIAL_STAINLESS_STEEL);

  g_assert_true (glide_store_is_empty (tools, &error));
  g_assert_no_error (error);
  g_assert_cmpint (glide_store_create_instrument (tools, tool, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (glide_store_is_empty (tools, &error));
  g_assert_no_error (error);

  g_assert_true (glide_store_is_empty (staff, NULL));
  glide_test_add_therapist (staff, "dw", "Dana Whitfield");
  g_assert_false (glide_store_is_empty (staff, NULL));

  /* The store records a patient only for someone signed in; a patient
   * alone is written behind its back. */
  g_assert_true (glide_store_is_empty (patients, NULL));
  g_assert_cmpint (glide_test_sql_exec (patients_path, "INSERT INTO patients (chart, family_name,"
                                        " sort_key) VALUES ('P-0001', 'Okafor', 'okafor')", NULL),
                   ==, SQLITE_OK);
  g_assert_false (glide_store_is_empty (patients, NULL));

  g_clear_object (&tools);
  g_clear_object (&staff);
  g_clear_object (&patients);
  glide_test_remove_tree (dir);
}

static void
test_therapist_and_tool_round_trip (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) therapist = NULL;
  g_autoptr(GlideTherapist) duplicate = glide_therapist_new ("dw", "Someone Else", "");
  g_autoptr(GlideInstrument) tool = glide_instrument_new ("gt1", "Large concave blade",
                                                          GLIDE_MATERIAL_STAINLESS_STEEL);
  g_autoptr(GlideInstrument) found = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;

  therapist = glide_store_get_therapist (f->store, f->therapist, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (therapist->code, ==, "dw");
  g_assert_cmpstr (therapist->name, ==, "Dana Whitfield");
  g_assert_cmpstr (therapist->credentials, ==, "PT");
  g_assert_true (therapist->active);

  g_assert_cmpint (glide_store_create_therapist (f->store, duplicate, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  therapist->active = FALSE;
  g_free (therapist->name);
  therapist->name = g_strdup ("Dana Whitfield-Jones");
  g_assert_true (glide_store_update_therapist (f->store, therapist, &error));
  active = glide_store_list_therapists (f->store, FALSE, &error);
  all = glide_store_list_therapists (f->store, TRUE, &error);
  g_assert_cmpuint (active->len, ==, 0);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((GlideTherapist *) all->pdata[0])->name, ==, "Dana Whitfield-Jones");

  g_assert_cmpint (glide_store_create_instrument (f->store, tool, &error), >, 0);
  g_assert_no_error (error);
  found = glide_store_find_instrument (f->store, "gt1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, tool->id);
  g_assert_cmpstr (found->name, ==, "Large concave blade");
  g_assert_cmpint (found->material, ==, GLIDE_MATERIAL_STAINLESS_STEEL);
}

static void
test_patient_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_store_get_patient (f->store, f->patient, &error);
  g_autoptr(GlidePatient) again = glide_patient_new ("P-0001", "Other", "Person", NULL);
  g_autoptr(GlidePatient) changed = NULL;
  g_autoptr(GlidePatient) bad = glide_patient_new ("P-0002", "  ", "X", "2026-02-30");

  g_assert_no_error (error);
  g_assert_cmpstr (patient->chart, ==, "P-0001");
  g_assert_cmpstr (patient->family_name, ==, "Müller");
  g_assert_cmpstr (patient->given_name, ==, "José");
  g_assert_cmpstr (patient->birth_date, ==, "1980-04-02");

  g_assert_cmpint (glide_store_create_patient (f->store, again, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (glide_store_create_patient (f->store, bad, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Patient family_name: must not be blank");
  g_clear_error (&error);

  g_free (patient->birth_date);
  patient->birth_date = NULL;
  g_free (patient->family_name);
  patient->family_name = g_strdup ("Müller-Lüdenscheidt");
  g_assert_true (glide_store_update_patient (f->store, patient, &error));
  changed = glide_store_find_patient (f->store, "P-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed->family_name, ==, "Müller-Lüdenscheidt");
  g_assert_null (changed->birth_date);
}

static void
test_screening_and_course_round_trip (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideScreening) s = glide_screening_new (GLIDE_CONDITION_DIABETES, TRUE);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GlideCourse) course = NULL;
  g_autoptr(GlideCourse) second = glide_course_new ("Achilles tendinopathy");
  g_autoptr(GPtrArray) courses = NULL;
  GlideScreening *back;

  s->patient_id = f->patient;
  s->recorded = g_strdup ("2026-09-01");
  s->recorded_by = f->therapist;
  g_free (s->note);
  s->note = g_strdup ("Type 2");
  g_assert_true (glide_store_set_screening (f->store, s, &error));
  g_assert_no_error (error);

  /* Recording the same condition again replaces the record. */
  s->present = FALSE;
  g_assert_true (glide_store_set_screening (f->store, s, &error));
  list = glide_store_list_screening (f->store, f->patient, &error);
  g_assert_cmpuint (list->len, ==, 1);
  back = list->pdata[0];
  g_assert_cmpint (back->condition, ==, GLIDE_CONDITION_DIABETES);
  g_assert_false (back->present);
  g_assert_cmpstr (back->recorded, ==, "2026-09-01");
  g_assert_cmpint (back->recorded_by, ==, f->therapist);
  g_assert_cmpstr (back->note, ==, "Type 2");

  course = glide_store_get_course (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->diagnosis, ==, "Plantar fasciitis");
  g_assert_cmpstr (course->icd10, ==, "M72.2");
  g_assert_cmpstr (course->start_date, ==, "2026-09-01");
  g_assert_null (course->end_date);
  g_assert_true (glide_course_is_active (course));

  second->patient_id = f->patient;
  second->start_date = g_strdup ("2026-01-05");
  second->end_date = g_strdup ("2026-02-20");
  g_assert_cmpint (glide_store_create_course (f->store, second, &error), >, 0);
  courses = glide_store_list_courses (f->store, f->patient, &error);
  g_assert_cmpuint (courses->len, ==, 2);
  g_assert_cmpstr (((GlideCourse *) courses->pdata[0])->diagnosis, ==, "Achilles tendinopathy");

  /* A course cannot end before it starts. */
  g_free (second->end_date);
  second->end_date = g_strdup ("2025-12-31");
  g_assert_false (glide_store_update_course (f->store, second, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "end_date"));
}

static void
test_session_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) written = glide_test_new_session (f->course, f->therapist,
                                                            "2026-09-08T09:30");
  g_autoptr(GlideSession) back = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 id;

  written->contraindication_override = NULL;
  g_free (written->emollient);
  written->emollient = g_strdup ("cocoa butter lotion");
  g_free (written->home_program);
  written->home_program = g_strdup ("Calf stretch 3x30 s daily");
  id = glide_store_save_draft_session (f->store, written, &error);
  g_assert_no_error (error);

  back = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->start, ==, "2026-09-08T09:30");
  g_assert_cmpint (back->therapist_id, ==, f->therapist);
  g_assert_cmpstr (back->emollient, ==, "cocoa butter lotion");
  g_assert_cmpstr (back->note, ==, "Heel pain worst in the morning.");
  g_assert_cmpstr (back->home_program, ==, "Calf stretch 3x30 s daily");
  g_assert_null (back->signed_at);
  g_assert_cmpuint (back->treatments->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GlideTreatment *a = written->treatments->pdata[i];
      GlideTreatment *b = back->treatments->pdata[i];

      g_assert_cmpint (a->site, ==, b->site);
      g_assert_cmpint (a->side, ==, b->side);
      g_assert_cmpint (a->stroke, ==, b->stroke);
      g_assert_cmpint (a->duration_s, ==, b->duration_s);
      g_assert_cmpint (a->edge, ==, b->edge);
      g_assert_cmpint (a->technique, ==, b->technique);
      g_assert_cmpint (a->pressure, ==, b->pressure);
      g_assert_cmpint (a->redness, ==, b->redness);
      g_assert_cmpint (a->petechiae, ==, b->petechiae);
      g_assert_cmpstr (a->note, ==, b->note);
    }
  g_assert_cmpuint (back->measurements->len, ==, 4);
  g_assert_cmpfloat (glide_session_find_measurement (back, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                     GLIDE_TIMING_POST)->value, ==, 4.5);
  g_assert_cmpfloat (glide_session_find_measurement (back, GLIDE_MEASURE_KNEE_EXTENSION,
                                                     GLIDE_SIDE_LEFT, GLIDE_TIMING_PRE)->value,
                     ==, -10);

  /* Saving the draft again replaces its rows. */
  g_ptr_array_remove_index (written->treatments, 1);
  g_assert_cmpint (glide_store_save_draft_session (f->store, written, &error), ==, id);
  g_clear_pointer (&back, glide_session_free);
  back = glide_store_get_session (f->store, id, &error);
  g_assert_cmpuint (back->treatments->len, ==, 1);

  listed = glide_store_list_sessions (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (((GlideSession *) listed->pdata[0])->measurements->len, ==, 4);
}

static void
test_session_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) s = glide_test_new_session (f->course, f->therapist, "2026-09-08T09:30");
  g_autoptr(GlideScreening) contraindication =
    glide_screening_new (GLIDE_CONDITION_UNHEALED_SURGICAL_SITE, TRUE);
  GlideTreatment *calf = s->treatments->pdata[0];
  g_autofree char *rows_before = glide_test_sql_text (f->path, "SELECT count(*) FROM sessions");
  g_autofree char *rows_after = NULL;

  calf->duration_s = 0;
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Session treatments[0].duration_s: 0 is out of range 1-3600");
  g_clear_error (&error);

  /* Over three minutes is unusual, not wrong: saved, and the editor warns. */
  calf->duration_s = 240;
  g_assert_true (glide_rules_duration_is_unusual (calf->duration_s));
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), >, 0);
  g_assert_no_error (error);

  g_ptr_array_add (s->treatments, glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT));
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Session treatments[2].site: calf--left is already "
                                       "treated in this session (treatments[0])");
  g_clear_error (&error);
  g_ptr_array_remove_index (s->treatments, 2);

  g_ptr_array_add (s->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE, 6.3));
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Session measures[4].value: 6.3 is not in steps of 0.5");
  g_clear_error (&error);
  g_ptr_array_remove_index (s->measurements, 4);

  /* A contraindication on file blocks saving until a reason is given. */
  contraindication->patient_id = f->patient;
  contraindication->recorded = g_strdup ("2026-09-01");
  g_assert_true (glide_store_set_screening (f->store, contraindication, &error));
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Session contraindication_override: a reason is required "
                                       "because the patient has a contraindication on file "
                                       "(unhealed-surgical-site)");
  g_clear_error (&error);
  s->contraindication_override = g_strdup ("The scar is on the right knee; treating the left "
                                           "calf only.");
  g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), >, 0);
  g_assert_no_error (error);

  rows_after = glide_test_sql_text (f->path, "SELECT count(*) FROM sessions");
  g_assert_cmpstr (rows_before, ==, "0\n");
  g_assert_cmpstr (rows_after, ==, "1\n");
}

static void
test_sign_and_addenda (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GlideAddendum) early = glide_addendum_new (f->therapist, "2026-09-08T09:00", "x");
  g_autoptr(GlideAddendum) addendum = glide_addendum_new (f->therapist, "2026-09-09T08:00",
                                                          "Patient called: soreness settled.");
  gint64 id = save_session (f, "2026-09-08T09:30");
  g_autoptr(GlideAddendum) on_draft = glide_addendum_new (f->therapist, NULL, "Too early");

  g_assert_cmpint (glide_store_add_addendum (f->store, id, on_draft, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (glide_store_sign_session (f->store, id, f->therapist, "2026-09-08T09:00", &error));
  g_assert_cmpstr (error->message, ==, "Session signed.at: 2026-09-08T09:00 is before the session "
                                       "started (2026-09-08T09:30)");
  g_clear_error (&error);

  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, "2026-09-08T10:05", &error));
  g_assert_no_error (error);
  session = glide_store_get_session (f->store, id, &error);
  g_assert_cmpint (session->signed_by, ==, f->therapist);
  g_assert_cmpstr (session->signed_at, ==, "2026-09-08T10:05");

  g_assert_false (glide_store_sign_session (f->store, id, f->therapist, NULL, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  g_assert_cmpint (glide_store_add_addendum (f->store, id, early, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "before the session was signed"));
  g_clear_error (&error);
  g_assert_cmpint (glide_store_add_addendum (f->store, id, addendum, &error), >, 0);
  g_assert_no_error (error);

  g_clear_pointer (&session, glide_session_free);
  session = glide_store_get_session (f->store, id, &error);
  g_assert_cmpuint (session->addenda->len, ==, 1);
  g_assert_cmpstr (((GlideAddendum *) session->addenda->pdata[0])->text, ==,
                   "Patient called: soreness settled.");
  g_assert_cmpstr (((GlideAddendum *) session->addenda->pdata[0])->at, ==, "2026-09-09T08:00");
}

/* A refusal the database makes itself reads the same on both back-ends:
 * the code, and the constraint in SQLite's words. */
static void
test_constraint_refusal_words (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, 999, "2026-09-08T09:30");
  g_autofree char *before = glide_test_sql_text (f->path, "SELECT count(*) FROM sessions");
  g_autofree char *after = NULL;

  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "The database refused the change (FOREIGN KEY constraint failed).");
  after = glide_test_sql_text (f->path, "SELECT count(*) FROM sessions");
  g_assert_cmpstr (before, ==, after);
}

/* The editor and the store refuse to change a signed session, naming it. */
static void
test_signed_session_refused_by_store (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_session (f, "2026-09-08T09:30");
  g_autoptr(GlideSession) session = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *dump = "SELECT s.note, t.site, t.duration_s, m.measure, m.value FROM sessions s"
                     " JOIN treatments t ON t.session_id = s.id"
                     " JOIN measures m ON m.session_id = s.id ORDER BY t.id, m.id";

  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, "2026-09-08T10:00", &error));
  before = glide_test_sql_text (f->path, dump);

  session = glide_store_get_session (f->store, id, &error);
  g_free (session->signed_at);
  session->signed_at = NULL;
  session->signed_by = 0;
  ((GlideTreatment *) session->treatments->pdata[0])->duration_s = 300;
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "session"));
  g_assert_nonnull (strstr (error->message, "P-0001 (2026-09-08T09:30)"));
  g_assert_nonnull (strstr (error->message, "signed by Dana Whitfield"));
  g_clear_error (&error);

  g_assert_false (glide_store_delete_draft_session (f->store, id, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);

  after = glide_test_sql_text (f->path, dump);
  g_assert_cmpstr (before, ==, after);
}

/* Behind the store's back the database itself refuses, and nothing changes. */
static void
test_signed_session_refused_by_triggers (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_session (f, "2026-09-08T09:30");
  gint64 draft = save_session (f, "2026-09-10T09:30");
  g_autofree char *sessions_before = NULL;
  g_autofree char *treatments_before = NULL;
  g_autofree char *measures_before = NULL;
  g_autofree char *addenda_before = NULL;
  g_autoptr(GlideAddendum) addendum = glide_addendum_new (f->therapist, "2026-09-09T08:00",
                                                          "Called back.");
  const char *attacks[] = {
    "UPDATE sessions SET note = 'rewritten' WHERE id = @ID@",
    "UPDATE sessions SET signed_at = NULL, signed_by = NULL WHERE id = @ID@",
    "DELETE FROM sessions WHERE id = @ID@",
    "UPDATE treatments SET duration_s = 999 WHERE session_id = @ID@",
    "DELETE FROM treatments WHERE session_id = @ID@",
    "INSERT INTO treatments (session_id, position, site, side, stroke, duration_s, edge, redness,"
    " petechiae) VALUES (@ID@, 9, 'achilles', 'left', 'sustained', 60, 'convex',"
    " 'none', 0)",
    "UPDATE measures SET value = 2 WHERE session_id = @ID@",
    "DELETE FROM measures WHERE session_id = @ID@",
    "INSERT INTO measures (session_id, measure, timing, value) VALUES (@ID@, 'lefs', 'pre', 40)",
    "UPDATE addenda SET text = 'changed' WHERE session_id = @ID@",
    "DELETE FROM addenda WHERE session_id = @ID@",
  };

  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, "2026-09-08T10:00", &error));
  g_assert_cmpint (glide_store_add_addendum (f->store, id, addendum, &error), >, 0);

  sessions_before = glide_test_sql_text (f->path, "SELECT * FROM sessions ORDER BY id");
  treatments_before = glide_test_sql_text (f->path, "SELECT * FROM treatments ORDER BY id");
  measures_before = glide_test_sql_text (f->path, "SELECT * FROM measures ORDER BY id");
  addenda_before = glide_test_sql_text (f->path, "SELECT * FROM addenda ORDER BY id");

  for (guint i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *sql = with_id (attacks[i], id);
      g_autofree char *message = NULL;
      int rc = glide_test_sql_exec (f->path, sql, &message);

      g_test_message ("%s -> %s", sql, message);
      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
      g_assert_true (g_str_has_prefix (message, "glide: "));
    }

  {
    g_autofree char *sessions_after = glide_test_sql_text (f->path, "SELECT * FROM sessions ORDER BY id");
    g_autofree char *treatments_after = glide_test_sql_text (f->path, "SELECT * FROM treatments ORDER BY id");
    g_autofree char *measures_after = glide_test_sql_text (f->path, "SELECT * FROM measures ORDER BY id");
    g_autofree char *addenda_after = glide_test_sql_text (f->path, "SELECT * FROM addenda ORDER BY id");

    g_assert_cmpstr (sessions_before, ==, sessions_after);
    g_assert_cmpstr (treatments_before, ==, treatments_after);
    g_assert_cmpstr (measures_before, ==, measures_after);
    g_assert_cmpstr (addenda_before, ==, addenda_after);
  }

  /* A draft can still be edited behind the store, and takes no addenda. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE sessions SET note = 'fine' WHERE id = %"
                                            G_GINT64_FORMAT, draft);
    g_autofree char *addendum_sql = g_strdup_printf ("INSERT INTO addenda (session_id, therapist_id,"
                                                     " at, text) VALUES (%" G_GINT64_FORMAT ", %"
                                                     G_GINT64_FORMAT ", '2026-09-11T08:00', 'x')",
                                                     draft, f->therapist);

    g_assert_cmpint (glide_test_sql_exec (f->path, sql, NULL), ==, SQLITE_OK);
    g_assert_cmpint (glide_test_sql_exec (f->path, addendum_sql, NULL), ==, SQLITE_CONSTRAINT);
  }
}

/* The rows of several queries, one after the other. */
static char *
sql_texts (const char        *path,
           const char *const *queries,
           guint              n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *rows = glide_test_sql_text (path, queries[i]);

      g_string_append_printf (text, "%s--\n", rows);
    }
  return g_string_free (text, FALSE);
}

/* A bad value written behind the store's back is refused by the database
 * itself: by a constraint, or on PostgreSQL by the column's type ('seven'
 * is no number there). */
static void
assert_value_refused (const char *path,
                      const char *sql,
                      const char *what)
{
  g_autofree char *message = NULL;
  int rc = glide_test_sql_exec (path, sql, &message);

  g_test_message ("%s -> %s", what, message);
  if (!glide_test_backend_is_sqlite () && rc == SQLITE_MISMATCH)
    return;
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
}

/* Every CHECK refuses its bad value and leaves the table as it was. */
static void
test_check_constraints (Fixture       *f,
                        gconstpointer  data)
{
  gint64 draft = save_session (f, "2026-09-08T09:30");
  g_autofree char *tables_before = NULL;
  const char *insert_treatment = "INSERT INTO treatments (session_id, position, site, side,"
                                 " stroke, duration_s, edge, redness, petechiae) VALUES (@ID@, 7, ";
  const char *treatment_values[] = {
    "'calves', 'left', 'sustained', 60, 'concave', 'none', 0",       /* unknown site */
    "'calf', 'midline', 'sustained', 60, 'concave', 'none', 0",      /* calf needs a side */
    "'thoracolumbar-fascia', 'left', 'sustained', 60, 'concave', 'none', 0",
    "'achilles', 'left', 'circular', 60, 'concave', 'none', 0",      /* stroke */
    "'achilles', 'left', 'sustained', 0, 'concave', 'none', 0",      /* duration too short */
    "'achilles', 'left', 'sustained', 3601, 'concave', 'none', 0",   /* too long */
    "'achilles', 'left', 'sustained', 45.5, 'concave', 'none', 0",   /* not whole */
    "'achilles', 'left', 'sustained', 60, 'round', 'none', 0",       /* edge */
    "'achilles', 'left', 'sustained', 60, 'concave', 'pink', 0",     /* redness */
    "'achilles', 'left', 'sustained', 60, 'concave', 'none', 2",     /* petechiae */
  };
  const char *insert_measure = "INSERT INTO measures (session_id, measure, side, timing, value)"
                               " VALUES (@ID@, ";
  const char *measure_values[] = {
    "'pain', NULL, 'pre', 11",                  /* pain above 10 */
    "'pain', NULL, 'pre', 6.3",                 /* pain not in 0.5 steps */
    "'pain', 'left', 'pre', 6",                 /* pain has no side */
    "'knee-flexion', NULL, 'pre', 120",         /* ROM needs a side */
    "'knee-flexion', 'midline', 'pre', 120",
    "'knee-flexion', 'left', 'pre', 201",       /* out of -60..200 */
    "'knee-extension', 'left', 'pre', -61",
    "'cervical-flexion', 'left', 'pre', 40",    /* midline measure */
    "'lefs', NULL, 'pre', 81",                  /* LEFS 0-80 */
    "'quickdash', NULL, 'during', 40",          /* timing */
    "'grip-strength', NULL, 'pre', 40",         /* unknown measure */
    "'pain', NULL, 'pre', 'seven'",             /* not a number */
  };
  const char *other[] = {
    "INSERT INTO patients (chart, family_name, given_name, birth_date, sort_key)"
    " VALUES ('X-1', 'A', 'B', '2026-02-30', 'a')",
    "INSERT INTO patients (chart, family_name, given_name, sort_key) VALUES ('X-2', '   ', 'B', 'a')",
    "INSERT INTO patients (chart, family_name, given_name, sort_key) VALUES ('P-0001', 'A', 'B', 'a')",
    "INSERT INTO screening (patient_id, condition, present) VALUES (1, 'hiccups', 1)",
    "INSERT INTO courses (patient_id, start_date, end_date) VALUES (1, '2026-09-01', '2026-08-01')",
    "INSERT INTO courses (patient_id, icd10) VALUES (1, 'plantar')",
    "INSERT INTO courses (patient_id) VALUES (999)",
    "INSERT INTO sessions (course_id, start, therapist_id) VALUES (1, '2026-09-01 09:30', 1)",
    "INSERT INTO sessions (course_id, start, therapist_id) VALUES (1, '2026-13-01T09:30', 1)",
    "INSERT INTO sessions (course_id, start, therapist_id, signed_by) VALUES (1, '2026-09-01T09:30', 1, 1)",
    "INSERT INTO sessions (course_id, start, therapist_id, contraindication_override)"
    " VALUES (1, '2026-09-01T09:30', 1, '  ')",
    "INSERT INTO instruments (code, name, material) VALUES ('x', 'Blade', 'titanium')",
    "UPDATE clinic SET paper = 'legal'",
    "INSERT INTO clinic (id) VALUES (2)",
    "INSERT INTO audit_log (at, actor, action, entity, prev_hash, hash) VALUES ('x', 'y', 'erase', 'z', '', '')",
  };
  const char *snapshot[] = {
    "SELECT id, site, duration_s FROM treatments ORDER BY id",
    "SELECT id, measure, value FROM measures ORDER BY id",
    "SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM courses),"
    " (SELECT count(*) FROM sessions), (SELECT count(*) FROM screening),"
    " (SELECT count(*) FROM instruments), (SELECT paper FROM clinic),"
    " (SELECT count(*) FROM audit_log)",
  };

  tables_before = sql_texts (f->path, snapshot, G_N_ELEMENTS (snapshot));

  for (guint i = 0; i < G_N_ELEMENTS (treatment_values); i++)
    {
      g_autofree char *start = with_id (insert_treatment, draft);
      g_autofree char *sql = g_strconcat (start, treatment_values[i], ")", NULL);

      /* PostgreSQL's integer column stores 45.5 as 46: whole seconds either way. */
      if (!glide_test_backend_is_sqlite () && strstr (sql, ", 45.5,") != NULL)
        continue;
      assert_value_refused (f->path, sql, treatment_values[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (measure_values); i++)
    {
      g_autofree char *start = with_id (insert_measure, draft);
      g_autofree char *sql = g_strconcat (start, measure_values[i], ")", NULL);

      assert_value_refused (f->path, sql, measure_values[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    assert_value_refused (f->path, other[i], other[i]);

  {
    g_autofree char *tables_after = sql_texts (f->path, snapshot, G_N_ELEMENTS (snapshot));

    g_assert_cmpstr (tables_before, ==, tables_after);
  }

  /* Every code of the code lists is accepted: the CHECKs and the tables agree. */
  g_assert_cmpint (glide_test_sql_exec (f->path, "INSERT INTO sessions (course_id, start,"
                                        " therapist_id) VALUES (1, '2026-09-09T10:00', 1)",
                                        NULL), ==, SQLITE_OK);
  {
    g_autofree char *last = glide_test_sql_text (f->path, "SELECT max(id) FROM sessions");

    draft = g_ascii_strtoll (last, NULL, 10);
  }
  for (guint site = 0; site < GLIDE_N_SITES; site++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO treatments (session_id, position, site,"
                                              " side, stroke, duration_s, edge, redness, petechiae)"
                                              " VALUES (%" G_GINT64_FORMAT ", %u, '%s', '%s',"
                                              " 'sustained', 60, 'concave', 'none', 0)",
                                              draft, 100 + site,
                                              glide_code_list_code (GLIDE_CODE_LIST_SITE, site),
                                              glide_site_is_lateral (site) ? "right" : "midline");

      g_assert_cmpint (glide_test_sql_exec (f->path, sql, NULL), ==, SQLITE_OK);
    }
  for (guint m = 0; m < GLIDE_N_MEASURES; m++)
    {
      GlideLaterality lat = glide_measure_get_laterality (m);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO measures (session_id, measure, side,"
                                              " timing, value) VALUES (%" G_GINT64_FORMAT ", '%s',"
                                              " %s, 'post', 5)", draft,
                                              glide_code_list_code (GLIDE_CODE_LIST_MEASURE, m),
                                              lat == GLIDE_LATERALITY_NONE ? "NULL" :
                                              lat == GLIDE_LATERALITY_MIDLINE ? "'midline'" : "'right'");

      g_assert_cmpint (glide_test_sql_exec (f->path, sql, NULL), ==, SQLITE_OK);
    }
}

/* ---- audit log --------------------------------------------------------------- */

static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) check = NULL;
  gint64 id = save_session (f, "2026-09-08T09:30");
  g_autoptr(GlideAddendum) addendum = glide_addendum_new (f->therapist, NULL, "Follow-up call.");
  GString *actions = g_string_new (NULL);
  g_autofree char *joined = NULL;
  g_autofree char *expected = NULL;
  /* On a clinic server the actor is whoever is logged in. */
  const char *who = glide_store_get_login (f->store) ? glide_store_get_login (f->store) : "dw";

  g_assert_true (glide_store_sign_session (f->store, id, f->therapist, NULL, &error));
  g_assert_cmpint (glide_store_add_addendum (f->store, id, addendum, &error), >, 0);
  g_assert_true (glide_store_audit (f->store, GLIDE_AUDIT_EXPORT, "P-0001", "patient",
                                    "JSON to test.json", &error));

  entries = glide_store_list_audit (f->store, "P-0001", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      GlideAuditEntry *e = entries->pdata[i];

      g_string_append_printf (actions, "%s %s %s;", e->actor, e->action, e->entity);
      g_assert_cmpstr (e->chart, ==, "P-0001");
    }
  joined = g_string_free (actions, FALSE);
  expected = g_strdup_printf ("%s create patient;%s create course 1;%s create session 1;"
                              "%s sign session 1;%s addendum session 1;%s export patient;",
                              who, who, who, who, who, who);
  g_assert_cmpstr (joined, ==, expected);

  check = glide_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < check->len; i++)
    g_assert_true (((GlideCheckItem *) check->pdata[i])->ok);
}

static GlideCheckItem *
check_item (GPtrArray  *items,
            const char *name)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((GlideCheckItem *) items->pdata[i])->name, name))
      return items->pdata[i];
  g_assert_not_reached ();
}

static void
test_audit_is_append_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *before = glide_test_sql_text (f->path, "SELECT * FROM audit_log ORDER BY id");
  g_autofree char *after = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (glide_test_sql_exec (f->path, "UPDATE audit_log SET actor = 'x' WHERE id = 2",
                                        &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "glide: the audit log is append-only");
  g_assert_cmpint (glide_test_sql_exec (f->path, "DELETE FROM audit_log WHERE id = 2", NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (glide_test_sql_exec (f->path, "DELETE FROM audit_log", NULL),
                   ==, SQLITE_CONSTRAINT);
  after = glide_test_sql_text (f->path, "SELECT * FROM audit_log ORDER BY id");
  g_assert_cmpstr (before, ==, after);
}

/* Someone with the sqlite3 shell drops the guard and rewrites history: the
 * hash chain names the entry even when the guard is put back. */
static void
test_audit_tampering_detected (Fixture       *f,
                               gconstpointer  data)
{
  typedef struct
  {
    const char *sql;
    const char *item;
    const char *message;
  } Attack;
  const Attack sqlite_attacks[] = {
    { "DROP TRIGGER audit_log_no_update;"
      "UPDATE audit_log SET details = 'nothing to see' WHERE id = 3;"
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
      "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;",
      "Audit log", "audit entry 3 (" },
    { "PRAGMA foreign_keys = OFF;"
      "DROP TRIGGER audit_log_no_delete;"
      "DELETE FROM audit_log WHERE id = 2;"
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
      "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;",
      "Audit log", "audit entry 2 is missing" },
    { "PRAGMA foreign_keys = OFF;"
      "DROP TRIGGER audit_log_no_delete;"
      "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);"
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
      "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;",
      "Audit log", "entries at the end were deleted" },
    { "DROP TRIGGER treatments_signed_no_update;",
      "Schema and triggers", "trigger treatments_signed_no_update is missing" },
  }, server_attacks[] = {
    /* The database's owner, with psql: a disabled trigger is found too. */
    { "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;"
      "UPDATE audit_log SET details = 'nothing to see' WHERE id = 3;"
      "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;",
      "Audit log", "audit entry 3 (" },
    { "ALTER TABLE audit_log DISABLE TRIGGER USER;"
      "ALTER TABLE audit_content DISABLE TRIGGER USER;"
      "DELETE FROM audit_content WHERE audit_id = 2;"
      "DELETE FROM audit_log WHERE id = 2;"
      "ALTER TABLE audit_log ENABLE TRIGGER USER;"
      "ALTER TABLE audit_content ENABLE TRIGGER USER;",
      "Audit log", "audit entry 2 is missing" },
    { "ALTER TABLE audit_log DISABLE TRIGGER USER;"
      "ALTER TABLE audit_content DISABLE TRIGGER USER;"
      "DELETE FROM audit_content WHERE audit_id = (SELECT max(id) FROM audit_log);"
      "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);"
      "ALTER TABLE audit_log ENABLE TRIGGER USER;"
      "ALTER TABLE audit_content ENABLE TRIGGER USER;",
      "Audit log", "entries at the end were deleted" },
    { "DROP TRIGGER treatments_signed_no_update ON treatments;",
      "Schema and triggers", "trigger treatments_signed_no_update is missing" },
    { "ALTER TABLE treatments DISABLE TRIGGER treatments_signed_no_update;",
      "Schema and triggers", "trigger treatments_signed_no_update is disabled" },
  };

  gboolean sqlite = glide_test_backend_is_sqlite ();
  const Attack *attacks = sqlite ? sqlite_attacks : server_attacks;
  guint n_attacks = sqlite ? G_N_ELEMENTS (sqlite_attacks) : G_N_ELEMENTS (server_attacks);

  for (guint i = 0; i < n_attacks; i++)
    {
      g_autofree char *dir = glide_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "glide.db", NULL);
      g_autoptr(GlideStore) store = glide_test_open_store (dir, "glide.db");
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) parts = NULL;
      GlideCheckItem *item;

      glide_test_add_therapist (store, "dw", "Dana Whitfield");
      glide_test_add_patient (store, "P-0001", "Müller", "José");
      glide_test_add_patient (store, "P-0002", "Smith", "Ann");
      g_clear_object (&store);

      /* On the server one statement at a time: a trigger cannot be enabled
       * again in the transaction that has its deferred checks pending. The
       * sqlite3 shell runs the whole script (a trigger's body holds ';'). */
      parts = sqlite ? g_strdupv ((char *[]) { (char *) attacks[i].sql, NULL })
                     : g_strsplit (attacks[i].sql, ";", 0);
      for (guint p = 0; parts[p] != NULL; p++)
        {
          g_autofree char *message = NULL;
          int rc;

          if (*parts[p] == '\0')
            continue;
          rc = glide_test_sql_exec (path, parts[p], &message);
          if (rc != SQLITE_OK)
            g_error ("%s: %s", parts[p], message);
        }

      store = glide_test_open_store (dir, "glide.db");
      items = glide_store_check (store, &error);
      g_assert_no_error (error);
      item = check_item (items, attacks[i].item);
      g_test_message ("%s: %s", item->name, item->message);
      g_assert_false (item->ok);
      g_assert_nonnull (strstr (item->message, attacks[i].message));

      g_clear_object (&store);
      glide_test_remove_tree (dir);
    }
}

/* ---- search and trends ----------------------------------------------------- */

static char *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = glide_store_search_patients (f->store, query, 50, &error);
  GString *charts = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (charts, "%s%s", i ? " " : "",
                            ((GlidePatientSummary *) hits->pdata[i])->patient->chart);
  return g_string_free (charts, FALSE);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  const struct
  {
    const char *query;
    const char *charts;
  } cases[] = {
    { "muller", "P-0001" },
    { "MÜL", "P-0001" },
    { "Mull", "P-0001" },
    { "jose", "P-0001" },
    { "müller josé", "P-0001" },
    { "jo mu", "P-0001" },
    { "p-000", "P-0005 P-0001 P-0002 P-0004 P-0003" },  /* by family name */
    { "P-0003", "P-0003" },
    { "papad", "P-0002" },
    { "παπαδ", "P-0002" },
    { "Παπαδοπουλος", "P-0002" },
    { "王", "P-0003" },
    { "الحس", "P-0004" },
    { "garcia", "P-0005" },
    { "lopez", "P-0005" },
    { "ines garcia-lo", "P-0005" },
    { "xyz", "" },
    { "muller lopez", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, f->therapist,
                                                            "2026-09-08T09:30");
  GlidePatientSummary *first;

  glide_test_add_patient (f->store, "P-0002", "Papadopoulos", "Παπαδόπουλος");
  glide_test_add_patient (f->store, "P-0003", "王", "芳");
  glide_test_add_patient (f->store, "P-0004", "الحسيني", "ليلى");
  glide_test_add_patient (f->store, "P-0005", "García-López", "Inés");
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search (f, cases[i].query);

      g_test_message ("\"%s\" -> %s", cases[i].query, found);
      g_assert_cmpstr (found, ==, cases[i].charts);
    }

  /* Sorted by family name; each row carries the last visit and open course. */
  all = glide_store_search_patients (f->store, "", 3, &error);
  g_assert_cmpuint (all->len, ==, 3);
  first = all->pdata[0];
  g_assert_cmpstr (first->patient->chart, ==, "P-0005");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = glide_store_search_patients (f->store, "muller", 10, &error);
  first = all->pdata[0];
  g_assert_cmpstr (first->last_visit, ==, "2026-09-08T09:30");
  g_assert_cmpstr (first->active_course, ==, "Plantar fasciitis");
}

/* The patient list's row of @chart: "last visit | open course", "-" for none. */
static char *
list_row (Fixture    *f,
          const char *chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = glide_store_search_patients (f->store, chart, 1, &error);
  GlidePatientSummary *row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->patient->chart, ==, chart);
  return g_strdup_printf ("%s | %s", row->last_visit ? row->last_visit : "-",
                          row->active_course ? row->active_course : "-");
}

#define assert_list_row(f, chart, expected) \
  G_STMT_START { \
    g_autofree char *row_ = list_row (f, chart); \
    g_assert_cmpstr (row_, ==, expected); \
  } G_STMT_END

static gint64
add_course (Fixture    *f,
            const char *diagnosis,
            const char *start_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideCourse) course = glide_course_new (diagnosis);
  gint64 id;

  course->patient_id = f->patient;
  course->start_date = g_strdup (start_date);
  id = glide_store_create_course (f->store, course, &error);
  g_assert_no_error (error);
  return id;
}

static void
change_course (Fixture    *f,
               gint64      id,
               const char *diagnosis,
               const char *end_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideCourse) course = glide_store_get_course (f->store, id, &error);

  g_assert_no_error (error);
  g_free (course->diagnosis);
  course->diagnosis = g_strdup (diagnosis);
  g_free (course->end_date);
  course->end_date = g_strdup (end_date);
  g_assert_true (glide_store_update_course (f->store, course, &error));
  g_assert_no_error (error);
}

/* Schema 8: the last visit and open course beside each name come from
 * summaries the database keeps; each change to sessions and courses shows,
 * and glide --check finds them equal to what the records say. */
static void
test_patient_list_summaries (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) later = NULL;
  gint64 latest, second;

  glide_test_add_patient (f->store, "P-0002", "Okafor", "Ngozi");
  assert_list_row (f, "P-0002", "- | -");
  assert_list_row (f, "P-0001", "- | Plantar fasciitis");

  /* A visit moves the last visit forward only. */
  save_session (f, "2026-09-08T09:30");
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Plantar fasciitis");
  save_session (f, "2026-09-03T09:30");
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Plantar fasciitis");
  latest = save_session (f, "2026-09-15T09:30");
  assert_list_row (f, "P-0001", "2026-09-15T09:30 | Plantar fasciitis");

  /* A draft moved earlier, then deleted. */
  later = glide_store_get_session (f->store, latest, &error);
  g_assert_no_error (error);
  g_free (later->start);
  later->start = g_strdup ("2026-09-10T09:30");
  g_assert_cmpint (glide_store_save_draft_session (f->store, later, &error), ==, latest);
  g_assert_no_error (error);
  assert_list_row (f, "P-0001", "2026-09-10T09:30 | Plantar fasciitis");
  g_assert_true (glide_store_delete_draft_session (f->store, latest, &error));
  g_assert_no_error (error);
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Plantar fasciitis");
  glide_test_assert_check_passes (f->store);

  /* The course ends; a new one opens; one without a start date sorts
   * after it; the open course renamed; the new course's first visit. */
  change_course (f, f->course, "Plantar fasciitis", "2026-09-30");
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | -");
  second = add_course (f, "Lateral epicondylalgia", "2026-10-05");
  add_course (f, "Undated referral", NULL);
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Lateral epicondylalgia");
  change_course (f, second, "Lateral epicondylalgia, right", NULL);
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Lateral epicondylalgia, right");
  f->course = second;
  save_session (f, "2026-10-05T14:00");
  assert_list_row (f, "P-0001", "2026-10-05T14:00 | Lateral epicondylalgia, right");
  change_course (f, second, "Lateral epicondylalgia, right", "2026-10-20");
  assert_list_row (f, "P-0001", "2026-10-05T14:00 | Undated referral");
  assert_list_row (f, "P-0002", "- | -");
  glide_test_assert_check_passes (f->store);
}

/* A row of the summaries changed by hand: --check says which patient, and
 * that the records are not affected. */
static void
test_patient_list_check (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GlideCheckItem *item = NULL;

  save_session (f, "2026-09-08T09:30");
  glide_test_assert_check_passes (f->store);
  g_assert_true (glide_store_exec (f->store, "UPDATE patient_summaries SET last_visit ="
                                   " '2020-01-01T00:00'", &error));
  g_assert_no_error (error);
  items = glide_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *it = items->pdata[i];

      if (g_str_equal (it->name, "Patient list"))
        item = it;
      else
        g_assert_true (it->ok);
    }
  g_assert_nonnull (item);
  g_assert_false (item->ok);
  g_assert_nonnull (strstr (item->message, "for 1 patient (P-0001)"));
  g_assert_nonnull (strstr (item->message, "the records themselves are not affected"));
}

/* A clinic of schema 7 gets every patient's summary on its first open. */
static void
test_patient_list_migration (Fixture       *f,
                             gconstpointer  data)
{
  /* The clinic server's step is tested in test-store-pg-schema. */
  if (glide_test_skip_unless_sqlite ("the file edited back to schema 7"))
    return;
  save_session (f, "2026-09-08T09:30");
  glide_test_add_patient (f->store, "P-0002", "Okafor", "Ngozi");
  g_clear_object (&f->store);
  g_assert_cmpint (glide_test_sql_exec (f->path, "BEGIN;"
                                        "DROP TRIGGER patients_summary_insert;"
                                        "DROP TRIGGER courses_summary_insert;"
                                        "DROP TRIGGER courses_summary_move;"
                                        "DROP TRIGGER courses_summary_update;"
                                        "DROP TRIGGER courses_summary_delete;"
                                        "DROP TRIGGER sessions_summary_insert;"
                                        "DROP TRIGGER sessions_summary_update;"
                                        "DROP TRIGGER sessions_summary_delete;"
                                        "DROP TABLE patient_summaries;"
                                        "DROP INDEX patients_list;"
                                        "CREATE INDEX patients_sort ON patients (sort_key);"
                                        "PRAGMA user_version = 7;"
                                        "COMMIT;", NULL), ==, 0);
  f->store = glide_test_open_store (f->dir, "glide.db");
  g_assert_cmpint (pragma_int (f->store, "PRAGMA user_version"), ==, 8);
  assert_list_row (f, "P-0001", "2026-09-08T09:30 | Plantar fasciitis");
  assert_list_row (f, "P-0002", "- | -");
  glide_test_assert_check_passes (f->store);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* What the search must return, worked out here patient by patient: the
 * first @limit patients in name order of whom every one of the first four
 * typed words begins a word of the names or the chart. */
static char *
expected_search (GPtrArray  *patients,
                 const char *query,
                 guint       limit)
{
  g_auto(GStrv) typed = glide_text_fold_words (query);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GString *charts = g_string_new (NULL);

  for (guint i = 0; i < patients->len; i++)
    {
      GlidePatient *p = patients->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s %s %s", p->family_name, p->given_name, p->chart);
      g_auto(GStrv) words = glide_text_fold_words (name);
      g_autofree char *chart = glide_text_fold (p->chart);
      gboolean all = TRUE;

      for (guint t = 0; typed[t] != NULL && t < 4 && all; t++)
        {
          gboolean found = g_str_has_prefix (chart, typed[t]);

          for (guint w = 0; words[w] != NULL && !found; w++)
            found = g_str_has_prefix (words[w], typed[t]);
          all = found;
        }
      if (all)
        {
          g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s", p->family_name,
                                                  p->given_name, p->chart);
          g_autofree char *folded = glide_text_fold (key);

          g_ptr_array_add (keys, g_strconcat (folded, "\x1e", p->chart, NULL));
        }
    }
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len && (limit == 0 || i < limit); i++)
    g_string_append_printf (charts, "%s%s", i ? " " : "",
                            strrchr (keys->pdata[i], '\x1e') + 1);
  return g_string_free (charts, FALSE);
}

/* Every shape of search, those led by their rarest word and those that walk
 * the patients in name order (a word in every chart, "c"), gives the first
 * matches in name order, the same as a search worked out by hand. */
static void
test_search_shapes (Fixture       *f,
                    gconstpointer  data)
{
  static const char *const family[] = {
    "Müller", "Martínez", "Jensen", "Moreau", "Cano", "Zúñiga", "Cohen", "O'Connor",
  };
  static const char *const given[] = { "José", "Mia", "Jack", "Chloe", "Zoë", "Inés" };
  static const char *const queries[] = {
    "", "c", "C-0", "C-01", "C-012", "c-0123", "0", "012", "0123", "m", "mü", "muller",
    "m j", "j m c 0", "c m", "co", "c z", "zu zo", "C-zz", "zzzq", "c1", "a b c d e",
  };
  static const guint limits[] = { 0, 1, 7, 50 };
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_patient_free);
  g_autoptr(GError) error = NULL;
  gboolean led = FALSE, walked = FALSE;
  GHashTableIter iter;
  const char *sql;

  /* The fixture's patient, then 400 more; chart letters and names repeat. */
  g_ptr_array_add (patients, glide_store_get_patient (f->store, f->patient, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *chart = g_strdup_printf ("C-%04u", i * 7 % 1000);
      gint64 id = glide_test_add_patient (f->store, chart, family[i % G_N_ELEMENTS (family)],
                                          given[i * 5 % G_N_ELEMENTS (given)]);

      g_ptr_array_add (patients, glide_store_get_patient (f->store, id, &error));
      g_assert_no_error (error);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
      {
        g_autoptr(GPtrArray) hits = glide_store_search_patients (f->store, queries[q], limits[l],
                                                                 &error);
        g_autofree char *want = expected_search (patients, queries[q], limits[l]);
        GString *found = g_string_new (NULL);

        g_assert_no_error (error);
        for (guint i = 0; i < hits->len; i++)
          g_string_append_printf (found, "%s%s", i ? " " : "",
                                  ((GlidePatientSummary *) hits->pdata[i])->patient->chart);
        if (limits[l] == 7)
          g_test_message ("\"%s\" (7) -> %s", queries[q], found->str);
        g_assert_cmpstr (found->str, ==, want);
        g_string_free (found, TRUE);
      }

  /* Both ways were taken. */
  g_hash_table_iter_init (&iter, f->store->statements);
  while (g_hash_table_iter_next (&iter, (gpointer *) &sql, NULL))
    {
      led = led || (strstr (sql, "CROSS JOIN patients q") != NULL);
      walked = walked || (strstr (sql, "FROM patients q WHERE EXISTS") != NULL);
    }
  g_assert_true (led);
  g_assert_true (walked);
}

static void
test_course_series (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  double pains[] = { 7, 6, 4.5 };
  const char *starts[] = { "2026-09-01T09:00", "2026-09-04T09:00", "2026-09-08T09:00" };
  GlideSeries *pain;
  GlideSeries *ankle;

  for (guint i = 0; i < G_N_ELEMENTS (pains); i++)
    {
      g_autoptr(GlideSession) s = glide_test_new_session (f->course, f->therapist, starts[i]);

      ((GlideMeasurement *) s->measurements->pdata[0])->value = pains[i];
      if (i == 1)
        g_ptr_array_remove_index (s->measurements, 2); /* no ankle measure that day */
      g_assert_cmpint (glide_store_save_draft_session (f->store, s, &error), >, 0);
    }

  series = glide_store_get_course_series (f->store, f->course, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 3);
  pain = series->pdata[0];
  g_assert_cmpint (pain->measure, ==, GLIDE_MEASURE_PAIN);
  g_assert_cmpuint (pain->points->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GlideSeriesPoint *p = &g_array_index (pain->points, GlideSeriesPoint, i);

      g_assert_cmpfloat (p->pre, ==, pains[i]);
      g_assert_cmpfloat (p->post, ==, 4.5);
      g_assert_cmpint (p->therapist_id, ==, f->therapist);
    }
  g_assert_cmpstr (g_array_index (pain->points, GlideSeriesPoint, 2).date, ==, "2026-09-08");

  /* Series come in measure order: pain, knee extension, ankle dorsiflexion. */
  g_assert_cmpint (((GlideSeries *) series->pdata[1])->measure, ==, GLIDE_MEASURE_KNEE_EXTENSION);
  ankle = series->pdata[2];
  g_assert_cmpint (ankle->measure, ==, GLIDE_MEASURE_ANKLE_DORSIFLEXION);
  g_assert_cmpuint (ankle->points->len, ==, 2);
  g_assert_true (isnan (g_array_index (ankle->points, GlideSeriesPoint, 0).post));
}

/* ---- transactions and locking ------------------------------------------------ */

static void
test_transaction_rolls_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new ("P-0009", "Rollback", "Rita", NULL);
  g_autofree char *before = glide_test_sql_text (f->path, "SELECT count(*) FROM patients;");
  g_autofree char *after = NULL;

  g_assert_true (glide_store_begin (f->store, &error));
  g_assert_cmpint (glide_store_create_patient (f->store, patient, &error), >, 0);
  glide_store_rollback (f->store);
  after = glide_test_sql_text (f->path, "SELECT count(*) FROM patients;");
  g_assert_cmpstr (before, ==, after);
  g_assert_null (glide_store_find_patient (f->store, "P-0009", NULL));
}

/* A read that fails inside a transaction fails alone, as on SQLite: what was
 * written before it and after it is committed (PostgreSQL aborts the whole
 * transaction on any failed statement unless the statement had a savepoint). */
static void
test_transaction_survives_failed_read (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) before = glide_patient_new ("P-0011", "Before", "Read", NULL);
  g_autoptr(GlidePatient) after = glide_patient_new ("P-0012", "After", "Read", NULL);
  g_autoptr(GlidePatient) found = NULL;
  GlideStmt *stmt;

  g_assert_true (glide_store_begin (f->store, &error));
  g_assert_cmpint (glide_store_create_patient (f->store, before, &error), >, 0);
  stmt = glide_store_prepare (f->store, "SELECT id FROM no_such_table", &error);
  if (stmt != NULL)
    {
      g_assert_cmpint (glide_stmt_step (stmt), ==, GLIDE_STMT_ERROR);
      glide_stmt_reset (stmt);
      g_assert_false (glide_store_set_db_error (f->store, &error));
    }
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
  g_clear_error (&error);
  g_assert_cmpint (glide_store_create_patient (f->store, after, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (glide_store_commit (f->store, &error));
  g_assert_no_error (error);

  found = glide_store_find_patient (f->store, "P-0011", &error);
  g_assert_nonnull (found);
  g_clear_pointer (&found, glide_patient_free);
  found = glide_store_find_patient (f->store, "P-0012", &error);
  g_assert_nonnull (found);
}

/* A bulk transaction opens no savepoint per call, so a call that fails
 * inside it is not undone on its own: the transaction must then refuse to
 * commit anything, the rows written before the failure included. */
static void
test_bulk_transaction_all_or_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) first = glide_patient_new ("P-0101", "Bulk", "Bea", NULL);
  g_autoptr(GlidePatient) taken = glide_patient_new ("P-0101", "Bulk", "Ben", NULL);
  g_autoptr(GlidePatient) kept = glide_patient_new ("P-0102", "Bulk", "Bo", NULL);
  g_autofree char *before = glide_test_sql_text (f->path, "SELECT count(*) FROM patients;");
  g_autofree char *after = NULL;

  g_assert_true (glide_store_begin_bulk (f->store, &error));
  g_assert_cmpint (glide_store_create_patient (f->store, first, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (glide_store_create_patient (f->store, taken, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (glide_store_commit (f->store, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED);
  g_clear_error (&error);
  after = glide_test_sql_text (f->path, "SELECT count(*) FROM patients;");
  g_assert_cmpstr (before, ==, after);
  g_assert_null (glide_store_find_patient (f->store, "P-0101", NULL));

  /* The store is usable again, with savepoints as before. */
  g_assert_true (glide_store_begin (f->store, &error));
  g_assert_cmpint (glide_store_create_patient (f->store, kept, &error), >, 0);
  g_assert_true (glide_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* A bulk transaction without failures commits every call, sealed. */
  g_clear_pointer (&first, glide_patient_free);
  first = glide_patient_new ("P-0103", "Bulk", "Bea", NULL);
  g_assert_true (glide_store_begin_bulk (f->store, &error));
  g_assert_cmpint (glide_store_create_patient (f->store, first, &error), >, 0);
  g_assert_true (glide_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&taken, glide_patient_free);
  taken = glide_store_find_patient (f->store, "P-0103", NULL);
  g_assert_nonnull (taken);
  g_clear_pointer (&taken, glide_patient_free);
  taken = glide_store_find_patient (f->store, "P-0102", NULL);
  g_assert_nonnull (taken);
}

static void
test_locked_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new ("P-0010", "Locked", "Out", NULL);
  g_autoptr(GlideStore) workstation = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  /* Another program with the file; on a server, another workstation in the
   * middle of a write. */
  if (glide_test_backend_is_sqlite ())
    {
      g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    }
  else
    {
      workstation = glide_test_open_store (f->dir, "glide.db");
      g_assert_true (glide_store_begin (workstation, &error));
    }

  start = g_get_monotonic_time ();
  g_assert_cmpint (glide_store_create_patient (f->store, patient, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  if (other != NULL)
    {
      sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (other);
    }
  else
    glide_store_rollback (workstation);

  /* Once the other program lets go, the same call succeeds. */
  g_assert_cmpint (glide_store_create_patient (f->store, patient, &error), >, 0);
  g_assert_no_error (error);
}

/* Two connections in this process, another process opening and closing the
 * file, then a write: the write must be there for the next process. Opening
 * the second connection must not drop the first one's locks (a close() on any
 * descriptor of the file does), or the other process deletes the WAL. */
static void
test_open_second_connection_keeps_locks (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) second = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new ("P-0038", "Kept", "After Export", NULL);
  g_autoptr(GlideClinic) clinic = NULL;
  g_autofree char *count = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const char *reader[] = { g_getenv ("SQLITE3"), f->path, "SELECT count(*) FROM patients", NULL };
  const char *counter[] = { g_getenv ("SQLITE3"), f->path,
                            "SELECT count(*) FROM patients WHERE chart = 'P-0038'", NULL };

  if (glide_test_skip_unless_sqlite ("the file's POSIX locks and its WAL"))
    return;
  second = glide_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  clinic = glide_store_get_clinic (second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (clinic);
  g_clear_object (&second);   /* as an export's connection does when it is done */

  /* Another process: opens the file, reads, closes. */
  g_assert_cmpint (glide_test_run (reader, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (glide_store_create_patient (f->store, patient, &error), >, 0);
  g_assert_no_error (error);

  /* A fresh process reads what the first connection wrote. */
  g_assert_cmpint (glide_test_run (counter, &count, NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (count), ==, "1");
}

/* A second connection opens an up-to-date database while another program
 * holds the write lock: reading needs no write lock. */
static void
test_open_while_locked (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) second = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GlideStore) workstation = NULL;
  g_autofree char *location = glide_test_store_location (f->dir, "glide.db");
  sqlite3 *other = NULL;

  if (glide_test_backend_is_sqlite ())
    {
      g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    }
  else
    {
      workstation = glide_test_open_store (f->dir, "glide.db");
      g_assert_true (glide_store_begin (workstation, &error));
    }

  /* Needing the write lock, these would fail with "in use by another program". */
  second = glide_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  items = glide_store_check (second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);

  if (other != NULL)
    {
      sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (other);
    }
  else
    glide_store_rollback (workstation);
}

static void
test_network_file_systems (void)
{
  g_assert_cmpstr (glide_store_describe_network_file_system (0x6969, "nfs4"), ==, "NFS");
  g_assert_cmpstr (glide_store_describe_network_file_system (0xFF534D42, "cifs"), ==, "SMB/CIFS");
  g_assert_cmpstr (glide_store_describe_network_file_system (0xFE534D42, "smb3"), ==, "SMB2");
  g_assert_cmpstr (glide_store_describe_network_file_system (0x65735546, "fuse.sshfs"), ==, "sshfs");
  g_assert_null (glide_store_describe_network_file_system (0x65735546, "fuse.ntfs-3g"));
  g_assert_null (glide_store_describe_network_file_system (0xEF53, "ext4"));
  g_assert_null (glide_store_describe_network_file_system (0x01021994, "tmpfs"));
}

/* Care cannot begin before birth, however the record is written: a course or
 * a session dated before it, or a birth date moved after the first visit. */
static void
test_not_before_birth (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideCourse) course = glide_course_new ("Plantar fasciitis");
  g_autoptr(GlideSession) session = glide_test_new_session (f->course, f->therapist,
                                                            "1979-06-01T09:00:00");
  g_autoptr(GlidePatient) patient = glide_store_get_patient (f->store, f->patient, NULL);
  g_autofree char *before = glide_test_sql_text (f->path, "SELECT count(*) FROM sessions");

  course->patient_id = f->patient;
  course->start_date = g_strdup ("1979-01-01");
  g_assert_cmpint (glide_store_create_course (f->store, course, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Course start_date: 1979-01-01 is before the patient's birth date (1980-04-02)"));
  g_clear_error (&error);

  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  /* Refused before the birth check: the course starts later. */
  g_assert_nonnull (strstr (error->message, "Session start: 1979-06-01T09:00:00 is before"));
  g_clear_error (&error);

  save_session (f, "2026-09-02T09:00:00");
  g_free (patient->birth_date);
  patient->birth_date = g_strdup ("2026-09-05");
  g_assert_false (glide_store_update_patient (f->store, patient, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Patient birth_date: 2026-09-05 is after the patient's first course or visit (2026-09-01)"));
  g_clear_error (&error);

  g_clear_object (&f->store);
  g_free (before);
  before = glide_test_sql_text (f->path, "SELECT birth_date FROM patients WHERE id = 1");
  g_assert_cmpstr (g_strstrip (before), ==, "1980-04-02");
  f->store = glide_test_open_store (f->dir, "glide.db");
}

/* The editor's recovery state: kept, replaced, listed, cleared, marked when
 * written through this connection; not audited. */
static void
test_recovery (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "r.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideRecovery) missing = NULL;
  g_autoptr(GlideRecovery) kept = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  missing = glide_store_get_recovery (store, "session 1", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (glide_store_save_recovery (store, "session 1", "Müller, José", "('a', 1)", &error));
  g_assert_true (glide_store_save_recovery (store, "session 1", "Müller, José", "('b', 2)", &error));
  g_assert_true (glide_store_save_recovery (store, "course 3, new session", "王, 芳", "()", &error));
  g_assert_no_error (error);

  kept = glide_store_get_recovery (store, "session 1", &error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->content, ==, "('b', 2)");
  g_assert_cmpstr (kept->title, ==, "Müller, José");
  g_assert_nonnull (kept->saved_at);
  all = glide_store_list_recovery (store, &error);
  g_assert_cmpuint (all->len, ==, 2);

  /* Written through this connection (this run of Glide); another
   * connection (the next run) sees it as left over. */
  g_assert_true (kept->written_here);
  g_assert_true (((GlideRecovery *) all->pdata[0])->written_here);
  {
    g_autoptr(GlideStore) next_run = glide_test_open_store (dir, "r.db");
    g_autoptr(GlideRecovery) left = glide_store_get_recovery (next_run, "course 3, new session", &error);

    g_assert_nonnull (left);
    g_assert_false (left->written_here);
  }

  g_assert_true (glide_store_clear_recovery (store, "session 1", &error));
  g_clear_pointer (&kept, glide_recovery_free);
  kept = glide_store_get_recovery (store, "session 1", &error);
  g_assert_null (kept);
  g_assert_no_error (error);

  /* Scratch state, not the record: nothing of it in the audit log, whose
   * only entry is the one that sealed the new database. */
  audit = glide_store_list_audit (store, NULL, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((GlideAuditEntry *) audit->pdata[0])->entity, ==, "database");
  glide_test_remove_tree (dir);
}

/* Two workstations: a record read by one and changed by the other meanwhile
 * is not saved over; the refusal names who changed it. A fresh read saves. */
/* Another connection's commit is seen by asking (SQLite) or by a
 * notification on the change descriptor (a clinic server); one's own is not. */
static gboolean
wait_for_change (GlideStore *store)
{
  int fd = glide_store_get_change_fd (store);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  for (;;)
    {
      GPollFD poll_fd = { fd, G_IO_IN, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

      if (glide_store_changed_elsewhere (store))
        return TRUE;
      if (fd < 0 || left <= 0)
        return FALSE;
      g_poll (&poll_fd, 1, (int) left);
    }
}

static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlideStore) other = glide_test_open_store (f->dir, "glide.db");

  g_assert_false (glide_store_changed_elsewhere (f->store));
  g_assert_false (glide_store_changed_elsewhere (f->store));
  save_session (f, "2026-09-02T10:00:00+02:00");
  g_assert_false (glide_store_changed_elsewhere (f->store));

  glide_test_add_patient (other, "P-0002", "Okafor", "Ngozi");
  g_assert_true (wait_for_change (f->store));
  g_assert_false (glide_store_changed_elsewhere (f->store));
}

static void
test_stale_version_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GlideStore) other = glide_test_open_store (f->dir, "glide.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) mine = NULL;
  g_autoptr(GlideSession) theirs = NULL;
  g_autoptr(GlideSession) fresh = NULL;
  g_autoptr(GlidePatient) patient_mine = NULL;
  g_autoptr(GlidePatient) patient_theirs = NULL;
  g_autoptr(GlideCourse) course_mine = NULL;
  g_autoptr(GlideCourse) course_theirs = NULL;
  gint64 id = save_session (f, "2026-09-02T10:00:00+02:00");
  gint64 therapist2 = glide_test_add_therapist (f->store, "km", "Kim Moreau");
  const char *who;

  glide_store_set_actor (other, therapist2);
  who = glide_store_get_login (other) ? glide_store_get_login (other) : "km";
  mine = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  theirs = glide_store_get_session (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, >, 0);
  g_assert_cmpint (mine->version, ==, theirs->version);

  g_free (theirs->note);
  theirs->note = g_strdup ("changed at the front desk");
  g_assert_cmpint (glide_store_save_draft_session (other, theirs, &error), ==, id);
  g_assert_no_error (error);

  g_free (mine->note);
  mine->note = g_strdup ("typed in room 2");
  g_assert_cmpint (glide_store_save_draft_session (f->store, mine, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "This session was changed by "));
  g_assert_nonnull (strstr (error->message, who));
  g_clear_error (&error);
  fresh = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fresh->note, ==, "changed at the front desk");

  /* Read again, it saves; and a version of 0 (a caller that never read) is not checked. */
  g_free (fresh->note);
  fresh->note = g_strdup ("typed in room 2");
  g_assert_cmpint (glide_store_save_draft_session (f->store, fresh, &error), ==, id);
  g_assert_no_error (error);

  patient_mine = glide_store_get_patient (f->store, f->patient, &error);
  patient_theirs = glide_store_get_patient (other, f->patient, &error);
  g_assert_no_error (error);
  g_free (patient_theirs->given_name);
  patient_theirs->given_name = g_strdup ("Josef");
  g_assert_true (glide_store_update_patient (other, patient_theirs, &error));
  g_assert_no_error (error);
  g_free (patient_mine->family_name);
  patient_mine->family_name = g_strdup ("Mueller");
  g_assert_false (glide_store_update_patient (f->store, patient_mine, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "This patient was changed by "));
  g_clear_error (&error);

  course_mine = glide_store_get_course (f->store, f->course, &error);
  course_theirs = glide_store_get_course (other, f->course, &error);
  g_assert_no_error (error);
  g_free (course_theirs->goals);
  course_theirs->goals = g_strdup ("Squat without pain");
  g_assert_true (glide_store_update_course (other, course_theirs, &error));
  g_assert_no_error (error);
  g_assert_false (glide_store_update_course (f->store, course_mine, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Under GLIDE_TEST_BACKEND=postgresql (test-store-pg) the stores are
   * databases on a throwaway server; what only an SQLite file has is skipped. */
#define ADD_SQLITE_ONLY(path, func, why) \
  g_test_add_data_func (path, &(const SqliteOnly) { func, why }, run_sqlite_only)
  ADD_SQLITE_ONLY ("/store/open/creates-private-files", test_open_creates_private_files,
                   "the file's modes and SQLite's PRAGMAs");
  ADD_SQLITE_ONLY ("/store/open/empty-file-migrates", test_open_empty_file_migrates,
                   "an empty file becomes a database");
  ADD_SQLITE_ONLY ("/store/open/refuses-garbage", test_open_refuses_garbage,
                   "files that are not SQLite databases");
  g_test_add_func ("/store/open/refuses-uri", test_open_refuses_uri);
  g_test_add_func ("/store/is-empty", test_is_empty);
  g_test_add_func ("/store/open/refuses-newer-schema", test_open_refuses_newer_schema);
  ADD_SQLITE_ONLY ("/store/open/refuses-other-sqlite", test_open_refuses_other_sqlite,
                   "another program's SQLite file");
  ADD_SQLITE_ONLY ("/store/open/damaged-refused-on-use", test_open_damaged_refused_on_use,
                   "pages of the file damaged on disk");
  g_test_add_func ("/store/open/refuses-missing-table", test_open_refuses_missing_table);
  ADD_SQLITE_ONLY ("/store/open/refuses-truncated", test_open_refuses_truncated,
                   "a file cut short");
#undef ADD_SQLITE_ONLY

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/round-trip/clinic", test_clinic_round_trip);
  ADD ("/store/round-trip/therapist-and-tool", test_therapist_and_tool_round_trip);
  ADD ("/store/round-trip/patient", test_patient_round_trip);
  ADD ("/store/round-trip/screening-and-course", test_screening_and_course_round_trip);
  ADD ("/store/round-trip/session", test_session_round_trip);
  ADD ("/store/session/rules", test_session_rules);
  ADD ("/store/not-before-birth", test_not_before_birth);
  ADD ("/store/session/sign-and-addenda", test_sign_and_addenda);
  ADD ("/store/constraint-refusal-words", test_constraint_refusal_words);
  ADD ("/store/signed/refused-by-store", test_signed_session_refused_by_store);
  ADD ("/store/signed/refused-by-triggers", test_signed_session_refused_by_triggers);
  ADD ("/store/check-constraints", test_check_constraints);
  ADD ("/store/audit/rows", test_audit_rows);
  ADD ("/store/audit/append-only", test_audit_is_append_only);
  ADD ("/store/audit/tampering-detected", test_audit_tampering_detected);
  ADD ("/store/search", test_search);
  ADD ("/store/search/shapes", test_search_shapes);
  ADD ("/store/patient-list/summaries", test_patient_list_summaries);
  ADD ("/store/patient-list/check", test_patient_list_check);
  ADD ("/store/patient-list/migration", test_patient_list_migration);
  ADD ("/store/course-series", test_course_series);
  ADD ("/store/transaction-rolls-back", test_transaction_rolls_back);
  ADD ("/store/transaction-bulk-all-or-nothing", test_bulk_transaction_all_or_nothing);
  ADD ("/store/transaction-survives-failed-read", test_transaction_survives_failed_read);
  ADD ("/store/locked-database", test_locked_database);
  ADD ("/store/open/second-connection-keeps-locks", test_open_second_connection_keeps_locks);
  ADD ("/store/open/while-locked", test_open_while_locked);
  ADD ("/store/stale-version-refused", test_stale_version_refused);
  ADD ("/store/changed-elsewhere", test_changed_elsewhere);
#undef ADD

  g_test_add_func ("/store/recovery", test_recovery);
  g_test_add_func ("/store/statement-journal-in-memory", test_statement_journal_in_memory);
  g_test_add_func ("/store/open/network-file-systems", test_network_file_systems);

  return g_test_run ();
}
