/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-session-editor.h: documents one session: the body map beside the
 * treated areas, outcomes, notes; save, autosave, sign and addenda. */

#pragma once

#include <adwaita.h>

#include "glide-store.h"
#include "glide-treatment-row.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_SESSION_EDITOR (glide_session_editor_get_type ())

G_DECLARE_FINAL_TYPE (GlideSessionEditor, glide_session_editor, GLIDE, SESSION_EDITOR, AdwBin)

#define GLIDE_AUTOSAVE_SECONDS 30

GlideSessionEditor *glide_session_editor_new             (GlideStore         *store,
                                                          GSettings          *settings,
                                                          gint64              course_id,
                                                          gint64              session_id,
                                                          gint64              copy_from,
                                                          GError            **error);
gint64              glide_session_editor_get_session_id  (GlideSessionEditor *self);
gboolean            glide_session_editor_is_signed       (GlideSessionEditor *self);
gboolean            glide_session_editor_is_dirty        (GlideSessionEditor *self);
gboolean            glide_session_editor_save            (GlideSessionEditor *self,
                                                          GError            **error);
gboolean            glide_session_editor_autosave        (GlideSessionEditor *self);
gboolean            glide_session_editor_sign            (GlideSessionEditor *self,
                                                          GError            **error);
gboolean            glide_session_editor_add_addendum    (GlideSessionEditor *self,
                                                          const char         *text,
                                                          GError            **error);
void                glide_session_editor_close           (GlideSessionEditor *self);
void                glide_session_editor_focus_first     (GlideSessionEditor *self);
gboolean            glide_session_editor_focus_next_unassessed (GlideSessionEditor *self);
void                glide_session_editor_focus_area_search (GlideSessionEditor *self);
void                glide_session_editor_set_autosave_interval (GlideSessionEditor *self,
                                                          guint               seconds);
const char         *glide_session_editor_get_error       (GlideSessionEditor *self);
const char         *glide_session_editor_get_signature   (GlideSessionEditor *self);
gboolean            glide_session_editor_was_recovered   (GlideSessionEditor *self);

/* The form's inputs, for tests and the benchmark (what a user types). */
GlideTreatmentRow  *glide_session_editor_get_treatment_row (GlideSessionEditor *self,
                                                          guint               index);
guint               glide_session_editor_get_n_treatments (GlideSessionEditor *self);
void                glide_session_editor_set_pain        (GlideSessionEditor *self,
                                                          const char         *before,
                                                          const char         *after);
void                glide_session_editor_add_rom         (GlideSessionEditor *self,
                                                          GlideMeasure        measure,
                                                          GlideSide           side,
                                                          const char         *before,
                                                          const char         *after);
void                glide_session_editor_set_reason      (GlideSessionEditor *self,
                                                          const char         *reason);
void                glide_session_editor_set_note        (GlideSessionEditor *self,
                                                          const char         *note);
char               *glide_session_editor_get_pain_text   (GlideSessionEditor *self,
                                                          GlideTiming         timing);
guint               glide_session_editor_get_n_rom       (GlideSessionEditor *self);
gboolean            glide_session_editor_is_editable     (GlideSessionEditor *self);
void                glide_session_editor_set_time        (GlideSessionEditor *self,
                                                          const char         *end,
                                                          const char         *total_minutes);
void                glide_session_editor_set_billed_minutes (GlideSessionEditor *self,
                                                          const char         *code,
                                                          const char         *minutes);
char               *glide_session_editor_get_billed_minutes (GlideSessionEditor *self,
                                                          const char         *code);
const char         *glide_session_editor_get_start_text  (GlideSessionEditor *self);
const char         *glide_session_editor_get_units_text  (GlideSessionEditor *self);
void                glide_session_editor_add_exercise    (GlideSessionEditor *self,
                                                          const GlideExercise *exercise);
guint               glide_session_editor_get_n_exercises (GlideSessionEditor *self);
gboolean            glide_session_editor_asks_follow_up  (GlideSessionEditor *self);
void                glide_session_editor_set_follow_up   (GlideSessionEditor *self,
                                                          int                 reaction,
                                                          const char         *note);
void                glide_session_editor_reload_therapists (GlideSessionEditor *self);

G_END_DECLS
