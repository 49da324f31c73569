/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-document.c: page layout for the reports. Margins leave the same
 * text width on A4 and US Letter within 17 points, and the footer room at the
 * bottom of both. Lines are wrapped here, word by word (and character by
 * character for CJK and over-long words, with a hyphen), measured with
 * HPDF_Page_TextWidth through the PDF text engine, so every script is
 * measured in the font that draws it. Headings, labels and rules wait for
 * what follows them and go to the next page with it; a paragraph leaves at
 * least two lines on each page; a table or text that runs on says
 * "(continued)" under the heading it belongs to. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report-document.h"
#include "glide-i18n.h"

#include "glide-date.h"
#include "glide-painter-recording.h"
#include "glide-pdf.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#define MARGIN_SIDE    48.0
#define MARGIN_TOP     50.0
#define MARGIN_BOTTOM  62.0
#define FOOTER_OFFSET  35.0   /* footer's last baseline, above the page's bottom edge */
#define FOOTER_SIZE     8.0
#define FOOTER_LEADING 11.0
#define CELL_PAD        3.0
#define LONG_CELL      60     /* characters: longer texts of a long_text_below column */

typedef struct
{
  double           size;
  GlideTextWeight  weight;
  guint32          color;
  double           leading;   /* line height as a multiple of the size */
  double           before;    /* space above, when not at the top of a page */
  double           after;
} Style;

static const Style styles[] = {
  [GLIDE_REPORT_TEXT_BODY] = { 10.0, GLIDE_TEXT_REGULAR, 0x241f31, 1.38, 0, 4 },
  [GLIDE_REPORT_TEXT_LEAD] = { 11.5, GLIDE_TEXT_REGULAR, 0x241f31, 1.40, 0, 5 },
  [GLIDE_REPORT_TEXT_SMALL] = { 8.0, GLIDE_TEXT_REGULAR, 0x241f31, 1.32, 0, 3 },
  [GLIDE_REPORT_TEXT_MUTED] = { 10.0, GLIDE_TEXT_REGULAR, 0x5e5c64, 1.32, 0, 3 },
  [GLIDE_REPORT_TEXT_TITLE] = { 20.0, GLIDE_TEXT_BOLD, 0x1a5fb4, 1.20, 0, 6 },
  [GLIDE_REPORT_TEXT_HEADING] = { 13.0, GLIDE_TEXT_BOLD, 0x241f31, 1.25, 10, 5 },
  [GLIDE_REPORT_TEXT_SUBHEADING] = { 10.5, GLIDE_TEXT_BOLD, 0x241f31, 1.25, 6, 3 },
  [GLIDE_REPORT_TEXT_WARNING] = { 10.0, GLIDE_TEXT_BOLD, 0xc01c28, 1.38, 0, 4 },
};

typedef struct
{
  GlidePainter *painter;
} Page;

/* Something that waits for what follows it (a heading, a label, a rule) or
 * for the end of a group, to go to the next page with it. */
typedef enum
{
  OP_TEXT,
  OP_BULLET,
  OP_RULE,
  OP_SPACE,
} OpKind;

typedef struct
{
  OpKind           kind;
  GlideReportText  style;
  char            *text;
  double           height;
} Op;

struct _GlideReportDocument
{
  GlidePdf   *pdf;
  double      page_width;
  double      page_height;
  GArray     *pages;       /* Page */
  double      y;           /* top of the free space on the current page */
  char       *footer;
  char       *patient;     /* the name, on every page */
  char       *patient_id;  /* "  ·  Chart P-1  ·  Born 2 Apr 1980" after it */
  char       *heading;     /* the latest one-line heading, for "(continued)" */
  GArray     *pending;     /* Op, not drawn yet */
  guint       group;       /* depth of begin_group() */
  GArray     *widths;      /* Widths: per size and weight, text -> width, measured once */
  GPtrArray  *charts;      /* chart numbers of the patients it shows, in order */
  GHashTable *chart_set;   /* the same strings, to find a chart without a scan */
  gboolean    record;      /* pages kept to be drawn again (printing) */
  gboolean    finished;    /* footers drawn */
  char       *language;    /* of what is drawn when finishing; NULL the process's */
};

/* The widths measured in one size and weight (a document uses a few). */
typedef struct
{
  double           size;
  GlideTextWeight  weight;
  GHashTable      *widths;   /* text -> double */
} Widths;

static void
widths_clear (gpointer data)
{
  g_hash_table_unref (((Widths *) data)->widths);
}

static Page *
current (GlideReportDocument *self)
{
  return &g_array_index (self->pages, Page, self->pages->len - 1);
}

static GlidePainter *
painter (GlideReportDocument *self)
{
  return current (self)->painter;
}

static double
bottom_limit (GlideReportDocument *self)
{
  return self->page_height - MARGIN_BOTTOM;
}

static gboolean
at_page_top (GlideReportDocument *self)
{
  return self->y <= MARGIN_TOP + 0.5;
}

static void
op_clear (gpointer data)
{
  g_free (((Op *) data)->text);
}

static void
add_page (GlideReportDocument *self)
{
  Page page;

  page.painter = glide_pdf_add_page (self->pdf, self->page_width, self->page_height);
  if (self->record)
    page.painter = glide_painter_recording_new (page.painter);
  g_array_append_val (self->pages, page);
  self->y = MARGIN_TOP;
}

/* Starts a new page, unless nothing has been put on the current one yet. */
void
glide_report_document_new_page (GlideReportDocument *self)
{
  if (!at_page_top (self))
    add_page (self);
}

/**
 * glide_report_document_new:
 * @paper: A4 or US Letter
 * @landscape: turn the page (the caseload's wide table)
 * @record: keep every page's drawing for glide_report_document_draw_page()
 *   (printing); the PDF's layout and measures stay libharu's
 */
GlideReportDocument *
glide_report_document_new (GlidePaper   paper,
                           gboolean     landscape,
                           gboolean     record,
                           GError     **error)
{
  GlideReportDocument *self;
  GlidePdf *pdf = glide_pdf_new (error);
  double w = paper == GLIDE_PAPER_LETTER ? GLIDE_PDF_LETTER_WIDTH : GLIDE_PDF_A4_WIDTH;
  double h = paper == GLIDE_PAPER_LETTER ? GLIDE_PDF_LETTER_HEIGHT : GLIDE_PDF_A4_HEIGHT;

  if (pdf == NULL)
    return NULL;

  self = g_new0 (GlideReportDocument, 1);
  self->pdf = pdf;
  self->page_width = landscape ? h : w;
  self->page_height = landscape ? w : h;
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->widths = g_array_new (FALSE, FALSE, sizeof (Widths));
  g_array_set_clear_func (self->widths, widths_clear);
  self->charts = g_ptr_array_new_with_free_func (g_free);
  self->chart_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Op));
  g_array_set_clear_func (self->pending, op_clear);
  self->record = record;
  add_page (self);
  return self;
}

