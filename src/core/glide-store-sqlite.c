/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-sqlite.c: the SQLite back-end, the embedded default. What only
 * SQLite needs: its statements behind GlideStmt, its result codes mapped to
 * the store's failures, and opening a file safely (a new file private to the
 * user, never on a network file system, refused unless it is a Glide
 * database of this or an older schema, WAL and full syncs); the read-only
 * connection of --check and the backups, and the page and foreign key checks.
 * The schema is glide-store-schema.c, the backups glide-store-backup.c. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000

typedef struct
{
  GlideStmt     parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define SQL_STMT(s) (((SqliteStmt *) (s))->stmt)

/* Records why the last call on @db failed. */
static void
fail (GlideStore *store,
      sqlite3    *db,
      int         rc)
{
  const char *msg = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  GlideDbFailure failure;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      failure = GLIDE_DB_FAILURE_BUSY;
      break;
    case SQLITE_FULL:
      failure = GLIDE_DB_FAILURE_FULL;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      failure = GLIDE_DB_FAILURE_READ_ONLY;
      break;
    case SQLITE_CORRUPT:
      failure = GLIDE_DB_FAILURE_CORRUPT;
      break;
    case SQLITE_NOTADB:
      failure = GLIDE_DB_FAILURE_NOT_A_DATABASE;
      break;
    case SQLITE_CONSTRAINT:
      failure = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY
                ? GLIDE_DB_FAILURE_UNIQUE : GLIDE_DB_FAILURE_CONSTRAINT;
      break;
    default:
      failure = GLIDE_DB_FAILURE_OTHER;
      break;
    }
  glide_store_set_failure (store, failure, msg);
}

static GlideStmt *
sqlite_prepare (GlideStore *store,
                const char *sql)
{
  SqliteStmt *stmt = g_new0 (SqliteStmt, 1);
  int rc;

  rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt->stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail (store, store->db, rc);
      g_free (stmt);
      return NULL;
    }
  stmt->parent.backend = &glide_db_sqlite;
  stmt->parent.store = store;
  return &stmt->parent;
}

static void
sqlite_finalize (GlideStmt *stmt)
{
  sqlite3_finalize (SQL_STMT (stmt));
  g_free (stmt);
}

static void
sqlite_reset (GlideStmt *stmt)
{
  sqlite3_reset (SQL_STMT (stmt));
  sqlite3_clear_bindings (SQL_STMT (stmt));
}

static void
sqlite_bind_null (GlideStmt *stmt, int index)
{
  sqlite3_bind_null (SQL_STMT (stmt), index);
}

static void
sqlite_bind_int64 (GlideStmt *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (SQL_STMT (stmt), index, value);
}

static void
sqlite_bind_double (GlideStmt *stmt, int index, double value)
{
  sqlite3_bind_double (SQL_STMT (stmt), index, value);
}

