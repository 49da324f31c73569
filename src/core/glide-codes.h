/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-codes.h: the code lists of DOMAIN.md (sites, measures, conditions and
 * the closed value lists of a treatment), the one place they are written down. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLIDE_VIEW_FRONT,
  GLIDE_VIEW_BACK,
} GlideView;

typedef enum
{
  GLIDE_SIDE_NONE = -1,
  GLIDE_SIDE_LEFT,
  GLIDE_SIDE_RIGHT,
  GLIDE_SIDE_MIDLINE,
} GlideSide;

typedef enum
{
  GLIDE_SITE_SUBOCCIPITAL,
  GLIDE_SITE_CERVICAL_PARASPINALS,
  GLIDE_SITE_UPPER_TRAPEZIUS,
  GLIDE_SITE_LEVATOR_SCAPULAE,
  GLIDE_SITE_RHOMBOIDS,
  GLIDE_SITE_THORACIC_PARASPINALS,
  GLIDE_SITE_LUMBAR_PARASPINALS,
  GLIDE_SITE_QUADRATUS_LUMBORUM,
  GLIDE_SITE_THORACOLUMBAR_FASCIA,
  GLIDE_SITE_PECTORALS,
  GLIDE_SITE_GLUTEALS,
  GLIDE_SITE_PIRIFORMIS,
  GLIDE_SITE_ANTERIOR_DELTOID,
  GLIDE_SITE_SUPRASPINATUS,
  GLIDE_SITE_POSTERIOR_CUFF,
  GLIDE_SITE_BICEPS,
  GLIDE_SITE_TRICEPS,
  GLIDE_SITE_LATERAL_EPICONDYLE,
  GLIDE_SITE_MEDIAL_EPICONDYLE,
  GLIDE_SITE_FOREARM_EXTENSORS,
  GLIDE_SITE_FOREARM_FLEXORS,
  GLIDE_SITE_CARPAL_TUNNEL,
  GLIDE_SITE_FIRST_DORSAL_COMPARTMENT,
  GLIDE_SITE_PALM,
  GLIDE_SITE_HIP_FLEXORS,
  GLIDE_SITE_LATERAL_HIP,
  GLIDE_SITE_ADDUCTORS,
  GLIDE_SITE_QUADRICEPS,
  GLIDE_SITE_IT_BAND,
  GLIDE_SITE_PROXIMAL_HAMSTRING,
  GLIDE_SITE_HAMSTRINGS,
  GLIDE_SITE_PATELLAR_TENDON,
  GLIDE_SITE_ANTERIOR_KNEE,
  GLIDE_SITE_POPLITEAL_FOSSA,
  GLIDE_SITE_TIBIALIS_ANTERIOR,
  GLIDE_SITE_CALF,
  GLIDE_SITE_ACHILLES,
  GLIDE_SITE_PERONEALS,
  GLIDE_SITE_LATERAL_ANKLE,
  GLIDE_SITE_PLANTAR_FASCIA,
} GlideSite;

#define GLIDE_N_SITES 40
#define GLIDE_N_AREAS 79

typedef enum
{
  GLIDE_STROKE_SUSTAINED,
  GLIDE_STROKE_OSCILLATING,
} GlideStroke;

typedef enum
{
  GLIDE_EDGE_CONCAVE,
  GLIDE_EDGE_CONVEX,
  GLIDE_EDGE_BEVELED,
} GlideEdge;

typedef enum
{
  GLIDE_TECHNIQUE_NONE = -1,
  GLIDE_TECHNIQUE_SCANNING,
  GLIDE_TECHNIQUE_SWEEPING,
  GLIDE_TECHNIQUE_FANNING,
  GLIDE_TECHNIQUE_J_STROKE,
  GLIDE_TECHNIQUE_STRUMMING,
  GLIDE_TECHNIQUE_SCOOPING,
  GLIDE_TECHNIQUE_BRUSHING,
} GlideTechnique;

typedef enum
{
  GLIDE_PRESSURE_NONE = -1,
  GLIDE_PRESSURE_LIGHT,
  GLIDE_PRESSURE_MODERATE,
  GLIDE_PRESSURE_DEEP,
} GlidePressure;

typedef enum
{
  GLIDE_REDNESS_NONE,
  GLIDE_REDNESS_MILD,
  GLIDE_REDNESS_MODERATE,
  GLIDE_REDNESS_MARKED,
  GLIDE_REDNESS_NOT_ASSESSABLE,
} GlideRedness;

