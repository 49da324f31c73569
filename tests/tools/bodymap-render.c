/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bodymap-render: draws the body map to PNG (Cairo) and/or PDF (libharu)
 * through the same drawing code, with a selection or heat counts.
 *
 *   bodymap-render --png map.png --pdf map.pdf [--width 1000 --height 700]
 *                  [--select calf--left,achilles--left] [--heat calf--left=5,...]
 *                  [--dark] [--no-titles]
 *   bodymap-render --anchors quadriceps--left,... --width W --height H
 *
 * --anchors prints, for a map of that size, a point well inside each area
 * ("id x y"): where a click lands on it, for tests/tools/document-session.
 */

#include "config.h"

#include <cairo.h>
#include <stdlib.h>

#include "glide-bodymap-drawing.h"
#include "glide-painter-cairo.h"
#include "glide-pdf.h"

static int
find_area (GlideFigure *figure,
           const char  *id)
{
  GlideSite site;
  GlideSide side;
  int index;

  if (!glide_area_parse_id (id, &site, &side))
    g_error ("\"%s\" is not an area id such as calf--left", id);
  index = glide_figure_lookup (figure, site, side);
  if (index < 0)
    g_error ("\"%s\" is not drawn on the body map", id);
  return index;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- render the Glide body map");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideFigure) figure = NULL;
  g_autofree gboolean *selected = NULL;
  g_autofree guint *heat = NULL;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *select = NULL;
  g_autofree char *heat_text = NULL;
  g_autofree char *anchors = NULL;
  int width = 1000, height = 700;
  gboolean dark = FALSE, no_titles = FALSE;
  GOptionEntry entries[] = {
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Write a PNG", "FILE" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Write a PDF (size in points)", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width (1000)", "N" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height (700)", "N" },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select, "Selected areas, comma separated", "IDS" },
    { "heat", 0, 0, G_OPTION_ARG_STRING, &heat_text, "Visit counts: id=N,...", "COUNTS" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "no-titles", 0, 0, G_OPTION_ARG_NONE, &no_titles, "Leave out Front/Back", NULL },
    { "anchors", 0, 0, G_OPTION_ARG_STRING, &anchors, "Print a point inside each area, comma separated", "IDS" },
    { NULL }
  };
  GlideBodymapPalette palette;
  GlideBodymapLayout layout;
  GlideBodymapState state = { NULL, NULL, -1, -1 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  figure = glide_figure_get_default (&error);
  if (figure == NULL)
    g_error ("%s", error->message);

  selected = g_new0 (gboolean, glide_figure_get_n_areas (figure));
  heat = g_new0 (guint, glide_figure_get_n_areas (figure));
  if (select != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (select, ",", -1);

      for (guint i = 0; ids[i]; i++)
        selected[find_area (figure, ids[i])] = TRUE;
      state.selected = selected;
    }
  if (heat_text != NULL)
    {
      g_auto(GStrv) items = g_strsplit (heat_text, ",", -1);

      for (guint i = 0; items[i]; i++)
        {
          g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);

          if (kv[1] == NULL)
            g_error ("\"%s\" is not id=count", items[i]);
          heat[find_area (figure, kv[0])] = atoi (kv[1]);
        }
      state.heat = heat;
    }

  if (dark)
    glide_bodymap_palette_init_dark (&palette);
  else
    glide_bodymap_palette_init_light (&palette);
  palette.background = dark ? (GlideColor) { 0.14, 0.14, 0.14, 1 } : (GlideColor) { 1, 1, 1, 1 };
  glide_bodymap_layout_compute (&layout, figure, width, height, !no_titles, state.heat != NULL);

  if (anchors != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (anchors, ",", -1);

      for (guint i = 0; ids[i]; i++)
        {
          const GlideFigureArea *area = glide_figure_get_area (figure, find_area (figure, ids[i]));
          double x, y;

          glide_bodymap_layout_to_drawing (&layout, area->view, area->anchor.x, area->anchor.y,
                                           &x, &y);
          g_print ("%s %.1f %.1f\n", ids[i], x, y);
        }
    }

  if (png != NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_BEST);

      glide_bodymap_draw (painter, figure, &layout, &palette, &state);
      glide_painter_free (painter);
      cairo_destroy (cr);
      if (cairo_surface_write_to_png (surface, png) != CAIRO_STATUS_SUCCESS)
        g_error ("cannot write %s", png);
      cairo_surface_destroy (surface);
    }

  if (pdf != NULL)
    {
      g_autoptr(GlidePdf) doc = glide_pdf_new (&error);
      GlidePainter *painter;

      if (doc == NULL)
        g_error ("%s", error->message);
      glide_pdf_set_info (doc, "Glide body map", NULL, NULL);
      painter = glide_pdf_add_page (doc, width, height);
      glide_bodymap_draw (painter, figure, &layout, &palette, &state);
      glide_painter_free (painter);
      if (!glide_pdf_save (doc, pdf, &error))
        g_error ("%s", error->message);
    }

  return 0;
}
