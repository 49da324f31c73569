/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-import-dialog.h: the window's "Import…": a JSON file (INTERCHANGE.md)
 * chosen with a "Merge into existing patients" choice, imported on a worker
 * thread with a connection of its own, as glide --import does it. */

#pragma once

#include <adwaita.h>

#include "glide-export.h"
#include "glide-interchange.h"
#include "glide-store.h"

G_BEGIN_DECLS

void     glide_import_file_async   (GlideStore           *store,
                                    const char           *path,
                                    gboolean              merge,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean glide_import_file_finish  (GAsyncResult         *result,
                                    GlideImportSummary   *summary,
                                    GError              **error);
void     glide_import_dialog_run   (GtkWidget            *widget,
                                    GlideStore           *store,
                                    GlideGuiDoneFunc      done);

G_END_DECLS
