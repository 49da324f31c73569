/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-window.c: the main window. A leaflet with the patient search and
 * list beside the selected patient (or the session being documented); a
 * welcome page for an empty database; the reason when the database could
 * not be opened. Window-wide shortcuts are window actions that hand over to
 * the page on screen. */

#define G_LOG_DOMAIN "glide-window"

#include "config.h"

#include "glide-window.h"

#include "glide-accessible.h"
#include "glide-alert-rows.h"
#include "glide-application.h"
#include "glide-backup-runner.h"
#include "glide-check-dialog.h"
#include "glide-date.h"
#include "glide-demo.h"
#include "glide-export.h"
#include "glide-form-dialog.h"
#include "glide-import-dialog.h"
#include "glide-lock-page.h"
#include "glide-patient-item.h"
#include "glide-patient-page.h"
#include "glide-preferences-window.h"
#include "glide-row-text.h"
#include "glide-rules.h"
#include "glide-session-editor.h"
#include "glide-person-paintable.h"
#include "glide-status-page.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

struct _GlideWindow
{
  AdwApplicationWindow  parent_instance;

  GlideStore           *store;
  GSettings            *settings;
  GListStore           *patients;    /* GlidePatientItem: the current search's results */
  guint                 search_limit; /* results asked for: a page or more */
  gulong                first_frame_handler; /* the rest of the first page after it */
  guint                 first_page_source;
  gboolean              selecting;   /* the list is being refilled */
  gboolean              asked_therapist;
  GtkWindow            *preferences;  /* the open Preferences, or NULL */
  /* A new session asked for while nobody documents here: opened once someone does. */
  gboolean              session_pending;
  gint64                pending_course_id;
  gint64                pending_copy_from;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GMenuModel           *primary_menu;
  GtkMenuButton        *primary_menu_button;
  AdwBin               *error_bin;
  AdwBin               *welcome_bin;
  AdwStatusPage        *status_page;     /* these three NULL until ensure_rare_pages () */
  AdwStatusPage        *welcome_page;
  AdwWindowTitle       *welcome_title;
  GtkButton            *retry_button;
  GlideStatusPage      *no_results_page;
  char                 *db_path;          /* without a store: where to try again */
  guint                 retry_source;     /* tries again while the database is busy */
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *patient_list;
  GtkScrolledWindow    *patient_scroller;
  GtkSingleSelection   *selection;
  GtkStack             *content_stack;
  AdwBin               *patient_bin;
  GlidePatientPage     *patient_page; /* NULL until a patient is shown */
  AdwBin               *editor_bin;
  GtkListBox           *backup_alerts;
  GlideBackupRunner    *backup_runner; /* NULL without a store */
  gboolean              backup_dir_given; /* --backup-dir: Preferences do not move it */
  gboolean              checking;    /* "Check Database…" is running */
  gboolean              importing;   /* "Import…" is open or running */
  guint                 change_poll;  /* asks the store for others' changes */
  guint                 change_watch; /* a clinic server's notifications */
  /* The idle lock: patient data hidden until the person proves who they are. */
  GlideLockPage        *lock_page;    /* NULL until first locked */
  gboolean              locked;
  char                 *page_before_lock;
  GPtrArray            *hidden_dialogs; /* the window's dialogs hidden by the lock */
  gint64                last_input;   /* monotonic time of the last key or pointer input */
  guint                 idle_source;
  /* A clinic server that cannot be reached: a banner, and tries with backoff. */
  GtkListBox           *server_alerts;
  gboolean              offline;
  guint                 reconnect_source;
  guint                 reconnect_delay; /* seconds until the next try */
};

G_DEFINE_FINAL_TYPE (GlideWindow, glide_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (GlideWindow *self);
static void open_pending_session (GlideWindow *self);
static GlidePreferencesWindow *open_preferences (GlideWindow *self);
static void on_record_changed (GlideWindow *self);
static void watch_changes (GlideWindow *self);
static GlidePatientPage *ensure_patient_page (GlideWindow *self);

/* ---- helpers ------------------------------------------------------------------ */

/* Seconds between two questions to the store for changes made elsewhere
 * (another window, the command line, another workstation): within the 2 s
 * a person expects. SQLite answers from shared memory; a clinic server's
 * notifications wake the window at once (change_watch). */
#define CHANGE_POLL_SECONDS 1

static GlideSessionEditor *
get_editor (GlideWindow *self)
{
  GtkWidget *child = self->editor_bin ? adw_bin_get_child (self->editor_bin) : NULL;

  return child != NULL ? GLIDE_SESSION_EDITOR (child) : NULL;
}

/* The session editor when it is on screen (it may be kept while the patient
 * page shows), else NULL. */
static GlideSessionEditor *
get_shown_editor (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);

  if (editor == NULL || !g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "session"))
    return NULL;
  return editor;
}

static gboolean
showing_patient (GlideWindow *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "patient");
}

static char *
describe_summary (const GlidePatientSummary *summary)
{
  GString *s = g_string_new (summary->patient->chart);

  if (summary->last_visit != NULL)
    {
      g_autofree char *date = glide_date_format_long (summary->last_visit);

      /* Translators: in the patient list, after the chart number */
      g_string_append_printf (s, _(" · last visit %s"), date);
    }
  if (summary->active_course != NULL)
    g_string_append_printf (s, "\n%s", summary->active_course);
  return g_string_free (s, FALSE);
}

/* A row is two GlideRowTexts, which measure by a fixed number of
 * characters and lines instead of laying out their text: in GTK 4.8 a list
 * view keeps a widget for each of up to 200 items, visible or not, so what
 * a row costs to style and measure is paid for every result of a
 * keystroke. Every row is the same height. */
static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = glide_row_text_new (1, 30);
  GtkWidget *details = glide_row_text_new (2, 0);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

/* A row text aligns each line by the direction of its own text, so a
 * name in Arabic would sit at the far edge of the row; a mark of the
 * window's direction at the start of each line keeps every row aligned as
 * the window is, and leaves the order of the name's letters alone. */
static void
set_row_text (GtkWidget  *row_text,
              const char *text)
{
  const char *mark = gtk_widget_get_direction (row_text) == GTK_TEXT_DIR_RTL ?
                     "\u200F" : "\u200E";
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *marked = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (marked, "%s%s%s", i > 0 ? "\n" : "", mark, lines[i]);
  glide_row_text_set_text (GLIDE_ROW_TEXT (row_text), marked->str);
  g_string_free (marked, TRUE);
}

static void
update_row (GlidePatientItem *item,
            GtkWidget        *box)
{
  const GlidePatientSummary *summary = glide_patient_item_get_summary (item);
  g_autofree char *name = glide_patient_get_display_name (summary->patient);
  g_autofree char *details = describe_summary (summary);

  set_row_text (gtk_widget_get_first_child (box), name);
  set_row_text (gtk_widget_get_last_child (box), details);
  glide_accessible_name_list_row (box, name, details);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GlidePatientItem *patient = gtk_list_item_get_item (item);

  update_row (patient, box);
  g_signal_connect (patient, "changed", G_CALLBACK (update_row), box);
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), update_row,
                                        gtk_list_item_get_child (item));
}

