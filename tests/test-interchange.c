/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-interchange.c: INTERCHANGE.md import and export. A battery of bad
 * documents, each run through `glide --import`, must exit 1 with the JSON path
 * of the first bad value and leave the database exactly as it was; good
 * documents round-trip exactly. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "glide-demo.h"
#include "glide-interchange.h"
#include "glide-test-utils.h"

/* A small, valid document: two therapists (one already in the test
 * database), a tool, two patients, a signed session with an addendum and a draft. */
static const char base_document[] =
  "{\"format\": \"glide-interchange\", \"version\": 1,"
  " \"clinic\": {\"name\": \"Riverside Physio\", \"address\": \"12 Mill Lane, Leeds\","
  "              \"phone\": \"+44 113 000 0000\"},"
  " \"therapists\": [{\"id\": \"dw\", \"name\": \"Dana Whitfield\", \"credentials\": \"DPT, OCS\"},"
  "                  {\"id\": \"ko\", \"name\": \"Kenji Okada\", \"credentials\": \"PT\"}],"
  " \"tools\": [{\"id\": \"gt1\", \"name\": \"Large concave blade\", \"material\": \"stainless-steel\"}],"
  " \"patients\": ["
  "  {\"chart\": \"P-0001\", \"family_name\": \"Müller\", \"given_name\": \"José\","
  "   \"birth_date\": \"1980-04-02\","
  "   \"screening\": [{\"condition\": \"diabetes\", \"present\": true, \"recorded\": \"2026-09-01\","
  "                   \"by\": \"dw\", \"note\": \"\"}],"
  "   \"courses\": [{\"diagnosis\": \"Plantar fasciitis\", \"icd10\": \"M72.2\","
  "     \"start_date\": \"2026-09-01\", \"end_date\": null, \"goals\": \"Walk 5 km\","
  "     \"sessions\": ["
  "      {\"start\": \"2026-09-01T09:30\", \"therapist\": \"dw\", \"emollient\": \"lotion\","
  "       \"note\": \"Heel pain worst in the morning.\", \"home_program\": \"Calf stretch\","
  "       \"contraindication_override\": null,"
  "       \"signed\": {\"by\": \"dw\", \"at\": \"2026-09-01T10:05\"},"
  "       \"addenda\": [{\"by\": \"dw\", \"at\": \"2026-09-02T08:00\", \"text\": \"Soreness settled.\"}],"
  "       \"treatments\": ["
  "        {\"site\": \"plantar-fascia\", \"side\": \"left\", \"stroke\": \"sustained\","
  "         \"duration_s\": 45, \"edge\": \"concave\", \"tool\": \"gt1\", \"technique\": \"sweeping\","
  "         \"pressure\": \"moderate\", \"redness\": \"mild\", \"petechiae\": false, \"note\": \"\"},"
  "        {\"site\": \"calf\", \"side\": \"left\", \"stroke\": \"oscillating\","
  "         \"duration_s\": 90, \"edge\": \"convex\", \"tool\": null, \"technique\": null,"
  "         \"pressure\": null, \"redness\": \"none\", \"petechiae\": true, \"note\": \"\"}],"
  "       \"measures\": ["
  "        {\"measure\": \"pain\", \"timing\": \"pre\", \"value\": 7},"
  "        {\"measure\": \"pain\", \"timing\": \"post\", \"value\": 5},"
  "        {\"measure\": \"ankle-dorsiflexion\", \"side\": \"left\", \"timing\": \"pre\", \"value\": 8},"
  "        {\"measure\": \"lumbar-flexion\", \"timing\": \"pre\", \"value\": 55}]},"
  "      {\"start\": \"2026-09-04T09:30\", \"therapist\": \"ko\","
  "       \"treatments\": [{\"site\": \"calf\", \"side\": \"left\", \"stroke\": \"sustained\","
  "         \"duration_s\": 60, \"edge\": \"concave\", \"redness\": \"mild\", \"petechiae\": false}],"
  "       \"measures\": [{\"measure\": \"pain\", \"timing\": \"pre\", \"value\": 6.5}]}]}]},"
  "  {\"chart\": \"P-0002\", \"family_name\": \"Παπαδόπουλος\", \"given_name\": \"Γιώργος\"}]}";

/* Paths used below. */
#define P0 "patients[0]"
#define C0 P0 ".courses[0]"
#define S0 C0 ".sessions[0]"
#define S1 C0 ".sessions[1]"
#define T0 S0 ".treatments[0]"
#define M0 S0 ".measures[0]"

typedef enum
{
  SET,      /* set (or add) the value at path to JSON text */
  REMOVE,   /* remove the key at path */
  TEXT,     /* replace text in the compact document */
  RAW,      /* the whole file is the given bytes */
} Change;

typedef struct
{
  Change      change;
  const char *where;     /* path, or the text to replace */
  const char *what;      /* JSON value, or replacement text */
  const char *expected;  /* the message must start with this */
} BadDocument;

