/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-trends.c: charts and the body map for the course documents.
 * The values come from the store's series and the verdicts from core's
 * trends, so a chart, a sentence and a table never disagree. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report-trends.h"
#include "glide-i18n.h"

#include "glide-bodymap-drawing.h"
#include "glide-chart-drawing.h"
#include "glide-date.h"

#include <math.h>

#define CHART_HEIGHT 165.0

/* The chart owns every string and array it points to, so it outlives the
 * course it was made from. */
struct _GlideReportChart
{
  GlideChart  chart;
  char       *title;
  char       *reference_label;
  char       *band_label;
};

static double
last_week (const GlideReportCourse *data)
{
  GlideSession *last;

  if (data->sessions->len == 0)
    return 1;
  last = g_ptr_array_index (data->sessions, data->sessions->len - 1);
  return glide_report_course_weeks (data, last->start);
}

static const GlideTrend *
find_trend (const GlideReportCourse *data,
            const GlideSeries       *series)
{
  for (guint i = 0; i < data->trends->len; i++)
    {
      const GlideTrend *trend = g_ptr_array_index (data->trends, i);

      if (trend->measure == series->measure && trend->side == series->side)
        return trend;
    }
  return NULL;
}

static GlideReportChart *
chart_new (const GlideReportCourse *data,
           const GlideSeries       *series,
           GlideReportReader        reader)
{
  GlideReportChart *c = g_new0 (GlideReportChart, 1);
  const GlideTrend *trend = find_trend (data, series);
  gboolean patient = reader == GLIDE_REPORT_FOR_PATIENT;
  double norm;
  const char *source;

  glide_chart_init (&c->chart);
  c->chart.main = g_array_new (FALSE, FALSE, sizeof (GlideChartPoint));
  c->chart.light = g_array_new (FALSE, FALSE, sizeof (GlideChartPoint));
  for (guint i = 0; i < series->points->len; i++)
    {
      const GlideSeriesPoint *point = &g_array_index (series->points, GlideSeriesPoint, i);
      double weeks = glide_report_course_weeks (data, point->date);
      GlideChartPoint pre = { weeks, point->pre }, post = { weeks, point->post };

      if (!isnan (point->pre))
        g_array_append_val (c->chart.main, pre);
      if (!isnan (point->post))
        g_array_append_val (c->chart.light, post);
    }
  c->chart.x_max = last_week (data);
  c->chart.x_label = patient ? _("Weeks since your first visit") : _("Weeks since the first visit");
  c->chart.main_label = patient ? _("Before treatment") : _("Pre-treatment");
  c->chart.light_label = patient ? _("Right after treatment") : _("Post-treatment");

  if (series->measure == GLIDE_MEASURE_PAIN)
    {
      c->title = g_strdup (patient ? _("Your pain (0 = no pain, 10 = worst)") :
                                     _("Pain, numeric rating scale 0-10"));
      c->chart.direction = _("Lower is better");
      c->chart.y_min = 0;
      c->chart.y_max = 10;
      /* Pain that starts at 0 cannot improve: no band, no "meaningful at ≤ 0". */
      if (trend != NULL && glide_progress_has_threshold (trend))
        {
          g_autofree char *low = glide_progress_format_value (GLIDE_MEASURE_PAIN,
                                                              trend->first - trend->threshold);

          /* The band in which a change is not yet meaningful: down to the
           * MCID below the first value, up to the full MCID above it. */
          c->chart.band_low = MAX (0, trend->first - trend->threshold);
          c->chart.band_high = MIN (10, trend->first + glide_measure_get_mcid (GLIDE_MEASURE_PAIN));
          c->band_label = patient ?
            g_strdup (_("Shaded: no meaningful change from your first visit")) :
            /* Translators: %s is the pain value a meaningful improvement reaches */
            g_strdup_printf (_("Shaded: within the MCID; meaningful at ≤ %s"), low);
          c->chart.band_label = c->band_label;
        }
    }
  else
    {
      c->title = patient ? g_strdup (glide_measure_get_plain_label (series->measure, series->side))
                         : glide_report_measure_label (series->measure, series->side);
      c->chart.direction = glide_measure_get_better (series->measure) == GLIDE_BETTER_LOWER ?
                           _("Lower is better") : _("Higher is better");
      if (glide_measure_get_kind (series->measure) == GLIDE_MEASURE_KIND_ROM)
        c->chart.unit = "°";
      else
        {
          c->chart.y_min = glide_measure_get_min (series->measure);
          c->chart.y_max = glide_measure_get_max (series->measure);
        }
      if (glide_measure_get_norm (series->measure, &norm, &source))
        {
          g_autofree char *value = glide_progress_format_value (series->measure, norm);

          c->chart.reference = norm;
          c->reference_label = patient ? g_strdup_printf (_("Typical: %s"), value)
                                       : g_strdup_printf (_("Norm %s (%s)"), value, source);
          c->chart.reference_label = c->reference_label;
        }
    }
  c->chart.title = c->title;
  return c;
}