static const char *
selected_chart (GlideWindow *self)
{
  GlidePatientItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? glide_patient_item_get_chart (item) : NULL;
}

/* On a clinic server, who is signed in and as what: "dw · therapist". */
static void
show_signed_in_person (GlideWindow *self)
{
  GlideStoreRole role = glide_store_get_role (self->store);
  const char *login = glide_store_get_login (self->store);
  const char *role_name;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  switch (role)
    {
    case GLIDE_STORE_ROLE_THERAPIST: role_name = _("therapist"); break;
    case GLIDE_STORE_ROLE_MANAGER: role_name = _("manager"); break;
    case GLIDE_STORE_ROLE_ADMIN: role_name = _("admin"); break;
    case GLIDE_STORE_ROLE_OWNER: role_name = _("owner"); break;
    case GLIDE_STORE_ROLE_NONE:
    default: role_name = _("no role"); break;
    }
  /* Translators: the person signed in to the clinic server and their role, "dw · therapist" */
  subtitle = g_strdup_printf (_("%s · %s"), login, role_name);
  /* Translators: %s: login name, %s: role */
  tooltip = g_strdup_printf (_("Signed in to the clinic server as %s (%s)"), login, role_name);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title), tooltip);
}

static void
update_therapist (GlideWindow *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "current-therapist");
  g_autoptr(GlideTherapist) therapist = NULL;

  if (self->store == NULL)
    return;
  /* There the login is the person; no setting names anyone. */
  if (glide_store_is_server (self->store))
    {
      show_signed_in_person (self);
      return;
    }
  if (*code != '\0')
    therapist = glide_store_find_therapist (self->store, code, NULL);
  if (therapist != NULL && !therapist->active)
    g_clear_pointer (&therapist, glide_therapist_free);

  glide_store_set_actor (self->store, therapist ? therapist->id : 0);
  adw_window_title_set_subtitle (self->sidebar_title, therapist ? therapist->name :
                                 _("No therapist chosen"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title),
                               therapist ? _("The therapist documenting at this workstation") :
                               _("Choose who documents here in Preferences"));
}

static void
select_chart (GlideWindow *self,
              const char  *chart)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->patients)); i++)
    {
      g_autoptr(GlidePatientItem) item = g_list_model_get_item (G_LIST_MODEL (self->patients), i);

      if (g_strcmp0 (glide_patient_item_get_chart (item), chart) == 0)
        {
          gboolean selecting = self->selecting;

          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->selecting = selecting;
          return;
        }
    }
}

/* Shows @results (transfer full) in the list. The items already there take
 * the first results, so their rows are updated in place: only a change in
 * the number of results makes or removes rows, and in GTK 4.8 a list view
 * keeps a row widget for each of up to 200 items, so making them again on
 * every keystroke would cost more than everything else together. */
static void
show_results (GlideWindow *self,
              GPtrArray   *results)
{
  GListModel *model = G_LIST_MODEL (self->patients);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = results->len;
  g_autofree char *chart = g_strdup (selected_chart (self));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n_new; i++)
    {
      GlidePatientSummary *summary = g_steal_pointer (&results->pdata[i]);

      if (i < n_old)
        {
          g_autoptr(GlidePatientItem) item = g_list_model_get_item (model, i);

          glide_patient_item_set_summary (item, summary);
        }
      else
        g_ptr_array_add (added, glide_patient_item_new (summary));
    }
  if (n_new < n_old)
    g_list_store_splice (self->patients, n_new, n_old - n_new, NULL, 0);
  else if (added->len > 0)
    g_list_store_splice (self->patients, n_old, 0, added->pdata, added->len);
  if (chart != NULL)
    select_chart (self, chart);
  self->selecting = FALSE;

  gtk_stack_set_visible_child_name (self->list_stack, n_new > 0 ? "list" : "no-results");
}

/* The pages for a database that could not be opened and for a new install,
 * made when one is first needed: with their header bars, menus and buttons
 * they cost the usual first frame, which shows neither, about 4 % of its
 * work (docs/BENCHMARKS.md). */
static void
ensure_rare_pages (GlideWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->status_page != NULL)
    return;
  builder = gtk_builder_new ();
  gtk_builder_expose_object (builder, "primary_menu", G_OBJECT (self->primary_menu));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/ui/glide-window-pages.ui", &error))
    g_error ("%s", error->message);
  adw_bin_set_child (self->error_bin, GTK_WIDGET (gtk_builder_get_object (builder, "error_page")));
  adw_bin_set_child (self->welcome_bin, GTK_WIDGET (gtk_builder_get_object (builder, "welcome_box")));
  self->status_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "status_page"));
  self->welcome_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "welcome_page"));
  self->welcome_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "welcome_title"));
  self->retry_button = GTK_BUTTON (gtk_builder_get_object (builder, "retry_button"));
}

