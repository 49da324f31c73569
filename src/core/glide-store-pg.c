/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-pg.c: the PostgreSQL back-end, for a clinic server. What only
 * PostgreSQL needs: statements behind GlideStmt over libpq (parameters
 * rewritten from ?N to $N, sent with their types, results read as text),
 * SQLSTATEs mapped to the store's failures, and opening: connect with the
 * URI as given (libpq reads passwords, TLS and every other parameter from
 * it), learn who is logged in from session_user, create or upgrade the
 * schema when the database's owner opens it (glide-store-schema-pg.c), and
 * refuse anyone else until it exists.
 *
 * Writers take one advisory lock first in every write transaction, so
 * writes are serialised as SQLite's BEGIN IMMEDIATE serialises them, and the
 * hash-chained audit log is appended by one transaction at a time. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"
#include "glide-library.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* libpq is loaded when a clinic server is first opened, not with the
 * program: with Kerberos, LDAP and two TLS libraries behind it, loading it
 * was about 12 ms of every start, the SQLite window's and the sign-in
 * page's included, which use none of it (docs/BENCHMARKS.md). The calls
 * below go through this table under libpq's own names. */
#define LIBPQ_SONAME "libpq.so.5"
#define LIBPQ_FUNCTIONS(X) \
  X (PQbackendPID) \
  X (PQclear) \
  X (PQcmdTuples) \
  X (PQconnectdbParams) \
  X (PQconsumeInput) \
  X (PQdb) \
  X (PQenterPipelineMode) \
  X (PQerrorMessage) \
  X (PQexec) \
  X (PQexecParams) \
  X (PQexecPrepared) \
  X (PQexitPipelineMode) \
  X (PQfinish) \
  X (PQflush) \
  X (PQfname) \
  X (PQfreemem) \
  X (PQftype) \
  X (PQgetResult) \
  X (PQgetisnull) \
  X (PQgetlength) \
  X (PQgetvalue) \
  X (PQisBusy) \
  X (PQnfields) \
  X (PQnotifies) \
  X (PQntuples) \
  X (PQpipelineSync) \
  X (PQprepare) \
  X (PQreset) \
  X (PQresultErrorField) \
  X (PQresultStatus) \
  X (PQsendQueryParams) \
  X (PQsendQueryPrepared) \
  X (PQsocket) \
  X (PQstatus) \
  X (PQtransactionStatus) \
  X (PQunescapeBytea) \
  X (PQuser)

static struct
{
  LIBPQ_FUNCTIONS (GLIDE_LIBRARY_POINTER)
} libpq;

/* Loads libpq once; FALSE with the reason when it cannot be. */
static gboolean
load_libpq (GError **error)
{
  static GlideLibrary library;
  static const char *const names[] = { LIBPQ_FUNCTIONS (GLIDE_LIBRARY_NAME) NULL };
  const char *failure = glide_library_load (&library, LIBPQ_SONAME, names, (void **) &libpq);

  if (failure != NULL)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                   _("Glide cannot talk to a clinic server on this computer: PostgreSQL's "
                   "client library (libpq5) is missing (%s)"), failure);
      return FALSE;
    }
  return TRUE;
}

#define PQbackendPID (libpq.PQbackendPID)
#define PQclear (libpq.PQclear)
#define PQcmdTuples (libpq.PQcmdTuples)
#define PQconnectdbParams (libpq.PQconnectdbParams)
#define PQconsumeInput (libpq.PQconsumeInput)
#define PQdb (libpq.PQdb)
#define PQenterPipelineMode (libpq.PQenterPipelineMode)
#define PQerrorMessage (libpq.PQerrorMessage)
#define PQexec (libpq.PQexec)
#define PQexecParams (libpq.PQexecParams)
#define PQexecPrepared (libpq.PQexecPrepared)
#define PQexitPipelineMode (libpq.PQexitPipelineMode)
#define PQfinish (libpq.PQfinish)
#define PQflush (libpq.PQflush)
#define PQfname (libpq.PQfname)
#define PQfreemem (libpq.PQfreemem)
#define PQftype (libpq.PQftype)
#define PQgetResult (libpq.PQgetResult)
#define PQgetisnull (libpq.PQgetisnull)
#define PQgetlength (libpq.PQgetlength)
#define PQgetvalue (libpq.PQgetvalue)
#define PQisBusy (libpq.PQisBusy)
#define PQnfields (libpq.PQnfields)
#define PQnotifies (libpq.PQnotifies)
#define PQntuples (libpq.PQntuples)
#define PQpipelineSync (libpq.PQpipelineSync)
#define PQprepare (libpq.PQprepare)
#define PQreset (libpq.PQreset)
#define PQresultErrorField (libpq.PQresultErrorField)
#define PQresultStatus (libpq.PQresultStatus)
#define PQsendQueryParams (libpq.PQsendQueryParams)
#define PQsendQueryPrepared (libpq.PQsendQueryPrepared)
#define PQsocket (libpq.PQsocket)
#define PQstatus (libpq.PQstatus)
#define PQtransactionStatus (libpq.PQtransactionStatus)
#define PQunescapeBytea (libpq.PQunescapeBytea)
#define PQuser (libpq.PQuser)

/* pg_type OIDs (server/catalog/pg_type_d.h is not installed by libpq-dev). */
#define BOOLOID    16
#define BYTEAOID   17
#define INT8OID    20
#define INT2OID    21
#define INT4OID    23
#define TEXTOID    25
#define OIDOID     26
#define FLOAT4OID  700
#define FLOAT8OID  701
#define NUMERICOID 1700

