/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json-stream.c: the streaming tokenizer the importer reads files with.
 * Hostile documents fed a few bytes at a time must be refused with the same
 * line, column and rule as from memory; tokens, strings split across reads,
 * a token longer than a chunk, going back to a value, and trees with
 * repeated keys come out as json-glib would give them. */

#include "config.h"

#include <string.h>

#include "glide-json-stream.h"
#include "glide-trickle-stream.h"

/* json-glib's recursive parser died of a stack overflow near this depth. */
#define HOSTILE_DEPTH 75000

/* ---- helpers ------------------------------------------------------------------ */

/* The ways of reading one text: from memory, from a stream one byte per
 * read, from a stream 1 to 7 bytes per read, from a stream whole. */
typedef enum
{
  FROM_MEMORY,
  FROM_ONE_BYTE_READS,
  FROM_SMALL_READS,
  FROM_ONE_READ,
  N_SOURCES,
} Source;

static const char *const source_names[] = { "memory", "1-byte reads", "1-7-byte reads",
                                             "one read" };

static GlideJsonStream *
open_stream (const char           *data,
             gsize                 length,
             GlideJsonStrictFlags  flags,
             Source                source)
{
  g_autoptr(GInputStream) input = NULL;

  switch (source)
    {
    case FROM_MEMORY:
      return glide_json_stream_new_for_data (data, length, flags);
    case FROM_ONE_BYTE_READS:
      input = glide_test_trickle_stream_new (data, length, 1);
      break;
    case FROM_SMALL_READS:
      input = glide_test_trickle_stream_new (data, length, 7);
      break;
    case FROM_ONE_READ:
      input = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length, g_free);
      break;
    case N_SOURCES:
    default:
      g_assert_not_reached ();
    }
  return glide_json_stream_new_for_input (input, flags);
}

/* Reads every token; TRUE at the end, FALSE with the error. The tokens,
 * with their values and places, go to @trace. */
static gboolean
read_all (GlideJsonStream  *stream,
          GString          *trace,
          GError          **error)
{
  for (;;)
    {
      GlideJsonToken token = glide_json_stream_next (stream, error);

      if (token == GLIDE_JSON_TOKEN_ERROR)
        return FALSE;
      if (token == GLIDE_JSON_TOKEN_END)
        return TRUE;
      g_string_append_printf (trace, "%d@%" G_GOFFSET_FORMAT ":%u:%u", token,
                              glide_json_stream_get_offset (stream),
                              glide_json_stream_get_line (stream),
                              glide_json_stream_get_column (stream));
      if (token == GLIDE_JSON_TOKEN_KEY || token == GLIDE_JSON_TOKEN_STRING)
        g_string_append_printf (trace, "=%s", glide_json_stream_get_string (stream));
      else if (token == GLIDE_JSON_TOKEN_INT)
        g_string_append_printf (trace, "=%" G_GINT64_FORMAT, glide_json_stream_get_int (stream));
      else if (token == GLIDE_JSON_TOKEN_DOUBLE)
        g_string_append_printf (trace, "=%.17g", glide_json_stream_get_double (stream));
      g_string_append_c (trace, ' ');
    }
}

/* ---- hostile documents -------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *document;  /* NULL: built at run time from the name */
  gsize       length;    /* 0: strlen (document) */
  int         code;
  const char *expected;  /* the message must start with this */
} Hostile;

