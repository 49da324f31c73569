/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-schema.c: the schema as one array of migrations. Each step runs
 * in one transaction that also sets PRAGMA user_version. Code lists and limits
 * in CHECK constraints are filled in from glide-codes.c and glide-rules.h, so
 * the database refuses exactly what the rules refuse. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include <sqlite3.h>

#include "glide-rules.h"

#include <math.h>
#include <string.h>

/* A valid YYYY-MM-DD: with a modifier SQLite normalises 2026-02-30 to
 * 2026-03-02, so a real date is one that comes back unchanged. */
#define DATE_OK(col) \
  "(" col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" \
  " AND date(" col ", '+0 days') IS " col ")"
#define DATETIME_OK(col) \
  "(" col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]*'" \
  " AND date(substr(" col ", 1, 10), '+0 days') IS substr(" col ", 1, 10)" \
  " AND datetime(" col ") IS NOT NULL)"
#define SIGNED_SESSION(id) "(SELECT signed_at FROM sessions WHERE id = " id ") IS NOT NULL"

static const char schema_v1[] =
  "CREATE TABLE clinic ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= @MAX_NAME@),"
  "  address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= @MAX_LINE@),"
  "  phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= @MAX_PHONE@),"
  "  paper TEXT NOT NULL DEFAULT 'a4' CONSTRAINT paper_code CHECK (@ONE_OF paper PAPERS@)"
  ");"
  "INSERT INTO clinic (id) VALUES (1);"

  "CREATE TABLE therapists ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND @MAX_CODE@),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= @MAX_NAME@),"
  "  credentials TEXT NOT NULL DEFAULT '' CHECK (length(credentials) <= @MAX_NAME@),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"

  "CREATE TABLE instruments ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND @MAX_CODE@),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= @MAX_NAME@),"
  "  material TEXT NOT NULL CONSTRAINT material_code CHECK (@ONE_OF material MATERIALS@)"
  ");"

  "CREATE TABLE patients ("
  "  id INTEGER PRIMARY KEY,"
  "  chart TEXT NOT NULL UNIQUE CHECK (length(chart) BETWEEN 1 AND @MAX_CODE@),"
  "  family_name TEXT NOT NULL"
  "    CHECK (length(trim(family_name)) > 0 AND length(family_name) <= @MAX_NAME@),"
  "  given_name TEXT NOT NULL DEFAULT '' CHECK (length(given_name) <= @MAX_NAME@),"
  "  birth_date TEXT CONSTRAINT birth_date_is_date"
  "    CHECK (birth_date IS NULL OR " DATE_OK ("birth_date") "),"
  "  sort_key TEXT NOT NULL"
  ");"
  "CREATE INDEX patients_sort ON patients (sort_key);"

  /* Folded words of names and chart, for prefix search with an index. */
  "CREATE TABLE patient_words ("
  "  word TEXT NOT NULL,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (word, patient_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX patient_words_patient ON patient_words (patient_id);"

  "CREATE TABLE screening ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id),"
  "  condition TEXT NOT NULL CONSTRAINT condition_code CHECK (@ONE_OF condition CONDITIONS@),"
  "  present INTEGER NOT NULL CHECK (present IN (0, 1)),"
  "  recorded TEXT CONSTRAINT recorded_is_date CHECK (recorded IS NULL OR " DATE_OK ("recorded") "),"
  "  recorded_by INTEGER REFERENCES therapists (id),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@),"
  "  UNIQUE (patient_id, condition)"
  ");"

  "CREATE TABLE courses ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id),"
  "  diagnosis TEXT NOT NULL DEFAULT '' CHECK (length(diagnosis) <= @MAX_NAME@),"
  "  icd10 TEXT CHECK (icd10 IS NULL OR icd10 GLOB '[A-Z][0-9][0-9A-Z]*'),"
  "  start_date TEXT CONSTRAINT start_date_is_date"
  "    CHECK (start_date IS NULL OR " DATE_OK ("start_date") "),"
  "  end_date TEXT CONSTRAINT end_date_is_date CHECK (end_date IS NULL OR " DATE_OK ("end_date") "),"
  "  goals TEXT NOT NULL DEFAULT '' CHECK (length(goals) <= @MAX_NOTE@),"
  "  CONSTRAINT course_ends_after_start"
  "    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)"
  ");"
  "CREATE INDEX courses_patient ON courses (patient_id, start_date);"

  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  start TEXT NOT NULL CONSTRAINT start_is_datetime CHECK " DATETIME_OK ("start") ","
  "  therapist_id INTEGER NOT NULL REFERENCES therapists (id),"
  "  emollient TEXT NOT NULL DEFAULT '' CHECK (length(emollient) <= @MAX_NAME@),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@),"
  "  home_program TEXT NOT NULL DEFAULT '' CHECK (length(home_program) <= @MAX_NOTE@),"
  "  contraindication_override TEXT CHECK (contraindication_override IS NULL OR"
  "    (length(trim(contraindication_override)) > 0"
  "     AND length(contraindication_override) <= @MAX_NOTE@)),"
  "  signed_by INTEGER REFERENCES therapists (id),"
  "  signed_at TEXT CONSTRAINT signed_at_is_datetime"
  "    CHECK (signed_at IS NULL OR " DATETIME_OK ("signed_at") "),"
  "  CONSTRAINT signed_by_and_at_together CHECK ((signed_by IS NULL) = (signed_at IS NULL))"
  ");"
  "CREATE INDEX sessions_course ON sessions (course_id, start);"
  "CREATE INDEX sessions_unsigned ON sessions (course_id) WHERE signed_at IS NULL;"

  "CREATE TABLE treatments ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  position INTEGER NOT NULL,"
  "  site TEXT NOT NULL CONSTRAINT site_code CHECK (@ONE_OF site SITES@),"
  "  side TEXT NOT NULL CONSTRAINT treatment_side_fits_site"
  "    CHECK (CASE WHEN site IN (@MIDLINE_SITES@) THEN side = 'midline'"
  "           ELSE side IN ('left', 'right') END),"
  "  stroke TEXT NOT NULL CONSTRAINT stroke_code CHECK (@ONE_OF stroke STROKES@),"
  "  duration_s INTEGER NOT NULL CHECK (typeof(duration_s) = 'integer'"
  "    AND duration_s BETWEEN @DURATION_MIN@ AND @DURATION_MAX@),"
  "  edge TEXT NOT NULL CONSTRAINT edge_code CHECK (@ONE_OF edge EDGES@),"
  "  instrument_id INTEGER REFERENCES instruments (id),"
  "  technique TEXT CONSTRAINT technique_code"
  "    CHECK (technique IS NULL OR @ONE_OF technique TECHNIQUES@),"
  "  pressure TEXT CONSTRAINT pressure_code"
  "    CHECK (pressure IS NULL OR @ONE_OF pressure PRESSURES@),"
  "  redness TEXT NOT NULL CONSTRAINT redness_code CHECK (@ONE_OF redness REDNESSES@),"
  "  petechiae INTEGER NOT NULL CHECK (petechiae IN (0, 1)),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@),"
  "  UNIQUE (session_id, site, side),"
  "  UNIQUE (session_id, position)"
  ");"

  "CREATE TABLE measures ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  measure TEXT NOT NULL CONSTRAINT measure_code CHECK (@ONE_OF measure MEASURES@),"
  "  side TEXT CONSTRAINT side_code CHECK (side IS NULL OR @ONE_OF side SIDES@),"
  "  timing TEXT NOT NULL CONSTRAINT timing_code CHECK (@ONE_OF timing TIMINGS@),"
  "  value REAL NOT NULL CHECK (typeof(value) IN ('integer', 'real')),"
  "  CONSTRAINT measure_side_and_range CHECK (ifnull(CASE measure @MEASURE_RULES@ ELSE 0 END, 0))"
  ");"
  "CREATE INDEX measures_session ON measures (session_id);"
  "CREATE UNIQUE INDEX measures_once ON measures (session_id, measure, ifnull(side, ''), timing);"

  "CREATE TABLE addenda ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  therapist_id INTEGER NOT NULL REFERENCES therapists (id),"
  "  at TEXT NOT NULL CONSTRAINT at_is_datetime CHECK " DATETIME_OK ("at") ","
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= @MAX_NOTE@)"
  ");"
  "CREATE INDEX addenda_session ON addenda (session_id);"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL CONSTRAINT action_code CHECK (@ONE_OF action AUDIT_ACTIONS@),"
  "  chart TEXT,"
  "  entity TEXT NOT NULL,"
  "  details TEXT NOT NULL DEFAULT '',"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_log_chart ON audit_log (chart);"

  /* The newest entry of the chain, so that cutting entries off its end shows. */
  "CREATE TABLE audit_head ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  last_id INTEGER NOT NULL,"
  "  count INTEGER NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "INSERT INTO audit_head VALUES (1, 0, 0, '" GLIDE_AUDIT_GENESIS_HASH "');"

  /* Signed sessions, their treatments and measures never change. SQLite 3.40
   * only takes a literal message in RAISE; the store names the session. */
  "CREATE TRIGGER sessions_signed_no_update BEFORE UPDATE ON sessions"
  "  WHEN OLD.signed_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER sessions_signed_no_delete BEFORE DELETE ON sessions"
  "  WHEN OLD.signed_at IS NOT NULL"
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be deleted'); END;"
  "CREATE TRIGGER treatments_signed_no_insert BEFORE INSERT ON treatments"
  "  WHEN " SIGNED_SESSION ("NEW.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER treatments_signed_no_update BEFORE UPDATE ON treatments"
  "  WHEN " SIGNED_SESSION ("OLD.session_id") " OR " SIGNED_SESSION ("NEW.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER treatments_signed_no_delete BEFORE DELETE ON treatments"
  "  WHEN " SIGNED_SESSION ("OLD.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER measures_signed_no_insert BEFORE INSERT ON measures"
  "  WHEN " SIGNED_SESSION ("NEW.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER measures_signed_no_update BEFORE UPDATE ON measures"
  "  WHEN " SIGNED_SESSION ("OLD.session_id") " OR " SIGNED_SESSION ("NEW.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER measures_signed_no_delete BEFORE DELETE ON measures"
  "  WHEN " SIGNED_SESSION ("OLD.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER addenda_need_signed_session BEFORE INSERT ON addenda"
  "  WHEN NOT " SIGNED_SESSION ("NEW.session_id")
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda belong to signed sessions'); END;"
  "CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda"
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END;"
  "CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda"
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END;"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;";

static const char *const protective_triggers[] = {
  GLIDE_STORE_PROTECTIVE_TRIGGERS,
  GLIDE_STORE_SQLITE_REPLACE_TRIGGERS,
  NULL
};

typedef struct
{
  guint       version;
  const char *sql;
  /* Run in the step's transaction after its SQL, for what SQL cannot do. */
  gboolean  (*after) (GlideStore  *self,
                      GError     **error);
} Migration;

/* Append only: a released step never changes; a new schema is a new step. */
/* Version 2: what the session editor holds but could not yet store as a
 * draft (a half-typed value fails the rules), so a crash loses nothing. Not
 * part of the record: no audit, no export, cleared once the draft is saved. */
static const char schema_v2[] =
  "CREATE TABLE editor_recovery ("
  "  key      TEXT PRIMARY KEY,"
  "  saved_at TEXT NOT NULL,"
  "  title    TEXT NOT NULL,"
  "  content  TEXT NOT NULL"
  ") STRICT;";

/* Version 3: the record sealed. Each audit entry carries the digests of the
 * records it changed (audit_content) and a hash of them in its own hash;
 * audit_head names the database for the anchor file outside it. Inserts
 * that would replace a signed session's rows, an addendum or an audit entry
 * are refused (INSERT OR REPLACE deletes without firing delete triggers). */
#define SIGNED_CHILD(table) \
  "(SELECT s.signed_at FROM " table " x JOIN sessions s ON s.id = x.session_id" \
  " WHERE x.id = NEW.id) IS NOT NULL"
static const char schema_v3[] =
  "ALTER TABLE audit_log ADD COLUMN content TEXT"
  "  CHECK (content IS NULL OR length(content) = 64);"
  "ALTER TABLE audit_head ADD COLUMN database_id TEXT;"
  "UPDATE audit_head SET database_id = lower(hex(randomblob(16)));"
  "CREATE TABLE audit_content ("
  "  audit_id INTEGER NOT NULL REFERENCES audit_log (id) DEFERRABLE INITIALLY DEFERRED,"
  "  entity TEXT NOT NULL,"
  "  digest TEXT CHECK (digest IS NULL OR length(digest) = 64),"
  "  PRIMARY KEY (audit_id, entity)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER audit_content_no_update BEFORE UPDATE ON audit_content"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_content_no_delete BEFORE DELETE ON audit_content"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_content_no_replace BEFORE INSERT ON audit_content"
  "  WHEN EXISTS (SELECT 1 FROM audit_content"
  "               WHERE audit_id = NEW.audit_id AND entity = NEW.entity)"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log"
  "  WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER audit_head_no_replace BEFORE INSERT ON audit_head"
  "  WHEN EXISTS (SELECT 1 FROM audit_head)"
  "  BEGIN SELECT RAISE (ABORT, 'glide: the audit log is append-only'); END;"
  "CREATE TRIGGER sessions_signed_no_replace BEFORE INSERT ON sessions"
  "  WHEN NEW.signed_at IS NOT NULL OR NEW.signed_by IS NOT NULL"
  "    OR EXISTS (SELECT 1 FROM sessions WHERE id = NEW.id AND signed_at IS NOT NULL)"
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER treatments_signed_no_replace BEFORE INSERT ON treatments"
  "  WHEN " SIGNED_CHILD ("treatments")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER measures_signed_no_replace BEFORE INSERT ON measures"
  "  WHEN " SIGNED_CHILD ("measures")
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
  "CREATE TRIGGER addenda_no_replace BEFORE INSERT ON addenda"
  "  WHEN EXISTS (SELECT 1 FROM addenda WHERE id = NEW.id)"
  "  BEGIN SELECT RAISE (ABORT, 'glide: addenda are append-only'); END;";

/* Records written before version 3 are sealed as they are, in one entry
 * (on a new database: the clinic's row). The PostgreSQL back-end does the
 * same after its steps. */
gboolean
glide_store_seal_existing (GlideStore  *self,
                           guint        version,
                           GError     **error)
{
  g_autofree char *details = NULL;
  guint n = 0;

  if (!glide_store_seal_everything (self, version, &n, error))
    return FALSE;
  details = g_strdup_printf ("%u records sealed as they were (schema %u)", n, version);
  return glide_store_append_audit (self, GLIDE_AUDIT_CHANGE, NULL, "database", details, error);
}

/* The schema version the database is at (a backup may be older than this
 * program), read once; a migration sets it as it goes. */
gboolean
glide_store_get_database_version (GlideStore  *self,
                                  guint       *version,
                                  GError     **error)
{
  gint64 value = 0;

  if (self->database_version == 0)
    {
      if (!glide_store_query_int64 (self, glide_store_is_server (self) ?
                                    "SELECT version FROM glide_schema" : "PRAGMA user_version",
                                    &value, error))
        return FALSE;
      self->database_version = value;
    }
  *version = self->database_version;
  return TRUE;
}

static gboolean
seal_existing_records (GlideStore  *self,
                       GError     **error)
{
  return glide_store_seal_existing (self, 3, error);
}

/* Version 4: for the caseload at clinic scale (issue 15). Sessions by date:
 * the courses seen in a period come from an index instead of a read of
 * every session. The few treated areas with petechiae by session: "had
 * petechiae" is one probe of a small index, not a read of every area. */
static const char schema_v4[] =
  "CREATE INDEX sessions_start ON sessions (start, course_id);"
  "CREATE INDEX treatments_petechiae ON treatments (session_id) WHERE petechiae = 1;";

/* Version 5: a record's version is its newest audit entry (a save over a
 * version changed elsewhere is refused), found by entity in this index. */
static const char schema_v5[] =
  "CREATE INDEX audit_content_entity ON audit_content (entity, audit_id);";

/* Version 6: nothing changes on SQLite. The clinic server's schema checks
 * measures and times faster (glide-store-schema-pg.c); the versions of both
 * back-ends stay the same numbers. */
static const char schema_v6[] = "";

/* Version 7: the course of care (issue 16). Goals, their status entries,
 * progress reports, consents and discharges are written once; a goal is
 * revised by a new goal that replaces it, so nothing said about a course is
 * overwritten. A plan of care is one row per certification period and may
 * be edited (each change audited and sealed). New tables only: the records
 * sealed before keep their digests. */
#define NO_CHANGE(table, message) \
  "CREATE TRIGGER " table "_no_update BEFORE UPDATE ON " table \
  "  BEGIN SELECT RAISE (ABORT, 'glide: " message "'); END;" \
  "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table \
  "  BEGIN SELECT RAISE (ABORT, 'glide: " message "'); END;" \
  "CREATE TRIGGER " table "_no_replace BEFORE INSERT ON " table \
  "  WHEN EXISTS (SELECT 1 FROM " table " WHERE id = NEW.id)" \
  "  BEGIN SELECT RAISE (ABORT, 'glide: " message "'); END;"
#define SIGNED_CHILD_TRIGGERS(table) \
  "CREATE TRIGGER " table "_signed_no_insert BEFORE INSERT ON " table \
  "  WHEN " SIGNED_SESSION ("NEW.session_id") \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;" \
  "CREATE TRIGGER " table "_signed_no_update BEFORE UPDATE ON " table \
  "  WHEN " SIGNED_SESSION ("OLD.session_id") " OR " SIGNED_SESSION ("NEW.session_id") \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;" \
  "CREATE TRIGGER " table "_signed_no_delete BEFORE DELETE ON " table \
  "  WHEN " SIGNED_SESSION ("OLD.session_id") \
  "  BEGIN SELECT RAISE (ABORT, 'glide: a signed session cannot be changed'); END;"
static const char schema_v7[] =
  "CREATE TABLE goals ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= @MAX_LINE@),"
  "  measure TEXT CONSTRAINT goal_measure_code"
  "    CHECK (measure IS NULL OR @ONE_OF measure MEASURES@),"
  "  side TEXT CONSTRAINT goal_side_code CHECK (side IS NULL OR @ONE_OF side SIDES@),"
  "  target REAL CHECK (target IS NULL OR typeof(target) IN ('integer', 'real')),"
  "  target_date TEXT CONSTRAINT target_date_is_date"
  "    CHECK (target_date IS NULL OR " DATE_OK ("target_date") "),"
  "  replaces INTEGER REFERENCES goals (id) UNIQUE,"
  "  created_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  created_at TEXT NOT NULL CONSTRAINT created_at_is_datetime CHECK " DATETIME_OK ("created_at") ","
  "  CONSTRAINT goal_target_with_measure CHECK ((measure IS NULL) = (target IS NULL))"
  ");"
  "CREATE INDEX goals_course ON goals (course_id);"
  "CREATE TABLE goal_status ("
  "  id INTEGER PRIMARY KEY,"
  "  goal_id INTEGER NOT NULL REFERENCES goals (id),"
  "  status TEXT NOT NULL CONSTRAINT goal_status_code CHECK (@ONE_OF status GOAL_STATUSES@),"
  "  at TEXT NOT NULL CONSTRAINT at_is_datetime CHECK " DATETIME_OK ("at") ","
  "  set_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@)"
  ");"
  "CREATE INDEX goal_status_goal ON goal_status (goal_id);"
  "CREATE TABLE care_plans ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  cert_start TEXT NOT NULL CONSTRAINT cert_start_is_date CHECK " DATE_OK ("cert_start") ","
  "  cert_end TEXT NOT NULL CONSTRAINT cert_end_is_date CHECK " DATE_OK ("cert_end") ","
  "  visits_per_week INTEGER NOT NULL DEFAULT 0"
  "    CHECK (visits_per_week BETWEEN 0 AND @MAX_VISITS_PER_WEEK@),"
  "  weeks INTEGER NOT NULL DEFAULT 0 CHECK (weeks BETWEEN 0 AND @MAX_PLAN_WEEKS@),"
  "  interventions TEXT NOT NULL DEFAULT '' CHECK (length(interventions) <= @MAX_LINE@),"
  "  referring_name TEXT CHECK (referring_name IS NULL OR length(referring_name) <= @MAX_NAME@),"
  "  referring_id TEXT CHECK (referring_id IS NULL OR length(referring_id) <= @MAX_CODE@),"
  "  certifying_name TEXT"
  "    CHECK (certifying_name IS NULL OR length(certifying_name) <= @MAX_NAME@),"
  "  certifying_id TEXT CHECK (certifying_id IS NULL OR length(certifying_id) <= @MAX_CODE@),"
  "  certified_on TEXT CONSTRAINT certified_on_is_date"
  "    CHECK (certified_on IS NULL OR " DATE_OK ("certified_on") "),"
  "  report_due TEXT CONSTRAINT report_due_is_date"
  "    CHECK (report_due IS NULL OR " DATE_OK ("report_due") "),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@),"
  "  written_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  written_at TEXT NOT NULL CONSTRAINT written_at_is_datetime"
  "    CHECK " DATETIME_OK ("written_at") ","
  "  CONSTRAINT plan_period_in_order CHECK (cert_end >= cert_start)"
  ");"
  "CREATE INDEX care_plans_course ON care_plans (course_id, cert_start);"
  "CREATE TABLE progress_reports ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  date TEXT NOT NULL CONSTRAINT date_is_date CHECK " DATE_OK ("date") ","
  "  period_start TEXT NOT NULL CONSTRAINT period_start_is_date"
  "    CHECK " DATE_OK ("period_start") ","
  "  period_end TEXT NOT NULL CONSTRAINT period_end_is_date CHECK " DATE_OK ("period_end") ","
  "  visits INTEGER NOT NULL CHECK (visits >= 0),"
  "  assessment TEXT NOT NULL CHECK (length(trim(assessment)) > 0"
  "    AND length(assessment) <= @MAX_NOTE@),"
  "  plan TEXT NOT NULL DEFAULT '' CHECK (length(plan) <= @MAX_NOTE@),"
  "  next_due TEXT CONSTRAINT next_due_is_date CHECK (next_due IS NULL OR " DATE_OK ("next_due") "),"
  "  signed_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  signed_at TEXT NOT NULL CONSTRAINT signed_at_is_datetime CHECK " DATETIME_OK ("signed_at") ","
  "  CONSTRAINT report_period_in_order"
  "    CHECK (period_end >= period_start AND date >= period_end)"
  ");"
  "CREATE INDEX progress_reports_course ON progress_reports (course_id, date);"
  "CREATE TABLE consents ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  at TEXT NOT NULL CONSTRAINT at_is_datetime CHECK " DATETIME_OK ("at") ","
  "  obtained_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  risks TEXT NOT NULL CHECK (length(trim(risks)) > 0 AND length(risks) <= @MAX_LINE@),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= @MAX_NOTE@)"
  ");"
  "CREATE INDEX consents_course ON consents (course_id);"
  "CREATE TABLE discharges ("
  "  id INTEGER PRIMARY KEY,"
  "  course_id INTEGER NOT NULL UNIQUE REFERENCES courses (id),"
  "  date TEXT NOT NULL CONSTRAINT date_is_date CHECK " DATE_OK ("date") ","
  "  reason TEXT NOT NULL CONSTRAINT reason_code CHECK (@ONE_OF reason DISCHARGE_REASONS@),"
  "  note TEXT NOT NULL CHECK (length(trim(note)) > 0 AND length(note) <= @MAX_NOTE@),"
  "  discharged_by INTEGER NOT NULL REFERENCES therapists (id),"
  "  at TEXT NOT NULL CONSTRAINT at_is_datetime CHECK " DATETIME_OK ("at")
  ");"
  /* A visit's time, timed minutes per billing code, exercises and the
   * follow-up of the visit before: part of the session, sealed with it. */
  "CREATE TABLE session_details ("
  "  session_id INTEGER PRIMARY KEY REFERENCES sessions (id),"
  "  end_at TEXT CONSTRAINT end_at_is_datetime CHECK (end_at IS NULL OR " DATETIME_OK ("end_at") "),"
  "  total_minutes INTEGER NOT NULL DEFAULT 0"
  "    CHECK (typeof(total_minutes) = 'integer' AND total_minutes BETWEEN 0 AND @MAX_SESSION_MINUTES@),"
  "  reaction TEXT CONSTRAINT reaction_code CHECK (reaction IS NULL OR @ONE_OF reaction REACTIONS@),"
  "  reaction_note TEXT NOT NULL DEFAULT '' CHECK (length(reaction_note) <= @MAX_NOTE@)"
  ");"
  "CREATE TABLE session_billing ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  code TEXT NOT NULL CHECK (code GLOB '[0-9A-Z]*' AND length(code) BETWEEN 1 AND 8),"
  "  minutes INTEGER NOT NULL"
  "    CHECK (typeof(minutes) = 'integer' AND minutes BETWEEN 1 AND @MAX_SESSION_MINUTES@),"
  "  PRIMARY KEY (session_id, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE exercises ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id),"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= @MAX_NAME@),"
  "  sets INTEGER NOT NULL DEFAULT 0 CHECK (sets BETWEEN 0 AND @MAX_SETS@),"
  "  reps INTEGER NOT NULL DEFAULT 0 CHECK (reps BETWEEN 0 AND @MAX_REPS@),"
  "  hold_s INTEGER NOT NULL DEFAULT 0 CHECK (hold_s BETWEEN 0 AND @DURATION_MAX@),"
  "  load TEXT CHECK (load IS NULL OR length(load) <= @MAX_NAME@),"
  "  side TEXT CONSTRAINT exercise_side CHECK (side IS NULL OR side IN ('left', 'right')),"
  "  PRIMARY KEY (session_id, position)"
  ") WITHOUT ROWID;"
  /* The clinic's settings of the course of care: one row (none: the
   * defaults); its billing codes as lines of "code TAB timed TAB label". */
  "CREATE TABLE care_settings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  units_method TEXT NOT NULL CONSTRAINT units_method_code"
  "    CHECK (@ONE_OF units_method UNITS_METHODS@),"
  "  report_visits INTEGER NOT NULL CHECK (report_visits BETWEEN 1 AND @MAX_REPORT_VISITS@),"
  "  billing_codes TEXT NOT NULL CHECK (length(billing_codes) <= @MAX_NOTE@)"
  ");"
  SIGNED_CHILD_TRIGGERS ("session_details")
  SIGNED_CHILD_TRIGGERS ("session_billing")
  SIGNED_CHILD_TRIGGERS ("exercises")
  NO_CHANGE ("goals", "goals are never changed; revise one with a new goal")
  NO_CHANGE ("goal_status", "the history of a goal is append-only")
  NO_CHANGE ("progress_reports", "a signed progress report cannot be changed")
  NO_CHANGE ("consents", "consents are append-only")
  NO_CHANGE ("discharges", "a discharge cannot be changed");

/* Version 8: the patient list's first page at any size (issue 15). The
 * last visit and the open course's diagnosis of each patient on it came
 * from sessions and courses, two of every three pages the page read at
 * 20,000 patients; they are now one row per patient, kept by triggers (see
 * GLIDE_SUMMARY_LAST_VISIT). A new table: the records and their seals are
 * as they were. */
#define SESSION_PATIENT(row) "(SELECT patient_id FROM courses WHERE id = " row ".course_id)"
static const char schema_v8[] =
  /* The patient list's columns in name order: its first page is read from
   * this index alone (with the rowid, the patient's id), not from rows all
   * over the table. It leads with sort_key, as patients_sort did. */
  "DROP INDEX patients_sort;"
  "CREATE INDEX patients_list ON patients (sort_key, chart, family_name, given_name, birth_date);"
  "CREATE TABLE patient_summaries ("
  "  patient_id INTEGER PRIMARY KEY REFERENCES patients (id) ON DELETE CASCADE,"
  "  last_visit TEXT,"
  "  open_diagnosis TEXT"
  ");"
  "CREATE TRIGGER patients_summary_insert AFTER INSERT ON patients"
  "  BEGIN " GLIDE_SUMMARY_PATIENT_ADDED ("NEW") " END;"
  "CREATE TRIGGER courses_summary_insert AFTER INSERT ON courses"
  "  BEGIN " GLIDE_SUMMARY_OPEN_COURSE ("NEW.patient_id") " END;"
  "CREATE TRIGGER courses_summary_update AFTER UPDATE OF diagnosis, start_date, end_date ON courses"
  "  WHEN OLD.patient_id IS NEW.patient_id"
  "  BEGIN " GLIDE_SUMMARY_OPEN_COURSE ("NEW.patient_id") " END;"
  "CREATE TRIGGER courses_summary_move AFTER UPDATE OF patient_id ON courses"
  "  WHEN OLD.patient_id IS NOT NEW.patient_id"
  "  BEGIN " GLIDE_SUMMARY_REFRESH ("OLD.patient_id") GLIDE_SUMMARY_REFRESH ("NEW.patient_id") " END;"
  "CREATE TRIGGER courses_summary_delete AFTER DELETE ON courses"
  "  BEGIN " GLIDE_SUMMARY_REFRESH ("OLD.patient_id") " END;"
  "CREATE TRIGGER sessions_summary_insert AFTER INSERT ON sessions"
  "  BEGIN " GLIDE_SUMMARY_SESSION_ADDED ("NEW") " END;"
  "CREATE TRIGGER sessions_summary_update AFTER UPDATE OF course_id, start ON sessions"
  "  WHEN OLD.course_id IS NOT NEW.course_id OR OLD.start IS NOT NEW.start"
  "  BEGIN " GLIDE_SUMMARY_REFRESH (SESSION_PATIENT ("OLD"))
  GLIDE_SUMMARY_REFRESH (SESSION_PATIENT ("NEW")) " END;"
  "CREATE TRIGGER sessions_summary_delete AFTER DELETE ON sessions"
  "  BEGIN " GLIDE_SUMMARY_REFRESH (SESSION_PATIENT ("OLD")) " END;"
  GLIDE_SUMMARY_FILL;

static const Migration migrations[] = {
  { 1, schema_v1, NULL },
  { 2, schema_v2, NULL },
  { 3, schema_v3, seal_existing_records },
  { 4, schema_v4, NULL },
  { 5, schema_v5, NULL },
  { 6, schema_v6, NULL },
  { 7, schema_v7, NULL },
  { 8, schema_v8, NULL },
};

/* NULL-terminated: the schema expands it as a string vector. */
static const char *const audit_actions[] = {
  "create", "change", "delete", "sign", "addendum", "import", "export", "view", NULL,
};

const char *const *
glide_store_get_protective_triggers (void)
{
  return protective_triggers;
}

guint
glide_store_get_schema_version (void)
{
  return migrations[G_N_ELEMENTS (migrations) - 1].version;
}

const char *
glide_audit_action_get_code (GlideAuditAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (audit_actions) - 1, NULL);
  return audit_actions[action];
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/* "WHEN 'pain' THEN side IS NULL AND value BETWEEN 0 AND 10 AND ..." for every measure. */
static char *
build_measure_rules (void)
{
  GString *s = g_string_new (NULL);

  for (guint m = 0; m < GLIDE_N_MEASURES; m++)
    {
      g_autofree char *min = format_number (glide_measure_get_min (m));
      g_autofree char *max = format_number (glide_measure_get_max (m));
      double step = glide_measure_get_step (m);
      const char *side_rule = NULL;

      switch (glide_measure_get_laterality (m))
        {
        case GLIDE_LATERALITY_NONE:
          side_rule = "side IS NULL";
          break;
        case GLIDE_LATERALITY_LEFT_RIGHT:
          side_rule = "side IN ('left', 'right')";
          break;
        case GLIDE_LATERALITY_MIDLINE:
          side_rule = "side = 'midline'";
          break;
        default:
          g_assert_not_reached ();
        }

      g_string_append_printf (s, " WHEN '%s' THEN %s AND value BETWEEN %s AND %s",
                              glide_code_list_code (GLIDE_CODE_LIST_MEASURE, m),
                              side_rule, min, max);
      if (step > 0)
        {
          g_autofree char *step_text = format_number (step);

          g_string_append_printf (s, " AND value / %s = round(value / %s)", step_text, step_text);
        }
    }

  return g_string_free (s, FALSE);
}

static char **
code_list_codes (GlideCodeList list)
{
  guint n = glide_code_list_size (list);
  char **codes = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    codes[i] = g_strdup (glide_code_list_code (list, i));
  return codes;
}

static char **
midline_site_codes (void)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; i < GLIDE_N_SITES; i++)
    if (!glide_site_is_lateral (i))
      g_ptr_array_add (codes, g_strdup (glide_code_list_code (GLIDE_CODE_LIST_SITE, i)));
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (codes, FALSE);
}

/* "(CASE col WHEN 'a' THEN 1 WHEN 'b' THEN 1 ELSE 0 END)". Unlike "col IN
 * ('a', 'b')", which SQLite turns into a temporary b-tree on every INSERT,
 * this costs a few string comparisons. */
static char *
build_one_of (const char         *column,
              const char *const  *codes)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "(CASE %s", column);
  for (guint i = 0; codes[i]; i++)
    g_string_append_printf (s, " WHEN '%s' THEN 1", codes[i]);
  g_string_append (s, " ELSE 0 END)");
  return g_string_free (s, FALSE);
}

/* Replaces placeholders: "@NAME@" by a number or a quoted list, and
 * "@ONE_OF column LIST@" by a membership test. The values come from the code
 * tables above, never from user input, and codes contain no quotes. */
char *
glide_store_expand_schema (const char *sql)
{
  struct
  {
    const char  *name;
    char       **codes;
  } lists[] = {
    { "SITES", code_list_codes (GLIDE_CODE_LIST_SITE) },
    { "SIDES", code_list_codes (GLIDE_CODE_LIST_SIDE) },
    { "STROKES", code_list_codes (GLIDE_CODE_LIST_STROKE) },
    { "EDGES", code_list_codes (GLIDE_CODE_LIST_EDGE) },
    { "TECHNIQUES", code_list_codes (GLIDE_CODE_LIST_TECHNIQUE) },
    { "PRESSURES", code_list_codes (GLIDE_CODE_LIST_PRESSURE) },
    { "REDNESSES", code_list_codes (GLIDE_CODE_LIST_REDNESS) },
    { "MATERIALS", code_list_codes (GLIDE_CODE_LIST_MATERIAL) },
    { "TIMINGS", code_list_codes (GLIDE_CODE_LIST_TIMING) },
    { "MEASURES", code_list_codes (GLIDE_CODE_LIST_MEASURE) },
    { "CONDITIONS", code_list_codes (GLIDE_CODE_LIST_CONDITION) },
    { "PAPERS", code_list_codes (GLIDE_CODE_LIST_PAPER) },
    { "GOAL_STATUSES", code_list_codes (GLIDE_CODE_LIST_GOAL_STATUS) },
    { "DISCHARGE_REASONS", code_list_codes (GLIDE_CODE_LIST_DISCHARGE_REASON) },
    { "REACTIONS", code_list_codes (GLIDE_CODE_LIST_REACTION) },
    { "UNITS_METHODS", code_list_codes (GLIDE_CODE_LIST_UNITS_METHOD) },
    { "MIDLINE_SITES", midline_site_codes () },
    { "AUDIT_ACTIONS", g_strdupv ((char **) audit_actions) },
  };
  struct
  {
    const char *name;
    char       *value;
  } values[] = {
    { "MEASURE_RULES", build_measure_rules () },
    { "MAX_NAME", g_strdup_printf ("%d", GLIDE_MAX_NAME_CHARS) },
    { "MAX_LINE", g_strdup_printf ("%d", GLIDE_MAX_LINE_CHARS) },
    { "MAX_NOTE", g_strdup_printf ("%d", GLIDE_MAX_NOTE_CHARS) },
    { "MAX_CODE", g_strdup_printf ("%d", GLIDE_MAX_CODE_CHARS) },
    { "MAX_PHONE", g_strdup_printf ("%d", GLIDE_MAX_CODE_CHARS * 2) },
    { "DURATION_MIN", g_strdup_printf ("%d", GLIDE_DURATION_MIN) },
    { "DURATION_MAX", g_strdup_printf ("%d", GLIDE_DURATION_MAX) },
    { "MAX_VISITS_PER_WEEK", g_strdup_printf ("%d", GLIDE_MAX_VISITS_PER_WEEK) },
    { "MAX_PLAN_WEEKS", g_strdup_printf ("%d", GLIDE_MAX_PLAN_WEEKS) },
    { "MAX_SESSION_MINUTES", g_strdup_printf ("%d", GLIDE_MAX_SESSION_MINUTES) },
    { "MAX_SETS", g_strdup_printf ("%d", GLIDE_MAX_SETS) },
    { "MAX_REPORT_VISITS", g_strdup_printf ("%d", GLIDE_MAX_REPORT_VISITS) },
    { "MAX_REPS", g_strdup_printf ("%d", GLIDE_MAX_REPS) },
  };
  GString *out = g_string_new (NULL);
  const char *p = sql;

  while (*p)
    {
      const char *at = strchr (p, '@');
      const char *end;
      g_autofree char *name = NULL;
      g_auto(GStrv) words = NULL;
      char *replacement = NULL;

      if (at == NULL || (end = strchr (at + 1, '@')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, at - p);
      name = g_strndup (at + 1, end - at - 1);
      words = g_strsplit (name, " ", 3);

      for (guint i = 0; replacement == NULL && i < G_N_ELEMENTS (values); i++)
        if (g_str_equal (values[i].name, name))
          replacement = g_strdup (values[i].value);
      for (guint i = 0; replacement == NULL && i < G_N_ELEMENTS (lists); i++)
        {
          if (g_str_equal (words[0], "ONE_OF") && g_strv_length (words) == 3 &&
              g_str_equal (lists[i].name, words[2]))
            replacement = build_one_of (words[1], (const char *const *) lists[i].codes);
          else if (g_str_equal (lists[i].name, name))
            {
              GString *quoted = g_string_new (NULL);

              for (guint k = 0; lists[i].codes[k]; k++)
                g_string_append_printf (quoted, "%s'%s'", k ? ", " : "", lists[i].codes[k]);
              replacement = g_string_free (quoted, FALSE);
            }
        }
      if (replacement == NULL)
        g_error ("Unknown schema placeholder @%s@", name);

      g_string_append (out, replacement);
      g_free (replacement);
      p = end + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_strfreev (lists[i].codes);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_free (values[i].value);

  return g_string_free (out, FALSE);
}

static gboolean
read_user_version (GlideStore  *self,
                   guint       *version,
                   GError     **error)
{
  GlideStmt *stmt = glide_store_prepare (self, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = glide_stmt_step (stmt);
  if (rc != GLIDE_STMT_ROW)
    {
      glide_stmt_reset (stmt);
      return glide_store_set_db_error (self, error);
    }
  *version = glide_stmt_column_int (stmt, 0);
  glide_stmt_reset (stmt);
  return TRUE;
}

/* Brings the schema up to date, one transaction per step. Another Glide may
 * migrate at the same moment, so the version is read again under the lock. */
gboolean
glide_store_migrate (GlideStore  *self,
                     GError     **error)
{
  guint current = 0;

  /* Read without the write lock: opening an up-to-date database for reading
   * (--check, exports, a second window) must not wait for a writer. */
  if (!read_user_version (self, &current, error))
    return FALSE;
  if (current >= migrations[G_N_ELEMENTS (migrations) - 1].version)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *sql = NULL;
      g_autofree char *set_version = NULL;
      guint version = 0;

      if (!glide_store_begin (self, error))
        return FALSE;

      if (!read_user_version (self, &version, error))
        goto failed;
      if (version >= step->version)
        {
          glide_store_rollback (self);
          continue;
        }

      sql = glide_store_expand_schema (step->sql);
      set_version = g_strdup_printf ("PRAGMA user_version = %u", step->version);
      self->database_version = step->version;
      if (!glide_store_exec (self, sql, error) ||
          !glide_store_exec (self, set_version, error))
        goto failed;
      if (step->version == 1 &&
          !glide_store_exec (self, "PRAGMA application_id = " G_STRINGIFY (GLIDE_APPLICATION_ID), error))
        goto failed;
      if (step->after != NULL && !step->after (self, error))
        goto failed;
      if (!glide_store_commit (self, error))
        {
          self->database_version = 0;
          return FALSE;
        }

      g_debug ("Migrated %s to schema %u", self->path, step->version);
      continue;

    failed:
      glide_store_rollback (self);
      self->database_version = 0;
      g_prefix_error (error, _("Could not upgrade the database to schema %u: "), step->version);
      return FALSE;
    }

  return TRUE;
}

/* ---- schema check ------------------------------------------------------------ */

typedef struct
{
  char *type;
  char *sql;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->sql);
  g_free (object);
}

/* name -> SchemaObject of every table, index, view and trigger. ANALYZE's
 * statistics tables are SQLite's own and may come and go. */
static GHashTable *
read_schema (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GHashTable) objects =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_master"
                           " WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("Cannot read the schema: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_insert (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), object);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                   _("Cannot read the schema: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&objects);
}

/* The schema exactly as this Glide creates it up to @version (a backup
 * made before an upgrade has the schema of its day), built in memory. */
static GHashTable *
expected_schema (guint    version,
                 GError **error)
{
  sqlite3 *db = NULL;
  GHashTable *objects = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                           _("Cannot build the expected schema in memory"));
      sqlite3_close (db);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (migrations) && migrations[i].version <= version; i++)
    {
      g_autofree char *sql = glide_store_expand_schema (migrations[i].sql);
      char *message = NULL;

      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_FAILED,
                       _("Cannot build the expected schema %u: %s"), migrations[i].version, message);
          sqlite3_free (message);
          sqlite3_close (db);
          return NULL;
        }
    }
  objects = read_schema (db, error);
  sqlite3_close (db);
  return objects;
}

