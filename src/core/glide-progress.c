/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-progress.c: trends from first to latest pre-treatment value, judged
 * by glide_rules_judge_change (MCID for pain and scores, MDC for goniometry,
 * 10 degrees when the therapist who measured changed), and the patient's
 * sentences. A sentence never calls a change meaningful unless the rules do. */

#define G_LOG_DOMAIN "glide-progress"

#include "config.h"

#include "glide-progress.h"
#include "glide-i18n.h"

#include <math.h>
#include <string.h>

#include "glide-date.h"

#define MIN_SENTENCES 3

/* Areas named in the sentence on where treatment focused; more tied ones
 * are counted ("and 37 other areas"), not named. */
#define MAX_NAMED_AREAS 4

/* A pain change under one point is the scale's own noise: half points are
 * how patients hedge between two whole numbers. */
#define PAIN_NOISE 1.0

void
glide_trend_free (GlideTrend *trend)
{
  if (trend == NULL)
    return;
  g_free (trend->first_date);
  g_free (trend->latest_date);
  g_free (trend);
}

/**
 * glide_trend_new_from_series:
 *
 * Returns: (nullable): the trend of the series' pre-treatment values, or
 *   %NULL when it has none (only post-treatment values were taken).
 */
GlideTrend *
glide_trend_new_from_series (const GlideSeries *series)
{
  const GlideSeriesPoint *first = NULL, *latest = NULL;
  GlideTrend *trend;

  g_return_val_if_fail (series != NULL, NULL);

  for (guint i = 0; i < series->points->len; i++)
    {
      const GlideSeriesPoint *point = &g_array_index (series->points, GlideSeriesPoint, i);

      if (isnan (point->pre))
        continue;
      if (first == NULL)
        first = point;
      latest = point;
    }
  if (first == NULL)
    return NULL;

  trend = g_new0 (GlideTrend, 1);
  trend->measure = series->measure;
  trend->side = series->side;
  for (guint i = 0; i < series->points->len; i++)
    trend->n_values += !isnan (g_array_index (series->points, GlideSeriesPoint, i).pre);
  trend->first = first->pre;
  trend->latest = latest->pre;
  trend->highest = first->pre;
  for (guint i = 0; i < series->points->len; i++)
    {
      double pre = g_array_index (series->points, GlideSeriesPoint, i).pre;

      if (!isnan (pre) && pre > trend->highest)
        trend->highest = pre;
    }
  trend->first_date = g_strdup (first->date);
  trend->latest_date = g_strdup (latest->date);
  trend->first_session = first->session_id;
  trend->latest_session = latest->session_id;
  trend->same_rater = first->therapist_id == latest->therapist_id;
  trend->threshold = glide_rules_get_improvement_threshold (series->measure, first->pre,
                                                            trend->same_rater);
  trend->verdict = glide_rules_judge_change (series->measure, first->pre, latest->pre,
                                             trend->same_rater);
  return trend;
}

/**
 * glide_progress_get_trends:
 * @series: (element-type GlideSeries): from glide_store_get_course_series()
 *
 * Returns: (transfer full) (element-type GlideTrend): in the series' order
 *   (pain first), leaving out series with no pre-treatment value.
 */
GPtrArray *
glide_progress_get_trends (GPtrArray *series)
{
  GPtrArray *trends = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_trend_free);

  for (guint i = 0; i < series->len; i++)
    {
      GlideTrend *trend = glide_trend_new_from_series (g_ptr_array_index (series, i));

      if (trend != NULL)
        g_ptr_array_add (trends, trend);
    }
  return trends;
}

/* "6.5", "7"; ROM with its degree sign: "95°", "−10°". */
char *
glide_progress_format_value (GlideMeasure measure,
                             double       value)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("–");
  /* In the document's or the window's decimal separator: "6,5" in German. */
  if (fabs (value - round (value)) < 0.05)
    number = glide_format_decimal (fabs (round (value)), 0);
  else
    number = glide_format_decimal (fabs (value), 1);
  /* A true minus sign, as in the changes. */
  if (value <= -0.05)
    {
      char *signed_number = g_strconcat ("−", number, NULL);

      g_free (number);
      number = signed_number;
    }

  if (glide_measure_get_kind (measure) == GLIDE_MEASURE_KIND_ROM)
    return g_strconcat (number, "°", NULL);
  return g_steal_pointer (&number);
}

