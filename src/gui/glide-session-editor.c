/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-session-editor.c: the session editor. The form is read into a
 * GlideSession and checked by core's rules; a valid form is stored as a
 * draft in one transaction, anything else (a half-typed value) is kept as
 * the editor's recovery state, so neither Ctrl+S, the 30-second autosave,
 * closing the window nor a crash loses what was typed. */

#define G_LOG_DOMAIN "glide-session-editor"

#include "config.h"

#include "glide-session-editor.h"

#include "glide-language.h"

#include "glide-accessible.h"
#include "glide-alert-rows.h"
#include "glide-area-list.h"
#include "glide-body-map.h"
#include "glide-choice-group.h"
#include "glide-date.h"
#include "glide-entry-row.h"
#include "glide-exercise-row.h"
#include "glide-export.h"
#include "glide-form-dialog.h"
#include "glide-report-data.h"
#include "glide-rules.h"
#include "glide-progress.h"
#include "glide-stale-dialog.h"
#include "glide-status-page.h"
#include "glide-time-section.h"
#include "glide-wrap-layout.h"

#include "glide-application.h"

#include <glib/gi18n.h>
#include <math.h>

typedef struct
{
  GtkWidget   *row;
  GtkDropDown *measure;   /* indexes into the editor's rom_measures or function_measures */
  GtkDropDown *side;      /* left, right, midline */
  GtkEntry    *pre;
  GtkEntry    *post;
  GtkLabel    *norm;
  gboolean     function;  /* the function-scale row: index 0 is "none" */
} MeasureRow;

struct _GlideSessionEditor
{
  AdwBin           parent_instance;

  GlideStore      *store;
  GSettings       *settings;
  GlideCourse     *course;
  GlidePatient    *patient;
  GPtrArray       *screening;
  GPtrArray       *therapists;     /* GlideTherapist offered in the drop-down */
  GPtrArray       *instruments;
  GHashTable      *therapist_labels;  /* id -> "name, credentials" */
  GlideSession    *stored;         /* the session as stored, or NULL for a new one */
  char            *signature;
  char            *error_text;
  gboolean         dirty;
  gboolean         loading;
  gboolean         recovered;      /* typing kept as recovery state was restored */
  gboolean         recovered_here; /* ... and this run put it aside: Glide never closed */
  gboolean         copied;
  char            *copied_from;    /* start of the session copied, or NULL */
  guint            autosave_interval;
  guint            autosave_source;
  GArray          *rom_measures;   /* GlideMeasure */
  GArray          *function_measures;
  MeasureRow       pain;
  MeasureRow       function;
  GPtrArray       *rom_rows;       /* MeasureRow */
  GtkTextView     *note_view;
  GtkTextView     *home_view;
  GlideCareSettings *care;         /* the clinic's units method and billing codes */
  GlideTimeSection *time_section;
  GlideChoiceGroup *reaction;      /* the follow-up of the last visit */
  GStrv            exercise_names; /* the course's earlier exercises, offered */

  AdwWindowTitle  *title_widget;
  GtkWidget       *save_button;
  GtkWidget       *sign_button;
  GtkWidget       *addendum_button;
  GtkListBox      *banners;
  GtkLabel        *error_label;     /* a refusal that no field can show */
  GtkLabel        *field_error;     /* a refusal, beside the field (owned) */
  GtkWidget       *reveal_widget;   /* weak: the bad field to bring into view */
  GtkWidget       *reveal_message;  /* weak: and its message */
  GdkFrameClock   *reveal_clock;    /* while waiting for its layout */
  gulong           reveal_handler;
  GtkScrolledWindow *scrolled;
  GtkWidget       *columns;
  GtkWidget       *form;
  GtkWidget       *followup_group;
  AdwActionRow    *reaction_row;
  GlideEntryRow   *reaction_note_row;
  AdwPreferencesGroup *exercises_group;
  GtkListBox      *exercises_list;
  GlideBodyMap    *body_map;
  GlideAreaList   *area_list;
  AdwPreferencesGroup *details_group;
  GlideEntryRow   *start_row;
  AdwComboRow     *therapist_row;
  GlideEntryRow   *emollient_row;
  GtkWidget       *reason_group;
  GlideEntryRow   *reason_row;
  AdwPreferencesGroup *treatments_group;
  GtkListBox      *treatments_list;
  AdwPreferencesGroup *outcomes_group;
  GtkListBox      *outcomes_list;
  AdwPreferencesGroup *notes_group;
  AdwPreferencesGroup *addenda_group;
  GPtrArray       *addendum_rows;
};

G_DEFINE_FINAL_TYPE (GlideSessionEditor, glide_session_editor, ADW_TYPE_BIN)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void mark_dirty (GlideSessionEditor *self);
static void update_tool_seconds (GlideSessionEditor *self);
static gboolean focus_next_unassessed (GlideSessionEditor *self,
                                       GtkWidget          *after);

/* ---- small helpers ------------------------------------------------------------ */

/* Whether this login writes sessions at all: on a clinic server a manager
 * (or a login granted nothing) only reads; on SQLite the file's user does
 * everything. */
static gboolean
may_write (GlideSessionEditor *self)
{
  return self->store != NULL &&
         glide_store_role_writes_records (glide_store_get_role (self->store));
}

static char *
plain_therapist_name (GlideSessionEditor *self,
                      gint64              id)
{
  g_autoptr(GlideTherapist) therapist = id ? glide_store_get_therapist (self->store, id, NULL) : NULL;

  return g_strdup (therapist ? therapist->name : _("another therapist"));
}

static GlideTherapist *selected_therapist (GlideSessionEditor *self);

/* Why this login cannot sign the session in the form (or add an addendum to
 * it, once signed), in words; NULL when it can. The server refuses the same:
 * the window only does not offer it. On SQLite the workstation's therapist
 * signs, as chosen in Preferences (sign_action asks for one). */
static char *
describe_signing_refusal (GlideSessionEditor *self,
                          gboolean            addendum)
{
  const char *login = glide_store_get_login (self->store);
  GlideStoreRole role = glide_store_get_role (self->store);
  gint64 actor = glide_store_get_actor (self->store);
  gint64 owner_id;

  if (!may_write (self))
    /* Translators: %s is a login name, then its role ("m_front", "manager") */
    return g_strdup_printf (_("You are signed in as %s (%s): sessions can be read and printed "
                              "here, not changed, signed or added to."),
                            login ? login : "", glide_store_role_get_code (role));
  if (!glide_store_is_server (self->store))
    return NULL;
  if (actor == 0)
    /* Translators: %s is a login name, then its role ("a_boss", "admin") */
    return g_strdup_printf (_("You are signed in as %s (%s), not as a therapist: sessions are "
                              "signed by the therapist who documented them."),
                            login ? login : "", glide_store_role_get_code (role));
  if (role != GLIDE_STORE_ROLE_THERAPIST)
    return NULL;
  if (addendum)
    owner_id = self->stored ? self->stored->therapist_id : 0;
  else
    {
      GlideTherapist *selected = selected_therapist (self);

      owner_id = selected ? selected->id : 0;
    }
  if (owner_id == 0 || owner_id == actor)
    return NULL;
  {
    g_autofree char *name = plain_therapist_name (self, owner_id);

    return addendum ?
      /* Translators: a therapist's name, then the login name */
      g_strdup_printf (_("Only %s can add addenda to this session; you are signed in as %s"),
                       name, login) :
      /* Translators: a therapist's name, then the login name */
      g_strdup_printf (_("Only %s can sign this session; you are signed in as %s"), name, login);
  }
}

static char *
recovery_key (GlideSessionEditor *self)
{
  return glide_recovery_key (self->course->id, self->stored ? self->stored->id : 0);
}

static char *
start_for_display (const char *start)
{
  g_autofree char *text = g_strndup (start, 16);

  if (strlen (text) > 10 && text[10] == 'T')
    text[10] = ' ';
  return g_steal_pointer (&text);
}


static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
nonempty (char *text)
{
  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GtkWidget *
add_text_area (GlideSessionEditor *self,
               const char         *title,
               GtkTextView       **view_out)
{
  GtkWidget *box = glide_form_text_area_new (title, view_out);

  g_signal_connect_swapped (gtk_text_view_get_buffer (*view_out), "changed",
                            G_CALLBACK (mark_dirty), self);
  return box;
}

/* ---- treatments --------------------------------------------------------------- */

static GlideTreatmentRow *
find_row (GlideSessionEditor *self,
          GlideSite           site,
          GlideSide           side,
          guint              *index)
{
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->treatments_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!GLIDE_IS_TREATMENT_ROW (child))
        continue;
      if (glide_treatment_row_get_site (GLIDE_TREATMENT_ROW (child)) == site &&
          glide_treatment_row_get_side (GLIDE_TREATMENT_ROW (child)) == side)
        {
          if (index != NULL)
            *index = i;
          return GLIDE_TREATMENT_ROW (child);
        }
      i++;
    }
  return NULL;
}

static GPtrArray *
list_rows (GlideSessionEditor *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->treatments_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GLIDE_IS_TREATMENT_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

/* The map and the list show exactly the areas that have a row. */
static void
sync_selection (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = list_rows (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (builder, glide_treatment_row_get_area_id (g_ptr_array_index (rows, i)));
  ids = g_strv_builder_end (builder);
  glide_body_map_set_selection (self->body_map, (const char *const *) ids);
  glide_area_list_set_selection (self->area_list, (const char *const *) ids);
}

static void
on_row_remove_requested (GlideSessionEditor *self,
                         GlideTreatmentRow  *row)
{
  gtk_list_box_remove (self->treatments_list, GTK_WIDGET (row));
  sync_selection (self);
  update_tool_seconds (self);
  mark_dirty (self);
}

static void
on_row_assessed (GlideSessionEditor *self,
                 GlideTreatmentRow  *row)
{
  focus_next_unassessed (self, GTK_WIDGET (row));
}

static GlideTreatmentRow *
add_treatment_row (GlideSessionEditor *self,
                   GlideSite           site,
                   GlideSide           side)
{
  GlideTreatmentRow *row = glide_treatment_row_new (site, side, self->instruments);
  g_autoptr(GlideTreatment) defaults = glide_treatment_new (site, side);
  g_autofree char *stroke = g_settings_get_string (self->settings, "default-stroke");
  g_autofree char *edge = g_settings_get_string (self->settings, "default-edge");
  g_autofree char *pressure = g_settings_get_string (self->settings, "default-pressure");
  g_autofree char *tool = g_settings_get_string (self->settings, "default-instrument");
  int value;

  if (glide_code_list_lookup (GLIDE_CODE_LIST_STROKE, stroke, &value))
    defaults->stroke = value;
  if (glide_code_list_lookup (GLIDE_CODE_LIST_EDGE, edge, &value))
    defaults->edge = value;
  defaults->pressure = glide_code_list_lookup (GLIDE_CODE_LIST_PRESSURE, pressure, &value) ?
                       value : GLIDE_PRESSURE_NONE;
  defaults->technique = GLIDE_TECHNIQUE_NONE;
  defaults->duration_s = g_settings_get_int (self->settings, "default-duration");
  for (guint i = 0; i < self->instruments->len; i++)
    {
      GlideInstrument *instrument = g_ptr_array_index (self->instruments, i);

      if (g_strcmp0 (instrument->code, tool) == 0)
        defaults->instrument_id = instrument->id;
    }
  glide_treatment_row_set_values (row, defaults, FALSE);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_tool_seconds), self);
  g_signal_connect_swapped (row, "remove-requested", G_CALLBACK (on_row_remove_requested), self);
  g_signal_connect_swapped (row, "assessed", G_CALLBACK (on_row_assessed), self);
  gtk_list_box_append (self->treatments_list, GTK_WIDGET (row));
  glide_status_page_narrow_wrapping (GTK_WIDGET (row));
  update_tool_seconds (self);
  return row;
}

/* ---- outcomes ----------------------------------------------------------------- */

static void
update_norm (MeasureRow         *m,
             GlideSessionEditor *self)
{
  guint index = gtk_drop_down_get_selected (m->measure);
  GlideMeasure measure;
  double norm;
  const char *source;
  guint side;

  if (m->function || index >= self->rom_measures->len)
    return;
  measure = g_array_index (self->rom_measures, GlideMeasure, index);

  /* Offer a side the measure accepts. */
  side = gtk_drop_down_get_selected (m->side);
  if (!glide_measure_allows_side (measure, (GlideSide) side))
    gtk_drop_down_set_selected (m->side, glide_measure_allows_side (measure, GLIDE_SIDE_MIDLINE) ?
                                GLIDE_SIDE_MIDLINE : GLIDE_SIDE_LEFT);

  if (glide_measure_get_norm (measure, &norm, &source))
    {
      /* Translators: the normal range of motion next to a measured value */
      g_autofree char *text = g_strdup_printf (_("norm %g° (%s)"), norm, source);

      gtk_label_set_text (m->norm, text);
    }
  else
    gtk_label_set_text (m->norm, "");
}

