/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-layout.c: the page engine of the PDF documents, read back with
 * poppler's tools: every page names its patient, tables keep their columns
 * with long unbroken text, page breaks keep what belongs together, the
 * footer holds a long clinic name, type is big enough to read, and an
 * edge-case clinic prints every page inside its margins without text drawn
 * over text. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

/* The text area of glide-report-document.c, with half a point of slack for
 * poppler's rounding: side margins 48 pt, content from 50 pt below the top,
 * the footer lines ending 28 pt above the bottom edge. */
#define SIDE    47.5
#define TOP     47.5
#define BOTTOM  28.0

typedef GlideReportTestFixture Fixture;
typedef GlideReportTestWord Word;

typedef struct
{
  double  width, height;
  GArray *words;   /* Word */
} Page;

static void
page_clear (gpointer data)
{
  g_array_unref (((Page *) data)->words);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  glide_report_test_fixture_set_up (f, FALSE, NULL, "555 0100");
}

/* Runs glide on the fixture's database; returns its exit status. */
#define run_glide(f, err, ...) \
  glide_report_test_run_glide ((f), NULL, NULL, (err), __VA_ARGS__)

static char *
make_pdf (Fixture    *f,
          const char *what,
          const char *chart,
          const char *paper,
          const char *name)
{
  char *pdf = g_build_filename (f->dir, name, NULL);
  g_autofree char *err = NULL;
  int status;

  if (chart != NULL)
    status = run_glide (f, &err, what, chart, "--paper", paper, "-o", pdf, NULL);
  else
    status = run_glide (f, &err, what, "--from", "2020-01-01", "--to", "2026-12-31",
                        "--paper", paper, "-o", pdf, NULL);
  if (status != 0)
    g_error ("glide %s %s failed: %s", what, chart ? chart : "", err);
  return pdf;
}

/* Every page with its words and their boxes, from pdftotext -bbox. */
static GArray *
read_pages (const char *pdf)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) words = glide_report_test_pdf_words (pdf, 0,
                                                         GLIDE_REPORT_TEST_WORDS_READABLE |
                                                         GLIDE_REPORT_TEST_WORDS_STRICT,
                                                         sizes);
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (Page));

  g_array_set_clear_func (pages, page_clear);
  for (guint p = 0; p < sizes->len; p++)
    {
      const GlideReportTestPageSize *size = &g_array_index (sizes, GlideReportTestPageSize, p);
      Page page = { size->width, size->height, g_array_new (FALSE, FALSE, sizeof (Word)) };

      g_array_set_clear_func (page.words, glide_report_test_word_clear);
      g_array_append_val (pages, page);
    }
  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);
      Word word = *w;

      w->text = NULL;   /* the page's words own it now */
      g_array_append_val (g_array_index (pages, Page, word.page - 1).words, word);
    }
  return pages;
}

static gboolean
boxes_overlap (const Word *a,
               const Word *b)
{
  /* Touching boxes are fine; a point of shared ink is not. */
  double dx = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
  double dy = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

  return dx > 1.0 && dy > 1.5;
}

/* No word outside the text area (the footer's two lines below it), and no
 * two words drawn over each other. */
static void
assert_pages_clean (const char *pdf)
{
  g_autoptr(GArray) pages = read_pages (pdf);

  g_assert_cmpuint (pages->len, >, 0);
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);

      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);

          if (w->x0 < SIDE || w->x1 > page->width - SIDE || w->y0 < TOP ||
              w->y1 > page->height - BOTTOM)
            g_error ("%s, page %u: \"%s\" at %.1f,%.1f-%.1f,%.1f is outside the margins", pdf,
                     p + 1, w->text, w->x0, w->y0, w->x1, w->y1);
          for (guint k = i + 1; k < page->words->len; k++)
            {
              Word *v = &g_array_index (page->words, Word, k);

              if (boxes_overlap (w, v))
                g_error ("%s, page %u: \"%s\" (%.1f,%.1f-%.1f,%.1f) overlaps \"%s\" "
                         "(%.1f,%.1f-%.1f,%.1f)", pdf, p + 1, w->text, w->x0, w->y0, w->x1,
                         w->y1, v->text, v->x0, v->y0, v->x1, v->y1);
            }
        }
    }
}

/* Every page rasterised by poppler at 60 dpi; each must have ink. In grey
 * (PGM), which pdftoppm writes three times as fast as PNG; in PNG when
 * GLIDE_TEST_KEEP_PAGES=dir asks for the pages, to look at there. */
