/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: how long Glide's main window takes from process start to
 * its first frame, compared in the same run with a bare AdwApplicationWindow;
 * how soon the patient list follows a keystroke in the search; and the peak
 * memory of both.
 *
 *   xvfb-run -a -s "-screen 0 1920x1200x24" bench-startup --db DIR/bench.db
 *
 * The parent spawns children alternately, bare then Glide, and passes each
 * the monotonic clock (system-wide) read just before the spawn, so a child's
 * figure includes exec and dynamic linking. The Glide child runs the real
 * GlideApplication with --database; the bare child is bench-startup-bare,
 * this file built with GLIDE_BENCH_BARE against GTK and libadwaita only, so
 * it links what an empty libadwaita application links. Both children print
 * "key value" lines on stdout for the parent, among them the CPU time they
 * used to their first frame (all threads, and the main thread), which the
 * load of a shared machine moves far less than the wall clock. The
 * searching children then type search_sequences and, round after round, the
 * search shapes issue 15 holds to a frame (search_shapes), and the parent
 * prints each shape's keystroke-to-frame median and p90 beside its store
 * query alone. Both draw with the same GSK
 * renderer (--renderer, default Cairo: Glide itself picks Cairo on a
 * software GL, where GTK 4.8 would keep GL for the bare window). A third
 * child, the bare window with GDK_DEBUG=gl-disable, is the like-for-like
 * yardstick where Glide left GL unloaded (glide_application_gl_is_pointless):
 * GTK 4.8 otherwise loads GL when it opens the display, whatever the
 * renderer; each child reports whether it did. */

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef GLIDE_BENCH_BARE
#include <epoxy/gl.h>

#include "glide-application.h"
#include "glide-bench.h"
#include "glide-store.h"
#include "glide-window.h"
#endif

#define WINDOW_WIDTH 1240     /* Glide's default size (window-width/-height) */
#define WINDOW_HEIGHT 760
#define PAINT_TIMEOUT_MS 2000 /* a keystroke whose frame never comes */

typedef struct
{
  GApplication *app;
  GtkWindow    *window;
  gint64        spawned;      /* the parent's clock just before the spawn */
  gboolean      first_frame_seen;
  gint64        frame_started_at;  /* phases of the first frame, since the spawn */
  gint64        frame_laid_out_at;

  /* the search phase (Glide only) */
  guint         keystroke_ms;
  guint         shape_rounds; /* times each of search_shapes is typed after them */
  guint         sequence;     /* index into search_sequences, then the shapes' rounds */
  guint         typed;        /* characters of it typed so far; 0: clear first */
  gint64        set_at;       /* text set, waiting for the frame */
  gint64        updated_at;
  gint64        begun_at;     /* phases of the frame that shows it */
  gint64        laid_out_at;
  gint64        rendered_at;
  const char   *kind;
  int           shape;        /* this keystroke completes search_shapes[shape]; -1 */
  guint         timeout_id;
} Child;

static gint64
read_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* How long this thread was ready to run but waited for a CPU (the
 * scheduler's run delay, /proc/thread-self/schedstat), µs; -1 where the
 * kernel does not say. */
static gint64
read_run_delay_us (void)
{
  g_autofree char *schedstat = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &schedstat, NULL, NULL))
    return -1;
  fields = g_strsplit (g_strstrip (schedstat), " ", -1);
  if (g_strv_length (fields) < 2)
    return -1;
  return g_ascii_strtoll (fields[1], NULL, 10) / 1000;
}

