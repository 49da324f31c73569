/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-language.c: a document's language apart from the process's: the
 * catalogs read from the built .mo files, plurals by each catalog's own
 * Plural-Forms, dates and decimal separators; and a report built in German
 * and in Spanish while the process stays in English. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "glide-codes.h"
#include "glide-date.h"
#include "glide-demo.h"
#include "glide-language.h"
#include "glide-report.h"
#include "glide-report-data.h"
#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

static void
bind_build_catalogs (void)
{
  const char *dir = g_getenv ("GLIDE_LOCALEDIR");

  g_assert_nonnull (dir);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static void
test_german_words (void)
{
  const char *pain = glide_code_list_label (GLIDE_CODE_LIST_MEASURE, GLIDE_MEASURE_PAIN);

  /* Without a push: the process's language, English here (LANGUAGE=C). */
  g_assert_cmpstr (pain, ==, "Pain");

  glide_language_push ("de");
  g_assert_cmpstr (glide_language_current (), ==, "de");
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_MEASURE, GLIDE_MEASURE_PAIN), ==,
                   "Schmerz");
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_REDNESS, 0), !=,
                   "None");
  /* A message the catalog lacks comes back as it was asked. */
  g_assert_cmpstr (glide_gettext ("not a message of Glide"), ==, "not a message of Glide");
  glide_language_pop (NULL);

  g_assert_null (glide_language_current ());
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_MEASURE, GLIDE_MEASURE_PAIN), ==,
                   "Pain");

  glide_language_push ("es");
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_MEASURE, GLIDE_MEASURE_PAIN), ==,
                   "Dolor");
  glide_language_pop (NULL);

  /* English is a language of its own, whatever the desktop's. */
  glide_language_push ("en");
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_MEASURE, GLIDE_MEASURE_PAIN), ==,
                   "Pain");
  glide_language_pop (NULL);
}

/* A side after a name agrees with any noun ("Pantorrilla …, lado izquierdo",
 * not "…, izquierdo"), while the side alone stays the word the side
 * choices show and the area search matches. */
static void
test_side_after_a_name (void)
{
  g_autofree char *area = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *english = glide_area_get_label (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);

  g_assert_cmpstr (english, ==, "Calf (gastrocnemius / soleus), left");

  glide_language_push ("es");
  area = glide_area_get_label (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  measure = glide_report_measure_label (GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_RIGHT);
  g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_SIDE, GLIDE_SIDE_LEFT), ==, "izquierdo");
  glide_language_pop (NULL);
  g_assert_true (g_str_has_suffix (area, ", lado izquierdo"));
  g_assert_true (g_str_has_suffix (measure, ", lado derecho"));
}

static void
test_plurals (void)
{
  const char *one, *two;

  glide_language_push ("de");
  one = glide_ngettext ("%u patient", "%u patients", 1);
  two = glide_ngettext ("%u patient", "%u patients", 2);
  g_assert_cmpstr (one, !=, "%u patient");
  g_assert_cmpstr (one, !=, two);
  g_assert_cmpstr (glide_ngettext ("%u patient", "%u patients", 0), ==, two);
  g_assert_cmpstr (glide_ngettext ("%u patient", "%u patients", 21), ==, two);
  g_assert_nonnull (strstr (one, "%u"));
  /* Unknown to the catalog: English's own rule. */
  g_assert_cmpstr (glide_ngettext ("%u zebra", "%u zebras", 1), ==, "%u zebra");
  g_assert_cmpstr (glide_ngettext ("%u zebra", "%u zebras", 3), ==, "%u zebras");
  glide_language_pop (NULL);
}

static void
test_numbers_and_dates (void)
{
  g_autofree char *en_number = glide_format_decimal (6.5, 1);
  g_autofree char *en_whole = glide_format_decimal (7, 0);
  g_autofree char *en_date = glide_date_format_long ("2026-12-03");
  g_autofree char *de_number = NULL;
  g_autofree char *de_short = NULL;
  g_autofree char *es_number = NULL;
  g_autofree char *es_date = NULL;
  g_autofree char *de_date = NULL;

  g_assert_cmpstr (en_number, ==, "6.5");
  g_assert_cmpstr (en_whole, ==, "7");
  g_assert_cmpstr (en_date, ==, "3 Dec 2026");

  glide_language_push ("de");
  de_number = glide_format_decimal (6.5, 1);
  de_short = glide_format_decimal (-0.25, -1);
  de_date = glide_date_format_long ("2026-12-03T10:15:00+01:00");
  glide_language_pop (NULL);
  g_assert_cmpstr (de_number, ==, "6,5");
  g_assert_cmpstr (de_short, ==, "-0,25");
  /* German writes the day first, with its own month or the month's number. */
  g_assert_true (g_str_has_prefix (de_date, "3.") || g_str_has_prefix (de_date, "03."));
  g_assert_null (strstr (de_date, "Dec"));

  glide_language_push ("es");
  es_number = glide_format_decimal (6.5, 1);
  es_date = glide_date_format_long ("2026-12-03");
  glide_language_pop (NULL);
  g_assert_cmpstr (es_number, ==, "6,5");
  g_assert_nonnull (strstr (es_date, "dic"));
}

