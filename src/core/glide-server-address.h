/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-server-address.h: a clinic server's postgresql:// address taken
 * apart into what Preferences and the sign-in page show (host, port,
 * database, TLS mode, login) and put together again, never with a password. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLIDE_SERVER_DEFAULT_PORT 5432

typedef struct
{
  char  *host;      /* a name, an address or a socket folder; NULL: libpq's default */
  guint  port;      /* 0: the default, 5432 */
  char  *database;  /* NULL: libpq's default (the login's name) */
  char  *tls;       /* libpq's sslmode (disable, prefer, require, verify-full…); NULL: not given */
  char  *login;     /* the user named in the address, or NULL */
  gboolean had_password; /* the address carried a password, which was dropped */
  GPtrArray *params; /* the other parameters, "key=value" each, kept as given */
} GlideServerAddress;

GlideServerAddress *glide_server_address_new       (void);
GlideServerAddress *glide_server_address_parse     (const char                *uri,
                                                    GError                   **error);
char               *glide_server_address_to_uri    (const GlideServerAddress *address,
                                                    const char                *login);
char               *glide_server_address_describe  (const GlideServerAddress *address);
void                glide_server_address_free      (GlideServerAddress        *address);

char               *glide_server_uri_with_login    (const char                *uri,
                                                    const char                *login,
                                                    GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideServerAddress, glide_server_address_free)

G_END_DECLS
