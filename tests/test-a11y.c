/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-a11y.c: every focus stop has a name a screen reader can say (under
 * Xvfb and a D-Bus session of its own). Each window is walked as Tab walks
 * it, and the name of every stop is read over the accessibility bus, from
 * the AT-SPI object GTK exports for it, as Orca reads it: a stop without a
 * name, with a mnemonic underscore, one that says the same thing twice
 * ("Save Save") or that is only a type name ("GtkToggleButton") fails the
 * test, named with the path of widgets that leads to it. Every stop must
 * also be on screen when it has the focus, where its focus ring shows. */

#define G_LOG_DOMAIN "glide-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "glide-demo.h"
#include "glide-form-dialog.h"
#include "glide-gui-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-test-utils.h"
#include "glide-window.h"

/* Far more Tab presses than any window here has stops: a walk that never
 * comes back to its first stop (a focus trap) fails at this bound. */
#define MAX_FOCUS_STOPS 400

/* The accessibility bus, as a screen reader sees it: GTK announces each
 * focused object with an Object:StateChanged "focused" event. */
typedef struct
{
  GDBusConnection *connection;
  guint            subscription;
  guint            n_focus_events;
  char            *sender;
  char            *path;
} A11yBus;

static A11yBus a11y;

/* Whether @sender, a name on the accessibility bus, is this process: the
 * bus is the whole test run's, and other test programs running at the same
 * time send their focus events on it too. */
static gboolean
is_own_sender (GDBusConnection *connection,
               const char      *sender)
{
  static GHashTable *known;   /* unique name -> whether it is this process */
  g_autoptr(GVariant) reply = NULL;
  gpointer own;
  guint32 pid = 0;

  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (known, sender, NULL, &own))
    return GPOINTER_TO_INT (own);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", sender), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);
  g_hash_table_insert (known, g_strdup (sender), GINT_TO_POINTER (pid == (guint32) getpid ()));
  return pid == (guint32) getpid ();
}

static void
on_state_changed (GDBusConnection *connection,
                  const char      *sender,
                  const char      *path,
                  const char      *interface,
                  const char      *signal,
                  GVariant        *parameters,
                  gpointer         data)
{
  const char *state = NULL;
  int detail1 = 0;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(siiva{sv})")))
    return;
  g_variant_get_child (parameters, 0, "&s", &state);
  g_variant_get_child (parameters, 1, "i", &detail1);
  if (g_strcmp0 (state, "focused") != 0 || detail1 != 1)
    return;
  if (!is_own_sender (connection, sender))
    return;
  g_free (a11y.sender);
  g_free (a11y.path);
  a11y.sender = g_strdup (sender);
  a11y.path = g_strdup (path);
  a11y.n_focus_events++;
}

/* Connects to the session's accessibility bus (started by at-spi2-core's
 * bus launcher on request, as GTK asks for it too) and listens for focus
 * events. */
static void
a11y_bus_connect (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) session = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *address = NULL;

  if (a11y.connection != NULL)
    return;
  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);
  a11y.connection =
    g_dbus_connection_new_for_address_sync (address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  a11y.subscription =
    g_dbus_connection_signal_subscribe (a11y.connection, NULL, "org.a11y.atspi.Event.Object",
                                        "StateChanged", NULL, "focused",
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_state_changed, NULL, NULL);
}

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
on_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Call *call = data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_is_done (gpointer data)
{
  return ((Call *) data)->done;
}

/* Calls @method on the object GTK exports in this very process: GTK answers
 * from the main loop, so the call is asynchronous and the loop runs. */
static GVariant *
a11y_call (const char         *sender,
           const char         *path,
           const char         *interface,
           const char         *method,
           GVariant           *parameters,
           const GVariantType *reply_type)
{
  Call call = { NULL, NULL, FALSE };

  g_dbus_connection_call (a11y.connection, sender, path, interface, method, parameters,
                          reply_type, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_call_done, &call);
  glide_test_wait_until (call_is_done, &call, "an answer over the accessibility bus");
  g_assert_no_error (call.error);
  return call.reply;
}

