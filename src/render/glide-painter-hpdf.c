/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-hpdf.c: the libharu back-end. The page is flipped once so the
 * painter's top-left origin holds; text matrices flip glyphs back upright. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter-hpdf.h"

#include <hpdf_version.h>
#include <math.h>

typedef struct
{
  GlidePainter  parent;
  GlidePdf     *pdf;
  HPDF_Page     page;
  gboolean      in_path;
} HpdfPainter;

#define HPDF_PAINTER(p) ((HpdfPainter *) (p))

/* HPDF_Page_SetDash took integer lengths until libharu 2.4, reals since:
 * the one place that knows. */
static void
set_dash (HPDF_Page page,
          double    dash)
{
#if HPDF_VERSION_ID < 20400
  HPDF_UINT16 pattern[1] = { (HPDF_UINT16) MAX (1, round (dash)) };
#else
  HPDF_REAL pattern[1] = { (HPDF_REAL) dash };
#endif

  if (dash > 0)
    HPDF_Page_SetDash (page, pattern, 1, 0);
  else
    HPDF_Page_SetDash (page, NULL, 0, 0);
}

static void
hp_save (GlidePainter *self)
{
  HPDF_Page_GSave (HPDF_PAINTER (self)->page);
}

static void
hp_restore (GlidePainter *self)
{
  HPDF_Page_GRestore (HPDF_PAINTER (self)->page);
}

static void
hp_translate (GlidePainter *self,
              double        dx,
              double        dy)
{
  HPDF_Page_Concat (HPDF_PAINTER (self)->page, 1, 0, 0, 1, dx, dy);
}

static void
hp_scale (GlidePainter *self,
          double        sx,
          double        sy)
{
  HPDF_Page_Concat (HPDF_PAINTER (self)->page, sx, 0, 0, sy, 0, 0);
}

static void apply_state (HpdfPainter *hp,
                         gboolean     fill,
                         gboolean     stroke);

static void
hp_move_to (GlidePainter *self,
            double        x,
            double        y)
{
  HpdfPainter *hp = HPDF_PAINTER (self);

  /* PDF takes no colour changes inside a path: set them as it begins. */
  if (!hp->in_path)
    {
      apply_state (hp, TRUE, TRUE);
      hp->in_path = TRUE;
    }
  HPDF_Page_MoveTo (hp->page, x, y);
}

static void
hp_line_to (GlidePainter *self,
            double        x,
            double        y)
{
  HPDF_Page_LineTo (HPDF_PAINTER (self)->page, x, y);
}

static void
hp_curve_to (GlidePainter *self,
             double        x1,
             double        y1,
             double        x2,
             double        y2,
             double        x,
             double        y)
{
  HPDF_Page_CurveTo (HPDF_PAINTER (self)->page, x1, y1, x2, y2, x, y);
}

static void
hp_close_path (GlidePainter *self)
{
  HPDF_Page_ClosePath (HPDF_PAINTER (self)->page);
}

/* Colours, transparency and line style go into the page state before a path
 * or a text begins. */
static void
apply_state (HpdfPainter *hp,
             gboolean     fill,
             gboolean     stroke)
{
  HPDF_Page page = hp->page;

  if (fill)
    HPDF_Page_SetRGBFill (page, hp->parent.fill.r, hp->parent.fill.g, hp->parent.fill.b);
  if (stroke)
    {
      HPDF_Page_SetRGBStroke (page, hp->parent.stroke.r, hp->parent.stroke.g, hp->parent.stroke.b);
      HPDF_Page_SetLineWidth (page, hp->parent.line_width);
      HPDF_Page_SetLineJoin (page, HPDF_ROUND_JOIN);
      HPDF_Page_SetLineCap (page, HPDF_ROUND_END);
      set_dash (page, hp->parent.dash);
    }
  HPDF_Page_SetExtGState (page, glide_pdf_get_alpha_state (hp->pdf, fill ? hp->parent.fill.a : 1,
                                                           stroke ? hp->parent.stroke.a : 1));
}

static void
paint (GlidePainter *self,
       gboolean      fill,
       gboolean      stroke)
{
  HpdfPainter *hp = HPDF_PAINTER (self);
  HPDF_Page page = hp->page;

  hp->in_path = FALSE;
  if (fill && stroke)
    HPDF_Page_FillStroke (page);
  else if (fill)
    HPDF_Page_Fill (page);
  else
    HPDF_Page_Stroke (page);
}

static void
hp_fill (GlidePainter *self)
{
  paint (self, TRUE, FALSE);
}

static void
hp_stroke (GlidePainter *self)
{
  paint (self, FALSE, TRUE);
}

static void
hp_fill_stroke (GlidePainter *self)
{
  paint (self, TRUE, TRUE);
}

static void
hp_clip (GlidePainter *self)
{
  HPDF_PAINTER (self)->in_path = FALSE;
  HPDF_Page_Clip (HPDF_PAINTER (self)->page);
  HPDF_Page_EndPath (HPDF_PAINTER (self)->page);
}

static double
hp_text_width (GlidePainter    *self,
               const char      *text,
               double           size,
               GlideTextWeight  weight)
{
  HpdfPainter *hp = HPDF_PAINTER (self);

  return glide_pdf_text_width (hp->pdf, hp->page, text, size, weight);
}

static void
hp_show_text (GlidePainter    *self,
              double           x,
              double           y,
              const char      *text,
              double           size,
              GlideTextWeight  weight,
              GlideTextAlign   align)
{
  HpdfPainter *hp = HPDF_PAINTER (self);
  double width = hp_text_width (self, text, size, weight);

  if (align == GLIDE_ALIGN_CENTER)
    x -= width / 2;
  else if (align == GLIDE_ALIGN_END)
    x -= width;

  apply_state (hp, TRUE, FALSE);
  HPDF_Page_BeginText (hp->page);
  HPDF_Page_SetTextMatrix (hp->page, 1, 0, 0, -1, x, y);
  glide_pdf_show_text (hp->pdf, hp->page, text, size, weight);
  HPDF_Page_EndText (hp->page);
}

static void
hp_finalize (GlidePainter *self)
{
  g_free (self);
}

static const GlidePainterClass hpdf_painter_class = {
  hp_save, hp_restore, hp_translate, hp_scale,
  hp_move_to, hp_line_to, hp_curve_to, hp_close_path,
  hp_fill, hp_stroke, hp_fill_stroke, hp_clip,
  hp_show_text, hp_text_width, hp_finalize,
};

GlidePainter *
glide_painter_hpdf_new (GlidePdf  *pdf,
                        HPDF_Page  page,
                        double     height)
{
  HpdfPainter *hp = g_new0 (HpdfPainter, 1);

  glide_painter_init (&hp->parent, &hpdf_painter_class);
  hp->pdf = pdf;
  hp->page = page;

  /* PDF's origin is the bottom left, y up; the painter's is the top left. */
  HPDF_Page_Concat (page, 1, 0, 0, -1, 0, height);
  return &hp->parent;
}
