/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-time-section.h: a session's time in the editor: end, treatment
 * minutes, timed minutes per billing code of the clinic, and the billing
 * units they make, shown live with why. */

#pragma once

#include <adwaita.h>

#include "glide-records.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_TIME_SECTION (glide_time_section_get_type ())

G_DECLARE_FINAL_TYPE (GlideTimeSection, glide_time_section, GLIDE, TIME_SECTION, AdwPreferencesGroup)

#define GLIDE_TIME_SECTION_STATE_TYPE "(ssa(ssbb))"

GlideTimeSection *glide_time_section_new           (const GlideCareSettings *settings);
void              glide_time_section_set_start     (GlideTimeSection   *self,
                                                    const char         *start);
void              glide_time_section_set_tool_seconds (GlideTimeSection *self,
                                                    gint64              seconds);
void              glide_time_section_set_values    (GlideTimeSection   *self,
                                                    const GlideSession *session);
void              glide_time_section_plan_codes    (GlideTimeSection   *self,
                                                    GPtrArray          *billing);
void              glide_time_section_clear         (GlideTimeSection   *self);
gboolean          glide_time_section_read          (GlideTimeSection   *self,
                                                    GlideSession       *session,
                                                    GtkWidget         **bad_widget,
                                                    char              **bad_label,
                                                    GError            **error);
GtkWidget        *glide_time_section_get_field     (GlideTimeSection   *self,
                                                    const char         *field,
                                                    char              **label);
GtkWidget        *glide_time_section_get_end_row   (GlideTimeSection   *self);
GtkWidget        *glide_time_section_get_code_row  (GlideTimeSection   *self,
                                                    const char         *code);
GPtrArray        *glide_time_section_list_unfilled_plans (GlideTimeSection *self);
const char       *glide_time_section_get_units_text (GlideTimeSection  *self);
GVariant         *glide_time_section_save_state    (GlideTimeSection   *self);
void              glide_time_section_restore_state (GlideTimeSection   *self,
                                                    GVariant           *state);

char             *glide_time_describe_units        (const GlideSession      *session,
                                                    const GlideCareSettings *settings,
                                                    char                   **why,
                                                    guint                   *units);

G_END_DECLS
