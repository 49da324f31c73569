/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-pdf.c: libharu documents. The error handler only records the first
 * error in the document's user data (no longjmp); glide_pdf_check() and the
 * save turn it into a GError. Fonts are DejaVu Sans, embedded, UTF-8, with a
 * fallback per character by fontconfig coverage.
 *
 * libharu 2.3 writes each font's tables itself, and three of them wrong or
 * too big: its subsetter drops the components of composite glyphs (Vietnamese
 * stacked marks), its ToUnicode CMap uses cidrange operators poppler rejects,
 * and its W array and CIDToGIDMap cover all 65,536 code points. Before the
 * save, finish_font() replaces the four from what was really drawn: a
 * hb-subset font that keeps glyph ids (components included), a bfchar
 * ToUnicode map, and widths and map for the code points shown. */

#define G_LOG_DOMAIN "glide-pdf"

#include "config.h"

#include "glide-pdf.h"

#include "glide-atomic-file.h"
#include "glide-painter-hpdf.h"

#include <fontconfig/fontconfig.h>
#include <fribidi.h>
#include <hb-subset.h>
#include <math.h>

G_DEFINE_QUARK (glide-pdf-error-quark, glide_pdf_error)

/* A TrueType font of the document and the characters it covers. */
typedef struct
{
  char      *file;
  int        index;     /* face in a .ttc collection */
  FcCharSet *charset;
  HPDF_Font  font;      /* loaded on first use */
  GHashTable *shown;    /* code points drawn (libharu's CIDs) */
  guint64     shown_ascii[2];   /* those below 128 again, one bit each */
  hb_face_t  *face;     /* for shaping and subsetting, on first use */
  hb_font_t  *hb_font;
  /* Shaped glyphs that are no character's own glyph get a private CID
   * (from U+E000 on, which libharu's UTF-8 encoder passes through). */
  GHashTable *private_cids;   /* "gid text" -> CID */
  GHashTable *private_glyphs; /* CID -> PrivateGlyph */
  gunichar    next_private;
} PdfFont;

typedef struct
{
  HPDF_UINT16  gid;
  char        *text;   /* the characters it stands for; "" for a cluster's later glyphs */
} PrivateGlyph;

/* What is drawn for a character no installed font has. */
#define PLACEHOLDER 0x25A1  /* WHITE SQUARE */

struct _GlidePdf
{
  HPDF_Doc     doc;
  HPDF_STATUS  error_code;
  HPDF_STATUS  error_detail;
  PdfFont     *primary[2];    /* DejaVu Sans Book and Bold */
  GPtrArray   *fallbacks;     /* PdfFont, found by coverage as text needs them */
  GHashTable  *alpha_states;  /* quantised alpha pair -> HPDF_ExtGState */
  GHashTable  *missing;       /* code points drawn as the placeholder */
  GPtrArray   *warnings;      /* one sentence per missing code point */
  char        *language;
};

