/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-document.c: page layout for the reports. Margins leave the same
 * text width on A4 and US Letter within 17 points, and the footer room at the
 * bottom of both. Lines are wrapped here, word by word (and character by
 * character for CJK and over-long words), measured with HPDF_Page_TextWidth
 * through the PDF text engine, so every script is measured in the font that
 * draws it. */

#define G_LOG_DOMAIN "glide-report"

#include "config.h"

#include "glide-report-document.h"

#include "glide-pdf.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#define MARGIN_SIDE    48.0
#define MARGIN_TOP     50.0
#define MARGIN_BOTTOM  62.0
#define FOOTER_OFFSET  34.0   /* footer baseline, above the page's bottom edge */
#define CELL_PAD        3.0

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
  [GLIDE_REPORT_TEXT_BODY] = { 9.5, GLIDE_TEXT_REGULAR, 0x241f31, 1.38, 0, 4 },
  [GLIDE_REPORT_TEXT_LEAD] = { 11.5, GLIDE_TEXT_REGULAR, 0x241f31, 1.40, 0, 5 },
  [GLIDE_REPORT_TEXT_SMALL] = { 8.0, GLIDE_TEXT_REGULAR, 0x241f31, 1.32, 0, 3 },
  [GLIDE_REPORT_TEXT_MUTED] = { 8.5, GLIDE_TEXT_REGULAR, 0x5e5c64, 1.32, 0, 3 },
  [GLIDE_REPORT_TEXT_TITLE] = { 20.0, GLIDE_TEXT_BOLD, 0x1a5fb4, 1.20, 0, 6 },
  [GLIDE_REPORT_TEXT_HEADING] = { 13.0, GLIDE_TEXT_BOLD, 0x241f31, 1.25, 10, 5 },
  [GLIDE_REPORT_TEXT_SUBHEADING] = { 10.5, GLIDE_TEXT_BOLD, 0x241f31, 1.25, 6, 3 },
  [GLIDE_REPORT_TEXT_WARNING] = { 9.5, GLIDE_TEXT_BOLD, 0xc01c28, 1.38, 0, 4 },
};

typedef struct
{
  GlidePainter *painter;
} Page;

struct _GlideReportDocument
{
  GlidePdf   *pdf;
  double      page_width;
  double      page_height;
  GArray     *pages;       /* Page */
  double      y;           /* top of the free space on the current page */
  char       *footer;
  GHashTable *widths;      /* "size|weight|text" -> width, measured once */
  GPtrArray  *charts;      /* chart numbers of the patients it shows */
};

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
add_page (GlideReportDocument *self)
{
  Page page;

  page.painter = glide_pdf_add_page (self->pdf, self->page_width, self->page_height);
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
 */
GlideReportDocument *
glide_report_document_new (GlidePaper   paper,
                           gboolean     landscape,
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
  self->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->charts = g_ptr_array_new_with_free_func (g_free);
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
  g_hash_table_unref (self->widths);
  g_ptr_array_unref (self->charts);
  glide_pdf_free (self->pdf);
  g_free (self->footer);
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

/* The left part of every page's footer ("Page X of Y" goes on the right). */
void
glide_report_document_set_footer (GlideReportDocument *self,
                                  const char          *text)
{
  g_free (self->footer);
  self->footer = g_strdup (text);
}

double
glide_report_document_get_width (GlideReportDocument *self)
{
  return self->page_width - 2 * MARGIN_SIDE;
}

double
glide_report_document_get_remaining (GlideReportDocument *self)
{
  return bottom_limit (self) - self->y;
}

guint
glide_report_document_get_n_pages (GlideReportDocument *self)
{
  return self->pages->len;
}

/* Records that the document shows this patient's data (for the audit log). */
void
glide_report_document_add_chart (GlideReportDocument *self,
                                 const char          *chart)
{
  if (!g_ptr_array_find_with_equal_func (self->charts, chart, g_str_equal, NULL))
    g_ptr_array_add (self->charts, g_strdup (chart));
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

/* Starts a new page unless height fits below the cursor. */
void
glide_report_document_keep (GlideReportDocument *self,
                            double               height)
{
  if (self->y + height > bottom_limit (self) && !at_page_top (self))
    glide_report_document_new_page (self);
}

void
glide_report_document_space (GlideReportDocument *self,
                             double               points)
{
  if (!at_page_top (self))
    self->y = MIN (self->y + points, bottom_limit (self));
}

void
glide_report_document_rule (GlideReportDocument *self)
{
  const GlideColor rule = glide_color_from_hex (0xc0bfbc);

  glide_report_document_keep (self, 6);
  glide_painter_set_stroke (painter (self), &rule, 0.6, 0);
  glide_painter_move_to (painter (self), MARGIN_SIDE, self->y + 2);
  glide_painter_line_to (painter (self), self->page_width - MARGIN_SIDE, self->y + 2);
  glide_painter_stroke (painter (self));
  self->y += 6;
}

/* ---- wrapping ---------------------------------------------------------------- */

static double
measure (GlideReportDocument *self,
         const char          *text,
         double               size,
         GlideTextWeight      weight)
{
  g_autofree char *key = g_strdup_printf ("%g|%d|%s", size, weight, text);
  double *cached = g_hash_table_lookup (self->widths, key);
  double width;

  if (cached != NULL)
    return *cached;
  width = glide_painter_text_width (painter (self), text, size, weight);
  g_hash_table_insert (self->widths, g_steal_pointer (&key), g_memdup2 (&width, sizeof width));
  return width;
}

/* A piece of a line: a word, or one wide (CJK) character, and whether a
 * space separated it from the one before. */
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
          continue;
        }
      g_string_append_unichar (word, c);
    }
  g_string_free (word, TRUE);
  return tokens;
}

