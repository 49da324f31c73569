/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-recording.h: a painter that passes everything to another
 * one and keeps it, to draw the same page again on a second back-end (a
 * report laid out with libharu's measures, printed through Cairo). */

#pragma once

#include "glide-painter.h"

G_BEGIN_DECLS

GlidePainter *glide_painter_recording_new    (GlidePainter *target);
void          glide_painter_recording_replay (GlidePainter *recording,
                                              GlidePainter *painter);
gboolean      glide_painter_is_recording     (GlidePainter *painter);

G_END_DECLS