static const BadDocument bad_documents[] = {
  /* the document */
  { RAW, NULL, "{\"format\": \"glide-interchange\", \"version\": 1, \"patients\": [{\"chart\": ",
    "document: not valid JSON at line 1" },
  { RAW, NULL, "", "document: " },
  { RAW, NULL, "[1, 2, 3]", "document: expected a JSON object, got an array" },
  { TEXT, "\"Müller\"", "\"M\xfcller\"", P0 ".family_name: contains bytes that are not valid UTF-8" },
  { TEXT, "\"given_name\":\"José\"", "\"given_name\":\"José\",\"given_name\":\"Jose\"",
    P0 ".given_name: the key appears more than once" },
  /* Deeper, after a string holding ':' and escaped quotes (a repeated key is
   * seen by counting members, then located by a second parse). */
  { TEXT, "\"petechiae\":false,\"note\":\"\"",
    "\"petechiae\":false,\"note\":\"a: \\\"b\\\": \\\\\",\"petechiae\":true",
    T0 ".petechiae: the key appears more than once" },
  { SET, "format", "\"glide-export\"", "format: \"glide-export\" is not \"glide-interchange\"" },
  { REMOVE, "format", NULL, "format: is required" },
  { SET, "version", "3", "version: version 3 is not supported (this Glide reads versions 1 to 2)" },
  { SET, "version", "\"1\"", "version: expected a number, got a string" },
  { SET, "patient", "[]", "patient: unknown key" },
  /* clinic, therapists, tools */
  { SET, "clinic", "\"Riverside\"", "clinic: expected an object, got a string" },
  { SET, "clinic.fax", "\"0113\"", "clinic.fax: unknown key" },
  { SET, "therapists", "{}", "therapists: expected an array, got an object" },
  { REMOVE, "therapists[1].name", NULL, "therapists[1].name: is required" },
  { SET, "therapists[1].id", "\"k o\"", "therapists[1].id: \"k o\" may contain only" },
  { SET, "therapists[1].id", "\"dw\"", "therapists[1].id: \"dw\" is listed twice" },
  { SET, "therapists[0].name", "\"Dana W.\"", "therapists[0].id: \"dw\" already belongs to \"Dana Whitfield\" in this database" },
  { SET, "tools[0].material", "\"titanium\"", "tools[0].material: \"titanium\" is not a valid material code" },
  /* patients */
  { REMOVE, P0 ".chart", NULL, P0 ".chart: is required" },
  { SET, P0 ".chart", "1", P0 ".chart: expected a string, got a number" },
  { SET, P0 ".family_name", "\"\"", P0 ".family_name: must not be empty" },
  /* Read without the spaces around it, as a form takes it: nothing is left. */
  { SET, P0 ".family_name", "\"   \"", P0 ".family_name: must not be empty" },
  { SET, P0 ".birth_date", "\"2026-02-30\"", P0 ".birth_date: \"2026-02-30\" is not a valid date" },
  { SET, P0 ".birth_date", "\"2099-01-01\"", P0 ".birth_date: 2099-01-01 is in the future" },
  { SET, "patients[1].chart", "\"P-0001\"", "patients[1].chart: P-0001 is listed twice" },
  { SET, P0 ".chart", "\"P-9000\"", P0 ".chart: a patient with chart P-9000 already exists" },
  { SET, P0 ".nickname", "\"Pepe\"", P0 ".nickname: unknown key" },
  /* names are one line of visible text; chart numbers are plain */
  { SET, P0 ".family_name", "\"M\\u0085ller\"", P0 ".family_name: contains the control character U+0085" },
  { SET, P0 ".family_name", "\"M\u00fcller\\nSmith\"", P0 ".family_name: contains a line break (U+000A)" },
  { SET, P0 ".given_name", "\"\\u200b\\u00a0\"", P0 ".given_name: has no visible characters" },
  { SET, "therapists[1].name", "\"\\ufeff\"", "therapists[1].name: has no visible characters" },
  { SET, P0 ".chart", "\"../etc/passwd\"", P0 ".chart: \"../etc/passwd\" must start with a letter or a digit" },
  { SET, P0 ".chart", "\"P/1\"", P0 ".chart: \"P/1\" may contain only letters, digits" },
  { SET, P0 ".chart", "\"P..1\"", P0 ".chart: \"P..1\" must not contain \"..\"" },
  { SET, P0 ".chart", "\"P\\u001b]0;x\"", P0 ".chart: \"P\\u001B]0;x\" may contain only" },
  /* implausible dates */
  { SET, P0 ".birth_date", "\"1899-12-31\"", P0 ".birth_date: 1899-12-31 is before 1900" },
  { SET, P0 ".birth_date", "\"2026-09-02\"", C0 ".start_date: 2026-09-01 is before the patient's birth date (2026-09-02)" },
  { SET, S0 ".start", "\"0001-09-01T09:30\"", S0 ".start: 0001-09-01T09:30 is before 1900" },
  { SET, P0 ".screening[0].condition", "\"flu\"", P0 ".screening[0].condition: \"flu\" is not a known condition" },
  { SET, P0 ".screening[0].present", "\"yes\"", P0 ".screening[0].present: expected true or false" },
  { SET, P0 ".screening[0].by", "\"zz\"", P0 ".screening[0].by: unknown therapist \"zz\"" },
  /* courses */
  { SET, C0 ".icd10", "\"plantar\"", C0 ".icd10: \"plantar\" is not an ICD-10 code" },
  { SET, C0 ".end_date", "\"2026-08-01\"", C0 ".end_date: 2026-08-01 is before the start date" },
  { SET, C0 ".sessions", "\"none\"", C0 ".sessions: expected an array, got a string" },
  /* version 1 has no course of care */
  { SET, C0 ".goals_note", "\"Walk\"", C0 ".goals_note: unknown key" },
  { SET, C0 ".plans", "[]", C0 ".plans: unknown key" },
  { SET, S0 ".total_minutes", "40", S0 ".total_minutes: unknown key" },
  /* sessions */
  { REMOVE, S0 ".start", NULL, S0 ".start: is required" },
  { SET, S0 ".start", "\"2026-09-01 09:30\"", S0 ".start: \"2026-09-01 09:30\" is not a valid date-time" },
  { SET, S0 ".start", "\"2099-09-01T09:30\"", S0 ".start: 2099-09-01T09:30 is in the future" },
  { SET, S0 ".start", "\"2026-08-20T09:30\"", S0 ".start: 2026-08-20T09:30 is before the course started" },
  { SET, S0 ".therapist", "\"zz\"", S0 ".therapist: unknown therapist \"zz\"" },
  { SET, S0 ".signed.at", "\"2026-09-01T09:00\"", S0 ".signed.at: 2026-09-01T09:00 is before the session started" },
  { REMOVE, S0 ".signed.by", NULL, S0 ".signed.by: is required" },
  { SET, S1 ".addenda", "[{\"by\": \"ko\", \"at\": \"2026-09-05T08:00\", \"text\": \"x\"}]",
    S1 ".addenda[0]: a draft session cannot have addenda" },
  { SET, S0 ".addenda[0].text", "\"  \"", S0 ".addenda[0].text: must not be blank" },
  { SET, S0 ".note", "\"\\u0007bell\"", S0 ".note: contains the control character U+0007" },
  /* treatments */
  { SET, S0 ".treatments", "{}", S0 ".treatments: expected an array, got an object" },
  { SET, T0 ".site", "\"calves\"", T0 ".site: \"calves\" is not a known site code" },
  { SET, T0 ".side", "\"midline\"", T0 ".side: plantar-fascia needs a side, left or right" },
  { SET, T0 ".side", "\"both\"", T0 ".side: \"both\" is not a valid side code" },
  { SET, T0 ".duration_s", "0", T0 ".duration_s: 0 is out of range 1-3600" },
  { SET, T0 ".duration_s", "3601", T0 ".duration_s: 3601 is out of range 1-3600" },
  { SET, T0 ".duration_s", "45.5", T0 ".duration_s: 45.5 is not a whole number" },
  { SET, T0 ".duration_s", "\"60\"", T0 ".duration_s: expected a number, got a string" },
  { REMOVE, T0 ".duration_s", NULL, T0 ".duration_s: is required" },
  { SET, T0 ".stroke", "\"circular\"", T0 ".stroke: \"circular\" is not a valid stroke code (one of sustained, oscillating)" },
  { SET, T0 ".edge", "\"round\"", T0 ".edge: \"round\" is not a valid edge code" },
  { SET, T0 ".redness", "null", T0 ".redness: is required, got null" },
  { SET, T0 ".petechiae", "\"no\"", T0 ".petechiae: expected true or false, got a string" },
  { SET, T0 ".tool", "\"gt9\"", T0 ".tool: unknown tool \"gt9\" (not in tools)" },
  { SET, T0 ".pressur", "\"deep\"", T0 ".pressur: unknown key" },
  { SET, S0 ".treatments[1].site", "\"plantar-fascia\"",
    S0 ".treatments[1].site: plantar-fascia--left is already treated in this session" },
  /* measures */
  { SET, M0 ".measure", "\"grip\"", M0 ".measure: \"grip\" is not a known measure code" },
  { SET, M0 ".value", "11", M0 ".value: 11 is out of range 0 to 10 for pain" },
  { SET, M0 ".value", "6.3", M0 ".value: 6.3 is not in steps of 0.5" },
  { SET, M0 ".value", "null", M0 ".value: is required, got null" },
  { SET, M0 ".side", "\"left\"", M0 ".side: pain is not recorded per side" },
  { SET, M0 ".timing", "\"during\"", M0 ".timing: \"during\" is not a valid timing code" },
  { REMOVE, S0 ".measures[2].side", NULL, S0 ".measures[2].side: ankle-dorsiflexion needs a side" },
  { SET, S0 ".measures[3].side", "\"left\"", S0 ".measures[3].side: lumbar-flexion is a midline measure" },
  { SET, S0 ".measures[1].timing", "\"pre\"", S0 ".measures[1].measure: pain pre is recorded twice" },
  /* a contraindication on file needs a reason on every treated session */
  { SET, P0 ".screening[1]", "{\"condition\": \"thrombophlebitis\", \"present\": true}",
    S0 ".contraindication_override: a reason is required" },
};

typedef struct
{
  char *dir;
  char *db;
} Battery;

/* Every table, row by row, so "unchanged" means unchanged; the audit log
 * last, so that the records alone can be compared too. */
static const char *const tables[] = { "clinic", "therapists", "instruments", "patients",
                                      "patient_words", "screening", "courses", "sessions",
                                      "treatments", "measures", "addenda",
                                      "audit_log", "audit_head" };
#define N_RECORD_TABLES (G_N_ELEMENTS (tables) - 2)

static char *
dump_tables (const char *db,
             guint       n_tables)
{
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < n_tables; i++)
    {
      /* Table names from the constant list above, never from input. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      g_autofree char *rows = glide_test_sql_text (db, sql);

      g_string_append_printf (dump, "[%s]\n%s", tables[i], rows);
    }
  return g_string_free (dump, FALSE);
}

static char *
dump_database (const char *db)
{
  return dump_tables (db, G_N_ELEMENTS (tables));
}

/* Walks "a.b[2].c" to the container holding its last step. */
static JsonNode *
walk_to_parent (JsonNode    *root,
                const char  *path,
                char       **last_key,
                int         *last_index)
{
  g_auto(GStrv) steps = NULL;
  g_autoptr(GString) normal = g_string_new (path);
  JsonNode *node = root;
  guint n;

  g_string_replace (normal, "[", ".[", 0);
  steps = g_strsplit (normal->str, ".", -1);
  n = g_strv_length (steps);

  for (guint i = 0; i < n; i++)
    {
      const char *step = steps[i];
      gboolean is_index = step[0] == '[';
      int index = is_index ? atoi (step + 1) : -1;

      if (i == n - 1)
        {
          *last_key = is_index ? NULL : g_strdup (step);
          *last_index = index;
          return node;
        }
      node = is_index ? json_array_get_element (json_node_get_array (node), index)
                      : json_object_get_member (json_node_get_object (node), step);
      g_assert_nonnull (node);
    }
  g_assert_not_reached ();
}

/* Imports @document into @store, which must accept it. */
static void
import_ok (GlideStore         *store,
           const char         *document,
           gboolean            merge,
           const char         *name,
           GlideImportSummary *summary)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glide_interchange_import (store, document, strlen (document), merge, name,
                                           summary, &error));
  g_assert_no_error (error);
}

static char *
make_document (const BadDocument *bad)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *compact = NULL;
  JsonNode *root;

  if (bad->change == RAW)
    return g_strdup (bad->what);

  g_assert_true (json_parser_load_from_data (parser, base_document, -1, NULL));
  root = json_parser_get_root (parser);

  if (bad->change == SET || bad->change == REMOVE)
    {
      g_autofree char *key = NULL;
      int index;
      JsonNode *parent = walk_to_parent (root, bad->where, &key, &index);

      if (bad->change == REMOVE)
        json_object_remove_member (json_node_get_object (parent), key);
      else
        {
          g_autoptr(JsonParser) value = json_parser_new ();

          g_assert_true (json_parser_load_from_data (value, bad->what, -1, NULL));
          if (key != NULL)
            json_object_set_member (json_node_get_object (parent), key,
                                    json_node_copy (json_parser_get_root (value)));
          else if ((guint) index < json_array_get_length (json_node_get_array (parent)))
            {
              JsonArray *array = json_node_get_array (parent);

              json_array_remove_element (array, index);
              json_array_add_element (array, json_node_copy (json_parser_get_root (value)));
            }
          else
            json_array_add_element (json_node_get_array (parent),
                                    json_node_copy (json_parser_get_root (value)));
        }
    }

  json_generator_set_root (generator, root);
  compact = json_generator_to_data (generator, NULL);

  if (bad->change == TEXT)
    {
      g_autoptr(GString) text = g_string_new (compact);

      g_assert_nonnull (strstr (text->str, bad->where));
      g_string_replace (text, bad->where, bad->what, 1);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_steal_pointer (&compact);
}

static void
run_import (const char  *db,
            const char  *file,
            gboolean     merge,
            int         *status,
            char       **out,
            char       **err)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *name = g_path_get_basename (db);
  g_autofree char *location = glide_test_store_location (dir, name);
  const char *argv[] = { g_getenv ("GLIDE_BINARY"), "-d", location, "--import", file,
                         merge ? "--merge" : NULL, NULL };

  *status = glide_test_run (argv, out, err);
}