void
glide_report_document_free (GlideReportDocument *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->pages->len; i++)
    glide_painter_free (g_array_index (self->pages, Page, i).painter);
  g_array_unref (self->pages);
  g_array_unref (self->widths);
  g_hash_table_unref (self->chart_set);
  g_ptr_array_unref (self->charts);
  glide_pdf_free (self->pdf);
  g_array_unref (self->pending);
  g_free (self->footer);
  g_free (self->patient);
  g_free (self->patient_id);
  g_free (self->heading);
  g_free (self->language);
  g_free (self);
}

void
glide_report_document_set_info (GlideReportDocument *self,
                                const char          *title,
                                const char          *author,
                                const char          *subject)
{
  glide_pdf_set_info (self->pdf, title, author, subject);
}

/* The clinic's line of every page's footer ("Page X of Y" goes on its right). */
void
glide_report_document_set_footer (GlideReportDocument *self,
                                  const char          *text)
{
  g_free (self->footer);
  self->footer = g_strdup (text);
}

/**
 * glide_report_isolate:
 *
 * @text set inside a sentence as a unit of its own for the bidi algorithm
 * (FSI … PDI), so a right-to-left name does not pull the words, commas or
 * numbers around it into its direction. The marks are never drawn.
 */
char *
glide_report_isolate (const char *text)
{
  return g_strconcat ("\u2068", text, "\u2069", NULL);
}

/* The patient a document is about: named on every page, above the clinic's
 * line of the footer, so that no page of it can be taken for another's. */
void
glide_report_document_set_patient (GlideReportDocument *self,
                                   const char          *name,
                                   const char          *chart,
                                   const char          *birth_date)
{
  g_autofree char *born = birth_date ? glide_date_format_long (birth_date) : NULL;

  g_free (self->patient);
  g_free (self->patient_id);
  self->patient = g_strdup (name);
  if (born != NULL)
    /* Translators: after the patient's name on every page: chart number, date of birth */
    self->patient_id = g_strdup_printf (_("  ·  Chart %s  ·  Born %s"), chart, born);
  else
    self->patient_id = g_strdup_printf (_("  ·  Chart %s"), chart);
}

double
glide_report_document_get_width (GlideReportDocument *self)
{
  return self->page_width - 2 * MARGIN_SIDE;
}

static double
pending_height (GlideReportDocument *self)
{
  double height = 0;

  for (guint i = 0; i < self->pending->len; i++)
    height += g_array_index (self->pending, Op, i).height;
  return height;
}

double
glide_report_document_get_remaining (GlideReportDocument *self)
{
  return bottom_limit (self) - self->y - pending_height (self);
}

guint
glide_report_document_get_n_pages (GlideReportDocument *self)
{
  return self->pages->len;
}

/* Records that the document shows this patient's data (for the audit log),
 * once per patient, in the order first shown. A caseload adds a chart per
 * course: the set keeps that linear at 20,000 courses. */
void
glide_report_document_add_chart (GlideReportDocument *self,
                                 const char          *chart)
{
  char *copy;

  if (g_hash_table_contains (self->chart_set, chart))
    return;
  copy = g_strdup (chart);
  g_ptr_array_add (self->charts, copy);
  g_hash_table_add (self->chart_set, copy);
}

/**
 * glide_report_document_get_charts:
 *
 * Returns: (transfer none) (element-type utf8): the patients' chart numbers
 */
GPtrArray *
glide_report_document_get_charts (GlideReportDocument *self)
{
  return self->charts;
}

/* Returns: (transfer none) (element-type utf8): characters the document
 * shows as a placeholder because no installed font draws them */
GPtrArray *
glide_report_document_get_warnings (GlideReportDocument *self)
{
  return glide_pdf_get_warnings (self->pdf);
}

static double
content_height (GlideReportDocument *self)
{
  return bottom_limit (self) - MARGIN_TOP;
}

/* Starts a new page unless height (below what waits to be drawn) fits
 * below the cursor. */
void
glide_report_document_keep (GlideReportDocument *self,
                            double               height)
{
  if (self->y + pending_height (self) + height > bottom_limit (self) && !at_page_top (self))
    add_page (self);
}

static void
queue (GlideReportDocument *self,
       OpKind               kind,
       GlideReportText      style,
       const char          *text,
       double               height)
{
  Op op = { kind, style, g_strdup (text), height };

  g_array_append_val (self->pending, op);
}

static void space_now (GlideReportDocument *self,
                       double               points);
static void rule_now  (GlideReportDocument *self);
static void flow_now  (GlideReportDocument *self,
                       GlideReportText      style_id,
                       const char          *text,
                       const char          *bullet);

/* Draws what waits, on this page if it fits there with next_height of what
 * follows, else (unless it is taller than a page) on the next. */
static void
flush (GlideReportDocument *self,
       double               next_height)
{
  g_autoptr(GArray) ops = NULL;
  double total;

  if (self->pending->len == 0)
    return;
  total = pending_height (self) + next_height;
  if (!at_page_top (self) && self->y + total > bottom_limit (self) &&
      total <= content_height (self))
    add_page (self);

  ops = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Op));
  g_array_set_clear_func (self->pending, op_clear);
  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          flow_now (self, op->style, op->text, NULL);
          break;
        case OP_BULLET:
          flow_now (self, op->style, op->text, "•");
          break;
        case OP_RULE:
          rule_now (self);
          break;
        case OP_SPACE:
          space_now (self, op->height);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* What is added until end_group() stays on one page if it fits on one:
 * text, bullets, rules and space (a table or figure ends the group early). */
void
glide_report_document_begin_group (GlideReportDocument *self)
{
  self->group++;
}

void
glide_report_document_end_group (GlideReportDocument *self)
{
  g_return_if_fail (self->group > 0);
  if (--self->group == 0)
    flush (self, 0);
}

static void
space_now (GlideReportDocument *self,
           double               points)
{
  if (!at_page_top (self))
    self->y = MIN (self->y + points, bottom_limit (self));
}

void
glide_report_document_space (GlideReportDocument *self,
                             double               points)
{
  if (self->pending->len > 0 || self->group > 0)
    queue (self, OP_SPACE, 0, NULL, points);
  else
    space_now (self, points);
}

