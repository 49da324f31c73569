/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store.c: opening the database safely, transactions, and the records'
 * reads and writes. Every write validates with glide-rules first and audits
 * itself in the same transaction. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-rules.h"
#include "glide-text.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (GlideStore, glide_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (glide-store-error-quark, glide_store_error)

#define BUSY_TIMEOUT_MS 5000

/* ---- statements and errors ------------------------------------------------ */

static gboolean has_held_rows (GlideSessionContext *context);

/* A new session with its id taken ahead (session_id_ahead). */
#define SESSION_INSERT_AHEAD "INSERT INTO sessions (course_id, start, therapist_id, emollient," \
  " note, home_program, contraindication_override, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

GlideStmt *
glide_store_prepare (GlideStore  *self,
                     const char  *sql,
                     GError     **error)
{
  GlideStmt *stmt;

  /* Rows held for a course go first (glide_store_flush_held), unless this
   * is a new session's row or its id, which nothing held refers to. */
  if (self->bulk && !self->bulk_context.flushing && has_held_rows (&self->bulk_context) &&
      strcmp (sql, SESSION_INSERT_AHEAD) != 0 && g_strcmp0 (sql, self->backend->next_ids) != 0 &&
      !glide_store_flush_held (self, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      glide_stmt_reset (stmt);
      return stmt;
    }

  stmt = self->backend->prepare (self, sql);
  if (stmt == NULL)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs one or more statements that take no parameters. */
gboolean
glide_store_exec (GlideStore  *self,
                  const char  *sql,
                  GError     **error)
{
  if (!glide_store_flush_held (self, error))
    return FALSE;
  if (!self->backend->exec (self, sql))
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/* Steps a statement that returns no rows, then resets it. */
gboolean
glide_store_step_done (GlideStore    *self,
                       GlideStmt     *stmt,
                       GError       **error)
{
  GlideStmtResult rc = glide_stmt_step (stmt);

  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ROW)
    glide_store_set_failure (self, GLIDE_DB_FAILURE_OTHER, "a statement that changes rows returned one");
  if (rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/* Like glide_store_step_done(), for a change whose outcome nothing reads
 * before the store's next statement (neither its rows nor how many it
 * changed). Inside a bulk transaction on a clinic server it is sent without
 * waiting, and a failure fails the next statement and so the transaction
 * (see pg_step_later); elsewhere it runs at once. */
gboolean
glide_store_step_later (GlideStore    *self,
                        GlideStmt     *stmt,
                        GError       **error)
{
  gboolean ok;

  if (!self->bulk || self->backend->step_later == NULL)
    return glide_store_step_done (self, stmt, error);
  ok = self->backend->step_later (stmt);
  glide_stmt_reset (stmt);
  return ok || glide_store_set_db_error (self, error);
}

/* The rows the last statement inserted, changed or deleted. */
gint64
glide_store_changes (GlideStore *self)
{
  return self->backend->changes (self);
}

void
glide_store_set_failure (GlideStore     *self,
                         GlideDbFailure  failure,
                         const char     *message)
{
  self->failure = failure;
  g_free (self->failure_message);
  self->failure_message = g_strdup (message);
}

GlideDbFailure
glide_store_get_failure (GlideStore *self)
{
  return self->failure;
}

/* Turns the back-end's last failure into a message a therapist can act on.
 * Always FALSE. */
gboolean
glide_store_set_db_error (GlideStore  *self,
                          GError     **error)
{
  const char *msg = self->failure_message ? self->failure_message : "unknown error";

  switch (self->failure)
    {
    case GLIDE_DB_FAILURE_BUSY:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY,
                   _("The database is in use by another program and stayed locked for %d "
                   "seconds; nothing was changed. Try again."), BUSY_TIMEOUT_MS / 1000);
      break;
    case GLIDE_DB_FAILURE_SERIALIZATION:
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY,
                           _("Another workstation changed the same records at the same time; "
                           "nothing was changed. Try again."));
      break;
    case GLIDE_DB_FAILURE_FULL:
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FULL,
                           _("The disk is full; nothing was changed. Free some space and try again."));
      break;
    case GLIDE_DB_FAILURE_READ_ONLY:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written (%s); nothing was changed."),
                   self->path, msg);
      break;
    case GLIDE_DB_FAILURE_PERMISSION:
      /* Who was refused, in which role, and the server's reason (the
       * schema's own refusals start with "glide: "). */
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                   _("The clinic server refused this to %s (%s): %s. Nothing was changed."),
                   self->login ? self->login : "this login",
                   self->role == GLIDE_STORE_ROLE_NONE ? "no role in this clinic" :
                   glide_store_role_get_code (self->role),
                   g_str_has_prefix (msg, "glide: ") ? msg + 7 : msg);
      break;
    case GLIDE_DB_FAILURE_CONNECTION:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                   _("The clinic server cannot be reached (%s); nothing was changed."), msg);
      break;
    case GLIDE_DB_FAILURE_CORRUPT:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s). Restore it from a backup."),
                   self->path, msg);
      break;
    case GLIDE_DB_FAILURE_NOT_A_DATABASE:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Glide database (%s)."), self->path, msg);
      break;
    case GLIDE_DB_FAILURE_UNIQUE:
    case GLIDE_DB_FAILURE_CONSTRAINT:
      if (g_str_has_prefix (msg, "glide: a signed session") ||
          g_str_has_prefix (msg, "glide: addenda"))
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED, "%s", msg + 7);
      else
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONSTRAINT,
                     _("The database refused the change (%s)."), msg);
      break;
    case GLIDE_DB_FAILURE_NONE:
    case GLIDE_DB_FAILURE_OTHER:
    default:
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("Database error: %s."), msg);
      break;
    }
  return FALSE;
}

static void
bind_text (GlideStmt *stmt,
           int           index,
           const char   *text)
{
  glide_stmt_bind_text (stmt, index, text);
}

static void
bind_id (GlideStmt *stmt,
         int           index,
         gint64        id)
{
  if (id == 0)
    glide_stmt_bind_null (stmt, index);
  else
    glide_stmt_bind_int64 (stmt, index, id);
}

static void
bind_code (GlideStmt  *stmt,
           int            index,
           GlideCodeList  list,
           int            value)
{
  if (value < 0)
    glide_stmt_bind_null (stmt, index);
  else
    glide_stmt_bind_static_text (stmt, index, glide_code_list_code (list, value));
}

/* A text column as a new string (NULL for NULL). */
char *
glide_store_column_dup (GlideStmt *stmt,
                        int           column)
{
  return g_strdup (glide_stmt_column_text (stmt, column));
}

/* A code read back; the CHECK constraints only let known codes in. */
static int
column_code (GlideStmt  *stmt,
             int            column,
             GlideCodeList  list)
{
  const char *text = glide_stmt_column_text (stmt, column);
  int value = -1;

  /* Damage on disk (or an edit outside Glide), not a mistake of the
   * program's: a warning, and the record reads as if the code were absent;
   * --check names the record whose content no longer matches its audit. */
  if (text != NULL && !glide_code_list_lookup (list, text, &value))
    {
      g_autofree char *shown = glide_text_escape_controls (text);

      g_warning ("Unknown %s code \"%s\" in the database", glide_code_list_noun (list), shown);
    }
  return value;
}

static gboolean
set_rule_error (GError     **error,
                const char  *what,
                const char  *field,
                GError      *cause)
{
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID, _("%s%s%s: %s"),
               what, field && *field ? " " : "", field ? field : "", cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
set_not_found (GError     **error,
               const char  *what,
               gint64       id)
{
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
               _("There is no %s with id %lld"), glide_gettext (what), (long long) id);
  return FALSE;
}

/* Runs a write of one row: an INSERT … RETURNING id when @created_id is
 * given (the new id goes there), else an UPDATE that must change a row
 * (none: NOT_FOUND naming @what and @id). A UNIQUE refusal becomes EXISTS
 * with @exists, when given. */
static gboolean
write_row (GlideStore  *self,
           GlideStmt   *stmt,
           gint64      *created_id,
           const char  *what,
           gint64       id,
           const char  *exists,
           GError     **error)
{
  GlideStmtResult rc = glide_stmt_step (stmt);

  if (rc == GLIDE_STMT_ROW && created_id != NULL)
    *created_id = glide_stmt_column_int64 (stmt, 0);
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR && exists != NULL && self->failure == GLIDE_DB_FAILURE_UNIQUE)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS, exists);
      return FALSE;
    }
  if (rc == GLIDE_STMT_ERROR)
    return glide_store_set_db_error (self, error);
  if (created_id == NULL && glide_store_changes (self) == 0)
    return set_not_found (error, what, id);
  return TRUE;
}

/* ---- record versions ------------------------------------------------------- */

/* A record's version is the newest audit entry that sealed it: every change
 * through Glide writes one, on any workstation, so a record read at version
 * N and saved while its version is still N overwrote nobody's work. */
static gboolean
record_version (GlideStore  *self,
                const char  *kind,
                gint64       id,
                gint64      *version,
                GError     **error)
{
  g_autofree char *entity = g_strdup_printf ("%s %" G_GINT64_FORMAT, kind, id);
  GlideStmt *stmt;
  GlideStmtResult rc;

  if (!(stmt = glide_store_prepare (self, "SELECT max(audit_id) FROM audit_content"
                                    " WHERE entity = ?1", error)))
    return FALSE;
  glide_stmt_bind_text (stmt, 1, entity);
  rc = glide_stmt_step (stmt);
  *version = rc == GLIDE_STMT_ROW ? glide_stmt_column_int64 (stmt, 0) : 0;
  glide_stmt_reset (stmt);
  return rc != GLIDE_STMT_ERROR || glide_store_set_db_error (self, error);
}

/* Refuses to save over a version other than the one @what was read at,
 * naming who changed it and when. */
static gboolean
check_version (GlideStore  *self,
               const char  *kind,
               gint64       id,
               gint64       expected,
               const char  *what,
               GError     **error)
{
  g_autofree char *actor = NULL;
  g_autofree char *at = NULL;
  g_autofree char *when = NULL;
  gint64 current = 0;
  GlideStmt *stmt;

  if (expected == 0)
    return TRUE;
  if (!record_version (self, kind, id, &current, error))
    return FALSE;
  if (current == expected)
    return TRUE;
  if (!(stmt = glide_store_prepare (self, "SELECT actor, at FROM audit_log WHERE id = ?1", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, current);
  if (glide_stmt_step (stmt) == GLIDE_STMT_ROW)
    {
      actor = glide_store_column_dup (stmt, 0);
      at = glide_store_column_dup (stmt, 1);
    }
  glide_stmt_reset (stmt);
  if (at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

      /* Translators: when another workstation changed a record, see g_date_time_format */
      when = local ? g_date_time_format (local, _("%e %b %Y, %H:%M")) : g_strdup (at);
    }
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE,
               _("This %s was changed by %s at %s, after it was opened here. Your changes were "
               "not saved over theirs; they are kept on this workstation."),
               glide_gettext (what), actor ? actor : _("someone"),
               when ? when : _("an unknown time"));
  return FALSE;
}

/* ---- transactions ---------------------------------------------------------- */

static void
glide_store_forget_unsure_save (GlideStore *self)
{
  self->unsure_audit_id = 0;
  g_clear_pointer (&self->unsure_audit_hash, g_free);
  self->unsure_session_id = 0;
  self->unsure_course_id = 0;
  self->unsure_version = 0;
  self->unsure_landed = FALSE;
}

/* Transaction control runs often (every write opens a savepoint), so its
 * statements are prepared once like any other. */
static gboolean
run_cached (GlideStore  *self,
            const char  *sql,
            GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, sql, error);

  return stmt != NULL && glide_store_step_done (self, stmt, error);
}

/**
 * glide_store_begin:
 *
 * Starts a write transaction (BEGIN IMMEDIATE), or a savepoint inside one, so
 * callers such as the importer can make many calls all-or-nothing.
 */
gboolean
glide_store_begin (GlideStore  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  /* Inside a bulk transaction a failed call fails the whole of it (see
   * glide_store_begin_bulk), so it needs no savepoint of its own. */
  if (self->depth > 0 && self->bulk)
    {
      self->depth++;
      return TRUE;
    }
  sql = self->depth == 0 ? g_strdup (self->backend->begin_write)
                         : g_strdup_printf ("SAVEPOINT glide_%u", self->depth);
  if (!run_cached (self, sql, error))
    return FALSE;
  if (self->depth == 0)
    glide_store_chain_forget (self);
  else
    glide_store_chain_mark (self);
  if (self->depth == 0 && self->backend->write_lock != NULL)
    {
      GlideStmt *lock = glide_store_prepare (self, self->backend->write_lock, error);
      GlideStmtResult rc = lock ? glide_stmt_step (lock) : GLIDE_STMT_ERROR;

      if (lock != NULL)
        glide_stmt_reset (lock);
      if (rc == GLIDE_STMT_ERROR)
        {
          if (lock != NULL)
            glide_store_set_db_error (self, error);
          self->backend->exec (self, "ROLLBACK");
          return FALSE;
        }
    }
  self->depth++;
  return TRUE;
}

/**
 * glide_store_begin_bulk:
 *
 * Starts a write transaction like glide_store_begin() in which the store's
 * own calls open no savepoints: each savepoint cost SQLite a journal of the
 * pages it touched, written to a temporary file, which was most of a large
 * import's writes. A call that fails inside it is not undone on its own;
 * instead the whole transaction can then only be rolled back:
 * glide_store_commit() refuses it. For callers, such as the importer, that
 * give up on the first error anyway.
 */
gboolean
glide_store_begin_bulk (GlideStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!glide_store_begin (self, error))
    return FALSE;
  if (self->backend->bulk_settings != NULL &&
      !glide_store_exec (self, self->backend->bulk_settings, error))
    {
      glide_store_rollback (self);
      return FALSE;
    }
  self->bulk = TRUE;
  self->bulk_failed = FALSE;
  glide_store_forget_context (self, NULL);
  return TRUE;
}

