/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-application.h: the application: command line, actions, windows. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_APPLICATION (glide_application_get_type ())

G_DECLARE_FINAL_TYPE (GlideApplication, glide_application, GLIDE, APPLICATION, AdwApplication)

GlideApplication *glide_application_new             (void);
gboolean          glide_application_gl_is_pointless  (const char * const *envp,
                                                      const char         *dev_dir);
void              glide_application_prepare_environment (void);
char            **glide_application_leave_gl_unloaded   (char               **envp);
void              glide_application_ensure_resources (void);
void              glide_application_ensure_css (GtkWidget *widget);
const char       *glide_application_get_backup_dir   (GlideApplication *self);
GtkWindow        *glide_application_sign_in          (GlideApplication *self,
                                                      const char       *uri,
                                                      const char       *login);

G_END_DECLS
