/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-codes.c: the DOMAIN.md code lists with their labels and clinical
 * metadata (view, laterality, ranges, norms, MCID). Codes are never translated. */

#define G_LOG_DOMAIN "glide-codes"

#include "config.h"

#include "glide-codes.h"
#include "glide-i18n.h"

#include <math.h>
#include <string.h>

typedef struct
{
  const char *code;
  const char *label;
  const char *context;  /* the label's msgctxt, where another list has the same word */
} CodeEntry;

typedef struct
{
  const char      *noun;
  const CodeEntry *entries;
  guint            n_entries;
} CodeTable;

static const CodeEntry views[] = {
  { "front", N_("Front") },
  { "back", N_("Back") },
};

static const CodeEntry sides[] = {
  { "left", N_("left") },
  { "right", N_("right") },
  { "midline", N_("midline") },
};

typedef struct
{
  const char *code;
  const char *label;
  GlideView   view;
  gboolean    lateral;
  guint       choir_segment; /* index into the CHOIR segment names of the view */
} SiteInfo;

/* CHOIR segment names, in the order DOMAIN.md lists them; each has a left
 * (odd) and a right (even) code: front 101-136, back 201-238. */
enum
{
  CHOIR_F_CRANIUM, CHOIR_F_FACE, CHOIR_F_NECK, CHOIR_F_SHOULDER, CHOIR_F_CHEST,
  CHOIR_F_BICEP, CHOIR_F_ELBOW, CHOIR_F_FOREARM, CHOIR_F_ABDOMEN, CHOIR_F_WRIST,
  CHOIR_F_HIP, CHOIR_F_PUBIC, CHOIR_F_HAND, CHOIR_F_UPPER_LEG, CHOIR_F_KNEE,
  CHOIR_F_LOWER_LEG, CHOIR_F_ANKLE, CHOIR_F_FOOT,
};
enum
{
  CHOIR_B_CRANIUM, CHOIR_B_HEAD, CHOIR_B_NECK, CHOIR_B_SHOULDER, CHOIR_B_UPPER_BACK,
  CHOIR_B_BACK_OF_ARM, CHOIR_B_MIDDLE_BACK, CHOIR_B_ELBOW, CHOIR_B_FOREARM,
  CHOIR_B_LOWER_BACK, CHOIR_B_WRIST, CHOIR_B_HIP, CHOIR_B_BUTTOCKS, CHOIR_B_HAND,
  CHOIR_B_UPPER_LEG, CHOIR_B_KNEE, CHOIR_B_LOWER_LEG, CHOIR_B_ANKLE, CHOIR_B_FOOT_SOLE,
};

#define F GLIDE_VIEW_FRONT
#define B GLIDE_VIEW_BACK

static const SiteInfo site_info[GLIDE_N_SITES] = {
  { "suboccipital", N_("Suboccipital muscles"), B, TRUE, CHOIR_B_HEAD },
  { "cervical-paraspinals", N_("Cervical paraspinals"), B, TRUE, CHOIR_B_NECK },
  { "upper-trapezius", N_("Upper trapezius"), B, TRUE, CHOIR_B_SHOULDER },
  { "levator-scapulae", N_("Levator scapulae"), B, TRUE, CHOIR_B_NECK },
  { "rhomboids", N_("Rhomboids / interscapular"), B, TRUE, CHOIR_B_UPPER_BACK },
  { "thoracic-paraspinals", N_("Thoracic paraspinals"), B, TRUE, CHOIR_B_MIDDLE_BACK },
  { "lumbar-paraspinals", N_("Lumbar paraspinals"), B, TRUE, CHOIR_B_LOWER_BACK },
  { "quadratus-lumborum", N_("Quadratus lumborum"), B, TRUE, CHOIR_B_LOWER_BACK },
  { "thoracolumbar-fascia", N_("Thoracolumbar fascia"), B, FALSE, CHOIR_B_LOWER_BACK },
  { "pectorals", N_("Pectorals"), F, TRUE, CHOIR_F_CHEST },
  { "gluteals", N_("Gluteals"), B, TRUE, CHOIR_B_BUTTOCKS },
  { "piriformis", N_("Piriformis / deep hip rotators"), B, TRUE, CHOIR_B_BUTTOCKS },
  { "anterior-deltoid", N_("Anterior shoulder / deltoid"), F, TRUE, CHOIR_F_SHOULDER },
  { "supraspinatus", N_("Supraspinatus"), B, TRUE, CHOIR_B_SHOULDER },
  { "posterior-cuff", N_("Posterior rotator cuff"), B, TRUE, CHOIR_B_UPPER_BACK },
  { "biceps", N_("Biceps"), F, TRUE, CHOIR_F_BICEP },
  { "triceps", N_("Triceps"), B, TRUE, CHOIR_B_BACK_OF_ARM },
  { "lateral-epicondyle", N_("Lateral epicondyle / common extensor origin"), B, TRUE, CHOIR_B_ELBOW },
  { "medial-epicondyle", N_("Medial epicondyle / common flexor origin"), F, TRUE, CHOIR_F_ELBOW },
  { "forearm-extensors", N_("Forearm extensors"), B, TRUE, CHOIR_B_FOREARM },
  { "forearm-flexors", N_("Forearm flexors"), F, TRUE, CHOIR_F_FOREARM },
  { "carpal-tunnel", N_("Volar wrist / carpal tunnel"), F, TRUE, CHOIR_F_WRIST },
  { "first-dorsal-compartment", N_("Dorsoradial wrist / first dorsal compartment"), B, TRUE, CHOIR_B_WRIST },
  { "palm", N_("Palm / palmar fascia"), F, TRUE, CHOIR_F_HAND },
  { "hip-flexors", N_("Hip flexors / TFL"), F, TRUE, CHOIR_F_HIP },
  { "lateral-hip", N_("Lateral hip / gluteus medius"), B, TRUE, CHOIR_B_HIP },
  { "adductors", N_("Adductors"), F, TRUE, CHOIR_F_UPPER_LEG },
  { "quadriceps", N_("Quadriceps"), F, TRUE, CHOIR_F_UPPER_LEG },
  { "it-band", N_("Iliotibial band"), F, TRUE, CHOIR_F_UPPER_LEG },
  { "proximal-hamstring", N_("Proximal hamstring"), B, TRUE, CHOIR_B_UPPER_LEG },
  { "hamstrings", N_("Hamstrings"), B, TRUE, CHOIR_B_UPPER_LEG },
  { "patellar-tendon", N_("Patellar tendon"), F, TRUE, CHOIR_F_KNEE },
  { "anterior-knee", N_("Peripatellar / anterior knee"), F, TRUE, CHOIR_F_KNEE },
  { "popliteal-fossa", N_("Popliteal fossa"), B, TRUE, CHOIR_B_KNEE },
  { "tibialis-anterior", N_("Tibialis anterior / shin"), F, TRUE, CHOIR_F_LOWER_LEG },
  { "calf", N_("Calf (gastrocnemius / soleus)"), B, TRUE, CHOIR_B_LOWER_LEG },
  { "achilles", N_("Achilles tendon"), B, TRUE, CHOIR_B_ANKLE },
  { "peroneals", N_("Peroneals / lateral lower leg"), F, TRUE, CHOIR_F_LOWER_LEG },
  { "lateral-ankle", N_("Lateral ankle ligaments"), F, TRUE, CHOIR_F_ANKLE },
  { "plantar-fascia", N_("Plantar fascia (sole)"), B, TRUE, CHOIR_B_FOOT_SOLE },
};