/* The name and role of the object at @path, as a screen reader gets them. */
static void
a11y_read (const char  *sender,
           const char  *path,
           char       **name,
           char       **role)
{
  g_autoptr(GVariant) name_reply = NULL;
  g_autoptr(GVariant) role_reply = NULL;
  g_autoptr(GVariant) value = NULL;

  name_reply = a11y_call (sender, path, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", "org.a11y.atspi.Accessible", "Name"),
                          G_VARIANT_TYPE ("(v)"));
  g_variant_get (name_reply, "(v)", &value);
  *name = g_variant_dup_string (value, NULL);
  role_reply = a11y_call (sender, path, "org.a11y.atspi.Accessible", "GetRoleName", NULL,
                          G_VARIANT_TYPE ("(s)"));
  g_variant_get (role_reply, "(s)", role);
}

static gboolean
has_new_focus_event (gpointer data)
{
  return a11y.n_focus_events > GPOINTER_TO_UINT (data);
}

/* "GlideWindow > … > GtkDropDown#therapist_dropdown > GtkToggleButton": the
 * widgets from the window down to @widget, with the ids the templates give. */
static char *
widget_path (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;
      g_autofree char *step = id != NULL ? g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id)
                                         : g_strdup (G_OBJECT_TYPE_NAME (w));

      /* Plain boxes and bins say little: kept only at the ends. */
      if (w != widget && gtk_widget_get_parent (w) != NULL && id == NULL &&
          (GTK_IS_BOX (w) || GTK_IS_GRID (w) || ADW_IS_BIN (w) || GTK_IS_STACK (w) ||
           GTK_IS_VIEWPORT (w) || GTK_IS_REVEALER (w) || ADW_IS_CLAMP (w)))
        continue;
      if (path->len > 0)
        g_string_prepend (path, " > ");
      g_string_prepend (path, step);
    }
  return g_string_free (path, FALSE);
}

/* Why @name reads badly, or NULL when a screen reader can say it. */
static const char *
name_problem (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_auto(GStrv) words = NULL;
  guint n;

  if (*trimmed == '\0')
    return "no name";
  if (strchr (name, '_') != NULL)
    return "a mnemonic underscore";
  if (g_type_from_name (name) != 0 ||
      ((g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw") ||
        g_str_has_prefix (name, "Glide")) && strchr (name, ' ') == NULL))
    return "a type name";
  /* The same words twice over: "Save Save", "Edit Course Edit Course". */
  words = g_strsplit (name, " ", -1);
  n = g_strv_length (words);
  if (n >= 2 && n % 2 == 0)
    {
      gboolean twice = TRUE;

      for (guint i = 0; i < n / 2 && twice; i++)
        twice = g_utf8_collate (words[i], words[i + n / 2]) == 0;
      if (twice)
        return "the same words twice";
    }
  return NULL;
}

/* Whether @widget shows on screen: mapped, of some size, and inside every
 * scrolled window around it (so its focus ring can be seen). */
static gboolean
is_visible_on_screen (GtkWidget *widget,
                      char     **why)
{
  graphene_rect_t bounds;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    {
      *why = g_strdup ("not mapped");
      return FALSE;
    }
  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    {
      *why = g_strdup ("of no size");
      return FALSE;
    }
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      graphene_rect_t area;

      if (!GTK_IS_SCROLLED_WINDOW (w) && w != root)
        continue;
      if (!gtk_widget_compute_bounds (widget, w, &bounds))
        continue;
      graphene_rect_init (&area, 0, 0, gtk_widget_get_width (w), gtk_widget_get_height (w));
      if (!graphene_rect_intersection (&bounds, &area, NULL))
        {
          *why = g_strdup_printf ("outside the visible part of its %s", G_OBJECT_TYPE_NAME (w));
          return FALSE;
        }
    }
  return TRUE;
}

/* Walks @window as Tab does, from the window itself until the focus comes
 * back to the first stop, reading each stop's name over the accessibility
 * bus. Stops inside @scope (or all, if NULL) are checked; the problems are
 * appended to @problems, one line each. Returns the number of stops. */
