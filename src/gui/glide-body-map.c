/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-body-map.c: the body map widget. It draws through the same code as
 * the PDF (glide-bodymap-drawing), takes its colours from the current style,
 * and lets the user point, click and use the arrow keys. GTK 4.8 cannot
 * expose the areas to accessibility tools one by one, so the map is always
 * paired with GlideAreaList, which does the same from a searchable list.
 *
 * Most frames only move the hover tint or the focus ring, so the rest of
 * the drawing (the base layer) is kept as a texture and drawn again only
 * when what it shows changes: the selection, the heat, the size, the scale
 * factor or the colours. Hover and focus are small Cairo nodes on top. */

#define G_LOG_DOMAIN "glide-body-map"

#include "config.h"

#include "glide-body-map.h"

#include "glide-bodymap-drawing.h"
#include "glide-figure.h"
#include "glide-painter-cairo.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _GlideBodyMap
{
  GtkWidget            parent_instance;

  GlideFigure         *figure;
  gboolean            *selected;    /* per figure area */
  guint               *heat;        /* per figure area, NULL unless in heat mode */
  char               **selection;   /* area ids, in figure order */
  int                  hover;
  int                  focus;
  GlideBodymapLayout   layout;

  /* The base layer as last drawn, and what it was drawn for. */
  GdkTexture          *base;
  int                  base_width;
  int                  base_height;
  int                  base_scale;
  GlideBodymapPalette  base_palette;
  gboolean             base_stale;   /* the selection or the heat changed */
};

G_DEFINE_FINAL_TYPE (GlideBodyMap, glide_body_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  PROP_HEAT_MODE,
  N_PROPS
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
n_areas (GlideBodyMap *self)
{
  return self->figure ? glide_figure_get_n_areas (self->figure) : 0;
}

/* The selection or the heat changed: the base layer must be drawn again. */
static void
invalidate_base (GlideBodyMap *self)
{
  self->base_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_layout (GlideBodyMap *self)
{
  if (self->figure == NULL)
    return;
  glide_bodymap_layout_compute (&self->layout, self->figure,
                                gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)),
                                TRUE, self->heat != NULL);
}

static int
area_index_at (GlideBodyMap *self,
               double        x,
               double        y)
{
  GlideView view;
  double fx, fy;

  if (self->figure == NULL)
    return -1;
  update_layout (self);
  if (!glide_bodymap_layout_locate (&self->layout, self->figure, x, y, &view, &fx, &fy))
    return -1;
  return glide_figure_hit_test (self->figure, view, fx, fy);
}

/* What a screen reader can learn of the map as a whole: the area under
 * the keyboard and the selection. */
