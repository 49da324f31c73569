/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-item.c: a search result as a list item. */

#define G_LOG_DOMAIN "glide-patient-item"

#include "config.h"

#include "glide-patient-item.h"

struct _GlidePatientItem
{
  GObject              parent_instance;

  GlidePatientSummary *summary;
};

G_DEFINE_FINAL_TYPE (GlidePatientItem, glide_patient_item, G_TYPE_OBJECT)

static void
glide_patient_item_finalize (GObject *object)
{
  GlidePatientItem *self = GLIDE_PATIENT_ITEM (object);

  g_clear_pointer (&self->summary, glide_patient_summary_free);

  G_OBJECT_CLASS (glide_patient_item_parent_class)->finalize (object);
}

static void
glide_patient_item_class_init (GlidePatientItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = glide_patient_item_finalize;
}

static void
glide_patient_item_init (GlidePatientItem *self)
{
}

/**
 * glide_patient_item_new:
 * @summary: (transfer full): the search result
 */
GlidePatientItem *
glide_patient_item_new (GlidePatientSummary *summary)
{
  GlidePatientItem *self = g_object_new (GLIDE_TYPE_PATIENT_ITEM, NULL);

  self->summary = summary;
  return self;
}

const GlidePatientSummary *
glide_patient_item_get_summary (GlidePatientItem *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_ITEM (self), NULL);
  return self->summary;
}

const char *
glide_patient_item_get_chart (GlidePatientItem *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_ITEM (self), NULL);
  return self->summary->patient->chart;
}