/* Seconds to wait for a clinic server to answer, unless the URI says. */
#define GLIDE_PG_CONNECT_TIMEOUT "10"

/* "Glid" as in SQLite's application_id: the lock every writer takes. */
#define WRITE_LOCK_KEY "1198287204"
/* The owner's migrations, one at a time. */
#define MIGRATION_LOCK_KEY "1198287205"

typedef struct
{
  GlideStmt   parent;
  char       *sql;        /* with $N parameters */
  int         n_params;
  gboolean   *used;       /* n_params: the parameter appears in the SQL */
  gboolean    read;       /* a SELECT: in a transaction, run in a savepoint */
  gboolean    preparable; /* a query or a change of rows, not transaction control */
  char       *name;       /* its name on the server once prepared */
  guint       prepared;   /* the connection generation it was prepared on, 0: not */
  char      **values;     /* n_params, text or bytes; NULL: SQL NULL */
  int        *lengths;
  int        *formats;    /* 0 text, 1 binary (bytea) */
  Oid        *types;
  PGresult   *result;
  int         row;        /* current row, -1 before the first step */
  int         n_rows;
  guchar    **blobs;      /* unescaped bytea of the current row, per column */
  size_t     *blob_lengths;
} PgStmt;

#define PG_STMT(s) ((PgStmt *) (s))

/* ---- failures -------------------------------------------------------------- */

static GlideDbFailure
failure_of_sqlstate (const char *state)
{
  if (state == NULL)
    return GLIDE_DB_FAILURE_CONNECTION;
  if (g_str_equal (state, "23505"))
    return GLIDE_DB_FAILURE_UNIQUE;
  if (g_str_has_prefix (state, "23"))
    return GLIDE_DB_FAILURE_CONSTRAINT;
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
    return GLIDE_DB_FAILURE_SERIALIZATION;
  if (g_str_equal (state, "42501"))
    return GLIDE_DB_FAILURE_PERMISSION;
  if (g_str_equal (state, "53100"))
    return GLIDE_DB_FAILURE_FULL;
  if (g_str_equal (state, "25006"))
    return GLIDE_DB_FAILURE_READ_ONLY;
  if (g_str_equal (state, "55P03") || g_str_equal (state, "57014"))
    return GLIDE_DB_FAILURE_BUSY;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return GLIDE_DB_FAILURE_CONNECTION;
  if (g_str_equal (state, "XX001") || g_str_equal (state, "XX002"))
    return GLIDE_DB_FAILURE_CORRUPT;
  return GLIDE_DB_FAILURE_OTHER;
}

/* A constraint's refusal in SQLite's words ("FOREIGN KEY constraint failed"),
 * so that the store's message for one situation is the same on both
 * back-ends; NULL for anything else (a trigger's refusal says the same on
 * both already). */
static char *
constraint_in_sqlite_words (const PGresult *result,
                            const char     *state)
{
  const char *table = PQresultErrorField (result, PG_DIAG_TABLE_NAME);
  const char *column = PQresultErrorField (result, PG_DIAG_COLUMN_NAME);
  const char *constraint = PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME);
  const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);

  if (g_str_equal (state, "23503"))
    return g_strdup ("FOREIGN KEY constraint failed");
  if (g_str_equal (state, "23502") && table != NULL && column != NULL)
    return g_strdup_printf ("NOT NULL constraint failed: %s.%s", table, column);
  if (g_str_equal (state, "23514") && constraint != NULL)
    return g_strdup_printf ("CHECK constraint failed: %s", constraint);
  /* The detail names the key's columns: "Key (patient_id, condition)=(…) already exists." */
  if (g_str_equal (state, "23505") && table != NULL && detail != NULL &&
      g_str_has_prefix (detail, "Key (") && strstr (detail, ")=") != NULL)
    {
      g_autofree char *columns = g_strndup (detail + 5, strstr (detail, ")=") - detail - 5);
      g_auto(GStrv) names = g_strsplit (columns, ", ", -1);
      GString *words = g_string_new ("UNIQUE constraint failed: ");

      for (guint i = 0; names[i] != NULL; i++)
        g_string_append_printf (words, "%s%s.%s", i ? ", " : "", table, names[i]);
      return g_string_free (words, FALSE);
    }
  return NULL;
}

/* Records why @result (or the connection, when @result is NULL) failed. */
static void
fail (GlideStore     *store,
      const PGresult *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = NULL;

  if (state != NULL && g_str_has_prefix (state, "23"))
    message = constraint_in_sqlite_words (result, state);
  if (message != NULL)
    ;
  else if (primary != NULL)
    message = g_strdup (primary);
  else
    message = g_strstrip (g_strdup (PQerrorMessage (store->pg)));
  if (PQstatus (store->pg) == CONNECTION_BAD)
    state = NULL;
  glide_store_set_failure (store, failure_of_sqlstate (state), message);
}

/* ---- statements ------------------------------------------------------------ */

/* SQLite's ?N and ? become $N; quoted text, quoted names and comments are
 * copied as they are. A bare ? takes the number after the largest so far,
 * as in SQLite. @used (n_params long, g_free) says which numbers appear: a
 * statement may skip some, as an UPDATE sharing its numbering with an
 * INSERT does. */
