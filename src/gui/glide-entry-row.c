/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-entry-row.c: AdwEntryRow's look and behaviour (the title in the
 * text's place while empty, a caption above it otherwise, an edit pencil or
 * an apply check) around a GtkEntry. libadwaita 1.2's AdwEntryRow focuses a
 * bare GtkText, whose accessible role is none, and GTK 4.8 then sends no
 * focus event at all: a screen reader said nothing when Tab reached it. A
 * GtkEntry is a text box that GTK announces when its text takes the focus;
 * it is named after the row's title, so Orca says "Name, text, <value>". */

#define G_LOG_DOMAIN "glide-entry-row"

#include "config.h"

#include "glide-entry-row.h"

#include "glide-accessible.h"
#include "glide-application.h"

#include <glib/gi18n.h>

struct _GlideEntryRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *header;
  GtkWidget *area;          /* the title(s) and the text */
  GtkWidget *title;         /* the caption above the text */
  GtkWidget *empty_title;   /* the title in the text's place while empty */
  GtkWidget *entry;
  GtkWidget *apply_button;
  GtkWidget *edit_icon;

  gboolean   editing;
  gboolean   text_changed;
  gboolean   show_apply_button;
  gboolean   activates_default;
};

/* Between the caption and the text, as in AdwEntryRow. */
#define TITLE_SPACING 3

static void glide_entry_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlideEntryRow, glide_entry_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, glide_entry_row_editable_init))

enum {
  PROP_0,
  PROP_SHOW_APPLY_BUTTON,
  PROP_ACTIVATES_DEFAULT,
  PROP_INPUT_PURPOSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  APPLY,
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* AdwEntryRow asks for the width of its title and its text side by side;
 * asked the same, a form keeps the widths it had with it. Measured from the
 * text, since the caption is hidden while the row is empty. */
static void
measure_row (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  GlideEntryRow *self = GLIDE_ENTRY_ROW (widget);

  gtk_widget_measure (self->header, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (self->title, gtk_label_get_text (GTK_LABEL (self->title)));
      int title_width = 0, entry_width = 0, area_width = 0;

      pango_layout_get_pixel_size (layout, &title_width, NULL);
      gtk_widget_measure (self->entry, orientation, -1, NULL, &entry_width, NULL, NULL);
      gtk_widget_measure (self->area, orientation, -1, NULL, &area_width, NULL, NULL);
      *natural += MAX (0, entry_width + TITLE_SPACING + title_width - area_width);
    }
}

static void
allocate_row (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  gtk_widget_allocate (GLIDE_ENTRY_ROW (widget)->header, width, height, baseline, NULL);
}

static gboolean
is_text_focused (GlideEntryRow *self)
{
  return (gtk_widget_get_state_flags (self->entry) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

/* Shows the title in the text's place or as a caption above it, and the
 * pencil or the apply check, as AdwEntryRow does. */
static void
update_state (GlideEntryRow *self)
{
  gboolean editable = gtk_editable_get_editable (GTK_EDITABLE (self->entry));
  gboolean empty = *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0' &&
                   !(is_text_focused (self) && editable) && !self->text_changed;

  gtk_widget_set_visible (self->edit_icon, !self->text_changed && (!self->editing || !editable));
  gtk_widget_set_sensitive (self->edit_icon, editable);
  gtk_widget_set_visible (self->apply_button, self->text_changed);
  /* The hidden title is not just transparent, so one mnemonic stays. */
  gtk_widget_set_visible (self->empty_title, empty);
  gtk_widget_set_visible (self->title, !empty);
  gtk_widget_set_opacity (self->entry, empty ? 0 : 1);
}

/* The text's name is the title as shown, without mnemonic or markup, and
 * said once: both title labels point their mnemonic at the entry, and GTK
 * 4.8 would add each to the name. */
static void
update_name (GlideEntryRow *self)
{
  if (self->entry != NULL)
    glide_accessible_set_label (self->entry, gtk_label_get_text (GTK_LABEL (self->title)));
}

static void
apply (GlideEntryRow *self)
{
  if (gtk_widget_has_focus (self->apply_button))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  self->text_changed = FALSE;
  update_state (self);
  g_signal_emit (self, signals[APPLY], 0);
}

static void
on_text_changed (GlideEntryRow *self)
{
  if (self->show_apply_button && self->editing)
    self->text_changed = TRUE;
  update_state (self);
}

static void
on_entry_state_flags_changed (GlideEntryRow *self)
{
  gboolean editing = is_text_focused (self);

  if (editing == self->editing)
    return;
  self->editing = editing;
  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "focused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "focused");
  update_state (self);
}

static void
on_entry_activated (GlideEntryRow *self)
{
  if (gtk_widget_get_visible (self->apply_button))
    {
      apply (self);
      return;
    }
  if (self->activates_default)
    gtk_widget_activate_default (GTK_WIDGET (self));
  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0);
}

static gboolean
on_entry_keynav_failed (GlideEntryRow    *self,
                        GtkDirectionType  direction)
{
  if (direction == GTK_DIR_LEFT || direction == GTK_DIR_RIGHT)
    return gtk_widget_child_focus (GTK_WIDGET (self), direction);
  return GDK_EVENT_PROPAGATE;
}

/* A click anywhere in the row but on the text or the apply button puts
 * the cursor in the text. */
static void
on_pressed (GtkGesture    *gesture,
            int            n_press,
            double         x,
            double         y,
            GlideEntryRow *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (picked != NULL &&
      (picked == self->entry || gtk_widget_is_ancestor (picked, self->entry) ||
       picked == self->apply_button || gtk_widget_is_ancestor (picked, self->apply_button)))
    {
      gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (self->entry));
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static GtkEditable *
glide_entry_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (GLIDE_ENTRY_ROW (editable)->entry);
}

static void
glide_entry_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = glide_entry_row_get_delegate;
}

/* The row itself is never a focus stop; its text and apply button are. */
static gboolean
glide_entry_row_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  return gtk_widget_child_focus (GLIDE_ENTRY_ROW (widget)->header, direction);
}

