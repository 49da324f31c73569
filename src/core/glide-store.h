/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store.h: the clinical data store. All SQL lives behind this API, in
 * glide-store*.c; every other file speaks these functions. */

#pragma once

#include <glib-object.h>

#include "glide-records.h"
#include "glide-rules.h"

G_BEGIN_DECLS

#define GLIDE_STORE_ERROR (glide_store_error_quark ())

typedef enum
{
  GLIDE_STORE_ERROR_FAILED,
  GLIDE_STORE_ERROR_NOT_A_DATABASE,  /* not SQLite, or SQLite but not Glide's */
  GLIDE_STORE_ERROR_CORRUPT,         /* fails PRAGMA quick_check */
  GLIDE_STORE_ERROR_NEWER_SCHEMA,    /* made by a newer Glide */
  GLIDE_STORE_ERROR_NOT_FOUND,
  GLIDE_STORE_ERROR_EXISTS,          /* chart, therapist or tool id already taken */
  GLIDE_STORE_ERROR_INVALID,         /* a clinical rule refused a value */
  GLIDE_STORE_ERROR_SIGNED,          /* signed records cannot change */
  GLIDE_STORE_ERROR_BUSY,            /* locked by another program */
  GLIDE_STORE_ERROR_READ_ONLY,
  GLIDE_STORE_ERROR_FULL,            /* disk full */
  GLIDE_STORE_ERROR_CONSTRAINT,      /* the database refused a change */
  GLIDE_STORE_ERROR_NETWORK_FILE_SYSTEM, /* on NFS, SMB, sshfs…: unsafe for SQLite */
  GLIDE_STORE_ERROR_PERMISSION,      /* the clinic server refused it to this login */
  GLIDE_STORE_ERROR_CONNECTION,      /* the clinic server cannot be reached */
  GLIDE_STORE_ERROR_STALE,           /* saved over a version changed elsewhere */
} GlideStoreError;

/* What the person working through a store may do. On SQLite (one person's
 * practice) that is everything; on a clinic server the server decides from
 * the login's role (glide --grant). */
typedef enum
{
  GLIDE_STORE_ROLE_NONE = 0,   /* a login the clinic has not granted anything */
  GLIDE_STORE_ROLE_THERAPIST,  /* drafts, signs as themselves, addenda to their own sessions */
  GLIDE_STORE_ROLE_MANAGER,    /* reads and prints everything, writes nothing clinical */
  GLIDE_STORE_ROLE_ADMIN,      /* clinic details, therapists, tools, grants, imports */
  GLIDE_STORE_ROLE_OWNER,      /* the database's owner; on SQLite, the file's user */
} GlideStoreRole;

typedef enum
{
  GLIDE_AUDIT_CREATE,
  GLIDE_AUDIT_CHANGE,
  GLIDE_AUDIT_DELETE,
  GLIDE_AUDIT_SIGN,
  GLIDE_AUDIT_ADDENDUM,
  GLIDE_AUDIT_IMPORT,
  GLIDE_AUDIT_EXPORT,
  GLIDE_AUDIT_VIEW,
} GlideAuditAction;

typedef struct
{
  gint64  id;
  char   *at;
  char   *actor;    /* therapist code, or "system" */
  char   *action;
  char   *chart;    /* or NULL */
  char   *entity;
  char   *details;
} GlideAuditEntry;

/* One item of glide --check: what was checked, whether it held, and why not. */
typedef struct
{
  char     *name;
  gboolean  ok;
  char     *message;
} GlideCheckItem;

/* Trend data of one measure (and side) over a course, in session order. */
typedef struct
{
  char   *date;          /* YYYY-MM-DD of the session */
  gint64  session_id;
  gint64  therapist_id;
  double  pre;           /* NAN when not measured */
  double  post;          /* NAN when not measured */
} GlideSeriesPoint;

typedef struct
{
  GlideMeasure  measure;
  GlideSide     side;
  GArray       *points;  /* GlideSeriesPoint */
} GlideSeries;

