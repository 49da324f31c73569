/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-exercise-row.h: one exercise of a session in the editor's list:
 * name (completed from the course's earlier exercises), sets × reps or a
 * hold in seconds, load and side. */

#pragma once

#include <gtk/gtk.h>

#include "glide-records.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_EXERCISE_ROW (glide_exercise_row_get_type ())

G_DECLARE_FINAL_TYPE (GlideExerciseRow, glide_exercise_row, GLIDE, EXERCISE_ROW, GtkListBoxRow)

GlideExerciseRow *glide_exercise_row_new            (const char * const  *known_names);
void              glide_exercise_row_set_values     (GlideExerciseRow    *self,
                                                     const GlideExercise *exercise);
GlideExercise    *glide_exercise_row_get_values     (GlideExerciseRow    *self,
                                                     char               **field,
                                                     GError             **error);
GtkWidget        *glide_exercise_row_get_field      (GlideExerciseRow    *self,
                                                     const char          *field);
const char       *glide_exercise_row_get_field_label (const char         *field);
GVariant         *glide_exercise_row_save_state     (GlideExerciseRow    *self);
void              glide_exercise_row_restore_state  (GlideExerciseRow    *self,
                                                     GVariant            *state);
void              glide_exercise_row_focus          (GlideExerciseRow    *self);

#define GLIDE_EXERCISE_ROW_STATE_TYPE "(sssssi)"

G_END_DECLS
