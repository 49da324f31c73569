/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-treatment-row.c: a treated area in the session editor. Its fields
 * are laid out as many to a line as fit, so the row is short on a wide
 * screen and never cut off in a narrow window; every control is labelled
 * with its field and the area for screen readers. */

#define G_LOG_DOMAIN "glide-treatment-row"

#include "config.h"

#include "glide-treatment-row.h"

#include "glide-accessible.h"
#include "glide-choice-group.h"
#include "glide-wrap-layout.h"

#include "glide-rules.h"
#include "glide-text.h"

#include <glib/gi18n.h>

struct _GlideTreatmentRow
{
  GtkListBoxRow   parent_instance;

  GlideSite       site;
  GlideSide       side;
  char           *area_id;
  char           *area_label;
  GArray         *instrument_ids;  /* gint64; index 0 is "none" */
  gboolean        copied;
  gint64          timer_start;     /* monotonic µs, 0: stopped */
  double          shown_duration;  /* the value the duration's text last showed */
  guint           timer_source;

  GtkWidget      *copied_badge;
  GlideChoiceGroup *stroke;
  GtkSpinButton  *duration;
  GtkToggleButton *timer;
  GtkLabel       *duration_warning;
  GtkLabel       *error_label;     /* why an explicit Save refused the row */
  GlideChoiceGroup *edge;
  GtkDropDown    *tool;
  GtkDropDown    *technique;
  GlideChoiceGroup *pressure;
  GlideChoiceGroup *redness;
  GtkCheckButton *petechiae;
  GtkEntry       *note;
};

G_DEFINE_FINAL_TYPE (GlideTreatmentRow, glide_treatment_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE_REQUESTED,
  ASSESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------ */

static void
label_control (GlideTreatmentRow *self,
               GtkWidget         *control,
               const char        *field)
{
  /* Translators: accessible name of a control: field, then the body area */
  g_autofree char *label = g_strdup_printf (_("%s, %s"), field, self->area_label);

  if (GLIDE_IS_CHOICE_GROUP (control))
    glide_choice_group_set_name (GLIDE_CHOICE_GROUP (control), label);
  else if (GTK_IS_DROP_DOWN (control))
    glide_accessible_name_drop_down (GTK_DROP_DOWN (control), label);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The fields, as many to a line as fit, appended to @box. */
static GtkWidget *
add_fields (GtkBox *box)
{
  GtkWidget *fields = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_layout_manager (fields, glide_wrap_layout_new (18, 8, TRUE));
  gtk_box_append (box, fields);
  return fields;
}

static GtkWidget *
add_field (GlideTreatmentRow *self,
           GtkWidget         *fields,
           const char        *caption,
           GtkWidget         *control,
           GtkWidget         *extra)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (line), control);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (line), extra);
  gtk_box_append (GTK_BOX (box), line);
  label_control (self, control, caption);
  gtk_box_append (GTK_BOX (fields), box);
  return control;
}

static GtkDropDown *
make_drop_down (GlideCodeList  list,
                const char    *unset_label)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  if (unset_label != NULL)
    gtk_string_list_append (model, unset_label);
  for (guint i = 0; i < glide_code_list_size (list); i++)
    gtk_string_list_append (model, glide_code_list_label (list, i));
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL));
}

/* The short code lists: every choice on screen, one key each. */
static GlideChoiceGroup *
make_choices (GlideCodeList list,
              gboolean      optional)
{
  static const char *const stroke[] = { "s", "o", NULL };
  static const char *const digits[] = { "0", "1", "2", "3", "4", NULL };
  static const char *const from_one[] = { "1", "2", "3", NULL };

  if (list == GLIDE_CODE_LIST_STROKE)
    return glide_choice_group_new (list, stroke, optional);
  if (list == GLIDE_CODE_LIST_REDNESS)
    return glide_choice_group_new (list, digits, optional);
  return glide_choice_group_new (list, from_one, optional);
}

static void
set_optional (GtkDropDown *drop_down,
              int          value)
{
  gtk_drop_down_set_selected (drop_down, value < 0 ? 0 : (guint) value + 1);
}

