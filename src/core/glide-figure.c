/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-figure.c: reads the body map SVG (see data/bodymap/README.md), checks
 * it against the rules the app relies on (every area once, on its view, no
 * transforms) and prepares hit testing. Malformed data is a GError naming the
 * file and the element, never a crash. */

#define G_LOG_DOMAIN "glide-figure"

#include "config.h"

#include "glide-figure.h"
#include "glide-i18n.h"

#include "glide-core-resources.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#define FLATTEN_TOLERANCE 0.1  /* figure units: 1/5000 of its width */
#define DRAW_TOLERANCE    0.5  /* for the insets drawn inside area edges */
#define VIEW_GAP_FACTOR   0.1  /* neighbour search puts the back view right of the front */
#define MIN_AREA_EXTENT   1.0  /* figure units; the smallest real area is 14 across */
#define MAX_AREA_POINTS   4000 /* flattened; the most detailed real area has 320 */

struct _GlideFigure
{
  gatomicrefcount  ref_count;
  double           width;
  double           height;
  GlidePath       *outline[2];
  GPtrArray       *outline_polygons[2];
  GPtrArray       *outline_inset[2];
  GPtrArray       *guides[2];     /* GlidePath */
  GArray          *areas;         /* GlideFigureArea, in code order */
  int              lookup[GLIDE_N_SITES][3];
};

/* ---- reading one view ------------------------------------------------------ */

typedef enum
{
  GROUP_NONE,
  GROUP_AREAS,
  GROUP_GUIDES,
  GROUP_OTHER,
} Group;

typedef struct
{
  GlideFigure *figure;
  GlideView    view;
  double       width;
  double       height;
  gboolean     seen_svg;
  GArray      *groups;   /* Group, one per open <g> */
  guint        n_guides;
} ViewReader;

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

static Group
current_group (ViewReader *reader)
{
  for (guint i = reader->groups->len; i-- > 0;)
    {
      Group g = g_array_index (reader->groups, Group, i);

      if (g != GROUP_OTHER)
        return g;
    }
  return GROUP_NONE;
}

static gboolean
read_view_box (ViewReader  *reader,
               const char  *text,
               GError     **error)
{
  double v[4];
  char *end;
  const char *p = text;

  for (guint i = 0; i < 4; i++)
    {
      while (*p == ' ' || *p == ',')
        p++;
      v[i] = g_ascii_strtod (p, &end);
      if (end == p)
        goto bad;
      p = end;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0' || v[0] != 0 || v[1] != 0 || !(v[2] > 0) || !(v[3] > 0) ||
      v[2] > 100000 || v[3] > 100000)
    goto bad;
  reader->width = v[2];
  reader->height = v[3];
  return TRUE;

bad:
  g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
               _("<svg> viewBox \"%s\" must be \"0 0 WIDTH HEIGHT\""), text);
  return FALSE;
}

static void
area_clear (gpointer data)
{
  GlideFigureArea *area = data;

  g_free ((char *) area->id);
  g_clear_pointer (&area->path, glide_path_free);
  g_clear_pointer (&area->polygons, g_ptr_array_unref);
  g_clear_pointer (&area->inset, g_ptr_array_unref);
}

/* The point inside the area farthest from its edges, found on a grid and
 * refined around the best cell: where a label or a focus mark belongs. The
 * grid is counted in whole steps, so no extent can stall it. */
static GlidePoint
find_anchor (GPtrArray *polygons,
             GlideRect  bounds)
{
  GlidePoint best = { (bounds.x0 + bounds.x1) / 2, (bounds.y0 + bounds.y1) / 2 };
  double best_distance = -1;
  double span = MAX (bounds.x1 - bounds.x0, bounds.y1 - bounds.y0);
  double cx = best.x, cy = best.y;

  /* A 24-cell grid over the shape, then twice 12 cells around the best point. */
  for (guint round = 0; round < 3; round++)
    {
      const guint cells = round == 0 ? 24 : 12;
      double step = span / cells;

      for (guint iy = 0; iy <= cells; iy++)
        for (guint ix = 0; ix <= cells; ix++)
          {
            double x = cx - span / 2 + ix * step;
            double y = cy - span / 2 + iy * step;
            double d;

            if (!glide_polygons_contain (polygons, x, y))
              continue;
            d = glide_polygons_distance (polygons, x, y);
            if (d > best_distance)
              {
                best_distance = d;
                best = (GlidePoint) { x, y };
              }
          }
      cx = best.x, cy = best.y;
      span = step * 2;
    }
  return best;
}

