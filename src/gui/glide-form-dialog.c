/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-form-dialog.c: a modal form whose Save may be refused without losing
 * what was typed (AdwMessageDialog closes on every response, so it cannot). */

#define G_LOG_DOMAIN "glide-form-dialog"

#include "config.h"

#include "glide-form-dialog.h"

#include "glide-entry-row.h"

#include <glib/gi18n.h>

struct _GlideFormDialog
{
  AdwWindow          parent_instance;

  GtkLabel          *intro;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkLabel          *error_label;
  GtkWidget         *save_button;
  GHashTable        *fields;   /* key -> GtkWidget (GlideEntryRow, GtkTextView, AdwComboRow,
                                * GtkCheckButton) */
  GHashTable        *texts;    /* key -> the text last read, owned */
  GHashTable        *labels;   /* key -> the field's label, without mnemonic */
  GtkWidget         *first;
  guint              n_rows;
  gboolean           group_empty;

  GlideFormSaveFunc  save_func;
  gpointer           user_data;
  GDestroyNotify     destroy;
};

G_DEFINE_FINAL_TYPE (GlideFormDialog, glide_form_dialog, ADW_TYPE_WINDOW)

enum
{
  FORM_WIDTH = 480,
  FORM_ROWS_BEFORE_SCROLLING = 12,
  FORM_SCROLLING_HEIGHT = 680,
};

static void
show_error (GlideFormDialog *self,
            const char      *field,
            const char      *message)
{
  GHashTableIter iter;
  gpointer widget;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    gtk_widget_remove_css_class (widget, "error");

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (field != NULL && (widget = g_hash_table_lookup (self->fields, field)) != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_grab_focus (widget);
    }
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
}

static void
on_save_clicked (GlideFormDialog *self)
{
  glide_form_dialog_save (self);
}

static void
on_cancel_clicked (GlideFormDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activated (GlideFormDialog *self)
{
  glide_form_dialog_save (self);
}

static void
glide_form_dialog_dispose (GObject *object)
{
  GlideFormDialog *self = GLIDE_FORM_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);

  G_OBJECT_CLASS (glide_form_dialog_parent_class)->dispose (object);
}

static void
glide_form_dialog_class_init (GlideFormDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = glide_form_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glide_form_dialog_init (GlideFormDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro_group = adw_preferences_group_new ();

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);

  self->save_button = gtk_button_new ();
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);

  self->intro = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->intro, TRUE);
  gtk_label_set_xalign (self->intro, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->intro), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (intro_group), GTK_WIDGET (self->intro));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->group_empty = TRUE;

  /* Between the header bar and the fields, so a refusal is in view however
   * far down a long form the marked field is. */
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "form-error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Why the form was not saved"),
                                  -1);

  self->page = ADW_PREFERENCES_PAGE (page);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (intro_group));
  adw_preferences_page_add (self->page, self->group);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), FORM_WIDTH, -1);
}

GlideFormDialog *
glide_form_dialog_new (GtkWindow         *parent,
                       const char        *title,
                       const char        *save_label,
                       GlideFormSaveFunc  save_func,
                       gpointer           user_data,
                       GDestroyNotify     destroy)
{
  GlideFormDialog *self = g_object_new (GLIDE_TYPE_FORM_DIALOG,
                                        "title", title,
                                        "transient-for", parent,
                                        NULL);

  gtk_button_set_use_underline (GTK_BUTTON (self->save_button), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->save_button), save_label);
  self->save_func = save_func;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

/**
 * glide_form_dialog_add_group:
 * @title: the heading of the fields that follow ("Physicians")
 *
 * Starts a titled group: the fields added after it go under this heading,
 * so a long form reads as its parts.
 */
void
glide_form_dialog_add_group (GlideFormDialog *self,
                             const char      *title)
{
  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));

  if (!self->group_empty)
    {
      self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_page_add (self->page, self->group);
    }
  adw_preferences_group_set_title (self->group, title);
  self->group_empty = TRUE;
}

void
glide_form_dialog_set_intro (GlideFormDialog *self,
                             const char      *text)
{
  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));
  gtk_label_set_text (self->intro, text);
  gtk_widget_set_visible (GTK_WIDGET (self->intro), text != NULL);
}

static void
add_field (GlideFormDialog *self,
           const char      *key,
           const char      *label,
           GtkWidget       *widget,
           GtkWidget       *row)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (*p != '_')
      g_string_append_c (plain, *p);
  g_hash_table_insert (self->labels, g_strdup (key), g_string_free (plain, FALSE));
  g_hash_table_insert (self->fields, g_strdup (key), widget);
  adw_preferences_group_add (self->group, row);
  self->group_empty = FALSE;
  /* A form of many fields opens at a height a laptop's screen holds, and
   * scrolls, instead of as tall as all its rows. */
  if (++self->n_rows == FORM_ROWS_BEFORE_SCROLLING)
    gtk_window_set_default_size (GTK_WINDOW (self), FORM_WIDTH, FORM_SCROLLING_HEIGHT);
  if (self->first == NULL)
    {
      self->first = widget;
      gtk_window_set_focus (GTK_WINDOW (self), widget);
    }
}

