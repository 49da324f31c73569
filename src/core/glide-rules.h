/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-rules.h: the clinical rules (required fields, value ranges, consistency
 * of a session, MCID and MDC verdicts). The store, the importer and the editor
 * all ask these functions; no other code decides what is valid.
 *
 * A validator that fails sets *field to the key path of the offending value,
 * relative to the record and spelled as in INTERCHANGE.md ("duration_s",
 * "treatments[1].edge", "signed.at"), so the importer can prefix a JSON path
 * and the editor can point at the widget. */

#pragma once

#include <glib.h>

#include "glide-records.h"

G_BEGIN_DECLS

#define GLIDE_RULE_ERROR (glide_rule_error_quark ())

typedef enum
{
  GLIDE_RULE_ERROR_INVALID,
} GlideRuleError;

/* Longest texts accepted, in characters. */
#define GLIDE_MAX_NAME_CHARS   200
#define GLIDE_MAX_LINE_CHARS   500
#define GLIDE_MAX_NOTE_CHARS 20000
#define GLIDE_MAX_CODE_CHARS    32

/* Nothing in a clinical record is dated before this (dates compare as text). */
#define GLIDE_EARLIEST_DATE "1900-01-01"
/* A note is signed at most this long after the visit started; later changes
 * are addenda. */
#define GLIDE_MAX_SIGNATURE_DELAY_YEARS 1

#define GLIDE_DURATION_MIN      1
#define GLIDE_DURATION_MAX   3600
#define GLIDE_DURATION_USUAL_MAX 180

typedef enum
{
  GLIDE_VERDICT_IMPROVED,      /* better by at least the MCID (or MDC for ROM) */
  GLIDE_VERDICT_NOT_YET,       /* a change smaller than the MCID */
  GLIDE_VERDICT_WITHIN_ERROR,  /* ROM change below the minimal detectable change */
  GLIDE_VERDICT_WORSE,         /* worse by at least the MCID (or MDC for ROM) */
} GlideVerdict;

GQuark       glide_rule_error_quark              (void);

gboolean     glide_rules_check_text              (const char              *text,
                                                  gboolean                 required,
                                                  guint                    max_chars,
                                                  GError                 **error);
gboolean     glide_rules_check_name              (const char              *name,
                                                  gboolean                 required,
                                                  GError                 **error);
gboolean     glide_rules_check_code_name         (const char              *code,
                                                  GError                 **error);
gboolean     glide_rules_check_not_before_birth  (const char              *birth_date,
                                                  const char              *when,
                                                  GError                 **error);
gboolean     glide_rules_check_icd10             (const char              *code,
                                                  GError                 **error);
gboolean     glide_rules_check_duration          (gint64                   duration_s,
                                                  GError                 **error);
gboolean     glide_rules_duration_is_unusual     (gint64                   duration_s);
gboolean     glide_rules_check_measure_value     (GlideMeasure             measure,
                                                  double                   value,
                                                  GError                 **error);
gboolean     glide_rules_check_measure_side      (GlideMeasure             measure,
                                                  GlideSide                side,
                                                  GError                 **error);

