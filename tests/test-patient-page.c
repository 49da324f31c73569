/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-patient-page.c: the patient page and the first run under Xvfb, driven
 * through actions and dialogs and read back from the store: clearing a
 * screened condition asks first and keeps its note, which the page shows
 * and edits; discharging a course with drafts warns, and a discharged
 * course takes no new session (its shortcuts say why); Copy Last Session
 * copies the last signed session; on a first run New Session leads to
 * adding a therapist, who then documents here and is offered in an open
 * session. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "glide-date.h"
#include "glide-gui-test-utils.h"
#include "glide-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-window.h"

typedef struct
{
  char        *dir;
  GlideStore  *store;
  GSettings   *settings;
  GlideWindow *window;
  gint64       patient_id;
  gint64       course_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "page.db");
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "current-therapist");
  g_settings_reset (f->settings, "last-patient");
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);
  f->patient_id = glide_test_add_patient (f->store, "T-700", "Okafor", "Chidi");
  f->course_id = glide_test_add_course (f->store, f->patient_id, "2026-01-05");
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

static GlidePatientPage *
open_patient (Fixture *f)
{
  f->window = glide_test_open_window (f->store, 1280, 900);
  glide_window_open_patient (f->window, "T-700");
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  return glide_window_get_patient_page (f->window);
}

static gint64
add_session (Fixture    *f,
             gint64      therapist,
             const char *start,
             GlideSite   site,
             gboolean    sign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = glide_test_new_session (f->course_id, therapist, start);
  GlideTreatment *first = g_ptr_array_index (session->treatments, 0);
  g_autofree char *at = NULL;

  first->site = site;
  g_assert_cmpint (glide_store_save_draft_session (f->store, session, &error), >, 0);
  g_assert_no_error (error);
  if (sign)
    {
      at = g_strdup_printf ("%.10sT18:00:00", start);
      g_assert_true (glide_store_sign_session (f->store, session->id, therapist, at, &error));
      g_assert_no_error (error);
    }
  return session->id;
}

/* ---- finding what is on screen ------------------------------------------------------ */

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = glide_test_find_matching (GTK_WIDGET (root), is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* A label in a toast (not the same words elsewhere on the page). */
static gboolean
is_toast_label_with_prefix (GtkWidget     *widget,
                            gconstpointer  prefix)
{
  if (!is_label_with_prefix (widget, prefix))
    return FALSE;
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_equal (gtk_widget_get_css_name (w), "toast"))
      return TRUE;
  return FALSE;
}

static gboolean
toast_is_shown (GlideWindow *window,
                const char  *prefix)
{
  return glide_test_find_matching (GTK_WIDGET (window), is_toast_label_with_prefix, prefix) != NULL;
}

static GtkWindow *
wait_for_dialog (GType      type,
                 GtkWindow *parent)
{
  return glide_test_wait_for_dialog (type, parent, NULL);
}

/* Answers the message dialog on screen as a click would, after checking its
 * heading and, where it offers Cancel, that Cancel is what Enter and Escape do. */
static void
answer_message (const char *heading,
                const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, NULL));

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  if (adw_message_dialog_has_response (dialog, "cancel"))
    {
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
    }
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  glide_test_wait_for_dialog_gone (ADW_TYPE_MESSAGE_DIALOG, NULL, "the message dialog to close");
  glide_test_flush_events ();
}

static void
screenshot_message (const char *name)
{
  GtkWidget *dialog = GTK_WIDGET (glide_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  glide_test_wait_for_draw (dialog);
  glide_test_save_screenshot (dialog, name);
}

static const char *
message_body (void)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, NULL));

  return adw_message_dialog_get_body (dialog);
}

static GlideScreening *
stored_screening (Fixture        *f,
                  GlideCondition  condition)
{
  g_autoptr(GPtrArray) all = glide_store_list_screening (f->store, f->patient_id, NULL);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      GlideScreening *s = g_ptr_array_index (all, i);

      if (s->condition == condition)
        return g_ptr_array_steal_index (all, i);
    }
  return NULL;
}

/* ---- screening ----------------------------------------------------------------------- */

