/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-font-warmup.c: the fonts of the main window's first frame, made
 * ready on a thread while libadwaita starts on the main thread.
 *
 * The first time a widget lays text out in a font, Pango matches the font
 * with fontconfig (on two threads it starts for it, which the main thread
 * waits for), loads it with FreeType, makes its HarfBuzz font and shapes;
 * the first time a glyph is drawn, cairo rasterises it, running the font's
 * hinting program. For the six fonts of the first frame that was about
 * 12 ms of the main thread's time before it (docs/BENCHMARKS.md).
 *
 * Pango keeps all of that in a font map, and its default font map is one
 * per thread. So the thread does it in a font map of its own, through a
 * context made for a widget (the desktop's font, font options, resolution
 * and language, as GTK gives its widgets), and glide_font_warmup_finish ()
 * makes that font map the main thread's default before the first window
 * is made: GTK's widgets take their font map from there. A font map is
 * used by one thread at a time: the warm-up's until it is joined, the main
 * thread's after. */

#define G_LOG_DOMAIN "glide-font-warmup"

#include "config.h"

#include "glide-font-warmup.h"

#include <math.h>
#include <pango/pangocairo.h>

struct _GlideFontWarmup
{
  GThread      *thread;
  PangoFontMap *font_map;
  PangoContext *context;  /* the thread's until it is joined */
  GPtrArray    *fonts;
  int           scale;    /* the monitors' largest scale factor */
};

/* The glyphs drawn ahead in every font: what names, chart numbers, dates
 * and the window's own words are mostly written with, and the direction
 * mark that begins every line of a patient row (glide-window.c). Each
 * glyph costs the thread its hinting and rasterising, so not every glyph a
 * clinic might use: those are drawn when first needed, as before. */
static const char sample_text[] =
  "\u200E\u200F ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;·-–'’()/…";

/* @base at @size_px pixels (0: its own size) and @weight, given to Pango
 * as GTK gives it: rounded to Pango units, or the fonts would differ. */
