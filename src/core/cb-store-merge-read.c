/* cb-store-merge-read.c: reading the other project of a merge, and checking it
 *
 * The other file is untrusted input: it is read whole in one read snapshot
 * (it may be this very project, so nothing of ours is written meanwhile)
 * and every text, name, reference and span is checked before our
 * transaction begins.  A file opened at all has passed the store's schema
 * check, so the tables and columns read here are Codeboom's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-store-merge-private.h"
#include "cb-text.h"

static gboolean G_GNUC_PRINTF (2, 3)
damaged (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT, message);
  return FALSE;
}

/* Every row of @sql (a string literal); each text value must be UTF-8. */
GPtrArray *
_cb_store_merge_read_rows (CbStore     *store,
           const char  *sql,
           const char  *table,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  sqlite3_stmt *stmt = cb_store_prepare (store, sql, error);
  int n;
  int rc;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_ptr_array_new_full (n, (GDestroyNotify) sqlite3_value_free);

      g_ptr_array_add (rows, row);
      for (int i = 0; i < n; i++)
        {
          sqlite3_value *value = sqlite3_value_dup (sqlite3_column_value (stmt, i));

          if (value == NULL)
            {
              sqlite3_reset (stmt);
              g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO, g_strerror (ENOMEM));
              return NULL;
            }
          g_ptr_array_add (row, value);
          if (sqlite3_value_type (value) == SQLITE_TEXT &&
              !cb_text_validate_utf8 ((const char *) sqlite3_value_text (value), sqlite3_value_bytes (value)))
            {
              sqlite3_reset (stmt);
              return damaged (error, _("a text of table “%s” is not valid UTF-8"), table), NULL;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (name == NULL || name[0] == '\0')
    return damaged (error, _("a row of table “%s” has no name"), what);
  if (!cb_name_check_characters (name, &local))
    return damaged (error, _("a name in table “%s” holds a control or text-direction character"), what);
  return TRUE;
}

/* A span of their document @document: it must exist, and 0 ≤ start < end ≤ its length. */
static gboolean
check_span (CbStoreMerge  *merge,
            gint64         document,
            gint64         start,
            gint64         end,
            const char    *what,
            GError       **error)
{
  Row *row = id_map_get (merge->their_documents, document);

  if (row == NULL)
    return damaged (error, _("a row of table “%s” refers to document %" PRId64 ", which does not exist"), what, document);
  if (start < 0 || end <= start || end > COL_INT (row, 3))
    return damaged (error, _("a row of table “%s” spans %" PRId64 "–%" PRId64 " in document “%s”, which has %" PRId64 " characters"),
                    what, start, end, COL_TEXT (row, 2), COL_INT (row, 3));
  return TRUE;
}

static gboolean
check_document (CbStoreMerge  *merge,
                gint64         document,
                const char    *what,
                GError       **error)
{
  if (id_map_get (merge->their_documents, document) == NULL)
    return damaged (error, _("a row of table “%s” refers to document %" PRId64 ", which does not exist"), what, document);
  return TRUE;
}

static gboolean
index_rows (GPtrArray   *rows,
            GHashTable  *index,
            const char  *table,
            GError     **error)
{
  for (guint i = 0; i < rows->len; i++)
    id_map_set (index, COL_INT ((Row *) rows->pdata[i], 0), rows->pdata[i]);
  return TRUE;
}

/* Whether every code reaches a top-level code through its parents (no
 * cycle, no missing parent). */
static gboolean
check_code_tree (CbStoreMerge  *merge,
                 GError       **error)
{
  for (guint i = 0; i < merge->codes->len; i++)
    {
      Row *row = merge->codes->pdata[i];
      guint steps = 0;

      if (!check_name (COL_TEXT (row, 3), "code", error))
        return FALSE;
      while (!COL_NULL (row, 2))
        {
          gint64 parent = COL_INT (row, 2);

          if ((row = id_map_get (merge->their_codes, parent)) == NULL)
            return damaged (error, _("a code’s parent %" PRId64 " does not exist"), parent);
          if (++steps > merge->codes->len)
            return damaged (error, _("the code tree has a cycle"));
        }
    }
  return TRUE;
}

static gboolean
read_and_check (CbStoreMerge  *merge,
                CbStore       *theirs,
                GError       **error)
{
  g_autoptr(GPtrArray) project = NULL;
  GHashTable *coders = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(project = _cb_store_merge_read_rows (theirs, "SELECT memo FROM project", "project", error)) ||
      !(merge->coders = _cb_store_merge_read_rows (theirs, "SELECT id, uuid, name FROM coder ORDER BY id", "coder", error)) ||
      !(merge->documents = _cb_store_merge_read_rows (theirs,
                                      "SELECT id, uuid, name, n_chars, memo, source_name, source_sha256, imported, text"
                                      " FROM document ORDER BY id", "document", error)) ||
      !(merge->statuses = _cb_store_merge_read_rows (theirs, "SELECT document, edited, pseudonymised FROM document_status",
                                     "document_status", error)) ||
      !(merge->speakers = _cb_store_merge_read_rows (theirs, "SELECT id, document, name, is_interviewer FROM speaker ORDER BY id",
                                     "speaker", error)) ||
      !(merge->turns = _cb_store_merge_read_rows (theirs,
                                  "SELECT document, speaker, start, end, text_start, timestamp FROM turn"
                                  " ORDER BY document, start", "turn", error)) ||
      !(merge->codes = _cb_store_merge_read_rows (theirs,
                                  "SELECT id, uuid, parent, name, position, color, description, memo FROM code"
                                  " ORDER BY ifnull (parent, 0), position, id", "code", error)) ||
      !(merge->memos = _cb_store_merge_read_rows (theirs,
                                  "SELECT id, uuid, title, type, level, position, author, created, modified, text"
                                  " FROM memo ORDER BY position, id", "memo", error)) ||
      !(merge->memo_links = _cb_store_merge_read_rows (theirs, "SELECT memo, document, start, end FROM memo_link ORDER BY id",
                                       "memo_link", error)) ||
      !(merge->cases = _cb_store_merge_read_rows (theirs, "SELECT id, uuid, name, memo FROM case_unit ORDER BY id", "case_unit", error)) ||
      !(merge->attributes = _cb_store_merge_read_rows (theirs, "SELECT id, uuid, name, type, position FROM attribute ORDER BY position, id",
                                       "attribute", error)) ||
      !(merge->choices = _cb_store_merge_read_rows (theirs, "SELECT attribute, value FROM attribute_choice ORDER BY attribute, position",
                                    "attribute_choice", error)) ||
      !(merge->values = _cb_store_merge_read_rows (theirs, "SELECT case_unit, attribute, value FROM case_value ORDER BY id",
                                   "case_value", error)) ||
      !(merge->coverage = _cb_store_merge_read_rows (theirs,
                                     "SELECT case_unit, document, speaker, start, end FROM case_coverage ORDER BY id",
                                     "case_coverage", error)) ||
      !(merge->sets = _cb_store_merge_read_rows (theirs, "SELECT id, uuid, name, position, memo FROM document_set ORDER BY position, id",
                                 "document_set", error)) ||
      !(merge->members = _cb_store_merge_read_rows (theirs, "SELECT document_set, document FROM document_set_member ORDER BY id",
                                    "document_set_member", error)) ||
      !(merge->phases = _cb_store_merge_read_rows (theirs, "SELECT document, name, start, end FROM phase ORDER BY document, start",
                                   "phase", error)) ||
      !(merge->roles = _cb_store_merge_read_rows (theirs, "SELECT document, speaker, role FROM speaker_role ORDER BY id",
                                  "speaker_role", error)))
    return FALSE;

  merge->project_memo = project->len > 0 && !COL_NULL ((Row *) project->pdata[0], 0)
    ? g_strdup (COL_TEXT ((Row *) project->pdata[0], 0)) : g_strdup ("");

  /* Documents: the stored length must be the text's. */
  index_rows (merge->documents, merge->their_documents, "document", error);
  for (guint i = 0; i < merge->documents->len; i++)
    {
      Row *row = merge->documents->pdata[i];
      const char *text = COL_TEXT (row, 8);

      if (!check_name (COL_TEXT (row, 2), "document", error))
        return FALSE;
      if (text == NULL || g_utf8_strlen (text, sqlite3_value_bytes (COL_VALUE (row, 8))) != COL_INT (row, 3))
        return damaged (error, _("the length stored for document “%s” is not its text’s"), COL_TEXT (row, 2));
    }

  coders = id_map_new ();
  index_rows (merge->coders, coders, "coder", error);
  for (guint i = 0; i < merge->coders->len; i++)
    if (!check_name (COL_TEXT ((Row *) merge->coders->pdata[i], 2), "coder", error))
      {
        g_hash_table_unref (coders);
        return FALSE;
      }

  index_rows (merge->codes, merge->their_codes, "code", error);
  if (!check_code_tree (merge, error))
    goto failed;

  index_rows (merge->speakers, merge->their_speakers, "speaker", error);
  for (guint i = 0; i < merge->speakers->len; i++)
    {
      Row *row = merge->speakers->pdata[i];

      if (!check_document (merge, COL_INT (row, 1), "speaker", error) ||
          !check_name (COL_TEXT (row, 2), "speaker", error))
        goto failed;
    }
  for (guint i = 0; i < merge->turns->len; i++)
    {
      Row *row = merge->turns->pdata[i];
      Row *speaker = id_map_get (merge->their_speakers, COL_INT (row, 1));

      if (!check_span (merge, COL_INT (row, 0), COL_INT (row, 2), COL_INT (row, 3), "turn", error))
        goto failed;
      if (speaker == NULL || COL_INT (speaker, 1) != COL_INT (row, 0))
        {
          damaged (error, _("a turn’s speaker is not one of its document"));
          goto failed;
        }
    }
  for (guint i = 0; i < merge->statuses->len; i++)
    if (!check_document (merge, COL_INT ((Row *) merge->statuses->pdata[i], 0), "document_status", error))
      goto failed;

  /* Codings: the bulk; read straight into their own array along the
   * covering index. */
  stmt = cb_store_prepare (theirs,
                           "SELECT uuid, document, code, start, end, coder, created, memo FROM coding"
                           " ORDER BY code, document, start, end, coder",
                           error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TheirCoding coding = { 0 };
      const char *strings[3] = {
        (const char *) sqlite3_column_text (stmt, 0),
        (const char *) sqlite3_column_text (stmt, 6),
        (const char *) sqlite3_column_text (stmt, 7),
      };

      coding.document = sqlite3_column_int64 (stmt, 1);
      coding.code = sqlite3_column_int64 (stmt, 2);
      coding.start = sqlite3_column_int64 (stmt, 3);
      coding.end = sqlite3_column_int64 (stmt, 4);
      coding.coder = sqlite3_column_int64 (stmt, 5);
      for (guint s = 0; s < G_N_ELEMENTS (strings); s++)
        if (strings[s] == NULL || !g_utf8_validate (strings[s], -1, NULL))
          {
            sqlite3_reset (stmt);
            damaged (error, _("a text of table “%s” is not valid UTF-8"), "coding");
            goto failed;
          }
      if (!check_span (merge, coding.document, coding.start, coding.end, "coding", error) ||
          (id_map_get (merge->their_codes, coding.code) == NULL &&
           !damaged (error, _("a coding refers to code %" PRId64 ", which does not exist"), coding.code)) ||
          (id_map_get (coders, coding.coder) == NULL &&
           !damaged (error, _("a coding refers to coder %" PRId64 ", which does not exist"), coding.coder)))
        {
          sqlite3_reset (stmt);
          goto failed;
        }
      coding.uuid = g_strdup (strings[0]);
      coding.created = g_strdup (strings[1]);
      coding.memo = g_strdup (strings[2]);
      g_array_append_val (merge->codings, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (theirs, rc, error);
      goto failed;
    }

  for (guint i = 0; i < merge->memos->len; i++)
    {
      Row *row = merge->memos->pdata[i];

      if (!check_name (COL_TEXT (row, 2), "memo", error))
        goto failed;
      if (!COL_NULL (row, 6) && id_map_get (coders, COL_INT (row, 6)) == NULL)
        {
          damaged (error, _("a memo’s author does not exist"));
          goto failed;
        }
    }
  {
    g_autoptr(GHashTable) memos = id_map_new ();
    g_autoptr(GHashTable) cases = id_map_new ();
    g_autoptr(GHashTable) attributes = id_map_new ();
    g_autoptr(GHashTable) sets = id_map_new ();

    index_rows (merge->memos, memos, "memo", error);
    index_rows (merge->cases, cases, "case_unit", error);
    index_rows (merge->attributes, attributes, "attribute", error);
    index_rows (merge->sets, sets, "document_set", error);

    for (guint i = 0; i < merge->memo_links->len; i++)
      {
        Row *row = merge->memo_links->pdata[i];

        if (id_map_get (memos, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a memo’s evidence refers to a memo that does not exist"));
            goto failed;
          }
        if (!check_span (merge, COL_INT (row, 1), COL_INT (row, 2), COL_INT (row, 3), "memo_link", error))
          goto failed;
      }
    for (guint i = 0; i < merge->cases->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->cases->pdata[i], 2), "case_unit", error))
        goto failed;
    for (guint i = 0; i < merge->attributes->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->attributes->pdata[i], 2), "attribute", error))
        goto failed;
    for (guint i = 0; i < merge->choices->len; i++)
      if (id_map_get (attributes, COL_INT ((Row *) merge->choices->pdata[i], 0)) == NULL)
        {
          damaged (error, _("a choice refers to an attribute that does not exist"));
          goto failed;
        }
    for (guint i = 0; i < merge->values->len; i++)
      {
        Row *row = merge->values->pdata[i];

        if (id_map_get (cases, COL_INT (row, 0)) == NULL || id_map_get (attributes, COL_INT (row, 1)) == NULL)
          {
            damaged (error, _("an attribute value refers to a case or attribute that does not exist"));
            goto failed;
          }
      }
    for (guint i = 0; i < merge->coverage->len; i++)
      {
        Row *row = merge->coverage->pdata[i];

        if (id_map_get (cases, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a case’s coverage refers to a case that does not exist"));
            goto failed;
          }
        if (!(COL_NULL (row, 3)
              ? check_document (merge, COL_INT (row, 1), "case_coverage", error)
              : check_span (merge, COL_INT (row, 1), COL_INT (row, 3), COL_INT (row, 4), "case_coverage", error)))
          goto failed;
      }
    for (guint i = 0; i < merge->sets->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->sets->pdata[i], 2), "document_set", error))
        goto failed;
    for (guint i = 0; i < merge->members->len; i++)
      {
        Row *row = merge->members->pdata[i];

        if (id_map_get (sets, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a document set member refers to a set that does not exist"));
            goto failed;
          }
        if (!check_document (merge, COL_INT (row, 1), "document_set_member", error))
          goto failed;
      }
  }
  for (guint i = 0; i < merge->phases->len; i++)
    {
      Row *row = merge->phases->pdata[i];

      if (!check_span (merge, COL_INT (row, 0), COL_INT (row, 2), COL_INT (row, 3), "phase", error))
        goto failed;
    }
  for (guint i = 0; i < merge->roles->len; i++)
    if (!check_document (merge, COL_INT ((Row *) merge->roles->pdata[i], 0), "speaker_role", error))
      goto failed;

  g_hash_table_unref (coders);
  return TRUE;

failed:
  g_hash_table_unref (coders);
  return FALSE;
}

gboolean
_cb_store_merge_read (CbStoreMerge  *merge,
                      CbStore       *theirs,
                      GError       **error)
{
  gboolean ok;

  if (!cb_store_begin_read (theirs, error))
    return FALSE;
  ok = read_and_check (merge, theirs, error);
  cb_store_end_read (theirs);
  return ok;
}
