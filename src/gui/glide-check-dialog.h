/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-check-dialog.h: the window's "Check Database…": glide --check run on
 * a worker thread with a connection of its own, its report in a dialog. */

#pragma once

#include <adwaita.h>

#include "glide-export.h"
#include "glide-store.h"

G_BEGIN_DECLS

void       glide_check_async       (GlideStore           *store,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
GPtrArray *glide_check_finish      (GAsyncResult         *result,
                                    GError              **error);
char      *glide_check_describe    (GPtrArray            *items,
                                    gboolean             *all_ok);
void       glide_check_dialog_run  (GtkWidget            *widget,
                                    GlideStore           *store,
                                    GlideGuiDoneFunc      done);

G_END_DECLS
