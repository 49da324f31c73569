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

#include "glide-test-utils.h"

typedef struct
{
  char       *dir;
  char       *db;
  GlideStore *store;
  gint64      dana;
} Fixture;

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  g_autoptr(GError) error = NULL;

  f->dir = glide_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "glide.db", NULL);
  f->store = glide_test_open_store (f->dir, "glide.db");
  f->dana = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");

  g_free (clinic->name);
  clinic->name = g_strdup ("Harbour Physio");
  clinic->paper = GLIDE_PAPER_A4;
  g_assert_true (glide_store_set_clinic (f->store, clinic, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
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

/* Runs glide on the fixture's database in the C locale. */
static int
run_glide (Fixture     *f,
           const char  *db,
           char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *env[] = { "LC_ALL=C.UTF-8", NULL };
  const char *arg;
  va_list list;

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, (gpointer) (db ? db : f->db));
  va_start (list, first);
  for (arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  return glide_test_run_glide (f->dir, env, args, &out, err);
}

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

/* A poppler tool's standard output; its standard error in err if asked. */
static char *
poppler (char       **err,
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

static void
assert_contains (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    {
      g_test_message ("text: %s", text);
      g_error ("expected to find: %s", expected);
    }
}

static void
assert_lacks (const char *text,
              const char *unexpected)
{
  if (strstr (text, unexpected) != NULL)
    g_error ("did not expect to find: %s", unexpected);
}

/* The first box pdftotext -bbox gives on page 1 for a word (or the word
 * reversed, for right-to-left text), at 72 dpi; FALSE if there is none. */
static gboolean
find_word_box (const char *pdf,
               const char *word,
               Box        *found)
{
  g_autofree char *html = poppler (NULL, "pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-",
                                   NULL);
  g_autofree char *reversed = g_utf8_strreverse (word, -1);
  g_auto(GStrv) lines = g_strsplit (html, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      Box box;
      const char *start;
      const char *end;
      g_autofree char *text = NULL;

      if (sscanf (lines[i], " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">",
                  &box.x0, &box.y0, &box.x1, &box.y1) != 4)
        continue;
      start = strchr (lines[i], '>') + 1;
      end = strstr (start, "</word>");
      if (end == NULL)
        continue;
      text = g_strndup (start, end - start);
      if (g_strcmp0 (text, word) == 0 || g_strcmp0 (text, reversed) == 0)
        {
          *found = box;
          return TRUE;
        }
    }
  return FALSE;
}

/* Page 1 in grey at 4 pixels per point (288 dpi), cropped to a box: its
 * pixels row by row, as a PGM's bytes. */
static GByteArray *
crop (Fixture    *f,
      const char *pdf,
      const Box  *box)
{
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *pgm = g_strconcat (prefix, "-1.pgm", NULL);
  g_autofree char *data = NULL;
  const char *argv[] = { "pdftoppm", "-gray", "-r", "288", "-f", "1", "-l", "1", pdf, prefix,
                         NULL };
  GByteArray *pixels = g_byte_array_new ();
  gsize length;
  int width, height, max, header = 0;

  g_assert_cmpint (glide_test_run (argv, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pgm, &data, &length, NULL));
  g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", &width, &height, &max, &header), ==, 3);
  header++;
  for (int y = MAX (0, (int) (box->y0 * 4)); y < MIN (height, (int) ceil (box->y1 * 4)); y++)
    for (int x = MAX (0, (int) (box->x0 * 4)); x < MIN (width, (int) ceil (box->x1 * 4)); x++)
      g_byte_array_append (pixels, (const guint8 *) data + header + y * width + x, 1);
  g_unlink (pgm);
  return pixels;
}

static guint
dark (GByteArray *pixels)
{
  guint n = 0;

  for (guint i = 0; i < pixels->len; i++)
    n += pixels->data[i] < 128;
  return n;
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
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

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
