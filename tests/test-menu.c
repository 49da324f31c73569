/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-menu.c: what the command line has, from the window's primary menu
 * (under Xvfb): "Check Database…" with its report (an intact demo clinic, a
 * tampered one), "Export Clinic as JSON…", "Import…" (with and without
 * merging) and the caseload overview for a chosen period. The file chooser
 * is GTK's own dialog here (no portal), answered as a user would. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "glide-date.h"
#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-interchange.h"
#include "glide-report.h"
#include "glide-test-utils.h"
#include "glide-window.h"

typedef struct
{
  char       *dir;
  char       *db_path;
  GlideStore *store;
  GSettings  *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = glide_test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "clinic.db", NULL);
  f->store = glide_test_open_store (f->dir, "clinic.db");
  if (GPOINTER_TO_INT (data))
    {
      g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "last-patient");
  g_settings_set_string (f->settings, "current-therapist", "dw");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static GlideWindow *
new_window (Fixture *f)
{
  GlideWindow *window = glide_window_new (NULL, f->store, NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
close_window (GlideWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

/* ---- finding what the window opened ---------------------------------------------- */

static GtkWindow *
wait_for_dialog (GlideWindow *window,
                 GType        type,
                 const char  *heading)
{
  return glide_test_wait_for_dialog (type, GTK_WINDOW (window), heading);
}

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* A toast saying @prefix is on screen. */
static gboolean
toast_is_shown (GlideWindow *window,
                const char  *prefix)
{
  GtkWidget *overlay = glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);

  return glide_test_find_matching (overlay, is_label_with_prefix, prefix) != NULL;
}

typedef struct
{
  GlideWindow *window;
  const char  *prefix;
} ToastQuery;

static gboolean
toast_is_shown_cb (gpointer data)
{
  ToastQuery *query = data;

  return toast_is_shown (query->window, query->prefix);
}

static void
wait_for_toast (GlideWindow *window,
                const char  *prefix)
{
  ToastQuery query = { window, prefix };

  glide_test_wait_until (toast_is_shown_cb, &query, prefix);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserQuery;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserQuery *query = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (query->chooser);

  return file != NULL && g_file_equal (file, query->file);
}

/* Answers GTK's file chooser as a user would: a folder and a name to save,
 * or a file to open; @merge sets the import's choice when not NULL. */
static void
answer_file_chooser (GlideWindow *window,
                     const char  *path,
                     const char  *merge)
{
  GtkWindow *dialog = wait_for_dialog (window, GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean replacing;

  /* Once shown, it goes to its first folder on its own: answer after that. */
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_flush_events ();
  if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      gtk_file_chooser_set_current_folder (chooser, folder, &error);
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (chooser, name);
    }
  else
    {
      gtk_file_chooser_set_file (chooser, file, &error);
      g_assert_no_error (error);
    }
  if (merge != NULL)
    gtk_file_chooser_set_choice (chooser, "merge", merge);
  /* The folder is read asynchronously: the answer counts once it shows. */
  {
    ChooserQuery query = { chooser, file };

    glide_test_wait_until (chooser_has_file, &query, path);
  }
  /* Saving over a file that exists: the chooser asks first, and the user
   * says Replace. */
  replacing = gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE &&
              g_file_test (path, G_FILE_TEST_EXISTS);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  if (replacing)
    {
      GtkWindow *confirm = glide_test_wait_for_dialog (GTK_TYPE_MESSAGE_DIALOG, dialog, NULL);

      gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
    }
  /* A name to save under is checked asynchronously before the answer
   * reaches the caller, which happens as the chooser hides. */
  {
glide_test_wait_for_dialog_gone (GTK_TYPE_FILE_CHOOSER_DIALOG, GTK_WINDOW (window),
                                     "the file chooser to close");
  }
}

/* ---- Check Database… ------------------------------------------------------------- */

typedef struct
{
  guint  n_rows;
  guint  n_failed;
  GString *text;
} RowsRead;

static void
read_rows (GtkWidget *widget,
           RowsRead  *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
      /* The item's verdict is a label of its own beside it. */
      GtkWidget *suffix = glide_test_find_matching (widget, is_label_with_prefix, "FAIL");
      rows->n_rows++;
      rows->n_failed += suffix != NULL;
      g_string_append_printf (rows->text, "%s | %s | %s\n", title, suffix ? "FAIL" : "ok",
                              subtitle);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    read_rows (child, rows);
}

static AdwMessageDialog *
run_check (GlideWindow *window,
           RowsRead    *rows)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-database", NULL));
  /* Progress while the worker thread reads the database. */
  g_assert_true (toast_is_shown (window, "Checking the database"));
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (window, ADW_TYPE_MESSAGE_DIALOG, "The Database"));
  rows->text = g_string_new (NULL);
  read_rows (adw_message_dialog_get_extra_child (dialog), rows);
  g_test_message ("%s\n%s\n%s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog), rows->text->str);
  return dialog;
}

static void
test_check_intact (Fixture       *f,
                   gconstpointer  data)
{
  GlideWindow *window = new_window (f);
  AdwMessageDialog *dialog;
  RowsRead rows = { 0 };

  dialog = run_check (window, &rows);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Is Intact");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Verdict: the database is intact.");
  g_assert_cmpuint (rows.n_rows, >=, 5);
  g_assert_cmpuint (rows.n_failed, ==, 0);
  g_assert_nonnull (strstr (rows.text->str, "Integrity | ok"));
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "menu-check-intact.png");
  g_string_free (rows.text, TRUE);

  /* Once the report is shown, the check can be run again. */
  adw_message_dialog_response (dialog, "close");
  glide_test_flush_events ();
  rows = (RowsRead) { 0 };
  dialog = run_check (window, &rows);
  g_assert_cmpuint (rows.n_failed, ==, 0);
  g_string_free (rows.text, TRUE);
  adw_message_dialog_response (dialog, "close");
  close_window (window);
}

