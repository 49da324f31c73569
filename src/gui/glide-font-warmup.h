/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-font-warmup.h: the fonts of the first frame, loaded, shaped and
 * rasterised on a thread while libadwaita starts (see the .c file). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _GlideFontWarmup GlideFontWarmup;

GlideFontWarmup *glide_font_warmup_start           (void);
void             glide_font_warmup_finish          (GlideFontWarmup *warmup);
GPtrArray       *glide_font_warmup_get_fonts       (GtkWidget       *widget);

G_END_DECLS
