/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-svg-path.c: a strict parser for SVG path data (SVG 1.1 grammar,
 * without arcs), written to be fuzzed: every malformed input ends in a GError
 * naming the offset, never in a crash or an endless loop. */

#define G_LOG_DOMAIN "glide-svg"

#include "config.h"

#include "glide-svg-path.h"
#include "glide-i18n.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (glide-svg-error-quark, glide_svg_error)

/* Coordinates beyond this are not a drawing but garbage. */
#define MAX_COORDINATE 1e7
#define MAX_SEGMENTS   200000

struct _GlidePath
{
  GArray    *segments;  /* GlidePathSegment */
  GlideRect  bounds;
};

typedef struct
{
  const char *start;
  const char *p;
  GError    **error;
} Scanner;

static gboolean G_GNUC_PRINTF (3, 4)
scan_fail (Scanner    *s,
           int         code,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, GLIDE_SVG_ERROR, code, _("%s at offset %ld"), message,
               (long) (s->p - s->start));
  return FALSE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
skip_space (Scanner *s)
{
  while (is_space (*s->p))
    s->p++;
}

/* Spaces, then at most one comma and more spaces. */
static void
skip_separator (Scanner *s)
{
  skip_space (s);
  if (*s->p == ',')
    {
      s->p++;
      skip_space (s);
    }
}

static gboolean
starts_number (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.';
}

/* number ::= sign? (digits ('.' digits?)? | '.' digits) (('e'|'E') sign? digits)? */
static gboolean
scan_number (Scanner *s,
             double  *value)
{
  const char *begin = s->p;
  const char *q = s->p;
  gboolean digits = FALSE;
  char buffer[64];

  if (*q == '+' || *q == '-')
    q++;
  while (g_ascii_isdigit (*q))
    q++, digits = TRUE;
  if (*q == '.')
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++, digits = TRUE;
    }
  if (!digits)
    return scan_fail (s, GLIDE_SVG_ERROR_SYNTAX, _("expected a number"));
  if (*q == 'e' || *q == 'E')
    {
      const char *e = q + 1;

      if (*e == '+' || *e == '-')
        e++;
      if (g_ascii_isdigit (*e))
        {
          while (g_ascii_isdigit (*e))
            e++;
          q = e;
        }
    }
  if ((gsize) (q - begin) >= sizeof buffer)
    return scan_fail (s, GLIDE_SVG_ERROR_SYNTAX, _("number too long"));

  memcpy (buffer, begin, q - begin);
  buffer[q - begin] = '\0';
  *value = g_ascii_strtod (buffer, NULL);
  if (!isfinite (*value) || fabs (*value) > MAX_COORDINATE)
    return scan_fail (s, GLIDE_SVG_ERROR_SYNTAX, _("number %s out of range"), buffer);
  s->p = q;
  return TRUE;
}

/* Reads n numbers, comma or space separated, after a command. */
static gboolean
scan_numbers (Scanner *s,
              char     command,
              guint    n,
              double  *values)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        skip_separator (s);
      if (!starts_number (*s->p))
        return scan_fail (s, GLIDE_SVG_ERROR_SYNTAX,
                          *s->p ? "missing coordinate for '%c' (it takes %u numbers)" :
                                  "path ends inside '%c' (it takes %u numbers)",
                          command, n);
      if (!scan_number (s, &values[i]))
        return FALSE;
    }
  return TRUE;
}

static guint
arity (char upper)
{
  switch (upper)
    {
    case 'M': case 'L': case 'T': return 2;
    case 'H': case 'V': return 1;
    case 'C': return 6;
    case 'S': case 'Q': return 4;
    case 'Z': return 0;
    default: return 0;
    }
}

static void
add_segment (GlidePath              *path,
             const GlidePathSegment *segment)
{
  g_array_append_vals (path->segments, segment, 1);
}