/* One stretch of a line in one font, in visual (drawing) order. */
typedef struct
{
  PdfFont   *font;
  char      *text;
  gboolean   shaped;   /* text holds CIDs of shaped glyphs */
  double     width;    /* shaped: in thousandths of the font size */
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
private_glyph_free (PrivateGlyph *glyph)
{
  g_free (glyph->text);
  g_free (glyph);
}

static hb_face_t *
pdf_font_get_face (PdfFont *font)
{
  if (font->face == NULL)
    {
      hb_blob_t *blob = hb_blob_create_from_file_or_fail (font->file);

      if (blob == NULL)
        return NULL;
      font->face = hb_face_create (blob, font->index);
      hb_blob_destroy (blob);
    }
  return font->face;
}

static void
pdf_font_free (PdfFont *font)
{
  if (font == NULL)
    return;
  g_free (font->file);
  if (font->charset != NULL)
    FcCharSetDestroy (font->charset);
  g_clear_pointer (&font->shown, g_hash_table_unref);
  g_clear_pointer (&font->private_cids, g_hash_table_unref);
  g_clear_pointer (&font->private_glyphs, g_hash_table_unref);
  g_clear_pointer (&font->hb_font, hb_font_destroy);
  g_clear_pointer (&font->face, hb_face_destroy);
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
  font->shown = g_hash_table_new (g_direct_hash, g_direct_equal);
  font->private_cids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  font->private_glyphs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                (GDestroyNotify) private_glyph_free);
  font->next_private = 0xE000;
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
  self->missing = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->language = g_strdup ("en");
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
  g_clear_pointer (&self->missing, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->language);
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

/* Marks and isolates that only steer the bidi algorithm (U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069): no font draws them, so once the line is
 * in drawing order they are dropped, never shown as a placeholder. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static char *
drop_bidi_controls (const char *line)
{
  GString *out = g_string_sized_new (strlen (line));

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    if (!is_bidi_control (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Arabic and Hebrew in drawing order, Arabic letters in their joined forms
 * (FriBiDi picks the presentation forms DejaVu Sans carries). Names set
 * inside sentences come isolated (FSI … PDI) and are ordered on their own. */
static char *
visual_order (const char *line)
{
  g_autofree gunichar *logical = NULL;
  g_autofree FriBidiChar *visual = NULL;
  FriBidiParType direction = FRIBIDI_PAR_LTR;   /* the documents' language, not the first letter */
  glong n = 0;

  if (!has_rtl (line))
    return drop_bidi_controls (line);

  logical = g_utf8_to_ucs4_fast (line, -1, &n);
  visual = g_new0 (FriBidiChar, n + 1);
  if (!fribidi_log2vis ((const FriBidiChar *) logical, n, &direction, visual, NULL, NULL, NULL))
    return g_strdup (line);
  /* Shaping leaves zero-width joiners and removed characters as 0xFEFF. */
  {
    GString *out = g_string_sized_new (n * 2);

    for (glong i = 0; i < n; i++)
      if (visual[i] != 0xFEFF && visual[i] != 0 && !is_bidi_control (visual[i]))
        g_string_append_unichar (out, visual[i]);
    return g_string_free (out, FALSE);
  }
}

/* Variation selectors, emoji modifiers and tags: parts of the cluster of the
 * character before them. */
static gboolean
is_cluster_extender (gunichar c)
{
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F) || (c >= 0xE0100 && c <= 0xE01EF);
}

/* A character no installed font draws (or beyond the Basic Multilingual
 * Plane, which libharu 2.3's UTF-8 encoder cannot address) is drawn as the
 * placeholder, once per cluster, and named in a warning. */
static void
note_missing (GlidePdf *self,
              gunichar  c)
{
  if (g_hash_table_contains (self->missing, GUINT_TO_POINTER (c)))
    return;
  g_hash_table_add (self->missing, GUINT_TO_POINTER (c));
  g_ptr_array_add (self->warnings,
                   g_strdup_printf ("No installed font can draw the character U+%04X; "
                                    "the document shows \u25A1 in its place", c));
}

/* Scripts whose letters change shape or order in context (Indic, Thai, Lao,
 * Tibetan, Myanmar, Khmer): runs of them are shaped with HarfBuzz. Arabic is
 * shaped by FriBiDi before (DejaVu has its joined forms). */
static gboolean
needs_shaping (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x0900 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF))
        return TRUE;
    }
  return FALSE;
}

/* The CID that draws a glyph standing for text: the character itself when
 * the glyph is its own, else a private CID remembered for the save. */
