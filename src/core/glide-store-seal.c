/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-seal.c: content digests of the record. Every audited change
 * writes, beside its audit entry, a SHA-256 of each changed record's canonical
 * content (audit_content), and the entry's own hash covers those digests, so
 * the chain vouches for them. Signing a session writes its digest with the
 * sign entry: that is its seal (treatments, measures, note, signer, time).
 * glide --check recomputes every record's digest and compares it with the
 * latest audited one, which shows a record added, changed or deleted with
 * plain SQL, triggers or no triggers. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"

#include <string.h>

#define DIGEST_LEN GLIDE_STORE_DIGEST_LEN

/* Children from the third on came with schema 7: they add to a digest only
 * when they have rows ("#" and their index before them), so a session
 * sealed before keeps its digest. The first two add "#" always. */
#define FIRST_OPTIONAL_CHILD 2
#define OPTIONAL_CHILDREN_SINCE 7

/* A kind of record: its rows, and for a session the rows that belong to it.
 * Column 0 of every query is the record's id (for children: the parent's);
 * the digest covers the remaining columns, so a new column in the schema is
 * covered without a change here (the migration that adds it must re-seal). */
typedef struct
{
  const char *name;
  guint       since;     /* the schema version that made its table */
  const char *one;
  const char *all;
  const char *children_one[5];
  const char *children_all[5];
} SealKind;

#define RANGE " WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
/* A measure's side, NULL as '' (measures_once's order): the back-end's name
 * for the function replaces IFNULL (prepare_child ()). */
#define IFNULL_SIDE "IFNULL(side, '')"
#define CHILD_RANGE " WHERE session_id BETWEEN ?1 AND ?2 ORDER BY session_id, "

static const SealKind seal_kinds[] = {
  { "clinic", 1, "SELECT id, * FROM clinic WHERE id = ?1", "SELECT id, * FROM clinic" RANGE,
    { NULL, NULL }, { NULL, NULL } },
  { "therapist", 1, "SELECT id, * FROM therapists WHERE id = ?1",
    "SELECT id, * FROM therapists" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "instrument", 1, "SELECT id, * FROM instruments WHERE id = ?1",
    "SELECT id, * FROM instruments" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "patient", 1, "SELECT id, * FROM patients WHERE id = ?1",
    "SELECT id, * FROM patients" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "screening", 1, "SELECT id, * FROM screening WHERE id = ?1",
    "SELECT id, * FROM screening" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "course", 1, "SELECT id, * FROM courses WHERE id = ?1",
    "SELECT id, * FROM courses" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "session", 1, "SELECT id, * FROM sessions WHERE id = ?1",
    "SELECT id, * FROM sessions" RANGE,
    { "SELECT session_id, * FROM treatments WHERE session_id = ?1 ORDER BY position",
      "SELECT session_id, * FROM measures WHERE session_id = ?1"
      " ORDER BY measure, " IFNULL_SIDE ", timing",
      "SELECT session_id, * FROM session_details WHERE session_id = ?1",
      "SELECT session_id, * FROM session_billing WHERE session_id = ?1 ORDER BY code",
      "SELECT session_id, * FROM exercises WHERE session_id = ?1 ORDER BY position" },
    { "SELECT session_id, * FROM treatments" CHILD_RANGE "position",
      "SELECT session_id, * FROM measures" CHILD_RANGE "measure, " IFNULL_SIDE ", timing",
      "SELECT session_id, * FROM session_details" CHILD_RANGE "session_id",
      "SELECT session_id, * FROM session_billing" CHILD_RANGE "code",
      "SELECT session_id, * FROM exercises" CHILD_RANGE "position" } },
  { "addendum", 1, "SELECT id, * FROM addenda WHERE id = ?1",
    "SELECT id, * FROM addenda" RANGE, { NULL, NULL }, { NULL, NULL } },
  /* Schema 7: the course of care. */
  { "goal", 7, "SELECT id, * FROM goals WHERE id = ?1",
    "SELECT id, * FROM goals" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "goal-status", 7, "SELECT id, * FROM goal_status WHERE id = ?1",
    "SELECT id, * FROM goal_status" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "care-plan", 7, "SELECT id, * FROM care_plans WHERE id = ?1",
    "SELECT id, * FROM care_plans" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "progress-report", 7, "SELECT id, * FROM progress_reports WHERE id = ?1",
    "SELECT id, * FROM progress_reports" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "consent", 7, "SELECT id, * FROM consents WHERE id = ?1",
    "SELECT id, * FROM consents" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "discharge", 7, "SELECT id, * FROM discharges WHERE id = ?1",
    "SELECT id, * FROM discharges" RANGE, { NULL, NULL }, { NULL, NULL } },
  { "care-settings", 7, "SELECT id, * FROM care_settings WHERE id = ?1",
    "SELECT id, * FROM care_settings" RANGE, { NULL, NULL }, { NULL, NULL } },
};