static void
update_description (GlideBodyMap *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) selected = g_string_new (NULL);

  for (guint i = 0; i < n_areas (self); i++)
    {
      const GlideFigureArea *area = glide_figure_get_area (self->figure, i);
      g_autofree char *label = glide_area_get_label (area->site, area->side);

      if ((int) i == self->focus)
        g_string_append_printf (text, "%s%s. ", label,
                                self->selected[i] ? _(", selected") : "");
      if (self->selected[i])
        g_string_append_printf (selected, "%s%s", selected->len ? "; " : "", label);
    }
  if (selected->len > 0)
    g_string_append_printf (text, _("Selected: %s"), selected->str);
  else
    g_string_append (text, _("No area selected"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

/* Rebuilds the id list from the flags, describes it, and tells bindings. */
static void
selection_changed (GlideBodyMap *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < n_areas (self); i++)
    if (self->selected[i])
      g_strv_builder_add (builder, glide_figure_get_area (self->figure, i)->id);
  g_strfreev (self->selection);
  self->selection = g_strv_builder_end (builder);

  update_description (self);
  invalidate_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
activate_area (GlideBodyMap *self,
               int           index)
{
  const GlideFigureArea *area;

  if (index < 0)
    return;
  area = glide_figure_get_area (self->figure, index);
  self->selected[index] = !self->selected[index];
  self->focus = index;
  selection_changed (self);
  g_signal_emit (self, signals[AREA_ACTIVATED], 0, (int) area->site, (int) area->side);
}

/* ---- callbacks ------------------------------------------------------------- */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GlideBodyMap             *self)
{
  int index = area_index_at (self, x, y);

  if (index != self->hover)
    {
      self->hover = index;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          GlideBodyMap             *self)
{
  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GlideBodyMap    *self)
{
  int index = area_index_at (self, x, y);

  if (index < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_area (self, index);
}

/* Keys moved or used the focus: show where it is, as GTK does for Tab. */
static void
show_keyboard_focus (GlideBodyMap *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

/* bodymap.move ("up", "down", "left" or "right"): the keyboard goes to the
 * neighbouring area that way. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const char *names[] = { "up", "down", "left", "right" };
  int next = -1;

  if (self->figure == NULL)
    return;
  if (self->focus < 0)
    next = 0;
  else
    for (guint d = 0; d < G_N_ELEMENTS (names); d++)
      if (g_str_equal (name, names[d]))
        next = glide_figure_get_neighbour (self->figure, self->focus, (GlideDirection) d);

  show_keyboard_focus (self);
  if (next >= 0 && next != self->focus)
    {
      self->focus = next;
      update_description (self);
      gtk_widget_queue_draw (widget);
    }
}

/* bodymap.activate: toggles the area the keyboard is on. */
static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (widget);

  show_keyboard_focus (self);
  if (self->figure != NULL)
    activate_area (self, MAX (self->focus, 0));
}

/* bodymap.toggle-area ("calf--left"): toggles an area as a click on it does. */
static void
toggle_area_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (widget);
  GlideSite site;
  GlideSide side;

  if (self->figure != NULL &&
      glide_area_parse_id (g_variant_get_string (parameter, NULL), &site, &side))
    activate_area (self, glide_figure_lookup (self->figure, site, side));
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                GlideBodyMap            *self)
{
  if (self->focus < 0 && n_areas (self) > 0)
    {
      self->focus = 0;
      for (guint i = 0; i < n_areas (self); i++)
        if (self->selected[i])
          {
            self->focus = i;
            break;
          }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                GlideBodyMap            *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_query_tooltip (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  GlideBodyMap *self)
{
  int index = keyboard_mode ? self->focus : area_index_at (self, x, y);
  const GlideFigureArea *area;
  g_autofree char *label = NULL;

  if (index < 0)
    return FALSE;
  area = glide_figure_get_area (self->figure, index);
  label = glide_area_get_label (area->site, area->side);
  if (self->heat != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s: treated in %u visit",
                                                            "%s: treated in %u visits",
                                                            self->heat[index]),
                                               label, self->heat[index]);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, label);
  return TRUE;
}

static void
on_style_changed (GlideBodyMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing --------------------------------------------------------------- */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GlideColor *color,
              double      alpha)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    *color = (GlideColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha * alpha };
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The drawing palette for the current style: light or dark, with the
 * accent colour for selection and focus. */
static void
style_palette (GlideBodyMap        *self,
               GlideBodymapPalette *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    glide_bodymap_palette_init_dark (palette);
  else
    glide_bodymap_palette_init_light (palette);

  lookup_color (widget, "accent_bg_color", &palette->selected, 1);
  lookup_color (widget, "accent_bg_color", &palette->hover, 0.3);
  lookup_color (widget, "accent_color", &palette->focus, 1);
  lookup_color (widget, "window_fg_color", &palette->text, 1);
}

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans"

/* The base layer at the window's scale, so HiDPI stays crisp. */
static GdkTexture *
draw_base (GlideBodyMap              *self,
           const GlideBodymapPalette *palette,
           const GlideBodymapState   *state,
           int                        width,
           int                        height,
           int                        scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                         height * scale);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GlidePainter) painter = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  painter = glide_painter_cairo_new (cr, FONT_FAMILY, GLIDE_PAINTER_QUALITY_FAST);
  cairo_destroy (cr);
  glide_bodymap_draw_layers (painter, self->figure, &self->layout, palette, state,
                             GLIDE_BODYMAP_LAYER_BASE);
  g_clear_pointer (&painter, glide_painter_free);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK's default memory format; the texture keeps the
   * surface's pixels without a copy. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                 stride);
}

