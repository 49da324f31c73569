/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bodymap.c: the body map figure (every area once, on its view, sides
 * right), hit testing, the SVG path parser and its errors, and the drawing:
 * pixels of a rendered selection, a vector PDF that matches the PNG, and
 * the widget's layers (a kept base, hover and focus over it) drawing the
 * same pixels as the whole map at once. */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "glide-bodymap-drawing.h"
#include "glide-figure.h"
#include "glide-painter-cairo.h"
#include "glide-pdf.h"
#include "glide-test-utils.h"

static GlideFigure *figure;

static char *
read_source_svg (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GLIDE_SOURCE_ROOT"), "data", "bodymap",
                                            name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

/* ---- the figure ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *ids;
} IdCollector;

static void
collect_ids (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  IdCollector *collector = user_data;

  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], "id"))
      g_ptr_array_add (collector->ids, g_strdup (values[i]));
}

/* Straight from the SVG text: the ids in each file are exactly that view's
 * areas of DOMAIN.md, plus the outline and the two groups. */
static void
test_svg_ids (void)
{
  const char *files[] = { "bodymap-front.svg", "bodymap-back.svg" };

  for (GlideView view = GLIDE_VIEW_FRONT; view <= GLIDE_VIEW_BACK; view++)
    {
      g_autofree char *text = read_source_svg (files[view]);
      IdCollector collector = { g_ptr_array_new_with_free_func (g_free) };
      GMarkupParser parser = { collect_ids, NULL, NULL, NULL, NULL };
      g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &collector, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint expected = 0;

      g_assert_true (g_markup_parse_context_parse (context, text, -1, NULL));
      for (guint i = 0; i < collector.ids->len; i++)
        {
          const char *id = collector.ids->pdata[i];
          GlideSite site;
          GlideSide side;

          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, (gpointer) id);
          if (g_str_equal (id, "outline") || g_str_equal (id, "guides") || g_str_equal (id, "areas"))
            continue;
          if (!glide_area_parse_id (id, &site, &side))
            g_error ("%s: unexpected id \"%s\"", files[view], id);
          g_assert_cmpint (glide_site_get_view (site), ==, view);
        }
      for (guint site = 0; site < GLIDE_N_SITES; site++)
        for (GlideSide side = GLIDE_SIDE_LEFT; side <= GLIDE_SIDE_MIDLINE; side++)
          if (glide_site_allows_side (site, side) && glide_site_get_view (site) == view)
            {
              g_autofree char *id = glide_area_get_id (site, side);

              if (!g_hash_table_contains (seen, id))
                g_error ("%s: no shape for %s", files[view], id);
              expected++;
            }
      g_assert_cmpuint (collector.ids->len, ==, expected + 3);
      g_assert_cmpuint (expected, ==, view == GLIDE_VIEW_FRONT ? 32 : 47);
      g_ptr_array_unref (collector.ids);
    }
}

static void
test_figure_areas (void)
{
  g_assert_cmpuint (glide_figure_get_n_areas (figure), ==, GLIDE_N_AREAS);
  for (guint i = 0; i < GLIDE_N_AREAS; i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);
      g_autofree char *id = glide_area_get_id (area->site, area->side);

      g_assert_cmpstr (area->id, ==, id);
      g_assert_cmpint (area->view, ==, glide_site_get_view (area->site));
      g_assert_cmpint (glide_figure_lookup (figure, area->site, area->side), ==, i);
      /* Areas lie within the figure's silhouette. */
      g_assert_true (glide_figure_outline_contains (figure, area->view, area->anchor.x, area->anchor.y));
    }
}

/* An interior point of each area hits that area, and only it. */
static void
test_interior_points_hit (void)
{
  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);

      if (glide_figure_hit_test (figure, area->view, area->anchor.x, area->anchor.y) != (int) i)
        g_error ("the interior point of %s does not hit it", area->id);
      /* The point is well inside: nudged 1.5 units any way, it still hits. */
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          g_assert_cmpint (glide_figure_hit_test (figure, area->view, area->anchor.x + 1.5 * dx,
                                                  area->anchor.y + 1.5 * dy), ==, i);
    }
}

/* A grid over both views: no point hits two areas; points outside the
 * silhouette hit nothing; and the gaps between areas exist and hit nothing. */
