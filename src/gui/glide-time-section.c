/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-time-section.c: the session editor's "Time and Units". What is
 * typed is read into the session; core's rules check it (and name the field)
 * and core's allocation gives the units. Two values are offered, never
 * forced: the treatment minutes from start to end, and the IASTM code's
 * minutes from the treated areas' durations, each only while the therapist
 * has not typed over it. */

#define G_LOG_DOMAIN "glide-time-section"

#include "config.h"

#include "glide-time-section.h"

#include "glide-date.h"
#include "glide-entry-row.h"
#include "glide-rules.h"

#include <glib/gi18n.h>

typedef struct
{
  char      *code;
  char      *title;
  GtkWidget *row;      /* GlideEntryRow: its timed minutes */
  gboolean   planned;  /* billed at the session copied forward */
  gboolean   typed;    /* the therapist typed it: no longer offered */
} CodeRow;

struct _GlideTimeSection
{
  AdwPreferencesGroup  parent_instance;

  GlideCareSettings   *settings;
  char                *start;        /* the form's start, as stored */
  gint64               tool_seconds; /* the treated areas' durations */
  GtkWidget           *end_row;
  GtkWidget           *total_row;
  gboolean             total_typed;
  GPtrArray           *codes;        /* CodeRow, the clinic's order first */
  GtkWidget           *units_row;
  char                *units_text;
  GPtrArray           *read_rows;    /* CodeRow of session->billing[i] as last read */
  gboolean             setting;      /* filling in, not the therapist typing */
};