/* One course of the caseload overview, as of the end of the period. */
typedef struct
{
  gint64  course_id;
  char   *chart;
  char   *family_name;
  char   *given_name;
  char   *diagnosis;
  gint64  therapist_id;        /* who saw the patient most often (ties: the earliest) */
  guint   visits;              /* sessions up to the end of the period */
  guint   visits_in_period;
  char   *first_visit;         /* YYYY-MM-DD */
  char   *last_visit;
  double  first_pain;          /* first and latest pre-treatment pain, NAN: none */
  double  latest_pain;
  guint   n_pain;              /* signed sessions with a pre-treatment pain value */
  gboolean pain_same_rater;    /* one therapist took the first and latest pain */
  guint   unsigned_sessions;   /* sessions in the period not signed (today) */
  guint   petechiae_sessions;  /* sessions in the period with petechiae */
  /* The course of care at the end of the period (not for a course
   * discharged by then): the next progress report, the plan's
   * re-certification (GLIDE_REPORT_NOT_DUE without a plan). */
  gboolean discharged;
  GlideReportDue report_due;
  guint   report_visits_left;
  char   *report_due_date;     /* the date set, or NULL */
  GlideReportDue recert_due;
  char   *cert_end;            /* the current plan's last day, or NULL */
  guint   n_draft_pain;        /* unsigned sessions with a pre-treatment pain value: left
                                * out of first_pain, latest_pain and n_pain */
} GlideCaseloadRow;

/* Editor state not yet storable as a draft; see glide-store-recovery.c. */
typedef struct
{
  char *key;
  char *saved_at;
  char *title;
  char *content;
  /* Saved through this connection (this run of Glide), not left by a run
   * that ended: typing put aside, not typing recovered. */
  gboolean written_here;
} GlideRecovery;

#define GLIDE_TYPE_STORE (glide_store_get_type ())

G_DECLARE_FINAL_TYPE (GlideStore, glide_store, GLIDE, STORE, GObject)

GQuark        glide_store_error_quark          (void);
char         *glide_store_get_default_path     (void);
const char   *glide_store_describe_network_file_system (gint64      fs_magic,
                                                         const char *mount_type);
guint         glide_store_get_schema_version   (void);

gboolean      glide_store_location_is_uri      (const char          *location,
                                                char               **scheme);
GlideStore   *glide_store_open                 (const char          *path,
                                                GError             **error);
GlideStore   *glide_store_open_server          (const char          *uri,
                                                const char          *password,
                                                GError             **error);
GlideStore   *glide_store_open_another         (GlideStore          *self,
                                                GError             **error);
const char   *glide_store_get_path             (GlideStore          *self);
const char   *glide_store_get_backend_name     (GlideStore          *self);
gboolean      glide_store_is_server            (GlideStore          *self);
gboolean      glide_store_changed_elsewhere    (GlideStore          *self);
int           glide_store_get_change_fd        (GlideStore          *self);
const char   *glide_store_get_login            (GlideStore          *self);
GlideStoreRole glide_store_get_role            (GlideStore          *self);
const char   *glide_store_role_get_code        (GlideStoreRole       role);
gboolean      glide_store_role_writes_records  (GlideStoreRole       role);
gboolean      glide_store_role_administers     (GlideStoreRole       role);
gboolean      glide_store_role_from_code       (const char          *code,
                                                GlideStoreRole      *role);
gboolean      glide_store_grant                (GlideStore          *self,
                                                const char          *login,
                                                GlideStoreRole       role,
                                                const char          *therapist_code,
                                                GError             **error);
gboolean      glide_store_revoke               (GlideStore          *self,
                                                const char          *login,
                                                GError             **error);
void          glide_store_set_actor            (GlideStore          *self,
                                                gint64               therapist_id);
gint64        glide_store_get_actor            (GlideStore          *self);
void          glide_store_set_audit_batch      (GlideStore          *self,
                                                gboolean             batch);

gboolean      glide_store_is_connected         (GlideStore          *self);
gboolean      glide_store_reconnect            (GlideStore          *self,
                                                GError             **error);

gboolean      glide_store_begin                (GlideStore          *self,
                                                GError             **error);
gboolean      glide_store_begin_bulk           (GlideStore          *self,
                                                GError             **error);
gboolean      glide_store_commit               (GlideStore          *self,
                                                GError             **error);
void          glide_store_rollback             (GlideStore          *self);

gboolean      glide_store_is_empty             (GlideStore          *self,
                                                GError             **error);

GlideClinic  *glide_store_get_clinic           (GlideStore          *self,
                                                GError             **error);
gboolean      glide_store_set_clinic           (GlideStore          *self,
                                                const GlideClinic   *clinic,
                                                GError             **error);

gint64        glide_store_create_therapist     (GlideStore          *self,
                                                GlideTherapist      *therapist,
                                                GError             **error);
gboolean      glide_store_update_therapist     (GlideStore          *self,
                                                const GlideTherapist *therapist,
                                                GError             **error);
GPtrArray    *glide_store_list_therapists      (GlideStore          *self,
                                                gboolean             include_inactive,
                                                GError             **error);
