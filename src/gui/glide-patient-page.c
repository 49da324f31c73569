/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-patient-page.c: the patient page. Everything shown is read back from
 * the store after each change, so the page never shows what was not stored. */

#define G_LOG_DOMAIN "glide-patient-page"

#include "config.h"

#include "glide-patient-page.h"

#include "glide-accessible.h"
#include "glide-alert-rows.h"
#include "glide-date.h"
#include "glide-export.h"
#include "glide-report-data.h"
#include "glide-rules.h"
#include "glide-trend-chart.h"

#include "glide-application.h"

#include <glib/gi18n.h>
#include <math.h>

struct _GlidePatientPage
{
  AdwBin              parent_instance;

  GlideStore         *store;
  GSettings          *settings;
  GlidePatient       *patient;
  GPtrArray          *courses;       /* GlideCourse, oldest first */
  gint64              course_id;     /* selected course, 0: none */
  GPtrArray          *sessions;      /* GlideSession of the selected course */
  GPtrArray          *screening;     /* GlideScreening */
  GHashTable         *therapists;    /* id -> name */
  GlideReportCourse  *report;
  GString            *alerts_text;
  char               *refusal;       /* why no new session can start, or NULL */
  gboolean            folded;
  gboolean            updating;

  GPtrArray          *course_rows;
  GPtrArray          *session_rows;
  GtkCheckButton     *condition_checks[GLIDE_CONDITION_THROMBOPHLEBITIS + 1];
  AdwActionRow       *condition_rows[GLIDE_CONDITION_THROMBOPHLEBITIS + 1];

  AdwWindowTitle     *title_widget;
  GtkListBox         *alerts;
  AdwActionRow       *identity_row;
  AdwPreferencesGroup *courses_group;
  AdwPreferencesGroup *sessions_group;
  GtkDropDown        *series_drop_down;
  GtkScrolledWindow  *page_scroller;
  GlideTrendChart    *trend_chart;
  AdwExpanderRow     *precautions_row;
  AdwExpanderRow     *contraindications_row;
  GtkWidget          *new_session_button;
  GtkWidget          *copy_session_button;
  GtkWidget          *add_course_button;
  GtkWidget          *edit_patient_button;
  AdwPreferencesGroup *screening_group;
};

G_DEFINE_FINAL_TYPE (GlidePatientPage, glide_patient_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SESSION_REQUESTED,
  PATIENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define N_CONDITIONS (GLIDE_CONDITION_THROMBOPHLEBITIS + 1)

/* ---- helpers ------------------------------------------------------------------ */

/* Whether this login changes clinical records: on a clinic server a manager
 * (or a login granted nothing) reads and prints only; the page then offers
 * no control the server would refuse. On SQLite the file's user does all. */
static gboolean
may_write (GlidePatientPage *self)
{
  return self->store == NULL ||
         glide_store_role_writes_records (glide_store_get_role (self->store));
}

static const GlideCourse *
find_course (GlidePatientPage *self,
             gint64            id,
             guint            *number)
{
  for (guint i = 0; self->courses != NULL && i < self->courses->len; i++)
    {
      const GlideCourse *course = g_ptr_array_index (self->courses, i);

      if (course->id == id)
        {
          if (number != NULL)
            *number = i + 1;
          return course;
        }
    }
  return NULL;
}

static const char *
therapist_name (GlidePatientPage *self,
                gint64            id)
{
  const char *name = g_hash_table_lookup (self->therapists, &id);

  return name ? name : _("unknown therapist");
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
make_badge (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, style);
  return label;
}

static char *
describe_course (const GlideCourse *course)
{
  GString *s = g_string_new (NULL);
  g_autofree char *start = course->start_date ? glide_date_format_long (course->start_date) : NULL;
  g_autofree char *end = course->end_date ? glide_date_format_long (course->end_date) : NULL;

  if (course->icd10 != NULL)
    g_string_append_printf (s, "%s · ", course->icd10);
  if (start != NULL && end != NULL)
    /* Translators: a course's dates */
    g_string_append_printf (s, _("%s to %s, discharged"), start, end);
  else if (start != NULL)
    g_string_append_printf (s, _("since %s, active"), start);
  else
    g_string_append (s, glide_course_is_active (course) ? _("active") : _("discharged"));
  if (course->goals != NULL && *course->goals != '\0')
    g_string_append_printf (s, "\n%s %s", _("Goals:"), course->goals);
  return g_string_free (s, FALSE);
}

static char *
format_pain (const GlideSession *session)
{
  const GlideMeasurement *pre = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                GLIDE_SIDE_NONE, GLIDE_TIMING_PRE);
  const GlideMeasurement *post = glide_session_find_measurement (session, GLIDE_MEASURE_PAIN,
                                                                 GLIDE_SIDE_NONE, GLIDE_TIMING_POST);
  char a[G_ASCII_DTOSTR_BUF_SIZE] = "–", b[G_ASCII_DTOSTR_BUF_SIZE] = "–";

  if (pre == NULL && post == NULL)
    return g_strdup (_("pain not recorded"));
  if (pre != NULL)
    g_snprintf (a, sizeof a, "%g", pre->value);
  if (post != NULL)
    g_snprintf (b, sizeof b, "%g", post->value);
  /* Translators: pain before → after treatment, e.g. "pain 6 → 4" */
  return g_strdup_printf (_("pain %s → %s"), a, b);
}