/* Shows the error page with @message. */
static void
show_error_page (GlideWindow *self,
                 const char  *message)
{
  ensure_rare_pages (self);
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* Queries the store for the search entry's text, up to search_limit. */
static void
query (GlideWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  results = glide_store_search_patients (self->store, text, self->search_limit, &error);
  if (results == NULL && g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT))
    {
      /* Opening no longer reads every page: damage shows on first use,
       * and the window says so as it would have on opening. */
      show_error_page (self, error->message);
      return;
    }
  if (results == NULL)
    {
      glide_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_results (self, results);
}

/* Before the window is on screen, the rows its height can show: a GTK 4.8
 * list view makes, styles and measures a row for every item, and the 30
 * rows of a page that a 760-pixel window does not show cost its first
 * frame about 4 % of its work (docs/BENCHMARKS.md); the page is completed
 * once that frame is painted (on_first_frame_painted). A row is three
 * lines of text and its margins, at least 56 pixels high with any desktop
 * font from 8 points up (68 with GNOME's 11 points), under a header bar and
 * a search entry at least 80 pixels high: rows are 62 % of the window's
 * widgets in its first frame. */
static guint
get_first_page_size (GlideWindow *self)
{
  int width = 0, height = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return GLIDE_WINDOW_SEARCH_PAGE;
  /* GTK 4.8 needs both pointers. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (height <= 0)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

      for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          height = MAX (height, geometry.height);
        }
    }
  if (height <= 0)
    return GLIDE_WINDOW_SEARCH_PAGE;
  return CLAMP ((guint) MAX (height - 80, 0) / 56 + 1, 1, GLIDE_WINDOW_SEARCH_PAGE);
}

/* A new search starts again with the first page, at the top. */
static void
run_search (GlideWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->patient_scroller);

  self->search_limit = get_first_page_size (self);
  query (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* Near the end of the list, the next page of results. */
static void
on_patients_scrolled (GlideWindow   *self,
                      GtkAdjustment *adjustment)
{
  double end = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
  /* A full list: the store may have more. */
  gboolean more = g_list_model_get_n_items (G_LIST_MODEL (self->patients)) == self->search_limit;

  if (!more || end < gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
    return;
  self->search_limit += GLIDE_WINDOW_SEARCH_PAGE;
  query (self);
}

static void
show_patient (GlideWindow *self,
              const char  *chart)
{
  g_autoptr(GError) error = NULL;

  if (!glide_patient_page_show_patient (ensure_patient_page (self), chart, &error))
    {
      glide_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_settings_set_string (self->settings, "last-patient", chart);
  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_actions (self);
}

static void
show_clinic (GlideWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-patient");

  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  run_search (self);
  if (*last != '\0')
    {
      g_autoptr(GlidePatient) patient = glide_store_find_patient (self->store, last, NULL);

      if (patient != NULL)
        {
          select_chart (self, last);
          show_patient (self, last);
        }
    }
}

static void
update_content (GlideWindow *self,
                const char  *open_error)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      show_error_page (self, open_error);
    }
  else if (glide_store_is_empty (self->store, &error))
    {
      ensure_rare_pages (self);
      /* Where the new clinic's file is, so a mistyped --database shows. */
      adw_window_title_set_subtitle (self->welcome_title, glide_store_is_server (self->store) ? NULL :
                                                          glide_store_get_path (self->store));
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else if (error != NULL)
    {
      show_error_page (self, error->message);
    }
  else
    show_clinic (self);

  update_therapist (self);
  update_actions (self);
}

/* GTK 4.8 warns when a focused text field is destroyed; drop the focus first. */
static void
remove_editor (GlideWindow *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  adw_bin_set_child (self->editor_bin, NULL);
}

static void
close_editor (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);

  if (editor != NULL)
    remove_editor (self);
  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  glide_patient_page_reload (ensure_patient_page (self));
  run_search (self);
  update_actions (self);
}

/* ---- therapist on first run ------------------------------------------------------ */

static void
on_therapist_chosen (AdwMessageDialog *dialog,
                     const char       *response,
                     GlideWindow      *self)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *therapists = g_object_get_data (G_OBJECT (dialog), "therapists");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (g_str_equal (response, "choose") && selected < therapists->len)
    {
      GlideTherapist *therapist = g_ptr_array_index (therapists, selected);

      g_settings_set_string (self->settings, "current-therapist", therapist->code);
      open_pending_session (self);
    }
  else if (g_str_equal (response, "preferences"))
    glide_preferences_window_add_therapist (open_preferences (self));
  else
    self->session_pending = FALSE;
}

/* Each workstation says who documents there; asked once on its own, and
 * again (@again) when a new session needs someone. Returns whether it asked. */
static gboolean
ask_for_therapist (GlideWindow *self,
                   gboolean     again)
{
  g_autofree char *code = g_settings_get_string (self->settings, "current-therapist");
  g_autoptr(GlideTherapist) current = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *drop_down;

  if (self->store == NULL || (self->asked_therapist && !again) || glide_store_is_server (self->store))
    return FALSE;
  if (*code != '\0' && (current = glide_store_find_therapist (self->store, code, NULL)) != NULL &&
      current->active)
    return FALSE;
  therapists = glide_store_list_therapists (self->store, FALSE, NULL);
  if (therapists == NULL || therapists->len == 0)
    return FALSE;
  self->asked_therapist = TRUE;

  for (guint i = 0; i < therapists->len; i++)
    gtk_string_list_append (names, ((GlideTherapist *) g_ptr_array_index (therapists, i))->name);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Therapist"), -1);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Documents Here?"),
                                   _("Sessions you document and sign at this workstation are "
                                     "recorded under this therapist. You can change it later in "
                                     "Preferences."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "preferences", _("_Add Therapist…"),
                                    "choose", _("_Choose"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "therapists", g_steal_pointer (&therapists),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_therapist_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
ask_for_therapist_idle (gpointer user_data)
{
  GlideWindow *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && g_getenv ("GLIDE_NO_FIRST_RUN") == NULL)
    ask_for_therapist (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* ---- new patient ----------------------------------------------------------------- */

static gboolean
save_new_patient (GlideFormDialog  *dialog,
                  gpointer          user_data,
                  char            **field,
                  GError          **error)
{
  GlideWindow *self = user_data;
  g_autoptr(GlidePatient) patient =
    glide_patient_new (glide_form_dialog_get_text (dialog, "chart"),
                       glide_form_dialog_get_text (dialog, "family_name"),
                       glide_form_dialog_get_text (dialog, "given_name"),
                       glide_form_dialog_get_text (dialog, "birth_date"));

  if (!glide_rules_validate_patient (patient, field, error))
    return FALSE;
  if (glide_store_create_patient (self->store, patient, error) == 0)
    {
      if (g_error_matches (*error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS))
        *field = g_strdup ("chart");
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  run_search (self);
  select_chart (self, patient->chart);
  show_patient (self, patient->chart);
  update_actions (self);
  return TRUE;
}

GlideFormDialog *
glide_window_new_patient (GlideWindow *self)
{
  GlideFormDialog *dialog;

  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;

  dialog = glide_form_dialog_new (GTK_WINDOW (self), _("New Patient"), _("_Add"),
                                  save_new_patient, self, NULL);
  glide_form_dialog_add_entry (dialog, "chart", _("_Chart number"), NULL);
  glide_form_dialog_add_entry (dialog, "family_name", _("_Family name"), NULL);
  glide_form_dialog_add_entry (dialog, "given_name", _("_Given name"), NULL);
  glide_form_dialog_add_entry (dialog, "birth_date", _("_Date of birth (YYYY-MM-DD)"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- callbacks ------------------------------------------------------------------- */

static void
on_search_changed (GlideWindow *self)
{
  run_search (self);
}

static void
on_search_activated (GlideWindow *self)
{
  g_autoptr(GlidePatientItem) first = g_list_model_get_item (G_LIST_MODEL (self->patients), 0);

  if (first != NULL)
    {
      select_chart (self, glide_patient_item_get_chart (first));
      show_patient (self, glide_patient_item_get_chart (first));
    }
}

static void
on_patient_selected (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);
  const char *chart = selected_chart (self);

  if (self->selecting || chart == NULL)
    return;
  /* Leaving an open session stores it first; nothing typed is dropped. */
  if (editor != NULL)
    {
      glide_session_editor_autosave (editor);
      remove_editor (self);
    }
  show_patient (self, chart);
}

static void
on_patient_activated (GlideWindow *self,
                      guint        position)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_editor_closed (GlideWindow *self)
{
  close_editor (self);
}

static void
on_session_requested (GlideWindow      *self,
                      gint64            course_id,
                      gint64            session_id,
                      gint64            copy_from,
                      GlidePatientPage *page)
{
  g_autoptr(GError) error = NULL;
  GlideSessionEditor *editor;

  /* A new session is documented by someone: with nobody chosen at this
   * workstation, choosing (or, on a first run, adding) the therapist comes
   * first, and the session opens after that. */
  if (session_id == 0 && glide_store_get_actor (self->store) == 0)
    {
      self->session_pending = TRUE;
      self->pending_course_id = course_id;
      self->pending_copy_from = copy_from;
      if (!ask_for_therapist (self, TRUE))
        {
          glide_gui_toast (GTK_WIDGET (self),
                           _("Add the therapist who documents at this workstation first"));
          glide_preferences_window_add_therapist (open_preferences (self));
        }
      return;
    }
  self->session_pending = FALSE;

  editor = glide_session_editor_new (self->store, self->settings, course_id, session_id,
                                     copy_from, &error);
  if (editor == NULL)
    {
      glide_gui_show_error (GTK_WIDGET (self), _("The Session Could Not Be Opened"), error->message);
      return;
    }
  g_signal_connect_object (editor, "closed", G_CALLBACK (on_editor_closed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "closed", G_CALLBACK (on_record_changed), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, GTK_WIDGET (editor));
  gtk_stack_set_visible_child_name (self->content_stack, "session");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  glide_session_editor_focus_first (editor);
  update_actions (self);
}

static void
on_patient_changed (GlideWindow *self)
{
  run_search (self);
}

/* The patient page is made when the first patient is shown: a window that
 * starts on the patient list opens sooner without it. */
static GlidePatientPage *
ensure_patient_page (GlideWindow *self)
{
  if (self->patient_page != NULL)
    return self->patient_page;

  self->patient_page = g_object_new (GLIDE_TYPE_PATIENT_PAGE, NULL);
  g_object_bind_property (self->leaflet, "folded", self->patient_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->patient_page, "session-requested",
                           G_CALLBACK (on_session_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->patient_page, "patient-changed",
                           G_CALLBACK (on_patient_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->patient_page, "patient-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  glide_patient_page_set_context (self->patient_page, self->store, self->settings);
  adw_bin_set_child (self->patient_bin, GTK_WIDGET (self->patient_page));
  return self->patient_page;
}

/* The session asked for while nobody documented here, now that someone does. */
static void
open_pending_session (GlideWindow *self)
{
  if (!self->session_pending || self->preferences != NULL || self->store == NULL)
    return;
  self->session_pending = FALSE;
  if (glide_store_get_actor (self->store) == 0 || self->patient_page == NULL ||
      !showing_patient (self) ||
      glide_patient_page_get_course_id (self->patient_page) != self->pending_course_id)
    return;
  on_session_requested (self, self->pending_course_id, 0, self->pending_copy_from,
                        self->patient_page);
}

static void
on_settings_changed (GlideWindow *self,
                     const char  *key)
{
  if (g_str_equal (key, "current-therapist"))
    {
      GlideSessionEditor *editor = get_editor (self);

      update_therapist (self);
      if (editor != NULL)
        glide_session_editor_reload_therapists (editor);
      if (showing_patient (self))
        glide_patient_page_reload (self->patient_page);
    }
}

static void
on_preferences_closed (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);

  self->preferences = NULL;
  update_therapist (self);
  /* A therapist added or renamed is offered in the open session. */
  if (editor != NULL)
    glide_session_editor_reload_therapists (editor);
  if (self->session_pending && glide_store_get_actor (self->store) == 0)
    {
      self->session_pending = FALSE;
      glide_gui_toast (GTK_WIDGET (self),
                       _("No session was started: nobody is chosen to document at this workstation"));
    }
  /* Therapists added to an empty database end the welcome page; an open
   * patient or session stays where it was. */
  if (self->store != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->main_stack),
                                          "welcome"))
    update_content (self, NULL);
  else if (showing_patient (self))
    glide_patient_page_reload (self->patient_page);
  open_pending_session (self);
}

/* The status pages' icons, set when a page is first shown: GTK 4.8 loads
 * an image's icon on a stack page that is not shown too, and these are
 * large (128-pixel SVGs rendered on threads while the first frame is made). */
static void
show_status_icons (GlideWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (page, "error") == 0 && self->status_page != NULL)
    adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
  else if (g_strcmp0 (page, "welcome") == 0 && self->welcome_page != NULL)
    adw_status_page_set_icon_name (self->welcome_page, APP_ID);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "no-results") == 0)
    glide_status_page_set_icon_name (self->no_results_page, "system-search-symbolic");
}

/* A menu button builds its popover menu as soon as it gets a model: the
 * primary menu's is made when first opened (click or F10), not with the
 * window. */
static void
on_primary_menu_wanted (GtkMenuButton *button,
                        gpointer       user_data)
{
  GlideWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* ---- automatic backups ------------------------------------------------------------- */

/* The banner's row: the nodes, classes and spacing of the AdwActionRow that
 * glide_alert_rows_add () makes (row > box.header > box.prefixes, box.title
 * with label.title and label.subtitle, box.suffixes), so libadwaita and
 * glide.css style it alike, with labels of its own: measured at a width of
 * 0, as an AdwActionRow's are, they were shaped again for every character
 * in the first frame (see glide-status-page.c). Nothing is centred with
 * valign: the title box is the row's tallest child, so filling the row puts
 * it where centring did. Returns the suffix box, for the button. */
static GtkWidget *
add_backup_row (GlideWindow *self,
                const char  *icon_name,
                const char  *style,
                const char  *title,
                const char  *subtitle)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *prefixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *labels[2];

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "alert-row");
  gtk_widget_add_css_class (row, style);

  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (prefixes, "prefixes");
  gtk_widget_add_css_class (title_box, "title");
  gtk_widget_add_css_class (suffixes, "suffixes");
  gtk_widget_set_hexpand (title_box, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      labels[i] = gtk_label_new (i == 0 ? title : subtitle);
      gtk_label_set_wrap (GTK_LABEL (labels[i]), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (labels[i]), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (labels[i]), 0);
      /* Measured at this narrowest width, not character by character (see
       * glide-status-page.c); the row is never that narrow. */
      gtk_label_set_width_chars (GTK_LABEL (labels[i]), 12);
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_widget_add_css_class (labels[i], i == 0 ? "title" : "subtitle");
      gtk_box_append (GTK_BOX (title_box), labels[i]);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, labels[0], NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, labels[1], NULL,
                                  -1);

  gtk_box_append (GTK_BOX (prefixes), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (header), prefixes);
  gtk_box_append (GTK_BOX (header), title_box);
  gtk_box_append (GTK_BOX (header), suffixes);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  gtk_list_box_append (self->backup_alerts, row);
  return suffixes;
}

/* The banner: a failed backup, or a last backup over two days old. */
static void
update_backup_banner (GlideWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GlideBackupRunner *runner = self->backup_runner;
  GDateTime *last;
  const char *error;
  GtkWidget *suffixes, *button;

  glide_alert_rows_clear (self->backup_alerts);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_alerts), FALSE);
  if (runner == NULL)
    return;

  last = glide_backup_runner_get_last_backup (runner);
  error = glide_backup_runner_get_error (runner);
  if (error != NULL)
    {
      title = g_strdup (_("The last backup failed"));
      subtitle = g_strdup (error);
    }
  else if (glide_backup_runner_is_overdue (runner, now))
    {
      if (last == NULL)
        title = g_strdup (_("This database has no backup yet"));
      else
        {
          int days = g_date_time_difference (now, last) / G_TIME_SPAN_DAY;

          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The last backup is %d day old",
                                                "The last backup is %d days old", days), days);
        }
      subtitle = g_strdup_printf (_("Backups go to %s"), glide_backup_runner_get_dir (runner));
    }
  else
    return;

  suffixes = add_backup_row (self, error ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                             error ? "error" : "warning", title, subtitle);
  button = gtk_button_new_with_mnemonic (_("_Back Up Now"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.back-up-now");
  gtk_box_append (GTK_BOX (suffixes), button);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_alerts), TRUE);
}

static void
on_backup_state_changed (GlideWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now",
                                 self->backup_runner != NULL &&
                                 !glide_backup_runner_get_busy (self->backup_runner));
  update_backup_banner (self);
}

