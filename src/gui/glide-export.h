/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-export.h: the window's exports (PDF reports, JSON) and printing.
 * The work runs on a GTask thread with its own store connection, as the
 * command line does it, so the window stays responsive. */

#pragma once

#include <adwaita.h>

#include "glide-form-dialog.h"
#include "glide-report.h"

G_BEGIN_DECLS

/* Called on the main loop when a task the window started is over, if
 * @widget still exists; @success is FALSE when it failed or was given up. */
typedef void (*GlideGuiDoneFunc) (GtkWidget *widget,
                                  gboolean   success);

typedef enum
{
  GLIDE_EXPORT_PROGRESS,
  GLIDE_EXPORT_SUMMARY,
  GLIDE_EXPORT_CASELOAD,
  GLIDE_EXPORT_JSON,
  GLIDE_EXPORT_DISCHARGE,
  GLIDE_EXPORT_CSV,          /* the caseload's period as four CSV files in a folder */
  GLIDE_EXPORT_FHIR,         /* a patient's record (or the clinic's) as a FHIR R4 Bundle */
} GlideExportKind;

void     glide_export_write_async  (GlideStore          *store,
                                    GlideExportKind      kind,
                                    const char          *chart,
                                    guint                course_number,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean glide_export_write_finish (GAsyncResult        *result,
                                    GError             **error);

void     glide_export_run          (GtkWidget           *widget,
                                    GlideStore          *store,
                                    GlideExportKind      kind,
                                    const char          *chart,
                                    guint                course_number);
GlideFormDialog *glide_export_ask_period (GtkWidget       *widget,
                                          GlideStore      *store,
                                          GlideExportKind  kind);
void     glide_export_print        (GtkWidget           *widget,
                                    GlideStore          *store,
                                    GlideExportKind      kind,
                                    const char          *chart,
                                    guint                course_number);

void     glide_gui_toast           (GtkWidget           *widget,
                                    const char          *message);
AdwToast *glide_gui_toast_progress (GtkWidget          *widget,
                                    const char         *message);
void     glide_gui_toast_progress_done (AdwToast       *toast);
void     glide_gui_show_error      (GtkWidget           *widget,
                                    const char          *heading,
                                    const char          *message);

G_END_DECLS
