/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-interchange.c: fuzz target for the JSON import. Each input is
 * imported into a new SQLite database. Refused, it must leave the database
 * empty (all or nothing) with a message; accepted, what was stored must
 * export, import into another new database and export again to the same
 * document (INTERCHANGE.md), and both databases must pass the record check.
 * HOME and the XDG folders are a private temporary folder, removed with what
 * each input made. Built for libFuzzer, it also mutates documents as JSON:
 * a value replaced by one of the format's codes, a boundary or another
 * value of the document, a member removed, an element repeated or moved,
 * so that most inputs reach the rules rather than the tokenizer. */

#include "config.h"

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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

#ifdef GLIDE_LIBFUZZER

size_t LLVMFuzzerMutate (uint8_t *data,
                         size_t   size,
                         size_t   max_size);
size_t LLVMFuzzerCustomMutator (uint8_t      *data,
                                size_t        size,
                                size_t        max_size,
                                unsigned int  seed);

/* Words of the format (INTERCHANGE.md, DOMAIN.md) and values at the edges
 * of its rules. */
static const char *const strings[] = {
  "", " ", "x", "P-0001", "dw", "gt1", "left", "right", "midline", "sustained", "oscillating",
  "concave", "convex", "beveled", "light", "moderate", "deep", "none", "mild", "marked",
  "not-assessable", "pre", "post", "pain", "quickdash", "ankle-dorsiflexion", "achilles",
  "plantar-fascia", "calf", "upper-trapezius", "diabetes", "anticoagulants", "scanning",
  "stainless-steel", "met", "not-met", "progressing", "discharged", "97140", "97110",
  "1900-01-01", "1899-12-31", "2026-02-29", "2024-02-29", "2026-12-31", "9999-12-31",
  "2026-03-29T02:30", "2026-10-25T02:30", "2026-01-01T00:00Z", "2026-01-01T23:59:59+14:00",
  "2026-01-01T00:00:00-12:00", "2026-13-01", "2026-01-01T24:00", "M72.2", "Z99.9",
  "glide-interchange", "\u200f\u202e", "e\u0301", "\U0001F600", "Ω", "a\nb",
};
static const char *const numbers[] = {
  "0", "-1", "1", "2", "10", "11", "59", "60", "61", "90", "181", "360", "100000", "0.5",
  "6.5", "1e308", "-1e308", "9223372036854775807", "-9223372036854775808", "1E2",
};

static void
collect_nodes (JsonNode  *node,
               GPtrArray *all)
{
  g_ptr_array_add (all, node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        collect_nodes (member, all);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_nodes (json_array_get_element (array, i), all);
    }
}

/* json_node_copy () shares objects and arrays: a value put inside itself
 * would make a cycle. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  JsonNode *copy = json_from_string (text, NULL);

  return copy != NULL ? copy : json_node_init_null (json_node_alloc ());
}

static JsonNode *
new_value (GRand     *rand,
           GPtrArray *all)
{
  JsonNode *node;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return json_node_init_string (json_node_alloc (),
                                    strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    case 1:
      node = json_from_string (numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))], NULL);
      return node != NULL ? node : json_node_init_int (json_node_alloc (), 0);
    case 2:
      return json_node_init_null (json_node_alloc ());
    case 3:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    default:
      /* Another value of the document, as it is. */
      return deep_copy (g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len)));
    }
}

/* An array with its element @i replaced by @value (json-glib 1.6 cannot
 * replace an element, nor re-initialise a node that held a value). */
static void
replace_element (JsonNode *node,
                 guint     i,
                 JsonNode *value)
{
  JsonArray *array = json_node_get_array (node);
  guint n = json_array_get_length (array);
  JsonArray *fresh = json_array_sized_new (n);

  for (guint j = 0; j < n; j++)
    json_array_add_element (fresh, j == i ? value : json_node_copy (json_array_get_element (array, j)));
  json_node_take_array (node, fresh);
}

/* One change in a random object or array of the document: a member
 * removed or given another value; an element removed, repeated, moved to
 * the end or replaced. FALSE when none applied. */
static gboolean
mutate_tree (JsonNode *root,
             GRand    *rand)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) containers = g_ptr_array_new ();
  JsonNode *target;

  collect_nodes (root, all);
  for (guint i = 0; i < all->len; i++)
    if (!JSON_NODE_HOLDS_VALUE ((JsonNode *) all->pdata[i]) &&
        !JSON_NODE_HOLDS_NULL ((JsonNode *) all->pdata[i]))
      g_ptr_array_add (containers, all->pdata[i]);
  /* A document that is one value has no place for a change. */
  if (containers->len == 0)
    return FALSE;
  target = g_ptr_array_index (containers, g_rand_int_range (rand, 0, containers->len));

  if (JSON_NODE_HOLDS_OBJECT (target))
    {
      JsonObject *object = json_node_get_object (target);
      g_autoptr(GList) names = json_object_get_members (object);
      g_autofree char *name = NULL;

      if (names == NULL)
        return FALSE;
      name = g_strdup (g_list_nth_data (names, g_rand_int_range (rand, 0, g_list_length (names))));
      if (g_rand_int_range (rand, 0, 4) == 0)
        json_object_remove_member (object, name);
      else
        json_object_set_member (object, name, new_value (rand, all));
      return TRUE;
    }
  else
    {
      JsonArray *array = json_node_get_array (target);
      guint n = json_array_get_length (array);
      guint i;

      if (n == 0)
        return FALSE;
      i = g_rand_int_range (rand, 0, n);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          json_array_remove_element (array, i);
          break;
        case 1:
          json_array_add_element (array, deep_copy (json_array_get_element (array, i)));
          break;
        case 2:
          {
            JsonNode *moved = deep_copy (json_array_get_element (array, i));

            json_array_remove_element (array, i);
            json_array_add_element (array, moved);
          }
          break;
        default:
          replace_element (target, i, new_value (rand, all));
          break;
        }
      return TRUE;
    }
}

size_t
LLVMFuzzerCustomMutator (uint8_t      *data,
                         size_t        size,
                         size_t        max_size,
                         unsigned int  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  gsize length = 0;
  JsonNode *root;

  /* A third of the time, or for what is not JSON: bytes. */
  if (g_rand_int_range (rand, 0, 3) == 0 ||
      !json_parser_load_from_data (parser, (const char *) data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return LLVMFuzzerMutate (data, size, max_size);
  for (guint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
    mutate_tree (root, rand);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  if (length > max_size)
    return LLVMFuzzerMutate (data, size, max_size);
  memcpy (data, text, length);
  return length;
}

#endif