static void
test_grid (void)
{
  double w = glide_figure_get_width (figure), h = glide_figure_get_height (figure);
  guint gap_points = 0, outside_points = 0, area_points = 0;

  for (GlideView view = GLIDE_VIEW_FRONT; view <= GLIDE_VIEW_BACK; view++)
    for (double y = 0.5; y < h; y += 2)
      for (double x = 0.5; x < w; x += 2)
        {
          guint containing = 0;
          int hit = glide_figure_hit_test (figure, view, x, y);

          for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
            {
              const GlideFigureArea *area = glide_figure_get_area (figure, i);

              if (area->view == view && glide_polygons_contain (area->polygons, x, y))
                containing++;
            }
          if (containing > 1)
            g_error ("(%g, %g) on the %s view lies in %u areas", x, y,
                     view == GLIDE_VIEW_FRONT ? "front" : "back", containing);
          g_assert_cmpint (hit >= 0, ==, containing == 1);

          if (!glide_figure_outline_contains (figure, view, x, y))
            {
              g_assert_cmpint (hit, ==, -1);
              outside_points++;
            }
          else if (hit < 0)
            gap_points++;
          else
            area_points++;
        }

  g_test_message ("%u points in areas, %u in gaps, %u outside", area_points, gap_points,
                  outside_points);
  g_assert_cmpuint (gap_points, >, 1000);
  g_assert_cmpuint (area_points, >, 10000);

  /* Far outside and right between neighbours. */
  g_assert_cmpint (glide_figure_hit_test (figure, GLIDE_VIEW_FRONT, -50, -50), ==, -1);
  g_assert_cmpint (glide_figure_hit_test (figure, GLIDE_VIEW_BACK, 2 * w, h / 2), ==, -1);
  g_assert_cmpint (glide_figure_hit_test (figure, GLIDE_VIEW_FRONT, w / 2, 20), ==, -1);
}

/* The patient's right is on the viewer's left in the front view and on the
 * viewer's right in the back view. */
static void
test_sides (void)
{
  double midline = glide_figure_get_width (figure) / 2;
  int quadriceps = glide_figure_lookup (figure, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_RIGHT);
  int calf = glide_figure_lookup (figure, GLIDE_SITE_CALF, GLIDE_SIDE_RIGHT);

  g_assert_cmpfloat (glide_figure_get_area (figure, quadriceps)->bounds.x1, <, midline);
  g_assert_cmpfloat (glide_figure_get_area (figure, calf)->bounds.x0, >, midline);

  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);
      gboolean viewer_left = area->anchor.x < midline;

      if (area->side == GLIDE_SIDE_MIDLINE)
        {
          g_assert_cmpfloat (area->bounds.x0, <, midline);
          g_assert_cmpfloat (area->bounds.x1, >, midline);
          continue;
        }
      if (viewer_left != ((area->side == GLIDE_SIDE_RIGHT) == (area->view == GLIDE_VIEW_FRONT)))
        g_error ("%s is on the wrong side of the %s view", area->id,
                 area->view == GLIDE_VIEW_FRONT ? "front" : "back");
    }
}

static void
test_neighbours_reach_everything (void)
{
  guint n = glide_figure_get_n_areas (figure);
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
  guint reached = 1;

  seen[0] = TRUE;
  g_array_append_val (queue, (guint) { 0 });
  for (guint head = 0; head < queue->len; head++)
    for (GlideDirection d = GLIDE_DIRECTION_UP; d <= GLIDE_DIRECTION_RIGHT; d++)
      {
        int next = glide_figure_get_neighbour (figure, g_array_index (queue, guint, head), d);

        if (next >= 0 && !seen[next])
          {
            seen[next] = TRUE;
            reached++;
            g_array_append_val (queue, (guint) { next });
          }
      }
  g_assert_cmpuint (reached, ==, n);
}

/* ---- the parser ------------------------------------------------------------ */

static void
assert_segment (const GlidePath *path,
                guint            index,
                GlidePathOp      op,
                double           x,
                double           y)
{
  const GlidePathSegment *s = glide_path_get_segment (path, index);

  g_assert_cmpint (s->op, ==, op);
  g_assert_cmpfloat_with_epsilon (s->x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->y, y, 1e-9);
}