GlidePath *
glide_svg_path_parse (const char  *data,
                      GError     **error)
{
  g_autoptr(GlidePath) path = g_new0 (GlidePath, 1);
  Scanner s = { data, data, error };
  double cx = 0, cy = 0;        /* current point */
  double sx = 0, sy = 0;        /* start of the subpath */
  double last_cx = 0, last_cy = 0;  /* reflected control point for S and T */
  char previous = 0;            /* previous command, upper case */
  gboolean have_point = FALSE;

  g_return_val_if_fail (data != NULL, NULL);

  path->segments = g_array_new (FALSE, FALSE, sizeof (GlidePathSegment));

  skip_space (&s);
  if (*s.p == '\0')
    {
      scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("empty path data"));
      return NULL;
    }

  while (*s.p != '\0')
    {
      char command = *s.p;
      char upper = g_ascii_toupper (command);
      gboolean relative = g_ascii_islower (command);
      gboolean first = TRUE;

      if (upper == 'A')
        {
          scan_fail (&s, GLIDE_SVG_ERROR_UNSUPPORTED,
                     _("arc command '%c' is not supported (convert arcs to curves)"), command);
          return NULL;
        }
      if (strchr ("MLHVCSQTZ", upper) == NULL || !g_ascii_isalpha (command))
        {
          if (g_ascii_isprint (command))
            scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("unknown command '%c'"), command);
          else
            scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("unexpected byte 0x%02x"), (guchar) command);
          return NULL;
        }
      if (!have_point && upper != 'M')
        {
          scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("path must start with a moveto, not '%c'"),
                     command);
          return NULL;
        }
      s.p++;
      skip_space (&s);

      /* A command applies to every following group of numbers. */
      do
        {
          double v[6] = { 0 };
          GlidePathSegment seg = { 0 };

          if (path->segments->len >= MAX_SEGMENTS)
            {
              scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("more than %d segments"), MAX_SEGMENTS);
              return NULL;
            }
          if (upper != 'Z' && !scan_numbers (&s, command, arity (upper), v))
            return NULL;

          switch (upper)
            {
            case 'M':
              if (relative && have_point)
                v[0] += cx, v[1] += cy;
              if (first)
                {
                  seg.op = GLIDE_PATH_MOVE;
                  sx = v[0], sy = v[1];
                }
              else
                seg.op = GLIDE_PATH_LINE; /* further pairs are implicit linetos */
              seg.x = v[0], seg.y = v[1];
              have_point = TRUE;
              break;
            case 'L':
            case 'H':
            case 'V':
              seg.op = GLIDE_PATH_LINE;
              if (upper == 'L')
                seg.x = v[0] + (relative ? cx : 0), seg.y = v[1] + (relative ? cy : 0);
              else if (upper == 'H')
                seg.x = v[0] + (relative ? cx : 0), seg.y = cy;
              else
                seg.x = cx, seg.y = v[0] + (relative ? cy : 0);
              break;
            case 'C':
              seg.op = GLIDE_PATH_CURVE;
              for (guint i = 0; i < 6; i += 2)
                if (relative)
                  v[i] += cx, v[i + 1] += cy;
              seg.x1 = v[0], seg.y1 = v[1], seg.x2 = v[2], seg.y2 = v[3], seg.x = v[4], seg.y = v[5];
              break;
            case 'S':
              seg.op = GLIDE_PATH_CURVE;
              for (guint i = 0; i < 4; i += 2)
                if (relative)
                  v[i] += cx, v[i + 1] += cy;
              /* The first control point reflects the previous curve's second one. */
              if (previous == 'C' || previous == 'S')
                seg.x1 = 2 * cx - last_cx, seg.y1 = 2 * cy - last_cy;
              else
                seg.x1 = cx, seg.y1 = cy;
              seg.x2 = v[0], seg.y2 = v[1], seg.x = v[2], seg.y = v[3];
              break;
            case 'Q':
            case 'T':
              {
                double qx, qy, ex, ey;

                if (upper == 'Q')
                  {
                    qx = v[0] + (relative ? cx : 0), qy = v[1] + (relative ? cy : 0);
                    ex = v[2] + (relative ? cx : 0), ey = v[3] + (relative ? cy : 0);
                  }
                else
                  {
                    if (previous == 'Q' || previous == 'T')
                      qx = 2 * cx - last_cx, qy = 2 * cy - last_cy;
                    else
                      qx = cx, qy = cy;
                    ex = v[0] + (relative ? cx : 0), ey = v[1] + (relative ? cy : 0);
                  }
                /* A quadratic is the cubic with control points 2/3 of the way. */
                seg.op = GLIDE_PATH_CURVE;
                seg.x1 = cx + 2.0 / 3.0 * (qx - cx), seg.y1 = cy + 2.0 / 3.0 * (qy - cy);
                seg.x2 = ex + 2.0 / 3.0 * (qx - ex), seg.y2 = ey + 2.0 / 3.0 * (qy - ey);
                seg.x = ex, seg.y = ey;
                last_cx = qx, last_cy = qy;
              }
              break;
            case 'Z':
              seg.op = GLIDE_PATH_CLOSE;
              seg.x = sx, seg.y = sy;
              break;
            default:
              g_assert_not_reached ();
            }

          if (upper == 'C' || upper == 'S')
            last_cx = seg.x2, last_cy = seg.y2;
          if (!isfinite (seg.x) || !isfinite (seg.y) || fabs (seg.x) > MAX_COORDINATE ||
              fabs (seg.y) > MAX_COORDINATE)
            {
              scan_fail (&s, GLIDE_SVG_ERROR_SYNTAX, _("coordinates out of range"));
              return NULL;
            }

          add_segment (path, &seg);
          cx = seg.x, cy = seg.y;
          previous = upper;
          first = FALSE;
          skip_separator (&s);
        }
      while (upper != 'Z' && starts_number (*s.p));
    }

  /* Bounds of all points, control points included (a curve stays inside them). */
  path->bounds = (GlideRect) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < path->segments->len; i++)
    {
      const GlidePathSegment *seg = &g_array_index (path->segments, GlidePathSegment, i);
      double xs[3] = { seg->x, seg->x1, seg->x2 };
      double ys[3] = { seg->y, seg->y1, seg->y2 };
      guint n = seg->op == GLIDE_PATH_CURVE ? 3 : 1;

      for (guint k = 0; k < n; k++)
        {
          path->bounds.x0 = MIN (path->bounds.x0, xs[k]);
          path->bounds.y0 = MIN (path->bounds.y0, ys[k]);
          path->bounds.x1 = MAX (path->bounds.x1, xs[k]);
          path->bounds.y1 = MAX (path->bounds.y1, ys[k]);
        }
    }

  return g_steal_pointer (&path);
}