typedef enum
{
  GLIDE_MATERIAL_STAINLESS_STEEL,
  GLIDE_MATERIAL_PLASTIC,
  GLIDE_MATERIAL_STONE,
  GLIDE_MATERIAL_JADE,
  GLIDE_MATERIAL_OTHER,
} GlideMaterial;

typedef enum
{
  GLIDE_TIMING_PRE,
  GLIDE_TIMING_POST,
} GlideTiming;

typedef enum
{
  GLIDE_MEASURE_PAIN,
  GLIDE_MEASURE_SHOULDER_FLEXION,
  GLIDE_MEASURE_SHOULDER_EXTENSION,
  GLIDE_MEASURE_SHOULDER_ABDUCTION,
  GLIDE_MEASURE_SHOULDER_INTERNAL_ROTATION,
  GLIDE_MEASURE_SHOULDER_EXTERNAL_ROTATION,
  GLIDE_MEASURE_ELBOW_FLEXION,
  GLIDE_MEASURE_ELBOW_EXTENSION,
  GLIDE_MEASURE_FOREARM_PRONATION,
  GLIDE_MEASURE_FOREARM_SUPINATION,
  GLIDE_MEASURE_WRIST_FLEXION,
  GLIDE_MEASURE_WRIST_EXTENSION,
  GLIDE_MEASURE_WRIST_RADIAL_DEVIATION,
  GLIDE_MEASURE_WRIST_ULNAR_DEVIATION,
  GLIDE_MEASURE_HIP_FLEXION,
  GLIDE_MEASURE_HIP_EXTENSION,
  GLIDE_MEASURE_HIP_ABDUCTION,
  GLIDE_MEASURE_HIP_ADDUCTION,
  GLIDE_MEASURE_HIP_INTERNAL_ROTATION,
  GLIDE_MEASURE_HIP_EXTERNAL_ROTATION,
  GLIDE_MEASURE_KNEE_FLEXION,
  GLIDE_MEASURE_KNEE_EXTENSION,
  GLIDE_MEASURE_ANKLE_DORSIFLEXION,
  GLIDE_MEASURE_ANKLE_PLANTARFLEXION,
  GLIDE_MEASURE_ANKLE_INVERSION,
  GLIDE_MEASURE_ANKLE_EVERSION,
  GLIDE_MEASURE_CERVICAL_FLEXION,
  GLIDE_MEASURE_CERVICAL_EXTENSION,
  GLIDE_MEASURE_CERVICAL_LATERAL_FLEXION,
  GLIDE_MEASURE_CERVICAL_ROTATION,
  GLIDE_MEASURE_LUMBAR_FLEXION,
  GLIDE_MEASURE_LUMBAR_EXTENSION,
  GLIDE_MEASURE_LUMBAR_LATERAL_FLEXION,
  GLIDE_MEASURE_LEFS,
  GLIDE_MEASURE_QUICKDASH,
  GLIDE_MEASURE_FAAM_ADL,
  GLIDE_MEASURE_ODI,
} GlideMeasure;

#define GLIDE_N_MEASURES 37

typedef enum
{
  GLIDE_MEASURE_KIND_PAIN,
  GLIDE_MEASURE_KIND_ROM,
  GLIDE_MEASURE_KIND_FUNCTION,
} GlideMeasureKind;

/* How a measure is tied to a side of the body. */
typedef enum
{
  GLIDE_LATERALITY_NONE,        /* pain, function scales: no side */
  GLIDE_LATERALITY_LEFT_RIGHT,  /* side is left or right */
  GLIDE_LATERALITY_MIDLINE,     /* side is midline (spinal flexion/extension) */
} GlideLaterality;

typedef enum
{
  GLIDE_BETTER_LOWER,
  GLIDE_BETTER_HIGHER,
} GlideBetter;

typedef enum
{
  GLIDE_CONDITION_LYMPHEDEMA,
  GLIDE_CONDITION_OSTEOPOROSIS,
  GLIDE_CONDITION_VARICOSE_VEINS,
  GLIDE_CONDITION_ANTICOAGULANTS,
  GLIDE_CONDITION_KIDNEY_DYSFUNCTION,
  GLIDE_CONDITION_DIABETES,
  GLIDE_CONDITION_NEUROPATHY,
  GLIDE_CONDITION_CIRCULATORY_DISORDER,
  GLIDE_CONDITION_ACUTE_INFLAMMATION,
  GLIDE_CONDITION_CANCER,
  GLIDE_CONDITION_RECENT_INJECTION,
  GLIDE_CONDITION_ACUTE_INJURY_OR_FRACTURE,
  GLIDE_CONDITION_ADVANCED_OSTEOPOROSIS,
  GLIDE_CONDITION_CONNECTIVE_TISSUE_DISORDER,
  GLIDE_CONDITION_HIGH_RISK_PREGNANCY,
  GLIDE_CONDITION_UNHEALED_SURGICAL_SITE,
  GLIDE_CONDITION_PERIPHERAL_VASCULAR_DISEASE,
  GLIDE_CONDITION_UNSTABLE_EPILEPSY,
  GLIDE_CONDITION_OPEN_WOUND_OR_SKIN_INFECTION,
  GLIDE_CONDITION_THROMBOPHLEBITIS,
} GlideCondition;

