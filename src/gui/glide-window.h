/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-window.h: the main window. */

#pragma once

#include <adwaita.h>

#include "glide-application.h"
#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_WINDOW (glide_window_get_type ())

G_DECLARE_FINAL_TYPE (GlideWindow, glide_window, GLIDE, WINDOW, AdwApplicationWindow)

GlideWindow *glide_window_new       (GlideApplication *application,
                                     GlideStore       *store,
                                     const char       *open_error);
GlideStore  *glide_window_get_store (GlideWindow      *self);

G_END_DECLS
