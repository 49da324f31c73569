/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: the PDF documents, made with the real glide binary and
 * read back with poppler's tools as a reader would see them: the sentences
 * and table values exactly, nothing of other patients, every script's names
 * extracted and drawn, nothing outside the margins, and the errors. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "glide-date.h"
#include "glide-progress.h"
#include "glide-report-test-utils.h"
#include "glide-test-utils.h"

typedef GlideReportTestFixture Fixture;
typedef GlideReportTestWord Word;

typedef struct
{
  GlideMeasure measure;
  GlideSide    side;
  double       pre;     /* NAN: not taken */
  double       post;
} Value;

#define NO_VALUE NAN

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  glide_report_test_fixture_set_up (f, TRUE, "1 Quay Street", "555 0100");
}

/* A visit treating one area (the left calf, 90 s, mild redness) with the
 * given measurements; signed unless draft. */
static gint64
add_visit (Fixture     *f,
           gint64       course,
           gint64       therapist,
           const char  *start,
           const Value *values,
           guint        n_values,
           gboolean     draft)
{
  g_autoptr(GlideSession) session = glide_session_new (course, start, therapist);
  g_autoptr(GError) error = NULL;
  GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  gint64 id;

  calf->duration_s = 90;
  calf->redness = GLIDE_REDNESS_MILD;
  g_ptr_array_add (session->treatments, calf);
  for (guint i = 0; i < n_values; i++)
    {
      if (!isnan (values[i].pre))
        g_ptr_array_add (session->measurements,
                         glide_measurement_new (values[i].measure, values[i].side,
                                                GLIDE_TIMING_PRE, values[i].pre));
      if (!isnan (values[i].post))
        g_ptr_array_add (session->measurements,
                         glide_measurement_new (values[i].measure, values[i].side,
                                                GLIDE_TIMING_POST, values[i].post));
    }
  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  if (!draft)
    {
      g_autofree char *signed_at = g_strdup_printf ("%.10sT20:00", start);

      g_assert_true (glide_store_sign_session (f->store, id, therapist, signed_at, &error));
      g_assert_no_error (error);
    }
  return id;
}

static gint64
add_patient_course (Fixture    *f,
                    const char *chart,
                    const char *family,
                    const char *given,
                    const char *start)
{
  gint64 patient = glide_test_add_patient (f->store, chart, family, given);

  return glide_test_add_course (f->store, patient, start);
}

/* Runs glide with -d and the arguments, in the C locale; env_extra is one
 * more NAME=VALUE, or NULL. */
#define run_glide(f, env_extra, err, ...) \
  glide_report_test_run_glide ((f), NULL, (env_extra), (err), __VA_ARGS__)

/* A poppler tool's standard output. */
#define poppler(...) glide_report_test_poppler (NULL, __VA_ARGS__)

static char *
pdf_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* In the order it was drawn: a table row's cells one after another, each
 * cell's lines in order, however the cells wrapped. */
static char *
pdf_layout_text (const char *pdf)
{
  g_autofree char *raw = poppler ("pdftotext", "-raw", pdf, "-", NULL);

  return flatten (raw);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = poppler ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

/* Makes the progress report and returns its flattened text. */
static char *
progress_text (Fixture    *f,
               const char *chart)
{
  g_autofree char *pdf = pdf_path (f, "progress.pdf");
  g_autofree char *err = NULL;

  if (run_glide (f, NULL, &err, "--report", chart, "--output", pdf, NULL) != 0)
    g_error ("glide --report %s failed: %s", chart, err);
  return pdf_text (pdf, 0);
}

/* Visits on consecutive weeks with a pain and one ROM series. */
static void
add_course_visits (Fixture      *f,
                   gint64        course,
                   const double *pain,
                   GlideMeasure  rom,
                   GlideSide     side,
                   const double *rom_values,
                   const gint64 *raters,
                   guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * i);
      Value values[2] = {
        { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, pain ? pain[i] : NAN, pain ? MAX (pain[i] - 1, 0) : NAN },
        { rom, side, rom_values ? rom_values[i] : NAN, NAN },
      };

      add_visit (f, course, raters ? raters[i] : f->dana, start, values, 2, FALSE);
    }
}

/* ---- sentences --------------------------------------------------------------- */

static void
test_improved (Fixture       *f,
               gconstpointer  data)
{
  const double pain[] = { 7, 6, 4.5, 3 };
  const double knee[] = { 95, 105, 118, 125 };
  gint64 course = add_patient_course (f, "T-1", "Park", "Jin", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_RIGHT, knee, NULL, 4);
  text = progress_text (f, "T-1");
  assert_contains (text, "Your pain went from 7 to 3 out of 10. That is a meaningful improvement.");
  assert_contains (text, "Bending your right knee improved from 95° to 125° (typical: 140°): a real change, beyond measurement error.");
  assert_contains (text, "Your treatment focused on your left calf at all 4 visits.");
  assert_contains (text, "Lower is better");
  assert_contains (text, "Higher is better");
  assert_contains (text, "Typical: 140°");
}

static void
test_plateau (Fixture       *f,
              gconstpointer  data)
{
  const double pain[] = { 5, 5, 4.5, 4 };
  gint64 course = add_patient_course (f, "T-2", "Lee", "Sam", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 4);
  text = progress_text (f, "T-2");
  assert_contains (text, "Your pain went from 5 to 4 out of 10. That is a small improvement, but "
                         "not yet a meaningful one (that takes a drop of 1.5 points).");
  assert_lacks (text, "meaningful improvement");
}

static void
test_worse (Fixture       *f,
            gconstpointer  data)
{
  const double pain[] = { 4, 5, 6, 6.5 };
  const double hip[] = { 80, 78, 75, 72 };
  gint64 course = add_patient_course (f, "T-3", "Okafor", "Ngozi", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_HIP_FLEXION, GLIDE_SIDE_LEFT, hip, NULL, 4);
  text = progress_text (f, "T-3");
  assert_contains (text, "Your pain went from 4 to 6.5 out of 10. That is a meaningful increase, "
                         "so please talk with your therapist about it.");
  assert_contains (text, "Bending your left hip went down from 80° to 72° (typical: 125°); your "
                         "therapist will go over this with you.");
  assert_lacks (text, "improve");
}

static void
test_rom_within_mdc (Fixture       *f,
                     gconstpointer  data)
{
  const double pain[] = { 6, 5, 4, 3 };
  const double ankle[] = { 10, 11, 12, 13 };
  gint64 course = add_patient_course (f, "T-4", "Novak", "Eva", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_ANKLE_DORSIFLEXION, GLIDE_SIDE_LEFT, ankle,
                     NULL, 4);
  text = progress_text (f, "T-4");
  assert_contains (text, "Pulling your left foot up changed by 3°, which is within measurement "
                         "error.");
  assert_lacks (text, "Pulling your left foot up improved");
}

/* 100 to 108 measured by two therapists: under the 10 degrees of a rater
 * change. 100 to 106 by one therapist would have counted (MDC 5). */
static void
test_rater_change (Fixture       *f,
                   gconstpointer  data)
{
  const double pain[] = { 6, 5, 5, 4 };
  const double knee[] = { 100, 102, 105, 108 };
  const gint64 raters[] = { f->dana, f->dana, f->dana, f->luis };
  gint64 course = add_patient_course (f, "T-5", "Silva", "Ana", "2026-03-02");
  g_autofree char *text = NULL;
  g_autofree char *summary = pdf_path (f, "summary.pdf");
  g_autofree char *summary_text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_RIGHT, knee, raters, 4);
  text = progress_text (f, "T-5");
  assert_contains (text, "Bending your right knee changed by 8°, which is within measurement error "
                         "when two different therapists measure (less than 10°).");
  assert_contains (text, "Dana Whitfield, Luis Ortega");

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-5", "-o", summary, NULL), ==, 0);
  summary_text = pdf_layout_text (summary);
  /* Measure, first, latest, change, threshold, raters, verdict. */
  assert_contains (summary_text, "Knee flexion, right 100° (2 Mar 2026) 108° (23 Mar 2026) +8° "
                                 "MDC 10° changed within measurement error");
  assert_contains (summary_text, "Pain 6 (2 Mar 2026) 4 (23 Mar 2026) −2 MCID 1.8 self-report meaningful");
}

static void
test_single_visit (Fixture       *f,
                   gconstpointer  data)
{
  const double pain[] = { 6 };
  const double shoulder[] = { 120 };
  gint64 course = add_patient_course (f, "T-6", "Berg", "Ola", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_SHOULDER_FLEXION, GLIDE_SIDE_LEFT, shoulder,
                     NULL, 1);
  text = progress_text (f, "T-6");
  assert_contains (text, "Your pain was 6 out of 10 at your first visit. Your progress can be "
                         "judged after more visits.");
  assert_contains (text, "Raising your left arm forward measured 120° (typical: 180°).");
  assert_lacks (text, "meaningful improvement");
  assert_lacks (text, "meaningful increase");
}

static void
test_no_rom (Fixture       *f,
             gconstpointer  data)
{
  const double pain[] = { 8, 7, 6, 5 };
  gint64 course = add_patient_course (f, "T-7", "Dube", "Thabo", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 4);
  text = progress_text (f, "T-7");
  assert_contains (text, "Your pain went from 8 to 5 out of 10. That is a meaningful improvement.");
  assert_contains (text, "How far your joints move was not measured during this course.");
  assert_lacks (text, "Higher is better");
}

static void
test_no_pain (Fixture       *f,
              gconstpointer  data)
{
  const double knee[] = { 90, 100, 110, 120 };
  gint64 course = add_patient_course (f, "T-8", "Moreau", "Luc", "2026-03-02");
  g_autofree char *text = NULL;

  add_course_visits (f, course, NULL, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, knee, NULL, 4);
  text = progress_text (f, "T-8");
  assert_contains (text, "Pain was not recorded during this course.");
  assert_contains (text, "Bending your left knee improved from 90° to 120° (typical: 140°): a real change, beyond measurement error.");
  assert_lacks (text, "Lower is better");
  assert_lacks (text, "Your pain (0 = no pain");
}

/* The sentences never call a change meaningful unless the rules do: every
 * pain pair on the scale, every ROM change from -15 to +15 degrees with
 * and without a rater change. */
static void
test_never_overclaims (void)
{
  for (double first = 0; first <= 10; first += 0.5)
    for (double latest = 0; latest <= 10; latest += 0.5)
      {
        GlideTrend trend = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 2, first, latest, NULL, NULL,
                             TRUE, glide_rules_get_improvement_threshold (GLIDE_MEASURE_PAIN, first, TRUE),
                             glide_rules_judge_change (GLIDE_MEASURE_PAIN, first, latest, TRUE) };
        g_autoptr(GPtrArray) trends = g_ptr_array_new ();
        GlideProgressFacts facts = { trends, NULL, 0, 2 };
        g_auto(GStrv) sentences = NULL;
        g_autofree char *all = NULL;

        g_ptr_array_add (trends, &trend);
        sentences = glide_progress_describe (&facts);
        all = g_strjoinv (" ", sentences);
        g_assert_cmpint (strstr (all, "a meaningful improvement") != NULL, ==,
                         trend.verdict == GLIDE_VERDICT_IMPROVED);
        g_assert_cmpint (strstr (all, "a meaningful increase") != NULL, ==,
                         trend.verdict == GLIDE_VERDICT_WORSE);
        /* Pain 7 to 4.9 is 30 % of 7 (2.1): the rules decide, not rounding. */
        if (first == 7 && latest == 5)
          g_assert_cmpint (trend.verdict, ==, GLIDE_VERDICT_IMPROVED);
      }

  for (int same = 0; same <= 1; same++)
    for (int change = -15; change <= 15; change++)
      {
        GlideTrend trend = { GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, 2, 100, 100 + change,
                             NULL, NULL, same,
                             glide_rules_get_improvement_threshold (GLIDE_MEASURE_KNEE_FLEXION, 100, same),
                             glide_rules_judge_change (GLIDE_MEASURE_KNEE_FLEXION, 100, 100 + change, same) };
        g_autoptr(GPtrArray) trends = g_ptr_array_new ();
        GlideProgressFacts facts = { trends, NULL, 0, 2 };
        g_auto(GStrv) sentences = NULL;
        g_autofree char *all = NULL;
        int needed = same ? 5 : 10;

        g_ptr_array_add (trends, &trend);
        sentences = glide_progress_describe (&facts);
        all = g_strjoinv (" ", sentences);
        g_assert_cmpint (strstr (all, "Bending your left knee improved") != NULL, ==, change >= needed);
        g_assert_cmpint (strstr (all, "went down") != NULL, ==, change <= -needed);
        g_assert_cmpint (strstr (all, "within measurement error") != NULL, ==,
                         change != 0 && abs (change) < needed);
        /* Three to five sentences. */
        g_assert_cmpuint (g_strv_length (sentences), >=, 2);
      }
}