static void
battery_set_up (Battery *b)
{
  g_autoptr(GlideStore) store = NULL;

  b->dir = glide_test_make_tmpdir ();
  b->db = g_build_filename (b->dir, "clinic.db", NULL);
  store = glide_test_open_store (b->dir, "clinic.db");
  glide_test_add_therapist (store, "dw", "Dana Whitfield");
  glide_test_add_patient (store, "P-9000", "Existing", "Patient");
}

static void
test_base_document_is_valid (void)
{
  Battery b;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  battery_set_up (&b);
  file = g_build_filename (b.dir, "good.json", NULL);
  g_assert_true (g_file_set_contents (file, base_document, -1, NULL));
  run_import (b.db, file, FALSE, &status, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 patients (1 course, 2 sessions of which 1 signed, "
                                 "3 treatments, 5 measures, 1 addendum, 1 screening record)"));
  g_assert_nonnull (strstr (out, "1 therapist and 1 tool (1 therapist and 0 tools were already present)"));
  glide_test_remove_tree (b.dir);
  g_free (b.dir);
  g_free (b.db);
}

/* One database for the whole battery: each case must leave it as it was. */
static Battery battery;
static char *battery_dump;

static void
test_bad_document (gconstpointer data)
{
  const BadDocument *bad = data;
  guint i = bad - bad_documents;
  g_autofree char *name = g_strdup_printf ("bad-%02u.json", i);
  g_autofree char *file = g_build_filename (battery.dir, name, NULL);
  g_autofree char *document = make_document (bad);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("glide: %s: ", file);
  const char *message;
  int status;

  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  run_import (battery.db, file, FALSE, &status, &out, &err);
  g_test_message ("%s", err);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, prefix));
  message = err + strlen (prefix);
  if (!g_str_has_prefix (message, bad->expected))
    g_error ("expected \"%s...\", got \"%s\"", bad->expected, message);
  g_assert_nonnull (strstr (err, "Nothing was imported."));
  g_assert_cmpstr (out, ==, "");

  after = dump_database (battery.db);
  g_assert_cmpstr (battery_dump, ==, after);
}

/* A 10 MB note is refused by length, not by running out of anything. */
static void
test_huge_note (void)
{
  Battery b;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *note = g_strnfill (10 * 1024 * 1024, 'a');
  g_autofree char *value = g_strdup_printf ("\"%s\"", note);
  BadDocument bad = { SET, S0 ".note", value, NULL };
  g_autofree char *document = NULL;
  int status;

  battery_set_up (&b);
  before = dump_database (b.db);
  file = g_build_filename (b.dir, "huge.json", NULL);
  document = make_document (&bad);
  g_assert_cmpuint (strlen (document), >, 10 * 1024 * 1024);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  run_import (b.db, file, FALSE, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, S0 ".note: is 10485760 characters long, more than the limit of 20000"));
  after = dump_database (b.db);
  g_assert_cmpstr (before, ==, after);
  glide_test_remove_tree (b.dir);
  g_free (b.dir);
  g_free (b.db);
}

/* A hostile file's 1 MB key or value is quoted by its start: the message
 * stays short, and still names the path and the rule. */
static void
test_huge_key_and_value (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "huge.db");
  g_autofree char *word = g_strnfill (1024 * 1024, 'k');
  g_autofree char *key_path = g_strconcat (P0 ".", word, NULL);
  g_autofree char *value = g_strdup_printf ("\"%s\"", word);
  g_autofree char *shown_key = g_strnfill (64, 'k');
  g_autofree char *key_expected = g_strdup_printf (P0 ".%s…: unknown key", shown_key);
  const struct
  {
    BadDocument bad;
    const char *start;
    const char *rule;
  } cases[] = {
    { { SET, key_path, "1", NULL }, key_expected, "unknown key" },
    { { SET, T0 ".site", value, NULL }, T0 ".site: \"kkkk", "is not a known site code" },
    { { SET, S0 ".therapist", value, NULL }, S0 ".therapist: unknown therapist \"kkkk",
      "(not in therapists)" },
    { { SET, C0 ".start_date", value, NULL }, C0 ".start_date: \"kkkk", "is not a valid date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = make_document (&cases[i].bad);
      g_autoptr(GError) error = NULL;
      GlideImportSummary summary;

      g_assert_false (glide_interchange_import (store, document, strlen (document), FALSE,
                                                "huge.json", &summary, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (g_utf8_strlen (error->message, -1), <=, 1000);
      g_assert_true (g_str_has_prefix (error->message, cases[i].start));
      g_assert_nonnull (strstr (error->message, "…"));
      g_assert_nonnull (strstr (error->message, cases[i].rule));
      g_assert_true (glide_store_is_empty (store, NULL));
    }
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static char *make_v2_document (const char *where,
                               const char *what);

/* A value within a rounding error of its step (6.5000000000001 for a pain
 * of 6.5) passes the rules, so it is stored on the step: the database's
 * check refused it with a message naming no field. */
static void
test_value_near_step (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "near.db");
  g_autoptr(GlideStore) v2 = glide_test_open_store (dir, "near-v2.db");
  BadDocument near = { SET, M0 ".value", "6.5000000000001", NULL };
  g_autofree char *document = make_document (&near);
  g_autofree char *v2_document = make_v2_document (C0 ".goals[0].target", "2.0000000000001");
  g_autofree char *db = g_build_filename (dir, "near.db", NULL);
  g_autofree char *value = NULL;
  GlideImportSummary summary;

  import_ok (store, document, FALSE, "near.json", &summary);
  if (glide_test_backend_is_sqlite ())
    {
      value = glide_test_sql_text (db, "SELECT value FROM measures WHERE measure = 'pain'"
                                       " AND timing = 'pre'"
                                       " AND session_id = (SELECT min(id) FROM sessions)");
      g_assert_cmpstr (value, ==, "6.5\n");
    }
  import_ok (v2, v2_document, FALSE, "near-v2.json", &summary);
  g_clear_object (&store);
  g_clear_object (&v2);
  glide_test_remove_tree (dir);
}

/* The same visit listed twice in one document, without --merge: stored
 * once, and the summary says so (it said "merged into 0 existing
 * patients"). */
static void
test_session_listed_twice (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "twice.db");
  BadDocument twice = { SET, C0 ".sessions[2]",
                        "{\"start\": \"2026-09-04T09:30\", \"therapist\": \"ko\","
                        " \"treatments\": [{\"site\": \"calf\", \"side\": \"left\","
                        " \"stroke\": \"sustained\", \"duration_s\": 60, \"edge\": \"concave\","
                        " \"redness\": \"mild\", \"petechiae\": false}],"
                        " \"measures\": [{\"measure\": \"pain\", \"timing\": \"pre\", \"value\": 6.5}]}",
                        NULL };
  g_autofree char *document = make_document (&twice);
  g_autofree char *text = NULL;
  GlideImportSummary summary;

  import_ok (store, document, FALSE, "twice.json", &summary);
  g_assert_cmpuint (summary.sessions, ==, 2);
  g_assert_cmpuint (summary.sessions_skipped, ==, 1);
  text = glide_import_summary_describe (&summary);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "; 1 session listed twice in the file (its second listing "
                                  "skipped)"));
  g_assert_null (strstr (text, "merged into"));
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static void
test_extension_keys_ignored (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "x.db");
  GlideImportSummary summary;
  BadDocument extended = { SET, T0 ".x-pressure-kg", "{\"value\": 3.5}", NULL };
  BadDocument extended_root = { SET, "x-exported-by", "\"OtherEMR 4.1\"", NULL };
  g_autofree char *document = make_document (&extended);

  import_ok (store, document, FALSE, "x.json", &summary);
  g_assert_cmpuint (summary.treatments, ==, 3);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
  g_free (dir);

  dir = glide_test_make_tmpdir ();
  store = glide_test_open_store (dir, "x.db");
  g_free (document);
  document = make_document (&extended_root);
  import_ok (store, document, FALSE, "x.json", &summary);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