#undef F
#undef B

/* Each area in the patient's words, for the middle of a sentence ("Your
 * treatment focused on the sole of your left foot"): left, then right; the
 * midline area has one phrase. */
static const struct
{
  const char *left;
  const char *right;
} site_phrases[GLIDE_N_SITES] = {
  { N_("the left side of the base of your skull"), N_("the right side of the base of your skull") },
  { N_("the left side of your neck"), N_("the right side of your neck") },
  { N_("the top of your left shoulder"), N_("the top of your right shoulder") },
  { N_("the muscle from your neck to your left shoulder blade"), N_("the muscle from your neck to your right shoulder blade") },
  { N_("the area between your spine and your left shoulder blade"), N_("the area between your spine and your right shoulder blade") },
  { N_("the left side of your mid back"), N_("the right side of your mid back") },
  { N_("the left side of your lower back"), N_("the right side of your lower back") },
  { N_("your lower back above your left hip"), N_("your lower back above your right hip") },
  { N_("the middle of your lower back"), NULL },
  { N_("the left side of your chest"), N_("the right side of your chest") },
  { N_("your left buttock"), N_("your right buttock") },
  { N_("deep in your left buttock"), N_("deep in your right buttock") },
  { N_("the front of your left shoulder"), N_("the front of your right shoulder") },
  { N_("the top of your left shoulder blade"), N_("the top of your right shoulder blade") },
  { N_("the back of your left shoulder"), N_("the back of your right shoulder") },
  { N_("the front of your left upper arm"), N_("the front of your right upper arm") },
  { N_("the back of your left upper arm"), N_("the back of your right upper arm") },
  { N_("the outside of your left elbow"), N_("the outside of your right elbow") },
  { N_("the inside of your left elbow"), N_("the inside of your right elbow") },
  { N_("the back of your left forearm"), N_("the back of your right forearm") },
  { N_("the palm side of your left forearm"), N_("the palm side of your right forearm") },
  { N_("the palm side of your left wrist"), N_("the palm side of your right wrist") },
  { N_("the thumb side of your left wrist"), N_("the thumb side of your right wrist") },
  { N_("your left palm"), N_("your right palm") },
  { N_("the front of your left hip"), N_("the front of your right hip") },
  { N_("the outside of your left hip"), N_("the outside of your right hip") },
  { N_("your left inner thigh"), N_("your right inner thigh") },
  { N_("the front of your left thigh"), N_("the front of your right thigh") },
  { N_("the outside of your left thigh"), N_("the outside of your right thigh") },
  { N_("the top of the back of your left thigh"), N_("the top of the back of your right thigh") },
  { N_("the back of your left thigh"), N_("the back of your right thigh") },
  { N_("the area just below your left kneecap"), N_("the area just below your right kneecap") },
  { N_("the area around your left kneecap"), N_("the area around your right kneecap") },
  { N_("the back of your left knee"), N_("the back of your right knee") },
  { N_("your left shin"), N_("your right shin") },
  { N_("your left calf"), N_("your right calf") },
  { N_("your left Achilles tendon"), N_("your right Achilles tendon") },
  { N_("the outside of your left lower leg"), N_("the outside of your right lower leg") },
  { N_("the outside of your left ankle"), N_("the outside of your right ankle") },
  { N_("the sole of your left foot"), N_("the sole of your right foot") },
};

static const CodeEntry strokes[] = {
  { "sustained", N_("Sustained") },
  { "oscillating", N_("Oscillating") },
};

static const CodeEntry edges[] = {
  { "concave", N_("Concave") },
  { "convex", N_("Convex") },
  { "beveled", N_("Beveled") },
};

static const CodeEntry techniques[] = {
  { "scanning", N_("Scanning") },
  { "sweeping", N_("Sweeping") },
  { "fanning", N_("Fanning") },
  { "j-stroke", N_("J-stroke") },
  { "strumming", N_("Strumming") },
  { "scooping", N_("Scooping") },
  { "brushing", N_("Brushing") },
};

static const CodeEntry pressures[] = {
  { "light", N_("Light") },
  /* Pressure and redness both have "Moderate"; languages agree it with different nouns. */
  { "moderate", NC_("pressure", "Moderate"), "pressure" },
  { "deep", N_("Deep") },
};

static const CodeEntry rednesses[] = {
  { "none", N_("None") },
  { "mild", N_("Mild") },
  { "moderate", N_("Moderate") },
  { "marked", N_("Marked") },
  { "not-assessable", N_("Not assessable") },
};

static const CodeEntry materials[] = {
  { "stainless-steel", N_("Stainless steel") },
  { "plastic", N_("Plastic") },
  { "stone", N_("Stone") },
  { "jade", N_("Jade") },
  { "other", N_("Other") },
};