/* ---- tables -------------------------------------------------------------------- */

static void
test_visits_table (Fixture       *f,
                   gconstpointer  data)
{
  gint64 patient = glide_test_add_patient (f->store, "T-10", "Quinn", "Ray");
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, "2026-03-02T09:00");
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "visits.pdf");
  g_autofree char *text = NULL;
  const Value second[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5.5, 3 } };

  gint64 first_id;

  g_free (session->home_program);
  session->home_program = g_strdup ("Old program.");
  first_id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, first_id, f->dana, "2026-03-02T20:00", &error));
  g_assert_no_error (error);
  add_visit (f, course, f->luis, "2026-03-09T10:30", second, 1, FALSE);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-10", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  /* Date, areas, minutes (90 + 45 s), pain before and after, skin. */
  assert_contains (text, "2 Mar 2026 Your left calf; the sole of your left foot 2 min 15 s 7 4.5 "
                         "Moderate redness; petechiae: the sole of your left foot");
  assert_contains (text, "9 Mar 2026 Your left calf 1 min 30 s 5.5 3 Mild redness");
  /* The latest visit had no home program: the report says so rather than
   * showing an older one. */
  assert_contains (text, "No home program was written down at your latest visit.");
  assert_lacks (text, "Old program.");
  assert_contains (text, "What to expect after treatment");
  assert_contains (text, "fade within a few days");
  assert_contains (text, "Call the clinic at 555 0100");
  assert_contains (text, "Harbour Physio · Generated");
  assert_contains (text, "Page 1 of ");
}

/* Sixty visits: the visits table runs over pages, its header on each, and
 * no row is split (each row's date, areas and skin are on one page). */
static void
test_table_pages (Fixture       *f,
                  gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-11", "Long", "Course", "2026-01-05");
  g_autofree char *pdf = pdf_path (f, "long.pdf");
  guint pages, rows_seen = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *start = NULL;
      Value pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 7 - (i % 8) * 0.5, NAN };
      GDate date;

      g_date_set_dmy (&date, 5, 1, 2026);
      g_date_add_days (&date, i * 2);
      start = g_strdup_printf ("%04d-%02d-%02dT09:00", g_date_get_year (&date),
                               g_date_get_month (&date), g_date_get_day (&date));
      add_visit (f, course, f->dana, start, &pain, 1, FALSE);
    }
  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-11", "-o", pdf, NULL), ==, 0);
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages, >=, 3);

  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (pdf, p);
      const char *at = text;
      guint rows = 0;

      while ((at = strstr (at, " 2026 Your left calf 1 min 30 s ")) != NULL)
        {
          rows++;
          at++;
        }
      if (rows > 0)
        assert_contains (text, "Areas treated");
      rows_seen += rows;
    }
  g_assert_cmpuint (rows_seen, ==, 60);
}

static void
test_rom_overflow (Fixture       *f,
                   gconstpointer  data)
{
  const GlideMeasure motions[] = {
    GLIDE_MEASURE_SHOULDER_FLEXION, GLIDE_MEASURE_SHOULDER_ABDUCTION,
    GLIDE_MEASURE_SHOULDER_EXTERNAL_ROTATION, GLIDE_MEASURE_ELBOW_FLEXION,
  };
  gint64 course = add_patient_course (f, "T-12", "Many", "Motions", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "rom.pdf");
  g_autofree char *text = NULL;

  for (guint v = 0; v < 2; v++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * v);
      Value values[8];

      for (guint m = 0; m < 8; m++)
        values[m] = (Value) { motions[m / 2], m % 2 ? GLIDE_SIDE_RIGHT : GLIDE_SIDE_LEFT,
                              60 + 10 * m + 12 * v, NAN };
      add_visit (f, course, f->dana, start, values, 8, FALSE);
    }
  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-12", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  /* Six charts (each names its motion with "Higher is better"), the other
   * two in the table with first, latest, typical and meaning. */
  {
    guint charts = 0;

    for (const char *at = text; (at = strstr (at, "Higher is better")) != NULL; at++)
      charts++;
    g_assert_cmpuint (charts, ==, 6);
  }
  assert_contains (text, "Other measurements");
  assert_contains (text, "Bending your left elbow 120° 132° 150° A real change, beyond measurement error");
  assert_contains (text, "Bending your right elbow 130° 142° 150° A real change, beyond measurement error");
}

/* ---- clinical summary -------------------------------------------------------- */

static void
test_summary_complete (Fixture       *f,
                       gconstpointer  data)
{
  gint64 patient = glide_test_add_patient (f->store, "T-20", "Ruiz", "Marta");
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autoptr(GlideSession) first = glide_test_new_session (course, f->dana, "2026-03-02T09:15");
  g_autoptr(GlideScreening) screening = glide_screening_new (GLIDE_CONDITION_ANTICOAGULANTS, TRUE);
  g_autoptr(GlideScreening) absent = glide_screening_new (GLIDE_CONDITION_CANCER, FALSE);
  g_autoptr(GlideAddendum) addendum = glide_addendum_new (f->luis, "2026-03-03T08:00",
                                                          "Phoned: bruise faded overnight.");
  g_autoptr(GlideInstrument) tool = glide_instrument_new ("bar", "Convex edge bar",
                                                          GLIDE_MATERIAL_STAINLESS_STEEL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "summary.pdf");
  g_autofree char *text = NULL;
  const Value pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 4, 3.5 };
  gint64 first_id;

  g_assert_cmpint (glide_store_create_instrument (f->store, tool, &error), >, 0);
  g_assert_no_error (error);
  screening->patient_id = patient;
  screening->recorded = g_strdup ("2026-03-01");
  screening->recorded_by = f->dana;
  g_free (screening->note);
  screening->note = g_strdup ("Apixaban 5 mg");
  g_assert_true (glide_store_set_screening (f->store, screening, &error));
  g_assert_no_error (error);
  absent->patient_id = patient;
  absent->recorded = g_strdup ("2026-03-01");
  absent->recorded_by = f->luis;
  g_assert_true (glide_store_set_screening (f->store, absent, &error));
  g_assert_no_error (error);

  ((GlideTreatment *) g_ptr_array_index (first->treatments, 1))->instrument_id = tool->id;
  g_free (((GlideTreatment *) g_ptr_array_index (first->treatments, 1))->note);
  ((GlideTreatment *) g_ptr_array_index (first->treatments, 1))->note = g_strdup ("Light only");
  g_free (first->emollient);
  first->emollient = g_strdup ("Glide gel");
  g_free (first->home_program);
  first->home_program = g_strdup ("Towel stretch 3 x 30 s.");
  first_id = glide_store_save_draft_session (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, first_id, f->dana, "2026-03-02T10:05", &error));
  g_assert_no_error (error);
  g_assert_cmpint (glide_store_add_addendum (f->store, first_id, addendum, &error), >, 0);
  g_assert_no_error (error);
  add_visit (f, course, f->luis, "2026-03-09T11:00", &pain, 1, TRUE);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-20", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);

  assert_contains (text, "Ruiz, Marta");
  assert_contains (text, "Chart T-20");
  assert_contains (text, "Diagnosis Plantar fasciitis");
  assert_contains (text, "ICD-10 M72.2");
  /* Screening: condition, kind, status, date, who recorded it, note. */
  assert_contains (text, "Anticoagulants (blood thinners) Precaution Present 1 Mar 2026 Dana Whitfield Apixaban 5 mg");
  assert_contains (text, "Absent 1 Mar 2026 Luis Ortega");
  /* Every session: when, who, status. */
  assert_contains (text, "Session 1 of 2 · 2 Mar 2026, 09:15 · Dana Whitfield, PT");
  assert_contains (text, "Signed by Dana Whitfield, PT on 2 Mar 2026, 10:05");
  assert_contains (text, "Session 2 of 2 · 9 Mar 2026, 11:00 · Luis Ortega, PT");
  assert_contains (text, "DRAFT - not signed");
  assert_contains (text, "Emollient Glide gel");
  /* Every treatment field: area, stroke, seconds, edge, tool, technique,
   * pressure, redness, petechiae, note. */
  assert_contains (text, "Calf (gastrocnemius / soleus), left Oscillating 90 Concave – Fanning Moderate Mild No –");
  assert_contains (text, "Plantar fascia (sole), left Sustained 45 Convex Convex edge bar – – Moderate Yes Light only");
  /* Measures before and after with the immediate change. */
  assert_contains (text, "Pain 7 4.5 −2.5");
  assert_contains (text, "Ankle dorsiflexion, left 8° – –");
  assert_contains (text, "Knee extension, left −10° – –");
  assert_contains (text, "Heel pain worst in the morning.");
  assert_contains (text, "Towel stretch 3 x 30 s.");
  assert_contains (text, "Addendum to session 1 by Luis Ortega, PT on 3 Mar 2026, 08:00");
  assert_contains (text, "Phoned: bruise faded overnight.");
  /* Petechiae listed by session and area. */
  assert_contains (text, "1 2 Mar 2026, 09:15 Dana Whitfield Plantar fascia (sole), left");
  assert_contains (text, "Pain, numeric rating scale 0-10");
}

static void
test_summary_override (Fixture       *f,
                       gconstpointer  data)
{
  gint64 patient = glide_test_add_patient (f->store, "T-21", "Ward", "Kim");
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, "2026-03-04T09:00");
  g_autoptr(GlideScreening) screening = glide_screening_new (GLIDE_CONDITION_OPEN_WOUND_OR_SKIN_INFECTION, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "override.pdf");
  g_autofree char *text = NULL;

  screening->patient_id = patient;
  screening->recorded = g_strdup ("2026-03-01");
  screening->recorded_by = f->dana;
  g_assert_true (glide_store_set_screening (f->store, screening, &error));
  g_assert_no_error (error);
  session->contraindication_override = g_strdup ("Graze on the right shin, far from the calf.");
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-21", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  assert_contains (text, "Contraindication");
  assert_contains (text, "Contraindication override Graze on the right shin, far from the calf.");
}

/* ---- caseload ------------------------------------------------------------------ */

