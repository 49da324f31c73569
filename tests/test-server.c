/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server.c: a clinic on a real PostgreSQL server, worked by people
 * logged in as themselves: what each role may and may not do through Glide
 * (the glide binary and the store) and with plain SQL, password logins, TLS
 * parameters reaching libpq, and four workstations writing at once for a
 * fixed wall-clock time without losing anything. Runs under
 * tests/pg/with-pg-cluster (GLIDE_TEST_PG_URI: the owner of an empty
 * database); skipped without it.
 *
 * The cases share one clinic and run in order: the demo clinic first, then
 * the logins made by the superuser and granted with glide --grant. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "glide-store.h"

#include "glide-test-utils.h"

/* pw_ana's; set_up_clinic() writes it as an SQL literal, quote doubled. */
#define PASSWORD "ana's secret"
#define SSL_REQUEST_CODE 80877103u
#define PROTOCOL_3_CODE 196608u

static char *workdir;
static char *data_home;
static PGconn *owner;
static const char *password_group;

/* ---- connections ----------------------------------------------------------- */

static gint64
query_int (PGconn     *conn,
           const char *sql,
           const char *param)
{
  g_autofree char *text = glide_test_pg_query_text (conn, sql, param);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* @sql, run by @conn's login, must be refused with a message containing
 * @part; then nothing it would have changed has changed (the caller checks). */
static void
assert_sql_refused_with (PGconn     *conn,
                         const char *sql,
                         const char *param,
                         const char *part)
{
  const char *values[] = { param };
  PGresult *res = param ? PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0)
                        : PQexec (conn, sql);
  const char *message = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);

  if (PQresultStatus (res) != PGRES_FATAL_ERROR)
    g_error ("%s was not refused to %s", sql, PQuser (conn));
  g_test_message ("%s as %s: refused, %s", sql, PQuser (conn), message);
  if (strstr (message, part) == NULL)
    g_error ("%s as %s: the refusal \"%s\" does not say \"%s\"", sql, PQuser (conn), message,
             part);
  PQclear (res);
}

static void
assert_sql_refused (PGconn     *conn,
                    const char *sql,
                    const char *part)
{
  assert_sql_refused_with (conn, sql, NULL, part);
}

static char *
last_actor (PGconn *conn)
{
  return glide_test_pg_query_text (conn, "SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1", NULL);
}

static void
assert_last_actor (const char *login)
{
  g_autofree char *actor = last_actor (owner);

  g_assert_cmpstr (actor, ==, login);
}

static gint64
count_patients (void)
{
  return query_int (owner, "SELECT count(*) FROM patients", NULL);
}

/* ---- the glide binary ------------------------------------------------------ */

/* Runs glide -d URI-of-@login ARGS… (NULL-terminated) in the work folder. */
static int
glide_env (const char  *database,
           const char  *login,
           const char  *password_env,
           char       **out,
           char       **err,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  g_autofree char *password = password_env ? g_strdup_printf ("PGPASSWORD=%s", password_env)
                                           : NULL;
  const char *env[] = { data, password, NULL };
  va_list list;
  int status;

  g_ptr_array_add (args, g_strdup ("-d"));
  g_ptr_array_add (args, glide_test_pg_uri (database, login, NULL));
  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (list);
  status = glide_test_run_glide (workdir, env, args, out, err);
  g_test_message ("glide as %s %s: status %d\n%s%s", login ? login : "the owner",
                  (char *) g_ptr_array_index (args, 2), status, out && *out ? *out : "",
                  err && *err ? *err : "");
  return status;
}

#define glide_as(login, out, err, ...) glide_env (NULL, login, NULL, out, err, __VA_ARGS__, NULL)

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", text ? text : "(null)", part);
}

/* glide as @login runs ARGS and fails, saying @part (and nothing on stdout
 * that claims success). */
#define assert_glide_refused(login, part, ...) \
  G_STMT_START { \
    g_autofree char *out_ = NULL, *err_ = NULL; \
    g_assert_cmpint (glide_as (login, &out_, &err_, __VA_ARGS__), ==, 1); \
    assert_contains (err_, part); \
  } G_STMT_END

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

