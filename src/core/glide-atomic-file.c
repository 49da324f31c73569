/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-atomic-file.c: how exports and PDF documents reach their path.
 *
 * What the path is decides, checked before anything is written:
 * - a regular file, or nothing yet: the document goes to a hidden
 *   ".NAME.glide-XXXXXX" beside it (mode 0600, locked while written),
 *   is synced, and is renamed over NAME only on commit;
 * - a symbolic link: followed; the file it points to is replaced as above
 *   and the link kept;
 * - a character device or a FIFO (/dev/null, a terminal, a pipe): never
 *   replaced; the document is kept in an anonymous temporary file and
 *   written into it, opened without O_CREAT or O_TRUNC, on commit;
 * - a folder, a socket, a block device: refused;
 * - a database (any SQLite file), or its -wal, -shm or -journal name:
 *   refused, so an export chosen over the clinic's file loses nothing.
 * Nothing reaches the destination before commit, so a caller can record the
 * document (its audit row) between glide_atomic_file_sync() and commit.
 * A killed export leaves its hidden file; the next one in that folder
 * removes every leftover whose lock died with its process. */

#define G_LOG_DOMAIN "glide-atomic-file"

#include "config.h"

#include "glide-atomic-file.h"
#include "glide-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glide-text.h"

#define TEMP_INFIX          ".glide-"
#define TEMP_RANDOM_LENGTH  6    /* mkstemp's XXXXXX */
#define TEMP_NAME_MAX       200  /* of the target's name kept in the temporary name */
#define MAX_LINKS           40   /* the kernel's own limit */
#define MAX_TEMP_ATTEMPTS   8

struct _GlideAtomicFile
{
  char          *path;       /* the file replaced on commit; NULL for a stream */
  char          *tmp_path;   /* its hidden temporary file; NULL for a stream */
  char          *shown;      /* the destination, as messages name it */
  int            fd;         /* the temporary file */
  int            target_fd;  /* the device, FIFO or descriptor written on commit, or -1 */
  GOutputStream *stream;
  gboolean       synced;
  gboolean       committed;
};

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_autofree char *shown = glide_text_escape_controls (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s %s: %s",
               what, shown, g_strerror (saved_errno));
  return FALSE;
}

static GlideAtomicFile *
atomic_file_alloc (const char *shown)
{
  GlideAtomicFile *self = g_new0 (GlideAtomicFile, 1);

  self->shown = g_strdup (shown);
  self->fd = -1;
  self->target_fd = -1;
  return self;
}

