/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-window.c: a workstation's window on a clinic server when
 * nobody is at it and when the server goes away (tests/pg/with-pg-cluster;
 * skipped without it). What is typed is kept on this computer, not on the
 * server; a save cut off by the server going down is saved once; the window
 * says the server is gone, tries again, and saves once it is back; an idle
 * window hides patient data until the person gives their password again.
 * The server is stopped and started again with glide-pg-cluster pause and
 * resume. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <sys/stat.h>

#include "glide-gui-test-utils.h"
#include "glide-store-private.h"
#include "glide-test-utils.h"

#define LOCK_PASSWORD "kestrel-lantern-49"

static char *owner_uri;
static char *workdir;
static gint64 drafts_course, dw_draft, ko_draft, dw_therapist;

/* ---- helpers ------------------------------------------------------------------ */

static gboolean
need_server (void)
{
  if (owner_uri != NULL)
    return TRUE;
  g_test_skip ("needs a clinic server: run under tests/pg/with-pg-cluster");
  return FALSE;
}

/* The server goes down (clients cut off, as `pg_ctl stop -m fast` does) or
 * comes back with the same data. */
static void
server_pause_or_resume (const char *command)
{
  const char *argv[] = { g_getenv ("GLIDE_TEST_PG_CLUSTER"), command,
                         g_getenv ("GLIDE_TEST_PG_DIR"), NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_nonnull (argv[2]);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    g_error ("glide-pg-cluster %s failed: %s%s", command, error ? error->message : "",
             err ? err : "");
}

static GlideStore *
open_as (const char *login,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = glide_test_pg_uri (NULL, login, NULL);
  GlideStore *store = glide_store_open_server (uri, password, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (glide_store_get_login (store), ==, login);
  return store;
}

static gint64
count_sessions (gint64 course_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sessions WHERE course_id = %"
                                          G_GINT64_FORMAT, course_id);

  return glide_test_pg_superuser_count (sql);
}

static gint64
count_audit_of (gint64 session_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = "
                                          "'session %" G_GINT64_FORMAT "'", session_id);

  return glide_test_pg_superuser_count (sql);
}

static char *
stored_note (gint64 session_id)
{
  g_autoptr(GlideStore) owner = glide_store_open (owner_uri, NULL);
  g_autoptr(GlideSession) session = glide_store_get_session (owner, session_id, NULL);

  g_assert_nonnull (session);
  return g_strdup (session->note);
}

/* The demo clinic; t_dw (therapist dw, logs in by name) for outages, pw_ko
 * (therapist ko, with a password) for the lock; a course with a draft of
 * each. */
static void
set_up_clinic (void)
{
  g_autoptr(GlideStore) owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pw_role = NULL;

  glide_test_pg_glide_ok (workdir, "--demo", NULL);
  glide_test_pg_superuser_exec ("CREATE ROLE t_dw LOGIN");
  pw_role = g_strdup_printf ("CREATE ROLE pw_ko LOGIN PASSWORD '" LOCK_PASSWORD "' IN ROLE %s",
                             g_getenv ("GLIDE_TEST_PG_PASSWORD_GROUP"));
  glide_test_pg_superuser_exec (pw_role);
  glide_test_pg_glide_ok (workdir, "--grant", "t_dw", "--role", "therapist", "--therapist", "dw", NULL);
  glide_test_pg_glide_ok (workdir, "--grant", "pw_ko", "--role", "therapist", "--therapist", "ko", NULL);

  owner = glide_store_open (owner_uri, &error);
  g_assert_no_error (error);
  glide_test_add_two_drafts (owner, &drafts_course, &ko_draft, &dw_draft, &dw_therapist);
}

static GlideSessionEditor *
open_session (GlideWindow *window,
              gint64       session_id)
{
  glide_window_open_patient (window, "R-7001");
  g_signal_emit_by_name (glide_window_get_patient_page (window), "session-requested",
                         drafts_course, session_id, (gint64) 0);
  glide_test_flush_events ();
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "session");
  return glide_window_get_session_editor (window);
}

static gboolean
window_is_offline (gpointer window)
{
  return glide_window_is_offline (window);
}