static void
on_measure_selected (GObject    *drop_down,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  GlideSessionEditor *self = user_data;
  MeasureRow *m = g_object_get_data (drop_down, "measure-row");

  update_norm (m, self);
  mark_dirty (self);
}

/* Enter in a number box moves on to the next field still empty. */
static void
on_value_activate (GtkEntry           *entry,
                   GlideSessionEditor *self)
{
  focus_next_unassessed (self, GTK_WIDGET (entry));
}

static GtkEntry *
make_value_entry (GlideSessionEditor *self,
                  const char         *accessible_label,
                  const char         *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect (entry, "activate", G_CALLBACK (on_value_activate), self);
  return GTK_ENTRY (entry);
}

/* Two lines, so the form stays narrow enough to sit beside the body map:
 * what was measured (and on which side), then before → after and the norm. */
static void
build_measure_row (GlideSessionEditor *self,
                   MeasureRow         *m,
                   const char         *title,
                   GListModel         *measures,
                   gboolean            with_side)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_label_new ("→");
  g_autofree char *before = g_strdup_printf (_("%s before treatment"), title);
  g_autofree char *after = g_strdup_printf (_("%s after treatment"), title);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (measures != NULL)
    {
      /* Typing in the open list filters it ("dors" finds ankle dorsiflexion). */
      m->measure = GTK_DROP_DOWN (gtk_drop_down_new (measures,
                                                     gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                                  NULL, "string")));
      gtk_drop_down_set_enable_search (m->measure, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (m->measure), GTK_ALIGN_CENTER);
      glide_accessible_name_drop_down (m->measure, title);
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (m->measure));
      g_object_set_data (G_OBJECT (m->measure), "measure-row", m);
      g_signal_connect (m->measure, "notify::selected", G_CALLBACK (on_measure_selected), self);
    }
  else
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (top), label);
    }
  if (with_side)
    {
      const char *sides[] = { _("Left"), _("Right"), _("Midline"), NULL };

      m->side = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (sides));
      gtk_widget_set_valign (GTK_WIDGET (m->side), GTK_ALIGN_CENTER);
      glide_accessible_name_drop_down (m->side, _("Side"));
      g_signal_connect_swapped (m->side, "notify::selected", G_CALLBACK (mark_dirty), self);
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (m->side));
    }
  gtk_widget_set_hexpand (top, TRUE);

  m->pre = make_value_entry (self, before, _("before"));
  m->post = make_value_entry (self, after, _("after"));
  gtk_box_append (GTK_BOX (values), GTK_WIDGET (m->pre));
  gtk_box_append (GTK_BOX (values), arrow);
  gtk_box_append (GTK_BOX (values), GTK_WIDGET (m->post));

  m->norm = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (m->norm), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (m->norm), "caption");
  gtk_label_set_xalign (m->norm, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (m->norm), 6);
  gtk_box_append (GTK_BOX (values), GTK_WIDGET (m->norm));

  if (measures == NULL && !with_side)
    {
      /* Pain: one line. */
      gtk_widget_set_hexpand (values, FALSE);
      gtk_box_append (GTK_BOX (top), values);
      gtk_widget_set_halign (values, GTK_ALIGN_END);
      gtk_widget_set_hexpand (values, TRUE);
      gtk_box_append (GTK_BOX (box), top);
    }
  else
    {
      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), values);
    }

  m->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (m->row), FALSE);
  /* Tab goes to the row's controls, not to the row. */
  gtk_widget_set_focusable (m->row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (m->row), box);
}

static void
on_rom_remove_clicked (GtkButton          *button,
                       GlideSessionEditor *self)
{
  MeasureRow *m = g_object_get_data (G_OBJECT (button), "measure-row");

  gtk_list_box_remove (self->outcomes_list, m->row);
  g_ptr_array_remove (self->rom_rows, m);
  mark_dirty (self);
}

static MeasureRow *
add_rom_row (GlideSessionEditor *self)
{
  MeasureRow *m = g_new0 (MeasureRow, 1);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *box;

  for (guint i = 0; i < self->rom_measures->len; i++)
    {
      GlideMeasure measure = g_array_index (self->rom_measures, GlideMeasure, i);

      gtk_string_list_append (labels, glide_code_list_label (GLIDE_CODE_LIST_MEASURE, measure));
    }
  build_measure_row (self, m, _("Range of motion"), G_LIST_MODEL (g_steal_pointer (&labels)), TRUE);
  box = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (m->row)));
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this measure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this measure"), -1);
  g_object_set_data (G_OBJECT (remove), "measure-row", m);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_rom_remove_clicked), self);
  gtk_box_append (GTK_BOX (box), remove);

  /* Before the function-scale row, which stays last. */
  gtk_list_box_insert (self->outcomes_list, m->row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->function.row)));
  g_ptr_array_add (self->rom_rows, m);
  update_norm (m, self);
  glide_status_page_narrow_wrapping (m->row);
  return m;
}

static int
find_index (GArray       *measures,
            GlideMeasure  measure)
{
  for (guint i = 0; i < measures->len; i++)
    if (g_array_index (measures, GlideMeasure, i) == measure)
      return i;
  return -1;
}

static MeasureRow *
find_rom_row (GlideSessionEditor *self,
              int                 index,
              GlideSide           side)
{
  for (guint r = 0; r < self->rom_rows->len; r++)
    {
      MeasureRow *candidate = g_ptr_array_index (self->rom_rows, r);

      if ((int) gtk_drop_down_get_selected (candidate->measure) == index &&
          gtk_drop_down_get_selected (candidate->side) == (guint) side)
        return candidate;
    }
  return NULL;
}

static void
format_value (GtkEntry *entry,
              double    value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (buf, sizeof buf, "%g", value);
  gtk_editable_set_text (GTK_EDITABLE (entry), buf);
}

/* ---- exercises, time and the follow-up ------------------------------------------ */

static GPtrArray *
list_exercise_rows (GlideSessionEditor *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->exercises_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GLIDE_IS_EXERCISE_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static void
on_exercise_remove_requested (GlideSessionEditor *self,
                              GlideExerciseRow   *row)
{
  gtk_list_box_remove (self->exercises_list, GTK_WIDGET (row));
  mark_dirty (self);
}

static GlideExerciseRow *
add_exercise_row (GlideSessionEditor *self)
{
  GlideExerciseRow *row = glide_exercise_row_new ((const char * const *) self->exercise_names);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (row, "remove-requested", G_CALLBACK (on_exercise_remove_requested), self);
  gtk_list_box_append (self->exercises_list, GTK_WIDGET (row));
  glide_status_page_narrow_wrapping (GTK_WIDGET (row));
  return row;
}

static void
clear_exercises (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = list_exercise_rows (self);

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->exercises_list, g_ptr_array_index (rows, i));
}

/* The IASTM minutes offered follow the areas' durations as typed (read from
 * the rows' own record of what they show: an area still to assess counts). */
static void
update_tool_seconds (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 seconds = 0;

  if (self->time_section == NULL)
    return;
  rows = list_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GVariant) state = g_variant_ref_sink (glide_treatment_row_save_state (g_ptr_array_index (rows, i)));
      gint64 duration = 0;

      g_variant_get_child (state, 2, "x", &duration);
      if (duration >= GLIDE_DURATION_MIN && duration <= GLIDE_DURATION_MAX)
        seconds += duration;
    }
  glide_time_section_set_tool_seconds (self->time_section, seconds);
}

static void
on_start_changed (GlideSessionEditor *self)
{
  g_autofree char *start = NULL;

  if (self->time_section == NULL)
    return;
  start = glide_datetime_from_typed (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  glide_time_section_set_start (self->time_section, start);
}

/* The follow-up's key answered it: on to the next field still to fill. */
static void
on_reaction_key_picked (GlideSessionEditor *self,
                        int                 before)
{
  if (before == GLIDE_CHOICE_NONE)
    focus_next_unassessed (self, GTK_WIDGET (self->reaction));
}

static void
on_time_entry_activated (GlideSessionEditor *self,
                         GtkWidget          *row)
{
  focus_next_unassessed (self, row);
}

/* ---- reading the form ---------------------------------------------------------- */

/* Where a refusal comes from. Reading the form only records it; an explicit
 * Save marks it (the autosave reads the form too and must not move a thing). */
typedef struct
{
  GtkWidget         *widget;   /* what to mark */
  GlideTreatmentRow *row;      /* or the treated area to mark ... */
  char              *field;    /* ... at this key of the treatment */
  char              *label;    /* what to call it in the message */
} Origin;

static void
origin_free (Origin *o)
{
  g_free (o->field);
  g_free (o->label);
  g_free (o);
}

/* A typed value: empty is "not measured"; "4,5" is read as 4.5. */
static gboolean
read_value (GtkEntry    *entry,
            gboolean    *present,
            double      *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  *present = *text != '\0';
  if (!*present)
    return TRUE;
  return glide_parse_decimal (text, value);
}

static gboolean
add_measure (GlideSessionEditor *self,
             GlideSession       *session,
             GPtrArray          *origins,
             GlideMeasure        measure,
             GlideSide           side,
             GtkEntry           *entry,
             GlideTiming         timing,
             Origin            **bad,
             GError            **error)
{
  g_autofree char *label = glide_report_measure_label (measure, side);
  /* Translators: names an outcome input in a message: "Pain, before" */
  g_autofree char *name = g_strdup_printf (_("%s, %s"), label,
                                           timing == GLIDE_TIMING_PRE ? _("before") : _("after"));
  gboolean present;
  double value = 0;
  Origin *origin;

  if (!read_value (entry, &present, &value))
    {
      *bad = g_new0 (Origin, 1);
      (*bad)->widget = GTK_WIDGET (entry);
      (*bad)->label = g_steal_pointer (&name);
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("“%s” is not a number"), gtk_editable_get_text (GTK_EDITABLE (entry)));
      return FALSE;
    }
  if (!present)
    return TRUE;
  g_ptr_array_add (session->measurements, glide_measurement_new (measure, side, timing, value));
  origin = g_new0 (Origin, 1);
  origin->widget = GTK_WIDGET (entry);
  origin->label = g_steal_pointer (&name);
  g_ptr_array_add (origins, origin);
  return TRUE;
}

static gboolean
add_measure_row (GlideSessionEditor *self,
                 GlideSession       *session,
                 GPtrArray          *origins,
                 MeasureRow         *m,
                 GlideMeasure        measure,
                 GlideSide           side,
                 Origin            **bad,
                 GError            **error)
{
  return add_measure (self, session, origins, measure, side, m->pre, GLIDE_TIMING_PRE, bad, error) &&
         add_measure (self, session, origins, measure, side, m->post, GLIDE_TIMING_POST, bad, error);
}

/* ---- the next field to assess ------------------------------------------------------- */

static gboolean
box_is_empty (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);

  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* What is measured or assessed per session, in the form's order: each
 * treated area's skin response, then pain, the listed motions and a chosen
 * function scale, before and after. */
static GPtrArray *
list_assessments (GlideSessionEditor *self)
{
  GPtrArray *fields = list_rows (self);

  g_ptr_array_add (fields, self->pain.pre);
  g_ptr_array_add (fields, self->pain.post);
  for (guint i = 0; i < self->rom_rows->len; i++)
    {
      MeasureRow *m = g_ptr_array_index (self->rom_rows, i);

      g_ptr_array_add (fields, m->pre);
      g_ptr_array_add (fields, m->post);
    }
  if (gtk_drop_down_get_selected (self->function.measure) > 0)
    {
      g_ptr_array_add (fields, self->function.pre);
      g_ptr_array_add (fields, self->function.post);
    }
  /* Then what closes the visit: the follow-up of the last one (asked at
   * its start, answered with one key), the end time and the minutes of the
   * codes planned. */
  if (gtk_widget_get_visible (self->followup_group))
    g_ptr_array_add (fields, self->reaction);
  if (self->time_section != NULL)
    {
      g_autoptr(GPtrArray) planned = glide_time_section_list_unfilled_plans (self->time_section);

      g_ptr_array_add (fields, glide_time_section_get_end_row (self->time_section));
      g_ptr_array_extend (fields, planned, NULL, NULL);
    }
  return fields;
}

static gboolean
focus_if_unassessed (GtkWidget *field)
{
  if (GLIDE_IS_TREATMENT_ROW (field))
    return glide_treatment_row_focus_unassessed (GLIDE_TREATMENT_ROW (field));
  if (GLIDE_IS_CHOICE_GROUP (field))
    return glide_choice_group_get_selected (GLIDE_CHOICE_GROUP (field)) == GLIDE_CHOICE_NONE &&
           gtk_widget_grab_focus (field);
  return box_is_empty (GTK_EDITABLE (field)) && gtk_widget_grab_focus (field);
}

/* Moves the focus to the next skin response or box still to fill after the
 * field holding @after (from the top for %NULL or a widget in no such field,
 * then round from the top); when all are done, to Sign. Only the user's own keys call this: the autosave never
 * moves the focus. Returns whether a field still to assess was found. */
