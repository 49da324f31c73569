/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-trickle-stream.h: an input stream that hands out a few bytes per read. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GInputStream *glide_test_trickle_stream_new (const char *data,
                                             gsize       length,
                                             guint       largest_read);

G_END_DECLS
