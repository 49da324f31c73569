/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-progress.h: what a course's measurements say, judged once with the
 * MCID and MDC rules: a trend per measure and side, and the plain sentences
 * the patient reads. Reports and the window use the same facts. */

#pragma once

#include "glide-rules.h"
#include "glide-store.h"

G_BEGIN_DECLS

/* The course so far for one measure (and side), from pre-treatment values. */
typedef struct
{
  GlideMeasure  measure;
  GlideSide     side;
  guint         n_values;     /* sessions with a pre-treatment value */
  double        first;        /* first pre-treatment value */
  double        latest;       /* latest pre-treatment value */
  char         *first_date;
  char         *latest_date;
  gboolean      same_rater;   /* one therapist measured both */
  double        threshold;    /* the change that counts: MCID, or MDC for ROM */
  GlideVerdict  verdict;      /* first to latest; set when n_values >= 2 */
  gint64        first_session;  /* the sessions the two values come from */
  gint64        latest_session;
  double        highest;      /* highest pre-treatment value */
} GlideTrend;

/* What the patient's sentences are made from. */
typedef struct
{
  GPtrArray  *trends;         /* GlideTrend */
  const char *const *top_areas;  /* the areas treated on most visits (ties: all, in the
                                  * order first treated), in the patient's words; or NULL */
  guint       top_area_visits;
  guint       n_visits;
  GPtrArray  *series;         /* GlideSeries the trends came from, or NULL: a measure
                               * taken only after treatment has no trend but gets its
                               * sentence */
} GlideProgressFacts;

GlideTrend *glide_trend_new_from_series  (const GlideSeries        *series);
void        glide_trend_free             (GlideTrend               *trend);
GPtrArray  *glide_progress_get_trends    (GPtrArray                *series);
char       *glide_progress_format_value  (GlideMeasure              measure,
                                          double                    value);
char       *glide_progress_format_change (GlideMeasure              measure,
                                          double                    change);
const char *glide_progress_verdict_label (GlideVerdict              verdict);
const char *glide_progress_trend_verdict_label (const GlideTrend   *trend);
gboolean    glide_progress_is_self_reported (GlideMeasure           measure);
gboolean    glide_progress_has_threshold (const GlideTrend         *trend);
char      **glide_progress_describe      (const GlideProgressFacts *facts);

/* A goal against its linked measure's pre-treatment values (the course's
 * series): the status they suggest, the latest value. */
typedef struct
{
  GlideGoalProposal proposal;
  gboolean          measured;  /* the goal has a measure with a value */
  double            first;     /* NAN without a value */
  double            latest;
} GlideGoalProgress;

void        glide_progress_goal          (const GlideGoal          *goal,
                                          GPtrArray                *series,
                                          const char               *today,
                                          GlideGoalProgress        *progress);
char       *glide_progress_goal_target   (const GlideGoal          *goal);
char       *glide_progress_goal_sentence (const GlideGoal          *goal,
                                          const GlideGoalProgress  *progress);

char       *glide_progress_exercise_text (const GlideExercise      *exercise);
char       *glide_progress_session_units (const GlideSession       *session,
                                          GlideUnitsMethod          method,
                                          guint                    *units);
char       *glide_progress_session_time  (const GlideSession       *session);
const char *glide_progress_reaction_text (const GlideSession       *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideTrend, glide_trend_free)

G_END_DECLS
