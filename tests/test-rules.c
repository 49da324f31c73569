/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-rules.c: the code lists match DOMAIN.md, and the clinical rules, dates
 * and search folding decide as a clinician would. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "glide-codes.h"
#include "glide-date.h"
#include "glide-json-writer.h"
#include "glide-rules.h"
#include "glide-text.h"

static void
test_code_lists (void)
{
  guint areas = 0, front_areas = 0, back_areas = 0;
  int value;

  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_SITE), ==, GLIDE_N_SITES);
  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_MEASURE), ==, GLIDE_N_MEASURES);
  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_CONDITION), ==, 20);
  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_TECHNIQUE), ==, 7);
  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_REDNESS), ==, 5);
  g_assert_cmpuint (glide_code_list_size (GLIDE_CODE_LIST_MATERIAL), ==, 5);

  for (guint site = 0; site < GLIDE_N_SITES; site++)
    {
      guint n = glide_site_is_lateral (site) ? 2 : 1;

      areas += n;
      if (glide_site_get_view (site) == GLIDE_VIEW_FRONT)
        front_areas += n;
      else
        back_areas += n;
      g_assert_true (glide_code_list_lookup (GLIDE_CODE_LIST_SITE,
                                             glide_code_list_code (GLIDE_CODE_LIST_SITE, site),
                                             &value));
      g_assert_cmpint (value, ==, site);
      g_assert_cmpstr (glide_code_list_label (GLIDE_CODE_LIST_SITE, site), !=, "");
    }
  g_assert_cmpuint (areas, ==, GLIDE_N_AREAS);
  g_assert_cmpuint (front_areas, ==, 32);
  g_assert_cmpuint (back_areas, ==, 47);

  g_assert_false (glide_site_is_lateral (GLIDE_SITE_THORACOLUMBAR_FASCIA));
  g_assert_true (glide_site_allows_side (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT));
  g_assert_false (glide_site_allows_side (GLIDE_SITE_CALF, GLIDE_SIDE_MIDLINE));
  g_assert_cmpint (glide_site_get_view (GLIDE_SITE_PLANTAR_FASCIA), ==, GLIDE_VIEW_BACK);
  g_assert_cmpint (glide_site_get_view (GLIDE_SITE_IT_BAND), ==, GLIDE_VIEW_FRONT);
  g_assert_false (glide_code_list_lookup (GLIDE_CODE_LIST_SITE, "calves", NULL));
  g_assert_false (glide_code_list_lookup (GLIDE_CODE_LIST_SITE, "Calf", NULL));
  g_assert_false (glide_code_list_lookup (GLIDE_CODE_LIST_SITE, "calf ", NULL));
  g_assert_false (glide_code_list_lookup (GLIDE_CODE_LIST_SITE, "", NULL));

  /* In every list each code is found at its own place: the codes are
   * unique, as the interchange and the stored records need. */
  for (GlideCodeList list = 0; list < GLIDE_N_CODE_LISTS; list++)
    for (guint i = 0; i < glide_code_list_size (list); i++)
      {
        g_assert_true (glide_code_list_lookup (list, glide_code_list_code (list, i), &value));
        g_assert_cmpint (value, ==, i);
      }
}

static void
test_areas (void)
{
  g_autofree char *label = glide_area_get_label (GLIDE_SITE_CALF, GLIDE_SIDE_LEFT);
  g_autofree char *midline = glide_area_get_label (GLIDE_SITE_THORACOLUMBAR_FASCIA,
                                                   GLIDE_SIDE_MIDLINE);
  g_autofree char *id = glide_area_get_id (GLIDE_SITE_ACHILLES, GLIDE_SIDE_RIGHT);
  GlideSite site;
  GlideSide side;
  guint segments[2];

  g_assert_cmpstr (label, ==, "Calf (gastrocnemius / soleus), left");
  g_assert_cmpstr (midline, ==, "Thoracolumbar fascia");
  g_assert_cmpstr (id, ==, "achilles--right");
  g_assert_true (glide_area_parse_id ("thoracolumbar-fascia--midline", &site, &side));
  g_assert_cmpint (site, ==, GLIDE_SITE_THORACOLUMBAR_FASCIA);
  g_assert_cmpint (side, ==, GLIDE_SIDE_MIDLINE);
  g_assert_false (glide_area_parse_id ("calf--midline", NULL, NULL));
  g_assert_false (glide_area_parse_id ("calf", NULL, NULL));
  g_assert_false (glide_area_parse_id ("knee--left", NULL, NULL));

  /* CHOIR segments: front 101-136, back 201-238, left odd and right even. */
  for (guint s = 0; s < GLIDE_N_SITES; s++)
    {
      GlideSide sides[] = { GLIDE_SIDE_LEFT, GLIDE_SIDE_RIGHT, GLIDE_SIDE_MIDLINE };

      for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
        {
          guint n;

          if (!glide_site_allows_side (s, sides[i]))
            continue;
          n = glide_site_get_choir_segments (s, sides[i], segments);
          g_assert_cmpuint (n, >=, 1);
          for (guint k = 0; k < n; k++)
            {
              if (glide_site_get_view (s) == GLIDE_VIEW_FRONT)
                g_assert_true (segments[k] >= 101 && segments[k] <= 136);
              else
                g_assert_true (segments[k] >= 201 && segments[k] <= 238);
            }
        }
    }
  g_assert_cmpuint (glide_site_get_choir_segments (GLIDE_SITE_CALF, GLIDE_SIDE_RIGHT, segments), ==, 1);
  g_assert_cmpuint (segments[0] % 2, ==, 0);
}

