/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-export.c: exports and printing from the window. The file chooser and
 * the print dialog run on the main loop; the document is made on a worker
 * thread with a connection of its own (SQLite connections are not shared
 * across threads), and the audit entry is written there too. */

#define G_LOG_DOMAIN "glide-export"

#include "config.h"

#include "glide-export.h"

#include "glide-csv.h"
#include "glide-date.h"
#include "glide-interchange.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "glide-export-private.h"
#include "glide-painter-cairo.h"
#include "glide-fhir.h"
#include "glide-language.h"
#include "glide-pdf.h"

typedef struct
{
  GlideStore      *source;     /* the window's: its thread opens another connection */
  gint64           actor;
  GlideExportKind  kind;
  char            *chart;
  guint            course_number;
  char            *from;       /* caseload: the period, NULL: the last 90 days */
  char            *to;
  char            *path;
  char            *language;   /* of the document: Preferences' choice, NULL the desktop's */
  GPtrArray       *warnings;   /* what the document could not draw */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_object (&job->source);
  g_free (job->chart);
  g_free (job->from);
  g_free (job->to);
  g_free (job->path);
  g_free (job->language);
  g_free (job);
}

/* A job for a worker thread; the documents' language is read here, on the
 * main loop, from this workstation's setting (Preferences → Clinic). */
static ExportJob *
export_job_new (GlideStore      *store,
                GlideExportKind  kind,
                const char      *chart,
                guint            course_number)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *language = g_settings_get_string (settings, "document-language");

  job->source = g_object_ref (store);
  job->actor = glide_store_get_actor (store);
  job->kind = kind;
  job->chart = g_strdup (chart);
  job->course_number = course_number;
  if (glide_language_is_known (language))
    job->language = g_steal_pointer (&language);
  return job;
}

