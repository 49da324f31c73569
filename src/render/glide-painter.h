/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter.h: the small drawing interface the body map and the charts
 * are written against once, with a Cairo back-end (screen, PNG) and a libharu
 * back-end (PDF). Coordinates grow rightwards and downwards from the top left,
 * in points; text is placed by its baseline. As in PDF, colours and line
 * style must be set before a path begins; they apply to the whole path. */

#pragma once

#include <glib.h>

#include "glide-svg-path.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} GlideColor;

typedef enum
{
  GLIDE_TEXT_REGULAR,
  GLIDE_TEXT_BOLD,
} GlideTextWeight;

typedef enum
{
  GLIDE_ALIGN_START,
  GLIDE_ALIGN_CENTER,
  GLIDE_ALIGN_END,
} GlideTextAlign;

typedef struct _GlidePainter GlidePainter;

/* A back-end fills in this table; the functions below dispatch through it. */
typedef struct
{
  void   (*save)        (GlidePainter *self);
  void   (*restore)     (GlidePainter *self);
  void   (*translate)   (GlidePainter *self, double dx, double dy);
  void   (*scale)       (GlidePainter *self, double sx, double sy);
  void   (*move_to)     (GlidePainter *self, double x, double y);
  void   (*line_to)     (GlidePainter *self, double x, double y);
  void   (*curve_to)    (GlidePainter *self, double x1, double y1, double x2, double y2,
                         double x, double y);
  void   (*close_path)  (GlidePainter *self);
  void   (*fill)        (GlidePainter *self);
  void   (*stroke)      (GlidePainter *self);
  void   (*fill_stroke) (GlidePainter *self);
  void   (*clip)        (GlidePainter *self);
  void   (*show_text)   (GlidePainter *self, double x, double y, const char *text, double size,
                         GlideTextWeight weight, GlideTextAlign align);
  double (*text_width)  (GlidePainter *self, const char *text, double size,
                         GlideTextWeight weight);
  void   (*finalize)    (GlidePainter *self);
} GlidePainterClass;

/* The colours and line style the next fill, stroke or text uses: set
 * through glide_painter_set_fill/_stroke, read by the back-ends. */
struct _GlidePainter
{
  const GlidePainterClass *klass;
  GlideColor               fill;
  GlideColor               stroke;
  double                   line_width;
  double                   dash;        /* dash length, 0: solid */
};

void    glide_painter_init         (GlidePainter       *self,
                                    const GlidePainterClass *klass);
void    glide_painter_free         (GlidePainter       *self);
void    glide_painter_save         (GlidePainter       *self);
void    glide_painter_restore      (GlidePainter       *self);
void    glide_painter_translate    (GlidePainter       *self,
                                    double              dx,
                                    double              dy);
void    glide_painter_scale        (GlidePainter       *self,
                                    double              sx,
                                    double              sy);
void    glide_painter_move_to      (GlidePainter       *self,
                                    double              x,
                                    double              y);
void    glide_painter_line_to      (GlidePainter       *self,
                                    double              x,
                                    double              y);
void    glide_painter_curve_to     (GlidePainter       *self,
                                    double              x1,
                                    double              y1,
                                    double              x2,
                                    double              y2,
                                    double              x,
                                    double              y);
void    glide_painter_close_path   (GlidePainter       *self);
void    glide_painter_append_path  (GlidePainter       *self,
                                    const GlidePath    *path);
void    glide_painter_append_polygons (GlidePainter    *self,
                                       GPtrArray       *polygons);
void    glide_painter_rectangle    (GlidePainter       *self,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height);
void    glide_painter_circle       (GlidePainter       *self,
                                    double              cx,
                                    double              cy,
                                    double              radius);
void    glide_painter_set_fill     (GlidePainter       *self,
                                    const GlideColor   *color);
void    glide_painter_set_stroke   (GlidePainter       *self,
                                    const GlideColor   *color,
                                    double              width,
                                    double              dash);
void    glide_painter_fill         (GlidePainter       *self);
void    glide_painter_stroke       (GlidePainter       *self);
void    glide_painter_fill_stroke  (GlidePainter       *self);
void    glide_painter_clip         (GlidePainter       *self);
void    glide_painter_show_text    (GlidePainter       *self,
                                    double              x,
                                    double              y,
                                    const char         *text,
                                    double              size,
                                    GlideTextWeight     weight,
                                    GlideTextAlign      align);
double  glide_painter_text_width   (GlidePainter       *self,
                                    const char         *text,
                                    double              size,
                                    GlideTextWeight     weight);

GlideColor glide_color_from_hex    (guint32             rgb);
GlideColor glide_color_mix         (const GlideColor   *a,
                                    const GlideColor   *b,
                                    double              t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlidePainter, glide_painter_free)

G_END_DECLS