G_DEFINE_FINAL_TYPE (GlideTimeSection, glide_time_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_units (GlideTimeSection *self);

/* ---- helpers ---------------------------------------------------------------- */

static void
code_row_free (CodeRow *c)
{
  g_free (c->code);
  g_free (c->title);
  g_free (c);
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static void
set_text (GlideTimeSection *self,
          GtkWidget        *row,
          const char       *text)
{
  gboolean setting = self->setting;

  self->setting = TRUE;
  if (g_strcmp0 (text_of (row), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->setting = setting;
}

static void
set_minutes (GlideTimeSection *self,
             GtkWidget        *row,
             guint             minutes)
{
  g_autofree char *text = minutes ? g_strdup_printf ("%u", minutes) : g_strdup ("");

  set_text (self, row, text);
}

/* A count of minutes as typed: empty is 0. */
static gboolean
parse_minutes (const char *text,
               guint      *minutes)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint64 value = 0;

  *minutes = 0;
  if (*s == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *minutes = (guint) value;
  return TRUE;
}

/* A session that runs past midnight: an end time typed at or before the
 * start's is the next day's when the session then lasts at most this long
 * (a session begun at 23:30 and ended at "0010"); any other stays on the
 * start's day, where the rules refuse it as not after the start. */
#define OVERNIGHT_MAX_MINUTES 240

/* @hour:@minute on the start's day, or on the next day (see above). */
static char *
end_at_time (const char *start,
             guint       hour,
             guint       minute)
{
  guint start_hour, start_minute;
  GDate date;

  if (strlen (start) >= 16 && sscanf (start + 11, "%2u:%2u", &start_hour, &start_minute) == 2 &&
      hour * 60 + minute <= start_hour * 60 + start_minute &&
      hour * 60 + minute + 24 * 60 - (start_hour * 60 + start_minute) <= OVERNIGHT_MAX_MINUTES &&
      glide_datetime_get_date (start, &date))
    {
      g_autofree char *day = NULL;

      g_date_add_days (&date, 1);
      day = glide_date_format (&date);
      return g_strdup_printf ("%sT%02u:%02u:00", day, hour, minute);
    }
  return g_strdup_printf ("%.10sT%02u:%02u:00", start, hour, minute);
}

/* The end as typed, as the store keeps it: "10:25" (or "1025") is on the
 * start's day, or the next day's past midnight (end_at_time ()),
 * "2026-11-21 10:25" is taken whole; anything else goes to the rules as
 * typed, for them to refuse with their message. NULL when empty. */
static char *
end_from_display (const char *start,
                  const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  guint hour, minute;
  char rest;

  if (*s == '\0')
    return NULL;
  if (start != NULL && strlen (start) >= 10 &&
      sscanf (s, "%u:%u%c", &hour, &minute, &rest) == 2 && hour < 24 && minute < 60)
    return end_at_time (start, hour, minute);
  /* Four digits, as typed without the colon. */
  if (start != NULL && strlen (start) >= 10 && strlen (s) == 4 &&
      strspn (s, "0123456789") == 4 && sscanf (s, "%2u%2u", &hour, &minute) == 2 &&
      hour < 24 && minute < 60)
    return end_at_time (start, hour, minute);
  return glide_datetime_from_typed (s);
}

/* The end as the row shows it: its time alone where that time reads back
 * as the same end (on the start's day, or just past midnight), else whole. */
static char *
end_for_display (const char *start,
                 const char *end)
{
  guint hour, minute;

  if (start != NULL && strlen (start) >= 10 && strlen (end) >= 16 &&
      sscanf (end + 11, "%2u:%2u", &hour, &minute) == 2 && hour < 24 && minute < 60)
    {
      g_autofree char *read_back = end_at_time (start, hour, minute);

      if (strncmp (read_back, end, 16) == 0)
        return g_strndup (end + 11, 5);
    }
  {
    g_autofree char *text = g_strndup (end, 16);

    if (strlen (text) > 10 && text[10] == 'T')
      text[10] = ' ';
    return g_steal_pointer (&text);
  }
}

/* The treatment minutes offered: from start to end, when both are read. */
static void
offer_total (GlideTimeSection *self)
{
  g_autofree char *end = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  guint minutes = 0;

  if (self->total_typed)
    return;
  end = end_from_display (self->start, text_of (self->end_row));
  if (self->start != NULL && end != NULL &&
      (from = glide_datetime_parse (self->start, NULL)) != NULL &&
      (to = glide_datetime_parse (end, NULL)) != NULL &&
      g_date_time_compare (to, from) > 0)
    {
      GTimeSpan span = g_date_time_difference (to, from) / G_TIME_SPAN_MINUTE;

      if (span <= GLIDE_MAX_SESSION_MINUTES)
        minutes = (guint) span;
    }
  set_minutes (self, self->total_row, minutes);
}

static CodeRow *
find_code (GlideTimeSection *self,
           const char       *code)
{
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c;
    }
  return NULL;
}

/* The IASTM code's minutes offered: the areas' seconds, rounded up. */
static void
offer_tool_minutes (GlideTimeSection *self)
{
  CodeRow *c = find_code (self, glide_billing_code_iastm ());

  if (c == NULL || c->typed)
    return;
  set_minutes (self, c->row, (guint) ((self->tool_seconds + 59) / 60));
}

static void
on_entry_changed (GlideTimeSection *self,
                  GtkWidget        *row)
{
  if (!self->setting)
    {
      /* Typed over: kept as typed. */
      gboolean typed = !is_blank (text_of (row));

      if (row == self->total_row)
        self->total_typed = typed;
      for (guint i = 0; i < self->codes->len; i++)
        {
          CodeRow *c = g_ptr_array_index (self->codes, i);

          if (c->row == row)
            c->typed = typed;
        }
      /* An emptied value is offered again when what it follows changes,
       * never at once: a key replacing the selection empties it first. */
      if (row == self->end_row)
        offer_total (self);
    }
  update_units (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_activated (GlideTimeSection *self,
                    GtkWidget        *row)
{
  g_signal_emit (self, signals[ROW_ACTIVATED], 0, row);
}

static GtkWidget *
add_entry_row (GlideTimeSection *self,
               const char       *title,
               gboolean          digits)
{
  GtkWidget *row = glide_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (digits)
    glide_entry_row_set_input_purpose (GLIDE_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  return row;
}

static CodeRow *
add_code (GlideTimeSection *self,
          const char       *code,
          const char       *label)
{
  CodeRow *c = g_new0 (CodeRow, 1);
  /* Translators: a billing code's row: "97140 Manual therapy (IASTM), minutes" */
  g_autofree char *title = label && *label ? g_strdup_printf (_("%s %s, minutes"), code, label)
                                           : g_strdup_printf (_("%s, minutes"), code);

  c->code = g_strdup (code);
  c->title = g_strdup (title);
  c->row = add_entry_row (self, title, TRUE);
  g_ptr_array_add (self->codes, c);

  /* In the group: after the codes before it, above the units. */
  g_object_ref (self->units_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->units_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), c->row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->units_row);
  g_object_unref (self->units_row);
  return c;
}

/* A code copied forward says so in its title: its minutes are for today. */
static void
set_planned (CodeRow  *c,
             gboolean  planned)
{
  g_autofree char *title = NULL;

  c->planned = planned;
  /* Translators: a billing code's row copied forward, "97110 Therapeutic exercise, minutes (planned)" */
  title = planned ? g_strdup_printf (_("%s (planned)"), c->title) : g_strdup (c->title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->row), title);
}

static void
update_units (GlideTimeSection *self)
{
  g_autoptr(GlideSession) session = glide_session_new (0, self->start, 0);
  g_autofree char *units = NULL;
  g_autofree char *why = NULL;

  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);
      guint minutes;

      if (parse_minutes (text_of (c->row), &minutes) && minutes > 0)
        g_ptr_array_add (session->billing, glide_billed_time_new (c->code, minutes));
    }
  units = glide_time_describe_units (session, self->settings, &why, NULL);
  g_free (self->units_text);
  if (units == NULL)
    {
      self->units_text = NULL;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->units_row), _("No timed minutes"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->units_row),
                                   _("Type the minutes of each code; the units follow."));
      return;
    }
  self->units_text = g_strdup_printf ("%s · %s", units, why);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->units_row), units);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->units_row), why);
}