static GlideReportKind
report_kind (GlideExportKind kind)
{
  switch (kind)
    {
    case GLIDE_EXPORT_PROGRESS:
      return GLIDE_REPORT_PROGRESS;
    case GLIDE_EXPORT_SUMMARY:
      return GLIDE_REPORT_SUMMARY;
    case GLIDE_EXPORT_DISCHARGE:
      return GLIDE_REPORT_DISCHARGE;
    case GLIDE_EXPORT_CASELOAD:
    case GLIDE_EXPORT_JSON:
    case GLIDE_EXPORT_CSV:
    case GLIDE_EXPORT_FHIR:
    default:
      return GLIDE_REPORT_CASELOAD;
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* As the same person: on a clinic server, the same login and password. */
  store = glide_store_open_another (job->source, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  glide_store_set_actor (store, job->actor);

  if (job->kind == GLIDE_EXPORT_JSON)
    ok = glide_interchange_export_file (store, job->path, job->chart, NULL, &error);
  else if (job->kind == GLIDE_EXPORT_CSV)
    ok = glide_csv_export (store, job->path, job->from, job->to, NULL, &error);
  else if (job->kind == GLIDE_EXPORT_FHIR)
    ok = glide_fhir_export (store, job->chart, job->path, &error);
  else
    {
      GlideReportRequest request = { 0 };

      request.kind = report_kind (job->kind);
      request.chart = job->chart;
      request.course_number = job->course_number;
      request.from = job->from;
      request.to = job->to;
      request.warnings = job->warnings;
      request.language = job->language;
      ok = glide_report_export (store, &request, job->path, &error);
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_async (GlideStore          *store,
             GlideExportKind      kind,
             const char          *chart,
             guint                course_number,
             const char          *from,
             const char          *to,
             const char          *path,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = export_job_new (store, kind, chart, course_number);

  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->path = g_strdup (path);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  g_task_set_source_tag (task, glide_export_write_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * glide_export_write_async:
 * @store: the window's store; only its path and actor are used here
 * @chart: (nullable): the patient (all of them for JSON when %NULL)
 * @course_number: 1 = the oldest course, 0 = the latest
 * @path: the file to write
 *
 * Writes a report or a JSON export on a worker thread.
 */
void
glide_export_write_async (GlideStore          *store,
                          GlideExportKind      kind,
                          const char          *chart,
                          guint                course_number,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  write_async (store, kind, chart, course_number, NULL, NULL, path, cancellable, callback,
               user_data);
}

gboolean
glide_export_write_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- messages -------------------------------------------------------------- */

/**
 * glide_gui_toast:
 *
 * Shows @message in the nearest toast overlay above @widget.
 */
void
glide_gui_toast (GtkWidget  *widget,
                 const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (overlay == NULL && (root = gtk_widget_get_root (widget)) != NULL &&
      ADW_IS_APPLICATION_WINDOW (root))
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));

      if (ADW_IS_TOAST_OVERLAY (content))
        overlay = content;
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/**
 * glide_gui_toast_progress:
 *
 * Shows @message in the nearest toast overlay above @widget until the
 * caller dismisses it: work under way.
 *
 * Returns: (transfer full) (nullable): the toast, for
 *   glide_gui_toast_progress_done()
 */
AdwToast *
glide_gui_toast_progress (GtkWidget  *widget,
                          const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;
  AdwToast *toast;

  if (overlay == NULL && (root = gtk_widget_get_root (widget)) != NULL &&
      ADW_IS_APPLICATION_WINDOW (root))
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));

      if (ADW_IS_TOAST_OVERLAY (content))
        overlay = content;
    }
  if (overlay == NULL)
    return NULL;
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  /* Normal priority: in libadwaita 1.2 a high-priority toast that pushes a
   * hiding one back into the queue makes it be shown twice (an assertion). */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  g_object_set_data (G_OBJECT (toast), "glide-shown-at",
                     GSIZE_TO_POINTER ((gsize) (g_get_monotonic_time () / 1000)));
  return toast;
}

/* libadwaita 1.2 frees a toast's bookkeeping when its hide animation ends,
 * and a show animation still running then calls back into the freed
 * record: a crash seen when work finished within a moment of its toast
 * appearing (a print laid out at once). So a progress toast is dismissed
 * only once its show animation (300 ms) is certainly over. */
#define TOAST_SHOWN_MS 800

static gboolean
dismiss_later (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

/**
 * glide_gui_toast_progress_done:
 * @toast: (transfer full) (nullable): from glide_gui_toast_progress()
 *
 * Takes down a progress toast, now or as soon as it has finished appearing.
 */
void
glide_gui_toast_progress_done (AdwToast *toast)
{
  gsize shown_at;
  gint64 elapsed;

  if (toast == NULL)
    return;
  shown_at = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "glide-shown-at"));
  elapsed = g_get_monotonic_time () / 1000 - (gint64) shown_at;
  if (elapsed >= TOAST_SHOWN_MS)
    {
      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, TOAST_SHOWN_MS - elapsed, dismiss_later, toast,
                        g_object_unref);
}

/**
 * glide_gui_show_error:
 *
 * A message dialog for a failure the user must read (a store error while
 * saving, say); what they typed is kept by the caller.
 */
void
glide_gui_show_error (GtkWidget  *widget,
                      const char *heading,
                      const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- export to a chosen file ---------------------------------------------- */

typedef struct
{
  GtkWidget       *widget;   /* weak */
  GlideStore      *store;
  GlideExportKind  kind;
  char            *chart;
  guint            course_number;
  char            *from;
  char            *to;
  char            *path;
  AdwToast        *progress;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  if (run->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->widget), (gpointer *) &run->widget);
  g_clear_object (&run->store);
  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  g_free (run->chart);
  g_free (run->from);
  g_free (run->to);
  g_free (run->path);
  g_free (run);
}

static ExportRun *
export_run_new (GtkWidget       *widget,
                GlideStore      *store,
                GlideExportKind  kind,
                const char      *chart,
                guint            course_number)
{
  ExportRun *run = g_new0 (ExportRun, 1);

  run->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &run->widget);
  run->store = g_object_ref (store);
  run->kind = kind;
  run->chart = g_strdup (chart);
  run->course_number = course_number;
  return run;
}

