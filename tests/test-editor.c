/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-editor.c: the session editor's manners under Xvfb: the autosave never
 * moves the focus or the view, the mouse wheel never changes a value, an
 * out-of-range duration is refused and named instead of clamped, and an
 * explicit Save takes the user to the first bad field. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "glide-gui-test-utils.h"
#include "glide-area-list.h"
#include "glide-choice-group.h"
#include "glide-date.h"
#include "glide-demo.h"
#include "glide-entry-row.h"
#include "glide-exercise-row.h"
#include "glide-time-section.h"
#include "glide-rules.h"
#include "glide-treatment-row.h"
#include "glide-session-editor.h"
#include "glide-test-utils.h"

typedef struct
{
  char               *dir;
  GlideStore         *store;
  GSettings          *settings;
  gint64              course_id;
  GtkWindow          *window;
  GlideSessionEditor *editor;
  int                 wanted_width;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideTherapist) therapist = NULL;
  gint64 patient;

  f->dir = glide_test_make_tmpdir ();
  f->store = glide_test_open_store (f->dir, "e.db");
  f->settings = g_settings_new (APP_ID);
  glide_test_add_therapist (f->store, "dw", "Dana Whitfield");
  therapist = glide_store_find_therapist (f->store, "dw", NULL);
  glide_store_set_actor (f->store, therapist->id);
  g_settings_set_int (f->settings, "default-duration", 60);
  patient = glide_test_add_patient (f->store, "E-100", "Kowalczyk", "Marta");
  f->course_id = glide_test_add_course (f->store, patient, "2026-01-05");

  f->editor = glide_session_editor_new (f->store, f->settings, f->course_id, 0, 0, &error);
  g_assert_no_error (error);
  /* No timer fires during a test: the tests call what the timer calls. */
  glide_session_editor_set_autosave_interval (f->editor, 3600);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  /* Short enough that the form scrolls. */
  gtk_window_set_default_size (f->window, 1024, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  glide_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
add_area (Fixture   *f,
          GlideSite  site,
          GlideSide  side)
{
  GtkWidget *map = glide_test_find_widget (GTK_WIDGET (f->editor), g_type_from_name ("GlideBodyMap"));

  g_assert_nonnull (map);
  g_signal_emit_by_name (map, "area-activated", (int) site, (int) side);
  glide_test_flush_events ();
}

static GtkAdjustment *
form_adjustment (Fixture *f)
{
  GtkWidget *scrolled = glide_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_window_get_focus (f->window);
}

static GtkSpinButton *
duration_of (Fixture *f,
             guint    index)
{
  GlideTreatmentRow *row = glide_session_editor_get_treatment_row (f->editor, index);

  g_assert_nonnull (row);
  return GTK_SPIN_BUTTON (glide_test_find_widget (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON));
}

/* The autosave (every 30 s) checks the form quietly: the note being typed
 * keeps the focus and the form stays where it was, though an area's skin
 * response is still to be assessed. */
static void
test_autosave_keeps_focus (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  GtkWidget *note = glide_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_TEXT_VIEW);
  GtkAdjustment *adjustment = form_adjustment (f);
  double scrolled_to;

  add_area (f, GLIDE_SITE_HAMSTRINGS, GLIDE_SIDE_LEFT);
  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  glide_session_editor_set_pain (f->editor, "6", "4.5");
  glide_session_editor_set_note (f->editor, "Patient");
  gtk_widget_grab_focus (note);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (focus_widget (f) == note);
  scrolled_to = gtk_adjustment_get_value (adjustment);

  g_assert_true (glide_session_editor_autosave (f->editor));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));

  g_assert_true (focus_widget (f) == note);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, scrolled_to);
  /* Quiet: no message, and what was typed is kept. */
  g_assert_null (glide_session_editor_get_error (f->editor));
  recoveries = glide_store_list_recovery (f->store, NULL);
  g_assert_cmpuint (recoveries->len, ==, 1);
}

/* Every scroll controller of the widget and its children that takes events
 * gets a wheel notch down, as GTK delivers it; says whether one kept it. */
static gboolean
wheel_over (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean kept = FALSE;

  /* Only what shows is under the pointer (not a closed drop-down's list). */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller) ||
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_NONE)
        continue;
      g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
      kept |= handled;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kept |= wheel_over (child);
  return kept;
}

/* Scrolling the form over a Duration field changes nothing and the wheel
 * goes on to scroll the form. */
static void
test_wheel_keeps_duration (Fixture       *f,
                           gconstpointer  data)
{
  GtkSpinButton *duration;

  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  duration = duration_of (f, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (duration), ==, 60);

  g_assert_false (wheel_over (GTK_WIDGET (duration)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (duration), ==, 60);

  /* Not even when it has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (duration));
  g_assert_false (wheel_over (GTK_WIDGET (duration)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (duration), ==, 60);

  /* Nor any other control of the area. */
  {
    GlideTreatmentRow *row = glide_session_editor_get_treatment_row (f->editor, 0);
    g_autoptr(GVariant) before = g_variant_ref_sink (glide_treatment_row_save_state (row));
    g_autoptr(GVariant) after = NULL;

    g_assert_false (wheel_over (GTK_WIDGET (row)));
    after = g_variant_ref_sink (glide_treatment_row_save_state (row));
    g_assert_true (g_variant_equal (before, after));
  }
}

/* A duration out of range is refused with the area, the field and the range
 * named; the typed value is never clamped into range behind the user's back. */
static void
test_duration_out_of_range (Fixture       *f,
                            gconstpointer  data)
{
  const char *typed[] = { "0", "99999" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GlideSession) stored = NULL;
  GtkSpinButton *duration;

  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 0),
                                   GLIDE_REDNESS_NONE);
  duration = duration_of (f, 0);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *expected = g_strdup_printf (", left, Duration (s): %s is out of range 1-3600",
                                                typed[i]);

      gtk_editable_set_text (GTK_EDITABLE (duration), typed[i]);
      /* As leaving the field or pressing Enter does. */
      gtk_spin_button_update (duration);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration)), ==, typed[i]);

      g_assert_false (glide_session_editor_save (f->editor, &error));
      g_assert_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID);
      g_clear_error (&error);
      g_test_message ("error: %s", glide_session_editor_get_error (f->editor));
      g_assert_true (g_str_has_prefix (glide_session_editor_get_error (f->editor), "Calf"));
      g_assert_nonnull (strstr (glide_session_editor_get_error (f->editor), expected));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration)), ==, typed[i]);
      sessions = glide_store_list_sessions (f->store, f->course_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sessions->len, ==, 0);
      g_clear_pointer (&sessions, g_ptr_array_unref);
    }

  /* Kept as typed for the next time, should Glide close now. */
  g_assert_true (glide_session_editor_autosave (f->editor));
  {
    /* Glide starting again: a new connection to the database. */
    g_autoptr(GlideStore) restarted = glide_test_open_store (f->dir, "e.db");
    g_autoptr(GlideSessionEditor) next = NULL;
    GtkWidget *recovered;

    next = glide_session_editor_new (restarted, f->settings, f->course_id, 0, 0, &error);
    g_assert_no_error (error);
    g_object_ref_sink (next);
    g_assert_true (glide_session_editor_was_recovered (next));
    recovered = glide_test_find_widget (GTK_WIDGET (glide_session_editor_get_treatment_row (next, 0)),
                                        GTK_TYPE_SPIN_BUTTON);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (recovered)), ==, "99999");
    glide_test_assert_finalized (g_steal_pointer (&next));
  }

  /* An emptied field is named too. */
  gtk_editable_set_text (GTK_EDITABLE (duration), "");
  g_assert_false (glide_session_editor_save (f->editor, NULL));
  g_assert_nonnull (strstr (glide_session_editor_get_error (f->editor), ", left: Duration is required"));

  gtk_editable_set_text (GTK_EDITABLE (duration), "75");
  g_assert_true (glide_session_editor_save (f->editor, &error));
  g_assert_no_error (error);
  stored = glide_store_get_session (f->store, glide_session_editor_get_session_id (f->editor), &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GlideTreatment *) g_ptr_array_index (stored->treatments, 0))->duration_s, ==, 75);
}

