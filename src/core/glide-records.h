/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-records.h: the plain records the store reads and writes. Ids are the
 * store's row ids (0: not stored yet); therapist and instrument references are
 * ids too, while the interchange format names them by their short codes. */

#pragma once

#include <glib.h>

#include "glide-codes.h"

G_BEGIN_DECLS

typedef struct
{
  char       *name;
  char       *address;
  char       *phone;
  GlidePaper  paper;
} GlideClinic;

typedef struct
{
  gint64    id;
  char     *code;         /* short id used in the interchange format, e.g. "dw" */
  char     *name;
  char     *credentials;
  gboolean  active;
} GlideTherapist;

typedef struct
{
  gint64         id;
  char          *code;
  char          *name;
  GlideMaterial  material;
} GlideInstrument;

typedef struct
{
  gint64  id;
  char   *chart;
  char   *family_name;
  char   *given_name;
  char   *birth_date;   /* YYYY-MM-DD or NULL */
  gint64  version;      /* as read: its latest audit entry; 0 unknown (not checked) */
} GlidePatient;

/* One row of a patient search result. */
typedef struct
{
  GlidePatient *patient;
  char         *last_visit;     /* date-time of the latest session, or NULL */
  char         *active_course;  /* diagnosis of the open course, or NULL */
} GlidePatientSummary;

typedef struct
{
  gint64          id;
  gint64          patient_id;
  GlideCondition  condition;
  gboolean        present;
  char           *recorded;     /* YYYY-MM-DD or NULL */
  gint64          recorded_by;  /* therapist id or 0 */
  char           *note;
} GlideScreening;

typedef struct
{
  gint64  id;
  gint64  patient_id;
  char   *diagnosis;
  char   *icd10;        /* or NULL */
  char   *start_date;   /* or NULL */
  char   *end_date;     /* NULL while the course is active */
  char   *goals;
  gint64  version;      /* as read: its latest audit entry; 0 unknown (not checked) */
} GlideCourse;

typedef struct
{
  GlideSite       site;
  GlideSide       side;
  GlideStroke     stroke;
  gint64          duration_s;
  GlideEdge       edge;
  gint64          instrument_id;  /* 0: none recorded */
  GlideTechnique  technique;      /* GLIDE_TECHNIQUE_NONE: not recorded */
  GlidePressure   pressure;       /* GLIDE_PRESSURE_NONE: not recorded */
  GlideRedness    redness;
  gboolean        petechiae;
  char           *note;
} GlideTreatment;

typedef struct
{
  GlideMeasure  measure;
  GlideSide     side;    /* GLIDE_SIDE_NONE for pain and function scales */
  GlideTiming   timing;
  double        value;
} GlideMeasurement;

typedef struct
{
  gint64  id;
  gint64  therapist_id;
  char   *at;
  char   *text;
} GlideAddendum;

/* The clinic's settings of the course of care (schema 7). */
typedef struct
{
  char     *code;     /* "97140" */
  char     *label;    /* the clinic's words for it */
  gboolean  timed;    /* billed in 15-minute units */
} GlideClinicCode;

typedef struct
{
  GlideUnitsMethod  units_method;
  guint             report_visits;   /* a progress report at least every this many visits */
  GPtrArray        *billing_codes;   /* GlideClinicCode, in the clinic's order (ties) */
  gboolean          saved;           /* as read: the clinic saved them (else the defaults) */
  gint64            version;         /* as read (see GlideCourse) */
} GlideCareSettings;

/* Timed minutes of one billing code in a visit (CPT 97140 for IASTM). */
typedef struct
{
  char  *code;
  guint  minutes;
} GlideBilledTime;

/* An exercise done or given after the instrument work. */
typedef struct
{
  char      *name;
  guint      sets;      /* 0: not counted */
  guint      reps;      /* 0: held instead, or not counted */
  guint      hold_s;    /* 0: not held */
  char      *load;      /* "red band", "2 kg", or NULL */
  GlideSide  side;      /* GLIDE_SIDE_NONE: both or not sided */
} GlideExercise;