static const CodeEntry timings[] = {
  { "pre", N_("Before treatment") },
  { "post", N_("After treatment") },
};

static const CodeEntry papers[] = {
  { "a4", N_("A4") },
  { "letter", N_("US Letter") },
};

static const CodeEntry goal_statuses[] = {
  { "not-started", N_("Not started") },
  { "progressing", N_("Progressing") },
  { "met", N_("Met") },
  { "partly-met", N_("Partly met") },
  { "not-met", N_("Not met") },
  { "revised", N_("Revised") },
};

static const CodeEntry discharge_reasons[] = {
  { "goals-met", N_("Goals met") },
  { "plateau", N_("Plateau") },
  { "patient-choice", N_("Patient's choice") },
  { "referred", N_("Referred elsewhere") },
  { "other", N_("Other") },
};

static const CodeEntry reactions[] = {
  { "none", NC_("reaction", "None"), "reaction" },
  { "mild", N_("Mild") },
  { "marked", N_("Marked") },
};

static const CodeEntry interventions[] = {
  { "iastm", N_("Instrument-assisted soft tissue mobilization") },
  { "therapeutic-exercise", N_("Therapeutic exercise") },
  { "neuromuscular-reeducation", N_("Neuromuscular re-education") },
  { "therapeutic-activities", N_("Therapeutic activities") },
  { "manual-therapy", N_("Manual therapy") },
  { "education", N_("Patient education") },
  { "home-program", N_("Home exercise program") },
};

static const CodeEntry units_methods[] = {
  { "cms-8-minute", N_("CMS 8-minute rule (the visit's timed minutes together)") },
  { "rule-of-eights", N_("Rule of eights (each code on its own)") },
};

/* CPT descriptors, abridged; the clinic may add codes of its own. */
static const GlideBillingCode billing_codes[] = {
  { "97140", N_("Manual therapy (IASTM)"), TRUE },
  { "97110", N_("Therapeutic exercise"), TRUE },
  { "97112", N_("Neuromuscular re-education"), TRUE },
  { "97530", N_("Therapeutic activities"), TRUE },
};

typedef struct
{
  const char       *code;
  const char       *label;
  GlideMeasureKind  kind;
  GlideLaterality   laterality;
  double            min;
  double            max;
  double            step;       /* 0: any value in range */
  GlideBetter       better;
  double            norm;       /* NAN: no norm */
  const char       *norm_source;
  double            mcid;       /* NAN: none defined */
} MeasureInfo;

#define ROM(code, label, lat, norm, source) \
  { code, label, GLIDE_MEASURE_KIND_ROM, lat, -60, 200, 0, GLIDE_BETTER_HIGHER, norm, source, NAN }
#define LR GLIDE_LATERALITY_LEFT_RIGHT
#define MID GLIDE_LATERALITY_MIDLINE

static const MeasureInfo measure_info[GLIDE_N_MEASURES] = {
  { "pain", N_("Pain"), GLIDE_MEASURE_KIND_PAIN, GLIDE_LATERALITY_NONE, 0, 10, 0.5,
    GLIDE_BETTER_LOWER, NAN, NULL, 2 },
  ROM ("shoulder-flexion", N_("Shoulder flexion"), LR, 180, "AAOS"),
  ROM ("shoulder-extension", N_("Shoulder extension"), LR, 60, "AAOS"),
  ROM ("shoulder-abduction", N_("Shoulder abduction"), LR, 180, "AAOS"),
  ROM ("shoulder-internal-rotation", N_("Shoulder internal rotation"), LR, 70, "AAOS"),
  ROM ("shoulder-external-rotation", N_("Shoulder external rotation"), LR, 90, "AAOS"),
  ROM ("elbow-flexion", N_("Elbow flexion"), LR, 150, "AAOS"),
  ROM ("elbow-extension", N_("Elbow extension"), LR, 0, "AAOS"),
  ROM ("forearm-pronation", N_("Forearm pronation"), LR, 80, "AAOS"),
  ROM ("forearm-supination", N_("Forearm supination"), LR, 80, "AAOS"),
  ROM ("wrist-flexion", N_("Wrist flexion"), LR, 80, "AAOS"),
  ROM ("wrist-extension", N_("Wrist extension"), LR, 70, "AAOS"),
  ROM ("wrist-radial-deviation", N_("Wrist radial deviation"), LR, 20, "AAOS"),
  ROM ("wrist-ulnar-deviation", N_("Wrist ulnar deviation"), LR, 30, "AAOS"),
  ROM ("hip-flexion", N_("Hip flexion"), LR, 125, "ROM rating norms"),
  ROM ("hip-extension", N_("Hip extension"), LR, 30, "ROM rating norms"),
  ROM ("hip-abduction", N_("Hip abduction"), LR, 45, "ROM rating norms"),
  ROM ("hip-adduction", N_("Hip adduction"), LR, 25, "ROM rating norms"),
  ROM ("hip-internal-rotation", N_("Hip internal rotation"), LR, 40, "ROM rating norms"),
  ROM ("hip-external-rotation", N_("Hip external rotation"), LR, 60, "ROM rating norms"),
  ROM ("knee-flexion", N_("Knee flexion"), LR, 140, "AAOS: 141 ± 5°"),
  ROM ("knee-extension", N_("Knee extension"), LR, 0, "AAOS"),
  ROM ("ankle-dorsiflexion", N_("Ankle dorsiflexion"), LR, 20, "ROM rating norms"),
  ROM ("ankle-plantarflexion", N_("Ankle plantarflexion"), LR, 45, "ROM rating norms"),
  ROM ("ankle-inversion", N_("Ankle inversion"), LR, 35, "Merck manual"),
  ROM ("ankle-eversion", N_("Ankle eversion"), LR, 25, "Merck manual"),
  ROM ("cervical-flexion", N_("Cervical flexion"), MID, 50, "WA DSHS ROM chart"),
  ROM ("cervical-extension", N_("Cervical extension"), MID, 60, "WA DSHS ROM chart"),
  ROM ("cervical-lateral-flexion", N_("Cervical lateral flexion"), LR, 45, "WA DSHS ROM chart"),
  ROM ("cervical-rotation", N_("Cervical rotation"), LR, 80, "WA DSHS ROM chart"),
  ROM ("lumbar-flexion", N_("Lumbar flexion"), MID, 90, "WA DSHS ROM chart"),
  ROM ("lumbar-extension", N_("Lumbar extension"), MID, 25, "WA DSHS ROM chart"),
  ROM ("lumbar-lateral-flexion", N_("Lumbar lateral flexion"), LR, 25, "WA DSHS ROM chart"),
  { "lefs", N_("Lower Extremity Functional Scale (LEFS)"), GLIDE_MEASURE_KIND_FUNCTION,
    GLIDE_LATERALITY_NONE, 0, 80, 0, GLIDE_BETTER_HIGHER, NAN, NULL, 9 },
  { "quickdash", N_("QuickDASH"), GLIDE_MEASURE_KIND_FUNCTION,
    GLIDE_LATERALITY_NONE, 0, 100, 0, GLIDE_BETTER_LOWER, NAN, NULL, 11 },
  { "faam-adl", N_("FAAM activities of daily living"), GLIDE_MEASURE_KIND_FUNCTION,
    GLIDE_LATERALITY_NONE, 0, 100, 0, GLIDE_BETTER_HIGHER, NAN, NULL, 8 },
  { "odi", N_("Oswestry Disability Index (ODI)"), GLIDE_MEASURE_KIND_FUNCTION,
    GLIDE_LATERALITY_NONE, 0, 100, 0, GLIDE_BETTER_LOWER, NAN, NULL, 10 },
};