/* Whether the base layer shows the map as it is now. */
static gboolean
base_is_current (GlideBodyMap              *self,
                 const GlideBodymapPalette *palette,
                 int                        width,
                 int                        height,
                 int                        scale)
{
  return self->base != NULL && !self->base_stale &&
         self->base_width == width && self->base_height == height &&
         self->base_scale == scale &&
         memcmp (&self->base_palette, palette, sizeof *palette) == 0;
}

/* The hover tint or the focus ring of one area, in a node no larger than
 * what it can touch: a frame where only these move repaints little. */
static void
append_overlay (GlideBodyMap              *self,
                GtkSnapshot               *snapshot,
                const GlideBodymapPalette *palette,
                int                        hover,
                int                        focus)
{
  GlideBodymapState state = { NULL, NULL, hover, focus };
  GlideRect r = glide_bodymap_overlay_extents (&self->layout, self->figure,
                                               hover >= 0 ? hover : focus);
  double x0 = MAX (0, floor (r.x0));
  double y0 = MAX (0, floor (r.y0));
  double x1 = MIN (gtk_widget_get_width (GTK_WIDGET (self)), ceil (r.x1));
  double y1 = MIN (gtk_widget_get_height (GTK_WIDGET (self)), ceil (r.y1));
  g_autoptr(GlidePainter) painter = NULL;
  cairo_t *cr;

  if (x1 <= x0 || y1 <= y0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  painter = glide_painter_cairo_new (cr, FONT_FAMILY, GLIDE_PAINTER_QUALITY_FAST);
  cairo_destroy (cr);
  glide_bodymap_draw_layers (painter, self->figure, &self->layout, palette, &state,
                             GLIDE_BODYMAP_LAYER_OVERLAY);
}

static void
glide_body_map_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  int focus = gtk_widget_has_visible_focus (widget) ? self->focus : -1;
  GlideBodymapPalette palette;

  if (self->figure == NULL || width <= 0 || height <= 0)
    return;

  update_layout (self);
  style_palette (self, &palette);

  if (!base_is_current (self, &palette, width, height, scale))
    {
      GlideBodymapState state = { self->selected, self->heat, -1, -1 };

      g_clear_object (&self->base);
      self->base = draw_base (self, &palette, &state, width, height, scale);
      self->base_width = width;
      self->base_height = height;
      self->base_scale = scale;
      self->base_palette = palette;
      self->base_stale = FALSE;
    }

  gtk_snapshot_append_texture (snapshot, self->base, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->hover >= 0)
    append_overlay (self, snapshot, &palette, self->hover, -1);
  if (focus >= 0)
    append_overlay (self, snapshot, &palette, -1, focus);
}

static void
glide_body_map_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 620;
    }
  else
    {
      *minimum = 240;
      *natural = 620;
    }
}

/* ---- GObject --------------------------------------------------------------- */

static void
glide_body_map_dispose (GObject *object)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (glide_body_map_parent_class)->dispose (object);
}

static void
glide_body_map_finalize (GObject *object)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (object);

  g_clear_object (&self->base);
  g_clear_pointer (&self->figure, glide_figure_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->heat, g_free);
  g_clear_pointer (&self->selection, g_strfreev);

  G_OBJECT_CLASS (glide_body_map_parent_class)->finalize (object);
}