gboolean
glide_store_commit (GlideStore  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;
  gboolean committed, was_bulk;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->bulk && self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  if (self->bulk && self->bulk_failed)
    {
      glide_store_rollback (self);
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                           _("A change inside the transaction failed; nothing was saved"));
      return FALSE;
    }

  /* A write whose audit entry has not sealed it yet (a bulk import that
   * wrote no patient): seal it now, so nothing is committed unsealed. */
  if (self->depth == 1 && glide_store_seal_is_pending (self))
    {
      gboolean batch = self->audit_batch, ok;

      self->audit_batch = FALSE;
      ok = glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, NULL, "records",
                                     "changes sealed at commit", error);
      self->audit_batch = batch;
      if (!ok)
        {
          glide_store_rollback (self);
          return FALSE;
        }
    }

  if (self->depth == 1 && !glide_store_chain_write_head (self, error))
    {
      glide_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  was_bulk = self->bulk && self->depth == 0;
  if (self->depth == 0)
    {
      self->bulk = FALSE;
      glide_store_forget_context (self, NULL);
    }
  sql = self->depth == 0 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE glide_%u", self->depth);
  if (self->depth == 0 && self->test_lose_commit == 1 && self->pg != NULL)
    glide_store_pg_drop_connection (self);
  committed = run_cached (self, sql, error);
  if (committed && self->depth == 0 && self->test_lose_commit == 2 && self->pg != NULL)
    {
      glide_store_pg_drop_connection (self);
      glide_store_set_failure (self, GLIDE_DB_FAILURE_CONNECTION,
                               "the connection dropped before the reply to COMMIT");
      committed = glide_store_set_db_error (self, error);
    }
  if (!committed)
    {
      if (self->depth == 0)
        {
          self->test_lose_commit = 0;
          /* COMMIT was sent and the connection is gone: it may have landed
           * or not. Its audit entry, looked up once the server is back, says
           * which (glide_store_reconnect). */
          glide_store_forget_unsure_save (self);
          if (self->failure == GLIDE_DB_FAILURE_CONNECTION && self->anchor_id != 0)
            {
              self->unsure_audit_id = self->anchor_id;
              self->unsure_audit_hash = g_steal_pointer (&self->anchor_hash);
              g_clear_error (error);
              g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                                   _("The connection to the clinic server broke while saving; "
                                   "Glide checks whether the save arrived as soon as the server "
                                   "is back, and what was typed is kept on this computer."));
            }
          self->anchor_id = 0;
          g_clear_pointer (&self->anchor_hash, g_free);
        }
      /* A failed COMMIT (disk full, I/O error) may leave the transaction open. */
      if (self->depth == 0 && self->backend->in_transaction (self))
        self->backend->exec (self, "ROLLBACK");
      else if (self->depth > 0)
        self->depth++, glide_store_rollback (self);
      return FALSE;
    }
  if (self->depth == 0)
    {
      glide_store_chain_forget (self);
      glide_store_anchor_append (self);
    }
  else
    glide_store_chain_unmark (self, FALSE);
  /* After an import the server's planner knows nothing of the new rows until
   * autovacuum analyses them (a minute or more later), and reads a course
   * by the wrong plan meanwhile: the owner has them analysed now. Others may
   * not (ANALYZE is the owner's). Its failure changes nothing stored. */
  if (was_bulk && self->backend->after_import != NULL && self->role == GLIDE_STORE_ROLE_OWNER &&
      !self->backend->exec (self, self->backend->after_import))
    g_debug ("after the import: %s", self->failure_message);
  return TRUE;
}

void
glide_store_rollback (GlideStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (GLIDE_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (self->bulk && self->depth > 0)
    {
      /* Nothing to roll back to: the transaction can only end in a rollback. */
      self->bulk_failed = TRUE;
      return;
    }
  if (self->depth == 0)
    {
      self->bulk = FALSE;
      self->bulk_failed = FALSE;
      glide_store_forget_context (self, NULL);
      glide_store_seal_forget (self);
      glide_store_chain_forget (self);
      self->anchor_id = 0;
      g_clear_pointer (&self->anchor_hash, g_free);
      if (self->backend->in_transaction (self))
        self->backend->exec (self, "ROLLBACK");
      return;
    }
  sql = g_strdup_printf ("ROLLBACK TO glide_%u; RELEASE glide_%u", self->depth, self->depth);
  self->backend->exec (self, sql);
  glide_store_chain_unmark (self, TRUE);
}

/* Ends a transaction begun by a write function: commit on success, else roll back. */
static gboolean
finish (GlideStore  *self,
        gboolean     ok,
        GError     **error)
{
  if (!ok)
    {
      glide_store_rollback (self);
      return FALSE;
    }
  return glide_store_commit (self, error);
}

/* Runs a write_* function as a transaction of its own: creating when
 * created_id is given (reset to 0 on failure), updating otherwise. */
typedef gboolean (*WriteFunc) (GlideStore     *self,
                               gconstpointer   record,
                               gint64         *created_id,
                               GError        **error);

static gboolean
run_write (GlideStore     *self,
           WriteFunc       write,
           gconstpointer   record,
           gint64         *created_id,
           GError        **error)
{
  if (!glide_store_begin (self, error))
    return FALSE;
  if (!finish (self, write (self, record, created_id, error), error))
    {
      if (created_id != NULL)
        *created_id = 0;
      return FALSE;
    }
  return TRUE;
}

/* ---- for the store's other files ------------------------------------------ */

gboolean
glide_store_write_row (GlideStore  *self,
                       GlideStmt   *stmt,
                       gint64      *created_id,
                       const char  *what,
                       gint64       id,
                       const char  *exists,
                       GError     **error)
{
  return write_row (self, stmt, created_id, what, id, exists, error);
}

gboolean
glide_store_set_rule_error (GError     **error,
                            const char  *what,
                            const char  *field,
                            GError      *cause)
{
  return set_rule_error (error, what, field, cause);
}

gboolean
glide_store_set_not_found (GError     **error,
                           const char  *what,
                           gint64       id)
{
  return set_not_found (error, what, id);
}

gboolean
glide_store_check_version (GlideStore  *self,
                           const char  *kind,
                           gint64       id,
                           gint64       expected,
                           const char  *what,
                           GError     **error)
{
  return check_version (self, kind, id, expected, what, error);
}

gboolean
glide_store_record_version (GlideStore  *self,
                            const char  *kind,
                            gint64       id,
                            gint64      *version,
                            GError     **error)
{
  return record_version (self, kind, id, version, error);
}

gboolean
glide_store_finish (GlideStore  *self,
                    gboolean     ok,
                    GError     **error)
{
  return finish (self, ok, error);
}

gboolean
glide_store_is_bulk (GlideStore *self)
{
  return self->bulk;
}

/* ---- opening --------------------------------------------------------------- */

char *
glide_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "glide", "glide.db", NULL);
}

/**
 * glide_store_location_is_uri:
 * @scheme: (out) (optional): the URI's scheme ("postgresql"), to free
 *
 * Whether @location is a URI ("postgresql:///clinic", "https://…") rather
 * than a file path: a scheme (a letter, then letters, digits, "+", "-" or
 * ".") followed by "://". Taken as a relative path, such a location made a
 * directory "postgresql:" beside the user.
 */
gboolean
glide_store_location_is_uri (const char  *location,
                             char       **scheme)
{
  const char *p = location;

  g_return_val_if_fail (location != NULL, FALSE);
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (!g_str_has_prefix (p, "://"))
    return FALSE;
  if (scheme != NULL)
    *scheme = g_ascii_strdown (location, p - location);
  return TRUE;
}

/* The first column of the first row of @sql, 0 when there is no row. */
gboolean
glide_store_query_int64 (GlideStore  *self,
                         const char  *sql,
                         gint64      *value,
                         GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = glide_stmt_step (stmt);
  *value = rc == GLIDE_STMT_ROW ? glide_stmt_column_int64 (stmt, 0) : 0;
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/* A store not yet connected to anything: the back-ends' open functions fill it in. */
GlideStore *
glide_store_new_unopened (const char *location)
{
  GlideStore *self = g_object_new (GLIDE_TYPE_STORE, NULL);

  self->path = g_strdup (location);
  self->backend = &glide_db_sqlite;
  self->role = GLIDE_STORE_ROLE_OWNER;
  return self;
}

/**
 * glide_store_open:
 * @path: a database file, created (0600, in a 0700 folder) when missing; or
 *   a clinic server's libpq URI (postgresql://… or postgres://…)
 *
 * Opens or creates a Glide database and brings its schema up to date. A file
 * that is not a Glide database, is damaged, or was made by a newer Glide is
 * refused with a message and not modified. A location that looks like a URI
 * of any other scheme is refused, never taken as a relative path.
 */
GlideStore *
glide_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(GlideStore) self = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = glide_store_new_unopened (path);
  if (glide_store_location_is_uri (path, &scheme))
    {
      if (g_str_equal (scheme, "postgresql") || g_str_equal (scheme, "postgres"))
        return glide_store_pg_open (self, path, error) ? g_steal_pointer (&self) : NULL;
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is a %s address, not a database: Glide keeps the record in an "
                   "SQLite file or on a clinic server (postgresql://…)"), path, scheme);
      return NULL;
    }
  return glide_store_sqlite_open (self, path, error) ? g_steal_pointer (&self) : NULL;
}

/**
 * glide_store_open_server:
 * @uri: a clinic server's postgresql:// URI, without the password
 * @password: (nullable): the password typed at sign-in; %NULL lets libpq find
 *   one (~/.pgpass, PGPASSWORD) or use another method (certificates, peer)
 *
 * Connects to a clinic server as glide_store_open() does, with a password
 * that is kept for glide_store_open_another() and never shown.
 */
GlideStore *
glide_store_open_server (const char  *uri,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GlideStore) self = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!glide_store_location_is_uri (uri, &scheme) ||
      (!g_str_equal (scheme, "postgresql") && !g_str_equal (scheme, "postgres")))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a clinic server's address (postgresql://…)"), uri);
      return NULL;
    }
  self = glide_store_new_unopened (uri);
  self->password = g_strdup (password);
  return glide_store_pg_open (self, uri, error) ? g_steal_pointer (&self) : NULL;
}

/**
 * glide_store_open_another:
 *
 * Another connection to the same database as the same person: for work on
 * a thread of its own (exports, imports, checks, backups).
 */
GlideStore *
glide_store_open_another (GlideStore  *self,
                          GError     **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (self->pg != NULL)
    return glide_store_open_server (self->path, self->password, error);
  return glide_store_open (self->path, error);
}

const char *
glide_store_get_path (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  return self->path;
}

/* "sqlite" or "postgresql". */
const char *
glide_store_get_backend_name (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  return self->backend->name;
}

/* Whether the record is on a clinic server (PostgreSQL) rather than in a file. */
gboolean
glide_store_is_server (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  return self->pg != NULL;
}

/**
 * glide_store_is_connected:
 *
 * Whether the store's connection is up, as far as it knows: FALSE once a
 * clinic server's connection broke (a failed call, or the server closing
 * it, seen by glide_store_changed_elsewhere()); always TRUE on SQLite.
 */
gboolean
glide_store_is_connected (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  return self->pg == NULL || glide_store_pg_is_connected (self);
}

/**
 * glide_store_reconnect:
 *
 * Connects a clinic server's store again after its connection broke, with
 * the same address and password, and settles a save whose COMMIT was sent
 * when it broke: its audit entry is in the log (it landed; saving the same
 * draft again continues from it) or not (saving again stores it anew).
 * Nothing happens on SQLite or while the connection is up.
 *
 * Returns: whether the store is connected again
 */
gboolean
glide_store_reconnect (GlideStore  *self,
                       GError     **error)
{
  GlideStmt *stmt;
  GlideStmtResult rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->pg == NULL || glide_store_pg_is_connected (self))
    return TRUE;
  if (!glide_store_pg_reconnect (self, error))
    return FALSE;
  if (self->unsure_audit_id == 0)
    return TRUE;
  if (!(stmt = glide_store_prepare (self, "SELECT hash FROM audit_log WHERE id = ?1", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, self->unsure_audit_id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ERROR)
    {
      glide_stmt_reset (stmt);
      return glide_store_set_db_error (self, error);
    }
  self->unsure_landed = rc == GLIDE_STMT_ROW &&
                        g_strcmp0 (glide_stmt_column_text (stmt, 0), self->unsure_audit_hash) == 0;
  glide_stmt_reset (stmt);
  g_debug ("The save of audit entry %" G_GINT64_FORMAT " %s", self->unsure_audit_id,
           self->unsure_landed ? "landed" : "did not land");
  if (!self->unsure_landed)
    glide_store_forget_unsure_save (self);
  return TRUE;
}

void
glide_store_test_lose_commit (GlideStore *self,
                              guint       when)
{
  g_return_if_fail (GLIDE_IS_STORE (self));
  self->test_lose_commit = when;
}

/**
 * glide_store_changed_elsewhere:
 *
 * Whether another connection (another window, the command line, another
 * workstation) committed a change since the last call. Cheap enough to ask
 * every few seconds: SQLite reads a counter, a clinic server's connection
 * reads the notifications it was sent. The first call only starts counting.
 */
gboolean
glide_store_changed_elsewhere (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  if (self->depth > 0)
    return FALSE;
  return self->backend->changed_elsewhere (self);
}

/**
 * glide_store_get_change_fd:
 *
 * Returns: a descriptor that becomes readable when a clinic server notifies
 *   a change (then call glide_store_changed_elsewhere()), or -1 when changes
 *   are only found by asking (SQLite)
 */
int
glide_store_get_change_fd (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), -1);
  return self->backend->change_fd (self);
}

/* The clinic server's name for the person logged in (session_user); NULL on SQLite. */
const char *
glide_store_get_login (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  return self->login;
}

GlideStoreRole
glide_store_get_role (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), GLIDE_STORE_ROLE_NONE);
  return self->role;
}

/* Whether @role documents: patients, courses, sessions, screening. A manager
 * (or a login granted nothing) reads and prints only. The server enforces
 * it; the window asks here so as not to offer what would be refused. */
gboolean
glide_store_role_writes_records (GlideStoreRole role)
{
  return role == GLIDE_STORE_ROLE_THERAPIST || role == GLIDE_STORE_ROLE_ADMIN ||
         role == GLIDE_STORE_ROLE_OWNER;
}

/* Whether @role keeps the clinic's details, therapists, tools and grants. */
gboolean
glide_store_role_administers (GlideStoreRole role)
{
  return role == GLIDE_STORE_ROLE_ADMIN || role == GLIDE_STORE_ROLE_OWNER;
}

/* The role's code, as --grant --role takes it. */
const char *
glide_store_role_get_code (GlideStoreRole role)
{
  static const char *const codes[] = { "none", "therapist", "manager", "admin", "owner" };

  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (codes), "none");
  return codes[role];
}

/**
 * glide_store_set_actor:
 * @therapist_id: the therapist working through this store, or 0 for "system"
 *
 * Names who the audit log records for the changes that follow.
 */
void
glide_store_set_actor (GlideStore *self,
                       gint64      therapist_id)
{
  g_autoptr(GlideTherapist) therapist = NULL;

  g_return_if_fail (GLIDE_IS_STORE (self));

  /* On a clinic server the person is the login, whoever a setting names. */
  if (self->login != NULL)
    return;
  if (therapist_id != 0)
    therapist = glide_store_get_therapist (self, therapist_id, NULL);
  self->actor_id = therapist ? therapist_id : 0;
  g_free (self->actor_code);
  self->actor_code = therapist ? g_strdup (therapist->code) : NULL;
}

gint64
glide_store_get_actor (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  return self->actor_id;
}

/**
 * glide_store_set_audit_batch:
 *
 * While on, the store writes no audit entries of its own for creations and
 * changes; the caller records the bulk operation (the importer writes one
 * "import" entry per patient).
 */
void
glide_store_set_audit_batch (GlideStore *self,
                             gboolean    batch)
{
  g_return_if_fail (GLIDE_IS_STORE (self));
  self->audit_batch = !!batch;
}

gboolean
glide_store_is_empty (GlideStore  *self,
                      GError     **error)
{
  gint64 any = 0;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  /* EXISTS reads a page of each table, where count(*) read all of an index:
   * 18 pages from a cold cache for the 20,000-patient clinic, against 177
   * (sqlite3's .stats), at every start. */
  if (!glide_store_query_int64 (self,
                                "SELECT CASE WHEN EXISTS (SELECT 1 FROM patients)"
                                " OR EXISTS (SELECT 1 FROM therapists)"
                                " OR EXISTS (SELECT 1 FROM instruments) THEN 1 ELSE 0 END",
                                &any, error))
    return FALSE;
  return !any;
}