#undef ROM
#undef LR
#undef MID

/* How a patient would say each motion, per side (left, right, or the one
 * phrase of a midline motion), for the progress report's sentences. */
typedef struct
{
  const char *left;
  const char *right;
} MotionPhrase;

static const MotionPhrase motion_phrases[GLIDE_N_MEASURES] = {
  [GLIDE_MEASURE_SHOULDER_FLEXION] = { N_("Raising your left arm forward"), N_("Raising your right arm forward") },
  [GLIDE_MEASURE_SHOULDER_EXTENSION] = { N_("Moving your left arm backward"), N_("Moving your right arm backward") },
  [GLIDE_MEASURE_SHOULDER_ABDUCTION] = { N_("Raising your left arm out to the side"), N_("Raising your right arm out to the side") },
  [GLIDE_MEASURE_SHOULDER_INTERNAL_ROTATION] = { N_("Turning your left arm inward"), N_("Turning your right arm inward") },
  [GLIDE_MEASURE_SHOULDER_EXTERNAL_ROTATION] = { N_("Turning your left arm outward"), N_("Turning your right arm outward") },
  [GLIDE_MEASURE_ELBOW_FLEXION] = { N_("Bending your left elbow"), N_("Bending your right elbow") },
  [GLIDE_MEASURE_ELBOW_EXTENSION] = { N_("Straightening your left elbow"), N_("Straightening your right elbow") },
  [GLIDE_MEASURE_FOREARM_PRONATION] = { N_("Turning your left palm down"), N_("Turning your right palm down") },
  [GLIDE_MEASURE_FOREARM_SUPINATION] = { N_("Turning your left palm up"), N_("Turning your right palm up") },
  [GLIDE_MEASURE_WRIST_FLEXION] = { N_("Bending your left wrist down"), N_("Bending your right wrist down") },
  [GLIDE_MEASURE_WRIST_EXTENSION] = { N_("Bending your left wrist up"), N_("Bending your right wrist up") },
  [GLIDE_MEASURE_WRIST_RADIAL_DEVIATION] = { N_("Tilting your left wrist toward the thumb"), N_("Tilting your right wrist toward the thumb") },
  [GLIDE_MEASURE_WRIST_ULNAR_DEVIATION] = { N_("Tilting your left wrist toward the little finger"), N_("Tilting your right wrist toward the little finger") },
  [GLIDE_MEASURE_HIP_FLEXION] = { N_("Bending your left hip"), N_("Bending your right hip") },
  [GLIDE_MEASURE_HIP_EXTENSION] = { N_("Moving your left leg backward"), N_("Moving your right leg backward") },
  [GLIDE_MEASURE_HIP_ABDUCTION] = { N_("Moving your left leg out to the side"), N_("Moving your right leg out to the side") },
  [GLIDE_MEASURE_HIP_ADDUCTION] = { N_("Moving your left leg across your body"), N_("Moving your right leg across your body") },
  [GLIDE_MEASURE_HIP_INTERNAL_ROTATION] = { N_("Turning your left hip inward"), N_("Turning your right hip inward") },
  [GLIDE_MEASURE_HIP_EXTERNAL_ROTATION] = { N_("Turning your left hip outward"), N_("Turning your right hip outward") },
  [GLIDE_MEASURE_KNEE_FLEXION] = { N_("Bending your left knee"), N_("Bending your right knee") },
  [GLIDE_MEASURE_KNEE_EXTENSION] = { N_("Straightening your left knee"), N_("Straightening your right knee") },
  [GLIDE_MEASURE_ANKLE_DORSIFLEXION] = { N_("Pulling your left foot up"), N_("Pulling your right foot up") },
  [GLIDE_MEASURE_ANKLE_PLANTARFLEXION] = { N_("Pointing your left foot down"), N_("Pointing your right foot down") },
  [GLIDE_MEASURE_ANKLE_INVERSION] = { N_("Turning your left foot inward"), N_("Turning your right foot inward") },
  [GLIDE_MEASURE_ANKLE_EVERSION] = { N_("Turning your left foot outward"), N_("Turning your right foot outward") },
  [GLIDE_MEASURE_CERVICAL_FLEXION] = { N_("Bending your neck forward"), NULL },
  [GLIDE_MEASURE_CERVICAL_EXTENSION] = { N_("Bending your neck back"), NULL },
  [GLIDE_MEASURE_CERVICAL_LATERAL_FLEXION] = { N_("Tilting your head to the left"), N_("Tilting your head to the right") },
  [GLIDE_MEASURE_CERVICAL_ROTATION] = { N_("Turning your head to the left"), N_("Turning your head to the right") },
  [GLIDE_MEASURE_LUMBAR_FLEXION] = { N_("Bending your back forward"), NULL },
  [GLIDE_MEASURE_LUMBAR_EXTENSION] = { N_("Bending your back backward"), NULL },
  [GLIDE_MEASURE_LUMBAR_LATERAL_FLEXION] = { N_("Bending your back to the left"), N_("Bending your back to the right") },
  [GLIDE_MEASURE_PAIN] = { N_("Your pain"), NULL },
  [GLIDE_MEASURE_LEFS] = { N_("Your leg function score (LEFS)"), NULL },
  [GLIDE_MEASURE_QUICKDASH] = { N_("Your arm and hand problem score (QuickDASH)"), NULL },
  [GLIDE_MEASURE_FAAM_ADL] = { N_("Your foot and ankle function score (FAAM)"), NULL },
  [GLIDE_MEASURE_ODI] = { N_("Your back problem score (Oswestry)"), NULL },
};

