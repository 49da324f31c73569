/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-interchange.c: INTERCHANGE.md import (all-or-nothing, with the JSON
 * path of the first bad value) and export (streamed, stable key order, so
 * export -> import -> export gives the same document). */

#define G_LOG_DOMAIN "glide-interchange"

#include "config.h"

#include "glide-interchange.h"
#include "glide-i18n.h"

#include "glide-atomic-file.h"
#include "glide-date.h"
#include "glide-json-stream.h"
#include "glide-json-writer.h"
#include "glide-rules.h"
#include "glide-text.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (glide-interchange-error-quark, glide_interchange_error)

#define FORMAT_NAME "glide-interchange"
#define FORMAT_VERSION 2
/* Version 1 documents still import (the course's goals were one line). */
#define FORMAT_OLDEST_VERSION 1

/* Stands in for bytes that are not UTF-8, so the reader can still build the
 * tree and the walker can name the JSON path of the string that held them. */
#define BAD_UTF8_MARK GLIDE_JSON_STREAM_BAD_UTF8_MARK

typedef struct
{
  GlideStore         *store;
  gboolean            merge;
  gint64              version;      /* of the document being read */
  const char         *source;
  GlideImportSummary *summary;
  GString            *path;
  GError             *error;

  GHashTable         *therapists;  /* code -> therapist id, of this document */
  GHashTable         *tools;       /* code -> instrument id */
  GHashTable         *charts;      /* chart -> index in patients[] */

  gboolean            bad_utf8;
  guint               bad_line;
  guint               bad_column;

  /* Objects read with a key more than once -> that key; refused when the
   * walk reaches them. The objects of one patient at a time. */
  GHashTable         *repeated;
} Import;

typedef enum
{
  MEMBER_OK,
  MEMBER_FAILED,
  MEMBER_UNKNOWN,
} MemberResult;

typedef MemberResult (*MemberFunc) (Import     *imp,
                                    const char *key,
                                    JsonNode   *node,
                                    gpointer    data);

/* ---- paths and errors ------------------------------------------------------ */

/* A message quotes keys and values of the file: a hostile file's 50 MB key
 * or value is shown by its start (and a message by its start and its end,
 * where the rule is), never whole in a terminal or a dialog. */
#define KEY_SHOWN_CHARS     64
#define MESSAGE_MAX_CHARS   1000
#define MESSAGE_HEAD_CHARS  400
#define MESSAGE_TAIL_CHARS  400

static void
append_at_most (GString    *out,
                const char *text,
                glong       max_chars)
{
  g_autofree char *valid = NULL;

  /* Short ones as they are: their bad bytes are shown escaped later. */
  if (strlen (text) <= (gsize) max_chars)
    {
      g_string_append (out, text);
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= max_chars)
    g_string_append (out, valid);
  else
    {
      g_string_append_len (out, valid, g_utf8_offset_to_pointer (valid, max_chars) - valid);
      g_string_append (out, "…");
    }
}

static char *
shorten_message (const char *message)
{
  g_autofree char *valid = NULL;
  glong length;
  const char *tail;
  GString *out;

  if (strlen (message) <= MESSAGE_MAX_CHARS)
    return g_strdup (message);
  valid = g_utf8_make_valid (message, -1);
  length = g_utf8_strlen (valid, -1);
  if (length <= MESSAGE_MAX_CHARS)
    return g_steal_pointer (&valid);
  out = g_string_new (NULL);
  g_string_append_len (out, valid,
                       g_utf8_offset_to_pointer (valid, MESSAGE_HEAD_CHARS) - valid);
  g_string_append (out, "…");
  tail = g_utf8_offset_to_pointer (valid, length - MESSAGE_TAIL_CHARS);
  g_string_append (out, tail);
  return g_string_free (out, FALSE);
}

static gsize
path_push_key (Import     *imp,
               const char *key)
{
  gsize mark = imp->path->len;

  if (mark > 0)
    g_string_append_c (imp->path, '.');
  append_at_most (imp->path, key, KEY_SHOWN_CHARS);
  return mark;
}

static gsize
path_push_index (Import *imp,
                 guint   index)
{
  gsize mark = imp->path->len;

  g_string_append_printf (imp->path, "[%u]", index);
  return mark;
}

static void
path_pop (Import *imp,
          gsize   mark)
{
  g_string_truncate (imp->path, mark);
}

static gboolean G_GNUC_PRINTF (2, 3)
import_fail (Import     *imp,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  if (imp->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Keys and values from the file may hold ESC, BEL, C1 or bidi controls. */
  full = g_strdup_printf ("%s: %s", imp->path->len ? imp->path->str : "document", message);
  g_free (message);
  message = shorten_message (full);
  shown = glide_text_escape_controls (message);
  g_set_error_literal (&imp->error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_INVALID,
                       shown);
  return FALSE;
}

/* A failure of a value one or more keys below the current path. */
static gboolean
import_fail_at (Import     *imp,
                const char *field,
                GError     *cause)
{
  gsize mark = imp->path->len;

  if (field != NULL && *field != '\0')
    {
      if (field[0] != '[' && mark > 0)
        g_string_append_c (imp->path, '.');
      g_string_append (imp->path, field);
    }
  import_fail (imp, "%s", cause->message);
  path_pop (imp, mark);
  g_error_free (cause);
  return FALSE;
}

/* The store refused something the rules let through (a broken database, a
 * full disk): keep its message, say where in the document it happened. */
static gboolean
import_fail_store (Import *imp,
                   GError *cause)
{
  if (imp->error == NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s: %s",
                                               imp->path->len ? imp->path->str : "document",
                                               cause->message);
      g_autofree char *shown = shorten_message (full);

      g_set_error_literal (&imp->error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_STORE,
                           shown);
    }
  g_error_free (cause);
  return FALSE;
}

/* What the reader refused, as the import says it: the tokenizer's message
 * after "document: ", or a read error as it is. No cause: the second read
 * of the file did not find what the first one did. */
static void
set_read_error (GError **error,
                GError  *cause)
{
  if (cause == NULL)
    {
      g_set_error_literal (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_SYNTAX,
                           _("document: the file changed while it was read"));
      return;
    }
  if (cause->domain != GLIDE_JSON_STRICT_ERROR)
    {
      g_propagate_error (error, cause);
      return;
    }
  if (cause->code == GLIDE_JSON_STRICT_ERROR_EMPTY)
    g_set_error_literal (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_SYNTAX,
                         _("document: the file is empty"));
  else if (cause->code == GLIDE_JSON_STRICT_ERROR_SYNTAX)
    g_set_error (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_SYNTAX,
                 _("document: not valid JSON at %s"), cause->message);
  else
    g_set_error (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_SYNTAX,
                 _("document: %s"), cause->message);
  g_error_free (cause);
}

static gboolean
import_fail_read (Import *imp,
                  GError *cause)
{
  if (imp->error == NULL)
    set_read_error (&imp->error, cause);
  else
    g_clear_error (&cause);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a number";
        }
    }
}

static gboolean
fail_type (Import     *imp,
           JsonNode   *node,
           const char *expected)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return import_fail (imp, _("is required, got null"));
  return import_fail (imp, _("expected %s, got %s"), expected, describe_node (node));
}

static gboolean
fail_missing (Import     *imp,
              const char *key)
{
  gsize mark = path_push_key (imp, key);

  import_fail (imp, _("is required"));
  path_pop (imp, mark);
  return FALSE;
}

/* ---- reading values -------------------------------------------------------- */

static gboolean
check_marked_text (Import     *imp,
                   const char *text)
{
  if (imp->bad_utf8 && strstr (text, BAD_UTF8_MARK) != NULL)
    return import_fail (imp, _("contains bytes that are not valid UTF-8 (line %u, column %u "
                        "of the file); the file must be UTF-8"), imp->bad_line, imp->bad_column);
  return TRUE;
}

static gboolean
read_string (Import      *imp,
             JsonNode    *node,
             gboolean     nullable,
             char       **out)
{
  const char *text;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_type (imp, node, "a string");

  text = json_node_get_string (node);
  if (!check_marked_text (imp, text))
    return FALSE;
  g_free (*out);
  *out = g_strdup (text);
  return TRUE;
}

/* A name (a person's, the clinic's, a tool's or an exercise's): read as
 * the forms take one, without the spaces around it, so a document and a
 * form store the same name. Whether what is left is a name is the rules'. */
static gboolean
read_name (Import      *imp,
           JsonNode    *node,
           gboolean     nullable,
           char       **out)
{
  if (!read_string (imp, node, nullable, out))
    return FALSE;
  if (*out != NULL)
    g_strstrip (*out);
  return TRUE;
}

/* A string checked by one of the rules' single-value checks. */
static gboolean
read_checked_string (Import      *imp,
                     JsonNode    *node,
                     gboolean     nullable,
                     gboolean   (*check) (const char *, GError **),
                     char       **out)
{
  GError *cause = NULL;

  if (!read_string (imp, node, nullable, out))
    return FALSE;
  if (*out != NULL && !check (*out, &cause))
    return import_fail_at (imp, NULL, cause);
  return TRUE;
}

static gboolean
check_date (const char  *text,
            GError     **error)
{
  return glide_date_parse (text, NULL, error);
}

static gboolean
check_datetime (const char  *text,
                GError     **error)
{
  g_autoptr(GDateTime) parsed = glide_datetime_parse (text, error);

  return parsed != NULL;
}

static gboolean
read_number (Import   *imp,
             JsonNode *node,
             double   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return fail_type (imp, node, "a number");
  *out = json_node_get_double (node);
  return TRUE;
}

/* The shortest text that reads back as @value, whatever the locale: the
 * number as the file most likely wrote it. */
static const char *
format_number (double value,
               char   buffer[G_ASCII_DTOSTR_BUF_SIZE])
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return buffer;
}

/* Whole numbers arrive exact: glide_json_strict_check() refused every
 * literal beyond 64 bits before json-glib could wrap it. */
static gboolean
read_int (Import   *imp,
          JsonNode *node,
          gint64   *out)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (!read_number (imp, node, &value))
    return FALSE;
  if (value != floor (value))
    return import_fail (imp, _("%s is not a whole number"), format_number (value, text));
  /* Beyond 2^53 a double no longer holds every whole number; the cast
   * below must never wrap. */
  if (fabs (value) > 1e15)
    return import_fail (imp, _("%s is too large for a whole number here (at most 10^15)"),
                        format_number (value, text));
  *out = (gint64) value;
  return TRUE;
}

static gboolean
read_bool (Import   *imp,
           JsonNode *node,
           gboolean *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail_type (imp, node, "true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_count (Import   *imp,
            JsonNode *node,
            guint     max,
            guint    *out)
{
  gint64 value = 0;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = 0;
      return TRUE;
    }
  if (!read_int (imp, node, &value))
    return FALSE;
  if (value < 0 || value > max)
    return import_fail (imp, _("%lld is out of range 0-%u"), (long long) value, max);
  *out = value;
  return TRUE;
}

static gboolean
read_code (Import        *imp,
           JsonNode      *node,
           GlideCodeList  list,
           gboolean       nullable,
           int           *out)
{
  g_autofree char *code = NULL;
  GError *cause = NULL;

  if (!read_string (imp, node, nullable, &code))
    return FALSE;
  if (code == NULL)
    {
      *out = -1;
      return TRUE;
    }
  if (!glide_code_list_parse (list, code, out, &cause))
    return import_fail_at (imp, NULL, cause);
  return TRUE;
}

/* Arrays are optional: null or absent reads as empty. */
static gboolean
read_array (Import     *imp,
            JsonNode   *node,
            JsonArray **out)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_type (imp, node, "an array");
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_reference (Import      *imp,
                JsonNode    *node,
                gboolean     nullable,
                gboolean     therapist,
                gint64      *out)
{
  g_autofree char *code = NULL;
  gpointer id;

  if (!read_string (imp, node, nullable, &code))
    return FALSE;
  if (code == NULL)
    {
      *out = 0;
      return TRUE;
    }

  if (g_hash_table_lookup_extended (therapist ? imp->therapists : imp->tools, code, NULL, &id))
    {
      *out = GPOINTER_TO_SIZE (id);
      return TRUE;
    }

  /* Not in this document: a merge may refer to what the database already has. */
  if (therapist)
    {
      g_autoptr(GlideTherapist) found = glide_store_find_therapist (imp->store, code, NULL);

      if (found != NULL)
        {
          *out = found->id;
          return TRUE;
        }
      return import_fail (imp, _("unknown therapist \"%s\" (not in therapists)"), code);
    }
  else
    {
      g_autoptr(GlideInstrument) found = glide_store_find_instrument (imp->store, code, NULL);

      if (found != NULL)
        {
          *out = found->id;
          return TRUE;
        }
      return import_fail (imp, _("unknown tool \"%s\" (not in tools)"), code);
    }
}

/* Calls func for each member in document order; skips x- keys, refuses
 * unknown and repeated keys. */
static gboolean
for_each_member (Import     *imp,
                 JsonNode   *node,
                 MemberFunc  func,
                 gpointer    data)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_type (imp, node, "an object");
  object = json_node_get_object (node);

  key = g_hash_table_lookup (imp->repeated, object);
  if (key != NULL)
    {
      gsize mark = path_push_key (imp, key);

      import_fail (imp, _("the key appears more than once in this object"));
      path_pop (imp, mark);
      return FALSE;
    }

  /* In document order, without copying the member list. */
  json_object_iter_init_ordered (&iter, object);
  while (ok && json_object_iter_next_ordered (&iter, &key, &member))
    {
      gsize mark = path_push_key (imp, key);

      if (!check_marked_text (imp, key))
        ok = FALSE;
      else if (!g_str_has_prefix (key, "x-"))
        {
          switch (func (imp, key, member, data))
            {
            case MEMBER_OK:
              break;
            case MEMBER_FAILED:
              ok = FALSE;
              break;
            case MEMBER_UNKNOWN:
            default:
              ok = import_fail (imp, _("unknown key (only keys starting with x- may be added)"));
              break;
            }
        }
      path_pop (imp, mark);
    }
  return ok;
}

#define RESULT(ok) ((ok) ? MEMBER_OK : MEMBER_FAILED)

typedef gboolean (*ElementFunc) (Import   *imp,
                                 JsonNode *node,
                                 guint     index,
                                 gpointer  data);

/* Calls func for each element of an optional array, with the path at
 * "key[index]" (or at "[index]" below the current path when key is NULL). */
static gboolean
for_each_element (Import      *imp,
                  const char  *key,
                  JsonNode    *node,
                  ElementFunc  func,
                  gpointer     data)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize mark = key ? path_push_key (imp, key) : imp->path->len;
      gboolean ok;

      path_push_index (imp, i);
      ok = func (imp, json_array_get_element (array, i), i, data);
      path_pop (imp, mark);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Therapists and tools are named by short ids. An id listed twice in the
 * document is an error; an id the database has already is reused when it
 * names the same person or tool, and refused when it names another. */
static gboolean
check_reference_id (Import     *imp,
                    GHashTable *listed,
                    const char *code,
                    const char *name,
                    const char *existing_name,
                    const char *conflict)
{
  gboolean ok = TRUE;
  gsize mark = path_push_key (imp, "id");

  if (g_hash_table_contains (listed, code))
    ok = import_fail (imp, _("\"%s\" is listed twice"), code);
  else if (existing_name != NULL && strcmp (existing_name, name) != 0)
    /* Translators: "\"dw\" already belongs to \"Dana White\" in this database" */
    ok = import_fail (imp, _("\"%s\" already %s \"%s\" in this database"), code,
                      glide_gettext (conflict), existing_name);
  path_pop (imp, mark);
  return ok;
}

/* ---- therapists, tools, clinic --------------------------------------------- */

static MemberResult
therapist_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  GlideTherapist *therapist = data;

  if (strcmp (key, "id") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, glide_rules_check_code_name,
                                        &therapist->code));
  if (strcmp (key, "name") == 0)
    return RESULT (read_name (imp, node, FALSE, &therapist->name));
  if (strcmp (key, "credentials") == 0)
    return RESULT (read_string (imp, node, TRUE, &therapist->credentials));
  return MEMBER_UNKNOWN;
}

static gboolean
import_therapist (Import   *imp,
                  JsonNode *node,
                  guint     index,
                  gpointer  data)
{
  g_autoptr(GlideTherapist) therapist = glide_therapist_new (NULL, NULL, NULL);
  g_autoptr(GlideTherapist) existing = NULL;
  g_autofree char *field = NULL;
  GError *cause = NULL;

  g_clear_pointer (&therapist->credentials, g_free);
  if (!for_each_member (imp, node, therapist_member, therapist))
    return FALSE;
  if (therapist->code == NULL)
    return fail_missing (imp, "id");
  if (therapist->name == NULL)
    return fail_missing (imp, "name");
  if (therapist->credentials == NULL)
    therapist->credentials = g_strdup ("");
  if (!glide_rules_validate_therapist (therapist, &field, &cause))
    return import_fail_at (imp, field, cause);

  existing = glide_store_find_therapist (imp->store, therapist->code, NULL);
  if (!check_reference_id (imp, imp->therapists, therapist->code, therapist->name,
                           existing ? existing->name : NULL, N_("belongs to")))
    return FALSE;
  if (existing != NULL)
    {
      therapist->id = existing->id;
      imp->summary->therapists_present++;
    }
  else
    {
      if (!glide_store_create_therapist (imp->store, therapist, &cause))
        return import_fail_store (imp, cause);
      imp->summary->therapists++;
    }

  g_hash_table_insert (imp->therapists, g_strdup (therapist->code),
                       GSIZE_TO_POINTER (therapist->id));
  return TRUE;
}

