/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-caseload.c: the clinic manager's caseload overview, one row
 * per course seen in the period, on landscape pages. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-progress.h"

#include <math.h>
#include <string.h>

typedef struct
{
  guint courses;
  guint visits;
  guint visits_in_period;
  guint unsigned_sessions;
  guint petechiae_sessions;
  guint by_verdict[GLIDE_VERDICT_WORSE + 1];
  guint no_pain_at_first;
  guint unjudged;
} Totals;

/* "3 Mar 2026" for a visit date, formatted once per date: a caseload of
 * 20,000 courses shows 40,000 dates, of a few hundred days. */
static char *
format_date (GHashTable *dates,
             const char *date)
{
  const char *text = g_hash_table_lookup (dates, date);

  if (text == NULL)
    {
      char *formatted = glide_date_format_long (date);

      g_hash_table_insert (dates, g_strdup (date), formatted);
      text = formatted;
    }
  return g_strdup (text);
}

/* "Family, Given" as every table of the document prints a course's patient. */
static char *
patient_name (const GlideCaseloadRow *row)
{
  g_autofree char *family = glide_report_trim_name (row->family_name);
  g_autofree char *given = glide_report_trim_name (row->given_name);

  return glide_patient_get_display_name (&(GlidePatient) { .family_name = family,
                                                           .given_name = given });
}

static char **
course_row (const GlideCaseloadRow *row,
            GHashTable             *therapists,
            GHashTable             *dates,
            Totals                 *totals)
{
  GlideTherapist *therapist = g_hash_table_lookup (therapists, &row->therapist_id);
  char **cells = g_new0 (char *, 12);
  gboolean judged = row->n_pain >= 2;

  cells[0] = g_strdup (therapist ? therapist->name : _("unknown therapist"));
  cells[1] = g_strdup (row->chart);
  cells[2] = patient_name (row);
  cells[3] = g_strdup (row->diagnosis);
  cells[4] = g_strdup_printf ("%u (%u)", row->visits, row->visits_in_period);
  cells[5] = format_date (dates, row->first_visit);
  cells[6] = format_date (dates, row->last_visit);
  if (row->n_pain == 0)
    {
      cells[7] = g_strdup ("–");
      /* Drafts' values may still change, so they are not shown as the
       * course's pain; but "none recorded" would be untrue. */
      cells[8] = g_strdup (row->n_draft_pain > 0 ? _("only in unsigned visits") :
                           _("no pain recorded"));
    }
  else if (!judged)
    {
      cells[7] = glide_progress_format_value (GLIDE_MEASURE_PAIN, row->first_pain);
      cells[8] = g_strdup (_("one value"));
    }
  else
    {
      g_autofree char *first = glide_progress_format_value (GLIDE_MEASURE_PAIN, row->first_pain);
      g_autofree char *latest = glide_progress_format_value (GLIDE_MEASURE_PAIN, row->latest_pain);
      g_autofree char *change = glide_progress_format_change (GLIDE_MEASURE_PAIN,
                                                              row->latest_pain - row->first_pain);
      GlideVerdict verdict = glide_rules_judge_change (GLIDE_MEASURE_PAIN, row->first_pain,
                                                       row->latest_pain, row->pain_same_rater);
      GlideTrend trend = { .measure = GLIDE_MEASURE_PAIN, .first = row->first_pain };

      cells[7] = g_strdup_printf ("%s → %s (%s)", first, latest, change);
      /* Pain that starts at 0 cannot improve: "not yet" would count it
       * among the patients still waiting for a meaningful change. */
      if (verdict != GLIDE_VERDICT_WORSE && !glide_progress_has_threshold (&trend))
        {
          cells[8] = g_strdup (_("no pain at first"));
          totals->no_pain_at_first++;
        }
      else
        {
          cells[8] = g_strdup (glide_progress_verdict_label (verdict));
          totals->by_verdict[verdict]++;
        }
    }
  if (!judged)
    totals->unjudged++;
  cells[9] = g_strdup_printf ("%u", row->unsigned_sessions);
  cells[10] = g_strdup_printf ("%u", row->petechiae_sessions);

  totals->courses++;
  totals->visits += row->visits;
  totals->visits_in_period += row->visits_in_period;
  totals->unsigned_sessions += row->unsigned_sessions;
  totals->petechiae_sessions += row->petechiae_sessions;
  return cells;
}

/* What a course's progress report needs: "Overdue", "Due at the next
 * visit", "Due by 21 Nov 2026"; NULL when nothing is due. */
