/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-writer.h: a streaming, pretty-printing JSON writer. Exports of a
 * ten-year clinic never build a tree in memory, and numbers are written in
 * their shortest exact form (43.2, not 43.200000000000003). */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlideJsonWriter GlideJsonWriter;

GlideJsonWriter *glide_json_writer_new            (GOutputStream   *stream);
void             glide_json_writer_free           (GlideJsonWriter *self);
gboolean         glide_json_writer_finish         (GlideJsonWriter *self,
                                                   GError         **error);

void             glide_json_writer_begin_object   (GlideJsonWriter *self);
void             glide_json_writer_end_object     (GlideJsonWriter *self);
void             glide_json_writer_begin_array    (GlideJsonWriter *self);
void             glide_json_writer_end_array      (GlideJsonWriter *self);
void             glide_json_writer_key            (GlideJsonWriter *self,
                                                   const char      *key);
void             glide_json_writer_string         (GlideJsonWriter *self,
                                                   const char      *value);
void             glide_json_writer_int            (GlideJsonWriter *self,
                                                   gint64           value);
void             glide_json_writer_number         (GlideJsonWriter *self,
                                                   double           value);
void             glide_json_writer_bool           (GlideJsonWriter *self,
                                                   gboolean         value);
void             glide_json_writer_null           (GlideJsonWriter *self);

void             glide_json_writer_member_string  (GlideJsonWriter *self,
                                                   const char      *key,
                                                   const char      *value);
void             glide_json_writer_member_int     (GlideJsonWriter *self,
                                                   const char      *key,
                                                   gint64           value);
void             glide_json_writer_member_number  (GlideJsonWriter *self,
                                                   const char      *key,
                                                   double           value);
void             glide_json_writer_member_bool    (GlideJsonWriter *self,
                                                   const char      *key,
                                                   gboolean         value);

char            *glide_json_format_number         (double           value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideJsonWriter, glide_json_writer_free)

G_END_DECLS
