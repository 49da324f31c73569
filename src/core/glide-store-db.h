/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-db.h: the store's back-end interface, seen by glide-store*.c only.
 *
 * The store's queries, row reading and validation are written once, against
 * GlideStmt; a back-end (glide-store-sqlite.c, glide-store-pg.c) supplies
 * only what differs: the connection, statements and their parameters, the
 * mapping of its errors, and its schema (glide-store-schema.c for SQLite,
 * glide-store-schema-pg.c for PostgreSQL).
 *
 * SQL is written in the dialect both servers share: parameters as ?1, ?2 (or
 * bare ? numbered in order), "RETURNING id" rather than the last row id,
 * coalesce() rather than ifnull(), ON CONFLICT … DO UPDATE rather than INSERT
 * OR REPLACE, comparisons with 0/1 rather than integers as truth values,
 * an alias for every subquery in FROM, no ON after CROSS JOIN, no LIMIT -1,
 * and a parameter that may be NULL used first where its type shows
 * ("chart = ?1 OR ?1 IS NULL"). The PostgreSQL back-end rewrites the
 * parameters to $1, $2. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlideStore GlideStore;
typedef struct _GlideStmt GlideStmt;
typedef struct _GlideDbBackend GlideDbBackend;

/* What glide_stmt_step() found. */
typedef enum {
  GLIDE_STMT_ERROR = 0,   /* the store's last failure says what (glide_store_set_db_error) */
  GLIDE_STMT_ROW,
  GLIDE_STMT_DONE,
} GlideStmtResult;

/* A column's value type, as SQLite names them: integers (and PostgreSQL's
 * booleans), doubles, text, bytes. */
typedef enum {
  GLIDE_DB_NULL = 0,
  GLIDE_DB_INTEGER,
  GLIDE_DB_FLOAT,
  GLIDE_DB_TEXT,
  GLIDE_DB_BLOB,
} GlideDbType;

/* Why the last statement failed, the same for both back-ends. */
typedef enum {
  GLIDE_DB_FAILURE_NONE = 0,
  GLIDE_DB_FAILURE_OTHER,
  GLIDE_DB_FAILURE_UNIQUE,        /* a UNIQUE or PRIMARY KEY constraint */
  GLIDE_DB_FAILURE_CONSTRAINT,    /* CHECK, NOT NULL, FOREIGN KEY, a trigger's refusal */
  GLIDE_DB_FAILURE_BUSY,          /* locked past the timeout */
  GLIDE_DB_FAILURE_SERIALIZATION, /* PostgreSQL: a concurrent transaction won; retry */
  GLIDE_DB_FAILURE_FULL,
  GLIDE_DB_FAILURE_READ_ONLY,
  GLIDE_DB_FAILURE_PERMISSION,    /* PostgreSQL: the logged-in role may not do this */
  GLIDE_DB_FAILURE_CORRUPT,
  GLIDE_DB_FAILURE_NOT_A_DATABASE,
  GLIDE_DB_FAILURE_CONNECTION,    /* PostgreSQL: the server cannot be reached */
} GlideDbFailure;

/* A prepared statement; each back-end's statement begins with this. */
struct _GlideStmt
{
  const GlideDbBackend *backend;
  GlideStore           *store;
};

struct _GlideDbBackend
{
  const char *name;               /* "sqlite", "postgresql" */
  const char *begin_write;        /* starts a write transaction */
  const char *write_lock;         /* then taken first in it, or NULL: one writer at a time */
  const char *begin_read;         /* starts a read transaction on one snapshot */
  const char *list_tables;        /* the names of the record's tables */
  /* Takes ?2 ids of table ?1 ahead of its rows, in order, one per row
   * returned, so that an INSERT in a bulk transaction needs no RETURNING
   * and the rows that point at it can be held (glide_store_flush_held). */
  const char *next_ids;
  /* Two-argument coalesce () as measures_once's index expression names it
   * (SQLite "ifnull", PostgreSQL "coalesce"): an ORDER BY that names it the
   * same way is served by the index, without a sort. */
  const char *ifnull;
  /* Run at the start of a bulk transaction (settings for it alone), or NULL. */
  const char *bulk_settings;
  /* Run by the database's owner after a bulk transaction commits, or NULL. */
  const char *after_import;