static char *
rewrite_parameters (const char  *sql,
                    int         *n_params,
                    gboolean   **used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (gboolean));
  int largest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p);
          for (p++; *p != '\0'; p++)
            {
              g_string_append_c (out, *p);
              if (*p == quote)
                {
                  if (p[1] == quote)
                    g_string_append_c (out, *++p);
                  else
                    break;
                }
            }
          if (*p == '\0')
            break;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          if (end == NULL)
            end = p + strlen (p) - 1;
          g_string_append_len (out, p, end - p + 1);
          p = end;
        }
      else if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              number = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = largest + 1;
          largest = MAX (largest, number);
          if (number > 0)
            {
              if ((guint) number > seen->len)
                g_array_set_size (seen, number);
              g_array_index (seen, gboolean, number - 1) = TRUE;
            }
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p);
    }
  *n_params = largest;
  g_array_set_size (seen, MAX (largest, 1));
  *used = (gboolean *) g_array_free (g_steal_pointer (&seen), FALSE);
  return g_string_free (out, FALSE);
}

static void
clear_blobs (PgStmt *stmt)
{
  if (stmt->blobs == NULL)
    return;
  for (int i = 0; i < PQnfields (stmt->result); i++)
    g_clear_pointer (&stmt->blobs[i], PQfreemem);
  g_clear_pointer (&stmt->blobs, g_free);
  g_clear_pointer (&stmt->blob_lengths, g_free);
}

static GlideStmt *
pg_prepare (GlideStore *store,
            const char *sql)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.backend = &glide_db_postgresql;
  stmt->parent.store = store;
  stmt->sql = rewrite_parameters (sql, &stmt->n_params, &stmt->used);
  stmt->read = g_ascii_strncasecmp (sql + strspn (sql, " \t\n"), "SELECT", 6) == 0;
  stmt->preparable = stmt->read ||
    g_ascii_strncasecmp (sql + strspn (sql, " \t\n"), "INSERT", 6) == 0 ||
    g_ascii_strncasecmp (sql + strspn (sql, " \t\n"), "UPDATE", 6) == 0 ||
    g_ascii_strncasecmp (sql + strspn (sql, " \t\n"), "DELETE", 6) == 0;
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->formats = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
  for (int i = 0; i < stmt->n_params; i++)
    stmt->types[i] = stmt->used[i] ? 0 : TEXTOID;
  stmt->row = -1;
  return &stmt->parent;
}

static void
pg_reset (GlideStmt *base)
{
  PgStmt *stmt = PG_STMT (base);

  clear_blobs (stmt);
  g_clear_pointer (&stmt->result, PQclear);
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->lengths[i] = 0;
      stmt->formats[i] = 0;
      /* One the SQL skips gets a type, or the server cannot tell its own. */
      stmt->types[i] = stmt->used[i] ? 0 : TEXTOID;
    }
  stmt->row = -1;
  stmt->n_rows = 0;
}

static void
pg_finalize (GlideStmt *base)
{
  PgStmt *stmt = PG_STMT (base);

  pg_reset (base);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt->used);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt->types);
  g_free (stmt);
}

/* Parameters beyond the statement's, or that it skips, are ignored, as
 * SQLite ignores them. */
static void
set_param (GlideStmt *base,
           int        index,
           char      *value,
           int        length,
           int        format,
           Oid        type)
{
  PgStmt *stmt = PG_STMT (base);

  if (index < 1 || index > stmt->n_params || !stmt->used[index - 1])
    {
      g_free (value);
      return;
    }
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->lengths[index - 1] = length;
  stmt->formats[index - 1] = format;
  stmt->types[index - 1] = type;
}

static void
pg_bind_null (GlideStmt *stmt, int index)
{
  set_param (stmt, index, NULL, 0, 0, 0);
}

static void
pg_bind_int64 (GlideStmt *stmt, int index, gint64 value)
{
  set_param (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0, INT8OID);
}

static void
pg_bind_double (GlideStmt *stmt, int index, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_param (stmt, index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), 0, 0,
             FLOAT8OID);
}

static void
pg_bind_text (GlideStmt *stmt, int index, const char *text)
{
  set_param (stmt, index, g_strdup (text), 0, 0, TEXTOID);
}

static void
pg_bind_blob (GlideStmt *stmt, int index, const void *data, gsize length)
{
  set_param (stmt, index, g_memdup2 (data, MAX (length, 1)), (int) length, 1, BYTEAOID);
}

/* A read inside a transaction, in a savepoint of its own: on PostgreSQL a
 * failed statement aborts the whole transaction, on SQLite it fails alone,
 * and the store's callers count on that (its write calls have a savepoint
 * each already; its reads do not). SAVEPOINT, the statement and RELEASE go
 * in one round trip (pipeline mode); a failure rolls back to the savepoint
 * and the transaction goes on. Returns the statement's result, or the first
 * failure, or NULL when the connection failed. */
