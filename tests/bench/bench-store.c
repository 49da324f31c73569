/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store.c: builds a ten-year clinic (20,000 patients, 200,000 sessions,
 * 800,000 treatments, 800,000 measures) through the store API and prints
 * medians and 99th percentiles of what a therapist waits for: patient search,
 * loading a 40-visit course, saving a 4-area session durably; then full
 * export and import throughput and the database size.
 *
 *   bench-store [--patients N] [--sessions N] [--slice N] [--dir DIR] [--keep]
 *               [--pg [--pg-profile] | --server URI [--import-server URI]] [--by-import]
 *
 * With --pg (a throwaway cluster of tests/pg/glide-pg-cluster, stopped and
 * removed at the end) or --server (the owner's URI of an empty database), the
 * same clinic is built on PostgreSQL too, from the same random numbers, and
 * every figure is printed for both back-ends side by side: each latency
 * sample runs the same query on both, in alternating order, so the machine's
 * noise falls on both alike. The import figure imports SQLite's export into a
 * second empty server database (--pg makes it; --import-server names one).
 * --pg-profile then logs every statement the server runs for one of each
 * operation (log_min_duration_statement = 0 for the bench's login only) and
 * prints round trips and server time per statement. The cluster is removed
 * at the end even with --keep (which keeps the SQLite files and the JSON).
 * --by-import builds the server's clinic by importing SQLite's export into
 * it (that is then the import figure) instead of through the store API a
 * second time: at 20,000 patients the store API on a server takes an hour.
 */

#include "config.h"

#include "glide-bench.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

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
  guint       slice;                /* patients per transaction while generating */
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

      if (i % b->slice == 0 && !glide_store_begin (b->store, error))
        return FALSE;
      if (!generate_patient (b, i, &first_day, MIN (share, 10), error))
        return FALSE;
      if ((i % b->slice == b->slice - 1 || i == n_patients - 1) &&
          !glide_store_commit (b->store, error))
        return FALSE;
    }
  return TRUE;
}

/* --by-import: @pb's store holds @b's clinic as imported. Its therapists,
 * tools and 40-visit courses are looked up by code, chart and start date,
 * and its random numbers continue from @b's, so the samples that follow
 * are the same on both back-ends. */
static gboolean
follow_imported (Bench   *pb,
                 Bench   *b,
                 GError **error)
{
  /* Codes as generate() gives them. */
  for (guint i = 0; i < G_N_ELEMENTS (b->therapists); i++)
    {
      g_autofree char *code = g_strdup_printf ("t%u", i);
      g_autoptr(GlideTherapist) same = glide_store_find_therapist (pb->store, code, error);

      if (same == NULL)
        return FALSE;
      pb->therapists[i] = same->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (b->tools); i++)
    {
      g_autofree char *code = g_strdup_printf ("tool%u", i);
      g_autoptr(GlideInstrument) same = glide_store_find_instrument (pb->store, code, error);

      if (same == NULL)
        return FALSE;
      pb->tools[i] = same->id;
    }
  for (guint i = 0; i < b->forty_visit_courses->len; i++)
    {
      gint64 id = g_array_index (b->forty_visit_courses, gint64, i);
      g_autoptr(GlideCourse) course = glide_store_get_course (b->store, id, error);
      g_autoptr(GlidePatient) patient = course ? glide_store_get_patient (b->store,
                                                                          course->patient_id,
                                                                          error) : NULL;
      g_autoptr(GlidePatient) same = patient ? glide_store_find_patient (pb->store, patient->chart,
                                                                         error) : NULL;
      g_autoptr(GPtrArray) courses = same ? glide_store_list_courses (pb->store, same->id, error)
                                          : NULL;
      guint found = 0;

      if (courses == NULL)
        return FALSE;
      for (guint c = 0; c < courses->len; c++)
        {
          GlideCourse *other = g_ptr_array_index (courses, c);

          if (g_strcmp0 (other->start_date, course->start_date) == 0)
            {
              g_array_append_val (pb->forty_visit_courses, other->id);
              found++;
            }
        }
      if (found != 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "the imported clinic has %u courses of %s from %s", found,
                       patient->chart, course->start_date);
          return FALSE;
        }
    }
  pb->used_names = g_ptr_array_copy (b->used_names, NULL, NULL);
  pb->rand = g_rand_copy (b->rand);
  pb->sessions = b->sessions;
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

