/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-gui-test-utils.c: waiting for frames, screenshots, finding widgets. */

#define G_LOG_DOMAIN "glide-test"

#include "config.h"

#include "glide-gui-test-utils.h"

#include <string.h>

/* Wakes the main loop now and then, so a condition that changes outside it
 * (another process, a reference dropped by a thread) is seen. */
static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Whether @condition came true before the deadline. */
static gboolean
wait_for (GlideTestCondition condition,
          gpointer           data)
{
  gint64 deadline = g_get_monotonic_time () + GLIDE_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, wake_up, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return met;
}

void
glide_test_wait_until_impl (const char         *file,
                            int                 line,
                            const char         *func,
                            GlideTestCondition  condition,
                            gpointer            data,
                            const char         *what)
{
  if (!wait_for (condition, data))
    {
      g_autofree char *message = g_strdup_printf ("waited %d s for %s in vain",
                                                  GLIDE_TEST_WAIT_SECONDS, what);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
    }
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

void
glide_test_assert_finalized_impl (const char *file,
                                  int         line,
                                  const char *func,
                                  gpointer    object)
{
  gpointer weak = object;
  g_autofree char *type = g_strdup (G_OBJECT_TYPE_NAME (object));

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  if (!wait_for (is_null, &weak))
    {
      g_autofree char *message =
        g_strdup_printf ("%s %p still has %u references %d s after its last user let go "
                         "(a leak or a reference cycle)", type, weak,
                         g_atomic_int_get (&((GObject *) weak)->ref_count), GLIDE_TEST_WAIT_SECONDS);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
    }
}

static gboolean
try_dispatch (gpointer data)
{
  return !g_main_context_iteration (NULL, FALSE);
}

/* Dispatches what is ready (idles, finished timers, events) until nothing
 * is: the effects of an action that defers work to the main loop. */
void
glide_test_flush_events (void)
{
  glide_test_wait_until (try_dispatch, NULL, "the main loop to have nothing left to dispatch");
}

static gboolean
is_on_screen (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

typedef struct
{
  guint frames;
  guint wanted;
} FrameCount;

static gboolean
has_painted (gpointer data)
{
  FrameCount *count = data;

  return count->frames >= count->wanted;
}

typedef struct
{
  GlideWindow *window;
  guint        n;
} PatientCount;

static gboolean
lists_patients (gpointer data)
{
  PatientCount *count = data;

  return g_list_model_get_n_items (glide_window_get_patients (count->window)) == count->n;
}

/* Runs the main loop until @window's patient list holds @n patients: before
 * a window's first frame the list holds the rows its height shows, and the
 * rest of the first page follows once that frame is painted. */
void
glide_test_wait_for_patients (GlideWindow *window,
                              guint        n)
{
  PatientCount count = { window, n };
  g_autofree char *what = g_strdup_printf ("the patient list holds %u patients", n);

  glide_test_wait_until (lists_patients, &count, what);
}

/* Waits until @widget is on screen and two frames were painted after the
 * call: the first lays out and paints what changed before it, the second
 * what that layout changed in turn (list rows made, adjustments grown). */
void
glide_test_wait_for_draw (GtkWidget *widget)
{
  g_autoptr(GdkFrameClock) clock = NULL;
  FrameCount count = { 0, 0 };
  gulong handler;

  glide_test_wait_until (is_on_screen, widget, "the widget to be mapped and allocated");
  clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &count.frames);
  for (count.wanted = 1; count.wanted <= 2; count.wanted++)
    {
      gtk_widget_queue_draw (widget);
      glide_test_wait_until (has_painted, &count, "a frame to be painted");
    }
  g_signal_handler_disconnect (clock, handler);
  glide_test_flush_events ();
}

typedef struct
{
  GtkWidget     *window;
  GskRenderNode *node;
} Shot;

/* A widget paintable has nothing to give while the widget's own render
 * node is being remade (a style change queues it): wait for a frame. */
static gboolean
has_render_node (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (shot->window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (shot->window),
                          gtk_widget_get_height (shot->window));
  shot->node = gtk_snapshot_free_to_node (snapshot);
  if (shot->node == NULL)
    gtk_widget_queue_draw (shot->window);
  return shot->node != NULL;
}

void
glide_test_save_screenshot (GtkWidget  *window,
                            const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GLIDE_TEST_OUTPUT"), name, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  Shot shot = { window, NULL };
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  glide_test_wait_until (has_render_node, &shot, "something drawn to take a screenshot of");
  node = shot.node;
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

/* GTK 4.8 on Xvfb without a window manager sometimes paints a frame of a
 * window whose new size the X server has not confirmed yet, and says so.
 * That one message is dropped; every other warning still fails the test. */
static GLogWriterOutput
write_log (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "Trying to snapshot") &&
        strstr (fields[i].value, "without a current allocation"))
      return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* gtk_test_init () and adw_init (), with that one message dropped. */
void
glide_test_gui_init (int    *argc,
                     char ***argv)
{
  g_log_set_writer_func (write_log, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

typedef struct
{
  GType       type;
  GtkWindow  *parent;    /* NULL: any */
  const char *heading;   /* a prefix of a message dialog's heading, or NULL */
} DialogQuery;

static GtkWindow *
find_dialog (const DialogQuery *query)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (!g_type_is_a (G_OBJECT_TYPE (toplevel), query->type) ||
          !gtk_widget_get_visible (GTK_WIDGET (toplevel)) ||
          (query->parent != NULL && gtk_window_get_transient_for (toplevel) != query->parent))
        continue;
      if (query->heading != NULL &&
          !g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                             query->heading))
        continue;
      return toplevel;
    }
  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

/**
 * glide_test_wait_for_dialog:
 * @type: the dialog's type (or a parent type)
 * @parent: (nullable): the window it must be transient for, or %NULL for any
 * @heading: (nullable): for a message dialog, a prefix of its heading
 *
 * Returns: (transfer none): the visible dialog, once there is one
 */
GtkWindow *
glide_test_wait_for_dialog (GType       type,
                            GtkWindow  *parent,
                            const char *heading)
{
  DialogQuery query = { type, parent, heading };

  glide_test_wait_until (dialog_is_shown, &query, heading ? heading : g_type_name (type));
  return find_dialog (&query);
}

/* Waits until no such dialog is visible. */
void
glide_test_wait_for_dialog_gone (GType       type,
                                 GtkWindow  *parent,
                                 const char *what)
{
  DialogQuery query = { type, parent, NULL };

  glide_test_wait_until (dialog_is_gone, &query, what);
}

/**
 * glide_test_open_window:
 * @width: the window's width, and @height its height
 *
 * Returns: (transfer full): Glide's main window on @store, on screen and
 *   drawn; destroy it and glide_test_assert_finalized () it at the end
 */
GlideWindow *
glide_test_open_window (GlideStore *store,
                        int         width,
                        int         height)
{
  GlideWindow *window = glide_window_new (NULL, store, NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}