static int
get_optional (GtkDropDown *drop_down)
{
  return (int) gtk_drop_down_get_selected (drop_down) - 1;
}

/* A spin button steps its value on every wheel notch over it, so scrolling
 * the long form changed durations (60 -> 65) unseen. Its scroll handling is
 * switched off: the wheel goes on to the form's scrolled window. */
static void
ignore_wheel (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_NONE);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ignore_wheel (child);
}

/* The duration as typed. The spin button keeps text outside its range as
 * typed (it would otherwise turn 0 into 1 and 99999 into 3600 unseen), so
 * the text, not the spin button's value, is what the user means; core's
 * rule then refuses it by name. */
static gboolean
read_duration (GlideTreatmentRow *self,
               gint64            *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->duration))));

  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

static void
update_warning (GlideTreatmentRow *self)
{
  gint64 value = 0;

  if (!read_duration (self, &value))
    value = gtk_spin_button_get_value_as_int (self->duration);
  gtk_widget_set_visible (GTK_WIDGET (self->duration_warning),
                          glide_rules_duration_is_unusual (value));
}

/* Sets the duration from the program (a stored value, the timer), text too. */
static void
show_duration (GlideTreatmentRow *self,
               double             seconds)
{
  self->shown_duration = -1;
  gtk_spin_button_set_value (self->duration, seconds);
}

/* ---- callbacks ------------------------------------------------------------------ */

/* The spin button rewrites its text from its value when text it refuses is
 * left (GTK_UPDATE_IF_VALID); a typed duration out of range stays as typed
 * while the value is unchanged, for Save to refuse by name. */
static gboolean
on_duration_output (GlideTreatmentRow *self)
{
  double value = gtk_spin_button_get_value (self->duration);
  gint64 typed;

  if (value == self->shown_duration && read_duration (self, &typed) &&
      (typed < GLIDE_DURATION_MIN || typed > GLIDE_DURATION_MAX))
    return TRUE;
  self->shown_duration = value;
  return FALSE;
}