/* ---- filling -------------------------------------------------------------------- */

static void
fill_alerts (GlidePatientPage *self)
{
  glide_alert_rows_clear (self->alerts);
  g_string_truncate (self->alerts_text, 0);
  glide_alert_rows_add_screening (self->alerts, self->screening, TRUE, self->alerts_text);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts), self->alerts_text->len > 0);
}

static const GlideScreening *
find_screening (GlidePatientPage *self,
                GlideCondition    condition)
{
  for (guint i = 0; self->screening != NULL && i < self->screening->len; i++)
    if (((GlideScreening *) g_ptr_array_index (self->screening, i))->condition == condition)
      return g_ptr_array_index (self->screening, i);
  return NULL;
}

static void
fill_screening (GlidePatientPage *self)
{
  guint n_precautions = 0, n_contra = 0;
  g_autofree char *p = NULL, *c = NULL;

  self->updating = TRUE;
  for (guint condition = 0; condition < N_CONDITIONS; condition++)
    {
      const GlideScreening *found = find_screening (self, condition);
      g_autofree char *subtitle = NULL;

      gtk_check_button_set_active (self->condition_checks[condition], found && found->present);
      gtk_widget_set_sensitive (GTK_WIDGET (self->condition_checks[condition]), may_write (self));
      if (found != NULL)
        {
          g_autofree char *date = found->recorded ? glide_date_format_long (found->recorded) : NULL;
          const char *who = found->recorded_by ? therapist_name (self, found->recorded_by) : NULL;

          /* Translators: screening: "Present, recorded by Dana Whitfield on 3 March 2026" */
          subtitle = g_strdup_printf ("%s%s%s%s%s",
                                      found->present ? _("Present") : _("Absent"),
                                      who ? _(", recorded by ") : "", who ? who : "",
                                      date ? _(" on ") : "", date ? date : "");
          if (found->note != NULL && *found->note != '\0')
            {
              char *with_note;

              /* Translators: the screening line, then the condition's note */
              with_note = g_strdup_printf (_("%s\nNote: %s"), subtitle, found->note);
              g_free (subtitle);
              subtitle = with_note;
            }
          if (found->present)
            {
              if (glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION)
                n_contra++;
              else
                n_precautions++;
            }
        }
      adw_action_row_set_subtitle (self->condition_rows[condition],
                                   subtitle ? subtitle : _("Not screened"));
    }
  self->updating = FALSE;

  p = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on file", "%u on file", n_precautions),
                       n_precautions);
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u on file", "%u on file", n_contra), n_contra);
  adw_expander_row_set_subtitle (self->precautions_row, p);
  adw_expander_row_set_subtitle (self->contraindications_row, c);
}

static void
on_course_row_activated (AdwActionRow     *row,
                         GlidePatientPage *self)
{
  glide_patient_page_select_course (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")));
}

static void
fill_courses (GlidePatientPage *self)
{
  remove_rows (self->courses_group, self->course_rows);

  for (guint i = 0; i < self->courses->len; i++)
    {
      const GlideCourse *course = g_ptr_array_index (self->courses, i);
      g_autofree char *subtitle = describe_course (course);
      g_autofree char *edit_target = g_strdup_printf ("patient.edit-course(int64 %" G_GINT64_FORMAT ")", course->id);
      g_autofree char *discharge_target = g_strdup_printf ("patient.discharge-course(int64 %" G_GINT64_FORMAT ")", course->id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), course->diagnosis);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) course->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_course_row_activated), self);

      gtk_widget_set_opacity (mark, course->id == self->course_id ? 1 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      course->id == self->course_id ? _("Selected") : "", -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark);

      if (!may_write (self))
        ;  /* read only: no edit or discharge buttons */
      else if (glide_course_is_active (course))
        {
          GtkWidget *discharge = gtk_button_new_with_mnemonic (_("_Discharge"));

          gtk_widget_set_valign (discharge, GTK_ALIGN_CENTER);
          gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (discharge), discharge_target);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), discharge);
        }
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Course"));
      glide_accessible_set_label (edit, _("Edit Course"));
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (edit), edit_target);
      gtk_widget_set_visible (edit, may_write (self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

      adw_preferences_group_add (self->courses_group, row);
      g_ptr_array_add (self->course_rows, row);
    }

  if (self->courses->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No course yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   may_write (self) ?
                                   _("Add a course with the diagnosis before the first session.") :
                                   _("None was documented yet."));
      adw_preferences_group_add (self->courses_group, row);
      g_ptr_array_add (self->course_rows, row);
    }
}

static void
on_session_row_activated (AdwActionRow     *row,
                          GlidePatientPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  g_signal_emit (self, signals[SESSION_REQUESTED], 0, self->course_id, id, (gint64) 0);
}

/* Adds a row to the session list that opens session @id (0: a new session
 * in the course, which takes any typing kept for it), then the badges:
 * text and style pairs, ending with NULL. */
