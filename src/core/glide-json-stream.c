/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-stream.c: the strict RFC 8259 tokenizer. It refuses what RFC 8259
 * does not allow and what json-glib would quietly accept, truncate, wrap or
 * crash on, naming the line and column (in characters) and the rule; it reads
 * from memory or from a stream in chunks, holding at most one token (and a
 * chunk) of the text, and builds small json-glib trees on request. */

#define G_LOG_DOMAIN "glide-json-stream"

#include "config.h"

#include "glide-json-stream.h"
#include "glide-i18n.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* How much of a number or a word a message quotes. */
#define QUOTED_NUMBER 32
#define QUOTED_WORD 16

#define INT64_MAX_DIGITS "9223372036854775807"
#define INT64_MIN_DIGITS "9223372036854775808"

/* Read at a time from a stream; the buffer grows only for a longer token. */
#define CHUNK_SIZE (256 * 1024)
/* Enough to describe any character and to see a byte order mark. */
#define LOOKAHEAD 8

/* The kinds of open containers are bits of one guint64. */
G_STATIC_ASSERT (GLIDE_JSON_STRICT_MAX_DEPTH <= 64);

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_CLOSE,  /* just after '[' */
  WANT_KEY,
  WANT_KEY_OR_CLOSE,    /* just after '{' */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,
  WANT_END,
  DONE,                 /* END returned */
  FAILED,               /* ERROR returned */
} State;

struct _GlideJsonStream
{
  /* Where the text comes from: all of it in memory, or a stream. */
  GInputStream  *input;
  guchar        *owned;          /* the chunk buffer, for a stream */
  gsize          capacity;
  const guchar  *base;           /* the text at buffer_offset */
  goffset        buffer_offset;
  gboolean       eof;            /* nothing beyond end */

  const guchar  *p;              /* the next byte */
  const guchar  *end;
  guint          line;           /* of the next byte, from 1 */
  guint          column;         /* of the next byte, in characters, from 1 */
  gboolean       allow_bad_utf8_in_strings;
  GError       **error;

  State          state;
  guint64        is_object;      /* bit d - 1: the container at depth d is an object */
  guint          depth;
  guint          members[GLIDE_JSON_STRICT_MAX_DEPTH + 1];  /* keys of the object at depth d */
  guint          comma_line;
  guint          comma_column;
  gboolean       after_comma;
  gboolean       fragment;       /* one value from glide_json_stream_seek(), then END */

  /* The token last returned: its text stays in the buffer until the next call. */
  GlideJsonToken token;
  const guchar  *token_start;
  const guchar  *token_end;
  goffset        token_offset;
  guint          token_line;
  guint          token_column;
  gboolean       token_decoded;
  GString       *text;           /* the decoded string, or the number's text */

  gboolean       bad_utf8;       /* the first bytes that are not UTF-8 in a string */
  guint          bad_line;
  guint          bad_column;
};

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (GlideJsonStream *s,
         guint            line,
         guint            column,
         int              code,
         const char      *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, GLIDE_JSON_STRICT_ERROR, code, _("line %u, column %u: %s"),
               line, column, message);
  return FALSE;
}

#define fail(s, code, ...) fail_at ((s), (s)->line, (s)->column, (code), __VA_ARGS__)

static gboolean
fail_encoding (GlideJsonStream *s)
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
fail_unexpected (GlideJsonStream *s,
                 const char      *expected)
{
  g_autofree char *got = describe_character (s->p, s->end);

  if (got == NULL)
    return fail_encoding (s);
  return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "expected %s, got %s", expected, got);
}

static void
advance (GlideJsonStream *s,
         gsize            n_ascii)
{
  s->p += n_ascii;
  s->column += n_ascii;
}

/* ---- the buffer ------------------------------------------------------------ */

/* Makes at least @wanted bytes from s->p available, unless the text ends
 * first. Called only between tokens: it may move the buffer. */
