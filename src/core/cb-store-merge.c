/* cb-store-merge.c: the SQL of merging another project into ours, and of copies for a coder
 *
 * The other project is read whole first, through its own store and in one
 * read snapshot (the other file may be this very project), and checked as
 * untrusted input (cb-store-merge-read.c).  Then, inside our transaction, each kind is matched —
 * by uuid first, then by content or name — and what is not here is added
 * with its ids mapped onto ours.  Matching is done in hash tables over
 * both sides read once, so a merge costs a few scans and one insert per
 * new row, whatever the sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-merge-private.h"
#include "cb-store-turns.h"

static void
their_coding_clear (gpointer data)
{
  TheirCoding *coding = data;

  g_free (coding->uuid);
  g_free (coding->created);
  g_free (coding->memo);
}


CbStoreMerge *
_cb_store_merge_new (const char    *other_name,
                     gboolean       prefer_theirs,
                     CbMergeReport *report)
{
  CbStoreMerge *merge = g_new0 (CbStoreMerge, 1);

  merge->other_name = g_strdup (other_name);
  merge->prefer_theirs = prefer_theirs;
  merge->report = report;
  merge->codings = g_array_new (FALSE, TRUE, sizeof (TheirCoding));
  g_array_set_clear_func (merge->codings, their_coding_clear);
  merge->their_documents = id_map_new ();
  merge->their_codes = id_map_new ();
  merge->their_speakers = id_map_new ();
  merge->coder_map = id_map_new ();
  merge->document_map = id_map_new ();
  merge->code_map = id_map_new ();
  merge->memo_map = id_map_new ();
  merge->case_map = id_map_new ();
  merge->attribute_map = id_map_new ();
  merge->set_map = id_map_new ();
  merge->added_documents = id_map_new ();
  return merge;
}

void
_cb_store_merge_free (CbStoreMerge *merge)
{
  GPtrArray **tables[] = {
    &merge->coders, &merge->documents, &merge->statuses, &merge->speakers, &merge->turns,
    &merge->codes, &merge->memos, &merge->memo_links, &merge->cases, &merge->attributes,
    &merge->choices, &merge->values, &merge->coverage, &merge->sets, &merge->members,
    &merge->phases, &merge->roles,
  };
  GHashTable **maps[] = {
    &merge->their_documents, &merge->their_codes, &merge->their_speakers, &merge->coder_map,
    &merge->document_map, &merge->code_map, &merge->memo_map, &merge->case_map,
    &merge->attribute_map, &merge->set_map, &merge->added_documents,
  };

  if (merge == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_clear_pointer (tables[i], g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    g_clear_pointer (maps[i], g_hash_table_unref);
  g_clear_pointer (&merge->codings, g_array_unref);
  g_free (merge->project_memo);
  g_free (merge->other_name);
  g_free (merge);
}

/* Writing into ours */

void
_cb_store_merge_conflict (CbStoreMerge *merge,
          CbMergeKind   kind,
          const char   *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (merge->report->messages, g_strdup_vprintf (format, args));
  va_end (args);
  merge->report->conflicts[kind]++;
}

const char *
_cb_store_merge_kept (CbStoreMerge *merge)
{
  return merge->prefer_theirs ? _("kept theirs") : _("kept ours");
}

/* Ours unless it is empty or theirs is preferred: whether to write @theirs
 * over @ours, listing a real difference as a conflict. */
gboolean
_cb_store_merge_take_theirs (CbStoreMerge *merge,
             const char   *ours,
             const char   *theirs,
             CbMergeKind   kind,
             const char   *what)
{
  if (theirs == NULL || theirs[0] == '\0' || g_strcmp0 (ours, theirs) == 0)
    return FALSE;
  if (ours == NULL || ours[0] == '\0')
    return TRUE;
  _cb_store_merge_conflict (merge, kind, _("%s differs in “%s”: %s"), what, merge->other_name, _cb_store_merge_kept (merge));
  return merge->prefer_theirs;
}

