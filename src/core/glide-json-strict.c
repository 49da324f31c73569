/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-strict.c: refuses, before any tree is built, what RFC 8259 does
 * not allow and what json-glib would quietly accept, truncate, wrap or crash
 * on; every refusal names the line and column (in characters) and the rule. */

#define G_LOG_DOMAIN "glide-json-strict"

#include "config.h"

#include "glide-json-strict.h"

#include <float.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (glide-json-strict-error-quark, glide_json_strict_error)

/* How much of a number or a word a message quotes. */
#define QUOTED_NUMBER 32
#define QUOTED_WORD 16

#define INT64_MAX_DIGITS "9223372036854775807"
#define INT64_MIN_DIGITS "9223372036854775808"

/* The kinds of open containers are bits of one guint64. */
G_STATIC_ASSERT (GLIDE_JSON_STRICT_MAX_DEPTH <= 64);

typedef struct
{
  const guchar  *p;       /* the next byte */
  const guchar  *end;
  guint          line;    /* of the next byte, from 1 */
  guint          column;  /* of the next byte, in characters, from 1 */
  gboolean       allow_bad_utf8_in_strings;
  GError       **error;
} Scanner;

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_CLOSE,  /* just after '[' */
  WANT_KEY,
  WANT_KEY_OR_CLOSE,    /* just after '{' */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,
  WANT_END,
} State;

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (Scanner    *s,
         guint       line,
         guint       column,
         int         code,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, GLIDE_JSON_STRICT_ERROR, code, "line %u, column %u: %s",
               line, column, message);
  return FALSE;
}

#define fail(s, code, ...) fail_at ((s), (s)->line, (s)->column, (code), __VA_ARGS__)

static gboolean
fail_encoding (Scanner *s)
{
  return fail (s, GLIDE_JSON_STRICT_ERROR_ENCODING,
               "bytes that are not valid UTF-8; the file must be UTF-8");
}

/* The length of the well-formed UTF-8 sequence at p (Unicode's table 3-7:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF), or 0. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  gsize available = end - p;
  guchar lead = p[0];
  guchar low = 0x80, high = 0xbf;
  guint length;

  if (lead < 0x80)
    return 1;
  if (lead >= 0xc2 && lead <= 0xdf)
    length = 2;
  else if (lead >= 0xe0 && lead <= 0xef)
    {
      length = 3;
      if (lead == 0xe0)
        low = 0xa0;
      else if (lead == 0xed)
        high = 0x9f;
    }
  else if (lead >= 0xf0 && lead <= 0xf4)
    {
      length = 4;
      if (lead == 0xf0)
        low = 0x90;
      else if (lead == 0xf4)
        high = 0x8f;
    }
  else
    return 0;

  if (available < length || p[1] < low || p[1] > high)
    return 0;
  for (guint i = 2; i < length; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return length;
}

/* "'x'" for visible ASCII, "U+0001" for anything else; NULL when the byte
 * does not start UTF-8. */
static char *
describe_character (const guchar *p,
                    const guchar *end)
{
  guint length = utf8_sequence_length (p, end);

  if (length == 0)
    return NULL;
  if (p[0] > 0x20 && p[0] < 0x7f)
    return g_strdup_printf ("'%c'", p[0]);
  return g_strdup_printf ("U+%04X", g_utf8_get_char ((const char *) p));
}

/* "expected ..., got X" about the next character. */
static gboolean
fail_unexpected (Scanner    *s,
                 const char *expected)
{
  g_autofree char *got = describe_character (s->p, s->end);

  if (got == NULL)
    return fail_encoding (s);
  return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "expected %s, got %s", expected, got);
}

static void
advance (Scanner *s,
         gsize    n_ascii)
{
  s->p += n_ascii;
  s->column += n_ascii;
}