static void
rasterise (Fixture    *f,
           const char *pdf)
{
  const char *keep = g_getenv ("GLIDE_TEST_KEEP_PAGES");
  const char *suffix = keep != NULL ? "png" : "pgm";
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GArray) pages = read_pages (pdf);
  const char *argv[] = { "pdftoppm", keep != NULL ? "-png" : "-gray", "-r", "60", pdf, prefix,
                         NULL };

  g_assert_cmpint (glide_test_run (argv, NULL, &err), ==, 0);
  for (guint p = 1; p <= pages->len; p++)
    {
      /* pdftoppm pads the number to the digits of the last page's. */
      g_autofree char *one = g_strdup_printf ("%s-%u.%s", prefix, p, suffix);
      g_autofree char *two = g_strdup_printf ("%s-%02u.%s", prefix, p, suffix);
      g_autofree char *three = g_strdup_printf ("%s-%03u.%s", prefix, p, suffix);
      const char *file = g_file_test (one, G_FILE_TEST_EXISTS) ? one :
                         g_file_test (two, G_FILE_TEST_EXISTS) ? two : three;
      g_autoptr(GByteArray) pixels = NULL;
      int width, height;

      g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
      if (keep != NULL)
        continue;
      pixels = glide_report_test_read_pgm (file, &width, &height);
      if (glide_report_test_count_dark (pixels) == 0)
        g_error ("%s: page %u has no ink", pdf, p);
      g_unlink (file);
    }
  if (keep != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (prefix);
      g_autofree char *stem = g_path_get_basename (prefix);
      g_autoptr(GDir) kept = g_dir_open (folder, 0, NULL);
      const char *name;

      while (kept != NULL && (name = g_dir_read_name (kept)) != NULL)
        if (g_str_has_prefix (name, stem) && g_str_has_suffix (name, ".png"))
          {
            g_autofree char *from = g_build_filename (folder, name, NULL);
            g_autofree char *to = g_build_filename (keep, name, NULL);
            g_autofree char *contents = NULL;
            gsize length = 0;

            g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
            g_assert_true (g_file_set_contents (to, contents, length, NULL));
          }
    }
}

static gint64
add_patient (Fixture    *f,
             const char *chart,
             const char *family,
             const char *given)
{
  gint64 patient = glide_test_add_patient (f->store, chart, family, given);

  return glide_test_add_course (f->store, patient, "2026-01-05");
}

static char *
visit_date (guint i)
{
  GDate date;

  g_date_set_dmy (&date, 5, 1, 2026);
  g_date_add_days (&date, i * 2);
  return g_strdup_printf ("%04d-%02d-%02dT09:00", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/* A session as glide_test_new_session makes it (two areas, pain and knee
 * before and after), with a note; signed unless draft. */
static gint64
add_session (Fixture    *f,
             gint64      course,
             guint       i,
             const char *note,
             gboolean    draft)
{
  g_autofree char *start = visit_date (i);
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, start);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (session->note);
  session->note = g_strdup (note);
  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  if (!draft)
    {
      g_autofree char *signed_at = g_strdup_printf ("%.10sT20:00", start);

      g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
      g_assert_no_error (error);
    }
  return id;
}

/* ---- 1. every page names the patient ------------------------------------------ */

static void
test_running_header (Fixture       *f,
                     gconstpointer  data)
{
  gint64 course = add_patient (f, "RH-7", "Lindqvist", "Maja");
  g_autofree char *summary = NULL;
  g_autofree char *progress = NULL;
  const char *pdfs[2];

  for (guint i = 0; i < 24; i++)
    add_session (f, course, i, "Tender along the medial band.", FALSE);
  summary = make_pdf (f, "--summary", "RH-7", "a4", "summary.pdf");
  progress = make_pdf (f, "--report", "RH-7", "letter", "progress.pdf");
  pdfs[0] = summary;
  pdfs[1] = progress;

  for (guint d = 0; d < G_N_ELEMENTS (pdfs); d++)
    {
      g_autoptr(GArray) pages = read_pages (pdfs[d]);

      g_assert_cmpuint (pages->len, >=, 2);
      for (guint p = 1; p <= pages->len; p++)
        {
          g_autofree char *text = pdf_text (pdfs[d], p);

          g_test_message ("%s page %u", pdfs[d], p);
          assert_contains (text, "Lindqvist");
          assert_contains (text, "Maja");
          assert_contains (text, "RH-7");
          assert_contains (text, "2 Apr 1980");
        }
      assert_pages_clean (pdfs[d]);
    }
}

/* A right-to-left name comes first in the footer's line, before the chart
 * number, as in a left-to-right document it should. */
static void
test_running_header_rtl (Fixture       *f,
                         gconstpointer  data)
{
  gint64 course = add_patient (f, "RH-8", "الحسيني", "ليلى");
  g_autofree char *summary = NULL;
  g_autoptr(GArray) pages = NULL;

  for (guint i = 0; i < 3; i++)
    add_session (f, course, i, NULL, FALSE);
  summary = make_pdf (f, "--summary", "RH-8", "a4", "summary.pdf");
  pages = read_pages (summary);
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);
      double chart_x = -1, name_x = -1;

      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);
          gunichar first = g_utf8_get_char (w->text);

          if (w->y0 < page->height - 62)
            continue;
          if (g_strcmp0 (w->text, "Chart") == 0)
            chart_x = w->x0;
          if (first >= 0x0600 && first <= 0x06ff)
            name_x = MAX (name_x, w->x1);
        }
      g_assert_cmpfloat (name_x, >, 0);
      g_assert_cmpfloat (chart_x, >, name_x);
    }
}