gboolean     glide_rules_validate_clinic         (const GlideClinic       *clinic,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_therapist      (const GlideTherapist    *therapist,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_instrument     (const GlideInstrument   *instrument,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_patient        (const GlidePatient      *patient,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_screening      (const GlideScreening    *screening,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_course         (const GlideCourse       *course,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_treatment      (const GlideTreatment    *treatment,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_measurement    (const GlideMeasurement  *measurement,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_session        (const GlideSession      *session,
                                                  const GlideCourse       *course,
                                                  const GPtrArray         *screening,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_signature      (const char              *session_start,
                                                  gint64                   signed_by,
                                                  const char              *signed_at,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_addendum       (const GlideAddendum     *addendum,
                                                  const char              *signed_at,
                                                  char                   **field,
                                                  GError                 **error);

const GlideScreening *glide_rules_find_contraindication (const GPtrArray *screening,
                                                         const char      *session_start);

double       glide_rules_get_improvement_threshold (GlideMeasure       measure,
                                                    double             baseline,
                                                    gboolean           same_rater);
GlideVerdict glide_rules_judge_change            (GlideMeasure             measure,
                                                  double                   first,
                                                  double                   latest,
                                                  gboolean                 same_rater);

/* Billing units of timed procedure codes (CPT 97140, 97110, …: one unit per
 * 15 minutes of one-on-one time); GlideUnitsMethod is in glide-codes.h. */

typedef struct
{
  const char *code;        /* "97140" */
  guint       minutes;     /* timed minutes of the code this visit */
  guint       units;       /* out: units billed for it */
  guint       full_units;  /* out: whole 15 minutes in its own minutes */
  guint       remainder;   /* out: its minutes beyond those */
  gboolean    extra;       /* out: given a unit for its remainder (CMS: the
                            * day's minutes left a unit over, and its
                            * remainder was among the largest) */
} GlideTimedCode;

guint        glide_rules_units_for_minutes       (guint                    minutes,
                                                  guint                   *band_low,
                                                  guint                   *band_high);
guint        glide_rules_allocate_units          (GlideUnitsMethod         method,
                                                  GlideTimedCode          *codes,
                                                  guint                    n_codes);

/* Medicare's progress report: at least every 10th visit (the interval is a
 * clinic setting), or sooner at a date the therapist sets. */
#define GLIDE_PROGRESS_REPORT_VISITS 10

typedef enum
{
  GLIDE_REPORT_NOT_DUE,
  GLIDE_REPORT_DUE,       /* at the next visit, or today */
  GLIDE_REPORT_OVERDUE,   /* the interval's last visit or the date has passed without it */
} GlideReportDue;

GlideReportDue glide_rules_progress_report_due   (guint                    visits_since,
                                                  guint                    interval,
                                                  const char              *due_date,
                                                  const char              *today,
                                                  guint                   *visits_left);

/* The course of care (schema 7). Fields are named as in docs/INTERCHANGE.md. */
#define GLIDE_MAX_VISITS_PER_WEEK 7
/* A visit's minutes (12 hours), an exercise's sets and repetitions. */
#define GLIDE_MAX_SESSION_MINUTES 720
#define GLIDE_MAX_SETS 100
#define GLIDE_MAX_REPS 1000
#define GLIDE_MAX_REPORT_VISITS 30
#define GLIDE_MAX_PLAN_WEEKS    104

gboolean     glide_rules_validate_goal           (const GlideGoal         *goal,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_goal_status    (const GlideGoalStatusEntry *entry,
                                                  const char              *goal_created_at,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_care_plan      (const GlideCarePlan     *plan,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_progress_report (const GlideProgressReport *report,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_consent        (const GlideConsent      *consent,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_discharge      (const GlideDischarge    *discharge,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_validate_care_settings  (const GlideCareSettings *settings,
                                                  char                   **field,
                                                  GError                 **error);
gboolean     glide_rules_check_npi               (const char              *id,
                                                  GError                 **error);

/* A plan of care is re-certified before its period ends: due from this
 * many days before its end, overdue after it. */
#define GLIDE_RECERTIFICATION_NOTICE_DAYS 14

GlideReportDue glide_rules_recertification_due   (const char              *cert_end,
                                                  const char              *today,
                                                  int                     *days_left);

/* A goal linked to a measure (pain ≤ 2, knee flexion right ≥ 120°, LEFS ≥ 60):
 * the status its values suggest. The therapist sets the status; this only
 * proposes one. */
typedef struct
{
  GlideGoalStatus status;
  double          fraction;  /* of the way from the first value to the target,
                              * 0 to 1; NAN with no value */
  GlideVerdict    verdict;   /* first to latest value (GLIDE_VERDICT_NOT_YET
                              * with fewer than two) */
} GlideGoalProposal;

#define GLIDE_GOAL_PARTLY_MET_FRACTION 0.5

gboolean     glide_rules_goal_reached            (GlideMeasure             measure,
                                                  double                   target,
                                                  double                   value);
char        *glide_rules_discharge_status_at     (const char              *date,
                                                  const char              *latest,
                                                  const char              *now);
void         glide_rules_propose_goal_status     (GlideMeasure             measure,
                                                  double                   target,
                                                  const double            *values,
                                                  guint                    n_values,
                                                  gboolean                 same_rater,
                                                  const char              *target_date,
                                                  const char              *today,
                                                  GlideGoalProposal       *proposal);

G_END_DECLS