static void
skip_white_space (Scanner *s)
{
  while (s->p < s->end)
    {
      switch (*s->p)
        {
        case '\n':
          s->p++;
          s->line++;
          s->column = 1;
          break;
        case ' ':
        case '\t':
        case '\r':
          advance (s, 1);
          break;
        default:
          return;
        }
    }
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The code unit of "\uXXXX" at p, or -1. */
static int
read_unicode_escape (const guchar *p,
                     const guchar *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* One escape at the backslash s->p. */
static gboolean
scan_escape (Scanner *s)
{
  int unit;

  if (s->end - s->p < 2)
    {
      advance (s, 1);
      return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "the document ends inside a string");
    }

  switch (s->p[1])
    {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      advance (s, 2);
      return TRUE;
    case 'u':
      break;
    default:
      if (s->p[1] > 0x20 && s->p[1] < 0x7f)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "\\%c is not a valid escape (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                     "and \\u with four hexadecimal digits)", s->p[1]);
      else
        {
          g_autofree char *got = describe_character (s->p + 1, s->end);

          return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                       "\\ followed by %s is not a valid escape (JSON has \\\" \\\\ \\/ \\b "
                       "\\f \\n \\r \\t and \\u with four hexadecimal digits)",
                       got ? got : "a byte that is not UTF-8");
        }
    }

  unit = read_unicode_escape (s->p, s->end);
  if (unit < 0)
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                 "\\u must be followed by four hexadecimal digits");
  if (unit == 0)
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                 "\\u0000 is not allowed: text must not contain the NUL character");
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                 "\\u%04X is the second half of a surrogate pair without its first half", unit);
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int second = read_unicode_escape (s->p + 6, s->end);

      if (second < 0xdc00 || second > 0xdfff)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "\\u%04X is the first half of a surrogate pair without its second half "
                     "(\\uDC00 to \\uDFFF)", unit);
      advance (s, 12);
      return TRUE;
    }
  advance (s, 6);
  return TRUE;
}

/* A string (value or key) from its opening quote at s->p. */
static gboolean
scan_string (Scanner *s)
{
  advance (s, 1);
  while (s->p < s->end)
    {
      guchar b = *s->p;
      guint length;

      if (b == '"')
        {
          advance (s, 1);
          return TRUE;
        }
      if (b == '\\')
        {
          if (!scan_escape (s))
            return FALSE;
          continue;
        }
      if (b < 0x20)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "the control character U+%04X must be written as an escape (such as "
                     "\\u%04X) inside a string", b, b);
      if (b < 0x80)
        {
          advance (s, 1);
          continue;
        }
      length = utf8_sequence_length (s->p, s->end);
      if (length == 0)
        {
          if (!s->allow_bad_utf8_in_strings)
            return fail_encoding (s);
          length = 1;
        }
      s->p += length;
      s->column++;
    }
  return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "the document ends inside a string");
}

static gboolean
is_digit (const guchar *p,
          const guchar *end)
{
  return p < end && *p >= '0' && *p <= '9';
}

static gboolean
is_letter (const guchar *p,
           const guchar *end)
{
  return p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
}

/* A run of letters from s->p (after an optional '-'): true, false, null, or
 * a word JSON does not have (NaN, Infinity, undefined, True...). */
static gboolean
scan_word (Scanner *s)
{
  const guchar *q = s->p + (*s->p == '-');
  gsize length;

  while (is_letter (q, s->end))
    q++;
  length = q - s->p;

  if ((length == 4 && memcmp (s->p, "true", 4) == 0) ||
      (length == 5 && memcmp (s->p, "false", 5) == 0) ||
      (length == 4 && memcmp (s->p, "null", 4) == 0))
    {
      advance (s, length);
      return TRUE;
    }
  return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
               "%.*s%s is not a JSON value (a value is a string, a number, an object, an "
               "array, true, false or null)",
               (int) MIN (length, QUOTED_WORD), s->p, length > QUOTED_WORD ? "…" : "");
}

/* Whether a number with these digits overflows a double to infinity. The
 * decimal exponent of its first significant digit decides, except at 308
 * where the leading digits are converted. */
