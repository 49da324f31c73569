/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store.c: builds a ten-year clinic (20,000 patients, 200,000 sessions,
 * 800,000 treatments, 800,000 measures) through the store API and prints
 * medians and 99th percentiles of what a therapist waits for: patient search,
 * loading a 40-visit course, saving a 4-area session durably; then full
 * export and import throughput and the database size.
 *
 *   bench-store [--patients N] [--dir DIR] [--keep]
 */

#include "config.h"

#include "glide-bench.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "glide-date.h"
#include "glide-interchange.h"
#include "glide-store.h"
#include "glide-test-utils.h"

#define SAMPLES 300

static const char *const family_names[] = {
  "Müller", "Smith", "García", "Papadopoulos", "Nguyen", "Kowalski", "O'Connor", "Rossi",
  "Jensen", "Okafor", "Haddad", "Tanaka", "Silva", "Novak", "Lefèvre", "Schmidt", "Brown",
  "Martínez", "Yilmaz", "Andersson", "Kim", "Wang", "Li", "Ivanova", "Dubois", "Moreau",
  "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Jones", "Taylor", "Wilson", "Davies",
  "Evans", "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White",
  "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke",
  "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson",
  "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "James", "Anderson",
  "Phillips", "Lee", "Bell", "Parker", "Davis", "Fernández", "López", "González", "Rodríguez",
  "Sánchez", "Pérez", "Gómez", "Díaz", "Álvarez", "Romero", "Navarro", "Torres", "Ramos",
  "Gil", "Serrano", "Blanco", "Molina", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias",
  "Nuñez", "Medina", "Garrido", "Santos", "Castillo", "Cortés", "Lozano", "Guerrero", "Cano",
  "Prieto", "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez", "Herrera",
  "Peña", "Flores", "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Diez", "Caballero",
  "Reyes", "Nieto", "Aguilar", "Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo",
  "Giménez", "Ibáñez", "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Vargas",
  "Arias", "Carmona", "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler",
  "Parra", "Esteban", "Bravo", "Gallardo", "Rojas", "Παπαδάκης", "Γεωργίου", "王", "李", "张",
  "刘", "陈", "حداد", "الحسيني", "منصور", "Nakamura", "Suzuki", "Takahashi", "Watanabe",
  "Ito", "Yamamoto", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi",
  "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda",
  "Hashimoto", "Ishikawa", "Ogawa", "Goto", "Okada", "Hasegawa", "Murakami", "Kondo",
};

static const char *const given_names[] = {
  "José", "Anna", "Mohammed", "Wei", "Sofía", "Liam", "Olivia", "Noah", "Emma", "Ava",
  "Lucas", "Mia", "Ethan", "Amelia", "Mateo", "Isla", "Leo", "Zoë", "Inés", "François",
  "Siobhán", "Łukasz", "Ngozi", "Aroha", "Yui", "Søren", "Γιώργος", "Ελένη", "芳", "伟",
  "ليلى", "أحمد", "Hana", "Kenji", "Priya", "Arjun", "Fatima", "Omar", "Chloe", "Jack",
};

typedef struct
{
  GlideStore *store;
  GRand      *rand;
  gint64      therapists[6];
  gint64      tools[4];
  GArray     *forty_visit_courses;  /* gint64 */
  GPtrArray  *used_names;           /* family names given to patients */
  guint       sessions;
  guint       treatments;
  guint       measures;
} Bench;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static GlideSession *
new_session (Bench      *b,
             gint64      course,
             const char *start,
             guint       n_areas,
             double      pain)
{
  static const GlideSite sites[] = {
    GLIDE_SITE_CALF, GLIDE_SITE_ACHILLES, GLIDE_SITE_PLANTAR_FASCIA, GLIDE_SITE_HAMSTRINGS,
    GLIDE_SITE_QUADRICEPS, GLIDE_SITE_IT_BAND, GLIDE_SITE_UPPER_TRAPEZIUS,
    GLIDE_SITE_FOREARM_EXTENSORS,
  };
  guint therapist = g_rand_int_range (b->rand, 0, G_N_ELEMENTS (b->therapists));
  GlideSession *s = glide_session_new (course, start, b->therapists[therapist]);
  guint first = g_rand_int_range (b->rand, 0, G_N_ELEMENTS (sites));
  GlideSide side = g_rand_boolean (b->rand) ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT;

  for (guint a = 0; a < n_areas; a++)
    {
      g_ptr_array_add (s->treatments,
                       glide_bench_random_treatment (b->rand, sites[(first + a) % G_N_ELEMENTS (sites)],
                                                     side, b->tools, G_N_ELEMENTS (b->tools)));
    }
  g_ptr_array_add (s->measurements, glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                           GLIDE_TIMING_PRE, pain));
  g_ptr_array_add (s->measurements, glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                           GLIDE_TIMING_POST, MAX (0, pain - 1)));
  g_ptr_array_add (s->measurements,
                   glide_measurement_new (GLIDE_MEASURE_ANKLE_DORSIFLEXION, side, GLIDE_TIMING_PRE,
                                          g_rand_int_range (b->rand, 0, 25)));
  g_ptr_array_add (s->measurements,
                   glide_measurement_new (GLIDE_MEASURE_ANKLE_DORSIFLEXION, side, GLIDE_TIMING_POST,
                                          g_rand_int_range (b->rand, 0, 25)));
  g_free (s->note);
  s->note = g_strdup ("Tolerated treatment well; home exercises reviewed.");
  return s;
}

