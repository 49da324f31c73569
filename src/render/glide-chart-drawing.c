/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-chart-drawing.c: a readable trend chart: a title with the direction
 * that is better, round ticks, the series as a line with marks, a second
 * series as lighter marks, an optional shaded band and a labelled reference
 * line. Colours are chosen to stay distinct in greyscale print. */

#define G_LOG_DOMAIN "glide-chart"

#include "config.h"

#include "glide-chart-drawing.h"
#include "glide-language.h"

#include <math.h>

void
glide_chart_init (GlideChart *chart)
{
  *chart = (GlideChart) { 0 };
  chart->y_min = NAN;
  chart->y_max = NAN;
  chart->band_low = NAN;
  chart->band_high = NAN;
  chart->reference = NAN;
  chart->unit = "";
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most max_ticks. */
static double
nice_step (double span,
           guint  max_ticks)
{
  double raw = span / MAX (max_ticks, 1);
  double power = pow (10, floor (log10 (MAX (raw, 1e-9))));

  for (guint i = 0; i < 3; i++)
    {
      const double multiples[] = { 1, 2, 5 };

      if (multiples[i] * power >= raw)
        return multiples[i] * power;
    }
  return 10 * power;
}

/* An axis label: "140°", "−10°" with a true minus sign, "0" never "-0". */
static char *
format_tick (double      value,
             const char *unit)
{
  g_autofree char *number = NULL;

  if (fabs (value) < 1e-9)
    value = 0;
  number = glide_format_decimal (fabs (value), -1);
  return g_strconcat (value < 0 ? "−" : "", number, unit, NULL);
}

static void
data_range (const GlideChart *chart,
            double           *low,
            double           *high)
{
  GArray *series[2] = { chart->main, chart->light };

  *low = G_MAXDOUBLE;
  *high = -G_MAXDOUBLE;
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; series[s] && i < series[s]->len; i++)
      {
        double v = g_array_index (series[s], GlideChartPoint, i).value;

        if (!isnan (v))
          {
            *low = MIN (*low, v);
            *high = MAX (*high, v);
          }
      }
  if (!isnan (chart->reference))
    {
      *low = MIN (*low, chart->reference);
      *high = MAX (*high, chart->reference);
    }
  if (*low > *high)
    *low = 0, *high = 1;
}

static void
draw_mark (GlidePainter     *p,
           double            x,
           double            y,
           double            r,
           const GlideColor *fill,
           const GlideColor *edge)
{
  glide_painter_set_fill (p, fill);
  glide_painter_set_stroke (p, edge, 1, 0);
  glide_painter_circle (p, x, y, r);
  glide_painter_fill_stroke (p);
}

/* One entry of the legend: its mark and its label. */
typedef enum
{
  LEGEND_MAIN,
  LEGEND_LIGHT,
  LEGEND_BAND,
  LEGEND_REFERENCE,
} LegendKind;

typedef struct
{
  LegendKind  kind;
  const char *label;
  double      x;      /* from the left edge */
  guint       row;
  double      size;   /* smaller than the legend's when the label alone is wider than the chart */
  char       *cut;    /* the label cut to the chart's width, when even that was not enough */
} LegendItem;

#define LEGEND_MARK 9.0
#define INSET 6.0         /* between the axes and the first and last values */
#define LEGEND_GAP 12.0
#define LEGEND_ROWS 2     /* rows kept for the legend, used or not */
#define LEGEND_MIN_SIZE 6.0

/* A label longer than the chart is wide (a long translation, say): smaller
 * type down to LEGEND_MIN_SIZE, then cut with an ellipsis, never drawn over
 * the chart beside it. */
static void
fit_legend_item (GlidePainter *p,
                 LegendItem   *item,
                 double        room)
{
  double w = glide_painter_text_width (p, item->label, item->size, GLIDE_TEXT_REGULAR);
  glong n;

  if (w <= room)
    return;
  item->size = MAX (LEGEND_MIN_SIZE, item->size * room / w);
  if (glide_painter_text_width (p, item->label, item->size, GLIDE_TEXT_REGULAR) <= room)
    return;
  for (n = g_utf8_strlen (item->label, -1) - 1; n > 0; n--)
    {
      g_autofree char *head = g_utf8_substring (item->label, 0, n);

      g_free (item->cut);
      item->cut = g_strconcat (g_strchomp (head), "…", NULL);
      if (glide_painter_text_width (p, item->cut, item->size, GLIDE_TEXT_REGULAR) <= room)
        return;
    }
}

