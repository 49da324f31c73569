/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report.h: the PDF documents. One call loads the data, lays
 * out the document, writes it (temporary name, renamed, mode 0600) and
 * records the export in the audit log; the command line and the window
 * both use it. */

#pragma once

#include "glide-report-data.h"
#include "glide-report-document.h"
#include "glide-store.h"

G_BEGIN_DECLS

typedef enum
{
  GLIDE_REPORT_PROGRESS,   /* for the patient */
  GLIDE_REPORT_SUMMARY,    /* for the chart */
  GLIDE_REPORT_CASELOAD,   /* for the clinic manager */
  GLIDE_REPORT_DISCHARGE,  /* for the chart, when a course is discharged */
} GlideReportKind;

typedef struct
{
  GlideReportKind  kind;
  const char      *chart;          /* progress, summary and discharge */
  guint            course_number;  /* 1 = oldest; 0 = the latest */
  const char      *from;           /* caseload: YYYY-MM-DD, NULL: 90 days before "to" */
  const char      *to;             /* caseload: YYYY-MM-DD, NULL: today */
  gboolean         paper_given;    /* FALSE: the clinic's paper setting */
  GlidePaper       paper;
  GPtrArray       *warnings;       /* out, optional: sentences to show the user */
  gboolean         record_pages;   /* printing: pages kept to be drawn again through Cairo */
  const char      *language;       /* "de", "en", "es"; NULL: the desktop's (glide-language.h) */
} GlideReportRequest;

#define GLIDE_REPORT_DEFAULT_DAYS 90

GlideReportDocument *glide_report_build             (GlideStore                *store,
                                                     const GlideReportRequest  *request,
                                                     GError                   **error);
gboolean             glide_report_export            (GlideStore                *store,
                                                     const GlideReportRequest  *request,
                                                     const char                *path,
                                                     GError                   **error);
gboolean             glide_report_audit_print       (GlideStore                *store,
                                                     GlideReportKind            kind,
                                                     GlideReportDocument       *doc,
                                                     GError                   **error);

/* The documents themselves, from loaded data. */
GlideReportDocument *glide_report_progress_build    (const GlideReportCourse   *data,
                                                     GlidePaper                 paper,
                                                     gboolean                   record,
                                                     GError                   **error);
GlideReportDocument *glide_report_summary_build     (const GlideReportCourse   *data,
                                                     GlidePaper                 paper,
                                                     gboolean                   record,
                                                     GError                   **error);
GlideReportDocument *glide_report_discharge_build   (const GlideReportCourse   *data,
                                                     GlidePaper                 paper,
                                                     gboolean                   record,
                                                     GError                   **error);
GlideReportDocument *glide_report_caseload_build    (const GlideClinic         *clinic,
                                                     GPtrArray                 *rows,
                                                     GHashTable                *therapists,
                                                     const char                *from,
                                                     const char                *to,
                                                     GlidePaper                 paper,
                                                     gboolean                   record,
                                                     GError                   **error);

/* Shared by the documents: the clinic's letterhead and the footer. */
void                 glide_report_add_identification (GlideReportDocument      *doc,
                                                     const GlideReportCourse   *data,
                                                     const char                *end_label,
                                                     const char                *end,
                                                     const char                *visits_label,
                                                     const char                *visits,
                                                     const char                *note_label,
                                                     const char                *note);
void                 glide_report_add_care_plan     (GlideReportDocument       *doc,
                                                     const GlideReportCourse   *data,
                                                     const GlideCarePlan       *plan);
void                 glide_report_add_letterhead    (GlideReportDocument       *doc,
                                                     const GlideClinic         *clinic,
                                                     const char                *title);
void                 glide_report_open_chart_document (GlideReportDocument   *doc,
                                                     const GlideReportCourse   *data,
                                                     const char                *title,
                                                     const char                *subject,
                                                     const char                *heading);
void                 glide_report_set_footer        (GlideReportDocument       *doc,
                                                     const GlideClinic         *clinic,
                                                     const char                *generated);

G_END_DECLS