static char *
export_to_string (GlideStore *store,
                  const char *chart)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (glide_interchange_export (store, out, chart, "test", &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_demo_round_trip (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) demo = glide_test_open_store (dir, "demo.db");
  g_autoptr(GlideStore) copy = glide_test_open_store (dir, "copy.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *records_before = NULL;
  g_autofree char *records_after = NULL;
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  GlideImportSummary summary;
  GlideDemoSummary made;

  g_assert_true (glide_demo_fill (demo, NULL, &made, &error));
  g_assert_no_error (error);
  first = export_to_string (demo, NULL);

  import_ok (copy, first, FALSE, "demo.json", &summary);
  g_assert_cmpuint (summary.patients, ==, made.patients);
  g_assert_cmpuint (summary.sessions, ==, made.sessions);
  g_assert_cmpuint (summary.addenda, ==, made.addenda);
  second = export_to_string (copy, NULL);
  g_assert_cmpstr (first, ==, second);
  /* Every imported record sealed as stored (sessions 2 to 99 and more). */
  glide_test_assert_check_passes (copy);

  /* The same document again: every chart exists, nothing changes. */
  records_before = dump_tables (demo_path, N_RECORD_TABLES);
  g_assert_false (glide_interchange_import (demo, first, strlen (first), FALSE, "demo.json",
                                            &summary, &error));
  g_assert_error (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_EXISTS);
  g_assert_true (g_str_has_prefix (error->message, "patients[0].chart: a patient with chart P-1001 "
                                                   "already exists"));
  /* How to ask for the merge is each front end's to say. */
  g_assert_null (strstr (error->message, "--merge"));
  g_clear_error (&error);

  /* With --merge, every session is already present: skipped, not doubled. */
  import_ok (demo, first, TRUE, "demo.json", &summary);
  g_assert_cmpuint (summary.patients_merged, ==, made.patients);
  g_assert_cmpuint (summary.sessions, ==, 0);
  g_assert_cmpuint (summary.sessions_skipped, ==, made.sessions);
  g_assert_cmpuint (summary.courses, ==, 0);
  g_clear_pointer (&second, g_free);
  second = export_to_string (demo, NULL);
  g_assert_cmpstr (first, ==, second);
  records_after = dump_tables (demo_path, N_RECORD_TABLES);
  g_assert_cmpstr (records_before, ==, records_after);

  g_clear_object (&demo);
  g_clear_object (&copy);
  glide_test_remove_tree (dir);
}

static void
test_merge_adds_sessions (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "m.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  GlideImportSummary summary;
  BadDocument later = { SET, S1 ".start", "\"2026-09-08T09:30\"", NULL };
  g_autofree char *second = make_document (&later);

  import_ok (store, base_document, FALSE, "a.json", &summary);
  import_ok (store, second, TRUE, "b.json", &summary);
  g_assert_cmpuint (summary.patients, ==, 0);
  g_assert_cmpuint (summary.patients_merged, ==, 2);
  g_assert_cmpuint (summary.sessions, ==, 1);
  g_assert_cmpuint (summary.sessions_skipped, ==, 1);

  patient = glide_store_find_patient (store, "P-0001", &error);
  courses = glide_store_list_courses (store, patient->id, &error);
  g_assert_cmpuint (courses->len, ==, 1);
  sessions = glide_store_list_sessions (store, ((GlideCourse *) courses->pdata[0])->id, &error);
  g_assert_cmpuint (sessions->len, ==, 3);

  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* Sets the value at each path ("a.b[2].c") of a document to JSON text; an
 * array element must be an object, or one past the end to append. */
static char *
edit_document (const char        *document,
               const char *const *edits)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, document, -1, NULL));
  root = json_parser_get_root (parser);
  for (guint i = 0; edits[i] != NULL; i += 2)
    {
      g_autoptr(JsonParser) value = json_parser_new ();
      g_autofree char *key = NULL;
      int index;
      JsonNode *parent = walk_to_parent (root, edits[i], &key, &index);

      g_assert_true (json_parser_load_from_data (value, edits[i + 1], -1, NULL));
      if (key != NULL)
        json_object_set_member (json_node_get_object (parent), key,
                                json_node_copy (json_parser_get_root (value)));
      else
        {
          JsonArray *array = json_node_get_array (parent);

          if ((guint) index < json_array_get_length (array))
            json_node_set_object (json_array_get_element (array, index),
                                  json_node_get_object (json_parser_get_root (value)));
          else
            json_array_add_element (array, json_node_copy (json_parser_get_root (value)));
        }
    }
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

typedef struct
{
  char       *dir;
  char       *db;
  GlideStore *store;
} Merge;

/* A database holding the base document. */
static void
merge_set_up (Merge *m)
{
  GlideImportSummary summary;

  m->dir = glide_test_make_tmpdir ();
  m->db = g_build_filename (m->dir, "m.db", NULL);
  m->store = glide_test_open_store (m->dir, "m.db");
  import_ok (m->store, base_document, FALSE, "a.json", &summary);
}

static void
merge_tear_down (Merge *m)
{
  g_clear_object (&m->store);
  glide_test_remove_tree (m->dir);
  g_free (m->dir);
  g_free (m->db);
}

static gboolean
merge (Merge               *m,
       const char          *document,
       GlideImportSummary  *summary,
       GError             **error)
{
  return glide_interchange_import (m->store, document, strlen (document), TRUE, "b.json",
                                   summary, error);
}

/* A refused merge writes nothing, and names where and why. */
static void
assert_merge_refused (Merge      *m,
                      const char *document,
                      const char *expected)
{
  g_autofree char *before = dump_database (m->db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;

  g_assert_false (merge (m, document, &summary, &error));
  g_assert_error (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected \"%s...\", got \"%s\"", expected, error->message);
  after = dump_database (m->db);
  g_assert_cmpstr (before, ==, after);
}

static GlideSession *
find_session (GlideStore *store,
              const char *chart,
              const char *start)
{
  g_autoptr(GlidePatient) patient = glide_store_find_patient (store, chart, NULL);
  g_autoptr(GPtrArray) courses = glide_store_list_courses (store, patient->id, NULL);
  GlideSession *found = NULL;

  for (guint i = 0; i < courses->len; i++)
    {
      g_autoptr(GPtrArray) sessions =
        glide_store_list_sessions (store, ((GlideCourse *) courses->pdata[i])->id, NULL);

      for (guint j = 0; j < sessions->len; j++)
        if (g_str_equal (((GlideSession *) sessions->pdata[j])->start, start))
          {
            g_assert_null (found);
            found = g_ptr_array_steal_index (sessions, j--);
          }
    }
  return found;
}

static guint
count_sessions (const char *db)
{
  g_autofree char *count = glide_test_sql_text (db, "SELECT count(*) FROM sessions");

  return atoi (count);
}

/* 09:30, 09:30:00, 09:30Z and 10:30+01:00 are one visit (the clinic here is
 * on UTC): found, skipped, never stored twice. */
static void
test_merge_same_instant (void)
{
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  const char *spellings[][2] = {
    { "\"2026-09-01T09:30:00\"", "\"2026-09-04T09:30:00\"" },
    { "\"2026-09-01T09:30Z\"", "\"2026-09-04T09:30:00Z\"" },
    { "\"2026-09-01T10:30+01:00\"", "\"2026-09-04T05:30-04:00\"" },
  };
  Merge m;

  g_setenv ("TZ", "UTC", TRUE);
  merge_set_up (&m);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      const char *edits[] = { S0 ".start", spellings[i][0], S1 ".start", spellings[i][1],
                              S0 ".signed.at", "\"2026-09-01T10:05:00Z\"",
                              S0 ".addenda[0].at", "\"2026-09-02T09:00+01:00\"", NULL };
      g_autofree char *document = edit_document (base_document, edits);
      g_autofree char *records_before = dump_tables (m.db, N_RECORD_TABLES);
      g_autofree char *records_after = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      GlideImportSummary summary;

      g_test_message ("%s", spellings[i][0]);
      g_assert_true (merge (&m, document, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.sessions, ==, 0);
      g_assert_cmpuint (summary.sessions_skipped, ==, 2);
      g_assert_cmpuint (summary.addenda, ==, 0);
      g_assert_cmpuint (summary.addenda_added, ==, 0);
      g_assert_cmpuint (summary.screening_updated, ==, 0);
      g_assert_cmpuint (count_sessions (m.db), ==, 2);
      records_after = dump_tables (m.db, N_RECORD_TABLES);
      g_assert_cmpstr (records_before, ==, records_after);
      text = glide_import_summary_describe (&summary);
      g_assert_nonnull (strstr (text, "0 sessions added, 2 already present (skipped)"));
    }
  merge_tear_down (&m);

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* The same visit with other content is a conflict that names both sessions. */
static void
test_merge_conflict (void)
{
  const struct
  {
    const char *path;
    const char *value;
    const char *expected;
  } cases[] = {
    { S0 ".note", "\"Heel pain all day.\"",
      S0 ".note: this session (start 2026-09-01T09:30:00, therapist dw) is the visit already on "
      "file (start 2026-09-01T09:30, Dana Whitfield) with a different note" },
    { T0 ".duration_s", "50",
      S0 ".treatments: this session (start 2026-09-01T09:30:00, therapist dw) is the visit "
      "already on file (start 2026-09-01T09:30, Dana Whitfield) with different treatments" },
    { M0 ".value", "6",
      S0 ".measures: this session (start 2026-09-01T09:30:00, therapist dw) is the visit already "
      "on file (start 2026-09-01T09:30, Dana Whitfield) with different measures" },
    { S1 ".signed", "{\"by\": \"ko\", \"at\": \"2026-09-04T10:00\"}",
      S1 ".signed: this session (start 2026-09-04T09:30:00, therapist ko) is the visit already "
      "on file (start 2026-09-04T09:30, Kenji Okada) with a different signature" },
    { S1 ".home_program", "\"Heel raises\"",
      S1 ".home_program: this session (start 2026-09-04T09:30:00, therapist ko) is the visit "
      "already on file (start 2026-09-04T09:30, Kenji Okada) with a different home_program" },
  };
  Merge m;

  merge_set_up (&m);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *edits[] = { S0 ".start", "\"2026-09-01T09:30:00\"",
                              S1 ".start", "\"2026-09-04T09:30:00\"",
                              cases[i].path, cases[i].value, NULL };
      g_autofree char *document = edit_document (base_document, edits);

      assert_merge_refused (&m, document, cases[i].expected);
      g_assert_cmpuint (count_sessions (m.db), ==, 2);
    }

  /* Another birth date: not the same person. */
  {
    const char *edits[] = { P0 ".birth_date", "\"1981-04-02\"", NULL };
    g_autofree char *document = edit_document (base_document, edits);

    assert_merge_refused (&m, document, P0 ".birth_date: chart P-0001 belongs to ");
  }
  merge_tear_down (&m);
}

/* Addenda are append-only: one in the file that the database lacks is added
 * to the session on file; one that contradicts an addendum on file is refused. */
static void
test_merge_addenda (void)
{
  const char *add[] = { S0 ".addenda[1]", "{\"by\": \"ko\", \"at\": \"2026-09-03T08:00\","
                                          " \"text\": \"Phoned: walking 3 km without pain.\"}",
                        S0 ".addenda[0].at", "\"2026-09-02T08:00:00\"", NULL };
  const char *changed[] = { S0 ".addenda[0].text", "\"Soreness gone.\"", NULL };
  const char *on_draft[] = { S1 ".addenda", "[{\"by\": \"ko\", \"at\": \"2026-09-05T08:00\","
                                            " \"text\": \"x\"}]", NULL };
  g_autofree char *document = edit_document (base_document, add);
  g_autofree char *conflicting = edit_document (base_document, changed);
  g_autofree char *draft_addendum = edit_document (base_document, on_draft);
  g_autoptr(GlideSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GlideImportSummary summary;
  GlideAddendum *addendum;
  Merge m;

  merge_set_up (&m);
  g_assert_true (merge (&m, document, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sessions, ==, 0);
  g_assert_cmpuint (summary.sessions_skipped, ==, 2);
  g_assert_cmpuint (summary.addenda, ==, 1);
  g_assert_cmpuint (summary.addenda_added, ==, 1);
  text = glide_import_summary_describe (&summary);
  g_assert_nonnull (strstr (text, "0 sessions added, 2 already present (skipped), "
                                  "1 addendum added to sessions already present"));

  session = find_session (m.store, "P-0001", "2026-09-01T09:30");
  g_assert_cmpuint (session->addenda->len, ==, 2);
  addendum = session->addenda->pdata[1];
  g_assert_cmpstr (addendum->at, ==, "2026-09-03T08:00");
  g_assert_cmpstr (addendum->text, ==, "Phoned: walking 3 km without pain.");

  /* Again: everything is on file now. */
  g_assert_true (merge (&m, document, &summary, &error));
  g_assert_cmpuint (summary.addenda, ==, 0);
  g_assert_cmpuint (summary.addenda_added, ==, 0);

  assert_merge_refused (&m, conflicting,
                        S0 ".addenda[0].text: the addendum on file by Dana Whitfield at "
                        "2026-09-02T08:00 has a different text; addenda are never changed");
  assert_merge_refused (&m, draft_addendum,
                        S1 ".addenda[0]: a draft session cannot have addenda");
  merge_tear_down (&m);
}

/* Screening on file keeps its latest record: a newer one in the file
 * replaces it (the audit log keeps the old), an older different one is refused. */
static void
test_merge_screening (void)
{
  const char *newer[] = { P0 ".screening[0]", "{\"condition\": \"diabetes\", \"present\": false,"
                                              " \"recorded\": \"2026-09-10\", \"by\": \"ko\","
                                              " \"note\": \"HbA1c normal\"}",
                          P0 ".screening[1]", "{\"condition\": \"cancer\", \"present\": false,"
                                              " \"recorded\": \"2026-09-10\", \"by\": \"ko\"}",
                          NULL };
  const char *older[] = { P0 ".screening[0].present", "false",
                          P0 ".screening[0].recorded", "\"2026-08-01\"", NULL };
  const char *same_day[] = { P0 ".screening[0].note", "\"type 2\"", NULL };
  g_autofree char *document = edit_document (base_document, newer);
  g_autofree char *older_document = edit_document (base_document, older);
  g_autofree char *same_day_document = edit_document (base_document, same_day);
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GPtrArray) screening = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  GlideImportSummary summary;
  GlideScreening *diabetes = NULL;
  Merge m;

  merge_set_up (&m);
  g_assert_true (merge (&m, document, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.screening, ==, 1);          /* cancer, new */
  g_assert_cmpuint (summary.screening_updated, ==, 1);  /* diabetes, newer */
  g_assert_cmpuint (summary.screening_patients, ==, 1);
  text = glide_import_summary_describe (&summary);
  g_assert_nonnull (strstr (text, "screening updated for 1 patient (1 record newer than the one "
                                  "on file)"));

  patient = glide_store_find_patient (m.store, "P-0001", NULL);
  screening = glide_store_list_screening (m.store, patient->id, NULL);
  g_assert_cmpuint (screening->len, ==, 2);
  for (guint i = 0; i < screening->len; i++)
    if (((GlideScreening *) screening->pdata[i])->condition == GLIDE_CONDITION_DIABETES)
      diabetes = screening->pdata[i];
  g_assert_nonnull (diabetes);
  g_assert_false (diabetes->present);
  g_assert_cmpstr (diabetes->recorded, ==, "2026-09-10");
  g_assert_cmpstr (diabetes->note, ==, "HbA1c normal");
  /* What was replaced stays in the audit log. */
  audit = glide_test_sql_text (m.db, "SELECT details FROM audit_log WHERE action = 'import'"
                                     " AND chart = 'P-0001'"
                                     " ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (audit, "screening diabetes was present (recorded 2026-09-01), "
                                   "now absent (recorded 2026-09-10)"));

  /* The same again changes nothing. */
  g_assert_true (merge (&m, document, &summary, &error));
  g_assert_cmpuint (summary.screening, ==, 0);
  g_assert_cmpuint (summary.screening_updated, ==, 0);
  g_assert_cmpuint (summary.screening_patients, ==, 0);

  assert_merge_refused (&m, older_document,
                        P0 ".screening[0].recorded: diabetes on file was recorded 2026-09-10 "
                        "(absent); this record of 2026-08-01 is older and differs");
  merge_tear_down (&m);

  /* On one day, two different answers: which is right cannot be told. */
  merge_set_up (&m);
  assert_merge_refused (&m, same_day_document,
                        P0 ".screening[0].note: diabetes on file was recorded 2026-09-01 "
                        "(present); this record of 2026-09-01 differs and is not newer");
  merge_tear_down (&m);
}

/* One patient's export names no one else: no other patient, and only the
 * therapists and tools that patient's record refers to. */
static void
test_patient_export_is_private (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) demo = glide_test_open_store (dir, "demo.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *therapists;

  g_assert_true (glide_demo_fill (demo, NULL, NULL, &error));
  text = export_to_string (demo, "P-1002");
  patients = glide_store_list_patients (demo, &error);
  for (guint i = 0; i < patients->len; i++)
    {
      GlidePatient *p = patients->pdata[i];

      if (g_str_equal (p->chart, "P-1002"))
        {
          g_assert_nonnull (strstr (text, p->family_name));
          continue;
        }
      g_assert_null (strstr (text, p->chart));
      g_assert_null (strstr (text, p->family_name));
      g_assert_null (strstr (text, p->given_name));
    }

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "patients")), ==, 1);
  therapists = json_object_get_array_member (root, "therapists");
  g_assert_cmpuint (json_array_get_length (therapists), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (therapists, 0),
                                                  "id"), ==, "ko");

  g_clear_object (&demo);
  glide_test_remove_tree (dir);
}

