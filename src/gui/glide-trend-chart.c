/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-trend-chart.c: the trend chart of a course on the patient page. It
 * draws the clinical summary's chart (glide-report-trends) through the Cairo
 * painter, on a sheet of paper, because the chart's colours are chosen for
 * print; screen readers get the measure and the trend in the words of the
 * summary's table. */

#define G_LOG_DOMAIN "glide-trend-chart"

#include "config.h"

#include "glide-trend-chart.h"

#include "glide-date.h"
#include "glide-painter-cairo.h"
#include "glide-report-trends.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

/* One series of the course, with everything the widget shows of it, so the
 * widget keeps nothing of the course it was given. */
typedef struct
{
  GlideMeasure      measure;
  GlideSide         side;
  char             *label;        /* "Knee flexion, right" */
  char             *description;  /* the trend in words */
  GlideReportChart *chart;
} Series;

struct _GlideTrendChart
{
  GtkWidget  parent_instance;

  GPtrArray *series;              /* Series, pain first */
  guint      current;
  GtkWidget *empty_label;
};

G_DEFINE_FINAL_TYPE (GlideTrendChart, glide_trend_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_WIDTH 360
#define MIN_HEIGHT 220
#define NATURAL_WIDTH 560
#define NATURAL_HEIGHT 300
#define CARD_RADIUS 12.0
#define CARD_PADDING 12.0
/* The chart's own units: its title is 9.5 units high, its legend 7.5 with
 * a mark and gap of 12 before each label, and it needs about this much room
 * (the width of a chart in the documents' two columns). */
#define CHART_TITLE_SIZE 9.5
#define CHART_LEGEND_SIZE 7.5
#define CHART_LEGEND_MARK 12.0
#define CHART_MIN_WIDTH 240.0
#define CHART_MIN_HEIGHT 150.0

static void
series_free (Series *series)
{
  g_free (series->label);
  g_free (series->description);
  g_clear_pointer (&series->chart, glide_report_chart_free);
  g_free (series);
}

/* The words of the clinical summary's table: values with their dates, the
 * change, the threshold, the raters and the verdict. */
static char *
describe_series (const GlideSeries *data)
{
  g_autoptr(GlideTrend) trend = glide_trend_new_from_series (data);
  g_autofree char *first = NULL;
  g_autofree char *first_date = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *latest_date = NULL;
  g_autofree char *change = NULL;
  g_autofree char *threshold = NULL;
  g_autofree char *values = NULL;
  g_autofree char *verdict = NULL;

  if (trend == NULL)
    return g_strdup (_("Only post-treatment values so far."));

  first = glide_progress_format_value (trend->measure, trend->first);
  first_date = glide_date_format_long (trend->first_date);
  if (trend->n_values < 2)
    /* Translators: the only pre-treatment value and its date: "One pre-treatment value: 7 (3 Mar 2026)." */
    return g_strdup_printf (_("One pre-treatment value: %s (%s)."), first, first_date);

  latest = glide_progress_format_value (trend->measure, trend->latest);
  latest_date = glide_date_format_long (trend->latest_date);
  change = glide_progress_format_change (trend->measure, trend->latest - trend->first);
  threshold = glide_progress_format_value (trend->measure, trend->threshold);
  /* Translators: "Pre-treatment from 7 (3 Mar 2026) to 3 (14 Apr 2026)." */
  values = g_strdup_printf (_("Pre-treatment from %s (%s) to %s (%s)."),
                            first, first_date, latest, latest_date);
  /* Translators: "Change −4; needed: MCID 2; raters: same; verdict: meaningful." */
  verdict = g_strdup_printf (_("Change %s; needed: %s %s; raters: %s; verdict: %s."),
                             change,
                             glide_measure_get_kind (trend->measure) == GLIDE_MEASURE_KIND_ROM ?
                             _("MDC") : _("MCID"),
                             threshold,
                             glide_progress_is_self_reported (trend->measure) ? _("self-report") :
                             trend->same_rater ? _("same") : _("changed"),
                             glide_progress_trend_verdict_label (trend));
  return g_strdup_printf ("%s %s", values, verdict);
}

static const Series *
current_series (GlideTrendChart *self)
{
  if (self->current >= self->series->len)
    return NULL;
  return g_ptr_array_index (self->series, self->current);
}

static void
update_accessible (GlideTrendChart *self)
{
  const Series *series = current_series (self);
  g_autofree char *label = NULL;

  if (series == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Trend chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_label_get_text (GTK_LABEL (self->empty_label)),
                                      -1);
      return;
    }
  /* Translators: the name screen readers give the chart: "Trend chart: Knee flexion, right" */
  label = g_strdup_printf (_("Trend chart: %s"), series->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, series->description,
                                  -1);
}

/* The room the longest legend entry needs on a row of its own: the legend
 * wraps between entries, not inside one ("Shaded: within the MCID of
 * baseline (meaningful at 4.2 or less)"). */