static char *
text_sha256 (const char *text,
             gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

/* A name not in @taken: @name, else "@name (2)", "(3)"… */
char *
_cb_store_merge_free_name (GHashTable *taken,
           const char *name)
{
  char *candidate = g_strdup (name);

  for (guint n = 2; g_hash_table_contains (taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", name, n);
    }
  return candidate;
}

static gboolean
merge_project_memo (CbStoreMerge  *merge,
                    CbStore       *ours,
                    GError       **error)
{
  g_autofree char *memo = _cb_store_dup_project_field (ours, "memo");

  if (!_cb_store_merge_take_theirs (merge, memo, merge->project_memo, CB_MERGE_MEMOS, _("The project memo")))
    return TRUE;
  return _cb_store_set_project_memo (ours, merge->project_memo, error);
}

static gboolean
merge_coders (CbStoreMerge  *merge,
              CbStore       *ours,
              GError       **error)
{
  for (guint i = 0; i < merge->coders->len; i++)
    {
      Row *row = merge->coders->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours, "SELECT id FROM coder WHERE name = ?", error);
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, COL_TEXT (row, 2), -1, SQLITE_TRANSIENT);
      if ((id = cb_store_query_int64 (ours, stmt, 0, error)) < 0)
        return FALSE;
      if (id > 0)
        merge->report->present[CB_MERGE_CODERS]++;
      else if ((id = _cb_store_ensure_coder (ours, COL_TEXT (row, 2), COL_TEXT (row, 1), error)) == 0)
        return FALSE;
      else
        merge->report->added[CB_MERGE_CODERS]++;
      id_map_set (merge->coder_map, COL_INT (row, 0), ID_TO_PTR (id));
    }
  return TRUE;
}

static gboolean
copy_turns (CbStoreMerge  *merge,
            CbStore       *ours,
            gint64         their_document,
            gint64         document,
            GError       **error)
{
  g_autoptr(GHashTable) speakers = id_map_new ();   /* their speaker → ours */

  for (guint i = 0; i < merge->speakers->len; i++)
    {
      Row *row = merge->speakers->pdata[i];
      gint64 id;

      if (COL_INT (row, 1) != their_document)
        continue;
      if ((id = _cb_store_ensure_speaker (ours, document, COL_TEXT (row, 2), error)) == 0 ||
          (COL_INT (row, 3) && !_cb_store_set_speaker_interviewer (ours, id, TRUE, error)))
        return FALSE;
      id_map_set (speakers, COL_INT (row, 0), ID_TO_PTR (id));
    }
  for (guint i = 0; i < merge->turns->len; i++)
    {
      Row *row = merge->turns->pdata[i];

      if (COL_INT (row, 0) != their_document)
        continue;
      if (!_cb_store_insert_turn (ours, document, PTR_TO_ID (id_map_get (speakers, COL_INT (row, 1))),
                                  COL_INT (row, 2), COL_INT (row, 3), COL_INT (row, 4), COL_TEXT (row, 5), error))
        return FALSE;
    }
  return g_hash_table_size (speakers) == 0 || _cb_store_journal_document_turns (ours, document, error);
}