static gunichar
cid_for_glyph (PdfFont        *font,
               HPDF_UINT16     gid,
               const char     *text,
               gsize           length)
{
  g_autofree char *key = NULL;
  gpointer cid;

  if (length > 0 && g_utf8_next_char (text) == text + length)
    {
      gunichar c = g_utf8_get_char (text);

      if (c <= 0xFFFF && HPDF_TTFontDef_GetGlyphid (((HPDF_FontAttr) font->font->attr)->fontdef,
                                                    c) == gid)
        return c;
    }
  key = g_strdup_printf ("%u %.*s", gid, (int) length, text);
  cid = g_hash_table_lookup (font->private_cids, key);
  if (cid == NULL)
    {
      PrivateGlyph *glyph = g_new0 (PrivateGlyph, 1);

      while (FcCharSetHasChar (font->charset, font->next_private) &&
             font->next_private < 0xF8FF)
        font->next_private++;
      if (font->next_private >= 0xF8FF)
        return 0xFFFF;   /* over 6,000 distinct shaped glyphs in one font */
      glyph->gid = gid;
      glyph->text = g_strndup (text, length);
      cid = GUINT_TO_POINTER (font->next_private++);
      g_hash_table_insert (font->private_cids, g_steal_pointer (&key), cid);
      g_hash_table_insert (font->private_glyphs, cid, glyph);
    }
  return GPOINTER_TO_UINT (cid);
}

/* Shapes a run with HarfBuzz and replaces its text by the CIDs of the
 * glyphs, in order; each cluster's glyphs carry its characters for copy
 * and search (ToUnicode). Glyph offsets (mark positioning) are not
 * applied: libharu 2.3 cannot position single glyphs inside a string. */
static void
shape_run (TextRun *run)
{
  PdfFont *font = run->font;
  HPDF_FontDef fontdef = ((HPDF_FontAttr) font->font->attr)->fontdef;
  hb_face_t *face = pdf_font_get_face (font);
  hb_buffer_t *buffer;
  hb_glyph_info_t *glyphs;
  unsigned int n = 0;
  GString *cids;
  gsize length = strlen (run->text);

  if (face == NULL)
    return;
  if (font->hb_font == NULL)
    font->hb_font = hb_font_create (face);
  buffer = hb_buffer_create ();
  hb_buffer_add_utf8 (buffer, run->text, -1, 0, -1);
  hb_buffer_guess_segment_properties (buffer);
  hb_shape (font->hb_font, buffer, NULL, 0);
  glyphs = hb_buffer_get_glyph_infos (buffer, &n);

  cids = g_string_new (NULL);
  run->width = 0;
  for (unsigned int i = 0; i < n;)
    {
      guint start = glyphs[i].cluster;
      guint end = length;
      unsigned int next = i + 1;
      const char *text = run->text + start;

      while (next < n && glyphs[next].cluster == start)
        next++;
      if (next < n)
        end = MAX (glyphs[next].cluster, start);
      /* The cluster's characters spread over its glyphs in order, one
       * each and the rest on the last, so each glyph's advance carries
       * text and extraction finds no gaps inside a word. */
      for (unsigned int j = i; j < next; j++)
        {
          const char *part_end = text;

          if (j + 1 == next)
            part_end = run->text + end;
          else if (text < run->text + end)
            part_end = g_utf8_next_char (text);
          g_string_append_unichar (cids, cid_for_glyph (font, glyphs[j].codepoint, text,
                                                        part_end - text));
          run->width += HPDF_TTFontDef_GetGidWidth (fontdef, glyphs[j].codepoint);
          text = part_end;
        }
      i = next;
    }
  hb_buffer_destroy (buffer);
  g_free (run->text);
  run->text = g_string_free (cids, FALSE);
  run->shaped = TRUE;
}

static void
add_run (GPtrArray *runs,
         PdfFont   *font,
         GString   *text)
{
  TextRun *run = g_new0 (TextRun, 1);

  run->font = font;
  run->text = g_strdup (text->str);
  if (needs_shaping (run->text))
    shape_run (run);
  g_ptr_array_add (runs, run);
  g_string_truncate (text, 0);
}

/* Splits one line into runs of the primary font (regular or bold) and the
 * fallbacks, after bidi reordering. */
/* Below DEL: the loop of shape_line() never looks up a font for these. */
static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x7F)
      return FALSE;
  return TRUE;
}