static void
rule_now (GlideReportDocument *self)
{
  const GlideColor rule = glide_color_from_hex (0xc0bfbc);

  if (self->y + 6 > bottom_limit (self))
    add_page (self);
  glide_painter_set_stroke (painter (self), &rule, 0.6, 0);
  glide_painter_move_to (painter (self), MARGIN_SIDE, self->y + 2);
  glide_painter_line_to (painter (self), self->page_width - MARGIN_SIDE, self->y + 2);
  glide_painter_stroke (painter (self));
  self->y += 6;
}

/* A rule goes with what follows it. */
void
glide_report_document_rule (GlideReportDocument *self)
{
  queue (self, OP_RULE, 0, NULL, 6);
}

/* ---- wrapping ---------------------------------------------------------------- */

static double
measure (GlideReportDocument *self,
         const char          *text,
         double               size,
         GlideTextWeight      weight)
{
  GHashTable *widths = NULL;
  double *cached;
  double width;

  /* Found without building a key: measure() runs for every word of every
   * cell of a caseload. */
  for (guint i = 0; i < self->widths->len && widths == NULL; i++)
    {
      Widths *w = &g_array_index (self->widths, Widths, i);

      if (w->size == size && w->weight == weight)
        widths = w->widths;
    }
  if (widths == NULL)
    {
      Widths w = { size, weight, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };

      g_array_append_val (self->widths, w);
      widths = w.widths;
    }
  if ((cached = g_hash_table_lookup (widths, text)) != NULL)
    return *cached;
  width = glide_painter_text_width (painter (self), text, size, weight);
  g_hash_table_insert (widths, g_strdup (text), g_memdup2 (&width, sizeof width));
  return width;
}

/* A piece of a line: a word, a part of a hyphenated word up to its hyphen,
 * or one wide (CJK) character, and whether a space separated it from the
 * one before. */
typedef struct
{
  char     *text;
  gboolean  space_before;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static GArray *
tokenize (const char *paragraph)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  GString *word = g_string_new (NULL);
  gboolean space = FALSE;
  gunichar previous = 0;

  g_array_set_clear_func (tokens, token_clear);
  for (const char *p = paragraph;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = c == 0;
      gboolean is_space = c == ' ' || c == '\t';
      gboolean wide = !end && g_unichar_iswide (c);

      if ((end || is_space || wide) && word->len > 0)
        {
          Token t = { g_strdup (word->str), space };

          g_array_append_val (tokens, t);
          g_string_truncate (word, 0);
          space = FALSE;
        }
      if (end)
        break;
      if (is_space)
        {
          space = tokens->len > 0;
          previous = c;
          continue;
        }
      if (wide)
        {
          char buffer[8] = { 0 };
          Token t;

          g_unichar_to_utf8 (c, buffer);
          t.text = g_strdup (buffer);
          t.space_before = space;
          g_array_append_val (tokens, t);
          space = FALSE;
          previous = c;
          continue;
        }
      g_string_append_unichar (word, c);
      /* A line may break after the hyphen of a hyphenated word. */
      if (c == '-' && g_unichar_isalpha (previous) &&
          g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (p))))
        {
          Token t = { g_strdup (word->str), space };

          g_array_append_val (tokens, t);
          g_string_truncate (word, 0);
          space = FALSE;
        }
      previous = c;
    }
  g_string_free (word, TRUE);
  return tokens;
}