static gboolean
is_shown_scroller (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

/* Scrolls the page to its end (its scroller: not one in a closed menu). */
static void
scroll_to_end (GtkWidget *page)
{
  GtkWidget *scrolled = glide_test_find_matching (page, is_shown_scroller, NULL);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Twice: the first layout after expanding a row may still grow the page. */
  for (guint i = 0; i < 2; i++)
    {
      glide_test_wait_for_draw (gtk_widget_get_ancestor (page, GTK_TYPE_WINDOW));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
    }
  glide_test_wait_for_draw (gtk_widget_get_ancestor (page, GTK_TYPE_WINDOW));
}

static void
test_screening_note_survives (Fixture       *f,
                              gconstpointer  data)
{
  const GlideCondition condition = GLIDE_CONDITION_THROMBOPHLEBITIS;
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_CONDITION, condition);
  g_autofree char *heading = g_strdup_printf ("Clear “%s”?", label);
  g_autoptr(GlideScreening) stored = NULL;
  GlidePatientPage *page;
  GtkWidget *row;
  GtkCheckButton *check;
  GlideFormDialog *form;
  AdwExpanderRow *expander;

  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  page = open_patient (f);
  row = find_row (page, label);
  check = GTK_CHECK_BUTTON (glide_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
  expander = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW));
  /* A collapsed expander's rows are not measured until it is first opened. */
  g_assert_false (adw_expander_row_get_expanded (expander));
  g_assert_false (gtk_widget_get_visible (row));

  /* Ticked: on file at once. */
  gtk_check_button_set_active (check, TRUE);
  glide_test_flush_events ();
  stored = stored_screening (f, condition);
  g_assert_true (stored->present);
  g_clear_pointer (&stored, glide_screening_free);
  g_assert_nonnull (strstr (glide_patient_page_get_alerts (page), label));

  /* A note, through the row's edit button's action; the row shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit-screening-note",
                                             "u", (guint32) condition));
  form = GLIDE_FORM_DIALOG (wait_for_dialog (GLIDE_TYPE_FORM_DIALOG, NULL));
  g_object_ref (form);
  glide_form_dialog_set_text (form, "note", "Right forearm, since the IV line in March <3 weeks>.");
  g_assert_true (glide_form_dialog_save (form));
  g_object_unref (form);
  stored = stored_screening (f, condition);
  g_assert_true (stored->present);
  g_assert_cmpstr (stored->note, ==, "Right forearm, since the IV line in March <3 weeks>.");
  g_clear_pointer (&stored, glide_screening_free);
  row = find_row (page, label);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Note: Right forearm, since the IV line in March <3 weeks>."));

  adw_expander_row_set_expanded (expander, TRUE);
  g_assert_true (gtk_widget_get_visible (row));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  scroll_to_end (GTK_WIDGET (page));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "patient-page-screening-note.png");

  /* One click does not clear it: it stays ticked and on file until confirmed. */
  check = GTK_CHECK_BUTTON (glide_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (check, FALSE);
  g_assert_true (gtk_check_button_get_active (check));
  wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, NULL);
  screenshot_message ("patient-page-clear-condition.png");
  answer_message (heading, "cancel");
  stored = stored_screening (f, condition);
  g_assert_true (stored->present);
  g_clear_pointer (&stored, glide_screening_free);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    glide_test_find_widget (find_row (page, label), GTK_TYPE_CHECK_BUTTON))));

  /* Confirmed: absent, with its note. */
  check = GTK_CHECK_BUTTON (glide_test_find_widget (find_row (page, label), GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (check, FALSE);
  answer_message (heading, "clear");
  stored = stored_screening (f, condition);
  g_assert_false (stored->present);
  g_assert_cmpstr (stored->note, ==, "Right forearm, since the IV line in March <3 weeks>.");
  g_clear_pointer (&stored, glide_screening_free);
  g_assert_null (strstr (glide_patient_page_get_alerts (page), label));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (page, label))),
                            "Absent"));

  /* Ticked again: the note is still there. */
  check = GTK_CHECK_BUTTON (glide_test_find_widget (find_row (page, label), GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (check, TRUE);
  glide_test_flush_events ();
  stored = stored_screening (f, condition);
  g_assert_true (stored->present);
  g_assert_cmpstr (stored->note, ==, "Right forearm, since the IV line in March <3 weeks>.");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (page, label))),
                            "Note: Right forearm"));

  /* Collapsing keeps them (the revealer's animation shows them going). */
  adw_expander_row_set_expanded (expander, FALSE);
  g_assert_true (gtk_widget_get_visible (find_row (page, label)));
}