static double
chart_min_width (GlidePainter     *painter,
                 const GlideChart *chart)
{
  const char *labels[] = { chart->main_label, chart->light_label, chart->band_label };
  double width = CHART_MIN_WIDTH;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i] != NULL)
      width = MAX (width, CHART_LEGEND_MARK + 4 +
                   glide_painter_text_width (painter, labels[i], CHART_LEGEND_SIZE,
                                             GLIDE_TEXT_REGULAR));
  return width;
}

/* The chart's units per pixel: its title as large as the text around it
 * (so the large-text setting reaches it too), smaller only when the widget
 * is too small for the chart to fit. */
static double
chart_scale (GtkWidget *widget,
             double     min_width,
             double     width,
             double     height)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = 11, dpi = pango_cairo_context_get_resolution (context);
  double pixels;

  if (font != NULL && pango_font_description_get_size (font) > 0)
    size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  if (dpi <= 0)
    dpi = 96;
  pixels = font != NULL && pango_font_description_get_size_is_absolute (font) ? size
                                                                                : size * dpi / 72;
  return MAX (0.5, MIN (pixels / CHART_TITLE_SIZE,
                        MIN (width / min_width, height / CHART_MIN_HEIGHT)));
}

/* "Cantarell, DejaVu Sans, sans": the interface font first. */
static char *
chart_font_family (GtkWidget *widget)
{
  const PangoFontDescription *font =
    pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  const char *family = font != NULL ? pango_font_description_get_family (font) : NULL;

  return g_strdup_printf ("%s%sDejaVu Sans, sans", family ? family : "", family ? ", " : "");
}

/* ---- callbacks ------------------------------------------------------------- */

static void
on_style_changed (GlideTrendChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- overrides ------------------------------------------------------------- */

static void
glide_trend_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (widget);
  const Series *series = current_series (self);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double chart_w = width - 2 * CARD_PADDING, chart_h = height - 2 * CARD_PADDING;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* White paper in the light style; a little dimmer among dark surfaces so
   * it does not glare, still light enough for the chart's print colours. */
  const GdkRGBA paper = dark ? (GdkRGBA) { 0.93, 0.93, 0.92, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  const GdkRGBA edge = dark ? (GdkRGBA) { 0, 0, 0, 0.5 } : (GdkRGBA) { 0, 0, 0.024, 0.14 };
  const float edge_widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA edge_colors[4] = { edge, edge, edge, edge };
  g_autoptr(GlidePainter) painter = NULL;
  g_autofree char *family = NULL;
  const GlideChart *chart;
  GskRoundedRect card;
  double scale;
  cairo_t *cr;

  if (series == NULL)
    {
      gtk_widget_snapshot_child (widget, self->empty_label, snapshot);
      return;
    }
  if (chart_w <= 0 || chart_h <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&card, &GRAPHENE_RECT_INIT (0, 0, width, height), CARD_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &card);
  gtk_snapshot_append_color (snapshot, &paper, &card.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &card, edge_widths, edge_colors);

  /* A Cairo node is rendered at the window's scale, so HiDPI stays crisp. */
  family = chart_font_family (widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (CARD_PADDING, CARD_PADDING,
                                                                 chart_w, chart_h));
  painter = glide_painter_cairo_new (cr, family, GLIDE_PAINTER_QUALITY_FAST);
  chart = glide_report_chart_get_chart (series->chart);
  scale = chart_scale (widget, chart_min_width (painter, chart), chart_w, chart_h);
  cairo_translate (cr, CARD_PADDING, CARD_PADDING);
  cairo_scale (cr, scale, scale);
  glide_chart_draw (painter, chart, chart_w / scale, chart_h / scale);
  cairo_destroy (cr);
}

static void
glide_trend_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (widget);
  int label_min = 0, label_nat = 0;

  gtk_widget_measure (self->empty_label, orientation, for_size, &label_min, &label_nat,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (MIN_WIDTH, label_min);
      *natural = MAX (NATURAL_WIDTH, label_nat);
    }
  else
    {
      *minimum = MAX (MIN_HEIGHT, label_min);
      *natural = MAX (NATURAL_HEIGHT, label_nat);
    }
}

static void
glide_trend_chart_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  gtk_widget_allocate (GLIDE_TREND_CHART (widget)->empty_label, width, height, baseline, NULL);
}

/* ---- GObject --------------------------------------------------------------- */

static void
glide_trend_chart_dispose (GObject *object)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->empty_label, gtk_widget_unparent);

  G_OBJECT_CLASS (glide_trend_chart_parent_class)->dispose (object);
}

static void
glide_trend_chart_finalize (GObject *object)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (object);

  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (glide_trend_chart_parent_class)->finalize (object);
}

