/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-rules.c: the clinical rules of DOMAIN.md and INTERCHANGE.md, written once. */

#define G_LOG_DOMAIN "glide-rules"

#include "config.h"

#include "glide-rules.h"
#include "glide-i18n.h"

#include "glide-date.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (glide-rule-error-quark, glide_rule_error)

/* Minimal detectable change of goniometry (DOMAIN.md), in degrees. */
#define MDC_SAME_RATER     5.0
#define MDC_RATER_CHANGED 10.0
/* Pain: a drop of 2 points or of 30 % of the baseline (Ostelo 2008). */
#define PAIN_RELATIVE_MCID 0.30

static gboolean G_GNUC_PRINTF (4, 5)
fail (char       **field,
      const char  *name,
      GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  if (field != NULL)
    *field = g_strdup (name);
  if (error != NULL)
    {
      va_start (args, format);
      *error = g_error_new_valist (GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID, format, args);
      va_end (args);
    }
  return FALSE;
}

/* Moves an error of a single-value check under a field name. */
static gboolean
fail_with (char       **field,
           const char  *name,
           GError     **error,
           GError      *cause)
{
  if (field != NULL)
    *field = g_strdup (name);
  g_propagate_error (error, cause);
  return FALSE;
}

/* Moves a nested record's failure under "prefix[index]." */
static gboolean
fail_nested (char       **field,
             const char  *prefix,
             guint        index,
             char        *inner_field,
             GError     **error,
             GError      *cause)
{
  if (field != NULL)
    *field = g_strdup_printf ("%s[%u]%s%s", prefix, index,
                              inner_field && *inner_field ? "." : "",
                              inner_field ? inner_field : "");
  g_free (inner_field);
  g_propagate_error (error, cause);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Text must be valid UTF-8, free of control characters other than tab and
 * line breaks, at most max_chars long, and not blank when required. */
gboolean
glide_rules_check_text (const char  *text,
                        gboolean     required,
                        guint        max_chars,
                        GError     **error)
{
  glong n_chars;

  if (text == NULL || *text == '\0')
    {
      if (required)
        {
          g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                               _("must not be empty"));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("is not valid UTF-8 text"));
      return FALSE;
    }

  if (required && is_blank (text))
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("must not be blank"));
      return FALSE;
    }

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* C1 controls (U+0080-U+009F) too: a terminal obeys them as it does ESC. */
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f))
        {
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("contains the control character U+%04X"), c);
          return FALSE;
        }
    }

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > max_chars)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("is %ld characters long, more than the limit of %u"),
                   n_chars, max_chars);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text_field (const char  *text,
                  gboolean     required,
                  guint        max_chars,
                  const char  *name,
                  char       **field,
                  GError     **error)
{
  GError *local_error = NULL;

  if (!glide_rules_check_text (text, required, max_chars, &local_error))
    return fail_with (field, name, error, local_error);
  return TRUE;
}

static gboolean
check_date_field (const char  *text,
                  const char  *name,
                  char       **field,
                  GError     **error)
{
  GError *local_error = NULL;

  if (text != NULL && !glide_date_parse (text, NULL, &local_error))
    return fail_with (field, name, error, local_error);
  if (text != NULL && strcmp (text, GLIDE_EARLIEST_DATE) < 0)
    return fail (field, name, error, _("%s is before 1900"), text);
  return TRUE;
}

static gboolean
check_datetime_field (const char  *text,
                      const char  *name,
                      char       **field,
                      GError     **error)
{
  GError *local_error = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) limit = NULL;

  if (text == NULL)
    return fail (field, name, error, _("is required"));

  parsed = glide_datetime_parse (text, &local_error);
  if (parsed == NULL)
    return fail_with (field, name, error, local_error);
  if (strcmp (text, GLIDE_EARLIEST_DATE) < 0)
    return fail (field, name, error, _("%s is before 1900"), text);

  /* A record dated more than a day ahead is a typing error, not a plan. */
  {
    g_autoptr(GDateTime) now = glide_datetime_new_now_local ();

    limit = g_date_time_add_days (now, 1);
  }
  if (g_date_time_compare (parsed, limit) > 0)
    return fail (field, name, error, _("%s is in the future"), text);

  return TRUE;
}

/* A value quoted in a message: characters that a terminal would obey or that
 * cannot be seen are written as \uXXXX, so a crafted file cannot retitle or
 * clear the terminal that shows the message. */
static char *
escape_for_message (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Does a character show anything on its own? Spaces of every width (NBSP,
 * U+202F, U+3000), format characters (U+200B-U+200F, U+2060, U+FEFF, bidi
 * marks) and lone combining marks do not. */
static gboolean
is_visible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type != G_UNICODE_SPACE_SEPARATOR && type != G_UNICODE_LINE_SEPARATOR &&
         type != G_UNICODE_PARAGRAPH_SEPARATOR && type != G_UNICODE_FORMAT &&
         type != G_UNICODE_CONTROL && type != G_UNICODE_NON_SPACING_MARK &&
         type != G_UNICODE_ENCLOSING_MARK && type != G_UNICODE_UNASSIGNED &&
         type != G_UNICODE_SURROGATE;
}

/**
 * glide_rules_check_name:
 * @required: whether the name may be empty
 *
 * A person's or the clinic's name is one line of visible text: no control
 * characters (C0 or C1, tab included), no line breaks (LF, CR, U+2028,
 * U+2029), and not made only of spaces and invisible formatting characters;
 * at most %GLIDE_MAX_NAME_CHARS characters. Invisible characters between
 * visible ones (a zero-width joiner, a no-break space) are kept: scripts and
 * double names need them.
 */
gboolean
glide_rules_check_name (const char  *name,
                        gboolean     required,
                        GError     **error)
{
  gboolean visible = FALSE;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return glide_rules_check_text (name, required, GLIDE_MAX_NAME_CHARS, error);
  if (is_blank (name))
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("must not be blank"));
      return FALSE;
    }

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c == '\n' || c == '\r' || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        {
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("contains a line break (U+%04X); a name is one line of text"), c);
          return FALSE;
        }
      if (type == G_UNICODE_CONTROL)
        {
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("contains the control character U+%04X; a name is one line of text"), c);
          return FALSE;
        }
      visible = visible || is_visible (c);
    }

  if (!visible)
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("has no visible characters (only spaces or invisible formatting "
                           "characters)"));
      return FALSE;
    }
  return glide_rules_check_text (name, required, GLIDE_MAX_NAME_CHARS, error);
}

static gboolean
check_name_field (const char  *text,
                  gboolean     required,
                  const char  *name,
                  char       **field,
                  GError     **error)
{
  GError *local_error = NULL;

  if (!glide_rules_check_name (text, required, &local_error))
    return fail_with (field, name, error, local_error);
  return TRUE;
}

