/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-stale-dialog.h: what to do when a save meets a record changed
 * elsewhere: both versions side by side, field by field, and the answers
 * "Keep Mine as New Draft", "Reload Theirs" and "Cancel". */

#pragma once

#include <adwaita.h>

#include "glide-store.h"

G_BEGIN_DECLS

/* The dialog's response ids. */
#define GLIDE_STALE_RESPONSE_CANCEL "cancel"
#define GLIDE_STALE_RESPONSE_KEEP_MINE "keep-mine"
#define GLIDE_STALE_RESPONSE_RELOAD "reload-theirs"

/* One field that differs between the stored version and the form. */
typedef struct
{
  char *label;    /* "Notes", "Calf, left", "Pain" */
  char *theirs;   /* as stored now, in words; "—" when absent */
  char *mine;     /* as in the form */
} GlideStaleDifference;

void       glide_stale_difference_free      (GlideStaleDifference *difference);
GPtrArray *glide_stale_compare_sessions     (GlideStore           *store,
                                             const GlideSession   *theirs,
                                             const GlideSession   *mine);
char      *glide_stale_describe_differences (GPtrArray            *differences);
AdwMessageDialog *glide_stale_dialog_new    (GtkWindow            *parent,
                                             const char           *reason,
                                             GPtrArray            *differences,
                                             gboolean              can_reload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideStaleDifference, glide_stale_difference_free)

G_END_DECLS