/* ---- the clinic server (--pg, --server) ------------------------------------ */

/* The cluster --pg started: stopped and its folder removed at the end, and
 * also on a failed assertion or a signal, so no server outlives the run
 * (fork and execv are all a signal handler may call). */
static char *cluster_stop_argv[4];

static void
stop_cluster (void)
{
  pid_t pid;

  if (cluster_stop_argv[0] == NULL)
    return;
  pid = fork ();
  if (pid == 0)
    {
      execv (cluster_stop_argv[0], cluster_stop_argv);
      _exit (127);
    }
  if (pid > 0)
    waitpid (pid, NULL, 0);
  cluster_stop_argv[0] = NULL;
}

static void
on_fatal_signal (int sig)
{
  stop_cluster ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  g_printerr ("\n");
  stop_cluster ();
  exit (1);
}

typedef struct
{
  char   *cluster_dir;  /* --pg: the throwaway cluster's folder */
  char   *uri;          /* the owner of the empty database the clinic is built in */
  char   *import_uri;   /* the owner of a second empty database for the import, or NULL */
  PGconn *admin;        /* --pg: the superuser, in database postgres */
  PGconn *owner;        /* the owner, in the clinic's database: settings and sizes */
} Server;

/* glide-pg-cluster @command [@dir]: its one line of output. */
static char *
run_cluster_script (const char *command,
                    const char *dir)
{
  const char *argv[] = { GLIDE_PG_CLUSTER_PATH, command, dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    fail ("glide-pg-cluster %s: %s", command, error->message);
  return g_strstrip (g_steal_pointer (&out));
}

static PGconn *
connect_or_fail (const char *const *keywords,
                 const char *const *values)
{
  PGconn *conn = PQconnectdbParams (keywords, values, TRUE);

  if (PQstatus (conn) != CONNECTION_OK)
    fail ("cannot connect to the clinic server: %s", PQerrorMessage (conn));
  return conn;
}

/* The first value @sql returns (NULL for none or NULL); @param is $1 when given. */
static char *
query_value (PGconn     *conn,
             const char *sql,
             const char *param)
{
  const char *values[] = { param };
  PGresult *result = param ? PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0)
                           : PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *message = g_strdup (PQresultErrorMessage (result));

      PQclear (result);
      fail ("%s: %s", sql, message);
    }
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static void
exec_or_fail (PGconn     *conn,
              const char *sql)
{
  g_free (query_value (conn, sql, NULL));
}

/* What kind of file system @path is on: fsync is only durable on a disk. */
static const char *
file_system_of (const char *path)
{
  struct statfs fs;

  if (statfs (path, &fs) != 0)
    return "unknown file system";
  switch ((unsigned long) fs.f_type)
    {
    case 0xEF53: return "ext4 (a disk)";
    case 0x58465342: return "XFS (a disk)";
    case 0x9123683E: return "Btrfs (a disk)";
    case 0x794C7630: return "overlayfs";
    case 0x01021994: return "tmpfs: fsync does nothing here, saves are NOT durable";
    default: return "a file system of another type";
    }
}

/* --pg: a throwaway cluster in a new folder (glide-pg-cluster mktemp: under
 * $TMPDIR or /tmp), with a second empty database for the import. */
static void
start_cluster (Server *server)
{
  g_autofree char *socket_dir = NULL;
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[] = { NULL, "postgres", "postgres", NULL };
  const char *query;

  server->cluster_dir = run_cluster_script ("mktemp", NULL);
  cluster_stop_argv[0] = (char *) GLIDE_PG_CLUSTER_PATH;
  cluster_stop_argv[1] = (char *) "stop";
  cluster_stop_argv[2] = server->cluster_dir;
  signal (SIGABRT, on_fatal_signal);
  signal (SIGINT, on_fatal_signal);
  signal (SIGTERM, on_fatal_signal);
  signal (SIGSEGV, on_fatal_signal);
  /* Debian's postgresql.conf has 128MB; the tests' clusters 32MB, as many
   * run at once. A clinic at 20,000 patients does not fit in 32MB. */
  g_setenv ("GLIDE_PG_SHARED_BUFFERS", "128MB", FALSE);
  server->uri = run_cluster_script ("start", server->cluster_dir);

  socket_dir = g_build_filename (server->cluster_dir, "socket", NULL);
  values[0] = socket_dir;
  server->admin = connect_or_fail (keywords, values);
  exec_or_fail (server->admin, "CREATE DATABASE glide_import OWNER glide_owner");
  query = strchr (server->uri, '?');
  g_assert (query != NULL && g_str_has_prefix (server->uri, "postgresql:///glide?"));
  server->import_uri = g_strconcat ("postgresql:///glide_import", query, NULL);
}

