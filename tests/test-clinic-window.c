/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-clinic-window.c: the window on a shared record, under Xvfb. A save
 * over a session another connection changed shows both versions and keeps
 * mine, reloads theirs or leaves the form as it was (on SQLite: two
 * connections to one file). On a clinic server (tests/pg/with-pg-cluster;
 * skipped without it) the login's role shapes the window: a manager is
 * offered nothing to write, a therapist cannot sign another therapist's
 * session and is told why. */

#include "config.h"

#include <adwaita.h>
#include <libpq-fe.h>
#include <string.h>

#include "glide-gui-test-utils.h"
#include "glide-preferences-window.h"
#include "glide-session-editor.h"
#include "glide-stale-dialog.h"
#include "glide-test-utils.h"

#define STALE_HEADING "Changed Elsewhere"

/* ---- helpers ----------------------------------------------------------------- */

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

/* Whether @widget's action @name (with @target, or none) is enabled, as a
 * button bound to it shows: GTK 4.8 has no public query, and
 * gtk_widget_activate_action() returns TRUE for a disabled action too. */
static gboolean
action_enabled (GtkWidget  *widget,
                const char *name,
                GVariant   *target)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  g_object_ref_sink (probe);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), target);
  gtk_widget_set_parent (probe, widget);
  glide_test_flush_events ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);
  return enabled;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Every label's text under @root, one a line: what the person reads. */