static void
test_check_tampered (Fixture       *f,
                     gconstpointer  data)
{
  const char *shell[] = {
    g_getenv ("SQLITE3"), f->db_path,
    "UPDATE patients SET family_name = 'Miller' WHERE chart = 'P-1001'", NULL
  };
  g_autofree char *shell_err = NULL;
  GlideWindow *window = new_window (f);
  AdwMessageDialog *dialog;
  RowsRead rows = { 0 };

  g_assert_nonnull (shell[0]);
  g_assert_cmpint (glide_test_run (shell, NULL, &shell_err), ==, 0);

  dialog = run_check (window, &rows);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Failed the Check");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Verdict: the database FAILED the check. Do not keep working "
                                   "in it; restore the latest backup"));
  g_assert_cmpuint (rows.n_failed, >=, 1);
  /* The failing item says which record changed. */
  g_assert_nonnull (strstr (rows.text->str, "| FAIL |"));
  g_assert_nonnull (strstr (rows.text->str, "P-1001"));
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "menu-check-tampered.png");
  g_string_free (rows.text, TRUE);
  adw_message_dialog_response (dialog, "close");
  close_window (window);
}

/* ---- Export Clinic as JSON… ------------------------------------------------------ */

static guint
count_patients_in (const char *json_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_array_get_length (json_object_get_array_member (root, "patients"));
}

static void
test_export_clinic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "whole clinic.json", NULL);
  GlideWindow *window = new_window (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-clinic", NULL));
  answer_file_chooser (window, path, NULL);
  g_assert_true (toast_is_shown (window, "Writing “whole clinic.json”"));
  wait_for_toast (window, "Saved “whole clinic.json”");
  g_assert_cmpuint (count_patients_in (path), ==, 14);
  close_window (window);
}

/* The file chooser pointed at the clinic's own database: refused with a
 * dialog that says why, and every record still there. */
static void
test_export_over_database (Fixture       *f,
                           gconstpointer  data)
{
  GlideWindow *window = new_window (f);
  AdwMessageDialog *dialog;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-clinic", NULL));
  answer_file_chooser (window, f->db_path, NULL);
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (window, ADW_TYPE_MESSAGE_DIALOG, "Export Failed"));
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "it is a database, which a document would destroy"));
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "menu-export-over-database.png");
  adw_message_dialog_response (dialog, "close");
  close_window (window);

  store = glide_store_open (f->db_path, &error);
  g_assert_no_error (error);
  patients = glide_store_search_patients (store, "", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 14);
}

/* ---- Import… ---------------------------------------------------------------------- */

