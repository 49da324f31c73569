/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens on a store (under Xvfb): a welcome
 * page for an empty database, the patient list for a clinic, the reason when
 * the database could not be opened; the search finds patients as typed,
 * ignoring case and accents; a long list comes a page at a time as it is
 * scrolled, and its rows follow each search; the window finalizes cleanly. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "glide-application.h"
#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-patient-item.h"
#include "glide-person-paintable.h"
#include "glide-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-row-text.h"
#include "glide-status-page.h"
#include "glide-window.h"

/* A texture's pixels, row by row, each as 0xAARRGGBB. */
static guint32 *
texture_pixels (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guint32 *pixels = g_new (guint32, (gsize) width * gdk_texture_get_height (texture));

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  return pixels;
}

static gboolean
is_drawn_status_page (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GLIDE_IS_STATUS_PAGE (widget) && gtk_widget_is_drawable (widget);
}

/* "No Patient Selected" shows a person's outline, drawn by the window itself
 * (no icon file to load in the first frame) at the page's icon size, in the
 * colour GTK gives symbolic pictures. */
static void
assert_no_patient_page (GlideWindow *window)
{
  GtkWidget *page = glide_test_find_matching (GTK_WIDGET (window), is_drawn_status_page, NULL);
  GtkImage *image;
  GdkPaintable *person;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  const GdkRGBA ink = { 1, 0, 0, 1 };

  g_assert_nonnull (page);
  glide_test_save_screenshot (GTK_WIDGET (window), "window-no-patient-selected.png");
  person = glide_status_page_get_paintable (GLIDE_STATUS_PAGE (page));
  g_assert_true (GLIDE_IS_PERSON_PAINTABLE (person));
  g_assert_null (glide_status_page_get_icon_name (GLIDE_STATUS_PAGE (page)));
  image = GTK_IMAGE (glide_test_find_widget (page, GTK_TYPE_IMAGE));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (image)));
  g_assert_cmpint (gtk_image_get_storage_type (image), ==, GTK_IMAGE_PAINTABLE);
  g_assert_true (gtk_image_get_paintable (image) == person);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (image)), ==, 128);

  /* Drawn at 128 x 128 in red: the head's centre (8, 4 of 16) and the
   * shoulders' are red; the corners, the gap under the chin and the sides
   * of the head are clear. */
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (person), snapshot,
                                            128, 128, &ink, 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 128, 128));
  pixels = texture_pixels (texture);
  g_assert_cmphex (pixels[32 * 128 + 64], ==, 0xffff0000);
  g_assert_cmphex (pixels[100 * 128 + 64], ==, 0xffff0000);
  g_assert_cmphex (pixels[116 * 128 + 40], ==, 0xffff0000);
  g_assert_cmphex (pixels[4 * 128 + 4], ==, 0);
  g_assert_cmphex (pixels[60 * 128 + 64], ==, 0);
  g_assert_cmphex (pixels[32 * 128 + 30], ==, 0);
  g_assert_cmphex (pixels[124 * 128 + 124], ==, 0);
  gsk_renderer_unrealize (renderer);
}

static void
test_window_welcome (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  GlideWindow *window;

  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "welcome");
  /* The new clinic's file is named in the title, so a mistyped --database shows. */
  {
    AdwWindowTitle *title = ADW_WINDOW_TITLE (glide_test_find_widget (GTK_WIDGET (window),
                                                                      ADW_TYPE_WINDOW_TITLE));

    g_assert_cmpstr (adw_window_title_get_title (title), ==, "Glide");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, glide_store_get_path (store));
  }

  /* A new install may keep its record on the clinic's server: the welcome
   * page leads to Preferences' Database group. */
  g_assert_null (glide_test_find_toplevel (GLIDE_TYPE_PREFERENCES_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-clinic-server", NULL));
  {
    GtkWindow *prefs = glide_test_find_toplevel (GLIDE_TYPE_PREFERENCES_WINDOW);

    g_assert_nonnull (prefs);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)),
                     ==, "clinic");
    gtk_window_destroy (prefs);
  }

  /* "Load demo clinic" fills the store and shows the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "empty");
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_patients (window, 14);
  assert_no_patient_page (window);

  /* The shortcuts window comes when asked for, over the main window. */
  g_assert_null (glide_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  {
    GtkWindow *overlay = glide_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

    g_assert_nonnull (overlay);
    g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (window));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    gtk_window_close (overlay);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
    g_assert_true (glide_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == overlay);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  glide_test_remove_tree (dir);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* A label on screen showing @data. */
static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_primary_menu_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0;
}

/* The primary menu is made when first opened, not with the window, and is
 * then the whole menu. */
