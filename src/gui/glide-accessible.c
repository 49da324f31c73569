/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-accessible.c: names a screen reader can say, where GTK 4.8 gives
 * none or a bad one.
 *
 * GTK 4.8 computes an object's AT-SPI name from its "label" property, then
 * the "label" properties of what it is labelled by, and falls back to the
 * widget's type name. So:
 * - a button or check button with a mnemonic ("_Save") keeps the raw text
 *   as its label and is also labelled by its GtkLabel: "_Save Save";
 * - an icon button is labelled by its image: "GtkImage" (tooltips are not
 *   names in 4.8);
 * - a drop-down's focus stop is its inner toggle button, which is labelled
 *   by nothing: "GtkToggleButton";
 * - a list view's row (GtkListItemWidget) has no name at all.
 * Later GTK versions fix the first one; this file keeps the workarounds in
 * one place. */

#define G_LOG_DOMAIN "glide-accessible"

#include "config.h"

#include "glide-accessible.h"

#include <glib/gi18n.h>
#include <string.h>

/* "_Save" → "Save", "Fish __and__ _Chips" → "Fish _and_ Chips". */
static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* Names @widget (a GtkButton or GtkCheckButton) after its label, without
 * the mnemonic and said once. */
static void
name_after_mnemonic_label (GtkWidget *widget)
{
  const char *label = NULL;
  gboolean use_underline = FALSE;
  g_autofree char *plain = NULL;

  g_object_get (widget, "use-underline", &use_underline, NULL);
  if (GTK_IS_BUTTON (widget))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  if (!use_underline || label == NULL)
    return;
  plain = strip_mnemonic (label);
  glide_accessible_set_label (widget, plain);
}

static void
on_label_changed (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    data)
{
  name_after_mnemonic_label (widget);
}

/* Every button with a mnemonic is named when it is realized (before any
 * screen reader can ask), and again whenever its label changes. */
static gboolean
on_widget_realized (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (!GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (widget))))
    return TRUE;
  if (g_object_get_data (widget, "glide-accessible-named") == NULL)
    {
      g_object_set_data (widget, "glide-accessible-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_changed), NULL);
      g_signal_connect (widget, "notify::use-underline", G_CALLBACK (on_label_changed), NULL);
    }
  name_after_mnemonic_label (GTK_WIDGET (widget));
  return TRUE;
}

/**
 * glide_accessible_init:
 *
 * Names every button and check button with a mnemonic label after its text,
 * said once and without the underscore. Called by each window's class_init;
 * only the first call does anything.
 */
void
glide_accessible_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_type_ensure (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0,
                                  on_widget_realized, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/**
 * glide_accessible_set_label:
 * @widget: a widget
 * @label: what a screen reader says for it
 *
 * Makes @label the whole name of @widget: what it was labelled by (its own
 * label or image) is no longer added to it. For a menu button, its inner
 * button takes the name from it.
 */
void
glide_accessible_set_label (GtkWidget  *widget,
                            const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* "Therapist: Dana Whitfield": the caption and the item shown. */
static void
update_drop_down_name (GtkDropDown *drop_down)
{
  const char *caption = g_object_get_data (G_OBJECT (drop_down), "glide-accessible-caption");
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);
  gpointer item = gtk_drop_down_get_selected_item (drop_down);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;

  if (item != NULL && GTK_IS_STRING_OBJECT (item))
    shown = g_strdup (gtk_string_object_get_string (item));
  else if (item != NULL && expression != NULL)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (gtk_expression_evaluate (expression, item, &value) && G_VALUE_HOLDS_STRING (&value))
        shown = g_value_dup_string (&value);
    }
  /* TRANSLATORS: a drop-down as a screen reader says it: its caption, then the choice shown */
  name = shown != NULL && *shown != '\0' ? g_strdup_printf (_("%s: %s"), caption, shown)
                                         : g_strdup (caption);
  glide_accessible_set_label (GTK_WIDGET (drop_down), caption);
  if (button != NULL)
    glide_accessible_set_label (button, name);
}

static void
on_drop_down_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       gpointer     data)
{
  update_drop_down_name (drop_down);
}

/* GTK 4.8's drop-down opens its list on the first or the last-used item,
 * not on the choice shown, so Down and Enter from the keyboard picked a
 * wrong one unseen. When the list has been laid out, the focus goes to the
 * item showing the choice (scrolled to first, if it is not made yet). */
static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 const char *label_text)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, 0);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          (label_text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), label_text) == 0))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

static gboolean
focus_selected_item (GtkWidget     *popover,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  GtkDropDown *drop_down = data;
  gpointer item = gtk_drop_down_get_selected_item (drop_down);
  GtkWidget *list = find_descendant (popover, GTK_TYPE_LIST_VIEW, NULL);
  GtkWidget *label;
  int tries = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "glide-focus-tries"));

  if (list == NULL || !GTK_IS_STRING_OBJECT (item) || !gtk_widget_get_mapped (popover) || tries > 3)
    return G_SOURCE_REMOVE;
  label = find_descendant (list, GTK_TYPE_LABEL, gtk_string_object_get_string (item));
  if (label != NULL)
    {
      GtkWidget *row = label;

      while (gtk_widget_get_parent (row) != NULL && gtk_widget_get_parent (row) != list)
        row = gtk_widget_get_parent (row);
      gtk_widget_grab_focus (row);
      return G_SOURCE_REMOVE;
    }
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", gtk_drop_down_get_selected (drop_down));
  g_object_set_data (G_OBJECT (popover), "glide-focus-tries", GINT_TO_POINTER (tries + 1));
  return G_SOURCE_CONTINUE;
}