static void
on_changed (GlideTreatmentRow *self)
{
  update_warning (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A key assessed the skin: the next field to assess may follow. */
static void
on_redness_key_picked (GlideTreatmentRow *self,
                       int                before)
{
  if (before == GLIDE_CHOICE_NONE)
    g_signal_emit (self, signals[ASSESSED], 0);
}

static gboolean
on_timer_tick (gpointer user_data)
{
  GlideTreatmentRow *self = user_data;
  gint64 elapsed = (g_get_monotonic_time () - self->timer_start) / G_USEC_PER_SEC;

  show_duration (self, CLAMP (elapsed, GLIDE_DURATION_MIN, GLIDE_DURATION_MAX));
  return G_SOURCE_CONTINUE;
}

static void
on_timer_toggled (GlideTreatmentRow *self)
{
  if (gtk_toggle_button_get_active (self->timer))
    {
      self->timer_start = g_get_monotonic_time ();
      show_duration (self, GLIDE_DURATION_MIN);
      self->timer_source = g_timeout_add_seconds (1, on_timer_tick, self);
      gtk_button_set_icon_name (GTK_BUTTON (self->timer), "media-playback-stop-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer), _("Stop the timer"));
    }
  else
    {
      if (self->timer_source != 0)
        on_timer_tick (self);
      g_clear_handle_id (&self->timer_source, g_source_remove);
      self->timer_start = 0;
      gtk_button_set_icon_name (GTK_BUTTON (self->timer), "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer), _("Time this area: start, then stop when done"));
    }
}

static void
on_remove_clicked (GlideTreatmentRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/* ---- overrides ------------------------------------------------------------------ */

static void
glide_treatment_row_dispose (GObject *object)
{
  GlideTreatmentRow *self = GLIDE_TREATMENT_ROW (object);

  g_clear_handle_id (&self->timer_source, g_source_remove);

  G_OBJECT_CLASS (glide_treatment_row_parent_class)->dispose (object);
}

static void
glide_treatment_row_finalize (GObject *object)
{
  GlideTreatmentRow *self = GLIDE_TREATMENT_ROW (object);

  g_free (self->area_id);
  g_free (self->area_label);
  g_clear_pointer (&self->instrument_ids, g_array_unref);

  G_OBJECT_CLASS (glide_treatment_row_parent_class)->finalize (object);
}

static void
glide_treatment_row_class_init (GlideTreatmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glide_treatment_row_dispose;
  object_class->finalize = glide_treatment_row_finalize;

  /**
   * GlideTreatmentRow::changed:
   *
   * A value of the row changed (the editor then has unsaved work).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GlideTreatmentRow::remove-requested:
   *
   * The user asked to remove the area from the session.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /**
   * GlideTreatmentRow::assessed:
   *
   * The redness still to assess was picked with its key (0–4): the editor
   * moves on to the next field to assess.
   */
  signals[ASSESSED] = g_signal_new ("assessed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
glide_treatment_row_init (GlideTreatmentRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
build (GlideTreatmentRow *self,
       GPtrArray         *instruments)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (self->area_label);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *fields;
  g_autoptr(GtkStringList) tools = gtk_string_list_new (NULL);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), self->area_label);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);

  self->copied_badge = gtk_label_new (_("Copied"));
  gtk_widget_add_css_class (self->copied_badge, "badge");
  gtk_widget_add_css_class (self->copied_badge, "accent");
  gtk_widget_set_tooltip_text (self->copied_badge,
                               _("Parameters copied from the last session; outcomes are entered fresh"));
  gtk_widget_set_visible (self->copied_badge, FALSE);
  gtk_box_append (GTK_BOX (header), self->copied_badge);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (box), header);


  self->stroke = make_choices (GLIDE_CODE_LIST_STROKE, FALSE);
  fields = add_fields (GTK_BOX (box));
  add_field (self, fields, _("Stroke"), GTK_WIDGET (self->stroke), NULL);

  self->duration = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (GLIDE_DURATION_MIN,
                                                                    GLIDE_DURATION_MAX, 5));
  gtk_spin_button_set_numeric (self->duration, TRUE);
  gtk_spin_button_set_digits (self->duration, 0);
  gtk_spin_button_set_update_policy (self->duration, GTK_UPDATE_IF_VALID);
  self->shown_duration = -1;
  g_signal_connect_swapped (self->duration, "output", G_CALLBACK (on_duration_output), self);
  ignore_wheel (GTK_WIDGET (self->duration));
  self->timer = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->timer), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->timer), _("Time this area: start, then stop when done"));
  label_control (self, GTK_WIDGET (self->timer), _("Duration timer"));
  g_signal_connect_swapped (self->timer, "toggled", G_CALLBACK (on_timer_toggled), self);
  add_field (self, fields, _("Duration (s)"), GTK_WIDGET (self->duration), GTK_WIDGET (self->timer));

  self->edge = make_choices (GLIDE_CODE_LIST_EDGE, FALSE);
  add_field (self, fields, _("Edge"), GTK_WIDGET (self->edge), NULL);
  self->pressure = make_choices (GLIDE_CODE_LIST_PRESSURE, TRUE);
  add_field (self, fields, _("Pressure"), GTK_WIDGET (self->pressure), NULL);

  self->instrument_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (tools, _("Not recorded"));
  g_array_append_val (self->instrument_ids, (gint64) { 0 });
  for (guint i = 0; instruments != NULL && i < instruments->len; i++)
    {
      GlideInstrument *instrument = g_ptr_array_index (instruments, i);

      gtk_string_list_append (tools, instrument->name);
      g_array_append_val (self->instrument_ids, instrument->id);
    }
  self->tool = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&tools)), NULL));
  add_field (self, fields, _("Tool"), GTK_WIDGET (self->tool), NULL);
  self->technique = make_drop_down (GLIDE_CODE_LIST_TECHNIQUE, _("Not recorded"));
  add_field (self, fields, _("Technique"), GTK_WIDGET (self->technique), NULL);

  self->redness = make_choices (GLIDE_CODE_LIST_REDNESS, TRUE);
  add_field (self, fields, _("Redness"), GTK_WIDGET (self->redness), NULL);
  self->petechiae = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Petechiae")));
  add_field (self, fields, _("Skin"), GTK_WIDGET (self->petechiae), NULL);
  label_control (self, GTK_WIDGET (self->petechiae), _("Petechiae"));

  self->note = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->note, _("Note on this area"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->note), TRUE);
  label_control (self, GTK_WIDGET (self->note), _("Note"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->duration_warning = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->duration_warning, 0);
  gtk_label_set_wrap (self->duration_warning, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->duration_warning), "warning");
  gtk_label_set_text (self->duration_warning,
                      _("Over 180 seconds on one area: the usual is 30 to 120 s. Saving is still possible."));
  gtk_widget_set_visible (GTK_WIDGET (self->duration_warning), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->duration_warning));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->area_label, -1);

  g_signal_connect_swapped (self->stroke, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->duration, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->duration, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->edge, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->tool, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->technique, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->pressure, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->redness, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->redness, "key-picked", G_CALLBACK (on_redness_key_picked), self);
  g_signal_connect_swapped (self->petechiae, "toggled", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->note, "changed", G_CALLBACK (on_changed), self);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * glide_treatment_row_new:
 * @instruments: (element-type GlideInstrument): the clinic's tools
 */