static void
glide_body_map_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    case PROP_HEAT_MODE:
      g_value_set_boolean (value, self->heat != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_body_map_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlideBodyMap *self = GLIDE_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      glide_body_map_set_selection (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_body_map_class_init (GlideBodyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glide_body_map_dispose;
  object_class->finalize = glide_body_map_finalize;
  object_class->get_property = glide_body_map_get_property;
  object_class->set_property = glide_body_map_set_property;
  widget_class->snapshot = glide_body_map_snapshot;
  widget_class->measure = glide_body_map_measure;

  /**
   * GlideBodyMap:selection:
   *
   * The selected areas as ids ("calf--left"), in figure order.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GlideBodyMap:heat-mode:
   *
   * Whether areas are shaded by visit counts (see glide_body_map_set_heat()).
   */
  properties[PROP_HEAT_MODE] =
    g_param_spec_boolean ("heat-mode", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlideBodyMap::area-activated:
   * @site: the area's #GlideSite
   * @side: the area's #GlideSide
   *
   * Emitted when the user clicks an area or presses Enter or Space on it;
   * the area's selection has just been toggled.
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "bodymap.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "bodymap.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "bodymap.toggle-area", "s", toggle_area_action);
  {
    const struct { guint key; const char *direction; } moves[] = {
      { GDK_KEY_Up, "up" }, { GDK_KEY_KP_Up, "up" },
      { GDK_KEY_Down, "down" }, { GDK_KEY_KP_Down, "down" },
      { GDK_KEY_Left, "left" }, { GDK_KEY_KP_Left, "left" },
      { GDK_KEY_Right, "right" }, { GDK_KEY_KP_Right, "right" },
    };
    const guint activators[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                 GDK_KEY_space, GDK_KEY_KP_Space };

    for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
      gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "bodymap.move", "s",
                                           moves[i].direction);
    for (guint i = 0; i < G_N_ELEMENTS (activators); i++)
      gtk_widget_class_add_binding_action (widget_class, activators[i], 0, "bodymap.activate",
                                           NULL);
  }

  gtk_widget_class_set_css_name (widget_class, "bodymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glide_body_map_init (GlideBodyMap *self)
{
  g_autoptr(GError) error = NULL;
  GtkEventController *controller;
  GtkGesture *click;

  self->hover = -1;
  self->focus = -1;
  self->figure = glide_figure_get_default (&error);
  if (self->figure == NULL)
    g_critical ("The body map figure cannot be read: %s", error->message);
  self->selected = g_new0 (gboolean, MAX (n_areas (self), 1));
  self->selection = g_new0 (char *, 1);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* The snapshot compares the colours with those of the base layer; these
   * only make sure a frame comes. */
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_style_changed), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                            G_CALLBACK (on_style_changed), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Body map, front and back views"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No area selected"),
                                  -1);
}

/* ---- public API ------------------------------------------------------------ */

GtkWidget *
glide_body_map_new (void)
{
  return g_object_new (GLIDE_TYPE_BODY_MAP, NULL);
}

/**
 * glide_body_map_get_selection:
 *
 * Returns: (transfer none): the selected area ids
 */
const char *const *
glide_body_map_get_selection (GlideBodyMap *self)
{
  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), NULL);
  return (const char *const *) self->selection;
}

/**
 * glide_body_map_set_selection:
 * @area_ids: (nullable): area ids such as "calf--left"; unknown ids are ignored
 *   with a warning
 */
void
glide_body_map_set_selection (GlideBodyMap      *self,
                              const char *const *area_ids)
{
  g_autofree gboolean *wanted = NULL;

  g_return_if_fail (GLIDE_IS_BODY_MAP (self));

  wanted = g_new0 (gboolean, MAX (n_areas (self), 1));
  for (guint i = 0; area_ids && area_ids[i]; i++)
    {
      GlideSite site;
      GlideSide side;
      int index;

      if (!glide_area_parse_id (area_ids[i], &site, &side) || self->figure == NULL ||
          (index = glide_figure_lookup (self->figure, site, side)) < 0)
        {
          g_warning ("\"%s\" is not a body map area", area_ids[i]);
          continue;
        }
      wanted[index] = TRUE;
    }

  if (memcmp (wanted, self->selected, sizeof (gboolean) * n_areas (self)) == 0)
    return;
  memcpy (self->selected, wanted, sizeof (gboolean) * n_areas (self));
  selection_changed (self);
}

