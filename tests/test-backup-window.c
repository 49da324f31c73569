/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup-window.c: automatic backups in the window (under Xvfb): the
 * banner for a last backup over two days old and its "Back Up Now", the
 * first change of a day backed up, the backup on quit, and the Backups
 * page of Preferences showing the folder and the last backup's time. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-test-utils.h"
#include "glide-window.h"

typedef struct
{
  char       *dir;
  char       *backup_dir;
  GlideStore *store;
  GSettings  *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = glide_test_make_tmpdir ();
  fixture->backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  fixture->store = glide_test_open_store (fixture->dir, "clinic.db");
  g_assert_true (glide_demo_fill (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "backup-dir");
  g_assert_cmpint (g_mkdir (fixture->backup_dir, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  glide_test_remove_tree (fixture->dir);
  g_free (fixture->backup_dir);
  g_free (fixture->dir);
}

/* A file with a backup's name (only names date backups). */
static void
add_backup_named (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->backup_dir, name, NULL);

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
}

static gboolean
is_backup_banner (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return g_str_has_prefix (title, "The last backup") || g_str_has_prefix (title, "This database");
}

static GtkWidget *
find_banner (GlideWindow *window)
{
  GtkWidget *row = glide_test_find_matching (GTK_WIDGET (window), is_backup_banner, NULL);

  return row != NULL && gtk_widget_get_visible (gtk_widget_get_parent (row)) ? row : NULL;
}

/* The banner's second line, where backups go. */
static gboolean
is_backup_dir_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Backups go to ") &&
         g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
runner_is_idle (gpointer data)
{
  return !glide_backup_runner_get_busy (GLIDE_BACKUP_RUNNER (data));
}

static guint
count_backups (Fixture *fixture)
{
  g_autoptr(GDir) handle = g_dir_open (fixture->backup_dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autoptr(GDateTime) time = glide_backup_name_get_time (name);

      n += time != NULL;
    }
  return n;
}

static GlideWindow *
new_window (Fixture *fixture)
{
  GlideWindow *window = glide_window_new (NULL, fixture->store, NULL);

  g_object_ref_sink (window);
  return window;
}

static void
close_window (GlideWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

static void
test_banner_for_old_backup (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GlideWindow *window;
  GlideBackupRunner *runner;
  GtkWidget *banner;
  g_autoptr(GDateTime) latest = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GlideBackupInfo) info = NULL;

  add_backup_named (fixture, "glide-2020-06-15-120000.db");
  window = new_window (fixture);
  runner = glide_window_get_backup_runner (window);
  g_assert_nonnull (runner);
  g_assert_cmpstr (glide_backup_runner_get_dir (runner), ==, fixture->backup_dir);

  banner = find_banner (window);
  g_assert_nonnull (banner);
  g_test_message ("%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (banner)));
  g_assert_true (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (banner)),
                                   "days old"));
  g_assert_nonnull (glide_test_find_matching (banner, is_backup_dir_label, fixture->backup_dir));
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "backup-banner.png");

  /* "Back Up Now": a verified backup of today, and the banner goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back-up-now", NULL));
  glide_test_wait_until (runner_is_idle, runner, "the backup to finish");
  g_assert_null (glide_backup_runner_get_error (runner));
  g_assert_null (find_banner (window));
  latest = glide_backup_find_latest (fixture->backup_dir);
  g_assert_nonnull (latest);
  g_assert_cmpint (g_date_time_get_year (latest), >, 2020);
  name = glide_backup_name_for_time (latest);
  path = g_build_filename (fixture->backup_dir, name, NULL);
  info = glide_backup_verify (path, &error);
  g_assert_no_error (error);

  close_window (window);
}

static void
test_no_banner_for_recent_backup (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = NULL;
  GlideWindow *window;

  yesterday = g_date_time_add_days (now, -1);
  name = glide_backup_name_for_time (yesterday);
  add_backup_named (fixture, name);
  window = new_window (fixture);
  g_assert_null (find_banner (window));
  close_window (window);
}

static void
test_first_change_of_day_and_quit (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *old_name = glide_backup_name_for_time (yesterday);
  GlideWindow *window;
  GlideBackupRunner *runner;

  add_backup_named (fixture, old_name);
  window = new_window (fixture);
  runner = glide_window_get_backup_runner (window);

  /* Nothing changed: no backup is due. */
  glide_backup_runner_check (runner);
  g_assert_false (glide_backup_runner_get_busy (runner));
  g_assert_cmpuint (count_backups (fixture), ==, 1);

  /* The first change of the day is backed up. */
  glide_test_add_patient (fixture->store, "B-1", "Backup", "First");
  glide_backup_runner_check (runner);
  g_assert_true (glide_backup_runner_get_busy (runner));
  glide_test_wait_until (runner_is_idle, runner, "the backup to finish");
  g_assert_null (glide_backup_runner_get_error (runner));
  g_assert_cmpuint (count_backups (fixture), ==, 2);

  /* Later changes of the day wait for quit. */
  glide_test_add_patient (fixture->store, "B-2", "Backup", "Second");
  glide_backup_runner_check (runner);
  g_assert_false (glide_backup_runner_get_busy (runner));

  /* Quit backs them up before the store closes; only whole files stay. */
  glide_window_finish_backups (window);
  g_assert_false (glide_backup_runner_get_busy (runner));
  g_assert_null (glide_backup_runner_get_error (runner));
  glide_test_add_patient (fixture->store, "B-3", "Backup", "Third");
  close_window (window);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) latest = glide_backup_find_latest (fixture->backup_dir);
    g_autofree char *name = glide_backup_name_for_time (latest);
    g_autofree char *path = g_build_filename (fixture->backup_dir, name, NULL);
    g_autoptr(GlideStore) copy = NULL;
    g_autoptr(GlidePatient) patient = NULL;

    copy = glide_store_open (path, &error);
    g_assert_no_error (error);
    patient = glide_store_find_patient (copy, "B-3", &error);
    g_assert_no_error (error);
    g_assert_nonnull (patient);
  }
}