static gboolean
is_message (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, "error") &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

typedef struct
{
  Fixture    *f;
  GType       host;      /* the bad field's ancestor that holds the message */
  const char *message;
} Shown;

static gboolean
is_titled (GtkWidget     *widget,
           gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Whether @widget is wholly inside the visible part of the form. */
static gboolean
is_in_view (Fixture   *f,
            GtkWidget *widget)
{
  GtkWidget *scrolled = glide_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_compute_bounds (widget, scrolled, &bounds) &&
         bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* The focus is on the bad field, its message is beside it (in the same
 * row), and both are on screen. */
static gboolean
shows_bad_field (gpointer data)
{
  Shown *shown = data;
  GtkWidget *focus = focus_widget (shown->f);
  GtkWidget *host = focus ? gtk_widget_get_ancestor (focus, shown->host) : NULL;
  GtkWidget *message = host ? glide_test_find_matching (host, is_message, shown->message) : NULL;

  return message != NULL && is_in_view (shown->f, focus) && is_in_view (shown->f, message);
}

static void
save_from_top (Fixture *f)
{
  gtk_window_set_focus (f->window, NULL);
  glide_test_flush_events ();
  gtk_adjustment_set_value (form_adjustment (f), 0);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL));
}

/* An explicit Save that the rules refuse takes the user to the first bad
 * field, far down the form, and says what is wrong right there. */
static void
test_save_shows_bad_field (Fixture       *f,
                           gconstpointer  data)
{
  Shown shown = { f, GTK_TYPE_LIST_BOX_ROW, NULL };
  GlideTreatmentRow *last;

  add_area (f, GLIDE_SITE_FOREARM_EXTENSORS, GLIDE_SIDE_RIGHT);
  add_area (f, GLIDE_SITE_LATERAL_EPICONDYLE, GLIDE_SIDE_RIGHT);
  add_area (f, GLIDE_SITE_UPPER_TRAPEZIUS, GLIDE_SIDE_RIGHT);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 0),
                                   GLIDE_REDNESS_MILD);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 1),
                                   GLIDE_REDNESS_NONE);
  glide_session_editor_set_pain (f->editor, "6", "4.5");
  last = glide_session_editor_get_treatment_row (f->editor, 2);

  save_from_top (f);
  g_assert_false (is_in_view (f, GTK_WIDGET (last)));   /* the test needs a long form */
  shown.message = "Redness is required";
  glide_test_wait_until (shows_bad_field, &shown, "the missing redness, focused, with its message");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), GTK_WIDGET (last)));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-save-bad-redness.png");

  glide_treatment_row_set_redness (last, GLIDE_REDNESS_NONE);
  glide_session_editor_set_pain (f->editor, "6", "11");
  save_from_top (f);
  shown.message = "Pain, after";
  glide_test_wait_until (shows_bad_field, &shown, "the pain after treatment, focused, with its message");
  g_assert_false (gtk_widget_is_ancestor (focus_widget (f), GTK_WIDGET (last)));
  /* The area's message went with its mark. */
  g_assert_null (glide_test_find_matching (GTK_WIDGET (last), is_message, ""));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-save-bad-pain.png");

  glide_session_editor_set_pain (f->editor, "6", "4.5");
  /* A field of a group (the date at the top): the message goes under the
   * group's rows. */
  {
    GtkWidget *start = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled,
                                                 "Date and time (YYYY-MM-DD HH:MM)");

    g_assert_nonnull (start);
    gtk_editable_set_text (GTK_EDITABLE (start), "2026-13-45 09:00");
    shown.host = ADW_TYPE_PREFERENCES_GROUP;
    shown.message = "Date and time: ";
    save_from_top (f);
    glide_test_wait_until (shows_bad_field, &shown, "the date, focused, with its message");
    glide_test_wait_for_draw (GTK_WIDGET (f->window));
    glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-save-bad-date.png");
    gtk_editable_set_text (GTK_EDITABLE (start), "2026-11-21 09:30");
  }
  /* (The action would also toast, which needs the application window.) */
  g_assert_true (glide_session_editor_save (f->editor, NULL));
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_null (glide_session_editor_get_error (f->editor));
  g_assert_null (glide_test_find_matching (GTK_WIDGET (f->editor), is_message, ""));
}

/* ---- the keyboard path ------------------------------------------------------------ */

/* A key as GTK delivers it: to the focus widget's key controllers, then to
 * its ancestors', until one handles it (no event can be synthesised in
 * GTK 4, so the controllers' own signal is emitted). */
