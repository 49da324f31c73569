/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-wrap-layout.h: children in lines, as many to a line as fit (at
 * their natural or minimum widths); one alone on a line gets the width. The session
 * editor's map and form use it, and so does each choice group, so the
 * window keeps working from a 360 px phone to a wide screen without ever
 * cutting the form off on the right. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_WRAP_LAYOUT (glide_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (GlideWrapLayout, glide_wrap_layout, GLIDE, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *glide_wrap_layout_new         (int              column_spacing,
                                                 int              row_spacing,
                                                 gboolean         natural);
gboolean          glide_wrap_layout_is_stacked  (GlideWrapLayout *self);

G_END_DECLS
