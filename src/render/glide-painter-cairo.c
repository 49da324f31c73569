/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-cairo.c: the Cairo back-end; text goes through Pango so that
 * any script gets a font. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter-cairo.h"

#include <pango/pangocairo.h>

typedef struct
{
  GlidePainter  parent;
  cairo_t      *cr;
  char         *font_family;
  gboolean      vector;      /* PDF, PostScript or SVG: a print, not pixels */
} CairoPainter;

#define CAIRO_PAINTER(p) ((CairoPainter *) (p))

static void
cp_save (GlidePainter *self)
{
  cairo_save (CAIRO_PAINTER (self)->cr);
}

static void
cp_restore (GlidePainter *self)
{
  cairo_restore (CAIRO_PAINTER (self)->cr);
}

static void
cp_translate (GlidePainter *self,
              double        dx,
              double        dy)
{
  cairo_translate (CAIRO_PAINTER (self)->cr, dx, dy);
}

static void
cp_scale (GlidePainter *self,
          double        sx,
          double        sy)
{
  cairo_scale (CAIRO_PAINTER (self)->cr, sx, sy);
}

static void
cp_move_to (GlidePainter *self,
            double        x,
            double        y)
{
  cairo_move_to (CAIRO_PAINTER (self)->cr, x, y);
}

static void
cp_line_to (GlidePainter *self,
            double        x,
            double        y)
{
  cairo_line_to (CAIRO_PAINTER (self)->cr, x, y);
}

static void
cp_curve_to (GlidePainter *self,
             double        x1,
             double        y1,
             double        x2,
             double        y2,
             double        x,
             double        y)
{
  cairo_curve_to (CAIRO_PAINTER (self)->cr, x1, y1, x2, y2, x, y);
}

static void
cp_close_path (GlidePainter *self)
{
  cairo_close_path (CAIRO_PAINTER (self)->cr);
}

static void
use_color (cairo_t          *cr,
           const GlideColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
do_fill (CairoPainter *cp,
         gboolean      preserve)
{
  use_color (cp->cr, &cp->parent.fill);
  if (preserve)
    cairo_fill_preserve (cp->cr);
  else
    cairo_fill (cp->cr);
}

static void
do_stroke (CairoPainter *cp)
{
  cairo_t *cr = cp->cr;

  use_color (cr, &cp->parent.stroke);
  cairo_set_line_width (cr, cp->parent.line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (cp->parent.dash > 0)
    cairo_set_dash (cr, &cp->parent.dash, 1, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
  cairo_stroke (cr);
}

static void
cp_fill (GlidePainter *self)
{
  do_fill (CAIRO_PAINTER (self), FALSE);
}

static void
cp_stroke (GlidePainter *self)
{
  do_stroke (CAIRO_PAINTER (self));
}

static void
cp_fill_stroke (GlidePainter *self)
{
  do_fill (CAIRO_PAINTER (self), TRUE);
  do_stroke (CAIRO_PAINTER (self));
}

static void
cp_clip (GlidePainter *self)
{
  cairo_clip (CAIRO_PAINTER (self)->cr);
}

static PangoLayout *
make_layout (CairoPainter    *cp,
             const char      *text,
             double           size,
             GlideTextWeight  weight)
{
  PangoLayout *layout = pango_cairo_create_layout (cp->cr);
  PangoFontDescription *font = pango_font_description_from_string (cp->font_family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight == GLIDE_TEXT_BOLD ? PANGO_WEIGHT_BOLD
                                                                     : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  /* A line's base direction is left to right, as in the PDF documents
   * (glide-pdf.c), not its first strong letter's: a right-to-left name at
   * the start of a label keeps the label's order. */
  pango_context_set_base_dir (pango_layout_get_context (layout), PANGO_DIRECTION_LTR);
  pango_layout_set_auto_dir (layout, FALSE);
  /* Pango rounds glyph positions to device units: on paper a unit is a
   * point, and a 10 pt line came out 2.5% narrower than the PDF's. */
  if (cp->vector)
    pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static void
cp_show_text (GlidePainter    *self,
              double           x,
              double           y,
              const char      *text,
              double           size,
              GlideTextWeight  weight,
              GlideTextAlign   align)
{
  CairoPainter *cp = CAIRO_PAINTER (self);
  g_autoptr(PangoLayout) layout = make_layout (cp, text, size, weight);
  PangoRectangle logical;
  double baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;

  pango_layout_get_extents (layout, NULL, &logical);
  if (align == GLIDE_ALIGN_CENTER)
    x -= logical.width / (2.0 * PANGO_SCALE);
  else if (align == GLIDE_ALIGN_END)
    x -= logical.width / (double) PANGO_SCALE;

  use_color (cp->cr, &cp->parent.fill);
  cairo_move_to (cp->cr, x, y - baseline);
  pango_cairo_show_layout (cp->cr, layout);
  cairo_new_path (cp->cr);
}

static double
cp_text_width (GlidePainter    *self,
               const char      *text,
               double           size,
               GlideTextWeight  weight)
{
  g_autoptr(PangoLayout) layout = make_layout (CAIRO_PAINTER (self), text, size, weight);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static void
cp_finalize (GlidePainter *self)
{
  CairoPainter *cp = CAIRO_PAINTER (self);

  cairo_destroy (cp->cr);
  g_free (cp->font_family);
  g_free (cp);
}

static const GlidePainterClass cairo_painter_class = {
  cp_save, cp_restore, cp_translate, cp_scale,
  cp_move_to, cp_line_to, cp_curve_to, cp_close_path,
  cp_fill, cp_stroke, cp_fill_stroke, cp_clip,
  cp_show_text, cp_text_width, cp_finalize,
};

/**
 * glide_painter_cairo_new:
 * @font_family: a Pango family list, such as "Cantarell, DejaVu Sans, sans"
 * @quality: FAST halves the cost of a full body map redraw (measured in
 *   tests/bench/bench-bodymap) with no difference a user sees on screen
 */
GlidePainter *
glide_painter_cairo_new (cairo_t             *cr,
                         const char          *font_family,
                         GlidePainterQuality  quality)
{
  CairoPainter *cp = g_new0 (CairoPainter, 1);

  glide_painter_init (&cp->parent, &cairo_painter_class);
  cp->cr = cairo_reference (cr);
  if (quality == GLIDE_PAINTER_QUALITY_FAST)
    {
      cairo_set_antialias (cp->cr, CAIRO_ANTIALIAS_FAST);
      cairo_set_tolerance (cp->cr, 0.25);
    }
  cp->font_family = g_strdup (font_family ? font_family : "sans");
  {
    cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

    cp->vector = type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS ||
                 type == CAIRO_SURFACE_TYPE_SVG;
  }
  return &cp->parent;
}
