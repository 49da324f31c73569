/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bodymap-widget.c: GlideBodyMap and GlideAreaList under Xvfb. The
 * selection property and area-activated agree, the arrow keys (the widget's
 * actions) reach every area, the list finds and toggles areas and stays in
 * step with the map, the map's kept base layer follows every change that
 * shows in it, screenshots go to the test log folder, and both widgets
 * finalize. */

#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "glide-area-list.h"
#include "glide-body-map.h"
#include "glide-gui-test-utils.h"
#include "glide-session-editor.h"
#include "glide-test-utils.h"

typedef struct
{
  int      site;
  int      side;
  guint    count;
} Activation;

static void
on_area_activated (GtkWidget  *widget,
                   int         site,
                   int         side,
                   Activation *last)
{
  last->site = site;
  last->side = side;
  last->count++;
}

static GtkWidget *
make_window (GtkWidget **map,
             GtkWidget **list)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  *list = glide_area_list_new ();
  *map = glide_body_map_new ();
  gtk_widget_set_size_request (*list, 280, -1);
  gtk_widget_set_hexpand (*map, TRUE);
  gtk_box_append (GTK_BOX (box), *list);
  gtk_box_append (GTK_BOX (box), *map);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_object_bind_property (*map, "selection", *list, "selection",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_ref (*map);
  g_object_ref (*list);
  return window;
}

static void
finish_window (GtkWidget *window,
               GtkWidget *map,
               GtkWidget *list)
{
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (map);
  glide_test_assert_finalized (list);
}

/* Toggling through the map's action selects and emits; the property, the
 * signal and the list agree; setting the property from code moves the list. */
static void
test_selection_and_signal (void)
{
  GtkWidget *map, *list;
  GtkWidget *window = make_window (&map, &list);
  Activation last = { -1, -1, 0 };
  /* Selections are in figure order (the order of DOMAIN.md). */
  const char *const two[] = { "thoracolumbar-fascia--midline", "quadriceps--right", NULL };
  g_auto(GStrv) from_property = NULL;

  g_signal_connect (map, "area-activated", G_CALLBACK (on_area_activated), &last);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (map);

  g_assert_true (gtk_widget_activate_action (map, "bodymap.toggle-area", "s", "calf--left"));
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpint (last.site, ==, GLIDE_SITE_CALF);
  g_assert_cmpint (last.side, ==, GLIDE_SIDE_LEFT);
  g_object_get (map, "selection", &from_property, NULL);
  g_assert_cmpuint (g_strv_length (from_property), ==, 1);
  g_assert_cmpstr (from_property[0], ==, "calf--left");
  g_assert_true (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_CALF, GLIDE_SIDE_LEFT));
  g_assert_true (g_strv_equal (glide_area_list_get_selection (GLIDE_AREA_LIST (list)),
                               (const char *const *) from_property));

  /* Toggling again deselects, and still emits. */
  gtk_widget_activate_action (map, "bodymap.toggle-area", "s", "calf--left");
  g_assert_cmpuint (last.count, ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) glide_body_map_get_selection (GLIDE_BODY_MAP (map))), ==, 0);
  g_assert_false (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_CALF, GLIDE_SIDE_LEFT));

  /* From code: no signal (the user did nothing), property and list follow. */
  g_object_set (map, "selection", two, NULL);
  g_assert_cmpuint (last.count, ==, 2);
  g_assert_true (g_strv_equal (glide_area_list_get_selection (GLIDE_AREA_LIST (list)), two));
  g_assert_true (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_THORACOLUMBAR_FASCIA,
                                             GLIDE_SIDE_MIDLINE));

  finish_window (window, map, list);
}

/* From the first area, the four arrow keys reach every one of the 79. */
static void
test_keyboard_reaches_every_area (void)
{
  GtkWidget *map, *list;
  GtkWidget *window = make_window (&map, &list);
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_free);
  const char *directions[] = { "up", "down", "left", "right" };
  Activation last = { -1, -1, 0 };

  g_signal_connect (map, "area-activated", G_CALLBACK (on_area_activated), &last);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (map);
  gtk_widget_grab_focus (map);
  g_assert_nonnull (glide_body_map_get_focus_area (GLIDE_BODY_MAP (map)));

  g_ptr_array_add (queue, g_strdup (glide_body_map_get_focus_area (GLIDE_BODY_MAP (map))));
  g_hash_table_add (reached, g_strdup (queue->pdata[0]));
  for (guint head = 0; head < queue->len; head++)
    for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
      {
        const char *now;

        g_assert_true (glide_body_map_focus_area (GLIDE_BODY_MAP (map), queue->pdata[head]));
        g_assert_true (gtk_widget_activate_action (map, "bodymap.move", "s", directions[d]));
        now = glide_body_map_get_focus_area (GLIDE_BODY_MAP (map));
        if (!g_hash_table_contains (reached, now))
          {
            g_hash_table_add (reached, g_strdup (now));
            g_ptr_array_add (queue, g_strdup (now));
          }
      }
  g_assert_cmpuint (g_hash_table_size (reached), ==, GLIDE_N_AREAS);

  /* Enter on the focused area toggles it, like a click. */
  glide_body_map_focus_area (GLIDE_BODY_MAP (map), "achilles--right");
  gtk_widget_activate_action (map, "bodymap.activate", NULL);
  g_assert_cmpuint (last.count, ==, 1);
  g_assert_cmpint (last.site, ==, GLIDE_SITE_ACHILLES);
  g_assert_cmpint (last.side, ==, GLIDE_SIDE_RIGHT);
  g_assert_true (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_ACHILLES,
                                             GLIDE_SIDE_RIGHT));

  finish_window (window, map, list);
}