static gboolean
window_is_online (gpointer window)
{
  return !glide_window_is_offline (window);
}

static gboolean
window_is_locked (gpointer window)
{
  return glide_window_is_locked (window);
}

static gboolean
window_is_unlocked (gpointer window)
{
  return !glide_window_is_locked (window);
}

static gboolean
lock_page_is_idle (gpointer page)
{
  return !glide_lock_page_get_busy (page);
}

static gboolean
widget_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* ---- the recovery store on this computer ------------------------------------------- */

static void
test_recovery_kept_here (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideRecovery) kept = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;

  if (!need_server ())
    return;
  store = open_as ("t_dw", NULL);
  g_assert_true (glide_store_save_recovery (store, "session 1", "Rivera, Lena", "typed here",
                                            &error));
  g_assert_no_error (error);

  /* On this computer, private to its user, one file per server and login ... */
  path = glide_store_get_local_recovery_path (store);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_nonnull (strstr (path, "/glide/recovery/t_dw-"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* ... and not on the server. */
  g_assert_cmpint (glide_test_pg_superuser_count ("SELECT count(*) FROM editor_recovery"), ==, 0);

  /* With the server gone, typing is still kept and read back. */
  server_pause_or_resume ("pause");
  g_assert_true (glide_store_save_recovery (store, "course 3, new session", "Rivera, Lena",
                                            "typed in the outage", &error));
  g_assert_no_error (error);
  kept = glide_store_get_recovery (store, "course 3, new session", &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->content, ==, "typed in the outage");
  g_assert_true (kept->written_here);
  all = glide_store_list_recovery (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  server_pause_or_resume ("resume");

  g_assert_true (glide_store_clear_recovery (store, "session 1", &error));
  g_assert_true (glide_store_clear_recovery (store, "course 3, new session", &error));
  g_assert_no_error (error);
}

/* ---- a save cut off by the connection going -------------------------------------- */

/* COMMIT reached the server but its reply was lost: once reconnected, the
 * same new draft saved again is the one that landed, not a second one. */
static void
test_unsure_commit_landed (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before, id, landed;

  if (!need_server ())
    return;
  store = open_as ("t_dw", NULL);
  before = count_sessions (drafts_course);
  session = glide_test_new_session (drafts_course, dw_therapist, "2026-03-16T10:00");
  glide_store_test_lose_commit (store, 2);
  g_assert_cmpint (glide_store_save_draft_session (store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "checks whether the save arrived"));
  g_clear_error (&error);
  g_assert_false (glide_store_is_connected (store));
  g_assert_cmpint (session->id, ==, 0);
  /* It did land. */
  g_assert_cmpint (count_sessions (drafts_course), ==, before + 1);
  landed = glide_test_pg_superuser_count ("SELECT max(id) FROM sessions");

  g_assert_true (glide_store_reconnect (store, &error));
  g_assert_no_error (error);
  g_assert_true (glide_store_is_connected (store));
  g_free (session->note);
  session->note = g_strdup ("Saved again after the outage");
  id = glide_store_save_draft_session (store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, landed);
  g_assert_cmpint (count_sessions (drafts_course), ==, before + 1);

  /* A change of a stored draft cut off the same way is not refused as
   * stale over its own save. */
  {
    g_autoptr(GlideSession) stored = glide_store_get_session (store, id, &error);

    g_assert_no_error (error);
    g_free (stored->note);
    stored->note = g_strdup ("Changed, reply lost");
    glide_store_test_lose_commit (store, 2);
    g_assert_cmpint (glide_store_save_draft_session (store, stored, &error), ==, 0);
    g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
    g_clear_error (&error);
    g_assert_true (glide_store_reconnect (store, &error));
    g_free (stored->note);
    stored->note = g_strdup ("Changed again");
    g_assert_cmpint (glide_store_save_draft_session (store, stored, &error), ==, id);
    g_assert_no_error (error);
  }
  {
    g_autofree char *note = stored_note (id);

    g_assert_cmpstr (note, ==, "Changed again");
  }
}

/* The connection went before COMMIT: nothing landed, and saving again
 * stores the draft (once). */
static void
test_unsure_commit_lost (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  if (!need_server ())
    return;
  store = open_as ("t_dw", NULL);
  before = count_sessions (drafts_course);
  session = glide_test_new_session (drafts_course, dw_therapist, "2026-03-23T10:00");
  glide_store_test_lose_commit (store, 1);
  g_assert_cmpint (glide_store_save_draft_session (store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
  g_clear_error (&error);
  g_assert_cmpint (count_sessions (drafts_course), ==, before);

  g_assert_true (glide_store_reconnect (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (glide_store_save_draft_session (store, session, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_sessions (drafts_course), ==, before + 1);
}

/* An import cut off before its COMMIT, with changes sent ahead and not yet
 * answered (glide_store_step_later): nothing lands, and the connection,
 * once back, works as before. */
static void
test_bulk_commit_lost (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *times[] = { "2026-03-24T10:00", "2026-03-24T11:00", "2026-03-24T12:00" };
  gint64 before;

  if (!need_server ())
    return;
  store = open_as ("t_dw", NULL);
  before = count_sessions (drafts_course);
  g_assert_true (glide_store_begin_bulk (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GlideSession) session = glide_test_new_session (drafts_course, dw_therapist,
                                                                times[i]);

      g_assert_cmpint (glide_store_save_draft_session (store, session, &error), >, 0);
      g_assert_no_error (error);
    }
  glide_store_test_lose_commit (store, 1);
  g_assert_false (glide_store_commit (store, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
  g_clear_error (&error);
  g_assert_cmpint (count_sessions (drafts_course), ==, before);

  g_assert_true (glide_store_reconnect (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlideSession) session = glide_test_new_session (drafts_course, dw_therapist,
                                                              times[0]);

    g_assert_cmpint (glide_store_save_draft_session (store, session, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_sessions (drafts_course), ==, before + 1);
}

/* ---- the window in an outage ---------------------------------------------------- */

static void
test_outage_and_back (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideRecovery) kept = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *key = NULL;
  g_autofree char *note = NULL;
  g_autofree char *out = NULL, *err = NULL;
  GlideSessionEditor *editor;
  GlideWindow *window;
  gint64 sessions, audit;

  if (!need_server ())
    return;
  store = open_as ("t_dw", NULL);
  window = glide_test_open_window (store, 1200, 860);
  editor = open_session (window, dw_draft);
  glide_session_editor_set_autosave_interval (editor, 3600);
  key = glide_recovery_key (drafts_course, dw_draft);
  sessions = count_sessions (drafts_course);
  audit = count_audit_of (dw_draft);

  /* The server goes down mid-edit: the window says so. */
  glide_session_editor_set_note (editor, "Calf tight on the left; typed as the server went down.");
  server_pause_or_resume ("pause");
  glide_test_wait_until (window_is_offline, window, "the outage banner");
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_label_with,
                                              "The clinic server cannot be reached"));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_label_with,
                                              "What you type is kept on this computer"));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "server-outage.png");

  /* Typing goes on; the autosave keeps it on this computer. */
  glide_session_editor_set_note (editor, "Calf tight on the left; still typing in the outage.");
  g_assert_true (glide_session_editor_autosave (editor));
  kept = glide_store_get_recovery (store, key, NULL);
  g_assert_nonnull (kept);
  g_assert_nonnull (strstr (kept->content, "still typing in the outage"));
  g_assert_true (glide_session_editor_is_dirty (editor));

  /* Back: the banner goes and the draft is saved, once. */
  server_pause_or_resume ("resume");
  glide_test_wait_until (window_is_online, window, "the server to be found again");
  g_assert_null (glide_test_find_matching (GTK_WIDGET (window), is_label_with,
                                           "The clinic server cannot be reached"));
  g_assert_false (glide_session_editor_is_dirty (editor));
  note = stored_note (dw_draft);
  g_assert_cmpstr (note, ==, "Calf tight on the left; still typing in the outage.");
  g_assert_cmpint (count_sessions (drafts_course), ==, sessions);
  g_assert_cmpint (count_audit_of (dw_draft), ==, audit + 1);
  g_clear_pointer (&kept, glide_recovery_free);
  kept = glide_store_get_recovery (store, key, NULL);
  g_assert_null (kept);

  glide_session_editor_close (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);

  args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (args, g_strdup ("-d"));
  g_ptr_array_add (args, g_strdup (owner_uri));
  g_ptr_array_add (args, g_strdup ("--check"));
  if (glide_test_run_glide (workdir, NULL, args, &out, &err) != 0)
    g_error ("glide --check failed after the outage: %s%s", out, err);
}

/* ---- the idle lock ---------------------------------------------------------------- */

static void
test_idle_lock (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *note = NULL;
  GlideSessionEditor *editor;
  GlidePatientPage *page;
  GlideLockPage *lock;
  GlideWindow *window;

  if (!need_server ())
    return;
  store = open_as ("pw_ko", LOCK_PASSWORD);
  window = glide_test_open_window (store, 1200, 860);
  editor = open_session (window, ko_draft);
  glide_session_editor_set_autosave_interval (editor, 3600);
  page = glide_window_get_patient_page (window);
  glide_session_editor_set_note (editor, "Typed before walking away from the desk.");

  /* Nobody touches the window for the idle time: it locks. */
  g_settings_set_int (settings, "lock-after", 1);
  glide_test_wait_until (window_is_locked, window, "the idle lock");
  lock = glide_window_get_lock_page (window);
  g_assert_nonnull (lock);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "locked");
  glide_test_wait_until (widget_is_unmapped, editor, "the session to be hidden");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (glide_test_find_matching (GTK_WIDGET (window), is_label_with, "Rivera"));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_label_with,
                                              "Signed in as pw_ko"));
  /* What was typed is stored (a valid form: as the draft). */
  note = stored_note (ko_draft);
  g_assert_cmpstr (note, ==, "Typed before walking away from the desk.");
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "idle-lock.png");

  /* A wrong password is refused; the window stays locked. */
  glide_lock_page_set_password (lock, "not-the-password");
  glide_lock_page_unlock (lock);
  glide_test_wait_until (lock_page_is_idle, lock, "the password check");
  g_assert_true (glide_window_is_locked (window));
  g_assert_nonnull (glide_lock_page_get_error (lock));
  g_assert_nonnull (strstr (glide_lock_page_get_error (lock), "not the password"));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "idle-lock-refused.png");

  /* The right one unlocks: the session is back as it was. */
  g_settings_set_int (settings, "lock-after", 0);
  glide_lock_page_set_password (lock, LOCK_PASSWORD);
  glide_lock_page_unlock (lock);
  glide_test_wait_until (window_is_unlocked, window, "the window to unlock");
  g_assert_null (glide_lock_page_get_error (lock));
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "session");
  g_assert_true (glide_window_get_session_editor (window) == editor);
  g_assert_cmpint (glide_session_editor_get_session_id (editor), ==, ko_draft);
  g_assert_true (glide_session_editor_is_editable (editor));

  g_settings_reset (settings, "lock-after");
  glide_session_editor_close (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;
  g_autofree char *data_home = NULL;

  owner_uri = g_strdup (g_getenv ("GLIDE_TEST_PG_URI"));
  if (owner_uri != NULL && *owner_uri == '\0')
    g_clear_pointer (&owner_uri, g_free);
  if (owner_uri != NULL)
    {
      workdir = glide_test_make_tmpdir ();
      /* The recovery files go to a data folder of the test's own. */
      data_home = g_build_filename (workdir, "data", NULL);
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    }
  glide_test_gui_init (&argc, &argv);

  g_test_add_func ("/server-window/recovery-kept-here", test_recovery_kept_here);
  g_test_add_func ("/server-window/unsure-commit/landed", test_unsure_commit_landed);
  g_test_add_func ("/server-window/unsure-commit/lost", test_unsure_commit_lost);
  g_test_add_func ("/server-window/bulk-commit-lost", test_bulk_commit_lost);
  g_test_add_func ("/server-window/outage-and-back", test_outage_and_back);
  g_test_add_func ("/server-window/idle-lock", test_idle_lock);

  if (owner_uri != NULL)
    set_up_clinic ();
  status = g_test_run ();
  if (workdir != NULL)
    glide_test_remove_tree (workdir);
  g_free (workdir);
  g_free (owner_uri);
  return status;
}