typedef struct
{
  const char         *code;
  const char         *label;
  GlideConditionKind  kind;
} ConditionInfo;

#define P GLIDE_CONDITION_KIND_PRECAUTION
#define C GLIDE_CONDITION_KIND_CONTRAINDICATION

static const ConditionInfo condition_info[] = {
  { "lymphedema", N_("Lymphedema"), P },
  { "osteoporosis", N_("Osteoporosis"), P },
  { "varicose-veins", N_("Varicose veins"), P },
  { "anticoagulants", N_("Anticoagulants (blood thinners)"), P },
  { "kidney-dysfunction", N_("Kidney dysfunction"), P },
  { "diabetes", N_("Diabetes"), P },
  { "neuropathy", N_("Neuropathy or altered sensation"), P },
  { "circulatory-disorder", N_("Congestive heart disease or circulatory disorder"), P },
  { "acute-inflammation", N_("Acute inflammation"), P },
  { "cancer", N_("Cancer"), P },
  { "recent-injection", N_("Recent injection"), P },
  { "acute-injury-or-fracture", N_("Acute injury or fracture"), C },
  { "advanced-osteoporosis", N_("Advanced osteoporosis"), C },
  { "connective-tissue-disorder", N_("Connective tissue disorder (Marfan's and others)"), C },
  { "high-risk-pregnancy", N_("High-risk pregnancy"), C },
  { "unhealed-surgical-site", N_("Unhealed surgical site"), C },
  { "peripheral-vascular-disease", N_("Peripheral vascular disease"), C },
  { "unstable-epilepsy", N_("Unstable epilepsy"), C },
  { "open-wound-or-skin-infection", N_("Open wound or skin infection"), C },
  { "thrombophlebitis", N_("Thrombophlebitis"), C },
};

#undef P
#undef C

/* The site, measure and condition tables carry more than a code and a label;
 * their first two members have the layout of CodeEntry, which the generic
 * functions read through a stride (a CodeEntry's context only in the
 * simple tables). */
typedef struct
{
  const char *noun;
  const void *base;
  gsize       stride;
  guint       n;
  gboolean    simple;
} TableRef;

static TableRef
table_for (GlideCodeList list)
{
#define SIMPLE(noun, array) (TableRef) { noun, array, sizeof (CodeEntry), G_N_ELEMENTS (array), TRUE }
#define RICH(noun, array) (TableRef) { noun, array, sizeof (array[0]), G_N_ELEMENTS (array), FALSE }
  switch (list)
    {
    case GLIDE_CODE_LIST_VIEW: return SIMPLE ("view", views);
    case GLIDE_CODE_LIST_SIDE: return SIMPLE ("side", sides);
    case GLIDE_CODE_LIST_SITE: return RICH ("site", site_info);
    case GLIDE_CODE_LIST_STROKE: return SIMPLE ("stroke", strokes);
    case GLIDE_CODE_LIST_EDGE: return SIMPLE ("edge", edges);
    case GLIDE_CODE_LIST_TECHNIQUE: return SIMPLE ("technique", techniques);
    case GLIDE_CODE_LIST_PRESSURE: return SIMPLE ("pressure", pressures);
    case GLIDE_CODE_LIST_REDNESS: return SIMPLE ("redness", rednesses);
    case GLIDE_CODE_LIST_MATERIAL: return SIMPLE ("material", materials);
    case GLIDE_CODE_LIST_TIMING: return SIMPLE ("timing", timings);
    case GLIDE_CODE_LIST_MEASURE: return RICH ("measure", measure_info);
    case GLIDE_CODE_LIST_CONDITION: return RICH ("condition", condition_info);
    case GLIDE_CODE_LIST_PAPER: return SIMPLE ("paper size", papers);
    case GLIDE_CODE_LIST_GOAL_STATUS: return SIMPLE ("goal status", goal_statuses);
    case GLIDE_CODE_LIST_DISCHARGE_REASON: return SIMPLE ("discharge reason", discharge_reasons);
    case GLIDE_CODE_LIST_REACTION: return SIMPLE ("reaction", reactions);
    case GLIDE_CODE_LIST_INTERVENTION: return SIMPLE ("intervention", interventions);
    case GLIDE_CODE_LIST_UNITS_METHOD: return SIMPLE ("units method", units_methods);
    case GLIDE_N_CODE_LISTS:
    default:
      g_return_val_if_reached (SIMPLE ("code", views));
    }
#undef SIMPLE
#undef RICH
}

static const CodeEntry *
table_entry (TableRef table,
             guint    index)
{
  return (const CodeEntry *) (const void *) ((const char *) table.base + index * table.stride);
}

G_DEFINE_QUARK (glide-code-error-quark, glide_code_error)

guint
glide_code_list_size (GlideCodeList list)
{
  return table_for (list).n;
}

/* The noun used in messages: "stroke", "site". */
const char *
glide_code_list_noun (GlideCodeList list)
{
  return table_for (list).noun;
}

const char *
glide_code_list_code (GlideCodeList list,
                      int           value)
{
  TableRef table = table_for (list);

  g_return_val_if_fail (value >= 0 && (guint) value < table.n, NULL);

  return table_entry (table, value)->code;
}

