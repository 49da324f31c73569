/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-area-list.c: a search entry over a list of the body map areas. Typing
 * filters and sorts by core's area search (glide-area-search.c): "calf r" is
 * the right calf, best matches first; Enter in the search activates the first
 * match, Enter or Space on a row toggles it. Each row is a check button named
 * with the area and its side, so screen readers hear the area and whether it
 * is selected. */

#define G_LOG_DOMAIN "glide-area-list"

#include "config.h"

#include "glide-area-list.h"

#include "glide-application.h"
#include "glide-area-search.h"
#include "glide-figure.h"

#include <glib/gi18n.h>
#include <string.h>

struct _GlideAreaList
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;

  GlideFigure    *figure;
  GPtrArray      *checks;     /* GtkCheckButton per figure area */
  GPtrArray      *rows;       /* GtkListBoxRow per figure area */
  int            *ranks;      /* the search's rank per figure area, -1 hidden */
  guint          *affinity;   /* per figure area: 0 treated in this course, 1 on its side, 2 */
  char          **selection;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (GlideAreaList, glide_area_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
rebuild_selection (GlideAreaList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, glide_figure_get_area (self->figure, i)->id);
  g_strfreev (self->selection);
  self->selection = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static guint
row_area_index (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "glide-area-index"));
}

static gboolean
row_matches (GlideAreaList *self,
             guint          index)
{
  return self->ranks[index] >= 0;
}

/* Best rank first, hidden areas last; between equals, the areas this course
 * treated, then those on its side, then figure order. */
static int
compare_areas (GlideAreaList *self,
               guint          a,
               guint          b)
{
  guint rank_a = (guint) self->ranks[a]; /* -1, hidden, becomes the largest */
  guint rank_b = (guint) self->ranks[b];

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  if (self->affinity[a] != self->affinity[b])
    return self->affinity[a] < self->affinity[b] ? -1 : 1;
  return a < b ? -1 : a > b;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  return row_matches (user_data, row_area_index (row));
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  return compare_areas (user_data, row_area_index (a), row_area_index (b));
}

/* The figure index of the best match, or -1. */
static int
first_match (GlideAreaList *self)
{
  int best = -1;

  for (guint i = 0; i < self->checks->len; i++)
    if (row_matches (self, i) && (best < 0 || compare_areas (self, i, best) < 0))
      best = i;
  return best;
}

static void
toggle_row (GlideAreaList *self,
            guint          index)
{
  GtkCheckButton *check = g_ptr_array_index (self->checks, index);
  const GlideFigureArea *area = glide_figure_get_area (self->figure, index);

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  g_signal_emit (self, signals[AREA_ACTIVATED], 0, (int) area->site, (int) area->side);
}

static void
on_row_activated (GlideAreaList *self,
                  GtkListBoxRow *row)
{
  toggle_row (self, row_area_index (row));
}

/* The row is the focus stop: it says whether its area is treated. */
static void
on_check_toggled (GtkCheckButton *check,
                  GlideAreaList  *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (check))),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_check_button_get_active (check) ? GTK_ACCESSIBLE_TRISTATE_TRUE :
                                                                     GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  if (!self->updating)
    rebuild_selection (self);
}

static void
on_search_changed (GlideAreaList *self)
{
  g_autoptr(GlideAreaQuery) query =
    glide_area_query_new (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  for (guint i = 0; i < self->checks->len; i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (self->figure, i);

      self->ranks[i] = glide_area_query_rank (query, area->site, area->side);
    }
  gtk_list_box_invalidate_filter (self->list_box);
  gtk_list_box_invalidate_sort (self->list_box);
}

static void
on_search_activate (GlideAreaList *self)
{
  /* search-changed comes 150 ms after typing; Enter may come sooner. */
  on_search_changed (self);
  glide_area_list_activate_first (self);
  /* The next area is typed over this one ("q" Enter "p" Enter). */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Down from the search moves into the list, to the first match. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GlideAreaList         *self)
{
  int first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  first = first_match (self);
  if (first < 0)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (g_ptr_array_index (self->rows, first));
  return GDK_EVENT_STOP;
}

/* A list box moves Tab from row to row, so Tab never left the 79 areas.
 * Here the search and the list are two stops: Tab goes from the search to
 * the first area shown and from the list on out of it (the arrows move
 * between rows), for the keys and for gtk_widget_child_focus () alike. */
static gboolean
glide_area_list_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  GlideAreaList *self = GLIDE_AREA_LIST (widget);
  GtkWidget *search = GTK_WIDGET (self->search_entry);
  GtkWidget *inside = gtk_widget_get_focus_child (widget);
  int first;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (glide_area_list_parent_class)->focus (widget, direction);

  first = first_match (self);
  if (inside == NULL)
    {
      if (direction == GTK_DIR_TAB_BACKWARD && first >= 0)
        return gtk_widget_grab_focus (g_ptr_array_index (self->rows, first));
      return gtk_widget_grab_focus (search);
    }
  if (inside == search)
    {
      if (direction == GTK_DIR_TAB_BACKWARD || first < 0)
        return FALSE;
      return gtk_widget_grab_focus (g_ptr_array_index (self->rows, first));
    }
  /* In the list. */
  if (direction == GTK_DIR_TAB_BACKWARD)
    return gtk_widget_grab_focus (search);
  return FALSE;
}

