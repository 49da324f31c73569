/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-data.c: reads one course for the documents, and the small
 * facts several documents state the same way (areas of a visit in words,
 * treatment minutes, skin response). */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report-data.h"
#include "glide-i18n.h"

#include "glide-date.h"

#include <string.h>


void
glide_report_course_free (GlideReportCourse *self)
{
  if (self == NULL)
    return;
  glide_clinic_free (self->clinic);
  glide_patient_free (self->patient);
  glide_course_free (self->course);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->trends, g_ptr_array_unref);
  g_clear_pointer (&self->therapists, g_hash_table_unref);
  g_clear_pointer (&self->instruments, g_hash_table_unref);
  g_free (self->generated);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->progress_reports, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  glide_discharge_free (self->discharge);
  glide_care_settings_free (self->settings);
  g_free (self);
}

static GHashTable *
index_by_id (GPtrArray      *items,
             gsize           id_offset,
             GDestroyNotify  free_func)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, free_func);

  /* The array only lends its items to the table. */
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      g_hash_table_insert (table, G_STRUCT_MEMBER_P (item, id_offset), item);
    }
  return table;
}

/**
 * glide_report_trim_name:
 * @name: (nullable): a name as stored
 *
 * The name without the white space around it (no-break and em spaces too):
 * a record imported as "  Trim " would otherwise print indented, with a gap
 * before the next word.
 *
 * Returns: (transfer full) (nullable): the trimmed name
 */
char *
glide_report_trim_name (const char *name)
{
  const char *start = name, *end;

  if (name == NULL)
    return NULL;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *before = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (before)))
        break;
      end = before;
    }
  return g_strndup (start, end - start);
}

static void
trim_in_place (char **name)
{
  char *trimmed = glide_report_trim_name (*name);

  g_free (*name);
  *name = trimmed;
}

/**
 * glide_report_course_load:
 * @chart: the patient's chart number
 * @course_number: 1 for the patient's oldest course, 0 for the latest
 */
GlideReportCourse *
glide_report_course_load (GlideStore  *store,
                          const char  *chart,
                          guint        course_number,
                          GError     **error)
{
  g_autoptr(GlideReportCourse) self = g_new0 (GlideReportCourse, 1);
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GPtrArray) instruments = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  g_return_val_if_fail (chart != NULL, NULL);

  if (!(self->clinic = glide_store_get_clinic (store, error)) ||
      !(self->patient = glide_store_find_patient (store, chart, error)) ||
      !(courses = glide_store_list_courses (store, self->patient->id, error)))
    return NULL;
  trim_in_place (&self->patient->family_name);
  trim_in_place (&self->patient->given_name);

  self->n_courses = courses->len;
  if (courses->len == 0)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                   _("Patient %s has no course of treatment yet"), chart);
      return NULL;
    }
  if (course_number > courses->len)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_NOT_FOUND,
                   glide_ngettext ("Patient %s has %u course; there is no course %u",
                                "Patient %s has %u courses; there is no course %u",
                                courses->len),
                   chart, courses->len, course_number);
      return NULL;
    }
  self->course_number = course_number == 0 ? courses->len : course_number;
  self->course = glide_course_copy (g_ptr_array_index (courses, self->course_number - 1));

  if (!(self->sessions = glide_store_list_sessions (store, self->course->id, error)) ||
      !(self->screening = glide_store_list_screening (store, self->patient->id, error)) ||
      !(self->series = glide_store_get_course_series (store, self->course->id, error)) ||
      !(therapists = glide_store_list_therapists (store, TRUE, error)) ||
      !(instruments = glide_store_list_instruments (store, error)) ||
      !(self->goals = glide_store_list_goals (store, self->course->id, error)) ||
      !(self->plans = glide_store_list_care_plans (store, self->course->id, error)) ||
      !(self->progress_reports = glide_store_list_progress_reports (store, self->course->id,
                                                                    error)) ||
      !(self->consents = glide_store_list_consents (store, self->course->id, error)) ||
      !(self->settings = glide_store_get_care_settings (store, error)))
    return NULL;
  {
    GError *local_error = NULL;

    self->discharge = glide_store_get_discharge (store, self->course->id, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, local_error);
        return NULL;
      }
  }

  self->trends = glide_progress_get_trends (self->series);
  self->therapists = index_by_id (therapists, G_STRUCT_OFFSET (GlideTherapist, id),
                                  (GDestroyNotify) glide_therapist_free);
  self->instruments = index_by_id (instruments, G_STRUCT_OFFSET (GlideInstrument, id),
                                   (GDestroyNotify) glide_instrument_free);
  self->generated = glide_datetime_now ();
  return g_steal_pointer (&self);
}

