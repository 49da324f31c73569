/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-preferences-window.c: the clinic's details, paper size and care
 * settings (units method, progress report interval, billing codes; stored in
 * the database, shared by every workstation), its therapists and instruments,
 * and this workstation's current therapist and defaults for a new treated area
 * (GSettings). What is valid is decided by glide-rules; a refused value stays
 * where it was typed, next to a message that names the field. */

#define G_LOG_DOMAIN "glide-preferences-window"

#include "config.h"

#include "glide-preferences-window.h"

#include "glide-language.h"

#include "glide-accessible.h"
#include "glide-application.h"
#include "glide-entry-row.h"
#include "glide-form-dialog.h"
#include "glide-rules.h"
#include "glide-server-address.h"

#include <glib/gi18n.h>
#include <string.h>

/* Generated instrument codes stop at a whole word within this length. */
#define SUGGESTED_CODE_CHARS 16

struct _GlidePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GlideStore           *store;
  GSettings            *settings;

  GlideEntryRow        *clinic_name_row;
  GlideEntryRow        *clinic_address_row;
  GlideEntryRow        *clinic_phone_row;
  GtkLabel             *clinic_error_label;
  AdwComboRow          *paper_row;
  AdwComboRow          *document_language_row;
  GPtrArray            *document_language_codes;  /* "", then glide_language_list()'s */
  AdwComboRow          *units_method_row;     /* Billing and Reports (care settings) */
  AdwActionRow         *report_visits_row;
  GtkSpinButton        *report_visits_spin;
  GtkListBox           *billing_code_list;

  AdwComboRow          *current_therapist_row;
  GtkListBox           *therapist_list;

  GtkListBox           *instrument_list;

  AdwComboRow          *default_instrument_row;
  AdwComboRow          *default_stroke_row;
  AdwComboRow          *default_edge_row;
  AdwComboRow          *default_pressure_row;
  GtkSpinButton        *default_duration_spin;

  GtkStringList        *therapist_codes;          /* every therapist: the list's model */
  GHashTable           *therapists;               /* code -> GlideTherapist */
  GtkStringList        *current_therapist_names;  /* "None", then the active therapists */
  GPtrArray            *current_therapist_codes;  /* "", then their codes */
  GtkStringList        *instrument_codes;
  GHashTable           *instruments;              /* code -> GlideInstrument */
  GtkStringList        *default_instrument_names;
  GPtrArray            *default_instrument_codes;

  GlideBackupRunner    *backup_runner; /* NULL: no Backups page */
  AdwActionRow         *backup_dir_row;
  AdwActionRow         *last_backup_row;
  GtkWidget            *backup_dir_reset;

  AdwComboRow          *location_row;    /* Database: this computer or a clinic server */
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *server_host_row;
  AdwEntryRow          *server_port_row;
  AdwEntryRow          *server_database_row;
  AdwComboRow          *server_tls_row;
  AdwEntryRow          *server_uri_row;
  GtkLabel             *server_message;

  GtkWindow            *dialog;    /* the open therapist or instrument editor */
  gboolean              updating;  /* widgets are being set from the store */
};

G_DEFINE_FINAL_TYPE (GlidePreferencesWindow, glide_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A closed code list shown in a combo row; with has_none, position 0 stands
 * for "not recorded" (an empty code). */
typedef struct
{
  GlideCodeList list;
  gboolean      has_none;
} CodeChoice;

static const CodeChoice stroke_choice = { GLIDE_CODE_LIST_STROKE, FALSE };
static const CodeChoice edge_choice = { GLIDE_CODE_LIST_EDGE, FALSE };
static const CodeChoice pressure_choice = { GLIDE_CODE_LIST_PRESSURE, TRUE };

/* The therapist or instrument dialog. Fields are checked as they are typed,
 * so Save is offered only for a record core would accept. */
typedef struct
{
  GlidePreferencesWindow *self;
  AdwMessageDialog       *dialog;
  GtkLabel               *error_label;
  GtkEditable            *code;           /* NULL when editing: codes never change */
  GtkEditable            *name;
  GtkEditable            *credentials;    /* therapists only */
  AdwComboRow            *material;       /* instruments only */
  char                   *edited_code;    /* the record edited, or NULL when adding */
  gboolean                is_instrument;
  gboolean                code_typed;     /* the user wrote the code: stop suggesting one */
  gboolean                suggesting;
  GHashTable             *touched;        /* field keys the user has changed */
} Editor;

static void
show_store_error (GlidePreferencesWindow *self,
                  const GError           *error)
{
  /* libadwaita 1.2 reads a toast title as markup. */
  g_autofree char *markup = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static char *
dup_stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* "Name is 201 characters long, more than the limit of 200": the rule's
 * reason after the label of the field it names. */
static char *
format_field_error (const char *label,
                    const char *reason)
{
  /* Translators: a field's label, then why its value was refused */
  return g_strdup_printf (_("%s %s"), label, reason);
}

/* Only an admin (or, on SQLite, the file's user) changes the clinic's
 * details, therapists and tools; others see them, the server refuses it. */
static gboolean
may_set_up_clinic (GlidePreferencesWindow *self)
{
  GlideStoreRole role = self->store ? glide_store_get_role (self->store) : GLIDE_STORE_ROLE_OWNER;

  return glide_store_role_administers (role);
}

static void
update_actions (GlidePreferencesWindow *self)
{
  gboolean idle = self->dialog == NULL;
  gboolean admin = may_set_up_clinic (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-therapist", idle && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.edit-therapist", idle && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-instrument", idle && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.edit-instrument", idle && admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_name_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_address_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clinic_phone_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), admin);
  /* The care settings are the clinic's, as its details are. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-billing-code", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.edit-billing-code", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-billing-code", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.move-billing-code", admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->units_method_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_visits_row), admin);
}

/* AdwPreferencesWindow's own search button, found by its template id. */
static GtkWidget *
find_search_button (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) &&
      g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), "search_button") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- settings mappings --------------------------------------------------- */

static gboolean
code_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const CodeChoice *choice = user_data;
  const char *code = g_variant_get_string (variant, NULL);
  int index;

  if (choice->has_none && *code == '\0')
    {
      g_value_set_uint (value, 0);
      return TRUE;
    }
  if (!glide_code_list_lookup (choice->list, code, &index))
    return FALSE;
  g_value_set_uint (value, (guint) index + (choice->has_none ? 1 : 0));
  return TRUE;
}

static GVariant *
selected_to_code (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const CodeChoice *choice = user_data;
  guint selected = g_value_get_uint (value);

  if (choice->has_none)
    {
      if (selected == 0)
        return g_variant_new_string ("");
      selected--;
    }
  if (selected >= glide_code_list_size (choice->list))
    return NULL;
  return g_variant_new_string (glide_code_list_code (choice->list, (int) selected));
}

/* Therapist and instrument rows: user_data is the array of codes shown. */
static gboolean
code_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  GPtrArray *codes = user_data;
  guint position = 0;

  /* A code no longer offered (another database, a removed record) shows as
   * None without being overwritten. */
  g_ptr_array_find_with_equal_func (codes, g_variant_get_string (variant, NULL), g_str_equal,
                                    &position);
  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
position_to_code (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  GPtrArray *codes = user_data;
  guint position = g_value_get_uint (value);

  if (position >= codes->len)
    return NULL;
  return g_variant_new_string (g_ptr_array_index (codes, position));
}

static void
bind_code_choice (GlidePreferencesWindow *self,
                  AdwComboRow            *row,
                  const char             *key,
                  const CodeChoice       *choice)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (choice->has_none)
    gtk_string_list_append (labels, _("Not recorded"));
  for (guint i = 0; i < glide_code_list_size (choice->list); i++)
    gtk_string_list_append (labels, glide_code_list_label (choice->list, (int) i));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                code_to_selected, selected_to_code, (gpointer) choice, NULL);
}

/* Replaces what a record row offers. The row is unbound meanwhile, so the
 * selection a changing model passes through is never written to the key. */
static void
set_record_choices (GlidePreferencesWindow *self,
                    AdwComboRow            *row,
                    const char             *key,
                    GtkStringList          *names,
                    GPtrArray              *codes,
                    GPtrArray              *new_names,
                    GPtrArray              *new_codes)
{
  g_settings_unbind (row, "selected");

  g_ptr_array_set_size (codes, 0);
  g_ptr_array_add (codes, g_strdup (""));
  for (guint i = 0; i < new_codes->len; i++)
    g_ptr_array_add (codes, g_strdup (g_ptr_array_index (new_codes, i)));

  g_ptr_array_insert (new_names, 0, _("None"));
  g_ptr_array_add (new_names, NULL);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char *const *) new_names->pdata);

  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                code_to_position, position_to_code, codes, NULL);
}