static void
test_caseload (Fixture       *f,
               gconstpointer  data)
{
  const double improved[] = { 7, 5, 3 };
  const double plateau[] = { 5, 4.5, 4 };
  const double worse[] = { 4, 5, 6.5 };
  gint64 a = add_patient_course (f, "C-1", "Zeller", "Ann", "2026-03-02");
  gint64 b = add_patient_course (f, "C-2", "Adams", "Bo", "2026-03-02");
  gint64 c = add_patient_course (f, "C-3", "Meyer", "Cy", "2026-03-02");
  gint64 old = add_patient_course (f, "C-4", "Olden", "Di", "2025-01-06");
  const Value pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5, NAN };
  g_autofree char *pdf = pdf_path (f, "caseload.pdf");
  g_autofree char *text = NULL;
  const char *zeller, *adams, *meyer;

  add_course_visits (f, a, improved, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  add_course_visits (f, b, plateau, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  {
    const gint64 raters[] = { f->luis, f->luis, f->luis };

    add_course_visits (f, c, worse, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, raters, 3);
  }
  add_visit (f, old, f->dana, "2025-01-06T09:00", &pain, 1, FALSE);
  add_visit (f, a, f->dana, "2026-03-20T09:00", &pain, 0, TRUE);   /* an unsigned visit */
  {
    /* A draft's pain may still change: it is not the course's latest. */
    const Value draft_pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 1, NAN };

    add_visit (f, b, f->dana, "2026-03-18T09:00", &draft_pain, 1, TRUE);
  }

  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  assert_contains (text, "Period: 1 Mar 2026 to 31 Mar 2026");
  /* Therapist, chart, patient, diagnosis, visits, first, last, pain, verdict,
   * unsigned, petechiae. */
  assert_contains (text, "Dana Whitfield C-2 Adams, Bo Plantar fasciitis 4 (4) 2 Mar 2026 18 Mar 2026 5 → 4 (−1) not yet 1 0");
  assert_contains (text, "Dana Whitfield C-1 Zeller, Ann Plantar fasciitis 4 (4) 2 Mar 2026 20 Mar 2026 7 → 3 (−4) meaningful 1 0");
  assert_contains (text, "Luis Ortega C-3 Meyer, Cy Plantar fasciitis 3 (3) 2 Mar 2026 16 Mar 2026 4 → 6.5 (+2.5) worse 0 0");
  assert_contains (text, "Total 3 courses 11 (11) 2 0");
  assert_contains (text, "Pain: meaningful improvement 1");
  assert_contains (text, "Pain: not yet meaningful 1");
  assert_contains (text, "Pain: worse 1");
  assert_lacks (text, "C-4");
  /* Sorted by therapist, then patient. */
  adams = strstr (text, "Adams");
  zeller = strstr (text, "Zeller");
  meyer = strstr (text, "Meyer");
  g_assert_true (adams < zeller && zeller < meyer);

  /* Only January 2025: the old course alone. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2025-01-01", "--to",
                              "2025-01-31", "-o", pdf, NULL), ==, 0);
  g_free (text);
  text = pdf_layout_text (pdf);
  assert_contains (text, "C-4 Olden, Di");
  assert_lacks (text, "C-1");
  assert_contains (text, "Total 1 course 1 (1) 0 0");
}

/* A caseload's export is one audit entry, written with the document, that
 * names every patient the document shows and no other; each patient's
 * audit trail lists it. */
static void
test_caseload_audit (Fixture       *f,
                     gconstpointer  data)
{
  const double pain[] = { 6, 4 };
  const char *shown[] = { "A-1", "A-10", "A-2.b", "A-3_x" };
  const Value old_pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5, NAN };
  g_autofree char *pdf = pdf_path (f, "caseload.pdf");
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      gint64 course = add_patient_course (f, shown[i], "Audit", "Ann", "2026-03-02");

      add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);
    }
  /* Seen before the period: not in the document, not in its entry. */
  add_visit (f, add_patient_course (f, "A-100", "Older", "Olga", "2025-01-06"), f->dana,
             "2025-01-06T09:00", &old_pain, 1, FALSE);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    assert_contains (text, shown[i]);
  assert_lacks (text, "A-100");

  count = glide_test_sql_text (f->db, "SELECT count(*) FROM audit_log WHERE action = 'export'");
  g_assert_cmpstr (g_strstrip (count), ==, "1");
  details = glide_test_sql_text (f->db, "SELECT ifnull(chart, '(none)') || ' ' || entity || ' '"
                                        " || details FROM audit_log WHERE action = 'export'");
  /* In the document's order: by therapist, then name (all "Audit, Ann"),
   * then chart. */
  expected = g_strdup_printf ("(none) caseload overview %s (1 pages); 4 patients: "
                              "A-1 A-10 A-2.b A-3_x", pdf);
  g_assert_cmpstr (g_strstrip (details), ==, expected);

  for (guint i = 0; i < G_N_ELEMENTS (shown) + 1; i++)
    {
      const char *chart = i < G_N_ELEMENTS (shown) ? shown[i] : "A-100";
      g_autoptr(GPtrArray) entries = glide_store_list_audit (f->store, chart, &error);
      guint exports = 0;

      g_assert_no_error (error);
      for (guint k = 0; k < entries->len; k++)
        {
          GlideAuditEntry *entry = g_ptr_array_index (entries, k);

          g_assert_true (entry->chart == NULL || strcmp (entry->chart, chart) == 0);
          if (strcmp (entry->action, "export") == 0)
            {
              g_assert_cmpstr (entry->entity, ==, "caseload overview");
              exports++;
            }
        }
      g_test_message ("%s: %u of %u entries are exports", chart, exports, entries->len);
      g_assert_cmpuint (exports, ==, i < G_N_ELEMENTS (shown) ? 1 : 0);
      g_assert_cmpuint (entries->len, >, exports);   /* the patient's own entries too */
    }

  /* The log's chain holds with the entry. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--check", NULL), ==, 0);
}

/* ---- privacy --------------------------------------------------------------- */

/* Every document about one patient of the demo clinic holds no chart number
 * and no name of any other patient. */
static void
test_privacy (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "private.pdf");

  g_clear_object (&f->store);
  g_unlink (f->db);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--demo", NULL), ==, 0);
  f->store = glide_store_open (f->db, &error);
  g_assert_no_error (error);
  patients = glide_store_list_patients (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 14);

  for (guint i = 0; i < patients->len; i++)
    {
      GlidePatient *patient = g_ptr_array_index (patients, i);
      const char *commands[] = { "--report", "--summary" };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autofree char *text = NULL;
          g_autofree char *given_first = g_strdup_printf ("%s %s", patient->given_name,
                                                          patient->family_name);

          g_assert_cmpint (run_glide (f, NULL, NULL, commands[c], patient->chart, "-o", pdf,
                                      NULL), ==, 0);
          text = pdf_text (pdf, 0);
          if (c == 1)
            assert_contains (text, patient->chart);
          for (guint k = 0; k < patients->len; k++)
            {
              GlidePatient *other = g_ptr_array_index (patients, k);
              g_autofree char *family = g_utf8_normalize (other->family_name, -1, G_NORMALIZE_NFKC);
              g_autofree char *given = g_utf8_normalize (other->given_name, -1, G_NORMALIZE_NFKC);
              g_autofree char *family_rtl = g_utf8_strreverse (family, -1);
              g_autofree char *given_rtl = g_utf8_strreverse (given, -1);

              if (k == i)
                continue;
              assert_lacks (text, other->chart);
              assert_lacks (text, family);
              assert_lacks (text, given);
              assert_lacks (text, family_rtl);
              assert_lacks (text, given_rtl);
            }
        }
    }
}

/* ---- text engine ------------------------------------------------------------- */

typedef GlideReportTestBox Box;

/* The boxes pdftotext -bbox gives for words equal to word (or to it
 * reversed, for right-to-left text extracted in visual order). */
static GArray *
find_word_boxes (const char *pdf,
                 const char *word)
{
  g_autoptr(GArray) words = glide_report_test_pdf_words (pdf, 1, GLIDE_REPORT_TEST_WORDS_RAW,
                                                         NULL);
  g_autofree char *want = g_utf8_normalize (word, -1, G_NORMALIZE_NFKC);
  g_autofree char *reversed = g_utf8_strreverse (want, -1);
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (Box));

  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);
      g_autofree char *nfkc = g_utf8_normalize (w->text, -1, G_NORMALIZE_NFKC);

      if (g_strcmp0 (nfkc, want) == 0 || g_strcmp0 (nfkc, reversed) == 0)
        {
          Box box = { w->x0, w->y0, w->x1, w->y1 };

          g_array_append_val (boxes, box);
        }
    }
  return boxes;
}

/* Dark pixels of page 1 inside a box, rendered at 72 dpi in grey. */
static guint
dark_pixels (Fixture    *f,
             const char *pdf,
             const Box  *box)
{
  g_autoptr(GByteArray) pixels = glide_report_test_page_pixels (f->dir, pdf, box, 1);

  return glide_report_test_count_dark (pixels);
}

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  /* The names, and the words the report's heading shows them as (Chinese
   * names family name first, unspaced). */
  const struct
  {
    const char *chart;
    const char *family;
    const char *given;
    const char *words[2];
  } names[] = {
    { "S-1", "Ångström-Núñez", "Zoë", { "Zoë", "Ångström-Núñez" } },
    { "S-2", "Παπαδοπούλου", "Ελένη", { "Ελένη", "Παπαδοπούλου" } },
    { "S-3", "李", "小龍", { "李小龍", NULL } },
    { "S-4", "الحسيني", "ليلى", { "ليلى", "الحسيني" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 course = add_patient_course (f, names[i].chart, names[i].family, names[i].given,
                                          "2026-03-02");
      const Value pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 6, 4 };
      g_autofree char *pdf = pdf_path (f, "script.pdf");
      g_autofree char *text = NULL;
      g_autofree char *info = NULL;

      add_visit (f, course, f->dana, "2026-03-02T09:00", &pain, 1, FALSE);
      g_assert_cmpint (run_glide (f, NULL, NULL, "--report", names[i].chart, "-o", pdf, NULL), ==, 0);
      text = pdf_text (pdf, 1);

      for (guint p = 0; p < G_N_ELEMENTS (names[i].words) && names[i].words[p]; p++)
        {
          g_autofree char *part = g_utf8_normalize (names[i].words[p], -1, G_NORMALIZE_NFKC);
          g_autofree char *reversed = g_utf8_strreverse (part, -1);
          g_autoptr(GArray) boxes = find_word_boxes (pdf, names[i].words[p]);

          g_test_message ("%s: looking for %s", names[i].chart, names[i].words[p]);
          g_assert_true (strstr (text, part) != NULL || strstr (text, reversed) != NULL);
          /* Drawn, not blank: the first place the name appears has ink. */
          g_assert_cmpuint (boxes->len, >, 0);
          g_assert_cmpuint (dark_pixels (f, pdf, &g_array_index (boxes, Box, 0)), >, 8);
        }

      /* Title metadata in UTF-8 with the name. */
      info = poppler ("pdfinfo", pdf, NULL);
      assert_contains (info, "Progress report for");
      if (i == 2)
        {
          g_autofree char *fonts = poppler ("pdffonts", pdf, NULL);

          /* Chinese characters are drawn with the CJK fallback font. */
          assert_contains (fonts, "WenQuanYi");
        }
    }
}

/* Every word of a document lies inside the page's margins (the footer sits
 * in the bottom margin, above the edge). */
static void
assert_within_margins (const char *pdf)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (GlideReportTestPageSize));
  g_autoptr(GArray) words = glide_report_test_pdf_words (pdf, 0, GLIDE_REPORT_TEST_WORDS_RAW,
                                                         sizes);

  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);
      const GlideReportTestPageSize *size =
        &g_array_index (sizes, GlideReportTestPageSize, w->page - 1);

      if (w->x0 < 47 || w->x1 > size->width - 47 || w->y0 < 40 || w->y1 > size->height - 28)
        g_error ("%s: a word runs outside the margins: \"%s\" at %.1f,%.1f-%.1f,%.1f", pdf,
                 w->text, w->x0, w->y0, w->x1, w->y1);
    }
  g_assert_cmpuint (words->len, >, 50);
}

static void
test_long_note (Fixture       *f,
                gconstpointer  data)
{
  gint64 patient = glide_test_add_patient (f->store, "T-30", "Wordy", "Wren");
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, "2026-03-02T09:00");
  g_autoptr(GString) note = g_string_new ("BEGINNOTE ");
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "note.pdf");
  guint pages, begin_page = 0, end_page = 0;

  /* Words, a very long unbroken token, and Greek, to 20,000 characters. */
  g_string_append (note, "https://example.org/");
  for (guint i = 0; i < 40; i++)
    g_string_append (note, "averyveryverylongpathsegment");
  g_string_append (note, " Πόνος στη φτέρνα. ");
  while (g_utf8_strlen (note->str, -1) < 20000 - 8)
    g_string_append (note, "Tender along the medial band, eased with oscillating strokes. ");
  g_string_truncate (note, g_utf8_offset_to_pointer (note->str, 20000 - 8) - note->str);
  g_string_append (note, " ENDNOTE");
  g_assert_cmpint (g_utf8_strlen (note->str, -1), ==, 20000);

  g_free (session->note);
  session->note = g_strdup (note->str);
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-30", "-o", pdf, NULL), ==, 0);
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages, >=, 4);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = pdf_text (pdf, p);

      if (strstr (text, "BEGINNOTE"))
        begin_page = p;
      if (strstr (text, "ENDNOTE"))
        end_page = p;
    }
  g_assert_cmpuint (begin_page, >, 0);
  g_assert_cmpuint (end_page, >, begin_page + 2);
  assert_within_margins (pdf);
}

/* All three documents of the demo clinic, on A4 and US Letter. */
static void
test_margins (Fixture       *f,
              gconstpointer  data)
{
  const char *papers[] = { "a4", "letter" };

  g_clear_object (&f->store);
  g_unlink (f->db);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--demo", NULL), ==, 0);
  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    {
      g_autofree char *progress = pdf_path (f, "m-progress.pdf");
      g_autofree char *summary = pdf_path (f, "m-summary.pdf");
      g_autofree char *caseload = pdf_path (f, "m-caseload.pdf");

      g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "P-1004", "--paper", papers[p],
                                  "-o", progress, NULL), ==, 0);
      g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "P-1003", "--paper", papers[p],
                                  "-o", summary, NULL), ==, 0);
      g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--paper", papers[p],
                                  "-o", caseload, NULL), ==, 0);
      assert_within_margins (progress);
      assert_within_margins (summary);
      assert_within_margins (caseload);
    }
}

