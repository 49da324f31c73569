/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-workstation.c: one busy workstation of a clinic server, for the
 * concurrency test (tests/test-server.c). For a fixed wall-clock time it
 * works through the store as the login of its URI, and writes every change
 * the server committed to a log the test checks the record against (no
 * operation starts once the time is up, so the last visit may stay half done):
 *
 *   glide-workstation --uri URI --seconds S --tag TAG --log FILE
 *       a therapist: new patients, a course each, three drafts saved, saved
 *       again and two of them signed
 *   glide-workstation ... --import DOC.json --chart CHART
 *       an admin: DOC (one patient, chart CHART) imported into a new chart,
 *       then imported again with merge, which must skip every session
 *
 * Log lines, tab-separated: "patient CHART", "course CHART ID",
 * "session ID CHART draft|signed NOTE" (the last line of an ID is its
 * state), "import CHART SESSIONS", "merge CHART SKIPPED". A refusal the
 * store calls retryable (GLIDE_STORE_ERROR_BUSY, "Try again") is retried
 * and counted; anything else ends the run with status 1. The last line on
 * standard output gives the figures. */

#define G_LOG_DOMAIN "glide-workstation"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glide-interchange.h"
#include "glide-store.h"

/* Retries of one operation before the run gives up on it. */
#define MAX_RETRIES 100

typedef struct
{
  GlideStore *store;
  const char *tag;
  FILE       *log;
  gint64      therapist_id;
  gint64      deadline;     /* monotonic time: no operation starts after it */
  guint       operations;
  guint       retries;
  guint       patients;
  guint       sessions;
  guint       signatures;
  guint       imports;
  guint       merges;
} Workstation;

typedef gboolean (*Operation) (Workstation *ws, gpointer data, GError **error);

static void G_GNUC_PRINTF (2, 3)
log_line (Workstation *ws,
          const char  *format,
          ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (ws->log, format, args);
  va_end (args);
  fputc ('\n', ws->log);
  /* Written once the server committed: a crash after it loses no line. */
  fflush (ws->log);
}

/* Runs @op until it commits or fails for a reason other than a busy server.
 * FALSE without an error: the time is up, @op was not run. */
static gboolean
attempt (Workstation  *ws,
         Operation     op,
         gpointer      data,
         GError      **error)
{
  for (guint tries = 0;; tries++)
    {
      g_autoptr(GError) local_error = NULL;

      if (g_get_monotonic_time () >= ws->deadline)
        return FALSE;
      if (op (ws, data, &local_error))
        {
          ws->operations++;
          return TRUE;
        }
      if (!g_error_matches (local_error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_BUSY) ||
          tries >= MAX_RETRIES)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ws->retries++;
    }
}

/* ---- a therapist ----------------------------------------------------------- */

typedef struct
{
  char   *chart;
  gint64  patient_id;
  gint64  course_id;
  gint64  session_ids[3];
  guint   index;
} Visit;

static gboolean
create_patient (Workstation  *ws,
                gpointer      data,
                GError      **error)
{
  Visit *visit = data;
  g_autoptr(GlidePatient) patient = glide_patient_new (visit->chart, "Workstation", ws->tag,
                                                       "1980-04-02");

  visit->patient_id = glide_store_create_patient (ws->store, patient, error);
  if (visit->patient_id == 0)
    return FALSE;
  ws->patients++;
  log_line (ws, "patient\t%s", visit->chart);
  return TRUE;
}

static gboolean
create_course (Workstation  *ws,
               gpointer      data,
               GError      **error)
{
  Visit *visit = data;
  g_autoptr(GlideCourse) course = glide_course_new ("Plantar fasciitis");

  course->patient_id = visit->patient_id;
  course->start_date = g_strdup ("2026-01-05");
  course->icd10 = g_strdup ("M72.2");
  visit->course_id = glide_store_create_course (ws->store, course, error);
  if (visit->course_id == 0)
    return FALSE;
  log_line (ws, "course\t%s\t%" G_GINT64_FORMAT, visit->chart, visit->course_id);
  return TRUE;
}