static void
add_session_row (GlidePatientPage *self,
                 const char       *title,
                 const char       *subtitle,
                 gint64            id,
                 ...)
{
  GtkWidget *row = adw_action_row_new ();
  const char *badge;
  va_list badges;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  va_start (badges, id);
  while ((badge = va_arg (badges, const char *)) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_badge (badge, va_arg (badges, const char *)));
  va_end (badges);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (row, "activated", G_CALLBACK (on_session_row_activated), self);
  adw_preferences_group_add (self->sessions_group, row);
  g_ptr_array_add (self->session_rows, row);
}

static void
fill_sessions (GlidePatientPage *self)
{
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GHashTable) unsaved = g_hash_table_new (g_str_hash, g_str_equal); /* key -> saved at */
  g_autofree char *new_key = course ? glide_recovery_key (course->id, 0) : NULL;
  const char *kept_at;

  remove_rows (self->sessions_group, self->session_rows);

  if (course != NULL)
    /* Translators: the heading of the session list, with the course's diagnosis */
    title = g_strdup_printf (_("Sessions: %s"), course->diagnosis);
  adw_preferences_group_set_title (self->sessions_group, title ? title : _("Sessions"));

  /* Typing kept because it was not yet a valid draft (Glide closed or was
   * killed): shown, so it is finished or discarded, not forgotten. */
  kept = glide_store_list_recovery (self->store, NULL);
  for (guint i = 0; course != NULL && kept != NULL && i < kept->len; i++)
    {
      const GlideRecovery *recovery = g_ptr_array_index (kept, i);

      g_hash_table_insert (unsaved, recovery->key, recovery->saved_at);
    }
  if (course != NULL && (kept_at = g_hash_table_lookup (unsaved, new_key)) != NULL)
    {
      g_autofree char *when = glide_datetime_format_long (kept_at);
      g_autofree char *subtitle =
        /* Translators: %s is a date and time */
        g_strdup_printf (_("Typed until %s, not yet a valid draft. Open it to finish it or discard it."),
                         when);

      add_session_row (self, _("Unsaved new session"), subtitle, 0, _("Unsaved"), "warning", NULL);
    }

  /* Newest first: the one a therapist wants is usually the last. */
  for (guint i = self->sessions ? self->sessions->len : 0; i-- > 0;)
    {
      g_autofree char *key = NULL;
      const GlideSession *session = g_ptr_array_index (self->sessions, i);
      g_autofree char *when = glide_datetime_format_long (session->start);
      g_autofree char *areas = glide_report_session_areas (session);
      g_autofree char *pain = format_pain (session);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s",
                                                   therapist_name (self, session->therapist_id),
                                                   pain, areas);
      gboolean is_signed = glide_session_is_signed (session);
      const char *state = is_signed ? _("Signed") : _("Draft");
      const char *state_style = is_signed ? "success" : "warning";

      key = glide_recovery_key (self->course_id, session->id);
      if (g_hash_table_contains (unsaved, key))
        add_session_row (self, when, subtitle, session->id, _("Unsaved changes"), "warning",
                         state, state_style, NULL);
      else
        add_session_row (self, when, subtitle, session->id, state, state_style, NULL);
    }

  if (self->session_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No sessions yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   course == NULL ? _("Sessions belong to a course; add one first.") :
                                   !glide_course_is_active (course) ?
                                   _("None was documented before the discharge.") :
                                   !may_write (self) ? _("None was documented yet.") :
                                   _("Press Ctrl+Shift+N to document the first one."));
      adw_preferences_group_add (self->sessions_group, row);
      g_ptr_array_add (self->session_rows, row);
    }
}

static void
fill_trend (GlidePatientPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint number = 0;

  g_clear_pointer (&self->report, glide_report_course_free);
  if (find_course (self, self->course_id, &number) != NULL)
    self->report = glide_report_course_load (self->store, self->patient->chart, number, NULL);
  glide_trend_chart_set_course (self->trend_chart, self->report);

  for (guint i = 0; i < glide_trend_chart_get_n_series (self->trend_chart); i++)
    gtk_string_list_append (labels, glide_trend_chart_get_series_label (self->trend_chart, i));
  gtk_drop_down_set_model (self->series_drop_down, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->series_drop_down, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->series_drop_down),
                          glide_trend_chart_get_n_series (self->trend_chart) > 1);
}

