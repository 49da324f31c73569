/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-json-writer.c: streaming JSON output with two-space indentation. */

#define G_LOG_DOMAIN "glide-json"

#include "config.h"

#include "glide-json-writer.h"

#include <math.h>
#include <string.h>

#define FLUSH_SIZE (64 * 1024)

typedef struct
{
  gboolean is_object;
  guint    count;
} Level;

struct _GlideJsonWriter
{
  GOutputStream *stream;
  GString       *buffer;
  GArray        *levels;     /* Level */
  gboolean       after_key;
  GError        *error;      /* first write error; later writes are skipped */
};

GlideJsonWriter *
glide_json_writer_new (GOutputStream *stream)
{
  GlideJsonWriter *self = g_new0 (GlideJsonWriter, 1);

  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
  return self;
}

void
glide_json_writer_free (GlideJsonWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->levels);
  g_clear_error (&self->error);
  g_free (self);
}

static void
flush (GlideJsonWriter *self)
{
  if (self->error == NULL && self->buffer->len > 0)
    g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len, NULL, NULL,
                               &self->error);
  g_string_truncate (self->buffer, 0);
}

gboolean
glide_json_writer_finish (GlideJsonWriter  *self,
                          GError          **error)
{
  g_return_val_if_fail (self->levels->len == 0, FALSE);

  g_string_append_c (self->buffer, '\n');
  flush (self);
  if (self->error == NULL)
    g_output_stream_flush (self->stream, NULL, &self->error);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

static void
newline (GlideJsonWriter *self)
{
  g_string_append_c (self->buffer, '\n');
  for (guint i = 0; i < self->levels->len; i++)
    g_string_append (self->buffer, "  ");
}

/* Separator and indentation before a value (or a key, in an object). */
static void
before_item (GlideJsonWriter *self)
{
  Level *level;

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->levels->len == 0)
    return;
  level = &g_array_index (self->levels, Level, self->levels->len - 1);
  if (level->count++ > 0)
    g_string_append_c (self->buffer, ',');
  newline (self);
}

static void
after_value (GlideJsonWriter *self)
{
  if (self->buffer->len >= FLUSH_SIZE)
    flush (self);
}

static void
begin (GlideJsonWriter *self,
       gboolean         is_object)
{
  Level level = { is_object, 0 };

  before_item (self);
  g_string_append_c (self->buffer, is_object ? '{' : '[');
  g_array_append_val (self->levels, level);
}

static void
end (GlideJsonWriter *self,
     gboolean         is_object)
{
  Level level;

  g_return_if_fail (self->levels->len > 0);
  level = g_array_index (self->levels, Level, self->levels->len - 1);
  g_return_if_fail (level.is_object == is_object);

  g_array_set_size (self->levels, self->levels->len - 1);
  if (level.count > 0)
    newline (self);
  g_string_append_c (self->buffer, is_object ? '}' : ']');
  after_value (self);
}

void
glide_json_writer_begin_object (GlideJsonWriter *self)
{
  begin (self, TRUE);
}

void
glide_json_writer_end_object (GlideJsonWriter *self)
{
  end (self, TRUE);
}

void
glide_json_writer_begin_array (GlideJsonWriter *self)
{
  begin (self, FALSE);
}

void
glide_json_writer_end_array (GlideJsonWriter *self)
{
  end (self, FALSE);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

void
glide_json_writer_key (GlideJsonWriter *self,
                       const char      *key)
{
  before_item (self);
  append_escaped (self->buffer, key);
  g_string_append (self->buffer, ": ");
  self->after_key = TRUE;
}

void
glide_json_writer_string (GlideJsonWriter *self,
                          const char      *value)
{
  if (value == NULL)
    {
      glide_json_writer_null (self);
      return;
    }
  before_item (self);
  append_escaped (self->buffer, value);
  after_value (self);
}

void
glide_json_writer_int (GlideJsonWriter *self,
                       gint64           value)
{
  before_item (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
  after_value (self);
}

/* The shortest decimal text that reads back as the same double; whole
 * numbers without a fraction ("7"). */
char *
glide_json_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup ("null"));

  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

void
glide_json_writer_number (GlideJsonWriter *self,
                          double           value)
{
  g_autofree char *text = glide_json_format_number (value);

  before_item (self);
  g_string_append (self->buffer, text);
  after_value (self);
}

void
glide_json_writer_bool (GlideJsonWriter *self,
                        gboolean         value)
{
  before_item (self);
  g_string_append (self->buffer, value ? "true" : "false");
  after_value (self);
}

void
glide_json_writer_null (GlideJsonWriter *self)
{
  before_item (self);
  g_string_append (self->buffer, "null");
  after_value (self);
}

void
glide_json_writer_member_string (GlideJsonWriter *self,
                                 const char      *key,
                                 const char      *value)
{
  glide_json_writer_key (self, key);
  glide_json_writer_string (self, value);
}

void
glide_json_writer_member_int (GlideJsonWriter *self,
                              const char      *key,
                              gint64           value)
{
  glide_json_writer_key (self, key);
  glide_json_writer_int (self, value);
}

void
glide_json_writer_member_number (GlideJsonWriter *self,
                                 const char      *key,
                                 double           value)
{
  glide_json_writer_key (self, key);
  glide_json_writer_number (self, value);
}

void
glide_json_writer_member_bool (GlideJsonWriter *self,
                               const char      *key,
                               gboolean         value)
{
  glide_json_writer_key (self, key);
  glide_json_writer_bool (self, value);
}
