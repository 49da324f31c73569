/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-private.h: shared by the store's own files (glide-store*.c), the
 * only files that see SQL and a back-end's types. */

#pragma once

#include "glide-store.h"
#include "glide-store-db.h"

typedef struct sqlite3 sqlite3;
typedef struct pg_conn PGconn;

G_BEGIN_DECLS

/* What a session is validated against (its course, the patient, the
 * patient's screening) and the signers read: in the importer's bulk
 * transaction kept from one session of a course to the next, until such a
 * record is written (glide_store_forget_context). */
typedef struct
{
  GlideCourse    *course;
  GlidePatient   *patient;
  GPtrArray      *screening;
  GHashTable     *signers;    /* &id -> GlideTherapist */
  GArray         *session_ids; /* gint64: ids taken ahead (GlideDbBackend.next_ids) */
  /* Held rows (see glide_store_flush_held): a course's treated areas,
   * measures and signatures, written together before anything else runs. */
  GPtrArray      *held_treatments; /* HeldTreatment */
  GArray         *held_measures;   /* HeldMeasure */
  GPtrArray      *held_signatures; /* HeldSignature */
  gboolean        flushing;
  gint64          draft_id;   /* the draft created last, unsigned, and its */
  char           *draft_start; /* start and patient's chart, for signing it */
  char           *draft_chart;
} GlideSessionContext;

struct _GlideStore
{
  GObject     parent_instance;

  const GlideDbBackend *backend;
  sqlite3    *db;           /* the SQLite back-end's connection */
  PGconn     *pg;           /* the PostgreSQL back-end's connection */
  char       *path;         /* the file, or the server's URI without a password */
  GHashTable *statements;   /* SQL text -> GlideStmt, prepared once */
  GlideDbFailure failure;   /* why the last statement failed */
  char       *failure_message;
  char       *login;        /* PostgreSQL: session_user; NULL on SQLite */
  char       *password;     /* PostgreSQL: typed at sign-in, or NULL (libpq finds one) */
  GlideStoreRole role;      /* what the login may do (everything on SQLite) */
  gint64      pg_changes;   /* PostgreSQL: rows changed by the last statement */
  guint       pg_generation; /* PostgreSQL: the connection's; statements prepared on an
                              * earlier one (before a reconnection, a migration) are not */
  guint       pg_statements; /* PostgreSQL: statements prepared, for their names */
  guint       pg_sent_ahead; /* PostgreSQL: changes sent in pipeline mode, not yet read */
  gint64      data_version; /* SQLite: PRAGMA data_version when last asked, 0 never */
  guint       database_version; /* the schema version read, 0: not read yet */
  gint64      actor_id;     /* therapist acting through this connection, 0: system */
  char       *actor_code;
  guint       depth;        /* open transactions (outermost) and savepoints */
  gboolean    audit_batch;  /* the caller audits a bulk operation itself */
  gboolean    bulk;         /* glide_store_begin_bulk(): no savepoints inside */
  gboolean    bulk_failed;  /* a call inside the bulk transaction failed */
  GHashTable *seal_pending; /* entities changed in this transaction, sealed with its next entry */
  GlideSessionContext bulk_context; /* see GlideSessionContext */
  GHashTable *recovery_written; /* editor_recovery keys saved through this connection, not cleared */
  char       *database_id;  /* audit_head.database_id: names this database's anchor */
  gint64      anchor_id;    /* newest entry appended by this transaction, 0: none */
  char       *anchor_hash;
  /* The audit chain's end in the open write transaction (glide-store-audit.c):
   * audit_head is read at the first entry and written once, at commit. */
  gboolean    chain_known;
  gint64      chain_head_id;  /* audit_head.last_id as read */
  gint64      chain_last_id;  /* the newest entry, this transaction's included */
  char       *chain_hash;
  GArray     *chain_marks;    /* one per open savepoint: what its rollback restores */
  /* A clinic server's editor recovery state lives on this workstation, in
   * an SQLite file of its own (glide-store-recovery.c), so that an outage
   * does not take it away; NULL until first used, and on SQLite. */
  GlideStore *local_recovery;
  /* PostgreSQL: a save whose COMMIT was sent but whose reply was lost with
   * the connection. Whether it landed is read from the audit log once the
   * server is back (glide_store_reconnect): its entry is there, or not. */
  gint64      unsure_audit_id;   /* the audit entry the transaction appended, 0: none */
  char       *unsure_audit_hash;
  gint64      unsure_session_id; /* the draft it saved (its new id when it created one) */
  gint64      unsure_course_id;
  gint64      unsure_version;    /* the version it was saved over, 0: it created the draft */
  gboolean    unsure_landed;     /* found in the audit log after reconnecting */
  guint       test_lose_commit;  /* tests: 1 drop the connection before COMMIT, 2 after */
};

