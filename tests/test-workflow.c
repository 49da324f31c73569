/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-workflow.c: the documentation workflow under Xvfb, driven through the
 * window's and pages' actions and read back from the store: patient, course,
 * a three-area session with pain and ROM, save, sign, reopen; copy last
 * session; a contraindication blocking save; closing the window storing
 * what was typed; autosave surviving a kill.
 * Screenshots of the window, patient page and editor (light and dark) go to
 * the test log folder. */

#include "config.h"

#include <adwaita.h>
#include <signal.h>

#include "glide-date.h"
#include "glide-demo.h"
#include "glide-gui-test-utils.h"
#include "glide-test-utils.h"
#include "glide-window.h"

typedef struct
{
  char        *dir;
  GlideStore  *store;
  GSettings   *settings;
  GlideWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "w.db");
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "current-therapist");
  g_settings_reset (f->settings, "last-patient");
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
}

static void
open_window (Fixture *f)
{
  f->window = glide_test_open_window (f->store, 1280, 860);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      glide_test_assert_finalized (f->window);
    }
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* As Glide starting again after it closed: a new connection to the same
 * database (recovery state put aside by the old one is then recovered). */
static void
restart_store (Fixture *f)
{
  g_clear_object (&f->store);
  f->store = glide_test_open_store (f->dir, "w.db");
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  glide_test_flush_events ();
}

static void
click_area (GlideSessionEditor *editor,
            GlideSite           site,
            GlideSide           side)
{
  GtkWidget *map = glide_test_find_widget (GTK_WIDGET (editor), g_type_from_name ("GlideBodyMap"));

  g_assert_nonnull (map);
  g_signal_emit_by_name (map, "area-activated", (int) site, (int) side);
}

static GlideSessionEditor *
editor_of (Fixture *f)
{
  GlideSessionEditor *editor = glide_window_get_session_editor (f->window);

  g_assert_nonnull (editor);
  return editor;
}

static void
scroll_to_top (GtkWidget *widget)
{
  GtkWidget *scrolled = glide_test_find_widget (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_window_set_focus (GTK_WINDOW (gtk_widget_get_root (widget)), NULL);
  glide_test_flush_events ();
  gtk_adjustment_set_value (adjustment, 0);
}

static void
fill_form (GlideFormDialog *dialog,
           const char      *key,
           const char      *text)
{
  glide_form_dialog_set_text (dialog, key, text);
}

static gint64
add_patient_and_course (Fixture    *f,
                        const char *chart)
{
  GlideFormDialog *dialog = glide_window_new_patient (f->window);
  GlidePatientPage *page;
  const GlidePatient *patient;

  g_object_ref (dialog);
  fill_form (dialog, "chart", chart);
  fill_form (dialog, "family_name", "Okonkwo");
  fill_form (dialog, "given_name", "Adaeze");
  fill_form (dialog, "birth_date", "1984-02-30");
  /* A bad date is refused, named, and the form keeps what was typed. */
  g_assert_false (glide_form_dialog_save (dialog));
  g_assert_true (g_str_has_prefix (glide_form_dialog_get_error (dialog), "Date of birth (YYYY-MM-DD): "));
  g_assert_cmpstr (glide_form_dialog_get_text (dialog, "family_name"), ==, "Okonkwo");
  fill_form (dialog, "birth_date", "1984-02-03");
  g_assert_true (glide_form_dialog_save (dialog));
  g_object_unref (dialog);

  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  page = glide_window_get_patient_page (f->window);
  patient = glide_patient_page_get_patient (page);
  g_assert_cmpstr (patient->chart, ==, chart);

  dialog = g_object_ref (glide_patient_page_add_course (page));
  fill_form (dialog, "diagnosis", "Lateral epicondylalgia, right");
  fill_form (dialog, "icd10", "M77.1");
  fill_form (dialog, "start_date", "2026-10-01");
  fill_form (dialog, "goals", "Grip a kettle without pain");
  g_assert_true (glide_form_dialog_save (dialog));
  g_object_unref (dialog);
  g_assert_cmpint (glide_patient_page_get_course_id (page), >, 0);
  return glide_patient_page_get_course_id (page);
}

static void
set_redness (GlideSessionEditor *editor,
             guint               index,
             GlideRedness        redness)
{
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (editor, index), redness);
}