enum { KIND_SESSION = 6 };

/* ---- canonical content ----------------------------------------------------- */

static void
put_int (GByteArray *out,
         guint8      tag,
         gint64      value)
{
  guint8 bytes[9];

  bytes[0] = tag;
  for (guint i = 0; i < 8; i++)
    bytes[1 + i] = (guint8) ((guint64) value >> (8 * i));
  g_byte_array_append (out, bytes, sizeof bytes);
}

/* Every column from the second on, each as its type, then its value
 * (integers and reals as 8 little-endian bytes, text and blobs with their
 * length first), so no two different rows give the same bytes. Built in a
 * buffer and hashed once per record: a ten-year clinic has 1.8 million rows. */
static void
digest_row (GByteArray   *out,
            GlideStmt *stmt)
{
  int n = glide_stmt_column_count (stmt);

  g_byte_array_append (out, (const guint8 *) "|", 1);
  for (int i = 1; i < n; i++)
    {
      switch (glide_stmt_column_type (stmt, i))
        {
        case GLIDE_DB_NULL:
          g_byte_array_append (out, (const guint8 *) "n", 1);
          break;
        case GLIDE_DB_INTEGER:
          put_int (out, 'i', glide_stmt_column_int64 (stmt, i));
          break;
        case GLIDE_DB_FLOAT:
          {
            double value = glide_stmt_column_double (stmt, i);
            gint64 bits;

            memcpy (&bits, &value, sizeof bits);
            put_int (out, 'r', bits);
          }
          break;
        case GLIDE_DB_BLOB:
        case GLIDE_DB_TEXT:
        default:
          {
            gboolean blob = glide_stmt_column_type (stmt, i) == GLIDE_DB_BLOB;
            const guint8 *bytes = blob ? glide_stmt_column_blob (stmt, i)
                                       : glide_stmt_column_text (stmt, i);
            int len = glide_stmt_column_bytes (stmt, i);

            put_int (out, blob ? 'b' : 't', len);
            if (len > 0)
              g_byte_array_append (out, bytes, len);
          }
          break;
        }
    }
}

static void
digest_begin (GByteArray     *out,
              const SealKind *kind)
{
  g_byte_array_set_size (out, 0);
  g_byte_array_append (out, (const guint8 *) "glide-seal-1:", 13);
  g_byte_array_append (out, (const guint8 *) kind->name, strlen (kind->name));
}

static void
digest_end (GByteArray *out,
            guint8      digest[DIGEST_LEN])
{
  glide_store_sha256 (out->data, out->len, digest);
}

/* Before the first row of an optional child: "#" and the child's index. */
static void
child_marker (GByteArray *out,
              guint       child,
              gboolean    first_row)
{
  guint8 marker[2] = { '#', (guint8) ('0' + child) };

  if (child >= FIRST_OPTIONAL_CHILD && first_row)
    g_byte_array_append (out, marker, sizeof marker);
}

static const SealKind *
find_kind (const char *entity,
           gint64     *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (seal_kinds); i++)
    {
      gsize len = strlen (seal_kinds[i].name);
      char *end = NULL;

      if (strncmp (entity, seal_kinds[i].name, len) == 0 && entity[len] == ' ')
        {
          *id = g_ascii_strtoll (entity + len + 1, &end, 10);
          if (end != entity + len + 1 && *end == '\0')
            return &seal_kinds[i];
        }
    }
  return NULL;
}

/* How many of a kind's children a database of its schema version has. */
static guint
n_children (GlideStore      *self,
            const SealKind  *kind,
            const char *const *children,
            GError         **error,
            gboolean        *ok)
{
  guint n = 0, version = 0;

  *ok = TRUE;
  while (n < G_N_ELEMENTS (kind->children_one) && children[n] != NULL)
    n++;
  if (n > FIRST_OPTIONAL_CHILD)
    {
      if (!glide_store_get_database_version (self, &version, error))
        *ok = FALSE;
      else if (version < OPTIONAL_CHILDREN_SINCE)
        n = FIRST_OPTIONAL_CHILD;
    }
  return n;
}

/* A child query, with the back-end's name for IFNULL_SIDE's function. */
static GlideStmt *
prepare_child (GlideStore  *self,
               const char  *query,
               GError     **error)
{
  g_autoptr(GString) sql = NULL;

  if (strstr (query, IFNULL_SIDE) == NULL)
    return glide_store_prepare (self, query, error);
  sql = g_string_new (query);
  g_string_replace (sql, "IFNULL", self->backend->ifnull, 0);
  return glide_store_prepare (self, sql->str, error);
}

