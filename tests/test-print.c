/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c: a report printed through GtkPrintOperation (exported to a
 * PDF: no printer needed) has the PDF export's pages, paper, words and
 * their places, and the print is in the audit log before a page leaves. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <math.h>
#include <string.h>

#include "glide-demo.h"
#include "glide-window.h"
#include "glide-export-private.h"
#include "glide-gui-test-utils.h"
#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

typedef struct
{
  char       *dir;
  GlideStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = glide_test_make_tmpdir ();
  db = g_build_filename (f->dir, "glide.db", NULL);
  f->store = glide_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Prints the document as the window does, into @path. */
static guint
print_to_pdf (Fixture                  *f,
              const GlideReportRequest *request,
              const char               *path)
{
  GlideReportRequest recorded = *request;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GlideReportDocument *doc;
  GtkPrintOperationResult result;
  guint n_pages;

  recorded.record_pages = TRUE;
  doc = glide_report_build (f->store, &recorded, &error);
  g_assert_no_error (error);
  glide_report_document_finish (doc);
  n_pages = glide_report_document_get_n_pages (doc);
  operation = glide_export_new_print_operation (f->store, request->kind, doc);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_null (glide_export_get_print_error (operation));
  return n_pages;
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static gboolean
is_right_to_left_letter (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW;
}

static gboolean
is_right_to_left (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (is_right_to_left_letter (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Punctuation alone ("·", a comma poppler split from a right-to-left word). */
static gboolean
is_punctuation (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The words of a PDF in left-to-right scripts, and per page the letters of
 * its right-to-left words in code point order: poppler cuts Cairo's Arabic
 * into one word per glyph, libharu's into words, and the punctuation beside
 * them falls into either. */
static GArray *
read_words (const char *pdf,
            GArray     *sizes,
            GPtrArray  *rtl_letters)
{
  GArray *all = glide_report_test_pdf_words (pdf, 0, GLIDE_REPORT_TEST_WORDS_READABLE, sizes);
  GArray *ltr = g_array_new (FALSE, FALSE, sizeof (GlideReportTestWord));

  g_array_set_clear_func (ltr, glide_report_test_word_clear);
  for (guint i = 0; i < sizes->len; i++)
    g_ptr_array_add (rtl_letters, g_string_new (NULL));
  for (guint i = 0; i < all->len; i++)
    {
      GlideReportTestWord *word = &g_array_index (all, GlideReportTestWord, i);

      if (is_right_to_left (word->text))
        {
          for (const char *p = word->text; *p != '\0'; p = g_utf8_next_char (p))
            if (is_right_to_left_letter (g_utf8_get_char (p)))
              g_string_append_unichar (g_ptr_array_index (rtl_letters, word->page - 1),
                                       g_utf8_get_char (p));
        }
      else if (!is_punctuation (word->text))
        {
          /* "王," in one and "王" "," in the other: a change of font (CJK)
           * cuts words in one of them only. */
          char *start = word->text;
          char *end = start + strlen (start);

          while (!g_unichar_isalnum (g_utf8_get_char (start)))
            start = g_utf8_next_char (start);
          while (!g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (end))))
            end = g_utf8_prev_char (end);
          *end = '\0';
          memmove (word->text, start, end - start + 1);
          g_array_append_val (ltr, *word);
          word->text = NULL;
        }
    }
  g_array_unref (all);
  for (guint i = 0; i < rtl_letters->len; i++)
    {
      GString *letters = g_ptr_array_index (rtl_letters, i);
      g_autofree gunichar *chars = g_utf8_to_ucs4_fast (letters->str, -1, NULL);
      glong n = 0;

      while (chars[n] != 0)
        n++;
      for (glong a = 1; a < n; a++)
        for (glong b = a; b > 0 && chars[b - 1] > chars[b]; b--)
          {
            gunichar c = chars[b];

            chars[b] = chars[b - 1];
            chars[b - 1] = c;
          }
      g_string_truncate (letters, 0);
      for (glong a = 0; a < n; a++)
        g_string_append_unichar (letters, chars[a]);
    }
  return ltr;
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Every word of the export is printed, in its place: the same text, page
 * by page, each word within @tolerance points (Pango kerns, libharu does
 * not: a long line's last words move a little). */
static void
assert_same_pages (const char *exported,
                   const char *printed,
                   guint       n_pages,
                   double      tolerance)
{
  g_autoptr(GArray) sizes_exported = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) sizes_printed = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GPtrArray) rtl_exported = g_ptr_array_new_with_free_func (free_string);
  g_autoptr(GPtrArray) rtl_printed = g_ptr_array_new_with_free_func (free_string);
  g_autoptr(GArray) words_exported = read_words (exported, sizes_exported, rtl_exported);
  g_autoptr(GArray) words_printed = read_words (printed, sizes_printed, rtl_printed);
  g_autofree gboolean *matched = NULL;
  double worst = 0;

  g_assert_cmpuint (sizes_printed->len, ==, n_pages);
  g_assert_cmpuint (sizes_exported->len, ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      GlideReportTestPageSize *a = &g_array_index (sizes_exported, GlideReportTestPageSize, i);
      GlideReportTestPageSize *b = &g_array_index (sizes_printed, GlideReportTestPageSize, i);

      g_assert_cmpfloat_with_epsilon (a->width, b->width, 0.5);
      g_assert_cmpfloat_with_epsilon (a->height, b->height, 0.5);
      g_assert_cmpstr (((GString *) g_ptr_array_index (rtl_printed, i))->str, ==,
                       ((GString *) g_ptr_array_index (rtl_exported, i))->str);
    }

  /* Each exported word is matched with the nearest unmatched printed one of
   * the same text on the same page: poppler's reading order follows the
   * fonts' ascents, which differ between libharu's and Cairo's subsets. */
  g_assert_cmpuint (words_printed->len, ==, words_exported->len);
  matched = g_new0 (gboolean, words_printed->len);
  for (guint i = 0; i < words_exported->len; i++)
    {
      GlideReportTestWord *a = &g_array_index (words_exported, GlideReportTestWord, i);
      double nearest = G_MAXDOUBLE;
      guint found = G_MAXUINT;

      for (guint j = 0; j < words_printed->len; j++)
        {
          GlideReportTestWord *b = &g_array_index (words_printed, GlideReportTestWord, j);
          double distance = MAX (fabs (a->x0 - b->x0), fabs (a->y1 - b->y1));

          if (!matched[j] && b->page == a->page && g_str_equal (a->text, b->text) &&
              distance < nearest)
            {
              nearest = distance;
              found = j;
            }
        }
      if (found == G_MAXUINT)
        g_error ("“%s” on page %u at %.1f, %.1f is not printed", a->text, a->page, a->x0, a->y1);
      matched[found] = TRUE;
      worst = MAX (worst, nearest);
    }
  g_test_message ("%u words; the furthest moved by %.2f pt", words_exported->len, worst);
  g_assert_cmpfloat (worst, <=, tolerance);
}

static void
assert_printed_like_export (Fixture            *f,
                            GlideReportRequest *request,
                            const char         *name)
{
  g_autofree char *exported_name = g_strconcat (name, "-export.pdf", NULL);
  g_autofree char *printed_name = g_strconcat (name, "-print.pdf", NULL);
  g_autofree char *exported = path_in (f, exported_name);
  g_autofree char *printed = path_in (f, printed_name);
  g_autoptr(GError) error = NULL;
  guint n_pages;

  g_assert_true (glide_report_export (f->store, request, exported, &error));
  g_assert_no_error (error);
  n_pages = print_to_pdf (f, request, printed);
  g_assert_cmpuint (n_pages, >=, 1);
  assert_same_pages (exported, printed, n_pages, 3.0);
}

static void
test_progress_report (Fixture       *f,
                      gconstpointer  data)
{
  GlideReportRequest request = { GLIDE_REPORT_PROGRESS, "P-1004" };
  g_autofree char *printed = path_in (f, "progress-print.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) words = NULL;
  GlideReportTestBox chart_area = { 0, 0, 1000, 1000 };
  g_autoptr(GByteArray) pixels = NULL;

  assert_printed_like_export (f, &request, "progress");

  /* A4 portrait, the footer on every page, and drawings, not only text. */
  words = glide_report_test_pdf_words (printed, 0, GLIDE_REPORT_TEST_WORDS_READABLE, sizes);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, GlideReportTestPageSize, 0).width,
                                  595.28, 0.5);
  text = glide_report_test_pdf_text (printed, 0);
  glide_report_test_assert_contains (text, "Page 1 of");
  pixels = glide_report_test_page_pixels (f->dir, printed, &chart_area, 1);
  g_assert_cmpuint (glide_report_test_count_dark (pixels), >, 2000);
}

static void
test_caseload_landscape (Fixture       *f,
                         gconstpointer  data)
{
  GlideReportRequest request = { GLIDE_REPORT_CASELOAD };
  g_autofree char *printed = path_in (f, "caseload-print.pdf");
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) words = NULL;

  assert_printed_like_export (f, &request, "caseload");
  words = glide_report_test_pdf_words (printed, 1, GLIDE_REPORT_TEST_WORDS_READABLE, sizes);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, GlideReportTestPageSize, 0).width,
                                  841.89, 0.5);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, GlideReportTestPageSize, 0).height,
                                  595.28, 0.5);
}