static MemberResult
tool_member (Import     *imp,
             const char *key,
             JsonNode   *node,
             gpointer    data)
{
  GlideInstrument *tool = data;

  if (strcmp (key, "id") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, glide_rules_check_code_name,
                                        &tool->code));
  if (strcmp (key, "name") == 0)
    return RESULT (read_name (imp, node, FALSE, &tool->name));
  if (strcmp (key, "material") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_MATERIAL, FALSE, (int *) &tool->material));
  return MEMBER_UNKNOWN;
}

static gboolean
import_tool (Import   *imp,
             JsonNode *node,
             guint     index,
             gpointer  data)
{
  g_autoptr(GlideInstrument) tool = glide_instrument_new (NULL, NULL, -1);
  g_autoptr(GlideInstrument) existing = NULL;
  g_autofree char *field = NULL;
  GError *cause = NULL;

  if (!for_each_member (imp, node, tool_member, tool))
    return FALSE;
  if (tool->code == NULL)
    return fail_missing (imp, "id");
  if (tool->name == NULL)
    return fail_missing (imp, "name");
  if ((int) tool->material < 0)
    tool->material = GLIDE_MATERIAL_OTHER;
  if (!glide_rules_validate_instrument (tool, &field, &cause))
    return import_fail_at (imp, field, cause);

  existing = glide_store_find_instrument (imp->store, tool->code, NULL);
  if (!check_reference_id (imp, imp->tools, tool->code, tool->name,
                           existing ? existing->name : NULL, N_("names the tool")))
    return FALSE;
  if (existing != NULL)
    {
      tool->id = existing->id;
      imp->summary->tools_present++;
    }
  else
    {
      if (!glide_store_create_instrument (imp->store, tool, &cause))
        return import_fail_store (imp, cause);
      imp->summary->tools++;
    }

  g_hash_table_insert (imp->tools, g_strdup (tool->code), GSIZE_TO_POINTER (tool->id));
  return TRUE;
}

static MemberResult
clinic_member (Import     *imp,
               const char *key,
               JsonNode   *node,
               gpointer    data)
{
  GlideClinic *clinic = data;

  if (strcmp (key, "name") == 0)
    return RESULT (read_name (imp, node, TRUE, &clinic->name));
  if (strcmp (key, "address") == 0)
    return RESULT (read_string (imp, node, TRUE, &clinic->address));
  if (strcmp (key, "phone") == 0)
    return RESULT (read_string (imp, node, TRUE, &clinic->phone));
  return MEMBER_UNKNOWN;
}

/* The document's clinic details fill an empty database; a database that has
 * its own (a patient transferred in from elsewhere) keeps them. */
static gboolean
import_clinic (Import   *imp,
               JsonNode *node)
{
  g_autoptr(GlideClinic) clinic = glide_clinic_new ();
  g_autoptr(GlideClinic) current = NULL;
  g_autofree char *field = NULL;
  GError *cause = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!for_each_member (imp, node, clinic_member, clinic))
    return FALSE;
  if (clinic->name == NULL) clinic->name = g_strdup ("");
  if (clinic->address == NULL) clinic->address = g_strdup ("");
  if (clinic->phone == NULL) clinic->phone = g_strdup ("");
  if (!glide_rules_validate_clinic (clinic, &field, &cause))
    return import_fail_at (imp, field, cause);

  if ((current = glide_store_get_clinic (imp->store, &cause)) == NULL)
    return import_fail_store (imp, cause);
  if (current->name[0] != '\0' || current->address[0] != '\0' || current->phone[0] != '\0')
    return TRUE;

  clinic->paper = current->paper;
  if (!glide_store_set_clinic (imp->store, clinic, &cause))
    return import_fail_store (imp, cause);
  imp->summary->clinic_set = TRUE;
  return TRUE;
}

/* ---- sessions -------------------------------------------------------------- */

static MemberResult
treatment_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  GlideTreatment *t = data;
  GError *cause = NULL;

  if (strcmp (key, "site") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_SITE, FALSE, (int *) &t->site));
  if (strcmp (key, "side") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_SIDE, FALSE, (int *) &t->side));
  if (strcmp (key, "stroke") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_STROKE, FALSE, (int *) &t->stroke));
  if (strcmp (key, "duration_s") == 0)
    {
      if (!read_int (imp, node, &t->duration_s))
        return MEMBER_FAILED;
      if (!glide_rules_check_duration (t->duration_s, &cause))
        return RESULT (import_fail_at (imp, NULL, cause));
      return MEMBER_OK;
    }
  if (strcmp (key, "edge") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_EDGE, FALSE, (int *) &t->edge));
  if (strcmp (key, "tool") == 0)
    return RESULT (read_reference (imp, node, TRUE, FALSE, &t->instrument_id));
  if (strcmp (key, "technique") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_TECHNIQUE, TRUE, (int *) &t->technique));
  if (strcmp (key, "pressure") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_PRESSURE, TRUE, (int *) &t->pressure));
  if (strcmp (key, "redness") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_REDNESS, FALSE, (int *) &t->redness));
  if (strcmp (key, "petechiae") == 0)
    return RESULT (read_bool (imp, node, &t->petechiae));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &t->note));
  return MEMBER_UNKNOWN;
}

static GlideTreatment *
read_treatment (Import   *imp,
                JsonNode *node)
{
  g_autoptr(GlideTreatment) t = glide_treatment_new (-1, -1);
  g_autofree char *field = NULL;
  GError *cause = NULL;

  t->stroke = -1;
  t->duration_s = G_MININT64;
  t->edge = -1;
  t->redness = -1;
  t->petechiae = -1;

  if (!for_each_member (imp, node, treatment_member, t))
    return NULL;

  if ((int) t->site < 0) return fail_missing (imp, "site"), NULL;
  if ((int) t->side < 0) return fail_missing (imp, "side"), NULL;
  if ((int) t->stroke < 0) return fail_missing (imp, "stroke"), NULL;
  if (t->duration_s == G_MININT64) return fail_missing (imp, "duration_s"), NULL;
  if ((int) t->edge < 0) return fail_missing (imp, "edge"), NULL;
  if ((int) t->redness < 0) return fail_missing (imp, "redness"), NULL;
  if (t->petechiae == -1) return fail_missing (imp, "petechiae"), NULL;
  if (t->note == NULL)
    t->note = g_strdup ("");

  if (!glide_rules_validate_treatment (t, &field, &cause))
    return import_fail_at (imp, field, cause), NULL;
  return g_steal_pointer (&t);
}

static MemberResult
measure_member (Import     *imp,
                const char *key,
                JsonNode   *node,
                gpointer    data)
{
  GlideMeasurement *m = data;

  if (strcmp (key, "measure") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_MEASURE, FALSE, (int *) &m->measure));
  if (strcmp (key, "side") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_SIDE, TRUE, (int *) &m->side));
  if (strcmp (key, "timing") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_TIMING, FALSE, (int *) &m->timing));
  if (strcmp (key, "value") == 0)
    return RESULT (read_number (imp, node, &m->value));
  return MEMBER_UNKNOWN;
}

/* The rules take a value within a rounding error of a step (6.5000000000001
 * is 6.5); the database's check wants the step exactly. */
static double
snap_to_step (GlideMeasure measure,
              double       value)
{
  double step = glide_measure_get_step (measure);

  return step > 0 ? round (value / step) * step : value;
}

static GlideMeasurement *
read_measurement (Import   *imp,
                  JsonNode *node)
{
  g_autoptr(GlideMeasurement) m = glide_measurement_new (-1, GLIDE_SIDE_NONE, -1, NAN);
  g_autofree char *field = NULL;
  GError *cause = NULL;

  if (!for_each_member (imp, node, measure_member, m))
    return NULL;
  if ((int) m->measure < 0) return fail_missing (imp, "measure"), NULL;
  if ((int) m->timing < 0) return fail_missing (imp, "timing"), NULL;
  if (isnan (m->value)) return fail_missing (imp, "value"), NULL;

  /* Spinal flexion and extension are midline; writing the side is optional. */
  if (m->side == GLIDE_SIDE_NONE &&
      glide_measure_get_laterality (m->measure) == GLIDE_LATERALITY_MIDLINE)
    m->side = GLIDE_SIDE_MIDLINE;

  if (!glide_rules_validate_measurement (m, &field, &cause))
    return import_fail_at (imp, field, cause), NULL;
  m->value = snap_to_step (m->measure, m->value);
  return g_steal_pointer (&m);
}

static MemberResult
signed_member (Import     *imp,
               const char *key,
               JsonNode   *node,
               gpointer    data)
{
  GlideSession *session = data;

  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &session->signed_by));
  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &session->signed_at));
  return MEMBER_UNKNOWN;
}

static MemberResult
addendum_member (Import     *imp,
                 const char *key,
                 JsonNode   *node,
                 gpointer    data)
{
  GlideAddendum *addendum = data;

  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &addendum->therapist_id));
  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &addendum->at));
  if (strcmp (key, "text") == 0)
    return RESULT (read_string (imp, node, FALSE, &addendum->text));
  return MEMBER_UNKNOWN;
}

/* Appends what read_one makes of each element to an array. */
typedef gpointer (*ReadOne) (Import *, JsonNode *);

static gboolean
append_element (Import   *imp,
                JsonNode *node,
                guint     index,
                gpointer  data)
{
  gpointer *target = data;
  gpointer item = ((ReadOne) target[1]) (imp, node);

  if (item == NULL)
    return FALSE;
  g_ptr_array_add (target[0], item);
  return TRUE;
}

static gboolean
read_elements (Import     *imp,
               JsonNode   *node,
               GPtrArray  *into,
               ReadOne     read_one)
{
  JsonArray *array = NULL;
  gpointer target[2] = { into, (gpointer) read_one };

  return read_array (imp, node, &array) &&
         for_each_element (imp, NULL, node, append_element, target);
}

static GlideAddendum *
read_addendum (Import   *imp,
               JsonNode *node)
{
  g_autoptr(GlideAddendum) addendum = glide_addendum_new (0, NULL, NULL);

  if (!for_each_member (imp, node, addendum_member, addendum))
    return NULL;
  if (addendum->therapist_id == 0) return fail_missing (imp, "by"), NULL;
  if (addendum->at == NULL) return fail_missing (imp, "at"), NULL;
  if (addendum->text == NULL) return fail_missing (imp, "text"), NULL;
  return g_steal_pointer (&addendum);
}

typedef struct
{
  GlideSession *session;
  gboolean      has_therapist;
} SessionReading;

/* Version 2's part of a session: its end and minutes, timed minutes per
 * billing code, exercises, the follow-up of the visit before. */
static MemberResult
billed_member (Import     *imp,
               const char *key,
               JsonNode   *node,
               gpointer    data)
{
  GlideBilledTime *time = data;
  gint64 minutes = 0;

  if (strcmp (key, "code") == 0)
    return RESULT (read_string (imp, node, FALSE, &time->code));
  if (strcmp (key, "minutes") == 0)
    {
      if (!read_int (imp, node, &minutes))
        return MEMBER_FAILED;
      if (minutes < 1 || minutes > GLIDE_MAX_SESSION_MINUTES)
        return RESULT (import_fail (imp, _("%lld is out of range 1-%d"), (long long) minutes,
                                    GLIDE_MAX_SESSION_MINUTES));
      time->minutes = minutes;
      return MEMBER_OK;
    }
  return MEMBER_UNKNOWN;
}

static GlideBilledTime *
read_billed_time (Import   *imp,
                  JsonNode *node)
{
  g_autoptr(GlideBilledTime) time = glide_billed_time_new (NULL, 0);

  if (!for_each_member (imp, node, billed_member, time))
    return NULL;
  if (time->code == NULL) return fail_missing (imp, "code"), NULL;
  if (time->minutes == 0) return fail_missing (imp, "minutes"), NULL;
  return g_steal_pointer (&time);
}

static MemberResult
exercise_member (Import     *imp,
                 const char *key,
                 JsonNode   *node,
                 gpointer    data)
{
  GlideExercise *exercise = data;

  if (strcmp (key, "name") == 0)
    return RESULT (read_name (imp, node, FALSE, &exercise->name));
  if (strcmp (key, "sets") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_SETS, &exercise->sets));
  if (strcmp (key, "reps") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_REPS, &exercise->reps));
  if (strcmp (key, "hold_s") == 0)
    return RESULT (read_count (imp, node, GLIDE_DURATION_MAX, &exercise->hold_s));
  if (strcmp (key, "load") == 0)
    return RESULT (read_string (imp, node, TRUE, &exercise->load));
  if (strcmp (key, "side") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_SIDE, TRUE, (int *) &exercise->side));
  return MEMBER_UNKNOWN;
}

static GlideExercise *
read_exercise (Import   *imp,
               JsonNode *node)
{
  g_autoptr(GlideExercise) exercise = glide_exercise_new (NULL);

  if (!for_each_member (imp, node, exercise_member, exercise))
    return NULL;
  if (exercise->name == NULL) return fail_missing (imp, "name"), NULL;
  return g_steal_pointer (&exercise);
}

static MemberResult
follow_up_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  GlideSession *s = data;

  if (strcmp (key, "reaction") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_REACTION, TRUE, (int *) &s->reaction));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->reaction_note));
  return MEMBER_UNKNOWN;
}

static int
compare_billed_codes (gconstpointer a,
                      gconstpointer b)
{
  return g_strcmp0 ((*(GlideBilledTime *const *) a)->code, (*(GlideBilledTime *const *) b)->code);
}

static MemberResult
session_details_member (Import       *imp,
                        const char   *key,
                        JsonNode     *node,
                        GlideSession *s)
{
  if (strcmp (key, "end") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_datetime, &s->end));
  if (strcmp (key, "total_minutes") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_SESSION_MINUTES, &s->total_minutes));
  if (strcmp (key, "billing") == 0)
    {
      /* Kept in code order, as the store lists them. */
      if (!read_elements (imp, node, s->billing, (ReadOne) read_billed_time))
        return MEMBER_FAILED;
      g_ptr_array_sort (s->billing, compare_billed_codes);
      return MEMBER_OK;
    }
  if (strcmp (key, "exercises") == 0)
    return RESULT (read_elements (imp, node, s->exercises, (ReadOne) read_exercise));
  if (strcmp (key, "follow_up") == 0)
    return RESULT (JSON_NODE_HOLDS_NULL (node) ||
                   for_each_member (imp, node, follow_up_member, s));
  return MEMBER_UNKNOWN;
}

static MemberResult
session_member (Import     *imp,
                const char *key,
                JsonNode   *node,
                gpointer    data)
{
  SessionReading *reading = data;
  GlideSession *s = reading->session;

  if (strcmp (key, "start") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &s->start));
  if (strcmp (key, "therapist") == 0)
    {
      reading->has_therapist = TRUE;
      return RESULT (read_reference (imp, node, FALSE, TRUE, &s->therapist_id));
    }
  if (strcmp (key, "emollient") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->emollient));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->note));
  if (strcmp (key, "home_program") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->home_program));
  if (strcmp (key, "contraindication_override") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->contraindication_override));
  if (strcmp (key, "signed") == 0)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return MEMBER_OK;
      if (!for_each_member (imp, node, signed_member, s))
        return MEMBER_FAILED;
      if (s->signed_by == 0)
        return RESULT (fail_missing (imp, "by"));
      if (s->signed_at == NULL)
        return RESULT (fail_missing (imp, "at"));
      return MEMBER_OK;
    }
  if (strcmp (key, "addenda") == 0)
    return RESULT (read_elements (imp, node, s->addenda, (ReadOne) read_addendum));
  if (strcmp (key, "treatments") == 0)
    return RESULT (read_elements (imp, node, s->treatments, (ReadOne) read_treatment));
  if (strcmp (key, "measures") == 0)
    return RESULT (read_elements (imp, node, s->measurements, (ReadOne) read_measurement));
  if (imp->version >= 2)
    return session_details_member (imp, key, node, s);
  return MEMBER_UNKNOWN;
}

/* The patient being imported: its id, and what decides a session's rules. */
typedef struct
{
  GlidePatient *patient;
  gboolean      existed;
  GPtrArray    *screening;   /* GlideScreening, all on file after this import */
  GPtrArray    *existing;    /* GlideSession of the patient before the import */
  guint         sessions;
  guint         sessions_signed;
  guint         sessions_skipped;
  guint         addenda_added;
  guint         screening_updated;
  guint64       conditions_listed;  /* bit per GlideCondition in this document */
  GString      *replaced;           /* for the audit: screening records replaced */
  guint         courses;
} PatientImport;

/* The session on file (or earlier in this document) that is the same visit:
 * the same therapist at the same instant, however the start is written
 * (09:30, 09:30:00, 09:30Z and 10:30+01:00 can be one moment; a start without
 * an offset is the clinic's local time, as the store keeps it). */
