/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-painter-recording.c: every call is passed to the target painter,
 * which also answers text widths, so a layout made through the recording
 * is the target's layout; the calls are kept with the colours and line
 * style they were made with, and replayed on another painter. */

#define G_LOG_DOMAIN "glide-painter"

#include "config.h"

#include "glide-painter-recording.h"

typedef enum
{
  OP_SAVE,
  OP_RESTORE,
  OP_TRANSLATE,
  OP_SCALE,
  OP_MOVE_TO,
  OP_LINE_TO,
  OP_CURVE_TO,
  OP_CLOSE_PATH,
  OP_FILL,
  OP_STROKE,
  OP_FILL_STROKE,
  OP_CLIP,
  OP_SHOW_TEXT,
} OpKind;

typedef struct
{
  OpKind           kind;
  GlideTextWeight  weight;
  GlideTextAlign   align;
  double           v[6];       /* coordinates; show_text: x, y, size */
  const char      *text;       /* in the recording's string chunk */
  GlideColor       fill;       /* the style a fill, stroke or text used */
  GlideColor       stroke;
  double           line_width;
  double           dash;
} Op;

typedef struct
{
  GlidePainter  parent;
  GlidePainter *target;
  GArray       *ops;
  GStringChunk *texts;
} RecordingPainter;

#define RECORDING(p) ((RecordingPainter *) (p))

static const GlidePainterClass recording_class;

/* The target draws with the style set on the recording. */
static Op *
record (GlidePainter *self,
        OpKind        kind)
{
  RecordingPainter *rp = RECORDING (self);
  Op op = { 0 };

  op.kind = kind;
  op.fill = self->fill;
  op.stroke = self->stroke;
  op.line_width = self->line_width;
  op.dash = self->dash;
  rp->target->fill = self->fill;
  rp->target->stroke = self->stroke;
  rp->target->line_width = self->line_width;
  rp->target->dash = self->dash;
  g_array_append_val (rp->ops, op);
  return &g_array_index (rp->ops, Op, rp->ops->len - 1);
}

static void
rp_save (GlidePainter *self)
{
  record (self, OP_SAVE);
  glide_painter_save (RECORDING (self)->target);
}

static void
rp_restore (GlidePainter *self)
{
  record (self, OP_RESTORE);
  glide_painter_restore (RECORDING (self)->target);
}

static void
rp_translate (GlidePainter *self,
              double        dx,
              double        dy)
{
  Op *op = record (self, OP_TRANSLATE);

  op->v[0] = dx;
  op->v[1] = dy;
  glide_painter_translate (RECORDING (self)->target, dx, dy);
}

static void
rp_scale (GlidePainter *self,
          double        sx,
          double        sy)
{
  Op *op = record (self, OP_SCALE);

  op->v[0] = sx;
  op->v[1] = sy;
  glide_painter_scale (RECORDING (self)->target, sx, sy);
}

static void
rp_move_to (GlidePainter *self,
            double        x,
            double        y)
{
  Op *op = record (self, OP_MOVE_TO);

  op->v[0] = x;
  op->v[1] = y;
  glide_painter_move_to (RECORDING (self)->target, x, y);
}

static void
rp_line_to (GlidePainter *self,
            double        x,
            double        y)
{
  Op *op = record (self, OP_LINE_TO);

  op->v[0] = x;
  op->v[1] = y;
  glide_painter_line_to (RECORDING (self)->target, x, y);
}

static void
rp_curve_to (GlidePainter *self,
             double        x1,
             double        y1,
             double        x2,
             double        y2,
             double        x,
             double        y)
{
  Op *op = record (self, OP_CURVE_TO);

  op->v[0] = x1;
  op->v[1] = y1;
  op->v[2] = x2;
  op->v[3] = y2;
  op->v[4] = x;
  op->v[5] = y;
  glide_painter_curve_to (RECORDING (self)->target, x1, y1, x2, y2, x, y);
}

static void
rp_close_path (GlidePainter *self)
{
  record (self, OP_CLOSE_PATH);
  glide_painter_close_path (RECORDING (self)->target);
}

static void
rp_fill (GlidePainter *self)
{
  record (self, OP_FILL);
  glide_painter_fill (RECORDING (self)->target);
}

