/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-store-audit.c: the append-only audit log. Each entry stores a SHA-256
 * over the previous entry's hash and its own content; audit_head remembers the
 * newest entry. An entry edited or deleted behind Glide's back breaks the chain
 * at that entry, and glide --check names it. */

#define G_LOG_DOMAIN "glide-store"

#include "config.h"

#include "glide-store-private.h"
#include "glide-i18n.h"

#include <nettle/sha2.h>
#include <string.h>

/* SHA-256 through nettle, which uses the processor's SHA instructions where
 * it has them: --check hashes every audit entry and record, and GLib's
 * portable SHA-256 took 1.5 s of its 3.7 s on a ten-year clinic. */
void
glide_store_sha256 (const void *data,
                    gsize       length,
                    guint8      digest[GLIDE_STORE_DIGEST_LEN])
{
  struct sha256_ctx ctx;

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, GLIDE_STORE_DIGEST_LEN, digest);
}

char *
glide_store_digest_to_hex (const guint8 digest[GLIDE_STORE_DIGEST_LEN])
{
  static const char hex[] = "0123456789abcdef";
  char *text = g_malloc (GLIDE_STORE_DIGEST_LEN * 2 + 1);

  for (guint i = 0; i < GLIDE_STORE_DIGEST_LEN; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[GLIDE_STORE_DIGEST_LEN * 2] = '\0';
  return text;
}

char *
glide_store_sha256_hex (const void *data,
                        gsize       length)
{
  guint8 digest[GLIDE_STORE_DIGEST_LEN];

  glide_store_sha256 (data, length, digest);
  return glide_store_digest_to_hex (digest);
}

char *
glide_store_hash_audit_row (const char *prev_hash,
                            gint64      id,
                            const char *at,
                            const char *actor,
                            const char *action,
                            const char *chart,
                            const char *entity,
                            const char *details,
                            const char *content)
{
  g_autoptr(GString) text = g_string_sized_new (512);
  char id_text[32];
  const char *fields[9];
  guint n_fields = 8;

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, id);
  fields[0] = prev_hash;
  fields[1] = id_text;
  fields[2] = at;
  fields[3] = actor;
  fields[4] = action;
  fields[5] = chart;
  fields[6] = entity;
  fields[7] = details;
  /* The hash of the record digests written with the entry (schema 3); entries
   * without any keep the hash they were written with. */
  fields[8] = content;
  if (content != NULL)
    n_fields = 9;

  /* Length-prefixed fields, so no two different rows hash the same text;
   * a NULL chart is written as length -1. One update per entry: --check
   * hashes every entry of a ten-year log. */
  for (guint i = 0; i < n_fields; i++)
    {
      char len[24];
      gsize field_len = fields[i] ? strlen (fields[i]) : 0;

      g_snprintf (len, sizeof len, "%" G_GSSIZE_FORMAT ":",
                  fields[i] ? (gssize) field_len : (gssize) -1);
      g_string_append (text, len);
      if (fields[i] != NULL)
        g_string_append_len (text, fields[i], field_len);
    }
  return glide_store_sha256_hex (text->str, text->len);
}

static char *
audit_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (now) / 1000);
}

/* ---- the chain's end within a transaction ---------------------------------- */

/* The chain's end as this transaction sees it: audit_head, read once, then
 * each entry this transaction appends. The head row is written once, at
 * commit: a row updated at every entry is, on PostgreSQL, a new version each
 * time, and every later read of it in the same transaction walks them all
 * (a whole clinic's import slowed quadratically). */
static gboolean
chain_end (GlideStore  *self,
           gint64      *last_id,
           char       **hash,
           GError     **error)
{
  GlideStmt *stmt;
  GlideStmtResult rc;

  if (!self->chain_known)
    {
      if (!(stmt = glide_store_prepare (self, "SELECT last_id, hash FROM audit_head WHERE id = 1",
                                        error)))
        return FALSE;
      rc = glide_stmt_step (stmt);
      if (rc != GLIDE_STMT_ROW)
        {
          glide_stmt_reset (stmt);
          if (rc == GLIDE_STMT_DONE)
            {
              g_set_error_literal (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_CORRUPT,
                                   _("The audit log head is missing; run glide --check"));
              return FALSE;
            }
          return glide_store_set_db_error (self, error);
        }
      self->chain_head_id = self->chain_last_id = glide_stmt_column_int64 (stmt, 0);
      g_free (self->chain_hash);
      self->chain_hash = g_strdup (glide_stmt_column_text (stmt, 1));
      glide_stmt_reset (stmt);
      self->chain_known = TRUE;
    }
  *last_id = self->chain_last_id;
  *hash = g_strdup (self->chain_hash);
  return TRUE;
}