/* ---- discharge ---------------------------------------------------------------------- */

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static void
test_discharge_with_drafts (Fixture       *f,
                            gconstpointer  data)
{
  gint64 therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_autoptr(GlideCourse) course = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  GlidePatientPage *page;
  GlideFormDialog *form;
  GtkWidget *new_button;
  const char *body;
  g_autofree char *signed1 = glide_datetime_format_long ("2026-01-12T09:00:00");
  g_autofree char *draft1 = glide_datetime_format_long ("2026-01-19T09:00:00");
  g_autofree char *draft2 = glide_datetime_format_long ("2026-01-26T09:00:00");
  g_autofree char *end = glide_date_format_long ("2026-02-02");
  g_autofree char *refusal = NULL;

  g_settings_set_string (f->settings, "current-therapist", "dw");
  add_session (f, therapist, "2026-01-12T09:00:00", GLIDE_SITE_CALF, TRUE);
  add_session (f, therapist, "2026-01-19T09:00:00", GLIDE_SITE_CALF, FALSE);
  add_session (f, therapist, "2026-01-26T09:00:00", GLIDE_SITE_CALF, FALSE);
  page = open_patient (f);

  /* Two drafts: named with their dates; Cancel (the default) leaves the course open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.discharge-course",
                                             "x", f->course_id));
  body = message_body ();
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, draft1));
  g_assert_nonnull (strstr (body, draft2));
  g_assert_null (strstr (body, signed1));
  screenshot_message ("patient-page-discharge-drafts.png");
  answer_message ("Discharge With 2 Unsigned Drafts?", "cancel");
  g_assert_null (glide_test_find_toplevel (GLIDE_TYPE_FORM_DIALOG));
  course = glide_store_get_course (f->store, f->course_id, NULL);
  g_assert_true (glide_course_is_active (course));
  g_clear_pointer (&course, glide_course_free);

  /* Discharge anyway: the discharge form, then the course is discharged. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.discharge-course",
                                             "x", f->course_id));
  answer_message ("Discharge With 2 Unsigned Drafts?", "discharge");
  form = g_object_ref (GLIDE_FORM_DIALOG (wait_for_dialog (GLIDE_TYPE_FORM_DIALOG, NULL)));
  glide_form_dialog_set_text (form, "date", "2026-02-02");
  glide_form_dialog_set_text (form, "note", "Referred back to the GP.");
  g_assert_true (glide_form_dialog_save (form));
  g_object_unref (form);
  course = glide_store_get_course (f->store, f->course_id, NULL);
  g_assert_cmpstr (course->end_date, ==, "2026-02-02");

  /* No new session on a discharged course: the actions are off, and the
   * window's shortcuts say why instead of opening one. */
  new_button = glide_test_find_matching (GTK_WIDGET (page), has_action, "patient.new-session");
  g_assert_false (gtk_widget_get_sensitive (new_button));
  g_assert_false (gtk_widget_get_sensitive (glide_test_find_matching (GTK_WIDGET (page), has_action,
                                                                      "patient.copy-last-session")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (new_button), ==,
                   glide_patient_page_get_new_session_refusal (page));
  g_assert_nonnull (glide_patient_page_get_new_session_refusal (page));
  refusal = g_strdup_printf ("“Plantar fasciitis” was discharged on %s", end);
  g_assert_true (g_str_has_prefix (glide_patient_page_get_new_session_refusal (page), refusal));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");
  g_assert_null (glide_window_get_session_editor (f->window));
  g_assert_true (toast_is_shown (f->window, refusal));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-last-session", NULL));
  glide_test_flush_events ();
  g_assert_null (glide_window_get_session_editor (f->window));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "patient-page-discharged.png");

  /* Its drafts still open, to be signed. */
  sessions = glide_store_list_sessions (f->store, f->course_id, NULL);
  g_signal_emit_by_name (page, "session-requested", f->course_id,
                         ((GlideSession *) g_ptr_array_index (sessions, 1))->id, (gint64) 0);
  glide_test_flush_events ();
  g_assert_nonnull (glide_window_get_session_editor (f->window));
  g_assert_true (glide_session_editor_is_editable (glide_window_get_session_editor (f->window)));
}

/* ---- copy last session ---------------------------------------------------------------- */

