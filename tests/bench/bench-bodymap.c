/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bodymap.c: hit testing and redrawing the body map. Prints medians and
 * 99th percentiles: a hit test (one pointer position, both views' areas), and
 * a full redraw of both views at 1000x700 into a Cairo image surface.
 *
 *   bench-bodymap [--samples N]
 */

#include "config.h"

#include "glide-bench.h"

#include <cairo.h>
#include <math.h>

#include "glide-bodymap-drawing.h"
#include "glide-painter-cairo.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- body map benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideFigure) figure = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree gboolean *selected = NULL;
  int samples = 2000;
  GOptionEntry entries[] = {
    { "samples", 0, 0, G_OPTION_ARG_INT, &samples, "Samples per figure (2000)", "N" },
    { NULL }
  };
  GlideBodymapPalette palette;
  GlideBodymapLayout layout;
  GlideBodymapState state = { NULL, NULL, 5, 9 };
  cairo_surface_t *surface;
  guint hits = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  {
    gint64 start = g_get_monotonic_time ();

    figure = glide_figure_get_default (&error);
    if (figure == NULL)
      g_error ("%s", error->message);
    g_print ("%-52s %8.1f ms (both SVG files, 79 areas, flattened and anchored)\n",
             "load the figure once", (g_get_monotonic_time () - start) / 1000.0);
  }

  /* A pointer position anywhere in the widget: locate the view, then hit
   * test. Timed in batches of 100 positions (one is below the clock's grain). */
  glide_bodymap_layout_compute (&layout, figure, 1000, 700, TRUE, FALSE);
  for (int s = 0; s < samples; s++)
    {
      double x[100], y[100];
      gint64 start;

      for (guint i = 0; i < 100; i++)
        {
          x[i] = g_rand_double_range (rand, 0, 1000);
          y[i] = g_rand_double_range (rand, 0, 700);
        }
      start = g_get_monotonic_time ();
      for (guint i = 0; i < 100; i++)
        {
          GlideView view;
          double fx, fy;

          if (glide_bodymap_layout_locate (&layout, figure, x[i], y[i], &view, &fx, &fy) &&
              glide_figure_hit_test (figure, view, fx, fy) >= 0)
            hits++;
        }
      g_array_append_val (times, (double) { (g_get_monotonic_time () - start) / 100.0 });
    }
  glide_bench_report ("hit test (pointer to area, both views)", times, "us", 20);
  g_print ("%-52s %u of %d positions were on an area\n", "", hits, samples * 100);

  /* Full redraw of both views at 1000x700, five areas selected, one hovered
   * and one with the keyboard focus: what the widget draws on every frame. */
  selected = g_new0 (gboolean, glide_figure_get_n_areas (figure));
  for (guint i = 0; i < glide_figure_get_n_areas (figure); i += 16)
    selected[i] = TRUE;
  state.selected = selected;
  glide_bodymap_palette_init_light (&palette);
  palette.background = (GlideColor) { 1, 1, 1, 1 };
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  g_array_set_size (times, 0);
  for (int s = 0; s < samples / 4; s++)
    {
      cairo_t *cr = cairo_create (surface);
      GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_FAST);
      gint64 start = g_get_monotonic_time ();

      glide_bodymap_draw (painter, figure, &layout, &palette, &state);
      cairo_surface_flush (surface);
      g_array_append_val (times, (double) { (g_get_monotonic_time () - start) / 1000.0 });
      glide_painter_free (painter);
      cairo_destroy (cr);
    }
  glide_bench_report ("full redraw, both views, 1000x700 (Cairo image)", times, "ms", 4);
  cairo_surface_destroy (surface);
  return 0;
}