static gboolean
shows_message_dialog (gpointer data)
{
  return glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
hides_message_dialog (gpointer data)
{
  return !shows_message_dialog (data);
}

static void
respond_to_dialog (const char *response)
{
  AdwMessageDialog *dialog;

  glide_test_wait_until (shows_message_dialog, NULL, "a message dialog");
  dialog = ADW_MESSAGE_DIALOG (glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* As a click on the response button does; the dialog then closes itself. */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  glide_test_wait_until (hides_message_dialog, NULL, "the message dialog to close");
  glide_test_flush_events ();
}

static void
test_document_sign_reopen (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GlideSession) stored = NULL;
  g_autoptr(GlideSession) attack = NULL;
  GlideSessionEditor *editor;
  const GlideMeasurement *m;
  gint64 therapist, course_id, session_id;

  therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  g_settings_set_int (f->settings, "default-duration", 90);
  open_window (f);
  course_id = add_patient_and_course (f, "T-100");

  activate (f, "win.new-session");
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "session");
  editor = editor_of (f);

  click_area (editor, GLIDE_SITE_FOREARM_EXTENSORS, GLIDE_SIDE_RIGHT);
  click_area (editor, GLIDE_SITE_LATERAL_EPICONDYLE, GLIDE_SIDE_RIGHT);
  click_area (editor, GLIDE_SITE_UPPER_TRAPEZIUS, GLIDE_SIDE_RIGHT);
  /* A second click on an area goes to its row; it does not add or drop one. */
  click_area (editor, GLIDE_SITE_LATERAL_EPICONDYLE, GLIDE_SIDE_RIGHT);
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 3);

  set_redness (editor, 0, GLIDE_REDNESS_MILD);
  set_redness (editor, 1, GLIDE_REDNESS_MODERATE);
  glide_session_editor_set_pain (editor, "6.5", "4");
  glide_session_editor_add_rom (editor, GLIDE_MEASURE_WRIST_FLEXION, GLIDE_SIDE_RIGHT, "60", "68");
  glide_session_editor_set_note (editor, "Tolerated well.");

  /* The third area's skin response is missing: save names it and stores nothing. */
  activate (f, "win.save");
  g_assert_nonnull (glide_session_editor_get_error (editor));
  g_assert_nonnull (strstr (glide_session_editor_get_error (editor), "Upper trapezius, right"));
  g_assert_nonnull (strstr (glide_session_editor_get_error (editor), "Redness is required"));
  sessions = glide_store_list_sessions (f->store, course_id, &error);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* A value out of range is refused by core's rule, named by field. */
  set_redness (editor, 2, GLIDE_REDNESS_NONE);
  glide_session_editor_set_pain (editor, "6.5", "11");
  activate (f, "win.save");
  g_test_message ("error: %s", glide_session_editor_get_error (editor));
  g_assert_nonnull (strstr (glide_session_editor_get_error (editor), "Pain, after"));
  glide_session_editor_set_pain (editor, "6.5", "4");

  activate (f, "win.save");
  g_assert_null (glide_session_editor_get_error (editor));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  scroll_to_top (GTK_WIDGET (editor));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-session-editor-light.png");
  session_id = glide_session_editor_get_session_id (editor);
  g_assert_cmpint (session_id, >, 0);

  /* Sign through the action and its confirmation dialog. */
  activate (f, "win.sign");
  respond_to_dialog ("sign");
  g_assert_true (glide_session_editor_is_signed (editor));
  g_assert_nonnull (strstr (glide_session_editor_get_signature (editor), "Signed by Dana Whitfield, PT at "));

  /* Reopen from the patient page. */
  activate (f, "win.back");
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  g_assert_cmpuint (glide_patient_page_get_n_sessions (glide_window_get_patient_page (f->window)), ==, 1);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-patient-page-light.png");

  g_signal_emit_by_name (glide_window_get_patient_page (f->window), "session-requested",
                         course_id, session_id, (gint64) 0);
  glide_test_flush_events ();
  editor = editor_of (f);
  g_assert_true (glide_session_editor_is_signed (editor));
  g_assert_false (glide_session_editor_is_editable (editor));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) &&
                  glide_session_editor_is_dirty (editor));
  g_assert_false (glide_session_editor_save (editor, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-signed-session-dark.png");

  /* The store holds exactly what was entered. */
  stored = glide_store_get_session (f->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->therapist_id, ==, therapist);
  g_assert_cmpint (stored->signed_by, ==, therapist);
  g_assert_cmpstr (stored->note, ==, "Tolerated well.");
  g_assert_cmpuint (stored->treatments->len, ==, 3);
  {
    const GlideTreatment *t0 = g_ptr_array_index (stored->treatments, 0);
    const GlideTreatment *t1 = g_ptr_array_index (stored->treatments, 1);
    const GlideTreatment *t2 = g_ptr_array_index (stored->treatments, 2);

    g_assert_cmpint (t0->site, ==, GLIDE_SITE_FOREARM_EXTENSORS);
    g_assert_cmpint (t1->site, ==, GLIDE_SITE_LATERAL_EPICONDYLE);
    g_assert_cmpint (t2->site, ==, GLIDE_SITE_UPPER_TRAPEZIUS);
    g_assert_cmpint (t0->side, ==, GLIDE_SIDE_RIGHT);
    g_assert_cmpint (t0->duration_s, ==, 90);
    g_assert_cmpint (t0->redness, ==, GLIDE_REDNESS_MILD);
    g_assert_cmpint (t1->redness, ==, GLIDE_REDNESS_MODERATE);
    g_assert_cmpint (t2->redness, ==, GLIDE_REDNESS_NONE);
    g_assert_cmpint (t0->stroke, ==, GLIDE_STROKE_SUSTAINED);
    g_assert_cmpint (t0->edge, ==, GLIDE_EDGE_CONVEX);
    g_assert_cmpint (t0->pressure, ==, GLIDE_PRESSURE_MODERATE);
  }
  g_assert_cmpuint (stored->measurements->len, ==, 4);
  m = glide_session_find_measurement (stored, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_PRE);
  g_assert_cmpfloat (m->value, ==, 6.5);
  m = glide_session_find_measurement (stored, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_POST);
  g_assert_cmpfloat (m->value, ==, 4);
  m = glide_session_find_measurement (stored, GLIDE_MEASURE_WRIST_FLEXION, GLIDE_SIDE_RIGHT, GLIDE_TIMING_PRE);
  g_assert_cmpfloat (m->value, ==, 60);
  m = glide_session_find_measurement (stored, GLIDE_MEASURE_WRIST_FLEXION, GLIDE_SIDE_RIGHT, GLIDE_TIMING_POST);
  g_assert_cmpfloat (m->value, ==, 68);

  /* ... and refuses an edit of the signed session. */
  attack = glide_store_get_session (f->store, session_id, NULL);
  g_clear_pointer (&attack->signed_at, g_free);
  attack->signed_by = 0;
  g_free (attack->note);
  attack->note = g_strdup ("changed later");
  g_assert_cmpint (glide_store_save_draft_session (f->store, attack, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* An addendum goes under it. */
  g_assert_true (glide_session_editor_add_addendum (editor, "Patient phoned: soreness gone next day.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, glide_session_free);
  stored = glide_store_get_session (f->store, session_id, NULL);
  g_assert_cmpuint (stored->addenda->len, ==, 1);
  g_assert_cmpstr (stored->note, ==, "Tolerated well.");
}

/* The distinct motions (measure and side) the signed sessions measured. */
static guint
count_course_motions (GPtrArray *sessions)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);

      for (guint m = 0; session->signed_at != NULL && m < session->measurements->len; m++)
        {
          const GlideMeasurement *x = g_ptr_array_index (session->measurements, m);

          if (glide_measure_get_kind (x->measure) == GLIDE_MEASURE_KIND_ROM)
            g_hash_table_add (seen, GINT_TO_POINTER (x->measure * 4 + x->side + 1));
        }
    }
  return g_hash_table_size (seen);
}

static void
test_copy_last_session (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  const GlideSession *last;
  GlideSessionEditor *editor;
  g_autofree char *pre = NULL, *post = NULL;

  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_settings_set_string (f->settings, "current-therapist", "dw");
  open_window (f);
  glide_window_open_patient (f->window, "P-1001");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-main-window-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-main-window-dark.png");

  patient = glide_store_find_patient (f->store, "P-1001", NULL);
  courses = glide_store_list_courses (f->store, patient->id, NULL);
  sessions = glide_store_list_sessions (f->store, glide_patient_page_get_course_id (glide_window_get_patient_page (f->window)), NULL);
  g_assert_cmpuint (sessions->len, >, 0);
  /* The last signed session: the demo's last one is a draft, never copied. */
  last = NULL;
  for (guint i = 0; i < sessions->len; i++)
    if (glide_session_is_signed (g_ptr_array_index (sessions, i)))
      last = g_ptr_array_index (sessions, i);
  g_assert_nonnull (last);

  activate (f, "win.copy-last-session");
  editor = editor_of (f);
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, last->treatments->len);
  for (guint i = 0; i < last->treatments->len; i++)
    {
      GlideTreatmentRow *row = glide_session_editor_get_treatment_row (editor, i);
      g_autoptr(GlideTreatment) copy = NULL;
      const GlideTreatment *source = g_ptr_array_index (last->treatments, i);
      g_autofree char *field = NULL;

      g_assert_true (glide_treatment_row_get_copied (row));
      /* Skin response is today's: empty until assessed, so the row cannot be read yet. */
      g_assert_cmpint (glide_treatment_row_get_redness (row), ==, GLIDE_TREATMENT_ROW_REDNESS_UNSET);
      glide_treatment_row_set_redness (row, GLIDE_REDNESS_NONE);
      copy = glide_treatment_row_get_values (row, &field, NULL);
      g_assert_nonnull (copy);
      g_assert_cmpint (copy->site, ==, source->site);
      g_assert_cmpint (copy->side, ==, source->side);
      g_assert_cmpint (copy->stroke, ==, source->stroke);
      g_assert_cmpint (copy->duration_s, ==, source->duration_s);
      g_assert_cmpint (copy->edge, ==, source->edge);
      g_assert_cmpint (copy->instrument_id, ==, source->instrument_id);
      g_assert_cmpint (copy->technique, ==, source->technique);
      g_assert_cmpint (copy->pressure, ==, source->pressure);
      g_assert_false (copy->petechiae);
      g_assert_null (copy->note);
    }
  pre = glide_session_editor_get_pain_text (editor, GLIDE_TIMING_PRE);
  post = glide_session_editor_get_pain_text (editor, GLIDE_TIMING_POST);
  g_assert_cmpstr (pre, ==, "");
  g_assert_cmpstr (post, ==, "");
  /* The motions the course measured are listed, their boxes empty: a
   * session saved now has none of them. */
  g_assert_cmpuint (glide_session_editor_get_n_rom (editor), ==, count_course_motions (sessions));
  glide_session_editor_set_pain (editor, "5", "3");
  g_assert_true (glide_session_editor_save (editor, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlideSession) saved = glide_store_get_session (f->store, glide_session_editor_get_session_id (editor), NULL);

    g_assert_cmpuint (saved->measurements->len, ==, 2);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  scroll_to_top (GTK_WIDGET (editor));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-session-editor-dark.png");
}

static void
test_contraindication_blocks_save (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideScreening) screening = glide_screening_new (GLIDE_CONDITION_THROMBOPHLEBITIS, TRUE);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GlideSession) stored = NULL;
  GlideSessionEditor *editor;
  gint64 therapist, course_id;

  therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  open_window (f);
  course_id = add_patient_and_course (f, "T-200");

  screening->patient_id = glide_patient_page_get_patient (glide_window_get_patient_page (f->window))->id;
  screening->recorded = g_strdup ("2026-09-30");
  screening->recorded_by = therapist;
  g_assert_true (glide_store_set_screening (f->store, screening, &error));
  glide_patient_page_reload (glide_window_get_patient_page (f->window));
  g_assert_nonnull (strstr (glide_patient_page_get_alerts (glide_window_get_patient_page (f->window)),
                            "Contraindication: "));

  activate (f, "win.new-session");
  editor = editor_of (f);
  click_area (editor, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  set_redness (editor, 0, GLIDE_REDNESS_NONE);
  glide_session_editor_set_pain (editor, "3", "2");
  /* Over 180 s on one area: a warning, not a block. */
  g_assert_null (glide_treatment_row_get_warning (glide_session_editor_get_treatment_row (editor, 0)));
  glide_treatment_row_set_duration (glide_session_editor_get_treatment_row (editor, 0), 240);
  g_assert_nonnull (strstr (glide_treatment_row_get_warning (glide_session_editor_get_treatment_row (editor, 0)),
                            "usual is 30 to 120 s"));

  activate (f, "win.save");
  g_assert_nonnull (glide_session_editor_get_error (editor));
  g_assert_true (g_str_has_prefix (glide_session_editor_get_error (editor), "Reason to treat: "));
  sessions = glide_store_list_sessions (f->store, course_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  glide_session_editor_set_reason (editor, "Treated the left calf only; thrombophlebitis is in the right forearm.");
  activate (f, "win.save");
  g_assert_null (glide_session_editor_get_error (editor));
  stored = glide_store_get_session (f->store, glide_session_editor_get_session_id (editor), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (stored->contraindication_override, "left calf only"));
  g_assert_cmpint (((GlideTreatment *) g_ptr_array_index (stored->treatments, 0))->duration_s, ==, 240);
}

/* A store error (here: another program holds the database locked) is shown
 * with its message; the form keeps everything and a retry stores it. */
static void
test_store_error_keeps_form (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) other = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *path = g_build_filename (f->dir, "w.db", NULL);
  g_autofree char *pre = NULL;
  GlideSessionEditor *editor;
  AdwMessageDialog *dialog;
  gint64 course_id;

  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  open_window (f);
  course_id = add_patient_and_course (f, "T-400");

  activate (f, "win.new-session");
  editor = editor_of (f);
  click_area (editor, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_RIGHT);
  set_redness (editor, 0, GLIDE_REDNESS_MILD);
  glide_session_editor_set_pain (editor, "7", "5.5");

  other = glide_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_begin (other, &error));

  activate (f, "win.save");
  dialog = ADW_MESSAGE_DIALOG (glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Session Was Not Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stayed locked"));
  respond_to_dialog ("close");
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 1);
  pre = glide_session_editor_get_pain_text (editor, GLIDE_TIMING_PRE);
  g_assert_cmpstr (pre, ==, "7");
  g_assert_true (glide_session_editor_is_dirty (editor));

  glide_store_rollback (other);
  activate (f, "win.save");
  g_assert_null (glide_session_editor_get_error (editor));
  sessions = glide_store_list_sessions (f->store, course_id, &error);
  g_assert_cmpuint (sessions->len, ==, 1);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The list row (AdwPreferencesRow) under @root titled @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return glide_test_find_matching (root, is_row_titled, title);
}

