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

G_END_DECLS
