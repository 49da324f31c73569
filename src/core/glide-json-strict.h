/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-strict.h: checks that bytes are one strict RFC 8259 JSON text,
 * in one pass and without recursion, before a parser builds a tree from them. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Far deeper than any document Glide writes or reads (about ten levels);
 * json-glib's recursive parser overflows the stack near 75,000. */
#define GLIDE_JSON_STRICT_MAX_DEPTH 64

/* Far more members than any object of Glide's has (about twenty): an
 * object's members go into a hash table, and a file of keys made to
 * collide in it took minutes to read (65,536 of them, 3 minutes). */
#define GLIDE_JSON_STRICT_MAX_MEMBERS 1000

#define GLIDE_JSON_STRICT_ERROR (glide_json_strict_error_quark ())

typedef enum
{
  GLIDE_JSON_STRICT_ERROR_EMPTY,     /* nothing but white space */
  GLIDE_JSON_STRICT_ERROR_SYNTAX,    /* not RFC 8259 JSON */
  GLIDE_JSON_STRICT_ERROR_TOO_DEEP,  /* nested deeper than GLIDE_JSON_STRICT_MAX_DEPTH */
  GLIDE_JSON_STRICT_ERROR_RANGE,     /* a whole number beyond 64 bits, a number beyond a double */
  GLIDE_JSON_STRICT_ERROR_ENCODING,  /* bytes that are not UTF-8 */
  GLIDE_JSON_STRICT_ERROR_TOO_MANY,  /* an object of more than GLIDE_JSON_STRICT_MAX_MEMBERS */
} GlideJsonStrictError;

typedef enum
{
  GLIDE_JSON_STRICT_DEFAULT = 0,
  /* Bytes that are not UTF-8 inside strings pass, for a caller that names
   * the JSON path of the string holding them; anywhere else they fail. */
  GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS = 1 << 0,
} GlideJsonStrictFlags;

GQuark    glide_json_strict_error_quark  (void);

gboolean  glide_json_strict_check        (const char            *data,
                                          gsize                  length,
                                          GlideJsonStrictFlags   flags,
                                          GError               **error);

G_END_DECLS