static guint
walk_focus_stops (GtkWindow  *window,
                  GtkWidget  *scope,
                  GString    *problems,
                  GString    *listing)
{
  GtkWidget *first = NULL;
  guint n_stops = 0;

  a11y_bus_connect ();
  gtk_window_set_focus_visible (window, TRUE);
  gtk_window_set_focus (window, NULL);
  for (guint step = 0;; step++)
    {
      guint n_events = a11y.n_focus_events;
      g_autofree char *name = NULL;
      g_autofree char *role = NULL;
      g_autofree char *path = NULL;
      g_autofree char *why = NULL;
      GtkWidget *focus;
      const char *problem;

      if (step >= MAX_FOCUS_STOPS)
        {
          g_string_append_printf (problems, "Tab never came back to the first stop in %d presses "
                                  "(a focus trap?)\n", MAX_FOCUS_STOPS);
          break;
        }
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          g_string_append (problems, "Tab finds no stop at all\n");
          break;
        }
      focus = gtk_window_get_focus (window);
      g_assert_nonnull (focus);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      path = widget_path (focus);
      {
        g_autoptr(GEnumClass) roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
        GEnumValue *own_role = g_enum_get_value (roles, gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focus)));
        g_autofree char *what = g_strdup_printf ("the focus event of %s (role %s) on the accessibility "
                                                 "bus (a screen reader would not hear it)", path,
                                                 own_role != NULL ? own_role->value_nick : "?");

        glide_test_wait_until (has_new_focus_event, GUINT_TO_POINTER (n_events), what);
      }
      /* Scrolling to the focus happens at the next layout. */
      glide_test_wait_for_draw (GTK_WIDGET (window));
      if (scope != NULL && focus != scope && !gtk_widget_is_ancestor (focus, scope))
        continue;
      n_stops++;
      a11y_read (a11y.sender, a11y.path, &name, &role);
      g_string_append_printf (listing, "  %3u %-14s \"%s\"  %s\n", n_stops, role, name, path);
      problem = name_problem (name);
      if (problem != NULL)
        g_string_append_printf (problems, "%s (%s) \"%s\": %s\n", path, role, name, problem);
      if (!is_visible_on_screen (focus, &why))
        {
          g_autofree char *shot = g_strdup_printf ("a11y-hidden-stop-%u.png", n_stops);

          g_string_append_printf (problems, "%s (%s) \"%s\": %s while focused (see %s)\n",
                                  path, role, name, why, shot);
          glide_test_save_screenshot (GTK_WIDGET (window), shot);
        }
    }
  return n_stops;
}

/* Prints @text a line at a time, as TAP wants it. */
static void
print_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);
}

static void
check_window (GtkWindow  *window,
              GtkWidget  *scope,
              const char *what)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GString) listing = g_string_new (NULL);
  guint n_stops;

  n_stops = walk_focus_stops (window, scope, problems, listing);
  /* The Tab back to the first stop may have changed something (a spin
   * button commits its text on leaving): laid out again before a shot. */
  glide_test_wait_for_draw (GTK_WIDGET (window));
  g_test_message ("%s: %u focus stops (role, name, widgets):", what, n_stops);
  print_lines (listing->str);
  g_assert_cmpuint (n_stops, >, 0);
  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_test_message ("%s: stops a screen reader cannot say:", what);
      print_lines (problems->str);
      message = g_strdup_printf ("%s: some focus stops have no name a screen reader can say "
                                 "(listed above)", what);
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

typedef struct
{
  char        *dir;
  GlideStore  *store;
  GSettings   *settings;
  GlideWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "a.db");
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "last-patient");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
open_window (Fixture *f)
{
  f->window = glide_test_open_window (f->store, 1280, 860);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      glide_test_assert_finalized (f->window);
    }
  g_settings_reset (f->settings, "current-therapist");
  g_settings_reset (f->settings, "last-patient");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
is_patient_list (GtkWidget     *widget,
                 gconstpointer  patients)
{
  GtkSelectionModel *model = GTK_IS_LIST_VIEW (widget) ? gtk_list_view_get_model (GTK_LIST_VIEW (widget)) : NULL;

  return GTK_IS_SINGLE_SELECTION (model) &&
         gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == patients;
}

/* The main window on the patient list, a patient selected in it. */
static void
test_main_window (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *list;

  open_window (f);
  list = glide_test_find_matching (GTK_WIDGET (f->window), is_patient_list,
                                   glide_window_get_patients (f->window));
  g_assert_nonnull (list);
  gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), 2, TRUE);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  check_window (GTK_WINDOW (f->window), NULL, "main window");
  glide_test_save_screenshot (GTK_WIDGET (f->window), "a11y-main-window.png");
}

