/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-scripts.c: the PDF's fonts and text layer, read back from the
 * real glide binary's documents: every script drawn with a font that has it
 * (pixels, not only pdftotext), a visible placeholder and a warning for what
 * no font has, a valid ToUnicode map (exact extraction of Arabic and
 * Vietnamese), the document info, and the size of a typical report. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

typedef GlideReportTestFixture Fixture;
typedef GlideReportTestBox Box;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  glide_report_test_fixture_set_up (f, FALSE, NULL, NULL);
}

/* A patient with one signed visit (pain 6 then 4); note is the session's. */
static void
add_patient_visit (Fixture    *f,
                   const char *chart,
                   const char *family,
                   const char *given,
                   const char *note)
{
  gint64 patient = glide_test_add_patient (f->store, chart, family, given);
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autoptr(GlideSession) session = glide_session_new (course, "2026-03-02T09:00", f->dana);
  g_autoptr(GError) error = NULL;
  GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  gint64 id;

  calf->duration_s = 90;
  g_ptr_array_add (session->treatments, calf);
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE, 6));
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_POST, 4));
  g_free (session->note);
  session->note = g_strdup (note ? note : "");
  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, f->dana, "2026-03-02T20:00", &error));
  g_assert_no_error (error);
}

/* Runs glide on a database (NULL: the fixture's) in the C locale. */
#define run_glide(f, db, err, ...) \
  glide_report_test_run_glide ((f), (db), NULL, (err), __VA_ARGS__)

/* A poppler tool's standard output; its standard error in err if asked. */
#define poppler glide_report_test_poppler

/* Pixels darker than middle grey. */
#define dark glide_report_test_count_dark

/* Makes a document; returns glide's standard error. */
static char *
make_pdf (Fixture    *f,
          const char *command,
          const char *chart,
          const char *pdf)
{
  char *err = NULL;

  if (run_glide (f, NULL, &err, command, chart, "-o", pdf, NULL) != 0)
    g_error ("glide %s %s failed: %s", command, chart, err);
  return err;
}

/* The first box pdftotext -bbox gives on page 1 for a word (or the word
 * reversed, for right-to-left text), at 72 dpi; FALSE if there is none. */
static gboolean
find_word_box (const char *pdf,
               const char *word,
               Box        *found)
{
  g_autoptr(GArray) words = glide_report_test_pdf_words (pdf, 1, GLIDE_REPORT_TEST_WORDS_RAW,
                                                         NULL);
  g_autofree char *reversed = g_utf8_strreverse (word, -1);

  for (guint i = 0; i < words->len; i++)
    {
      const GlideReportTestWord *w = &g_array_index (words, GlideReportTestWord, i);

      if (g_strcmp0 (w->text, word) == 0 || g_strcmp0 (w->text, reversed) == 0)
        {
          *found = (Box) { w->x0, w->y0, w->x1, w->y1 };
          return TRUE;
        }
    }
  return FALSE;
}

/* Page 1 in grey at 4 pixels per point (288 dpi), cropped to a box. */
static GByteArray *
crop (Fixture    *f,
      const char *pdf,
      const Box  *box)
{
  return glide_report_test_page_pixels (f->dir, pdf, box, 4);
}

/* The ink of a word on page 1 of a patient's progress report. */
static GByteArray *
word_pixels (Fixture    *f,
             const char *chart,
             const char *word)
{
  g_autofree char *pdf = g_build_filename (f->dir, "word.pdf", NULL);
  g_autofree char *err = make_pdf (f, "--report", chart, pdf);
  Box box;

  if (!find_word_box (pdf, word, &box))
    g_error ("%s is not on page 1 of %s's report", word, chart);
  return crop (f, pdf, &box);
}

/* ---- Vietnamese: composite glyphs keep their components ------------------ */

static void
test_vietnamese (Fixture       *f,
                 gconstpointer  data)
{
  const char *pairs[][2] = { { "Nguyễn", "Nguyen" }, { "Thắng", "Thang" }, { "Thắng", "Tháng" } };

  add_patient_visit (f, "V-1", "Nguyễn", "Thắng", NULL);
  add_patient_visit (f, "V-2", "Nguyen", "Thang", NULL);
  add_patient_visit (f, "V-3", "Nguyen", "Tháng", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *other = i == 2 ? "V-3" : "V-2";
      g_autoptr(GByteArray) marked = word_pixels (f, "V-1", pairs[i][0]);
      g_autoptr(GByteArray) plain = word_pixels (f, other, pairs[i][1]);
      guint differ = 0;

      g_test_message ("%s: %u dark pixels, %s: %u", pairs[i][0], dark (marked), pairs[i][1],
                      dark (plain));
      for (guint p = 0; p < MIN (marked->len, plain->len); p++)
        differ += (marked->data[p] < 128) != (plain->data[p] < 128);
      /* The stacked marks are drawn: more ink, and in other places. */
      g_assert_cmpuint (differ, >, 40);
      g_assert_cmpuint (dark (marked), >, dark (plain) + 40);
    }
}

/* ---- every script drawn, or a placeholder and a warning ------------------ */