typedef enum
{
  GLIDE_CONDITION_KIND_PRECAUTION,
  GLIDE_CONDITION_KIND_CONTRAINDICATION,
} GlideConditionKind;

typedef enum
{
  GLIDE_PAPER_A4,
  GLIDE_PAPER_LETTER,
} GlidePaper;

/* A goal's status, set by the therapist (glide-rules proposes one from the
 * goal's linked measure). */
typedef enum
{
  GLIDE_GOAL_NOT_STARTED,
  GLIDE_GOAL_PROGRESSING,
  GLIDE_GOAL_MET,
  GLIDE_GOAL_PARTLY_MET,
  GLIDE_GOAL_NOT_MET,
  GLIDE_GOAL_REVISED,
} GlideGoalStatus;

typedef enum
{
  GLIDE_DISCHARGE_GOALS_MET,
  GLIDE_DISCHARGE_PLATEAU,
  GLIDE_DISCHARGE_PATIENT_CHOICE,
  GLIDE_DISCHARGE_REFERRED,
  GLIDE_DISCHARGE_OTHER,
} GlideDischargeReason;

/* Bruising or soreness since the last visit, asked at the next one. */
typedef enum
{
  GLIDE_REACTION_NONE,
  GLIDE_REACTION_MILD,
  GLIDE_REACTION_MARKED,
} GlideReaction;

/* What a plan of care plans to do. */
typedef enum
{
  GLIDE_INTERVENTION_IASTM,
  GLIDE_INTERVENTION_THERAPEUTIC_EXERCISE,
  GLIDE_INTERVENTION_NEUROMUSCULAR_REEDUCATION,
  GLIDE_INTERVENTION_THERAPEUTIC_ACTIVITIES,
  GLIDE_INTERVENTION_MANUAL_THERAPY,
  GLIDE_INTERVENTION_EDUCATION,
  GLIDE_INTERVENTION_HOME_PROGRAM,
} GlideIntervention;

/* How a visit's timed minutes become billing units (a clinic setting). */
typedef enum
{
  GLIDE_UNITS_CMS_8_MINUTE,   /* Medicare: the day's total timed minutes give the
                               * units, handed to the codes by their minutes */
  GLIDE_UNITS_RULE_OF_EIGHTS, /* each code on its own: a unit from 8 minutes on,
                               * another at every 15 after */
} GlideUnitsMethod;

/* A billing code of the clinic's list: the defaults are the timed CPT codes
 * of an IASTM visit and the exercise after it. */
typedef struct
{
  const char *code;     /* "97140" */
  const char *label;    /* translatable */
  gboolean    timed;    /* billed in 15-minute units */
} GlideBillingCode;

/* Every closed list of codes. A value of one of the enums above is the index
 * of its code in the list, so one set of functions serves all of them. */
typedef enum
{
  GLIDE_CODE_LIST_VIEW,
  GLIDE_CODE_LIST_SIDE,
  GLIDE_CODE_LIST_SITE,
  GLIDE_CODE_LIST_STROKE,
  GLIDE_CODE_LIST_EDGE,
  GLIDE_CODE_LIST_TECHNIQUE,
  GLIDE_CODE_LIST_PRESSURE,
  GLIDE_CODE_LIST_REDNESS,
  GLIDE_CODE_LIST_MATERIAL,
  GLIDE_CODE_LIST_TIMING,
  GLIDE_CODE_LIST_MEASURE,
  GLIDE_CODE_LIST_CONDITION,
  GLIDE_CODE_LIST_PAPER,
  GLIDE_CODE_LIST_GOAL_STATUS,
  GLIDE_CODE_LIST_DISCHARGE_REASON,
  GLIDE_CODE_LIST_REACTION,
  GLIDE_CODE_LIST_INTERVENTION,
  GLIDE_CODE_LIST_UNITS_METHOD,
  GLIDE_N_CODE_LISTS,
} GlideCodeList;

#define GLIDE_CODE_ERROR (glide_code_error_quark ())

