/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bodymap-drawing.c: the one drawing of the body map. Both views stand
 * side by side (front left, back right), scaled to fit with the aspect kept;
 * the front view shows the patient's right on the viewer's left and the back
 * view on the viewer's right, which the R and L marks say on every drawing. */

#define G_LOG_DOMAIN "glide-bodymap"

#include "config.h"

#include "glide-bodymap-drawing.h"
#include "glide-i18n.h"

#include <math.h>

#define VIEW_GAP 0.10   /* between the views, as a fraction of a view's width */
#define SIDE_MARK_MIN_SIZE 6.5   /* points: the R and L marks, for older eyes */

/* ColorBrewer YlOrRd without its palest step: sequential, readable by people
 * with colour vision deficiency, and darker for every step in greyscale. */
static const guint32 heat_ramp[GLIDE_HEAT_CLASSES] = {
  0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026,
};

static void
init_heat (GlideBodymapPalette *p)
{
  for (guint i = 0; i < GLIDE_HEAT_CLASSES; i++)
    p->heat[i] = glide_color_from_hex (heat_ramp[i]);
}

/* For print, PNG and the light style. */
void
glide_bodymap_palette_init_light (GlideBodymapPalette *p)
{
  p->background = (GlideColor) { 1, 1, 1, 0 };
  p->skin = glide_color_from_hex (0xf6f1ec);
  p->outline = glide_color_from_hex (0x5b5550);
  p->guide = glide_color_from_hex (0xb3aaa2);
  p->area = glide_color_from_hex (0xd9e1ea);
  p->area_edge = glide_color_from_hex (0x9aa7b6);
  p->selected = glide_color_from_hex (0x3584e4);
  p->selected_edge = glide_color_from_hex (0x1a5fb4);
  p->hover = (GlideColor) { 0.208, 0.518, 0.894, 0.30 };
  p->focus = glide_color_from_hex (0x1c71d8);
  p->text = glide_color_from_hex (0x241f31);
  init_heat (p);
}

void
glide_bodymap_palette_init_dark (GlideBodymapPalette *p)
{
  p->background = (GlideColor) { 0, 0, 0, 0 };
  p->skin = glide_color_from_hex (0x48433f);
  p->outline = glide_color_from_hex (0xc0bfbc);
  p->guide = glide_color_from_hex (0x7a746e);
  p->area = glide_color_from_hex (0x5e5c64);
  p->area_edge = glide_color_from_hex (0x9a9996);
  p->selected = glide_color_from_hex (0x3584e4);
  p->selected_edge = glide_color_from_hex (0x99c1f1);
  p->hover = (GlideColor) { 0.471, 0.682, 0.929, 0.35 };
  p->focus = glide_color_from_hex (0x78aeed);
  p->text = glide_color_from_hex (0xffffff);
  init_heat (p);
}

void
glide_bodymap_layout_compute (GlideBodymapLayout *layout,
                              const GlideFigure  *figure,
                              double              width,
                              double              height,
                              gboolean            titles,
                              gboolean            legend)
{
  double fw = glide_figure_get_width (figure);
  double fh = glide_figure_get_height (figure);
  double margin = 0.02 * MIN (width, height);
  double title_band, legend_band, avail_w, avail_h, content_h, top;

  layout->width = width;
  layout->height = height;
  layout->title_size = titles ? CLAMP (height * 0.03, 8, 18) : 0;
  layout->legend_size = legend ? CLAMP (height * 0.025, 8, 14) : 0;
  title_band = titles ? layout->title_size * 1.8 : 0;
  legend_band = legend ? layout->legend_size * 4.2 : 0;

  avail_w = MAX (1, width - 2 * margin);
  avail_h = MAX (1, height - 2 * margin - title_band - legend_band);
  layout->scale = MIN (avail_w / (fw * (2 + VIEW_GAP)), avail_h / fh);

  /* Centre the whole block: titles, views, legend. */
  content_h = title_band + fh * layout->scale + legend_band;
  top = (height - content_h) / 2;
  layout->view_y = top + title_band;
  layout->view_x[GLIDE_VIEW_FRONT] = (width - fw * (2 + VIEW_GAP) * layout->scale) / 2;
  layout->view_x[GLIDE_VIEW_BACK] = layout->view_x[GLIDE_VIEW_FRONT] +
                                    fw * (1 + VIEW_GAP) * layout->scale;
  layout->legend_y = legend ? layout->view_y + fh * layout->scale + layout->legend_size : 0;
}