void
glide_path_free (GlidePath *path)
{
  if (path == NULL)
    return;
  if (path->segments != NULL)
    g_array_unref (path->segments);
  g_free (path);
}

guint
glide_path_get_n_segments (const GlidePath *path)
{
  return path->segments->len;
}

const GlidePathSegment *
glide_path_get_segment (const GlidePath *path,
                        guint            index)
{
  g_return_val_if_fail (index < path->segments->len, NULL);
  return &g_array_index (path->segments, GlidePathSegment, index);
}

GlideRect
glide_path_get_bounds (const GlidePath *path)
{
  return path->bounds;
}

static void
flatten_curve (GArray *points,
               double  x0,
               double  y0,
               const GlidePathSegment *seg,
               double  tolerance)
{
  /* Enough steps that the chord error stays below tolerance: the control
   * polygon's length bounds the curve's, and the error falls with 1/n^2. */
  double length = hypot (seg->x1 - x0, seg->y1 - y0) + hypot (seg->x2 - seg->x1, seg->y2 - seg->y1) +
                  hypot (seg->x - seg->x2, seg->y - seg->y2);
  guint n = CLAMP ((guint) ceil (sqrt (length / tolerance)), 1, 64);

  for (guint i = 1; i <= n; i++)
    {
      double t = (double) i / n, u = 1 - t;
      GlidePoint p = {
        u * u * u * x0 + 3 * u * u * t * seg->x1 + 3 * u * t * t * seg->x2 + t * t * t * seg->x,
        u * u * u * y0 + 3 * u * u * t * seg->y1 + 3 * u * t * t * seg->y2 + t * t * t * seg->y,
      };

      g_array_append_val (points, p);
    }
}