/**
 * glide_report_course_keep_signed:
 *
 * Leaves only the signed sessions, their values in the series and the
 * trends made from them: what the patient is given is what a therapist
 * has finalised. The number of drafts taken out is kept so the document
 * can say so.
 */
void
glide_report_course_keep_signed (GlideReportCourse *self)
{
  g_autoptr(GHashTable) drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_if_fail (self != NULL);

  for (guint i = self->sessions->len; i-- > 0;)
    {
      GlideSession *session = g_ptr_array_index (self->sessions, i);

      if (!glide_session_is_signed (session))
        {
          g_hash_table_add (drafts, g_memdup2 (&session->id, sizeof session->id));
          g_ptr_array_remove_index (self->sessions, i);
          self->n_drafts_left_out++;
        }
    }
  if (self->n_drafts_left_out == 0)
    return;
  for (guint i = self->series->len; i-- > 0;)
    {
      GlideSeries *series = g_ptr_array_index (self->series, i);

      for (guint k = series->points->len; k-- > 0;)
        if (g_hash_table_contains (drafts, &g_array_index (series->points, GlideSeriesPoint,
                                                           k).session_id))
          g_array_remove_index (series->points, k);
      if (series->points->len == 0)
        g_ptr_array_remove_index (self->series, i);
    }
  g_clear_pointer (&self->trends, g_ptr_array_unref);
  self->trends = glide_progress_get_trends (self->series);
}

/* Whether the session (of this course) is a draft. */
gboolean
glide_report_course_is_draft (const GlideReportCourse *self,
                              gint64                   session_id)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (self->sessions, i);

      if (session->id == session_id)
        return !glide_session_is_signed (session);
    }
  return FALSE;
}

const char *
glide_report_course_therapist (const GlideReportCourse *self,
                               gint64                   id)
{
  GlideTherapist *therapist = g_hash_table_lookup (self->therapists, &id);

  return therapist != NULL ? therapist->name : _("unknown therapist");
}

/* "Dana Whitfield, DPT": a therapist as a signature names them. */
char *
glide_report_course_therapist_credentials (const GlideReportCourse *self,
                                           gint64                   id)
{
  GlideTherapist *therapist = g_hash_table_lookup (self->therapists, &id);

  if (therapist == NULL)
    return g_strdup (_("unknown therapist"));
  if (therapist->credentials == NULL || therapist->credentials[0] == '\0')
    return g_strdup (therapist->name);
  return g_strdup_printf ("%s, %s", therapist->name, therapist->credentials);
}

const char *
glide_report_course_instrument (const GlideReportCourse *self,
                                gint64                   id)
{
  GlideInstrument *instrument = g_hash_table_lookup (self->instruments, &id);

  if (id == 0)
    return "";
  return instrument != NULL ? instrument->name : _("unknown tool");
}

/* The therapists who saw the patient in this course, in order of their first
 * visit: "Dana Weber, Luis Ortega". */
char *
glide_report_course_therapist_names (const GlideReportCourse *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (self->sessions, i);

      if (!g_hash_table_add (seen, &session->therapist_id))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, glide_report_course_therapist (self, session->therapist_id));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* "Maria Müller": given name first, as the patient reads it; Chinese,
 * Japanese and Korean names keep the family name first, unspaced: "王芳". */
char *
glide_report_course_patient_name (const GlideReportCourse *self)
{
  if (self->patient->given_name == NULL || self->patient->given_name[0] == '\0')
    return g_strdup (self->patient->family_name);
  if (g_unichar_iswide (g_utf8_get_char (self->patient->family_name)))
    return g_strconcat (self->patient->family_name, self->patient->given_name, NULL);
  /* Translators: a patient's name as a letter addresses them: given name, family name */
  return g_strdup_printf (glide_pgettext ("person's name", "%s %s"), self->patient->given_name,
                          self->patient->family_name);
}

/* Weeks from the first visit of the course to date. */
double
glide_report_course_weeks (const GlideReportCourse *self,
                           const char              *date)
{
  GlideSession *first;

  if (self->sessions->len == 0)
    return 0;
  first = g_ptr_array_index (self->sessions, 0);
  return glide_date_days_between (first->start, date) / 7.0;
}

/* How many visits treated each area of the figure (figure area order). */
guint *
glide_report_course_area_visits (const GlideReportCourse *self,
                                 const GlideFigure       *figure)
{
  guint *visits = g_new0 (guint, glide_figure_get_n_areas (figure));

  for (guint i = 0; i < self->sessions->len; i++)
    {
      GlideSession *session = g_ptr_array_index (self->sessions, i);

      for (guint k = 0; k < session->treatments->len; k++)
        {
          GlideTreatment *t = g_ptr_array_index (session->treatments, k);
          int area = glide_figure_lookup (figure, t->site, t->side);

          /* A session names each area once (the store keeps it so). */
          if (area >= 0)
            visits[area]++;
        }
    }
  return visits;
}