/* ---- 5. long unbreakable text --------------------------------------------------- */

static gboolean
page_has_word (const Page *page,
               const char *word)
{
  for (guint i = 0; i < page->words->len; i++)
    if (g_strcmp0 (g_array_index (page->words, Word, i).text, word) == 0)
      return TRUE;
  return FALSE;
}

static void
test_long_words (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) unbroken = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *caseload = NULL;
  g_autofree char *long_name = NULL;
  gint64 course;

  while (unbroken->len < 600)
    g_string_append (unbroken, "Unbrokenplantarfasciaobservation");
  course = add_patient (f, "LW-1",
                        "Featherstonehaugh-Cholmondeley-Marjoribanks-Wolstenholme-Smythe", "Al");
  for (guint i = 0; i < 3; i++)
    add_session (f, course, i, unbroken->str, FALSE);
  {
    g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, "2026-02-20T09:00");
    GlideTreatment *t = g_ptr_array_index (session->treatments, 0);
    g_autoptr(GError) error = NULL;

    g_free (t->note);
    t->note = g_strdup (unbroken->str);
    g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
    g_assert_no_error (error);
  }
  long_name = g_strnfill (200, 'W');
  course = add_patient (f, "LW-2", long_name, "Bo");
  add_session (f, course, 1, NULL, FALSE);

  summary = make_pdf (f, "--summary", "LW-1", "a4", "summary.pdf");
  caseload = make_pdf (f, "--caseload", NULL, "letter", "caseload.pdf");
  assert_pages_clean (summary);
  assert_pages_clean (caseload);

  /* The header words stay whole, however long the text under them. */
  {
    g_autoptr(GArray) pages = read_pages (caseload);
    Page *first = &g_array_index (pages, Page, 0);
    const char *headers[] = { "Therapist", "Chart", "Patient", "Diagnosis", "Petechiae",
                              "Unsigned", "verdict" };

    for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
      if (!page_has_word (first, headers[i]))
        g_error ("caseload: header word %s is broken", headers[i]);
  }
  {
    g_autoptr(GArray) pages = read_pages (summary);
    gboolean seen = FALSE, hyphen = FALSE;

    for (guint p = 0; p < pages->len; p++)
      {
        Page *page = &g_array_index (pages, Page, p);

        seen |= page_has_word (page, "Petechiae") && page_has_word (page, "Technique");
        for (guint i = 0; i < page->words->len; i++)
          {
            const char *w = g_array_index (page->words, Word, i).text;

            hyphen |= g_str_has_prefix (w, "Unbroken") && g_str_has_suffix (w, "-");
          }
      }
    g_assert_true (seen);
    /* A word broken inside its cell says so with a hyphen. */
    g_assert_true (hyphen);
  }
}

/* ---- 10. long notes under their session -------------------------------------- */