/* ---- files, paper, audit ------------------------------------------------------- */

static void
test_paper_and_file (Fixture       *f,
                     gconstpointer  data)
{
  const double pain[] = { 6, 4 };
  gint64 course = add_patient_course (f, "T-40", "Paper", "Pat", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "paper.pdf");
  g_autofree char *info = NULL;
  g_autofree char *audits = NULL;
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-40", "-o", pdf, NULL), ==, 0);
  info = poppler ("pdfinfo", pdf, NULL);
  assert_contains (info, "595.276 x 841.89 pts (A4)");
  assert_contains (info, "Title:           Progress report for Pat Paper");
  assert_contains (info, "Author:          Harbour Physio");
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-40", "--paper", "letter", "-o", pdf,
                              NULL), ==, 0);
  g_free (info);
  info = poppler ("pdfinfo", pdf, NULL);
  assert_contains (info, "612 x 792 pts (letter)");

  /* The clinic's setting, stored once for every workstation, decides when
   * no option is given. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--set-paper", "letter", NULL), ==, 0);
  clinic = glide_store_get_clinic (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clinic->paper, ==, GLIDE_PAPER_LETTER);
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_glide (f, NULL, &err, "--set-paper", "legal", NULL), ==, 1);
    assert_contains (err, "--set-paper must be a4 or letter, got “legal”");
  }
  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-40", "-o", pdf, NULL), ==, 0);
  g_free (info);
  info = poppler ("pdfinfo", pdf, NULL);
  assert_contains (info, "612 x 792 pts (letter)");
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  g_free (info);
  info = poppler ("pdfinfo", pdf, NULL);
  assert_contains (info, "792 x 612 pts");

  /* Each export is in the audit log, with the patient and the kind; the
   * caseload's entry is the document's and names its patients. */
  audits = glide_test_sql_text (f->db, "SELECT group_concat(ifnull(chart, '') || ':' || entity"
                                       " || CASE WHEN chart IS NULL"
                                       " THEN ':' || substr(details, instr(details, ';')) ELSE ''"
                                       " END, ',') FROM audit_log WHERE action = 'export'");
  g_assert_cmpstr (g_strstrip (audits), ==, "T-40:progress report,T-40:progress report,"
                                           "T-40:clinical summary,"
                                           ":caseload overview:; 1 patient: T-40");
}

/* ---- errors ------------------------------------------------------------------ */

static void
assert_fails (Fixture    *f,
              const char *env_extra,
              const char *message,
              const char *first,
              ...)
{
  g_autofree char *pdf = pdf_path (f, "never.pdf");
  g_autofree char *err = NULL;
  g_autofree char *before = glide_test_sql_text (f->db, "SELECT count(*) FROM audit_log");
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  while (argv->len < 8)
    g_ptr_array_add (argv, NULL);

  g_assert_cmpint (run_glide (f, env_extra, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2],
                              argv->pdata[3], argv->pdata[4], argv->pdata[5], argv->pdata[6],
                              argv->pdata[7], NULL), ==, 1);
  g_test_message ("stderr: %s", err);
  assert_contains (err, message);
  assert_contains (err, "No document was written.");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  after = glide_test_sql_text (f->db, "SELECT count(*) FROM audit_log");
  g_assert_cmpstr (before, ==, after);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  const double pain[] = { 6, 4 };
  gint64 course = add_patient_course (f, "T-50", "Error", "Erin", "2026-03-02");
  g_autofree char *never = pdf_path (f, "never.pdf");
  g_autofree char *missing_dir = pdf_path (f, "no-such-folder/report.pdf");
  g_autofree char *fonts_conf = pdf_path (f, "fonts.conf");
  g_autofree char *fonts_env = g_strdup_printf ("FONTCONFIG_FILE=%s", fonts_conf);
  g_autofree char *conf = g_strdup_printf ("<?xml version=\"1.0\"?>\n<fontconfig><cachedir>%s/fc-cache"
                                           "</cachedir></fontconfig>\n", f->dir);
  g_autofree char *kept = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);
  glide_test_add_course (f->store, glide_test_add_patient (f->store, "T-51", "Twice", "Tom"),
                         "2025-01-01");

  assert_fails (f, NULL, "There is no patient with chart P-9999",
                "--report", "P-9999", "-o", never, NULL);
  assert_fails (f, NULL, "Patient T-50 has 1 course; there is no course 2",
                "--summary", "T-50", "--course", "2", "-o", never, NULL);
  assert_fails (f, NULL, "--course must be a whole number from 1 (the oldest course), got “0”",
                "--report", "T-50", "--course", "0", "-o", never, NULL);
  assert_fails (f, NULL, "--from: \"2026-02-30\" is not a valid date (YYYY-MM-DD)",
                "--caseload", "--from", "2026-02-30", "-o", never, NULL);
  assert_fails (f, NULL, "The period starts on 2026-04-01, after its end on 2026-03-01",
                "--caseload", "--from", "2026-04-01", "--to", "2026-03-01", "-o", never, NULL);
  assert_fails (f, NULL, "--paper must be a4 or letter, got “legal”",
                "--report", "T-50", "--paper", "legal", "-o", never, NULL);

  /* Unwritable: the folder does not exist. */
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_glide (f, NULL, &err, "--report", "T-50", "-o", missing_dir, NULL), ==, 1);
    assert_contains (err, "no-such-folder");
    assert_contains (err, "No document was written.");
    g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  }

  /* No DejaVu Sans: fontconfig finds no fonts at all. */
  g_assert_true (g_file_set_contents (fonts_conf, conf, -1, NULL));
  assert_fails (f, fonts_env, "The font DejaVu Sans Book is not installed (Debian package "
                              "fonts-dejavu-core)", "--report", "T-50", "-o", never, NULL);

  /* A failed export leaves an existing file as it was. */
  g_assert_true (g_file_set_contents (never, "previous", -1, NULL));
  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "P-9999", "-o", never, NULL), ==, 1);
  g_assert_true (g_file_get_contents (never, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "previous");
  g_unlink (never);

  /* Course numbers count from the oldest: T-51 has one course, T-50 too. */
  {
    g_autofree char *pdf = pdf_path (f, "course1.pdf");

    g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-50", "--course", "1", "-o", pdf,
                                NULL), ==, 0);
  }
}

/* Course N is the patient's Nth course, oldest first; the default is the
 * latest. */
static void
test_course_choice (Fixture       *f,
                    gconstpointer  data)
{
  gint64 patient = glide_test_add_patient (f->store, "T-60", "Two", "Courses");
  gint64 first = glide_test_add_course (f->store, patient, "2025-06-02");
  gint64 second = glide_test_add_course (f->store, patient, "2026-03-02");
  const Value old_pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 9, NAN };
  const Value new_pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 3, NAN };
  g_autofree char *pdf = pdf_path (f, "course.pdf");
  g_autofree char *text = NULL;

  add_visit (f, first, f->dana, "2025-06-02T09:00", &old_pain, 1, FALSE);
  add_visit (f, second, f->dana, "2026-03-02T09:00", &new_pain, 1, FALSE);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-60", "-o", pdf, NULL), ==, 0);
  text = pdf_text (pdf, 0);
  assert_contains (text, "Your pain was 3 out of 10 at your first visit.");
  assert_lacks (text, "2 Jun 2025");

  g_assert_cmpint (run_glide (f, NULL, NULL, "--report", "T-60", "--course", "1", "-o", pdf,
                              NULL), ==, 0);
  g_free (text);
  text = pdf_text (pdf, 0);
  assert_contains (text, "Your pain was 9 out of 10 at your first visit.");
  assert_lacks (text, "2 Mar 2026");
}

/* ---- issue 11: drafts, wording, empty content ---------------------------------- */

/* With GLIDE_TEST_KEEP_DIR set, a copy of the document is left there under
 * the given name, to rasterise and look at. */
static void
keep_for_viewing (const char *pdf,
                  const char *name)
{
  const char *dir = g_getenv ("GLIDE_TEST_KEEP_DIR");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
}

/* The case seen: signed sessions give hip adduction 20° to 27° by one
 * therapist, beyond the MDC of 5°; a later draft by another therapist (29°)
 * would make it "within measurement error" (MDC 10° when the rater changes).
 * The patient's report uses the signed sessions and says a visit was left
 * out; the clinical summary keeps the draft and marks the values from it. */
static void
test_drafts_left_out (Fixture       *f,
                      gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-70", "Draft", "Dora", "2026-03-02");
  const Value first[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 6, NAN },
                          { GLIDE_MEASURE_HIP_ADDUCTION, GLIDE_SIDE_LEFT, 20, NAN } };
  const Value second[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5, NAN },
                           { GLIDE_MEASURE_HIP_ADDUCTION, GLIDE_SIDE_LEFT, 27, NAN } };
  const Value draft[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 2, NAN },
                          { GLIDE_MEASURE_HIP_ADDUCTION, GLIDE_SIDE_LEFT, 29, NAN } };
  g_autofree char *pdf = pdf_path (f, "drafts.pdf");
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  add_visit (f, course, f->dana, "2026-03-02T09:00", first, 2, FALSE);
  add_visit (f, course, f->dana, "2026-03-09T09:00", second, 2, FALSE);
  add_visit (f, course, f->luis, "2026-03-16T09:00", draft, 2, TRUE);

  text = progress_text (f, "T-70");
  {
    g_autofree char *progress = pdf_path (f, "progress.pdf");

    keep_for_viewing (progress, "drafts-progress.pdf");
  }
  assert_contains (text, "Moving your left leg across your body improved from 20° to 27°");
  assert_contains (text, "1 visit not yet finalised is not included");
  assert_contains (text, "Your pain went from 6 to 5 out of 10.");
  assert_lacks (text, "29°");
  assert_lacks (text, "16 Mar 2026");
  assert_lacks (text, "within measurement error");
  assert_lacks (text, "Luis Ortega");

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-70", "-o", pdf, NULL), ==, 0);
  summary = pdf_layout_text (pdf);
  keep_for_viewing (pdf, "drafts-summary.pdf");
  /* Measure, first, latest (from the draft, marked), change, threshold,
   * raters, verdict. */
  assert_contains (summary, "Hip adduction, left 20° (2 Mar 2026) 29° (16 Mar 2026, draft) +9° "
                            "MDC 10° changed within measurement error");
  assert_contains (summary, "DRAFT - not signed");
  assert_contains (summary, "come from draft sessions");
}

/* A course whose visits are all drafts, or that has none, gets no patient
 * report: the refusal names the course. */
static void
test_no_signed_visit (Fixture       *f,
                      gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-71", "Unsigned", "Uma", "2026-03-02");
  const Value pain[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 7, NAN } };
  g_autofree char *never = pdf_path (f, "never.pdf");
  g_autofree char *pdf = pdf_path (f, "summary.pdf");
  g_autofree char *text = NULL;

  g_autoptr(GlideSession) petechiae = glide_test_new_session (course, f->dana, "2026-03-16T09:00");
  g_autoptr(GError) error = NULL;

  add_visit (f, course, f->dana, "2026-03-02T09:00", pain, 1, TRUE);
  add_visit (f, course, f->dana, "2026-03-09T09:00", pain, 1, TRUE);
  g_assert_cmpint (glide_store_save_draft_session (f->store, petechiae, &error), >, 0);
  g_assert_no_error (error);
  assert_fails (f, NULL, "Course 1 of patient T-71 (Plantar fasciitis) has no signed visit yet",
                "--report", "T-71", "-o", never, NULL);

  /* The summary shows the drafts, marked. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-71", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  assert_contains (text, "DRAFT - not signed");
  /* Petechiae of a draft are listed, marked. */
  assert_contains (text, "3 16 Mar 2026, 09:00 (draft) Dana Whitfield Plantar fascia (sole), left");
}

/* Half a point of pain is about the same; a ROM change beyond the MDC is
 * real, not "meaningful"; pain and scores have no raters; a pain baseline
 * of 0 has no MCID to reach; one visit is not "(1 of 1 visits)". */
