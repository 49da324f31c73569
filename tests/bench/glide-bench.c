/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bench.c: median and 99th percentile of timings, printed as a line;
 * random treated areas for the generated clinics. */

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

void
glide_bench_sort (GArray *times)
{
  g_array_sort (times, compare_double);
}

/* The value below which @fraction of the sorted @times lie (0.5: the
 * median, 0.9: p90), as glide_bench_report() picks its p99. */
double
glide_bench_percentile (GArray *sorted,
                        double  fraction)
{
  g_return_val_if_fail (sorted->len > 0, NAN);

  if (fraction == 0.5)
    return g_array_index (sorted, double, sorted->len / 2);
  return g_array_index (sorted, double,
                        MIN (sorted->len - 1, (guint) MAX (1, ceil (sorted->len * fraction)) - 1));
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

/* A treated area as a clinic's sessions spread them: 30 to 120 s in steps
 * of 15, any stroke, edge, technique, pressure and redness, petechiae one
 * time in 40, one of @tools (drawn only when there are several, so a
 * clinic with one tool draws as many numbers as before). */
GlideTreatment *
glide_bench_random_treatment (GRand        *rand,
                              GlideSite     site,
                              GlideSide     side,
                              const gint64 *tools,
                              guint         n_tools)
{
  GlideTreatment *t = glide_treatment_new (site, side);

  t->duration_s = 30 + 15 * g_rand_int_range (rand, 0, 7);
  t->stroke = g_rand_int_range (rand, 0, 2);
  t->edge = g_rand_int_range (rand, 0, 3);
  t->instrument_id = tools[n_tools > 1 ? g_rand_int_range (rand, 0, n_tools) : 0];
  t->technique = g_rand_int_range (rand, 0, 7);
  t->pressure = g_rand_int_range (rand, 0, 3);
  t->redness = g_rand_int_range (rand, 0, 4);
  t->petechiae = g_rand_int_range (rand, 0, 40) == 0;
  return t;
}
