/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-document.h: a flowing PDF document: text that wraps and runs
 * onto new pages, tables that repeat their header and never split a row,
 * figures drawn through the painter, and a footer on every page. */

#pragma once

#include <gio/gio.h>

#include "glide-codes.h"
#include "glide-painter.h"

G_BEGIN_DECLS

typedef enum
{
  GLIDE_REPORT_TEXT_BODY,
  GLIDE_REPORT_TEXT_LEAD,       /* larger body text for the patient's sentences */
  GLIDE_REPORT_TEXT_SMALL,
  GLIDE_REPORT_TEXT_MUTED,
  GLIDE_REPORT_TEXT_TITLE,
  GLIDE_REPORT_TEXT_HEADING,
  GLIDE_REPORT_TEXT_SUBHEADING,
  GLIDE_REPORT_TEXT_WARNING,    /* bold, in the warning colour: "DRAFT - not signed" */
} GlideReportText;

typedef struct
{
  const char     *title;
  double          width;   /* share of the table's width */
  GlideTextAlign  align;
  gboolean        long_text_below;   /* a long text runs in a full-width row under its row */
  gboolean        keep_whole;        /* short values (dates, "6 → 5 (−1)") never wrap: the
                                      * column is at least as wide as its longest cell */
} GlideReportColumn;

typedef void (*GlideReportDrawFunc) (GlidePainter *painter,
                                     double        width,
                                     double        height,
                                     gpointer      user_data);

typedef struct _GlideReportDocument GlideReportDocument;

GlideReportDocument *glide_report_document_new        (GlidePaper            paper,
                                                        gboolean              landscape,
                                                        gboolean              record,
                                                        GError              **error);
void                 glide_report_document_free       (GlideReportDocument  *self);
void                 glide_report_document_set_info   (GlideReportDocument  *self,
                                                        const char           *title,
                                                        const char           *author,
                                                        const char           *subject);
void                 glide_report_document_set_footer (GlideReportDocument  *self,
                                                        const char           *text);
void                 glide_report_document_set_patient (GlideReportDocument *self,
                                                        const char           *name,
                                                        const char           *chart,
                                                        const char           *birth_date);
void                 glide_report_document_begin_group (GlideReportDocument *self);
void                 glide_report_document_end_group  (GlideReportDocument  *self);
double               glide_report_document_get_width  (GlideReportDocument  *self);
double               glide_report_document_get_remaining (GlideReportDocument *self);
void                 glide_report_document_text       (GlideReportDocument  *self,
                                                        GlideReportText       style,
                                                        const char           *text);
void                 glide_report_document_bullet     (GlideReportDocument  *self,
                                                        GlideReportText       style,
                                                        const char           *text);
void                 glide_report_document_fields     (GlideReportDocument  *self,
                                                        const char *const    *labels_and_values);
void                 glide_report_document_space      (GlideReportDocument  *self,
                                                        double                points);
void                 glide_report_document_rule       (GlideReportDocument  *self);
void                 glide_report_document_keep       (GlideReportDocument  *self,
                                                        double                height);
void                 glide_report_document_new_page   (GlideReportDocument  *self);
void                 glide_report_document_figure     (GlideReportDocument  *self,
                                                        double                height,
                                                        GlideReportDrawFunc   draw,
                                                        gpointer              user_data);
void                 glide_report_document_figures    (GlideReportDocument  *self,
                                                        guint                 n_columns,
                                                        double                height,
                                                        guint                 n_figures,
                                                        GlideReportDrawFunc   draw,
                                                        gpointer             *data);
void                 glide_report_document_table      (GlideReportDocument  *self,
                                                        const GlideReportColumn *columns,
                                                        guint                 n_columns,
                                                        GPtrArray            *rows,
                                                        guint                 n_total_rows);
char               **glide_report_row                 (guint                 n_cells,
                                                        ...);
guint                glide_report_document_get_n_pages (GlideReportDocument *self);
void                 glide_report_document_add_chart  (GlideReportDocument  *self,
                                                        const char           *chart);
GPtrArray           *glide_report_document_get_charts (GlideReportDocument  *self);
GPtrArray           *glide_report_document_get_warnings (GlideReportDocument  *self);
void                 glide_report_document_finish     (GlideReportDocument  *self);
void                 glide_report_document_set_language (GlideReportDocument *self,
                                                         const char          *language);
void                 glide_report_document_get_page_size (GlideReportDocument *self,
                                                        double               *width,
                                                        double               *height);
void                 glide_report_document_draw_page  (GlideReportDocument  *self,
                                                        guint                 page,
                                                        GlidePainter         *painter);
gboolean             glide_report_document_write      (GlideReportDocument  *self,
                                                        GOutputStream        *stream,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideReportDocument, glide_report_document_free)

char                *glide_report_isolate                (const char          *text);

G_END_DECLS
