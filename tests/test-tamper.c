/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tamper.c: the record edited behind Glide's back, as anyone with the
 * file can: the sqlite3 shell (foreign keys off, no recursive triggers) on a
 * demo clinic. Each edit must be refused by the database itself or show as a
 * FAIL line of glide --check that names what changed. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "glide-test-utils.h"

static char *dir;       /* the demo clinic, made once */
static char *data_home; /* XDG_DATA_HOME of every glide run: where anchors live */

#define SIGNED "(SELECT min(id) FROM sessions WHERE signed_at IS NOT NULL)"
#define DRAFT "(SELECT min(id) FROM sessions WHERE signed_at IS NULL)"
#define ADDENDUM "(SELECT min(id) FROM addenda)"
/* Drops a protective trigger, runs the edit, puts the trigger back exactly. */
#define AROUND_TRIGGER(name, create, edit) \
  "DROP TRIGGER " name "; " edit "; " create ";"
#define SESSIONS_NO_UPDATE \
  "CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions" \
  "  WHEN OLD.signed_at IS NOT NULL" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END"
#define SESSIONS_NO_DELETE \
  "CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions" \
  "  WHEN OLD.signed_at IS NOT NULL" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be deleted'); END"
#define AUDIT_NO_UPDATE \
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END"
#define AUDIT_NO_DELETE \
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END"
#define CONTENT_NO_UPDATE \
  "CREATE TRIGGER audit_content_no_update BEFORE UPDATE ON audit_content" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END"
#define CONTENT_NO_DELETE \
  "CREATE TRIGGER audit_content_no_delete BEFORE DELETE ON audit_content" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END"
#define ADDENDA_NO_UPDATE \
  "CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END"
#define ADDENDA_NO_DELETE \
  "CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END"
#define TREATMENTS_NO_UPDATE \
  "CREATE TRIGGER treatments_signed_no_update BEFORE UPDATE ON treatments" \
  "  WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL" \
  " OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END"
#define MEASURES_NO_INSERT \
  "CREATE TRIGGER measures_signed_no_insert BEFORE INSERT ON measures" \
  "  WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END"

typedef struct
{
  const char *name;
  const char *sql;
  const char *refused;   /* the database's message, or NULL: the edit goes through */
  const char *item;      /* then the --check line that must FAIL */
  const char *says;      /* and what it must say */
} Attack;

