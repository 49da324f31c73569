/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trend-chart.c: GlideTrendChart under Xvfb on a course of the demo
 * clinic. Its series and labels are the store's, the series property
 * notifies once per change and redraws, the rendered pixels show the line
 * where the plot is (falling when pain fell) and the norm of a motion, an
 * empty course shows its message instead, screenshots in the light and dark
 * styles go to the test log folder, and the widget finalizes. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-report-data.h"
#include "glide-test-utils.h"
#include "glide-trend-chart.h"

/* Frozen shoulder: pain and three shoulder motions, pain falling. */
#define DEMO_CHART "P-1003"

typedef struct
{
  char       *dir;
  GlideStore *store;
} Fixture;

/* The rendered widget, as 8-bit RGBA. */
typedef struct
{
  int     width;
  int     height;
  guchar *pixels;
} Image;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "chart.db");
  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GlideReportCourse *
load_course (Fixture    *f,
             const char *chart)
{
  g_autoptr(GError) error = NULL;
  GlideReportCourse *data = glide_report_course_load (f->store, chart, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
image_free (Image *image)
{
  g_free (image->pixels);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static GdkTexture *
render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static Image *
render (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = render_texture (widget);
  Image *image = g_new0 (Image, 1);
  g_autofree guchar *argb = NULL;

  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  argb = g_malloc (image->width * image->height * 4);
  /* Cairo's ARGB32: one native-endian 32-bit word per pixel. */
  gdk_texture_download (texture, argb, image->width * 4);
  image->pixels = g_malloc (image->width * image->height * 4);
  for (int i = 0; i < image->width * image->height; i++)
    {
      guint32 word = ((guint32 *) argb)[i];

      image->pixels[i * 4 + 0] = (word >> 16) & 0xff;
      image->pixels[i * 4 + 1] = (word >> 8) & 0xff;
      image->pixels[i * 4 + 2] = word & 0xff;
      image->pixels[i * 4 + 3] = word >> 24;
    }
  return image;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GLIDE_TEST_OUTPUT"), name, NULL);
  g_autoptr(GdkTexture) texture = render_texture (window);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
pixel_is (const Image *image,
          int          x,
          int          y,
          guint32      rgb,
          int          tolerance)
{
  const guchar *p = image->pixels + (y * image->width + x) * 4;

  return p[3] == 0xff &&
         ABS (p[0] - (int) ((rgb >> 16) & 0xff)) <= tolerance &&
         ABS (p[1] - (int) ((rgb >> 8) & 0xff)) <= tolerance &&
         ABS (p[2] - (int) (rgb & 0xff)) <= tolerance;
}

/* Pixels of a colour inside a rectangle given in fractions of the image. */
static guint
count_color (const Image *image,
             guint32      rgb,
             double       x0,
             double       y0,
             double       x1,
             double       y1)
{
  guint n = 0;

  for (int y = y0 * image->height; y < y1 * image->height; y++)
    for (int x = x0 * image->width; x < x1 * image->width; x++)
      n += pixel_is (image, x, y, rgb, 10);
  return n;
}

/* The mean height of a colour in the leftmost or rightmost columns that
 * hold it, within a band of rows. */
static double
color_row_at_edge (const Image *image,
                   guint32      rgb,
                   double       y0,
                   double       y1,
                   gboolean     rightmost)
{
  for (int i = 0; i < image->width; i++)
    {
      int x = rightmost ? image->width - 1 - i : i;
      double sum = 0;
      guint n = 0;

      for (int y = y0 * image->height; y < y1 * image->height; y++)
        if (pixel_is (image, x, y, rgb, 10))
          {
            sum += y;
            n++;
          }
      if (n > 0)
        return sum / n;
    }
  return -1;
}

static gboolean
images_differ (const Image *a,
               const Image *b)
{
  return a->width != b->width || a->height != b->height ||
         memcmp (a->pixels, b->pixels, (gsize) a->width * a->height * 4) != 0;
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return child;
  return NULL;
}

static GtkWidget *
make_window (GtkWidget **chart,
             int         width,
             int         height)
{
  GtkWidget *window = gtk_window_new ();

  *chart = glide_trend_chart_new ();
  gtk_widget_set_margin_start (*chart, 12);
  gtk_widget_set_margin_end (*chart, 12);
  gtk_widget_set_margin_top (*chart, 12);
  gtk_widget_set_margin_bottom (*chart, 12);
  gtk_window_set_child (GTK_WINDOW (window), *chart);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_object_ref (*chart);
  return window;
}

static void
finish_window (GtkWidget *window,
               GtkWidget *chart)
{
  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (chart);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

#define LINE_COLOR 0x1c71d8       /* the series line in glide-chart-drawing.c */
#define REFERENCE_COLOR 0xc64600  /* the norm line */

/* The widget's series are the course's, in its order, with the labels the
 * documents use; the series property notifies once per real change; a
 * reloaded course keeps the measure, an empty one goes back to 0; the
 * widget keeps nothing of the course after it is freed. */
static void
test_series (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GlideReportCourse) data = load_course (f, DEMO_CHART);
  g_autoptr(GlideReportCourse) empty = NULL;
  GlideReportCourse *reloaded = load_course (f, DEMO_CHART);
  GtkWidget *chart = glide_trend_chart_new ();
  GlideTrendChart *self = GLIDE_TREND_CHART (chart);
  guint notified = 0, value = G_MAXUINT;

  g_object_ref_sink (chart);
  g_signal_connect (chart, "notify::series", G_CALLBACK (on_notify), &notified);
  g_assert_cmpuint (glide_trend_chart_get_n_series (self), ==, 0);

  glide_trend_chart_set_course (self, data);
  g_assert_cmpuint (data->series->len, ==, 4);
  g_assert_cmpuint (glide_trend_chart_get_n_series (self), ==, data->series->len);
  for (guint i = 0; i < data->series->len; i++)
    {
      const GlideSeries *series = g_ptr_array_index (data->series, i);
      g_autofree char *label = glide_report_measure_label (series->measure, series->side);

      g_test_message ("series %u: %s", i, glide_trend_chart_get_series_label (self, i));
      g_assert_cmpstr (glide_trend_chart_get_series_label (self, i), ==, label);
    }
  g_assert_cmpstr (glide_trend_chart_get_series_label (self, 0), ==, "Pain");
  g_assert_cmpstr (glide_trend_chart_get_series_label (self, 1), ==, "Shoulder flexion, left");
  g_assert_cmpuint (glide_trend_chart_get_series (self), ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* The words of the summary's table for the drawn series. */
  {
    const GlideTrend *pain = g_ptr_array_index (data->trends, 0);
    g_autofree char *first = glide_progress_format_value (pain->measure, pain->first);
    g_autofree char *latest = glide_progress_format_value (pain->measure, pain->latest);
    g_autofree char *change = glide_progress_format_change (pain->measure,
                                                            pain->latest - pain->first);
    g_autofree char *verdict = g_strdup_printf ("verdict: %s.",
                                                glide_progress_verdict_label (pain->verdict));
    g_autofree char *values = g_strdup_printf ("Pre-treatment from %s (", first);
    g_autofree char *to = g_strdup_printf (") to %s (", latest);
    g_autofree char *changed = g_strdup_printf ("Change %s; needed: MCID ", change);
    const char *description = glide_trend_chart_get_description (self);

    g_test_message ("%s", description);
    g_assert_true (g_str_has_prefix (description, values));
    g_assert_nonnull (strstr (description, to));
    g_assert_nonnull (strstr (description, changed));
    g_assert_true (g_str_has_suffix (description, verdict));
  }

  g_object_set (chart, "series", 2, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (chart, "series", &value, NULL);
  g_assert_cmpuint (value, ==, 2);
  g_object_set (chart, "series", 2, NULL);
  glide_trend_chart_set_series (self, 2);
  g_assert_cmpuint (notified, ==, 1);

  /* The same course read again (after an edit): the same motion stays. */
  glide_trend_chart_set_course (self, reloaded);
  glide_report_course_free (reloaded);
  g_assert_cmpuint (glide_trend_chart_get_series (self), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (glide_trend_chart_get_series_label (self, 2), ==,
                   "Shoulder abduction, left");
  g_test_message ("%s", glide_trend_chart_get_description (self));
  g_assert_nonnull (strstr (glide_trend_chart_get_description (self), "needed: MDC 5°; raters: same"));

  /* A course without measurements, then none at all. */
  glide_test_add_course (f->store, glide_test_add_patient (f->store, "P-9001", "Nilsson", "Ebba"),
                         "2026-01-05");
  empty = load_course (f, "P-9001");
  glide_trend_chart_set_course (self, empty);
  g_assert_cmpuint (glide_trend_chart_get_n_series (self), ==, 0);
  g_assert_null (glide_trend_chart_get_description (self));
  g_assert_cmpuint (glide_trend_chart_get_series (self), ==, 0);
  g_assert_cmpuint (notified, ==, 2);
  glide_trend_chart_set_course (self, data);
  g_assert_cmpuint (glide_trend_chart_get_series (self), ==, 0);
  glide_trend_chart_set_course (self, NULL);
  g_assert_cmpuint (glide_trend_chart_get_n_series (self), ==, 0);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (chart);
}

/* Pain: the line is in the plot and falls as the pain did. A motion: a
 * different picture with its norm line. Light and dark screenshots. */
static void
test_pixels (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(GlideReportCourse) data = load_course (f, DEMO_CHART);
  const GlideTrend *pain = g_ptr_array_index (data->trends, 0);
  const GlideSeries *motion = g_ptr_array_index (data->series, 1);
  GtkWidget *chart;
  GtkWidget *window = make_window (&chart, 640, 360);
  g_autoptr(Image) pain_image = NULL;
  g_autoptr(Image) motion_image = NULL;
  g_autoptr(Image) dark_image = NULL;
  double first_y, latest_y, norm;
  guint notified = 0;

  g_assert_cmpint (pain->measure, ==, GLIDE_MEASURE_PAIN);
  g_assert_cmpfloat (pain->first, >, pain->latest);
  g_assert_true (glide_measure_get_norm (motion->measure, &norm, NULL));

  glide_trend_chart_set_course (GLIDE_TREND_CHART (chart), data);
  g_signal_connect (chart, "notify::series", G_CALLBACK (on_notify), &notified);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (chart);
  g_assert_false (gtk_widget_get_visible (find_label (chart)));

  pain_image = render (chart);
  g_test_message ("chart: %d x %d", pain_image->width, pain_image->height);
  /* The plot: below the title, above the tick labels and the legend. */
  g_assert_cmpuint (count_color (pain_image, LINE_COLOR, 0.1, 0.2, 0.98, 0.75), >, 50);
  g_assert_cmpuint (count_color (pain_image, LINE_COLOR, 0, 0, 1, 0.15), ==, 0);
  g_assert_cmpuint (count_color (pain_image, REFERENCE_COLOR, 0, 0, 1, 1), ==, 0);
  first_y = color_row_at_edge (pain_image, LINE_COLOR, 0.2, 0.75, FALSE);
  latest_y = color_row_at_edge (pain_image, LINE_COLOR, 0.2, 0.75, TRUE);
  g_test_message ("pain %g -> %g drawn at rows %g -> %g", pain->first, pain->latest,
                  first_y, latest_y);
  g_assert_cmpfloat (first_y, >, 0);
  g_assert_cmpfloat (latest_y, >, first_y + 10);
  save_screenshot (window, "trend-chart-light-pain.png");

  glide_trend_chart_set_series (GLIDE_TREND_CHART (chart), 1);
  g_assert_cmpuint (notified, ==, 1);
  glide_test_wait_for_draw (chart);
  motion_image = render (chart);
  g_assert_true (images_differ (pain_image, motion_image));
  g_assert_cmpuint (count_color (motion_image, LINE_COLOR, 0.1, 0.2, 0.98, 0.75), >, 50);
  g_assert_cmpuint (count_color (motion_image, REFERENCE_COLOR, 0.1, 0.15, 0.98, 0.75), >, 50);
  save_screenshot (window, "trend-chart-light-motion.png");

  glide_trend_chart_set_series (GLIDE_TREND_CHART (chart), 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  glide_test_wait_for_draw (chart);
  dark_image = render (chart);
  g_assert_cmpuint (count_color (dark_image, LINE_COLOR, 0.1, 0.2, 0.98, 0.75), >, 50);
  save_screenshot (window, "trend-chart-dark-pain.png");
  glide_trend_chart_set_series (GLIDE_TREND_CHART (chart), 3);
  glide_test_wait_for_draw (chart);
  save_screenshot (window, "trend-chart-dark-motion.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  finish_window (window, chart);
}

/* The smallest size the widget asks for still holds a readable chart. */
static void
test_minimum_size (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GlideReportCourse) data = load_course (f, DEMO_CHART);
  GtkWidget *chart;
  GtkWidget *window = make_window (&chart, 1, 1);
  g_autoptr(Image) image = NULL;

  glide_trend_chart_set_course (GLIDE_TREND_CHART (chart), data);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (chart);
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 360);
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 220);
  image = render (chart);
  g_assert_cmpuint (count_color (image, LINE_COLOR, 0.1, 0.2, 0.98, 0.75), >, 20);
  save_screenshot (window, "trend-chart-light-minimum.png");

  finish_window (window, chart);
}

/* No measurements: no chart, the message instead, in both styles. */
static void
test_empty (Fixture       *f,
            gconstpointer  user_data)
{
  g_autoptr(GlideReportCourse) empty = NULL;
  GtkWidget *chart, *label;
  GtkWidget *window = make_window (&chart, 640, 360);
  g_autoptr(Image) image = NULL;
  guint ink = 0;

  glide_test_add_course (f->store, glide_test_add_patient (f->store, "P-9001", "Nilsson", "Ebba"),
                         "2026-01-05");
  empty = load_course (f, "P-9001");
  glide_trend_chart_set_course (GLIDE_TREND_CHART (chart), empty);
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (chart);

  label = find_label (chart);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "No measurements in this course yet");

  image = render (chart);
  g_assert_cmpuint (count_color (image, LINE_COLOR, 0, 0, 1, 1), ==, 0);
  /* No paper card: the corners stay transparent. */
  g_assert_cmpint (image->pixels[3], ==, 0);
  /* The message's ink, in the middle only. */
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      if (image->pixels[(y * image->width + x) * 4 + 3] > 0)
        {
          g_assert_cmpint (ABS (y - image->height / 2), <, 20);
          g_assert_cmpint (ABS (x - image->width / 2), <, 200);
          ink++;
        }
  g_assert_cmpuint (ink, >, 100);
  save_screenshot (window, "trend-chart-light-empty.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  glide_test_wait_for_draw (chart);
  save_screenshot (window, "trend-chart-dark-empty.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  finish_window (window, chart);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/trend-chart/series", Fixture, NULL, fixture_set_up, test_series,
              fixture_tear_down);
  g_test_add ("/trend-chart/pixels", Fixture, NULL, fixture_set_up, test_pixels,
              fixture_tear_down);
  g_test_add ("/trend-chart/minimum-size", Fixture, NULL, fixture_set_up, test_minimum_size,
              fixture_tear_down);
  g_test_add ("/trend-chart/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);

  return g_test_run ();
}
