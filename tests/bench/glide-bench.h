/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bench.h: how the benchmarks print a figure: median and 99th
 * percentile of a set of timings, against the target. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void glide_bench_report (const char *what,
                         GArray     *times,
                         const char *unit,
                         double      target);

G_END_DECLS
