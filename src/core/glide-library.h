/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-library.h: a shared library loaded when first needed (dlopen),
 * not with the program. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a library was looked for, and why it could not be used. */
typedef struct
{
  gsize  looked;
  char  *failure;
} GlideLibrary;

const char *glide_library_load (GlideLibrary      *library,
                                const char        *soname,
                                const char *const *names,
                                void             **functions);

/* For a list of functions X (name) with their headers included: a table's
 * members, each a pointer typed as the function, and the names in the
 * table's order, as glide_library_load () wants them. */
#define GLIDE_LIBRARY_POINTER(name) __typeof__ (name) *name;
#define GLIDE_LIBRARY_NAME(name) #name,

G_END_DECLS
