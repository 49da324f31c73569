/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-keyring.c: one password per clinic server and login, under the
 * schema io.github.glidept.Glide.Server (attributes server: the server's
 * address without login or password, login). Without a keyring on the
 * session bus every call fails with libsecret's error, and the sign-in page
 * says the password was not remembered. */

#define G_LOG_DOMAIN "glide-keyring"

#include "config.h"

#include "glide-keyring.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

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
  g_return_if_fail (server != NULL && login != NULL);
  secret_password_lookup (get_schema (), cancellable, callback, user_data,
                          "server", server, "login", login, NULL);
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
  char *secret = secret_password_lookup_finish (result, error);
  char *password = g_strdup (secret);

  secret_password_free (secret);
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

  g_return_if_fail (server != NULL && login != NULL && password != NULL);
  /* Translators: the name of a password in the keyring; %s: login, server */
  label = g_strdup_printf (_("Glide clinic server password for %s at %s"), login, server);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         callback, user_data, "server", server, "login", login, NULL);
}

gboolean
glide_keyring_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
glide_keyring_forget_async (const char          *server,
                            const char          *login,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (server != NULL && login != NULL);
  secret_password_clear (get_schema (), cancellable, callback, user_data,
                         "server", server, "login", login, NULL);
}

/* Whether nothing is remembered any more (also when nothing was). */
gboolean
glide_keyring_forget_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