GlideTreatmentRow *
glide_treatment_row_new (GlideSite  site,
                         GlideSide  side,
                         GPtrArray *instruments)
{
  GlideTreatmentRow *self = g_object_new (GLIDE_TYPE_TREATMENT_ROW, NULL);

  self->site = site;
  self->side = side;
  self->area_id = glide_area_get_id (site, side);
  self->area_label = glide_area_get_label (site, side);
  build (self, instruments);
  return self;
}

GlideSite
glide_treatment_row_get_site (GlideTreatmentRow *self)
{
  return self->site;
}

GlideSide
glide_treatment_row_get_side (GlideTreatmentRow *self)
{
  return self->side;
}

const char *
glide_treatment_row_get_area_id (GlideTreatmentRow *self)
{
  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), NULL);
  return self->area_id;
}

/**
 * glide_treatment_row_set_values:
 * @with_outcomes: also set the skin response and the note; FALSE when the
 *   values are copied from an earlier session (outcomes are never copied)
 */
void
glide_treatment_row_set_values (GlideTreatmentRow    *self,
                                const GlideTreatment *treatment,
                                gboolean              with_outcomes)
{
  g_return_if_fail (GLIDE_IS_TREATMENT_ROW (self));

  glide_choice_group_set_selected (self->stroke, treatment->stroke);
  show_duration (self, (double) treatment->duration_s);
  glide_choice_group_set_selected (self->edge, treatment->edge);
  gtk_drop_down_set_selected (self->tool, 0);
  for (guint i = 1; i < self->instrument_ids->len; i++)
    if (g_array_index (self->instrument_ids, gint64, i) == treatment->instrument_id)
      gtk_drop_down_set_selected (self->tool, i);
  set_optional (self->technique, treatment->technique);
  glide_choice_group_set_selected (self->pressure, treatment->pressure);
  if (with_outcomes)
    {
      glide_choice_group_set_selected (self->redness, treatment->redness);
      gtk_check_button_set_active (self->petechiae, treatment->petechiae);
      gtk_editable_set_text (GTK_EDITABLE (self->note), treatment->note ? treatment->note : "");
    }
  update_warning (self);
}

/**
 * glide_treatment_row_get_values:
 *
 * Returns: (transfer full) (nullable): the treatment, or %NULL when the skin
 *   response is not assessed yet (@field: "redness")
 */