static GlideSession *
find_same_visit (PatientImport      *p,
                 const GlideSession *session)
{
  for (guint i = 0; p->existing && i < p->existing->len; i++)
    {
      GlideSession *other = g_ptr_array_index (p->existing, i);

      if (other->therapist_id == session->therapist_id &&
          glide_datetime_compare (other->start, session->start) == 0)
        return other;
    }
  return NULL;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
same_treatment (const GlideTreatment *a,
                const GlideTreatment *b)
{
  return a->stroke == b->stroke && a->duration_s == b->duration_s && a->edge == b->edge &&
         a->instrument_id == b->instrument_id && a->technique == b->technique &&
         a->pressure == b->pressure && a->redness == b->redness &&
         !a->petechiae == !b->petechiae && same_text (a->note, b->note);
}

/* Treatments are one per area and measures one per measure, side and timing
 * (the rules refuse repeats), so they match by those keys in any order. */
static gboolean
same_treatments (const GlideSession *a,
                 const GlideSession *b)
{
  if (a->treatments->len != b->treatments->len)
    return FALSE;
  for (guint i = 0; i < a->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (a->treatments, i);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < b->treatments->len; j++)
        {
          const GlideTreatment *u = g_ptr_array_index (b->treatments, j);

          found = t->site == u->site && t->side == u->side && same_treatment (t, u);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_measures (const GlideSession *a,
               const GlideSession *b)
{
  if (a->measurements->len != b->measurements->len)
    return FALSE;
  for (guint i = 0; i < a->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (a->measurements, i);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < b->measurements->len; j++)
        {
          const GlideMeasurement *n = g_ptr_array_index (b->measurements, j);

          found = m->measure == n->measure && m->side == n->side && m->timing == n->timing &&
                  m->value == n->value;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_signature (const GlideSession *a,
                const GlideSession *b)
{
  if (a->signed_at == NULL || b->signed_at == NULL)
    return a->signed_at == NULL && b->signed_at == NULL;
  return a->signed_by == b->signed_by && glide_datetime_compare (a->signed_at, b->signed_at) == 0;
}

/* The key of the first part of a visit that differs, with how a message
 * says it ("a different note"); NULL when the content is the same. Addenda
 * are not content: they are appended. */
static gboolean
same_billing (const GlideSession *a,
              const GlideSession *b)
{
  if (a->billing->len != b->billing->len)
    return FALSE;
  for (guint i = 0; i < a->billing->len; i++)
    {
      const GlideBilledTime *x = g_ptr_array_index (a->billing, i);
      const GlideBilledTime *y = g_ptr_array_index (b->billing, i);

      if (g_strcmp0 (x->code, y->code) != 0 || x->minutes != y->minutes)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_exercises (const GlideSession *a,
                const GlideSession *b)
{
  if (a->exercises->len != b->exercises->len)
    return FALSE;
  for (guint i = 0; i < a->exercises->len; i++)
    {
      const GlideExercise *x = g_ptr_array_index (a->exercises, i);
      const GlideExercise *y = g_ptr_array_index (b->exercises, i);

      if (g_strcmp0 (x->name, y->name) != 0 || x->sets != y->sets || x->reps != y->reps ||
          x->hold_s != y->hold_s || !same_text (x->load, y->load) || x->side != y->side)
        return FALSE;
    }
  return TRUE;
}

static const char *
session_difference (const GlideSession  *a,
                    const GlideSession  *b,
                    const char         **phrase)
{
  const struct
  {
    const char *key;
    const char *phrase;
    gboolean    same;
  } parts[] = {
    { "treatments", N_("different treatments"), same_treatments (a, b) },
    { "measures", N_("different measures"), same_measures (a, b) },
    { "note", N_("a different note"), same_text (a->note, b->note) },
    { "emollient", N_("a different emollient"), same_text (a->emollient, b->emollient) },
    { "home_program", N_("a different home_program"), same_text (a->home_program, b->home_program) },
    { "contraindication_override", N_("a different contraindication_override"),
      (a->contraindication_override == NULL) == (b->contraindication_override == NULL) &&
      same_text (a->contraindication_override, b->contraindication_override) },
    { "signed", N_("a different signature"), same_signature (a, b) },
    { "end", N_("a different end or minutes"),
      same_text (a->end, b->end) && a->total_minutes == b->total_minutes },
    { "billing", N_("different billed minutes"), same_billing (a, b) },
    { "exercises", N_("different exercises"), same_exercises (a, b) },
    { "follow_up", N_("a different follow-up"),
      a->reaction == b->reaction && same_text (a->reaction_note, b->reaction_note) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!parts[i].same)
      {
        *phrase = parts[i].phrase;
        return parts[i].key;
      }
  return NULL;
}

static char *
therapist_code (Import *imp,
                gint64  id)
{
  g_autoptr(GlideTherapist) therapist = glide_store_get_therapist (imp->store, id, NULL);

  return g_strdup (therapist ? therapist->code : "?");
}

static char *
therapist_name (Import *imp,
                gint64  id)
{
  g_autoptr(GlideTherapist) therapist = glide_store_get_therapist (imp->store, id, NULL);

  return g_strdup (therapist ? therapist->name : "?");
}

/* The same visit with other content: a visit is recorded once, and a signed
 * one never changes, so the import stops and names both. */
static gboolean
fail_conflicting_visit (Import             *imp,
                        const GlideSession *existing,
                        const GlideSession *session,
                        const char         *key,
                        const char         *phrase)
{
  g_autofree char *code = therapist_code (imp, session->therapist_id);
  g_autofree char *name = therapist_name (imp, existing->therapist_id);
  gsize mark = path_push_key (imp, key);

  import_fail (imp, _("this session (start %s, therapist %s) is the visit already on file "
               "(start %s, %s) with %s; a visit is recorded once: correct the file, or add an "
               "addendum to the session on file"), session->start, code, existing->start, name,
               glide_gettext (phrase));
  path_pop (imp, mark);
  return FALSE;
}

/* Whether addenda[@index] repeats an earlier one of the same session: the
 * same therapist, instant and text. */
static gboolean
addendum_listed_before (GPtrArray *addenda,
                        guint      index)
{
  const GlideAddendum *addendum = g_ptr_array_index (addenda, index);

  for (guint i = 0; i < index; i++)
    {
      const GlideAddendum *other = g_ptr_array_index (addenda, i);

      if (other->therapist_id == addendum->therapist_id &&
          glide_datetime_compare (other->at, addendum->at) == 0 &&
          strcmp (other->text, addendum->text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Addenda are append-only: each one in the document that the session on
 * file lacks (same author, instant and text) is appended through the store,
 * as the editor would; one by the same author at the same instant with other
 * text contradicts the record and stops the import. */
static gboolean
merge_addenda (Import             *imp,
               PatientImport      *p,
               GlideSession       *existing,
               const GlideSession *session)
{
  for (guint i = 0; i < session->addenda->len; i++)
    {
      const GlideAddendum *addendum = g_ptr_array_index (session->addenda, i);
      g_autoptr(GlideAddendum) added = NULL;
      gboolean present = FALSE;
      GError *cause = NULL;

      for (guint j = 0; !present && j < existing->addenda->len; j++)
        {
          const GlideAddendum *other = g_ptr_array_index (existing->addenda, j);

          if (other->therapist_id != addendum->therapist_id ||
              glide_datetime_compare (other->at, addendum->at) != 0)
            continue;
          if (strcmp (other->text, addendum->text) != 0)
            {
              g_autofree char *name = therapist_name (imp, other->therapist_id);
              gsize mark = path_push_key (imp, "addenda");

              path_push_index (imp, i);
              path_push_key (imp, "text");
              import_fail (imp, _("the addendum on file by %s at %s has a different text; "
                           "addenda are never changed (add a new one with its own time)"),
                           name, other->at);
              path_pop (imp, mark);
              return FALSE;
            }
          present = TRUE;
        }
      if (present)
        continue;

      added = glide_addendum_new (addendum->therapist_id, addendum->at, addendum->text);
      if (!glide_store_add_addendum (imp->store, existing->id, added, &cause))
        {
          gsize mark = path_push_key (imp, "addenda");

          path_push_index (imp, i);
          import_fail_store (imp, cause);
          path_pop (imp, mark);
          return FALSE;
        }
      g_ptr_array_add (existing->addenda, g_steal_pointer (&added));
      p->addenda_added++;
      imp->summary->addenda++;
      imp->summary->addenda_added++;
    }
  return TRUE;
}

static gboolean
import_session (Import             *imp,
                JsonNode           *node,
                const GlideCourse  *course,
                PatientImport      *p)
{
  g_autoptr(GlideSession) s = glide_session_new (course->id, NULL, 0);
  g_autoptr(GPtrArray) addenda = NULL;
  GlideSession *existing;
  g_autofree char *signed_at = NULL;
  g_autofree char *field = NULL;
  SessionReading reading = { s, FALSE };
  GError *cause = NULL;
  gint64 signed_by;

  g_clear_pointer (&s->emollient, g_free);
  g_clear_pointer (&s->note, g_free);
  g_clear_pointer (&s->home_program, g_free);

  if (!for_each_member (imp, node, session_member, &reading))
    return FALSE;
  if (s->start == NULL)
    return fail_missing (imp, "start");
  if (!reading.has_therapist)
    return fail_missing (imp, "therapist");
  if (s->emollient == NULL) s->emollient = g_strdup ("");
  if (s->note == NULL) s->note = g_strdup ("");
  if (s->home_program == NULL) s->home_program = g_strdup ("");

  if (!glide_rules_validate_session (s, course, p->screening, &field, &cause))
    return import_fail_at (imp, field, cause);
  if (!glide_rules_check_not_before_birth (p->patient->birth_date, s->start, &cause))
    return import_fail_at (imp, "start", cause);

  existing = find_same_visit (p, s);
  if (existing != NULL)
    {
      const char *phrase = NULL;
      const char *key = session_difference (existing, s, &phrase);

      if (key != NULL)
        return fail_conflicting_visit (imp, existing, s, key, phrase);
      if (!merge_addenda (imp, p, existing, s))
        return FALSE;
      p->sessions_skipped++;
      imp->summary->sessions_skipped++;
      return TRUE;
    }

  /* Stored as a draft first, then signed, then addenda: the same path the
   * editor takes, so the same triggers and rules apply. */
  signed_by = s->signed_by;
  signed_at = g_steal_pointer (&s->signed_at);
  s->signed_by = 0;
  addenda = g_ptr_array_ref (s->addenda);
  g_ptr_array_unref (s->addenda);
  s->addenda = g_ptr_array_new ();

  if (!glide_store_save_draft_session (imp->store, s, &cause))
    return import_fail_store (imp, cause);
  if (signed_at != NULL &&
      !glide_store_sign_session (imp->store, s->id, signed_by, signed_at, &cause))
    return import_fail_store (imp, cause);
  for (guint i = 0; i < addenda->len; i++)
    {
      /* The same addendum listed twice (by, at and text): stored once. */
      if (addendum_listed_before (addenda, i))
        {
          g_ptr_array_remove_index (addenda, i--);
          imp->summary->records_repeated++;
          continue;
        }
      if (!glide_store_add_addendum (imp->store, s->id, g_ptr_array_index (addenda, i), &cause))
        {
          gsize mark = path_push_key (imp, "addenda");

          path_push_index (imp, i);
          import_fail_store (imp, cause);
          path_pop (imp, mark);
          return FALSE;
        }
    }

  p->sessions++;
  imp->summary->sessions++;
  if (signed_at != NULL)
    {
      p->sessions_signed++;
      imp->summary->sessions_signed++;
    }
  imp->summary->treatments += s->treatments->len;
  imp->summary->measures += s->measurements->len;
  imp->summary->addenda += addenda->len;

  /* Now on file: the same visit later in this document is found too. */
  s->signed_by = signed_by;
  s->signed_at = g_steal_pointer (&signed_at);
  g_ptr_array_unref (s->addenda);
  s->addenda = g_steal_pointer (&addenda);
  g_ptr_array_add (p->existing, g_steal_pointer (&s));
  return TRUE;
}

static gboolean
import_session_element (Import   *imp,
                        JsonNode *node,
                        guint     index,
                        gpointer  data)
{
  gpointer *target = data;

  return import_session (imp, node, target[0], target[1]);
}

/* ---- courses and patients -------------------------------------------------- */

typedef struct
{
  GlideCourse *course;
  JsonNode    *sessions;
  /* Version 2: the course of care. */
  JsonNode    *goals;
  JsonNode    *plans;
  JsonNode    *progress_reports;
  JsonNode    *consents;
  JsonNode    *discharge;
} CourseReading;

/* Where a course's array member goes: its sessions, and in version 2 the
 * records of its course of care. */
static JsonNode **
course_array_slot (CourseReading *reading,
                   const char    *key,
                   gint64         version)
{
  if (strcmp (key, "sessions") == 0)
    return &reading->sessions;
  if (version < 2)
    return NULL;
  if (strcmp (key, "goals") == 0)
    return &reading->goals;
  if (strcmp (key, "plans") == 0)
    return &reading->plans;
  if (strcmp (key, "progress_reports") == 0)
    return &reading->progress_reports;
  if (strcmp (key, "consents") == 0)
    return &reading->consents;
  return NULL;
}

static MemberResult
course_member (Import     *imp,
               const char *key,
               JsonNode   *node,
               gpointer    data)
{
  CourseReading *reading = data;
  GlideCourse *c = reading->course;
  JsonNode **slot;

  if (strcmp (key, "diagnosis") == 0)
    return RESULT (read_string (imp, node, TRUE, &c->diagnosis));
  if (strcmp (key, "icd10") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, glide_rules_check_icd10, &c->icd10));
  if (strcmp (key, "start_date") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &c->start_date));
  if (strcmp (key, "end_date") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &c->end_date));
  /* Version 1's goals were one line of text: version 2 keeps it as
   * goals_note, and goals are records. */
  if (strcmp (key, "goals") == 0 && imp->version == 1)
    return RESULT (read_string (imp, node, TRUE, &c->goals));
  if (strcmp (key, "goals_note") == 0 && imp->version >= 2)
    return RESULT (read_string (imp, node, TRUE, &c->goals));
  if ((slot = course_array_slot (reading, key, imp->version)) != NULL)
    {
      JsonArray *array = NULL;

      if (slot == &reading->goals && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        return RESULT (import_fail (imp, _("in version 2 goals is a list of goals; the text of "
                                    "version 1 is goals_note")));
      *slot = node;
      return RESULT (read_array (imp, node, &array));
    }
  if (strcmp (key, "discharge") == 0 && imp->version >= 2)
    {
      reading->discharge = node;
      if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_NULL (node))
        return RESULT (fail_type (imp, node, "an object"));
      return MEMBER_OK;
    }
  return MEMBER_UNKNOWN;
}

/* ---- the course of care (version 2) ----------------------------------------- */

/* "created": {"by", "at"}, "signed": …, "written": …: who and when. */
typedef struct
{
  gint64  by;
  char  **at;
} ByAt;

static MemberResult
by_at_member (Import     *imp,
              const char *key,
              JsonNode   *node,
              gpointer    data)
{
  ByAt *by_at = data;

  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &by_at->by));
  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, by_at->at));
  return MEMBER_UNKNOWN;
}

static gboolean
read_by_at (Import     *imp,
            JsonNode   *node,
            gint64     *by,
            char      **at)
{
  ByAt by_at = { 0, at };

  if (!for_each_member (imp, node, by_at_member, &by_at))
    return FALSE;
  if (by_at.by == 0)
    return fail_missing (imp, "by");
  if (*at == NULL)
    return fail_missing (imp, "at");
  *by = by_at.by;
  return TRUE;
}

static gboolean
read_optional_double (Import   *imp,
                      JsonNode *node,
                      gboolean *present,
                      double   *out)
{
  *present = !JSON_NODE_HOLDS_NULL (node);
  return !*present || read_number (imp, node, out);
}

static MemberResult
goal_status_member (Import     *imp,
                    const char *key,
                    JsonNode   *node,
                    gpointer    data)
{
  GlideGoalStatusEntry *entry = data;

  if (strcmp (key, "status") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_GOAL_STATUS, FALSE, (int *) &entry->status));
  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &entry->at));
  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &entry->by));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &entry->note));
  return MEMBER_UNKNOWN;
}

static GlideGoalStatusEntry *
read_goal_status (Import   *imp,
                  JsonNode *node)
{
  g_autoptr(GlideGoalStatusEntry) entry = glide_goal_status_entry_new (-1, 0, NULL);

  if (!for_each_member (imp, node, goal_status_member, entry))
    return NULL;
  if ((int) entry->status == -1) return fail_missing (imp, "status"), NULL;
  if (entry->at == NULL) return fail_missing (imp, "at"), NULL;
  if (entry->by == 0) return fail_missing (imp, "by"), NULL;
  if (entry->note == NULL) entry->note = g_strdup ("");
  return g_steal_pointer (&entry);
}

typedef struct
{
  GlideGoal *goal;
  gint64     replaces;    /* index in the course's goals, -1: none */
  gboolean   has_target;
  gboolean   has_created;
} GoalReading;

static MemberResult
goal_member (Import     *imp,
             const char *key,
             JsonNode   *node,
             gpointer    data)
{
  GoalReading *reading = data;
  GlideGoal *g = reading->goal;

  if (strcmp (key, "text") == 0)
    return RESULT (read_string (imp, node, FALSE, &g->text));
  if (strcmp (key, "measure") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_MEASURE, TRUE, (int *) &g->measure));
  if (strcmp (key, "side") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_SIDE, TRUE, (int *) &g->side));
  if (strcmp (key, "target") == 0)
    return RESULT (read_optional_double (imp, node, &reading->has_target, &g->target));
  if (strcmp (key, "target_date") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &g->target_date));
  if (strcmp (key, "replaces") == 0)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return MEMBER_OK;
      if (!read_int (imp, node, &reading->replaces))
        return MEMBER_FAILED;
      /* -1 stands for "none" here: a negative index is not taken for null. */
      if (reading->replaces < 0)
        {
          import_fail (imp, _("%lld is not the index of an earlier goal of this course (0 "
                              "for its first goal); null when it revises none"),
                       (long long) reading->replaces);
          return MEMBER_FAILED;
        }
      return MEMBER_OK;
    }
  if (strcmp (key, "created") == 0)
    {
      reading->has_created = TRUE;
      return RESULT (read_by_at (imp, node, &g->created_by, &g->created_at));
    }
  if (strcmp (key, "status") == 0)
    return RESULT (read_elements (imp, node, g->history, (ReadOne) read_goal_status));
  return MEMBER_UNKNOWN;
}

