/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-backup.c: verified online backups (SQLite's backup API from a
 * live connection into a private temporary file, checked as a Glide store,
 * then renamed into place), their grandfather-father-son rotation, and
 * restoring one into a database that is missing or older. */

#define G_LOG_DOMAIN "glide-store-backup"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* glide-YYYY-MM-DD-HHMMSS.db, UTC: names sort in time order. */
#define BACKUP_PREFIX      "glide-"
#define BACKUP_SUFFIX      ".db"
#define BACKUP_NAME_LENGTH 26
/* A copy being written: ".glide-backup-PID.XXXXXX.partial" (plus SQLite's
 * "-journal" while it is open). Never taken for a backup: it is hidden and
 * does not match the backup name; the next backup into the folder removes
 * those of processes that are gone. */
#define PARTIAL_PREFIX     ".glide-backup-"
#define PARTIAL_MARK       ".partial"
/* Pages copied per step; small enough that a test can stop a copy midway. */
#define PAGES_PER_STEP     64

/* ---- names and rotation (pure) ------------------------------------------- */

/**
 * glide_backup_name_for_time:
 *
 * Returns: the automatic backup file name for @time, in UTC
 */
char *
glide_backup_name_for_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, BACKUP_PREFIX "%Y-%m-%d-%H%M%S" BACKUP_SUFFIX);
}

static gboolean
digits (const char *text,
        guint       n,
        int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

/**
 * glide_backup_name_get_time:
 * @name: a file name (no folder)
 *
 * Returns: (nullable): the UTC time of an automatic backup's name, or %NULL
 *   when @name is not exactly such a name
 */
GDateTime *
glide_backup_name_get_time (const char *name)
{
  int y, mo, d, h, mi, s;

  if (name == NULL || strlen (name) != BACKUP_NAME_LENGTH ||
      !g_str_has_prefix (name, BACKUP_PREFIX) || !g_str_has_suffix (name, BACKUP_SUFFIX))
    return NULL;
  name += strlen (BACKUP_PREFIX);
  if (!digits (name, 4, &y) || name[4] != '-' || !digits (name + 5, 2, &mo) ||
      name[7] != '-' || !digits (name + 8, 2, &d) || name[10] != '-' ||
      !digits (name + 11, 2, &h) || !digits (name + 13, 2, &mi) || !digits (name + 15, 2, &s))
    return NULL;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 ||
      !g_date_valid_dmy (d, mo, y))
    return NULL;
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

typedef struct
{
  const char *name;
  GDateTime  *time;
} Candidate;

static int
compare_candidates_newest_first (gconstpointer a,
                                 gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  return -g_date_time_compare (ca->time, cb->time);
}

static gint64
day_number (GDateTime *time)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
  return g_date_get_julian (&date);
}

/* Day number of the Monday that starts @time's ISO week. */
static gint64
week_number (GDateTime *time)
{
  return (day_number (time) - (g_date_time_get_day_of_week (time) - 1)) / 7;
}

static gint64
month_number (GDateTime *time)
{
  return (gint64) g_date_time_get_year (time) * 12 + g_date_time_get_month (time) - 1;
}

/**
 * glide_backup_plan_rotation:
 * @names: (array zero-terminated=1): file names in the backup folder
 * @now: the time of the rotation
 * @days: how many of the last days (today included) keep their newest backup
 * @weeks: the same for ISO weeks (this week included)
 * @months: the same for calendar months (this month included)
 *
 * Decides which automatic backups a rotation removes, from the names alone.
 * Names that are not automatic backup names are never listed. The newest
 * backup up to @now and backups dated after @now (a clock that was set
 * back) are always kept.
 *
 * Returns: (transfer full) (element-type utf8): the names to remove, oldest
 *   first
 */
