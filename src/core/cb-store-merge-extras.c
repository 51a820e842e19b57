/* cb-store-merge-extras.c: merging memos, cases, document sets, phases and speaker roles
 *
 * The kinds beyond documents, codes and codings (cb-store-merge.c), each
 * matched by uuid then name (or per document and speaker), with the ids
 * of documents and coders already mapped onto ours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-merge-private.h"

/* Free-standing memos and their evidence */

static gint64
next_position (CbStore     *ours,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (ours, sql, error);

  return stmt != NULL ? cb_store_query_int64 (ours, stmt, 0, error) : -1;
}

/* Our rows of a table with a uuid and a unique name: (id, uuid, name, memo) */
typedef struct
{
  GPtrArray  *rows;
  GHashTable *by_uuid;   /* borrowed keys */
  GHashTable *by_name;
  GHashTable *claimed;   /* Row * set */
} Ours;

static void
ours_clear (Ours *o)
{
  g_clear_pointer (&o->by_uuid, g_hash_table_unref);
  g_clear_pointer (&o->by_name, g_hash_table_unref);
  g_clear_pointer (&o->claimed, g_hash_table_unref);
  g_clear_pointer (&o->rows, g_ptr_array_unref);
}

static gboolean
ours_load (Ours        *o,
           CbStore     *ours,
           const char  *sql,
           GError     **error)
{
  memset (o, 0, sizeof *o);
  if (!(o->rows = _cb_store_merge_read_rows (ours, sql, "", error)))
    return FALSE;
  o->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  o->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->claimed = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < o->rows->len; i++)
    {
      Row *row = o->rows->pdata[i];

      g_hash_table_insert (o->by_uuid, (gpointer) COL_TEXT (row, 1), row);
      g_hash_table_insert (o->by_name, g_strdup (COL_TEXT (row, 2)), row);
    }
  return TRUE;
}

/* Ours matching their (@uuid, @name): by uuid, then by name; NULL when
 * none (then *@name_taken says whether the name is). */
static Row *
ours_match (Ours       *o,
            const char *uuid,
            const char *name,
            gboolean   *name_taken)
{
  Row *row = g_hash_table_lookup (o->by_uuid, uuid);

  if (row == NULL && (row = g_hash_table_lookup (o->by_name, name)) != NULL &&
      g_hash_table_contains (o->claimed, row))
    row = NULL;
  if (row != NULL)
    g_hash_table_add (o->claimed, row);
  *name_taken = g_hash_table_contains (o->by_name, name);
  return row;
}