static char *
suggest_name (const ExportRun *run)
{
  g_autofree char *today = glide_date_today ();

  switch (run->kind)
    {
    case GLIDE_EXPORT_PROGRESS:
      /* Translators: a file name: chart number and date */
      return g_strdup_printf (_("%s progress report %s.pdf"), run->chart, today);
    case GLIDE_EXPORT_SUMMARY:
      return g_strdup_printf (_("%s clinical summary %s.pdf"), run->chart, today);
    case GLIDE_EXPORT_DISCHARGE:
      return g_strdup_printf (_("%s discharge summary %s.pdf"), run->chart, today);
    case GLIDE_EXPORT_CASELOAD:
      return g_strdup_printf (_("Caseload %s.pdf"), today);
    case GLIDE_EXPORT_CSV:
      /* Translators: a folder name: the date */
      return g_strdup_printf (_("Caseload %s CSV"), today);
    case GLIDE_EXPORT_FHIR:
      /* Translators: a file name: chart number (or "Clinic") and date */
      return g_strdup_printf (_("%s FHIR %s.json"), run->chart ? run->chart : _("Clinic"), today);
    case GLIDE_EXPORT_JSON:
    default:
      return g_strdup_printf ("%s %s.json", run->chart ? run->chart : _("Clinic"), today);
    }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ExportRun *run = user_data;
  g_autoptr(GError) error = NULL;

  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  if (!glide_export_write_finish (result, &error))
    {
      if (run->widget != NULL)
        glide_gui_show_error (run->widget, _("Export Failed"), error->message);
    }
  else if (run->widget != NULL)
    {
      ExportJob *job = g_task_get_task_data (G_TASK (result));
      g_autofree char *name = g_path_get_basename (run->path);
      g_autofree char *message = NULL;

      /* A character no font has is drawn as a placeholder: say which. */
      if (job->warnings->len > 0)
        message = g_strdup_printf (_("Saved “%s”; %s"), name,
                                   (const char *) g_ptr_array_index (job->warnings, 0));
      else
        message = g_strdup_printf (_("Saved “%s”"), name);
      glide_gui_toast (run->widget, message);
    }
  export_run_free (run);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  ExportRun *run = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL || (run->path = g_file_get_path (file)) == NULL)
    {
      export_run_free (run);
      return;
    }
  if (run->widget != NULL)
    {
      g_autofree char *name = g_path_get_basename (run->path);
      g_autofree char *message = g_strdup_printf (_("Writing “%s”…"), name);

      run->progress = glide_gui_toast_progress (run->widget, message);
    }
  write_async (run->store, run->kind, run->chart, run->course_number, run->from, run->to,
               run->path, NULL, on_written, run);
}

