/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-test-utils.h: fixtures shared by the tests. */

#pragma once

#include <glib.h>

#include "glide-store.h"

typedef struct pg_conn PGconn;

G_BEGIN_DECLS

char         *glide_test_make_tmpdir      (void);
void          glide_test_remove_tree      (const char   *path);
char         *glide_test_file_checksum    (const char   *path);
GlideStore   *glide_test_open_store       (const char   *dir,
                                           const char   *name);
char         *glide_test_store_location   (const char   *dir,
                                           const char   *name);
gboolean      glide_test_backend_is_sqlite (void);
gboolean      glide_test_skip_unless_sqlite (const char  *reason);
gint64        glide_test_add_therapist    (GlideStore   *store,
                                           const char   *code,
                                           const char   *name);
gint64        glide_test_add_patient      (GlideStore   *store,
                                           const char   *chart,
                                           const char   *family,
                                           const char   *given);
gint64        glide_test_add_course       (GlideStore   *store,
                                           gint64        patient_id,
                                           const char   *start_date);
GlideSession *glide_test_new_session      (gint64        course_id,
                                           gint64        therapist_id,
                                           const char   *start);
void          glide_test_damage_page      (const char   *path,
                                           const char   *table,
                                           gboolean      last);
char         *glide_test_sql_text         (const char   *db_path,
                                           const char   *sql);
int           glide_test_sql_exec         (const char   *db_path,
                                           const char   *sql,
                                           char        **message);
int           glide_test_run              (const char  *const *argv,
                                           char        **out,
                                           char        **err);
int           glide_test_run_glide        (const char  *cwd,
                                           const char  *const *env_extra,
                                           GPtrArray    *args,
                                           char        **out,
                                           char        **err);

void          glide_test_assert_check_passes (GlideStore *store);
void          glide_test_add_two_drafts   (GlideStore   *store,
                                           gint64       *course,
                                           gint64       *ko_draft,
                                           gint64       *dw_draft,
                                           gint64       *dw_id);

/* Plain SQL on the test cluster (GLIDE_TEST_PG_*, tests/pg/with-pg-cluster). */
char         *glide_test_pg_uri           (const char   *database,
                                           const char   *login,
                                           const char   *extra);
PGconn       *glide_test_pg_connect       (const char   *database,
                                           const char   *login);
PGconn       *glide_test_pg_connect_superuser (const char *database);
void          glide_test_pg_exec          (PGconn       *conn,
                                           const char   *sql);
char         *glide_test_pg_query_text    (PGconn       *conn,
                                           const char   *sql,
                                           const char   *param);
void          glide_test_pg_superuser_exec (const char  *sql);
gint64        glide_test_pg_superuser_count (const char *sql);
void          glide_test_pg_glide_ok      (const char   *workdir,
                                           const char   *first,
                                           ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
