/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-pdf.c: libharu documents. The error handler only records the first
 * error in the document's user data (no longjmp); glide_pdf_check() and the
 * save turn it into a GError. Fonts are DejaVu Sans, embedded, UTF-8. */

#define G_LOG_DOMAIN "glide-pdf"

#include "config.h"

#include "glide-pdf.h"

#include "glide-atomic-file.h"
#include "glide-painter-hpdf.h"

#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <math.h>

G_DEFINE_QUARK (glide-pdf-error-quark, glide_pdf_error)

/* A TrueType font of the document and the characters it covers. */
typedef struct
{
  char      *file;
  int        index;     /* face in a .ttc collection */
  FcCharSet *charset;
  HPDF_Font  font;      /* loaded on first use */
} PdfFont;

struct _GlidePdf
{
  HPDF_Doc     doc;
  HPDF_STATUS  error_code;
  HPDF_STATUS  error_detail;
  PdfFont     *primary[2];    /* DejaVu Sans Book and Bold */
  GPtrArray   *fallbacks;     /* PdfFont, found by coverage as text needs them */
  GHashTable  *alpha_states;  /* quantised alpha pair -> HPDF_ExtGState */
};

/* One stretch of a line in one font, in visual (drawing) order. */
typedef struct
{
  HPDF_Font  font;
  char      *text;
} TextRun;

static void
on_hpdf_error (HPDF_STATUS  error_no,
               HPDF_STATUS  detail_no,
               void        *user_data)
{
  GlidePdf *self = user_data;

  if (self->error_code == 0)
    {
      self->error_code = error_no;
      self->error_detail = detail_no;
    }
}

static void
pdf_font_free (PdfFont *font)
{
  if (font == NULL)
    return;
  g_free (font->file);
  if (font->charset != NULL)
    FcCharSetDestroy (font->charset);
  g_free (font);
}

/* A TrueType font from a fontconfig match (libharu reads TrueType only). */
static PdfFont *
pdf_font_from_pattern (FcPattern *match)
{
  FcChar8 *file = NULL;
  FcCharSet *charset = NULL;
  int index = 0;
  PdfFont *font;

  if (FcPatternGetString (match, FC_FILE, 0, &file) != FcResultMatch ||
      FcPatternGetCharSet (match, FC_CHARSET, 0, &charset) != FcResultMatch ||
      !(g_str_has_suffix ((const char *) file, ".ttf") ||
        g_str_has_suffix ((const char *) file, ".ttc")))
    return NULL;
  FcPatternGetInteger (match, FC_INDEX, 0, &index);

  font = g_new0 (PdfFont, 1);
  font->file = g_strdup ((const char *) file);
  font->index = index;
  font->charset = FcCharSetCopy (charset);
  return font;
}

/* The font of a family and style, through fontconfig. */
static PdfFont *
find_font (const char  *family,
           const char  *style,
           GError     **error)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, family,
                                       FC_STYLE, FcTypeString, style, NULL);
  FcPattern *match;
  FcResult result;
  FcChar8 *found_family = NULL;
  PdfFont *font = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL &&
      FcPatternGetString (match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
      g_strcmp0 ((const char *) found_family, family) == 0)
    font = pdf_font_from_pattern (match);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);

  if (font == NULL)
    g_set_error (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_FONT,
                 "The font %s %s is not installed (Debian package fonts-dejavu-core)",
                 family, style);
  return font;
}

static gboolean
load_font (GlidePdf *self,
           PdfFont  *font)
{
  const char *name;

  if (font->font != NULL)
    return TRUE;
  name = g_str_has_suffix (font->file, ".ttc") ?
         HPDF_LoadTTFontFromFile2 (self->doc, font->file, font->index, HPDF_TRUE) :
         HPDF_LoadTTFontFromFile (self->doc, font->file, HPDF_TRUE);
  font->font = name ? HPDF_GetFont (self->doc, name, "UTF-8") : NULL;
  return font->font != NULL;
}

