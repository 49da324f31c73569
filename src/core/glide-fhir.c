/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-fhir.c: the record as HL7 FHIR R4 resources: the clinic as an
 * Organization, therapists as Practitioners, a Patient, a course as an
 * EpisodeOfCare and its Condition, a session as an Encounter, a treated area
 * as a Procedure (with an Observation of the skin's response), a measure as
 * an Observation. Written as one Bundle of type collection (references are
 * the entries' urn:uuid fullUrls) or as one NDJSON file per resource type
 * (references are Type/id), streamed a course at a time; nothing reaches its
 * place before all of it was written and the export is in the audit log.
 * Ids are UUIDs made from the record ids (name-based, SHA-1), so that two
 * exports of the same data are the same bytes. The standard codes come from
 * glide-codes (glide_fhir_code_lookup); docs/FHIR.md lists them. */

#define G_LOG_DOMAIN "glide-fhir"

#include "config.h"

#include "glide-fhir.h"
#include "glide-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "glide-atomic-file.h"
#include "glide-date.h"
#include "glide-json-writer.h"

#define GLIDE_FHIR_BASE "https://glidept.github.io/fhir/"
#define STRUCTURE_BASE GLIDE_FHIR_BASE "StructureDefinition/"
#define OBSERVATION_SYSTEM GLIDE_FHIR_CODE_SYSTEM_BASE "observation"
#define UCUM "http://unitsofmeasure.org"

typedef enum
{
  RESOURCE_ORGANIZATION,
  RESOURCE_PRACTITIONER,
  RESOURCE_PATIENT,
  RESOURCE_EPISODE_OF_CARE,
  RESOURCE_CONDITION,
  RESOURCE_ENCOUNTER,
  RESOURCE_PROCEDURE,
  RESOURCE_OBSERVATION,
  RESOURCE_GOAL,
  N_RESOURCES,
} Resource;

static const char *const resource_names[N_RESOURCES] = {
  "Organization", "Practitioner", "Patient", "EpisodeOfCare", "Condition", "Encounter",
  "Procedure", "Observation", "Goal",
};

typedef struct
{
  char text[37];
} Id;

typedef struct
{
  GlideStore       *store;
  gboolean          ndjson;
  GlideJsonWriter  *w;                      /* where the current resource goes */
  /* A Bundle: one file and its writer. */
  GlideAtomicFile  *bundle;
  GlideJsonWriter  *bundle_writer;
  /* NDJSON: a file per resource type; a resource is written aside, then as a line. */
  GlideAtomicFile  *files[N_RESOURCES];
  GOutputStream    *memory;
  Resource          current;
  GString          *line;
  GHashTable       *therapists;              /* id -> GlideTherapist */
  GHashTable       *tools;                   /* id -> GlideInstrument */
  GHashTable       *used_therapists;         /* id -> GlideTherapist, referenced */
  GPtrArray        *charts;
  Id                organization;
} Export;

/* A version 5 (name-based, SHA-1) UUID of a name. */
static Id
make_named_id (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize len = sizeof d;
  Id id;

  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  g_snprintf (id.text, sizeof id.text,
              "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12],
              d[13], d[14], d[15]);
  return id;
}

/* The id of a resource: the UUID of "glide:TYPE/KEY". */
static Id
make_id (Resource    type,
         const char *key)
{
  g_autofree char *name = g_strdup_printf ("glide:%s/%s", resource_names[type], key);

  return make_named_id (name);
}

static Id
record_id (Resource type,
           gint64   id)
{
  char key[32];

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, id);
  return make_id (type, key);
}

/* FHIR's dateTime: with a time, seconds and an offset are required. */
static char *
fhir_datetime (const char *text)
{
  g_autoptr(GDateTime) datetime = text ? glide_datetime_parse (text, NULL) : NULL;

  if (datetime == NULL)
    return NULL;
  return g_date_time_format (datetime, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
member_datetime (GlideJsonWriter *w,
                 const char      *key,
                 const char      *text)
{
  g_autofree char *value = fhir_datetime (text);

  if (value != NULL)
    glide_json_writer_member_string (w, key, value);
}

static void
member_text (GlideJsonWriter *w,
             const char      *key,
             const char      *text)
{
  /* FHIR strings may not be empty. */
  if (text != NULL && *text != '\0')
    glide_json_writer_member_string (w, key, text);
}

static void
write_coding (GlideJsonWriter *w,
              const char      *system,
              const char      *code,
              const char      *display)
{
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "system", system);
  glide_json_writer_member_string (w, "code", code);
  member_text (w, "display", display);
  glide_json_writer_end_object (w);
}

static void
write_standard_coding (GlideJsonWriter     *w,
                       const GlideFhirCode *code)
{
  write_coding (w, code->system, code->code, code->display);
}

static void
write_glide_coding (GlideJsonWriter *w,
                    GlideCodeList    list,
                    int              value)
{
  g_autofree char *system = glide_fhir_code_system (list);

  write_coding (w, system, glide_code_list_code (list, value),
                glide_fhir_code_display (list, value));
}

/* A CodeableConcept of one Glide code, its label (translated) as text. */
static void
member_glide_concept (GlideJsonWriter *w,
                      const char      *key,
                      GlideCodeList    list,
                      int              value)
{
  glide_json_writer_key (w, key);
  glide_json_writer_begin_object (w);
  glide_json_writer_key (w, "coding");
  glide_json_writer_begin_array (w);
  write_glide_coding (w, list, value);
  glide_json_writer_end_array (w);
  member_text (w, "text", glide_code_list_label (list, value));
  glide_json_writer_end_object (w);
}

static void
member_concept (GlideJsonWriter *w,
                const char      *key,
                const char      *system,
                const char      *code,
                const char      *display,
                const char      *text)
{
  glide_json_writer_key (w, key);
  glide_json_writer_begin_object (w);
  if (code != NULL)
    {
      glide_json_writer_key (w, "coding");
      glide_json_writer_begin_array (w);
      write_coding (w, system, code, display);
      glide_json_writer_end_array (w);
    }
  member_text (w, "text", text);
  glide_json_writer_end_object (w);
}

static void
member_quantity (GlideJsonWriter *w,
                 const char      *key,
                 double           value,
                 const char      *unit)
{
  glide_json_writer_key (w, key);
  glide_json_writer_begin_object (w);
  glide_json_writer_member_number (w, "value", value);
  glide_json_writer_member_string (w, "unit", unit);
  glide_json_writer_member_string (w, "system", UCUM);
  glide_json_writer_member_string (w, "code", unit);
  glide_json_writer_end_object (w);
}

static void
member_reference (Export     *ex,
                  const char *key,
                  Resource    type,
                  const Id   *id)
{
  g_autofree char *reference = ex->ndjson ?
                               g_strdup_printf ("%s/%s", resource_names[type], id->text) :
                               g_strdup_printf ("urn:uuid:%s", id->text);

  glide_json_writer_key (ex->w, key);
  glide_json_writer_begin_object (ex->w);
  glide_json_writer_member_string (ex->w, "reference", reference);
  glide_json_writer_end_object (ex->w);
}

/* A reference in an array: the array's element. */
static void
add_reference (Export   *ex,
               Resource  type,
               const Id *id)
{
  g_autofree char *reference = ex->ndjson ?
                               g_strdup_printf ("%s/%s", resource_names[type], id->text) :
                               g_strdup_printf ("urn:uuid:%s", id->text);

  glide_json_writer_begin_object (ex->w);
  glide_json_writer_member_string (ex->w, "reference", reference);
  glide_json_writer_end_object (ex->w);
}

/* The therapist, remembered so that their Practitioner is written. */
static gboolean
practitioner_id (Export *ex,
                 gint64  therapist_id,
                 Id     *id)
{
  GlideTherapist *t = therapist_id ? g_hash_table_lookup (ex->therapists, &therapist_id) : NULL;

  if (t == NULL)
    return FALSE;
  g_hash_table_insert (ex->used_therapists, &t->id, t);
  *id = record_id (RESOURCE_PRACTITIONER, t->id);
  return TRUE;
}

static void
begin_resource (Export   *ex,
                Resource  type,
                const Id *id)
{
  if (ex->ndjson)
    {
      ex->memory = g_memory_output_stream_new_resizable ();
      ex->w = glide_json_writer_new (ex->memory);
      ex->current = type;
    }
  else
    {
      g_autofree char *full_url = g_strdup_printf ("urn:uuid:%s", id->text);

      glide_json_writer_begin_object (ex->w);
      glide_json_writer_member_string (ex->w, "fullUrl", full_url);
      glide_json_writer_key (ex->w, "resource");
    }
  glide_json_writer_begin_object (ex->w);
  glide_json_writer_member_string (ex->w, "resourceType", resource_names[type]);
  glide_json_writer_member_string (ex->w, "id", id->text);
}

/* NDJSON: the resource on one line. The writer's line breaks and indents
 * are all outside strings (it escapes a line break inside one). */
static gboolean
end_resource (Export  *ex,
              GError **error)
{
  GMemoryOutputStream *memory;
  const char *data;
  gsize size;
  gboolean ok;

  glide_json_writer_end_object (ex->w);
  if (!ex->ndjson)
    {
      glide_json_writer_end_object (ex->w);
      return TRUE;
    }

  ok = glide_json_writer_finish (ex->w, error) &&
       g_output_stream_close (ex->memory, NULL, error);
  g_clear_pointer (&ex->w, glide_json_writer_free);
  if (ok)
    {
      memory = G_MEMORY_OUTPUT_STREAM (ex->memory);
      data = g_memory_output_stream_get_data (memory);
      size = g_memory_output_stream_get_data_size (memory);
      g_string_truncate (ex->line, 0);
      for (gsize i = 0; i < size; i++)
        {
          if (data[i] == '\n')
            {
              while (i + 1 < size && data[i + 1] == ' ')
                i++;
              continue;
            }
          g_string_append_c (ex->line, data[i]);
        }
      g_string_append_c (ex->line, '\n');
      ok = g_output_stream_write_all (glide_atomic_file_get_stream (ex->files[ex->current]),
                                      ex->line->str, ex->line->len, NULL, NULL, error);
    }
  g_clear_object (&ex->memory);
  return ok;
}

static gboolean
write_organization (Export             *ex,
                    const GlideClinic  *clinic,
                    GError            **error)
{
  GlideJsonWriter *w;

  begin_resource (ex, RESOURCE_ORGANIZATION, &ex->organization);
  w = ex->w;
  glide_json_writer_member_bool (w, "active", TRUE);
  member_text (w, "name", clinic->name);
  if (clinic->phone != NULL && *clinic->phone != '\0')
    {
      glide_json_writer_key (w, "telecom");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "system", "phone");
      glide_json_writer_member_string (w, "value", clinic->phone);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  if (clinic->address != NULL && *clinic->address != '\0')
    {
      glide_json_writer_key (w, "address");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "text", clinic->address);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  return end_resource (ex, error);
}

/* "identifier": [{ "system": SYSTEM, "value": VALUE }] */
static void
write_identifier (GlideJsonWriter *w,
                  const char      *system,
                  const char      *value)
{
  glide_json_writer_key (w, "identifier");
  glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "system", system);
  glide_json_writer_member_string (w, "value", value);
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
}

static gboolean
write_practitioner (Export               *ex,
                    const GlideTherapist *t,
                    GError              **error)
{
  Id id = record_id (RESOURCE_PRACTITIONER, t->id);
  GlideJsonWriter *w;

  begin_resource (ex, RESOURCE_PRACTITIONER, &id);
  w = ex->w;
  write_identifier (w, GLIDE_FHIR_BASE "therapist", t->code);
  glide_json_writer_member_bool (w, "active", t->active);
  glide_json_writer_key (w, "name");
  glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  member_text (w, "text", t->name);
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
  if (t->credentials != NULL && *t->credentials != '\0')
    {
      glide_json_writer_key (w, "qualification");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      member_concept (w, "code", NULL, NULL, NULL, t->credentials);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  return end_resource (ex, error);
}

static gboolean
write_patient (Export              *ex,
               const GlidePatient  *patient,
               GError             **error)
{
  Id id = record_id (RESOURCE_PATIENT, patient->id);
  GlideJsonWriter *w;

  begin_resource (ex, RESOURCE_PATIENT, &id);
  w = ex->w;
  write_identifier (w, GLIDE_FHIR_BASE "chart", patient->chart);
  glide_json_writer_key (w, "name");
  glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  member_text (w, "family", patient->family_name);
  if (patient->given_name != NULL && *patient->given_name != '\0')
    {
      glide_json_writer_key (w, "given");
      glide_json_writer_begin_array (w);
      glide_json_writer_string (w, patient->given_name);
      glide_json_writer_end_array (w);
    }
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
  member_text (w, "birthDate", patient->birth_date);
  member_reference (ex, "managingOrganization", RESOURCE_ORGANIZATION, &ex->organization);
  return end_resource (ex, error);
}

static gboolean
write_course (Export             *ex,
              const GlidePatient *patient,
              const GlideCourse  *course,
              GError            **error)
{
  Id patient_id = record_id (RESOURCE_PATIENT, patient->id);
  Id condition = record_id (RESOURCE_CONDITION, course->id);
  Id episode = record_id (RESOURCE_EPISODE_OF_CARE, course->id);
  const GlideFhirCode *icd10 = glide_fhir_code_lookup (GLIDE_FHIR_KEY_DIAGNOSIS, 0);
  gboolean ended = course->end_date != NULL;
  GlideJsonWriter *w;

  begin_resource (ex, RESOURCE_CONDITION, &condition);
  w = ex->w;
  member_concept (w, "clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical",
                  ended ? "resolved" : "active", ended ? "Resolved" : "Active", NULL);
  glide_json_writer_key (w, "code");
  glide_json_writer_begin_object (w);
  if (course->icd10 != NULL && *course->icd10 != '\0')
    {
      glide_json_writer_key (w, "coding");
      glide_json_writer_begin_array (w);
      write_coding (w, icd10->system, course->icd10, NULL);
      glide_json_writer_end_array (w);
    }
  member_text (w, "text", course->diagnosis);
  glide_json_writer_end_object (w);
  member_reference (ex, "subject", RESOURCE_PATIENT, &patient_id);
  member_text (w, "onsetDateTime", course->start_date);
  member_text (w, "abatementDateTime", course->end_date);
  if (!end_resource (ex, error))
    return FALSE;

  begin_resource (ex, RESOURCE_EPISODE_OF_CARE, &episode);
  w = ex->w;
  glide_json_writer_member_string (w, "status", ended ? "finished" : "active");
  glide_json_writer_key (w, "diagnosis");
  glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  member_reference (ex, "condition", RESOURCE_CONDITION, &condition);
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
  member_reference (ex, "patient", RESOURCE_PATIENT, &patient_id);
  member_reference (ex, "managingOrganization", RESOURCE_ORGANIZATION, &ex->organization);
  if (course->start_date != NULL || course->end_date != NULL)
    {
      glide_json_writer_key (w, "period");
      glide_json_writer_begin_object (w);
      member_text (w, "start", course->start_date);
      member_text (w, "end", course->end_date);
      glide_json_writer_end_object (w);
    }
  return end_resource (ex, error);
}

/* The site, as SNOMED CT where it was verified and as a Glide code, the
 * side in a laterality extension (SNOMED CT qualifier values). */
static void
member_body_site (GlideJsonWriter *w,
                  const char      *key,
                  GlideSite        site,
                  GlideSide        side,
                  gboolean         in_array)
{
  const GlideFhirCode *standard = glide_fhir_code_lookup (GLIDE_FHIR_KEY_SITE, site);
  const GlideFhirCode *laterality = glide_fhir_code_lookup (GLIDE_FHIR_KEY_SIDE, side);
  g_autofree char *label = glide_area_get_label (site, side);

  glide_json_writer_key (w, key);
  if (in_array)
    glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  if (laterality != NULL)
    {
      glide_json_writer_key (w, "extension");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "url", STRUCTURE_BASE "laterality");
      glide_json_writer_key (w, "valueCoding");
      write_standard_coding (w, laterality);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  glide_json_writer_key (w, "coding");
  glide_json_writer_begin_array (w);
  if (standard != NULL)
    write_standard_coding (w, standard);
  write_glide_coding (w, GLIDE_CODE_LIST_SITE, site);
  glide_json_writer_end_array (w);
  member_text (w, "text", label);
  glide_json_writer_end_object (w);
  if (in_array)
    glide_json_writer_end_array (w);
}

static void
add_coding_extension (GlideJsonWriter *w,
                      const char      *name,
                      GlideCodeList    list,
                      int              value)
{
  g_autofree char *url = g_strconcat (STRUCTURE_BASE "iastm-", name, NULL);

  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "url", url);
  glide_json_writer_key (w, "valueCoding");
  write_glide_coding (w, list, value);
  glide_json_writer_end_object (w);
}

static void
member_category (GlideJsonWriter *w,
                 const char      *code,
                 const char      *display)
{
  glide_json_writer_key (w, "category");
  glide_json_writer_begin_array (w);
  glide_json_writer_begin_object (w);
  glide_json_writer_key (w, "coding");
  glide_json_writer_begin_array (w);
  write_coding (w, "http://terminology.hl7.org/CodeSystem/observation-category", code, display);
  glide_json_writer_end_array (w);
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
}

/* The start of an Observation of the session: its status and category. */
static void
begin_observation (Export             *ex,
                   const Id           *id,
                   const GlideSession *s,
                   const char         *category,
                   const char         *category_display)
{
  begin_resource (ex, RESOURCE_OBSERVATION, id);
  /* A draft's values may still change: preliminary, never final. */
  glide_json_writer_member_string (ex->w, "status", s->signed_by ? "final" : "preliminary");
  member_category (ex->w, category, category_display);
}

static void
observation_context (Export             *ex,
                     const GlideSession *s,
                     const Id           *patient,
                     const Id           *encounter)
{
  Id performer;

  member_reference (ex, "subject", RESOURCE_PATIENT, patient);
  member_reference (ex, "encounter", RESOURCE_ENCOUNTER, encounter);
  member_datetime (ex->w, "effectiveDateTime", s->start);
  if (practitioner_id (ex, s->therapist_id, &performer))
    {
      glide_json_writer_key (ex->w, "performer");
      glide_json_writer_begin_array (ex->w);
      add_reference (ex, RESOURCE_PRACTITIONER, &performer);
      glide_json_writer_end_array (ex->w);
    }
}

/* Opens a component with its code; the caller adds the value and closes it. */
static void
add_component (GlideJsonWriter *w,
               const char      *code,
               const char      *display)
{
  glide_json_writer_begin_object (w);
  member_concept (w, "code", OBSERVATION_SYSTEM, code, display, NULL);
}

static gboolean
write_treatment (Export               *ex,
                 const GlideSession   *s,
                 const GlideTreatment *tr,
                 guint                 position,
                 const Id             *patient,
                 const Id             *encounter,
                 GError              **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", s->id, position);
  g_autofree char *skin_key = g_strconcat (key, "/skin", NULL);
  Id procedure = make_id (RESOURCE_PROCEDURE, key);
  Id skin = make_id (RESOURCE_OBSERVATION, skin_key);
  const GlideFhirCode *cpt = glide_fhir_code_lookup (GLIDE_FHIR_KEY_PROCEDURE, 0);
  GlideInstrument *tool = tr->instrument_id ?
                          g_hash_table_lookup (ex->tools, &tr->instrument_id) : NULL;
  GlideJsonWriter *w;
  Id performer;

  begin_resource (ex, RESOURCE_PROCEDURE, &procedure);
  w = ex->w;
  glide_json_writer_key (w, "extension");
  glide_json_writer_begin_array (w);
  add_coding_extension (w, "stroke", GLIDE_CODE_LIST_STROKE, tr->stroke);
  add_coding_extension (w, "edge", GLIDE_CODE_LIST_EDGE, tr->edge);
  if (tr->technique != GLIDE_TECHNIQUE_NONE)
    add_coding_extension (w, "technique", GLIDE_CODE_LIST_TECHNIQUE, tr->technique);
  if (tr->pressure != GLIDE_PRESSURE_NONE)
    add_coding_extension (w, "pressure", GLIDE_CODE_LIST_PRESSURE, tr->pressure);
  glide_json_writer_begin_object (w);
  glide_json_writer_member_string (w, "url", STRUCTURE_BASE "iastm-duration");
  member_quantity (w, "valueDuration", tr->duration_s, "s");
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
  /* A draft's treatment is not yet documented as done. */
  glide_json_writer_member_string (w, "status", s->signed_by ? "completed" : "in-progress");
  member_concept (w, "code", cpt->system, cpt->code, cpt->display,
                  "Instrument-assisted soft tissue mobilization (IASTM)");
  member_reference (ex, "subject", RESOURCE_PATIENT, patient);
  member_reference (ex, "encounter", RESOURCE_ENCOUNTER, encounter);
  member_datetime (w, "performedDateTime", s->start);
  if (practitioner_id (ex, s->therapist_id, &performer))
    {
      glide_json_writer_key (w, "performer");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      member_reference (ex, "actor", RESOURCE_PRACTITIONER, &performer);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  member_body_site (w, "bodySite", tr->site, tr->side, TRUE);
  if (tr->note != NULL && *tr->note != '\0')
    {
      glide_json_writer_key (w, "note");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      glide_json_writer_member_string (w, "text", tr->note);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  if (tool != NULL)
    {
      glide_json_writer_key (w, "usedCode");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      glide_json_writer_key (w, "coding");
      glide_json_writer_begin_array (w);
      write_glide_coding (w, GLIDE_CODE_LIST_MATERIAL, tool->material);
      glide_json_writer_end_array (w);
      member_text (w, "text", tool->name);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  if (!end_resource (ex, error))
    return FALSE;

  /* The skin's response to this area: redness and petechiae. */
  begin_observation (ex, &skin, s, "exam", "Exam");
  w = ex->w;
  member_concept (w, "code", OBSERVATION_SYSTEM, "skin-response", "Skin response to IASTM",
                  _("Skin response"));
  observation_context (ex, s, patient, encounter);
  glide_json_writer_key (w, "partOf");
  glide_json_writer_begin_array (w);
  add_reference (ex, RESOURCE_PROCEDURE, &procedure);
  glide_json_writer_end_array (w);
  member_body_site (w, "bodySite", tr->site, tr->side, FALSE);
  glide_json_writer_key (w, "component");
  glide_json_writer_begin_array (w);
  add_component (w, "redness", "Redness");
  member_glide_concept (w, "valueCodeableConcept", GLIDE_CODE_LIST_REDNESS, tr->redness);
  glide_json_writer_end_object (w);
  add_component (w, "petechiae", "Petechiae");
  glide_json_writer_member_bool (w, "valueBoolean", tr->petechiae);
  glide_json_writer_end_object (w);
  glide_json_writer_end_array (w);
  return end_resource (ex, error);
}

static gboolean
write_measurement (Export                 *ex,
                   const GlideSession     *s,
                   const GlideMeasurement *m,
                   const Id               *patient,
                   const Id               *encounter,
                   GError                **error)
{
  GlideMeasureKind kind = glide_measure_get_kind (m->measure);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s/%s/%s", s->id,
                                          glide_code_list_code (GLIDE_CODE_LIST_MEASURE,
                                                                m->measure),
                                          m->side == GLIDE_SIDE_NONE ? "-" :
                                          glide_code_list_code (GLIDE_CODE_LIST_SIDE, m->side),
                                          glide_code_list_code (GLIDE_CODE_LIST_TIMING,
                                                                m->timing));
  Id id = make_id (RESOURCE_OBSERVATION, key);
  const GlideFhirCode *standard = glide_fhir_code_lookup (GLIDE_FHIR_KEY_MEASURE, m->measure);
  const GlideFhirCode *laterality = glide_fhir_code_lookup (GLIDE_FHIR_KEY_SIDE, m->side);
  const char *label = glide_code_list_label (GLIDE_CODE_LIST_MEASURE, m->measure);
  GlideJsonWriter *w;

  if (standard == NULL)
    standard = glide_fhir_code_lookup (GLIDE_FHIR_KEY_MEASURE_KIND, kind);

  begin_observation (ex, &id, s,
                     kind == GLIDE_MEASURE_KIND_ROM ? "exam" : "survey",
                     kind == GLIDE_MEASURE_KIND_ROM ? "Exam" : "Survey");
  w = ex->w;
  if (standard != NULL)
    member_concept (w, "code", standard->system, standard->code, standard->display, label);
  else
    member_glide_concept (w, "code", GLIDE_CODE_LIST_MEASURE, m->measure);
  observation_context (ex, s, patient, encounter);
  member_quantity (w, "valueQuantity", m->value,
                   kind == GLIDE_MEASURE_KIND_ROM ? "deg" : "{score}");
  glide_json_writer_key (w, "component");
  glide_json_writer_begin_array (w);
  add_component (w, "timing", "Before or after treatment");
  member_glide_concept (w, "valueCodeableConcept", GLIDE_CODE_LIST_TIMING, m->timing);
  glide_json_writer_end_object (w);
  if (kind == GLIDE_MEASURE_KIND_ROM)
    {
      add_component (w, "motion", "Motion");
      member_glide_concept (w, "valueCodeableConcept", GLIDE_CODE_LIST_MEASURE, m->measure);
      glide_json_writer_end_object (w);
    }
  if (laterality != NULL)
    {
      add_component (w, "side", "Side of the body");
      member_concept (w, "valueCodeableConcept", laterality->system, laterality->code,
                      laterality->display,
                      glide_code_list_label (GLIDE_CODE_LIST_SIDE, m->side));
      glide_json_writer_end_object (w);
    }
  glide_json_writer_end_array (w);
  return end_resource (ex, error);
}

static gboolean
write_session (Export             *ex,
               const GlidePatient *patient,
               const GlideCourse  *course,
               const GlideSession *s,
               GError            **error)
{
  Id patient_id = record_id (RESOURCE_PATIENT, patient->id);
  Id episode = record_id (RESOURCE_EPISODE_OF_CARE, course->id);
  Id encounter = record_id (RESOURCE_ENCOUNTER, s->id);
  GlideJsonWriter *w;
  Id therapist;

  if (!glide_session_check_codes (s, patient->chart, error))
    return FALSE;
  begin_resource (ex, RESOURCE_ENCOUNTER, &encounter);
  w = ex->w;
  /* A draft is a visit whose note is not signed yet. */
  glide_json_writer_member_string (w, "status", s->signed_by ? "finished" : "in-progress");
  glide_json_writer_key (w, "class");
  write_coding (w, "http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory");
  member_reference (ex, "subject", RESOURCE_PATIENT, &patient_id);
  glide_json_writer_key (w, "episodeOfCare");
  glide_json_writer_begin_array (w);
  add_reference (ex, RESOURCE_EPISODE_OF_CARE, &episode);
  glide_json_writer_end_array (w);
  if (practitioner_id (ex, s->therapist_id, &therapist))
    {
      glide_json_writer_key (w, "participant");
      glide_json_writer_begin_array (w);
      glide_json_writer_begin_object (w);
      member_reference (ex, "individual", RESOURCE_PRACTITIONER, &therapist);
      glide_json_writer_end_object (w);
      glide_json_writer_end_array (w);
    }
  glide_json_writer_key (w, "period");
  glide_json_writer_begin_object (w);
  member_datetime (w, "start", s->start);
  member_datetime (w, "end", s->end);
  glide_json_writer_end_object (w);
  member_reference (ex, "serviceProvider", RESOURCE_ORGANIZATION, &ex->organization);
  if (!end_resource (ex, error))
    return FALSE;

  for (guint i = 0; i < s->treatments->len; i++)
    if (!write_treatment (ex, s, g_ptr_array_index (s->treatments, i), i + 1, &patient_id,
                          &encounter, error))
      return FALSE;
  for (guint i = 0; i < s->measurements->len; i++)
    if (!write_measurement (ex, s, g_ptr_array_index (s->measurements, i), &patient_id,
                            &encounter, error))
      return FALSE;
  return TRUE;
}

/* A goal's status as FHIR's lifecycle and achievement (NULL: none). */
static void
goal_status_codes (GlideGoalStatus  status,
                   const char     **lifecycle,
                   const char     **achievement)
{
  *achievement = NULL;
  switch (status)
    {
    case GLIDE_GOAL_PROGRESSING:
      *lifecycle = "active";
      *achievement = "in-progress";
      break;
    case GLIDE_GOAL_MET:
      *lifecycle = "completed";
      *achievement = "achieved";
      break;
    case GLIDE_GOAL_PARTLY_MET:
      *lifecycle = "completed";
      *achievement = "improving";
      break;
    case GLIDE_GOAL_NOT_MET:
      *lifecycle = "completed";
      *achievement = "not-achieved";
      break;
    case GLIDE_GOAL_REVISED:
      /* Replaced by a new goal, which the record keeps beside it. */
      *lifecycle = "cancelled";
      break;
    case GLIDE_GOAL_NOT_STARTED:
    default:
      *lifecycle = "accepted";
      break;
    }
}

/* The course's goals: what is sought, its measured target and date, and
 * the status the therapist set last. */
static gboolean
write_goals (Export             *ex,
             const GlidePatient *patient,
             const GlideCourse  *course,
             GError            **error)
{
  g_autoptr(GPtrArray) goals = glide_store_list_goals (ex->store, course->id, error);
  Id patient_id = record_id (RESOURCE_PATIENT, patient->id);
  Id condition = record_id (RESOURCE_CONDITION, course->id);

  if (goals == NULL)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      const GlideGoal *goal = g_ptr_array_index (goals, i);
      const GlideGoalStatusEntry *latest = goal->history->len > 0 ?
        g_ptr_array_index (goal->history, goal->history->len - 1) : NULL;
      Id id = record_id (RESOURCE_GOAL, goal->id);
      const char *lifecycle, *achievement;
      g_autofree char *started = goal->created_at ? g_strndup (goal->created_at, 10) : NULL;
      g_autofree char *status_date = latest && latest->at ? g_strndup (latest->at, 10) : NULL;
      GlideJsonWriter *w;

      goal_status_codes (glide_goal_get_status (goal), &lifecycle, &achievement);
      begin_resource (ex, RESOURCE_GOAL, &id);
      w = ex->w;
      glide_json_writer_member_string (w, "lifecycleStatus", lifecycle);
      if (achievement != NULL)
        member_concept (w, "achievementStatus",
                        "http://terminology.hl7.org/CodeSystem/goal-achievement", achievement,
                        NULL, NULL);
      glide_json_writer_key (w, "description");
      glide_json_writer_begin_object (w);
      member_text (w, "text", goal->text);
      glide_json_writer_end_object (w);
      member_reference (ex, "subject", RESOURCE_PATIENT, &patient_id);
      member_text (w, "startDate", started);
      if ((int) goal->measure >= 0 || goal->target_date != NULL)
        {
          glide_json_writer_key (w, "target");
          glide_json_writer_begin_array (w);
          glide_json_writer_begin_object (w);
          if ((int) goal->measure >= 0)
            {
              GlideMeasureKind kind = glide_measure_get_kind (goal->measure);
              const GlideFhirCode *standard = glide_fhir_code_lookup (GLIDE_FHIR_KEY_MEASURE,
                                                                       goal->measure);

              if (standard == NULL)
                standard = glide_fhir_code_lookup (GLIDE_FHIR_KEY_MEASURE_KIND, kind);
              if (standard != NULL)
                member_concept (w, "measure", standard->system, standard->code,
                                standard->display,
                                glide_fhir_code_display (GLIDE_CODE_LIST_MEASURE, goal->measure));
              else
                member_glide_concept (w, "measure", GLIDE_CODE_LIST_MEASURE, goal->measure);
              member_quantity (w, "detailQuantity", goal->target,
                               kind == GLIDE_MEASURE_KIND_ROM ? "deg" : "{score}");
            }
          member_text (w, "dueDate", goal->target_date);
          glide_json_writer_end_object (w);
          glide_json_writer_end_array (w);
        }
      member_text (w, "statusDate", status_date);
      glide_json_writer_key (w, "addresses");
      glide_json_writer_begin_array (w);
      add_reference (ex, RESOURCE_CONDITION, &condition);
      glide_json_writer_end_array (w);
      if (!end_resource (ex, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_patient_record (Export             *ex,
                      const GlidePatient *patient,
                      GError            **error)
{
  g_autoptr(GPtrArray) courses = glide_store_list_courses (ex->store, patient->id, error);

  if (courses == NULL || !write_patient (ex, patient, error))
    return FALSE;
  for (guint c = 0; c < courses->len; c++)
    {
      const GlideCourse *course = g_ptr_array_index (courses, c);
      g_autoptr(GPtrArray) sessions = NULL;

      if (!write_course (ex, patient, course, error) ||
          !write_goals (ex, patient, course, error) ||
          !(sessions = glide_store_list_sessions (ex->store, course->id, error)))
        return FALSE;
      for (guint i = 0; i < sessions->len; i++)
        if (!write_session (ex, patient, course, g_ptr_array_index (sessions, i), error))
          return FALSE;
    }
  g_ptr_array_add (ex->charts, g_strdup (patient->chart));
  return TRUE;
}

static int
compare_therapists (gconstpointer a,
                    gconstpointer b)
{
  const GlideTherapist *ta = *(GlideTherapist **) a;
  const GlideTherapist *tb = *(GlideTherapist **) b;

  return ta->id < tb->id ? -1 : ta->id > tb->id;
}

/* Everything but the files: the clinic, the patients, then the therapists
 * they name (in id order, so that the output does not depend on a hash). */
static gboolean
write_all (Export             *ex,
           GPtrArray          *patients,
           const GlideClinic  *clinic,
           GError            **error)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (!write_organization (ex, clinic, error))
    return FALSE;
  for (guint i = 0; i < patients->len; i++)
    if (!write_patient_record (ex, g_ptr_array_index (patients, i), error))
      return FALSE;
  g_hash_table_iter_init (&iter, ex->used_therapists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (used, value);
  g_ptr_array_sort (used, compare_therapists);
  for (guint i = 0; i < used->len; i++)
    if (!write_practitioner (ex, g_ptr_array_index (used, i), error))
      return FALSE;
  return TRUE;
}

/* The patients to export, before any file is made: an unknown chart is an
 * error that leaves nothing behind. */
static gboolean
export_begin (Export       *ex,
              GlideStore   *store,
              const char   *chart,
              GPtrArray   **patients,
              GlideClinic **clinic,
              GError      **error)
{
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GPtrArray) tools = NULL;

  ex->store = store;
  if (chart != NULL)
    {
      GlidePatient *patient = glide_store_find_patient (store, chart, error);

      if (patient == NULL)
        return FALSE;
      *patients = g_ptr_array_new_with_free_func ((GDestroyNotify) glide_patient_free);
      g_ptr_array_add (*patients, patient);
    }
  else if (!(*patients = glide_store_list_patients (store, error)))
    return FALSE;
  if (!(*clinic = glide_store_get_clinic (store, error)) ||
      !(therapists = glide_store_list_therapists (store, TRUE, error)) ||
      !(tools = glide_store_list_instruments (store, error)))
    return FALSE;

  ex->therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) glide_therapist_free);
  ex->tools = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                     (GDestroyNotify) glide_instrument_free);
  ex->used_therapists = g_hash_table_new (g_int64_hash, g_int64_equal);
  ex->charts = g_ptr_array_new_with_free_func (g_free);
  ex->line = g_string_new (NULL);
  ex->organization = make_id (RESOURCE_ORGANIZATION, "clinic");
  g_ptr_array_set_free_func (therapists, NULL);
  g_ptr_array_set_free_func (tools, NULL);
  for (guint i = 0; i < therapists->len; i++)
    {
      GlideTherapist *t = g_ptr_array_index (therapists, i);

      g_hash_table_insert (ex->therapists, &t->id, t);
    }
  for (guint i = 0; i < tools->len; i++)
    {
      GlideInstrument *t = g_ptr_array_index (tools, i);

      g_hash_table_insert (ex->tools, &t->id, t);
    }
  return TRUE;
}

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->bundle_writer, glide_json_writer_free);
  if (ex->ndjson)
    g_clear_pointer (&ex->w, glide_json_writer_free);
  g_clear_object (&ex->memory);
  g_clear_pointer (&ex->bundle, glide_atomic_file_free);
  for (guint i = 0; i < N_RESOURCES; i++)
    g_clear_pointer (&ex->files[i], glide_atomic_file_free);
  g_clear_pointer (&ex->therapists, g_hash_table_unref);
  g_clear_pointer (&ex->tools, g_hash_table_unref);
  g_clear_pointer (&ex->used_therapists, g_hash_table_unref);
  g_clear_pointer (&ex->charts, g_ptr_array_unref);
  if (ex->line != NULL)
    g_string_free (ex->line, TRUE);
  ex->line = NULL;
}