static void
test_window_primary_menu (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  g_autofree char *label = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GMenuModel *menu;
  GlideWindow *window;

  glide_test_add_patient (store, "P-1", "Family", "Given");
  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  button = GTK_MENU_BUTTON (glide_test_find_matching (GTK_WIDGET (window), is_primary_menu_button, NULL));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (gtk_menu_button_get_primary (button));
  g_assert_null (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  {
    g_autoptr(GMenuModel) first = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    g_assert_true (g_menu_model_get_item_attribute (first, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, ==, "_New Patient");
  }
  glide_test_wait_for_draw (GTK_WIDGET (window));
  gtk_menu_button_popdown (button);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  /* Opened again, the same menu. */
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  glide_test_wait_for_draw (GTK_WIDGET (popover));
  gtk_menu_button_popdown (button);
  glide_test_wait_for_draw (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
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
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_patients (window, 14);

  glide_window_search (window, "muller");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 1);
  {
    g_autoptr(GlidePatientItem) item = g_list_model_get_item (patients, 0);

    g_assert_cmpstr (glide_patient_item_get_chart (item), ==, "P-1001");
    g_assert_nonnull (glide_patient_item_get_summary (item)->last_visit);
  }
  /* One keystroke, one search: the list goes from the one result to the
   * nine in one change, not through the whole list of an empty entry. */
  {
    guint changes = 0;
    gulong handler = g_signal_connect_swapped (patients, "items-changed",
                                               G_CALLBACK (count_change), &changes);

    glide_window_search (window, "P-100");
    g_signal_handler_disconnect (patients, handler);
    g_assert_cmpuint (changes, ==, 1);
  }
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
  glide_test_assert_finalized (window);

  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  g_assert_cmpstr (glide_patient_page_get_patient (glide_window_get_patient_page (window))->chart, ==,
                   "P-1005");
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  glide_test_remove_tree (dir);
}

/* The texts of the patient rows on screen. */
static void
collect_row_texts (GtkWidget *widget,
                   GString   *texts)
{
  if (GLIDE_IS_ROW_TEXT (widget) && gtk_widget_get_child_visible (gtk_widget_get_parent (gtk_widget_get_parent (widget))))
    g_string_append_printf (texts, "%s\n", glide_row_text_get_text (GLIDE_ROW_TEXT (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_texts (child, texts);
}

static gboolean
shows_patients (GtkWidget     *widget,
                gconstpointer  patients)
{
  GtkSelectionModel *model = GTK_IS_LIST_VIEW (widget) ? gtk_list_view_get_model (GTK_LIST_VIEW (widget)) : NULL;

  return GTK_IS_SINGLE_SELECTION (model) &&
         gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == patients;
}

/* The list view showing the window's patients (the window has others,
 * in drop-downs). */
static GtkListView *
find_patient_list (GtkWidget  *widget,
                   GListModel *patients)
{
  return GTK_LIST_VIEW (glide_test_find_matching (widget, shows_patients, patients));
}

static char *
row_texts (GlideWindow *window)
{
  GString *texts = g_string_new (NULL);

  collect_row_texts (GTK_WIDGET (find_patient_list (GTK_WIDGET (window),
                                                    glide_window_get_patients (window))), texts);
  return g_string_free (texts, FALSE);
}

static void
scroll_to_end (GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

static void
test_window_long_list (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkSingleSelection *selection;
  GtkAdjustment *adjustment;
  GtkListView *list;
  GListModel *patients;
  GlideWindow *window;
  GlidePatientItem *first;

  g_settings_reset (settings, "last-patient");
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *chart = g_strdup_printf ("P-%03u", i);
      g_autofree char *family = g_strdup_printf ("Family%03u", i);

      glide_test_add_patient (store, chart, family, "Given");
    }
  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  patients = glide_window_get_patients (window);
  list = find_patient_list (GTK_WIDGET (window), patients);
  g_assert_nonnull (list);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  /* The first page, then a page more each time the end comes near. */
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, GLIDE_WINDOW_SEARCH_PAGE);
  first = g_list_model_get_item (patients, 0);
  g_assert_cmpstr (glide_patient_item_get_chart (first), ==, "P-000");
  {
    g_autofree char *texts = row_texts (window);

    g_assert_nonnull (strstr (texts, "Family000, Given"));
    g_assert_null (strstr (texts, "Family030, Given"));
  }
  scroll_to_end (adjustment);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 2 * GLIDE_WINDOW_SEARCH_PAGE);
  scroll_to_end (adjustment);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 120);
  scroll_to_end (adjustment);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 120);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* A search starts at the top again, keeps the patient selected when it is
   * among the results, and the rows on screen show the new results. */
  gtk_single_selection_set_selected (selection, 15);
  glide_window_search (window, "family01");
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 10);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  {
    g_autoptr(GlidePatientItem) now_first = g_list_model_get_item (patients, 0);

    /* The same item, now standing for another patient. */
    g_assert_true (now_first == first);
  }
  g_assert_cmpstr (glide_patient_item_get_chart (first), ==, "P-010");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 5);
  {
    g_autofree char *texts = row_texts (window);

    g_assert_nonnull (strstr (texts, "Family010, Given"));
    /* Rows further down may be below the fold (the backup banner takes room). */
    g_assert_nonnull (strstr (texts, "P-013"));
    g_assert_null (strstr (texts, "Family000, Given"));
  }
  glide_window_search (window, "family02");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  /* No match: the list says so, with what can be searched. */
  glide_window_search (window, "zzzq");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, 0);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_shown_label, "No Patients Found"));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_shown_label,
                                              "Search by family name, given name or chart number."));
  glide_test_save_screenshot (GTK_WIDGET (window), "window-no-results.png");
  glide_window_search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (patients), ==, GLIDE_WINDOW_SEARCH_PAGE);

  g_object_unref (first);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
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
  glide_test_assert_finalized (window);
}