static char *
report_due_text (const GlideCaseloadRow *row)
{
  g_autofree char *date = row->report_due_date ? glide_date_format_long (row->report_due_date)
                                               : NULL;

  switch (row->report_due)
    {
    case GLIDE_REPORT_OVERDUE:
      return date ? g_strdup_printf (_("Overdue (due by %s)"), date) : g_strdup (_("Overdue"));
    case GLIDE_REPORT_DUE:
      return date ? g_strdup_printf (_("Due by %s"), date) : g_strdup (_("Due at the next visit"));
    case GLIDE_REPORT_NOT_DUE:
    default:
      return NULL;
    }
}

static char *
recert_due_text (const GlideCaseloadRow *row)
{
  g_autofree char *end = row->cert_end ? glide_date_format_long (row->cert_end) : NULL;

  switch (row->recert_due)
    {
    case GLIDE_REPORT_OVERDUE:
      return g_strdup_printf (_("Overdue (ended %s)"), end);
    case GLIDE_REPORT_DUE:
      return g_strdup_printf (_("Due (ends %s)"), end);
    case GLIDE_REPORT_NOT_DUE:
    default:
      return NULL;
    }
}

/* The active courses whose progress report is due or overdue, or whose
 * plan of care needs re-certifying, at the end of the period. */
static void
add_care_due (GlideReportDocument *doc,
              GPtrArray           *rows,
              GHashTable          *therapists)
{
  const GlideReportColumn columns[] = {
    { _("Therapist"), 1.6, GLIDE_ALIGN_START },
    { _("Chart"), 1.0, GLIDE_ALIGN_START },
    { _("Patient"), 2.0, GLIDE_ALIGN_START },
    { _("Diagnosis"), 2.4, GLIDE_ALIGN_START },
    { _("Progress report"), 2.2, GLIDE_ALIGN_START },
    { _("Plan of care re-certification"), 2.2, GLIDE_ALIGN_START },
  };
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < rows->len; i++)
    {
      const GlideCaseloadRow *row = g_ptr_array_index (rows, i);
      GlideTherapist *therapist = g_hash_table_lookup (therapists, &row->therapist_id);
      char *report = report_due_text (row);
      char *recert = recert_due_text (row);

      if (report == NULL && recert == NULL)
        continue;
      g_ptr_array_add (table, glide_report_row (
        6, g_strdup (therapist ? therapist->name : "–"), g_strdup (row->chart),
        patient_name (row), g_strdup (row->diagnosis),
        report ? report : g_strdup ("–"), recert ? recert : g_strdup ("–")));
    }

  glide_report_document_text (doc, GLIDE_REPORT_TEXT_HEADING,
                              _("Progress reports and plans of care due"));
  if (table->len == 0)
    {
      glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                  _("No course has a progress report due or a plan of care to "
                                    "re-certify at the end of the period."));
      return;
    }
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                              _("Active courses at the end of the period whose progress report "
                                "is due (at the next visit, the clinic's interval of visits "
                                "since the last report, or the date the therapist set) or "
                                "overdue, or whose plan of care ends within two weeks or has "
                                "ended."));
  glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), table, 0);
}

/**
 * glide_report_caseload_build:
 * @rows: (element-type GlideCaseloadRow): from glide_store_list_caseload()
 * @therapists: therapist id -> GlideTherapist
 *
 * A landscape table of the courses, totals at the end.
 */
