/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-import-dialog.c: "Import…" from the primary menu. The file chooser
 * runs on the main loop; the import (all or nothing, in one transaction)
 * runs on a worker thread with its own connection (SQLite connections are
 * not shared across threads) and the window's therapist as the actor. */

#define G_LOG_DOMAIN "glide-import-dialog"

#include "config.h"

#include "glide-import-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  GlideStore         *source;  /* the window's: the thread opens another connection */
  gint64              actor;
  char               *path;
  gboolean            merge;
  GlideImportSummary  summary;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->source);
  g_free (job->path);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = glide_store_open_another (job->source, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  glide_store_set_actor (store, job->actor);
  if (!glide_interchange_import_file (store, job->path, job->merge, &job->summary, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * glide_import_file_async:
 * @store: the window's store; the thread opens another connection to it,
 *   as the same person
 * @path: the JSON file
 * @merge: add courses and sessions to charts already in the database
 *
 * Imports @path on a worker thread.
 */
void
glide_import_file_async (GlideStore          *store,
                         const char          *path,
                         gboolean             merge,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (GLIDE_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job->source = g_object_ref (store);
  job->actor = glide_store_get_actor (store);
  job->path = g_strdup (path);
  job->merge = merge;
  g_task_set_source_tag (task, glide_import_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * glide_import_file_finish:
 * @summary: (out) (optional): what was imported
 *
 * Returns: %TRUE when the whole file was imported; else nothing was
 */
gboolean
glide_import_file_finish (GAsyncResult        *result,
                          GlideImportSummary  *summary,
                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (summary != NULL)
    *summary = ((ImportJob *) g_task_get_task_data (G_TASK (result)))->summary;
  return TRUE;
}

/* ---- from the window ------------------------------------------------------------ */

typedef struct
{
  GtkWidget        *widget;   /* weak */
  GlideStore       *store;
  GlideGuiDoneFunc  done;
  char             *path;
  AdwToast         *progress;
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  if (run->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->widget), (gpointer *) &run->widget);
  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  g_clear_object (&run->store);
  g_free (run->path);
  g_free (run);
}

static void
finish_run (ImportRun *run,
            gboolean   success)
{
  if (run->widget != NULL && run->done != NULL)
    run->done (run->widget, success);
  import_run_free (run);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportRun *run = user_data;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;
  gboolean ok = glide_import_file_finish (result, &summary, &error);

  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  if (run->widget != NULL)
    {
      g_autofree char *name = g_path_get_basename (run->path);

      if (!ok)
        {
          /* The importer leaves to each front end how to ask for a merge. */
          const char *how = g_error_matches (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_EXISTS) ?
                            _("\nImport again with “Merge into existing patients” to add to the patients already there.") : "";
          g_autofree char *message =
            /* Translators: a file name, why it was refused, then (maybe) how to merge */
            g_strdup_printf (_("“%s”: %s%s\nNothing was imported."), name, error->message, how);

          glide_gui_show_error (run->widget, _("Import Failed"), message);
        }
      else
        {
          g_autofree char *described = glide_import_summary_describe (&summary);
          /* Translators: what was imported (a list of counts), then the file */
          g_autofree char *message = g_strdup_printf (_("Imported %s from “%s”"), described, name);

          glide_gui_toast (run->widget, message);
        }
    }
  finish_run (run, ok);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  ImportRun *run = user_data;
  g_autoptr(GFile) file = NULL;
  gboolean merge = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      merge = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "merge"),
                         "true") == 0;
    }
  g_object_unref (dialog);

  if (file == NULL || (run->path = g_file_get_path (file)) == NULL || run->widget == NULL)
    {
      finish_run (run, FALSE);
      return;
    }

  {
    g_autofree char *name = g_path_get_basename (run->path);
    g_autofree char *message = g_strdup_printf (_("Importing “%s”…"), name);

    run->progress = glide_gui_toast_progress (run->widget, message);
  }
  glide_import_file_async (run->store, run->path, merge, NULL, on_imported, run);
}

/**
 * glide_import_dialog_run:
 * @widget: where the dialogs and the messages appear
 * @done: (nullable): called when the import is over (or given up)
 *
 * Asks for a JSON file, and whether its patients may be merged into charts
 * already here, then imports it off the main loop ("Importing …"
 * meanwhile) and says what came in, or why nothing did.
 */
void
glide_import_dialog_run (GtkWidget        *widget,
                         GlideStore       *store,
                         GlideGuiDoneFunc  done)
{
  ImportRun *run = g_new0 (ImportRun, 1);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GLIDE_IS_STORE (store));

  run->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &run->widget);
  run->store = g_object_ref (store);
  run->done = done;

  chooser = gtk_file_chooser_native_new (_("Import Data"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Glide data (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  /* Without it a chart number already here is refused, as glide --import
   * does without --merge. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "merge",
                               _("_Merge into existing patients"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "merge", "false");
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