static void
collect_text (GtkWidget *root,
              GString   *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
text_of (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", text ? text : "(null)", part);
}

/* ---- stale edits (SQLite, two connections) ---------------------------------------- */

typedef struct
{
  char               *dir;
  GlideStore         *mine;      /* the editor's connection */
  GlideStore         *theirs;    /* another workstation's */
  GSettings          *settings;
  gint64              course_id;
  gint64              session_id;
  GtkWindow          *window;
  GlideSessionEditor *editor;
} StaleFixture;

static void
stale_set_up (StaleFixture  *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = NULL;
  gint64 therapist, patient;

  f->dir = glide_test_make_tmpdir ();
  f->mine = glide_test_open_store (f->dir, "stale.db");
  f->settings = g_settings_new (APP_ID);
  therapist = glide_test_add_therapist (f->mine, "dw", "Dana Whitfield");
  glide_store_set_actor (f->mine, therapist);
  patient = glide_test_add_patient (f->mine, "S-100", "Okafor", "Ada");
  f->course_id = glide_test_add_course (f->mine, patient, "2026-01-05");
  session = glide_test_new_session (f->course_id, therapist, "2026-01-12T09:30");
  f->session_id = glide_store_save_draft_session (f->mine, session, &error);
  g_assert_no_error (error);

  f->theirs = glide_test_open_store (f->dir, "stale.db");
  glide_store_set_actor (f->theirs, therapist);

  f->editor = glide_session_editor_new (f->mine, f->settings, f->course_id, f->session_id, 0, &error);
  g_assert_no_error (error);
  glide_session_editor_set_autosave_interval (f->editor, 3600);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 1100, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
stale_tear_down (StaleFixture  *f,
                 gconstpointer  data)
{
  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);
  g_clear_object (&f->settings);
  g_clear_object (&f->theirs);
  g_clear_object (&f->mine);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The other workstation changes the note and the pain after treatment. */
static void
change_elsewhere (StaleFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = glide_store_get_session (f->theirs, f->session_id, &error);

  g_assert_no_error (error);
  g_free (session->note);
  session->note = g_strdup ("Changed at the front desk: pain worse after stairs.");
  for (guint i = 0; i < session->measurements->len; i++)
    {
      GlideMeasurement *m = g_ptr_array_index (session->measurements, i);

      if (m->measure == GLIDE_MEASURE_PAIN && m->timing == GLIDE_TIMING_POST)
        m->value = 6;
    }
  g_assert_cmpint (glide_store_save_draft_session (f->theirs, session, &error), ==, f->session_id);
  g_assert_no_error (error);
}

static char *
stored_note (GlideStore *store,
             gint64      session_id)
{
  g_autoptr(GlideSession) session = glide_store_get_session (store, session_id, NULL);

  g_assert_nonnull (session);
  return g_strdup (session->note);
}

/* Types in the editor, saves, and returns the dialog that asks. */
static AdwMessageDialog *
save_over_their_change (StaleFixture *f)
{
  GtkWindow *dialog;

  glide_session_editor_set_note (f->editor, "Mine, typed here: calf tight on the left.");
  glide_session_editor_set_pain (f->editor, "7", "3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL));
  dialog = glide_test_wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, f->window, STALE_HEADING);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* What a click on one of the dialog's buttons does. */
static void
answer (StaleFixture     *f,
        AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  glide_test_wait_for_dialog_gone (ADW_TYPE_MESSAGE_DIALOG, f->window, "the stale-edit dialog");
  glide_test_flush_events ();
}

static void
test_stale_shows_both_versions (StaleFixture  *f,
                                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;
  g_autofree char *key = glide_recovery_key (f->course_id, f->session_id);
  g_autofree char *note = NULL;
  g_autoptr(GlideRecovery) kept = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  change_elsewhere (f);
  dialog = save_over_their_change (f);

  /* Who changed it, and each differing field: theirs beside mine. */
  text = text_of (GTK_WIDGET (dialog));
  assert_contains (text, "was changed by");
  assert_contains (text, "Notes");
  assert_contains (text, "Changed at the front desk: pain worse after stairs.");
  assert_contains (text, "Mine, typed here: calf tight on the left.");
  assert_contains (text, "Pain");
  assert_contains (text, "7 → 6");
  assert_contains (text, "7 → 3");
  /* What did not change is not listed. */
  g_assert_null (strstr (text, "Date and time"));
  g_assert_null (strstr (text, "Calf"));
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "stale-edit.png");

  /* Cancel: the form keeps the typing, so does this workstation's copy,
   * and their version stays stored. */
  answer (f, dialog, GLIDE_STALE_RESPONSE_CANCEL);
  g_assert_true (glide_session_editor_is_dirty (f->editor));
  g_assert_cmpint (glide_session_editor_get_session_id (f->editor), ==, f->session_id);
  kept = glide_store_get_recovery (f->mine, key, NULL);
  g_assert_nonnull (kept);
  assert_contains (kept->content, "Mine, typed here");
  note = stored_note (f->mine, f->session_id);
  g_assert_cmpstr (note, ==, "Changed at the front desk: pain worse after stairs.");
  assert_contains (glide_session_editor_get_error (f->editor), "was changed by");

  /* Keep Mine as New Draft: a second draft of the course with my typing;
   * theirs untouched; the editor now on mine, nothing pending. */
  dialog = save_over_their_change (f);
  answer (f, dialog, GLIDE_STALE_RESPONSE_KEEP_MINE);
  sessions = glide_store_list_sessions (f->theirs, f->course_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_clear_pointer (&note, g_free);
  note = stored_note (f->theirs, f->session_id);
  g_assert_cmpstr (note, ==, "Changed at the front desk: pain worse after stairs.");
  g_assert_cmpint (glide_session_editor_get_session_id (f->editor), !=, f->session_id);
  g_clear_pointer (&note, g_free);
  note = stored_note (f->theirs, glide_session_editor_get_session_id (f->editor));
  g_assert_cmpstr (note, ==, "Mine, typed here: calf tight on the left.");
  g_assert_false (glide_session_editor_is_dirty (f->editor));
  g_clear_pointer (&kept, glide_recovery_free);
  kept = glide_store_get_recovery (f->mine, key, NULL);
  g_assert_null (kept);
  g_assert_null (glide_session_editor_get_error (f->editor));
}

static void
test_stale_reload_theirs (StaleFixture  *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *key = glide_recovery_key (f->course_id, f->session_id);
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideRecovery) kept = NULL;

  change_elsewhere (f);
  dialog = save_over_their_change (f);
  answer (f, dialog, GLIDE_STALE_RESPONSE_RELOAD);

  /* The form shows their version, nothing pending, no copy kept. */
  after = glide_session_editor_get_pain_text (f->editor, GLIDE_TIMING_POST);
  g_assert_cmpstr (after, ==, "6");
  g_assert_false (glide_session_editor_is_dirty (f->editor));
  kept = glide_store_get_recovery (f->mine, key, NULL);
  g_assert_null (kept);
  /* Saving now is over the version shown: accepted, and it writes theirs. */
  g_assert_true (glide_session_editor_save (f->editor, &error));
  g_assert_no_error (error);
  note = stored_note (f->theirs, f->session_id);
  g_assert_cmpstr (note, ==, "Changed at the front desk: pain worse after stairs.");
}

/* ---- roles on a clinic server ----------------------------------------------------- */

static char *owner_uri;
static char *workdir;

static gint64 ko_draft, dw_draft, drafts_course;

/* The demo clinic, a login per role, and two drafts of one course: one by
 * Dana Whitfield (dw), one by the therapist ko. */
static void
set_up_clinic (void)
{
  g_autoptr(GlideStore) owner = NULL;
  g_autoptr(GError) error = NULL;

  glide_test_pg_glide_ok (workdir, "--demo", NULL);
  glide_test_pg_superuser_exec ("CREATE ROLE t_dw LOGIN");
  glide_test_pg_superuser_exec ("CREATE ROLE m_front LOGIN");
  glide_test_pg_glide_ok (workdir, "--grant", "t_dw", "--role", "therapist", "--therapist", "dw", NULL);
  glide_test_pg_glide_ok (workdir, "--grant", "m_front", "--role", "manager", NULL);

  owner = glide_store_open (owner_uri, &error);
  g_assert_no_error (error);
  glide_test_add_two_drafts (owner, &drafts_course, &ko_draft, &dw_draft, NULL);
}

static GlideStore *
open_as (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = glide_test_pg_uri (NULL, login, NULL);
  GlideStore *store = glide_store_open (uri, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (glide_store_get_login (store), ==, login);
  return store;
}

static GlideSessionEditor *
open_session (GlideWindow *window,
              gint64       session_id)
{
  g_signal_emit_by_name (glide_window_get_patient_page (window), "session-requested",
                         drafts_course, session_id, (gint64) 0);
  glide_test_flush_events ();
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "session");
  return glide_window_get_session_editor (window);
}

static gboolean
no_check_button_sensitive (GtkWidget     *widget,
                           gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_sensitive (widget);
}

static void
test_manager_reads_only (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  const char *window_actions[] = { "win.new-patient", "win.load-demo", "win.import",
                                   "win.new-session", "win.copy-last-session" };
  const char *page_actions[] = { "patient.new-session", "patient.copy-last-session",
                                 "patient.edit", "patient.add-course" };
  const char *hidden[] = { "patient.new-session", "patient.copy-last-session", "patient.edit",
                           "patient.add-course" };
  GlidePreferencesWindow *prefs;
  GlideSessionEditor *editor;
  GlidePatientPage *page;
  GlideWindow *window;

  if (owner_uri == NULL)
    {
      g_test_skip ("needs a clinic server: run under tests/pg/with-pg-cluster");
      return;
    }
  store = open_as ("m_front");
  g_assert_cmpint (glide_store_get_role (store), ==, GLIDE_STORE_ROLE_MANAGER);
  window = glide_test_open_window (store, 1200, 860);
  glide_window_open_patient (window, "P-1001");
  g_assert_cmpstr (glide_window_get_page_name (window), ==, "patient");
  page = glide_window_get_patient_page (window);

  /* Nothing to write is offered: each action refuses, its buttons are gone. */
  for (guint i = 0; i < G_N_ELEMENTS (window_actions); i++)
    if (action_enabled (GTK_WIDGET (window), window_actions[i], NULL))
      g_error ("%s is offered to a manager", window_actions[i]);
  for (guint i = 0; i < G_N_ELEMENTS (page_actions); i++)
    if (action_enabled (GTK_WIDGET (page), page_actions[i], NULL))
      g_error ("%s is offered to a manager", page_actions[i]);
  g_assert_false (action_enabled (GTK_WIDGET (page), "patient.edit-course",
                                  g_variant_new_int64 (glide_patient_page_get_course_id (page))));
  g_assert_false (action_enabled (GTK_WIDGET (page), "patient.discharge-course",
                                  g_variant_new_int64 (glide_patient_page_get_course_id (page))));
  g_assert_false (action_enabled (GTK_WIDGET (page), "patient.edit-screening-note",
                                  g_variant_new_uint32 (0)));
  /* Reading, printing and exporting stay. */
  g_assert_true (action_enabled (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (action_enabled (GTK_WIDGET (window), "win.export-caseload", NULL));
  g_assert_true (action_enabled (GTK_WIDGET (page), "patient.print", NULL));
  g_assert_true (action_enabled (GTK_WIDGET (page), "patient.print-summary", NULL));
  g_assert_true (action_enabled (GTK_WIDGET (page), "patient.export-progress", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      GtkWidget *button = glide_test_find_matching (GTK_WIDGET (page), has_action, hidden[i]);

      g_assert_nonnull (button);
      if (gtk_widget_get_visible (button))
        g_error ("the %s button is shown to a manager", hidden[i]);
    }
  g_assert_null (glide_test_find_matching (GTK_WIDGET (page), has_action, "patient.discharge-course"));
  g_assert_null (glide_test_find_matching (GTK_WIDGET (page), no_check_button_sensitive, NULL));
  /* And why, in words. */
  assert_contains (glide_patient_page_get_new_session_refusal (page),
                   "You are signed in as m_front (manager)");
  /* Reports stay: the export menu is there. */
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (page), is_label_with, "Sessions"));
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "manager-patient.png");

  /* A draft opens read-only: no Save, no Sign, and the editor says so. */
  glide_window_open_patient (window, "R-7001");
  editor = open_session (window, dw_draft);
  g_assert_false (glide_session_editor_is_editable (editor));
  g_assert_false (action_enabled (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (editor), "editor.sign", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (editor), "editor.add-rom", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (window), "win.sign", NULL));
  g_assert_false (gtk_widget_get_visible (glide_test_find_matching (GTK_WIDGET (editor), has_action,
                                                                    "editor.save")));
  g_assert_false (gtk_widget_get_visible (glide_test_find_matching (GTK_WIDGET (editor), has_action,
                                                                    "editor.sign")));
  banner = text_of (GTK_WIDGET (editor));
  assert_contains (banner, "Read only");
  assert_contains (banner, "You are signed in as m_front (manager)");
  g_assert_false (glide_session_editor_save (editor, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  glide_test_save_screenshot (GTK_WIDGET (window), "manager-session.png");

  /* Preferences: the clinic's details, therapists and tools are shown, not editable. */
  prefs = glide_preferences_window_new (GTK_WINDOW (window), store, settings);
  g_object_ref_sink (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  glide_test_wait_for_draw (GTK_WIDGET (prefs));
  g_assert_false (action_enabled (GTK_WIDGET (prefs), "prefs.add-therapist", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (prefs), "prefs.add-instrument", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (prefs), "prefs.edit-therapist", g_variant_new_string ("dw")));
  {
    GtkWidget *name_row = glide_test_find_matching (GTK_WIDGET (prefs), has_name, "clinic-name");

    g_assert_nonnull (name_row);
    g_assert_false (gtk_widget_is_sensitive (name_row));
  }
  /* The care settings too: read, and shown, but the clinic's admin's to change. */
  g_assert_false (action_enabled (GTK_WIDGET (prefs), "prefs.add-billing-code", NULL));
  g_assert_false (action_enabled (GTK_WIDGET (prefs), "prefs.remove-billing-code",
                                  g_variant_new_string ("97140")));
  g_assert_false (gtk_widget_is_sensitive (glide_test_find_matching (GTK_WIDGET (prefs), has_name,
                                                                     "units-method")));
  g_assert_nonnull (glide_test_find_matching (GTK_WIDGET (prefs), has_name, "97140"));
  {
    g_autoptr(GError) care_error = NULL;
    g_autoptr(GlideCareSettings) care = glide_store_get_care_settings (store, &care_error);

    g_assert_no_error (care_error);
    care->report_visits = 5;
    g_assert_false (glide_store_set_care_settings (store, care, &care_error));
    g_assert_error (care_error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  glide_test_assert_finalized (prefs);

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

static void
test_therapist_signs_own_only (void)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideTherapist) ko = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  GlideSessionEditor *editor;
  GtkWidget *sign;
  GlideWindow *window;

  if (owner_uri == NULL)
    {
      g_test_skip ("needs a clinic server: run under tests/pg/with-pg-cluster");
      return;
    }
  store = open_as ("t_dw");
  g_assert_cmpint (glide_store_get_role (store), ==, GLIDE_STORE_ROLE_THERAPIST);
  ko = glide_store_find_therapist (store, "ko", NULL);
  reason = g_strdup_printf ("Only %s can sign this session; you are signed in as t_dw", ko->name);
  window = glide_test_open_window (store, 1200, 860);
  glide_window_open_patient (window, "R-7001");

  /* Another therapist's draft: Sign is there but off, and says why. */
  editor = open_session (window, ko_draft);
  g_assert_true (glide_session_editor_is_editable (editor));
  sign = glide_test_find_matching (GTK_WIDGET (editor), has_action, "editor.sign");
  g_assert_true (gtk_widget_get_visible (sign));
  g_assert_false (gtk_widget_get_sensitive (sign));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sign), ==, reason);
  g_assert_false (action_enabled (GTK_WIDGET (editor), "editor.sign", NULL));
  text = text_of (GTK_WIDGET (editor));
  assert_contains (text, reason);
  g_assert_false (glide_session_editor_sign (editor, &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);
  glide_test_wait_for_draw (GTK_WIDGET (window));
  glide_test_save_screenshot (GTK_WIDGET (window), "therapist-other-draft.png");
  /* Saving the draft stays open to them (the server allows it). */
  g_assert_true (gtk_widget_get_sensitive (glide_test_find_matching (GTK_WIDGET (editor), has_action,
                                                                     "editor.save")));
  glide_session_editor_close (editor);
  glide_test_flush_events ();

  /* Their own draft: Sign is offered. */
  editor = open_session (window, dw_draft);
  sign = glide_test_find_matching (GTK_WIDGET (editor), has_action, "editor.sign");
  g_assert_true (gtk_widget_get_sensitive (sign));
  g_assert_null (strstr (gtk_widget_get_tooltip_text (sign), "Only"));
  g_assert_true (glide_session_editor_sign (editor, &error));
  g_assert_no_error (error);
  g_assert_true (glide_session_editor_is_signed (editor));
  glide_session_editor_close (editor);
  glide_test_flush_events ();

  gtk_window_destroy (GTK_WINDOW (window));
  glide_test_assert_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  glide_test_gui_init (&argc, &argv);
  owner_uri = g_strdup (g_getenv ("GLIDE_TEST_PG_URI"));
  if (owner_uri != NULL && *owner_uri == '\0')
    g_clear_pointer (&owner_uri, g_free);

  g_test_add ("/clinic-window/stale/both-versions", StaleFixture, NULL, stale_set_up,
              test_stale_shows_both_versions, stale_tear_down);
  g_test_add ("/clinic-window/stale/reload-theirs", StaleFixture, NULL, stale_set_up,
              test_stale_reload_theirs, stale_tear_down);
  g_test_add_func ("/clinic-window/roles/manager-reads-only", test_manager_reads_only);
  g_test_add_func ("/clinic-window/roles/therapist-signs-own-only", test_therapist_signs_own_only);

  if (owner_uri != NULL)
    {
      workdir = glide_test_make_tmpdir ();
      set_up_clinic ();
    }
  status = g_test_run ();
  if (workdir != NULL)
    glide_test_remove_tree (workdir);
  g_free (workdir);
  g_free (owner_uri);
  return status;
}