/* A signed change: "+30°", "-4", "0". */
char *
glide_progress_format_change (GlideMeasure measure,
                              double       change)
{
  g_autofree char *magnitude = glide_progress_format_value (measure, fabs (change));

  if (isnan (change) || fabs (change) < 0.05)
    return glide_progress_format_value (measure, 0);
  return g_strconcat (change > 0 ? "+" : "−", magnitude, NULL);
}

/* Pain and scores are the patient's own report; nobody measured them. */
gboolean
glide_progress_is_self_reported (GlideMeasure measure)
{
  return glide_measure_get_kind (measure) != GLIDE_MEASURE_KIND_ROM;
}

/* Whether a change can be judged against a threshold at all: pain that
 * starts at 0 cannot improve. */
gboolean
glide_progress_has_threshold (const GlideTrend *trend)
{
  return !(trend->measure == GLIDE_MEASURE_PAIN && trend->first < 0.05);
}

/**
 * glide_progress_trend_verdict_label:
 *
 * The clinician's short verdict on a trend: "meaningful" (MCID reached),
 * "real change (beyond MDC)" for motions, since a change beyond the
 * minimal detectable change is real but not shown to matter clinically.
 */
const char *
glide_progress_trend_verdict_label (const GlideTrend *trend)
{
  if (trend->n_values < 2)
    return _("one value");
  if (trend->verdict == GLIDE_VERDICT_IMPROVED &&
      glide_measure_get_kind (trend->measure) == GLIDE_MEASURE_KIND_ROM)
    return _("real change (beyond MDC)");
  if (trend->verdict != GLIDE_VERDICT_WORSE && !glide_progress_has_threshold (trend))
    return _("no pain at first");
  return glide_progress_verdict_label (trend->verdict);
}

/* The short verdict for tables: "meaningful", "not yet", ... */
const char *
glide_progress_verdict_label (GlideVerdict verdict)
{
  switch (verdict)
    {
    case GLIDE_VERDICT_IMPROVED:
      return _("meaningful");
    case GLIDE_VERDICT_NOT_YET:
      return _("not yet");
    case GLIDE_VERDICT_WITHIN_ERROR:
      return _("within measurement error");
    case GLIDE_VERDICT_WORSE:
    default:
      return _("worse");
    }
}

/* ---- sentences ------------------------------------------------------------- */

/* Two sentences: the values, then what the change means. */
static char *
describe_pain (const GlideTrend *trend)
{
  g_autofree char *first = glide_progress_format_value (trend->measure, trend->first);
  g_autofree char *latest = glide_progress_format_value (trend->measure, trend->latest);
  g_autofree char *threshold = glide_progress_format_value (trend->measure, trend->threshold);
  double gain = trend->first - trend->latest;

  g_autofree char *values = NULL;
  g_autofree char *meaning = NULL;

  if (trend->n_values < 2)
    {
      values = g_strdup_printf (_("Your pain was %s out of 10 at your first visit."), first);
      meaning = g_strdup (_("Your progress can be judged after more visits."));
    }
  else
    {
      if (fabs (gain) < 0.05 && !glide_progress_has_threshold (trend) && trend->highest < 0.05)
        return g_strdup (_("You had no pain before treatment at any visit so far."));
      if (fabs (gain) < 0.05 && !glide_progress_has_threshold (trend))
        {
          g_autofree char *highest = glide_progress_format_value (trend->measure,
                                                                  trend->highest);

          /* No pain at the first visit nor at the latest, but some between:
           * "no pain at any visit" would be untrue. */
          /* Translators: %s is the highest pain before treatment, "7" */
          return g_strdup_printf (_("You had no pain before treatment at your first and at your "
                                    "latest visit, but up to %s out of 10 at visits in "
                                    "between."), highest);
        }
      if (fabs (gain) < 0.05)
        values = g_strdup_printf (_("Your pain stayed at %s out of 10."), first);
      else
        values = g_strdup_printf (_("Your pain went from %s to %s out of 10."), first, latest);

      switch (trend->verdict)
        {
        case GLIDE_VERDICT_IMPROVED:
          meaning = g_strdup (_("That is a meaningful improvement."));
          break;
        case GLIDE_VERDICT_WORSE:
          meaning = g_strdup (_("That is a meaningful increase, so please talk with your "
                                "therapist about it."));
          break;
        case GLIDE_VERDICT_NOT_YET:
        case GLIDE_VERDICT_WITHIN_ERROR:
        default:
          if (fabs (gain) >= 0.05 && fabs (gain) < PAIN_NOISE - 1e-9)
            meaning = g_strdup (_("That is about the same."));
          else if (gain > 0.05)
            /* Translators: %s is a number of points on the 0-10 pain scale */
            meaning = g_strdup_printf (_("That is a small improvement, but not yet a meaningful "
                                         "one (that takes a drop of %s points)."), threshold);
          else if (gain < -0.05)
            meaning = g_strdup (_("That is a small increase, too small to be meaningful."));
          else
            meaning = g_strdup (_("That is no meaningful change yet."));
          break;
        }
    }
  return g_strdup_printf ("%s %s", values, meaning);
}