/* The demo clinic as a JSON file, made through its own database. */
static char *
export_demo (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->dir, "elsewhere", NULL);
  char *path = g_build_filename (f->dir, "demo.json", NULL);
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  store = glide_test_open_store (dir, "demo.db");
  g_assert_true (glide_demo_fill (store, NULL, NULL, &error));
  g_assert_true (glide_interchange_export_file (store, path, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
page_is_not_welcome (gpointer data)
{
  return g_strcmp0 (glide_window_get_page_name (data), "welcome") != 0;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = export_demo (f);
  GlideWindow *window = new_window (f);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_cmpstr (glide_window_get_page_name (window), ==, "welcome");

  /* Into an empty database: the list shows what came in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  answer_file_chooser (window, path, "false");
  g_assert_true (toast_is_shown (window, "Importing “demo.json”"));
  wait_for_toast (window, "Imported 14 patients");
  glide_test_wait_until (page_is_not_welcome, window, "the patient list");
  g_assert_cmpuint (g_list_model_get_n_items (glide_window_get_patients (window)), ==, 14);

  /* Again without merging: refused with the importer's reason, nothing added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  answer_file_chooser (window, path, "false");
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (window, ADW_TYPE_MESSAGE_DIALOG, "Import Failed"));
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_true (g_str_has_prefix (body, "“demo.json”: patients[0].chart: a patient with chart "
                                         "P-1001 already exists"));
  /* The window's words for the choice, not the command line's. */
  g_assert_nonnull (strstr (body, "Import again with “Merge into existing patients” to add"));
  g_assert_null (strstr (body, "--merge"));
  g_assert_true (g_str_has_suffix (body, "Nothing was imported."));
  adw_message_dialog_response (dialog, "close");

  /* With "Merge into existing patients": the same visits are found present. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  answer_file_chooser (window, path, "true");
  wait_for_toast (window, "Imported 0 patients");
  g_assert_true (toast_is_shown (window, "Imported 0 patients"));
  {
    GtkWidget *overlay = glide_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
    GtkWidget *label = glide_test_find_matching (overlay, is_label_with_prefix, "Imported 0");

    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                              "merged into 14 existing patients: 0 sessions added, 168 already "
                              "present (skipped)"));
  }
  g_assert_cmpuint (g_list_model_get_n_items (glide_window_get_patients (window)), ==, 14);
  close_window (window);
}

/* A hostile file's 1 MB key: the dialog quotes its start, names the rule and
 * stays readable (the whole key made a megabyte-long dialog). */
static void
test_import_hostile_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "hostile.json", NULL);
  g_autofree char *key = g_strnfill (1024 * 1024, 'k');
  g_autofree char *document =
    g_strdup_printf ("{\"format\": \"glide-interchange\", \"version\": 2, \"patients\": "
                     "[{\"chart\": \"P-1\", \"family_name\": \"Doe\", \"given_name\": \"Jo\", "
                     "\"%s\": 1}]}", key);
  GlideWindow *window = new_window (f);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (path, document, -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  answer_file_chooser (window, path, "false");
  dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (window, ADW_TYPE_MESSAGE_DIALOG, "Import Failed"));
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_cmpuint (strlen (body), <, 1000);
  g_assert_true (g_str_has_prefix (body, "“hostile.json”: patients[0].kkkk"));
  g_assert_nonnull (strstr (body, "…: unknown key"));
  g_assert_true (g_str_has_suffix (body, "Nothing was imported."));
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "menu-import-hostile-key.png");
  adw_message_dialog_response (dialog, "close");
  g_assert_cmpuint (g_list_model_get_n_items (glide_window_get_patients (window)), ==, 0);
  close_window (window);
}

/* ---- Caseload Overview… with a period ------------------------------------------- */

static char *
date_from_today (int days)
{
  g_autofree char *today = glide_date_today ();
  GDate date;

  g_assert_true (glide_date_parse (today, &date, NULL));
  if (days < 0)
    g_date_subtract_days (&date, -days);
  else
    g_date_add_days (&date, days);
  return glide_date_format (&date);
}