static gboolean
glide_entry_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GLIDE_ENTRY_ROW (widget)->entry);
}

static void
glide_entry_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlideEntryRow *self = GLIDE_ENTRY_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_SHOW_APPLY_BUTTON:
      g_value_set_boolean (value, self->show_apply_button);
      break;
    case PROP_ACTIVATES_DEFAULT:
      g_value_set_boolean (value, self->activates_default);
      break;
    case PROP_INPUT_PURPOSE:
      g_value_set_enum (value, glide_entry_row_get_input_purpose (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_entry_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlideEntryRow *self = GLIDE_ENTRY_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_SHOW_APPLY_BUTTON:
      glide_entry_row_set_show_apply_button (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIVATES_DEFAULT:
      glide_entry_row_set_activates_default (self, g_value_get_boolean (value));
      break;
    case PROP_INPUT_PURPOSE:
      glide_entry_row_set_input_purpose (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_entry_row_dispose (GObject *object)
{
  GlideEntryRow *self = GLIDE_ENTRY_ROW (object);

  if (self->entry != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entry, self);
      gtk_editable_finish_delegate (GTK_EDITABLE (self));
      self->entry = NULL;
    }

  G_OBJECT_CLASS (glide_entry_row_parent_class)->dispose (object);
}

static void
glide_entry_row_class_init (GlideEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();

  object_class->get_property = glide_entry_row_get_property;
  object_class->set_property = glide_entry_row_set_property;
  object_class->dispose = glide_entry_row_dispose;

  widget_class->focus = glide_entry_row_focus;
  widget_class->grab_focus = glide_entry_row_grab_focus;

  /**
   * GlideEntryRow:show-apply-button:
   *
   * Whether a change is confirmed with an apply button (or Enter), which
   * emits #GlideEntryRow::apply, rather than taken as typed.
   */
  properties[PROP_SHOW_APPLY_BUTTON] =
    g_param_spec_boolean ("show-apply-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GlideEntryRow:activates-default:
   *
   * Whether Enter in the text activates the window's default widget.
   */
  properties[PROP_ACTIVATES_DEFAULT] =
    g_param_spec_boolean ("activates-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GlideEntryRow:input-purpose:
   *
   * What the text is (a phone number, ...), for input methods.
   */
  properties[PROP_INPUT_PURPOSE] =
    g_param_spec_enum ("input-purpose", NULL, NULL, GTK_TYPE_INPUT_PURPOSE,
                       GTK_INPUT_PURPOSE_FREE_FORM,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /**
   * GlideEntryRow::apply:
   *
   * Emitted when a change is confirmed with the apply button or Enter,
   * with #GlideEntryRow:show-apply-button set.
   */
  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GlideEntryRow::entry-activated:
   *
   * Emitted on Enter in the text when there is no change to apply.
   */
  signals[ENTRY_ACTIVATED] = g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static GtkWidget *
title_label_new (GlideEntryRow *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_can_target (label, FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->entry);
  g_object_bind_property (self, "title", label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "use-underline", label, "use-underline", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "use-markup", label, "use-markup", G_BINDING_SYNC_CREATE);
  return label;
}

static void
glide_entry_row_init (GlideEntryRow *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, TITLE_SPACING);
  GtkGesture *click = gtk_gesture_click_new ();

  /* glide.css drops the entry's own frame and focus ring (the row draws
   * the ring, as AdwEntryRow's does); a dialog may come without the main
   * window that would have loaded it. */
  glide_application_ensure_css (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "entry");
  gtk_widget_add_css_class (GTK_WIDGET (self), "glide-entry-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->header, "header");
  gtk_widget_set_valign (self->header, GTK_ALIGN_CENTER);

  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), TRUE);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activated), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self->entry, "state-flags-changed",
                            G_CALLBACK (on_entry_state_flags_changed), self);
  g_signal_connect_swapped (self->entry, "keynav-failed", G_CALLBACK (on_entry_keynav_failed), self);
  g_signal_connect_swapped (self->entry, "notify::editable", G_CALLBACK (update_state), self);

  self->title = title_label_new (self);
  gtk_widget_add_css_class (self->title, "subtitle");
  /* The shown text changes with any of the three. */
  g_signal_connect_swapped (self->title, "notify::label", G_CALLBACK (update_name), self);
  g_signal_connect_swapped (self->title, "notify::use-underline", G_CALLBACK (update_name), self);
  g_signal_connect_swapped (self->title, "notify::use-markup", G_CALLBACK (update_name), self);

  self->empty_title = title_label_new (self);
  gtk_widget_set_valign (self->empty_title, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->empty_title, "title");
  gtk_widget_add_css_class (self->empty_title, "dim-label");

  gtk_box_append (GTK_BOX (column), self->title);
  gtk_box_append (GTK_BOX (column), self->entry);
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  self->area = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->area), column);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->area), self->empty_title);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_box_append (GTK_BOX (self->header), self->area);

  self->apply_button = gtk_button_new_from_icon_name ("adw-entry-apply-symbolic");
  gtk_widget_set_valign (self->apply_button, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (self->apply_button, FALSE);
  gtk_widget_set_tooltip_text (self->apply_button, _("Apply"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apply_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Apply"), -1);
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_add_css_class (self->apply_button, "circular");
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply), self);
  gtk_box_append (GTK_BOX (self->header), self->apply_button);

  self->edit_icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (self->edit_icon, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (self->edit_icon, FALSE);
  gtk_widget_add_css_class (self->edit_icon, "edit-icon");
  gtk_box_append (GTK_BOX (self->header), self->edit_icon);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->header);
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, measure_row, allocate_row));

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_editable_init_delegate (GTK_EDITABLE (self));
  update_name (self);
  update_state (self);
}