static char *
describe_rom (const GlideTrend *trend)
{
  const char *motion = glide_measure_get_plain_label (trend->measure, trend->side);
  g_autofree char *first = glide_progress_format_value (trend->measure, trend->first);
  g_autofree char *latest = glide_progress_format_value (trend->measure, trend->latest);
  g_autofree char *change = glide_progress_format_value (trend->measure,
                                                         fabs (trend->latest - trend->first));
  g_autofree char *typical = NULL;
  g_autofree char *mdc = glide_progress_format_value (trend->measure, trend->threshold);
  double norm;

  if (glide_measure_get_norm (trend->measure, &norm, NULL))
    {
      g_autofree char *value = glide_progress_format_value (trend->measure, norm);

      /* Translators: the norm of a motion, after the patient's values */
      typical = g_strdup_printf (_(" (typical: %s)"), value);
    }
  else
    typical = g_strdup ("");

  if (trend->n_values < 2)
    /* Translators: "Bending your right knee measured 95° (typical: 140°)." */
    return g_strdup_printf (_("%s measured %s%s."), motion, first, typical);

  switch (trend->verdict)
    {
    case GLIDE_VERDICT_IMPROVED:
      /* Translators: "Bending your right knee improved from 95° to 125° (typical: 140°): a
       * real change, beyond measurement error." Beyond the minimal detectable change, which
       * says the change is real, not that it matters clinically. */
      return g_strdup_printf (_("%s improved from %s to %s%s: a real change, beyond measurement "
                                "error."), motion, first, latest, typical);
    case GLIDE_VERDICT_WORSE:
      return g_strdup_printf (_("%s went down from %s to %s%s; your therapist will go over "
                                "this with you."), motion, first, latest, typical);
    case GLIDE_VERDICT_WITHIN_ERROR:
    case GLIDE_VERDICT_NOT_YET:
    default:
      if (fabs (trend->latest - trend->first) < 0.05)
        return g_strdup_printf (_("%s stayed at %s%s."), motion, first, typical);
      if (!trend->same_rater)
        /* Translators: the last %s is the minimal detectable change, "10°" */
        return g_strdup_printf (_("%s changed by %s, which is within measurement error when "
                                  "two different therapists measure (less than %s)."),
                                motion, change, mdc);
      return g_strdup_printf (_("%s changed by %s, which is within measurement error."),
                              motion, change);
    }
}