GPtrArray *
glide_backup_plan_rotation (const char *const *names,
                            GDateTime         *now,
                            guint              days,
                            guint              weeks,
                            guint              months)
{
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) seen_days = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen_weeks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen_months = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *remove = g_ptr_array_new_with_free_func (g_free);
  gint64 today = day_number (now_utc), this_week = week_number (now_utc);
  gint64 this_month = month_number (now_utc);
  gboolean kept_newest = FALSE;

  g_return_val_if_fail (now != NULL, remove);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Candidate c = { names[i], glide_backup_name_get_time (names[i]) };

      if (c.time != NULL)
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates_newest_first);
  /* The hash tables hold pointers into this array: no reallocation. */
  g_array_set_size (keys, candidates->len * 3);

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      gint64 *day = &g_array_index (keys, gint64, 3 * i);
      gint64 *week = day + 1, *month = day + 2;
      gboolean future = g_date_time_compare (c->time, now_utc) > 0;
      gboolean keep = future || !kept_newest;

      *day = day_number (c->time);
      *week = week_number (c->time);
      *month = month_number (c->time);

      if (today - *day < days && !g_hash_table_contains (seen_days, day))
        keep = TRUE;
      if (this_week - *week < weeks && !g_hash_table_contains (seen_weeks, week))
        keep = TRUE;
      if (this_month - *month < months && !g_hash_table_contains (seen_months, month))
        keep = TRUE;
      g_hash_table_add (seen_days, day);
      g_hash_table_add (seen_weeks, week);
      g_hash_table_add (seen_months, month);

      if (!future)
        kept_newest = TRUE;
      if (!keep)
        g_ptr_array_insert (remove, 0, g_strdup (c->name));
    }

  for (guint i = 0; i < candidates->len; i++)
    g_date_time_unref (g_array_index (candidates, Candidate, i).time);
  return remove;
}

/* ---- files ------------------------------------------------------------------ */

/**
 * glide_backup_get_default_dir:
 *
 * Returns: the folder of automatic backups: backups/ beside the database
 */
char *
glide_backup_get_default_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

static char **
list_names (const char  *dir,
            GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return NULL;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean set_errno_error (GError     **error,
                                 int          saved,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);

/* Always FALSE; the message ends with what the system said. */
static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *format,
                 ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED, "%s: %s", what,
               g_strerror (saved));
  return FALSE;
}

static gboolean
ensure_private_dir (const char  *dir,
                    GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, errno, _("Cannot create the backup folder %s"), dir);
  return TRUE;
}

/**
 * glide_backup_rotate:
 *
 * Removes the automatic backups in @dir that glide_backup_plan_rotation()
 * lists, with the default numbers. Other files are never touched.
 */
gboolean
glide_backup_rotate (const char  *dir,
                     GDateTime   *now,
                     GError     **error)
{
  g_auto(GStrv) names = list_names (dir, error);
  g_autoptr(GPtrArray) remove = NULL;

  if (names == NULL)
    return FALSE;
  remove = glide_backup_plan_rotation ((const char *const *) names, now,
                                       GLIDE_BACKUP_KEEP_DAYS, GLIDE_BACKUP_KEEP_WEEKS,
                                       GLIDE_BACKUP_KEEP_MONTHS);
  for (guint i = 0; i < remove->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (remove, i), NULL);
      GStatBuf st;

      /* Only regular files: a link or folder of that name is not ours. */
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (path) != 0)
        return set_errno_error (error, errno, _("Cannot remove the old backup %s"), path);
    }
  return TRUE;
}

/**
 * glide_backup_find_latest:
 *
 * Returns: (nullable): the time of the newest automatic backup in @dir, or
 *   %NULL when there is none (or the folder cannot be read)
 */
GDateTime *
glide_backup_find_latest (const char *dir)
{
  g_auto(GStrv) names = list_names (dir, NULL);
  GDateTime *latest = NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GDateTime *time = glide_backup_name_get_time (names[i]);

      if (time == NULL)
        continue;
      if (latest == NULL || g_date_time_compare (time, latest) > 0)
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = time;
        }
      else
        g_date_time_unref (time);
    }
  return latest;
}

/* The process that wrote a partial copy, or 0 when @name is not one. */
static pid_t
partial_owner (const char *name)
{
  const char *p;
  guint64 pid;
  char *end;

  if (!g_str_has_prefix (name, PARTIAL_PREFIX) || strstr (name, PARTIAL_MARK) == NULL)
    return 0;
  p = name + strlen (PARTIAL_PREFIX);
  pid = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != '.' || pid == 0 || pid > G_MAXINT)
    return 0;
  return (pid_t) pid;
}

/**
 * glide_backup_clean_partial:
 *
 * Removes the partial copies in @dir left by backups or restores that were
 * killed: those of processes that no longer run.
 */