static void
test_measures (void)
{
  double norm;
  const char *source;

  g_assert_true (glide_measure_get_norm (GLIDE_MEASURE_KNEE_FLEXION, &norm, &source));
  g_assert_cmpfloat (norm, ==, 140);
  g_assert_true (glide_measure_get_norm (GLIDE_MEASURE_KNEE_EXTENSION, &norm, NULL));
  g_assert_cmpfloat (norm, ==, 0);
  g_assert_true (glide_measure_get_norm (GLIDE_MEASURE_ANKLE_INVERSION, &norm, &source));
  g_assert_cmpfloat (norm, ==, 35);
  g_assert_cmpstr (source, ==, "Merck manual");
  g_assert_false (glide_measure_get_norm (GLIDE_MEASURE_PAIN, &norm, NULL));

  g_assert_cmpint (glide_measure_get_laterality (GLIDE_MEASURE_CERVICAL_FLEXION), ==,
                   GLIDE_LATERALITY_MIDLINE);
  g_assert_cmpint (glide_measure_get_laterality (GLIDE_MEASURE_CERVICAL_ROTATION), ==,
                   GLIDE_LATERALITY_LEFT_RIGHT);
  g_assert_cmpint (glide_measure_get_laterality (GLIDE_MEASURE_LUMBAR_LATERAL_FLEXION), ==,
                   GLIDE_LATERALITY_LEFT_RIGHT);
  g_assert_cmpint (glide_measure_get_laterality (GLIDE_MEASURE_ODI), ==, GLIDE_LATERALITY_NONE);
  g_assert_cmpint (glide_measure_get_better (GLIDE_MEASURE_QUICKDASH), ==, GLIDE_BETTER_LOWER);
  g_assert_cmpint (glide_measure_get_better (GLIDE_MEASURE_LEFS), ==, GLIDE_BETTER_HIGHER);
  g_assert_cmpfloat (glide_measure_get_max (GLIDE_MEASURE_LEFS), ==, 80);
  g_assert_cmpfloat (glide_measure_get_mcid (GLIDE_MEASURE_FAAM_ADL), ==, 8);
}

static void
test_value_rules (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_rules_check_duration (1, NULL));
  g_assert_true (glide_rules_check_duration (3600, NULL));
  g_assert_false (glide_rules_check_duration (3601, &error));
  g_assert_cmpstr (error->message, ==, "3601 is out of range 1-3600");
  g_clear_error (&error);
  g_assert_false (glide_rules_duration_is_unusual (180));
  g_assert_true (glide_rules_duration_is_unusual (181));

  g_assert_true (glide_rules_check_measure_value (GLIDE_MEASURE_PAIN, 6.5, NULL));
  g_assert_false (glide_rules_check_measure_value (GLIDE_MEASURE_PAIN, 6.25, &error));
  g_assert_cmpstr (error->message, ==, "6.25 is not in steps of 0.5");
  g_clear_error (&error);
  g_assert_false (glide_rules_check_measure_value (GLIDE_MEASURE_PAIN, -0.5, NULL));
  g_assert_false (glide_rules_check_measure_value (GLIDE_MEASURE_PAIN, NAN, NULL));
  g_assert_true (glide_rules_check_measure_value (GLIDE_MEASURE_KNEE_EXTENSION, -60, NULL));
  g_assert_false (glide_rules_check_measure_value (GLIDE_MEASURE_KNEE_FLEXION, 200.5, &error));
  g_assert_cmpstr (error->message, ==, "200.5 is out of range -60 to 200 for knee-flexion");
  g_clear_error (&error);
  g_assert_true (glide_rules_check_measure_value (GLIDE_MEASURE_QUICKDASH, 43.2, NULL));

  g_assert_false (glide_rules_check_measure_side (GLIDE_MEASURE_SHOULDER_FLEXION,
                                                  GLIDE_SIDE_NONE, &error));
  g_assert_cmpstr (error->message, ==, "shoulder-flexion needs a side, left or right");
  g_clear_error (&error);

  g_assert_true (glide_rules_check_icd10 ("M72.2", NULL));
  g_assert_true (glide_rules_check_icd10 ("G56", NULL));
  g_assert_true (glide_rules_check_icd10 ("M76.89", NULL));
  g_assert_false (glide_rules_check_icd10 ("m72.2", NULL));
  g_assert_false (glide_rules_check_icd10 ("M7", NULL));
  g_assert_false (glide_rules_check_icd10 ("M72.", NULL));
  g_assert_false (glide_rules_check_icd10 ("M72.22222", NULL));

  g_assert_true (glide_rules_check_code_name ("P-0001", NULL));
  g_assert_false (glide_rules_check_code_name ("P 0001", NULL));
  g_assert_false (glide_rules_check_code_name ("", NULL));
  g_assert_false (glide_rules_check_text ("a\x01" "b", FALSE, 100, NULL));
  g_assert_true (glide_rules_check_text ("line\nline\ttab", FALSE, 100, NULL));
  g_assert_false (glide_rules_check_text ("abcd", FALSE, 3, &error));
  g_assert_cmpstr (error->message, ==, "is 4 characters long, more than the limit of 3");
}

/* Names are one line of visible text: no control characters (C0 or C1), no
 * line breaks, and not only spaces or invisible formatting characters. */