static gboolean
focus_next_unassessed (GlideSessionEditor *self,
                       GtkWidget          *after)
{
  g_autoptr(GPtrArray) fields = NULL;
  guint start = 0;

  if (self->signature != NULL)
    return FALSE;
  fields = list_assessments (self);
  for (GtkWidget *w = after; w != NULL && start == 0; w = gtk_widget_get_parent (w))
    {
      guint i;

      if (g_ptr_array_find (fields, w, &i))
        start = i + 1;
    }
  for (guint n = 0; n < fields->len; n++)
    if (focus_if_unassessed (g_ptr_array_index (fields, (start + n) % fields->len)))
      return TRUE;
  gtk_widget_grab_focus (self->sign_button);
  return FALSE;
}

static GlideTherapist *
selected_therapist (GlideSessionEditor *self)
{
  guint i = adw_combo_row_get_selected (self->therapist_row);

  return i < self->therapists->len ? g_ptr_array_index (self->therapists, i) : NULL;
}

/* Reads the form into a session and checks it with core's rules. On failure
 * @bad says which input to mark and how to name it. */
static GlideSession *
read_form (GlideSessionEditor  *self,
           Origin             **bad,
           GError             **error)
{
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GPtrArray) rows = list_rows (self);
  g_autoptr(GPtrArray) origins = g_ptr_array_new_with_free_func ((GDestroyNotify) origin_free);
  g_autoptr(GPtrArray) exercise_rows = list_exercise_rows (self);
  g_autoptr(GPtrArray) exercises_read = g_ptr_array_new ();
  g_autofree char *start = glide_datetime_from_typed (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  g_autofree char *field = NULL;
  GlideTherapist *therapist = selected_therapist (self);
  guint function_index;
  GtkWidget *bad_widget = NULL;
  char *bad_label = NULL;

  session = glide_session_new (self->course->id, start, therapist ? therapist->id : 0);
  session->id = self->stored ? self->stored->id : 0;
  session->version = self->stored ? self->stored->version : 0;
  g_free (session->emollient);
  session->emollient = nonempty (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->emollient_row))));
  g_free (session->note);
  session->note = nonempty (text_view_get (self->note_view));
  g_free (session->home_program);
  session->home_program = nonempty (text_view_get (self->home_view));
  if (gtk_widget_get_visible (self->reason_group))
    session->contraindication_override =
      nonempty (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));

  for (guint i = 0; i < rows->len; i++)
    {
      GlideTreatmentRow *row = g_ptr_array_index (rows, i);
      GlideTreatment *treatment = glide_treatment_row_get_values (row, &field, error);

      if (treatment == NULL)
        {
          *bad = g_new0 (Origin, 1);
          (*bad)->label = glide_area_get_label (glide_treatment_row_get_site (row),
                                                glide_treatment_row_get_side (row));
          (*bad)->row = row;
          (*bad)->field = g_steal_pointer (&field);
          return NULL;
        }
      g_ptr_array_add (session->treatments, treatment);
    }

  if (!add_measure_row (self, session, origins, &self->pain, GLIDE_MEASURE_PAIN, GLIDE_SIDE_NONE,
                        bad, error))
    return NULL;
  for (guint i = 0; i < self->rom_rows->len; i++)
    {
      MeasureRow *m = g_ptr_array_index (self->rom_rows, i);
      GlideMeasure measure = g_array_index (self->rom_measures, GlideMeasure,
                                            gtk_drop_down_get_selected (m->measure));

      if (!add_measure_row (self, session, origins, m, measure,
                            (GlideSide) gtk_drop_down_get_selected (m->side), bad, error))
        return NULL;
    }
  function_index = gtk_drop_down_get_selected (self->function.measure);
  if (function_index > 0 &&
      !add_measure_row (self, session, origins, &self->function,
                        g_array_index (self->function_measures, GlideMeasure, function_index - 1),
                        GLIDE_SIDE_NONE, bad, error))
    return NULL;

  if (!glide_time_section_read (self->time_section, session, &bad_widget, &bad_label, error))
    {
      *bad = g_new0 (Origin, 1);
      (*bad)->widget = bad_widget;
      (*bad)->label = bad_label;
      return NULL;
    }
  for (guint i = 0; i < exercise_rows->len; i++)
    {
      GlideExerciseRow *row = g_ptr_array_index (exercise_rows, i);
      g_autoptr(GVariant) state = g_variant_ref_sink (glide_exercise_row_save_state (row));
      g_autoptr(GVariant) blank = g_variant_ref_sink (g_variant_new (GLIDE_EXERCISE_ROW_STATE_TYPE,
                                                                     "", "", "", "", "", 0));
      GlideExercise *exercise;

      /* A row added and left empty is no exercise. */
      if (g_variant_equal (state, blank))
        continue;
      exercise = glide_exercise_row_get_values (row, &field, error);
      if (exercise == NULL)
        {
          *bad = g_new0 (Origin, 1);
          (*bad)->widget = glide_exercise_row_get_field (row, field);
          /* Translators: names a field of an exercise: "Exercise 2, Sets" */
          (*bad)->label = g_strdup_printf (_("Exercise %u, %s"), i + 1,
                                           glide_exercise_row_get_field_label (field));
          return NULL;
        }
      g_ptr_array_add (session->exercises, exercise);
      g_ptr_array_add (exercises_read, row);
    }
  session->reaction = (GlideReaction) GLIDE_CHOICE_NONE;
  if (gtk_widget_get_visible (self->followup_group))
    {
      session->reaction = (GlideReaction) glide_choice_group_get_selected (self->reaction);
      g_free (session->reaction_note);
      session->reaction_note =
        nonempty (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reaction_note_row))));
    }

  g_clear_pointer (&field, g_free);
  if (!glide_rules_validate_session (session, self->course, self->screening, &field, error))
    {
      guint index;
      char exercise_field[16];

      *bad = g_new0 (Origin, 1);
      if (sscanf (field, "treatments[%u]", &index) == 1 && index < rows->len)
        {
          GlideTreatmentRow *row = g_ptr_array_index (rows, index);
          const char *dot = strchr (field, '.');
          const char *what = dot ? glide_treatment_row_get_field_label (row, dot + 1) : NULL;
          g_autofree char *area = glide_area_get_label (glide_treatment_row_get_site (row),
                                                        glide_treatment_row_get_side (row));

          /* Translators: names a field of a treated area: "Calf, left, Duration (s)" */
          (*bad)->label = what ? g_strdup_printf (_("%s, %s"), area, what) : g_steal_pointer (&area);
          (*bad)->row = row;
          (*bad)->field = dot ? g_strdup (dot + 1) : NULL;
        }
      else if (sscanf (field, "measures[%u]", &index) == 1 && index < origins->len)
        {
          Origin *origin = g_ptr_array_index (origins, index);

          (*bad)->widget = origin->widget;
          (*bad)->label = g_strdup (origin->label);
        }
      else if (sscanf (field, "exercises[%u].%15s", &index, exercise_field) == 2 &&
               index < exercises_read->len)
        {
          GlideExerciseRow *row = g_ptr_array_index (exercises_read, index);
          guint position = 0;

          g_ptr_array_find (exercise_rows, row, &position);
          (*bad)->widget = glide_exercise_row_get_field (row, exercise_field);
          (*bad)->label = g_strdup_printf (_("Exercise %u, %s"), position + 1,
                                           glide_exercise_row_get_field_label (exercise_field));
        }
      else if ((bad_widget = glide_time_section_get_field (self->time_section, field, &bad_label)) != NULL)
        {
          (*bad)->widget = bad_widget;
          (*bad)->label = bad_label;
        }
      else if (g_str_equal (field, "follow_up.reaction") || g_str_equal (field, "follow_up.note"))
        {
          gboolean note = g_str_equal (field, "follow_up.note");

          (*bad)->widget = note ? GTK_WIDGET (self->reaction_note_row) : GTK_WIDGET (self->reaction);
          (*bad)->label = g_strdup (note ? _("Follow-up note") : _("Bruising or soreness since the last visit"));
        }
      else if (g_str_equal (field, "start"))
        {
          (*bad)->widget = GTK_WIDGET (self->start_row);
          (*bad)->label = g_strdup (_("Date and time"));
        }
      else if (g_str_equal (field, "therapist"))
        {
          (*bad)->widget = GTK_WIDGET (self->therapist_row);
          (*bad)->label = g_strdup (_("Therapist"));
        }
      else if (g_str_equal (field, "contraindication_override"))
        {
          (*bad)->widget = GTK_WIDGET (self->reason_row);
          (*bad)->label = g_strdup (_("Reason to treat"));
        }
      else if (g_str_equal (field, "emollient"))
        {
          (*bad)->widget = GTK_WIDGET (self->emollient_row);
          (*bad)->label = g_strdup (_("Emollient"));
        }
      else if (g_str_equal (field, "note") || g_str_equal (field, "home_program"))
        {
          gboolean note = g_str_equal (field, "note");

          (*bad)->widget = GTK_WIDGET (note ? self->note_view : self->home_view);
          (*bad)->label = g_strdup (note ? _("Notes") : _("Home programme"));
        }
      else
        (*bad)->label = g_strdup (field);
      return NULL;
    }

  return g_steal_pointer (&session);
}

/* ---- state for recovery ---------------------------------------------------------- */

static GVariant *
measure_state (MeasureRow *m)
{
  return g_variant_new ("(uuss)",
                        m->measure ? gtk_drop_down_get_selected (m->measure) : 0,
                        m->side ? gtk_drop_down_get_selected (m->side) : 0,
                        gtk_editable_get_text (GTK_EDITABLE (m->pre)),
                        gtk_editable_get_text (GTK_EDITABLE (m->post)));
}

static void
restore_measure (MeasureRow *m,
                 GVariant   *state)
{
  guint measure, side;
  const char *pre, *post;

  g_variant_get (state, "(uu&s&s)", &measure, &side, &pre, &post);
  if (m->measure != NULL)
    gtk_drop_down_set_selected (m->measure, measure);
  if (m->side != NULL)
    gtk_drop_down_set_selected (m->side, side);
  gtk_editable_set_text (GTK_EDITABLE (m->pre), pre);
  gtk_editable_set_text (GTK_EDITABLE (m->post), post);
}

#define FORM_STATE_TYPE "(sxssssa(suxuuuuubsb)(uuss)a(uuss)(uuss))"
#define STATE_TYPE "(" FORM_STATE_TYPE GLIDE_TIME_SECTION_STATE_TYPE \
                   "a" GLIDE_EXERCISE_ROW_STATE_TYPE "is)"

static char *
save_state (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = list_rows (self);
  GVariantBuilder treatments, roms;
  g_autofree char *note = text_view_get (self->note_view);
  g_autofree char *home = text_view_get (self->home_view);
  GlideTherapist *therapist = selected_therapist (self);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GPtrArray) exercise_rows = list_exercise_rows (self);
  GVariantBuilder exercises;
  GVariant *form;

  g_variant_builder_init (&treatments, G_VARIANT_TYPE ("a(suxuuuuubsb)"));
  for (guint i = 0; i < rows->len; i++)
    g_variant_builder_add_value (&treatments, glide_treatment_row_save_state (g_ptr_array_index (rows, i)));
  g_variant_builder_init (&roms, G_VARIANT_TYPE ("a(uuss)"));
  for (guint i = 0; i < self->rom_rows->len; i++)
    g_variant_builder_add_value (&roms, measure_state (g_ptr_array_index (self->rom_rows, i)));

  form = g_variant_new ("(sxssssa(suxuuuuubsb)@(uuss)a(uuss)@(uuss))",
                        gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                        therapist ? therapist->id : (gint64) 0,
                        gtk_editable_get_text (GTK_EDITABLE (self->emollient_row)),
                        gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                        note, home, &treatments,
                        measure_state (&self->pain), &roms,
                        measure_state (&self->function));
  g_variant_builder_init (&exercises, G_VARIANT_TYPE ("a" GLIDE_EXERCISE_ROW_STATE_TYPE));
  for (guint i = 0; i < exercise_rows->len; i++)
    g_variant_builder_add_value (&exercises,
                                 glide_exercise_row_save_state (g_ptr_array_index (exercise_rows, i)));
  /* Schema 7's fields after the form of before, which is still read. */
  state = g_variant_ref_sink (g_variant_new ("(@" FORM_STATE_TYPE "@" GLIDE_TIME_SECTION_STATE_TYPE
                                             "a" GLIDE_EXERCISE_ROW_STATE_TYPE "is)",
                                             form, glide_time_section_save_state (self->time_section),
                                             &exercises,
                                             (gint32) glide_choice_group_get_selected (self->reaction),
                                             gtk_editable_get_text (GTK_EDITABLE (self->reaction_note_row))));
  return g_variant_print (state, FALSE);
}