static void
describe_server (Server *server)
{
  const char *keywords[] = { "dbname", NULL };
  const char *values[] = { server->uri, NULL };
  static const char *const settings[] = {
    "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes", "shared_buffers",
  };
  g_autofree char *version = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean durable = TRUE;

  server->owner = connect_or_fail (keywords, values);
  version = query_value (server->owner, "SHOW server_version", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *sql = g_strconcat ("SHOW ", settings[i], NULL);
      g_autofree char *value = query_value (server->owner, sql, NULL);

      g_string_append_printf (line, "%s%s=%s", i ? ", " : "", settings[i], value);
      if (i < 2 && g_strcmp0 (value, "on") != 0)
        durable = FALSE;
    }
  g_print ("PostgreSQL %s: %s (%s)\n", version, line->str,
           durable ? "durable commits" : "commits NOT durable: fsync or synchronous_commit is off");
  if (server->cluster_dir != NULL)
    g_print ("throwaway cluster in %s, on %s\n", server->cluster_dir,
             file_system_of (server->cluster_dir));
}

static void
stop_server (Server *server)
{
  g_clear_pointer (&server->owner, PQfinish);
  g_clear_pointer (&server->admin, PQfinish);
  stop_cluster ();
  g_clear_pointer (&server->cluster_dir, g_free);
  g_clear_pointer (&server->uri, g_free);
  g_clear_pointer (&server->import_uri, g_free);
}

/* The size of database @name on the server, in bytes. */
static guint64
server_database_size (Server     *server,
                      const char *name)
{
  g_autofree char *value = query_value (server->owner, "SELECT pg_database_size ($1)", name);

  return g_ascii_strtoull (value, NULL, 10);
}

/* ---- the samples, the same on both back-ends ------------------------------- */

/* One search for @prefix; the number of rows found in @n_hits. */
static double
sample_search (Bench      *b,
               const char *prefix,
               guint      *n_hits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  double start = now_ms (), elapsed;

  hits = glide_store_search_patients (b->store, prefix, 50, &error);
  elapsed = now_ms () - start;
  if (hits == NULL)
    fail ("search on %s: %s", glide_store_get_backend_name (b->store), error->message);
  g_assert_cmpuint (hits->len, >, 0);
  *n_hits = hits->len;
  return elapsed;
}

/* The @i-th course load: the course, its sessions with every row, trends;
 * @n_sessions: how many sessions the course must have, 0 for any. */
static double
sample_course (Bench *b,
               guint  i,
               guint  n_sessions)
{
  gint64 course_id = g_array_index (b->forty_visit_courses, gint64,
                                    i % b->forty_visit_courses->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideCourse) course = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) series = NULL;
  double start = now_ms (), elapsed;

  course = glide_store_get_course (b->store, course_id, &error);
  if (course != NULL)
    list = glide_store_list_sessions (b->store, course_id, &error);
  if (list != NULL)
    series = glide_store_get_course_series (b->store, course_id, &error);
  elapsed = now_ms () - start;
  if (series == NULL)
    fail ("course load on %s: %s", glide_store_get_backend_name (b->store), error->message);
  if (n_sessions > 0)
    g_assert_cmpuint (list->len, ==, n_sessions);
  return elapsed;
}

/* The @i-th durable save of a new 4-area session, dated in @year. */
static double
sample_save (Bench *b,
             guint  i,
             guint  year)
{
  gint64 course_id = g_array_index (b->forty_visit_courses, gint64,
                                    i % b->forty_visit_courses->len);
  /* A time of its own for every sample: a small clinic has few 40-visit
   * courses, and the export's import refuses a visit recorded twice. */
  g_autofree char *when = g_strdup_printf ("%u-11-%02uT%02u:%02u", year, 1 + i % 28,
                                           8 + i / 28, i % 60);
  g_autoptr(GlideSession) s = new_session (b, course_id, when, 4, 5);
  g_autoptr(GError) error = NULL;
  double start = now_ms (), elapsed;
  gboolean ok;

  ok = glide_store_save_draft_session (b->store, s, &error);
  elapsed = now_ms () - start;
  if (!ok)
    fail ("save on %s: %s", glide_store_get_backend_name (b->store), error->message);
  return elapsed;
}

