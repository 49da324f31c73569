/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-check-dialog.c: "Check Database…" from the primary menu. The check
 * reads every record, so it runs on a worker thread with a connection of
 * its own (SQLite connections are not shared across threads); its items and
 * verdict are shown as glide --check prints them. */

#define G_LOG_DOMAIN "glide-check-dialog"

#include "config.h"

#include "glide-check-dialog.h"

#include <glib/gi18n.h>

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GlideStore *source = task_data;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  store = glide_store_open_another (source, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  items = glide_store_check (store, &error);
  if (items == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * glide_check_async:
 * @store: the window's store; the thread opens another connection to it,
 *   as the same person
 *
 * Runs glide_store_check() on a worker thread.
 */
void
glide_check_async (GlideStore          *store,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (GLIDE_IS_STORE (store));

  g_task_set_source_tag (task, glide_check_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, check_thread);
}

/**
 * glide_check_finish:
 *
 * Returns: (transfer container) (element-type GlideCheckItem): the items,
 *   or %NULL when the check could not run
 */
GPtrArray *
glide_check_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The verdict in glide --check's words (the same messages, so one
 * translation serves both). */
static const char *
verdict (gboolean all_ok)
{
  return all_ok ? _("Verdict: the database is intact.\n") :
                  _("Verdict: the database FAILED the check. Do not keep working in it; restore "
                    "the latest backup and report what happened.\n");
}

/**
 * glide_check_describe:
 * @items: (element-type GlideCheckItem): from glide_store_check()
 * @all_ok: (out) (optional): whether every item held
 *
 * Returns: the report as glide --check prints it, without its first line
 */
char *
glide_check_describe (GPtrArray *items,
                      gboolean  *all_ok)
{
  GString *text = g_string_new (NULL);
  gboolean ok = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (text, "%-20s %s  %s\n", item->name, item->ok ? "ok  " : "FAIL",
                              item->message);
      ok = ok && item->ok;
    }
  g_string_append (text, verdict (ok));
  if (all_ok != NULL)
    *all_ok = ok;
  return g_string_free (text, FALSE);
}

/* ---- the dialog --------------------------------------------------------------- */

typedef struct
{
  GtkWidget        *widget;   /* weak */
  AdwToast         *progress;
  GlideGuiDoneFunc  done;
} CheckRun;

static void
check_run_free (CheckRun *run)
{
  if (run->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->widget), (gpointer *) &run->widget);
  glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
  g_free (run);
}

static GtkWidget *
new_item_row (const GlideCheckItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (item->ok ? _("ok") : _("FAIL"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->message);
  gtk_widget_add_css_class (status, item->ok ? "success" : "error");
  gtk_widget_add_css_class (status, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  /* A screen reader says the verdict with the item. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (GTK_LABEL (status)), -1);
  return row;
}

static void
on_check_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  const char *report = g_object_get_data (G_OBJECT (dialog), "glide-check-report");

  if (g_strcmp0 (response, "copy") == 0 && report != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), report);
}

static void
show_report (GtkWidget *widget,
             GPtrArray *items)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *report = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list, *scroller;
  gboolean all_ok;

  report = glide_check_describe (items, &all_ok);
  body = g_strchomp (g_strdup (verdict (all_ok)));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   all_ok ? _("The Database Is Intact") :
                                   _("The Database Failed the Check"), body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What was checked"), -1);
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), new_item_row (g_ptr_array_index (items, i)));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  g_object_set_data_full (G_OBJECT (dialog), "glide-check-report", g_steal_pointer (&report),
                          g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "copy", _("C_opy Report"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect (dialog, "response", G_CALLBACK (on_check_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = glide_check_finish (result, &error);

  if (run->widget != NULL)
    {
      glide_gui_toast_progress_done (g_steal_pointer (&run->progress));
      if (items == NULL)
        glide_gui_show_error (run->widget, _("The Database Could Not Be Checked"),
                              error->message);
      else
        show_report (run->widget, items);
      if (run->done != NULL)
        run->done (run->widget, items != NULL);
    }
  check_run_free (run);
}

/**
 * glide_check_dialog_run:
 * @widget: where the progress and the report appear
 * @done: (nullable): called when the report is shown
 *
 * Checks the database off the main loop ("Checking the database…" meanwhile)
 * and shows each item with its verdict.
 */
void
glide_check_dialog_run (GtkWidget        *widget,
                        GlideStore       *store,
                        GlideGuiDoneFunc  done)
{
  CheckRun *run = g_new0 (CheckRun, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GLIDE_IS_STORE (store));

  run->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &run->widget);
  run->done = done;
  run->progress = glide_gui_toast_progress (widget, _("Checking the database…"));
  glide_check_async (store, NULL, on_checked, run);
}