void
glide_form_dialog_add_entry (GlideFormDialog *self,
                             const char      *key,
                             const char      *label,
                             const char      *text)
{
  GtkWidget *row = glide_entry_row_new ();

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  add_field (self, key, label, row, row);
}

/**
 * glide_form_text_area_new:
 * @label: a heading with a mnemonic ("_Notes")
 * @view: (out): the text view inside
 *
 * A labelled multi-line text field, as forms and the session editor show it.
 *
 * Returns: (transfer floating): the box holding the heading and the field
 */
GtkWidget *
glide_form_text_area_new (const char   *label,
                          GtkTextView **view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), text);
  gtk_widget_add_css_class (title, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 8);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scrolled);
  *view = GTK_TEXT_VIEW (text);
  return box;
}

void
glide_form_dialog_add_text (GlideFormDialog *self,
                            const char      *key,
                            const char      *label,
                            const char      *text)
{
  GtkTextView *view;
  GtkWidget *box;

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));

  box = glide_form_text_area_new (label, &view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
  gtk_widget_set_margin_top (box, 12);
  add_field (self, key, label, GTK_WIDGET (view), box);
}

void
glide_form_dialog_add_choice (GlideFormDialog   *self,
                              const char        *key,
                              const char        *label,
                              const char *const *choices,
                              guint              selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char **) choices);

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  add_field (self, key, label, row, row);
}

/**
 * glide_form_dialog_add_check:
 * @label: the row's title, with a mnemonic
 *
 * A row with a check box: one of several things that may each apply (the
 * interventions of a plan of care).
 */
void
glide_form_dialog_add_check (GlideFormDialog *self,
                             const char      *key,
                             const char      *label,
                             gboolean         active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  add_field (self, key, label, check, row);
}

gboolean
glide_form_dialog_get_active (GlideFormDialog *self,
                              const char      *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (GLIDE_IS_FORM_DIALOG (self), FALSE);
  widget = g_hash_table_lookup (self->fields, key);
  g_return_val_if_fail (GTK_IS_CHECK_BUTTON (widget), FALSE);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (widget));
}

/**
 * glide_form_dialog_dup_text:
 *
 * Returns: (transfer full) (nullable): the field's text with surrounding
 *   white space removed, or %NULL when it is empty
 */
char *
glide_form_dialog_dup_text (GlideFormDialog *self,
                            const char      *key)
{
  GtkWidget *widget;
  char *text;

  g_return_val_if_fail (GLIDE_IS_FORM_DIALOG (self), NULL);

  widget = g_hash_table_lookup (self->fields, key);
  g_return_val_if_fail (widget != NULL, NULL);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * glide_form_dialog_get_text:
 *
 * Returns: (nullable): as glide_form_dialog_dup_text(), owned by the dialog
 *   until the field is read again
 */
const char *
glide_form_dialog_get_text (GlideFormDialog *self,
                            const char      *key)
{
  char *text = glide_form_dialog_dup_text (self, key);

  if (text == NULL)
    {
      g_hash_table_remove (self->texts, key);
      return NULL;
    }
  g_hash_table_replace (self->texts, g_strdup (key), text);
  return text;
}

guint
glide_form_dialog_get_choice (GlideFormDialog *self,
                              const char      *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (GLIDE_IS_FORM_DIALOG (self), 0);
  widget = g_hash_table_lookup (self->fields, key);
  g_return_val_if_fail (ADW_IS_COMBO_ROW (widget), 0);
  return adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
}

void
glide_form_dialog_set_choice (GlideFormDialog *self,
                              const char      *key,
                              guint            selected)
{
  GtkWidget *widget;

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));
  widget = g_hash_table_lookup (self->fields, key);
  g_return_if_fail (ADW_IS_COMBO_ROW (widget));
  adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
}

void
glide_form_dialog_set_text (GlideFormDialog *self,
                            const char      *key,
                            const char      *text)
{
  GtkWidget *widget;

  g_return_if_fail (GLIDE_IS_FORM_DIALOG (self));
  widget = g_hash_table_lookup (self->fields, key);
  g_return_if_fail (widget != NULL);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/**
 * glide_form_dialog_save:
 *
 * Asks the caller to store the form. On success the dialog closes; otherwise
 * it shows why, marks the field and stays open with everything typed.
 *
 * Returns: whether the form was stored
 */
gboolean
glide_form_dialog_save (GlideFormDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;

  g_return_val_if_fail (GLIDE_IS_FORM_DIALOG (self), FALSE);

  if (!self->save_func (self, self->user_data, &field, &error))
    {
      const char *label = field ? g_hash_table_lookup (self->labels, field) : NULL;
      g_autofree char *message = NULL;

      /* Core's rules word the rule; the form names the field as the user sees it. */
      if (label != NULL)
        message = g_strdup_printf ("%s: %s", label, error->message);
      show_error (self, field, message ? message : error ? error->message :
                  _("The form could not be saved"));
      return FALSE;
    }
  show_error (self, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/**
 * glide_form_dialog_get_error:
 *
 * Returns: (nullable): the message shown after a refused save
 */
const char *
glide_form_dialog_get_error (GlideFormDialog *self)
{
  g_return_val_if_fail (GLIDE_IS_FORM_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