/* A record of the document that a merge finds already on file (the same
 * key) is skipped, as a visit already present is; so is one listed twice in
 * the document (what is stored joins what is on file). */
static gboolean
same_goal (const GlideGoal *a,
           const GlideGoal *b)
{
  return g_strcmp0 (a->text, b->text) == 0 && g_strcmp0 (a->created_at, b->created_at) == 0;
}

typedef struct
{
  GlideCourse *course;
  GPtrArray   *on_file;   /* GlideGoal of the course: on file, then those stored */
  guint        n_before;  /* how many of on_file were there before the import */
  GArray      *ids;       /* gint64: the id of goals[i] */
} GoalsImport;

static gboolean
import_goal (Import   *imp,
             JsonNode *node,
             guint     index,
             gpointer  data)
{
  GoalsImport *goals = data;
  g_autoptr(GlideGoal) goal = glide_goal_new (NULL);
  GoalReading reading = { goal, -1, FALSE, FALSE };
  g_autofree char *field = NULL;
  GError *cause = NULL;

  g_clear_pointer (&goal->text, g_free);
  if (!for_each_member (imp, node, goal_member, &reading))
    return FALSE;
  if (goal->text == NULL)
    return fail_missing (imp, "text");
  if (!reading.has_created)
    return fail_missing (imp, "created");
  if ((goal->measure != (GlideMeasure) -1) != reading.has_target)
    {
      gsize mark = path_push_key (imp, reading.has_target ? "measure" : "target");
      gboolean ok = import_fail (imp, reading.has_target ? "is required with a target"
                                                          : "is required with a measure");

      path_pop (imp, mark);
      return ok;
    }
  if (reading.replaces >= 0)
    {
      if ((guint64) reading.replaces >= index)
        {
          gsize mark = path_push_key (imp, "replaces");

          if (index == 0)
            import_fail (imp, _("%lld is not an earlier goal of this course: this is its "
                                "first goal, which revises none"), (long long) reading.replaces);
          else
            import_fail (imp, _("%lld is not an earlier goal of this course (0 to %d)"),
                         (long long) reading.replaces, (int) index - 1);
          path_pop (imp, mark);
          return FALSE;
        }
      goal->replaces = g_array_index (goals->ids, gint64, reading.replaces);
    }
  goal->course_id = goals->course->id;

  if (!glide_rules_validate_goal (goal, &field, &cause))
    return import_fail_at (imp, field, cause);
  if (goal->measure != (GlideMeasure) -1)
    goal->target = snap_to_step (goal->measure, goal->target);
  for (guint i = 0; i < goal->history->len; i++)
    {
      GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, i);

      if (!glide_rules_validate_goal_status (entry, goal->created_at, &field, &cause))
        {
          g_autofree char *at = g_strdup_printf ("status[%u]%s%s", i, *field ? "." : "", field);

          return import_fail_at (imp, at, cause);
        }
    }

  for (guint i = 0; i < goals->on_file->len; i++)
    if (same_goal (g_ptr_array_index (goals->on_file, i), goal))
      {
        gint64 id = ((GlideGoal *) g_ptr_array_index (goals->on_file, i))->id;

        g_array_append_val (goals->ids, id);
        if (i >= goals->n_before)
          imp->summary->records_repeated++;
        return TRUE;
      }

  if (!glide_store_add_goal (imp->store, goal, &cause))
    return import_fail_store (imp, cause);
  g_array_append_val (goals->ids, goal->id);
  imp->summary->goals++;
  g_ptr_array_add (goals->on_file, g_steal_pointer (&goal));
  return TRUE;
}

typedef struct
{
  char     *name;
  char     *id;
  char     *signed_on;
  gboolean  certifying;   /* only the certifying physician signs the plan */
} PhysicianReading;

static MemberResult
physician_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  PhysicianReading *reading = data;

  if (strcmp (key, "name") == 0)
    return RESULT (read_name (imp, node, TRUE, &reading->name));
  if (strcmp (key, "id") == 0)
    return RESULT (read_string (imp, node, TRUE, &reading->id));
  if (strcmp (key, "signed") == 0 && reading->certifying)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &reading->signed_on));
  return MEMBER_UNKNOWN;
}

static gboolean
read_physician (Import     *imp,
                JsonNode   *node,
                gboolean    certifying,
                char      **name,
                char      **id,
                char      **signed_on)
{
  PhysicianReading reading = { NULL, NULL, NULL, certifying };
  gboolean ok;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  ok = for_each_member (imp, node, physician_member, &reading);
  g_free (*name);
  g_free (*id);
  *name = reading.name;
  *id = reading.id;
  if (signed_on != NULL)
    {
      g_free (*signed_on);
      *signed_on = reading.signed_on;
    }
  return ok;
}

static MemberResult
plan_member (Import     *imp,
             const char *key,
             JsonNode   *node,
             gpointer    data)
{
  GlideCarePlan *plan = data;

  if (strcmp (key, "cert_start") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &plan->cert_start));
  if (strcmp (key, "cert_end") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &plan->cert_end));
  if (strcmp (key, "visits_per_week") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_VISITS_PER_WEEK, &plan->visits_per_week));
  if (strcmp (key, "weeks") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_PLAN_WEEKS, &plan->weeks));
  if (strcmp (key, "interventions") == 0)
    {
      JsonArray *array = NULL;

      if (!read_array (imp, node, &array))
        return MEMBER_FAILED;
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          gsize mark = imp->path->len;
          int code = -1;
          gboolean ok;

          path_push_index (imp, i);
          ok = read_code (imp, json_array_get_element (array, i), GLIDE_CODE_LIST_INTERVENTION,
                          FALSE, &code);
          path_pop (imp, mark);
          if (!ok)
            return MEMBER_FAILED;
          g_array_append_val (plan->interventions, code);
        }
      return MEMBER_OK;
    }
  if (strcmp (key, "referring") == 0)
    return RESULT (read_physician (imp, node, FALSE, &plan->referring_name,
                                   &plan->referring_id, NULL));
  if (strcmp (key, "certifying") == 0)
    return RESULT (read_physician (imp, node, TRUE, &plan->certifying_name,
                                   &plan->certifying_id, &plan->certified_on));
  if (strcmp (key, "report_due") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &plan->report_due));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &plan->note));
  if (strcmp (key, "written") == 0)
    return RESULT (read_by_at (imp, node, &plan->written_by, &plan->written_at));
  return MEMBER_UNKNOWN;
}

/* What one kind of care record needs from the importer: read, validate,
 * find on file, store. */
typedef struct
{
  const char  *what;
  gpointer   (*create) (gint64 course_id);
  GDestroyNotify free;
  MemberFunc   member;
  const char  *required[4];      /* keys that must be present */
  gboolean   (*validate) (gconstpointer record, char **field, GError **error);
  gboolean   (*same) (gconstpointer a, gconstpointer b);
  gboolean   (*store) (GlideStore *store, gpointer record, GError **error);
  guint        summary_offset;
} CareKind;

typedef struct
{
  const CareKind *kind;
  GlideCourse    *course;
  GPtrArray      *on_file;     /* of the kind: on file, then those stored */
  guint           n_before;    /* how many of on_file were there before the import */
} CareImport;

/* One care record: read, its required keys present, checked by the rules
 * (the message names the JSON path), skipped when on file, stored. */
static gboolean
import_care_record (Import   *imp,
                    JsonNode *node,
                    guint     index,
                    gpointer  data)
{
  CareImport *care = data;
  const CareKind *kind = care->kind;
  g_autofree char *field = NULL;
  gpointer record = kind->create (care->course->id);
  GError *cause = NULL;
  gboolean ok = FALSE;

  if (!for_each_member (imp, node, kind->member, record))
    goto out;
  {
    JsonObject *object = json_node_get_object (node);

    for (guint i = 0; i < G_N_ELEMENTS (kind->required) && kind->required[i] != NULL; i++)
      if (!json_object_has_member (object, kind->required[i]) ||
          JSON_NODE_HOLDS_NULL (json_object_get_member (object, kind->required[i])))
        {
          fail_missing (imp, kind->required[i]);
          goto out;
        }
  }
  if (!kind->validate (record, &field, &cause))
    {
      import_fail_at (imp, field, cause);
      goto out;
    }
  for (guint i = 0; i < care->on_file->len; i++)
    if (kind->same (g_ptr_array_index (care->on_file, i), record))
      {
        if (i >= care->n_before)
          imp->summary->records_repeated++;
        ok = TRUE;
        goto out;
      }
  if (!kind->store (imp->store, record, &cause))
    {
      import_fail_store (imp, cause);
      goto out;
    }
  G_STRUCT_MEMBER (guint, imp->summary, kind->summary_offset)++;
  g_ptr_array_add (care->on_file, g_steal_pointer (&record));
  ok = TRUE;
out:
  if (record != NULL)
    kind->free (record);
  return ok;
}

static MemberResult
report_member (Import     *imp,
               const char *key,
               JsonNode   *node,
               gpointer    data)
{
  GlideProgressReport *report = data;

  if (strcmp (key, "date") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &report->date));
  if (strcmp (key, "period_start") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &report->period_start));
  if (strcmp (key, "period_end") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &report->period_end));
  if (strcmp (key, "visits") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_PLAN_WEEKS * GLIDE_MAX_VISITS_PER_WEEK,
                               &report->visits));
  if (strcmp (key, "assessment") == 0)
    return RESULT (read_string (imp, node, FALSE, &report->assessment));
  if (strcmp (key, "plan") == 0)
    return RESULT (read_string (imp, node, TRUE, &report->plan));
  if (strcmp (key, "next_due") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &report->next_due));
  if (strcmp (key, "signed") == 0)
    return RESULT (read_by_at (imp, node, &report->signed_by, &report->signed_at));
  return MEMBER_UNKNOWN;
}

static MemberResult
consent_member (Import     *imp,
                const char *key,
                JsonNode   *node,
                gpointer    data)
{
  GlideConsent *consent = data;

  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &consent->at));
  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &consent->obtained_by));
  if (strcmp (key, "risks") == 0)
    return RESULT (read_string (imp, node, FALSE, &consent->risks));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &consent->note));
  return MEMBER_UNKNOWN;
}

static MemberResult
discharge_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  GlideDischarge *discharge = data;

  if (strcmp (key, "date") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_date, &discharge->date));
  if (strcmp (key, "reason") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_DISCHARGE_REASON, FALSE,
                              (int *) &discharge->reason));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, FALSE, &discharge->note));
  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, FALSE, TRUE, &discharge->by));
  if (strcmp (key, "at") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, check_datetime, &discharge->at));
  return MEMBER_UNKNOWN;
}

static gboolean
same_plan (gconstpointer a,
           gconstpointer b)
{
  const GlideCarePlan *x = a, *y = b;

  return g_strcmp0 (x->cert_start, y->cert_start) == 0 &&
         g_strcmp0 (x->written_at, y->written_at) == 0;
}

static gboolean
same_report (gconstpointer a,
             gconstpointer b)
{
  const GlideProgressReport *x = a, *y = b;

  return g_strcmp0 (x->date, y->date) == 0 && g_strcmp0 (x->signed_at, y->signed_at) == 0;
}

static gboolean
same_consent (gconstpointer a,
              gconstpointer b)
{
  const GlideConsent *x = a, *y = b;

  return g_strcmp0 (x->at, y->at) == 0 && x->obtained_by == y->obtained_by;
}

static gboolean
same_discharge (gconstpointer a,
                gconstpointer b)
{
  const GlideDischarge *x = a, *y = b;

  return g_strcmp0 (x->date, y->date) == 0 && x->reason == y->reason;
}

static gboolean
store_plan (GlideStore *store,
            gpointer    record,
            GError    **error)
{
  return glide_store_save_care_plan (store, record, error) != 0;
}

static gboolean
store_report (GlideStore *store,
              gpointer    record,
              GError    **error)
{
  return glide_store_add_progress_report (store, record, error) != 0;
}

static gboolean
store_consent (GlideStore *store,
               gpointer    record,
               GError    **error)
{
  return glide_store_add_consent (store, record, error) != 0;
}

/* The goals' statuses at discharge are in their own histories. */
static gboolean
store_discharge (GlideStore *store,
                 gpointer    record,
                 GError    **error)
{
  return glide_store_discharge_course (store, record, NULL, error);
}

static const CareKind plan_kind = {
  "plan of care", (gpointer) glide_care_plan_new, (GDestroyNotify) glide_care_plan_free,
  plan_member, { "cert_start", "cert_end", "written", NULL },
  (gpointer) glide_rules_validate_care_plan, same_plan, store_plan,
  G_STRUCT_OFFSET (GlideImportSummary, plans),
};
static const CareKind report_kind = {
  "progress report", (gpointer) glide_progress_report_new,
  (GDestroyNotify) glide_progress_report_free,
  report_member, { "date", "period_start", "period_end", "signed" },
  (gpointer) glide_rules_validate_progress_report, same_report, store_report,
  G_STRUCT_OFFSET (GlideImportSummary, progress_reports),
};
static const CareKind consent_kind = {
  "consent", (gpointer) glide_consent_new, (GDestroyNotify) glide_consent_free,
  consent_member, { "at", "by", "risks", NULL },
  (gpointer) glide_rules_validate_consent, same_consent, store_consent,
  G_STRUCT_OFFSET (GlideImportSummary, consents),
};
static const CareKind discharge_kind = {
  "discharge", (gpointer) glide_discharge_new, (GDestroyNotify) glide_discharge_free,
  discharge_member, { "date", "reason", "by", "at" },
  (gpointer) glide_rules_validate_discharge, same_discharge, store_discharge,
  G_STRUCT_OFFSET (GlideImportSummary, discharges),
};

static gboolean
import_care_kind (Import         *imp,
                  const CareKind *kind,
                  GlideCourse    *course,
                  const char     *key,
                  JsonNode       *node,
                  GPtrArray      *on_file)
{
  CareImport care = { kind, course, on_file, on_file->len };

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      gsize mark = path_push_key (imp, key);
      gboolean ok = import_care_record (imp, node, 0, &care);

      path_pop (imp, mark);
      return ok;
    }
  return for_each_element (imp, key, node, import_care_record, &care);
}

/* After the course's sessions: goals (a goal's statuses and the goal it
 * revises come with it), plans of care, progress reports, consents, and
 * the discharge last, which closes the course to more of them. On --merge
 * into a course on file, what is already there is skipped. */
static gboolean
import_care (Import        *imp,
             GlideCourse   *course,
             gboolean       existed,
             CourseReading *reading)
{
  g_autoptr(GPtrArray) goals_on_file = NULL;
  g_autoptr(GPtrArray) plans_on_file = NULL;
  g_autoptr(GPtrArray) reports_on_file = NULL;
  g_autoptr(GPtrArray) consents_on_file = NULL;
  g_autoptr(GPtrArray) discharge_on_file = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *cause = NULL;

  if (!existed)
    {
      goals_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_goal_free);
      plans_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_care_plan_free);
      reports_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_progress_report_free);
      consents_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_consent_free);
      discharge_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_discharge_free);
    }
  else
    {
      GlideDischarge *discharge;

      if (!(goals_on_file = glide_store_list_goals (imp->store, course->id, &cause)) ||
          !(plans_on_file = glide_store_list_care_plans (imp->store, course->id, &cause)) ||
          !(reports_on_file = glide_store_list_progress_reports (imp->store, course->id, &cause)) ||
          !(consents_on_file = glide_store_list_consents (imp->store, course->id, &cause)))
        return import_fail_store (imp, cause);
      discharge = glide_store_get_discharge (imp->store, course->id, &cause);
      if (cause != NULL)
        return import_fail_store (imp, cause);
      discharge_on_file = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_discharge_free);
      if (discharge != NULL)
        g_ptr_array_add (discharge_on_file, discharge);
    }

  /* The discharge closes the course on its date: the course says so too. */
  if (reading->discharge != NULL && JSON_NODE_HOLDS_OBJECT (reading->discharge))
    {
      JsonObject *object = json_node_get_object (reading->discharge);
      JsonNode *date = json_object_get_member (object, "date");

      if (date != NULL && JSON_NODE_HOLDS_VALUE (date) &&
          json_node_get_value_type (date) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (date), course->end_date) != 0)
        {
          gsize mark = path_push_key (imp, "discharge");

          path_push_key (imp, "date");
          import_fail (imp, _("%s is not the course's end_date (%s)"), json_node_get_string (date),
                       course->end_date ? course->end_date : "null");
          path_pop (imp, mark);
          return FALSE;
        }
    }

  {
    GoalsImport goals = { course, goals_on_file, goals_on_file->len, ids };

    if (!for_each_element (imp, "goals", reading->goals, import_goal, &goals))
      return FALSE;
  }
  return import_care_kind (imp, &plan_kind, course, "plans", reading->plans, plans_on_file) &&
         import_care_kind (imp, &report_kind, course, "progress_reports",
                           reading->progress_reports, reports_on_file) &&
         import_care_kind (imp, &consent_kind, course, "consents", reading->consents,
                           consents_on_file) &&
         import_care_kind (imp, &discharge_kind, course, "discharge", reading->discharge,
                           discharge_on_file);
}

/* With --merge, a course with the same start date and diagnosis as one the
 * patient already has receives the sessions instead of a duplicate course. */