static PGresult *
exec_in_savepoint (GlideStore *store,
                   PgStmt     *stmt)
{
  PGconn *conn = store->pg;
  PGresult *result = NULL;
  PGresult *error = NULL;
  PGresult *r;
  gboolean saved = FALSE;

  if (!PQenterPipelineMode (conn))
    return NULL;
  /* A query that could not be sent leaves the rest unsent: the results end
   * early, and the failure is the connection's. */
  if (PQsendQueryParams (conn, "SAVEPOINT glide_read", 0, NULL, NULL, NULL, NULL, 0) &&
      (stmt->prepared == store->pg_generation ?
       PQsendQueryPrepared (conn, stmt->name, stmt->n_params,
                            (const char *const *) stmt->values, stmt->lengths, stmt->formats, 0) :
       PQsendQueryParams (conn, stmt->sql, stmt->n_params, stmt->types,
                          (const char *const *) stmt->values, stmt->lengths, stmt->formats, 0)))
    PQsendQueryParams (conn, "RELEASE SAVEPOINT glide_read", 0, NULL, NULL, NULL, NULL, 0);
  PQpipelineSync (conn);
  for (int query = 0; query < 3; query++)
    while ((r = PQgetResult (conn)) != NULL)
      {
        ExecStatusType status = PQresultStatus (r);

        if (query == 0 && status == PGRES_COMMAND_OK)
          saved = TRUE;
        if (query == 1 && (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK))
          result = r;
        else if (status == PGRES_FATAL_ERROR && error == NULL)
          error = r;
        else
          PQclear (r);
      }
  /* The end of the pipeline (PGRES_PIPELINE_SYNC). */
  if ((r = PQgetResult (conn)) != NULL)
    PQclear (r);
  PQexitPipelineMode (conn);

  if (error == NULL)
    return result;
  g_clear_pointer (&result, PQclear);
  if (saved && PQtransactionStatus (conn) == PQTRANS_INERROR)
    PQclear (PQexec (conn, "ROLLBACK TO SAVEPOINT glide_read; RELEASE SAVEPOINT glide_read"));
  return error;
}

/* Parses and plans @stmt on the server once per connection (PQprepare),
 * with the parameter types of its first run, so that each later run only
 * binds and executes: a draft's save is some forty statements, and parsing
 * each again was a large share of the server's time. FALSE with *@failure
 * set when the server refused it (the statement's own error, as a run
 * would have given). */
static gboolean
prepare (GlideStore  *store,
         PgStmt      *stmt,
         PGresult   **failure)
{
  PGresult *result;

  if (stmt->prepared == store->pg_generation)
    return TRUE;
  g_free (stmt->name);
  stmt->name = g_strdup_printf ("glide_%u", ++store->pg_statements);
  result = PQprepare (store->pg, stmt->name, stmt->sql, stmt->n_params, stmt->types);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      *failure = result;
      return FALSE;
    }
  PQclear (result);
  stmt->prepared = store->pg_generation;
  return TRUE;
}

/* ---- changes sent ahead (a bulk transaction) ------------------------------- */

/* In the importer's bulk transaction, changes whose outcome nobody reads
 * (a session's treated areas and measures, its signature, the audit rows)
 * are sent in pipeline mode and not waited for: their results are read with
 * the next statement that waits, in the same round trip. A failure among
 * them then fails that statement, and with it the bulk transaction, which
 * can only roll back (glide_store_begin_bulk). At most this many wait. */
#define MAX_SENT_AHEAD 256

/* Reads the results of the changes sent ahead and of @last (already sent
 * after them, or NULL), and leaves pipeline mode. Returns @last's result,
 * or the first failure, or NULL when the connection failed. */
static PGresult *
collect_sent (GlideStore *store,
              gboolean    with_last)
{
  PGconn *conn = store->pg;
  PGresult *error = NULL;
  PGresult *last = NULL;
  PGresult *r;
  guint n = store->pg_sent_ahead + (with_last ? 1 : 0);

  PQpipelineSync (conn);
  for (guint query = 0; query < n; query++)
    while ((r = PQgetResult (conn)) != NULL)
      {
        ExecStatusType status = PQresultStatus (r);

        if (status == PGRES_FATAL_ERROR && error == NULL)
          error = r;
        else if (with_last && query == n - 1 && error == NULL && last == NULL &&
                 (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK))
          last = r;
        else
          PQclear (r);
      }
  /* The end of the pipeline (PGRES_PIPELINE_SYNC). */
  if ((r = PQgetResult (conn)) != NULL)
    PQclear (r);
  PQexitPipelineMode (conn);
  store->pg_sent_ahead = 0;

  if (error == NULL)
    return last;
  g_clear_pointer (&last, PQclear);
  return error;
}

/* Waits for the changes sent ahead; FALSE, with the store's failure set,
 * when one failed. Everything that talks to the server outside the
 * pipeline calls it first. */
static gboolean
drain_sent (GlideStore *store)
{
  PGresult *failure;

  if (store->pg_sent_ahead == 0)
    return TRUE;
  failure = collect_sent (store, FALSE);
  if (failure == NULL && PQstatus (store->pg) == CONNECTION_OK)
    return TRUE;
  fail (store, failure);
  g_clear_pointer (&failure, PQclear);
  return FALSE;
}

static gboolean prepare (GlideStore *store, PgStmt *stmt, PGresult **failure);

static gboolean
pg_step_later (GlideStmt *base)
{
  PgStmt *stmt = PG_STMT (base);
  GlideStore *store = base->store;
  PGresult *failure = NULL;

  /* Prepared outside the pipeline, the first time only. */
  if (!stmt->preparable ||
      (stmt->prepared != store->pg_generation && !drain_sent (store)))
    return FALSE;
  if (!prepare (store, stmt, &failure))
    {
      fail (store, failure);
      PQclear (failure);
      return FALSE;
    }
  if ((store->pg_sent_ahead == 0 && !PQenterPipelineMode (store->pg)) ||
      !PQsendQueryPrepared (store->pg, stmt->name, stmt->n_params,
                            (const char *const *) stmt->values, stmt->lengths, stmt->formats, 0))
    {
      fail (store, NULL);
      return FALSE;
    }
  store->pg_sent_ahead++;
  /* Out of libpq's buffer now, so the server works while this side goes on. */
  if (PQflush (store->pg) != 0)
    {
      fail (store, NULL);
      return FALSE;
    }
  return store->pg_sent_ahead < MAX_SENT_AHEAD || drain_sent (store);
}