  GlideStmt  *(*prepare)       (GlideStore *store, const char *sql);  /* NULL: see failure */
  void        (*finalize)      (GlideStmt *stmt);
  void        (*reset)         (GlideStmt *stmt);  /* also clears the bindings */
  void        (*bind_null)     (GlideStmt *stmt, int index);
  void        (*bind_int64)    (GlideStmt *stmt, int index, gint64 value);
  void        (*bind_double)   (GlideStmt *stmt, int index, double value);
  void        (*bind_text)     (GlideStmt *stmt, int index, const char *text);  /* copied */
  /* Not copied: the caller keeps the text as it is until the statement is
   * reset, so a back-end with step_later copies it anyway. NULL: bind_text. */
  void        (*bind_static_text) (GlideStmt *stmt, int index, const char *text);
  void        (*bind_blob)     (GlideStmt *stmt, int index, const void *data, gsize length);
  GlideStmtResult (*step)      (GlideStmt *stmt);
  /* A change whose outcome is read later, with the next statement that
   * waits (FALSE: see failure); NULL: the back-end steps it at once. */
  gboolean    (*step_later)    (GlideStmt *stmt);
  int         (*column_count)  (GlideStmt *stmt);
  const char *(*column_name)   (GlideStmt *stmt, int column);
  GlideDbType (*column_type)   (GlideStmt *stmt, int column);
  gint64      (*column_int64)  (GlideStmt *stmt, int column);
  double      (*column_double) (GlideStmt *stmt, int column);
  const char *(*column_text)   (GlideStmt *stmt, int column);   /* NULL for NULL */
  const void *(*column_blob)   (GlideStmt *stmt, int column);
  int         (*column_bytes)  (GlideStmt *stmt, int column);
  gint64      (*changes)       (GlideStore *store);   /* rows changed by the last statement */
  gboolean    (*exec)          (GlideStore *store, const char *sql);  /* FALSE: see failure */
  gboolean    (*in_transaction)(GlideStore *store);
  void        (*close)         (GlideStore *store);
  /* Whether another connection committed a change since the last call. */
  gboolean    (*changed_elsewhere) (GlideStore *store);
  int         (*change_fd)     (GlideStore *store);  /* readable on a change, or -1 */
};

/* The backends. */
extern const GlideDbBackend glide_db_sqlite;
extern const GlideDbBackend glide_db_postgresql;

/* Records why the last call failed; the back-ends call it. */
void          glide_store_set_failure    (GlideStore     *store,
                                          GlideDbFailure  failure,
                                          const char     *message);
GlideDbFailure glide_store_get_failure   (GlideStore     *store);

/* Statements, dispatched to the back-end. */
static inline void
glide_stmt_reset (GlideStmt *stmt)
{
  stmt->backend->reset (stmt);
}

static inline void
glide_stmt_bind_null (GlideStmt *stmt, int index)
{
  stmt->backend->bind_null (stmt, index);
}

static inline void
glide_stmt_bind_int64 (GlideStmt *stmt, int index, gint64 value)
{
  stmt->backend->bind_int64 (stmt, index, value);
}

static inline void
glide_stmt_bind_double (GlideStmt *stmt, int index, double value)
{
  stmt->backend->bind_double (stmt, index, value);
}

/* NULL binds NULL. */
static inline void
glide_stmt_bind_text (GlideStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    stmt->backend->bind_null (stmt, index);
  else
    stmt->backend->bind_text (stmt, index, text);
}

/* Text that outlives the statement's next reset, such as a code list's
 * code: bound without a copy where the back-end can. NULL binds NULL. */
static inline void
glide_stmt_bind_static_text (GlideStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    stmt->backend->bind_null (stmt, index);
  else if (stmt->backend->bind_static_text != NULL)
    stmt->backend->bind_static_text (stmt, index, text);
  else
    stmt->backend->bind_text (stmt, index, text);
}

static inline void
glide_stmt_bind_blob (GlideStmt *stmt, int index, const void *data, gsize length)
{
  stmt->backend->bind_blob (stmt, index, data, length);
}

static inline GlideStmtResult
glide_stmt_step (GlideStmt *stmt)
{
  return stmt->backend->step (stmt);
}

static inline int
glide_stmt_column_count (GlideStmt *stmt)
{
  return stmt->backend->column_count (stmt);
}

static inline const char *
glide_stmt_column_name (GlideStmt *stmt, int column)
{
  return stmt->backend->column_name (stmt, column);
}

static inline GlideDbType
glide_stmt_column_type (GlideStmt *stmt, int column)
{
  return stmt->backend->column_type (stmt, column);
}

static inline gint64
glide_stmt_column_int64 (GlideStmt *stmt, int column)
{
  return stmt->backend->column_int64 (stmt, column);
}

static inline int
glide_stmt_column_int (GlideStmt *stmt, int column)
{
  return (int) stmt->backend->column_int64 (stmt, column);
}

static inline double
glide_stmt_column_double (GlideStmt *stmt, int column)
{
  return stmt->backend->column_double (stmt, column);
}

static inline const char *
glide_stmt_column_text (GlideStmt *stmt, int column)
{
  return stmt->backend->column_text (stmt, column);
}

static inline const void *
glide_stmt_column_blob (GlideStmt *stmt, int column)
{
  return stmt->backend->column_blob (stmt, column);
}

static inline int
glide_stmt_column_bytes (GlideStmt *stmt, int column)
{
  return stmt->backend->column_bytes (stmt, column);
}

static inline gboolean
glide_stmt_column_is_null (GlideStmt *stmt, int column)
{
  return stmt->backend->column_type (stmt, column) == GLIDE_DB_NULL;
}

G_END_DECLS