/* ".NAME.glide-XXXXXX" for any NAME, the random part as mkstemp makes it. */
static gboolean
is_temp_name (const char *name)
{
  gsize length = strlen (name);
  gsize infix_length = strlen (TEMP_INFIX);
  const char *infix;

  if (name[0] != '.' || length < 2 + infix_length + TEMP_RANDOM_LENGTH)
    return FALSE;
  infix = name + length - TEMP_RANDOM_LENGTH - infix_length;
  if (strncmp (infix, TEMP_INFIX, infix_length) != 0)
    return FALSE;
  for (const char *p = infix + infix_length; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* Removes the temporary files of exports that were killed. A live export
 * holds a lock on its file, and a lock dies with its process, so a leftover
 * is one whose lock can be taken. Best effort: a leftover that cannot be
 * removed does not stop a new export. */
static void
remove_leftovers (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  int dir_fd;

  if (dir == NULL)
    return;
  if ((dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      struct stat st, now;
      int fd;

      if (!is_temp_name (name))
        continue;
      fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid () &&
          flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          fstatat (dir_fd, name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
          now.st_dev == st.st_dev && now.st_ino == st.st_ino)
        {
          if (unlinkat (dir_fd, name, 0) == 0)
            g_debug ("Removed %s, left by an export that was killed", name);
        }
      close (fd);
    }
  close (dir_fd);
}

/* Follows symbolic links to what @path names; %NULL on error. A link into
 * /proc (/dev/stdout, /dev/fd/N) names an open descriptor whose link text
 * may be no path at all ("pipe:[1234]"): @descriptor is set, the path
 * returned as it is, and @st describes what it leads to. */
static char *
resolve_links (const char  *path,
               struct stat *st,
               gboolean    *exists,
               gboolean    *descriptor,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  *exists = FALSE;
  *descriptor = FALSE;
  for (guint hops = 0; hops <= MAX_LINKS; hops++)
    {
      g_autofree char *folder = NULL;
      g_autofree char *target = NULL;
      char *real_folder;
      gboolean in_proc;

      if (lstat (current, st) != 0)
        {
          if (errno != ENOENT)
            {
              set_errno_error (error, errno, _("Cannot write to"), path);
              return NULL;
            }
          return g_steal_pointer (&current);
        }
      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          return g_steal_pointer (&current);
        }

      folder = g_path_get_dirname (current);
      real_folder = realpath (folder, NULL);
      in_proc = real_folder != NULL && g_str_has_prefix (real_folder, "/proc/");
      free (real_folder);
      if (in_proc)
        {
          if (stat (current, st) != 0)
            {
              set_errno_error (error, errno, _("Cannot write to"), path);
              return NULL;
            }
          *exists = TRUE;
          *descriptor = TRUE;
          return g_steal_pointer (&current);
        }

      if (!(target = g_file_read_link (current, NULL)))
        {
          set_errno_error (error, errno, _("Cannot follow the symbolic link"), path);
          return NULL;
        }
      g_free (current);
      current = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                            : g_build_filename (folder, target, NULL);
    }
  {
    g_autofree char *shown = glide_text_escape_controls (path);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                 _("Cannot write to %s: too many symbolic links (a loop?)"), shown);
  }
  return NULL;
}

static gboolean
refuse_target (const char  *path,
               mode_t       mode,
               GError     **error)
{
  g_autofree char *shown = glide_text_escape_controls (path);

  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("Cannot write to %s: it is a folder; give the name of a file in it"), shown);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Cannot write to %s: it is a socket; Glide writes files, character devices "
                 "and pipes"), shown);
  else if (S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Cannot write to %s: it is a block device (a disk); Glide writes files, "
                 "character devices and pipes"), shown);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Cannot write to %s: it is not a file, a character device or a pipe"), shown);
  return FALSE;
}

/* Whether @path is an SQLite database: its first 16 bytes are SQLite's. */
static gboolean
is_database (const char *path)
{
  static const char header[16] = "SQLite format 3";   /* and its NUL */
  char bytes[sizeof header];
  gboolean database = FALSE;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

  if (fd < 0)
    return FALSE;
  database = read (fd, bytes, sizeof bytes) == sizeof bytes &&
             memcmp (bytes, header, sizeof header) == 0;
  close (fd);
  return database;
}

/* A document never replaces a database (the clinic's own, a backup, any
 * SQLite file) nor takes the name of one's journal, -wal or -shm file,
 * which SQLite would read as the database's own on its next open: either
 * loses records, by a slip in a file chooser or on a command line. */
static gboolean
refuse_database (const char  *resolved,
                 const char  *path,
                 GError     **error)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *shown = NULL;

  if (is_database (resolved))
    {
      shown = glide_text_escape_controls (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Cannot write to %s: it is a database, which a document would destroy; "
                   "choose another file name"), shown);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (resolved, suffixes[i]))
      {
        g_autofree char *base = g_strndup (resolved, strlen (resolved) - strlen (suffixes[i]));

        if (is_database (base))
          {
            shown = glide_text_escape_controls (path);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                         _("Cannot write to %s: it is the name of a database's own file, and "
                         "a document there would damage that database; choose another file "
                         "name"), shown);
            return TRUE;
          }
      }
  return FALSE;
}

/* The document waits here until commit: no name, so nothing is left behind
 * whatever happens to the process. */
static gboolean
open_buffer (GlideAtomicFile  *self,
             GError          **error)
{
  g_autofree char *name = NULL;

  if ((self->fd = g_file_open_tmp ("glide-buffer-XXXXXX", &name, error)) < 0)
    return FALSE;
  g_unlink (name);
  fcntl (self->fd, F_SETFD, FD_CLOEXEC);
  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return TRUE;
}

/* Opens a device or FIFO for writing as it is: no O_CREAT, no O_TRUNC.
 * Opening a FIFO waits for its reader, as any program writing one does. */