/* The next character with the marks that combine with it. */
static const char *
next_cluster (const char *p)
{
  p = g_utf8_next_char (p);
  while (*p && g_unichar_ismark (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Text that wrapping leaves as it is, if it fits: one paragraph, single
 * spaces between words and none at its ends, and characters that are never
 * shaped together (Latin, punctuation, arrows, mathematical signs; no
 * controls or bidi marks), so that its width is that of its words and
 * spaces. Most of a table's cells are. */
static gboolean
wraps_as_is (const char *text)
{
  gunichar previous = ' ';

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' ? previous == ' ' : c < 0x20 || c == 0x7F)
        return FALSE;
      if (c >= 0x0300 && !(c >= 0x2010 && c <= 0x2027) && !(c >= 0x2030 && c <= 0x205E) &&
          !(c >= 0x2070 && c < 0x2300))
        return FALSE;
      previous = c;
    }
  return previous != ' ';
}

/* Lines of at most max_width; a word longer than a line is broken between
 * characters, each part but the last ending in a hyphen. Each paragraph
 * ("\n") starts a new line. */
static GPtrArray *
wrap (GlideReportDocument *self,
      const char          *text,
      double               size,
      GlideTextWeight      weight,
      double               max_width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = NULL;
  double space_width, hyphen_width;

  /* What fits on one line is that line. Its width is its words' and
   * spaces' up to the last bits of a float: the margin leaves the
   * borderline cases to the loop below, so the lines are the same. */
  if (text != NULL && *text != '\0' && wraps_as_is (text) &&
      measure (self, text, size, weight) <= max_width - 0.01)
    {
      g_ptr_array_add (lines, g_strdup (text));
      return lines;
    }

  paragraphs = g_strsplit (text ? text : "", "\n", -1);
  space_width = measure (self, " ", size, weight);
  hyphen_width = measure (self, "-", size, weight);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_autoptr(GArray) tokens = tokenize (g_strchomp (paragraphs[p]));
      g_autoptr(GString) line = g_string_new (NULL);
      double line_width = 0;

      if (tokens->len == 0)
        {
          g_ptr_array_add (lines, g_strdup (""));
          continue;
        }

      for (guint i = 0; i < tokens->len; i++)
        {
          Token *t = &g_array_index (tokens, Token, i);
          double w = measure (self, t->text, size, weight);
          double gap = line->len > 0 && t->space_before ? space_width : 0;

          if (line->len > 0 && line_width + gap + w <= max_width)
            {
              if (gap > 0)
                g_string_append_c (line, ' ');
              g_string_append (line, t->text);
              line_width += gap + w;
              continue;
            }
          if (line->len > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
              line_width = 0;
            }
          if (w <= max_width)
            {
              g_string_append (line, t->text);
              line_width = w;
              continue;
            }
          /* Longer than a line: as many characters as fit with a hyphen,
           * then the rest; never one character alone after the hyphen. */
          {
            g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
            guint start = 0;

            for (const char *c = t->text; *c; c = next_cluster (c))
              g_ptr_array_add (clusters, g_strndup (c, next_cluster (c) - c));
            for (guint k = 0; k < clusters->len; k++)
              {
                const char *cluster = g_ptr_array_index (clusters, k);
                double cw = measure (self, cluster, size, weight);
                gboolean wide = g_unichar_iswide (g_utf8_get_char (cluster));
                double mark = k + 1 < clusters->len && !wide ? hyphen_width : 0;

                if (k > start && line_width + cw + mark > max_width)
                  {
                    guint end = k;

                    if (k + 1 == clusters->len && k - start >= 3 && !wide)
                      end = k - 1;
                    g_string_truncate (line, 0);
                    for (guint m = start; m < end; m++)
                      g_string_append (line, g_ptr_array_index (clusters, m));
                    if (!wide && line->str[line->len - 1] != '-')
                      g_string_append_c (line, '-');
                    g_ptr_array_add (lines, g_strdup (line->str));
                    g_string_truncate (line, 0);
                    line_width = 0;
                    for (guint m = end; m < k; m++)
                      {
                        g_string_append (line, g_ptr_array_index (clusters, m));
                        line_width += measure (self, g_ptr_array_index (clusters, m), size, weight);
                      }
                    start = end;
                  }
                g_string_append (line, cluster);
                line_width += cw;
              }
          }
        }
      if (line->len > 0)
        g_ptr_array_add (lines, g_strdup (line->str));
    }
  return lines;
}

/* Text cut to max_width with an ellipsis. */
static char *
shorten (GlideReportDocument *self,
         const char          *text,
         double               size,
         GlideTextWeight      weight,
         double               max_width)
{
  g_autoptr(GString) cut = NULL;

  if (measure (self, text, size, weight) <= max_width)
    return g_strdup (text);
  cut = g_string_new (NULL);
  for (const char *c = text; *c; c = next_cluster (c))
    {
      g_autoptr(GString) candidate = g_string_new_len (cut->str, cut->len);

      g_string_append_len (candidate, c, next_cluster (c) - c);
      g_string_append (candidate, "…");
      if (glide_painter_text_width (painter (self), candidate->str, size, weight) > max_width)
        break;
      g_string_append_len (cut, c, next_cluster (c) - c);
    }
  g_strchomp (cut->str);
  cut->len = strlen (cut->str);
  g_string_append (cut, "…");
  return g_string_free (g_steal_pointer (&cut), FALSE);
}

static double
line_height (const Style *style)
{
  return style->size * style->leading;
}

static gboolean
is_heading (GlideReportText style_id)
{
  return style_id == GLIDE_REPORT_TEXT_HEADING || style_id == GLIDE_REPORT_TEXT_SUBHEADING ||
         style_id == GLIDE_REPORT_TEXT_TITLE;
}

/* A new page for a block that runs on, under "Heading (continued)". */
static void
continue_on_new_page (GlideReportDocument *self)
{
  const Style *style = &styles[GLIDE_REPORT_TEXT_MUTED];
  GlideColor color = glide_color_from_hex (style->color);
  g_autofree char *line = NULL;
  g_autofree char *cut = NULL;

  add_page (self);
  if (self->heading == NULL)
    return;
  /* Translators: above a table or text that runs on from the page before */
  line = g_strdup_printf (_("%s (continued)"), self->heading);
  cut = shorten (self, line, style->size, GLIDE_TEXT_BOLD, glide_report_document_get_width (self));
  glide_painter_set_fill (painter (self), &color);
  glide_painter_show_text (painter (self), MARGIN_SIDE, self->y + style->size, cut, style->size,
                           GLIDE_TEXT_BOLD, GLIDE_ALIGN_START);
  self->y += line_height (style) + style->after;
}

static void
flow_now (GlideReportDocument *self,
          GlideReportText      style_id,
          const char          *text,
          const char          *bullet)
{
  const Style *style = &styles[style_id];
  g_autoptr(GPtrArray) lines = NULL;
  GlideColor color = glide_color_from_hex (style->color);
  double lh = line_height (style);
  double indent = bullet != NULL ? style->size * 1.3 : 0;
  guint i = 0;

  lines = wrap (self, text, style->size, style->weight,
                glide_report_document_get_width (self) - indent);
  if (is_heading (style_id))
    {
      g_clear_pointer (&self->heading, g_free);
      if (lines->len == 1)
        self->heading = g_strdup (g_ptr_array_index (lines, 0));
    }
  space_now (self, style->before);

  /* As many lines as fit, but never one alone at the bottom of a page or
   * at the top of the next. */
  while (i < lines->len)
    {
      guint left = lines->len - i;
      guint fit = (guint) MAX (0, floor ((bottom_limit (self) - self->y) / lh + 0.001));
      guint take = MIN (fit, left);

      if (take < left && left - take < 2 && left >= 2)
        take = left - 2;
      if (take < left && take < 2 && left >= 2 && i == 0)
        take = 0;
      if (take == 0)
        {
          if (at_page_top (self))
            take = MIN (left, MAX (fit, 1));
          else
            {
              if (i > 0)
                continue_on_new_page (self);
              else
                add_page (self);
              continue;
            }
        }
      glide_painter_set_fill (painter (self), &color);
      for (guint k = 0; k < take; k++, i++)
        {
          if (i == 0 && bullet != NULL)
            glide_painter_show_text (painter (self), MARGIN_SIDE, self->y + style->size, bullet,
                                     style->size, style->weight, GLIDE_ALIGN_START);
          glide_painter_show_text (painter (self), MARGIN_SIDE + indent, self->y + style->size,
                                   g_ptr_array_index (lines, i), style->size, style->weight,
                                   GLIDE_ALIGN_START);
          self->y += lh;
        }
      if (i < lines->len)
        continue_on_new_page (self);
    }
  self->y += style->after;
}

static void
flow_text (GlideReportDocument *self,
           GlideReportText      style_id,
           const char          *text,
           const char          *bullet)
{
  const Style *style = &styles[style_id];
  double lh = line_height (style);
  double indent = bullet != NULL ? style->size * 1.3 : 0;
  g_autoptr(GPtrArray) lines = wrap (self, text, style->size, style->weight,
                                     glide_report_document_get_width (self) - indent);
  gboolean waits;

  /* Headings, and one-line labels and warnings, go with what follows. */
  waits = self->group > 0 ||
          (is_heading (style_id) && lines->len <= 2) ||
          ((style_id == GLIDE_REPORT_TEXT_MUTED || style_id == GLIDE_REPORT_TEXT_WARNING) &&
           lines->len == 1);
  if (waits)
    {
      queue (self, bullet ? OP_BULLET : OP_TEXT, style_id, text,
             style->before + lines->len * lh + style->after);
      return;
    }
  flush (self, style->before + MIN (lines->len, 2) * lh);
  flow_now (self, style_id, text, bullet);
}

/* Text in a style, wrapped to the text width, flowing onto new pages. */
void
glide_report_document_text (GlideReportDocument *self,
                            GlideReportText      style_id,
                            const char          *text)
{
  flow_text (self, style_id, text, NULL);
}

/* A list item: a bullet, and the text wrapped with a hanging indent. */
void
glide_report_document_bullet (GlideReportDocument *self,
                              GlideReportText      style_id,
                              const char          *text)
{
  flow_text (self, style_id, text, "•");
}

/* Label and value pairs side by side: "Date of birth  2 April 1980". A NULL
 * label ends the list. A label stays on the page of its value's first lines. */
void
glide_report_document_fields (GlideReportDocument *self,
                              const char *const   *labels_and_values)
{
  const Style *label_style = &styles[GLIDE_REPORT_TEXT_MUTED];
  const Style *value_style = &styles[GLIDE_REPORT_TEXT_BODY];
  double label_width = glide_report_document_get_width (self) * 0.28;
  double value_width = glide_report_document_get_width (self) - label_width;
  GlideColor muted = glide_color_from_hex (label_style->color);
  GlideColor text = glide_color_from_hex (value_style->color);
  double lh = line_height (value_style);

  for (guint i = 0; labels_and_values[i] != NULL; i += 2)
    {
      g_autoptr(GPtrArray) lines = wrap (self, labels_and_values[i + 1], value_style->size,
                                         value_style->weight, value_width);
      g_autoptr(GPtrArray) label = wrap (self, labels_and_values[i], label_style->size,
                                         GLIDE_TEXT_BOLD, label_width - 8);
      guint first = MAX (label->len, MIN (lines->len, 2));

      if (i == 0)
        flush (self, first * lh);
      glide_report_document_keep (self, lh * MAX (first, MIN (lines->len, 3)));
      glide_painter_set_fill (painter (self), &muted);
      for (guint k = 0; k < label->len; k++)
        glide_painter_show_text (painter (self), MARGIN_SIDE,
                                 self->y + value_style->size + k * lh,
                                 g_ptr_array_index (label, k), label_style->size, GLIDE_TEXT_BOLD,
                                 GLIDE_ALIGN_START);
      for (guint k = 0; k < lines->len; k++)
        {
          /* The rest of a long value: two lines at least on the next page. */
          if (self->y + lh > bottom_limit (self) ||
              (k + 1 < lines->len && lines->len - k == 2 && self->y + 2 * lh > bottom_limit (self)))
            continue_on_new_page (self);
          glide_painter_set_fill (painter (self), &text);
          glide_painter_show_text (painter (self), MARGIN_SIDE + label_width,
                                   self->y + value_style->size, g_ptr_array_index (lines, k),
                                   value_style->size, value_style->weight, GLIDE_ALIGN_START);
          self->y += lh;
        }
      if (lines->len < label->len)
        self->y += (label->len - lines->len) * lh;
    }
  self->y += value_style->after;
}

/* ---- figures ----------------------------------------------------------------- */

void
glide_report_document_figure (GlideReportDocument *self,
                              double               height,
                              GlideReportDrawFunc  draw,
                              gpointer             user_data)
{
  glide_report_document_figures (self, 1, height, 1, draw, &user_data);
}

/* Figures in a grid of n_columns, row by row, each row kept on one page. */
void
glide_report_document_figures (GlideReportDocument *self,
                               guint                n_columns,
                               double               height,
                               guint                n_figures,
                               GlideReportDrawFunc  draw,
                               gpointer            *data)
{
  double gap = 16;
  double width = (glide_report_document_get_width (self) - gap * (n_columns - 1)) / n_columns;

  for (guint i = 0; i < n_figures; i += n_columns)
    {
      if (i == 0)
        flush (self, height);
      glide_report_document_keep (self, height);
      for (guint c = 0; c < n_columns && i + c < n_figures; c++)
        {
          glide_painter_save (painter (self));
          glide_painter_translate (painter (self), MARGIN_SIDE + c * (width + gap), self->y);
          draw (painter (self), width, height, data[i + c]);
          glide_painter_restore (painter (self));
        }
      self->y += height + 8;
    }
}

/* ---- tables ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray **cells;   /* wrapped lines per column */
  double      height;
} TableRow;

