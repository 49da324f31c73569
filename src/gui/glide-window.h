/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-window.h: the main window. */

#pragma once

#include <adwaita.h>

#include "glide-application.h"
#include "glide-backup-runner.h"
#include "glide-form-dialog.h"
#include "glide-lock-page.h"
#include "glide-patient-page.h"
#include "glide-session-editor.h"
#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_WINDOW (glide_window_get_type ())

/* Search results the patient list shows at first; scrolling near its end
 * adds as many again. */
#define GLIDE_WINDOW_SEARCH_PAGE 50

G_DECLARE_FINAL_TYPE (GlideWindow, glide_window, GLIDE, WINDOW, AdwApplicationWindow)

GlideWindow        *glide_window_new                (GlideApplication *application,
                                                     GlideStore       *store,
                                                     const char       *open_error);
GlideStore         *glide_window_get_store          (GlideWindow      *self);
void                glide_window_retry_open         (GlideWindow      *self,
                                                     const char       *path,
                                                     const GError     *open_error);
GListModel         *glide_window_get_patients       (GlideWindow      *self);
void                glide_window_search             (GlideWindow      *self,
                                                     const char       *text);
void                glide_window_open_patient       (GlideWindow      *self,
                                                     const char       *chart);
GlideFormDialog    *glide_window_new_patient        (GlideWindow      *self);
GlidePatientPage   *glide_window_get_patient_page   (GlideWindow      *self);
GlideSessionEditor *glide_window_get_session_editor (GlideWindow      *self);
const char         *glide_window_get_page_name      (GlideWindow      *self);
GlideBackupRunner  *glide_window_get_backup_runner  (GlideWindow      *self);
void                glide_window_finish_backups     (GlideWindow      *self);
void                glide_window_lock               (GlideWindow      *self);
gboolean            glide_window_is_locked          (GlideWindow      *self);
GlideLockPage      *glide_window_get_lock_page      (GlideWindow      *self);
gboolean            glide_window_is_offline         (GlideWindow      *self);

G_END_DECLS
