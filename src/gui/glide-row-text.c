/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-row-text.c: a few lines of text in a list row, ellipsized at the
 * end, measured by a fixed number of lines and characters instead of by
 * laying the text out, as GtkInscription is. GtkInscription asks Pango for
 * the font's metrics on every measure, and Pango 1.50 computes them anew for
 * each widget's context by shaping a sample sentence: 105 calls and about
 * 9 ms before the main window's first frame, most of them the patient
 * list's rows (docs/BENCHMARKS.md). Every row here shares one computation
 * per font: the metrics are kept by what they depend on (the font, the
 * language, the resolution, the font options and the font map). */

#define G_LOG_DOMAIN "glide-row-text"

#include "config.h"

#include "glide-row-text.h"

#include <pango/pangocairo.h>

struct _GlideRowText
{
  GtkWidget    parent_instance;

  char        *text;
  guint        lines;
  guint        natural_chars;
  PangoLayout *layout;
};

G_DEFINE_FINAL_TYPE (GlideRowText, glide_row_text, GTK_TYPE_WIDGET)

/* ---- helpers ------------------------------------------------------------------- */

/* The metrics of @widget's font, computed once for every widget that has
 * the same font. Main thread only, as widgets are; a few fonts at most. */
static PangoFontMetrics *
get_font_metrics (GtkWidget *widget)
{
  static GHashTable *known;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = g_strdup_printf ("%s|%s|%g|%lu|%p", font,
                                          pango_language_to_string (pango_context_get_language (context)),
                                          pango_cairo_context_get_resolution (context),
                                          options ? cairo_font_options_hash (options) : 0UL,
                                          (gpointer) pango_context_get_font_map (context));
  PangoFontMetrics *metrics;

  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) pango_font_metrics_unref);
  metrics = g_hash_table_lookup (known, key);
  if (metrics == NULL)
    {
      metrics = pango_context_get_metrics (context, NULL, NULL);
      g_hash_table_insert (known, g_steal_pointer (&key), metrics);
    }
  return metrics;
}

static void
update_alignment (GlideRowText *self)
{
  pango_layout_set_alignment (self->layout,
                              gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ?
                              PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

/* ---- overrides ------------------------------------------------------------------- */

static void
glide_row_text_finalize (GObject *object)
{
  GlideRowText *self = GLIDE_ROW_TEXT (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (glide_row_text_parent_class)->finalize (object);
}

static void
glide_row_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GlideRowText *self = GLIDE_ROW_TEXT (widget);
  PangoFontMetrics *metrics = get_font_metrics (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                            pango_font_metrics_get_approximate_digit_width (metrics));

      /* Room for an ellipsis at least. */
      *minimum = PANGO_PIXELS_CEIL (3 * char_width);
      *natural = PANGO_PIXELS_CEIL (MAX (3, self->natural_chars) * char_width);
    }
  else
    {
      int ascent = pango_font_metrics_get_ascent (metrics);
      int descent = pango_font_metrics_get_descent (metrics);

      *minimum = *natural = PANGO_PIXELS_CEIL (self->lines * (ascent + descent));
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (ascent);
    }
}

static void
glide_row_text_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GlideRowText *self = GLIDE_ROW_TEXT (widget);

  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_set_height (self->layout, height * PANGO_SCALE);
}

static void
glide_row_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GlideRowText *self = GLIDE_ROW_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  int y = 0;

  if (self->text == NULL || *self->text == '\0')
    return;
  /* A text shorter than the lines measured for sits in their middle. */
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (!pango_layout_is_ellipsized (self->layout) && logical.height < height && self->lines == 1)
    y = (height - logical.height) / 2;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0, y, self->layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_pop (snapshot);
}

static void
glide_row_text_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (glide_row_text_parent_class)->direction_changed (widget, previous_direction);
  update_alignment (GLIDE_ROW_TEXT (widget));
}

static void
glide_row_text_class_init (GlideRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glide_row_text_finalize;
  widget_class->measure = glide_row_text_measure;
  widget_class->size_allocate = glide_row_text_size_allocate;
  widget_class->snapshot = glide_row_text_snapshot;
  widget_class->direction_changed = glide_row_text_direction_changed;

  /* Styled as a label is; the row it is in carries its name. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
glide_row_text_init (GlideRowText *self)
{
  self->lines = 1;
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  update_alignment (self);
}

/* ---- public API ------------------------------------------------------------------- */

/**
 * glide_row_text_new:
 * @lines: how many lines of text the widget is high (at least 1)
 * @natural_chars: how many characters wide it would like to be
 *
 * Returns: (transfer floating): a new, empty #GlideRowText
 */
GtkWidget *
glide_row_text_new (guint lines,
                    guint natural_chars)
{
  GlideRowText *self;

  g_return_val_if_fail (lines > 0, NULL);

  self = g_object_new (GLIDE_TYPE_ROW_TEXT, NULL);
  self->lines = lines;
  self->natural_chars = natural_chars;
  return GTK_WIDGET (self);
}

const char *
glide_row_text_get_text (GlideRowText *self)
{
  g_return_val_if_fail (GLIDE_IS_ROW_TEXT (self), NULL);

  return self->text;
}

/**
 * glide_row_text_set_text:
 * @text: (nullable): the text; lines are separated by "\n"
 *
 * Sets the text. The widget's size does not change: only what it draws.
 */
void
glide_row_text_set_text (GlideRowText *self,
                         const char   *text)
{
  g_return_if_fail (GLIDE_IS_ROW_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
