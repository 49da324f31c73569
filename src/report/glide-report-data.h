/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-data.h: everything one course's documents show, read from the
 * store in one go: clinic, patient, screening, the course with its sessions,
 * trends, and the therapists and instruments they name. */

#pragma once

#include "glide-figure.h"
#include "glide-progress.h"
#include "glide-store.h"

G_BEGIN_DECLS

typedef struct
{
  GlideClinic  *clinic;
  GlidePatient *patient;
  guint         course_number;   /* 1 = the patient's oldest course */
  guint         n_courses;
  GlideCourse  *course;
  GPtrArray    *sessions;        /* GlideSession, in date order */
  guint         n_drafts_left_out;  /* drafts taken out by glide_report_course_keep_signed() */
  GPtrArray    *screening;       /* GlideScreening */
  GPtrArray    *series;          /* GlideSeries, pain first */
  GPtrArray    *trends;          /* GlideTrend, same order */
  GHashTable   *therapists;      /* id -> GlideTherapist */
  GHashTable   *instruments;     /* id -> GlideInstrument */
  char         *generated;       /* when the document was made, a date-time */
  /* The course of care. */
  GPtrArray    *goals;           /* GlideGoal, in the order set, revised ones included */
  GPtrArray    *plans;           /* GlideCarePlan, the current one last */
  GPtrArray    *progress_reports; /* GlideProgressReport, oldest first */
  GPtrArray    *consents;        /* GlideConsent */
  GlideDischarge *discharge;     /* or NULL */
  GlideCareSettings *settings;   /* the clinic's units method, report interval and codes */
} GlideReportCourse;

GlideReportCourse *glide_report_course_load         (GlideStore              *store,
                                                     const char              *chart,
                                                     guint                    course_number,
                                                     GError                 **error);
void               glide_report_course_free         (GlideReportCourse       *self);
void               glide_report_course_keep_signed  (GlideReportCourse       *self);
gboolean           glide_report_course_is_draft     (const GlideReportCourse *self,
                                                     gint64                   session_id);
const char        *glide_report_course_therapist    (const GlideReportCourse *self,
                                                     gint64                   id);
char              *glide_report_course_therapist_credentials (const GlideReportCourse *self,
                                                     gint64                   id);
const char        *glide_report_course_instrument   (const GlideReportCourse *self,
                                                     gint64                   id);
char              *glide_report_course_therapist_names (const GlideReportCourse *self);
char              *glide_report_course_patient_name (const GlideReportCourse *self);
char              *glide_report_trim_name         (const char              *name);
double             glide_report_course_weeks        (const GlideReportCourse *self,
                                                     const char              *date);
guint             *glide_report_course_area_visits  (const GlideReportCourse *self,
                                                     const GlideFigure       *figure);
char              *glide_report_session_areas       (const GlideSession      *session);
char              *glide_report_session_plain_areas (const GlideSession      *session);
char              *glide_report_session_minutes     (const GlideSession      *session);
char              *glide_report_session_petechiae   (const GlideSession      *session);
char              *glide_report_session_skin        (const GlideSession      *session);
char              *glide_report_measure_label       (GlideMeasure             measure,
                                                     GlideSide                side);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideReportCourse, glide_report_course_free)

G_END_DECLS