static gboolean
send_key (GtkWidget *target,
          guint      keyval)
{
  for (GtkWidget *w = target; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (c))
            continue;
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          if (handled)
            {
              glide_test_flush_events ();
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* The entry holding the focus (GTK focuses an entry's inner text). */
static GtkEntry *
focused_entry (Fixture *f)
{
  GtkWidget *focus = focus_widget (f);
  GtkWidget *entry = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;

  g_assert_nonnull (entry);
  return GTK_ENTRY (entry);
}

/* Types into the focused number box, then Enter, as a user does. */
static void
type_and_enter (Fixture    *f,
                const char *text)
{
  GtkEntry *entry = focused_entry (f);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  glide_test_flush_events ();
}

static GlideTreatmentRow *
focused_row (Fixture *f)
{
  GtkWidget *focus = focus_widget (f);

  return focus ? GLIDE_TREATMENT_ROW (gtk_widget_get_ancestor (focus, GLIDE_TYPE_TREATMENT_ROW)) : NULL;
}

/* A course around the left knee with one signed session before today's. */
static void
history_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) before = NULL;
  static const GlideSite sites[] = {
    GLIDE_SITE_QUADRICEPS, GLIDE_SITE_PATELLAR_TENDON, GLIDE_SITE_IT_BAND,
  };
  gint64 id;

  fixture_set_up (f, data);
  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);

  before = glide_session_new (f->course_id, "2026-01-12T09:00", glide_store_get_actor (f->store));
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      GlideTreatment *t = glide_treatment_new (sites[i], GLIDE_SIDE_LEFT);

      t->duration_s = 60;
      t->redness = GLIDE_REDNESS_MILD;
      g_ptr_array_add (before->treatments, t);
    }
  g_ptr_array_add (before->measurements,
                   glide_measurement_new (GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, GLIDE_TIMING_PRE, 110));
  g_ptr_array_add (before->measurements,
                   glide_measurement_new (GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, GLIDE_TIMING_POST, 115));
  id = glide_store_save_draft_session (f->store, before, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, glide_store_get_actor (f->store), NULL, &error));
  g_assert_no_error (error);

  f->editor = glide_session_editor_new (f->store, f->settings, f->course_id, 0, 0, &error);
  g_assert_no_error (error);
  glide_session_editor_set_autosave_interval (f->editor, 3600);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 1024, 768);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
}

static gboolean
window_has_width (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->window)) == f->wanted_width;
}

static const char *
first_visible_area (Fixture    *f,
                    const char *search)
{
  static char first[64];
  GtkWidget *list = glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_AREA_LIST);
  g_auto(GStrv) visible = NULL;

  glide_area_list_set_search (GLIDE_AREA_LIST (list), search);
  visible = glide_area_list_get_visible (GLIDE_AREA_LIST (list));
  g_assert_nonnull (visible[0]);
  g_strlcpy (first, visible[0], sizeof first);
  return first;
}

/* The session of a course in progress, from the keyboard: one or two
 * letters find the course's areas, a key assesses each skin response and
 * moves on, Enter moves through the number boxes (the course's motion is
 * listed already) and lands on Sign, whose question shows what is signed. */