static void
test_long_note_row (Fixture       *f,
                    gconstpointer  data)
{
  gint64 course = add_patient (f, "LN-1", "Okafor", "Ngozi");
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, "2026-02-20T09:00");
  GlideTreatment *t = g_ptr_array_index (session->treatments, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) note = g_string_new ("NOTESTART");
  g_autofree char *summary = NULL;
  g_autoptr(GArray) pages = NULL;
  double start_y = -1, end_y = -1;
  guint start_page = 0, end_page = 0;

  while (note->len < 230)
    g_string_append (note, " tender band along the medial plantar fascia");
  g_string_append (note, " NOTEEND");
  g_free (t->note);
  t->note = g_strdup (note->str);
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
  g_assert_no_error (error);

  summary = make_pdf (f, "--summary", "LN-1", "a4", "summary.pdf");
  pages = read_pages (summary);
  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);

      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);

          if (strstr (w->text, "NOTESTART"))
            start_y = w->y0, start_page = p;
          if (strstr (w->text, "NOTEEND"))
            end_y = w->y0, end_page = p;
        }
      g_assert_false (page_has_word (page, "Petechia"));
    }
  g_assert_cmpfloat (start_y, >, 0);
  g_assert_cmpuint (start_page, ==, end_page);
  /* 240 characters run in a full-width row: three lines at most. */
  g_assert_cmpfloat (end_y - start_y, <, 3 * 11.0);
  assert_pages_clean (summary);
}

/* ---- 11. a long clinic name in the footer ---------------------------------------- */

static void
test_long_clinic_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *name = g_strdup ("Riverside Instrument-Assisted Soft Tissue Mobilisation and "
                                    "Sports Physiotherapy Centre of Greater Northumberland and the Borders");
  gint64 course = add_patient (f, "CN-1", "Park", "Jin");
  const char *papers[] = { "a4", "letter" };

  g_assert_cmpuint (strlen (name), >, 120);
  glide_report_test_set_clinic (f, name, NULL, "555 0100", GLIDE_PAPER_A4);
  add_session (f, course, 0, NULL, FALSE);
  add_session (f, course, 1, NULL, FALSE);
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *progress = make_pdf (f, "--report", "CN-1", papers[p], "progress.pdf");
      g_autofree char *caseload = make_pdf (f, "--caseload", NULL, papers[p], "caseload.pdf");
      g_autofree char *text = pdf_text (progress, 1);

      assert_contains (text, "Page 1 of");
      assert_pages_clean (progress);
      assert_pages_clean (caseload);
    }
}

/* ---- 12. type sizes -------------------------------------------------------------- */

/* The smallest box height of the words equal to word (NULL: of all but
 * the body map's R and L), across the document. */
static double
smallest_height (GArray     *pages,
                 const char *word)
{
  double smallest = G_MAXDOUBLE;

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);

      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);

          if (word == NULL ? g_strcmp0 (w->text, "R") != 0 && g_strcmp0 (w->text, "L") != 0
                           : g_strcmp0 (w->text, word) == 0)
            smallest = MIN (smallest, w->y1 - w->y0);
        }
    }
  return smallest;
}

static void
test_type_sizes (Fixture       *f,
                 gconstpointer  data)
{
  gint64 course = add_patient (f, "TS-1", "Berg", "Ola");
  g_autofree char *progress = NULL;
  g_autoptr(GArray) pages = NULL;
  /* DejaVu Sans: a word's box is 1.164 times its size. */
  const double box = 1.164;

  for (guint i = 0; i < 4; i++)
    add_session (f, course, i, NULL, FALSE);
  progress = make_pdf (f, "--report", "TS-1", "a4", "progress.pdf");
  pages = read_pages (progress);
  /* Body text: the lines about what to expect, and the labels of the facts. */
  g_assert_cmpfloat (smallest_height (pages, "soreness"), >=, 10 * box - 0.1);
  g_assert_cmpfloat (smallest_height (pages, "birth"), >=, 10 * box - 0.1);
  g_assert_cmpfloat (smallest_height (pages, "Minutes:"), >=, 10 * box - 0.1);
  /* Tables and chart axes. */
  g_assert_cmpfloat (smallest_height (pages, "Minutes"), >=, 8 * box - 0.1);
  g_assert_cmpfloat (smallest_height (pages, "Visit"), >=, 8 * box - 0.1);
  /* The body map's side marks; everything else 8 pt at least. */
  g_assert_cmpfloat (smallest_height (pages, "R"), >=, 6 * box - 0.1);
  g_assert_cmpfloat (smallest_height (pages, "L"), >=, 6 * box - 0.1);
  g_assert_cmpfloat (smallest_height (pages, NULL), >=, 8 * box - 0.1);
}

/* ---- 6. page breaks ---------------------------------------------------------------- */