static void
test_name_rules (void)
{
  const char *good[] = { "Müller", "O'Connor", "García-López", "王芳", "Ana\u00a0María",
                         "Jean\u200dPaul", "Παπαδόπουλος" };
  const struct
  {
    const char *name;
    const char *message;
  } bad[] = {
    { "M\xc2\x85ller", "contains the control character U+0085; a name is one line of text" },
    { "Anna\nSmith", "contains a line break (U+000A); a name is one line of text" },
    { "Anna\r", "contains a line break (U+000D); a name is one line of text" },
    { "Anna\u2028Smith", "contains a line break (U+2028); a name is one line of text" },
    { "Tab\tName", "contains the control character U+0009; a name is one line of text" },
    { "\x1b]0;x\x07", "contains the control character U+001B; a name is one line of text" },
    { "\u200b", "has no visible characters (only spaces or invisible formatting characters)" },
    { "\u00a0", "has no visible characters (only spaces or invisible formatting characters)" },
    { "\u200b \u2060\ufeff\u202f\u200e", "has no visible characters (only spaces or invisible "
                                          "formatting characters)" },
    { "\u3000", "has no visible characters (only spaces or invisible formatting characters)" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("%s", good[i]);
      g_assert_true (glide_rules_check_name (good[i], TRUE, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("case %u", i);
      g_assert_false (glide_rules_check_name (bad[i].name, TRUE, &error));
      g_assert_error (error, GLIDE_RULE_ERROR, GLIDE_RULE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
      /* An optional name may be left empty, but not filled with nothing visible. */
      g_assert_false (glide_rules_check_name (bad[i].name, FALSE, NULL));
    }
  g_assert_true (glide_rules_check_name ("", FALSE, NULL));
  g_assert_false (glide_rules_check_name ("", TRUE, NULL));
  g_assert_false (glide_rules_check_name ("   ", TRUE, NULL));

  /* Every record that names a person or the clinic asks the same rule. */
  {
    g_autoptr(GlidePatient) patient = glide_patient_new ("P-1", "Smith", "Anna\xc2\x85", NULL);
    g_autoptr(GlideTherapist) therapist = glide_therapist_new ("dw", "\u200b\u200b", NULL);
    g_autoptr(GlideClinic) clinic = glide_clinic_new ();
    g_autofree char *field = NULL;

    g_assert_false (glide_rules_validate_patient (patient, &field, &error));
    g_assert_cmpstr (field, ==, "given_name");
    g_assert_cmpstr (error->message, ==, "contains the control character U+0085; a name is "
                                         "one line of text");
    g_clear_error (&error);
    g_clear_pointer (&field, g_free);

    g_free (patient->given_name);
    patient->given_name = g_strdup ("Anna");
    g_free (patient->family_name);
    patient->family_name = g_strdup ("\u00a0");
    g_assert_false (glide_rules_validate_patient (patient, &field, NULL));
    g_assert_cmpstr (field, ==, "family_name");
    g_clear_pointer (&field, g_free);

    g_assert_false (glide_rules_validate_therapist (therapist, &field, NULL));
    g_assert_cmpstr (field, ==, "name");
    g_clear_pointer (&field, g_free);

    g_free (clinic->name);
    clinic->name = g_strdup ("Riverside\nPhysio");
    g_assert_false (glide_rules_validate_clinic (clinic, &field, NULL));
    g_assert_cmpstr (field, ==, "name");
  }

  /* C1 controls are refused in every text, not only in names. */
  g_assert_false (glide_rules_check_text ("note \xc2\x9b" "2J", FALSE, 100, &error));
  g_assert_cmpstr (error->message, ==, "contains the control character U+009B");
}

/* Chart numbers and ids: letters, digits, - _ and . (never first), no "..". */
static void
test_chart_rules (void)
{
  const char *good[] = { "P-1001", "P-0001", "HS-2024.001", "C-000123", "a_b", "dw", "gt1",
                         "Ö-12", "12345" };
  const struct
  {
    const char *chart;
    const char *message;
  } bad[] = {
    { "../etc", "\"../etc\" must start with a letter or a digit" },
    { "/etc/passwd", "\"/etc/passwd\" must start with a letter or a digit" },
    { "P/1", "\"P/1\" may contain only letters, digits, \"-\", \"_\" and \".\" (no spaces, "
             "slashes or other characters)" },
    { "P\\1", "\"P\\1\" may contain only letters, digits, \"-\", \"_\" and \".\" (no spaces, "
              "slashes or other characters)" },
    { "-rf", "\"-rf\" must start with a letter or a digit" },
    { ".hidden", "\".hidden\" must start with a letter or a digit" },
    { "P..1", "\"P..1\" must not contain \"..\"" },
    { "P 1", "\"P 1\" may contain only letters, digits, \"-\", \"_\" and \".\" (no spaces, "
             "slashes or other characters)" },
    { "P\u00a01", "\"P\u00a01\" may contain only letters, digits, \"-\", \"_\" and \".\" (no "
                  "spaces, slashes or other characters)" },
    { "P\x1b" "1", "\"P\\u001B1\" may contain only letters, digits, \"-\", \"_\" and \".\" (no "
                   "spaces, slashes or other characters)" },
    { "P\t1", "\"P\\u00091\" may contain only letters, digits, \"-\", \"_\" and \".\" (no "
              "spaces, slashes or other characters)" },
    /* Decomposed: "A" and U+0301, which looks like "Á". */
    { "A\u0301-1", "\"A\u0301-1\" has an accent written as a separate character (U+0301) "
                   "after its letter; write the accented letter as one character" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("%s", good[i]);
      g_assert_true (glide_rules_check_code_name (good[i], NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("case %u", i);
      g_assert_false (glide_rules_check_code_name (bad[i].chart, &error));
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
    }
}

static GlideSession *
make_signed_session (const char *start,
                     const char *signed_at)
{
  GlideSession *session = glide_session_new (1, start, 1);

  session->signed_by = 1;
  session->signed_at = g_strdup (signed_at);
  return session;
}

/* Dates a clinic cannot have: before 1900, far ahead, before birth, signed a
 * year after the visit or before it. */
static void
test_implausible_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new ("P-1", "Smith", "Anna", "1899-12-31");
  g_autofree char *field = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) two_days = g_date_time_add_days (now, 2);
  g_autofree char *ahead = glide_datetime_format (two_days);
  const struct
  {
    const char *start;
    const char *signed_at;
    const char *field;
    const char *message;
  } sessions[] = {
    { "0001-09-01T09:30", NULL, "start", "0001-09-01T09:30 is before 1900" },
    { "1899-12-31T23:59", NULL, "start", "1899-12-31T23:59 is before 1900" },
    { ahead, NULL, "start", NULL },
    { "2024-01-01T09:00", "2025-06-01T09:00", "signed.at",
      "2025-06-01T09:00 is more than a year after the session started (2024-01-01T09:00); "
      "a note is signed when it is written, later corrections are addenda" },
    { "2024-01-01T09:00", "2124-01-01T09:00", "signed.at", NULL },
    { "2024-01-01T09:00", "2024-01-01T08:59", "signed.at",
      "2024-01-01T08:59 is before the session started (2024-01-01T09:00)" },
    /* One instant written three ways is not "before". */
    { "2024-01-01T09:00Z", "2024-01-01T10:00+01:00", NULL, NULL },
    /* A year to the second is still within it; from February 29, a year
     * ends on February 28; with offsets, the instants count. */
    { "2024-01-01T09:00", "2025-01-01T09:00", NULL, NULL },
    { "2024-01-01T09:00", "2025-01-01T09:00:01", "signed.at",
      "2025-01-01T09:00:01 is more than a year after the session started (2024-01-01T09:00); "
      "a note is signed when it is written, later corrections are addenda" },
    { "2024-02-29T09:00", "2025-02-28T09:00", NULL, NULL },
    { "2024-02-29T09:00", "2025-02-28T09:01", "signed.at",
      "2025-02-28T09:01 is more than a year after the session started (2024-02-29T09:00); "
      "a note is signed when it is written, later corrections are addenda" },
    { "2024-01-01T09:00Z", "2025-01-01T10:00+01:00", NULL, NULL },
    { "2024-01-01T09:00Z", "2025-01-01T09:30+00:00", "signed.at",
      "2025-01-01T09:30+00:00 is more than a year after the session started (2024-01-01T09:00Z); "
      "a note is signed when it is written, later corrections are addenda" },
  };

  g_assert_false (glide_rules_validate_patient (patient, &field, &error));
  g_assert_cmpstr (field, ==, "birth_date");
  g_assert_cmpstr (error->message, ==, "1899-12-31 is before 1900");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  g_free (patient->birth_date);
  patient->birth_date = g_strdup ("1950-05-05");
  g_assert_true (glide_rules_validate_patient (patient, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr(GlideSession) session = NULL;
      gboolean ok;

      g_test_message ("case %u: %s %s", i, sessions[i].start, sessions[i].signed_at);
      session = sessions[i].signed_at ? make_signed_session (sessions[i].start,
                                                             sessions[i].signed_at)
                                      : glide_session_new (1, sessions[i].start, 1);
      ok = glide_rules_validate_session (session, NULL, NULL, &field, &error);
      if (sessions[i].field == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_cmpstr (field, ==, sessions[i].field);
      if (sessions[i].message != NULL)
        g_assert_cmpstr (error->message, ==, sessions[i].message);
      g_clear_error (&error);
      g_clear_pointer (&field, g_free);
    }

  /* A visit before the patient was born, and on the day of birth. */
  g_assert_false (glide_rules_check_not_before_birth ("1950-05-05", "1950-05-04T23:00", &error));
  g_assert_cmpstr (error->message, ==, "1950-05-04T23:00 is before the patient's birth date "
                                       "(1950-05-05)");
  g_clear_error (&error);
  g_assert_true (glide_rules_check_not_before_birth ("1950-05-05", "1950-05-05T08:00", NULL));
  g_assert_true (glide_rules_check_not_before_birth (NULL, "1950-05-05T08:00", NULL));
  g_assert_false (glide_rules_check_not_before_birth ("1950-05-05", "1950-05-01", NULL));
}

/* Times without an offset are the clinic's local time. A time in the spring
 * gap (02:00-03:00 on 29 March 2026 in Berlin) does not exist there; it must
 * still order like its wall-clock text, so that "signed before the visit"
 * does not depend on the zone of the machine that checks. */
/* The local zone is kept between date checks (looking it up was 11 % of an
 * import), but a changed $TZ is seen at the next check. */
static void
test_local_zone_follows_tz (void)
{
  const char *zones[] = { "UTC", "Asia/Tokyo", "UTC", "America/New_York" };
  const gint64 hours[] = { 0, 9, 0, -5 };
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GTimeZone) zone = NULL;
      g_autoptr(GDateTime) noon = NULL;
      g_autoptr(GDateTime) now = NULL;

      g_setenv ("TZ", zones[i], TRUE);
      zone = glide_time_zone_local ();
      g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, zones[i]);
      noon = glide_datetime_parse ("2026-01-15T12:00", NULL);
      g_assert_nonnull (noon);
      g_assert_cmpint (g_date_time_to_unix (noon), ==, 1768478400 - hours[i] * 3600);
      now = glide_datetime_new_now_local ();
      g_assert_cmpint (g_date_time_get_utc_offset (now) / G_TIME_SPAN_HOUR, ==,
                       g_time_zone_get_offset (zone, g_time_zone_find_interval (
                         zone, G_TIME_TYPE_UNIVERSAL, g_date_time_to_unix (now))) / 3600);
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_signature_across_dst_gap (void)
{
  const char *zones[] = { "UTC", "Europe/Berlin", "America/New_York" };
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlideSession) before = make_signed_session ("2026-03-29T02:30", "2026-03-29T02:15");
      g_autoptr(GlideSession) after = make_signed_session ("2026-03-29T02:15", "2026-03-29T02:30");
      g_autoptr(GlideSession) us = make_signed_session ("2026-03-08T02:30", "2026-03-08T02:10");
      g_autoptr(GlideSession) across = make_signed_session ("2026-03-29T01:50", "2026-03-29T02:10");

      g_setenv ("TZ", zones[i], TRUE);
      g_test_message ("TZ=%s", zones[i]);

      g_assert_false (glide_rules_validate_session (before, NULL, NULL, NULL, &error));
      g_assert_cmpstr (error->message, ==, "2026-03-29T02:15 is before the session started "
                                           "(2026-03-29T02:30)");
      g_clear_error (&error);
      g_assert_false (glide_rules_validate_session (us, NULL, NULL, NULL, NULL));
      g_assert_true (glide_rules_validate_session (after, NULL, NULL, NULL, NULL));
      g_assert_true (glide_rules_validate_session (across, NULL, NULL, NULL, NULL));
      g_assert_cmpint (glide_datetime_compare ("2026-03-29T02:15", "2026-03-29T02:30"), <, 0);
      g_assert_cmpint (glide_datetime_compare ("2026-03-29T01:59:59", "2026-03-29T02:00"), <, 0);
      g_assert_cmpint (glide_datetime_compare ("2026-03-29T02:59", "2026-03-29T03:00"), <, 0);
      /* A year on, written with or without an offset. */
      g_assert_cmpint (glide_datetime_compare_years_after ("2027-03-29T02:30", "2026-03-29T02:30",
                                                           1), ==, 0);
      g_assert_cmpint (glide_datetime_compare_years_after ("2027-03-29T02:29", "2026-03-29T02:30",
                                                           1), <, 0);
      g_assert_cmpint (glide_datetime_compare_years_after ("2025-03-01T00:00", "2024-02-29T23:59",
                                                           1), >, 0);
      g_assert_cmpint (glide_datetime_compare_years_after ("2027-03-29T03:30+02:00",
                                                           "2026-03-29T01:30Z", 1), ==, 0);
    }

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

static void
test_verdicts (void)
{
  const struct
  {
    GlideMeasure measure;
    double       first;
    double       latest;
    gboolean     same_rater;
    GlideVerdict verdict;
  } cases[] = {
    { GLIDE_MEASURE_PAIN, 7, 3, TRUE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_PAIN, 7, 5, TRUE, GLIDE_VERDICT_IMPROVED },       /* 2 points */
    { GLIDE_MEASURE_PAIN, 7, 5.5, TRUE, GLIDE_VERDICT_NOT_YET },      /* 1.5 < 2 and < 30 % */
    { GLIDE_MEASURE_PAIN, 3, 2, TRUE, GLIDE_VERDICT_IMPROVED },       /* 1 >= 30 % of 3 */
    { GLIDE_MEASURE_PAIN, 4, 3, TRUE, GLIDE_VERDICT_NOT_YET },        /* 1 < 1.2 */
    { GLIDE_MEASURE_PAIN, 5, 5, TRUE, GLIDE_VERDICT_NOT_YET },
    { GLIDE_MEASURE_PAIN, 0, 0, TRUE, GLIDE_VERDICT_NOT_YET },
    { GLIDE_MEASURE_PAIN, 4, 5.5, TRUE, GLIDE_VERDICT_NOT_YET },      /* worse, but < 2 */
    { GLIDE_MEASURE_PAIN, 4, 6, TRUE, GLIDE_VERDICT_WORSE },
    { GLIDE_MEASURE_KNEE_FLEXION, 95, 125, TRUE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_KNEE_FLEXION, 95, 99, TRUE, GLIDE_VERDICT_WITHIN_ERROR },
    { GLIDE_MEASURE_KNEE_FLEXION, 95, 100, TRUE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_KNEE_FLEXION, 95, 103, FALSE, GLIDE_VERDICT_WITHIN_ERROR }, /* rater changed */
    { GLIDE_MEASURE_KNEE_FLEXION, 95, 105, FALSE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_KNEE_EXTENSION, -14, -5, TRUE, GLIDE_VERDICT_IMPROVED },   /* deficit shrinks */
    { GLIDE_MEASURE_HIP_FLEXION, 80, 72, TRUE, GLIDE_VERDICT_WORSE },
    { GLIDE_MEASURE_QUICKDASH, 45, 30, TRUE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_QUICKDASH, 45, 40, TRUE, GLIDE_VERDICT_NOT_YET },
    { GLIDE_MEASURE_LEFS, 40, 49, TRUE, GLIDE_VERDICT_IMPROVED },
    { GLIDE_MEASURE_LEFS, 40, 30, TRUE, GLIDE_VERDICT_WORSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GlideVerdict v = glide_rules_judge_change (cases[i].measure, cases[i].first,
                                                 cases[i].latest, cases[i].same_rater);

      g_test_message ("%s %g -> %g: %d", glide_code_list_code (GLIDE_CODE_LIST_MEASURE,
                                                               cases[i].measure),
                      cases[i].first, cases[i].latest, v);
      g_assert_cmpint (v, ==, cases[i].verdict);
    }
  g_assert_cmpfloat (glide_rules_get_improvement_threshold (GLIDE_MEASURE_PAIN, 8, TRUE), ==, 2);
  g_assert_cmpfloat_with_epsilon (glide_rules_get_improvement_threshold (GLIDE_MEASURE_PAIN, 5,
                                                                         TRUE), 1.5, 1e-9);
}

static void
test_contraindication_rule (void)
{
  g_autoptr(GPtrArray) screening = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_screening_free);
  GlideScreening *precaution = glide_screening_new (GLIDE_CONDITION_DIABETES, TRUE);
  GlideScreening *absent = glide_screening_new (GLIDE_CONDITION_THROMBOPHLEBITIS, FALSE);
  GlideScreening *later = glide_screening_new (GLIDE_CONDITION_UNHEALED_SURGICAL_SITE, TRUE);

  later->recorded = g_strdup ("2026-09-10");
  g_ptr_array_add (screening, precaution);
  g_ptr_array_add (screening, absent);
  g_ptr_array_add (screening, later);

  /* Precautions and absent conditions never block; a contraindication does
   * from the day it was recorded. */
  g_assert_null (glide_rules_find_contraindication (screening, "2026-09-09T10:00"));
  g_assert_true (glide_rules_find_contraindication (screening, "2026-09-10T08:00") == later);
}

static void
test_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) offset = NULL;
  g_autoptr(GDateTime) same = NULL;
  GDate date;
  const char *bad_dates[] = { "2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01x",
                              "2026/01/01", "", "2026-04-31" };
  const char *bad_times[] = { "2026-09-01 09:30", "2026-09-01T9:30", "2026-09-01T24:00",
                              "2026-09-01T09:60", "2026-09-01T09:30:61", "2026-09-01T09:30+2",
                              "2026-09-01T09:30+15:00", "2026-09-01T09:30z", "2026-09-01",
                              "2026-02-30T09:30" };

  g_assert_true (glide_date_parse ("2024-02-29", &date, NULL));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    g_assert_false (glide_date_parse (bad_dates[i], NULL, NULL));
  g_assert_false (glide_date_parse ("2026-02-30", NULL, &error));
  g_assert_cmpstr (error->message, ==, "\"2026-02-30\" is not a valid date (YYYY-MM-DD)");

  local = glide_datetime_parse ("2026-09-01T09:30", NULL);
  g_assert_nonnull (local);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
  utc = glide_datetime_parse ("2026-09-01T09:30:15Z", NULL);
  g_assert_cmpint (g_date_time_get_second (utc), ==, 15);
  offset = glide_datetime_parse ("2026-09-01T11:30+02:00", NULL);
  same = glide_datetime_parse ("2026-09-01T09:30Z", NULL);
  g_assert_cmpint (g_date_time_compare (offset, same), ==, 0);
  /* Written with four digits of year, as read (GLib's %Y has none to spare):
   * found by fuzz-typed. */
  {
    g_autoptr(GDateTime) early = glide_datetime_parse ("0026-03-01T00:05:00Z", NULL);
    g_autoptr(GDateTime) early_utc = g_date_time_to_utc (early);
    g_autofree char *written = glide_datetime_format (early_utc);

    g_assert_cmpstr (written, ==, "0026-03-01T00:05:00");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_times); i++)
    {
      g_autoptr(GDateTime) parsed = glide_datetime_parse (bad_times[i], NULL);

      g_test_message ("%s", bad_times[i]);
      g_assert_null (parsed);
    }
}

static void
test_fold (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "Müller", "muller" },
    { "JOSÉ", "jose" },
    { "Παπαδόπουλος", "παπαδοπουλοσ" },  /* casefolding makes final sigma σ */
    { "Øster", "oster" },
    { "Straße", "strasse" },
    { "Łukasz Wiśniewski", "lukasz wisniewski" },
    { "王芳", "王芳" },
  };
  g_auto(GStrv) words = glide_text_fold_words ("García-López, Inés O'Connor");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = glide_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
  g_assert_cmpuint (g_strv_length (words), ==, 5);
  g_assert_cmpstr (words[0], ==, "garcia");
  g_assert_cmpstr (words[1], ==, "lopez");
  g_assert_cmpstr (words[2], ==, "ines");
  g_assert_cmpstr (words[3], ==, "o");
  g_assert_cmpstr (words[4], ==, "connor");
}

