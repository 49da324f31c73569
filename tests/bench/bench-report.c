/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c: builds a clinic with 2,000 courses active in the last 90
 * days (about ten visits each) on top of older history, and a 40-visit
 * course, then times the documents: the progress report and clinical
 * summary of the 40-visit course, and the caseload overview of the 2,000
 * courses, each from the store to the PDF file on disk (with its audit
 * entries), as the command line makes them.
 *
 * With --floor, each document is timed beside its floor in the same run,
 * turn about (see bench-report-floor.c): the caseload over all time and over
 * the last year, and the progress reports of a 40-visit and a 200-visit
 * course. The clinic is then 18,000 finished courses and 2,000 active ones
 * unless told otherwise, so that "all time" is 20,003 courses.
 *
 *   bench-report [--courses N] [--history N] [--dir DIR] [--keep]
 *   bench-report --floor [--runs N] [--dir DIR --keep | --reuse]
 *                [--only all-time|one-year|report-40|report-200]
 */

#include "config.h"

#include "glide-bench.h"
#include "bench-report-floor.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "glide-date.h"
#include "glide-report.h"
#include "glide-store.h"

typedef struct
{
  GlideStore *store;
  GRand      *rand;
  gint64      therapists[6];
  gint64      tool;
  GDate       today;
  guint       sessions;
} Bench;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gboolean
add_visit (Bench       *b,
           gint64       course,
           const GDate *date,
           guint        v,
           double       pain,
           double       knee,
           GError     **error)
{
  static const GlideSite sites[] = {
    GLIDE_SITE_QUADRICEPS, GLIDE_SITE_PATELLAR_TENDON, GLIDE_SITE_IT_BAND, GLIDE_SITE_HAMSTRINGS,
    GLIDE_SITE_CALF,
  };
  g_autofree char *iso = glide_date_format (date);
  g_autofree char *when = g_strdup_printf ("%sT%02u:30", iso, 8 + v % 9);
  g_autofree char *signed_at = g_strdup_printf ("%sT%02u:59", iso, 8 + v % 9);
  gint64 therapist = b->therapists[(course + (v % 7 == 6)) % G_N_ELEMENTS (b->therapists)];
  g_autoptr(GlideSession) s = glide_session_new (course, when, therapist);
  gboolean draft = g_rand_int_range (b->rand, 0, 50) == 0;

  for (guint a = 0; a < 4; a++)
    {
      g_ptr_array_add (s->treatments,
                       glide_bench_random_treatment (b->rand, sites[(course + a) % G_N_ELEMENTS (sites)],
                                                     course % 2 ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT,
                                                     &b->tool, 1));
    }
  g_ptr_array_add (s->measurements, glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                           GLIDE_TIMING_PRE, pain));
  g_ptr_array_add (s->measurements, glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                           GLIDE_TIMING_POST, MAX (0, pain - 1)));
  g_ptr_array_add (s->measurements,
                   glide_measurement_new (GLIDE_MEASURE_KNEE_FLEXION,
                                          course % 2 ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT,
                                          GLIDE_TIMING_PRE, knee));
  g_ptr_array_add (s->measurements,
                   glide_measurement_new (GLIDE_MEASURE_KNEE_FLEXION,
                                          course % 2 ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT,
                                          GLIDE_TIMING_POST, knee + 4));
  g_free (s->note);
  s->note = g_strdup ("Tolerated treatment well; reviewed the home exercises and progressed "
                      "the load. Mild redness settled within the session.");
  g_free (s->home_program);
  s->home_program = g_strdup ("Spanish squat holds 5 x 45 s; quadriceps stretch 3 x 30 s.");

  if (!glide_store_save_draft_session (b->store, s, error))
    return FALSE;
  if (!draft && !glide_store_sign_session (b->store, s->id, therapist, signed_at, error))
    return FALSE;
  b->sessions++;
  return TRUE;
}

/* A patient with one course of n visits, three days apart, the last one
 * days_ago days before today. */
