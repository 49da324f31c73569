/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-open.c: what opening a clinic costs at any size, and how long each
 * shape of patient search takes in the store on the largest clinic.
 *
 * Opening: a new process per run (the page cache stays warm: nothing here
 * drops it) opens the store and runs the patient list's first query; beside
 * it the floor, a process that opens the same file with bare SQLite
 * (read-only, no checks) and runs the same list query. Searches: in one
 * process, warm, every shape in turn, rounds interleaved so that load from
 * other programs falls on all of them alike; the floor is the patient list
 * with an empty search (the same rows, no filtering).
 *
 *   bench-open --db CLINIC.db [--db CLINIC2.db ...] [--runs N] [--rounds N]
 *
 * Searches run on the last --db. Make clinics with
 *   bench-store --patients N [--sessions N] --dir DIR --keep   (DIR/bench.db)
 * The clinics are opened as Glide opens them: a clinic of an older schema is
 * upgraded by the first, untimed open, and its size printed after the runs. */

#include "config.h"

#include "glide-bench.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glide-store.h"

/* The patient list's first page, as the window asks for it. */
#define FIRST_PAGE 50
/* Until issue 15, Glide ran PRAGMA quick_check at every open of files up to
 * this size: the clinics that matter are just under and just over it. */
#define OLD_QUICK_CHECK_LIMIT (32 * 1024 * 1024)