static gboolean
is_label_on_screen (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The label under @root reading @text, on screen. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return glide_test_find_matching (root, is_label_on_screen, text);
}

/* Closing the window stores the open session: a valid form as a draft, one
 * that does not pass the rules yet as recovery state for the next time. */
static void
test_close_window_keeps_typing (Fixture       *f,
                                gconstpointer  data)
{
  gboolean complete = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) recoveries = NULL;
  g_autofree char *chart = g_strdup_printf ("T-5%02d", complete);
  GlideSessionEditor *editor;
  gint64 course_id;

  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  open_window (f);
  course_id = add_patient_and_course (f, chart);

  activate (f, "win.new-session");
  editor = editor_of (f);
  /* No autosave comes during the test: only the close stores. */
  glide_session_editor_set_autosave_interval (editor, 3600);
  click_area (editor, GLIDE_SITE_FOREARM_EXTENSORS, GLIDE_SIDE_RIGHT);
  if (complete)
    set_redness (editor, 0, GLIDE_REDNESS_MILD);
  glide_session_editor_set_pain (editor, "6", "4");
  glide_session_editor_set_note (editor, "Typed before closing the window.");
  glide_test_flush_events ();
  sessions = glide_store_list_sessions (f->store, course_id, &error);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  gtk_window_close (GTK_WINDOW (f->window));
  glide_test_assert_finalized (f->window);
  f->window = NULL;
  restart_store (f);

  sessions = glide_store_list_sessions (f->store, course_id, &error);
  g_assert_no_error (error);
  recoveries = glide_store_list_recovery (f->store, &error);
  g_assert_no_error (error);
  if (complete)
    {
      const GlideSession *draft;

      g_assert_cmpuint (sessions->len, ==, 1);
      draft = g_ptr_array_index (sessions, 0);
      g_assert_false (glide_session_is_signed (draft));
      g_assert_cmpstr (draft->note, ==, "Typed before closing the window.");
      g_assert_cmpuint (recoveries->len, ==, 0);

      /* Changes to the draft that do not pass yet (an area without its
       * skin response) are kept beside it, badged on the patient page, and
       * discarding them leaves the draft as it was. */
      open_window (f);
      glide_window_open_patient (f->window, chart);
      g_assert_null (find_label (GTK_WIDGET (f->window), "Unsaved changes"));
      g_signal_emit_by_name (glide_window_get_patient_page (f->window), "session-requested",
                             course_id, draft->id, (gint64) 0);
      glide_test_flush_events ();
      editor = editor_of (f);
      glide_session_editor_set_autosave_interval (editor, 3600);
      click_area (editor, GLIDE_SITE_BICEPS, GLIDE_SIDE_RIGHT);
      gtk_window_close (GTK_WINDOW (f->window));
      glide_test_assert_finalized (f->window);
      f->window = NULL;
      restart_store (f);

      open_window (f);
      glide_window_open_patient (f->window, chart);
      g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Unsaved changes"));
      g_signal_emit_by_name (glide_window_get_patient_page (f->window), "session-requested",
                             course_id, draft->id, (gint64) 0);
      glide_test_flush_events ();
      editor = editor_of (f);
      g_assert_true (glide_session_editor_was_recovered (editor));
      g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 2);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.discard", NULL));
      respond_to_dialog ("discard");
      g_assert_null (find_label (GTK_WIDGET (f->window), "Unsaved changes"));
      {
        g_autoptr(GlideSession) stored = glide_store_get_session (f->store, draft->id, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (stored->treatments->len, ==, 1);
        g_assert_cmpstr (stored->note, ==, "Typed before closing the window.");
      }
      return;
    }
  g_assert_cmpuint (sessions->len, ==, 0);
  g_assert_cmpuint (recoveries->len, ==, 1);

  /* The next window shows it on the patient page, and its new session in
   * that course brings it back. */
  open_window (f);
  glide_window_open_patient (f->window, chart);
  g_assert_nonnull (find_row (GTK_WIDGET (glide_window_get_patient_page (f->window)),
                              "Unsaved new session"));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-unsaved-session-light.png");
  activate (f, "win.new-session");
  editor = editor_of (f);
  g_assert_true (glide_session_editor_was_recovered (editor));
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 1);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "workflow-recovered-session-light.png");

  /* Discarding it asks first; then it is gone and nothing was stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.discard", NULL));
  respond_to_dialog ("cancel");
  g_assert_true (glide_window_get_session_editor (f->window) == editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.discard", NULL));
  respond_to_dialog ("discard");
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  g_clear_pointer (&recoveries, g_ptr_array_unref);
  recoveries = glide_store_list_recovery (f->store, &error);
  g_assert_cmpuint (recoveries->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = glide_store_list_sessions (f->store, course_id, &error);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_assert_null (find_row (GTK_WIDGET (glide_window_get_patient_page (f->window)),
                           "Unsaved new session"));
}

typedef struct
{
  GlideStore *store;
  gint64      course_id;
} Autosaved;

#define TYPED_NOTE "Typed just before the power cut."

static gboolean
has_autosaved_draft (gpointer data)
{
  Autosaved *a = data;
  g_autoptr(GPtrArray) sessions = glide_store_list_sessions (a->store, a->course_id, NULL);

  return sessions != NULL && sessions->len == 1 &&
         g_strcmp0 (((GlideSession *) sessions->pdata[0])->note, TYPED_NOTE) == 0;
}

static gboolean
has_autosaved_recovery (gpointer data)
{
  Autosaved *a = data;
  g_autoptr(GPtrArray) recoveries = glide_store_list_recovery (a->store, NULL);

  return recoveries != NULL && recoveries->len == 1 &&
         strstr (((GlideRecovery *) recoveries->pdata[0])->content, TYPED_NOTE) != NULL;
}

/* The child types a session and is killed once the autosave has stored it. */
static void
type_and_get_killed (const char *db_path,
                     gboolean    complete)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open (db_path, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GlidePatient) patient = glide_store_find_patient (store, "T-300", NULL);
  g_autoptr(GPtrArray) courses = glide_store_list_courses (store, patient->id, NULL);
  GlideCourse *course = g_ptr_array_index (courses, 0);
  GlideSessionEditor *editor;
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GlideTherapist) therapist = glide_store_find_therapist (store, "dw", NULL);

  glide_store_set_actor (store, therapist->id);
  editor = glide_session_editor_new (store, settings, course->id, 0, 0, &error);
  g_assert_no_error (error);
  glide_session_editor_set_autosave_interval (editor, 1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  glide_test_wait_for_draw (window);

  click_area (editor, GLIDE_SITE_HAMSTRINGS, GLIDE_SIDE_LEFT);
  click_area (editor, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  set_redness (editor, 0, GLIDE_REDNESS_MILD);
  if (complete)
    set_redness (editor, 1, GLIDE_REDNESS_NONE);
  glide_session_editor_set_pain (editor, "5", "3.5");
  glide_session_editor_set_note (editor, TYPED_NOTE);

  {
    Autosaved autosaved = { store, course->id };

    glide_test_wait_until (complete ? has_autosaved_draft : has_autosaved_recovery, &autosaved,
                           complete ? "the autosave to store a draft" : "the autosave to keep recovery state");
  }
  raise (SIGKILL);
}

static void
test_autosave_survives_kill (Fixture       *f,
                             gconstpointer  data)
{
  gboolean complete = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (f->dir, "w.db", NULL);

  if (g_test_subprocess ())
    {
      type_and_get_killed (g_getenv ("GLIDE_TEST_DB"), complete);
      return;
    }

  {
    gint64 therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
    gint64 patient = glide_test_add_patient (f->store, "T-300", "Kowalczyk", "Marta");
    gint64 course_id = glide_test_add_course (f->store, patient, "2026-01-05");
    g_autoptr(GPtrArray) sessions = NULL;
    g_autoptr(GlideStore) reopened = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *test_path = g_strdup_printf ("/workflow/autosave-survives-kill/%s",
                                                  complete ? "draft" : "recovery");
    GlideSessionEditor *editor;
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    GtkWidget *window;
    g_autofree char *pre = NULL;

    (void) therapist;
    g_clear_object (&f->store);
    g_setenv ("GLIDE_TEST_DB", path, TRUE);
    g_test_trap_subprocess (test_path, 2 * GLIDE_TEST_WAIT_SECONDS * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_assert_false (g_test_trap_has_passed ());   /* it was killed */

    reopened = glide_store_open (path, &error);
    g_assert_no_error (error);
    sessions = glide_store_list_sessions (reopened, course_id, &error);
    if (complete)
      {
        /* A valid form became a real draft. */
        const GlideSession *draft;
        const GlideMeasurement *m;

        g_assert_cmpuint (sessions->len, ==, 1);
        draft = g_ptr_array_index (sessions, 0);
        g_assert_false (glide_session_is_signed (draft));
        g_assert_cmpuint (draft->treatments->len, ==, 2);
        g_assert_cmpstr (draft->note, ==, TYPED_NOTE);
        m = glide_session_find_measurement (draft, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE, GLIDE_TIMING_POST);
        g_assert_cmpfloat (m->value, ==, 3.5);
        return;
      }

    /* Not yet valid (the calf's skin response is missing): kept as recovery
     * state and brought back when the therapist opens a new session. */
    g_assert_cmpuint (sessions->len, ==, 0);
    window = gtk_window_new ();
    editor = glide_session_editor_new (reopened, settings, course_id, 0, 0, &error);
    g_assert_no_error (error);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
    g_assert_true (glide_session_editor_was_recovered (editor));
    g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 2);
    g_assert_cmpint (glide_treatment_row_get_redness (glide_session_editor_get_treatment_row (editor, 0)),
                     ==, GLIDE_REDNESS_MILD);
    pre = glide_session_editor_get_pain_text (editor, GLIDE_TIMING_PRE);
    g_assert_cmpstr (pre, ==, "5");
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

int
main (int   argc,
      char *argv[])
{
  glide_test_gui_init (&argc, &argv);

  g_test_add ("/workflow/document-sign-reopen", Fixture, NULL, fixture_set_up,
              test_document_sign_reopen, fixture_tear_down);
  g_test_add ("/workflow/copy-last-session", Fixture, NULL, fixture_set_up,
              test_copy_last_session, fixture_tear_down);
  g_test_add ("/workflow/contraindication-blocks-save", Fixture, NULL, fixture_set_up,
              test_contraindication_blocks_save, fixture_tear_down);
  g_test_add ("/workflow/store-error-keeps-form", Fixture, NULL, fixture_set_up,
              test_store_error_keeps_form, fixture_tear_down);
  g_test_add ("/workflow/close-window-keeps-typing/draft", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_close_window_keeps_typing, fixture_tear_down);
  g_test_add ("/workflow/close-window-keeps-typing/recovery", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_close_window_keeps_typing, fixture_tear_down);
  g_test_add ("/workflow/autosave-survives-kill/draft", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_autosave_survives_kill, fixture_tear_down);
  g_test_add ("/workflow/autosave-survives-kill/recovery", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_autosave_survives_kill, fixture_tear_down);

  return g_test_run ();
}
