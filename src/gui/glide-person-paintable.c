/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-person-paintable.c: the outline of a person (a head above
 * shoulders), drawn in the symbolic colour it is given, for the main
 * window's "No Patient Selected" page.
 *
 * The page is in the window's first frame. Drawn from the icon theme, the
 * same figure (avatar-default-symbolic) is an SVG file: its first use loads
 * gdk-pixbuf's SVG loader and librsvg, parses the file and rasterises it at
 * 128 pixels, which took 10 ms of the frame and 8 MiB (docs/BENCHMARKS.md).
 * Here it is two rounded rectangles, which the renderer fills directly, at
 * any size and scale, and in the colour GTK passes to symbolic paintables
 * (the label colour of the light or dark style). */

#define G_LOG_DOMAIN "glide-person-paintable"

#include "config.h"

#include "glide-person-paintable.h"

struct _GlidePersonPaintable
{
  GObject parent_instance;
};

static void glide_person_paintable_paintable_init (GdkPaintableInterface *iface);
static void glide_person_paintable_symbolic_init (GtkSymbolicPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlidePersonPaintable, glide_person_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      glide_person_paintable_paintable_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SYMBOLIC_PAINTABLE,
                                                      glide_person_paintable_symbolic_init))

/* The figure on a 16-unit square, as the symbolic icons are drawn: the head
 * a circle of radius 3 centred at (8, 4); the shoulders 12 units wide from
 * y = 8 to 15, their top corners rounded by 4.5 and their foot by 2. */
#define GRID 16.0f

static void
append_rounded (GtkSnapshot     *snapshot,
                const GdkRGBA   *color,
                float            scale,
                float            x,
                float            y,
                float            width,
                float            height,
                float            top_radius,
                float            bottom_radius)
{
  GskRoundedRect shape;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x * scale, y * scale, width * scale, height * scale);
  graphene_size_t top = GRAPHENE_SIZE_INIT (top_radius * scale, top_radius * scale);
  graphene_size_t bottom = GRAPHENE_SIZE_INIT (bottom_radius * scale, bottom_radius * scale);

  gsk_rounded_rect_init (&shape, &bounds, &top, &top, &bottom, &bottom);
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, color, &bounds);
  gtk_snapshot_pop (snapshot);
}

static void
glide_person_paintable_snapshot_symbolic (GtkSymbolicPaintable *paintable,
                                          GdkSnapshot          *snapshot,
                                          double                width,
                                          double                height,
                                          const GdkRGBA        *colors,
                                          gsize                 n_colors)
{
  /* Centred in a square as large as fits, as an icon is. */
  float side = (float) MIN (width, height);
  float scale = side / GRID;

  if (side <= 0 || n_colors == 0)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (width - side) / 2,
                                                          (float) (height - side) / 2));
  append_rounded (snapshot, &colors[0], scale, 5, 1, 6, 6, 3, 3);
  append_rounded (snapshot, &colors[0], scale, 2, 8, 12, 7, 4.5f, 2);
  gtk_snapshot_restore (snapshot);
}

static void
glide_person_paintable_snapshot (GdkPaintable *paintable,
                                 GdkSnapshot  *snapshot,
                                 double        width,
                                 double        height)
{
  /* Outside a symbolic context: the foreground of Adwaita's light style. */
  const GdkRGBA foreground = { 0, 0, 0, 0.8f };

  glide_person_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot,
                                            width, height, &foreground, 1);
}

static GdkPaintableFlags
glide_person_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

/* Square, as an icon: GtkImage draws it at its icon size (128 pixels on
 * the status page, from libadwaita's style); with no ratio at all it would
 * stretch it to its own width. */
static double
glide_person_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return 1.0;
}

static void
glide_person_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = glide_person_paintable_snapshot;
  iface->get_flags = glide_person_paintable_get_flags;
  iface->get_intrinsic_aspect_ratio = glide_person_paintable_get_intrinsic_aspect_ratio;
}

static void
glide_person_paintable_symbolic_init (GtkSymbolicPaintableInterface *iface)
{
  iface->snapshot_symbolic = glide_person_paintable_snapshot_symbolic;
}

static void
glide_person_paintable_class_init (GlidePersonPaintableClass *klass)
{
}

static void
glide_person_paintable_init (GlidePersonPaintable *self)
{
}

GdkPaintable *
glide_person_paintable_new (void)
{
  return g_object_new (GLIDE_TYPE_PERSON_PAINTABLE, NULL);
}