static gboolean
fill (GlideJsonStream *s,
      gsize            wanted)
{
  while (!s->eof && (gsize) (s->end - s->p) < wanted)
    {
      gsize kept = s->end - s->p;
      gssize n;

      /* The token being read starts at s->p (or is not started): it moves
       * with the bytes kept. */
      if (s->p != s->owned)
        {
          if (kept > 0)
            memmove (s->owned, s->p, kept);
          s->buffer_offset += s->p - s->base;
          s->base = s->p = s->token_start = s->owned;
          s->end = s->owned + kept;
        }
      if (s->capacity - kept < CHUNK_SIZE)
        {
          /* A token longer than what is left: grow, never shrink. */
          s->capacity = MAX (s->capacity * 2, kept + CHUNK_SIZE);
          s->owned = g_realloc (s->owned, s->capacity);
          s->base = s->p = s->token_start = s->owned;
          s->end = s->owned + kept;
        }
      n = g_input_stream_read (s->input, s->owned + kept, s->capacity - kept, NULL, s->error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        s->eof = TRUE;
      s->end += n;
    }
  return TRUE;
}

/* Makes the whole string at s->p available, up to its closing quote (or to
 * the end of the text), so the checks below see what they would see with
 * the whole text in memory. */
static gboolean
fill_string (GlideJsonStream *s)
{
  gsize from = 1;  /* from s->p: where to look for the closing quote next */

  for (;;)
    {
      const guchar *q = s->p + from;

      while (q < s->end)
        {
          const guchar *quote = memchr (q, '"', s->end - q);
          const guchar *b;

          if (quote == NULL)
            {
              q = s->end;
              break;
            }
          /* Escaped by an odd number of backslashes before it. */
          for (b = quote; b > s->p + 1 && b[-1] == '\\'; b--)
            ;
          if (((quote - b) & 1) == 0)
            return TRUE;
          q = quote + 1;
        }
      if (s->eof)
        return TRUE;
      from = q - s->p;
      if (!fill (s, from + 1))
        return FALSE;
    }
}

static gboolean
is_word_byte (guchar c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '-' || c == '+' || c == '.';
}

/* Makes the whole number or word at s->p available, and the byte after it. */
static gboolean
fill_word (GlideJsonStream *s)
{
  gsize from = 0;

  for (;;)
    {
      const guchar *q = s->p + from;

      while (q < s->end && is_word_byte (*q))
        q++;
      if (q < s->end || s->eof)
        return TRUE;
      from = q - s->p;
      if (!fill (s, from + 1))
        return FALSE;
    }
}

static gboolean
skip_white_space (GlideJsonStream *s)
{
  for (;;)
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
              return TRUE;
            }
        }
      if (s->eof)
        return TRUE;
      if (!fill (s, 1))
        return FALSE;
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
scan_escape (GlideJsonStream *s)
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
scan_string (GlideJsonStream *s)
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
          if (!s->bad_utf8)
            {
              s->bad_utf8 = TRUE;
              s->bad_line = s->line;
              s->bad_column = s->column;
            }
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
scan_word (GlideJsonStream *s)
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
      s->token = s->p[0] == 't' ? GLIDE_JSON_TOKEN_TRUE
               : s->p[0] == 'f' ? GLIDE_JSON_TOKEN_FALSE : GLIDE_JSON_TOKEN_NULL;
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
scan_number (GlideJsonStream *s)
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

  s->token = frac_digits == NULL && exp_digits == NULL ? GLIDE_JSON_TOKEN_INT
                                                       : GLIDE_JSON_TOKEN_DOUBLE;
  advance (s, q - start);
  return TRUE;
}

/* A value that is not an array or object, at s->p; sets s->token. */
static gboolean
scan_scalar (GlideJsonStream *s)
{
  guchar c = *s->p;

  if (c == '"')
    {
      s->token = GLIDE_JSON_TOKEN_STRING;
      return fill_string (s) && scan_string (s);
    }
  if (c == '-' || (c >= '0' && c <= '9'))
    return fill_word (s) && scan_number (s);
  if (is_letter (s->p, s->end))
    return fill_word (s) && scan_word (s);
  if (c == '+')
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "a number must not start with '+'");
  if (c == '.')
    return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                 "a number must start with a digit (0.5, not .5)");
  return fail_unexpected (s, "a value");
}


/* ---- tokens ---------------------------------------------------------------- */

