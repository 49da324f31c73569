/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sign-in.c: the window on a clinic server, from the sign-in page to
 * the clinic and back: a wrong password is refused in words that say what
 * to do and the login name stays; the right one opens the clinic with the
 * person and role in the header; Sign Out and Switch Person close the
 * connection and show the sign-in page again; a server saved in GSettings
 * is used at the next start; an unreachable server says so. Passwords are
 * remembered in a real keyring (gnome-keyring on a D-Bus session bus of
 * this test's own) when gnome-keyring-daemon is installed; before it starts,
 * the page shows that no keyring is there.
 *
 * Runs under tests/pg/with-pg-cluster (GLIDE_TEST_PG_URI) and Xvfb. */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "glide-application.h"
#include "glide-demo.h"
#include "glide-preferences-window.h"
#include "glide-server-address.h"
#include "glide-sign-in-page.h"
#include "glide-window.h"

#include "glide-gui-test-utils.h"
#include "glide-test-utils.h"

#define LOGIN "pw_dw"
#define PASSWORD "dw's secret"

static GlideApplication *app;
static char *server_uri;     /* the cluster's database, without a login */
static GPid bus_pid;
static GPid keyring_pid;

/* ---- setup ------------------------------------------------------------------------- */

/* The demo clinic, and a therapist login with a password, granted as dw. */
static void
set_up_clinic (void)
{
  g_autoptr(GlideStore) owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  owner = glide_store_open_server (g_getenv ("GLIDE_TEST_PG_URI"), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glide_demo_fill (owner, NULL, NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("CREATE ROLE " LOGIN " LOGIN PASSWORD 'dw''s secret' IN ROLE %s",
                         g_getenv ("GLIDE_TEST_PG_PASSWORD_GROUP"));
  glide_test_pg_superuser_exec (sql);
  g_assert_true (glide_store_grant (owner, LOGIN, GLIDE_STORE_ROLE_THERAPIST, "dw", &error));
  g_assert_no_error (error);
  server_uri = glide_server_uri_with_login (g_getenv ("GLIDE_TEST_PG_URI"), NULL, &error);
  g_assert_no_error (error);
}

/* A session bus of this test's own, so that the keyring the test starts
 * (or its absence) is the test's alone. It starts no service by itself:
 * the standard session bus would start gnome-keyring when asked for
 * org.freedesktop.secrets. */
static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:tmpdir=/tmp</listen>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

static char *bus_dir;

static void
start_private_bus (void)
{
  g_autofree char *config = NULL;
  g_autofree char *config_option = NULL;
  const char *argv[] = { "dbus-daemon", NULL, "--nofork", "--print-address=1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  int out = -1;

  bus_dir = glide_test_make_tmpdir ();
  config = g_build_filename (bus_dir, "bus.conf", NULL);
  g_assert_true (g_file_set_contents (config, bus_config, -1, NULL));
  config_option = g_strconcat ("--config-file=", config, NULL);
  argv[1] = config_option;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &bus_pid, NULL, &out,
                                 NULL, &error))
    g_error ("dbus-daemon: %s", error->message);
  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_line (channel, &line, NULL, NULL, &error) != G_IO_STATUS_NORMAL)
    g_error ("dbus-daemon printed no address");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_strstrip (line), TRUE);
}

static void
stop_child (GPid *pid)
{
  if (*pid != 0)
    {
      kill (*pid, SIGTERM);
      g_spawn_close_pid (*pid);
      *pid = 0;
    }
}

/* ---- helpers ----------------------------------------------------------------------- */

static GlideWindow *
find_main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (GLIDE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GlideSignInPage *
find_sign_in_page (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      GtkWidget *page = glide_test_find_widget (l->data, GLIDE_TYPE_SIGN_IN_PAGE);

      if (page != NULL)
        return GLIDE_SIGN_IN_PAGE (page);
    }
  return NULL;
}

static gboolean
main_window_is_open (gpointer data)
{
  return find_main_window () != NULL && find_sign_in_page () == NULL;
}

static gboolean
sign_in_page_is_open (gpointer data)
{
  return find_main_window () == NULL && find_sign_in_page () != NULL;
}

static gboolean
page_is_idle (gpointer data)
{
  GlideSignInPage *page = data;

  return !glide_sign_in_page_get_busy (page) && glide_sign_in_page_get_keyring_checked (page);
}

static gboolean
keyring_checked (gpointer data)
{
  return glide_sign_in_page_get_keyring_checked (data);
}

static gboolean
is_window_title_with_subtitle (GtkWidget     *widget,
                               gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget) &&
         g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), data) == 0;
}