/* Each polygon moved inwards by distance: every vertex goes along the
 * bisector of its two edges' inward normals, far enough that both edges move
 * by distance (capped at sharp corners). Drawing the area in its edge colour
 * and this inset in its fill colour draws the edge without stroking it, at a
 * fraction of the cost (see tests/bench/bench-bodymap). */
static GPtrArray *
inset_polygons (GPtrArray *polygons,
                double     distance)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint k = 0; k < polygons->len; k++)
    {
      GArray *source = g_ptr_array_index (polygons, k);
      g_autoptr(GArray) poly = g_array_sized_new (FALSE, FALSE, sizeof (GlidePoint), source->len);
      const GlidePoint *pts;
      guint n;
      GArray *inner;
      double twice_area = 0, sign;

      /* Repeated points (a path closing on its start) have no direction. */
      for (guint i = 0; i < source->len; i++)
        {
          const GlidePoint *p = &g_array_index (source, GlidePoint, i);
          const GlidePoint *last = poly->len ? &g_array_index (poly, GlidePoint, poly->len - 1)
                                             : NULL;

          if (last == NULL || hypot (p->x - last->x, p->y - last->y) > 1e-6)
            g_array_append_val (poly, *p);
        }
      while (poly->len > 1 &&
             hypot (g_array_index (poly, GlidePoint, 0).x - g_array_index (poly, GlidePoint, poly->len - 1).x,
                    g_array_index (poly, GlidePoint, 0).y - g_array_index (poly, GlidePoint, poly->len - 1).y) <= 1e-6)
        g_array_set_size (poly, poly->len - 1);
      if (poly->len < 3)
        continue;

      pts = (const GlidePoint *) (const void *) poly->data;
      n = poly->len;
      inner = g_array_sized_new (FALSE, FALSE, sizeof (GlidePoint), n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        twice_area += pts[j].x * pts[i].y - pts[i].x * pts[j].y;
      /* Inward is to the left of a clockwise walk in y-down coordinates. */
      sign = twice_area > 0 ? 1 : -1;

      for (guint i = 0; i < n; i++)
        {
          const GlidePoint *a = &pts[(i + n - 1) % n], *b = &pts[i], *c = &pts[(i + 1) % n];
          double l1 = hypot (b->x - a->x, b->y - a->y), l2 = hypot (c->x - b->x, c->y - b->y);
          double n1x, n1y, n2x, n2y, mx, my, dot, scale;
          GlidePoint p;

          if (l1 < 1e-9 || l2 < 1e-9)
            continue;

          n1x = -sign * (b->y - a->y) / l1, n1y = sign * (b->x - a->x) / l1;
          n2x = -sign * (c->y - b->y) / l2, n2y = sign * (c->x - b->x) / l2;
          mx = n1x + n2x, my = n1y + n2y;
          dot = (mx * n1x + my * n1y);
          scale = dot > 0.5 ? distance / dot : 2 * distance / MAX (hypot (mx, my), 1e-9);
          p = (GlidePoint) { b->x + mx * scale, b->y + my * scale };
          g_array_append_val (inner, p);
        }
      g_ptr_array_add (result, inner);
    }
  return result;
}

static guint
count_points (GPtrArray *polygons)
{
  guint n = 0;

  for (guint i = 0; i < polygons->len; i++)
    n += ((GArray *) g_ptr_array_index (polygons, i))->len;
  return n;
}

