/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-stream.h: a pull tokenizer for strict RFC 8259 JSON that reads a
 * file in chunks, so an import holds one record at a time, not the document. */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glide-json-strict.h"

G_BEGIN_DECLS

/* With GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS, each byte that is not
 * UTF-8 inside a string reads as this noncharacter (U+10FFFE, which no
 * clinical text contains), so a caller can name the string's JSON path. */
#define GLIDE_JSON_STREAM_BAD_UTF8_MARK "\xf4\x8f\xbf\xbe"

typedef enum
{
  GLIDE_JSON_TOKEN_ERROR,         /* the error says what and where */
  GLIDE_JSON_TOKEN_END,           /* the document, or the value sought, is over */
  GLIDE_JSON_TOKEN_BEGIN_OBJECT,
  GLIDE_JSON_TOKEN_END_OBJECT,
  GLIDE_JSON_TOKEN_BEGIN_ARRAY,
  GLIDE_JSON_TOKEN_END_ARRAY,
  GLIDE_JSON_TOKEN_KEY,
  GLIDE_JSON_TOKEN_STRING,
  GLIDE_JSON_TOKEN_INT,           /* no fraction, no exponent: within 64 bits */
  GLIDE_JSON_TOKEN_DOUBLE,
  GLIDE_JSON_TOKEN_TRUE,
  GLIDE_JSON_TOKEN_FALSE,
  GLIDE_JSON_TOKEN_NULL,
} GlideJsonToken;

typedef struct _GlideJsonStream GlideJsonStream;

GlideJsonStream *glide_json_stream_new_for_data    (const char            *data,
                                                    gsize                  length,
                                                    GlideJsonStrictFlags   flags);
GlideJsonStream *glide_json_stream_new_for_input   (GInputStream          *input,
                                                    GlideJsonStrictFlags   flags);
void             glide_json_stream_free            (GlideJsonStream       *stream);

GlideJsonToken   glide_json_stream_next            (GlideJsonStream       *stream,
                                                    GError               **error);
goffset          glide_json_stream_get_offset      (GlideJsonStream       *stream);
guint            glide_json_stream_get_line        (GlideJsonStream       *stream);
guint            glide_json_stream_get_column      (GlideJsonStream       *stream);
const char      *glide_json_stream_get_string      (GlideJsonStream       *stream);
gint64           glide_json_stream_get_int         (GlideJsonStream       *stream);
double           glide_json_stream_get_double      (GlideJsonStream       *stream);
gboolean         glide_json_stream_get_bad_utf8    (GlideJsonStream       *stream,
                                                    guint                 *line,
                                                    guint                 *column);

gboolean         glide_json_stream_seek            (GlideJsonStream       *stream,
                                                    goffset                offset,
                                                    guint                  line,
                                                    guint                  column,
                                                    GError               **error);
JsonNode        *glide_json_stream_read_value      (GlideJsonStream       *stream,
                                                    GlideJsonToken         first,
                                                    GHashTable            *repeated,
                                                    GError               **error);
gboolean         glide_json_stream_skip_value      (GlideJsonStream       *stream,
                                                    GlideJsonToken         first,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideJsonStream, glide_json_stream_free)

G_END_DECLS