typedef enum
{
  GLIDE_CODE_ERROR_UNKNOWN,
} GlideCodeError;

GQuark       glide_code_error_quark        (void);

guint        glide_code_list_size          (GlideCodeList list);
const char  *glide_code_list_noun          (GlideCodeList list);
const char  *glide_code_list_code          (GlideCodeList list,
                                            int           value);
const char  *glide_code_list_label         (GlideCodeList list,
                                            int           value);
gboolean     glide_code_list_lookup        (GlideCodeList list,
                                            const char   *code,
                                            int          *value);
gboolean     glide_code_list_parse         (GlideCodeList list,
                                            const char   *code,
                                            int          *value,
                                            GError      **error);
char        *glide_code_list_join          (GlideCodeList list,
                                            const char   *separator,
                                            gboolean      quoted);

GlideView    glide_site_get_view           (GlideSite     site);
const char  *glide_side_get_phrase         (GlideSide     side);
gboolean     glide_site_is_lateral         (GlideSite     site);
gboolean     glide_site_allows_side        (GlideSite     site,
                                            GlideSide     side);
guint        glide_site_get_choir_segments (GlideSite     site,
                                            GlideSide     side,
                                            guint         segments[2]);
char        *glide_area_get_label          (GlideSite     site,
                                            GlideSide     side);
const char  *glide_area_get_plain_label    (GlideSite     site,
                                            GlideSide     side);
char        *glide_area_get_id             (GlideSite     site,
                                            GlideSide     side);
gboolean     glide_area_parse_id           (const char   *id,
                                            GlideSite    *site,
                                            GlideSide    *side);

GlideMeasureKind glide_measure_get_kind    (GlideMeasure  measure);
GlideLaterality  glide_measure_get_laterality (GlideMeasure measure);
GlideBetter  glide_measure_get_better      (GlideMeasure  measure);
double       glide_measure_get_min         (GlideMeasure  measure);
double       glide_measure_get_max         (GlideMeasure  measure);
double       glide_measure_get_step        (GlideMeasure  measure);
gboolean     glide_measure_get_norm        (GlideMeasure  measure,
                                            double       *norm,
                                            const char  **source);
double       glide_measure_get_mcid        (GlideMeasure  measure);
const char  *glide_measure_get_unit        (GlideMeasure  measure);
const char  *glide_measure_get_plain_label (GlideMeasure  measure,
                                            GlideSide     side);
gboolean     glide_measure_allows_side     (GlideMeasure  measure,
                                            GlideSide     side);

GlideConditionKind glide_condition_get_kind (GlideCondition condition);

const GlideBillingCode *glide_billing_codes_get_defaults (guint *n_codes);
const char  *glide_billing_code_iastm      (void);
gboolean     glide_billing_code_is_valid   (const char   *code);

/* ---- codes for exchange (FHIR R4) -------------------------------------------
 * The standard codes a Glide code maps to, each with where it was checked.
 * A Glide code without a row has no verified standard code: the export
 * writes it in a Glide code system, with its label as text. */

#define GLIDE_FHIR_CODE_SYSTEM_BASE "https://glidept.github.io/fhir/CodeSystem/"

typedef enum
{
  GLIDE_FHIR_KEY_MEASURE,       /* value: a GlideMeasure */
  GLIDE_FHIR_KEY_MEASURE_KIND,  /* value: a GlideMeasureKind (every ROM motion) */
  GLIDE_FHIR_KEY_SITE,          /* value: a GlideSite */
  GLIDE_FHIR_KEY_SIDE,          /* value: a GlideSide, or -2 for both sides */
  GLIDE_FHIR_KEY_PROCEDURE,     /* value: 0, the treatment itself (IASTM) */
  GLIDE_FHIR_KEY_DIAGNOSIS,     /* value: 0, the system of a course's ICD-10 code */
} GlideFhirKey;

#define GLIDE_FHIR_SIDE_BOTH (-2)

typedef struct
{
  GlideFhirKey  key;
  int           value;
  const char   *system;
  const char   *code;      /* NULL for GLIDE_FHIR_KEY_DIAGNOSIS: the course's own */
  const char   *display;   /* the code system's own words, never translated */
  const char   *source;    /* where the code was checked */
} GlideFhirCode;

const GlideFhirCode *glide_fhir_code_lookup      (GlideFhirKey   key,
                                                  int            value);
const GlideFhirCode *glide_fhir_codes_get_all    (guint         *n_codes);
char        *glide_fhir_code_system          (GlideCodeList  list);
const char  *glide_fhir_code_display         (GlideCodeList  list,
                                              int            value);

G_END_DECLS