static gboolean
is_insensitive_switch (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_SWITCH (widget) && !gtk_widget_get_sensitive (widget);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static const char *
password_text (GlideSignInPage *page)
{
  GtkWidget *row = glide_test_find_widget (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW);

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Closes every window of the application, and waits until they are gone. */
static void
close_all (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      /* GTK 4.8 warns when a focused text field is destroyed. */
      gtk_window_set_focus (windows->data, NULL);
      gtk_window_destroy (windows->data);
    }
  glide_test_flush_events ();
}

static GlideSignInPage *
open_sign_in (const char *uri,
              const char *login)
{
  GlideSignInPage *page;

  glide_application_sign_in (app, uri, login);
  page = find_sign_in_page ();
  g_assert_nonnull (page);
  glide_test_wait_until (keyring_checked, page, "the keyring asked for a remembered password");
  return page;
}

/* ---- tests ------------------------------------------------------------------------- */

static void
test_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideServerAddress) address =
    glide_server_address_parse ("postgresql://dw:secret@clinic-db:6543/clinic?sslmode=verify-full&"
                                "application_name=x", &error);
  g_autofree char *uri = NULL;
  g_autofree char *where = NULL;
  g_autofree char *socket_uri = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (address->host, ==, "clinic-db");
  g_assert_cmpuint (address->port, ==, 6543);
  g_assert_cmpstr (address->database, ==, "clinic");
  g_assert_cmpstr (address->login, ==, "dw");
  g_assert_cmpstr (address->tls, ==, "verify-full");
  g_assert_true (address->had_password);
  uri = glide_server_address_to_uri (address, "kim");
  /* Never the password: it belongs in the keyring. */
  g_assert_cmpstr (uri, ==, "postgresql://clinic-db:6543/clinic?user=kim&sslmode=verify-full&"
                            "application_name=x");
  where = glide_server_address_describe (address);
  g_assert_cmpstr (where, ==, "clinic-db:6543");

  socket_uri = glide_server_uri_with_login ("postgresql:///glide?host=/tmp/pg%20x&user=glide_owner&password=p",
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (socket_uri, ==, "postgresql:///glide?host=/tmp/pg%20x");

  /* An IPv6 address in brackets; a host that cannot stand there goes in
   * the query; another parameter's name is escaped: each reads back as it
   * was (found by fuzz-typed). */
  {
    const char *uris[] = {
      "postgresql://[::1]:6543/glide",
      "postgresql:///glide?host=a%20b%3Fc&port=6543",
      "postgresql:///glide?host=fe80::1%25eth0",
      "postgresql://clinic-db/glide?odd%25key%5D=x",
    };

    for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
      {
        g_autoptr(GlideServerAddress) parsed = glide_server_address_parse (uris[i], &error);
        g_autofree char *written = NULL;

        g_assert_no_error (error);
        written = glide_server_address_to_uri (parsed, NULL);
        g_assert_cmpstr (written, ==, uris[i]);
      }
  }

  g_assert_null (glide_server_address_parse ("mysql://clinic-db/clinic", &error));
  g_assert_nonnull (strstr (error->message, "not a clinic server's address"));
}

/* No Secret Service on the bus: the switch can't promise to remember. */
static void
test_no_keyring (void)
{
  GlideSignInPage *page;
  GtkWidget *row;

  page = open_sign_in (server_uri, LOGIN);
  row = glide_test_find_matching (GTK_WIDGET (page), is_insensitive_switch, NULL);
  g_assert_nonnull (row);
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (page), is_label_with_text,
                                              "This computer has no keyring that Glide can use"));
  close_all ();
}

static void
test_wrong_password (void)
{
  GlideSignInPage *page = open_sign_in (server_uri, "");
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_sign_in_page_set_login (page, LOGIN);
  glide_sign_in_page_set_password (page, "not it");
  gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.sign-in", NULL);
  g_assert_true (glide_sign_in_page_get_busy (page));
  glide_test_wait_until (page_is_idle, page, "the server answering");

  g_assert_cmpstr (glide_sign_in_page_get_error (page), ==,
                   "The server refused the password for " LOGIN ". Check it and try again.");
  g_assert_cmpstr (glide_sign_in_page_get_login (page), ==, LOGIN);
  g_assert_null (find_main_window ());
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (page), is_label_with_text,
                                              glide_sign_in_page_get_error (page)));
  glide_test_save_screenshot (GTK_WIDGET (window), "sign-in-refused.png");
  close_all ();
}

static void
test_unreachable (void)
{
  /* Nothing listens on port 1 of this computer. */
  GlideSignInPage *page = open_sign_in ("postgresql://127.0.0.1:1/glide", LOGIN);

  glide_sign_in_page_set_password (page, PASSWORD);
  glide_sign_in_page_sign_in (page);
  glide_test_wait_until (page_is_idle, page, "the connection failing");
  g_assert_cmpstr (glide_sign_in_page_get_error (page), ==,
                   "Can't reach 127.0.0.1:1: is the server running?");
  close_all ();
}

