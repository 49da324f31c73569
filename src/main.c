/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: starts the application; everything else lives in the library. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "glide-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlideApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* GLIDE_LOCALEDIR: the catalogs of an uninstalled build (the tests, build-aux/run). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GLIDE_LOCALEDIR") ? g_getenv ("GLIDE_LOCALEDIR")
                                                                 : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = glide_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