/* CPU time of @clock (the process, all its threads; or this thread), µs. */
static gint64
read_cpu_us (clockid_t clock)
{
  struct timespec ts;

  if (clock_gettime (clock, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Since the parent's spawn, in microseconds. */
static gint64
since_spawn (Child *child)
{
  return g_get_monotonic_time () - child->spawned;
}

#ifndef GLIDE_BENCH_BARE
/* What a therapist types to find a patient: family names (with and without
 * accents), given names, two words, chart numbers, Greek, Chinese, Arabic.
 * Each is typed one character at a time after clearing the entry. */
static const char *const search_sequences[] = {
  "mül", "sch", "C-0012", "wang", "garcía", "o'co", "papad", "nguy", "kowal", "rossi",
  "jens", "okaf", "hadd", "tanak", "silva", "nov", "lefe", "smith j", "martínez a", "yilm",
  "ander", "kim", "王 芳", "Γεω", "حداد", "ivan", "dubo", "fisch", "patel", "josé",
};

/* The shapes issue 15 holds to 16 ms from keystroke to painted frame (p90):
 * one letter, a chart prefix, chart digits, an accented name, no match, two
 * common words. After the sequences above each is typed again a character
 * at a time after clearing the entry, round after round; the keystroke
 * that completes it is the one reported for the shape. */
static const char *const search_shapes[] = { "m", "C-00", "0012", "müller", "zzzq", "m j" };
#define N_SHAPES G_N_ELEMENTS (search_shapes)

static void type_next (Child *child);

static gboolean
on_keystroke_due (gpointer user_data)
{
  Child *child = user_data;

  child->timeout_id = 0;
  type_next (child);
  return G_SOURCE_REMOVE;
}

/* The text typed at @sequence: one of search_sequences, then the shapes. */
static const char *
get_sequence (Child *child,
              guint  sequence,
              int   *shape)
{
  guint n = G_N_ELEMENTS (search_sequences);

  *shape = -1;
  if (sequence < n)
    return search_sequences[sequence];
  if (sequence - n >= child->shape_rounds * N_SHAPES)
    return NULL;
  *shape = (sequence - n) % N_SHAPES;
  return search_shapes[*shape];
}

static gboolean
on_paint_timed_out (gpointer user_data)
{
  Child *child = user_data;

  g_print ("keystroke %s %" G_GINT64_FORMAT " -1 %u -1 -1 %d -1\n", child->kind,
           child->updated_at - child->set_at,
           g_list_model_get_n_items (glide_window_get_patients (GLIDE_WINDOW (child->window))),
           child->shape);
  child->set_at = 0;
  child->timeout_id = g_timeout_add (child->keystroke_ms, on_keystroke_due, child);
  return G_SOURCE_REMOVE;
}

/* Sets the search text as a keystroke does (the list model and its rows
 * follow synchronously), then waits for the frame that shows it. */
static void
type_next (Child *child)
{
  const char *sequence;
  g_autofree char *text = NULL;
  int shape;

  sequence = get_sequence (child, child->sequence, &shape);
  if (sequence == NULL)
    {
      g_print ("peak-rss-end-kib %" G_GINT64_FORMAT "\n", read_peak_rss_kib ());
      g_application_quit (child->app);
      return;
    }
  /* The entry starts empty: clearing it then is not a keystroke. */
  if (child->typed == 0 && child->sequence == 0)
    child->typed = 1;
  if (child->typed == 0)
    {
      text = g_strdup ("");
      child->kind = "clear";
    }
  else
    {
      text = g_utf8_substring (sequence, 0, child->typed);
      child->kind = child->typed == 1 ? "first" : "more";
    }

  child->shape = -1;
  if (child->typed == (guint) g_utf8_strlen (sequence, -1))
    {
      child->shape = shape;
      child->sequence++;
      child->typed = 0;
    }
  else
    child->typed++;

  child->begun_at = child->laid_out_at = child->rendered_at = 0;
  child->set_at = g_get_monotonic_time ();
  glide_window_search (GLIDE_WINDOW (child->window), text);
  child->updated_at = g_get_monotonic_time ();
  child->timeout_id = g_timeout_add (PAINT_TIMEOUT_MS, on_paint_timed_out, child);
}
#endif

/* Whether GTK loaded GL in this process (GLVND's libGLX or libEGL, which
 * bring Mesa's driver): a GTK 4.8 display loads it when it opens, to pick
 * the X visual, unless GDK_DEBUG has gl-disable. */
static gboolean
gl_is_loaded (void)
{
  g_autofree char *maps = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return FALSE;
  return strstr (maps, "/libGLX.so") != NULL || strstr (maps, "/libEGL.so") != NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                Child         *child)
{
#ifndef GLIDE_BENCH_BARE
  gint64 painted_at;
#endif

  if (!child->first_frame_seen)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (child->window));

      child->first_frame_seen = TRUE;
      g_print ("first-frame-us %" G_GINT64_FORMAT "\n", since_spawn (child));
      /* What load on the machine hardly moves: the CPU the child used. */
      g_print ("cpu-us %" G_GINT64_FORMAT "\n", read_cpu_us (CLOCK_PROCESS_CPUTIME_ID));
      g_print ("main-thread-cpu-us %" G_GINT64_FORMAT "\n", read_cpu_us (CLOCK_THREAD_CPUTIME_ID));
      g_print ("main-thread-run-delay-us %" G_GINT64_FORMAT "\n", read_run_delay_us ());
      g_print ("peak-rss-first-frame-kib %" G_GINT64_FORMAT "\n", read_peak_rss_kib ());
      g_print ("renderer %s\n", renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
      g_print ("display %s\n", G_OBJECT_TYPE_NAME (gtk_widget_get_display (GTK_WIDGET (child->window))));
      g_print ("gl-loaded %d\n", gl_is_loaded ());
#ifndef GLIDE_BENCH_BARE
      g_print ("rows %u\n", g_list_model_get_n_items (glide_window_get_patients (GLIDE_WINDOW (child->window))));
      if (child->keystroke_ms > 0)
        {
          child->timeout_id = g_timeout_add (child->keystroke_ms, on_keystroke_due, child);
          return;
        }
#endif
      g_print ("peak-rss-end-kib %" G_GINT64_FORMAT "\n", read_peak_rss_kib ());
      g_application_quit (child->app);
      return;
    }

#ifndef GLIDE_BENCH_BARE
  if (child->set_at == 0)
    return;
  painted_at = g_get_monotonic_time ();
  g_clear_handle_id (&child->timeout_id, g_source_remove);
  g_print ("keystroke %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT
           " %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT "\n", child->kind,
           child->updated_at - child->set_at, painted_at - child->set_at,
           g_list_model_get_n_items (glide_window_get_patients (GLIDE_WINDOW (child->window))),
           child->laid_out_at - child->set_at, child->rendered_at - child->set_at, child->shape,
           MAX (child->begun_at, child->updated_at) - child->set_at);
  child->set_at = 0;
  /* The next key comes as a fast typist's would, not in the same frame. */
  child->timeout_id = g_timeout_add (child->keystroke_ms, on_keystroke_due, child);
#endif
}

#ifndef GLIDE_BENCH_BARE
/* The phases of the frame after a keystroke: GTK's own layout handlers run
 * before these "after" ones, so the first marks the rows styled, measured
 * and allocated, the second the window snapshot and rendered. */
static void
on_frame_begun (GdkFrameClock *clock,
                Child         *child)
{
  if (child->set_at != 0 && child->begun_at == 0)
    child->begun_at = g_get_monotonic_time ();
}

static void
on_layout_done (GdkFrameClock *clock,
                Child         *child)
{
  if (child->set_at != 0 && child->laid_out_at == 0)
    child->laid_out_at = g_get_monotonic_time ();
}

static void
on_paint_done (GdkFrameClock *clock,
               Child         *child)
{
  if (child->set_at == 0 || child->rendered_at != 0)
    return;
  /* Rows whose text changed but not their size need no layout phase. */
  if (child->laid_out_at == 0)
    child->laid_out_at = child->updated_at;
  child->rendered_at = g_get_monotonic_time ();
}
#endif

/* The first frame's phases, in both children: its start (before-paint),
 * the end of GTK's layout (styles, measuring, allocation) and the end of
 * its paint (snapshot and rendering). */
static void
on_first_frame_started (GdkFrameClock *clock,
                        Child         *child)
{
  if (!child->first_frame_seen && child->frame_started_at == 0)
    child->frame_started_at = since_spawn (child);
}

static void
on_first_frame_laid_out (GdkFrameClock *clock,
                         Child         *child)
{
  if (!child->first_frame_seen && child->frame_laid_out_at == 0)
    child->frame_laid_out_at = since_spawn (child);
}

static void
on_first_frame_painted (GdkFrameClock *clock,
                        Child         *child)
{
  if (child->first_frame_seen || child->frame_started_at == 0)
    return;
  g_print ("frame-start-us %" G_GINT64_FORMAT "\n", child->frame_started_at);
  g_print ("laid-out-us %" G_GINT64_FORMAT "\n", child->frame_laid_out_at);
  g_print ("painted-us %" G_GINT64_FORMAT "\n", since_spawn (child));
}

static void
on_window_realized (GtkWidget *window,
                    Child     *child)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_print ("realized-us %" G_GINT64_FORMAT "\n", since_spawn (child));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_first_frame_started), child);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_first_frame_laid_out), child);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_first_frame_painted), child);