GtkWidget *
glide_entry_row_new (void)
{
  return g_object_new (GLIDE_TYPE_ENTRY_ROW, NULL);
}

gboolean
glide_entry_row_get_show_apply_button (GlideEntryRow *self)
{
  g_return_val_if_fail (GLIDE_IS_ENTRY_ROW (self), FALSE);

  return self->show_apply_button;
}

void
glide_entry_row_set_show_apply_button (GlideEntryRow *self,
                                       gboolean       show_apply_button)
{
  g_return_if_fail (GLIDE_IS_ENTRY_ROW (self));

  show_apply_button = !!show_apply_button;
  if (show_apply_button == self->show_apply_button)
    return;
  self->show_apply_button = show_apply_button;
  if (!show_apply_button)
    self->text_changed = FALSE;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_APPLY_BUTTON]);
}

gboolean
glide_entry_row_get_activates_default (GlideEntryRow *self)
{
  g_return_val_if_fail (GLIDE_IS_ENTRY_ROW (self), FALSE);

  return self->activates_default;
}

void
glide_entry_row_set_activates_default (GlideEntryRow *self,
                                       gboolean       activates_default)
{
  g_return_if_fail (GLIDE_IS_ENTRY_ROW (self));

  activates_default = !!activates_default;
  if (activates_default == self->activates_default)
    return;
  self->activates_default = activates_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATES_DEFAULT]);
}

GtkInputPurpose
glide_entry_row_get_input_purpose (GlideEntryRow *self)
{
  g_return_val_if_fail (GLIDE_IS_ENTRY_ROW (self), GTK_INPUT_PURPOSE_FREE_FORM);

  return gtk_entry_get_input_purpose (GTK_ENTRY (self->entry));
}

void
glide_entry_row_set_input_purpose (GlideEntryRow   *self,
                                   GtkInputPurpose  purpose)
{
  g_return_if_fail (GLIDE_IS_ENTRY_ROW (self));

  if (purpose == gtk_entry_get_input_purpose (GTK_ENTRY (self->entry)))
    return;
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), purpose);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_PURPOSE]);
}