/* The shared battery's database refuses the file with a message that holds
 * @expected, and is as it was. */
static void
assert_battery_refuses (const char *file,
                        const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *got = NULL;
  int status;

  run_import (battery.db, file, FALSE, &status, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, expected));
  got = dump_database (battery.db);
  g_assert_cmpstr (got, ==, battery_dump);
}

/* ---- reading the file in pieces ---------------------------------------------- */

/* The base document with its top-level members in the reverse order:
 * patients first, format and version last. */
static char *
make_reversed_document (const BadDocument *bad)
{
  g_autofree char *document = make_document (bad);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) reversed = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root, *out = json_object_new ();
  GList *members;

  g_assert_true (json_parser_load_from_data (parser, document, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  members = g_list_reverse (json_object_get_members (root));
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (out, l->data, json_node_copy (json_object_get_member (root, l->data)));
  g_list_free (members);
  json_node_take_object (reversed, out);
  json_generator_set_root (generator, reversed);
  return json_generator_to_data (generator, NULL);
}

/* The importer reads the patients after everything else, wherever the file
 * has them: patients first still find their therapists and tools, and the
 * root is checked before any patient. */
static void
test_member_order (void)
{
  BadDocument unchanged = { SET, "x-order", "\"reversed\"", NULL };
  BadDocument bad_format = { SET, "format", "\"glide-export\"", NULL };
  BadDocument bad_tool = { SET, T0 ".tool", "\"gt9\"", NULL };
  Battery in_order, reversed;
  g_autofree char *document = make_reversed_document (&unchanged);
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  int status;

  g_assert_true (g_str_has_prefix (document, "{\"x-order\":\"reversed\",\"patients\":["));
  g_assert_true (g_str_has_suffix (document, "\"version\":1,\"format\":\"glide-interchange\"}"));

  battery_set_up (&in_order);
  file = g_build_filename (in_order.dir, "good.json", NULL);
  g_assert_true (g_file_set_contents (file, base_document, -1, NULL));
  run_import (in_order.db, file, FALSE, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  expected = dump_tables (in_order.db, N_RECORD_TABLES);

  battery_set_up (&reversed);
  g_free (file);
  file = g_build_filename (reversed.dir, "reversed.json", NULL);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_import (reversed.db, file, FALSE, &status, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 patients (1 course, 2 sessions of which 1 signed, "
                                 "3 treatments, 5 measures, 1 addendum, 1 screening record)"));
  got = dump_tables (reversed.db, N_RECORD_TABLES);
  g_assert_cmpstr (got, ==, expected);

  /* A bad format, last in the file, is found before the patients, first. */
  g_free (document);
  document = make_reversed_document (&bad_format);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_import (battery.db, file, FALSE, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, ": format: \"glide-export\" is not \"glide-interchange\""));

  /* A patient's error has the same path, wherever the patients are. */
  g_free (document);
  document = make_reversed_document (&bad_tool);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  assert_battery_refuses (file, ": " T0 ".tool: unknown tool \"gt9\" (not in tools)");

  glide_test_remove_tree (in_order.dir);
  glide_test_remove_tree (reversed.dir);
  g_free (in_order.dir);
  g_free (in_order.db);
  g_free (reversed.dir);
  g_free (reversed.db);
}

/* A clinic whose patients each have a long note: the file is read in
 * several chunks and strings fall across their edges. */
static char *
make_large_document (guint n_patients)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *template = NULL;
  JsonObject *root;
  JsonArray *patients;

  g_assert_true (json_parser_load_from_data (parser, base_document, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  patients = json_object_get_array_member (root, "patients");
  template = json_to_string (json_array_get_element (patients, 0), FALSE);
  json_array_remove_element (patients, 1);
  json_array_remove_element (patients, 0);
  for (guint i = 0; i < n_patients; i++)
    {
      /* json_node_copy() would share the objects: a new tree each time. */
      g_autoptr(JsonParser) copy_parser = json_parser_new ();
      g_autofree char *chart = g_strdup_printf ("P-%04u", i + 1);
      g_autoptr(GString) note = g_string_new (NULL);
      JsonNode *copy;
      JsonObject *patient, *course, *session;

      g_assert_true (json_parser_load_from_data (copy_parser, template, -1, NULL));
      copy = json_node_ref (json_parser_get_root (copy_parser));
      patient = json_node_get_object (copy);
      course = json_array_get_object_element (json_object_get_array_member (patient, "courses"), 0);
      session = json_array_get_object_element (json_object_get_array_member (course, "sessions"), 0);
      for (guint j = 0; j < 300; j++)
        g_string_append_printf (note, "Séance %u/%u: «talon» 痛み — heel pain settled. ", i, j);
      json_object_set_string_member (patient, "chart", chart);
      json_object_set_string_member (session, "note", note->str);
      json_array_add_element (patients, copy);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* Imported from a file, in pieces, as from memory, whole; errors in late
 * patients keep their JSON path and place in the file, and nothing is
 * written. */
static void
test_large_file (void)
{
  Battery from_file, from_memory;
  g_autofree char *document = make_large_document (60);
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) bad = NULL;
  GlideImportSummary summary;
  const char *late;
  int status;

  g_assert_cmpuint (strlen (document), >, 3 * 256 * 1024);

  battery_set_up (&from_memory);
  {
    g_autoptr(GlideStore) store = glide_test_open_store (from_memory.dir, "clinic.db");

    gboolean ok = glide_interchange_import (store, document, strlen (document), FALSE,
                                            "large.json", &summary, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_cmpuint (summary.patients, ==, 60);
  }
  expected = dump_tables (from_memory.db, N_RECORD_TABLES);

  battery_set_up (&from_file);
  file = g_build_filename (from_file.dir, "large.json", NULL);
  g_assert_true (g_file_set_contents (file, document, -1, NULL));
  run_import (from_file.db, file, FALSE, &status, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  got = dump_tables (from_file.db, N_RECORD_TABLES);
  g_assert_cmpstr (got, ==, expected);

  /* A repeated key in patient 51 and bytes that are not UTF-8 in patient
   * 60: the first is reported, after 50 patients were read and stored. */
  bad = g_string_new (document);
  late = strstr (bad->str, "\"chart\":\"P-0051\"");
  g_assert_nonnull (late);
  g_string_insert (bad, late - bad->str, "\"given_name\":\"José\",");
  late = strstr (bad->str, "\"chart\":\"P-0060\"");
  g_string_insert (bad, late - bad->str + strlen ("\"chart\":\"P-00"), "\xff");
  g_assert_true (g_file_set_contents (file, bad->str, bad->len, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_import (battery.db, file, FALSE, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, ": patients[50].given_name: the key appears more than once "
                                 "in this object"));
  g_clear_pointer (&got, g_free);
  got = dump_database (battery.db);
  g_assert_cmpstr (got, ==, battery_dump);

  /* Without the repeated key: the bad bytes, with their line and column. */
  g_string_erase (bad, strstr (bad->str, "\"given_name\":\"José\",\"chart\":\"P-0051\"") - bad->str,
                  strlen ("\"given_name\":\"José\","));
  g_assert_true (g_file_set_contents (file, bad->str, bad->len, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_import (battery.db, file, FALSE, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_test_message ("%s", err);
  {
    g_autofree char *message = g_strdup_printf (
      ": patients[59].chart: contains bytes that are not valid UTF-8 (line 1, column %ld of "
      "the file)", (long) g_utf8_strlen (bad->str, strstr (bad->str, "\xff") - bad->str) + 1);

    g_assert_nonnull (strstr (err, message));
  }
  g_clear_pointer (&got, g_free);
  got = dump_database (battery.db);
  g_assert_cmpstr (got, ==, battery_dump);

  glide_test_remove_tree (from_file.dir);
  glide_test_remove_tree (from_memory.dir);
  g_free (from_file.dir);
  g_free (from_file.db);
  g_free (from_memory.dir);
  g_free (from_memory.db);
}

/* The whole file is checked before anything is read into the database: a
 * syntax error after the patients wins over a bad value in the first. */
static void
test_syntax_error_after_patients (void)
{
  static const struct
  {
    const char *tail;
    const char *expected;
  } cases[] = {
    { " x", "only white space may follow the document" },
    { "{}", "only white space may follow the document" },
    { NULL, "the document ends before every array and object is closed" },
  };
  BadDocument bad_value = { SET, T0 ".duration_s", "0", NULL };
  g_autofree char *document = make_document (&bad_value);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_build_filename (battery.dir, "syntax.json", NULL);
      g_autofree char *text = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *message = NULL;
      glong column;
      int status;

      if (cases[i].tail != NULL)
        {
          text = g_strconcat (document, cases[i].tail, NULL);
          column = g_utf8_strlen (document, -1) + 1 + (cases[i].tail[0] == ' ');
        }
      else
        {
          text = g_strndup (document, strlen (document) - 2);  /* "]}" cut */
          column = g_utf8_strlen (text, -1) + 1;
        }
      g_assert_true (g_file_set_contents (file, text, -1, NULL));
      run_import (battery.db, file, FALSE, &status, &out, &err);
      g_test_message ("%s", err);
      g_assert_cmpint (status, ==, 1);
      message = g_strdup_printf (": document: not valid JSON at line 1, column %ld: %s",
                                 column, cases[i].expected);
      g_assert_nonnull (strstr (err, message));
    }
}

/* The walk starts once the outline reaches the patients, while the rest of
 * the text is checked beside it: what follows the patients still refuses
 * the document, leaving nothing stored, or has the walk start again over
 * the whole outline. */
static void
test_members_after_patients (void)
{
  static const struct
  {
    const char *tail;
    const char *expected;  /* NULL: imported as if the member came first */
  } cases[] = {
    { ", \"x-late\": {\"a\": [1, 2]}}", NULL },
    { ", \"late\": 1}", ": late: unknown key (only keys starting with x- may be added)" },
    { ", \"tools\": []}", ": tools: the key appears more than once in this object" },
    { ", \"version\": 1}", ": version: the key appears more than once in this object" },
    { "} x", ": document: not valid JSON at line 1, column " },
  };
  g_autofree char *document = g_strchomp (g_strdup (base_document));
  g_autofree char *expected = NULL;
  g_autofree char *expected_summary = NULL;
  Battery in_order;
  int status;

  g_assert_true (g_str_has_suffix (document, "]}"));
  {
    g_autofree char *file = NULL;
    g_autofree char *err = NULL;

    battery_set_up (&in_order);
    file = g_build_filename (in_order.dir, "good.json", NULL);
    g_assert_true (g_file_set_contents (file, document, -1, NULL));
    run_import (in_order.db, file, FALSE, &status, &expected_summary, &err);
    g_assert_cmpint (status, ==, 0);
    *strstr (expected_summary, " from ") = '\0';
    expected = dump_tables (in_order.db, N_RECORD_TABLES);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *head = g_strndup (document, strlen (document) - 1);
      g_autofree char *text = g_strconcat (head, cases[i].tail, NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *got = NULL;
      Battery fresh;
      g_autofree char *file = NULL;

      g_test_message ("…%s", cases[i].tail);
      battery_set_up (&fresh);
      file = g_build_filename (fresh.dir, "late.json", NULL);
      g_assert_true (g_file_set_contents (file, text, -1, NULL));
      if (cases[i].expected == NULL)
        {
          run_import (fresh.db, file, FALSE, &status, &out, &err);
          g_test_message ("%s%s", out, err);
          g_assert_cmpint (status, ==, 0);
          g_assert_true (g_str_has_prefix (out, expected_summary));
          /* The same rows, ids included. A clinic server's sequences do
           * not roll back: there the second walk's ids come after the
           * first's. */
          got = dump_tables (fresh.db, N_RECORD_TABLES);
          if (glide_test_backend_is_sqlite ())
            g_assert_cmpstr (got, ==, expected);
        }
      else
        assert_battery_refuses (file, cases[i].expected);
      glide_test_remove_tree (fresh.dir);
      g_free (fresh.dir);
      g_free (fresh.db);
    }
  glide_test_remove_tree (in_order.dir);
  g_free (in_order.dir);
  g_free (in_order.db);
}

/* ---- version 2: the course of care ------------------------------------------ */

static const char v2_goals[] =
  "[{\"text\": \"Walk 5 km without heel pain\", \"measure\": \"pain\", \"side\": null,"
  "  \"target\": 2, \"target_date\": \"2026-10-15\", \"replaces\": null,"
  "  \"created\": {\"by\": \"dw\", \"at\": \"2026-09-01T10:00\"},"
  "  \"status\": [{\"status\": \"not-started\", \"at\": \"2026-09-01T10:00\", \"by\": \"dw\", \"note\": \"\"},"
  "             {\"status\": \"progressing\", \"at\": \"2026-09-04T10:00\", \"by\": \"ko\", \"note\": \"7 to 6.5\"}]},"
  " {\"text\": \"Walk 3 km without heel pain\", \"measure\": \"pain\", \"side\": null,"
  "  \"target\": 3, \"target_date\": null, \"replaces\": 0,"
  "  \"created\": {\"by\": \"dw\", \"at\": \"2026-09-05T10:00\"}, \"status\": []}]";
static const char v2_plans[] =
  "[{\"cert_start\": \"2026-09-01\", \"cert_end\": \"2026-11-29\", \"visits_per_week\": 2,"
  "  \"weeks\": 8, \"interventions\": [\"iastm\", \"home-program\"],"
  "  \"referring\": {\"name\": \"Dr Ana Ruiz\", \"id\": \"1234567893\"},"
  "  \"certifying\": {\"name\": \"Dr Ana Ruiz\", \"id\": null, \"signed\": \"2026-09-03\"},"
  "  \"report_due\": \"2026-10-01\", \"note\": \"\","
  "  \"written\": {\"by\": \"dw\", \"at\": \"2026-09-01T10:10\"}}]";
static const char v2_reports[] =
  "[{\"date\": \"2026-09-04\", \"period_start\": \"2026-09-01\", \"period_end\": \"2026-09-04\","
  "  \"visits\": 2, \"assessment\": \"Heel pain 7 to 6.5.\", \"plan\": \"\", \"next_due\": null,"
  "  \"signed\": {\"by\": \"ko\", \"at\": \"2026-09-04T11:00\"}}]";
static const char v2_consents[] =
  "[{\"at\": \"2026-09-01T09:20\", \"by\": \"dw\", \"risks\": \"bruising, redness, soreness\","
  "  \"note\": \"\"}]";

/* The object of patients[0].courses[0]. */
static JsonNode *
course_of (JsonNode *root)
{
  g_autofree char *key = NULL;
  int index;

  return walk_to_parent (root, C0 ".goals", &key, &index);
}

/* The base document in version 2, with a course of care, and one change. */
static char *
make_v2_document (const char *where,
                  const char *what)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  const struct { const char *key, *json; } care[] = {
    { "goals", v2_goals }, { "plans", v2_plans }, { "progress_reports", v2_reports },
    { "consents", v2_consents }, { "discharge", "null" }, { "goals_note", "\"Walk 5 km\"" },
    { "sessions[0].billing", "[{\"code\": \"97140\", \"minutes\": 9}]" },
    { where, what },
  };
  JsonNode *root;
  JsonObject *course;

  g_assert_true (json_parser_load_from_data (parser, base_document, -1, NULL));
  root = json_parser_get_root (parser);
  json_object_set_int_member (json_node_get_object (root), "version", 2);
  course = json_node_get_object (course_of (root));
  json_object_remove_member (course, "goals");
  for (guint i = 0; i < G_N_ELEMENTS (care); i++)
    {
      g_autoptr(JsonParser) value = json_parser_new ();
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      JsonNode *parent;
      int index = -1;

      if (care[i].key == NULL)
        continue;
      g_assert_true (json_parser_load_from_data (value, care[i].json, -1, NULL));
      /* The course of care is set in the course; the change, where it says. */
      path = i < G_N_ELEMENTS (care) - 1 ? g_strconcat (C0 ".", care[i].key, NULL)
                                         : g_strdup (care[i].key);
      parent = walk_to_parent (root, path, &key, &index);
      if (key != NULL)
        json_object_set_member (json_node_get_object (parent), key,
                                json_node_copy (json_parser_get_root (value)));
      else
        {
          JsonArray *array = json_node_get_array (parent);

          json_array_remove_element (array, index);
          json_array_add_element (array, json_node_copy (json_parser_get_root (value)));
        }
    }
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* A name is read as a form takes it, without the spaces around it: the
 * same name typed and imported is the same patient, therapist, clinic. */
static void
test_names_trimmed (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "names.db");
  BadDocument spaced = { TEXT, "\"family_name\":\"Müller\"", "\"family_name\":\"  Müller \"", NULL };
  g_autofree char *document = make_document (&spaced);
  g_auto(GStrv) parts = g_strsplit (document, "\"Riverside Physio\"", 2);
  g_autofree char *spaced_clinic = g_strjoinv ("\" Riverside Physio  \"", parts);
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;

  g_assert_nonnull (strstr (spaced_clinic, "\"  Müller \""));
  g_assert_nonnull (strstr (spaced_clinic, "\" Riverside Physio  \""));
  import_ok (store, spaced_clinic, FALSE, "names.json", &summary);
  patient = glide_store_find_patient (store, "P-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (patient->family_name, ==, "Müller");
  clinic = glide_store_get_clinic (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clinic->name, ==, "Riverside Physio");
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* A goal, plan, report or consent listed twice in one document is stored
 * once, as a visit listed twice is, and the summary says so; a goal that
 * revises the second listing revises the goal stored. */
static void
test_care_listed_twice (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "care-twice.db");
  g_autofree char *goals = g_strdup_printf ("[%s, %s, %s]", "{\"text\": \"Walk 5 km\", \"created\": {\"by\": \"dw\", \"at\": \"2026-09-01T10:00\"}}",
                                            "{\"text\": \"Walk 5 km\", \"created\": {\"by\": \"dw\", \"at\": \"2026-09-01T10:00\"}}",
                                            "{\"text\": \"Walk 3 km\", \"replaces\": 1, \"created\": {\"by\": \"dw\", \"at\": \"2026-09-05T10:00\"}}");
  g_autofree char *document = make_v2_document (C0 ".goals", goals);
  const char *one_consent = "{\"at\": \"2026-09-01T09:20\", \"by\": \"dw\", \"risks\": \"bruising\"}";
  g_autofree char *consents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GlidePatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;
  const GlideGoal *first, *revision;

  import_ok (store, document, FALSE, "care-twice.json", &summary);
  g_assert_cmpuint (summary.goals, ==, 2);
  g_assert_cmpuint (summary.records_repeated, ==, 1);
  text = glide_import_summary_describe (&summary);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "; 1 goal, plan of care, progress report, consent or addendum "
                                  "listed twice in the file (its second listing skipped)"));
  patient = glide_store_find_patient (store, "P-0001", &error);
  g_assert_no_error (error);
  courses = glide_store_list_courses (store, patient->id, &error);
  g_assert_no_error (error);
  stored = glide_store_list_goals (store, ((GlideCourse *) g_ptr_array_index (courses, 0))->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);
  first = g_ptr_array_index (stored, 0);
  revision = g_ptr_array_index (stored, 1);
  g_assert_cmpstr (first->text, ==, "Walk 5 km");
  g_assert_cmpint (revision->replaces, ==, first->id);
  glide_test_assert_check_passes (store);
  g_clear_object (&store);

  /* A consent, in a database of its own. */
  store = glide_test_open_store (dir, "consent-twice.db");
  consents = g_strdup_printf ("[%s, %s]", one_consent, one_consent);
  g_free (document);
  document = make_v2_document (C0 ".consents", consents);
  import_ok (store, document, FALSE, "consent-twice.json", &summary);
  g_assert_cmpuint (summary.consents, ==, 1);
  g_assert_cmpuint (summary.records_repeated, ==, 1);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* An addendum listed twice in a session (the same therapist, instant and
 * text) is stored once; another text at the same instant is another
 * addendum. */
static void
test_addendum_listed_twice (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "addenda-twice.db");
  BadDocument twice = { SET, S0 ".addenda",
                        "[{\"by\": \"dw\", \"at\": \"2026-09-02T08:00\", \"text\": \"Soreness settled.\"},"
                        " {\"by\": \"dw\", \"at\": \"2026-09-02T08:00\", \"text\": \"Soreness settled.\"},"
                        " {\"by\": \"dw\", \"at\": \"2026-09-02T08:00\", \"text\": \"Walked 2 km.\"}]",
                        NULL };
  g_autofree char *document = make_document (&twice);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GlideImportSummary summary;

  import_ok (store, document, FALSE, "addenda-twice.json", &summary);
  g_assert_cmpuint (summary.addenda, ==, 2);
  g_assert_cmpuint (summary.records_repeated, ==, 1);
  text = glide_import_summary_describe (&summary);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "1 goal, plan of care, progress report, consent or addendum "
                                  "listed twice in the file"));
  glide_test_assert_check_passes (store);
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

/* Version 2 imports its course of care, which exports as it came; version
 * 1's goals line becomes the note. */
static void
test_version_2 (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "v2.db");
  g_autoptr(GlideStore) old = glide_test_open_store (dir, "v1.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *document = make_v2_document (NULL, NULL);
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GlideImportSummary summary;
  JsonObject *course;
  JsonArray *status;

  import_ok (store, document, FALSE, "v2.json", &summary);
  g_assert_cmpuint (summary.goals, ==, 2);
  g_assert_cmpuint (summary.plans, ==, 1);
  g_assert_cmpuint (summary.progress_reports, ==, 1);
  g_assert_cmpuint (summary.consents, ==, 1);
  glide_test_assert_check_passes (store);

  exported = export_to_string (store, "P-0001");
  g_assert_true (json_parser_load_from_data (parser, exported, -1, NULL));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "version"), ==, 2);
  course = json_node_get_object (course_of (json_parser_get_root (parser)));
  g_assert_cmpstr (json_object_get_string_member (course, "goals_note"), ==, "Walk 5 km");
  /* The revised goal says so in its history, at the time of its successor. */
  status = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (course, "goals"), 0), "status");
  g_assert_cmpuint (json_array_get_length (status), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (status, 2),
                                                  "status"), ==, "revised");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (status, 2),
                                                  "at"), ==, "2026-09-05T10:00");
  g_assert_cmpint (json_object_get_int_member (
    json_array_get_object_element (json_object_get_array_member (course, "goals"), 1),
    "replaces"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (json_array_get_object_element (
      json_object_get_array_member (course, "plans"), 0), "referring"), "id"), ==, "1234567893");

  /* Its own export imports into another database and comes back the same. */
  import_ok (old, exported, FALSE, "x.json", &summary);
  again = export_to_string (old, "P-0001");
  g_assert_cmpstr (exported, ==, again);
  g_clear_object (&old);
  g_clear_pointer (&again, g_free);

  /* The clinic's settings go with it, into a clinic that has not set its own. */
  {
    g_autoptr(GlideCareSettings) settings = glide_store_get_care_settings (store, NULL);
    g_autoptr(GlideCareSettings) copied = NULL;
    g_autoptr(GlideStore) third = glide_test_open_store (dir, "v2c.db");
    g_autofree char *with_settings = NULL;

    settings->units_method = GLIDE_UNITS_RULE_OF_EIGHTS;
    settings->report_visits = 6;
    g_assert_true (glide_store_set_care_settings (store, settings, &error));
    with_settings = export_to_string (store, NULL);
    g_assert_nonnull (strstr (with_settings, "\"units_method\""));
    import_ok (third, with_settings, FALSE, "s.json", &summary);
    copied = glide_store_get_care_settings (third, NULL);
    g_assert_true (copied->saved);
    g_assert_cmpint (copied->units_method, ==, GLIDE_UNITS_RULE_OF_EIGHTS);
    g_assert_cmpuint (copied->report_visits, ==, 6);
  }

  /* Version 1: the line of goals is the note, no goals are made. */
  old = glide_test_open_store (dir, "v1b.db");
  import_ok (old, base_document, FALSE, "v1.json", &summary);
  g_assert_cmpuint (summary.goals, ==, 0);
  again = export_to_string (old, "P-0001");
  g_assert_nonnull (strstr (again, "\"version\": 2") ? again : strstr (again, "\"version\":2"));
  g_assert_nonnull (strstr (again, "\"goals_note\": \"Walk 5 km\"") ?
                    again : strstr (again, "\"goals_note\":\"Walk 5 km\""));

  g_clear_object (&store);
  g_clear_object (&old);
  glide_test_remove_tree (dir);
}

