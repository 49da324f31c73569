/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-test-utils.c: the clinic the PDF document tests start from,
 * the glide binary run on it in the C locale, and the documents read back
 * with poppler-utils (text, flattened, and words with their boxes). */

#include "config.h"

#include "glide-report-test-utils.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "glide-test-utils.h"

/* pdftotext -bbox writes text as XML: &amp; and friends. */
static char *
unescape (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "&lt;", "<", 0);
  g_string_replace (s, "&gt;", ">", 0);
  g_string_replace (s, "&quot;", "\"", 0);
  g_string_replace (s, "&apos;", "'", 0);
  g_string_replace (s, "&amp;", "&", 0);
  return g_utf8_normalize (s->str, -1, G_NORMALIZE_NFKC);
}

/* A temporary folder with glide.db, therapist Dana Whitfield (and Luis
 * Ortega if asked), and the clinic Harbour Physio on A4 with the address
 * and phone given (NULL: none). */
void
glide_report_test_fixture_set_up (GlideReportTestFixture *f,
                                  gboolean                with_luis,
                                  const char             *address,
                                  const char             *phone)
{
  f->dir = glide_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "glide.db", NULL);
  f->store = glide_test_open_store (f->dir, "glide.db");
  f->dana = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  if (with_luis)
    f->luis = glide_test_add_therapist (f->store, "lo", "Luis Ortega");
  glide_report_test_set_clinic (f, "Harbour Physio", address, phone, GLIDE_PAPER_A4);
}

/* An array of GlideReportTestWord's clear function. */
void
glide_report_test_word_clear (gpointer data)
{
  g_free (((GlideReportTestWord *) data)->text);
}

void
glide_report_test_fixture_tear_down (GlideReportTestFixture *f,
                                     gconstpointer           data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The clinic's details; a NULL address or phone is left as a new clinic
 * has it. */
void
glide_report_test_set_clinic (GlideReportTestFixture *f,
                              const char             *name,
                              const char             *address,
                              const char             *phone,
                              GlidePaper              paper)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  g_autoptr(GError) error = NULL;

  g_free (clinic->name);
  clinic->name = g_strdup (name);
  if (address != NULL)
    {
      g_free (clinic->address);
      clinic->address = g_strdup (address);
    }
  if (phone != NULL)
    {
      g_free (clinic->phone);
      clinic->phone = g_strdup (phone);
    }
  clinic->paper = paper;
  g_assert_true (glide_store_set_clinic (f->store, clinic, &error));
  g_assert_no_error (error);
}

/* Runs glide with -d db (NULL: the fixture's) and the arguments, in the C
 * locale; env_extra is one more NAME=VALUE, or NULL. Returns its exit
 * status; its standard error in err if asked. */
int
glide_report_test_run_glide (GlideReportTestFixture  *f,
                             const char              *db,
                             const char              *env_extra,
                             char                   **err,
                             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *env[] = { "LC_ALL=C.UTF-8", env_extra, NULL };
  const char *arg;
  va_list list;

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, (gpointer) (db ? db : f->db));
  va_start (list, err);
  for (arg = va_arg (list, const char *); arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  return glide_test_run_glide (f->dir, env, args, &out, err);
}

/* A poppler tool's standard output; its standard error (warnings about
 * libharu's CMaps, among others) in err if asked. */
char *
glide_report_test_poppler (char       **err,
                           const char  *tool,
                           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;
  g_autofree char *ignored = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tool);
  va_start (args, tool);
  for (arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (glide_test_run ((const char *const *) argv->pdata, &out,
                                   err ? err : &ignored), ==, 0);
  return out;
}

/* Text with every run of white space made one space, in NFKC (so Arabic
 * presentation forms compare equal to the letters stored). */
char *
glide_report_test_flatten (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *flat = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = flat->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (flat, ' ');
      space = FALSE;
      g_string_append_unichar (flat, c);
    }
  return g_string_free (flat, FALSE);
}

/* The document's text in reading order, flattened; one page or all (page 0). */
char *
glide_report_test_pdf_text (const char *pdf,
                            guint       page)
{
  g_autofree char *raw = NULL;
  g_autofree char *number = g_strdup_printf ("%u", page);

  if (page > 0)
    raw = glide_report_test_poppler (NULL, "pdftotext", "-f", number, "-l", number, pdf, "-",
                                     NULL);
  else
    raw = glide_report_test_poppler (NULL, "pdftotext", pdf, "-", NULL);
  return glide_report_test_flatten (raw);
}

/* Every word pdftotext -bbox gives, with its page and box in points, of one
 * page or all (page 0; numbered from 1 either way); page_sizes, if given,
 * gets each page's GlideReportTestPageSize. */
