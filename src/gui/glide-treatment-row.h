/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-treatment-row.h: one treated area of the session editor: stroke,
 * duration (with a timer), edge, tool, technique, pressure, skin response
 * and a note. */

#pragma once

#include <gtk/gtk.h>

#include "glide-records.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_TREATMENT_ROW (glide_treatment_row_get_type ())

G_DECLARE_FINAL_TYPE (GlideTreatmentRow, glide_treatment_row, GLIDE, TREATMENT_ROW, GtkListBoxRow)

/* The redness drop-down's first entry: not assessed yet (a new or copied row). */
#define GLIDE_TREATMENT_ROW_REDNESS_UNSET (-1)

GlideTreatmentRow *glide_treatment_row_new          (GlideSite                site,
                                                     GlideSide                side,
                                                     GPtrArray               *instruments);
GlideSite          glide_treatment_row_get_site     (GlideTreatmentRow       *self);
GlideSide          glide_treatment_row_get_side     (GlideTreatmentRow       *self);
const char        *glide_treatment_row_get_area_id  (GlideTreatmentRow       *self);
void               glide_treatment_row_set_values   (GlideTreatmentRow       *self,
                                                     const GlideTreatment    *treatment,
                                                     gboolean                 with_outcomes);
GlideTreatment    *glide_treatment_row_get_values   (GlideTreatmentRow       *self,
                                                     char                   **field,
                                                     GError                 **error);
void               glide_treatment_row_set_copied   (GlideTreatmentRow       *self,
                                                     gboolean                 copied);
gboolean           glide_treatment_row_get_copied   (GlideTreatmentRow       *self);
void               glide_treatment_row_set_redness  (GlideTreatmentRow       *self,
                                                     int                      redness);
int                glide_treatment_row_get_redness  (GlideTreatmentRow       *self);
void               glide_treatment_row_set_duration (GlideTreatmentRow       *self,
                                                     gint64                   seconds);
const char        *glide_treatment_row_get_field_label (GlideTreatmentRow     *self,
                                                     const char              *field);
GtkWidget         *glide_treatment_row_mark_error   (GlideTreatmentRow       *self,
                                                     const char              *field,
                                                     const char              *message);
GVariant          *glide_treatment_row_save_state   (GlideTreatmentRow       *self);
void               glide_treatment_row_restore_state (GlideTreatmentRow      *self,
                                                     GVariant                *state);
void               glide_treatment_row_focus        (GlideTreatmentRow       *self);
gboolean           glide_treatment_row_focus_unassessed (GlideTreatmentRow   *self);
const char        *glide_treatment_row_get_warning  (GlideTreatmentRow       *self);

G_END_DECLS
