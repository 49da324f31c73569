/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-private.h: shared by the store's own files (glide-store*.c), the
 * only files that see SQL and sqlite3 types. */

#pragma once

#include <sqlite3.h>

#include "glide-store.h"

G_BEGIN_DECLS

struct _GlideStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt, prepared once */
  gint64      actor_id;     /* therapist acting through this connection, 0: system */
  char       *actor_code;
  guint       depth;        /* open transactions (outermost) and savepoints */
  gboolean    audit_batch;  /* the caller audits a bulk operation itself */
};

/* 'Glid', PRAGMA application_id of every Glide database. */
#define GLIDE_APPLICATION_ID 1198287204

#define GLIDE_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

sqlite3_stmt *glide_store_prepare          (GlideStore    *self,
                                            const char    *sql,
                                            GError       **error);
gboolean      glide_store_exec             (GlideStore    *self,
                                            const char    *sql,
                                            GError       **error);
char         *glide_store_column_dup       (sqlite3_stmt  *stmt,
                                            int            column);
GPtrArray    *glide_store_collect          (GlideStore    *self,
                                            sqlite3_stmt  *stmt,
                                            gpointer     (*read) (sqlite3_stmt *),
                                            GDestroyNotify free_func,
                                            GError       **error);
gboolean      glide_store_step_done        (GlideStore    *self,
                                            sqlite3_stmt  *stmt,
                                            GError       **error);
gboolean      glide_store_set_sqlite_error (GlideStore    *self,
                                            int            rc,
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
gboolean      glide_store_check_audit      (GlideStore    *self,
                                            GlideCheckItem *item,
                                            GError       **error);
char         *glide_store_hash_audit_row   (const char    *prev_hash,
                                            gint64         id,
                                            const char    *at,
                                            const char    *actor,
                                            const char    *action,
                                            const char    *chart,
                                            const char    *entity,
                                            const char    *details);

G_END_DECLS
