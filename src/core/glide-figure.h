/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-figure.h: the body map figure: both views' outlines, guide lines and
 * the 79 selectable areas, read from the SVG files in data/bodymap (one source of truth
 * for the widget and the PDF), with hit testing and neighbours in figure
 * coordinates. */

#pragma once

#include <glib.h>

#include "glide-codes.h"
#include "glide-svg-path.h"

G_BEGIN_DECLS

typedef enum
{
  GLIDE_DIRECTION_UP,
  GLIDE_DIRECTION_DOWN,
  GLIDE_DIRECTION_LEFT,
  GLIDE_DIRECTION_RIGHT,
} GlideDirection;

typedef struct
{
  GlideSite    site;
  GlideSide    side;
  GlideView    view;
  const char  *id;        /* "calf--left" */
  GlidePath   *path;
  GPtrArray   *polygons;  /* flattened, for hit testing */
  GPtrArray   *inset;     /* the polygons moved GLIDE_FIGURE_EDGE inwards */
  GlideRect    bounds;
  GlidePoint   anchor;    /* a point well inside, away from the edges */
} GlideFigureArea;

/* How wide an area's edge and the silhouette's outline are drawn, in figure
 * units, inside the shape. */
#define GLIDE_FIGURE_EDGE    1.3
#define GLIDE_FIGURE_OUTLINE 2.2

typedef struct _GlideFigure GlideFigure;

GlideFigure            *glide_figure_new_from_data  (const char      *front_svg,
                                                     gssize           front_length,
                                                     const char      *back_svg,
                                                     gssize           back_length,
                                                     GError         **error);
GlideFigure            *glide_figure_get_default    (GError         **error);
GlideFigure            *glide_figure_ref            (GlideFigure     *self);
void                    glide_figure_unref          (GlideFigure     *self);

double                  glide_figure_get_width      (const GlideFigure *self);
double                  glide_figure_get_height     (const GlideFigure *self);
const GlidePath        *glide_figure_get_outline    (const GlideFigure *self,
                                                     GlideView        view);
GPtrArray              *glide_figure_get_outline_inset (const GlideFigure *self,
                                                        GlideView        view);
GPtrArray              *glide_figure_get_guides     (const GlideFigure *self,
                                                     GlideView        view);
guint                   glide_figure_get_n_areas    (const GlideFigure *self);
const GlideFigureArea  *glide_figure_get_area       (const GlideFigure *self,
                                                     guint            index);
int                     glide_figure_lookup         (const GlideFigure *self,
                                                     GlideSite        site,
                                                     GlideSide        side);
int                     glide_figure_hit_test       (const GlideFigure *self,
                                                     GlideView        view,
                                                     double           x,
                                                     double           y);
gboolean                glide_figure_outline_contains (const GlideFigure *self,
                                                       GlideView        view,
                                                       double           x,
                                                       double           y);
int                     glide_figure_get_neighbour  (const GlideFigure *self,
                                                     guint            index,
                                                     GlideDirection   direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideFigure, glide_figure_unref)

G_END_DECLS