gboolean
glide_backup_clean_partial (const char  *dir,
                            GError     **error)
{
  g_auto(GStrv) names = list_names (dir, error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      pid_t pid = partial_owner (names[i]);
      g_autofree char *path = NULL;
      GStatBuf st;

      if (pid == 0 || pid == getpid () || kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      path = g_build_filename (dir, names[i], NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && g_unlink (path) != 0)
        return set_errno_error (error, errno, _("Cannot remove the partial backup %s"), path);
    }
  return TRUE;
}

/* A new empty private file for a copy in @dir; the name is recognisable as
 * partial and names this process. */
static char *
create_partial_file (const char  *dir,
                     GError     **error)
{
  g_autofree char *template = NULL;
  g_autofree char *path = NULL;
  int fd;

  template = g_strdup_printf (PARTIAL_PREFIX "%d.XXXXXX" PARTIAL_MARK, (int) getpid ());
  path = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("Cannot create a file in %s"), dir);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static void
remove_partial (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

/* Stops this process at @stage when GLIDE_TEST_BACKUP_PAUSE names it, so a
 * test can kill a backup at a known point without sleeping. */
static void
test_pause_point (const char *stage)
{
  const char *pause = g_getenv ("GLIDE_TEST_BACKUP_PAUSE");

  if (pause != NULL && g_str_equal (pause, stage))
    raise (SIGSTOP);
}

/* ---- copying and verifying ------------------------------------------------- */

static gboolean
set_db_error (sqlite3     *db,
              int          rc,
              const char  *what,
              const char  *path,
              GError     **error)
{
  GlideStoreError code = GLIDE_STORE_ERROR_FAILED;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = GLIDE_STORE_ERROR_FULL;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = GLIDE_STORE_ERROR_BUSY;
      break;
    case SQLITE_NOTADB:
      code = GLIDE_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CORRUPT:
      code = GLIDE_STORE_ERROR_CORRUPT;
      break;
    default:
      break;
    }
  g_set_error (error, GLIDE_STORE_ERROR, code, _("%s %s: %s"), what, path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Copies the main database of @source into the empty file @path and leaves
 * it a self-contained file (rollback journal, no -wal). */
static gboolean
copy_database (sqlite3     *source,
               const char  *path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean paused = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  sqlite3_extended_result_codes (dest, 1);
  if ((rc = sqlite3_exec (dest, "PRAGMA synchronous = FULL", NULL, NULL, NULL)) != SQLITE_OK)
    goto fail;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto fail;
    }
  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (!paused)
        {
          test_pause_point ("copy");
          paused = TRUE;
        }
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    goto fail;

  /* The copied header says WAL, as the source is; a backup is one file. */
  if ((rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK)
    goto fail;
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto fail;
  return TRUE;

fail:
  set_db_error (dest, rc, "Cannot write the copy", path, error);
  sqlite3_close (dest);
  return FALSE;
}

/* The newest audit entry of @store: what "newer" means for a restore. */
static GlideBackupInfo *
read_info (GlideStore  *store,
           GError     **error)
{
  g_autoptr(GlideBackupInfo) info = g_new0 (GlideBackupInfo, 1);
  GlideStmt *stmt;
  int rc;

  stmt = glide_store_prepare (store, "SELECT id, at FROM audit_log ORDER BY id DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW)
    {
      info->audit_entries = glide_stmt_column_int64 (stmt, 0);
      info->last_audit_at = glide_store_column_dup (stmt, 1);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    {
      glide_store_set_db_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&info);
}

/* Reading a database in WAL mode (a copy of a database in use, rather than
 * a backup Glide made) makes its -wal and -shm files beside it, which a
 * read-only reader never removes: a look at a backup left them on the
 * backup disk. Which of them were not there before: */
static guint
reader_files_missing (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm" };
  guint missing = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        missing |= 1u << i;
    }
  return missing;
}

/* Once the reader is closed: removes those it made (an empty -wal, then its
 * -shm), never one that was there before. */
static void
remove_reader_files (const char *path,
                     guint       missing)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  if ((missing & 1u) && g_lstat (wal, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0)
    g_unlink (wal);
  if ((missing & 2u) && !g_file_test (wal, G_FILE_TEST_EXISTS) &&
      g_lstat (shm, &st) == 0 && S_ISREG (st.st_mode))
    g_unlink (shm);
}

/* Opens @path read-only and checks it is a Glide database this program can
 * read, then runs every check of glide --check on it. */
static GlideStore *
open_verified (const char  *path,
               GError     **error)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 app_id = 0, version = 0;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      set_errno_error (error, errno, _("Cannot read %s"), path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a regular file, so it is not a Glide backup"), path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is empty (0 bytes), so it is not a Glide backup"), path);
      return NULL;
    }
  if (!(store = glide_store_open_reader (path, error)))
    return NULL;
  if (!glide_store_query_int64 (store, "PRAGMA application_id", &app_id, &local_error) ||
      !glide_store_query_int64 (store, "PRAGMA user_version", &version, &local_error))
    {
      if (g_error_matches (local_error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE))
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                     _("%s is not a Glide database (it is not an SQLite database file)"), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (app_id != GLIDE_APPLICATION_ID || version < 1)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is an SQLite database, but not a Glide database"), path);
      return NULL;
    }
  if (version > glide_store_get_schema_version ())
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NEWER_SCHEMA,
                   _("%s was made by a newer Glide (schema %lld, this program knows %u)"), path,
                   (long long) version, glide_store_get_schema_version ());
      return NULL;
    }

  if (!(items = glide_store_check (store, &local_error)))
    {
      if (g_error_matches (local_error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                     _("%s cannot be checked, it is damaged: %s"), path, local_error->message);
      return NULL;
    }
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      if (!item->ok)
        {
          /* The check's message lists its findings on indented lines: one
           * line here, where it ends up in a sentence. */
          g_auto(GStrv) lines = g_strsplit (item->message, "\n", -1);
          g_autofree char *one_line = NULL;

          for (guint j = 0; lines[j] != NULL; j++)
            g_strstrip (lines[j]);
          one_line = g_strjoinv (" ", lines);
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                       _("%s failed the check (%s: %s)"), path, item->name, one_line);
          return NULL;
        }
    }
  return g_steal_pointer (&store);
}