/**
 * glide_rules_check_code_name:
 *
 * Chart numbers and the ids of therapists and tools end up in file names,
 * command lines and URLs, so they are plain: letters, digits, "-", "_" and
 * ".", starting with a letter or a digit, never "..", no spaces, slashes or
 * control characters, at most %GLIDE_MAX_CODE_CHARS characters.
 */
gboolean
glide_rules_check_code_name (const char  *code,
                             GError     **error)
{
  g_autofree char *shown = NULL;
  glong n;

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("must not be empty"));
      return FALSE;
    }
  if (!g_utf8_validate (code, -1, NULL))
    {
      g_set_error_literal (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                           _("is not valid UTF-8 text"));
      return FALSE;
    }

  shown = escape_for_message (code);
  if (!g_unichar_isalnum (g_utf8_get_char (code)))
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("\"%s\" must start with a letter or a digit"), shown);
      return FALSE;
    }

  n = g_utf8_strlen (code, -1);
  for (const char *p = code; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* "A" followed by U+0301 looks like "Á" but is two characters
       * (decomposed, as some systems export names): say so. */
      if (g_unichar_ismark (c))
        {
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("\"%s\" has an accent written as a separate character (U+%04X) "
                       "after its letter; write the accented letter as one character"),
                       shown, c);
          return FALSE;
        }
      if (!g_unichar_isalnum (c) && c != '-' && c != '_' && c != '.')
        {
          g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                       _("\"%s\" may contain only letters, digits, \"-\", \"_\" and \".\" "
                       "(no spaces, slashes or other characters)"), shown);
          return FALSE;
        }
    }
  if (strstr (code, "..") != NULL)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("\"%s\" must not contain \"..\""), shown);
      return FALSE;
    }
  if (n > GLIDE_MAX_CODE_CHARS)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("\"%s\" is longer than %d characters"), shown, GLIDE_MAX_CODE_CHARS);
      return FALSE;
    }
  return TRUE;
}

/**
 * glide_rules_check_not_before_birth:
 * @birth_date: (nullable): the patient's birth date
 * @when: a date or date-time of the patient's record (a visit, a course)
 *
 * A record dated before the patient was born is a typing error. The day of
 * birth itself is allowed. Compares the calendar date @when was written with.
 */
gboolean
glide_rules_check_not_before_birth (const char  *birth_date,
                                    const char  *when,
                                    GError     **error)
{
  if (birth_date == NULL || when == NULL || strncmp (when, birth_date, 10) >= 0)
    return TRUE;
  g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
               _("%s is before the patient's birth date (%s)"), when, birth_date);
  return FALSE;
}

static gboolean
check_code_field (const char  *code,
                  const char  *name,
                  char       **field,
                  GError     **error)
{
  GError *local_error = NULL;

  if (!glide_rules_check_code_name (code, &local_error))
    return fail_with (field, name, error, local_error);
  return TRUE;
}

/* ICD-10: a letter, two characters, optionally a dot and one to four more (M72.2). */
gboolean
glide_rules_check_icd10 (const char  *code,
                         GError     **error)
{
  gsize len = code ? strlen (code) : 0;
  gboolean ok = len >= 3 && g_ascii_isupper (code[0]) && g_ascii_isdigit (code[1]) &&
                (g_ascii_isdigit (code[2]) || g_ascii_isupper (code[2]));

  if (ok && len > 3)
    {
      ok = code[3] == '.' && len >= 5 && len <= 8;
      for (gsize i = 4; ok && i < len; i++)
        ok = g_ascii_isdigit (code[i]) || g_ascii_isupper (code[i]);
    }

  if (!ok)
    g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                 _("\"%s\" is not an ICD-10 code (like M72.2)"), code ? code : "");
  return ok;
}

gboolean
glide_rules_check_duration (gint64   duration_s,
                            GError **error)
{
  if (duration_s < GLIDE_DURATION_MIN || duration_s > GLIDE_DURATION_MAX)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%lld is out of range %d-%d"),
                   (long long) duration_s, GLIDE_DURATION_MIN, GLIDE_DURATION_MAX);
      return FALSE;
    }
  return TRUE;
}

/* Above three minutes the editor warns ("usual is 30-120 s per area") but saves. */
gboolean
glide_rules_duration_is_unusual (gint64 duration_s)
{
  return duration_s > GLIDE_DURATION_USUAL_MAX;
}

gboolean
glide_rules_check_measure_value (GlideMeasure   measure,
                                 double         value,
                                 GError       **error)
{
  double min = glide_measure_get_min (measure);
  double max = glide_measure_get_max (measure);
  double step = glide_measure_get_step (measure);

  if (!isfinite (value) || value < min || value > max)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%g is out of range %g to %g for %s"), value, min, max,
                   glide_code_list_code (GLIDE_CODE_LIST_MEASURE, measure));
      return FALSE;
    }
  if (step > 0 && fabs (value / step - round (value / step)) > 1e-9)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%g is not in steps of %g"), value, step);
      return FALSE;
    }
  return TRUE;
}

