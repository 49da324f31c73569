/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-entry-row.c: GlideEntryRow behaves as AdwEntryRow does where Glide
 * uses it (under Xvfb): its text through GtkEditable, the apply check and
 * Enter, the default widget, the title in the text's place or above it, and
 * a focus stop that is a text box (what a screen reader announces; the
 * names themselves are read over the accessibility bus in test-a11y). */

#define G_LOG_DOMAIN "glide-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "glide-entry-row.h"
#include "glide-gui-test-utils.h"

typedef struct
{
  GtkWindow *window;
  GtkWidget *list;
  GtkWidget *row;
  guint      n_changed;
  guint      n_applied;
  guint      n_activated;
  guint      n_default;
} Fixture;

static void
on_changed (Fixture *f)
{
  f->n_changed++;
}

static void
on_apply (Fixture *f)
{
  f->n_applied++;
}

static void
on_entry_activated (Fixture *f)
{
  f->n_activated++;
}

static void
on_default_activated (Fixture *f)
{
  f->n_default++;
}

static GtkWidget *
add_row (Fixture    *f,
         const char *title,
         const char *text)
{
  GtkWidget *row = glide_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (f->list), row);
  return row;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button = gtk_button_new_with_label ("Default");

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, 420, -1);
  f->list = gtk_list_box_new ();
  gtk_widget_add_css_class (f->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (f->list), GTK_SELECTION_NONE);
  f->row = add_row (f, "_Phone", "+44 113 496 0000");
  g_signal_connect_swapped (f->row, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect_swapped (f->row, "apply", G_CALLBACK (on_apply), f);
  g_signal_connect_swapped (f->row, "entry-activated", G_CALLBACK (on_entry_activated), f);
  g_signal_connect_swapped (button, "activate", G_CALLBACK (on_default_activated), f);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_box_append (GTK_BOX (box), f->list);
  gtk_box_append (GTK_BOX (box), button);
  gtk_window_set_child (f->window, box);
  gtk_window_set_default_widget (f->window, button);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *row = f->row;

  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);
  g_assert_null (row);
}

/* Shown with nothing focused (a window focuses its first field). */
static void
show (Fixture *f)
{
  gtk_window_present (f->window);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  gtk_window_set_focus (f->window, NULL);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
}

/* Enter in the row's text, as the keyboard gives it. */
static void
press_enter (GtkWidget *row)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
}

/* The button or image of type @type inside @widget showing @icon, or NULL. */
static GtkWidget *
find_icon_widget (GtkWidget  *widget,
                  GType       type,
                  const char *icon)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *name = GTK_IS_BUTTON (child) ? gtk_button_get_icon_name (GTK_BUTTON (child))
                                                   : gtk_image_get_icon_name (GTK_IMAGE (child));

          if (g_strcmp0 (name, icon) == 0)
            return child;
        }
      if ((found = find_icon_widget (child, type, icon)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_drawn (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_get_mapped (widget) && gtk_widget_get_opacity (widget) > 0;
}

/* The one label inside @widget on screen showing @text: NULL if there is
 * none, or more than one. */
static GtkWidget *
find_shown_label (GtkWidget  *widget,
                  const char *text)
{
  GtkWidget *shown = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = NULL;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        found = child;
      else if (gtk_widget_get_first_child (child) != NULL)
        found = find_shown_label (child, text);
      if (found != NULL && shown != NULL)
        return NULL;
      if (found != NULL)
        shown = found;
    }
  return shown;
}

/* Whether @row shows its title as a caption above its text (TRUE) or in
 * the text's place (FALSE), failing when it shows neither or both. */
static gboolean
shows_caption (GtkWidget  *row,
               const char *title)
{
  GtkWidget *label = find_shown_label (row, title);
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));

  g_assert_nonnull (label);
  if (gtk_widget_has_css_class (label, "subtitle"))
    {
      g_assert_true (is_drawn (text));
      return TRUE;
    }
  g_assert_true (gtk_widget_has_css_class (label, "title"));
  g_assert_false (is_drawn (text));
  return FALSE;
}

/* The text goes through GtkEditable, and so does "changed". */
static void
test_editable (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (f->row));

  g_assert_true (GTK_IS_ENTRY (delegate));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->row)), ==, "+44 113 496 0000");
  gtk_editable_set_text (GTK_EDITABLE (f->row), "0113 496 0001");
  g_assert_cmpstr (gtk_editable_get_text (delegate), ==, "0113 496 0001");
  g_assert_cmpuint (f->n_changed, >=, 1);
  g_object_get (f->row, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "0113 496 0001");
  g_object_set (f->row, "editable", FALSE, NULL);
  g_assert_false (gtk_editable_get_editable (delegate));
  g_object_set (f->row, "input-purpose", GTK_INPUT_PURPOSE_PHONE, NULL);
  g_assert_cmpint (gtk_entry_get_input_purpose (GTK_ENTRY (delegate)), ==, GTK_INPUT_PURPOSE_PHONE);
}

/* Typed into with show-apply-button set, the row trades its pencil for the
 * apply check; Enter applies once, and Enter again is "entry-activated". */
