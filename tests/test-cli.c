/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the glide command line, run as a user would run it: without a
 * display, checking exit status, messages and files. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glide-atomic-file.h"

#include "glide-test-utils.h"

static char *dir;

/* Runs glide with the given arguments, without a display. */
static int
glide (char       **out,
       char       **err,
       const char  *first,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *data_home = g_strdup_printf ("XDG_DATA_HOME=%s", dir);
  const char *env[] = { data_home, NULL };
  const char *arg;
  va_list args_list;

  va_start (args_list, first);
  for (arg = first; arg != NULL; arg = va_arg (args_list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (args_list);
  return glide_test_run_glide (dir, env, args, out, err);
}

static char *
path_in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_version_and_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *options[] = { "--database=FILE", "--import=FILE", "--merge", "--export-json=FILE",
                            "--export-csv=DIR",
                            "--patient=CHART", "--demo", "--check", "--version",
                            "--report=CHART", "--summary=CHART", "--caseload", "--course=N",
                            "--from=YYYY-MM-DD", "--to=YYYY-MM-DD", "--output=FILE", "--paper=SIZE",
                            "--set-paper=SIZE",
                            "Data options:", "Records (no window is opened):",
                            "PDF documents (no window is opened):", "Exit status" };

  g_assert_cmpint (glide (&out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "glide " PACKAGE_VERSION "\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "--help-all", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_test_message ("looking for %s", options[i]);
      g_assert_nonnull (strstr (out, options[i]));
    }
}

static void
test_usage_errors (void)
{
  const char *cases[][3] = {
    { "--merge", NULL, "--merge only goes with --import" },
    { "--patient=P-1", NULL, "--patient only goes with --export-json" },
    { "--demo", "--check", "give one of --import, --export-json, --export-csv, --demo, --check, "
                           "--report, --summary, --discharge-summary, --caseload, --set-paper, "
                           "--who, --grant, --revoke, --copy-to, --export-fhir and --ndjson at a time" },
    { "--report=P-1", NULL, "--report, --summary, --discharge-summary and --caseload need "
                            "--output FILE.pdf" },
    { "--discharge-summary=P-1", NULL, "--report, --summary, --discharge-summary and --caseload "
                                       "need --output FILE.pdf" },
    { "--course=2", NULL, "--course only goes with --report, --summary or --discharge-summary" },
    { "--from=2026-01-01", NULL, "--from and --to only go with --caseload or --export-csv" },
    { "--output=x.pdf", NULL, "--output, --paper and --language only go with --report, "
                              "--summary, --discharge-summary or --caseload" },
    { "--language=de", NULL, "--output, --paper and --language only go with --report, "
                             "--summary, --discharge-summary or --caseload" },
    { "--caseload", "--demo", "give one of" },
    /* an empty name (an unset variable in a script) */
    { "--database=", "--check", "--database needs a file or folder name, not an empty one" },
    { "--import=", NULL, "--import needs a file or folder name, not an empty one" },
    { "--export-csv=", NULL, "--export-csv needs a file or folder name, not an empty one" },
    { "--caseload", "--output=", "--output needs a file or folder name, not an empty one" },
    { "--restore=", NULL, "--restore needs a file or folder name, not an empty one" },
    { "--backup-dir=", NULL, "--backup-dir needs a file or folder name, not an empty one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *db = path_in_dir ("usage.db");

      g_assert_cmpint (glide (&out, &err, "-d", db, cases[i][0], cases[i][1], NULL), ==, 2);
      g_assert_nonnull (strstr (err, cases[i][2]));
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

/* Acceptance: demo, export, import into a new database, export again:
 * the two exports are identical. */
static void
test_demo_export_import_export (void)
{
  g_autofree char *demo = path_in_dir ("demo.db");
  g_autofree char *copy = path_in_dir ("copy.db");
  g_autofree char *first = path_in_dir ("first.json");
  g_autofree char *second = path_in_dir ("second.json");
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  g_assert_cmpint (glide (&out, &err, "-d", demo, "--demo", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Created the demo clinic in"));
  g_assert_nonnull (strstr (out, "3 therapists, 14 patients"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The demo only goes into an empty database. */
  g_assert_cmpint (glide (&out, &err, "-d", demo, "--demo", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not empty"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", demo, "--export-json", first, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (err, "Exported 14 patients to "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (glide (&out, &err, "-d", copy, "--import", first, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Imported 14 patients (15 courses"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", copy, "--export-json", second, NULL), ==, 0);
  g_assert_true (g_file_get_contents (first, &first_text, NULL, NULL));
  g_assert_true (g_file_get_contents (second, &second_text, NULL, NULL));
  g_assert_cmpuint (strlen (first_text), >, 100000);
  g_assert_cmpstr (first_text, ==, second_text);
}

static void
test_export_to_stdout_and_errors (void)
{
  g_autofree char *demo = path_in_dir ("demo.db");
  g_autofree char *missing = path_in_dir ("nobody.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (glide (&out, &err, "-d", demo, "--export-json", "-", "--patient", "P-1007",
                          NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\n  \"format\": \"glide-interchange\","));
  g_assert_nonnull (strstr (out, "\"chart\": \"P-1007\""));
  g_assert_null (strstr (out, "\"chart\": \"P-1001\""));
  g_assert_cmpstr (err, ==, "Exported 1 patient to standard output.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An unknown chart writes no file. */
  g_assert_cmpint (glide (&out, &err, "-d", demo, "--export-json", missing, "--patient", "P-4242",
                          NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no patient with chart P-4242"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Acceptance: --check passes on the demo database and fails, naming the
 * entry, after a row is edited by hand with the sqlite3 shell. */
static void
test_check_catches_hand_edit (void)
{
  g_autofree char *demo = path_in_dir ("demo.db");
  g_autofree char *edited = path_in_dir ("edited.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shell_out = NULL;
  g_autofree char *shell_err = NULL;
  g_autofree char *data = NULL;
  gsize length;
  const char *shell[] = { g_getenv ("SQLITE3"), edited,
                          "DROP TRIGGER audit_log_no_update;"
                          " UPDATE audit_log SET details = details || ' (edited)' WHERE id = 57;"
                          " CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                          " BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;",
                          NULL };
  const char *blocked[] = { g_getenv ("SQLITE3"), edited,
                            "UPDATE audit_log SET actor = 'ko' WHERE id = 58;", NULL };

  g_assert_cmpint (glide (&out, &err, "-d", demo, "--check", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Verdict: the database is intact."));
  g_assert_null (strstr (out, "FAIL"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Work on a copy, as an intruder would on the real file. */
  g_assert_cmpint (glide_test_sql_exec (demo, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, 0);
  g_assert_true (g_file_get_contents (demo, &data, &length, NULL));
  g_assert_true (g_file_set_contents (edited, data, length, NULL));

  /* The plain edit is refused by the database... */
  g_assert_cmpint (glide_test_run (blocked, &shell_out, &shell_err), !=, 0);
  g_assert_nonnull (strstr (shell_err, "append-only"));
  g_clear_pointer (&shell_out, g_free);
  g_clear_pointer (&shell_err, g_free);

  /* ...so the intruder drops the guard, edits and puts it back. */
  g_assert_cmpint (glide_test_run (shell, &shell_out, &shell_err), ==, 0);

  g_assert_cmpint (glide (&out, &err, "-d", edited, "--check", NULL), ==, 1);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Audit log            FAIL  audit entry 57 ("));
  g_assert_nonnull (strstr (out, "was altered"));
  g_assert_nonnull (strstr (out, "Verdict: the database FAILED the check."));
}

static void
test_refuses_bad_files (void)
{
  g_autofree char *text = path_in_dir ("notes.txt");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
  before = glide_test_file_checksum (text);
  g_assert_cmpint (glide (&out, &err, "-d", text, "--check", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not a Glide database"));
  after = glide_test_file_checksum (text);
  g_assert_cmpstr (before, ==, after);
}

/* A server address given as -d is refused, not taken as a relative path
 * (which made a folder "postgresql:" in the current folder); a file whose
 * name merely holds a colon is still a file. */
static void
test_refuses_uri (void)
{
  static const char *const uris[] = {
    "https://example.org/clinic.db", "file:///tmp/clinic.db", "sqlite://clinic.db",
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GDir) listing = NULL;

      g_assert_cmpint (glide (&out, &err, "-d", uris[i], "--demo", NULL), ==, 2);
      g_assert_nonnull (strstr (err, uris[i]));
      g_assert_nonnull (strstr (err, "give -d a database file, or a clinic server's"));
      /* Nothing was made in the current folder (the test's own). */
      listing = g_dir_open (dir, 0, NULL);
      for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
        g_assert_null (strchr (name, ':'));
    }
  {
    /* A clinic server's URI is taken as a server: here, one that is not there. */
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GDir) listing = NULL;

    g_assert_cmpint (glide (&out, &err, "-d", "postgresql:///clinic?host=/nonexistent/glide"
                            "&user=dw&connect_timeout=2", "--demo", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "Cannot reach the clinic server"));
    listing = g_dir_open (dir, 0, NULL);
    for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
      g_assert_null (strchr (name, ':'));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *colon = path_in_dir ("clinic:2026.db");

    g_assert_cmpint (glide (&out, &err, "-d", colon, "--demo", NULL), ==, 0);
    g_assert_true (g_file_test (colon, G_FILE_TEST_IS_REGULAR));
  }
}

/* The clinic server's commands on an SQLite file: explained, nothing changed. */
static void
test_server_commands_on_sqlite (void)
{
  g_autofree char *db = path_in_dir ("one-person.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (glide (&out, &err, "-d", db, "--who", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "is an SQLite database: one person's practice"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--grant", "dw", "--role", "manager", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "roles are for a clinic server"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--grant", "dw", "--role", "therapist", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--role therapist needs --therapist CODE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--grant", "dw", "--role", "boss", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--role must be therapist, manager or admin"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--copy-to", "/tmp/x.db", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--copy-to needs a clinic server's postgresql:// URI"));
}

/* Without -d the database lives in $XDG_DATA_HOME/glide, in a private folder. */
static void
test_default_location (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *folder = path_in_dir ("glide");
  g_autofree char *db = g_build_filename (folder, "glide.db", NULL);
  GStatBuf st;

  g_assert_cmpint (glide (&out, &err, "--check", NULL), ==, 0);
  g_assert_nonnull (strstr (out, db));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A database named with -d for a command that only reads it must exist and
 * hold something: a typo is not made into an empty clinic that --check
 * calls intact. */
static void
test_read_commands_need_the_database (void)
{
  g_autofree char *missing = path_in_dir ("typo.db");
  g_autofree char *empty = path_in_dir ("empty.db");
  g_autofree char *json = path_in_dir ("typo.json");
  g_autofree char *pdf = path_in_dir ("typo.pdf");
  const char *const cases[][4] = {
    { "--check", NULL },
    { "--export-json", json, NULL },
    { "--caseload", "-o", pdf, NULL },
    { "--report", "P-1001", "-o", pdf },
  };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      GStatBuf st;

      g_test_message ("%s", cases[i][0]);
      g_assert_cmpint (glide (&out, &err, "-d", missing, cases[i][0], cases[i][1], cases[i][2],
                              cases[i][3], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "there is no database at"));
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (glide (&out, &err, "-d", empty, cases[i][0], cases[i][1], cases[i][2],
                              cases[i][3], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "is empty (0 bytes)"));
      g_assert_cmpint (g_stat (empty, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
      g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }
}

/* ---- output files: what the path is, leftovers, the audit row first ------ */

/* A fresh demo clinic of its own, for a test that damages or locks it. */
static char *
make_demo (const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *db = path_in_dir (name);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--demo", NULL), ==, 0);
  return db;
}

/* How many temporary files of an export to @name lie in the test folder:
 * Glide's own (".NAME.glide-XXXXXX") or the old style ("NAME.XXXXXX"). */
static guint
count_temp_files (const char *name)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *hidden = g_strdup_printf (".%s.glide-", name);
  g_autofree char *old_style = g_strdup_printf ("%s.", name);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (folder);
  while ((entry = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (entry, hidden) || g_str_has_prefix (entry, old_style))
      n++;
  return n;
}

typedef struct
{
  const char *db;
  const char *fifo;
  int         writer;   /* held open so the reader sees the end only after glide */
  int         status;
  char       *err;
} FifoExport;

static gpointer
run_export_into_fifo (gpointer user_data)
{
  FifoExport *run = user_data;
  g_autofree char *out = NULL;

  run->status = glide (&out, &run->err, "-d", run->db, "--export-json", run->fifo, NULL);
  close (run->writer);
  return NULL;
}

/* A FIFO is written as a stream, never replaced by a file of patient data. */
static void
test_export_into_fifo (void)
{
  g_autofree char *db = make_demo ("fifo.db");
  g_autofree char *fifo = path_in_dir ("fifo.json");
  g_autoptr(GString) received = g_string_new (NULL);
  FifoExport run = { db, fifo, -1, -1, NULL };
  GThread *thread;
  GStatBuf st;
  int reader;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  reader = g_open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  g_assert_cmpint (reader, >=, 0);
  run.writer = g_open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
  g_assert_cmpint (run.writer, >=, 0);

  thread = g_thread_new ("export", run_export_into_fifo, &run);
  for (;;)
    {
      struct pollfd pfd = { reader, POLLIN, 0 };
      char buffer[16384];
      gssize n;

      g_assert_cmpint (poll (&pfd, 1, -1), ==, 1);
      n = read (reader, buffer, sizeof buffer);
      if (n == 0)
        break;
      if (n < 0)
        {
          g_assert_true (errno == EAGAIN || errno == EINTR);
          continue;
        }
      g_string_append_len (received, buffer, n);
    }
  g_thread_join (thread);
  close (reader);

  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_str_has_prefix (received->str, "{\n  \"format\": \"glide-interchange\","));
  g_assert_true (g_str_has_suffix (received->str, "}\n"));
  g_assert_cmpuint (count_temp_files ("fifo.json"), ==, 0);
  g_free (run.err);
}

/* Counts entries of /dev that an export to /dev/null could have made. */
static guint
count_dev_null_temp_files (void)
{
  g_autoptr(GDir) folder = g_dir_open ("/dev", 0, NULL);
  const char *entry;
  guint n = 0;

  while (folder != NULL && (entry = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (entry, "null.") || g_str_has_prefix (entry, ".null."))
      n++;
  return n;
}

/* Run as root, "glide --export-json /dev/null" once replaced the system's
 * /dev/null with a file of patient data. */
static void
test_export_into_device (void)
{
  g_autofree char *db = make_demo ("device.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  GlideAtomicFile *file;
  GStatBuf before, after;
  guint n_temp;

  if (g_stat ("/dev/null", &before) != 0 || !S_ISCHR (before.st_mode))
    {
      g_test_skip ("/dev/null is not a character device here");
      return;
    }

  /* Guard, so that a regression cannot damage the machine: the code that
   * would write /dev/null, run without committing (which never renames),
   * must not have made a temporary file to put in its place. */
  file = glide_atomic_file_new ("/dev/null", &error);
  n_temp = count_dev_null_temp_files ();
  g_clear_pointer (&file, glide_atomic_file_free);
  g_assert_no_error (error);
  g_assert_cmpuint (n_temp, ==, 0);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", "/dev/null", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "Exported 14 patients to /dev/null.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--caseload", "-o", "/dev/null", NULL), ==, 0);

  g_assert_cmpint (g_stat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_rdev, ==, before.st_rdev);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (count_dev_null_temp_files (), ==, 0);
}

/* A symbolic link stays; the file it points to is replaced. */
static void
test_export_through_symlink (void)
{
  g_autofree char *db = make_demo ("symlink.db");
  g_autofree char *real = path_in_dir ("real.json");
  g_autofree char *link = path_in_dir ("link.json");
  g_autofree char *dangling = path_in_dir ("dangling.json");
  g_autofree char *made = path_in_dir ("made.json");
  g_autofree char *loop_a = path_in_dir ("loop-a.json");
  g_autofree char *loop_b = path_in_dir ("loop-b.json");
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (real, "previous\n", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", link, NULL), ==, 0);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.json");
  g_assert_true (g_file_get_contents (real, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"glide-interchange\","));
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_temp_files ("real.json") + count_temp_files ("link.json"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A link to a file not there yet makes that file. */
  g_assert_cmpint (symlink (made, dangling), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--caseload", "-o", dangling, NULL), ==, 0);
  g_assert_cmpint (g_lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (made, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A loop of links is refused and left alone. */
  g_assert_cmpint (symlink ("loop-b.json", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.json", loop_b), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", loop_a, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "too many symbolic links"));
  g_assert_cmpint (g_lstat (loop_a, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
}

/* A folder or a socket is never written over. */
static void
test_export_refuses_folder_and_socket (void)
{
  g_autofree char *db = make_demo ("refuse.db");
  g_autofree char *folder = path_in_dir ("folder.json");
  g_autofree char *socket_path = path_in_dir ("socket.pdf");
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", folder, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is a folder"));
  g_assert_cmpint (g_lstat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (socket_path);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--caseload", "-o", socket_path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is a socket"));
  g_assert_cmpint (g_lstat (socket_path, &st), ==, 0);
  g_assert_true (S_ISSOCK (st.st_mode));
  g_assert_cmpuint (count_temp_files ("socket.pdf"), ==, 0);
}

/* A leftover of a killed export holds patient data: the next export
 * removes it, but never the file of an export still being written. */
static void
test_export_removes_leftovers (void)
{
  g_autofree char *db = make_demo ("leftover.db");
  g_autofree char *target = path_in_dir ("leftover.json");
  g_autofree char *stale = path_in_dir (".leftover.json.glide-Ab3xYz");
  g_autofree char *other = path_in_dir (".other.pdf.glide-Q1w2E3");
  g_autofree char *live = path_in_dir (".leftover.json.glide-L1ve00");
  g_autofree char *unrelated = path_in_dir (".leftover.json.glide-notes");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int live_fd;

  g_assert_true (g_file_set_contents (stale, "{ \"patients\": [", -1, NULL));
  g_assert_true (g_file_set_contents (other, "%PDF-1.4", -1, NULL));
  g_assert_true (g_file_set_contents (live, "{", -1, NULL));
  g_assert_true (g_file_set_contents (unrelated, "mine", -1, NULL));
  /* An export in progress holds a lock on its temporary file. */
  live_fd = g_open (live, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (live_fd, >=, 0);
  g_assert_cmpint (flock (live_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", target, NULL), ==, 0);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
  close (live_fd);
  g_unlink (live);
  g_unlink (unrelated);
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit fsize = { GPOINTER_TO_SIZE (user_data), GPOINTER_TO_SIZE (user_data) };
  struct rlimit core = { 0, 0 };

  setrlimit (RLIMIT_CORE, &core);
  setrlimit (RLIMIT_FSIZE, &fsize);
  signal (SIGXFSZ, SIG_DFL);
}

/* A kill in the middle of writing: the kernel sends SIGXFSZ to a process
 * that writes past its file size limit, at a known byte, with no sleeps and
 * no hook in the program. */
static void
test_killed_export_leaves_nothing_behind (void)
{
  g_autofree char *db = make_demo ("killed.db");
  g_autofree char *target = path_in_dir ("killed.json");
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", dir, TRUE);
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", db, "--export-json", target, NULL };
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *leftover = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *entry;
  GStatBuf st;
  int status = 0;

  g_assert_true (g_file_set_contents (target, "previous\n", -1, NULL));
  before = glide_test_file_checksum (target);

  g_spawn_sync (dir, (char **) argv, env, G_SPAWN_DEFAULT, limit_file_size,
                GSIZE_TO_POINTER (64 * 1024), &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGXFSZ);

  /* Killed while writing: the previous file is as it was, and the partial
   * document lies in a hidden, private file that says whose it is. */
  after = glide_test_file_checksum (target);
  g_assert_cmpstr (after, ==, before);
  folder = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (entry, ".killed.json.glide-"))
      leftover = path_in_dir (entry);
  g_assert_nonnull (leftover);
  g_assert_cmpint (g_stat (leftover, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The next export cleans it up. */
  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", target, NULL), ==, 0);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temp_files ("killed.json"), ==, 0);
  g_assert_true (g_file_get_contents (target, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"glide-interchange\","));
}

/* When the audit row of an export cannot be committed, no document leaves:
 * the previous file at the path is kept byte for byte and nothing else is
 * left behind. The commit is made to fail as a hostile database could: a
 * deferred foreign key, checked only at COMMIT, broken by every audit row. */
static void
test_failed_audit_keeps_previous_file (void)
{
  g_autofree char *db = make_demo ("audit-fails.db");
  g_autofree char *pdf = path_in_dir ("previous.pdf");
  g_autofree char *json = path_in_dir ("previous.json");
  g_autofree char *pdf_before = NULL;
  g_autofree char *json_before = NULL;
  g_autofree char *pdf_after = NULL;
  g_autofree char *json_after = NULL;
  g_autofree char *exports_before = NULL;
  g_autofree char *exports_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *count_exports = "SELECT count(*) FROM audit_log WHERE action = 'export'";

  g_assert_cmpint (glide_test_sql_exec (db,
                                        "CREATE TABLE trap (x INTEGER REFERENCES patients (id)"
                                        " DEFERRABLE INITIALLY DEFERRED);"
                                        " CREATE TRIGGER trap_audit AFTER INSERT ON audit_log"
                                        " BEGIN INSERT INTO trap VALUES (-1); END;",
                                        NULL), ==, 0);
  exports_before = glide_test_sql_text (db, count_exports);
  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4 the previous report\n", -1, NULL));
  g_assert_true (g_file_set_contents (json, "{ \"previous\": true }\n", -1, NULL));
  pdf_before = glide_test_file_checksum (pdf);
  json_before = glide_test_file_checksum (json);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--report", "P-1007", "-o", pdf, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "audit log"));
  pdf_after = glide_test_file_checksum (pdf);
  g_assert_cmpstr (pdf_after, ==, pdf_before);
  g_assert_cmpuint (count_temp_files ("previous.pdf"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", json, NULL), ==, 1);
  g_test_message ("%s", err);
  json_after = glide_test_file_checksum (json);
  g_assert_cmpstr (json_after, ==, json_before);
  g_assert_cmpuint (count_temp_files ("previous.json"), ==, 0);

  exports_after = glide_test_sql_text (db, count_exports);
  g_assert_cmpstr (exports_after, ==, exports_before);
}

static void
write_into_broken_pipe (gpointer user_data)
{
  signal (SIGPIPE, SIG_IGN);
  dup2 (GPOINTER_TO_INT (user_data), STDOUT_FILENO);
}

/* Putting the document in place can still fail after its audit entry was
 * committed (here: standard output is a pipe nobody reads any more); the
 * log must then say it was not written, and the user must hear so. */
static void
test_unwritten_export_is_audited (void)
{
  g_autofree char *db = make_demo ("unwritten.db");
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", dir, TRUE);
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", db, "--export-json", "-",
                         "--patient", "P-1007", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *entries = NULL;
  int fds[2];
  int status = 0;

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  close (fds[0]);
  g_spawn_sync (dir, (char **) argv, env, G_SPAWN_DEFAULT, write_into_broken_pipe,
                GINT_TO_POINTER (fds[1]), NULL, &err, &status, &error);
  close (fds[1]);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "The export is in the audit log, but the document could not "
                                 "be put in place (the audit log says so too)"));

  entries = glide_test_sql_text (db, "SELECT chart, details FROM audit_log"
                                     " WHERE action = 'export' ORDER BY id");
  g_assert_cmpstr (entries, ==, "P-1007|JSON to standard output\n"
                                "P-1007|JSON to standard output was NOT written: Cannot write to "
                                "standard output: Broken pipe\n");
}

/* ---- hostile paths and values ------------------------------------------------ */

/* Runs glide -d @db with up to four more arguments: it must exit @status
 * with @expected in its message, and @watched keep its sessions. */
static void
assert_write_refused (const char        *db,
                      const char *const  args[4],
                      int                status,
                      const char        *expected,
                      const char        *watched)
{
  g_autofree char *before = glide_test_sql_text (watched, "SELECT count(*) FROM sessions");
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_test_message ("%s %s", args[0], args[1]);
  g_assert_cmpint (glide (&out, &err, "-d", db, args[0], args[1], args[2], args[3], NULL), ==,
                   status);
  if (strstr (err, expected) == NULL)
    g_error ("expected \"%s\" in: %s", expected, err);
  after = glide_test_sql_text (watched, "SELECT count(*) FROM sessions");
  g_assert_cmpstr (after, ==, before);
}

/* An output that is the database itself (by name, relative, through a link,
 * as a hard link, or its write-ahead log) is refused before anything is
 * written: a PDF or a JSON file over it destroyed every record. */
static void
test_output_is_not_the_database (void)
{
  g_autofree char *db = make_demo ("self.db");
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *symbolic = path_in_dir ("self-link.pdf");
  g_autofree char *hard = path_in_dir ("self-hard.json");
  const char *const cases[][4] = {
    { "--export-json", db, NULL },
    { "--export-json", "self.db", NULL },
    { "--export-json", wal, NULL },
    { "--export-json", hard, NULL },
    { "--export-fhir", db, NULL },
    { "--caseload", "-o", db, NULL },
    { "--caseload", "-o", symbolic, NULL },
    { "--report", "P-1001", "-o", db },
    { "--backup", db, "--force", NULL },
  };

  g_assert_cmpint (symlink ("self.db", symbolic), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      assert_write_refused (db, cases[i], 2, "is the database itself (or one of its files): "
                            "writing there would destroy the records; give another file", db);
      g_assert_cmpint (glide (&out, &err, "-d", db, "--check", NULL), ==, 0);
    }
}

/* No writer puts a document over any database, nor at a database's -wal,
 * -shm or -journal name: the guard is in the one place every export and
 * PDF goes through (glide-atomic-file.c), so the window's file chooser,
 * pointed at a backup or at the clinic's own file, is refused as well. */
static void
test_document_never_over_a_database (void)
{
  g_autofree char *db = make_demo ("clinic.db");
  g_autofree char *other = make_demo ("backup.db");
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  const char *const cases[][4] = {
    { "--export-json", other, NULL },
    { "--export-fhir", other, NULL },
    { "--report", "P-1001", "-o", other },
    { "--caseload", "-o", other, NULL },
    { "--export-json", other_wal, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_write_refused (db, cases[i], 1, i + 1 < G_N_ELEMENTS (cases) ?
                            "which a document would destroy" :
                            "a document there would damage that database", other);
      g_assert_false (g_file_test (other_wal, G_FILE_TEST_EXISTS));
    }
}

/* Restoring: an empty file, the database itself, and a backup edited by
 * hand, each refused with a message that says what it is, on one line. */
static void
test_restore_refusals (void)
{
  g_autofree char *db = make_demo ("restore-into.db");
  g_autofree char *empty = path_in_dir ("empty-backup.db");
  g_autofree char *edited = path_in_dir ("edited-backup.db");
  g_autofree char *trigger = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (glide (&out, &err, "-d", db, "--restore", empty, "--force", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "empty-backup.db is empty (0 bytes), so it is not a Glide "
                                 "backup"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--restore", db, "--force", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "restore-into.db is the database itself, not a backup of it"));
  g_assert_null (strstr (err, "in use"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--backup", edited, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  trigger = glide_test_sql_text (edited, "SELECT sql FROM sqlite_master"
                                         " WHERE name = 'sessions_signed_no_update'");
  edit = g_strdup_printf ("DROP TRIGGER sessions_signed_no_update;"
                          " UPDATE sessions SET note = 'forged' WHERE id ="
                          "  (SELECT min(id) FROM sessions WHERE signed_at IS NOT NULL);"
                          " %s;", trigger);
  g_assert_cmpint (glide_test_sql_exec (edited, edit, NULL), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--restore", edited, "--force", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "failed the check (Records: 1 of "));
  g_assert_nonnull (strstr (err, "do not match the audit log: session 1 (P-1001"));
  g_assert_nonnull (strstr (err, "no longer matches its seal)"));
  g_assert_null (strstr (err, "\\u000A"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--check", NULL), ==, 0);
}

/* A copy of a database in use (WAL mode, not a backup Glide made) read to
 * be restored: nothing is left beside it (a read-only reader left its -wal
 * and -shm files on the backup disk); a -wal that was there stays. */
static void
test_restore_leaves_backup_alone (void)
{
  g_autofree char *db = make_demo ("live.db");
  g_autofree char *copy = path_in_dir ("live-copy.db");
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *target = path_in_dir ("restored-from-copy.db");
  g_autofree char *again = path_in_dir ("restored-again.db");
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize length;

  g_assert_cmpint (glide_test_sql_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, 0);
  g_assert_true (g_file_get_contents (db, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, length, NULL));
  g_assert_cmpint (glide (&out, &err, "-d", target, "--restore", copy, NULL), ==, 0);
  g_assert_false (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy_shm, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (copy_wal, "", 0, NULL));
  g_assert_cmpint (glide (&out, &err, "-d", again, "--restore", copy, NULL), ==, 0);
  g_assert_true (g_file_test (copy_wal, G_FILE_TEST_EXISTS));
}

/* A database its owner made read-only stays read-only: only group and
 * others lose their access (it was made 0600, writable). */
static void
test_read_only_database_stays_read_only (void)
{
  g_autofree char *db = make_demo ("read-only.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  g_assert_cmpint (g_chmod (db, 0444), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--check", NULL), ==, 0);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0400);
}

typedef struct
{
  const char *db;
  const char *fifo;
  int         status;
  char       *err;
} FifoImport;

static gpointer
run_import_from_fifo (gpointer user_data)
{
  FifoImport *run = user_data;
  g_autofree char *out = NULL;

  run->status = glide (&out, &run->err, "-d", run->db, "--import", run->fifo, NULL);
  return NULL;
}

/* A pipe or a device is read into memory: one that never ends (/dev/zero)
 * took all of it. The reading stops at the first NUL byte, which no JSON
 * document holds. */
static void
test_import_from_endless_pipe (void)
{
  g_autofree char *db = path_in_dir ("endless.db");
  g_autofree char *fifo = path_in_dir ("endless.json");
  g_autofree char *zeros = g_malloc0 (64 * 1024);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  FifoImport run = { db, fifo, -1, NULL };
  gsize written = 0;
  GThread *thread;
  int writer;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  thread = g_thread_new ("import", run_import_from_fifo, &run);
  writer = g_open (fifo, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (writer, >=, 0);
  /* At most 64 MiB, so that a reader that does not stop cannot take much. */
  while (written < 64 * 1024 * 1024)
    {
      gssize n = write (writer, zeros, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_assert_cmpint (errno, ==, EPIPE);
          break;
        }
      written += n;
    }
  close (writer);
  g_thread_join (thread);

  g_test_message ("%s (%" G_GSIZE_FORMAT " bytes written)", run.err, written);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not valid JSON at line 1, column 1: expected a value, "
                                     "got U+0000"));
  g_assert_cmpuint (written, <, 1024 * 1024);
  g_free (run.err);

  /* A device that never ends, the same. */
  g_assert_cmpint (glide (&out, &err, "-d", db, "--import", "/dev/zero", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "expected a value, got U+0000"));
}

/* A code the database's checks would never let in (the file was edited or
 * damaged outside Glide) was exported as null, or not at all: a document
 * no Glide imports, reported as a success. Each export refuses it and names
 * the patient, the session and the field. */
static void
test_export_refuses_unknown_code (void)
{
  g_autofree char *db = make_demo ("unknown-code.db");
  g_autofree char *json = path_in_dir ("unknown-code.json");
  g_autofree char *fhir = path_in_dir ("unknown-code.fhir.json");
  g_autofree char *csv = path_in_dir ("unknown-code-csv");
  g_autofree char *data_home = g_strdup_printf ("XDG_DATA_HOME=%s", dir);
  /* The store says what it read with a critical message: not fatal here. */
  const char *env[] = { data_home, "G_DEBUG=", NULL };
  g_autofree char *start = glide_test_sql_text (db, "SELECT start FROM sessions WHERE id ="
                                                    " (SELECT min(id) FROM sessions"
                                                    "  WHERE signed_at IS NULL)");
  g_autofree char *expected = NULL;
  const char *const commands[][2] = {
    { "--export-json", json }, { "--export-fhir", fhir }, { "--export-csv", csv },
  };

  g_strchomp (start);
  expected = g_strdup_printf (", session of %s: its stroke on file is not a code Glide knows: "
                              "the database was changed outside Glide", start);
  g_assert_cmpint (glide_test_sql_exec (db, "PRAGMA ignore_check_constraints = 1;"
                                            " UPDATE treatments SET stroke = 'o?cillating'"
                                            " WHERE session_id = (SELECT min(id) FROM sessions"
                                            "  WHERE signed_at IS NULL)", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (args, (gpointer) "-d");
      g_ptr_array_add (args, db);
      g_ptr_array_add (args, (gpointer) commands[i][0]);
      g_ptr_array_add (args, (gpointer) commands[i][1]);
      g_assert_cmpint (glide_test_run_glide (dir, env, args, &out, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, expected));
      g_assert_nonnull (strstr (err, "Nothing was exported."));
    }
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fhir, G_FILE_TEST_EXISTS));
}

/* What succeeds says so without sending a file name's or the database's
 * control characters to the terminal (errors were escaped; the messages of
 * success, and --check's findings on a database edited by hand, were not). */
static void
test_success_messages_escape_controls (void)
{
  g_autofree char *db = make_demo ("escape.db");
  g_autofree char *file = path_in_dir ("x\033]0;pwned\007.json");
  g_autofree char *pdf = path_in_dir ("r\033[2J.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-json", file, "--patient", "P-1001",
                          NULL), ==, 0);
  g_assert_nonnull (strstr (err, "x\\u001B]0;pwned\\u0007.json"));
  g_assert_null (strchr (err, '\033'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--import", file, "--merge", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "x\\u001B]0;pwned\\u0007.json"));
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\007'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide (&out, &err, "-d", db, "--caseload", "-o", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "r\\u001B[2J.pdf"));
  g_assert_null (strchr (out, '\033'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A name written outside Glide, past the database's checks. */
  g_assert_cmpint (glide_test_sql_exec (db, "PRAGMA ignore_check_constraints = 1;"
                                            " UPDATE patients SET family_name ="
                                            "  char(27) || '[2JEvil' WHERE chart = 'P-1001'",
                                        NULL), ==, 0);
  g_assert_cmpint (glide (&out, &err, "-d", db, "--check", NULL), ==, 1);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "patient 1 (P-1001, \\u001B[2JEvil)"));
  g_assert_nonnull (strstr (out, ":\n      patient 1"));
  g_assert_null (strchr (out, '\033'));
}

/* A CSV period that ends before it starts is refused, not exported as four
 * empty files. */
static void
test_csv_period_reversed (void)
{
  g_autofree char *db = make_demo ("csv-period.db");
  g_autofree char *folder = path_in_dir ("csv-reversed");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (glide (&out, &err, "-d", db, "--export-csv", folder, "--from", "2026-12-01",
                          "--to", "2026-01-01", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "The period starts on 2026-12-01, after its end on 2026-01-01"));
  g_assert_nonnull (strstr (err, "Nothing was exported."));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = glide_test_make_tmpdir ();

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/demo-export-import-export", test_demo_export_import_export);
  g_test_add_func ("/cli/export-to-stdout-and-errors", test_export_to_stdout_and_errors);
  g_test_add_func ("/cli/check-catches-hand-edit", test_check_catches_hand_edit);
  g_test_add_func ("/cli/refuses-bad-files", test_refuses_bad_files);
  g_test_add_func ("/cli/refuses-uri", test_refuses_uri);
  g_test_add_func ("/cli/server-commands-on-sqlite", test_server_commands_on_sqlite);
  g_test_add_func ("/cli/default-location", test_default_location);
  g_test_add_func ("/cli/export-into-fifo", test_export_into_fifo);
  g_test_add_func ("/cli/export-into-device", test_export_into_device);
  g_test_add_func ("/cli/export-through-symlink", test_export_through_symlink);
  g_test_add_func ("/cli/export-refuses-folder-and-socket", test_export_refuses_folder_and_socket);
  g_test_add_func ("/cli/export-removes-leftovers", test_export_removes_leftovers);
  g_test_add_func ("/cli/killed-export-leaves-nothing-behind",
                   test_killed_export_leaves_nothing_behind);
  g_test_add_func ("/cli/failed-audit-keeps-previous-file", test_failed_audit_keeps_previous_file);
  g_test_add_func ("/cli/unwritten-export-is-audited", test_unwritten_export_is_audited);
  g_test_add_func ("/cli/output-is-not-the-database", test_output_is_not_the_database);
  g_test_add_func ("/cli/document-never-over-a-database", test_document_never_over_a_database);
  g_test_add_func ("/cli/read-commands-need-the-database", test_read_commands_need_the_database);
  g_test_add_func ("/cli/restore-refusals", test_restore_refusals);
  g_test_add_func ("/cli/restore-leaves-backup-alone", test_restore_leaves_backup_alone);
  g_test_add_func ("/cli/read-only-database-stays-read-only",
                   test_read_only_database_stays_read_only);
  g_test_add_func ("/cli/csv-period-reversed", test_csv_period_reversed);
  g_test_add_func ("/cli/import-from-endless-pipe", test_import_from_endless_pipe);
  g_test_add_func ("/cli/export-refuses-unknown-code", test_export_refuses_unknown_code);
  g_test_add_func ("/cli/success-messages-escape-controls",
                   test_success_messages_escape_controls);

  status = g_test_run ();
  glide_test_remove_tree (dir);
  g_free (dir);
  return status;
}