static void
test_wording (Fixture       *f,
              gconstpointer  data)
{
  const double pain[] = { 5, 5, 4.5 };
  const double knee[] = { 95, 100, 110 };
  const double no_pain[] = { 0, 0 };
  gint64 course = add_patient_course (f, "T-72", "Word", "Wanda", "2026-03-02");
  gint64 zero = add_patient_course (f, "T-73", "Zero", "Zack", "2026-03-02");
  gint64 single = add_patient_course (f, "T-74", "Once", "Olga", "2026-03-02");
  const Value once[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 4, NAN } };
  g_autofree char *pdf = pdf_path (f, "wording.pdf");
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_RIGHT, knee, NULL, 3);
  text = progress_text (f, "T-72");
  assert_contains (text, "Your pain went from 5 to 4.5 out of 10. That is about the same.");
  assert_lacks (text, "small improvement");
  assert_contains (text, "Bending your right knee improved from 95° to 110° (typical: 140°): a "
                         "real change, beyond measurement error.");
  assert_lacks (text, "Meaningful improvement");

  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-72", "-o", pdf, NULL), ==, 0);
  summary = pdf_layout_text (pdf);
  keep_for_viewing (pdf, "wording-summary.pdf");
  /* Pain is self-reported: no raters. ROM beyond the MDC: a real change. */
  assert_contains (summary, "Pain 5 (2 Mar 2026) 4.5 (16 Mar 2026) −0.5 MCID 1.5 self-report "
                            "not yet");
  assert_contains (summary, "Knee flexion, right 95° (2 Mar 2026) 110° (16 Mar 2026) +15° MDC 5° "
                            "same real change (beyond MDC)");
  assert_lacks (summary, "changed meaningful");

  /* No pain at the first visit: there is no MCID to reach. */
  add_course_visits (f, zero, no_pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);
  g_free (text);
  text = progress_text (f, "T-73");
  assert_contains (text, "You had no pain before treatment at any visit so far.");
  assert_lacks (text, "no meaningful change yet");
  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-73", "-o", pdf, NULL), ==, 0);
  g_free (summary);
  summary = pdf_layout_text (pdf);
  assert_lacks (summary, "MCID 0");
  assert_contains (summary, "Pain 0 (2 Mar 2026) 0 (9 Mar 2026) 0 – self-report no pain at first");

  /* One visit. */
  add_visit (f, single, f->dana, "2026-03-02T09:00", once, 1, FALSE);
  g_free (text);
  text = progress_text (f, "T-74");
  assert_lacks (text, "1 of 1 visit");
}

/* Areas treated as often as each other are all named, in everyday words,
 * lower case mid-sentence; the visits table uses the same words. */
static void
test_top_areas (Fixture       *f,
                gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-75", "Area", "Abe", "2026-03-02");
  gint64 single = add_patient_course (f, "T-76", "Once", "Olga", "2026-03-02");
  const Value once[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 4, NAN } };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf = pdf_path (f, "progress.pdf");

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * i);
      g_autofree char *signed_at = g_strdup_printf ("2026-03-%02uT20:00", 2 + 7 * i);
      g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, start);
      gint64 id = glide_store_save_draft_session (f->store, session, &error);

      g_assert_no_error (error);
      g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
      g_assert_no_error (error);
    }
  text = progress_text (f, "T-75");
  keep_for_viewing (pdf, "areas-progress.pdf");
  assert_contains (text, "Your treatment focused on your left calf and the sole of your left "
                         "foot at both visits.");
  g_free (text);
  text = pdf_layout_text (pdf);
  assert_contains (text, "2 Mar 2026 Your left calf; the sole of your left foot");
  assert_lacks (text, "gastrocnemius");

  add_visit (f, single, f->dana, "2026-03-02T09:00", once, 1, FALSE);
  g_free (text);
  text = progress_text (f, "T-76");
  assert_contains (text, "Your treatment focused on your left calf.");
}

/* Eight motions measured: each gets its own sentence, not only the first
 * two (the charts and the table show them all). */
static void
test_every_measure_described (Fixture       *f,
                              gconstpointer  data)
{
  const GlideMeasure motions[] = {
    GLIDE_MEASURE_SHOULDER_FLEXION, GLIDE_MEASURE_SHOULDER_ABDUCTION,
    GLIDE_MEASURE_SHOULDER_EXTERNAL_ROTATION, GLIDE_MEASURE_ELBOW_FLEXION,
  };
  gint64 course = add_patient_course (f, "T-77", "Many", "Motions", "2026-03-02");
  g_autofree char *text = NULL;

  for (guint v = 0; v < 2; v++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * v);
      Value values[9];

      for (guint m = 0; m < 8; m++)
        values[m] = (Value) { motions[m / 2], m % 2 ? GLIDE_SIDE_RIGHT : GLIDE_SIDE_LEFT,
                              60 + 10 * m + 12 * v, NAN };
      values[8] = (Value) { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 6 - 3 * v, NAN };
      add_visit (f, course, f->dana, start, values, 9, FALSE);
    }
  text = progress_text (f, "T-77");
  {
    g_autofree char *progress = pdf_path (f, "progress.pdf");

    keep_for_viewing (progress, "every-progress.pdf");
  }
  assert_contains (text, "Your pain went from 6 to 3 out of 10.");
  for (guint m = 0; m < 8; m++)
    {
      const char *motion = glide_measure_get_plain_label (motions[m / 2], m % 2 ? GLIDE_SIDE_RIGHT
                                                                                : GLIDE_SIDE_LEFT);
      g_autofree char *sentence = g_strdup_printf ("%s improved from %u° to %u°", motion,
                                                   60 + 10 * m, 72 + 10 * m);

      assert_contains (text, sentence);
    }
  assert_contains (text, "Your treatment focused on your left calf at both visits.");
}

/* Visits without measurements: no "Your measurements" heading with nothing
 * under it. A course with no visits: no progress report, and a summary
 * that says so once, plainly. */
static void
test_empty_content (Fixture       *f,
                    gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-78", "Bare", "Bea", "2026-03-02");
  g_autofree char *never = pdf_path (f, "never.pdf");
  g_autofree char *pdf = pdf_path (f, "summary.pdf");
  g_autofree char *text = NULL;

  add_patient_course (f, "T-79", "Empty", "Emil", "2026-03-02");
  add_visit (f, course, f->dana, "2026-03-02T09:00", NULL, 0, FALSE);
  add_visit (f, course, f->dana, "2026-03-09T09:00", NULL, 0, FALSE);
  text = progress_text (f, "T-78");
  assert_lacks (text, "Your measurements");
  assert_contains (text, "Pain was not recorded during this course.");
  assert_contains (text, "Where you were treated");

  assert_fails (f, NULL, "Course 1 of patient T-79 (Plantar fasciitis) has no visits yet, so "
                         "there is no progress to report", "--report", "T-79", "-o", never, NULL);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-79", "-o", pdf, NULL), ==, 0);
  g_free (text);
  text = pdf_layout_text (pdf);
  keep_for_viewing (pdf, "empty-summary.pdf");
  assert_contains (text, "Sessions 0 (0 signed, 0 drafts)");
  assert_contains (text, "No sessions have been recorded in this course yet, so there are no "
                         "trends, petechiae or session notes to show.");
  assert_lacks (text, "No pre-treatment measurements were recorded.");
  assert_lacks (text, "Petechiae");
}

/* The caseload's unsigned and petechiae counts are the period's, as its
 * title says; the rule and the therapist tie-break are on the page; a
 * period that has not begun is refused. */
static void
test_caseload_period (Fixture       *f,
                      gconstpointer  data)
{
  gint64 course = add_patient_course (f, "C-10", "Period", "Pia", "2026-02-02");
  g_autoptr(GlideSession) february = glide_test_new_session (course, f->dana, "2026-02-02T09:00");
  const Value march[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 6, NAN } };
  const Value later[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5, NAN } };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "caseload.pdf");
  g_autofree char *never = pdf_path (f, "never.pdf");
  g_autofree char *text = NULL;

  /* February: a draft with petechiae; March: two signed visits without. */
  g_assert_cmpint (glide_store_save_draft_session (f->store, february, &error), >, 0);
  g_assert_no_error (error);
  add_visit (f, course, f->dana, "2026-03-02T09:00", march, 1, FALSE);
  add_visit (f, course, f->dana, "2026-03-09T09:00", later, 1, FALSE);

  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  keep_for_viewing (pdf, "period-caseload.pdf");
  /* Pain from the signed visits: the February draft's 7 may still change. */
  assert_contains (text, "Dana Whitfield C-10 Period, Pia Plantar fasciitis 3 (2) 2 Feb 2026 "
                         "9 Mar 2026 6 → 5 (−1) not yet 0 0");
  assert_contains (text, "Unsigned and Petechiae count the sessions in the period");
  assert_contains (text, "on a tie, the one who saw the patient first");

  /* February alone: the draft and its petechiae. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-02-01", "--to",
                              "2026-02-28", "-o", pdf, NULL), ==, 0);
  g_free (text);
  text = pdf_layout_text (pdf);
  assert_contains (text, "Dana Whitfield C-10 Period, Pia Plantar fasciitis 1 (1) 2 Feb 2026 "
                         "2 Feb 2026 – only in unsigned visits 1 1");

  assert_fails (f, NULL, "The period starts on 2999-01-01, after today",
                "--caseload", "--from", "2999-01-01", "--to", "2999-01-31", "-o", never, NULL);

  /* A period running on past today says what it counts. */
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-02-01", "--to",
                              "2999-12-31", "-o", pdf, NULL), ==, 0);
  g_free (text);
  text = pdf_layout_text (pdf);
  assert_contains (text, "Period: 1 Feb 2026 to 31 Dec 2999 (visits up to today, ");
}

/* Every word of the document with its page and box, in points. */
static GArray *
pdf_words (const char *pdf)
{
  return glide_report_test_pdf_words (pdf, 0, GLIDE_REPORT_TEST_WORDS_RAW, NULL);
}

/* A family name of 120 letters without a break widens the Patient column:
 * the dates and pain columns still keep each value on one line ("2 Mar
 * 2026", not "2 Mar" over "2026"), and the chart is never broken. */
static void
test_caseload_long_name (Fixture       *f,
                         gconstpointer  data)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec", NULL };
  const double pain[] = { 7, 5, 3 };
  g_autofree char *family = g_strnfill (120, 'w');
  gint64 a = add_patient_course (f, "C-LONGNAME", family, "Hubert", "2026-03-02");
  gint64 b = add_patient_course (f, "C-2", "Adams", "Bo", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "caseload-long-name.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GArray) words = NULL;
  guint years = 0;

  add_course_visits (f, a, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  add_course_visits (f, b, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  words = pdf_words (pdf);
  for (guint i = 0; i < words->len; i++)
    {
      const GlideReportTestWord *year = &g_array_index (words, GlideReportTestWord, i);
      gboolean beside = FALSE;

      if (!g_str_equal (year->text, "2026"))
        continue;
      for (guint j = 0; j < words->len && !beside; j++)
        {
          const GlideReportTestWord *month = &g_array_index (words, GlideReportTestWord, j);

          beside = month->page == year->page && fabs (month->y0 - year->y0) < 1 &&
                   month->x1 <= year->x0 && year->x0 - month->x1 < 10 &&
                   g_strv_contains (months, month->text);
        }
      if (!beside)
        g_error ("\"2026\" at %.1f, %.1f is not on its month's line", year->x0, year->y0);
      years++;
    }
  /* The period's two dates, each course's first and last visit. */
  g_assert_cmpuint (years, >=, 6);
  text = pdf_layout_text (pdf);
  assert_contains (text, "C-LONGNAME");
}

/* A number as a chart prints it on an axis: "140°", "−10°", "8". Returns
 * FALSE for other words. */
static gboolean
parse_tick (const char *text,
            double     *value)
{
  g_autofree char *ascii = NULL;
  char *end;

  if (g_str_has_prefix (text, "−"))
    ascii = g_strconcat ("-", text + strlen ("−"), NULL);
  else
    ascii = g_strdup (text);
  if (g_str_has_suffix (ascii, "°"))
    ascii[strlen (ascii) - strlen ("°")] = '\0';
  if (ascii[0] == '\0')
    return FALSE;
  *value = g_ascii_strtod (ascii, &end);
  return *end == '\0';
}

typedef struct
{
  guint  page;
  double right;             /* the labels' right edge: the axis is 4 pt further */
  double top, bottom;       /* from the highest label to the lowest */
  double height;            /* of one label */
  double values[16];
  guint  n;
} TickColumn;

/* The y axes of the charts: three or more numbers right-aligned one above
 * the other. */
static GArray *
find_tick_columns (GArray *words)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (TickColumn));

  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);
      double value;
      guint c;

      if (!parse_tick (w->text, &value))
        continue;
      for (c = 0; c < columns->len; c++)
        {
          TickColumn *column = &g_array_index (columns, TickColumn, c);

          if (column->page == w->page && fabs (column->right - w->x1) < 0.6 &&
              w->y0 - column->bottom < 40 && column->n < G_N_ELEMENTS (column->values))
            {
              column->values[column->n++] = value;
              column->bottom = w->y1;
              break;
            }
        }
      if (c == columns->len)
        {
          TickColumn column = { w->page, w->x1, w->y0, w->y1, w->y1 - w->y0, { value }, 1 };

          g_array_append_val (columns, column);
        }
    }
  /* Axis labels rise from the bottom; other numbers in a column (the days
   * of the dates of the course facts) do not. */
  for (guint c = columns->len; c-- > 0;)
    {
      const TickColumn *column = &g_array_index (columns, TickColumn, c);
      gboolean falling = column->n >= 3;

      for (guint i = 1; falling && i < column->n; i++)
        falling = column->values[i] < column->values[i - 1];
      if (!falling)
        g_array_remove_index (columns, c);
    }
  return columns;
}