static void
test_summary_letter (Fixture       *f,
                     gconstpointer  data)
{
  GlideReportRequest request = { GLIDE_REPORT_SUMMARY, "P-1003" };
  g_autofree char *printed = path_in (f, "summary-print.pdf");
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) words = NULL;

  request.paper_given = TRUE;
  request.paper = GLIDE_PAPER_LETTER;
  assert_printed_like_export (f, &request, "summary");
  words = glide_report_test_pdf_words (printed, 1, GLIDE_REPORT_TEST_WORDS_READABLE, sizes);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, GlideReportTestPageSize, 0).width,
                                  612, 0.5);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, GlideReportTestPageSize, 0).height,
                                  792, 0.5);
}

/* The print is recorded once, naming its pages, like an export. */
static void
test_audited (Fixture       *f,
              gconstpointer  data)
{
  GlideReportRequest request = { GLIDE_REPORT_PROGRESS, "P-1004" };
  g_autofree char *printed = path_in (f, "audited.pdf");
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GlideAuditEntry *entry;
  guint n_pages;

  before = glide_store_list_audit (f->store, "P-1004", &error);
  g_assert_no_error (error);
  n_pages = print_to_pdf (f, &request, printed);
  after = glide_store_list_audit (f->store, "P-1004", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (after->len, ==, before->len + 1);
  expected = g_strdup_printf ("printed (%u pages)", n_pages);
  entry = NULL;
  for (guint i = 0; i < after->len; i++)
    {
      GlideAuditEntry *e = g_ptr_array_index (after, i);

      if (g_strcmp0 (e->details, expected) == 0)
        entry = e;
    }
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->action, ==, "export");
  g_assert_cmpstr (entry->entity, ==, "progress report");
}