/* One patient: one to three courses; every 50th has a 40-visit course. */
static gboolean
generate_patient (Bench    *b,
                  guint     index,
                  GDate    *first_day,
                  guint     sessions_left,
                  GError  **error)
{
  g_autofree char *chart = g_strdup_printf ("C-%06u", index);
  const char *family = family_names[g_rand_int_range (b->rand, 0, G_N_ELEMENTS (family_names))];
  const char *given = given_names[g_rand_int_range (b->rand, 0, G_N_ELEMENTS (given_names))];
  g_autoptr(GlidePatient) patient = glide_patient_new (chart, family, given, "1970-06-15");
  guint visits_total = index % 50 == 0 ? 40 : MIN (sessions_left, 10);
  guint n_courses = visits_total >= 40 ? 1 : 1 + index % 2;
  guint day = g_rand_int_range (b->rand, 0, 3300);

  if (!glide_store_create_patient (b->store, patient, error))
    return FALSE;
  if (index < 2000)
    g_ptr_array_add (b->used_names, (gpointer) family);

  for (guint c = 0; c < n_courses; c++)
    {
      g_autoptr(GlideCourse) course = glide_course_new ("Calf pain");
      guint visits = visits_total / n_courses;
      GDate start = *first_day;

      g_date_add_days (&start, day);
      course->patient_id = patient->id;
      course->start_date = glide_date_format (&start);
      if (!glide_store_create_course (b->store, course, error))
        return FALSE;

      for (guint v = 0; v < visits; v++)
        {
          GDate date = start;
          g_autofree char *iso = NULL;
          g_autofree char *when = NULL;
          g_autofree char *signed_at = NULL;
          g_autoptr(GlideSession) s = NULL;

          g_date_add_days (&date, v * 3);
          iso = glide_date_format (&date);
          when = g_strdup_printf ("%sT%02u:30", iso, 8 + v % 9);
          signed_at = g_strdup_printf ("%sT%02u:59", iso, 8 + v % 9);
          s = new_session (b, course->id, when, 4, MAX (0, 8 - v * 0.5));
          if (!glide_store_save_draft_session (b->store, s, error) ||
              !glide_store_sign_session (b->store, s->id, s->therapist_id, signed_at, error))
            return FALSE;
          b->sessions++;
          b->treatments += s->treatments->len;
          b->measures += s->measurements->len;
        }
      if (visits == 40)
        g_array_append_val (b->forty_visit_courses, course->id);
      day += visits * 3 + 60;
    }
  return TRUE;
}

