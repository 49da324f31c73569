/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-demo.h: a realistic demo clinic for trying Glide and for tests. */

#pragma once

#include "glide-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint therapists;
  guint patients;
  guint courses;
  guint sessions;
  guint drafts;
  guint addenda;
} GlideDemoSummary;

gboolean glide_demo_fill (GlideStore        *store,
                          GDate             *today,
                          GlideDemoSummary  *summary,
                          GError           **error);

G_END_DECLS
