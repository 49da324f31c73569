/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-alert-rows.h: banner-like rows (tinted by ui/glide.css) for a list
 * box: screening alerts on the patient page and on every session, and the
 * session editor's notices. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  glide_alert_rows_clear          (GtkListBox      *list);
GtkWidget *glide_alert_rows_add       (GtkListBox      *list,
                                       const char      *icon_name,
                                       const char      *style,
                                       const char      *title,
                                       const char      *subtitle);
void  glide_alert_rows_add_screening  (GtkListBox      *list,
                                       const GPtrArray *screening,
                                       gboolean         with_advice,
                                       GString         *titles);

G_END_DECLS
