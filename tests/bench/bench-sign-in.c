/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sign-in.c: a window on a clinic server, timed. (1) Process start to
 * the first frame of the sign-in page, beside a bare AdwApplicationWindow in
 * the same run (children spawned alternately, as bench-startup does; the
 * bare child is bench-startup-bare). The page needs no connection, so any
 * postgresql:// address serves. (2) With a server (--server URI, or
 * GLIDE_TEST_PG_URI under tests/pg/with-pg-cluster): Sign In pressed to the
 * first frame of the patient list, on a clinic of --patients N (default
 * 20,000) made in the server's empty database first.
 *
 *   xvfb-run -a -s "-screen 0 1920x1200x24" tests/pg/with-pg-cluster \
 *     _build/tests/bench/bench-sign-in [--runs N] [--patients N | --import FILE]
 *       [--renderer cairo|gl]
 *
 * Both windows draw with the same renderer (default Cairo).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "glide-application.h"
#include "glide-bench.h"
#include "glide-interchange.h"
#include "glide-sign-in-page.h"
#include "glide-store.h"
#include "glide-window.h"

typedef struct
{
  GApplication *app;
  gint64        spawned;
  gboolean      seen;
} Child;

static void
on_after_paint (GdkFrameClock *clock,
                Child         *child)
{
  if (child->seen)
    return;
  child->seen = TRUE;
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - child->spawned);
  g_application_quit (child->app);
}

static void
on_realized (GtkWidget *window,
             Child     *child)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_after_paint), child);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realized), child);
}

/* The Glide child: glide -d URI, on its sign-in page. */
static int
run_child (const char *spawned,
           const char *uri)
{
  g_autoptr(GlideApplication) app = NULL;
  char *args[] = { (char *) "glide", (char *) "--database", (char *) uri, NULL };
  Child child = { 0 };

  child.spawned = g_ascii_strtoll (spawned, NULL, 10);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* As Glide's main () does: GL left unloaded where it is pointless. */
  glide_application_prepare_environment ();
  app = glide_application_new ();
  child.app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &child);
  return g_application_run (G_APPLICATION (app), 3, args);
}

static double
spawn_first_frame (char     **argv,
                   char     **envp,
                   guint      clock_index,
                   GError   **error)
{
  g_autofree char *out = NULL;
  g_autofree char *spawned = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  const char *line;
  int status;

  argv[clock_index] = spawned;
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return -1;
  argv[clock_index] = NULL;
  line = strstr (out, "first-frame-us ");
  if (line == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first frame", argv[0]);
      return -1;
    }
  return g_ascii_strtod (line + strlen ("first-frame-us "), NULL) / 1000.0;
}

/* ---- sign-in to the patient list, in this process ------------------------------------ */

typedef struct
{
  GlideApplication *app;
  gint64            pressed;
  double            ms;
  guint             rows;
} SignInRun;

static GlideWindow *
find_main_window (GlideApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (GLIDE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
on_list_painted (GdkFrameClock *clock,
                 SignInRun     *run)
{
  GlideWindow *window = find_main_window (run->app);

  if (run->ms >= 0 || window == NULL)
    return;
  run->ms = (g_get_monotonic_time () - run->pressed) / 1000.0;
  run->rows = g_list_model_get_n_items (glide_window_get_patients (window));
}

static void
on_list_realized (GtkWidget *window,
                  SignInRun *run)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_list_painted), run);
}

static void
on_main_window_added (GtkApplication *app,
                      GtkWindow      *window,
                      SignInRun      *run)
{
  if (GLIDE_IS_WINDOW (window))
    g_signal_connect_after (window, "realize", G_CALLBACK (on_list_realized), run);
}

static gboolean
is_sign_in_page (GtkWidget *widget)
{
  return GLIDE_IS_SIGN_IN_PAGE (widget);
}