gboolean
glide_store_role_from_code (const char     *code,
                            GlideStoreRole *role)
{
  for (GlideStoreRole r = GLIDE_STORE_ROLE_NONE; r <= GLIDE_STORE_ROLE_OWNER; r++)
    if (g_strcmp0 (code, glide_store_role_get_code (r)) == 0)
      {
        *role = r;
        return TRUE;
      }
  return FALSE;
}

static gboolean
require_server (GlideStore  *self,
                const char  *what,
                GError     **error)
{
  if (self->pg != NULL)
    return TRUE;
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
               _("%s: %s is an SQLite database, one person's practice, where whoever uses the "
               "computer documents; roles are for a clinic server (postgresql://…)"),
               glide_gettext (what), self->path);
  return FALSE;
}

/* The server refuses it anyway; this says so in the person's words. */
static gboolean
require_admin (GlideStore  *self,
               const char  *what,
               GError     **error)
{
  if (glide_store_role_administers (self->role))
    return TRUE;
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
               _("Only an admin or the database's owner can %s; %s is %s in this clinic"),
               glide_gettext (what), self->login,
               self->role == GLIDE_STORE_ROLE_NONE ? _("nobody") :
               glide_store_role_get_code (self->role));
  return FALSE;
}

/**
 * glide_store_grant:
 * @login: a PostgreSQL login role, made with the server's own tools (createuser)
 * @role: therapist, manager or admin
 * @therapist_code: for a therapist, the therapist they sign as; else %NULL
 *
 * Lets @login work in the clinic's record as @role (replacing any role it
 * had). Only an admin or the database's owner may; the server checks it.
 */
gboolean
glide_store_grant (GlideStore      *self,
                   const char      *login,
                   GlideStoreRole   role,
                   const char      *therapist_code,
                   GError         **error)
{
  g_autoptr(GlideTherapist) therapist = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *details = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (login != NULL, FALSE);

  if (!require_server (self, N_("Cannot grant a role"), error) ||
      !require_admin (self, N_("grant roles"), error))
    return FALSE;
  if (role != GLIDE_STORE_ROLE_THERAPIST && role != GLIDE_STORE_ROLE_MANAGER &&
      role != GLIDE_STORE_ROLE_ADMIN)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("role: must be therapist, manager or admin"));
      return FALSE;
    }
  if ((role == GLIDE_STORE_ROLE_THERAPIST) != (therapist_code != NULL))
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           role == GLIDE_STORE_ROLE_THERAPIST ?
                           "therapist: a therapist's login needs the therapist it signs as "
                           "(--therapist CODE)" :
                           "therapist: only a therapist's login signs as a therapist");
      return FALSE;
    }
  if (therapist_code != NULL &&
      (therapist = glide_store_find_therapist (self, therapist_code, error)) == NULL)
    return FALSE;

  if (!glide_store_begin (self, error))
    return FALSE;
  ok = (stmt = glide_store_prepare (self, "SELECT glide_grant_staff (?1, ?2, ?3)", error)) != NULL;
  if (ok)
    {
      glide_stmt_bind_text (stmt, 1, login);
      glide_stmt_bind_text (stmt, 2, glide_store_role_get_code (role));
      if (therapist != NULL)
        glide_stmt_bind_int64 (stmt, 3, therapist->id);
      else
        glide_stmt_bind_null (stmt, 3);
      ok = glide_stmt_step (stmt) != GLIDE_STMT_ERROR || glide_store_set_db_error (self, error);
      glide_stmt_reset (stmt);
    }
  if (ok)
    {
      entity = g_strdup_printf ("login %s", login);
      details = therapist ? g_strdup_printf ("therapist %s", therapist->code)
                          : g_strdup (glide_store_role_get_code (role));
      ok = glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, NULL, entity, details, error);
    }
  return finish (self, ok, error);
}

/**
 * glide_store_revoke:
 *
 * Takes away whatever role @login had in the clinic's record.
 */
gboolean
glide_store_revoke (GlideStore  *self,
                    const char  *login,
                    GError     **error)
{
  g_autofree char *entity = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (login != NULL, FALSE);

  if (!require_server (self, N_("Cannot revoke a role"), error) ||
      !require_admin (self, N_("revoke roles"), error))
    return FALSE;
  if (!glide_store_begin (self, error))
    return FALSE;
  ok = (stmt = glide_store_prepare (self, "SELECT glide_revoke_staff (?1)", error)) != NULL;
  if (ok)
    {
      glide_stmt_bind_text (stmt, 1, login);
      ok = glide_stmt_step (stmt) != GLIDE_STMT_ERROR || glide_store_set_db_error (self, error);
      glide_stmt_reset (stmt);
    }
  if (ok)
    {
      entity = g_strdup_printf ("login %s", login);
      ok = glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, NULL, entity, "revoked", error);
    }
  return finish (self, ok, error);
}

/* ---- clinic ---------------------------------------------------------------- */

GlideClinic *
glide_store_get_clinic (GlideStore  *self,
                        GError     **error)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  GlideStmt *stmt;
  int rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT name, address, phone, paper FROM clinic"
                                    " WHERE id = 1", error)))
    return NULL;
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      g_free (clinic->name);
      g_free (clinic->address);
      g_free (clinic->phone);
      clinic->name = glide_store_column_dup (stmt, 0);
      clinic->address = glide_store_column_dup (stmt, 1);
      clinic->phone = glide_store_column_dup (stmt, 2);
      clinic->paper = column_code (stmt, 3, GLIDE_CODE_LIST_PAPER);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&clinic);
}

gboolean
glide_store_set_clinic (GlideStore         *self,
                        const GlideClinic  *clinic,
                        GError            **error)
{
  g_autofree char *field = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_rules_validate_clinic (clinic, &field, &rule_error))
    return set_rule_error (error, "Clinic", field, rule_error);

  if (!glide_store_begin (self, error))
    return FALSE;
  ok = (stmt = glide_store_prepare (self, "UPDATE clinic SET name = ?, address = ?, phone = ?,"
                                    " paper = ? WHERE id = 1", error)) != NULL;
  if (ok)
    {
      bind_text (stmt, 1, clinic->name);
      bind_text (stmt, 2, clinic->address);
      bind_text (stmt, 3, clinic->phone);
      bind_code (stmt, 4, GLIDE_CODE_LIST_PAPER, clinic->paper);
      ok = glide_store_step_done (self, stmt, error);
      if (ok)
        glide_store_seal_mark (self, "clinic", 1);
      ok = ok && glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, NULL, "clinic", clinic->name,
                                           error);
    }
  return finish (self, ok, error);
}

/* ---- therapists and instruments -------------------------------------------- */

static GlideTherapist *
read_therapist (GlideStmt *stmt)
{
  GlideTherapist *therapist = g_new0 (GlideTherapist, 1);

  therapist->id = glide_stmt_column_int64 (stmt, 0);
  therapist->code = glide_store_column_dup (stmt, 1);
  therapist->name = glide_store_column_dup (stmt, 2);
  therapist->credentials = glide_store_column_dup (stmt, 3);
  therapist->active = glide_stmt_column_int (stmt, 4);
  return therapist;
}

#define THERAPIST_COLUMNS "SELECT id, code, name, credentials, active FROM therapists "

/* Runs a query of *_COLUMNS rows into an array of records. */
GPtrArray *
glide_store_collect (GlideStore      *self,
         GlideStmt    *stmt,
         gpointer       (*read) (GlideStmt *),
         GDestroyNotify   free_func,
         GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    g_ptr_array_add (rows, read (stmt));
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The single row of a query, or NULL with NOT_FOUND naming what was sought. */
static gpointer
collect_one (GlideStore      *self,
             GlideStmt    *stmt,
             gpointer       (*read) (GlideStmt *),
             GDestroyNotify   free_func,
             const char      *what,
             const char      *key,
             GError         **error)
{
  g_autoptr(GPtrArray) rows = glide_store_collect (self, stmt, read, free_func, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                   /* Translators: "There is no patient with chart P-1", "… therapist "dw"" */
                   _("There is no %s %s"), glide_gettext (what), key);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

static gboolean
write_therapist (GlideStore            *self,
                 const GlideTherapist  *therapist,
                 gint64                *created_id,
                 GError               **error)
{
  g_autofree char *field = NULL;
  g_autofree char *entity = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean create = created_id != NULL;
  g_autofree char *exists = NULL;

  if (!glide_rules_validate_therapist (therapist, &field, &rule_error))
    return set_rule_error (error, "Therapist", field, rule_error);

  stmt = glide_store_prepare (self, create ?
                              "INSERT INTO therapists (code, name, credentials, active)"
                              " VALUES (?1, ?2, ?3, ?4) RETURNING id" :
                              "UPDATE therapists SET code = ?1, name = ?2, credentials = ?3,"
                              " active = ?4 WHERE id = ?5",
                              error);
  if (stmt == NULL)
    return FALSE;
  exists = g_strdup_printf ("A therapist with id \"%s\" already exists", therapist->code);
  bind_text (stmt, 1, therapist->code);
  bind_text (stmt, 2, therapist->name);
  bind_text (stmt, 3, therapist->credentials ? therapist->credentials : "");
  glide_stmt_bind_int64 (stmt, 4, therapist->active);
  if (!create)
    glide_stmt_bind_int64 (stmt, 5, therapist->id);
  if (!write_row (self, stmt, created_id, N_("therapist"), therapist->id, exists, error))
    return FALSE;

  glide_store_seal_mark (self, "therapist", create ? *created_id : therapist->id);
  entity = g_strdup_printf ("therapist %s", therapist->code);
  return glide_store_append_audit (self, create ? GLIDE_AUDIT_CREATE : GLIDE_AUDIT_CHANGE, NULL,
                                   entity, therapist->active ? therapist->name : "deactivated",
                                   error);
}

gint64
glide_store_create_therapist (GlideStore      *self,
                              GlideTherapist  *therapist,
                              GError         **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (therapist->id == 0, 0);

  run_write (self, (WriteFunc) write_therapist, therapist, &therapist->id, error);
  return therapist->id;
}

gboolean
glide_store_update_therapist (GlideStore            *self,
                              const GlideTherapist  *therapist,
                              GError               **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  return run_write (self, (WriteFunc) write_therapist, therapist, NULL, error);
}

GPtrArray *
glide_store_list_therapists (GlideStore  *self,
                             gboolean     include_inactive,
                             GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, THERAPIST_COLUMNS "WHERE active = 1 OR ?1 = 1 ORDER BY id",
                                    error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, include_inactive);
  return glide_store_collect (self, stmt, (gpointer) read_therapist, (GDestroyNotify) glide_therapist_free,
                  error);
}

GlideTherapist *
glide_store_get_therapist (GlideStore  *self,
                           gint64       id,
                           GError     **error)
{
  g_autofree char *key = g_strdup_printf (_("with id %lld"), (long long) id);
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, THERAPIST_COLUMNS "WHERE id = ?", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, id);
  return collect_one (self, stmt, (gpointer) read_therapist,
                      (GDestroyNotify) glide_therapist_free, N_("therapist"), key, error);
}

GlideTherapist *
glide_store_find_therapist (GlideStore  *self,
                            const char  *code,
                            GError     **error)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", code);
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, THERAPIST_COLUMNS "WHERE code = ?", error)))
    return NULL;
  bind_text (stmt, 1, code);
  return collect_one (self, stmt, (gpointer) read_therapist,
                      (GDestroyNotify) glide_therapist_free, N_("therapist"), key, error);
}

static GlideInstrument *
read_instrument (GlideStmt *stmt)
{
  GlideInstrument *instrument = g_new0 (GlideInstrument, 1);

  instrument->id = glide_stmt_column_int64 (stmt, 0);
  instrument->code = glide_store_column_dup (stmt, 1);
  instrument->name = glide_store_column_dup (stmt, 2);
  instrument->material = column_code (stmt, 3, GLIDE_CODE_LIST_MATERIAL);
  return instrument;
}

#define INSTRUMENT_COLUMNS "SELECT id, code, name, material FROM instruments "

static gboolean
write_instrument (GlideStore             *self,
                  const GlideInstrument  *instrument,
                  gint64                 *created_id,
                  GError                **error)
{
  g_autofree char *field = NULL;
  g_autofree char *entity = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean create = created_id != NULL;
  g_autofree char *exists = NULL;

  if (!glide_rules_validate_instrument (instrument, &field, &rule_error))
    return set_rule_error (error, "Tool", field, rule_error);

  stmt = glide_store_prepare (self, create ?
                              "INSERT INTO instruments (code, name, material)"
                              " VALUES (?1, ?2, ?3) RETURNING id" :
                              "UPDATE instruments SET code = ?1, name = ?2, material = ?3 WHERE id = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  exists = g_strdup_printf ("A tool with id \"%s\" already exists", instrument->code);
  bind_text (stmt, 1, instrument->code);
  bind_text (stmt, 2, instrument->name);
  bind_code (stmt, 3, GLIDE_CODE_LIST_MATERIAL, instrument->material);
  if (!create)
    glide_stmt_bind_int64 (stmt, 4, instrument->id);
  if (!write_row (self, stmt, created_id, N_("tool"), instrument->id, exists, error))
    return FALSE;

  glide_store_seal_mark (self, "instrument", create ? *created_id : instrument->id);
  entity = g_strdup_printf ("tool %s", instrument->code);
  return glide_store_append_audit (self, create ? GLIDE_AUDIT_CREATE : GLIDE_AUDIT_CHANGE, NULL,
                                   entity, instrument->name, error);
}

gint64
glide_store_create_instrument (GlideStore       *self,
                               GlideInstrument  *instrument,
                               GError          **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (instrument->id == 0, 0);

  run_write (self, (WriteFunc) write_instrument, instrument, &instrument->id, error);
  return instrument->id;
}

gboolean
glide_store_update_instrument (GlideStore             *self,
                               const GlideInstrument  *instrument,
                               GError                **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  return run_write (self, (WriteFunc) write_instrument, instrument, NULL, error);
}

GPtrArray *
glide_store_list_instruments (GlideStore  *self,
                              GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, INSTRUMENT_COLUMNS "ORDER BY id", error)))
    return NULL;
  return glide_store_collect (self, stmt, (gpointer) read_instrument,
                  (GDestroyNotify) glide_instrument_free, error);
}

GlideInstrument *
glide_store_find_instrument (GlideStore  *self,
                             const char  *code,
                             GError     **error)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", code);
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, INSTRUMENT_COLUMNS "WHERE code = ?", error)))
    return NULL;
  bind_text (stmt, 1, code);
  return collect_one (self, stmt, (gpointer) read_instrument,
                      (GDestroyNotify) glide_instrument_free, N_("tool"), key, error);
}

/* ---- patients -------------------------------------------------------------- */

static GlidePatient *
read_patient (GlideStmt *stmt)
{
  GlidePatient *patient = g_new0 (GlidePatient, 1);

  patient->id = glide_stmt_column_int64 (stmt, 0);
  patient->chart = glide_store_column_dup (stmt, 1);
  patient->family_name = glide_store_column_dup (stmt, 2);
  patient->given_name = glide_store_column_dup (stmt, 3);
  patient->birth_date = glide_store_column_dup (stmt, 4);
  return patient;
}

#define PATIENT_COLUMNS "SELECT id, chart, family_name, given_name, birth_date FROM patients "

static char *
patient_sort_key (const GlidePatient *patient)
{
  g_autofree char *name = g_strdup_printf ("%s\x1f%s\x1f%s", patient->family_name,
                                           patient->given_name ? patient->given_name : "",
                                           patient->chart);

  return glide_text_fold (name);
}