#ifndef GLIDE_BENCH_BARE
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_begun), child);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done), child);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done), child);
#endif
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), child);
}

static void
watch_window (Child     *child,
              GtkWindow *window)
{
  child->window = window;
  g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realized), child);
}

/* Runs before the class handler, so it marks the start of activate. */
static void
on_activate_started (GApplication *app,
                     Child        *child)
{
  g_print ("activate-us %" G_GINT64_FORMAT "\n", since_spawn (child));
}

static void
child_prologue (Child      *child,
                const char *spawned)
{
  g_print ("main-us %" G_GINT64_FORMAT "\n",
           g_get_monotonic_time () - g_ascii_strtoll (spawned, NULL, 10));
  child->spawned = g_ascii_strtoll (spawned, NULL, 10);

  /* As Glide's main () does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

#ifdef GLIDE_BENCH_BARE

static void
on_bare_activated (GApplication *app,
                   Child        *child)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  watch_window (child, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* bench-startup-bare SPAWNED_US */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  Child child = { 0 };

  if (argc != 2)
    {
      g_printerr ("usage: %s SPAWNED_US (run by bench-startup)\n", argv[0]);
      return 2;
    }
  child_prologue (&child, argv[1]);

  /* Non-unique like Glide started with --database, so both register alike. */
  app = adw_application_new ("io.github.glidept.Glide.BenchBare", G_APPLICATION_NON_UNIQUE);
  child.app = G_APPLICATION (app);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_started), &child);
  g_signal_connect (app, "activate", G_CALLBACK (on_bare_activated), &child);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

#else /* the parent and the Glide child */

/* window-added comes from gtk_window_set_application () inside
 * glide_window_new (): the store is open, the template is built, the patient
 * list not loaded yet. */
static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  if (child->window != NULL)
    return;
  g_print ("window-added-us %" G_GINT64_FORMAT "\n", since_spawn (child));
  watch_window (child, window);
}

static int
run_glide_child (const char *spawned,
                 const char *db_path,
                 guint       keystroke_ms,
                 guint       shape_rounds,
                 const char *last_patient)
{
  g_autoptr(GlideApplication) app = NULL;
  g_autofree char *program = g_strdup ("glide");
  g_autofree char *option = g_strdup ("--database");
  g_autofree char *path = g_strdup (db_path);
  char *args[] = { program, option, path, NULL };
  Child child = { 0 };

  child_prologue (&child, spawned);
  child.keystroke_ms = keystroke_ms;
  child.shape_rounds = shape_rounds;
  /* Settings are in memory, this process's own: as if Glide last closed on
   * this patient. */
  if (last_patient != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "last-patient", last_patient);
    }

  /* As Glide's main () does: GL left unloaded where it is pointless. */
  glide_application_prepare_environment ();
  app = glide_application_new ();
  child.app = G_APPLICATION (app);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_started), &child);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &child);
  return g_application_run (G_APPLICATION (app), 3, args);
}