static void
update_actions (GlidePatientPage *self)
{
  gboolean has_patient = self->patient != NULL;
  const GlideCourse *course = find_course (self, self->course_id, NULL);
  gboolean has_course = course != NULL;
  gboolean open_course = course != NULL && glide_course_is_active (course);
  gboolean has_sessions = self->sessions != NULL && self->sessions->len > 0;
  const char *refusal = glide_patient_page_get_new_session_refusal (self);
  gboolean writer = may_write (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit", has_patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.add-course", has_patient && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit-course", writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.discharge-course", writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit-screening-note", writer);
  /* A discharged course takes no new sessions; its drafts can still be opened and signed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.new-session", open_course && writer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.copy-last-session",
                                 open_course && has_sessions && writer);
  /* A login that reads only is offered nothing to write, not greyed-out
   * buttons; the sessions' heading says why. */
  gtk_widget_set_visible (self->new_session_button, writer);
  gtk_widget_set_visible (self->copy_session_button, writer);
  gtk_widget_set_visible (self->add_course_button, writer);
  gtk_widget_set_visible (self->edit_patient_button, writer);
  adw_preferences_group_set_description (self->screening_group, writer ?
                                         _("Conditions that call for care (precautions) or rule IASTM out over the area (contraindications). Tick what applies; each change is recorded with your name and the date.") :
                                         _("Conditions that call for care (precautions) or rule IASTM out over the area (contraindications), as the therapists recorded them."));
  gtk_widget_set_tooltip_text (self->new_session_button,
                               refusal ? refusal : _("Document a new session (Ctrl+Shift+N)"));
  gtk_widget_set_tooltip_text (self->copy_session_button,
                               refusal ? refusal :
                               _("Start a session with the last signed one’s areas and settings; "
                                 "outcomes stay empty (Ctrl+Shift+C)"));
  adw_preferences_group_set_description (self->sessions_group, has_course ? refusal : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-progress", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-summary", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.print", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.print-summary", has_course);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.export-json", has_patient);
}

static void
load_sessions (GlidePatientPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  if (self->course_id != 0)
    {
      self->sessions = glide_store_list_sessions (self->store, self->course_id, &error);
      if (self->sessions == NULL)
        glide_gui_toast (GTK_WIDGET (self), error->message);
    }
  fill_courses (self);
  fill_sessions (self);
  fill_trend (self);
  update_actions (self);
}

static gboolean
load (GlidePatientPage  *self,
      const char        *chart,
      GError           **error)
{
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) screening = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  gboolean keep_course;

  if (!(patient = glide_store_find_patient (self->store, chart, error)) ||
      !(courses = glide_store_list_courses (self->store, patient->id, error)) ||
      !(screening = glide_store_list_screening (self->store, patient->id, error)) ||
      !(therapists = glide_store_list_therapists (self->store, TRUE, error)))
    return FALSE;

  keep_course = self->patient != NULL && self->patient->id == patient->id;
  g_clear_pointer (&self->patient, glide_patient_free);
  self->patient = g_steal_pointer (&patient);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  self->courses = g_steal_pointer (&courses);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  self->screening = g_steal_pointer (&screening);
  g_hash_table_remove_all (self->therapists);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (self->therapists, g_memdup2 (&t->id, sizeof t->id), g_strdup (t->name));
    }

  /* The active course, or the latest one. */
  if (!keep_course || find_course (self, self->course_id, NULL) == NULL)
    {
      self->course_id = 0;
      for (guint i = 0; i < self->courses->len; i++)
        {
          const GlideCourse *course = g_ptr_array_index (self->courses, i);

          if (self->course_id == 0 || glide_course_is_active (course))
            self->course_id = course->id;
          if (i + 1 == self->courses->len && self->course_id == 0)
            self->course_id = course->id;
        }
      if (self->courses->len > 0 && find_course (self, self->course_id, NULL) == NULL)
        self->course_id = ((GlideCourse *) g_ptr_array_index (self->courses, self->courses->len - 1))->id;
    }

  name = glide_patient_get_display_name (self->patient);
  adw_window_title_set_title (self->title_widget, name);
  adw_window_title_set_subtitle (self->title_widget, self->patient->chart);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->identity_row), name);
  if (self->patient->birth_date != NULL)
    {
      g_autofree char *born = glide_date_format_long (self->patient->birth_date);

      /* Translators: chart number and date of birth */
      details = g_strdup_printf (_("Chart %s · born %s"), self->patient->chart, born);
    }
  else
    details = g_strdup_printf (_("Chart %s"), self->patient->chart);
  adw_action_row_set_subtitle (self->identity_row, details);

  fill_alerts (self);
  fill_screening (self);
  load_sessions (self);
  return TRUE;
}

/* ---- forms ---------------------------------------------------------------------- */

typedef struct
{
  GlidePatientPage *page;
  gint64            course_id;   /* 0: a new course */
  gboolean          discharge;
} CourseForm;

static gboolean
save_course (GlideFormDialog  *dialog,
             gpointer          user_data,
             char            **field,
             GError          **error)
{
  CourseForm *form = user_data;
  GlidePatientPage *self = form->page;
  const GlideCourse *existing = find_course (self, form->course_id, NULL);
  g_autoptr(GlideCourse) course = existing ? glide_course_copy (existing) : glide_course_new (NULL);
  gint64 id;

  if (form->discharge)
    {
      g_free (course->end_date);
      course->end_date = glide_form_dialog_dup_text (dialog, "end_date");
      if (course->end_date == NULL)
        {
          *field = g_strdup ("end_date");
          g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                               _("Discharge date is required (YYYY-MM-DD)"));
          return FALSE;
        }
    }
  else
    {
      g_free (course->diagnosis);
      course->diagnosis = glide_form_dialog_dup_text (dialog, "diagnosis");
      g_free (course->icd10);
      course->icd10 = glide_form_dialog_dup_text (dialog, "icd10");
      g_free (course->start_date);
      course->start_date = glide_form_dialog_dup_text (dialog, "start_date");
      g_free (course->goals);
      course->goals = glide_form_dialog_dup_text (dialog, "goals");
    }
  course->patient_id = self->patient->id;

  if (!glide_rules_validate_course (course, field, error))
    return FALSE;
  if (existing != NULL)
    {
      if (!glide_store_update_course (self->store, course, error))
        return FALSE;
      id = course->id;
    }
  else if ((id = glide_store_create_course (self->store, course, error)) == 0)
    return FALSE;

  self->course_id = id;
  glide_patient_page_reload (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0);
  return TRUE;
}

