/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter.c: dispatch to a back-end, and shapes built from its primitives. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter.h"

#include <math.h>

/* For back-ends: the dispatch table, black fill and stroke, 1-unit solid lines. */
void
glide_painter_init (GlidePainter            *self,
                    const GlidePainterClass *klass)
{
  self->klass = klass;
  self->fill = (GlideColor) { 0, 0, 0, 1 };
  self->stroke = (GlideColor) { 0, 0, 0, 1 };
  self->line_width = 1;
  self->dash = 0;
}

void
glide_painter_free (GlidePainter *self)
{
  if (self != NULL)
    self->klass->finalize (self);
}

void
glide_painter_save (GlidePainter *self)
{
  self->klass->save (self);
}

void
glide_painter_restore (GlidePainter *self)
{
  self->klass->restore (self);
}

void
glide_painter_translate (GlidePainter *self,
                         double        dx,
                         double        dy)
{
  self->klass->translate (self, dx, dy);
}

void
glide_painter_scale (GlidePainter *self,
                     double        sx,
                     double        sy)
{
  self->klass->scale (self, sx, sy);
}

void
glide_painter_move_to (GlidePainter *self,
                       double        x,
                       double        y)
{
  self->klass->move_to (self, x, y);
}

void
glide_painter_line_to (GlidePainter *self,
                       double        x,
                       double        y)
{
  self->klass->line_to (self, x, y);
}

void
glide_painter_curve_to (GlidePainter *self,
                        double        x1,
                        double        y1,
                        double        x2,
                        double        y2,
                        double        x,
                        double        y)
{
  self->klass->curve_to (self, x1, y1, x2, y2, x, y);
}

void
glide_painter_close_path (GlidePainter *self)
{
  self->klass->close_path (self);
}

void
glide_painter_append_path (GlidePainter    *self,
                           const GlidePath *path)
{
  for (guint i = 0; i < glide_path_get_n_segments (path); i++)
    {
      const GlidePathSegment *s = glide_path_get_segment (path, i);

      switch (s->op)
        {
        case GLIDE_PATH_MOVE:
          glide_painter_move_to (self, s->x, s->y);
          break;
        case GLIDE_PATH_LINE:
          glide_painter_line_to (self, s->x, s->y);
          break;
        case GLIDE_PATH_CURVE:
          glide_painter_curve_to (self, s->x1, s->y1, s->x2, s->y2, s->x, s->y);
          break;
        case GLIDE_PATH_CLOSE:
          glide_painter_close_path (self);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Closed polygons (GArrays of GlidePoint), as flattened by glide_path_flatten(). */
void
glide_painter_append_polygons (GlidePainter *self,
                               GPtrArray    *polygons)
{
  for (guint k = 0; k < polygons->len; k++)
    {
      GArray *poly = g_ptr_array_index (polygons, k);

      for (guint i = 0; i < poly->len; i++)
        {
          const GlidePoint *pt = &g_array_index (poly, GlidePoint, i);

          if (i == 0)
            glide_painter_move_to (self, pt->x, pt->y);
          else
            glide_painter_line_to (self, pt->x, pt->y);
        }
      glide_painter_close_path (self);
    }
}

void
glide_painter_rectangle (GlidePainter *self,
                         double        x,
                         double        y,
                         double        width,
                         double        height)
{
  glide_painter_move_to (self, x, y);
  glide_painter_line_to (self, x + width, y);
  glide_painter_line_to (self, x + width, y + height);
  glide_painter_line_to (self, x, y + height);
  glide_painter_close_path (self);
}

/* Four cubic arcs; the constant puts the midpoints on the circle. */
void
glide_painter_circle (GlidePainter *self,
                      double        cx,
                      double        cy,
                      double        radius)
{
  const double k = 0.5522847498 * radius;

  glide_painter_move_to (self, cx + radius, cy);
  glide_painter_curve_to (self, cx + radius, cy + k, cx + k, cy + radius, cx, cy + radius);
  glide_painter_curve_to (self, cx - k, cy + radius, cx - radius, cy + k, cx - radius, cy);
  glide_painter_curve_to (self, cx - radius, cy - k, cx - k, cy - radius, cx, cy - radius);
  glide_painter_curve_to (self, cx + k, cy - radius, cx + radius, cy - k, cx + radius, cy);
  glide_painter_close_path (self);
}

void
glide_painter_set_fill (GlidePainter     *self,
                        const GlideColor *color)
{
  self->fill = *color;
}

/* dash: length of dashes and gaps, 0 for a solid line. */
void
glide_painter_set_stroke (GlidePainter     *self,
                          const GlideColor *color,
                          double            width,
                          double            dash)
{
  self->stroke = *color;
  self->line_width = width;
  self->dash = dash;
}

void
glide_painter_fill (GlidePainter *self)
{
  self->klass->fill (self);
}

void
glide_painter_stroke (GlidePainter *self)
{
  self->klass->stroke (self);
}

void
glide_painter_fill_stroke (GlidePainter *self)
{
  self->klass->fill_stroke (self);
}

void
glide_painter_clip (GlidePainter *self)
{
  self->klass->clip (self);
}

/* Text in the fill colour; y is the baseline. */
void
glide_painter_show_text (GlidePainter    *self,
                         double           x,
                         double           y,
                         const char      *text,
                         double           size,
                         GlideTextWeight  weight,
                         GlideTextAlign   align)
{
  self->klass->show_text (self, x, y, text, size, weight, align);
}

double
glide_painter_text_width (GlidePainter    *self,
                          const char      *text,
                          double           size,
                          GlideTextWeight  weight)
{
  return self->klass->text_width (self, text, size, weight);
}

GlideColor
glide_color_from_hex (guint32 rgb)
{
  return (GlideColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0, 1.0 };
}

GlideColor
glide_color_mix (const GlideColor *a,
                 const GlideColor *b,
                 double            t)
{
  return (GlideColor) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                        a->b + (b->b - a->b) * t, a->a + (b->a - a->a) * t };
}
