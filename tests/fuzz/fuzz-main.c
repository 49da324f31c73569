/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-main.c: runs a fuzz target built without libFuzzer over the files and
 * directories given on the command line, as a TAP test, so that the corpus
 * is a regression test of the normal build. */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Files directly in a directory, hidden ones (.gitignore) left out. */
static gboolean
add_directory (GPtrArray   *inputs,
               const char  *path,
               GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_steal_pointer (&child));
    }
  /* Directory order is the file system's; the test output should not be. */
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (inputs, g_strdup (g_ptr_array_index (names, i)));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  int failures = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        g_ptr_array_add (inputs, g_strdup (argv[i]));
      else if (!add_directory (inputs, argv[i], &error))
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          return EXIT_FAILURE;
        }
    }

  if (inputs->len == 0)
    {
      printf ("1..0 # SKIP no inputs given\n");
      return EXIT_SUCCESS;
    }

  printf ("1..%u\n", inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u %s # %s\n", i + 1, path, error->message);
          failures++;
          continue;
        }

      /* If the target crashes, the log shows which input did it. */
      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %u %s\n", i + 1, path);
      fflush (stdout);
    }

  return failures > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
