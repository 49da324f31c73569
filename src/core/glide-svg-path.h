/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-svg-path.h: the subset of SVG path data the body map uses (M L H V C
 * S Q T Z, absolute and relative), parsed into absolute moves, lines and
 * cubic curves, and flattened into polygons for hit testing. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLIDE_SVG_ERROR (glide_svg_error_quark ())

typedef enum
{
  GLIDE_SVG_ERROR_SYNTAX,       /* path data that is not well formed */
  GLIDE_SVG_ERROR_UNSUPPORTED,  /* valid SVG outside the subset (arcs, transforms) */
  GLIDE_SVG_ERROR_STRUCTURE,    /* a figure document that breaks the body map rules */
} GlideSvgError;

typedef enum
{
  GLIDE_PATH_MOVE,
  GLIDE_PATH_LINE,
  GLIDE_PATH_CURVE,
  GLIDE_PATH_CLOSE,
} GlidePathOp;

typedef struct
{
  GlidePathOp op;
  double      x1, y1;  /* first control point (curves) */
  double      x2, y2;  /* second control point (curves) */
  double      x, y;    /* end point (moves, lines, curves) */
} GlidePathSegment;

typedef struct
{
  double x, y;
} GlidePoint;

typedef struct
{
  double x0, y0, x1, y1;
} GlideRect;

typedef struct _GlidePath GlidePath;

GQuark                  glide_svg_error_quark       (void);

GlidePath              *glide_svg_path_parse        (const char        *data,
                                                     GError           **error);
void                    glide_path_free             (GlidePath         *path);
guint                   glide_path_get_n_segments   (const GlidePath   *path);
const GlidePathSegment *glide_path_get_segment      (const GlidePath   *path,
                                                     guint              index);
GlideRect               glide_path_get_bounds       (const GlidePath   *path);
GPtrArray              *glide_path_flatten          (const GlidePath   *path,
                                                     double             tolerance);
gboolean                glide_polygons_contain      (GPtrArray         *polygons,
                                                     double             x,
                                                     double             y);
double                  glide_polygons_distance     (GPtrArray         *polygons,
                                                     double             x,
                                                     double             y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlidePath, glide_path_free)

G_END_DECLS