/* One demo patient's document, its chart renamed: a patient new to the clinic. */
static char *
patient_document (const char *chart,
                  const char *new_chart)
{
  g_autofree char *path = work_path ("one-patient.json");
  g_autofree char *target = g_strdup_printf ("%s.json", new_chart);
  g_autofree char *text = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", chart);
  g_autofree char *new_quoted = g_strdup_printf ("\"%s\"", new_chart);
  g_auto(GStrv) parts = NULL;
  g_autofree char *renamed = NULL;
  char *new_path = work_path (target);

  g_assert_cmpint (glide_as (NULL, NULL, NULL, "--export-json", path, "--patient", chart), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, quoted, -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  renamed = g_strjoinv (new_quoted, parts);
  g_assert_true (g_file_set_contents (new_path, renamed, -1, NULL));
  return new_path;
}

static GlideStore *
open_store_as (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = glide_test_pg_uri (NULL, login, NULL);
  GlideStore *store = glide_store_open (uri, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (glide_store_get_login (store), ==, login);
  return store;
}

static gint64
therapist_id (const char *code)
{
  return query_int (owner, "SELECT id FROM therapists WHERE code = $1", code);
}

/* A signed session of the therapist @code. */
static gint64
signed_session_of (const char *code)
{
  return query_int (owner, "SELECT s.id FROM sessions s JOIN therapists t ON t.id = s.therapist_id"
                    " WHERE t.code = $1 AND s.signed_at IS NOT NULL ORDER BY s.id LIMIT 1", code);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
}

/* ---- setup ----------------------------------------------------------------- */

static void
create_login (PGconn     *superuser,
              const char *sql_tail)
{
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE %s", sql_tail);

  glide_test_pg_exec (superuser, sql);
}

static void
grant (const char *login,
       const char *role,
       const char *therapist)
{
  g_autofree char *out = NULL;
  int status = therapist ?
    glide_as (NULL, &out, NULL, "--grant", login, "--role", role, "--therapist", therapist) :
    glide_as (NULL, &out, NULL, "--grant", login, "--role", role);

  g_assert_cmpint (status, ==, 0);
  assert_contains (out, login);
}

static void
set_up_clinic (void)
{
  g_autofree char *out = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *sql = NULL;
  PGconn *superuser;

  /* The owner's first open creates the schema; --demo fills it. */
  g_assert_cmpint (glide_as (NULL, &out, NULL, "--demo"), ==, 0);
  assert_contains (out, "3 therapists, 14 patients");
  owner = glide_test_pg_connect (NULL, NULL);
  codes = glide_test_pg_query_text (owner, "SELECT string_agg (code, ',' ORDER BY id) FROM therapists", NULL);
  g_assert_cmpstr (codes, ==, "dw,ko,al");

  superuser = glide_test_pg_connect_superuser ("glide");
  glide_test_pg_exec (superuser, "SET client_min_messages = warning");
  create_login (superuser, "t_dw LOGIN");
  create_login (superuser, "t_other LOGIN");
  create_login (superuser, "m_front LOGIN");
  create_login (superuser, "a_boss LOGIN");
  sql = g_strdup_printf ("pw_ana LOGIN PASSWORD '%s' IN ROLE %s", "ana''s secret", password_group);
  create_login (superuser, sql);
  PQfinish (superuser);

  grant ("t_dw", "therapist", "dw");
  grant ("m_front", "manager", NULL);
  grant ("a_boss", "admin", NULL);
  grant ("pw_ana", "therapist", "al");
}

/* ---- who ------------------------------------------------------------------- */

static void
test_who (void)
{
  static const struct { const char *login, *line; } people[] = {
    { "t_dw", "t_dw: therapist, signs as dw (Dana Whitfield)\n" },
    { "m_front", "m_front: manager\n" },
    { "a_boss", "a_boss: admin\n" },
    { NULL, "glide_owner: owner\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (glide_as (people[i].login, &out, NULL, "--who"), ==, 0);
      g_assert_cmpstr (out, ==, people[i].line);
    }
  /* A login of the cluster the clinic has not granted anything. */
  assert_glide_refused ("t_other", "The clinic server refused t_other: this login has no role",
                        "--who");
}

/* ---- a therapist ----------------------------------------------------------- */

static void
test_therapist_signed_session (void)
{
  g_autoptr(GlideStore) store = open_store_as ("t_dw");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) session = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, signed_session_of ("dw"));
  g_autofree char *note = glide_test_pg_query_text (owner, "SELECT note FROM sessions WHERE id = $1", id);
  g_autofree char *after = NULL;
  PGconn *t;

  g_assert_cmpint (glide_store_get_role (store), ==, GLIDE_STORE_ROLE_THERAPIST);
  g_assert_cmpint (glide_store_get_actor (store), ==, therapist_id ("dw"));

  /* Through Glide: the store refuses before the server would. */
  session = glide_store_get_session (store, g_ascii_strtoll (id, NULL, 10), &error);
  g_assert_no_error (error);
  /* Saved as a draft over the signed one. */
  g_free (session->note);
  session->note = g_strdup ("Rewritten afterwards");
  session->signed_by = 0;
  g_clear_pointer (&session->signed_at, g_free);
  g_assert_cmpint (glide_store_save_draft_session (store, session, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_SIGNED);
  g_test_message ("save over a signed session: %s", error->message);

  /* With plain SQL: the server refuses. */
  t = glide_test_pg_connect (NULL, "t_dw");
  assert_sql_refused_with (t, "UPDATE sessions SET note = 'Rewritten' WHERE id = $1", id,
                           "a signed session cannot be changed");
  assert_sql_refused_with (t, "DELETE FROM sessions WHERE id = $1", id,
                           "a signed session cannot be deleted");
  assert_sql_refused_with (t, "UPDATE treatments SET duration_s = 1 WHERE session_id = $1", id,
                           "a signed session cannot be changed");
  PQfinish (t);

  after = glide_test_pg_query_text (owner, "SELECT note FROM sessions WHERE id = $1", id);
  g_assert_cmpstr (after, ==, note);
}

static void
test_therapist_audit_log (void)
{
  g_autofree char *before = glide_test_pg_query_text (owner, "SELECT count(*) || ' ' || max(hash)"
                                        " FROM audit_log", NULL);
  g_autofree char *after = NULL;
  PGconn *t = glide_test_pg_connect (NULL, "t_dw");

  assert_sql_refused (t, "UPDATE audit_log SET actor = 't_dw'", "permission denied");
  assert_sql_refused (t, "DELETE FROM audit_log", "permission denied");
  assert_sql_refused (t, "UPDATE audit_head SET count = 0", "the audit log is append-only");
  assert_sql_refused (t, "TRUNCATE audit_log", "permission denied");
  PQfinish (t);

  after = glide_test_pg_query_text (owner, "SELECT count(*) || ' ' || max(hash) FROM audit_log", NULL);
  g_assert_cmpstr (after, ==, before);
}

/* A new patient and course of t_dw's, for drafts. */
static gint64
new_course (GlideStore *store,
            const char *chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new (chart, "Lindgren", "Ola", "1975-06-01");
  g_autoptr(GlideCourse) course = glide_course_new ("Lateral epicondylalgia");
  gint64 id;

  course->patient_id = glide_store_create_patient (store, patient, &error);
  g_assert_no_error (error);
  course->start_date = g_strdup ("2026-03-02");
  id = glide_store_create_course (store, course, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
save_draft (GlideStore *store,
            gint64      course_id,
            gint64      therapist,
            const char *start,
            GError    **error)
{
  g_autoptr(GlideSession) session = glide_session_new (course_id, start, therapist);

  g_ptr_array_add (session->treatments, glide_treatment_new (GLIDE_SITE_FOREARM_EXTENSORS, GLIDE_SIDE_RIGHT));
  g_free (session->note);
  session->note = g_strdup ("Tender over the common extensor origin");
  return glide_store_save_draft_session (store, session, error);
}

static void
test_therapist_signs_as_self (void)
{
  g_autoptr(GlideStore) store = open_store_as ("t_dw");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideSession) stored = NULL;
  gint64 dw = therapist_id ("dw"), ko = therapist_id ("ko");
  gint64 course = new_course (store, "T-DW-1");
  gint64 draft = save_draft (store, course, dw, "2026-03-02T09:00", &error);
  g_autofree char *sql = NULL;
  PGconn *t;

  g_assert_no_error (error);
  assert_last_actor ("t_dw");

  /* Through Glide: refused, naming the login and the rule. */
  g_assert_false (glide_store_sign_session (store, draft, ko, "2026-03-02T10:00", &error));
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  g_test_message ("signing as ko: %s", error->message);
  g_assert_cmpstr (error->message, ==,
                   "The clinic server refused this to t_dw (therapist): t_dw can sign only as "
                   "their own therapist. Nothing was changed.");
  g_clear_error (&error);
  stored = glide_store_get_session (store, draft, &error);
  g_assert_no_error (error);
  g_assert_null (stored->signed_at);

  /* With plain SQL. */
  t = glide_test_pg_connect (NULL, "t_dw");
  sql = g_strdup_printf ("UPDATE sessions SET signed_by = %" G_GINT64_FORMAT ", signed_at ="
                         " '2026-03-02T10:00' WHERE id = %" G_GINT64_FORMAT, ko, draft);
  assert_sql_refused (t, sql, "t_dw can sign only as their own therapist");
  PQfinish (t);

  /* As themselves: signed, and the audit log names the login. */
  g_assert_true (glide_store_sign_session (store, draft, dw, "2026-03-02T10:00", &error));
  g_assert_no_error (error);
  assert_last_actor ("t_dw");
}

static void
test_therapist_addenda (void)
{
  g_autoptr(GlideStore) store = open_store_as ("t_dw");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideAddendum) theirs = glide_addendum_new (therapist_id ("dw"), NULL,
                                                        "Seen again: better");
  g_autoptr(GlideAddendum) own = glide_addendum_new (therapist_id ("dw"), NULL,
                                                     "Phoned: pain 2/10");
  gint64 before = query_int (owner, "SELECT count(*) FROM addenda", NULL);

  /* Kenji's session. */
  g_assert_cmpint (glide_store_add_addendum (store, signed_session_of ("ko"), theirs, &error),
                   ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  g_test_message ("addendum to ko's session: %s", error->message);
  assert_contains (error->message, "refused this to t_dw (therapist): t_dw can add addenda only "
                   "to their own sessions");
  g_clear_error (&error);
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM addenda", NULL), ==, before);

  /* Her own. */
  g_assert_cmpint (glide_store_add_addendum (store, signed_session_of ("dw"), own, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM addenda", NULL), ==, before + 1);
  assert_last_actor ("t_dw");
}

static void
test_therapist_import (void)
{
  g_autofree char *theirs = patient_document ("P-1002", "X-KO");
  g_autofree char *own = patient_document ("P-1001", "X-DW");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 patients = count_patients ();
  gint64 audit = query_int (owner, "SELECT count(*) FROM audit_log", NULL);

  /* Kenji's signed sessions: nothing is imported. */
  g_assert_cmpint (glide_as ("t_dw", &out, &err, "--import", theirs), ==, 1);
  assert_contains (err, "The clinic server refused this to t_dw (therapist): t_dw can sign only "
                   "as their own therapist");
  /* The first session is the one refused, not a later one. */
  assert_contains (err, ".sessions[0]: The clinic server refused");
  assert_contains (err, "Nothing was imported.");
  g_assert_cmpint (count_patients (), ==, patients);
  g_assert_null (glide_test_pg_query_text (owner, "SELECT id FROM patients WHERE chart = 'X-KO'", NULL));
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM audit_log", NULL), ==, audit);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Her own: imported, as her. */
  g_assert_cmpint (glide_as ("t_dw", &out, &err, "--import", own), ==, 0);
  g_assert_cmpint (count_patients (), ==, patients + 1);
  assert_last_actor ("t_dw");
}

/* ---- a manager ------------------------------------------------------------- */

static void
test_manager_prints (void)
{
  g_autofree char *report = work_path ("report.pdf");
  g_autofree char *summary = work_path ("summary.pdf");
  g_autofree char *caseload = work_path ("caseload.pdf");

  g_assert_cmpint (glide_as ("m_front", NULL, NULL, "--report", "P-1001", "-o", report), ==, 0);
  assert_pdf (report);
  assert_last_actor ("m_front");
  g_assert_cmpint (glide_as (NULL, NULL, NULL, "--check"), ==, 0);

  g_assert_cmpint (glide_as ("m_front", NULL, NULL, "--summary", "P-1002", "-o", summary), ==, 0);
  assert_pdf (summary);
  assert_last_actor ("m_front");

  g_assert_cmpint (glide_as ("m_front", NULL, NULL, "--caseload", "--from", "2026-01-01",
                             "--to", "2026-12-31", "-o", caseload), ==, 0);
  assert_pdf (caseload);
  assert_last_actor ("m_front");
}

static void
test_manager_writes_nothing (void)
{
  g_autoptr(GlideStore) store = open_store_as ("m_front");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlidePatient) patient = glide_patient_new ("M-1", "Novak", "Ivo", NULL);
  g_autofree char *document = patient_document ("P-1003", "X-MGR");
  gint64 patients = count_patients ();
  gint64 sessions = query_int (owner, "SELECT count(*) FROM sessions", NULL);
  gint64 course = query_int (owner, "SELECT max(id) FROM courses", NULL);
  PGconn *m;

  g_assert_cmpint (glide_store_get_role (store), ==, GLIDE_STORE_ROLE_MANAGER);
  assert_glide_refused ("m_front", "The clinic server refused this to m_front (manager): "
                        "permission denied for table", "--import", document);
  assert_glide_refused ("m_front", "Nothing was imported.", "--import", document);

  g_assert_cmpint (glide_store_create_patient (store, patient, &error), ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  g_test_message ("a new patient: %s", error->message);
  g_assert_cmpstr (error->message, ==, "The clinic server refused this to m_front (manager): "
                   "permission denied for table patients. Nothing was changed.");
  g_clear_error (&error);

  g_assert_cmpint (save_draft (store, course, therapist_id ("ko"), "2026-11-02T09:00", &error),
                   ==, 0);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
  g_test_message ("a draft: %s", error->message);
  assert_contains (error->message, "The clinic server refused this to m_front (manager)");

  m = glide_test_pg_connect (NULL, "m_front");
  assert_sql_refused (m, "INSERT INTO patients (chart, family_name, sort_key)"
                      " VALUES ('M-2', 'Novak', 'novak')", "permission denied");
  assert_sql_refused (m, "UPDATE sessions SET note = ''", "permission denied");
  PQfinish (m);

  g_assert_cmpint (count_patients (), ==, patients);
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM sessions", NULL), ==, sessions);
}

/* ---- an admin -------------------------------------------------------------- */

static void
test_admin_grants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) revoked = NULL;
  g_autofree char *out = NULL;
  g_autofree char *uri = glide_test_pg_uri (NULL, "t_other", NULL);

  /* Only an admin grants: Glide says so, and the server refuses it anyway. */
  assert_glide_refused ("t_dw", "Only an admin or the database's owner can grant roles; "
                        "t_dw is therapist in this clinic",
                        "--grant", "t_other", "--role", "manager");
  assert_glide_refused ("m_front", "Only an admin or the database's owner can revoke roles; "
                        "m_front is manager in this clinic",
                        "--revoke", "t_dw");
  {
    PGconn *therapist = glide_test_pg_connect (NULL, "t_dw");

    assert_sql_refused (therapist, "SELECT glide_grant_staff ('t_other', 'manager', NULL)",
                        "permission denied for function glide_grant_staff");
    PQfinish (therapist);
  }

  g_assert_cmpint (glide_as ("a_boss", NULL, NULL, "--grant", "t_other", "--role", "therapist",
                             "--therapist", "ko"), ==, 0);
  assert_last_actor ("a_boss");
  g_assert_cmpint (glide_as ("t_other", &out, NULL, "--who"), ==, 0);
  g_assert_cmpstr (out, ==, "t_other: therapist, signs as ko (Kenji Okada)\n");

  g_assert_cmpint (glide_as ("a_boss", NULL, NULL, "--revoke", "t_other"), ==, 0);
  assert_last_actor ("a_boss");
  assert_glide_refused ("t_other", "The clinic server refused t_other: this login has no role",
                        "--who");
  revoked = glide_store_open (uri, &error);
  g_assert_null (revoked);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION);
}

/* The whole demo clinic into a second database, by an admin, and back out
 * of it unchanged. */
static void
test_admin_imports_clinic (void)
{
  g_autofree char *clinic = work_path ("clinic.json");
  g_autofree char *back = work_path ("clinic-back.json");
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *out = NULL;
  g_autofree char *imported = NULL;
  PGconn *superuser = glide_test_pg_connect_superuser ("postgres");
  PGconn *copy;

  glide_test_pg_exec (superuser, "CREATE DATABASE glide_copy OWNER glide_owner");
  PQfinish (superuser);
  /* The whole clinic: the demo and what the tests above added. */
  imported = g_strdup_printf ("Imported %" G_GINT64_FORMAT " patients", count_patients ());
  g_assert_cmpint (glide_as (NULL, NULL, NULL, "--export-json", clinic), ==, 0);
  /* The owner's first open creates the schema there; a_boss is its admin. */
  g_assert_cmpint (glide_env ("glide_copy", NULL, NULL, NULL, NULL,
                              "--grant", "a_boss", "--role", "admin", NULL), ==, 0);
  g_assert_cmpint (glide_env ("glide_copy", "t_dw", NULL, NULL, NULL, "--import", clinic, NULL),
                   ==, 1);
  g_assert_cmpint (glide_env ("glide_copy", "a_boss", NULL, &out, NULL, "--import", clinic, NULL),
                   ==, 0);
  assert_contains (out, imported);

  copy = glide_test_pg_connect ("glide_copy", NULL);
  actor = last_actor (copy);
  g_assert_cmpstr (actor, ==, "a_boss");
  PQfinish (copy);

  g_assert_cmpint (glide_env ("glide_copy", "a_boss", NULL, NULL, NULL, "--export-json", back,
                              NULL), ==, 0);
  g_assert_true (g_file_get_contents (clinic, &original, NULL, NULL));
  g_assert_true (g_file_get_contents (back, &copied, NULL, NULL));
  g_assert_cmpstr (copied, ==, original);
  g_assert_cmpint (glide_env ("glide_copy", NULL, NULL, NULL, NULL, "--check", NULL), ==, 0);

  /* The owner's import has the new rows analysed at once, so the server
   * plans a course's reads by them, not by guesses. */
  superuser = glide_test_pg_connect_superuser ("postgres");
  glide_test_pg_exec (superuser, "CREATE DATABASE glide_owned OWNER glide_owner");
  PQfinish (superuser);
  g_assert_cmpint (glide_env ("glide_owned", NULL, NULL, NULL, NULL, "--import", clinic, NULL),
                   ==, 0);
  copy = glide_test_pg_connect ("glide_owned", NULL);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM pg_stats WHERE schemaname = 'public'"
                              " AND tablename IN ('sessions', 'treatments', 'measures')", NULL),
                   >, 0);
  PQfinish (copy);
}

