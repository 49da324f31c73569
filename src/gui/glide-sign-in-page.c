/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-sign-in-page.c: the page a window on a clinic server opens on. The
 * person gives their login name and password; the connection is made on a
 * thread (a server far away or down must not freeze the window), and the
 * store's refusals are put in words that say what to do. The login name is
 * remembered in GSettings, a password only in the desktop keyring and only
 * when asked. */

#define G_LOG_DOMAIN "glide-sign-in-page"

#include "config.h"

#include "glide-sign-in-page.h"

#include "glide-application.h"
#include "glide-keyring.h"
#include "glide-server-address.h"

#include <glib/gi18n.h>
#include <string.h>

struct _GlideSignInPage
{
  AdwBin        parent_instance;

  char         *uri;        /* the server's address, without login or password */
  GSettings    *settings;
  GCancellable *cancellable;
  gboolean      busy;
  gboolean      keyring_checked;
  char         *error;
  char         *notice;     /* for the window that follows: the keyring failed */

  GtkLabel     *server_label;
  AdwEntryRow  *login_row;
  AdwEntryRow  *password_row;
  AdwActionRow *remember_row;
  GtkSwitch    *remember_switch;
  GtkWidget    *error_box;
  GtkLabel     *error_label;
  GtkLabel     *detail_label;
  GtkWidget    *sign_in_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (GlideSignInPage, glide_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_URI,
  PROP_SETTINGS,
  PROP_BUSY,
  PROP_ERROR,
  PROP_KEYRING_CHECKED,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Seconds a connection may take before "Can't reach": libpq would otherwise
 * wait for the system's TCP timeout, minutes on a dead route. */
#define CONNECT_TIMEOUT "10"

typedef struct
{
  char *uri;
  char *password;
} SignIn;

/* ---- helpers ------------------------------------------------------------------- */

static void
free_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->uri);
  free_password (sign_in->password);
  g_free (sign_in);
}

static char *
get_login_text (GlideSignInPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
}

static void
update_actions (GlideSignInPage *self)
{
  g_autofree char *login = get_login_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !self->busy && *login != '\0');
}

static void
set_busy (GlideSignInPage *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Not insensitive: GTK 4.8 loses track of a focused text field made
   * insensitive, and the focus stays where the person typed. */
  gtk_editable_set_editable (GTK_EDITABLE (self->login_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_row), !busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (GlideSignInPage *self,
            const char      *message,
            const char      *detail)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_widget_set_visible (self->error_box, message != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The words for "Can't reach …": the server's host and port. */
static char *
describe_server (const char *uri)
{
  g_autoptr(GlideServerAddress) address = glide_server_address_parse (uri, NULL);

  return address ? glide_server_address_describe (address) : g_strdup (uri);
}

/* ---- the connection, on a thread --------------------------------------------------- */

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  GError *error = NULL;
  GlideStore *store = glide_store_open_server (sign_in->uri, sign_in->password, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GlideSignInPage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!glide_keyring_store_finish (result, &error))
    {
      g_debug ("Keyring: %s", error->message);
      g_free (self->notice);
      self->notice = g_strdup (_("Signed in, but the password could not be remembered: "
                                 "this computer has no keyring that Glide can use"));
    }
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNED_IN], 0, g_task_get_task_data (task));
}

static void
on_password_forgotten (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!glide_keyring_forget_finish (result, &error))
    g_debug ("Keyring: %s", error->message);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (source);
  GTask *task = G_TASK (result);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = g_task_propagate_pointer (task, &error);
  g_autofree char *login = get_login_text (self);
  g_autofree char *message = NULL;
  g_autoptr(GTask) keyring = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (store == NULL)
    {
      message = glide_sign_in_describe_error (self->uri, login, sign_in->password, error);
      g_debug ("Sign-in refused: %s", error->message);
      set_busy (self, FALSE);
      show_error (self, message, g_strcmp0 (message, error->message) != 0 ? error->message : NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  if (glide_store_get_role (store) == GLIDE_STORE_ROLE_NONE)
    {
      set_busy (self, FALSE);
      message = g_strdup_printf (_("%s may sign in to the server but has no role in this clinic's "
                                   "record: ask the clinic's admin to grant one"),
                                 glide_store_get_login (store));
      show_error (self, message, NULL);
      return;
    }

  show_error (self, NULL, NULL);
  g_settings_set_string (self->settings, "server-login", glide_store_get_login (store));
  if (gtk_switch_get_active (self->remember_switch) && sign_in->password != NULL)
    {
      /* The window follows once the keyring has answered. */
      keyring = g_task_new (self, NULL, NULL, NULL);
      g_task_set_task_data (keyring, g_object_ref (store), g_object_unref);
      glide_keyring_store_async (self->uri, login, sign_in->password, NULL, on_password_stored,
                                 g_steal_pointer (&keyring));
      return;
    }
  if (!gtk_switch_get_active (self->remember_switch))
    glide_keyring_forget_async (self->uri, login, NULL, on_password_forgotten, NULL);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNED_IN], 0, store);
}