GlideTherapist *glide_store_get_therapist      (GlideStore          *self,
                                                gint64               id,
                                                GError             **error);
GlideTherapist *glide_store_find_therapist     (GlideStore          *self,
                                                const char          *code,
                                                GError             **error);

gint64        glide_store_create_instrument    (GlideStore          *self,
                                                GlideInstrument     *instrument,
                                                GError             **error);
gboolean      glide_store_update_instrument    (GlideStore          *self,
                                                const GlideInstrument *instrument,
                                                GError             **error);
GPtrArray    *glide_store_list_instruments     (GlideStore          *self,
                                                GError             **error);
GlideInstrument *glide_store_find_instrument   (GlideStore          *self,
                                                const char          *code,
                                                GError             **error);

gint64        glide_store_create_patient       (GlideStore          *self,
                                                GlidePatient        *patient,
                                                GError             **error);
gboolean      glide_store_update_patient       (GlideStore          *self,
                                                const GlidePatient  *patient,
                                                GError             **error);
GlidePatient *glide_store_get_patient          (GlideStore          *self,
                                                gint64               id,
                                                GError             **error);
GlidePatient *glide_store_find_patient         (GlideStore          *self,
                                                const char          *chart,
                                                GError             **error);
GPtrArray    *glide_store_list_patients        (GlideStore          *self,
                                                GError             **error);
GPtrArray    *glide_store_search_patients      (GlideStore          *self,
                                                const char          *query,
                                                guint                limit,
                                                GError             **error);

gboolean      glide_store_set_screening        (GlideStore          *self,
                                                GlideScreening      *screening,
                                                GError             **error);
GPtrArray    *glide_store_list_screening       (GlideStore          *self,
                                                gint64               patient_id,
                                                GError             **error);

gint64        glide_store_create_course        (GlideStore          *self,
                                                GlideCourse         *course,
                                                GError             **error);
gboolean      glide_store_update_course        (GlideStore          *self,
                                                const GlideCourse   *course,
                                                GError             **error);
GlideCourse  *glide_store_get_course           (GlideStore          *self,
                                                gint64               id,
                                                GError             **error);
GPtrArray    *glide_store_list_courses         (GlideStore          *self,
                                                gint64               patient_id,
                                                GError             **error);

gint64        glide_store_save_draft_session   (GlideStore          *self,
                                                GlideSession        *session,
                                                GError             **error);
gboolean      glide_store_delete_draft_session (GlideStore          *self,
                                                gint64               session_id,
                                                GError             **error);
gboolean      glide_store_sign_session         (GlideStore          *self,
                                                gint64               session_id,
                                                gint64               therapist_id,
                                                const char          *at,
                                                GError             **error);
gint64        glide_store_add_addendum         (GlideStore          *self,
                                                gint64               session_id,
                                                GlideAddendum       *addendum,
                                                GError             **error);
GlideSession *glide_store_get_session          (GlideStore          *self,
                                                gint64               id,
                                                GError             **error);
