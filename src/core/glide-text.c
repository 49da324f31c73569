/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-text.c: folds text so that "muller" finds "Müller", "ozturk" finds
 * "Öztürk" and "papadopoulos" does not need the Greek accent of "Παπαδόπουλος";
 * escapes what a message must not carry to a terminal. */

#define G_LOG_DOMAIN "glide-text"

#include "config.h"

#include "glide-text.h"

#include <string.h>

/* Letters that carry no combining mark to strip but that a reader types as
 * plain Latin letters. */
static const struct
{
  gunichar    letter;
  const char *plain;
} transliterations[] = {
  { 0x00F8, "o" },  /* ø */
  { 0x00E6, "ae" }, /* æ */
  { 0x0153, "oe" }, /* œ */
  { 0x0142, "l" },  /* ł */
  { 0x0111, "d" },  /* đ */
  { 0x00F0, "d" },  /* ð */
  { 0x00FE, "th" }, /* þ */
  { 0x0131, "i" },  /* dotless ı */
};

/* Casefolded, decomposed, combining marks removed, composed again. */
char *
glide_text_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean done = FALSE;

      if (g_unichar_ismark (c))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (transliterations); i++)
        {
          if (transliterations[i].letter == c)
            {
              g_string_append (out, transliterations[i].plain);
              done = TRUE;
              break;
            }
        }
      if (!done)
        g_string_append_unichar (out, c);
    }

  {
    g_autofree char *plain = g_string_free (out, FALSE);

    return g_utf8_normalize (plain, -1, G_NORMALIZE_NFC);
  }
}

/* The folded words of a text, split at spaces, hyphens, apostrophes and
 * other punctuation: "García-López" gives "garcia", "lopez". */
char **
glide_text_fold_words (const char *text)
{
  g_autofree char *folded = glide_text_fold (text);
  GPtrArray *words = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = c != 0 && (g_unichar_isalnum (c));

      if (word_char && start == NULL)
        start = p;
      else if (!word_char && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }

  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

/* Characters a terminal or a bidi-aware view acts on instead of showing:
 * C0 and C1 controls (ESC, BEL, CSI...), DEL, line and paragraph
 * separators, and bidi embeddings, overrides and isolates. */
static gboolean
is_message_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * glide_text_escape_controls:
 * @text: a message that may quote a file or the user
 *
 * Writes control characters as "\u001B" and bytes that are not UTF-8 as
 * "\xFF", so that a crafted file cannot retitle or clear the terminal, nor
 * reorder a message, when its text is quoted in an error.
 *
 * Returns: (transfer full): the text to show
 */
char *
glide_text_escape_controls (const char *text)
{
  GString *out;
  const char *p = text;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (is_message_control (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
