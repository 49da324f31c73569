/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-keyring.c: one password per clinic server and login, under the
 * schema io.github.glidept.Glide.Server (attributes server: the server's
 * address without login or password, login). Without a keyring on the
 * session bus every call fails with libsecret's error, and the sign-in page
 * says the password was not remembered.
 *
 * libsecret is loaded when the keyring is first used, not with the program:
 * with libgcrypt and libgpg-error behind it, it was three of the eight
 * shared libraries that the window's start-up loaded for nothing on a
 * workstation with no clinic server (docs/BENCHMARKS.md). */

#define G_LOG_DOMAIN "glide-keyring"

#include "config.h"

#include "glide-keyring.h"
#include "glide-library.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#define LIBSECRET_SONAME "libsecret-1.so.0"
#define LIBSECRET_FUNCTIONS(X) \
  X (secret_password_clear_finish) \
  X (secret_password_clearv) \
  X (secret_password_free) \
  X (secret_password_lookup_finish) \
  X (secret_password_lookupv) \
  X (secret_password_store_finish) \
  X (secret_password_storev)

static struct
{
  LIBSECRET_FUNCTIONS (GLIDE_LIBRARY_POINTER)
} libsecret;

/* Loads libsecret once; FALSE with the reason when it cannot be. */
static gboolean
load_libsecret (GError **error)
{
  static GlideLibrary library;
  static const char *const names[] = { LIBSECRET_FUNCTIONS (GLIDE_LIBRARY_NAME) NULL };
  const char *failure = glide_library_load (&library, LIBSECRET_SONAME, names,
                                            (void **) &libsecret);

  if (failure != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The desktop keyring's library (libsecret-1-0) is missing (%s)"), failure);
      return FALSE;
    }
  return TRUE;
}

/* The attributes of one password: server and login. libsecret keeps a
 * reference to the table, not a copy, until the call is done, so the
 * table owns its values. */
static GHashTable *
new_attributes (const char *server,
                const char *login)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server));
  g_hash_table_insert (attributes, (gpointer) "login", g_strdup (login));
  return attributes;
}

/* Whether libsecret is there; if not, @callback hears why, as a result
 * tagged @tag. */
static gboolean
keyring_ready (GAsyncReadyCallback callback,
               gpointer            user_data,
               gpointer            tag)
{
  g_autoptr(GError) error = NULL;

  if (load_libsecret (&error))
    return TRUE;
  g_task_report_error (NULL, callback, user_data, tag, g_steal_pointer (&error));
  return FALSE;
}

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.glidept.Glide.Server", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
glide_keyring_lookup_async (const char          *server,
                            const char          *login,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (server != NULL && login != NULL);
  if (!keyring_ready (callback, user_data, glide_keyring_lookup_async))
    return;
  attributes = new_attributes (server, login);
  libsecret.secret_password_lookupv (get_schema (), attributes, cancellable, callback, user_data);
}

/**
 * glide_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the remembered password; %NULL
 *   without @error set when none is remembered
 */
char *
glide_keyring_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  char *secret;
  char *password;

  if (g_async_result_is_tagged (result, glide_keyring_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  secret = libsecret.secret_password_lookup_finish (result, error);
  password = g_strdup (secret);
  libsecret.secret_password_free (secret);
  return password;
}

void
glide_keyring_store_async (const char          *server,
                           const char          *login,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *label = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (server != NULL && login != NULL && password != NULL);
  if (!keyring_ready (callback, user_data, glide_keyring_store_async))
    return;
  attributes = new_attributes (server, login);
  /* Translators: the name of a password in the keyring; %s: login, server */
  label = g_strdup_printf (_("Glide clinic server password for %s at %s"), login, server);
  libsecret.secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                                    password, cancellable, callback, user_data);
}

gboolean
glide_keyring_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  if (g_async_result_is_tagged (result, glide_keyring_store_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return libsecret.secret_password_store_finish (result, error);
}

void
glide_keyring_forget_async (const char          *server,
                            const char          *login,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (server != NULL && login != NULL);
  if (!keyring_ready (callback, user_data, glide_keyring_forget_async))
    return;
  attributes = new_attributes (server, login);
  libsecret.secret_password_clearv (get_schema (), attributes, cancellable, callback, user_data);
}

/* Whether nothing is remembered any more (also when nothing was). */
gboolean
glide_keyring_forget_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_async_result_is_tagged (result, glide_keyring_forget_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  libsecret.secret_password_clear_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
