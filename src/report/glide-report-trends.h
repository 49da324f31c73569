/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-trends.h: the parts the progress report and the clinical
 * summary share: trend charts (pain with its MCID band, ROM with the norm;
 * the window's trend chart draws the same ones), the table of further
 * measures, and the body map shaded by visits. */

#pragma once

#include "glide-chart-drawing.h"
#include "glide-report-data.h"
#include "glide-report-document.h"

G_BEGIN_DECLS

typedef enum
{
  GLIDE_REPORT_FOR_PATIENT,    /* everyday words */
  GLIDE_REPORT_FOR_CLINICIAN,  /* clinical labels, thresholds and raters */
} GlideReportReader;

#define GLIDE_REPORT_MAX_ROM_CHARTS 6

typedef struct _GlideReportChart GlideReportChart;

GlideReportChart *glide_report_chart_new       (const GlideReportCourse *data,
                                                guint                    series_index,
                                                GlideReportReader        reader);
const GlideChart *glide_report_chart_get_chart (const GlideReportChart  *self);
void              glide_report_chart_free      (GlideReportChart        *self);

void     glide_report_add_trend_charts (GlideReportDocument     *doc,
                                        const GlideReportCourse *data,
                                        GlideReportReader        reader);
gboolean glide_report_add_body_map     (GlideReportDocument     *doc,
                                        const GlideReportCourse *data,
                                        double                   height,
                                        GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideReportChart, glide_report_chart_free)

G_END_DECLS
