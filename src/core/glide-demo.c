/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-demo.c: fills an empty database with a demo clinic: three therapists,
 * fourteen patients with 6- to 12-week courses whose pain and range of motion
 * follow a designed trend (most improve past the MCID, two plateau, one gets
 * worse), drafts and signed sessions, addenda, screening with precautions and
 * a contraindication with override, petechiae, and names in several scripts.
 * Dates are placed relative to today so the clinic always looks current; the
 * random choices are seeded, so every run makes the same clinic. */

#define G_LOG_DOMAIN "glide-demo"

#include "config.h"

#include "glide-demo.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-rules.h"

#include <math.h>
#include <string.h>

typedef enum
{
  TREND_IMPROVE,
  TREND_PLATEAU,
  TREND_WORSE,
} Trend;

typedef struct
{
  GlideMeasure measure;
  GlideSide    side;
  double       first;
  double       last;
} MeasurePlan;

typedef struct
{
  GlideSite site;
  GlideSide side;
} Area;

typedef struct
{
  GlideCondition condition;
  gboolean       present;
  const char    *note;
} ScreeningPlan;

typedef struct
{
  const char   *chart;
  const char   *family_name;
  const char   *given_name;
  const char   *birth_date;
  const char   *therapist;
  const char   *cover_therapist;   /* sees the patient once mid-course, or NULL */
  const char   *diagnosis;
  const char   *icd10;
  const char   *goals;
  int           weeks;             /* planned course length */
  int           started_weeks_ago; /* >= weeks: a finished, discharged course */
  Trend         trend;
  double        pain_first;
  double        pain_last;
  MeasurePlan   rom[3];
  MeasurePlan   function;
  Area          areas[4];
  GlideStroke   stroke;
  const char   *emollient;
  const char   *home_program;
  const char   *first_note;
  ScreeningPlan screening[2];
  const char   *override_reason;   /* for a contraindication on file */
  int           petechiae_visits[2]; /* visit numbers (1-based), 0: none */
  gboolean      last_visit_draft;
  gboolean      darker_skin;       /* redness often not assessable */
  int           addendum_visit;    /* 0: none */
  const char   *addendum_text;
  gboolean      cover_last_visit;  /* the cover therapist also takes the last visit,
                                    * so the latest ROM has another rater (MDC 10) */
} Scenario;

#define NO_MEASURE { -1, GLIDE_SIDE_NONE, 0, 0 }
#define NO_AREA { -1, GLIDE_SIDE_NONE }
#define NO_SCREENING { -1, FALSE, NULL }
#define L GLIDE_SIDE_LEFT
#define R GLIDE_SIDE_RIGHT
#define MID GLIDE_SIDE_MIDLINE

