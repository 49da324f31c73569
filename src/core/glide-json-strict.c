/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-strict.c: refuses, before any tree is built, what RFC 8259 does
 * not allow and what json-glib would quietly accept, truncate, wrap or crash
 * on; every refusal names the line and column (in characters) and the rule.
 * The rules themselves are the tokenizer's, glide-json-stream.c. */

#define G_LOG_DOMAIN "glide-json-strict"

#include "config.h"

#include "glide-json-strict.h"

#include "glide-json-stream.h"

G_DEFINE_QUARK (glide-json-strict-error-quark, glide_json_strict_error)

/**
 * glide_json_strict_check:
 * @data: the bytes of a file
 * @length: their number
 * @flags: what to let through
 *
 * Checks that @data is exactly one JSON text as RFC 8259 defines it, and
 * within what Glide stores: strings without NUL, whole numbers within 64
 * bits, other numbers within a double, nesting at most
 * %GLIDE_JSON_STRICT_MAX_DEPTH deep. A leading byte order mark is allowed,
 * as the RFC permits. One pass through glide_json_stream_next(), no
 * recursion, no copy of @data.
 *
 * Returns: %TRUE if a strict parser may read @data; otherwise %FALSE with a
 *   message that begins "line L, column C: " (1-based, columns in characters)
 */
gboolean
glide_json_strict_check (const char            *data,
                         gsize                  length,
                         GlideJsonStrictFlags   flags,
                         GError               **error)
{
  g_autoptr(GlideJsonStream) stream = NULL;
  GlideJsonToken token;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  stream = glide_json_stream_new_for_data (data, length, flags);
  while ((token = glide_json_stream_next (stream, error)) != GLIDE_JSON_TOKEN_END)
    if (token == GLIDE_JSON_TOKEN_ERROR)
      return FALSE;
  return TRUE;
}
