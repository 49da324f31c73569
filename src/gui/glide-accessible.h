/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-accessible.h: names a screen reader can say, where GTK 4.8 gives
 * none or a bad one (tests/test-a11y.c reads them over the AT-SPI bus). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void glide_accessible_init             (void);
void glide_accessible_set_label        (GtkWidget   *widget,
                                        const char  *label);
void glide_accessible_name_drop_down   (GtkDropDown *drop_down,
                                        const char  *caption);
void glide_accessible_scroll_to_focus  (GtkScrolledWindow *scroller);
void glide_accessible_name_list_row    (GtkWidget   *row_child,
                                        const char  *label,
                                        const char  *description);

G_END_DECLS