static void
on_backup_dir_changed (GlideWindow *self)
{
  g_autofree char *dir = g_settings_get_string (self->settings, "backup-dir");

  if (self->backup_runner != NULL && !self->backup_dir_given)
    glide_backup_runner_set_dir (self->backup_runner, dir);
}

static void
set_up_backups (GlideWindow      *self,
                GlideApplication *application)
{
  const char *given = application ? glide_application_get_backup_dir (application) : NULL;
  g_autofree char *dir = g_settings_get_string (self->settings, "backup-dir");

  self->backup_dir_given = given != NULL;
  self->backup_runner = glide_backup_runner_new (self->store, given ? given : dir);
  g_signal_connect_object (self->backup_runner, "notify", G_CALLBACK (on_backup_state_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backup-dir",
                           G_CALLBACK (on_backup_dir_changed), self, G_CONNECT_SWAPPED);
  on_backup_state_changed (self);
}

/* ---- opening again ----------------------------------------------------------------- */

static gboolean on_retry_timeout (gpointer data);

static void
show_open_error (GlideWindow  *self,
                 const GError *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY))
    text = g_strdup_printf ("%s\n%s", error->message,
                            _("Glide opens it by itself as soon as it is free."));
  ensure_rare_pages (self);
  adw_status_page_set_description (self->status_page, text ? text : error->message);
}

