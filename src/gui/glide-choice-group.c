/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-choice-group.c: a code list as linked toggle buttons. A drop-down
 * opened from the keyboard highlighted its first or last-used item rather
 * than the current value, so Down and Enter picked a wrong one unseen; here
 * every choice is on screen and a key picks it directly.
 *
 * Only one button takes the focus (the chosen one, or the first while none
 * is chosen), so Tab passes the group in one step; Left and Right change the
 * choice (Up and Down are left to move between fields). Exclusivity is kept
 * here rather than with gtk_toggle_button_set_group (), so that an optional
 * field can be cleared again: a click on the chosen button, Backspace or
 * Delete. */

#define G_LOG_DOMAIN "glide-choice-group"

#include "config.h"

#include "glide-choice-group.h"

#include "glide-wrap-layout.h"

#include <glib/gi18n.h>

struct _GlideChoiceGroup
{
  GtkWidget   parent_instance;

  GlideCodeList list;
  gboolean    optional;
  int         selected;
  GPtrArray  *buttons;   /* GtkToggleButton, one per code */
  GStrv       keys;      /* one per code, lower case */
  char       *name;      /* "Redness, Quadriceps (left)" */
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (GlideChoiceGroup, glide_choice_group, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  KEY_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The focus stop and each button's state follow the choice. */
static void
sync_buttons (GlideChoiceGroup *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      gboolean chosen = (int) i == self->selected;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), chosen);
      gtk_widget_set_focusable (button, chosen || (self->selected < 0 && i == 0));
    }
  self->updating = FALSE;
}

static void
choose (GlideChoiceGroup *self,
        int               selected,
        gboolean          by_key)
{
  gboolean had_focus = FALSE;
  int before = self->selected;

  if (selected == self->selected)
    {
      sync_buttons (self);
      return;
    }
  for (guint i = 0; i < self->buttons->len; i++)
    had_focus |= gtk_widget_has_focus (g_ptr_array_index (self->buttons, i));
  self->selected = selected;
  sync_buttons (self);
  if (had_focus)
    gtk_widget_grab_focus (glide_choice_group_get_button (self, selected < 0 ? 0 : selected));
  g_signal_emit (self, signals[CHANGED], 0);
  if (by_key)
    g_signal_emit (self, signals[KEY_PICKED], 0, before);
}

static void
on_toggled (GtkToggleButton  *button,
            GlideChoiceGroup *self)
{
  int index;

  if (self->updating)
    return;
  index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice-index"));
  if (gtk_toggle_button_get_active (button))
    choose (self, index, FALSE);
  else if (self->optional && index == self->selected)
    choose (self, GLIDE_CHOICE_NONE, FALSE);
  else
    sync_buttons (self);   /* a required choice stays chosen */
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlideChoiceGroup      *self)
{
  int n = (int) self->buttons->len;
  gunichar c;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      choose (self, self->selected <= 0 ? 0 : self->selected - 1, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      choose (self, self->selected < 0 ? 0 : MIN (self->selected + 1, n - 1), FALSE);
      return TRUE;
    case GDK_KEY_BackSpace:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (!self->optional)
        return FALSE;
      choose (self, GLIDE_CHOICE_NONE, FALSE);
      return TRUE;
    default:
      break;
    }
  c = g_unichar_tolower (gdk_keyval_to_unicode (keyval));
  if (c == 0)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (g_utf8_get_char (self->keys[i]) == c)
      {
        choose (self, i, TRUE);
        return TRUE;
      }
  return FALSE;
}

static void
label_buttons (GlideChoiceGroup *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      const char *label = glide_code_list_label (self->list, i);
      /* Translators: accessible name of one choice: "Redness, Calf (left): Mild" */
      g_autofree char *name = self->name ? g_strdup_printf (_("%s: %s"), self->name, label) : NULL;
      /* Translators: a choice's tooltip and its key: "Mild (key 1)" */
      g_autofree char *tip = g_strdup_printf (_("%s (key %s)"), label, self->keys[i]);
      g_autofree char *upper = g_utf8_strup (self->keys[i], -1);
      /* Translators: read after a choice's name: its key, then what else works */
      g_autofree char *help = g_strdup_printf (self->optional ?
                                               _("Key %s; Left and Right change the choice; Delete clears it") :
                                               _("Key %s; Left and Right change the choice"),
                                               upper);

      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help,
                                      -1);
    }
  if (self->name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    self->name, -1);
}