static GPtrArray *
shape_line (GlidePdf        *self,
            const char      *line,
            GlideTextWeight  weight)
{
  g_autofree char *visual = NULL;
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) text_run_free);
  PdfFont *primary = self->primary[weight == GLIDE_TEXT_BOLD ? 1 : 0];
  g_autoptr(GString) current = NULL;
  PdfFont *current_font = NULL;
  gboolean in_missing_cluster = FALSE;

  /* ASCII (most of a table's cells): left to right, no bidi controls,
   * nothing to shape, all of it in DejaVu Sans (controls and spaces are
   * never looked up), so one run of the primary font, as the loop below
   * would make it, without the loop. */
  if (*line != '\0' && is_ascii (line))
    {
      TextRun *run = g_new0 (TextRun, 1);

      run->font = primary;
      run->text = g_strdup (line);
      g_ptr_array_add (runs, run);
      return runs;
    }

  visual = visual_order (line);
  current = g_string_new (NULL);
  for (const char *p = visual; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      PdfFont *font = primary;

      /* The rest of a cluster already shown as one placeholder: its
       * modifiers, and a zero-width joiner with the character it joins
       * (the female sign of a person emoji). */
      if (in_missing_cluster)
        {
          if (is_cluster_extender (c))
            continue;
          if (c == 0x200D)
            {
              const char *next = g_utf8_next_char (p);

              if (*next)
                p = next;
              continue;
            }
          in_missing_cluster = FALSE;
        }

      if (c > 0xFFFF || (c > 0x20 && !FcCharSetHasChar (primary->charset, c)))
        {
          PdfFont *fallback = c <= 0xFFFF ? fallback_for (self, c) : NULL;

          if (fallback != NULL && load_font (self, fallback))
            font = fallback;
          else if (is_cluster_extender (c) || c == 0x200D || c == 0x200C)
            continue;   /* invisible by definition: nothing is lost */
          else
            {
              note_missing (self, c);
              c = PLACEHOLDER;
              in_missing_cluster = TRUE;
            }
        }
      if (font != current_font && current->len > 0)
        add_run (runs, current_font, current);
      current_font = font;
      g_string_append_unichar (current, c);
    }
  if (current->len > 0)
    add_run (runs, current_font, current);
  return runs;
}

/* HPDF_Page_TextWidth without the page: the same sum in the same float
 * arithmetic (the documents never set character or word spacing), but no
 * "Tf" written into the page's content for every measurement: a caseload
 * measures some 100,000 texts, and libharu clears a 512-byte buffer byte
 * by byte for each operator it writes. */
static double
font_text_width (HPDF_Font   font,
                 const char *text,
                 double      size)
{
  HPDF_UINT len = strlen (text);
  HPDF_REAL font_size = size;
  HPDF_REAL width = 0;
  HPDF_TextWidth tw;

  if (len == 0)
    return 0;
  tw = HPDF_Font_TextWidth (font, (const HPDF_BYTE *) text, len);
  width += tw.width * font_size / 1000;
  return width;
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

      if (run->shaped)
        width += run->width * size / 1000;
      else
        width += font_text_width (run->font->font, run->text, size);
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

      for (const char *p = run->text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* ASCII shown before: a bit, not a hash table per character. */
          if (c < 128)
            {
              guint64 bit = (guint64) 1 << (c % 64);

              if (run->font->shown_ascii[c / 64] & bit)
                continue;
              run->font->shown_ascii[c / 64] |= bit;
            }
          g_hash_table_add (run->font->shown, GUINT_TO_POINTER (c));
        }
      /* The font stays set from one text to the next (libharu keeps it in
       * the page's graphics state, as the PDF does). */
      if (HPDF_Page_GetCurrentFont (page) != run->font->font ||
          HPDF_Page_GetCurrentFontSize (page) != (HPDF_REAL) size)
        HPDF_Page_SetFontAndSize (page, run->font->font, size);
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

/**
 * glide_pdf_set_language:
 * @language: a BCP 47 tag such as "en"
 *
 * The natural language of the document's text, for screen readers and
 * hyphenation in readers (the catalog's /Lang; "en" unless set).
 */
void
glide_pdf_set_language (GlidePdf   *self,
                        const char *language)
{
  g_return_if_fail (language != NULL && *language != '\0');
  g_free (self->language);
  self->language = g_strdup (language);
}

/**
 * glide_pdf_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): one sentence for each
 *   character that no installed font draws and that the document shows as a
 *   placeholder; empty when every character was drawn
 */
GPtrArray *
glide_pdf_get_warnings (GlidePdf *self)
{
  return self->warnings;
}

/* The creation date, now (or SOURCE_DATE_EPOCH for reproducible output),
 * with its offset from UTC. */
static void
set_creation_date (GlidePdf *self)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;
  HPDF_Date date = { 0 };
  gint64 offset;

  if (epoch != NULL)
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  if (now == NULL)
    now = g_date_time_new_now_local ();
  offset = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;
  date.year = g_date_time_get_year (now);
  date.month = g_date_time_get_month (now);
  date.day = g_date_time_get_day_of_month (now);
  date.hour = g_date_time_get_hour (now);
  date.minutes = g_date_time_get_minute (now);
  date.seconds = g_date_time_get_second (now);
  date.ind = offset > 0 ? '+' : offset < 0 ? '-' : 'Z';
  date.off_hour = ABS (offset) / 60;
  date.off_minutes = ABS (offset) % 60;
  HPDF_SetInfoDateAttr (self->doc, HPDF_INFO_CREATION_DATE, date);
}