/* ---- logging in ------------------------------------------------------------ */

static void
test_password (void)
{
  g_autofree char *escaped = g_uri_escape_string (PASSWORD, NULL, FALSE);
  g_autofree char *right = g_strdup_printf ("password=%s", escaped);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (glide_env (NULL, "pw_ana", NULL, NULL, &err, "--who", NULL), ==, 1);
  assert_contains (err, "The clinic server needs the password of pw_ana");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide_env (NULL, "pw_ana", "not it", NULL, &err, "--who", NULL), ==, 1);
  assert_contains (err, "The clinic server refused the password for pw_ana");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (glide_env (NULL, "pw_ana", PASSWORD, &out, NULL, "--who", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "pw_ana: therapist, signs as al (Amara Lindqvist)\n");
  g_clear_pointer (&out, g_free);

  /* In the URI, as libpq reads it. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
    const char *env[] = { data, NULL };

    g_ptr_array_add (args, g_strdup ("-d"));
    g_ptr_array_add (args, glide_test_pg_uri (NULL, "pw_ana", right));
    g_ptr_array_add (args, g_strdup ("--who"));
    g_assert_cmpint (glide_test_run_glide (workdir, env, args, &out, NULL), ==, 0);
    g_assert_cmpstr (out, ==, "pw_ana: therapist, signs as al (Amara Lindqvist)\n");
    g_clear_pointer (&out, g_free);

    g_ptr_array_set_size (args, 0);
    g_ptr_array_add (args, g_strdup ("-d"));
    g_ptr_array_add (args, glide_test_pg_uri (NULL, "pw_ana", "password=wrong"));
    g_ptr_array_add (args, g_strdup ("--who"));
    g_assert_cmpint (glide_test_run_glide (workdir, env, args, NULL, &err), ==, 1);
    assert_contains (err, "The clinic server refused the password for pw_ana");
  }
}

/* A server that answers the first packet a client sends, as PostgreSQL
 * would: an SSL request gets "S" (go ahead with TLS). The test server itself
 * listens on a socket only, where libpq never tries TLS. */
typedef struct
{
  GSocket *listener;
  guint16  port;
  guint32  first_code;   /* the first packet's request code */
} FakeServer;

static gpointer
fake_server_run (gpointer data)
{
  FakeServer *fake = data;
  g_autoptr(GSocket) client = g_socket_accept (fake->listener, NULL, NULL);
  guint8 packet[8];
  gsize got = 0;
  gssize n;
  char rest[256];

  if (client == NULL)
    return NULL;
  g_socket_set_timeout (client, 30);
  while (got < sizeof packet &&
         (n = g_socket_receive (client, (char *) packet + got, sizeof packet - got, NULL,
                                NULL)) > 0)
    got += n;
  if (got == sizeof packet)
    fake->first_code = (guint32) packet[4] << 24 | (guint32) packet[5] << 16 |
                       (guint32) packet[6] << 8 | packet[7];
  if (fake->first_code == SSL_REQUEST_CODE)
    {
      g_socket_send (client, "S", 1, NULL, NULL);
      /* The client gives up before its TLS handshake; wait until it has. */
      while (g_socket_receive (client, rest, sizeof rest, NULL, NULL) > 0)
        ;
    }
  return NULL;
}

static FakeServer *
fake_server_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  FakeServer *fake = g_new0 (FakeServer, 1);

  fake->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (fake->listener, 60);
  g_assert_true (g_socket_bind (fake->listener, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (fake->listener, &error));
  bound = g_socket_get_local_address (fake->listener, &error);
  g_assert_no_error (error);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return fake;
}

static void
fake_server_free (FakeServer *fake)
{
  g_object_unref (fake->listener);
  g_free (fake);
}

/* Runs glide --who against a fake server with @params; returns what the
 * server got first. */
static guint32
connect_to_fake (const char  *params,
                 char       **err)
{
  FakeServer *fake = fake_server_new ();
  GThread *thread = g_thread_new ("fake-server", fake_server_run, fake);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  const char *env[] = { data, NULL };
  guint32 code;

  g_ptr_array_add (args, g_strdup ("-d"));
  g_ptr_array_add (args, g_strdup_printf ("postgresql://127.0.0.1:%u/glide?user=t_dw"
                                          "&gssencmode=disable&%s", fake->port, params));
  g_ptr_array_add (args, g_strdup ("--who"));
  g_assert_cmpint (glide_test_run_glide (workdir, env, args, NULL, err), ==, 1);
  g_thread_join (thread);
  code = fake->first_code;
  fake_server_free (fake);
  g_test_message ("%s: the server got %u first; glide said %s", params, code, *err);
  return code;
}

static void
test_tls_parameters (void)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *disabled = glide_test_pg_uri (NULL, "t_dw", "sslmode=disable");

  /* verify-full: libpq asks for TLS, then needs the root certificate. */
  g_assert_cmpuint (connect_to_fake ("sslmode=verify-full&sslrootcert=/nonexistent", &err),
                    ==, SSL_REQUEST_CODE);
  assert_contains (err, "Cannot open the secure connection (SSL/TLS)");
  assert_contains (err, "root certificate file \"/nonexistent\" does not exist");
  g_clear_pointer (&err, g_free);

  /* disable: straight to the startup packet. */
  g_assert_cmpuint (connect_to_fake ("sslmode=disable", &err), ==, PROTOCOL_3_CODE);
  g_clear_pointer (&err, g_free);

  /* And the real server takes sslmode=disable. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *data = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
    const char *env[] = { data, NULL };

    g_ptr_array_add (args, g_strdup ("-d"));
    g_ptr_array_add (args, g_strdup (disabled));
    g_ptr_array_add (args, g_strdup ("--who"));
    g_assert_cmpint (glide_test_run_glide (workdir, env, args, &out, NULL), ==, 0);
    g_assert_cmpstr (out, ==, "t_dw: therapist, signs as dw (Dana Whitfield)\n");
  }
}

/* A server that takes the connection and never answers (the kernel
 * accepts it; no one reads): opening gives up after Glide's default
 * connect_timeout, not after TCP's minutes (the window retries this way
 * in an outage). */
static void
test_silent_server (void)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 start;
  double seconds;

  g_assert_nonnull (listener);
  g_assert_true (g_socket_bind (listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  uri = g_strdup_printf ("postgresql://127.0.0.1:%u/glide?user=t_dw&sslmode=disable"
                         "&gssencmode=disable",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  start = g_get_monotonic_time ();
  store = glide_store_open_server (uri, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("a silent server: %.1f s, %s", seconds, error ? error->message : "opened?");
  g_assert_null (store);
  g_assert_error (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CONNECTION);
  g_assert_cmpfloat (seconds, >=, 9);
  g_assert_cmpfloat (seconds, <, 60);
}

/* ---- workstations at once -------------------------------------------------- */

typedef struct
{
  const char *tag;
  const char *login;
  const char *role;
  const char *therapist;
  gboolean    importer;
  GSubprocess *process;
  char       *log;
} Workstation;

typedef struct
{
  char     *chart;
  char     *state;
  char     *note;
} LoggedSession;

static void
logged_session_free (LoggedSession *s)
{
  g_free (s->chart);
  g_free (s->state);
  g_free (s->note);
  g_free (s);
}

static void
test_concurrent_workstations (void)
{
  Workstation stations[] = {
    { "W1", "ws_dw", "therapist", "dw", FALSE },
    { "W2", "ws_ko", "therapist", "ko", FALSE },
    { "W3", "ws_al", "therapist", "al", FALSE },
    { "W4", "ws_admin", "admin", NULL, TRUE },
  };
  const char *seconds_text = g_getenv ("GLIDE_TEST_CONCURRENCY_SECONDS");
  guint seconds = seconds_text && *seconds_text ? (guint) g_ascii_strtoull (seconds_text, NULL, 10)
                                                : 60;
  g_autofree char *seconds_arg = g_strdup_printf ("%u", seconds);
  g_autofree char *template = work_path ("workstation.json");
  g_autoptr(GHashTable) sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) logged_session_free);
  g_autoptr(GHashTable) imported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) patients_logged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autofree char *out = NULL;
  gint64 patients_before = count_patients ();
  gint64 sessions_before = query_int (owner, "SELECT count(*) FROM sessions", NULL);
  gint64 started, imported_sessions = 0;
  double elapsed;
  PGconn *superuser = glide_test_pg_connect_superuser ("glide");
  PGresult *res;

  g_assert_cmpuint (seconds, >, 0);
  glide_test_pg_exec (superuser, "SET client_min_messages = warning");
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autofree char *login = g_strdup_printf ("%s LOGIN", stations[i].login);

      create_login (superuser, login);
    }
  PQfinish (superuser);
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    grant (stations[i].login, stations[i].role, stations[i].therapist);
  g_assert_cmpint (glide_as (NULL, NULL, NULL, "--export-json", template,
                             "--patient", "P-1001"), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = glide_test_pg_uri (NULL, stations[i].login, NULL);
      g_autofree char *log_name = g_strdup_printf ("%s.log", stations[i].tag);

      stations[i].log = work_path (log_name);
      if (stations[i].importer)
        stations[i].process =
          g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLIDE_WORKSTATION"),
                                       "--uri", uri, "--seconds", seconds_arg,
                                       "--tag", stations[i].tag, "--log", stations[i].log,
                                       "--import", template, "--chart", "P-1001", NULL);
      else
        stations[i].process =
          g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GLIDE_WORKSTATION"),
                                       "--uri", uri, "--seconds", seconds_arg,
                                       "--tag", stations[i].tag, "--log", stations[i].log, NULL);
      g_assert_no_error (error);
    }

  /* Each prints one line of figures; nothing fills a pipe. All are waited
   * for before any failure is told. */
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *figures = NULL;
      g_autofree char *problems = NULL;

      g_subprocess_communicate_utf8 (stations[i].process, NULL, NULL, &figures, &problems,
                                     &error);
      g_assert_no_error (error);
      g_test_message ("%s%s", figures, problems);
      if (!g_subprocess_get_successful (stations[i].process))
        g_string_append_printf (failures, "workstation %s failed: %s", stations[i].tag, problems);
      g_clear_object (&stations[i].process);
    }
  if (failures->len > 0)
    g_error ("%s", failures->str);
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("4 workstations for %u s: %.1f s of wall-clock time", seconds, elapsed);
  g_assert_cmpfloat (elapsed, >=, seconds);

  /* What each committed, as it logged it: the last line of a session is its state. */
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      guint n_operations = 0;
      gint64 entries;

      g_assert_true (g_file_get_contents (stations[i].log, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++)
        {
          g_auto(GStrv) f = g_strsplit (lines[l], "\t", -1);

          n_operations++;
          if (g_str_equal (f[0], "patient"))
            g_ptr_array_add (patients_logged, g_strdup (f[1]));
          else if (g_str_equal (f[0], "session"))
            {
              LoggedSession *s = g_new0 (LoggedSession, 1);
              gint64 id = g_ascii_strtoll (f[1], NULL, 10);

              s->chart = g_strdup (f[2]);
              s->state = g_strdup (f[3]);
              s->note = g_strdup (f[4]);
              g_hash_table_insert (sessions, g_memdup2 (&id, sizeof id), s);
            }
          else if (g_str_equal (f[0], "import"))
            {
              guint n = (guint) g_ascii_strtoull (f[2], NULL, 10);

              g_assert_false (g_hash_table_contains (imported, f[1]));
              g_hash_table_insert (imported, g_strdup (f[1]), GUINT_TO_POINTER (n));
              imported_sessions += n;
            }
          else if (g_str_equal (f[0], "merge"))
            g_assert_true (g_hash_table_contains (imported, f[1]));
          else
            g_assert_cmpstr (f[0], ==, "course");
        }
      g_assert_cmpuint (n_operations, >, 0);
      /* Every change wrote its audit entry, as its login. */
      entries = query_int (owner, "SELECT count(*) FROM audit_log WHERE actor = $1",
                           stations[i].login);
      g_assert_cmpint (entries, >=, stations[i].importer ? n_operations / 2 : n_operations);
    }

  /* Nothing lost: every committed record as it was committed. */
  for (guint i = 0; i < patients_logged->len; i++)
    g_assert_cmpint (query_int (owner, "SELECT count(*) FROM patients WHERE chart = $1",
                                g_ptr_array_index (patients_logged, i)), ==, 1);
  res = PQexec (owner, "SELECT s.id, p.chart, CASE WHEN s.signed_at IS NULL THEN 'draft'"
                " ELSE 'signed' END, s.note FROM sessions s JOIN courses c ON c.id = s.course_id"
                " JOIN patients p ON p.id = c.patient_id WHERE p.chart LIKE 'W_-%'");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    GHashTableIter iter;
    gpointer key, value;
    g_autofree gint64 *ids = g_new (gint64, PQntuples (res) + 1);
    g_autoptr(GHashTable) per_chart = g_hash_table_new (g_str_hash, g_str_equal);

    for (int r = 0; r < PQntuples (res); r++)
      {
        const char *chart = PQgetvalue (res, r, 1);
        LoggedSession *s;

        ids[r] = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
        g_hash_table_add (seen, &ids[r]);
        if ((s = g_hash_table_lookup (sessions, &ids[r])) != NULL)
          {
            g_assert_cmpstr (s->chart, ==, chart);
            g_assert_cmpstr (s->state, ==, PQgetvalue (res, r, 2));
            g_assert_cmpstr (s->note, ==, PQgetvalue (res, r, 3));
          }
        else
          {
            /* Imported: counted per chart below. */
            g_assert_true (g_hash_table_contains (imported, chart));
            g_hash_table_insert (per_chart, (gpointer) chart,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup
                                                                     (per_chart, chart)) + 1));
          }
      }
    g_hash_table_iter_init (&iter, sessions);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_hash_table_contains (seen, key))
        g_error ("session %" G_GINT64_FORMAT " of %s was committed but is gone",
                 *(gint64 *) key, ((LoggedSession *) value)->chart);
    g_hash_table_iter_init (&iter, imported);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_chart, key)), ==,
                        GPOINTER_TO_UINT (value));
  }
  PQclear (res);

  /* No more than that: nothing twice. */
  g_assert_cmpint (count_patients (), ==,
                   patients_before + patients_logged->len + g_hash_table_size (imported));
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM sessions", NULL), ==,
                   sessions_before + g_hash_table_size (sessions) + imported_sessions);
  g_assert_cmpint (query_int (owner, "SELECT count(*) FROM (SELECT 1 FROM sessions"
                              " GROUP BY course_id, start, therapist_id HAVING count(*) > 1) d",
                              NULL), ==, 0);
  g_test_message ("committed and found: %u patients, %u sessions, %u imported charts with %"
                  G_GINT64_FORMAT " sessions", patients_logged->len, g_hash_table_size (sessions),
                  g_hash_table_size (imported), imported_sessions);

  /* The audit chain is whole. */
  g_assert_cmpint (glide_as (NULL, &out, NULL, "--check"), ==, 0);
  assert_contains (out, "hash chain intact");
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    g_free (stations[i].log);
}

