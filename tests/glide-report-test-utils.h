/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-report-test-utils.h: what the PDF document tests share: a clinic
 * with its therapists, the glide binary run on it, and poppler's reading of
 * the documents it makes. */

#pragma once

#include <glib.h>

#include "glide-store.h"

G_BEGIN_DECLS

typedef struct
{
  char       *dir;
  char       *db;      /* glide.db in dir */
  GlideStore *store;
  gint64      dana;    /* therapist "dw", Dana Whitfield */
  gint64      luis;    /* therapist "lo", Luis Ortega, when asked for; else 0 */
} GlideReportTestFixture;

typedef struct
{
  guint   page;        /* from 1 */
  double  x0, y0, x1, y1;
  char   *text;
} GlideReportTestWord;

typedef struct
{
  double width, height;
} GlideReportTestPageSize;

typedef struct
{
  double x0, y0, x1, y1;   /* points, from the page's top left */
} GlideReportTestBox;

typedef enum
{
  GLIDE_REPORT_TEST_WORDS_RAW      = 0,
  GLIDE_REPORT_TEST_WORDS_READABLE = 1 << 0,  /* entities decoded, NFKC */
  GLIDE_REPORT_TEST_WORDS_STRICT   = 1 << 1,  /* every word whole and on a page */
} GlideReportTestWordsFlags;

void        glide_report_test_fixture_set_up    (GlideReportTestFixture     *f,
                                                 gboolean                    with_luis,
                                                 const char                 *address,
                                                 const char                 *phone);
void        glide_report_test_fixture_tear_down (GlideReportTestFixture     *f,
                                                 gconstpointer               data);
void        glide_report_test_set_clinic        (GlideReportTestFixture     *f,
                                                 const char                 *name,
                                                 const char                 *address,
                                                 const char                 *phone,
                                                 GlidePaper                  paper);
int         glide_report_test_run_glide         (GlideReportTestFixture     *f,
                                                 const char                 *db,
                                                 const char                 *env_extra,
                                                 char                      **err,
                                                 ...) G_GNUC_NULL_TERMINATED;
char       *glide_report_test_poppler           (char                      **err,
                                                 const char                 *tool,
                                                 ...) G_GNUC_NULL_TERMINATED;
char       *glide_report_test_flatten           (const char                 *text);
char       *glide_report_test_pdf_text          (const char                 *pdf,
                                                 guint                       page);
void        glide_report_test_word_clear        (gpointer                    data);
GArray     *glide_report_test_pdf_words         (const char                 *pdf,
                                                 guint                       page,
                                                 GlideReportTestWordsFlags   flags,
                                                 GArray                     *page_sizes);
GByteArray *glide_report_test_read_pgm          (const char                 *path,
                                                 int                        *width,
                                                 int                        *height);
GByteArray *glide_report_test_page_pixels       (const char                 *dir,
                                                 const char                 *pdf,
                                                 const GlideReportTestBox   *box,
                                                 guint                       scale);
guint       glide_report_test_count_dark        (GByteArray                 *pixels);
void        glide_report_test_assert_contains   (const char                 *text,
                                                 const char                 *expected);
void        glide_report_test_assert_lacks      (const char                 *text,
                                                 const char                 *unexpected);

/* The short names the three report tests use. */
#define flatten         glide_report_test_flatten
#define pdf_text        glide_report_test_pdf_text
#define assert_contains glide_report_test_assert_contains
#define assert_lacks    glide_report_test_assert_lacks

G_END_DECLS