static GlideCourse *
find_matching_course (Import            *imp,
                      PatientImport     *p,
                      const GlideCourse *course)
{
  g_autoptr(GPtrArray) courses = NULL;

  if (!p->existed)
    return NULL;
  courses = glide_store_list_courses (imp->store, p->patient->id, NULL);
  for (guint i = 0; courses && i < courses->len; i++)
    {
      GlideCourse *other = g_ptr_array_index (courses, i);

      if (g_strcmp0 (other->start_date, course->start_date) == 0 &&
          g_strcmp0 (other->diagnosis, course->diagnosis) == 0)
        return glide_course_copy (other);
    }
  return NULL;
}

static gboolean
import_course (Import   *imp,
               JsonNode *node,
               guint     index,
               gpointer  data)
{
  PatientImport *p = data;
  g_autoptr(GlideCourse) course = glide_course_new (NULL);
  g_autoptr(GlideCourse) existing = NULL;
  g_autofree char *field = NULL;
  CourseReading reading = { course, NULL, NULL, NULL, NULL, NULL, NULL };
  GError *cause = NULL;

  g_clear_pointer (&course->diagnosis, g_free);
  g_clear_pointer (&course->goals, g_free);
  if (!for_each_member (imp, node, course_member, &reading))
    return FALSE;
  if (course->diagnosis == NULL) course->diagnosis = g_strdup ("");
  if (course->goals == NULL) course->goals = g_strdup ("");
  course->patient_id = p->patient->id;

  if (!glide_rules_validate_course (course, &field, &cause))
    return import_fail_at (imp, field, cause);
  if (!glide_rules_check_not_before_birth (p->patient->birth_date, course->start_date, &cause))
    return import_fail_at (imp, "start_date", cause);

  existing = find_matching_course (imp, p, course);
  if (existing == NULL)
    {
      if (!glide_store_create_course (imp->store, course, &cause))
        return import_fail_store (imp, cause);
      p->courses++;
      imp->summary->courses++;
    }
  else
    {
      course->id = existing->id;
      g_free (course->end_date);
      course->end_date = g_strdup (existing->end_date);
    }

  {
    gpointer target[2] = { course, p };

    if (!for_each_element (imp, "sessions", reading.sessions, import_session_element, target))
      return FALSE;
  }
  return import_care (imp, course, existing != NULL, &reading);
}

typedef struct
{
  GlideScreening *screening;
  gboolean        has_condition;
} ScreeningReading;

static MemberResult
screening_member (Import     *imp,
                  const char *key,
                  JsonNode   *node,
                  gpointer    data)
{
  ScreeningReading *reading = data;
  GlideScreening *s = reading->screening;

  if (strcmp (key, "condition") == 0)
    {
      reading->has_condition = TRUE;
      return RESULT (read_code (imp, node, GLIDE_CODE_LIST_CONDITION, FALSE, (int *) &s->condition));
    }
  if (strcmp (key, "present") == 0)
    return RESULT (JSON_NODE_HOLDS_NULL (node) || read_bool (imp, node, &s->present));
  if (strcmp (key, "recorded") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &s->recorded));
  if (strcmp (key, "by") == 0)
    return RESULT (read_reference (imp, node, TRUE, TRUE, &s->recorded_by));
  if (strcmp (key, "note") == 0)
    return RESULT (read_string (imp, node, TRUE, &s->note));
  return MEMBER_UNKNOWN;
}

static gboolean
same_screening (const GlideScreening *a,
                const GlideScreening *b)
{
  return !a->present == !b->present && g_strcmp0 (a->recorded, b->recorded) == 0 &&
         a->recorded_by == b->recorded_by && same_text (a->note, b->note);
}

/* The store keeps one record per condition, its latest, and the audit log its
 * history. So a record in the document that differs from the one on file
 * replaces it when it is newer (recorded later, or the one on file is
 * undated), through the store's normal call; an older or same-day different
 * record cannot be expressed without rewriting history, and stops the import. */
static gboolean
merge_screening (Import          *imp,
                 PatientImport   *p,
                 guint            index,
                 GlideScreening **newer)
{
  GlideScreening *on_file = g_ptr_array_index (p->screening, index);
  GlideScreening *screening = *newer;
  const char *condition = glide_code_list_code (GLIDE_CODE_LIST_CONDITION, on_file->condition);
  GError *cause = NULL;

  if (same_screening (on_file, screening))
    return TRUE;

  if (on_file->recorded != NULL &&
      (screening->recorded == NULL || strcmp (screening->recorded, on_file->recorded) <= 0))
    {
      const char *key = "recorded";
      gsize mark;

      if (screening->recorded != NULL && strcmp (screening->recorded, on_file->recorded) == 0)
        key = !on_file->present != !screening->present ? "present" :
              on_file->recorded_by != screening->recorded_by ? "by" : "note";
      mark = path_push_key (imp, key);
      if (screening->recorded == NULL)
        import_fail (imp, _("%s on file was recorded %s (%s); this undated record differs and "
                     "cannot replace it"), condition, on_file->recorded,
                     on_file->present ? _("present") : _("absent"));
      else if (strcmp (screening->recorded, on_file->recorded) < 0)
        import_fail (imp, _("%s on file was recorded %s (%s); this record of %s is older and "
                     "differs, and the record on file is kept as the latest"), condition,
                     on_file->recorded, on_file->present ? _("present") : _("absent"),
                     screening->recorded);
      else
        import_fail (imp, _("%s on file was recorded %s (%s); this record of %s differs and is "
                     "not newer, so which one holds cannot be told"), condition,
                     on_file->recorded, on_file->present ? _("present") : _("absent"),
                     screening->recorded);
      path_pop (imp, mark);
      return FALSE;
    }

  if (!glide_store_set_screening (imp->store, screening, &cause))
    return import_fail_store (imp, cause);
  screening->id = on_file->id;
  /* The import writes one audit entry per patient: it keeps what was replaced. */
  g_string_append_printf (p->replaced, "; screening %s was %s (recorded %s), now %s "
                          "(recorded %s)", condition, on_file->present ? "present" : "absent",
                          on_file->recorded ? on_file->recorded : "undated",
                          screening->present ? "present" : "absent", screening->recorded);
  g_ptr_array_index (p->screening, index) = g_steal_pointer (newer);
  glide_screening_free (on_file);
  p->screening_updated++;
  imp->summary->screening_updated++;
  return TRUE;
}

static gboolean
import_screening (Import   *imp,
                  JsonNode *node,
                  guint     index,
                  gpointer  data)
{
  PatientImport *p = data;
  /* A listed condition without "present" is taken as present. */
  g_autoptr(GlideScreening) s = glide_screening_new (0, TRUE);
  ScreeningReading reading = { s, FALSE };
  g_autofree char *field = NULL;
  GError *cause = NULL;

  g_clear_pointer (&s->note, g_free);
  if (!for_each_member (imp, node, screening_member, &reading))
    return FALSE;
  if (!reading.has_condition)
    return fail_missing (imp, "condition");
  if (s->note == NULL)
    s->note = g_strdup ("");
  s->patient_id = p->patient->id;
  if (!glide_rules_validate_screening (s, &field, &cause))
    return import_fail_at (imp, field, cause);

  g_return_val_if_fail ((guint) s->condition < 64, FALSE);
  if (p->conditions_listed & (G_GUINT64_CONSTANT (1) << s->condition))
    {
      gsize mark = path_push_key (imp, "condition");

      import_fail (imp, _("%s is listed twice"),
                   glide_code_list_code (GLIDE_CODE_LIST_CONDITION, s->condition));
      path_pop (imp, mark);
      return FALSE;
    }
  p->conditions_listed |= G_GUINT64_CONSTANT (1) << s->condition;

  /* Merging: the patient's record of this condition may be on file. */
  for (guint i = 0; i < p->screening->len; i++)
    {
      GlideScreening *other = g_ptr_array_index (p->screening, i);

      if (other->condition == s->condition)
        return merge_screening (imp, p, i, &s);
    }

  if (!glide_store_set_screening (imp->store, s, &cause))
    return import_fail_store (imp, cause);
  imp->summary->screening++;
  g_ptr_array_add (p->screening, g_steal_pointer (&s));
  return TRUE;
}

typedef struct
{
  GlidePatient *patient;
  JsonNode     *screening;
  JsonNode     *courses;
} PatientReading;

static MemberResult
patient_member (Import     *imp,
                const char *key,
                JsonNode   *node,
                gpointer    data)
{
  PatientReading *reading = data;
  GlidePatient *patient = reading->patient;
  JsonArray *array = NULL;

  if (strcmp (key, "chart") == 0)
    return RESULT (read_checked_string (imp, node, FALSE, glide_rules_check_code_name,
                                        &patient->chart));
  if (strcmp (key, "family_name") == 0)
    return RESULT (read_name (imp, node, FALSE, &patient->family_name));
  if (strcmp (key, "given_name") == 0)
    return RESULT (read_name (imp, node, FALSE, &patient->given_name));
  if (strcmp (key, "birth_date") == 0)
    return RESULT (read_checked_string (imp, node, TRUE, check_date, &patient->birth_date));
  if (strcmp (key, "screening") == 0)
    {
      reading->screening = node;
      return RESULT (read_array (imp, node, &array));
    }
  if (strcmp (key, "courses") == 0)
    {
      reading->courses = node;
      return RESULT (read_array (imp, node, &array));
    }
  return MEMBER_UNKNOWN;
}

static void
patient_import_clear (PatientImport *p)
{
  g_clear_pointer (&p->patient, glide_patient_free);
  g_clear_pointer (&p->screening, g_ptr_array_unref);
  g_clear_pointer (&p->existing, g_ptr_array_unref);
  if (p->replaced != NULL)
    g_string_free (g_steal_pointer (&p->replaced), TRUE);
}

/* An existing chart with --merge: the same person, or an error. */
static gboolean
take_existing_patient (Import        *imp,
                       PatientImport *p,
                       GlidePatient  *existing)
{
  GError *cause = NULL;
  g_autoptr(GPtrArray) courses = NULL;

  if (strcmp (existing->family_name, p->patient->family_name) != 0 ||
      g_strcmp0 (existing->given_name, p->patient->given_name) != 0)
    {
      g_autofree char *name = glide_patient_get_display_name (existing);
      gsize mark = path_push_key (imp, "family_name");

      import_fail (imp, _("chart %s belongs to %s in this database"), existing->chart, name);
      path_pop (imp, mark);
      return FALSE;
    }

  if (existing->birth_date != NULL && p->patient->birth_date != NULL &&
      strcmp (existing->birth_date, p->patient->birth_date) != 0)
    {
      g_autofree char *name = glide_patient_get_display_name (existing);
      gsize mark = path_push_key (imp, "birth_date");

      import_fail (imp, _("chart %s belongs to %s, born %s, in this database"), existing->chart,
                   name, existing->birth_date);
      path_pop (imp, mark);
      return FALSE;
    }
  if (p->patient->birth_date == NULL)
    p->patient->birth_date = g_strdup (existing->birth_date);

  p->existed = TRUE;
  p->patient->id = existing->id;
  g_ptr_array_unref (p->screening);
  if ((p->screening = glide_store_list_screening (imp->store, existing->id, &cause)) == NULL ||
      (courses = glide_store_list_courses (imp->store, existing->id, &cause)) == NULL)
    return import_fail_store (imp, cause);

  for (guint i = 0; i < courses->len; i++)
    {
      GlideCourse *course = g_ptr_array_index (courses, i);
      g_autoptr(GPtrArray) sessions = glide_store_list_sessions (imp->store, course->id, &cause);

      if (sessions == NULL)
        return import_fail_store (imp, cause);
      while (sessions->len > 0)
        g_ptr_array_add (p->existing, g_ptr_array_steal_index (sessions, 0));
    }
  imp->summary->patients_merged++;
  return TRUE;
}

static gboolean
import_patient (Import   *imp,
                JsonNode *node,
                guint     index,
                gpointer  data)
{
  PatientImport p = { 0 };
  PatientReading reading = { NULL, NULL, NULL };
  g_autoptr(GlidePatient) existing = NULL;
  g_autofree char *field = NULL;
  g_autofree char *details = NULL;
  GError *cause = NULL;
  gpointer other_index;
  gboolean ok = FALSE;

  p.patient = glide_patient_new (NULL, NULL, NULL, NULL);
  p.screening = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_screening_free);
  p.existing = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_session_free);
  p.replaced = g_string_new (NULL);
  reading.patient = p.patient;

  if (!for_each_member (imp, node, patient_member, &reading))
    goto out;
  if (p.patient->chart == NULL)
    {
      fail_missing (imp, "chart");
      goto out;
    }
  if (p.patient->family_name == NULL)
    {
      fail_missing (imp, "family_name");
      goto out;
    }
  if (p.patient->given_name == NULL)
    {
      fail_missing (imp, "given_name");
      goto out;
    }
  if (!glide_rules_validate_patient (p.patient, &field, &cause))
    {
      import_fail_at (imp, field, cause);
      goto out;
    }

  if (g_hash_table_lookup_extended (imp->charts, p.patient->chart, NULL, &other_index))
    {
      gsize mark = path_push_key (imp, "chart");

      import_fail (imp, _("%s is listed twice (also patients[%u])"), p.patient->chart,
                   GPOINTER_TO_UINT (other_index));
      path_pop (imp, mark);
      goto out;
    }
  g_hash_table_insert (imp->charts, g_strdup (p.patient->chart), GUINT_TO_POINTER (index));

  existing = glide_store_find_patient (imp->store, p.patient->chart, NULL);
  if (existing != NULL && !imp->merge)
    {
      g_autofree char *name = glide_patient_get_display_name (existing);
      gsize mark = path_push_key (imp, "chart");

      /* Each front end says how to ask for the merge (--merge, a check box). */
      import_fail (imp, _("a patient with chart %s already exists (%s); merging adds the "
                   "courses and sessions to it"), p.patient->chart, name);
      imp->error->code = GLIDE_INTERCHANGE_ERROR_EXISTS;
      path_pop (imp, mark);
      goto out;
    }
  if (existing != NULL)
    {
      if (!take_existing_patient (imp, &p, existing))
        goto out;
    }
  else
    {
      if (!glide_store_create_patient (imp->store, p.patient, &cause))
        {
          import_fail_store (imp, cause);
          goto out;
        }
      imp->summary->patients++;
    }

  if (!for_each_element (imp, "screening", reading.screening, import_screening, &p) ||
      !for_each_element (imp, "courses", reading.courses, import_course, &p))
    goto out;

  if (p.screening_updated > 0)
    imp->summary->screening_patients++;
  details = g_strdup_printf ("%s from %s: %u new courses, %u sessions (%u signed), "
                             "%u already present skipped, %u addenda added to them, "
                             "%u screening records updated%s",
                             p.existed ? "merged" : "imported", imp->source, p.courses,
                             p.sessions, p.sessions_signed, p.sessions_skipped,
                             p.addenda_added, p.screening_updated, p.replaced->str);
  if (!glide_store_audit (imp->store, GLIDE_AUDIT_IMPORT, p.patient->chart, "patient", details,
                          &cause))
    {
      import_fail_store (imp, cause);
      goto out;
    }
  ok = TRUE;

out:
  patient_import_clear (&p);
  return ok;
}

/* ---- the clinic's settings (version 2) --------------------------------------- */

static MemberResult
clinic_code_member (Import     *imp,
                    const char *key,
                    JsonNode   *node,
                    gpointer    data)
{
  GlideClinicCode *code = data;

  if (strcmp (key, "code") == 0)
    return RESULT (read_string (imp, node, FALSE, &code->code));
  if (strcmp (key, "label") == 0)
    return RESULT (read_string (imp, node, FALSE, &code->label));
  if (strcmp (key, "timed") == 0)
    return RESULT (read_bool (imp, node, &code->timed));
  return MEMBER_UNKNOWN;
}

static GlideClinicCode *
read_clinic_code (Import   *imp,
                  JsonNode *node)
{
  g_autoptr(GlideClinicCode) code = glide_clinic_code_new (NULL, NULL, TRUE);

  if (!for_each_member (imp, node, clinic_code_member, code))
    return NULL;
  if (code->code == NULL) return fail_missing (imp, "code"), NULL;
  if (code->label == NULL) return fail_missing (imp, "label"), NULL;
  return g_steal_pointer (&code);
}

static MemberResult
settings_member (Import     *imp,
                 const char *key,
                 JsonNode   *node,
                 gpointer    data)
{
  GlideCareSettings *settings = data;

  if (strcmp (key, "units_method") == 0)
    return RESULT (read_code (imp, node, GLIDE_CODE_LIST_UNITS_METHOD, FALSE,
                              (int *) &settings->units_method));
  if (strcmp (key, "progress_report_visits") == 0)
    return RESULT (read_count (imp, node, GLIDE_MAX_REPORT_VISITS, &settings->report_visits));
  if (strcmp (key, "billing_codes") == 0)
    {
      g_ptr_array_set_size (settings->billing_codes, 0);
      return RESULT (read_elements (imp, node, settings->billing_codes,
                                    (ReadOne) read_clinic_code));
    }
  return MEMBER_UNKNOWN;
}

/* The clinic's settings, taken as the clinic's details are: only into a
 * database that has not set its own. */
static gboolean
import_settings (Import   *imp,
                 JsonNode *node)
{
  g_autoptr(GlideCareSettings) settings = glide_care_settings_new_default ();
  g_autoptr(GlideCareSettings) current = NULL;
  g_autofree char *field = NULL;
  GError *cause = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!for_each_member (imp, node, settings_member, settings))
    return FALSE;
  if (!glide_rules_validate_care_settings (settings, &field, &cause))
    return import_fail_at (imp, field, cause);
  if ((current = glide_store_get_care_settings (imp->store, &cause)) == NULL)
    return import_fail_store (imp, cause);
  if (current->saved)
    return TRUE;
  if (!glide_store_set_care_settings (imp->store, settings, &cause))
    return import_fail_store (imp, cause);
  return TRUE;
}

