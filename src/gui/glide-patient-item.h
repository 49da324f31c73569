/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-item.h: one patient of the sidebar list (a search result:
 * the patient, the last visit and the open course), as a GObject for
 * GListModel. */

#pragma once

#include <glib-object.h>

#include "glide-records.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_PATIENT_ITEM (glide_patient_item_get_type ())

G_DECLARE_FINAL_TYPE (GlidePatientItem, glide_patient_item, GLIDE, PATIENT_ITEM, GObject)

GlidePatientItem          *glide_patient_item_new         (GlidePatientSummary *summary);
const GlidePatientSummary *glide_patient_item_get_summary (GlidePatientItem    *self);
const char                *glide_patient_item_get_chart   (GlidePatientItem    *self);
void                       glide_patient_item_set_summary (GlidePatientItem    *self,
                                                           GlidePatientSummary *summary);

G_END_DECLS
