/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bodymap-widget.c: GlideBodyMap and GlideAreaList under Xvfb. The
 * selection property and area-activated agree, the arrow keys (the widget's
 * actions) reach every area, the list finds and toggles areas and stays in
 * step with the map, screenshots go to the test log folder, and both widgets
 * finalize. */

#include "config.h"

#include <adwaita.h>

#include "glide-area-list.h"
#include "glide-body-map.h"
#include "glide-gui-test-utils.h"

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

  return g_test_run ();
}
