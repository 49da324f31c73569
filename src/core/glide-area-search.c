/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-area-search.c: the area search of the session editor, written once
 * here so it is the same everywhere and testable without a window. A word
 * that names a side ("r", "left", "both") picks the side and never matches
 * text: "r" is not the r of "front". The other words must each be found in
 * the site's name; whole words rank first, then word starts, then the inside
 * of a word, so "quad" is the quadriceps before the quadratus lumborum. */

#define G_LOG_DOMAIN "glide-area-search"

#include "config.h"

#include "glide-area-search.h"

#include "glide-text.h"

#include <string.h>

#define SIDE_BIT(side) (1u << (side))
#define LEFT_RIGHT     (SIDE_BIT (GLIDE_SIDE_LEFT) | SIDE_BIT (GLIDE_SIDE_RIGHT))

/* How well one typed word matches one site, best first. */
enum {
  SCORE_WHOLE_WORD = 0,
  SCORE_WORD_START = 1,
  SCORE_INSIDE_WORD = 4,
  /* A midline area when a side was asked for: shown, after the sided ones. */
  SCORE_OTHER_SIDE = 1,
};

typedef struct
{
  char  *word;
  guint  sides; /* the sides it may be the start of ("ri"), or 0 */
} QueryWord;

struct _GlideAreaQuery
{
  GArray    *words;                   /* QueryWord naming the site */
  guint      sides;                   /* SIDE_BIT mask asked for; 0 for any side */
  GPtrArray *site_words[GLIDE_N_SITES]; /* folded words each site is known by */
};

/* The side words in English whatever the language, besides the labels of
 * the side code list in the user's language. */
static const struct
{
  const char *word;
  guint       sides;
} side_words[] = {
  { "l", SIDE_BIT (GLIDE_SIDE_LEFT) },
  { "lt", SIDE_BIT (GLIDE_SIDE_LEFT) },
  { "left", SIDE_BIT (GLIDE_SIDE_LEFT) },
  { "r", SIDE_BIT (GLIDE_SIDE_RIGHT) },
  { "rt", SIDE_BIT (GLIDE_SIDE_RIGHT) },
  { "right", SIDE_BIT (GLIDE_SIDE_RIGHT) },
  { "midline", SIDE_BIT (GLIDE_SIDE_MIDLINE) },
  { "both", LEFT_RIGHT },
  { "bilateral", LEFT_RIGHT },
  { "bilat", LEFT_RIGHT },
};

/* Clinic shorthand a therapist types for a site, as whole words. */
static const struct
{
  GlideSite   site;
  const char *words;
} shorthand[] = {
  { GLIDE_SITE_QUADRICEPS, "quad quads" },
  { GLIDE_SITE_QUADRATUS_LUMBORUM, "ql" },
  { GLIDE_SITE_IT_BAND, "itb" },
  { GLIDE_SITE_PECTORALS, "pecs" },
  { GLIDE_SITE_UPPER_TRAPEZIUS, "traps" },
};

static void
query_word_clear (gpointer data)
{
  g_free (((QueryWord *) data)->word);
}

static void
add_words (GPtrArray  *words,
           const char *text)
{
  g_auto(GStrv) folded = glide_text_fold_words (text);

  for (guint i = 0; folded[i] != NULL; i++)
    g_ptr_array_add (words, g_strdup (folded[i]));
}

static GPtrArray *
site_words_new (GlideSite site)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  add_words (words, glide_code_list_label (GLIDE_CODE_LIST_SITE, site));
  add_words (words, glide_code_list_code (GLIDE_CODE_LIST_SITE, site));
  add_words (words, glide_code_list_label (GLIDE_CODE_LIST_VIEW, glide_site_get_view (site)));
  for (guint i = 0; i < G_N_ELEMENTS (shorthand); i++)
    if (shorthand[i].site == site)
      add_words (words, shorthand[i].words);
  return words;
}

/* The sides @word names, and in @prefix_of the sides it is the start of. */
static guint
lookup_side_word (const char *word,
                  guint      *prefix_of)
{
  guint sides = 0;

  *prefix_of = 0;
  for (guint i = 0; i < G_N_ELEMENTS (side_words); i++)
    {
      if (g_str_equal (word, side_words[i].word))
        sides |= side_words[i].sides;
      else if (strlen (word) >= 2 && g_str_has_prefix (side_words[i].word, word))
        *prefix_of |= side_words[i].sides;
    }
  for (int side = GLIDE_SIDE_LEFT; side <= GLIDE_SIDE_MIDLINE; side++)
    {
      g_autofree char *label = glide_text_fold (glide_code_list_label (GLIDE_CODE_LIST_SIDE, side));

      if (g_str_equal (word, label))
        sides |= SIDE_BIT (side);
      else if (strlen (word) >= 2 && g_str_has_prefix (label, word))
        *prefix_of |= SIDE_BIT (side);
    }
  return sides;
}