static void
rp_stroke (GlidePainter *self)
{
  record (self, OP_STROKE);
  glide_painter_stroke (RECORDING (self)->target);
}

static void
rp_fill_stroke (GlidePainter *self)
{
  record (self, OP_FILL_STROKE);
  glide_painter_fill_stroke (RECORDING (self)->target);
}

static void
rp_clip (GlidePainter *self)
{
  record (self, OP_CLIP);
  glide_painter_clip (RECORDING (self)->target);
}

static void
rp_show_text (GlidePainter    *self,
              double           x,
              double           y,
              const char      *text,
              double           size,
              GlideTextWeight  weight,
              GlideTextAlign   align)
{
  Op *op = record (self, OP_SHOW_TEXT);

  op->v[0] = x;
  op->v[1] = y;
  op->v[2] = size;
  op->weight = weight;
  op->align = align;
  op->text = g_string_chunk_insert_const (RECORDING (self)->texts, text);
  glide_painter_show_text (RECORDING (self)->target, x, y, text, size, weight, align);
}

static double
rp_text_width (GlidePainter    *self,
               const char      *text,
               double           size,
               GlideTextWeight  weight)
{
  return glide_painter_text_width (RECORDING (self)->target, text, size, weight);
}

static void
rp_finalize (GlidePainter *self)
{
  RecordingPainter *rp = RECORDING (self);

  glide_painter_free (rp->target);
  g_array_unref (rp->ops);
  g_string_chunk_free (rp->texts);
  g_free (rp);
}

static const GlidePainterClass recording_class = {
  rp_save, rp_restore, rp_translate, rp_scale,
  rp_move_to, rp_line_to, rp_curve_to, rp_close_path,
  rp_fill, rp_stroke, rp_fill_stroke, rp_clip,
  rp_show_text, rp_text_width, rp_finalize,
};

/**
 * glide_painter_recording_new:
 * @target: (transfer full): the painter that draws and measures
 */
GlidePainter *
glide_painter_recording_new (GlidePainter *target)
{
  RecordingPainter *rp = g_new0 (RecordingPainter, 1);

  g_return_val_if_fail (target != NULL, NULL);

  glide_painter_init (&rp->parent, &recording_class);
  rp->target = target;
  rp->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  rp->texts = g_string_chunk_new (4096);
  return &rp->parent;
}

gboolean
glide_painter_is_recording (GlidePainter *painter)
{
  return painter != NULL && painter->klass == &recording_class;
}

/**
 * glide_painter_recording_replay:
 * @painter: draws everything @recording was given, with the same styles
 */
void
glide_painter_recording_replay (GlidePainter *recording,
                                GlidePainter *painter)
{
  GArray *ops;

  g_return_if_fail (glide_painter_is_recording (recording));

  ops = RECORDING (recording)->ops;
  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      painter->fill = op->fill;
      painter->stroke = op->stroke;
      painter->line_width = op->line_width;
      painter->dash = op->dash;
      switch (op->kind)
        {
        case OP_SAVE:
          glide_painter_save (painter);
          break;
        case OP_RESTORE:
          glide_painter_restore (painter);
          break;
        case OP_TRANSLATE:
          glide_painter_translate (painter, op->v[0], op->v[1]);
          break;
        case OP_SCALE:
          glide_painter_scale (painter, op->v[0], op->v[1]);
          break;
        case OP_MOVE_TO:
          glide_painter_move_to (painter, op->v[0], op->v[1]);
          break;
        case OP_LINE_TO:
          glide_painter_line_to (painter, op->v[0], op->v[1]);
          break;
        case OP_CURVE_TO:
          glide_painter_curve_to (painter, op->v[0], op->v[1], op->v[2], op->v[3], op->v[4],
                                  op->v[5]);
          break;
        case OP_CLOSE_PATH:
          glide_painter_close_path (painter);
          break;
        case OP_FILL:
          glide_painter_fill (painter);
          break;
        case OP_STROKE:
          glide_painter_stroke (painter);
          break;
        case OP_FILL_STROKE:
          glide_painter_fill_stroke (painter);
          break;
        case OP_CLIP:
          glide_painter_clip (painter);
          break;
        case OP_SHOW_TEXT:
          glide_painter_show_text (painter, op->v[0], op->v[1], op->text, op->v[2], op->weight,
                                   op->align);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}