/* The state after a value at the current depth. */
static State
after_value (GlideJsonStream *s)
{
  if (s->depth > 0)
    return WANT_COMMA_OR_CLOSE;
  return s->fragment ? DONE : WANT_END;
}

/* Reads the next token into s->token. */
static gboolean
next_token (GlideJsonStream *s)
{
  for (;;)
    {
      guchar c;

      if (s->state == DONE)
        {
          s->token = GLIDE_JSON_TOKEN_END;
          return TRUE;
        }

      if (!skip_white_space (s) || !fill (s, LOOKAHEAD))
        return FALSE;
      s->token_start = s->p;
      s->token_offset = s->buffer_offset + (s->p - s->base);
      s->token_line = s->line;
      s->token_column = s->column;

      if (s->p == s->end)
        {
          if (s->state == WANT_END)
            {
              s->state = DONE;
              s->token = GLIDE_JSON_TOKEN_END;
              return TRUE;
            }
          if (s->state == WANT_VALUE && s->depth == 0)
            return fail (s, GLIDE_JSON_STRICT_ERROR_EMPTY, "the document is empty");
          return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                       "the document ends before every array and object is closed");
        }

      c = *s->p;
      if (c == '/')
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX, "comments are not allowed in JSON");
      if (c == '\'' && s->state <= WANT_KEY_OR_CLOSE)
        return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                     "strings must be in double quotes, not single quotes");

      switch (s->state)
        {
        case WANT_VALUE:
        case WANT_VALUE_OR_CLOSE:
          if (c == '[' || c == '{')
            {
              if (s->depth == GLIDE_JSON_STRICT_MAX_DEPTH)
                return fail (s, GLIDE_JSON_STRICT_ERROR_TOO_DEEP,
                             "arrays and objects are nested more than %d deep",
                             GLIDE_JSON_STRICT_MAX_DEPTH);
              if (c == '{')
                s->is_object |= G_GUINT64_CONSTANT (1) << s->depth;
              else
                s->is_object &= ~(G_GUINT64_CONSTANT (1) << s->depth);
              s->depth++;
              s->members[s->depth] = 0;
              advance (s, 1);
              s->state = c == '{' ? WANT_KEY_OR_CLOSE : WANT_VALUE_OR_CLOSE;
              s->after_comma = FALSE;
              s->token = c == '{' ? GLIDE_JSON_TOKEN_BEGIN_OBJECT : GLIDE_JSON_TOKEN_BEGIN_ARRAY;
              return TRUE;
            }
          if (c == ']' && s->state == WANT_VALUE_OR_CLOSE)
            break;  /* closes below */
          if (c == ']' && s->after_comma)
            return fail_at (s, s->comma_line, s->comma_column, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                            _("a trailing comma is not allowed"));
          if (!scan_scalar (s))
            return FALSE;
          s->token_end = s->p;
          s->state = after_value (s);
          return TRUE;

        case WANT_KEY:
        case WANT_KEY_OR_CLOSE:
          if (c == '"')
            {
              if (++s->members[s->depth] > GLIDE_JSON_STRICT_MAX_MEMBERS)
                return fail (s, GLIDE_JSON_STRICT_ERROR_TOO_MANY,
                             "an object has more than %d members", GLIDE_JSON_STRICT_MAX_MEMBERS);
              if (!fill_string (s) || !scan_string (s))
                return FALSE;
              s->token_end = s->p;
              s->state = WANT_COLON;
              s->token = GLIDE_JSON_TOKEN_KEY;
              return TRUE;
            }
          if (c == '}' && s->state == WANT_KEY_OR_CLOSE)
            break;  /* closes below */
          if (c == '}')
            return fail_at (s, s->comma_line, s->comma_column, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                            _("a trailing comma is not allowed"));
          return fail_unexpected (s, s->state == WANT_KEY
                                       ? "a key (a string in double quotes)"
                                       : "a key (a string in double quotes) or '}'");

        case WANT_COLON:
          if (c != ':')
            return fail_unexpected (s, "':' after the key");
          advance (s, 1);
          s->state = WANT_VALUE;
          s->after_comma = FALSE;
          continue;

        case WANT_COMMA_OR_CLOSE:
          {
            gboolean in_object = (s->is_object >> (s->depth - 1)) & 1;

            if (c == ',')
              {
                s->comma_line = s->line;
                s->comma_column = s->column;
                s->after_comma = TRUE;
                advance (s, 1);
                s->state = in_object ? WANT_KEY : WANT_VALUE;
                continue;
              }
            if (c == (in_object ? '}' : ']'))
              break;  /* closes below */
            return fail_unexpected (s, in_object ? "',' or '}'" : "',' or ']'");
          }

        case WANT_END:
          if (utf8_sequence_length (s->p, s->end) == 0)
            return fail_encoding (s);
          return fail (s, GLIDE_JSON_STRICT_ERROR_SYNTAX,
                       "only white space may follow the document (a second document or "
                       "other text follows)");

        case DONE:
        case FAILED:
        default:
          g_assert_not_reached ();
        }

      /* The closing bracket of the innermost container. */
      {
        gboolean in_object = (s->is_object >> (s->depth - 1)) & 1;

        advance (s, 1);
        s->depth--;
        s->state = after_value (s);
        s->token = in_object ? GLIDE_JSON_TOKEN_END_OBJECT : GLIDE_JSON_TOKEN_END_ARRAY;
        return TRUE;
      }
    }
}