static void
test_keyboard_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) stored = NULL;
  GtkWidget *list = glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_AREA_LIST);
  GtkWindow *dialog;
  const char *body;
  static const int rednesses[] = { GLIDE_REDNESS_MILD, GLIDE_REDNESS_NONE, GLIDE_REDNESS_MODERATE };

  /* A new session starts in the area search, its course's motion listed. */
  glide_session_editor_focus_first (f->editor);
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), list));
  g_assert_cmpuint (glide_session_editor_get_n_rom (f->editor), ==, 1);

  /* The course's areas, on its side, before every other match. */
  g_assert_cmpstr (first_visible_area (f, "q"), ==, "quadriceps--left");
  g_assert_cmpstr (first_visible_area (f, "p"), ==, "patellar-tendon--left");
  g_assert_cmpstr (first_visible_area (f, "i"), ==, "it-band--left");
  /* Word starts still beat the course: "calf" is the calf, on its side. */
  g_assert_cmpstr (first_visible_area (f, "calf"), ==, "calf--left");
  glide_area_list_set_search (GLIDE_AREA_LIST (list), "");

  add_area (f, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_LEFT);
  add_area (f, GLIDE_SITE_PATELLAR_TENDON, GLIDE_SIDE_LEFT);
  add_area (f, GLIDE_SITE_IT_BAND, GLIDE_SIDE_LEFT);

  /* F8: the first skin response still to assess. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.next-field", NULL));
  glide_test_flush_events ();
  for (guint i = 0; i < G_N_ELEMENTS (rednesses); i++)
    {
      g_autofree char *key = g_strdup_printf ("%d", rednesses[i]);

      g_assert_true (focused_row (f) == glide_session_editor_get_treatment_row (f->editor, i));
      g_assert_true (send_key (focus_widget (f), gdk_unicode_to_keyval (key[0])));
      g_assert_cmpint (glide_treatment_row_get_redness (glide_session_editor_get_treatment_row (f->editor, i)),
                       ==, rednesses[i]);
    }
  /* Then pain, then the listed motion; then the follow-up of the last
   * visit (a key answers it), the end time, and Enter lands on Sign. */
  g_assert_null (focused_row (f));
  type_and_enter (f, "6");
  type_and_enter (f, "4,5");
  type_and_enter (f, "118");
  type_and_enter (f, "124");
  g_assert_nonnull (gtk_widget_get_ancestor (focus_widget (f), GLIDE_TYPE_CHOICE_GROUP));
  g_assert_true (send_key (focus_widget (f), GDK_KEY_0));
  g_assert_nonnull (gtk_widget_get_ancestor (focus_widget (f), GLIDE_TYPE_ENTRY_ROW));
  {
    /* 40 minutes after the start the form shows (the clock may have passed
     * a minute since the editor opened). */
    g_autofree char *start_text = glide_datetime_from_typed (glide_session_editor_get_start_text (f->editor));
    g_autoptr(GDateTime) start = glide_datetime_parse (start_text, NULL);
    g_autoptr(GDateTime) end = NULL;
    g_autofree char *typed = NULL;

    g_assert_nonnull (start);
    end = g_date_time_add_minutes (start, 40);
    typed = g_date_time_format (end, "%Y-%m-%d %H:%M");
    type_and_enter (f, typed);
  }
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), GTK_WIDGET (f->editor)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus_widget (f))), ==, "S_ign…");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.sign", NULL));
  dialog = glide_test_wait_for_dialog (ADW_TYPE_MESSAGE_DIALOG, NULL, "Sign This Session");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Quadriceps, left: Sustained, 60 s, Convex edge; redness Mild"));
  g_assert_nonnull (strstr (body, "Patellar tendon, left: Sustained, 60 s, Convex edge; redness None"));
  g_assert_nonnull (strstr (body, "redness Moderate"));
  g_assert_nonnull (strstr (body, "Pain: 6 → 4.5"));
  g_assert_nonnull (strstr (body, "118° → 124°"));
  /* The follow-up, the time (the treatment minutes offered from start to
   * end) and the units of the IASTM minutes offered from the areas. */
  g_assert_nonnull (strstr (body, "No bruising or soreness since the last visit"));
  g_assert_nonnull (strstr (body, ", 40 min of treatment"));
  g_assert_nonnull (strstr (body, "Billed: 0 units (CMS 8-minute rule: 3 timed minutes → 0; 97140 3 min → 0)"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "sign");
  glide_test_wait_for_draw (GTK_WIDGET (dialog));
  glide_test_save_screenshot (GTK_WIDGET (dialog), "editor-sign-summary.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  glide_test_flush_events ();
  gtk_window_destroy (dialog);
  g_assert_true (glide_session_editor_is_signed (f->editor));
  /* The signed record shows what the store keeps: 4.5, not "4,5" as typed. */
  {
    g_autofree char *after = glide_session_editor_get_pain_text (f->editor, GLIDE_TIMING_POST);

    g_assert_cmpstr (after, ==, "4.5");
  }

  stored = glide_store_get_session (f->store, glide_session_editor_get_session_id (f->editor), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored->signed_at);
  g_assert_cmpuint (stored->treatments->len, ==, 3);
  for (guint i = 0; i < stored->treatments->len; i++)
    g_assert_cmpint (((GlideTreatment *) g_ptr_array_index (stored->treatments, i))->redness, ==, rednesses[i]);
  g_assert_cmpuint (stored->measurements->len, ==, 4);
  for (guint i = 0; i < stored->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (stored->measurements, i);
      double expected = m->measure == GLIDE_MEASURE_PAIN ? (m->timing == GLIDE_TIMING_PRE ? 6 : 4.5) :
                                                           (m->timing == GLIDE_TIMING_PRE ? 118 : 124);

      g_assert_cmpfloat (m->value, ==, expected);
      if (m->measure != GLIDE_MEASURE_PAIN)
        g_assert_cmpint (m->side, ==, GLIDE_SIDE_LEFT);
    }
  g_assert_cmpint (stored->reaction, ==, GLIDE_REACTION_NONE);
  g_assert_nonnull (stored->end);
  g_assert_cmpuint (stored->total_minutes, ==, 40);
  g_assert_cmpuint (stored->billing->len, ==, 1);
  g_assert_cmpstr (((GlideBilledTime *) g_ptr_array_index (stored->billing, 0))->code, ==, "97140");
  g_assert_cmpuint (((GlideBilledTime *) g_ptr_array_index (stored->billing, 0))->minutes, ==, 3);
}

/* A choice is one key away; Left and Right move it; an optional one clears;
 * a required one cannot be cleared. Tab passes the whole group in one stop. */
static void
test_choice_keys (Fixture       *f,
                  gconstpointer  data)
{
  GlideTreatmentRow *row;
  g_autoptr(GlideTreatment) values = NULL;
  g_autofree char *field = NULL;
  GtkWidget *first;

  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_RIGHT);
  row = glide_session_editor_get_treatment_row (f->editor, 0);
  glide_treatment_row_focus (row);
  glide_test_flush_events ();
  first = focus_widget (f);
  /* Stroke: O, then Left back to sustained. */
  g_assert_true (send_key (first, GDK_KEY_o));
  g_assert_true (send_key (focus_widget (f), GDK_KEY_Left));
  g_assert_false (send_key (focus_widget (f), GDK_KEY_Delete));   /* required */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  /* The next stop is the duration, not the other stroke button. */
  g_assert_nonnull (gtk_widget_get_ancestor (focus_widget (f), GTK_TYPE_SPIN_BUTTON));
  glide_treatment_row_set_redness (row, GLIDE_REDNESS_MARKED);
  values = glide_treatment_row_get_values (row, &field, NULL);
  g_assert_nonnull (values);
  g_assert_cmpint (values->stroke, ==, GLIDE_STROKE_SUSTAINED);
  g_assert_cmpint (values->redness, ==, GLIDE_REDNESS_MARKED);
}

/* The area list is one stop on the way: Tab leaves it. */
static void
test_tab_leaves_area_list (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *list = glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_AREA_LIST);
  GtkWidget *rows = glide_test_find_widget (list, GTK_TYPE_LIST_BOX);

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), 3)));
  glide_test_flush_events ();
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), rows));
  /* Tab: out of the list, on to the form. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_is_ancestor (focus_widget (f), list));
  /* Shift+Tab back: the list is one stop (the first area shown), then the search. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), rows));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), list));
  g_assert_false (gtk_widget_is_ancestor (focus_widget (f), rows));
}

/* Nothing of the form is ever cut off on the right, from a 360 px phone to
 * 1024 x 768 and 1920 x 1080 at GDK_SCALE=2 (960 x 540 logical). */
static void
assert_fits (Fixture    *f,
             int         width,
             int         height,
             const char *shot)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  gtk_window_set_default_size (f->window, width, height);
  f->wanted_width = width;
  glide_test_wait_until (window_has_width, f, "the window at its new width");
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_ptr_array_add (stack, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (
    glide_test_find_widget (GTK_WIDGET (f->editor), GTK_TYPE_SCROLLED_WINDOW))));
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (w))
        continue;
      if (GTK_IS_SCROLLBAR (w))
        continue;
      g_assert_true (gtk_widget_compute_bounds (w, GTK_WIDGET (f->window), &bounds));
      if (bounds.origin.x + bounds.size.width > width + 0.5)
        g_error ("at %d px, a %s ends at %.0f px", width, G_OBJECT_TYPE_NAME (w),
                 bounds.origin.x + bounds.size.width);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  glide_test_save_screenshot (GTK_WIDGET (f->window), shot);
}