typedef struct _GlideSealCheck GlideSealCheck;
typedef struct _GlideDigestPlan GlideDigestPlan;

/* 'Glid', PRAGMA application_id of every Glide database. */
#define GLIDE_APPLICATION_ID 1198287204

#define GLIDE_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

GlideStore   *glide_store_new_unopened     (const char    *location);
GlideStore   *glide_store_open_reader      (const char    *path,
                                            GError       **error);
GlideStmt    *glide_store_prepare          (GlideStore    *self,
                                            const char    *sql,
                                            GError       **error);
gboolean      glide_store_query_int64      (GlideStore    *self,
                                            const char    *sql,
                                            gint64        *value,
                                            GError       **error);
gboolean      glide_store_exec             (GlideStore    *self,
                                            const char    *sql,
                                            GError       **error);
char         *glide_store_column_dup       (GlideStmt     *stmt,
                                            int            column);
GPtrArray    *glide_store_collect          (GlideStore    *self,
                                            GlideStmt     *stmt,
                                            gpointer     (*read) (GlideStmt *),
                                            GDestroyNotify free_func,
                                            GError       **error);
gboolean      glide_store_step_done        (GlideStore    *self,
                                            GlideStmt     *stmt,
                                            GError       **error);
gboolean      glide_store_flush_held       (GlideStore    *self,
                                            GError       **error);
void          glide_store_forget_context   (GlideStore    *self,
                                            const char    *written);
GlideStmt    *glide_store_prepare_rows     (GlideStore    *self,
                                            const char    *head,
                                            guint          n_columns,
                                            guint          n_rows,
                                            GError       **error);
gboolean      glide_store_step_later       (GlideStore    *self,
                                            GlideStmt     *stmt,
                                            GError       **error);
gint64        glide_store_changes          (GlideStore    *self);
/* For the store's other files (glide-store-care.c): glide-store.c's one-row
 * write, its error helpers, version check and transaction end. */
gboolean      glide_store_write_row        (GlideStore    *self,
                                            GlideStmt     *stmt,
                                            gint64        *created_id,
                                            const char    *what,
                                            gint64         id,
                                            const char    *exists,
                                            GError       **error);
gboolean      glide_store_set_rule_error   (GError       **error,
                                            const char    *what,
                                            const char    *field,
                                            GError        *cause);
gboolean      glide_store_set_not_found    (GError       **error,
                                            const char    *what,
                                            gint64         id);
gboolean      glide_store_check_version    (GlideStore    *self,
                                            const char    *kind,
                                            gint64         id,
                                            gint64         expected,
                                            const char    *what,
                                            GError       **error);
gboolean      glide_store_record_version   (GlideStore    *self,
                                            const char    *kind,
                                            gint64         id,
                                            gint64        *version,
                                            GError       **error);
gboolean      glide_store_finish           (GlideStore    *self,
                                            gboolean       ok,
                                            GError       **error);