/* Drawing coordinates to a view and figure coordinates; FALSE outside both
 * views' boxes. */
gboolean
glide_bodymap_layout_locate (const GlideBodymapLayout *layout,
                             const GlideFigure        *figure,
                             double                    x,
                             double                    y,
                             GlideView                *view,
                             double                   *figure_x,
                             double                   *figure_y)
{
  for (GlideView v = GLIDE_VIEW_FRONT; v <= GLIDE_VIEW_BACK; v++)
    {
      double fx = (x - layout->view_x[v]) / layout->scale;
      double fy = (y - layout->view_y) / layout->scale;

      if (fx >= 0 && fx <= glide_figure_get_width (figure) &&
          fy >= 0 && fy <= glide_figure_get_height (figure))
        {
          *view = v;
          *figure_x = fx;
          *figure_y = fy;
          return TRUE;
        }
    }
  return FALSE;
}

void
glide_bodymap_layout_to_drawing (const GlideBodymapLayout *layout,
                                 GlideView                 view,
                                 double                    figure_x,
                                 double                    figure_y,
                                 double                   *x,
                                 double                   *y)
{
  *x = layout->view_x[view] + figure_x * layout->scale;
  *y = layout->view_y + figure_y * layout->scale;
}

/* Upper bound of each heat class: one class per count up to five visits,
 * then five equal ranges. */
static guint
class_upper_bound (guint heat_class,
                   guint max_count)
{
  if (max_count <= GLIDE_HEAT_CLASSES)
    return heat_class;
  return (guint) ceil ((double) heat_class * max_count / GLIDE_HEAT_CLASSES);
}

/* 0 for an untreated area, else 1 to GLIDE_HEAT_CLASSES. */
guint
glide_bodymap_heat_class (guint count,
                          guint max_count)
{
  if (count == 0)
    return 0;
  for (guint c = 1; c <= GLIDE_HEAT_CLASSES; c++)
    if (count <= class_upper_bound (c, MAX (max_count, count)))
      return c;
  return GLIDE_HEAT_CLASSES;
}

/* "3", or "3–4": the visit counts a class stands for. */
char *
glide_bodymap_heat_class_label (guint heat_class,
                                guint max_count)
{
  guint high = class_upper_bound (heat_class, max_count);
  guint low = heat_class == 1 ? 1 : class_upper_bound (heat_class - 1, max_count) + 1;

  if (low >= high)
    return g_strdup_printf ("%u", high);
  return g_strdup_printf ("%u–%u", low, high);
}

