/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences.c: the Preferences window under Xvfb. Clinic fields are
 * stored on apply and refused with a message naming the field; the paper size
 * is stored at once; therapists are added, renamed and deactivated through
 * the window's actions and dialogs, and leave the current-therapist choice;
 * instrument codes are made from the name; the session defaults are the
 * GSettings keys; a locked database is reported and nothing typed is lost;
 * screenshots of every page go to the test log folder; the window finalizes. */

#include "config.h"

#include <adwaita.h>

#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-test-utils.h"

typedef struct
{
  char                   *dir;
  GlideStore             *store;
  GSettings              *settings;
  GlidePreferencesWindow *window;
} Fixture;

static const char *const setting_keys[] = {
  "current-therapist", "default-stroke", "default-edge", "default-pressure",
  "default-duration", "default-instrument",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = glide_test_make_tmpdir ();
  fixture->store = glide_test_open_store (fixture->dir, "prefs.db");
  g_assert_true (glide_demo_fill (fixture->store, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The memory backend lives as long as the process: start each test clean. */
  fixture->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    g_settings_reset (fixture->settings, setting_keys[i]);

  fixture->window = glide_preferences_window_new (NULL, fixture->store, fixture->settings);
  g_object_ref_sink (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  glide_test_assert_finalized (fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  glide_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_named (gpointer    root,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (root), name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static guint
count_labels_containing (GtkWidget  *widget,
                         const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels_containing (child, text);
  return n;
}

/* The editor dialog the window has open, or NULL. */
static AdwMessageDialog *
find_dialog (GlidePreferencesWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
set_text (gpointer    root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_named (root, name)), text);
}

static const char *
get_text (gpointer    root,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (get_named (root, name)));
}

static const char *
visible_error (gpointer    root,
               const char *name)
{
  GtkWidget *label = get_named (root, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static GtkWidget *
find_switch (GtkWidget *widget)
{
  if (GTK_IS_SWITCH (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switch (child);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
combo_offers (gpointer    root,
              const char *name,
              const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (get_named (root, name)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return TRUE;
    }
  return FALSE;
}

static guint
combo_position (gpointer    root,
                const char *name,
                const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (get_named (root, name)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return i;
    }
  g_error ("%s does not offer %s", name, label);
  return GTK_INVALID_LIST_POSITION;
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static char *
get_clinic_name (GlideStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideClinic) clinic = glide_store_get_clinic (store, &error);

  g_assert_no_error (error);
  return g_strdup (clinic->name);
}

/* A field applied with Enter or the check mark is stored; the others keep
 * their stored values. */
static void
test_clinic_apply (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GlideClinic) clinic = NULL;

  g_assert_cmpstr (get_text (fixture->window, "clinic-name"), ==, "Riverside Physio & Movement");
  g_assert_cmpstr (get_text (fixture->window, "clinic-phone"), ==, "+44 113 496 0000");

  set_text (fixture->window, "clinic-name", "Harbour Physio & Sport ");
  set_text (fixture->window, "clinic-address", "1 Quay Street, Bristol");
  g_signal_emit_by_name (get_named (fixture->window, "clinic-name"), "apply");

  clinic = glide_store_get_clinic (fixture->store, NULL);
  g_assert_cmpstr (clinic->name, ==, "Harbour Physio & Sport");
  /* Typed but not applied: not stored. */
  g_assert_cmpstr (clinic->address, ==, "12 Mill Lane, Leeds LS1 4AB");
  g_assert_null (visible_error (fixture->window, "clinic-error"));

  g_signal_emit_by_name (get_named (fixture->window, "clinic-address"), "apply");
  g_clear_pointer (&clinic, glide_clinic_free);
  clinic = glide_store_get_clinic (fixture->store, NULL);
  g_assert_cmpstr (clinic->address, ==, "1 Quay Street, Bristol");
  g_assert_cmpstr (clinic->name, ==, "Harbour Physio & Sport");
}

/* Core's limits refuse a value with a message naming the field; the store
 * keeps the old value and the entry keeps what was typed. */
static void
test_clinic_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *long_phone = g_strnfill (65, '1');
  g_autofree char *stored = NULL;
  GtkWidget *name_row = get_named (fixture->window, "clinic-name");
  GtkWidget *phone_row = get_named (fixture->window, "clinic-phone");
  g_autoptr(GlideClinic) clinic = NULL;

  set_text (fixture->window, "clinic-name", long_name);
  g_signal_emit_by_name (name_row, "apply");
  stored = get_clinic_name (fixture->store);
  g_assert_cmpstr (stored, ==, "Riverside Physio & Movement");
  g_assert_cmpstr (visible_error (fixture->window, "clinic-error"), ==,
                   "Name is 201 characters long, more than the limit of 200");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_cmpstr (get_text (fixture->window, "clinic-name"), ==, long_name);

  /* Editing the field clears its message. */
  set_text (fixture->window, "clinic-name", "Riverside Physio");
  g_assert_null (visible_error (fixture->window, "clinic-error"));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));

  set_text (fixture->window, "clinic-phone", long_phone);
  g_signal_emit_by_name (phone_row, "apply");
  g_assert_cmpstr (visible_error (fixture->window, "clinic-error"), ==,
                   "Phone is 65 characters long, more than the limit of 64");
  clinic = glide_store_get_clinic (fixture->store, NULL);
  g_assert_cmpstr (clinic->phone, ==, "+44 113 496 0000");

  /* Core lets a clinic go without a name (glide_rules_validate_clinic), so
   * the window does too: an empty name is stored, not refused. */
  set_text (fixture->window, "clinic-name", "");
  g_signal_emit_by_name (name_row, "apply");
  g_clear_pointer (&stored, g_free);
  stored = get_clinic_name (fixture->store);
  g_assert_cmpstr (stored, ==, "");
}

static void
test_paper (Fixture       *fixture,
            gconstpointer  data)
{
  AdwComboRow *paper = ADW_COMBO_ROW (get_named (fixture->window, "paper"));
  g_autoptr(GlideClinic) clinic = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (paper), ==, GLIDE_PAPER_A4);
  g_assert_true (combo_offers (fixture->window, "paper", "US Letter"));

  adw_combo_row_set_selected (paper, GLIDE_PAPER_LETTER);
  clinic = glide_store_get_clinic (fixture->store, NULL);
  g_assert_cmpint (clinic->paper, ==, GLIDE_PAPER_LETTER);
  /* The rest of the clinic is untouched. */
  g_assert_cmpstr (clinic->name, ==, "Riverside Physio & Movement");

  adw_combo_row_set_selected (paper, GLIDE_PAPER_A4);
  g_clear_pointer (&clinic, glide_clinic_free);
  clinic = glide_store_get_clinic (fixture->store, NULL);
  g_assert_cmpint (clinic->paper, ==, GLIDE_PAPER_A4);
}

static void
test_add_therapist (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) added = NULL;
  g_autoptr(GPtrArray) all = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *add_button = NULL;
  g_autofree char *long_name = g_strnfill (201, 'n');

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.add-therapist", NULL));
  dialog = find_dialog (fixture->window);
  g_assert_nonnull (dialog);
  /* Nothing typed yet: nothing to add, and no scolding either. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_null (visible_error (dialog, "error"));

  set_text (dialog, "id", "mb");
  set_text (dialog, "name", "Mira");
  set_text (dialog, "name", "");
  g_assert_cmpstr (visible_error (dialog, "error"), ==, "Name must not be empty");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  set_text (dialog, "name", long_name);
  g_assert_cmpstr (visible_error (dialog, "error"), ==,
                   "Name is 201 characters long, more than the limit of 200");

  /* Saving anyway is refused in the dialog, which stays with what was typed. */
  adw_message_dialog_response (dialog, "save");
  g_assert_true (find_dialog (fixture->window) == dialog);
  g_assert_cmpstr (get_text (dialog, "name"), ==, long_name);
  g_assert_null (glide_store_find_therapist (fixture->store, "mb", NULL));

  /* So is a click on the (insensitive) button itself: AdwMessageDialog hides
   * on every response, the window brings it back. */
  add_button = find_button (GTK_WIDGET (dialog), "_Add");
  g_assert_nonnull (add_button);
  g_signal_emit_by_name (add_button, "clicked");
  glide_test_flush_events ();
  g_assert_true (find_dialog (fixture->window) == dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (get_text (dialog, "name"), ==, long_name);

  /* A code already taken is named with its owner. */
  set_text (dialog, "name", "Mira Berg");
  set_text (dialog, "id", "dw");
  g_assert_cmpstr (visible_error (dialog, "error"), ==,
                   "Code “dw” is already used by Dana Whitfield");
  set_text (dialog, "id", "m b");
  g_assert_nonnull (strstr (visible_error (dialog, "error"), "Code \"m b\" may contain only"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  set_text (dialog, "id", "mb");
  set_text (dialog, "credentials", "PT, DPT");
  g_assert_null (visible_error (dialog, "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  g_assert_null (find_dialog (fixture->window));

  added = glide_store_find_therapist (fixture->store, "mb", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->name, ==, "Mira Berg");
  g_assert_cmpstr (added->credentials, ==, "PT, DPT");
  g_assert_true (added->active);
  all = glide_store_list_therapists (fixture->store, TRUE, NULL);
  g_assert_cmpuint (all->len, ==, 4);

  /* Listed, and offered as this workstation's therapist. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (get_named (fixture->window,
                                                                            "therapist-list")),
                                                   3));
  g_assert_true (combo_offers (fixture->window, "current-therapist", "Mira Berg"));

  /* Escape (closing the dialog) cancels without storing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-therapist", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "id", "zz");
  set_text (dialog, "name", "Zed Zed");
  gtk_window_close (GTK_WINDOW (dialog));
  glide_test_flush_events ();
  g_assert_null (find_dialog (fixture->window));
  g_assert_null (glide_store_find_therapist (fixture->store, "zz", NULL));
}

static void
test_edit_therapist (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GlideTherapist) edited = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.edit-therapist", "s", "ko"));
  dialog = find_dialog (fixture->window);
  g_assert_nonnull (dialog);
  /* The code is shown, not editable: exported files refer to it. */
  g_assert_false (GTK_IS_EDITABLE (get_named (dialog, "code")));
  g_assert_cmpuint (count_labels_containing (get_named (dialog, "code"), "ko"), ==, 1);
  g_assert_cmpstr (get_text (dialog, "name"), ==, "Kenji Okada");
  g_assert_cmpstr (get_text (dialog, "credentials"), ==, "PT, MSc");

  set_text (dialog, "name", "Kenji Okada-Berg");
  set_text (dialog, "credentials", "PT, MSc, Cert. IASTM");
  adw_message_dialog_response (dialog, "save");
  g_assert_null (find_dialog (fixture->window));

  edited = glide_store_find_therapist (fixture->store, "ko", NULL);
  g_assert_cmpstr (edited->name, ==, "Kenji Okada-Berg");
  g_assert_cmpstr (edited->credentials, ==, "PT, MSc, Cert. IASTM");
  g_assert_true (edited->active);
  g_assert_true (combo_offers (fixture->window, "current-therapist", "Kenji Okada-Berg"));
  g_assert_false (combo_offers (fixture->window, "current-therapist", "Kenji Okada"));
}

/* A therapist who leaves stays in the records, inactive, and is no longer
 * offered as this workstation's therapist; if they were, nobody is. */
static void
test_deactivate_therapist (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GlideTherapist) therapist = NULL;
  AdwComboRow *current = ADW_COMBO_ROW (get_named (fixture->window, "current-therapist"));
  AdwActionRow *row;
  GtkListBoxRow *amara;
  GtkWidget *active;

  g_settings_set_string (fixture->settings, "current-therapist", "ko");
  g_assert_cmpuint (adw_combo_row_get_selected (current), ==,
                    combo_position (fixture->window, "current-therapist", "Kenji Okada"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.set-therapist-active", "(sb)", "ko", FALSE));
  therapist = glide_store_find_therapist (fixture->store, "ko", NULL);
  g_assert_false (therapist->active);
  g_assert_false (combo_offers (fixture->window, "current-therapist", "Kenji Okada"));
  assert_setting (fixture->settings, "current-therapist", "");
  g_assert_cmpuint (adw_combo_row_get_selected (current), ==, 0);

  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (
          GTK_LIST_BOX (get_named (fixture->window, "therapist-list")), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Kenji Okada");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Inactive"));

  /* Another therapist's deactivation, here with the row's switch, leaves the
   * choice alone. */
  g_settings_set_string (fixture->settings, "current-therapist", "dw");
  amara = gtk_list_box_get_row_at_index (GTK_LIST_BOX (get_named (fixture->window,
                                                                  "therapist-list")), 2);
  active = find_switch (GTK_WIDGET (amara));
  g_assert_nonnull (active);
  gtk_switch_set_active (GTK_SWITCH (active), FALSE);
  g_clear_pointer (&therapist, glide_therapist_free);
  therapist = glide_store_find_therapist (fixture->store, "al", NULL);
  g_assert_false (therapist->active);
  assert_setting (fixture->settings, "current-therapist", "dw");

  /* Back again: offered again, not chosen again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                              "prefs.set-therapist-active", "(sb)", "ko", TRUE);
  g_clear_pointer (&therapist, glide_therapist_free);
  therapist = glide_store_find_therapist (fixture->store, "ko", NULL);
  g_assert_true (therapist->active);
  g_assert_true (combo_offers (fixture->window, "current-therapist", "Kenji Okada"));
  g_assert_false (g_str_has_prefix (adw_action_row_get_subtitle (row), "Inactive"));
  assert_setting (fixture->settings, "current-therapist", "dw");

  /* Choosing in the row writes the setting. */
  adw_combo_row_set_selected (current, combo_position (fixture->window, "current-therapist",
                                                       "Kenji Okada"));
  assert_setting (fixture->settings, "current-therapist", "ko");
  adw_combo_row_set_selected (current, 0);
  assert_setting (fixture->settings, "current-therapist", "");
}

static void
test_instruments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlideInstrument) first = NULL;
  g_autoptr(GlideInstrument) second = NULL;
  g_autoptr(GlideInstrument) own = NULL;
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-instrument", NULL);
  dialog = find_dialog (fixture->window);
  g_assert_nonnull (dialog);
  set_text (dialog, "name", "Großer Konkav-Schaber");
  g_assert_cmpstr (get_text (dialog, "id"), ==, "grosser-konkav");
  set_text (dialog, "name", "Large concave blade");
  g_assert_cmpstr (get_text (dialog, "id"), ==, "large-concave");
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "material")),
                              GLIDE_MATERIAL_STONE);
  adw_message_dialog_response (dialog, "save");
  g_assert_null (find_dialog (fixture->window));
  first = glide_store_find_instrument (fixture->store, "large-concave", NULL);
  g_assert_nonnull (first);
  g_assert_cmpstr (first->name, ==, "Large concave blade");
  g_assert_cmpint (first->material, ==, GLIDE_MATERIAL_STONE);

  /* The same name again: the code is numbered. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-instrument", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "name", "Large concave blade");
  g_assert_cmpstr (get_text (dialog, "id"), ==, "large-concave-2");
  adw_message_dialog_response (dialog, "save");
  second = glide_store_find_instrument (fixture->store, "large-concave-2", NULL);
  g_assert_nonnull (second);

  /* A code the user writes is kept while the name changes. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-instrument", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "name", "Edge");
  set_text (dialog, "id", "gt9");
  set_text (dialog, "name", "Small edge tool");
  g_assert_cmpstr (get_text (dialog, "id"), ==, "gt9");
  set_text (dialog, "id", "gt1");
  g_assert_cmpstr (visible_error (dialog, "error"), ==,
                   "Code “gt1” is already used by Large concave blade");
  set_text (dialog, "id", "gt9");
  adw_message_dialog_response (dialog, "save");
  own = glide_store_find_instrument (fixture->store, "gt9", NULL);
  g_assert_nonnull (own);
  g_assert_cmpstr (own->name, ==, "Small edge tool");
  g_assert_cmpint (own->material, ==, GLIDE_MATERIAL_STAINLESS_STEEL);

  /* Edit: name and material change, the code does not. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.edit-instrument", "s", "ps1");
  dialog = find_dialog (fixture->window);
  g_assert_false (GTK_IS_EDITABLE (get_named (dialog, "code")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (get_named (dialog, "material"))),
                    ==, GLIDE_MATERIAL_PLASTIC);
  set_text (dialog, "name", "Plastic scraper, wide");
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (dialog, "material")),
                              GLIDE_MATERIAL_OTHER);
  adw_message_dialog_response (dialog, "save");
  g_clear_pointer (&own, glide_instrument_free);
  own = glide_store_find_instrument (fixture->store, "ps1", NULL);
  g_assert_cmpstr (own->name, ==, "Plastic scraper, wide");
  g_assert_cmpint (own->material, ==, GLIDE_MATERIAL_OTHER);

  /* The default instrument row offers them all and writes codes. */
  g_assert_true (combo_offers (fixture->window, "default-instrument", "Plastic scraper, wide"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (fixture->window, "default-instrument")),
                              combo_position (fixture->window, "default-instrument",
                                              "Small edge tool"));
  assert_setting (fixture->settings, "default-instrument", "gt9");
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (fixture->window, "default-instrument")),
                              0);
  assert_setting (fixture->settings, "default-instrument", "");
}

static void
test_session_defaults (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkSpinButton *duration = GTK_SPIN_BUTTON (get_named (fixture->window, "default-duration"));
  AdwComboRow *stroke = ADW_COMBO_ROW (get_named (fixture->window, "default-stroke"));
  AdwComboRow *edge = ADW_COMBO_ROW (get_named (fixture->window, "default-edge"));
  AdwComboRow *pressure = ADW_COMBO_ROW (get_named (fixture->window, "default-pressure"));

  /* The schema's defaults are shown. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (duration), ==, 60);
  g_assert_cmpuint (adw_combo_row_get_selected (stroke), ==, GLIDE_STROKE_SUSTAINED);
  g_assert_cmpuint (adw_combo_row_get_selected (edge), ==, GLIDE_EDGE_CONVEX);
  g_assert_cmpuint (adw_combo_row_get_selected (pressure), ==, 1 + GLIDE_PRESSURE_MODERATE);

  gtk_spin_button_set_value (duration, 90);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "default-duration"), ==, 90);
  /* The spin button keeps within the rule's range. */
  gtk_spin_button_set_value (duration, 5000);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "default-duration"), ==, 3600);
  g_settings_set_int (fixture->settings, "default-duration", 45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (duration), ==, 45);

  adw_combo_row_set_selected (stroke, GLIDE_STROKE_OSCILLATING);
  assert_setting (fixture->settings, "default-stroke", "oscillating");

  adw_combo_row_set_selected (pressure, 0);
  assert_setting (fixture->settings, "default-pressure", "");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (pressure)), ==,
                   "Not recorded");
  adw_combo_row_set_selected (pressure, 1 + GLIDE_PRESSURE_DEEP);
  assert_setting (fixture->settings, "default-pressure", "deep");

  g_settings_set_string (fixture->settings, "default-edge", "beveled");
  g_assert_cmpuint (adw_combo_row_get_selected (edge), ==, GLIDE_EDGE_BEVELED);
}