static gboolean
add_document (CbStoreMerge  *merge,
              CbStore       *ours,
              CbStore       *theirs,
              Row           *row,
              const char    *name,
              gboolean       keep_uuid,
              gint64        *id,
              GError       **error)
{
  g_autofree char *uuid = keep_uuid ? g_strdup (COL_TEXT (row, 1)) : cb_store_new_uuid (ours);
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GError) local = NULL;
  CbStoreNewDocument document = { 0 };
  sqlite3_stmt *stmt;

  /* The original file is read only now, for the documents added. */
  source = _cb_store_dup_document_source (theirs, COL_INT (row, 0), &local);
  if (local != NULL && !g_error_matches (local, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  document.uuid = uuid;
  document.name = name;
  document.text = COL_TEXT (row, 8);
  document.length = sqlite3_value_bytes (COL_VALUE (row, 8));
  document.n_chars = COL_INT (row, 3);
  document.source_name = COL_TEXT (row, 5);
  document.source_sha256 = COL_TEXT (row, 6);
  if (source != NULL)
    document.source_bytes = g_bytes_get_data (source, &document.source_length);
  if (document.source_bytes == NULL && source != NULL)
    document.source_bytes = (const guint8 *) "";
  if ((*id = _cb_store_insert_document (ours, &document, error)) == 0)
    return FALSE;

  stmt = cb_store_prepare (ours, "UPDATE document SET memo = ?, imported = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, COL_TEXT (row, 4), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, COL_TEXT (row, 7), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, *id);
  if (!run_bound (ours, stmt, error))
    return FALSE;

  for (guint i = 0; i < merge->statuses->len; i++)
    {
      Row *status = merge->statuses->pdata[i];

      if (COL_INT (status, 0) != COL_INT (row, 0))
        continue;
      stmt = cb_store_prepare (ours, "INSERT INTO document_status (document, edited, pseudonymised) VALUES (?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (status, 1));
      sqlite3_bind_value (stmt, 3, COL_VALUE (status, 2));
      if (!run_bound (ours, stmt, error))
        return FALSE;
    }

  id_map_set (merge->added_documents, COL_INT (row, 0), ID_TO_PTR (*id));
  return copy_turns (merge, ours, COL_INT (row, 0), *id, error);
}

typedef struct
{
  gint64  id;
  char   *name;
  char   *memo;
  char   *sha;
  gboolean claimed;
} OurDocument;

static void
our_document_free (gpointer data)
{
  OurDocument *document = data;

  g_free (document->name);
  g_free (document->memo);
  g_free (document->sha);
  g_free (document);
}

static gboolean
merge_documents (CbStoreMerge  *merge,
                 CbStore       *ours,
                 CbStore       *theirs,
                 GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_document_free);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_sha = g_hash_table_new (g_str_hash, g_str_equal);   /* first unclaimed one wins */
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, name, memo, text FROM document ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurDocument *document = g_new0 (OurDocument, 1);

      document->id = sqlite3_column_int64 (stmt, 0);
      document->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      document->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      document->sha = text_sha256 ((const char *) sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4));
      g_ptr_array_add (list, document);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), document);
      if (!g_hash_table_contains (by_sha, document->sha))
        g_hash_table_insert (by_sha, document->sha, document);
      g_hash_table_add (names, g_strdup (document->name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < merge->documents->len; i++)
    {
      Row *row = merge->documents->pdata[i];
      const char *name = COL_TEXT (row, 2);
      g_autofree char *sha = text_sha256 (COL_TEXT (row, 8), sqlite3_value_bytes (COL_VALUE (row, 8)));
      OurDocument *match = g_hash_table_lookup (by_uuid, COL_TEXT (row, 1));
      gboolean keep_uuid = match == NULL;
      g_autofree char *new_name = NULL;
      gint64 id;

      if (match != NULL && (match->claimed || !g_str_equal (match->sha, sha)))
        {
          /* The same document with another text (edited on one side):
           * their codings belong to their text, so it comes in as a copy. */
          new_name = _cb_store_merge_free_name (names, name);
          _cb_store_merge_conflict (merge, CB_MERGE_DOCUMENTS, _("Document “%s”: its text differs in “%s”; added as “%s”"),
                    name, merge->other_name, new_name);
          match = NULL;
        }
      else if (match == NULL && (match = g_hash_table_lookup (by_sha, sha)) != NULL && match->claimed)
        match = NULL;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of document “%s”"), match->name);

          match->claimed = TRUE;
          /* the next one of the same text may match another of ours */
          if (g_hash_table_lookup (by_sha, sha) == match)
            {
              g_hash_table_remove (by_sha, sha);
              for (guint j = 0; j < list->len; j++)
                {
                  OurDocument *other = list->pdata[j];

                  if (!other->claimed && g_str_equal (other->sha, sha))
                    {
                      g_hash_table_insert (by_sha, other->sha, other);
                      break;
                    }
                }
            }
          merge->report->present[CB_MERGE_DOCUMENTS]++;
          id_map_set (merge->document_map, COL_INT (row, 0), ID_TO_PTR (match->id));
          if (_cb_store_merge_take_theirs (merge, match->memo, COL_TEXT (row, 4), CB_MERGE_MEMOS, what) &&
              !_cb_store_update_document_text_field (ours, match->id, "memo", COL_TEXT (row, 4), error))
            return FALSE;
          continue;
        }

      if (new_name == NULL)
        {
          new_name = _cb_store_merge_free_name (names, name);
          if (!g_str_equal (new_name, name))
            _cb_store_merge_conflict (merge, CB_MERGE_DOCUMENTS,
                      _("Document “%s”: another text has this name here; added as “%s”"), name, new_name);
        }
      if (!add_document (merge, ours, theirs, row, new_name, keep_uuid, &id, error))
        return FALSE;
      merge->report->added[CB_MERGE_DOCUMENTS]++;
      id_map_set (merge->document_map, COL_INT (row, 0), ID_TO_PTR (id));
      g_hash_table_add (names, g_steal_pointer (&new_name));
    }
  return TRUE;
}