static gint64
add_course (Bench       *b,
            guint        index,
            guint        n_visits,
            int          last_days_ago,
            GError     **error)
{
  g_autofree char *chart = g_strdup_printf ("B-%06u", index);
  g_autoptr(GlidePatient) patient = glide_patient_new (chart, "Benchmark", "Patient", "1970-06-15");
  g_autoptr(GlideCourse) course = glide_course_new ("Patellar tendinopathy");
  GDate start = b->today;

  g_date_subtract_days (&start, last_days_ago + 3 * (n_visits - 1));
  if (!glide_store_create_patient (b->store, patient, error))
    return 0;
  course->patient_id = patient->id;
  course->start_date = glide_date_format (&start);
  if (!glide_store_create_course (b->store, course, error))
    return 0;
  for (guint v = 0; v < n_visits; v++)
    {
      GDate date = start;

      g_date_add_days (&date, 3 * v);
      if (!add_visit (b, course->id, &date, v, MAX (0, 7.5 - 0.5 * (v * 10 / n_visits)),
                      95 + 30.0 * v / n_visits, error))
        return 0;
    }
  return course->id;
}

static gboolean
generate (Bench    *b,
          guint     n_active,
          guint     n_history,
          char    **forty_chart,
          GError  **error)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  g_autoptr(GlideInstrument) tool = glide_instrument_new ("blade", "Convex blade",
                                                          GLIDE_MATERIAL_STAINLESS_STEEL);
  guint index = 0;

  g_free (clinic->name);
  clinic->name = g_strdup ("Benchmark Physiotherapy");
  g_free (clinic->address);
  clinic->address = g_strdup ("1 Test Road");
  g_free (clinic->phone);
  clinic->phone = g_strdup ("555 0100");
  if (!glide_store_set_clinic (b->store, clinic, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (b->therapists); i++)
    {
      g_autofree char *code = g_strdup_printf ("t%u", i);
      g_autofree char *name = g_strdup_printf ("Therapist %u", i + 1);
      g_autoptr(GlideTherapist) t = glide_therapist_new (code, name, "PT");

      if (!(b->therapists[i] = glide_store_create_therapist (b->store, t, error)))
        return FALSE;
    }
  if (!(b->tool = glide_store_create_instrument (b->store, tool, error)))
    return FALSE;

  /* History: finished courses of the years before, eight visits each. */
  for (guint i = 0; i < n_history; i++, index++)
    {
      if (i % 500 == 0 && !glide_store_begin (b->store, error))
        return FALSE;
      if (!add_course (b, index, 8, 120 + g_rand_int_range (b->rand, 0, 3000), error))
        return FALSE;
      if ((i % 500 == 499 || i == n_history - 1) && !glide_store_commit (b->store, error))
        return FALSE;
    }

  /* The caseload: courses with visits in the last 90 days. */
  for (guint i = 0; i < n_active; i++, index++)
    {
      if (i % 500 == 0 && !glide_store_begin (b->store, error))
        return FALSE;
      if (!add_course (b, index, 6 + i % 9, g_rand_int_range (b->rand, 0, 60), error))
        return FALSE;
      if ((i % 500 == 499 || i == n_active - 1) && !glide_store_commit (b->store, error))
        return FALSE;
    }

  *forty_chart = g_strdup_printf ("B-%06u", index);
  if (add_course (b, index++, 40, 1, error) == 0)
    return FALSE;
  /* A long course for the floor comparison: 200 visits over 600 days. */
  if (!glide_store_begin (b->store, error))
    return FALSE;
  if (add_course (b, index, 200, 1, error) == 0)
    return FALSE;
  return glide_store_commit (b->store, error);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_autoptr(GArray) sorted = g_array_copy (times);

  g_array_sort (sorted, compare_times);
  return g_array_index (sorted, double, sorted->len / 2);
}

static double
spread (GArray  *times,
        gboolean high)
{
  double value = g_array_index (times, double, 0);

  for (guint i = 1; i < times->len; i++)
    value = high ? MAX (value, g_array_index (times, double, i))
                 : MIN (value, g_array_index (times, double, i));
  return value;
}