static void
choose_file (ExportRun *run)
{
  GlideExportKind kind = run->kind;
  GtkRoot *root = gtk_widget_get_root (run->widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = suggest_name (run);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (kind == GLIDE_EXPORT_CSV ? _("Export CSV Folder") :
                                         kind == GLIDE_EXPORT_JSON ? _("Export Data") :
                                         kind == GLIDE_EXPORT_FHIR ? _("Export Record as FHIR") :
                                         _("Export Report"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* A CSV export is a new folder of four files: named like a file. */
  if (kind == GLIDE_EXPORT_JSON)
    {
      gtk_file_filter_set_name (filter, _("Glide data (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/json");
    }
  else if (kind == GLIDE_EXPORT_FHIR)
    {
      gtk_file_filter_set_name (filter, _("HL7 FHIR R4 (JSON)"));
      gtk_file_filter_add_mime_type (filter, "application/fhir+json");
      gtk_file_filter_add_mime_type (filter, "application/json");
    }
  else if (kind != GLIDE_EXPORT_CSV)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  if (kind != GLIDE_EXPORT_CSV)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * glide_export_run:
 * @widget: where the dialog and the messages appear
 *
 * Asks where to save, then writes the document off the main loop ("Writing
 * …" meanwhile) and says so in a toast (or a dialog, if it failed; an
 * existing file is then kept).
 */
void
glide_export_run (GtkWidget       *widget,
                  GlideStore      *store,
                  GlideExportKind  kind,
                  const char      *chart,
                  guint            course_number)
{
  choose_file (export_run_new (widget, store, kind, chart, course_number));
}

/* ---- the caseload's period ------------------------------------------------------ */

typedef struct
{
  GtkWidget       *widget;   /* weak */
  GlideStore      *store;
  GlideExportKind  kind;     /* the caseload overview, or its CSV */
} PeriodRequest;

static void
period_request_free (PeriodRequest *request)
{
  if (request->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (request->widget), (gpointer *) &request->widget);
  g_clear_object (&request->store);
  g_free (request);
}

static gboolean
read_period_date (GlideFormDialog  *dialog,
                  const char       *key,
                  GDate            *date,
                  char            **field,
                  GError          **error)
{
  /* The typed text is not repeated: it may hold anything. */
  if (!glide_date_parse (glide_form_dialog_get_text (dialog, key), date, NULL))
    {
      *field = g_strdup (key);
      g_set_error_literal (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
                           _("write a date as YYYY-MM-DD, such as 2026-03-01"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_period (GlideFormDialog  *dialog,
             gpointer          user_data,
             char            **field,
             GError          **error)
{
  PeriodRequest *request = user_data;
  g_autofree char *today_text = glide_date_today ();
  ExportRun *run;
  GDate start, end, today;

  if (!read_period_date (dialog, "from", &start, field, error) ||
      !read_period_date (dialog, "to", &end, field, error))
    return FALSE;
  glide_date_parse (today_text, &today, NULL);
  /* The report refuses it too, but only after the file was chosen. */
  if (g_date_compare (&start, &today) > 0)
    {
      *field = g_strdup ("from");
      g_set_error_literal (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
                           _("the period must start today or earlier: the overview counts "
                             "visits that have happened"));
      return FALSE;
    }
  if (g_date_compare (&start, &end) > 0)
    {
      *field = g_strdup ("to");
      g_set_error_literal (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
                           _("the period must end on or after its first day (From)"));
      return FALSE;
    }
  if (request->widget == NULL)
    return TRUE;

  run = export_run_new (request->widget, request->store, request->kind, NULL, 0);
  run->from = glide_date_format (&start);
  run->to = glide_date_format (&end);
  choose_file (run);
  return TRUE;
}

/**
 * glide_export_ask_period:
 * @widget: where the dialogs and the messages appear
 *
 * @kind: GLIDE_EXPORT_CASELOAD (the PDF) or GLIDE_EXPORT_CSV (the period's
 *   records as CSV files in a folder)
 *
 * The caseload overview: asks for its period (the last 90 days unless
 * changed), then where to save it, then writes it as glide_export_run() does.
 *
 * Returns: (transfer none): the period dialog
 */
GlideFormDialog *
glide_export_ask_period (GtkWidget       *widget,
                         GlideStore      *store,
                         GlideExportKind  kind)
{
  PeriodRequest *request = g_new0 (PeriodRequest, 1);
  GtkRoot *root = gtk_widget_get_root (widget);
  GlideFormDialog *dialog;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate start, end;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);

  request->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &request->widget);
  request->store = g_object_ref (store);
  request->kind = kind;

  /* The same default as glide --caseload: the last 90 days, today included. */
  to = glide_date_today ();
  glide_date_parse (to, &end, NULL);
  start = end;
  g_date_subtract_days (&start, GLIDE_REPORT_DEFAULT_DAYS - 1);
  from = glide_date_format (&start);

  dialog = glide_form_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  kind == GLIDE_EXPORT_CSV ? _("Caseload as CSV")
                                                           : _("Caseload Overview"),
                                  _("_Continue"),
                                  save_period, request, (GDestroyNotify) period_request_free);
  glide_form_dialog_set_intro (dialog, kind == GLIDE_EXPORT_CSV ?
                               _("The courses seen in this period with their sessions, treated "
                                 "areas and measures, as four CSV files in a new folder. Dates "
                                 "are written YYYY-MM-DD.") :
                               _("The courses seen in this period, first and last day "
                                 "included. Dates are written YYYY-MM-DD."));
  glide_form_dialog_add_entry (dialog, "from", _("_From"), from);
  glide_form_dialog_add_entry (dialog, "to", _("_To"), to);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- printing ---------------------------------------------------------------- */

/* What a print operation draws: the document, laid out once with the PDF's
 * measures, and the store its audit entry goes to. */
typedef struct
{
  GlideStore          *store;
  GlideReportKind      kind;
  GlideReportDocument *doc;
  GError              *audit_error;  /* the print was not recorded: nothing was drawn */
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->doc, glide_report_document_free);
  g_clear_error (&data->audit_error);
  g_free (data);
}

/* The print is in the audit log before any page leaves, as an export is
 * before its file gets its name. */
static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintData *data = user_data;

  if (!glide_report_audit_print (data->store, data->kind, data->doc, &data->audit_error))
    gtk_print_operation_cancel (operation);
}

/* The page as the PDF has it; on other paper than the document's, scaled
 * to fit and centred, as a PDF viewer prints it. */
static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PrintData *data = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width, page_height, width, height, scale;
  g_autoptr(GlidePainter) painter = NULL;

  glide_report_document_get_page_size (data->doc, &page_width, &page_height);
  width = gtk_print_context_get_width (context);
  height = gtk_print_context_get_height (context);
  scale = MIN (width / page_width, height / page_height);

  cairo_save (cr);
  cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_BEST);
  glide_report_document_draw_page (data->doc, page_nr, painter);
  g_clear_pointer (&painter, glide_painter_free);
  cairo_restore (cr);
}

/**
 * glide_export_new_print_operation:
 * @store: where the print is recorded in the audit log (at begin-print)
 * @doc: (transfer full): a document built with record_pages
 *
 * A print operation for a report: the document's paper and orientation as
 * the default page setup, one printed page per page of the PDF. In a
 * Flatpak, GTK runs it through the print portal.
 *
 * Returns: (transfer full): the operation, not yet run
 */
GtkPrintOperation *
glide_export_new_print_operation (GlideStore          *store,
                                  GlideReportKind      kind,
                                  GlideReportDocument *doc)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  PrintData *data = g_new0 (PrintData, 1);
  double width, height;

  data->store = g_object_ref (store);
  data->kind = kind;
  data->doc = doc;

  glide_report_document_finish (doc);
  glide_report_document_get_page_size (doc, &width, &height);
  paper = gtk_paper_size_new (fabs (MIN (width, height) - GLIDE_PDF_LETTER_WIDTH) < 1
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The document has its own margins. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) glide_report_document_get_n_pages (doc));
  gtk_print_operation_set_job_name (operation, _("Glide report"));
  gtk_print_operation_set_allow_async (operation, TRUE);

  g_object_set_data_full (G_OBJECT (operation), "glide-print-data", data,
                          (GDestroyNotify) print_data_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), data);
  return operation;
}