/* Prints one latency figure for both back-ends side by side. */
static void
report_pair (const char *what,
             GArray     *sqlite,
             GArray     *pg,
             double      target)
{
  double s50, s99, p50, p99;

  glide_bench_sort (sqlite);
  glide_bench_sort (pg);
  s50 = glide_bench_percentile (sqlite, 0.5);
  s99 = glide_bench_percentile (sqlite, 0.99);
  p50 = glide_bench_percentile (pg, 0.5);
  p99 = glide_bench_percentile (pg, 0.99);
  g_print ("%-44s SQLite %7.3f / %7.3f ms   PostgreSQL %7.3f / %7.3f ms   "
           "(median / p99, n=%u; target <= %g ms median: SQLite %s, PostgreSQL %s)\n",
           what, s50, s99, p50, p99, pg->len, target,
           s50 <= target ? "met" : "MISSED", p50 <= target ? "met" : "MISSED");
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  g_autoptr(GMappedFile) x = g_mapped_file_new (a, FALSE, NULL);
  g_autoptr(GMappedFile) y = g_mapped_file_new (b, FALSE, NULL);

  return x != NULL && y != NULL &&
         g_mapped_file_get_length (x) == g_mapped_file_get_length (y) &&
         memcmp (g_mapped_file_get_contents (x), g_mapped_file_get_contents (y),
                 g_mapped_file_get_length (x)) == 0;
}

/* ---- profiling (--pg-profile) ---------------------------------------------- */

typedef struct
{
  char  *sql;         /* the statement's first line, shortened */
  guint  executions;  /* each one a round trip */
  double ms;          /* server time: parse, bind and execute */
} ProfileEntry;

static void
profile_entry_free (ProfileEntry *entry)
{
  g_free (entry->sql);
  g_free (entry);
}

static int
compare_entries_by_time (gconstpointer a,
                         gconstpointer b)
{
  const ProfileEntry *x = *(ProfileEntry *const *) a, *y = *(ProfileEntry *const *) b;

  return x->ms < y->ms ? 1 : x->ms > y->ms ? -1 : 0;
}

/* Reads the server's log from @offset: the "duration:" lines of the
 * bench's login (the only one logging), grouped by statement, for @n_ops
 * runs of @what that took @wall_ms in all. */
static void
print_profile (const char *what,
               const char *log_path,
               goffset     offset,
               guint       n_ops,
               double      wall_ms)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) by_sql = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) profile_entry_free);
  gsize length;
  guint round_trips = 0, statements = 0;
  double server_ms = 0;

  if (!g_file_get_contents (log_path, &text, &length, NULL) || (gsize) offset > length)
    fail ("cannot read the server log %s", log_path);
  lines = g_strsplit (text + offset, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = strstr (lines[i], "LOG:  duration: ");
      const char *kind, *sql;
      g_autofree char *key = NULL;
      ProfileEntry *entry;
      double ms;
      gboolean execution;

      if (p == NULL)
        continue;
      ms = g_ascii_strtod (p + strlen ("LOG:  duration: "), NULL);
      kind = strstr (p, " ms  ");
      if (kind == NULL)
        continue;
      kind += strlen (" ms  ");
      sql = strstr (kind, ": ");
      if (sql == NULL)
        continue;
      sql += 2;
      /* PQexecParams: parse, bind and execute lines, one round trip;
       * PQexec: one "statement" line. A read inside a transaction goes
       * in one pipeline with its SAVEPOINT and RELEASE: one round trip. */
      execution = g_str_has_prefix (kind, "execute") || g_str_has_prefix (kind, "statement");
      if (execution && !g_str_has_prefix (sql, "SAVEPOINT glide_read") &&
          !g_str_has_prefix (sql, "RELEASE SAVEPOINT glide_read"))
        round_trips++;
      key = g_utf8_substring (sql, 0, MIN (g_utf8_strlen (sql, -1), 110));
      entry = g_hash_table_lookup (by_sql, key);
      if (entry == NULL)
        {
          entry = g_new0 (ProfileEntry, 1);
          entry->sql = g_steal_pointer (&key);
          g_hash_table_insert (by_sql, entry->sql, entry);
          g_ptr_array_add (entries, entry);
        }
      entry->ms += ms;
      server_ms += ms;
      if (execution)
        {
          entry->executions++;
          statements++;
        }
    }
  g_ptr_array_sort (entries, compare_entries_by_time);
  g_print ("\nprofile: %s, %u runs: %.1f statements in %.1f round trips and %.3f ms of server "
           "time per run, of %.3f ms wall time\n", what, n_ops, (double) statements / n_ops,
           (double) round_trips / n_ops, server_ms / n_ops, wall_ms / n_ops);
  g_print ("  %8s %9s  %s\n", "per run", "ms/run", "statement (server time: parse + bind + execute)");
  for (guint i = 0; i < MIN (entries->len, 16); i++)
    {
      ProfileEntry *e = entries->pdata[i];

      g_print ("  %8.2f %9.4f  %s\n", (double) e->executions / n_ops, e->ms / n_ops, e->sql);
    }
  if (entries->len > 16)
    g_print ("  ... %u more statements\n", entries->len - 16);
}