/* The digest of one record as stored now; FALSE in *exists when it is gone. */
static gboolean
digest_one (GlideStore     *self,
            const SealKind *kind,
            gint64          id,
            gboolean       *exists,
            guint8          digest[DIGEST_LEN],
            GError        **error)
{
  GlideStmt *stmt = glide_store_prepare (self, kind->one, error);
  g_autoptr(GByteArray) sum = g_byte_array_new ();
  gboolean ok;
  guint n;
  int rc;

  if (stmt == NULL)
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, id);
  rc = glide_stmt_step (stmt);
  if (rc != GLIDE_STMT_ROW)
    {
      glide_stmt_reset (stmt);
      *exists = FALSE;
      return rc == GLIDE_STMT_DONE ? TRUE : glide_store_set_db_error (self, error);
    }
  *exists = TRUE;
  digest_begin (sum, kind);
  digest_row (sum, stmt);
  glide_stmt_reset (stmt);

  n = n_children (self, kind, kind->children_one, error, &ok);
  if (!ok)
    return FALSE;
  for (guint c = 0; c < n; c++)
    {
      gboolean first_row = TRUE;

      if (!(stmt = prepare_child (self, kind->children_one[c], error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, id);
      if (c < FIRST_OPTIONAL_CHILD)
        g_byte_array_append (sum, (const guint8 *) "#", 1);
      while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
        {
          child_marker (sum, c, first_row);
          first_row = FALSE;
          digest_row (sum, stmt);
        }
      glide_stmt_reset (stmt);
      if (rc != GLIDE_STMT_DONE)
        return glide_store_set_db_error (self, error);
    }
  digest_end (sum, digest);
  return TRUE;
}

/* One record's digest as the check computed it. */
typedef struct
{
  gint64   id;
  gboolean is_signed;   /* sessions: signed_at is set */
  guint8   digest[DIGEST_LEN];
} RecordDigest;

/* sessions.signed_at, found by name: the digest queries select "id, *". */
static int
signed_at_column (GlideStmt *row)
{
  for (int i = glide_stmt_column_count (row) - 1; i > 0; i--)
    if (strcmp (glide_stmt_column_name (row, i), "signed_at") == 0)
      return i;
  return -1;
}

/* The digests of every record of a kind with an id from lo to hi, in id
 * order: one pass over the parent rows and one over each child table, merged. */
static gboolean
digest_range (GlideStore     *self,
              const SealKind *kind,
              gint64          lo,
              gint64          hi,
              GArray         *out,
              GError        **error)
{
  GlideStmt *parents = glide_store_prepare (self, kind->all, error);
  GlideStmt *children[G_N_ELEMENTS (kind->children_all)] = { NULL };
  int child_rc[G_N_ELEMENTS (kind->children_all)];
  g_autoptr(GByteArray) sum = g_byte_array_new ();
  gboolean ok;
  guint n;
  int rc, signed_at = -1;

  if (parents == NULL)
    return FALSE;
  glide_stmt_bind_int64 (parents, 1, lo);
  glide_stmt_bind_int64 (parents, 2, hi);
  for (guint c = 0; c < G_N_ELEMENTS (child_rc); c++)
    child_rc[c] = GLIDE_STMT_DONE;
  n = n_children (self, kind, kind->children_all, error, &ok);
  if (!ok)
    {
      glide_stmt_reset (parents);
      return FALSE;
    }
  for (guint c = 0; c < n; c++)
    {
      /* Statements cached by SQL text, so each child query is its own. */
      if (!(children[c] = prepare_child (self, kind->children_all[c], error)))
        {
          glide_stmt_reset (parents);
          for (guint d = 0; d < c; d++)
            glide_stmt_reset (children[d]);
          return FALSE;
        }
      glide_stmt_bind_int64 (children[c], 1, lo);
      glide_stmt_bind_int64 (children[c], 2, hi);
      child_rc[c] = glide_stmt_step (children[c]);
    }
  while ((rc = glide_stmt_step (parents)) == GLIDE_STMT_ROW)
    {
      RecordDigest record;

      /* Column names are known once a row is (PostgreSQL has run the query). */
      if (signed_at < 0 && strcmp (kind->name, "session") == 0)
        signed_at = signed_at_column (parents);

      record.id = glide_stmt_column_int64 (parents, 0);
      record.is_signed = signed_at > 0 && glide_stmt_column_type (parents, signed_at) != GLIDE_DB_NULL;
      digest_begin (sum, kind);
      digest_row (sum, parents);
      for (guint c = 0; c < G_N_ELEMENTS (children) && children[c]; c++)
        {
          gboolean first_row = TRUE;

          if (c < FIRST_OPTIONAL_CHILD)
            g_byte_array_append (sum, (const guint8 *) "#", 1);
          /* Rows of a missing parent are the foreign key check's to report. */
          while (child_rc[c] == GLIDE_STMT_ROW && glide_stmt_column_int64 (children[c], 0) < record.id)
            child_rc[c] = glide_stmt_step (children[c]);
          while (child_rc[c] == GLIDE_STMT_ROW && glide_stmt_column_int64 (children[c], 0) == record.id)
            {
              child_marker (sum, c, first_row);
              first_row = FALSE;
              digest_row (sum, children[c]);
              child_rc[c] = glide_stmt_step (children[c]);
            }
        }
      digest_end (sum, record.digest);
      g_array_append_val (out, record);
    }

  glide_stmt_reset (parents);
  for (guint c = 0; c < G_N_ELEMENTS (children) && children[c]; c++)
    {
      if (child_rc[c] != GLIDE_STMT_ROW && child_rc[c] != GLIDE_STMT_DONE && rc == GLIDE_STMT_DONE)
        rc = child_rc[c];
      glide_stmt_reset (children[c]);
    }
  if (rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);
  return TRUE;
}

/* ---- the digests to compare, in chunks two connections share ------------- */

/* Sessions are most of a clinic's records: they are cut into this many id
 * ranges, taken in turn by the store's connection and the check's thread. */
#define SESSION_CHUNKS 32

typedef struct
{
  const SealKind *kind;
  gint64          lo, hi;
  GArray         *digests;    /* RecordDigest */
  gboolean        by_helper;  /* computed on the other connection */
} DigestChunk;

struct _GlideDigestPlan
{
  GPtrArray *chunks;
  gint       next;            /* the next chunk to take (atomic) */
};

static void
digest_chunk_free (DigestChunk *chunk)
{
  g_array_unref (chunk->digests);
  g_free (chunk);
}

static void
plan_add (GlideDigestPlan *plan,
          const SealKind  *kind,
          gint64           lo,
          gint64           hi)
{
  DigestChunk *chunk = g_new0 (DigestChunk, 1);

  chunk->kind = kind;
  chunk->lo = lo;
  chunk->hi = hi;
  chunk->digests = g_array_new (FALSE, FALSE, sizeof (RecordDigest));
  g_ptr_array_add (plan->chunks, chunk);
}

/**
 * glide_digest_plan_new:
 *
 * Cuts the record into chunks of ids whose digests the check computes, the
 * largest first, so that two connections can share the work.
 */
GlideDigestPlan *
glide_digest_plan_new (GlideStore  *self,
                       GError     **error)
{
  g_autoptr(GlideDigestPlan) plan = g_new0 (GlideDigestPlan, 1);
  const SealKind *sessions = &seal_kinds[KIND_SESSION];
  GlideStmt *stmt;
  gint64 min_id = 0, max_id = -1;
  guint version = 0;
  int rc;

  plan->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) digest_chunk_free);
  if (!(stmt = glide_store_prepare (self, "SELECT min(id), max(id) FROM sessions", error)))
    return NULL;
  rc = glide_stmt_step (stmt);
  if (rc == GLIDE_STMT_ROW && glide_stmt_column_type (stmt, 0) != GLIDE_DB_NULL)
    {
      min_id = glide_stmt_column_int64 (stmt, 0);
      max_id = glide_stmt_column_int64 (stmt, 1);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW)
    {
      glide_store_set_db_error (self, error);
      return NULL;
    }

  /* Ids outside [min, max] go to the first and last chunk: every id is in one. */
  if (max_id >= min_id)
    {
      gint64 step = MAX ((max_id - min_id + 1) / SESSION_CHUNKS, 1);
      gint64 lo = G_MININT64;

      for (gint64 edge = min_id + step; edge <= max_id && plan->chunks->len < SESSION_CHUNKS - 1;
           edge += step)
        {
          plan_add (plan, sessions, lo, edge - 1);
          lo = edge;
        }
      plan_add (plan, sessions, lo, G_MAXINT64);
    }
  else
    plan_add (plan, sessions, G_MININT64, G_MAXINT64);

  /* A backup made before a kind's table existed has none of it. */
  if (!glide_store_get_database_version (self, &version, error))
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (seal_kinds); k++)
    if (k != KIND_SESSION && seal_kinds[k].since <= version)
      plan_add (plan, &seal_kinds[k], G_MININT64, G_MAXINT64);
  return g_steal_pointer (&plan);
}