static char *
session_note (Visit *visit,
              guint  index,
              guint  revision)
{
  return g_strdup_printf ("Visit %u of %s, revision %u", index + 1, visit->chart, revision);
}

static gboolean
save_new_draft (Workstation  *ws,
                gpointer      data,
                GError      **error)
{
  Visit *visit = data;
  g_autofree char *start = g_strdup_printf ("2026-01-%02uT09:00", 5 + visit->index * 7);
  g_autoptr(GlideSession) session = glide_session_new (visit->course_id, start,
                                                       ws->therapist_id);
  GlideTreatment *calf = glide_treatment_new (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  gint64 id;

  calf->duration_s = 60 + visit->index;
  g_ptr_array_add (session->treatments, calf);
  g_ptr_array_add (session->measurements,
                   glide_measurement_new (GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE,
                                          6));
  g_free (session->note);
  session->note = session_note (visit, visit->index, 0);
  if ((id = glide_store_save_draft_session (ws->store, session, error)) == 0)
    return FALSE;
  visit->session_ids[visit->index] = id;
  ws->sessions++;
  log_line (ws, "session\t%" G_GINT64_FORMAT "\t%s\tdraft\t%s", id, visit->chart, session->note);
  return TRUE;
}

/* As the editor saves again: the draft as stored, changed, saved over its
 * own version. */
static gboolean
save_draft_again (Workstation  *ws,
                  gpointer      data,
                  GError      **error)
{
  Visit *visit = data;
  gint64 id = visit->session_ids[visit->index];
  g_autoptr(GlideSession) session = glide_store_get_session (ws->store, id, error);

  if (session == NULL)
    return FALSE;
  g_free (session->note);
  session->note = session_note (visit, visit->index, 1);
  if (glide_store_save_draft_session (ws->store, session, error) == 0)
    return FALSE;
  log_line (ws, "session\t%" G_GINT64_FORMAT "\t%s\tdraft\t%s", id, visit->chart, session->note);
  return TRUE;
}

static gboolean
sign_draft (Workstation  *ws,
            gpointer      data,
            GError      **error)
{
  Visit *visit = data;
  gint64 id = visit->session_ids[visit->index];
  g_autofree char *at = g_strdup_printf ("2026-01-%02uT10:00", 5 + visit->index * 7);
  g_autofree char *note = session_note (visit, visit->index, 1);

  if (!glide_store_sign_session (ws->store, id, ws->therapist_id, at, error))
    return FALSE;
  ws->signatures++;
  log_line (ws, "session\t%" G_GINT64_FORMAT "\t%s\tsigned\t%s", id, visit->chart, note);
  return TRUE;
}

static gboolean
work_as_therapist (Workstation  *ws,
                   GError      **error)
{
  if (ws->therapist_id == 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                   "%s signs as no therapist: grant it --role therapist",
                   glide_store_get_login (ws->store));
      return FALSE;
    }
  for (guint n = 1; g_get_monotonic_time () < ws->deadline; n++)
    {
      Visit visit = { .chart = g_strdup_printf ("%s-%u", ws->tag, n) };
      gboolean ok = attempt (ws, create_patient, &visit, error) &&
                    attempt (ws, create_course, &visit, error);

      for (visit.index = 0; ok && visit.index < G_N_ELEMENTS (visit.session_ids); visit.index++)
        ok = attempt (ws, save_new_draft, &visit, error) &&
             attempt (ws, save_draft_again, &visit, error) &&
             (visit.index == 2 || attempt (ws, sign_draft, &visit, error));
      g_free (visit.chart);
      /* Stopped: failed, or out of time (no error). */
      if (!ok)
        return *error == NULL;
    }
  return TRUE;
}

/* ---- an admin importing ---------------------------------------------------- */

typedef struct
{
  const char *document;   /* the template, its chart quoted in it */
  const char *chart;      /* the template's chart, quoted: "P-1001" */
  char       *new_chart;
  char       *text;       /* the template with new_chart */
} Import;

static gboolean
import_new_chart (Workstation  *ws,
                  gpointer      data,
                  GError      **error)
{
  Import *import = data;
  GlideImportSummary summary;

  if (!glide_interchange_import (ws->store, import->text, strlen (import->text), FALSE,
                                 "workstation.json", &summary, error))
    return FALSE;
  ws->imports++;
  log_line (ws, "import\t%s\t%u", import->new_chart, summary.sessions);
  return TRUE;
}

