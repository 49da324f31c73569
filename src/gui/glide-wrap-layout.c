/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-wrap-layout.c: a row while the children fit at their minimum (or
 * natural) widths, a column otherwise. Nested, the outer layout wants its
 * children's natural widths, so it stacks its fields before a field's own
 * choices have to stack. In a row, space beyond the minimum goes first
 * towards each child's natural width, then to the children that expand.
 * Heights depend on the width (labels wrap), so the layout asks its
 * children height-for-width. */

#define G_LOG_DOMAIN "glide-wrap-layout"

#include "config.h"

#include "glide-wrap-layout.h"

struct _GlideWrapLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
  gboolean         natural;   /* a row needs the natural widths, not the minimum */
  gboolean         stacked;   /* as last allocated */
};

G_DEFINE_FINAL_TYPE (GlideWrapLayout, glide_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static GPtrArray *
visible_children (GtkWidget *widget)
{
  GPtrArray *children = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      g_ptr_array_add (children, child);
  return children;
}

static int
gaps (GlideWrapLayout *self,
      GPtrArray       *children)
{
  return children->len > 1 ? self->spacing * (int) (children->len - 1) : 0;
}

/* The width of the narrowest row the layout makes. */
static int
row_minimum (GlideWrapLayout *self,
             GPtrArray       *children)
{
  int total = gaps (self, children);

  for (guint i = 0; i < children->len; i++)
    {
      int min, nat;

      gtk_widget_measure (g_ptr_array_index (children, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min, &nat, NULL, NULL);
      total += self->natural ? nat : min;
    }
  return total;
}

/* Widths of the children in a row @width wide (at least row_minimum). */
static int *
row_widths (GlideWrapLayout *self,
            GPtrArray       *children,
            int              width)
{
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, MAX (children->len, 1));
  int *widths = g_new0 (int, MAX (children->len, 1));
  int extra = width - gaps (self, children);
  guint expanding = 0;

  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &sizes[i].minimum_size, &sizes[i].natural_size, NULL, NULL);
      extra -= sizes[i].minimum_size;
      expanding += gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
    }
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), children->len, sizes);
  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);

      widths[i] = sizes[i].minimum_size;
      if (expanding > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        {
          int share = extra / (int) expanding;

          widths[i] += share;
          extra -= share;
          expanding--;
        }
    }
  return widths;
}

static GtkSizeRequestMode
glide_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
glide_wrap_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  GlideWrapLayout *self = GLIDE_WRAP_LAYOUT (manager);
  g_autoptr(GPtrArray) children = visible_children (widget);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* A column is as narrow as its widest child; a row is the natural. */
      nat = gaps (self, children);
      for (guint i = 0; i < children->len; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), orientation, -1,
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat;
        }
    }
  else if (for_size >= 0 && for_size >= row_minimum (self, children))
    {
      g_autofree int *widths = row_widths (self, children, for_size);

      for (guint i = 0; i < children->len; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), orientation, widths[i],
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
    }
  else
    {
      min = nat = gaps (self, children);
      for (guint i = 0; i < children->len; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), orientation, for_size,
                              &child_min, &child_nat, NULL, NULL);
          min += child_min;
          nat += child_nat;
        }
    }
  *minimum = min;
  *natural = MAX (min, nat);
}

static void
glide_wrap_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  GlideWrapLayout *self = GLIDE_WRAP_LAYOUT (manager);
  g_autoptr(GPtrArray) children = visible_children (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  self->stacked = width < row_minimum (self, children);
  if (!self->stacked)
    {
      g_autofree int *widths = row_widths (self, children, width);
      int x = 0;

      for (guint i = 0; i < children->len; i++)
        {
          GtkAllocation a = { rtl ? width - x - widths[i] : x, 0, widths[i], height };

          gtk_widget_size_allocate (g_ptr_array_index (children, i), &a, -1);
          x += widths[i] + self->spacing;
        }
    }
  else
    {
      int total_nat = gaps (self, children);
      int y = 0;

      for (guint i = 0; i < children->len; i++)
        {
          int child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), GTK_ORIENTATION_VERTICAL, width,
                              NULL, &child_nat, NULL, NULL);
          total_nat += child_nat;
        }
      for (guint i = 0; i < children->len; i++)
        {
          GtkWidget *child = g_ptr_array_index (children, i);
          int child_min, child_nat;
          GtkAllocation a;

          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
          a = (GtkAllocation) { 0, y, width, height >= total_nat ? child_nat : child_min };
          gtk_widget_size_allocate (child, &a, -1);
          y += a.height + self->spacing;
        }
    }
}

static void
glide_wrap_layout_class_init (GlideWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = glide_wrap_layout_get_request_mode;
  layout_class->measure = glide_wrap_layout_measure;
  layout_class->allocate = glide_wrap_layout_allocate;
}

static void
glide_wrap_layout_init (GlideWrapLayout *self)
{
}

/**
 * glide_wrap_layout_new:
 * @natural: whether a row needs the children's natural widths (fields and
 *   their choices) or only their minimum widths (big columns that shrink)
 */
GtkLayoutManager *
glide_wrap_layout_new (int      spacing,
                       gboolean natural)
{
  GlideWrapLayout *self = g_object_new (GLIDE_TYPE_WRAP_LAYOUT, NULL);

  self->spacing = spacing;
  self->natural = natural;
  return GTK_LAYOUT_MANAGER (self);
}

/* Whether the last allocation put the children in a column. */
gboolean
glide_wrap_layout_is_stacked (GlideWrapLayout *self)
{
  g_return_val_if_fail (GLIDE_IS_WRAP_LAYOUT (self), FALSE);
  return self->stacked;
}