GArray *
glide_report_test_pdf_words (const char                *pdf,
                             guint                      page,
                             GlideReportTestWordsFlags  flags,
                             GArray                    *page_sizes)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *html = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *words = g_array_new (FALSE, FALSE, sizeof (GlideReportTestWord));
  guint on_page = 0;

  if (page > 0)
    html = glide_report_test_poppler (NULL, "pdftotext", "-bbox", "-f", number, "-l", number, pdf,
                                      "-", NULL);
  else
    html = glide_report_test_poppler (NULL, "pdftotext", "-bbox", pdf, "-", NULL);
  lines = g_strsplit (html, "\n", -1);
  g_array_set_clear_func (words, glide_report_test_word_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GlideReportTestPageSize size;
      GlideReportTestWord word = { 0 };
      const char *start;
      const char *end;

      if (sscanf (lines[i], " <page width=\"%lf\" height=\"%lf\">", &size.width,
                  &size.height) == 2)
        {
          on_page++;
          if (page_sizes != NULL)
            g_array_append_val (page_sizes, size);
          continue;
        }
      if (sscanf (lines[i], " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">",
                  &word.x0, &word.y0, &word.x1, &word.y1) != 4)
        continue;
      start = strchr (lines[i], '>') + 1;
      end = strstr (start, "</word>");
      if (flags & GLIDE_REPORT_TEST_WORDS_STRICT)
        {
          g_assert_nonnull (end);
          g_assert_cmpuint (on_page, >, 0);
        }
      if (end == NULL)
        continue;
      word.page = on_page;
      word.text = g_strndup (start, end - start);
      if (flags & GLIDE_REPORT_TEST_WORDS_READABLE)
        {
          g_autofree char *raw = g_steal_pointer (&word.text);

          word.text = unescape (raw);
        }
      g_array_append_val (words, word);
    }
  return words;
}

/* The pixels of the PGM file @path (as pdftoppm -gray writes it), row by
 * row, one byte each; its size in @width and @height. */
GByteArray *
glide_report_test_read_pgm (const char *path,
                            int        *width,
                            int        *height)
{
  g_autofree char *data = NULL;
  gsize length;
  int max, header = 0;
  GByteArray *pixels;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", width, height, &max, &header), ==, 3);
  header++;   /* the single white space after the maximum */
  g_assert_cmpuint (length, ==, (gsize) header + (gsize) *width * (gsize) *height);
  pixels = g_byte_array_sized_new (length - header);
  g_byte_array_append (pixels, (const guint8 *) data + header, length - header);
  return pixels;
}

/* Page 1 in grey at scale pixels per point (72 dpi times scale), rendered
 * into dir and cropped to a box: its pixels row by row, as a PGM's bytes. */
GByteArray *
glide_report_test_page_pixels (const char               *dir,
                               const char               *pdf,
                               const GlideReportTestBox *box,
                               guint                     scale)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *pgm = g_strconcat (prefix, "-1.pgm", NULL);
  g_autofree char *resolution = g_strdup_printf ("%u", 72 * scale);
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftoppm", "-gray", "-r", resolution, "-f", "1", "-l", "1", pdf,
                         prefix, NULL };
  g_autoptr(GByteArray) page = NULL;
  GByteArray *pixels = g_byte_array_new ();
  int width, height;

  g_assert_cmpint (glide_test_run (argv, NULL, &err), ==, 0);
  page = glide_report_test_read_pgm (pgm, &width, &height);
  for (int y = MAX (0, (int) (box->y0 * scale)); y < MIN (height, (int) ceil (box->y1 * scale));
       y++)
    for (int x = MAX (0, (int) (box->x0 * scale)); x < MIN (width, (int) ceil (box->x1 * scale));
         x++)
      g_byte_array_append (pixels, page->data + y * width + x, 1);
  g_unlink (pgm);
  return pixels;
}

/* Pixels darker than middle grey. */
guint
glide_report_test_count_dark (GByteArray *pixels)
{
  guint n = 0;

  for (guint i = 0; i < pixels->len; i++)
    n += pixels->data[i] < 128;
  return n;
}

void
glide_report_test_assert_contains (const char *text,
                                   const char *expected)
{
  if (strstr (text, expected) == NULL)
    {
      g_test_message ("text: %s", text);
      g_error ("expected to find: %s", expected);
    }
}

void
glide_report_test_assert_lacks (const char *text,
                                const char *unexpected)
{
  if (strstr (text, unexpected) != NULL)
    g_error ("did not expect to find: %s", unexpected);
}