/* ---- overrides -------------------------------------------------------------- */

static void
glide_time_section_finalize (GObject *object)
{
  GlideTimeSection *self = GLIDE_TIME_SECTION (object);

  g_clear_pointer (&self->settings, glide_care_settings_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->read_rows, g_ptr_array_unref);
  g_free (self->start);
  g_free (self->units_text);

  G_OBJECT_CLASS (glide_time_section_parent_class)->finalize (object);
}

static void
glide_time_section_class_init (GlideTimeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glide_time_section_finalize;

  /**
   * GlideTimeSection::changed:
   *
   * A time or minutes was typed (or offered).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GlideTimeSection::row-activated:
   * @row: the row of the time or minutes
   *
   * Enter was pressed in a time or minutes: the form may move on.
   */
  signals[ROW_ACTIVATED] = g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, GTK_TYPE_WIDGET);
}

static void
glide_time_section_init (GlideTimeSection *self)
{
  self->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) code_row_free);
  self->read_rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Time and Units"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Timed minutes per billing code, one-on-one. The IASTM minutes "
                                           "follow the areas’ durations until you type over them."));
  self->end_row = add_entry_row (self, _("End time (HH:MM)"), FALSE);
  self->total_row = add_entry_row (self, _("Treatment minutes, in all"), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->end_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->total_row);

  self->units_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->units_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->units_row), 0);
  gtk_widget_add_css_class (self->units_row, "property");
  /* Kept a focus stop: a screen reader hears the units and why there. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->units_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->units_row);
}

/* ---- public API ------------------------------------------------------------- */

/**
 * glide_time_describe_units:
 * @settings: the clinic's method and the order of its codes (ties)
 * @why: (out) (optional): how the units came: "CMS 8-minute rule: 29 timed
 *   minutes → 2; 97140 17 min → 1, 97110 12 min → 1"
 *
 * Returns: (nullable): "2 units", or %NULL without timed minutes
 */
char *
glide_time_describe_units (const GlideSession      *session,
                           const GlideCareSettings *settings,
                           char                   **why,
                           guint                   *units)
{
  g_autofree GlideTimedCode *codes = NULL;
  g_autoptr(GString) text = NULL;
  guint n = 0, total = 0, minutes = 0;

  if (units != NULL)
    *units = 0;
  if (why != NULL)
    *why = NULL;
  if (session->billing->len == 0)
    return NULL;

  /* The clinic's order first: it breaks ties. */
  codes = g_new0 (GlideTimedCode, session->billing->len);
  for (guint k = 0; k <= settings->billing_codes->len; k++)
    for (guint i = 0; i < session->billing->len; i++)
      {
        const GlideBilledTime *time = g_ptr_array_index (session->billing, i);
        const GlideClinicCode *listed = glide_care_settings_find_code (settings, time->code);

        if ((k < settings->billing_codes->len &&
             listed == g_ptr_array_index (settings->billing_codes, k)) ||
            (k == settings->billing_codes->len && listed == NULL))
          {
            codes[n].code = time->code;
            codes[n].minutes = time->minutes;
            minutes += time->minutes;
            n++;
          }
      }
  total = glide_rules_allocate_units (settings->units_method, codes, n);

  text = g_string_new (NULL);
  if (settings->units_method == GLIDE_UNITS_CMS_8_MINUTE)
    /* Translators: how a visit's units were counted, before each code's share */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "CMS 8-minute rule: %u timed minute → %u; ",
                                               "CMS 8-minute rule: %u timed minutes → %u; ",
                                               minutes), minutes, total);
  else
    g_string_append (text, _("Rule of eights, each code on its own: "));
  for (guint i = 0; i < n; i++)
    /* Translators: a code's minutes and its units, "97140 17 min → 1" */
    g_string_append_printf (text, _("%s%s %u min → %u"), i ? ", " : "", codes[i].code,
                            codes[i].minutes, codes[i].units);
  if (units != NULL)
    *units = total;
  if (why != NULL)
    *why = g_string_free (g_steal_pointer (&text), FALSE);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", total), total);
}