const char *
glide_code_list_label (GlideCodeList list,
                       int           value)
{
  TableRef table = table_for (list);
  const CodeEntry *entry;

  g_return_val_if_fail (value >= 0 && (guint) value < table.n, NULL);

  entry = table_entry (table, value);
  if (table.simple && entry->context != NULL)
    return glide_pgettext (entry->context, entry->label);
  return glide_gettext (entry->label);
}

/* Each list's codes to their index + 1, made at the first lookup (an
 * import looks up several codes for every treated area, and the sites are
 * 79). Never freed: as long-lived as the tables. */
static GHashTable *
index_for (GlideCodeList list)
{
  static GHashTable *indexes[GLIDE_N_CODE_LISTS];

  if (g_once_init_enter (&indexes[list]))
    {
      TableRef table = table_for (list);
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

      /* The first of a code, as the search one by one found (codes are
       * unique: test-rules). */
      for (guint i = 0; i < table.n; i++)
        if (!g_hash_table_contains (index, table_entry (table, i)->code))
          g_hash_table_insert (index, (gpointer) table_entry (table, i)->code,
                               GUINT_TO_POINTER (i + 1));
      g_once_init_leave (&indexes[list], index);
    }
  return indexes[list];
}

gboolean
glide_code_list_lookup (GlideCodeList  list,
                        const char    *code,
                        int           *value)
{
  guint found;

  if (code == NULL)
    return FALSE;
  found = GPOINTER_TO_UINT (g_hash_table_lookup (index_for (list), code));
  if (found == 0)
    return FALSE;
  if (value != NULL)
    *value = (int) found - 1;
  return TRUE;
}

/* Like lookup, with a message naming the allowed codes when the list is short. */
gboolean
glide_code_list_parse (GlideCodeList   list,
                       const char     *code,
                       int            *value,
                       GError        **error)
{
  g_autofree char *allowed = NULL;

  if (glide_code_list_lookup (list, code, value))
    return TRUE;

  if (glide_code_list_size (list) <= 8)
    {
      allowed = glide_code_list_join (list, ", ", FALSE);
      g_set_error (error, GLIDE_CODE_ERROR, GLIDE_CODE_ERROR_UNKNOWN,
                   _("\"%s\" is not a valid %s code (one of %s)"),
                   code, glide_code_list_noun (list), allowed);
    }
  else
    {
      g_set_error (error, GLIDE_CODE_ERROR, GLIDE_CODE_ERROR_UNKNOWN,
                   _("\"%s\" is not a known %s code"),
                   code, glide_code_list_noun (list));
    }

  return FALSE;
}

/* All codes of a list joined; quoted gives SQL string literals ('a', 'b'),
 * used to build CHECK constraints from this table. Codes never contain quotes. */
char *
glide_code_list_join (GlideCodeList  list,
                      const char    *separator,
                      gboolean       quoted)
{
  TableRef table = table_for (list);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < table.n; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      if (quoted)
        g_string_append_printf (s, "'%s'", table_entry (table, i)->code);
      else
        g_string_append (s, table_entry (table, i)->code);
    }

  return g_string_free (s, FALSE);
}

GlideView
glide_site_get_view (GlideSite site)
{
  g_return_val_if_fail ((guint) site < GLIDE_N_SITES, GLIDE_VIEW_FRONT);
  return site_info[site].view;
}

gboolean
glide_site_is_lateral (GlideSite site)
{
  g_return_val_if_fail ((guint) site < GLIDE_N_SITES, FALSE);
  return site_info[site].lateral;
}

gboolean
glide_site_allows_side (GlideSite site,
                        GlideSide side)
{
  if (glide_site_is_lateral (site))
    return side == GLIDE_SIDE_LEFT || side == GLIDE_SIDE_RIGHT;
  return side == GLIDE_SIDE_MIDLINE;
}

/* The CHOIR body map segment(s) nearest to an area: one for a lateral area,
 * both sides' segments for the midline one. Returns how many were written. */
guint
glide_site_get_choir_segments (GlideSite site,
                               GlideSide side,
                               guint     segments[2])
{
  guint base;

  g_return_val_if_fail ((guint) site < GLIDE_N_SITES, 0);
  g_return_val_if_fail (glide_site_allows_side (site, side), 0);

  base = (site_info[site].view == GLIDE_VIEW_FRONT ? 101 : 201)
         + 2 * site_info[site].choir_segment;

  switch (side)
    {
    case GLIDE_SIDE_LEFT:
      segments[0] = base;
      return 1;
    case GLIDE_SIDE_RIGHT:
      segments[0] = base + 1;
      return 1;
    case GLIDE_SIDE_MIDLINE:
      segments[0] = base;
      segments[1] = base + 1;
      return 2;
    case GLIDE_SIDE_NONE:
    default:
      return 0;
    }
}

/**
 * glide_side_get_phrase:
 *
 * The side as it follows a name: "Quadriceps, left", "Knee flexion
 * (right)". A message of its own, since a language whose adjectives agree
 * with their noun cannot use the bare adjective after every name (Spanish
 * says "lado izquierdo" there), while the code list's label stays the word
 * that choices show and the area search matches.
 */
const char *
glide_side_get_phrase (GlideSide side)
{
  switch (side)
    {
    case GLIDE_SIDE_LEFT:
      /* Translators: the side after an area, a measure or an exercise:
       * "Quadriceps, left"; a phrase that fits after any noun */
      return glide_pgettext ("after a name", "left");
    case GLIDE_SIDE_RIGHT:
      /* Translators: see "left" in the same context */
      return glide_pgettext ("after a name", "right");
    case GLIDE_SIDE_MIDLINE:
      /* Translators: see "left" in the same context */
      return glide_pgettext ("after a name", "midline");
    case GLIDE_SIDE_NONE:
    default:
      return "";
    }
}

