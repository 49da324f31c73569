/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-exercise-row.c: an exercise in the session editor. The row only
 * reads what was typed; core's rules check it with the rest of the session. */

#define G_LOG_DOMAIN "glide-exercise-row"

#include "config.h"

#include "glide-exercise-row.h"

#include "glide-accessible.h"
#include "glide-rules.h"

#include <glib/gi18n.h>

struct _GlideExerciseRow
{
  GtkListBoxRow  parent_instance;

  GtkEntry      *name;
  GtkEntry      *sets;
  GtkEntry      *reps;
  GtkEntry      *hold;
  GtkEntry      *load;
  GtkDropDown   *side;   /* 0: both or not sided, 1: left, 2: right */
  GStrv          known;  /* the course's earlier exercises */
  guint          typed_length;   /* the name's length before the last change */
  guint          complete_source;
};

G_DEFINE_FINAL_TYPE (GlideExerciseRow, glide_exercise_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ---------------------------------------------------------------- */

static void
on_changed (GlideExerciseRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (GlideExerciseRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static GtkEntry *
make_entry (GlideExerciseRow *self,
            const char       *accessible_label,
            const char       *placeholder,
            int               width,
            gboolean          number)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  if (number)
    {
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width + 1);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
    }
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_tooltip_text (entry, accessible_label);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_changed), self);
  return GTK_ENTRY (entry);
}

/* Completes the name typed so far with what all of the course's earlier
 * exercises it begins share ("h" gives "Heel slides" when that is the only
 * one), the added part selected: typing on replaces it, Tab keeps it. Run
 * before the next key is handled, after the entry has placed its cursor. */
static gboolean
complete_name (gpointer data)
{
  GlideExerciseRow *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name));
  g_autofree char *key = g_utf8_casefold (text, -1);
  g_autofree char *shared = NULL;
  glong typed = g_utf8_strlen (text, -1);

  self->complete_source = 0;
  if (typed == 0 || gtk_editable_get_position (GTK_EDITABLE (self->name)) != typed)
    return G_SOURCE_REMOVE;
  for (guint i = 0; self->known != NULL && self->known[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_casefold (self->known[i], -1);
      const char *a, *b;

      if (!g_str_has_prefix (name, key))
        continue;
      if (shared == NULL)
        {
          shared = g_strdup (self->known[i]);
          continue;
        }
      /* What this one shares with those before, by character, any case. */
      for (a = shared, b = self->known[i]; *a != '\0' && *b != '\0' &&
           g_unichar_tolower (g_utf8_get_char (a)) == g_unichar_tolower (g_utf8_get_char (b));
           a = g_utf8_next_char (a), b = g_utf8_next_char (b))
        ;
      shared[a - shared] = '\0';
    }
  if (shared == NULL || g_utf8_strlen (shared, -1) <= typed)
    return G_SOURCE_REMOVE;
  /* Written as the earlier name was ("h" becomes "Heel slides"): the
   * course's list keeps one spelling. */
  gtk_editable_set_text (GTK_EDITABLE (self->name), shared);
  gtk_editable_select_region (GTK_EDITABLE (self->name), (int) typed, -1);
  return G_SOURCE_REMOVE;
}

/* Typing at the end of the name offers a completion; deleting does not. */
static void
on_name_changed (GlideExerciseRow *self)
{
  guint length = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->name)), -1);
  gboolean grew = length > self->typed_length;

  self->typed_length = length;
  if (grew && self->complete_source == 0 && self->known != NULL)
    self->complete_source = g_idle_add_full (G_PRIORITY_HIGH, complete_name, self, NULL);
}

/* A dim word beside a box, for the eye only: the boxes have their names. */
static GtkWidget *
unit_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return label;
}

/* A count typed in a box: empty is 0 ("not counted"). */
static gboolean
read_count (GtkEntry *entry,
            guint    *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 parsed = 0;

  *value = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &parsed, NULL))
    return FALSE;
  *value = (guint) parsed;
  return TRUE;
}