static void
draw_chart (GlidePainter *painter,
            double        width,
            double        height,
            gpointer      user_data)
{
  glide_chart_draw (painter, glide_report_chart_get_chart (user_data), width, height);
}

static const char *
patient_verdict (const GlideTrend *trend)
{
  if (trend->n_values < 2)
    return _("Measured once so far");
  switch (trend->verdict)
    {
    case GLIDE_VERDICT_IMPROVED:
      /* Beyond the minimal detectable change: real, not shown to matter. */
      if (glide_measure_get_kind (trend->measure) == GLIDE_MEASURE_KIND_ROM)
        return _("A real change, beyond measurement error");
      return _("Meaningful improvement");
    case GLIDE_VERDICT_WITHIN_ERROR:
      return _("Within measurement error");
    case GLIDE_VERDICT_WORSE:
      return _("Worse; your therapist will go over it with you");
    case GLIDE_VERDICT_NOT_YET:
    default:
      return _("Not yet a meaningful change");
    }
}

/* Measures without a chart, for the patient: the name, first and latest
 * value, the typical value and what the change means. */
static void
add_patient_table (GlideReportDocument *doc,
                   GPtrArray           *trends)
{
  const GlideReportColumn columns[] = {
    { _("Measurement"), 3.2, GLIDE_ALIGN_START },
    { _("First"), 1, GLIDE_ALIGN_END },
    { _("Latest"), 1, GLIDE_ALIGN_END },
    { _("Typical"), 1, GLIDE_ALIGN_END },
    { _("What it means"), 2.6, GLIDE_ALIGN_START },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < trends->len; i++)
    {
      const GlideTrend *t = g_ptr_array_index (trends, i);
      double norm;
      char *typical = glide_measure_get_norm (t->measure, &norm, NULL) ?
                      glide_progress_format_value (t->measure, norm) : g_strdup ("");

      g_ptr_array_add (rows, glide_report_row (5, g_strdup (glide_measure_get_plain_label (t->measure, t->side)),
                                    glide_progress_format_value (t->measure, t->first),
                                    glide_progress_format_value (t->measure, t->latest),
                                    typical, g_strdup (patient_verdict (t))));
    }
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
}

/* Every measure for the clinician: values with dates, the change, the
 * threshold the rules used, whether the rater changed, and the verdict. */
/* "95° (2 Mar 2026)", or "95° (2 Mar 2026, draft)" when the session is
 * not signed. */
static char *
dated_value (const GlideReportCourse *data,
             const GlideTrend        *t,
             double                   value,
             const char              *date,
             gint64                   session_id)
{
  g_autofree char *shown = glide_progress_format_value (t->measure, value);
  g_autofree char *when = glide_date_format_long (date);

  if (glide_report_course_is_draft (data, session_id))
    /* Translators: a value, then the date of the unsigned session it comes from */
    return g_strdup_printf (_("%s (%s, draft)"), shown, when);
  return g_strdup_printf ("%s (%s)", shown, when);
}

static void
add_clinician_table (GlideReportDocument     *doc,
                     const GlideReportCourse *data,
                     GPtrArray               *trends)
{
  const GlideReportColumn columns[] = {
    { _("Measure"), 2.6, GLIDE_ALIGN_START },
    { _("First"), 1.5, GLIDE_ALIGN_END },
    { _("Latest"), 1.5, GLIDE_ALIGN_END },
    { _("Change"), 0.9, GLIDE_ALIGN_END },
    { _("Needed"), 0.9, GLIDE_ALIGN_END },
    { _("Raters"), 1.0, GLIDE_ALIGN_START },
    { _("Verdict"), 1.6, GLIDE_ALIGN_START },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean any_draft = FALSE;

  for (guint i = 0; i < trends->len; i++)
    {
      const GlideTrend *t = g_ptr_array_index (trends, i);
      gboolean judged = t->n_values >= 2;
      const char *kind = glide_measure_get_kind (t->measure) == GLIDE_MEASURE_KIND_ROM ?
                         _("MDC") : _("MCID");
      g_autofree char *threshold = glide_progress_format_value (t->measure, t->threshold);

      any_draft |= glide_report_course_is_draft (data, t->first_session) ||
                   glide_report_course_is_draft (data, t->latest_session);
      g_ptr_array_add (rows, glide_report_row (7, glide_report_measure_label (t->measure, t->side),
                                    dated_value (data, t, t->first, t->first_date, t->first_session),
                                    judged ? dated_value (data, t, t->latest, t->latest_date,
                                                          t->latest_session)
                                           : g_strdup ("–"),
                                    judged ? glide_progress_format_change (t->measure,
                                                                           t->latest - t->first)
                                           : g_strdup ("–"),
                                    glide_progress_has_threshold (t) ?
                                      g_strdup_printf ("%s %s", kind, threshold) : g_strdup ("–"),
                                    g_strdup (glide_progress_is_self_reported (t->measure) ?
                                                _("self-report") :
                                              !judged ? "–" :
                                              t->same_rater ? _("same") : _("changed")),
                                    g_strdup (glide_progress_trend_verdict_label (t))));
    }
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), rows, 0);
  if (any_draft)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_WARNING,
                                _("Values marked “draft” come from draft sessions: they may still "
                                  "change, and the patient's progress report leaves them out."));
}