static void
restore_state (GlideSessionEditor *self,
               const char         *text)
{
  g_autoptr(GVariant) whole = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariantIter) treatments = NULL, roms = NULL;
  g_autoptr(GVariant) pain = NULL, function = NULL;
  g_autoptr(GError) error = NULL;
  const char *start, *emollient, *reason, *note, *home;
  gint64 therapist_id;
  GVariant *child;

  whole = g_variant_parse (G_VARIANT_TYPE (STATE_TYPE), text, NULL, NULL, NULL);
  if (whole != NULL)
    state = g_variant_get_child_value (whole, 0);
  else
    /* Kept by a Glide before schema 7: the form without time or exercise. */
    state = g_variant_parse (G_VARIANT_TYPE (FORM_STATE_TYPE), text, NULL, NULL, &error);
  if (state == NULL)
    {
      g_warning ("Recovered editor state is unreadable: %s", error->message);
      return;
    }
  g_variant_get (state, "(&sx&s&s&s&sa(suxuuuuubsb)@(uuss)a(uuss)@(uuss))", &start, &therapist_id,
                 &emollient, &reason, &note, &home, &treatments, &pain, &roms, &function);

  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  for (guint i = 0; i < self->therapists->len; i++)
    if (((GlideTherapist *) g_ptr_array_index (self->therapists, i))->id == therapist_id)
      adw_combo_row_set_selected (self->therapist_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->emollient_row), emollient);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->home_view), home, -1);

  while ((child = g_variant_iter_next_value (treatments)) != NULL)
    {
      const char *area_id;
      GlideSite site;
      GlideSide side;

      g_variant_get_child (child, 0, "&s", &area_id);
      if (glide_area_parse_id (area_id, &site, &side))
        {
          GlideTreatmentRow *row = find_row (self, site, side, NULL);

          if (row == NULL)
            row = add_treatment_row (self, site, side);
          glide_treatment_row_restore_state (row, child);
        }
      g_variant_unref (child);
    }
  restore_measure (&self->pain, pain);
  while ((child = g_variant_iter_next_value (roms)) != NULL)
    {
      restore_measure (add_rom_row (self), child);
      g_variant_unref (child);
    }
  restore_measure (&self->function, function);
  sync_selection (self);
  update_tool_seconds (self);

  if (whole != NULL)
    {
      g_autoptr(GVariant) time = g_variant_get_child_value (whole, 1);
      g_autoptr(GVariantIter) exercises = NULL;
      const char *reaction_note;
      gint32 reaction;

      glide_time_section_restore_state (self->time_section, time);
      g_variant_get_child (whole, 2, "a" GLIDE_EXERCISE_ROW_STATE_TYPE, &exercises);
      while ((child = g_variant_iter_next_value (exercises)) != NULL)
        {
          glide_exercise_row_restore_state (add_exercise_row (self), child);
          g_variant_unref (child);
        }
      g_variant_get_child (whole, 3, "i", &reaction);
      g_variant_get_child (whole, 4, "&s", &reaction_note);
      glide_choice_group_set_selected (self->reaction, reaction >= GLIDE_REACTION_NONE &&
                                       reaction <= GLIDE_REACTION_MARKED ? reaction : GLIDE_CHOICE_NONE);
      gtk_editable_set_text (GTK_EDITABLE (self->reaction_note_row), reaction_note);
    }
}

/* ---- showing a session ------------------------------------------------------------ */

static void fill_measures (GlideSessionEditor *self,
                           const GlideSession *session);

static void
fill_from_session (GlideSessionEditor *self,
                   const GlideSession *session,
                   gboolean            with_outcomes)
{
  for (guint i = 0; i < session->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);
      GlideTreatmentRow *row = add_treatment_row (self, t->site, t->side);

      glide_treatment_row_set_values (row, t, with_outcomes);
      glide_treatment_row_set_copied (row, !with_outcomes);
      if (!with_outcomes)
        glide_treatment_row_set_redness (row, GLIDE_TREATMENT_ROW_REDNESS_UNSET);
    }
  sync_selection (self);
  /* Exercises are copied forward like the areas; of the time only the codes
   * billed, as planned: times, minutes and the follow-up are today's. */
  for (guint i = 0; i < session->exercises->len; i++)
    glide_exercise_row_set_values (add_exercise_row (self), g_ptr_array_index (session->exercises, i));
  if (!with_outcomes)
    {
      glide_time_section_plan_codes (self->time_section, session->billing);
      return;
    }

  glide_time_section_set_values (self->time_section, session);
  if ((int) session->reaction >= 0)
    glide_choice_group_set_selected (self->reaction, session->reaction);
  if (session->reaction_note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->reaction_note_row), session->reaction_note);

  if (session->emollient)
    gtk_editable_set_text (GTK_EDITABLE (self->emollient_row), session->emollient);
  if (session->contraindication_override)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_row), session->contraindication_override);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            session->note ? session->note : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->home_view),
                            session->home_program ? session->home_program : "", -1);
  fill_measures (self, session);
}

/* Each measured value in its box, as stored ("4,5" as typed shows 4.5). */
static void
fill_measures (GlideSessionEditor *self,
               const GlideSession *session)
{
  for (guint i = 0; i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);
      GtkEntry *pre = NULL, *post = NULL;
      int index;

      if (m->measure == GLIDE_MEASURE_PAIN)
        pre = self->pain.pre, post = self->pain.post;
      else if ((index = find_index (self->function_measures, m->measure)) >= 0)
        {
          gtk_drop_down_set_selected (self->function.measure, index + 1);
          pre = self->function.pre, post = self->function.post;
        }
      else if ((index = find_index (self->rom_measures, m->measure)) >= 0)
        {
          MeasureRow *row = find_rom_row (self, index, m->side);

          if (row == NULL)
            {
              row = add_rom_row (self);
              gtk_drop_down_set_selected (row->measure, index);
              gtk_drop_down_set_selected (row->side, m->side);
            }
          pre = row->pre, post = row->post;
        }
      if (pre != NULL)
        format_value (m->timing == GLIDE_TIMING_PRE ? pre : post, m->value);
    }
}

/* The course's side: the side it treated most, else its diagnosis's word. */
static GlideSide
course_side (GlideSessionEditor *self,
             const guint        *treated)
{
  g_autofree char *diagnosis = NULL;

  if (treated[GLIDE_SIDE_LEFT] != treated[GLIDE_SIDE_RIGHT])
    return treated[GLIDE_SIDE_LEFT] > treated[GLIDE_SIDE_RIGHT] ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT;
  diagnosis = g_utf8_casefold (self->course->diagnosis ? self->course->diagnosis : "", -1);
  if ((strstr (diagnosis, "left") != NULL) != (strstr (diagnosis, "right") != NULL))
    return strstr (diagnosis, "left") != NULL ? GLIDE_SIDE_LEFT : GLIDE_SIDE_RIGHT;
  return GLIDE_SIDE_MIDLINE;
}

/* What the course's other sessions bring: the names of its exercises (offered
 * as one is typed), and whether this visit follows another, so that the
 * follow-up of the last visit is asked. A signed session shows the follow-up
 * it recorded. A course that cannot be read only loses these. */
static void
read_course_history (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean follows = FALSE;

  if (self->stored != NULL && glide_session_is_signed (self->stored))
    {
      gtk_widget_set_visible (self->followup_group, (int) self->stored->reaction >= 0);
      return;
    }
  sessions = glide_store_list_sessions (self->store, self->course->id, NULL);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);

      if (self->stored != NULL && session->id == self->stored->id)
        continue;
      if (self->stored == NULL || glide_datetime_compare (session->start, self->stored->start) < 0)
        follows = TRUE;
      for (guint e = 0; e < session->exercises->len; e++)
        {
          const GlideExercise *exercise = g_ptr_array_index (session->exercises, e);
          g_autofree char *key = g_utf8_casefold (exercise->name, -1);

          if (g_hash_table_add (seen, g_steal_pointer (&key)))
            g_strv_builder_add (names, exercise->name);
        }
    }
  g_clear_pointer (&self->exercise_names, g_strfreev);
  self->exercise_names = g_strv_builder_end (names);
  gtk_widget_set_visible (self->followup_group,
                          follows || (self->stored != NULL && (int) self->stored->reaction >= 0));
}

/* A session starts from what its course needs: the areas the course treated
 * come first in the area search (on the course's side), and a new session
 * lists the motions the course measured with empty boxes, so range of
 * motion is typed, not picked. A course that cannot be read only loses
 * these shortcuts. */
static void
prepare_from_course (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) sessions = glide_store_list_sessions (self->store, self->course->id, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) areas = NULL;
  guint treated[GLIDE_SIDE_MIDLINE + 1] = { 0 };

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const GlideSession *session = g_ptr_array_index (sessions, i);

      for (guint t = 0; t < session->treatments->len; t++)
        {
          const GlideTreatment *treatment = g_ptr_array_index (session->treatments, t);
          char *id = glide_area_get_id (treatment->site, treatment->side);

          treated[treatment->side]++;
          if (g_hash_table_add (seen, id))
            g_strv_builder_add (builder, id);
        }
      if (self->stored != NULL || session->signed_at == NULL)
        continue;
      for (guint m = 0; m < session->measurements->len; m++)
        {
          const GlideMeasurement *measurement = g_ptr_array_index (session->measurements, m);
          int index = find_index (self->rom_measures, measurement->measure);
          MeasureRow *row;

          if (index < 0 || find_rom_row (self, index, measurement->side) != NULL)
            continue;
          row = add_rom_row (self);
          gtk_drop_down_set_selected (row->measure, index);
          gtk_drop_down_set_selected (row->side, measurement->side);
        }
    }
  areas = g_strv_builder_end (builder);
  glide_area_list_set_preferred (self->area_list, (const char *const *) areas,
                                 course_side (self, treated));
}

/* "Dana Whitfield, DPT, OCS" for the signature and addenda; read once per
 * therapist (one added in Preferences meanwhile is read when first named). */
static const char *
therapist_name (GlideSessionEditor *self,
                gint64              id)
{
  const char *label = g_hash_table_lookup (self->therapist_labels, &id);
  g_autoptr(GlideTherapist) therapist = NULL;

  if (label != NULL)
    return label;
  therapist = glide_store_get_therapist (self->store, id, NULL);
  if (therapist == NULL)
    return _("unknown therapist");
  label = therapist->credentials && *therapist->credentials ?
          g_strdup_printf ("%s, %s", therapist->name, therapist->credentials) :
          g_strdup (therapist->name);
  g_hash_table_insert (self->therapist_labels, g_memdup2 (&id, sizeof id), (char *) label);
  return label;
}

static void
fill_banners (GlideSessionEditor *self)
{
  const GlideScreening *contra;

  g_autofree char *refusal = describe_signing_refusal (self, self->signature != NULL);

  glide_alert_rows_clear (self->banners);
  if (self->signature != NULL)
    glide_alert_rows_add (self->banners, "emblem-ok-symbolic", "success", self->signature,
                          refusal == NULL ?
                          _("Signed sessions cannot be changed. Add an addendum to correct or add to it.") :
                          _("Signed sessions cannot be changed."));
  /* What this login may not do here, and why: said once, above the form. */
  if (!may_write (self))
    glide_alert_rows_add (self->banners, "changes-prevent-symbolic", NULL, _("Read only"), refusal);
  else if (refusal != NULL)
    glide_alert_rows_add (self->banners, "changes-prevent-symbolic", NULL, refusal,
                          self->signature != NULL ?
                          _("Addenda are written by the therapist who signed the session.") :
                          _("You can still correct the draft; it is signed by the therapist it names."));
  if (self->recovered)
    {
      GtkWidget *row = glide_alert_rows_add (self->banners, "document-revert-symbolic", NULL,
                                             self->recovered_here ?
                                             _("Typed earlier, not saved yet") :
                                             _("Recovered what was typed before Glide closed"),
                                             self->stored != NULL ?
                                             _("These changes did not yet make a valid draft. Check them and save, or discard them to keep the stored draft.") :
                                             _("It was not yet a valid draft. Check it and save, or discard it."));
      GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard…"));

      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "editor.discard");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
    }
  if (self->copied)
    {
      g_autofree char *when = glide_datetime_format_long (self->copied_from);
      /* Translators: %s is the date and time of the session copied */
      g_autofree char *title = g_strdup_printf (_("Copied from the session of %s"), when);
      g_autoptr(GPtrArray) rows = list_rows (self);
      g_autofree char *body =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u area with its stroke, duration, edge, tool, technique and pressure, marked “Copied”. Skin response, pain, range of motion and notes are for today.",
                                      "%u areas with their stroke, duration, edge, tool, technique and pressure, marked “Copied”. Skin response, pain, range of motion and notes are for today.",
                                      rows->len),
                         rows->len);
      g_autofree char *text = g_strconcat (body, " ",
                                           _("Its exercises and billing codes come too, the codes "
                                             "without their minutes; the time and the follow-up "
                                             "are today’s."),
                                           NULL);

      glide_alert_rows_add (self->banners, "edit-copy-symbolic", NULL, title, text);
    }
  glide_alert_rows_add_screening (self->banners, self->screening, FALSE, NULL);

  contra = glide_rules_find_contraindication (self->screening, self->stored ? self->stored->start : NULL);
  gtk_widget_set_visible (self->reason_group, contra != NULL || gtk_editable_get_text (GTK_EDITABLE (self->reason_row))[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->banners),
                          gtk_widget_get_first_child (GTK_WIDGET (self->banners)) != NULL);
}