static void
sqlite_bind_text (GlideStmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (SQL_STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_static_text (GlideStmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (SQL_STMT (stmt), index, text, -1, SQLITE_STATIC);
}

static void
sqlite_bind_blob (GlideStmt *stmt, int index, const void *data, gsize length)
{
  sqlite3_bind_blob64 (SQL_STMT (stmt), index, data, length, SQLITE_TRANSIENT);
}

/* A statement that failed is reset at once: its result code is recorded, and
 * a reset later would return the same error again. */
static GlideStmtResult
sqlite_step (GlideStmt *stmt)
{
  int rc = sqlite3_step (SQL_STMT (stmt));

  if (rc == SQLITE_ROW)
    return GLIDE_STMT_ROW;
  if (rc == SQLITE_DONE)
    return GLIDE_STMT_DONE;
  fail (stmt->store, stmt->store->db, rc);
  sqlite3_reset (SQL_STMT (stmt));
  return GLIDE_STMT_ERROR;
}

static int
sqlite_column_count (GlideStmt *stmt)
{
  return sqlite3_column_count (SQL_STMT (stmt));
}

static const char *
sqlite_column_name (GlideStmt *stmt, int column)
{
  return sqlite3_column_name (SQL_STMT (stmt), column);
}

static GlideDbType
sqlite_column_type (GlideStmt *stmt, int column)
{
  switch (sqlite3_column_type (SQL_STMT (stmt), column))
    {
    case SQLITE_INTEGER:
      return GLIDE_DB_INTEGER;
    case SQLITE_FLOAT:
      return GLIDE_DB_FLOAT;
    case SQLITE_TEXT:
      return GLIDE_DB_TEXT;
    case SQLITE_BLOB:
      return GLIDE_DB_BLOB;
    case SQLITE_NULL:
    default:
      return GLIDE_DB_NULL;
    }
}

static gint64
sqlite_column_int64 (GlideStmt *stmt, int column)
{
  return sqlite3_column_int64 (SQL_STMT (stmt), column);
}

static double
sqlite_column_double (GlideStmt *stmt, int column)
{
  return sqlite3_column_double (SQL_STMT (stmt), column);
}

static const char *
sqlite_column_text (GlideStmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (SQL_STMT (stmt), column);
}

static const void *
sqlite_column_blob (GlideStmt *stmt, int column)
{
  return sqlite3_column_blob (SQL_STMT (stmt), column);
}

static int
sqlite_column_bytes (GlideStmt *stmt, int column)
{
  return sqlite3_column_bytes (SQL_STMT (stmt), column);
}

static gint64
sqlite_changes (GlideStore *store)
{
  return sqlite3_changes64 (store->db);
}

static gboolean
sqlite_exec (GlideStore *store,
             const char *sql)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      fail (store, store->db, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_in_transaction (GlideStore *store)
{
  return !sqlite3_get_autocommit (store->db);
}

static void
sqlite_close (GlideStore *store)
{
  g_clear_pointer (&store->db, sqlite3_close);
}

/* PRAGMA data_version moves when another connection commits (SQLite reads a
 * counter in the shared memory of WAL mode: no page of the file). */
static gboolean
sqlite_changed_elsewhere (GlideStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gboolean changed = FALSE;

  if (sqlite3_prepare_v2 (store->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 version = sqlite3_column_int64 (stmt, 0);

      changed = store->data_version != 0 && version != store->data_version;
      store->data_version = version;
    }
  sqlite3_finalize (stmt);
  return changed;
}

static int
sqlite_change_fd (GlideStore *store)
{
  return -1;
}

const GlideDbBackend glide_db_sqlite = {
  .name = "sqlite",
  .begin_write = "BEGIN IMMEDIATE",
  .write_lock = NULL,
  .begin_read = "BEGIN",
  .list_tables = "SELECT name FROM sqlite_master WHERE type = 'table'",
  /* SQLite gives a new row the highest id + 1, and in a write transaction
   * nobody else inserts. A table name cannot be a parameter: this one is
   * for sessions, the only table whose ids are taken ahead (?1 unused). */
  .next_ids = "WITH RECURSIVE ahead (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM ahead"
              " WHERE n < ?2) SELECT coalesce ((SELECT max (id) FROM sessions), 0) + n FROM ahead",
  .ifnull = "ifnull",
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .bind_null = sqlite_bind_null,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_static_text = sqlite_bind_static_text,
  .bind_blob = sqlite_bind_blob,
  .step = sqlite_step,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_type = sqlite_column_type,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_blob = sqlite_column_blob,
  .column_bytes = sqlite_column_bytes,
  .changes = sqlite_changes,
  .exec = sqlite_exec,
  .in_transaction = sqlite_in_transaction,
  .close = sqlite_close,
  .changed_elsewhere = sqlite_changed_elsewhere,
  .change_fd = sqlite_change_fd,
};

/* ---- opening a file -------------------------------------------------------- */

/* Looks at what the path is, without opening it: once this process holds a
 * connection to the file, closing any other descriptor of it would drop that
 * connection's POSIX locks (SQLite's "How To Corrupt An SQLite Database
 * File", 2.2), so the header is read through SQLite instead (check_before_use). */
static gboolean
check_path (const char  *path,
            gboolean    *is_new,
            GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved != ENOENT)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                       _("Cannot open %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      *is_new = TRUE;
      return TRUE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a file"), path);
      return FALSE;
    }
  *is_new = st.st_size == 0;
  return TRUE;
}

/* Only a file that does not exist yet is created here: no connection of this
 * process can hold it open. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* SQLite gives the -wal and -shm files the mode of the database file. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("Cannot create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
restrict_permissions (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      /* Only group and others lose their access: a file its owner made
       * read-only stays read-only. */
      if (g_stat (file, &st) == 0 && (st.st_mode & 077) != 0 && st.st_uid == getuid ())
        g_chmod (file, st.st_mode & 0700);
    }
}

/* Everything here only reads: a database that fails a check is never written. */
static gboolean
check_before_use (GlideStore  *self,
                  gboolean     is_new,
                  GError     **error)
{
  gint64 version = 0, app_id = 0, n_objects = 0;
  g_autofree char *missing = NULL;

  /* The first read is where SQLite looks at the header: a file that is not an
   * SQLite database answers SQLITE_NOTADB, and nothing has been written. */
  if (!glide_store_query_int64 (self, "PRAGMA user_version", &version, error))
    {
      if (g_error_matches (*error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE))
        {
          g_clear_error (error);
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                       _("%s is not a Glide database (it is not an SQLite database file); "
                       "it was left untouched"), self->path);
        }
      return FALSE;
    }
  if (!glide_store_query_int64 (self, "PRAGMA application_id", &app_id, error))
    return FALSE;

  if (version > glide_store_get_schema_version ())
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NEWER_SCHEMA,
                   _("%s: database was created by a newer Glide (schema %lld, this program "
                     "knows %u); it was left untouched"),
                   self->path, (long long) version, glide_store_get_schema_version ());
      return FALSE;
    }
  if (app_id != 0 && app_id != GLIDE_APPLICATION_ID)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database of another program, not Glide's; "
                   "it was left untouched"), self->path);
      return FALSE;
    }
  if (version == 0)
    {
      if (!glide_store_query_int64 (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
        return FALSE;
      if (n_objects > 0)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                       _("%s is an SQLite database, but not a Glide database; "
                       "it was left untouched"), self->path);
          return FALSE;
        }
    }

  if (is_new || version == 0)
    return TRUE;

  /* What every open can afford at any size: no page of records is read here
   * (PRAGMA quick_check read every page of files up to 32 MiB: a quarter of
   * a second and more at every start of a 33 MB clinic, against a few
   * milliseconds for a larger one). SQLite has read the header and the
   * schema; the tables are looked up in it by name. A page damaged
   * further on is refused by the first read that reaches it (SQLITE_CORRUPT,
   * with cell_size_check on), and found by glide --check and by every backup,
   * which run the full integrity_check. */
  if (!glide_store_find_missing_table (self, (guint) version, &missing, error))
    return FALSE;
  if (missing != NULL)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                   _("%s is damaged: its table %s is missing; it was left untouched. "
                   "Restore it from a backup."), self->path, missing);
      return FALSE;
    }
  return TRUE;
}

