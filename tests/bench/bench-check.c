/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-check.c: how long glide --check takes on a clinic, end to end (the
 * glide binary, as a manager runs it), and how long a database written
 * before records were sealed takes to upgrade once.
 *
 *   bench-check --db CLINIC.db [--runs N]
 *
 * CLINIC.db is left as it is: the benchmark works on a copy beside it. Make
 * the ten-year clinic with: bench-store --dir DIR --keep (DIR/bench.db). */

#include "config.h"

#include "glide-bench.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

static double
run_glide (const char *db,
           const char *what,
           long       *peak_kib)
{
  const char *argv[] = { GLIDE_BINARY_PATH, "-d", db, "--check", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("%s: %s", what, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: glide --check failed: %s\n%s", what, error->message, out);
  getrusage (RUSAGE_CHILDREN, &usage);
  *peak_kib = usage.ru_maxrss;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("Cannot copy %s: %s", from, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = 7;
  long peak = 0;
  double first;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The clinic to check (left as it is)", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs of glide --check (default 7)", "N" },
    { NULL }
  };

  context = g_option_context_new ("- time glide --check");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL || runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Give --db FILE (and --runs N ≥ 1)");
      return 2;
    }

  copy = g_strconcat (db, ".bench-check", NULL);
  copy_file (db, copy);

  /* The first run upgrades a database from before schema 3 (sealing every
   * record in one audit entry), then checks it. */
  first = run_glide (copy, "first run", &peak);
  g_print ("first run on %s (upgrade when older, then check): %.0f ms\n", db, first);

  for (int i = 0; i < runs; i++)
    {
      double ms = run_glide (copy, "check", &peak);

      g_array_append_val (times, ms);
    }
  glide_bench_report ("glide --check, whole process", times, "ms", 3000);
  g_print ("peak memory (resident) of a glide --check: %.1f MiB\n", peak / 1024.0);

  g_unlink (copy);
  return 0;
}