/* Glide's document from the store to the file (audit entries included)
 * and the floor's same text on the same pages, turn about, @runs times. */
static gboolean
compare_with_floor (GlideStore               *store,
                    const GlideReportRequest *request,
                    const char               *dir,
                    guint                     runs,
                    const char               *what,
                    double                    target,
                    GError                  **error)
{
  g_autofree char *glide_pdf = g_build_filename (dir, "glide.pdf", NULL);
  g_autofree char *floor_pdf = g_build_filename (dir, "floor.pdf", NULL);
  g_autoptr(GArray) glide = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BenchFloor) floor = NULL;
  double g, f;
  guint pages;

  /* Untimed: a first document, its text read back, a first floor. */
  if (!glide_report_export (store, request, glide_pdf, error) ||
      !(floor = bench_floor_new_from_pdf (glide_pdf, error)) ||
      !bench_floor_draw (floor, floor_pdf, error))
    return FALSE;
  pages = bench_floor_get_n_pages (floor);

  for (guint i = 0; i < runs; i++)
    {
      double t0 = now_ms ();

      if (!glide_report_export (store, request, glide_pdf, error))
        return FALSE;
      g_array_append_vals (glide, (double[]) { now_ms () - t0 }, 1);
      t0 = now_ms ();
      if (!bench_floor_draw (floor, floor_pdf, error))
        return FALSE;
      g_array_append_vals (floor_times, (double[]) { now_ms () - t0 }, 1);
    }
  /* Where Glide's time goes, once: building the document (the query and
   * the layout), writing the PDF in memory; the rest of the median is the
   * file, its sync and the audit entries. */
  {
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GlideReportDocument) doc = NULL;
    double t0 = now_ms (), built, written;

    if (!(doc = glide_report_build (store, request, error)))
      return FALSE;
    built = now_ms () - t0;
    t0 = now_ms ();
    if (!glide_report_document_write (doc, memory, error))
      return FALSE;
    written = now_ms () - t0;
    g_print ("  %s: build (query and layout) %.1f ms, PDF write %.1f ms\n", what, built, written);
  }

  g = median (glide);
  f = median (floor_times);
  g_print ("%-34s %4u pages  Glide %8.1f ms [%.1f-%.1f]  floor %7.1f ms [%.1f-%.1f]  "
           "ratio %5.2fx (target <= %gx: %s)  per page %.2f / %.2f ms  n=%u\n",
           what, pages, g, spread (glide, FALSE), spread (glide, TRUE), f,
           spread (floor_times, FALSE), spread (floor_times, TRUE), g / f, target,
           g / f <= target ? "met" : "MISSED", g / pages, f / pages, runs);
  g_unlink (floor_pdf);
  return TRUE;
}

/* Whether the document named @what is to be timed: all four, or the one
 * --only names (to profile it alone). */
static gboolean
wanted (const char *only,
        const char *what)
{
  return only == NULL || strcmp (only, what) == 0;
}

