/* cb-store-cases.c: the SQL of cases, attributes, values and coverage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-analysis.h"
#include "cb-store-cases.h"

/* Runs one statement of @sql that sets a name: @name bound to the first
 * parameter, @id to the second. */
static gboolean
rename_row (CbStore     *self,
            const char  *sql,
            gint64       id,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return cb_store_step_done (self, stmt, error);
}

/* Runs one statement of @sql with @id bound to its only parameter. */
static gboolean
run_with_id (CbStore     *self,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

/* A case's coverage as spans: a whole document is [0, n_chars), a
 * speaker's coverage the speaker's turns as they are now (matched by name,
 * so that detecting the turns again keeps it in step).  CROSS JOIN fixes
 * the order: turn has no index on speaker, and scanning every turn of the
 * project costs more than the rest of a filtered retrieval. */
#define EFFECTIVE_COVERAGE \
  "SELECT c.case_unit AS case_unit, c.document AS document, 0 AS start, d.n_chars AS end" \
  "  FROM case_coverage c JOIN document d ON d.id = c.document" \
  "  WHERE c.speaker IS NULL AND c.start IS NULL" \
  " UNION ALL SELECT c.case_unit, c.document, c.start, c.end" \
  "  FROM case_coverage c WHERE c.start IS NOT NULL" \
  " UNION ALL SELECT c.case_unit, c.document, t.start, t.end" \
  "  FROM case_coverage c CROSS JOIN speaker s ON s.document = c.document AND s.name = c.speaker" \
  "  CROSS JOIN turn t ON t.document = c.document AND t.speaker = s.id WHERE c.speaker IS NOT NULL"

static gint64
step_insert (CbStore       *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  if (!cb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

/* A stored value as text: numbers shortest, everything else as stored. */
static char *
column_value_text (sqlite3_stmt *stmt,
                   int           column)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", sqlite3_column_double (stmt, column)));
    case SQLITE_NULL:
      return g_strdup ("");
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, column));
    }
}