static void
fill_addenda (GlideSessionEditor *self)
{
  for (guint i = 0; i < self->addendum_rows->len; i++)
    adw_preferences_group_remove (self->addenda_group, g_ptr_array_index (self->addendum_rows, i));
  g_ptr_array_set_size (self->addendum_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->addenda_group), self->signature != NULL);
  for (guint i = 0; self->stored != NULL && i < self->stored->addenda->len; i++)
    {
      const GlideAddendum *a = g_ptr_array_index (self->stored->addenda, i);
      g_autofree char *when = glide_datetime_format_long (a->at);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", therapist_name (self, a->therapist_id), when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->addenda_group, row);
      g_ptr_array_add (self->addendum_rows, row);
    }
}

static void
update_title (GlideSessionEditor *self)
{
  g_autofree char *name = glide_patient_get_display_name (self->patient);
  g_autofree char *subtitle = NULL;
  const char *state = self->signature ? _("Signed") :
                      self->stored ? (self->dirty ? _("Draft, unsaved changes") : _("Draft")) :
                      (self->dirty ? _("New, unsaved") : _("New"));

  subtitle = g_strdup_printf ("%s · %s", self->course->diagnosis, state);
  adw_window_title_set_title (self->title_widget, name);
  adw_window_title_set_subtitle (self->title_widget, subtitle);
}

static void
update_actions (GlideSessionEditor *self)
{
  gboolean editable = self->signature == NULL && may_write (self);
  g_autofree char *sign_refusal = describe_signing_refusal (self, FALSE);
  g_autofree char *addendum_refusal = describe_signing_refusal (self, TRUE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.sign", editable && sign_refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-rom", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-exercise", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.next-field", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-addendum",
                                 self->signature != NULL && addendum_refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete-draft", editable && self->stored != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard", may_write (self));
  /* What is not offered says why, where the pointer and a screen reader find it. */
  gtk_widget_set_tooltip_text (self->sign_button, sign_refusal ? sign_refusal :
                               _("Sign the session; it cannot be changed afterwards (Ctrl+Shift+S)"));
  gtk_widget_set_tooltip_text (self->addendum_button, addendum_refusal);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sign_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  sign_refusal ? sign_refusal : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->addendum_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  addendum_refusal ? addendum_refusal : "", -1);

  /* A signed session reads like a record: nothing in it takes input. The
   * focus leaves the form first (GTK 4.8 loses a text field's focus-out when
   * an ancestor turns insensitive under it). */
  if (!editable && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), editable);
  gtk_widget_set_sensitive (self->reason_group, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->treatments_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->outcomes_group), editable);
  gtk_widget_set_sensitive (self->followup_group, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_section), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->exercises_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_group), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->body_map), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->area_list), editable);
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_visible (self->sign_button, editable);
  gtk_widget_set_visible (self->addendum_button, may_write (self));
  update_title (self);
}

static void
set_signature (GlideSessionEditor *self)
{
  g_clear_pointer (&self->signature, g_free);
  if (self->stored != NULL && glide_session_is_signed (self->stored))
    {
      g_autofree char *when = glide_datetime_format_long (self->stored->signed_at);

      /* Translators: "Signed by Dana Whitfield, PT at 21 Nov 2026, 10:15" */
      self->signature = g_strdup_printf (_("Signed by %s at %s"),
                                         therapist_name (self, self->stored->signed_by), when);
    }
}

/* Where the message about @widget goes: under its row, group or text area. */
static GtkBox *
message_host (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *host = NULL;

  if (row != NULL && !ADW_IS_PREFERENCES_ROW (row))
    host = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));   /* an outcome's row */
  else if (row != NULL)
    /* A preferences group's rows sit in a list inside a box: under the list. */
    host = gtk_widget_get_parent (gtk_widget_get_parent (row));
  else
    /* A text area: under its box. */
    host = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_BOX);
  return host != NULL && GTK_IS_BOX (host) ? GTK_BOX (host) : NULL;
}

static void
hide_field_error (GlideSessionEditor *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->field_error));

  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (self->field_error));
}

/* Scrolls the form so that the bad field and its message show, once the
 * message has its place (after the next layout). */
static void
reveal_bad_field (GlideSessionEditor *self)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t field, message;
  double top, bottom;

  if (self->reveal_widget == NULL ||
      !gtk_widget_compute_bounds (self->reveal_widget, viewport, &field))
    return;
  if (self->reveal_message != NULL && gtk_widget_get_mapped (self->reveal_message) &&
      gtk_widget_compute_bounds (self->reveal_message, viewport, &message))
    graphene_rect_union (&field, &message, &field);
  /* Viewport coordinates are relative to what shows; a little room around. */
  top = value + field.origin.y - 12;
  bottom = value + field.origin.y + field.size.height + 12;
  if (bottom - top > page || top < value)
    value = top;
  else if (bottom > value + page)
    value = bottom - page;
  gtk_adjustment_set_value (adjustment, value);
}

static void
on_reveal_layout (GdkFrameClock      *clock,
                  GlideSessionEditor *self)
{
  g_clear_signal_handler (&self->reveal_handler, self->reveal_clock);
  g_clear_object (&self->reveal_clock);
  reveal_bad_field (self);
  g_clear_weak_pointer (&self->reveal_widget);
  g_clear_weak_pointer (&self->reveal_message);
}

/* Focuses @widget and brings it and @message into view: for an explicit
 * Save only, never for the autosave. */
static void
go_to_bad_field (GlideSessionEditor *self,
                 GtkWidget          *widget,
                 GtkWidget          *message)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* The viewport would glide to the field alone; the form scrolls once, to
   * the field with its message, when the message has its place. */
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_widget_grab_focus (widget);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);

  g_set_weak_pointer (&self->reveal_widget, widget);
  g_set_weak_pointer (&self->reveal_message, message);
  if (clock == NULL)
    return;
  if (self->reveal_handler == 0)
    {
      /* After GTK's own layout handler, connected when the window was realized. */
      self->reveal_clock = g_object_ref (clock);
      self->reveal_handler = g_signal_connect_after (clock, "layout", G_CALLBACK (on_reveal_layout), self);
    }
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

/* Shows why the form was refused: beside the bad field when there is one
 * (marked, focused and scrolled to: show_error runs for an explicit Save
 * only), otherwise above the form. */

/* What a screen reader reads for a field: an entry row's own text box. */
static GtkWidget *
spoken (GtkWidget *field)
{
  if (GLIDE_IS_ENTRY_ROW (field))
    return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (field)));
  return field;
}

static void
show_error (GlideSessionEditor *self,
            Origin             *bad,
            const char         *message)
{
  GtkWidget *target = NULL, *beside = NULL;

  g_clear_pointer (&self->error_text, g_free);
  hide_field_error (self);
  if (message != NULL)
    self->error_text = bad && bad->label ? g_strdup_printf ("%s: %s", bad->label, message) :
                       g_strdup (message);

  if (self->error_text != NULL && bad != NULL && bad->row != NULL)
    {
      target = glide_treatment_row_mark_error (bad->row, bad->field, self->error_text);
      beside = GTK_WIDGET (bad->row);
      if (target == NULL)
        {
          glide_treatment_row_focus (bad->row);
          target = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
        }
    }
  else if (self->error_text != NULL && bad != NULL && bad->widget != NULL)
    {
      GtkBox *host = message_host (bad->widget);

      target = bad->widget;
      gtk_widget_add_css_class (target, "error");
      if (host != NULL)
        {
          beside = GTK_WIDGET (self->field_error);
          gtk_label_set_text (self->field_error, self->error_text);
          gtk_box_append (host, beside);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (spoken (target)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->error_text, -1);
    }

  gtk_label_set_text (self->error_label, self->error_text && !beside ? self->error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_text != NULL && beside == NULL);
  if (self->error_text != NULL && beside == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->error_text, -1);
  if (target != NULL)
    go_to_bad_field (self, target, beside);
}

static void
clear_marks (GlideSessionEditor *self)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->start_row), GTK_WIDGET (self->therapist_row), GTK_WIDGET (self->reason_row),
    GTK_WIDGET (self->emollient_row), GTK_WIDGET (self->note_view), GTK_WIDGET (self->home_view),
    GTK_WIDGET (self->pain.pre), GTK_WIDGET (self->pain.post), GTK_WIDGET (self->function.pre),
    GTK_WIDGET (self->function.post),
  };
  g_autoptr(GPtrArray) rows = list_rows (self);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      gtk_widget_remove_css_class (widgets[i], "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (spoken (widgets[i])),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  for (guint i = 0; i < self->rom_rows->len; i++)
    {
      MeasureRow *m = g_ptr_array_index (self->rom_rows, i);
      GtkWidget *entries[] = { GTK_WIDGET (m->pre), GTK_WIDGET (m->post) };

      for (guint e = 0; e < G_N_ELEMENTS (entries); e++)
        {
          gtk_widget_remove_css_class (entries[e], "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (entries[e]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    glide_treatment_row_mark_error (g_ptr_array_index (rows, i), NULL, NULL);
  hide_field_error (self);
}

/* ---- saving -------------------------------------------------------------------------- */

static gboolean
autosave_tick (gpointer user_data)
{
  glide_session_editor_autosave (user_data);
  return G_SOURCE_CONTINUE;
}

static void
restart_autosave (GlideSessionEditor *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->signature == NULL && self->autosave_interval > 0 && may_write (self))
    self->autosave_source = g_timeout_add_seconds (self->autosave_interval, autosave_tick, self);
}

static void
mark_dirty (GlideSessionEditor *self)
{
  if (self->loading || self->signature != NULL || !may_write (self))
    return;
  if (!self->dirty)
    {
      self->dirty = TRUE;
      update_title (self);
    }
}

/* Stores the valid form as a draft (and forgets any recovery state). */
static gboolean
store_draft (GlideSessionEditor  *self,
             GlideSession        *session,
             GError             **error)
{
  g_autofree char *old_key = recovery_key (self);
  g_autofree char *new_key = NULL;
  g_autoptr(GlideSession) reread = NULL;

  if (glide_store_save_draft_session (self->store, session, error) == 0)
    return FALSE;
  reread = glide_store_get_session (self->store, session->id, error);
  if (reread == NULL)
    return FALSE;
  g_clear_pointer (&self->stored, glide_session_free);
  self->stored = g_steal_pointer (&reread);
  new_key = recovery_key (self);
  /* The draft is stored; a failure to forget the recovery copy only means
   * it is offered again later. */
  glide_store_clear_recovery (self->store, old_key, NULL);
  glide_store_clear_recovery (self->store, new_key, NULL);
  self->dirty = FALSE;
  self->recovered = FALSE;
  update_actions (self);
  return TRUE;
}

static gboolean
store_recovery (GlideSessionEditor  *self,
                GError             **error)
{
  g_autofree char *key = recovery_key (self);
  g_autofree char *state = save_state (self);
  g_autofree char *name = glide_patient_get_display_name (self->patient);
  g_autofree char *title = g_strdup_printf ("%s (%s): %s", name, self->patient->chart,
                                            self->course->diagnosis);

  return glide_store_save_recovery (self->store, key, title, state, error);
}

/* ---- callbacks ------------------------------------------------------------------------ */

static void
on_area_activated (GlideSessionEditor *self,
                   int                 site,
                   int                 side)
{
  GlideTreatmentRow *row = find_row (self, site, side, NULL);

  if (self->signature != NULL)
    {
      sync_selection (self);
      return;
    }
  /* The map toggles an area on every click; the rows decide what is selected:
   * a second click goes to the area's row instead of dropping it. */
  /* A new row leaves the focus where it is (the next area can be picked
   * straight away); a second click on an area goes to its row. */
  if (row == NULL)
    {
      add_treatment_row (self, site, side);
      mark_dirty (self);
      sync_selection (self);
      return;
    }
  sync_selection (self);
  glide_treatment_row_focus (row);
}

static void
on_sign_response (AdwMessageDialog   *dialog,
                  const char         *response,
                  GlideSessionEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "sign"))
    return;
  if (!glide_session_editor_sign (self, &error))
    glide_gui_show_error (GTK_WIDGET (self), _("The Session Was Not Signed"), error->message);
  else
    glide_gui_toast (GTK_WIDGET (self), _("Session signed"));
}

static gboolean
save_addendum (GlideFormDialog  *dialog,
               gpointer          user_data,
               char            **field,
               GError          **error)
{
  GlideSessionEditor *self = user_data;

  if (!glide_session_editor_add_addendum (self, glide_form_dialog_get_text (dialog, "text"), error))
    {
      *field = g_strdup ("text");
      return FALSE;
    }
  glide_gui_toast (GTK_WIDGET (self), _("Addendum added"));
  return TRUE;
}