/* Codes */

typedef struct
{
  gint64   id;
  gint64   parent;
  char    *name;
  char    *color;
  char    *description;
  char    *memo;
  gboolean claimed;
} OurCode;

static void
our_code_free (gpointer data)
{
  OurCode *code = data;

  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code->memo);
  g_free (code);
}

static char *
sibling_key (gint64      parent,
             const char *name)
{
  return g_strdup_printf ("%" PRId64 "/%s", parent, name);
}

static char *
our_code_path (GHashTable *by_id,
               OurCode    *code)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint steps = 0;

  for (; code != NULL && steps++ <= g_hash_table_size (by_id); code = id_map_get (by_id, code->parent))
    g_ptr_array_insert (names, 0, code->name);
  g_ptr_array_add (names, NULL);
  return cb_code_path_join ((const char * const *) names->pdata);
}

static char *
their_code_path (CbStoreMerge *merge,
                 Row          *row)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* check_code_tree() made sure this ends */
  for (; row != NULL; row = COL_NULL (row, 2) ? NULL : id_map_get (merge->their_codes, COL_INT (row, 2)))
    g_ptr_array_insert (names, 0, (gpointer) COL_TEXT (row, 3));
  g_ptr_array_add (names, NULL);
  return cb_code_path_join ((const char * const *) names->pdata);
}

static gint64
next_code_position (CbStore     *ours,
                    GHashTable  *positions,
                    gint64       parent,
                    GError     **error)
{
  gpointer next = id_map_get (positions, parent);
  gint64 position;

  if (next != NULL)
    position = PTR_TO_ID (next);
  else
    {
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT ifnull (max (position) + 1, 0) FROM code"
                                             " WHERE ifnull (parent, 0) = ?",
                                             error);

      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, parent);
      if ((position = cb_store_query_int64 (ours, stmt, 0, error)) < 0)
        return -1;
    }
  id_map_set (positions, parent, ID_TO_PTR (position + 1));
  return position;
}

