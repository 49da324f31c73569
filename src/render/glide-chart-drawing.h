/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-chart-drawing.h: a trend chart (values against weeks of a course)
 * drawn through the painter, for the reports and the patient page. */

#pragma once

#include "glide-painter.h"

G_BEGIN_DECLS

typedef struct
{
  double weeks;   /* since the start of the course */
  double value;   /* NAN when not measured that visit */
} GlideChartPoint;

typedef struct
{
  const char *title;            /* "Pain before treatment (0-10)" */
  const char *direction;        /* "Lower is better" */
  const char *x_label;          /* "Weeks since the first visit" */
  const char *unit;             /* appended to tick labels: "", "°" */
  double      y_min;            /* NAN: from the data */
  double      y_max;
  double      x_max;            /* weeks shown; at least the data's */
  GArray     *main;             /* GlideChartPoint, joined by a line */
  const char *main_label;       /* legend, or NULL */
  GArray     *light;            /* GlideChartPoint as lighter marks, or NULL */
  const char *light_label;
  double      band_low;         /* shaded band, NAN: none */
  double      band_high;
  const char *band_label;
  double      reference;        /* labelled reference line, NAN: none */
  const char *reference_label;
} GlideChart;

void glide_chart_init (GlideChart         *chart);
void glide_chart_draw (GlidePainter       *painter,
                       const GlideChart   *chart,
                       double              width,
                       double              height);

G_END_DECLS