gboolean
glide_body_map_is_selected (GlideBodyMap *self,
                            GlideSite     site,
                            GlideSide     side)
{
  int index;

  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), FALSE);

  index = self->figure ? glide_figure_lookup (self->figure, site, side) : -1;
  return index >= 0 && self->selected[index];
}

/**
 * glide_body_map_set_heat:
 * @counts: (nullable) (element-type utf8 guint): visits per area id, or %NULL
 *   to leave heat mode
 *
 * Shades the areas by how many visits treated them, with a legend.
 */
void
glide_body_map_set_heat (GlideBodyMap *self,
                         GHashTable   *counts)
{
  gboolean was_heat;

  g_return_if_fail (GLIDE_IS_BODY_MAP (self));

  was_heat = self->heat != NULL;
  g_clear_pointer (&self->heat, g_free);
  if (counts != NULL)
    {
      self->heat = g_new0 (guint, MAX (n_areas (self), 1));
      for (guint i = 0; i < n_areas (self); i++)
        self->heat[i] = GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                               glide_figure_get_area (self->figure, i)->id));
    }
  invalidate_base (self);
  if (was_heat != (self->heat != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEAT_MODE]);
}

gboolean
glide_body_map_get_heat_mode (GlideBodyMap *self)
{
  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), FALSE);
  return self->heat != NULL;
}

/* The area the keyboard is on, or NULL. */
const char *
glide_body_map_get_focus_area (GlideBodyMap *self)
{
  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), NULL);
  return self->focus >= 0 ? glide_figure_get_area (self->figure, self->focus)->id : NULL;
}

/* Puts the keyboard on an area (as the area list does when it is used). */
gboolean
glide_body_map_focus_area (GlideBodyMap *self,
                           const char   *area_id)
{
  GlideSite site;
  GlideSide side;
  int index;

  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), FALSE);

  if (!glide_area_parse_id (area_id, &site, &side) ||
      (index = glide_figure_lookup (self->figure, site, side)) < 0)
    return FALSE;
  self->focus = index;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

const char *
glide_body_map_get_hover_area (GlideBodyMap *self)
{
  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), NULL);
  return self->hover >= 0 ? glide_figure_get_area (self->figure, self->hover)->id : NULL;
}

/* The area under a point in widget coordinates. */
gboolean
glide_body_map_area_at (GlideBodyMap *self,
                        double        x,
                        double        y,
                        GlideSite    *site,
                        GlideSide    *side)
{
  int index = area_index_at (self, x, y);
  const GlideFigureArea *area;

  if (index < 0)
    return FALSE;
  area = glide_figure_get_area (self->figure, index);
  if (site != NULL)
    *site = area->site;
  if (side != NULL)
    *side = area->side;
  return TRUE;
}

/* Where an area is, in widget coordinates: a point well inside it. */
gboolean
glide_body_map_area_center (GlideBodyMap *self,
                            GlideSite     site,
                            GlideSide     side,
                            double       *x,
                            double       *y)
{
  int index;
  const GlideFigureArea *area;

  g_return_val_if_fail (GLIDE_IS_BODY_MAP (self), FALSE);

  if (self->figure == NULL || (index = glide_figure_lookup (self->figure, site, side)) < 0)
    return FALSE;
  update_layout (self);
  area = glide_figure_get_area (self->figure, index);
  glide_bodymap_layout_to_drawing (&self->layout, area->view, area->anchor.x, area->anchor.y,
                                   x, y);
  return TRUE;
}