gboolean      glide_store_is_bulk          (GlideStore    *self);
gboolean      glide_store_attach_rows      (GlideStore    *self,
                                            const char    *sql,
                                            gint64         key,
                                            GHashTable    *by_id,
                                            void         (*attach) (GlideSession *session,
                                                                    GlideStmt    *stmt,
                                                                    gpointer      data),
                                            gpointer       data,
                                            GError       **error);
gboolean      glide_store_write_session_details (GlideStore *self,
                                            const GlideSession *session,
                                            GError       **error);
gboolean      glide_store_attach_session_details (GlideStore *self,
                                            gboolean       by_course,
                                            gint64         key,
                                            GHashTable    *by_id,
                                            GError       **error);
gboolean      glide_store_get_database_version (GlideStore *self,
                                            guint         *version,
                                            GError       **error);
gboolean      glide_store_set_db_error     (GlideStore    *self,
                                            GError       **error);
gboolean      glide_store_migrate          (GlideStore    *self,
                                            GError       **error);
const char  *const *glide_store_get_protective_triggers (void);
const char   *glide_audit_action_get_code  (GlideAuditAction action);
gboolean      glide_store_append_audit     (GlideStore    *self,
                                            GlideAuditAction action,
                                            const char    *chart,
                                            const char    *entity,
                                            const char    *details,
                                            GError       **error);
void          glide_store_chain_mark       (GlideStore    *self);
void          glide_store_chain_unmark     (GlideStore    *self,
                                            gboolean       restore);
void          glide_store_chain_forget     (GlideStore    *self);
gboolean      glide_store_chain_write_head (GlideStore    *self,
                                            GError       **error);
gboolean      glide_store_check_audit      (GlideStore    *self,
                                            GlideSealCheck *seals,
                                            GlideCheckItem *item,
                                            GError       **error);
char         *glide_store_hash_audit_row   (const char    *prev_hash,
                                            gint64         id,
                                            const char    *at,
                                            const char    *actor,
                                            const char    *action,
                                            const char    *chart,
                                            const char    *entity,
                                            const char    *details,
                                            const char    *content);

#define GLIDE_STORE_DIGEST_LEN 32

void          glide_store_sha256           (const void    *data,
                                            gsize          length,
                                            guint8         digest[GLIDE_STORE_DIGEST_LEN]);
char         *glide_store_sha256_hex       (const void    *data,
                                            gsize          length);
char         *glide_store_digest_to_hex    (const guint8   digest[GLIDE_STORE_DIGEST_LEN]);

/* glide-store-seal.c */
void          glide_store_seal_mark        (GlideStore    *self,
                                            const char    *kind,
                                            gint64         id);
void          glide_store_seal_forget      (GlideStore    *self);
gboolean      glide_store_seal_is_pending  (GlideStore    *self);
gboolean      glide_store_seal_write       (GlideStore    *self,
                                            gint64         audit_id,
                                            char         **content,
                                            GError       **error);
gboolean      glide_store_seal_everything  (GlideStore    *self,
                                            guint          version,
                                            guint         *n_records,
                                            GError       **error);
GlideSealCheck *glide_seal_check_new       (void);
void          glide_seal_check_free        (GlideSealCheck *check);
void          glide_seal_check_add         (GlideSealCheck *check,
                                            gint64          audit_id,
                                            const char     *action,
                                            const char     *entity,
                                            const char     *digest_hex);
char         *glide_seal_check_end_entry   (GlideSealCheck *check);
guint         glide_seal_check_count       (GlideSealCheck *check);
GlideDigestPlan *glide_digest_plan_new     (GlideStore      *self,
                                            GError         **error);
void          glide_digest_plan_free       (GlideDigestPlan *plan);
gboolean      glide_digest_plan_work       (GlideDigestPlan *plan,
                                            GlideStore      *self,
                                            gboolean         helper,
                                            GError         **error);
gboolean      glide_digest_plan_redo_helper (GlideDigestPlan *plan,
                                            GlideStore      *self,
                                            GError         **error);