/* ---- the document ---------------------------------------------------------- */

typedef struct
{
  gboolean  has_format;
  gboolean  has_version;
  JsonNode *clinic;
  JsonNode *settings;
  JsonNode *therapists;
  JsonNode *tools;
  JsonNode *patients;
} RootReading;

static MemberResult
root_member (Import     *imp,
             const char *key,
             JsonNode   *node,
             gpointer    data)
{
  RootReading *root = data;
  JsonArray *array = NULL;

  if (strcmp (key, "format") == 0)
    {
      g_autofree char *format = NULL;

      root->has_format = TRUE;
      if (!read_string (imp, node, FALSE, &format))
        return MEMBER_FAILED;
      if (strcmp (format, FORMAT_NAME) != 0)
        return RESULT (import_fail (imp, "\"%s\" is not \"" FORMAT_NAME "\"", format));
      return MEMBER_OK;
    }
  if (strcmp (key, "version") == 0)
    {
      gint64 version;

      root->has_version = TRUE;
      if (!read_int (imp, node, &version))
        return MEMBER_FAILED;
      if (version < FORMAT_OLDEST_VERSION || version > FORMAT_VERSION)
        return RESULT (import_fail (imp, _("version %lld is not supported (this Glide reads "
                                                       "versions %d to %d)"), (long long) version,
                                    FORMAT_OLDEST_VERSION, FORMAT_VERSION));
      imp->version = version;
      return MEMBER_OK;
    }
  if (strcmp (key, "settings") == 0 && imp->version >= 2)
    {
      root->settings = node;
      if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_NULL (node))
        return RESULT (fail_type (imp, node, "an object"));
      return MEMBER_OK;
    }
  if (strcmp (key, "clinic") == 0)
    {
      root->clinic = node;
      if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_NULL (node))
        return RESULT (fail_type (imp, node, "an object"));
      return MEMBER_OK;
    }
  if (strcmp (key, "therapists") == 0 || strcmp (key, "tools") == 0 ||
      strcmp (key, "patients") == 0)
    {
      if (!read_array (imp, node, &array))
        return MEMBER_FAILED;
      if (key[0] == 'p')
        root->patients = node;
      else if (key[1] == 'h')
        root->therapists = node;
      else
        root->tools = node;
      return MEMBER_OK;
    }
  return MEMBER_UNKNOWN;
}

/* The document, read once through: every member but the patients (of
 * which only the place is kept) and the first bytes that are not UTF-8. */
typedef struct
{
  JsonNode *root;             /* "patients", if an array, is left empty */
  goffset   patients_offset;  /* where that array starts */
  guint     patients_line;
  guint     patients_column;
} Outline;

/* The patients, one at a time, from the place the outline kept: the tree of
 * one patient is built, imported and dropped before the next is read. */
static gboolean
import_patients (Import          *imp,
                 GlideJsonStream *stream,
                 const Outline   *outline)
{
  GError *cause = NULL;
  GlideJsonToken token;
  guint index = 0;

  if (!glide_json_stream_seek (stream, outline->patients_offset, outline->patients_line,
                               outline->patients_column, &cause))
    return import_fail_read (imp, cause);
  token = glide_json_stream_next (stream, &cause);
  if (token != GLIDE_JSON_TOKEN_BEGIN_ARRAY)
    return import_fail_read (imp, cause);

  while ((token = glide_json_stream_next (stream, &cause)) != GLIDE_JSON_TOKEN_END_ARRAY)
    {
      g_autoptr(JsonNode) node = NULL;
      gsize mark;
      gboolean ok;

      node = glide_json_stream_read_value (stream, token, imp->repeated, &cause);
      if (node == NULL)
        return import_fail_read (imp, cause);

      mark = path_push_key (imp, "patients");
      path_push_index (imp, index);
      ok = import_patient (imp, node, index, NULL);
      path_pop (imp, mark);
      /* The walk has passed every object read so far. */
      g_hash_table_remove_all (imp->repeated);
      if (!ok)
        return FALSE;
      index++;
    }
  return TRUE;
}

static gboolean
import_document (Import          *imp,
                 GlideJsonStream *stream,
                 const Outline   *outline)
{
  JsonNode *root_node = outline->root;
  RootReading root = { 0 };

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return import_fail (imp, _("expected a JSON object, got %s"), describe_node (root_node));
  if (!for_each_member (imp, root_node, root_member, &root))
    return FALSE;
  if (!root.has_format)
    return fail_missing (imp, "format");
  if (!root.has_version)
    return fail_missing (imp, "version");

  if (root.clinic != NULL)
    {
      gsize mark = path_push_key (imp, "clinic");
      gboolean ok = import_clinic (imp, root.clinic);

      path_pop (imp, mark);
      if (!ok)
        return FALSE;
    }

  if (root.settings != NULL)
    {
      gsize mark = path_push_key (imp, "settings");
      gboolean ok = import_settings (imp, root.settings);

      path_pop (imp, mark);
      if (!ok)
        return FALSE;
    }

  if (!for_each_element (imp, "therapists", root.therapists, import_therapist, NULL) ||
      !for_each_element (imp, "tools", root.tools, import_tool, NULL))
    return FALSE;
  /* The walk read "patients" from the outline: an array, or null. */
  if (root.patients != NULL && JSON_NODE_HOLDS_ARRAY (root.patients))
    return import_patients (imp, stream, outline);
  return TRUE;
}

/* A value the walk looks at only for its kind (unknown and x- keys, the
 * patients, a root that is not an object): read through, kept empty. */
static JsonNode *
read_placeholder (GlideJsonStream  *stream,
                  GlideJsonToken    first,
                  GError          **error)
{
  JsonNode *node;

  if (first == GLIDE_JSON_TOKEN_BEGIN_OBJECT)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
    }
  else if (first == GLIDE_JSON_TOKEN_BEGIN_ARRAY)
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, json_array_new ());
    }
  else
    return glide_json_stream_read_value (stream, first, NULL, error);

  if (!glide_json_stream_skip_value (stream, first, error))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/* The members the walk of the root reads as trees; they are small. */
static gboolean
is_outline_member (const char *key)
{
  static const char *const keys[] = { "format", "version", "clinic", "settings", "therapists",
                                      "tools" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (key, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The root's members up to its end, or with @at_patients up to the '[' of
 * its "patients" array (TRUE there, the array left unread). */
static gboolean
read_root_members (Import           *imp,
                   GlideJsonStream  *stream,
                   JsonObject       *root,
                   Outline          *outline,
                   gboolean          at_patients,
                   GlideJsonToken   *token,
                   GError          **cause)
{
  while ((*token = glide_json_stream_next (stream, cause)) == GLIDE_JSON_TOKEN_KEY)
    {
      g_autofree char *key = g_strdup (glide_json_stream_get_string (stream));
      gboolean patients;
      JsonNode *node;

      *token = glide_json_stream_next (stream, cause);
      patients = strcmp (key, "patients") == 0 && *token == GLIDE_JSON_TOKEN_BEGIN_ARRAY;
      if (patients)
        {
          /* A repeated key keeps its last value, as in json-glib. */
          outline->patients_offset = glide_json_stream_get_offset (stream);
          outline->patients_line = glide_json_stream_get_line (stream);
          outline->patients_column = glide_json_stream_get_column (stream);
        }
      if (patients && at_patients)
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
        }
      else if (is_outline_member (key))
        node = glide_json_stream_read_value (stream, *token, imp->repeated, cause);
      else
        node = read_placeholder (stream, *token, cause);
      if (node == NULL)
        return FALSE;

      if (json_object_has_member (root, key) && !g_hash_table_contains (imp->repeated, root))
        g_hash_table_insert (imp->repeated, json_object_ref (root), g_strdup (key));
      json_object_set_member (root, key, node);
      if (patients && at_patients)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
outline_new_root (Outline *outline)
{
  JsonObject *root = json_object_new ();

  outline->root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (outline->root, root);
  return root;
}

/* The first pass: checks the whole text (so that a syntax error anywhere
 * is reported before anything is imported, as when the whole document was
 * parsed first), builds the root's small members, and notes where the
 * patients start. Members may come in any order. */
static gboolean
read_outline (Import           *imp,
              GlideJsonStream  *stream,
              Outline          *outline,
              GError          **error)
{
  GError *cause = NULL;
  GlideJsonToken token = glide_json_stream_next (stream, &cause);

  if (token == GLIDE_JSON_TOKEN_BEGIN_OBJECT)
    {
      read_root_members (imp, stream, outline_new_root (outline), outline, FALSE, &token, &cause);
      if (token == GLIDE_JSON_TOKEN_END_OBJECT)
        token = glide_json_stream_next (stream, &cause);
    }
  else if (token != GLIDE_JSON_TOKEN_ERROR)
    {
      /* Refused by the walk, once the whole text has passed. */
      outline->root = read_placeholder (stream, token, &cause);
      if (outline->root != NULL)
        token = glide_json_stream_next (stream, &cause);
    }

  if (token != GLIDE_JSON_TOKEN_END)
    {
      g_clear_pointer (&outline->root, json_node_unref);
      set_read_error (error, cause);
      return FALSE;
    }
  imp->bad_utf8 = glide_json_stream_get_bad_utf8 (stream, &imp->bad_line, &imp->bad_column);
  return TRUE;
}

/* The outline as far as the patients, when the document is an object whose
 * "patients" array comes after everything else the walk reads first (as
 * Glide writes it): the walk can start there while the rest of the text is
 * checked beside it. FALSE otherwise, with nothing kept. */
static gboolean
read_outline_to_patients (Import           *imp,
                          GlideJsonStream  *stream,
                          Outline          *outline)
{
  GError *cause = NULL;
  GlideJsonToken token = glide_json_stream_next (stream, &cause);

  if (token == GLIDE_JSON_TOKEN_BEGIN_OBJECT &&
      read_root_members (imp, stream, outline_new_root (outline), outline, TRUE, &token, &cause))
    return TRUE;
  g_clear_error (&cause);
  g_clear_pointer (&outline->root, json_node_unref);
  g_hash_table_remove_all (imp->repeated);
  return FALSE;
}

/* The whole outline, read on a thread of its own with its own stream. */
typedef struct
{
  Import           imp;      /* its repeated keys and bad bytes only */
  GlideJsonStream *stream;
  Outline          outline;
  GError          *error;
  gboolean         ok;
} OutlineCheck;

static gpointer
check_outline (gpointer data)
{
  OutlineCheck *check = data;

  check->ok = read_outline (&check->imp, check->stream, &check->outline, &check->error);
  return NULL;
}

/* Whether the whole outline is the one read to the patients: no member
 * after them, none repeated there, no bytes that are not UTF-8 (the walk
 * names their path only when it knows of them). */
static gboolean
same_outline (const Outline *to_patients,
              guint          repeated_to_patients,
              const Import  *checked,
              const Outline *whole)
{
  return !checked->bad_utf8 && whole->patients_offset == to_patients->patients_offset &&
         JSON_NODE_HOLDS_OBJECT (whole->root) &&
         json_object_get_size (json_node_get_object (whole->root)) ==
         json_object_get_size (json_node_get_object (to_patients->root)) &&
         g_hash_table_size (checked->repeated) == repeated_to_patients;
}

static void
import_clear (Import *imp)
{
  g_string_free (imp->path, TRUE);
  g_clear_pointer (&imp->therapists, g_hash_table_unref);
  g_clear_pointer (&imp->tools, g_hash_table_unref);
  g_clear_pointer (&imp->charts, g_hash_table_unref);
  g_clear_pointer (&imp->repeated, g_hash_table_unref);
  g_clear_error (&imp->error);
}

static void
import_init (Import             *imp,
             GlideStore         *store,
             gboolean            merge,
             const char         *source,
             GlideImportSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  imp->store = store;
  imp->merge = merge;
  imp->source = source ? source : "JSON";
  imp->summary = summary;
  imp->path = g_string_new (NULL);
  imp->therapists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->charts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->repeated = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_object_unref, g_free);
}

/* The walk over an outline in one bulk transaction, left open when the walk
 * succeeds, rolled back when it fails (imp->error says why). */
static gboolean
walk_in_transaction (Import          *imp,
                     GlideJsonStream *stream,
                     const Outline   *outline)
{
  GError *error = NULL;
  gboolean ok;

  /* No savepoint per store call: the first error ends the import and rolls
   * the whole of it back. */
  if (!glide_store_begin_bulk (imp->store, &error))
    {
      g_propagate_error (&imp->error, error);
      return FALSE;
    }
  glide_store_set_audit_batch (imp->store, TRUE);
  ok = import_document (imp, stream, outline);
  if (ok && imp->bad_utf8)
    ok = import_fail (imp, _("bytes that are not valid UTF-8 at line %u, column %u"),
                      imp->bad_line, imp->bad_column);
  glide_store_set_audit_batch (imp->store, FALSE);
  if (!ok)
    glide_store_rollback (imp->store);
  return ok;
}

/* The walk, with the rest of the text checked beside it on a thread of its
 * own (@checker reads the same text): a syntax error anywhere still wins,
 * and a document whose outline turns out other than the part read first is
 * walked again, from the beginning, over the whole outline. */
static gboolean
walk_while_checking (Import          *imp,
                     GlideJsonStream *stream,
                     Outline         *outline,
                     GlideJsonStream *checker,
                     GError         **error)
{
  OutlineCheck check = { .stream = checker };
  /* The walk empties imp->repeated as it goes. */
  guint repeated = g_hash_table_size (imp->repeated);
  GThread *thread;
  gboolean ok;

  check.imp.repeated = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_object_unref,
                                              g_free);
  thread = g_thread_try_new ("glide-import-check", check_outline, &check, NULL);
  if (thread == NULL)
    check_outline (&check);
  ok = walk_in_transaction (imp, stream, outline);
  if (thread != NULL)
    g_thread_join (thread);

  if (!check.ok)
    {
      if (ok)
        glide_store_rollback (imp->store);
      g_propagate_error (error, check.error);
      ok = FALSE;
    }
  else if (!same_outline (outline, repeated, &check.imp, &check.outline))
    {
      Import again = { 0 };

      if (ok)
        glide_store_rollback (imp->store);
      /* A new walk, knowing what the whole text holds. */
      import_init (&again, imp->store, imp->merge, imp->source, imp->summary);
      import_clear (imp);
      *imp = again;
      imp->bad_utf8 = check.imp.bad_utf8;
      imp->bad_line = check.imp.bad_line;
      imp->bad_column = check.imp.bad_column;
      g_hash_table_unref (imp->repeated);
      imp->repeated = g_steal_pointer (&check.imp.repeated);
      g_clear_pointer (&outline->root, json_node_unref);
      *outline = check.outline;
      check.outline.root = NULL;
      ok = walk_in_transaction (imp, stream, outline);
    }
  g_clear_pointer (&check.outline.root, json_node_unref);
  g_clear_pointer (&check.imp.repeated, g_hash_table_unref);
  return ok;
}

/* Reads the text twice: the outline, then, in one transaction, each patient
 * (from @stream). With @checker, a second reader of the same text, the
 * walk starts once the outline reaches the patients, and @checker checks
 * the whole text beside it. */
static gboolean
import_stream (GlideStore          *store,
               GlideJsonStream     *stream,
               GlideJsonStream     *checker,
               gboolean             merge,
               const char          *source,
               GlideImportSummary  *summary,
               GError             **error)
{
  Outline outline = { 0 };
  Import imp = { 0 };
  GError *read_error = NULL;
  gboolean ok;

  import_init (&imp, store, merge, source, summary);
  if (checker != NULL && read_outline_to_patients (&imp, stream, &outline))
    ok = walk_while_checking (&imp, stream, &outline, checker, &read_error);
  else if (read_outline (&imp, checker ? checker : stream, &outline, &read_error))
    ok = walk_in_transaction (&imp, stream, &outline);
  else
    ok = FALSE;

  /* The walk holds no reference into the tree past this point. */
  g_hash_table_remove_all (imp.repeated);
  g_clear_pointer (&outline.root, json_node_unref);

  if (!ok)
    {
      memset (summary, 0, sizeof *summary);
      g_propagate_error (error, read_error ? read_error : g_steal_pointer (&imp.error));
      import_clear (&imp);
      return FALSE;
    }
  import_clear (&imp);
  if (!glide_store_commit (store, error))
    {
      memset (summary, 0, sizeof *summary);
      return FALSE;
    }
  return TRUE;
}

/**
 * glide_interchange_import:
 * @source: a name for the audit log, such as the file name
 * @summary: (out caller-allocates): what was imported
 *
 * Imports a whole document in one transaction: on any error nothing is
 * written and the message begins with the JSON path of the first bad value.
 */
gboolean
glide_interchange_import (GlideStore          *store,
                          const char          *data,
                          gsize                length,
                          gboolean             merge,
                          const char          *source,
                          GlideImportSummary  *summary,
                          GError             **error)
{
  g_autoptr(GlideJsonStream) stream = NULL;
  g_autoptr(GlideJsonStream) checker = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  /* Bytes that are not UTF-8 inside a string pass the tokenizer, so that
   * the walk names the string's JSON path. */
  stream = glide_json_stream_new_for_data (data, length,
                                           GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS);
  checker = glide_json_stream_new_for_data (data, length,
                                            GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS);
  return import_stream (store, stream, checker, merge, source, summary, error);
}

/* What a pipe or a device can hold before it is refused: it is read into
 * memory, and /dev/zero or /dev/urandom never end. */
#define UNSEEKABLE_MAX_BYTES ((gsize) 1024 * 1024 * 1024)

/* Reads a FIFO, a device or a file that cannot seek whole, up to its first
 * NUL byte (which JSON never holds: the reader refuses the document there,
 * so what follows it is never needed) and at most UNSEEKABLE_MAX_BYTES. */
static gboolean
read_unseekable (const char  *path,
                 char       **data,
                 gsize       *length,
                 GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (64 * 1024);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, chunk, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot read %s: %s"), path, g_strerror (saved));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > UNSEEKABLE_MAX_BYTES)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("%s holds more than %u MiB: a pipe or a device is read into memory, "
                         "so a document that large must be imported from a file"),
                       path, (guint) (UNSEEKABLE_MAX_BYTES / (1024 * 1024)));
          close (fd);
          return FALSE;
        }
      g_byte_array_append (bytes, chunk, n);
      if (memchr (chunk, '\0', n) != NULL)
        break;
    }
  close (fd);
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