typedef struct
{
  gboolean  known;
  gint64    last_id;
  char     *hash;
  gint64    anchor_id;
  char     *anchor_hash;
} ChainMark;

/* A savepoint begins: what a rollback to it restores. */
void
glide_store_chain_mark (GlideStore *self)
{
  ChainMark mark = { self->chain_known, self->chain_last_id, g_strdup (self->chain_hash),
                     self->anchor_id, g_strdup (self->anchor_hash) };

  if (self->chain_marks == NULL)
    self->chain_marks = g_array_new (FALSE, FALSE, sizeof (ChainMark));
  g_array_append_val (self->chain_marks, mark);
}

/* The savepoint ends: released (@restore FALSE) or rolled back. */
void
glide_store_chain_unmark (GlideStore *self,
                          gboolean    restore)
{
  ChainMark *mark;

  g_return_if_fail (self->chain_marks != NULL && self->chain_marks->len > 0);
  mark = &g_array_index (self->chain_marks, ChainMark, self->chain_marks->len - 1);
  if (restore)
    {
      self->chain_known = mark->known;
      self->chain_last_id = mark->last_id;
      g_free (self->chain_hash);
      self->chain_hash = g_steal_pointer (&mark->hash);
      self->anchor_id = mark->anchor_id;
      g_free (self->anchor_hash);
      self->anchor_hash = g_steal_pointer (&mark->anchor_hash);
    }
  g_free (mark->hash);
  g_free (mark->anchor_hash);
  g_array_set_size (self->chain_marks, self->chain_marks->len - 1);
}

/* The transaction ends (committed or not): the next reads the head again. */
void
glide_store_chain_forget (GlideStore *self)
{
  self->chain_known = FALSE;
  g_clear_pointer (&self->chain_hash, g_free);
  while (self->chain_marks != NULL && self->chain_marks->len > 0)
    glide_store_chain_unmark (self, FALSE);
}

/* Just before COMMIT: moves audit_head over the entries this transaction
 * appended, in one update (count grows by as many). */