gboolean      glide_store_check_records    (GlideStore      *self,
                                            GlideSealCheck  *check,
                                            GlideDigestPlan *plan,
                                            GlideCheckItem  *item,
                                            GError         **error);

/* glide-store-anchor.c */
gboolean      glide_store_load_database_id (GlideStore     *self,
                                            GError        **error);
char         *glide_store_anchor_path      (const char     *database_id);
void          glide_store_anchor_append    (GlideStore     *self);
gboolean      glide_store_check_anchor     (GlideStore     *self,
                                            GlideCheckItem *item,
                                            GError        **error);

/* glide-store-sqlite.c */
gboolean      glide_store_sqlite_open      (GlideStore     *self,
                                            const char     *path,
                                            GError        **error);
gboolean      glide_store_sqlite_open_private (GlideStore  *self,
                                               const char  *path,
                                               GError     **error);
gboolean      glide_store_sqlite_check_pages (GlideStore   *reader,
                                              GlideCheckItem *integrity,
                                              GlideCheckItem *foreign_keys,
                                              GError      **error);

/* glide-store-recovery.c */
char         *glide_store_get_local_recovery_path (GlideStore *self);

/* Tests only: the connection drops just before (1) or just after (2) the
 * next outermost COMMIT, as when a server stops while a save is under way. */
void          glide_store_test_lose_commit (GlideStore     *self,
                                            guint           when);

/* glide-store-pg.c */
void          glide_store_pg_drop_connection (GlideStore   *self);
gboolean      glide_store_pg_is_connected  (GlideStore     *self);
gboolean      glide_store_pg_reconnect     (GlideStore     *self,
                                            GError        **error);

gboolean      glide_store_pg_open          (GlideStore     *self,
                                            const char     *uri,
                                            GError        **error);
gboolean      glide_store_pg_check_schema  (GlideStore     *self,
                                            GlideCheckItem *item,
                                            GError        **error);

/* glide-store-schema-pg.c */
guint         glide_store_pg_n_steps       (void);
char         *glide_store_pg_step_sql      (guint           index,
                                            guint          *version);
char         *glide_store_pg_privileges_sql (void);
extern const char *const glide_store_pg_protective_triggers[];

/* The protective triggers both back-ends create, by the same names; the
 * PostgreSQL schema adds its own after them. SQLite also has the two of
 * GLIDE_STORE_SQLITE_REPLACE_TRIGGERS, which PostgreSQL needs not (schema 6). */
#define GLIDE_STORE_PROTECTIVE_TRIGGERS \
  "sessions_signed_no_update", \
  "sessions_signed_no_delete", \
  "treatments_signed_no_insert", \
  "treatments_signed_no_update", \
  "treatments_signed_no_delete", \
  "measures_signed_no_insert", \
  "measures_signed_no_update", \
  "measures_signed_no_delete", \
  "addenda_need_signed_session", \
  "addenda_no_update", \
  "addenda_no_delete", \
  "audit_log_no_update", \
  "audit_log_no_delete", \
  "audit_head_no_delete", \
  "audit_content_no_update", \
  "audit_content_no_delete", \
  "audit_content_no_replace", \
  "audit_log_no_replace", \
  "audit_head_no_replace", \
  "sessions_signed_no_replace", \
  "addenda_no_replace", \
  "session_details_signed_no_insert", \
  "session_details_signed_no_update", \
  "session_details_signed_no_delete", \
  "session_billing_signed_no_insert", \
  "session_billing_signed_no_update", \
  "session_billing_signed_no_delete", \
  "exercises_signed_no_insert", \
  "exercises_signed_no_update", \
  "exercises_signed_no_delete", \
  "goals_no_update", \
  "goals_no_delete", \
  "goal_status_no_update", \
  "goal_status_no_delete", \
  "progress_reports_no_update", \
  "progress_reports_no_delete", \
  "consents_no_update", \
  "consents_no_delete", \
  "discharges_no_update", \
  "discharges_no_delete"