static gboolean
window_has_store (gpointer data)
{
  return glide_window_get_store (data) != NULL;
}

/* A database another program keeps locked while it is created: the error
 * page says so, and the window opens it by itself once the lock is gone. */
static void
test_window_retry_open (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "busy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  GlideWindow *window;
  AdwStatusPage *page;
  sqlite3 *other = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  store = glide_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY);

  window = glide_window_new (NULL, NULL, error->message);
  g_object_ref_sink (window);
  glide_window_retry_open (window, path, error);
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "error");
  page = ADW_STATUS_PAGE (glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "in use by another program"));
  g_assert_true (gtk_widget_get_visible (adw_status_page_get_child (page)));
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "window-busy-database.png");

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  glide_test_wait_until (window_has_store, window, "the window to open the database again");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "welcome");

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  glide_test_remove_tree (dir);
}

/* A database damaged where opening does not look (opening reads no page of
 * records): the first list reads the damage, and the window shows its
 * error page, as it did when opening read every page. */
static void
test_window_damaged (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "damaged.db");
  g_autoptr(GError) error = NULL;
  GlideWindow *window;
  AdwStatusPage *page;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *chart = g_strdup_printf ("C-%04u", i);

      glide_test_add_patient (store, chart, "Example", "Patient");
    }
  g_clear_object (&store);
  /* The page of the index the patient list reads its first rows from. */
  glide_test_damage_page (path, "patients_list", FALSE);
  store = glide_store_open (path, &error);
  g_assert_no_error (error);

  window = glide_window_new (NULL, store, NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "error");
  page = ADW_STATUS_PAGE (glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "is damaged"));
  glide_test_save_screenshot (GTK_WIDGET (window), "window-damaged-database.png");
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* A patient added by another program (the command line, another window)
 * appears in the list by itself, the selected patient stays selected, and
 * the patient on screen shows a change made elsewhere. */
static gboolean
lists_chart (gpointer data)
{
  GListModel *patients = glide_window_get_patients (GLIDE_WINDOW (data));

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(GlidePatientItem) item = g_list_model_get_item (patients, i);

      if (g_strcmp0 (glide_patient_item_get_chart (item), "P-2001") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_new_name (gpointer data)
{
  const GlidePatient *patient =
    glide_patient_page_get_patient (glide_window_get_patient_page (GLIDE_WINDOW (data)));

  return patient != NULL && g_strcmp0 (patient->given_name, "Josefa") == 0;
}

static void
test_window_shows_changes_made_elsewhere (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "w.db");
  g_autoptr(GlideStore) elsewhere = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = NULL;
  GtkSingleSelection *selection;
  GlideWindow *window;

  g_settings_reset (settings, "last-patient");
  g_assert_true (glide_demo_fill (store, NULL, NULL, &error));
  window = glide_test_open_window (store, 1200, 800);
  glide_window_open_patient (window, "P-1001");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (
    find_patient_list (GTK_WIDGET (window), glide_window_get_patients (window))));
  g_assert_false (lists_chart (window));

  elsewhere = glide_test_open_store (dir, "w.db");
  glide_test_add_patient (elsewhere, "P-2001", "Aaberg", "Ola");
  glide_test_wait_until (lists_chart, window, "the patient added elsewhere to be listed");
  {
    g_autoptr(GlidePatientItem) item = gtk_single_selection_get_selected_item (selection)
                                       ? g_object_ref (gtk_single_selection_get_selected_item (selection))
                                       : NULL;

    g_assert_nonnull (item);
    g_assert_cmpstr (glide_patient_item_get_chart (item), ==, "P-1001");
  }

  patient = glide_store_find_patient (elsewhere, "P-1001", &error);
  g_assert_no_error (error);
  g_free (patient->given_name);
  patient->given_name = g_strdup ("Josefa");
  g_assert_true (glide_store_update_patient (elsewhere, patient, &error));
  glide_test_wait_until (shows_new_name, window, "the patient page to show the new name");

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  glide_test_remove_tree (dir);
}