/* A font for a character DejaVu lacks: WenQuanYi Zen Hei for CJK when it is
 * there, else whatever TrueType font fontconfig knows that has it. */
static PdfFont *
fallback_for (GlidePdf *self,
              gunichar  c)
{
  const char *preferred[] = { "WenQuanYi Zen Hei", NULL };
  FcPattern *pattern;
  FcCharSet *wanted;
  FcFontSet *sorted;
  FcResult result;
  PdfFont *font = NULL;

  for (guint i = 0; i < self->fallbacks->len; i++)
    {
      PdfFont *known = g_ptr_array_index (self->fallbacks, i);

      if (FcCharSetHasChar (known->charset, c))
        return known;
    }

  wanted = FcCharSetCreate ();
  FcCharSetAddChar (wanted, c);
  for (guint i = 0; preferred[i] != NULL && font == NULL; i++)
    {
      g_autoptr(GError) ignored = NULL;
      PdfFont *candidate = find_font (preferred[i], "Regular", &ignored);

      if (candidate != NULL && FcCharSetHasChar (candidate->charset, c))
        font = candidate;
      else
        pdf_font_free (candidate);
    }

  if (font == NULL)
    {
      pattern = FcPatternBuild (NULL, FC_CHARSET, FcTypeCharSet, wanted,
                                FC_FONTFORMAT, FcTypeString, "TrueType", NULL);
      FcConfigSubstitute (NULL, pattern, FcMatchPattern);
      FcDefaultSubstitute (pattern);
      sorted = FcFontSort (NULL, pattern, FcFalse, NULL, &result);
      for (int i = 0; sorted != NULL && i < sorted->nfont && font == NULL; i++)
        {
          FcPattern *rendered = FcFontRenderPrepare (NULL, pattern, sorted->fonts[i]);
          PdfFont *candidate = pdf_font_from_pattern (rendered);

          if (candidate != NULL && FcCharSetHasChar (candidate->charset, c))
            font = candidate;
          else
            pdf_font_free (candidate);
          FcPatternDestroy (rendered);
        }
      if (sorted != NULL)
        FcFontSetDestroy (sorted);
      FcPatternDestroy (pattern);
    }
  FcCharSetDestroy (wanted);

  if (font != NULL)
    g_ptr_array_add (self->fallbacks, font);
  return font;
}