static void
draw_marks (GlidePainter              *p,
            const GlideFigure         *figure,
            const GlideBodymapLayout  *layout,
            const GlideBodymapPalette *palette,
            GlideView                  view)
{
  /* The patient's right is on the viewer's left in the front view. */
  const char *left_mark = view == GLIDE_VIEW_FRONT ? C_("body side", "R") : C_("body side", "L");
  const char *right_mark = view == GLIDE_VIEW_FRONT ? C_("body side", "L") : C_("body side", "R");
  double fw = glide_figure_get_width (figure);
  double y = 0.125 * glide_figure_get_height (figure);
  /* At least SIDE_MARK_MIN_SIZE points on paper, however small the map. */
  double size = MAX (0.045 * fw * 1.25, SIDE_MARK_MIN_SIZE / layout->scale);
  double radius = size / 1.25;
  double xs[2] = { 0.12 * fw, 0.88 * fw };
  const char *marks[2] = { left_mark, right_mark };
  GlideColor badge = palette->skin;

  for (guint i = 0; i < 2; i++)
    {
      glide_painter_set_fill (p, &badge);
      glide_painter_set_stroke (p, &palette->outline, 1.2 / layout->scale, 0);
      glide_painter_circle (p, xs[i], y, radius);
      glide_painter_fill_stroke (p);
      glide_painter_set_fill (p, &palette->text);
      glide_painter_show_text (p, xs[i], y + radius * 0.45, marks[i], size,
                               GLIDE_TEXT_BOLD, GLIDE_ALIGN_CENTER);
    }
}

/* -1: selected; 0: plain; 1 to GLIDE_HEAT_CLASSES: heat classes. */
static int
area_group (const GlideBodymapState *state,
            guint                    index,
            guint                    max_heat)
{
  if (state->selected != NULL && state->selected[index])
    return -1;
  if (state->heat != NULL)
    return glide_bodymap_heat_class (state->heat[index], max_heat);
  return 0;
}

/* What stays the same from frame to frame: the silhouette, the guides, the
 * areas by selection or heat, the R and L marks and the title. */
static void
draw_view_base (GlidePainter              *p,
                const GlideFigure         *figure,
                const GlideBodymapLayout  *layout,
                const GlideBodymapPalette *palette,
                const GlideBodymapState   *state,
                GlideView                  view,
                guint                      max_heat)
{
  double px = 1 / layout->scale;   /* one drawing unit, in figure units */
  GPtrArray *guides = glide_figure_get_guides (figure, view);

  glide_painter_save (p);
  glide_painter_translate (p, layout->view_x[view], layout->view_y);
  glide_painter_scale (p, layout->scale, layout->scale);

  /* The silhouette's outline, drawn as two fills like the areas' edges. */
  glide_painter_set_fill (p, &palette->outline);
  glide_painter_append_path (p, glide_figure_get_outline (figure, view));
  glide_painter_fill (p);
  glide_painter_set_fill (p, &palette->skin);
  glide_painter_append_polygons (p, glide_figure_get_outline_inset (figure, view));
  glide_painter_fill (p);

  glide_painter_set_stroke (p, &palette->guide, 0.7 * px, 0);
  for (guint i = 0; i < guides->len; i++)
    glide_painter_append_path (p, g_ptr_array_index (guides, i));
  glide_painter_stroke (p);

  /* Each group of areas sharing a colour is drawn with two fills: the shapes
   * in the edge colour, then their insets in the fill colour, which leaves
   * the edge. No stroking: a full redraw stays within a frame's budget. */
  for (int group = -1; group <= GLIDE_HEAT_CLASSES; group++)
    {
      const GlideColor *fill = group < 0 ? &palette->selected :
                               group == 0 ? &palette->area : &palette->heat[group - 1];
      const GlideColor *edge = group < 0 ? &palette->selected_edge : &palette->area_edge;

      for (guint pass = 0; pass < 2; pass++)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
            {
              const GlideFigureArea *area = glide_figure_get_area (figure, i);

              if (area->view != view || area_group (state, i, max_heat) != group)
                continue;
              if (!any)
                glide_painter_set_fill (p, pass == 0 ? edge : fill);
              any = TRUE;
              if (pass == 0)
                glide_painter_append_path (p, area->path);
              else
                glide_painter_append_polygons (p, area->inset);
            }
          if (any)
            glide_painter_fill (p);
          else
            break;
        }
    }

  draw_marks (p, figure, layout, palette, view);
  glide_painter_restore (p);

  if (layout->title_size > 0)
    {
      double cx = layout->view_x[view] + glide_figure_get_width (figure) * layout->scale / 2;

      glide_painter_set_fill (p, &palette->text);
      glide_painter_show_text (p, cx, layout->view_y - layout->title_size * 0.6,
                               view == GLIDE_VIEW_FRONT ? _("Front") : _("Back"),
                               layout->title_size, GLIDE_TEXT_BOLD, GLIDE_ALIGN_CENTER);
    }
}