static void
set_count (GtkEntry *entry,
           guint     value)
{
  g_autofree char *text = value ? g_strdup_printf ("%u", value) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* ---- overrides -------------------------------------------------------------- */

static void
glide_exercise_row_dispose (GObject *object)
{
  GlideExerciseRow *self = GLIDE_EXERCISE_ROW (object);

  g_clear_handle_id (&self->complete_source, g_source_remove);
  G_OBJECT_CLASS (glide_exercise_row_parent_class)->dispose (object);
}

static void
glide_exercise_row_finalize (GObject *object)
{
  GlideExerciseRow *self = GLIDE_EXERCISE_ROW (object);

  g_strfreev (self->known);
  G_OBJECT_CLASS (glide_exercise_row_parent_class)->finalize (object);
}

static void
glide_exercise_row_class_init (GlideExerciseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glide_exercise_row_dispose;
  object_class->finalize = glide_exercise_row_finalize;

  /**
   * GlideExerciseRow::changed:
   *
   * Something in the row was typed or chosen.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GlideExerciseRow::remove-requested:
   *
   * The row's remove button was pressed; the editor removes the row.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
glide_exercise_row_init (GlideExerciseRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dose = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *sides[] = { _("Both sides"), _("Left"), _("Right"), NULL };

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->name = make_entry (self, _("Exercise"), _("Exercise"), 16, FALSE);
  g_signal_connect_swapped (self->name, "changed", G_CALLBACK (on_name_changed), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->name));

  /* Tab goes from the name to the dose, the way it is dictated; the side
   * and the remove button come last. */
  self->side = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (sides));
  gtk_widget_set_valign (GTK_WIDGET (self->side), GTK_ALIGN_CENTER);
  glide_accessible_name_drop_down (self->side, _("Side of the exercise"));
  g_signal_connect_swapped (self->side, "notify::selected", G_CALLBACK (on_changed), self);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this exercise"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this exercise"), -1);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked), self);

  self->sets = make_entry (self, _("Sets"), "", 2, TRUE);
  self->reps = make_entry (self, _("Repetitions"), "", 3, TRUE);
  self->hold = make_entry (self, _("Hold (s)"), "", 3, TRUE);
  self->load = make_entry (self, _("Load"), _("load, e.g. red band"), 6, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->load), TRUE);
  /* The units stay in sight once the boxes are filled: "3 sets × 10 reps". */
  gtk_box_append (GTK_BOX (dose), GTK_WIDGET (self->sets));
  gtk_box_append (GTK_BOX (dose), unit_label (_("sets ×")));
  gtk_box_append (GTK_BOX (dose), GTK_WIDGET (self->reps));
  gtk_box_append (GTK_BOX (dose), unit_label (_("reps, or hold")));
  gtk_box_append (GTK_BOX (dose), GTK_WIDGET (self->hold));
  gtk_box_append (GTK_BOX (dose), unit_label (_("s")));
  gtk_box_append (GTK_BOX (dose), GTK_WIDGET (self->load));
  gtk_box_append (GTK_BOX (dose), GTK_WIDGET (self->side));
  gtk_box_append (GTK_BOX (dose), remove);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), dose);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  /* Tab goes to the row's controls, not to the row. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/* ---- public API ------------------------------------------------------------- */

/**
 * glide_exercise_row_new:
 * @known_names: (nullable): names of the course's earlier exercises, offered
 *   as the name is typed
 */
GlideExerciseRow *
glide_exercise_row_new (const char * const *known_names)
{
  GlideExerciseRow *self = g_object_new (GLIDE_TYPE_EXERCISE_ROW, NULL);

  if (known_names != NULL && known_names[0] != NULL)
    self->known = g_strdupv ((char **) known_names);
  return self;
}

void
glide_exercise_row_set_values (GlideExerciseRow    *self,
                               const GlideExercise *exercise)
{
  g_return_if_fail (GLIDE_IS_EXERCISE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name), exercise->name ? exercise->name : "");
  set_count (self->sets, exercise->sets);
  set_count (self->reps, exercise->reps);
  set_count (self->hold, exercise->hold_s);
  gtk_editable_set_text (GTK_EDITABLE (self->load), exercise->load ? exercise->load : "");
  gtk_drop_down_set_selected (self->side, exercise->side == GLIDE_SIDE_LEFT ? 1 :
                                          exercise->side == GLIDE_SIDE_RIGHT ? 2 : 0);
}

/**
 * glide_exercise_row_get_values:
 * @field: (out): on failure, the exercise's field that is not a count
 *
 * Returns: (transfer full) (nullable): the exercise as typed (not checked
 *   by the rules yet), or %NULL if a count is not a whole number
 */
