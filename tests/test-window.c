/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens on a store (under Xvfb), says what the
 * database holds or why it could not be opened, and finalizes cleanly. */

#include "config.h"

#include <adwaita.h>

#include "glide-demo.h"
#include "glide-test-utils.h"
#include "glide-window.h"

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_status_page (child);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_window_shows_store (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GlideWindow *window;
  AdwStatusPage *page;

  g_assert_true (glide_demo_fill (store, NULL, NULL, &error));
  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (glide_window_get_store (window) == store);

  page = find_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  expected = g_strdup_printf ("14 patients in %s", glide_store_get_path (store));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  glide_test_remove_tree (dir);
}

static void
test_window_without_store (void)
{
  GlideWindow *window = glide_window_new (NULL, NULL, "x.db is not a Glide database");
  AdwStatusPage *page;

  g_object_ref_sink (window);
  page = find_status_page (GTK_WIDGET (window));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Database Could Not Be Opened");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "x.db is not a Glide database");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/shows-store", test_window_shows_store);
  g_test_add_func ("/window/without-store", test_window_without_store);

  return g_test_run ();
}