static gboolean
generate (Bench    *b,
          guint     n_patients,
          guint     n_sessions,
          GError  **error)
{
  GDate first_day;

  g_date_clear (&first_day, 1);
  g_date_set_dmy (&first_day, 1, 11, 2016);

  for (guint i = 0; i < G_N_ELEMENTS (b->therapists); i++)
    {
      g_autofree char *code = g_strdup_printf ("t%u", i);
      g_autofree char *name = g_strdup_printf ("Therapist %u", i + 1);
      g_autoptr(GlideTherapist) t = glide_therapist_new (code, name, "PT");

      if (!(b->therapists[i] = glide_store_create_therapist (b->store, t, error)))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (b->tools); i++)
    {
      g_autofree char *code = g_strdup_printf ("tool%u", i);
      g_autoptr(GlideInstrument) tool = glide_instrument_new (code, "Blade",
                                                              GLIDE_MATERIAL_STAINLESS_STEEL);

      if (!(b->tools[i] = glide_store_create_instrument (b->store, tool, error)))
        return FALSE;
    }

  /* Committed in slices, as ten years of work would have been. */
  for (guint i = 0; i < n_patients; i++)
    {
      guint left = n_sessions > b->sessions ? n_sessions - b->sessions : 0;
      guint patients_left = n_patients - i;
      guint share = MAX (1, left / patients_left);

      if (i % 500 == 0 && !glide_store_begin (b->store, error))
        return FALSE;
      if (!generate_patient (b, i, &first_day, MIN (share, 10), error))
        return FALSE;
      if ((i % 500 == 499 || i == n_patients - 1) && !glide_store_commit (b->store, error))
        return FALSE;
    }
  return TRUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- Glide store benchmark");
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *copy_db = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int patients = 20000;
  int sessions = 200000;
  gboolean keep = FALSE;
  char *dir_option = NULL;
  GOptionEntry entries[] = {
    { "patients", 0, 0, G_OPTION_ARG_INT, &patients, "Patients to generate (20000)", "N" },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &sessions, "Sessions to generate (200000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, "Work in DIR (default: a new temporary folder)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated files", NULL },
    { NULL }
  };
  Bench b = { 0 };
  double start, elapsed;
  guint n_exported = 0;
  GlideImportSummary summary;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = dir_option ? dir_option : glide_test_make_tmpdir ();
  g_mkdir_with_parents (dir, 0700);
  db = g_build_filename (dir, "bench.db", NULL);
  copy_db = g_build_filename (dir, "imported.db", NULL);
  json = g_build_filename (dir, "clinic.json", NULL);
  g_remove (db);
  g_remove (copy_db);

  b.store = glide_store_open (db, &error);
  g_assert_no_error (error);
  b.rand = g_rand_new_with_seed (42);
  b.forty_visit_courses = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.used_names = g_ptr_array_new ();

  g_print ("Glide store benchmark, %s\n", db);
  start = now_ms ();
  if (!generate (&b, patients, sessions, &error))
    g_error ("generation failed: %s", error->message);
  elapsed = now_ms () - start;
  g_print ("%-44s %7.1f s   (%d patients, %u sessions, %u treatments, %u measures; "
           "target < 120 s: %s)\n", "generate the clinic through the store API",
           elapsed / 1000, patients, b.sessions, b.treatments, b.measures,
           elapsed < 120000 ? "met" : "MISSED");

  /* Search by three-letter prefixes of family names patients have. */
  for (guint i = 0; i < SAMPLES; i++)
    {
      const char *name = g_ptr_array_index (b.used_names,
                                            g_rand_int_range (b.rand, 0, b.used_names->len));
      g_autofree char *prefix = g_utf8_substring (name, 0, 3);
      g_autoptr(GPtrArray) hits = NULL;

      start = now_ms ();
      hits = glide_store_search_patients (b.store, prefix, 50, &error);
      elapsed = now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, >, 0);
      g_array_append_val (times, elapsed);
    }
  glide_bench_report ("patient search, 3-letter prefix (50 rows)", times, "ms", 5);

  /* Load a 40-visit course: the course, its sessions with every row, trends. */
  g_array_set_size (times, 0);
  for (guint i = 0; i < SAMPLES; i++)
    {
      gint64 course_id = g_array_index (b.forty_visit_courses, gint64,
                                        i % b.forty_visit_courses->len);
      g_autoptr(GlideCourse) course = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GPtrArray) series = NULL;

      start = now_ms ();
      course = glide_store_get_course (b.store, course_id, &error);
      list = glide_store_list_sessions (b.store, course_id, &error);
      series = glide_store_get_course_series (b.store, course_id, &error);
      elapsed = now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, 40);
      g_array_append_val (times, elapsed);
    }
  glide_bench_report ("load a 40-session course (sessions + trends)", times, "ms", 10);

  /* Save a new 4-area session, durably (synchronous=FULL, one fsync). */
  g_array_set_size (times, 0);
  for (guint i = 0; i < SAMPLES; i++)
    {
      gint64 course_id = g_array_index (b.forty_visit_courses, gint64,
                                        i % b.forty_visit_courses->len);
      /* A time of its own for every sample: a small clinic has few 40-visit
       * courses, and the export's import refuses a visit recorded twice. */
      g_autofree char *when = g_strdup_printf ("2026-11-%02uT%02u:%02u", 1 + i % 28,
                                               8 + i / 28, i % 60);
      g_autoptr(GlideSession) s = new_session (&b, course_id, when, 4, 5);

      start = now_ms ();
      glide_store_save_draft_session (b.store, s, &error);
      elapsed = now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (times, elapsed);
    }
  glide_bench_report ("save a 4-area session durably", times, "ms", 15);

  start = now_ms ();
  if (!glide_interchange_export_file (b.store, json, NULL, &n_exported, &error))
    g_error ("export failed: %s", error->message);
  elapsed = now_ms () - start;
  g_print ("%-44s %7.1f s   (%.0f sessions/s, %.1f MB of JSON)\n", "export the whole clinic to JSON",
           elapsed / 1000, b.sessions / (elapsed / 1000), file_size (json) / 1e6);
  g_clear_object (&b.store);

  {
    g_autoptr(GlideStore) copy = glide_store_open (copy_db, &error);

    g_assert_no_error (error);
    start = now_ms ();
    if (!glide_interchange_import_file (copy, json, FALSE, &summary, &error))
      g_error ("import failed: %s", error->message);
    elapsed = now_ms () - start;
    g_print ("%-44s %7.1f s   (%.0f sessions/s, %u sessions)\n", "import it into an empty database",
             elapsed / 1000, summary.sessions / (elapsed / 1000), summary.sessions);
  }

  g_assert_cmpint (glide_test_sql_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, 0);
  g_print ("%-44s %7.1f MB  (%.2f KB per session, audit log included)\n", "database size",
           file_size (db) / 1e6, file_size (db) / 1024.0 / MAX (1, b.sessions));
  g_print ("%-44s %7.0f MB\n", "peak memory (resident)", peak_rss_mb ());

  g_rand_free (b.rand);
  g_array_unref (b.forty_visit_courses);
  g_ptr_array_unref (b.used_names);
  if (!keep && dir_option == NULL)
    glide_test_remove_tree (dir);
  return 0;
}