static char *
describe_score (const GlideTrend *trend)
{
  const char *score = glide_measure_get_plain_label (trend->measure, trend->side);
  g_autofree char *first = glide_progress_format_value (trend->measure, trend->first);
  g_autofree char *latest = glide_progress_format_value (trend->measure, trend->latest);
  g_autofree char *max = glide_progress_format_value (trend->measure,
                                                      glide_measure_get_max (trend->measure));
  const char *better = glide_measure_get_better (trend->measure) == GLIDE_BETTER_HIGHER ?
                       _("higher is better") : _("lower is better");

  if (trend->n_values < 2)
    /* Translators: "Your leg function score (LEFS) was 40 out of 80 (higher is better)." */
    return g_strdup_printf (_("%s was %s out of %s (%s)."), score, first, max, better);
  if (fabs (trend->latest - trend->first) < 0.05)
    return g_strdup_printf (_("%s stayed at %s out of %s (%s)."), score, first, max, better);

  switch (trend->verdict)
    {
    case GLIDE_VERDICT_IMPROVED:
      return g_strdup_printf (_("%s went from %s to %s out of %s (%s), a meaningful "
                                "improvement."), score, first, latest, max, better);
    case GLIDE_VERDICT_WORSE:
      return g_strdup_printf (_("%s went from %s to %s out of %s (%s), a meaningful change for "
                                "the worse."), score, first, latest, max, better);
    case GLIDE_VERDICT_NOT_YET:
    case GLIDE_VERDICT_WITHIN_ERROR:
    default:
      return g_strdup_printf (_("%s went from %s to %s out of %s (%s), not yet a meaningful "
                                "change."), score, first, latest, max, better);
    }
}

/* Which movements and scores the patient hears about first: anything worse,
 * then improvements, then the rest; larger changes first within each. */
static int
rank (const GlideTrend *trend)
{
  if (trend->n_values < 2)
    return 3;
  switch (trend->verdict)
    {
    case GLIDE_VERDICT_WORSE:
      return 0;
    case GLIDE_VERDICT_IMPROVED:
      return 1;
    case GLIDE_VERDICT_NOT_YET:
    case GLIDE_VERDICT_WITHIN_ERROR:
    default:
      return 2;
    }
}

static int
compare_for_patient (gconstpointer a,
                     gconstpointer b)
{
  const GlideTrend *ta = *(const GlideTrend **) a;
  const GlideTrend *tb = *(const GlideTrend **) b;
  double ca = fabs (ta->latest - ta->first) / MAX (ta->threshold, 1e-9);
  double cb = fabs (tb->latest - tb->first) / MAX (tb->threshold, 1e-9);

  if (rank (ta) != rank (tb))
    return rank (ta) - rank (tb);
  if (ca != cb)
    return ca > cb ? -1 : 1;
  return ta->measure != tb->measure ? (int) ta->measure - (int) tb->measure : ta->side - tb->side;
}

/* A measure taken after treatment at some visit and before it at none: it
 * has no trend, but the patient sees its values in the visits table. */
static gboolean
is_only_after_treatment (const GlideSeries *series)
{
  gboolean after = FALSE;

  for (guint i = 0; i < series->points->len; i++)
    {
      const GlideSeriesPoint *point = &g_array_index (series->points, GlideSeriesPoint, i);

      if (!isnan (point->pre))
        return FALSE;
      after |= !isnan (point->post);
    }
  return after;
}

static char *
describe_only_after_treatment (const GlideSeries *series)
{
  const char *what = glide_measure_get_plain_label (series->measure, series->side);

  /* Translators: %s is "Your pain" or "Bending your right knee" */
  return g_strdup_printf (_("%s was measured only right after treatment, not before it, so "
                            "this report cannot say yet how it changed over your visits."),
                          what);
}

