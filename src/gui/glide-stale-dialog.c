/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-stale-dialog.c: a save refused because someone else changed the
 * record meanwhile. The person sees what differs, field by field, before
 * choosing: nothing is saved over the other version and nothing typed is
 * thrown away without being shown. */

#define G_LOG_DOMAIN "glide-stale-dialog"

#include "config.h"

#include "glide-stale-dialog.h"

#include "glide-date.h"
#include "glide-report-data.h"

#include <glib/gi18n.h>

/* ---- comparing ---------------------------------------------------------------- */

void
glide_stale_difference_free (GlideStaleDifference *difference)
{
  if (difference == NULL)
    return;
  g_free (difference->label);
  g_free (difference->theirs);
  g_free (difference->mine);
  g_free (difference);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
add_if_different (GPtrArray  *differences,
                  const char *label,
                  const char *theirs,
                  const char *mine)
{
  GlideStaleDifference *difference;

  if (g_strcmp0 (or_dash (theirs), or_dash (mine)) == 0)
    return;
  difference = g_new0 (GlideStaleDifference, 1);
  difference->label = g_strdup (label);
  difference->theirs = g_strdup (or_dash (theirs));
  difference->mine = g_strdup (or_dash (mine));
  g_ptr_array_add (differences, difference);
}

static char *
therapist_name (GlideStore *store,
                gint64      id)
{
  g_autoptr(GlideTherapist) therapist = id ? glide_store_get_therapist (store, id, NULL) : NULL;

  return therapist ? g_strdup (therapist->name) : NULL;
}

static char *
instrument_name (GPtrArray *instruments,
                 gint64     id)
{
  for (guint i = 0; instruments != NULL && i < instruments->len; i++)
    {
      const GlideInstrument *instrument = g_ptr_array_index (instruments, i);

      if (instrument->id == id)
        return g_strdup (instrument->name);
    }
  return NULL;
}

/* One treated area in words: everything stored about it. */
static char *
describe_treatment (const GlideTreatment *t,
                    GPtrArray            *instruments)
{
  GString *text = g_string_new (NULL);
  g_autofree char *tool = t->instrument_id ? instrument_name (instruments, t->instrument_id) : NULL;

  /* Translators: a treated area: stroke, duration, edge ("Sustained, 60 s, Convex edge") */
  g_string_append_printf (text, _("%s, %d s, %s edge"),
                          glide_code_list_label (GLIDE_CODE_LIST_STROKE, t->stroke), (int) t->duration_s,
                          glide_code_list_label (GLIDE_CODE_LIST_EDGE, t->edge));
  if (tool != NULL)
    g_string_append_printf (text, ", %s", tool);
  if (t->technique != GLIDE_TECHNIQUE_NONE)
    g_string_append_printf (text, ", %s", glide_code_list_label (GLIDE_CODE_LIST_TECHNIQUE, t->technique));
  if (t->pressure != GLIDE_PRESSURE_NONE)
    /* Translators: the pressure of a stroke ("Light pressure") */
    g_string_append_printf (text, _(", %s pressure"),
                            glide_code_list_label (GLIDE_CODE_LIST_PRESSURE, t->pressure));
  /* Translators: the skin's response to a treated area ("redness Mild") */
  g_string_append_printf (text, _("; redness %s"),
                          glide_code_list_label (GLIDE_CODE_LIST_REDNESS, t->redness));
  if (t->petechiae)
    g_string_append (text, _(", petechiae"));
  if (t->note != NULL && *t->note != '\0')
    g_string_append_printf (text, " (%s)", t->note);
  return g_string_free (text, FALSE);
}

static const GlideTreatment *
find_treatment (const GlideSession *session,
                GlideSite           site,
                GlideSide           side)
{
  for (guint i = 0; i < session->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);

      if (t->site == site && t->side == side)
        return t;
    }
  return NULL;
}

