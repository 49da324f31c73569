/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-backup-runner.c: the window's automatic backups. A backup is due
 * when the window's store connection has changed rows since the last backup
 * began and the backup folder holds none of today (UTC); it is made on a
 * GTask thread with a connection of its own (SQLite connections are not
 * shared across threads). On quit, a running backup is waited for and the
 * changes since the last one are backed up before the store closes. */

#define G_LOG_DOMAIN "glide-backup-runner"

#include "config.h"

#include "glide-backup-runner.h"

#include <glib/gi18n.h>

/* How often the window looks whether a change wants today's backup. */
#define CHECK_INTERVAL_SECONDS 60

struct _GlideBackupRunner
{
  GObject     parent_instance;

  GlideStore *store;
  char       *dir;
  GDateTime  *last_backup;        /* newest backup in dir, or NULL */
  char       *error;              /* why the last backup failed, or NULL */
  gboolean    busy;               /* a backup runs (as the main thread sees it) */
  gint64      changes_backed_up;  /* the store's change count when the last backup began */
  guint       check_source;

  GMutex      lock;
  GCond       done;
  gboolean    thread_running;     /* under lock: the thread has not finished */
};

G_DEFINE_FINAL_TYPE (GlideBackupRunner, glide_backup_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_LAST_BACKUP,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GlideStore *source;  /* the runner's: the thread opens another connection */
  char       *dir;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->source);
  g_free (job->dir);
  g_free (job);
}

static void
refresh_last_backup (GlideBackupRunner *self)
{
  g_autoptr(GDateTime) latest = glide_backup_find_latest (self->dir);

  if ((latest == NULL) == (self->last_backup == NULL) &&
      (latest == NULL || g_date_time_equal (latest, self->last_backup)))
    return;
  g_clear_pointer (&self->last_backup, g_date_time_unref);
  self->last_backup = g_steal_pointer (&latest);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_BACKUP]);
}

static void
set_error (GlideBackupRunner *self,
           const char        *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_busy (GlideBackupRunner *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GlideBackupRunner *self = source_object;
  BackupJob *job = task_data;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if ((store = glide_store_open_another (job->source, &error)) != NULL)
    path = glide_store_backup_to_dir (store, job->dir, &error);
  g_clear_object (&store);

  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);

  /* Quit waits for this, not for the callback on the main loop. */
  g_mutex_lock (&self->lock);
  self->thread_running = FALSE;
  g_cond_broadcast (&self->done);
  g_mutex_unlock (&self->lock);
}

static void
on_backup_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlideBackupRunner *self = GLIDE_BACKUP_RUNNER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (path == NULL)
    g_debug ("Automatic backup failed: %s", error->message);
  set_error (self, error ? error->message : NULL);
  refresh_last_backup (self);
  set_busy (self, FALSE);
}

static void
start_backup (GlideBackupRunner *self)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  if (self->busy || self->store == NULL)
    return;
  if (glide_store_is_server (self->store))
    {
      set_error (self, _("A clinic server is backed up on the server, by its administrator "
                         "(pg_dump); Glide makes backup files of databases on this computer"));
      return;
    }

  job = g_new0 (BackupJob, 1);
  job->source = g_object_ref (self->store);
  job->dir = g_strdup (self->dir);
  self->changes_backed_up = glide_store_get_change_count (self->store);
  g_mutex_lock (&self->lock);
  self->thread_running = TRUE;
  g_mutex_unlock (&self->lock);
  set_busy (self, TRUE);

  task = g_task_new (self, NULL, on_backup_done, NULL);
  g_task_set_source_tag (task, start_backup);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

static gboolean
has_unsaved_changes (GlideBackupRunner *self)
{
  return self->store != NULL && !glide_store_is_server (self->store) &&
         glide_store_get_change_count (self->store) != self->changes_backed_up;
}