static gboolean
row_is_focused (gpointer row)
{
  return gtk_widget_has_css_class (GTK_WIDGET (row), "focused");
}

static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *apply;
  GtkWidget *pencil;
  int position;

  glide_entry_row_set_show_apply_button (GLIDE_ENTRY_ROW (f->row), TRUE);
  show (f);
  apply = find_icon_widget (f->row, GTK_TYPE_BUTTON, "adw-entry-apply-symbolic");
  pencil = find_icon_widget (f->row, GTK_TYPE_IMAGE, "document-edit-symbolic");
  g_assert_nonnull (apply);
  g_assert_false (is_drawn (apply));
  g_assert_true (is_drawn (pencil));

  /* Set from code (a stored value loaded), nothing waits to be applied. */
  gtk_editable_set_text (GTK_EDITABLE (f->row), "+44 113 496 0001");
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (is_drawn (apply));

  g_assert_true (gtk_widget_grab_focus (f->row));
  position = (int) strlen (gtk_editable_get_text (GTK_EDITABLE (f->row)));
  gtk_editable_insert_text (GTK_EDITABLE (f->row), "2", -1, &position);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (is_drawn (apply));
  g_assert_false (is_drawn (pencil));
  /* The focus is the window's once the window is active: a busy machine
   * takes a moment to say so. */
  glide_test_wait_until (row_is_focused, f->row, "the row to show its focus");
  glide_test_save_screenshot (GTK_WIDGET (f->window), "entry-row-apply.png");

  press_enter (f->row);
  g_assert_cmpuint (f->n_applied, ==, 1);
  g_assert_cmpuint (f->n_activated, ==, 0);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (is_drawn (apply));

  press_enter (f->row);
  g_assert_cmpuint (f->n_applied, ==, 1);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_cmpuint (f->n_default, ==, 0);

  /* The check mark itself applies too. A change counts only while the text
   * is being edited, so only while the window is active: on a loaded machine
   * the X server's focus events can still be arriving. */
  glide_test_wait_until (row_is_focused, f->row, "the row to show its focus");
  gtk_editable_insert_text (GTK_EDITABLE (f->row), "3", -1, &position);
  g_assert_true (gtk_widget_get_visible (apply));
  g_signal_emit_by_name (apply, "clicked");
  g_assert_cmpuint (f->n_applied, ==, 2);
  g_assert_false (gtk_widget_get_visible (apply));
}

/* With activates-default, Enter also activates the window's default
 * button (which shows itself pressed a moment, then is clicked). */
static void
test_activates_default (Fixture       *f,
                        gconstpointer  data)
{
  show (f);
  press_enter (f->row);
  g_assert_cmpuint (f->n_activated, ==, 1);
  g_assert_cmpuint (f->n_default, ==, 0);

  g_object_set (f->row, "activates-default", TRUE, NULL);
  g_assert_true (glide_entry_row_get_activates_default (GLIDE_ENTRY_ROW (f->row)));
  press_enter (f->row);
  g_assert_cmpuint (f->n_activated, ==, 2);
  g_assert_cmpuint (f->n_default, ==, 1);
}

/* Empty and unfocused, the title stands in the text's place; with text, or
 * the cursor in it, the title is a caption above the text. Tab stops in
 * the text, which is a text box; the row itself is never a stop. */
static gboolean
shows_emollient_caption (gpointer row)
{
  return shows_caption (GTK_WIDGET (row), "Emollient");
}

static gboolean
hides_emollient_caption (gpointer row)
{
  return !shows_caption (GTK_WIDGET (row), "Emollient");
}

static void
test_title_and_focus (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *empty = add_row (f, "_Emollient", "");
  GtkWidget *focus;

  show (f);
  g_assert_true (shows_caption (f->row, "Phone"));
  g_assert_false (shows_caption (empty, "Emollient"));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "entry-row-rest.png");

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_window_get_focus (f->window);
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, f->row));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_widget_get_parent (focus))),
                   ==, GTK_ACCESSIBLE_ROLE_TEXT_BOX);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_window_get_focus (f->window);
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, empty));
  /* The row shows its focus once the window is active, which a busy
   * machine takes a moment to report. */
  glide_test_wait_until (shows_emollient_caption, empty, "the focused row's caption");

  /* Shift+Tab goes back to the first row's text, not to the row. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  focus = gtk_window_get_focus (f->window);
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, f->row));
  glide_test_wait_until (hides_emollient_caption, empty, "the left row's title in its place");
}

int
main (int   argc,
      char *argv[])
{
  glide_test_gui_init (&argc, &argv);

  g_test_add ("/entry-row/editable", Fixture, NULL, fixture_set_up, test_editable, fixture_tear_down);
  g_test_add ("/entry-row/apply", Fixture, NULL, fixture_set_up, test_apply, fixture_tear_down);
  g_test_add ("/entry-row/activates-default", Fixture, NULL, fixture_set_up, test_activates_default,
              fixture_tear_down);
  g_test_add ("/entry-row/title-and-focus", Fixture, NULL, fixture_set_up, test_title_and_focus,
              fixture_tear_down);
  return g_test_run ();
}