static void
on_password_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GlideSignInPage *self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = glide_keyring_lookup_finish (result, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (error != NULL)
    {
      /* Without a keyring the switch could only promise what it can't keep. */
      g_debug ("Keyring: %s", error->message);
      gtk_switch_set_active (self->remember_switch, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->remember_switch), FALSE);
      adw_action_row_set_subtitle (self->remember_row,
                                   _("This computer has no keyring that Glide can use"));
    }
  else if (password != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      gtk_switch_set_active (self->remember_switch, TRUE);
    }
  free_password (password);
  self->keyring_checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_CHECKED]);
  g_object_unref (self);
}

/* A remembered password for the login shown fills the password field. */
static void
look_up_password (GlideSignInPage *self)
{
  g_autofree char *login = get_login_text (self);

  if (*login == '\0')
    {
      self->keyring_checked = TRUE;
      return;
    }
  glide_keyring_lookup_async (self->uri, login, self->cancellable, on_password_found,
                              g_object_ref (self));
}

/* ---- callbacks ------------------------------------------------------------------- */

static void
on_login_changed (GlideSignInPage *self)
{
  update_actions (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  glide_sign_in_page_sign_in (GLIDE_SIGN_IN_PAGE (widget));
}

/* ---- overrides ------------------------------------------------------------------- */

static void
glide_sign_in_page_constructed (GObject *object)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (object);
  g_autofree char *server = describe_server (self->uri);
  g_autoptr(GlideServerAddress) address = glide_server_address_parse (self->uri, NULL);
  g_autofree char *text = NULL;

  G_OBJECT_CLASS (glide_sign_in_page_parent_class)->constructed (object);

  if (address != NULL && address->database != NULL)
    /* Translators: %s: the server (clinic-db:5432), %s: the database's name */
    text = g_strdup_printf (_("to the clinic server %s, database %s"), server, address->database);
  else
    /* Translators: %s: the server (clinic-db:5432) */
    text = g_strdup_printf (_("to the clinic server %s"), server);
  gtk_label_set_text (self->server_label, text);
  update_actions (self);
}

static void
glide_sign_in_page_dispose (GObject *object)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_sign_in_page_parent_class)->dispose (object);
}

static void
glide_sign_in_page_finalize (GObject *object)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->uri);
  g_free (self->error);
  g_free (self->notice);

  G_OBJECT_CLASS (glide_sign_in_page_parent_class)->finalize (object);
}

static void
glide_sign_in_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_KEYRING_CHECKED:
      g_value_set_boolean (value, self->keyring_checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_sign_in_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlideSignInPage *self = GLIDE_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_URI:
      {
        const char *uri = g_value_get_string (value);
        g_autoptr(GlideServerAddress) address = uri ? glide_server_address_parse (uri, NULL) : NULL;

        guint timeout_index;

        /* The login in an address given with -d fills the field; the
         * address kept is the server's alone (the keyring's key), without
         * the timeout a sign-in adds. */
        if (address != NULL &&
            g_ptr_array_find_with_equal_func (address->params, "connect_timeout=" CONNECT_TIMEOUT,
                                              g_str_equal, &timeout_index))
          g_ptr_array_remove_index (address->params, timeout_index);
        self->uri = address ? glide_server_address_to_uri (address, NULL) : g_strdup (uri);
        if (address != NULL && address->login != NULL)
          gtk_editable_set_text (GTK_EDITABLE (self->login_row), address->login);
      }
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_sign_in_page_class_init (GlideSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();

  object_class->constructed = glide_sign_in_page_constructed;
  object_class->dispose = glide_sign_in_page_dispose;
  object_class->finalize = glide_sign_in_page_finalize;
  object_class->get_property = glide_sign_in_page_get_property;
  object_class->set_property = glide_sign_in_page_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KEYRING_CHECKED] =
    g_param_spec_boolean ("keyring-checked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlideSignInPage::signed-in:
   * @store: the clinic server's store, open as the person who signed in
   *
   * The server accepted the login; the page's work is done.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, GLIDE_TYPE_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/glide-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, server_label);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, remember_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, GlideSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_login_changed);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
}

static void
glide_sign_in_page_init (GlideSignInPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------------------ */

/**
 * glide_sign_in_page_new:
 * @uri: the clinic server's postgresql:// address; a login in it fills the
 *   login name
 * @settings: Glide's settings (server-login: the last login name)
 * @login: (nullable): the login name to offer; %NULL: the one in @uri, else
 *   the last one; "" leaves the field empty (switching person)
 */
GlideSignInPage *
glide_sign_in_page_new (const char *uri,
                        GSettings  *settings,
                        const char *login)
{
  GlideSignInPage *self;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GLIDE_TYPE_SIGN_IN_PAGE, "uri", uri, "settings", settings, NULL);
  if (login != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->login_row)) == '\0')
    {
      g_autofree char *last = g_settings_get_string (settings, "server-login");

      gtk_editable_set_text (GTK_EDITABLE (self->login_row), last);
    }
  look_up_password (self);
  return self;
}