/* Opens the database again; on success the window shows the clinic as if it
 * had opened at once. While another program keeps it locked, tries again
 * every two seconds by itself. */
static void
retry_open (GlideWindow *self)
{
  g_autoptr(GError) error = NULL;
  GlideStore *store;

  if (self->store != NULL || self->db_path == NULL)
    return;
  store = glide_store_open (self->db_path, &error);
  if (store == NULL)
    {
      gboolean busy = g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY);

      show_open_error (self, error);
      if (busy && self->retry_source == 0)
        self->retry_source = g_timeout_add_seconds (2, on_retry_timeout, self);
      else if (!busy)
        g_clear_handle_id (&self->retry_source, g_source_remove);
      return;
    }

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->store = store;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  set_up_backups (self, GLIDE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  watch_changes (self);
  ensure_rare_pages (self);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  update_content (self, NULL);
}

static gboolean
on_retry_timeout (gpointer data)
{
  GlideWindow *self = data;

  self->retry_source = 0;
  retry_open (self);
  return G_SOURCE_REMOVE;
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  retry_open (GLIDE_WINDOW (widget));
}

/**
 * glide_window_retry_open:
 * @path: the database the window could not open
 * @open_error: why
 *
 * For a window made without a store: its error page gets "Try Again", and
 * while the database is locked by another program the window tries again
 * by itself and recovers once the lock is released.
 */
void
glide_window_retry_open (GlideWindow  *self,
                         const char   *path,
                         const GError *open_error)
{
  g_return_if_fail (GLIDE_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  g_free (self->db_path);
  self->db_path = g_strdup (path);
  ensure_rare_pages (self);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
  if (open_error != NULL)
    show_open_error (self, open_error);
  if (g_error_matches (open_error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY) &&
      self->retry_source == 0)
    self->retry_source = g_timeout_add_seconds (2, on_retry_timeout, self);
}

/* Closing the window stores an open session first. */
static gboolean
on_close_request (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);

  if (editor != NULL)
    glide_session_editor_autosave (editor);
  return FALSE;
}

/* A session or patient was stored: the first change of a day is backed up
 * at once (a timer in the runner catches the other writes). */
static void
on_record_changed (GlideWindow *self)
{
  if (self->backup_runner != NULL)
    glide_backup_runner_check (self->backup_runner);
}

/* ---- actions --------------------------------------------------------------------- */

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  glide_window_new_patient (GLIDE_WINDOW (widget));
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!glide_demo_fill (self->store, NULL, NULL, &error))
    {
      glide_gui_show_error (widget, _("The Demo Clinic Could Not Be Loaded"), error->message);
      return;
    }
  update_content (self, NULL);
  glide_gui_toast (widget, _("Demo clinic loaded: 14 made-up patients"));
  g_idle_add_full (G_PRIORITY_LOW, ask_for_therapist_idle, g_object_ref (self), g_object_unref);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);
  GlideSessionEditor *editor = get_shown_editor (self);

  /* In the session editor, Ctrl+F finds body areas; elsewhere, patients. */
  if (editor != NULL)
    {
      glide_session_editor_focus_area_search (editor);
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);
  GlideSessionEditor *editor = get_shown_editor (self);

  if (editor != NULL)
    glide_session_editor_close (editor);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  if (self->backup_runner != NULL)
    glide_backup_runner_back_up_now (self->backup_runner);
}

/* Shows Preferences: the open one, or a new one. */
static GlidePreferencesWindow *
open_preferences (GlideWindow *self)
{
  GlidePreferencesWindow *prefs;

  if (self->preferences != NULL)
    {
      gtk_window_present (self->preferences);
      return GLIDE_PREFERENCES_WINDOW (self->preferences);
    }
  prefs = glide_preferences_window_new (GTK_WINDOW (self), self->store, self->settings);
  if (self->backup_runner != NULL)
    glide_preferences_window_set_backup_runner (prefs, self->backup_runner,
                                                !self->backup_dir_given);
  self->preferences = GTK_WINDOW (prefs);
  g_signal_connect_object (prefs, "destroy", G_CALLBACK (on_preferences_closed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

/* The welcome page of a new install: the record may be on a clinic server
 * instead; Preferences' Database group says where it is. */
static void
use_clinic_server_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  if (self->store != NULL)
    glide_preferences_window_show_database (open_preferences (self));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  if (self->store != NULL)
    open_preferences (self);
}

/* The shortcuts window is built when first asked for: GtkApplication would
 * build it from gtk/help-overlay.ui for every window it adds, a tenth of
 * the time the main window takes to open. This action comes before the
 * one gtk_application_window_set_help_overlay () adds. */
static void
help_overlay_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");

      gtk_application_window_set_help_overlay (window,
        GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
export_caseload_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  glide_export_ask_period (widget, self->store, GLIDE_EXPORT_CASELOAD);
}

static void
export_caseload_csv_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  glide_export_ask_period (widget, self->store, GLIDE_EXPORT_CSV);
}

static void
export_clinic_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  glide_export_run (widget, self->store, GLIDE_EXPORT_JSON, NULL, 0);
}

