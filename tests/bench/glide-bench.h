/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bench.h: how the benchmarks print a figure (median and 99th
 * percentile of a set of timings, against the target), and the treated
 * areas their generated clinics are made of. */

#pragma once

#include <glib.h>

#include "glide-records.h"

G_BEGIN_DECLS

void glide_bench_report (const char *what,
                         GArray     *times,
                         const char *unit,
                         double      target);
void   glide_bench_sort       (GArray *times);
double glide_bench_percentile (GArray *sorted,
                               double  fraction);
GlideTreatment *glide_bench_random_treatment (GRand        *rand,
                                              GlideSite     site,
                                              GlideSide     side,
                                              const gint64 *tools,
                                              guint         n_tools);

G_END_DECLS