static void
test_parser_commands (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePath) path = glide_svg_path_parse ("M10,20 l5 5 h10 v-10 H0 V0 z "
                                                    "m1 1 2 2 C1 2 3 4 5 6 s7 8 9 10 "
                                                    "Q0 0 3 3 t3 0 Z", &error);
  const GlidePathSegment *s;

  g_assert_no_error (error);
  g_assert_cmpuint (glide_path_get_n_segments (path), ==, 14);
  assert_segment (path, 0, GLIDE_PATH_MOVE, 10, 20);
  assert_segment (path, 1, GLIDE_PATH_LINE, 15, 25);
  assert_segment (path, 2, GLIDE_PATH_LINE, 25, 25);
  assert_segment (path, 3, GLIDE_PATH_LINE, 25, 15);
  assert_segment (path, 4, GLIDE_PATH_LINE, 0, 15);
  assert_segment (path, 5, GLIDE_PATH_LINE, 0, 0);
  assert_segment (path, 6, GLIDE_PATH_CLOSE, 10, 20);
  /* After z the current point is the subpath start; m is relative to it,
   * and its second pair is an implicit relative lineto. */
  assert_segment (path, 7, GLIDE_PATH_MOVE, 11, 21);
  assert_segment (path, 8, GLIDE_PATH_LINE, 13, 23);
  assert_segment (path, 9, GLIDE_PATH_CURVE, 5, 6);
  /* s reflects the previous second control point (3,4) about (5,6). */
  s = glide_path_get_segment (path, 10);
  g_assert_cmpfloat (s->x1, ==, 7);
  g_assert_cmpfloat (s->y1, ==, 8);
  g_assert_cmpfloat (s->x2, ==, 12);
  g_assert_cmpfloat (s->y2, ==, 14);
  assert_segment (path, 10, GLIDE_PATH_CURVE, 14, 16);
  /* Q 0 0 3 3 from (14,16): control points two thirds of the way. */
  s = glide_path_get_segment (path, 11);
  g_assert_cmpfloat_with_epsilon (s->x1, 14 + 2.0 / 3.0 * (0 - 14), 1e-9);
  g_assert_cmpfloat_with_epsilon (s->y2, 3 + 2.0 / 3.0 * (0 - 3), 1e-9);
  assert_segment (path, 11, GLIDE_PATH_CURVE, 3, 3);
  /* t reflects the quadratic control point (0,0) about (3,3) to (6,6). */
  s = glide_path_get_segment (path, 12);
  g_assert_cmpfloat_with_epsilon (s->x1, 3 + 2.0 / 3.0 * (6 - 3), 1e-9);
  assert_segment (path, 12, GLIDE_PATH_CURVE, 6, 3);
  assert_segment (path, 13, GLIDE_PATH_CLOSE, 11, 21);
}

static void
test_parser_numbers (void)
{
  const struct
  {
    const char *data;
    double      x;
    double      y;
  } cases[] = {
    { "M1e2,.5", 100, 0.5 },
    { "M-.5-.5", -0.5, -0.5 },
    { "M.5.5", 0.5, 0.5 },
    { "M+3 -4E-1", 3, -0.4 },
    { "M 1 , 2", 1, 2 },
    { "\n\tM\t7\n8\n", 7, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlidePath) path = glide_svg_path_parse (cases[i].data, &error);

      g_assert_no_error (error);
      assert_segment (path, 0, GLIDE_PATH_MOVE, cases[i].x, cases[i].y);
    }
}

static void
test_parser_errors (void)
{
  const struct
  {
    const char *data;
    int         code;
    const char *message;
  } cases[] = {
    { "", GLIDE_SVG_ERROR_SYNTAX, "empty path data at offset 0" },
    { "L 1 2", GLIDE_SVG_ERROR_SYNTAX, "path must start with a moveto, not 'L' at offset 0" },
    { "M 1 2 X 3 4", GLIDE_SVG_ERROR_SYNTAX, "unknown command 'X' at offset 6" },
    { "M 1 2 L 3", GLIDE_SVG_ERROR_SYNTAX, "path ends inside 'L' (it takes 2 numbers) at offset 9" },
    { "M 1 2 C 1 2 3 Z", GLIDE_SVG_ERROR_SYNTAX, "missing coordinate for 'C' (it takes 6 numbers) at offset 14" },
    { "M --1 2", GLIDE_SVG_ERROR_SYNTAX, "expected a number at offset 2" },
    { "M 1 2 L +-3 4", GLIDE_SVG_ERROR_SYNTAX, "expected a number at offset 8" },
    { "M 1e 2", GLIDE_SVG_ERROR_SYNTAX, "missing coordinate for 'M' (it takes 2 numbers) at offset 3" },
    { "M 1e400 0", GLIDE_SVG_ERROR_SYNTAX, "number 1e400 out of range at offset 2" },
    { "M 1 2 A 5 5 0 0 1 9 9", GLIDE_SVG_ERROR_UNSUPPORTED, "arc command 'A' is not supported" },
    { "M 1 2 Z 3 4", GLIDE_SVG_ERROR_SYNTAX, "unknown command '3' at offset 8" },
    { "M 1 2 \x01", GLIDE_SVG_ERROR_SYNTAX, "unexpected byte 0x01 at offset 6" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlidePath) path = glide_svg_path_parse (cases[i].data, &error);

      g_assert_null (path);
      g_assert_error (error, GLIDE_SVG_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("\"%s\": expected \"%s\", got \"%s\"", cases[i].data, cases[i].message,
                 error->message);
    }
}

/* A megabyte of garbage, and a megabyte of nearly valid data, end in errors. */
static void
test_parser_megabyte (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autofree char *garbage = g_malloc (1024 * 1024 + 1);
  g_autoptr(GString) long_path = g_string_new ("M0 0");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePath) path = NULL;

  for (guint i = 0; i < 1024 * 1024; i++)
    garbage[i] = (char) g_rand_int_range (rand, 1, 256);
  garbage[1024 * 1024] = '\0';
  path = glide_svg_path_parse (garbage, &error);
  g_assert_null (path);
  g_assert_error (error, GLIDE_SVG_ERROR, GLIDE_SVG_ERROR_SYNTAX);
  g_clear_error (&error);

  while (long_path->len < 1024 * 1024)
    g_string_append (long_path, " L1 1 2 2");
  g_string_append (long_path, " L 3");
  path = glide_svg_path_parse (long_path->str, &error);
  g_assert_null (path);
  g_assert_nonnull (strstr (error->message, "more than 200000 segments"));
}