typedef struct
{
  gint64     id;
  gint64     course_id;
  char      *start;
  gint64     therapist_id;
  char      *emollient;
  char      *note;
  char      *home_program;
  char      *contraindication_override;  /* reason, or NULL */
  gint64     signed_by;                  /* 0 while a draft */
  char      *signed_at;
  GPtrArray *treatments;    /* GlideTreatment */
  GPtrArray *measurements;  /* GlideMeasurement */
  GPtrArray *addenda;       /* GlideAddendum */
  gint64     version;       /* as read: its latest audit entry; 0 unknown (not checked) */
  /* Schema 7: time and units, exercise, the follow-up of the last visit. */
  char      *end;           /* date-time the visit ended, or NULL */
  guint      total_minutes; /* total treatment minutes, 0: not recorded */
  GPtrArray *billing;       /* GlideBilledTime, timed minutes per code */
  GPtrArray *exercises;     /* GlideExercise */
  GlideReaction reaction;   /* bruising or soreness since the last visit; -1: not asked */
  char      *reaction_note;
} GlideSession;

/* ---- the course of care (schema 7) ------------------------------------------
 * Goals, their status history, plans of care, progress reports, consent and
 * discharge. Goals, status entries, progress reports, consents and discharges
 * are written once and never change (a goal is revised by a new goal that
 * replaces it); a plan of care may be edited, each change audited. */

typedef struct
{
  gint64           id;
  gint64           goal_id;
  GlideGoalStatus  status;
  char            *at;         /* date-time the therapist set it */
  gint64           by;         /* therapist id */
  char            *note;
} GlideGoalStatusEntry;

typedef struct
{
  gint64        id;
  gint64        course_id;
  char         *text;         /* in the patient's words where possible */
  GlideMeasure  measure;      /* -1: no linked measure */
  GlideSide     side;         /* of a lateral measure, else GLIDE_SIDE_NONE */
  double        target;       /* with a measure: the value to reach */
  char         *target_date;  /* YYYY-MM-DD or NULL */
  gint64        replaces;     /* the goal this one revises, or 0 */
  gint64        created_by;
  char         *created_at;
  GPtrArray    *history;      /* GlideGoalStatusEntry, oldest first */
} GlideGoal;

typedef struct
{
  gint64   id;
  gint64   course_id;
  char    *cert_start;        /* certification period, YYYY-MM-DD */
  char    *cert_end;
  guint    visits_per_week;   /* 0: not set */
  guint    weeks;             /* 0: not set */
  GArray  *interventions;     /* GlideIntervention */
  char    *referring_name;
  char    *referring_id;      /* NPI or a local id, or NULL */
  char    *certifying_name;
  char    *certifying_id;
  char    *certified_on;      /* the physician signed it, YYYY-MM-DD, or NULL */
  char    *report_due;        /* first progress report by this date, or NULL */
  char    *note;
  gint64   written_by;
  char    *written_at;
  gint64   version;           /* as read (see GlideCourse) */
} GlideCarePlan;

typedef struct
{
  gint64  id;
  gint64  course_id;
  char   *date;          /* YYYY-MM-DD */
  char   *period_start;  /* the period reported on */
  char   *period_end;
  guint   visits;        /* signed visits in the period */
  char   *assessment;
  char   *plan;
  char   *next_due;      /* the next report by this date, or NULL */
  gint64  signed_by;
  char   *signed_at;
} GlideProgressReport;

typedef struct
{
  gint64  id;
  gint64  course_id;
  char   *at;            /* date-time consent was given */
  gint64  obtained_by;   /* therapist id */
  char   *risks;         /* the risks explained, as told to the patient */
  char   *note;
} GlideConsent;

typedef struct
{
  gint64                id;
  gint64                course_id;
  char                 *date;     /* YYYY-MM-DD: the course's end date */
  GlideDischargeReason  reason;
  char                 *note;
  gint64                by;
  char                 *at;
} GlideDischarge;

GlideClinic      *glide_clinic_new            (void);
void              glide_clinic_free           (GlideClinic      *clinic);
GlideTherapist   *glide_therapist_new         (const char       *code,
                                               const char       *name,
                                               const char       *credentials);
void              glide_therapist_free        (GlideTherapist   *therapist);
GlideInstrument  *glide_instrument_new        (const char       *code,
                                               const char       *name,
                                               GlideMaterial     material);
void              glide_instrument_free       (GlideInstrument  *instrument);
GlidePatient     *glide_patient_new           (const char       *chart,
                                               const char       *family_name,
                                               const char       *given_name,
                                               const char       *birth_date);
GlidePatient     *glide_patient_copy          (const GlidePatient *patient);
void              glide_patient_free          (GlidePatient     *patient);
char             *glide_patient_get_display_name (const GlidePatient *patient);
void              glide_patient_summary_free  (GlidePatientSummary *summary);
GlideScreening   *glide_screening_new         (GlideCondition    condition,
                                               gboolean          present);