/* The list finds areas by any part of their name, ignoring case and accents,
 * and toggling there toggles on the map. */
static void
test_area_list (void)
{
  GtkWidget *map, *list;
  GtkWidget *window = make_window (&map, &list);
  Activation from_list = { -1, -1, 0 };
  const struct { const char *query; const char *first; guint n; } searches[] = {
    { "achil", "achilles--left", 2 },
    { "ACHILLES RIGHT", "achilles--right", 1 },
    { "ilio", "it-band--left", 2 },
    { "soleus", "calf--left", 2 },
    { "thoracolumbar", "thoracolumbar-fascia--midline", 1 },
    /* Side words are sides, not text (issue 12); the best match comes first. */
    { "calf r", "calf--right", 1 },
    { "iliotibial r", "it-band--right", 1 },
    { "quad left", "quadriceps--left", 2 },
    { "zzz", NULL, 0 },
    { "", "suboccipital--left", GLIDE_N_AREAS },
  };

  g_signal_connect (list, "area-activated", G_CALLBACK (on_area_activated), &from_list);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (list);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_auto(GStrv) visible = NULL;

      glide_area_list_set_search (GLIDE_AREA_LIST (list), searches[i].query);
      visible = glide_area_list_get_visible (GLIDE_AREA_LIST (list));
      g_test_message ("\"%s\": %u areas", searches[i].query, g_strv_length (visible));
      g_assert_cmpuint (g_strv_length (visible), ==, searches[i].n);
      if (searches[i].first != NULL)
        g_assert_cmpstr (visible[0], ==, searches[i].first);
    }

  glide_area_list_set_search (GLIDE_AREA_LIST (list), "achil");
  g_assert_true (glide_area_list_activate_first (GLIDE_AREA_LIST (list)));
  g_assert_cmpuint (from_list.count, ==, 1);
  g_assert_cmpint (from_list.site, ==, GLIDE_SITE_ACHILLES);
  g_assert_cmpint (from_list.side, ==, GLIDE_SIDE_LEFT);
  g_assert_true (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_ACHILLES,
                                             GLIDE_SIDE_LEFT));
  /* Again: toggled off, on both. */
  g_assert_true (glide_area_list_activate_first (GLIDE_AREA_LIST (list)));
  g_assert_false (glide_body_map_is_selected (GLIDE_BODY_MAP (map), GLIDE_SITE_ACHILLES,
                                              GLIDE_SIDE_LEFT));
  g_assert_cmpuint (g_strv_length ((char **) glide_area_list_get_selection (GLIDE_AREA_LIST (list))),
                    ==, 0);

  finish_window (window, map, list);
}

/* Each match shows its side, even in a narrow column: long names wrap
 * instead of widening the list or pushing the side out of sight. */