static void
test_preferences_show_backups (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "elsewhere", NULL);
  GlideWindow *window;
  GlidePreferencesWindow *prefs;
  GtkWidget *row;

  add_backup_named (fixture, "glide-2020-06-15-120000.db");
  window = new_window (fixture);
  prefs = glide_preferences_window_new (GTK_WINDOW (window), fixture->store, fixture->settings);
  g_object_ref_sink (prefs);
  glide_preferences_window_set_backup_runner (prefs, glide_window_get_backup_runner (window), TRUE);

  row = glide_test_find_matching (GTK_WIDGET (prefs), is_named, "last-backup-row");
  g_assert_nonnull (row);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Jun 2020"));
  row = glide_test_find_matching (GTK_WIDGET (prefs), is_named, "backup-dir-row");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, fixture->backup_dir);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (glide_test_find_matching (
                                             GTK_WIDGET (prefs), is_named, "backups-page")));
  gtk_window_present (GTK_WINDOW (prefs));
  glide_test_wait_for_draw (GTK_WIDGET (prefs));
  glide_test_save_screenshot (GTK_WIDGET (prefs), "preferences-backups.png");

  /* The folder is the GSettings key: changing it moves the backups. */
  g_settings_set_string (fixture->settings, "backup-dir", other);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, other);
  g_assert_cmpstr (glide_backup_runner_get_dir (glide_window_get_backup_runner (window)), ==,
                   other);
  row = glide_test_find_matching (GTK_WIDGET (prefs), is_named, "last-backup-row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "None yet");
  g_settings_reset (fixture->settings, "backup-dir");

  gtk_window_destroy (GTK_WINDOW (prefs));
  glide_test_assert_finalized (prefs);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots of the final state, not of a cross-fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);

#define ADD(path, func) \
  g_test_add ("/backup-window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("banner-for-old-backup", test_banner_for_old_backup);
  ADD ("no-banner-for-recent-backup", test_no_banner_for_recent_backup);
  ADD ("first-change-of-day-and-quit", test_first_change_of_day_and_quit);
  ADD ("preferences", test_preferences_show_backups);
#undef ADD

  return g_test_run ();
}