/* ---- clinic ------------------------------------------------------------ */

/* The documents' language: the desktop's, or one Glide has a catalog for,
 * each named in itself. */
static void
bind_document_language (GlidePreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n;
  const GlideLanguage *languages = glide_language_list (&n);

  self->document_language_codes = g_ptr_array_new ();
  g_ptr_array_add (self->document_language_codes, (gpointer) "");
  gtk_string_list_append (names, _("Same as the desktop"));
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->document_language_codes, (gpointer) languages[i].code);
      gtk_string_list_append (names, languages[i].name);
    }
  adw_combo_row_set_model (self->document_language_row, G_LIST_MODEL (names));
  g_settings_bind_with_mapping (self->settings, "document-language", self->document_language_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, code_to_position,
                                position_to_code, self->document_language_codes, NULL);
}

static void
show_clinic_error (GlidePreferencesWindow *self,
                   GlideEntryRow          *row,
                   const char             *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_text (self->clinic_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->clinic_error_label), TRUE);
  /* Said with the text, which is what takes the focus. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->clinic_error_label, NULL,
                                  -1);
}

static void
clear_clinic_error (GlidePreferencesWindow *self,
                    GlideEntryRow          *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                 GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->clinic_name_row), "error") &&
      !gtk_widget_has_css_class (GTK_WIDGET (self->clinic_address_row), "error") &&
      !gtk_widget_has_css_class (GTK_WIDGET (self->clinic_phone_row), "error"))
    gtk_widget_set_visible (GTK_WIDGET (self->clinic_error_label), FALSE);
}

static void
load_clinic (GlidePreferencesWindow *self)
{
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;

  if ((clinic = glide_store_get_clinic (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->clinic_name_row), clinic->name);
  gtk_editable_set_text (GTK_EDITABLE (self->clinic_address_row), clinic->address);
  gtk_editable_set_text (GTK_EDITABLE (self->clinic_phone_row), clinic->phone);
  adw_combo_row_set_selected (self->paper_row, clinic->paper);
  self->updating = FALSE;
}

/* Stores one changed field of the clinic; the others keep their stored values. */
static void
save_clinic_row (GlidePreferencesWindow *self,
                 GlideEntryRow          *row)
{
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *message = NULL;
  char **slot;

  if ((clinic = glide_store_get_clinic (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }

  if (row == self->clinic_name_row)
    slot = &clinic->name;
  else if (row == self->clinic_address_row)
    slot = &clinic->address;
  else
    slot = &clinic->phone;
  g_free (*slot);
  *slot = dup_stripped_text (GTK_EDITABLE (row));

  if (!glide_rules_validate_clinic (clinic, &field, &error))
    {
      /* The other fields hold stored, hence valid, values; still, point at
       * the one the rule names. */
      if (g_strcmp0 (field, "name") == 0)
        row = self->clinic_name_row;
      else if (g_strcmp0 (field, "address") == 0)
        row = self->clinic_address_row;
      else if (g_strcmp0 (field, "phone") == 0)
        row = self->clinic_phone_row;
      message = format_field_error (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                    error->message);
      show_clinic_error (self, row, message);
      return;
    }
  if (!glide_store_set_clinic (self->store, clinic, &error))
    {
      show_clinic_error (self, row, error->message);
      show_store_error (self, error);
      return;
    }
  clear_clinic_error (self, row);
}

/* ---- therapists ---------------------------------------------------------- */

static char *
describe_therapist (const GlideTherapist *therapist)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!therapist->active)
    {
      g_string_append (text, _("Inactive"));
      g_string_append (text, " · ");
    }
  if (therapist->credentials != NULL && *therapist->credentials != '\0')
    {
      g_string_append (text, therapist->credentials);
      g_string_append (text, " · ");
    }
  /* Translators: the short code that names a therapist or instrument in exported files */
  g_string_append_printf (text, _("code %s"), therapist->code);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_therapist_row (GlidePreferencesWindow *self,
                      AdwActionRow           *row,
                      const GlideTherapist   *therapist)
{
  g_autofree char *subtitle = describe_therapist (therapist);
  g_autofree char *switch_label = g_strdup_printf (_("Active: %s"), therapist->name);
  g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), therapist->name);
  GtkWidget *active = g_object_get_data (G_OBJECT (row), "glide-switch");
  GtkWidget *edit = g_object_get_data (G_OBJECT (row), "glide-edit");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), therapist->name);
  adw_action_row_set_subtitle (row, subtitle);
  self->updating = TRUE;
  gtk_switch_set_active (GTK_SWITCH (active), therapist->active);
  self->updating = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (active),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
}

static void
on_therapist_switch_changed (GlidePreferencesWindow *self,
                             GParamSpec             *pspec,
                             GtkSwitch              *active)
{
  if (self->updating)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.set-therapist-active", "(sb)",
                              g_object_get_data (G_OBJECT (active), "glide-code"),
                              gtk_switch_get_active (active));
}

static GtkWidget *
create_therapist_row (gpointer item,
                      gpointer user_data)
{
  GlidePreferencesWindow *self = user_data;
  const char *code = gtk_string_object_get_string (item);
  const GlideTherapist *therapist = g_hash_table_lookup (self->therapists, code);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *active = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_widget_add_css_class (edit, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "prefs.edit-therapist");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", code);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_valign (active, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (active, may_set_up_clinic (self));
  gtk_widget_set_tooltip_text (active, _("Active"));
  g_object_set_data_full (G_OBJECT (active), "glide-code", g_strdup (code), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), active);

  g_object_set_data (G_OBJECT (row), "glide-switch", active);
  g_object_set_data (G_OBJECT (row), "glide-edit", edit);
  update_therapist_row (self, ADW_ACTION_ROW (row), therapist);
  g_signal_connect_object (active, "notify::active", G_CALLBACK (on_therapist_switch_changed),
                           self, G_CONNECT_SWAPPED);
  return row;
}

static void
reload_current_therapists (GlidePreferencesWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->therapist_codes));

  for (guint i = 0; i < n; i++)
    {
      const char *code = gtk_string_list_get_string (self->therapist_codes, i);
      const GlideTherapist *therapist = g_hash_table_lookup (self->therapists, code);

      if (therapist->active)
        {
          g_ptr_array_add (names, therapist->name);
          g_ptr_array_add (codes, therapist->code);
        }
    }
  set_record_choices (self, self->current_therapist_row, "current-therapist",
                      self->current_therapist_names, self->current_therapist_codes,
                      names, codes);
}

static void
reload_therapists (GlidePreferencesWindow *self)
{
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if ((therapists = glide_store_list_therapists (self->store, TRUE, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }

  g_hash_table_remove_all (self->therapists);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *therapist = g_ptr_array_index (therapists, i);

      g_strv_builder_add (codes, therapist->code);
      g_hash_table_insert (self->therapists, therapist->code, therapist);
    }
  /* The table now owns the records. */
  g_ptr_array_set_free_func (therapists, NULL);

  strv = g_strv_builder_end (codes);
  gtk_string_list_splice (self->therapist_codes, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->therapist_codes)),
                          (const char *const *) strv);
  reload_current_therapists (self);
}

static gboolean
find_code (GtkStringList *codes,
           const char    *code,
           guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (codes));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (codes, i), code))
      {
        *position = i;
        return TRUE;
      }
  return FALSE;
}

static void
set_therapist_active (GlidePreferencesWindow *self,
                      const char             *code,
                      gboolean                active)
{
  GlideTherapist *therapist = g_hash_table_lookup (self->therapists, code);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  guint position;

  if (therapist == NULL || therapist->active == active)
    return;
  if (!find_code (self->therapist_codes, code, &position))
    return;

  therapist->active = active;
  if (!glide_store_update_therapist (self->store, therapist, &error))
    {
      therapist->active = !active;
      show_store_error (self, error);
    }
  update_therapist_row (self,
                        ADW_ACTION_ROW (gtk_list_box_get_row_at_index (self->therapist_list,
                                                                       (int) position)),
                        therapist);
  if (error != NULL)
    return;

  /* Who has left the clinic must not go on documenting at this workstation:
   * the next session asks who is documenting instead. */
  current = g_settings_get_string (self->settings, "current-therapist");
  if (!active && g_strcmp0 (current, code) == 0)
    g_settings_set_string (self->settings, "current-therapist", "");
  reload_current_therapists (self);
}

