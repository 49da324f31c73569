/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-language.h: the language of a document, apart from the window's.
 *
 * The window speaks the desktop's language through gettext. A document may
 * be asked for in another one (the clinic's choice in Preferences): while
 * a report is built, glide_language_push() makes this thread's messages
 * come from that language's catalog, read from the same .mo files gettext
 * uses. The core and the reports translate through glide_gettext() (the
 * _() of glide-i18n.h), which is gettext itself when nothing was pushed. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;  /* "de" */
  const char *name;  /* in the language itself: "Deutsch" */
} GlideLanguage;

const GlideLanguage *glide_language_list      (guint       *n_languages);
gboolean             glide_language_is_known  (const char  *code);

const char          *glide_language_push      (const char  *code);
void                 glide_language_pop       (const char  *previous);
const char          *glide_language_current   (void);

const char          *glide_gettext            (const char  *msgid) G_GNUC_FORMAT (1);
const char          *glide_ngettext           (const char  *msgid,
                                               const char  *msgid_plural,
                                               gulong       n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);
const char          *glide_pgettext           (const char  *context,
                                               const char  *msgid) G_GNUC_FORMAT (2);

const char          *glide_decimal_point      (void);
char                *glide_format_decimal     (double       value,
                                               int          decimals);
gboolean             glide_parse_decimal      (const char  *text,
                                               double      *value);

G_END_DECLS