/* "Calf (gastrocnemius / soleus), left"; the midline area has no side. */
char *
glide_area_get_label (GlideSite site,
                      GlideSide side)
{
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_SITE, site);

  if (side == GLIDE_SIDE_MIDLINE || side == GLIDE_SIDE_NONE)
    return g_strdup (label);

  /* Translators: an area of the body map: the site, then the patient's side */
  return g_strdup_printf (_("%s, %s"), label, glide_side_get_phrase (side));
}

/**
 * glide_area_get_plain_label:
 *
 * The area in the patient's words, lower case for the middle of a
 * sentence: "the sole of your left foot", "your right calf".
 */
const char *
glide_area_get_plain_label (GlideSite site,
                            GlideSide side)
{
  g_return_val_if_fail ((guint) site < GLIDE_N_SITES, "");

  if (side == GLIDE_SIDE_RIGHT && site_phrases[site].right != NULL)
    return _(site_phrases[site].right);
  return _(site_phrases[site].left);
}

/* "calf--left", the id of the area's shape in the body map SVG. */
char *
glide_area_get_id (GlideSite site,
                   GlideSide side)
{
  return g_strdup_printf ("%s--%s",
                          glide_code_list_code (GLIDE_CODE_LIST_SITE, site),
                          glide_code_list_code (GLIDE_CODE_LIST_SIDE, side));
}

gboolean
glide_area_parse_id (const char *id,
                     GlideSite  *site,
                     GlideSide  *side)
{
  const char *sep;
  g_autofree char *site_code = NULL;
  int site_value, side_value;

  if (id == NULL || (sep = strstr (id, "--")) == NULL)
    return FALSE;

  site_code = g_strndup (id, sep - id);
  if (!glide_code_list_lookup (GLIDE_CODE_LIST_SITE, site_code, &site_value) ||
      !glide_code_list_lookup (GLIDE_CODE_LIST_SIDE, sep + 2, &side_value) ||
      !glide_site_allows_side (site_value, side_value))
    return FALSE;

  if (site != NULL)
    *site = site_value;
  if (side != NULL)
    *side = side_value;
  return TRUE;
}

#define MEASURE_GUARD(measure, val) \
  g_return_val_if_fail ((guint) (measure) < GLIDE_N_MEASURES, val)

GlideMeasureKind
glide_measure_get_kind (GlideMeasure measure)
{
  MEASURE_GUARD (measure, GLIDE_MEASURE_KIND_PAIN);
  return measure_info[measure].kind;
}

GlideLaterality
glide_measure_get_laterality (GlideMeasure measure)
{
  MEASURE_GUARD (measure, GLIDE_LATERALITY_NONE);
  return measure_info[measure].laterality;
}

GlideBetter
glide_measure_get_better (GlideMeasure measure)
{
  MEASURE_GUARD (measure, GLIDE_BETTER_HIGHER);
  return measure_info[measure].better;
}

double
glide_measure_get_min (GlideMeasure measure)
{
  MEASURE_GUARD (measure, 0);
  return measure_info[measure].min;
}

double
glide_measure_get_max (GlideMeasure measure)
{
  MEASURE_GUARD (measure, 0);
  return measure_info[measure].max;
}

/* The resolution values must keep (pain in steps of 0.5); 0 when any value goes. */
double
glide_measure_get_step (GlideMeasure measure)
{
  MEASURE_GUARD (measure, 0);
  return measure_info[measure].step;
}

gboolean
glide_measure_get_norm (GlideMeasure   measure,
                        double        *norm,
                        const char   **source)
{
  MEASURE_GUARD (measure, FALSE);

  if (isnan (measure_info[measure].norm))
    return FALSE;
  if (norm != NULL)
    *norm = measure_info[measure].norm;
  if (source != NULL)
    *source = measure_info[measure].norm_source;
  return TRUE;
}

/* Minimal clinically important difference in points; NAN for ROM, where the
 * minimal detectable change of the rules module applies instead. */
double
glide_measure_get_mcid (GlideMeasure measure)
{
  MEASURE_GUARD (measure, NAN);
  return measure_info[measure].mcid;
}

/**
 * glide_measure_get_plain_label:
 *
 * What the patient did, in everyday words and as the start of a sentence:
 * "Bending your right knee". Midline motions and scores have one phrase.
 */
const char *
glide_measure_get_plain_label (GlideMeasure measure,
                               GlideSide    side)
{
  const MotionPhrase *phrase;

  MEASURE_GUARD (measure, "");

  phrase = &motion_phrases[measure];
  if (side == GLIDE_SIDE_RIGHT && phrase->right != NULL)
    return _(phrase->right);
  return _(phrase->left);
}

const char *
glide_measure_get_unit (GlideMeasure measure)
{
  MEASURE_GUARD (measure, "");

  switch (measure_info[measure].kind)
    {
    case GLIDE_MEASURE_KIND_PAIN:
      return "/10";
    case GLIDE_MEASURE_KIND_ROM:
      return "°";
    case GLIDE_MEASURE_KIND_FUNCTION:
    default:
      return "";
    }
}

gboolean
glide_measure_allows_side (GlideMeasure measure,
                           GlideSide    side)
{
  switch (glide_measure_get_laterality (measure))
    {
    case GLIDE_LATERALITY_NONE:
      return side == GLIDE_SIDE_NONE;
    case GLIDE_LATERALITY_LEFT_RIGHT:
      return side == GLIDE_SIDE_LEFT || side == GLIDE_SIDE_RIGHT;
    case GLIDE_LATERALITY_MIDLINE:
      return side == GLIDE_SIDE_MIDLINE;
    default:
      return FALSE;
    }
}

GlideConditionKind
glide_condition_get_kind (GlideCondition condition)
{
  g_return_val_if_fail ((guint) condition < G_N_ELEMENTS (condition_info),
                        GLIDE_CONDITION_KIND_PRECAUTION);
  return condition_info[condition].kind;
}

/**
 * glide_billing_codes_get_defaults:
 * @n_codes: (out): the number of codes
 *
 * Returns: the billing codes a new clinic starts with, IASTM's first
 */
const GlideBillingCode *
glide_billing_codes_get_defaults (guint *n_codes)
{
  *n_codes = G_N_ELEMENTS (billing_codes);
  return billing_codes;
}

