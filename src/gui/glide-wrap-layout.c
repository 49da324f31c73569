/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-wrap-layout.c: children in lines, as many to a line as fit (at
 * their natural widths, or their minimum ones), the rest on the next line;
 * a child alone on a line gets the whole width. In a line of fields,
 * space beyond what they need goes first towards each one's natural width,
 * then to those that expand; big columns share the line equally instead,
 * so that they never move as their content changes. Nested, the outer layout wants its children's
 * natural widths, so it breaks its fields into lines before a field's own
 * choices have to wrap. Heights depend on the width (labels wrap), so the
 * layout asks its children height-for-width. */

#define G_LOG_DOMAIN "glide-wrap-layout"

#include "config.h"

#include "glide-wrap-layout.h"

struct _GlideWrapLayout
{
  GtkLayoutManager parent_instance;

  int              column_spacing;
  int              row_spacing;
  gboolean         natural;   /* a line needs the natural widths, not the minimum */
  gboolean         stacked;   /* as last allocated: one child a line */
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

/* The width @child needs on a line with others. */
static int
needed_width (GlideWrapLayout *self,
              GtkWidget       *child)
{
  int min, nat;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return self->natural ? nat : min;
}

/* Where each line starts: @starts[k] is the index of line k's first child;
 * returns the number of lines. A width below zero puts all on one line. */
static guint
break_lines (GlideWrapLayout *self,
             GPtrArray       *children,
             int              width,
             guint           *starts)
{
  guint n_lines = 0;
  int used = 0;

  for (guint i = 0; i < children->len; i++)
    {
      int need = needed_width (self, g_ptr_array_index (children, i));

      if (n_lines == 0 || (width >= 0 && used + self->column_spacing + need > width))
        {
          starts[n_lines++] = i;
          used = need;
        }
      else
        used += self->column_spacing + need;
    }
  return n_lines;
}

/* Big columns share a line equally among those that expand (each at least
 * its minimum), whatever they hold: a new row or a longer label in one must
 * not move the other sideways, as sharing by natural widths would. */
static void
equal_widths (GPtrArray        *children,
              guint             first,
              guint             n,
              int               room,
              GtkRequestedSize *sizes,
              int              *widths)
{
  g_autofree gboolean *fixed = g_new0 (gboolean, n);
  guint open = 0;
  gboolean changed = TRUE;

  for (guint i = 0; i < n; i++)
    {
      fixed[i] = !gtk_widget_compute_expand (g_ptr_array_index (children, first + i),
                                             GTK_ORIENTATION_HORIZONTAL);
      if (fixed[i])
        room -= sizes[i].minimum_size;
      else
        open++;
    }
  /* Whoever needs more than an equal share keeps its minimum; the rest share. */
  while (changed && open > 0)
    {
      changed = FALSE;
      for (guint i = 0; i < n; i++)
        if (!fixed[i] && sizes[i].minimum_size > room / (int) open)
          {
            fixed[i] = TRUE;
            room -= sizes[i].minimum_size;
            open--;
            changed = TRUE;
          }
    }
  for (guint i = 0; i < n; i++)
    {
      widths[i] = sizes[i].minimum_size;
      if (!fixed[i])
        {
          widths[i] = MAX (room / (int) open, sizes[i].minimum_size);
          room -= widths[i];
          open--;
        }
    }
}

/* Widths of children[first, last) on a line @width wide. */
static void
line_widths (GlideWrapLayout *self,
             GPtrArray       *children,
             guint            first,
             guint            last,
             int              width,
             int             *widths)
{
  guint n = last - first;
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, MAX (n, 1));
  int extra = width - self->column_spacing * (int) (n - 1);
  guint expanding = 0;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, first + i);

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &sizes[i].minimum_size, &sizes[i].natural_size, NULL, NULL);
      extra -= sizes[i].minimum_size;
      expanding += gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
    }
  if (!self->natural && n > 1)
    {
      equal_widths (children, first, n, width - self->column_spacing * (int) (n - 1), sizes, widths);
      return;
    }
  /* Fields grow towards their natural widths first. */
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, first + i);

      /* Alone on its line, a child that expands (or a big column) takes the
       * width; a field or a choice keeps its natural width. */
      if (n == 1)
        widths[i] = self->natural && !gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL) ?
                    CLAMP (width, sizes[i].minimum_size, MAX (sizes[i].natural_size, sizes[i].minimum_size)) :
                    MAX (width, sizes[i].minimum_size);
      else
        widths[i] = sizes[i].minimum_size;
      if (n > 1 && expanding > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        {
          int share = extra / (int) expanding;

          widths[i] += share;
          extra -= share;
          expanding--;
        }
    }
}

