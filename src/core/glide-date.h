/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-date.h: strict ISO 8601 dates and date-times as INTERCHANGE.md writes them. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLIDE_DATE_ERROR (glide_date_error_quark ())

typedef enum
{
  GLIDE_DATE_ERROR_INVALID,
} GlideDateError;

GQuark     glide_date_error_quark     (void);

gboolean   glide_date_parse           (const char   *text,
                                       GDate        *date,
                                       GError      **error);
GDateTime *glide_datetime_parse       (const char   *text,
                                       GError      **error);
gboolean   glide_datetime_get_date    (const char   *text,
                                       GDate        *date);
char      *glide_date_format          (const GDate  *date);
GTimeZone *glide_time_zone_local      (void);
GDateTime *glide_datetime_new_now_local (void);
char      *glide_date_today           (void);
char      *glide_datetime_now         (void);
char      *glide_datetime_format      (GDateTime    *datetime);
int        glide_datetime_compare     (const char   *a,
                                       const char   *b);
int        glide_datetime_compare_years_after (const char *a,
                                               const char *b,
                                               guint       years);
char      *glide_date_format_long     (const char   *text);
char      *glide_datetime_format_long (const char   *text);
char      *glide_datetime_from_typed  (const char   *text);
int        glide_date_days_between    (const char   *a,
                                       const char   *b);
gboolean   glide_date_check_period    (const char   *from,
                                       const char   *to,
                                       GError      **error);

G_END_DECLS