static void
test_narrow_windows (Fixture       *f,
                     gconstpointer  data)
{
  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_RIGHT);
  add_area (f, GLIDE_SITE_UPPER_TRAPEZIUS, GLIDE_SIDE_LEFT);
  glide_session_editor_add_rom (f->editor, GLIDE_MEASURE_KNEE_FLEXION, GLIDE_SIDE_LEFT, "100", "110");
  assert_fits (f, 1024, 768, "editor-1024x768.png");
  assert_fits (f, 960, 540, "editor-960x540.png");
  /* GNOME's own title buttons: a close button only (a phone has no other). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  assert_fits (f, 360, 720, "editor-360.png");
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-decoration-layout");
}

/* Add ROM, type part of the motion in the picker's search, Enter: picked. */
static void
test_rom_picker_enter (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *drop_down, *search;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-rom", NULL));
  glide_test_flush_events ();
  drop_down = gtk_widget_get_ancestor (focus_widget (f), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop_down);
  search = glide_test_find_widget (drop_down, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "knee F");
  g_signal_emit_by_name (search, "activate");
  glide_test_flush_events ();
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop_down))),
                   ==, "Knee flexion");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), drop_down));
}

typedef struct
{
  Fixture   *f;
  GtkWidget *drop_down;
} Open;

/* The focus is on the open list's item that shows the drop-down's choice. */
static gboolean
choice_item_focused (gpointer data)
{
  Open *open = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (open->f->window));
  GtkWidget *label;

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) == NULL)
    return FALSE;
  label = glide_test_find_widget (focus, GTK_TYPE_LABEL);
  return label != NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)),
                    gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (open->drop_down)))) == 0;
}

/* A drop-down opened from the keyboard shows its list on the choice shown
 * (GTK 4.8 put the focus on the first or last-used item): Enter keeps it. */
static void
test_drop_down_opens_on_choice (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *drop_down, *button;
  Open open;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-rom", NULL));
  glide_test_flush_events ();
  drop_down = gtk_widget_get_ancestor (focus_widget (f), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 7);
  button = glide_test_find_widget (drop_down, GTK_TYPE_TOGGLE_BUTTON);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  open.f = f;
  open.drop_down = drop_down;
  glide_test_wait_until (choice_item_focused, &open, "the focus on the chosen item of the open list");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds;
}

/* Nothing moves sideways when the first area is added or a redness is
 * chosen: the map stays where it was, and a row keeps its width. */
static void
test_no_layout_jump (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *map = glide_test_find_widget (GTK_WIDGET (f->editor), g_type_from_name ("GlideBodyMap"));
  graphene_rect_t map_before, row_before, after;
  GlideTreatmentRow *row;

  map_before = bounds_in (map, GTK_WIDGET (f->window));
  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  after = bounds_in (map, GTK_WIDGET (f->window));
  if (!graphene_rect_equal (&map_before, &after))
    g_error ("the map moved from %.0f,%.0f %.0fx%.0f to %.0f,%.0f %.0fx%.0f",
             map_before.origin.x, map_before.origin.y, map_before.size.width, map_before.size.height,
             after.origin.x, after.origin.y, after.size.width, after.size.height);

  row = glide_session_editor_get_treatment_row (f->editor, 0);
  row_before = bounds_in (GTK_WIDGET (row), GTK_WIDGET (f->window));
  for (int redness = GLIDE_REDNESS_NONE; redness <= GLIDE_REDNESS_NOT_ASSESSABLE; redness++)
    {
      glide_treatment_row_set_redness (row, redness);
      glide_test_wait_for_draw (GTK_WIDGET (f->window));
      after = bounds_in (GTK_WIDGET (row), GTK_WIDGET (f->window));
      g_assert_cmpfloat (after.origin.x, ==, row_before.origin.x);
      g_assert_cmpfloat (after.size.width, ==, row_before.size.width);
      g_assert_cmpfloat (after.size.height, ==, row_before.size.height);
      after = bounds_in (map, GTK_WIDGET (f->window));
      g_assert_true (graphene_rect_equal (&map_before, &after));
    }
}

/* ---- time, units, exercises and the follow-up ------------------------------------ */

static void
set_start (Fixture    *f,
           const char *start)
{
  GtkWidget *row = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled,
                                             "Date and time (YYYY-MM-DD HH:MM)");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), start);
}

static void
reopen (Fixture *f,
        gint64   session_id,
        gint64   copy_from)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);
  f->editor = glide_session_editor_new (f->store, f->settings, f->course_id, session_id, copy_from,
                                        &error);
  g_assert_no_error (error);
  glide_session_editor_set_autosave_interval (f->editor, 3600);
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 1024, 768);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
}

static const GlideBilledTime *
billed (const GlideSession *session,
        const char         *code)
{
  for (guint i = 0; i < session->billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (session->billing, i);

      if (g_str_equal (time->code, code))
        return time;
    }
  return NULL;
}

/* A visit with its end, treatment minutes, the timed minutes of two codes
 * (CMS's example: 24 minutes of one and 23 of another are 47 minutes, 3
 * units, 2 and 1, shown as the minutes are typed), an exercise and the
 * follow-up of the last visit is stored, and reads back as typed. */
