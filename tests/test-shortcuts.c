/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shortcuts.c: Ctrl+W closes the main window (GNOME's convention),
 * pressed as a user does (a key through the X server, xdotool), and the
 * keyboard shortcuts window lists it. */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "glide-application.h"
#include "glide-gui-test-utils.h"
#include "glide-test-utils.h"

static GlideApplication *app;

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  const char *arg = first;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (glide_test_run ((const char *const *) argv->pdata, NULL, &err), ==, 0);
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static gboolean
window_is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static GlideWindow *
open_window (GlideStore *store)
{
  GlideWindow *window = glide_window_new (app, store, NULL);
  g_autofree char *xid = NULL;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  /* Xvfb runs no window manager: the test gives the window the focus. */
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (window))));
  xdotool ("windowfocus", "--sync", xid, NULL);
  glide_test_wait_until (window_is_active, window, "the window has the focus");
  return window;
}

static void
test_ctrl_w_closes_the_window (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "glide.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (db, &error);
  g_auto(GStrv) actions = NULL;
  GlideWindow *window;

  g_assert_no_error (error);
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>w");
  g_assert_true (g_strv_contains ((const char *const *) actions, "window.close"));

  window = open_window (store);
  /* Another chord leaves it open, so the close below is Ctrl+W's. */
  xdotool ("key", "--clearmodifiers", "ctrl+j", NULL);
  glide_test_flush_events ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  xdotool ("key", "--clearmodifiers", "ctrl+w", NULL);
  glide_test_wait_until (window_is_hidden, window, "Ctrl+W closed the window");
  glide_test_assert_finalized (window);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static gboolean
find_close_title (GtkWidget     *widget,
                  gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "title", &title, "action-name", &action, NULL);
  return g_strcmp0 (action, "window.close") == 0 && g_strcmp0 (title, data) == 0;
}

static void
test_shortcuts_window_lists_it (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "glide.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (db, &error);
  GlideWindow *window;
  GtkWindow *overlay;

  g_assert_no_error (error);
  window = glide_test_open_window (store, 900, 640);
  gtk_application_add_window (GTK_APPLICATION (app), GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  overlay = glide_test_wait_for_dialog (GTK_TYPE_SHORTCUTS_WINDOW, NULL, NULL);
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (overlay), find_close_title,
                                              "Close window"));
  glide_test_wait_for_draw (GTK_WIDGET (overlay));
  glide_test_save_screenshot (GTK_WIDGET (overlay), "shortcuts-close-window.png");
  gtk_window_destroy (overlay);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  glide_test_gui_init (&argc, &argv);
  app = glide_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* Registering runs startup, which sets the accelerators. */
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/shortcuts/ctrl-w-closes-the-window", test_ctrl_w_closes_the_window);
  g_test_add_func ("/shortcuts/shortcuts-window-lists-it", test_shortcuts_window_lists_it);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