/* What the pointer and the keyboard change: the hovered area's tint and
 * the focus ring, on top of everything so that nothing covers the ring. */
static void
draw_view_overlay (GlidePainter              *p,
                   const GlideFigure         *figure,
                   const GlideBodymapLayout  *layout,
                   const GlideBodymapPalette *palette,
                   const GlideBodymapState   *state,
                   GlideView                  view)
{
  double px = 1 / layout->scale;   /* one drawing unit, in figure units */
  gboolean hover = state->hover >= 0 && glide_figure_get_area (figure, state->hover)->view == view;
  gboolean focus = state->focus >= 0 && glide_figure_get_area (figure, state->focus)->view == view;

  if (!hover && !focus)
    return;

  glide_painter_save (p);
  glide_painter_translate (p, layout->view_x[view], layout->view_y);
  glide_painter_scale (p, layout->scale, layout->scale);

  if (hover)
    {
      glide_painter_set_fill (p, &palette->hover);
      glide_painter_append_path (p, glide_figure_get_area (figure, state->hover)->path);
      glide_painter_fill (p);
    }

  /* A wide ring in the focus colour with a thin line of the skin colour
   * inside, which shows on a selected (accent-coloured) area too. */
  if (focus)
    {
      const GlidePath *path = glide_figure_get_area (figure, state->focus)->path;

      glide_painter_set_stroke (p, &palette->focus, 4 * px, 0);
      glide_painter_append_path (p, path);
      glide_painter_stroke (p);
      glide_painter_set_stroke (p, &palette->skin, 1.3 * px, 0);
      glide_painter_append_path (p, path);
      glide_painter_stroke (p);
    }

  glide_painter_restore (p);
}

static void
draw_legend (GlidePainter              *p,
             const GlideBodymapLayout  *layout,
             const GlideBodymapPalette *palette,
             guint                      max_heat)
{
  double size = layout->legend_size;
  double swatch = size * 1.2;
  double y = layout->legend_y;
  guint n_classes = MIN (GLIDE_HEAT_CLASSES, MAX (max_heat, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char *title = _("Visits in which the area was treated:");
  double total, x;

  g_ptr_array_add (labels, g_strdup (_("none")));
  for (guint c = 1; c <= n_classes; c++)
    g_ptr_array_add (labels, glide_bodymap_heat_class_label (c, max_heat));

  total = glide_painter_text_width (p, title, size, GLIDE_TEXT_REGULAR) + size;
  for (guint i = 0; i < labels->len; i++)
    total += swatch + size * 0.4 +
             glide_painter_text_width (p, g_ptr_array_index (labels, i), size, GLIDE_TEXT_REGULAR) +
             size * 1.2;
  x = MAX (0, (layout->width - total) / 2);

  glide_painter_set_fill (p, &palette->text);
  glide_painter_show_text (p, x, y + swatch * 0.8, title, size, GLIDE_TEXT_REGULAR,
                           GLIDE_ALIGN_START);
  x += glide_painter_text_width (p, title, size, GLIDE_TEXT_REGULAR) + size;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);

      glide_painter_set_fill (p, i == 0 ? &palette->area : &palette->heat[i - 1]);
      glide_painter_set_stroke (p, &palette->area_edge, 0.8, 0);
      glide_painter_rectangle (p, x, y, swatch, swatch);
      glide_painter_fill_stroke (p);
      x += swatch + size * 0.4;
      glide_painter_set_fill (p, &palette->text);
      glide_painter_show_text (p, x, y + swatch * 0.8, label, size, GLIDE_TEXT_REGULAR,
                               GLIDE_ALIGN_START);
      x += glide_painter_text_width (p, label, size, GLIDE_TEXT_REGULAR) + size * 1.2;
    }
}

