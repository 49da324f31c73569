/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-page.h: one patient: identification, screening alerts and
 * checklist, courses, the selected course's course of care (goals, plan of
 * care, progress reports due, consent, discharge), its sessions and trend,
 * and the exports. */

#pragma once

#include <adwaita.h>

#include "glide-form-dialog.h"
#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_PATIENT_PAGE (glide_patient_page_get_type ())

G_DECLARE_FINAL_TYPE (GlidePatientPage, glide_patient_page, GLIDE, PATIENT_PAGE, AdwBin)

void             glide_patient_page_set_context    (GlidePatientPage *self,
                                                    GlideStore       *store,
                                                    GSettings        *settings);
gboolean         glide_patient_page_show_patient   (GlidePatientPage *self,
                                                    const char       *chart,
                                                    GError          **error);
void             glide_patient_page_reload         (GlidePatientPage *self);
const GlidePatient *glide_patient_page_get_patient (GlidePatientPage *self);
gint64           glide_patient_page_get_course_id  (GlidePatientPage *self);
void             glide_patient_page_select_course  (GlidePatientPage *self,
                                                    gint64            course_id);
GlideFormDialog *glide_patient_page_add_course     (GlidePatientPage *self);
GlideFormDialog *glide_patient_page_edit_course    (GlidePatientPage *self,
                                                    gint64            course_id,
                                                    gboolean          discharge);
guint            glide_patient_page_get_n_sessions (GlidePatientPage *self);
const char      *glide_patient_page_get_alerts     (GlidePatientPage *self);
GlideFormDialog *glide_patient_page_edit_screening_note (GlidePatientPage *self,
                                                    GlideCondition    condition);
const char      *glide_patient_page_get_new_session_refusal (GlidePatientPage *self);
const char      *glide_patient_page_get_report_due (GlidePatientPage *self);

G_END_DECLS