static GlideStmtResult
pg_step (GlideStmt *base)
{
  PgStmt *stmt = PG_STMT (base);
  GlideStore *store = base->store;

  if (stmt->result == NULL)
    {
      ExecStatusType status;

      /* After changes sent ahead: in their pipeline, one round trip for all. */
      if (store->pg_sent_ahead > 0 && stmt->preparable && stmt->prepared == store->pg_generation)
        {
          if (PQsendQueryPrepared (store->pg, stmt->name, stmt->n_params,
                                   (const char *const *) stmt->values, stmt->lengths,
                                   stmt->formats, 0))
            stmt->result = collect_sent (store, TRUE);
          else
            stmt->result = collect_sent (store, FALSE);
          if (stmt->result == NULL)
            {
              fail (store, NULL);
              return GLIDE_STMT_ERROR;
            }
        }
      else if (!drain_sent (store))
        return GLIDE_STMT_ERROR;
      /* In a bulk transaction (the importer's) a failed call fails the
       * whole of it by contract (glide_store_begin_bulk): no savepoint. */
      else if (stmt->read && !store->bulk && PQtransactionStatus (store->pg) == PQTRANS_INTRANS)
        stmt->result = exec_in_savepoint (store, stmt);
      else if (stmt->preparable && prepare (store, stmt, &stmt->result))
        stmt->result = PQexecPrepared (store->pg, stmt->name, stmt->n_params,
                                       (const char *const *) stmt->values, stmt->lengths,
                                       stmt->formats, 0);
      else if (stmt->result == NULL)
        stmt->result = PQexecParams (store->pg, stmt->sql, stmt->n_params, stmt->types,
                                     (const char *const *) stmt->values, stmt->lengths,
                                     stmt->formats, 0);
      status = PQresultStatus (stmt->result);
      if (status == PGRES_COMMAND_OK)
        {
          store->pg_changes = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
          stmt->n_rows = 0;
        }
      else if (status == PGRES_TUPLES_OK)
        {
          store->pg_changes = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
          stmt->n_rows = PQntuples (stmt->result);
        }
      else
        {
          fail (store, stmt->result);
          g_clear_pointer (&stmt->result, PQclear);
          return GLIDE_STMT_ERROR;
        }
    }
  clear_blobs (stmt);
  if (stmt->row + 1 >= stmt->n_rows)
    {
      stmt->row = stmt->n_rows;
      return GLIDE_STMT_DONE;
    }
  stmt->row++;
  return GLIDE_STMT_ROW;
}

static int
pg_column_count (GlideStmt *base)
{
  PgStmt *stmt = PG_STMT (base);

  return stmt->result ? PQnfields (stmt->result) : 0;
}

static const char *
pg_column_name (GlideStmt *base, int column)
{
  return PQfname (PG_STMT (base)->result, column);
}

static gboolean
is_null (PgStmt *stmt, int column)
{
  return stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows ||
         PQgetisnull (stmt->result, stmt->row, column);
}

static GlideDbType
pg_column_type (GlideStmt *base, int column)
{
  PgStmt *stmt = PG_STMT (base);

  if (is_null (stmt, column))
    return GLIDE_DB_NULL;
  switch (PQftype (stmt->result, column))
    {
    case BOOLOID:
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
      return GLIDE_DB_INTEGER;
    case FLOAT4OID:
    case FLOAT8OID:
    case NUMERICOID:
      return GLIDE_DB_FLOAT;
    case BYTEAOID:
      return GLIDE_DB_BLOB;
    default:
      return GLIDE_DB_TEXT;
    }
}