/* The headings of the patient documents (a session's begins "Session"). */
static gboolean
is_heading (const char *line)
{
  const char *headings[] = {
    "Your visits", "Your home program", "What to expect after treatment",
    "Where you were treated", "Your measurements", "How you are doing", "Sessions", "Trends",
    "Petechiae", "Patient", "Course", "Screening: precautions and contraindications",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (g_strcmp0 (line, headings[i]) == 0)
      return TRUE;
  /* A session's heading, its signature or draft mark, its emollient: what
   * must stay with the session's tables. */
  /* The trends table's heading and the thresholds it explains. */
  if (g_str_has_prefix (line, "Change from the first to the latest") ||
      g_str_has_suffix (line, "their published MCID."))
    return TRUE;
  return (g_str_has_prefix (line, "Session ") && strstr (line, " of ") != NULL) ||
         g_str_has_prefix (line, "Signed by ") || g_str_has_prefix (line, "DRAFT") ||
         g_str_has_prefix (line, "Emollient") || g_str_has_prefix (line, "Given at your visit");
}

/* On every page more than one line of content, the lowest line not a
 * heading; and, if asked, a first page not left a quarter empty. */
static void
assert_breaks (const char *pdf,
               gboolean    first_page_full)
{
  g_autoptr(GArray) pages = read_pages (pdf);

  for (guint p = 0; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (double));
      double lowest = 0;
      double footer_top = page->height - 62;
      g_autoptr(GString) last = g_string_new (NULL);

      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);
          gboolean known = FALSE;

          if (w->y0 >= footer_top)
            continue;
          lowest = MAX (lowest, w->y1);
          for (guint k = 0; k < lines->len; k++)
            known |= fabs (g_array_index (lines, double, k) - w->y1) < 2;
          if (!known)
            g_array_append_val (lines, w->y1);
        }
      for (guint i = 0; i < page->words->len; i++)
        {
          Word *w = &g_array_index (page->words, Word, i);

          if (fabs (w->y1 - lowest) < 2)
            {
              if (last->len > 0)
                g_string_append_c (last, ' ');
              g_string_append (last, w->text);
            }
        }
      if (lines->len < 2)
        g_error ("%s: page %u holds %u line", pdf, p + 1, lines->len);
      /* The first page is not left a third empty. */
      if (first_page_full && p == 0 && pages->len > 1 && (footer_top - lowest) / (footer_top - TOP) > 0.25)
        g_error ("%s: the first page ends %.0f pt above its footer", pdf, footer_top - lowest);
      if (is_heading (last->str) && p + 1 < pages->len)
        g_error ("%s: page %u ends with a heading (\"%s\")", pdf, p + 1, last->str);
    }
}

static void
test_page_breaks (Fixture       *f,
                  gconstpointer  data)
{
  gint64 course = add_patient (f, "PB-1", "Silva", "Ana");
  guint safety_alone = 0;

  /* Every number of visits up to 14 moves the breaks a little further. */
  for (guint n = 0; n < 14; n++)
    {
      g_autofree char *progress = NULL;
      g_autofree char *summary = NULL;
      g_autoptr(GArray) pages = NULL;

      add_session (f, course, n, n % 3 ? "Tender along the medial band, eased with strokes." :
                   NULL, FALSE);
      progress = make_pdf (f, "--report", "PB-1", n % 2 ? "a4" : "letter", "progress.pdf");
      summary = make_pdf (f, "--summary", "PB-1", n % 2 ? "letter" : "a4", "summary.pdf");
      assert_breaks (progress, TRUE);
      assert_breaks (summary, FALSE);

      /* The safety paragraph is on a page with what comes before it. */
      pages = read_pages (progress);
      for (guint p = 1; p <= pages->len; p++)
        {
          g_autofree char *text = pdf_text (progress, p);

          if (strstr (text, "Call the clinic") != NULL &&
              strstr (text, "What to expect after treatment") == NULL)
            safety_alone++;
        }
      /* Where a table runs on to another page, that page says so. */
      for (guint p = 2; p <= pages->len; p++)
        {
          g_autofree char *text = pdf_text (progress, p);
          g_autofree char *before = pdf_text (progress, p - 1);

          if (strstr (text, "Areas treated") != NULL && strstr (before, "Areas treated") != NULL)
            assert_contains (text, "(continued)");
        }
    }
  g_assert_cmpuint (safety_alone, ==, 0);
}

/* The demo clinic's reports on both papers: when the body map does not fit
 * under the charts, the visits fill the first page instead of a gap. */
