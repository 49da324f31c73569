/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-backup-runner.h: the window's automatic backups: after the first
 * change of a day and on quit, on a GTask thread with a store connection of
 * its own; what the banner and Preferences show about them. */

#pragma once

#include <gio/gio.h>

#include "glide-store.h"

G_BEGIN_DECLS

/* The banner warns when the last backup is older than this. */
#define GLIDE_BACKUP_OVERDUE_DAYS 2

#define GLIDE_TYPE_BACKUP_RUNNER (glide_backup_runner_get_type ())

G_DECLARE_FINAL_TYPE (GlideBackupRunner, glide_backup_runner, GLIDE, BACKUP_RUNNER, GObject)

GlideBackupRunner *glide_backup_runner_new             (GlideStore        *store,
                                                        const char        *dir);
const char        *glide_backup_runner_get_dir         (GlideBackupRunner *self);
void               glide_backup_runner_set_dir         (GlideBackupRunner *self,
                                                        const char        *dir);
GDateTime         *glide_backup_runner_get_last_backup (GlideBackupRunner *self);
gboolean           glide_backup_runner_get_busy        (GlideBackupRunner *self);
const char        *glide_backup_runner_get_error       (GlideBackupRunner *self);
gboolean           glide_backup_runner_is_overdue      (GlideBackupRunner *self,
                                                        GDateTime         *now);
void               glide_backup_runner_back_up_now     (GlideBackupRunner *self);
void               glide_backup_runner_check           (GlideBackupRunner *self);
void               glide_backup_runner_finish          (GlideBackupRunner *self);

G_END_DECLS
