/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-atomic-file.c: exports and reports are written to "NAME.XXXXXX"
 * (mode 0600) beside the target, fsynced and renamed over it; a failed or
 * abandoned write removes the temporary file and leaves the target alone. */

#define G_LOG_DOMAIN "glide-atomic-file"

#include "config.h"

#include "glide-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <unistd.h>

struct _GlideAtomicFile
{
  char          *path;
  char          *tmp_path;
  int            fd;
  GOutputStream *stream;
  gboolean       committed;
};

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s %s: %s",
               what, path, g_strerror (saved_errno));
  return FALSE;
}

GlideAtomicFile *
glide_atomic_file_new (const char  *path,
                       GError     **error)
{
  GlideAtomicFile *self;
  char *tmp_path;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_free (tmp_path);
      set_errno_error (error, saved, "Cannot write next to", path);
      return NULL;
    }

  self = g_new0 (GlideAtomicFile, 1);
  self->path = g_strdup (path);
  self->tmp_path = tmp_path;
  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, FALSE);
  return self;
}

GOutputStream *
glide_atomic_file_get_stream (GlideAtomicFile *self)
{
  return self->stream;
}

gboolean
glide_atomic_file_commit (GlideAtomicFile  *self,
                          GError          **error)
{
  g_return_val_if_fail (!self->committed, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    return FALSE;
  if (fsync (self->fd) != 0)
    return set_errno_error (error, errno, "Cannot write", self->tmp_path);
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      return set_errno_error (error, errno, "Cannot write", self->tmp_path);
    }
  self->fd = -1;
  if (g_rename (self->tmp_path, self->path) != 0)
    return set_errno_error (error, errno, "Cannot create", self->path);
  self->committed = TRUE;
  return TRUE;
}

void
glide_atomic_file_free (GlideAtomicFile *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  if (!self->committed)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}