static void
test_copy_last_signed (Fixture       *f,
                       gconstpointer  data)
{
  gint64 therapist = glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  GlideSessionEditor *editor;
  GlideTreatment *copied;
  g_autofree char *field = NULL;

  g_settings_set_string (f->settings, "current-therapist", "dw");
  /* Only drafts: nothing is copied, and the toast says why. */
  add_session (f, therapist, "2026-01-12T09:00:00", GLIDE_SITE_HAMSTRINGS, FALSE);
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-last-session", NULL));
  glide_test_flush_events ();
  g_assert_null (glide_window_get_session_editor (f->window));
  g_assert_true (toast_is_shown (f->window, "No session of this course is signed yet"));
  gtk_window_destroy (GTK_WINDOW (f->window));
  glide_test_assert_finalized (f->window);
  f->window = NULL;

  /* A signed session, then a later draft: the signed one is copied. */
  add_session (f, therapist, "2026-01-19T09:00:00", GLIDE_SITE_ACHILLES, TRUE);
  add_session (f, therapist, "2026-01-26T09:00:00", GLIDE_SITE_QUADRICEPS, FALSE);
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-last-session", NULL));
  glide_test_flush_events ();
  editor = glide_window_get_session_editor (f->window);
  g_assert_nonnull (editor);
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 2);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (editor, 0), GLIDE_REDNESS_NONE);
  copied = glide_treatment_row_get_values (glide_session_editor_get_treatment_row (editor, 0), &field, NULL);
  g_assert_nonnull (copied);
  g_assert_cmpint (copied->site, ==, GLIDE_SITE_ACHILLES);
  glide_treatment_free (copied);
}

/* ---- recovery ------------------------------------------------------------------------- */

static gboolean
is_label_on_screen (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* Typing that is not yet a valid draft, put aside when the editor closes,
 * comes back in the same run without claiming Glide closed; after a real
 * restart it is "recovered". */
static void
test_recovery_only_after_restart (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) kept = NULL;
  GlideSessionEditor *editor;
  GtkWidget *map;

  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  g_settings_set_string (f->settings, "current-therapist", "dw");
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  editor = glide_window_get_session_editor (f->window);
  glide_session_editor_set_autosave_interval (editor, 3600);
  map = glide_test_find_widget (GTK_WIDGET (editor), g_type_from_name ("GlideBodyMap"));
  /* An area without its skin response: not a valid draft. */
  g_signal_emit_by_name (map, "area-activated", (int) GLIDE_SITE_CALF, (int) GLIDE_SIDE_LEFT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_nonnull (glide_session_editor_get_error (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  glide_test_flush_events ();
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "patient");

  /* The store says whose it is: this connection's. */
  kept = glide_store_list_recovery (f->store, NULL);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_true (((GlideRecovery *) g_ptr_array_index (kept, 0))->written_here);
  g_clear_pointer (&kept, g_ptr_array_unref);

  /* Same run: the typing is back, and no banner says Glide closed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  editor = glide_window_get_session_editor (f->window);
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 1);
  g_assert_false (glide_session_editor_was_recovered (editor));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_null (glide_test_find_matching (GTK_WIDGET (f->window), is_label_on_screen,
                                           "Recovered what was typed before Glide closed"));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-typing-put-aside.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  glide_test_flush_events ();

  /* Glide closes and starts again: now it was recovered. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  glide_test_assert_finalized (f->window);
  f->window = NULL;
  g_clear_object (&f->store);
  f->store = glide_test_open_store (f->dir, "page.db");
  kept = glide_store_list_recovery (f->store, NULL);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_false (((GlideRecovery *) g_ptr_array_index (kept, 0))->written_here);
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  editor = glide_window_get_session_editor (f->window);
  g_assert_cmpuint (glide_session_editor_get_n_treatments (editor), ==, 1);
  g_assert_true (glide_session_editor_was_recovered (editor));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (f->window), is_label_on_screen,
                                              "Recovered what was typed before Glide closed"));
}

/* ---- first run -------------------------------------------------------------------------- */

static gboolean
combo_offers (AdwComboRow *row,
              const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      return TRUE;
  return FALSE;
}

static const char *
combo_selected (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return item ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

/* Adds a therapist through the Preferences dialog on screen, as typed. */
static void
add_therapist_in_dialog (GtkWindow  *prefs,
                         const char *code,
                         const char *name)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, prefs));

  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "id")), code);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "name")), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  glide_test_wait_for_dialog_gone (ADW_TYPE_MESSAGE_DIALOG, prefs, "the therapist dialog to close");
}

