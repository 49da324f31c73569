/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-recovery.c: the session editor's safety net. What a therapist
 * has typed but the rules do not yet accept as a draft is kept here, keyed by
 * the session (or the course, for one not stored yet), until it becomes a
 * draft or is thrown away.
 *
 * On SQLite it is a table of the record itself. A clinic server's is kept on
 * this workstation instead, in an SQLite file per server and login under
 * $XDG_DATA_HOME/glide/recovery (0600): what is typed while the server
 * cannot be reached is exactly what must not depend on it. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include "glide-date.h"

#include <string.h>

/**
 * glide_recovery_key:
 * @course_id: the session's course
 * @session_id: the stored session, or 0 for one not stored yet
 *
 * Returns: the key the editor's state for that session is kept under
 */
char *
glide_recovery_key (gint64 course_id,
                    gint64 session_id)
{
  if (session_id != 0)
    return g_strdup_printf ("session %" G_GINT64_FORMAT, session_id);
  return g_strdup_printf ("course %" G_GINT64_FORMAT ", new session", course_id);
}

void
glide_recovery_free (GlideRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->key);
  g_free (recovery->saved_at);
  g_free (recovery->title);
  g_free (recovery->content);
  g_free (recovery);
}

/**
 * glide_store_get_local_recovery_path:
 *
 * Returns: (nullable): the file that keeps a clinic server's recovery state
 *   for this server and login on this workstation; %NULL on SQLite
 */
char *
glide_store_get_local_recovery_path (GlideStore *self)
{
  g_autofree char *id = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  if (self->pg == NULL)
    return NULL;
  /* The URI names the server and database (never a password); the login,
   * who types. */
  id = g_strdup_printf ("%s\n%s", self->path, self->login ? self->login : "");
  digest = glide_store_sha256_hex (id, strlen (id));
  name = g_strdup_printf ("%s-%.16s.sqlite",
                          self->login ? self->login : "login", digest);
  g_strcanon (name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", '_');
  return g_build_filename (g_get_user_data_dir (), "glide", "recovery", name, NULL);
}

/* Where the recovery state of @self is kept: the record itself on SQLite, a
 * file on this workstation for a clinic server (opened once, when first
 * needed). */
static GlideStore *
recovery_store (GlideStore  *self,
                GError     **error)
{
  g_autoptr(GlideStore) local = NULL;
  g_autofree char *path = NULL;

  if (self->pg == NULL)
    return self;
  if (self->local_recovery != NULL)
    return self->local_recovery;
  path = glide_store_get_local_recovery_path (self);
  local = glide_store_new_unopened (path);
  if (!glide_store_sqlite_open_private (local, path, error) ||
      !glide_store_exec (local, "CREATE TABLE IF NOT EXISTS editor_recovery ("
                         " key TEXT PRIMARY KEY, saved_at TEXT NOT NULL,"
                         " title TEXT NOT NULL, content TEXT NOT NULL)", error))
    {
      g_prefix_error (error, _("Cannot keep unsaved typing on this computer: "));
      return NULL;
    }
  self->local_recovery = g_steal_pointer (&local);
  return self->local_recovery;
}

static GlideRecovery *
read_recovery (GlideStmt *stmt)
{
  GlideRecovery *recovery = g_new0 (GlideRecovery, 1);

  recovery->key = glide_store_column_dup (stmt, 0);
  recovery->saved_at = glide_store_column_dup (stmt, 1);
  recovery->title = glide_store_column_dup (stmt, 2);
  recovery->content = glide_store_column_dup (stmt, 3);
  return recovery;
}

/**
 * glide_store_save_recovery:
 * @key: what the content belongs to, e.g. "session 12" or "course 3, new session"
 * @title: a line for people ("Müller, Anna: session of 21 November")
 * @content: the editor's state, in a form only the editor reads
 *
 * Keeps (replacing) the editor's unsaved state. A single statement, so it is
 * durable once this returns.
 */
gboolean
glide_store_save_recovery (GlideStore  *self,
                           const char  *key,
                           const char  *title,
                           const char  *content,
                           GError     **error)
{
  g_autofree char *now = glide_datetime_now ();
  GlideStore *target;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && title != NULL && content != NULL, FALSE);

  if (!(target = recovery_store (self, error)) ||
      !(stmt = glide_store_prepare (target, "INSERT INTO editor_recovery"
                                    " (key, saved_at, title, content) VALUES (?, ?, ?, ?)"
                                    " ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at,"
                                    " title = excluded.title, content = excluded.content",
                                    error)))
    return FALSE;
  glide_stmt_bind_text (stmt, 1, key);
  glide_stmt_bind_text (stmt, 2, now);
  glide_stmt_bind_text (stmt, 3, title);
  glide_stmt_bind_text (stmt, 4, content);
  if (!glide_store_step_done (target, stmt, error))
    return FALSE;
  g_hash_table_add (self->recovery_written, g_strdup (key));
  return TRUE;
}

/* Marks the rows this connection wrote. */
static GPtrArray *
mark_written_here (GlideStore *self,
                   GPtrArray  *rows)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GlideRecovery *recovery = g_ptr_array_index (rows, i);

      recovery->written_here = g_hash_table_contains (self->recovery_written, recovery->key);
    }
  return rows;
}

/**
 * glide_store_get_recovery:
 *
 * Returns: (nullable): the state kept under @key, or %NULL (without an error)
 *   when there is none
 */
GlideRecovery *
glide_store_get_recovery (GlideStore  *self,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GlideStore *target;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(target = recovery_store (self, error)) ||
      !(stmt = glide_store_prepare (target, "SELECT key, saved_at, title, content"
                                    " FROM editor_recovery WHERE key = ?", error)))
    return NULL;
  glide_stmt_bind_text (stmt, 1, key);
  rows = mark_written_here (self, glide_store_collect (target, stmt, (gpointer) read_recovery,
                                                       (GDestroyNotify) glide_recovery_free, error));
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

/**
 * glide_store_list_recovery:
 *
 * Returns: (element-type GlideRecovery): every kept editor state, newest first
 */
GPtrArray *
glide_store_list_recovery (GlideStore  *self,
                           GError     **error)
{
  GlideStore *target;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(target = recovery_store (self, error)) ||
      !(stmt = glide_store_prepare (target, "SELECT key, saved_at, title, content"
                                    " FROM editor_recovery ORDER BY saved_at DESC, key", error)))
    return NULL;
  return mark_written_here (self, glide_store_collect (target, stmt, (gpointer) read_recovery,
                                                       (GDestroyNotify) glide_recovery_free, error));
}

gboolean
glide_store_clear_recovery (GlideStore  *self,
                            const char  *key,
                            GError     **error)
{
  GlideStore *target;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!(target = recovery_store (self, error)) ||
      !(stmt = glide_store_prepare (target, "DELETE FROM editor_recovery WHERE key = ?", error)))
    return FALSE;
  glide_stmt_bind_text (stmt, 1, key);
  if (!glide_store_step_done (target, stmt, error))
    return FALSE;
  g_hash_table_remove (self->recovery_written, key);
  return TRUE;
}