static void
test_parse_decimal (void)
{
  double v = 0;

  g_assert_true (glide_parse_decimal ("6,5", &v));
  g_assert_cmpfloat (v, ==, 6.5);
  g_assert_true (glide_parse_decimal (" 4.5 ", &v));
  g_assert_cmpfloat (v, ==, 4.5);
  g_assert_true (glide_parse_decimal ("-10", &v));
  g_assert_cmpfloat (v, ==, -10);
  g_assert_false (glide_parse_decimal ("1.000,5", &v));
  g_assert_false (glide_parse_decimal ("6,5,", &v));
  g_assert_false (glide_parse_decimal ("", &v));
  g_assert_false (glide_parse_decimal ("  ", &v));
  g_assert_false (glide_parse_decimal ("sechs", &v));
  g_assert_false (glide_parse_decimal ("inf", &v));
  g_assert_false (glide_parse_decimal ("nan", &v));
  g_assert_false (glide_parse_decimal (NULL, &v));
}

/* A catalog of its own for the "de" slot, with Plural-Forms of three forms
 * (as Russian's), built with msgfmt into a folder the subprocess binds. */
static char *
make_catalog (const char *po_text)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (dir, "test.po", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { "msgfmt", "-o", mo, po, NULL };

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po, po_text, -1, NULL));
  g_assert_cmpint (glide_test_run (argv, NULL, &err), ==, 0);
  return g_steal_pointer (&dir);
}

static const char three_forms[] =
  "msgid \"\"\n"
  "msgstr \"\"\n"
  "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
  "\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
  "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n"
  "\n"
  "msgid \"%u patient\"\n"
  "msgid_plural \"%u patients\"\n"
  "msgstr[0] \"%u one\"\n"
  "msgstr[1] \"%u few\"\n"
  "msgstr[2] \"%u many\"\n";

static void
test_plural_forms (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("GLIDE_TEST_CATALOG");
      static const struct { gulong n; const char *form; } cases[] = {
        { 1, "%u one" }, { 2, "%u few" }, { 4, "%u few" }, { 5, "%u many" }, { 11, "%u many" },
        { 12, "%u many" }, { 21, "%u one" }, { 22, "%u few" }, { 0, "%u many" },
        { 111, "%u many" }, { 101, "%u one" },
      };

      bindtextdomain (GETTEXT_PACKAGE, dir);
      glide_language_push ("de");
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        g_assert_cmpstr (glide_ngettext ("%u patient", "%u patients", cases[i].n), ==,
                         cases[i].form);
      glide_language_pop (NULL);
      return;
    }
  else
    {
      g_autofree char *dir = make_catalog (three_forms);

      g_setenv ("GLIDE_TEST_CATALOG", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      glide_test_remove_tree (dir);
    }
}