/**
 * glide_export_get_print_error:
 *
 * Returns: (nullable): why @operation drew nothing: the audit log refused
 *   the print's entry
 */
const GError *
glide_export_get_print_error (GtkPrintOperation *operation)
{
  PrintData *data = g_object_get_data (G_OBJECT (operation), "glide-print-data");

  return data != NULL ? data->audit_error : NULL;
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  ExportRun *run = user_data;
  const GError *audit_error = glide_export_get_print_error (operation);
  g_autoptr(GError) error = NULL;

  if (run->widget != NULL)
    {
      if (audit_error != NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("The print could not be recorded in the audit log, so nothing "
                               "was printed: %s"), audit_error->message);

          glide_gui_show_error (run->widget, _("Printing Failed"), message);
        }
      else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        {
          gtk_print_operation_get_error (operation, &error);
          glide_gui_show_error (run->widget, _("Printing Failed"),
                                error != NULL ? error->message : _("The printer gave no reason"));
        }
      else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
        glide_gui_toast (run->widget, _("Sent to the printer"));
    }
  g_object_unref (operation);
  export_run_free (run);
}

/* The document is laid out on a worker thread with its own connection,
 * its pages kept to be drawn again on the print context. */
static void
print_build_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GlideReportRequest request = { 0 };
  GlideReportDocument *doc;

  store = glide_store_open_another (job->source, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  glide_store_set_actor (store, job->actor);

  request.kind = report_kind (job->kind);
  request.chart = job->chart;
  request.course_number = job->course_number;
  request.record_pages = TRUE;
  request.language = job->language;
  if (!(doc = glide_report_build (store, &request, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Drawing what waits and the footers is the slow part; here, not on
   * the main loop. */
  glide_report_document_finish (doc);
  g_task_return_pointer (task, doc, (GDestroyNotify) glide_report_document_free);
}

static void
on_print_built (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportRun *run = user_data;
  g_autoptr(GError) error = NULL;
  GlideReportDocument *doc = g_task_propagate_pointer (G_TASK (result), &error);
  GtkPrintOperation *operation;
  GtkRoot *root;

  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  if (doc == NULL || run->widget == NULL)
    {
      if (doc == NULL && run->widget != NULL)
        glide_gui_show_error (run->widget, _("Printing Failed"), error->message);
      g_clear_pointer (&doc, glide_report_document_free);
      export_run_free (run);
      return;
    }

  operation = glide_export_new_print_operation (run->store, report_kind (run->kind), doc);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), run);
  root = gtk_widget_get_root (run->widget);
  /* Every way the run ends emits "done", which tells the user and frees. */
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
}

/**
 * glide_export_print:
 *
 * Prints the document an export would write: it is laid out on a worker
 * thread as for the PDF, then GTK's print dialog (the print portal in a
 * Flatpak) is shown, the print is recorded in the audit log, and the
 * pages are drawn through Cairo.
 */
void
glide_export_print (GtkWidget       *widget,
                    GlideStore      *store,
                    GlideExportKind  kind,
                    const char      *chart,
                    guint            course_number)
{
  ExportRun *run = export_run_new (widget, store, kind, chart, course_number);
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (kind != GLIDE_EXPORT_JSON && kind != GLIDE_EXPORT_FHIR);

  job = export_job_new (store, kind, chart, course_number);
  run->progress = glide_gui_toast_progress (widget, _("Preparing to print…"));

  task = g_task_new (NULL, NULL, on_print_built, run);
  g_task_set_source_tag (task, glide_export_print);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, print_build_thread);
}
