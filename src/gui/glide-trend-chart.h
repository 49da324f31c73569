/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-trend-chart.h: one measure of a course over its weeks, drawn as the
 * clinical summary draws it, for the patient page. */

#pragma once

#include <gtk/gtk.h>

#include "glide-report-data.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_TREND_CHART (glide_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (GlideTrendChart, glide_trend_chart, GLIDE, TREND_CHART, GtkWidget)

GtkWidget  *glide_trend_chart_new              (void);
void        glide_trend_chart_set_course       (GlideTrendChart         *self,
                                                const GlideReportCourse *data);
guint       glide_trend_chart_get_n_series     (GlideTrendChart         *self);
const char *glide_trend_chart_get_series_label (GlideTrendChart         *self,
                                                guint                    index);
const char *glide_trend_chart_get_description  (GlideTrendChart         *self);
guint       glide_trend_chart_get_series       (GlideTrendChart         *self);
void        glide_trend_chart_set_series       (GlideTrendChart         *self,
                                                guint                    index);

G_END_DECLS