/* "your left calf", "your left calf and your right calf", "A, B and C". */
static char *
join_areas (const char *const *areas)
{
  guint n = g_strv_length ((char **) areas);
  g_autoptr(GString) text = g_string_new (areas[0]);

  /* Forty areas tied at every visit make a paragraph no one reads: the
   * first few are named, the body map shows them all. */
  if (n > MAX_NAMED_AREAS)
    {
      for (guint i = 1; i < MAX_NAMED_AREAS - 1; i++)
        {
          g_string_append (text, _(", "));
          g_string_append (text, areas[i]);
        }
      /* Translators: "your left calf, your right calf and 38 other areas" */
      return g_strdup_printf (glide_ngettext ("%s and %u other area", "%s and %u other areas",
                                              n - (MAX_NAMED_AREAS - 1)),
                              text->str, n - (MAX_NAMED_AREAS - 1));
    }
  for (guint i = 1; i < n; i++)
    {
      if (i + 1 < n)
        g_string_append (text, _(", "));
      else
        /* Translators: between the last two areas of a list */
        g_string_append (text, _(" and "));
      g_string_append (text, areas[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * glide_progress_describe:
 *
 * Returns: (transfer full): paragraphs of at least three plain sentences:
 *   pain first (two sentences), then one for every movement and score
 *   (anything worse comes first), then the areas treated most.
 */
char **
glide_progress_describe (const GlideProgressFacts *facts)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  const GlideTrend *pain = NULL;
  gboolean any_rom = FALSE;
  guint n = 0;   /* sentences so far */

  for (guint i = 0; facts->trends != NULL && i < facts->trends->len; i++)
    {
      GlideTrend *trend = g_ptr_array_index (facts->trends, i);

      if (trend->measure == GLIDE_MEASURE_PAIN)
        pain = trend;
      else
        g_ptr_array_add (others, trend);
      any_rom |= glide_measure_get_kind (trend->measure) == GLIDE_MEASURE_KIND_ROM;
    }
  g_ptr_array_sort (others, compare_for_patient);

  if (pain != NULL)
    {
      g_ptr_array_add (out, describe_pain (pain));
      n += 2;
    }
  else
    {
      const GlideSeries *after = NULL;

      for (guint i = 0; facts->series != NULL && i < facts->series->len; i++)
        {
          const GlideSeries *series = g_ptr_array_index (facts->series, i);

          if (series->measure == GLIDE_MEASURE_PAIN && is_only_after_treatment (series))
            after = series;
        }
      if (after != NULL)
        g_ptr_array_add (out, describe_only_after_treatment (after));
      else
        g_ptr_array_add (out, g_strdup (_("Pain was not recorded during this course.")));
      n++;
    }

  /* Every measure gets its sentence: each is charted or in the table, and a
   * chart without words leaves the patient to judge it alone. */
  for (guint i = 0; i < others->len; i++, n++)
    {
      const GlideTrend *trend = g_ptr_array_index (others, i);

      if (glide_measure_get_kind (trend->measure) == GLIDE_MEASURE_KIND_ROM)
        g_ptr_array_add (out, describe_rom (trend));
      else
        g_ptr_array_add (out, describe_score (trend));
    }
  for (guint i = 0; facts->series != NULL && i < facts->series->len; i++)
    {
      const GlideSeries *series = g_ptr_array_index (facts->series, i);

      if (series->measure == GLIDE_MEASURE_PAIN || !is_only_after_treatment (series))
        continue;
      g_ptr_array_add (out, describe_only_after_treatment (series));
      any_rom |= glide_measure_get_kind (series->measure) == GLIDE_MEASURE_KIND_ROM;
      n++;
    }

  if (!any_rom)
    {
      g_ptr_array_add (out, g_strdup (_("How far your joints move was not measured during this "
                                        "course.")));
      n++;
    }

  if (facts->top_areas != NULL && facts->top_areas[0] != NULL && facts->n_visits > 0)
    {
      g_autofree char *areas = join_areas (facts->top_areas);

      if (facts->n_visits == 1)
        g_ptr_array_add (out, g_strdup_printf (_("Your treatment focused on %s."), areas));
      else if (facts->top_area_visits == facts->n_visits && facts->n_visits == 2)
        g_ptr_array_add (out, g_strdup_printf (_("Your treatment focused on %s at both visits."),
                                               areas));
      else if (facts->top_area_visits == facts->n_visits)
        /* Translators: "Your treatment focused on the front of your right thigh at all 8
         * visits." */
        g_ptr_array_add (out, g_strdup_printf (_("Your treatment focused on %s at all %u visits."),
                                               areas, facts->n_visits));
      else
        /* Translators: "Your treatment focused on your right thigh (at 6 of your 8 visits)." */
        g_ptr_array_add (out, g_strdup_printf (glide_ngettext ("Your treatment focused on %s (at %u "
                                                            "of your %u visit).",
                                                            "Your treatment focused on %s (at %u "
                                                            "of your %u visits).",
                                                            facts->n_visits),
                                               areas, facts->top_area_visits, facts->n_visits));
      n++;
    }

  if (n < MIN_SENTENCES)
    g_ptr_array_add (out, g_strdup_printf (glide_ngettext ("You have had %u visit so far.",
                                                        "You have had %u visits so far.",
                                                        facts->n_visits),
                                           facts->n_visits));

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* ---- goals ------------------------------------------------------------------ */

/**
 * glide_progress_goal:
 * @series: (element-type GlideSeries): the course's series
 * @today: YYYY-MM-DD
 *
 * Judges a goal with a measure against that measure's pre-treatment values
 * (signed sessions only, as the series hold them) with
 * glide_rules_propose_goal_status(). A goal without a measure, or without
 * a value yet, is proposed as not started.
 */
void
glide_progress_goal (const GlideGoal   *goal,
                     GPtrArray         *series,
                     const char        *today,
                     GlideGoalProgress *progress)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 first_rater = 0, latest_rater = 0;

  memset (progress, 0, sizeof *progress);
  progress->first = progress->latest = NAN;
  for (guint i = 0; goal->measure != (GlideMeasure) -1 && series && i < series->len; i++)
    {
      const GlideSeries *s = g_ptr_array_index (series, i);

      if (s->measure != goal->measure || s->side != goal->side)
        continue;
      for (guint j = 0; j < s->points->len; j++)
        {
          const GlideSeriesPoint *point = &g_array_index (s->points, GlideSeriesPoint, j);

          if (isnan (point->pre))
            continue;
          if (values->len == 0)
            first_rater = point->therapist_id;
          latest_rater = point->therapist_id;
          g_array_append_val (values, point->pre);
        }
    }
  if (goal->measure == (GlideMeasure) -1)
    {
      progress->proposal.status = GLIDE_GOAL_NOT_STARTED;
      progress->proposal.fraction = NAN;
      progress->proposal.verdict = GLIDE_VERDICT_NOT_YET;
      return;
    }
  glide_rules_propose_goal_status (goal->measure, goal->target, (const double *) values->data,
                                   values->len, first_rater == latest_rater, goal->target_date,
                                   today, &progress->proposal);
  progress->measured = values->len > 0;
  if (progress->measured)
    {
      progress->first = g_array_index (values, double, 0);
      progress->latest = g_array_index (values, double, values->len - 1);
    }
}

/* "Pain 2 or less by 15 Oct 2026", "Knee flexion (right) 120° or more":
 * what the goal's measure must reach; NULL for a goal without one. */
char *
glide_progress_goal_target (const GlideGoal *goal)
{
  g_autofree char *value = NULL;
  g_autofree char *target = NULL;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;

  if (goal->measure == (GlideMeasure) -1)
    {
      if (goal->target_date == NULL)
        return NULL;
      date = glide_date_format_long (goal->target_date);
      /* Translators: a goal's date without a measure, "By 15 Oct 2026" */
      return g_strdup_printf (_("By %s"), date);
    }
  value = glide_progress_format_value (goal->measure, goal->target);
  label = glide_measure_get_laterality (goal->measure) == GLIDE_LATERALITY_LEFT_RIGHT ?
    /* Translators: a measure and the side measured, "Knee flexion (right)" */
    g_strdup_printf (_("%s (%s)"), glide_code_list_label (GLIDE_CODE_LIST_MEASURE, goal->measure),
                     glide_side_get_phrase (goal->side)) :
    g_strdup (glide_code_list_label (GLIDE_CODE_LIST_MEASURE, goal->measure));
  target = glide_measure_get_better (goal->measure) == GLIDE_BETTER_LOWER ?
    /* Translators: a goal's target, "Pain 2 or less" */
    g_strdup_printf (_("%s %s or less"), label, value) :
    /* Translators: a goal's target, "Knee flexion (right) 120° or more" */
    g_strdup_printf (_("%s %s or more"), label, value);
  if (goal->target_date == NULL)
    return g_steal_pointer (&target);
  date = glide_date_format_long (goal->target_date);
  /* Translators: a goal's target and its date, "Pain 2 or less by 15 Oct 2026" */
  return g_strdup_printf (_("%s by %s"), target, date);
}

/* For the patient: the goal in their words and how far it has come, by the
 * status the therapist set, with the measured values when there are two. */
char *
glide_progress_goal_sentence (const GlideGoal         *goal,
                              const GlideGoalProgress *progress)
{
  const char *where = NULL;
  g_autofree char *values = NULL;

  switch (glide_goal_get_status (goal))
    {
    case GLIDE_GOAL_MET:
      where = _("reached");
      break;
    case GLIDE_GOAL_PARTLY_MET:
      where = _("partly reached");
      break;
    case GLIDE_GOAL_NOT_MET:
      where = _("not reached");
      break;
    case GLIDE_GOAL_REVISED:
      where = _("changed for a new goal");
      break;
    case GLIDE_GOAL_PROGRESSING:
    case GLIDE_GOAL_NOT_STARTED:
    default:
      if (progress->measured && progress->proposal.status == GLIDE_GOAL_MET)
        where = _("reached at your last visit");
      else if (progress->measured && progress->proposal.verdict == GLIDE_VERDICT_IMPROVED)
        where = _("getting closer");
      else if (glide_goal_get_status (goal) == GLIDE_GOAL_PROGRESSING)
        where = _("working on it");
      else
        where = _("just started");
      break;
    }

  if (progress->measured && !isnan (progress->first) && progress->latest != progress->first)
    {
      g_autofree char *first = glide_progress_format_value (goal->measure, progress->first);
      g_autofree char *latest = glide_progress_format_value (goal->measure, progress->latest);
      g_autofree char *target = glide_progress_format_value (goal->measure, goal->target);

      /* Translators: the measured values behind a goal, "(from 7 to 3; the aim is 2)" */
      values = g_strdup_printf (_(" (from %s to %s; the aim is %s)"), first, latest, target);
    }
  /* Translators: a goal and where it stands, "Walk 5 km without heel pain: getting closer" */
  return g_strdup_printf (_("%s: %s%s"), goal->text, where, values ? values : "");
}

/* ---- a visit's time, units and exercise ------------------------------------ */

/* "Calf stretch against the wall: 3 × 30 s hold, left", "Eccentric wrist
 * extension: 3 × 15, 1 kg". */
char *
glide_progress_exercise_text (const GlideExercise *exercise)
{
  GString *text = g_string_new (exercise->name);
  g_autofree char *dose = NULL;

  if (exercise->sets > 0 && exercise->reps > 0)
    /* Translators: sets × repetitions of an exercise */
    dose = g_strdup_printf (_("%u × %u"), exercise->sets, exercise->reps);
  else if (exercise->sets > 0 && exercise->hold_s > 0)
    /* Translators: sets × seconds held */
    dose = g_strdup_printf (_("%u × %u s hold"), exercise->sets, exercise->hold_s);
  else if (exercise->reps > 0)
    dose = g_strdup_printf (glide_ngettext ("%u repetition", "%u repetitions",
                                         exercise->reps), exercise->reps);
  else if (exercise->hold_s > 0)
    dose = g_strdup_printf (_("%u s hold"), exercise->hold_s);
  else if (exercise->sets > 0)
    dose = g_strdup_printf (glide_ngettext ("%u set", "%u sets", exercise->sets),
                            exercise->sets);

  if (dose != NULL || exercise->load != NULL || exercise->side != GLIDE_SIDE_NONE)
    {
      gboolean first = TRUE;

      g_string_append (text, ": ");
      if (dose != NULL)
        {
          g_string_append (text, dose);
          first = FALSE;
        }
      if (exercise->load != NULL && exercise->load[0] != '\0')
        {
          g_string_append_printf (text, "%s%s", first ? "" : ", ", exercise->load);
          first = FALSE;
        }
      if (exercise->side != GLIDE_SIDE_NONE)
        g_string_append_printf (text, "%s%s", first ? "" : ", ",
                                glide_side_get_phrase (exercise->side));
    }
  return g_string_free (text, FALSE);
}

/* The visit's billed units and why: "97140 17 min, 97110 12 min: 29 timed
 * minutes, 2 units (97140 1, 97110 1)". The codes go in the clinic's
 * order (the default list), which breaks ties. NULL without billing. */
char *
glide_progress_session_units (const GlideSession *session,
                              GlideUnitsMethod    method,
                              guint              *units)
{
  g_autofree GlideTimedCode *codes = NULL;
  const GlideBilledTime **ordered = NULL;
  const GlideBilledTime **ordered_end;
  guint n_defaults = 0, n = 0, total = 0, timed = 0;
  const GlideBillingCode *defaults = glide_billing_codes_get_defaults (&n_defaults);
  GString *text;

  if (units != NULL)
    *units = 0;
  if (session->billing->len == 0)
    return NULL;

  ordered = g_new0 (const GlideBilledTime *, session->billing->len);
  ordered_end = ordered;
  for (guint d = 0; d <= n_defaults; d++)
    for (guint i = 0; i < session->billing->len; i++)
      {
        const GlideBilledTime *time = g_ptr_array_index (session->billing, i);
        gboolean listed = FALSE;

        for (guint k = 0; k < n_defaults; k++)
          listed = listed || strcmp (defaults[k].code, time->code) == 0;
        if ((d < n_defaults && strcmp (defaults[d].code, time->code) == 0) ||
            (d == n_defaults && !listed))
          *ordered_end++ = time;
      }
  n = ordered_end - ordered;
  codes = g_new0 (GlideTimedCode, n);
  for (guint i = 0; i < n; i++)
    {
      codes[i].code = ordered[i]->code;
      codes[i].minutes = ordered[i]->minutes;
      timed += ordered[i]->minutes;
    }
  total = glide_rules_allocate_units (method, codes, n);

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s %u min", i ? ", " : "", codes[i].code, codes[i].minutes);
  g_string_append_printf (text, glide_ngettext (": %u timed minute, ",
                                             ": %u timed minutes, ", timed), timed);
  g_string_append_printf (text, glide_ngettext ("%u unit", "%u units", total),
                          total);
  g_string_append (text, " (");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s %u", i ? ", " : "", codes[i].code, codes[i].units);
  g_string_append (text, method == GLIDE_UNITS_CMS_8_MINUTE ? _("; CMS 8-minute rule)")
                                                           : _("; rule of eights)"));
  g_free (ordered);
  if (units != NULL)
    *units = total;
  return g_string_free (text, FALSE);
}

/* "10:00–10:45, 40 min in all"; NULL when neither is recorded. */
char *
glide_progress_session_time (const GlideSession *session)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (session->end == NULL && session->total_minutes == 0)
    return NULL;
  if (session->end != NULL)
    {
      start = g_strndup (session->start + 11, 5);
      end = g_strndup (session->end + 11, 5);
    }
  if (end != NULL && session->total_minutes > 0)
    /* Translators: a visit's start and end, and its treatment minutes */
    return g_strdup_printf (_("%s–%s, %u min of treatment"), start, end, session->total_minutes);
  if (end != NULL)
    return g_strdup_printf ("%s–%s", start, end);
  return g_strdup_printf (_("%u min of treatment"), session->total_minutes);
}

/* The follow-up of the visit before, as the chart says it, or NULL. */
const char *
glide_progress_reaction_text (const GlideSession *session)
{
  if ((int) session->reaction < 0)
    return NULL;
  switch ((GlideReaction) session->reaction)
    {
    case GLIDE_REACTION_NONE:
      return _("No bruising or soreness since the last visit");
    case GLIDE_REACTION_MILD:
      return _("Mild bruising or soreness since the last visit");
    case GLIDE_REACTION_MARKED:
      return _("Marked bruising or soreness since the last visit");
    default:
      return NULL;
    }
}