/* ---- the parent ------------------------------------------------------------- */

/* GL's renderer string on this display, and whether it is a software
 * rasterizer (then "both on GL" compares two windows drawn on the CPU). */
static char *
describe_gl (void)
{
  g_autoptr(GdkGLContext) context = NULL;
  GdkDisplay *display;
  const char *name;
  char *text;

  if (!gtk_init_check () || (display = gdk_display_get_default ()) == NULL)
    return g_strdup ("no display");
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return g_strdup ("none");
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  text = g_strdup_printf ("%s (%s)", name ? name : "?",
                          name != NULL && (strstr (name, "llvmpipe") || strstr (name, "softpipe")) ?
                          "software" : "hardware");
  gdk_gl_context_clear_current ();
  return text;
}

typedef struct
{
  GArray *first_frame;     /* ms */
  GArray *peak_first_frame; /* MiB */
  GArray *peak_end;        /* MiB */
  GArray *main_entry;      /* ms */
  GArray *activate;        /* ms */
  GArray *window_added;    /* ms */
  GArray *realized;        /* ms */
  GArray *frame_start;     /* ms: the first frame's before-paint */
  GArray *laid_out;        /* ms: its layout phase done */
  GArray *painted;         /* ms: its paint phase done */
  GArray *cpu;             /* ms: CPU time of the child (all threads) to the first frame */
  GArray *main_cpu;        /* ms: the same, main thread only */
  GArray *main_run_delay;  /* ms: the main thread ready to run, waiting for a CPU */
  char   *renderer;
  char   *display;
  guint   gl_loaded;       /* children that loaded GL */
} Startup;

#define STARTUP_ARRAYS(s) { &(s)->first_frame, &(s)->peak_first_frame, &(s)->peak_end, \
                            &(s)->main_entry, &(s)->activate, &(s)->window_added, &(s)->realized, \
                            &(s)->frame_start, &(s)->laid_out, &(s)->painted, &(s)->cpu, \
                            &(s)->main_cpu, &(s)->main_run_delay }

/* Keystrokes, in ms, from setting the text: "full" ones leave a full page of rows (the
 * first letter, clearing the entry); the phases are those of the frame that
 * shows the keystroke. */
typedef struct
{
  GArray *updated;
  GArray *painted;
  GArray *full_updated;
  GArray *full_painted;
  GArray *waited;          /* updated -> the frame begun (before-paint) */
  GArray *layout;          /* updated -> styled, measured and allocated */
  GArray *render;          /* allocated -> snapshot and rendered */
  GArray *query;           /* glide_store_search_patients () alone, in the parent */
  GArray *peak;            /* MiB, peak RSS of the searching children at the end */
  guint   unpainted;
  /* per search shape: the keystroke completing it, and its query alone */
  GArray *shape_updated[N_SHAPES];
  GArray *shape_painted[N_SHAPES];
  GArray *shape_query[N_SHAPES];
  guint   shape_rows[N_SHAPES];
} Search;

#define SEARCH_ARRAYS(s) { &(s)->updated, &(s)->painted, &(s)->full_updated, &(s)->full_painted, \
                           &(s)->waited, &(s)->layout, &(s)->render, &(s)->query, \
                           &(s)->peak }

static void
startup_init (Startup *s)
{
  GArray **arrays[] = STARTUP_ARRAYS (s);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    *arrays[i] = g_array_new (FALSE, FALSE, sizeof (double));
  s->renderer = s->display = NULL;
  s->gl_loaded = 0;
}

static void
startup_clear (Startup *s)
{
  GArray **arrays[] = STARTUP_ARRAYS (s);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
  g_clear_pointer (&s->renderer, g_free);
  g_clear_pointer (&s->display, g_free);
}

static void
append (GArray *array,
        double  value)
{
  g_array_append_val (array, value);
}

static void
search_init (Search *s)
{
  GArray **arrays[] = SEARCH_ARRAYS (s);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    *arrays[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < N_SHAPES; i++)
    {
      s->shape_updated[i] = g_array_new (FALSE, FALSE, sizeof (double));
      s->shape_painted[i] = g_array_new (FALSE, FALSE, sizeof (double));
      s->shape_query[i] = g_array_new (FALSE, FALSE, sizeof (double));
      s->shape_rows[i] = 0;
    }
  s->unpainted = 0;
}

static void
search_clear (Search *s)
{
  GArray **arrays[] = SEARCH_ARRAYS (s);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
  for (guint i = 0; i < N_SHAPES; i++)
    {
      g_clear_pointer (&s->shape_updated[i], g_array_unref);
      g_clear_pointer (&s->shape_painted[i], g_array_unref);
      g_clear_pointer (&s->shape_query[i], g_array_unref);
    }
}

/* "keystroke KIND UPDATED PAINTED ROWS LAID_OUT RENDERED SHAPE BEGUN", in
 * µs; SHAPE is the index of the search shape the keystroke completes, or -1. */