static char *
measure_value_text (const GlideMeasurement *m)
{
  if (m == NULL)
    return g_strdup ("—");
  if (glide_measure_get_kind (m->measure) == GLIDE_MEASURE_KIND_ROM)
    return g_strdup_printf ("%g°", m->value);
  return g_strdup_printf ("%g", m->value);
}

/* What Sign seals, one line per area and per measure, so a wrong value is
 * seen before it cannot be changed. */
static char *
describe_for_signing (GlideSessionEditor *self,
                      const GlideSession *session)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  g_autofree char *time = glide_progress_session_time (session);
  g_autofree char *why = NULL;
  g_autofree char *units = glide_time_describe_units (session, self->care, &why, NULL);
  const char *reaction = glide_progress_reaction_text (session);

  if (reaction != NULL)
    {
      g_string_append (text, reaction);
      if (session->reaction_note != NULL && session->reaction_note[0] != '\0')
        g_string_append_printf (text, ": %s", session->reaction_note);
      g_string_append_c (text, '\n');
    }

  for (guint i = 0; i < session->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);
      g_autofree char *area = glide_area_get_label (t->site, t->side);

      /* Translators: one treated area in the signing summary: area, stroke,
       * duration, edge, skin response ("Calf (left): Sustained, 60 s, Convex
       * edge; redness Mild") */
      g_string_append_printf (text, _("%s: %s, %d s, %s edge; redness %s"), area,
                              glide_code_list_label (GLIDE_CODE_LIST_STROKE, t->stroke), (int) t->duration_s,
                              glide_code_list_label (GLIDE_CODE_LIST_EDGE, t->edge),
                              glide_code_list_label (GLIDE_CODE_LIST_REDNESS, t->redness));
      if (t->petechiae)
        g_string_append (text, _(", petechiae"));
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);
      const GlideMeasurement *pre = NULL, *post = NULL;
      g_autofree char *label = NULL, *before = NULL, *after = NULL;

      if (g_hash_table_contains (done, GUINT_TO_POINTER (i)))
        continue;
      for (guint j = i; j < session->measurements->len; j++)
        {
          const GlideMeasurement *o = g_ptr_array_index (session->measurements, j);

          if (o->measure != m->measure || o->side != m->side)
            continue;
          g_hash_table_add (done, GUINT_TO_POINTER (j));
          if (o->timing == GLIDE_TIMING_PRE)
            pre = o;
          else
            post = o;
        }
      label = glide_report_measure_label (m->measure, m->side);
      before = measure_value_text (pre);
      after = measure_value_text (post);
      /* Translators: a measure in the signing summary: "Pain: 6 → 4.5" */
      g_string_append_printf (text, _("%s: %s → %s\n"), label, before, after);
    }
  if (session->treatments->len == 0 && session->measurements->len == 0)
    g_string_append (text, _("No area treated and nothing measured.\n"));
  for (guint i = 0; i < session->exercises->len; i++)
    {
      g_autofree char *exercise = glide_progress_exercise_text (g_ptr_array_index (session->exercises, i));

      /* Translators: an exercise in the signing summary */
      g_string_append_printf (text, _("Exercise: %s\n"), exercise);
    }
  if (time != NULL)
    /* Translators: the visit's time in the signing summary, "Time: 10:00–10:45, 40 min of treatment" */
    g_string_append_printf (text, _("Time: %s\n"), time);
  if (units != NULL)
    /* Translators: the billed units and why, "Billed: 2 units (CMS 8-minute rule: …)" */
    g_string_append_printf (text, _("Billed: %s (%s)\n"), units, why);
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

/* ---- a save over a version changed elsewhere ---------------------------------------- */

/* Empties the form: no area, no measure, no text. */
static void
clear_form (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = list_rows (self);
  MeasureRow *fixed[] = { &self->pain, &self->function };

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->treatments_list, g_ptr_array_index (rows, i));
  while (self->rom_rows->len > 0)
    {
      MeasureRow *m = g_ptr_array_index (self->rom_rows, 0);

      gtk_list_box_remove (self->outcomes_list, m->row);
      g_ptr_array_remove_index (self->rom_rows, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (fixed[i]->pre), "");
      gtk_editable_set_text (GTK_EDITABLE (fixed[i]->post), "");
    }
  gtk_drop_down_set_selected (self->function.measure, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->emollient_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->home_view), "", -1);
  clear_exercises (self);
  glide_time_section_clear (self->time_section);
  glide_choice_group_set_selected (self->reaction, GLIDE_CHOICE_NONE);
  gtk_editable_set_text (GTK_EDITABLE (self->reaction_note_row), "");
}

/* After the saved state changed under the form: it shows what is stored,
 * nothing is pending. */
static void
show_stored (GlideSessionEditor *self)
{
  self->dirty = FALSE;
  self->recovered = FALSE;
  self->copied = FALSE;
  clear_marks (self);
  show_error (self, NULL, NULL);
  set_signature (self);
  fill_banners (self);
  fill_addenda (self);
  update_actions (self);
  restart_autosave (self);
}

/* "Keep Mine as New Draft": the form becomes a draft of its own in the same
 * course; the session changed elsewhere is not touched. */
static gboolean
keep_mine_as_new_draft (GlideSessionEditor  *self,
                        GError             **error)
{
  g_autoptr(GlideSession) mine = NULL;
  g_autoptr(GlideSession) reread = NULL;
  g_autofree char *old_key = recovery_key (self);
  Origin *bad = NULL;

  mine = read_form (self, &bad, error);
  g_clear_pointer (&bad, origin_free);
  if (mine == NULL)
    return FALSE;
  mine->id = 0;
  mine->version = 0;
  if (glide_store_save_draft_session (self->store, mine, error) == 0 ||
      !(reread = glide_store_get_session (self->store, mine->id, error)))
    return FALSE;
  g_clear_pointer (&self->stored, glide_session_free);
  self->stored = g_steal_pointer (&reread);
  /* Stored now: the copy kept on this workstation has done its work. */
  glide_store_clear_recovery (self->store, old_key, NULL);
  show_stored (self);
  return TRUE;
}

/* "Reload Theirs": the form shows the session as stored now. The person
 * chose this after seeing, field by field, what of theirs it drops. */
static gboolean
reload_theirs (GlideSessionEditor  *self,
               GError             **error)
{
  g_autoptr(GlideSession) theirs = NULL;
  g_autofree char *key = recovery_key (self);
  g_autofree char *shown = NULL;

  if (self->stored == NULL ||
      !(theirs = glide_store_get_session (self->store, self->stored->id, error)))
    return FALSE;
  self->loading = TRUE;
  clear_form (self);
  shown = start_for_display (theirs->start);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), shown);
  for (guint i = 0; i < self->therapists->len; i++)
    if (((GlideTherapist *) g_ptr_array_index (self->therapists, i))->id == theirs->therapist_id)
      adw_combo_row_set_selected (self->therapist_row, i);
  fill_from_session (self, theirs, TRUE);
  self->loading = FALSE;
  g_clear_pointer (&self->stored, glide_session_free);
  self->stored = g_steal_pointer (&theirs);
  glide_store_clear_recovery (self->store, key, NULL);
  show_stored (self);
  return TRUE;
}

static void
on_stale_response (AdwMessageDialog   *dialog,
                   const char         *response,
                   GlideSessionEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, GLIDE_STALE_RESPONSE_KEEP_MINE))
    {
      if (keep_mine_as_new_draft (self, &error))
        glide_gui_toast (GTK_WIDGET (self), _("Your version was saved as a new draft; theirs is unchanged"));
      else
        glide_gui_show_error (GTK_WIDGET (self), _("The Session Was Not Saved"), error->message);
    }
  else if (g_str_equal (response, GLIDE_STALE_RESPONSE_RELOAD))
    {
      if (reload_theirs (self, &error))
        glide_gui_toast (GTK_WIDGET (self), _("Their version is shown; your changes were discarded"));
      else
        glide_gui_show_error (GTK_WIDGET (self), _("The Session Could Not Be Read"), error->message);
    }
  /* Cancel: the form keeps the typing, and so does the copy this
   * workstation keeps (glide_session_editor_save stored it). */
}

/* Shows what differs between the stored session and the form, and asks
 * what to do; @reason is the store's refusal (who changed it, when). */
static void
ask_about_stale_save (GlideSessionEditor *self,
                      const char         *reason)
{
  g_autoptr(GlideSession) mine = NULL;
  g_autoptr(GlideSession) theirs = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  Origin *bad = NULL;

  mine = read_form (self, &bad, NULL);
  g_clear_pointer (&bad, origin_free);
  if (self->stored != NULL)
    theirs = glide_store_get_session (self->store, self->stored->id, &error);
  if (mine != NULL && theirs != NULL)
    differences = glide_stale_compare_sessions (self->store, theirs, mine);
  else
    differences = g_ptr_array_new ();
  dialog = glide_stale_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), reason,
                                   differences, theirs != NULL);
  adw_message_dialog_set_response_enabled (dialog, GLIDE_STALE_RESPONSE_KEEP_MINE, mine != NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stale_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Who may sign follows the therapist the form names. */
static void
on_therapist_selected (GlideSessionEditor *self)
{
  if (self->loading || self->store == NULL || self->course == NULL)
    return;
  fill_banners (self);
  update_actions (self);
}

/* ---- actions -------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (glide_session_editor_save (self, &error))
    glide_gui_toast (widget, _("Draft saved"));
  else if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE))
    ask_about_stale_save (self, error->message);
  else if (!g_error_matches (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID))
    glide_gui_show_error (widget, _("The Session Was Not Saved"), error->message);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  gint64 actor = glide_store_get_actor (self->store);

  if (actor == 0)
    {
      glide_gui_show_error (widget, _("Who Is Signing?"),
                            _("Choose the therapist who documents at this workstation in "
                              "Preferences first."));
      return;
    }
  /* Only a valid, stored session can be signed. */
  if ((self->dirty || self->stored == NULL) && !glide_session_editor_save (self, &error))
    {
      if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_STALE))
        ask_about_stale_save (self, error->message);
      else if (!g_error_matches (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID))
        glide_gui_show_error (widget, _("The Session Was Not Saved"), error->message);
      return;
    }

  {
    g_autofree char *summary = describe_for_signing (self, self->stored);

    /* Translators: %s is the signer, then the summary of what is signed */
    body = g_strdup_printf (_("You sign as %s. A signed session cannot be changed; later "
                              "corrections are added as dated addenda.\n\n%s"),
                            therapist_name (self, actor), summary);
  }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Sign This Session?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign", _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_discard_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     GlideSessionEditor *self)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "discard"))
    return;
  key = recovery_key (self);
  if (!glide_store_clear_recovery (self->store, key, &error))
    {
      glide_gui_show_error (GTK_WIDGET (self), _("Nothing Was Discarded"), error->message);
      return;
    }
  glide_gui_toast (GTK_WIDGET (self), self->stored ? _("Recovered changes discarded") :
                                                   _("Recovered session discarded"));
  /* Nothing is left to store, so closing leaves a stored draft as it was. */
  self->recovered = FALSE;
  self->dirty = FALSE;
  glide_session_editor_close (self);
}

/* Throws away recovered typing that the therapist does not want, after
 * asking: the only way to lose what was typed. */
static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  GtkWidget *dialog;

  if (!self->recovered)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   self->stored ? _("Discard the Recovered Changes?") :
                                                  _("Discard the Recovered Session?"),
                                   self->recovered_here ?
                                   (self->stored ? _("What was typed is lost; the stored draft stays as it was.") :
                                                   _("What was typed is lost.")) :
                                   self->stored ? _("What was typed before Glide closed is lost; the stored draft stays as it was.") :
                                                  _("What was typed before Glide closed is lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  glide_session_editor_close (GLIDE_SESSION_EDITOR (widget));
}

static void
add_rom_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  MeasureRow *m = add_rom_row (self);

  mark_dirty (self);
  gtk_widget_grab_focus (GTK_WIDGET (m->measure));
}

static void
add_exercise_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  GlideExerciseRow *row = add_exercise_row (self);

  mark_dirty (self);
  glide_exercise_row_focus (row);
}

static void
next_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  glide_session_editor_focus_next_unassessed (GLIDE_SESSION_EDITOR (widget));
}

static void
add_addendum_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (widget);
  GlideFormDialog *dialog;

  dialog = glide_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Addendum"),
                                  _("_Add"), save_addendum, self, NULL);
  glide_form_dialog_set_intro (dialog, _("The addendum is dated and signed with your name. "
                                         "The session itself stays as signed."));
  glide_form_dialog_add_text (dialog, "text", _("_Addendum"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- overrides ------------------------------------------------------------------------ */

static void
glide_session_editor_dispose (GObject *object)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  /* A window that went away has disposed its clock and its handlers. */
  if (self->reveal_clock != NULL &&
      g_signal_handler_is_connected (self->reveal_clock, self->reveal_handler))
    g_signal_handler_disconnect (self->reveal_clock, self->reveal_handler);
  self->reveal_handler = 0;
  g_clear_object (&self->reveal_clock);
  g_clear_weak_pointer (&self->reveal_widget);
  g_clear_weak_pointer (&self->reveal_message);
  if (self->field_error != NULL)
    hide_field_error (self);
  g_clear_object (&self->field_error);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_SESSION_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glide_session_editor_parent_class)->dispose (object);
}