/* Legend entries laid out left to right, wrapping onto further rows when
 * the chart is narrow. Returns the number of rows. */
static guint
layout_legend (GlidePainter     *p,
               const GlideChart *chart,
               double            width,
               double            size,
               LegendItem       *items,
               guint            *n_items)
{
  LegendItem candidates[4] = {
    { LEGEND_MAIN, chart->main_label, 0, 0, size, NULL },
    { LEGEND_LIGHT, chart->light != NULL && chart->light->len > 0 ? chart->light_label : NULL, 0, 0,
      size, NULL },
    { LEGEND_BAND, !isnan (chart->band_low) ? chart->band_label : NULL, 0, 0, size, NULL },
    { LEGEND_REFERENCE, !isnan (chart->reference) ? chart->reference_label : NULL, 0, 0, size,
      NULL },
  };
  double x = 0;
  guint row = 0;

  *n_items = 0;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      double w;

      if (candidates[i].label == NULL)
        continue;
      fit_legend_item (p, &candidates[i], width - LEGEND_MARK - 3);
      w = LEGEND_MARK + 3 + glide_painter_text_width (p, candidates[i].cut ? candidates[i].cut
                                                                           : candidates[i].label,
                                                      candidates[i].size, GLIDE_TEXT_REGULAR);
      if (x > 0 && x + w > width)
        {
          row++;
          x = 0;
        }
      candidates[i].x = x;
      candidates[i].row = row;
      items[(*n_items)++] = candidates[i];
      x += w + LEGEND_GAP;
    }
  return *n_items > 0 ? row + 1 : 0;
}

/**
 * glide_chart_draw:
 * @width: the chart's width, in the painter's units (points in a PDF)
 * @height: its height, title and legend included
 *
 * Draws at the painter's origin.
 */