/* A therapist added while nobody (or nobody still active) documents at this
 * workstation becomes its therapist: on a first run, adding oneself is
 * choosing oneself. */
static void
choose_if_nobody_documents (GlidePreferencesWindow *self,
                            const char             *code)
{
  g_autofree char *current = g_settings_get_string (self->settings, "current-therapist");
  const GlideTherapist *chosen = *current != '\0' ? g_hash_table_lookup (self->therapists, current) : NULL;

  if (chosen != NULL && chosen->active)
    return;
  g_settings_set_string (self->settings, "current-therapist", code);
}

/* ---- instruments ----------------------------------------------------- */

static char *
describe_instrument (const GlideInstrument *instrument)
{
  /* Translators: the short code that names a therapist or instrument in exported files */
  g_autofree char *code = g_strdup_printf (_("code %s"), instrument->code);

  return g_strdup_printf ("%s · %s",
                          glide_code_list_label (GLIDE_CODE_LIST_MATERIAL, instrument->material),
                          code);
}

static GtkWidget *
create_instrument_row (gpointer item,
                       gpointer user_data)
{
  GlidePreferencesWindow *self = user_data;
  const char *code = gtk_string_object_get_string (item);
  const GlideInstrument *instrument = g_hash_table_lookup (self->instruments, code);
  g_autofree char *subtitle = describe_instrument (instrument);
  g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), instrument->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), instrument->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_widget_add_css_class (edit, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "prefs.edit-instrument");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", code);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
  /* The row makes its title label the button's too: "Edit Jade board Jade board". */
  glide_accessible_set_label (edit, edit_label);
  return row;
}

static void
reload_instruments (GlidePreferencesWindow *self)
{
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_auto(GStrv) strv = NULL;

  if ((instruments = glide_store_list_instruments (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }

  g_hash_table_remove_all (self->instruments);
  for (guint i = 0; i < instruments->len; i++)
    {
      GlideInstrument *instrument = g_ptr_array_index (instruments, i);

      g_strv_builder_add (builder, instrument->code);
      g_ptr_array_add (names, instrument->name);
      g_ptr_array_add (codes, instrument->code);
      g_hash_table_insert (self->instruments, instrument->code, instrument);
    }
  g_ptr_array_set_free_func (instruments, NULL);

  strv = g_strv_builder_end (builder);
  gtk_string_list_splice (self->instrument_codes, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->instrument_codes)),
                          (const char *const *) strv);
  set_record_choices (self, self->default_instrument_row, "default-instrument",
                      self->default_instrument_names, self->default_instrument_codes,
                      names, codes);
}

static gboolean
instrument_code_is_free (GlideStore *store,
                         const char *code)
{
  g_autoptr(GlideInstrument) found = NULL;
  g_autoptr(GError) error = NULL;

  found = glide_store_find_instrument (store, code, &error);
  /* Another store error is for the save to report. */
  return found == NULL;
}

/* A short code from the name: lowercase ASCII words joined by hyphens
 * ("Jade gua sha board" -> "jade-gua-sha"), numbered when taken ("-2"). */
static char *
suggest_instrument_code (GlideStore *store,
                         const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) base = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *p = ascii; ; p++)
    {
      if (*p != '\0' && g_ascii_isalnum (*p))
        {
          g_string_append_c (word, g_ascii_tolower (*p));
          continue;
        }
      if (word->len > 0)
        g_strv_builder_add (builder, word->str);
      g_string_truncate (word, 0);
      if (*p == '\0')
        break;
    }
  words = g_strv_builder_end (builder);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (base->len > 0 && base->len + 1 + strlen (words[i]) > SUGGESTED_CODE_CHARS)
        break;
      if (base->len > 0)
        g_string_append_c (base, '-');
      g_string_append_len (base, words[i], MIN (strlen (words[i]), SUGGESTED_CODE_CHARS));
    }
  if (base->len == 0 || !glide_rules_check_code_name (base->str, NULL))
    g_string_assign (base, "tool");

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (base->str)
                                          : g_strdup_printf ("%s-%u", base->str, n);

      if (instrument_code_is_free (store, candidate))
        return g_steal_pointer (&candidate);
    }
  return g_strdup (base->str);
}

/* ---- the therapist and instrument dialog ------------------------------ */

static void
editor_free (Editor *editor)
{
  if (editor->self != NULL && editor->self->dialog == GTK_WINDOW (editor->dialog))
    {
      editor->self->dialog = NULL;
      update_actions (editor->self);
    }
  g_clear_pointer (&editor->edited_code, g_free);
  g_clear_pointer (&editor->touched, g_hash_table_unref);
  g_free (editor);
}

static GtkEditable *
editor_get_field (Editor     *editor,
                  const char *key)
{
  if (g_str_equal (key, "id"))
    return editor->code;
  if (g_str_equal (key, "name"))
    return editor->name;
  if (g_str_equal (key, "credentials"))
    return editor->credentials;
  return NULL;
}

/* Checks the record as it would be stored. On failure *field is the key of
 * the field it concerns and the error is a whole sentence naming it. */
static gboolean
editor_check (Editor  *editor,
              char   **field,
              GError **error)
{
  GlideStore *store = editor->self->store;
  g_autofree char *code = editor->code ? dup_stripped_text (editor->code)
                                       : g_strdup (editor->edited_code);
  g_autofree char *name = dup_stripped_text (editor->name);
  g_autoptr(GError) rule_error = NULL;
  GtkEditable *widget;
  gboolean ok;

  if (editor->is_instrument)
    {
      g_autoptr(GlideInstrument) instrument = glide_instrument_new (code, name,
                                                                    GLIDE_MATERIAL_OTHER);

      ok = glide_rules_validate_instrument (instrument, field, &rule_error);
    }
  else
    {
      g_autofree char *credentials = dup_stripped_text (editor->credentials);
      g_autoptr(GlideTherapist) therapist = glide_therapist_new (code, name, credentials);

      ok = glide_rules_validate_therapist (therapist, field, &rule_error);
    }

  if (!ok)
    {
      g_autofree char *message = NULL;

      if ((widget = editor_get_field (editor, *field)) != NULL)
        message = format_field_error (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                                      rule_error->message);
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           message ? message : rule_error->message);
      return FALSE;
    }

  if (editor->code != NULL)
    {
      g_autoptr(GlideTherapist) therapist = NULL;
      g_autoptr(GlideInstrument) instrument = NULL;
      const char *taken_by = NULL;

      if (editor->is_instrument)
        {
          if ((instrument = glide_store_find_instrument (store, code, NULL)) != NULL)
            taken_by = instrument->name;
        }
      else if ((therapist = glide_store_find_therapist (store, code, NULL)) != NULL)
        taken_by = therapist->name;

      if (taken_by != NULL)
        {
          *field = g_strdup ("id");
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("Code “%s” is already used by %s"), code, taken_by);
          return FALSE;
        }
    }
  return TRUE;
}

static void
editor_show_error (Editor     *editor,
                   const char *field,
                   const char *message)
{
  GtkEditable *fields[] = { editor->code, editor->name, editor->credentials };
  GtkEditable *widget = field ? editor_get_field (editor, field) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL)
      {
        gtk_widget_remove_css_class (GTK_WIDGET (fields[i]), "error");
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (fields[i]),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      }

  gtk_label_set_text (editor->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (editor->error_label), message != NULL);
  if (widget != NULL && message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      editor->error_label, NULL,
                                      -1);
    }
}

/* Offers Save only for a record core accepts; says why not once the user
 * has typed into the field concerned. */
static void
editor_update (Editor *editor)
{
  g_autofree char *field = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = editor_check (editor, &field, &error);

  adw_message_dialog_set_response_enabled (editor->dialog, "save", ok);
  if (!ok && g_hash_table_contains (editor->touched, field))
    editor_show_error (editor, field, error->message);
  else
    editor_show_error (editor, NULL, NULL);
}

static void
editor_suggest_code (Editor *editor)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (!editor->is_instrument || editor->code == NULL || editor->code_typed)
    return;

  name = dup_stripped_text (editor->name);
  code = *name != '\0' ? suggest_instrument_code (editor->self->store, name) : g_strdup ("");
  editor->suggesting = TRUE;
  gtk_editable_set_text (editor->code, code);
  editor->suggesting = FALSE;
}

