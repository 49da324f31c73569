/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bodymap.c: hit testing and redrawing the body map. Prints medians and
 * 99th percentiles: a hit test (one pointer position, both views' areas); a
 * frame as the widget draws it while the pointer moves (its cached base layer
 * painted, then the hover and focus overlay); a frame after a selection
 * change (the base redrawn into the cache first); and a full redraw of both
 * views in one pass, as every frame was drawn before the cache. All at
 * 1000x700 into Cairo image surfaces.
 *
 *   bench-bodymap [--samples N]
 */

#include "config.h"

#include "glide-bench.h"

#include <cairo.h>
#include <math.h>

#include "glide-bodymap-drawing.h"
#include "glide-painter-cairo.h"

/* The widget's cache: the base layer alone, on a transparent surface. */
static void
draw_base (cairo_surface_t           *base,
           const GlideFigure         *figure,
           const GlideBodymapLayout  *layout,
           const GlideBodymapPalette *palette,
           const GlideBodymapState   *state)
{
  cairo_t *cr = cairo_create (base);
  GlidePainter *painter;

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_FAST);
  glide_bodymap_draw_layers (painter, figure, layout, palette, state, GLIDE_BODYMAP_LAYER_BASE);
  cairo_surface_flush (base);
  glide_painter_free (painter);
  cairo_destroy (cr);
}

/* What the widget shows on a frame: its kept base layer painted over the
 * window's background, then the hover and focus overlay; all of the widget
 * repainted, as if all of it were damaged. */
static void
draw_frame (cairo_surface_t           *window,
            cairo_surface_t           *base,
            const GlideFigure         *figure,
            const GlideBodymapLayout  *layout,
            const GlideBodymapPalette *palette,
            const GlideBodymapState   *state)
{
  cairo_t *cr = cairo_create (window);
  GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_FAST);

  cairo_set_source_surface (cr, base, 0, 0);
  cairo_paint (cr);
  glide_bodymap_draw_layers (painter, figure, layout, palette, state, GLIDE_BODYMAP_LAYER_OVERLAY);
  cairo_surface_flush (window);
  glide_painter_free (painter);
  cairo_destroy (cr);
}

static void
draw_one_pass (cairo_surface_t           *surface,
               const GlideFigure         *figure,
               const GlideBodymapLayout  *layout,
               const GlideBodymapPalette *palette,
               const GlideBodymapState   *state)
{
  cairo_t *cr = cairo_create (surface);
  GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_FAST);

  glide_bodymap_draw (painter, figure, layout, palette, state);
  cairo_surface_flush (surface);
  glide_painter_free (painter);
  cairo_destroy (cr);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- body map benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideFigure) figure = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_pass = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree gboolean *selected = NULL;
  int samples = 2000;
  GOptionEntry entries[] = {
    { "samples", 0, 0, G_OPTION_ARG_INT, &samples, "Samples per figure (2000)", "N" },
    { NULL }
  };
  GlideBodymapPalette palette, white;
  GlideBodymapLayout layout;
  GlideBodymapState state = { NULL, NULL, 5, 9 };
  cairo_surface_t *surface, *window, *base;
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

  /* Five areas selected, one hovered and one with the keyboard focus. The
   * three kinds of frame take turns, so that the load of a shared machine
   * weighs on all three alike. */
  selected = g_new0 (gboolean, glide_figure_get_n_areas (figure));
  for (guint i = 0; i < glide_figure_get_n_areas (figure); i += 16)
    selected[i] = TRUE;
  state.selected = selected;
  glide_bodymap_palette_init_light (&palette);
  white = palette;
  white.background = (GlideColor) { 1, 1, 1, 1 };
  window = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  {
    cairo_t *cr = cairo_create (window);

    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
    cairo_paint (cr);
    cairo_destroy (cr);
  }
  draw_base (base, figure, &layout, &palette, &state);
  g_array_set_size (times, 0);
  for (int s = 0; s < samples / 4; s++)
    {
      guint area = s % glide_figure_get_n_areas (figure);
      gint64 start;

      /* The pointer moved to another area: the kept base, then the overlay. */
      state.hover = area;
      start = g_get_monotonic_time ();
      draw_frame (window, base, figure, &layout, &palette, &state);
      g_array_append_val (times, (double) { (g_get_monotonic_time () - start) / 1000.0 });

      /* A click changed the selection: the base is drawn again first. */
      selected[area] ^= TRUE;
      start = g_get_monotonic_time ();
      draw_base (base, figure, &layout, &palette, &state);
      draw_frame (window, base, figure, &layout, &palette, &state);
      g_array_append_val (rebuilds, (double) { (g_get_monotonic_time () - start) / 1000.0 });
      selected[area] ^= TRUE;
      draw_base (base, figure, &layout, &palette, &state);

      /* Every frame before the widget kept its base: all of it in one pass,
       * on white, hovering the same area as always. */
      state.hover = 5;
      start = g_get_monotonic_time ();
      draw_one_pass (surface, figure, &layout, &white, &state);
      g_array_append_val (one_pass, (double) { (g_get_monotonic_time () - start) / 1000.0 });
    }
  glide_bench_report ("frame: kept base + hover and focus, 1000x700", times, "ms", 4);
  /* A click's frame has a frame's budget at 60 Hz; the one pass is there
   * to compare with. */
  glide_bench_report ("frame after a click (base redrawn first)", rebuilds, "ms", 16);
  glide_bench_report ("whole map in one pass (each frame, before)", one_pass, "ms", NAN);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (base);
  cairo_surface_destroy (window);
  return 0;
}
