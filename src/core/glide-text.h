/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-text.h: text folding for searching names case- and accent-insensitively,
 * and escaping of control characters for messages. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *glide_text_fold             (const char *text);
char **glide_text_fold_words       (const char *text);
char  *glide_text_escape_controls  (const char *text);

G_END_DECLS