gboolean
_cb_store_merge_memos (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  Ours o;
  gint64 position;
  gboolean ok = FALSE;

  if (!ours_load (&o, ours, "SELECT id, uuid, title, text FROM memo", error))
    return FALSE;
  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM memo", error)) < 0)
    goto out;

  for (guint i = 0; i < merge->memos->len; i++)
    {
      Row *row = merge->memos->pdata[i];
      gboolean taken;
      Row *match = ours_match (&o, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *title = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The text of memo “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_MEMOS]++;
          id_map_set (merge->memo_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (_cb_store_merge_take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 9), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE memo SET text = ?, modified = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 9), -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 2, COL_TEXT (row, 8), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 3, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }

      title = _cb_store_merge_free_name (o.by_name, COL_TEXT (row, 2));
      if (taken)
        _cb_store_merge_conflict (merge, CB_MERGE_MEMOS, _("Memo “%s” of “%s” is another memo than the one of that title here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, title);
      stmt = cb_store_prepare (ours,
                               "INSERT INTO memo (uuid, title, type, level, position, author, created, modified, text)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 4));
      sqlite3_bind_int64 (stmt, 5, position++);
      if (COL_NULL (row, 6))
        sqlite3_bind_null (stmt, 6);
      else
        sqlite3_bind_int64 (stmt, 6, PTR_TO_ID (id_map_get (merge->coder_map, COL_INT (row, 6))));
      sqlite3_bind_value (stmt, 7, COL_VALUE (row, 7));
      sqlite3_bind_value (stmt, 8, COL_VALUE (row, 8));
      sqlite3_bind_value (stmt, 9, COL_VALUE (row, 9));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->memo_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (o.by_name, g_steal_pointer (&title));
      merge->report->added[CB_MERGE_MEMOS]++;
    }

  for (guint i = 0; i < merge->memo_links->len; i++)
    {
      Row *row = merge->memo_links->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO memo_link (memo, document, start, end) VALUES (?, ?, ?, ?)"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->memo_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 4, COL_INT (row, 3));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&o);
  return ok;
}

/* Cases, attributes, values and coverage */

gboolean
_cb_store_merge_cases (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  Ours cases, attributes;
  gint64 position;
  gboolean ok = FALSE;

  memset (&attributes, 0, sizeof attributes);
  if (!ours_load (&cases, ours, "SELECT id, uuid, name, memo FROM case_unit", error))
    return FALSE;
  if (!ours_load (&attributes, ours, "SELECT id, uuid, name, type FROM attribute", error))
    goto out;

  for (guint i = 0; i < merge->cases->len; i++)
    {
      Row *row = merge->cases->pdata[i];
      gboolean taken;
      Row *match = ours_match (&cases, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of case “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_CASES]++;
          id_map_set (merge->case_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (_cb_store_merge_take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 3), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE case_unit SET memo = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 3), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }
      name = _cb_store_merge_free_name (cases.by_name, COL_TEXT (row, 2));
      if (taken)
        _cb_store_merge_conflict (merge, CB_MERGE_CASES, _("Case “%s” of “%s” is another case than the one of that name here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, name);
      stmt = cb_store_prepare (ours, "INSERT INTO case_unit (uuid, name, memo) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->case_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (cases.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_CASES]++;
    }

  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM attribute", error)) < 0)
    goto out;
  for (guint i = 0; i < merge->attributes->len; i++)
    {
      Row *row = merge->attributes->pdata[i];
      gboolean taken;
      Row *match = ours_match (&attributes, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL && g_str_equal (COL_TEXT (match, 3), COL_TEXT (row, 3)))
        {
          merge->report->present[CB_MERGE_ATTRIBUTES]++;
          id_map_set (merge->attribute_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          continue;
        }
      /* Another type: its values would not fit ours, so it comes in as an
       * attribute of its own. */
      name = _cb_store_merge_free_name (attributes.by_name, COL_TEXT (row, 2));
      if (match != NULL || taken)
        _cb_store_merge_conflict (merge, CB_MERGE_ATTRIBUTES, _("Attribute “%s” of “%s” is not the one of that name here (type %s); added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, COL_TEXT (row, 3), name);
      stmt = cb_store_prepare (ours, "INSERT INTO attribute (uuid, name, type, position) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      if (match != NULL || g_hash_table_contains (attributes.by_uuid, COL_TEXT (row, 1)))
        {
          g_autofree char *uuid = cb_store_new_uuid (ours);

          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      sqlite3_bind_int64 (stmt, 4, position++);
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->attribute_map, COL_INT (row, 0),
                  ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (attributes.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_ATTRIBUTES]++;
    }

  for (guint i = 0; i < merge->choices->len; i++)
    {
      Row *row = merge->choices->pdata[i];
      gint64 attribute = PTR_TO_ID (id_map_get (merge->attribute_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO attribute_choice (attribute, position, value)"
                                             " SELECT ?1, ifnull (max (position) + 1, 0), ?2 FROM attribute_choice"
                                             " WHERE attribute = ?1"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, attribute);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      if (!run_bound (ours, stmt, error))
        goto out;
    }

  for (guint i = 0; i < merge->values->len; i++)
    {
      Row *row = merge->values->pdata[i];
      gint64 case_id = PTR_TO_ID (id_map_get (merge->case_map, COL_INT (row, 0)));
      gint64 attribute = PTR_TO_ID (id_map_get (merge->attribute_map, COL_INT (row, 1)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT v.value, c.name, a.name FROM case_value v"
                                             " JOIN case_unit c ON c.id = v.case_unit JOIN attribute a ON a.id = v.attribute"
                                             " WHERE v.case_unit = ? AND v.attribute = ?",
                                             error);
      gboolean replace;
      int rc;

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, attribute);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          sqlite3_value *ours_value = sqlite3_column_value (stmt, 0);
          gboolean same = sqlite3_value_type (ours_value) == sqlite3_value_type (COL_VALUE (row, 2)) &&
                          g_strcmp0 ((const char *) sqlite3_value_text (ours_value), COL_TEXT (row, 2)) == 0;

          if (same)
            merge->report->present[CB_MERGE_VALUES]++;
          else
            _cb_store_merge_conflict (merge, CB_MERGE_VALUES, _("Case “%s”, attribute “%s”: “%s” here, “%s” in “%s”; %s"),
                      (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
                      (const char *) sqlite3_value_text (ours_value), COL_TEXT (row, 2), merge->other_name,
                      _cb_store_merge_kept (merge));
          sqlite3_reset (stmt);
          if (same || !merge->prefer_theirs)
            continue;
          replace = TRUE;
        }
      else
        {
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              cb_store_set_error (ours, rc, error);
              goto out;
            }
          replace = FALSE;
          merge->report->added[CB_MERGE_VALUES]++;
        }
      stmt = replace
        ? cb_store_prepare (ours, "UPDATE case_value SET value = ?3 WHERE case_unit = ?1 AND attribute = ?2", error)
        : cb_store_prepare (ours, "INSERT INTO case_value (case_unit, attribute, value) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, attribute);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      if (!run_bound (ours, stmt, error))
        goto out;
    }

  for (guint i = 0; i < merge->coverage->len; i++)
    {
      Row *row = merge->coverage->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO case_coverage (case_unit, document, speaker, start, end)"
                                             " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->case_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 3));
      sqlite3_bind_value (stmt, 5, COL_VALUE (row, 4));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&cases);
  ours_clear (&attributes);
  return ok;
}

/* Document sets */

gboolean
_cb_store_merge_sets (CbStoreMerge  *merge,
            CbStore       *ours,
            GError       **error)
{
  Ours o;
  gint64 position;
  gboolean ok = FALSE;

  if (!ours_load (&o, ours, "SELECT id, uuid, name, memo FROM document_set", error))
    return FALSE;
  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM document_set", error)) < 0)
    goto out;

  for (guint i = 0; i < merge->sets->len; i++)
    {
      Row *row = merge->sets->pdata[i];
      gboolean taken;
      Row *match = ours_match (&o, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of document set “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_DOCUMENT_SETS]++;
          id_map_set (merge->set_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (_cb_store_merge_take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 4), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE document_set SET memo = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 4), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }
      name = _cb_store_merge_free_name (o.by_name, COL_TEXT (row, 2));
      if (taken)
        _cb_store_merge_conflict (merge, CB_MERGE_DOCUMENT_SETS,
                  _("Document set “%s” of “%s” is another set than the one of that name here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, name);
      stmt = cb_store_prepare (ours, "INSERT INTO document_set (uuid, name, position, memo) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, position++);
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 4));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->set_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (o.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_DOCUMENT_SETS]++;
    }

  for (guint i = 0; i < merge->members->len; i++)
    {
      Row *row = merge->members->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO document_set_member (document_set, document) VALUES (?, ?)"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->set_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&o);
  return ok;
}

/* MAG phases and speaker roles */

gboolean
_cb_store_merge_phases_and_roles (CbStoreMerge  *merge,
                        CbStore       *ours,
                        GError       **error)
{
  for (guint i = 0; i < merge->phases->len; i++)
    {
      Row *row = merge->phases->pdata[i];
      Row *document = id_map_get (merge->their_documents, COL_INT (row, 0));
      gint64 id = PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT count (*), count (CASE WHEN name = ?4 AND start = ?2 AND end = ?3"
                                             " THEN 1 END) FROM phase WHERE document = ?1 AND start < ?3 AND end > ?2",
                                             error);
      gint64 overlapping, same;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 3));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 1));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          cb_store_set_error (ours, sqlite3_reset (stmt), error);
          return FALSE;
        }
      overlapping = sqlite3_column_int64 (stmt, 0);
      same = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);

      if (same == 1 && overlapping == 1)
        {
          merge->report->present[CB_MERGE_PHASES]++;
          continue;
        }
      if (overlapping > 0)
        {
          _cb_store_merge_conflict (merge, CB_MERGE_PHASES,
                    _("Phase “%s” (%" PRId64 "–%" PRId64 ") of document “%s” in “%s” overlaps a phase here: not merged"),
                    COL_TEXT (row, 1), COL_INT (row, 2), COL_INT (row, 3), COL_TEXT (document, 2), merge->other_name);
          continue;
        }
      stmt = cb_store_prepare (ours, "INSERT INTO phase (document, name, start, end) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 4, COL_INT (row, 3));
      if (!run_bound (ours, stmt, error))
        return FALSE;
      merge->report->added[CB_MERGE_PHASES]++;
    }

  for (guint i = 0; i < merge->roles->len; i++)
    {
      Row *row = merge->roles->pdata[i];
      Row *document = id_map_get (merge->their_documents, COL_INT (row, 0));
      gint64 id = PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours, "SELECT role FROM speaker_role WHERE document = ? AND speaker = ?", error);
      g_autofree char *role = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          cb_store_set_error (ours, rc, error);
          return FALSE;
        }

      if (role != NULL && g_str_equal (role, COL_TEXT (row, 2)))
        {
          merge->report->present[CB_MERGE_ROLES]++;
          continue;
        }
      if (role != NULL)
        {
          _cb_store_merge_conflict (merge, CB_MERGE_ROLES, _("Speaker “%s” of document “%s”: %s here, %s in “%s”; %s"),
                    COL_TEXT (row, 1), COL_TEXT (document, 2), role, COL_TEXT (row, 2), merge->other_name,
                    _cb_store_merge_kept (merge));
          if (!merge->prefer_theirs)
            continue;
          stmt = cb_store_prepare (ours, "UPDATE speaker_role SET role = ?3 WHERE document = ?1 AND speaker = ?2", error);
        }
      else
        {
          merge->report->added[CB_MERGE_ROLES]++;
          stmt = cb_store_prepare (ours, "INSERT INTO speaker_role (document, speaker, role) VALUES (?1, ?2, ?3)", error);
        }
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      if (!run_bound (ours, stmt, error))
        return FALSE;
    }
  return TRUE;
}
