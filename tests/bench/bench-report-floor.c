/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report-floor.c: the floor a document is measured against. The text
 * of Glide's PDF is read back once with `pdftotext -bbox` (words with their
 * boxes, page by page); words that follow one another on a line at a word
 * space's distance make one text, as Glide draws a cell or a line at once.
 * The timed part is what a minimal libharu program does with that text: a
 * new document, DejaVu Sans Book and Bold embedded (the files Glide uses,
 * found by fontconfig before timing), UTF-8, compressed; the same number of
 * pages of the same size; each text shown at its place; the file saved. No
 * layout, no shaping, no data: what any program producing these pages pays. */

#include "config.h"

#include "bench-report-floor.h"

#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <string.h>

typedef struct
{
  guint   page;
  double  x, y;      /* baseline start, from the page's top left */
  double  size;
  char   *text;
} FloorText;

struct _BenchFloor
{
  GArray *page_sizes;   /* double pairs: width, height */
  GArray *texts;        /* FloorText */
  char   *fonts[2];     /* Book, Bold */
  /* parsing */
  gboolean in_word;
  FloorText word;
  double   word_right;
  double   last_right;
  GString *word_text;
};

/* DejaVu Sans: ascent 0.928, descent 0.236 of the size. */
#define EXTENT 1.164
#define DESCENT 0.236

static void
text_clear (gpointer data)
{
  g_free (((FloorText *) data)->text);
}

void
bench_floor_free (BenchFloor *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->page_sizes);
  g_array_unref (self->texts);
  g_free (self->fonts[0]);
  g_free (self->fonts[1]);
  if (self->word_text != NULL)
    g_string_free (self->word_text, TRUE);
  g_free (self);
}

static double
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return g_ascii_strtod (values[i], NULL);
  return 0;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  BenchFloor *self = user_data;

  if (strcmp (element, "page") == 0)
    {
      double size[2] = { attribute (names, values, "width"), attribute (names, values, "height") };

      g_array_append_vals (self->page_sizes, size, 2);
      self->last_right = -1;
    }
  else if (strcmp (element, "word") == 0)
    {
      double top = attribute (names, values, "yMin");
      double bottom = attribute (names, values, "yMax");

      self->in_word = TRUE;
      self->word.page = self->page_sizes->len / 2 - 1;
      self->word.x = attribute (names, values, "xMin");
      self->word.size = (bottom - top) / EXTENT;
      self->word.y = bottom - DESCENT * self->word.size;
      self->word_right = attribute (names, values, "xMax");
      g_string_truncate (self->word_text, 0);
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  BenchFloor *self = user_data;

  if (self->in_word)
    g_string_append_len (self->word_text, text, length);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  BenchFloor *self = user_data;
  FloorText *last;

  if (strcmp (element, "word") != 0)
    return;
  self->in_word = FALSE;
  last = self->texts->len > 0 ? &g_array_index (self->texts, FloorText, self->texts->len - 1)
                              : NULL;
  /* The next word of the same text: same page, line and size, one word
   * space (about a third of the size) after the one before. */
  if (last != NULL && last->page == self->word.page && self->last_right >= 0 &&
      ABS (last->y - self->word.y) < 0.5 && ABS (last->size - self->word.size) < 0.3 &&
      self->word.x >= self->last_right && self->word.x - self->last_right < 0.45 * last->size)
    {
      char *joined = g_strconcat (last->text, " ", self->word_text->str, NULL);

      g_free (last->text);
      last->text = joined;
    }
  else
    {
      FloorText t = self->word;

      t.text = g_strdup (self->word_text->str);
      g_array_append_val (self->texts, t);
    }
  self->last_right = self->word_right;
}

static char *
font_file (const char  *style,
           GError     **error)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, "DejaVu Sans",
                                       FC_STYLE, FcTypeString, style, NULL);
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  char *path = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL && FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch)
    path = g_strdup ((const char *) file);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "DejaVu Sans %s is not installed", style);
  return path;
}

/**
 * bench_floor_new_from_pdf:
 * @pdf: a document Glide wrote
 *
 * Reads the text and pages of @pdf (with pdftotext, not timed).
 */
BenchFloor *
bench_floor_new_from_pdf (const char  *pdf,
                          GError     **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr(BenchFloor) self = g_new0 (BenchFloor, 1);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *html = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  self->page_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  self->texts = g_array_new (FALSE, FALSE, sizeof (FloorText));
  g_array_set_clear_func (self->texts, text_clear);
  self->word_text = g_string_new (NULL);
  if (pdftotext == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "pdftotext is not installed (Debian package poppler-utils)");
      return NULL;
    }
  {
    const char *argv[] = { pdftotext, "-q", "-enc", "UTF-8", "-bbox", pdf, "-", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &html, &errors,
                       &status, error) ||
        !g_spawn_check_wait_status (status, error))
      return NULL;
  }
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, self, NULL);
  if (!g_markup_parse_context_parse (context, html, -1, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return NULL;
  if (!(self->fonts[0] = font_file ("Book", error)) ||
      !(self->fonts[1] = font_file ("Bold", error)))
    return NULL;
  return g_steal_pointer (&self);
}

guint
bench_floor_get_n_pages (BenchFloor *self)
{
  return self->page_sizes->len / 2;
}

guint
bench_floor_get_n_texts (BenchFloor *self)
{
  return self->texts->len;
}

static void
on_error (HPDF_STATUS  error_no,
          HPDF_STATUS  detail_no,
          void        *user_data)
{
  HPDF_STATUS *first = user_data;

  if (*first == 0)
    *first = error_no;
}

/**
 * bench_floor_draw:
 * @path: the PDF to write
 *
 * The timed part: the pages and their text, drawn and saved by libharu.
 * The page footers' "Page X of Y" are in bold, the rest in Book, so both
 * faces are embedded as in Glide's documents.
 */
gboolean
bench_floor_draw (BenchFloor  *self,
                  const char  *path,
                  GError     **error)
{
  HPDF_STATUS failed = 0;
  HPDF_Doc doc = HPDF_New (on_error, &failed);
  HPDF_Font fonts[2];
  guint next = 0;

  HPDF_SetCompressionMode (doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (doc);
  HPDF_SetCurrentEncoder (doc, "UTF-8");
  for (guint i = 0; i < 2; i++)
    fonts[i] = HPDF_GetFont (doc, HPDF_LoadTTFontFromFile (doc, self->fonts[i], HPDF_TRUE),
                             "UTF-8");

  for (guint p = 0; p < bench_floor_get_n_pages (self); p++)
    {
      HPDF_Page page = HPDF_AddPage (doc);
      double height = g_array_index (self->page_sizes, double, 2 * p + 1);

      HPDF_Page_SetWidth (page, g_array_index (self->page_sizes, double, 2 * p));
      HPDF_Page_SetHeight (page, height);
      HPDF_Page_BeginText (page);
      for (; next < self->texts->len; next++)
        {
          FloorText *t = &g_array_index (self->texts, FloorText, next);

          if (t->page != p)
            break;
          HPDF_Page_SetFontAndSize (page, fonts[g_str_has_prefix (t->text, "Page ")], t->size);
          HPDF_Page_TextOut (page, t->x, height - t->y, t->text);
        }
      HPDF_Page_EndText (page);
    }

  if (failed == 0)
    HPDF_SaveToFile (doc, path);
  HPDF_Free (doc);
  if (failed != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libharu error 0x%04X", (guint) failed);
      return FALSE;
    }
  return TRUE;
}