/* Another program holds the database: the store's message is shown (in a
 * toast, and next to the field or in the dialog), what was typed stays, and
 * nothing is stored. Takes the store's 5 s busy timeout twice. */
static void
test_locked_database (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) other = glide_store_open (glide_store_get_path (fixture->store), &error);
  g_autoptr(GlideTherapist) added = NULL;
  g_autofree char *stored = NULL;
  AdwMessageDialog *dialog;
  const char *message;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (glide_store_begin (other, &error));

  set_text (fixture->window, "clinic-name", "Harbour Physio");
  g_signal_emit_by_name (get_named (fixture->window, "clinic-name"), "apply");
  message = visible_error (fixture->window, "clinic-error");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "stayed locked"));
  /* The message next to the field and the toast. */
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (fixture->window), "stayed locked"),
                    ==, 2);
  g_assert_cmpstr (get_text (fixture->window, "clinic-name"), ==, "Harbour Physio");
  stored = get_clinic_name (fixture->store);
  g_assert_cmpstr (stored, ==, "Riverside Physio & Movement");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-therapist", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "id", "mb");
  set_text (dialog, "name", "Mira Berg");
  adw_message_dialog_response (dialog, "save");
  g_assert_true (find_dialog (fixture->window) == dialog);
  g_assert_nonnull (strstr (visible_error (dialog, "error"), "stayed locked"));
  g_assert_cmpstr (get_text (dialog, "name"), ==, "Mira Berg");

  glide_store_rollback (other);

  /* Once free, the same typed values go in: Enter in the field retries. */
  g_signal_emit_by_name (get_named (fixture->window, "clinic-name"), "entry-activated");
  g_clear_pointer (&stored, g_free);
  stored = get_clinic_name (fixture->store);
  g_assert_cmpstr (stored, ==, "Harbour Physio");
  g_assert_null (visible_error (fixture->window, "clinic-error"));

  adw_message_dialog_response (dialog, "save");
  g_assert_null (find_dialog (fixture->window));
  added = glide_store_find_therapist (fixture->store, "mb", NULL);
  g_assert_nonnull (added);
}