static void
glide_session_editor_finalize (GObject *object)
{
  GlideSessionEditor *self = GLIDE_SESSION_EDITOR (object);

  g_clear_pointer (&self->course, glide_course_free);
  g_clear_pointer (&self->patient, glide_patient_free);
  g_clear_pointer (&self->screening, g_ptr_array_unref);
  g_clear_pointer (&self->therapists, g_ptr_array_unref);
  g_clear_pointer (&self->instruments, g_ptr_array_unref);
  g_clear_pointer (&self->therapist_labels, g_hash_table_unref);
  g_clear_pointer (&self->stored, glide_session_free);
  g_clear_pointer (&self->rom_measures, g_array_unref);
  g_clear_pointer (&self->function_measures, g_array_unref);
  g_clear_pointer (&self->rom_rows, g_ptr_array_unref);
  g_clear_pointer (&self->addendum_rows, g_ptr_array_unref);
  g_clear_pointer (&self->care, glide_care_settings_free);
  g_clear_pointer (&self->exercise_names, g_strfreev);
  g_free (self->signature);
  g_free (self->copied_from);
  g_free (self->error_text);

  G_OBJECT_CLASS (glide_session_editor_parent_class)->finalize (object);
}

static void
glide_session_editor_class_init (GlideSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  glide_application_ensure_resources ();
  g_type_ensure (GLIDE_TYPE_BODY_MAP);
  g_type_ensure (GLIDE_TYPE_AREA_LIST);
  g_type_ensure (GLIDE_TYPE_ENTRY_ROW);

  object_class->dispose = glide_session_editor_dispose;
  object_class->finalize = glide_session_editor_finalize;

  /**
   * GlideSessionEditor::closed:
   *
   * The user left the editor; what was typed is stored.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, title_widget);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, sign_button);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, addendum_button);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, banners);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, columns);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, form);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, followup_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, reaction_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, reaction_note_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, exercises_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, exercises_list);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, body_map);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, area_list);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, details_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, therapist_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, emollient_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, reason_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, treatments_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, treatments_list);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, outcomes_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, outcomes_list);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, GlideSessionEditor, addenda_group);
  gtk_widget_class_bind_template_callback (widget_class, on_area_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "editor.add-rom", NULL, add_rom_action);
  gtk_widget_class_install_action (widget_class, "editor.add-exercise", NULL, add_exercise_action);
  gtk_widget_class_install_action (widget_class, "editor.add-addendum", NULL, add_addendum_action);
  gtk_widget_class_install_action (widget_class, "editor.next-field", NULL, next_field_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "editor.next-field", NULL);
}

static void
glide_session_editor_init (GlideSessionEditor *self)
{
  g_autoptr(GtkStringList) functions = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The map beside the form while both fit, above it in a narrow window:
   * the form is never cut off on the right. */
  gtk_widget_set_layout_manager (self->columns, glide_wrap_layout_new (18, 18, FALSE));
  /* GTK 4.8's viewport does not always bring a focused box into view
   * (Tab into the function scale's boxes stayed below the fold). */
  glide_accessible_scroll_to_focus (self->scrolled);

  self->autosave_interval = GLIDE_AUTOSAVE_SECONDS;
  self->field_error = g_object_ref_sink (GTK_LABEL (gtk_label_new (NULL)));
  gtk_label_set_wrap (self->field_error, TRUE);
  gtk_label_set_xalign (self->field_error, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->field_error), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->field_error), "error");
  self->therapist_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rom_rows = g_ptr_array_new_with_free_func (g_free);
  self->addendum_rows = g_ptr_array_new ();
  self->rom_measures = g_array_new (FALSE, FALSE, sizeof (GlideMeasure));
  self->function_measures = g_array_new (FALSE, FALSE, sizeof (GlideMeasure));
  gtk_string_list_append (functions, _("No function scale"));
  for (GlideMeasure m = 0; m < GLIDE_N_MEASURES; m++)
    {
      if (glide_measure_get_kind (m) == GLIDE_MEASURE_KIND_ROM)
        g_array_append_val (self->rom_measures, m);
      else if (glide_measure_get_kind (m) == GLIDE_MEASURE_KIND_FUNCTION)
        {
          g_array_append_val (self->function_measures, m);
          gtk_string_list_append (functions, glide_code_list_label (GLIDE_CODE_LIST_MEASURE, m));
        }
    }

  build_measure_row (self, &self->pain, _("Pain (0–10)"), NULL, FALSE);
  gtk_list_box_append (self->outcomes_list, self->pain.row);
  self->function.function = TRUE;
  build_measure_row (self, &self->function, _("Function scale"),
                     G_LIST_MODEL (g_steal_pointer (&functions)), FALSE);
  gtk_list_box_append (self->outcomes_list, self->function.row);

  adw_preferences_group_add (self->notes_group, add_text_area (self, _("_Notes"), &self->note_view));
  adw_preferences_group_add (self->notes_group, add_text_area (self, _("_Home programme"),
                                                               &self->home_view));
  gtk_widget_set_margin_top (gtk_widget_get_parent (GTK_WIDGET (self->home_view)), 0);

  {
    const char *keys[] = { "0", "1", "2", NULL };

    self->reaction = glide_choice_group_new (GLIDE_CODE_LIST_REACTION, keys, TRUE);
    glide_choice_group_set_name (self->reaction, _("Bruising or soreness since the last visit"));
    gtk_widget_set_valign (GTK_WIDGET (self->reaction), GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (self->reaction_row, GTK_WIDGET (self->reaction));
    /* Tab goes to the choice, not to the row. */
    gtk_widget_set_focusable (GTK_WIDGET (self->reaction_row), FALSE);
    g_signal_connect_swapped (self->reaction, "changed", G_CALLBACK (mark_dirty), self);
    g_signal_connect_swapped (self->reaction, "key-picked", G_CALLBACK (on_reaction_key_picked), self);
    g_signal_connect_swapped (self->reaction_note_row, "changed", G_CALLBACK (mark_dirty), self);
  }
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (on_start_changed), self);
  g_signal_connect_swapped (self->emollient_row, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->therapist_row, "notify::selected", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->therapist_row, "notify::selected",
                            G_CALLBACK (on_therapist_selected), self);
}

/* ---- public API ------------------------------------------------------------------------ */

static gboolean
load (GlideSessionEditor  *self,
      gint64               course_id,
      gint64               session_id,
      gint64               copy_from,
      GError             **error)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GlideRecovery) recovery = NULL;
  g_autofree char *key = NULL;
  g_autofree char *start = NULL;
  gint64 therapist_id;

  if (session_id != 0 && !(self->stored = glide_store_get_session (self->store, session_id, error)))
    return FALSE;
  if (self->stored != NULL)
    course_id = self->stored->course_id;
  if (!(self->course = glide_store_get_course (self->store, course_id, error)) ||
      !(self->patient = glide_store_get_patient (self->store, self->course->patient_id, error)) ||
      !(self->screening = glide_store_list_screening (self->store, self->patient->id, error)) ||
      !(self->therapists = glide_store_list_therapists (self->store, FALSE, error)) ||
      !(self->instruments = glide_store_list_instruments (self->store, error)))
    return FALSE;

  /* The session's own therapist stays on offer even if no longer active. */
  /* The clinic's codes and units method; a clinic server that cannot say
   * leaves the defaults, which are also what a new clinic has. */
  self->care = glide_store_get_care_settings (self->store, NULL);
  if (self->care == NULL)
    self->care = glide_care_settings_new_default ();
  self->time_section = glide_time_section_new (self->care);
  gtk_box_insert_child_after (GTK_BOX (self->form), GTK_WIDGET (self->time_section),
                              GTK_WIDGET (self->outcomes_group));
  g_signal_connect_swapped (self->time_section, "changed", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->time_section, "row-activated",
                            G_CALLBACK (on_time_entry_activated), self);
  read_course_history (self);

  therapist_id = self->stored ? self->stored->therapist_id : glide_store_get_actor (self->store);
  if (therapist_id != 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < self->therapists->len; i++)
        listed |= ((GlideTherapist *) g_ptr_array_index (self->therapists, i))->id == therapist_id;
      if (!listed)
        {
          GlideTherapist *t = glide_store_get_therapist (self->store, therapist_id, NULL);

          if (t != NULL)
            g_ptr_array_add (self->therapists, t);
        }
    }
  for (guint i = 0; i < self->therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (self->therapists, i);

      gtk_string_list_append (names, t->name);
    }
  adw_combo_row_set_model (self->therapist_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->therapist_row, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < self->therapists->len; i++)
    if (((GlideTherapist *) g_ptr_array_index (self->therapists, i))->id == therapist_id)
      adw_combo_row_set_selected (self->therapist_row, i);

  self->loading = TRUE;
  start = self->stored ? g_strdup (self->stored->start) : glide_datetime_now ();
  {
    g_autofree char *shown = start_for_display (start);

    /* The time section takes the start as shown (on_start_changed). */
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), shown);
  }

  if (self->stored != NULL)
    fill_from_session (self, self->stored, TRUE);
  else if (copy_from != 0)
    {
      g_autoptr(GlideSession) source = glide_store_get_session (self->store, copy_from, error);

      if (source == NULL)
        {
          self->loading = FALSE;
          return FALSE;
        }
      fill_from_session (self, source, FALSE);
      self->copied = TRUE;
      self->copied_from = g_strdup (source->start);
    }
  set_signature (self);
  if (self->signature == NULL)
    prepare_from_course (self);

  /* What was typed and never became a draft comes back. */
  key = recovery_key (self);
  if (self->signature == NULL && may_write (self) &&
      (recovery = glide_store_get_recovery (self->store, key, NULL)) != NULL)
    {
      g_autoptr(GPtrArray) rows = list_rows (self);

      for (guint i = 0; i < rows->len; i++)
        gtk_list_box_remove (self->treatments_list, g_ptr_array_index (rows, i));
      while (self->rom_rows->len > 0)
        {
          MeasureRow *m = g_ptr_array_index (self->rom_rows, 0);

          gtk_list_box_remove (self->outcomes_list, m->row);
          g_ptr_array_remove_index (self->rom_rows, 0);
        }
      clear_exercises (self);
      restore_state (self, recovery->content);
      self->recovered = TRUE;
      /* Put aside by this run (an editor closed on a form not yet valid):
       * restored, but Glide did not close in between. */
      self->recovered_here = recovery->written_here;
      self->copied = FALSE;
    }
  self->loading = FALSE;
  self->dirty = (self->stored == NULL && copy_from != 0) || self->recovered;

  fill_banners (self);
  fill_addenda (self);
  update_actions (self);
  restart_autosave (self);
  /* Its groups' descriptions and rows, libadwaita's labels included; the
   * rows added later get it where they are made. */
  glide_status_page_narrow_wrapping (GTK_WIDGET (self));
  return TRUE;
}

/**
 * glide_session_editor_new:
 * @course_id: the course of a new session (ignored when @session_id is set)
 * @session_id: the session to open, or 0 for a new one
 * @copy_from: for a new session, a session whose areas and parameters to copy
 *   (never its outcomes), or 0
 *
 * Returns: (transfer floating) (nullable): the editor, or %NULL if the
 *   records could not be read
 */
GlideSessionEditor *
glide_session_editor_new (GlideStore  *store,
                          GSettings   *settings,
                          gint64       course_id,
                          gint64       session_id,
                          gint64       copy_from,
                          GError     **error)
{
  g_autoptr(GlideSessionEditor) self = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_ref_sink (g_object_new (GLIDE_TYPE_SESSION_EDITOR, NULL));
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  if (!load (self, course_id, session_id, copy_from, error))
    return NULL;
  /* Hand back a floating reference, as other widget constructors do. */
  g_object_force_floating (G_OBJECT (self));
  return g_steal_pointer (&self);
}

gint64
glide_session_editor_get_session_id (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), 0);
  return self->stored ? self->stored->id : 0;
}

gboolean
glide_session_editor_is_signed (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  return self->signature != NULL;
}

gboolean
glide_session_editor_is_dirty (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  return self->dirty;
}

/**
 * glide_session_editor_save:
 *
 * Checks the form with core's rules and stores it as a draft in one
 * transaction. If the rules refuse it, the message (naming the field) is
 * shown above the form, the input is marked, what was typed is kept as
 * recovery state, and @error is a GLIDE_RULE_ERROR. If the store fails
 * (locked, read-only, disk full) the form keeps everything for a retry.
 */