static gboolean
save_patient (GlideFormDialog  *dialog,
              gpointer          user_data,
              char            **field,
              GError          **error)
{
  GlidePatientPage *self = user_data;
  g_autoptr(GlidePatient) patient = glide_patient_copy (self->patient);

  g_free (patient->family_name);
  patient->family_name = glide_form_dialog_dup_text (dialog, "family_name");
  g_free (patient->given_name);
  patient->given_name = glide_form_dialog_dup_text (dialog, "given_name");
  g_free (patient->birth_date);
  patient->birth_date = glide_form_dialog_dup_text (dialog, "birth_date");

  if (!glide_rules_validate_patient (patient, field, error) ||
      !glide_store_update_patient (self->store, patient, error))
    return FALSE;
  glide_patient_page_reload (self);
  g_signal_emit (self, signals[PATIENT_CHANGED], 0);
  return TRUE;
}

/* Records @condition as @present (or not) under the workstation's therapist
 * and today's date, with @note: a change of the tick keeps the note. */
static gboolean
record_screening (GlidePatientPage  *self,
                  GlideCondition     condition,
                  gboolean           present,
                  const char        *note,
                  GError           **error)
{
  g_autoptr(GlideScreening) screening = glide_screening_new (condition, present);
  g_autofree char *field = NULL;

  screening->patient_id = self->patient->id;
  screening->recorded = glide_date_today ();
  screening->recorded_by = glide_store_get_actor (self->store);
  g_free (screening->note);
  screening->note = g_strdup (note ? note : "");

  return glide_rules_validate_screening (screening, &field, error) &&
         glide_store_set_screening (self->store, screening, error);
}

typedef struct
{
  GlidePatientPage *page;
  GlideCondition    condition;
} NoteForm;

static gboolean
save_screening_note (GlideFormDialog  *dialog,
                     gpointer          user_data,
                     char            **field,
                     GError          **error)
{
  NoteForm *form = user_data;
  GlidePatientPage *self = form->page;
  const GlideScreening *found = find_screening (self, form->condition);
  g_autofree char *note = glide_form_dialog_dup_text (dialog, "note");

  if (!record_screening (self, form->condition, found && found->present, note, error))
    {
      if (g_error_matches (*error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID))
        *field = g_strdup ("note");
      return FALSE;
    }
  glide_patient_page_reload (self);
  return TRUE;
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_clear_condition_response (AdwMessageDialog *dialog,
                             const char       *response,
                             GlidePatientPage *self)
{
  GlideCondition condition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "condition"));
  const GlideScreening *found;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "clear") || self->patient == NULL)
    return;
  found = find_screening (self, condition);
  if (found == NULL || !found->present)
    return;
  if (!record_screening (self, condition, FALSE, found->note, &error))
    glide_gui_show_error (GTK_WIDGET (self), _("Screening Not Saved"), error->message);
  glide_patient_page_reload (self);
}

/* Clearing a condition on file asks first: one stray click must not take a
 * contraindication off a patient. */
static void
ask_to_clear_condition (GlidePatientPage *self,
                        GlideCondition    condition)
{
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  gboolean contra = glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a condition, e.g. "Clear “Thrombophlebitis”?" */
  heading = g_strdup_printf (_("Clear “%s”?"), label);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   contra ?
                                   _("The patient is then recorded as not having this "
                                     "contraindication, under your name and today’s date, and "
                                     "sessions no longer ask for a reason to treat. Its note "
                                     "is kept.") :
                                   _("The patient is then recorded as not having this "
                                     "precaution, under your name and today’s date. Its note "
                                     "is kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "condition", GUINT_TO_POINTER (condition));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_clear_condition_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_condition_toggled (GtkCheckButton   *check,
                      GlidePatientPage *self)
{
  GlideCondition condition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "condition"));
  gboolean present = gtk_check_button_get_active (check);
  const GlideScreening *found;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->patient == NULL)
    return;

  found = find_screening (self, condition);
  if (!present && found != NULL && found->present)
    {
      /* It stays ticked until the user says so. */
      self->updating = TRUE;
      gtk_check_button_set_active (check, TRUE);
      self->updating = FALSE;
      ask_to_clear_condition (self, condition);
      return;
    }

  if (!record_screening (self, condition, present, found ? found->note : NULL, &error))
    glide_gui_show_error (GTK_WIDGET (self), _("Screening Not Saved"), error->message);
  glide_patient_page_reload (self);
}

static void
on_series_selected (GlidePatientPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->series_drop_down);

  if (selected != GTK_INVALID_LIST_POSITION)
    glide_trend_chart_set_series (self->trend_chart, selected);
}

/* ---- actions -------------------------------------------------------------------- */