/* A cell of a long_text_below column that is drawn under its row. */
static gboolean
goes_below (const GlideReportColumn *column,
            const char              *text)
{
  return column->long_text_below && text != NULL && g_utf8_strlen (text, -1) > LONG_CELL;
}

static TableRow
layout_row (GlideReportDocument     *self,
            const GlideReportColumn *columns,
            guint                    n_columns,
            const double            *widths,
            char                   **cells,
            GlideTextWeight          weight)
{
  const Style *style = &styles[GLIDE_REPORT_TEXT_SMALL];
  TableRow row = { g_new0 (GPtrArray *, n_columns), 0 };
  guint most = 1;

  for (guint c = 0; c < n_columns; c++)
    {
      /* Translators: in a table cell whose long text is in a row of its own below */
      const char *text = goes_below (&columns[c], cells[c]) ? _("see below") : cells[c];

      row.cells[c] = wrap (self, text ? text : "", style->size, weight, widths[c] - 2 * CELL_PAD);
      most = MAX (most, row.cells[c]->len);
    }
  row.height = most * line_height (style) + 2 * CELL_PAD;
  return row;
}

static void
row_clear (TableRow *row,
           guint     n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_unref (row->cells[c]);
  g_free (row->cells);
}

/* Moves the first n lines of every cell of a row into a row of their own. */
static TableRow
take_lines (TableRow *row,
            guint     n_columns,
            guint     n)
{
  TableRow part = { g_new0 (GPtrArray *, n_columns), 0 };
  guint most = 0, rest = 1;

  for (guint c = 0; c < n_columns; c++)
    {
      GPtrArray *lines = row->cells[c];
      guint take = MIN (n, lines->len);

      part.cells[c] = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < take; k++)
        g_ptr_array_add (part.cells[c], g_strdup (g_ptr_array_index (lines, k)));
      g_ptr_array_remove_range (lines, 0, take);
      most = MAX (most, take);
      rest = MAX (rest, lines->len);
    }
  part.height = most * line_height (&styles[GLIDE_REPORT_TEXT_SMALL]) + 2 * CELL_PAD;
  row->height = rest * line_height (&styles[GLIDE_REPORT_TEXT_SMALL]) + 2 * CELL_PAD;
  return part;
}