const char *
glide_sign_in_page_get_uri (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), NULL);
  return self->uri;
}

const char *
glide_sign_in_page_get_login (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->login_row));
}

void
glide_sign_in_page_set_login (GlideSignInPage *self,
                              const char      *login)
{
  g_return_if_fail (GLIDE_IS_SIGN_IN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login ? login : "");
}

void
glide_sign_in_page_set_password (GlideSignInPage *self,
                                 const char      *password)
{
  g_return_if_fail (GLIDE_IS_SIGN_IN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

void
glide_sign_in_page_set_remember (GlideSignInPage *self,
                                 gboolean         remember)
{
  g_return_if_fail (GLIDE_IS_SIGN_IN_PAGE (self));
  gtk_switch_set_active (self->remember_switch, remember);
}

/**
 * glide_sign_in_page_sign_in:
 *
 * Connects as the login and password given, as the Sign In button does;
 * ::signed-in follows on success, else the page shows why not.
 */
void
glide_sign_in_page_sign_in (GlideSignInPage *self)
{
  g_autofree char *login = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *password;
  SignIn *sign_in;
  char *uri;

  g_return_if_fail (GLIDE_IS_SIGN_IN_PAGE (self));

  login = get_login_text (self);
  if (self->busy || *login == '\0')
    return;
  uri = glide_server_uri_with_login (self->uri, login, &error);
  if (uri == NULL)
    {
      show_error (self, error->message, NULL);
      return;
    }
  if (strstr (uri, "connect_timeout=") == NULL)
    {
      char *timed = g_strconcat (uri, strchr (uri, '?') ? "&" : "?",
                                 "connect_timeout=" CONNECT_TIMEOUT, NULL);

      g_free (uri);
      uri = timed;
    }
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  sign_in = g_new0 (SignIn, 1);
  sign_in->uri = uri;
  sign_in->password = *password != '\0' ? g_strdup (password) : NULL;

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, on_signed_in, NULL);
  g_task_set_source_tag (task, glide_sign_in_page_sign_in);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
glide_sign_in_page_get_busy (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), FALSE);
  return self->busy;
}

/**
 * glide_sign_in_page_get_error:
 *
 * Returns: (nullable): why the last sign-in failed, as the page shows it
 */
const char *
glide_sign_in_page_get_error (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), NULL);
  return self->error;
}

/**
 * glide_sign_in_page_get_notice:
 *
 * Returns: (nullable): what the window that follows should tell (the
 *   password could not be remembered), or %NULL
 */
const char *
glide_sign_in_page_get_notice (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), NULL);
  return self->notice;
}

/* Whether the keyring was asked for a remembered password (and answered). */
gboolean
glide_sign_in_page_get_keyring_checked (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), FALSE);
  return self->keyring_checked;
}

/* The Sign In button, for its window's default widget. */
GtkWidget *
glide_sign_in_page_get_default_widget (GlideSignInPage *self)
{
  g_return_val_if_fail (GLIDE_IS_SIGN_IN_PAGE (self), NULL);
  return self->sign_in_button;
}

/* The field to type in first: the login name, or the password once it is known. */
void
glide_sign_in_page_focus (GlideSignInPage *self)
{
  g_return_if_fail (GLIDE_IS_SIGN_IN_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->login_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/**
 * glide_sign_in_describe_error:
 * @uri: the server's address
 * @login: the login name typed
 * @password: (nullable): the password typed, %NULL for none
 * @error: why glide_store_open_server() failed
 *
 * Returns: (transfer full): what to tell the person: what went wrong and
 *   what to do, in their words rather than libpq's
 */
char *
glide_sign_in_describe_error (const char   *uri,
                              const char   *login,
                              const char   *password,
                              const GError *error)
{
  g_autofree char *server = describe_server (uri);
  const char *message = error->message;

  if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION))
    {
      if (strstr (message, "refused the password") != NULL)
        return g_strdup_printf (_("The server refused the password for %s. Check it and try again."),
                                login);
      if (strstr (message, "needs the password") != NULL)
        return g_strdup_printf (_("The server needs the password for %s"), login);
      if (strstr (message, "no role") != NULL)
        return g_strdup_printf (_("%s may sign in to the server but has no role in this clinic's "
                                  "record: ask the clinic's admin to grant one"), login);
      return g_strdup (message);
    }
  if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION))
    {
      if (strstr (message, "SSL/TLS") != NULL)
        return g_strdup_printf (_("Can't open a secure connection to %s: check the TLS setting in "
                                  "Preferences, or ask who runs the server for its certificate"),
                                server);
      if (strstr (message, "does not know this database or login") != NULL)
        return g_strdup_printf (_("The server %s knows no login %s, or not this clinic's database: "
                                  "check the login name, and the database in Preferences"),
                                server, login);
      return g_strdup_printf (_("Can't reach %s: is the server running?"), server);
    }
  return g_strdup (message);
}