static gboolean
audit_export (Export      *ex,
              const char  *what,
              const char  *where,
              GError     **error)
{
  g_autofree char *details = g_strdup_printf ("FHIR %s to %s", what, where);

  return ex->charts->len == 0 ||
         glide_store_audit_document (ex->store, GLIDE_AUDIT_EXPORT, ex->charts, "fhir", details,
                                     error);
}

/* The export is in the audit log but could not be put in place (a full
 * device, a folder taken away): the log says so too, as far as it can. */
static void
audit_not_written (Export       *ex,
                   const char   *what,
                   const char   *where,
                   const GError *cause)
{
  g_autofree char *details = g_strdup_printf ("FHIR %s to %s was NOT written: %s", what, where,
                                              cause->message);

  if (ex->charts->len > 0 &&
      !glide_store_audit_document (ex->store, GLIDE_AUDIT_EXPORT, ex->charts, "fhir", details,
                                   NULL))
    g_warning ("The audit log could not record that the FHIR export to %s failed", where);
}

/**
 * glide_fhir_export:
 * @chart: (nullable): the patient's chart number; %NULL for every patient
 * @file: the Bundle's path
 *
 * Writes a FHIR R4 Bundle of type collection. An unknown chart, or any
 * error, leaves @file as it was.
 */
