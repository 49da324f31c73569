/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-language.c: a catalog per document language, read from the .mo
 * file gettext itself would use (GNU gettext's binary format: a sorted table
 * of messages and one of their translations), so a report can be German
 * while the window is English, without touching the process's locale or
 * environment, which the window's thread shares. */

#include "config.h"

#include "glide-language.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

/* Keep in step with po/LINGUAS: check-potfiles.py compares them. */
static const GlideLanguage languages[] = {
  { "de", "Deutsch" },
  { "en", "English" },
  { "es", "Español" },
};

typedef struct
{
  GMappedFile *file;      /* NULL: no catalog (English, or none installed) */
  const char  *data;
  gsize        size;
  gboolean     swapped;
  guint32      n;
  guint32      originals;
  guint32      translations;
  char        *plural;    /* the Plural-Forms expression, NULL: n != 1 */
} Catalog;

static GMutex catalogs_lock;
static GHashTable *catalogs;  /* code -> Catalog, loaded once, kept */

static GPrivate current_language;  /* const char * into languages[] */

const GlideLanguage *
glide_language_list (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

static const GlideLanguage *
find_language (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

gboolean
glide_language_is_known (const char *code)
{
  return find_language (code) != NULL;
}

/* ---- the .mo file ---------------------------------------------------------- */

static guint32
read_u32 (const Catalog *c,
          gsize          offset)
{
  guint32 v;

  if (offset + 4 > c->size)
    return 0;
  memcpy (&v, c->data + offset, 4);
  return c->swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The string of table @table at @index, or NULL when the file lies. */
static const char *
table_string (const Catalog *c,
              guint32        table,
              guint32        index,
              guint32       *length)
{
  guint32 len = read_u32 (c, (gsize) table + (gsize) index * 8);
  guint32 off = read_u32 (c, (gsize) table + (gsize) index * 8 + 4);

  if ((gsize) off + len >= c->size || c->data[off + len] != '\0')
    return NULL;
  *length = len;
  return c->data + off;
}

static const char *
catalog_lookup (const Catalog *c,
                const char    *key,
                guint32       *length)
{
  guint32 lo = 0, hi = c->n;

  if (c->file == NULL)
    return NULL;
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2, len;
      const char *original = table_string (c, c->originals, mid, &len);
      int cmp;

      if (original == NULL)
        return NULL;
      /* A plural entry's original is "singular\0plural": strcmp stops at
       * the first NUL, so the singular is its key. */
      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *t = table_string (c, c->translations, mid, length);

          return t != NULL && *t != '\0' ? t : NULL;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

static char *
header_plural (const Catalog *c)
{
  guint32 len;
  const char *header = catalog_lookup (c, "", &len);
  const char *p, *end;

  if (header == NULL || (p = strstr (header, "plural=")) == NULL)
    return NULL;
  p += strlen ("plural=");
  end = strpbrk (p, ";\n");
  return g_strndup (p, end ? (gsize) (end - p) : strlen (p));
}

static void
catalog_load (Catalog    *c,
              const char *code)
{
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *path = g_build_filename (dir ? dir : LOCALEDIR, code, "LC_MESSAGES",
                                            GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  guint32 magic;

  if (!(c->file = g_mapped_file_new (path, FALSE, &error)))
    {
      if (strcmp (code, "en") != 0)
        g_warning ("No %s catalog for documents: %s", code, error->message);
      return;
    }
  c->data = g_mapped_file_get_contents (c->file);
  c->size = g_mapped_file_get_length (c->file);
  memcpy (&magic, c->size >= 4 ? c->data : "\0\0\0\0", 4);
  c->swapped = magic == MO_MAGIC_SWAPPED;
  if (c->size < 28 || (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED))
    {
      g_warning ("%s is not a message catalog", path);
      g_clear_pointer (&c->file, g_mapped_file_unref);
      return;
    }
  c->n = read_u32 (c, 8);
  c->originals = read_u32 (c, 12);
  c->translations = read_u32 (c, 16);
  if ((gsize) c->originals + (gsize) c->n * 8 > c->size ||
      (gsize) c->translations + (gsize) c->n * 8 > c->size)
    {
      g_warning ("%s is cut short", path);
      g_clear_pointer (&c->file, g_mapped_file_unref);
      return;
    }
  c->plural = header_plural (c);
}

static const Catalog *
catalog_get (const char *code)
{
  Catalog *c;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  if (!(c = g_hash_table_lookup (catalogs, code)))
    {
      c = g_new0 (Catalog, 1);
      catalog_load (c, code);
      g_hash_table_insert (catalogs, (gpointer) find_language (code)->code, c);
    }
  g_mutex_unlock (&catalogs_lock);
  return c;
}

/* ---- Plural-Forms: a C expression of n ------------------------------------ */

typedef struct
{
  const char *p;
  gulong      n;
  gboolean    bad;
} Plural;

static gulong plural_ternary (Plural *e);

static void
skip_space (Plural *e)
{
  while (*e->p == ' ' || *e->p == '\t')
    e->p++;
}

static gboolean
take (Plural     *e,
      const char *token)
{
  gsize len = strlen (token);

  skip_space (e);
  if (strncmp (e->p, token, len) != 0)
    return FALSE;
  /* "<" must not take the start of "<=", nor "!" of "!=". */
  if (len == 1 && strchr ("<>!=", token[0]) && e->p[1] == '=')
    return FALSE;
  e->p += len;
  return TRUE;
}

static gulong
plural_primary (Plural *e)
{
  skip_space (e);
  if (take (e, "!"))
    return !plural_primary (e);
  if (take (e, "("))
    {
      gulong v = plural_ternary (e);

      if (!take (e, ")"))
        e->bad = TRUE;
      return v;
    }
  if (*e->p == 'n')
    {
      e->p++;
      return e->n;
    }
  if (g_ascii_isdigit (*e->p))
    {
      char *end;
      gulong v = strtoul (e->p, &end, 10);

      e->p = end;
      return v;
    }
  e->bad = TRUE;
  return 0;
}

static gulong
plural_product (Plural *e)
{
  gulong v = plural_primary (e);

  for (;;)
    {
      if (take (e, "*"))
        v *= plural_primary (e);
      else if (take (e, "/") || take (e, "%"))
        {
          gboolean modulo = e->p[-1] == '%';
          gulong d = plural_primary (e);

          if (d == 0)
            {
              e->bad = TRUE;
              return 0;
            }
          v = modulo ? v % d : v / d;
        }
      else
        return v;
    }
}

static gulong
plural_sum (Plural *e)
{
  gulong v = plural_product (e);

  for (;;)
    {
      if (take (e, "+"))
        v += plural_product (e);
      else if (take (e, "-"))
        v -= plural_product (e);
      else
        return v;
    }
}

static gulong
plural_relation (Plural *e)
{
  gulong v = plural_sum (e);

  for (;;)
    {
      if (take (e, "<="))
        v = v <= plural_sum (e);
      else if (take (e, ">="))
        v = v >= plural_sum (e);
      else if (take (e, "<"))
        v = v < plural_sum (e);
      else if (take (e, ">"))
        v = v > plural_sum (e);
      else
        return v;
    }
}

static gulong
plural_equality (Plural *e)
{
  gulong v = plural_relation (e);

  for (;;)
    {
      if (take (e, "=="))
        v = v == plural_relation (e);
      else if (take (e, "!="))
        v = v != plural_relation (e);
      else
        return v;
    }
}

static gulong
plural_and (Plural *e)
{
  gulong v = plural_equality (e);

  while (take (e, "&&"))
    v = plural_equality (e) && v;
  return v;
}

static gulong
plural_or (Plural *e)
{
  gulong v = plural_and (e);

  while (take (e, "||"))
    v = plural_and (e) || v;
  return v;
}

static gulong
plural_ternary (Plural *e)
{
  gulong c = plural_or (e);

  if (take (e, "?"))
    {
      gulong a = plural_ternary (e);
      gulong b;

      if (!take (e, ":"))
        e->bad = TRUE;
      b = plural_ternary (e);
      return c ? a : b;
    }
  return c;
}

static gulong
plural_index (const Catalog *c,
              gulong         n)
{
  Plural e = { c->plural, n, FALSE };
  gulong index;

  if (c->plural == NULL)
    return n != 1;
  index = plural_ternary (&e);
  skip_space (&e);
  return e.bad || *e.p != '\0' ? n != 1 : index;
}

/* ---- the thread's document language ---------------------------------------- */

/* This thread's messages in @code's language from now on (NULL or an
 * unknown code: the process's); returns the language to give back to
 * glide_language_pop(), so that pushes nest. */
const char *
glide_language_push (const char *code)
{
  const GlideLanguage *language = find_language (code);
  const char *previous = glide_language_current ();

  g_private_set (&current_language, language ? (gpointer) language->code : NULL);
  return previous;
}

void
glide_language_pop (const char *previous)
{
  g_private_set (&current_language, (gpointer) previous);
}

const char *
glide_language_current (void)
{
  return g_private_get (&current_language);
}

const char *
glide_gettext (const char *msgid)
{
  const char *code = glide_language_current ();
  const char *t;
  guint32 len;

  if (code == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  t = catalog_lookup (catalog_get (code), msgid, &len);
  return t ? t : msgid;
}

const char *
glide_ngettext (const char *msgid,
                const char *msgid_plural,
                gulong      n)
{
  const char *code = glide_language_current ();
  const Catalog *c;
  const char *t;
  guint32 len;
  gulong index;

  if (code == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  c = catalog_get (code);
  if (!(t = catalog_lookup (c, msgid, &len)))
    return n == 1 ? msgid : msgid_plural;
  /* The translations of a plural entry follow each other, NUL between. */
  index = plural_index (c, n);
  for (const char *end = t + len; index > 0; index--)
    {
      const char *next = t + strlen (t) + 1;

      if (next > end)
        return n == 1 ? msgid : msgid_plural;
      t = next;
    }
  return t;
}

const char *
glide_pgettext (const char *context,
                const char *msgid)
{
  const char *code = glide_language_current ();
  g_autofree char *key = NULL;
  const char *t;
  guint32 len;

  if (code == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  t = catalog_lookup (catalog_get (code), key, &len);
  return t ? t : msgid;
}

/* The document's decimal separator: its language's when one was pushed
 * (translators give it), the locale's otherwise. */
const char *
glide_decimal_point (void)
{
  if (glide_language_current () != NULL)
    /* TRANSLATORS: the decimal separator of numbers in documents: "," in German */
    return glide_pgettext ("decimal separator", ".");
  return localeconv ()->decimal_point;
}

/* @value with @decimals digits after the separator; a negative @decimals:
 * as few as show it (as "%g" does). */
char *
glide_format_decimal (double value,
                      int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = decimals < 0 ? g_strdup ("%g") : g_strdup_printf ("%%.%df", decimals);
  const char *point = glide_decimal_point ();
  char *dot;

  g_ascii_formatd (buffer, sizeof buffer, format, value);
  if ((dot = strchr (buffer, '.')) == NULL || strcmp (point, ".") == 0)
    return g_strdup (buffer);
  *dot = '\0';
  return g_strconcat (buffer, point, dot + 1, NULL);
}

/* A number as a person types it: a decimal point or a decimal comma (the
 * German "6,5"), spaces around it allowed; FALSE for anything else, or a
 * value that is not finite. */
gboolean
glide_parse_decimal (const char *text,
                     double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;

  if (*copy == '\0' || (strchr (copy, '.') != NULL && strchr (copy, ',') != NULL))
    return FALSE;
  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}
