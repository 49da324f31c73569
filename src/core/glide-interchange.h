/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-interchange.h: import and export of the JSON interchange format
 * (INTERCHANGE.md), also the patient's data-portability export. */

#pragma once

#include <gio/gio.h>

#include "glide-store.h"

G_BEGIN_DECLS

#define GLIDE_INTERCHANGE_ERROR (glide_interchange_error_quark ())

typedef enum
{
  GLIDE_INTERCHANGE_ERROR_SYNTAX,   /* not JSON, or not UTF-8 */
  GLIDE_INTERCHANGE_ERROR_INVALID,  /* a value breaks the format or a rule; the
                                     * message starts with its JSON path */
  GLIDE_INTERCHANGE_ERROR_STORE,    /* the database refused or failed */
  GLIDE_INTERCHANGE_ERROR_EXISTS,   /* a patient's chart is in the database and
                                     * merging was not asked for; the message
                                     * starts with its JSON path */
} GlideInterchangeError;

typedef struct
{
  guint    therapists;
  guint    therapists_present;  /* already in the database, reused */
  guint    tools;
  guint    tools_present;
  guint    patients;
  guint    patients_merged;     /* existing charts extended with --merge */
  guint    screening;
  guint    courses;
  guint    sessions;
  guint    sessions_signed;
  guint    sessions_skipped;    /* the same visit (start instant, therapist and
                                 * content) already present */
  guint    treatments;
  guint    measures;
  guint    addenda;
  guint    addenda_added;       /* of addenda: appended to sessions already present */
  guint    screening_updated;   /* screening records replaced by a newer one */
  guint    screening_patients;  /* existing patients whose screening changed */
  guint    goals;               /* version 2: the course of care */
  guint    plans;
  guint    progress_reports;
  guint    consents;
  guint    discharges;
  guint    records_repeated;       /* goals, plans, reports, consents and
                                 * addenda listed twice in the document,
                                 * stored once */
  gboolean clinic_set;
} GlideImportSummary;

GQuark    glide_interchange_error_quark   (void);

gboolean  glide_interchange_import        (GlideStore          *store,
                                           const char          *data,
                                           gsize                length,
                                           gboolean             merge,
                                           const char          *source,
                                           GlideImportSummary  *summary,
                                           GError             **error);
gboolean  glide_interchange_import_file   (GlideStore          *store,
                                           const char          *path,
                                           gboolean             merge,
                                           GlideImportSummary  *summary,
                                           GError             **error);
char     *glide_import_summary_describe   (const GlideImportSummary *summary);

gboolean  glide_interchange_export        (GlideStore          *store,
                                           GOutputStream       *stream,
                                           const char          *chart,
                                           const char          *destination,
                                           guint               *n_patients,
                                           GError             **error);
gboolean  glide_interchange_export_file   (GlideStore          *store,
                                           const char          *path,
                                           const char          *chart,
                                           guint               *n_patients,
                                           GError             **error);

G_END_DECLS