static goffset
log_size (const char *log_path)
{
  GStatBuf st;

  return g_stat (log_path, &st) == 0 ? st.st_size : 0;
}

typedef enum {
  PROFILE_SEARCH,
  PROFILE_COURSE,
  PROFILE_SAVE,
} ProfileOperation;

/* Runs @n_ops of @operation twice on a new connection whose statements the
 * server logs (log_min_duration_statement = 0 for the bench's login while it
 * connects: a session reads the setting at its start); the first pass warms
 * the store's statement cache, the second is read back from the log. */
static void
profile_operation (Server           *server,
                   Bench            *b,
                   ProfileOperation  operation,
                   const char       *what,
                   guint             n_ops)
{
  g_autofree char *log_path = g_build_filename (server->cluster_dir, "log", NULL);
  g_autoptr(GError) error = NULL;
  GlideStore *shared = b->store;
  goffset offset;
  double start, wall;
  guint n_hits;

  exec_or_fail (server->admin, "ALTER ROLE glide_owner SET log_min_duration_statement = 0");
  b->store = glide_store_open (server->uri, &error);
  if (b->store == NULL)
    fail ("profiling connection: %s", error->message);
  exec_or_fail (server->admin, "ALTER ROLE glide_owner RESET log_min_duration_statement");
  for (guint pass = 0; pass < 2; pass++)
    {
      offset = log_size (log_path);
      start = now_ms ();
      for (guint i = 0; i < n_ops; i++)
        {
          const char *name = g_ptr_array_index (b->used_names, i % b->used_names->len);
          g_autofree char *prefix = g_utf8_substring (name, 0, 3);

          switch (operation)
            {
            case PROFILE_SEARCH: sample_search (b, prefix, &n_hits); break;
            case PROFILE_COURSE: sample_course (b, i, 0); break;
            case PROFILE_SAVE: sample_save (b, i + pass * n_ops, 2025); break;
            default: g_assert_not_reached ();
            }
        }
      wall = now_ms () - start;
    }
  print_profile (what, log_path, offset, n_ops, wall);
  g_clear_object (&b->store);
  b->store = shared;
}