/* The four documents of issue 15 beside their floors. */
static gboolean
run_floor_comparison (GlideStore  *store,
                      const GDate *today,
                      const char  *forty,
                      const char  *two_hundred,
                      const char  *dir,
                      guint        runs,
                      const char  *only,
                      GError     **error)
{
  GlideReportRequest request = { .kind = GLIDE_REPORT_CASELOAD, .from = "2000-01-01" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *year_ago = NULL;
  g_autofree char *to = glide_date_format (today);
  g_autofree char *what = NULL;
  GDate start = *today;
  double t0;

  g_date_subtract_days (&start, 364);
  year_ago = glide_date_format (&start);

  t0 = now_ms ();
  if (!(rows = glide_store_list_caseload (store, request.from, to, error)))
    return FALSE;
  g_print ("%-34s %8.1f ms (%u courses)\n", "caseload query alone, all time", now_ms () - t0,
           rows->len);
  what = g_strdup_printf ("caseload, all time (%u courses)", rows->len);
  if (wanted (only, "all-time") &&
      !compare_with_floor (store, &request, dir, runs, what, 3, error))
    return FALSE;

  request.from = year_ago;
  g_clear_pointer (&rows, g_ptr_array_unref);
  t0 = now_ms ();
  if (!(rows = glide_store_list_caseload (store, request.from, to, error)))
    return FALSE;
  g_print ("%-34s %8.1f ms (%u courses)\n", "caseload query alone, one year", now_ms () - t0,
           rows->len);
  g_free (what);
  what = g_strdup_printf ("caseload, one year (%u courses)", rows->len);
  if (wanted (only, "one-year") &&
      !compare_with_floor (store, &request, dir, runs, what, 3, error))
    return FALSE;

  request = (GlideReportRequest) { .kind = GLIDE_REPORT_PROGRESS, .chart = forty };
  if (wanted (only, "report-40") &&
      !compare_with_floor (store, &request, dir, runs * 3, "progress report, 40 visits", 2, error))
    return FALSE;
  request.chart = two_hundred;
  return !wanted (only, "report-200") ||
         compare_with_floor (store, &request, dir, runs * 3, "progress report, 200 visits", 2,
                             error);
}

static gboolean
time_export (GlideStore               *store,
             const GlideReportRequest *request,
             const char               *path,
             guint                     runs,
             const char               *what,
             double                    target,
             GError                  **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      double t0 = now_ms ();

      if (!glide_report_export (store, request, path, error))
        return FALSE;
      g_array_append_vals (times, (double[]) { now_ms () - t0 }, 1);
    }
  glide_bench_report (what, times, "ms", target);
  return TRUE;
}

