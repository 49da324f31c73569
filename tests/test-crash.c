/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: `glide --import` is killed with SIGKILL at random moments,
 * 100 times. After every kill the database passes the full check and holds
 * either all or none of each import, never part of one. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "glide-test-utils.h"

#define N_KILLS 100
#define PATIENTS_PER_IMPORT 40

static char *dir;
static char *db;
static gint64 import_usec;         /* how long one whole import takes here */
static gboolean imported[N_KILLS]; /* whether kill i came after the commit */

/* One document: 40 patients, each with a course of 8 signed sessions. */
static char *
make_document (guint round)
{
  GString *doc = g_string_new ("{\"format\": \"glide-interchange\", \"version\": 1,"
                               " \"therapists\": [{\"id\": \"dw\", \"name\": \"Dana Whitfield\"}],"
                               " \"patients\": [");

  for (guint p = 0; p < PATIENTS_PER_IMPORT; p++)
    {
      g_string_append_printf (doc, "%s{\"chart\": \"K%03u-%02u\", \"family_name\": \"Kill\","
                              " \"given_name\": \"Test\", \"courses\": [{\"diagnosis\": \"Calf pain\","
                              " \"start_date\": \"2026-01-05\", \"sessions\": [",
                              p ? "," : "", round, p);
      for (guint s = 0; s < 8; s++)
        g_string_append_printf (doc, "%s{\"start\": \"2026-01-%02uT09:30\", \"therapist\": \"dw\","
                                " \"signed\": {\"by\": \"dw\", \"at\": \"2026-01-%02uT10:00\"},"
                                " \"treatments\": ["
                                "{\"site\": \"calf\", \"side\": \"left\", \"stroke\": \"sustained\","
                                " \"duration_s\": 60, \"edge\": \"concave\", \"redness\": \"mild\","
                                " \"petechiae\": false},"
                                "{\"site\": \"achilles\", \"side\": \"left\", \"stroke\": \"oscillating\","
                                " \"duration_s\": 45, \"edge\": \"convex\", \"redness\": \"none\","
                                " \"petechiae\": false}],"
                                " \"measures\": [{\"measure\": \"pain\", \"timing\": \"pre\", \"value\": %u},"
                                " {\"measure\": \"ankle-dorsiflexion\", \"side\": \"left\","
                                " \"timing\": \"pre\", \"value\": %u}]}",
                                s ? "," : "", 5 + s * 3, 5 + s * 3, 8 - s % 8, 5 + s);
      g_string_append (doc, "]}]}");
    }
  g_string_append (doc, "]}");
  return g_string_free (doc, FALSE);
}

static GPid
start_import (guint round)
{
  g_autofree char *name = g_strdup_printf ("round-%03u.json", round);
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autofree char *doc = make_document (round);
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", db, "--import", file, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_file_set_contents (file, doc, -1, NULL));
  g_spawn_async (dir, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static guint
count_round (GlideStore *store,
             guint       round)
{
  g_autofree char *prefix = g_strdup_printf ("K%03u-", round);
  g_autoptr(GPtrArray) patients = glide_store_list_patients (store, NULL);
  guint n = 0;

  for (guint i = 0; i < patients->len; i++)
    if (g_str_has_prefix (((GlidePatient *) patients->pdata[i])->chart, prefix))
      n++;
  return n;
}

static void
assert_database_sound (guint rounds_done)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (db, &error);
  g_autoptr(GPtrArray) items = NULL;

  g_assert_no_error (error);
  items = glide_store_check (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = items->pdata[i];

      if (!item->ok)
        g_error ("after kill %u: %s: %s", rounds_done, item->name, item->message);
    }

  /* All or none of every import so far, and what was committed stays. */
  for (guint round = 0; round < rounds_done; round++)
    {
      guint n = count_round (store, round);

      g_assert_true (n == 0 || n == PATIENTS_PER_IMPORT);
      g_assert_cmpint (n == PATIENTS_PER_IMPORT, ==, imported[round]);
    }
}

/* Whether all of @round's patients are readable: its import has committed. */
static gboolean
round_committed (guint round)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM patients WHERE chart LIKE 'K%03u-%%'",
                                          round);
  g_autofree char *count = glide_test_sql_text (db, sql);

  return g_ascii_strtoull (count, NULL, 10) == PATIENTS_PER_IMPORT;
}

/* A kill meant to come after the commit waits for it, however slow the
 * machine is today; the deadline only stops an import that never commits. */
static void
wait_for_commit (guint round)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!round_committed (round))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("import %u did not commit within 120 s", round);
      g_usleep (G_USEC_PER_SEC / 200);
    }
}

static void
run_import_to_end (guint round)
{
  GPid pid = start_import (round);
  int status;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

/* Timed on a database that exists: the first import also makes the schema
 * (every migration), which the killed imports never do, and would stretch
 * the calibration until most kills came after the commit. */
static void
test_full_import_time (void)
{
  gint64 start;

  run_import_to_end (N_KILLS);       /* rounds of their own, never killed */
  start = g_get_monotonic_time ();
  run_import_to_end (N_KILLS + 1);
  import_usec = g_get_monotonic_time () - start;
  g_test_message ("one import of %u patients takes %.0f ms", PATIENTS_PER_IMPORT,
                  import_usec / 1000.0);
}

static void
test_kill (gconstpointer data)
{
  guint round = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (round * 7919 + 11);
  /* Mostly inside the import; now and then after it has finished. */
  gint64 delay = g_rand_int_range (rand, import_usec / 20, import_usec * 13 / 10 + 1);
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid = start_import (round);
  int status;

  if (delay < import_usec)
    g_usleep (delay);
  else
    wait_for_commit (round);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  store = glide_store_open (db, &error);
  g_assert_no_error (error);
  imported[round] = count_round (store, round) == PATIENTS_PER_IMPORT;
  g_clear_object (&store);
  if (delay < import_usec)
    g_test_message ("kill %u after %.1f ms: %s", round, delay / 1000.0,
                    imported[round] ? "import complete" : "nothing imported");
  else
    g_test_message ("kill %u after the commit: %s", round,
                    imported[round] ? "import complete" : "nothing imported");

  assert_database_sound (round + 1);
}

/* The kills must have landed both inside imports and after them. */
static void
test_kills_hit_both_sides (void)
{
  guint complete = 0;

  for (guint i = 0; i < N_KILLS; i++)
    complete += imported[i];
  g_test_message ("%u of %u killed imports had committed, %u had not", complete, N_KILLS,
                  N_KILLS - complete);
  g_assert_cmpuint (complete, >=, 1);
  g_assert_cmpuint (N_KILLS - complete, >=, 20);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = glide_test_make_tmpdir ();
  db = g_build_filename (dir, "crash.db", NULL);

  g_test_add_func ("/crash/calibrate/full-import-time", test_full_import_time);
  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/crash/kill/%03u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_kill);
    }
  g_test_add_func ("/crash/verdict/kills-hit-both-sides", test_kills_hit_both_sides);

  status = g_test_run ();
  glide_test_remove_tree (dir);
  return status;
}