static const char *
pg_column_text (GlideStmt *base, int column)
{
  PgStmt *stmt = PG_STMT (base);

  if (is_null (stmt, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

static gint64
pg_column_int64 (GlideStmt *base, int column)
{
  PgStmt *stmt = PG_STMT (base);
  const char *text = pg_column_text (base, column);

  if (text == NULL)
    return 0;
  if (PQftype (stmt->result, column) == BOOLOID)
    return text[0] == 't';
  if (PQftype (stmt->result, column) == FLOAT8OID || PQftype (stmt->result, column) == FLOAT4OID ||
      PQftype (stmt->result, column) == NUMERICOID)
    return (gint64) g_ascii_strtod (text, NULL);
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (GlideStmt *base, int column)
{
  const char *text = pg_column_text (base, column);

  return text ? g_ascii_strtod (text, NULL) : 0.0;
}

static const void *
pg_column_blob (GlideStmt *base, int column)
{
  PgStmt *stmt = PG_STMT (base);
  int n = PQnfields (stmt->result);

  if (is_null (stmt, column))
    return NULL;
  if (PQftype (stmt->result, column) != BYTEAOID)
    return PQgetvalue (stmt->result, stmt->row, column);
  if (stmt->blobs == NULL)
    {
      stmt->blobs = g_new0 (guchar *, n);
      stmt->blob_lengths = g_new0 (size_t, n);
    }
  if (stmt->blobs[column] == NULL)
    stmt->blobs[column] =
      PQunescapeBytea ((const guchar *) PQgetvalue (stmt->result, stmt->row, column),
                       &stmt->blob_lengths[column]);
  return stmt->blobs[column];
}

static int
pg_column_bytes (GlideStmt *base, int column)
{
  PgStmt *stmt = PG_STMT (base);

  if (is_null (stmt, column))
    return 0;
  if (PQftype (stmt->result, column) != BYTEAOID)
    return PQgetlength (stmt->result, stmt->row, column);
  pg_column_blob (base, column);
  return (int) stmt->blob_lengths[column];
}

static gint64
pg_changes (GlideStore *store)
{
  return store->pg_changes;
}

static gboolean
pg_exec (GlideStore *store,
         const char *sql)
{
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  /* A rollback still runs after a change sent ahead failed. */
  if (!drain_sent (store) && !g_str_has_prefix (sql, "ROLLBACK"))
    return FALSE;
  result = PQexec (store->pg, sql);
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    fail (store, result);
  PQclear (result);
  return ok;
}

static gboolean
pg_in_transaction (GlideStore *store)
{
  PGTransactionStatusType status = PQtransactionStatus (store->pg);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static void
pg_close (GlideStore *store)
{
  g_clear_pointer (&store->pg, PQfinish);
}

/* Every change through Glide appends to the audit log, whose trigger
 * notifies "glide_changes" with the committing backend's pid; this
 * connection LISTENs from its open on. */
static gboolean
pg_changed_elsewhere (GlideStore *store)
{
  PGnotify *notify;
  gboolean changed = FALSE;

  if (!PQconsumeInput (store->pg))
    return FALSE;
  while ((notify = PQnotifies (store->pg)) != NULL)
    {
      if (notify->be_pid != PQbackendPID (store->pg))
        changed = TRUE;
      PQfreemem (notify);
    }
  return changed;
}

static int
pg_change_fd (GlideStore *store)
{
  return PQsocket (store->pg);
}

const GlideDbBackend glide_db_postgresql = {
  .name = "postgresql",
  .begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED",
  .write_lock = "SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")",
  .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
  .list_tables = "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()",
  .next_ids = "SELECT nextval (pg_get_serial_sequence (?1, 'id')) FROM generate_series (1, ?2)",
  /* Statements are prepared once and their plans cached: made at an
   * import's start, over tables of a few rows, they scanned whole tables,
   * which at 20,000 patients made each signature a scan of every session. */
  .ifnull = "coalesce",
  .bulk_settings = "SET LOCAL enable_seqscan = off",
  .after_import = "ANALYZE patients, patient_words, screening, courses, sessions, treatments,"
                  " measures, addenda, audit_log, audit_content",
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .reset = pg_reset,
  .bind_null = pg_bind_null,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_blob = pg_bind_blob,
  .step = pg_step,
  .step_later = pg_step_later,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_blob = pg_column_blob,
  .column_bytes = pg_column_bytes,
  .changes = pg_changes,
  .exec = pg_exec,
  .in_transaction = pg_in_transaction,
  .close = pg_close,
  .changed_elsewhere = pg_changed_elsewhere,
  .change_fd = pg_change_fd,
};

/* ---- opening --------------------------------------------------------------- */

static gboolean
query_text (GlideStore  *self,
            const char  *sql,
            char       **value,
            GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, sql, error);
  GlideStmtResult rc;

  if (stmt == NULL)
    return FALSE;
  rc = glide_stmt_step (stmt);
  *value = rc == GLIDE_STMT_ROW ? g_strdup (glide_stmt_column_text (stmt, 0)) : NULL;
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/* What every connection sets first: quiet notices, a bounded wait for locks. */
static gboolean
configure_session (GlideStore  *self,
                   GError     **error)
{
  return glide_store_exec (self, "SET client_min_messages = warning", error) &&
         glide_store_exec (self, "SET lock_timeout = '5s'", error);
}

/* libpq's own words for a refused connection, with what to do. */
static void
set_connect_error (GlideStore  *self,
                   const char  *uri,
                   GError     **error)
{
  /* libpq's lines ("FATAL: …", "DETAIL: …") read as one. */
  g_autofree char *message = g_strstrip (g_strdelimit (g_strdup (PQerrorMessage (self->pg)),
                                                       "\n\t", ' '));
  const char *user = PQuser (self->pg) ? PQuser (self->pg) : "";

  /* First: a missing root certificate "does not exist" too. */
  if (strstr (message, "SSL") != NULL || strstr (message, "certificate") != NULL)
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                 _("Cannot open the secure connection (SSL/TLS) to the clinic server that the "
                 "address asks for (%s)"), message);
  else if (strstr (message, "password authentication failed") != NULL)
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                 _("The clinic server refused the password for %s (%s)"), user, message);
  else if (strstr (message, "no password supplied") != NULL)
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                 _("The clinic server needs the password of %s: give it in PGPASSWORD, "
                 "~/.pgpass or the address (password=) (%s)"), user, message);
  else if (strstr (message, "permission denied for database") != NULL)
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                 _("The clinic server refused %s: this login has no role in the clinic's record; "
                 "an admin can grant one (glide --grant) (%s)"), user, message);
  else if (strstr (message, "does not exist") != NULL)
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                 _("The clinic server does not know this database or login (%s)"), message);
  else
    g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION,
                 _("Cannot reach the clinic server: is it running, and is the address right? (%s)"),
                 message);
}

/* The steps of glide-store-schema-pg.c the database does not have yet, each
 * in a transaction of its own that also records its version; then the
 * privileges, so that new tables get their grants. Only the owner gets here. */