static void
test_area_list_shows_side (void)
{
  GtkWidget *map, *list;
  GtkWidget *window = make_window (&map, &list);
  GtkWidget *list_box, *label;
  GtkListBoxRow *row;
  int minimum;

  gtk_widget_set_size_request (list, 180, -1);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (list);

  glide_area_list_set_search (GLIDE_AREA_LIST (list), "first dorsal r");
  glide_test_wait_for_draw (list);
  list_box = glide_test_find_widget (list, GTK_TYPE_LIST_BOX);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 0);
  g_assert_nonnull (row);
  label = glide_test_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Dorsoradial wrist / first dorsal compartment, right");
  gtk_widget_measure (list, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("area list minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, 180);
  g_assert_cmpint (gtk_widget_get_width (label), <=, gtk_widget_get_width (list));
  glide_test_save_screenshot (window, "area-list-narrow.png");

  finish_window (window, map, list);
}

static void
test_heat_and_screenshots (void)
{
  GtkWidget *map, *list;
  GtkWidget *window = make_window (&map, &list);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const selected[] = { "quadriceps--right", "calf--left", "achilles--left",
                                   "upper-trapezius--right", NULL };
  double x, y;
  GlideSite site;
  GlideSide side;

  g_object_set (map, "selection", selected, NULL);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (map);

  /* The widget finds an area where it says the area is. */
  g_assert_true (glide_body_map_area_center (GLIDE_BODY_MAP (map), GLIDE_SITE_PIRIFORMIS,
                                             GLIDE_SIDE_RIGHT, &x, &y));
  g_assert_true (glide_body_map_area_at (GLIDE_BODY_MAP (map), x, y, &site, &side));
  g_assert_cmpint (site, ==, GLIDE_SITE_PIRIFORMIS);
  g_assert_cmpint (side, ==, GLIDE_SIDE_RIGHT);
  g_assert_false (glide_body_map_area_at (GLIDE_BODY_MAP (map), 2, 2, NULL, NULL));

  glide_test_save_screenshot (window, "bodymap-widget-light.png");

  g_hash_table_insert (counts, (gpointer) "calf--left", GUINT_TO_POINTER (9));
  g_hash_table_insert (counts, (gpointer) "achilles--left", GUINT_TO_POINTER (6));
  g_hash_table_insert (counts, (gpointer) "plantar-fascia--left", GUINT_TO_POINTER (3));
  g_assert_false (glide_body_map_get_heat_mode (GLIDE_BODY_MAP (map)));
  glide_body_map_set_heat (GLIDE_BODY_MAP (map), counts);
  g_assert_true (glide_body_map_get_heat_mode (GLIDE_BODY_MAP (map)));
  g_object_set (map, "selection", NULL, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  glide_test_wait_for_draw (map);
  glide_test_save_screenshot (window, "bodymap-widget-dark-heat.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  glide_body_map_set_heat (GLIDE_BODY_MAP (map), NULL);
  g_assert_false (glide_body_map_get_heat_mode (GLIDE_BODY_MAP (map)));

  finish_window (window, map, list);
}

/* ---- the kept base layer -------------------------------------------------- */

typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} Render;

/* The widget's render node as GTK would paint it next (NULL while the widget
 * is being redrawn: wait for it). */
static gboolean
has_node (gpointer data)
{
  Render *render = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (render->widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (render->widget),
                          gtk_widget_get_height (render->widget));
  render->node = gtk_snapshot_free_to_node (snapshot);
  if (render->node == NULL)
    gtk_widget_queue_draw (render->widget);
  return render->node != NULL;
}

/* The map's pixels, as the Cairo renderer draws them. */
static cairo_surface_t *
render_map (GtkWidget *map)
{
  Render render = { map, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;

  glide_test_wait_for_draw (map);
  glide_test_wait_until (has_node, &render, "the body map's render node");
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (map),
                                        gtk_widget_get_height (map));
  cr = cairo_create (surface);
  gsk_render_node_draw (render.node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  gsk_render_node_unref (render.node);
  return surface;
}

/* How many pixels of two same-sized renders differ. */
static guint
count_different_pixels (cairo_surface_t *a,
                        cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *da = cairo_image_surface_get_data (a);
  const guchar *db = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += memcmp (da + y * stride + 4 * x, db + y * stride + 4 * x, 4) != 0;
  return n;
}

/* The long-lived @map draws exactly what a new map in a new window of the
 * same size, selection and heat draws: its kept base layer followed the
 * change described by @what. Returns the long-lived map's render. */
static cairo_surface_t *
assert_matches_new_map (GtkWidget  *map,
                        GHashTable *heat,
                        const char *what)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *fresh = glide_body_map_new ();
  g_auto(GStrv) selection = NULL;
  cairo_surface_t *kept = render_map (map);
  cairo_surface_t *made;
  guint different;

  g_object_get (map, "selection", &selection, NULL);
  g_object_set (fresh, "selection", selection, NULL);
  glide_body_map_set_heat (GLIDE_BODY_MAP (fresh), heat);
  gtk_widget_set_size_request (fresh, gtk_widget_get_width (map), gtk_widget_get_height (map));
  gtk_window_set_child (GTK_WINDOW (window), fresh);
  gtk_window_set_default_size (GTK_WINDOW (window), gtk_widget_get_width (map),
                               gtk_widget_get_height (map));
  g_object_ref (fresh);
  gtk_window_present (GTK_WINDOW (window));

  made = render_map (fresh);
  different = count_different_pixels (kept, made);
  if (different != 0)
    g_error ("after %s, the map differs from a new one in %u of %d pixels", what, different,
             cairo_image_surface_get_width (kept) * cairo_image_surface_get_height (kept));

  cairo_surface_destroy (made);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (fresh);
  return kept;
}

/* The map keeps what hover and focus do not change as a texture: after a
 * selection change, a resize, a switch to dark and heat mode, it draws what
 * a new map in that state draws, which is not what it drew before. */
static void
test_base_layer_follows_changes (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *map = glide_body_map_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const selected[] = { "quadriceps--right", "calf--left", "upper-trapezius--right",
                                   NULL };
  cairo_surface_t *before, *after;
  int width;

  gtk_window_set_child (GTK_WINDOW (window), map);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 580);
  g_object_ref (map);
  gtk_window_present (GTK_WINDOW (window));

  before = assert_matches_new_map (map, NULL, "the first frame");

  g_object_set (map, "selection", selected, NULL);
  after = assert_matches_new_map (map, NULL, "a selection change");
  g_assert_cmpuint (count_different_pixels (before, after), >, 0);
  cairo_surface_destroy (before);
  before = after;

  gtk_widget_activate_action (map, "bodymap.toggle-area", "s", "calf--left");
  after = assert_matches_new_map (map, NULL, "a click's toggle");
  g_assert_cmpuint (count_different_pixels (before, after), >, 0);
  cairo_surface_destroy (before);

  width = gtk_widget_get_width (map);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 520);
  glide_test_wait_for_draw (map);
  g_assert_cmpint (gtk_widget_get_width (map), <, width);
  before = after;
  after = assert_matches_new_map (map, NULL, "a resize");
  cairo_surface_destroy (before);

  before = after;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  after = assert_matches_new_map (map, NULL, "the switch to dark");
  g_assert_cmpuint (count_different_pixels (before, after), >, 0);
  cairo_surface_destroy (before);

  before = after;
  g_hash_table_insert (counts, (gpointer) "calf--left", GUINT_TO_POINTER (4));
  g_hash_table_insert (counts, (gpointer) "achilles--left", GUINT_TO_POINTER (2));
  glide_body_map_set_heat (GLIDE_BODY_MAP (map), counts);
  after = assert_matches_new_map (map, counts, "heat mode");
  g_assert_cmpuint (count_different_pixels (before, after), >, 0);
  cairo_surface_destroy (before);

  before = after;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  after = assert_matches_new_map (map, counts, "the switch back to light");
  g_assert_cmpuint (count_different_pixels (before, after), >, 0);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (map);
}

