/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-figure.c: fuzz target for the body map reader: the input is the front
 * SVG, a NUL byte and the back SVG (or, without a NUL, split in half). */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "glide-figure.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* An exact-size copy, so that reading past one document is caught by
 * AddressSanitizer even though the other one follows it in the input. */
static char *
copy_document (const uint8_t *data,
               size_t         size)
{
  char *copy;

  if (size == 0)
    return g_strdup ("");
  copy = g_malloc (size);
  memcpy (copy, data, size);
  return copy;
}

static void
probe_figure (const GlideFigure *figure)
{
  guint n = glide_figure_get_n_areas (figure);
  double width = glide_figure_get_width (figure);
  double height = glide_figure_get_height (figure);
  const guint picks[] = { 0, 1, n / 2, n - 1 };
  const GlidePoint points[] = {
    { width / 2, height / 2 },
    { width / 4, height / 3 },
    { 0, 0 },
    { width, height },
    { -1, -1 },
  };

  /* Success means every area exactly once. */
  g_assert (n == GLIDE_N_AREAS);
  g_assert (width > 0 && height > 0);

  for (GlideView view = GLIDE_VIEW_FRONT; view <= GLIDE_VIEW_BACK; view++)
    {
      g_assert (glide_figure_get_outline (figure, view) != NULL);
      g_assert (glide_figure_get_guides (figure, view) != NULL);
      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        {
          int hit = glide_figure_hit_test (figure, view, points[i].x, points[i].y);

          g_assert (hit >= -1 && hit < (int) n);
          if (hit >= 0)
            g_assert (glide_figure_get_area (figure, hit)->view == view);
          glide_figure_outline_contains (figure, view, points[i].x, points[i].y);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, picks[i]);
      int hit;

      g_assert (area != NULL && area->id != NULL && area->polygons->len > 0);
      g_assert (glide_figure_lookup (figure, area->site, area->side) == (int) picks[i]);
      g_assert (isfinite (area->anchor.x) && isfinite (area->anchor.y));
      hit = glide_figure_hit_test (figure, area->view, area->anchor.x, area->anchor.y);
      g_assert (hit >= -1 && hit < (int) n);

      for (GlideDirection d = GLIDE_DIRECTION_UP; d <= GLIDE_DIRECTION_RIGHT; d++)
        {
          int neighbour = glide_figure_get_neighbour (figure, picks[i], d);

          g_assert (neighbour >= -1 && neighbour < (int) n && neighbour != (int) picks[i]);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul = memchr (data, '\0', size);
  size_t front_size = nul != NULL ? (size_t) (nul - data) : size / 2;
  size_t back_offset = nul != NULL ? front_size + 1 : front_size;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GError) error = NULL;
  GlideFigure *figure;

  /* Criticals (failed preconditions) are bugs too: make them abort. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  front = copy_document (data, front_size);
  back = copy_document (data + back_offset, size - back_offset);

  figure = glide_figure_new_from_data (front, front_size, back, size - back_offset, &error);
  if (figure != NULL)
    {
      g_assert (error == NULL);
      probe_figure (figure);
      glide_figure_unref (figure);
    }
  else
    {
      /* Structure errors are ours, syntax errors come from GMarkup. */
      g_assert (error != NULL);
      g_assert (error->domain == GLIDE_SVG_ERROR || error->domain == G_MARKUP_ERROR);
      g_assert (error->message != NULL);
      /* Every error names the file it is about. */
      g_assert (g_str_has_prefix (error->message, "bodymap-front.svg: ") ||
                g_str_has_prefix (error->message, "bodymap-back.svg: "));
    }

  return 0;
}