static void
test_time_units_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) stored = NULL;
  g_autoptr(GlideExercise) exercise = glide_exercise_new ("Heel slides");
  g_autofree char *iastm = NULL, *exercise_minutes = NULL;
  gint64 id;

  g_assert_true (glide_session_editor_asks_follow_up (f->editor));
  set_start (f, "2026-11-21 09:30");
  add_area (f, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_LEFT);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 0),
                                   GLIDE_REDNESS_MILD);
  glide_session_editor_set_time (f->editor, "10:25", NULL);
  glide_session_editor_set_billed_minutes (f->editor, "97140", "24");
  g_assert_cmpstr (glide_session_editor_get_units_text (f->editor), ==,
                   "2 units · CMS 8-minute rule: 24 timed minutes → 2; 97140 24 min → 2");
  glide_session_editor_set_billed_minutes (f->editor, "97110", "23");
  g_assert_cmpstr (glide_session_editor_get_units_text (f->editor), ==,
                   "3 units · CMS 8-minute rule: 47 timed minutes → 3; 97140 24 min → 2, 97110 23 min → 1");
  exercise->sets = 3;
  exercise->reps = 10;
  exercise->load = g_strdup ("red band");
  exercise->side = GLIDE_SIDE_LEFT;
  glide_session_editor_add_exercise (f->editor, exercise);
  glide_session_editor_set_follow_up (f->editor, GLIDE_REACTION_MILD, "Small bruise above the knee");
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-time-units-typed.png");

  g_assert_true (glide_session_editor_save (f->editor, &error));
  g_assert_no_error (error);
  id = glide_session_editor_get_session_id (f->editor);
  stored = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->end, ==, "2026-11-21T10:25:00");
  /* Offered from start to end, not typed. */
  g_assert_cmpuint (stored->total_minutes, ==, 55);
  g_assert_cmpuint (stored->billing->len, ==, 2);
  g_assert_cmpuint (billed (stored, "97140")->minutes, ==, 24);
  g_assert_cmpuint (billed (stored, "97110")->minutes, ==, 23);
  g_assert_cmpuint (stored->exercises->len, ==, 1);
  {
    const GlideExercise *e = g_ptr_array_index (stored->exercises, 0);

    g_assert_cmpstr (e->name, ==, "Heel slides");
    g_assert_cmpuint (e->sets, ==, 3);
    g_assert_cmpuint (e->reps, ==, 10);
    g_assert_cmpuint (e->hold_s, ==, 0);
    g_assert_cmpstr (e->load, ==, "red band");
    g_assert_cmpint (e->side, ==, GLIDE_SIDE_LEFT);
  }
  g_assert_cmpint (stored->reaction, ==, GLIDE_REACTION_MILD);
  g_assert_cmpstr (stored->reaction_note, ==, "Small bruise above the knee");

  /* Opened again: every value where it was, the units as before. */
  reopen (f, id, 0);
  iastm = glide_session_editor_get_billed_minutes (f->editor, "97140");
  exercise_minutes = glide_session_editor_get_billed_minutes (f->editor, "97110");
  g_assert_cmpstr (iastm, ==, "24");
  g_assert_cmpstr (exercise_minutes, ==, "23");
  g_assert_cmpstr (glide_session_editor_get_units_text (f->editor), ==,
                   "3 units · CMS 8-minute rule: 47 timed minutes → 3; 97140 24 min → 2, 97110 23 min → 1");
  g_assert_cmpuint (glide_session_editor_get_n_exercises (f->editor), ==, 1);
  g_assert_true (glide_session_editor_asks_follow_up (f->editor));
  {
    GtkWidget *end = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "End time (HH:MM)");
    GtkWidget *total = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "Treatment minutes, in all");
    GtkWidget *group = glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_CHOICE_GROUP);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "10:25");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (total)), ==, "55");
    g_assert_cmpint (glide_choice_group_get_selected (GLIDE_CHOICE_GROUP (group)), ==, GLIDE_REACTION_MILD);
  }
  /* Nothing changed by opening it. */
  g_assert_false (glide_session_editor_is_dirty (f->editor));
  g_assert_true (glide_session_editor_save (f->editor, &error));
  g_clear_pointer (&stored, glide_session_free);
  stored = glide_store_get_session (f->store, id, &error);
  g_assert_cmpint (stored->reaction, ==, GLIDE_REACTION_MILD);
  g_assert_cmpuint (stored->exercises->len, ==, 1);
  g_assert_cmpuint (stored->billing->len, ==, 2);
}

/* Add Exercise (Alt+E) puts the keyboard in the new exercise's name at
 * once, the keys typed next go there; Tab goes on to its sets. */
static void
test_add_exercise_keyboard (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *row;

  g_assert_cmpuint (glide_session_editor_get_n_exercises (f->editor), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-exercise", NULL));
  g_assert_cmpuint (glide_session_editor_get_n_exercises (f->editor), ==, 1);
  row = gtk_widget_get_ancestor (focus_widget (f), GLIDE_TYPE_EXERCISE_ROW);
  g_assert_nonnull (row);
  g_assert_true (focus_widget (f) ==
                 gtk_widget_get_first_child (glide_exercise_row_get_field (GLIDE_EXERCISE_ROW (row), "name")) ||
                 gtk_widget_is_ancestor (focus_widget (f), glide_exercise_row_get_field (GLIDE_EXERCISE_ROW (row), "name")));
  glide_test_flush_events ();
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), glide_exercise_row_get_field (GLIDE_EXERCISE_ROW (row), "sets")));
}

/* The IASTM minutes follow the areas' durations (rounded up to the minute)
 * until the therapist types over them; emptied, they follow again. A
 * first visit does not ask about the last one. */
static void
test_tool_minutes_offered (Fixture       *f,
                           gconstpointer  data)
{
  char *minutes;

  g_assert_false (glide_session_editor_asks_follow_up (f->editor));
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "");
  g_free (minutes);

  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  add_area (f, GLIDE_SITE_ACHILLES, GLIDE_SIDE_LEFT);
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "2");
  g_free (minutes);
  glide_treatment_row_set_duration (glide_session_editor_get_treatment_row (f->editor, 1), 150);
  glide_test_flush_events ();
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "4");   /* 210 s */
  g_free (minutes);

  glide_session_editor_set_billed_minutes (f->editor, "97140", "12");
  add_area (f, GLIDE_SITE_PLANTAR_FASCIA, GLIDE_SIDE_LEFT);
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "12");
  g_free (minutes);

  /* Emptied, it stays empty (a key replacing it empties it first) until
   * the areas change. */
  glide_session_editor_set_billed_minutes (f->editor, "97140", "");
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "");
  g_free (minutes);
  glide_treatment_row_set_duration (glide_session_editor_get_treatment_row (f->editor, 2), 90);
  glide_test_flush_events ();
  minutes = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (minutes, ==, "5");   /* 300 s */
  g_free (minutes);
}

/* More timed minutes than treatment minutes is refused, and the message
 * names the field beside it, as for any other field; nothing is stored. */
static void
test_timed_over_total_refused (Fixture       *f,
                               gconstpointer  data)
{
  Shown shown = { f, ADW_TYPE_PREFERENCES_GROUP, "Treatment minutes: 20 is less than the 24 timed minutes billed" };
  g_autoptr(GPtrArray) sessions = NULL;
  GtkWidget *total;

  set_start (f, "2026-11-21 09:30");
  add_area (f, GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 0),
                                   GLIDE_REDNESS_NONE);
  glide_session_editor_set_time (f->editor, NULL, "20");
  glide_session_editor_set_billed_minutes (f->editor, "97140", "24");
  save_from_top (f);
  glide_test_wait_until (shows_bad_field, &shown, "the treatment minutes, focused, with the message");
  total = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "Treatment minutes, in all");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), total));
  g_assert_cmpstr (glide_session_editor_get_error (f->editor), ==, shown.message);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-save-timed-over-total.png");
  sessions = glide_store_list_sessions (f->store, f->course_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 0);

  glide_session_editor_set_time (f->editor, NULL, "30");
  g_assert_true (glide_session_editor_save (f->editor, NULL));
}

