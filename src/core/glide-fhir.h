/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-fhir.h: the record as HL7 FHIR R4, for other systems, payers and
 * patients: one Bundle (type collection), or NDJSON files per resource type
 * as FHIR Bulk Data writes them. docs/FHIR.md describes the mapping. */

#pragma once

#include "glide-store.h"

G_BEGIN_DECLS

gboolean  glide_fhir_export        (GlideStore       *store,
                                    const char       *chart,
                                    const char       *file,
                                    GError          **error);
gboolean  glide_fhir_export_ndjson (GlideStore       *store,
                                    const char       *chart,
                                    const char       *dir,
                                    GError          **error);

G_END_DECLS