/**
 * glide_bodymap_draw_layers:
 * @layers: which layers to draw
 *
 * Draws both views into the rectangle of @layout. The base layer depends on
 * state->selected and state->heat only, the overlay on state->hover and
 * state->focus only, so a widget can keep the base from frame to frame and
 * draw the overlay over it: the pixels are the same as drawing both at
 * once. With state->heat set, the areas take the heat ramp by visit count
 * and a legend is drawn (in the base) when the layout has room for one.
 */
void
glide_bodymap_draw_layers (GlidePainter              *painter,
                           const GlideFigure         *figure,
                           const GlideBodymapLayout  *layout,
                           const GlideBodymapPalette *palette,
                           const GlideBodymapState   *state,
                           GlideBodymapLayers         layers)
{
  if (layers & GLIDE_BODYMAP_LAYER_BASE)
    {
      guint max_heat = 0;

      if (state->heat != NULL)
        for (guint i = 0; i < glide_figure_get_n_areas (figure); i++)
          max_heat = MAX (max_heat, state->heat[i]);

      if (palette->background.a > 0)
        {
          glide_painter_set_fill (painter, &palette->background);
          glide_painter_rectangle (painter, 0, 0, layout->width, layout->height);
          glide_painter_fill (painter);
        }

      draw_view_base (painter, figure, layout, palette, state, GLIDE_VIEW_FRONT, max_heat);
      draw_view_base (painter, figure, layout, palette, state, GLIDE_VIEW_BACK, max_heat);

      if (state->heat != NULL && layout->legend_y > 0)
        draw_legend (painter, layout, palette, max_heat);
    }

  if (layers & GLIDE_BODYMAP_LAYER_OVERLAY)
    {
      draw_view_overlay (painter, figure, layout, palette, state, GLIDE_VIEW_FRONT);
      draw_view_overlay (painter, figure, layout, palette, state, GLIDE_VIEW_BACK);
    }
}

/**
 * glide_bodymap_draw:
 *
 * Draws both layers: the whole body map in @state.
 */
void
glide_bodymap_draw (GlidePainter              *painter,
                    const GlideFigure         *figure,
                    const GlideBodymapLayout  *layout,
                    const GlideBodymapPalette *palette,
                    const GlideBodymapState   *state)
{
  glide_bodymap_draw_layers (painter, figure, layout, palette, state,
                             GLIDE_BODYMAP_LAYER_BASE | GLIDE_BODYMAP_LAYER_OVERLAY);
}

/**
 * glide_bodymap_overlay_extents:
 * @area: a figure area index
 *
 * Where the overlay of @area (its hover tint or its focus ring) can touch,
 * in drawing units: nothing outside it changes when the area is hovered or
 * focused.
 */
GlideRect
glide_bodymap_overlay_extents (const GlideBodymapLayout *layout,
                               const GlideFigure        *figure,
                               guint                     area)
{
  const GlideFigureArea *a;
  /* Half the focus ring's width, and a pixel for antialiasing and for the
   * curves' flattening. */
  double pad = 2 + 1;
  GlideRect r = { 0, 0, 0, 0 };

  g_return_val_if_fail (area < glide_figure_get_n_areas (figure), r);

  a = glide_figure_get_area (figure, area);
  glide_bodymap_layout_to_drawing (layout, a->view, a->bounds.x0, a->bounds.y0, &r.x0, &r.y0);
  glide_bodymap_layout_to_drawing (layout, a->view, a->bounds.x1, a->bounds.y1, &r.x1, &r.y1);
  r.x0 -= pad;
  r.y0 -= pad;
  r.x1 += pad;
  r.y1 += pad;
  return r;
}