/* The character of a one-letter escape that passed scan_escape(). */
static char
unescape (guchar letter)
{
  switch (letter)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return (char) letter;  /* " \\ / */
    }
}

/* Appends the text of the string between start and end (its quotes
 * excluded), which passed scan_string(), with its escapes decoded. */
static void
decode_string (const guchar *p,
               const guchar *end,
               GString      *out)
{
  while (p < end)
    {
      const guchar *run = p;
      guint length;

      while (p < end && *p != '\\' && *p < 0x80)
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      if (p == end)
        break;

      if (*p == '\\')
        {
          int unit;

          if (p[1] != 'u')
            {
              g_string_append_c (out, unescape (p[1]));
              p += 2;
              continue;
            }
          unit = read_unicode_escape (p, end);
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int second = read_unicode_escape (p + 6, end);

              g_string_append_unichar (out, 0x10000 + ((unit - 0xd800) << 10) + (second - 0xdc00));
              p += 12;
            }
          else
            {
              g_string_append_unichar (out, unit);
              p += 6;
            }
          continue;
        }

      length = utf8_sequence_length (p, end);
      if (length == 0)
        {
          g_string_append (out, GLIDE_JSON_STREAM_BAD_UTF8_MARK);
          p++;
        }
      else
        {
          g_string_append_len (out, (const char *) p, length);
          p += length;
        }
    }
}

/* The token's text: a string's decoded, a number's as written. */
static const char *
token_text (GlideJsonStream *s)
{
  if (!s->token_decoded)
    {
      g_string_truncate (s->text, 0);
      if (s->token == GLIDE_JSON_TOKEN_KEY || s->token == GLIDE_JSON_TOKEN_STRING)
        decode_string (s->token_start + 1, s->token_end - 1, s->text);
      else
        g_string_append_len (s->text, (const char *) s->token_start,
                             s->token_end - s->token_start);
      s->token_decoded = TRUE;
    }
  return s->text->str;
}

/* ---- trees ----------------------------------------------------------------- */

/* Adds a finished or just opened value to the innermost open container. */
static void
attach_node (GPtrArray   *open,
             const char  *key,
             JsonNode    *node,
             GHashTable  *repeated)
{
  JsonNode *parent = g_ptr_array_index (open, open->len - 1);

  if (JSON_NODE_HOLDS_OBJECT (parent))
    {
      JsonObject *object = json_node_get_object (parent);
      guint size = json_object_get_size (object);

      /* Like json-glib's parser: the first place, the last value. A key
       * already there leaves the size as it was (one lookup, not two). */
      json_object_set_member (object, key, node);
      if (repeated != NULL && json_object_get_size (object) == size &&
          !g_hash_table_contains (repeated, object))
        g_hash_table_insert (repeated, json_object_ref (object), g_strdup (key));
    }
  else
    json_array_add_element (json_node_get_array (parent), node);
}

/* ---- public API ------------------------------------------------------------ */