gboolean
glide_store_chain_write_head (GlideStore  *self,
                              GError     **error)
{
  GlideStmt *stmt;

  if (!self->chain_known || self->chain_last_id == self->chain_head_id)
    return TRUE;
  if (!(stmt = glide_store_prepare (self, "UPDATE audit_head SET count = count + (?1 - last_id),"
                                    " last_id = ?1, hash = ?2 WHERE id = 1", error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, self->chain_last_id);
  glide_stmt_bind_text (stmt, 2, self->chain_hash);
  return glide_store_step_done (self, stmt, error);
}

/* Appends one entry inside the caller's transaction. */
gboolean
glide_store_append_audit (GlideStore        *self,
                          GlideAuditAction   action,
                          const char        *chart,
                          const char        *entity,
                          const char        *details,
                          GError           **error)
{
  g_autofree char *at = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *content = NULL;
  const char *actor = self->actor_code ? self->actor_code : "system";
  const char *action_code = glide_audit_action_get_code (action);
  GlideStmt *stmt;
  gint64 last_id = 0, id;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->audit_batch && action != GLIDE_AUDIT_IMPORT && action != GLIDE_AUDIT_EXPORT)
    return TRUE;

  if (!chain_end (self, &last_id, &prev_hash, error))
    return FALSE;

  id = last_id + 1;
  at = audit_timestamp ();
  details = details ? details : "";
  /* The digests of the records this transaction changed, sealed by this entry. */
  if (!glide_store_seal_write (self, id, &content, error))
    return FALSE;
  hash = glide_store_hash_audit_row (prev_hash, id, at, actor, action_code, chart, entity,
                                     details, content);

  if (!(stmt = glide_store_prepare (self,
                                    "INSERT INTO audit_log (id, at, actor, action, chart, entity,"
                                    " details, prev_hash, hash, content)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error)))
    return FALSE;
  glide_stmt_bind_int64 (stmt, 1, id);
  glide_stmt_bind_text (stmt, 2, at);
  glide_stmt_bind_text (stmt, 3, actor);
  glide_stmt_bind_text (stmt, 4, action_code);
  glide_stmt_bind_text (stmt, 5, chart);
  glide_stmt_bind_text (stmt, 6, entity);
  glide_stmt_bind_text (stmt, 7, details);
  glide_stmt_bind_text (stmt, 8, prev_hash);
  glide_stmt_bind_text (stmt, 9, hash);
  glide_stmt_bind_text (stmt, 10, content);
  if (!glide_store_step_later (self, stmt, error))
    return FALSE;

  /* The head moves once, at commit (glide_store_chain_write_head). */
  self->chain_last_id = id;
  g_free (self->chain_hash);
  self->chain_hash = g_strdup (hash);

  /* Written to the anchor once the transaction commits. */
  self->anchor_id = id;
  g_free (self->anchor_hash);
  self->anchor_hash = g_steal_pointer (&hash);
  return TRUE;
}

/**
 * glide_store_audit:
 * @chart: (nullable): the patient concerned, or %NULL for clinic-wide actions
 *
 * Records an action the store cannot see itself, such as an export or a
 * report, in its own transaction.
 */
gboolean
glide_store_audit (GlideStore        *self,
                   GlideAuditAction   action,
                   const char        *chart,
                   const char        *entity,
                   const char        *details,
                   GError           **error)
{
  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);

  if (!glide_store_begin (self, error))
    return FALSE;
  if (!glide_store_append_audit (self, action, chart, entity, details, error))
    {
      glide_store_rollback (self);
      return FALSE;
    }
  return glide_store_commit (self, error);
}

/**
 * glide_store_audit_document:
 * @charts: (element-type utf8): the patients whose data the document holds
 * @details: the document (its path and pages)
 *
 * Records an action on one document that holds many patients' data, such
 * as a caseload overview, in one entry of its own transaction: no chart of
 * its own, and details that end with the patients, "@details; 3 patients:
 * P-1 P-2 P-3". A chart number holds no space or colon
 * (glide_rules_check_code_name), so the list is what follows the last
 * ": ". glide_store_list_audit() gives the entry among each of those
 * patients' own. (An entry per patient made a caseload of 20,000 courses
 * write 20,000 entries and 5 MB to the log, each time it was printed.)
 */
gboolean
glide_store_audit_document (GlideStore        *self,
                            GlideAuditAction   action,
                            GPtrArray         *charts,
                            const char        *entity,
                            const char        *details,
                            GError           **error)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (GLIDE_IS_STORE (self), FALSE);
  g_return_val_if_fail (charts != NULL && charts->len > 0, FALSE);

  text = g_string_new (details);
  g_string_append_printf (text, "; %u %s:", charts->len, charts->len == 1 ? "patient" : "patients");
  for (guint i = 0; i < charts->len; i++)
    {
      const char *chart = g_ptr_array_index (charts, i);

      g_return_val_if_fail (strpbrk (chart, " :") == NULL, FALSE);
      g_string_append_c (text, ' ');
      g_string_append (text, chart);
    }
  return glide_store_audit (self, action, NULL, entity, text->str, error);
}

/* Whether a document's entry (glide_store_audit_document) names @chart. */
static gboolean
document_names_chart (const char *details,
                      const char *chart)
{
  const char *list = g_strrstr (details, ": ");
  gsize len = strlen (chart);

  if (list == NULL || len == 0)
    return FALSE;
  for (const char *p = list + 1; (p = strstr (p, chart)) != NULL; p += len)
    if (p[-1] == ' ' && (p[len] == ' ' || p[len] == '\0'))
      return TRUE;
  return FALSE;
}

static GlideAuditEntry *
read_audit_entry (GlideStmt *stmt)
{
  GlideAuditEntry *entry = g_new0 (GlideAuditEntry, 1);

  entry->id = glide_stmt_column_int64 (stmt, 0);
  entry->at = glide_store_column_dup (stmt, 1);
  entry->actor = glide_store_column_dup (stmt, 2);
  entry->action = glide_store_column_dup (stmt, 3);
  entry->chart = glide_store_column_dup (stmt, 4);
  entry->entity = glide_store_column_dup (stmt, 5);
  entry->details = glide_store_column_dup (stmt, 6);
  return entry;
}

/**
 * glide_store_list_audit:
 * @chart: (nullable): one patient's entries, with those of the documents
 *   that name the patient (glide_store_audit_document()), or %NULL for all
 *
 * Returns: (element-type GlideAuditEntry): the entries, oldest first
 */
GPtrArray *
glide_store_list_audit (GlideStore  *self,
                        const char  *chart,
                        GError     **error)
{
  GlideStmt *stmt;
  GPtrArray *entries;
  guint kept = 0;

  g_return_val_if_fail (GLIDE_IS_STORE (self), NULL);

  /* chart = ?1 comes first: PostgreSQL takes a parameter's type from its
   * first use, and "?1 IS NULL" alone gives it none. Exports without a
   * chart are documents of many patients, kept below if they name it. */
  stmt = glide_store_prepare (self,
                              "SELECT id, at, actor, action, chart, entity, details FROM audit_log"
                              " WHERE chart = ?1 OR ?1 IS NULL"
                              " OR (chart IS NULL AND action = 'export') ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  glide_stmt_bind_text (stmt, 1, chart);
  entries = glide_store_collect (self, stmt, (gpointer) read_audit_entry,
                                 (GDestroyNotify) glide_audit_entry_free, error);
  if (entries == NULL || chart == NULL)
    return entries;

  for (guint i = 0; i < entries->len; i++)
    {
      GlideAuditEntry *entry = g_ptr_array_index (entries, i);

      if (entry->chart != NULL || document_names_chart (entry->details, chart))
        g_ptr_array_index (entries, kept++) = g_ptr_array_index (entries, i);
      else
        glide_audit_entry_free (entry);
    }
  g_ptr_array_set_free_func (entries, NULL);
  g_ptr_array_set_size (entries, kept);
  g_ptr_array_set_free_func (entries, (GDestroyNotify) glide_audit_entry_free);
  return entries;
}

/* Walks the chain from the first entry and compares its end with audit_head.
 * Each entry's record digests (audit_content, read in the same order in a
 * second cursor) must give the content hash the entry was hashed with; they
 * go into @seals for glide_store_check_records(). */
gboolean
glide_store_check_audit (GlideStore      *self,
                         GlideSealCheck  *seals,
                         GlideCheckItem  *item,
                         GError         **error)
{
  g_autofree char *prev_hash = g_strdup (GLIDE_AUDIT_GENESIS_HASH);
  g_autofree char *head_hash = NULL;
  GlideStmt *stmt, *digests;
  gint64 expected_id = 1, head_last = -1, head_count = -1, count = 0;
  int rc, digest_rc;

  stmt = glide_store_prepare (self, "SELECT last_id, count, hash FROM audit_head WHERE id = 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    {
      head_last = glide_stmt_column_int64 (stmt, 0);
      head_count = glide_stmt_column_int64 (stmt, 1);
      head_hash = glide_store_column_dup (stmt, 2);
    }
  glide_stmt_reset (stmt);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);

  digests = glide_store_prepare (self, "SELECT audit_id, entity, digest FROM audit_content"
                                 " ORDER BY audit_id, entity", error);
  if (digests == NULL)
    return FALSE;
  stmt = glide_store_prepare (self,
                              "SELECT id, at, actor, action, chart, entity, details, prev_hash, hash,"
                              " content FROM audit_log ORDER BY id",
                              error);
  if (stmt == NULL)
    {
      glide_stmt_reset (digests);
      return FALSE;
    }

  digest_rc = glide_stmt_step (digests);
  while ((rc = glide_stmt_step (stmt)) == GLIDE_STMT_ROW)
    {
      gint64 id = glide_stmt_column_int64 (stmt, 0);
      const char *at = glide_stmt_column_text (stmt, 1);
      const char *action = glide_stmt_column_text (stmt, 3);
      const char *stored_prev = glide_stmt_column_text (stmt, 7);
      const char *stored_hash = glide_stmt_column_text (stmt, 8);
      const char *content = glide_stmt_column_text (stmt, 9);
      g_autofree char *hash = NULL;
      g_autofree char *digests_hash = NULL;

      if (id != expected_id || g_strcmp0 (stored_prev, prev_hash) != 0)
        {
          item->message = id != expected_id ?
            g_strdup_printf ("audit entry %" G_GINT64_FORMAT " is missing (deleted); the log "
                             "continues at entry %" G_GINT64_FORMAT, expected_id, id) :
            g_strdup_printf ("audit entry %" G_GINT64_FORMAT " (%s) does not follow entry %"
                             G_GINT64_FORMAT ": an entry before it was deleted or rewritten",
                             id, at ? at : "?", id - 1);
          break;
        }

      hash = glide_store_hash_audit_row (stored_prev, id, at,
                                         glide_stmt_column_text (stmt, 2),
                                         action,
                                         glide_stmt_column_text (stmt, 4),
                                         glide_stmt_column_text (stmt, 5),
                                         glide_stmt_column_text (stmt, 6),
                                         content);
      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          item->message = g_strdup_printf ("audit entry %" G_GINT64_FORMAT " (%s, %s %s) was "
                                           "altered: its content does not match its hash",
                                           id, at ? at : "?", action,
                                           glide_stmt_column_text (stmt, 5));
          break;
        }

      /* Digests of a missing entry, then this entry's own. */
      if (digest_rc == GLIDE_STMT_ROW && glide_stmt_column_int64 (digests, 0) < id)
        {
          item->message = g_strdup_printf ("record digests name audit entry %" G_GINT64_FORMAT
                                           ", which does not exist: they were added outside "
                                           "Glide", (gint64) glide_stmt_column_int64 (digests, 0));
          break;
        }
      while (digest_rc == GLIDE_STMT_ROW && glide_stmt_column_int64 (digests, 0) == id)
        {
          glide_seal_check_add (seals, id, action,
                                glide_stmt_column_text (digests, 1),
                                glide_stmt_column_text (digests, 2));
          digest_rc = glide_stmt_step (digests);
        }
      digests_hash = glide_seal_check_end_entry (seals);
      if (g_strcmp0 (digests_hash, content) != 0)
        {
          item->message = g_strdup_printf ("the record digests of audit entry %" G_GINT64_FORMAT
                                           " (%s, %s %s) were altered, added or deleted",
                                           id, at ? at : "?", action,
                                           glide_stmt_column_text (stmt, 5));
          break;
        }

      g_free (prev_hash);
      prev_hash = g_strdup (stored_hash);
      expected_id = id + 1;
      count++;
    }
  glide_stmt_reset (stmt);
  if (rc == GLIDE_STMT_DONE && item->message == NULL && digest_rc == GLIDE_STMT_ROW)
    item->message = g_strdup_printf ("the audit log ends at entry %" G_GINT64_FORMAT
                                     " but record digests name entry %" G_GINT64_FORMAT
                                     ": entries at the end were deleted",
                                     count, (gint64) glide_stmt_column_int64 (digests, 0));
  if (digest_rc != GLIDE_STMT_ROW && digest_rc != GLIDE_STMT_DONE && rc == GLIDE_STMT_DONE)
    rc = digest_rc;
  glide_stmt_reset (digests);
  if (rc != GLIDE_STMT_ROW && rc != GLIDE_STMT_DONE)
    return glide_store_set_db_error (self, error);

  if (item->message == NULL)
    {
      if (head_hash == NULL)
        item->message = g_strdup ("the audit log head is missing");
      else if (head_last == count && head_count == count && strcmp (head_hash, prev_hash) != 0)
        item->message = g_strdup_printf ("the audit log head names entry %" G_GINT64_FORMAT
                                         " with another hash than that entry has: the head or "
                                         "the entries at the end were rewritten", head_last);
      else if (head_last != count || head_count != count || strcmp (head_hash, prev_hash) != 0)
        item->message = g_strdup_printf ("the audit log ends at entry %" G_GINT64_FORMAT
                                         " but its head names entry %" G_GINT64_FORMAT
                                         ": entries at the end were deleted or rewritten",
                                         count, head_last);
    }

  item->ok = item->message == NULL;
  if (item->ok)
    item->message = g_strdup_printf ("%" G_GINT64_FORMAT " entries with %u record digests, "
                                     "hash chain intact", count, glide_seal_check_count (seals));

  return TRUE;
}

void
glide_audit_entry_free (GlideAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->chart);
  g_free (entry->entity);
  g_free (entry->details);
  g_free (entry);
}

void
glide_check_item_free (GlideCheckItem *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item->message);
  g_free (item);
}
