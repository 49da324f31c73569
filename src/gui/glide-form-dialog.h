/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-form-dialog.h: a small modal form (a patient, a course, a discharge,
 * an addendum). Save asks the caller, which validates with core and stores;
 * a refusal is shown in the dialog next to the field it names, and what was
 * typed stays. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLIDE_TYPE_FORM_DIALOG (glide_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlideFormDialog, glide_form_dialog, GLIDE, FORM_DIALOG, AdwWindow)

/* Stores the form. On failure sets @error and, when the rule concerns one
 * field, *field to its key. */
typedef gboolean (*GlideFormSaveFunc) (GlideFormDialog  *dialog,
                                       gpointer          user_data,
                                       char            **field,
                                       GError          **error);

GtkWidget       *glide_form_text_area_new     (const char         *label,
                                               GtkTextView       **view);
GlideFormDialog *glide_form_dialog_new        (GtkWindow          *parent,
                                               const char         *title,
                                               const char         *save_label,
                                               GlideFormSaveFunc   save_func,
                                               gpointer            user_data,
                                               GDestroyNotify      destroy);
void             glide_form_dialog_add_group  (GlideFormDialog    *self,
                                               const char         *title);
void             glide_form_dialog_set_intro  (GlideFormDialog    *self,
                                               const char         *text);
void             glide_form_dialog_add_entry  (GlideFormDialog    *self,
                                               const char         *key,
                                               const char         *label,
                                               const char         *text);
void             glide_form_dialog_add_text   (GlideFormDialog    *self,
                                               const char         *key,
                                               const char         *label,
                                               const char         *text);
void             glide_form_dialog_add_choice (GlideFormDialog    *self,
                                               const char         *key,
                                               const char         *label,
                                               const char *const  *choices,
                                               guint               selected);
void             glide_form_dialog_add_check  (GlideFormDialog    *self,
                                               const char         *key,
                                               const char         *label,
                                               gboolean            active);
gboolean         glide_form_dialog_get_active (GlideFormDialog    *self,
                                               const char         *key);
const char      *glide_form_dialog_get_text   (GlideFormDialog    *self,
                                               const char         *key);
char            *glide_form_dialog_dup_text   (GlideFormDialog    *self,
                                               const char         *key);
guint            glide_form_dialog_get_choice (GlideFormDialog    *self,
                                               const char         *key);
void             glide_form_dialog_set_choice (GlideFormDialog    *self,
                                               const char         *key,
                                               guint               selected);
void             glide_form_dialog_set_text   (GlideFormDialog    *self,
                                               const char         *key,
                                               const char         *text);
gboolean         glide_form_dialog_save       (GlideFormDialog    *self);
const char      *glide_form_dialog_get_error  (GlideFormDialog    *self);

G_END_DECLS