static void
request_session (GlidePatientPage *self,
                 gboolean          copy_last)
{
  const char *refusal = glide_patient_page_get_new_session_refusal (self);
  gint64 copy_from = 0;

  if (refusal != NULL)
    {
      glide_gui_toast (GTK_WIDGET (self), refusal);
      return;
    }
  if (copy_last)
    {
      /* Only a signed session is a record worth starting from; a draft
       * may be wrong or unfinished. Sessions are oldest first. */
      for (guint i = self->sessions ? self->sessions->len : 0; i-- > 0 && copy_from == 0;)
        {
          const GlideSession *session = g_ptr_array_index (self->sessions, i);

          if (glide_session_is_signed (session))
            copy_from = session->id;
        }
      if (copy_from == 0)
        {
          glide_gui_toast (GTK_WIDGET (self),
                           self->sessions == NULL || self->sessions->len == 0 ?
                           _("This course has no session to copy yet") :
                           _("No session of this course is signed yet: only a signed session is copied"));
          return;
        }
    }
  g_signal_emit (self, signals[SESSION_REQUESTED], 0, self->course_id, (gint64) 0, copy_from);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  request_session (GLIDE_PATIENT_PAGE (widget), FALSE);
}

static void
copy_last_session_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  request_session (GLIDE_PATIENT_PAGE (widget), TRUE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  guint number = 0;

  find_course (self, self->course_id, &number);
  if (g_str_equal (action_name, "patient.export-progress"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_PROGRESS, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.export-summary"))
    glide_export_run (widget, self->store, GLIDE_EXPORT_SUMMARY, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.print"))
    glide_export_print (widget, self->store, GLIDE_EXPORT_PROGRESS, self->patient->chart, number);
  else if (g_str_equal (action_name, "patient.print-summary"))
    glide_export_print (widget, self->store, GLIDE_EXPORT_SUMMARY, self->patient->chart, number);
  else
    glide_export_run (widget, self->store, GLIDE_EXPORT_JSON, self->patient->chart, 0);
}

static void
add_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  glide_patient_page_add_course (GLIDE_PATIENT_PAGE (widget));
}

static void
edit_course_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  glide_patient_page_edit_course (GLIDE_PATIENT_PAGE (widget), g_variant_get_int64 (parameter),
                                  FALSE);
}

static void
on_discharge_drafts_response (AdwMessageDialog *dialog,
                              const char       *response,
                              GlidePatientPage *self)
{
  gint64 course_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "course-id");

  if (g_str_equal (response, "discharge") && self->patient != NULL)
    glide_patient_page_edit_course (self, course_id, TRUE);
}

/* A course with drafts can be discharged (they stay drafts, and can still be
 * signed), but they are usually sessions someone forgot to sign: ask first. */
static void
discharge_course_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  gint64 course_id = g_variant_get_int64 (parameter);
  const GlideCourse *course = find_course (self, course_id, NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) dates = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_drafts = 0;
  GtkWidget *dialog;

  if (course == NULL)
    return;
  if ((sessions = glide_store_list_sessions (self->store, course_id, &error)) == NULL)
    {
      glide_gui_show_error (widget, _("Sessions Could Not Be Read"), error->message);
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *when = NULL;

      if (glide_session_is_signed (session))
        continue;
      when = glide_datetime_format_long (session->start);
      g_string_append_printf (dates, "\n• %s", when);
      n_drafts++;
    }
  if (n_drafts == 0)
    {
      glide_patient_page_edit_course (self, course_id, TRUE);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Discharge With %u Unsigned Draft?",
                                          "Discharge With %u Unsigned Drafts?", n_drafts),
                             n_drafts);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” has a session that was never signed:%s\n\nSign it "
                                       "first, or discharge anyway: it stays a draft, marked as "
                                       "such in reports, and can still be signed later.",
                                       "“%s” has sessions that were never signed:%s\n\nSign them "
                                       "first, or discharge anyway: they stay drafts, marked as "
                                       "such in reports, and can still be signed later.",
                                       n_drafts),
                          course->diagnosis, dates->str);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discharge", _("_Discharge Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discharge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "course-id", g_memdup2 (&course_id, sizeof course_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discharge_drafts_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_screening_note_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  guint32 condition = g_variant_get_uint32 (parameter);

  if (condition < N_CONDITIONS)
    glide_patient_page_edit_screening_note (GLIDE_PATIENT_PAGE (widget), condition);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (widget);
  GlideFormDialog *dialog;
  g_autofree char *intro = NULL;

  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Edit Patient"),
                                  _("_Save"), save_patient, self, NULL);
  intro = g_strdup_printf (_("Chart %s. The chart number cannot change: exports and reports "
                             "refer to it."), self->patient->chart);
  glide_form_dialog_set_intro (dialog, intro);
  glide_form_dialog_add_entry (dialog, "family_name", _("_Family name"), self->patient->family_name);
  glide_form_dialog_add_entry (dialog, "given_name", _("_Given name"), self->patient->given_name);
  glide_form_dialog_add_entry (dialog, "birth_date", _("_Date of birth (YYYY-MM-DD)"),
                               self->patient->birth_date);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- overrides -------------------------------------------------------------------- */

static void
glide_patient_page_dispose (GObject *object)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_PATIENT_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_patient_page_parent_class)->dispose (object);
}