static void
test_json_numbers (void)
{
  const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 7, "7" }, { -10, "-10" }, { 6.5, "6.5" }, { 43.2, "43.2" }, { 0.1, "0.1" },
    { 1.0 / 3.0, "0.3333333333333333" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = glide_json_format_number (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, cases[i].value);
    }
}

/* CMS's table of minutes and units, and its examples of handing the units
 * to the codes (Medicare Claims Processing Manual, chapter 5, 20.2). */
static void
test_timed_units (void)
{
  static const struct
  {
    guint minutes, units, low, high;
  } table[] = {
    { 0, 0, 0, 7 }, { 7, 0, 0, 7 }, { 8, 1, 8, 22 }, { 22, 1, 8, 22 }, { 23, 2, 23, 37 },
    { 37, 2, 23, 37 }, { 38, 3, 38, 52 }, { 52, 3, 38, 52 }, { 53, 4, 53, 67 },
    { 67, 4, 53, 67 }, { 68, 5, 68, 82 }, { 82, 5, 68, 82 }, { 83, 6, 83, 97 },
    { 97, 6, 83, 97 }, { 98, 7, 98, 112 },
  };
  static const struct
  {
    GlideUnitsMethod method;
    guint            minutes[3];
    guint            units[3];
    guint            total;
  } cases[] = {
    /* 24 min of 97112 and 23 of 97110: 47 min, 3 units; the third to 97112 (9 > 8). */
    { GLIDE_UNITS_CMS_8_MINUTE, { 24, 23, 0 }, { 2, 1, 0 }, 3 },
    /* 20 and 20: 40 min, 3 units; equal remainders, the first in the list. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 20, 20, 0 }, { 2, 1, 0 }, 3 },
    /* 33 min of 97110 and 7 of 97140: 40 min, 3 units; 97140's 7 > 97110's 3. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 33, 7, 0 }, { 2, 1, 0 }, 3 },
    /* 7 and 7: 14 min, 1 unit, to the first of equals. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 7, 7, 0 }, { 1, 0, 0 }, 1 },
    /* 5 and 7: 12 min, 1 unit, to the one with more minutes. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 5, 7, 0 }, { 0, 1, 0 }, 1 },
    /* 38 min of 97112 and 7 of 97110: 45 min, 3 units, all 97112 (8 > 7). */
    { GLIDE_UNITS_CMS_8_MINUTE, { 7, 38, 0 }, { 0, 3, 0 }, 3 },
    /* Under 8 minutes in all: nothing. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 3, 4, 0 }, { 0, 0, 0 }, 0 },
    /* Three codes of 14 minutes: 42 min, 3 units, one each. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 14, 14, 14 }, { 1, 1, 1 }, 3 },
    /* 52 min of one code: 3 units, its 7 left over gives none. */
    { GLIDE_UNITS_CMS_8_MINUTE, { 52, 0, 0 }, { 3, 0, 0 }, 3 },
    /* The rule of eights, code by code: 7 and 7 give none; 8 and 23 give 1 and 2. */
    { GLIDE_UNITS_RULE_OF_EIGHTS, { 7, 7, 0 }, { 0, 0, 0 }, 0 },
    { GLIDE_UNITS_RULE_OF_EIGHTS, { 8, 23, 0 }, { 1, 2, 0 }, 3 },
    { GLIDE_UNITS_RULE_OF_EIGHTS, { 24, 23, 0 }, { 2, 2, 0 }, 4 },
  };
  static const char *const codes[] = { "97112", "97110", "97140" };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      guint low = 99, high = 99;

      g_assert_cmpuint (glide_rules_units_for_minutes (table[i].minutes, &low, &high), ==,
                        table[i].units);
      g_assert_cmpuint (low, ==, table[i].low);
      g_assert_cmpuint (high, ==, table[i].high);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GlideTimedCode timed[3] = { 0 };
      guint sum = 0;

      for (guint c = 0; c < 3; c++)
        {
          timed[c].code = codes[c];
          timed[c].minutes = cases[i].minutes[c];
        }
      g_assert_cmpuint (glide_rules_allocate_units (cases[i].method, timed, 3), ==,
                        cases[i].total);
      for (guint c = 0; c < 3; c++)
        {
          g_test_message ("case %u: %s %u min -> %u units", i, codes[c], timed[c].minutes,
                          timed[c].units);
          g_assert_cmpuint (timed[c].units, ==, cases[i].units[c]);
          g_assert_cmpuint (timed[c].full_units, ==, timed[c].minutes / 15);
          g_assert_cmpuint (timed[c].remainder, ==, timed[c].minutes % 15);
          sum += timed[c].units;
        }
      g_assert_cmpuint (sum, ==, cases[i].total);
    }
}