static void
on_editor_field_changed (GtkEditable *editable,
                         Editor      *editor)
{
  if (editor->suggesting || editor->self == NULL)
    return;

  if (editable == editor->code)
    editor->code_typed = *gtk_editable_get_text (editable) != '\0';
  else if (editable == editor->name)
    editor_suggest_code (editor);

  g_hash_table_add (editor->touched,
                    g_strdup (g_object_get_data (G_OBJECT (editable), "glide-field")));
  editor_update (editor);
}

static gboolean
editor_save (Editor *editor)
{
  GlidePreferencesWindow *self = editor->self;
  g_autofree char *field = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  gboolean added_therapist = FALSE;
  gboolean ok;

  if (!editor_check (editor, &field, &error))
    {
      editor_show_error (editor, field, error->message);
      return FALSE;
    }

  code = editor->code ? dup_stripped_text (editor->code) : g_strdup (editor->edited_code);
  name = dup_stripped_text (editor->name);

  if (editor->is_instrument)
    {
      GlideMaterial material = adw_combo_row_get_selected (editor->material);
      g_autoptr(GlideInstrument) instrument = glide_instrument_new (code, name, material);
      const GlideInstrument *old = editor->edited_code
        ? g_hash_table_lookup (self->instruments, editor->edited_code) : NULL;

      if (old != NULL)
        {
          instrument->id = old->id;
          ok = glide_store_update_instrument (self->store, instrument, &error);
        }
      else
        ok = glide_store_create_instrument (self->store, instrument, &error) != 0;
    }
  else
    {
      g_autofree char *credentials = dup_stripped_text (editor->credentials);
      g_autoptr(GlideTherapist) therapist = glide_therapist_new (code, name, credentials);
      const GlideTherapist *old = editor->edited_code
        ? g_hash_table_lookup (self->therapists, editor->edited_code) : NULL;

      if (old != NULL)
        {
          therapist->id = old->id;
          therapist->active = old->active;
          ok = glide_store_update_therapist (self->store, therapist, &error);
        }
      else
        {
          ok = glide_store_create_therapist (self->store, therapist, &error) != 0;
          added_therapist = ok;
        }
    }

  if (!ok)
    {
      editor_show_error (editor, NULL, error->message);
      show_store_error (self, error);
      return FALSE;
    }

  if (editor->is_instrument)
    reload_instruments (self);
  else
    {
      reload_therapists (self);
      if (added_therapist)
        choose_if_nobody_documents (self, code);
    }
  return TRUE;
}

static void
on_editor_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Editor           *editor)
{
  if (editor->self != NULL && g_str_equal (response, "save") && !editor_save (editor))
    {
      /* The dialog hid itself on the response; bring it back as typed. */
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkEditable *
editor_add_entry (Editor     *editor,
                  GtkListBox *list,
                  const char *key,
                  const char *title,
                  const char *text)
{
  GtkWidget *row = glide_entry_row_new ();

  gtk_widget_set_name (row, key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  glide_entry_row_set_activates_default (GLIDE_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_object_set_data_full (G_OBJECT (row), "glide-field", g_strdup (key), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (on_editor_field_changed), editor);
  gtk_list_box_append (list, row);
  return GTK_EDITABLE (row);
}

static void
editor_add_code_label (GtkListBox *list,
                       const char *code)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (code);

  gtk_widget_set_name (row, "code");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Code"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Names it in exported files; cannot change"));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);
}

/* Opens the dialog for a new record (edited_code NULL) or an existing one. */
static void
open_editor (GlidePreferencesWindow *self,
             gboolean                is_instrument,
             const char             *edited_code)
{
  const GlideTherapist *therapist = NULL;
  const GlideInstrument *instrument = NULL;
  Editor *editor;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *label;
  const char *heading;

  if (self->dialog != NULL)
    return;
  if (edited_code != NULL && is_instrument &&
      (instrument = g_hash_table_lookup (self->instruments, edited_code)) == NULL)
    return;
  if (edited_code != NULL && !is_instrument &&
      (therapist = g_hash_table_lookup (self->therapists, edited_code)) == NULL)
    return;

  if (is_instrument)
    heading = edited_code ? _("Edit Instrument") : _("Add Instrument");
  else
    heading = edited_code ? _("Edit Therapist") : _("Add Therapist");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  /* A refused save must not lose what was typed: the dialog only hides on a
   * response, and is destroyed once the record is stored or cancelled. */
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", edited_code ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  editor = g_new0 (Editor, 1);
  editor->self = self;
  editor->dialog = ADW_MESSAGE_DIALOG (dialog);
  editor->is_instrument = is_instrument;
  editor->edited_code = g_strdup (edited_code);
  editor->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "glide-editor", editor,
                          (GDestroyNotify) editor_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);

  if (is_instrument)
    {
      g_autoptr(GtkStringList) materials = gtk_string_list_new (NULL);

      editor->name = editor_add_entry (editor, GTK_LIST_BOX (list), "name", _("Name"),
                                       instrument ? instrument->name : NULL);
      for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_MATERIAL); i++)
        gtk_string_list_append (materials, glide_code_list_label (GLIDE_CODE_LIST_MATERIAL,
                                                                  (int) i));
      editor->material = ADW_COMBO_ROW (adw_combo_row_new ());
      gtk_widget_set_name (GTK_WIDGET (editor->material), "material");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->material), _("Material"));
      adw_combo_row_set_model (editor->material, G_LIST_MODEL (materials));
      adw_combo_row_set_selected (editor->material,
                                  instrument ? instrument->material
                                             : GLIDE_MATERIAL_STAINLESS_STEEL);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (editor->material));
      /* The code follows the name until the user writes one. */
      if (edited_code == NULL)
        editor->code = editor_add_entry (editor, GTK_LIST_BOX (list), "id", _("Code"), NULL);
      else
        editor_add_code_label (GTK_LIST_BOX (list), edited_code);
    }
  else
    {
      if (edited_code == NULL)
        editor->code = editor_add_entry (editor, GTK_LIST_BOX (list), "id", _("Code"), NULL);
      else
        editor_add_code_label (GTK_LIST_BOX (list), edited_code);
      editor->name = editor_add_entry (editor, GTK_LIST_BOX (list), "name", _("Name"),
                                       therapist ? therapist->name : NULL);
      editor->credentials = editor_add_entry (editor, GTK_LIST_BOX (list), "credentials",
                                              _("Credentials"),
                                              therapist ? therapist->credentials : NULL);
    }

  label = gtk_label_new (NULL);
  gtk_widget_set_name (label, "error");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (box), label);
  editor->error_label = GTK_LABEL (label);

  if (edited_code == NULL && is_instrument)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("The code is made from the name unless you write one."));
  else if (edited_code == NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("The code, such as the therapist’s initials, names them in "
                                   "exported files and cannot change later."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect (dialog, "response", G_CALLBACK (on_editor_response), editor);

  self->dialog = GTK_WINDOW (dialog);
  update_actions (self);
  editor_update (editor);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (editor->code && !is_instrument ? editor->code
                                                                    : editor->name));
}

/* ---- callbacks ---------------------------------------------------------- */

static void
on_clinic_row_applied (GlidePreferencesWindow *self,
                       GlideEntryRow          *row)
{
  save_clinic_row (self, row);
}

/* Enter again after a refusal (the apply button is gone by then) retries,
 * say once another program has let go of the database. */
static void
on_clinic_row_activated (GlidePreferencesWindow *self,
                         GlideEntryRow          *row)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    save_clinic_row (self, row);
}

static void
on_clinic_row_changed (GlidePreferencesWindow *self,
                       GlideEntryRow          *row)
{
  if (!self->updating)
    clear_clinic_error (self, row);
}