static void
test_check (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (glide_as (NULL, &out, NULL, "--check"), ==, 0);
  assert_contains (out, "Verdict: the database is intact.");
  g_clear_pointer (&out, g_free);
  /* Anyone on the staff may check. */
  g_assert_cmpint (glide_as ("m_front", &out, NULL, "--check"), ==, 0);
  assert_contains (out, "Verdict: the database is intact.");
}

int
main (int    argc,
      char **argv)
{
  const char *uri = g_getenv ("GLIDE_TEST_PG_URI");
  int status;

  if (uri == NULL || *uri == '\0')
    {
      /* Meson's TAP protocol reads a skip from the plan, not from exit 77. */
      for (int i = 1; i < argc; i++)
        if (g_str_equal (argv[i], "--tap"))
          {
            g_print ("1..0 # SKIP GLIDE_TEST_PG_URI is not set\n");
            return 0;
          }
      g_printerr ("GLIDE_TEST_PG_URI is not set: skipped\n");
      return 77;
    }

  g_test_init (&argc, &argv, NULL);

  password_group = g_getenv ("GLIDE_TEST_PG_PASSWORD_GROUP");
  g_assert_nonnull (password_group);
  workdir = glide_test_make_tmpdir ();
  /* The anchors of this run's stores, in-process and spawned. */
  data_home = g_build_filename (workdir, "data", NULL);
  g_assert_cmpint (g_mkdir (data_home, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  set_up_clinic ();

  g_test_add_func ("/server/who", test_who);
  g_test_add_func ("/server/therapist-signed-session", test_therapist_signed_session);
  g_test_add_func ("/server/therapist-audit-log", test_therapist_audit_log);
  g_test_add_func ("/server/therapist-signs-as-self", test_therapist_signs_as_self);
  g_test_add_func ("/server/therapist-addenda", test_therapist_addenda);
  g_test_add_func ("/server/therapist-import", test_therapist_import);
  g_test_add_func ("/server/manager-prints", test_manager_prints);
  g_test_add_func ("/server/manager-writes-nothing", test_manager_writes_nothing);
  g_test_add_func ("/server/admin-grants", test_admin_grants);
  g_test_add_func ("/server/admin-imports-clinic", test_admin_imports_clinic);
  g_test_add_func ("/server/password", test_password);
  g_test_add_func ("/server/tls-parameters", test_tls_parameters);
  g_test_add_func ("/server/silent-server", test_silent_server);
  g_test_add_func ("/server/concurrent-workstations", test_concurrent_workstations);
  g_test_add_func ("/server/check", test_check);
  status = g_test_run ();

  PQfinish (owner);
  glide_test_remove_tree (workdir);
  g_free (workdir);
  g_free (data_home);
  return status;
}