static void
search_add (Search     *s,
            const char *line)
{
  g_auto(GStrv) f = g_strsplit (line, " ", -1);
  double v[5];   /* updated, painted, rows, laid out, rendered */
  int shape;

  if (g_strv_length (f) != 9)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    v[i] = g_ascii_strtod (f[i + 2], NULL) / 1000.0;
  shape = (int) g_ascii_strtoll (f[7], NULL, 10);
  if (shape >= 0 && shape < (int) N_SHAPES)
    {
      append (s->shape_updated[shape], v[0]);
      /* never painted within the timeout: counted as the timeout */
      append (s->shape_painted[shape], v[1] < 0 ? PAINT_TIMEOUT_MS : v[1]);
      s->shape_rows[shape] = (guint) g_ascii_strtoll (f[4], NULL, 10);
    }

  append (s->updated, v[0]);
  if (v[1] < 0)
    {
      s->unpainted++;
      return;
    }
  append (s->painted, v[1]);
  if (!g_str_equal (f[1], "more"))
    {
      append (s->full_updated, v[0]);
      append (s->full_painted, v[1]);
    }
  append (s->waited, g_ascii_strtod (f[8], NULL) / 1000.0 - v[0]);
  append (s->layout, v[3] - v[0]);
  append (s->render, v[4] - v[3]);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median of @values, and their range. */
static double
summarize (GArray *values,
           double *min,
           double *max)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  g_assert (n > 0);
  g_array_sort (sorted, compare_double);
  if (min != NULL)
    *min = g_array_index (sorted, double, 0);
  if (max != NULL)
    *max = g_array_index (sorted, double, n - 1);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static void
print_range (const char *what,
             GArray     *values,
             const char *unit)
{
  double min, max, m = summarize (values, &min, &max);

  g_print ("  %-50s median %8.1f %s   min %8.1f   max %8.1f   (n=%u)\n",
           what, m, unit, min, max, values->len);
}

/* Runs one child and files its "key value" lines; keystroke lines go to
 * @search when given. */
static gboolean
run_child (char       **argv,
           char       **envp,
           guint        clock_index,
           double      *first_frame_ms,
           Startup     *into,
           Search      *search,
           GError     **error)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *spawned = NULL;
  int status;
  gint64 t0;
  double first_frame = -1;

  /* argv[clock_index] is the placeholder for the clock, read as late as possible. */
  t0 = g_get_monotonic_time ();
  spawned = g_strdup_printf ("%" G_GINT64_FORMAT, t0);
  argv[clock_index] = spawned;
  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, error))
    return FALSE;
  argv[clock_index] = NULL;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: ", argv[0]);
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 5);
      guint n = g_strv_length (f);
      double v = n >= 2 ? g_ascii_strtod (f[1], NULL) : 0;

      if (n < 2)
        continue;
      if (g_str_equal (f[0], "first-frame-us"))
        first_frame = v / 1000.0;
      else if (g_str_equal (f[0], "main-us"))
        append (into->main_entry, v / 1000.0);
      else if (g_str_equal (f[0], "activate-us"))
        append (into->activate, v / 1000.0);
      else if (g_str_equal (f[0], "window-added-us"))
        append (into->window_added, v / 1000.0);
      else if (g_str_equal (f[0], "realized-us"))
        append (into->realized, v / 1000.0);
      else if (g_str_equal (f[0], "frame-start-us"))
        append (into->frame_start, v / 1000.0);
      else if (g_str_equal (f[0], "laid-out-us"))
        append (into->laid_out, v / 1000.0);
      else if (g_str_equal (f[0], "painted-us"))
        append (into->painted, v / 1000.0);
      else if (g_str_equal (f[0], "cpu-us"))
        append (into->cpu, v / 1000.0);
      else if (g_str_equal (f[0], "main-thread-cpu-us"))
        append (into->main_cpu, v / 1000.0);
      else if (g_str_equal (f[0], "main-thread-run-delay-us") && v >= 0)
        append (into->main_run_delay, v / 1000.0);
      else if (g_str_equal (f[0], "peak-rss-first-frame-kib"))
        append (into->peak_first_frame, v / 1024.0);
      else if (g_str_equal (f[0], "peak-rss-end-kib"))
        {
          append (into->peak_end, v / 1024.0);
          if (search != NULL)
            append (search->peak, v / 1024.0);
        }
      else if (g_str_equal (f[0], "renderer") && into->renderer == NULL)
        into->renderer = g_strdup (f[1]);
      else if (g_str_equal (f[0], "display") && into->display == NULL)
        into->display = g_strdup (f[1]);
      else if (g_str_equal (f[0], "gl-loaded"))
        into->gl_loaded += v != 0;
      else if (g_str_equal (f[0], "keystroke") && search != NULL)
        search_add (search, lines[i]);
    }
  if (first_frame < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first frame", argv[0]);
      return FALSE;
    }
  append (into->first_frame, first_frame);
  *first_frame_ms = first_frame;
  return TRUE;
}

/* Per search shape, the keystroke that completes it: to the list updated
 * and to the frame painted, median and p90, against 16 ms; the store's query
 * alone beside it, against 5 ms. */