static void
on_paper_selected (GlidePreferencesWindow *self)
{
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->paper_row);
  GlidePaper stored;

  if (self->updating || self->store == NULL ||
      selected >= glide_code_list_size (GLIDE_CODE_LIST_PAPER))
    return;

  if ((clinic = glide_store_get_clinic (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  if (clinic->paper == (GlidePaper) selected)
    return;
  stored = clinic->paper;
  clinic->paper = (GlidePaper) selected;
  if (!glide_store_set_clinic (self->store, clinic, &error))
    {
      show_store_error (self, error);
      self->updating = TRUE;
      adw_combo_row_set_selected (self->paper_row, stored);
      self->updating = FALSE;
    }
}

/* ---- billing and reports (the clinic's care settings) ------------------- */

/* A row's button; with no @action (the first row's Up, the last one's Down)
 * it is shown dimmed, so the buttons line up row under row. */
static GtkWidget *
code_button (const char *icon,
             const char *tooltip,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  glide_accessible_set_label (button, tooltip);
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
    }
  else
    {
      g_variant_unref (g_variant_ref_sink (target));
      gtk_widget_set_sensitive (button, FALSE);
    }
  return button;
}

static GtkWidget *
billing_code_row (const GlideClinicCode *code,
                  guint                  index,
                  guint                  n_codes)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s  ·  %s", code->label,
                                               code->timed ? _("timed: 15-minute units")
                                                           : _("untimed: one unit a visit"));
  g_autofree char *up = g_strdup_printf (_("Move %s up"), code->code);
  g_autofree char *down = g_strdup_printf (_("Move %s down"), code->code);
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), code->code);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), code->code);

  gtk_widget_set_name (row, code->code);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), code->code);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             code_button ("go-up-symbolic", up,
                                          index > 0 ? "prefs.move-billing-code" : NULL,
                                          g_variant_new ("(si)", code->code, -1)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             code_button ("go-down-symbolic", down,
                                          index + 1 < n_codes ? "prefs.move-billing-code" : NULL,
                                          g_variant_new ("(si)", code->code, 1)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             code_button ("document-edit-symbolic", edit,
                                          "prefs.edit-billing-code",
                                          g_variant_new_string (code->code)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             code_button ("user-trash-symbolic", remove,
                                          "prefs.remove-billing-code",
                                          g_variant_new_string (code->code)));
  return row;
}

/* Shows the stored care settings: units method, interval, codes. */
static void
load_care_settings (GlidePreferencesWindow *self)
{
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->billing_code_list))) != NULL)
    gtk_list_box_remove (self->billing_code_list, child);
  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (self->units_method_row, settings->units_method);
  gtk_spin_button_set_value (self->report_visits_spin, settings->report_visits);
  self->updating = FALSE;
  for (guint i = 0; i < settings->billing_codes->len; i++)
    gtk_list_box_append (self->billing_code_list,
                         billing_code_row (g_ptr_array_index (settings->billing_codes, i), i,
                                           settings->billing_codes->len));
}

/* Stores @settings; a refusal is shown and the stored settings come back. */
static void
save_care_settings (GlidePreferencesWindow  *self,
                    const GlideCareSettings *settings)
{
  g_autoptr(GError) error = NULL;

  if (!glide_store_set_care_settings (self->store, settings, &error))
    show_store_error (self, error);
  load_care_settings (self);
}

static gint
find_code_index (const GlideCareSettings *settings,
                 const char              *code)
{
  for (guint i = 0; i < settings->billing_codes->len; i++)
    if (g_str_equal (((GlideClinicCode *) g_ptr_array_index (settings->billing_codes, i))->code,
                     code))
      return (gint) i;
  return -1;
}

static void
on_units_method_selected (GlidePreferencesWindow *self)
{
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->units_method_row);

  if (self->updating || self->store == NULL ||
      selected >= glide_code_list_size (GLIDE_CODE_LIST_UNITS_METHOD))
    return;
  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  if (settings->units_method == (GlideUnitsMethod) selected)
    return;
  settings->units_method = (GlideUnitsMethod) selected;
  save_care_settings (self, settings);
}

static void
on_report_visits_changed (GlidePreferencesWindow *self)
{
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  guint visits = (guint) gtk_spin_button_get_value_as_int (self->report_visits_spin);

  if (self->updating || self->store == NULL)
    return;
  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  if (settings->report_visits == visits)
    return;
  settings->report_visits = visits;
  save_care_settings (self, settings);
}

typedef struct
{
  GWeakRef  self;
  char     *code;   /* the code edited; NULL: a new one */
} CodeForm;

static void
code_form_free (CodeForm *form)
{
  g_weak_ref_clear (&form->self);
  g_free (form->code);
  g_free (form);
}

static gboolean
save_billing_code (GlideFormDialog  *dialog,
                   gpointer          user_data,
                   char            **field,
                   GError          **error)
{
  CodeForm *form = user_data;
  g_autoptr(GlidePreferencesWindow) self = g_weak_ref_get (&form->self);
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *label = glide_form_dialog_dup_text (dialog, "label");
  gboolean timed = glide_form_dialog_get_active (dialog, "timed");
  GlideClinicCode *entry;
  gint index;

  if (self == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("Preferences was closed; nothing was changed"));
      return FALSE;
    }
  if (form->code == NULL)
    {
      typed = glide_form_dialog_dup_text (dialog, "code");
      code = typed ? g_ascii_strup (typed, -1) : g_strdup ("");
    }
  else
    code = g_strdup (form->code);
  if (!glide_billing_code_is_valid (code))
    {
      *field = g_strdup ("code");
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("“%s” is not a billing code: 1 to 8 capital letters and digits, such as "
                     "97140"), code);
      return FALSE;
    }
  if (label == NULL)
    {
      *field = g_strdup ("label");
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("must not be empty: say what the code is for"));
      return FALSE;
    }
  if ((settings = glide_store_get_care_settings (self->store, error)) == NULL)
    return FALSE;
  index = find_code_index (settings, code);
  if (form->code == NULL && index >= 0)
    {
      *field = g_strdup ("code");
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                   _("%s is on the list already"), code);
      return FALSE;
    }
  if (form->code != NULL && index < 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                   _("%s is no longer on the list: it was removed elsewhere"), code);
      return FALSE;
    }
  if (index < 0)
    g_ptr_array_add (settings->billing_codes, glide_clinic_code_new (code, label, timed));
  else
    {
      entry = g_ptr_array_index (settings->billing_codes, index);
      g_free (entry->label);
      entry->label = g_steal_pointer (&label);
      entry->timed = timed;
    }
  if (!glide_store_set_care_settings (self->store, settings, error))
    return FALSE;
  load_care_settings (self);
  return TRUE;
}

static void
open_billing_code_form (GlidePreferencesWindow *self,
                        const char             *code)
{
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const GlideClinicCode *entry = NULL;
  CodeForm *form;
  GlideFormDialog *dialog;

  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  if (code != NULL && (entry = glide_care_settings_find_code (settings, code)) == NULL)
    {
      load_care_settings (self);
      return;
    }
  form = g_new0 (CodeForm, 1);
  g_weak_ref_init (&form->self, self);
  form->code = g_strdup (code);
  dialog = glide_form_dialog_new (GTK_WINDOW (self),
                                  code ? _("Edit Billing Code") : _("Add Billing Code"),
                                  code ? _("_Save") : _("_Add"), save_billing_code, form,
                                  (GDestroyNotify) code_form_free);
  if (code == NULL)
    {
      glide_form_dialog_set_intro (dialog, _("The code as the payer knows it, such as CPT "
                                             "97140. It cannot change later; its label can."));
      glide_form_dialog_add_entry (dialog, "code", _("_Code"), NULL);
    }
  else
    {
      g_autofree char *intro = g_strdup_printf (_("Billing code %s. Visits already recorded "
                                                  "keep their minutes under it."), code);

      glide_form_dialog_set_intro (dialog, intro);
    }
  glide_form_dialog_add_entry (dialog, "label", _("_Label"), entry ? entry->label : NULL);
  glide_form_dialog_add_check (dialog, "timed", _("_Timed: billed in 15-minute units"),
                               entry ? entry->timed : TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_billing_code_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  open_billing_code_form (GLIDE_PREFERENCES_WINDOW (widget), NULL);
}

static void
edit_billing_code_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_billing_code_form (GLIDE_PREFERENCES_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
remove_billing_code_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (widget);
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  gint index;

  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  if ((index = find_code_index (settings, g_variant_get_string (parameter, NULL))) < 0)
    {
      load_care_settings (self);
      return;
    }
  g_ptr_array_remove_index (settings->billing_codes, index);
  save_care_settings (self, settings);
}

static void
move_billing_code_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (widget);
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  const char *code;
  gint offset, index, other;

  g_variant_get (parameter, "(&si)", &code, &offset);
  if ((settings = glide_store_get_care_settings (self->store, &error)) == NULL)
    {
      show_store_error (self, error);
      return;
    }
  index = find_code_index (settings, code);
  other = index + (offset < 0 ? -1 : 1);
  if (index < 0 || other < 0 || other >= (gint) settings->billing_codes->len)
    {
      load_care_settings (self);
      return;
    }
  {
    gpointer moved = settings->billing_codes->pdata[index];

    settings->billing_codes->pdata[index] = settings->billing_codes->pdata[other];
    settings->billing_codes->pdata[other] = moved;
  }
  save_care_settings (self, settings);
}

