/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-choice-group.h: a short code list shown as linked toggle buttons,
 * every choice visible and one key or click away. It is one focus stop
 * (the chosen button, or the first); Left and Right move the choice, and
 * each choice has a key (S/O for stroke, 1–3 for edge, 0–4 for redness). */

#pragma once

#include <gtk/gtk.h>

#include "glide-codes.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_CHOICE_GROUP (glide_choice_group_get_type ())

G_DECLARE_FINAL_TYPE (GlideChoiceGroup, glide_choice_group, GLIDE, CHOICE_GROUP, GtkWidget)

/* No choice made: an optional field not recorded, or a field still to assess. */
#define GLIDE_CHOICE_NONE (-1)

GlideChoiceGroup *glide_choice_group_new          (GlideCodeList       list,
                                                   const char * const *keys,
                                                   gboolean            optional);
int               glide_choice_group_get_selected (GlideChoiceGroup   *self);
void              glide_choice_group_set_selected (GlideChoiceGroup   *self,
                                                   int                 selected);
void              glide_choice_group_set_name     (GlideChoiceGroup   *self,
                                                   const char         *name);
const char       *glide_choice_group_get_key      (GlideChoiceGroup   *self,
                                                   int                 index);
GtkWidget        *glide_choice_group_get_button   (GlideChoiceGroup   *self,
                                                   int                 index);

G_END_DECLS