static void
test_sign_in_and_out (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GlideSignInPage *page;
  GlideWindow *window;
  GlideStore *store;

  g_settings_set_string (settings, "server-login", LOGIN);
  page = open_sign_in (server_uri, NULL);
  /* The last login name, from GSettings; never a password there. */
  g_assert_cmpstr (glide_sign_in_page_get_login (page), ==, LOGIN);
  g_assert_cmpstr (password_text (page), ==, "");
  glide_test_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
  glide_test_save_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "sign-in-local.png");

  glide_sign_in_page_set_password (page, PASSWORD);
  glide_sign_in_page_sign_in (page);
  glide_test_wait_until (main_window_is_open, NULL, "the clinic's window after signing in");

  window = find_main_window ();
  store = glide_window_get_store (window);
  g_assert_true (glide_store_is_server (store));
  g_assert_cmpstr (glide_store_get_login (store), ==, LOGIN);
  g_assert_cmpint (glide_store_get_role (store), ==, GLIDE_STORE_ROLE_THERAPIST);
  glide_test_wait_for_patients (window, 14);
  /* The header says who is signed in and as what. */
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (window), is_window_title_with_subtitle,
                                              LOGIN " · therapist"));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "signed-in.png");

  /* Sign Out: the same login is offered again, no password. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  glide_test_wait_until (sign_in_page_is_open, NULL, "the sign-in page after signing out");
  page = find_sign_in_page ();
  g_assert_cmpstr (glide_sign_in_page_get_login (page), ==, LOGIN);
  g_assert_cmpstr (password_text (page), ==, "");

  /* Switch Person: the next person types their own name. */
  glide_sign_in_page_set_password (page, PASSWORD);
  glide_sign_in_page_sign_in (page);
  glide_test_wait_until (main_window_is_open, NULL, "the clinic's window after signing in again");
  gtk_widget_activate_action (GTK_WIDGET (find_main_window ()), "win.switch-person", NULL);
  glide_test_wait_until (sign_in_page_is_open, NULL, "the sign-in page after Switch Person");
  g_assert_cmpstr (glide_sign_in_page_get_login (find_sign_in_page ()), ==, "");
  close_all ();
}

/* A server chosen in Preferences is where the next start goes. */
static void
test_saved_server (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GlideSignInPage *page;

  g_settings_set_string (settings, "database-location", "clinic-server");
  g_settings_set_string (settings, "server-uri", server_uri);
  g_settings_set_string (settings, "server-login", LOGIN);
  g_application_activate (G_APPLICATION (app));
  page = find_sign_in_page ();
  g_assert_nonnull (page);
  g_assert_null (find_main_window ());
  g_assert_cmpstr (glide_sign_in_page_get_uri (page), ==, server_uri);
  g_assert_cmpstr (glide_sign_in_page_get_login (page), ==, LOGIN);
  glide_test_wait_until (keyring_checked, page, "the keyring asked");
  close_all ();
  g_settings_reset (settings, "database-location");
  g_settings_reset (settings, "server-uri");
}

/* Preferences' Database group: a pasted address fills the fields and is
 * saved without its password; its login is the one offered next. */