static void
add_therapist_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_editor (GLIDE_PREFERENCES_WINDOW (widget), FALSE, NULL);
}

static void
edit_therapist_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_editor (GLIDE_PREFERENCES_WINDOW (widget), FALSE, g_variant_get_string (parameter, NULL));
}

static void
set_therapist_active_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  const char *code;
  gboolean active;

  g_variant_get (parameter, "(&sb)", &code, &active);
  set_therapist_active (GLIDE_PREFERENCES_WINDOW (widget), code, active);
}

static void
add_instrument_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_editor (GLIDE_PREFERENCES_WINDOW (widget), TRUE, NULL);
}

static void
edit_instrument_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_editor (GLIDE_PREFERENCES_WINDOW (widget), TRUE, g_variant_get_string (parameter, NULL));
}

/* ---- overrides ---------------------------------------------------------- */

static void
glide_preferences_window_constructed (GObject *object)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (glide_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (GLIDE_IS_STORE (self->store));
  g_return_if_fail (G_IS_SETTINGS (self->settings));

  load_clinic (self);
  load_care_settings (self);
  reload_therapists (self);
  reload_instruments (self);

  bind_code_choice (self, self->default_stroke_row, "default-stroke", &stroke_choice);
  bind_code_choice (self, self->default_edge_row, "default-edge", &edge_choice);
  bind_code_choice (self, self->default_pressure_row, "default-pressure", &pressure_choice);
  g_settings_bind (self->settings, "default-duration", self->default_duration_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_document_language (self);
  update_actions (self);
}

static void
glide_preferences_window_dispose (GObject *object)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (object);

  if (self->dialog != NULL)
    {
      Editor *editor = g_object_get_data (G_OBJECT (self->dialog), "glide-editor");
      GtkWindow *dialog = g_steal_pointer (&self->dialog);

      editor->self = NULL;
      gtk_window_destroy (dialog);
    }

  /* The mappings read arrays freed below; no write may reach them. */
  if (self->current_therapist_row != NULL)
    {
      g_settings_unbind (self->current_therapist_row, "selected");
      g_settings_unbind (self->default_instrument_row, "selected");
      g_settings_unbind (self->default_stroke_row, "selected");
      g_settings_unbind (self->default_edge_row, "selected");
      g_settings_unbind (self->default_pressure_row, "selected");
      g_settings_unbind (self->default_duration_spin, "value");
      g_settings_unbind (self->document_language_row, "selected");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_PREFERENCES_WINDOW);
  if (self->backup_runner != NULL)
    g_signal_handlers_disconnect_by_data (self->backup_runner, self);
  g_clear_object (&self->backup_runner);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->therapist_codes);
  g_clear_object (&self->instrument_codes);
  g_clear_object (&self->current_therapist_names);
  g_clear_object (&self->default_instrument_names);

  G_OBJECT_CLASS (glide_preferences_window_parent_class)->dispose (object);
}

static void
glide_preferences_window_finalize (GObject *object)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->therapists, g_hash_table_unref);
  g_clear_pointer (&self->instruments, g_hash_table_unref);
  g_clear_pointer (&self->current_therapist_codes, g_ptr_array_unref);
  g_clear_pointer (&self->default_instrument_codes, g_ptr_array_unref);
  g_clear_pointer (&self->document_language_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (glide_preferences_window_parent_class)->finalize (object);
}

static void
glide_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlidePreferencesWindow *self = GLIDE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_preferences_window_class_init (GlidePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();
  glide_accessible_init ();

  object_class->constructed = glide_preferences_window_constructed;
  object_class->dispose = glide_preferences_window_dispose;
  object_class->finalize = glide_preferences_window_finalize;
  object_class->get_property = glide_preferences_window_get_property;
  object_class->set_property = glide_preferences_window_set_property;

  /**
   * GlidePreferencesWindow:store:
   *
   * The clinical store: clinic details, therapists and instruments.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GLIDE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GlidePreferencesWindow:settings:
   *
   * This workstation's settings (schema io.github.glidept.Glide): the
   * current therapist and the defaults of a new treated area.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLIDE_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, clinic_name_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, clinic_address_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, clinic_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, clinic_error_label);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        document_language_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, units_method_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, report_visits_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, report_visits_spin);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, billing_code_list);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        current_therapist_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, therapist_list);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, instrument_list);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        default_instrument_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        default_stroke_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow, default_edge_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        default_pressure_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePreferencesWindow,
                                        default_duration_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_clinic_row_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_clinic_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clinic_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_paper_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_units_method_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_report_visits_changed);

  /**
   * GlidePreferencesWindow|prefs.add-billing-code:
   *
   * Opens the dialog that adds a code to the clinic's billing codes.
   */
  gtk_widget_class_install_action (widget_class, "prefs.add-billing-code", NULL,
                                   add_billing_code_action);
  /**
   * GlidePreferencesWindow|prefs.edit-billing-code:
   * @code: the billing code
   *
   * Opens the dialog that changes a code's label or whether it is timed.
   */
  gtk_widget_class_install_action (widget_class, "prefs.edit-billing-code", "s",
                                   edit_billing_code_action);
  /**
   * GlidePreferencesWindow|prefs.remove-billing-code:
   * @code: the billing code
   *
   * Takes a code off the list (visits recorded under it keep it).
   */
  gtk_widget_class_install_action (widget_class, "prefs.remove-billing-code", "s",
                                   remove_billing_code_action);
  /**
   * GlidePreferencesWindow|prefs.move-billing-code:
   * @code_and_offset: the code, and -1 to move it up or 1 down
   *
   * Moves a code in the list, whose order breaks ties between codes.
   */
  gtk_widget_class_install_action (widget_class, "prefs.move-billing-code", "(si)",
                                   move_billing_code_action);

  /**
   * GlidePreferencesWindow|prefs.add-therapist:
   *
   * Opens the dialog that adds a therapist.
   */
  gtk_widget_class_install_action (widget_class, "prefs.add-therapist", NULL,
                                   add_therapist_action);
  /**
   * GlidePreferencesWindow|prefs.edit-therapist:
   * @code: the therapist's code
   *
   * Opens the dialog that renames a therapist or changes their credentials.
   */
  gtk_widget_class_install_action (widget_class, "prefs.edit-therapist", "s",
                                   edit_therapist_action);
  /**
   * GlidePreferencesWindow|prefs.set-therapist-active:
   * @code: the therapist's code
   * @active: %FALSE for a therapist who has left
   *
   * Deactivates or reactivates a therapist. Deactivating the current
   * therapist of this workstation clears the current-therapist setting.
   */
  gtk_widget_class_install_action (widget_class, "prefs.set-therapist-active", "(sb)",
                                   set_therapist_active_action);
  /**
   * GlidePreferencesWindow|prefs.add-instrument:
   *
   * Opens the dialog that adds an instrument.
   */
  gtk_widget_class_install_action (widget_class, "prefs.add-instrument", NULL,
                                   add_instrument_action);
  /**
   * GlidePreferencesWindow|prefs.edit-instrument:
   * @code: the instrument's code
   *
   * Opens the dialog that renames an instrument or changes its material.
   */
  gtk_widget_class_install_action (widget_class, "prefs.edit-instrument", "s",
                                   edit_instrument_action);
}

