/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-area-search.c: what a therapist types in the area search finds the
 * area they mean, on the side they said, first. */

#include "config.h"

#include "glide-area-search.h"
#include "glide-codes.h"

typedef struct
{
  const char *query;
  const char *first;   /* NULL: nothing found */
  const char *second;  /* NULL: not checked */
  guint       n;       /* 0: not checked */
} Search;

static const Search searches[] = {
  /* Issue 12: "r" is the right side, not the r of "front" or "gastrocnemius". */
  { "calf r", "calf--right", NULL, 1 },
  { "iliotibial r", "it-band--right", NULL, 1 },
  { "r calf", "calf--right", NULL, 1 },
  { "calf right", "calf--right", NULL, 1 },
  { "Calf RT", "calf--right", NULL, 1 },
  { "calf l", "calf--left", NULL, 1 },
  { "calf left", "calf--left", NULL, 1 },
  { "achilles right", "achilles--right", NULL, 1 },
  /* "quad" is the quadriceps before it is the quadratus lumborum. */
  { "quad left", "quadriceps--left", "quadratus-lumborum--left", 2 },
  { "quad", "quadriceps--left", "quadriceps--right", 4 },
  { "ql r", "quadratus-lumborum--right", NULL, 1 },
  { "itb l", "it-band--left", NULL, 1 },
  /* Both sides, in figure order. */
  { "calf both", "calf--left", "calf--right", 2 },
  { "both calf", "calf--left", "calf--right", 2 },
  { "calf left right", "calf--left", "calf--right", 2 },
  { "calf", "calf--left", "calf--right", 2 },
  /* Word starts before matches inside a word: "ceps" is inside all three. */
  { "tri", "triceps--left", "triceps--right", 0 },
  { "ceps", "biceps--left", NULL, 6 },
  /* Part of a side word while it is still being typed. */
  { "calf ri", "calf--right", NULL, 1 },
  { "calf lef", "calf--left", NULL, 1 },
  { "calf le", "calf--left", NULL, 1 },      /* not the "le" inside "soleus" */
  { "le", "levator-scapulae--left", "levator-scapulae--right", 0 },
  /* A midline area has no side to refuse: a side word does not hide it. */
  { "thoracolumbar", "thoracolumbar-fascia--midline", NULL, 1 },
  { "thoracolumbar r", "thoracolumbar-fascia--midline", NULL, 1 },
  { "midline", "thoracolumbar-fascia--midline", NULL, 1 },
  /* Only a side word: every area on that side. */
  { "right", "suboccipital--right", "cervical-paraspinals--right", GLIDE_N_SITES - 1 },
  { "l", "suboccipital--left", "cervical-paraspinals--left", GLIDE_N_SITES - 1 },
  /* Case and accents do not matter; nothing matches nothing. */
  { "ACHILLÉS", "achilles--left", "achilles--right", 2 },
  { "soleus", "calf--left", NULL, 2 },
  { "zzz", NULL, NULL, 0 },
  { "calf zzz", NULL, NULL, 0 },
  { "", "suboccipital--left", "suboccipital--right", GLIDE_N_AREAS },
  { "  ", "suboccipital--left", "suboccipital--right", GLIDE_N_AREAS },
};

static void
test_searches (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_auto(GStrv) found = glide_area_search (searches[i].query);
      g_autofree char *joined = g_strjoinv (" ", found);

      g_test_message ("\"%s\": %s", searches[i].query, joined);
      if (searches[i].first == NULL)
        {
          g_assert_cmpuint (g_strv_length (found), ==, 0);
          continue;
        }
      g_assert_cmpuint (g_strv_length (found), >=, 1);
      g_assert_cmpstr (found[0], ==, searches[i].first);
      if (searches[i].second != NULL)
        {
          g_assert_cmpuint (g_strv_length (found), >=, 2);
          g_assert_cmpstr (found[1], ==, searches[i].second);
        }
      if (searches[i].n != 0)
        g_assert_cmpuint (g_strv_length (found), ==, searches[i].n);
    }
}

/* The rank the list sorts by: lower is better, -1 hides the area. */
static void
test_rank (void)
{
  g_autoptr(GlideAreaQuery) quad = glide_area_query_new ("quad left");
  g_autoptr(GlideAreaQuery) calf = glide_area_query_new ("calf r");

  g_assert_cmpint (glide_area_query_rank (quad, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_LEFT), >=, 0);
  g_assert_cmpint (glide_area_query_rank (quad, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_LEFT), <,
                   glide_area_query_rank (quad, GLIDE_SITE_QUADRATUS_LUMBORUM, GLIDE_SIDE_LEFT));
  g_assert_cmpint (glide_area_query_rank (quad, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_RIGHT), ==, -1);
  g_assert_cmpint (glide_area_query_rank (calf, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT), ==, -1);
  g_assert_cmpint (glide_area_query_rank (calf, GLIDE_SITE_CALF, GLIDE_SIDE_RIGHT), >=, 0);
  g_assert_cmpint (glide_area_query_rank (calf, GLIDE_SITE_ACHILLES, GLIDE_SIDE_RIGHT), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/area-search/searches", test_searches);
  g_test_add_func ("/area-search/rank", test_rank);

  return g_test_run ();
}