static void
print_shapes (Search *s)
{
  gboolean met = TRUE;

  if (s->shape_painted[0]->len == 0)
    return;
  g_print ("\nsearch shapes: the keystroke that completes each, typed a character at a time\n"
           "after clearing the entry (ms; targets: painted p90 <= 16, query p90 <= 5)\n");
  g_print ("  %-8s %5s %4s   %-17s   %-17s   %-17s\n", "shape", "rows", "n",
           "painted med / p90", "updated med / p90", "query med / p90");
  for (guint i = 0; i < N_SHAPES; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", search_shapes[i]);
      double painted_p90, query_p90;

      glide_bench_sort (s->shape_painted[i]);
      glide_bench_sort (s->shape_updated[i]);
      glide_bench_sort (s->shape_query[i]);
      painted_p90 = glide_bench_percentile (s->shape_painted[i], 0.9);
      query_p90 = glide_bench_percentile (s->shape_query[i], 0.9);
      met = met && painted_p90 <= 16 && query_p90 <= 5;
      /* %-*s counts bytes: pad by characters for "müller" */
      g_print ("  %s%*s %5u %4u   %7.2f / %7.2f   %7.2f / %7.2f   %7.2f / %7.2f\n", quoted,
               (int) (8 - g_utf8_strlen (quoted, -1)), "", s->shape_rows[i], s->shape_painted[i]->len,
               glide_bench_percentile (s->shape_painted[i], 0.5), painted_p90,
               glide_bench_percentile (s->shape_updated[i], 0.5),
               glide_bench_percentile (s->shape_updated[i], 0.9),
               glide_bench_percentile (s->shape_query[i], 0.5), query_p90);
    }
  g_print ("  every shape within its targets: %s\n", met ? "met" : "MISSED");
}