/**
 * glide_path_flatten:
 * @tolerance: largest distance between a curve and its chords, in path units
 *
 * Returns: (element-type GArray): one closed polygon (a GArray of
 *   GlidePoint) per subpath
 */
GPtrArray *
glide_path_flatten (const GlidePath *path,
                    double           tolerance)
{
  GPtrArray *polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *current = NULL;
  double cx = 0, cy = 0;

  for (guint i = 0; i < path->segments->len; i++)
    {
      const GlidePathSegment *seg = &g_array_index (path->segments, GlidePathSegment, i);
      GlidePoint p = { seg->x, seg->y };

      switch (seg->op)
        {
        case GLIDE_PATH_MOVE:
          current = g_array_new (FALSE, FALSE, sizeof (GlidePoint));
          g_ptr_array_add (polygons, current);
          g_array_append_val (current, p);
          break;
        case GLIDE_PATH_LINE:
          g_array_append_val (current, p);
          break;
        case GLIDE_PATH_CURVE:
          flatten_curve (current, cx, cy, seg, tolerance);
          break;
        case GLIDE_PATH_CLOSE:
          /* The next command, if not a moveto, starts at the subpath's start. */
          current = g_array_new (FALSE, FALSE, sizeof (GlidePoint));
          g_ptr_array_add (polygons, current);
          g_array_append_val (current, p);
          break;
        default:
          g_assert_not_reached ();
        }
      cx = seg->x, cy = seg->y;
    }

  /* Drop the one-point stubs a trailing Z leaves. */
  for (guint i = polygons->len; i-- > 0;)
    if (((GArray *) g_ptr_array_index (polygons, i))->len < 3)
      g_ptr_array_remove_index (polygons, i);
  return polygons;
}

/* Even-odd rule over all polygons: crossing count of a ray to +x. */
gboolean
glide_polygons_contain (GPtrArray *polygons,
                        double     x,
                        double     y)
{
  gboolean inside = FALSE;

  for (guint k = 0; k < polygons->len; k++)
    {
      GArray *poly = g_ptr_array_index (polygons, k);
      const GlidePoint *pts = (const GlidePoint *) (const void *) poly->data;

      for (guint i = 0, j = poly->len - 1; i < poly->len; j = i++)
        {
          if (((pts[i].y > y) != (pts[j].y > y)) &&
              (x < (pts[j].x - pts[i].x) * (y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x))
            inside = !inside;
        }
    }
  return inside;
}

/* Distance from a point to the nearest edge of the polygons. */
double
glide_polygons_distance (GPtrArray *polygons,
                         double     x,
                         double     y)
{
  double best = G_MAXDOUBLE;   /* squared: one square root at the end */

  for (guint k = 0; k < polygons->len; k++)
    {
      GArray *poly = g_ptr_array_index (polygons, k);
      const GlidePoint *pts = (const GlidePoint *) (const void *) poly->data;

      for (guint i = 0, j = poly->len - 1; i < poly->len; j = i++)
        {
          double dx = pts[i].x - pts[j].x, dy = pts[i].y - pts[j].y;
          double len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? CLAMP (((x - pts[j].x) * dx + (y - pts[j].y) * dy) / len2, 0, 1) : 0;
          double ex = x - (pts[j].x + t * dx), ey = y - (pts[j].y + t * dy);

          best = MIN (best, ex * ex + ey * ey);
        }
    }
  return best == G_MAXDOUBLE ? G_MAXDOUBLE : sqrt (best);
}
