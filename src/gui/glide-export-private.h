/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-export-private.h: the print operation of a report, for the tests
 * (GTK_PRINT_OPERATION_ACTION_EXPORT writes it to a PDF without a printer). */

#pragma once

#include "glide-export.h"

G_BEGIN_DECLS

GtkPrintOperation *glide_export_new_print_operation (GlideStore          *store,
                                                     GlideReportKind      kind,
                                                     GlideReportDocument *doc);
const GError      *glide_export_get_print_error     (GtkPrintOperation   *operation);

G_END_DECLS
