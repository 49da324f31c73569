/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-docgen.c: writes glide.1 ("man") or the bash completion ("bash") to
 * standard output at build time; see glide-cli-docs.c. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "glide-cli-docs.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *text = NULL;

  if (argc == 2 && g_str_equal (argv[1], "man"))
    {
      const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *date = NULL;

      /* A reproducible build gives the date; otherwise the page has none. */
      if (epoch != NULL && (when = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10))))
        date = g_date_time_format (when, "%Y-%m-%d");
      text = glide_cli_docs_man_page (PACKAGE_VERSION, date);
    }
  else if (argc == 2 && g_str_equal (argv[1], "bash"))
    text = glide_cli_docs_bash_completion ();
  else
    {
      fprintf (stderr, "Usage: %s man|bash\n", argv[0]);
      return 2;
    }
  fputs (text, stdout);
  return fflush (stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