GlideExercise *
glide_exercise_row_get_values (GlideExerciseRow  *self,
                               char             **field,
                               GError           **error)
{
  g_autoptr(GlideExercise) exercise = NULL;
  g_autofree char *name = NULL;
  g_autofree char *load = NULL;
  struct { GtkEntry *entry; guint *value; const char *field; } counts[3];
  guint side;

  g_return_val_if_fail (GLIDE_IS_EXERCISE_ROW (self), NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  exercise = glide_exercise_new (name);
  counts[0].entry = self->sets, counts[0].value = &exercise->sets, counts[0].field = "sets";
  counts[1].entry = self->reps, counts[1].value = &exercise->reps, counts[1].field = "reps";
  counts[2].entry = self->hold, counts[2].value = &exercise->hold_s, counts[2].field = "hold_s";
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!read_count (counts[i].entry, counts[i].value))
      {
        *field = g_strdup (counts[i].field);
        g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                     _("“%s” is not a whole number"),
                     gtk_editable_get_text (GTK_EDITABLE (counts[i].entry)));
        return NULL;
      }
  load = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->load))));
  if (*load != '\0')
    exercise->load = g_steal_pointer (&load);
  side = gtk_drop_down_get_selected (self->side);
  exercise->side = side == 1 ? GLIDE_SIDE_LEFT : side == 2 ? GLIDE_SIDE_RIGHT : GLIDE_SIDE_NONE;
  return g_steal_pointer (&exercise);
}

/**
 * glide_exercise_row_get_field:
 * @field: a field of an exercise as the rules name it ("name", "sets", …)
 *
 * Returns: (transfer none) (nullable): the input of @field
 */
GtkWidget *
glide_exercise_row_get_field (GlideExerciseRow *self,
                              const char       *field)
{
  g_return_val_if_fail (GLIDE_IS_EXERCISE_ROW (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name);
  if (g_strcmp0 (field, "sets") == 0)
    return GTK_WIDGET (self->sets);
  if (g_strcmp0 (field, "reps") == 0)
    return GTK_WIDGET (self->reps);
  if (g_strcmp0 (field, "hold_s") == 0)
    return GTK_WIDGET (self->hold);
  if (g_strcmp0 (field, "load") == 0)
    return GTK_WIDGET (self->load);
  if (g_strcmp0 (field, "side") == 0)
    return GTK_WIDGET (self->side);
  return NULL;
}

/* What a refusal calls @field: "Sets". */
const char *
glide_exercise_row_get_field_label (const char *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return _("Exercise");
  if (g_strcmp0 (field, "sets") == 0)
    return _("Sets");
  if (g_strcmp0 (field, "reps") == 0)
    return _("Repetitions");
  if (g_strcmp0 (field, "hold_s") == 0)
    return _("Hold (s)");
  if (g_strcmp0 (field, "load") == 0)
    return _("Load");
  if (g_strcmp0 (field, "side") == 0)
    return _("Side");
  return NULL;
}

/* What was typed, valid or not, for the editor's recovery state. */
GVariant *
glide_exercise_row_save_state (GlideExerciseRow *self)
{
  g_return_val_if_fail (GLIDE_IS_EXERCISE_ROW (self), NULL);

  return g_variant_new (GLIDE_EXERCISE_ROW_STATE_TYPE,
                        gtk_editable_get_text (GTK_EDITABLE (self->name)),
                        gtk_editable_get_text (GTK_EDITABLE (self->sets)),
                        gtk_editable_get_text (GTK_EDITABLE (self->reps)),
                        gtk_editable_get_text (GTK_EDITABLE (self->hold)),
                        gtk_editable_get_text (GTK_EDITABLE (self->load)),
                        (gint32) gtk_drop_down_get_selected (self->side));
}

void
glide_exercise_row_restore_state (GlideExerciseRow *self,
                                  GVariant         *state)
{
  const char *name, *sets, *reps, *hold, *load;
  gint32 side;

  g_return_if_fail (GLIDE_IS_EXERCISE_ROW (self));

  g_variant_get (state, "(&s&s&s&s&si)", &name, &sets, &reps, &hold, &load, &side);
  gtk_editable_set_text (GTK_EDITABLE (self->name), name);
  gtk_editable_set_text (GTK_EDITABLE (self->sets), sets);
  gtk_editable_set_text (GTK_EDITABLE (self->reps), reps);
  gtk_editable_set_text (GTK_EDITABLE (self->hold), hold);
  gtk_editable_set_text (GTK_EDITABLE (self->load), load);
  gtk_drop_down_set_selected (self->side, side >= 0 && side <= 2 ? (guint) side : 0);
}

void
glide_exercise_row_focus (GlideExerciseRow *self)
{
  g_return_if_fail (GLIDE_IS_EXERCISE_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name));
}
