/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-hpdf.c: the libharu back-end. The page is flipped once so the
 * painter's top-left origin holds; text matrices flip glyphs back upright.
 *
 * Only what changes is written: a colour, line style, transparency or font
 * the page already has is not set again (libharu's graphics state, and the
 * transparency kept here, both saved and restored with q/Q), and texts that
 * follow one another share one BT ... ET, ended before anything else is
 * drawn (and by glide_pdf_to_bytes at the end of the page). A caseload table
 * of 20,000 rows wrote seven operators for every cell, each of which costs
 * libharu a 512-byte clear. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter-hpdf.h"

#include <hpdf_pages.h>
#include <hpdf_utils.h>
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
  HPDF_ExtGState alpha;       /* the transparency set on the page, NULL: none yet */
  GArray       *saved;        /* SavedState, one per q */
} HpdfPainter;

/* What Q restores that libharu's graphics state does not hold. */
typedef struct
{
  double         scale;
  HPDF_ExtGState alpha;
} SavedState;

#define HPDF_PAINTER(p) ((HpdfPainter *) (p))

/* HPDF_Page_SetDash took integer lengths until libharu 2.4, reals since:
 * the one place that knows. Nothing is written when the page has that dash. */
static void
set_dash (HPDF_Page page,
          double    dash)
{
#if HPDF_VERSION_ID < 20400
  HPDF_UINT16 pattern[1] = { (HPDF_UINT16) MAX (1, round (dash)) };
#else
  HPDF_REAL pattern[1] = { (HPDF_REAL) dash };
#endif
  HPDF_DashMode current = HPDF_Page_GetDash (page);

  if (dash > 0)
    {
      if (current.num_ptn != 1 || current.ptn[0] != pattern[0] || current.phase != 0)
        HPDF_Page_SetDash (page, pattern, 1, 0);
    }
  else if (current.num_ptn != 0)
    HPDF_Page_SetDash (page, NULL, 0, 0);
}

/* Texts share a text object; anything else ends it first. */
static void
end_text (HpdfPainter *hp)
{
  if (HPDF_Page_GetGMode (hp->page) == HPDF_GMODE_TEXT_OBJECT)
    HPDF_Page_EndText (hp->page);
}

/* HPDF_Page_SetTextMatrix writes the same bytes (libharu's own number
 * format, HPDF_FToA), after clearing a 512-byte buffer byte by byte: a
 * caseload places 200,000 texts. The state it keeps is kept the same way. */
static void
set_text_matrix (HPDF_Page page,
                 double    x,
                 double    y)
{
  HPDF_PageAttr attr = page->attr;
  const HPDF_REAL values[] = { 1, 0, 0, -1, x, y };
  char buf[6 * (HPDF_REAL_LEN + 1) + 8];
  char *p = buf;
  char *end = buf + sizeof buf - 1;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      p = HPDF_FToA (p, values[i], end);
      *p++ = ' ';
    }
  memcpy (p, "Tm\012", 4);
  HPDF_Stream_WriteStr (attr->stream, buf);
  attr->text_matrix = (HPDF_TransMatrix) { 1, 0, 0, -1, values[4], values[5] };
  attr->text_pos.x = attr->text_matrix.x;
  attr->text_pos.y = attr->text_matrix.y;
}

static void
hp_save (GlidePainter *self)
{
  HpdfPainter *hp = HPDF_PAINTER (self);
  SavedState saved = { hp->scale, hp->alpha };

  end_text (hp);
  g_array_append_val (hp->saved, saved);
  HPDF_Page_GSave (hp->page);
}

static void
hp_restore (GlidePainter *self)
{
  HpdfPainter *hp = HPDF_PAINTER (self);

  end_text (hp);
  if (hp->saved->len > 0)
    {
      SavedState *saved = &g_array_index (hp->saved, SavedState, hp->saved->len - 1);

      hp->scale = saved->scale;
      hp->alpha = saved->alpha;
      g_array_set_size (hp->saved, hp->saved->len - 1);
    }
  HPDF_Page_GRestore (hp->page);
}

/* @value with @decimals decimals as printf ("%.*f") rounds it, trailing
 * zeros and a trailing point dropped, "-0" written "0"; into @out (at least
 * G_ASCII_DTOSTR_BUF_SIZE bytes), returning the end. Without printf (a body
 * map's outlines have 20,000 numbers, and printf was most of a progress
 * report's drawing), except for a value at a rounding tie or too large. */
