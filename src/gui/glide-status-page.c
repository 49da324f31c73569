/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-status-page.c: an empty page's icon, title and description, looking
 * as AdwStatusPage does. libadwaita 1.2 centres its text with valign=center,
 * and GTK 4.8 measures the width of a widget that does not fill its space
 * for the height it is given: every wrapping label inside is laid out again
 * and again at narrow widths, one line per character, which costs more than
 * the rest of the page. Centred by a GtkCenterBox, which measures heights
 * for widths only, the same page is laid out in a few passes (3 % less work
 * before the main window's first frame; docs/BENCHMARKS.md).
 *
 * A wrapping label's minimum width is measured by laying its text out at
 * width-chars, or with none at a width of 0, where Pango 1.50 puts each
 * character on a line of its own and shapes the rest of the text again for
 * every line: 229 shapings for the description alone. The labels' 12
 * characters are far narrower than the pages ever are (their text has at
 * least 250 pixels, in the sidebar), so nothing wraps differently, and the
 * minimum takes a few lines. */

#define G_LOG_DOMAIN "glide-status-page"

#include "config.h"

#include "glide-status-page.h"

#include "glide-application.h"

/* The narrowest a wrapping label is measured at (the template's width-chars). */
#define WRAP_MINIMUM_CHARS 12

struct _GlideStatusPage
{
  GtkWidget  parent_instance;

  char         *icon_name;
  GdkPaintable *paintable;
  GtkImage     *image;
  GtkLabel     *title_label;
  GtkLabel     *description_label;
};

G_DEFINE_FINAL_TYPE (GlideStatusPage, glide_status_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_PAINTABLE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ------------------------------------------------------------------- */

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* ---- overrides ------------------------------------------------------------------- */

static void
glide_status_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), GLIDE_TYPE_STATUS_PAGE);
  /* The scrolled window, which the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (glide_status_page_parent_class)->dispose (object);
}

static void
glide_status_page_finalize (GObject *object)
{
  GlideStatusPage *self = GLIDE_STATUS_PAGE (object);

  g_free (self->icon_name);
  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (glide_status_page_parent_class)->finalize (object);
}

static void
glide_status_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlideStatusPage *self = GLIDE_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, glide_status_page_get_icon_name (self));
      break;
    case PROP_PAINTABLE:
      g_value_set_object (value, glide_status_page_get_paintable (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, glide_status_page_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, glide_status_page_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_status_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlideStatusPage *self = GLIDE_STATUS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      glide_status_page_set_icon_name (self, g_value_get_string (value));
      break;
    case PROP_PAINTABLE:
      glide_status_page_set_paintable (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      glide_status_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      glide_status_page_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_status_page_class_init (GlideStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();

  object_class->dispose = glide_status_page_dispose;
  object_class->finalize = glide_status_page_finalize;
  object_class->get_property = glide_status_page_get_property;
  object_class->set_property = glide_status_page_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Drawn instead of the icon, as AdwStatusPage's paintable. */
  properties[PROP_PAINTABLE] =
    g_param_spec_object ("paintable", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/glide-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideStatusPage, image);
  gtk_widget_class_bind_template_child (widget_class, GlideStatusPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlideStatusPage, description_label);

  /* The node libadwaita's style sheet knows. */
  gtk_widget_class_set_css_name (widget_class, "statuspage");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
glide_status_page_init (GlideStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------------------ */

const char *
glide_status_page_get_icon_name (GlideStatusPage *self)
{
  g_return_val_if_fail (GLIDE_IS_STATUS_PAGE (self), NULL);
  return self->icon_name;
}

void
glide_status_page_set_icon_name (GlideStatusPage *self,
                                 const char      *icon_name)
{
  g_return_if_fail (GLIDE_IS_STATUS_PAGE (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (icon_name != NULL)
    glide_status_page_set_paintable (self, NULL);
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  gtk_image_set_from_icon_name (self->image, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->image), icon_name != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

GdkPaintable *
glide_status_page_get_paintable (GlideStatusPage *self)
{
  g_return_val_if_fail (GLIDE_IS_STATUS_PAGE (self), NULL);
  return self->paintable;
}

/* The paintable replaces the icon (icon-name becomes NULL), and NULL
 * leaves the page without a picture. */
void
glide_status_page_set_paintable (GlideStatusPage *self,
                                 GdkPaintable    *paintable)
{
  g_return_if_fail (GLIDE_IS_STATUS_PAGE (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  if (self->paintable == paintable)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (paintable != NULL)
    glide_status_page_set_icon_name (self, NULL);
  g_set_object (&self->paintable, paintable);
  gtk_image_set_from_paintable (self->image, paintable);
  gtk_widget_set_visible (GTK_WIDGET (self->image), paintable != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTABLE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
glide_status_page_get_title (GlideStatusPage *self)
{
  g_return_val_if_fail (GLIDE_IS_STATUS_PAGE (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
glide_status_page_set_title (GlideStatusPage *self,
                             const char      *title)
{
  g_return_if_fail (GLIDE_IS_STATUS_PAGE (self));

  if (g_strcmp0 (gtk_label_get_label (self->title_label), title ? title : "") == 0)
    return;
  set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
glide_status_page_get_description (GlideStatusPage *self)
{
  g_return_val_if_fail (GLIDE_IS_STATUS_PAGE (self), NULL);
  return gtk_label_get_label (self->description_label);
}

void
glide_status_page_set_description (GlideStatusPage *self,
                                   const char      *description)
{
  g_return_if_fail (GLIDE_IS_STATUS_PAGE (self));

  if (g_strcmp0 (gtk_label_get_label (self->description_label), description ? description : "") == 0)
    return;
  set_label (self->description_label, description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * glide_status_page_narrow_wrapping:
 * @root: a page, once its rows are made
 *
 * Gives every wrapping label under @root whose text is longer than 12
 * characters, and which has no width-chars of its own, a minimum of 12
 * characters, as this page's labels have (see the top of this file): also
 * the title, subtitle and description labels libadwaita makes for its rows
 * and groups. Their natural width, and so their look, is the same; only
 * their narrowest layout, which a page is measured at while GTK sizes the
 * window, takes a few lines instead of one per character. Shorter labels
 * are left, as 12 characters would widen them.
 */
void
glide_status_page_narrow_wrapping (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)) &&
      gtk_label_get_width_chars (GTK_LABEL (root)) < 0 &&
      g_utf8_strlen (gtk_label_get_text (GTK_LABEL (root)), -1) > WRAP_MINIMUM_CHARS)
    gtk_label_set_width_chars (GTK_LABEL (root), WRAP_MINIMUM_CHARS);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    glide_status_page_narrow_wrapping (child);
}
