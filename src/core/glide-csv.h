/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-csv.h: the record as four CSV tables (RFC 4180, UTF-8, a header
 * row) for spreadsheets and research: courses, sessions, treated areas,
 * measures, one row per record, codes and their labels, ISO dates. */

#pragma once

#include "glide-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint courses;
  guint sessions;
  guint treatments;
  guint measures;
} GlideCsvCounts;

char     *glide_csv_quote       (const char       *field);
gboolean  glide_csv_export      (GlideStore       *store,
                                 const char       *dir,
                                 const char       *from,
                                 const char       *to,
                                 GlideCsvCounts   *counts,
                                 GError          **error);

G_END_DECLS