/* A damaged catalog is said so once, and the messages stay as asked. */
static void
test_damaged_catalog (void)
{
  if (g_test_subprocess ())
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLIDE_TEST_CATALOG"));
      glide_language_push ("de");
      g_assert_cmpstr (glide_gettext ("Pain"), ==, "Pain");
      return;
    }
  else
    {
      g_autofree char *dir = make_catalog (three_forms);
      g_autofree char *mo = g_build_filename (dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                                              NULL);
      g_autofree char *contents = NULL;
      gsize length;

      /* The header and tables cut short. */
      g_assert_true (g_file_get_contents (mo, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (mo, contents, 20, NULL));
      g_setenv ("GLIDE_TEST_CATALOG", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      /* G_DEBUG=fatal-warnings: the warning ends the subprocess. */
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*is not a message catalog*");
      glide_test_remove_tree (dir);
    }
}

/* The patient's report of the demo clinic's @chart in @language: the
 * flattened text of its pages. */
static char *
report_text (GlideStore *store,
             const char *dir,
             const char *chart,
             const char *language)
{
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  GlideReportRequest request = { 0 };

  request.kind = GLIDE_REPORT_PROGRESS;
  request.chart = chart;
  request.language = language;
  g_assert_true (glide_report_export (store, &request, pdf, &error));
  g_assert_no_error (error);
  /* The thread's own language is untouched by the document's. */
  g_assert_null (glide_language_current ());
  raw = glide_report_test_poppler (NULL, "pdftotext", "-raw", pdf, "-", NULL);
  g_unlink (pdf);
  return glide_report_test_flatten (raw);
}

static void
test_report_in_german (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "demo.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *english = NULL, *german = NULL, *spanish = NULL;
  const char *english_pain, *german_pain, *spanish_pain;
  GlideDemoSummary summary;

  g_assert_true (glide_demo_fill (store, NULL, &summary, &error));
  g_assert_no_error (error);
  english = report_text (store, dir, "P-1001", NULL);
  german = report_text (store, dir, "P-1001", "de");
  spanish = report_text (store, dir, "P-1001", "es");

  english_pain = "Your pain";
  glide_language_push ("de");
  german_pain = glide_gettext ("Your pain");
  glide_language_pop (NULL);
  glide_language_push ("es");
  spanish_pain = glide_gettext ("Your pain");
  glide_language_pop (NULL);

  g_assert_nonnull (strstr (english, english_pain));
  g_assert_cmpstr (german_pain, !=, english_pain);
  g_assert_nonnull (strstr (german, german_pain));
  g_assert_null (strstr (german, english_pain));
  g_assert_nonnull (strstr (german, "Schmerz"));
  g_assert_nonnull (strstr (spanish, spanish_pain));
  g_assert_nonnull (strstr (spanish, "dolor"));
  /* Its page footer and numbers: "Seite 1 von 2", a decimal comma where
   * the English has a point. */
  g_assert_null (strstr (german, "Page 1 of"));
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* glide -d DIR/demo.db --demo, then --report P-1001 -o @pdf and @extra
 * (NULL or one more option), both with @env; returns the report's
 * flattened text and the second run's output. */
static char *
report_by_command_line (const char        *dir,
                        const char        *pdf,
                        const char        *extra,
                        const char *const *env,
                        char             **out,
                        char             **err)
{
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *raw = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, db);
  g_ptr_array_add (args, (gpointer) "--demo");
  g_assert_cmpint (glide_test_run_glide (NULL, env, args, NULL, NULL), ==, 0);
  g_ptr_array_set_size (args, 2);
  g_ptr_array_add (args, (gpointer) "--report=P-1001");
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) pdf);
  if (extra != NULL)
    g_ptr_array_add (args, (gpointer) extra);
  g_assert_cmpint (glide_test_run_glide (NULL, env, args, out, err), ==, 0);
  raw = glide_report_test_poppler (NULL, "pdftotext", "-raw", pdf, "-", NULL);
  return glide_report_test_flatten (raw);
}

/* A desktop whose locale the system has not generated (LANG=de_DE.UTF-8,
 * no LOCPATH, no de_DE in the system's locales, as on a minimal Debian):
 * glide still speaks German, on the command line and in its documents. */
static void
test_desktop_without_locale (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "bericht.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL, *wrote = NULL;
  const char *env[] = { "LANG=de_DE.UTF-8", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=",
                        "LOCPATH=/nonexistent", NULL };

  text = report_by_command_line (dir, pdf, NULL, env, &out, &err);
  glide_language_push ("de");
  wrote = g_strdup_printf (glide_gettext ("Wrote %s.\n"), pdf);
  g_assert_cmpstr (out, ==, wrote);
  g_assert_nonnull (strstr (text, glide_gettext ("Your pain")));
  glide_language_pop (NULL);
  g_assert_null (strstr (out, "Wrote"));
  g_assert_null (strstr (text, "Your pain"));
  g_assert_nonnull (strstr (text, "Schmerz"));
  /* GTK was not asked to set the locale again: no warning about it. */
  g_assert_null (strstr (err, "Locale not supported"));
  glide_test_remove_tree (dir);
}

/* glide --report --language: the document in that language whatever the
 * desktop's; a code Glide has no catalog for is refused, naming the codes. */
static void
test_command_line_language (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "informe.pdf", NULL);
  g_autofree char *err = NULL, *text = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { "LANGUAGE=de", "LC_ALL=C.UTF-8", NULL };

  text = report_by_command_line (dir, pdf, "--language=es", env, NULL, NULL);
  g_assert_nonnull (strstr (text, "dolor"));
  g_assert_null (strstr (text, "Schmerz"));

  g_ptr_array_add (args, (gpointer) "-d");
  g_ptr_array_add (args, db);
  g_ptr_array_add (args, (gpointer) "--report=P-1001");
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, pdf);
  g_ptr_array_add (args, (gpointer) "--language=fr");
  g_assert_cmpint (glide_test_run_glide (NULL, NULL, args, NULL, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--language must be one of de, en, es, got “fr”"));
  glide_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The process in English whatever the machine's: the documents' language
   * must come from the request alone. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bind_build_catalogs ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/german-words", test_german_words);
  g_test_add_func ("/language/plurals", test_plurals);
  g_test_add_func ("/language/numbers-and-dates", test_numbers_and_dates);
  g_test_add_func ("/language/side-after-a-name", test_side_after_a_name);
  g_test_add_func ("/language/parse-decimal", test_parse_decimal);
  g_test_add_func ("/language/plural-forms", test_plural_forms);
  g_test_add_func ("/language/damaged-catalog", test_damaged_catalog);
  g_test_add_func ("/language/report", test_report_in_german);
  g_test_add_func ("/language/desktop-without-locale", test_desktop_without_locale);
  g_test_add_func ("/language/command-line", test_command_line_language);
  return g_test_run ();
}