static GlideAtomicFile *
new_for_stream (const char  *open_path,
                const char  *path,
                gboolean     descriptor,
                GError     **error)
{
  g_autoptr(GlideAtomicFile) self = atomic_file_alloc (path);
  int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC;
  struct stat st;

  if (!descriptor)
    flags |= O_NOFOLLOW;
  do
    self->target_fd = open (open_path, flags);
  while (self->target_fd < 0 && errno == EINTR);
  if (self->target_fd < 0)
    {
      set_errno_error (error, errno, _("Cannot write to"), path);
      return NULL;
    }
  if (fstat (self->target_fd, &st) != 0)
    {
      set_errno_error (error, errno, _("Cannot write to"), path);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && descriptor)
    {
      /* /dev/stdout redirected to a file: add to it as the shell set it up. */
      if (lseek (self->target_fd, 0, SEEK_END) < 0)
        {
          set_errno_error (error, errno, _("Cannot write to"), path);
          return NULL;
        }
    }
  else if (!S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
    {
      refuse_target (path, st.st_mode, error);
      return NULL;
    }
  if (!open_buffer (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* A hidden name beside @path, its first part cut so the name stays short
 * enough for any file system. */
static char *
temp_template (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  gsize keep = strlen (base);

  if (keep > TEMP_NAME_MAX)
    {
      keep = TEMP_NAME_MAX;
      while (keep > 0 && ((guchar) base[keep] & 0xc0) == 0x80)
        keep--;
    }
  name = g_strdup_printf (".%.*s" TEMP_INFIX "XXXXXX", (int) keep, base);
  return g_build_filename (folder, name, NULL);
}

static GlideAtomicFile *
new_replacing (const char  *path,
               const char  *shown,
               GError     **error)
{
  g_autoptr(GlideAtomicFile) self = atomic_file_alloc (shown);
  g_autofree char *folder = g_path_get_dirname (path);

  remove_leftovers (folder);

  for (guint attempt = 0; self->fd < 0; attempt++)
    {
      g_autofree char *tmp_path = temp_template (path);
      struct stat st;
      int fd;

      if (attempt == MAX_TEMP_ATTEMPTS)
        {
          g_autofree char *escaped = glide_text_escape_controls (shown);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("Cannot write next to %s: its temporary files keep being removed"),
                       escaped);
          return NULL;
        }
      fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          set_errno_error (error, errno, _("Cannot write next to"), shown);
          return NULL;
        }
      /* Locked before anything is written; another export's clean-up may
       * have taken the file in between, then try another name. */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          self->fd = fd;
          self->tmp_path = g_steal_pointer (&tmp_path);
        }
      else
        close (fd);
    }

  self->path = g_strdup (path);
  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return g_steal_pointer (&self);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          struct pollfd pfd = { fd, POLLOUT, 0 };

          if (errno == EINTR)
            continue;
          if (errno == EAGAIN && poll (&pfd, 1, -1) >= 0)
            continue;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
copy_to_target (GlideAtomicFile  *self,
                GError          **error)
{
  char buffer[65536];
  int fd;

  if (lseek (self->fd, 0, SEEK_SET) != 0)
    return set_errno_error (error, errno, _("Cannot write to"), self->shown);
  for (;;)
    {
      gssize n = read (self->fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, _("Cannot write to"), self->shown);
      if (n == 0)
        break;
      if (!write_all (self->target_fd, buffer, n))
        return set_errno_error (error, errno, _("Cannot write to"), self->shown);
    }
  fd = self->target_fd;
  self->target_fd = -1;
  if (close (fd) != 0 && errno != EINTR)
    return set_errno_error (error, errno, _("Cannot write to"), self->shown);
  return TRUE;
}

static gboolean
replace_path (GlideAtomicFile  *self,
              GError          **error)
{
  g_autofree char *folder = NULL;
  int dir_fd;

  /* Renamed while still locked, so no clean-up can take it first. */
  if (g_rename (self->tmp_path, self->path) != 0)
    return set_errno_error (error, errno, _("Cannot put the document in place at"), self->shown);
  g_clear_pointer (&self->tmp_path, g_free);

  /* The new name must survive a crash as the content does. */
  folder = g_path_get_dirname (self->path);
  if ((dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      if (fsync (dir_fd) != 0)
        g_debug ("Cannot sync the folder of %s: %s", self->shown, g_strerror (errno));
      close (dir_fd);
    }
  return TRUE;
}

/**
 * glide_atomic_file_new:
 * @path: where the document goes
 *
 * Checks what @path is and prepares the document's temporary home; nothing
 * reaches @path before glide_atomic_file_commit(). A folder, a socket or a
 * block device is refused here, before any work is done.
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
GlideAtomicFile *
glide_atomic_file_new (const char  *path,
                       GError     **error)
{
  g_autofree char *resolved = NULL;
  struct stat st;
  gboolean exists, descriptor;

  g_return_val_if_fail (path != NULL, NULL);

  if (path[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No file name was given to write to"));
      return NULL;
    }
  if (!(resolved = resolve_links (path, &st, &exists, &descriptor, error)))
    return NULL;
  if (descriptor)
    {
      if (!S_ISREG (st.st_mode) && !S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
        {
          refuse_target (path, st.st_mode, error);
          return NULL;
        }
      return new_for_stream (resolved, path, TRUE, error);
    }
  if ((!exists || S_ISREG (st.st_mode)) && refuse_database (resolved, path, error))
    return NULL;
  if (!exists || S_ISREG (st.st_mode))
    return new_replacing (resolved, path, error);
  if (S_ISCHR (st.st_mode) || S_ISFIFO (st.st_mode))
    return new_for_stream (resolved, path, FALSE, error);
  refuse_target (path, st.st_mode, error);
  return NULL;
}

/**
 * glide_atomic_file_new_for_fd:
 * @fd: an open descriptor, such as standard output; it is not closed
 *
 * Like glide_atomic_file_new() for a stream: the document is written to
 * @fd on commit.
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
GlideAtomicFile *
glide_atomic_file_new_for_fd (int      fd,
                              GError **error)
{
  g_autofree char *shown = fd == STDOUT_FILENO ? g_strdup ("standard output")
                                               : g_strdup_printf ("descriptor %d", fd);
  g_autoptr(GlideAtomicFile) self = atomic_file_alloc (shown);

  g_return_val_if_fail (fd >= 0, NULL);

  if ((self->target_fd = fcntl (fd, F_DUPFD_CLOEXEC, 3)) < 0)
    {
      set_errno_error (error, errno, _("Cannot write to"), shown);
      return NULL;
    }
  if (!open_buffer (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GOutputStream *
glide_atomic_file_get_stream (GlideAtomicFile *self)
{
  return self->stream;
}

/**
 * glide_atomic_file_sync:
 *
 * Makes sure the whole document is written (and, for a file, on disk),
 * still without touching the destination: after this, only the commit
 * can fail.
 */
gboolean
glide_atomic_file_sync (GlideAtomicFile  *self,
                        GError          **error)
{
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->synced)
    return TRUE;
  if (!g_output_stream_flush (self->stream, NULL, error))
    return FALSE;
  /* The buffer of a stream need not outlive the process; the file that
   * replaces the path must outlive a crash. */
  if (self->tmp_path != NULL && fsync (self->fd) != 0)
    return set_errno_error (error, errno, _("Cannot write next to"), self->shown);
  self->synced = TRUE;
  return TRUE;
}

/**
 * glide_atomic_file_commit:
 *
 * Puts the document in place: renames the file over the path, or writes
 * the device or FIFO. On failure the path is as it was (a stream may have
 * received part of the document).
 */
gboolean
glide_atomic_file_commit (GlideAtomicFile  *self,
                          GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (!self->committed, FALSE);

  if (!glide_atomic_file_sync (self, error))
    return FALSE;
  ok = self->target_fd >= 0 ? copy_to_target (self, error) : replace_path (self, error);
  self->committed = ok;
  return ok;
}

void
glide_atomic_file_free (GlideAtomicFile *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  /* Removed before the lock goes with the descriptor. */
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  if (self->fd >= 0)
    close (self->fd);
  if (self->target_fd >= 0)
    close (self->target_fd);
  g_free (self->tmp_path);
  g_free (self->shown);
  g_free (self->path);
  g_free (self);
}
