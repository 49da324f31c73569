/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-bodymap-drawing.h: draws the body map (both views, areas by state,
 * heat legend, R/L marks) through the painter, for the widget and the PDF. */

#pragma once

#include "glide-figure.h"
#include "glide-painter.h"

G_BEGIN_DECLS

#define GLIDE_HEAT_CLASSES 5

typedef struct
{
  GlideColor background;     /* alpha 0: leave transparent */
  GlideColor skin;
  GlideColor outline;
  GlideColor guide;
  GlideColor area;           /* an area in no particular state */
  GlideColor area_edge;
  GlideColor selected;
  GlideColor selected_edge;
  GlideColor hover;          /* laid over the hovered area */
  GlideColor focus;
  GlideColor text;
  GlideColor heat[GLIDE_HEAT_CLASSES];
} GlideBodymapPalette;

/* The base layer changes with the selection, the heat, the size and the
 * colours; the overlay with the pointer and the keyboard. */
typedef enum
{
  GLIDE_BODYMAP_LAYER_BASE    = 1 << 0,
  GLIDE_BODYMAP_LAYER_OVERLAY = 1 << 1,
} GlideBodymapLayers;

typedef struct
{
  const gboolean *selected;  /* one flag per figure area, or NULL */
  const guint    *heat;      /* visits per figure area (heat mode), or NULL */
  int             hover;     /* area index, or -1 */
  int             focus;     /* area index, or -1 */
} GlideBodymapState;

typedef struct
{
  double width;
  double height;
  double scale;              /* figure units to drawing units */
  double view_x[2];          /* left edge of each view's figure box */
  double view_y;             /* top of the figure boxes */
  double title_size;         /* 0: no titles */
  double legend_y;           /* top of the heat legend; 0: none */
  double legend_size;
} GlideBodymapLayout;

void     glide_bodymap_palette_init_light (GlideBodymapPalette       *palette);
void     glide_bodymap_palette_init_dark  (GlideBodymapPalette       *palette);

void     glide_bodymap_layout_compute     (GlideBodymapLayout        *layout,
                                           const GlideFigure         *figure,
                                           double                     width,
                                           double                     height,
                                           gboolean                   titles,
                                           gboolean                   legend);
gboolean glide_bodymap_layout_locate      (const GlideBodymapLayout  *layout,
                                           const GlideFigure         *figure,
                                           double                     x,
                                           double                     y,
                                           GlideView                 *view,
                                           double                    *figure_x,
                                           double                    *figure_y);
void     glide_bodymap_layout_to_drawing  (const GlideBodymapLayout  *layout,
                                           GlideView                  view,
                                           double                     figure_x,
                                           double                     figure_y,
                                           double                    *x,
                                           double                    *y);

guint    glide_bodymap_heat_class         (guint                      count,
                                           guint                      max_count);
char    *glide_bodymap_heat_class_label   (guint                      heat_class,
                                           guint                      max_count);

void     glide_bodymap_draw               (GlidePainter              *painter,
                                           const GlideFigure         *figure,
                                           const GlideBodymapLayout  *layout,
                                           const GlideBodymapPalette *palette,
                                           const GlideBodymapState   *state);
void     glide_bodymap_draw_layers        (GlidePainter              *painter,
                                           const GlideFigure         *figure,
                                           const GlideBodymapLayout  *layout,
                                           const GlideBodymapPalette *palette,
                                           const GlideBodymapState   *state,
                                           GlideBodymapLayers         layers);
GlideRect glide_bodymap_overlay_extents   (const GlideBodymapLayout  *layout,
                                           const GlideFigure         *figure,
                                           guint                      area);

G_END_DECLS
