/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json-strict.c: the strict RFC 8259 check run before every import. A
 * battery of hostile documents, each refused with its line, column and rule;
 * good documents that must still pass; the real import refusing them without
 * writing anything; messages that never carry a raw control character. */

#include "config.h"

#include <string.h>

#include "glide-interchange.h"
#include "glide-json-stream.h"
#include "glide-json-strict.h"
#include "glide-test-utils.h"
#include "glide-text.h"

/* json-glib's recursive parser died of a stack overflow near this depth. */
#define HOSTILE_DEPTH 75000

typedef struct
{
  const char *name;
  const char *document;  /* NULL: built at run time from the name */
  gsize       length;    /* 0: strlen (document) */
  int         code;
  const char *expected;  /* the message must start with this */
} BadDocument;

static const BadDocument bad_documents[] = {
  /* comments, quotes */
  { "comment-line", "[1] // one", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 5: comments are not allowed in JSON" },
  { "comment-block", "/* c */ {}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 1: comments are not allowed in JSON" },
  { "comment-in-object", "{\"a\": 1 /* c */}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 9: comments are not allowed in JSON" },
  { "single-quote-value", "['a']", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: strings must be in double quotes, not single quotes" },
  { "single-quote-key", "{'a': 1}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: strings must be in double quotes, not single quotes" },
  { "unquoted-key", "{a: 1}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: expected a key (a string in double quotes) or '}'" },
  /* strings */
  { "raw-tab", "[\"a\tb\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: the control character U+0009 must be written as an escape" },
  { "raw-newline", "{\"note\":\n\"a\nb\"}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 2, column 3: the control character U+000A must be written as an escape" },
  { "raw-escape-char", "[\"\033[2J\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: the control character U+001B must be written as an escape" },
  { "raw-nul", "[\"a\0b\"]", 7, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: the control character U+0000 must be written as an escape" },
  { "escape-x", "[\"\\x41\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\x is not a valid escape" },
  { "escape-quote", "[\"\\'\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\' is not a valid escape" },
  { "escape-control", "[\"\\\033\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\ followed by U+001B is not a valid escape" },
  { "escape-nul", "{\"note\": \"before\\u0000after\"}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 17: \\u0000 is not allowed: text must not contain the NUL character" },
  { "escape-short", "[\"\\u12G4\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\u must be followed by four hexadecimal digits" },
  { "escape-at-end", "[\"\\u12", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\u must be followed by four hexadecimal digits" },
  { "surrogate-high-alone", "[\"\\ud83d\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uD83D is the first half of a surrogate pair without its second half" },
  { "surrogate-high-then-letter", "[\"\\ud83d\\u0041\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uD83D is the first half of a surrogate pair without its second half" },
  { "surrogate-two-high", "[\"\\ud83d\\ud83d\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uD83D is the first half of a surrogate pair without its second half" },
  { "surrogate-low-alone", "[\"\\uDE00x\"]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: \\uDE00 is the second half of a surrogate pair without its first half" },
  { "unterminated-string", "[\"abc", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 6: the document ends inside a string" },
  /* numbers */
  { "leading-zero", "[01]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: 01: a number must not have leading zeros" },
  { "leading-zero-negative", "[-007]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: -00: a number must not have leading zeros" },
  { "leading-zero-fraction", "[00.5]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: 00: a number must not have leading zeros" },
  { "point-first", "[.5]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: a number must start with a digit (0.5, not .5)" },
  { "point-last", "[1.]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: 1.: a digit must follow the decimal point" },
  { "exponent-empty", "[1e]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: 1e: a digit must follow the exponent" },
  { "exponent-sign-only", "[1E+]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: 1E+: a digit must follow the exponent" },
  { "plus", "[+1]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: a number must not start with '+'" },
  { "minus-alone", "[-]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: -: a digit must follow '-'" },
  { "nan", "[NaN]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: NaN is not a JSON value" },
  { "infinity", "{\"a\": Infinity}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 7: Infinity is not a JSON value" },
  { "minus-infinity", "[-Infinity]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: -Infinity is not a JSON value" },
  { "hex", "[0x41]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: expected ',' or ']', got 'x'" },
  { "integer-below-int64", "{\"value\": -18446744073709551609}", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 11: the whole number -18446744073709551609 is outside the 64-bit range "
    "-9223372036854775808 to 9223372036854775807" },
  { "integer-just-below-int64", "[-9223372036854775809]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number -9223372036854775809 is outside the 64-bit range" },
  { "integer-above-int64", "[18446744073709551615]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number 18446744073709551615 is outside the 64-bit range" },
  { "integer-just-above-int64", "[9223372036854775808]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number 9223372036854775808 is outside the 64-bit range" },
  { "integer-long", "[100000000000000000000000000000000000000000000000000000000]", 0,
    GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the whole number 10000000000000000000000000000000… is outside the 64-bit range" },
  { "double-overflow", "[1e309]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the number 1e309 is too large (beyond ±1.8e308)" },
  { "double-overflow-negative", "[-1.8e308]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the number -1.8e308 is too large (beyond ±1.8e308)" },
  { "double-overflow-digits", "[17976931348623159e292]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the number 17976931348623159e292 is too large" },
  { "double-overflow-huge-exponent", "[0.1e99999999999999999999]", 0, GLIDE_JSON_STRICT_ERROR_RANGE,
    "line 1, column 2: the number 0.1e99999999999999999999 is too large" },
  /* structure */
  { "trailing-comma-array", "[1,]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: a trailing comma is not allowed" },
  { "trailing-comma-object", "{\"a\": 1,\n}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 8: a trailing comma is not allowed" },
  { "leading-comma", "[,1]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: expected a value, got ','" },
  { "missing-comma", "[1 2]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 4: expected ',' or ']', got '2'" },
  { "missing-colon", "{\"a\" 1}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 6: expected ':' after the key, got '1'" },
  { "mismatched-close", "[1}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 3: expected ',' or ']', got '}'" },
  { "unclosed", "{\"a\": [1,\n 2", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 2, column 3: the document ends before every array and object is closed" },
  { "two-documents", "{\"a\": 1}\n{\"a\": 2}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 2, column 1: only white space may follow the document (a second document or other "
    "text follows)" },
  { "text-after", "[1] x", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 5: only white space may follow the document" },
  { "word", "[tru]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: tru is not a JSON value" },
  { "word-long", "[truetruetruetruetruetruetruetrue]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: truetruetruetrue… is not a JSON value" },
  { "unexpected-character", "[@]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: expected a value, got '@'" },
  { "unexpected-control", "[\001]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: expected a value, got U+0001" },
  { "bom-inside", "[\xef\xbb\xbf" "1]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 2: expected a value, got U+FEFF" },
  { "empty", "", 0, GLIDE_JSON_STRICT_ERROR_EMPTY, "line 1, column 1: the document is empty" },
  { "white-space-only", " \n\t", 0, GLIDE_JSON_STRICT_ERROR_EMPTY,
    "line 2, column 2: the document is empty" },
  /* columns count characters, not bytes */
  { "column-in-characters", "[\"Παπαδόπουλος\", @]", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 1, column 18: expected a value, got '@'" },
  { "line-and-column", "{\n  \"a\": 1,\n  \"b\": 01\n}", 0, GLIDE_JSON_STRICT_ERROR_SYNTAX,
    "line 3, column 8: 01: a number must not have leading zeros" },
  /* encoding */
  { "utf8-bad-byte", "[\"M\xfcller\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 4: bytes that are not valid UTF-8; the file must be UTF-8" },
  { "utf8-overlong", "[\"\xc0\xaf\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-surrogate", "[\"\xed\xa0\x80\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-beyond-unicode", "[\"\xf4\x90\x80\x80\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-cut", "[\"\xe2\x82\"]", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 3: bytes that are not valid UTF-8" },
  { "utf8-outside-string", "[1]\xff", 0, GLIDE_JSON_STRICT_ERROR_ENCODING,
    "line 1, column 4: bytes that are not valid UTF-8" },
  /* depth: one level more than allowed, and the hostile files of the issue */
  { "depth-65", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 65: arrays and objects are nested more than 64 deep" },
  { "depth-75000", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 65: arrays and objects are nested more than 64 deep" },
  { "depth-75000-under-x-key", NULL, 0, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
    "line 1, column 71: arrays and objects are nested more than 64 deep" },
};

/* "[[[...]]]" n deep, optionally as the value of an extension key. */
static char *
make_nest (guint    depth,
           gboolean under_x_key)
{
  GString *text = g_string_new (under_x_key ? "{\"x-a\":" : "");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  if (under_x_key)
    g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static char *
bad_document_text (const BadDocument *bad,
                   gsize             *length)
{
  char *text;

  if (bad->document != NULL)
    {
      *length = bad->length ? bad->length : strlen (bad->document);
      return g_memdup2 (bad->document, *length + 1);
    }
  if (g_str_equal (bad->name, "depth-65"))
    text = make_nest (GLIDE_JSON_STRICT_MAX_DEPTH + 1, FALSE);
  else
    text = make_nest (HOSTILE_DEPTH, g_str_has_suffix (bad->name, "x-key"));
  *length = strlen (text);
  return text;
}

static void
test_bad_document (gconstpointer data)
{
  const BadDocument *bad = data;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = bad_document_text (bad, &length);

  g_assert_false (glide_json_strict_check (text, length, GLIDE_JSON_STRICT_DEFAULT, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, bad->expected))
    g_error ("expected \"%s...\", got \"%s\"", bad->expected, error->message);
  g_assert_error (error, GLIDE_JSON_STRICT_ERROR, bad->code);
  /* The message never carries a raw control character from the file. */
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
}

static const char *const good_documents[] = {
  "{}",
  "[]",
  " \t\r\n[ ] \r\n",
  "\xef\xbb\xbf{\"a\": 1}",  /* a leading byte order mark, as Windows editors write */
  "\"text\"",
  "true",
  "null",
  "-0",
  "{\"a\": {\"b\": [null, false, true, \"\", {}, []]}, \"c\": -1.5e-3}",
  "[\"\\u00e9\\u00E9 \\ud83d\\ude00 \\uD834\\uDD1E \\u2028 \\uffff\"]",
  "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]",
  "[\"Müller Παπαδόπουλος 山田 😀 \x7f \xc2\x9b\"]",
  "[1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157E+308, 1e-400, 4.9e-324]",
  "[0, -0, 0.5, -0.0, 0e0, 0E-0, 1E+2, 10, 123.456e7]",
  "[9223372036854775807, -9223372036854775808, 922337203685477580.7e1]",
  "[0.00000000000000000000000000000000000000000000000000000000000000000000000000001]",
  "[1000000000000000000000000000000000000000000000000000000000000000000.0]",
  "{\"a\":1,\"a\":2}",  /* repeated keys are the importer's to refuse, with a path */
};

static void
test_good_documents (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_documents); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!glide_json_strict_check (good_documents[i], strlen (good_documents[i]),
                                    GLIDE_JSON_STRICT_DEFAULT, &error))
        g_error ("%s was refused: %s", good_documents[i], error->message);
    }
}

static void
test_deepest_allowed (void)
{
  g_autofree char *nest = make_nest (GLIDE_JSON_STRICT_MAX_DEPTH, FALSE);
  g_autofree char *under_key = make_nest (GLIDE_JSON_STRICT_MAX_DEPTH - 1, TRUE);
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_json_strict_check (nest, strlen (nest), GLIDE_JSON_STRICT_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (glide_json_strict_check (under_key, strlen (under_key),
                                          GLIDE_JSON_STRICT_DEFAULT, &error));
  g_assert_no_error (error);
}

/* An object's members go into a hash table: keys made to collide in it
 * ("aa" and "b@" hash alike, so do all their concatenations) took minutes.
 * 1000 members pass, the 1001st is refused where it starts. */
static char *
make_members (guint n)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "%s\"x-", i ? "," : "");
      for (guint bit = 0; bit < 12; bit++)
        g_string_append (text, (i >> bit) & 1 ? "b@" : "aa");
      g_string_append (text, "\":0");
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_member_limit (void)
{
  g_autofree char *most = make_members (GLIDE_JSON_STRICT_MAX_MEMBERS);
  g_autofree char *one_more = make_members (GLIDE_JSON_STRICT_MAX_MEMBERS + 1);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_json_strict_check (most, strlen (most), GLIDE_JSON_STRICT_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_false (glide_json_strict_check (one_more, strlen (one_more), GLIDE_JSON_STRICT_DEFAULT,
                                           &error));
  g_assert_error (error, GLIDE_JSON_STRICT_ERROR, GLIDE_JSON_STRICT_ERROR_TOO_MANY);
  /* Each member is "x-" and 24 characters in quotes, a colon, a 0 and a comma. */
  expected = g_strdup_printf ("line 1, column %u: an object has more than 1000 members",
                              1 + 1 + GLIDE_JSON_STRICT_MAX_MEMBERS * 31);
  g_assert_cmpstr (error->message, ==, expected);
}

/* The value of an extension member ("x-..."), which the import ignores, is
 * read and checked but not built: the sender cannot choose what building
 * it costs. Its key stays, so that a repeated one is still found. */
static void
test_extension_value_not_built (void)
{
  static const char text[] =
    "{\"a\": {\"b\": [1]}, \"x-a\": {\"c\": [1, {\"d\": 2}]}, \"x-b\": [3], \"x-c\": 4}";
  g_autoptr(GlideJsonStream) stream = glide_json_stream_new_for_data (text, strlen (text),
                                                                      GLIDE_JSON_STRICT_DEFAULT);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  GlideJsonToken first = glide_json_stream_next (stream, &error);

  root = glide_json_stream_read_value (stream, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "a")), ==, 1);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "x-a")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "x-b")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "x-c"), ==, 4);
  g_assert_cmpint (glide_json_stream_next (stream, &error), ==, GLIDE_JSON_TOKEN_END);
}

/* The importer names the JSON path of a string with bad bytes; anywhere
 * else they are refused here. */
static void
test_bad_utf8_in_strings_allowed (void)
{
  static const char in_string[] = "{\"name\": \"M\xfcller\"}";
  static const char in_key[] = "{\"n\xe4me\": 1}";
  static const char outside[] = "{\"name\": 1}\xfc";
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_json_strict_check (in_string, strlen (in_string),
                                          GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS, &error));
  g_assert_no_error (error);
  g_assert_true (glide_json_strict_check (in_key, strlen (in_key),
                                          GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS, &error));
  g_assert_no_error (error);
  g_assert_false (glide_json_strict_check (outside, strlen (outside),
                                           GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS, &error));
  g_assert_error (error, GLIDE_JSON_STRICT_ERROR, GLIDE_JSON_STRICT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "line 1, column 12: bytes that are not valid UTF-8; "
                                       "the file must be UTF-8");
}

/* ---- escaping for messages --------------------------------------------------- */

static void
test_escape_controls (void)
{
  static const struct
  {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "plain text, Müller, 山田", "plain text, Müller, 山田" },
    { "", "" },
    { "a\033]0;title\007b", "a\\u001B]0;title\\u0007b" },
    { "line\nbreak\ttab\r", "line\\u000Abreak\\u0009tab\\u000D" },
    { "del\x7f", "del\\u007F" },
    { "c1 \xc2\x80 \xc2\x9b \xc2\x9f \xc2\xa0", "c1 \\u0080 \\u009B \\u009F \xc2\xa0" },
    { "\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029" },
    { "\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9", "\\u202A\\u202E\\u2066\\u2069" },
    { "\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x81\xa7\xe2\x81\xa8", "\\u202B\\u202C\\u202D\\u2067\\u2068" },
    { "\xe2\x80\xaf ok", "\xe2\x80\xaf ok" },  /* U+202F narrow no-break space is text */
    { "bad \xff\xc3 bytes", "bad \\xFF\\xC3 bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = glide_text_escape_controls (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

/* ---- the real import ----------------------------------------------------------- */

/* A small valid document; @NAME@ markers are replaced per case. */
static const char import_template[] =
  "{\"format\": \"glide-interchange\", \"version\": 1,@ROOT@"
  " \"therapists\": [{\"id\": \"dw\", \"name\": \"Dana Whitfield\"}],"
  " \"patients\": [{\"chart\": \"P-0001\", \"family_name\": \"@FAMILY@\", \"given_name\": \"José\","
  "  \"courses\": [{\"diagnosis\": \"Plantar fasciitis\", \"start_date\": \"2026-09-01\","
  "   \"sessions\": [{\"start\": \"2026-09-01T09:30\", \"therapist\": \"dw\", \"note\": \"@NOTE@\","
  "    \"treatments\": [{\"site\": \"calf\", \"side\": \"left\", \"stroke\": \"sustained\","
  "      \"duration_s\": @DURATION@, \"edge\": \"concave\", \"redness\": \"mild\", \"petechiae\": false}],"
  "    \"measures\": [{\"measure\": \"pain\", \"timing\": \"pre\", \"value\": @PAIN@}]}]}]}]}";

typedef struct
{
  const char *name;
  const char *marker;    /* NULL: the whole file is @value, twice if @value is "twice" */
  const char *value;
  const char *expected;  /* the import's message must start with this */
} BadImport;

static const BadImport bad_imports[] = {
  { "deep-under-x-key", "@ROOT@", NULL,
    "document: line 1, column 116: arrays and objects are nested more than 64 deep" },
  { "pain-below-int64", "@PAIN@", "-18446744073709551609",
    "document: line 1, column 564: the whole number -18446744073709551609 is "
    "outside the 64-bit range" },
  { "duration-above-int64", "@DURATION@", "18446744073709551615",
    "document: line 1, column 438: the whole number 18446744073709551615 is "
    "outside the 64-bit range" },
  { "duration-int64-max", "@DURATION@", "9223372036854775807",
    "patients[0].courses[0].sessions[0].treatments[0].duration_s: 9223372036854775807 is out of "
    "range 1-3600" },
  { "duration-huge-double", "@DURATION@", "1e300",
    "patients[0].courses[0].sessions[0].treatments[0].duration_s: 1e+300 is too large for a whole "
    "number" },
  { "duration-fraction", "@DURATION@", "1000000000000000.5",
    "patients[0].courses[0].sessions[0].treatments[0].duration_s: 1000000000000000.5 is not a "
    "whole number" },
  { "pain-double-overflow", "@PAIN@", "-1e400",
    "document: line 1, column 564: the number -1e400 is too large" },
  { "note-with-nul", "@NOTE@", "Heel pain.\\u0000 Hidden tail",
    "document: not valid JSON at line 1, column 342: \\u0000 is not allowed" },
  { "note-with-raw-control", "@NOTE@", "Heel\033[2J pain",
    "document: not valid JSON at line 1, column 336: the control character U+001B must be "
    "written as an escape" },
  { "note-with-bad-escape", "@NOTE@", "Heel \\x41",
    "document: not valid JSON at line 1, column 337: \\x is not a valid escape" },
  { "comment", "@ROOT@", " /* exported by OtherEMR */",
    "document: not valid JSON at line 1, column 47: comments are not allowed in JSON" },
  { "leading-zero", "@PAIN@", "07",
    "document: not valid JSON at line 1, column 564: 07: a number must not have leading zeros" },
  { "point-first", "@PAIN@", ".5",
    "document: not valid JSON at line 1, column 564: a number must start with a digit" },
  { "trailing-comma", "@ROOT@", " \"x-a\": [1,],",
    "document: not valid JSON at line 1, column 56: a trailing comma is not allowed" },
  { "two-documents", NULL, "twice",
    "document: not valid JSON at line 2, column 1: only white space may follow the document" },
  { "bad-utf8-names-its-path", "@FAMILY@", "M\xfcller",
    "patients[0].family_name: contains bytes that are not valid UTF-8 (line 1, column 153 of the "
    "file)" },
  { "bad-utf8-in-extension-key", "@ROOT@", " \"x-\xfc\": 1,",
    "x-\xf4\x8f\xbf\xbe: contains bytes that are not valid UTF-8 (line 1, column 50 of the file)" },
};

static char *
make_import (const BadImport *bad)
{
  static const char *const markers[] = { "@ROOT@", "@FAMILY@", "@NOTE@", "@DURATION@", "@PAIN@" };
  static const char *const defaults[] = { "", "Müller", "Heel pain.", "60", "7" };
  g_autoptr(GString) text = g_string_new (import_template);

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *value = defaults[i];
      g_autofree char *nest = NULL;

      if (bad != NULL && g_strcmp0 (bad->marker, markers[i]) == 0)
        {
          if (bad->value != NULL)
            value = bad->value;
          else
            {
              g_autofree char *deep = make_nest (HOSTILE_DEPTH, TRUE);

              /* {"x-a": [[...]]} -> "x-a": [[...]], */
              deep[strlen (deep) - 1] = '\0';
              nest = g_strdup_printf (" %s,", deep + 1);
              value = nest;
            }
        }
      g_string_replace (text, markers[i], value, 1);
    }
  if (bad != NULL && bad->marker == NULL)
    {
      g_autofree char *once = g_strdup (text->str);

      g_string_append_printf (text, "\n%s", once);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every table the import writes, row by row, with the audit log. */
static char *
dump_store (const char *db)
{
  static const char *const tables[] = { "therapists", "patients", "patient_words", "courses",
                                        "sessions", "treatments", "measures", "addenda",
                                        "audit_log", "audit_head" };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* Table names from the constant list above, never from input. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[i]);
      g_autofree char *rows = glide_test_sql_text (db, sql);

      g_string_append_printf (dump, "[%s]\n%s", tables[i], rows);
    }
  return g_string_free (dump, FALSE);
}

typedef struct
{
  char       *dir;
  char       *db;
  GlideStore *store;
} ImportFixture;

static void
import_fixture_set_up (ImportFixture *f,
                       gconstpointer  data)
{
  f->dir = glide_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "clinic.db", NULL);
  f->store = glide_test_open_store (f->dir, "clinic.db");
  glide_test_add_patient (f->store, "P-9000", "Existing", "Patient");
}

static void
import_fixture_tear_down (ImportFixture *f,
                          gconstpointer  data)
{
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
test_template_imports (ImportFixture *f,
                       gconstpointer  data)
{
  g_autofree char *document = make_import (NULL);
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;

  g_assert_true (glide_interchange_import (f->store, document, strlen (document), FALSE, "ok.json",
                                           &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.patients, ==, 1);
  g_assert_cmpuint (summary.measures, ==, 1);
}

static void
test_bad_import (ImportFixture *f,
                 gconstpointer  data)
{
  const BadImport *bad = data;
  g_autofree char *document = make_import (bad);
  g_autofree char *before = dump_store (f->db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;

  g_assert_false (glide_interchange_import (f->store, document, strlen (document), FALSE,
                                            "bad.json", &summary, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, bad->expected))
    g_error ("expected \"%s...\", got \"%s\"", bad->expected, error->message);
  g_assert_cmpuint (summary.patients, ==, 0);

  after = dump_store (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* Keys and values from the file reach messages escaped: a file cannot retitle
 * or clear the terminal, nor reorder a message with bidi controls. */
static void
test_import_message_escaped (ImportFixture *f,
                             gconstpointer  data)
{
  static const struct
  {
    const char *root;
    const char *expected;
  } cases[] = {
    { " \"\\u001b]0;pwned\\u0007\\u001b[2J\": 1,",
      "\\u001B]0;pwned\\u0007\\u001B[2J: unknown key (only keys starting with x- may be added)" },
    { " \"a\xc2\x9b" "2J\": 1,", "a\\u009B2J: unknown key" },
    { " \"\xe2\x80\xae" "yek\": 1,", "\\u202Eyek: unknown key" },
    { " \"a\\u2028b\\u2066\": 1,", "a\\u2028b\\u2066: unknown key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BadImport bad = { "escaped", "@ROOT@", cases[i].root, NULL };
      g_autofree char *document = make_import (&bad);
      g_autoptr(GError) error = NULL;
      GlideImportSummary summary;

      g_assert_false (glide_interchange_import (f->store, document, strlen (document), FALSE,
                                                "bad.json", &summary, &error));
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].expected));
    }
}

/* The command line prints the message escaped too. */
static void
test_cli_message_escaped (ImportFixture *f,
                          gconstpointer  data)
{
  BadImport bad = { "escaped", "@ROOT@", " \"\\u001b]0;pwned\\u0007\\u009b2J\": 1,", NULL };
  g_autofree char *document = make_import (&bad);
  g_autofree char *file = g_build_filename (f->dir, "title.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", f->db, "--import", file, NULL };

  g_clear_object (&f->store);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  g_assert_cmpint (glide_test_run (argv, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "\\u001B]0;pwned\\u0007\\u009B2J: unknown key"));
  g_assert_null (strchr (err, '\033'));
  g_assert_null (strchr (err, '\007'));
  g_assert_null (strstr (err, "\xc2\x9b"));
}

/* Every message the command line prints is escaped, not only the import's:
 * here the file name, in the prefix and in GLib's message. */
static void
test_cli_file_name_escaped (ImportFixture *f,
                            gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "missing\033]0;pwned\007.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", f->db, "--import", file, NULL };

  g_clear_object (&f->store);
  g_assert_cmpint (glide_test_run (argv, &out, &err), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "missing\\u001B]0;pwned\\u0007.json"));
  g_assert_null (strchr (err, '\033'));
  g_assert_null (strchr (err, '\007'));
}

/* The file of the issue, through the command line: refused, no crash. */
static void
test_cli_deep_nest (ImportFixture *f,
                    gconstpointer  data)
{
  BadImport bad = { "deep", "@ROOT@", NULL, NULL };
  g_autofree char *document = make_import (&bad);
  g_autofree char *file = g_build_filename (f->dir, "deep.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", f->db, "--import", file, NULL };

  g_clear_object (&f->store);
  before = dump_store (f->db);
  g_assert_cmpuint (strlen (document), >, 150000);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  g_assert_cmpint (glide_test_run (argv, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "document: line 1, column 116: arrays and objects are nested "
                                 "more than 64 deep"));
  g_assert_nonnull (strstr (err, "Nothing was imported."));
  after = dump_store (f->db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-strict/bad/%s", bad_documents[i].name);

      g_test_add_data_func (path, &bad_documents[i], test_bad_document);
    }
  g_test_add_func ("/json-strict/good", test_good_documents);
  g_test_add_func ("/json-strict/deepest-allowed", test_deepest_allowed);
  g_test_add_func ("/json-strict/member-limit", test_member_limit);
  g_test_add_func ("/json-strict/extension-value-not-built", test_extension_value_not_built);
  g_test_add_func ("/json-strict/bad-utf8-in-strings-allowed", test_bad_utf8_in_strings_allowed);
  g_test_add_func ("/json-strict/escape-controls", test_escape_controls);

  g_test_add ("/json-strict/import/template-imports", ImportFixture, NULL,
              import_fixture_set_up, test_template_imports, import_fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-strict/import/bad/%s", bad_imports[i].name);

      g_test_add (path, ImportFixture, &bad_imports[i],
                  import_fixture_set_up, test_bad_import, import_fixture_tear_down);
    }
  g_test_add ("/json-strict/import/message-escaped", ImportFixture, NULL,
              import_fixture_set_up, test_import_message_escaped, import_fixture_tear_down);
  g_test_add ("/json-strict/cli/message-escaped", ImportFixture, NULL,
              import_fixture_set_up, test_cli_message_escaped, import_fixture_tear_down);
  g_test_add ("/json-strict/cli/file-name-escaped", ImportFixture, NULL,
              import_fixture_set_up, test_cli_file_name_escaped, import_fixture_tear_down);
  g_test_add ("/json-strict/cli/deep-nest", ImportFixture, NULL,
              import_fixture_set_up, test_cli_deep_nest, import_fixture_tear_down);

  return g_test_run ();
}
