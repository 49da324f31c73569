/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-application.c: parses the command line (commands such as --import run
 * before GTK starts and never open a window), then opens the store and the
 * main window. */

#define G_LOG_DOMAIN "glide-application"

#include "config.h"

#include "glide-application.h"

#include "glide-cli.h"
#include "glide-store.h"
#include "glide-window.h"

#include <glib/gi18n.h>

struct _GlideApplication
{
  AdwApplication   parent_instance;

  GlideCliOptions  options;
};

G_DEFINE_FINAL_TYPE (GlideApplication, glide_application, ADW_TYPE_APPLICATION)

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Glide authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Glide"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Glide authors"),
                         "developers", developers,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Document instrument-assisted soft tissue mobilization "
                                       "and show patients their progress."),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_activated },
  { "about", on_about_activated },
};

/* "--help" shows every option group, not only the first. */
static gboolean
glide_application_local_command_line (GApplication   *application,
                                      char         ***arguments,
                                      int            *exit_status)
{
  char **argv = *arguments;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
          g_str_equal (argv[i], "-?"))
        {
          g_free (argv[i]);
          argv[i] = g_strdup ("--help-all");
        }
    }

  return G_APPLICATION_CLASS (glide_application_parent_class)->local_command_line (application,
                                                                                 arguments,
                                                                                 exit_status);
}

static int
glide_application_handle_local_options (GApplication *application,
                                        GVariantDict *dict)
{
  GlideApplication *self = GLIDE_APPLICATION (application);
  int status = glide_cli_run (&self->options);

  /* A window on another database must not be handed to a running Glide. */
  if (status < 0 && self->options.database != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return status;
}

static void
glide_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (glide_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
glide_application_activate (GApplication *application)
{
  GlideApplication *self = GLIDE_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      path = glide_cli_get_database_path (&self->options);
      store = glide_store_open (path, &error);
      if (store == NULL)
        g_warning ("%s", error->message);
      window = GTK_WINDOW (glide_window_new (self, store, error ? error->message : NULL));
    }

  gtk_window_present (window);
}

static void
glide_application_finalize (GObject *object)
{
  GlideApplication *self = GLIDE_APPLICATION (object);

  glide_cli_options_clear (&self->options);

  G_OBJECT_CLASS (glide_application_parent_class)->finalize (object);
}

static void
glide_application_class_init (GlideApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = glide_application_finalize;
  app_class->local_command_line = glide_application_local_command_line;
  app_class->handle_local_options = glide_application_handle_local_options;
  app_class->startup = glide_application_startup;
  app_class->activate = glide_application_activate;
}

static void
glide_application_init (GlideApplication *self)
{
  glide_cli_add_options (G_APPLICATION (self), &self->options);
}

GlideApplication *
glide_application_new (void)
{
  return g_object_new (GLIDE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