static gboolean
glide_choice_group_grab_focus (GtkWidget *widget)
{
  GlideChoiceGroup *self = GLIDE_CHOICE_GROUP (widget);

  return gtk_widget_grab_focus (glide_choice_group_get_button (self, MAX (self->selected, 0)));
}

static void
glide_choice_group_dispose (GObject *object)
{
  GlideChoiceGroup *self = GLIDE_CHOICE_GROUP (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  G_OBJECT_CLASS (glide_choice_group_parent_class)->dispose (object);
}

static void
glide_choice_group_finalize (GObject *object)
{
  GlideChoiceGroup *self = GLIDE_CHOICE_GROUP (object);

  g_strfreev (self->keys);
  g_free (self->name);
  G_OBJECT_CLASS (glide_choice_group_parent_class)->finalize (object);
}

static void
glide_choice_group_class_init (GlideChoiceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glide_choice_group_dispose;
  object_class->finalize = glide_choice_group_finalize;
  widget_class->grab_focus = glide_choice_group_grab_focus;

  /**
   * GlideChoiceGroup::changed:
   *
   * The choice changed, by click, key or glide_choice_group_set_selected ().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GlideChoiceGroup::key-picked:
   * @before: the choice before the key, or %GLIDE_CHOICE_NONE
   *
   * A choice's own key picked it: the user may want to move on.
   */
  signals[KEY_PICKED] = g_signal_new ("key-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
glide_choice_group_init (GlideChoiceGroup *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->selected = GLIDE_CHOICE_NONE;
  self->buttons = g_ptr_array_new ();
  /* In a narrow window the choices stack rather than cut the form off. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), glide_wrap_layout_new (0, 4, TRUE));
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  gtk_widget_add_css_class (GTK_WIDGET (self), "choice-group");
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * glide_choice_group_new:
 * @keys: one key per code of @list, in the list's order
 * @optional: whether no choice is a valid answer (it can be cleared)
 */
GlideChoiceGroup *
glide_choice_group_new (GlideCodeList       list,
                        const char * const *keys,
                        gboolean            optional)
{
  GlideChoiceGroup *self = g_object_new (GLIDE_TYPE_CHOICE_GROUP, NULL);
  guint n = glide_code_list_size (list);

  g_return_val_if_fail (keys != NULL && g_strv_length ((GStrv) keys) == n, self);

  self->list = list;
  self->optional = optional;
  self->keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (glide_code_list_label (list, i));

      self->keys[i] = g_utf8_strdown (keys[i], -1);
      g_object_set_data (G_OBJECT (button), "choice-index", GINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->buttons, button);
    }
  sync_buttons (self);
  label_buttons (self);
  return self;
}

int
glide_choice_group_get_selected (GlideChoiceGroup *self)
{
  g_return_val_if_fail (GLIDE_IS_CHOICE_GROUP (self), GLIDE_CHOICE_NONE);
  return self->selected;
}

void
glide_choice_group_set_selected (GlideChoiceGroup *self,
                                 int               selected)
{
  g_return_if_fail (GLIDE_IS_CHOICE_GROUP (self));
  g_return_if_fail (selected >= GLIDE_CHOICE_NONE && selected < (int) self->buttons->len);
  choose (self, selected, FALSE);
}

/* The field and the area, for screen readers: each button reads
 * "Redness, Quadriceps (left): Mild". */
void
glide_choice_group_set_name (GlideChoiceGroup *self,
                             const char       *name)
{
  g_return_if_fail (GLIDE_IS_CHOICE_GROUP (self));
  g_free (self->name);
  self->name = g_strdup (name);
  label_buttons (self);
}

const char *
glide_choice_group_get_key (GlideChoiceGroup *self,
                            int               index)
{
  g_return_val_if_fail (GLIDE_IS_CHOICE_GROUP (self), NULL);
  g_return_val_if_fail (index >= 0 && index < (int) self->buttons->len, NULL);
  return self->keys[index];
}

/**
 * glide_choice_group_get_button:
 *
 * Returns: (transfer none): the button of choice @index
 */
GtkWidget *
glide_choice_group_get_button (GlideChoiceGroup *self,
                               int               index)
{
  g_return_val_if_fail (GLIDE_IS_CHOICE_GROUP (self), NULL);
  g_return_val_if_fail (index >= 0 && index < (int) self->buttons->len, NULL);
  return g_ptr_array_index (self->buttons, index);
}