/* Stores the folded words of the names and the chart for prefix search. */
static gboolean
index_patient_words (GlideStore          *self,
                     const GlidePatient  *patient,
                     GError             **error)
{
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *sources[] = { patient->family_name, patient->given_name, patient->chart };
  g_autofree const char **list = NULL;
  GlideStmt *stmt;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_auto(GStrv) split = NULL;

      if (sources[i] == NULL)
        continue;
      split = glide_text_fold_words (sources[i]);
      for (guint j = 0; split[j]; j++)
        g_hash_table_add (words, g_strdup (split[j]));
    }
  g_hash_table_add (words, glide_text_fold (patient->chart));

  if (!(stmt = glide_store_prepare (self, "DELETE FROM patient_words WHERE patient_id = ?", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, patient->id);
  if (!glide_store_step_later (self, stmt, error))
    return FALSE;

  /* One INSERT for all the words. */
  list = (const char **) g_hash_table_get_keys_as_array (words, &n);
  if (!(stmt = glide_store_prepare_rows (self, "INSERT INTO patient_words (word, patient_id)", 2, n,
                                         error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      bind_text (stmt, 2 * i + 1, list[i]);
      glide_stmt_bind_int64 (stmt, 2 * i + 2, patient->id);
    }
  return glide_store_step_later (self, stmt, error);
}

gint64
glide_store_create_patient (GlideStore    *self,
                            GlidePatient  *patient,
                            GError       **error)
{
  g_autofree char *field = NULL;
  g_autofree char *sort_key = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;
  g_autofree char *exists = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (patient->id == 0, 0);

  if (!glide_rules_validate_patient (patient, &field, &rule_error))
    {
      set_rule_error (error, "Patient", field, rule_error);
      return 0;
    }

  if (!glide_store_begin (self, error))
    return 0;
  ok = (stmt = glide_store_prepare (self, "INSERT INTO patients (chart, family_name, given_name,"
                                    " birth_date, sort_key) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                    error)) != NULL;
  if (ok)
    {
      exists = g_strdup_printf ("A patient with chart %s already exists", patient->chart);
      sort_key = patient_sort_key (patient);
      bind_text (stmt, 1, patient->chart);
      bind_text (stmt, 2, patient->family_name);
      bind_text (stmt, 3, patient->given_name ? patient->given_name : "");
      bind_text (stmt, 4, patient->birth_date);
      bind_text (stmt, 5, sort_key);
      ok = write_row (self, stmt, &patient->id, N_("patient"), 0, exists, error);
    }
  if (ok)
    {
      glide_store_seal_mark (self, "patient", patient->id);
      ok = index_patient_words (self, patient, error) &&
           glide_store_append_audit (self, GLIDE_AUDIT_CREATE, patient->chart, "patient", "",
                                     error);
    }
  if (!finish (self, ok, error))
    {
      patient->id = 0;
      return 0;
    }
  return patient->id;
}

/* "family_name, birth_date": which fields an update changed, for the audit log. */
static void
note_change (GString    *changes,
             const char *name,
             const char *before,
             const char *after)
{
  if (g_strcmp0 (before, after) == 0)
    return;
  g_string_append_printf (changes, "%s%s", changes->len ? ", " : "", name);
}

/* A birth date moved after the patient's first course or visit is refused. */
static gboolean
check_birth_before_care (GlideStore          *self,
                         const GlidePatient  *patient,
                         GError             **error)
{
  g_autofree char *first = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  int rc;

  if (patient->birth_date == NULL)
    return TRUE;
  if (!(stmt = glide_store_prepare (self, "SELECT min(day) FROM ("
                                    " SELECT start_date AS day FROM courses WHERE patient_id = ?1"
                                    " UNION ALL SELECT substr(s.start, 1, 10) FROM sessions s"
                                    " JOIN courses c ON c.id = s.course_id WHERE c.patient_id = ?1) AS days",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, patient->id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    first = glide_store_column_dup (stmt, 0);
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    return glide_store_set_db_error (self, error);
  if (!glide_rules_check_not_before_birth (patient->birth_date, first, &rule_error))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("Patient birth_date: %s is after the patient's first course or visit (%s)"),
                   patient->birth_date, first);
      g_error_free (rule_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
glide_store_update_patient (GlideStore          *self,
                            const GlidePatient  *patient,
                            GError             **error)
{
  g_autoptr(GlidePatient) before = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autofree char *field = NULL;
  g_autofree char *sort_key = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;
  g_autofree char *exists = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_rules_validate_patient (patient, &field, &rule_error))
    return set_rule_error (error, "Patient", field, rule_error);

  if (!glide_store_begin (self, error))
    return FALSE;
  before = glide_store_get_patient (self, patient->id, error);
  ok = before != NULL &&
       check_version (self, "patient", patient->id, patient->version, N_("patient"), error) &&
       check_birth_before_care (self, patient, error) &&
       (stmt = glide_store_prepare (self, "UPDATE patients SET chart = ?, family_name = ?,"
                                    " given_name = ?, birth_date = ?, sort_key = ? WHERE id = ?",
                                    error)) != NULL;
  if (ok)
    {
      exists = g_strdup_printf ("A patient with chart %s already exists", patient->chart);
      sort_key = patient_sort_key (patient);
      bind_text (stmt, 1, patient->chart);
      bind_text (stmt, 2, patient->family_name);
      bind_text (stmt, 3, patient->given_name ? patient->given_name : "");
      bind_text (stmt, 4, patient->birth_date);
      bind_text (stmt, 5, sort_key);
      glide_stmt_bind_int64 (stmt, 6, patient->id);
      ok = write_row (self, stmt, NULL, N_("patient"), patient->id, exists, error);
    }
  if (ok)
    {
      note_change (changes, "chart", before->chart, patient->chart);
      note_change (changes, "family_name", before->family_name, patient->family_name);
      note_change (changes, "given_name", before->given_name, patient->given_name);
      note_change (changes, "birth_date", before->birth_date, patient->birth_date);
      glide_store_seal_mark (self, "patient", patient->id);
      ok = index_patient_words (self, patient, error) &&
           glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, patient->chart, "patient",
                                     changes->str, error);
    }
  return finish (self, ok, error);
}

GlidePatient *
glide_store_get_patient (GlideStore  *self,
                         gint64       id,
                         GError     **error)
{
  g_autofree char *key = g_strdup_printf (_("with id %lld"), (long long) id);
  g_autoptr(GlidePatient) patient = NULL;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, PATIENT_COLUMNS "WHERE id = ?", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, id);
  patient = collect_one (self, stmt, (gpointer) read_patient, (GDestroyNotify) glide_patient_free,
                         N_("patient"), key, error);
  /* No version in the importer's bulk transaction, as for sessions. */
  if (patient != NULL && !self->bulk &&
      !record_version (self, "patient", id, &patient->version, error))
    return NULL;
  return g_steal_pointer (&patient);
}

GlidePatient *
glide_store_find_patient (GlideStore  *self,
                          const char  *chart,
                          GError     **error)
{
  g_autofree char *key = g_strdup_printf (_("with chart %s"), chart);
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, PATIENT_COLUMNS "WHERE chart = ?", error)))
    return NULL;
  bind_text (stmt, 1, chart);
  return collect_one (self, stmt, (gpointer) read_patient, (GDestroyNotify) glide_patient_free,
                      N_("patient"), key, error);
}

GPtrArray *
glide_store_list_patients (GlideStore  *self,
                           GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, PATIENT_COLUMNS "ORDER BY chart", error)))
    return NULL;
  return glide_store_collect (self, stmt, (gpointer) read_patient, (GDestroyNotify) glide_patient_free,
                  error);
}

/* Upper bound of a prefix range: the prefix with its last byte raised by one.
 * Folded text is UTF-8, which never contains 0xff, so this cannot overflow. */
static char *
prefix_upper_bound (const char *prefix)
{
  char *upper = g_strdup (prefix);
  gsize len = strlen (upper);

  upper[len - 1] = (char) ((guchar) upper[len - 1] + 1);
  return upper;
}

static GlidePatientSummary *
read_patient_summary (GlideStmt *stmt)
{
  GlidePatientSummary *summary = g_new0 (GlidePatientSummary, 1);

  summary->patient = read_patient (stmt);
  summary->last_visit = glide_store_column_dup (stmt, 5);
  summary->active_course = glide_store_column_dup (stmt, 6);
  return summary;
}

#define MAX_SEARCH_WORDS 4
/* Words of the index counted per typed word, at most: enough to tell a word
 * worth leading the search from one that begins a good part of the index
 * ("c", that begins every chart "C-…"), in a fraction of a millisecond. */
#define SEARCH_COUNT_CAP 4000

/* How many words of the index begin with @word, counted up to @cap. */
static gboolean
count_word_matches (GlideStore  *self,
                    const char  *word,
                    const char  *upper,
                    gint64       cap,
                    gint64      *n,
                    GError     **error)
{
  GlideStmt *stmt;
  int rc;

  if (!(stmt = glide_store_prepare (self, "SELECT count(*) FROM (SELECT 1 FROM patient_words"
                                    " WHERE word >= ?1 AND word < ?2 LIMIT ?3) AS m", error)))
    return FALSE;
  bind_text (stmt, 1, word);
  bind_text (stmt, 2, upper);
  glide_stmt_bind_int64 (stmt, 3, cap);
  rc = glide_stmt_step (stmt);
  *n = rc == GLIDE_STMT_ROW ? glide_stmt_column_int64 (stmt, 0) : 0;
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/**
 * glide_store_search_patients:
 * @query: words typed by the user; each must begin a word of the patient's
 *   names or chart, ignoring case and accents ("muller jo" finds "Müller, José")
 * @limit: most rows to return
 *
 * Returns: (element-type GlidePatientSummary): matches sorted by name, with
 *   each patient's last visit and open course.
 */
GPtrArray *
glide_store_search_patients (GlideStore  *self,
                             const char  *query,
                             guint        limit,
                             GError     **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) uppers = g_ptr_array_new_with_free_func (g_free);
  GlideStmt *stmt;
  guint n_words, lead = 0, first_test = 0, param = 1;
  gint64 n_patients = 0, lead_matches = G_MAXINT64;
  const char *id = "q.id";
  const char *joiner = "WHERE";
  double walk_rows;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  words = glide_text_fold_words (query ? query : "");
  n_words = MIN (g_strv_length (words), MAX_SEARCH_WORDS);

  /* Two ways to the first @limit matches in name order: walk the patients in
   * that order (patients_list), testing each for every word, until @limit
   * match; or look up the patients of the rarest word, keep those with the
   * other words, and sort them. Each costs about one index probe per row
   * visited; the walk visits about @limit / (the share of patients matching
   * every word), the lookup one row per match of its word. The words' counts
   * (capped) and the highest patient id tell which visits fewer. */
  if (n_words > 0 && !glide_store_query_int64 (self, "SELECT max(id) FROM patients",
                                               &n_patients, error))
    return NULL;
  walk_rows = limit > 0 ? limit : n_patients;
  for (guint i = 0; i < n_words; i++)
    {
      gint64 n;

      g_ptr_array_add (uppers, prefix_upper_bound (words[i]));
      if (!count_word_matches (self, words[i], uppers->pdata[i], SEARCH_COUNT_CAP, &n, error))
        return NULL;
      /* A word no patient has: nothing can match. */
      if (n == 0)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) glide_patient_summary_free);
      walk_rows *= (double) n_patients / CLAMP (n, 1, MAX (n_patients, 1));
      if (n < lead_matches)
        {
          lead = i;
          lead_matches = n;
        }
    }
  walk_rows = MIN (walk_rows, n_patients);

  /* The statement's shape depends only on the number of words (0 to 4) and
   * on the way; the words themselves are bound parameters. The other words
   * are tested on each patient's own words (patient_words_patient), before
   * the patient's row is read. */
  g_string_append (sql, "SELECT hits.id, hits.chart, hits.family_name, hits.given_name,"
                        " hits.birth_date, ps.last_visit, ps.open_diagnosis FROM"
                        " (SELECT q.id, q.chart, q.family_name, q.given_name, q.birth_date,"
                        " q.sort_key FROM ");
  if (n_words > 0 && lead_matches < SEARCH_COUNT_CAP && lead_matches <= walk_rows)
    {
      /* CROSS JOIN keeps SQLite's planner to this order; the condition
       * goes in WHERE, as PostgreSQL allows no ON after CROSS JOIN. */
      g_string_append (sql, "(SELECT DISTINCT patient_id AS id FROM patient_words"
                            " WHERE word >= ?1 AND word < ?2) AS d"
                            " CROSS JOIN patients q WHERE q.id = d.id");
      joiner = "AND";
      param = 3;
      first_test = 1;
      id = "d.id";
    }
  else
    {
      g_string_append (sql, "patients q");
      lead = 0;
    }
  for (guint i = first_test; i < n_words; i++)
    {
      g_string_append_printf (sql, " %s EXISTS (SELECT 1 FROM patient_words w"
                                   " WHERE w.patient_id = %s AND w.word >= ?%u AND w.word < ?%u)",
                              joiner, id, param, param + 1);
      joiner = "AND";
      param += 2;
    }
  /* Walked in name order, the rows come from patients_list alone, which
   * holds every column read here (schema 8); each row's last visit and open
   * course is one probe of the summaries the schema's triggers keep. */
  g_string_append_printf (sql, " ORDER BY q.sort_key LIMIT ?%u) AS hits"
                               " LEFT JOIN patient_summaries ps ON ps.patient_id = hits.id"
                               " ORDER BY hits.sort_key", param);

  if (!(stmt = glide_store_prepare (self, sql->str, error)))
    return NULL;
  for (guint i = 0, bound = 1; i < n_words; i++)
    {
      /* The leading word first, the others in their order. */
      guint w = i == 0 ? lead : (i <= lead ? i - 1 : i);

      bind_text (stmt, bound++, words[w]);
      bind_text (stmt, bound++, uppers->pdata[w]);
    }
  /* No limit is the largest: SQLite's -1 is an error to PostgreSQL. */
  glide_stmt_bind_int64 (stmt, param, limit > 0 ? (gint64) limit : G_MAXINT64);

  return glide_store_collect (self, stmt, (gpointer) read_patient_summary,
                  (GDestroyNotify) glide_patient_summary_free, error);
}

/* ---- screening ------------------------------------------------------------- */

static GlideScreening *
read_screening (GlideStmt *stmt)
{
  GlideScreening *screening = g_new0 (GlideScreening, 1);

  screening->id = glide_stmt_column_int64 (stmt, 0);
  screening->patient_id = glide_stmt_column_int64 (stmt, 1);
  screening->condition = column_code (stmt, 2, GLIDE_CODE_LIST_CONDITION);
  screening->present = glide_stmt_column_int (stmt, 3);
  screening->recorded = glide_store_column_dup (stmt, 4);
  screening->recorded_by = glide_stmt_column_int64 (stmt, 5);
  screening->note = glide_store_column_dup (stmt, 6);
  return screening;
}

/* Records whether a condition is present, replacing an earlier record of the
 * same condition; the audit log keeps the history. */