/* IASTM is billed as manual therapy: its minutes go to this code unless the
 * therapist hands them to another. */
const char *
glide_billing_code_iastm (void)
{
  return billing_codes[0].code;
}

/* A billing code is 1 to 8 letters and digits (CPT "97140", HCPCS "G0283", or
 * a clinic's own), upper case. */
gboolean
glide_billing_code_is_valid (const char *code)
{
  gsize n = 0;

  if (code == NULL)
    return FALSE;
  for (const char *c = code; *c != '\0'; c++, n++)
    if (!g_ascii_isdigit (*c) && !g_ascii_isupper (*c))
      return FALSE;
  return n >= 1 && n <= 8;
}

/* ---- codes for exchange (FHIR R4) ------------------------------------------- */

#define LOINC "http://loinc.org"
#define SNOMED "http://snomed.info/sct"
#define CPT "http://www.ama-assn.org/go/cpt"
#define ICD10 "http://hl7.org/fhir/sid/icd-10"
/* Sources, checked 2026-12-03. */
#define SRC_DOMAIN "DOMAIN.md (Codes for exchange, billing)"
#define SRC_PAIN "hl7-eu/eps examples (LOINC 72514-3 with this display, unit {score}); DOMAIN.md"
#define SRC_ROM "SNOMED CT browser link and HL7 examples (364564000 Range of joint movement, observable entity); DOMAIN.md"
#define SRC_LATERALITY "eHDSI Body Site Laterality value set 8.1.0 (hl7-eu/EHDSI-Terminology-package); HL7 laterality value set (FSH)"
#define SRC_EHDSI "eHDSI Body Site value set 8.1.0 (hl7-eu/EHDSI-Terminology-package, eHDSIBodySite.fsh, SNOMED CT International 2025-02-01)"

/* One row per mapping; a Glide code without a row stays text in a Glide
 * code system. Body sites have a row only where SNOMED CT has the site
 * itself (not a larger or a neighbouring structure); LOINC's ROM and
 * function-scale codes were not verified against the LOINC table, so none
 * is used (a wrong code is worse than none). */
static const GlideFhirCode fhir_codes[] = {
  { GLIDE_FHIR_KEY_PROCEDURE, 0, CPT, "97140", "Manual therapy techniques", SRC_DOMAIN },
  { GLIDE_FHIR_KEY_DIAGNOSIS, 0, ICD10, NULL, NULL, SRC_DOMAIN },
  { GLIDE_FHIR_KEY_MEASURE, GLIDE_MEASURE_PAIN, LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", SRC_PAIN },
  { GLIDE_FHIR_KEY_MEASURE_KIND, GLIDE_MEASURE_KIND_ROM, SNOMED, "364564000", "Range of joint movement", SRC_ROM },
  { GLIDE_FHIR_KEY_SIDE, GLIDE_SIDE_LEFT, SNOMED, "7771000", "Left", SRC_LATERALITY },
  { GLIDE_FHIR_KEY_SIDE, GLIDE_SIDE_RIGHT, SNOMED, "24028007", "Right", SRC_LATERALITY },
  { GLIDE_FHIR_KEY_SIDE, GLIDE_FHIR_SIDE_BOTH, SNOMED, "51440002", "Right and left", SRC_LATERALITY },
  { GLIDE_FHIR_KEY_SIDE, GLIDE_SIDE_MIDLINE, SNOMED, "399488007", "Midline", SRC_LATERALITY },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_THORACIC_PARASPINALS, SNOMED, "424072006", "Structure of thoracic paraspinous muscle group", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_ANTERIOR_DELTOID, SNOMED, "35259002", "Structure of deltoid muscle", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_SUPRASPINATUS, SNOMED, "6423006", "Supraspinatus muscle structure", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_LATERAL_EPICONDYLE, SNOMED, "73451009", "Structure of lateral epicondyle of humerus", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_MEDIAL_EPICONDYLE, SNOMED, "31167009", "Structure of medial epicondyle of humerus", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_PALM, SNOMED, "21203009", "Palmar aponeurosis structure", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_IT_BAND, SNOMED, "7480001", "Structure of iliotibial tract", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_HAMSTRINGS, SNOMED, "128511007", "Posterior muscle of thigh structure", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_PATELLAR_TENDON, SNOMED, "18033002", "Structure of patellar ligament", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_POPLITEAL_FOSSA, SNOMED, "32361000", "Popliteal fossa structure", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_CALF, SNOMED, "53840002", "Structure of calf of leg", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_ACHILLES, SNOMED, "61352006", "Structure of Achilles tendon", SRC_EHDSI },
  { GLIDE_FHIR_KEY_SITE, GLIDE_SITE_PLANTAR_FASCIA, SNOMED, "220023008", "Plantar fascia structure", SRC_EHDSI },
};

#undef LOINC
#undef SNOMED
#undef CPT
#undef ICD10

/**
 * glide_fhir_code_lookup:
 *
 * Returns: (nullable): the verified standard code of a Glide code, or %NULL
 *   when there is none
 */
const GlideFhirCode *
glide_fhir_code_lookup (GlideFhirKey key,
                        int          value)
{
  for (guint i = 0; i < G_N_ELEMENTS (fhir_codes); i++)
    if (fhir_codes[i].key == key && fhir_codes[i].value == value)
      return &fhir_codes[i];
  return NULL;
}

const GlideFhirCode *
glide_fhir_codes_get_all (guint *n_codes)
{
  *n_codes = G_N_ELEMENTS (fhir_codes);
  return fhir_codes;
}

/* The Glide code system of a code list: its base and the list's noun. */
char *
glide_fhir_code_system (GlideCodeList list)
{
  return g_strconcat (GLIDE_FHIR_CODE_SYSTEM_BASE, table_for (list).noun, NULL);
}

/* A Glide code's display in its code system: the label as DOMAIN.md writes
 * it, untranslated, so that an export does not depend on the locale. */
const char *
glide_fhir_code_display (GlideCodeList list,
                         int           value)
{
  TableRef table = table_for (list);

  g_return_val_if_fail (value >= 0 && (guint) value < table.n, NULL);

  return table_entry (table, value)->label;
}