/* Copy Last Session brings the exercises and the codes billed (as planned,
 * their minutes empty), never the times, minutes or the follow-up. */
static void
test_copy_forward_time (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GlideSession) copy = NULL;
  const GlideSession *before = NULL;
  g_autofree char *iastm = NULL, *exercise_minutes = NULL;
  GtkWidget *planned, *end;

  sessions = glide_store_list_sessions (f->store, f->course_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sessions->len; i++)
    if (((GlideSession *) g_ptr_array_index (sessions, i))->billing->len > 0)
      before = g_ptr_array_index (sessions, i);
  g_assert_nonnull (before);

  reopen (f, 0, before->id);
  g_assert_cmpuint (glide_session_editor_get_n_exercises (f->editor), ==, 1);
  /* The IASTM minutes from today's (copied) areas, 3 × 60 s, not the 17 billed then. */
  iastm = glide_session_editor_get_billed_minutes (f->editor, "97140");
  g_assert_cmpstr (iastm, ==, "3");
  exercise_minutes = glide_session_editor_get_billed_minutes (f->editor, "97110");
  g_assert_cmpstr (exercise_minutes, ==, "");
  planned = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled,
                                      "97110 Therapeutic exercise, minutes (planned)");
  g_assert_nonnull (planned);
  end = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "End time (HH:MM)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "");
  g_assert_true (glide_session_editor_asks_follow_up (f->editor));
  g_assert_cmpint (glide_choice_group_get_selected (GLIDE_CHOICE_GROUP (
                     glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_CHOICE_GROUP))), >=, -1);
  glide_test_wait_for_draw (GTK_WIDGET (f->window));
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-copied-time.png");

  /* A new exercise's name is completed from the course's earlier ones. */
  {
    GtkWidget *row, *name;
    int position = 0;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-exercise", NULL));
    row = gtk_widget_get_ancestor (focus_widget (f), GLIDE_TYPE_EXERCISE_ROW);
    g_assert_nonnull (row);
    name = glide_exercise_row_get_field (GLIDE_EXERCISE_ROW (row), "name");
    /* As a key types it: the text, then the cursor after it. */
    gtk_editable_insert_text (GTK_EDITABLE (focus_widget (f)), "w", 1, &position);
    gtk_editable_set_position (GTK_EDITABLE (focus_widget (f)), position);
    glide_test_flush_events ();
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Wall squat");
    /* The part added is selected: the next key replaces it. */
    {
      int from, to;

      g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (name), &from, &to));
      g_assert_cmpint (from, ==, 1);
      g_assert_cmpint (to, ==, 10);
    }
    gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
  }

  /* After the end time, F8 goes to the minutes of the code planned. */
  set_start (f, "2026-11-21 09:30");
  gtk_editable_set_text (GTK_EDITABLE (end), "10:25");
  gtk_widget_grab_focus (end);
  g_assert_true (glide_session_editor_focus_next_unassessed (f->editor));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), planned));

  for (guint i = 0; i < 3; i++)
    glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, i),
                                     GLIDE_REDNESS_NONE);
  gtk_editable_set_text (GTK_EDITABLE (end), "");
  g_assert_true (glide_session_editor_save (f->editor, &error));
  g_assert_no_error (error);
  copy = glide_store_get_session (f->store, glide_session_editor_get_session_id (f->editor), &error);
  g_assert_no_error (error);
  g_assert_null (copy->end);
  g_assert_cmpuint (copy->total_minutes, ==, 0);
  g_assert_cmpint ((int) copy->reaction, ==, -1);
  g_assert_null (copy->reaction_note);
  g_assert_cmpuint (copy->billing->len, ==, 1);
  g_assert_cmpuint (billed (copy, "97140")->minutes, ==, 3);
  g_assert_cmpuint (copy->exercises->len, ==, 1);
  g_assert_cmpstr (((GlideExercise *) g_ptr_array_index (copy->exercises, 0))->name, ==, "Wall squat");
  g_assert_cmpuint (((GlideExercise *) g_ptr_array_index (copy->exercises, 0))->sets, ==, 3);
  g_assert_cmpuint (((GlideExercise *) g_ptr_array_index (copy->exercises, 0))->hold_s, ==, 30);
}

/* The signed session of history_set_up with its time, units, an exercise
 * and its own follow-up. */
static void
history_with_time_set_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GlideSession) session = NULL;
  GlideExercise *exercise;
  gint64 id;

  /* After history_set_up's signed session, a second one, signed, with time. */
  history_set_up (f, data);
  sessions = glide_store_list_sessions (f->store, f->course_id, &error);
  g_assert_no_error (error);
  session = glide_session_new (f->course_id, "2026-01-19T09:00", glide_store_get_actor (f->store));
  for (guint i = 0; i < 3; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (((GlideSession *) g_ptr_array_index (sessions, 0))->treatments, i);
      GlideTreatment *copy = glide_treatment_new (t->site, t->side);

      copy->duration_s = 60;
      copy->redness = GLIDE_REDNESS_NONE;
      g_ptr_array_add (session->treatments, copy);
    }
  session->end = g_strdup ("2026-01-19T09:45:00");
  session->total_minutes = 40;
  g_ptr_array_add (session->billing, glide_billed_time_new ("97140", 17));
  g_ptr_array_add (session->billing, glide_billed_time_new ("97110", 12));
  exercise = glide_exercise_new ("Wall squat");
  exercise->sets = 3;
  exercise->hold_s = 30;
  g_ptr_array_add (session->exercises, exercise);
  session->reaction = GLIDE_REACTION_MARKED;
  session->reaction_note = g_strdup ("Bruised");
  id = glide_store_save_draft_session (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (glide_store_sign_session (f->store, id, glide_store_get_actor (f->store), NULL, &error));
  g_assert_no_error (error);
}

/* The demo clinic's draft with time, units and exercises, in a window of
 * the smallest size the editor is made for, scrolled to them: the
 * screenshot of docs/screenshots/editor-time-units.png. */