/**
 * glide_report_add_trend_charts:
 *
 * The pain chart, one chart per measured motion and side (up to six), and a
 * table for the rest (the clinician's table lists every measure).
 */
void
glide_report_add_trend_charts (GlideReportDocument     *doc,
                               const GlideReportCourse *data,
                               GlideReportReader        reader)
{
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_report_chart_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  guint n_rom = 0;

  for (guint i = 0; i < data->series->len; i++)
    {
      const GlideSeries *series = g_ptr_array_index (data->series, i);
      const GlideTrend *trend = find_trend (data, series);
      GlideMeasureKind kind = glide_measure_get_kind (series->measure);

      if (trend == NULL)
        continue;   /* only post-treatment values: nothing to chart */
      if (kind == GLIDE_MEASURE_KIND_PAIN ||
          (kind == GLIDE_MEASURE_KIND_ROM && n_rom++ < GLIDE_REPORT_MAX_ROM_CHARTS))
        g_ptr_array_add (charts, glide_report_chart_new (data, i, reader));
      else
        g_ptr_array_add (rest, (gpointer) trend);
    }

  if (charts->len > 0)
    glide_report_document_figures (doc, 2, CHART_HEIGHT, charts->len, draw_chart, charts->pdata);

  if (reader == GLIDE_REPORT_FOR_CLINICIAN && data->trends->len > 0)
    {
      /* The heading and its two lines of thresholds go to the page of the
       * table's first row, not alone at the foot of the page before. */
      glide_report_document_begin_group (doc);
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING,
                                  _("Change from the first to the latest pre-treatment value"));
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                                  /* xgettext:no-c-format */
                                  _("Pain: MCID 2 points or 30 % of baseline. ROM: MDC 5° with "
                                    "the same rater, 10° when the rater changed. Function "
                                    "scales: their published MCID."));
      add_clinician_table (doc, data, data->trends);
      glide_report_document_end_group (doc);
    }
  else if (rest->len > 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, _("Other measurements"));
      add_patient_table (doc, rest);
    }
}

/**
 * glide_report_chart_new:
 * @data: the course
 * @series_index: an index into @data->series
 * @reader: whose words the title, legend and reference use
 *
 * The chart of one series, as the documents draw it: pre-treatment values
 * joined by a line, post-treatment values as lighter marks, the MCID band
 * for pain and the norm for motions. The window draws the same chart.
 *
 * Returns: (transfer full): a chart that keeps no pointer into @data
 */
GlideReportChart *
glide_report_chart_new (const GlideReportCourse *data,
                        guint                    series_index,
                        GlideReportReader        reader)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (series_index < data->series->len, NULL);

  return chart_new (data, g_ptr_array_index (data->series, series_index), reader);
}

const GlideChart *
glide_report_chart_get_chart (const GlideReportChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->chart;
}

void
glide_report_chart_free (GlideReportChart *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->chart.main, g_array_unref);
  g_clear_pointer (&self->chart.light, g_array_unref);
  g_free (self->title);
  g_free (self->reference_label);
  g_free (self->band_label);
  g_free (self);
}

/* ---- body map ---------------------------------------------------------------- */

typedef struct
{
  GlideFigure *figure;
  guint       *visits;
} BodyMap;

static void
draw_body_map (GlidePainter *painter,
               double        width,
               double        height,
               gpointer      user_data)
{
  BodyMap *map = user_data;
  GlideBodymapLayout layout;
  GlideBodymapPalette palette;
  GlideBodymapState state = { NULL, map->visits, -1, -1 };

  glide_bodymap_palette_init_light (&palette);
  palette.background.a = 0;
  glide_bodymap_layout_compute (&layout, map->figure, width, height, TRUE, TRUE);
  glide_bodymap_draw (painter, map->figure, &layout, &palette, &state);
}

/* Both views, each area shaded by how many visits treated it, with a legend. */
gboolean
glide_report_add_body_map (GlideReportDocument     *doc,
                           const GlideReportCourse *data,
                           double                   height,
                           GError                 **error)
{
  g_autoptr(GlideFigure) figure = glide_figure_get_default (error);
  g_autofree guint *visits = NULL;
  BodyMap map;

  if (figure == NULL)
    return FALSE;
  visits = glide_report_course_area_visits (data, figure);
  map = (BodyMap) { figure, visits };
  glide_report_document_figure (doc, height, draw_body_map, &map);
  return TRUE;
}