/* The natural height of each line for @width (and the widths of its
 * children); returns their sum. */
static int
lay_out (GlideWrapLayout *self,
         GPtrArray       *children,
         int              width,
         guint           *starts,
         guint           *n_lines,
         int             *widths,
         int             *line_nat)
{
  int total = 0;

  *n_lines = break_lines (self, children, width, starts);
  for (guint k = 0; k < *n_lines; k++)
    {
      guint first = starts[k];
      guint last = k + 1 < *n_lines ? starts[k + 1] : children->len;
      int line_width = width;

      if (width < 0)
        {
          line_width = self->column_spacing * (int) (last - first - 1);
          for (guint i = first; i < last; i++)
            line_width += needed_width (self, g_ptr_array_index (children, i));
        }
      line_widths (self, children, first, last, line_width, widths + first);
      line_nat[k] = 0;
      for (guint i = first; i < last; i++)
        {
          int child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), GTK_ORIENTATION_VERTICAL, widths[i],
                              NULL, &child_nat, NULL, NULL);
          line_nat[k] = MAX (line_nat[k], child_nat);
        }
      total += line_nat[k];
    }
  return total;
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
  guint n = MAX (children->len, 1);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the widest child, alone on its line; at best all on one. */
      nat = children->len > 1 ? self->column_spacing * (int) (children->len - 1) : 0;
      for (guint i = 0; i < children->len; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (g_ptr_array_index (children, i), orientation, -1,
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat;
        }
    }
  else
    {
      g_autofree guint *starts = g_new0 (guint, n);
      g_autofree int *widths = g_new0 (int, n);
      g_autofree int *line_nat = g_new0 (int, n);
      guint n_lines = 0;

      lay_out (self, children, for_size, starts, &n_lines, widths, line_nat);
      /* Lines are never squeezed below their natural height: a viewport
       * gives its child no more than the minimum, and a map that shrank
       * while the form beside it was short would jump when it grew. */
      for (guint k = 0; k < n_lines; k++)
        nat += line_nat[k];
      if (n_lines > 1)
        nat += self->row_spacing * (int) (n_lines - 1);
      min = nat;
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
  guint n = MAX (children->len, 1);
  g_autofree guint *starts = g_new0 (guint, n);
  g_autofree int *widths = g_new0 (int, n);
  g_autofree int *line_nat = g_new0 (int, n);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  guint n_lines = 0;
  int y = 0;

  lay_out (self, children, width, starts, &n_lines, widths, line_nat);
  self->stacked = n_lines > 1 && n_lines == children->len;
  for (guint k = 0; k < n_lines; k++)
    {
      guint last = k + 1 < n_lines ? starts[k + 1] : children->len;
      int line_height = line_nat[k];
      int x = 0;

      /* A single line fills the height it is given. */
      if (n_lines == 1)
        line_height = height;
      for (guint i = starts[k]; i < last; i++)
        {
          GtkAllocation a = { rtl ? width - x - widths[i] : x, y, widths[i], line_height };

          gtk_widget_size_allocate (g_ptr_array_index (children, i), &a, -1);
          x += widths[i] + self->column_spacing;
        }
      y += line_height + self->row_spacing;
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
 * @column_spacing: between children on a line
 * @row_spacing: between lines
 * @natural: whether a line needs the children's natural widths (fields and
 *   their choices) or only their minimum widths (big columns that shrink)
 */
GtkLayoutManager *
glide_wrap_layout_new (int      column_spacing,
                       int      row_spacing,
                       gboolean natural)
{
  GlideWrapLayout *self = g_object_new (GLIDE_TYPE_WRAP_LAYOUT, NULL);

  self->column_spacing = column_spacing;
  self->row_spacing = row_spacing;
  self->natural = natural;
  return GTK_LAYOUT_MANAGER (self);
}

/* Whether the last allocation put each child on a line of its own. */
gboolean
glide_wrap_layout_is_stacked (GlideWrapLayout *self)
{
  g_return_val_if_fail (GLIDE_IS_WRAP_LAYOUT (self), FALSE);
  return self->stacked;
}