static GtkWidget *
find_page (GtkWidget *root)
{
  if (is_sign_in_page (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Sign In pressed (the connection on its thread, the role read, the window
 * built, the first page of the list queried) to the list's first frame. */
static double
time_sign_in (GlideApplication *app,
              const char       *uri,
              guint            *rows)
{
  SignInRun run = { app, 0, -1, 0 };
  GtkWindow *window = glide_application_sign_in (app, uri, NULL);
  GlideSignInPage *page = GLIDE_SIGN_IN_PAGE (find_page (GTK_WIDGET (window)));
  gulong handler = g_signal_connect (app, "window-added", G_CALLBACK (on_main_window_added), &run);
  GlideWindow *main_window;

  while (!glide_sign_in_page_get_keyring_checked (page) || !gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);
  run.pressed = g_get_monotonic_time ();
  glide_sign_in_page_sign_in (page);
  while (run.ms < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (app, handler);
  *rows = run.rows;
  main_window = find_main_window (app);
  gtk_window_set_focus (GTK_WINDOW (main_window), NULL);
  gtk_window_destroy (GTK_WINDOW (main_window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return run.ms;
}

static gboolean
fill_clinic (const char  *uri,
             guint        patients,
             GError     **error)
{
  g_autoptr(GlideStore) store = glide_store_open_server (uri, NULL, error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  static const char *const families[] = { "Müller", "García", "Nguyen", "Kowalski", "Rossi", "Okafor",
                                          "Tanaka", "Silva", "Novak", "Haddad", "Papadopoulos", "Smith" };
  static const char *const givens[] = { "Ana", "José", "Yui", "Søren", "Aroha", "Inés", "Zoë", "Kim" };

  if (store == NULL || !glide_store_begin_bulk (store, error))
    return FALSE;
  for (guint i = 0; i < patients; i++)
    {
      g_autofree char *chart = g_strdup_printf ("B-%06u", i + 1);
      g_autoptr(GlidePatient) patient =
        glide_patient_new (chart, families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))],
                           givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))], "1970-01-01");

      if (glide_store_create_patient (store, patient, error) == 0)
        {
          glide_store_rollback (store);
          return FALSE;
        }
    }
  return glide_store_commit (store, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_option = NULL;
  g_autofree char *uri_option = NULL;
  g_autofree char *server = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *renderer = NULL;
  g_auto(GStrv) bare_env = NULL;
  gboolean gl_unloaded;
  g_autofree char *import_file = NULL;
  int runs = 11, patients = 20000, sign_ins = 11;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Children of each kind, the first a warm-up (default 11)", "N" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The owner's URI of an empty database (default: GLIDE_TEST_PG_URI)", "URI" },
    { "patients", 0, 0, G_OPTION_ARG_INT, &patients, "Patients of the clinic signed in to (default 20000)", "N" },
    { "sign-ins", 0, 0, G_OPTION_ARG_INT, &sign_ins, "Sign-ins timed, the first a warm-up (default 11)", "N" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_file,
      "Make the clinic by importing this interchange file (a whole clinic with its sessions, as bench-store --keep leaves) instead of --patients", "FILE" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer,
      "GSK renderer of both children: cairo or gl (default: GSK_RENDERER, else cairo)", "NAME" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_option, NULL, NULL },
    { "uri", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &uri_option, NULL, NULL },
    { NULL }
  };
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glide = g_array_new (FALSE, FALSE, sizeof (double));
  double bare_median, glide_median;

  context = g_option_context_new ("- time to the sign-in page, and from Sign In to the patient list");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (child_option != NULL)
    return run_child (child_option, uri_option);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("No display: run under xvfb-run -a -s \"-screen 0 1920x1200x24\"\n");
      return 2;
    }
  if (server == NULL && g_getenv ("GLIDE_TEST_PG_URI") != NULL)
    server = g_strdup (g_getenv ("GLIDE_TEST_PG_URI"));

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", GLIDE_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  /* Both windows on one renderer (Glide picks Cairo on a software GL where
   * GTK 4.8 keeps GL): else the figure compares renderers, not windows. */
  if (renderer == NULL)
    renderer = g_strdup (g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "cairo");
  g_setenv ("GSK_RENDERER", renderer, TRUE);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  /* Like for like: the bare window leaves GL unloaded where Glide does
   * (glide_application_gl_is_pointless ()), else both load it. */
  bare_env = g_get_environ ();
  gl_unloaded = glide_application_gl_is_pointless ((const char * const *) bare_env, "/dev");
  if (gl_unloaded)
    bare_env = glide_application_leave_gl_unloaded (g_steal_pointer (&bare_env));

  g_print ("First frame: process start to the first frame, %d children of each kind alternately, "
           "the first pair a warm-up, both with GSK_RENDERER=%s, both %s\n", runs, renderer,
           gl_unloaded ? "leaving GL unloaded" : "loading GL");
  for (int i = 0; i < runs; i++)
    {
      char *bare_argv[] = { (char *) GLIDE_BENCH_BARE_PATH, NULL, NULL };
      char *glide_argv[] = { self_path, (char *) "--uri", (char *) "postgresql://clinic-db:5432/clinic",
                             (char *) "--child", NULL, NULL };
      double b = spawn_first_frame (bare_argv, bare_env, 1, &error);
      double g = b >= 0 ? spawn_first_frame (glide_argv, NULL, 4, &error) : -1;

      if (b < 0 || g < 0)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (i > 0)
        {
          g_array_append_val (bare, b);
          g_array_append_val (glide, g);
        }
    }
  glide_bench_report ("bare AdwApplicationWindow", bare, "ms", NAN);
  glide_bench_report ("Glide, glide -d URI: the sign-in page", glide, "ms", NAN);
  glide_bench_sort (bare);
  glide_bench_sort (glide);
  bare_median = glide_bench_percentile (bare, 0.5);
  glide_median = glide_bench_percentile (glide, 0.5);
  g_print ("%-52s %.2fx (%.1f ms / %.1f ms; target <= 1.3x: %s)\n\n",
           "first frame, sign-in page / bare (medians)", glide_median / bare_median, glide_median,
           bare_median, glide_median / bare_median <= 1.3 ? "met" : "MISSED");

  if (server == NULL)
    {
      g_print ("No server (--server URI or GLIDE_TEST_PG_URI): sign-in to the patient list not timed\n");
      return 0;
    }
  {
    g_autoptr(GlideApplication) app = glide_application_new ();
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    gint64 start = g_get_monotonic_time ();
    guint rows = 0;

    adw_init ();
    if (import_file != NULL)
      {
        g_autoptr(GlideStore) store = glide_store_open_server (server, NULL, &error);
        GlideImportSummary summary;

        if (store == NULL ||
            !glide_interchange_import_file (store, import_file, FALSE, &summary, &error))
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        g_print ("Sign-in to the patient list: %u patients with %u sessions imported from %s"
                 " in %.1f s\n", summary.patients, summary.sessions, import_file,
                 (g_get_monotonic_time () - start) / 1e6);
      }
    else if (!fill_clinic (server, (guint) patients, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    else
      g_print ("Sign-in to the patient list: %d patients made on the server in %.1f s\n",
               patients, (g_get_monotonic_time () - start) / 1e6);
    g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
    if (!g_application_register (G_APPLICATION (app), NULL, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    g_application_hold (G_APPLICATION (app));
    for (int i = 0; i < sign_ins; i++)
      {
        double ms = time_sign_in (app, server, &rows);

        if (i > 0)
          g_array_append_val (times, ms);
      }
    g_print ("(each: a new connection and the role, the window built, the first page of %u rows "
             "queried and painted)\n", rows);
    glide_bench_report ("Sign In pressed -> patient list painted", times, "ms", 300);
    g_application_release (G_APPLICATION (app));
  }
  return 0;
}
