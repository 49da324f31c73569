/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-body-map.h: the interactive body map (both views side by side). */

#pragma once

#include <gtk/gtk.h>

#include "glide-codes.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_BODY_MAP (glide_body_map_get_type ())

G_DECLARE_FINAL_TYPE (GlideBodyMap, glide_body_map, GLIDE, BODY_MAP, GtkWidget)

GtkWidget          *glide_body_map_new             (void);
const char *const  *glide_body_map_get_selection   (GlideBodyMap       *self);
void                glide_body_map_set_selection   (GlideBodyMap       *self,
                                                    const char *const  *area_ids);
gboolean            glide_body_map_is_selected     (GlideBodyMap       *self,
                                                    GlideSite           site,
                                                    GlideSide           side);
void                glide_body_map_set_heat        (GlideBodyMap       *self,
                                                    GHashTable         *counts);
gboolean            glide_body_map_get_heat_mode   (GlideBodyMap       *self);
const char         *glide_body_map_get_focus_area  (GlideBodyMap       *self);
gboolean            glide_body_map_focus_area      (GlideBodyMap       *self,
                                                    const char         *area_id);
const char         *glide_body_map_get_hover_area  (GlideBodyMap       *self);
gboolean            glide_body_map_area_at         (GlideBodyMap       *self,
                                                    double              x,
                                                    double              y,
                                                    GlideSite          *site,
                                                    GlideSide          *side);
gboolean            glide_body_map_area_center     (GlideBodyMap       *self,
                                                    GlideSite           site,
                                                    GlideSide           side,
                                                    double             *x,
                                                    double             *y);

G_END_DECLS