GlideTreatment *
glide_treatment_row_get_values (GlideTreatmentRow  *self,
                                char              **field,
                                GError            **error)
{
  g_autoptr(GlideTreatment) treatment = glide_treatment_new (self->site, self->side);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note));

  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), NULL);

  treatment->stroke = glide_choice_group_get_selected (self->stroke);
  if (!read_duration (self, &treatment->duration_s))
    {
      g_autofree char *typed = glide_text_escape_controls (gtk_editable_get_text (GTK_EDITABLE (self->duration)));

      *field = g_strdup ("duration_s");
      if (*g_strstrip (typed) == '\0')
        g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                             _("Duration is required, in whole seconds"));
      else
        g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                     _("Duration must be a whole number of seconds, got “%s”"), typed);
      return NULL;
    }
  treatment->edge = glide_choice_group_get_selected (self->edge);
  treatment->instrument_id = g_array_index (self->instrument_ids, gint64,
                                            gtk_drop_down_get_selected (self->tool));
  treatment->technique = get_optional (self->technique);
  treatment->pressure = glide_choice_group_get_selected (self->pressure);
  treatment->petechiae = gtk_check_button_get_active (self->petechiae);
  g_free (treatment->note);
  treatment->note = *note ? g_strdup (note) : NULL;
  if (glide_choice_group_get_selected (self->redness) == GLIDE_CHOICE_NONE)
    {
      *field = g_strdup ("redness");
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("Redness is required: record the skin’s response after treatment"));
      return NULL;
    }
  treatment->redness = glide_choice_group_get_selected (self->redness);
  return g_steal_pointer (&treatment);
}

void
glide_treatment_row_set_copied (GlideTreatmentRow *self,
                                gboolean           copied)
{
  g_return_if_fail (GLIDE_IS_TREATMENT_ROW (self));
  self->copied = copied;
  gtk_widget_set_visible (self->copied_badge, copied);
}

gboolean
glide_treatment_row_get_copied (GlideTreatmentRow *self)
{
  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), FALSE);
  return self->copied;
}

void
glide_treatment_row_set_redness (GlideTreatmentRow *self,
                                 int                redness)
{
  g_return_if_fail (GLIDE_IS_TREATMENT_ROW (self));
  glide_choice_group_set_selected (self->redness, redness);
}

int
glide_treatment_row_get_redness (GlideTreatmentRow *self)
{
  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), -1);
  return glide_choice_group_get_selected (self->redness);
}

void
glide_treatment_row_set_duration (GlideTreatmentRow *self,
                                  gint64             seconds)
{
  g_return_if_fail (GLIDE_IS_TREATMENT_ROW (self));
  show_duration (self, (double) seconds);
}

/**
 * glide_treatment_row_get_field_label:
 * @field: a key of the treatment ("duration_s", "redness")
 *
 * Returns: (nullable): what the row calls the field ("Duration (s)"), or
 *   %NULL for a key it does not show
 */
const char *
glide_treatment_row_get_field_label (GlideTreatmentRow *self,
                                     const char        *field)
{
  static const struct { const char *key; const char *label; } fields[] = {
    { "stroke", N_("Stroke") }, { "duration_s", N_("Duration (s)") }, { "edge", N_("Edge") },
    { "instrument_id", N_("Tool") }, { "technique", N_("Technique") },
    { "pressure", N_("Pressure") }, { "redness", N_("Redness") }, { "note", N_("Note") },
  };

  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), NULL);
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].key))
      return _(fields[i].label);
  return NULL;
}

/**
 * glide_treatment_row_mark_error:
 * @field: (nullable): a key of the treatment ("duration_s", "redness"), or
 *   %NULL to clear the mark
 * @message: (nullable): what is wrong, shown in the row under its controls
 *
 * Marks the field and shows the message; moves no focus (the editor does,
 * on an explicit Save only).
 *
 * Returns: (transfer none) (nullable): the marked control, or %NULL when
 *   the row has no control for @field
 */
GtkWidget *
glide_treatment_row_mark_error (GlideTreatmentRow *self,
                                const char        *field,
                                const char        *message)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->stroke), GTK_WIDGET (self->duration), GTK_WIDGET (self->edge),
    GTK_WIDGET (self->tool), GTK_WIDGET (self->technique), GTK_WIDGET (self->pressure),
    GTK_WIDGET (self->redness), GTK_WIDGET (self->note),
  };
  static const char *const keys[] = {
    "stroke", "duration_s", "edge", "tool", "technique", "pressure", "redness", "note",
  };

  GtkWidget *marked = NULL;

  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      gtk_widget_remove_css_class (widgets[i], "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widgets[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      if (field != NULL && g_str_equal (field, keys[i]))
        {
          gtk_widget_add_css_class (widgets[i], "error");
          marked = widgets[i];
        }
    }
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (marked != NULL && message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (marked), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    message, -1);
  return marked;
}