/* Documents that break the body map rules are refused, naming file and element. */
static void
test_figure_errors (void)
{
  g_autofree char *front = read_source_svg ("bodymap-front.svg");
  g_autofree char *back = read_source_svg ("bodymap-back.svg");
  const struct
  {
    gboolean    in_front;
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { FALSE, "id=\"calf--left\"", "id=\"calf--left\"", "" },
    { TRUE, "id=\"quadriceps--left\"", "id=\"quads--left\"",
      "<path id=\"quads--left\">: not an area of DOMAIN.md" },
    { TRUE, "id=\"quadriceps--left\"", "id=\"calf--left\"",
      "<path id=\"calf--left\">: calf belongs on the back view" },
    { TRUE, "id=\"quadriceps--left\"", "id=\"quadriceps--right\"",
      "<path id=\"quadriceps--right\">: the area appears twice" },
    { FALSE, "id=\"achilles--left\"", "id=\"achilles--left\" transform=\"scale(2)\"",
      "<path id=\"achilles--left\">: transform=\"scale(2)\" is not supported" },
    { FALSE, "<g id=\"areas\"", "<g id=\"areas\"><rect width=\"5\" height=\"5\"/></g><g id=\"x\"",
      "<rect> is not supported" },
    { TRUE, "viewBox=\"0 0 500 1100\"", "viewBox=\"0 0 500 1000\"",
      "viewBox 500x1100 differs from the front view's 500x1000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) f = g_string_new (front);
      g_autoptr(GString) b = g_string_new (back);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlideFigure) broken = NULL;

      g_assert_cmpuint (g_string_replace (cases[i].in_front ? f : b, cases[i].from, cases[i].to, 1),
                        ==, 1);
      broken = glide_figure_new_from_data (f->str, f->len, b->str, b->len, &error);
      if (i == 0)
        {
          /* The untouched documents load. */
          g_assert_no_error (error);
          g_assert_nonnull (broken);
          continue;
        }
      g_assert_null (broken);
      {
        int code = (i == 4 || i == 5) ? GLIDE_SVG_ERROR_UNSUPPORTED : GLIDE_SVG_ERROR_STRUCTURE;

        g_assert_error (error, GLIDE_SVG_ERROR, code);
      }
      /* The message names the file, the line and the element. */
      if (!g_str_has_prefix (error->message, (cases[i].in_front && i != 6) ? "bodymap-front.svg: line "
                                                                          : "bodymap-back.svg: ") ||
          strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: expected \"%s\" in \"%s\"", i, cases[i].message, error->message);
    }

  /* A missing area, and a bad path inside an area. */
  {
    g_autoptr(GString) f = g_string_new (front);
    g_autoptr(GError) error = NULL;
    g_autoptr(GlideFigure) broken = NULL;
    const char *start = strstr (f->str, "<path id=\"palm--left\"");
    const char *end = strstr (start, "/>") + 2;

    g_string_erase (f, start - f->str, end - start);
    broken = glide_figure_new_from_data (f->str, f->len, back, -1, &error);
    g_assert_null (broken);
    g_assert_cmpstr (error->message, ==, "bodymap-front.svg: the area palm--left is missing");
  }
  {
    g_autoptr(GString) b = g_string_new (back);
    g_autoptr(GError) error = NULL;
    g_autoptr(GlideFigure) broken = NULL;
    char *d = strstr (strstr (b->str, "id=\"calf--right\""), " d=\"") + 4;

    d[0] = 'Q';  /* "M x,y ..." -> "Q x,y ..." */
    broken = glide_figure_new_from_data (front, -1, b->str, b->len, &error);
    g_assert_null (broken);
    g_assert_true (g_str_has_prefix (error->message, "bodymap-back.svg: line "));
    g_assert_nonnull (strstr (error->message, ": <path id=\"calf--right\">: path must start with a "
                                              "moveto, not 'Q' at offset 0"));
  }
}