static int
compare_code_points (gconstpointer a,
                     gconstpointer b)
{
  gunichar x = *(const gunichar *) a;
  gunichar y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

/* The text a code point stands for: Arabic presentation forms (what
 * FriBiDi's shaping draws) are the letters they show, so copy and search
 * find the letters the user typed. */
static void
append_utf16_hex (GString  *out,
                  PdfFont  *font,
                  gunichar  c)
{
  PrivateGlyph *glyph = g_hash_table_lookup (font->private_glyphs, GUINT_TO_POINTER (c));
  gunichar letters[4];
  glong n = 1;

  letters[0] = c;
  if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
    n = g_unichar_fully_decompose (c, TRUE, letters, G_N_ELEMENTS (letters));
  g_string_append_c (out, '<');
  if (glyph != NULL)
    {
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (glyph->text, -1, NULL, &n, NULL);

      for (glong i = 0; utf16 != NULL && i < n; i++)
        g_string_append_printf (out, "%04X", utf16[i]);
    }
  else
    for (glong i = 0; i < n; i++)
      g_string_append_printf (out, "%04X", letters[i]);   /* all in the BMP */
  g_string_append_c (out, '>');
}

/* A ToUnicode CMap with one bfchar per code point drawn (CID = code point in
 * libharu's UTF-8 encoding). */
static char *
to_unicode_cmap (PdfFont *font,
                 GArray  *cids)
{
  GString *cmap = g_string_new ("/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                                "/Supplement 0 >> def\n"
                                "/CMapName /Adobe-Identity-UCS def\n"
                                "/CMapType 2 def\n"
                                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");

  for (guint i = 0; i < cids->len; i += 100)
    {
      guint n = MIN (100, cids->len - i);

      g_string_append_printf (cmap, "%u beginbfchar\n", n);
      for (guint j = i; j < i + n; j++)
        {
          gunichar c = g_array_index (cids, gunichar, j);

          g_string_append_printf (cmap, "<%04X> ", c);
          append_utf16_hex (cmap, font, c);
          g_string_append_c (cmap, '\n');
        }
      g_string_append (cmap, "endbfchar\n");
    }
  g_string_append (cmap, "endcmap\n"
                         "CMapName currentdict /CMap defineresource pop\n"
                         "end\n"
                         "end\n");
  return g_string_free (cmap, FALSE);
}

static void
replace_stream (HPDF_Dict     dict,
                const void   *data,
                gsize         size)
{
  HPDF_MemStream_FreeData (dict->stream);
  HPDF_Stream_Write (dict->stream, data, size);
}

/* The font program: only the glyphs drawn, each with the components of
 * composite glyphs (hb-subset closes over them, libharu 2.3 does not), at
 * their original glyph ids so libharu's CIDs and widths stay right. */
static GBytes *
subset_font_program (PdfFont *font,
                     GArray  *gids)
{
  const hb_tag_t dropped[] = {
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('J', 'S', 'T', 'F'),
    HB_TAG ('M', 'A', 'T', 'H'), HB_TAG ('D', 'S', 'I', 'G'), HB_TAG ('F', 'F', 'T', 'M'),
  };
  hb_face_t *face = pdf_font_get_face (font);
  hb_subset_input_t *input = NULL;
  hb_face_t *subset = NULL;
  GBytes *bytes = NULL;

  if (face == NULL)
    return NULL;
  input = hb_subset_input_create_or_fail ();
  if (input != NULL)
    {
      hb_set_t *glyphs = hb_subset_input_glyph_set (input);
      hb_set_t *tables = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);

      hb_set_add (glyphs, 0);
      for (guint i = 0; i < gids->len; i++)
        hb_set_add (glyphs, g_array_index (gids, HPDF_UINT16, i));
      for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
        hb_set_add (tables, dropped[i]);
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_RETAIN_GIDS);
      subset = hb_subset_or_fail (face, input);
    }
  if (subset != NULL)
    {
      hb_blob_t *data = hb_face_reference_blob (subset);
      unsigned int length = 0;
      const char *bytes_data = hb_blob_get_data (data, &length);

      if (length > 0)
        bytes = g_bytes_new (bytes_data, length);
      hb_blob_destroy (data);
      hb_face_destroy (subset);
    }
  if (input != NULL)
    hb_subset_input_destroy (input);
  return bytes;
}