/* File systems whose locks SQLite's WAL mode cannot rely on: several
 * workstations on one file there lose or damage records. */
const char *
glide_store_describe_network_file_system (gint64      fs_magic,
                                          const char *mount_type)
{
  static const struct { gint64 magic; const char *name; } magics[] = {
    { 0x6969, "NFS" },
    { 0x517B, "SMB" },
    { 0xFF534D42, "SMB/CIFS" },
    { 0xFE534D42, "SMB2" },
    { 0x5346414F, "AFS" },
    { 0x73757245, "Coda" },
    { 0x01021997, "9P" },
    { 0x00C36400, "Ceph" },
    { 0x564C, "NCP" },
  };
  static const char *const fuse_types[] = {
    "fuse.sshfs", "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs", "davfs",
    "fuse.smbnetfs", "fuse.cifs", "fuse.gvfsd-fuse", "fuse.ceph", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (magics[i].magic == fs_magic)
      return magics[i].name;
  if (mount_type != NULL && g_strv_contains (fuse_types, mount_type))
    return mount_type + (g_str_has_prefix (mount_type, "fuse.") ? 5 : 0);
  return NULL;
}

/* The type of the mount that holds dir, as /proc/self/mountinfo names it
 * ("fuse.sshfs"), which statfs cannot tell apart from other FUSE file systems. */
static char *
mount_type_of (const char *dir)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;
  char *best = NULL;

  if (g_stat (dir, &st) != 0 ||
      !g_file_get_contents ("/proc/self/mountinfo", &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* id parent major:minor root mount-point options... - type source ... */
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      guint major, minor, n = g_strv_length (fields);
      const char *sep = strstr (lines[i], " - ");

      if (n < 3 || sep == NULL || sscanf (fields[2], "%u:%u", &major, &minor) != 2)
        continue;
      if (major == major (st.st_dev) && minor == minor (st.st_dev))
        {
          g_auto(GStrv) tail = g_strsplit (sep + 3, " ", 2);

          g_free (best);
          best = g_strdup (tail[0]);
        }
    }
  return best;
}

static gboolean
check_local_file_system (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *mount_type = NULL;
  struct statfs fs;
  const char *network;

  if (statfs (dir, &fs) != 0)
    return TRUE;    /* a folder still to be made: its parent's type is checked on creation */
  mount_type = mount_type_of (dir);
  network = glide_store_describe_network_file_system ((gint64) (guint32) fs.f_type, mount_type);
  if (network == NULL)
    return TRUE;

  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NETWORK_FILE_SYSTEM,
               _("%s is on a network file system (%s). SQLite cannot lock a database safely "
               "there, and records would be lost or damaged when two workstations write. "
               "Keep the database on this computer's own disk, or let the clinic's "
               "workstations share a Glide clinic server (PostgreSQL) instead."),
               path, network);
  return FALSE;
}