static const GlideMeasurement *
find_measurement (const GlideSession *session,
                  GlideMeasure        measure,
                  GlideSide           side,
                  GlideTiming         timing)
{
  for (guint i = 0; i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);

      if (m->measure == measure && m->side == side && m->timing == timing)
        return m;
    }
  return NULL;
}

static char *
value_text (const GlideMeasurement *m)
{
  if (m == NULL)
    return g_strdup ("—");
  if (glide_measure_get_kind (m->measure) == GLIDE_MEASURE_KIND_ROM)
    return g_strdup_printf ("%g°", m->value);
  return g_strdup_printf ("%g", m->value);
}

/* A measure's values before and after treatment, "6 → 4.5", or NULL when
 * the session did not measure it. */
static char *
describe_measure (const GlideSession *session,
                  GlideMeasure        measure,
                  GlideSide           side)
{
  const GlideMeasurement *pre = find_measurement (session, measure, side, GLIDE_TIMING_PRE);
  const GlideMeasurement *post = find_measurement (session, measure, side, GLIDE_TIMING_POST);
  g_autofree char *before = NULL, *after = NULL;

  if (pre == NULL && post == NULL)
    return NULL;
  before = value_text (pre);
  after = value_text (post);
  return g_strdup_printf ("%s → %s", before, after);
}

/**
 * glide_stale_compare_sessions:
 * @theirs: the session as stored now
 * @mine: the session as the form holds it
 *
 * Returns: (transfer full) (element-type GlideStaleDifference): every field
 *   that differs, in the form's order: details, treated areas, measures, notes
 */
GPtrArray *
glide_stale_compare_sessions (GlideStore         *store,
                              const GlideSession *theirs,
                              const GlideSession *mine)
{
  GPtrArray *differences = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_stale_difference_free);
  g_autoptr(GPtrArray) instruments = glide_store_list_instruments (store, NULL);
  g_autoptr(GHashTable) areas_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) measures_seen = g_hash_table_new (NULL, NULL);
  const GlideSession *sessions[] = { theirs, mine };

  {
    g_autofree char *their_start = glide_datetime_format_long (theirs->start);
    g_autofree char *my_start = glide_datetime_format_long (mine->start);
    g_autofree char *their_therapist = therapist_name (store, theirs->therapist_id);
    g_autofree char *my_therapist = therapist_name (store, mine->therapist_id);

    add_if_different (differences, _("Date and time"), their_start, my_start);
    add_if_different (differences, _("Therapist"), their_therapist, my_therapist);
    add_if_different (differences, _("Emollient"), theirs->emollient, mine->emollient);
    add_if_different (differences, _("Reason to treat"), theirs->contraindication_override,
                      mine->contraindication_override);
  }

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    for (guint i = 0; i < sessions[s]->treatments->len; i++)
      {
        const GlideTreatment *t = g_ptr_array_index (sessions[s]->treatments, i);
        const GlideTreatment *a = find_treatment (theirs, t->site, t->side);
        const GlideTreatment *b = find_treatment (mine, t->site, t->side);
        g_autofree char *label = glide_area_get_label (t->site, t->side);
        g_autofree char *their_text = a ? describe_treatment (a, instruments) : g_strdup (_("Not treated"));
        g_autofree char *my_text = b ? describe_treatment (b, instruments) : g_strdup (_("Not treated"));

        if (g_hash_table_add (areas_seen, glide_area_get_id (t->site, t->side)))
          add_if_different (differences, label, their_text, my_text);
      }

  for (guint s = 0; s < G_N_ELEMENTS (sessions); s++)
    for (guint i = 0; i < sessions[s]->measurements->len; i++)
      {
        const GlideMeasurement *m = g_ptr_array_index (sessions[s]->measurements, i);
        gpointer key = GUINT_TO_POINTER ((m->measure + 1) * 16 + m->side);
        g_autofree char *label = NULL, *their_text = NULL, *my_text = NULL;

        if (!g_hash_table_add (measures_seen, key))
          continue;
        label = glide_report_measure_label (m->measure, m->side);
        their_text = describe_measure (theirs, m->measure, m->side);
        my_text = describe_measure (mine, m->measure, m->side);
        add_if_different (differences, label, their_text ? their_text : _("Not measured"),
                          my_text ? my_text : _("Not measured"));
      }

  add_if_different (differences, _("Notes"), theirs->note, mine->note);
  add_if_different (differences, _("Home programme"), theirs->home_program, mine->home_program);
  return differences;
}

