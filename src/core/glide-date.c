/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-date.c: strict parsing of YYYY-MM-DD and YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM].
 * Date-times without an offset are in the clinic's (this machine's) local time. */

#define G_LOG_DOMAIN "glide-date"

#include "config.h"

#include "glide-date.h"
#include "glide-i18n.h"


#include <string.h>

G_DEFINE_QUARK (glide-date-error-quark, glide_date_error)

/* How long the machine's zone is trusted before it is looked up again. */
#define LOCAL_ZONE_TTL_USEC (G_USEC_PER_SEC)

G_LOCK_DEFINE_STATIC (local_zone);

/**
 * glide_time_zone_local:
 *
 * The clinic's (this machine's) zone, as g_time_zone_new_local() would give.
 * GLib looks the zone up anew every time it is asked (a readlink of
 * /etc/localtime and stats of its files), which was 11 % of an import's time
 * where every date is checked. The zone is kept while $TZ reads the same and
 * for at most a second, so a changed $TZ or system zone is seen as before.
 *
 * Returns: (transfer full): the local zone
 */
GTimeZone *
glide_time_zone_local (void)
{
  static GTimeZone *zone;
  static char *zone_tz;
  static gint64 zone_time;
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *result;

  G_LOCK (local_zone);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0 || now - zone_time >= LOCAL_ZONE_TTL_USEC ||
      now < zone_time)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
      zone_time = now;
    }
  result = g_time_zone_ref (zone);
  G_UNLOCK (local_zone);
  return result;
}

/* The time now in the clinic's zone, as g_date_time_new_now_local() gives. */
GDateTime *
glide_datetime_new_now_local (void)
{
  g_autoptr(GTimeZone) tz = glide_time_zone_local ();

  return g_date_time_new_now (tz);
}