/* ---- drawing ---------------------------------------------------------------- */

static void
draw_to_surface (cairo_surface_t           *surface,
                 const GlideBodymapLayout  *layout,
                 const GlideBodymapPalette *palette,
                 const GlideBodymapState   *state)
{
  cairo_t *cr = cairo_create (surface);
  GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_BEST);

  glide_bodymap_draw (painter, figure, layout, palette, state);
  glide_painter_free (painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

static guint32
color_rgb (const GlideColor *c)
{
  return ((guint32) round (c->r * 255) << 16) | ((guint32) round (c->g * 255) << 8) |
         (guint32) round (c->b * 255);
}

static const char *const selection_ids[] = {
  "calf--left", "quadriceps--right", "achilles--left", "thoracolumbar-fascia--midline",
  "carpal-tunnel--right", "upper-trapezius--left",
};

static gboolean *
make_selection (void)
{
  gboolean *selected = g_new0 (gboolean, glide_figure_get_n_areas (figure));

  for (guint i = 0; i < G_N_ELEMENTS (selection_ids); i++)
    {
      GlideSite site;
      GlideSide side;

      g_assert_true (glide_area_parse_id (selection_ids[i], &site, &side));
      selected[glide_figure_lookup (figure, site, side)] = TRUE;
    }
  return selected;
}

/* The PNG of a selection: every selected area's interior pixels carry the
 * selection colour, every other area's the area colour. */
static void
test_render_selection (void)
{
  g_autofree gboolean *selected = make_selection ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 700);
  GlideBodymapPalette palette;
  GlideBodymapLayout layout;
  GlideBodymapState state = { selected, NULL, -1, -1 };
  g_autofree char *png = g_build_filename (g_getenv ("GLIDE_TEST_OUTPUT"), "bodymap-selection.png",
                                           NULL);

  glide_bodymap_palette_init_light (&palette);
  palette.background = (GlideColor) { 1, 1, 1, 1 };
  glide_bodymap_layout_compute (&layout, figure, 1000, 700, TRUE, FALSE);
  draw_to_surface (surface, &layout, &palette, &state);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", png);

  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);
      guint32 expected = color_rgb (selected[i] ? &palette.selected : &palette.area);
      double x, y;

      glide_bodymap_layout_to_drawing (&layout, area->view, area->anchor.x, area->anchor.y, &x, &y);
      /* The anchor and its neighbours, all inside the area. */
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          if (pixel_at (surface, x + dx, y + dy) != expected)
            g_error ("%s at (%g, %g): pixel %06x, expected %06x", area->id, x + dx, y + dy,
                     pixel_at (surface, x + dx, y + dy), expected);
    }
  /* The corners are background. */
  g_assert_cmphex (pixel_at (surface, 2, 2), ==, 0xffffff);
  g_assert_cmphex (pixel_at (surface, 997, 697), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

static void
test_heat_classes (void)
{
  const struct { guint count, max, expected; } cases[] = {
    { 0, 12, 0 }, { 1, 3, 1 }, { 3, 3, 3 }, { 5, 5, 5 }, { 1, 12, 1 }, { 3, 12, 1 },
    { 4, 12, 2 }, { 5, 12, 2 }, { 6, 12, 3 }, { 8, 12, 3 }, { 9, 12, 4 }, { 11, 12, 5 },
    { 12, 12, 5 }, { 40, 40, 5 }, { 1, 40, 1 },
  };
  g_autofree char *single = glide_bodymap_heat_class_label (2, 3);
  g_autofree char *range = glide_bodymap_heat_class_label (2, 12);
  g_autofree char *last = glide_bodymap_heat_class_label (5, 12);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (glide_bodymap_heat_class (cases[i].count, cases[i].max), ==, cases[i].expected);
  g_assert_cmpstr (single, ==, "2");
  g_assert_cmpstr (range, ==, "4–5");
  g_assert_cmpstr (last, ==, "11–12");
}

/* Heat mode paints each area by its class, and the ramp darkens in grey. */
static void
test_render_heat (void)
{
  g_autofree guint *heat = g_new0 (guint, glide_figure_get_n_areas (figure));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 760);
  GlideBodymapPalette palette;
  GlideBodymapLayout layout;
  GlideBodymapState state = { NULL, heat, -1, -1 };
  double previous_luma = 1.1;

  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    heat[i] = i % 13;
  glide_bodymap_palette_init_light (&palette);
  palette.background = (GlideColor) { 1, 1, 1, 1 };
  glide_bodymap_layout_compute (&layout, figure, 1000, 760, TRUE, TRUE);
  draw_to_surface (surface, &layout, &palette, &state);

  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);
      guint c = glide_bodymap_heat_class (heat[i], 12);
      double x, y;

      glide_bodymap_layout_to_drawing (&layout, area->view, area->anchor.x, area->anchor.y, &x, &y);
      g_assert_cmphex (pixel_at (surface, x, y), ==,
                       color_rgb (c == 0 ? &palette.area : &palette.heat[c - 1]));
    }
  for (guint c = 0; c < GLIDE_HEAT_CLASSES; c++)
    {
      const GlideColor *h = &palette.heat[c];
      double luma = 0.2126 * h->r + 0.7152 * h->g + 0.0722 * h->b;

      g_assert_cmpfloat (luma, <, previous_luma - 0.05);
      previous_luma = luma;
    }
  cairo_surface_destroy (surface);
}

