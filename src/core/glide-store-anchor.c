/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-anchor.c: the audit chain's head kept outside the database.
 * After every commit that appends to the chain, a line with the newest
 * entry's id and hash is appended to a file in the user's data folder, named
 * by the database's id. Someone who rewrites the whole chain in the database
 * file consistently cannot also make it end in the entry this computer saw. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Rewritten with only the newest line of each database file past this size. */
#define ANCHOR_COMPACT_BYTES (256 * 1024)
#define ANCHOR_MAGIC "glide-anchor-1"

static void compact_anchor (const char *anchor_path);

gboolean
glide_store_load_database_id (GlideStore  *self,
                              GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, "SELECT database_id FROM audit_head", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = glide_stmt_step (stmt);
  g_clear_pointer (&self->database_id, g_free);
  if (rc == GLIDE_STMT_ROW)
    self->database_id = glide_store_column_dup (stmt, 0);
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

char *
glide_store_anchor_path (const char *database_id)
{
  return g_build_filename (g_get_user_data_dir (), "glide", "anchors", database_id, NULL);
}

/* Lines name the database file by a hash of its full path: a copy elsewhere
 * (or a backup restored to another name) has an anchor of its own. */
static char *
file_key (const char *path)
{
  g_autofree char *real = realpath (path, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, real ? real : path, -1);
}

static void
append_line (const char *database_id,
             const char *path,
             gint64      last_id,
             const char *hash)
{
  g_autofree char *anchor_path = glide_store_anchor_path (database_id);
  g_autofree char *dir = g_path_get_dirname (anchor_path);
  g_autofree char *key = file_key (path);
  g_autofree char *line = g_strdup_printf (ANCHOR_MAGIC " %" G_GINT64_FORMAT " %s %s\n",
                                           last_id, hash, key);
  GStatBuf st;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_message ("Cannot create %s for the audit anchor: %s", dir, g_strerror (errno));
      return;
    }
  /* O_APPEND: other Glide processes on this computer append to the same file. */
  fd = g_open (anchor_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_message ("Cannot write the audit anchor %s: %s", anchor_path, g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) != (ssize_t) strlen (line))
    g_message ("Cannot write the audit anchor %s: %s", anchor_path, g_strerror (errno));
  close (fd);

  if (g_stat (anchor_path, &st) == 0 && st.st_size > ANCHOR_COMPACT_BYTES)
    compact_anchor (anchor_path);
}

typedef struct
{
  gint64  id;
  char   *hash;
} AnchorLine;


/* The newest line for this file, or FALSE when there is none. */
static gboolean
read_anchor (const char *anchor_path,
             const char *key,
             AnchorLine *line)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  if (!g_file_get_contents (anchor_path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) != 4 || strcmp (fields[0], ANCHOR_MAGIC) != 0 ||
          strcmp (fields[3], key) != 0)
        continue;
      line->id = g_ascii_strtoll (fields[1], NULL, 10);
      g_free (line->hash);
      line->hash = g_strdup (fields[2]);
      found = TRUE;
    }
  return found;
}

/* Keeps the newest line of each file; written beside and renamed. */
static void
compact_anchor (const char *anchor_path)
{
  g_autofree char *contents = NULL;
  g_autofree char *tmp = g_strconcat (anchor_path, ".compact", NULL);
  g_autoptr(GHashTable) newest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (anchor_path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *key = strrchr (lines[i], ' ');

      if (!g_str_has_prefix (lines[i], ANCHOR_MAGIC " ") || key == NULL)
        continue;
      if (!g_hash_table_contains (newest, key))
        g_ptr_array_add (order, (gpointer) key);
      g_hash_table_insert (newest, (gpointer) key, lines[i]);
    }
  for (guint i = 0; i < order->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_hash_table_lookup (newest, order->pdata[i]));
  if (g_file_set_contents_full (tmp, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                0600, NULL))
    g_rename (tmp, anchor_path);
}

/**
 * glide_store_anchor_append:
 *
 * After a commit: records the newest audit entry this connection appended.
 * Failing to write the anchor never undoes the commit; --check then says the
 * anchor is behind or absent.
 */