/* The areas of a visit in words, all or only those with petechiae:
 * "Calf, left; Achilles tendon, left" (labels hold commas, so a semicolon
 * separates them). */
static char *
join_areas (const GlideSession *session,
            gboolean            petechiae_only,
            gboolean            plain)
{
  g_autoptr(GString) areas = g_string_new (NULL);

  for (guint k = 0; k < session->treatments->len; k++)
    {
      GlideTreatment *t = g_ptr_array_index (session->treatments, k);
      g_autofree char *label = NULL;

      if (petechiae_only && !t->petechiae)
        continue;
      label = plain ? g_strdup (glide_area_get_plain_label (t->site, t->side))
                    : glide_area_get_label (t->site, t->side);
      if (areas->len > 0)
        g_string_append (areas, "; ");
      g_string_append (areas, label);
    }
  return g_string_free (g_steal_pointer (&areas), FALSE);
}

char *
glide_report_session_areas (const GlideSession *session)
{
  return join_areas (session, FALSE, FALSE);
}

/* The areas of a visit in the patient's words, as a table cell: "Your left
 * calf; the sole of your left foot". */
char *
glide_report_session_plain_areas (const GlideSession *session)
{
  g_autofree char *areas = join_areas (session, FALSE, TRUE);
  gunichar first = g_utf8_get_char (areas);
  char upper[8] = { 0 };

  if (areas[0] == '\0')
    return g_steal_pointer (&areas);
  g_unichar_to_utf8 (g_unichar_totitle (first), upper);
  return g_strconcat (upper, g_utf8_next_char (areas), NULL);
}

/* "" when the visit had none. */
char *
glide_report_session_petechiae (const GlideSession *session)
{
  return join_areas (session, TRUE, FALSE);
}

/* Total treatment time of a visit: "6 min", "3 min 10 s", "45 s" (not
 * "3.2", which reads as 3 minutes 20). */
char *
glide_report_session_minutes (const GlideSession *session)
{
  gint64 seconds = 0;

  for (guint k = 0; k < session->treatments->len; k++)
    seconds += ((GlideTreatment *) g_ptr_array_index (session->treatments, k))->duration_s;
  if (seconds < 60)
    /* Translators: a treatment time under a minute */
    return g_strdup_printf (_("%u s"), (guint) seconds);
  if (seconds % 60 == 0)
    /* Translators: a treatment time in whole minutes */
    return g_strdup_printf (_("%u min"), (guint) (seconds / 60));
  /* Translators: a treatment time in minutes and seconds */
  return g_strdup_printf (_("%u min %u s"), (guint) (seconds / 60), (guint) (seconds % 60));
}

/* The skin after treatment, for the patient: the strongest redness seen and
 * where petechiae appeared. "Mild redness; petechiae: your left calf". */
char *
glide_report_session_skin (const GlideSession *session)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *petechiae = join_areas (session, TRUE, TRUE);
  int worst = -1;
  gboolean unassessable = FALSE;

  for (guint k = 0; k < session->treatments->len; k++)
    {
      GlideTreatment *t = g_ptr_array_index (session->treatments, k);

      if (t->redness == GLIDE_REDNESS_NOT_ASSESSABLE)
        unassessable = TRUE;
      else
        worst = MAX (worst, (int) t->redness);
    }

  switch (worst)
    {
    case GLIDE_REDNESS_MILD:
      g_string_append (text, _("Mild redness"));
      break;
    case GLIDE_REDNESS_MODERATE:
      g_string_append (text, _("Moderate redness"));
      break;
    case GLIDE_REDNESS_MARKED:
      g_string_append (text, _("Marked redness"));
      break;
    case GLIDE_REDNESS_NONE:
      g_string_append (text, _("No redness"));
      break;
    default:
      if (unassessable)
        g_string_append (text, _("Redness not assessable"));
      break;
    }
  if (petechiae[0] != '\0')
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: followed by the areas where petechiae appeared */
      g_string_append_printf (text, _("petechiae: %s"), petechiae);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Knee flexion, right"; "Pain". */
char *
glide_report_measure_label (GlideMeasure measure,
                            GlideSide    side)
{
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_MEASURE, measure);

  if (side == GLIDE_SIDE_LEFT || side == GLIDE_SIDE_RIGHT)
    /* Translators: a measure and the side it was taken on: "Knee flexion, right" */
    return g_strdup_printf (_("%s, %s"), label, glide_side_get_phrase (side));
  return g_strdup (label);
}