void
glide_chart_draw (GlidePainter     *p,
                  const GlideChart *chart,
                  double            width,
                  double            height)
{
  const GlideColor text = glide_color_from_hex (0x241f31);
  const GlideColor muted = glide_color_from_hex (0x5e5c64);
  const GlideColor grid = glide_color_from_hex (0xdeddda);
  const GlideColor axis = glide_color_from_hex (0x77767b);
  const GlideColor line = glide_color_from_hex (0x1c71d8);
  const GlideColor light = glide_color_from_hex (0x99c1f1);
  const GlideColor white = { 1, 1, 1, 1 };
  const GlideColor band = { 0.180, 0.761, 0.494, 0.18 };
  const GlideColor band_edge = glide_color_from_hex (0x26a269);
  const GlideColor reference = glide_color_from_hex (0xc64600);
  double title_size = 10, tick_size = 8, legend_size = 8;
  double left, right = 10, top, bottom, plot_w, plot_h;
  double y_min, y_max, step_y, step_x, x_max;
  double low, high;
  guint n_main = chart->main ? chart->main->len : 0;
  double previous_x = NAN;
  double direction_size = title_size * 0.9;
  LegendItem legend[4];
  guint n_legend = 0, legend_rows, max_ticks;

  x_max = MAX (chart->x_max, 1);
  for (guint i = 0; i < n_main; i++)
    x_max = MAX (x_max, g_array_index (chart->main, GlideChartPoint, i).weeks);
  x_max = ceil (x_max);
  step_x = MAX (1, nice_step (x_max, 8));   /* whole weeks */
  x_max = ceil (x_max / step_x) * step_x;

  /* The title shrinks to fit; the direction goes on the line under it. The
   * header and legend take the same room on every chart, so charts side by
   * side have their plots level. */
  if (chart->title != NULL)
    {
      double w = glide_painter_text_width (p, chart->title, title_size, GLIDE_TEXT_BOLD);

      if (w > width)
        title_size = MAX (8, title_size * width / w);
    }
  legend_rows = layout_legend (p, chart, width, legend_size, legend, &n_legend);

  top = 9.5 * 3.4;
  bottom = tick_size * 3.4 + MAX (legend_rows, LEGEND_ROWS) * legend_size * 1.5;
  plot_h = MAX (10, height - top - bottom);

  /* Axis range: given, or the data and reference with a margin, on ticks
   * far enough apart for their labels to be read. */
  max_ticks = CLAMP ((guint) ((plot_h - 2 * INSET) / 12), 2, 6);
  data_range (chart, &low, &high);
  y_min = isnan (chart->y_min) ? low : chart->y_min;
  y_max = isnan (chart->y_max) ? high : chart->y_max;
  if (isnan (chart->y_min) || isnan (chart->y_max))
    {
      double pad = MAX ((y_max - y_min) * 0.15, 5);
      double lo = isnan (chart->y_min) ? y_min - pad : y_min;
      double hi = isnan (chart->y_max) ? y_max + pad : y_max;

      /* One step for both ends, so that every tick is a multiple of it
       * (20, 40, 60, not 20, 70, 120). */
      step_y = nice_step (hi - lo, max_ticks);
      y_min = isnan (chart->y_min) ? floor (lo / step_y) * step_y : lo;
      y_max = isnan (chart->y_max) ? ceil (hi / step_y) * step_y : hi;
    }
  else
    step_y = nice_step (y_max - y_min, max_ticks);

  /* Margins: room for the tick labels, the title and the x label. The
   * widest label is at one end or the other: "−100°" is wider than "300°"
   * though 300 is the larger number. */
  {
    g_autofree char *lowest = format_tick (y_min, chart->unit);
    g_autofree char *highest = format_tick (y_max, chart->unit);

    left = MAX (glide_painter_text_width (p, lowest, tick_size, GLIDE_TEXT_REGULAR),
                glide_painter_text_width (p, highest, tick_size, GLIDE_TEXT_REGULAR)) + 8;
  }
  plot_w = MAX (10, width - left - right);

  /* Values stay INSET clear of the axes, so a mark at week 0 or at the
   * bottom of the scale is drawn whole, not half over the axis. */
#define X(w) (left + INSET + (w) / x_max * (plot_w - 2 * INSET))
#define Y(v) (top + INSET + (1 - ((v) - y_min) / (y_max - y_min)) * (plot_h - 2 * INSET))

  /* Title, and on the right which way is better. */
  glide_painter_set_fill (p, &text);
  glide_painter_show_text (p, 0, title_size, chart->title ? chart->title : "", title_size,
                           GLIDE_TEXT_BOLD, GLIDE_ALIGN_START);
  if (chart->direction != NULL)
    {
      glide_painter_set_fill (p, &muted);
      glide_painter_show_text (p, 0, 9.5 * 2.3, chart->direction, direction_size,
                               GLIDE_TEXT_BOLD, GLIDE_ALIGN_START);
    }

  /* The band first, under everything. */
  if (!isnan (chart->band_low) && !isnan (chart->band_high))
    {
      double b0 = CLAMP (chart->band_low, y_min, y_max), b1 = CLAMP (chart->band_high, y_min, y_max);

      glide_painter_set_fill (p, &band);
      glide_painter_rectangle (p, left, Y (b1), plot_w, Y (b0) - Y (b1));
      glide_painter_fill (p);
      glide_painter_set_stroke (p, &band_edge, 0.6, 2);
      glide_painter_move_to (p, left, Y (b0));
      glide_painter_line_to (p, left + plot_w, Y (b0));
      glide_painter_stroke (p);
    }

  /* Grid and tick labels. */
  glide_painter_set_stroke (p, &grid, 0.5, 0);
  for (double v = y_min; v <= y_max + step_y / 1000; v += step_y)
    {
      glide_painter_move_to (p, left, Y (v));
      glide_painter_line_to (p, left + plot_w, Y (v));
    }
  glide_painter_stroke (p);
  glide_painter_set_fill (p, &muted);
  for (double v = y_min; v <= y_max + step_y / 1000; v += step_y)
    {
      g_autofree char *label = format_tick (v, chart->unit);

      glide_painter_show_text (p, left - 4, Y (v) + tick_size * 0.35, label, tick_size,
                               GLIDE_TEXT_REGULAR, GLIDE_ALIGN_END);
    }
  for (double w = 0; w <= x_max + step_x / 1000; w += step_x)
    {
      g_autofree char *label = glide_format_decimal (w, -1);

      glide_painter_show_text (p, X (w), top + plot_h + tick_size * 1.5, label, tick_size,
                               GLIDE_TEXT_REGULAR, GLIDE_ALIGN_CENTER);
    }
  if (chart->x_label != NULL)
    glide_painter_show_text (p, left + plot_w / 2, top + plot_h + tick_size * 3, chart->x_label,
                             tick_size, GLIDE_TEXT_REGULAR, GLIDE_ALIGN_CENTER);
  glide_painter_set_stroke (p, &axis, 0.8, 0);
  glide_painter_move_to (p, left, top);
  glide_painter_line_to (p, left, top + plot_h);
  glide_painter_line_to (p, left + plot_w, top + plot_h);
  glide_painter_stroke (p);

  /* The reference line; its label is in the legend, where no data can
   * be drawn over it. */
  if (!isnan (chart->reference) && chart->reference >= y_min && chart->reference <= y_max)
    {
      glide_painter_set_stroke (p, &reference, 1, 3);
      glide_painter_move_to (p, left, Y (chart->reference));
      glide_painter_line_to (p, left + plot_w, Y (chart->reference));
      glide_painter_stroke (p);
    }

  /* Lighter marks first, so the main series stays on top. */
  for (guint i = 0; chart->light && i < chart->light->len; i++)
    {
      const GlideChartPoint *pt = &g_array_index (chart->light, GlideChartPoint, i);

      if (!isnan (pt->value))
        draw_mark (p, X (pt->weeks), Y (pt->value), 2.2, &white, &light);
    }

  glide_painter_set_stroke (p, &line, 1.4, 0);
  for (guint i = 0; i < n_main; i++)
    {
      const GlideChartPoint *pt = &g_array_index (chart->main, GlideChartPoint, i);

      if (isnan (pt->value))
        continue;
      if (isnan (previous_x))
        glide_painter_move_to (p, X (pt->weeks), Y (pt->value));
      else
        glide_painter_line_to (p, X (pt->weeks), Y (pt->value));
      previous_x = pt->weeks;
    }
  if (!isnan (previous_x))
    glide_painter_stroke (p);
  for (guint i = 0; i < n_main; i++)
    {
      const GlideChartPoint *pt = &g_array_index (chart->main, GlideChartPoint, i);

      if (!isnan (pt->value))
        draw_mark (p, X (pt->weeks), Y (pt->value), 2.4, &line, &white);
    }

  /* Legend along the bottom, in as many rows as it needs. */
  for (guint i = 0; i < n_legend; i++)
    {
      const LegendItem *item = &legend[i];
      double x = item->x;
      double y = top + plot_h + tick_size * 3.4 + (item->row + 1) * legend_size * 1.5 -
                 legend_size * 0.3;

      switch (item->kind)
        {
        case LEGEND_MAIN:
          draw_mark (p, x + 3, y - legend_size * 0.35, 2.4, &line, &white);
          break;
        case LEGEND_LIGHT:
          draw_mark (p, x + 3, y - legend_size * 0.35, 2.2, &white, &light);
          break;
        case LEGEND_REFERENCE:
          glide_painter_set_stroke (p, &reference, 1, 2);
          glide_painter_move_to (p, x, y - legend_size * 0.35);
          glide_painter_line_to (p, x + LEGEND_MARK, y - legend_size * 0.35);
          glide_painter_stroke (p);
          break;
        case LEGEND_BAND:
        default:
          glide_painter_set_fill (p, &band);
          glide_painter_rectangle (p, x, y - legend_size * 0.8, LEGEND_MARK, legend_size * 0.9);
          glide_painter_fill (p);
          break;
        }
      glide_painter_set_fill (p, &muted);
      glide_painter_show_text (p, x + LEGEND_MARK + 3, y, item->cut ? item->cut : item->label,
                               item->size, GLIDE_TEXT_REGULAR, GLIDE_ALIGN_START);
      g_free (item->cut);
    }
#undef X
#undef Y
}