/* Binds @value of @type: numbers as numbers (integers when integral). */
static void
bind_value (sqlite3_stmt    *stmt,
            int              index,
            CbAttributeType  type,
            const char      *value)
{
  if (type == CB_ATTRIBUTE_NUMBER)
    {
      double number = g_ascii_strtod (value, NULL);

      if (number == (double) (gint64) number && number > -9e15 && number < 9e15)
        sqlite3_bind_int64 (stmt, index, (gint64) number);
      else
        sqlite3_bind_double (stmt, index, number);
    }
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

gint64
_cb_store_find_case (CbStore     *self,
                     const char  *name,
                     GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM case_unit WHERE name = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gint64
_cb_store_insert_case (CbStore     *self,
                       const char  *uuid,
                       const char  *name,
                       GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "INSERT INTO case_unit (uuid, name) VALUES (?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return step_insert (self, stmt, error);
}

char *
_cb_store_dup_case_name (CbStore  *self,
                         gint64    id)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT name FROM case_unit WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

gboolean
_cb_store_rename_case (CbStore     *self,
                       gint64       id,
                       const char  *name,
                       GError     **error)
{
  return rename_row (self, "UPDATE case_unit SET name = ? WHERE id = ?", id, name, error);
}

/* The rows that refer to it go explicitly, before it: the journal records
 * each, so that undo brings them back. */
gboolean
_cb_store_delete_case (CbStore     *self,
                       gint64       id,
                       GError     **error)
{
  if (!run_with_id (self, "DELETE FROM case_coverage WHERE case_unit = ?", id, error))
    return FALSE;
  if (!run_with_id (self, "DELETE FROM case_value WHERE case_unit = ?", id, error))
    return FALSE;
  return run_with_id (self, "DELETE FROM case_unit WHERE id = ?", id, error);
}

gint64
_cb_store_find_attribute (CbStore          *self,
                          const char       *name,
                          CbAttributeType  *type,
                          GError          **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, type FROM attribute WHERE name = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (type != NULL && !cb_attribute_type_from_string ((const char *) sqlite3_column_text (stmt, 1), type))
        *type = CB_ATTRIBUTE_TEXT;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return -1;
    }
  return id;
}

gint64
_cb_store_insert_attribute (CbStore             *self,
                            const char          *uuid,
                            const char          *name,
                            CbAttributeType      type,
                            const char * const  *choices,
                            GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = cb_store_prepare (self,
                           "INSERT INTO attribute (uuid, name, type, position)"
                           " VALUES (?, ?, ?, (SELECT ifnull (max (position) + 1, 0) FROM attribute))",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cb_attribute_type_to_string (type), -1, SQLITE_STATIC);
  if (!(id = step_insert (self, stmt, error)))
    return 0;

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      stmt = cb_store_prepare (self, "INSERT INTO attribute_choice (attribute, position, value) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, choices[i], -1, SQLITE_TRANSIENT);
      if (!cb_store_step_done (self, stmt, error))
        return 0;
    }
  return id;
}

gboolean
_cb_store_rename_attribute (CbStore     *self,
                            gint64       id,
                            const char  *name,
                            GError     **error)
{
  return rename_row (self, "UPDATE attribute SET name = ? WHERE id = ?", id, name, error);
}

gboolean
_cb_store_delete_attribute (CbStore     *self,
                            gint64       id,
                            GError     **error)
{
  if (!run_with_id (self, "DELETE FROM case_value WHERE attribute = ?", id, error))
    return FALSE;
  if (!run_with_id (self, "DELETE FROM attribute_choice WHERE attribute = ?", id, error))
    return FALSE;
  return run_with_id (self, "DELETE FROM attribute WHERE id = ?", id, error);
}

int
_cb_store_has_choice (CbStore     *self,
                      gint64       id,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT count(*) FROM attribute_choice WHERE attribute = ? AND value = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return (int) MIN (cb_store_query_int64 (self, stmt, 0, error), 1);
}

gboolean
_cb_store_set_case_value (CbStore          *self,
                          gint64            case_id,
                          gint64            attribute_id,
                          CbAttributeType   type,
                          const char       *value,
                          GError          **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    {
      stmt = cb_store_prepare (self, "DELETE FROM case_value WHERE case_unit = ? AND attribute = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, attribute_id);
      return cb_store_step_done (self, stmt, error);
    }

  /* an update when there is a value (one journal entry, the row kept) */
  stmt = cb_store_prepare (self, "UPDATE case_value SET value = ? WHERE case_unit = ? AND attribute = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_value (stmt, 1, type, value);
  sqlite3_bind_int64 (stmt, 2, case_id);
  sqlite3_bind_int64 (stmt, 3, attribute_id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (cb_store_get_db (self)) > 0)
    return TRUE;

  stmt = cb_store_prepare (self, "INSERT INTO case_value (case_unit, attribute, value) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, attribute_id);
  bind_value (stmt, 3, type, value);
  return cb_store_step_done (self, stmt, error);
}

static void
bind_coverage (sqlite3_stmt *stmt,
               gint64        case_id,
               gint64        document_id,
               const char   *speaker,
               gint64        start,
               gint64        end)
{
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (speaker != NULL)
    sqlite3_bind_text (stmt, 3, speaker, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  if (start >= 0)
    {
      sqlite3_bind_int64 (stmt, 4, start);
      sqlite3_bind_int64 (stmt, 5, end);
    }
  else
    {
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_null (stmt, 5);
    }
}

gint64
_cb_store_insert_coverage (CbStore     *self,
                           gint64       case_id,
                           gint64       document_id,
                           const char  *speaker,
                           gint64       start,
                           gint64       end,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "INSERT OR IGNORE INTO case_coverage (case_unit, document, speaker, start, end)"
                           " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  bind_coverage (stmt, case_id, document_id, speaker, start, end);
  if (!cb_store_step_done (self, stmt, error))
    return -1;
  if (sqlite3_changes (cb_store_get_db (self)) == 0)
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gint64
_cb_store_delete_coverage (CbStore     *self,
                           gint64       case_id,
                           gint64       document_id,
                           const char  *speaker,
                           gint64       start,
                           gint64       end,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "DELETE FROM case_coverage WHERE case_unit = ?1 AND document = ?2"
                           " AND speaker IS ?3 AND start IS ?4 AND end IS ?5", error);
  if (stmt == NULL)
    return -1;
  bind_coverage (stmt, case_id, document_id, speaker, start, end);
  if (!cb_store_step_done (self, stmt, error))
    return -1;
  return sqlite3_changes (cb_store_get_db (self));
}

gboolean
_cb_store_rename_coverage_speaker (CbStore     *self,
                                   gint64       document_id,
                                   const char  *name,
                                   const char  *new_name,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  /* into a name a case already covers: that coverage stays, once */
  if (!(stmt = cb_store_prepare (self,
                                 "UPDATE OR IGNORE case_coverage SET speaker = ?3"
                                 " WHERE document = ?1 AND speaker = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, new_name, -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = cb_store_prepare (self, "DELETE FROM case_coverage WHERE document = ?1 AND speaker = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (self, stmt, error);
}

GPtrArray *
_cb_store_list_attributes (CbStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_attribute_info_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self, "SELECT id, uuid, name, type FROM attribute ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAttributeInfo *info = g_new0 (CbAttributeInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (!cb_attribute_type_from_string ((const char *) sqlite3_column_text (stmt, 3), &info->type))
        info->type = CB_ATTRIBUTE_TEXT;
      g_ptr_array_add (attributes, info);
      g_hash_table_insert (by_id, &info->id, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  stmt = cb_store_prepare (self, "SELECT attribute, value FROM attribute_choice ORDER BY attribute, position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CbAttributeInfo *info = g_hash_table_lookup (by_id, &id);
      GPtrArray *list;

      if (info == NULL)
        continue;
      if (!(list = g_hash_table_lookup (choices, &info->id)))
        g_hash_table_insert (choices, &info->id, list = g_ptr_array_new ());
      g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < attributes->len; i++)
    {
      CbAttributeInfo *info = attributes->pdata[i];
      GPtrArray *list = g_hash_table_lookup (choices, &info->id);

      if (info->type != CB_ATTRIBUTE_CHOICE)
        continue;
      if (list == NULL)
        info->choices = g_new0 (char *, 1);
      else
        {
          g_ptr_array_add (list, NULL);
          info->choices = (char **) g_ptr_array_steal (list, NULL);
        }
    }
  /* the strings of lists not stolen (choices of a non-choice attribute) */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, choices);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
        g_free (((GPtrArray *) value)->pdata[i]);
  }

  return g_steal_pointer (&attributes);
}

GPtrArray *
_cb_store_list_cases (CbStore     *self,
                      GPtrArray   *attributes,
                      GHashTable  *only,
                      GError     **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_case_info_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) column = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < attributes->len; i++)
    g_hash_table_insert (column, &((CbAttributeInfo *) attributes->pdata[i])->id, GUINT_TO_POINTER (i + 1));

  stmt = cb_store_prepare (self,
                           "WITH cov AS (" EFFECTIVE_COVERAGE ")"
                           " SELECT k.id, k.uuid, k.name,"
                           "  (SELECT count (DISTINCT c.document) FROM case_coverage c WHERE c.case_unit = k.id),"
                           "  (SELECT total (cov.end - cov.start) FROM cov WHERE cov.case_unit = k.id),"
                           "  (SELECT count (DISTINCT g.id) FROM cov JOIN coding g ON g.document = cov.document"
                           "     AND g.start < cov.end AND g.end > cov.start WHERE cov.case_unit = k.id)"
                           " FROM case_unit k ORDER BY k.name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CbCaseInfo *info;

      if (only != NULL && !g_hash_table_contains (only, &id))
        continue;
      info = g_new0 (CbCaseInfo, 1);
      info->id = id;
      info->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->n_documents = sqlite3_column_int64 (stmt, 3);
      info->n_chars = (gint64) sqlite3_column_double (stmt, 4);
      info->n_codings = sqlite3_column_int64 (stmt, 5);
      info->values = g_new0 (char *, attributes->len + 1);
      for (guint i = 0; i < attributes->len; i++)
        info->values[i] = g_strdup ("");
      g_ptr_array_add (cases, info);
      g_hash_table_insert (by_id, &info->id, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  stmt = cb_store_prepare (self, "SELECT case_unit, attribute, value FROM case_value", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      gint64 attribute_id = sqlite3_column_int64 (stmt, 1);
      CbCaseInfo *info = g_hash_table_lookup (by_id, &case_id);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (column, &attribute_id));

      if (info == NULL || index == 0)
        continue;
      g_free (info->values[index - 1]);
      info->values[index - 1] = column_value_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&cases);
}

static GHashTable *
collect_ids (CbStore       *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GHashTable) set = new_id_set ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id_set_add (set, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

GHashTable *
_cb_store_cases_comparing (CbStore          *self,
                           gint64            attribute_id,
                           CbAttributeType   type,
                           const char       *op,
                           const char       *value,
                           GError          **error)
{
  sqlite3_stmt *stmt;

  /* one literal per operator: the statement cache is keyed by the text's
   * address */
  if (g_str_equal (op, "="))
    stmt = cb_store_prepare (self, "SELECT case_unit FROM case_value WHERE attribute = ? AND value = ?", error);
  else if (g_str_equal (op, "!="))
    stmt = cb_store_prepare (self, "SELECT case_unit FROM case_value WHERE attribute = ? AND value <> ?", error);
  else if (g_str_equal (op, "<"))
    stmt = cb_store_prepare (self, "SELECT case_unit FROM case_value WHERE attribute = ? AND value < ?", error);
  else if (g_str_equal (op, ">"))
    stmt = cb_store_prepare (self, "SELECT case_unit FROM case_value WHERE attribute = ? AND value > ?", error);
  else
    g_return_val_if_reached (NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, attribute_id);
  bind_value (stmt, 2, type, value);
  return collect_ids (self, stmt, error);
}

GHashTable *
_cb_store_case_value_texts (CbStore     *self,
                            gint64       attribute_id,
                            GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT case_unit, value FROM case_value WHERE attribute = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attribute_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (values, g_memdup2 (&id, sizeof id), column_value_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

GHashTable *
_cb_store_all_case_ids (CbStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM case_unit", error);

  if (stmt == NULL)
    return NULL;
  return collect_ids (self, stmt, error);
}

/* Temp tables live on this connection only, outside the project file; a
 * rollback may take them, so every use makes sure they are there. */
static gboolean
ensure_temp_tables (CbStore  *self,
                    GError  **error)
{
  return cb_store_exec (self,
                        "CREATE TEMP TABLE IF NOT EXISTS cb_case_pass (id INTEGER PRIMARY KEY);"
                        "CREATE TEMP TABLE IF NOT EXISTS cb_case_span (document INTEGER, start INTEGER, end INTEGER);"
                        "CREATE INDEX IF NOT EXISTS temp.cb_case_span_document ON cb_case_span (document, start);",
                        error);
}

gboolean
_cb_store_fill_case_spans (CbStore     *self,
                           GHashTable  *case_ids,
                           GError     **error)
{
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;

  if (!ensure_temp_tables (self, error) ||
      !cb_store_exec (self, "DELETE FROM temp.cb_case_pass; DELETE FROM temp.cb_case_span;", error))
    return FALSE;

  g_hash_table_iter_init (&iter, case_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!(stmt = cb_store_prepare (self, "INSERT INTO temp.cb_case_pass (id) VALUES (?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = cb_store_prepare (self,
                                 "INSERT INTO temp.cb_case_span (document, start, end)"
                                 " SELECT cov.document, cov.start, cov.end FROM (" EFFECTIVE_COVERAGE ") cov"
                                 " WHERE cov.case_unit IN (SELECT id FROM temp.cb_case_pass)",
                                 error)))
    return FALSE;
  return cb_store_step_done (self, stmt, error);
}

GArray *
_cb_store_list_case_spans (CbStore  *self,
                           GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  sqlite3_stmt *stmt;
  int rc;

  if (!ensure_temp_tables (self, error) ||
      !(stmt = cb_store_prepare (self,
                                 "SELECT document, start, end FROM temp.cb_case_span ORDER BY document, start",
                                 error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreCoverage span = {
        0, sqlite3_column_int64 (stmt, 0), FALSE,
        sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

GArray *
_cb_store_document_case_spans (CbStore  *self,
                               gint64    document_id,
                               GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT cov.case_unit, cov.start, cov.end FROM (" EFFECTIVE_COVERAGE ") cov"
                           " JOIN case_unit k ON k.id = cov.case_unit"
                           " WHERE cov.document = ? ORDER BY k.name, cov.start",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreCoverage span = {
        sqlite3_column_int64 (stmt, 0), document_id, FALSE,
        sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

gint64
_cb_store_span_case (CbStore     *self,
                     gint64       document_id,
                     gint64       start,
                     gint64       end,
                     gint64       attribute_id,
                     char       **name,
                     char       **value,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT k.id, k.name, v.value FROM case_unit k"
                           " LEFT JOIN case_value v ON v.case_unit = k.id AND v.attribute = ?4"
                           " WHERE EXISTS (SELECT 1 FROM (" EFFECTIVE_COVERAGE ") cov"
                           "  WHERE cov.case_unit = k.id AND cov.document = ?1"
                           "  AND cov.start < max (?3, ?2 + 1) AND cov.end > ?2)"
                           " ORDER BY k.name LIMIT 1",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, attribute_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (name != NULL)
        *name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (value != NULL)
        *value = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL : column_value_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return -1;
    }
  return id;
}

GArray *
_cb_store_list_coverage (CbStore  *self,
                         GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  sqlite3_stmt *stmt;
  int rc;

  /* whole documents as such (a SourceRef), everything else as spans */
  stmt = cb_store_prepare (self,
                           "SELECT c.case_unit, c.document, 1, 0, 0 FROM case_coverage c"
                           "  WHERE c.speaker IS NULL AND c.start IS NULL"
                           " UNION SELECT c.case_unit, c.document, 0, c.start, c.end FROM case_coverage c"
                           "  WHERE c.start IS NOT NULL"
                           " UNION SELECT c.case_unit, c.document, 0, t.start, t.end FROM case_coverage c"
                           "  CROSS JOIN speaker s ON s.document = c.document AND s.name = c.speaker"
                           "  CROSS JOIN turn t ON t.document = c.document AND t.speaker = s.id"
                           "  WHERE c.speaker IS NOT NULL"
                           " ORDER BY 1, 2, 4, 5",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreCoverage row = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2) != 0,
        sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)
      };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
check_rows (CbStore     *self,
            GPtrArray   *problems,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) row = g_string_new (what);
      int n = sqlite3_column_count (stmt);

      for (int c = 0; c < n; c++)
        g_string_append_printf (row, "%s%s", c == 0 ? ": " : ", ",
                                (const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (problems, g_string_free (g_steal_pointer (&row), FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_check_cases (CbStore    *self,
                       GPtrArray  *problems,
                       GError    **error)
{
  return
    check_rows (self, problems,
                "SELECT k.name, d.name, c.start, c.end, d.n_chars FROM case_coverage c"
                " JOIN case_unit k ON k.id = c.case_unit JOIN document d ON d.id = c.document"
                " WHERE c.end > d.n_chars",
                "case coverage outside its document's text (case, document, start, end, characters)", error) &&
    check_rows (self, problems,
                "SELECT id, quote (name) FROM case_unit WHERE name <> trim (name) OR name = ''"
                " OR instr (name, char (10)) > 0",
                "case with an invalid name (id, name)", error) &&
    check_rows (self, problems,
                "SELECT id, quote (name) FROM attribute WHERE name <> trim (name) OR name = ''"
                " OR instr (name, char (10)) > 0 OR lower (name) = 'case'",
                "attribute with an invalid name (id, name)", error) &&
    check_rows (self, problems,
                "SELECT a.name, c.value FROM attribute_choice c JOIN attribute a ON a.id = c.attribute"
                " WHERE a.type <> 'choice'",
                "choice of an attribute that is not a choice (attribute, value)", error) &&
    check_rows (self, problems,
                "SELECT k.name, a.name, a.type, quote (v.value) FROM case_value v"
                " JOIN case_unit k ON k.id = v.case_unit JOIN attribute a ON a.id = v.attribute"
                " WHERE (a.type = 'number' AND typeof (v.value) NOT IN ('integer', 'real'))"
                "  OR (a.type = 'text' AND (typeof (v.value) <> 'text' OR v.value = ''))"
                "  OR (a.type = 'boolean' AND (typeof (v.value) <> 'text' OR v.value NOT IN ('yes', 'no')))"
                "  OR (a.type = 'date' AND (typeof (v.value) <> 'text' OR length (v.value) <> 10"
                "      OR v.value NOT GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'))"
                "  OR (a.type = 'choice' AND NOT EXISTS (SELECT 1 FROM attribute_choice c"
                "      WHERE c.attribute = a.id AND c.value = v.value))",
                "case value not valid for its attribute (case, attribute, type, value)", error);
}

/* For the analysis (cb-analysis.c): every case's coverage as spans, in the
 * order its sweep walks the codings. */
GArray *
_cb_store_analysis_coverage (CbStore  *self,
                             GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbAnalysisCoverage));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT cov.case_unit, cov.document, cov.start, cov.end FROM (" EFFECTIVE_COVERAGE ") cov"
                           " ORDER BY cov.document, cov.start",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAnalysisCoverage span = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3)
      };

      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}