static gboolean
patient_page_shown (gpointer data)
{
  return glide_window_get_patient_page (GLIDE_WINDOW (data)) != NULL;
}

static gboolean
print_dialog_gone (gpointer data)
{
  GtkWindow *dialog = glide_test_find_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG);

  return dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog));
}

/* The window's Print: GTK's print dialog (the print portal's in a
 * Flatpak) for the report laid out on a worker thread; cancelled, nothing
 * is printed, nothing is recorded and no error is shown. */
static void
test_window_print_dialog (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GlideWindow *window;
  GtkWindow *dialog;

  before = glide_store_list_audit (f->store, "P-1004", &error);
  g_assert_no_error (error);
  window = glide_test_open_window (f->store, 1000, 700);
  glide_window_open_patient (window, "P-1004");
  glide_test_wait_until (patient_page_shown, window, "the patient page");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  dialog = glide_test_wait_for_dialog (GTK_TYPE_PRINT_UNIX_DIALOG, GTK_WINDOW (window), NULL);
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "print-dialog.png");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  glide_test_wait_until (print_dialog_gone, NULL, "the print dialog gone");
  glide_test_flush_events ();
  g_assert_null (glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  after = glide_store_list_audit (f->store, "P-1004", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The first-run question would stand in front of the print dialog. */
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  glide_test_gui_init (&argc, &argv);

  g_test_add ("/print/progress-report", Fixture, NULL, fixture_set_up, test_progress_report,
              fixture_tear_down);
  g_test_add ("/print/caseload-landscape", Fixture, NULL, fixture_set_up,
              test_caseload_landscape, fixture_tear_down);
  g_test_add ("/print/summary-letter", Fixture, NULL, fixture_set_up, test_summary_letter,
              fixture_tear_down);
  g_test_add ("/print/audited", Fixture, NULL, fixture_set_up, test_audited, fixture_tear_down);
  g_test_add ("/print/window-print-dialog", Fixture, NULL, fixture_set_up,
              test_window_print_dialog, fixture_tear_down);
  return g_test_run ();
}
