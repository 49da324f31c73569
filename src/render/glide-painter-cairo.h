/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-cairo.h: the painter on a Cairo context (widgets, PNG). */

#pragma once

#include <cairo.h>

#include "glide-painter.h"

G_BEGIN_DECLS

typedef enum
{
  GLIDE_PAINTER_QUALITY_BEST,  /* exported images */
  GLIDE_PAINTER_QUALITY_FAST,  /* interactive drawing: cheaper antialiasing, coarser curves */
} GlidePainterQuality;

GlidePainter *glide_painter_cairo_new (cairo_t             *cr,
                                       const char          *font_family,
                                       GlidePainterQuality  quality);

G_END_DECLS
