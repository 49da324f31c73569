/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-core-resources.h: data compiled into the core library (the body map). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void glide_core_ensure_resources (void);

G_END_DECLS
