/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-row-text.h: a few lines of text in a list row, measured by a fixed
 * number of lines and characters (see the .c file). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_ROW_TEXT (glide_row_text_get_type ())

G_DECLARE_FINAL_TYPE (GlideRowText, glide_row_text, GLIDE, ROW_TEXT, GtkWidget)

GtkWidget  *glide_row_text_new      (guint         lines,
                                     guint         natural_chars);
const char *glide_row_text_get_text (GlideRowText *self);
void        glide_row_text_set_text (GlideRowText *self,
                                     const char   *text);

G_END_DECLS