GlidePdf *
glide_pdf_new (GError **error)
{
  g_autoptr(GlidePdf) self = g_new0 (GlidePdf, 1);
  const char *styles[2] = { "Book", "Bold" };

  self->alpha_states = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->fallbacks = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_font_free);
  self->doc = HPDF_New (on_hpdf_error, self);
  if (self->doc == NULL)
    {
      g_set_error_literal (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_LIBHARU,
                           "Cannot create a PDF document (out of memory)");
      return NULL;
    }
  HPDF_SetCompressionMode (self->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (self->doc);
  HPDF_SetCurrentEncoder (self->doc, "UTF-8");

  for (guint i = 0; i < 2; i++)
    {
      self->primary[i] = find_font ("DejaVu Sans", styles[i], error);
      if (self->primary[i] == NULL)
        return NULL;
      if (!load_font (self, self->primary[i]))
        {
          glide_pdf_check (self, error);
          g_prefix_error (error, "Cannot load %s: ", self->primary[i]->file);
          return NULL;
        }
    }

  if (!glide_pdf_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
glide_pdf_free (GlidePdf *self)
{
  if (self == NULL)
    return;
  if (self->doc != NULL)
    HPDF_Free (self->doc);
  for (guint i = 0; i < 2; i++)
    pdf_font_free (self->primary[i]);
  g_clear_pointer (&self->fallbacks, g_ptr_array_unref);
  g_hash_table_unref (self->alpha_states);
  g_free (self);
}

HPDF_Doc
glide_pdf_get_doc (GlidePdf *self)
{
  return self->doc;
}

HPDF_Font
glide_pdf_get_font (GlidePdf        *self,
                    GlideTextWeight  weight)
{
  return self->primary[weight == GLIDE_TEXT_BOLD ? 1 : 0]->font;
}

static void
text_run_free (TextRun *run)
{
  g_free (run->text);
  g_free (run);
}

static gboolean
has_rtl (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      FriBidiCharType type = fribidi_get_bidi_type (g_utf8_get_char (p));

      if (type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL)
        return TRUE;
    }
  return FALSE;
}

/* Arabic and Hebrew in drawing order, Arabic letters in their joined forms
 * (FriBiDi picks the presentation forms DejaVu Sans carries). */
static char *
visual_order (const char *line)
{
  g_autofree gunichar *logical = NULL;
  g_autofree FriBidiChar *visual = NULL;
  FriBidiParType direction = FRIBIDI_PAR_ON;
  glong n = 0;

  if (!has_rtl (line))
    return g_strdup (line);

  logical = g_utf8_to_ucs4_fast (line, -1, &n);
  visual = g_new0 (FriBidiChar, n + 1);
  if (!fribidi_log2vis ((const FriBidiChar *) logical, n, &direction, visual, NULL, NULL, NULL))
    return g_strdup (line);
  /* Shaping leaves zero-width joiners and removed characters as 0xFEFF. */
  {
    GString *out = g_string_sized_new (n * 2);

    for (glong i = 0; i < n; i++)
      if (visual[i] != 0xFEFF && visual[i] != 0)
        g_string_append_unichar (out, visual[i]);
    return g_string_free (out, FALSE);
  }
}

/* Splits one line into runs of the primary font (regular or bold) and the
 * fallbacks, after bidi reordering. */
static GPtrArray *
shape_line (GlidePdf        *self,
            const char      *line,
            GlideTextWeight  weight)
{
  g_autofree char *visual = visual_order (line);
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) text_run_free);
  PdfFont *primary = self->primary[weight == GLIDE_TEXT_BOLD ? 1 : 0];
  GString *current = g_string_new (NULL);
  HPDF_Font current_font = NULL;

  for (const char *p = visual; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      HPDF_Font font = primary->font;

      if (!FcCharSetHasChar (primary->charset, c) && c > 0x20)
        {
          PdfFont *fallback = fallback_for (self, c);

          if (fallback != NULL && load_font (self, fallback))
            font = fallback->font;
        }
      if (font != current_font && current->len > 0)
        {
          TextRun *run = g_new0 (TextRun, 1);

          run->font = current_font;
          run->text = g_strdup (current->str);
          g_ptr_array_add (runs, run);
          g_string_truncate (current, 0);
        }
      current_font = font;
      g_string_append_unichar (current, c);
    }
  if (current->len > 0)
    {
      TextRun *run = g_new0 (TextRun, 1);

      run->font = current_font;
      run->text = g_string_free (g_steal_pointer (&current), FALSE);
      g_ptr_array_add (runs, run);
    }
  if (current != NULL)
    g_string_free (current, TRUE);
  return runs;
}

/**
 * glide_pdf_text_width:
 *
 * The width of one line of text in points, measured with HPDF_Page_TextWidth
 * run by run (each in the font that draws it).
 */
double
glide_pdf_text_width (GlidePdf        *self,
                      HPDF_Page        page,
                      const char      *text,
                      double           size,
                      GlideTextWeight  weight)
{
  g_autoptr(GPtrArray) runs = shape_line (self, text, weight);
  double width = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (runs, i);

      HPDF_Page_SetFontAndSize (page, run->font, size);
      width += HPDF_Page_TextWidth (page, run->text);
    }
  return width;
}

/* Draws one line inside BT ... ET; the text matrix is already set. Each
 * string advances the text position, so the runs follow one another. */