/* The session editor's map with a few areas selected, light and dark (with
 * the keyboard on an area), for the eye: bodymap-editor-light.png and
 * bodymap-editor-dark.png in the test log folder. */
static void
test_editor_screenshots (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "e.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) therapist = NULL;
  const char *const areas[] = { "quadriceps--right", "calf--left", "achilles--left",
                                "upper-trapezius--right" };
  GtkWidget *window = gtk_window_new ();
  GlideSessionEditor *editor;
  GtkWidget *map;
  gint64 patient, course;

  glide_test_add_therapist (store, "dw", "Dana Whitfield");
  therapist = glide_store_find_therapist (store, "dw", NULL);
  glide_store_set_actor (store, therapist->id);
  patient = glide_test_add_patient (store, "E-100", "Kowalczyk", "Marta");
  course = glide_test_add_course (store, patient, "2026-01-05");
  editor = glide_session_editor_new (store, settings, course, 0, 0, &error);
  g_assert_no_error (error);
  glide_session_editor_set_autosave_interval (editor, 3600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (window);

  map = glide_test_find_widget (GTK_WIDGET (editor), GLIDE_TYPE_BODY_MAP);
  g_assert_nonnull (map);
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    g_assert_true (gtk_widget_activate_action (map, "bodymap.toggle-area", "s", areas[i]));
  glide_test_wait_for_draw (window);
  glide_test_save_screenshot (window, "bodymap-editor-light.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_widget_grab_focus (map);
  g_assert_true (glide_body_map_focus_area (GLIDE_BODY_MAP (map), "hamstrings--left"));
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  glide_test_wait_for_draw (window);
  glide_test_save_screenshot (window, "bodymap-editor-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_flush_events ();
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/bodymap-widget/selection-and-signal", test_selection_and_signal);
  g_test_add_func ("/bodymap-widget/keyboard-reaches-every-area", test_keyboard_reaches_every_area);
  g_test_add_func ("/bodymap-widget/area-list", test_area_list);
  g_test_add_func ("/bodymap-widget/area-list-shows-side", test_area_list_shows_side);
  g_test_add_func ("/bodymap-widget/heat-and-screenshots", test_heat_and_screenshots);
  g_test_add_func ("/bodymap-widget/base-layer-follows-changes", test_base_layer_follows_changes);
  g_test_add_func ("/bodymap-widget/editor-screenshots", test_editor_screenshots);

  return g_test_run ();
}