static void
on_check_done (GtkWidget *widget,
               gboolean   success)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  self->checking = FALSE;
  update_actions (self);
}

static void
check_database_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  self->checking = TRUE;
  update_actions (self);
  glide_check_dialog_run (widget, self->store, on_check_done);
}

/* What came in is shown at once: the welcome page gives way to the list,
 * and a merged patient on screen is read again. */
static void
on_import_done (GtkWidget *widget,
                gboolean   success)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  self->importing = FALSE;
  if (success)
    {
      if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "welcome"))
        {
          /* As after loading the demo: the therapists came with the clinic. */
          update_content (self, NULL);
          g_idle_add_full (G_PRIORITY_LOW, ask_for_therapist_idle, g_object_ref (self),
                           g_object_unref);
        }
      else
        {
          run_search (self);
          if (self->patient_page != NULL && showing_patient (self))
            glide_patient_page_reload (self->patient_page);
        }
      on_record_changed (self);
    }
  update_actions (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  self->importing = TRUE;
  update_actions (self);
  glide_import_dialog_run (widget, self->store, on_import_done);
}

/* Leaves the clinic server: the open session is stored (or kept in
 * recovery) first, then the window and its connection close and the
 * sign-in page shows, with the same login name for Sign Out and an empty
 * one for Switch Person. */
static void
sign_out (GlideWindow *self,
          gboolean     switch_person)
{
  GlideSessionEditor *editor = get_editor (self);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *uri = NULL;
  g_autofree char *login = NULL;

  if (self->store == NULL || !glide_store_is_server (self->store) || application == NULL)
    return;
  uri = g_strdup (glide_store_get_path (self->store));
  login = g_strdup (switch_person ? "" : glide_store_get_login (self->store));
  if (editor != NULL)
    glide_session_editor_autosave (editor);
  glide_application_sign_in (GLIDE_APPLICATION (application), uri, login);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sign_out (GLIDE_WINDOW (widget), g_str_equal (action_name, "win.switch-person"));
}

/* Session and patient shortcuts work wherever the focus is: they go to the
 * page on screen. */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlideWindow *self = GLIDE_WINDOW (widget);
  const char *name = strchr (action_name, '.') + 1;
  GlideSessionEditor *editor = get_shown_editor (self);
  g_autofree char *target = NULL;

  if (editor != NULL)
    {
      target = g_strconcat ("editor.", name, NULL);
      gtk_widget_activate_action (GTK_WIDGET (editor), target, NULL);
    }
  else if (showing_patient (self))
    {
      const char *refusal = NULL;

      /* The page's own actions are off then; a shortcut says why instead of nothing. */
      if (g_str_equal (name, "new-session") || g_str_equal (name, "copy-last-session"))
        refusal = glide_patient_page_get_new_session_refusal (self->patient_page);
      if (refusal != NULL)
        {
          glide_gui_toast (widget, refusal);
          return;
        }
      target = g_strconcat ("patient.", name, NULL);
      gtk_widget_activate_action (GTK_WIDGET (self->patient_page), target, NULL);
    }
}

static void
update_actions (GlideWindow *self)
{
  /* Locked, nothing but signing out works: no shortcut reaches a page. */
  gboolean open = self->store != NULL && !self->locked;
  gboolean editing = get_shown_editor (self) != NULL;
  gboolean patient = open && showing_patient (self);
  GlideStoreRole role = open ? glide_store_get_role (self->store) : GLIDE_STORE_ROLE_NONE;
  /* The role shapes the window (the server refuses the rest anyway): a
   * manager reads, prints and exports; therapists document; only an admin
   * sets up a clinic (the demo brings therapists and tools). On SQLite the
   * role is the owner's. */
  gboolean writer = glide_store_role_writes_records (role);
  gboolean admin = glide_store_role_administers (role);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", open && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", open && admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-caseload", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-caseload-csv", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-clinic", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-database", open && !self->checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", open && writer && !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-session", patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-last-session", patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-progress", patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", editing && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign", editing && writer);
}

/* ---- idle lock ------------------------------------------------------------------- */

/* "lock-after" -1 (automatic): a clinic server's window locks after ten
 * minutes; a one-person practice's file, never. */
#define LOCK_AFTER_SERVER_SECONDS 600

static guint
lock_after_seconds (GlideWindow *self)
{
  int seconds = g_settings_get_int (self->settings, "lock-after");

  if (seconds < 0)
    return self->store != NULL && glide_store_is_server (self->store) ?
           LOCK_AFTER_SERVER_SECONDS : 0;
  return (guint) seconds;
}

static gboolean on_idle_timeout (gpointer data);

/* One timer, due when the idle time since the last input runs out; input
 * itself only notes the time, so a moving pointer costs nothing. */
static void
schedule_idle_lock (GlideWindow *self)
{
  guint seconds = lock_after_seconds (self);
  gint64 due;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (seconds == 0 || self->locked || self->store == NULL)
    return;
  due = self->last_input + seconds * G_USEC_PER_SEC - g_get_monotonic_time ();
  self->idle_source = g_timeout_add ((guint) (MAX (due, 0) / 1000) + 1, on_idle_timeout, self);
}

static gboolean
on_idle_timeout (gpointer data)
{
  GlideWindow *self = data;

  self->idle_source = 0;
  if (g_get_monotonic_time () - self->last_input >= lock_after_seconds (self) * G_USEC_PER_SEC)
    glide_window_lock (self);
  else
    schedule_idle_lock (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_input (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          GlideWindow              *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_MOTION_NOTIFY ||
      type == GDK_SCROLL || type == GDK_TOUCH_BEGIN)
    self->last_input = g_get_monotonic_time ();
  return GDK_EVENT_PROPAGATE;
}

static void
on_lock_after_changed (GlideWindow *self)
{
  schedule_idle_lock (self);
}

static void
on_unlocked (GlideWindow *self)
{
  if (!self->locked)
    return;
  self->locked = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, self->page_before_lock);
  g_clear_pointer (&self->page_before_lock, g_free);
  for (guint i = 0; i < self->hidden_dialogs->len; i++)
    gtk_window_present (g_ptr_array_index (self->hidden_dialogs, i));
  g_ptr_array_set_size (self->hidden_dialogs, 0);
  self->last_input = g_get_monotonic_time ();
  update_actions (self);
  schedule_idle_lock (self);
}

/* ---- server outages ---------------------------------------------------------------- */

#define RECONNECT_MAX_SECONDS 30

static gboolean on_change_notified (int fd, GIOCondition condition, gpointer user_data);

/* A clinic server's notifications wake the window at once; the socket is
 * another one after each reconnection. */