static const struct
{
  const char *shape;
  const char *query;
} searches[] = {
  { "empty (the patient list: floor)", "" },
  { "one letter", "m" },
  { "one letter, every chart's", "c" },
  { "chart prefix", "C-00" },
  { "chart prefix, longer", "C-0012" },
  { "chart digits", "0012" },
  { "chart digits, whole", "001234" },
  { "chart letter and digit", "c1" },
  { "accented name", "müller" },
  { "name and given name", "garcía j" },
  { "two one-letter words", "m j" },
  { "Greek", "Γεω" },
  { "no match", "zzzq" },
  { "no match after a chart letter", "C-zz" },
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* In the child: open and list as Glide does, or as bare SQLite does. */
static int
run_child (const char *kind,
           const char *db)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms (), opened, listed;
  guint rows = 0;

  if (g_str_equal (kind, "glide"))
    {
      g_autoptr(GlideStore) store = glide_store_open (db, &error);
      g_autoptr(GPtrArray) list = NULL;

      if (store == NULL)
        g_error ("%s", error->message);
      opened = now_ms ();
      list = glide_store_search_patients (store, "", FIRST_PAGE, &error);
      if (list == NULL)
        g_error ("%s", error->message);
      rows = list->len;
      listed = now_ms ();
    }
  else
    {
      sqlite3 *sdb = NULL;
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_open_v2 (db, &sdb, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (sdb));
      opened = now_ms ();
      if (sqlite3_prepare_v2 (sdb, "SELECT id, chart, family_name, given_name, birth_date"
                              " FROM patients ORDER BY sort_key LIMIT " G_STRINGIFY (FIRST_PAGE),
                              -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (sdb));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        rows++;
      sqlite3_finalize (stmt);
      sqlite3_close (sdb);
      listed = now_ms ();
    }
  g_print ("%.3f %.3f %u\n", opened - start, listed - opened, rows);
  return 0;
}

/* Runs a child; returns the whole process's wall time, and its own figures. */
static double
spawn_child (const char *self_path,
             const char *kind,
             const char *db,
             double     *open_ms,
             double     *query_ms)
{
  const char *argv[] = { self_path, "--child", kind, "--db", db, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  double start = now_ms (), elapsed;
  guint rows = 0;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s child on %s: %s", kind, db, error->message);
  elapsed = now_ms () - start;
  if (sscanf (out, "%lf %lf %u", open_ms, query_ms, &rows) != 3 || rows == 0)
    g_error ("%s child on %s printed: %s", kind, db, out);
  return elapsed;
}

static gint64
count_patients (const char *db)
{
  sqlite3 *sdb = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db, &sdb, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (sdb, "SELECT count(*) FROM patients", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (sdb);
  return n;
}

static void
report (const char *what,
        GArray     *times,
        GArray     *floor)
{
  glide_bench_sort (times);
  if (floor != NULL)
    glide_bench_sort (floor);
  /* printf: the queries' UTF-8 as it is, whatever the locale. */
  printf ("  %-44s median %8.2f ms  p90 %8.2f ms", what,
          glide_bench_percentile (times, 0.5), glide_bench_percentile (times, 0.9));
  if (floor != NULL)
    printf ("   floor median %7.2f ms  (%.2fx)", glide_bench_percentile (floor, 0.5),
            glide_bench_percentile (times, 0.5) / glide_bench_percentile (floor, 0.5));
  printf ("\n");
  fflush (stdout);
}

/* Timings of one clinic: the whole process, the open, the first page; each
 * for Glide and for the floor. */
typedef struct
{
  GArray *times[2][3];
} OpenTimes;

static void
describe_clinic (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  GStatBuf st, wal_st;

  if (g_stat (db, &st) != 0)
    g_error ("%s: %s", db, g_strerror (errno));
  if (g_stat (wal, &wal_st) != 0)
    wal_st.st_size = 0;
  g_print ("%s: %" G_GINT64_FORMAT " patients, %.1f MB (%.2f MiB, %s 32 MiB)"
           " + %.1f MB of WAL\n", db, count_patients (db), st.st_size / 1e6,
           st.st_size / 1048576.0, st.st_size > OLD_QUICK_CHECK_LIMIT ? "over" : "under",
           wal_st.st_size / 1e6);
}

/* The clinics take turns, run by run, so that load from other programs
 * falls on every size alike. */
static void
bench_open (const char *self_path,
            GStrv       dbs,
            int         runs)
{
  static const char *const kinds[] = { "glide", "floor" };
  static const char *const parts[] = {
    "new process: open + first page", "  glide_store_open ()", "  first page (50 patients)",
  };
  guint n = g_strv_length (dbs);
  g_autofree OpenTimes *clinics = g_new0 (OpenTimes, n);
  double lowest[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, highest[2] = { 0, 0 };

  for (guint c = 0; c < n; c++)
    for (guint k = 0; k < 2; k++)
      for (guint p = 0; p < 3; p++)
        clinics[c].times[k][p] = g_array_new (FALSE, FALSE, sizeof (double));

  /* One run of each first, untimed, so that all start from a warm cache. */
  for (int i = -1; i < runs; i++)
    for (guint c = 0; c < n; c++)
      for (guint k = 0; k < 2; k++)
        {
          double part[3];

          part[0] = spawn_child (self_path, kinds[k], dbs[c], &part[1], &part[2]);
          for (guint p = 0; i >= 0 && p < 3; p++)
            g_array_append_val (clinics[c].times[k][p], part[p]);
        }

  for (guint c = 0; c < n; c++)
    {
      double median;

      describe_clinic (dbs[c]);
      for (guint p = 0; p < 3; p++)
        report (parts[p], clinics[c].times[0][p], clinics[c].times[1][p]);
      for (guint p = 0; p < 2; p++)
        {
          median = glide_bench_percentile (clinics[c].times[0][p], 0.5);
          lowest[p] = MIN (lowest[p], median);
          highest[p] = MAX (highest[p], median);
        }
      for (guint k = 0; k < 2; k++)
        for (guint p = 0; p < 3; p++)
          g_array_unref (clinics[c].times[k][p]);
    }
  if (n > 1)
    g_print ("slowest clinic's median against the fastest's (target <= 1.2x):"
             " open + first page %.2fx, glide_store_open () %.2fx\n",
             highest[0] / lowest[0], highest[1] / lowest[1]);
}

static void
bench_searches (const char *db,
                int         rounds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (db, &error);
  GArray *times[G_N_ELEMENTS (searches)];
  guint hits[G_N_ELEMENTS (searches)];

  if (store == NULL)
    g_error ("%s", error->message);
  g_print ("\nsearches in the store on %s (%d rounds, each shape once a round,"
           " up to %d rows; target: median and p90 <= 5 ms; floor: the empty search)\n",
           db, rounds, FIRST_PAGE);
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    times[s] = g_array_new (FALSE, FALSE, sizeof (double));
  for (int round = -1; round < rounds; round++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        g_autoptr(GPtrArray) found = NULL;
        double start = now_ms (), elapsed;

        found = glide_store_search_patients (store, searches[s].query, FIRST_PAGE, &error);
        elapsed = now_ms () - start;
        if (found == NULL)
          g_error ("%s: %s", searches[s].query, error->message);
        hits[s] = found->len;
        if (round >= 0)
          g_array_append_val (times[s], elapsed);
      }
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autofree char *what = g_strdup_printf ("%s \"%s\" (%u)", searches[s].shape,
                                               searches[s].query, hits[s]);

      report (what, times[s], s == 0 ? NULL : times[0]);
    }
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    g_array_unref (times[s]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dbs = NULL;
  g_autofree char *child = NULL;
  g_autofree char *self_path = NULL;
  int runs = 21, rounds = 200;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dbs, "A clinic to open (repeat for each size)", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "New processes per clinic (default 21)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of searches (default 200)", "N" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("- time opening clinics and searching patients");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dbs == NULL || runs < 1 ||
      rounds < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Give --db FILE at least once");
      return 2;
    }
  if (child != NULL)
    return run_child (child, dbs[0]);

  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    g_error ("%s", error->message);
  g_print ("Opening: a new process opens the clinic and lists its first %d patients"
           " (%d runs); floor: bare SQLite, read-only, the same list\n", FIRST_PAGE, runs);
  bench_open (self_path, dbs, runs);
  bench_searches (dbs[g_strv_length (dbs) - 1], rounds);
  return 0;
}