void              glide_screening_free        (GlideScreening   *screening);
GlideCourse      *glide_course_new            (const char       *diagnosis);
GlideCourse      *glide_course_copy           (const GlideCourse *course);
void              glide_course_free           (GlideCourse      *course);
gboolean          glide_course_is_active      (const GlideCourse *course);
GlideTreatment   *glide_treatment_new         (GlideSite         site,
                                               GlideSide         side);
GlideTreatment   *glide_treatment_copy        (const GlideTreatment *treatment);
void              glide_treatment_free        (GlideTreatment   *treatment);
GlideMeasurement *glide_measurement_new       (GlideMeasure      measure,
                                               GlideSide         side,
                                               GlideTiming       timing,
                                               double            value);
void              glide_measurement_free      (GlideMeasurement *measurement);
GlideAddendum    *glide_addendum_new          (gint64            therapist_id,
                                               const char       *at,
                                               const char       *text);
void              glide_addendum_free         (GlideAddendum    *addendum);
GlideSession     *glide_session_new           (gint64            course_id,
                                               const char       *start,
                                               gint64            therapist_id);
void              glide_session_free          (GlideSession     *session);
gboolean          glide_session_is_signed     (const GlideSession *session);
GlideClinicCode  *glide_clinic_code_new       (const char       *code,
                                               const char       *label,
                                               gboolean          timed);
void              glide_clinic_code_free      (GlideClinicCode  *code);
GlideCareSettings *glide_care_settings_new_default (void);
void              glide_care_settings_free    (GlideCareSettings *settings);
const GlideClinicCode *glide_care_settings_find_code (const GlideCareSettings *settings,
                                               const char       *code);
GlideBilledTime  *glide_billed_time_new       (const char       *code,
                                               guint             minutes);
GlideBilledTime  *glide_billed_time_copy      (const GlideBilledTime *time);
void              glide_billed_time_free      (GlideBilledTime  *time);
GlideExercise    *glide_exercise_new          (const char       *name);
GlideExercise    *glide_exercise_copy         (const GlideExercise *exercise);
void              glide_exercise_free         (GlideExercise    *exercise);
gboolean          glide_session_has_details   (const GlideSession *session);
GlideGoalStatusEntry *glide_goal_status_entry_new (GlideGoalStatus status,
                                                   gint64          by,
                                                   const char     *at);
void              glide_goal_status_entry_free (GlideGoalStatusEntry *entry);
GlideGoal        *glide_goal_new              (const char       *text);
void              glide_goal_free             (GlideGoal        *goal);
GlideGoalStatus   glide_goal_get_status       (const GlideGoal  *goal);
GlideCarePlan    *glide_care_plan_new         (gint64            course_id);
void              glide_care_plan_free        (GlideCarePlan    *plan);
GlideProgressReport *glide_progress_report_new (gint64           course_id);
void              glide_progress_report_free  (GlideProgressReport *report);
GlideConsent     *glide_consent_new           (gint64            course_id);
void              glide_consent_free          (GlideConsent     *consent);
GlideDischarge   *glide_discharge_new         (gint64            course_id);
void              glide_discharge_free        (GlideDischarge   *discharge);
const GlideMeasurement *glide_session_find_measurement (const GlideSession *session,
                                                        GlideMeasure        measure,
                                                        GlideSide           side,
                                                        GlideTiming         timing);
gboolean     glide_session_check_codes         (const GlideSession  *session,
                                                const char          *chart,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideClinic, glide_clinic_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideTherapist, glide_therapist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideInstrument, glide_instrument_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlidePatient, glide_patient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlidePatientSummary, glide_patient_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideScreening, glide_screening_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideCourse, glide_course_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideTreatment, glide_treatment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideMeasurement, glide_measurement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideAddendum, glide_addendum_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideSession, glide_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideClinicCode, glide_clinic_code_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideCareSettings, glide_care_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideBilledTime, glide_billed_time_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideExercise, glide_exercise_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideGoalStatusEntry, glide_goal_status_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideGoal, glide_goal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideCarePlan, glide_care_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideProgressReport, glide_progress_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideConsent, glide_consent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideDischarge, glide_discharge_free)

G_END_DECLS