/**
 * glide_time_section_new:
 * @settings: the clinic's units method and billing codes (copied)
 */
GlideTimeSection *
glide_time_section_new (const GlideCareSettings *settings)
{
  GlideTimeSection *self = g_object_new (GLIDE_TYPE_TIME_SECTION, NULL);

  self->settings = glide_care_settings_new_default ();
  self->settings->units_method = settings->units_method;
  g_ptr_array_set_size (self->settings->billing_codes, 0);
  for (guint i = 0; i < settings->billing_codes->len; i++)
    {
      const GlideClinicCode *code = g_ptr_array_index (settings->billing_codes, i);

      g_ptr_array_add (self->settings->billing_codes,
                       glide_clinic_code_new (code->code, code->label, code->timed));
      if (code->timed)
        add_code (self, code->code, code->label);
    }
  update_units (self);
  return self;
}

/* The form's start changed: the end's day and the offered minutes follow. */
void
glide_time_section_set_start (GlideTimeSection *self,
                              const char       *start)
{
  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  g_free (self->start);
  self->start = g_strdup (start);
  offer_total (self);
}

/* The treated areas' durations changed. */
void
glide_time_section_set_tool_seconds (GlideTimeSection *self,
                                     gint64            seconds)
{
  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  self->tool_seconds = MAX (seconds, 0);
  offer_tool_minutes (self);
}

/* A stored session's time: as recorded, nothing offered over it. */
void
glide_time_section_set_values (GlideTimeSection   *self,
                               const GlideSession *session)
{
  g_autofree char *end = NULL;

  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  g_free (self->start);
  self->start = g_strdup (session->start);
  end = session->end ? end_for_display (session->start, session->end) : g_strdup ("");
  set_text (self, self->end_row, end);
  set_minutes (self, self->total_row, session->total_minutes);
  self->total_typed = session->total_minutes > 0 || session->end != NULL;
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      set_minutes (self, c->row, 0);
      c->typed = TRUE;
    }
  for (guint i = 0; i < session->billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (session->billing, i);
      CodeRow *c = find_code (self, time->code);

      if (c == NULL)
        c = add_code (self, time->code, NULL);
      set_minutes (self, c->row, time->minutes);
    }
  update_units (self);
}

/* Copy forward: the codes billed last time are planned again, their minutes
 * left for today (the IASTM minutes are still offered from today's areas). */
void
glide_time_section_plan_codes (GlideTimeSection *self,
                               GPtrArray        *billing)
{
  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  for (guint i = 0; i < billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (billing, i);
      CodeRow *c = find_code (self, time->code);

      if (c == NULL)
        c = add_code (self, time->code, NULL);
      set_planned (c, TRUE);
    }
}

/* Empties every field; the offers start again. */
void
glide_time_section_clear (GlideTimeSection *self)
{
  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  set_text (self, self->end_row, "");
  set_text (self, self->total_row, "");
  self->total_typed = FALSE;
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      set_text (self, c->row, "");
      c->typed = FALSE;
      set_planned (c, FALSE);
    }
  offer_tool_minutes (self);
  update_units (self);
}

/**
 * glide_time_section_read:
 * @session: gets the end, treatment minutes and billing as typed
 * @bad_widget: (out): on failure, the input to mark
 * @bad_label: (out): on failure, what to call it
 *
 * Returns: %FALSE when a count is not a whole number (the rules check the
 *   rest with the session)
 */