GlideReportDocument *
glide_report_caseload_build (const GlideClinic  *clinic,
                             GPtrArray          *rows,
                             GHashTable         *therapists,
                             const char         *from,
                             const char         *to,
                             GlidePaper          paper,
                             gboolean            record,
                             GError            **error)
{
  const GlideReportColumn columns[] = {
    { _("Therapist"), 1.5, GLIDE_ALIGN_START },
    { _("Chart"), 0.9, GLIDE_ALIGN_START, FALSE, TRUE },
    { _("Patient"), 1.9, GLIDE_ALIGN_START },
    { _("Diagnosis"), 2.2, GLIDE_ALIGN_START },
    { _("Visits (in period)"), 0.9, GLIDE_ALIGN_END, FALSE, TRUE },
    { _("First visit"), 1.1, GLIDE_ALIGN_START, FALSE, TRUE },
    { _("Last visit"), 1.1, GLIDE_ALIGN_START, FALSE, TRUE },
    { _("Pain first → latest"), 1.4, GLIDE_ALIGN_START, FALSE, TRUE },
    { _("Pain verdict"), 1.1, GLIDE_ALIGN_START },
    { _("Unsigned"), 0.75, GLIDE_ALIGN_END },
    { _("Petechiae"), 0.75, GLIDE_ALIGN_END },
  };
  g_autoptr(GlideReportDocument) doc = glide_report_document_new (paper, TRUE, record, error);
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *now = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *period = NULL;
  Totals totals = { 0 };

  if (doc == NULL)
    return NULL;

  /* A period that has not begun has no visits yet: an empty overview would
   * look like a clinic that saw no one. */
  {
    g_autofree char *today = glide_date_today ();

    if (strcmp (from, today) > 0)
      {
        g_set_error (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
                     _("The period starts on %s, after today (%s): a caseload overview covers "
                       "visits that have happened"), from, today);
        return NULL;
      }
  }

  now = glide_datetime_now ();
  from_text = glide_date_format_long (from);
  to_text = glide_date_format_long (to);
  /* Translators: the period of the caseload overview: "1 Sep 2026 to 30 Nov 2026" */
  period = g_strdup_printf (_("%s to %s"), from_text, to_text);

  {
    g_autofree char *title = g_strdup_printf (_("Caseload overview, %s"), period);

    glide_report_document_set_info (doc, title, clinic->name, _("Caseload overview"));
  }
  glide_report_set_footer (doc, clinic, now);
  glide_report_add_letterhead (doc, clinic, _("Caseload overview"));
  {
    g_autofree char *today = glide_date_today ();
    g_autofree char *today_text = glide_date_format_long (today);
    /* A period that runs on past today counts the visits up to today. */
    g_autofree char *line = strcmp (to, today) > 0 ?
      /* Translators: the period, then today's date */
      g_strdup_printf (_("Period: %s (visits up to today, %s)"), period, today_text) :
      g_strdup_printf (_("Period: %s"), period);

    glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, line);
  }
  glide_report_document_text (doc, GLIDE_REPORT_TEXT_MUTED,
                              /* xgettext:no-c-format */
                              _("One row per course with a session in the period, as it stood at "
                                "the end of the period; sorted by therapist (who saw the patient "
                                "most often; on a tie, the one who saw the patient first), then "
                                "patient. Visits: all sessions of the course up to the end of the "
                                "period, those in the period in brackets. Pain: first to latest "
                                "pre-treatment value of the signed visits; meaningful when the "
                                "drop reaches the MCID (2 points or 30 % of the first value), "
                                "worse when pain rose by 2 points or more. Unsigned and Petechiae count the sessions in "
                                "the period: those still unsigned today, and those with "
                                "petechiae."));

  table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < rows->len; i++)
    {
      const GlideCaseloadRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (table, course_row (row, therapists, dates, &totals));
      glide_report_document_add_chart (doc, row->chart);
    }

  if (rows->len == 0)
    glide_report_document_text (doc, GLIDE_REPORT_TEXT_BODY,
                                _("No course had a session in this period."));
  else
    {
      g_ptr_array_add (table, glide_report_row (
        11,
        g_strdup (_("Total")), g_strdup (""),
        g_strdup_printf (glide_ngettext ("%u course", "%u courses", totals.courses),
                         totals.courses),
        g_strdup (""),
        g_strdup_printf ("%u (%u)", totals.visits, totals.visits_in_period),
        g_strdup (""), g_strdup (""), g_strdup (""), g_strdup (""),
        g_strdup_printf ("%u", totals.unsigned_sessions),
        g_strdup_printf ("%u", totals.petechiae_sessions)));
      glide_report_document_table (doc, columns, G_N_ELEMENTS (columns), table, 1);

      glide_report_document_text (doc, GLIDE_REPORT_TEXT_SUBHEADING, _("Totals"));
      {
        g_autofree char *courses = g_strdup_printf ("%u", totals.courses);
        g_autofree char *visits = g_strdup_printf (_("%u in the period, %u in these courses so far"),
                                                   totals.visits_in_period, totals.visits);
        g_autofree char *meaningful = g_strdup_printf ("%u", totals.by_verdict[GLIDE_VERDICT_IMPROVED]);
        g_autofree char *not_yet = g_strdup_printf ("%u", totals.by_verdict[GLIDE_VERDICT_NOT_YET]);
        g_autofree char *worse = g_strdup_printf ("%u", totals.by_verdict[GLIDE_VERDICT_WORSE]);
        g_autofree char *no_pain = g_strdup_printf ("%u", totals.no_pain_at_first);
        g_autofree char *unjudged = g_strdup_printf ("%u", totals.unjudged);
        g_autofree char *unsigned_text = g_strdup_printf ("%u", totals.unsigned_sessions);
        g_autofree char *petechiae = g_strdup_printf ("%u", totals.petechiae_sessions);
        const char *fields[] = {
          _("Courses"), courses,
          _("Visits"), visits,
          _("Pain: meaningful improvement"), meaningful,
          _("Pain: not yet meaningful"), not_yet,
          _("Pain: worse"), worse,
          _("Pain: none at the first visit"), no_pain,
          _("Pain: fewer than two values"), unjudged,
          _("Unsigned sessions in the period"), unsigned_text,
          _("Sessions with petechiae in the period"), petechiae,
          NULL,
        };

        glide_report_document_fields (doc, fields);
      }
      add_care_due (doc, rows, therapists);
    }
  return g_steal_pointer (&doc);
}