static GlideJsonStream *
stream_new (GlideJsonStrictFlags flags)
{
  GlideJsonStream *s = g_new0 (GlideJsonStream, 1);

  s->line = 1;
  s->column = 1;
  s->allow_bad_utf8_in_strings = (flags & GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS) != 0;
  s->state = WANT_VALUE;
  s->text = g_string_new (NULL);
  return s;
}

/* A leading byte order mark is allowed, as the RFC permits. */
static gboolean
skip_byte_order_mark (GlideJsonStream *s)
{
  if (!fill (s, 3))
    return FALSE;
  if (s->end - s->p >= 3 && memcmp (s->p, "\xef\xbb\xbf", 3) == 0)
    s->p += 3;
  return TRUE;
}

/**
 * glide_json_stream_new_for_data:
 * @data: the bytes of a file, which must outlive the stream
 * @length: their number
 * @flags: what to let through
 *
 * A tokenizer over text in memory; it copies nothing.
 */
GlideJsonStream *
glide_json_stream_new_for_data (const char            *data,
                                gsize                  length,
                                GlideJsonStrictFlags   flags)
{
  GlideJsonStream *s;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  s = stream_new (flags);
  s->base = s->p = (const guchar *) data;
  s->end = s->p + length;
  s->eof = TRUE;
  skip_byte_order_mark (s);
  return s;
}

/**
 * glide_json_stream_new_for_input:
 * @input: where to read the text; seekable for glide_json_stream_seek()
 * @flags: what to let through
 *
 * A tokenizer that reads @input in chunks as it goes: it holds a chunk,
 * or the longest token if that is longer, never the whole text.
 */
GlideJsonStream *
glide_json_stream_new_for_input (GInputStream          *input,
                                 GlideJsonStrictFlags   flags)
{
  GlideJsonStream *s;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  s = stream_new (flags);
  s->input = g_object_ref (input);
  /* The byte order mark is skipped at the first glide_json_stream_next(),
   * which can report a read error. */
  return s;
}

void
glide_json_stream_free (GlideJsonStream *stream)
{
  if (stream == NULL)
    return;
  g_clear_object (&stream->input);
  g_free (stream->owned);
  g_string_free (stream->text, TRUE);
  g_free (stream);
}

/**
 * glide_json_stream_next:
 *
 * Reads the next token. A document is exactly one JSON text as RFC 8259
 * defines it, within what Glide stores: strings without NUL, whole numbers
 * within 64 bits, other numbers within a double, nesting at most
 * %GLIDE_JSON_STRICT_MAX_DEPTH deep. Keys come as %GLIDE_JSON_TOKEN_KEY;
 * colons and commas are checked, not returned.
 *
 * Returns: the token; %GLIDE_JSON_TOKEN_ERROR with a #GLIDE_JSON_STRICT_ERROR
 *   whose message begins "line L, column C: " (1-based, columns in
 *   characters), or an I/O error; after an error, call nothing but free.
 */
GlideJsonToken
glide_json_stream_next (GlideJsonStream  *stream,
                        GError          **error)
{
  GlideJsonToken token;

  g_return_val_if_fail (stream != NULL, GLIDE_JSON_TOKEN_ERROR);
  g_return_val_if_fail (stream->state != FAILED, GLIDE_JSON_TOKEN_ERROR);

  stream->error = error;
  if (stream->input != NULL && stream->base == NULL && !skip_byte_order_mark (stream))
    token = GLIDE_JSON_TOKEN_ERROR;
  else
    token = next_token (stream) ? stream->token : GLIDE_JSON_TOKEN_ERROR;
  stream->error = NULL;

  stream->token = token;
  stream->token_decoded = FALSE;
  if (token == GLIDE_JSON_TOKEN_ERROR)
    stream->state = FAILED;
  return token;
}

/* Where the token last returned starts: a byte offset in the text (for
 * glide_json_stream_seek()), its line and column. */
goffset
glide_json_stream_get_offset (GlideJsonStream *stream)
{
  return stream->token_offset;
}

guint
glide_json_stream_get_line (GlideJsonStream *stream)
{
  return stream->token_line;
}

guint
glide_json_stream_get_column (GlideJsonStream *stream)
{
  return stream->token_column;
}