static void
watch_server_socket (GlideWindow *self)
{
  int fd = glide_store_get_change_fd (self->store);

  g_clear_handle_id (&self->change_watch, g_source_remove);
  if (fd >= 0)
    self->change_watch = g_unix_fd_add (fd, G_IO_IN, on_change_notified, self);
}

static gboolean on_reconnect_timeout (gpointer data);

static void
show_outage (GlideWindow *self)
{
  GlideSessionEditor *editor = get_editor (self);

  if (self->offline)
    return;
  g_debug ("The clinic server cannot be reached");
  self->offline = TRUE;
  /* A closed socket reads as ready for ever. */
  g_clear_handle_id (&self->change_watch, g_source_remove);
  glide_alert_rows_clear (self->server_alerts);
  glide_alert_rows_add (self->server_alerts, "network-offline-symbolic", "warning",
                        _("The clinic server cannot be reached"),
                        _("What you type is kept on this computer. Trying again…"));
  gtk_widget_set_visible (GTK_WIDGET (self->server_alerts), TRUE);
  /* Whatever was typed goes to this computer's recovery store now. */
  if (editor != NULL)
    glide_session_editor_autosave (editor);
  self->reconnect_delay = 1;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add_seconds (self->reconnect_delay, on_reconnect_timeout, self);
}

/* Tries again, 1, 2, 4 … 30 s apart. Once the server is back the banner
 * goes, the draft being typed is saved (the store knows whether a save cut
 * off by the outage landed, so it is saved once) and the window shows what
 * others changed meanwhile. */
static gboolean
on_reconnect_timeout (gpointer data)
{
  GlideWindow *self = data;
  GlideSessionEditor *editor = get_editor (self);
  g_autoptr(GError) error = NULL;

  self->reconnect_source = 0;
  if (!glide_store_reconnect (self->store, &error))
    {
      g_debug ("Still no clinic server: %s", error->message);
      self->reconnect_delay = MIN (self->reconnect_delay * 2, RECONNECT_MAX_SECONDS);
      self->reconnect_source = g_timeout_add_seconds (self->reconnect_delay, on_reconnect_timeout,
                                                      self);
      return G_SOURCE_REMOVE;
    }
  g_debug ("The clinic server is back");
  self->offline = FALSE;
  glide_alert_rows_clear (self->server_alerts);
  gtk_widget_set_visible (GTK_WIDGET (self->server_alerts), FALSE);
  watch_server_socket (self);
  if (editor != NULL)
    glide_session_editor_autosave (editor);
  glide_store_changed_elsewhere (self->store);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "clinic") ||
      (self->locked && g_strcmp0 (self->page_before_lock, "clinic") == 0))
    {
      query (self);
      if (self->patient_page != NULL && showing_patient (self))
        glide_patient_page_reload (self->patient_page);
    }
  glide_gui_toast (GTK_WIDGET (self), _("The clinic server is back; your work is saved there"));
  return G_SOURCE_REMOVE;
}

/* ---- overrides ------------------------------------------------------------------- */

/* Shows what another connection changed: the list again for the same
 * search (rows updated in place, the selection and the scroll kept), the
 * patient on screen read again, the clinic once a first patient arrives.
 * The session editor keeps its form: a save over a changed session is
 * refused by the store with who changed it. */
static void
refresh_from_elsewhere (GlideWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean changed;

  if (self->store == NULL || self->offline)
    return;
  changed = glide_store_changed_elsewhere (self->store);
  /* Asking is also how a server that went away is noticed. */
  if (!glide_store_is_connected (self->store))
    {
      show_outage (self);
      return;
    }
  if (!changed)
    return;
  g_debug ("The record changed elsewhere: showing it");
  if (g_str_equal (page, "welcome"))
    {
      if (!glide_store_is_empty (self->store, NULL))
        update_content (self, NULL);
      return;
    }
  if (!g_str_equal (page, "clinic"))
    return;
  query (self);
  if (self->patient_page != NULL && showing_patient (self))
    glide_patient_page_reload (self->patient_page);
}

static gboolean
on_change_poll (gpointer user_data)
{
  refresh_from_elsewhere (GLIDE_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_change_notified (int           fd,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  refresh_from_elsewhere (GLIDE_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_active_changed (GlideWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_from_elsewhere (self);
}

static void
watch_changes (GlideWindow *self)
{
  /* The first question only starts counting from now. */
  glide_store_changed_elsewhere (self->store);
  self->change_poll = g_timeout_add_seconds (CHANGE_POLL_SECONDS, on_change_poll, self);
  watch_server_socket (self);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (on_active_changed), self);
  schedule_idle_lock (self);
}

static gboolean
complete_first_page (gpointer user_data)
{
  GlideWindow *self = user_data;

  self->first_page_source = 0;
  if (self->patients != NULL && self->search_limit < GLIDE_WINDOW_SEARCH_PAGE &&
      g_list_model_get_n_items (G_LIST_MODEL (self->patients)) == self->search_limit)
    {
      self->search_limit = GLIDE_WINDOW_SEARCH_PAGE;
      query (self);
    }
  return G_SOURCE_REMOVE;
}

/* Once the first frame is on screen, the rest of the first page. */
static void
on_first_frame_painted (GdkFrameClock *clock,
                        GlideWindow   *self)
{
  g_clear_signal_handler (&self->first_frame_handler, clock);
  /* Not once the window is disposed (its list is gone). */
  if (self->first_page_source == 0 && self->patients != NULL)
    self->first_page_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, complete_first_page,
                                                g_object_ref (self), g_object_unref);
}

static void
glide_window_map (GtkWidget *widget)
{
  GlideWindow *self = GLIDE_WINDOW (widget);

  GTK_WIDGET_CLASS (glide_window_parent_class)->map (widget);
  if (self->first_frame_handler == 0)
    self->first_frame_handler = g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                                                         G_CALLBACK (on_first_frame_painted), self, 0);
  g_idle_add_full (G_PRIORITY_LOW, ask_for_therapist_idle, g_object_ref (widget), g_object_unref);
}

static void
glide_window_dispose (GObject *object)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_WINDOW);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->first_page_source, g_source_remove);
  g_clear_handle_id (&self->change_poll, g_source_remove);
  g_clear_handle_id (&self->change_watch, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_pointer (&self->page_before_lock, g_free);
  g_clear_pointer (&self->hidden_dialogs, g_ptr_array_unref);
  g_clear_pointer (&self->db_path, g_free);
  /* After the editor stored what was typed, before the store closes. */
  if (self->backup_runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->backup_runner, self);
      glide_backup_runner_finish (self->backup_runner);
      g_clear_object (&self->backup_runner);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->patients);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_window_parent_class)->dispose (object);
}

