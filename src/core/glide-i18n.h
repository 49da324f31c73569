/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-i18n.h: gettext for the core and the reports, whose text may go
 * into a document in another language than the window's (glide-language.h).
 * Include it instead of <glib/gi18n-lib.h>; xgettext knows the keywords
 * (po/meson.build). */

#pragma once

#include <glib/gi18n-lib.h>

#include "glide-language.h"

#undef _
#define _(String) glide_gettext (String)