/* A second reader of the file @input reads, for the check beside the walk
 * (import_stream), or NULL: opened by name again, it must be the same file. */
static GlideJsonStream *
open_checker (GFile            *file,
              GFileInputStream *input)
{
  static const char *const attributes = G_FILE_ATTRIBUTE_UNIX_DEVICE ","
                                        G_FILE_ATTRIBUTE_UNIX_INODE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE;
  g_autoptr(GFileInputStream) again = g_file_read (file, NULL, NULL);
  g_autoptr(GFileInfo) first = NULL;
  g_autoptr(GFileInfo) second = NULL;

  if (again == NULL ||
      !(first = g_file_input_stream_query_info (input, attributes, NULL, NULL)) ||
      !(second = g_file_input_stream_query_info (again, attributes, NULL, NULL)) ||
      !g_file_info_has_attribute (first, G_FILE_ATTRIBUTE_UNIX_INODE) ||
      g_file_info_get_attribute_uint32 (first, G_FILE_ATTRIBUTE_UNIX_DEVICE) !=
      g_file_info_get_attribute_uint32 (second, G_FILE_ATTRIBUTE_UNIX_DEVICE) ||
      g_file_info_get_attribute_uint64 (first, G_FILE_ATTRIBUTE_UNIX_INODE) !=
      g_file_info_get_attribute_uint64 (second, G_FILE_ATTRIBUTE_UNIX_INODE) ||
      g_file_info_get_size (first) != g_file_info_get_size (second))
    return NULL;
  return glide_json_stream_new_for_input (G_INPUT_STREAM (again),
                                          GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS);
}

/**
 * glide_interchange_import_file:
 *
 * Like glide_interchange_import(), reading a regular file in chunks: memory
 * grows with the largest patient, not with the document.
 */
gboolean
glide_interchange_import_file (GlideStore          *store,
                               const char          *path,
                               gboolean             merge,
                               GlideImportSummary  *summary,
                               GError             **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GlideJsonStream) stream = NULL;
  g_autoptr(GlideJsonStream) checker = NULL;
  GStatBuf st;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  /* A FIFO or a device cannot be read twice, and GLib words the errors of
   * a file that cannot be opened or read best: read those whole. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      file = g_file_new_for_path (path);
      input = g_file_read (file, NULL, NULL);
    }
  if (input == NULL || !g_seekable_can_seek (G_SEEKABLE (input)))
    {
      g_autofree char *data = NULL;
      gsize length;

      memset (summary, 0, sizeof *summary);
      if (!read_unseekable (path, &data, &length, error))
        return FALSE;
      return glide_interchange_import (store, data, length, merge, name, summary, error);
    }

  stream = glide_json_stream_new_for_input (G_INPUT_STREAM (input),
                                            GLIDE_JSON_STRICT_ALLOW_BAD_UTF8_IN_STRINGS);
  checker = open_checker (file, input);
  return import_stream (store, stream, checker, merge, name, summary, error);
}

/* "1 patient", "2 patients": a count with its noun, in the plural the
 * language needs (a macro, so the strings stay literal formats the compiler
 * checks; xgettext knows count_phrase:2,3 from po/meson.build). */
#define count_phrase(n, singular, plural) \
  g_strdup_printf (glide_ngettext (singular, plural, (n)), (n))

char *
glide_import_summary_describe (const GlideImportSummary *s)
{
  GString *text = g_string_new (NULL);
  g_autofree char *patients = count_phrase (s->patients, "%u patient", "%u patients");
  g_autofree char *courses = count_phrase (s->courses, "%u course", "%u courses");
  g_autofree char *sessions = count_phrase (s->sessions, "%u session", "%u sessions");
  g_autofree char *treatments = count_phrase (s->treatments, "%u treatment", "%u treatments");
  g_autofree char *measures = count_phrase (s->measures, "%u measure", "%u measures");
  g_autofree char *addenda = count_phrase (s->addenda, "%u addendum", "%u addenda");
  g_autofree char *screening = count_phrase (s->screening, "%u screening record",
                                             "%u screening records");
  g_autofree char *therapists = count_phrase (s->therapists, "%u therapist", "%u therapists");
  g_autofree char *tools = count_phrase (s->tools, "%u tool", "%u tools");

  /* TRANSLATORS: what an import brought: patients (courses, sessions of
   * which N signed, treatments, measures, addenda, screening records);
   * each %s is a count with its noun, made by the plural strings above. */
  g_string_append_printf (text, _("%s (%s, %s of which %u signed, %s, %s, %s, %s)"),
                          patients, courses, sessions, s->sessions_signed, treatments,
                          measures, addenda, screening);
  /* Without a patient on file to merge into, a session skipped was listed
   * twice in the document itself (the same therapist at the same instant). */
  if (s->patients_merged == 0 && s->sessions_skipped)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, glide_ngettext ("%u session listed twice in the file "
                                                    "(its second listing skipped)",
                                                    "%u sessions listed twice in the file "
                                                    "(their second listings skipped)",
                                                    s->sessions_skipped),
                              s->sessions_skipped);
    }
  /* A merge says what it added and what it left, and why. */
  else if (s->patients_merged || s->sessions_skipped)
    {
      g_autofree char *merged = g_strdup_printf (glide_ngettext ("merged into %u existing patient",
                                                              "merged into %u existing patients",
                                                              s->patients_merged),
                                                 s->patients_merged);
      g_autofree char *added = g_strdup_printf (glide_ngettext ("%u session added",
                                                             "%u sessions added",
                                                             s->sessions),
                                                s->sessions);

      /* TRANSLATORS: "merged into 2 existing patients", "3 sessions added",
       * then how many sessions were already present. */
      g_string_append_printf (text, _("; %s: %s, %u already present (skipped)"), merged, added,
                              s->sessions_skipped);
      if (s->addenda_added)
        g_string_append_printf (text, glide_ngettext (", %u addendum added to sessions already present",
                                                   ", %u addenda added to sessions already present",
                                                   s->addenda_added),
                                s->addenda_added);
      if (s->screening_patients)
        {
          g_autofree char *for_patients = count_phrase (s->screening_patients, "%u patient",
                                                        "%u patients");
          g_autofree char *records = g_strdup_printf (glide_ngettext ("%u record newer than the one on file",
                                                                   "%u records newer than the one on file",
                                                                   s->screening_updated),
                                                      s->screening_updated);

          g_string_append_printf (text, _(", screening updated for %s (%s)"), for_patients, records);
        }
    }
  /* Goals and the rest of the course of care are not counted above; one
   * listed twice in the document is stored once, as is an addendum. */
  if (s->records_repeated)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, glide_ngettext ("%u goal, plan of care, progress report, "
                                                    "consent or addendum listed twice in the "
                                                    "file (its second listing skipped)",
                                                    "%u goals, plans of care, progress reports, "
                                                    "consents or addenda listed twice in the "
                                                    "file (their second listings skipped)",
                                                    s->records_repeated),
                              s->records_repeated);
    }
  /* TRANSLATORS: "; 3 therapists and 2 tools" */
  g_string_append_printf (text, _("; %s and %s"), therapists, tools);
  if (s->therapists_present || s->tools_present)
    {
      g_autofree char *t = count_phrase (s->therapists_present, "%u therapist", "%u therapists");
      g_autofree char *o = count_phrase (s->tools_present, "%u tool", "%u tools");

      /* TRANSLATORS: " (2 therapists and 1 tool were already present)" */
      g_string_append_printf (text, _(" (%s and %s were already present)"), t, o);
    }
  if (s->clinic_set)
    g_string_append (text, _("; clinic details set"));
  return g_string_free (text, FALSE);
}

/* ---- export ---------------------------------------------------------------- */

typedef struct
{
  GlideStore      *store;
  GlideJsonWriter *writer;
  GHashTable      *therapist_codes;  /* id -> code */
  GHashTable      *tool_codes;
  const char      *chart;            /* the patient being written */
  char            *damage;           /* the first session code the database lacks */
} Export;

static const char *
code_of (GHashTable *codes,
         gint64      id)
{
  return id ? g_hash_table_lookup (codes, &id) : NULL;
}

static void
write_code_member (GlideJsonWriter *w,
                   const char      *key,
                   GlideCodeList    list,
                   int              value)
{
  glide_json_writer_member_string (w, key, value < 0 ? NULL : glide_code_list_code (list, value));
}

/* Version 2's part of a session, each member only when recorded (absent
 * and null mean the same), so a visit without them reads as in version 1. */
static void
write_session_details (Export             *ex,
                       const GlideSession *s)
{
  GlideJsonWriter *w = ex->writer;

  if (s->end != NULL)
    glide_json_writer_member_string (w, "end", s->end);
  if (s->total_minutes > 0)
    glide_json_writer_member_int (w, "total_minutes", s->total_minutes);
  if (s->billing->len > 0)
    {
      glide_json_writer_key (w, "billing");
      glide_json_writer_begin_array (w);
      for (guint i = 0; i < s->billing->len; i++)
        {
          const GlideBilledTime *time = g_ptr_array_index (s->billing, i);

          glide_json_writer_begin_object (w);
          glide_json_writer_member_string (w, "code", time->code);
          glide_json_writer_member_int (w, "minutes", time->minutes);
          glide_json_writer_end_object (w);
        }
      glide_json_writer_end_array (w);
    }
  if (s->exercises->len > 0)
    {
      glide_json_writer_key (w, "exercises");
      glide_json_writer_begin_array (w);
      for (guint i = 0; i < s->exercises->len; i++)
        {
          const GlideExercise *e = g_ptr_array_index (s->exercises, i);

          glide_json_writer_begin_object (w);
          glide_json_writer_member_string (w, "name", e->name);
          glide_json_writer_member_int (w, "sets", e->sets);
          glide_json_writer_member_int (w, "reps", e->reps);
          glide_json_writer_member_int (w, "hold_s", e->hold_s);
          glide_json_writer_member_string (w, "load", e->load);
          write_code_member (w, "side", GLIDE_CODE_LIST_SIDE, e->side);
          glide_json_writer_end_object (w);
        }
      glide_json_writer_end_array (w);
    }
  if ((int) s->reaction >= 0 || (s->reaction_note != NULL && *s->reaction_note != '\0'))
    {
      glide_json_writer_key (w, "follow_up");
      glide_json_writer_begin_object (w);
      write_code_member (w, "reaction", GLIDE_CODE_LIST_REACTION, s->reaction);
      glide_json_writer_member_string (w, "note", s->reaction_note ? s->reaction_note : "");
      glide_json_writer_end_object (w);
    }
}

static void
write_session (Export             *ex,
               const GlideSession *s)
{
  GlideJsonWriter *w = ex->writer;

  if (ex->damage == NULL)
    {
      g_autoptr(GError) damage = NULL;

      if (!glide_session_check_codes (s, ex->chart, &damage))
        ex->damage = g_strdup (damage->message);
    }
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "start", s->start);
  glide_json_writer_member_string (w, "therapist", code_of (ex->therapist_codes, s->therapist_id));
  glide_json_writer_member_string (w, "emollient", s->emollient);
  glide_json_writer_member_string (w, "note", s->note);
  glide_json_writer_member_string (w, "home_program", s->home_program);
  glide_json_writer_member_string (w, "contraindication_override", s->contraindication_override);
  glide_json_writer_key (w, "signed");
  if (s->signed_at != NULL)
    {
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, s->signed_by));
      glide_json_writer_member_string (w, "at", s->signed_at);
      glide_json_writer_end_object (w);
    }
  else
    glide_json_writer_null (w);

  glide_json_writer_key (w, "addenda");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < s->addenda->len; i++)
    {
      const GlideAddendum *a = g_ptr_array_index (s->addenda, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, a->therapist_id));
      glide_json_writer_member_string (w, "at", a->at);
      glide_json_writer_member_string (w, "text", a->text);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "treatments");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < s->treatments->len; i++)
    {
      const GlideTreatment *t = g_ptr_array_index (s->treatments, i);

      glide_json_writer_begin_object (w);
      write_code_member (w, "site", GLIDE_CODE_LIST_SITE, t->site);
      write_code_member (w, "side", GLIDE_CODE_LIST_SIDE, t->side);
      write_code_member (w, "stroke", GLIDE_CODE_LIST_STROKE, t->stroke);
      glide_json_writer_member_int (w, "duration_s", t->duration_s);
      write_code_member (w, "edge", GLIDE_CODE_LIST_EDGE, t->edge);
      glide_json_writer_member_string (w, "tool", code_of (ex->tool_codes, t->instrument_id));
      write_code_member (w, "technique", GLIDE_CODE_LIST_TECHNIQUE, t->technique);
      write_code_member (w, "pressure", GLIDE_CODE_LIST_PRESSURE, t->pressure);
      write_code_member (w, "redness", GLIDE_CODE_LIST_REDNESS, t->redness);
      glide_json_writer_member_bool (w, "petechiae", t->petechiae);
      glide_json_writer_member_string (w, "note", t->note);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "measures");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < s->measurements->len; i++)
    {
      const GlideMeasurement *m = g_ptr_array_index (s->measurements, i);

      glide_json_writer_begin_object (w);
      write_code_member (w, "measure", GLIDE_CODE_LIST_MEASURE, m->measure);
      if (m->side != GLIDE_SIDE_NONE)
        write_code_member (w, "side", GLIDE_CODE_LIST_SIDE, m->side);
      write_code_member (w, "timing", GLIDE_CODE_LIST_TIMING, m->timing);
      glide_json_writer_member_number (w, "value", m->value);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);
  write_session_details (ex, s);
  glide_json_writer_end_object (w);
}

/* A patient's courses with their sessions, loaded once for both the
 * reference scan and the writing. */
/* ---- the course of care (version 2) ----------------------------------------- */

typedef struct
{
  GPtrArray      *goals;
  GPtrArray      *plans;
  GPtrArray      *reports;
  GPtrArray      *consents;
  GlideDischarge *discharge;
} CourseCare;

static void
course_care_free (CourseCare *care)
{
  g_clear_pointer (&care->goals, g_ptr_array_unref);
  g_clear_pointer (&care->plans, g_ptr_array_unref);
  g_clear_pointer (&care->reports, g_ptr_array_unref);
  g_clear_pointer (&care->consents, g_ptr_array_unref);
  glide_discharge_free (care->discharge);
  g_free (care);
}

static CourseCare *
load_course_care (GlideStore  *store,
                  gint64       course_id,
                  GError     **error)
{
  CourseCare *care = g_new0 (CourseCare, 1);
  GError *local_error = NULL;

  if (!(care->goals = glide_store_list_goals (store, course_id, error)) ||
      !(care->plans = glide_store_list_care_plans (store, course_id, error)) ||
      !(care->reports = glide_store_list_progress_reports (store, course_id, error)) ||
      !(care->consents = glide_store_list_consents (store, course_id, error)))
    {
      course_care_free (care);
      return NULL;
    }
  care->discharge = glide_store_get_discharge (store, course_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      course_care_free (care);
      return NULL;
    }
  return care;
}

static void
write_by_at (Export     *ex,
             const char *key,
             gint64      by,
             const char *at)
{
  GlideJsonWriter *w = ex->writer;

  glide_json_writer_key (w, key);
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, by));
  glide_json_writer_member_string (w, "at", at);
  glide_json_writer_end_object (w);
}

static void
write_physician (GlideJsonWriter *w,
                 const char      *key,
                 const char      *name,
                 const char      *id,
                 gboolean         certifying,
                 const char      *signed_on)
{
  glide_json_writer_key (w, key);
  if (name == NULL && id == NULL && signed_on == NULL)
    {
      glide_json_writer_null (w);
      return;
    }
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "name", name);
  glide_json_writer_member_string (w, "id", id);
  if (certifying)
    glide_json_writer_member_string (w, "signed", signed_on);
  glide_json_writer_end_object (w);
}

/* A goal's "replaces" is the index of the goal it revises among the
 * course's goals, which are in the order they were set. */
static void
write_goals (Export           *ex,
             const CourseCare *care)
{
  GlideJsonWriter *w = ex->writer;

  glide_json_writer_key (w, "goals");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < care->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (care->goals, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "text", goal->text);
      write_code_member (w, "measure", GLIDE_CODE_LIST_MEASURE, goal->measure);
      write_code_member (w, "side", GLIDE_CODE_LIST_SIDE, goal->side);
      glide_json_writer_key (w, "target");
      if (goal->measure == (GlideMeasure) -1)
        glide_json_writer_null (w);
      else
        glide_json_writer_number (w, goal->target);
      glide_json_writer_member_string (w, "target_date", goal->target_date);
      glide_json_writer_key (w, "replaces");
      {
        guint index = 0;

        while (goal->replaces != 0 && index < i &&
               ((GlideGoal *) g_ptr_array_index (care->goals, index))->id != goal->replaces)
          index++;
        if (goal->replaces != 0 && index < i)
          glide_json_writer_int (w, index);
        else
          glide_json_writer_null (w);
      }
      write_by_at (ex, "created", goal->created_by, goal->created_at);
      glide_json_writer_key (w, "status");
      glide_json_writer_begin_array (w);
      for (guint j = 0; j < goal->history->len; j++)
        {
          const GlideGoalStatusEntry *entry = g_ptr_array_index (goal->history, j);

          glide_json_writer_begin_object (w);
          write_code_member (w, "status", GLIDE_CODE_LIST_GOAL_STATUS, entry->status);
          glide_json_writer_member_string (w, "at", entry->at);
          glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, entry->by));
          glide_json_writer_member_string (w, "note", entry->note);
          glide_json_writer_end_object (w);
        }
      glide_json_writer_end_array (w);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);
}