gboolean
glide_session_editor_save (GlideSessionEditor  *self,
                           GError             **error)
{
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  Origin *bad = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);

  if (self->signature != NULL)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED, "%s", self->signature);
      return FALSE;
    }
  if (!may_write (self))
    {
      g_autofree char *refusal = describe_signing_refusal (self, FALSE);

      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION, refusal);
      return FALSE;
    }

  clear_marks (self);
  session = read_form (self, &bad, &local_error);
  if (session == NULL)
    {
      show_error (self, bad, local_error->message);
      g_clear_pointer (&bad, origin_free);
      store_recovery (self, NULL);
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID, self->error_text);
      return FALSE;
    }
  if (!store_draft (self, session, &local_error))
    {
      show_error (self, NULL, local_error->message);
      store_recovery (self, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_error (self, NULL, NULL);
  fill_banners (self);
  return TRUE;
}

/**
 * glide_session_editor_autosave:
 *
 * Stores unsaved work: as a draft when the rules accept it, otherwise as
 * recovery state. Quiet: errors show at the next explicit save.
 *
 * Returns: whether nothing typed is left unstored
 */
gboolean
glide_session_editor_autosave (GlideSessionEditor *self)
{
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Origin *bad = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);

  if (!self->dirty || self->signature != NULL || !may_write (self))
    return TRUE;
  /* Quiet: the marks of the last explicit Save stay, nothing is marked,
   * focused, scrolled to or opened. */
  session = read_form (self, &bad, &error);
  g_clear_pointer (&bad, origin_free);
  if (session != NULL && store_draft (self, session, NULL))
    return TRUE;
  g_clear_error (&error);
  if (!store_recovery (self, &error))
    {
      g_warning ("Could not keep the session being typed: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * glide_session_editor_sign:
 *
 * Signs the stored draft as the workstation's therapist (no dialog; the
 * editor.sign action asks first). The editor then becomes read-only.
 */
gboolean
glide_session_editor_sign (GlideSessionEditor  *self,
                           GError             **error)
{
  g_autofree char *now = glide_datetime_now ();
  g_autoptr(GlideSession) reread = NULL;
  gint64 actor;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);

  {
    g_autofree char *refusal = describe_signing_refusal (self, FALSE);

    if (refusal != NULL)
      {
        g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION, refusal);
        return FALSE;
      }
  }
  actor = glide_store_get_actor (self->store);
  if (actor == 0)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("No therapist is chosen for this workstation"));
      return FALSE;
    }
  if ((self->dirty || self->stored == NULL) && !glide_session_editor_save (self, error))
    return FALSE;
  if (!glide_store_sign_session (self->store, self->stored->id, actor, now, error) ||
      !(reread = glide_store_get_session (self->store, self->stored->id, error)))
    return FALSE;

  g_clear_pointer (&self->stored, glide_session_free);
  self->stored = g_steal_pointer (&reread);
  set_signature (self);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  /* The signed record as stored: values as the store keeps them, and
   * nothing marked as copied any more. */
  self->loading = TRUE;
  fill_measures (self, self->stored);
  self->loading = FALSE;
  self->copied = FALSE;
  {
    g_autoptr(GPtrArray) rows = list_rows (self);

    for (guint i = 0; i < rows->len; i++)
      glide_treatment_row_set_copied (g_ptr_array_index (rows, i), FALSE);
  }
  fill_banners (self);
  fill_addenda (self);
  update_actions (self);
  return TRUE;
}

gboolean
glide_session_editor_add_addendum (GlideSessionEditor  *self,
                                   const char          *text,
                                   GError             **error)
{
  g_autoptr(GlideAddendum) addendum = NULL;
  g_autoptr(GlideSession) reread = NULL;
  g_autofree char *now = glide_datetime_now ();
  g_autofree char *field = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);

  if (self->signature == NULL)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("Addenda are for signed sessions; edit the draft instead"));
      return FALSE;
    }
  {
    g_autofree char *refusal = describe_signing_refusal (self, TRUE);

    if (refusal != NULL)
      {
        g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION, refusal);
        return FALSE;
      }
  }
  addendum = glide_addendum_new (glide_store_get_actor (self->store), now, text);
  if (addendum->therapist_id == 0)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_INVALID,
                           _("No therapist is chosen for this workstation"));
      return FALSE;
    }
  if (!glide_rules_validate_addendum (addendum, self->stored->signed_at, &field, error))
    {
      g_prefix_error (error, "%s: ", _("Addendum"));
      return FALSE;
    }
  if (glide_store_add_addendum (self->store, self->stored->id, addendum, error) == 0 ||
      !(reread = glide_store_get_session (self->store, self->stored->id, error)))
    return FALSE;
  g_clear_pointer (&self->stored, glide_session_free);
  self->stored = g_steal_pointer (&reread);
  fill_addenda (self);
  return TRUE;
}

/**
 * glide_session_editor_close:
 *
 * Stores unsaved work (draft or recovery) and emits #GlideSessionEditor::closed.
 */
void
glide_session_editor_close (GlideSessionEditor *self)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  glide_session_editor_autosave (self);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_signal_emit (self, signals[CLOSED], 0);
}

/**
 * glide_session_editor_focus_area_search:
 *
 * The keyboard way to the next area: the area list's search.
 */
void
glide_session_editor_focus_area_search (GlideSessionEditor *self)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  glide_area_list_focus_search (self->area_list);
}

/**
 * glide_session_editor_focus_first:
 *
 * Where the keyboard starts: a session without areas in the area search (an
 * area is typed straight away), one with areas at its first field still to
 * assess, a signed one on the body map.
 */
void
glide_session_editor_focus_first (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  rows = list_rows (self);
  if (self->signature != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->body_map));
  else if (rows->len == 0)
    glide_area_list_focus_search (self->area_list);
  else
    focus_next_unassessed (self, NULL);
}

/**
 * glide_session_editor_focus_next_unassessed:
 *
 * What F8 does: the next skin response or value still to enter, or Sign.
 *
 * Returns: whether a field still to assess was found
 */
gboolean
glide_session_editor_focus_next_unassessed (GlideSessionEditor *self)
{
  GtkRoot *root;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return focus_next_unassessed (self, root ? gtk_root_get_focus (root) : NULL);
}

void
glide_session_editor_set_autosave_interval (GlideSessionEditor *self,
                                            guint               seconds)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  self->autosave_interval = seconds;
  restart_autosave (self);
}

const char *
glide_session_editor_get_error (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  return self->error_text;
}

const char *
glide_session_editor_get_signature (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  return self->signature;
}

gboolean
glide_session_editor_was_recovered (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  return self->recovered && !self->recovered_here;
}

GlideTreatmentRow *
glide_session_editor_get_treatment_row (GlideSessionEditor *self,
                                        guint               index)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  rows = list_rows (self);
  return index < rows->len ? g_ptr_array_index (rows, index) : NULL;
}

guint
glide_session_editor_get_n_treatments (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), 0);
  rows = list_rows (self);
  return rows->len;
}

void
glide_session_editor_set_pain (GlideSessionEditor *self,
                               const char         *before,
                               const char         *after)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->pain.pre), before);
  gtk_editable_set_text (GTK_EDITABLE (self->pain.post), after);
}

char *
glide_session_editor_get_pain_text (GlideSessionEditor *self,
                                    GlideTiming         timing)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (timing == GLIDE_TIMING_PRE ?
                                                        self->pain.pre : self->pain.post)));
}

void
glide_session_editor_add_rom (GlideSessionEditor *self,
                              GlideMeasure        measure,
                              GlideSide           side,
                              const char         *before,
                              const char         *after)
{
  MeasureRow *m;
  int index;

  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  index = find_index (self->rom_measures, measure);
  g_return_if_fail (index >= 0);

  m = add_rom_row (self);
  gtk_drop_down_set_selected (m->measure, index);
  gtk_drop_down_set_selected (m->side, side);
  gtk_editable_set_text (GTK_EDITABLE (m->pre), before);
  gtk_editable_set_text (GTK_EDITABLE (m->post), after);
  mark_dirty (self);
}

guint
glide_session_editor_get_n_rom (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), 0);
  return self->rom_rows->len;
}

void
glide_session_editor_set_reason (GlideSessionEditor *self,
                                 const char         *reason)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason);
}

void
glide_session_editor_set_note (GlideSessionEditor *self,
                               const char         *note)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
}

/**
 * glide_session_editor_is_editable:
 *
 * Returns: whether the form takes input (FALSE once signed)
 */
gboolean
glide_session_editor_is_editable (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->treatments_group)) &&
         gtk_widget_get_sensitive (GTK_WIDGET (self->outcomes_group)) &&
         gtk_widget_is_sensitive (GTK_WIDGET (self->body_map));
}

/**
 * glide_session_editor_reload_therapists:
 *
 * Reads the therapists again, after one was added in Preferences or this
 * workstation's therapist was chosen: the drop-down offers every active
 * therapist and keeps its choice; with none made yet, it takes the
 * workstation's therapist. Not a change the user typed: the form stays as
 * clean or dirty as it was. A signed session's therapist never changes.
 */
void
glide_session_editor_reload_therapists (GlideSessionEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) therapists = NULL;
  GlideTherapist *selected;
  gint64 keep_id;
  gboolean loading;

  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));

  if (self->signature != NULL ||
      (therapists = glide_store_list_therapists (self->store, FALSE, NULL)) == NULL)
    return;
  selected = selected_therapist (self);
  keep_id = selected ? selected->id : glide_store_get_actor (self->store);

  /* The chosen therapist stays on offer even if no longer active. */
  if (keep_id != 0)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < therapists->len; i++)
        listed |= ((GlideTherapist *) g_ptr_array_index (therapists, i))->id == keep_id;
      if (!listed)
        {
          GlideTherapist *t = glide_store_get_therapist (self->store, keep_id, NULL);

          if (t != NULL)
            g_ptr_array_add (therapists, t);
        }
    }

  loading = self->loading;
  self->loading = TRUE;
  g_clear_pointer (&self->therapists, g_ptr_array_unref);
  self->therapists = g_steal_pointer (&therapists);
  for (guint i = 0; i < self->therapists->len; i++)
    gtk_string_list_append (names, ((GlideTherapist *) g_ptr_array_index (self->therapists, i))->name);
  adw_combo_row_set_model (self->therapist_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->therapist_row, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < self->therapists->len; i++)
    if (((GlideTherapist *) g_ptr_array_index (self->therapists, i))->id == keep_id)
      adw_combo_row_set_selected (self->therapist_row, i);
  self->loading = loading;
}

/* ---- time, exercises and the follow-up, as a user types them (tests, benchmarks) ---- */

void
glide_session_editor_set_time (GlideSessionEditor *self,
                               const char         *end,
                               const char         *total_minutes)
{
  char *label = NULL;

  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  if (end != NULL)
    gtk_editable_set_text (GTK_EDITABLE (glide_time_section_get_field (self->time_section, "end", &label)),
                           end);
  g_clear_pointer (&label, g_free);
  if (total_minutes != NULL)
    gtk_editable_set_text (GTK_EDITABLE (glide_time_section_get_field (self->time_section,
                                                                       "total_minutes", &label)),
                           total_minutes);
  g_free (label);
}

void
glide_session_editor_set_billed_minutes (GlideSessionEditor *self,
                                         const char         *code,
                                         const char         *minutes)
{
  GtkWidget *row;

  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  row = glide_time_section_get_code_row (self->time_section, code);
  g_return_if_fail (row != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), minutes);
}

/* Returns: (nullable): the minutes of @code as shown, or %NULL without its row */
char *
glide_session_editor_get_billed_minutes (GlideSessionEditor *self,
                                         const char         *code)
{
  GtkWidget *row;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  row = glide_time_section_get_code_row (self->time_section, code);
  return row ? g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))) : NULL;
}

/* What the units row shows, in one line, or %NULL without timed minutes. */
/* The start as the form holds it ("2026-11-21 09:30"). */
const char *
glide_session_editor_get_start_text (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->start_row));
}

const char *
glide_session_editor_get_units_text (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), NULL);
  return glide_time_section_get_units_text (self->time_section);
}

void
glide_session_editor_add_exercise (GlideSessionEditor  *self,
                                   const GlideExercise *exercise)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  glide_exercise_row_set_values (add_exercise_row (self), exercise);
  mark_dirty (self);
}

guint
glide_session_editor_get_n_exercises (GlideSessionEditor *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), 0);
  rows = list_exercise_rows (self);
  return rows->len;
}

/* Whether the form asks for the follow-up of the last visit. */
gboolean
glide_session_editor_asks_follow_up (GlideSessionEditor *self)
{
  g_return_val_if_fail (GLIDE_IS_SESSION_EDITOR (self), FALSE);
  return gtk_widget_get_visible (self->followup_group);
}

/**
 * glide_session_editor_set_follow_up:
 * @reaction: a #GlideReaction, or %GLIDE_CHOICE_NONE
 */
void
glide_session_editor_set_follow_up (GlideSessionEditor *self,
                                    int                 reaction,
                                    const char         *note)
{
  g_return_if_fail (GLIDE_IS_SESSION_EDITOR (self));
  glide_choice_group_set_selected (self->reaction, reaction);
  gtk_editable_set_text (GTK_EDITABLE (self->reaction_note_row), note ? note : "");
}