/* A page rendered in colour at dpi: RGB rows. */
static guchar *
render_page (Fixture    *f,
             const char *pdf,
             guint       page,
             guint       dpi,
             int        *width,
             int        *height)
{
  g_autofree char *prefix = g_build_filename (f->dir, "colour", NULL);
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *resolution = g_strdup_printf ("%u", dpi);
  const char *argv[] = { "pdftoppm", "-r", resolution, "-f", number, "-l", number, "-singlefile",
                         pdf, prefix, NULL };
  g_autofree char *ppm = g_strconcat (prefix, ".ppm", NULL);
  g_autofree char *data = NULL;
  g_autofree char *err = NULL;
  gsize length;
  int max, header = 0;

  g_assert_cmpint (glide_test_run (argv, NULL, &err), ==, 0);
  g_assert_true (g_file_get_contents (ppm, &data, &length, NULL));
  g_assert_cmpint (sscanf (data, "P6 %d %d %d%n", width, height, &max, &header), ==, 3);
  header++;
  g_assert_cmpuint (length, >=, (gsize) header + 3 * *width * *height);
  return g_memdup2 (data + header, 3 * *width * *height);
}

/* Pixels of the data series' blue (#1c71d8) in a box given in points. */
static guint
blue_pixels (const guchar *rgb,
             int           width,
             int           height,
             double        scale,
             double        x0,
             double        y0,
             double        x1,
             double        y1)
{
  guint blue = 0;

  for (int y = MAX (0, (int) floor (y0 * scale)); y < MIN (height, (int) ceil (y1 * scale)); y++)
    for (int x = MAX (0, (int) floor (x0 * scale)); x < MIN (width, (int) ceil (x1 * scale)); x++)
      {
        const guchar *px = rgb + 3 * (y * width + x);

        blue += px[2] > 170 && px[0] < 110 && px[1] > 80 && px[1] < 160;
      }
  return blue;
}

/* Charts: ticks at round numbers with a true minus sign, the norm's label
 * never under the data, a single visit's point clear of the axis, and the
 * norm's source readable. */
static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  const double pain[] = { 6, 5 };
  const double knee[] = { 50, 58 };
  const double hip[] = { 20, 27 };
  const double shoulder[] = { 90, 102 };
  gint64 ticks = add_patient_course (f, "T-80", "Tick", "Tia", "2026-03-02");
  gint64 norm = add_patient_course (f, "T-81", "Norm", "Nils", "2026-03-02");
  gint64 single = add_patient_course (f, "T-82", "Single", "Sol", "2026-03-02");
  gint64 crowded = add_patient_course (f, "T-83", "Crowd", "Cara", "2026-03-02");
  const Value once[] = { { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 5, NAN },
                         { GLIDE_MEASURE_KNEE_EXTENSION, GLIDE_SIDE_LEFT, -10, NAN } };
  g_autofree char *pdf = pdf_path (f, "progress.pdf");
  g_autofree char *summary = pdf_path (f, "summary.pdf");
  const char *charts[] = { "T-80", "T-81", "T-82", "T-83" };

  add_course_visits (f, ticks, pain, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_RIGHT, knee, NULL, 2);
  add_course_visits (f, norm, pain, GLIDE_MEASURE_HIP_ADDUCTION, GLIDE_SIDE_LEFT, hip, NULL, 2);
  add_visit (f, single, f->dana, "2026-03-02T09:00", once, 2, FALSE);
  add_course_visits (f, crowded, pain, GLIDE_MEASURE_SHOULDER_ABDUCTION, GLIDE_SIDE_RIGHT, shoulder,
                     NULL, 2);

  for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
    {
      g_autoptr(GArray) words = NULL;
      g_autoptr(GArray) columns = NULL;
      g_autofree char *name = g_strdup_printf ("charts-%s.pdf", charts[k]);

      g_assert_cmpint (run_glide (f, NULL, NULL, "--report", charts[k], "-o", pdf, NULL), ==, 0);
      keep_for_viewing (pdf, name);
      words = pdf_words (pdf);
      columns = find_tick_columns (words);
      /* The pain chart and the motion's. */
      g_assert_cmpuint (columns->len, ==, 2);

      for (guint c = 0; c < columns->len; c++)
        {
          const TickColumn *column = &g_array_index (columns, TickColumn, c);
          double step = column->values[0] - column->values[1];
          double power = pow (10, floor (log10 (step)));
          double mantissa = step / power;
          g_autofree guchar *rgb = NULL;
          int width, height;
          double axis = column->right + 4;

          /* From the top down, in equal steps of 1, 2 or 5 times a power
           * of ten, each a multiple of the step. */
          g_assert_cmpfloat (step, >, 0);
          /* Labels far enough apart to read: 1.4 times their height. */
          g_test_message ("%s: %u ticks, %.1f pt apart", charts[k], column->n,
                          (column->bottom - column->top - column->height) / (column->n - 1));
          g_assert_cmpfloat ((column->bottom - column->top - column->height) / (column->n - 1), >=,
                             1.4 * column->height);
          g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                         fabs (mantissa - 5) < 1e-6);
          for (guint i = 0; i < column->n; i++)
            {
              g_assert_cmpfloat (fabs (remainder (column->values[i], step)), <, 1e-6);
              if (i > 0)
                g_assert_cmpfloat (fabs (column->values[i - 1] - column->values[i] - step), <, 1e-6);
            }

          /* No data mark reaches left over the axis. */
          rgb = render_page (f, pdf, column->page, 144, &width, &height);
          g_assert_cmpuint (blue_pixels (rgb, width, height, 2, axis - 8, column->top,
                                         axis - 1.2, column->bottom), ==, 0);
        }

      /* No hyphen for a minus, anywhere. */
      for (guint i = 0; i < words->len; i++)
        {
          const char *text = g_array_index (words, Word, i).text;

          if (text[0] == '-' && g_ascii_isdigit (text[1]))
            g_error ("%s: a hyphen for a minus sign: %s", charts[k], text);
        }

      /* The norm's label, "Typical: 25°", has no data drawn over it. */
      for (guint i = 0; i + 1 < words->len; i++)
        {
          const Word *label = &g_array_index (words, Word, i);
          const Word *value = &g_array_index (words, Word, i + 1);
          g_autofree guchar *rgb = NULL;
          int width, height;

          if (g_strcmp0 (label->text, "Typical:") != 0 || value->page != label->page)
            continue;
          rgb = render_page (f, pdf, label->page, 144, &width, &height);
          g_test_message ("%s: norm label at %.0f,%.0f", charts[k], label->x0, label->y0);
          g_assert_cmpuint (blue_pixels (rgb, width, height, 2, label->x0, label->y0,
                                         value->x1, value->y1), ==, 0);
        }
    }

  /* The clinician's norm label. */
  {
    g_autofree char *text = NULL;

    g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-80", "-o", summary, NULL), ==, 0);
    keep_for_viewing (summary, "charts-summary.pdf");
    text = pdf_text (summary, 0);
    assert_contains (text, "Norm 140° (AAOS: 141 ± 5°)");
    assert_lacks (text, "+/-");
  }
}

/* The document is English, so a line with an Arabic name reads left to
 * right: the summary's subtitle shows the name first, then ", chart S-4."
 * (not ".chart S-4, name" as a right-to-left paragraph would). */
static void
test_bidi_base_direction (Fixture       *f,
                          gconstpointer  data)
{
  gint64 course = add_patient_course (f, "S-4", "الحسيني", "ليلى", "2026-03-02");
  const Value pain = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, 6, 4 };
  g_autofree char *pdf = pdf_path (f, "bidi.pdf");
  g_autofree char *err = NULL;
  g_autoptr(GArray) words = NULL;
  const Word *chart = NULL;
  const Word *generated = NULL;
  guint arabic = 0;

  add_visit (f, course, f->dana, "2026-03-02T09:00", &pain, 1, FALSE);
  g_assert_cmpint (run_glide (f, NULL, &err, "--summary", "S-4", "-o", pdf, NULL), ==, 0);
  keep_for_viewing (pdf, "bidi-summary.pdf");
  assert_lacks (err, "No installed font");
  words = pdf_words (pdf);
  for (guint i = 0; i < words->len && chart == NULL; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      /* The name is isolated in the sentence; the marks are never drawn. */
      g_assert_null (strstr (w->text, "\u2068"));
      g_assert_null (strstr (w->text, "\u2069"));
      if (w->page == 1 && g_strcmp0 (w->text, "chart") == 0)
        chart = w;
    }
  g_assert_nonnull (chart);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if (w->page != 1 || fabs (w->y0 - chart->y0) > 1)
        continue;
      if (g_strcmp0 (w->text, "Generated") == 0)
        generated = w;
      if (g_unichar_get_script (g_utf8_get_char (w->text)) == G_UNICODE_SCRIPT_ARABIC)
        {
          /* The name comes first: left of "chart". */
          g_test_message ("%s at %.1f, chart at %.1f", w->text, w->x0, chart->x0);
          g_assert_cmpfloat (w->x1, <, chart->x0);
          arabic++;
        }
    }
  g_assert_cmpuint (arabic, >=, 1);
  g_assert_nonnull (generated);
  g_assert_cmpfloat (generated->x0, >, chart->x1);

  /* A Latin name is isolated the same way: the marks take no fallback font. */
  {
    gint64 latin = add_patient_course (f, "S-5", "Lindqvist", "Amara", "2026-03-02");
    g_autofree char *latin_pdf = pdf_path (f, "bidi-latin.pdf");
    g_autofree char *latin_err = NULL;
    g_autofree char *fonts = NULL;

    add_visit (f, latin, f->dana, "2026-03-02T09:00", &pain, 1, FALSE);
    g_assert_cmpint (run_glide (f, NULL, &latin_err, "--summary", "S-5", "-o", latin_pdf, NULL),
                     ==, 0);
    fonts = poppler ("pdffonts", latin_pdf, NULL);
    assert_contains (fonts, "DejaVuSans");
    assert_lacks (fonts, "Noto");
  }
}

/* ---- the course of care's documents ---------------------------------------- */

/* A visit with timed minutes per billing code, signed. */
static gint64
add_billed_visit (Fixture    *f,
                  gint64      course,
                  const char *start,
                  guint       total_minutes,
                  const char *code1,
                  guint       minutes1,
                  const char *code2,
                  guint       minutes2,
                  double      pain)
{
  g_autoptr(GlideSession) session = glide_test_new_session (course, f->dana, start);
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_at = g_strdup_printf ("%.10sT20:00", start);
  gint64 id;

  g_ptr_array_set_size (session->measurements, 0);
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE,
                                          pain));
  session->total_minutes = total_minutes;
  if (code1 != NULL)
    g_ptr_array_add (session->billing, glide_billed_time_new (code1, minutes1));
  if (code2 != NULL)
    g_ptr_array_add (session->billing, glide_billed_time_new (code2, minutes2));
  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
  g_assert_no_error (error);
  return id;
}

static GlideGoal *
new_goal (gint64        course,
          gint64        therapist,
          const char   *text,
          GlideMeasure  measure,
          double        target)
{
  GlideGoal *goal = glide_goal_new (text);

  goal->course_id = course;
  goal->measure = measure;
  goal->side = GLIDE_SIDE_NONE;
  goal->target = target;
  goal->target_date = g_strdup ("2026-05-01");
  goal->created_by = therapist;
  goal->created_at = g_strdup ("2026-03-02T10:00");
  return goal;
}