/* Lines of at most max_width; a word longer than a line is broken between
 * characters. Each paragraph ("\n") starts a new line. */
static GPtrArray *
wrap (GlideReportDocument *self,
      const char          *text,
      double               size,
      GlideTextWeight      weight,
      double               max_width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n", -1);
  double space_width = measure (self, " ", size, weight);

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
          /* Longer than a line: as many characters as fit, then the rest. */
          for (const char *c = t->text; *c; c = g_utf8_next_char (c))
            {
              char buffer[8] = { 0 };
              double cw;

              g_unichar_to_utf8 (g_utf8_get_char (c), buffer);
              cw = measure (self, buffer, size, weight);
              if (line->len > 0 && line_width + cw > max_width)
                {
                  g_ptr_array_add (lines, g_strdup (line->str));
                  g_string_truncate (line, 0);
                  line_width = 0;
                }
              g_string_append (line, buffer);
              line_width += cw;
            }
        }
      if (line->len > 0)
        g_ptr_array_add (lines, g_strdup (line->str));
    }
  return lines;
}

static double
line_height (const Style *style)
{
  return style->size * style->leading;
}

static void
flow_text (GlideReportDocument *self,
           GlideReportText      style_id,
           const char          *text,
           const char          *bullet)
{
  const Style *style = &styles[style_id];
  g_autoptr(GPtrArray) lines = NULL;
  GlideColor color = glide_color_from_hex (style->color);
  double lh = line_height (style);
  double indent = bullet != NULL ? style->size * 1.3 : 0;

  /* A heading keeps at least two lines of what follows on its page. */
  if (style_id == GLIDE_REPORT_TEXT_HEADING || style_id == GLIDE_REPORT_TEXT_SUBHEADING)
    glide_report_document_keep (self, style->before + lh + 3 * line_height (&styles[GLIDE_REPORT_TEXT_BODY]));
  glide_report_document_space (self, style->before);

  lines = wrap (self, text, style->size, style->weight,
                glide_report_document_get_width (self) - indent);
  for (guint i = 0; i < lines->len; i++)
    {
      glide_report_document_keep (self, lh);
      glide_painter_set_fill (painter (self), &color);
      if (i == 0 && bullet != NULL)
        glide_painter_show_text (painter (self), MARGIN_SIDE, self->y + style->size, bullet,
                                 style->size, style->weight, GLIDE_ALIGN_START);
      glide_painter_show_text (painter (self), MARGIN_SIDE + indent, self->y + style->size,
                               g_ptr_array_index (lines, i), style->size, style->weight,
                               GLIDE_ALIGN_START);
      self->y += lh;
    }
  self->y += style->after;
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
 * label ends the list. */
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

      glide_report_document_keep (self, lh * MIN (lines->len, 3));
      glide_painter_set_fill (painter (self), &muted);
      glide_painter_show_text (painter (self), MARGIN_SIDE, self->y + value_style->size,
                               labels_and_values[i], label_style->size, GLIDE_TEXT_BOLD,
                               GLIDE_ALIGN_START);
      for (guint k = 0; k < lines->len; k++)
        {
          glide_report_document_keep (self, lh);
          glide_painter_set_fill (painter (self), &text);
          glide_painter_show_text (painter (self), MARGIN_SIDE + label_width,
                                   self->y + value_style->size, g_ptr_array_index (lines, k),
                                   value_style->size, value_style->weight, GLIDE_ALIGN_START);
          self->y += lh;
        }
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
      row.cells[c] = wrap (self, cells[c] ? cells[c] : "", style->size, weight,
                           widths[c] - 2 * CELL_PAD);
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
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n", -1);

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

/* Column widths across the text width. When every cell fits on one line,
 * columns get their natural width plus a share of the rest. Otherwise each
 * column gets its share by weight but never less than its widest word, so
 * words are only broken when the words alone are wider than the page. */
static void
layout_columns (GlideReportDocument     *self,
                const GlideReportColumn *columns,
                guint                    n_columns,
                GPtrArray               *rows,
                double                  *widths)
{
  double available = glide_report_document_get_width (self);
  g_autofree double *word = g_new0 (double, n_columns);
  g_autofree double *line = g_new0 (double, n_columns);
  g_autofree gboolean *fixed = g_new0 (gboolean, n_columns);
  double sum_word = 0, sum_line = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      measure_cell (self, columns[c].title, GLIDE_TEXT_BOLD, &word[c], &line[c]);
      /* A header may take two lines: count its longer half, not all of it. */
      line[c] = MAX (word[c], line[c] * 0.55);
      for (guint r = 0; r < rows->len; r++)
        measure_cell (self, ((char **) g_ptr_array_index (rows, r))[c], GLIDE_TEXT_BOLD,
                      &word[c], &line[c]);
      word[c] += 2 * CELL_PAD + 1;
      line[c] += 2 * CELL_PAD + 1;
      sum_word += word[c];
      sum_line += line[c];
    }

  if (sum_line <= available)
    {
      for (guint c = 0; c < n_columns; c++)
        widths[c] = line[c] + (available - sum_line) * line[c] / sum_line;
      return;
    }
  if (sum_word >= available)
    {
      for (guint c = 0; c < n_columns; c++)
        widths[c] = available * word[c] / sum_word;
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

/**
 * glide_report_document_table:
 * @rows: (element-type GStrv): one string per column in each row
 * @n_total_rows: how many rows at the end are totals, drawn in bold below a
 *   rule
 *
 * A table across the text width. Rows are never split across pages (only a
 * row taller than a whole page is); the header row is repeated at the top of
 * each page the table continues on.
 */
void
glide_report_document_table (GlideReportDocument     *self,
                             const GlideReportColumn *columns,
                             guint                    n_columns,
                             GPtrArray               *rows,
                             guint                    n_total_rows)
{
  const GlideColor header_background = glide_color_from_hex (0xe8e6e3);
  const GlideColor stripe = glide_color_from_hex (0xf6f5f4);
  const GlideColor rule = glide_color_from_hex (0x9a9996);
  g_autofree double *widths = g_new0 (double, n_columns);
  g_autofree char **titles = g_new0 (char *, n_columns + 1);
  TableRow header;

  g_return_if_fail (n_total_rows <= rows->len);

  layout_columns (self, columns, n_columns, rows, widths);
  for (guint c = 0; c < n_columns; c++)
    titles[c] = (char *) columns[c].title;
  header = layout_row (self, columns, n_columns, widths, titles, GLIDE_TEXT_BOLD);

  /* The header and the first row stay together. */
  {
    TableRow first = rows->len > 0 ? layout_row (self, columns, n_columns, widths,
                                                 g_ptr_array_index (rows, 0), GLIDE_TEXT_REGULAR)
                                   : (TableRow) { NULL, 0 };

    glide_report_document_keep (self, header.height + first.height);
    if (first.cells != NULL)
      row_clear (&first, n_columns);
  }
  draw_row (self, columns, n_columns, widths, &header, GLIDE_TEXT_BOLD, &header_background);

  for (guint r = 0; r < rows->len; r++)
    {
      gboolean total = r >= rows->len - n_total_rows;
      GlideTextWeight weight = total ? GLIDE_TEXT_BOLD : GLIDE_TEXT_REGULAR;
      const GlideColor *background = !total && r % 2 == 1 ? &stripe : NULL;
      TableRow row = layout_row (self, columns, n_columns, widths, g_ptr_array_index (rows, r),
                                 weight);

      if (self->y + row.height > bottom_limit (self))
        {
          glide_report_document_new_page (self);
          draw_row (self, columns, n_columns, widths, &header, GLIDE_TEXT_BOLD, &header_background);
        }
      /* Only a row taller than a whole page is split, line by line. */
      while (self->y + row.height > bottom_limit (self))
        {
          guint fit = (guint) ((bottom_limit (self) - self->y - 2 * CELL_PAD) /
                               line_height (&styles[GLIDE_REPORT_TEXT_SMALL]));
          TableRow part = take_lines (&row, n_columns, MAX (fit, 1));

          draw_row (self, columns, n_columns, widths, &part, weight, background);
          row_clear (&part, n_columns);
          glide_report_document_new_page (self);
          draw_row (self, columns, n_columns, widths, &header, GLIDE_TEXT_BOLD, &header_background);
        }
      if (total && r == rows->len - n_total_rows)
        rule_across (self, &rule, 0.8);
      draw_row (self, columns, n_columns, widths, &row, weight, background);
      row_clear (&row, n_columns);
    }

  rule_across (self, &rule, 0.6);
  row_clear (&header, n_columns);
  self->y += 8;
}

/* ---- finishing --------------------------------------------------------------- */

static void
draw_footers (GlideReportDocument *self)
{
  const GlideColor muted = glide_color_from_hex (0x5e5c64);
  const GlideColor rule = glide_color_from_hex (0xc0bfbc);
  double y = self->page_height - FOOTER_OFFSET;

  for (guint i = 0; i < self->pages->len; i++)
    {
      GlidePainter *p = g_array_index (self->pages, Page, i).painter;
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);

      glide_painter_set_stroke (p, &rule, 0.6, 0);
      glide_painter_move_to (p, MARGIN_SIDE, y - 10);
      glide_painter_line_to (p, self->page_width - MARGIN_SIDE, y - 10);
      glide_painter_stroke (p);
      glide_painter_set_fill (p, &muted);
      if (self->footer != NULL)
        glide_painter_show_text (p, MARGIN_SIDE, y, self->footer, 7.5, GLIDE_TEXT_REGULAR,
                                 GLIDE_ALIGN_START);
      glide_painter_show_text (p, self->page_width - MARGIN_SIDE, y, number, 7.5, GLIDE_TEXT_BOLD,
                               GLIDE_ALIGN_END);
    }
}

/* Adds the footers ("Page X of Y" now that Y is known) and writes the
 * whole PDF to @stream; called once, when the document is complete. */
gboolean
glide_report_document_write (GlideReportDocument  *self,
                             GOutputStream        *stream,
                             GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;

  draw_footers (self);
  if (!(bytes = glide_pdf_to_bytes (self->pdf, error)))
    return FALSE;
  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, NULL, error);
}