/* The same drawing through libharu: a vector PDF (paths, no images) whose
 * pages, rasterised, carry the same colours at the same places as the PNG. */
static void
test_pdf_matches_png (void)
{
  g_autofree gboolean *selected = make_selection ();
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *pdf_path = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png_path = g_build_filename (dir, "page-1.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePdf) pdf = glide_pdf_new (&error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *pdf_text = NULL;
  GlideBodymapPalette palette;
  GlideBodymapLayout layout;
  GlideBodymapState state = { selected, NULL, -1, -1 };
  GlidePainter *painter;
  cairo_surface_t *raster;
  guint matched = 0;
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", pdf_path, prefix, NULL };
  const char *list_images[] = { "pdfimages", "-list", pdf_path, NULL };
  g_autofree char *images = NULL;

  g_assert_no_error (error);
  glide_bodymap_palette_init_light (&palette);
  palette.background = (GlideColor) { 1, 1, 1, 1 };
  glide_bodymap_layout_compute (&layout, figure, 1000, 700, TRUE, FALSE);
  painter = glide_pdf_add_page (pdf, 1000, 700);
  glide_bodymap_draw (painter, figure, &layout, &palette, &state);
  glide_painter_free (painter);
  g_assert_true (glide_pdf_save (pdf, pdf_path, &error));
  g_assert_no_error (error);

  /* Vector: no raster image in the file. */
  g_assert_cmpint (glide_test_run (list_images, &images, NULL), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (images, "\n", -1);

    /* pdfimages prints two header lines and nothing else. */
    g_assert_cmpuint (g_strv_length (lines), <=, 3);
  }

  g_assert_cmpint (glide_test_run (argv, NULL, NULL), ==, 0);
  g_free (png_path);
  png_path = g_strconcat (prefix, ".png", NULL);
  raster = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (raster), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (raster), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (raster), ==, 700);

  for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (figure, i);
      guint32 expected = color_rgb (selected[i] ? &palette.selected : &palette.area);
      guint32 got;
      double x, y;

      glide_bodymap_layout_to_drawing (&layout, area->view, area->anchor.x, area->anchor.y, &x, &y);
      got = pixel_at (raster, x, y);
      /* Rasterisers round colours differently by a step or two. */
      if (ABS ((int) (got >> 16) - (int) (expected >> 16)) <= 3 &&
          ABS ((int) ((got >> 8) & 0xff) - (int) ((expected >> 8) & 0xff)) <= 3 &&
          ABS ((int) (got & 0xff) - (int) (expected & 0xff)) <= 3)
        matched++;
      else
        g_test_message ("%s: PDF pixel %06x, PNG colour %06x", area->id, got, expected);
    }
  g_assert_cmpuint (matched, ==, glide_figure_get_n_areas (figure));
  cairo_surface_destroy (raster);

  bytes = glide_pdf_to_bytes (pdf, &error);
  g_assert_nonnull (bytes);
  pdf_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  glide_test_remove_tree (dir);
}