static char *
format_number (char   *out,
               double  value,
               int     decimals)
{
  static const double powers[] = { 1, 10, 100, 1000, 10000, 100000 };
  double scaled = value * powers[decimals];
  double fraction = fabs (scaled - trunc (scaled));
  char digits[24];
  guint64 n;
  int len = 0;
  char *end;

  if (fabs (scaled) >= 1e12 || fabs (fraction - 0.5) < 1e-6)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (out, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      end = out + strlen (out);
      if (strchr (out, '.') != NULL)
        {
          while (end[-1] == '0')
            end--;
          if (end[-1] == '.')
            end--;
        }
      *end = '\0';
      if (strcmp (out, "-0") == 0)
        {
          out[0] = '0';
          out[1] = '\0';
          end = out + 1;
        }
      return end;
    }

  /* Less than 1e12 and not a tie: the nearest integer is the one printf
   * rounds to (the product's error is far below 1e-6). */
  n = (guint64) llround (fabs (scaled));
  end = out;
  if (n == 0)
    {
      *end++ = '0';
      *end = '\0';
      return end;
    }
  if (scaled < 0)
    *end++ = '-';
  for (guint64 rest = n; rest > 0 || len <= decimals; rest /= 10)
    digits[len++] = '0' + rest % 10;
  /* digits holds the number backwards; the first `decimals` are the fraction. */
  for (int i = len - 1; i >= decimals; i--)
    *end++ = digits[i];
  {
    int keep = decimals;

    while (keep > 0 && digits[decimals - keep] == '0')
      keep--;
    if (keep > 0)
      {
        *end++ = '.';
        for (int i = decimals - 1; i >= decimals - keep; i--)
          *end++ = digits[i];
      }
  }
  *end = '\0';
  return end;
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
  char text[6 * G_ASCII_DTOSTR_BUF_SIZE + 8];
  char *end = text;

  g_return_if_fail (n <= 6);

  for (guint i = 0; i < n; i++)
    {
      end = format_number (end, values[i], decimals);
      *end++ = ' ';
    }
  /* An operator of a letter or two: room is left for it and the newline. */
  end += MIN (g_strlcpy (end, op, sizeof text - 1 - (end - text)),
              sizeof text - 2 - (end - text));
  *end++ = '\n';
  *end = '\0';
  HPDF_Stream_WriteStr (attr->stream, text);
  attr->cur_pos.x = values[n - 2];
  attr->cur_pos.y = values[n - 1];
}

static void
hp_translate (GlidePainter *self,
              double        dx,
              double        dy)
{
  end_text (HPDF_PAINTER (self));
  HPDF_Page_Concat (HPDF_PAINTER (self)->page, 1, 0, 0, 1, dx, dy);
}

static void
hp_scale (GlidePainter *self,
          double        sx,
          double        sy)
{
  end_text (HPDF_PAINTER (self));
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
      end_text (hp);
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

static gboolean
same_rgb (HPDF_RGBColor     current,
          const GlideColor *color)
{
  return current.r == (HPDF_REAL) color->r && current.g == (HPDF_REAL) color->g &&
         current.b == (HPDF_REAL) color->b;
}

/* The transparency of what comes next; a text object has to end first
 * (libharu sets it only outside one). */
static void
set_alpha (HpdfPainter *hp,
           double       fill_alpha,
           double       stroke_alpha)
{
  HPDF_ExtGState alpha = glide_pdf_get_alpha_state (hp->pdf, fill_alpha, stroke_alpha);

  if (alpha == hp->alpha)
    return;
  end_text (hp);
  HPDF_Page_SetExtGState (hp->page, alpha);
  hp->alpha = alpha;
}

/* Colours, transparency and line style go into the page state before a path
 * or a text begins, those the page does not have yet. */
static void
apply_state (HpdfPainter *hp,
             gboolean     fill,
             gboolean     stroke)
{
  HPDF_Page page = hp->page;

  set_alpha (hp, fill ? hp->parent.fill.a : 1, stroke ? hp->parent.stroke.a : 1);
  if (fill && (HPDF_Page_GetFillingColorSpace (page) != HPDF_CS_DEVICE_RGB ||
               !same_rgb (HPDF_Page_GetRGBFill (page), &hp->parent.fill)))
    HPDF_Page_SetRGBFill (page, hp->parent.fill.r, hp->parent.fill.g, hp->parent.fill.b);
  if (stroke)
    {
      if (HPDF_Page_GetStrokingColorSpace (page) != HPDF_CS_DEVICE_RGB ||
          !same_rgb (HPDF_Page_GetRGBStroke (page), &hp->parent.stroke))
        HPDF_Page_SetRGBStroke (page, hp->parent.stroke.r, hp->parent.stroke.g,
                                hp->parent.stroke.b);
      if (HPDF_Page_GetLineWidth (page) != (HPDF_REAL) hp->parent.line_width)
        HPDF_Page_SetLineWidth (page, hp->parent.line_width);
      if (HPDF_Page_GetLineJoin (page) != HPDF_ROUND_JOIN)
        HPDF_Page_SetLineJoin (page, HPDF_ROUND_JOIN);
      if (HPDF_Page_GetLineCap (page) != HPDF_ROUND_END)
        HPDF_Page_SetLineCap (page, HPDF_ROUND_END);
      set_dash (page, hp->parent.dash);
    }
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
  if (HPDF_Page_GetGMode (hp->page) != HPDF_GMODE_TEXT_OBJECT)
    HPDF_Page_BeginText (hp->page);
  set_text_matrix (hp->page, x, y);
  glide_pdf_show_text (hp->pdf, hp->page, text, size, weight);
}

static void
hp_finalize (GlidePainter *self)
{
  g_array_unref (HPDF_PAINTER (self)->saved);
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
  hp->saved = g_array_new (FALSE, FALSE, sizeof (SavedState));

  /* PDF's origin is the bottom left, y up; the painter's is the top left. */
  HPDF_Page_Concat (page, 1, 0, 0, -1, 0, height);
  return &hp->parent;
}