static gboolean
add_area (ViewReader  *reader,
          const char  *id,
          const char  *data,
          GError     **error)
{
  GlideFigure *fig = reader->figure;
  g_autoptr(GlidePath) path = NULL;
  GlideFigureArea area = { 0 };
  GlideSite site;
  GlideSide side;

  if (id == NULL)
    {
      g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                           _("a <path> in the areas group has no id"));
      return FALSE;
    }
  if (!glide_area_parse_id (id, &site, &side))
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: not an area of DOMAIN.md (SITE--SIDE)"), id);
      return FALSE;
    }
  if (glide_site_get_view (site) != reader->view)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: %s belongs on the %s view"), id,
                   glide_code_list_code (GLIDE_CODE_LIST_SITE, site),
                   glide_code_list_code (GLIDE_CODE_LIST_VIEW, glide_site_get_view (site)));
      return FALSE;
    }
  if (fig->lookup[site][side] >= 0)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: the area appears twice"), id);
      return FALSE;
    }
  if (data == NULL)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: no d attribute"), id);
      return FALSE;
    }
  if ((path = glide_svg_path_parse (data, error)) == NULL)
    {
      g_prefix_error (error, _("<path id=\"%s\">: "), id);
      return FALSE;
    }

  area.site = site;
  area.side = side;
  area.view = reader->view;
  area.id = g_strdup (id);
  area.polygons = glide_path_flatten (path, FLATTEN_TOLERANCE);
  area.bounds = glide_path_get_bounds (path);
  area.path = g_steal_pointer (&path);
  if (area.polygons->len == 0 || area.bounds.x1 - area.bounds.x0 < MIN_AREA_EXTENT ||
      area.bounds.y1 - area.bounds.y0 < MIN_AREA_EXTENT)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: the shape is too small to click (under %g units across)"),
                   id, MIN_AREA_EXTENT);
      area_clear (&area);
      return FALSE;
    }
  if (count_points (area.polygons) > MAX_AREA_POINTS)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<path id=\"%s\">: the shape is too complex (more than %d points when "
                   "flattened)"), id, MAX_AREA_POINTS);
      area_clear (&area);
      return FALSE;
    }
  {
    /* Drawn, not hit tested: half a unit is finer than a pixel at any size
     * the map is shown, and fewer points rasterise faster. The anchor is
     * searched on the same outline: half a unit does not move the point
     * farthest from the edges out of the area, and it takes half the time of
     * the hit-testing outline (see tests/bench/bench-bodymap). */
    g_autoptr(GPtrArray) coarse = glide_path_flatten (area.path, DRAW_TOLERANCE);

    area.anchor = find_anchor (coarse, area.bounds);
    area.inset = inset_polygons (coarse, GLIDE_FIGURE_EDGE);
  }

  fig->lookup[site][side] = fig->areas->len;
  g_array_append_val (fig->areas, area);
  return TRUE;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ViewReader *reader = user_data;
  GlideFigure *fig = reader->figure;
  const char *id = attribute (names, values, "id");
  const char *transform = attribute (names, values, "transform");

  if (transform != NULL)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_UNSUPPORTED,
                   _("<%s%s%s%s>: transform=\"%s\" is not supported (apply it to the coordinates)"),
                   element, id ? " id=\"" : "", id ? id : "", id ? "\"" : "", transform);
      return;
    }

  if (strcmp (element, "svg") == 0)
    {
      const char *view_box = attribute (names, values, "viewBox");

      if (reader->seen_svg)
        {
          g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                               _("nested <svg> elements are not supported"));
          return;
        }
      reader->seen_svg = TRUE;
      if (view_box == NULL)
        g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                             _("<svg> has no viewBox"));
      else
        read_view_box (reader, view_box, error);
      return;
    }
  if (!reader->seen_svg)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("<%s> outside <svg>"), element);
      return;
    }

  if (strcmp (element, "g") == 0)
    {
      Group group = g_strcmp0 (id, "areas") == 0 ? GROUP_AREAS :
                    g_strcmp0 (id, "guides") == 0 ? GROUP_GUIDES : GROUP_OTHER;

      g_array_append_val (reader->groups, group);
      return;
    }

  if (strcmp (element, "path") == 0)
    {
      const char *data = attribute (names, values, "d");
      Group group = current_group (reader);

      if (g_strcmp0 (id, "outline") == 0)
        {
          if (fig->outline[reader->view] != NULL)
            {
              g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                                   _("<path id=\"outline\"> appears twice"));
              return;
            }
          if (data == NULL ||
              (fig->outline[reader->view] = glide_svg_path_parse (data, error)) == NULL)
            {
              if (data == NULL)
                g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                                     _("<path id=\"outline\"> has no d attribute"));
              else
                g_prefix_error (error, _("<path id=\"outline\">: "));
              return;
            }
          fig->outline_polygons[reader->view] =
            glide_path_flatten (fig->outline[reader->view], FLATTEN_TOLERANCE);
          {
            g_autoptr(GPtrArray) coarse = glide_path_flatten (fig->outline[reader->view],
                                                              DRAW_TOLERANCE);

            fig->outline_inset[reader->view] = inset_polygons (coarse, GLIDE_FIGURE_OUTLINE);
          }
          return;
        }

      switch (group)
        {
        case GROUP_AREAS:
          add_area (reader, id, data, error);
          return;
        case GROUP_GUIDES:
          {
            GlidePath *guide;

            reader->n_guides++;
            if (data == NULL || (guide = glide_svg_path_parse (data, error)) == NULL)
              {
                if (data == NULL)
                  g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                               _("guide path %u has no d attribute"), reader->n_guides);
                else
                  g_prefix_error (error, _("guide path %u: "), reader->n_guides);
                return;
              }
            g_ptr_array_add (fig->guides[reader->view], guide);
          }
          return;
        case GROUP_NONE:
        case GROUP_OTHER:
        default:
          g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                       _("<path%s%s%s> outside the areas and guides groups"),
                       id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
          return;
        }
    }

  /* Inkscape's and editors' metadata (title, desc, defs, namedview, ...)
   * carries no geometry and is ignored; shapes other than paths are not. */
  if (strcmp (element, "rect") == 0 || strcmp (element, "circle") == 0 ||
      strcmp (element, "ellipse") == 0 || strcmp (element, "polygon") == 0 ||
      strcmp (element, "polyline") == 0 || strcmp (element, "line") == 0 ||
      strcmp (element, "use") == 0)
    g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_UNSUPPORTED,
                 _("<%s> is not supported; draw the shape as a <path>"), element);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ViewReader *reader = user_data;

  if (strcmp (element, "g") == 0 && reader->groups->len > 0)
    g_array_set_size (reader->groups, reader->groups->len - 1);
}