/**
 * glide_treatment_row_save_state:
 *
 * Returns: (transfer floating): everything the row shows, as typed
 */
GVariant *
glide_treatment_row_save_state (GlideTreatmentRow *self)
{
  gint64 duration;

  if (!read_duration (self, &duration))
    duration = gtk_spin_button_get_value_as_int (self->duration);
  return g_variant_new ("(suxuuuuubsb)", self->area_id,
                        (guint) glide_choice_group_get_selected (self->stroke),
                        duration,
                        (guint) glide_choice_group_get_selected (self->edge),
                        gtk_drop_down_get_selected (self->tool),
                        gtk_drop_down_get_selected (self->technique),
                        (guint) (glide_choice_group_get_selected (self->pressure) + 1),
                        (guint) (glide_choice_group_get_selected (self->redness) + 1),
                        gtk_check_button_get_active (self->petechiae),
                        gtk_editable_get_text (GTK_EDITABLE (self->note)),
                        self->copied);
}

void
glide_treatment_row_restore_state (GlideTreatmentRow *self,
                                   GVariant          *state)
{
  const char *area_id, *note;
  guint stroke, edge, tool, technique, pressure, redness;
  gint64 duration;
  gboolean petechiae, copied;

  g_variant_get (state, "(&suxuuuuub&sb)", &area_id, &stroke, &duration, &edge, &tool,
                 &technique, &pressure, &redness, &petechiae, &note, &copied);
  if (stroke < glide_code_list_size (GLIDE_CODE_LIST_STROKE))
    glide_choice_group_set_selected (self->stroke, stroke);
  show_duration (self, (double) duration);
  if (duration < GLIDE_DURATION_MIN || duration > GLIDE_DURATION_MAX)
    {
      /* As typed, for the rules to refuse on Save. */
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, duration);

      gtk_editable_set_text (GTK_EDITABLE (self->duration), text);
    }
  if (edge < glide_code_list_size (GLIDE_CODE_LIST_EDGE))
    glide_choice_group_set_selected (self->edge, edge);
  gtk_drop_down_set_selected (self->tool, tool);
  gtk_drop_down_set_selected (self->technique, technique);
  /* Optional choices are kept as the drop-downs kept them: 0 is none. */
  if (pressure <= glide_code_list_size (GLIDE_CODE_LIST_PRESSURE))
    glide_choice_group_set_selected (self->pressure, (int) pressure - 1);
  if (redness <= glide_code_list_size (GLIDE_CODE_LIST_REDNESS))
    glide_choice_group_set_selected (self->redness, (int) redness - 1);
  gtk_check_button_set_active (self->petechiae, petechiae);
  gtk_editable_set_text (GTK_EDITABLE (self->note), note);
  glide_treatment_row_set_copied (self, copied);
}

void
glide_treatment_row_focus (GlideTreatmentRow *self)
{
  g_return_if_fail (GLIDE_IS_TREATMENT_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->stroke));
}

/**
 * glide_treatment_row_focus_unassessed:
 *
 * Puts the focus on the row's skin response if it is still to assess.
 *
 * Returns: whether it was
 */
gboolean
glide_treatment_row_focus_unassessed (GlideTreatmentRow *self)
{
  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), FALSE);
  if (glide_choice_group_get_selected (self->redness) != GLIDE_CHOICE_NONE)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->redness));
}

/**
 * glide_treatment_row_get_warning:
 *
 * Returns: (nullable): the warning the row shows (a duration over 180 s), or
 *   %NULL; a warning never blocks saving
 */
const char *
glide_treatment_row_get_warning (GlideTreatmentRow *self)
{
  g_return_val_if_fail (GLIDE_IS_TREATMENT_ROW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->duration_warning)))
    return NULL;
  return gtk_label_get_text (self->duration_warning);
}