/**
 * glide_backup_verify:
 * @path: a backup or any database file
 *
 * Checks that @path is a complete Glide database: read-only, it must be
 * Glide's, not newer than this program, and pass every check of
 * glide --check (integrity_check, foreign keys, triggers, the audit chain).
 *
 * Returns: (transfer full) (nullable): what the copy holds, or %NULL with a
 *   message naming the file and what failed
 */
GlideBackupInfo *
glide_backup_verify (const char  *path,
                     GError     **error)
{
  g_autoptr(GlideStore) store = NULL;
  GlideBackupInfo *info = NULL;
  guint missing;

  g_return_val_if_fail (path != NULL, NULL);

  missing = reader_files_missing (path);
  if ((store = open_verified (path, error)))
    info = read_info (store, error);
  g_clear_object (&store);
  remove_reader_files (path, missing);
  return info;
}

void
glide_backup_info_free (GlideBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->last_audit_at);
  g_free (info);
}

static void
sync_file (const char *path)
{
  /* No SQLite connection is open on the copy any more. */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Puts @partial at @path: replacing a regular file when @overwrite, never
 * anything else. */
static gboolean
check_target (const char  *path,
              gboolean     overwrite,
              gboolean    *exists,
              GError     **error)
{
  GStatBuf st;

  *exists = g_lstat (path, &st) == 0;
  if (*exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                   _("%s exists and is not a regular file (a link, folder or device); "
                   "it was left as it was"), path);
      return FALSE;
    }
  if (*exists && !overwrite)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                   _("%s already exists; it was left as it was (--force replaces it)"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
move_into_place (const char  *partial,
                 const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  gboolean exists;

  if (!check_target (path, overwrite, &exists, error))
    return FALSE;
  if (!exists && !overwrite)
    {
      /* link() fails when a file appeared at @path meanwhile. */
      if (link (partial, path) == 0)
        {
          g_unlink (partial);
          return TRUE;
        }
      if (errno == EEXIST)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                       _("%s already exists; it was left as it was (--force replaces it)"), path);
          return FALSE;
        }
      /* File systems without hard links: rename. */
    }
  if (g_rename (partial, path) != 0)
    return set_errno_error (error, errno, _("Cannot move the backup to %s"), path);
  return TRUE;
}

/**
 * glide_store_backup:
 * @path: the backup file to write
 * @overwrite: replace an existing regular file at @path
 *
 * Copies the open database, while it stays in use, into a private partial
 * file beside @path, verifies the copy (glide_backup_verify()), and only
 * then renames it to @path (0600). A failure or a kill at any point leaves
 * @path as it was; the partial file is removed, or by the next backup into
 * the folder when the process was killed.
 */
