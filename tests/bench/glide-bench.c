/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bench.c: median and 99th percentile of timings, printed as a line. */

#include "config.h"

#include "glide-bench.h"

#include <math.h>

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @times (doubles, in @unit) and prints median, p99 and the verdict
 * against @target (NAN: a figure without a target). */
void
glide_bench_report (const char *what,
                    GArray     *times,
                    const char *unit,
                    double      target)
{
  double median, p99;

  g_return_if_fail (times->len > 0);

  g_array_sort (times, compare_double);
  median = g_array_index (times, double, times->len / 2);
  p99 = g_array_index (times, double, MIN (times->len - 1, (guint) ceil (times->len * 0.99) - 1));
  if (isnan (target))
    g_print ("%-52s median %8.3f %s   p99 %8.3f %s   (n=%u)\n",
             what, median, unit, p99, unit, times->len);
  else
    g_print ("%-52s median %8.3f %s   p99 %8.3f %s   (n=%u, target <= %g %s median: %s)\n",
             what, median, unit, p99, unit, times->len, target, unit,
             median <= target ? "met" : "MISSED");
}