static void
save_screenshot (GtkWidget  *window,
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
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *pages[] = { "clinic", "therapists", "instruments", "defaults" };
  AdwMessageDialog *dialog;

  if (g_getenv ("GLIDE_TEST_OUTPUT") == NULL)
    {
      g_test_skip ("GLIDE_TEST_OUTPUT is not set");
      return;
    }

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_settings_set_string (fixture->settings, "current-therapist", "dw");
  g_settings_set_string (fixture->settings, "default-instrument", "gt2");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                              "prefs.set-therapist-active", "(sb)", "al", FALSE);
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-%s.png", pages[i]);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window),
                                                    pages[i]);
      glide_test_wait_for_draw (GTK_WIDGET (fixture->window));
      save_screenshot (GTK_WIDGET (fixture->window), name);
    }

  /* A refusal on the clinic page. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window),
                                                "clinic");
  set_text (fixture->window, "clinic-phone",
            "+44 113 496 0000 (reception), +44 113 496 0001 (billing, Mon to Fri)");
  g_signal_emit_by_name (get_named (fixture->window, "clinic-phone"), "apply");
  glide_test_wait_for_draw (GTK_WIDGET (fixture->window));
  save_screenshot (GTK_WIDGET (fixture->window), "preferences-clinic-refused.png");

  /* The add dialogs, one with a refusal showing. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window),
                                                "therapists");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-therapist", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "id", "dw");
  set_text (dialog, "name", "Dana Whitfield");
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  save_screenshot (GTK_WIDGET (dialog), "preferences-add-therapist.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window),
                                                "instruments");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-instrument", NULL);
  dialog = find_dialog (fixture->window);
  set_text (dialog, "name", "Jade gua sha board");
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  save_screenshot (GTK_WIDGET (dialog), "preferences-add-instrument.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  glide_test_flush_events ();
}

/* ---- billing and reports ------------------------------------------------ */