static gboolean
configure_connection (GlideStore  *self,
                      GError     **error)
{
  GlideStmt *stmt;
  gboolean wal;
  int rc;

  if (!glide_store_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;
  stmt = glide_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;
  rc = glide_stmt_step (stmt);
  wal = rc == GLIDE_STMT_ROW &&
        g_ascii_strcasecmp (glide_stmt_column_text (stmt, 0), "wal") == 0;
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_ERROR && glide_store_get_failure (self) == GLIDE_DB_FAILURE_BUSY)
    return glide_store_set_db_error (self, error);
  if (!wal)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_READ_ONLY,
                   _("Cannot switch %s to write-ahead logging; is the file or its folder "
                   "read-only?"), self->path);
      return FALSE;
    }
  return TRUE;
}

/* Opens @path for @self: the SQLite half of glide_store_open(). */
gboolean
glide_store_sqlite_open (GlideStore  *self,
                         const char  *path,
                         GError     **error)
{
  gboolean is_new = FALSE;
  int rc;

  if (!check_path (path, &is_new, error) ||
      !check_local_file_system (path, error))
    return FALSE;
  if (is_new && !create_private_file (path, error))
    return FALSE;

  self->backend = &glide_db_sqlite;
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      fail (self, self->db, rc);
      return glide_store_set_db_error (self, error);
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* cell_size_check: from here on every page read is checked more closely,
   * so that a damaged page is refused (SQLITE_CORRUPT) before anything is
   * built on it.
   * cache_size: SQLite's default 2 MiB holds less than the patient search's
   * indexes and rows at 20,000 patients (about 6 MiB), which were then read
   * again from the file at every keystroke; the cache fills only as pages
   * are read.
   * temp_store: a statement that may fail halfway keeps, until it ends, the
   * pages it changes that the transaction had changed before (a statement
   * journal). Past 64 KiB SQLite moves that journal to a temporary file, and
   * keeps using the file for every statement until the transaction ends:
   * inside an import's one bulk transaction that was 483,230 writes to a
   * deleted file in /var/tmp for 2,000 patients (the rows themselves: about
   * 23,000). In memory, it lasts one statement, or one store call's
   * savepoint, and is no larger than the pages that statement changed. */
  if (!glide_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !check_before_use (self, is_new, error) ||
      !glide_store_exec (self, "PRAGMA cell_size_check = ON", error) ||
      !glide_store_exec (self, "PRAGMA cache_size = -16384", error) ||
      !glide_store_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !configure_connection (self, error) ||
      !glide_store_migrate (self, error) ||
      !glide_store_load_database_id (self, error))
    return FALSE;

  restrict_permissions (path);
  return TRUE;
}