/* The command line from start to exit, as a clinic's script would run it. */
static void
time_command (const char *glide,
              const char *db,
              const char *chart,
              const char *path,
              guint       runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { glide, "-d", db, "--report", chart, "-o", path, NULL };

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      int status = 0;
      double t0 = now_ms ();

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                         NULL, &status, &error) || status != 0)
        {
          g_printerr ("glide --report failed: %s\n", error ? error->message : "exit status");
          return;
        }
      g_array_append_vals (times, (double[]) { now_ms () - t0 }, 1);
    }
  glide_bench_report ("glide --report, whole process (open + report)", times, "ms", NAN);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- Glide report benchmark");
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *forty = NULL;
  g_autofree char *two_hundred = NULL;
  g_autofree char *only = NULL;
  int courses = 2000, history = -1, runs = 5;
  gboolean keep = FALSE, floor = FALSE, reuse = FALSE;
  GOptionEntry entries[] = {
    { "courses", 0, 0, G_OPTION_ARG_INT, &courses, "Active courses (default 2000)", "N" },
    { "history", 0, 0, G_OPTION_ARG_INT, &history,
      "Finished older courses (default 8000, with --floor 18000)", "N" },
    { "floor", 0, 0, G_OPTION_ARG_NONE, &floor, "Time the documents beside their floors", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "With --floor: runs of each caseload (5), three times as many of each report", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "With --floor: time one document alone (all-time, one-year, report-40, report-200), "
      "to profile it", "NAME" },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse,
      "Use (and keep) the database a run with the same --dir, --courses and --history kept",
      NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to build the database", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the database", NULL },
    { NULL }
  };
  Bench b = { 0 };
  GlideReportRequest request = { 0 };
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (history < 0)
    history = floor ? 18000 : 8000;
  if (reuse && dir == NULL)
    {
      g_printerr ("--reuse needs the --dir of a run with --keep\n");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("glide-bench-report-XXXXXX", &error);
  db = g_build_filename (dir, "bench.db", NULL);
  pdf = g_build_filename (dir, "bench.pdf", NULL);
  reuse = reuse && g_file_test (db, G_FILE_TEST_EXISTS);
  keep = keep || reuse;
  if (!reuse)
    g_unlink (db);

  if (!(b.store = glide_store_open (db, &error)))
    goto fail;
  b.rand = g_rand_new_with_seed (42);
  g_date_clear (&b.today, 1);
  g_date_set_time_t (&b.today, time (NULL));

  t0 = now_ms ();
  if (reuse)
    {
      /* The charts generate() gives, in order. */
      forty = g_strdup_printf ("B-%06u", history + courses);
      g_print ("Reusing %s (%d active and %d finished courses)\n", db, courses, history);
    }
  else
    {
      if (!generate (&b, courses, history, &forty, &error))
        goto fail;
      g_print ("Generated %d active and %d finished courses, %u sessions, in %.1f s\n",
               courses, history, b.sessions, (now_ms () - t0) / 1000);
    }
  two_hundred = g_strdup_printf ("B-%06u", history + courses + 1);

  if (floor)
    {
      if (!run_floor_comparison (b.store, &b.today, forty, two_hundred, dir, MAX (runs, 1),
                                 only, &error))
        goto fail;
      goto done;
    }

  /* The first document of a process also loads the body map figure and the
   * fonts; the timings below are of documents made after it. */
  request.kind = GLIDE_REPORT_PROGRESS;
  request.chart = forty;
  t0 = now_ms ();
  if (!glide_report_export (b.store, &request, pdf, &error))
    goto fail;
  g_print ("%-52s %8.3f ms\n", "first progress report in a process (cold)", now_ms () - t0);

  if (!time_export (b.store, &request, pdf, 30, "progress report, 40 visits", 100, &error))
    goto fail;
  request.kind = GLIDE_REPORT_SUMMARY;
  if (!time_export (b.store, &request, pdf, 15, "clinical summary, 40 visits", NAN, &error))
    goto fail;
  {
    GStatBuf st;

    g_stat (pdf, &st);
    g_print ("%-52s %8.1f KB\n", "clinical summary file size", st.st_size / 1024.0);
  }

  request = (GlideReportRequest) { .kind = GLIDE_REPORT_CASELOAD };
  {
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *from = NULL;
    g_autofree char *to = glide_date_format (&b.today);
    GDate start = b.today;

    g_date_subtract_days (&start, GLIDE_REPORT_DEFAULT_DAYS - 1);
    from = glide_date_format (&start);
    t0 = now_ms ();
    if (!(rows = glide_store_list_caseload (b.store, from, to, &error)))
      goto fail;
    g_print ("%-52s %8.3f ms (%u courses)\n", "caseload query alone", now_ms () - t0, rows->len);
  }
  {
    g_autofree char *what = g_strdup_printf ("caseload overview, %d active courses", courses);

    if (!time_export (b.store, &request, pdf, 5, what, 3000, &error))
      goto fail;
  }
  {
    g_autoptr(GlideReportDocument) doc = glide_report_build (b.store, &request, &error);

    if (doc == NULL)
      goto fail;
    g_print ("%-52s %8u pages\n", "caseload overview length",
             glide_report_document_get_n_pages (doc));
  }

  /* What a new process pays before any document: opening the database,
   * which runs PRAGMA quick_check over the whole file. */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(GlideStore) again = NULL;

        t0 = now_ms ();
        if (!(again = glide_store_open (db, &error)))
          goto fail;
        g_array_append_vals (times, (double[]) { now_ms () - t0 }, 1);
      }
    glide_bench_report ("open the database (includes quick_check)", times, "ms", NAN);
  }
  time_command (GLIDE_BINARY_PATH, db, forty, pdf, 15);

done:
  g_clear_object (&b.store);
  g_rand_free (b.rand);
  if (!keep)
    {
      g_autofree char *glide_pdf = g_build_filename (dir, "glide.pdf", NULL);

      g_unlink (pdf);
      g_unlink (glide_pdf);
      g_unlink (db);
      g_rmdir (dir);
    }
  return 0;

fail:
  g_printerr ("bench-report: %s\n", error->message);
  return 1;
}
