/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the glide command line, run as a user would run it: without a
 * display, checking exit status, messages and files. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

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
    { "--demo", "--check", "give one of --import, --export-json, --demo, --check, --report, "
                           "--summary, --caseload and --set-paper at a time" },
    { "--report=P-1", NULL, "--report, --summary and --caseload need --output FILE.pdf" },
    { "--course=2", NULL, "--course only goes with --report or --summary" },
    { "--from=2026-01-01", NULL, "--from and --to only go with --caseload" },
    { "--output=x.pdf", NULL, "--output and --paper only go with --report, --summary or --caseload" },
    { "--caseload", "--demo", "give one of" },
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
  g_test_add_func ("/cli/default-location", test_default_location);

  status = g_test_run ();
  glide_test_remove_tree (dir);
  g_free (dir);
  return status;
}