static const struct
{
  const char *where, *what, *expected;
} bad_v2[] = {
  { C0 ".goals", "\"Walk 5 km\"", C0 ".goals: in version 2 goals is a list of goals" },
  { C0 ".goals[0].replaces", "0", C0 ".goals[0].replaces: 0 is not an earlier goal of this course" },
  { C0 ".goals[0].target", "null", C0 ".goals[0].target: is required with a measure" },
  { C0 ".goals[0].measure", "\"grip\"", C0 ".goals[0].measure: \"grip\" is not a known measure code" },
  { C0 ".goals[0].target", "11", C0 ".goals[0].target: 11 is out of range 0 to 10 for pain" },
  { C0 ".goals[0].side", "\"left\"", C0 ".goals[0].side: pain is not recorded per side" },
  { C0 ".goals[0].status[1].status", "\"done\"", C0 ".goals[0].status[1].status: \"done\" is not a valid goal status code" },
  { C0 ".goals[0].status[1].at", "\"2026-08-01T10:00\"", C0 ".goals[0].status[1].at: 2026-08-01T10:00 is before the goal was set" },
  { C0 ".goals[1].created", "null", C0 ".goals[1].created: is required, got null" },
  { C0 ".goals[1].text", "\"\"", C0 ".goals[1].text: must not be empty" },
  { C0 ".plans[0].referring.id", "\"1234567890\"", C0 ".plans[0].referring.id: 1234567890 is not a valid NPI" },
  { C0 ".plans[0].cert_end", "\"2026-08-01\"", C0 ".plans[0].cert_end: 2026-08-01 is before the start of the period" },
  { C0 ".plans[0].interventions", "[\"iastm\", \"iastm\"]", C0 ".plans[0].interventions[1]: iastm is listed twice" },
  { C0 ".plans[0].interventions", "[\"cupping\"]", C0 ".plans[0].interventions[0]: \"cupping\" is not a valid intervention code" },
  { C0 ".plans[0].weeks", "200", C0 ".plans[0].weeks: 200 is out of range 0-104" },
  { C0 ".plans[0].written", "null", C0 ".plans[0].written: is required" },
  { C0 ".progress_reports[0].assessment", "\" \"", C0 ".progress_reports[0].assessment: must not be blank" },
  { C0 ".progress_reports[0].next_due", "\"2026-09-01\"", C0 ".progress_reports[0].next_due: 2026-09-01 is not after" },
  { C0 ".consents[0].risks", "null", C0 ".consents[0].risks: is required" },
  { C0 ".discharge", "{\"date\": \"2026-09-10\", \"reason\": \"goals-met\", \"note\": \"Done.\","
                     " \"by\": \"dw\", \"at\": \"2026-09-10T10:00\"}",
    C0 ".discharge.date: 2026-09-10 is not the course's end_date (null)" },
  { C0 ".discharge", "\"goals-met\"", C0 ".discharge: expected an object, got a string" },
  /* a visit's time, billing, exercises, follow-up */
  { S0 ".billing", "[{\"code\": \"97140\", \"minutes\": 0}]", S0 ".billing[0].minutes: 0 is out of range 1-720" },
  { S0 ".billing", "[{\"code\": \"97140-gp\", \"minutes\": 8}]", S0 ".billing[0].code: \"97140-gp\" is not a billing code" },
  { S0 ".billing", "[{\"code\": \"97140\", \"minutes\": 8}, {\"code\": \"97140\", \"minutes\": 9}]",
    S0 ".billing[1].code: 97140 is listed twice" },
  { S0 ".total_minutes", "5", S0 ".total_minutes: 5 is less than the" },
  { S0 ".end", "\"2026-09-01T09:00\"", S0 ".end: 2026-09-01T09:00 is not after the session started" },
  { S0 ".exercises", "[{\"sets\": 3}]", S0 ".exercises[0].name: is required" },
  { S0 ".exercises", "[{\"name\": \"Calf stretch\", \"reps\": 5000}]", S0 ".exercises[0].reps: 5000 is out of range 0-1000" },
  { S0 ".follow_up", "{\"reaction\": \"severe\"}", S0 ".follow_up.reaction: \"severe\" is not a valid reaction code" },
  /* a negative index is not taken for "none" */
  { C0 ".goals[1].replaces", "-1", C0 ".goals[1].replaces: -1 is not the index of an earlier goal" },
};