static const GMarkupParser view_parser = {
  on_start_element,
  on_end_element,
  NULL,
  NULL,
  NULL,
};

static gboolean
read_view (GlideFigure  *fig,
           GlideView     view,
           const char   *data,
           gssize        length,
           GError      **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  ViewReader reader = { fig, view, 0, 0, FALSE, NULL, 0 };
  gboolean ok;

  reader.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  context = g_markup_parse_context_new (&view_parser, 0, &reader, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_array_unref (reader.groups);
  if (!ok)
    {
      int line = 0;

      g_markup_parse_context_get_position (context, &line, NULL);
      g_prefix_error (error, _("line %d: "), line);
      return FALSE;
    }

  if (fig->outline[view] == NULL)
    {
      g_set_error_literal (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                           _("no <path id=\"outline\">"));
      return FALSE;
    }
  if (view == GLIDE_VIEW_FRONT)
    {
      fig->width = reader.width;
      fig->height = reader.height;
    }
  else if (reader.width != fig->width || reader.height != fig->height)
    {
      g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                   _("viewBox %gx%g differs from the front view's %gx%g"),
                   reader.width, reader.height, fig->width, fig->height);
      return FALSE;
    }
  return TRUE;
}

/* ---- the figure ------------------------------------------------------------ */

static int
compare_areas (gconstpointer a,
               gconstpointer b)
{
  const GlideFigureArea *x = a, *y = b;

  if (x->site != y->site)
    return x->site < y->site ? -1 : 1;
  return x->side - y->side;
}

/**
 * glide_figure_new_from_data:
 *
 * Reads a front and a back view. Both must be complete: every area of
 * DOMAIN.md exactly once, on its own view, and nothing else with an id.
 */
