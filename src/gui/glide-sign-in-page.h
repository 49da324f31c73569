/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-sign-in-page.h: signing in to a clinic server as oneself. */

#pragma once

#include <adwaita.h>

#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_SIGN_IN_PAGE (glide_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (GlideSignInPage, glide_sign_in_page, GLIDE, SIGN_IN_PAGE, AdwBin)

GlideSignInPage *glide_sign_in_page_new            (const char      *uri,
                                                    GSettings       *settings,
                                                    const char      *login);
const char      *glide_sign_in_page_get_uri        (GlideSignInPage *self);
const char      *glide_sign_in_page_get_login      (GlideSignInPage *self);
void             glide_sign_in_page_set_login      (GlideSignInPage *self,
                                                    const char      *login);
void             glide_sign_in_page_set_password   (GlideSignInPage *self,
                                                    const char      *password);
void             glide_sign_in_page_set_remember   (GlideSignInPage *self,
                                                    gboolean         remember);
void             glide_sign_in_page_sign_in        (GlideSignInPage *self);
gboolean         glide_sign_in_page_get_busy       (GlideSignInPage *self);
const char      *glide_sign_in_page_get_error      (GlideSignInPage *self);
const char      *glide_sign_in_page_get_notice     (GlideSignInPage *self);
gboolean         glide_sign_in_page_get_keyring_checked (GlideSignInPage *self);
GtkWidget       *glide_sign_in_page_get_default_widget (GlideSignInPage *self);
void             glide_sign_in_page_focus          (GlideSignInPage *self);

char            *glide_sign_in_describe_error      (const char      *uri,
                                                    const char      *login,
                                                    const char      *password,
                                                    const GError    *error);

G_END_DECLS