/* Each bad version-2 document is refused at its JSON path, and nothing of
 * it stays in the database. */
static void
test_version_2_bad (void)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autoptr(GlideStore) store = glide_test_open_store (dir, "bad.db");

  for (guint i = 0; i < G_N_ELEMENTS (bad_v2); i++)
    {
      g_autofree char *document = make_v2_document (bad_v2[i].where, bad_v2[i].what);
      g_autoptr(GError) error = NULL;
      GlideImportSummary summary;

      g_test_message ("%s", bad_v2[i].expected);
      g_assert_false (glide_interchange_import (store, document, strlen (document), FALSE,
                                                "bad.json", &summary, &error));
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, bad_v2[i].expected))
        g_error ("expected \"%s...\", got \"%s\"", bad_v2[i].expected, error->message);
      g_assert_true (glide_store_is_empty (store, NULL));
    }
  g_clear_object (&store);
  glide_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interchange/base-document-is-valid", test_base_document_is_valid);
  g_test_add_func ("/interchange/huge-key-and-value", test_huge_key_and_value);
  g_test_add_func ("/interchange/value-near-step", test_value_near_step);
  g_test_add_func ("/interchange/session-listed-twice", test_session_listed_twice);
  g_test_add_func ("/interchange/names-trimmed", test_names_trimmed);
  g_test_add_func ("/interchange/care-listed-twice", test_care_listed_twice);
  g_test_add_func ("/interchange/addendum-listed-twice", test_addendum_listed_twice);
  g_assert_cmpuint (G_N_ELEMENTS (bad_documents), >=, 40);
  battery_set_up (&battery);
  battery_dump = dump_database (battery.db);
  for (guint i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *where = g_strdup (bad_documents[i].where ? bad_documents[i].where : "raw");

      g_strdelimit (where, "[]\".: ", '_');
      path = g_strdup_printf ("/interchange/bad-document/%02u-%s", i, where);
      g_test_add_data_func (path, &bad_documents[i], test_bad_document);
    }
  g_test_add_func ("/interchange/huge-note", test_huge_note);
  g_test_add_func ("/interchange/extension-keys-ignored", test_extension_keys_ignored);
  g_test_add_func ("/interchange/demo-round-trip", test_demo_round_trip);
  g_test_add_func ("/interchange/version-2", test_version_2);
  g_test_add_func ("/interchange/version-2-bad", test_version_2_bad);
  g_test_add_func ("/interchange/merge-adds-sessions", test_merge_adds_sessions);
  g_test_add_func ("/interchange/merge-same-instant", test_merge_same_instant);
  g_test_add_func ("/interchange/merge-conflict", test_merge_conflict);
  g_test_add_func ("/interchange/merge-addenda", test_merge_addenda);
  g_test_add_func ("/interchange/merge-screening", test_merge_screening);
  g_test_add_func ("/interchange/patient-export-is-private", test_patient_export_is_private);
  g_test_add_func ("/interchange/member-order", test_member_order);
  g_test_add_func ("/interchange/large-file", test_large_file);
  g_test_add_func ("/interchange/syntax-error-after-patients", test_syntax_error_after_patients);
  g_test_add_func ("/interchange/members-after-patients", test_members_after_patients);

  status = g_test_run ();
  glide_test_remove_tree (battery.dir);
  return status;
}