void
glide_digest_plan_free (GlideDigestPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->chunks);
  g_free (plan);
}

/**
 * glide_digest_plan_work:
 * @self: a connection of its own for each thread, inside a read transaction
 * @helper: %TRUE on the check's thread
 *
 * Takes chunks until none is left and computes their digests.
 */
gboolean
glide_digest_plan_work (GlideDigestPlan  *plan,
                        GlideStore       *self,
                        gboolean          helper,
                        GError          **error)
{
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&plan->next, 1);
      DigestChunk *chunk;

      if (i >= plan->chunks->len)
        return TRUE;
      chunk = g_ptr_array_index (plan->chunks, i);
      chunk->by_helper = helper;
      if (!digest_range (self, chunk->kind, chunk->lo, chunk->hi, chunk->digests, error))
        return FALSE;
    }
}

/* The helper's snapshot was not the store's (something was written in
 * between): its chunks are computed again on the store's connection. */
gboolean
glide_digest_plan_redo_helper (GlideDigestPlan  *plan,
                               GlideStore       *self,
                               GError          **error)
{
  for (guint i = 0; i < plan->chunks->len; i++)
    {
      DigestChunk *chunk = g_ptr_array_index (plan->chunks, i);

      if (!chunk->by_helper)
        continue;
      g_array_set_size (chunk->digests, 0);
      chunk->by_helper = FALSE;
      if (!digest_range (self, chunk->kind, chunk->lo, chunk->hi, chunk->digests, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- writing seals --------------------------------------------------------- */

/**
 * glide_store_seal_mark:
 * @entity: "session 41", "patient 3": a record the transaction changed
 *
 * Notes a record whose digest goes with the next audit entry of this
 * transaction. The digest is taken when the entry is written, so a record
 * changed twice is sealed as it ends up.
 */
void
glide_store_seal_mark (GlideStore *self,
                       const char *kind,
                       gint64      id)
{
  g_return_if_fail (self->depth > 0);

  glide_store_forget_context (self, kind);
  g_hash_table_add (self->seal_pending,
                    g_strdup_printf ("%s %" G_GINT64_FORMAT, kind, id));
}

void
glide_store_seal_forget (GlideStore *self)
{
  g_hash_table_remove_all (self->seal_pending);
}

gboolean
glide_store_seal_is_pending (GlideStore *self)
{
  return g_hash_table_size (self->seal_pending) > 0;
}

/* audit_content's key order: BINARY collation, which is byte order. */
static int
compare_entities (const void *a,
                  const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
update_member (GString    *sum,
               const char *text)
{
  if (text == NULL)
    {
      g_string_append (sum, "-1:");
      return;
    }
  g_string_append_printf (sum, "%" G_GSIZE_FORMAT ":", strlen (text));
  g_string_append (sum, text);
}

/* What an audit entry's hash covers of its digests: each entity and its
 * digest (or none: deleted), in the order of audit_content's key. */
static void
content_hash_add (GString    *sum,
                  const char *entity,
                  const char *digest_hex)
{
  update_member (sum, entity);
  update_member (sum, digest_hex);
}

/* Marked records of a kind at least this many, close together in id, are
 * digested in one pass over their id range (digest_range, as the check
 * reads them) instead of a query per record and child table: an import
 * seals a patient's forty sessions with one entry. */
#define RANGE_AT_LEAST 4

/* Into @digests, the digests of the marked records of each kind that come
 * in such runs, by entity ("session 41" -> guint8[DIGEST_LEN]); a marked
 * record in a range read but not found there is gone, and maps to NULL.
 * Records not in the table are digested one by one. */
static gboolean
digest_marked_ranges (GlideStore   *self,
                      gpointer     *entities,
                      guint         n,
                      GHashTable   *digests,
                      GError      **error)
{
  /* Each entity's kind and id, parsed once for all the kinds below. */
  g_autofree const SealKind **kinds = g_new (const SealKind *, n);
  g_autofree gint64 *ids = g_new0 (gint64, n);

  for (guint i = 0; i < n; i++)
    kinds[i] = find_kind (entities[i], &ids[i]);

  for (guint k = 0; k < G_N_ELEMENTS (seal_kinds); k++)
    {
      const SealKind *kind = &seal_kinds[k];
      g_autoptr(GArray) found = NULL;
      gint64 lo = G_MAXINT64, hi = 0;
      guint count = 0;

      for (guint i = 0; i < n; i++)
        if (kinds[i] == kind)
          {
            lo = MIN (lo, ids[i]);
            hi = MAX (hi, ids[i]);
            count++;
          }
      if (count < RANGE_AT_LEAST || hi - lo >= 4 * (gint64) count)
        continue;

      found = g_array_new (FALSE, FALSE, sizeof (RecordDigest));
      if (!digest_range (self, kind, lo, hi, found, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const RecordDigest *record = NULL;
          gint64 id = ids[i];

          if (kinds[i] != kind)
            continue;
          /* The range's digests are in id order; the entities in text order. */
          for (guint lo_i = 0, hi_i = found->len; lo_i < hi_i && record == NULL;)
            {
              guint mid = lo_i + (hi_i - lo_i) / 2;
              const RecordDigest *at = &g_array_index (found, RecordDigest, mid);

              if (at->id == id)
                record = at;
              else if (at->id < id)
                lo_i = mid + 1;
              else
                hi_i = mid;
            }
          g_hash_table_insert (digests, entities[i],
                               record ? g_memdup2 (record->digest, DIGEST_LEN) : NULL);
        }
    }
  return TRUE;
}

/* audit_content rows per INSERT. */
#define CONTENT_ROWS 64

static gboolean
insert_content (GlideStore   *self,
                gint64        audit_id,
                gpointer     *entities,
                char        **hexes,
                guint         n,
                GError      **error)
{
  for (guint first = 0; first < n; first += CONTENT_ROWS)
    {
      guint rows = MIN (CONTENT_ROWS, n - first);
      GlideStmt *stmt = glide_store_prepare_rows (self, "INSERT INTO audit_content"
                                                  " (audit_id, entity, digest)", 3, rows, error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < rows; r++)
        {
          glide_stmt_bind_int64 (stmt, 3 * r + 1, audit_id);
          glide_stmt_bind_static_text (stmt, 3 * r + 2, entities[first + r]);
          glide_stmt_bind_static_text (stmt, 3 * r + 3, hexes[first + r]);
        }
      if (!glide_store_step_later (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * glide_store_seal_write:
 * @audit_id: the entry about to be written
 * @content: (out): the hash of the digests written, for the entry's own hash;
 *   %NULL when nothing was pending
 *
 * Writes audit_content rows for every record marked in this transaction.
 */
gboolean
glide_store_seal_write (GlideStore  *self,
                        gint64       audit_id,
                        char       **content,
                        GError     **error)
{
  g_autofree gpointer *entities = NULL;
  g_autoptr(GHashTable) digests = NULL;
  g_autoptr(GString) sum = NULL;
  g_autofree char **hexes = NULL;  /* n: a record's digest, NULL when gone */
  guint n = 0;

  *content = NULL;
  if (g_hash_table_size (self->seal_pending) == 0)
    return TRUE;

  entities = g_hash_table_get_keys_as_array (self->seal_pending, &n);
  qsort (entities, n, sizeof (gpointer), compare_entities);
  sum = g_string_new (NULL);
  hexes = g_new0 (char *, n);
  digests = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!digest_marked_ranges (self, entities, n, digests, error))
    goto failed;

  for (guint i = 0; i < n; i++)
    {
      const char *entity = entities[i];
      const SealKind *kind;
      guint8 digest[DIGEST_LEN];
      gpointer ranged = NULL;
      gboolean exists = FALSE;
      gint64 id;

      if (g_hash_table_lookup_extended (digests, entity, NULL, &ranged))
        {
          exists = ranged != NULL;
          if (exists)
            memcpy (digest, ranged, DIGEST_LEN);
        }
      else
        {
          kind = find_kind (entity, &id);
          g_return_val_if_fail (kind != NULL, FALSE);
          if (!digest_one (self, kind, id, &exists, digest, error))
            goto failed;
        }
      if (exists)
        hexes[i] = glide_store_digest_to_hex (digest);
      content_hash_add (sum, entity, hexes[i]);
    }
  if (!insert_content (self, audit_id, entities, hexes, n, error))
    goto failed;

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&hexes[i], g_free);
  g_hash_table_remove_all (self->seal_pending);
  *content = glide_store_sha256_hex (sum->str, sum->len);
  return TRUE;

failed:
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&hexes[i], g_free);
  return FALSE;
}

/**
 * glide_store_seal_everything:
 *
 * @version: the schema being migrated to: kinds made later have no table yet
 *
 * Inside a transaction: marks every record, for the entry that seals a
 * database written before records were sealed (schema 3), or re-seals after
 * a migration that changes columns.
 */
gboolean
glide_store_seal_everything (GlideStore  *self,
                             guint        version,
                             guint       *n_records,
                             GError     **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (seal_kinds); k++)
    {
      GlideStmt *stmt;
      int rc;

      if (seal_kinds[k].since > version)
        continue;
      /* Only the ids (column 0 of every kind's query): the digests are taken
       * once, when the entry is written. */
      if (!(stmt = glide_store_prepare (self, seal_kinds[k].all, error)))
        return FALSE;
      glide_stmt_bind_int64 (stmt, 1, G_MININT64);
      glide_stmt_bind_int64 (stmt, 2, G_MAXINT64);
      while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
        glide_store_seal_mark (self, seal_kinds[k].name, glide_stmt_column_int64 (stmt, 0));
      glide_stmt_reset (stmt);
      if (rc != GLIDE_STMT_DONE)
        return glide_store_set_db_error (self, error);
    }
  *n_records = g_hash_table_size (self->seal_pending);
  return TRUE;
}

/* ---- checking -------------------------------------------------------------- */

typedef struct
{
  guint8   digest[DIGEST_LEN];
  gboolean deleted;     /* the latest entry says the record is gone */
  gboolean seen;        /* found in the record by the check */
  gint64   audit_id;    /* the latest entry that sealed it */
  char     action[12];  /* that entry's action */
} Sealed;

struct _GlideSealCheck
{
  GHashTable *sealed;   /* entity -> Sealed */
  GString    *entry_sum;
  gint64      entry_id;
  guint       n_digests;
};

GlideSealCheck *
glide_seal_check_new (void)
{
  GlideSealCheck *check = g_new0 (GlideSealCheck, 1);

  check->entry_sum = g_string_new (NULL);
  check->sealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return check;
}

void
glide_seal_check_free (GlideSealCheck *check)
{
  if (check == NULL)
    return;
  g_hash_table_unref (check->sealed);
  g_string_free (check->entry_sum, TRUE);
  g_free (check);
}

/* Called by the chain walk for each audit_content row of an entry, in key
 * order, then glide_seal_check_end_entry() gives the hash they make. */
void
glide_seal_check_add (GlideSealCheck *check,
                      gint64          audit_id,
                      const char     *action,
                      const char     *entity,
                      const char     *digest_hex)
{
  Sealed *sealed;

  content_hash_add (check->entry_sum, entity, digest_hex);
  check->n_digests++;

  sealed = g_hash_table_lookup (check->sealed, entity);
  if (sealed == NULL)
    {
      sealed = g_new0 (Sealed, 1);
      g_hash_table_insert (check->sealed, g_strdup (entity), sealed);
    }
  sealed->audit_id = audit_id;
  g_strlcpy (sealed->action, action ? action : "", sizeof sealed->action);
  sealed->deleted = digest_hex == NULL || strlen (digest_hex) != DIGEST_LEN * 2;
  if (!sealed->deleted)
    for (guint i = 0; i < DIGEST_LEN; i++)
      sealed->digest[i] = g_ascii_xdigit_value (digest_hex[2 * i]) * 16 +
                          g_ascii_xdigit_value (digest_hex[2 * i + 1]);
}

/* The hash of the digests added since the last call; NULL when none. */
char *
glide_seal_check_end_entry (GlideSealCheck *check)
{
  char *hash;

  if (check->entry_sum->len == 0)
    return NULL;
  hash = glide_store_sha256_hex (check->entry_sum->str, check->entry_sum->len);
  g_string_truncate (check->entry_sum, 0);
  return hash;
}

typedef struct
{
  GlideStore     *store;
  GlideSealCheck *check;
  GPtrArray      *problems;   /* (entity, what) pairs as "entity\twhat" */
  guint           n_problems;
  guint           counts[G_N_ELEMENTS (seal_kinds)];
  guint           n_signed;
} Compare;

#define MAX_PROBLEMS 20

static void
add_problem (Compare    *cmp,
             const char *entity,
             const char *what,
             gint64      audit_id)
{
  cmp->n_problems++;
  if (cmp->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (cmp->problems, g_strdup_printf ("%s\t%s\t%" G_GINT64_FORMAT,
                                                     entity, what, audit_id));
}

static void
compare_found (const SealKind     *kind,
               const RecordDigest *record,
               Compare            *cmp)
{
  gint64 id = record->id;
  const guint8 *digest = record->digest;
  char entity[64];
  Sealed *sealed;

  g_snprintf (entity, sizeof entity, "%s %" G_GINT64_FORMAT, kind->name, id);
  sealed = g_hash_table_lookup (cmp->check->sealed, entity);
  cmp->counts[kind - seal_kinds]++;

  if (sealed == NULL)
    add_problem (cmp, entity, "added outside Glide: no audit entry records it", 0);
  else
    {
      sealed->seen = TRUE;
      if (record->is_signed)
        cmp->n_signed++;
      if (sealed->deleted)
        add_problem (cmp, entity, "present again after its deletion was audited", sealed->audit_id);
      else if (memcmp (sealed->digest, digest, DIGEST_LEN) != 0)
        add_problem (cmp, entity, strcmp (sealed->action, "sign") == 0 ?
                       "changed outside Glide after it was signed: it no longer matches its seal" :
                       "changed outside Glide: it does not match its last audited content",
                     sealed->audit_id);
    }
}

/* "session 41 (P-0003, 2026-09-01T09:30, signed)": which patient and session. */
static char *
describe_entity (GlideStore *self,
                 const char *entity,
                 gint64      audit_id)
{
  g_autofree char *where = NULL;
  GlideStmt *stmt;
  gint64 id = 0;
  const SealKind *kind = find_kind (entity, &id);
  const char *sql = NULL;

  if (kind == NULL)
    return g_strdup (entity);
  if (strcmp (kind->name, "session") == 0)
    sql = "SELECT p.chart || ', ' || p.family_name || ', ' || s.start ||"
          " CASE WHEN s.signed_at IS NULL THEN ', draft' ELSE ', signed' END"
          " FROM sessions s JOIN courses c ON c.id = s.course_id"
          " JOIN patients p ON p.id = c.patient_id WHERE s.id = ?";
  else if (strcmp (kind->name, "patient") == 0)
    sql = "SELECT chart || ', ' || family_name FROM patients WHERE id = ?";
  else if (strcmp (kind->name, "addendum") == 0)
    sql = "SELECT p.chart || ', session ' || a.session_id || ', ' || a.at FROM addenda a"
          " JOIN sessions s ON s.id = a.session_id JOIN courses c ON c.id = s.course_id"
          " JOIN patients p ON p.id = c.patient_id WHERE a.id = ?";
  else if (strcmp (kind->name, "therapist") == 0)
    sql = "SELECT code || ', ' || name FROM therapists WHERE id = ?";
  else if (strcmp (kind->name, "course") == 0)
    sql = "SELECT p.chart || ', ' || c.diagnosis FROM courses c"
          " JOIN patients p ON p.id = c.patient_id WHERE c.id = ?";

  if (sql != NULL && (stmt = glide_store_prepare (self, sql, NULL)) != NULL)
    {
      glide_stmt_bind_int64 (stmt, 1, id);
      if (glide_stmt_step (stmt) == GLIDE_STMT_ROW)
        where = glide_store_column_dup (stmt, 0);
      glide_stmt_reset (stmt);
    }
  if (where == NULL && audit_id > 0 &&
      (stmt = glide_store_prepare (self, "SELECT chart FROM audit_log WHERE id = ?", NULL)) != NULL)
    {
      glide_stmt_bind_int64 (stmt, 1, audit_id);
      if (glide_stmt_step (stmt) == GLIDE_STMT_ROW && glide_stmt_column_type (stmt, 0) != GLIDE_DB_NULL)
        where = glide_store_column_dup (stmt, 0);
      glide_stmt_reset (stmt);
    }
  return where ? g_strdup_printf ("%s (%s)", entity, where) : g_strdup (entity);
}

/* Kind order (patients before their sessions), then id. */
static int
compare_entity_order (gconstpointer a,
                      gconstpointer b)
{
  gint64 id_a = 0, id_b = 0;
  const SealKind *kind_a = find_kind (*(const char *const *) a, &id_a);
  const SealKind *kind_b = find_kind (*(const char *const *) b, &id_b);

  if (kind_a != kind_b)
    return kind_a < kind_b ? -1 : 1;
  return id_a < id_b ? -1 : id_a > id_b;
}

static void
report_deleted (Compare *cmp)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, cmp->check->sealed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!((Sealed *) value)->seen && !((Sealed *) value)->deleted && find_kind (key, &(gint64) { 0 }))
      g_ptr_array_add (gone, key);
  g_ptr_array_sort (gone, compare_entity_order);
  for (guint i = 0; i < gone->len; i++)
    add_problem (cmp, gone->pdata[i], "deleted outside Glide: its deletion was never audited",
                 ((Sealed *) g_hash_table_lookup (cmp->check->sealed, gone->pdata[i]))->audit_id);
}

/**
 * glide_store_check_records:
 * @check: the digests the chain walk collected
 *
 * Recomputes every record's digest and compares it with the latest audited
 * one; fills @item with the counts or the first problems found.
 */
gboolean
glide_store_check_records (GlideStore      *self,
                           GlideSealCheck  *check,
                           GlideDigestPlan *plan,
                           GlideCheckItem  *item,
                           GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Compare cmp = { self, check, problems, 0, { 0 }, 0 };
  guint n_records = 0;

  for (guint i = 0; i < plan->chunks->len; i++)
    {
      DigestChunk *chunk = g_ptr_array_index (plan->chunks, i);

      for (guint j = 0; j < chunk->digests->len; j++)
        compare_found (chunk->kind, &g_array_index (chunk->digests, RecordDigest, j), &cmp);
    }
  report_deleted (&cmp);

  for (guint k = 0; k < G_N_ELEMENTS (seal_kinds); k++)
    n_records += cmp.counts[k];

  item->ok = cmp.n_problems == 0;
  if (item->ok)
    {
      item->message = g_strdup_printf ("%u records match their audited content: %u sessions "
                                       "(%u signed), %u addenda, %u patients, "
                                       "%u other records",
                                       n_records, cmp.counts[KIND_SESSION], cmp.n_signed,
                                       cmp.counts[7], cmp.counts[3],
                                       n_records - cmp.counts[KIND_SESSION] - cmp.counts[7] -
                                       cmp.counts[3]);
      return TRUE;
    }

  {
    GString *text = g_string_new (NULL);

    g_string_append_printf (text, "%u of %u records do not match the audit log:",
                            cmp.n_problems, n_records);
    for (guint i = 0; i < problems->len; i++)
      {
        g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (problems, i), "\t", 3);
        g_autofree char *who = describe_entity (self, parts[0], g_ascii_strtoll (parts[2], NULL, 10));

        g_string_append_printf (text, "\n      %s: %s", who, parts[1]);
      }
    if (cmp.n_problems > problems->len)
      g_string_append_printf (text, "\n      … and %u more", cmp.n_problems - problems->len);
    item->message = g_string_free (text, FALSE);
  }
  return TRUE;
}

guint
glide_seal_check_count (GlideSealCheck *check)
{
  return check->n_digests;
}
