/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-hpdf.h: the painter on a libharu page (vector PDF). */

#pragma once

#include "glide-pdf.h"

G_BEGIN_DECLS

GlidePainter *glide_painter_hpdf_new (GlidePdf  *pdf,
                                      HPDF_Page  page,
                                      double     height);

G_END_DECLS