static gboolean
read_digits (const char *p,
             guint       n,
             int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
scan_date (const char *p,
           GDate      *date)
{
  int y, m, d;

  if (!read_digits (p, 4, &y) || p[4] != '-' || !read_digits (p + 5, 2, &m) ||
      p[7] != '-' || !read_digits (p + 8, 2, &d))
    return FALSE;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
glide_date_parse (const char  *text,
                  GDate       *date,
                  GError     **error)
{
  if (text == NULL || strlen (text) != 10 || !scan_date (text, date))
    {
      g_set_error (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
                   _("\"%s\" is not a valid date (YYYY-MM-DD)"), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* The calendar date a date-time was written with (its local date). */
gboolean
glide_datetime_get_date (const char *text,
                         GDate      *date)
{
  return text != NULL && strlen (text) >= 10 && scan_date (text, date);
}

/* A wall-clock time of the clinic (this machine's zone). A time the clocks
 * skipped in spring (02:30 in Berlin on the last Sunday of March) does not
 * exist; GLib would move every such time to the end of the gap and so make
 * 02:15 and 02:30 one instant. Read it with the offset in force before the
 * change instead, so that times order as their text does in every zone and a
 * check like "signed before the visit" gives the same answer everywhere. */
static GDateTime *
local_datetime_new (const GDate *date,
                    int          hh,
                    int          mm,
                    int          ss)
{
  g_autoptr(GTimeZone) tz = glide_time_zone_local ();
  g_autoptr(GDateTime) wall = NULL;
  g_autoptr(GDateTime) day_before = NULL;
  GDateTime *local;
  int year = g_date_get_year (date);
  int month = g_date_get_month (date);
  int day = g_date_get_day (date);
  gint64 offset;

  local = g_date_time_new (tz, year, month, day, hh, mm, ss);
  if (local == NULL ||
      (g_date_time_get_day_of_month (local) == day && g_date_time_get_hour (local) == hh &&
       g_date_time_get_minute (local) == mm && g_date_time_get_second (local) == ss))
    return local;

  /* Clocks change at most a few times a year: a day earlier, the old offset. */
  g_date_time_unref (local);
  wall = g_date_time_new_utc (year, month, day, hh, mm, ss);
  day_before = g_date_time_new_from_unix_local (g_date_time_to_unix (wall) - 86400);
  offset = g_date_time_get_utc_offset (day_before) / G_TIME_SPAN_SECOND;
  return g_date_time_new_from_unix_local (g_date_time_to_unix (wall) - offset);
}

/* Splits YYYY-MM-DDTHH:MM[:SS] off the front; *rest is what follows (the offset). */
static gboolean
scan_datetime (const char  *text,
               GDate       *date,
               int         *hh,
               int         *mm,
               int         *ss,
               const char **rest)
{
  const char *p;

  *ss = 0;
  if (text == NULL || strlen (text) < 16 || !scan_date (text, date) || text[10] != 'T' ||
      !read_digits (text + 11, 2, hh) || text[13] != ':' || !read_digits (text + 14, 2, mm))
    return FALSE;

  p = text + 16;
  if (*p == ':')
    {
      if (!read_digits (p + 1, 2, ss))
        return FALSE;
      p += 3;
    }
  if (*hh > 23 || *mm > 59 || *ss > 59)
    return FALSE;
  *rest = p;
  return TRUE;
}

GDateTime *
glide_datetime_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  GDate date;
  const char *p;
  int hh, mm, ss;

  if (!scan_datetime (text, &date, &hh, &mm, &ss, &p))
    goto invalid;

  if (*p == '\0')
    return local_datetime_new (&date, hh, mm, ss);
  else if (strcmp (p, "Z") == 0)
    tz = g_time_zone_new_utc ();
  else if ((p[0] == '+' || p[0] == '-') && strlen (p) == 6 && p[3] == ':')
    {
      int oh, om;

      if (!read_digits (p + 1, 2, &oh) || !read_digits (p + 4, 2, &om) || oh > 14 || om > 59)
        goto invalid;
      tz = g_time_zone_new_identifier (p);
      if (tz == NULL)
        goto invalid;
    }
  else
    goto invalid;

  return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), hh, mm, ss);

invalid:
  g_set_error (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
               _("\"%s\" is not a valid date-time (YYYY-MM-DDTHH:MM[:SS], "
               "optionally followed by Z or +HH:MM)"), text ? text : "");
  return NULL;
}

char *
glide_date_format (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
glide_date_today (void)
{
  g_autoptr(GDateTime) now = glide_datetime_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return glide_date_format (&today);
}

/* Local time, to the second, without an offset: how Glide writes times it makes. */
char *
glide_datetime_format (GDateTime *datetime)
{
  /* Four digits of year, as the parser reads: GLib's %Y has no padding. */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (datetime),
                          g_date_time_get_month (datetime), g_date_time_get_day_of_month (datetime),
                          g_date_time_get_hour (datetime), g_date_time_get_minute (datetime),
                          g_date_time_get_second (datetime));
}

char *
glide_datetime_now (void)
{
  g_autoptr(GDateTime) now = glide_datetime_new_now_local ();

  return glide_datetime_format (now);
}

/**
 * glide_datetime_compare:
 *
 * Orders two valid date-times by the instant they name: "09:00", "09:00:00",
 * "08:00Z" and "10:00+02:00" can be one moment. Two times without an offset
 * are both in the clinic's zone and so compare as their clocks read, which is
 * their instants' order wherever both exist and, around a change of the clocks
 * (a time in the spring gap), the same answer on every machine whatever its
 * zone.
 */
int
glide_datetime_compare (const char *a,
                        const char *b)
{
  return glide_datetime_compare_years_after (a, b, 0);
}

/**
 * glide_datetime_compare_years_after:
 *
 * Orders @a and the moment @years after @b (February 29 moving to February
 * 28 in a common year), as glide_datetime_compare() orders two date-times.
 */
int
glide_datetime_compare_years_after (const char *a,
                                    const char *b,
                                    guint       years)
{
  g_autoptr(GDateTime) da = NULL;
  g_autoptr(GDateTime) db = NULL;
  g_autoptr(GDateTime) later = NULL;
  GDate date_a, date_b;
  int ha, ma, sa, hb, mb, sb;
  const char *rest_a, *rest_b;

  if (scan_datetime (a, &date_a, &ha, &ma, &sa, &rest_a) && *rest_a == '\0' &&
      scan_datetime (b, &date_b, &hb, &mb, &sb, &rest_b) && *rest_b == '\0')
    {
      int days, seconds_a = (ha * 60 + ma) * 60 + sa;
      int seconds_b = (hb * 60 + mb) * 60 + sb;

      if (years > 0)
        g_date_add_years (&date_b, years);
      days = g_date_compare (&date_a, &date_b);
      if (days != 0)
        return days < 0 ? -1 : 1;
      return seconds_a < seconds_b ? -1 : seconds_a > seconds_b;
    }

  da = glide_datetime_parse (a, NULL);
  db = glide_datetime_parse (b, NULL);
  g_return_val_if_fail (da != NULL && db != NULL, 0);
  later = g_date_time_add_years (db, (int) years);
  g_return_val_if_fail (later != NULL, -1);

  return g_date_time_compare (da, later);
}

/**
 * glide_date_format_long:
 * @text: a date, or a date-time (its own calendar date is used)
 *
 * The date for people to read: "3 Mar 2026" in the user's language.
 */
char *
glide_date_format_long (const char *text)
{
  GDate date;
  char buffer[64];

  /* The months come from the catalog, not from the locale's LC_TIME, so a
   * document in another language than the desktop's names them in its own. */
  static const char *const abbreviated[] = {
    NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
    NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
    NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
    NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
    NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
    NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
  };
  static const char *const full[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  g_autoptr(GString) format = NULL;
  guint month;

  if (!glide_datetime_get_date (text, &date))
    return g_strdup (text ? text : "");
  month = g_date_get_month (&date) - 1;
  /* Translators: how dates read in reports and the window, see strftime(3):
   * "3 Mar 2026"; %b and %B are the month names translated below */
  format = g_string_new (_("%-d %b %Y"));
  g_string_replace (format, "%b", glide_pgettext ("abbreviated month", abbreviated[month]), 0);
  g_string_replace (format, "%B", glide_pgettext ("month", full[month]), 0);
  if (g_date_strftime (buffer, sizeof buffer, format->str, &date) == 0)
    return glide_date_format (&date);
  return g_strdup (buffer);
}

/**
 * glide_datetime_format_long:
 * @text: a valid date-time
 *
 * "3 Mar 2026, 14:05": the date and the clock time as they were recorded
 * (in the offset they were written with).
 */
char *
glide_datetime_format_long (const char *text)
{
  g_autofree char *date = glide_date_format_long (text);

  if (text == NULL || strlen (text) < 16 || text[10] != 'T')
    return g_steal_pointer (&date);
  /* Translators: a date, then a clock time: "3 Mar 2026, 14:05" */
  return g_strdup_printf (_("%s, %.5s"), date, text + 11);
}

/**
 * glide_date_check_period:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD
 *
 * The rule of every period a document or an export covers: it does not end
 * before it starts (one that did would hold nothing, and an empty document
 * would look like a clinic without visits).
 *
 * Returns: whether the period holds, else %FALSE with @error set
 */
gboolean
glide_date_check_period (const char  *from,
                         const char  *to,
                         GError     **error)
{
  if (strcmp (from, to) <= 0)
    return TRUE;
  g_set_error (error, GLIDE_DATE_ERROR, GLIDE_DATE_ERROR_INVALID,
               _("The period starts on %s, after its end on %s"), from, to);
  return FALSE;
}

/* Whole days from date a to date b (both dates or date-times); 0 when either
 * is not a date. */
int
glide_date_days_between (const char *a,
                         const char *b)
{
  GDate da, db;

  if (!glide_datetime_get_date (a, &da) || !glide_datetime_get_date (b, &db))
    return 0;
  return g_date_days_between (&da, &db);
}

/**
 * glide_datetime_from_typed:
 * @text: a date-time as a form shows it
 *
 * "2026-11-21 09:30" as the store keeps it, "2026-11-21T09:30:00" (and
 * "2026-11-21 09:30:15" with its seconds); anything else is returned as
 * typed (without surrounding blanks) for the rules to refuse with their
 * message.
 *
 * Returns: (transfer full): the text
 */
char *
glide_datetime_from_typed (const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));

  if (strlen (s) == 16 && s[10] == ' ')
    {
      s[10] = 'T';
      return g_strconcat (s, ":00", NULL);
    }
  if (strlen (s) == 19 && s[10] == ' ')
    s[10] = 'T';
  return g_steal_pointer (&s);
}