static const Attack attacks[] = {
  /* Refused by the database itself. */
  { "replace-signed-session",
    "INSERT OR REPLACE INTO sessions (id, course_id, start, therapist_id, note)"
    " SELECT id, course_id, start, therapist_id, 'rewritten' FROM sessions WHERE id = " SIGNED,
    "a signed session cannot be changed", NULL, NULL },
  { "insert-session-already-signed",
    "INSERT INTO sessions (course_id, start, therapist_id, signed_by, signed_at)"
    " VALUES (1, '2026-11-01T09:00:00', 1, 1, '2026-11-01T10:00:00')",
    "a signed session cannot be changed", NULL, NULL },
  { "replace-signed-treatment-into-draft",
    "INSERT OR REPLACE INTO treatments (id, session_id, position, site, side, stroke, duration_s,"
    " edge, technique, pressure, redness, petechiae, note)"
    " SELECT t.id, " DRAFT ", 99, t.site, t.side, t.stroke, t.duration_s, t.edge, t.technique,"
    " t.pressure, t.redness, t.petechiae, 'moved' FROM treatments t WHERE t.session_id = " SIGNED
    " LIMIT 1",
    "a signed session cannot be changed", NULL, NULL },
  { "replace-signed-measure",
    "INSERT OR REPLACE INTO measures (id, session_id, measure, side, timing, value)"
    " SELECT id, session_id, measure, side, timing, 0 FROM measures WHERE session_id = " SIGNED
    " LIMIT 1",
    "a signed session cannot be changed", NULL, NULL },
  { "replace-addendum",
    "INSERT OR REPLACE INTO addenda (id, session_id, therapist_id, at, text)"
    " SELECT id, session_id, therapist_id, at, 'rewritten' FROM addenda WHERE id = " ADDENDUM,
    "addenda are append-only", NULL, NULL },
  { "replace-audit-entry-keeping-hash",
    "INSERT OR REPLACE INTO audit_log SELECT id, at, actor, action, chart, entity, 'nothing',"
    " prev_hash, hash, content FROM audit_log WHERE id = 5",
    "the audit log is append-only", NULL, NULL },
  { "replace-audit-head",
    "INSERT OR REPLACE INTO audit_head SELECT 1, last_id - 1, count - 1, hash, database_id"
    " FROM audit_head",
    "the audit log is append-only", NULL, NULL },
  { "replace-record-digest",
    "INSERT OR REPLACE INTO audit_content SELECT audit_id, entity, NULL FROM audit_content"
    " LIMIT 1",
    "the audit log is append-only", NULL, NULL },
  { "update-signed-note",
    "UPDATE sessions SET note = 'rewritten' WHERE id = " SIGNED,
    "a signed session cannot be changed", NULL, NULL },
  { "delete-signed-session",
    "DELETE FROM sessions WHERE id = " SIGNED,
    "a signed session cannot be deleted", NULL, NULL },
  { "update-audit-entry",
    "UPDATE audit_log SET details = 'x' WHERE id = 3",
    "the audit log is append-only", NULL, NULL },

  /* Let through by SQLite, shown by --check. */
  { "unsign-change-resign",
    "PRAGMA foreign_keys = OFF;"
    "CREATE TEMP TABLE keep AS SELECT * FROM sessions WHERE id = " SIGNED ";"
    AROUND_TRIGGER ("sessions_signed_no_delete", SESSIONS_NO_DELETE,
                    "DELETE FROM sessions WHERE id = (SELECT id FROM keep)")
    "INSERT INTO sessions SELECT id, course_id, start, therapist_id, emollient, note, home_program,"
    " contraindication_override, NULL, NULL FROM keep;"
    "UPDATE measures SET value = 1 WHERE session_id = (SELECT id FROM keep) AND measure = 'pain';"
    "UPDATE sessions SET signed_by = (SELECT signed_by FROM keep),"
    " signed_at = (SELECT signed_at FROM keep) WHERE id = (SELECT id FROM keep)",
    NULL, "Records", "changed outside Glide after it was signed" },
  { "signed-note-around-trigger",
    AROUND_TRIGGER ("sessions_signed_no_update", SESSIONS_NO_UPDATE,
                    "UPDATE sessions SET note = 'rewritten' WHERE id = " SIGNED),
    NULL, "Records", "changed outside Glide after it was signed" },
  { "signed-treatment-duration",
    AROUND_TRIGGER ("treatments_signed_no_update", TREATMENTS_NO_UPDATE,
                    "UPDATE treatments SET duration_s = 600 WHERE session_id = " SIGNED),
    NULL, "Records", "signed" },
  { "measure-added-to-signed",
    AROUND_TRIGGER ("measures_signed_no_insert", MEASURES_NO_INSERT,
                    "INSERT INTO measures (session_id, measure, side, timing, value)"
                    " VALUES (" SIGNED ", 'ankle-dorsiflexion', 'right', 'pre', 12)"),
    NULL, "Records", "changed outside Glide after it was signed" },
  { "forged-signed-session",
    "INSERT INTO sessions (course_id, start, therapist_id)"
    " VALUES (1, '2026-11-20T09:00:00', 1);"
    "INSERT INTO measures (session_id, measure, side, timing, value)"
    " VALUES (last_insert_rowid (), 'pain', NULL, 'pre', 2);"
    "UPDATE sessions SET signed_by = 1, signed_at = '2026-11-20T10:00:00'"
    " WHERE id = (SELECT max(id) FROM sessions)",
    NULL, "Records", "added outside Glide" },
  { "draft-signed-behind-glide",
    "UPDATE sessions SET signed_by = therapist_id, signed_at = start WHERE id = " DRAFT,
    NULL, "Records", "changed outside Glide: it does not match" },
  { "patient-renamed",
    "UPDATE patients SET family_name = 'Miller' WHERE chart = 'P-1001'",
    NULL, "Records", "patient 1 (P-1001, Miller): changed outside Glide" },
  { "birth-date-changed",
    "UPDATE patients SET birth_date = '1990-01-01' WHERE chart = 'P-1002'",
    NULL, "Records", "patient 2 (P-1002" },
  { "signing-therapist-renamed",
    "UPDATE therapists SET name = 'Someone Else' WHERE code = 'dw'",
    NULL, "Records", "therapist 1 (dw, Someone Else): changed outside Glide" },
  { "course-diagnosis-changed",
    "UPDATE courses SET diagnosis = 'Something else' WHERE id = 1",
    NULL, "Records", "course 1" },
  { "screening-changed",
    "UPDATE screening SET present = 1 - present WHERE id = (SELECT min(id) FROM screening)",
    NULL, "Records", "screening" },
  { "clinic-renamed",
    "UPDATE clinic SET name = 'Another clinic'",
    NULL, "Records", "clinic 1" },
  { "addendum-text-changed",
    AROUND_TRIGGER ("addenda_no_update", ADDENDA_NO_UPDATE,
                    "UPDATE addenda SET text = 'rewritten' WHERE id = " ADDENDUM),
    NULL, "Records", "addendum" },
  { "addendum-deleted",
    AROUND_TRIGGER ("addenda_no_delete", ADDENDA_NO_DELETE,
                    "DELETE FROM addenda WHERE id = " ADDENDUM),
    NULL, "Records", "deleted outside Glide" },
  { "addendum-forged",
    "INSERT INTO addenda (session_id, therapist_id, at, text)"
    " VALUES (" SIGNED ", 1, '2026-11-30T10:00:00', 'forged')",
    NULL, "Records", "added outside Glide" },
  { "patient-deleted-with-everything",
    "PRAGMA foreign_keys = OFF;"
    "DROP TRIGGER sessions_signed_no_delete; DROP TRIGGER treatments_signed_no_delete;"
    "DROP TRIGGER measures_signed_no_delete; DROP TRIGGER addenda_no_delete;"
    "DELETE FROM addenda WHERE session_id IN (SELECT s.id FROM sessions s JOIN courses c"
    " ON c.id = s.course_id WHERE c.patient_id = 3);"
    "DELETE FROM treatments WHERE session_id IN (SELECT s.id FROM sessions s JOIN courses c"
    " ON c.id = s.course_id WHERE c.patient_id = 3);"
    "DELETE FROM measures WHERE session_id IN (SELECT s.id FROM sessions s JOIN courses c"
    " ON c.id = s.course_id WHERE c.patient_id = 3);"
    "DELETE FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE patient_id = 3);"
    "DELETE FROM courses WHERE patient_id = 3; DELETE FROM screening WHERE patient_id = 3;"
    "DELETE FROM patient_words WHERE patient_id = 3; DELETE FROM patients WHERE id = 3;"
    SESSIONS_NO_DELETE ";"
    "CREATE TRIGGER treatments_signed_no_delete BEFORE DELETE ON treatments"
    "  WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL"
    "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
    "CREATE TRIGGER measures_signed_no_delete BEFORE DELETE ON measures"
    "  WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL"
    "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
    ADDENDA_NO_DELETE,
    NULL, "Records", "patient 3 (P-1003): deleted outside Glide" },
  { "trigger-dropped",
    "DROP TRIGGER sessions_signed_no_update",
    NULL, "Schema and triggers", "trigger sessions_signed_no_update is missing" },
  { "trigger-disarmed",
    "DROP TRIGGER addenda_no_update;"
    "CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda WHEN 0"
    "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END",
    NULL, "Schema and triggers", "trigger addenda_no_update was altered" },
  { "trigger-added",
    "CREATE TRIGGER sneaky AFTER INSERT ON sessions BEGIN SELECT 1; END",
    NULL, "Schema and triggers", "trigger sneaky was added outside Glide" },
  { "index-dropped",
    "DROP INDEX sessions_course",
    NULL, "Schema and triggers", "index sessions_course is missing" },
  { "audit-entry-rewritten",
    AROUND_TRIGGER ("audit_log_no_update", AUDIT_NO_UPDATE,
                    "UPDATE audit_log SET actor = 'ko' WHERE id = 7"),
    NULL, "Audit log", "audit entry 7 (" },
  { "audit-entry-deleted",
    "PRAGMA foreign_keys = OFF;"
    AROUND_TRIGGER ("audit_log_no_delete", AUDIT_NO_DELETE,
                    "DELETE FROM audit_log WHERE id = 12"),
    NULL, "Audit log", "audit entry 12 is missing" },
  { "audit-entry-appended",
    "INSERT INTO audit_log (id, at, actor, action, chart, entity, details, prev_hash, hash)"
    " SELECT last_id + 1, '2026-12-01T00:00:00.000Z', 'dw', 'view', NULL, 'x', '', hash, hash"
    " FROM audit_head",
    NULL, "Audit log", "was altered: its content does not match its hash" },
  { "record-digest-altered",
    AROUND_TRIGGER ("audit_content_no_update", CONTENT_NO_UPDATE,
                    "UPDATE audit_content SET digest = NULL WHERE audit_id = 20"),
    NULL, "Audit log", "record digests of audit entry 20" },
  { "record-digest-deleted",
    AROUND_TRIGGER ("audit_content_no_delete", CONTENT_NO_DELETE,
                    "DELETE FROM audit_content WHERE audit_id = 21"),
    NULL, "Audit log", "record digests of audit entry 21" },
  { "truncated-with-head-edited",
    "PRAGMA foreign_keys = OFF;"
    "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_content_no_delete;"
    "DELETE FROM audit_content WHERE audit_id = (SELECT last_id FROM audit_head);"
    "DELETE FROM audit_log WHERE id = (SELECT last_id FROM audit_head);"
    "UPDATE audit_head SET last_id = last_id - 1, count = count - 1,"
    " hash = (SELECT hash FROM audit_log WHERE id = (SELECT max(id) FROM audit_log));"
    AUDIT_NO_DELETE "; " CONTENT_NO_DELETE,
    NULL, "Anchor", "the log ends before it" },
  { "head-hash-edited",
    "UPDATE audit_head SET hash = '0000'",
    NULL, "Audit log", "the head or the entries at the end were rewritten" },
  { "orphan-treatment",
    "PRAGMA foreign_keys = OFF;"
    "INSERT INTO treatments (session_id, position, site, side, stroke, duration_s, edge,"
    " technique, pressure, redness, petechiae, note)"
    " VALUES (99999, 0, 'calf', 'left', 'sustained', 60, 'convex', 'scanning', 'light', 'none',"
    " 0, '')",
    NULL, "Foreign keys", "treatments row" },
};