static void
glide_trend_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      g_value_set_uint (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_trend_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlideTrendChart *self = GLIDE_TREND_CHART (object);

  switch (prop_id)
    {
    case PROP_SERIES:
      glide_trend_chart_set_series (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_trend_chart_class_init (GlideTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glide_trend_chart_dispose;
  object_class->finalize = glide_trend_chart_finalize;
  object_class->get_property = glide_trend_chart_get_property;
  object_class->set_property = glide_trend_chart_set_property;
  widget_class->snapshot = glide_trend_chart_snapshot;
  widget_class->measure = glide_trend_chart_measure;
  widget_class->size_allocate = glide_trend_chart_size_allocate;

  /**
   * GlideTrendChart:series:
   *
   * Which of the course's series is drawn: an index below
   * glide_trend_chart_get_n_series(), 0 (pain) by default. A new course
   * keeps the same measure and side when it has them, else goes back to 0.
   */
  properties[PROP_SERIES] =
    g_param_spec_uint ("series", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glide_trend_chart_init (GlideTrendChart *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);

  self->empty_label = gtk_label_new (_("No measurements in this course yet"));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->empty_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_parent (self->empty_label, GTK_WIDGET (self));

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_style_changed), self);
  update_accessible (self);
}

/* ---- public API ------------------------------------------------------------ */

GtkWidget *
glide_trend_chart_new (void)
{
  return g_object_new (GLIDE_TYPE_TREND_CHART, NULL);
}

/**
 * glide_trend_chart_set_course:
 * @data: (nullable): the course, from glide_report_course_load(); %NULL
 *   clears the chart. The widget copies what it needs.
 *
 * Shows the course's series; the same measure and side stays selected if
 * the course has it (so reloading the course after an edit keeps the
 * user's choice).
 */
void
glide_trend_chart_set_course (GlideTrendChart         *self,
                              const GlideReportCourse *data)
{
  const Series *previous;
  GlideMeasure measure = 0;
  GlideSide side = 0;
  gboolean had_previous, changed;
  guint current = 0;

  g_return_if_fail (GLIDE_IS_TREND_CHART (self));

  previous = current_series (self);
  had_previous = previous != NULL;
  if (had_previous)
    {
      measure = previous->measure;
      side = previous->side;
    }

  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; data != NULL && i < data->series->len; i++)
    {
      const GlideSeries *source = g_ptr_array_index (data->series, i);
      Series *series = g_new0 (Series, 1);

      series->measure = source->measure;
      series->side = source->side;
      series->label = glide_report_measure_label (source->measure, source->side);
      series->description = describe_series (source);
      series->chart = glide_report_chart_new (data, i, GLIDE_REPORT_FOR_CLINICIAN);
      g_ptr_array_add (self->series, series);
      if (had_previous && source->measure == measure && source->side == side)
        current = i;
    }

  changed = current != self->current;
  self->current = current;
  gtk_widget_set_visible (self->empty_label, self->series->len == 0);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}

guint
glide_trend_chart_get_n_series (GlideTrendChart *self)
{
  g_return_val_if_fail (GLIDE_IS_TREND_CHART (self), 0);
  return self->series->len;
}

/**
 * glide_trend_chart_get_series_label:
 * @index: below glide_trend_chart_get_n_series()
 *
 * Returns: the measure and side of a series, for a chooser: "Pain",
 *   "Knee flexion, right"
 */
const char *
glide_trend_chart_get_series_label (GlideTrendChart *self,
                                    guint            index)
{
  g_return_val_if_fail (GLIDE_IS_TREND_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return ((const Series *) g_ptr_array_index (self->series, index))->label;
}

/**
 * glide_trend_chart_get_description:
 *
 * Returns: (nullable): the drawn series' trend in the words of the clinical
 *   summary's table, as screen readers get it: "Pre-treatment from 6 (3 Mar
 *   2026) to 3.5 (28 Apr 2026). Change −2.5; needed: MCID 2; raters: same;
 *   verdict: meaningful."; %NULL when there is nothing to draw
 */
const char *
glide_trend_chart_get_description (GlideTrendChart *self)
{
  const Series *series;

  g_return_val_if_fail (GLIDE_IS_TREND_CHART (self), NULL);

  series = current_series (self);
  return series != NULL ? series->description : NULL;
}

guint
glide_trend_chart_get_series (GlideTrendChart *self)
{
  g_return_val_if_fail (GLIDE_IS_TREND_CHART (self), 0);
  return self->current;
}

/**
 * glide_trend_chart_set_series:
 * @index: below glide_trend_chart_get_n_series(), or 0 when there are none
 */
void
glide_trend_chart_set_series (GlideTrendChart *self,
                              guint            index)
{
  g_return_if_fail (GLIDE_IS_TREND_CHART (self));
  g_return_if_fail (index == 0 || index < self->series->len);

  if (index == self->current)
    return;
  self->current = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIES]);
}