/* GL is left unloaded where it could only be wasted: Cairo asked for, or no
 * GPU device (then Mesa has llvmpipe alone and Glide draws with Cairo). */
static void
test_window_gl_left_unloaded (void)
{
  g_autofree char *dev = glide_test_make_tmpdir ();
  g_autofree char *dri = g_build_filename (dev, "dri", NULL);
  g_autofree char *render = g_build_filename (dri, "renderD128", NULL);
  g_autofree char *nvidia = g_build_filename (dev, "nvidiactl", NULL);
  const char *none[] = { "HOME=/nowhere", NULL };
  const char *cairo[] = { "GSK_RENDERER=cairo", NULL };
  const char *cairo_upper[] = { "GSK_RENDERER=Cairo", NULL };
  const char *gl[] = { "GSK_RENDERER=gl", NULL };
  const char *ngl[] = { "GSK_RENDERER=ngl", NULL };
  const char *software[] = { "LIBGL_ALWAYS_SOFTWARE=1", NULL };
  const char *software_off[] = { "LIBGL_ALWAYS_SOFTWARE=0", NULL };
  const char *indirect[] = { "LIBGL_ALWAYS_INDIRECT=1", NULL };

  /* No device at all: a virtual machine, a container, a thin client. */
  g_assert_true (glide_application_gl_is_pointless (none, dev));
  g_assert_true (glide_application_gl_is_pointless (cairo, dev));
  g_assert_false (glide_application_gl_is_pointless (gl, dev));
  g_assert_false (glide_application_gl_is_pointless (indirect, dev));

  /* An empty dri folder is no device either. */
  g_assert_cmpint (g_mkdir (dri, 0700), ==, 0);
  g_assert_true (glide_application_gl_is_pointless (none, dev));

  /* A GPU: GL is loaded, and Glide asks it whether it draws in hardware,
   * unless Cairo is asked for or GL is told to draw in software. */
  g_assert_true (g_file_set_contents (render, "", 0, NULL));
  g_assert_false (glide_application_gl_is_pointless (none, dev));
  g_assert_false (glide_application_gl_is_pointless (ngl, dev));
  g_assert_false (glide_application_gl_is_pointless (software_off, dev));
  g_assert_true (glide_application_gl_is_pointless (cairo, dev));
  g_assert_true (glide_application_gl_is_pointless (cairo_upper, dev));
  g_assert_true (glide_application_gl_is_pointless (software, dev));

  /* NVIDIA's driver, which may have no dri node. */
  g_assert_cmpint (g_remove (render), ==, 0);
  g_assert_true (g_file_set_contents (nvidia, "", 0, NULL));
  g_assert_false (glide_application_gl_is_pointless (none, dev));

  glide_test_remove_tree (dev);

  /* GDK_DEBUG keeps what it had. */
  if (g_test_subprocess ())
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_setenv ("GDK_DEBUG", "misc", TRUE);
      glide_application_prepare_environment ();
      g_print ("GDK_DEBUG=%s\n", g_getenv ("GDK_DEBUG"));
      g_setenv ("GSK_RENDERER", "gl", TRUE);
      g_setenv ("GDK_DEBUG", "misc", TRUE);
      glide_application_prepare_environment ();
      g_print ("GDK_DEBUG=%s\n", g_getenv ("GDK_DEBUG"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("GDK_DEBUG=misc,gl-disable\nGDK_DEBUG=misc\n");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/long-list", test_window_long_list);
  g_test_add_func ("/window/search", test_window_search);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/without-store", test_window_without_store);
  g_test_add_func ("/window/retry-open", test_window_retry_open);
  g_test_add_func ("/window/damaged", test_window_damaged);
  g_test_add_func ("/window/shows-changes-made-elsewhere", test_window_shows_changes_made_elsewhere);
  g_test_add_func ("/window/gl-left-unloaded", test_window_gl_left_unloaded);

  return g_test_run ();
}