gboolean
glide_fhir_export (GlideStore  *store,
                   const char  *chart,
                   const char  *file,
                   GError     **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GlideClinic) clinic = NULL;
  g_autofree char *name = NULL;
  g_autofree char *bundle_key = NULL;
  g_autoptr(GError) local_error = NULL;
  Export ex = { 0 };
  gboolean ok = FALSE;
  Id bundle_id;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!export_begin (&ex, store, chart, &patients, &clinic, error) ||
      !(ex.bundle = glide_atomic_file_new (file, error)))
    goto out;

  ex.bundle_writer = ex.w = glide_json_writer_new (glide_atomic_file_get_stream (ex.bundle));
  bundle_key = g_strconcat ("glide:Bundle/", chart ? chart : "", NULL);
  bundle_id = make_named_id (bundle_key);
  glide_json_writer_begin_object (ex.w);
  glide_json_writer_member_string (ex.w, "resourceType", "Bundle");
  glide_json_writer_member_string (ex.w, "id", bundle_id.text);
  glide_json_writer_member_string (ex.w, "type", "collection");
  glide_json_writer_key (ex.w, "entry");
  glide_json_writer_begin_array (ex.w);
  if (!write_all (&ex, patients, clinic, error))
    goto out;
  glide_json_writer_end_array (ex.w);
  glide_json_writer_end_object (ex.w);

  name = g_path_get_basename (file);
  if (!glide_json_writer_finish (ex.w, error) ||
      !glide_atomic_file_sync (ex.bundle, error) ||
      !audit_export (&ex, "Bundle", name, error))
    goto out;
  if (!glide_atomic_file_commit (ex.bundle, &local_error))
    {
      audit_not_written (&ex, "Bundle", name, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  ok = TRUE;

out:
  export_clear (&ex);
  return ok;
}

/**
 * glide_fhir_export_ndjson:
 * @chart: (nullable): the patient's chart number; %NULL for every patient
 * @dir: the folder (made when missing)
 *
 * Writes TYPE.ndjson for each resource type, one resource a line (FHIR
 * Bulk Data); every file is written, empty when no resource has its type,
 * so that a folder never mixes two exports. They reach the folder together.
 */
gboolean
glide_fhir_export_ndjson (GlideStore  *store,
                          const char  *chart,
                          const char  *dir,
                          GError     **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GError) local_error = NULL;
  Export ex = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (GLIDE_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  ex.ndjson = TRUE;
  if (!export_begin (&ex, store, chart, &patients, &clinic, error))
    goto out;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      goto out;
    }
  for (guint i = 0; i < N_RESOURCES; i++)
    {
      g_autofree char *base = g_strconcat (resource_names[i], ".ndjson", NULL);
      g_autofree char *path = g_build_filename (dir, base, NULL);

      if (!(ex.files[i] = glide_atomic_file_new (path, error)))
        goto out;
    }
  if (!write_all (&ex, patients, clinic, error))
    goto out;
  for (guint i = 0; i < N_RESOURCES; i++)
    if (!glide_atomic_file_sync (ex.files[i], error))
      goto out;
  if (!audit_export (&ex, "NDJSON", dir, error))
    goto out;
  for (guint i = 0; i < N_RESOURCES; i++)
    if (!glide_atomic_file_commit (ex.files[i], &local_error))
      {
        audit_not_written (&ex, "NDJSON", dir, local_error);
        g_propagate_error (error, g_steal_pointer (&local_error));
        goto out;
      }
  ok = TRUE;

out:
  export_clear (&ex);
  return ok;
}