static const Hostile hostile_documents[] = {
  /* the file ends too soon, wherever it ends */
  { "truncated-in-string", "{\"patients\": [{\"chart\": \"P-00", 0,
    GLIDE_JSON_STRICT_ERROR_SYNTAX, "line 1, column 30: the document ends inside a string" },
  { "truncated-in-key", "{\"patients\": [{\"cha", 0,
    GLIDE_JSON_STRICT_ERROR_SYNTAX, "line 1, column 20: the document ends inside a string" },
  { "truncated-after-key", "{\"patients\"", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 12: the document ends before every array and object is closed" },
  { "truncated-in-number", "{\"value\": 12", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 13: the document ends before every array and object is closed" },
  { "truncated-in-word", "[tru", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: tru is not a JSON value" },
  { "truncated-in-escape", "[\"a\\u00", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: \\u must be followed by four hexadecimal digits" },
  { "truncated-after-backslash", "[\"a\\", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 5: the document ends inside a string" },
  { "truncated-in-utf8", "[\"M\xc3", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 4: bytes that are not valid UTF-8" },
  { "truncated-between-lines", "{\n  \"a\": [\n    1,\n", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 4, column 1: the document ends before every array and object is closed" },
  /* bytes that are not UTF-8 */
  { "utf8-bad-byte", "{\"family_name\": \"M\xfcller\"}", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 19: bytes that are not valid UTF-8; the file must be UTF-8" },
  { "utf8-overlong-slash", "[\"\xc0\xaf\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-encoded-surrogate", "[\"\xed\xb8\x80\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-in-key", "{\"n\xe4me\": 1}", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 4: bytes that are not valid UTF-8" },
  { "utf8-latin1-outside", "[1]\xa0", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 4: bytes that are not valid UTF-8" },
  /* lone surrogates */
  { "surrogate-high-at-end", "[\"a\\uD800\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: \\uD800 is the first half of a surrogate pair without its second half" },
  { "surrogate-high-then-high", "[\"\\uDBFF\\uDBFF\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uDBFF is the first half of a surrogate pair without its second half" },
  { "surrogate-high-then-text", "[\"\\uD83Dx\\uDE00\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uD83D is the first half of a surrogate pair" },
  { "surrogate-low-first", "[\"\\uDE00\\uD83D\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uDE00 is the second half of a surrogate pair without its first half" },
  { "surrogate-low-in-key", "{\"\\udc00\": 1}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uDC00 is the second half of a surrogate pair" },
  /* deep nesting */
  { "depth-65", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 65: arrays and objects are nested more than 64 deep" },
  { "depth-75000", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 65: arrays and objects are nested more than 64 deep" },
  { "depth-objects", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 321: arrays and objects are nested more than 64 deep" },
  /* huge numbers */
  { "integer-above-int64", "[9223372036854775808]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number 9223372036854775808 is outside the 64-bit range" },
  { "integer-below-int64", "[-9223372036854775809]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number -9223372036854775809 is outside the 64-bit range" },
  { "integer-million-digits", NULL, 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 11: the whole number 10000000000000000000000000000000… is outside the "
    "64-bit range" },
  { "double-overflow", "{\"value\": 1.8e308}", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 11: the number 1.8e308 is too large (beyond ±1.8e308)" },
  { "double-huge-exponent", "[1e99999999999999999999999]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the number 1e99999999999999999999999 is too large" },
  /* NUL bytes */
  { "nul-in-string", "[\"a\0b\"]", 7, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: the control character U+0000 must be written as an escape" },
  { "nul-outside", "[1,\0 2]", 7, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: expected a value, got U+0000" },
  { "nul-after", "{}\0", 3, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: only white space may follow the document" },
  { "nul-escaped", "{\"note\": \"a\\u0000b\"}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 12: \\u0000 is not allowed: text must not contain the NUL character" },
  /* byte order marks */
  { "bom-twice", "\xef\xbb\xbf\xef\xbb\xbf{}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 1: expected a value, got U+FEFF" },
  { "bom-only", "\xef\xbb\xbf", 0, GLIDE_JSON_STRICT_ERROR_EMPTY,
    "line 1, column 1: the document is empty" },
  { "bom-cut", "\xef\xbb{}", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 1: bytes that are not valid UTF-8" },
  { "bom-utf16", "\xff\xfe{\0}\0", 6, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 1: bytes that are not valid UTF-8" },
  /* trailing garbage */
  { "trailing-document", "{\"a\": 1} {\"a\": 2}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 10: only white space may follow the document" },
  { "trailing-comma-text", "[1],", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: only white space may follow the document" },
  { "trailing-close", "{}}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: only white space may follow the document" },
  { "trailing-after-lines", "{}\n\n  x", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 3, column 3: only white space may follow the document" },
};

static char *
hostile_text (const Hostile *hostile,
              gsize         *length)
{
  GString *text;

  if (hostile->document != NULL)
    {
      *length = hostile->length ? hostile->length : strlen (hostile->document);
      return g_memdup2 (hostile->document, *length + 1);
    }

  text = g_string_new (NULL);
  if (g_str_equal (hostile->name, "integer-million-digits"))
    {
      /* Far longer than a chunk (256 KiB): the buffer grows to hold it. */
      g_string_append (text, "{\"value\": 1");
      for (guint i = 0; i < 1000000; i++)
        g_string_append_c (text, '0');
      g_string_append (text, "}");
    }
  else if (g_str_equal (hostile->name, "depth-objects"))
    {
      for (guint i = 0; i < 65; i++)
        g_string_append (text, "{\"a\":");
      g_string_append (text, "1");
    }
  else
    {
      guint depth = g_str_equal (hostile->name, "depth-65") ? GLIDE_JSON_STRICT_MAX_DEPTH + 1
                                                            : HOSTILE_DEPTH;

      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, ']');
    }
  *length = text->len;
  return g_string_free (text, FALSE);
}

/* Refused with the same message however the bytes arrive, the same message
 * glide_json_strict_check() gives. */
static void
test_hostile (gconstpointer data)
{
  const Hostile *hostile = data;
  gsize length;
  g_autofree char *text = hostile_text (hostile, &length);
  g_autoptr(GError) strict_error = NULL;

  g_assert_false (glide_json_strict_check (text, length, GLIDE_JSON_STRICT_DEFAULT,
                                           &strict_error));
  for (Source source = 0; source < N_SOURCES; source++)
    {
      /* A million one-byte reads take long; a few bytes per read are enough. */
      gboolean huge = length > 100000;
      g_autoptr(GlideJsonStream) stream = NULL;
      g_autoptr(GString) trace = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      if (huge && source == FROM_ONE_BYTE_READS)
        continue;
      stream = open_stream (text, length, GLIDE_JSON_STRICT_DEFAULT, source);
      g_assert_false (read_all (stream, trace, &error));
      g_test_message ("%s: %s", source_names[source], error->message);
      if (!g_str_has_prefix (error->message, hostile->expected))
        g_error ("%s, %s: expected \"%s...\", got \"%s\"", hostile->name, source_names[source],
                 hostile->expected, error->message);
      g_assert_error (error, GLIDE_JSON_STRICT_ERROR, hostile->code);
      g_assert_cmpstr (error->message, ==, strict_error->message);
    }
}

/* ---- tokens ------------------------------------------------------------------- */

static void
test_tokens (void)
{
  static const char document[] =
    "\xef\xbb\xbf{\"chart\": \"P-0001\",\n"
    " \"name\\u0020\\\"q\\\"\": \"M\xc3\xbcller \\u00e9\\ud83d\\ude00 \\\\ \\/ \\t\",\n"
    " \"n\": [0, -0, 42, -9223372036854775808, 9223372036854775807, 6.5, -1.5e-3, 1E2],\n"
    " \"b\": [true, false, null, {}, []]}\n";
  static const char expected[] =
    "2@3:1:1 6@4:1:2=chart 7@13:1:11=P-0001 "
    "6@24:2:2=name \"q\" 7@43:2:21=Müller é😀 \\ / \t "
    "6@83:3:2=n 4@88:3:7 8@89:3:8=0 8@92:3:11=0 8@96:3:15=42 "
    "8@100:3:19=-9223372036854775808 8@122:3:41=9223372036854775807 "
    "9@143:3:62=6.5 9@148:3:67=-0.0015 9@157:3:76=100 5@160:3:79 "
    "6@164:4:2=b 4@169:4:7 10@170:4:8 11@176:4:14 12@183:4:21 2@189:4:27 3@190:4:28 "
    "4@193:4:31 5@194:4:32 5@195:4:33 3@196:4:34 ";
  g_autofree char *from_memory = NULL;

  for (Source source = 0; source < N_SOURCES; source++)
    {
      g_autoptr(GlideJsonStream) stream = open_stream (document, strlen (document),
                                                       GLIDE_JSON_STRICT_DEFAULT, source);
      g_autoptr(GString) trace = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (read_all (stream, trace, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (trace->str, ==, expected);
      /* END stays END. */
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END);
    }
}

/* A string and a key each longer than a chunk, full of escapes and
 * multi-byte characters that fall across every read boundary. */
static void
test_long_strings (void)
{
  g_autoptr(GString) document = g_string_new ("{\"");
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 0; i < 40000; i++)
    {
      g_string_append (document, "k\\\"\xc3\xa9");
      g_string_append (key, "k\"\xc3\xa9");
    }
  g_string_append (document, "\": \"");
  for (guint i = 0; i < 60000; i++)
    {
      g_string_append (document, "\\\\\\u00e9\xe5\xb1\xb1\\ud83d\\ude00\\\"");
      g_string_append (value, "\\\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x98\x80\"");
    }
  g_string_append (document, "\", \"after\": 1}");
  g_assert_cmpuint (document->len, >, 3 * 256 * 1024);

  for (Source source = FROM_SMALL_READS; source < N_SOURCES; source++)
    {
      g_autoptr(GlideJsonStream) stream = open_stream (document->str, document->len,
                                                       GLIDE_JSON_STRICT_DEFAULT, source);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (glide_json_stream_next (stream, &error), ==,
                       GLIDE_JSON_TOKEN_BEGIN_OBJECT);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_KEY);
      g_assert_cmpstr (glide_json_stream_get_string (stream), ==, key->str);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_STRING);
      g_assert_cmpstr (glide_json_stream_get_string (stream), ==, value->str);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_KEY);
      g_assert_cmpstr (glide_json_stream_get_string (stream), ==, "after");
      g_assert_cmpint (glide_json_stream_get_column (stream), ==, 40000 * 4 + 60000 * 23 + 10);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_INT);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END_OBJECT);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END);
      g_assert_no_error (error);
    }
}

/* Bytes that are not UTF-8 in a string, when allowed, read as the mark and
 * are found again: the first of them, by line and column. */
static void
test_bad_utf8_marked (void)
{
  static const char document[] = "{\"a\": \"ok\",\n \"b\": \"M\xfcller \xe2\x82\",\n \"c\xff\": 1}";

  for (Source source = 0; source < N_SOURCES; source++)
    {
      g_autoptr(GlideJsonStream) stream =
        open_stream (document, strlen (document), GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS,
                     source);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      GList *members;
      guint line = 0, column = 0;

      node = glide_json_stream_read_value (stream, glide_json_stream_next (stream, &error), NULL,
                                           &error);
      g_assert_no_error (error);
      object = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (object, "b"), ==,
                       "M" GLIDE_JSON_STREAM_BAD_UTF8_MARK "ller "
                       GLIDE_JSON_STREAM_BAD_UTF8_MARK GLIDE_JSON_STREAM_BAD_UTF8_MARK);
      members = json_object_get_members (object);
      g_assert_cmpstr (g_list_nth_data (members, 2), ==, "c" GLIDE_JSON_STREAM_BAD_UTF8_MARK);
      g_list_free (members);
      g_assert_true (glide_json_stream_get_bad_utf8 (stream, &line, &column));
      g_assert_cmpuint (line, ==, 2);
      g_assert_cmpuint (column, ==, 9);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END);
    }
}

/* ---- going back, trees -------------------------------------------------------- */

/* The importer reads the document once through, then goes back to the
 * patients: the same tokens again, then END, whatever follows them. */
static void
test_seek (void)
{
  static const char document[] =
    "{\"patients\": [{\"chart\": \"P-1\"},\n {\"chart\": \"P-2\", \"n\": [1.5]}],\n"
    " \"therapists\": [], \"format\": \"glide-interchange\"}";

  for (Source source = 0; source < N_SOURCES; source++)
    {
      g_autoptr(GlideJsonStream) stream = open_stream (document, strlen (document),
                                                       GLIDE_JSON_STRICT_DEFAULT, source);
      g_autoptr(GString) first = g_string_new (NULL);
      g_autoptr(GString) again = g_string_new (NULL);
      g_autoptr(GString) twice = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      goffset offset;
      guint line, column;

      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_BEGIN_OBJECT);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_KEY);
      g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_BEGIN_ARRAY);
      offset = glide_json_stream_get_offset (stream);
      line = glide_json_stream_get_line (stream);
      column = glide_json_stream_get_column (stream);
      g_assert_cmpint (offset, ==, 13);
      g_assert_true (read_all (stream, first, &error));
      g_assert_no_error (error);

      g_assert_true (glide_json_stream_seek (stream, offset, line, column, &error));
      g_assert_true (read_all (stream, again, &error));
      g_assert_true (glide_json_stream_seek (stream, offset, line, column, &error));
      g_assert_true (read_all (stream, twice, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (again->str, ==, twice->str);
      /* The first read went on through the rest of the document. */
      g_assert_true (g_str_has_prefix (first->str, again->str + strlen ("4@13:1:14 ")));
      g_assert_true (g_str_has_prefix (again->str, "4@13:1:14 2@14:1:15 6@15:1:16=chart "));
      g_assert_true (g_str_has_suffix (again->str, "5@61:2:30 "));
    }
}

/* Trees as json-glib's parser builds them, and every object with a repeated
 * key named, however deep and however many. */
static void
test_read_value_repeated (void)
{
  static const char document[] =
    "{\"a\": 1, \"b\": {\"c\": 1, \"d\": [{\"e\": 1, \"e\": 2}], \"c\": 2, \"d\": 3}, \"a\": 3,"
    " \"f\": [{\"g\": 1}, {\"g\": 2, \"h\": 1, \"h\": 1, \"g\": 3}]}";
  g_autoptr(GlideJsonStream) stream = open_stream (document, strlen (document),
                                                   GLIDE_JSON_STRICT_DEFAULT, FROM_SMALL_READS);
  g_autoptr(GHashTable) repeated = g_hash_table_new_full (NULL, NULL,
                                                          (GDestroyNotify) json_object_unref,
                                                          g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  JsonObject *root, *b, *second_g;

  node = glide_json_stream_read_value (stream, glide_json_stream_next (stream, &error), repeated,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END);

  g_assert_true (json_parser_load_from_data (parser, document, -1, &error));
  ours = json_to_string (node, FALSE);
  theirs = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_cmpstr (ours, ==, theirs);
  g_assert_cmpstr (ours, ==, "{\"a\":3,\"b\":{\"c\":2,\"d\":3},\"f\":[{\"g\":1},{\"g\":3,\"h\":1}]}");

  /* b's d first held an object with a repeated key; it was replaced, and the
   * table holds a reference, so no later object can take its address. */
  root = json_node_get_object (node);
  b = json_object_get_object_member (root, "b");
  second_g = json_array_get_object_element (json_object_get_array_member (root, "f"), 1);
  g_assert_cmpuint (g_hash_table_size (repeated), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (repeated, root), ==, "a");
  g_assert_cmpstr (g_hash_table_lookup (repeated, b), ==, "c");
  g_assert_cmpstr (g_hash_table_lookup (repeated, second_g), ==, "h");
}

/* A read error is the stream's own, not a syntax error. */
static void
test_read_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GlideJsonStream) stream = NULL;

  /* A closed stream fails every read. */
  input = g_memory_input_stream_new_from_data ("{}", 2, NULL);
  g_assert_true (g_input_stream_close (input, NULL, NULL));
  stream = glide_json_stream_new_for_input (input, GLIDE_JSON_STRICT_DEFAULT);
  g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-stream/hostile/%s",
                                               hostile_documents[i].name);

      g_test_add_data_func (path, &hostile_documents[i], test_hostile);
    }
  g_test_add_func ("/json-stream/tokens", test_tokens);
  g_test_add_func ("/json-stream/long-strings", test_long_strings);
  g_test_add_func ("/json-stream/bad-utf8-marked", test_bad_utf8_marked);
  g_test_add_func ("/json-stream/seek", test_seek);
  g_test_add_func ("/json-stream/read-value-repeated", test_read_value_repeated);
  g_test_add_func ("/json-stream/read-error", test_read_error);

  return g_test_run ();
}