/* The font descriptor libharu would write, with the subset as FontFile2;
 * libharu only makes its own when the descriptor is missing. */
static gboolean
set_font_descriptor (HPDF_Font  font,
                     GBytes    *program)
{
  HPDF_FontAttr attr = font->attr;
  HPDF_FontDef def = attr->fontdef;
  HPDF_TTFontDefAttr def_attr = def->attr;
  HPDF_Dict descriptor = HPDF_Dict_New (font->mmgr);
  HPDF_Dict data;
  HPDF_STATUS ret = HPDF_OK;
  gsize size;
  const void *bytes = g_bytes_get_data (program, &size);

  if (descriptor == NULL || HPDF_Xref_Add (attr->xref, descriptor) != HPDF_OK)
    return FALSE;
  data = HPDF_DictStream_New (font->mmgr, attr->xref);
  if (data == NULL)
    return FALSE;
  data->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  ret += HPDF_Stream_Write (data->stream, bytes, size);
  ret += HPDF_Dict_AddNumber (data, "Length1", size);
  ret += HPDF_Dict_Add (descriptor, "FontFile2", data);
  ret += HPDF_Dict_AddName (descriptor, "Type", "FontDescriptor");
  ret += HPDF_Dict_AddNumber (descriptor, "Ascent", def->ascent);
  ret += HPDF_Dict_AddNumber (descriptor, "Descent", def->descent);
  ret += HPDF_Dict_AddNumber (descriptor, "Flags", def->flags);
  ret += HPDF_Dict_Add (descriptor, "FontBBox", HPDF_Box_Array_New (font->mmgr, def->font_bbox));
  ret += HPDF_Dict_AddName (descriptor, "FontName", def_attr->base_font);
  ret += HPDF_Dict_AddNumber (descriptor, "ItalicAngle", def->italic_angle);
  ret += HPDF_Dict_AddNumber (descriptor, "StemV", def->stemv);
  ret += HPDF_Dict_AddNumber (descriptor, "XHeight", def->x_height);
  if (ret != HPDF_OK)
    return FALSE;
  def->descriptor = descriptor;
  return TRUE;
}

/* Replaces libharu's ToUnicode map, widths, CID-to-glyph map and font
 * program with ones for the code points drawn. */
