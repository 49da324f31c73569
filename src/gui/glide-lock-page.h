/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-lock-page.h: what an idle window shows instead of patient data. */

#pragma once

#include <adwaita.h>

#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_LOCK_PAGE (glide_lock_page_get_type ())

G_DECLARE_FINAL_TYPE (GlideLockPage, glide_lock_page, GLIDE, LOCK_PAGE, AdwBin)

GlideLockPage *glide_lock_page_new          (GlideStore    *store);
void           glide_lock_page_reset        (GlideLockPage *self);
void           glide_lock_page_set_password (GlideLockPage *self,
                                             const char    *password);
void           glide_lock_page_unlock       (GlideLockPage *self);
gboolean       glide_lock_page_get_busy     (GlideLockPage *self);
const char    *glide_lock_page_get_error    (GlideLockPage *self);
void           glide_lock_page_focus        (GlideLockPage *self);

G_END_DECLS