gboolean
glide_store_backup (GlideStore  *self,
                    const char  *path,
                    gboolean     overwrite,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(GlideBackupInfo) info = NULL;
  gboolean exists;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                           _("A clinic server is backed up on the server, by its administrator "
                           "(pg_dump, or glide --export-json as the database owner); Glide "
                           "makes backup files of SQLite databases only"));
      return FALSE;
    }
  /* Refused before any work when the answer is already known. */
  if (!check_target (path, overwrite, &exists, error))
    return FALSE;
  if (self->depth > 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("A backup cannot be made inside a transaction"));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && !ensure_private_dir (dir, error))
    return FALSE;
  if (!glide_backup_clean_partial (dir, error) ||
      !(partial = create_partial_file (dir, error)))
    return FALSE;

  if (!copy_database (self->db, partial, error) ||
      !(info = glide_backup_verify (partial, error)))
    {
      remove_partial (partial);
      return FALSE;
    }
  sync_file (partial);
  test_pause_point ("rename");
  if (!move_into_place (partial, path, overwrite, error))
    {
      remove_partial (partial);
      return FALSE;
    }
  sync_dir (dir);
  /* The copy's chain head, so --check of the backup, or a restore from it,
   * shows a backup altered after it was made. */
  glide_store_anchor_file (path);
  return TRUE;
}

/**
 * glide_store_backup_to_dir:
 * @dir: the backup folder (created 0700 when missing)
 *
 * Makes an automatic backup: a verified copy named after the current UTC
 * time (glide-YYYY-MM-DD-HHMMSS.db), then the rotation of the folder.
 *
 * Returns: (transfer full): the new backup's path, or %NULL
 */
char *
glide_store_backup_to_dir (GlideStore  *self,
                           const char  *dir,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = glide_backup_name_for_time (now);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (!ensure_private_dir (dir, error))
    return NULL;
  /* A second backup within a second replaces the first, which is older. */
  if (!glide_store_backup (self, path, TRUE, error) ||
      !glide_backup_rotate (dir, now, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * glide_store_get_change_count:
 *
 * Returns: how many rows this connection has changed since it was opened;
 *   what the window compares to know whether a backup is due
 */
gint64
glide_store_get_change_count (GlideStore *self)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), 0);
  /* A clinic server is backed up on the server: nothing is ever due here. */
  if (self->db == NULL)
    return 0;
  return sqlite3_total_changes64 (self->db);
}

/* ---- restoring --------------------------------------------------------------- */

/* Whether @db (what the database holds) is older than @backup. */
static gboolean
info_is_older (const GlideBackupInfo *db,
               const GlideBackupInfo *backup)
{
  int cmp;

  if (db->audit_entries == 0)
    return TRUE;
  if (backup->audit_entries == 0)
    return FALSE;
  cmp = g_strcmp0 (db->last_audit_at, backup->last_audit_at);
  return cmp < 0 || (cmp == 0 && db->audit_entries < backup->audit_entries);
}

/* Makes sure no program uses @db_path and that its write-ahead log is
 * folded into the file: leaving WAL mode needs every other connection
 * closed. */
static gboolean
take_database_out_of_use (const char  *db_path,
                          GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean wal = TRUE;
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 2000);
      rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK && wal)
    rc = SQLITE_BUSY;
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY,
                     _("%s is in use by another program (a Glide window?); close it and "
                     "restore again. Nothing was changed"), db_path);
      else
        set_db_error (db, rc, "Cannot prepare", db_path, error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);
  return TRUE;
}

/* Moves the database at @db_path (and a leftover -wal and -shm, which
 * belong to it) aside to a new name beside it, so a restore loses nothing. */
static char *
keep_aside (const char  *db_path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.before-restore-%s-%u", db_path, stamp, n);
    }
  /* A hard link keeps @db_path in place until the new file replaces it. */
  if (link (db_path, aside) != 0 && g_rename (db_path, aside) != 0)
    {
      set_errno_error (error, errno, _("Cannot keep the current database %s"), db_path);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          set_errno_error (error, errno, _("Cannot keep %s"), from);
          return NULL;
        }
    }
  return g_steal_pointer (&aside);
}

static gboolean restore_verified (const char  *backup_path,
                                  const char  *db_path,
                                  gboolean     force,
                                  char       **kept_path,
                                  GError     **error);