/* A private file of the store's own that is not a clinic's record (a clinic
 * server's editor recovery state, kept on this workstation): created 0600 in
 * a 0700 folder, written durably, without Glide's schema. */
gboolean
glide_store_sqlite_open_private (GlideStore  *self,
                                 const char  *path,
                                 GError     **error)
{
  gboolean is_new = FALSE;
  int rc;

  if (!check_path (path, &is_new, error))
    return FALSE;
  if (is_new && !create_private_file (path, error))
    return FALSE;
  self->backend = &glide_db_sqlite;
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      fail (self, self->db, rc);
      return glide_store_set_db_error (self, error);
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!configure_connection (self, error))
    return FALSE;
  restrict_permissions (path);
  return TRUE;
}

/* A read-only connection to the database at @path, as a store whose reads
 * and checks can run on it: glide --check's thread, a backup's verification. */
GlideStore *
glide_store_open_reader (const char  *path,
                         GError     **error)
{
  g_autoptr(GlideStore) reader = glide_store_new_unopened (path);
  int rc;

  reader->backend = &glide_db_sqlite;
  rc = sqlite3_open_v2 (path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      fail (reader, reader->db, rc);
      glide_store_set_db_error (reader, error);
      return NULL;
    }
  sqlite3_extended_result_codes (reader->db, 1);
  sqlite3_busy_timeout (reader->db, BUSY_TIMEOUT_MS);
  return g_steal_pointer (&reader);
}

/* ---- checks ---------------------------------------------------------------- */

/* Runs a PRAGMA that lists problems, one per row: integrity_check ("ok" when
 * there are none) or foreign_key_check (no rows when there are none). */
static gboolean
check_pragma_rows (GlideStore      *self,
                   const char      *sql,
                   gboolean         ok_is_empty,
                   GlideCheckItem  *item,
                   GError         **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail (self, self->db, rc);
      return glide_store_set_db_error (self, error);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (ok_is_empty)
        {
          /* foreign_key_check: table, rowid, parent, fkid */
          if (n < 5)
            g_string_append_printf (problems, "%s%s row %" G_GINT64_FORMAT " refers to a missing %s",
                                    n ? "; " : "", sqlite3_column_text (stmt, 0),
                                    (gint64) sqlite3_column_int64 (stmt, 1),
                                    sqlite3_column_text (stmt, 2));
        }
      else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0 && n < 5)
        g_string_append_printf (problems, "%s%s", n ? "; " : "", sqlite3_column_text (stmt, 0));
      n++;
    }
  if (rc != SQLITE_DONE)
    fail (self, self->db, rc);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return glide_store_set_db_error (self, error);

  item->ok = problems->len == 0;
  item->message = item->ok ? g_strdup ("ok") : g_strdup (problems->str);
  return TRUE;
}

/* Every page and index (the slowest part of --check), then the foreign keys. */
gboolean
glide_store_sqlite_check_pages (GlideStore      *reader,
                                GlideCheckItem  *integrity,
                                GlideCheckItem  *foreign_keys,
                                GError         **error)
{
  return check_pragma_rows (reader, "PRAGMA integrity_check", FALSE, integrity, error) &&
         check_pragma_rows (reader, "PRAGMA foreign_key_check", TRUE, foreign_keys, error);
}