/**
 * glide_stale_describe_differences:
 *
 * Returns: the differences as plain text, one field a line
 *   ("Notes: theirs “…”, mine “…”"), for screen readers and tests
 */
char *
glide_stale_describe_differences (GPtrArray *differences)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < differences->len; i++)
    {
      const GlideStaleDifference *d = g_ptr_array_index (differences, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one field that differs: its label, the stored value, the typed value */
      g_string_append_printf (text, _("%s: theirs “%s”, mine “%s”"), d->label, d->theirs, d->mine);
    }
  return g_string_free (text, FALSE);
}

/* ---- the dialog --------------------------------------------------------------- */

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wrapped labels are measured at their narrowest, one word a line, and
   * the dialog then asks for that height: a floor keeps the rows short. */
  gtk_label_set_width_chars (GTK_LABEL (label), heading ? 10 : 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
make_table (GPtrArray *differences)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *description = glide_stale_describe_differences (differences);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Field"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Theirs (stored)"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Mine (typed here)"), TRUE), 2, 0, 1, 1);
  for (guint i = 0; i < differences->len; i++)
    {
      const GlideStaleDifference *d = g_ptr_array_index (differences, i);
      GtkWidget *label = cell (d->label, FALSE);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (d->theirs, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (d->mine, FALSE), 2, i + 1, 1, 1);
    }
  if (differences->len == 0)
    gtk_grid_attach (GTK_GRID (grid),
                     cell (_("The fields are the same; only the time of saving differs."), FALSE),
                     0, 1, 3, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Differences between the stored version and yours"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_widget_set_name (scrolled, "stale-differences");
  return scrolled;
}

/**
 * glide_stale_dialog_new:
 * @reason: the store's refusal, naming who changed the record and when
 * @differences: (element-type GlideStaleDifference): from
 *   glide_stale_compare_sessions()
 * @can_reload: whether their version can be read (FALSE: it was deleted)
 *
 * Returns: (transfer none): the dialog, not yet shown; its responses are
 *   GLIDE_STALE_RESPONSE_*
 */
AdwMessageDialog *
glide_stale_dialog_new (GtkWindow  *parent,
                        const char *reason,
                        GPtrArray  *differences,
                        gboolean    can_reload)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  g_return_val_if_fail (differences != NULL, NULL);

  /* Translators: the store's reason (who changed it and when), then what each answer does */
  body = g_strdup_printf (_("%s\n\n“Keep Mine as New Draft” stores what you typed as a separate "
                            "draft of the same course; their version stays as it is. "
                            "“Reload Theirs” shows their version and discards your changes "
                            "listed below. “Cancel” keeps your typing in the form and on "
                            "this workstation."), reason);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Changed Elsewhere"), body));
  adw_message_dialog_add_responses (dialog,
                                    GLIDE_STALE_RESPONSE_CANCEL, _("_Cancel"),
                                    GLIDE_STALE_RESPONSE_RELOAD, _("_Reload Theirs"),
                                    GLIDE_STALE_RESPONSE_KEEP_MINE, _("_Keep Mine as New Draft"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, GLIDE_STALE_RESPONSE_RELOAD,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, GLIDE_STALE_RESPONSE_KEEP_MINE,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, GLIDE_STALE_RESPONSE_RELOAD, can_reload);
  adw_message_dialog_set_default_response (dialog, GLIDE_STALE_RESPONSE_CANCEL);
  adw_message_dialog_set_close_response (dialog, GLIDE_STALE_RESPONSE_CANCEL);
  adw_message_dialog_set_extra_child (dialog, make_table (differences));
  /* Wide enough for the two versions side by side, as tall as they need. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 0);
  return dialog;
}
