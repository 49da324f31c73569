/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-server-address.c: libpq's URI form (postgresql://[user@]host[:port]/db?…),
 * read with GUri. A socket folder goes in the query (host=/run/postgresql),
 * a password is dropped wherever it was: Glide keeps addresses in GSettings
 * and shows them in messages, and a password belongs in the keyring. */

#define G_LOG_DOMAIN "glide-server-address"

#include "config.h"

#include "glide-server-address.h"
#include "glide-i18n.h"

#include <string.h>

GlideServerAddress *
glide_server_address_new (void)
{
  GlideServerAddress *address = g_new0 (GlideServerAddress, 1);

  address->params = g_ptr_array_new_with_free_func (g_free);
  return address;
}

void
glide_server_address_free (GlideServerAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->host);
  g_free (address->database);
  g_free (address->tls);
  g_free (address->login);
  g_ptr_array_unref (address->params);
  g_free (address);
}

static char *
non_empty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Whether @port_text is a TCP port, into @port. */
static gboolean
parse_port (const char *port_text,
            guint      *port)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &value, NULL))
    return FALSE;
  *port = (guint) value;
  return TRUE;
}

/**
 * glide_server_address_parse:
 * @uri: a postgresql:// or postgres:// URI, as libpq reads it
 *
 * Returns: (transfer full): the address, its password dropped
 *   (had_password says there was one), or %NULL with @error set
 */
GlideServerAddress *
glide_server_address_parse (const char  *uri,
                            GError     **error)
{
  g_autoptr(GlideServerAddress) address = glide_server_address_new ();
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme, *path, *query;
  GUriParamsIter iter;
  char *key, *value;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_QUERY |
                        G_URI_FLAGS_NON_DNS, &local_error);
  scheme = parsed ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL ||
      (g_ascii_strcasecmp (scheme, "postgresql") != 0 && g_ascii_strcasecmp (scheme, "postgres") != 0))
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_FAILED,
                   _("“%s” is not a clinic server's address: it starts with postgresql://, "
                   "as in postgresql://clinic-db:5432/clinic"), uri);
      return NULL;
    }

  address->host = non_empty (g_uri_get_host (parsed));
  if (g_uri_get_port (parsed) > 0)
    address->port = (guint) g_uri_get_port (parsed);
  address->login = non_empty (g_uri_get_user (parsed));
  address->had_password = g_uri_get_password (parsed) != NULL;
  path = g_uri_get_path (parsed);
  if (path != NULL && *path == '/')
    path++;
  address->database = non_empty (path);

  query = g_uri_get_query (parsed);
  if (query == NULL)
    return g_steal_pointer (&address);
  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &key, &value, &local_error))
    {
      if (g_str_equal (key, "host"))
        g_free (address->host), address->host = non_empty (value);
      else if (g_str_equal (key, "port") && !parse_port (value, &address->port))
        {
          g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_PORT,
                       _("“%s” is not a port: the port of a clinic server is a number, "
                       "usually 5432"), value);
          g_free (key);
          g_free (value);
          return NULL;
        }
      else if (g_str_equal (key, "dbname"))
        g_free (address->database), address->database = non_empty (value);
      else if (g_str_equal (key, "user"))
        g_free (address->login), address->login = non_empty (value);
      else if (g_str_equal (key, "password"))
        address->had_password = TRUE;
      else if (g_str_equal (key, "sslmode"))
        g_free (address->tls), address->tls = non_empty (value);
      else if (!g_str_equal (key, "port"))
        {
          g_autofree char *escaped_key = g_uri_escape_string (key, NULL, FALSE);
          g_autofree char *escaped = g_uri_escape_string (value, "/:,", FALSE);

          g_ptr_array_add (address->params, g_strdup_printf ("%s=%s", escaped_key, escaped));
        }
      g_free (key);
      g_free (value);
    }
  if (local_error != NULL)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_QUERY,
                   _("The address “%s” cannot be read: %s"), uri, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&address);
}

static void
append_param (GString    *out,
              gboolean   *first,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, "/:,", FALSE);

  g_string_append_printf (out, "%c%s=%s", *first ? '?' : '&', key, escaped);
  *first = FALSE;
}

/* Whether @host can stand in the address's authority and be read back as
 * it is: a name of letters, digits, "-", "." and "_" (or letters beyond
 * ASCII, escaped), or an IP address (IPv6 in brackets, without a zone).
 * Any other host, a socket folder included, goes in the query (host=…),
 * where libpq reads any value. */
static gboolean
host_fits_authority (const char *host)
{
  if (strchr (host, ':') != NULL)
    return strchr (host, '%') == NULL && g_hostname_is_ip_address (host);
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_' && (guchar) *p < 0x80)
      return FALSE;
  return TRUE;
}

/**
 * glide_server_address_to_uri:
 * @login: (nullable): the login to connect as, or %NULL for none
 *
 * Returns: (transfer full): @address as a postgresql:// URI, with @login
 *   as its user and never a password
 */
char *
glide_server_address_to_uri (const GlideServerAddress *address,
                             const char               *login)
{
  GString *out = g_string_new ("postgresql://");
  gboolean in_query = address->host != NULL && !host_fits_authority (address->host);
  gboolean first = TRUE;

  if (address->host != NULL && !in_query)
    {
      /* An IPv6 address goes in brackets. */
      if (strchr (address->host, ':') != NULL)
        g_string_append_printf (out, "[%s]", address->host);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (address->host, NULL, FALSE);

          g_string_append (out, escaped);
        }
      if (address->port != 0)
        g_string_append_printf (out, ":%u", address->port);
    }
  g_string_append_c (out, '/');
  if (address->database != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (address->database, NULL, FALSE);

      g_string_append (out, escaped);
    }
  if (in_query)
    append_param (out, &first, "host", address->host);
  if (address->port != 0 && (in_query || address->host == NULL))
    {
      g_autofree char *port = g_strdup_printf ("%u", address->port);

      append_param (out, &first, "port", port);
    }
  if (login != NULL && *login != '\0')
    append_param (out, &first, "user", login);
  if (address->tls != NULL)
    append_param (out, &first, "sslmode", address->tls);
  for (guint i = 0; i < address->params->len; i++)
    {
      g_string_append_printf (out, "%c%s", first ? '?' : '&',
                              (const char *) g_ptr_array_index (address->params, i));
      first = FALSE;
    }
  return g_string_free (out, FALSE);
}

/**
 * glide_server_address_describe:
 *
 * Returns: (transfer full): where the server is, for messages:
 *   "clinic-db:5432", or the socket folder of a server on this computer
 */
char *
glide_server_address_describe (const GlideServerAddress *address)
{
  guint port = address->port != 0 ? address->port : GLIDE_SERVER_DEFAULT_PORT;

  if (address->host == NULL || address->host[0] == '/')
    return g_strdup_printf ("%s (%u)", address->host ? address->host : "/run/postgresql", port);
  if (strchr (address->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", address->host, port);
  return g_strdup_printf ("%s:%u", address->host, port);
}

/**
 * glide_server_uri_with_login:
 *
 * Returns: (transfer full): @uri (any login and password in it dropped)
 *   to connect as @login, or %NULL with @error set when @uri is not a
 *   clinic server's address
 */
char *
glide_server_uri_with_login (const char  *uri,
                             const char  *login,
                             GError     **error)
{
  g_autoptr(GlideServerAddress) address = glide_server_address_parse (uri, error);

  return address ? glide_server_address_to_uri (address, login) : NULL;
}
