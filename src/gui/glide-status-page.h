/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-status-page.h: an empty page's icon, title and description, drawn
 * as AdwStatusPage draws them but cheaper to lay out (see the .c file). */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_STATUS_PAGE (glide_status_page_get_type ())

G_DECLARE_FINAL_TYPE (GlideStatusPage, glide_status_page, GLIDE, STATUS_PAGE, GtkWidget)

const char *glide_status_page_get_icon_name   (GlideStatusPage *self);
void        glide_status_page_set_icon_name   (GlideStatusPage *self,
                                               const char      *icon_name);
GdkPaintable *glide_status_page_get_paintable (GlideStatusPage *self);
void        glide_status_page_set_paintable   (GlideStatusPage *self,
                                               GdkPaintable    *paintable);
const char *glide_status_page_get_title       (GlideStatusPage *self);
void        glide_status_page_set_title       (GlideStatusPage *self,
                                               const char      *title);
const char *glide_status_page_get_description (GlideStatusPage *self);
void        glide_status_page_set_description (GlideStatusPage *self,
                                               const char      *description);

void        glide_status_page_narrow_wrapping (GtkWidget       *root);

G_END_DECLS