static void
glide_patient_page_finalize (GObject *object)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  g_clear_pointer (&self->patient, glide_patient_free);
  g_clear_pointer (&self->courses, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  g_clear_pointer (&self->therapists, g_hash_table_unref);
  g_clear_pointer (&self->report, glide_report_course_free);
  g_clear_pointer (&self->course_rows, g_ptr_array_unref);
  g_clear_pointer (&self->session_rows, g_ptr_array_unref);
  g_string_free (self->alerts_text, TRUE);
  g_free (self->refusal);

  G_OBJECT_CLASS (glide_patient_page_parent_class)->finalize (object);
}

static void
glide_patient_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_patient_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlidePatientPage *self = GLIDE_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_patient_page_class_init (GlidePatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();
  glide_accessible_init ();
  g_type_ensure (GLIDE_TYPE_TREND_CHART);

  object_class->dispose = glide_patient_page_dispose;
  object_class->finalize = glide_patient_page_finalize;
  object_class->get_property = glide_patient_page_get_property;
  object_class->set_property = glide_patient_page_set_property;

  /**
   * GlidePatientPage:folded:
   *
   * Whether the window shows one pane, so the page offers a way back.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlidePatientPage::session-requested:
   * @course_id: the course
   * @session_id: the session to open, or 0 for a new one
   * @copy_from: for a new session, the session whose treatments to copy, or 0
   *
   * The user wants to document or read a session.
   */
  signals[SESSION_REQUESTED] =
    g_signal_new ("session-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * GlidePatientPage::patient-changed:
   *
   * The patient's name or courses changed; lists showing them are stale.
   */
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, title_widget);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, alerts);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, identity_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, courses_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, series_drop_down);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, precautions_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, contraindications_row);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, new_session_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, copy_session_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, add_course_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, edit_patient_button);
  gtk_widget_class_bind_template_child (widget_class, GlidePatientPage, screening_group);

  gtk_widget_class_install_action (widget_class, "patient.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "patient.copy-last-session", NULL,
                                   copy_last_session_action);
  gtk_widget_class_install_action (widget_class, "patient.export-progress", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-summary", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.print", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.print-summary", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.export-json", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "patient.add-course", NULL, add_course_action);
  gtk_widget_class_install_action (widget_class, "patient.edit-course", "x", edit_course_action);
  gtk_widget_class_install_action (widget_class, "patient.discharge-course", "x",
                                   discharge_course_action);
  gtk_widget_class_install_action (widget_class, "patient.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "patient.edit-screening-note", "u",
                                   edit_screening_note_action);
}

static void
add_condition_row (GlidePatientPage *self,
                   GlideCondition    condition)
{
  AdwExpanderRow *parent = glide_condition_get_kind (condition) == GLIDE_CONDITION_KIND_CONTRAINDICATION ?
                           self->contraindications_row : self->precautions_row;
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  g_autofree char *edit_label = g_strdup_printf (_("Edit Note on %s"), label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  /* Notes are typed text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, edit_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "patient.edit-screening-note");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "u", (guint32) condition);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  g_object_set_data (G_OBJECT (check), "condition", GUINT_TO_POINTER (condition));
  g_signal_connect (check, "toggled", G_CALLBACK (on_condition_toggled), self);
  adw_expander_row_add_row (parent, row);
  self->condition_checks[condition] = GTK_CHECK_BUTTON (check);
  self->condition_rows[condition] = ADW_ACTION_ROW (row);
}

static void
glide_patient_page_init (GlidePatientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->course_rows = g_ptr_array_new ();
  self->session_rows = g_ptr_array_new ();
  self->therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->alerts_text = g_string_new (NULL);

  for (guint condition = 0; condition < N_CONDITIONS; condition++)
    add_condition_row (self, condition);
  g_signal_connect_swapped (self->series_drop_down, "notify::selected",
                            G_CALLBACK (on_series_selected), self);
  glide_accessible_name_drop_down (self->series_drop_down, _("Trend measure"));
  glide_accessible_scroll_to_focus (self->page_scroller);
  update_actions (self);
}

/* ---- public API ----------------------------------------------------------------- */

void
glide_patient_page_set_context (GlidePatientPage *self,
                                GlideStore       *store,
                                GSettings        *settings)
{
  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  g_set_object (&self->store, store);
  g_set_object (&self->settings, settings);
}

gboolean
glide_patient_page_show_patient (GlidePatientPage  *self,
                                 const char        *chart,
                                 GError           **error)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  return load (self, chart, error);
}

void
glide_patient_page_reload (GlidePatientPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chart = NULL;

  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  if (self->patient == NULL)
    return;
  chart = g_strdup (self->patient->chart);
  if (!load (self, chart, &error))
    glide_gui_toast (GTK_WIDGET (self), error->message);
}

const GlidePatient *
glide_patient_page_get_patient (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  return self->patient;
}

gint64
glide_patient_page_get_course_id (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), 0);
  return self->course_id;
}

void
glide_patient_page_select_course (GlidePatientPage *self,
                                  gint64            course_id)
{
  g_return_if_fail (GLIDE_IS_PATIENT_PAGE (self));
  if (find_course (self, course_id, NULL) == NULL)
    return;
  self->course_id = course_id;
  load_sessions (self);
}

guint
glide_patient_page_get_n_sessions (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), 0);
  return self->sessions ? self->sessions->len : 0;
}

/**
 * glide_patient_page_get_alerts:
 *
 * Returns: the screening alerts shown, one per line ("Contraindication: …")
 */
