/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens on a store (under Xvfb): a welcome
 * page for an empty database, the patient list for a clinic, the reason when
 * the database could not be opened; the search finds patients as typed,
 * ignoring case and accents; the window finalizes cleanly. */

#include "config.h"

#include <adwaita.h>

#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-patient-item.h"
#include "glide-test-utils.h"
#include "glide-window.h"

static void
test_window_welcome (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  GlideWindow *window;

  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "welcome");

  /* "Load demo clinic" fills the store and shows the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (glide_window_get_patients (window)), ==, 14);

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_iterate (50);
  g_assert_finalize_object (window);
  glide_test_remove_tree (dir);
}

static void
test_window_search (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GListModel *patients;
  GlideWindow *window;

  g_settings_reset (settings, "last-patient");
  g_assert_true (glide_demo_fill (store, NULL, NULL, &error));
  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  g_assert_true (glide_window_get_store (window) == store);
  patients = glide_window_get_patients (window);
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 14);

  glide_window_search (window, "muller");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  {
    g_autoptr(GlidePatientItem) item = g_list_model_get_item (patients, 0);

    g_assert_cmpstr (glide_patient_item_get_chart (item), ==, "P-1001");
    g_assert_nonnull (glide_patient_item_get_summary (item)->last_visit);
  }
  glide_window_search (window, "P-100");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 9);
  glide_window_search (window, "nobody-by-that-name");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 0);

  /* Opening a patient is remembered for the next start. */
  glide_window_search (window, "");
  glide_window_open_patient (window, "P-1005");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  {
    g_autofree char *last = g_settings_get_string (settings, "last-patient");

    g_assert_cmpstr (last, ==, "P-1005");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_iterate (50);
  g_assert_finalize_object (window);

  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  g_assert_cmpstr (glide_patient_page_get_patient (glide_window_get_patient_page (window))->chart, ==,
                   "P-1005");
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_iterate (50);
  g_assert_finalize_object (window);
  glide_test_remove_tree (dir);
}

static void
test_window_without_store (void)
{
  GlideWindow *window = glide_window_new (NULL, NULL, "x.db is not a Glide database");
  AdwStatusPage *page;

  g_object_ref_sink (window);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "error");
  page = ADW_STATUS_PAGE (glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "The Database Could Not Be Opened");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "x.db is not a Glide database");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-patient", NULL) &&
                  glide_window_get_page_name (window)[0] != 'e');
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_iterate (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/without-store", test_window_without_store);

  return g_test_run ();
}