static void
glide_preferences_window_init (GlidePreferencesWindow *self)
{
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units_methods = gtk_string_list_new (NULL);
  GtkWidget *placeholder;
  GtkWidget *search_button;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->therapists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) glide_therapist_free);
  self->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) glide_instrument_free);
  self->therapist_codes = gtk_string_list_new (NULL);
  self->instrument_codes = gtk_string_list_new (NULL);
  self->current_therapist_names = gtk_string_list_new (NULL);
  self->current_therapist_codes = g_ptr_array_new_with_free_func (g_free);
  self->default_instrument_names = gtk_string_list_new (NULL);
  self->default_instrument_codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_PAPER); i++)
    gtk_string_list_append (papers, glide_code_list_label (GLIDE_CODE_LIST_PAPER, (int) i));
  self->updating = TRUE;
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  for (guint i = 0; i < glide_code_list_size (GLIDE_CODE_LIST_UNITS_METHOD); i++)
    gtk_string_list_append (units_methods,
                            glide_code_list_label (GLIDE_CODE_LIST_UNITS_METHOD, (int) i));
  adw_combo_row_set_model (self->units_method_row, G_LIST_MODEL (units_methods));
  self->updating = FALSE;

  adw_combo_row_set_model (self->current_therapist_row,
                           G_LIST_MODEL (self->current_therapist_names));
  adw_combo_row_set_model (self->default_instrument_row,
                           G_LIST_MODEL (self->default_instrument_names));

  gtk_list_box_bind_model (self->therapist_list, G_LIST_MODEL (self->therapist_codes),
                           create_therapist_row, self, NULL);
  placeholder = gtk_label_new (_("No therapists yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->therapist_list, placeholder);

  gtk_list_box_bind_model (self->instrument_list, G_LIST_MODEL (self->instrument_codes),
                           create_instrument_row, self, NULL);
  placeholder = gtk_label_new (_("No instruments yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->instrument_list, placeholder);

  /* Labelled by its row, the spin button was "GtkSpinButton" in GTK 4.8,
   * which takes only the row's own label, and it has none. */
  glide_accessible_set_label (GTK_WIDGET (self->default_duration_spin), _("Duration"));
  /* An icon button is named after its image in GTK 4.8 ("GtkImage"). */
  if ((search_button = find_search_button (GTK_WIDGET (self))) != NULL)
    glide_accessible_set_label (search_button, _("Search"));

  update_actions (self);
}

/* ---- database ------------------------------------------------------------------ */

/* libpq's sslmode values offered, in the order of the TLS row. */
static const char *const tls_modes[] = { "prefer", "require", "verify-full", "disable" };

static void
show_server_message (GlidePreferencesWindow *self,
                     const char             *message,
                     gboolean                error)
{
  gtk_label_set_text (self->server_message, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_message), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_message), "error");
}

/* The rows from server-uri. */
static void
load_server_rows (GlidePreferencesWindow *self)
{
  g_autofree char *uri = g_settings_get_string (self->settings, "server-uri");
  g_autoptr(GlideServerAddress) address = *uri ? glide_server_address_parse (uri, NULL) : NULL;
  g_autofree char *port = NULL;
  guint tls = 0;

  if (address == NULL)
    address = glide_server_address_new ();
  port = address->port ? g_strdup_printf ("%u", address->port) : g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (tls_modes); i++)
    if (g_strcmp0 (address->tls, tls_modes[i]) == 0)
      tls = i;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->server_host_row), address->host ? address->host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_port_row), port);
  gtk_editable_set_text (GTK_EDITABLE (self->server_database_row),
                         address->database ? address->database : "");
  adw_combo_row_set_selected (self->server_tls_row, tls);
  gtk_editable_set_text (GTK_EDITABLE (self->server_uri_row), uri);
  self->updating = FALSE;
}

static void
update_server_group (GlidePreferencesWindow *self)
{
  g_autofree char *location = g_settings_get_string (self->settings, "database-location");

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), g_str_equal (location, "clinic-server"));
}

/* server-uri from the host, port, database and TLS rows; other parameters
 * of a pasted address are kept. */
static void
save_server_rows (GlidePreferencesWindow *self)
{
  g_autofree char *old = g_settings_get_string (self->settings, "server-uri");
  g_autoptr(GlideServerAddress) address = *old ? glide_server_address_parse (old, NULL) : NULL;
  g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_host_row))));
  g_autofree char *port = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_port_row))));
  g_autofree char *database = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_database_row))));
  g_autofree char *uri = NULL;
  guint tls = adw_combo_row_get_selected (self->server_tls_row);
  guint64 port_number = 0;

  if (self->updating)
    return;
  if (*port != '\0' && !g_ascii_string_to_unsigned (port, 10, 1, 65535, &port_number, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a port: the port of a clinic "
                                                    "server is a number, usually 5432"), port);

      show_server_message (self, message, TRUE);
      return;
    }
  if (address == NULL)
    address = glide_server_address_new ();
  g_free (address->host);
  address->host = *host ? g_strdup (host) : NULL;
  address->port = (guint) port_number;
  g_free (address->database);
  address->database = *database ? g_strdup (database) : NULL;
  g_free (address->tls);
  address->tls = tls < G_N_ELEMENTS (tls_modes) && tls > 0 ? g_strdup (tls_modes[tls]) : NULL;
  uri = address->host || address->database ? glide_server_address_to_uri (address, NULL) : g_strdup ("");
  g_settings_set_string (self->settings, "server-uri", uri);
  show_server_message (self, NULL, FALSE);
  load_server_rows (self);
}

/* A pasted postgresql:// address fills the rows; its login becomes the
 * one offered at sign-in, and a password in it is never kept. */
static void
on_server_uri_applied (GlidePreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_uri_row));
  g_autoptr(GlideServerAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *pasted = g_strstrip (g_strdup (text));

  if (self->updating)
    return;
  address = glide_server_address_parse (pasted, &error);
  if (address == NULL)
    {
      show_server_message (self, error->message, TRUE);
      return;
    }
  uri = glide_server_address_to_uri (address, NULL);
  g_settings_set_string (self->settings, "server-uri", uri);
  if (address->login != NULL)
    g_settings_set_string (self->settings, "server-login", address->login);
  load_server_rows (self);
  show_server_message (self, address->had_password ?
                       _("The password in the address was not kept: Glide asks for it when you "
                         "sign in, and remembers it in the keyring only if you ask") : NULL,
                       FALSE);
}

static void
on_location_selected (GlidePreferencesWindow *self)
{
  if (self->updating)
    return;
  g_settings_set_string (self->settings, "database-location",
                         adw_combo_row_get_selected (self->location_row) == 1 ?
                         "clinic-server" : "this-computer");
  update_server_group (self);
}