static gboolean
overflows_double (const guchar *int_digits,
                  const guchar *int_end,
                  const guchar *frac_digits,
                  const guchar *frac_end,
                  const guchar *exp_digits,
                  const guchar *exp_end,
                  gboolean      exp_negative)
{
  const guchar *first = NULL;
  gint64 magnitude = 0;
  gint64 exponent = 0;
  char buffer[80];
  guint n = 0;

  for (const guchar *d = int_digits; d < int_end && first == NULL; d++)
    if (*d != '0')
      {
        first = d;
        magnitude = int_end - d - 1;
      }
  for (const guchar *d = frac_digits; d < frac_end && first == NULL; d++)
    if (*d != '0')
      {
        first = d;
        magnitude = -(d - frac_digits) - 1;
      }
  if (first == NULL)
    return FALSE;  /* zero */

  /* Past a billion the exact exponent no longer matters. */
  for (const guchar *d = exp_digits; d < exp_end && exponent < 1000000000; d++)
    exponent = exponent * 10 + (*d - '0');
  if (exp_negative)
    exponent = -exponent;

  if (magnitude + exponent < DBL_MAX_10_EXP)
    return FALSE;
  if (magnitude + exponent > DBL_MAX_10_EXP)
    return TRUE;

  /* d.ddd…e308 from the first 60 significant digits. */
  for (const guchar *d = first; n < 62; d++)
    {
      if (d == int_end)
        d = frac_digits;  /* over the decimal point */
      if (d >= frac_end)
        break;
      buffer[n++] = (char) *d;
      if (n == 1)
        buffer[n++] = '.';
    }
  g_snprintf (buffer + n, sizeof buffer - n, "e%d", DBL_MAX_10_EXP);
  return isinf (g_ascii_strtod (buffer, NULL));
}

/* A number from its '-' or first digit at s->p. */
static gboolean
scan_number (Scanner *s)
{
  const guchar *start = s->p;
  const guchar *end = s->end;
  const guchar *q = start;
  const guchar *int_digits, *int_end;
  const guchar *frac_digits = NULL, *frac_end = NULL;
  const guchar *exp_digits = NULL, *exp_end = NULL;
  gboolean negative = *q == '-';
  gboolean exp_negative = FALSE;
  int quoted;

  if (negative)
    q++;
  if (!is_digit (q, end))
    {
      if (negative && is_letter (q, end))
        return scan_word (s);
      return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "-: a digit must follow '-'");
    }

  int_digits = q;
  if (*q == '0')
    {
      q++;
      if (is_digit (q, end))
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "%.*s: a number must not have leading zeros", (int) (q + 1 - start), start);
    }
  else
    while (is_digit (q, end))
      q++;
  int_end = q;

  if (q < end && *q == '.')
    {
      frac_digits = ++q;
      while (is_digit (q, end))
        q++;
      frac_end = q;
      if (frac_digits == frac_end)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "%.*s: a digit must follow the decimal point",
                     (int) MIN (q - start, QUOTED_NUMBER), start);
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        exp_negative = *q++ == '-';
      exp_digits = q;
      while (is_digit (q, end))
        q++;
      exp_end = q;
      if (exp_digits == exp_end)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "%.*s: a digit must follow the exponent",
                     (int) MIN (q - start, QUOTED_NUMBER), start);
    }

  quoted = (int) MIN (q - start, QUOTED_NUMBER);
  if (frac_digits == NULL && exp_digits == NULL)
    {
      gsize n_digits = int_end - int_digits;

      if (n_digits > strlen (INT64_MAX_DIGITS) ||
          (n_digits == strlen (INT64_MAX_DIGITS) &&
           memcmp (int_digits, negative ? INT64_MIN_DIGITS : INT64_MAX_DIGITS, n_digits) > 0))
        return fail (s, GLIDE_JSON_STRICT_ERROR_RANGE,
                     "the whole number %.*s%s is outside the 64-bit range "
                     "-" INT64_MIN_DIGITS " to " INT64_MAX_DIGITS,
                     quoted, start, q - start > QUOTED_NUMBER ? "…" : "");
    }
  else if (overflows_double (int_digits, int_end,
                             frac_digits ? frac_digits : int_end, frac_end ? frac_end : int_end,
                             exp_digits ? exp_digits : q, exp_end ? exp_end : q, exp_negative))
    return fail (s, GLIDE_JSON_STRICT_ERROR_RANGE,
                 "the number %.*s%s is too large (beyond ±1.8e308)",
                 quoted, start, q - start > QUOTED_NUMBER ? "…" : "");

  advance (s, q - start);
  return TRUE;
}