/**
 * glide_json_stream_get_string:
 *
 * Returns: the text of the key or string last returned, escapes decoded,
 *   valid until the next call
 */
const char *
glide_json_stream_get_string (GlideJsonStream *stream)
{
  g_return_val_if_fail (stream->token == GLIDE_JSON_TOKEN_KEY ||
                        stream->token == GLIDE_JSON_TOKEN_STRING, NULL);
  return token_text (stream);
}

gint64
glide_json_stream_get_int (GlideJsonStream *stream)
{
  g_return_val_if_fail (stream->token == GLIDE_JSON_TOKEN_INT, 0);
  /* Within 64 bits: the tokenizer refused anything beyond. */
  return g_ascii_strtoll (token_text (stream), NULL, 10);
}

double
glide_json_stream_get_double (GlideJsonStream *stream)
{
  g_return_val_if_fail (stream->token == GLIDE_JSON_TOKEN_INT ||
                        stream->token == GLIDE_JSON_TOKEN_DOUBLE, 0);
  return g_ascii_strtod (token_text (stream), NULL);
}

/**
 * glide_json_stream_get_bad_utf8:
 * @line: (out): its line
 * @column: (out): its column, in characters
 *
 * With %GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS: where the first bytes
 * that are not UTF-8 were, of the text read so far.
 *
 * Returns: whether there were any
 */
gboolean
glide_json_stream_get_bad_utf8 (GlideJsonStream *stream,
                                guint           *line,
                                guint           *column)
{
  *line = stream->bad_line;
  *column = stream->bad_column;
  return stream->bad_utf8;
}

/**
 * glide_json_stream_seek:
 * @offset: where a value starts, from glide_json_stream_get_offset()
 * @line: its line, for messages
 * @column: its column
 *
 * Goes back (or forward) to one value of a text read before, to read it
 * again: the tokens of that value, then %GLIDE_JSON_TOKEN_END.
 */
gboolean
glide_json_stream_seek (GlideJsonStream  *stream,
                        goffset           offset,
                        guint             line,
                        guint             column,
                        GError          **error)
{
  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (offset >= 0, FALSE);

  if (stream->input == NULL)
    {
      g_return_val_if_fail (offset <= stream->end - stream->base, FALSE);
      stream->p = stream->base + offset;
    }
  else
    {
      if (!G_IS_SEEKABLE (stream->input) || !g_seekable_can_seek (G_SEEKABLE (stream->input)))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The file cannot be read twice (it is not seekable)"));
          return FALSE;
        }
      if (!g_seekable_seek (G_SEEKABLE (stream->input), offset, G_SEEK_SET, NULL, error))
        return FALSE;
      /* Keep the buffer allocated, empty, at the new place. */
      if (stream->owned == NULL)
        {
          stream->capacity = CHUNK_SIZE;
          stream->owned = g_malloc (stream->capacity);
        }
      stream->base = stream->p = stream->end = stream->owned;
      stream->buffer_offset = offset;
      stream->eof = FALSE;
    }
  stream->line = line;
  stream->column = column;
  stream->state = WANT_VALUE;
  stream->depth = 0;
  stream->after_comma = FALSE;
  stream->fragment = TRUE;
  stream->token = GLIDE_JSON_TOKEN_END;
  return TRUE;
}

/**
 * glide_json_stream_read_value:
 * @first: the token just returned, which starts the value
 * @repeated: (nullable): gets each object that has a key more than once
 *   (a reference to the #JsonObject -> the first repeated key, a copy)
 *
 * Builds a tree of the value whose first token was just read, reading the
 * rest of it. Like json-glib's parser, a repeated key keeps its first place
 * and its last value; the caller refuses the objects in @repeated.
 *
 * Returns: (transfer full): the value, or %NULL with the tokenizer's error
 */
