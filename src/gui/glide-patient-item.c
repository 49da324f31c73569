/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-item.c: a search result as a list item. The window keeps
 * its items and gives them the next search's results, so the list's rows
 * are updated in place rather than made again (see show_results in
 * glide-window.c); "changed" tells the row. */

#define G_LOG_DOMAIN "glide-patient-item"

#include "config.h"

#include "glide-patient-item.h"

struct _GlidePatientItem
{
  GObject              parent_instance;

  GlidePatientSummary *summary;
};

G_DEFINE_FINAL_TYPE (GlidePatientItem, glide_patient_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

  /**
   * GlidePatientItem::changed:
   *
   * The item now stands for another search result.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/* Whether the list shows @a and @b alike. */
static gboolean
summary_equal (const GlidePatientSummary *a,
               const GlidePatientSummary *b)
{
  return a->patient->id == b->patient->id &&
         g_strcmp0 (a->patient->chart, b->patient->chart) == 0 &&
         g_strcmp0 (a->patient->family_name, b->patient->family_name) == 0 &&
         g_strcmp0 (a->patient->given_name, b->patient->given_name) == 0 &&
         g_strcmp0 (a->last_visit, b->last_visit) == 0 &&
         g_strcmp0 (a->active_course, b->active_course) == 0;
}

/**
 * glide_patient_item_set_summary:
 * @summary: (transfer full): the search result the item stands for now
 *
 * Emits "changed" unless @summary shows as the old one did.
 */
void
glide_patient_item_set_summary (GlidePatientItem    *self,
                                GlidePatientSummary *summary)
{
  gboolean same;

  g_return_if_fail (GLIDE_IS_PATIENT_ITEM (self));
  g_return_if_fail (summary != NULL);

  same = summary_equal (self->summary, summary);
  glide_patient_summary_free (self->summary);
  self->summary = summary;
  if (!same)
    g_signal_emit (self, signals[CHANGED], 0);
}
