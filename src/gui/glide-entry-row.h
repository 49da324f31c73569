/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-entry-row.h: a preferences row with a text field, drawn as
 * AdwEntryRow but one a screen reader can hear: its focused text is a text
 * box named after the row's title. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_ENTRY_ROW (glide_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (GlideEntryRow, glide_entry_row, GLIDE, ENTRY_ROW, AdwPreferencesRow)

GtkWidget       *glide_entry_row_new                   (void);
gboolean         glide_entry_row_get_show_apply_button (GlideEntryRow   *self);
void             glide_entry_row_set_show_apply_button (GlideEntryRow   *self,
                                                        gboolean         show_apply_button);
gboolean         glide_entry_row_get_activates_default (GlideEntryRow   *self);
void             glide_entry_row_set_activates_default (GlideEntryRow   *self,
                                                        gboolean         activates_default);
GtkInputPurpose  glide_entry_row_get_input_purpose     (GlideEntryRow   *self);
void             glide_entry_row_set_input_purpose     (GlideEntryRow   *self,
                                                        GtkInputPurpose  purpose);

G_END_DECLS