GPtrArray    *glide_store_list_sessions        (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
GPtrArray    *glide_store_get_course_series    (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
GPtrArray    *glide_store_list_caseload        (GlideStore          *self,
                                                const char          *from,
                                                const char          *to,
                                                GError             **error);

/* The course of care (glide-store-care.c). */
typedef struct
{
  GlideReportDue  due;
  guint           visits_since;  /* signed visits since the last report's period */
  guint           visits_left;   /* before the interval's last visit */
  char           *due_date;      /* the therapist's date, or NULL */
  char           *since;         /* end of the last report's period, or NULL */
} GlideReportDueInfo;

gint64        glide_store_add_goal             (GlideStore          *self,
                                                GlideGoal           *goal,
                                                GError             **error);
gint64        glide_store_set_goal_status      (GlideStore          *self,
                                                GlideGoalStatusEntry *entry,
                                                GError             **error);
GPtrArray    *glide_store_list_goals           (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
gint64        glide_store_save_care_plan       (GlideStore          *self,
                                                GlideCarePlan       *plan,
                                                GError             **error);
GPtrArray    *glide_store_list_care_plans      (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
gint64        glide_store_add_progress_report  (GlideStore          *self,
                                                GlideProgressReport *report,
                                                GError             **error);
GPtrArray    *glide_store_list_progress_reports (GlideStore         *self,
                                                gint64               course_id,
                                                GError             **error);
gint64        glide_store_add_consent          (GlideStore          *self,
                                                GlideConsent        *consent,
                                                GError             **error);
GPtrArray    *glide_store_list_consents        (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
gboolean      glide_store_discharge_course     (GlideStore          *self,
                                                GlideDischarge      *discharge,
                                                GPtrArray           *goal_statuses,
                                                GError             **error);
GlideDischarge *glide_store_get_discharge      (GlideStore          *self,
                                                gint64               course_id,
                                                GError             **error);
gboolean      glide_store_get_report_due       (GlideStore          *self,
                                                gint64               course_id,
                                                const char          *today,
                                                guint                interval,
                                                GlideReportDueInfo  *info,
                                                GError             **error);
void          glide_report_due_info_clear      (GlideReportDueInfo  *info);
GlideCareSettings *glide_store_get_care_settings (GlideStore        *self,
                                                GError             **error);
gboolean      glide_store_set_care_settings    (GlideStore          *self,
                                                const GlideCareSettings *settings,
                                                GError             **error);

gboolean      glide_store_audit                (GlideStore          *self,
                                                GlideAuditAction     action,
                                                const char          *chart,
                                                const char          *entity,
                                                const char          *details,
                                                GError             **error);
gboolean      glide_store_audit_document       (GlideStore          *self,
                                                GlideAuditAction     action,
                                                GPtrArray           *charts,
                                                const char          *entity,
                                                const char          *details,
                                                GError             **error);
GPtrArray    *glide_store_list_audit           (GlideStore          *self,
                                                const char          *chart,
                                                GError             **error);
GPtrArray    *glide_store_check                (GlideStore          *self,
                                                GError             **error);

gboolean      glide_store_save_recovery        (GlideStore          *self,
                                                const char          *key,
                                                const char          *title,
                                                const char          *content,
                                                GError             **error);
GlideRecovery *glide_store_get_recovery        (GlideStore          *self,
                                                const char          *key,
                                                GError             **error);
GPtrArray    *glide_store_list_recovery        (GlideStore          *self,
                                                GError             **error);
gboolean      glide_store_clear_recovery       (GlideStore          *self,
                                                const char          *key,
                                                GError             **error);

void          glide_recovery_free              (GlideRecovery       *recovery);
char         *glide_recovery_key               (gint64               course_id,
                                                gint64               session_id);
void          glide_audit_entry_free           (GlideAuditEntry     *entry);
void          glide_check_item_free            (GlideCheckItem      *item);
void          glide_series_free                (GlideSeries         *series);
void          glide_caseload_row_free          (GlideCaseloadRow    *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideAuditEntry, glide_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideRecovery, glide_recovery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideSeries, glide_series_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideCaseloadRow, glide_caseload_row_free)

/* ---- backups (glide-store-backup.c) -------------------------------------- */

/* Automatic backups are kept grandfather-father-son: the newest of each of
 * the last 7 days, 4 ISO weeks and 12 months (UTC). */
#define GLIDE_BACKUP_KEEP_DAYS   7
#define GLIDE_BACKUP_KEEP_WEEKS  4
#define GLIDE_BACKUP_KEEP_MONTHS 12

/* What glide_backup_verify() read from a verified copy. */
typedef struct
{
  gint64  audit_entries;   /* id of the last audit entry, 0: none */
  char   *last_audit_at;   /* its time, or NULL */
} GlideBackupInfo;

void          glide_store_anchor_file          (const char          *path);
char         *glide_backup_get_default_dir     (const char          *db_path);
char         *glide_backup_name_for_time       (GDateTime           *time);
GDateTime    *glide_backup_name_get_time       (const char          *name);
GPtrArray    *glide_backup_plan_rotation       (const char  *const  *names,
                                                GDateTime           *now,
                                                guint                days,
                                                guint                weeks,
                                                guint                months);
gboolean      glide_backup_rotate              (const char          *dir,
                                                GDateTime           *now,
                                                GError             **error);
GDateTime    *glide_backup_find_latest         (const char          *dir);
gboolean      glide_backup_clean_partial       (const char          *dir,
                                                GError             **error);
gboolean      glide_store_backup               (GlideStore          *self,
                                                const char          *path,
                                                gboolean             overwrite,
                                                GError             **error);
char         *glide_store_backup_to_dir        (GlideStore          *self,
                                                const char          *dir,
                                                GError             **error);
GlideBackupInfo *glide_backup_verify           (const char          *path,
                                                GError             **error);
gboolean      glide_backup_restore             (const char          *backup_path,
                                                const char          *db_path,
                                                gboolean             force,
                                                char               **kept_path,
                                                GError             **error);
gint64        glide_store_get_change_count     (GlideStore          *self);
void          glide_backup_info_free           (GlideBackupInfo     *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlideBackupInfo, glide_backup_info_free)

G_END_DECLS