JsonNode *
glide_json_stream_read_value (GlideJsonStream  *stream,
                              GlideJsonToken    first,
                              GHashTable       *repeated,
                              GError          **error)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();  /* containers being filled */
  g_autofree char *key = NULL;
  JsonNode *root = NULL;
  GlideJsonToken token = first;

  for (;;)
    {
      JsonNode *node = NULL;

      switch (token)
        {
        case GLIDE_JSON_TOKEN_ERROR:
          g_clear_pointer (&root, json_node_unref);
          return NULL;

        case GLIDE_JSON_TOKEN_KEY:
          g_free (key);
          key = g_strdup (token_text (stream));
          break;

        case GLIDE_JSON_TOKEN_END_OBJECT:
        case GLIDE_JSON_TOKEN_END_ARRAY:
          g_ptr_array_set_size (open, open->len - 1);
          if (open->len == 0)
            return root;
          break;

        case GLIDE_JSON_TOKEN_BEGIN_OBJECT:
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, json_object_new ());
          break;
        case GLIDE_JSON_TOKEN_BEGIN_ARRAY:
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
          break;
        case GLIDE_JSON_TOKEN_STRING:
          node = json_node_init_string (json_node_alloc (), token_text (stream));
          break;
        case GLIDE_JSON_TOKEN_INT:
          node = json_node_init_int (json_node_alloc (), glide_json_stream_get_int (stream));
          break;
        case GLIDE_JSON_TOKEN_DOUBLE:
          node = json_node_init_double (json_node_alloc (), glide_json_stream_get_double (stream));
          break;
        case GLIDE_JSON_TOKEN_TRUE:
        case GLIDE_JSON_TOKEN_FALSE:
          node = json_node_init_boolean (json_node_alloc (), token == GLIDE_JSON_TOKEN_TRUE);
          break;
        case GLIDE_JSON_TOKEN_NULL:
          node = json_node_init_null (json_node_alloc ());
          break;

        case GLIDE_JSON_TOKEN_END:
        default:
          g_clear_pointer (&root, json_node_unref);
          g_return_val_if_reached (NULL);
        }

      if (node != NULL)
        {
          gboolean container = JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node);
          /* An extension member's value ("x-..."), which the import
           * ignores, is read (and checked) but not built: an empty array
           * or object stands for it. What it would cost to build is the
           * sender's choice (keys made to collide in a hash table). */
          gboolean extension = open->len > 0 && container && key != NULL &&
                               JSON_NODE_HOLDS_OBJECT (g_ptr_array_index (open, open->len - 1)) &&
                               g_str_has_prefix (key, "x-");

          if (extension && !glide_json_stream_skip_value (stream, token, error))
            {
              json_node_unref (node);
              g_clear_pointer (&root, json_node_unref);
              return NULL;
            }
          if (open->len == 0)
            root = node;
          else
            attach_node (open, key, node, repeated);
          if (container && !extension)
            g_ptr_array_add (open, node);
          else if (open->len == 0)
            return root;
        }
      token = glide_json_stream_next (stream, error);
    }
}

/**
 * glide_json_stream_skip_value:
 * @first: the token just returned, which starts the value
 *
 * Reads the rest of the value, checking it, keeping nothing.
 */
gboolean
glide_json_stream_skip_value (GlideJsonStream  *stream,
                              GlideJsonToken    first,
                              GError          **error)
{
  guint depth = 0;
  GlideJsonToken token = first;

  for (;;)
    {
      switch (token)
        {
        case GLIDE_JSON_TOKEN_ERROR:
          return FALSE;
        case GLIDE_JSON_TOKEN_BEGIN_OBJECT:
        case GLIDE_JSON_TOKEN_BEGIN_ARRAY:
          depth++;
          break;
        case GLIDE_JSON_TOKEN_END_OBJECT:
        case GLIDE_JSON_TOKEN_END_ARRAY:
          depth--;
          break;
        case GLIDE_JSON_TOKEN_END:
          g_return_val_if_reached (FALSE);
        case GLIDE_JSON_TOKEN_KEY:
        case GLIDE_JSON_TOKEN_STRING:
        case GLIDE_JSON_TOKEN_INT:
        case GLIDE_JSON_TOKEN_DOUBLE:
        case GLIDE_JSON_TOKEN_TRUE:
        case GLIDE_JSON_TOKEN_FALSE:
        case GLIDE_JSON_TOKEN_NULL:
        default:
          break;
        }
      if (depth == 0)
        return TRUE;
      token = glide_json_stream_next (stream, error);
    }
}