static gboolean
migrate (GlideStore  *self,
         gint64       current,
         GError     **error)
{
  for (guint i = 0; i < glide_store_pg_n_steps (); i++)
    {
      guint version = 0;
      g_autofree char *sql = glide_store_pg_step_sql (i, &version);
      g_autofree char *set_version = NULL;

      if (version <= current)
        continue;
      set_version = g_strdup_printf ("UPDATE glide_schema SET version = %u", version);
      if (!glide_store_exec (self, "BEGIN", error))
        return FALSE;
      if (!glide_store_exec (self, sql, error) ||
          !glide_store_exec (self, set_version, error) ||
          !glide_store_exec (self, "COMMIT", error))
        {
          g_prefix_error (error, _("Cannot create the clinic's schema (step %u): "), version);
          glide_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  /* What the steps wrote themselves (the clinic's row) is sealed as it is,
   * as SQLite's schema 3 does. */
  if (current < 3)
    return glide_store_begin (self, error) &&
           (glide_store_seal_existing (self, glide_store_get_schema_version (), error) ?
            glide_store_commit (self, error) : (glide_store_rollback (self), FALSE));
  return TRUE;
}

static gboolean
grant_privileges (GlideStore  *self,
                  GError     **error)
{
  g_autofree char *sql = glide_store_pg_privileges_sql ();

  if (!glide_store_exec (self, "BEGIN", error))
    return FALSE;
  if (!glide_store_exec (self, sql, error) || !glide_store_exec (self, "COMMIT", error))
    {
      g_prefix_error (error, _("Cannot set the clinic's privileges: "));
      glide_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* Who is logged in, what they may do, and as which therapist they sign. */
static gboolean
load_login (GlideStore  *self,
            GError     **error)
{
  g_autofree char *role = NULL;
  g_autofree char *therapist = NULL;

  if (!query_text (self, "SELECT session_user::text", &self->login, error) ||
      !query_text (self, "SELECT glide_current_role()", &role, error) ||
      !query_text (self, "SELECT glide_current_therapist()::text", &therapist, error))
    return FALSE;
  if (!glide_store_role_from_code (role, &self->role))
    self->role = GLIDE_STORE_ROLE_NONE;
  g_free (self->actor_code);
  self->actor_code = g_strdup (self->login);
  self->actor_id = therapist ? g_ascii_strtoll (therapist, NULL, 10) : 0;
  return TRUE;
}

/* Several owners' first opens at once (two workstations started together)
 * take turns: under a session lock of its own, the version is read again and
 * only what is still missing is created; then the privileges are granted,
 * once per migration run rather than at every open (GRANTs by two sessions at
 * once fail with "tuple concurrently updated"). */
static gboolean
migrate_once (GlideStore  *self,
              GError     **error)
{
  g_autofree char *version_text = NULL;
  gint64 version = 0;
  gboolean ok;

  if (!glide_store_exec (self, "SELECT pg_advisory_lock (" MIGRATION_LOCK_KEY ")", error))
    return FALSE;
  ok = query_text (self, "SELECT to_regclass ('glide_schema')::text", &version_text, error);
  if (ok && version_text != NULL)
    {
      g_clear_pointer (&version_text, g_free);
      ok = query_text (self, "SELECT version::text FROM glide_schema", &version_text, error);
    }
  version = version_text ? g_ascii_strtoll (version_text, NULL, 10) : 0;
  if (ok && version < glide_store_get_schema_version ())
    ok = migrate (self, version, error) && grant_privileges (self, error);
  /* Read again when first asked (glide_store_get_database_version). */
  self->database_version = 0;
  glide_store_exec (self, "SELECT pg_advisory_unlock (" MIGRATION_LOCK_KEY ")", NULL);
  return ok;
}

/**
 * glide_store_pg_open:
 *
 * Connects @self to the clinic server at @uri. The first open by the
 * database's owner creates the schema; an open by anyone else needs it.
 */
gboolean
glide_store_pg_open (GlideStore  *self,
                     const char  *uri,
                     GError     **error)
{
  g_autofree char *has_schema = NULL;
  g_autofree char *is_owner = NULL;
  g_autofree char *application = NULL;
  g_autofree char *version_text = NULL;
  gint64 version = 0;

  /* libpq reads these in order, a later value winning: the URI may set its
   * own connect_timeout. Without one, a server that does not answer kept
   * the window waiting on TCP's timeout, minutes, at each try to reconnect
   * (PQreset reuses these). */
  const char *const keys[] = { "connect_timeout", "dbname", "password", NULL };
  const char *const values[] = { GLIDE_PG_CONNECT_TIMEOUT, uri, self->password, NULL };

  if (!load_libpq (error))
    return FALSE;
  self->backend = &glide_db_postgresql;
  self->pg_generation = 1;
  /* The URI as given (expand_dbname); a password typed at sign-in beside it,
   * so that it is never part of the location shown in messages. */
  self->pg = PQconnectdbParams (keys, values, TRUE);
  if (self->pg == NULL || PQstatus (self->pg) != CONNECTION_OK)
    {
      set_connect_error (self, uri, error);
      return FALSE;
    }
  if (!configure_session (self, error) ||
      !query_text (self, "SELECT to_regclass('glide_meta')::text", &has_schema, error) ||
      !query_text (self, "SELECT (pg_get_userbyid (datdba) = session_user OR"
                         " (SELECT rolsuper FROM pg_roles WHERE rolname = session_user))::text"
                         " FROM pg_database WHERE datname = current_database()",
                   &is_owner, error))
    return FALSE;

  if (has_schema != NULL)
    {
      if (!query_text (self, "SELECT value FROM glide_meta WHERE key = 'application'",
                       &application, error) ||
          !query_text (self, "SELECT version::text FROM glide_schema", &version_text, error))
        return FALSE;
      if (g_strcmp0 (application, "Glide") != 0)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                       _("The database at %s belongs to another program, not Glide; "
                       "it was left untouched"), PQdb (self->pg));
          return FALSE;
        }
      version = version_text ? g_ascii_strtoll (version_text, NULL, 10) : 0;
    }
  if (version > glide_store_get_schema_version ())
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NEWER_SCHEMA,
                   _("The clinic database %s was created by a newer Glide (schema %lld, this "
                     "program knows %u); it was left untouched"),
                   PQdb (self->pg), (long long) version, glide_store_get_schema_version ());
      return FALSE;
    }
  if (version < glide_store_get_schema_version ())
    {
      if (g_strcmp0 (is_owner, "true") != 0)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                       version == 0 ?
                       "The clinic database %s has no Glide record yet: its owner must open "
                       "it first (glide -d URI as the owner), then grant %s a role" :
                       "The clinic database %s needs its schema upgraded by its owner "
                       "(open it once with this Glide as the owner), then %s can work in it",
                       PQdb (self->pg), PQuser (self->pg));
          return FALSE;
        }
      if (!migrate_once (self, error))
        return FALSE;
      /* Statements prepared before the schema changed may return other
       * columns now ("cached plan must not change result type"). */
      self->pg_generation++;
    }
  else
    {
      g_autofree char *missing = NULL;

      /* As on SQLite: a record that lacks a table is refused before anything
       * is written to it, the owner's grants included. */
      if (!glide_store_find_missing_table (self, (guint) version, &missing, error))
        return FALSE;
      if (missing != NULL)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                       _("The clinic database %s is damaged: its table %s is missing; it was "
                       "left untouched. Restore it from the server's backup."),
                       PQdb (self->pg), missing);
          return FALSE;
        }
    }
  return load_login (self, error) && glide_store_load_database_id (self, error) &&
         glide_store_exec (self, "LISTEN glide_changes", error);
}

