/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-gui-test-utils.c: waiting for frames, screenshots, finding widgets. */

#include "config.h"

#include "glide-gui-test-utils.h"

void
glide_test_wait_for_draw (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* A few more turns for layout and the first frame. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  /* Frames come from the frame clock's timer: give it a few. */
  glide_test_iterate (150);
}

/* Runs the main loop for about @milliseconds (timers, idles, frames). */
void
glide_test_iterate (guint milliseconds)
{
  gint64 deadline = g_get_monotonic_time () + milliseconds * (gint64) 1000;

  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

void
glide_test_save_screenshot (GtkWidget  *window,
                            const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GLIDE_TEST_OUTPUT"), name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The first widget under @root, depth first, that @match accepts. */
GtkWidget *
glide_test_find_matching (GtkWidget          *root,
                          GlideTestWidgetMatch match,
                          gconstpointer       data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = glide_test_find_matching (child, match, data);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), (GType) GPOINTER_TO_SIZE (type));
}

/* The first widget of @type under @root, depth first. */
GtkWidget *
glide_test_find_widget (GtkWidget *root,
                        GType      type)
{
  return glide_test_find_matching (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* The newest toplevel window of @type (a dialog the code under test opened). */
GtkWindow *
glide_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}