GlideFigure *
glide_figure_new_from_data (const char  *front_svg,
                            gssize       front_length,
                            const char  *back_svg,
                            gssize       back_length,
                            GError     **error)
{
  g_autoptr(GlideFigure) fig = g_new0 (GlideFigure, 1);
  const char *names[] = { "bodymap-front.svg", "bodymap-back.svg" };

  g_atomic_ref_count_init (&fig->ref_count);
  fig->areas = g_array_new (FALSE, TRUE, sizeof (GlideFigureArea));
  g_array_set_clear_func (fig->areas, area_clear);
  for (guint v = 0; v < 2; v++)
    fig->guides[v] = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_path_free);
  memset (fig->lookup, 0xff, sizeof fig->lookup);

  if (!read_view (fig, GLIDE_VIEW_FRONT, front_svg, front_length, error))
    {
      g_prefix_error (error, _("%s: "), names[0]);
      return NULL;
    }
  if (!read_view (fig, GLIDE_VIEW_BACK, back_svg, back_length, error))
    {
      g_prefix_error (error, _("%s: "), names[1]);
      return NULL;
    }

  for (guint site = 0; site < GLIDE_N_SITES; site++)
    for (GlideSide side = GLIDE_SIDE_LEFT; side <= GLIDE_SIDE_MIDLINE; side++)
      if (glide_site_allows_side (site, side) && fig->lookup[site][side] < 0)
        {
          g_autofree char *id = glide_area_get_id (site, side);

          g_set_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_STRUCTURE,
                       _("%s: the area %s is missing"),
                       names[glide_site_get_view (site)], id);
          return NULL;
        }

  /* Code order (DOMAIN.md, left before right) for lists and for tests. */
  g_array_sort (fig->areas, compare_areas);
  for (guint i = 0; i < fig->areas->len; i++)
    {
      GlideFigureArea *area = &g_array_index (fig->areas, GlideFigureArea, i);

      fig->lookup[area->site][area->side] = i;
    }

  return g_steal_pointer (&fig);
}

/**
 * glide_figure_get_default:
 *
 * The figure built into Glide (data/bodymap), read once.
 */