#define GLIDE_STORE_SQLITE_REPLACE_TRIGGERS \
  "treatments_signed_no_replace", \
  "measures_signed_no_replace", \
  "goals_no_replace", \
  "goal_status_no_replace", \
  "progress_reports_no_replace", \
  "consents_no_replace", \
  "discharges_no_replace"

/* Schema 8: what the patient list shows beside each name, kept by the
 * database's own triggers on both back-ends (patient_summaries, one row per
 * patient, made with the patient): the start of the patient's latest
 * session, and the diagnosis of the open course (no end date) that started
 * last. Derived, not part of the record: not sealed, not exported; glide
 * --check compares them with the records. @p is an SQL expression for the
 * patient's id. */
#define GLIDE_SUMMARY_LAST_VISIT(p) \
  "(SELECT max(s.start) FROM courses c JOIN sessions s ON s.course_id = c.id" \
  " WHERE c.patient_id = " p ")"
/* A course without a start date sorts after the dated ones, as SQLite's
 * DESC puts NULL last; PostgreSQL's would put it first. */
#define GLIDE_SUMMARY_OPEN_DIAGNOSIS(p) \
  "(SELECT c.diagnosis FROM courses c WHERE c.patient_id = " p " AND c.end_date IS NULL" \
  " ORDER BY c.start_date IS NULL, c.start_date DESC, c.id DESC LIMIT 1)"
#define GLIDE_SUMMARY_PATIENT_ADDED(patient) \
  "INSERT INTO patient_summaries (patient_id) VALUES (" patient ".id);"
/* A course added or changed: only the open course can change (a course's
 * sessions stay with it, so the last visit does not). */
#define GLIDE_SUMMARY_OPEN_COURSE(p) \
  "UPDATE patient_summaries SET open_diagnosis = " GLIDE_SUMMARY_OPEN_DIAGNOSIS (p) \
  " WHERE patient_id = " p ";"
/* A new session moves its patient's last visit only forward: one row
 * updated, nothing read but the course and the summary. The row is written
 * even when the visit is older: on the clinic server that locks it until
 * the session commits, so a summary made again meanwhile (its draft
 * deleted elsewhere) waits and then sees this session. */
#define GLIDE_SUMMARY_SESSION_ADDED(session) \
  "UPDATE patient_summaries SET last_visit = CASE" \
  " WHEN last_visit IS NULL OR last_visit < " session ".start THEN " session ".start" \
  " ELSE last_visit END" \
  " WHERE patient_id = (SELECT patient_id FROM courses WHERE id = " session ".course_id);"
/* The summary of the patient @p made again from the records (a session
 * moved or deleted, a course moved to another patient or deleted). */
#define GLIDE_SUMMARY_REFRESH(p) \
  "UPDATE patient_summaries SET last_visit = " GLIDE_SUMMARY_LAST_VISIT (p) "," \
  " open_diagnosis = " GLIDE_SUMMARY_OPEN_DIAGNOSIS (p) " WHERE patient_id = " p ";"
/* Every patient's summary, on a database of an older schema. */
#define GLIDE_SUMMARY_FILL \
  "INSERT INTO patient_summaries (patient_id, last_visit, open_diagnosis)" \
  " SELECT p.id, " GLIDE_SUMMARY_LAST_VISIT ("p.id") ", " GLIDE_SUMMARY_OPEN_DIAGNOSIS ("p.id") \
  " FROM patients p;"

/* glide-store-schema.c */
char         *glide_store_expand_schema    (const char     *sql);
gboolean      glide_store_seal_existing    (GlideStore     *self,
                                            guint           version,
                                            GError        **error);
gboolean      glide_store_check_schema     (GlideStore     *self,
                                            GlideCheckItem *item,
                                            GError        **error);
gboolean      glide_store_find_missing_table (GlideStore  *self,
                                              guint        version,
                                              char       **missing,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideSealCheck, glide_seal_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideDigestPlan, glide_digest_plan_free)

G_END_DECLS