static void
on_drop_down_popup_shown (GtkWidget   *popover,
                          GtkDropDown *drop_down)
{
  g_object_set_data (G_OBJECT (popover), "glide-focus-tries", GINT_TO_POINTER (0));
  gtk_widget_add_tick_callback (popover, focus_selected_item, drop_down, NULL);
}

/* Enter in an open drop-down's search picks the first item it shows ("knee
 * f", Enter): GTK 4.8 does nothing on Enter there. The drop-down filters
 * by substring, case aside, so the first match is the first item whose
 * string contains what was typed. */
static void
on_search_activate (GtkSearchEntry *entry,
                    GtkDropDown    *drop_down)
{
  g_autofree char *typed = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  GListModel *model = gtk_drop_down_get_model (drop_down);
  GtkWidget *popover = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER, NULL);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *label = NULL;

      if (!GTK_IS_STRING_OBJECT (item))
        break;
      label = g_utf8_casefold (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), -1);
      if (strstr (label, typed) != NULL)
        {
          gtk_drop_down_set_selected (drop_down, i);
          break;
        }
    }
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (GTK_WIDGET (drop_down));
}

static void
open_on_selected (GtkDropDown *drop_down)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER, NULL);
  GtkWidget *search = find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_SEARCH_ENTRY, NULL);

  if (popover != NULL)
    g_signal_connect_after (popover, "show", G_CALLBACK (on_drop_down_popup_shown), drop_down);
  if (search != NULL)
    g_signal_connect (search, "activate", G_CALLBACK (on_search_activate), drop_down);
}

/**
 * glide_accessible_name_drop_down:
 * @drop_down: a drop-down
 * @caption: what it chooses ("Therapist")
 *
 * Names @drop_down's focus stop (its inner button) "Caption: shown item",
 * kept up to date as the choice changes; has its list open on the choice
 * shown, and Enter in its search (when it has one) picks the first match.
 */
void
glide_accessible_name_drop_down (GtkDropDown *drop_down,
                                 const char  *caption)
{
  gboolean first;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (caption != NULL);

  first = g_object_get_data (G_OBJECT (drop_down), "glide-accessible-caption") == NULL;
  g_object_set_data_full (G_OBJECT (drop_down), "glide-accessible-caption", g_strdup (caption), g_free);
  if (first)
    {
      g_signal_connect (drop_down, "notify::selected-item", G_CALLBACK (on_drop_down_selected), NULL);
      g_signal_connect (drop_down, "notify::model", G_CALLBACK (on_drop_down_selected), NULL);
      open_on_selected (drop_down);
    }
  update_drop_down_name (drop_down);
}

/**
 * glide_accessible_name_list_row:
 * @row_child: the child a list view's factory set on a list item
 * @label: what a screen reader says for the row
 * @description: (nullable): what it says after a pause
 *
 * Names the row a list view shows @row_child in (GTK 4.8 has no API for it:
 * the row is the child's parent from "setup" on).
 */
void
glide_accessible_name_list_row (GtkWidget  *row_child,
                                const char *label,
                                const char *description)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (row_child));
  g_return_if_fail (label != NULL);

  row = gtk_widget_get_parent (row_child);
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Room left above and below a focused widget scrolled into view, for its
 * focus ring and a glimpse of what comes next. */
#define FOCUS_MARGIN 12

static void
on_focus_widget_changed (GtkRoot           *root,
                         GParamSpec        *pspec,
                         GtkScrolledWindow *scroller)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;
  double value, top, bottom, height;

  if (focus == NULL || content == NULL || !gtk_widget_is_ancestor (focus, content))
    return;
  /* An entry's text is focused; the entry is what shows. */
  if (GTK_IS_TEXT (focus) && gtk_widget_get_parent (focus) != NULL)
    focus = gtk_widget_get_parent (focus);
  if (!gtk_widget_compute_bounds (focus, GTK_WIDGET (scroller), &bounds))
    return;
  value = gtk_adjustment_get_value (adjustment);
  height = gtk_widget_get_height (GTK_WIDGET (scroller));
  top = bounds.origin.y - FOCUS_MARGIN;
  bottom = bounds.origin.y + bounds.size.height + FOCUS_MARGIN;
  if (top < 0 || bottom - top > height)
    value += top;
  else if (bottom > height)
    value += bottom - height;
  else
    return;
  gtk_adjustment_set_value (adjustment, value);
}

static void
on_scroller_mapped (GtkWidget *scroller,
                    gpointer   data)
{
  GtkRoot *root = gtk_widget_get_root (scroller);

  g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed),
                           scroller, 0);
}

static void
on_scroller_unmapped (GtkWidget *scroller,
                      gpointer   data)
{
  GtkRoot *root = gtk_widget_get_root (scroller);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_focus_widget_changed, scroller);
}

/**
 * glide_accessible_scroll_to_focus:
 * @scroller: a scrolled window
 *
 * Scrolls @scroller to whatever in it takes the focus, so that the focus
 * ring of every stop Tab reaches is on screen. GTK 4.8's viewport does it
 * for some widgets only (not for a drop-down in a group's header or the
 * rows of an expander row).
 */
void
glide_accessible_scroll_to_focus (GtkScrolledWindow *scroller)
{
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  g_signal_connect (scroller, "map", G_CALLBACK (on_scroller_mapped), NULL);
  g_signal_connect (scroller, "unmap", G_CALLBACK (on_scroller_unmapped), NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (scroller)))
    on_scroller_mapped (GTK_WIDGET (scroller), NULL);
}