/* Adds to @tables the tables @sql creates and removes those it drops, in
 * the order it does so. */
static void
collect_table_names (const char *sql,
                     GHashTable *tables)
{
  const char *create = "CREATE TABLE ", *drop = "DROP TABLE ";
  const char *p = sql;

  for (;;)
    {
      const char *c = strstr (p, create), *d = strstr (p, drop);
      gboolean creates = c != NULL && (d == NULL || c < d);
      const char *name, *end;

      if (c == NULL && d == NULL)
        break;
      name = creates ? c + strlen (create) : d + strlen (drop);
      for (end = name; g_ascii_isalnum (*end) || *end == '_'; end++)
        ;
      if (creates)
        g_hash_table_add (tables, g_strndup (name, end - name));
      else
        {
          g_autofree char *dropped = g_strndup (name, end - name);

          g_hash_table_remove (tables, dropped);
        }
      p = end;
    }
}

/**
 * glide_store_find_missing_table:
 * @version: the database's schema version
 * @missing: (out) (transfer full): set to the first table of schema @version
 *   the database lacks, or %NULL
 *
 * The check every open makes of the schema: cheap at any size, it reads only
 * the schema SQLite has already loaded, never a page of records.
 * glide_store_check_schema() compares every object's SQL.
 */
gboolean
glide_store_find_missing_table (GlideStore  *self,
                                guint        version,
                                char       **missing,
                                GError     **error)
{
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlideStmt *stmt;
  GHashTableIter iter;
  const char *name;
  int rc;

  *missing = NULL;
  /* Migrations stay in order of version, so a DROP follows its CREATE. */
  for (guint i = 0; i < G_N_ELEMENTS (migrations) && migrations[i].version <= version; i++)
    collect_table_names (migrations[i].sql, want);
  if (!(stmt = glide_store_prepare (self, self->backend->list_tables, error)))
    return FALSE;
  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    g_hash_table_add (have, glide_store_column_dup (stmt, 0));
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);

  /* The first in name order, so that the message does not vary. */
  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (have, name) && (*missing == NULL || strcmp (name, *missing) < 0))
      {
        g_free (*missing);
        *missing = g_strdup (name);
      }
  return TRUE;
}