static void
close_preferences (GtkWindow *prefs)
{

  gtk_window_close (prefs);
  glide_test_wait_for_dialog_gone (GLIDE_TYPE_PREFERENCES_WINDOW, NULL, "Preferences to close");
  glide_test_flush_events ();
}

static void
test_first_run_adds_therapist (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GlideTherapist) added = NULL;
  g_autofree char *current = NULL;
  GlideSessionEditor *editor;
  AdwComboRow *therapist_row;
  GtkWindow *prefs;

  /* An empty clinic: no therapist at all. */
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  /* No editor with an empty Therapist: Preferences, on the therapists
   * page, with the dialog that adds one. */
  g_assert_null (glide_window_get_session_editor (f->window));
  prefs = wait_for_dialog (GLIDE_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)),
                   ==, "therapists");
  wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, prefs);
  screenshot_message ("first-run-add-therapist.png");
  add_therapist_in_dialog (prefs, "ab", "Amara Bello");

  /* The one added is this workstation's therapist... */
  added = glide_store_find_therapist (f->store, "ab", NULL);
  g_assert_nonnull (added);
  current = g_settings_get_string (f->settings, "current-therapist");
  g_assert_cmpstr (current, ==, "ab");
  g_assert_cmpint (glide_store_get_actor (f->store), ==, added->id);

  /* ... and closing Preferences opens the session asked for, with them. */
  close_preferences (prefs);
  editor = glide_window_get_session_editor (f->window);
  g_assert_nonnull (editor);
  g_assert_cmpstr (glide_window_get_page_name (f->window), ==, "session");
  therapist_row = ADW_COMBO_ROW (find_row (editor, "Therapist"));
  g_assert_cmpstr (combo_selected (therapist_row), ==, "Amara Bello");
  g_assert_false (glide_session_editor_is_dirty (editor));

  /* A second therapist added meanwhile is offered in the open session;
   * the workstation keeps its therapist. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = wait_for_dialog (GLIDE_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-therapist", NULL));
  add_therapist_in_dialog (prefs, "kl", "Kofi Larbi");
  g_clear_pointer (&current, g_free);
  current = g_settings_get_string (f->settings, "current-therapist");
  g_assert_cmpstr (current, ==, "ab");
  close_preferences (prefs);
  g_assert_true (glide_window_get_session_editor (f->window) == editor);
  g_assert_true (combo_offers (therapist_row, "Kofi Larbi"));
  g_assert_cmpstr (combo_selected (therapist_row), ==, "Amara Bello");
  g_assert_false (glide_session_editor_is_dirty (editor));
}

/* With therapists on file but nobody chosen here, New Session asks who documents. */
static void
test_new_session_asks_who (Fixture       *f,
                           gconstpointer  data)
{
  GlideSessionEditor *editor;

  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  open_patient (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-session", NULL));
  glide_test_flush_events ();
  g_assert_null (glide_window_get_session_editor (f->window));
  wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (f->window));
  answer_message ("Who Documents Here?", "choose");
  editor = glide_window_get_session_editor (f->window);
  g_assert_nonnull (editor);
  g_assert_cmpstr (combo_selected (ADW_COMBO_ROW (find_row (editor, "Therapist"))), ==, "Dana Whitfield");
}

int
main (int   argc,
      char *argv[])
{
  glide_test_gui_init (&argc, &argv);

  g_test_add ("/patient-page/screening-note-survives", Fixture, NULL, fixture_set_up,
              test_screening_note_survives, fixture_tear_down);
  g_test_add ("/patient-page/discharge-with-drafts", Fixture, NULL, fixture_set_up,
              test_discharge_with_drafts, fixture_tear_down);
  g_test_add ("/patient-page/copy-last-signed", Fixture, NULL, fixture_set_up,
              test_copy_last_signed, fixture_tear_down);
  g_test_add ("/patient-page/recovery-only-after-restart", Fixture, NULL, fixture_set_up,
              test_recovery_only_after_restart, fixture_tear_down);
  g_test_add ("/patient-page/first-run-adds-therapist", Fixture, NULL, fixture_set_up,
              test_first_run_adds_therapist, fixture_tear_down);
  g_test_add ("/patient-page/new-session-asks-who", Fixture, NULL, fixture_set_up,
              test_new_session_asks_who, fixture_tear_down);
  return g_test_run ();
}