static gboolean
on_check_timeout (gpointer user_data)
{
  glide_backup_runner_check (GLIDE_BACKUP_RUNNER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
glide_backup_runner_dispose (GObject *object)
{
  GlideBackupRunner *self = GLIDE_BACKUP_RUNNER (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (glide_backup_runner_parent_class)->dispose (object);
}

static void
glide_backup_runner_finalize (GObject *object)
{
  GlideBackupRunner *self = GLIDE_BACKUP_RUNNER (object);

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->last_backup, g_date_time_unref);
  g_clear_pointer (&self->error, g_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);

  G_OBJECT_CLASS (glide_backup_runner_parent_class)->finalize (object);
}

static void
glide_backup_runner_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlideBackupRunner *self = GLIDE_BACKUP_RUNNER (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_LAST_BACKUP:
      g_value_set_boxed (value, self->last_backup);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_backup_runner_class_init (GlideBackupRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glide_backup_runner_dispose;
  object_class->finalize = glide_backup_runner_finalize;
  object_class->get_property = glide_backup_runner_get_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_BACKUP] =
    g_param_spec_boxed ("last-backup", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glide_backup_runner_init (GlideBackupRunner *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
}

/**
 * glide_backup_runner_new:
 * @store: the window's store
 * @dir: (nullable): the backup folder; %NULL or "" for backups/ beside the
 *   database
 */
GlideBackupRunner *
glide_backup_runner_new (GlideStore *store,
                         const char *dir)
{
  GlideBackupRunner *self;

  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);

  self = g_object_new (GLIDE_TYPE_BACKUP_RUNNER, NULL);
  self->store = g_object_ref (store);
  self->changes_backed_up = glide_store_get_change_count (store);
  glide_backup_runner_set_dir (self, dir);
  self->check_source = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_check_timeout, self);
  return self;
}

const char *
glide_backup_runner_get_dir (GlideBackupRunner *self)
{
  g_return_val_if_fail (GLIDE_IS_BACKUP_RUNNER (self), NULL);
  return self->dir;
}

void
glide_backup_runner_set_dir (GlideBackupRunner *self,
                             const char        *dir)
{
  g_autofree char *resolved = NULL;

  g_return_if_fail (GLIDE_IS_BACKUP_RUNNER (self));

  resolved = dir != NULL && *dir != '\0' ? g_strdup (dir) :
             glide_backup_get_default_dir (glide_store_get_path (self->store));
  if (g_strcmp0 (resolved, self->dir) == 0)
    return;
  g_free (self->dir);
  self->dir = g_steal_pointer (&resolved);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIR]);
  refresh_last_backup (self);
}

/**
 * glide_backup_runner_get_last_backup:
 *
 * Returns: (nullable) (transfer none): when the newest backup in the folder
 *   was made, or %NULL when there is none
 */
GDateTime *
glide_backup_runner_get_last_backup (GlideBackupRunner *self)
{
  g_return_val_if_fail (GLIDE_IS_BACKUP_RUNNER (self), NULL);
  return self->last_backup;
}

gboolean
glide_backup_runner_get_busy (GlideBackupRunner *self)
{
  g_return_val_if_fail (GLIDE_IS_BACKUP_RUNNER (self), FALSE);
  return self->busy;
}

const char *
glide_backup_runner_get_error (GlideBackupRunner *self)
{
  g_return_val_if_fail (GLIDE_IS_BACKUP_RUNNER (self), NULL);
  return self->error;
}

/**
 * glide_backup_runner_is_overdue:
 *
 * Returns: whether the last backup is older than GLIDE_BACKUP_OVERDUE_DAYS
 *   at @now, or there is none of a database that holds records
 */
gboolean
glide_backup_runner_is_overdue (GlideBackupRunner *self,
                                GDateTime         *now)
{
  g_return_val_if_fail (GLIDE_IS_BACKUP_RUNNER (self), FALSE);

  /* A clinic server is backed up on the server, by its administrator. */
  if (self->store != NULL && glide_store_is_server (self->store))
    return FALSE;
  if (self->last_backup == NULL)
    return self->store != NULL && !glide_store_is_empty (self->store, NULL);
  return g_date_time_difference (now, self->last_backup) >
         GLIDE_BACKUP_OVERDUE_DAYS * G_TIME_SPAN_DAY;
}

/**
 * glide_backup_runner_back_up_now:
 *
 * Starts a backup on a worker thread, unless one is running.
 */
void
glide_backup_runner_back_up_now (GlideBackupRunner *self)
{
  g_return_if_fail (GLIDE_IS_BACKUP_RUNNER (self));
  start_backup (self);
}

/**
 * glide_backup_runner_check:
 *
 * Starts a backup when the store changed since the last one began and the
 * folder holds no backup made today (UTC): the first change of each day.
 */
void
glide_backup_runner_check (GlideBackupRunner *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (GLIDE_IS_BACKUP_RUNNER (self));

  if (self->busy || !has_unsaved_changes (self))
    return;
  if (self->last_backup != NULL &&
      g_date_time_get_year (self->last_backup) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (self->last_backup) == g_date_time_get_day_of_year (now))
    return;
  start_backup (self);
}

/**
 * glide_backup_runner_finish:
 *
 * For quitting: waits for a running backup to finish its file, then backs
 * up the changes made since the last backup began, on this thread with the
 * window's own connection. Never leaves a partial file behind.
 */
void
glide_backup_runner_finish (GlideBackupRunner *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (GLIDE_IS_BACKUP_RUNNER (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_mutex_lock (&self->lock);
  while (self->thread_running)
    g_cond_wait (&self->done, &self->lock);
  g_mutex_unlock (&self->lock);

  if (!has_unsaved_changes (self))
    return;
  self->changes_backed_up = glide_store_get_change_count (self->store);
  path = glide_store_backup_to_dir (self->store, self->dir, &error);
  if (path == NULL)
    g_debug ("Backup on quit failed: %s", error->message);
  set_error (self, error ? error->message : NULL);
  refresh_last_backup (self);
}