static int
run_glide (const char  *db,
           char       **out,
           char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *home = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  const char *env[] = { home, NULL };
  const char *arg;
  va_list list;

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, (gpointer) db);
  va_start (list, first);
  for (arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  return glide_test_run_glide (dir, env, args, out, err);
}

/* The line of --check output for an item, e.g. "  Records   FAIL  ...". */
static const char *
check_line (const char *out,
            const char *item)
{
  g_autofree char *prefix = g_strdup_printf ("\n  %s ", item);
  const char *line = strstr (out, prefix);

  return line ? line + 1 : NULL;
}

/* A copy of the demo clinic that Glide has written once at its own path,
 * so the anchor knows it. */
static char *
fresh_clinic (const char *name)
{
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (run_glide (path, NULL, NULL, "--set-paper=a4", NULL), ==, 0);
  return path;
}

static void
test_attack (gconstpointer data)
{
  const Attack *attack = data;
  g_autofree char *name = g_strdup_printf ("%s.db", attack->name);
  g_autofree char *path = fresh_clinic (name);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shell_err = NULL;
  const char *shell[] = { g_getenv ("SQLITE3"), path, attack->sql, NULL };
  int shell_status;

  /* Intact before. */
  g_assert_cmpint (run_glide (path, &out, &err, "--check", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  shell_status = glide_test_run (shell, NULL, &shell_err);
  g_test_message ("sqlite3: %d %s", shell_status, shell_err ? shell_err : "");

  if (attack->refused != NULL)
    {
      g_assert_cmpint (shell_status, !=, 0);
      g_assert_nonnull (strstr (shell_err, attack->refused));
      /* Nothing changed: the check still passes. */
      g_assert_cmpint (run_glide (path, &out, &err, "--check", NULL), ==, 0);
      return;
    }

  g_assert_cmpint (shell_status, ==, 0);
  g_assert_cmpint (run_glide (path, &out, &err, "--check", NULL), ==, 1);
  g_test_message ("%s", out);
  {
    const char *line = check_line (out, attack->item);
    g_autofree char *item_text = NULL;
    const char *next;

    g_assert_nonnull (line);
    next = strstr (line + 2, "\n  ");
    while (next != NULL && next[3] == ' ')   /* continuation lines of the same item */
      next = strstr (next + 1, "\n  ");
    item_text = next ? g_strndup (line, next - line) : g_strdup (line);
    g_assert_nonnull (strstr (item_text, "FAIL"));
    g_assert_nonnull (strstr (item_text, attack->says));
  }
  g_assert_nonnull (strstr (out, "FAILED the check"));
}

/* The whole file put back to an older copy of itself: a consistent chain,
 * but not the one this computer saw last. */
static void
test_older_copy_put_back (void)
{
  g_autofree char *path = fresh_clinic ("older.db");
  g_autofree char *older = g_build_filename (dir, "older.db.copy", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (older, contents, length, NULL));
  g_assert_cmpint (run_glide (path, NULL, NULL, "--set-paper=letter", NULL), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  g_assert_cmpint (run_glide (path, &out, NULL, "--check", NULL), ==, 1);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (check_line (out, "Anchor"), "the log ends before it"));
}

/* The chain rewritten from some entry on by a Glide that does not share
 * this computer's anchors: every hash is consistent, the anchor is not. */
static void
test_chain_rewritten (void)
{
  g_autofree char *path = fresh_clinic ("rewritten.db");
  g_autofree char *other_home = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *other_env = g_strdup_printf ("XDG_DATA_HOME=%s", other_home);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { other_env, NULL };
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (run_glide (path, NULL, NULL, "--set-paper=letter", NULL), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, path);
  g_ptr_array_add (args, (gpointer) "--set-paper=a4");
  g_assert_cmpint (glide_test_run_glide (dir, env, args, NULL, NULL), ==, 0);

  g_assert_cmpint (run_glide (path, &out, NULL, "--check", NULL), ==, 1);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (check_line (out, "Audit log"), "ok"));
  g_assert_nonnull (strstr (check_line (out, "Anchor"), "the chain was rewritten"));
}

/* A copy elsewhere has no anchor: --check passes and says what it cannot prove. */
static void
test_copy_without_anchor (void)
{
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (run_glide (copy, &out, NULL, "--check", NULL), ==, 0);
  g_assert_nonnull (strstr (check_line (out, "Anchor"), "a rewrite of the whole chain would not show"));
  g_assert_nonnull (strstr (check_line (out, "Records"), "168 sessions (164 signed), 3 addenda, 14 patients"));
}

/* A backup carries its anchor: one altered after it was made (entries cut
 * off the end and the head edited to match) is refused by restore; a
 * restored database starts with an anchor of its own. */
static void
test_backup_anchor (void)
{
  g_autofree char *path = fresh_clinic ("backed-up.db");
  g_autofree char *backup = g_build_filename (dir, "backed-up-copy.db", NULL);
  g_autofree char *restored = g_build_filename (dir, "restored.db", NULL);
  g_autofree char *refused = g_build_filename (dir, "refused.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *cut[] = { g_getenv ("SQLITE3"), backup,
                        "PRAGMA foreign_keys = OFF;"
                        "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_content_no_delete;"
                        "DELETE FROM audit_content WHERE audit_id = (SELECT last_id FROM audit_head);"
                        "DELETE FROM audit_log WHERE id = (SELECT last_id FROM audit_head);"
                        "UPDATE audit_head SET last_id = last_id - 1, count = count - 1,"
                        " hash = (SELECT hash FROM audit_log WHERE id = (SELECT max(id) FROM audit_log));"
                        AUDIT_NO_DELETE "; " CONTENT_NO_DELETE, NULL };

  g_assert_cmpint (run_glide (path, NULL, NULL, "--backup", backup, NULL), ==, 0);
  g_assert_cmpint (run_glide (backup, &out, NULL, "--check", NULL), ==, 0);
  g_assert_nonnull (strstr (check_line (out, "Anchor"), "matches the anchor"));
  g_clear_pointer (&out, g_free);

  /* Restored as it was: verified against its anchor, and anchored again. */
  g_assert_cmpint (run_glide (restored, NULL, &err, "--restore", backup, NULL), ==, 0);
  g_assert_cmpint (run_glide (restored, &out, NULL, "--check", NULL), ==, 0);
  g_assert_nonnull (strstr (check_line (out, "Anchor"), "matches the anchor"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The backup edited in place: its anchor no longer matches. */
  g_assert_cmpint (glide_test_run (cut, NULL, NULL), ==, 0);
  g_assert_cmpint (run_glide (refused, NULL, &err, "--restore", backup, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "Anchor"));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *demo = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = glide_test_make_tmpdir ();
  data_home = g_build_filename (dir, "data", NULL);
  demo = g_build_filename (dir, "demo.db", NULL);
  g_assert_cmpint (run_glide (demo, NULL, NULL, "--demo", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tamper/%s/%s",
                                               attacks[i].refused ? "refused" : "detected",
                                               attacks[i].name);

      g_test_add_data_func (path, &attacks[i], test_attack);
    }
  g_test_add_func ("/tamper/detected/older-copy-put-back", test_older_copy_put_back);
  g_test_add_func ("/tamper/detected/chain-rewritten", test_chain_rewritten);
  g_test_add_func ("/tamper/copy-without-anchor", test_copy_without_anchor);
  g_test_add_func ("/tamper/detected/backup-altered", test_backup_anchor);

  status = g_test_run ();
  glide_test_remove_tree (dir);
  g_free (data_home);
  g_free (dir);
  return status;
}
