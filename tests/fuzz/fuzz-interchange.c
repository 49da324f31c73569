/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-interchange.c: fuzz target for the JSON import. Each input is
 * imported into a new SQLite database. Refused, it must leave the database
 * empty (all or nothing) with a message; accepted, what was stored must
 * export, import into another new database and export again to the same
 * document (INTERCHANGE.md), and both databases must pass the record check.
 * HOME and the XDG folders are a private temporary folder, removed with what
 * each input made. */

#include "config.h"

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "glide-interchange.h"
#include "glide-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *home;

static int
remove_entry (const char        *path,
              const struct stat *sb,
              int                flag,
              struct FTW        *ftw)
{
  return remove (path);
}

static void
remove_tree (const char *path)
{
  nftw (path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
remove_home (void)
{
  remove_tree (home);
}

/* What an input made: its databases and their anchors. */
static void
clean_home (void)
{
  g_autofree char *dir = g_build_filename (home, "db", NULL);
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "glide", NULL);

  remove_tree (dir);
  remove_tree (data);
}

/* Before GLib reads them (it keeps the first answer). */
static void
set_up_home (void)
{
  const char *dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                         "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };
  g_autoptr(GError) error = NULL;

  home = g_dir_make_tmp ("glide-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i], NULL);

      g_assert (g_mkdir_with_parents (dir, 0700) == 0);
      g_setenv (dirs[i], dir, TRUE);
    }
  atexit (remove_home);
}

static GlideStore *
open_new_store (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GlideStore *store = glide_store_open (path, &error);

  g_assert_no_error (error);
  g_assert (store != NULL);
  return store;
}

static char *
export_all (GlideStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!glide_interchange_export (store, out, NULL, "fuzz", &n, &error))
    g_error ("an accepted document does not export: %s", error->message);
  g_assert (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_check_passes (GlideStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = glide_store_check (store, &error);

  g_assert_no_error (error);
  g_assert (items != NULL);
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      if (!item->ok)
        g_error ("the check fails after the import: %s: %s", item->name, item->message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GlideStore) copy = NULL;
  GlideImportSummary summary;
  gboolean empty;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (home == NULL)
    set_up_home ();
  dir = g_build_filename (home, "db", NULL);
  g_assert (g_mkdir_with_parents (dir, 0700) == 0);

  /* An exact-size copy, so reading past the end is caught. */
  text = g_malloc (MAX (size, 1));
  memcpy (text, data, size);

  store = open_new_store (dir, "import.db");
  if (!glide_interchange_import (store, text, size, FALSE, "fuzz.json", &summary, &error))
    {
      g_autoptr(GError) empty_error = NULL;

      g_assert (error != NULL);
      g_assert (error->domain == GLIDE_INTERCHANGE_ERROR);
      g_assert (error->message != NULL && *error->message != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      empty = glide_store_is_empty (store, &empty_error);
      g_assert_no_error (empty_error);
      if (!empty)
        g_error ("a refused document left records: %s", error->message);
    }
  else
    {
      g_assert (error == NULL);
      assert_check_passes (store);
      first = export_all (store);
      copy = open_new_store (dir, "copy.db");
      if (!glide_interchange_import (copy, first, strlen (first), FALSE, "fuzz-export.json",
                                     &summary, &error))
        g_error ("Glide's own export of an accepted document is refused: %s\n%s",
                 error->message, first);
      assert_check_passes (copy);
      second = export_all (copy);
      if (strcmp (first, second) != 0)
        g_error ("the export changes on import:\n%s\n---\n%s", first, second);
    }

  g_clear_object (&store);
  g_clear_object (&copy);
  clean_home ();
  return 0;
}