static void
test_first_page (Fixture       *f,
                 gconstpointer  data)
{
  const char *papers[] = { "a4", "letter" };
  guint made = 0;

  g_clear_object (&f->store);
  g_unlink (f->db);
  g_assert_cmpint (run_glide (f, NULL, "--demo", NULL), ==, 0);
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (guint c = 1001; c <= 1012; c++)
      {
        g_autofree char *chart = g_strdup_printf ("P-%u", c);
        g_autofree char *pdf = g_build_filename (f->dir, "first.pdf", NULL);

        if (run_glide (f, NULL, "--report", chart, "--paper", papers[p], "-o", pdf, NULL) != 0)
          continue;
        g_test_message ("%s on %s", chart, papers[p]);
        assert_breaks (pdf, TRUE);
        made++;
      }
  g_assert_cmpuint (made, >=, 12);
}

/* A discharge note of 0 to 24 lines moves what follows down the first page
 * line by line: the table of changes never leaves its heading and the
 * thresholds it explains at the foot of the page before it. */
static void
test_discharge_breaks (Fixture       *f,
                       gconstpointer  data)
{
  for (guint k = 0; k <= 24; k++)
    {
      g_autofree char *chart = g_strdup_printf ("DS-%u", k);
      gint64 course = add_patient (f, chart, "Dirk", "Discharged");
      g_autoptr(GlideDischarge) out = glide_discharge_new (course);
      g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
      g_autoptr(GString) note = g_string_new ("Done.");
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("discharge-%u.pdf", k);
      g_autofree char *pdf = NULL;

      /* Pain alone: one row of charts, as a course measured only so. */
      for (guint v = 0; v < 2; v++)
        {
          g_autofree char *start = visit_date (v);
          g_autofree char *signed_at = g_strdup_printf ("%.10sT20:00", start);
          g_autoptr(GlideSession) session = glide_session_new (course, start, f->dana);
          GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
          gint64 id;

          calf->duration_s = 60;
          g_ptr_array_add (session->treatments, calf);
          g_ptr_array_add (session->measurements,
                           glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                  GLIDE_TIMING_PRE, 6 - v));
          id = glide_store_save_draft_session (f->store, session, &error);
          g_assert_no_error (error);
          g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
          g_assert_no_error (error);
        }
      for (guint i = 0; i < k; i++)
        g_string_append (note, "\nThe patient walks to work again.");
      out->date = g_strdup ("2026-01-20");
      out->reason = GLIDE_DISCHARGE_GOALS_MET;
      g_free (out->note);
      out->note = g_strdup (note->str);
      out->by = f->dana;
      out->at = g_strdup ("2026-01-20T10:00");
      g_assert_true (glide_store_discharge_course (f->store, out, statuses, &error));
      g_assert_no_error (error);

      pdf = make_pdf (f, "--discharge-summary", chart, "a4", name);
      assert_pages_clean (pdf);
      assert_breaks (pdf, FALSE);
    }
}

/* Motions at the ends of their valid range (-60 to 200 degrees): the axes
 * run from -100 to 300, and the label "−100°" stays inside the margin. */
static void
test_rom_extremes (Fixture       *f,
                   gconstpointer  data)
{
  const double flexion[] = { -60, 200, -60, 200 };
  gint64 course = add_patient (f, "RX-1", "Extreme", "Rita");
  const char *papers[] = { "a4", "letter" };

  for (guint v = 0; v < G_N_ELEMENTS (flexion); v++)
    {
      g_autofree char *start = visit_date (v);
      g_autofree char *signed_at = g_strdup_printf ("%.10sT20:00", start);
      g_autoptr(GlideSession) session = glide_session_new (course, start, f->dana);
      GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
      g_autoptr(GError) error = NULL;
      gint64 id;

      calf->duration_s = 60;
      g_ptr_array_add (session->treatments, calf);
      g_ptr_array_add (session->measurements,
                       glide_measurement_new (GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT,
                                              GLIDE_TIMING_PRE, flexion[v]));
      g_ptr_array_add (session->measurements,
                       glide_measurement_new (GLIDE_MEASURE_KNEE_EXTENSION, GLIDE_SIDE_LEFT,
                                              GLIDE_TIMING_PRE, v % 2 ? -60 : 60));
      id = glide_store_save_draft_session (f->store, session, &error);
      g_assert_no_error (error);
      g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
      g_assert_no_error (error);
    }
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *name = g_strdup_printf ("report-%s.pdf", papers[p]);
      g_autofree char *other = g_strdup_printf ("summary-%s.pdf", papers[p]);
      g_autofree char *report = make_pdf (f, "--report", "RX-1", papers[p], name);
      g_autofree char *summary = make_pdf (f, "--summary", "RX-1", papers[p], other);
      g_autofree char *text = glide_report_test_pdf_text (report, 0);

      g_assert_nonnull (strstr (text, "−100°"));
      assert_pages_clean (report);
      assert_pages_clean (summary);
    }
}

