/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report.c: loads what a document needs, builds it, writes it and
 * audits the export. The audit entries are committed before the document
 * is put in place: no patient data leaves without a trace in the log. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"
#include "glide-i18n.h"

#include "glide-atomic-file.h"
#include "glide-date.h"


/* The clinic's name, address and phone above the document's title. */
void
glide_report_add_letterhead (GlideReportDocument *doc,
                             const GlideClinic   *clinic,
                             const char          *title)
{
  g_autoptr(GString) contact = g_string_new (NULL);

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, clinic->name);
  if (clinic->address != NULL && clinic->address[0] != '\0')
    g_string_append (contact, clinic->address);
  if (clinic->phone != NULL && clinic->phone[0] != '\0')
    {
      if (contact->len > 0)
        g_string_append (contact, "  ·  ");
      /* Translators: before the clinic's phone number in the letterhead */
      g_string_append_printf (contact, _("Phone %s"), clinic->phone);
    }
  if (contact->len > 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, contact->str);
  glide_report_document_rule (doc);
  glide_report_document_space (doc, 6);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_TITLE, title);
}

/* "Riverside Physical Therapy · Generated 21 Nov 2026" on every page. */
void
glide_report_set_footer (GlideReportDocument *doc,
                         const GlideClinic   *clinic,
                         const char          *generated)
{
  g_autofree char *date = glide_date_format_long (generated);
  /* Translators: the footer of every page: the clinic's name, then the date */
  g_autofree char *footer = g_strdup_printf (_("%s  ·  Generated %s"), clinic->name, date);

  glide_report_document_set_footer (doc, footer);
}

/**
 * glide_report_open_chart_document:
 * @title: the document's title ("Clinical summary: José Müller (P-1001)")
 * @subject: its subject, without the diagnosis ("Clinical summary of course 1")
 * @heading: the letterhead's title
 *
 * What a document for the chart opens with: its info (no diagnosis: file
 * managers and search indexes show it), the footer, the patient on every
 * page, the letterhead and the line that says whose and when.
 */
void
glide_report_open_chart_document (GlideReportDocument     *doc,
                                  const GlideReportCourse *data,
                                  const char              *title,
                                  const char              *subject,
                                  const char              *heading)
{
  g_autofree char *name = glide_patient_get_display_name (data->patient);
  g_autofree char *generated = glide_datetime_format_long (data->generated);
  g_autofree char *isolated = glide_report_isolate (name);
  g_autofree char *line = g_strdup_printf (_("%s, chart %s. Generated %s."), isolated,
                                           data->patient->chart, generated);

  glide_report_document_set_info (doc, title, data->clinic->name, subject);
  glide_report_set_footer (doc, data->clinic, data->generated);
  glide_report_document_set_patient (doc, name, data->patient->chart, data->patient->birth_date);
  glide_report_document_add_chart (doc, data->patient->chart);
  glide_report_add_letterhead (doc, data->clinic, heading);
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED, line);
}

static gboolean
check_period (const GlideReportRequest  *request,
              char                     **from,
              char                     **to,
              GError                   **error)
{
  GDate end, start;

  if (request->to != NULL)
    {
      if (!glide_date_parse (request->to, &end, error))
        {
          g_prefix_error (error, _("End of the period: "));
          return FALSE;
        }
    }
  else
    g_date_set_time_t (&end, time (NULL));

  if (request->from != NULL)
    {
      if (!glide_date_parse (request->from, &start, error))
        {
          g_prefix_error (error, _("Start of the period: "));
          return FALSE;
        }
    }
  else
    {
      start = end;
      g_date_subtract_days (&start, GLIDE_REPORT_DEFAULT_DAYS - 1);
    }

  *from = glide_date_format (&start);
  *to = glide_date_format (&end);
  if (glide_date_check_period (*from, *to, error))
    return TRUE;
  g_clear_pointer (from, g_free);
  g_clear_pointer (to, g_free);
  return FALSE;
}

static GlideReportDocument *
build_caseload (GlideStore                *store,
                const GlideReportRequest  *request,
                GlidePaper                 paper,
                const GlideClinic         *clinic,
                GError                   **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  if (!check_period (request, &from, &to, error) ||
      !(rows = glide_store_list_caseload (store, from, to, error)) ||
      !(therapists = glide_store_list_therapists (store, TRUE, error)))
    return NULL;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (by_id, &t->id, t);
    }
  return glide_report_caseload_build (clinic, rows, by_id, from, to, paper,
                                      request->record_pages, error);
}

/**
 * glide_report_build:
 *
 * Loads the data and lays out the document, without writing it.
 */
static GlideReportDocument *
build_document (GlideStore                *store,
                const GlideReportRequest  *request,
                GError                   **error)
{
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GlideReportCourse) data = NULL;
  GlidePaper paper;

  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->kind == GLIDE_REPORT_CASELOAD || request->chart != NULL, NULL);

  if (!(clinic = glide_store_get_clinic (store, error)))
    return NULL;
  paper = request->paper_given ? request->paper : clinic->paper;

  if (request->kind == GLIDE_REPORT_CASELOAD)
    return build_caseload (store, request, paper, clinic, error);

  if (!(data = glide_report_course_load (store, request->chart, request->course_number, error)))
    return NULL;
  if (request->kind == GLIDE_REPORT_PROGRESS)
    {
      /* The patient is given what a therapist has signed. */
      glide_report_course_keep_signed (data);
      return glide_report_progress_build (data, paper, request->record_pages, error);
    }
  if (request->kind == GLIDE_REPORT_DISCHARGE)
    {
      /* What is filed is what was signed. */
      glide_report_course_keep_signed (data);
      return glide_report_discharge_build (data, paper, request->record_pages, error);
    }
  return glide_report_summary_build (data, paper, request->record_pages, error);
}

