/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-person-paintable.h: a person's outline, a symbolic paintable drawn
 * without an icon file (see the .c file). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_PERSON_PAINTABLE (glide_person_paintable_get_type ())

G_DECLARE_FINAL_TYPE (GlidePersonPaintable, glide_person_paintable, GLIDE, PERSON_PAINTABLE, GObject)

GdkPaintable *glide_person_paintable_new (void);

G_END_DECLS