static AdwEntryRow *
add_server_entry (AdwPreferencesGroup *group,
                  const char          *name,
                  const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

/* The Database groups at the end of the Clinic page: where the clinic's
 * record is, this computer's file or a clinic server, and the server's
 * address. Takes effect at the next start. */
static void
add_database_groups (GlidePreferencesWindow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self->paper_row), ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) locations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tls = gtk_string_list_new (NULL);
  g_autofree char *location = g_settings_get_string (self->settings, "database-location");
  GtkWidget *row;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Database"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Where Glide keeps the clinic's record: a file on this computer for a one-person practice, "
      "or the clinic's server, shared by every workstation, where each person signs in. "
      "A change takes effect the next time Glide starts."));
  gtk_string_list_append (locations, _("This computer"));
  gtk_string_list_append (locations, _("Clinic server"));
  row = adw_combo_row_new ();
  gtk_widget_set_name (row, "database-location-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Record kept on"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (locations));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), g_str_equal (location, "clinic-server") ? 1 : 0);
  self->location_row = ADW_COMBO_ROW (row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_location_selected), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  self->server_group = ADW_PREFERENCES_GROUP (group);
  adw_preferences_group_set_title (self->server_group, _("Clinic Server"));
  adw_preferences_group_set_description (self->server_group,
    _("The server's address, from whoever runs it. Press Enter or the check mark to save a "
      "change. Passwords are never kept here: each person gives theirs at sign-in."));
  self->server_host_row = add_server_entry (self->server_group, "server-host-row", _("_Server"));
  self->server_port_row = add_server_entry (self->server_group, "server-port-row", _("_Port (empty: 5432)"));
  adw_entry_row_set_input_purpose (self->server_port_row, GTK_INPUT_PURPOSE_DIGITS);
  self->server_database_row = add_server_entry (self->server_group, "server-database-row",
                                                _("_Database"));
  gtk_string_list_append (tls, _("If the server offers it"));
  gtk_string_list_append (tls, _("Required"));
  gtk_string_list_append (tls, _("Required, with the server's certificate checked"));
  gtk_string_list_append (tls, _("Off"));
  row = adw_combo_row_new ();
  gtk_widget_set_name (row, "server-tls-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Secure _connection (TLS)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (tls));
  self->server_tls_row = ADW_COMBO_ROW (row);
  adw_preferences_group_add (self->server_group, row);
  self->server_uri_row = add_server_entry (self->server_group, "server-uri-row",
                                           _("Or paste an _address (postgresql://…)"));
  self->server_message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->server_message, TRUE);
  gtk_label_set_xalign (self->server_message, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->server_message), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->server_message), FALSE);
  adw_preferences_group_add (self->server_group, GTK_WIDGET (self->server_message));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->server_group);

  load_server_rows (self);
  update_server_group (self);
  g_signal_connect_object (self->server_host_row, "apply", G_CALLBACK (save_server_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_port_row, "apply", G_CALLBACK (save_server_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_database_row, "apply", G_CALLBACK (save_server_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_tls_row, "notify::selected", G_CALLBACK (save_server_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_uri_row, "apply", G_CALLBACK (on_server_uri_applied), self,
                           G_CONNECT_SWAPPED);
}

/* ---- idle lock -------------------------------------------------------------------- */

/* The "Lock after" choices, in seconds ("lock-after"; 0: never). */
static const int lock_after_choices[] = { 0, 60, 300, 600, 900, 1800, 3600 };

/* -1 (automatic) shows what it means here: 10 minutes on a clinic server,
 * never on this computer's file. Other values show as the nearest choice. */
static gboolean
lock_after_to_selected (GValue   *value,
                        GVariant *variant,
                        gpointer  server)
{
  int seconds = g_variant_get_int32 (variant);
  guint best = 0;

  if (seconds < 0)
    seconds = server ? 600 : 0;
  for (guint i = 0; i < G_N_ELEMENTS (lock_after_choices); i++)
    if (ABS (lock_after_choices[i] - seconds) < ABS (lock_after_choices[best] - seconds))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
selected_to_lock_after (const GValue       *value,
                        const GVariantType *type,
                        gpointer            server)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (lock_after_choices))
    return NULL;
  return g_variant_new_int32 (lock_after_choices[selected]);
}

/* "Lock after", in This Workstation: the idle time after which the window
 * hides patient data until the person signs in again. */
static void
add_lock_row (GlidePreferencesWindow *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->current_therapist_row),
                                              ADW_TYPE_PREFERENCES_GROUP);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  gboolean server = glide_store_is_server (self->store);
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (choices, _("Never"));
  gtk_string_list_append (choices, _("1 minute"));
  gtk_string_list_append (choices, _("5 minutes"));
  gtk_string_list_append (choices, _("10 minutes"));
  gtk_string_list_append (choices, _("15 minutes"));
  gtk_string_list_append (choices, _("30 minutes"));
  gtk_string_list_append (choices, _("1 hour"));
  gtk_widget_set_name (row, "lock-after-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Lock after"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               server ? _("Without input for this long, patient records are "
                                          "hidden until you give your password again") :
                                        _("Without input for this long, patient records are "
                                          "hidden until someone unlocks the window"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  g_settings_bind_with_mapping (self->settings, "lock-after", row, "selected",
                                G_SETTINGS_BIND_DEFAULT, lock_after_to_selected,
                                selected_to_lock_after, GINT_TO_POINTER (server), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/**
 * glide_preferences_window_show_database:
 *
 * Shows the Clinic page, whose Database group says where the clinic's
 * record is kept.
 */
void
glide_preferences_window_show_database (GlidePreferencesWindow *self)
{
  g_return_if_fail (GLIDE_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "clinic");
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * glide_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: the open clinical store
 * @settings: this workstation's settings (schema io.github.glidept.Glide)
 *
 * Returns: (transfer floating): a modal preferences window, not yet shown
 */
GlidePreferencesWindow *
glide_preferences_window_new (GtkWindow  *parent,
                              GlideStore *store,
                              GSettings  *settings)
{
  GlidePreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GLIDE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       "settings", settings,
                       NULL);
  add_database_groups (self);
  add_lock_row (self);
  return self;
}

/**
 * glide_preferences_window_add_therapist:
 *
 * Shows the Therapists page with the dialog that adds a therapist open: the
 * way to the first therapist on a first run. A therapist added while
 * nobody documents at this workstation becomes its therapist.
 */
void
glide_preferences_window_add_therapist (GlidePreferencesWindow *self)
{
  g_return_if_fail (GLIDE_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "therapists");
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.add-therapist", NULL);
}

/* ---- backups -------------------------------------------------------------------- */

static void
update_backup_rows (GlidePreferencesWindow *self)
{
  GDateTime *last = glide_backup_runner_get_last_backup (self->backup_runner);
  const char *error = glide_backup_runner_get_error (self->backup_runner);
  g_autofree char *dir = g_settings_get_string (self->settings, "backup-dir");
  g_autofree char *when = NULL;

  adw_action_row_set_subtitle (self->backup_dir_row,
                               glide_backup_runner_get_dir (self->backup_runner));
  gtk_widget_set_visible (self->backup_dir_reset, *dir != '\0');
  if (glide_backup_runner_get_busy (self->backup_runner))
    when = g_strdup (_("Backing up…"));
  else if (error != NULL)
    when = g_strdup_printf (_("Failed: %s"), error);
  else if (last != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last);

      /* Translators: the last backup's date and time, see g_date_time_format */
      when = g_date_time_format (local, _("%e %b %Y, %H:%M"));
      g_strstrip (when);
    }
  else
    when = g_strdup (_("None yet"));
  adw_action_row_set_subtitle (self->last_backup_row, when);
}

static void
on_backup_folder_chosen (GtkNativeDialog        *chooser,
                         int                     response,
                         GlidePreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-dir", path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_choose_backup_folder_clicked (GlidePreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Backup Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_folder_chosen),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_reset_backup_folder_clicked (GlidePreferencesWindow *self)
{
  g_settings_reset (self->settings, "backup-dir");
}

static void
on_back_up_now_clicked (GlidePreferencesWindow *self)
{
  glide_backup_runner_back_up_now (self->backup_runner);
}

static GtkWidget *
new_row_button (const char *label,
                const char *icon_name,
                const char *tooltip)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) :
                              gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  if (icon_name != NULL)
    gtk_widget_add_css_class (button, "flat");
  return button;
}

/**
 * glide_preferences_window_set_backup_runner:
 * @runner: the window's automatic backups
 * @can_change_dir: whether the folder may be chosen here (not when given
 *   with --backup-dir)
 *
 * Adds the Backups page: the folder (the GSettings key backup-dir) and
 * when the last backup was made, with "Back Up Now".
 */
void
glide_preferences_window_set_backup_runner (GlidePreferencesWindow *self,
                                            GlideBackupRunner      *runner,
                                            gboolean                can_change_dir)
{
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *button;

  g_return_if_fail (GLIDE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (GLIDE_IS_BACKUP_RUNNER (runner));
  g_return_if_fail (self->backup_runner == NULL);

  self->backup_runner = g_object_ref (runner);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Backups"));
  adw_preferences_page_set_icon_name (page, "drive-harddisk-symbolic");
  gtk_widget_set_name (GTK_WIDGET (page), "backups-page");
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Automatic Backups"));
  adw_preferences_group_set_description (group,
    _("A checked copy of the database after the first change of each day and on quit; "
      "the newest of each of the last 7 days, 4 weeks and 12 months are kept"));

  self->backup_dir_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->backup_dir_row), "backup-dir-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->backup_dir_row), _("Folder"));
  self->backup_dir_reset = new_row_button (NULL, "edit-undo-symbolic",
                                           _("Use the Default Folder"));
  g_signal_connect_swapped (self->backup_dir_reset, "clicked",
                            G_CALLBACK (on_reset_backup_folder_clicked), self);
  adw_action_row_add_suffix (self->backup_dir_row, self->backup_dir_reset);
  button = new_row_button (_("_Choose…"), NULL, NULL);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_choose_backup_folder_clicked), self);
  adw_action_row_add_suffix (self->backup_dir_row, button);
  gtk_widget_set_sensitive (button, can_change_dir);
  gtk_widget_set_sensitive (self->backup_dir_reset, can_change_dir);
  adw_preferences_group_add (group, GTK_WIDGET (self->backup_dir_row));

  self->last_backup_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->last_backup_row), "last-backup-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_backup_row), _("Last Backup"));
  button = new_row_button (_("_Back Up Now"), NULL, NULL);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_back_up_now_clicked), self);
  adw_action_row_add_suffix (self->last_backup_row, button);
  adw_preferences_group_add (group, GTK_WIDGET (self->last_backup_row));

  adw_preferences_page_add (page, group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  g_signal_connect_object (runner, "notify", G_CALLBACK (update_backup_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backup-dir",
                           G_CALLBACK (update_backup_rows), self, G_CONNECT_SWAPPED);
  update_backup_rows (self);
}