gboolean
glide_store_set_screening (GlideStore      *self,
                           GlideScreening  *screening,
                           GError         **error)
{
  g_autoptr(GlidePatient) patient = NULL;
  g_autofree char *field = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *details = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;
  gint64 existing = 0;
  int rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_rules_validate_screening (screening, &field, &rule_error))
    return set_rule_error (error, "Screening", field, rule_error);

  if (!glide_store_begin (self, error))
    return FALSE;
  patient = glide_store_get_patient (self, screening->patient_id, error);
  ok = patient != NULL &&
       (stmt = glide_store_prepare (self, "SELECT id FROM screening WHERE patient_id = ?"
                                    " AND condition = ?", error)) != NULL;
  if (ok)
    {
      glide_stmt_bind_int64 (stmt, 1, screening->patient_id);
      bind_code (stmt, 2, GLIDE_CODE_LIST_CONDITION, screening->condition);
      rc = glide_stmt_step (stmt);
      if (rc == GLIDE_STMT_ROW)
        existing = glide_stmt_column_int64 (stmt, 0);
      glide_stmt_reset (stmt);
      if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
        ok = glide_store_set_db_error (self, error);
    }
  if (ok)
    ok = (stmt = glide_store_prepare (self, existing ?
                                      "UPDATE screening SET present = ?3, recorded = ?4,"
                                      " recorded_by = ?5, note = ?6 WHERE id = ?7" :
                                      "INSERT INTO screening (patient_id, condition, present,"
                                      " recorded, recorded_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                      " RETURNING id",
                                      error)) != NULL;
  if (ok)
    {
      if (!existing)
        {
          glide_stmt_bind_int64 (stmt, 1, screening->patient_id);
          bind_code (stmt, 2, GLIDE_CODE_LIST_CONDITION, screening->condition);
        }
      glide_stmt_bind_int64 (stmt, 3, screening->present);
      bind_text (stmt, 4, screening->recorded);
      bind_id (stmt, 5, screening->recorded_by);
      bind_text (stmt, 6, screening->note ? screening->note : "");
      if (existing)
        glide_stmt_bind_int64 (stmt, 7, existing);
      ok = write_row (self, stmt, existing ? NULL : &screening->id, N_("screening"), existing, NULL,
                      error);
    }
  if (ok)
    {
      if (existing)
        screening->id = existing;
      glide_store_seal_mark (self, "screening", screening->id);
      entity = g_strdup_printf ("screening %s",
                                glide_code_list_code (GLIDE_CODE_LIST_CONDITION,
                                                      screening->condition));
      details = g_strdup (screening->present ? "present" : "absent");
      ok = glide_store_append_audit (self, existing ? GLIDE_AUDIT_CHANGE : GLIDE_AUDIT_CREATE,
                                     patient->chart, entity, details, error);
    }
  return finish (self, ok, error);
}

GPtrArray *
glide_store_list_screening (GlideStore  *self,
                            gint64       patient_id,
                            GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, "SELECT id, patient_id, condition, present, recorded,"
                                    " recorded_by, note FROM screening WHERE patient_id = ?"
                                    " ORDER BY id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, patient_id);
  return glide_store_collect (self, stmt, (gpointer) read_screening, (GDestroyNotify) glide_screening_free,
                  error);
}

/* ---- courses --------------------------------------------------------------- */

static GlideCourse *
read_course (GlideStmt *stmt)
{
  GlideCourse *course = g_new0 (GlideCourse, 1);

  course->id = glide_stmt_column_int64 (stmt, 0);
  course->patient_id = glide_stmt_column_int64 (stmt, 1);
  course->diagnosis = glide_store_column_dup (stmt, 2);
  course->icd10 = glide_store_column_dup (stmt, 3);
  course->start_date = glide_store_column_dup (stmt, 4);
  course->end_date = glide_store_column_dup (stmt, 5);
  course->goals = glide_store_column_dup (stmt, 6);
  return course;
}

#define COURSE_COLUMNS \
  "SELECT id, patient_id, diagnosis, icd10, start_date, end_date, goals FROM courses "

static char *
chart_of_patient (GlideStore *self,
                  gint64      patient_id)
{
  g_autoptr(GlidePatient) patient = glide_store_get_patient (self, patient_id, NULL);

  return patient ? g_strdup (patient->chart) : NULL;
}

