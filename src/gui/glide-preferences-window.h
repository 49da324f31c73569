/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-preferences-window.h: the clinic's details, therapists, instruments
 * and this workstation's defaults for a new treated area. */

#pragma once

#include <adwaita.h>

#include "glide-backup-runner.h"
#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_TYPE_PREFERENCES_WINDOW (glide_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GlidePreferencesWindow, glide_preferences_window,
                      GLIDE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GlidePreferencesWindow *glide_preferences_window_new (GtkWindow  *parent,
                                                      GlideStore *store,
                                                      GSettings  *settings);
void glide_preferences_window_set_backup_runner      (GlidePreferencesWindow *self,
                                                      GlideBackupRunner      *runner,
                                                      gboolean                can_change_dir);
void glide_preferences_window_add_therapist          (GlidePreferencesWindow *self);
void glide_preferences_window_show_database          (GlidePreferencesWindow *self);

G_END_DECLS