/* The PDF painter writes a colour, transparency or font only when the page
 * does not have it already, and keeps texts in one text object: what a text
 * is drawn in must still be what was asked, after paths, after q/Q (which
 * gives the page back an earlier colour) and at the end of a page. Each text
 * is a block of U+2588 FULL BLOCK, read back from the rendered page. */
static void
test_pdf_state (void)
{
  const GlideColor red = { 1, 0, 0, 1 };
  const GlideColor green = { 0, 0.5, 0, 1 };
  const GlideColor blue = { 0, 0, 1, 1 };
  const GlideColor half_blue = { 0, 0, 1, 0.5 };
  struct { const GlideColor *color; double x; guint32 expected; } blocks[] = {
    { &red, 20, 0xff0000 },
    { &red, 80, 0xff0000 },        /* after a green rectangle */
    { &blue, 140, 0x0000ff },      /* inside q ... Q */
    { &blue, 200, 0x0000ff },      /* after Q gave the page red back */
    { &half_blue, 260, 0x7f7fff }, /* transparent */
    { &blue, 320, 0x0000ff },      /* opaque again */
  };
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *pdf_path = g_build_filename (dir, "state.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png_path = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", pdf_path, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePdf) pdf = glide_pdf_new (&error);
  GlidePainter *page, *second;
  cairo_surface_t *raster;

  g_assert_no_error (error);
  page = glide_pdf_add_page (pdf, 400, 100);
  second = glide_pdf_add_page (pdf, 400, 100);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      if (i == 1)
        {
          glide_painter_set_fill (page, &green);
          glide_painter_rectangle (page, 0, 80, 400, 20);
          glide_painter_fill (page);
        }
      if (i == 2)
        glide_painter_save (page);
      glide_painter_set_fill (page, blocks[i].color);
      glide_painter_show_text (page, blocks[i].x, 60, "\u2588", 40, GLIDE_TEXT_REGULAR,
                               GLIDE_ALIGN_START);
      if (i == 2)
        glide_painter_restore (page);
    }
  /* Another page drawn on last: both pages end their text. */
  glide_painter_set_fill (second, &green);
  glide_painter_show_text (second, 20, 60, "x", 20, GLIDE_TEXT_BOLD, GLIDE_ALIGN_START);
  glide_painter_free (page);
  glide_painter_free (second);
  g_assert_true (glide_pdf_save (pdf, pdf_path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (glide_test_run (argv, NULL, NULL), ==, 0);
  raster = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (raster), ==, CAIRO_STATUS_SUCCESS);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      guint32 got = pixel_at (raster, blocks[i].x + 10, 45);
      guint32 want = blocks[i].expected;

      g_test_message ("block %u: %06x, expected %06x", i, got, want);
      g_assert_cmpint (ABS ((int) (got >> 16) - (int) (want >> 16)), <=, 3);
      g_assert_cmpint (ABS ((int) ((got >> 8) & 0xff) - (int) ((want >> 8) & 0xff)), <=, 3);
      g_assert_cmpint (ABS ((int) (got & 0xff) - (int) (want & 0xff)), <=, 3);
    }
  cairo_surface_destroy (raster);
  glide_test_remove_tree (dir);
}

/* ---- layers ---------------------------------------------------------------- */

static void
draw_layers (cairo_surface_t           *surface,
             const GlideBodymapLayout  *layout,
             const GlideBodymapPalette *palette,
             const GlideBodymapState   *state,
             GlideBodymapLayers         layers)
{
  cairo_t *cr = cairo_create (surface);
  GlidePainter *painter = glide_painter_cairo_new (cr, "DejaVu Sans", GLIDE_PAINTER_QUALITY_FAST);

  glide_bodymap_draw_layers (painter, figure, layout, palette, state, layers);
  glide_painter_free (painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static cairo_surface_t *
copy_surface (cairo_surface_t *surface)
{
  cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                      cairo_image_surface_get_width (surface),
                                                      cairo_image_surface_get_height (surface));

  memcpy (cairo_image_surface_get_data (copy), cairo_image_surface_get_data (surface),
          (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_surface_mark_dirty (copy);
  return copy;
}

/* How many pixels differ, and the box around those outside @inside (NULL:
 * all of them count as outside). */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   const GlideRect *inside,
                   guint           *outside)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *da = cairo_image_surface_get_data (a);
  const guchar *db = cairo_image_surface_get_data (b);
  guint n = 0;

  *outside = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (da + y * stride + 4 * x, db + y * stride + 4 * x, 4) != 0)
        {
          n++;
          if (inside == NULL || x < inside->x0 || x + 1 > inside->x1 || y < inside->y0 ||
              y + 1 > inside->y1)
            (*outside)++;
        }
  return n;
}