static void
draw_row (GlideReportDocument     *self,
          const GlideReportColumn *columns,
          guint                    n_columns,
          const double            *widths,
          const TableRow          *row,
          GlideTextWeight          weight,
          const GlideColor        *background)
{
  const Style *style = &styles[GLIDE_REPORT_TEXT_SMALL];
  GlideColor text = glide_color_from_hex (style->color);
  double x = MARGIN_SIDE;

  if (background != NULL)
    {
      glide_painter_set_fill (painter (self), background);
      glide_painter_rectangle (painter (self), MARGIN_SIDE, self->y,
                               glide_report_document_get_width (self), row->height);
      glide_painter_fill (painter (self));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      GPtrArray *lines = row->cells[c];
      double tx = columns[c].align == GLIDE_ALIGN_END ? x + widths[c] - CELL_PAD :
                  columns[c].align == GLIDE_ALIGN_CENTER ? x + widths[c] / 2 : x + CELL_PAD;

      glide_painter_set_fill (painter (self), &text);
      for (guint k = 0; k < lines->len; k++)
        glide_painter_show_text (painter (self), tx,
                                 self->y + CELL_PAD + style->size + k * line_height (style),
                                 g_ptr_array_index (lines, k), style->size, weight,
                                 columns[c].align);
      x += widths[c];
    }
  self->y += row->height;
}

/* Widest word of a cell, and its whole width on one line. */
static void
measure_cell (GlideReportDocument *self,
              const char          *text,
              GlideTextWeight      weight,
              double              *word,
              double              *line)
{
  const Style *style = &styles[GLIDE_REPORT_TEXT_SMALL];
  g_auto(GStrv) paragraphs = NULL;

  /* Words between single spaces, none of them hyphenated: measured in
   * place, without tokenizing (a caseload has 200,000 cells). */
  if (text != NULL && wraps_as_is (text) && strchr (text, '-') == NULL)
    {
      char buffer[128];
      const char *start = text;
      gboolean simple = TRUE;

      for (const char *end = text;; end++)
        if (*end == ' ' || *end == '\0')
          {
            gsize len = end - start;

            if (len >= sizeof buffer)
              {
                simple = FALSE;
                break;
              }
            memcpy (buffer, start, len);
            buffer[len] = '\0';
            if (len > 0)
              *word = MAX (*word, measure (self, buffer, style->size, weight));
            if (*end == '\0')
              break;
            start = end + 1;
          }
      if (simple)
        {
          if (g_utf8_strlen (text, 80) < 80)
            *line = MAX (*line, measure (self, text, style->size, weight));
          else
            *line = G_MAXDOUBLE / 1024;
          return;
        }
    }

  paragraphs = g_strsplit (text ? text : "", "\n", -1);
  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_autoptr(GArray) tokens = tokenize (paragraphs[p]);

      for (guint i = 0; i < tokens->len; i++)
        *word = MAX (*word, measure (self, g_array_index (tokens, Token, i).text, style->size,
                                     weight));
      /* Long texts wrap anyway; measuring them whole would only cost time. */
      if (g_utf8_strlen (paragraphs[p], 80) < 80)
        *line = MAX (*line, measure (self, paragraphs[p], style->size, weight));
      else
        *line = G_MAXDOUBLE / 1024;
    }
}

/* Column widths across the text width. Every column is at least as wide as
 * the widest word of its header, so a header never breaks inside a word,
 * and as its widest word below (a word longer than a share of the width is
 * broken instead of squeezing the other columns), or for a column kept
 * whole as its longest cell. When every cell fits on
 * one line, columns get their natural width plus a share of the rest;
 * otherwise each gets its share by weight within those bounds. */
static void
layout_columns (GlideReportDocument     *self,
                const GlideReportColumn *columns,
                guint                    n_columns,
                GPtrArray               *rows,
                double                  *widths)
{
  double available = glide_report_document_get_width (self);
  double cap = MAX (available / n_columns, available * 0.2);
  g_autofree double *header = g_new0 (double, n_columns);
  g_autofree double *word = g_new0 (double, n_columns);
  g_autofree double *line = g_new0 (double, n_columns);
  g_autofree gboolean *fixed = g_new0 (gboolean, n_columns);
  double sum_header = 0, sum_word = 0, sum_line = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      double header_line = 0, data_word = 0;

      measure_cell (self, columns[c].title, GLIDE_TEXT_BOLD, &header[c], &header_line);
      /* A header may take two lines: count its longer half, not all of it. */
      line[c] = MAX (header[c], header_line * 0.55);
      for (guint r = 0; r < rows->len; r++)
        {
          const char *cell = ((char **) g_ptr_array_index (rows, r))[c];

          if (!goes_below (&columns[c], cell))
            measure_cell (self, cell, GLIDE_TEXT_BOLD, &data_word, &line[c]);
        }
      header[c] += 2 * CELL_PAD + 1;
      word[c] = MAX (header[c], MIN (data_word + 2 * CELL_PAD + 1, cap));
      /* Its longest cell (or its header's longer half) is its least width. */
      if (columns[c].keep_whole)
        word[c] = MAX (word[c], MIN (line[c] + 2 * CELL_PAD + 1, cap));
      line[c] = MAX (word[c], line[c] + 2 * CELL_PAD + 1);
      sum_header += header[c];
      sum_word += word[c];
      sum_line += line[c];
    }

  if (sum_line <= available)
    {
      for (guint c = 0; c < n_columns; c++)
        widths[c] = line[c] + (available - sum_line) * line[c] / sum_line;
      return;
    }
  if (sum_header >= available)
    {
      /* Not even the headers fit: they break, in proportion. */
      for (guint c = 0; c < n_columns; c++)
        widths[c] = available * header[c] / sum_header;
      return;
    }
  if (sum_word >= available)
    {
      /* Headers whole; what is left goes to the long words. */
      for (guint c = 0; c < n_columns; c++)
        widths[c] = header[c] + (available - sum_header) * (word[c] - header[c]) /
                                (sum_word - sum_header);
      return;
    }

  /* Shares by weight. A column whose share is below its widest word is
   * fixed at that width, one whose share is above its longest line at that
   * width; the others share what is left, until nothing changes. */
  for (gboolean changed = TRUE; changed;)
    {
      double left = available, weights = 0;

      changed = FALSE;
      for (guint c = 0; c < n_columns; c++)
        {
          if (fixed[c])
            left -= widths[c];
          else
            weights += columns[c].width;
        }
      for (guint c = 0; c < n_columns && !changed; c++)
        {
          double share;

          if (fixed[c])
            continue;
          share = left * columns[c].width / weights;
          if (share < word[c] || share > line[c])
            {
              widths[c] = share < word[c] ? word[c] : line[c];
              fixed[c] = TRUE;
              changed = TRUE;
            }
          else
            widths[c] = share;
        }
    }

  /* Columns fixed at their longest line can leave too little for the rest:
   * take the excess back from what each has above its widest word. */
  {
    double total = 0, above = 0;

    for (guint c = 0; c < n_columns; c++)
      {
        total += widths[c];
        above += widths[c] - word[c];
      }
    if (total > available && above > 0)
      for (guint c = 0; c < n_columns; c++)
        widths[c] -= (total - available) * (widths[c] - word[c]) / above;
  }
}