static void
test_demo_time_units (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autofree char *dir = glide_test_make_tmpdir ();
  gint64 chosen = 0;

  g_clear_object (&f->store);
  f->store = glide_test_open_store (dir, "demo.db");
  g_assert_true (glide_demo_fill (f->store, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A draft with billed minutes, an exercise and a follow-up. */
  patients = glide_store_list_patients (f->store, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < patients->len && chosen == 0; p++)
    {
      g_autoptr(GPtrArray) courses = glide_store_list_courses (f->store, ((GlidePatient *) g_ptr_array_index (patients, p))->id, NULL);

      for (guint c = 0; courses != NULL && c < courses->len && chosen == 0; c++)
        {
          g_autoptr(GPtrArray) sessions = glide_store_list_sessions (f->store, ((GlideCourse *) g_ptr_array_index (courses, c))->id, NULL);

          for (guint i = 0; sessions != NULL && i < sessions->len; i++)
            {
              const GlideSession *s = g_ptr_array_index (sessions, i);

              if (!glide_session_is_signed (s) && s->billing->len >= 2 && s->exercises->len > 0 &&
                  (int) s->reaction >= 0 && s->treatments->len >= 2)
                {
                  chosen = s->id;
                  f->course_id = s->course_id;
                }
            }
        }
    }
  g_assert_cmpint (chosen, !=, 0);
  {
    g_autoptr(GlideSession) s = glide_store_get_session (f->store, chosen, &error);

    g_assert_no_error (error);
    glide_store_set_actor (f->store, s->therapist_id);
  }

  reopen (f, chosen, 0);
  g_assert_nonnull (glide_session_editor_get_units_text (f->editor));
  g_test_message ("units: %s", glide_session_editor_get_units_text (f->editor));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  {
    GtkWidget *time = glide_test_find_widget (GTK_WIDGET (f->editor), GLIDE_TYPE_TIME_SECTION);
    GtkWidget *scroller = gtk_widget_get_ancestor (time, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (time, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (adjustment, at.y - 12);
    glide_test_flush_events ();
    glide_test_wait_for_draw (GTK_WIDGET (f->window));
  }
  glide_test_save_screenshot (GTK_WIDGET (f->window), "editor-time-units.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (f->window);
  glide_test_assert_finalized (f->window);
  f->window = NULL;
  g_clear_object (&f->store);
  glide_test_remove_tree (dir);
  f->store = glide_test_open_store (f->dir, "e.db");
  /* The fixture's tear-down destroys a window. */
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
}

/* A session past midnight: an end typed at or before the start's time is the
 * next day's when the session then lasts at most four hours; reopened, the
 * row shows the time as typed. Later than that it stays on the start's day
 * and is refused, naming the field: a slip never makes a 23-hour session. */
static void
test_end_past_midnight (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) stored = NULL;
  GtkWidget *end, *total;
  gint64 id;

  set_start (f, "2026-02-28 23:25");
  add_area (f, GLIDE_SITE_QUADRICEPS, GLIDE_SIDE_LEFT);
  glide_treatment_row_set_redness (glide_session_editor_get_treatment_row (f->editor, 0),
                                   GLIDE_REDNESS_MILD);
  glide_session_editor_set_time (f->editor, "0005", NULL);
  total = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "Treatment minutes, in all");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (total)), ==, "40");
  glide_session_editor_save (f->editor, &error);
  g_assert_no_error (error);
  id = glide_session_editor_get_session_id (f->editor);
  stored = glide_store_get_session (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->end, ==, "2026-03-01T00:05:00");
  g_assert_cmpuint (stored->total_minutes, ==, 40);

  reopen (f, id, 0);
  end = glide_test_find_matching (GTK_WIDGET (f->editor), is_titled, "End time (HH:MM)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "00:05");
  g_assert_false (glide_session_editor_is_dirty (f->editor));

  /* Begun at 10:25, "0955" is not 09:55 the next morning. */
  set_start (f, "2026-02-28 10:25");
  glide_session_editor_set_time (f->editor, "0955", NULL);
  g_assert_false (glide_session_editor_save (f->editor, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "End time"));
  g_assert_nonnull (strstr (error->message, "2026-02-28T09:55:00 is not after the session started"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Scrolling to the focus jumps instead of gliding, so positions can be compared. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/editor/autosave-keeps-focus", Fixture, NULL, fixture_set_up,
              test_autosave_keeps_focus, fixture_tear_down);
  g_test_add ("/editor/wheel-keeps-duration", Fixture, NULL, fixture_set_up,
              test_wheel_keeps_duration, fixture_tear_down);

  g_test_add ("/editor/duration-out-of-range", Fixture, NULL, fixture_set_up,
              test_duration_out_of_range, fixture_tear_down);

  g_test_add ("/editor/save-shows-bad-field", Fixture, NULL, fixture_set_up,
              test_save_shows_bad_field, fixture_tear_down);

  g_test_add ("/editor/keyboard-path", Fixture, NULL, history_set_up,
              test_keyboard_path, fixture_tear_down);
  g_test_add ("/editor/choice-keys", Fixture, NULL, fixture_set_up,
              test_choice_keys, fixture_tear_down);
  g_test_add ("/editor/tab-leaves-area-list", Fixture, NULL, fixture_set_up,
              test_tab_leaves_area_list, fixture_tear_down);
  g_test_add ("/editor/narrow-windows", Fixture, NULL, fixture_set_up,
              test_narrow_windows, fixture_tear_down);
  g_test_add ("/editor/rom-picker-enter", Fixture, NULL, fixture_set_up,
              test_rom_picker_enter, fixture_tear_down);
  g_test_add ("/editor/drop-down-opens-on-choice", Fixture, NULL, fixture_set_up,
              test_drop_down_opens_on_choice, fixture_tear_down);
  g_test_add ("/editor/no-layout-jump", Fixture, NULL, fixture_set_up,
              test_no_layout_jump, fixture_tear_down);
  g_test_add ("/editor/time-units-round-trip", Fixture, NULL, history_set_up,
              test_time_units_round_trip, fixture_tear_down);
  g_test_add ("/editor/end-past-midnight", Fixture, NULL, fixture_set_up,
              test_end_past_midnight, fixture_tear_down);
  g_test_add ("/editor/tool-minutes-offered", Fixture, NULL, fixture_set_up,
              test_tool_minutes_offered, fixture_tear_down);
  g_test_add ("/editor/timed-over-total-refused", Fixture, NULL, fixture_set_up,
              test_timed_over_total_refused, fixture_tear_down);
  g_test_add ("/editor/copy-forward-time", Fixture, NULL, history_with_time_set_up,
              test_copy_forward_time, fixture_tear_down);
  g_test_add ("/editor/add-exercise-keyboard", Fixture, NULL, fixture_set_up,
              test_add_exercise_keyboard, fixture_tear_down);
  g_test_add ("/editor/demo-time-units", Fixture, NULL, fixture_set_up,
              test_demo_time_units, fixture_tear_down);

  return g_test_run ();
}
