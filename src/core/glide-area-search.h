/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-area-search.h: finds body map areas from what a therapist types
 * ("calf r", "quad left"): side words pick the side, the other words the
 * site, whole words and word starts ranked before other matches. */

#pragma once

#include <glib.h>

#include "glide-codes.h"

G_BEGIN_DECLS

typedef struct _GlideAreaQuery GlideAreaQuery;

GlideAreaQuery *glide_area_query_new   (const char           *text);
void            glide_area_query_free  (GlideAreaQuery       *query);
int             glide_area_query_rank  (const GlideAreaQuery *query,
                                        GlideSite             site,
                                        GlideSide             side);
char          **glide_area_search      (const char           *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideAreaQuery, glide_area_query_free)

G_END_DECLS