static void
write_course_care (Export           *ex,
                   const CourseCare *care)
{
  GlideJsonWriter *w = ex->writer;

  write_goals (ex, care);

  glide_json_writer_key (w, "plans");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < care->plans->len; i++)
    {
      const GlideCarePlan *plan = g_ptr_array_index (care->plans, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "cert_start", plan->cert_start);
      glide_json_writer_member_string (w, "cert_end", plan->cert_end);
      glide_json_writer_member_int (w, "visits_per_week", plan->visits_per_week);
      glide_json_writer_member_int (w, "weeks", plan->weeks);
      glide_json_writer_key (w, "interventions");
      glide_json_writer_begin_array (w);
      for (guint j = 0; j < plan->interventions->len; j++)
        glide_json_writer_string (w, glide_code_list_code (GLIDE_CODE_LIST_INTERVENTION,
                                                           g_array_index (plan->interventions,
                                                                          GlideIntervention, j)));
      glide_json_writer_end_array (w);
      write_physician (w, "referring", plan->referring_name, plan->referring_id, FALSE, NULL);
      write_physician (w, "certifying", plan->certifying_name, plan->certifying_id, TRUE,
                       plan->certified_on);
      glide_json_writer_member_string (w, "report_due", plan->report_due);
      glide_json_writer_member_string (w, "note", plan->note);
      write_by_at (ex, "written", plan->written_by, plan->written_at);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "progress_reports");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < care->reports->len; i++)
    {
      const GlideProgressReport *report = g_ptr_array_index (care->reports, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "date", report->date);
      glide_json_writer_member_string (w, "period_start", report->period_start);
      glide_json_writer_member_string (w, "period_end", report->period_end);
      glide_json_writer_member_int (w, "visits", report->visits);
      glide_json_writer_member_string (w, "assessment", report->assessment);
      glide_json_writer_member_string (w, "plan", report->plan);
      glide_json_writer_member_string (w, "next_due", report->next_due);
      write_by_at (ex, "signed", report->signed_by, report->signed_at);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "consents");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < care->consents->len; i++)
    {
      const GlideConsent *consent = g_ptr_array_index (care->consents, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "at", consent->at);
      glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, consent->obtained_by));
      glide_json_writer_member_string (w, "risks", consent->risks);
      glide_json_writer_member_string (w, "note", consent->note);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "discharge");
  if (care->discharge == NULL)
    glide_json_writer_null (w);
  else
    {
      const GlideDischarge *d = care->discharge;

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "date", d->date);
      write_code_member (w, "reason", GLIDE_CODE_LIST_DISCHARGE_REASON, d->reason);
      glide_json_writer_member_string (w, "note", d->note);
      glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, d->by));
      glide_json_writer_member_string (w, "at", d->at);
      glide_json_writer_end_object (w);
    }
}

/* The therapists a course's care records name, for a one-patient export. */
static void
collect_care_therapists (const CourseCare *care,
                         GHashTable       *therapists)
{
#define ADD(id) G_STMT_START { gint64 v_ = (id); if (v_ != 0) g_hash_table_add (therapists, g_memdup2 (&v_, sizeof v_)); } G_STMT_END
  for (guint i = 0; i < care->goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (care->goals, i);

      ADD (goal->created_by);
      for (guint j = 0; j < goal->history->len; j++)
        ADD (((GlideGoalStatusEntry *) g_ptr_array_index (goal->history, j))->by);
    }
  for (guint i = 0; i < care->plans->len; i++)
    ADD (((GlideCarePlan *) g_ptr_array_index (care->plans, i))->written_by);
  for (guint i = 0; i < care->reports->len; i++)
    ADD (((GlideProgressReport *) g_ptr_array_index (care->reports, i))->signed_by);
  for (guint i = 0; i < care->consents->len; i++)
    ADD (((GlideConsent *) g_ptr_array_index (care->consents, i))->obtained_by);
  if (care->discharge != NULL)
    ADD (care->discharge->by);
#undef ADD
}

typedef struct
{
  GlidePatient *patient;
  GPtrArray    *screening;
  GPtrArray    *courses;
  GPtrArray    *sessions;   /* GPtrArray of GlideSession per course */
  GPtrArray    *care;       /* CourseCare per course */
} PatientRecord;

static void
patient_record_free (PatientRecord *record)
{
  glide_patient_free (record->patient);
  g_clear_pointer (&record->screening, g_ptr_array_unref);
  g_clear_pointer (&record->courses, g_ptr_array_unref);
  g_clear_pointer (&record->sessions, g_ptr_array_unref);
  g_clear_pointer (&record->care, g_ptr_array_unref);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PatientRecord, patient_record_free)

static PatientRecord *
load_patient_record (GlideStore    *store,
                     GlidePatient  *patient,
                     GError       **error)
{
  g_autoptr(PatientRecord) record = g_new0 (PatientRecord, 1);

  record->patient = patient;
  record->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  record->care = g_ptr_array_new_with_free_func ((GDestroyNotify) course_care_free);
  if ((record->screening = glide_store_list_screening (store, patient->id, error)) == NULL ||
      (record->courses = glide_store_list_courses (store, patient->id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < record->courses->len; i++)
    {
      GlideCourse *course = g_ptr_array_index (record->courses, i);
      GPtrArray *sessions = glide_store_list_sessions (store, course->id, error);

      CourseCare *care;

      if (sessions == NULL)
        return NULL;
      g_ptr_array_add (record->sessions, sessions);
      if ((care = load_course_care (store, course->id, error)) == NULL)
        return NULL;
      g_ptr_array_add (record->care, care);
    }
  return g_steal_pointer (&record);
}

static void
write_patient (Export              *ex,
               const PatientRecord *record)
{
  GlideJsonWriter *w = ex->writer;
  const GlidePatient *patient = record->patient;

  ex->chart = patient->chart;
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "chart", patient->chart);
  glide_json_writer_member_string (w, "family_name", patient->family_name);
  glide_json_writer_member_string (w, "given_name", patient->given_name);
  glide_json_writer_member_string (w, "birth_date", patient->birth_date);

  glide_json_writer_key (w, "screening");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < record->screening->len; i++)
    {
      const GlideScreening *s = g_ptr_array_index (record->screening, i);

      glide_json_writer_begin_object (w);
      write_code_member (w, "condition", GLIDE_CODE_LIST_CONDITION, s->condition);
      glide_json_writer_member_bool (w, "present", s->present);
      glide_json_writer_member_string (w, "recorded", s->recorded);
      glide_json_writer_member_string (w, "by", code_of (ex->therapist_codes, s->recorded_by));
      glide_json_writer_member_string (w, "note", s->note);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "courses");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < record->courses->len; i++)
    {
      const GlideCourse *c = g_ptr_array_index (record->courses, i);
      GPtrArray *sessions = g_ptr_array_index (record->sessions, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "diagnosis", c->diagnosis);
      glide_json_writer_member_string (w, "icd10", c->icd10);
      glide_json_writer_member_string (w, "start_date", c->start_date);
      glide_json_writer_member_string (w, "end_date", c->end_date);
      glide_json_writer_member_string (w, "goals_note", c->goals);
      write_course_care (ex, g_ptr_array_index (record->care, i));
      glide_json_writer_key (w, "sessions");
      glide_json_writer_begin_array (w);
      for (guint j = 0; j < sessions->len; j++)
        write_session (ex, g_ptr_array_index (sessions, j));
      glide_json_writer_end_array (w);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);
  glide_json_writer_end_object (w);
}

/* The therapists and tools one patient's record refers to. */
static void
collect_references (const PatientRecord *record,
                    GHashTable          *therapists,
                    GHashTable          *tools)
{
  static const gint64 none = 0;

#define ADD(set, id) G_STMT_START { if ((id) != none) g_hash_table_add ((set), g_memdup2 (&(id), sizeof (gint64))); } G_STMT_END
  for (guint i = 0; i < record->screening->len; i++)
    ADD (therapists, ((GlideScreening *) g_ptr_array_index (record->screening, i))->recorded_by);
  for (guint i = 0; i < record->sessions->len; i++)
    {
      GPtrArray *sessions = g_ptr_array_index (record->sessions, i);

      for (guint j = 0; j < sessions->len; j++)
        {
          GlideSession *s = g_ptr_array_index (sessions, j);

          ADD (therapists, s->therapist_id);
          ADD (therapists, s->signed_by);
          for (guint k = 0; k < s->addenda->len; k++)
            ADD (therapists, ((GlideAddendum *) g_ptr_array_index (s->addenda, k))->therapist_id);
          for (guint k = 0; k < s->treatments->len; k++)
            ADD (tools, ((GlideTreatment *) g_ptr_array_index (s->treatments, k))->instrument_id);
        }
    }
#undef ADD
  for (guint i = 0; i < record->care->len; i++)
    collect_care_therapists (g_ptr_array_index (record->care, i), therapists);
}

static void
write_settings (GlideJsonWriter         *w,
                const GlideCareSettings *settings)
{
  glide_json_writer_key (w, "settings");
  glide_json_writer_begin_object (w);
  write_code_member (w, "units_method", GLIDE_CODE_LIST_UNITS_METHOD, settings->units_method);
  glide_json_writer_member_int (w, "progress_report_visits", settings->report_visits);
  glide_json_writer_key (w, "billing_codes");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < settings->billing_codes->len; i++)
    {
      const GlideClinicCode *code = g_ptr_array_index (settings->billing_codes, i);

      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "code", code->code);
      glide_json_writer_member_string (w, "label", code->label);
      glide_json_writer_member_bool (w, "timed", code->timed);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);
  glide_json_writer_end_object (w);
}

static gboolean
export_body (Export      *ex,
             const char  *chart,
             const char  *destination,
             guint       *n_patients,
             GError     **error)
{
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GlideCareSettings) settings = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(PatientRecord) single = NULL;
  g_autoptr(GHashTable) used_therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                 g_free, NULL);
  g_autoptr(GHashTable) used_tools = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  g_autofree char *details = g_strdup_printf ("JSON to %s", destination);
  GlideJsonWriter *w = ex->writer;

  if ((clinic = glide_store_get_clinic (ex->store, error)) == NULL ||
      (settings = glide_store_get_care_settings (ex->store, error)) == NULL ||
      (therapists = glide_store_list_therapists (ex->store, TRUE, error)) == NULL ||
      (tools = glide_store_list_instruments (ex->store, error)) == NULL)
    return FALSE;

  if (chart != NULL)
    {
      GlidePatient *patient = glide_store_find_patient (ex->store, chart, error);

      if (patient == NULL || (single = load_patient_record (ex->store, patient, error)) == NULL)
        return FALSE;
      collect_references (single, used_therapists, used_tools);
    }
  else if ((patients = glide_store_list_patients (ex->store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (ex->therapist_codes, &t->id, t->code);
    }
  for (guint i = 0; i < tools->len; i++)
    {
      GlideInstrument *t = g_ptr_array_index (tools, i);

      g_hash_table_insert (ex->tool_codes, &t->id, t->code);
    }

  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "format", FORMAT_NAME);
  glide_json_writer_member_int (w, "version", FORMAT_VERSION);
  glide_json_writer_key (w, "clinic");
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "name", clinic->name);
  glide_json_writer_member_string (w, "address", clinic->address);
  glide_json_writer_member_string (w, "phone", clinic->phone);
  glide_json_writer_end_object (w);
  if (settings->saved)
    write_settings (w, settings);

  /* A one-patient export carries only the therapists and tools its record
   * names: nothing about the rest of the clinic's work. */
  glide_json_writer_key (w, "therapists");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      if (single != NULL && !g_hash_table_contains (used_therapists, &t->id))
        continue;
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "id", t->code);
      glide_json_writer_member_string (w, "name", t->name);
      glide_json_writer_member_string (w, "credentials", t->credentials);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "tools");
  glide_json_writer_begin_array (w);
  for (guint i = 0; i < tools->len; i++)
    {
      GlideInstrument *t = g_ptr_array_index (tools, i);

      if (single != NULL && !g_hash_table_contains (used_tools, &t->id))
        continue;
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "id", t->code);
      glide_json_writer_member_string (w, "name", t->name);
      write_code_member (w, "material", GLIDE_CODE_LIST_MATERIAL, t->material);
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);

  glide_json_writer_key (w, "patients");
  glide_json_writer_begin_array (w);
  if (single != NULL)
    {
      write_patient (ex, single);
      if (!glide_store_audit (ex->store, GLIDE_AUDIT_EXPORT, chart, "patient", details,
                                     error))
        return FALSE;
      *n_patients = 1;
    }
  else
    {
      for (guint i = 0; i < patients->len; i++)
        {
          GlidePatient *patient = g_ptr_array_index (patients, i);
          g_autoptr(PatientRecord) record = NULL;

          record = load_patient_record (ex->store, patient, error);
          g_ptr_array_index (patients, i) = NULL; /* now owned by the record */
          if (record == NULL ||
              !glide_store_audit (ex->store, GLIDE_AUDIT_EXPORT, patient->chart,
                                         "patient", details, error))
            return FALSE;
          write_patient (ex, record);
        }
      *n_patients = patients->len;
    }
  glide_json_writer_end_array (w);
  glide_json_writer_end_object (w);
  return TRUE;
}

/* The document, written in one transaction: a consistent snapshot, and the
 * audit entries commit together with a complete document or not at all.
 * With @file, the document is complete and synced before the entries are
 * committed, so that only putting it in place remains. */
static gboolean
export_document (GlideStore       *store,
                 GOutputStream    *stream,
                 GlideAtomicFile  *file,
                 const char       *chart,
                 const char       *destination,
                 guint            *n_patients,
                 GError          **error)
{
  g_autoptr(GlideJsonWriter) writer = glide_json_writer_new (stream);
  Export ex = { store, writer, NULL, NULL, NULL, NULL };
  guint count = 0;
  gboolean ok;

  ex.therapist_codes = g_hash_table_new (g_int64_hash, g_int64_equal);
  ex.tool_codes = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!glide_store_begin (store, error))
    ok = FALSE;
  else
    {
      ok = export_body (&ex, chart, destination ? destination : "a stream", &count, error);
      if (ok && ex.damage != NULL)
        {
          g_set_error_literal (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_STORE,
                               ex.damage);
          ok = FALSE;
        }
      ok = ok &&
           glide_json_writer_finish (writer, error) &&
           (file == NULL || glide_atomic_file_sync (file, error));
      if (ok)
        ok = glide_store_commit (store, error);
      else
        glide_store_rollback (store);
    }

  g_hash_table_unref (ex.therapist_codes);
  g_hash_table_unref (ex.tool_codes);
  g_free (ex.damage);
  if (ok && n_patients != NULL)
    *n_patients = count;
  return ok;
}

/**
 * glide_interchange_export:
 * @chart: (nullable): one patient's chart, or %NULL for the whole clinic
 * @destination: where it goes, for the audit log
 *
 * Writes the document to @stream and audits one export per patient; the
 * audit entries are kept only when the whole document was written.
 */
gboolean
glide_interchange_export (GlideStore     *store,
                          GOutputStream  *stream,
                          const char     *chart,
                          const char     *destination,
                          guint          *n_patients,
                          GError        **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);

  return export_document (store, stream, NULL, chart, destination, n_patients, error);
}

/**
 * glide_interchange_export_file:
 * @path: a file, or "-" for standard output
 *
 * Writes the whole document aside (see GlideAtomicFile: a regular file or
 * a symbolic link's target is replaced, a device or FIFO is written, other
 * kinds are refused), commits its audit entries, and only then puts it in
 * place: a document never leaves without its entries, and a failure before
 * that leaves the path as it was. Should putting it in place fail, the
 * audit log says so in one more entry.
 */
gboolean
glide_interchange_export_file (GlideStore  *store,
                               const char  *path,
                               const char  *chart,
                               guint       *n_patients,
                               GError     **error)
{
  g_autoptr(GlideAtomicFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) audit_error = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (strcmp (path, "-") == 0)
    {
      file = glide_atomic_file_new_for_fd (STDOUT_FILENO, error);
      name = g_strdup ("standard output");
    }
  else
    {
      file = glide_atomic_file_new (path, error);
      name = g_path_get_basename (path);
    }
  if (file == NULL ||
      !export_document (store, glide_atomic_file_get_stream (file), file, chart, name,
                        n_patients, error))
    return FALSE;
  if (glide_atomic_file_commit (file, &local_error))
    return TRUE;

  details = g_strdup_printf ("JSON to %s was NOT written: %s", name, local_error->message);
  if (!glide_store_audit (store, GLIDE_AUDIT_EXPORT, chart, "patient", details, &audit_error))
    g_set_error (error, local_error->domain, local_error->code,
                 _("The export is in the audit log, but the document could not be put in place, "
                 "and the audit log could not say so (%s): %s"), audit_error->message,
                 local_error->message);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("The export is in the audit log, but the document could not be put in place "
                 "(the audit log says so too): %s"), local_error->message);
  return FALSE;
}
