/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report-floor.h: the floor of a PDF document: the same text on the
 * same pages drawn by a minimal libharu program, for bench-report to time
 * beside Glide's own document. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _BenchFloor BenchFloor;

BenchFloor *bench_floor_new_from_pdf (const char  *pdf,
                                      GError     **error);
void        bench_floor_free         (BenchFloor  *self);
guint       bench_floor_get_n_pages  (BenchFloor  *self);
guint       bench_floor_get_n_texts  (BenchFloor  *self);
gboolean    bench_floor_draw         (BenchFloor  *self,
                                      const char  *path,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchFloor, bench_floor_free)

G_END_DECLS
