/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-json-stream.c: fuzz target for the import's pull tokenizer. The same
 * bytes are read from memory and from a stream that hands out one to seven
 * bytes a read, so that every token boundary falls inside a chunk: the two
 * must give the same tokens, values, places and errors. The document must
 * also pass the whole-document check exactly when the tokenizer reads it
 * to its end. The first byte picks the flags. */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "glide-json-stream.h"
#include "glide-trickle-stream.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* ---- the two readings --------------------------------------------------------- */

/* Each token as a line of text: kind, place and value; the error last. */
static char *
read_all (GlideJsonStream *stream,
          gboolean        *completed)
{
  GString *out = g_string_new (NULL);

  *completed = FALSE;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GlideJsonToken token = glide_json_stream_next (stream, &error);

      g_string_append_printf (out, "%d %u:%u @%" G_GINT64_FORMAT, token,
                              glide_json_stream_get_line (stream),
                              glide_json_stream_get_column (stream),
                              (gint64) glide_json_stream_get_offset (stream));
      switch (token)
        {
        case GLIDE_JSON_TOKEN_ERROR:
          g_assert (error != NULL && error->message != NULL && *error->message != '\0');
          g_string_append_printf (out, " %s\n", error->message);
          return g_string_free (out, FALSE);
        case GLIDE_JSON_TOKEN_END:
          g_assert (error == NULL);
          g_string_append_c (out, '\n');
          *completed = TRUE;
          return g_string_free (out, FALSE);
        case GLIDE_JSON_TOKEN_KEY:
        case GLIDE_JSON_TOKEN_STRING:
          {
            const char *text = glide_json_stream_get_string (stream);

            g_assert (text != NULL);
            g_assert (g_utf8_validate (text, -1, NULL));
            g_string_append_printf (out, " \"%s\"", text);
          }
          break;
        case GLIDE_JSON_TOKEN_INT:
          g_string_append_printf (out, " %" G_GINT64_FORMAT, glide_json_stream_get_int (stream));
          break;
        case GLIDE_JSON_TOKEN_DOUBLE:
          g_assert (isfinite (glide_json_stream_get_double (stream)));
          g_string_append_printf (out, " %.17g", glide_json_stream_get_double (stream));
          break;
        case GLIDE_JSON_TOKEN_BEGIN_OBJECT:
        case GLIDE_JSON_TOKEN_END_OBJECT:
        case GLIDE_JSON_TOKEN_BEGIN_ARRAY:
        case GLIDE_JSON_TOKEN_END_ARRAY:
        case GLIDE_JSON_TOKEN_TRUE:
        case GLIDE_JSON_TOKEN_FALSE:
        case GLIDE_JSON_TOKEN_NULL:
        default:
          g_assert (error == NULL);
          break;
        }
      g_string_append_c (out, '\n');
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlideJsonStrictFlags flags;
  g_autofree char *text = NULL;
  g_autofree char *from_memory = NULL;
  g_autofree char *from_stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  GlideJsonStream *stream;
  gboolean memory_completed, stream_completed, checked;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (size == 0)
    return 0;
  flags = (data[0] & 1) ? GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS : GLIDE_JSON_STRICT_DEFAULT;
  data++;
  size--;
  /* An exact-size copy, so reading past the end is caught. */
  text = g_malloc (MAX (size, 1));
  memcpy (text, data, size);

  stream = glide_json_stream_new_for_data (text, size, flags);
  from_memory = read_all (stream, &memory_completed);
  glide_json_stream_free (stream);

  input = glide_test_trickle_stream_new (text, size, 7);
  stream = glide_json_stream_new_for_input (input, flags);
  from_stream = read_all (stream, &stream_completed);
  glide_json_stream_free (stream);

  if (g_strcmp0 (from_memory, from_stream) != 0)
    g_error ("read from memory:\n%s\nread in pieces:\n%s", from_memory, from_stream);

  checked = glide_json_strict_check (text, size, flags, &error);
  /* The tokenizer has no limit on an object's members; the whole-document
   * check (a json-glib tree) has. */
  if (!checked && g_error_matches (error, GLIDE_JSON_STRICT_ERROR, GLIDE_JSON_STRICT_ERROR_TOO_MANY))
    return 0;
  if (checked != memory_completed)
    g_error ("the check says %s, the tokenizer %s:\n%s", checked ? "valid" : error->message,
             memory_completed ? "complete" : "not", from_memory);
  return 0;
}
