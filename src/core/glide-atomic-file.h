/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-atomic-file.h: a file that appears under its name only when it was
 * written completely: a private temporary file, synced, then renamed. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlideAtomicFile GlideAtomicFile;

GlideAtomicFile *glide_atomic_file_new        (const char       *path,
                                               GError          **error);
GOutputStream   *glide_atomic_file_get_stream (GlideAtomicFile  *self);
gboolean         glide_atomic_file_commit     (GlideAtomicFile  *self,
                                               GError          **error);
void             glide_atomic_file_free       (GlideAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideAtomicFile, glide_atomic_file_free)

G_END_DECLS