/* ---- outages ---------------------------------------------------------------- */

/* libpq learns that the server closed the connection only when it reads:
 * read what is waiting (notifications stay queued for PQnotifies). */
gboolean
glide_store_pg_is_connected (GlideStore *self)
{
  if (self->pg == NULL || PQstatus (self->pg) != CONNECTION_OK)
    return FALSE;
  if (PQtransactionStatus (self->pg) == PQTRANS_IDLE && !PQisBusy (self->pg))
    PQconsumeInput (self->pg);
  return PQstatus (self->pg) == CONNECTION_OK;
}

/* Tests only: the connection breaks as if the server went away; libpq
 * finds out at its next read or write. */
void
glide_store_pg_drop_connection (GlideStore *self)
{
  if (self->pg != NULL && PQsocket (self->pg) >= 0)
    shutdown (PQsocket (self->pg), SHUT_RDWR);
}

/**
 * glide_store_pg_reconnect:
 *
 * Connects again with the same parameters (PQreset: the URI and the password
 * given at open), as the same login, and sets the session up as at open.
 * Any transaction of the broken connection is gone with it.
 */
gboolean
glide_store_pg_reconnect (GlideStore  *self,
                          GError     **error)
{
  self->depth = 0;
  self->bulk = FALSE;
  self->bulk_failed = FALSE;
  glide_store_forget_context (self, NULL);
  glide_store_seal_forget (self);
  glide_store_chain_forget (self);
  /* The server forgot the prepared statements with the connection, and
   * what was sent ahead is gone with it. */
  self->pg_generation++;
  self->pg_sent_ahead = 0;
  PQreset (self->pg);
  if (PQstatus (self->pg) != CONNECTION_OK)
    {
      set_connect_error (self, self->path, error);
      return FALSE;
    }
  return configure_session (self, error) &&
         glide_store_exec (self, "LISTEN glide_changes", error);
}

/* ---- checks ---------------------------------------------------------------- */

/**
 * glide_store_pg_check_schema:
 *
 * Every table of the record is there, and every protective trigger exists
 * and fires (ALTER TABLE … DISABLE TRIGGER, which only the owner can do,
 * shows here).
 */
gboolean
glide_store_pg_check_schema (GlideStore      *self,
                             GlideCheckItem  *item,
                             GError         **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *missing = NULL;
  GlideStmt *stmt;
  guint n = 0;

  if (!glide_store_find_missing_table (self, glide_store_get_schema_version (), &missing, error))
    return FALSE;
  if (missing != NULL)
    g_string_append_printf (problems, "table %s is missing", missing);
  if (!(stmt = glide_store_prepare (self, "SELECT tgenabled::text FROM pg_trigger"
                                    " WHERE tgname = ?1 AND NOT tgisinternal", error)))
    return FALSE;
  for (guint i = 0; glide_store_pg_protective_triggers[i] != NULL; i++)
    {
      const char *name = glide_store_pg_protective_triggers[i];
      GlideStmtResult rc;
      const char *state = NULL;

      glide_stmt_reset (stmt);
      glide_stmt_bind_text (stmt, 1, name);
      rc = glide_stmt_step (stmt);
      if (rc == GLIDE_STMT_ERROR)
        return glide_store_set_db_error (self, error);
      if (rc == GLIDE_STMT_ROW)
        state = glide_stmt_column_text (stmt, 0);
      if (state == NULL || g_str_equal (state, "D"))
        g_string_append_printf (problems, "%strigger %s is %s", problems->len ? "; " : "", name,
                                state == NULL ? "missing" : "disabled");
      n++;
    }
  glide_stmt_reset (stmt);
  item->ok = problems->len == 0;
  item->message = item->ok ? g_strdup_printf ("ok (%u protective triggers in place)", n)
                           : g_string_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}