GlideFigure *
glide_figure_get_default (GError **error)
{
  static GlideFigure *figure;
  static GMutex lock;
  g_autoptr(GBytes) front = NULL;
  g_autoptr(GBytes) back = NULL;
  GlideFigure *result = NULL;

  g_mutex_lock (&lock);
  if (figure == NULL)
    {
      glide_core_ensure_resources ();
      front = g_resources_lookup_data (RESOURCE_PREFIX "/bodymap/bodymap-front.svg",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      back = front ? g_resources_lookup_data (RESOURCE_PREFIX "/bodymap/bodymap-back.svg",
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, error) : NULL;
      if (back != NULL)
        figure = glide_figure_new_from_data (g_bytes_get_data (front, NULL),
                                             g_bytes_get_size (front),
                                             g_bytes_get_data (back, NULL),
                                             g_bytes_get_size (back), error);
    }
  if (figure != NULL)
    result = glide_figure_ref (figure);
  g_mutex_unlock (&lock);
  return result;
}

GlideFigure *
glide_figure_ref (GlideFigure *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
glide_figure_unref (GlideFigure *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint v = 0; v < 2; v++)
    {
      g_clear_pointer (&self->outline[v], glide_path_free);
      g_clear_pointer (&self->outline_polygons[v], g_ptr_array_unref);
      g_clear_pointer (&self->outline_inset[v], g_ptr_array_unref);
      g_clear_pointer (&self->guides[v], g_ptr_array_unref);
    }
  g_clear_pointer (&self->areas, g_array_unref);
  g_free (self);
}

double
glide_figure_get_width (const GlideFigure *self)
{
  return self->width;
}

double
glide_figure_get_height (const GlideFigure *self)
{
  return self->height;
}

const GlidePath *
glide_figure_get_outline (const GlideFigure *self,
                          GlideView          view)
{
  return self->outline[view];
}

/**
 * glide_figure_get_guides:
 *
 * Returns: (transfer none) (element-type GlidePath): the view's guide lines
 */
GPtrArray *
glide_figure_get_guides (const GlideFigure *self,
                         GlideView          view)
{
  return self->guides[view];
}

guint
glide_figure_get_n_areas (const GlideFigure *self)
{
  return self->areas->len;
}

const GlideFigureArea *
glide_figure_get_area (const GlideFigure *self,
                       guint              index)
{
  g_return_val_if_fail (index < self->areas->len, NULL);
  return &g_array_index (self->areas, GlideFigureArea, index);
}

/* The index of an area, or -1. */
int
glide_figure_lookup (const GlideFigure *self,
                     GlideSite          site,
                     GlideSide          side)
{
  if ((guint) site >= GLIDE_N_SITES || side < GLIDE_SIDE_LEFT || side > GLIDE_SIDE_MIDLINE)
    return -1;
  return self->lookup[site][side];
}

/* The area under a point of a view, in figure coordinates, or -1. */
int
glide_figure_hit_test (const GlideFigure *self,
                       GlideView          view,
                       double             x,
                       double             y)
{
  for (guint i = 0; i < self->areas->len; i++)
    {
      const GlideFigureArea *area = &g_array_index (self->areas, GlideFigureArea, i);

      if (area->view == view && x >= area->bounds.x0 && x <= area->bounds.x1 &&
          y >= area->bounds.y0 && y <= area->bounds.y1 &&
          glide_polygons_contain (area->polygons, x, y))
        return i;
    }
  return -1;
}

/**
 * glide_figure_get_outline_inset:
 *
 * Returns: (transfer none): the silhouette moved GLIDE_FIGURE_OUTLINE inwards,
 *   to draw its outline as two fills
 */
GPtrArray *
glide_figure_get_outline_inset (const GlideFigure *self,
                                GlideView          view)
{
  return self->outline_inset[view];
}

gboolean
glide_figure_outline_contains (const GlideFigure *self,
                               GlideView          view,
                               double             x,
                               double             y)
{
  return glide_polygons_contain (self->outline_polygons[view], x, y);
}

/* Anchors in one plane, the back view to the right of the front as drawn. */
static GlidePoint
plane_point (const GlideFigure     *self,
             const GlideFigureArea *area)
{
  GlidePoint p = area->anchor;

  if (area->view == GLIDE_VIEW_BACK)
    p.x += self->width * (1 + VIEW_GAP_FACTOR);
  return p;
}

/**
 * glide_figure_get_neighbour:
 *
 * The area an arrow key moves to: the nearest one in that direction, within a
 * cone around it if there is one, across to the other view at the edges.
 *
 * Returns: an area index, or -1 when nothing lies that way
 */
int
glide_figure_get_neighbour (const GlideFigure *self,
                            guint              index,
                            GlideDirection     direction)
{
  const GlideFigureArea *from = glide_figure_get_area (self, index);
  GlidePoint origin = plane_point (self, from);
  int best = -1;
  double best_score = G_MAXDOUBLE;

  for (guint i = 0; i < self->areas->len; i++)
    {
      GlidePoint p = plane_point (self, &g_array_index (self->areas, GlideFigureArea, i));
      double dx = p.x - origin.x, dy = p.y - origin.y;
      double along, across, score;

      if (i == index)
        continue;
      switch (direction)
        {
        case GLIDE_DIRECTION_UP: along = -dy; across = dx; break;
        case GLIDE_DIRECTION_DOWN: along = dy; across = dx; break;
        case GLIDE_DIRECTION_LEFT: along = -dx; across = dy; break;
        case GLIDE_DIRECTION_RIGHT: along = dx; across = dy; break;
        default: g_return_val_if_reached (-1);
        }
      if (along <= 0.5)
        continue;
      /* Prefer what lies straight ahead; sideways distance costs double, and
       * leaving the cone of 60 degrees costs more. */
      score = along + 2 * fabs (across);
      if (fabs (across) > along * 1.7)
        score += 4 * fabs (across);
      if (score < best_score)
        {
          best_score = score;
          best = i;
        }
    }
  return best;
}
