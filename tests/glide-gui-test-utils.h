/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-gui-test-utils.h: helpers shared by the GUI tests (under Xvfb). */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*GlideTestWidgetMatch) (GtkWidget     *widget,
                                          gconstpointer  data);

void       glide_test_wait_for_draw     (GtkWidget   *widget);
void       glide_test_iterate           (guint        milliseconds);
void       glide_test_save_screenshot   (GtkWidget   *window,
                                         const char  *name);
GtkWidget *glide_test_find_widget       (GtkWidget   *root,
                                         GType        type);
GtkWidget *glide_test_find_matching     (GtkWidget   *root,
                                         GlideTestWidgetMatch match,
                                         gconstpointer data);
GtkWindow *glide_test_find_toplevel     (GType        type);

G_END_DECLS
