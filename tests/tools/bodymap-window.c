/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bodymap-window: a test window with the body map beside the area list, the
 * two kept in step, until the session editor uses them. It reports every
 * area-activated in a status line.
 *
 *   bodymap-window [--dark] [--heat calf--left=5,...] [--select calf--left,...]
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "glide-area-list.h"
#include "glide-body-map.h"

static gboolean dark;
static char *heat_text;
static char *select_text;

static const GOptionEntry entries[] = {
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
  { "heat", 0, 0, G_OPTION_ARG_STRING, &heat_text, "Show visit counts: id=N,...", "COUNTS" },
  { "select", 0, 0, G_OPTION_ARG_STRING, &select_text, "Select areas: id,...", "IDS" },
  { NULL }
};

static void
on_area_activated (GtkWidget *source,
                   int        site,
                   int        side,
                   GtkLabel  *status)
{
  g_autofree char *label = glide_area_get_label (site, side);
  g_autofree char *text = NULL;
  const char *const *selection = glide_body_map_get_selection (g_object_get_data (G_OBJECT (status), "map"));

  text = g_strdup_printf ("area-activated from the %s: %s — %u selected",
                          GLIDE_IS_BODY_MAP (source) ? "map" : "list", label,
                          g_strv_length ((char **) selection));
  gtk_label_set_text (status, text);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *list = glide_area_list_new ();
  GtkWidget *map = glide_body_map_new ();
  GtkWidget *status = gtk_label_new ("Click, hover, use the arrow keys or search the list.");

  gtk_window_set_title (GTK_WINDOW (window), "Body map");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_widget_set_size_request (list, 280, -1);
  gtk_widget_set_margin_start (list, 6);
  gtk_widget_set_margin_top (list, 6);
  gtk_widget_set_hexpand (map, TRUE);
  gtk_widget_set_vexpand (map, TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_margin_start (status, 12);
  gtk_widget_set_margin_bottom (status, 6);
  g_object_set_data (G_OBJECT (status), "map", map);

  gtk_paned_set_start_child (GTK_PANED (paned), list);
  gtk_paned_set_end_child (GTK_PANED (paned), map);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), paned);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  g_object_bind_property (map, "selection", list, "selection",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (map, "area-activated", G_CALLBACK (on_area_activated), status);
  g_signal_connect (list, "area-activated", G_CALLBACK (on_area_activated), status);

  if (select_text != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (select_text, ",", -1);

      glide_body_map_set_selection (GLIDE_BODY_MAP (map), (const char *const *) ids);
    }
  if (heat_text != NULL)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_auto(GStrv) items = g_strsplit (heat_text, ",", -1);

      for (guint i = 0; items[i]; i++)
        {
          g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);

          if (kv[1] != NULL)
            g_hash_table_insert (counts, g_strdup (kv[0]), GUINT_TO_POINTER (atoi (kv[1])));
        }
      glide_body_map_set_heat (GLIDE_BODY_MAP (map), counts);
    }
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (map);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.glidept.Glide.BodyMapTest",
                                                       G_APPLICATION_NON_UNIQUE);

  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
