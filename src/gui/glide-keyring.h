/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-keyring.h: clinic server passwords a person asked Glide to remember,
 * in the desktop keyring (the Secret Service, through libsecret). */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      glide_keyring_lookup_async   (const char           *server,
                                        const char           *login,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char     *glide_keyring_lookup_finish  (GAsyncResult         *result,
                                        GError              **error);
void      glide_keyring_store_async    (const char           *server,
                                        const char           *login,
                                        const char           *password,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  glide_keyring_store_finish   (GAsyncResult         *result,
                                        GError              **error);
void      glide_keyring_forget_async   (const char           *server,
                                        const char           *login,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  glide_keyring_forget_finish  (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
