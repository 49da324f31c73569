/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: starts the application; everything else lives in the library. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "glide-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlideApplication) app = NULL;

  if (setlocale (LC_ALL, "") == NULL)
    {
      /* The desktop asks for a locale this system has not generated (say
       * LANG=de_DE.UTF-8 without it): the messages still follow it. gettext
       * reads LANGUAGE over C.UTF-8, never over C; GTK is told not to set
       * the locale again and warn. Numbers and dates are then the C
       * locale's. */
      const char *const *names = g_get_language_names ();

      setlocale (LC_ALL, "C.UTF-8");
      if ((g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0') && names[0] != NULL &&
          strcmp (names[0], "C") != 0)
        {
          g_autofree char *language = g_strjoinv (":", (char **) names);

          g_setenv ("LANGUAGE", language, TRUE);
        }
      gtk_disable_setlocale ();
    }
  /* GLIDE_LOCALEDIR: the catalogs of an uninstalled build (the tests, build-aux/run). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLIDE_LOCALEDIR") ? g_getenv ("GLIDE_LOCALEDIR")
                                                                 : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  glide_application_prepare_environment ();
  app = glide_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