/**
 * glide_backup_restore:
 * @backup_path: the backup to restore
 * @db_path: the database to restore into
 * @force: replace @db_path even when it is newer than the backup or cannot
 *   be read
 * @kept_path: (out) (optional) (nullable): where the replaced database was
 *   kept, %NULL when there was none
 *
 * Verifies the backup as glide_backup_verify() does and writes it into
 * @db_path through a private partial file beside it and a rename. An
 * existing database is replaced only when it is older than the backup (its
 * last audit entry is earlier), or with @force; it is kept beside as
 * DB.before-restore-YYYY-MM-DD-HHMMSS. A database in use is never replaced.
 */
gboolean
glide_backup_restore (const char  *backup_path,
                      const char  *db_path,
                      gboolean     force,
                      char       **kept_path,
                      GError     **error)
{
  guint missing;
  gboolean ok;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  missing = reader_files_missing (backup_path);
  ok = restore_verified (backup_path, db_path, force, kept_path, error);
  remove_reader_files (backup_path, missing);
  return ok;
}

static gboolean
restore_verified (const char  *backup_path,
                  const char  *db_path,
                  gboolean     force,
                  char       **kept_path,
                  GError     **error)
{
  g_autoptr(GlideStore) backup = NULL;
  g_autoptr(GlideBackupInfo) backup_info = NULL;
  g_autoptr(GlideBackupInfo) copy_info = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *kept = NULL;
  gboolean exists;
  GStatBuf st;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;
  if (!(backup = open_verified (backup_path, error)) ||
      !(backup_info = read_info (backup, error)))
    {
      g_prefix_error (error, _("The backup was refused: "));
      return FALSE;
    }

  exists = g_lstat (db_path, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                   _("%s is not a regular file (a link, folder or device); it was left as it "
                   "was"), db_path);
      return FALSE;
    }
  if (exists)
    {
      GStatBuf backup_st;

      if (g_stat (backup_path, &backup_st) == 0 && backup_st.st_dev == st.st_dev &&
          backup_st.st_ino == st.st_ino)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                       _("%s is the database itself, not a backup of it: give the backup "
                         "file to restore; nothing was changed"), backup_path);
          return FALSE;
        }
    }
  if (exists)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GlideStore) current = glide_store_open_reader (db_path, &local_error);
      g_autoptr(GlideBackupInfo) current_info = NULL;

      if (current != NULL)
        current_info = read_info (current, &local_error);
      g_clear_object (&current);
      if (current_info == NULL && !force)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                       _("%s cannot be read (%s), so it cannot be told whether it is newer than "
                       "the backup; nothing was changed. Use --force to replace it (it is "
                       "kept beside)"), db_path, local_error->message);
          return FALSE;
        }
      if (current_info != NULL && !force && !info_is_older (current_info, backup_info))
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                       _("%s is not older than the backup (its last audit entry, %lld at %s, "
                         "is not before the backup's, %lld at %s); nothing was changed. Use "
                         "--force to replace it anyway (it is kept beside)"), db_path,
                       (long long) current_info->audit_entries,
                       current_info->last_audit_at, (long long) backup_info->audit_entries,
                       backup_info->last_audit_at ? backup_info->last_audit_at : "none");
          return FALSE;
        }
      /* A database SQLite can open must not be in use; one it cannot open
       * (damaged) is replaced with --force as it is. */
      if (current_info != NULL && !take_database_out_of_use (db_path, error))
        return FALSE;
    }

  dir = g_path_get_dirname (db_path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && !ensure_private_dir (dir, error))
    return FALSE;
  if (!glide_backup_clean_partial (dir, error) ||
      !(partial = create_partial_file (dir, error)))
    return FALSE;
  if (!copy_database (backup->db, partial, error) ||
      !(copy_info = glide_backup_verify (partial, error)))
    {
      remove_partial (partial);
      return FALSE;
    }
  sync_file (partial);

  if (exists && !(kept = keep_aside (db_path, error)))
    {
      remove_partial (partial);
      return FALSE;
    }
  if (g_rename (partial, db_path) != 0)
    {
      set_errno_error (error, errno, _("Cannot move the restored database to %s"), db_path);
      remove_partial (partial);
      return FALSE;
    }
  sync_dir (dir);
  /* The restored database starts with an anchor at its own path. */
  glide_store_anchor_file (db_path);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