static GlideCareSettings *
stored_care_settings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GlideCareSettings *settings = glide_store_get_care_settings (fixture->store, &error);

  g_assert_no_error (error);
  return settings;
}

/* "97140 97110 …": the stored codes in order, or those the list shows. */
static char *
stored_codes (Fixture *fixture)
{
  g_autoptr(GlideCareSettings) settings = stored_care_settings (fixture);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < settings->billing_codes->len; i++)
    g_string_append_printf (codes, "%s%s", i ? " " : "",
                            ((GlideClinicCode *) g_ptr_array_index (settings->billing_codes, i))->code);
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static char *
shown_codes (GlidePreferencesWindow *window)
{
  GtkWidget *list = get_named (window, "billing-code-list");
  g_autoptr(GString) codes = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (codes, "%s%s", codes->len ? " " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static GlideFormDialog *
open_code_form (Fixture    *fixture,
                const char *action,
                const char *code)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action,
                                                     code ? g_variant_new_string (code) : NULL));
  return GLIDE_FORM_DIALOG (glide_test_wait_for_dialog (GLIDE_TYPE_FORM_DIALOG, NULL, NULL));
}

/* The clinic's units method, progress report interval and billing codes:
 * each change is stored at once and read back by a new window; a code is
 * added, relabelled, made untimed, moved and removed; bad codes and the
 * last code's removal are refused with the list as it was. */
