/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-window.c: the main window. For now it says which database is open
 * and how much it holds, or why it could not be opened; the patient list
 * and the session editor come with the documentation workflow. */

#define G_LOG_DOMAIN "glide-window"

#include "config.h"

#include "glide-window.h"

#include <glib/gi18n.h>

struct _GlideWindow
{
  AdwApplicationWindow  parent_instance;

  GlideStore           *store;
  GSettings            *settings;

  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (GlideWindow, glide_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_status (GlideWindow *self,
               const char  *open_error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autofree char *description = NULL;

  if (self->store == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("The Database Could Not Be Opened"));
      adw_status_page_set_description (self->status_page, open_error);
      return;
    }

  patients = glide_store_list_patients (self->store, NULL);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u patient in %s",
                                              "%u patients in %s",
                                              patients ? patients->len : 0),
                                 patients ? patients->len : 0,
                                 glide_store_get_path (self->store));
  adw_status_page_set_description (self->status_page, description);
}

static void
glide_window_dispose (GObject *object)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_window_parent_class)->dispose (object);
}

static void
glide_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlideWindow *self = GLIDE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_window_class_init (GlideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();

  object_class->dispose = glide_window_dispose;
  object_class->get_property = glide_window_get_property;
  object_class->set_property = glide_window_set_property;

  /**
   * GlideWindow:store:
   *
   * The open clinical store, or %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GLIDE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/glide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideWindow, status_page);
}

static void
glide_window_init (GlideWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

GlideWindow *
glide_window_new (GlideApplication *application,
                  GlideStore       *store,
                  const char       *open_error)
{
  GlideWindow *self = g_object_new (GLIDE_TYPE_WINDOW,
                                    "application", application,
                                    "store", store,
                                    NULL);

  update_status (self, open_error);
  return self;
}

GlideStore *
glide_window_get_store (GlideWindow *self)
{
  g_return_val_if_fail (GLIDE_IS_WINDOW (self), NULL);
  return self->store;
}