static gboolean
merge_code (CbStoreMerge  *merge,
            CbStore       *ours,
            Row           *row,
            GHashTable    *by_id,
            GHashTable    *by_uuid,
            GHashTable    *siblings,
            GHashTable    *positions,
            GPtrArray     *owned,
            GError       **error)
{
  gint64 parent = COL_NULL (row, 2) ? 0 : PTR_TO_ID (id_map_get (merge->code_map, COL_INT (row, 2)));
  const char *name = COL_TEXT (row, 3);
  g_autofree char *key = sibling_key (parent, name);
  OurCode *match = g_hash_table_lookup (by_uuid, COL_TEXT (row, 1));
  gboolean keep_uuid = match == NULL;
  g_autofree char *new_name = NULL;
  OurCode *code;
  gint64 position;

  if (match != NULL)
    {
      if (match->parent != parent || !g_str_equal (match->name, name))
        {
          g_autofree char *our_path = our_code_path (by_id, match);
          g_autofree char *their_path = their_code_path (merge, row);

          _cb_store_merge_conflict (merge, CB_MERGE_CODES, _("Code “%s” is “%s” in “%s”: kept its name and place here"),
                    our_path, their_path, merge->other_name);
        }
    }
  else if ((match = g_hash_table_lookup (siblings, key)) != NULL && match->claimed)
    {
      /* Their code of this name is another code than ours of this name
       * (ours was matched by uuid to a third one). */
      g_autofree char *path = their_code_path (merge, row);

      for (guint n = 2; ; n++)
        {
          g_autofree char *candidate_key = NULL;

          g_free (new_name);
          new_name = g_strdup_printf ("%s (%u)", name, n);
          candidate_key = sibling_key (parent, new_name);
          if (!g_hash_table_contains (siblings, candidate_key))
            break;
        }
      _cb_store_merge_conflict (merge, CB_MERGE_CODES, _("Code “%s” of “%s” is another code than the one of that name here; added as “%s”"),
                path, merge->other_name, new_name);
      match = NULL;
    }

  if (match != NULL)
    {
      g_autofree char *path = our_code_path (by_id, match);
      g_autofree char *what_color = g_strdup_printf (_("The colour of code “%s”"), path);
      g_autofree char *what_description = g_strdup_printf (_("The definition of code “%s”"), path);
      g_autofree char *what_memo = g_strdup_printf (_("The memo of code “%s”"), path);

      match->claimed = TRUE;
      merge->report->present[CB_MERGE_CODES]++;
      id_map_set (merge->code_map, COL_INT (row, 0), ID_TO_PTR (match->id));
      if (_cb_store_merge_take_theirs (merge, match->color, COL_TEXT (row, 5), CB_MERGE_CODES, what_color) &&
          !_cb_store_update_code_field (ours, match->id, "color", COL_TEXT (row, 5), error))
        return FALSE;
      if (_cb_store_merge_take_theirs (merge, match->description, COL_TEXT (row, 6), CB_MERGE_CODES, what_description) &&
          !_cb_store_update_code_field (ours, match->id, "description", COL_TEXT (row, 6), error))
        return FALSE;
      if (_cb_store_merge_take_theirs (merge, match->memo, COL_TEXT (row, 7), CB_MERGE_MEMOS, what_memo) &&
          !_cb_store_update_code_field (ours, match->id, "memo", COL_TEXT (row, 7), error))
        return FALSE;
      return TRUE;
    }

  if (new_name == NULL)
    new_name = g_strdup (name);
  if ((position = next_code_position (ours, positions, parent, error)) < 0)
    return FALSE;

  code = g_new0 (OurCode, 1);
  g_ptr_array_add (owned, code);
  code->parent = parent;
  code->name = g_strdup (new_name);
  code->claimed = TRUE;
  code->id = _cb_store_insert_code (ours, keep_uuid ? COL_TEXT (row, 1) : NULL, parent, new_name, position,
                                    COL_TEXT (row, 5), COL_TEXT (row, 6), error);
  if (code->id <= 0)
    return FALSE;
  if (COL_TEXT (row, 7) != NULL && COL_TEXT (row, 7)[0] != '\0' &&
      !_cb_store_update_code_field (ours, code->id, "memo", COL_TEXT (row, 7), error))
    return FALSE;
  id_map_set (by_id, code->id, code);
  g_hash_table_insert (siblings, sibling_key (parent, new_name), code);
  id_map_set (merge->code_map, COL_INT (row, 0), ID_TO_PTR (code->id));
  merge->report->added[CB_MERGE_CODES]++;
  return TRUE;
}

