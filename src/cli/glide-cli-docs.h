/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-cli-docs.h: the man page and the bash completion, written at build
 * time from the option table in glide-cli.c, so they list every option the
 * program takes and nothing else. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *glide_cli_docs_man_page        (const char *version,
                                      const char *date);
char *glide_cli_docs_bash_completion (void);

G_END_DECLS