static void
test_caseload_period (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "caseload.pdf", NULL);
  g_autofree char *today = glide_date_today ();
  g_autofree char *first = date_from_today (-(GLIDE_REPORT_DEFAULT_DAYS - 1));
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *text = NULL;
  const char *pdftotext[] = { "pdftotext", "-layout", path, "-", NULL };
  GlideWindow *window = new_window (f);
  GlideFormDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-caseload", NULL));
  dialog = GLIDE_FORM_DIALOG (wait_for_dialog (window, GLIDE_TYPE_FORM_DIALOG, NULL));

  /* The command line's default: the last 90 days, today included. */
  g_assert_cmpstr (glide_form_dialog_get_text (dialog, "from"), ==, first);
  g_assert_cmpstr (glide_form_dialog_get_text (dialog, "to"), ==, today);
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "menu-caseload-period.png");

  /* Refusals name the field and the rule, and keep what was typed. */
  glide_form_dialog_set_text (dialog, "from", "2026-02-30");
  g_assert_false (glide_form_dialog_save (dialog));
  g_assert_cmpstr (glide_form_dialog_get_error (dialog), ==,
                   "From: write a date as YYYY-MM-DD, such as 2026-03-01");
  g_assert_cmpstr (glide_form_dialog_get_text (dialog, "from"), ==, "2026-02-30");
  glide_form_dialog_set_text (dialog, "from", tomorrow);
  g_assert_false (glide_form_dialog_save (dialog));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (dialog),
                                   "From: the period must start today or earlier"));
  glide_form_dialog_set_text (dialog, "from", "2020-02-01");
  glide_form_dialog_set_text (dialog, "to", "2020-01-31");
  g_assert_false (glide_form_dialog_save (dialog));
  g_assert_cmpstr (glide_form_dialog_get_error (dialog), ==,
                   "To: the period must end on or after its first day (From)");
  g_assert_null (glide_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* A period of one's own reaches the document. */
  glide_form_dialog_set_text (dialog, "from", "2000-01-01");
  glide_form_dialog_set_text (dialog, "to", today);
  g_assert_true (glide_form_dialog_save (dialog));
  answer_file_chooser (window, path, NULL);
  g_assert_true (toast_is_shown (window, "Writing “caseload.pdf”"));
  wait_for_toast (window, "Saved “caseload.pdf”");
  g_assert_cmpint (glide_test_run (pdftotext, &text, NULL), ==, 0);
  g_test_message ("%.400s", text);
  g_assert_nonnull (strstr (text, "1 Jan 2000 to"));
  close_window (window);
}

/* Caseload as CSV…: the period, a new folder, four files a spreadsheet reads. */
static void
test_caseload_csv (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "caseload csv", NULL);
  g_autofree char *today = glide_date_today ();
  const char *names[] = { "courses.csv", "sessions.csv", "treatments.csv", "measures.csv" };
  GlideWindow *window = new_window (f);
  GlideFormDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-caseload-csv", NULL));
  dialog = GLIDE_FORM_DIALOG (wait_for_dialog (window, GLIDE_TYPE_FORM_DIALOG, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Caseload as CSV");
  glide_form_dialog_set_text (dialog, "from", "2000-01-01");
  glide_form_dialog_set_text (dialog, "to", today);
  g_assert_true (glide_form_dialog_save (dialog));
  answer_file_chooser (window, folder, NULL);
  wait_for_toast (window, "Saved “caseload csv”");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      /* A header and at least one record, lines ended by CRLF. */
      g_assert_nonnull (strstr (text, "\r\n"));
      g_assert_nonnull (strstr (strstr (text, "\r\n") + 2, "\r\n"));
    }
  close_window (window);
}

/* The patient page's Export Patient Record as FHIR…: a FHIR R4 Bundle of
 * that patient alone, written where the file chooser said. */
static void
test_patient_fhir (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "p1001.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GlideWindow *window = new_window (f);
  JsonObject *bundle;
  JsonArray *entries;
  guint patients = 0;

  glide_window_open_patient (window, "P-1001");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (glide_window_get_patient_page (window)),
                                             "patient.export-fhir", NULL));
  answer_file_chooser (window, path, NULL);
  wait_for_toast (window, "Saved “p1001.json”");

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  bundle = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  entries = json_object_get_array_member (bundle, "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");

      if (g_strcmp0 (json_object_get_string_member (resource, "resourceType"), "Patient") == 0)
        {
          JsonObject *identifier = json_array_get_object_element (
            json_object_get_array_member (resource, "identifier"), 0);

          g_assert_cmpstr (json_object_get_string_member (identifier, "value"), ==, "P-1001");
          patients++;
        }
    }
  g_assert_cmpuint (patients, ==, 1);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = glide_test_make_tmpdir ();
  int status;

  /* The audit anchors go to the user's data folder: a private one. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, demo) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_set_up, func, fixture_tear_down)
  ADD ("/menu/check/intact", test_check_intact, TRUE);
  ADD ("/menu/check/tampered", test_check_tampered, TRUE);
  ADD ("/menu/export-clinic", test_export_clinic, TRUE);
  ADD ("/menu/export-over-database", test_export_over_database, TRUE);
  ADD ("/menu/import", test_import, FALSE);
  ADD ("/menu/import-hostile-key", test_import_hostile_key, FALSE);
  ADD ("/menu/caseload-period", test_caseload_period, TRUE);
  ADD ("/menu/caseload-csv", test_caseload_csv, TRUE);
  ADD ("/menu/patient-fhir", test_patient_fhir, TRUE);
#undef ADD

  status = g_test_run ();
  glide_test_remove_tree (data_home);
  return status;
}