/* What the widget does: the base layer kept, the overlay drawn over it on
 * each frame. For every area hovered and every area focused, in light and
 * dark, with a selection and with heat, that is the same pixels as the
 * whole map drawn at once, and the overlay stays inside the extents the
 * widget gives its node. */
static void
test_render_layers (void)
{
  g_autofree gboolean *selected = make_selection ();
  g_autofree guint *heat = g_new0 (guint, glide_figure_get_n_areas (figure));
  guint n_areas = glide_figure_get_n_areas (figure);
  GlideBodymapLayout layout;

  for (guint i = 0; i < n_areas; i += 3)
    heat[i] = 1 + i % 9;

  for (guint mode = 0; mode < 3; mode++)
    {
      GlideBodymapPalette palette;
      GlideBodymapState state = { selected, mode == 2 ? heat : NULL, -1, -1 };
      cairo_surface_t *base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 640);

      if (mode == 1)
        glide_bodymap_palette_init_dark (&palette);
      else
        glide_bodymap_palette_init_light (&palette);
      glide_bodymap_layout_compute (&layout, figure, 900, 640, TRUE, state.heat != NULL);
      draw_layers (base, &layout, &palette, &state, GLIDE_BODYMAP_LAYER_BASE);

      for (guint k = 0; k < 2 * n_areas; k++)
        {
          cairo_surface_t *full = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 640);
          cairo_surface_t *layered = copy_surface (base);
          guint area = k % n_areas;
          GlideRect extents = glide_bodymap_overlay_extents (&layout, figure, area);
          guint outside, changed;

          state.hover = k < n_areas ? (int) area : -1;
          state.focus = k < n_areas ? -1 : (int) area;
          draw_layers (full, &layout, &palette, &state,
                       GLIDE_BODYMAP_LAYER_BASE | GLIDE_BODYMAP_LAYER_OVERLAY);
          draw_layers (layered, &layout, &palette, &state, GLIDE_BODYMAP_LAYER_OVERLAY);

          if (count_differences (full, layered, NULL, &outside) != 0)
            g_error ("mode %u, %s %s: the layers differ from the whole drawing in %u pixels",
                     mode, k < n_areas ? "hover" : "focus",
                     glide_figure_get_area (figure, area)->id, outside);
          changed = count_differences (base, layered, &extents, &outside);
          g_assert_cmpuint (changed, >, 0);
          if (outside != 0)
            g_error ("mode %u, %s %s: %u of %u changed pixels lie outside the overlay extents",
                     mode, k < n_areas ? "hover" : "focus",
                     glide_figure_get_area (figure, area)->id, outside, changed);
          cairo_surface_destroy (full);
          cairo_surface_destroy (layered);
        }
      cairo_surface_destroy (base);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  figure = glide_figure_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/bodymap/svg-ids", test_svg_ids);
  g_test_add_func ("/bodymap/figure-areas", test_figure_areas);
  g_test_add_func ("/bodymap/interior-points-hit", test_interior_points_hit);
  g_test_add_func ("/bodymap/grid", test_grid);
  g_test_add_func ("/bodymap/sides", test_sides);
  g_test_add_func ("/bodymap/neighbours-reach-everything", test_neighbours_reach_everything);
  g_test_add_func ("/bodymap/parser/commands", test_parser_commands);
  g_test_add_func ("/bodymap/parser/numbers", test_parser_numbers);
  g_test_add_func ("/bodymap/parser/errors", test_parser_errors);
  g_test_add_func ("/bodymap/parser/megabyte", test_parser_megabyte);
  g_test_add_func ("/bodymap/figure-errors", test_figure_errors);
  g_test_add_func ("/bodymap/render/selection", test_render_selection);
  g_test_add_func ("/bodymap/render/heat-classes", test_heat_classes);
  g_test_add_func ("/bodymap/render/heat", test_render_heat);
  g_test_add_func ("/bodymap/render/pdf-matches-png", test_pdf_matches_png);
  g_test_add_func ("/bodymap/render/pdf-state", test_pdf_state);
  g_test_add_func ("/bodymap/render/layers", test_render_layers);

  return g_test_run ();
}