/* T-40: three visits (pain 7, 5, 2), two goals, a plan, exercises and a
 * home program at the last visit; discharged when discharge is TRUE. */
static gint64
add_discharge_course (Fixture  *f,
                      gboolean  discharge)
{
  gint64 course = add_patient_course (f, "T-40", "Okafor", "Ngozi", "2026-03-02");
  g_autoptr(GlideGoal) walk = new_goal (course, f->dana, "Walk 5 km without heel pain",
                                        GLIDE_MEASURE_PAIN, 2);
  g_autoptr(GlideGoal) stairs = new_goal (course, f->dana, "Climb stairs foot over foot",
                                          (GlideMeasure) -1, 0);
  g_autoptr(GlideCarePlan) plan = glide_care_plan_new (course);
  g_autoptr(GlideSession) last = glide_test_new_session (course, f->dana, "2026-03-23T09:00");
  g_autoptr(GlideExercise) calf = glide_exercise_new ("Calf raise");
  g_autoptr(GError) error = NULL;
  GlideIntervention iastm = GLIDE_INTERVENTION_IASTM;
  gint64 id;

  g_assert_cmpint (glide_store_add_goal (f->store, walk, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (glide_store_add_goal (f->store, stairs, &error), >, 0);
  g_assert_no_error (error);
  plan->cert_start = g_strdup ("2026-03-02");
  plan->cert_end = g_strdup ("2026-05-31");
  plan->visits_per_week = 2;
  plan->weeks = 8;
  g_array_append_val (plan->interventions, iastm);
  plan->referring_name = g_strdup ("Dr Ana Ruiz");
  plan->written_by = f->dana;
  plan->written_at = g_strdup ("2026-03-02T11:00");
  g_assert_cmpint (glide_store_save_care_plan (f->store, plan, &error), >, 0);
  g_assert_no_error (error);

  add_billed_visit (f, course, "2026-03-02T09:00", 40, "97140", 24, "97110", 10, 7);
  add_billed_visit (f, course, "2026-03-09T09:00", 40, "97140", 20, "97110", 15, 5);
  g_ptr_array_set_size (last->measurements, 0);
  g_ptr_array_add (last->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE, 2));
  calf->sets = 3;
  calf->reps = 15;
  g_ptr_array_add (last->exercises, g_steal_pointer (&calf));
  g_free (last->home_program);
  last->home_program = g_strdup ("Calf raises daily; walk 30 min.");
  id = glide_store_save_draft_session (f->store, last, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, f->dana, "2026-03-23T20:00", &error));
  g_assert_no_error (error);

  if (discharge)
    {
      g_autoptr(GlideDischarge) out = glide_discharge_new (course);
      g_autoptr(GPtrArray) statuses =
        g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_status_entry_free);
      GlideGoalStatusEntry *met = glide_goal_status_entry_new (GLIDE_GOAL_MET, f->dana,
                                                               "2026-03-30T10:00");
      GlideGoalStatusEntry *partly = glide_goal_status_entry_new (GLIDE_GOAL_PARTLY_MET, f->dana,
                                                                  "2026-03-30T10:00");

      met->goal_id = walk->id;
      partly->goal_id = stairs->id;
      g_free (partly->note);
      partly->note = g_strdup ("needs the rail");
      g_ptr_array_add (statuses, met);
      g_ptr_array_add (statuses, partly);
      out->date = g_strdup ("2026-03-30");
      out->reason = GLIDE_DISCHARGE_GOALS_MET;
      g_free (out->note);
      out->note = g_strdup ("Walks 5 km pain-free; goes on with the home program.");
      out->by = f->dana;
      out->at = g_strdup ("2026-03-30T10:00");
      g_assert_true (glide_store_discharge_course (f->store, out, statuses, &error));
      g_assert_no_error (error);
    }
  return course;
}

/* The discharge summary: reason and note, each goal's status at discharge
 * with its target and values, the measures, the plan, the home program and
 * the signature; the export is audited. */
static void
test_discharge_summary (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = pdf_path (f, "discharge.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean audited = FALSE;

  add_discharge_course (f, TRUE);
  if (run_glide (f, NULL, &err, "--discharge-summary", "T-40", "-o", pdf, NULL) != 0)
    g_error ("glide --discharge-summary failed: %s", err);
  text = pdf_layout_text (pdf);
  g_test_message ("%s", text);

  assert_contains (text, "Discharge summary");
  assert_contains (text, "Okafor, Ngozi");
  assert_contains (text, "Discharged 30 Mar 2026");
  assert_contains (text, "Visits 3 (2 Mar 2026 to 23 Mar 2026)");
  assert_contains (text, "Reason Goals met");
  assert_contains (text, "Walks 5 km pain-free; goes on with the home program.");
  /* Each goal: target, baseline to discharge, status, history. */
  assert_contains (text, "Walk 5 km without heel pain Pain 2 or less by 1 May 2026 7 → 2 Met");
  assert_contains (text, "Climb stairs foot over foot By 1 May 2026 – Partly met");
  assert_contains (text, "Partly met 30 Mar 2026, Dana Whitfield: needs the rail");
  /* Baseline against discharge, the last plan, the home program. */
  assert_contains (text, "Objective measures: baseline and at discharge");
  assert_contains (text, "Certification period 2 Mar 2026 to 31 May 2026");
  assert_contains (text, "Home program to continue");
  assert_contains (text, "Exercises given on 23 Mar 2026");
  assert_contains (text, "Calf raise");
  assert_contains (text, "Calf raises daily; walk 30 min.");
  /* The discharging therapist's signature block. */
  assert_contains (text, "Signature Therapist Dana Whitfield Credentials PT Date of discharge "
                         "30 Mar 2026 Signed electronically 30 Mar 2026, 10:00");

  entries = glide_store_list_audit (f->store, "T-40", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      GlideAuditEntry *entry = g_ptr_array_index (entries, i);

      audited = audited || (g_strcmp0 (entry->action, "export") == 0 &&
                            g_strcmp0 (entry->entity, "discharge summary") == 0);
    }
  g_assert_true (audited);
}

/* The patient's report of a discharged course: the goals in plain words,
 * the exercises to go on with, and that treatment has ended. */
static void
test_patient_goals_and_next_steps (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *text = NULL;

  add_discharge_course (f, TRUE);
  text = progress_text (f, "T-40");
  g_test_message ("%s", text);
  assert_contains (text, "Your goals");
  assert_contains (text, "Walk 5 km without heel pain: reached (from 7 to 2; the aim is 2)");
  assert_contains (text, "Climb stairs foot over foot: partly reached");
  assert_contains (text, "Calf raise: 3 × 15");
  assert_contains (text, "Next steps");
  assert_contains (text, "Your treatment ended on 30 Mar 2026. Keep doing your home program");
}

/* A course still open has no discharge summary: refused, nothing written. */
static void
test_discharge_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = pdf_path (f, "discharge.pdf");
  g_autofree char *err = NULL;

  add_discharge_course (f, FALSE);
  g_assert_cmpint (run_glide (f, NULL, &err, "--discharge-summary", "T-40", "-o", pdf, NULL),
                   !=, 0);
  assert_contains (err, "Course 1 of T-40 is not discharged; discharge it first");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The summary as a progress report: the latest report's period, its visits,
 * assessment, plan and signature, and the period's minutes and units by the
 * clinic's method (CMS's examples: 24 min of 97112 and 23 of 97110 are 3
 * units, two of 97112; 33 min of 97110 and 7 of 97140 are 3 units, two of
 * 97110), with totals. */
static void
test_summary_period_units (Fixture       *f,
                           gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-41", "Lindgren", "Sofia", "2026-03-02");
  g_autoptr(GlideProgressReport) report = glide_progress_report_new (course);
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pdf_path (f, "summary.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *eights = NULL;

  /* Before the period, left out of it. */
  add_billed_visit (f, course, "2026-03-02T09:00", 30, "97140", 30, NULL, 0, 6);
  add_billed_visit (f, course, "2026-03-09T09:00", 50, "97112", 24, "97110", 23, 5);
  add_billed_visit (f, course, "2026-03-16T09:00", 45, "97110", 33, "97140", 7, 4);
  report->date = g_strdup ("2026-03-16");
  report->period_start = g_strdup ("2026-03-09");
  report->period_end = g_strdup ("2026-03-16");
  report->visits = 2;
  g_free (report->assessment);
  report->assessment = g_strdup ("Heel pain down from 6 to 4.");
  g_free (report->plan);
  report->plan = g_strdup ("Twice a week for 4 more weeks.");
  report->next_due = g_strdup ("2026-04-30");
  report->signed_by = f->dana;
  report->signed_at = g_strdup ("2026-03-16T12:00");
  g_assert_cmpint (glide_store_add_progress_report (f->store, report, &error), >, 0);
  g_assert_no_error (error);

  if (run_glide (f, NULL, &err, "--summary", "T-41", "-o", pdf, NULL) != 0)
    g_error ("glide --summary failed: %s", err);
  text = pdf_layout_text (pdf);
  g_test_message ("%s", text);
  assert_contains (text, "Reporting period 9 Mar 2026 to 16 Mar 2026 (the latest progress "
                         "report's) Visits in this period 2");
  assert_contains (text, "Assessment Heel pain down from 6 to 4. Plan Twice a week for 4 more "
                         "weeks. Next report due 30 Apr 2026");
  assert_contains (text, "Signature Signed by Dana Whitfield, PT Date of report 16 Mar 2026");
  /* Date, total, one column per code in the clinic's order, timed, units. */
  assert_contains (text, "Date Total min 97140 97110 97112 Timed min Units");
  assert_contains (text, "9 Mar 2026 50 – 23 (1) 24 (2) 47 3");
  assert_contains (text, "16 Mar 2026 45 7 (1) 33 (2) – 40 3");
  assert_contains (text, "Total 95 7 (1) 56 (3) 24 (2) 87 6");
  assert_contains (text, "CMS 8-minute rule");
  assert_lacks (text, "2 Mar 2026 30 30");

  /* The rule of eights, set for the clinic: each code's own minutes. */
  settings = glide_store_get_care_settings (f->store, &error);
  g_assert_no_error (error);
  settings->units_method = GLIDE_UNITS_RULE_OF_EIGHTS;
  g_assert_true (glide_store_set_care_settings (f->store, settings, &error));
  g_assert_no_error (error);
  g_clear_pointer (&err, g_free);
  if (run_glide (f, NULL, &err, "--summary", "T-41", "-o", pdf, NULL) != 0)
    g_error ("glide --summary failed: %s", err);
  eights = pdf_layout_text (pdf);
  assert_contains (eights, "9 Mar 2026 50 – 23 (2) 24 (2) 47 4");
  assert_contains (eights, "16 Mar 2026 45 7 (0) 33 (2) – 40 2");
  assert_contains (eights, "Total 95 7 (0) 56 (4) 24 (2) 87 6");
  assert_contains (eights, "rule of eights");
}

/* ---- edge-case courses ---------------------------------------------------------- */

/* Pain 0 at the first and the latest visit and 7 between: "no pain at any
 * visit" would tell the patient something untrue. */
static void
test_no_pain_at_ends (Fixture       *f,
                      gconstpointer  data)
{
  const double pain[] = { 0, 7, 3.5, 0 };
  gint64 course = add_patient_course (f, "T-90", "Ends", "Ezra", "2026-03-02");
  gint64 none = add_patient_course (f, "T-91", "Never", "Nell", "2026-03-02");
  const double zero[] = { 0, 0, 0 };
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 4);
  text = progress_text (f, "T-90");
  assert_contains (text, "You had no pain before treatment at your first and at your latest "
                         "visit, but up to 7 out of 10 at visits in between.");
  assert_lacks (text, "at any visit");

  /* No pain at any visit: then it is true. */
  add_course_visits (f, none, zero, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  g_free (text);
  text = progress_text (f, "T-91");
  assert_contains (text, "You had no pain before treatment at any visit so far.");
  /* Nothing to improve from 0: the charts shade no band around it. */
  assert_contains (text, "Lower is better");
  assert_lacks (text, "Shaded");
  {
    g_autofree char *pdf = pdf_path (f, "summary.pdf");
    g_autofree char *summary = NULL;

    g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-91", "-o", pdf, NULL), ==, 0);
    summary = pdf_text (pdf, 0);
    assert_contains (summary, "Pain, numeric rating scale 0-10");
    assert_lacks (summary, "meaningful at");
  }
}

/* Pain and a motion measured only right after treatment: the visits table
 * shows their values, so the sentences must not say they were never taken. */
static void
test_only_after_treatment (Fixture       *f,
                           gconstpointer  data)
{
  gint64 course = add_patient_course (f, "T-92", "After", "Ada", "2026-03-02");
  g_autofree char *text = NULL;
  g_autofree char *pdf = pdf_path (f, "progress.pdf");
  g_autofree char *layout = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * i);
      const Value values[] = {
        { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NAN, 4 + i },
        { GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, NAN, 100 + 5 * i },
      };

      add_visit (f, course, f->dana, start, values, G_N_ELEMENTS (values), FALSE);
    }
  text = progress_text (f, "T-92");
  assert_contains (text, "Your pain was measured only right after treatment, not before it, so "
                         "this report cannot say yet how it changed over your visits.");
  assert_contains (text, "Bending your left knee was measured only right after treatment, not "
                         "before it, so this report cannot say yet how it changed over your "
                         "visits.");
  assert_lacks (text, "Pain was not recorded");
  assert_lacks (text, "was not measured");
  /* The values the sentences speak of are in the visits table. */
  layout = pdf_layout_text (pdf);
  assert_contains (layout, "2 Mar 2026 Your left calf 1 min 30 s – 4 Mild redness");
}