/* A date-time as a form shows it, back as the store keeps it. */
static void
test_datetime_from_typed (void)
{
  static const char *const cases[][2] = {
    { "2026-11-21 09:30", "2026-11-21T09:30:00" },
    { " 2026-11-21 09:30:15 ", "2026-11-21T09:30:15" },
    { "2026-11-21T09:30", "2026-11-21T09:30" },
    { "tomorrow", "tomorrow" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = glide_datetime_from_typed (cases[i][0]);

      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

/* A progress report at the 10th visit or at the therapist's date, whichever
 * is first. */
static void
test_progress_report_due (void)
{
  static const struct
  {
    guint          visits, interval;
    const char    *due_date, *today;
    GlideReportDue due;
    guint          left;
  } cases[] = {
    { 0, 10, NULL, "2026-03-01", GLIDE_REPORT_NOT_DUE, 9 },
    { 8, 10, NULL, "2026-03-01", GLIDE_REPORT_NOT_DUE, 1 },
    /* Nine visits since: the next is the tenth, the report is due at it. */
    { 9, 10, NULL, "2026-03-01", GLIDE_REPORT_DUE, 0 },
    { 10, 10, NULL, "2026-03-01", GLIDE_REPORT_OVERDUE, 0 },
    { 14, 10, NULL, "2026-03-01", GLIDE_REPORT_OVERDUE, 0 },
    /* The date first. */
    { 3, 10, "2026-03-01", "2026-02-28", GLIDE_REPORT_NOT_DUE, 6 },
    { 3, 10, "2026-03-01", "2026-03-01", GLIDE_REPORT_DUE, 6 },
    { 3, 10, "2026-03-01", "2026-03-02", GLIDE_REPORT_OVERDUE, 6 },
    /* The visits first, the date later. */
    { 10, 10, "2026-04-01", "2026-03-02", GLIDE_REPORT_OVERDUE, 0 },
    /* A clinic's interval of 6 visits. */
    { 5, 6, NULL, "2026-03-01", GLIDE_REPORT_DUE, 0 },
    { 4, 6, "2026-03-01", "2026-03-01", GLIDE_REPORT_DUE, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint left = 99;

      g_assert_cmpint (glide_rules_progress_report_due (cases[i].visits, cases[i].interval,
                                                        cases[i].due_date, cases[i].today, &left),
                       ==, cases[i].due);
      g_assert_cmpuint (left, ==, cases[i].left);
    }
}

/* A goal's proposed status from its linked measure's values. */
/* A goal's status set in a discharge: from the discharge's day, never in the
 * future nor before the goal's latest status. */
static void
test_discharge_status_at (void)
{
  const struct
  {
    const char *date, *latest, *now, *expected;
  } cases[] = {
    /* Written up on a later day: the end of the discharge's day. */
    { "2026-02-08", "2026-01-05T10:00:00", "2026-12-03T19:40:00", "2026-02-08T23:59:59" },
    { "2026-02-08", NULL, "2026-12-03T19:40:00", "2026-02-08T23:59:59" },
    /* The same day: now. */
    { "2026-12-03", "2026-11-30T09:00:00", "2026-12-03T19:40:00", "2026-12-03T19:40:00" },
    /* A status set after the discharge's day keeps the history in order. */
    { "2026-02-08", "2026-03-01T08:30:00", "2026-12-03T19:40:00", "2026-03-01T08:30:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *at = glide_rules_discharge_status_at (cases[i].date, cases[i].latest,
                                                             cases[i].now);

      g_assert_cmpstr (at, ==, cases[i].expected);
    }
}

static void
test_goal_proposals (void)
{
  static const double none[] = { 0 };
  static const double pain_down[] = { 7, 5, 3 };
  static const double pain_met[] = { 7, 4, 2 };
  static const double pain_flat[] = { 6, 6, 5.5 };
  static const double pain_half[] = { 8, 5 };
  static const double knee_up[] = { 95, 104, 121 };
  static const double knee_noise[] = { 95, 110, 113 };
  static const double knee_small[] = { 95, 98 };
  static const double lefs_worse[] = { 40, 35 };
  static const struct
  {
    GlideMeasure     measure;
    double           target;
    const double    *values;
    guint            n;
    const char      *target_date;
    GlideGoalStatus  status;
    double           fraction;  /* < 0: NAN */
  } cases[] = {
    /* No value yet, or only the first. */
    { GLIDE_MEASURE_PAIN, 2, none, 0, "2026-06-01", GLIDE_GOAL_NOT_STARTED, -1 },
    { GLIDE_MEASURE_PAIN, 2, pain_down, 1, "2026-06-01", GLIDE_GOAL_NOT_STARTED, 0 },
    /* Lower is better for pain: 7 → 3 toward ≤ 2 is 4/5 of the way. */
    { GLIDE_MEASURE_PAIN, 2, pain_down, 3, "2026-06-01", GLIDE_GOAL_PROGRESSING, 0.8 },
    /* Reaching the target is met, on the target itself too. */
    { GLIDE_MEASURE_PAIN, 2, pain_met, 3, "2026-06-01", GLIDE_GOAL_MET, 1 },
    { GLIDE_MEASURE_PAIN, 2, pain_met, 3, "2026-01-01", GLIDE_GOAL_MET, 1 },
    /* Higher is better for ROM and function. */
    { GLIDE_MEASURE_KNEE_FLEXION, 120, knee_up, 3, "2026-06-01", GLIDE_GOAL_MET, 1 },
    { GLIDE_MEASURE_KNEE_FLEXION, 120, knee_up, 2, "2026-06-01", GLIDE_GOAL_PROGRESSING, 0.36 },
    /* The target date has passed: partly met from half way with a real
     * change, not met below half way or within measurement error. */
    { GLIDE_MEASURE_KNEE_FLEXION, 120, knee_noise, 3, "2026-01-01", GLIDE_GOAL_PARTLY_MET, 0.72 },
    { GLIDE_MEASURE_KNEE_FLEXION, 120, knee_small, 2, "2026-01-01", GLIDE_GOAL_NOT_MET, 0.12 },
    { GLIDE_MEASURE_PAIN, 2, pain_half, 2, "2026-01-01", GLIDE_GOAL_PARTLY_MET, 0.5 },
    { GLIDE_MEASURE_PAIN, 2, pain_flat, 3, "2026-01-01", GLIDE_GOAL_NOT_MET, 0.125 },
    /* Worse than at the start: no way made. */
    { GLIDE_MEASURE_LEFS, 60, lefs_worse, 2, "2026-06-01", GLIDE_GOAL_PROGRESSING, 0 },
    { GLIDE_MEASURE_LEFS, 60, lefs_worse, 2, NULL, GLIDE_GOAL_PROGRESSING, 0 },
    { GLIDE_MEASURE_LEFS, 60, lefs_worse, 2, "2026-01-01", GLIDE_GOAL_NOT_MET, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GlideGoalProposal proposal;

      glide_rules_propose_goal_status (cases[i].measure, cases[i].target, cases[i].values,
                                       cases[i].n, TRUE, cases[i].target_date, "2026-03-01",
                                       &proposal);
      g_test_message ("case %u", i);
      g_assert_cmpint (proposal.status, ==, cases[i].status);
      if (cases[i].fraction < 0)
        g_assert_true (isnan (proposal.fraction));
      else
        g_assert_cmpfloat_with_epsilon (proposal.fraction, cases[i].fraction, 1e-9);
    }

  /* The day of the target date is still before it has passed. */
  {
    GlideGoalProposal proposal;

    glide_rules_propose_goal_status (GLIDE_MEASURE_PAIN, 2, pain_flat, 3, TRUE,
                                     "2026-03-01", "2026-03-01", &proposal);
    g_assert_cmpint (proposal.status, ==, GLIDE_GOAL_PROGRESSING);
  }
  g_assert_true (glide_rules_goal_reached (GLIDE_MEASURE_PAIN, 2, 2));
  g_assert_false (glide_rules_goal_reached (GLIDE_MEASURE_PAIN, 2, 2.5));
  g_assert_true (glide_rules_goal_reached (GLIDE_MEASURE_KNEE_FLEXION, 120, 120));
  g_assert_false (glide_rules_goal_reached (GLIDE_MEASURE_KNEE_FLEXION, 120, 119));
}

/* The clinic's billing codes start with IASTM's; codes are upper-case
 * letters and digits. */
static void
test_billing_codes (void)
{
  guint n = 0;
  const GlideBillingCode *codes = glide_billing_codes_get_defaults (&n);

  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (codes[0].code, ==, glide_billing_code_iastm ());
  g_assert_cmpstr (glide_billing_code_iastm (), ==, "97140");
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (glide_billing_code_is_valid (codes[i].code));
      g_assert_true (codes[i].timed);
    }
  g_assert_true (glide_billing_code_is_valid ("G0283"));
  g_assert_false (glide_billing_code_is_valid (""));
  g_assert_false (glide_billing_code_is_valid ("97140-59"));
  g_assert_false (glide_billing_code_is_valid ("g0283"));
  g_assert_false (glide_billing_code_is_valid ("123456789"));
  g_assert_false (glide_billing_code_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codes/lists", test_code_lists);
  g_test_add_func ("/codes/areas", test_areas);
  g_test_add_func ("/codes/measures", test_measures);
  g_test_add_func ("/rules/values", test_value_rules);
  g_test_add_func ("/rules/names", test_name_rules);
  g_test_add_func ("/rules/charts", test_chart_rules);
  g_test_add_func ("/rules/implausible-dates", test_implausible_dates);
  g_test_add_func ("/rules/signature-across-dst-gap", test_signature_across_dst_gap);
  g_test_add_func ("/rules/verdicts", test_verdicts);
  g_test_add_func ("/rules/contraindication", test_contraindication_rule);
  g_test_add_func ("/dates", test_dates);
  g_test_add_func ("/dates/local-zone-follows-tz", test_local_zone_follows_tz);
  g_test_add_func ("/dates/from-typed", test_datetime_from_typed);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/json/numbers", test_json_numbers);
  g_test_add_func ("/rules/timed-units", test_timed_units);
  g_test_add_func ("/rules/progress-report-due", test_progress_report_due);
  g_test_add_func ("/rules/goal-proposals", test_goal_proposals);
  g_test_add_func ("/rules/discharge-status-at", test_discharge_status_at);
  g_test_add_func ("/codes/billing", test_billing_codes);

  return g_test_run ();
}