static const Scenario scenarios[] = {
  {
    "P-1001", "Müller", "José", "1980-04-02", "dw", NULL,
    "Plantar fasciitis, left", "M72.2", "Walk 5 km without heel pain",
    8, 6, TREND_IMPROVE, 7, 3,
    { { GLIDE_MEASURE_ANKLE_DORSIFLEXION, L, 6, 15 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_FAAM_ADL, GLIDE_SIDE_NONE, 58, 79 },
    { { GLIDE_SITE_PLANTAR_FASCIA, L }, { GLIDE_SITE_CALF, L }, { GLIDE_SITE_ACHILLES, L }, NO_AREA },
    GLIDE_STROKE_SUSTAINED, "cocoa butter lotion",
    "Calf stretch against the wall 3 x 30 s twice daily; roll the sole over a frozen bottle 5 min at night.",
    "Heel pain worst with the first steps in the morning. Works on his feet all day.",
    { { GLIDE_CONDITION_DIABETES, TRUE, "Type 2, on metformin; check sensation of the feet." }, NO_SCREENING },
    NULL, { 0, 0 }, TRUE, FALSE, 2,
    "Patient phoned next day: soreness settled overnight, no bruising.",
  },
  {
    "P-1002", "Παπαδόπουλος", "Γιώργος", "1975-11-19", "ko", NULL,
    "Lateral epicondylitis, right", "M77.1", "Carry shopping and use a screwdriver at work without pain",
    10, 10, TREND_IMPROVE, 6.5, 2,
    { { GLIDE_MEASURE_WRIST_EXTENSION, R, 48, 66 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_QUICKDASH, GLIDE_SIDE_NONE, 45, 18 },
    { { GLIDE_SITE_LATERAL_EPICONDYLE, R }, { GLIDE_SITE_FOREARM_EXTENSORS, R }, NO_AREA, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "emollient cream",
    "Eccentric wrist extension with a 1 kg weight, 3 x 15 daily; avoid gripping with the elbow straight.",
    "Electrician; pain on gripping tools for 4 months.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1003", "王", "芳", "1968-02-27", "al", "ko",
    "Adhesive capsulitis (frozen shoulder), left", "M75.0", "Reach the top shelf and fasten a bra behind the back",
    12, 9, TREND_IMPROVE, 6, 3.5,
    { { GLIDE_MEASURE_SHOULDER_FLEXION, L, 110, 150 },
      { GLIDE_MEASURE_SHOULDER_ABDUCTION, L, 85, 130 },
      { GLIDE_MEASURE_SHOULDER_EXTERNAL_ROTATION, L, 25, 50 } },
    NO_MEASURE,
    { { GLIDE_SITE_ANTERIOR_DELTOID, L }, { GLIDE_SITE_PECTORALS, L }, { GLIDE_SITE_POSTERIOR_CUFF, L }, { GLIDE_SITE_UPPER_TRAPEZIUS, L } },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Pendulum exercises 2 min, wand-assisted flexion and external rotation 10 x 3 daily.",
    "Stiff, painful left shoulder for 5 months; sleeps badly on the left side.",
    { { GLIDE_CONDITION_HIGH_RISK_PREGNANCY, FALSE, "" }, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1004", "الحسيني", "ليلى", "1988-07-14", "dw", NULL,
    "Achilles tendinopathy, right", "M76.6", "Return to running 5 km three times a week",
    8, 8, TREND_PLATEAU, 5, 4,
    { { GLIDE_MEASURE_ANKLE_DORSIFLEXION, R, 12, 14 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_LEFS, GLIDE_SIDE_NONE, 55, 60 },
    { { GLIDE_SITE_ACHILLES, R }, { GLIDE_SITE_CALF, R }, NO_AREA, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "IASTM emollient gel",
    "Heel drops off a step 3 x 15 twice daily, slowly lowering.",
    "Runner; midportion Achilles pain for 3 months after increasing mileage.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 5, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1005", "O'Connor", "Siobhán", "1959-09-03", "ko", NULL,
    "Arthrofibrosis after total knee replacement, left", "M24.66", "Climb stairs step over step; ride a bike",
    12, 7, TREND_IMPROVE, 6, 3,
    { { GLIDE_MEASURE_KNEE_FLEXION, L, 92, 118 },
      { GLIDE_MEASURE_KNEE_EXTENSION, L, -14, -5 }, NO_MEASURE },
    { GLIDE_MEASURE_LEFS, GLIDE_SIDE_NONE, 32, 50 },
    { { GLIDE_SITE_QUADRICEPS, L }, { GLIDE_SITE_ANTERIOR_KNEE, L }, { GLIDE_SITE_HAMSTRINGS, L }, NO_AREA },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Heel slides 20 x 3, prone hangs 5 min, stationary bike 10 min daily.",
    "Total knee replacement 10 weeks ago; stiffness limits bending.",
    { { GLIDE_CONDITION_ANTICOAGULANTS, TRUE, "Apixaban since the operation; light pressure over the knee." }, NO_SCREENING },
    NULL, { 0, 0 }, TRUE, FALSE, 0, NULL,
  },
  {
    "P-1006", "Lefèvre", "François", "1991-01-30", "ko", NULL,
    "Iliotibial band syndrome, right", "M76.3", "Cycle 60 km without lateral knee pain",
    6, 6, TREND_IMPROVE, 5.5, 1.5,
    { { GLIDE_MEASURE_HIP_ADDUCTION, R, 12, 22 }, NO_MEASURE, NO_MEASURE },
    NO_MEASURE,
    { { GLIDE_SITE_IT_BAND, R }, { GLIDE_SITE_LATERAL_HIP, R }, { GLIDE_SITE_HIP_FLEXORS, R }, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "cocoa butter lotion",
    "Side-lying hip abduction 3 x 15, foam roller on the lateral thigh 2 min daily.",
    "Cyclist; lateral knee pain after 30 km.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 2, 0 }, FALSE, FALSE, 3,
    "Correction: the IT band was treated for 90 s, not 60 s.",
  },
  {
    "P-1007", "Nakamura", "Yui", "1994-05-08", "al", NULL,
    "De Quervain's tenosynovitis, left", "M65.4", "Lift her baby without wrist pain",
    6, 5, TREND_IMPROVE, 6, 2.5,
    { { GLIDE_MEASURE_WRIST_ULNAR_DEVIATION, L, 14, 26 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_QUICKDASH, GLIDE_SIDE_NONE, 52, 25 },
    { { GLIDE_SITE_FIRST_DORSAL_COMPARTMENT, L }, { GLIDE_SITE_FOREARM_EXTENSORS, L }, NO_AREA, NO_AREA },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Thumb spica splint at night; gentle thumb and wrist stretches 5 x 20 s.",
    "New mother, pain at the base of the thumb when lifting.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 0, 0 }, TRUE, FALSE, 0, NULL,
  },
  {
    "P-1008", "Wiśniewski", "Łukasz", "1972-12-12", "dw", "al",
    "Myofascial low back pain", "M54.5", "Sit through a working day and garden without pain",
    10, 10, TREND_PLATEAU, 6, 5,
    { { GLIDE_MEASURE_LUMBAR_FLEXION, MID, 55, 60 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_ODI, GLIDE_SIDE_NONE, 36, 32 },
    { { GLIDE_SITE_THORACOLUMBAR_FASCIA, MID }, { GLIDE_SITE_LUMBAR_PARASPINALS, L }, { GLIDE_SITE_LUMBAR_PARASPINALS, R }, { GLIDE_SITE_QUADRATUS_LUMBORUM, R } },
    GLIDE_STROKE_SUSTAINED, "IASTM emollient gel",
    "Walk 20 min daily, cat-camel 10 x, bird-dog 3 x 10.",
    "Office worker; constant low back ache, worse after sitting.",
    { { GLIDE_CONDITION_OSTEOPOROSIS, TRUE, "Osteopenia on DEXA 2024; no deep pressure over the spine." }, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL, TRUE,
  },
  {
    "P-1009", "Okafor", "Ngozi", "1985-03-21", "dw", NULL,
    "Proximal hamstring tendinopathy, left", "M76.89", "Sit for a 2-hour meeting and run again",
    8, 8, TREND_WORSE, 4, 6.5,
    { { GLIDE_MEASURE_HIP_FLEXION, L, 80, 72 }, NO_MEASURE, NO_MEASURE },
    NO_MEASURE,
    { { GLIDE_SITE_PROXIMAL_HAMSTRING, L }, { GLIDE_SITE_HAMSTRINGS, L }, { GLIDE_SITE_GLUTEALS, L }, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "emollient cream",
    "Isometric bridges 5 x 30 s; avoid deep stretching of the hamstring.",
    "Deep buttock pain when sitting; started after hill sprints.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 4, 6 }, FALSE, TRUE, 7,
    "Referred back to her GP for imaging because pain increased despite treatment.",
  },
  {
    "P-1010", "Brønsted", "Zoë", "1999-10-05", "al", NULL,
    "Myofascial neck pain", "M79.1", "Work at the computer all day without headaches",
    8, 5, TREND_IMPROVE, 6, 2,
    { { GLIDE_MEASURE_CERVICAL_ROTATION, L, 55, 72 },
      { GLIDE_MEASURE_CERVICAL_ROTATION, R, 60, 74 },
      { GLIDE_MEASURE_CERVICAL_FLEXION, MID, 35, 46 } },
    NO_MEASURE,
    { { GLIDE_SITE_UPPER_TRAPEZIUS, L }, { GLIDE_SITE_UPPER_TRAPEZIUS, R }, { GLIDE_SITE_LEVATOR_SCAPULAE, R }, { GLIDE_SITE_SUBOCCIPITAL, R } },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Chin tucks 10 x hourly at work; upper trapezius stretch 3 x 30 s each side.",
    "Student, long hours at a laptop; neck pain and tension headaches.",
    { { GLIDE_CONDITION_OPEN_WOUND_OR_SKIN_INFECTION, TRUE, "Healing graze on the right shin from a bicycle fall." },
      { GLIDE_CONDITION_VARICOSE_VEINS, FALSE, "" } },
    "The graze is on the right shin; today's treatment is to the neck and shoulders only, far from it.",
    { 0, 0 }, TRUE, FALSE, 0, NULL,
  },
  {
    "P-1011", "Ngata", "Aroha", "1996-06-17", "ko", "dw",
    "Patellar tendinopathy, right", "M76.5", "Play a full netball match",
    9, 9, TREND_IMPROVE, 6, 2.5,
    { { GLIDE_MEASURE_KNEE_FLEXION, R, 128, 138 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_LEFS, GLIDE_SIDE_NONE, 52, 70 },
    { { GLIDE_SITE_PATELLAR_TENDON, R }, { GLIDE_SITE_QUADRICEPS, R }, { GLIDE_SITE_ANTERIOR_KNEE, R }, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "cocoa butter lotion",
    "Spanish squat holds 5 x 45 s; decline squats 3 x 15 from week 4.",
    "Netball player; pain below the kneecap when jumping.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1012", "García-López", "Inés", "1964-08-22", "ko", NULL,
    "Carpal tunnel syndrome, right", "G56.0", "Type and knit without tingling",
    6, 4, TREND_IMPROVE, 5, 2.5,
    { { GLIDE_MEASURE_WRIST_EXTENSION, R, 55, 66 }, NO_MEASURE, NO_MEASURE },
    { GLIDE_MEASURE_QUICKDASH, GLIDE_SIDE_NONE, 40, 26 },
    { { GLIDE_SITE_CARPAL_TUNNEL, R }, { GLIDE_SITE_FOREARM_FLEXORS, R }, { GLIDE_SITE_PALM, R }, NO_AREA },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Median nerve gliding 5 x twice daily; wrist splint at night.",
    "Tingling in the thumb and two fingers at night.",
    { { GLIDE_CONDITION_NEUROPATHY, TRUE, "Reduced light-touch sensation in the right index finger." }, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1013", "Ferreira", "João", "1979-01-09", "al", NULL,
    "Calf strain, left", "S86.1", "Play five-a-side football again",
    6, 12, TREND_IMPROVE, 6, 1,
    { { GLIDE_MEASURE_ANKLE_DORSIFLEXION, L, 8, 18 }, NO_MEASURE, NO_MEASURE },
    NO_MEASURE,
    { { GLIDE_SITE_CALF, L }, { GLIDE_SITE_ACHILLES, L }, NO_AREA, NO_AREA },
    GLIDE_STROKE_OSCILLATING, "cocoa butter lotion",
    "Calf raises 3 x 15, progress to single leg; jog-walk intervals from week 4.",
    "Felt a pull in the left calf sprinting for a ball 3 weeks ago.",
    { NO_SCREENING, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
  {
    "P-1014", "Jørgensen", "Søren", "1957-04-28", "al", NULL,
    "Shoulder impingement, right", "M75.4", "Swim front crawl for 30 minutes",
    8, 11, TREND_IMPROVE, 5.5, 1.5,
    { { GLIDE_MEASURE_SHOULDER_ABDUCTION, R, 120, 160 },
      { GLIDE_MEASURE_SHOULDER_FLEXION, R, 140, 168 }, NO_MEASURE },
    { GLIDE_MEASURE_QUICKDASH, GLIDE_SIDE_NONE, 34, 9 },
    { { GLIDE_SITE_SUPRASPINATUS, R }, { GLIDE_SITE_ANTERIOR_DELTOID, R }, { GLIDE_SITE_POSTERIOR_CUFF, R }, NO_AREA },
    GLIDE_STROKE_SUSTAINED, "emollient cream",
    "Scapular setting 10 x 10 s; band external rotation 3 x 15.",
    "Retired swimmer; painful arc lifting the right arm.",
    { { GLIDE_CONDITION_CIRCULATORY_DISORDER, TRUE, "Heart failure, stable; keep sessions short." }, NO_SCREENING },
    NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
  },
};

#undef L
#undef R
#undef MID

/* A second, earlier course for the first patient. */
static const Scenario earlier_course = {
  "P-1001", NULL, NULL, NULL, "dw", NULL,
  "Achilles tendinopathy, left", "M76.6", "Return to walking the dog without pain",
  6, 40, TREND_IMPROVE, 5, 1.5,
  { { GLIDE_MEASURE_ANKLE_DORSIFLEXION, GLIDE_SIDE_LEFT, 10, 17 }, NO_MEASURE, NO_MEASURE },
  NO_MEASURE,
  { { GLIDE_SITE_ACHILLES, GLIDE_SIDE_LEFT }, { GLIDE_SITE_CALF, GLIDE_SIDE_LEFT }, NO_AREA, NO_AREA },
  GLIDE_STROKE_OSCILLATING, "cocoa butter lotion",
  "Heel drops 3 x 15 daily.",
  "Achilles pain after a walking holiday.",
  { NO_SCREENING, NO_SCREENING },
  NULL, { 0, 0 }, FALSE, FALSE, 0, NULL,
};

static const struct
{
  const char *code;
  const char *name;
  const char *credentials;
} demo_therapists[] = {
  { "dw", "Dana Whitfield", "DPT, OCS" },
  { "ko", "Kenji Okada", "PT, MSc" },
  { "al", "Amara Lindqvist", "PT, Cert. IASTM" },
};

static const struct
{
  const char    *code;
  const char    *name;
  GlideMaterial  material;
} demo_tools[] = {
  { "gt1", "Large concave blade", GLIDE_MATERIAL_STAINLESS_STEEL },
  { "gt2", "Convex edge bar", GLIDE_MATERIAL_STAINLESS_STEEL },
  { "gt3", "Small beveled hook", GLIDE_MATERIAL_STAINLESS_STEEL },
  { "ps1", "Plastic scraper", GLIDE_MATERIAL_PLASTIC },
  { "jd1", "Jade gua sha board", GLIDE_MATERIAL_JADE },
};

typedef struct
{
  GlideStore       *store;
  GRand            *rand;
  GDate             today;
  GHashTable       *therapists;  /* code -> id */
  gint64            tools[G_N_ELEMENTS (demo_tools)];
  GlideDemoSummary *summary;
} Demo;

static gint64
therapist_id (Demo       *demo,
              const char *code)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (demo->therapists, code));
}

static char *
date_offset (const GDate *base,
             int          days)
{
  GDate date = *base;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return glide_date_format (&date);
}

/* Progress along a course: fast early change that levels off, 0 at the first
 * visit and 1 at the end of the planned course. */
static double
progress (double fraction)
{
  return (1 - exp (-3 * fraction)) / (1 - exp (-3));
}

static double
round_to (double value,
          double step)
{
  return round (value / step) * step;
}

static double
clamp_measure (GlideMeasure measure,
               double       value)
{
  return CLAMP (value, glide_measure_get_min (measure), glide_measure_get_max (measure));
}

/* The value of a plan at a point of the course; the first and the latest
 * visit carry no noise so the course's verdict is the one designed. */
static double
planned_value (Demo              *demo,
               const MeasurePlan *plan,
               double             fraction,
               gboolean           exact,
               double             noise,
               double             step)
{
  double value = plan->first + (plan->last - plan->first) * progress (fraction);

  if (!exact)
    value += g_rand_double_range (demo->rand, -noise, noise);
  return clamp_measure (plan->measure, round_to (value, step));
}

static GlideEdge
edge_for_site (GlideSite site)
{
  switch (site)
    {
    case GLIDE_SITE_PLANTAR_FASCIA:
    case GLIDE_SITE_ACHILLES:
    case GLIDE_SITE_PATELLAR_TENDON:
    case GLIDE_SITE_LATERAL_EPICONDYLE:
    case GLIDE_SITE_SUBOCCIPITAL:
      return GLIDE_EDGE_CONVEX;
    case GLIDE_SITE_FIRST_DORSAL_COMPARTMENT:
    case GLIDE_SITE_CARPAL_TUNNEL:
    case GLIDE_SITE_PALM:
    case GLIDE_SITE_ANTERIOR_KNEE:
      return GLIDE_EDGE_BEVELED;
    case GLIDE_SITE_CERVICAL_PARASPINALS:
    case GLIDE_SITE_UPPER_TRAPEZIUS:
    case GLIDE_SITE_LEVATOR_SCAPULAE:
    case GLIDE_SITE_RHOMBOIDS:
    case GLIDE_SITE_THORACIC_PARASPINALS:
    case GLIDE_SITE_LUMBAR_PARASPINALS:
    case GLIDE_SITE_QUADRATUS_LUMBORUM:
    case GLIDE_SITE_THORACOLUMBAR_FASCIA:
    case GLIDE_SITE_PECTORALS:
    case GLIDE_SITE_GLUTEALS:
    case GLIDE_SITE_PIRIFORMIS:
    case GLIDE_SITE_ANTERIOR_DELTOID:
    case GLIDE_SITE_SUPRASPINATUS:
    case GLIDE_SITE_POSTERIOR_CUFF:
    case GLIDE_SITE_BICEPS:
    case GLIDE_SITE_TRICEPS:
    case GLIDE_SITE_MEDIAL_EPICONDYLE:
    case GLIDE_SITE_FOREARM_EXTENSORS:
    case GLIDE_SITE_FOREARM_FLEXORS:
    case GLIDE_SITE_HIP_FLEXORS:
    case GLIDE_SITE_LATERAL_HIP:
    case GLIDE_SITE_ADDUCTORS:
    case GLIDE_SITE_QUADRICEPS:
    case GLIDE_SITE_IT_BAND:
    case GLIDE_SITE_PROXIMAL_HAMSTRING:
    case GLIDE_SITE_HAMSTRINGS:
    case GLIDE_SITE_POPLITEAL_FOSSA:
    case GLIDE_SITE_TIBIALIS_ANTERIOR:
    case GLIDE_SITE_CALF:
    case GLIDE_SITE_PERONEALS:
    case GLIDE_SITE_LATERAL_ANKLE:
    default:
      return GLIDE_EDGE_CONCAVE;
    }
}

static GlideTreatment *
plan_treatment (Demo           *demo,
                const Scenario *sc,
                const Area     *area,
                int             visit,
                gboolean        petechiae)
{
  static const GlideTechnique techniques[] = {
    GLIDE_TECHNIQUE_SWEEPING, GLIDE_TECHNIQUE_FANNING, GLIDE_TECHNIQUE_J_STROKE,
    GLIDE_TECHNIQUE_STRUMMING, GLIDE_TECHNIQUE_SCANNING,
  };
  GlideTreatment *t = glide_treatment_new (area->site, area->side);
  guint redness_roll = g_rand_int_range (demo->rand, 0, 10);

  t->stroke = g_rand_int_range (demo->rand, 0, 5) == 0 ?
              (GlideStroke) !sc->stroke : sc->stroke;
  t->duration_s = 45 + 15 * g_rand_int_range (demo->rand, 0, 6);
  t->edge = edge_for_site (area->site);
  t->instrument_id = t->edge == GLIDE_EDGE_CONVEX ? demo->tools[1] :
                     t->edge == GLIDE_EDGE_BEVELED ? demo->tools[2] :
                     g_rand_int_range (demo->rand, 0, 6) == 0 ? demo->tools[3] : demo->tools[0];
  t->technique = visit == 1 ? GLIDE_TECHNIQUE_SCANNING :
                 techniques[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (techniques))];
  t->pressure = visit <= 2 ? GLIDE_PRESSURE_LIGHT :
                g_rand_int_range (demo->rand, 0, 4) == 0 ? GLIDE_PRESSURE_DEEP :
                GLIDE_PRESSURE_MODERATE;
  if (sc->darker_skin && redness_roll < 6)
    t->redness = GLIDE_REDNESS_NOT_ASSESSABLE;
  else
    t->redness = redness_roll < 2 ? GLIDE_REDNESS_NONE :
                 redness_roll < 7 ? GLIDE_REDNESS_MILD : GLIDE_REDNESS_MODERATE;
  t->petechiae = petechiae;
  if (petechiae)
    {
      t->redness = MAX (t->redness == GLIDE_REDNESS_NOT_ASSESSABLE ? GLIDE_REDNESS_MODERATE :
                        t->redness, GLIDE_REDNESS_MODERATE);
      g_free (t->note);
      t->note = g_strdup ("Scattered petechiae; stopped treating this area for today.");
    }
  return t;
}

static void
add_measure (GlideSession *session,
             GlideMeasure  measure,
             GlideSide     side,
             GlideTiming   timing,
             double        value)
{
  g_ptr_array_add (session->measurements, glide_measurement_new (measure, side, timing, value));
}

static gboolean
add_screening (Demo           *demo,
               const Scenario *sc,
               gint64          patient_id,
               const char     *recorded,
               GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sc->screening); i++)
    {
      const ScreeningPlan *plan = &sc->screening[i];
      g_autoptr(GlideScreening) s = NULL;

      if ((int) plan->condition < 0)
        continue;
      s = glide_screening_new (plan->condition, plan->present);
      s->patient_id = patient_id;
      s->recorded = g_strdup (recorded);
      s->recorded_by = therapist_id (demo, sc->therapist);
      g_free (s->note);
      s->note = g_strdup (plan->note);
      glide_store_set_actor (demo->store, s->recorded_by);
      if (!glide_store_set_screening (demo->store, s, error))
        return FALSE;
    }
  return TRUE;
}

/* Visit days of a course: twice a week for the first half, then weekly. */
static GArray *
plan_visit_days (const Scenario *sc)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (int));

  for (int week = 0; week < sc->weeks; week++)
    {
      int first = week * 7;

      g_array_append_val (days, first);
      if (week < sc->weeks / 2)
        {
          int second = first + 3;

          g_array_append_val (days, second);
        }
    }
  return days;
}

/* ---- the course of care ---------------------------------------------------- */

typedef struct
{
  GPtrArray *times;      /* each visit's start */
  GArray    *pains;      /* pain before treatment, per visit */
  GArray    *is_signed;  /* gboolean per visit */
} Visits;

static char *
minutes_after (const char *datetime,
               int         minutes)
{
  g_autoptr(GDateTime) time = glide_datetime_parse (datetime, NULL);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (time, minutes);

  return glide_datetime_format (later);
}

/* Consent to IASTM's risks, obtained before the first treatment. */
static gboolean
add_consent (Demo        *demo,
             gint64       course_id,
             gint64       therapist,
             const GDate *start,
             GArray      *days,
             GError     **error)
{
  g_autoptr(GlideConsent) consent = glide_consent_new (course_id);
  g_autofree char *date = date_offset (start, days->len > 0 ? g_array_index (days, int, 0) : 0);

  consent->at = g_strdup_printf ("%sT08:00", date);
  consent->obtained_by = therapist;
  consent->risks = g_strdup ("Redness, petechiae, bruising and soreness for 24-48 hours "
                             "after treatment; explained with the leaflet");
  glide_store_set_actor (demo->store, therapist);
  return glide_store_add_consent (demo->store, consent, error) != 0;
}

/* The course's goals (the scenario's own words, measured by pain, and the
 * first range of motion), its plan of care, the progress report written at
 * the tenth visit, and a finished course's discharge with each goal's
 * status as the rules propose it. */
static gboolean
add_care (Demo           *demo,
          const Scenario *sc,
          GlideCourse    *course,
          gint64          therapist,
          const GDate    *start,
          const Visits   *visits,
          GError        **error)
{
  g_autoptr(GlideGoal) pain = glide_goal_new (sc->goals);
  g_autoptr(GlideGoal) rom = NULL;
  g_autoptr(GlideCarePlan) plan = glide_care_plan_new (course->id);
  g_autoptr(GArray) pre_pains = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *first_visit = NULL;
  g_autofree char *set_at = NULL;
  guint n = visits->times->len;
  gboolean finished = sc->started_weeks_ago >= sc->weeks && n > 0;
  static const GlideIntervention interventions[] = {
    GLIDE_INTERVENTION_IASTM, GLIDE_INTERVENTION_THERAPEUTIC_EXERCISE,
    GLIDE_INTERVENTION_EDUCATION, GLIDE_INTERVENTION_HOME_PROGRAM,
  };

  if (n == 0)
    return TRUE;
  first_visit = g_strdup (g_ptr_array_index (visits->times, 0));
  set_at = minutes_after (first_visit, 60);
  glide_store_set_actor (demo->store, therapist);

  pain->course_id = course->id;
  pain->measure = GLIDE_MEASURE_PAIN;
  pain->target = 2;
  pain->target_date = date_offset (start, sc->weeks * 7);
  pain->created_by = therapist;
  pain->created_at = g_strdup (set_at);
  if (!glide_store_add_goal (demo->store, pain, error))
    return FALSE;

  if ((int) sc->rom[0].measure >= 0)
    {
      /* The demo clinic's records are written in English, as its notes
       * are, whatever the language of the desktop that makes it. */
      const char *previous = glide_language_push ("en");

      rom = glide_goal_new (NULL);
      g_free (rom->text);
      rom->text = g_strdup_printf ("%s to %g%s", glide_measure_get_plain_label (sc->rom[0].measure,
                                                                              sc->rom[0].side),
                                   sc->rom[0].last, glide_measure_get_unit (sc->rom[0].measure));
      glide_language_pop (previous);
      rom->course_id = course->id;
      rom->measure = sc->rom[0].measure;
      rom->side = sc->rom[0].side;
      rom->target = sc->rom[0].last;
      rom->target_date = g_strdup (pain->target_date);
      rom->created_by = therapist;
      rom->created_at = g_strdup (set_at);
      if (!glide_store_add_goal (demo->store, rom, error))
        return FALSE;
    }

  plan->cert_start = g_strdup (course->start_date);
  plan->cert_end = date_offset (start, 89);
  plan->visits_per_week = 2;
  plan->weeks = sc->weeks;
  g_array_append_vals (plan->interventions, interventions, G_N_ELEMENTS (interventions));
  plan->referring_name = g_strdup ("Dr Helen Marsh");
  plan->certifying_name = g_strdup ("Dr Helen Marsh");
  plan->certified_on = date_offset (start, 3);
  plan->report_due = date_offset (start, 30);
  plan->written_by = therapist;
  plan->written_at = minutes_after (first_visit, 65);
  {
    g_autofree char *today = glide_date_format (&demo->today);

    if (strcmp (plan->certified_on, today) > 0)
      g_clear_pointer (&plan->certified_on, g_free);
  }
  if (!glide_store_save_care_plan (demo->store, plan, error))
    return FALSE;

  for (guint v = 0; v < n; v++)
    if (g_array_index (visits->is_signed, gboolean, v))
      g_array_append_val (pre_pains, g_array_index (visits->pains, double, v));

  /* By the fifth visit the pain goal is under way. */
  if (n >= 5 && g_array_index (visits->is_signed, gboolean, 4))
    {
      g_autoptr(GlideGoalStatusEntry) status =
        glide_goal_status_entry_new (GLIDE_GOAL_PROGRESSING, therapist, NULL);

      status->at = minutes_after (g_ptr_array_index (visits->times, 4), 70);
      status->goal_id = pain->id;
      g_free (status->note);
      status->note = g_strdup_printf ("Pain before treatment %g/10, from %g/10 at the start",
                                      g_array_index (visits->pains, double, 4),
                                      g_array_index (visits->pains, double, 0));
      if (!glide_store_set_goal_status (demo->store, status, error))
        return FALSE;
    }

  /* The tenth visit: the progress so far, reported. */
  if (n >= 10 && g_array_index (visits->is_signed, gboolean, 9))
    {
      g_autoptr(GlideProgressReport) report = glide_progress_report_new (course->id);
      const char *tenth = g_ptr_array_index (visits->times, 9);

      report->date = g_strndup (tenth, 10);
      report->period_start = g_strdup (course->start_date);
      report->period_end = g_strdup (report->date);
      report->visits = 10;
      g_free (report->assessment);
      report->assessment = g_strdup_printf ("Pain before treatment %g/10 at the first visit, "
                                            "%g/10 at the tenth. Tolerates treatment well; "
                                            "doing the home program.",
                                            g_array_index (visits->pains, double, 0),
                                            g_array_index (visits->pains, double, 9));
      g_free (report->plan);
      report->plan = g_strdup ("Continue twice weekly; progress loading of the exercises.");
      {
        g_autofree char *month_later = minutes_after (tenth, 30 * 24 * 60);

        report->next_due = g_strndup (month_later, 10);
      }
      report->signed_by = therapist;
      report->signed_at = minutes_after (tenth, 70);
      if (!glide_store_add_progress_report (demo->store, report, error))
        return FALSE;
    }

  if (finished)
    {
      g_autoptr(GlideDischarge) discharge = glide_discharge_new (course->id);
      g_autoptr(GPtrArray) statuses =
        g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_status_entry_free);
      const char *last = g_ptr_array_index (visits->times, n - 1);
      g_autofree char *at = minutes_after (last, 75);
      g_autofree char *end = g_strndup (last, 10);
      GlideGoal *goals[2] = { pain, rom };
      guint n_met = 0;

      for (guint i = 0; i < G_N_ELEMENTS (goals) && goals[i] != NULL; i++)
        {
          GlideGoalProposal proposal;
          GlideGoalStatusEntry *entry;
          double values[2];
          const MeasurePlan *measured = i == 0 ? NULL : &sc->rom[0];

          values[0] = measured ? measured->first : g_array_index (pre_pains, double, 0);
          values[1] = measured ? measured->last
                               : g_array_index (pre_pains, double, pre_pains->len - 1);
          glide_rules_propose_goal_status (goals[i]->measure, goals[i]->target, values, 2, TRUE,
                                           end, end, &proposal);
          /* At discharge a goal is met, partly met or not met. */
          if (proposal.status == GLIDE_GOAL_PROGRESSING || proposal.status == GLIDE_GOAL_NOT_STARTED)
            proposal.status = proposal.fraction >= GLIDE_GOAL_PARTLY_MET_FRACTION ?
                              GLIDE_GOAL_PARTLY_MET : GLIDE_GOAL_NOT_MET;
          n_met += proposal.status == GLIDE_GOAL_MET;
          entry = glide_goal_status_entry_new (proposal.status, therapist, at);
          entry->goal_id = goals[i]->id;
          g_ptr_array_add (statuses, entry);
        }

      discharge->date = g_strdup (end);
      discharge->reason = sc->trend == TREND_IMPROVE && n_met > 0 ? GLIDE_DISCHARGE_GOALS_MET
                          : sc->trend == TREND_WORSE ? GLIDE_DISCHARGE_REFERRED
                          : GLIDE_DISCHARGE_PLATEAU;
      g_free (discharge->note);
      discharge->note = g_strdup (discharge->reason == GLIDE_DISCHARGE_GOALS_MET ?
                                  "Goals reached; continues the home program on their own." :
                                  discharge->reason == GLIDE_DISCHARGE_REFERRED ?
                                  "No improvement with treatment; referred back to the GP." :
                                  "Progress has levelled off; home program to continue, "
                                  "review if symptoms return.");
      discharge->by = therapist;
      discharge->at = g_strdup (at);
      if (!glide_store_discharge_course (demo->store, discharge, statuses, error))
        return FALSE;
    }
  return TRUE;
}

/* The exercise that follows the instrument work, by the first area
 * treated: what a clinic would give for each of the demo's conditions. */
static const struct
{
  GlideSite   site;
  const char *name;
  guint       sets, reps, hold_s;
  const char *load;
} demo_exercises[] = {
  { GLIDE_SITE_PLANTAR_FASCIA, "Calf stretch against the wall", 3, 0, 30, NULL },
  { GLIDE_SITE_LATERAL_EPICONDYLE, "Eccentric wrist extension", 3, 15, 0, "1 kg" },
  { GLIDE_SITE_ANTERIOR_DELTOID, "Wand-assisted shoulder flexion", 3, 10, 0, NULL },
  { GLIDE_SITE_ACHILLES, "Eccentric heel drops", 3, 15, 0, NULL },
  { GLIDE_SITE_QUADRICEPS, "Straight leg raise", 3, 12, 0, "1 kg ankle weight" },
  { GLIDE_SITE_IT_BAND, "Side-lying hip abduction", 3, 12, 0, NULL },
  { GLIDE_SITE_FIRST_DORSAL_COMPARTMENT, "Thumb tendon glides", 2, 10, 0, NULL },
  { GLIDE_SITE_THORACOLUMBAR_FASCIA, "Cat-camel", 2, 10, 0, NULL },
  { GLIDE_SITE_PROXIMAL_HAMSTRING, "Isometric hamstring bridge", 3, 0, 30, NULL },
  { GLIDE_SITE_UPPER_TRAPEZIUS, "Upper trapezius stretch", 3, 0, 30, NULL },
  { GLIDE_SITE_PATELLAR_TENDON, "Spanish squat hold", 5, 0, 45, "red band" },
  { GLIDE_SITE_CARPAL_TUNNEL, "Median nerve glides", 2, 10, 0, NULL },
  { GLIDE_SITE_CALF, "Calf raises", 3, 15, 0, NULL },
  { GLIDE_SITE_SUPRASPINATUS, "External rotation with band", 3, 12, 0, "yellow band" },
};

/* The visit's time: the tool's minutes are IASTM's (97140, with handling
 * of the tissue around them), the exercise after it 97110, and a few
 * untimed minutes; the exercise itself; at every visit after the first,
 * how the skin and tissue were since the last one. */
static void
add_visit_details (Demo           *demo,
                   const Scenario *sc,
                   GlideSession   *session,
                   guint           visit,
                   gboolean        marked_before)
{
  g_autoptr(GDateTime) begun = glide_datetime_parse (session->start, NULL);
  g_autoptr(GDateTime) ended = NULL;
  guint tool_s = 0, iastm, exercise;

  for (guint i = 0; i < session->treatments->len; i++)
    tool_s += ((GlideTreatment *) g_ptr_array_index (session->treatments, i))->duration_s;
  iastm = 6 + (tool_s + 59) / 60;
  exercise = 12 + g_rand_int_range (demo->rand, 0, 9);
  g_ptr_array_add (session->billing, glide_billed_time_new ("97110", exercise));
  g_ptr_array_add (session->billing, glide_billed_time_new ("97140", iastm));
  session->total_minutes = iastm + exercise + 5;
  ended = g_date_time_add_minutes (begun, session->total_minutes + 5);
  session->end = glide_datetime_format (ended);

  for (guint i = 0; i < G_N_ELEMENTS (demo_exercises); i++)
    if (demo_exercises[i].site == sc->areas[0].site)
      {
        GlideExercise *e = glide_exercise_new (demo_exercises[i].name);

        e->sets = demo_exercises[i].sets;
        e->reps = demo_exercises[i].reps;
        e->hold_s = demo_exercises[i].hold_s;
        e->load = g_strdup (demo_exercises[i].load);
        e->side = sc->areas[0].side == GLIDE_SIDE_MIDLINE ? GLIDE_SIDE_NONE : sc->areas[0].side;
        g_ptr_array_add (session->exercises, e);
        break;
      }

  if (visit > 0)
    {
      session->reaction = marked_before ? GLIDE_REACTION_MILD : GLIDE_REACTION_NONE;
      g_free (session->reaction_note);
      session->reaction_note = g_strdup (marked_before ? "Tender for a day where the petechiae "
                                                         "were; no bruising." : "");
    }
}

static gboolean
add_course (Demo           *demo,
            const Scenario *sc,
            gint64          patient_id,
            GError        **error)
{
  g_autoptr(GlideCourse) course = glide_course_new (sc->diagnosis);
  g_autoptr(GArray) days = plan_visit_days (sc);
  g_autofree char *start_date = NULL;
  GDate start = demo->today;
  int course_days = sc->weeks * 7;
  guint n_visits = 0;
  gint64 main_therapist = therapist_id (demo, sc->therapist);
  g_autoptr(GPtrArray) visit_times = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pains = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) signed_visits = g_array_new (FALSE, FALSE, sizeof (gboolean));

  g_date_subtract_days (&start, sc->started_weeks_ago * 7);
  start_date = glide_date_format (&start);

  /* Only visits up to yesterday have happened. */
  for (guint i = 0; i < days->len; i++)
    if (g_array_index (days, int, i) <= sc->started_weeks_ago * 7 - 1)
      n_visits = i + 1;

  course->patient_id = patient_id;
  course->icd10 = g_strdup (sc->icd10);
  course->start_date = g_strdup (start_date);
  g_free (course->goals);
  course->goals = g_strdup (sc->goals);
  glide_store_set_actor (demo->store, main_therapist);
  if (!glide_store_create_course (demo->store, course, error))
    return FALSE;
  demo->summary->courses++;

  if (!add_screening (demo, sc, patient_id, start_date, error))
    return FALSE;

  if (!add_consent (demo, course->id, main_therapist, &start, days, error))
    return FALSE;

  for (guint v = 0; v < n_visits; v++)
    {
      int day = g_array_index (days, int, v);
      double fraction = (double) day / course_days;
      gboolean exact = v == 0 || v == n_visits - 1;
      gboolean cover = sc->cover_therapist != NULL &&
                       (v == n_visits / 2 || (sc->cover_last_visit && v == n_visits - 1));
      gint64 therapist = cover ? therapist_id (demo, sc->cover_therapist) : main_therapist;
      g_autofree char *date = date_offset (&start, day);
      g_autofree char *start_time = g_strdup_printf ("%sT%02d:%02d", date,
                                                     8 + g_rand_int_range (demo->rand, 0, 9),
                                                     15 * g_rand_int_range (demo->rand, 0, 4));
      g_autoptr(GlideSession) session = glide_session_new (course->id, start_time, therapist);
      double pain = planned_value (demo, &(MeasurePlan) { GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                                                          sc->pain_first, sc->pain_last },
                                   fraction, exact, 0.75, 0.5);
      double relief = round_to (g_rand_double_range (demo->rand, 0.5, 2.0), 0.5);
      gboolean draft = sc->last_visit_draft && v == n_visits - 1;
      guint n_areas = 0;

      while (n_areas < G_N_ELEMENTS (sc->areas) && (int) sc->areas[n_areas].site >= 0)
        n_areas++;

      g_free (session->emollient);
      session->emollient = g_strdup (sc->emollient);
      g_free (session->home_program);
      session->home_program = g_strdup (sc->home_program);
      g_free (session->note);
      session->note = v == 0 ?
        g_strdup_printf ("%s Screened; no new red flags. Explained that mild soreness and "
                         "redness are normal.", sc->first_note) :
        pain > sc->pain_first ?
          g_strdup_printf ("Reports pain %g/10, higher than at the start. Reduced pressure.", pain) :
          g_strdup_printf ("Reports pain %g/10 before treatment. Doing the home exercises.", pain);
      session->contraindication_override = g_strdup (sc->override_reason);

      for (guint a = 0; a < n_areas; a++)
        {
          /* Every visit treats the first two areas; the others come and go. */
          gboolean petechiae = a == 0 && (v + 1 == (guint) sc->petechiae_visits[0] ||
                                          v + 1 == (guint) sc->petechiae_visits[1]);

          if (a >= 2 && g_rand_int_range (demo->rand, 0, 3) == 0)
            continue;
          g_ptr_array_add (session->treatments,
                           plan_treatment (demo, sc, &sc->areas[a], v + 1, petechiae));
        }

      add_measure (session, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE, pain);
      g_ptr_array_add (visit_times, g_strdup (start_time));
      g_array_append_val (pains, pain);
      g_array_append_val (signed_visits, (gboolean) { !draft });
      add_measure (session, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_POST,
                   MAX (0, pain - relief));
      for (guint r = 0; r < G_N_ELEMENTS (sc->rom); r++)
        {
          const MeasurePlan *plan = &sc->rom[r];
          double value;

          if ((int) plan->measure < 0)
            continue;
          value = planned_value (demo, plan, fraction, exact, 2.5, 1);
          add_measure (session, plan->measure, plan->side, GLIDE_TIMING_PRE, value);
          add_measure (session, plan->measure, plan->side, GLIDE_TIMING_POST,
                       clamp_measure (plan->measure,
                                      value + g_rand_int_range (demo->rand, 1, 6)));
        }
      /* Function scales are scored at the first visit, every third and the latest. */
      if ((int) sc->function.measure >= 0 && (v % 3 == 0 || v == n_visits - 1))
        add_measure (session, sc->function.measure, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE,
                     planned_value (demo, &sc->function, fraction, exact, 2, 1));

      add_visit_details (demo, sc, session, v,
                         v > 0 && (v == (guint) sc->petechiae_visits[0] ||
                                   v == (guint) sc->petechiae_visits[1]));
      glide_store_set_actor (demo->store, therapist);
      if (!glide_store_save_draft_session (demo->store, session, error))
        return FALSE;
      demo->summary->sessions++;

      if (draft)
        {
          demo->summary->drafts++;
          continue;
        }

      {
        g_autoptr(GDateTime) begun = glide_datetime_parse (start_time, NULL);
        g_autoptr(GDateTime) signed_time = g_date_time_add_minutes (begun, 35 + v % 20);
        g_autofree char *signed_at = glide_datetime_format (signed_time);

        if (!glide_store_sign_session (demo->store, session->id, therapist, signed_at, error))
          return FALSE;

        if (sc->addendum_visit == (int) v + 1)
          {
            g_autoptr(GDateTime) next_day = g_date_time_add_hours (begun, 24);
            g_autoptr(GlideAddendum) addendum = glide_addendum_new (therapist, NULL,
                                                                    sc->addendum_text);

            addendum->at = glide_datetime_format (next_day);
            if (!glide_store_add_addendum (demo->store, session->id, addendum, error))
              return FALSE;
            demo->summary->addenda++;
          }
      }
    }

  {
    Visits visits = { visit_times, pains, signed_visits };

    return add_care (demo, sc, course, main_therapist, &start, &visits, error);
  }
}

static gboolean
fill (Demo    *demo,
      GError **error)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();

  g_free (clinic->name);
  g_free (clinic->address);
  g_free (clinic->phone);
  clinic->name = g_strdup ("Riverside Physio & Movement");
  clinic->address = g_strdup ("12 Mill Lane, Leeds LS1 4AB");
  clinic->phone = g_strdup ("+44 113 496 0000");
  if (!glide_store_set_clinic (demo->store, clinic, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_therapists); i++)
    {
      g_autoptr(GlideTherapist) t = glide_therapist_new (demo_therapists[i].code,
                                                         demo_therapists[i].name,
                                                         demo_therapists[i].credentials);

      if (!glide_store_create_therapist (demo->store, t, error))
        return FALSE;
      g_hash_table_insert (demo->therapists, (gpointer) demo_therapists[i].code,
                           GSIZE_TO_POINTER (t->id));
      demo->summary->therapists++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_tools); i++)
    {
      g_autoptr(GlideInstrument) tool = glide_instrument_new (demo_tools[i].code,
                                                              demo_tools[i].name,
                                                              demo_tools[i].material);

      if (!glide_store_create_instrument (demo->store, tool, error))
        return FALSE;
      demo->tools[i] = tool->id;
    }

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      const Scenario *sc = &scenarios[i];
      g_autoptr(GlidePatient) patient = glide_patient_new (sc->chart, sc->family_name,
                                                           sc->given_name, sc->birth_date);

      glide_store_set_actor (demo->store, therapist_id (demo, sc->therapist));
      if (!glide_store_create_patient (demo->store, patient, error))
        return FALSE;
      demo->summary->patients++;

      if (i == 0 && !add_course (demo, &earlier_course, patient->id, error))
        return FALSE;
      if (!add_course (demo, sc, patient->id, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * glide_demo_fill:
 * @today: (nullable): the date the clinic is built around; %NULL for today
 *
 * Fills an empty database with the demo clinic in one transaction.
 * A database that holds anything already is refused.
 */
gboolean
glide_demo_fill (GlideStore        *store,
                 GDate             *today,
                 GlideDemoSummary  *summary,
                 GError           **error)
{
  Demo demo = { 0 };
  GlideDemoSummary local = { 0 };
  gint64 actor = glide_store_get_actor (store);
  gboolean ok;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);

  if (!glide_store_begin (store, error))
    return FALSE;

  {
    GError *local_error = NULL;
    gboolean empty = glide_store_is_empty (store, &local_error);

    if (local_error != NULL || !empty)
      {
        glide_store_rollback (store);
        if (local_error != NULL)
          g_propagate_error (error, local_error);
        else
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_EXISTS,
                       _("%s is not empty; the demo clinic goes only into an empty database"),
                       glide_store_get_path (store));
        return FALSE;
      }
  }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (20260901);
  demo.therapists = g_hash_table_new (g_str_hash, g_str_equal);
  demo.summary = summary ? summary : &local;
  memset (demo.summary, 0, sizeof *demo.summary);
  if (today != NULL)
    demo.today = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&demo.today, 1);
      g_date_set_dmy (&demo.today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  ok = fill (&demo, error);
  glide_store_set_actor (store, actor);

  g_rand_free (demo.rand);
  g_hash_table_unref (demo.therapists);

  if (!ok)
    {
      glide_store_rollback (store);
      return FALSE;
    }
  return glide_store_commit (store, error);
}