gboolean
glide_time_section_read (GlideTimeSection  *self,
                         GlideSession      *session,
                         GtkWidget        **bad_widget,
                         char             **bad_label,
                         GError           **error)
{
  guint minutes;

  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), FALSE);

  g_free (session->end);
  session->end = end_from_display (session->start, text_of (self->end_row));
  if (!parse_minutes (text_of (self->total_row), &session->total_minutes))
    {
      *bad_widget = self->total_row;
      *bad_label = g_strdup (_("Treatment minutes"));
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("“%s” is not a whole number"), text_of (self->total_row));
      return FALSE;
    }
  g_ptr_array_set_size (session->billing, 0);
  g_ptr_array_set_size (self->read_rows, 0);
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      if (!parse_minutes (text_of (c->row), &minutes))
        {
          *bad_widget = c->row;
          *bad_label = g_strdup (c->title);
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("“%s” is not a whole number"), text_of (c->row));
          return FALSE;
        }
      /* 0 or empty: the code is not billed today. */
      if (minutes > 0)
        {
          g_ptr_array_add (session->billing, glide_billed_time_new (c->code, minutes));
          g_ptr_array_add (self->read_rows, c);
        }
    }
  return TRUE;
}

/**
 * glide_time_section_get_field:
 * @field: a session field as the rules name it ("end", "total_minutes",
 *   "billing[1].minutes") after glide_time_section_read()
 * @label: (out): what to call it in a message
 *
 * Returns: (transfer none) (nullable): its input
 */
GtkWidget *
glide_time_section_get_field (GlideTimeSection *self,
                              const char       *field,
                              char            **label)
{
  guint index;

  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), NULL);

  if (g_strcmp0 (field, "end") == 0)
    {
      *label = g_strdup (_("End time"));
      return self->end_row;
    }
  if (g_strcmp0 (field, "total_minutes") == 0)
    {
      *label = g_strdup (_("Treatment minutes"));
      return self->total_row;
    }
  if (field != NULL && sscanf (field, "billing[%u]", &index) == 1 && index < self->read_rows->len)
    {
      CodeRow *c = g_ptr_array_index (self->read_rows, index);

      *label = g_strdup (c->title);
      return c->row;
    }
  return NULL;
}

GtkWidget *
glide_time_section_get_end_row (GlideTimeSection *self)
{
  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), NULL);
  return self->end_row;
}

/* The minutes row of @code, or NULL when the clinic has no such code. */
GtkWidget *
glide_time_section_get_code_row (GlideTimeSection *self,
                                 const char       *code)
{
  CodeRow *c;

  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), NULL);
  c = find_code (self, code);
  return c ? c->row : NULL;
}

/* The planned codes (copied forward) whose minutes are still to type. */
GPtrArray *
glide_time_section_list_unfilled_plans (GlideTimeSection *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), rows);
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      if (c->planned && is_blank (text_of (c->row)))
        g_ptr_array_add (rows, c->row);
    }
  return rows;
}

/* What the units row says, in one line: "2 units · CMS 8-minute rule: …". */
const char *
glide_time_section_get_units_text (GlideTimeSection *self)
{
  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), NULL);
  return self->units_text;
}

GVariant *
glide_time_section_save_state (GlideTimeSection *self)
{
  GVariantBuilder codes;

  g_return_val_if_fail (GLIDE_IS_TIME_SECTION (self), NULL);

  g_variant_builder_init (&codes, G_VARIANT_TYPE ("a(ssbb)"));
  for (guint i = 0; i < self->codes->len; i++)
    {
      CodeRow *c = g_ptr_array_index (self->codes, i);

      g_variant_builder_add (&codes, "(ssbb)", c->code, text_of (c->row), c->typed, c->planned);
    }
  return g_variant_new (GLIDE_TIME_SECTION_STATE_TYPE, text_of (self->end_row),
                        text_of (self->total_row), &codes);
}

void
glide_time_section_restore_state (GlideTimeSection *self,
                                  GVariant         *state)
{
  g_autoptr(GVariantIter) codes = NULL;
  const char *end, *total, *code, *minutes;
  gboolean typed, planned;

  g_return_if_fail (GLIDE_IS_TIME_SECTION (self));

  g_variant_get (state, "(&s&sa(ssbb))", &end, &total, &codes);
  set_text (self, self->end_row, end);
  set_text (self, self->total_row, total);
  self->total_typed = !is_blank (total);
  while (g_variant_iter_next (codes, "(&s&sbb)", &code, &minutes, &typed, &planned))
    {
      CodeRow *c = glide_billing_code_is_valid (code) ? find_code (self, code) : NULL;

      if (c == NULL && glide_billing_code_is_valid (code))
        c = add_code (self, code, NULL);
      if (c == NULL)
        continue;
      set_text (self, c->row, minutes);
      c->typed = typed;
      set_planned (c, planned);
    }
  update_units (self);
}