static void
populate (GlideAreaList *self)
{
  for (guint i = 0; i < glide_figure_get_n_areas (self->figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (self->figure, i);
      g_autofree char *label = glide_area_get_label (area->site, area->side);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *text = gtk_label_new (label);
      GtkWidget *row = gtk_list_box_row_new ();

      /* Long names wrap, so a narrow column still shows the side at the end
       * and the list never sets the window's width. */
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0.0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

      /* The row takes focus and clicks; the check only shows and tells. */
      gtk_widget_set_focusable (check, FALSE);
      gtk_widget_set_can_target (check, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (row, glide_code_list_label (GLIDE_CODE_LIST_VIEW, area->view));
      g_object_set_data (G_OBJECT (row), "glide-area-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->list_box, row);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->rows, row);
    }
  self->ranks = g_new0 (int, self->checks->len);
  self->affinity = g_new0 (guint, self->checks->len);
}

static void
glide_area_list_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), GLIDE_TYPE_AREA_LIST);
  /* The template's unnamed children (the scrolled window) are ours to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (glide_area_list_parent_class)->dispose (object);
}

static void
glide_area_list_finalize (GObject *object)
{
  GlideAreaList *self = GLIDE_AREA_LIST (object);

  g_clear_pointer (&self->figure, glide_figure_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_free);
  g_clear_pointer (&self->affinity, g_free);
  g_clear_pointer (&self->selection, g_strfreev);

  G_OBJECT_CLASS (glide_area_list_parent_class)->finalize (object);
}

static void
glide_area_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlideAreaList *self = GLIDE_AREA_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_area_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlideAreaList *self = GLIDE_AREA_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      glide_area_list_set_selection (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_area_list_class_init (GlideAreaListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();

  object_class->dispose = glide_area_list_dispose;
  object_class->finalize = glide_area_list_finalize;
  object_class->get_property = glide_area_list_get_property;
  object_class->set_property = glide_area_list_set_property;
  widget_class->focus = glide_area_list_focus;

  /**
   * GlideAreaList:selection:
   *
   * The checked areas as ids ("calf--left"), in figure order; bind it to
   * GlideBodyMap:selection to keep both in step.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlideAreaList::area-activated:
   * @site: the area's #GlideSite
   * @side: the area's #GlideSide
   *
   * Emitted when the user toggles an area from the list.
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-area-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideAreaList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlideAreaList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "arealist");
}

static void
glide_area_list_init (GlideAreaList *self)
{
  g_autoptr(GError) error = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->selection = g_new0 (char *, 1);
  self->figure = glide_figure_get_default (&error);
  if (self->figure == NULL)
    g_critical ("The body map figure cannot be read: %s", error->message);
  else
    populate (self);

  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_rows, self, NULL);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
glide_area_list_new (void)
{
  return g_object_new (GLIDE_TYPE_AREA_LIST, NULL);
}

const char *const *
glide_area_list_get_selection (GlideAreaList *self)
{
  g_return_val_if_fail (GLIDE_IS_AREA_LIST (self), NULL);
  return (const char *const *) self->selection;
}

void
glide_area_list_set_selection (GlideAreaList     *self,
                               const char *const *area_ids)
{
  g_return_if_fail (GLIDE_IS_AREA_LIST (self));

  if (self->selection != NULL && area_ids != NULL &&
      g_strv_equal ((const char *const *) self->selection, area_ids))
    return;

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      const char *id = glide_figure_get_area (self->figure, i)->id;

      gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                   area_ids != NULL && g_strv_contains (area_ids, id));
    }
  self->updating = FALSE;
  rebuild_selection (self);
}

void
glide_area_list_set_search (GlideAreaList *self,
                            const char    *text)
{
  g_return_if_fail (GLIDE_IS_AREA_LIST (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  on_search_changed (self);
}

/**
 * glide_area_list_get_visible:
 *
 * Returns: (transfer full): the ids of the areas the search shows, in the
 *   order shown (best match first)
 */
char **
glide_area_list_get_visible (GlideAreaList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GLIDE_IS_AREA_LIST (self), NULL);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      guint index;

      if (row == NULL)
        break;
      index = row_area_index (row);
      if (row_matches (self, index))
        g_strv_builder_add (builder, glide_figure_get_area (self->figure, index)->id);
    }
  return g_strv_builder_end (builder);
}

/* Toggles the first area the search shows, as Enter in the search does. */
gboolean
glide_area_list_activate_first (GlideAreaList *self)
{
  int first;

  g_return_val_if_fail (GLIDE_IS_AREA_LIST (self), FALSE);

  first = first_match (self);
  if (first < 0)
    return FALSE;
  toggle_row (self, first);
  return TRUE;
}

/**
 * glide_area_list_focus_search:
 *
 * Puts the keyboard in the search entry, its text selected, so the next
 * area can be typed straight away.
 */
void
glide_area_list_focus_search (GlideAreaList *self)
{
  g_return_if_fail (GLIDE_IS_AREA_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * glide_area_list_set_preferred:
 * @area_ids: (nullable): the areas the course treated before
 * @side: the course's side, or %GLIDE_SIDE_MIDLINE for none
 *
 * Between matches the search ranks equally ("p" starts many names), the
 * course's own areas come first, then those on its side, so a practised
 * user picks the areas of a course with one or two letters.
 */
void
glide_area_list_set_preferred (GlideAreaList     *self,
                               const char *const *area_ids,
                               GlideSide          side)
{
  g_return_if_fail (GLIDE_IS_AREA_LIST (self));

  for (guint i = 0; i < self->checks->len; i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (self->figure, i);

      self->affinity[i] = area_ids != NULL && g_strv_contains (area_ids, area->id) ? 0 :
                          side != GLIDE_SIDE_MIDLINE && area->side == side ? 1 : 2;
    }
  gtk_list_box_invalidate_sort (self->list_box);
}