/* Forty areas treated at both visits: the sentence names a few and counts
 * the rest (the body map shows them all), not a paragraph of forty. */
static void
test_many_areas (Fixture       *f,
                 gconstpointer  data)
{
  const GlideSite sites[] = {
    GLIDE_SITE_SUBOCCIPITAL, GLIDE_SITE_CERVICAL_PARASPINALS, GLIDE_SITE_UPPER_TRAPEZIUS,
    GLIDE_SITE_LEVATOR_SCAPULAE, GLIDE_SITE_RHOMBOIDS, GLIDE_SITE_THORACIC_PARASPINALS,
    GLIDE_SITE_LUMBAR_PARASPINALS, GLIDE_SITE_QUADRATUS_LUMBORUM, GLIDE_SITE_PECTORALS,
    GLIDE_SITE_GLUTEALS, GLIDE_SITE_PIRIFORMIS, GLIDE_SITE_ANTERIOR_DELTOID,
    GLIDE_SITE_SUPRASPINATUS, GLIDE_SITE_POSTERIOR_CUFF, GLIDE_SITE_BICEPS, GLIDE_SITE_TRICEPS,
    GLIDE_SITE_LATERAL_EPICONDYLE, GLIDE_SITE_MEDIAL_EPICONDYLE, GLIDE_SITE_FOREARM_EXTENSORS,
    GLIDE_SITE_FOREARM_FLEXORS,
  };
  gint64 course = add_patient_course (f, "T-93", "Forty", "Fay", "2026-03-02");
  g_autofree char *text = NULL;
  const char *sentence;

  for (guint v = 0; v < 2; v++)
    {
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT09:00", 2 + 7 * v);
      g_autofree char *signed_at = g_strdup_printf ("2026-03-%02uT20:00", 2 + 7 * v);
      g_autoptr(GlideSession) session = glide_session_new (course, start, f->dana);
      g_autoptr(GError) error = NULL;
      gint64 id;

      for (guint i = 0; i < 2 * G_N_ELEMENTS (sites); i++)
        {
          GlideTreatment *t = glide_treatment_new (sites[i / 2],
                                                   i % 2 ? GLIDE_SIDE_RIGHT : GLIDE_SIDE_LEFT);

          t->duration_s = 30;
          g_ptr_array_add (session->treatments, t);
        }
      g_ptr_array_add (session->measurements,
                       glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                              GLIDE_TIMING_PRE, 5));
      id = glide_store_save_draft_session (f->store, session, &error);
      g_assert_no_error (error);
      g_assert_true (glide_store_sign_session (f->store, id, f->dana, signed_at, &error));
      g_assert_no_error (error);
    }
  text = progress_text (f, "T-93");
  assert_contains (text, "Your treatment focused on the left side of the base of your skull, the "
                         "right side of the base of your skull, the left side of your neck and 37 "
                         "other areas at both visits.");
  sentence = strstr (text, "Your treatment focused on");
  g_assert_nonnull (sentence);
  g_assert_null (g_strstr_len (sentence, strchr (sentence, '.') - sentence, "forearm"));
}

/* Two visits on one day: their rows in the visits table show the time, so
 * the patient can tell them apart; a visit alone on its day shows its date. */
static void
test_same_day_visits (Fixture       *f,
                      gconstpointer  data)
{
  const char *starts[] = { "2026-03-02T09:00", "2026-03-09T08:30", "2026-03-09T16:45" };
  const double pain[] = { 6, 5, 4 };
  gint64 course = add_patient_course (f, "T-94", "Twice", "Tom", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "progress.pdf");
  g_autofree char *text = NULL;
  g_autofree char *layout = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      const Value value = { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, pain[i], NAN };

      add_visit (f, course, f->dana, starts[i], &value, 1, FALSE);
    }
  text = progress_text (f, "T-94");
  layout = pdf_layout_text (pdf);
  assert_contains (layout, "2 Mar 2026 Your left calf 1 min 30 s 6 – Mild redness");
  assert_contains (layout, "9 Mar 2026, 08:30 Your left calf 1 min 30 s 5 – Mild redness");
  assert_contains (layout, "9 Mar 2026, 16:45 Your left calf 1 min 30 s 4 – Mild redness");
  assert_lacks (layout, "2 Mar 2026, 09:00");
}

/* Visits whose minutes were never recorded: the summary's minutes table
 * shows their total as unknown, as each row does, not as 0 minutes. */
static void
test_summary_minutes_unknown (Fixture       *f,
                              gconstpointer  data)
{
  const double pain[] = { 6, 5 };
  gint64 course = add_patient_course (f, "T-95", "Untimed", "Uma", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "summary.pdf");
  g_autofree char *text = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--summary", "T-95", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  assert_contains (text, "2 Mar 2026 – 0 0 9 Mar 2026 – 0 0 Total – 0 0");
}

/* A name stored with white space around it (an import keeps it so): the
 * documents print it trimmed, not indented and with a gap inside. */
static void
test_name_trimmed (Fixture       *f,
                   gconstpointer  data)
{
  const double pain[] = { 6, 5 };
  gint64 patient = glide_test_add_patient (f->store, "T-96", "  Trim ", "\u00a0Sam\u2003");
  gint64 course = glide_test_add_course (f->store, patient, "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "progress.pdf");
  g_autofree char *caseload = pdf_path (f, "caseload.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GArray) words = NULL;
  const Word *sam = NULL, *trim = NULL;

  add_course_visits (f, course, pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 2);
  g_free (progress_text (f, "T-96"));
  words = glide_report_test_pdf_words (pdf, 1, GLIDE_REPORT_TEST_WORDS_READABLE, NULL);
  /* The first "Sam" and "Trim": the name above the course's facts. */
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if (sam == NULL && g_strcmp0 (w->text, "Sam") == 0)
        sam = w;
      else if (sam != NULL && trim == NULL && g_strcmp0 (w->text, "Trim") == 0)
        trim = w;
    }
  g_assert_nonnull (sam);
  g_assert_nonnull (trim);
  g_assert_cmpfloat (sam->x0, <, 48.5);            /* at the margin, not indented */
  g_assert_cmpfloat (fabs (trim->y0 - sam->y0), <, 1);
  g_assert_cmpfloat (trim->x0 - sam->x1, <, 6);    /* one space between */

  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", caseload, NULL), ==, 0);
  text = poppler ("pdftotext", "-raw", caseload, "-", NULL);
  assert_contains (text, "T-96 Trim, Sam Plantar fasciitis");
}

/* A course whose pain was 0 at first and is 0 now has nothing to improve:
 * the caseload does not count it among those "not yet" meaningful. */
static void
test_caseload_no_pain_at_first (Fixture       *f,
                                gconstpointer  data)
{
  const double zero[] = { 0, 0, 0 };
  const double plateau[] = { 5, 4.5, 4 };
  gint64 a = add_patient_course (f, "C-20", "Zero", "Zia", "2026-03-02");
  gint64 b = add_patient_course (f, "C-21", "Plateau", "Pia", "2026-03-02");
  g_autofree char *pdf = pdf_path (f, "caseload.pdf");
  g_autofree char *text = NULL;

  add_course_visits (f, a, zero, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  add_course_visits (f, b, plateau, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, NULL, NULL, 3);
  g_assert_cmpint (run_glide (f, NULL, NULL, "--caseload", "--from", "2026-03-01", "--to",
                              "2026-03-31", "-o", pdf, NULL), ==, 0);
  text = pdf_layout_text (pdf);
  assert_contains (text, "C-20 Zero, Zia Plantar fasciitis 3 (3) 2 Mar 2026 16 Mar 2026 0 → 0 (0) "
                         "no pain at first 0 0");
  assert_contains (text, "C-21 Plateau, Pia Plantar fasciitis 3 (3) 2 Mar 2026 16 Mar 2026 5 → 4 "
                         "(−1) not yet 0 0");
  /* The totals add up to the courses. */
  assert_contains (text, "Courses 2");
  assert_contains (text, "Pain: meaningful improvement 0");
  assert_contains (text, "Pain: not yet meaningful 1");
  assert_contains (text, "Pain: worse 0");
  assert_contains (text, "Pain: none at the first visit 1");
  assert_contains (text, "Pain: fewer than two values 0");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, \
              glide_report_test_fixture_tear_down)

  ADD ("/report/sentences/improved", test_improved);
  ADD ("/report/sentences/plateau", test_plateau);
  ADD ("/report/sentences/worse", test_worse);
  ADD ("/report/sentences/rom-within-mdc", test_rom_within_mdc);
  ADD ("/report/sentences/rater-change", test_rater_change);
  ADD ("/report/sentences/single-visit", test_single_visit);
  ADD ("/report/sentences/no-rom", test_no_rom);
  ADD ("/report/sentences/no-pain", test_no_pain);
  g_test_add_func ("/report/sentences/never-overclaims", test_never_overclaims);
  ADD ("/report/progress/visits-table", test_visits_table);
  ADD ("/report/progress/table-pages", test_table_pages);
  ADD ("/report/progress/rom-overflow", test_rom_overflow);
  ADD ("/report/progress/course-choice", test_course_choice);
  ADD ("/report/summary/complete", test_summary_complete);
  ADD ("/report/summary/override", test_summary_override);
  ADD ("/report/caseload/rows-and-totals", test_caseload);
  ADD ("/report/caseload/audit-entry", test_caseload_audit);
  ADD ("/report/privacy", test_privacy);
  ADD ("/report/text/scripts", test_scripts);
  ADD ("/report/text/long-note", test_long_note);
  ADD ("/report/text/margins", test_margins);
  ADD ("/report/file/paper-mode-audit", test_paper_and_file);
  ADD ("/report/errors", test_errors);
  ADD ("/report/drafts/left-out", test_drafts_left_out);
  ADD ("/report/drafts/no-signed-visit", test_no_signed_visit);
  ADD ("/report/wording/noise-mdc-raters", test_wording);
  ADD ("/report/wording/top-areas", test_top_areas);
  ADD ("/report/wording/every-measure", test_every_measure_described);
  ADD ("/report/empty/content", test_empty_content);
  ADD ("/report/caseload/period-counts", test_caseload_period);
  ADD ("/report/caseload/long-name", test_caseload_long_name);
  ADD ("/report/charts/ticks-norm-points", test_charts);
  ADD ("/report/text/bidi-base-direction", test_bidi_base_direction);
  ADD ("/report/discharge/summary", test_discharge_summary);
  ADD ("/report/progress/goals-and-next-steps", test_patient_goals_and_next_steps);
  ADD ("/report/discharge/refused", test_discharge_refused);
  ADD ("/report/summary/period-units", test_summary_period_units);
  ADD ("/report/sentences/no-pain-at-ends", test_no_pain_at_ends);
  ADD ("/report/sentences/only-after-treatment", test_only_after_treatment);
  ADD ("/report/wording/many-areas", test_many_areas);
  ADD ("/report/caseload/no-pain-at-first", test_caseload_no_pain_at_first);
  ADD ("/report/progress/same-day-visits", test_same_day_visits);
  ADD ("/report/summary/minutes-unknown", test_summary_minutes_unknown);
  ADD ("/report/text/name-trimmed", test_name_trimmed);

#undef ADD
  return g_test_run ();
}