static void
rule_across (GlideReportDocument *self,
             const GlideColor    *color,
             double               width)
{
  glide_painter_set_stroke (painter (self), color, width, 0);
  glide_painter_move_to (painter (self), MARGIN_SIDE, self->y);
  glide_painter_line_to (painter (self), self->page_width - MARGIN_SIDE, self->y);
  glide_painter_stroke (painter (self));
}

/**
 * glide_report_row:
 * @n_cells: how many strings follow
 * @...: (transfer full): the cells, newly allocated strings
 *
 * Returns: (transfer full): a table row for glide_report_document_table()
 */
char **
glide_report_row (guint n_cells,
                  ...)
{
  char **row = g_new0 (char *, n_cells + 1);
  va_list args;

  va_start (args, n_cells);
  for (guint i = 0; i < n_cells; i++)
    row[i] = va_arg (args, char *);
  va_end (args);
  return row;
}

typedef struct
{
  const GlideReportColumn *columns;
  guint                    n_columns;
  const double            *widths;
  TableRow                 header;
} Table;

static void
draw_header (GlideReportDocument *self,
             const Table         *table)
{
  const GlideColor header_background = glide_color_from_hex (0xe8e6e3);

  draw_row (self, table->columns, table->n_columns, table->widths, &table->header,
            GLIDE_TEXT_BOLD, &header_background);
}

/* Draws a row (of the table's columns, or one full-width cell), on a new
 * page under the repeated header when it does not fit; only a row taller
 * than a whole page is split, line by line. */
static void
place_row (GlideReportDocument     *self,
           const Table             *table,
           const GlideReportColumn *columns,
           guint                    n_columns,
           const double            *widths,
           TableRow                *row,
           double                   keep,
           GlideTextWeight          weight,
           const GlideColor        *background)
{
  double lh = line_height (&styles[GLIDE_REPORT_TEXT_SMALL]);

  if (self->y + MIN (keep, content_height (self) / 2) > bottom_limit (self))
    {
      continue_on_new_page (self);
      draw_header (self, table);
    }
  while (self->y + row->height > bottom_limit (self))
    {
      guint fit = (guint) ((bottom_limit (self) - self->y - 2 * CELL_PAD) / lh);
      TableRow part;

      if (fit < 2)
        {
          continue_on_new_page (self);
          draw_header (self, table);
          continue;
        }
      part = take_lines (row, n_columns, fit);
      draw_row (self, columns, n_columns, widths, &part, weight, background);
      row_clear (&part, n_columns);
      continue_on_new_page (self);
      draw_header (self, table);
    }
  draw_row (self, columns, n_columns, widths, row, weight, background);
}

/**
 * glide_report_document_table:
 * @rows: (element-type GStrv): one string per column in each row
 * @n_total_rows: how many rows at the end are totals, drawn in bold below a
 *   rule
 *
 * A table across the text width. Rows are never split across pages (only a
 * row taller than a whole page is); the header row is repeated at the top of
 * each page the table continues on, under "(continued)". The long texts of
 * a long_text_below column run in a full-width row under their row.
 */
void
glide_report_document_table (GlideReportDocument     *self,
                             const GlideReportColumn *columns,
                             guint                    n_columns,
                             GPtrArray               *rows,
                             guint                    n_total_rows)
{
  const GlideColor stripe = glide_color_from_hex (0xf6f5f4);
  const GlideColor rule = glide_color_from_hex (0x9a9996);
  const GlideReportColumn full = { NULL, 1, GLIDE_ALIGN_START, FALSE };
  double lh = line_height (&styles[GLIDE_REPORT_TEXT_SMALL]);
  double full_width = glide_report_document_get_width (self);
  g_autofree double *widths = g_new0 (double, n_columns);
  g_autofree char **titles = g_new0 (char *, n_columns + 1);
  Table table = { columns, n_columns, widths, { NULL, 0 } };

  g_return_if_fail (n_total_rows <= rows->len);

  layout_columns (self, columns, n_columns, rows, widths);
  for (guint c = 0; c < n_columns; c++)
    titles[c] = (char *) columns[c].title;
  table.header = layout_row (self, columns, n_columns, widths, titles, GLIDE_TEXT_BOLD);

  /* What waits (the table's heading), the header and the first row stay
   * together. */
  {
    TableRow first = rows->len > 0 ? layout_row (self, columns, n_columns, widths,
                                                 g_ptr_array_index (rows, 0), GLIDE_TEXT_REGULAR)
                                   : (TableRow) { NULL, 0 };
    double first_height = first.height;
    double keep;

    /* With the first lines of a text it puts below, as each row keeps. */
    for (guint c = 0; rows->len > 0 && c < n_columns; c++)
      if (goes_below (&columns[c], ((char **) g_ptr_array_index (rows, 0))[c]))
        {
          first_height += 3 * lh + 2 * CELL_PAD;
          break;
        }
    keep = table.header.height + MIN (first_height, content_height (self) / 2);
    flush (self, keep);
    glide_report_document_keep (self, keep);
    if (first.cells != NULL)
      row_clear (&first, n_columns);
  }
  draw_header (self, &table);

  for (guint r = 0; r < rows->len; r++)
    {
      gboolean total = r >= rows->len - n_total_rows;
      GlideTextWeight weight = total ? GLIDE_TEXT_BOLD : GLIDE_TEXT_REGULAR;
      const GlideColor *background = !total && r % 2 == 1 ? &stripe : NULL;
      char **cells = g_ptr_array_index (rows, r);
      TableRow row = layout_row (self, columns, n_columns, widths, cells, weight);
      double keep = row.height;

      /* A row keeps the first lines of its texts below. */
      for (guint c = 0; c < n_columns; c++)
        if (goes_below (&columns[c], cells[c]))
          {
            keep += 3 * lh + 2 * CELL_PAD;
            break;
          }
      /* The last row (and the totals) do not go to a page of their own:
       * the row before goes with them. */
      if (r > 0 && rows->len - r == 2 + n_total_rows && self->y + keep <= bottom_limit (self))
        {
          double tail = 0;

          for (guint t = r + 1; t < rows->len; t++)
            {
              TableRow next = layout_row (self, columns, n_columns, widths,
                                          g_ptr_array_index (rows, t),
                                          t >= rows->len - n_total_rows ? GLIDE_TEXT_BOLD
                                                                        : GLIDE_TEXT_REGULAR);

              tail += next.height;
              row_clear (&next, n_columns);
            }
          if (self->y + keep + tail > bottom_limit (self) &&
              keep + tail < content_height (self) / 2)
            keep += tail;
        }
      if (self->y + keep > bottom_limit (self) && keep < content_height (self) / 2)
        {
          continue_on_new_page (self);
          draw_header (self, &table);
        }
      if (total && r == rows->len - n_total_rows)
        rule_across (self, &rule, 0.8);
      place_row (self, &table, columns, n_columns, widths, &row, row.height, weight, background);
      row_clear (&row, n_columns);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = NULL;
          TableRow below = { g_new0 (GPtrArray *, 1), 0 };

          if (!goes_below (&columns[c], cells[c]))
            {
              g_free (below.cells);
              continue;
            }
          /* Translators: a table's long text under its row: "Note: ..." */
          text = g_strdup_printf (_("%s: %s"), columns[c].title, cells[c]);
          below.cells[0] = wrap (self, text, styles[GLIDE_REPORT_TEXT_SMALL].size,
                                 GLIDE_TEXT_REGULAR, full_width - 2 * CELL_PAD);
          below.height = below.cells[0]->len * lh + 2 * CELL_PAD;
          place_row (self, &table, &full, 1, &full_width, &below, 2 * lh + 2 * CELL_PAD,
                     GLIDE_TEXT_REGULAR, background);
          row_clear (&below, 1);
        }
    }

  rule_across (self, &rule, 0.6);
  row_clear (&table.header, n_columns);
  self->y += 8;
}