static PangoFontDescription *
font_at (const PangoFontDescription *base,
         double                      size_px,
         PangoWeight                 weight)
{
  PangoFontDescription *font = pango_font_description_copy (base);

  if (size_px > 0)
    pango_font_description_set_absolute_size (font, round (size_px * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  return font;
}

/* The desktop's font size in pixels, as GTK's style computes it from
 * gtk-font-name (gtk_css_font_size_get_default_px ()): points at the
 * resolution, 10 points where the name gives no size. */
static double
get_desktop_font_px (GtkSettings *settings,
                     double       resolution)
{
  g_autofree char *name = NULL;
  PangoFontDescription *font;
  double px;

  g_object_get (settings, "gtk-font-name", &name, NULL);
  font = pango_font_description_from_string (name != NULL ? name : "");
  if (pango_font_description_get_size (font) == 0)
    px = 10 * resolution / 72.0;
  else if (pango_font_description_get_size_is_absolute (font))
    px = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  else
    px = (double) pango_font_description_get_size (font) / PANGO_SCALE * resolution / 72.0;
  pango_font_description_free (font);
  return px;
}

/* The fonts of the main window's first frame, as libadwaita 1.2's style
 * sheet makes them from the desktop's font (@context's, made for a
 * widget): its text; header bar titles in bold; their subtitles
 * (`smaller`: the desktop's size / 1.2); the patient rows' details
 * (`.caption`, 9 pt); the empty page's description (`.body`, 11 pt) and
 * title (`.title-1`, 20 pt, weight 800). */
static GPtrArray *
get_fonts (PangoContext *context,
           GtkSettings  *settings)
{
  const PangoFontDescription *base = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  double pt = resolution / 72.0;
  GPtrArray *fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_font_description_free);

  g_ptr_array_add (fonts, font_at (base, 0, PANGO_WEIGHT_NORMAL));
  g_ptr_array_add (fonts, font_at (base, 0, PANGO_WEIGHT_BOLD));
  g_ptr_array_add (fonts, font_at (base, get_desktop_font_px (settings, resolution) / 1.2,
                                   PANGO_WEIGHT_NORMAL));
  g_ptr_array_add (fonts, font_at (base, 9 * pt, PANGO_WEIGHT_NORMAL));
  g_ptr_array_add (fonts, font_at (base, 11 * pt, PANGO_WEIGHT_NORMAL));
  g_ptr_array_add (fonts, font_at (base, 20 * pt, PANGO_WEIGHT_ULTRABOLD));
  return fonts;
}

/**
 * glide_font_warmup_get_fonts:
 * @widget: a widget
 *
 * The fonts the warm-up readies, for @widget's display: those of the main
 * window's first frame. test-startup checks that the first frame draws
 * every text in one of them. Main thread only, as widgets are.
 *
 * Returns: (transfer container) (element-type PangoFontDescription): the fonts
 */
GPtrArray *
glide_font_warmup_get_fonts (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_create_pango_context (widget);
  GPtrArray *fonts = get_fonts (context, gtk_widget_get_settings (widget));

  g_object_unref (context);
  return fonts;
}

/* On the thread: lays the sample out in every font, asks for the font's
 * metrics (as GtkLabel and GlideRowText do) and draws it. */
static gpointer
warm_up (gpointer data)
{
  GlideFontWarmup *warmup = data;
  GPtrArray *fonts = warmup->fonts;

  for (guint i = 0; i < fonts->len; i++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (warmup->context);
      PangoRectangle logical;
      cairo_surface_t *surface;
      cairo_t *cr;

      pango_layout_set_font_description (layout, fonts->pdata[i]);
      pango_layout_set_text (layout, sample_text, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      pango_font_metrics_unref (pango_context_get_metrics (warmup->context, fonts->pdata[i], NULL));

      /* Big enough for every glyph: cairo skips those outside its clip. At
       * the scale the window draws at, or cairo would rasterise glyphs of
       * another size. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (logical.width, 1) * warmup->scale,
                                            MAX (logical.height, 1) * warmup->scale);
      cairo_surface_set_device_scale (surface, warmup->scale, warmup->scale);
      cr = cairo_create (surface);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return NULL;
}

/* The largest scale factor of @display's monitors: the window's, unless
 * monitors of different scales are attached (then the glyphs drawn ahead
 * are for the sharper one). */
static int
get_largest_scale (GdkDisplay *display)
{
  GListModel *monitors = gdk_display_get_monitors (display);
  int scale = 1;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      scale = MAX (scale, gdk_monitor_get_scale_factor (monitor));
    }
  return scale;
}

/**
 * glide_font_warmup_start:
 *
 * Starts readying the first frame's fonts on a thread. Call it once GTK is
 * initialised and before any widget lays text out, and hand what it
 * returns to glide_font_warmup_finish () before the first window is made.
 *
 * Returns: (transfer full): the warm-up under way
 */
GlideFontWarmup *
glide_font_warmup_start (void)
{
  GlideFontWarmup *warmup = g_new0 (GlideFontWarmup, 1);
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (NULL));

  warmup->font_map = pango_cairo_font_map_new ();
  gtk_widget_set_font_map (label, warmup->font_map);
  warmup->context = gtk_widget_create_pango_context (label);
  warmup->fonts = get_fonts (warmup->context, gtk_widget_get_settings (label));
  warmup->scale = get_largest_scale (gtk_widget_get_display (label));
  warmup->thread = g_thread_new ("glide-fonts", warm_up, warmup);
  return warmup;
}

/**
 * glide_font_warmup_finish:
 * @warmup: (transfer full): a warm-up under way
 *
 * Waits for its thread, makes its font map this thread's default, and
 * frees @warmup.
 */
void
glide_font_warmup_finish (GlideFontWarmup *warmup)
{
  gint64 start = g_get_monotonic_time ();

  g_thread_join (warmup->thread);
  g_debug ("fonts of the first frame readied on a thread (waited %.1f ms for it)",
           (g_get_monotonic_time () - start) / 1000.0);
  g_object_unref (warmup->context);
  g_ptr_array_unref (warmup->fonts);
  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (warmup->font_map));
  g_object_unref (warmup->font_map);
  g_free (warmup);
}