/* A value that is not an array or object, at s->p. */
static gboolean
scan_scalar (Scanner *s)
{
  guchar c = *s->p;

  if (c == '"')
    return scan_string (s);
  if (c == '-' || (c >= '0' && c <= '9'))
    return scan_number (s);
  if (is_letter (s->p, s->end))
    return scan_word (s);
  if (c == '+')
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "a number must not start with '+'");
  if (c == '.')
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                 "a number must start with a digit (0.5, not .5)");
  return fail_unexpected (s, "a value");
}

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
 * as the RFC permits. One pass, no recursion, no allocation but the error.
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
  Scanner s = {
    .p = (const guchar *) data,
    .end = (const guchar *) data + length,
    .line = 1,
    .column = 1,
    .allow_bad_utf8_in_strings = (flags & GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS) != 0,
    .error = error,
  };
  State state = WANT_VALUE;
  guint64 is_object = 0;  /* bit d - 1: the container at depth d is an object */
  guint depth = 0;
  guint comma_line = 0, comma_column = 0;
  gboolean after_comma = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    s.p += 3;

  for (;;)
    {
      guchar c;

      skip_white_space (&s);
      if (s.p == s.end)
        {
          if (state == WANT_END)
            return TRUE;
          if (state == WANT_VALUE && depth == 0)
            return fail (&s, GLIDE_JSON_STRICT_ERROR_EMPTY, "the document is empty");
          return fail (&s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                       "the document ends before every array and object is closed");
        }

      c = *s.p;
      if (c == '/')
        return fail (&s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "comments are not allowed in JSON");
      if (c == '\'' && state <= WANT_KEY_OR_CLOSE)
        return fail (&s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "strings must be in double quotes, not single quotes");

      switch (state)
        {
        case WANT_VALUE:
        case WANT_VALUE_OR_CLOSE:
          if (c == '[' || c == '{')
            {
              if (depth == GLIDE_JSON_STRICT_MAX_DEPTH)
                return fail (&s, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
                             "arrays and objects are nested more than %d deep",
                             GLIDE_JSON_STRICT_MAX_DEPTH);
              if (c == '{')
                is_object |= G_GUINT64_CONSTANT (1) << depth;
              else
                is_object &= ~(G_GUINT64_CONSTANT (1) << depth);
              depth++;
              advance (&s, 1);
              state = c == '{' ? WANT_KEY_OR_CLOSE : WANT_VALUE_OR_CLOSE;
              after_comma = FALSE;
              continue;
            }
          if (c == ']' && state == WANT_VALUE_OR_CLOSE)
            break;  /* closes below */
          if (c == ']' && after_comma)
            return fail_at (&s, comma_line, comma_column, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                            "a trailing comma is not allowed");
          if (!scan_scalar (&s))
            return FALSE;
          state = depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
          continue;

        case WANT_KEY:
        case WANT_KEY_OR_CLOSE:
          if (c == '"')
            {
              if (!scan_string (&s))
                return FALSE;
              state = WANT_COLON;
              continue;
            }
          if (c == '}' && state == WANT_KEY_OR_CLOSE)
            break;  /* closes below */
          if (c == '}')
            return fail_at (&s, comma_line, comma_column, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                            "a trailing comma is not allowed");
          return fail_unexpected (&s, state == WANT_KEY ? "a key (a string in double quotes)"
                                                        : "a key (a string in double quotes) or '}'");

        case WANT_COLON:
          if (c != ':')
            return fail_unexpected (&s, "':' after the key");
          advance (&s, 1);
          state = WANT_VALUE;
          after_comma = FALSE;
          continue;

        case WANT_COMMA_OR_CLOSE:
          {
            gboolean in_object = (is_object >> (depth - 1)) & 1;

            if (c == ',')
              {
                comma_line = s.line;
                comma_column = s.column;
                after_comma = TRUE;
                advance (&s, 1);
                state = in_object ? WANT_KEY : WANT_VALUE;
                continue;
              }
            if (c == (in_object ? '}' : ']'))
              break;  /* closes below */
            return fail_unexpected (&s, in_object ? "',' or '}'" : "',' or ']'");
          }

        case WANT_END:
          if (utf8_sequence_length (s.p, s.end) == 0)
            return fail_encoding (&s);
          return fail (&s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                       "only white space may follow the document (a second document or "
                       "other text follows)");

        default:
          g_assert_not_reached ();
        }

      /* The closing bracket of the innermost container. */
      advance (&s, 1);
      depth--;
      state = depth == 0 ? WANT_END : WANT_COMMA_OR_CLOSE;
    }
}