static void
test_scripts_drawn (Fixture       *f,
                    gconstpointer  data)
{
  const struct
  {
    const char *chart;
    const char *family;
    const char *given;
    const char *word;
    const char *font;
  } names[] = {
    /* Korean names family name first, unspaced, like Chinese. */
    { "K-1", "김", "민준", "김민준", "WenQuanYi" },
    { "D-1", "शर्मा", "किशोर क्षत्रिय", "क्षत्रिय", "Devanagari" },
    { "T-1", "กิ่งแก้ว", "ปู่ญี่", "ปู่ญี่", "Thai" },
  };
  g_autofree char *pdf = g_build_filename (f->dir, "scripts.pdf", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *fonts = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GByteArray) ink = NULL;
      Box box;

      add_patient_visit (f, names[i].chart, names[i].family, names[i].given, NULL);
      err = make_pdf (f, "--report", names[i].chart, pdf);
      assert_lacks (err, "warning");
      text = poppler (NULL, "pdftotext", pdf, "-", NULL);
      /* Shaped clusters extract as the characters typed, in order. */
      assert_contains (text, names[i].family);
      assert_contains (text, names[i].given);
      fonts = poppler (NULL, "pdffonts", pdf, NULL);
      if (names[i].font != NULL)
        assert_contains (fonts, names[i].font);
      g_assert_true (find_word_box (pdf, names[i].word, &box));
      ink = crop (f, pdf, &box);
      g_test_message ("%s: %u dark pixels", names[i].word, dark (ink));
      /* Drawn: ink in the word's box, and no empty .notdef boxes (a box is
       * its outline only, a few percent of the area). */
      g_assert_cmpuint (dark (ink), >, ink->len / 12);
    }
}

/* Devanagari is shaped: in "शर्मा" the र with virama becomes a reph mark over
 * the मा, so the word is narrower than "शरमा" (four full letters); drawn
 * letter by letter it would be wider (र and a visible virama). */
static void
test_devanagari_shaped (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "shaped.pdf", NULL);
  g_autofree char *err = NULL;
  Box shaped, plain;

  add_patient_visit (f, "D-2", "शर्मा", "शरमा", NULL);
  err = make_pdf (f, "--report", "D-2", pdf);
  g_assert_true (find_word_box (pdf, "शर्मा", &shaped));
  g_assert_true (find_word_box (pdf, "शरमा", &plain));
  g_test_message ("शर्मा %.1f pt wide, शरमा %.1f pt", shaped.x1 - shaped.x0, plain.x1 - plain.x0);
  g_assert_cmpfloat (shaped.x1 - shaped.x0, <, plain.x1 - plain.x0 - 2);
}

static void
test_emoji_placeholder (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "emoji.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  add_patient_visit (f, "E-1", "Okafor", "Ada", "Tolerated well \360\237\231\213\342\200\215\342\231\200\357\270\217 thanks");
  err = make_pdf (f, "--summary", "E-1", pdf);
  text = poppler (NULL, "pdftotext", pdf, "-", NULL);
  /* The emoji (a ZWJ sequence) becomes one visible placeholder; no stray
   * female sign is left of it. */
  assert_contains (text, "Tolerated well \342\226\241 thanks");
  assert_lacks (text, "\342\231\200");
  assert_contains (err, "glide: warning:");
  assert_contains (err, "U+1F64B");
}

/* ---- text layer and document info --------------------------------------- */

static void
test_text_layer (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "text.pdf", NULL);
  const char *patients[][3] = {
    { "A-1", "الحسيني", "ليلى" },
    { "V-1", "Nguyễn", "Thắng" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *glide_err = NULL;
      g_autofree char *text = NULL;

      add_patient_visit (f, patients[i][0], patients[i][1], patients[i][2], NULL);
      glide_err = make_pdf (f, "--report", patients[i][0], pdf);
      text = poppler (&err, "pdftotext", pdf, "-", NULL);
      g_test_message ("pdftotext: %s", err);
      /* A valid ToUnicode map: poppler has nothing to say. */
      assert_lacks (err, "Invalid");
      assert_lacks (err, "CMap");
      /* Exactly the letters stored, in logical order (no presentation
       * forms, no NFKC folding). */
      assert_contains (text, patients[i][1]);
      assert_contains (text, patients[i][2]);
    }
}

static void
test_document_info (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "info.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *info = NULL;
  g_autofree char *raw = NULL;

  add_patient_visit (f, "I-1", "Ortiz", "Rosa", NULL);
  err = make_pdf (f, "--report", "I-1", pdf);
  info = poppler (NULL, "pdfinfo", pdf, NULL);
  assert_contains (info, "CreationDate:");
  assert_contains (info, "Progress report for");
  /* File managers and search indexes show the info: no diagnosis there. */
  g_assert_null (strstr (info, "Plantar fasciitis"));
  g_assert_true (g_file_get_contents (pdf, &raw, NULL, NULL));
  g_assert_nonnull (strstr (raw, "/Lang (en)"));
}

/* ---- size ---------------------------------------------------------------- */

static void
test_demo_size (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "demo.pdf", NULL);
  g_autofree char *err = NULL;
  GStatBuf st;

  g_assert_cmpint (run_glide (f, demo, &err, "--demo", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_glide (f, demo, &err, "--report", "P-1001", "-o", pdf, NULL), ==, 0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_test_message ("demo progress report: %ld bytes", (long) st.st_size);
  g_assert_cmpint (st.st_size, <=, 150 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, \
              glide_report_test_fixture_tear_down)

  ADD ("/report-scripts/text-layer", test_text_layer);
  ADD ("/report-scripts/document-info", test_document_info);
  ADD ("/report-scripts/size", test_demo_size);
  ADD ("/report-scripts/vietnamese", test_vietnamese);
  ADD ("/report-scripts/scripts-drawn", test_scripts_drawn);
  ADD ("/report-scripts/emoji-placeholder", test_emoji_placeholder);
  ADD ("/report-scripts/devanagari-shaped", test_devanagari_shaped);

#undef ADD
  return g_test_run ();
}
