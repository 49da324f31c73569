/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup.c: verified backups, their rotation, restoring, and a backup
 * killed midway; through the store API and the glide command line. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glide-demo.h"
#include "glide-test-utils.h"

typedef struct
{
  char       *dir;
  char       *db_path;
  GlideStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = glide_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "glide.db", NULL);
  fixture->store = glide_test_open_store (fixture->dir, "glide.db");
  glide_demo_fill (fixture->store, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  glide_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static int
glide (Fixture     *fixture,
       const char  *pause,
       char       **err,
       const char  *first,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *data_home = g_strdup_printf ("XDG_DATA_HOME=%s", fixture->dir);
  g_autofree char *out = NULL;
  const char *env[] = { data_home, NULL };
  const char *arg;
  va_list list;

  va_start (list, first);
  for (arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  return glide_test_run_glide (fixture->dir, env, args, &out, err);
}

/* The whole record as SQL text, to compare two databases. */
static char *
dump (const char *path)
{
  const char *argv[] = { g_getenv ("SQLITE3"), path, ".dump", NULL };
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (glide_test_run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return out;
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static guint
count_partial (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    n += g_str_has_prefix (name, ".glide-backup-");
  return n;
}

/* ---- rotation -------------------------------------------------------------- */

static void
add_name (GPtrArray  *names,
          GDateTime  *time)
{
  g_ptr_array_add (names, glide_backup_name_for_time (time));
}

static void
test_rotation_plan (void)
{
  /* Sunday of ISO week 11 of 2026. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 15, 12, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 12, 15, 18, 0, 0);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) remove = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);
  const char *noise[] = { "notes.txt", "glide-2026-13-01-000000.db", "glide-2025-02-30-000000.db",
                          "glide-2025-01-01-000000.db.partial", "glide-2025-01-01-000000.DB",
                          ".glide-backup-123.abcdef.partial", "glide-2025-01-01-00000.db",
                          "xglide-2025-01-01-000000.db", "glide-2025-01-01-000000.db-journal" };
  const char *keep[] = {
    "glide-2026-03-15-110000.db",                   /* today, newest: day, week, month */
    "glide-2026-03-14-180000.db", "glide-2026-03-13-180000.db", "glide-2026-03-12-180000.db",
    "glide-2026-03-11-180000.db", "glide-2026-03-10-180000.db", "glide-2026-03-09-180000.db",
    "glide-2026-03-08-180000.db", "glide-2026-03-01-180000.db", "glide-2026-02-22-180000.db",
    "glide-2026-02-28-180000.db", "glide-2026-01-31-180000.db", "glide-2025-12-31-180000.db",
    "glide-2025-11-30-180000.db", "glide-2025-10-31-180000.db", "glide-2025-09-30-180000.db",
    "glide-2025-08-31-180000.db", "glide-2025-07-31-180000.db", "glide-2025-06-30-180000.db",
    "glide-2025-05-31-180000.db", "glide-2025-04-30-180000.db",
  };
  guint n_backups = 0;

  /* One backup every evening for 15 months, two this morning. */
  for (GDateTime *t = g_date_time_ref (first), *next;
       g_date_time_compare (t, now) < 0;
       next = g_date_time_add_days (t, 1), g_date_time_unref (t), t = next)
    {
      if (g_date_time_get_day_of_month (t) == 15 && g_date_time_get_month (t) == 3 &&
          g_date_time_get_year (t) == 2026)
        {
          g_date_time_unref (t);
          break;
        }
      add_name (names, t);
      n_backups++;
    }
  g_ptr_array_add (names, g_strdup ("glide-2026-03-15-080000.db"));
  g_ptr_array_add (names, g_strdup ("glide-2026-03-15-110000.db"));
  n_backups += 2;
  g_assert_cmpuint (n_backups, >, 450);
  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    g_ptr_array_add (names, g_strdup (noise[i]));
  g_ptr_array_add (names, NULL);

  remove = glide_backup_plan_rotation ((const char *const *) names->pdata, now,
                                       GLIDE_BACKUP_KEEP_DAYS, GLIDE_BACKUP_KEEP_WEEKS,
                                       GLIDE_BACKUP_KEEP_MONTHS);
  for (guint i = 0; i < remove->len; i++)
    g_hash_table_add (removed, g_ptr_array_index (remove, i));

  g_assert_cmpuint (remove->len, ==, n_backups - G_N_ELEMENTS (keep));
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      g_test_message ("kept: %s", keep[i]);
      g_assert_false (g_hash_table_contains (removed, keep[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    g_assert_false (g_hash_table_contains (removed, noise[i]));
  g_assert_true (g_hash_table_contains (removed, "glide-2026-03-15-080000.db"));
  g_assert_true (g_hash_table_contains (removed, "glide-2026-03-07-180000.db"));
  g_assert_true (g_hash_table_contains (removed, "glide-2025-03-31-180000.db"));
  g_assert_true (g_hash_table_contains (removed, "glide-2024-12-31-180000.db"));
  /* Oldest first. */
  g_assert_cmpstr (g_ptr_array_index (remove, 0), ==, "glide-2024-12-15-180000.db");
}

static void
test_rotation_keeps_newest_and_future (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 15, 12, 0, 0);
  const char *names[] = { "glide-2023-01-01-000000.db", "glide-2023-06-01-000000.db",
                          "glide-2027-01-01-000000.db", NULL };
  g_autoptr(GPtrArray) remove = glide_backup_plan_rotation (names, now, 7, 4, 12);

  /* Not used for years: the newest old backup stays; a clock set back
   * never removes what it cannot place. */
  g_assert_cmpuint (remove->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (remove, 0), ==, "glide-2023-01-01-000000.db");
}

static void
test_rotate_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = in_dir (fixture, "backups");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 15, 12, 0, 0);
  g_autoptr(GDateTime) latest = NULL;
  const char *files[] = { "glide-2025-01-01-000000.db", "glide-2026-03-14-000000.db",
                          "glide-2026-03-14-100000.db", "keep-me.db" };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_file_set_contents (path, "x", -1, &error);
      g_assert_no_error (error);
    }
  g_assert_true (glide_backup_rotate (dir, now, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      /* The old one and the older one of a day go; other files stay. */
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, i >= 2);
    }
  latest = glide_backup_find_latest (dir);
  g_assert_nonnull (latest);
  g_assert_cmpint (g_date_time_get_hour (latest), ==, 10);
}

/* ---- backup and restore ------------------------------------------------------ */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *restored = in_dir (fixture, "restored/glide.db");
  g_autofree char *kept = NULL;
  g_autofree char *original_dump = NULL;
  g_autofree char *restored_dump = NULL;
  g_autoptr(GlideBackupInfo) info = NULL;
  g_autofree char *backup_wal = NULL;
  g_autoptr(GlideStore) reopened = NULL;
  g_autoptr(GPtrArray) patients = NULL;

  g_assert_true (glide_store_backup (fixture->store, backup, FALSE, &error));
  g_assert_no_error (error);
  assert_private_file (backup);
  backup_wal = g_strconcat (backup, "-wal", NULL);
  g_assert_false (g_file_test (backup_wal, G_FILE_TEST_EXISTS));

  info = glide_backup_verify (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->audit_entries, >, 0);

  g_assert_true (glide_backup_restore (backup, restored, FALSE, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  assert_private_file (restored);

  g_clear_object (&fixture->store);
  original_dump = dump (fixture->db_path);
  restored_dump = dump (restored);
  g_assert_cmpstr (restored_dump, ==, original_dump);

  /* The restored file is a working Glide database. */
  reopened = glide_store_open (restored, &error);
  g_assert_no_error (error);
  patients = glide_store_list_patients (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 14);
}

static void
test_backup_refuses_existing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *checksum = NULL;
  g_autofree char *expected = NULL;

  g_file_set_contents (backup, "mine", -1, &error);
  g_assert_no_error (error);
  g_assert_false (glide_store_backup (fixture->store, backup, FALSE, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);
  checksum = glide_test_file_checksum (backup);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "mine", -1);
  g_assert_cmpstr (checksum, ==, expected);
  g_assert_cmpuint (count_partial (fixture->dir), ==, 0);

  g_assert_true (glide_store_backup (fixture->store, backup, TRUE, &error));
  g_assert_no_error (error);
  assert_private_file (backup);
}

/* Inverts one whole page in the middle of @path. */
static void
corrupt_middle_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *freelist = NULL;
  gsize length, page = 4096, middle;

  /* Every page is in use, so the damaged one holds part of the record. */
  freelist = glide_test_sql_text (path, "PRAGMA freelist_count");
  g_assert_cmpstr (g_strstrip (freelist), ==, "0");
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length / page, >=, 8);
  middle = (length / page / 2) * page;
  for (gsize i = middle; i < middle + page; i++)
    contents[i] ^= 0xff;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_restore_refuses_damaged (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *text = in_dir (fixture, "notes.txt");
  g_autofree char *foreign = in_dir (fixture, "other.db");
  g_autofree char *target = in_dir (fixture, "new.db");
  const char *sqlite_argv[] = { g_getenv ("SQLITE3"), foreign, "CREATE TABLE t (x)", NULL };

  g_assert_true (glide_store_backup (fixture->store, backup, FALSE, &error));
  g_assert_no_error (error);
  corrupt_middle_page (backup);

  g_assert_false (glide_backup_restore (backup, target, FALSE, NULL, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "The backup was refused: "));
  g_assert_nonnull (strstr (error->message, backup));
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_partial (fixture->dir), ==, 0);

  g_file_set_contents (text, "Not a database at all, just some notes.\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (glide_backup_restore (text, target, FALSE, NULL, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "is not a Glide database"));
  g_clear_error (&error);

  g_assert_cmpint (glide_test_run (sqlite_argv, NULL, NULL), ==, 0);
  g_assert_false (glide_backup_restore (foreign, target, TRUE, NULL, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Glide database"));
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_restore_refuses_newer (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GlidePatient) patient = NULL;

  g_assert_true (glide_store_backup (fixture->store, backup, FALSE, &error));
  g_assert_no_error (error);
  glide_test_add_patient (fixture->store, "NEW-1", "Later", "Added");
  g_clear_object (&fixture->store);
  before = dump (fixture->db_path);

  g_assert_false (glide_backup_restore (backup, fixture->db_path, FALSE, &kept, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "is not older than the backup"));
  g_assert_nonnull (strstr (error->message, "--force"));
  g_clear_error (&error);
  g_assert_null (kept);
  after = dump (fixture->db_path);
  g_assert_cmpstr (after, ==, before);

  /* Not while another program has it open. */
  fixture->store = glide_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_false (glide_backup_restore (backup, fixture->db_path, TRUE, &kept, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_clear_object (&fixture->store);

  g_assert_true (glide_backup_restore (backup, fixture->db_path, TRUE, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_clear_pointer (&after, g_free);
  after = dump (kept);
  g_assert_cmpstr (after, ==, before);

  fixture->store = glide_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  patient = glide_store_find_patient (fixture->store, "NEW-1", &error);
  g_assert_null (patient);
  g_clear_error (&error);
}

static void
test_restore_into_older (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_backup = in_dir (fixture, "old.db");
  g_autofree char *new_backup = in_dir (fixture, "new.db");
  g_autofree char *target = in_dir (fixture, "target.db");
  g_autofree char *kept = NULL;
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GlideStore) store = NULL;

  g_assert_true (glide_store_backup (fixture->store, old_backup, FALSE, &error));
  glide_test_add_patient (fixture->store, "NEW-1", "Later", "Added");
  g_assert_true (glide_store_backup (fixture->store, new_backup, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (glide_backup_restore (old_backup, target, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (glide_backup_restore (new_backup, target, FALSE, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);

  store = glide_store_open (target, &error);
  g_assert_no_error (error);
  patient = glide_store_find_patient (store, "NEW-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (patient);
}

static void
test_backup_to_dir (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = glide_backup_get_default_dir (fixture->db_path);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) latest = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_suffix (dir, "/backups"));
  path = glide_store_backup_to_dir (fixture->store, dir, &error);
  g_assert_no_error (error);
  assert_private_file (path);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  name = g_path_get_basename (path);
  time = glide_backup_name_get_time (name);
  g_assert_nonnull (time);
  latest = glide_backup_find_latest (dir);
  g_assert_nonnull (latest);
}

/* ---- killed midway, and the command line ---------------------------------------- */

static void
kill_backup_at (Fixture    *fixture,
                const char *stage,
                const char *target)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", fixture->db_path, "--backup", target,
                         NULL };
  GPid pid;
  int status;

  env = g_environ_setenv (env, "GLIDE_TEST_BACKUP_PAUSE", stage, TRUE);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_async (fixture->dir, (char **) argv, env,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* The child stops itself at the stage; then it is killed. */
  g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
  g_assert_true (WIFSTOPPED (status));
  g_assert_cmpuint (count_partial (fixture->dir), >=, 1);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
}

static void
test_kill_during_backup (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *stages[] = { "copy", "rename" };
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = in_dir (fixture, "glide-2026-01-01-000000.db");
  g_autofree char *target = in_dir (fixture, "glide-2026-01-02-000000.db");
  g_autofree char *checksum = NULL;

  g_assert_true (glide_store_backup (fixture->store, previous, FALSE, &error));
  g_assert_no_error (error);
  checksum = glide_test_file_checksum (previous);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *now = NULL;
      GlideBackupInfo *info;

      g_test_message ("killed at %s", stages[i]);
      kill_backup_at (fixture, stages[i], target);

      /* The previous backup is whole; no new one appeared. */
      now = glide_test_file_checksum (previous);
      g_assert_cmpstr (now, ==, checksum);
      info = glide_backup_verify (previous, &error);
      g_assert_no_error (error);
      g_assert_nonnull (info);
      g_clear_pointer (&info, glide_backup_info_free);
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_partial (fixture->dir), >=, 1);

      /* The next backup removes the leftovers. */
      g_assert_cmpint (glide (fixture, NULL, &err, "-d", fixture->db_path, "--backup", target,
                              NULL), ==, 0);
      g_assert_cmpuint (count_partial (fixture->dir), ==, 0);
      assert_private_file (target);
      info = glide_backup_verify (target, &error);
      g_assert_no_error (error);
      g_assert_nonnull (info);
      g_clear_pointer (&info, glide_backup_info_free);
      g_assert_cmpint (g_unlink (target), ==, 0);
    }
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *backup = in_dir (fixture, "copy.db");
  g_autofree char *target = in_dir (fixture, "restored.db");
  g_autofree char *bad = in_dir (fixture, "bad.db");
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_clear_object (&fixture->store);
  g_assert_cmpint (glide (fixture, NULL, &err, "-d", fixture->db_path, "--backup", backup, NULL),
                   ==, 0);
  assert_private_file (backup);
  g_clear_pointer (&err, g_free);

  /* An existing file is kept unless --force. */
  g_assert_cmpint (glide (fixture, NULL, &err, "-d", fixture->db_path, "--backup", backup, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "-d", fixture->db_path, "--backup", backup,
                          "--force", NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  /* Restore into a new database, then not again over it (not older). */
  g_assert_cmpint (glide (fixture, NULL, &err, "--restore", backup, "-d", target, NULL), ==, 0);
  assert_private_file (target);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "--restore", backup, "-d", target, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not older than the backup"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "--restore", backup, "-d", target, "--force",
                          NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  /* A damaged backup is refused, with the reason. */
  g_file_get_contents (backup, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, contents, length, &error);
  g_assert_no_error (error);
  corrupt_middle_page (bad);
  g_assert_cmpint (glide (fixture, NULL, &err, "--restore", bad, "-d", target, "--force", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "The backup was refused"));
  g_clear_pointer (&err, g_free);

  /* Usage. */
  g_assert_cmpint (glide (fixture, NULL, &err, "--restore", backup, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--restore needs -d"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "--force", "--check", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--force only goes with --backup or --restore"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "--backup-dir", fixture->dir, "--check", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--backup-dir only goes without a command"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (fixture, NULL, &err, "--backup", backup, "--check", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "give --backup or --restore alone"));
  g_clear_pointer (&err, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/rotation/plan", test_rotation_plan);
  g_test_add_func ("/backup/rotation/newest-and-future", test_rotation_keeps_newest_and_future);
#define ADD(path, func) \
  g_test_add ("/backup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rotation/folder", test_rotate_folder);
  ADD ("round-trip", test_round_trip);
  ADD ("refuses-existing", test_backup_refuses_existing);
  ADD ("to-dir", test_backup_to_dir);
  ADD ("restore/refuses-damaged", test_restore_refuses_damaged);
  ADD ("restore/refuses-newer", test_restore_refuses_newer);
  ADD ("restore/into-older", test_restore_into_older);
  ADD ("kill-during-backup", test_kill_during_backup);
  ADD ("cli", test_cli);
#undef ADD

  return g_test_run ();
}
