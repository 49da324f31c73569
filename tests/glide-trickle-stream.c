/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-trickle-stream.c: an input stream that hands out a few bytes per
 * read, so that a reader's every token boundary falls inside a chunk
 * (test-json-stream, fuzz-json-stream). */

#include "config.h"

#include <string.h>

#include "glide-trickle-stream.h"

#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         position;
  guint         largest_read;  /* reads give 1, 2, ... largest_read bytes, then again */
  guint         next_read;
};

static void test_trickle_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      test_trickle_stream_seekable_init))

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->next_read), size - self->position);

  /* An empty text has no data at all. */
  if (n == 0)
    return 0;
  memcpy (buffer, data + self->position, n);
  self->position += n;
  self->next_read = self->next_read % self->largest_read + 1;
  return n;
}

static goffset
test_trickle_stream_tell (GSeekable *seekable)
{
  return TEST_TRICKLE_STREAM (seekable)->position;
}

static gboolean
test_trickle_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
test_trickle_stream_seek (GSeekable     *seekable,
                          goffset        offset,
                          GSeekType      type,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (seekable);

  g_assert_cmpint (type, ==, G_SEEK_SET);
  g_assert_cmpint (offset, <=, g_bytes_get_size (self->bytes));
  self->position = offset;
  return TRUE;
}

static gboolean
test_trickle_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
test_trickle_stream_truncate (GSeekable     *seekable,
                              goffset        offset,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "read-only");
  return FALSE;
}

static void
test_trickle_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = test_trickle_stream_tell;
  iface->can_seek = test_trickle_stream_can_seek;
  iface->seek = test_trickle_stream_seek;
  iface->can_truncate = test_trickle_stream_can_truncate;
  iface->truncate_fn = test_trickle_stream_truncate;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
  self->largest_read = 1;
  self->next_read = 1;
}

/**
 * glide_test_trickle_stream_new:
 * @largest_read: reads give 1, 2, ... @largest_read bytes, then again
 *
 * Returns: (transfer full): a seekable stream of a copy of @data
 */
GInputStream *
glide_test_trickle_stream_new (const char *data,
                    gsize       length,
                    guint       largest_read)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, length);
  self->largest_read = largest_read;
  return G_INPUT_STREAM (self);
}