static gboolean
merge_codes (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_code_free);
  g_autoptr(GHashTable) by_id = id_map_new ();
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) siblings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) positions = id_map_new ();
  g_autoptr(GHashTable) children = id_map_new ();   /* their parent (0: top) → GPtrArray of rows */
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, ifnull (parent, 0), name, color, description, memo FROM code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurCode *code = g_new0 (OurCode, 1);

      code->id = sqlite3_column_int64 (stmt, 0);
      code->parent = sqlite3_column_int64 (stmt, 2);
      code->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      code->color = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      code->description = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      code->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (list, code);
      id_map_set (by_id, code->id, code);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), code);
      g_hash_table_insert (siblings, sibling_key (code->parent, code->name), code);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  /* Their tree, parents before children, siblings in their order. */
  g_hash_table_unref (g_steal_pointer (&children));
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < merge->codes->len; i++)
    {
      Row *row = merge->codes->pdata[i];
      gint64 parent = COL_NULL (row, 2) ? 0 : COL_INT (row, 2);
      GPtrArray *siblings_of = id_map_get (children, parent);

      if (siblings_of == NULL)
        id_map_set (children, parent, siblings_of = g_ptr_array_new ());
      g_ptr_array_add (siblings_of, row);
    }
  {
    GPtrArray *top = id_map_get (children, 0);

    for (guint i = top != NULL ? top->len : 0; i > 0; i--)
      g_ptr_array_add (stack, top->pdata[i - 1]);
  }
  while (stack->len > 0)
    {
      Row *row = g_ptr_array_steal_index (stack, stack->len - 1);
      GPtrArray *below;

      if (!merge_code (merge, ours, row, by_id, by_uuid, siblings, positions, list, error))
        return FALSE;
      below = id_map_get (children, COL_INT (row, 0));
      for (guint i = below != NULL ? below->len : 0; i > 0; i--)
        g_ptr_array_add (stack, below->pdata[i - 1]);
    }
  return TRUE;
}

/* Codings */

typedef struct
{
  gint64  id;
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  gint64  coder;
  char   *memo;
} OurCoding;

static guint
coding_key_hash (gconstpointer data)
{
  const OurCoding *c = data;
  guint64 h = (guint64) c->document * 1000003u ^ (guint64) c->code * 7919u ^ (guint64) c->start * 31u ^
              (guint64) c->end * 131u ^ (guint64) c->coder;

  return (guint) (h ^ (h >> 32));
}

static gboolean
coding_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const OurCoding *x = a, *y = b;

  return x->document == y->document && x->code == y->code && x->start == y->start &&
         x->end == y->end && x->coder == y->coder;
}

static void
our_coding_free (gpointer data)
{
  OurCoding *coding = data;

  g_free (coding->memo);
  g_free (coding);
}

static void
merge_coding_clear (gpointer data)
{
  CbStoreMergeCoding *coding = data;

  g_free (coding->uuid);
  g_free (coding->created);
  g_free (coding->memo);
}

static gboolean
merge_codings (CbStoreMerge  *merge,
               CbStore       *ours,
               GArray        *new_codings,
               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_coding_free);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new (coding_key_hash, coding_key_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, document, code, start, end, coder, memo FROM coding", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurCoding *coding = g_new0 (OurCoding, 1);

      coding->id = sqlite3_column_int64 (stmt, 0);
      coding->document = sqlite3_column_int64 (stmt, 2);
      coding->code = sqlite3_column_int64 (stmt, 3);
      coding->start = sqlite3_column_int64 (stmt, 4);
      coding->end = sqlite3_column_int64 (stmt, 5);
      coding->coder = sqlite3_column_int64 (stmt, 6);
      coding->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (list, coding);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), coding);
      g_hash_table_add (by_key, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < merge->codings->len; i++)
    {
      TheirCoding *theirs = &g_array_index (merge->codings, TheirCoding, i);
      OurCoding key = {
        .document = PTR_TO_ID (id_map_get (merge->document_map, theirs->document)),
        .code = PTR_TO_ID (id_map_get (merge->code_map, theirs->code)),
        .start = theirs->start,
        .end = theirs->end,
        .coder = PTR_TO_ID (id_map_get (merge->coder_map, theirs->coder)),
      };
      OurCoding *by_id = g_hash_table_lookup (by_uuid, theirs->uuid);
      OurCoding *match = by_id;
      CbStoreMergeCoding added = { 0 };

      /* A uuid names the same coding only on the same text and span; its
       * code may have been moved or merged here since. */
      if (match != NULL && (match->document != key.document || match->start != key.start || match->end != key.end))
        match = NULL;
      if (match == NULL)
        match = g_hash_table_lookup (by_key, &key);

      if (match != NULL)
        {
          Row *document = id_map_get (merge->their_documents, theirs->document);
          g_autofree char *what = g_strdup_printf (_("The memo of the coding %" PRId64 "–%" PRId64 " in “%s”"),
                                                   theirs->start, theirs->end, COL_TEXT (document, 2));

          merge->report->present[CB_MERGE_CODINGS]++;
          if (_cb_store_merge_take_theirs (merge, match->memo, theirs->memo, CB_MERGE_MEMOS, what))
            {
              if (!_cb_store_set_coding_memo (ours, match->id, theirs->memo, error))
                return FALSE;
              g_free (match->memo);
              match->memo = g_strdup (theirs->memo);
            }
          continue;
        }

      added.document = key.document;
      added.code = key.code;
      added.start = key.start;
      added.end = key.end;
      added.coder = key.coder;
      added.uuid = by_id == NULL ? g_strdup (theirs->uuid) : NULL;
      added.created = g_strdup (theirs->created);
      added.memo = g_strdup (theirs->memo);
      g_array_append_val (new_codings, added);
      {
        OurCoding *coding = g_new0 (OurCoding, 1);

        *coding = key;
        coding->memo = g_strdup (theirs->memo);
        g_ptr_array_add (list, coding);
        g_hash_table_add (by_key, coding);
      }
    }
  return TRUE;
}