void
glide_store_anchor_append (GlideStore *self)
{
  /* The database id exists from schema 3 on; its first commit is the one
   * that seals the records, before the store has read the id. */
  if (self->anchor_id != 0 && self->database_id == NULL)
    glide_store_load_database_id (self, NULL);
  if (self->anchor_id != 0 && self->database_id != NULL)
    append_line (self->database_id, self->path, self->anchor_id, self->anchor_hash);
  self->anchor_id = 0;
  g_clear_pointer (&self->anchor_hash, g_free);
}

/**
 * glide_store_anchor_file:
 * @path: a complete database file no connection writes to: a backup just
 *   put in place, or a database just restored
 *
 * Records the head of @path's chain as its anchor, so that --check of that
 * file, and a restore from it, can tell whether it was altered since.
 */
void
glide_store_anchor_file (const char *path)
{
  g_autofree char *database_id = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GlideStore) reader = glide_store_open_reader (path, NULL);
  GlideStmt *stmt = NULL;
  gint64 last_id = 0;

  if (reader != NULL &&
      (stmt = glide_store_prepare (reader, "SELECT database_id, last_id, hash FROM audit_head",
                                   NULL)) != NULL &&
      glide_stmt_step (stmt) == GLIDE_STMT_ROW)
    {
      database_id = g_strdup (glide_stmt_column_text (stmt, 0));
      last_id = glide_stmt_column_int64 (stmt, 1);
      hash = g_strdup (glide_stmt_column_text (stmt, 2));
    }
  if (stmt != NULL)
    glide_stmt_reset (stmt);
  if (database_id != NULL && hash != NULL && last_id > 0)
    append_line (database_id, path, last_id, hash);
}

/**
 * glide_store_check_anchor:
 *
 * Compares the chain with the newest anchor line for this file: the entry
 * must exist with the same hash. Without an anchor (a copy, or a database
 * first written on another computer) a consistent rewrite of the whole chain
 * cannot be ruled out, and the message says so.
 */
gboolean
glide_store_check_anchor (GlideStore      *self,
                          GlideCheckItem  *item,
                          GError         **error)
{
  g_autofree char *anchor_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored = NULL;
  AnchorLine line = { 0, NULL };
  GlideStmt *stmt;
  int rc;

  if (self->database_id == NULL && !glide_store_load_database_id (self, error))
    return FALSE;
  if (self->database_id == NULL)
    {
      item->ok = FALSE;
      item->message = g_strdup ("the database has no id: its audit head was altered");
      return TRUE;
    }
  anchor_path = glide_store_anchor_path (self->database_id);
  key = file_key (self->path);
  if (!read_anchor (anchor_path, key, &line))
    {
      item->ok = TRUE;
      item->message = self->pg != NULL ?
        g_strdup_printf ("none on this computer for this clinic server (nothing was written "
                         "to it from here yet): the chain cannot be compared with %s, so a "
                         "rewrite of the whole chain would not show", anchor_path) :
        g_strdup_printf ("none on this computer for this file (a copy, a moved "
                         "file, or one written elsewhere): the chain cannot be "
                         "compared with %s, so a rewrite of the whole chain "
                         "would not show", anchor_path);
      return TRUE;
    }

  if (!(stmt = glide_store_prepare (self, "SELECT hash FROM audit_log WHERE id = ?", error)))
    {
      g_free (line.hash);
      return FALSE;
    }
  glide_stmt_bind_int64 (stmt, 1, line.id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    stored = glide_store_column_dup (stmt, 0);
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    {
      g_free (line.hash);
      return glide_store_set_db_error (self, error);
    }

  item->ok = stored != NULL && strcmp (stored, line.hash) == 0;
  if (item->ok)
    item->message = g_strdup_printf ("entry %" G_GINT64_FORMAT " matches the anchor kept in %s",
                                     line.id, anchor_path);
  else if (stored == NULL)
    item->message = g_strdup_printf ("this computer saw audit entry %" G_GINT64_FORMAT
                                     " (anchor %s), but the log ends before it: entries were "
                                     "cut off, or an older copy was put in place of the file",
                                     line.id, anchor_path);
  else
    item->message = g_strdup_printf ("audit entry %" G_GINT64_FORMAT " is not the one this "
                                     "computer saw (anchor %s): the chain was rewritten",
                                     line.id, anchor_path);
  g_free (line.hash);
  return TRUE;
}
