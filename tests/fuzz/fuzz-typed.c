/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-typed.c: fuzz target for what people type and Glide reads as more
 * than text: a clinic server's address (Preferences, the sign-in page,
 * --database), dates and times (the editor, the forms, --from and --to), the
 * body map's area search and the folding behind the patient search. The
 * input is made valid UTF-8 first, as GTK hands over nothing else. Whatever
 * is accepted must come out the same when written and read again. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "glide-area-search.h"
#include "glide-codes.h"
#include "glide-date.h"
#include "glide-server-address.h"
#include "glide-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
probe_server_address (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideServerAddress) address = glide_server_address_parse (text, &error);
  g_autoptr(GlideServerAddress) again = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri_again = NULL;
  g_autofree char *described = NULL;

  if (address == NULL)
    {
      g_assert (error != NULL && error->message != NULL && *error->message != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert (error == NULL);
  described = glide_server_address_describe (address);
  g_assert (described != NULL && g_utf8_validate (described, -1, NULL));

  /* Written out, read back and written out again: the same address. */
  uri = glide_server_address_to_uri (address, NULL);
  g_assert (uri != NULL);
  again = glide_server_address_parse (uri, &error);
  if (again == NULL)
    g_error ("\"%s\" was read, but its address \"%s\" is refused: %s", text, uri, error->message);
  uri_again = glide_server_address_to_uri (again, NULL);
  if (strcmp (uri, uri_again) != 0)
    g_error ("\"%s\": written \"%s\", then \"%s\"", text, uri, uri_again);
  g_assert (!again->had_password);
}

static void
probe_dates (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) datetime = NULL;
  g_autofree char *typed = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (glide_date_parse (text, &date, &error))
    {
      g_autofree char *written = glide_date_format (&date);
      g_autofree char *long_form = glide_date_format_long (written);
      GDate again;

      g_assert (g_date_valid (&date));
      g_date_clear (&again, 1);
      g_assert (glide_date_parse (written, &again, NULL));
      g_assert (g_date_compare (&date, &again) == 0);
      g_assert (long_form != NULL && g_utf8_validate (long_form, -1, NULL));
      g_assert (glide_date_days_between (written, written) == 0);
    }
  else
    g_assert (error != NULL && error->message != NULL && *error->message != '\0');
  g_clear_error (&error);

  datetime = glide_datetime_parse (text, &error);
  if (datetime != NULL)
    {
      /* Written as the store writes times: in the clinic's zone. */
      g_autoptr(GDateTime) local = g_date_time_to_local (datetime);
      g_autofree char *written = glide_datetime_format (local);
      g_autofree char *long_form = glide_datetime_format_long (text);
      g_autoptr(GDateTime) again = glide_datetime_parse (written, NULL);

      g_assert (again != NULL);
      g_assert (g_date_time_compare (datetime, again) == 0);
      g_assert (glide_datetime_compare (written, written) == 0);
      g_assert (long_form != NULL && g_utf8_validate (long_form, -1, NULL));
    }
  else
    g_assert (error != NULL && error->message != NULL && *error->message != '\0');

  /* What a form makes of a typed date-time is kept as it reads, and reads
   * the same when made again (a reopened form shows it). */
  typed = glide_datetime_from_typed (text);
  g_assert (typed != NULL && g_utf8_validate (typed, -1, NULL));
  {
    g_autofree char *twice = glide_datetime_from_typed (typed);

    if (strcmp (typed, twice) != 0)
      g_error ("\"%s\" is read as \"%s\", then as \"%s\"", text, typed, twice);
  }
}

static void
probe_search (const char *text)
{
  g_auto(GStrv) areas = glide_area_search (text);
  g_autoptr(GlideAreaQuery) query = glide_area_query_new (text);
  g_autofree char *folded = glide_text_fold (text);
  g_auto(GStrv) words = glide_text_fold_words (text);
  g_autofree char *escaped = glide_text_escape_controls (text);

  g_assert (areas != NULL);
  for (guint i = 0; areas[i] != NULL; i++)
    g_assert (g_utf8_validate (areas[i], -1, NULL));
  for (GlideSite site = 0; site < GLIDE_N_SITES; site++)
    for (GlideSide side = GLIDE_SIDE_LEFT; side <= GLIDE_SIDE_MIDLINE; side++)
      if (glide_site_allows_side (site, side))
        glide_area_query_rank (query, site, side);
  g_assert (folded != NULL && g_utf8_validate (folded, -1, NULL));
  g_assert (words != NULL);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert (*words[i] != '\0' && g_utf8_validate (words[i], -1, NULL));
  g_assert (escaped != NULL && g_utf8_validate (escaped, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* Typed text is one string without NUL. */
  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = g_utf8_make_valid ((const char *) data, size);

  probe_server_address (text);
  probe_dates (text);
  probe_search (text);
  return 0;
}
