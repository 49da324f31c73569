/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-library.c: loading a shared library on first use. Glide's clinic
 * server (libpq) and keyring (libsecret) libraries, with what they pull in,
 * were milliseconds of every start that uses neither (docs/BENCHMARKS.md). */

#include "config.h"

#include "glide-library.h"

#include <dlfcn.h>

/**
 * glide_library_load:
 * @library: where the outcome is kept, once per process (static, zeroed)
 * @soname: the library's file name, as dlopen () takes it
 * @names: (array zero-terminated=1): the functions to look up
 * @functions: a table of as many function pointers, filled in @names' order
 *
 * Loads @soname and looks up @names the first time it is called for
 * @library; later calls give the same outcome. Thread-safe.
 *
 * Returns: (nullable): %NULL when every function was found, else why not
 *   (owned by @library)
 */
const char *
glide_library_load (GlideLibrary      *library,
                    const char        *soname,
                    const char *const *names,
                    void             **functions)
{
  if (g_once_init_enter (&library->looked))
    {
      void *handle = dlopen (soname, RTLD_NOW | RTLD_LOCAL);

      if (handle == NULL)
        library->failure = g_strdup (dlerror ());
      for (guint i = 0; handle != NULL && names[i] != NULL; i++)
        if ((functions[i] = dlsym (handle, names[i])) == NULL)
          {
            library->failure = g_strdup_printf ("%s has no %s", soname, names[i]);
            break;
          }
      g_once_init_leave (&library->looked, 1);
    }
  return library->failure;
}