static gboolean
import_merged (Workstation  *ws,
               gpointer      data,
               GError      **error)
{
  Import *import = data;
  GlideImportSummary summary;

  if (!glide_interchange_import (ws->store, import->text, strlen (import->text), TRUE,
                                 "workstation.json", &summary, error))
    return FALSE;
  if (summary.sessions != 0 || summary.sessions_skipped == 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   "importing %s again with merge added %u sessions and skipped %u",
                   import->new_chart, summary.sessions, summary.sessions_skipped);
      return FALSE;
    }
  ws->merges++;
  log_line (ws, "merge\t%s\t%u", import->new_chart, summary.sessions_skipped);
  return TRUE;
}

static gboolean
work_as_importer (Workstation  *ws,
                  const char   *document,
                  const char   *chart,
                  GError      **error)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", chart);

  if (strstr (document, quoted) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "the document to import has no chart %s", quoted);
      return FALSE;
    }
  for (guint n = 1; g_get_monotonic_time () < ws->deadline; n++)
    {
      g_autofree char *new_quoted = NULL;
      g_auto(GStrv) parts = g_strsplit (document, quoted, -1);
      Import import = { document, quoted };
      gboolean ok;

      import.new_chart = g_strdup_printf ("%s-%u", ws->tag, n);
      new_quoted = g_strdup_printf ("\"%s\"", import.new_chart);
      import.text = g_strjoinv (new_quoted, parts);
      ok = attempt (ws, import_new_chart, &import, error) &&
           attempt (ws, import_merged, &import, error);
      g_free (import.new_chart);
      g_free (import.text);
      /* Stopped: failed, or out of time (no error). */
      if (!ok)
        return *error == NULL;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *uri = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *document = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  int seconds = 0;
  Workstation ws = { 0 };
  gint64 started;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "uri", 0, 0, G_OPTION_ARG_STRING, &uri, "The clinic server, as the login to work as", "URI" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long to work (wall clock)", "S" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, "Starts the charts this workstation makes", "TAG" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, "Where to log what was committed", "FILE" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path, "Import this document over and over",
      "FILE" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart, "The chart of the --import document", "CHART" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("glide-workstation: %s\n", error->message);
      return 2;
    }
  if (uri == NULL || tag == NULL || log_path == NULL || seconds <= 0 ||
      (import_path != NULL) != (chart != NULL))
    {
      g_printerr ("glide-workstation: needs --uri, --tag, --log, --seconds > 0, and --chart "
                  "with --import\n");
      return 2;
    }
  if (import_path != NULL && !g_file_get_contents (import_path, &document, NULL, &error))
    {
      g_printerr ("glide-workstation: %s\n", error->message);
      return 1;
    }

  if ((store = glide_store_open (uri, &error)) == NULL)
    {
      g_printerr ("glide-workstation %s: %s\n", tag, error->message);
      return 1;
    }
  if ((ws.log = fopen (log_path, "w")) == NULL)
    {
      g_printerr ("glide-workstation %s: cannot write %s\n", tag, log_path);
      return 1;
    }
  ws.store = store;
  ws.tag = tag;
  ws.therapist_id = glide_store_get_actor (store);

  started = g_get_monotonic_time ();
  ws.deadline = started + (gint64) seconds * G_USEC_PER_SEC;
  if (document != NULL)
    ok = work_as_importer (&ws, document, chart, &error);
  else
    ok = work_as_therapist (&ws, &error);
  fclose (ws.log);

  g_print ("%s (%s): %u operations committed in %.1f s (%u patients, %u sessions, %u signed, "
           "%u imports, %u merges), %u retries\n",
           tag, glide_store_get_login (store), ws.operations,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, ws.patients,
           ws.sessions, ws.signatures, ws.imports, ws.merges, ws.retries);
  if (!ok)
    {
      g_printerr ("glide-workstation %s: %s\n", tag, error->message);
      return 1;
    }
  return 0;
}