/* The import of one chart (a 40-visit course) into a database of its own. */
static void
profile_import (Server     *server,
                const char *chart_json)
{
  g_autofree char *log_path = g_build_filename (server->cluster_dir, "log", NULL);
  g_autofree char *uri = g_strconcat ("postgresql:///glide_profile", strchr (server->uri, '?'), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  GlideImportSummary summary;
  goffset offset;
  double start;

  exec_or_fail (server->admin, "CREATE DATABASE glide_profile OWNER glide_owner");
  exec_or_fail (server->admin, "ALTER ROLE glide_owner SET log_min_duration_statement = 0");
  store = glide_store_open (uri, &error);
  if (store == NULL)
    fail ("profiling connection: %s", error->message);
  exec_or_fail (server->admin, "ALTER ROLE glide_owner RESET log_min_duration_statement");
  offset = log_size (log_path);
  start = now_ms ();
  if (!glide_interchange_import_file (store, chart_json, FALSE, &summary, &error))
    fail ("import of one chart: %s", error->message);
  print_profile ("import of one patient's 40-session course (per session)", log_path,
                 offset, summary.sessions, now_ms () - start);
}

/* Imports @json into @store, timed, and prints the rate under @what (with
 * the target when @judged). */
static void
timed_import (GlideStore         *store,
              const char         *json,
              const char         *what,
              gboolean            judged,
              GlideImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms (), elapsed, rate;

  if (!glide_interchange_import_file (store, json, FALSE, summary, &error))
    fail ("%s failed: %s", what, error->message);
  elapsed = now_ms () - start;
  rate = summary->sessions / (elapsed / 1000);
  if (judged)
    g_print ("%-44s %7.1f s   (%.0f sessions/s, %u sessions; target >= 1000 sessions/s: %s)\n",
             what, elapsed / 1000, rate, summary->sessions, rate >= 1000 ? "met" : "MISSED");
  else
    g_print ("%-44s %7.1f s   (%.0f sessions/s, %u sessions)\n", what, elapsed / 1000, rate,
             summary->sessions);
}

/* Runs @sample SAMPLES times on @b, and as often on @pb on a server, the two
 * in turns, then prints the figure (side by side on a server). */
static void
sample_both (Bench       *b,
             Bench       *pb,
             gboolean     on_server,
             double     (*sample) (Bench *, guint, guint),
             guint        arg,
             const char  *what,
             double       target)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pg_times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < SAMPLES; i++)
    {
      double t;

      if (on_server && i % 2 == 1)
        {
          t = sample (pb, i, arg);
          g_array_append_val (pg_times, t);
        }
      t = sample (b, i, arg);
      g_array_append_val (times, t);
      if (on_server && i % 2 == 0)
        {
          t = sample (pb, i, arg);
          g_array_append_val (pg_times, t);
        }
    }
  if (on_server)
    report_pair (what, times, pg_times, target);
  else
    glide_bench_report (what, times, "ms", target);
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
  g_autofree char *pg_json = NULL;
  g_autofree char *chart_json = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pg_times = g_array_new (FALSE, FALSE, sizeof (double));
  int patients = 20000;
  int sessions = 200000;
  int slice = 500;
  gboolean keep = FALSE;
  gboolean pg = FALSE;
  gboolean pg_profile = FALSE;
  gboolean by_import = FALSE;
  char *dir_option = NULL;
  char *server_option = NULL;
  char *import_server_option = NULL;
  GOptionEntry entries[] = {
    { "patients", 0, 0, G_OPTION_ARG_INT, &patients, "Patients to generate (20000)", "N" },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &sessions, "Sessions to generate (200000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, "Work in DIR (default: a new temporary folder)", "DIR" },
    { "slice", 0, 0, G_OPTION_ARG_INT, &slice, "Patients per transaction while generating (500)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated files", NULL },
    { "pg", 0, 0, G_OPTION_ARG_NONE, &pg, "Build the clinic on a throwaway PostgreSQL cluster too, figures side by side", NULL },
    { "pg-profile", 0, 0, G_OPTION_ARG_NONE, &pg_profile, "With --pg: then log and count the server's statements per operation", NULL },
    { "by-import", 0, 0, G_OPTION_ARG_NONE, &by_import, "Build the server's clinic by importing SQLite's export (the import figure) instead of through the store API", NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_option, "Build the clinic on the server too: the owner's URI of an empty database", "URI" },
    { "import-server", 0, 0, G_OPTION_ARG_STRING, &import_server_option, "With --server: a second empty database for the import", "URI" },
    { NULL }
  };
  Bench b = { 0 };
  Bench pb = { 0 };
  Server server = { 0 };
  gboolean on_server;
  double start, elapsed;
  guint n_exported = 0;
  guint search_mismatches = 0;
  GlideImportSummary summary;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (pg && server_option != NULL)
    g_error ("--pg starts a cluster of its own; --server uses one: give one of them");
  if (pg_profile && !pg)
    g_error ("--pg-profile needs --pg (it reads the cluster's log)");
  if (import_server_option != NULL && server_option == NULL)
    g_error ("--import-server goes with --server");
  if (by_import && !pg && server_option == NULL)
    g_error ("--by-import needs --pg or --server");
  on_server = pg || server_option != NULL;

  dir = dir_option ? dir_option : glide_test_make_tmpdir ();
  g_mkdir_with_parents (dir, 0700);
  db = g_build_filename (dir, "bench.db", NULL);
  copy_db = g_build_filename (dir, "imported.db", NULL);
  json = g_build_filename (dir, "clinic.json", NULL);
  pg_json = g_build_filename (dir, "clinic-pg.json", NULL);
  chart_json = g_build_filename (dir, "chart.json", NULL);
  g_remove (db);
  g_remove (copy_db);

  b.store = glide_store_open (db, &error);
  g_assert_no_error (error);
  b.rand = g_rand_new_with_seed (42);
  b.slice = MAX (slice, 1);
  b.forty_visit_courses = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.used_names = g_ptr_array_new ();

  g_print ("Glide store benchmark, %s\n", db);
  if (on_server)
    {
      if (pg)
        start_cluster (&server);
      else
        {
          server.uri = g_strdup (server_option);
          server.import_uri = g_strdup (import_server_option);
        }
      describe_server (&server);
      pb.store = glide_store_open (server.uri, &error);
      if (pb.store == NULL)
        fail ("%s", error->message);
      if (!glide_store_is_empty (pb.store, &error))
        fail ("the server's database must be empty%s%s", error ? ": " : "",
              error ? error->message : "");
      pb.slice = b.slice;
      pb.forty_visit_courses = g_array_new (FALSE, FALSE, sizeof (gint64));
      /* The same seed: both back-ends get the same clinic and the same
       * samples (--by-import: the same state, after generation). */
      if (!by_import)
        {
          pb.rand = g_rand_new_with_seed (42);
          pb.used_names = g_ptr_array_new ();
        }
    }

  start = now_ms ();
  if (!generate (&b, patients, sessions, &error))
    fail ("generation failed: %s", error->message);
  elapsed = now_ms () - start;
  g_print ("%-44s %7.1f s   (%d patients, %u sessions, %u treatments, %u measures; "
           "target < 120 s: %s)\n", "generate the clinic through the store API",
           elapsed / 1000, patients, b.sessions, b.treatments, b.measures,
           elapsed < 120000 ? "met" : "MISSED");
  if (on_server && by_import)
    {
      g_autofree char *first_json = g_build_filename (dir, "clinic-first.json", NULL);

      if (!glide_interchange_export_file (b.store, first_json, NULL, &n_exported, &error))
        fail ("export failed: %s", error->message);
      timed_import (pb.store, first_json, "import it into an empty PostgreSQL database", TRUE,
                    &summary);
      g_assert_cmpuint (summary.sessions, ==, b.sessions);
      if (!follow_imported (&pb, &b, &error))
        fail ("the imported clinic: %s", error->message);
      if (!keep)
        g_remove (first_json);
    }
  else if (on_server)
    {
      start = now_ms ();
      if (!generate (&pb, patients, sessions, &error))
        fail ("generation on the server failed: %s", error->message);
      elapsed = now_ms () - start;
      g_assert_cmpuint (pb.sessions, ==, b.sessions);
      g_assert_cmpuint (pb.forty_visit_courses->len, ==, b.forty_visit_courses->len);
      g_print ("%-44s %7.1f s   (%.0f sessions/s)\n", "the same on PostgreSQL",
               elapsed / 1000, pb.sessions / (elapsed / 1000));
    }

  /* Search by three-letter prefixes of family names patients have. On a
   * server the same prefix goes to both, in turns. */
  for (guint i = 0; i < SAMPLES; i++)
    {
      const char *name = g_ptr_array_index (b.used_names,
                                            g_rand_int_range (b.rand, 0, b.used_names->len));
      g_autofree char *prefix = g_utf8_substring (name, 0, 3);
      guint n_hits = 0, pg_hits = 0;
      double t;

      if (on_server)
        {
          const char *pg_name = g_ptr_array_index (pb.used_names,
                                                   g_rand_int_range (pb.rand, 0, pb.used_names->len));

          g_assert_cmpstr (pg_name, ==, name);
          if (i % 2 == 1)
            {
              t = sample_search (&pb, prefix, &pg_hits);
              g_array_append_val (pg_times, t);
            }
          t = sample_search (&b, prefix, &n_hits);
          g_array_append_val (times, t);
          if (i % 2 == 0)
            {
              t = sample_search (&pb, prefix, &pg_hits);
              g_array_append_val (pg_times, t);
            }
          search_mismatches += n_hits != pg_hits;
        }
      else
        {
          t = sample_search (&b, prefix, &n_hits);
          g_array_append_val (times, t);
        }
    }
  if (on_server)
    {
      report_pair ("patient search, 3-letter prefix (50 rows)", times, pg_times, 5);
      if (search_mismatches > 0)
        g_print ("  (%u searches found a different number of patients on each back-end)\n",
                 search_mismatches);
    }
  else
    glide_bench_report ("patient search, 3-letter prefix (50 rows)", times, "ms", 5);

  /* Load a 40-visit course: the course, its sessions with every row, trends. */
  sample_both (&b, &pb, on_server, sample_course, 40,
               "load a 40-session course (sessions + trends)", 10);

  /* Save a new 4-area session, durably (SQLite: synchronous=FULL, one fsync;
   * PostgreSQL: fsync and synchronous_commit on, a WAL flush at COMMIT). */
  sample_both (&b, &pb, on_server, sample_save, 2026, "save a 4-area session durably", 15);

  start = now_ms ();
  if (!glide_interchange_export_file (b.store, json, NULL, &n_exported, &error))
    fail ("export failed: %s", error->message);
  elapsed = now_ms () - start;
  g_print ("%-44s %7.1f s   (%.0f sessions/s, %.1f MB of JSON)\n", "export the whole clinic to JSON",
           elapsed / 1000, b.sessions / (elapsed / 1000), file_size (json) / 1e6);
  if (on_server)
    {
      start = now_ms ();
      if (!glide_interchange_export_file (pb.store, pg_json, NULL, &n_exported, &error))
        fail ("export from the server failed: %s", error->message);
      elapsed = now_ms () - start;
      g_print ("%-44s %7.1f s   (%.0f sessions/s, %.1f MB of JSON, %s SQLite's)\n",
               "the same from PostgreSQL", elapsed / 1000, pb.sessions / (elapsed / 1000),
               file_size (pg_json) / 1e6,
               files_equal (json, pg_json) ? "byte-identical to" : "DIFFERENT from");
      if (pg_profile && !glide_interchange_export_file (b.store, chart_json, "C-000000", NULL,
                                                        &error))
        fail ("export of one chart failed: %s", error->message);
    }
  g_clear_object (&b.store);

  {
    g_autoptr(GlideStore) copy = glide_store_open (copy_db, &error);

    g_assert_no_error (error);
    timed_import (copy, json, "import it into an empty database", on_server, &summary);
  }
  if (on_server && server.import_uri != NULL)
    {
      g_autoptr(GlideStore) copy = glide_store_open (server.import_uri, &error);

      if (copy == NULL)
        fail ("%s", error->message);
      timed_import (copy, json, "the same into an empty PostgreSQL database", TRUE, &summary);
    }
  else if (on_server && !by_import)
    g_print ("%-44s (not measured: give --import-server URI)\n",
             "the same into an empty PostgreSQL database");

  g_assert_cmpint (glide_test_sql_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), ==, 0);
  g_print ("%-44s %7.1f MB  (%.2f KB per session, audit log included)\n", "database size",
           file_size (db) / 1e6, file_size (db) / 1024.0 / MAX (1, b.sessions));
  if (on_server)
    {
      guint64 size = server_database_size (&server, PQdb (server.owner));

      g_print ("%-44s %7.1f MB  (%.2f KB per session, audit log and indexes included)\n",
               "the same on PostgreSQL (pg_database_size)", size / 1e6,
               size / 1024.0 / MAX (1, pb.sessions));
    }

  if (pg_profile)
    {
      profile_operation (&server, &pb, PROFILE_SEARCH, "patient search", 20);
      profile_operation (&server, &pb, PROFILE_COURSE, "load a 40-session course", 20);
      profile_operation (&server, &pb, PROFILE_SAVE, "save a 4-area session durably", 20);
      profile_import (&server, chart_json);
    }
  g_print ("%-44s %7.0f MB\n", "peak memory (resident)", peak_rss_mb ());

  if (on_server)
    {
      g_clear_object (&pb.store);
      g_rand_free (pb.rand);
      g_array_unref (pb.forty_visit_courses);
      g_ptr_array_unref (pb.used_names);
      stop_server (&server);
    }
  g_rand_free (b.rand);
  g_array_unref (b.forty_visit_courses);
  g_ptr_array_unref (b.used_names);
  g_free (server_option);
  g_free (import_server_option);
  if (!keep && dir_option == NULL)
    glide_test_remove_tree (dir);
  return 0;
}