static gboolean
finish_font (PdfFont *font)
{
  HPDF_FontAttr attr;
  g_autoptr(GArray) cids = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GArray) gids = g_array_new (FALSE, FALSE, sizeof (HPDF_UINT16));
  g_autofree guint8 *map = NULL;
  g_autofree char *cmap = NULL;
  g_autoptr(GBytes) program = NULL;
  HPDF_Array widths;
  HPDF_Array run = NULL;
  GHashTableIter iter;
  gpointer key;
  gunichar last;

  if (font->font == NULL || g_hash_table_size (font->shown) == 0)
    return TRUE;
  attr = font->font->attr;
  if (attr->fontdef->descriptor != NULL)
    return TRUE;   /* already finished (the document was saved before) */

  g_hash_table_iter_init (&iter, font->shown);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gunichar c = GPOINTER_TO_UINT (key);

      if (c <= 0xFFFF)
        g_array_append_val (cids, c);
    }
  g_array_sort (cids, compare_code_points);
  if (cids->len == 0)
    return TRUE;
  last = g_array_index (cids, gunichar, cids->len - 1);

  map = g_malloc0 ((last + 1) * 2);
  widths = HPDF_Array_New (font->font->mmgr);
  for (guint i = 0; i < cids->len; i++)
    {
      gunichar c = g_array_index (cids, gunichar, i);
      PrivateGlyph *glyph = g_hash_table_lookup (font->private_glyphs, GUINT_TO_POINTER (c));
      HPDF_UINT16 gid = glyph ? glyph->gid : HPDF_TTFontDef_GetGlyphid (attr->fontdef, c);

      map[c * 2] = gid >> 8;
      map[c * 2 + 1] = gid & 0xFF;
      g_array_append_val (gids, gid);
      if (run == NULL || g_array_index (cids, gunichar, i - 1) != c - 1)
        {
          HPDF_Array_AddNumber (widths, c);
          run = HPDF_Array_New (font->font->mmgr);
          HPDF_Array_Add (widths, run);
        }
      HPDF_Array_AddNumber (run, HPDF_TTFontDef_GetGidWidth (attr->fontdef, gid));
    }
  HPDF_Dict_Add (attr->descendant_font, "W", widths);
  if (attr->map_stream != NULL)
    replace_stream (attr->map_stream, map, (last + 1) * 2);
  cmap = to_unicode_cmap (font, cids);
  if (attr->cmap_stream != NULL)
    {
      replace_stream (attr->cmap_stream, cmap, strlen (cmap));
      /* The map is a ToUnicode CMap now, not libharu's encoding CMap. */
      HPDF_Dict_RemoveElement (attr->cmap_stream, "CMapName");
      HPDF_Dict_RemoveElement (attr->cmap_stream, "CIDSystemInfo");
      HPDF_Dict_RemoveElement (attr->cmap_stream, "WMode");
      HPDF_Dict_RemoveElement (attr->cmap_stream, "Type");
    }

  program = subset_font_program (font, gids);
  return program != NULL && set_font_descriptor (font->font, program);
}

/* Everything the save writes besides the pages: fonts, language, date. */
static gboolean
finish_document (GlidePdf  *self,
                 GError   **error)
{
  HPDF_Catalog catalog = self->doc->catalog;

  /* The painters leave the last texts of a page in an open text object. */
  for (guint i = 0; i < self->doc->page_list->count; i++)
    {
      HPDF_Page page = HPDF_List_ItemAt (self->doc->page_list, i);

      if (HPDF_Page_GetGMode (page) == HPDF_GMODE_TEXT_OBJECT)
        HPDF_Page_EndText (page);
    }
  for (guint i = 0; i < 2; i++)
    if (!finish_font (self->primary[i]))
      goto failed;
  for (guint i = 0; i < self->fallbacks->len; i++)
    if (!finish_font (g_ptr_array_index (self->fallbacks, i)))
      goto failed;
  HPDF_Dict_Add (catalog, "Lang", HPDF_String_New (self->doc->mmgr, self->language, NULL));
  set_creation_date (self);
  return glide_pdf_check (self, error);

failed:
  if (glide_pdf_check (self, error))
    g_set_error_literal (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_FONT,
                         "Cannot embed a subset of a font (HarfBuzz could not subset it)");
  return FALSE;
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

  if (!finish_document (self, error) || HPDF_SaveToStream (self->doc) != HPDF_OK ||
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