/* The document in the language asked for: its words, dates and numbers
 * (glide-language.h); the desktop's when none is. */
GlideReportDocument *
glide_report_build (GlideStore                *store,
                    const GlideReportRequest  *request,
                    GError                   **error)
{
  GlideReportDocument *doc;
  const char *previous;

  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  previous = glide_language_push (request->language);
  doc = build_document (store, request, error);
  glide_language_pop (previous);
  /* Its footers ("Page 1 of 2") are drawn when it is finished. */
  if (doc != NULL)
    glide_report_document_set_language (doc, request->language);
  return doc;
}

static const char *
kind_entity (GlideReportKind kind)
{
  switch (kind)
    {
    case GLIDE_REPORT_PROGRESS:
      return "progress report";
    case GLIDE_REPORT_SUMMARY:
      return "clinical summary";
    case GLIDE_REPORT_DISCHARGE:
      return "discharge summary";
    case GLIDE_REPORT_CASELOAD:
    default:
      return "caseload overview";
    }
}

/* The export's entries in one transaction: one per patient, or for a
 * caseload, one for the whole document naming its patients (a caseload of
 * all time shows 20,000, and an entry for each was most of the time its
 * export took after the document was ready). */
static gboolean
audit_export (GlideStore       *store,
              GlideReportKind   kind,
              GPtrArray        *charts,
              const char       *entity,
              const char       *details,
              GError          **error)
{
  if (charts->len == 0)
    return TRUE;
  if (kind == GLIDE_REPORT_CASELOAD)
    return glide_store_audit_document (store, GLIDE_AUDIT_EXPORT, charts, entity, details, error);

  if (!glide_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < charts->len; i++)
    if (!glide_store_audit (store, GLIDE_AUDIT_EXPORT, g_ptr_array_index (charts, i), entity,
                            details, error))
      {
        glide_store_rollback (store);
        return FALSE;
      }
  return glide_store_commit (store, error);
}

/* Putting the file in place failed after its entries were committed: the
 * log must not claim a document that never left, so it says so, as the
 * export's own entries name the patients. */
static void
audit_unwritten (GlideStore       *store,
                 GlideReportKind   kind,
                 GPtrArray        *charts,
                 const char       *entity,
                 const char       *details,
                 const GError     *write_error,
                 GError          **error)
{
  g_autofree char *note = g_strdup_printf ("%s was NOT written: %s", details,
                                           write_error->message);
  g_autoptr(GError) audit_error = NULL;
  gboolean audited = audit_export (store, kind, charts, entity, note, &audit_error);

  if (audited)
    g_set_error (error, write_error->domain, write_error->code,
                 _("The export is in the audit log, but the document could not be put in "
                   "place (the audit log says so too): %s"), write_error->message);
  else
    g_set_error (error, write_error->domain, write_error->code,
                 _("The export is in the audit log, but the document could not be put in "
                   "place, and the audit log could not say so (%s): %s"),
                 audit_error->message, write_error->message);
}

/**
 * glide_report_export:
 * @path: the PDF to write (see GlideAtomicFile: a regular file or a
 *   symbolic link's target is replaced, mode 0600; a device or FIFO is
 *   written; other kinds are refused)
 *
 * Builds the document and records the export in the audit log, one entry
 * per patient whose data it holds (a caseload: one entry naming them all,
 * see glide_store_audit_document()), in this order: the whole document is
 * written aside and synced, the entries are committed, and only then is
 * the document put in place. A failure or a kill before the commit leaves
 * the path as it was and the log without the entries; after it, the log
 * has them and at worst the document is missing (and the log says so when
 * it can): a document never leaves without its trace in the log.
 */
gboolean
glide_report_export (GlideStore                *store,
                     const GlideReportRequest  *request,
                     const char                *path,
                     GError                   **error)
{
  g_autoptr(GlideReportDocument) doc = NULL;
  g_autoptr(GlideAtomicFile) file = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *details = NULL;
  const char *entity = kind_entity (request->kind);
  GPtrArray *charts;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(doc = glide_report_build (store, request, error)))
    return FALSE;
  if (!(file = glide_atomic_file_new (path, error)) ||
      !glide_report_document_write (doc, glide_atomic_file_get_stream (file), error) ||
      !glide_atomic_file_sync (file, error))
    return FALSE;

  if (request->warnings != NULL)
    {
      GPtrArray *warnings = glide_report_document_get_warnings (doc);

      for (guint i = 0; i < warnings->len; i++)
        g_ptr_array_add (request->warnings, g_strdup (g_ptr_array_index (warnings, i)));
    }
  charts = glide_report_document_get_charts (doc);
  details = g_strdup_printf ("%s (%u pages)", path, glide_report_document_get_n_pages (doc));
  if (!audit_export (store, request->kind, charts, entity, details, error))
    {
      g_prefix_error (error, _("The export could not be recorded in the audit log, so no "
                               "document was written and the file at the path is as it was: "));
      return FALSE;
    }

  if (!glide_atomic_file_commit (file, &write_error))
    {
      audit_unwritten (store, request->kind, charts, entity, details, write_error, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * glide_report_audit_print:
 * @doc: a finished document about to be sent to the printer
 *
 * Records the print in the audit log as an export is recorded (one entry
 * per patient, a caseload's naming them all), before any page leaves.
 */
gboolean
glide_report_audit_print (GlideStore           *store,
                          GlideReportKind       kind,
                          GlideReportDocument  *doc,
                          GError              **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  glide_report_document_finish (doc);
  details = g_strdup_printf ("printed (%u pages)", glide_report_document_get_n_pages (doc));
  return audit_export (store, kind, glide_report_document_get_charts (doc), kind_entity (kind),
                       details, error);
}