/* ---- finishing --------------------------------------------------------------- */

/* Two lines under a rule: the patient, then the clinic and the date with
 * "Page X of Y" on the right; each cut to its room rather than drawn over
 * the other. */
static void
draw_footers (GlideReportDocument *self)
{
  const GlideColor muted = glide_color_from_hex (0x5e5c64);
  const GlideColor text = glide_color_from_hex (0x241f31);
  const GlideColor rule = glide_color_from_hex (0xc0bfbc);
  double y = self->page_height - FOOTER_OFFSET;
  double width = glide_report_document_get_width (self);
  double top = self->patient != NULL ? y - FOOTER_LEADING : y;

  for (guint i = 0; i < self->pages->len; i++)
    {
      GlidePainter *p = g_array_index (self->pages, Page, i).painter;
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      double number_width = glide_painter_text_width (p, number, FOOTER_SIZE, GLIDE_TEXT_BOLD);

      glide_painter_set_stroke (p, &rule, 0.6, 0);
      glide_painter_move_to (p, MARGIN_SIDE, top - 11);
      glide_painter_line_to (p, self->page_width - MARGIN_SIDE, top - 11);
      glide_painter_stroke (p);
      if (self->patient != NULL)
        {
          double id_width = measure (self, self->patient_id, FOOTER_SIZE, GLIDE_TEXT_BOLD);
          g_autofree char *name = shorten (self, self->patient, FOOTER_SIZE, GLIDE_TEXT_BOLD,
                                           MAX (width - id_width, width / 3));
          g_autofree char *joined = g_strconcat (name, self->patient_id, NULL);
          g_autofree char *patient = shorten (self, joined, FOOTER_SIZE, GLIDE_TEXT_BOLD, width);

          glide_painter_set_fill (p, &text);
          glide_painter_show_text (p, MARGIN_SIDE, top, patient, FOOTER_SIZE, GLIDE_TEXT_BOLD,
                                   GLIDE_ALIGN_START);
        }
      glide_painter_set_fill (p, &muted);
      if (self->footer != NULL)
        {
          g_autofree char *footer = shorten (self, self->footer, FOOTER_SIZE, GLIDE_TEXT_REGULAR,
                                             width - number_width - 12);

          glide_painter_show_text (p, MARGIN_SIDE, y, footer, FOOTER_SIZE, GLIDE_TEXT_REGULAR,
                                   GLIDE_ALIGN_START);
        }
      glide_painter_show_text (p, self->page_width - MARGIN_SIDE, y, number, FOOTER_SIZE,
                               GLIDE_TEXT_BOLD, GLIDE_ALIGN_END);
    }
}

/**
 * glide_report_document_finish:
 *
 * Draws what still waits and adds the footers ("Page X of Y" now that Y is
 * known); nothing can be added afterwards. Writing and printing call it;
 * a second call does nothing.
 */
void
glide_report_document_finish (GlideReportDocument *self)
{
  const char *previous;

  if (self->finished)
    return;
  previous = glide_language_push (self->language);
  self->group = 0;
  flush (self, 0);
  draw_footers (self);
  self->finished = TRUE;
  glide_language_pop (previous);
}

/* The language of what waits to be drawn and of the footers ("de"; NULL:
 * the process's), for a document built in another (glide-language.h). */
void
glide_report_document_set_language (GlideReportDocument *self,
                                    const char          *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

void
glide_report_document_get_page_size (GlideReportDocument *self,
                                     double              *width,
                                     double              *height)
{
  *width = self->page_width;
  *height = self->page_height;
}

/**
 * glide_report_document_draw_page:
 * @page: 0 for the first
 * @painter: draws the page as the PDF has it, in points from its top left
 *
 * For a document made with @record (see glide_report_document_new()):
 * finishes it and draws one of its pages again, through another back-end
 * (a print context's Cairo).
 */
void
glide_report_document_draw_page (GlideReportDocument *self,
                                 guint                page,
                                 GlidePainter        *painter)
{
  GlidePainter *recording;

  g_return_if_fail (self->record);
  g_return_if_fail (page < self->pages->len);

  glide_report_document_finish (self);
  recording = g_array_index (self->pages, Page, page).painter;
  glide_painter_recording_replay (recording, painter);
}

/* Finishes the document and writes the whole PDF to @stream, once. */
gboolean
glide_report_document_write (GlideReportDocument  *self,
                             GOutputStream        *stream,
                             GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;

  glide_report_document_finish (self);
  if (!(bytes = glide_pdf_to_bytes (self->pdf, error)))
    return FALSE;
  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, NULL, error);
}