static void
test_preferences (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *login = NULL;
  g_autofree char *location = NULL;
  GlidePreferencesWindow *prefs;
  GtkWidget *row;

  store = glide_store_open (path, &error);
  g_assert_no_error (error);
  prefs = glide_preferences_window_new (NULL, store, settings);
  gtk_window_present (GTK_WINDOW (prefs));

  row = glide_test_find_matching (GTK_WIDGET (prefs), has_name, "database-location-row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  location = g_settings_get_string (settings, "database-location");
  g_assert_cmpstr (location, ==, "clinic-server");

  row = glide_test_find_matching (GTK_WIDGET (prefs), has_name, "server-uri-row");
  gtk_editable_set_text (GTK_EDITABLE (row), "postgresql://kim:pw@clinic-db:6543/clinic?sslmode=require");
  g_signal_emit_by_name (row, "apply");
  uri = g_settings_get_string (settings, "server-uri");
  login = g_settings_get_string (settings, "server-login");
  g_assert_cmpstr (uri, ==, "postgresql://clinic-db:6543/clinic?sslmode=require");
  g_assert_cmpstr (login, ==, "kim");
  row = glide_test_find_matching (GTK_WIDGET (prefs), has_name, "server-host-row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "clinic-db");

  /* A port that is not one is refused, and nothing saved. */
  row = glide_test_find_matching (GTK_WIDGET (prefs), has_name, "server-port-row");
  gtk_editable_set_text (GTK_EDITABLE (row), "54x");
  g_signal_emit_by_name (row, "apply");
  g_free (uri);
  uri = g_settings_get_string (settings, "server-uri");
  g_assert_cmpstr (uri, ==, "postgresql://clinic-db:6543/clinic?sslmode=require");
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (prefs), is_label_with_text,
                    "“54x” is not a port: the port of a clinic server is a number, usually 5432"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  glide_test_flush_events ();
  g_settings_reset (settings, "database-location");
  g_settings_reset (settings, "server-uri");
  g_settings_reset (settings, "server-login");
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* On SQLite nobody signs in: the items do nothing and the window stays. */
static void
test_sqlite_has_no_sign_out (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GlideWindow *window;

  store = glide_store_open (g_build_filename (dir, "clinic.db", NULL), &error);
  g_assert_no_error (error);
  window = glide_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-person", NULL);
  glide_test_flush_events ();
  g_assert_true (find_main_window () == window);
  g_assert_null (find_sign_in_page ());
  close_all ();
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static gboolean
keyring_is_up (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* With a keyring: "Remember password" keeps it there, and the next
 * sign-in page fills it in; turning the switch off forgets it. */
static void
test_keyring (void)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  g_autoptr(GError) error = NULL;
  GlideSignInPage *page;
  int in = -1;

  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed: only the no-keyring path was tested");
      return;
    }
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &keyring_pid, &in, NULL, NULL, &error))
    g_error ("gnome-keyring-daemon: %s", error->message);
  /* The login keyring's password, on stdin. */
  g_assert_cmpint (write (in, "test\n", 5), ==, 5);
  close (in);
  glide_test_wait_until (keyring_is_up, NULL, "gnome-keyring on the test's bus");

  page = open_sign_in (server_uri, LOGIN);
  g_assert_cmpstr (password_text (page), ==, "");
  glide_sign_in_page_set_password (page, PASSWORD);
  glide_sign_in_page_set_remember (page, TRUE);
  glide_sign_in_page_sign_in (page);
  glide_test_wait_until (main_window_is_open, NULL, "the clinic's window after signing in");

  gtk_widget_activate_action (GTK_WIDGET (find_main_window ()), "win.sign-out", NULL);
  glide_test_wait_until (sign_in_page_is_open, NULL, "the sign-in page after signing out");
  page = find_sign_in_page ();
  glide_test_wait_until (keyring_checked, page, "the keyring asked");
  g_assert_cmpstr (password_text (page), ==, PASSWORD);

  /* Remembered no more. */
  glide_sign_in_page_set_remember (page, FALSE);
  glide_sign_in_page_sign_in (page);
  glide_test_wait_until (main_window_is_open, NULL, "the clinic's window");
  gtk_widget_activate_action (GTK_WIDGET (find_main_window ()), "win.sign-out", NULL);
  glide_test_wait_until (sign_in_page_is_open, NULL, "the sign-in page after signing out");
  page = find_sign_in_page ();
  glide_test_wait_until (keyring_checked, page, "the keyring asked");
  g_assert_cmpstr (password_text (page), ==, "");
  close_all ();

  /* For the README: a server as a clinic names it (not connected to). */
  page = open_sign_in ("postgresql://clinic-db:5432/clinic", "dw");
  glide_test_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
  glide_test_save_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "sign-in.png");
  close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("GLIDE_TEST_PG_URI") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/sign-in/needs-a-server", test_address);
      return g_test_run ();
    }
  start_private_bus ();
  /* The accessibility bus is found through the session bus: not this one. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  glide_test_gui_init (&argc, &argv);
  set_up_clinic ();

  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    /* The windows' size, for the screenshots. */
    g_settings_set_int (settings, "window-width", 900);
    g_settings_set_int (settings, "window-height", 640);
  }
  app = glide_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* The windows come and go; the application stays for the next test. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/sign-in/address", test_address);
  g_test_add_func ("/sign-in/no-keyring", test_no_keyring);
  g_test_add_func ("/sign-in/wrong-password", test_wrong_password);
  g_test_add_func ("/sign-in/unreachable", test_unreachable);
  g_test_add_func ("/sign-in/sign-in-and-out", test_sign_in_and_out);
  g_test_add_func ("/sign-in/saved-server", test_saved_server);
  g_test_add_func ("/sign-in/sqlite-has-no-sign-out", test_sqlite_has_no_sign_out);
  g_test_add_func ("/sign-in/preferences", test_preferences);
  g_test_add_func ("/sign-in/keyring", test_keyring);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  stop_child (&keyring_pid);
  stop_child (&bus_pid);
  glide_test_remove_tree (bus_dir);
  g_free (bus_dir);
  return status;
}