void
glide_pdf_show_text (GlidePdf        *self,
                     HPDF_Page        page,
                     const char      *text,
                     double           size,
                     GlideTextWeight  weight)
{
  g_autoptr(GPtrArray) runs = shape_line (self, text, weight);

  for (guint i = 0; i < runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (runs, i);

      HPDF_Page_SetFontAndSize (page, run->font, size);
      HPDF_Page_ShowText (page, run->text);
    }
}

/* Document information in UTF-8 (libharu writes it as UTF-16 with the
 * document's UTF-8 encoder current). */
void
glide_pdf_set_info (GlidePdf   *self,
                    const char *title,
                    const char *author,
                    const char *subject)
{
  if (title != NULL)
    HPDF_SetInfoAttr (self->doc, HPDF_INFO_TITLE, title);
  if (author != NULL)
    HPDF_SetInfoAttr (self->doc, HPDF_INFO_AUTHOR, author);
  if (subject != NULL)
    HPDF_SetInfoAttr (self->doc, HPDF_INFO_SUBJECT, subject);
  HPDF_SetInfoAttr (self->doc, HPDF_INFO_CREATOR, "Glide " PACKAGE_VERSION);
}

/* Transparency needs an extended graphics state; one per alpha pair. */
HPDF_ExtGState
glide_pdf_get_alpha_state (GlidePdf *self,
                           double    fill_alpha,
                           double    stroke_alpha)
{
  guint fa = (guint) round (CLAMP (fill_alpha, 0, 1) * 100);
  guint sa = (guint) round (CLAMP (stroke_alpha, 0, 1) * 100);
  gpointer key = GUINT_TO_POINTER (fa * 1000 + sa + 1);
  HPDF_ExtGState state = g_hash_table_lookup (self->alpha_states, key);

  if (state == NULL)
    {
      state = HPDF_CreateExtGState (self->doc);
      HPDF_ExtGState_SetAlphaFill (state, fa / 100.0);
      HPDF_ExtGState_SetAlphaStroke (state, sa / 100.0);
      g_hash_table_insert (self->alpha_states, key, state);
    }
  return state;
}

/**
 * glide_pdf_add_page:
 * @width: in points
 * @height: in points
 *
 * Returns: (transfer full): a painter for the new page, origin at its top left
 */
GlidePainter *
glide_pdf_add_page (GlidePdf *self,
                    double    width,
                    double    height)
{
  HPDF_Page page = HPDF_AddPage (self->doc);

  HPDF_Page_SetWidth (page, width);
  HPDF_Page_SetHeight (page, height);
  return glide_painter_hpdf_new (self, page, height);
}

gboolean
glide_pdf_check (GlidePdf  *self,
                 GError   **error)
{
  if (self->error_code == 0)
    return TRUE;
  g_set_error (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_LIBHARU,
               "libharu error 0x%04X (detail %u)", (guint) self->error_code,
               (guint) self->error_detail);
  return FALSE;
}

GBytes *
glide_pdf_to_bytes (GlidePdf  *self,
                    GError   **error)
{
  g_autofree guchar *data = NULL;
  HPDF_UINT32 size;

  if (!glide_pdf_check (self, error) || HPDF_SaveToStream (self->doc) != HPDF_OK ||
      !glide_pdf_check (self, error))
    return NULL;
  HPDF_ResetStream (self->doc);
  size = HPDF_GetStreamSize (self->doc);
  data = g_malloc (MAX (size, 1));
  if (HPDF_ReadFromStream (self->doc, data, &size) != HPDF_OK && size == 0)
    {
      glide_pdf_check (self, error);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* Written to a temporary file (0600) and renamed into place when complete. */
gboolean
glide_pdf_save (GlidePdf    *self,
                const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = glide_pdf_to_bytes (self, error);
  g_autoptr(GlideAtomicFile) file = NULL;
  gsize size;
  const void *data;

  if (bytes == NULL || (file = glide_atomic_file_new (path, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_output_stream_write_all (glide_atomic_file_get_stream (file), data, size, NULL, NULL,
                                    error) &&
         glide_atomic_file_commit (file, error);
}
