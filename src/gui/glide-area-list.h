/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-area-list.h: the 79 body map areas as a searchable list, the
 * keyboard and screen reader way to do what the map does. */

#pragma once

#include <gtk/gtk.h>

#include "glide-codes.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_AREA_LIST (glide_area_list_get_type ())

G_DECLARE_FINAL_TYPE (GlideAreaList, glide_area_list, GLIDE, AREA_LIST, GtkWidget)

GtkWidget         *glide_area_list_new            (void);
const char *const *glide_area_list_get_selection  (GlideAreaList      *self);
void               glide_area_list_set_selection  (GlideAreaList      *self,
                                                   const char *const  *area_ids);
void               glide_area_list_set_search     (GlideAreaList      *self,
                                                   const char         *text);
char             **glide_area_list_get_visible    (GlideAreaList      *self);
gboolean           glide_area_list_activate_first (GlideAreaList      *self);
void               glide_area_list_focus_search   (GlideAreaList      *self);
void               glide_area_list_set_preferred  (GlideAreaList      *self,
                                                   const char *const  *area_ids,
                                                   GlideSide           side);

G_END_DECLS