static void
test_care_settings (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwComboRow *units = ADW_COMBO_ROW (get_named (fixture->window, "units-method"));
  GtkSpinButton *visits = GTK_SPIN_BUTTON (get_named (fixture->window, "report-visits"));
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GlidePreferencesWindow) again = NULL;
  GlideFormDialog *form;
  const GlideClinicCode *code;
  g_autofree char *codes = NULL;

  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The defaults: CMS, a report every 10 visits, the four timed codes. */
  g_assert_cmpuint (adw_combo_row_get_selected (units), ==, GLIDE_UNITS_CMS_8_MINUTE);
  g_assert_true (combo_offers (fixture->window, "units-method",
                               "Rule of eights (each code on its own)"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (visits), ==, 10);
  codes = shown_codes (fixture->window);
  g_assert_cmpstr (codes, ==, "97140 97110 97112 97530");

  adw_combo_row_set_selected (units, GLIDE_UNITS_RULE_OF_EIGHTS);
  gtk_spin_button_set_value (visits, 6);
  settings = stored_care_settings (fixture);
  g_assert_cmpint (settings->units_method, ==, GLIDE_UNITS_RULE_OF_EIGHTS);
  g_assert_cmpuint (settings->report_visits, ==, 6);
  g_clear_pointer (&settings, glide_care_settings_free);

  /* A new code: a bad one and a listed one are refused, the field named. */
  form = open_code_form (fixture, "prefs.add-billing-code", NULL);
  glide_form_dialog_set_text (form, "code", "97-140");
  glide_form_dialog_set_text (form, "label", "Unattended electrical stimulation");
  g_assert_false (glide_form_dialog_save (form));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (form),
                                   "Code: “97-140” is not a billing code"));
  glide_form_dialog_set_text (form, "code", "97110");
  g_assert_false (glide_form_dialog_save (form));
  g_assert_cmpstr (glide_form_dialog_get_error (form), ==, "Code: 97110 is on the list already");
  g_clear_pointer (&codes, g_free);
  codes = stored_codes (fixture);
  g_assert_cmpstr (codes, ==, "97140 97110 97112 97530");
  /* Typed in small letters, untimed. */
  glide_form_dialog_set_text (form, "code", "g0283");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (glide_test_find_widget (GTK_WIDGET (form),
                                                                         GTK_TYPE_CHECK_BUTTON)),
                               FALSE);
  g_assert_true (glide_form_dialog_save (form));
  glide_test_wait_for_dialog_gone (GLIDE_TYPE_FORM_DIALOG, NULL, "the form to close");
  settings = stored_care_settings (fixture);
  code = glide_care_settings_find_code (settings, "G0283");
  g_assert_nonnull (code);
  g_assert_cmpstr (code->label, ==, "Unattended electrical stimulation");
  g_assert_false (code->timed);
  g_clear_pointer (&settings, glide_care_settings_free);
  g_clear_pointer (&codes, g_free);
  codes = shown_codes (fixture->window);
  g_assert_cmpstr (codes, ==, "97140 97110 97112 97530 G0283");

  /* Relabelled; moved up; removed. */
  form = open_code_form (fixture, "prefs.edit-billing-code", "97110");
  glide_form_dialog_set_text (form, "label", "Exercise after IASTM");
  g_assert_true (glide_form_dialog_save (form));
  glide_test_wait_for_dialog_gone (GLIDE_TYPE_FORM_DIALOG, NULL, "the form to close");
  settings = stored_care_settings (fixture);
  g_assert_cmpstr (glide_care_settings_find_code (settings, "97110")->label, ==,
                   "Exercise after IASTM");
  g_assert_true (glide_care_settings_find_code (settings, "97110")->timed);
  g_clear_pointer (&settings, glide_care_settings_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.move-billing-code", "(si)", "97530", -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.move-billing-code", "(si)", "97140", 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.remove-billing-code", "s", "G0283"));
  g_clear_pointer (&codes, g_free);
  codes = stored_codes (fixture);
  g_assert_cmpstr (codes, ==, "97110 97140 97530 97112");
  g_clear_pointer (&codes, g_free);
  codes = shown_codes (fixture->window);
  g_assert_cmpstr (codes, ==, "97110 97140 97530 97112");

  if (g_getenv ("GLIDE_TEST_OUTPUT") != NULL)
    {
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 1180);
      glide_test_wait_for_draw (GTK_WIDGET (fixture->window));
      save_screenshot (GTK_WIDGET (fixture->window), "preferences-billing.png");
    }

  /* The last code stays: the store's refusal is shown, the list unchanged. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.remove-billing-code", "s", "97110"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.remove-billing-code", "s", "97140"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.remove-billing-code", "s", "97530"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "prefs.remove-billing-code", "s", "97112"));
  g_clear_pointer (&codes, g_free);
  codes = stored_codes (fixture);
  g_assert_cmpstr (codes, ==, "97112");
  g_clear_pointer (&codes, g_free);
  codes = shown_codes (fixture->window);
  g_assert_cmpstr (codes, ==, "97112");
  g_assert_cmpuint (count_labels_containing (GTK_WIDGET (fixture->window),
                                             "at least one billing code"), ==, 1);

  /* Another window reads them all back. */
  again = g_object_ref_sink (glide_preferences_window_new (NULL, fixture->store,
                                                           fixture->settings));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (get_named (again, "units-method"))),
                    ==, GLIDE_UNITS_RULE_OF_EIGHTS);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (get_named (again,
                                                                                 "report-visits"))),
                   ==, 6);
  g_clear_pointer (&codes, g_free);
  codes = shown_codes (again);
  g_assert_cmpstr (codes, ==, "97112");
  gtk_window_destroy (GTK_WINDOW (again));
  glide_test_assert_finalized (g_steal_pointer (&again));
}

/* A window closed with its dialog open takes the dialog along. */
static void
test_close_with_dialog_open (Fixture       *fixture,
                             gconstpointer  data)
{
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.edit-therapist", "s", "dw");
  g_assert_nonnull (find_dialog (fixture->window));
  /* While one is open the actions are off, so a second cannot pile up. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-therapist", NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (find_dialog (fixture->window)), ==,
                   "Edit Therapist");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/preferences/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("clinic-apply", test_clinic_apply);
  ADD ("clinic-refused", test_clinic_refused);
  ADD ("paper", test_paper);
  ADD ("add-therapist", test_add_therapist);
  ADD ("edit-therapist", test_edit_therapist);
  ADD ("deactivate-therapist", test_deactivate_therapist);
  ADD ("instruments", test_instruments);
  ADD ("session-defaults", test_session_defaults);
  ADD ("locked-database", test_locked_database);
  ADD ("screenshots", test_screenshots);
  ADD ("close-with-dialog-open", test_close_with_dialog_open);
  ADD ("care-settings", test_care_settings);

#undef ADD

  return g_test_run ();
}