/* The page of a patient with a course, sessions and screening answers. */
static void
test_patient_page (Fixture       *f,
                   gconstpointer  data)
{
  GlidePatientPage *page;

  open_window (f);
  glide_window_open_patient (f->window, "P-1001");
  page = glide_window_get_patient_page (f->window);
  g_assert_cmpuint (glide_patient_page_get_n_sessions (page), >, 0);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  check_window (GTK_WINDOW (f->window), GTK_WIDGET (page), "patient page");
  glide_test_save_screenshot (GTK_WIDGET (f->window), "a11y-patient-page.png");
}

/* The session editor with two treated areas and a range of motion row. */
static void
test_session_editor (Fixture       *f,
                     gconstpointer  data)
{
  GlideSessionEditor *editor;
  GtkWidget *map;

  open_window (f);
  glide_window_open_patient (f->window, "P-1001");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  editor = glide_window_get_session_editor (f->window);
  g_assert_nonnull (editor);
  glide_session_editor_set_autosave_interval (editor, 3600);
  map = glide_test_find_widget (GTK_WIDGET (editor), g_type_from_name ("GlideBodyMap"));
  g_assert_nonnull (map);
  g_signal_emit_by_name (map, "area-activated", (int) GLIDE_SITE_HAMSTRINGS, (int) GLIDE_SIDE_LEFT);
  g_signal_emit_by_name (map, "area-activated", (int) GLIDE_SITE_CALF, (int) GLIDE_SIDE_LEFT);
  glide_session_editor_add_rom (editor, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, "118", "124");
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 2);
  g_assert_cmpuint (glide_session_editor_get_n_rom (editor), >=, 1);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  check_window (GTK_WINDOW (f->window), GTK_WIDGET (editor), "session editor");
  glide_test_save_screenshot (GTK_WIDGET (f->window), "a11y-session-editor.png");
  glide_session_editor_close (editor);
}

/* A form dialog (New Patient): its text rows, choices and buttons. */
static void
test_form_dialog (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *dialog;

  open_window (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-patient", NULL));
  dialog = glide_test_find_toplevel (GLIDE_TYPE_FORM_DIALOG);
  g_assert_nonnull (dialog);
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  check_window (dialog, NULL, "New Patient");
  glide_test_save_screenshot (GTK_WIDGET (dialog), "a11y-form-dialog.png");
  gtk_window_destroy (dialog);
}

/* Every page of the Preferences window. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GlidePreferencesWindow *window = glide_preferences_window_new (NULL, f->store, f->settings);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWindow *dialog;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 860);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  for (GtkWidget *page = glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE);
       page != NULL; page = gtk_widget_get_next_sibling (page))
    if (ADW_IS_PREFERENCES_PAGE (page))
      g_ptr_array_add (pages, page);
  g_assert_cmpuint (pages->len, >=, 4);
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = g_ptr_array_index (pages, i);
      g_autofree char *what = g_strdup_printf ("Preferences, page %s",
                                               adw_preferences_page_get_title (page));
      g_autofree char *shot = g_strdup_printf ("a11y-preferences-%u.png", i);

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), page);
      glide_test_wait_for_draw (GTK_WIDGET (window));
      check_window (GTK_WINDOW (window), NULL, what);
      glide_test_save_screenshot (GTK_WIDGET (window), shot);
    }

  /* The dialog that adds a therapist: text rows and its buttons. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.add-therapist", NULL));
  dialog = glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  check_window (dialog, NULL, "Preferences, Add Therapist");
  glide_test_save_screenshot (GTK_WIDGET (dialog), "a11y-preferences-add-therapist.png");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Names are checked as an English-speaking user hears them. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A scrolled window brings the focus into view with an animation, over
   * as many frames as a loaded machine makes it take: without animations
   * it is there at the next layout, when each stop is checked. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/a11y/main-window", Fixture, NULL, fixture_set_up, test_main_window, fixture_tear_down);
  g_test_add ("/a11y/patient-page", Fixture, NULL, fixture_set_up, test_patient_page, fixture_tear_down);
  g_test_add ("/a11y/session-editor", Fixture, NULL, fixture_set_up, test_session_editor, fixture_tear_down);
  g_test_add ("/a11y/form-dialog", Fixture, NULL, fixture_set_up, test_form_dialog, fixture_tear_down);
  g_test_add ("/a11y/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  return g_test_run ();
}