static void
print_startup (const char *name,
               Startup    *s)
{
  g_print ("%s\n", name);
  print_range ("process start -> main ()", s->main_entry, "ms");
  print_range ("process start -> activate", s->activate, "ms");
  if (s->window_added->len > 0)
    print_range ("process start -> window constructed (store open)", s->window_added, "ms");
  print_range ("process start -> window realized", s->realized, "ms");
  if (s->frame_start->len > 0)
    {
      print_range ("process start -> first frame begun (before-paint)", s->frame_start, "ms");
      print_range ("process start -> its layout done (style, measure, allocate)", s->laid_out, "ms");
      print_range ("process start -> its paint done (snapshot, render)", s->painted, "ms");
    }
  print_range ("process start -> first frame painted", s->first_frame, "ms");
  print_range ("CPU time to the first frame, all threads", s->cpu, "ms");
  print_range ("CPU time to the first frame, main thread", s->main_cpu, "ms");
  if (s->main_run_delay->len > 0)
    print_range ("main thread waiting for a CPU to then", s->main_run_delay, "ms");
  print_range ("peak RSS at the first frame", s->peak_first_frame, "MiB");
  print_range ("peak RSS at the end", s->peak_end, "MiB");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_option = NULL;
  g_autofree char *child_option = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *keystroke_arg = NULL;
  g_autofree char *rounds_arg = NULL;
  g_autofree char *last_patient = NULL;
  g_autofree char *renderer_option = NULL;
  g_autofree char *gl_renderer = NULL;
  gboolean reopen = FALSE;
  int runs = 7, search_runs = 2, keystroke_ms = 100, shape_rounds = 10;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_option,
      "The ten-year clinic (bench-store --dir DIR --keep makes DIR/bench.db)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "Children of each kind, the first one a warm-up (default 7)", "N" },
    { "search-runs", 0, 0, G_OPTION_ARG_INT, &search_runs,
      "Glide children, the last ones, that also time the search (default 2: 328 keystrokes)", "N" },
    { "keystroke-ms", 0, 0, G_OPTION_ARG_INT, &keystroke_ms,
      "Pause between a frame and the next keystroke (default 100)", "MS" },
    { "shape-rounds", 0, 0, G_OPTION_ARG_INT, &shape_rounds,
      "Times each searching child types each search shape (default 10)", "N" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer_option,
      "GSK renderer of both children: cairo or gl (default: GSK_RENDERER, else cairo)", "NAME" },
    { "reopen", 0, 0, G_OPTION_ARG_NONE, &reopen,
      "Glide opens on the patient it last showed (the first of the list) instead of the list alone", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child_option, NULL, NULL },
    { "last-patient", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &last_patient, NULL, NULL },
    { NULL }
  };
  g_autoptr(GArray) store_open = g_array_new (FALSE, FALSE, sizeof (double));
  Startup bare, bare_unloaded, glide, warm_up;
  Startup *like;  /* the bare window that did with GL what Glide did */
  g_auto(GStrv) unloaded_env = NULL;
  Search search;
  GStatBuf st;
  double bare_ms, unloaded_ms, glide_ms, ratio, bare_mib, glide_mib;

  /* A Glide child: bench-startup --child SPAWNED_US --db PATH --keystroke-ms MS */
  context = g_option_context_new ("- Glide startup and search benchmark (run under a display)");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_option == NULL || !g_file_test (db_option, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("--db PATH is required: a database made with bench-store --dir DIR --keep\n");
      return 2;
    }
  if (child_option != NULL)
    return run_glide_child (child_option, db_option, keystroke_ms, MAX (shape_rounds, 0),
                            last_patient);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under xvfb-run -a -s \"-screen 0 1920x1200x24\"\n");
      return 2;
    }
  if (runs < 2)
    runs = 2;

  /* What the children get: settings in memory against the schema built in
   * the tree (last-patient empty, so the window opens on the patient list),
   * no accessibility bus, no "who documents here" dialog. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", GLIDE_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  /* Both windows draw with the same renderer, else the figure compares
   * renderers rather than windows (Glide itself picks Cairo on a software
   * GL, GTK 4.8 picks GL). */
  if (renderer_option == NULL)
    renderer_option = g_strdup (g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "cairo");
  g_setenv ("GSK_RENDERER", renderer_option, TRUE);
  gl_renderer = describe_gl ();
  /* The third child: the bare window with GL left unloaded, as Glide leaves
   * it where GL is pointless (glide_application_gl_is_pointless ()). */
  unloaded_env = glide_application_leave_gl_unloaded (g_get_environ ());

  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  keystroke_arg = g_strdup_printf ("%d", MAX (keystroke_ms, 1));
  rounds_arg = g_strdup_printf ("%d", MAX (shape_rounds, 0));

  startup_init (&bare);
  startup_init (&bare_unloaded);
  startup_init (&glide);
  startup_init (&warm_up);
  search_init (&search);

  if (g_stat (db_option, &st) != 0)
    {
      g_printerr ("%s: %s\n", db_option, g_strerror (errno));
      return 1;
    }
  g_print ("Glide startup benchmark, %s (%.1f MB), %d runs of each kind, the first a warm-up\n",
           db_option, st.st_size / 1e6, runs);
  if (reopen)
    {
      g_autoptr(GlideStore) store = glide_store_open (db_option, &error);
      g_autoptr(GPtrArray) first = store ? glide_store_search_patients (store, "", 1, &error) : NULL;

      if (first == NULL || first->len == 0)
        {
          g_printerr ("%s\n", error ? error->message : "no patient to reopen");
          return 1;
        }
      last_patient = g_strdup (((GlidePatientSummary *) first->pdata[0])->patient->chart);
      g_print ("Glide reopens on patient %s, as if it had last closed there\n", last_patient);
    }

  for (int i = 0; i < runs; i++)
    {
      char *bare_argv[] = { (char *) GLIDE_BENCH_BARE_PATH, NULL, NULL };
      char *glide_argv[] = { self_path, (char *) "--child", NULL, (char *) "--db", db_option,
                             (char *) "--keystroke-ms", NULL, (char *) "--shape-rounds", rounds_arg,
                             last_patient ? (char *) "--last-patient" : NULL, last_patient, NULL };
      gboolean measured = i > 0;
      gboolean searching = measured && i >= runs - search_runs;
      double bare_run, unloaded_run, glide_run;

      /* A search takes about a minute and a half; the other children only start. */
      glide_argv[6] = searching ? keystroke_arg : (char *) "0";

      if (!run_child (bare_argv, NULL, 1, &bare_run, measured ? &bare : &warm_up, NULL, &error) ||
          !run_child (bare_argv, unloaded_env, 1, &unloaded_run,
                      measured ? &bare_unloaded : &warm_up, NULL, &error) ||
          !run_child (glide_argv, NULL, 2, &glide_run, measured ? &glide : &warm_up,
                      searching ? &search : NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("run %d of %d%s: first frame, bare %.1f ms, bare without GL %.1f ms, Glide %.1f ms\n",
               i + 1, runs, measured ? "" : " (warm-up)", bare_run, unloaded_run, glide_run);
    }

  /* The known cost inside "window constructed": opening the store alone, in
   * this process, with the file in the page cache as the children had it;
   * then the search query alone for every text the children typed. */
  for (int i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GlideStore) store = glide_store_open (db_option, &error);

      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      append (store_open, (g_get_monotonic_time () - start) / 1000.0);
      if (i > 0)
        continue;
      for (int round = 0; round < MAX (search_runs, 1); round++)
        for (guint j = 0; j < G_N_ELEMENTS (search_sequences); j++)
          for (glong k = 0; k <= g_utf8_strlen (search_sequences[j], -1); k++)
            {
              g_autofree char *text = g_utf8_substring (search_sequences[j], 0, k);
              g_autoptr(GPtrArray) results = NULL;

              start = g_get_monotonic_time ();
              results = glide_store_search_patients (store, text, GLIDE_WINDOW_SEARCH_PAGE, &error);
              if (results == NULL)
                {
                  g_printerr ("%s\n", error->message);
                  return 1;
                }
              append (search.query, (g_get_monotonic_time () - start) / 1000.0);
            }
      /* Each shape's query as many times as the children typed it, rounds taking turns. */
      for (int round = 0; round < MAX (search_runs, 1) * MAX (shape_rounds, 1); round++)
        for (guint j = 0; j < N_SHAPES; j++)
          {
            g_autoptr(GPtrArray) results = NULL;

            start = g_get_monotonic_time ();
            results = glide_store_search_patients (store, search_shapes[j], GLIDE_WINDOW_SEARCH_PAGE,
                                                   &error);
            if (results == NULL)
              {
                g_printerr ("%s\n", error->message);
                return 1;
              }
            append (search.shape_query[j], (g_get_monotonic_time () - start) / 1000.0);
          }
    }

  g_print ("display %s; renderer: bare window %s, Glide %s (GSK_RENDERER=%s); GL here: %s\n",
           glide.display ? glide.display : "?", bare.renderer ? bare.renderer : "?",
           glide.renderer ? glide.renderer : "?", renderer_option, gl_renderer);
  if (g_strcmp0 (bare.renderer, glide.renderer) != 0)
    g_print ("WARNING: the two windows used different renderers: not like for like\n");
  g_print ("Glide child: the real GlideApplication run with --database PATH, window %dx%d,\n"
           "patient list on an empty search (the rows the window's height shows in the first\n"
           "frame, the page of %u after it)%s%s\n\n", WINDOW_WIDTH, WINDOW_HEIGHT,
           GLIDE_WINDOW_SEARCH_PAGE, last_patient ? " beside patient " : "", last_patient ? last_patient : "");

  g_print ("GL loaded by: the bare window in %u of %u children, the bare window with\n"
           "GDK_DEBUG=gl-disable in %u of %u, Glide in %u of %u\n\n",
           bare.gl_loaded, bare.first_frame->len, bare_unloaded.gl_loaded,
           bare_unloaded.first_frame->len, glide.gl_loaded, glide.first_frame->len);

  print_startup ("bare AdwApplicationWindow (bench-startup-bare)", &bare);
  print_startup ("bare AdwApplicationWindow, GL left unloaded (GDK_DEBUG=gl-disable)",
                 &bare_unloaded);
  print_startup ("Glide main window", &glide);
  print_range ("glide_store_open () alone (in the parent)", store_open, "ms");
  g_print ("\n");

  bare_ms = summarize (bare.first_frame, NULL, NULL);
  unloaded_ms = summarize (bare_unloaded.first_frame, NULL, NULL);
  glide_ms = summarize (glide.first_frame, NULL, NULL);
  /* Like for like: against the bare window that loads GL as Glide did. */
  like = glide.gl_loaded > 0 ? &bare : &bare_unloaded;
  ratio = glide_ms / summarize (like->first_frame, NULL, NULL);
  g_print ("%-52s %.2fx (%.1f ms / %.1f ms)\n", "first frame, Glide / bare (medians)",
           glide_ms / bare_ms, glide_ms, bare_ms);
  g_print ("%-52s %.2fx (%.1f ms / %.1f ms)\n", "first frame, Glide / bare without GL (medians)",
           glide_ms / unloaded_ms, glide_ms, unloaded_ms);
  g_print ("%-52s %.2fx (Glide %s GL; target <= 1.2x: %s)\n",
           "first frame, like for like", ratio, glide.gl_loaded > 0 ? "loaded" : "left unloaded",
           ratio <= 1.2 ? "met" : "MISSED");

  g_print ("%-52s %.2fx (%.1f ms / %.1f ms), main thread %.2fx (%.1f ms / %.1f ms)\n",
           "CPU time to the first frame, like for like",
           summarize (glide.cpu, NULL, NULL) / summarize (like->cpu, NULL, NULL),
           summarize (glide.cpu, NULL, NULL), summarize (like->cpu, NULL, NULL),
           summarize (glide.main_cpu, NULL, NULL) / summarize (like->main_cpu, NULL, NULL),
           summarize (glide.main_cpu, NULL, NULL), summarize (like->main_cpu, NULL, NULL));

  bare_mib = summarize (like->peak_end, NULL, NULL);
  glide_mib = summarize (glide.peak_end, NULL, NULL);
  if (search.updated->len > 0)
    {
      g_print ("\nsearch: %u keystrokes (%zu texts typed a character at a time, each after\n"
               "clearing the entry, %d ms after the previous frame)\n",
               search.updated->len, G_N_ELEMENTS (search_sequences), keystroke_ms);
      if (search.unpainted > 0)
        g_print ("%u keystrokes were never painted within %d ms\n", search.unpainted,
                 PAINT_TIMEOUT_MS);
      glide_bench_report ("keystroke -> list model and rows updated", search.updated, "ms", 16);
      if (search.painted->len > 0)
        {
          glide_bench_report ("keystroke -> frame painted", search.painted, "ms", 16);
          glide_bench_report ("  first letter or clearing: updated (full page)", search.full_updated, "ms", NAN);
          glide_bench_report ("  first letter or clearing: painted (full page)", search.full_painted, "ms", NAN);
          glide_bench_report ("  updated -> the frame begun (before-paint)", search.waited, "ms", NAN);
          glide_bench_report ("  updated -> rows styled, measured, allocated", search.layout, "ms", NAN);
          glide_bench_report ("  allocated (or updated) -> snapshot and rendered", search.render, "ms", NAN);
        }
      glide_bench_report ("  the query alone (store, in the parent)", search.query, "ms", NAN);
      glide_mib = MAX (glide_mib, summarize (search.peak, NULL, NULL));
      print_shapes (&search);
    }

  g_print ("\n%-52s %.1f MiB (%.1f MiB - %.1f MiB; target <= 40 MiB: %s)\n",
           search.peak->len > 0 ? "peak RSS, Glide after the searches - bare, like for like" :
           "peak RSS, Glide - bare, like for like", glide_mib - bare_mib, glide_mib, bare_mib,
           glide_mib - bare_mib <= 40 ? "met" : "MISSED");

  startup_clear (&bare);
  startup_clear (&bare_unloaded);
  startup_clear (&glide);
  startup_clear (&warm_up);
  search_clear (&search);
  return 0;
}

#endif