/**
 * glide_store_check_schema:
 *
 * Compares every table, index and trigger with the exact SQL this Glide
 * creates: a trigger dropped, disarmed (a WHEN that is never true) or
 * recreated differently, a CHECK loosened, an object added.
 */
gboolean
glide_store_check_schema (GlideStore      *self,
                          GlideCheckItem  *item,
                          GError         **error)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) actual = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_triggers = 0, n_objects = 0, version = 0;

  if (!glide_store_get_database_version (self, &version, error) ||
      (expected = expected_schema (version, error)) == NULL ||
      (actual = read_schema (self->db, error)) == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SchemaObject *want = value;
      SchemaObject *have = g_hash_table_lookup (actual, key);

      n_objects++;
      if (g_strcmp0 (want->type, "trigger") == 0)
        n_triggers++;
      if (have == NULL)
        g_string_append_printf (problems, "\n      %s %s is missing", want->type, (char *) key);
      else if (g_strcmp0 (have->type, want->type) != 0 || g_strcmp0 (have->sql, want->sql) != 0)
        g_string_append_printf (problems, "\n      %s %s was altered: it is not the SQL Glide "
                                "creates", want->type, (char *) key);
    }
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (expected, key))
      g_string_append_printf (problems, "\n      %s %s was added outside Glide",
                              ((SchemaObject *) value)->type, (char *) key);

  item->ok = problems->len == 0;
  item->message = item->ok ?
    g_strdup_printf ("%u tables, indexes and triggers exactly as Glide creates them "
                     "(%u protective triggers)", n_objects, n_triggers) :
    g_strdup_printf ("the database was modified outside Glide:%s", problems->str);
  return TRUE;
}
