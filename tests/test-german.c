/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-german.c: Glide on a German desktop (de_DE.UTF-8, built into a
 * folder of the test's own with localedef, LOCPATH): the window speaks
 * German, with its numbers in the locale's decimal comma; Preferences
 * offers the documents' language; a progress report follows the desktop,
 * then the clinic's choice of Spanish. Screenshots for the README. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "glide-application.h"
#include "glide-demo.h"
#include "glide-export.h"
#include "glide-gui-test-utils.h"
#include "glide-patient-page.h"
#include "glide-preferences-window.h"
#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

static char *locale_dir;

/* de_DE.UTF-8 for this process only: Debian's locales package has its
 * source; nothing is written outside the test's folder. */
static void
set_up_german_locale (void)
{
  g_autofree char *target = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
  int status;

  locale_dir = glide_test_make_tmpdir ();
  target = g_build_filename (locale_dir, "de_DE.UTF-8", NULL);
  argv[5] = target;
  status = glide_test_run (argv, NULL, &err);
  if (status != 0)
    g_error ("localedef could not build de_DE.UTF-8 (install Debian's locales package): %s",
             err);
  g_setenv ("LOCPATH", locale_dir, TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  g_unsetenv ("LANG");
}

/* Every label's text under @widget that is on screen. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* A label left in English although the catalog has it in German. */
static void
assert_no_english (GPtrArray *texts)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (*text != '\0' && strcmp (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
        g_error ("“%s” is shown in English; German: “%s”", text,
                 g_dgettext (GETTEXT_PACKAGE, text));
    }
}

static gboolean
named (GtkWidget     *widget,
       gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
session_shown (gpointer data)
{
  return g_strcmp0 (glide_window_get_page_name (data), "session") == 0;
}

static GlideStore *
open_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  GlideStore *store = glide_test_open_store (dir, "demo.db");
  GlideDemoSummary summary;

  g_assert_true (glide_demo_fill (store, NULL, &summary, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_window (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = open_demo (dir);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GlideWindow *window;
  gboolean decimal_comma = FALSE;

  /* The process is German, as a German desktop starts it. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Pain"), ==, "Schmerz");
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");

  g_settings_set_string (settings, "current-therapist", "dw");
  window = glide_test_open_window (store, 1240, 800);
  glide_test_save_screenshot (GTK_WIDGET (window), "window-german-list.png");
  collect_labels (GTK_WIDGET (window), texts);
  assert_no_english (texts);

  glide_window_open_patient (window, "P-1001");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "window-german.png");

  g_ptr_array_set_size (texts, 0);
  collect_labels (GTK_WIDGET (window), texts);
  assert_no_english (texts);
  /* Words of the patient's page, in the catalog's German. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Goals"), ==, "Ziele");
  g_assert_true (has_text (texts, "Ziele"));
  g_assert_true (has_text (texts, g_dgettext (GETTEXT_PACKAGE, "Courses")));
  /* P-1001's pain went 7 → 6.5 → …: shown as "6,5" in German. */
  for (guint i = 0; i < texts->len; i++)
    if (g_regex_match_simple ("[0-9],5\\b", g_ptr_array_index (texts, i), 0, 0))
      decimal_comma = TRUE;
  g_assert_true (decimal_comma);
  for (guint i = 0; i < texts->len; i++)
    g_assert_false (g_regex_match_simple ("^[0-9]+\\.5$", g_ptr_array_index (texts, i), 0, 0));

  /* The session editor, where a therapist spends the day. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-session", NULL));
  glide_test_wait_until (session_shown, window, "the session editor is shown");
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "editor-german.png");
  g_ptr_array_set_size (texts, 0);
  collect_labels (GTK_WIDGET (window), texts);
  assert_no_english (texts);
  g_assert_true (has_text (texts, "Behandelte Bereiche"));
  g_assert_true (has_text (texts, g_dgettext (GETTEXT_PACKAGE, "Treated Areas")));

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
  g_settings_reset (settings, "current-therapist");
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static void
test_preferences (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = open_demo (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *chosen = NULL;
  GlidePreferencesWindow *prefs;
  AdwComboRow *row;
  GtkStringList *names;

  g_settings_reset (settings, "document-language");
  prefs = g_object_ref_sink (glide_preferences_window_new (NULL, store, settings));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 1000, 900);
  gtk_window_present (GTK_WINDOW (prefs));
  glide_test_wait_for_draw (GTK_WIDGET (prefs));

  row = ADW_COMBO_ROW (glide_test_find_matching (GTK_WIDGET (prefs), named,
                                                 "document-language"));
  g_assert_nonnull (row);
  names = GTK_STRING_LIST (adw_combo_row_get_model (row));
  /* The desktop's language first, then each language named in itself. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (names, 0), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Same as the desktop"));
  g_assert_cmpstr (gtk_string_list_get_string (names, 0), !=, "Same as the desktop");
  g_assert_cmpstr (gtk_string_list_get_string (names, 3), ==, "Español");

  adw_combo_row_set_selected (row, 3);
  chosen = g_settings_get_string (settings, "document-language");
  g_assert_cmpstr (chosen, ==, "es");
  g_settings_set_string (settings, "document-language", "de");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);

  collect_labels (GTK_WIDGET (prefs), texts);
  assert_no_english (texts);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  glide_test_wait_for_draw (GTK_WIDGET (prefs));
  glide_test_save_screenshot (GTK_WIDGET (prefs), "preferences-german.png");

  g_settings_reset (settings, "document-language");
  gtk_window_destroy (GTK_WINDOW (prefs));
  glide_test_assert_finalized (prefs);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_export_write_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The progress report of P-1001 as the window writes it, as text. */
static char *
export_report (GlideStore *store,
               const char *dir)
{
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *raw = NULL;
  gboolean done = FALSE;

  glide_export_write_async (store, GLIDE_EXPORT_PROGRESS, "P-1001", 0, pdf, NULL, on_written,
                            &done);
  glide_test_wait_until (is_true, &done, "the report is written");
  raw = glide_report_test_poppler (NULL, "pdftotext", "-raw", pdf, "-", NULL);
  g_unlink (pdf);
  return glide_report_test_flatten (raw);
}

static void
test_report_language (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = open_demo (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *german = NULL;
  g_autofree char *spanish = NULL;
  g_autofree char *english = NULL;

  /* The desktop's language: German, with German numbers. */
  g_settings_reset (settings, "document-language");
  german = export_report (store, dir);
  g_assert_nonnull (strstr (german, g_dgettext (GETTEXT_PACKAGE, "Your pain")));
  g_assert_nonnull (strstr (german, "Schmerz"));
  g_assert_nonnull (strstr (german, "6,5"));
  g_assert_null (strstr (german, "Your pain"));

  /* The clinic's choice wins over the desktop's. */
  g_settings_set_string (settings, "document-language", "es");
  spanish = export_report (store, dir);
  g_assert_nonnull (strstr (spanish, "dolor"));
  g_assert_null (strstr (spanish, "Schmerz"));
  g_assert_nonnull (strstr (spanish, "6,5"));

  g_settings_set_string (settings, "document-language", "en");
  english = export_report (store, dir);
  g_assert_nonnull (strstr (english, "Your pain"));
  g_assert_nonnull (strstr (english, "6.5"));
  g_assert_null (strstr (english, "Schmerz"));

  g_settings_reset (settings, "document-language");
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  set_up_german_locale ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLIDE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  glide_test_gui_init (&argc, &argv);
  /* gtk_test_init() sets a fixed locale of its own; this test is German. */
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("de_DE.UTF-8 from %s could not be set", locale_dir);

  g_test_add_func ("/german/window", test_window);
  g_test_add_func ("/german/preferences", test_preferences);
  g_test_add_func ("/german/report-language", test_report_language);
  status = g_test_run ();

  glide_test_remove_tree (locale_dir);
  g_free (locale_dir);
  return status;
}
