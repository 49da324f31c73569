/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-pdf.h: a libharu document whose pages are drawn through the painter
 * interface; libharu's errors become GErrors. */

#pragma once

#include <hpdf.h>

#include "glide-painter.h"

G_BEGIN_DECLS

#define GLIDE_PDF_ERROR (glide_pdf_error_quark ())

typedef enum
{
  GLIDE_PDF_ERROR_LIBHARU,
  GLIDE_PDF_ERROR_FONT,
} GlidePdfError;

/* Page sizes in points. */
#define GLIDE_PDF_A4_WIDTH      595.276
#define GLIDE_PDF_A4_HEIGHT     841.890
#define GLIDE_PDF_LETTER_WIDTH  612.0
#define GLIDE_PDF_LETTER_HEIGHT 792.0

typedef struct _GlidePdf GlidePdf;

GQuark        glide_pdf_error_quark  (void);

GlidePdf     *glide_pdf_new          (GError          **error);
void          glide_pdf_free         (GlidePdf         *self);
HPDF_Doc      glide_pdf_get_doc      (GlidePdf         *self);
HPDF_Font     glide_pdf_get_font     (GlidePdf         *self,
                                      GlideTextWeight   weight);
HPDF_ExtGState glide_pdf_get_alpha_state (GlidePdf     *self,
                                          double        fill_alpha,
                                          double        stroke_alpha);
void          glide_pdf_set_info     (GlidePdf         *self,
                                      const char       *title,
                                      const char       *author,
                                      const char       *subject);
void          glide_pdf_set_language (GlidePdf       *self,
                                      const char       *language);
GPtrArray    *glide_pdf_get_warnings (GlidePdf         *self);
double        glide_pdf_text_width   (GlidePdf         *self,
                                      HPDF_Page         page,
                                      const char       *text,
                                      double            size,
                                      GlideTextWeight   weight);
void          glide_pdf_show_text    (GlidePdf         *self,
                                      HPDF_Page         page,
                                      const char       *text,
                                      double            size,
                                      GlideTextWeight   weight);
GlidePainter *glide_pdf_add_page     (GlidePdf         *self,
                                      double            width,
                                      double            height);
gboolean      glide_pdf_check        (GlidePdf         *self,
                                      GError          **error);
GBytes       *glide_pdf_to_bytes     (GlidePdf         *self,
                                      GError          **error);
gboolean      glide_pdf_save         (GlidePdf         *self,
                                      const char       *path,
                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlidePdf, glide_pdf_free)

G_END_DECLS
