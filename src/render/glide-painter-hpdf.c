/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-hpdf.c: the libharu back-end. The page is flipped once so the
 * painter's top-left origin holds; text matrices flip glyphs back upright. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter-hpdf.h"

#include <hpdf_pages.h>
#include <hpdf_version.h>
#include <math.h>
#include <string.h>

typedef struct
{
  GlidePainter  parent;
  GlidePdf     *pdf;
  HPDF_Page     page;
  gboolean      in_path;
  double        scale;        /* of the current transformation, at most */
  GArray       *saved_scales;
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
  HpdfPainter *hp = HPDF_PAINTER (self);

  g_array_append_val (hp->saved_scales, hp->scale);
  HPDF_Page_GSave (hp->page);
}

static void
hp_restore (GlidePainter *self)
{
  HpdfPainter *hp = HPDF_PAINTER (self);

  if (hp->saved_scales->len > 0)
    {
      hp->scale = g_array_index (hp->saved_scales, double, hp->saved_scales->len - 1);
      g_array_set_size (hp->saved_scales, hp->saved_scales->len - 1);
    }
  HPDF_Page_GRestore (hp->page);
}

/* Path points to 0.01 pt on the page, written by hand: libharu 2.3 writes
 * every coordinate as a float with five decimals ("241.89999"), which made
 * the body map's outlines 300 KB of page content. The path was begun by
 * HPDF_Page_MoveTo, so libharu's own state says it is inside a path. */
static void
write_path_op (HpdfPainter  *hp,
               const double *values,
               guint         n,
               const char   *op)
{
  HPDF_PageAttr attr = hp->page->attr;
  int decimals = CLAMP ((int) ceil (2 + log10 (MAX (hp->scale, 1e-6))), 0, 5);
  char format[8];
  GString *text = g_string_sized_new (64);

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  for (guint i = 0; i < n; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      char *end;

      g_ascii_formatd (number, sizeof number, format, values[i]);
      if (strchr (number, '.') != NULL)
        {
          end = number + strlen (number) - 1;
          while (*end == '0')
            *end-- = '\0';
          if (*end == '.')
            *end = '\0';
        }
      g_string_append (text, strcmp (number, "-0") == 0 ? "0" : number);
      g_string_append_c (text, ' ');
    }
  g_string_append (text, op);
  g_string_append_c (text, '\n');
  HPDF_Stream_WriteStr (attr->stream, text->str);
  g_string_free (text, TRUE);
  attr->cur_pos.x = values[n - 2];
  attr->cur_pos.y = values[n - 1];
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
  HPDF_PAINTER (self)->scale *= MAX (fabs (sx), fabs (sy));
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
  const double values[] = { x, y };

  write_path_op (HPDF_PAINTER (self), values, 2, "l");
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
  const double values[] = { x1, y1, x2, y2, x, y };

  write_path_op (HPDF_PAINTER (self), values, 6, "c");
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

  /* Text that starts at x needs no measuring (a caseload shows 200,000). */
  if (align == GLIDE_ALIGN_CENTER)
    x -= hp_text_width (self, text, size, weight) / 2;
  else if (align == GLIDE_ALIGN_END)
    x -= hp_text_width (self, text, size, weight);

  apply_state (hp, TRUE, FALSE);
  HPDF_Page_BeginText (hp->page);
  HPDF_Page_SetTextMatrix (hp->page, 1, 0, 0, -1, x, y);
  glide_pdf_show_text (hp->pdf, hp->page, text, size, weight);
  HPDF_Page_EndText (hp->page);
}

static void
hp_finalize (GlidePainter *self)
{
  g_array_unref (HPDF_PAINTER (self)->saved_scales);
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
  hp->scale = 1;
  hp->saved_scales = g_array_new (FALSE, FALSE, sizeof (double));

  /* PDF's origin is the bottom left, y up; the painter's is the top left. */
  HPDF_Page_Concat (page, 1, 0, 0, -1, 0, height);
  return &hp->parent;
}
