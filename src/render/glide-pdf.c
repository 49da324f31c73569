/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-pdf.c: libharu documents. The error handler only records the first
 * error in the document's user data (no longjmp); glide_pdf_check() and the
 * save turn it into a GError. Fonts are DejaVu Sans, embedded, UTF-8. */

#define G_LOG_DOMAIN "glide-pdf"

#include "config.h"

#include "glide-pdf.h"

#include "glide-atomic-file.h"
#include "glide-painter-hpdf.h"

#include <fontconfig/fontconfig.h>
#include <math.h>

G_DEFINE_QUARK (glide-pdf-error-quark, glide_pdf_error)

struct _GlidePdf
{
  HPDF_Doc     doc;
  HPDF_STATUS  error_code;
  HPDF_STATUS  error_detail;
  HPDF_Font    fonts[2];
  GHashTable  *alpha_states;  /* quantised alpha pair -> HPDF_ExtGState */
};

static void
on_hpdf_error (HPDF_STATUS  error_no,
               HPDF_STATUS  detail_no,
               void        *user_data)
{
  GlidePdf *self = user_data;

  if (self->error_code == 0)
    {
      self->error_code = error_no;
      self->error_detail = detail_no;
    }
}

/* The file of a font family and style, through fontconfig. */
static char *
find_font_file (const char  *family,
                const char  *style,
                GError     **error)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, family,
                                       FC_STYLE, FcTypeString, style, NULL);
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  FcChar8 *found_family = NULL;
  char *path = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL &&
      FcPatternGetString (match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
      g_strcmp0 ((const char *) found_family, family) == 0 &&
      FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch &&
      g_str_has_suffix ((const char *) file, ".ttf"))
    path = g_strdup ((const char *) file);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);

  if (path == NULL)
    g_set_error (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_FONT,
                 "The font %s %s is not installed (Debian package fonts-dejavu-core)",
                 family, style);
  return path;
}

GlidePdf *
glide_pdf_new (GError **error)
{
  g_autoptr(GlidePdf) self = g_new0 (GlidePdf, 1);
  const char *styles[2] = { "Book", "Bold" };

  self->alpha_states = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->doc = HPDF_New (on_hpdf_error, self);
  if (self->doc == NULL)
    {
      g_set_error_literal (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_LIBHARU,
                           "Cannot create a PDF document (out of memory)");
      return NULL;
    }
  HPDF_SetCompressionMode (self->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (self->doc);
  HPDF_SetCurrentEncoder (self->doc, "UTF-8");

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = find_font_file ("DejaVu Sans", styles[i], error);
      const char *name;

      if (file == NULL)
        return NULL;
      name = HPDF_LoadTTFontFromFile (self->doc, file, HPDF_TRUE);
      self->fonts[i] = name ? HPDF_GetFont (self->doc, name, "UTF-8") : NULL;
      if (self->fonts[i] == NULL)
        {
          glide_pdf_check (self, error);
          g_prefix_error (error, "Cannot load %s: ", file);
          return NULL;
        }
    }

  if (!glide_pdf_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
glide_pdf_free (GlidePdf *self)
{
  if (self == NULL)
    return;
  if (self->doc != NULL)
    HPDF_Free (self->doc);
  g_hash_table_unref (self->alpha_states);
  g_free (self);
}

HPDF_Doc
glide_pdf_get_doc (GlidePdf *self)
{
  return self->doc;
}

HPDF_Font
glide_pdf_get_font (GlidePdf        *self,
                    GlideTextWeight  weight)
{
  return self->fonts[weight == GLIDE_TEXT_BOLD ? 1 : 0];
}

/* Transparency needs an extended graphics state; one per alpha pair. */
HPDF_ExtGState
glide_pdf_get_alpha_state (GlidePdf *self,
                           double    fill_alpha,
                           double    stroke_alpha)
{
  guint fa = (guint) round (CLAMP (fill_alpha, 0, 1) * 100);
  guint sa = (guint) round (CLAMP (stroke_alpha, 0, 1) * 100);
  gpointer key = GUINT_TO_POINTER (fa * 1000 + sa + 1);
  HPDF_ExtGState state = g_hash_table_lookup (self->alpha_states, key);

  if (state == NULL)
    {
      state = HPDF_CreateExtGState (self->doc);
      HPDF_ExtGState_SetAlphaFill (state, fa / 100.0);
      HPDF_ExtGState_SetAlphaStroke (state, sa / 100.0);
      g_hash_table_insert (self->alpha_states, key, state);
    }
  return state;
}

void
glide_pdf_set_title (GlidePdf   *self,
                     const char *title)
{
  HPDF_SetInfoAttr (self->doc, HPDF_INFO_TITLE, title);
  HPDF_SetInfoAttr (self->doc, HPDF_INFO_CREATOR, "Glide " PACKAGE_VERSION);
}

/**
 * glide_pdf_add_page:
 * @width: in points
 * @height: in points
 *
 * Returns: (transfer full): a painter for the new page, origin at its top left
 */
GlidePainter *
glide_pdf_add_page (GlidePdf *self,
                    double    width,
                    double    height)
{
  HPDF_Page page = HPDF_AddPage (self->doc);

  HPDF_Page_SetWidth (page, width);
  HPDF_Page_SetHeight (page, height);
  return glide_painter_hpdf_new (self, page, height);
}

gboolean
glide_pdf_check (GlidePdf  *self,
                 GError   **error)
{
  if (self->error_code == 0)
    return TRUE;
  g_set_error (error, GLIDE_PDF_ERROR, GLIDE_PDF_ERROR_LIBHARU,
               "libharu error 0x%04X (detail %u)", (guint) self->error_code,
               (guint) self->error_detail);
  return FALSE;
}

GBytes *
glide_pdf_to_bytes (GlidePdf  *self,
                    GError   **error)
{
  g_autofree guchar *data = NULL;
  HPDF_UINT32 size;

  if (!glide_pdf_check (self, error) || HPDF_SaveToStream (self->doc) != HPDF_OK ||
      !glide_pdf_check (self, error))
    return NULL;
  HPDF_ResetStream (self->doc);
  size = HPDF_GetStreamSize (self->doc);
  data = g_malloc (MAX (size, 1));
  if (HPDF_ReadFromStream (self->doc, data, &size) != HPDF_OK && size == 0)
    {
      glide_pdf_check (self, error);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* Written to a temporary file (0600) and renamed into place when complete. */
gboolean
glide_pdf_save (GlidePdf    *self,
                const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = glide_pdf_to_bytes (self, error);
  g_autoptr(GlideAtomicFile) file = NULL;
  gsize size;
  const void *data;

  if (bytes == NULL || (file = glide_atomic_file_new (path, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_output_stream_write_all (glide_atomic_file_get_stream (file), data, size, NULL, NULL,
                                    error) &&
         glide_atomic_file_commit (file, error);
}