/* Best score of @word against the site's words, or -1. */
static int
score_word (const char *word,
            GPtrArray  *site_words)
{
  int best = -1;

  for (guint i = 0; i < site_words->len; i++)
    {
      const char *candidate = g_ptr_array_index (site_words, i);
      int score;

      if (g_str_equal (candidate, word))
        score = SCORE_WHOLE_WORD;
      else if (g_str_has_prefix (candidate, word))
        score = SCORE_WORD_START;
      else if (strstr (candidate, word) != NULL)
        score = SCORE_INSIDE_WORD;
      else
        continue;
      if (best < 0 || score < best)
        best = score;
    }
  return best;
}

/**
 * glide_area_query_new:
 * @text: what the user typed, e.g. "calf r"
 *
 * Returns: (transfer full): the query, for glide_area_query_rank()
 */
GlideAreaQuery *
glide_area_query_new (const char *text)
{
  GlideAreaQuery *query = g_new0 (GlideAreaQuery, 1);
  g_auto(GStrv) words = glide_text_fold_words (text != NULL ? text : "");
  guint n_plain = 0;

  query->words = g_array_new (FALSE, FALSE, sizeof (QueryWord));
  g_array_set_clear_func (query->words, query_word_clear);
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint prefix_of;
      guint sides = lookup_side_word (words[i], &prefix_of);

      if (prefix_of == 0 && sides == 0)
        n_plain++;
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint prefix_of;
      guint sides = lookup_side_word (words[i], &prefix_of);
      QueryWord word = { NULL, 0 };

      if (sides != 0)
        {
          query->sides |= sides;
          continue;
        }
      /* "ri" after "calf" is "right" being typed; alone it is only text. */
      word.word = g_strdup (words[i]);
      word.sides = n_plain > 0 ? prefix_of : 0;
      g_array_append_val (query->words, word);
    }

  for (guint site = 0; site < GLIDE_N_SITES; site++)
    query->site_words[site] = site_words_new (site);
  return query;
}

void
glide_area_query_free (GlideAreaQuery *query)
{
  if (query == NULL)
    return;
  g_array_unref (query->words);
  for (guint site = 0; site < GLIDE_N_SITES; site++)
    g_ptr_array_unref (query->site_words[site]);
  g_free (query);
}

/**
 * glide_area_query_rank:
 *
 * Returns: how well the area matches, lower first; -1 if it does not
 */
int
glide_area_query_rank (const GlideAreaQuery *query,
                       GlideSite             site,
                       GlideSide             side)
{
  int rank = 0;

  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail ((guint) site < GLIDE_N_SITES, -1);
  g_return_val_if_fail (glide_site_allows_side (site, side), -1);

  if (query->sides != 0 && (query->sides & SIDE_BIT (side)) == 0)
    {
      /* The one midline area has no side to refuse; with only a side
       * typed, though, the user wants that side's areas. */
      if (side != GLIDE_SIDE_MIDLINE || query->words->len == 0)
        return -1;
      rank += SCORE_OTHER_SIDE;
    }

  for (guint i = 0; i < query->words->len; i++)
    {
      const QueryWord *word = &g_array_index (query->words, QueryWord, i);
      int score;

      /* A side word being typed ("calf le"): the side it starts, or a
       * site word it starts, never the "le" inside "soleus". */
      if ((word->sides & SIDE_BIT (side)) != 0)
        continue;
      score = score_word (word->word, query->site_words[site]);
      if (word->sides != 0 && score > SCORE_WORD_START)
        score = -1;
      if (score < 0 && word->sides != 0 && side == GLIDE_SIDE_MIDLINE)
        {
          rank += SCORE_OTHER_SIDE;
          continue;
        }
      if (score < 0)
        return -1;
      rank += score;
    }
  return rank;
}

typedef struct
{
  int   rank;
  guint order;
  char *id;
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = a, *fb = b;

  if (fa->rank != fb->rank)
    return fa->rank < fb->rank ? -1 : 1;
  return fa->order < fb->order ? -1 : fa->order > fb->order;
}

/**
 * glide_area_search:
 * @text: what the user typed
 *
 * Returns: (transfer full): the ids of the matching areas, best first, in
 *   code order between equals
 */
char **
glide_area_search (const char *text)
{
  g_autoptr(GlideAreaQuery) query = glide_area_query_new (text);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  GPtrArray *ids = g_ptr_array_new ();

  for (guint site = 0; site < GLIDE_N_SITES; site++)
    for (int side = GLIDE_SIDE_LEFT; side <= GLIDE_SIDE_MIDLINE; side++)
      if (glide_site_allows_side (site, side))
        {
          Found one = { glide_area_query_rank (query, site, side), found->len, NULL };

          if (one.rank < 0)
            continue;
          one.id = glide_area_get_id (site, side);
          g_array_append_val (found, one);
        }

  g_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (ids, g_array_index (found, Found, i).id);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}