gboolean
glide_rules_check_measure_side (GlideMeasure   measure,
                                GlideSide      side,
                                GError       **error)
{
  const char *code = glide_code_list_code (GLIDE_CODE_LIST_MEASURE, measure);

  if (glide_measure_allows_side (measure, side))
    return TRUE;

  switch (glide_measure_get_laterality (measure))
    {
    case GLIDE_LATERALITY_NONE:
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%s is not recorded per side (leave side out)"), code);
      break;
    case GLIDE_LATERALITY_LEFT_RIGHT:
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%s needs a side, left or right"), code);
      break;
    case GLIDE_LATERALITY_MIDLINE:
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%s is a midline measure (side must be midline)"), code);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
glide_rules_validate_clinic (const GlideClinic  *clinic,
                             char              **field,
                             GError            **error)
{
  return check_name_field (clinic->name, FALSE, "name", field, error) &&
         check_text_field (clinic->address, FALSE, GLIDE_MAX_LINE_CHARS, "address", field, error) &&
         check_text_field (clinic->phone, FALSE, GLIDE_MAX_CODE_CHARS * 2, "phone", field, error);
}

gboolean
glide_rules_validate_therapist (const GlideTherapist  *therapist,
                                char                 **field,
                                GError               **error)
{
  return check_code_field (therapist->code, "id", field, error) &&
         check_name_field (therapist->name, TRUE, "name", field, error) &&
         check_text_field (therapist->credentials, FALSE, GLIDE_MAX_NAME_CHARS,
                           "credentials", field, error);
}

gboolean
glide_rules_validate_instrument (const GlideInstrument  *instrument,
                                 char                  **field,
                                 GError                **error)
{
  return check_code_field (instrument->code, "id", field, error) &&
         check_name_field (instrument->name, TRUE, "name", field, error);
}

gboolean
glide_rules_validate_patient (const GlidePatient  *patient,
                              char               **field,
                              GError             **error)
{
  if (!check_code_field (patient->chart, "chart", field, error) ||
      !check_name_field (patient->family_name, TRUE, "family_name", field, error) ||
      !check_name_field (patient->given_name, FALSE, "given_name", field, error) ||
      !check_date_field (patient->birth_date, "birth_date", field, error))
    return FALSE;

  if (patient->birth_date != NULL)
    {
      g_autofree char *today = glide_date_today ();

      if (strcmp (patient->birth_date, today) > 0)
        return fail (field, "birth_date", error, _("%s is in the future"), patient->birth_date);
    }

  return TRUE;
}

gboolean
glide_rules_validate_screening (const GlideScreening  *screening,
                                char                 **field,
                                GError               **error)
{
  if ((guint) screening->condition >= glide_code_list_size (GLIDE_CODE_LIST_CONDITION))
    return fail (field, "condition", error, _("is not a known condition"));

  if (!check_date_field (screening->recorded, "recorded", field, error) ||
      !check_text_field (screening->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error))
    return FALSE;

  if (screening->recorded != NULL)
    {
      g_autofree char *today = glide_date_today ();

      if (strcmp (screening->recorded, today) > 0)
        return fail (field, "recorded", error, _("%s is in the future"), screening->recorded);
    }
  return TRUE;
}

gboolean
glide_rules_validate_course (const GlideCourse  *course,
                             char              **field,
                             GError            **error)
{
  GError *local_error = NULL;

  if (!check_text_field (course->diagnosis, FALSE, GLIDE_MAX_NAME_CHARS,
                         "diagnosis", field, error))
    return FALSE;
  if (course->icd10 != NULL && !glide_rules_check_icd10 (course->icd10, &local_error))
    return fail_with (field, "icd10", error, local_error);
  if (!check_date_field (course->start_date, "start_date", field, error) ||
      !check_date_field (course->end_date, "end_date", field, error) ||
      !check_text_field (course->goals, FALSE, GLIDE_MAX_NOTE_CHARS, "goals", field, error))
    return FALSE;

  if (course->end_date != NULL && course->start_date != NULL &&
      strcmp (course->end_date, course->start_date) < 0)
    return fail (field, "end_date", error, _("%s is before the start date %s"),
                 course->end_date, course->start_date);

  return TRUE;
}

static gboolean
check_enum (GlideCodeList   list,
            int             value,
            gboolean        optional,
            const char     *name,
            char          **field,
            GError        **error)
{
  if ((optional && value == -1) ||
      (value >= 0 && (guint) value < glide_code_list_size (list)))
    return TRUE;
  return fail (field, name, error, _("%d is not a %s code"), value, glide_code_list_noun (list));
}

gboolean
glide_rules_validate_treatment (const GlideTreatment  *treatment,
                                char                 **field,
                                GError               **error)
{
  GError *local_error = NULL;

  if (!check_enum (GLIDE_CODE_LIST_SITE, treatment->site, FALSE, "site", field, error))
    return FALSE;
  if (!glide_site_allows_side (treatment->site, treatment->side))
    {
      const char *site = glide_code_list_code (GLIDE_CODE_LIST_SITE, treatment->site);

      if (glide_site_is_lateral (treatment->site))
        return fail (field, "side", error, _("%s needs a side, left or right"), site);
      return fail (field, "side", error, _("%s is a midline area (side must be midline)"), site);
    }
  if (!check_enum (GLIDE_CODE_LIST_STROKE, treatment->stroke, FALSE, "stroke", field, error))
    return FALSE;
  if (!glide_rules_check_duration (treatment->duration_s, &local_error))
    return fail_with (field, "duration_s", error, local_error);
  return check_enum (GLIDE_CODE_LIST_EDGE, treatment->edge, FALSE, "edge", field, error) &&
         check_enum (GLIDE_CODE_LIST_TECHNIQUE, treatment->technique, TRUE, "technique",
                     field, error) &&
         check_enum (GLIDE_CODE_LIST_PRESSURE, treatment->pressure, TRUE, "pressure",
                     field, error) &&
         check_enum (GLIDE_CODE_LIST_REDNESS, treatment->redness, FALSE, "redness",
                     field, error) &&
         check_text_field (treatment->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error);
}

gboolean
glide_rules_validate_measurement (const GlideMeasurement  *measurement,
                                  char                   **field,
                                  GError                 **error)
{
  GError *local_error = NULL;

  if (!check_enum (GLIDE_CODE_LIST_MEASURE, measurement->measure, FALSE, "measure",
                   field, error))
    return FALSE;
  if (!glide_rules_check_measure_side (measurement->measure, measurement->side, &local_error))
    return fail_with (field, "side", error, local_error);
  if (!check_enum (GLIDE_CODE_LIST_TIMING, measurement->timing, FALSE, "timing", field, error))
    return FALSE;
  if (!glide_rules_check_measure_value (measurement->measure, measurement->value, &local_error))
    return fail_with (field, "value", error, local_error);
  return TRUE;
}

gboolean
glide_rules_validate_addendum (const GlideAddendum  *addendum,
                               const char           *signed_at,
                               char                **field,
                               GError              **error)
{
  if (signed_at == NULL)
    return fail (field, "", error, _("a draft session cannot have addenda; sign it first"));
  if (addendum->therapist_id == 0)
    return fail (field, "by", error, _("is required"));
  if (!check_datetime_field (addendum->at, "at", field, error))
    return FALSE;
  if (glide_datetime_compare (addendum->at, signed_at) < 0)
    return fail (field, "at", error, _("%s is before the session was signed (%s)"),
                 addendum->at, signed_at);
  return check_text_field (addendum->text, TRUE, GLIDE_MAX_NOTE_CHARS, "text", field, error);
}

/* A signature needs its signer and a time no earlier than the session and
 * no later than a year after it (compared as instants). */
gboolean
glide_rules_validate_signature (const char  *session_start,
                                gint64       signed_by,
                                const char  *signed_at,
                                char       **field,
                                GError     **error)
{
  if (signed_by == 0)
    return fail (field, "signed.by", error, _("is required"));
  if (!check_datetime_field (signed_at, "signed.at", field, error))
    return FALSE;
  if (glide_datetime_compare (signed_at, session_start) < 0)
    return fail (field, "signed.at", error, _("%s is before the session started (%s)"),
                 signed_at, session_start);
  if (glide_datetime_compare_years_after (signed_at, session_start,
                                          GLIDE_MAX_SIGNATURE_DELAY_YEARS) > 0)
    return fail (field, "signed.at", error, _("%s is more than a year after the session started "
                 "(%s); a note is signed when it is written, later corrections are addenda"),
                 signed_at, session_start);
  return TRUE;
}

/* The first contraindication on file that applies to a session on that date:
 * present, and recorded on or before the session's day (or undated). */
const GlideScreening *
glide_rules_find_contraindication (const GPtrArray *screening,
                                   const char      *session_start)
{
  if (screening == NULL)
    return NULL;

  for (guint i = 0; i < screening->len; i++)
    {
      const GlideScreening *s = g_ptr_array_index (screening, i);

      if (!s->present ||
          glide_condition_get_kind (s->condition) != GLIDE_CONDITION_KIND_CONTRAINDICATION)
        continue;
      if (s->recorded == NULL || session_start == NULL ||
          strncmp (s->recorded, session_start, 10) <= 0)
        return s;
    }
  return NULL;
}

/* Schema 7's part of a session: its end, total and timed minutes per
 * billing code (CMS: the timed minutes are part of the total), exercises,
 * the follow-up of the visit before. */
static gboolean
validate_session_details (const GlideSession  *session,
                          char               **field,
                          GError             **error)
{
  guint timed = 0;

  if (session->end != NULL)
    {
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;

      if (!check_datetime_field (session->end, "end", field, error))
        return FALSE;
      start = glide_datetime_parse (session->start, NULL);
      end = glide_datetime_parse (session->end, NULL);
      if (start != NULL && g_date_time_compare (end, start) <= 0)
        return fail (field, "end", error, _("%s is not after the session started (%s)"),
                     session->end, session->start);
      if (start != NULL &&
          g_date_time_difference (end, start) > (GTimeSpan) GLIDE_MAX_SESSION_MINUTES * G_TIME_SPAN_MINUTE)
        return fail (field, "end", error, _("%s is more than %d hours after the session started"),
                     session->end, GLIDE_MAX_SESSION_MINUTES / 60);
    }
  if (session->total_minutes > GLIDE_MAX_SESSION_MINUTES)
    return fail (field, "total_minutes", error, _("%u is out of range 0-%d"),
                 session->total_minutes, GLIDE_MAX_SESSION_MINUTES);

  for (guint i = 0; i < session->billing->len; i++)
    {
      const GlideBilledTime *time = g_ptr_array_index (session->billing, i);
      g_autofree char *name = g_strdup_printf ("billing[%u].code", i);

      if (!glide_billing_code_is_valid (time->code))
        return fail (field, name, error, _("\"%s\" is not a billing code (1 to 8 capital letters "
                     "and digits, e.g. 97140)"), time->code ? time->code : "");
      for (guint j = 0; j < i; j++)
        if (strcmp (((GlideBilledTime *) g_ptr_array_index (session->billing, j))->code,
                    time->code) == 0)
          return fail (field, name, error, _("%s is listed twice"), time->code);
      if (time->minutes < 1 || time->minutes > GLIDE_MAX_SESSION_MINUTES)
        {
          g_free (name);
          name = g_strdup_printf ("billing[%u].minutes", i);
          return fail (field, name, error, _("%u is out of range 1-%d"), time->minutes,
                       GLIDE_MAX_SESSION_MINUTES);
        }
      timed += time->minutes;
    }
  if (session->total_minutes > 0 && timed > session->total_minutes)
    return fail (field, "total_minutes", error, _("%u is less than the %u timed minutes billed"),
                 session->total_minutes, timed);

  for (guint i = 0; i < session->exercises->len; i++)
    {
      const GlideExercise *exercise = g_ptr_array_index (session->exercises, i);
      GError *local_error = NULL;
      char *inner = NULL;

      if (!check_text_field (exercise->name, TRUE, GLIDE_MAX_NAME_CHARS, "name", &inner,
                             &local_error) ||
          !check_text_field (exercise->load, FALSE, GLIDE_MAX_NAME_CHARS, "load", &inner,
                             &local_error))
        return fail_nested (field, "exercises", i, inner, error, local_error);
      if (exercise->sets > GLIDE_MAX_SETS || exercise->reps > GLIDE_MAX_REPS ||
          exercise->hold_s > GLIDE_DURATION_MAX)
        {
          const char *key = exercise->sets > GLIDE_MAX_SETS ? "sets" :
                            exercise->reps > GLIDE_MAX_REPS ? "reps" : "hold_s";
          guint value = exercise->sets > GLIDE_MAX_SETS ? exercise->sets :
                        exercise->reps > GLIDE_MAX_REPS ? exercise->reps : exercise->hold_s;
          guint max = exercise->sets > GLIDE_MAX_SETS ? GLIDE_MAX_SETS :
                      exercise->reps > GLIDE_MAX_REPS ? GLIDE_MAX_REPS : GLIDE_DURATION_MAX;

          local_error = g_error_new (GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                                     "%u is out of range 0-%u", value, max);
          return fail_nested (field, "exercises", i, g_strdup (key), error, local_error);
        }
      if (exercise->side != GLIDE_SIDE_NONE && exercise->side != GLIDE_SIDE_LEFT &&
          exercise->side != GLIDE_SIDE_RIGHT)
        {
          local_error = g_error_new_literal (GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                                             "an exercise's side is left or right (or none)");
          return fail_nested (field, "exercises", i, g_strdup ("side"), error, local_error);
        }
    }

  if ((int) session->reaction >= 0 &&
      !check_enum (GLIDE_CODE_LIST_REACTION, session->reaction, FALSE, "follow_up.reaction",
                   field, error))
    return FALSE;
  return check_text_field (session->reaction_note, FALSE, GLIDE_MAX_NOTE_CHARS,
                           "follow_up.note", field, error);
}

gboolean
glide_rules_validate_session (const GlideSession  *session,
                              const GlideCourse   *course,
                              const GPtrArray     *screening,
                              char               **field,
                              GError             **error)
{
  GError *local_error = NULL;
  const GlideScreening *contraindication;

  if (!check_datetime_field (session->start, "start", field, error))
    return FALSE;
  if (session->therapist_id == 0)
    return fail (field, "therapist", error, _("is required"));

  if (course != NULL)
    {
      if (course->start_date != NULL && strncmp (session->start, course->start_date, 10) < 0)
        return fail (field, "start", error, _("%s is before the course started (%s)"),
                     session->start, course->start_date);
      if (course->end_date != NULL && strncmp (session->start, course->end_date, 10) > 0)
        return fail (field, "start", error, _("%s is after the course ended (%s)"),
                     session->start, course->end_date);
    }

  if (!check_text_field (session->emollient, FALSE, GLIDE_MAX_NAME_CHARS,
                         "emollient", field, error) ||
      !check_text_field (session->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error) ||
      !check_text_field (session->home_program, FALSE, GLIDE_MAX_NOTE_CHARS,
                         "home_program", field, error))
    return FALSE;

  if (session->contraindication_override != NULL &&
      !check_text_field (session->contraindication_override, TRUE, GLIDE_MAX_NOTE_CHARS,
                         "contraindication_override", field, error))
    return FALSE;

  contraindication = glide_rules_find_contraindication (screening, session->start);
  if (contraindication != NULL && session->treatments->len > 0 &&
      session->contraindication_override == NULL)
    return fail (field, "contraindication_override", error,
                 _("a reason is required because the patient has a contraindication on file (%s)"),
                 glide_code_list_code (GLIDE_CODE_LIST_CONDITION, contraindication->condition));

  if ((session->signed_at != NULL || session->signed_by != 0) &&
      !glide_rules_validate_signature (session->start, session->signed_by, session->signed_at,
                                       field, error))
    return FALSE;

  for (guint i = 0; i < session->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (session->treatments, i);
      char *inner = NULL;

      if (!glide_rules_validate_treatment (t, &inner, &local_error))
        return fail_nested (field, "treatments", i, inner, error, local_error);

      for (guint j = 0; j < i; j++)
        {
          const GlideTreatment *u = g_ptr_array_index (session->treatments, j);

          if (u->site == t->site && u->side == t->side)
            {
              g_autofree char *area = glide_area_get_id (t->site, t->side);

              local_error = g_error_new (GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                                         "%s is already treated in this session (treatments[%u])",
                                         area, j);
              return fail_nested (field, "treatments", i, g_strdup ("site"), error, local_error);
            }
        }
    }

  for (guint i = 0; i < session->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (session->measurements, i);
      char *inner = NULL;

      if (!glide_rules_validate_measurement (m, &inner, &local_error))
        return fail_nested (field, "measures", i, inner, error, local_error);

      for (guint j = 0; j < i; j++)
        {
          const GlideMeasurement *n = g_ptr_array_index (session->measurements, j);

          if (n->measure == m->measure && n->side == m->side && n->timing == m->timing)
            {
              local_error = g_error_new (GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                                         "%s %s%s%s is recorded twice (measures[%u])",
                                         glide_code_list_code (GLIDE_CODE_LIST_MEASURE, m->measure),
                                         glide_code_list_code (GLIDE_CODE_LIST_TIMING, m->timing),
                                         m->side != GLIDE_SIDE_NONE ? " " : "",
                                         m->side != GLIDE_SIDE_NONE ?
                                           glide_code_list_code (GLIDE_CODE_LIST_SIDE, m->side) : "",
                                         j);
              return fail_nested (field, "measures", i, g_strdup ("measure"), error, local_error);
            }
        }
    }

  if (!validate_session_details (session, field, error))
    return FALSE;

  for (guint i = 0; i < session->addenda->len; i++)
    {
      char *inner = NULL;

      if (!glide_rules_validate_addendum (g_ptr_array_index (session->addenda, i),
                                          session->signed_at, &inner, &local_error))
        return fail_nested (field, "addenda", i, inner, error, local_error);
    }

  return TRUE;
}

/* How far a value must move in the better direction to count: the MCID of
 * pain (2 points or 30 % of the baseline, whichever is smaller) and of the
 * function scales, the MDC of goniometry for ROM. */
double
glide_rules_get_improvement_threshold (GlideMeasure measure,
                                       double       baseline,
                                       gboolean     same_rater)
{
  switch (glide_measure_get_kind (measure))
    {
    case GLIDE_MEASURE_KIND_PAIN:
      return MIN (glide_measure_get_mcid (measure), PAIN_RELATIVE_MCID * baseline);
    case GLIDE_MEASURE_KIND_ROM:
      return same_rater ? MDC_SAME_RATER : MDC_RATER_CHANGED;
    case GLIDE_MEASURE_KIND_FUNCTION:
    default:
      return glide_measure_get_mcid (measure);
    }
}

/* The verdict on a change from the first to the latest pre-treatment value.
 * Worsening counts only when it reaches the full MCID (pain: 2 points) or the
 * MDC, so that noise is never reported as decline. */
GlideVerdict
glide_rules_judge_change (GlideMeasure measure,
                          double       first,
                          double       latest,
                          gboolean     same_rater)
{
  double gain = latest - first;
  double improvement;
  double worsening;

  if (glide_measure_get_better (measure) == GLIDE_BETTER_LOWER)
    gain = -gain;

  improvement = glide_rules_get_improvement_threshold (measure, first, same_rater);
  worsening = glide_measure_get_kind (measure) == GLIDE_MEASURE_KIND_ROM ?
              improvement : glide_measure_get_mcid (measure);

  /* Compare with a tolerance so 7 -> 4.9 (30 % of 7 is 2.1) is decided on the
   * clinical numbers, not on floating point noise. */
  if (gain > 0 && gain + 1e-9 >= improvement)
    return GLIDE_VERDICT_IMPROVED;
  if (gain < 0 && -gain + 1e-9 >= worsening)
    return GLIDE_VERDICT_WORSE;
  if (glide_measure_get_kind (measure) == GLIDE_MEASURE_KIND_ROM)
    return GLIDE_VERDICT_WITHIN_ERROR;
  return GLIDE_VERDICT_NOT_YET;
}

/* ---- timed codes and their units ------------------------------------------- */

/**
 * glide_rules_units_for_minutes:
 * @band_low: (out) (optional): the fewest minutes that give as many units
 * @band_high: (out) (optional): the most minutes that do (G_MAXUINT: none)
 *
 * CMS's table of timed minutes and units (Medicare Claims Processing Manual,
 * chapter 5, 20.2): under 8 minutes no unit, 8 to 22 one, 23 to 37 two, 38
 * to 52 three, and so on, a unit per 15 minutes from 8 on.
 *
 * Returns: the units @minutes give
 */
guint
glide_rules_units_for_minutes (guint  minutes,
                               guint *band_low,
                               guint *band_high)
{
  guint units = minutes < 8 ? 0 : (minutes - 8) / 15 + 1;

  if (band_low != NULL)
    *band_low = units == 0 ? 0 : 8 + (units - 1) * 15;
  if (band_high != NULL)
    *band_high = 7 + units * 15;
  return units;
}

/**
 * glide_rules_allocate_units:
 * @codes: (array length=n_codes): the visit's timed codes, in the clinic's
 *   order of its code list (which breaks ties)
 *
 * Sets each code's units. CMS's 8-minute rule: the total of the timed
 * minutes gives the units (glide_rules_units_for_minutes()); each code first
 * gets its whole 15 minutes, and the units left over go one each to the
 * codes with the most minutes beyond those (CMS's examples: 24 minutes of
 * 97112 and 23 of 97110 are 47 minutes, 3 units: two of 97112, one of
 * 97110; 33 minutes of 97110 and 7 of 97140 are 40 minutes, 3 units: two of
 * 97110, one of 97140). Equal remainders: the code earlier in @codes. The
 * rule of eights: each code's own minutes by the same table.
 *
 * Returns: the units of the visit
 */
guint
glide_rules_allocate_units (GlideUnitsMethod  method,
                            GlideTimedCode   *codes,
                            guint             n_codes)
{
  guint total_minutes = 0, total_units = 0, left;

  for (guint i = 0; i < n_codes; i++)
    {
      codes[i].full_units = codes[i].minutes / 15;
      codes[i].remainder = codes[i].minutes % 15;
      codes[i].extra = FALSE;
      total_minutes += codes[i].minutes;
      if (method == GLIDE_UNITS_RULE_OF_EIGHTS)
        {
          codes[i].units = glide_rules_units_for_minutes (codes[i].minutes, NULL, NULL);
          codes[i].extra = codes[i].units > codes[i].full_units;
          total_units += codes[i].units;
        }
      else
        {
          codes[i].units = codes[i].full_units;
          total_units += codes[i].full_units;
        }
    }
  if (method == GLIDE_UNITS_RULE_OF_EIGHTS)
    return total_units;

  /* At most one unit over per code: each remainder is under 15 minutes. */
  left = glide_rules_units_for_minutes (total_minutes, NULL, NULL) - total_units;
  for (; left > 0; left--)
    {
      GlideTimedCode *best = NULL;

      for (guint i = 0; i < n_codes; i++)
        if (!codes[i].extra && codes[i].remainder > 0 &&
            (best == NULL || codes[i].remainder > best->remainder))
          best = &codes[i];
      if (best == NULL)
        break;
      best->extra = TRUE;
      best->units++;
      total_units++;
    }
  return total_units;
}

/**
 * glide_rules_progress_report_due:
 * @visits_since: visits documented since the last progress report (or since
 *   the course began)
 * @interval: visits between reports (GLIDE_PROGRESS_REPORT_VISITS by default)
 * @due_date: (nullable): the date the therapist set for the next report
 * @today: today's date, YYYY-MM-DD
 * @visits_left: (out) (optional): visits before the one the report is due at
 *
 * Whichever comes first: the visit that completes the interval (the report
 * is due at it: after @interval - 1 visits it is due at the next one, and
 * overdue once @interval visits have passed without it), or the date (due
 * on the day, overdue after it).
 */
GlideReportDue
glide_rules_progress_report_due (guint       visits_since,
                                 guint       interval,
                                 const char *due_date,
                                 const char *today,
                                 guint      *visits_left)
{
  GlideReportDue by_visits, by_date = GLIDE_REPORT_NOT_DUE;

  interval = MAX (interval, 1);
  if (visits_left != NULL)
    *visits_left = visits_since + 1 >= interval ? 0 : interval - 1 - visits_since;
  by_visits = visits_since >= interval ? GLIDE_REPORT_OVERDUE :
              visits_since + 1 >= interval ? GLIDE_REPORT_DUE : GLIDE_REPORT_NOT_DUE;
  /* Dates in one format compare as text. */
  if (due_date != NULL && today != NULL)
    {
      int order = strcmp (today, due_date);

      by_date = order > 0 ? GLIDE_REPORT_OVERDUE : order == 0 ? GLIDE_REPORT_DUE
                                                             : GLIDE_REPORT_NOT_DUE;
    }
  return MAX (by_visits, by_date);
}

/* ---- the course of care ---------------------------------------------------- */

gboolean
glide_rules_validate_goal (const GlideGoal  *goal,
                           char            **field,
                           GError          **error)
{
  GError *local_error = NULL;

  if (!check_text_field (goal->text, TRUE, GLIDE_MAX_LINE_CHARS, "text", field, error))
    return FALSE;
  if (goal->measure != (GlideMeasure) -1)
    {
      if (!check_enum (GLIDE_CODE_LIST_MEASURE, goal->measure, FALSE, "measure", field, error))
        return FALSE;
      if (!glide_rules_check_measure_side (goal->measure, goal->side, &local_error))
        return fail_with (field, "side", error, local_error);
      if (!glide_rules_check_measure_value (goal->measure, goal->target, &local_error))
        return fail_with (field, "target", error, local_error);
    }
  else if (goal->side != GLIDE_SIDE_NONE)
    return fail (field, "side", error, _("a goal without a measure has no side"));
  if (!check_date_field (goal->target_date, "target_date", field, error))
    return FALSE;
  if (goal->created_by == 0)
    return fail (field, "created.by", error, _("is required"));
  if (!check_datetime_field (goal->created_at, "created.at", field, error))
    return FALSE;
  if (goal->target_date != NULL && strncmp (goal->target_date, goal->created_at, 10) < 0)
    return fail (field, "target_date", error, _("%s is before the goal was set (%s)"),
                 goal->target_date, goal->created_at);
  return TRUE;
}

gboolean
glide_rules_validate_goal_status (const GlideGoalStatusEntry  *entry,
                                  const char                  *goal_created_at,
                                  char                       **field,
                                  GError                     **error)
{
  if (!check_enum (GLIDE_CODE_LIST_GOAL_STATUS, entry->status, FALSE, "status", field, error))
    return FALSE;
  if (entry->by == 0)
    return fail (field, "by", error, _("is required"));
  if (!check_datetime_field (entry->at, "at", field, error))
    return FALSE;
  if (goal_created_at != NULL && glide_datetime_compare (entry->at, goal_created_at) < 0)
    return fail (field, "at", error, _("%s is before the goal was set (%s)"),
                 entry->at, goal_created_at);
  return check_text_field (entry->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error);
}

/* The clinic's settings: an interval of 1-30 visits, at least one billing
 * code, each valid and listed once, with a label. */
gboolean
glide_rules_validate_care_settings (const GlideCareSettings  *settings,
                                    char                    **field,
                                    GError                  **error)
{
  if (!check_enum (GLIDE_CODE_LIST_UNITS_METHOD, settings->units_method, FALSE, "units_method",
                   field, error))
    return FALSE;
  if (settings->report_visits < 1 || settings->report_visits > GLIDE_MAX_REPORT_VISITS)
    return fail (field, "progress_report_visits", error, _("%u is out of range 1-%d"),
                 settings->report_visits, GLIDE_MAX_REPORT_VISITS);
  if (settings->billing_codes->len == 0)
    return fail (field, "billing_codes", error, _("at least one billing code is needed"));
  for (guint i = 0; i < settings->billing_codes->len; i++)
    {
      const GlideClinicCode *code = g_ptr_array_index (settings->billing_codes, i);
      g_autofree char *name = g_strdup_printf ("billing_codes[%u].code", i);
      g_autofree char *label = g_strdup_printf ("billing_codes[%u].label", i);

      if (!glide_billing_code_is_valid (code->code))
        return fail (field, name, error, _("\"%s\" is not a billing code (1 to 8 capital letters "
                     "and digits, e.g. 97140)"), code->code ? code->code : "");
      for (guint j = 0; j < i; j++)
        if (strcmp (((GlideClinicCode *) g_ptr_array_index (settings->billing_codes, j))->code,
                    code->code) == 0)
          return fail (field, name, error, _("%s is listed twice"), code->code);
      if (!check_text_field (code->label, TRUE, GLIDE_MAX_NAME_CHARS, label, field, error))
        return FALSE;
      if (strchr (code->label, '\t') != NULL || strchr (code->label, '\n') != NULL)
        return fail (field, label, error, _("must be one line without tabs"));
    }
  return TRUE;
}

/* An NPI is ten digits whose last is a Luhn check digit over "80840" and
 * the first nine (CMS, NPI check digit). A local id (anything else) is only
 * a short line of text. */
gboolean
glide_rules_check_npi (const char  *id,
                       GError     **error)
{
  static const char prefix[] = "80840";
  char digits[16];
  guint sum = 0;
  gsize n = strlen (id);

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (id[i]))
      return TRUE;
  if (n != 10)
    return TRUE;

  g_snprintf (digits, sizeof digits, "%s%s", prefix, id);
  /* From the right, doubling every second digit left of the check digit. */
  for (gsize i = 0; i < 15; i++)
    {
      guint d = digits[14 - i] - '0';

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  if (sum % 10 != 0)
    {
      g_set_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID,
                   _("%s is not a valid NPI (its check digit does not match)"), id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_physician (const char  *name,
                 const char  *id,
                 const char  *name_field,
                 const char  *id_field,
                 char       **field,
                 GError     **error)
{
  GError *local_error = NULL;

  if (!check_text_field (name, FALSE, GLIDE_MAX_NAME_CHARS, name_field, field, error) ||
      !check_text_field (id, FALSE, GLIDE_MAX_CODE_CHARS, id_field, field, error))
    return FALSE;
  if (id != NULL && !glide_rules_check_npi (id, &local_error))
    return fail_with (field, id_field, error, local_error);
  if (id != NULL && *id != '\0' && is_blank (name))
    return fail (field, name_field, error, _("is required with an id"));
  return TRUE;
}

gboolean
glide_rules_validate_care_plan (const GlideCarePlan  *plan,
                                char                **field,
                                GError              **error)
{
  if (plan->cert_start == NULL)
    return fail (field, "cert_start", error, _("is required"));
  if (plan->cert_end == NULL)
    return fail (field, "cert_end", error, _("is required"));
  if (!check_date_field (plan->cert_start, "cert_start", field, error) ||
      !check_date_field (plan->cert_end, "cert_end", field, error))
    return FALSE;
  if (strcmp (plan->cert_end, plan->cert_start) < 0)
    return fail (field, "cert_end", error, _("%s is before the start of the period %s"),
                 plan->cert_end, plan->cert_start);
  if (plan->visits_per_week > GLIDE_MAX_VISITS_PER_WEEK)
    return fail (field, "visits_per_week", error, _("%u is out of range 1-%d"),
                 plan->visits_per_week, GLIDE_MAX_VISITS_PER_WEEK);
  if (plan->weeks > GLIDE_MAX_PLAN_WEEKS)
    return fail (field, "weeks", error, _("%u is out of range 1-%d"), plan->weeks,
                 GLIDE_MAX_PLAN_WEEKS);
  for (guint i = 0; i < plan->interventions->len; i++)
    {
      GlideIntervention v = g_array_index (plan->interventions, GlideIntervention, i);
      g_autofree char *name = g_strdup_printf ("interventions[%u]", i);

      if (!check_enum (GLIDE_CODE_LIST_INTERVENTION, v, FALSE, name, field, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_array_index (plan->interventions, GlideIntervention, j) == v)
          return fail (field, name, error, _("%s is listed twice"),
                       glide_code_list_code (GLIDE_CODE_LIST_INTERVENTION, v));
    }
  if (!check_physician (plan->referring_name, plan->referring_id, "referring.name",
                        "referring.id", field, error) ||
      !check_physician (plan->certifying_name, plan->certifying_id, "certifying.name",
                        "certifying.id", field, error) ||
      !check_date_field (plan->certified_on, "certifying.signed", field, error) ||
      !check_date_field (plan->report_due, "report_due", field, error) ||
      !check_text_field (plan->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error))
    return FALSE;
  if (plan->certified_on != NULL && is_blank (plan->certifying_name))
    return fail (field, "certifying.name", error, _("is required when the plan is certified"));
  if (plan->written_by == 0)
    return fail (field, "written.by", error, _("is required"));
  return check_datetime_field (plan->written_at, "written.at", field, error);
}

gboolean
glide_rules_validate_progress_report (const GlideProgressReport  *report,
                                      char                      **field,
                                      GError                    **error)
{
  if (report->date == NULL)
    return fail (field, "date", error, _("is required"));
  if (report->period_start == NULL)
    return fail (field, "period_start", error, _("is required"));
  if (report->period_end == NULL)
    return fail (field, "period_end", error, _("is required"));
  if (!check_date_field (report->date, "date", field, error) ||
      !check_date_field (report->period_start, "period_start", field, error) ||
      !check_date_field (report->period_end, "period_end", field, error) ||
      !check_date_field (report->next_due, "next_due", field, error))
    return FALSE;
  if (strcmp (report->period_end, report->period_start) < 0)
    return fail (field, "period_end", error, _("%s is before the start of the period %s"),
                 report->period_end, report->period_start);
  if (strcmp (report->date, report->period_end) < 0)
    return fail (field, "date", error, _("%s is before the end of the period it reports (%s)"),
                 report->date, report->period_end);
  if (report->next_due != NULL && strcmp (report->next_due, report->date) <= 0)
    return fail (field, "next_due", error, _("%s is not after the report's date %s"),
                 report->next_due, report->date);
  if (report->visits > GLIDE_MAX_PLAN_WEEKS * GLIDE_MAX_VISITS_PER_WEEK)
    return fail (field, "visits", error, _("%u is out of range 0-%d"), report->visits,
                 GLIDE_MAX_PLAN_WEEKS * GLIDE_MAX_VISITS_PER_WEEK);
  if (!check_text_field (report->assessment, TRUE, GLIDE_MAX_NOTE_CHARS, "assessment",
                         field, error) ||
      !check_text_field (report->plan, FALSE, GLIDE_MAX_NOTE_CHARS, "plan", field, error))
    return FALSE;
  if (report->signed_by == 0)
    return fail (field, "signed.by", error, _("is required"));
  if (!check_datetime_field (report->signed_at, "signed.at", field, error))
    return FALSE;
  if (strncmp (report->signed_at, report->date, 10) < 0)
    return fail (field, "signed.at", error, _("%s is before the report's date %s"),
                 report->signed_at, report->date);
  return TRUE;
}

gboolean
glide_rules_validate_consent (const GlideConsent  *consent,
                              char               **field,
                              GError             **error)
{
  if (consent->obtained_by == 0)
    return fail (field, "by", error, _("is required"));
  return check_datetime_field (consent->at, "at", field, error) &&
         check_text_field (consent->risks, TRUE, GLIDE_MAX_LINE_CHARS, "risks", field, error) &&
         check_text_field (consent->note, FALSE, GLIDE_MAX_NOTE_CHARS, "note", field, error);
}

gboolean
glide_rules_validate_discharge (const GlideDischarge  *discharge,
                                char                 **field,
                                GError               **error)
{
  if (discharge->date == NULL)
    return fail (field, "date", error, _("is required"));
  if (!check_date_field (discharge->date, "date", field, error) ||
      !check_enum (GLIDE_CODE_LIST_DISCHARGE_REASON, discharge->reason, FALSE, "reason",
                   field, error) ||
      !check_text_field (discharge->note, TRUE, GLIDE_MAX_NOTE_CHARS, "note", field, error))
    return FALSE;
  if (discharge->by == 0)
    return fail (field, "by", error, _("is required"));
  if (!check_datetime_field (discharge->at, "at", field, error))
    return FALSE;
  if (strncmp (discharge->at, discharge->date, 10) < 0)
    return fail (field, "at", error, _("%s is before the discharge date %s"),
                 discharge->at, discharge->date);
  return TRUE;
}

/**
 * glide_rules_recertification_due:
 * @cert_end: the plan of care's last day, YYYY-MM-DD
 * @today: YYYY-MM-DD
 * @days_left: (out) (optional): days from @today to @cert_end (negative: past)
 *
 * Returns: due within GLIDE_RECERTIFICATION_NOTICE_DAYS of the period's
 *   end, overdue once it has ended
 */
GlideReportDue
glide_rules_recertification_due (const char *cert_end,
                                 const char *today,
                                 int        *days_left)
{
  int left = glide_date_days_between (today, cert_end);

  if (days_left != NULL)
    *days_left = left;
  if (left < 0)
    return GLIDE_REPORT_OVERDUE;
  if (left <= GLIDE_RECERTIFICATION_NOTICE_DAYS)
    return GLIDE_REPORT_DUE;
  return GLIDE_REPORT_NOT_DUE;
}

/* ---- goals ---------------------------------------------------------------- */

/* A value reaches a goal's target when it is at least as good: at or below
 * it where lower is better (pain), at or above it otherwise (ROM, LEFS). */
gboolean
glide_rules_goal_reached (GlideMeasure measure,
                          double       target,
                          double       value)
{
  if (glide_measure_get_better (measure) == GLIDE_BETTER_LOWER)
    return value <= target + 1e-9;
  return value + 1e-9 >= target;
}

/**
 * glide_rules_propose_goal_status:
 * @values: (array length=n_values): the linked measure's signed values in
 *   visit order (the caller chooses which: Glide takes the value measured
 *   before treatment, which shows what lasted from one visit to the next)
 * @same_rater: whether one therapist measured the first and the latest value
 *   (for ROM's minimal detectable change)
 * @target_date: (nullable): YYYY-MM-DD
 * @today: YYYY-MM-DD
 *
 * Met when the latest value reaches the target. Once the target date has
 * passed without that: partly met when the patient came at least
 * GLIDE_GOAL_PARTLY_MET_FRACTION of the way and the change is more than
 * measurement noise (glide_rules_judge_change() says improved), not met
 * otherwise. Before it: not started while there is at most the first value,
 * progressing after.
 */
void
glide_rules_propose_goal_status (GlideMeasure        measure,
                                 double              target,
                                 const double       *values,
                                 guint               n_values,
                                 gboolean            same_rater,
                                 const char         *target_date,
                                 const char         *today,
                                 GlideGoalProposal  *proposal)
{
  double first, latest, distance;
  gboolean past;

  g_return_if_fail (proposal != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);

  proposal->verdict = GLIDE_VERDICT_NOT_YET;
  if (n_values == 0)
    {
      proposal->status = GLIDE_GOAL_NOT_STARTED;
      proposal->fraction = NAN;
      return;
    }

  first = values[0];
  latest = values[n_values - 1];
  if (n_values > 1)
    proposal->verdict = glide_rules_judge_change (measure, first, latest, same_rater);

  if (glide_rules_goal_reached (measure, target, latest))
    {
      proposal->status = GLIDE_GOAL_MET;
      proposal->fraction = 1;
      return;
    }

  distance = target - first;
  proposal->fraction = distance == 0 ? 0 : CLAMP ((latest - first) / distance, 0, 1);

  past = target_date != NULL && today != NULL && strcmp (today, target_date) > 0;
  if (past)
    proposal->status = proposal->fraction + 1e-9 >= GLIDE_GOAL_PARTLY_MET_FRACTION &&
                       proposal->verdict == GLIDE_VERDICT_IMPROVED ?
                       GLIDE_GOAL_PARTLY_MET : GLIDE_GOAL_NOT_MET;
  else
    proposal->status = n_values > 1 ? GLIDE_GOAL_PROGRESSING : GLIDE_GOAL_NOT_STARTED;
}

/**
 * glide_rules_discharge_status_at:
 * @date: the discharge date, YYYY-MM-DD
 * @latest: (nullable): when the goal's latest status was set
 * @now: the present, a local date-time
 *
 * When a goal's status set in a discharge takes effect: the end of the
 * discharge's day (a discharge written up days later reads "Met since" its
 * own date), never after @now nor before the goal's latest status, which
 * the history keeps in order.
 *
 * Returns: a local date-time, YYYY-MM-DDTHH:MM:SS
 */
char *
glide_rules_discharge_status_at (const char *date,
                                 const char *latest,
                                 const char *now)
{
  g_autofree char *end_of_day = g_strconcat (date, "T23:59:59", NULL);
  const char *at = glide_datetime_compare (end_of_day, now) < 0 ? end_of_day : now;

  if (latest != NULL && glide_datetime_compare (at, latest) < 0)
    at = latest;
  return g_strdup (at);
}