const char *
glide_patient_page_get_alerts (GlidePatientPage *self)
{
  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  return self->alerts_text->str;
}

GlideFormDialog *
glide_patient_page_add_course (GlidePatientPage *self)
{
  return glide_patient_page_edit_course (self, 0, FALSE);
}

/**
 * glide_patient_page_edit_course:
 * @course_id: the course, or 0 for a new one
 * @discharge: ask only for the discharge date
 *
 * Returns: (transfer none): the form, already shown
 */
GlideFormDialog *
glide_patient_page_edit_course (GlidePatientPage *self,
                                gint64            course_id,
                                gboolean          discharge)
{
  const GlideCourse *course;
  GlideFormDialog *dialog;
  CourseForm *form;
  g_autofree char *today = glide_date_today ();

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (self->patient != NULL, NULL);

  course = find_course (self, course_id, NULL);
  form = g_new0 (CourseForm, 1);
  form->page = self;
  form->course_id = course ? course->id : 0;
  form->discharge = discharge && course != NULL;

  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  form->discharge ? _("Discharge") :
                                  course ? _("Edit Course") : _("New Course"),
                                  form->discharge ? _("_Discharge") : course ? _("_Save") : _("_Add"),
                                  save_course, form, g_free);
  if (form->discharge)
    {
      g_autofree char *intro = g_strdup_printf (_("End the course “%s”. Its sessions stay on "
                                                  "file and in reports."), course->diagnosis);

      glide_form_dialog_set_intro (dialog, intro);
      glide_form_dialog_add_entry (dialog, "end_date", _("_Discharge date (YYYY-MM-DD)"), today);
    }
  else
    {
      glide_form_dialog_add_entry (dialog, "diagnosis", _("_Diagnosis"),
                                   course ? course->diagnosis : NULL);
      glide_form_dialog_add_entry (dialog, "icd10", _("_ICD-10 code (optional)"),
                                   course ? course->icd10 : NULL);
      glide_form_dialog_add_entry (dialog, "start_date", _("_Start date (YYYY-MM-DD)"),
                                   course ? course->start_date : today);
      glide_form_dialog_add_text (dialog, "goals", _("_Goals"), course ? course->goals : NULL);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * glide_patient_page_edit_screening_note:
 * @condition: the condition whose note to edit
 *
 * Opens a form for the note kept with @condition. Saving it records the
 * condition as it stands (present or not) with the new note, under the
 * workstation's therapist and today's date.
 *
 * Returns: (transfer none): the form, already shown
 */
GlideFormDialog *
glide_patient_page_edit_screening_note (GlidePatientPage *self,
                                        GlideCondition    condition)
{
  const GlideScreening *found;
  const char *label;
  GlideFormDialog *dialog;
  NoteForm *form;
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);
  g_return_val_if_fail (self->patient != NULL, NULL);
  g_return_val_if_fail ((guint) condition < N_CONDITIONS, NULL);

  found = find_screening (self, condition);
  label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  form = g_new0 (NoteForm, 1);
  form->page = self;
  form->condition = condition;

  /* Translators: %s is a condition */
  title = g_strdup_printf (_("Note on %s"), label);
  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                  _("_Save"), save_screening_note, form, g_free);
  intro = g_strdup_printf (found && found->present ?
                           _("“%s” is on file for this patient. The note is saved with your "
                             "name and today’s date; whether the condition is present does "
                             "not change.") :
                           _("“%s” is not on file as present. The note is saved with your "
                             "name and today’s date; whether the condition is present does "
                             "not change."),
                           label);
  glide_form_dialog_set_intro (dialog, intro);
  glide_form_dialog_add_text (dialog, "note", _("_Note"), found ? found->note : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * glide_patient_page_get_new_session_refusal:
 *
 * Why no new session can be started in the selected course (there is none,
 * or it is discharged), in words for the user; %NULL when one can.
 *
 * Returns: (nullable): the reason, valid until the next call
 */
const char *
glide_patient_page_get_new_session_refusal (GlidePatientPage *self)
{
  const GlideCourse *course;

  g_return_val_if_fail (GLIDE_IS_PATIENT_PAGE (self), NULL);

  g_clear_pointer (&self->refusal, g_free);
  if (self->patient == NULL)
    return NULL;
  course = find_course (self, self->course_id, NULL);
  if (!may_write (self))
    {
      const char *login = glide_store_get_login (self->store);

      /* Translators: a login name, then its role ("m_front", "manager") */
      self->refusal = g_strdup_printf (_("You are signed in as %s (%s): you can read and print "
                                         "the record, not document sessions or change it."),
                                       login ? login : "",
                                       glide_store_role_get_code (glide_store_get_role (self->store)));
    }
  else if (course == NULL)
    self->refusal = g_strdup (_("Sessions belong to a course of care: add a course first"));
  else if (!glide_course_is_active (course))
    {
      g_autofree char *end = glide_date_format_long (course->end_date);

      /* Translators: a course's diagnosis and its discharge date */
      self->refusal = g_strdup_printf (_("“%s” was discharged on %s: no new sessions. "
                                         "Add a course to go on documenting."),
                                       course->diagnosis, end);
    }
  return self->refusal;
}
