/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-svg-path.c: fuzz target for the SVG path data parser and the polygon
 * helpers built on it (libFuzzer, or replayed over a corpus by fuzz-main.c). */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "glide-svg-path.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_segments (const GlidePath *path)
{
  guint n = glide_path_get_n_segments (path);

  g_assert (n > 0);
  g_assert (glide_path_get_segment (path, 0)->op == GLIDE_PATH_MOVE);
  for (guint i = 0; i < n; i++)
    {
      const GlidePathSegment *seg = glide_path_get_segment (path, i);

      g_assert (seg->op == GLIDE_PATH_MOVE || seg->op == GLIDE_PATH_LINE ||
                seg->op == GLIDE_PATH_CURVE || seg->op == GLIDE_PATH_CLOSE);
      g_assert (isfinite (seg->x) && isfinite (seg->y));
    }
}

static void
probe_polygons (GPtrArray *polygons,
                GlideRect  bounds)
{
  double cx = (bounds.x0 + bounds.x1) / 2;
  double cy = (bounds.y0 + bounds.y1) / 2;
  const GlidePoint probes[] = {
    { cx, cy },
    { bounds.x0, bounds.y0 },
    { bounds.x1, bounds.y1 },
    { bounds.x0, cy },
    { cx, bounds.y1 },
    { (bounds.x0 + cx) / 2, (cy + bounds.y1) / 2 },
    { bounds.x0 - 1, bounds.y0 - 1 },
    { bounds.x1 + 1, cy },
  };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      gboolean inside = glide_polygons_contain (polygons, probes[i].x, probes[i].y);
      double distance = glide_polygons_distance (polygons, probes[i].x, probes[i].y);

      g_assert (inside == TRUE || inside == FALSE);
      g_assert (!isnan (distance));
      g_assert (distance >= 0);
      /* No edges at all means no distance, and nothing can be inside. */
      if (polygons->len == 0)
        g_assert (!inside && distance == G_MAXDOUBLE);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;
  GlidePath *path;

  /* Criticals (failed preconditions) are bugs too: make them abort. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  memcpy (text, data, size);
  text[size] = '\0';

  path = glide_svg_path_parse (text, &error);
  if (path != NULL)
    {
      GPtrArray *polygons;
      GlideRect bounds;

      g_assert (error == NULL);
      check_segments (path);
      bounds = glide_path_get_bounds (path);
      g_assert (bounds.x0 <= bounds.x1 && bounds.y0 <= bounds.y1);

      polygons = glide_path_flatten (path, 0.1);
      for (guint i = 0; i < polygons->len; i++)
        g_assert (((GArray *) g_ptr_array_index (polygons, i))->len >= 3);
      probe_polygons (polygons, bounds);

      g_ptr_array_unref (polygons);
      glide_path_free (path);
    }
  else
    {
      g_assert (error != NULL);
      g_assert (error->domain == GLIDE_SVG_ERROR);
      g_assert (error->code == GLIDE_SVG_ERROR_SYNTAX ||
                error->code == GLIDE_SVG_ERROR_UNSUPPORTED);
      g_assert (error->message != NULL && error->message[0] != '\0');
    }

  return 0;
}