/* ---- the edge-case clinic ----------------------------------------------------------- */

static void
test_edge_clinic (Fixture       *f,
                  gconstpointer  data)
{
  const GlideMeasure roms[] = {
    GLIDE_MEASURE_SHOULDER_FLEXION, GLIDE_MEASURE_SHOULDER_EXTENSION,
    GLIDE_MEASURE_SHOULDER_ABDUCTION, GLIDE_MEASURE_ELBOW_FLEXION,
    GLIDE_MEASURE_WRIST_FLEXION, GLIDE_MEASURE_WRIST_EXTENSION, GLIDE_MEASURE_HIP_FLEXION,
    GLIDE_MEASURE_HIP_ABDUCTION, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_MEASURE_KNEE_EXTENSION,
    GLIDE_MEASURE_ANKLE_DORSIFLEXION, GLIDE_MEASURE_ANKLE_PLANTARFLEXION,
  };
  const struct
  {
    const char *chart;
    const char *family;
    const char *given;
  } scripts[] = {
    { "E-HE", "כהן Cohen", "Dana דנה" },
    { "E-VI", "Nguyễn", "Thắng" },
    { "E-KO", "김", "민준" },
    { "E-HI", "शर्मा", "प्रिया" },
    { "E-TH", "ใจดี", "สมชาย" },
    { "E-EM", "Okafor 🌻", "Ngozi 🙂" },
  };
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) unbroken = g_string_new (NULL);
  g_autoptr(GString) long_family = g_string_new (NULL);
  g_autoptr(GString) long_given = g_string_new (NULL);
  const char *papers[] = { "letter", "a4" };
  gint64 course;

  while (g_utf8_strlen (unbroken->str, -1) < 5000)
    g_string_append (unbroken, "Ω0123456789abcdefghijklmnopqrstuvwxyz");
  g_string_truncate (unbroken, g_utf8_offset_to_pointer (unbroken->str, 5000) - unbroken->str);
  while (long_family->len < 200)
    g_string_append (long_family, "Montgomery-Featherstonehaugh ");
  g_string_truncate (long_family, 200);
  g_strchomp (long_family->str);
  long_family->len = strlen (long_family->str);
  while (long_given->len < 200)
    g_string_append (long_given, "Alexandrinaelisabetharosalind");
  g_string_truncate (long_given, 200);

  /* One session, no measures. */
  course = add_patient (f, "E-ONE", "Single", "Visit");
  {
    g_autoptr(GlideSession) session = glide_session_new (course, "2026-02-02T09:00", f->dana);
    GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
    g_autoptr(GError) error = NULL;
    gint64 id;

    calf->duration_s = 60;
    g_ptr_array_add (session->treatments, calf);
    id = glide_store_save_draft_session (f->store, session, &error);
    g_assert_no_error (error);
    g_assert_true (glide_store_sign_session (f->store, id, f->dana, "2026-02-02T20:00", &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (charts, g_strdup ("E-ONE"));

  /* 60 visits. */
  course = add_patient (f, "E-SIXTY", "Sixty", "Visits");
  for (guint i = 0; i < 60; i++)
    add_session (f, course, i, i % 7 == 0 ? "Tender along the medial band." : NULL, FALSE);
  g_ptr_array_add (charts, g_strdup ("E-SIXTY"));

  /* 12 ROM measures, on both sides, over three visits. */
  course = add_patient (f, "E-ROM", "Twelve", "Motions");
  for (guint v = 0; v < 3; v++)
    {
      g_autofree char *start = visit_date (v);
      g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, start);
      g_autoptr(GError) error = NULL;
      gint64 id;

      for (guint m = 0; m < G_N_ELEMENTS (roms); m++)
        g_ptr_array_add (session->measurements,
                         glide_measurement_new (roms[m], GLIDE_SIDE_RIGHT, GLIDE_TIMING_PRE,
                                                10 + 3 * m + 4 * v));
      id = glide_store_save_draft_session (f->store, session, &error);
      g_assert_no_error (error);
      g_assert_true (glide_store_sign_session (f->store, id, f->dana, "2026-03-30T20:00", &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (charts, g_strdup ("E-ROM"));

  /* 200-character names and 5,000-character unbroken notes. */
  course = add_patient (f, "E-LONG", long_family->str, long_given->str);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *start = visit_date (i);
      g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, start);
      GlideTreatment *t = g_ptr_array_index (session->treatments, 1);
      g_autoptr(GError) error = NULL;
      gint64 id;

      g_free (session->note);
      session->note = g_strdup (unbroken->str);
      g_free (session->home_program);
      session->home_program = g_strdup (unbroken->str);
      g_free (t->note);
      t->note = g_strdup (unbroken->str);
      id = glide_store_save_draft_session (f->store, session, &error);
      g_assert_no_error (error);
      g_assert_true (glide_store_sign_session (f->store, id, f->dana, "2026-03-30T20:00", &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (charts, g_strdup ("E-LONG"));

  /* Scripts. */
  for (guint s = 0; s < G_N_ELEMENTS (scripts); s++)
    {
      course = add_patient (f, scripts[s].chart, scripts[s].family, scripts[s].given);
      add_session (f, course, 0, "Ngozi 🙂 felt better; כהן notes; Thắng; 김민준.", FALSE);
      add_session (f, course, 1, NULL, FALSE);
      g_ptr_array_add (charts, g_strdup (scripts[s].chart));
    }

  /* All drafts. */
  course = add_patient (f, "E-DRAFT", "Draft", "Only");
  for (guint i = 0; i < 3; i++)
    add_session (f, course, i, "Not yet signed.", TRUE);
  g_ptr_array_add (charts, g_strdup ("E-DRAFT"));

  /* An empty course. */
  add_patient (f, "E-EMPTY", "Empty", "Course");
  g_ptr_array_add (charts, g_strdup ("E-EMPTY"));

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *caseload = make_pdf (f, "--caseload", NULL, papers[p], "caseload.pdf");

      assert_pages_clean (caseload);
      rasterise (f, caseload);
      /* The table runs on with two rows at least before its totals. */
      {
        g_autoptr(GArray) pages = read_pages (caseload);
        Page *last = &g_array_index (pages, Page, pages->len - 1);
        guint rows = 0;

        g_assert_cmpuint (pages->len, >=, 2);
        g_assert_true (page_has_word (last, "(continued)"));
        for (guint i = 0; i < last->words->len; i++)
          rows += g_str_has_prefix (g_array_index (last->words, Word, i).text, "E-");
        g_assert_cmpuint (rows, >=, 2);
      }
      for (guint c = 0; c < charts->len; c++)
        {
          const char *what[] = { "--report", "--summary" };

          for (guint w = 0; w < G_N_ELEMENTS (what); w++)
            {
              const char *chart = g_ptr_array_index (charts, c);
              g_autofree char *name = g_strdup_printf ("%s%s-%s.pdf", what[w] + 2, chart,
                                                       papers[p]);
              g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
              g_autofree char *err = NULL;
              int status = run_glide (f, &err, what[w], chart, "--paper", papers[p], "-o", pdf,
                                      NULL);

              g_test_message ("%s %s (%s): %d %s", what[w], chart, papers[p], status,
                              err ? err : "");
              if (status != 0)
                {
                  /* A refusal says why, in words, and writes nothing. */
                  g_assert_nonnull (err);
                  g_assert_cmpuint (strlen (err), >, 10);
                  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
                  continue;
                }
              assert_pages_clean (pdf);
              assert_breaks (pdf, w == 0);
              rasterise (f, pdf);
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, \
              glide_report_test_fixture_tear_down)

  ADD ("/report-layout/running-header", test_running_header);
  ADD ("/report-layout/running-header-rtl", test_running_header_rtl);
  ADD ("/report-layout/long-words", test_long_words);
  ADD ("/report-layout/long-note-row", test_long_note_row);
  ADD ("/report-layout/long-clinic-name", test_long_clinic_name);
  ADD ("/report-layout/type-sizes", test_type_sizes);
  ADD ("/report-layout/page-breaks", test_page_breaks);
  ADD ("/report-layout/first-page", test_first_page);
  ADD ("/report-layout/edge-clinic", test_edge_clinic);
  ADD ("/report-layout/discharge-breaks", test_discharge_breaks);
  ADD ("/report-layout/rom-extremes", test_rom_extremes);

#undef ADD

  return g_test_run ();
}