static void
glide_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_window_class_init (GlideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const forwarded[] = {
    "new-session", "copy-last-session", "save", "sign", "print", "export-progress",
  };

  glide_application_ensure_resources ();
  glide_accessible_init ();
  g_type_ensure (GLIDE_TYPE_PATIENT_PAGE);
  g_type_ensure (GLIDE_TYPE_STATUS_PAGE);
  g_type_ensure (GLIDE_TYPE_PERSON_PAINTABLE);

  object_class->dispose = glide_window_dispose;
  object_class->get_property = glide_window_get_property;
  object_class->set_property = glide_window_set_property;
  widget_class->map = glide_window_map;

  /**
   * GlideWindow:store:
   *
   * The open clinical store, or %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GLIDE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/glide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, error_bin);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, patient_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, patient_bin);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, backup_alerts);
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, server_alerts);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_activated);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.use-clinic-server", NULL,
                                   use_clinic_server_action);
  gtk_widget_class_install_action (widget_class, "win.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.export-caseload", NULL, export_caseload_action);
  gtk_widget_class_install_action (widget_class, "win.export-caseload-csv", NULL,
                                   export_caseload_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-clinic", NULL, export_clinic_action);
  gtk_widget_class_install_action (widget_class, "win.check-database", NULL, check_database_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.switch-person", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    {
      g_autofree char *name = g_strconcat ("win.", forwarded[i], NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, forward_action);
    }
}

static void
glide_window_init (GlideWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *input;

  gtk_widget_init_template (GTK_WIDGET (self));
  glide_application_ensure_css (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, on_primary_menu_wanted,
                                         self, NULL);

  self->patients = g_list_store_new (GLIDE_TYPE_PATIENT_ITEM);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->patients)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_patient_selected), self);
  gtk_list_view_set_model (self->patient_list, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->patient_list, factory);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->patient_scroller), "value-changed",
                           G_CALLBACK (on_patients_scrolled), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);

  /* Any key or pointer input, wherever it goes, keeps the window unlocked. */
  self->hidden_dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_input = g_get_monotonic_time ();
  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (input, "event", G_CALLBACK (on_input), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), input);
  g_signal_connect_object (self->settings, "changed::lock-after",
                           G_CALLBACK (on_lock_after_changed), self, G_CONNECT_SWAPPED);
}

GlideWindow *
glide_window_new (GlideApplication *application,
                  GlideStore       *store,
                  const char       *open_error)
{
  GlideWindow *self = g_object_new (GLIDE_TYPE_WINDOW,
                                    "application", application,
                                    "store", store,
                                    NULL);

  if (self->store != NULL)
    {
      set_up_backups (self, application);
      watch_changes (self);
    }
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up-now", FALSE);
  /* Signing out is for a clinic server; the menu hides it on SQLite. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-person",
                                 self->store != NULL && glide_store_is_server (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 self->store != NULL && glide_store_is_server (self->store));
  update_content (self, open_error);
  /* From now on the pages shown bring their icons. */
  show_status_icons (self);
  g_signal_connect_object (self->main_stack, "notify::visible-child-name",
                           G_CALLBACK (show_status_icons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_stack, "notify::visible-child-name",
                           G_CALLBACK (show_status_icons), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * glide_window_finish_backups:
 *
 * For quitting: waits for a running backup, then backs up what changed
 * since the last one. The window closing does the same.
 */
void
glide_window_finish_backups (GlideWindow *self)
{
  g_return_if_fail (GLIDE_IS_WINDOW (self));

  if (self->backup_runner != NULL)
    glide_backup_runner_finish (self->backup_runner);
}

/**
 * glide_window_get_backup_runner:
 *
 * Returns: (nullable) (transfer none): the automatic backups of the
 *   window's database, %NULL without a store
 */
GlideBackupRunner *
glide_window_get_backup_runner (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return self->backup_runner;
}

GlideStore *
glide_window_get_store (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * glide_window_get_patients:
 *
 * Returns: (transfer none): the patients the search shows, a list of
 *   #GlidePatientItem
 */
GListModel *
glide_window_get_patients (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->patients);
}

/**
 * glide_window_search:
 *
 * Types @text into the patient search, as the user would.
 */
void
glide_window_search (GlideWindow *self,
                     const char  *text)
{
  g_return_if_fail (GLIDE_IS_WINDOW (self));
  /* Setting an entry's text deletes the old and inserts the new, and
   * "changed" comes for each: one search for the text, not two (the first
   * for an empty entry, which refilled the whole page of rows only to empty
   * it again when nothing matched). */
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  run_search (self);
}

/**
 * glide_window_open_patient:
 *
 * Shows the patient with @chart, as picking it from the list does.
 */
void
glide_window_open_patient (GlideWindow *self,
                           const char  *chart)
{
  g_return_if_fail (GLIDE_IS_WINDOW (self));
  select_chart (self, chart);
  show_patient (self, chart);
}

/**
 * glide_window_get_patient_page:
 *
 * Returns: (nullable) (transfer none): the patient page, or %NULL before a
 *   patient was first shown
 */
GlidePatientPage *
glide_window_get_patient_page (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return self->patient_page;
}

/**
 * glide_window_get_session_editor:
 *
 * Returns: (transfer none) (nullable): the open session editor
 */
GlideSessionEditor *
glide_window_get_session_editor (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return get_editor (self);
}

const char *
glide_window_get_page_name (GlideWindow *self)
{
  const char *main_page;

  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  main_page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_str_equal (main_page, "clinic"))
    return gtk_stack_get_visible_child_name (self->content_stack);
  return main_page;
}

/**
 * glide_window_lock:
 *
 * Hides every page with patient data (and the window's dialogs) behind the
 * lock page, as the idle time does. What was being typed is stored first
 * (draft or recovery) and the editor stays as it was, to be shown again
 * after unlocking.
 */
void
glide_window_lock (GlideWindow *self)
{
  GlideSessionEditor *editor;
  GListModel *toplevels;

  g_return_if_fail (GLIDE_IS_WINDOW (self));

  if (self->locked || self->store == NULL)
    return;
  editor = get_editor (self);
  if (editor != NULL)
    glide_session_editor_autosave (editor);
  if (self->lock_page == NULL)
    {
      self->lock_page = glide_lock_page_new (self->store);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->lock_page), "locked");
      g_signal_connect_object (self->lock_page, "unlocked", G_CALLBACK (on_unlocked), self,
                               G_CONNECT_SWAPPED);
    }
  glide_lock_page_reset (self->lock_page);
  self->locked = TRUE;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_free (self->page_before_lock);
  self->page_before_lock = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));
  gtk_stack_set_visible_child_name (self->main_stack, "locked");
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) dialog = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (dialog) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (dialog)))
        {
          gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
          g_ptr_array_add (self->hidden_dialogs, g_object_ref (dialog));
        }
    }
  update_actions (self);
  glide_lock_page_focus (self->lock_page);
}

gboolean
glide_window_is_locked (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), FALSE);
  return self->locked;
}

/**
 * glide_window_get_lock_page:
 *
 * Returns: (nullable) (transfer none): the lock page, %NULL before the
 *   window first locked
 */
GlideLockPage *
glide_window_get_lock_page (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return self->lock_page;
}

/* Whether the window is telling that the clinic server cannot be reached. */
gboolean
glide_window_is_offline (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), FALSE);
  return self->offline;
}