gboolean
_cb_store_merge_write (CbStoreMerge  *merge,
                       CbStore       *ours,
                       CbStore       *theirs,
                       GArray       **new_codings,
                       GError       **error)
{
  g_autoptr(GArray) codings = g_array_new (FALSE, TRUE, sizeof (CbStoreMergeCoding));

  g_return_val_if_fail (cb_store_in_transaction (ours), FALSE);

  merge->changes_before = sqlite3_total_changes64 (cb_store_get_db (ours));
  g_array_set_clear_func (codings, merge_coding_clear);
  if (!merge_project_memo (merge, ours, error) ||
      !merge_coders (merge, ours, error) ||
      !merge_documents (merge, ours, theirs, error) ||
      !merge_codes (merge, ours, error) ||
      !merge_codings (merge, ours, codings, error) ||
      !_cb_store_merge_memos (merge, ours, error) ||
      !_cb_store_merge_cases (merge, ours, error) ||
      !_cb_store_merge_sets (merge, ours, error) ||
      !_cb_store_merge_phases_and_roles (merge, ours, error))
    return FALSE;

  merge->changed = sqlite3_total_changes64 (cb_store_get_db (ours)) != merge->changes_before;
  *new_codings = g_steal_pointer (&codings);
  return TRUE;
}

gboolean
_cb_store_merge_changed (CbStoreMerge *merge)
{
  return merge->changed;
}

/* Copies for a second coder */

gboolean
_cb_store_merge_trim_copy (CbStore     *copy,
                           CbCopyMode   mode,
                           const char  *coder,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  /* The dropped codings must not stay readable in the copy's free pages:
   * the copy goes to someone else.  (VACUUM would need ATTACH, which
   * every connection refuses.) */
  if (!cb_store_exec (copy, "PRAGMA secure_delete = ON", error) ||
      !cb_store_begin (copy, NULL, error))
    return FALSE;

  if (mode == CB_COPY_ONLY_CODER)
    {
      stmt = cb_store_prepare (copy, "SELECT id FROM coder WHERE name = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, coder, -1, SQLITE_TRANSIENT);
      if ((id = cb_store_query_int64 (copy, stmt, 0, error)) < 0)
        goto failed;
      if (id == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("The project has no coder named “%s”"), coder);
          goto failed;
        }
      stmt = cb_store_prepare (copy, "DELETE FROM coding WHERE coder <> ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!run_bound (copy, stmt, error))
        goto failed;
    }
  else if (mode == CB_COPY_WITHOUT_CODINGS &&
           !cb_store_exec (copy, "DELETE FROM coding", error))
    goto failed;

  /* The copy starts a history of its own, and is not the original's
   * revision (the token every user action renews, CB_STORE_REVISION_KEY): without
   * one its first backup is never taken for a copy of the original's. */
  if (!cb_store_exec (copy,
                      "DELETE FROM journal_value; DELETE FROM journal_entry; DELETE FROM journal_step;"
                      "DELETE FROM project_setting WHERE key = '" CB_STORE_REVISION_KEY "';",
                      error))
    goto failed;
  return cb_store_commit (copy, error);

failed:
  cb_store_rollback (copy);
  return FALSE;
}
