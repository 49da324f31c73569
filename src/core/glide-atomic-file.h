/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-atomic-file.h: a document that reaches its destination only once it
 * was written completely, and never replaces what is not a regular file. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlideAtomicFile GlideAtomicFile;

GlideAtomicFile *glide_atomic_file_new        (const char       *path,
                                               GError          **error);
GlideAtomicFile *glide_atomic_file_new_for_fd (int               fd,
                                               GError          **error);
GOutputStream   *glide_atomic_file_get_stream (GlideAtomicFile  *self);
gboolean         glide_atomic_file_sync       (GlideAtomicFile  *self,
                                               GError          **error);
gboolean         glide_atomic_file_commit     (GlideAtomicFile  *self,
                                               GError          **error);
void             glide_atomic_file_free       (GlideAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideAtomicFile, glide_atomic_file_free)

G_END_DECLS