/* Session dates must stay inside the course: its dates cannot move past them. */
static gboolean
check_course_covers_sessions (GlideStore         *self,
                              const GlideCourse  *course,
                              GError            **error)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GlideStmt *stmt;
  int rc;

  if (!(stmt = glide_store_prepare (self, "SELECT min(substr(start, 1, 10)),"
                                    " max(substr(start, 1, 10)) FROM sessions WHERE course_id = ?",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, course->id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      first = glide_store_column_dup (stmt, 0);
      last = glide_store_column_dup (stmt, 1);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    return glide_store_set_db_error (self, error);

  if (first && course->start_date && strcmp (course->start_date, first) > 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("Course start_date: %s is after its first session (%s)"),
                   course->start_date, first);
      return FALSE;
    }
  if (last && course->end_date && strcmp (course->end_date, last) < 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("Course end_date: %s is before its latest session (%s)"),
                   course->end_date, last);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_course (GlideStore         *self,
              const GlideCourse  *course,
              gint64             *created_id,
              GError            **error)
{
  g_autoptr(GlidePatient) patient = NULL;
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *entity = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean create = created_id != NULL;

  if (!glide_rules_validate_course (course, &field, &rule_error))
    return set_rule_error (error, "Course", field, rule_error);
  if ((patient = glide_store_get_patient (self, course->patient_id, NULL)) == NULL)
    return set_not_found (error, N_("patient"), course->patient_id);
  if (!glide_rules_check_not_before_birth (patient->birth_date, course->start_date, &rule_error))
    return set_rule_error (error, "Course", "start_date", rule_error);
  chart = g_strdup (patient->chart);
  if (!create && (!check_version (self, "course", course->id, course->version, N_("course"), error) ||
                  !check_course_covers_sessions (self, course, error)))
    return FALSE;

  stmt = glide_store_prepare (self, create ?
                              "INSERT INTO courses (diagnosis, icd10, start_date, end_date, goals,"
                              " patient_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id" :
                              "UPDATE courses SET diagnosis = ?, icd10 = ?, start_date = ?,"
                              " end_date = ?, goals = ? WHERE patient_id = ? AND id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, course->diagnosis ? course->diagnosis : "");
  bind_text (stmt, 2, course->icd10);
  bind_text (stmt, 3, course->start_date);
  bind_text (stmt, 4, course->end_date);
  bind_text (stmt, 5, course->goals ? course->goals : "");
  glide_stmt_bind_int64 (stmt, 6, course->patient_id);
  if (!create)
    glide_stmt_bind_int64 (stmt, 7, course->id);
  if (!write_row (self, stmt, created_id, N_("course of this patient"), course->id, NULL, error))
    return FALSE;

  glide_store_seal_mark (self, "course", create ? *created_id : course->id);
  entity = g_strdup_printf ("course %" G_GINT64_FORMAT, create ? *created_id : course->id);
  return glide_store_append_audit (self, create ? GLIDE_AUDIT_CREATE : GLIDE_AUDIT_CHANGE, chart,
                                   entity, course->diagnosis, error);
}

gint64
glide_store_create_course (GlideStore   *self,
                           GlideCourse  *course,
                           GError      **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  g_return_val_if_fail (course->id == 0, 0);

  run_write (self, (WriteFunc) write_course, course, &course->id, error);
  return course->id;
}

gboolean
glide_store_update_course (GlideStore         *self,
                           const GlideCourse  *course,
                           GError            **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  return run_write (self, (WriteFunc) write_course, course, NULL, error);
}

GlideCourse *
glide_store_get_course (GlideStore  *self,
                        gint64       id,
                        GError     **error)
{
  g_autofree char *key = g_strdup_printf (_("with id %lld"), (long long) id);
  g_autoptr(GlideCourse) course = NULL;
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, COURSE_COLUMNS "WHERE id = ?", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, id);
  course = collect_one (self, stmt, (gpointer) read_course, (GDestroyNotify) glide_course_free,
                        N_("course"), key, error);
  if (course != NULL && !self->bulk &&
      !record_version (self, "course", id, &course->version, error))
    return NULL;
  return g_steal_pointer (&course);
}

/* Oldest first: course N of the reports counts from 1 in this order. */
GPtrArray *
glide_store_list_courses (GlideStore  *self,
                          gint64       patient_id,
                          GError     **error)
{
  GlideStmt *stmt;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self, COURSE_COLUMNS "WHERE patient_id = ?"
                                    " ORDER BY start_date IS NULL, start_date, id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, patient_id);
  return glide_store_collect (self, stmt, (gpointer) read_course, (GDestroyNotify) glide_course_free, error);
}

/* ---- sessions -------------------------------------------------------------- */

static GlideSession *
read_session (GlideStmt *stmt)
{
  GlideSession *session = glide_session_new (glide_stmt_column_int64 (stmt, 1),
                                             glide_stmt_column_text (stmt, 2),
                                             glide_stmt_column_int64 (stmt, 3));

  session->id = glide_stmt_column_int64 (stmt, 0);
  g_free (session->emollient);
  g_free (session->note);
  g_free (session->home_program);
  session->emollient = glide_store_column_dup (stmt, 4);
  session->note = glide_store_column_dup (stmt, 5);
  session->home_program = glide_store_column_dup (stmt, 6);
  session->contraindication_override = glide_store_column_dup (stmt, 7);
  session->signed_by = glide_stmt_column_int64 (stmt, 8);
  session->signed_at = glide_store_column_dup (stmt, 9);
  return session;
}

static GlideTreatment *
read_treatment (GlideStmt *stmt)
{
  GlideTreatment *treatment = g_new0 (GlideTreatment, 1);

  /* column 0 is the session id */
  treatment->site = column_code (stmt, 1, GLIDE_CODE_LIST_SITE);
  treatment->side = column_code (stmt, 2, GLIDE_CODE_LIST_SIDE);
  treatment->stroke = column_code (stmt, 3, GLIDE_CODE_LIST_STROKE);
  treatment->duration_s = glide_stmt_column_int64 (stmt, 4);
  treatment->edge = column_code (stmt, 5, GLIDE_CODE_LIST_EDGE);
  treatment->instrument_id = glide_stmt_column_int64 (stmt, 6);
  treatment->technique = column_code (stmt, 7, GLIDE_CODE_LIST_TECHNIQUE);
  treatment->pressure = column_code (stmt, 8, GLIDE_CODE_LIST_PRESSURE);
  treatment->redness = column_code (stmt, 9, GLIDE_CODE_LIST_REDNESS);
  treatment->petechiae = glide_stmt_column_int (stmt, 10);
  treatment->note = glide_store_column_dup (stmt, 11);
  return treatment;
}

static GlideMeasurement *
read_measurement (GlideStmt *stmt)
{
  return glide_measurement_new (column_code (stmt, 1, GLIDE_CODE_LIST_MEASURE),
                                column_code (stmt, 2, GLIDE_CODE_LIST_SIDE),
                                column_code (stmt, 3, GLIDE_CODE_LIST_TIMING),
                                glide_stmt_column_double (stmt, 4));
}

static GlideAddendum *
read_addendum (GlideStmt *stmt)
{
  GlideAddendum *addendum = glide_addendum_new (glide_stmt_column_int64 (stmt, 2),
                                                glide_stmt_column_text (stmt, 3),
                                                glide_stmt_column_text (stmt, 4));

  addendum->id = glide_stmt_column_int64 (stmt, 1);
  return addendum;
}

/* The queries that load sessions, either one session or all of a course. */
typedef struct
{
  const char *sessions;
  const char *treatments;
  const char *measures;
  const char *addenda;
} SessionQueries;

#define SESSION_SELECT \
  "SELECT s.id, s.course_id, s.start, s.therapist_id, s.emollient, s.note, s.home_program," \
  " s.contraindication_override, s.signed_by, s.signed_at FROM sessions s "
#define TREATMENT_SELECT \
  "SELECT t.session_id, t.site, t.side, t.stroke, t.duration_s, t.edge, t.instrument_id," \
  " t.technique, t.pressure, t.redness, t.petechiae, t.note FROM treatments t" \
  " JOIN sessions s ON s.id = t.session_id "
#define MEASURE_SELECT \
  "SELECT m.session_id, m.measure, m.side, m.timing, m.value FROM measures m" \
  " JOIN sessions s ON s.id = m.session_id "
#define ADDENDUM_SELECT \
  "SELECT a.session_id, a.id, a.therapist_id, a.at, a.text FROM addenda a" \
  " JOIN sessions s ON s.id = a.session_id "

static const SessionQueries session_by_id = {
  SESSION_SELECT "WHERE s.id = ?",
  TREATMENT_SELECT "WHERE s.id = ? ORDER BY t.position",
  MEASURE_SELECT "WHERE s.id = ? ORDER BY m.id",
  ADDENDUM_SELECT "WHERE s.id = ? ORDER BY a.at, a.id",
};

static const SessionQueries sessions_by_course = {
  SESSION_SELECT "WHERE s.course_id = ? ORDER BY s.start, s.id",
  TREATMENT_SELECT "WHERE s.course_id = ? ORDER BY t.session_id, t.position",
  MEASURE_SELECT "WHERE s.course_id = ? ORDER BY m.session_id, m.id",
  ADDENDUM_SELECT "WHERE s.course_id = ? ORDER BY a.session_id, a.at, a.id",
};

/**
 * glide_store_attach_rows:
 * @sql: a query of child rows whose first column is the session id, with
 *   one parameter, @key
 * @by_id: session id -> GlideSession
 * @attach: called with each row's session (rows of sessions not in
 *   @by_id are skipped)
 *
 * Reads the child rows of a set of sessions in one query.
 */
gboolean
glide_store_attach_rows (GlideStore  *self,
                         const char  *sql,
                         gint64       key,
                         GHashTable  *by_id,
                         void       (*attach) (GlideSession *session,
                                               GlideStmt    *stmt,
                                               gpointer      data),
                         gpointer     data,
                         GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, key);
  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    {
      gint64 session_id = glide_stmt_column_int64 (stmt, 0);
      GlideSession *session = g_hash_table_lookup (by_id, &session_id);

      if (session != NULL)
        attach (session, stmt, data);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

typedef struct
{
  gsize      array_offset;
  gpointer (*read) (GlideStmt *);
} ChildArray;

static void
append_child (GlideSession *session,
              GlideStmt    *stmt,
              gpointer      data)
{
  const ChildArray *child = data;

  g_ptr_array_add (G_STRUCT_MEMBER (GPtrArray *, session, child->array_offset),
                   child->read (stmt));
}

/* Reads child rows (first column: session id) into the sessions' arrays. */
static gboolean
attach_children (GlideStore   *self,
                 const char   *sql,
                 gint64        key,
                 GHashTable   *by_id,
                 gsize         array_offset,
                 gpointer    (*read) (GlideStmt *),
                 GError      **error)
{
  ChildArray child = { array_offset, read };

  return glide_store_attach_rows (self, sql, key, by_id, append_child, &child, error);
}

/* Four queries whatever the number of sessions: a 40-visit course loads in
 * well under the 10 ms a list view can spend. */
static GPtrArray *
load_sessions (GlideStore            *self,
               const SessionQueries  *queries,
               gint64                 key,
               GError               **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GlideStmt *stmt;

  if (!(stmt = glide_store_prepare (self, queries->sessions, error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, key);
  sessions = glide_store_collect (self, stmt, (gpointer) read_session, (GDestroyNotify) glide_session_free,
                      error);
  if (sessions == NULL)
    return NULL;
  if (sessions->len == 0)
    return g_steal_pointer (&sessions);

  for (guint i = 0; i < sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (sessions, i);

      g_hash_table_insert (by_id, &session->id, session);
    }

  if (!attach_children (self, queries->treatments, key, by_id,
                        G_STRUCT_OFFSET (GlideSession, treatments),
                        (gpointer) read_treatment, error) ||
      !attach_children (self, queries->measures, key, by_id,
                        G_STRUCT_OFFSET (GlideSession, measurements),
                        (gpointer) read_measurement, error) ||
      !attach_children (self, queries->addenda, key, by_id,
                        G_STRUCT_OFFSET (GlideSession, addenda),
                        (gpointer) read_addendum, error) ||
      !glide_store_attach_session_details (self, queries == &sessions_by_course, key, by_id,
                                           error))
    return NULL;

  return g_steal_pointer (&sessions);
}

GlideSession *
glide_store_get_session (GlideStore  *self,
                         gint64       id,
                         GError     **error)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  sessions = load_sessions (self, &session_by_id, id, error);
  if (sessions == NULL)
    return NULL;
  if (sessions->len == 0)
    {
      set_not_found (error, N_("session"), id);
      return NULL;
    }
  /* A version is for a form's later save; the importer's bulk transaction
   * reads sessions only to compare and sign them. */
  if (!self->bulk &&
      !record_version (self, "session", id,
                       &((GlideSession *) g_ptr_array_index (sessions, 0))->version, error))
    return NULL;
  return g_ptr_array_steal_index (sessions, 0);
}

/**
 * glide_store_list_sessions:
 *
 * Returns: (element-type GlideSession): the course's sessions in date order,
 *   each with its treatments, measures and addenda.
 */
GPtrArray *
glide_store_list_sessions (GlideStore  *self,
                           gint64       course_id,
                           GError     **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  return load_sessions (self, &sessions_by_course, course_id, error);
}

/* "session 41 of P-0003 (2026-09-01T09:30)", for messages about a session. */
static char *
describe_session (GlideStore         *self,
                  const GlideSession *session)
{
  g_autoptr(GlideCourse) course = glide_store_get_course (self, session->course_id, NULL);
  g_autofree char *chart = course ? chart_of_patient (self, course->patient_id) : NULL;

  return g_strdup_printf ("session %" G_GINT64_FORMAT " of %s (%s)", session->id,
                          chart ? chart : "?", session->start);
}

static gboolean
set_signed_error (GlideStore          *self,
                  const GlideSession  *session,
                  GError             **error)
{
  g_autofree char *what = describe_session (self, session);
  g_autoptr(GlideTherapist) signer = glide_store_get_therapist (self, session->signed_by, NULL);

  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED,
               _("The %s was signed by %s at %s and cannot be changed; add an addendum instead"),
               what, signer ? signer->name : "?", session->signed_at);
  return FALSE;
}

/* An INSERT of @n_rows rows of @n_columns values at once ("head VALUES
 * (?1, …), (…)"): one statement, and on a clinic server one round trip, for
 * a session's treated areas or its measures. Prepared once per row count. */
GlideStmt *
glide_store_prepare_rows (GlideStore  *self,
                          const char  *head,
                          guint        n_columns,
                          guint        n_rows,
                          GError     **error)
{
  g_autoptr(GString) sql = g_string_sized_new (strlen (head) + 8 + n_rows * n_columns * 6);

  /* Built for every call (the statement is then found by its text): without
   * printf, which was 8 % of an import's instructions. */
  g_string_append (sql, head);
  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r ? ", (" : "(");
      for (guint c = 0; c < n_columns; c++)
        {
          char digits[12];
          guint value = r * n_columns + c + 1, at = sizeof digits - 1;

          digits[at] = '\0';
          do
            digits[--at] = (char) ('0' + value % 10);
          while ((value /= 10) > 0);
          g_string_append (sql, c ? ", ?" : "?");
          g_string_append (sql, digits + at);
        }
      g_string_append_c (sql, ')');
    }
  return glide_store_prepare (self, sql->str, error);
}

/* Rows per INSERT: a session's areas or measures, or those held for a
 * course (glide_store_flush_held). */
#define ROWS_PER_INSERT 32

#define TREATMENT_INSERT "INSERT INTO treatments (session_id, position, site, side, stroke," \
  " duration_s, edge, instrument_id, technique, pressure, redness, petechiae, note)"
#define TREATMENT_VALUES 13
#define MEASURE_INSERT "INSERT INTO measures (session_id, measure, side, timing, value)"
#define MEASURE_VALUES 5
/* VALUES names its columns column1, column2, … in both SQLite and PostgreSQL;
 * SQLite has no column list after the alias, nor PostgreSQL's :: casts. */
#define SIGNATURE_UPDATE_HEAD "UPDATE sessions SET signed_by = v.column2, signed_at = v.column3" \
  " FROM (VALUES "
#define SIGNATURE_UPDATE_TAIL ") AS v WHERE sessions.id = v.column1 AND sessions.signed_at IS NULL"

typedef struct
{
  gint64          session_id;
  guint           position;
  GlideTreatment *treatment;
} HeldTreatment;

typedef struct
{
  gint64           session_id;
  GlideMeasurement measurement;
} HeldMeasure;

typedef struct
{
  gint64  session_id;
  gint64  therapist_id;
  char   *at;
} HeldSignature;

static void
held_treatment_free (HeldTreatment *held)
{
  glide_treatment_free (held->treatment);
  g_free (held);
}

static void
held_signature_free (HeldSignature *held)
{
  g_free (held->at);
  g_free (held);
}

/* Inside the importer's bulk transaction a session's treated areas and
 * measures and its signature are held, and a course's are written together,
 * a few statements for forty sessions. On a clinic server (where the rows
 * go ahead without waiting anyway) each statement cost the server the
 * reading of the tables' CHECKs and a start of the executor; in SQLite
 * each multi-row INSERT into a table with row triggers (treatments,
 * measures) first fills a temporary table, opened anew every time, and
 * each signature was an UPDATE of its own. Needs the sessions' ids taken
 * ahead (GlideDbBackend.next_ids), as held rows point at them. */
static gboolean
holds_rows (GlideStore *self)
{
  return self->bulk && self->backend->next_ids != NULL;
}

static gboolean
write_treatments (GlideStore     *self,
                  HeldTreatment **rows,
                  guint           n_rows,
                  GError        **error)
{
  for (guint first = 0; first < n_rows; first += ROWS_PER_INSERT)
    {
      guint n = MIN (ROWS_PER_INSERT, n_rows - first);
      GlideStmt *stmt = glide_store_prepare_rows (self, TREATMENT_INSERT, TREATMENT_VALUES, n,
                                                  error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < n; r++)
        {
          const HeldTreatment *row = rows[first + r];
          const GlideTreatment *t = row->treatment;
          int k = (int) (r * TREATMENT_VALUES);

          glide_stmt_bind_int64 (stmt, k + 1, row->session_id);
          glide_stmt_bind_int64 (stmt, k + 2, row->position);
          bind_code (stmt, k + 3, GLIDE_CODE_LIST_SITE, t->site);
          bind_code (stmt, k + 4, GLIDE_CODE_LIST_SIDE, t->side);
          bind_code (stmt, k + 5, GLIDE_CODE_LIST_STROKE, t->stroke);
          glide_stmt_bind_int64 (stmt, k + 6, t->duration_s);
          bind_code (stmt, k + 7, GLIDE_CODE_LIST_EDGE, t->edge);
          bind_id (stmt, k + 8, t->instrument_id);
          bind_code (stmt, k + 9, GLIDE_CODE_LIST_TECHNIQUE, t->technique);
          bind_code (stmt, k + 10, GLIDE_CODE_LIST_PRESSURE, t->pressure);
          bind_code (stmt, k + 11, GLIDE_CODE_LIST_REDNESS, t->redness);
          glide_stmt_bind_int64 (stmt, k + 12, t->petechiae);
          glide_stmt_bind_static_text (stmt, k + 13, t->note ? t->note : "");
        }
      if (!glide_store_step_later (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_measures (GlideStore         *self,
                const HeldMeasure  *rows,
                guint               n_rows,
                GError            **error)
{
  for (guint first = 0; first < n_rows; first += ROWS_PER_INSERT)
    {
      guint n = MIN (ROWS_PER_INSERT, n_rows - first);
      GlideStmt *stmt = glide_store_prepare_rows (self, MEASURE_INSERT, MEASURE_VALUES, n, error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < n; r++)
        {
          const HeldMeasure *row = &rows[first + r];
          int k = (int) (r * MEASURE_VALUES);

          glide_stmt_bind_int64 (stmt, k + 1, row->session_id);
          bind_code (stmt, k + 2, GLIDE_CODE_LIST_MEASURE, row->measurement.measure);
          bind_code (stmt, k + 3, GLIDE_CODE_LIST_SIDE, row->measurement.side);
          bind_code (stmt, k + 4, GLIDE_CODE_LIST_TIMING, row->measurement.timing);
          glide_stmt_bind_double (stmt, k + 5, row->measurement.value);
        }
      if (!glide_store_step_later (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Held signatures, many sessions per UPDATE … FROM VALUES. */
static gboolean
write_signatures (GlideStore      *self,
                  HeldSignature  **rows,
                  guint            n_rows,
                  GError         **error)
{
  for (guint first = 0; first < n_rows; first += ROWS_PER_INSERT)
    {
      guint n = MIN (ROWS_PER_INSERT, n_rows - first);
      g_autoptr(GString) sql = g_string_new (SIGNATURE_UPDATE_HEAD);
      GlideStmt *stmt;

      for (guint r = 0; r < n; r++)
        g_string_append_printf (sql, "%s(CAST (?%u AS bigint), CAST (?%u AS bigint),"
                                " CAST (?%u AS text))", r ? ", " : "",
                                3 * r + 1, 3 * r + 2, 3 * r + 3);
      g_string_append (sql, SIGNATURE_UPDATE_TAIL);
      if (!(stmt = glide_store_prepare (self, sql->str, error)))
        return FALSE;
      for (guint r = 0; r < n; r++)
        {
          const HeldSignature *row = rows[first + r];

          glide_stmt_bind_int64 (stmt, 3 * r + 1, row->session_id);
          glide_stmt_bind_int64 (stmt, 3 * r + 2, row->therapist_id);
          glide_stmt_bind_static_text (stmt, 3 * r + 3, row->at);
        }
      if (!glide_store_step_later (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_held_rows (GlideSessionContext *context)
{
  return (context->held_treatments && context->held_treatments->len) ||
         (context->held_measures && context->held_measures->len) ||
         (context->held_signatures && context->held_signatures->len);
}

/**
 * glide_store_flush_held:
 *
 * Writes the rows held (see holds_rows): treated areas and measures first,
 * then the signatures, which the server's triggers require in that order.
 * Every other statement runs after this (glide_store_prepare).
 */
gboolean
glide_store_flush_held (GlideStore  *self,
                        GError     **error)
{
  GlideSessionContext *context = &self->bulk_context;
  gboolean ok;

  if (context->flushing || !has_held_rows (context))
    return TRUE;
  context->flushing = TRUE;
  ok = (context->held_treatments == NULL ||
        write_treatments (self, (HeldTreatment **) context->held_treatments->pdata,
                          context->held_treatments->len, error)) &&
       (context->held_measures == NULL ||
        write_measures (self, (HeldMeasure *) (gpointer) context->held_measures->data,
                        context->held_measures->len, error)) &&
       (context->held_signatures == NULL ||
        write_signatures (self, (HeldSignature **) context->held_signatures->pdata,
                          context->held_signatures->len, error));
  context->flushing = FALSE;
  if (context->held_treatments)
    g_ptr_array_set_size (context->held_treatments, 0);
  if (context->held_measures)
    g_array_set_size (context->held_measures, 0);
  if (context->held_signatures)
    g_ptr_array_set_size (context->held_signatures, 0);
  return ok;
}

static gboolean
insert_session_children (GlideStore          *self,
                         const GlideSession  *session,
                         GError             **error)
{
  GlideSessionContext *context = &self->bulk_context;
  g_autoptr(GPtrArray) treatments = NULL;
  g_autoptr(GArray) measures = NULL;

  if (holds_rows (self))
    {
      if (context->held_treatments == NULL)
        {
          context->held_treatments =
            g_ptr_array_new_with_free_func ((GDestroyNotify) held_treatment_free);
          context->held_measures = g_array_new (FALSE, FALSE, sizeof (HeldMeasure));
        }
      treatments = g_ptr_array_ref (context->held_treatments);
      measures = g_array_ref (context->held_measures);
    }
  else
    {
      treatments = g_ptr_array_new_with_free_func (g_free);
      measures = g_array_new (FALSE, FALSE, sizeof (HeldMeasure));
    }

  for (guint i = 0; i < session->treatments->len; i++)
    {
      HeldTreatment *row = g_new0 (HeldTreatment, 1);
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);

      row->session_id = session->id;
      row->position = i;
      /* Held past the caller's session: a copy; written now: borrowed. */
      row->treatment = holds_rows (self) ? glide_treatment_copy (t) : (GlideTreatment *) t;
      g_ptr_array_add (treatments, row);
    }
  for (guint i = 0; i < session->measurements->len; i++)
    {
      HeldMeasure row = { session->id, *(const GlideMeasurement *) g_ptr_array_index (session->measurements, i) };

      g_array_append_val (measures, row);
    }
  /* Schema 7's rows of the visit (most visits have none). */
  if ((glide_session_has_details (session) || session->billing->len > 0 ||
       session->exercises->len > 0) && !glide_store_write_session_details (self, session, error))
    return FALSE;
  /* A course of a thousand visits is written in parts. */
  if (holds_rows (self))
    return treatments->len < 1024 || glide_store_flush_held (self, error);
  return write_treatments (self, (HeldTreatment **) treatments->pdata, treatments->len, error) &&
         write_measures (self, (HeldMeasure *) (gpointer) measures->data, measures->len, error);
}

static gboolean
delete_session_children (GlideStore  *self,
                         gint64       session_id,
                         GError     **error)
{
  const char *statements[] = {
    "DELETE FROM treatments WHERE session_id = ?",
    "DELETE FROM measures WHERE session_id = ?",
    "DELETE FROM session_details WHERE session_id = ?",
    "DELETE FROM session_billing WHERE session_id = ?",
    "DELETE FROM exercises WHERE session_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      GlideStmt *stmt = glide_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, session_id);
      if (!glide_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
session_context_clear (GlideSessionContext *context)
{
  g_clear_pointer (&context->course, glide_course_free);
  g_clear_pointer (&context->patient, glide_patient_free);
  g_clear_pointer (&context->screening, g_ptr_array_unref);
  g_clear_pointer (&context->signers, g_hash_table_unref);
  g_clear_pointer (&context->session_ids, g_array_unref);
  g_clear_pointer (&context->held_treatments, g_ptr_array_unref);
  g_clear_pointer (&context->held_measures, g_array_unref);
  g_clear_pointer (&context->held_signatures, g_ptr_array_unref);
  g_clear_pointer (&context->draft_start, g_free);
  g_clear_pointer (&context->draft_chart, g_free);
  context->draft_id = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlideSessionContext, session_context_clear)

/* Forgets what a write of a record of kind @written ("course", "therapist"…;
 * NULL: every kind) may have changed of the bulk context. */
void
glide_store_forget_context (GlideStore *self,
                            const char *written)
{
  GlideSessionContext *context = &self->bulk_context;

  if (written == NULL)
    {
      session_context_clear (context);
      return;
    }
  if (g_str_equal (written, "therapist"))
    {
      g_clear_pointer (&context->signers, g_hash_table_unref);
      return;
    }
  if (g_str_equal (written, "session"))
    {
      context->draft_id = 0;
      g_clear_pointer (&context->draft_start, g_free);
      g_clear_pointer (&context->draft_chart, g_free);
    }
  if (g_str_equal (written, "session") || g_str_equal (written, "addendum"))
    return;
  g_clear_pointer (&context->course, glide_course_free);
  g_clear_pointer (&context->patient, glide_patient_free);
  g_clear_pointer (&context->screening, g_ptr_array_unref);
}

/* The therapist signing: read, or inside a bulk transaction kept from the
 * last signature by them (GlideSessionContext). @owned holds what is not kept. */
static const GlideTherapist *
session_signer (GlideStore      *self,
                gint64           therapist_id,
                GlideTherapist **owned,
                GError         **error)
{
  GlideSessionContext *context = &self->bulk_context;
  GlideTherapist *signer;

  if (self->bulk && context->signers != NULL &&
      (signer = g_hash_table_lookup (context->signers, &therapist_id)) != NULL)
    return signer;
  if ((signer = glide_store_get_therapist (self, therapist_id, error)) == NULL)
    return NULL;
  if (!self->bulk)
    return *owned = signer;
  if (context->signers == NULL)
    context->signers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) glide_therapist_free);
  g_hash_table_insert (context->signers, &signer->id, signer);
  return signer;
}

/* A session's course, patient and screening: read, or inside a bulk
 * transaction kept from the course's previous session (GlideSessionContext). */
static const GlideSessionContext *
session_context (GlideStore           *self,
                 gint64                course_id,
                 GlideSessionContext  *local,
                 GError              **error)
{
  GlideSessionContext *context = self->bulk ? &self->bulk_context : local;

  if (self->bulk && context->course != NULL && context->course->id == course_id)
    return context;
  /* Kept or not, a context is whole or empty. */
  if (self->bulk)
    glide_store_forget_context (self, "course");
  if ((context->course = glide_store_get_course (self, course_id, error)) == NULL ||
      (context->patient = glide_store_get_patient (self, context->course->patient_id,
                                                   error)) == NULL ||
      (context->screening = glide_store_list_screening (self, context->patient->id,
                                                        error)) == NULL)
    {
      if (self->bulk)
        glide_store_forget_context (self, "course");
      return NULL;
    }
  return context;
}

/* Ids taken ahead per round trip. */
#define IDS_AHEAD 64

/* A new session's id taken ahead, in a bulk transaction on a back-end that
 * can (GlideDbBackend.next_ids); 0 otherwise, and the INSERT returns it. */
static gboolean
session_id_ahead (GlideStore  *self,
                  gint64      *id,
                  GError     **error)
{
  GlideSessionContext *context = &self->bulk_context;
  GlideStmt *stmt;
  GlideStmtResult rc;

  *id = 0;
  if (!self->bulk || self->backend->next_ids == NULL)
    return TRUE;
  if (context->session_ids == NULL)
    context->session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (context->session_ids->len == 0)
    {
      if (!(stmt = glide_store_prepare (self, self->backend->next_ids, error)))
        return FALSE;
      glide_stmt_bind_text (stmt, 1, "sessions");
      glide_stmt_bind_int64 (stmt, 2, IDS_AHEAD);
      /* Handed out from the end: stored in reverse. */
      while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
        {
          gint64 next = glide_stmt_column_int64 (stmt, 0);

          g_array_prepend_val (context->session_ids, next);
        }
      glide_stmt_reset (stmt);
      if (rc != GLIDE_STMT_DONE || context->session_ids->len == 0)
        return glide_store_set_db_error (self, error);
    }
  *id = g_array_index (context->session_ids, gint64, context->session_ids->len - 1);
  g_array_set_size (context->session_ids, context->session_ids->len - 1);
  return TRUE;
}

/* Validates a session against its course and the patient's screening. */
static gboolean
validate_session (GlideStore          *self,
                  const GlideSession  *session,
                  char               **chart,
                  GError             **error)
{
  g_auto(GlideSessionContext) local = { 0 };
  const GlideSessionContext *context;
  g_autofree char *field = NULL;
  GError *rule_error = NULL;

  if (!(context = session_context (self, session->course_id, &local, error)))
    return FALSE;
  if (!glide_rules_validate_session (session, context->course, context->screening, &field,
                                     &rule_error))
    return set_rule_error (error, "Session", field, rule_error);
  if (!glide_rules_check_not_before_birth (context->patient->birth_date, session->start,
                                           &rule_error))
    return set_rule_error (error, "Session", "start", rule_error);

  *chart = g_strdup (context->patient->chart);
  return TRUE;
}

static char *
describe_contents (const GlideSession *session)
{
  return g_strdup_printf ("start %s, %u treatments, %u measures", session->start,
                          session->treatments->len, session->measurements->len);
}

/**
 * glide_store_save_draft_session:
 * @session: a draft; id 0 creates it, otherwise its stored draft is replaced
 *
 * Stores the session with all its treatments and measures in one transaction.
 * Signed sessions are refused; sign with glide_store_sign_session().
 *
 * Returns: the session's id, or 0 on error
 */
gint64
glide_store_save_draft_session (GlideStore    *self,
                                GlideSession  *session,
                                GError       **error)
{
  g_autofree char *chart = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *details = NULL;
  GlideStmt *stmt;
  gboolean create = session->id == 0;
  gint64 id_ahead = 0;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);

  if (session->signed_at != NULL || session->signed_by != 0)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("Only drafts are saved this way; sign with glide_store_sign_session()"));
      return 0;
    }

  /* The same draft saved again after a COMMIT whose reply was lost, which
   * did land: it continues from what landed rather than creating the
   * session twice or being refused as stale over its own save. */
  if (self->unsure_landed && self->unsure_session_id != 0 &&
      (create ? self->unsure_version == 0 && session->course_id == self->unsure_course_id
              : session->id == self->unsure_session_id &&
                session->version == self->unsure_version))
    {
      session->id = self->unsure_session_id;
      session->version = self->unsure_audit_id;
      create = FALSE;
      glide_store_forget_unsure_save (self);
    }

  if (!glide_store_begin (self, error))
    return 0;

  ok = validate_session (self, session, &chart, error);
  if (ok && !create)
    {
      g_autoptr(GlideSession) stored = glide_store_get_session (self, session->id, error);

      if (stored == NULL)
        ok = FALSE;
      else if (glide_session_is_signed (stored))
        ok = set_signed_error (self, stored, error);
      else if (!check_version (self, "session", session->id, session->version, N_("session"), error))
        ok = FALSE;
      else if (stored->course_id != session->course_id)
        {
          g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                               _("A session cannot move to another course"));
          ok = FALSE;
        }
    }

  if (ok && create)
    ok = session_id_ahead (self, &id_ahead, error);
  if (ok)
    ok = (stmt = glide_store_prepare (self, id_ahead != 0 ? SESSION_INSERT_AHEAD :
                                      create ?
                                      "INSERT INTO sessions (course_id, start, therapist_id,"
                                      " emollient, note, home_program, contraindication_override)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id" :
                                      "UPDATE sessions SET course_id = ?, start = ?,"
                                      " therapist_id = ?, emollient = ?, note = ?,"
                                      " home_program = ?, contraindication_override = ?"
                                      " WHERE id = ?", error)) != NULL;
  if (ok)
    {
      glide_stmt_bind_int64 (stmt, 1, session->course_id);
      /* The session outlives the statement's run. */
      glide_stmt_bind_static_text (stmt, 2, session->start);
      glide_stmt_bind_int64 (stmt, 3, session->therapist_id);
      glide_stmt_bind_static_text (stmt, 4, session->emollient ? session->emollient : "");
      glide_stmt_bind_static_text (stmt, 5, session->note ? session->note : "");
      glide_stmt_bind_static_text (stmt, 6, session->home_program ? session->home_program : "");
      glide_stmt_bind_static_text (stmt, 7, session->contraindication_override);
      if (!create || id_ahead != 0)
        glide_stmt_bind_int64 (stmt, 8, create ? id_ahead : session->id);
      if (id_ahead != 0)
        {
          session->id = id_ahead;
          ok = glide_store_step_later (self, stmt, error);
        }
      else
        ok = write_row (self, stmt, create ? &session->id : NULL, N_("session"), session->id, NULL,
                        error);
    }
  if (ok)
    ok = (create || delete_session_children (self, session->id, error)) &&
         insert_session_children (self, session, error);
  if (ok)
    {
      glide_store_seal_mark (self, "session", session->id);
      entity = g_strdup_printf ("session %" G_GINT64_FORMAT, session->id);
      details = describe_contents (session);
      ok = glide_store_append_audit (self, create ? GLIDE_AUDIT_CREATE : GLIDE_AUDIT_CHANGE,
                                     chart, entity, details, error);
    }
  /* Signing it next, in the same bulk transaction, needs no read. */
  if (ok && create && self->bulk)
    {
      self->bulk_context.draft_id = session->id;
      g_free (self->bulk_context.draft_start);
      self->bulk_context.draft_start = g_strdup (session->start);
      g_free (self->bulk_context.draft_chart);
      self->bulk_context.draft_chart = g_strdup (chart);
    }

  if (!finish (self, ok, error))
    {
      /* Which draft a COMMIT of unknown outcome was for (see glide_store_reconnect). */
      if (self->unsure_audit_id != 0 && self->unsure_session_id == 0)
        {
          self->unsure_session_id = session->id;
          self->unsure_course_id = session->course_id;
          self->unsure_version = create ? 0 : session->version;
        }
      if (create)
        session->id = 0;
      return 0;
    }
  return session->id;
}

/* Loads a session for a change, refusing signed ones unless want_signed. */
static GlideSession *
load_for_change (GlideStore  *self,
                 gint64       session_id,
                 gboolean     want_signed,
                 GError     **error)
{
  g_autoptr(GlideSession) session = glide_store_get_session (self, session_id, error);

  if (session == NULL)
    return NULL;
  if (!want_signed && glide_session_is_signed (session))
    {
      set_signed_error (self, session, error);
      return NULL;
    }
  if (want_signed && !glide_session_is_signed (session))
    {
      g_autofree char *what = describe_session (self, session);

      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                   _("The %s is a draft; addenda are for signed sessions (edit the draft instead)"),
                   what);
      return NULL;
    }
  return g_steal_pointer (&session);
}

gboolean
glide_store_delete_draft_session (GlideStore  *self,
                                  gint64       session_id,
                                  GError     **error)
{
  g_autoptr(GlideSession) session = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *details = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_store_begin (self, error))
    return FALSE;
  session = load_for_change (self, session_id, FALSE, error);
  ok = session != NULL && delete_session_children (self, session_id, error) &&
       (stmt = glide_store_prepare (self, "DELETE FROM sessions WHERE id = ?", error)) != NULL;
  if (ok)
    {
      g_autoptr(GlideCourse) course = glide_store_get_course (self, session->course_id, NULL);

      glide_stmt_bind_int64 (stmt, 1, session_id);
      ok = glide_store_step_done (self, stmt, error);
      chart = course ? chart_of_patient (self, course->patient_id) : NULL;
    }
  if (ok)
    {
      glide_store_seal_mark (self, "session", session_id);
      entity = g_strdup_printf ("session %" G_GINT64_FORMAT, session_id);
      details = describe_contents (session);
      ok = glide_store_append_audit (self, GLIDE_AUDIT_DELETE, chart, entity, details, error);
    }
  return finish (self, ok, error);
}

/* What signing needs to know of a stored session, in one query. */
typedef struct
{
  char   *start;
  char   *signed_at;
  gint64  signed_by;
  char   *chart;
} SessionHead;

static void
session_head_clear (SessionHead *head)
{
  g_clear_pointer (&head->start, g_free);
  g_clear_pointer (&head->signed_at, g_free);
  g_clear_pointer (&head->chart, g_free);
}

static gboolean
read_session_head (GlideStore   *self,
                   gint64        session_id,
                   SessionHead  *head,
                   GError      **error)
{
  GlideStmt *stmt;
  int rc;

  if (!(stmt = glide_store_prepare (self, "SELECT s.start, s.signed_at, s.signed_by, p.chart"
                                    " FROM sessions s JOIN courses c ON c.id = s.course_id"
                                    " JOIN patients p ON p.id = c.patient_id WHERE s.id = ?",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, session_id);
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      head->start = glide_store_column_dup (stmt, 0);
      head->signed_at = glide_store_column_dup (stmt, 1);
      head->signed_by = glide_stmt_column_int64 (stmt, 2);
      head->chart = glide_store_column_dup (stmt, 3);
    }
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_DONE)
    return set_not_found (error, N_("session"), session_id);
  if (rc != GLIDE_STMT_ROW)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/**
 * glide_store_sign_session:
 * @at: (nullable): when it was signed; %NULL for now
 *
 * Signs a draft. From then on the session, its treatments and measures can
 * never change; corrections are addenda. The draft's contents were checked
 * when it was saved; signing checks the signature.
 */
gboolean
glide_store_sign_session (GlideStore  *self,
                          gint64       session_id,
                          gint64       therapist_id,
                          const char  *at,
                          GError     **error)
{
  g_autoptr(GlideTherapist) owned = NULL;
  const GlideTherapist *signer = NULL;
  g_autofree char *now = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *field = NULL;
  SessionHead head = { 0 };
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (at == NULL)
    at = now = glide_datetime_now ();

  if (!glide_store_begin (self, error))
    return FALSE;
  /* The draft just created in this bulk transaction: what it holds is known. */
  if (self->bulk && session_id == self->bulk_context.draft_id)
    {
      head.start = g_strdup (self->bulk_context.draft_start);
      head.chart = g_strdup (self->bulk_context.draft_chart);
      ok = TRUE;
    }
  else
    ok = read_session_head (self, session_id, &head, error);
  if (ok && head.signed_at != NULL)
    {
      g_autoptr(GlideSession) stored = glide_store_get_session (self, session_id, error);

      ok = stored != NULL && set_signed_error (self, stored, error);
    }
  /* The server's own refusal (glide_check_signer), said here first: in a
   * bulk transaction the signature is sent ahead, and its refusal would
   * come back with a later call. */
  if (ok && self->role == GLIDE_STORE_ROLE_THERAPIST && therapist_id != self->actor_id)
    {
      g_autofree char *why = g_strdup_printf ("glide: %s can sign only as their own therapist",
                                              self->login);

      glide_store_set_failure (self, GLIDE_DB_FAILURE_PERMISSION, why);
      ok = glide_store_set_db_error (self, error);
    }
  if (ok)
    ok = (signer = session_signer (self, therapist_id, &owned, error)) != NULL;
  if (ok && !glide_rules_validate_signature (head.start, therapist_id, at, &field, &rule_error))
    ok = set_rule_error (error, "Session", field, rule_error);
  if (ok && holds_rows (self))
    {
      GlideSessionContext *context = &self->bulk_context;
      HeldSignature *held = g_new0 (HeldSignature, 1);

      held->session_id = session_id;
      held->therapist_id = therapist_id;
      held->at = g_strdup (at);
      if (context->held_signatures == NULL)
        context->held_signatures =
          g_ptr_array_new_with_free_func ((GDestroyNotify) held_signature_free);
      g_ptr_array_add (context->held_signatures, held);
      stmt = NULL;
    }
  else if (ok)
    ok = (stmt = glide_store_prepare (self, "UPDATE sessions SET signed_by = ?, signed_at = ?"
                                      " WHERE id = ? AND signed_at IS NULL", error)) != NULL;
  if (ok && stmt != NULL)
    {
      glide_stmt_bind_int64 (stmt, 1, therapist_id);
      bind_text (stmt, 2, at);
      glide_stmt_bind_int64 (stmt, 3, session_id);
      ok = glide_store_step_later (self, stmt, error);
    }
  if (ok)
    {
      /* The seal: the session's whole content as signed. */
      glide_store_seal_mark (self, "session", session_id);
      entity = g_strdup_printf ("session %" G_GINT64_FORMAT, session_id);
      ok = glide_store_append_audit (self, GLIDE_AUDIT_SIGN, head.chart, entity, signer->name,
                                     error);
    }
  session_head_clear (&head);
  return finish (self, ok, error);
}

/**
 * glide_store_add_addendum:
 * @addendum: its at may be %NULL for now
 *
 * Appends a dated, authored correction to a signed session.
 *
 * Returns: the addendum's id, or 0 on error
 */
gint64
glide_store_add_addendum (GlideStore     *self,
                          gint64          session_id,
                          GlideAddendum  *addendum,
                          GError        **error)
{
  g_autoptr(GlideSession) session = NULL;
  g_autofree char *field = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *entity = NULL;
  GError *rule_error = NULL;
  GlideStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);

  if (addendum->at == NULL)
    addendum->at = glide_datetime_now ();

  if (!glide_store_begin (self, error))
    return 0;
  session = load_for_change (self, session_id, TRUE, error);
  ok = session != NULL;
  if (ok && !glide_rules_validate_addendum (addendum, session->signed_at, &field, &rule_error))
    ok = set_rule_error (error, "Addendum", field, rule_error);
  if (ok)
    {
      g_autoptr(GlideCourse) course = glide_store_get_course (self, session->course_id, error);

      chart = course ? chart_of_patient (self, course->patient_id) : NULL;
      ok = course != NULL &&
           (stmt = glide_store_prepare (self, "INSERT INTO addenda (session_id, therapist_id, at,"
                                        " text) VALUES (?, ?, ?, ?) RETURNING id", error)) != NULL;
    }
  if (ok)
    {
      glide_stmt_bind_int64 (stmt, 1, session_id);
      glide_stmt_bind_int64 (stmt, 2, addendum->therapist_id);
      bind_text (stmt, 3, addendum->at);
      bind_text (stmt, 4, addendum->text);
      ok = write_row (self, stmt, &addendum->id, N_("addendum"), 0, NULL, error);
    }
  if (ok)
    {
      glide_store_seal_mark (self, "addendum", addendum->id);
      entity = g_strdup_printf ("session %" G_GINT64_FORMAT, session_id);
      ok = glide_store_append_audit (self, GLIDE_AUDIT_ADDENDUM, chart, entity, addendum->at,
                                     error);
    }
  if (!finish (self, ok, error))
    {
      addendum->id = 0;
      return 0;
    }
  return addendum->id;
}

/* ---- trends ---------------------------------------------------------------- */

void
glide_series_free (GlideSeries *series)
{
  if (series == NULL)
    return;
  g_array_unref (series->points);
  g_free (series);
}

static void
clear_series_point (gpointer data)
{
  g_free (((GlideSeriesPoint *) data)->date);
}

static GlideSeries *
find_series (GPtrArray    *all,
             GlideMeasure  measure,
             GlideSide     side)
{
  GlideSeries *series;

  for (guint i = 0; i < all->len; i++)
    {
      series = g_ptr_array_index (all, i);
      if (series->measure == measure && series->side == side)
        return series;
    }

  series = g_new0 (GlideSeries, 1);
  series->measure = measure;
  series->side = side;
  series->points = g_array_new (FALSE, TRUE, sizeof (GlideSeriesPoint));
  /* A point removed (a report leaving drafts out) frees its date too. */
  g_array_set_clear_func (series->points, clear_series_point);
  g_ptr_array_add (all, series);
  return series;
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const GlideSeries *sa = *(const GlideSeries **) a;
  const GlideSeries *sb = *(const GlideSeries **) b;

  if (sa->measure != sb->measure)
    return sa->measure < sb->measure ? -1 : 1;
  return sa->side - sb->side;
}

/**
 * glide_store_get_course_series:
 *
 * Returns: (element-type GlideSeries): one series per measure and side
 *   recorded in the course, pain first, each with one point per session
 *   that measured it (pre and post values, NAN where not taken).
 */
GPtrArray *
glide_store_get_course_series (GlideStore  *self,
                               gint64       course_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_series_free);
  GlideStmt *stmt;
  int rc;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  if (!(stmt = glide_store_prepare (self,
                                    "SELECT s.id, substr(s.start, 1, 10), s.therapist_id,"
                                    " m.measure, m.side, m.timing, m.value"
                                    " FROM sessions s JOIN measures m ON m.session_id = s.id"
                                    " WHERE s.course_id = ? ORDER BY s.start, s.id", error)))
    return NULL;
  glide_stmt_bind_int64 (stmt, 1, course_id);

  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    {
      gint64 session_id = glide_stmt_column_int64 (stmt, 0);
      GlideSeries *series = find_series (all, column_code (stmt, 3, GLIDE_CODE_LIST_MEASURE),
                                         column_code (stmt, 4, GLIDE_CODE_LIST_SIDE));
      GlideSeriesPoint *point = NULL;
      double value = glide_stmt_column_double (stmt, 6);

      if (series->points->len > 0)
        {
          point = &g_array_index (series->points, GlideSeriesPoint, series->points->len - 1);
          if (point->session_id != session_id)
            point = NULL;
        }
      if (point == NULL)
        {
          GlideSeriesPoint fresh = {
            .date = glide_store_column_dup (stmt, 1),
            .session_id = session_id,
            .therapist_id = glide_stmt_column_int64 (stmt, 2),
            .pre = NAN,
            .post = NAN,
          };

          g_array_append_val (series->points, fresh);
          point = &g_array_index (series->points, GlideSeriesPoint, series->points->len - 1);
        }
      if (column_code (stmt, 5, GLIDE_CODE_LIST_TIMING) == GLIDE_TIMING_PRE)
        point->pre = value;
      else
        point->post = value;
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }

  g_ptr_array_sort (all, compare_series);
  return g_steal_pointer (&all);
}

/* ---- integrity ------------------------------------------------------------- */

static GlideCheckItem *
check_item_new (const char *name)
{
  GlideCheckItem *item = g_new0 (GlideCheckItem, 1);

  item->name = g_strdup (name);
  return item;
}

/* The patient list's summaries (schema 8) against the records they are
 * made from: a trigger dropped or a row written by hand shows here. Derived
 * rows, so a difference misleads the list but changes no record. */
#define LIST_DIFFERENCES_SHOWN 5
static gboolean
check_patient_list (GlideStore      *self,
                    GlideCheckItem  *item,
                    GError         **error)
{
  g_autoptr(GString) charts = g_string_new (NULL);
  GlideStmt *stmt;
  guint n = 0;
  int rc;

  if (!(stmt = glide_store_prepare (self, "SELECT p.chart FROM patients p"
                                    " LEFT JOIN patient_summaries ps ON ps.patient_id = p.id"
                                    " WHERE ps.patient_id IS NULL"
                                    " OR ps.last_visit IS DISTINCT FROM "
                                    GLIDE_SUMMARY_LAST_VISIT ("p.id")
                                    " OR ps.open_diagnosis IS DISTINCT FROM "
                                    GLIDE_SUMMARY_OPEN_DIAGNOSIS ("p.id")
                                    " ORDER BY p.chart", error)))
    return FALSE;
  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    if (n++ < LIST_DIFFERENCES_SHOWN)
      g_string_append_printf (charts, "%s%s", charts->len > 0 ? ", " : "",
                              glide_stmt_column_text (stmt, 0));
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);

  item->ok = n == 0;
  if (item->ok)
    item->message = g_strdup ("each patient's last visit and open course match the records");
  else
    item->message = g_strdup_printf ("the last visit or open course the patient list shows differs "
                                     "from the records for %u %s (%s%s); the records "
                                     "themselves are not affected", n,
                                     n == 1 ? "patient" : "patients", charts->str,
                                     n > LIST_DIFFERENCES_SHOWN ? ", …" : "");
  return TRUE;
}

#define AUDIT_HEAD_SQL "SELECT last_id FROM audit_head"

/* The check's thread, on a connection of its own: integrity_check (every
 * page and index: the slowest part), foreign_key_check, then record digests
 * shared with the store's connection. Every change to the record appends to
 * the audit log in its transaction, so the same audit head in both read
 * transactions means both saw the same record. */
typedef struct
{
  char            *path;
  GlideDigestPlan *plan;
  GlideCheckItem  *integrity;
  GlideCheckItem  *foreign_keys;
  gint64           head;          /* audit_head.last_id in this thread's snapshot */
  GError          *error;
} CheckJob;

static gpointer
run_check_thread (gpointer data)
{
  CheckJob *job = data;
  g_autoptr(GlideStore) reader = glide_store_open_reader (job->path, &job->error);
  gint64 start = g_get_monotonic_time ();

  if (reader == NULL)
    return NULL;
  if (!glide_store_sqlite_check_pages (reader, job->integrity, job->foreign_keys, &job->error))
    return NULL;
  g_debug ("integrity_check and foreign_key_check: %.0f ms",
           (g_get_monotonic_time () - start) / 1000.0);

  if (glide_store_exec (reader, reader->backend->begin_read, &job->error))
    {
      if (glide_store_query_int64 (reader, AUDIT_HEAD_SQL, &job->head, &job->error))
        glide_digest_plan_work (job->plan, reader, TRUE, &job->error);
      glide_store_exec (reader, "ROLLBACK", NULL);
    }
  g_debug ("check thread: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  return NULL;
}

/**
 * glide_store_check:
 *
 * Verifies everything the record's integrity rests on: SQLite's own
 * integrity and foreign keys, the schema (every table, index and protective
 * trigger exactly as Glide creates it), the audit log's hash chain with the
 * record digests each entry carries, every record against its latest
 * audited digest (signed sessions and addenda against their seals), the
 * patient list's summaries against the records they come from, and the
 * chain's end against the anchor kept outside the database.
 *
 * Returns: (element-type GlideCheckItem): one item per check; %NULL only when
 *   the checks could not run
 */
GPtrArray *
glide_store_check (GlideStore  *self,
                   GError     **error)
{
  g_autoptr(GPtrArray) items =
    g_ptr_array_new_with_free_func ((GDestroyNotify) glide_check_item_free);
  g_autoptr(GlideSealCheck) seals = glide_seal_check_new ();
  g_autoptr(GlideDigestPlan) plan = NULL;
  GlideCheckItem *item, *audit;
  CheckJob job = { NULL, NULL, NULL, NULL, -1, NULL };
  gint64 start = g_get_monotonic_time (), head = -1;
  GThread *thread = NULL;
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  g_return_val_if_fail (self->depth == 0, NULL);

  g_ptr_array_add (items, job.integrity = check_item_new ("Integrity"));
  g_ptr_array_add (items, job.foreign_keys = check_item_new ("Foreign keys"));

  /* One read transaction: every check here sees the same snapshot. */
  ok = glide_store_exec (self, self->backend->begin_read, error) &&
       glide_store_query_int64 (self, AUDIT_HEAD_SQL, &head, error) &&
       (plan = glide_digest_plan_new (self, error)) != NULL;
  if (ok && self->pg != NULL)
    {
      /* The server keeps its own pages and always enforces foreign keys;
       * the record's digests are all computed on this connection's snapshot. */
      job.integrity->ok = job.foreign_keys->ok = TRUE;
      job.integrity->message = g_strdup ("ok (kept by the PostgreSQL server)");
      job.foreign_keys->message = g_strdup ("ok (enforced by the PostgreSQL server)");
      job.head = head;
      ok = glide_digest_plan_work (plan, self, TRUE, error);
      g_ptr_array_add (items, item = check_item_new ("Schema and triggers"));
      ok = ok && glide_store_pg_check_schema (self, item, error);
    }
  else if (ok)
    {
      job.path = self->path;
      job.plan = plan;
      thread = g_thread_new ("glide-check", run_check_thread, &job);

      g_ptr_array_add (items, item = check_item_new ("Schema and triggers"));
      ok = glide_store_check_schema (self, item, error);
    }
  if (ok)
    {
      g_ptr_array_add (items, audit = check_item_new ("Audit log"));
      ok = glide_store_check_audit (self, seals, audit, error);
      g_debug ("schema and chain: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    }
  if (ok)
    ok = glide_digest_plan_work (plan, self, FALSE, error);
  if (thread != NULL)
    g_thread_join (thread);
  if (ok && job.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job.error));
      ok = FALSE;
    }
  g_clear_error (&job.error);
  if (ok && job.head != head)
    {
      g_debug ("The record changed while it was checked; digesting the thread's part again");
      ok = glide_digest_plan_redo_helper (plan, self, error);
    }
  if (ok)
    {
      g_ptr_array_add (items, item = check_item_new ("Records"));
      if (audit->ok)
        ok = glide_store_check_records (self, seals, plan, item, error);
      else
        item->message = g_strdup ("not compared: the audit log that vouches for them is broken");
    }
  if (ok)
    {
      g_ptr_array_add (items, item = check_item_new ("Patient list"));
      ok = check_patient_list (self, item, error);
    }
  if (ok)
    {
      g_ptr_array_add (items, item = check_item_new ("Anchor"));
      ok = glide_store_check_anchor (self, item, error);
    }
  glide_store_exec (self, "ROLLBACK", NULL);
  g_debug ("Checked everything in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  return ok ? g_steal_pointer (&items) : NULL;
}

/* ---- GObject --------------------------------------------------------------- */

static void
glide_store_finalize (GObject *object)
{
  GlideStore *self = (GlideStore *) object;

  if (self->depth > 0)
    g_critical ("Store %s finalized inside a transaction; rolling back", self->path);

  /* Statements must be finalized before the connection closes. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->backend != NULL)
    self->backend->close (self);
  g_clear_pointer (&self->failure_message, g_free);
  g_clear_pointer (&self->login, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor_code, g_free);
  g_clear_pointer (&self->seal_pending, g_hash_table_unref);
  glide_store_forget_context (self, NULL);
  g_clear_pointer (&self->recovery_written, g_hash_table_unref);
  g_clear_pointer (&self->database_id, g_free);
  g_clear_pointer (&self->anchor_hash, g_free);
  g_clear_pointer (&self->unsure_audit_hash, g_free);
  g_clear_object (&self->local_recovery);
  glide_store_chain_forget (self);
  g_clear_pointer (&self->chain_marks, g_array_unref);

  G_OBJECT_CLASS (glide_store_parent_class)->finalize (object);
}

static void
glide_store_class_init (GlideStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glide_store_finalize;
}

static void
finalize_stmt (gpointer data)
{
  GlideStmt *stmt = data;

  stmt->backend->finalize (stmt);
}

static void
glide_store_init (GlideStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->seal_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recovery_written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
