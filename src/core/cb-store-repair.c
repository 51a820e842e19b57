/* cb-store-repair.c: a copy of a project without schema objects that are not Codeboom's
 *
 * A project whose schema holds a trigger, view, table or index that
 * Codeboom did not write is refused on open (cb-store.c); this makes a
 * fresh copy without them, leaving the original as it is, so that the
 * researcher keeps the data and can inspect the original with other tools.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"

static int
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static int
type_order (const char *type)
{
  /* triggers and views first: they depend on tables; tables last */
  if (g_str_equal (type, "trigger"))
    return 0;
  if (g_str_equal (type, "view"))
    return 1;
  if (g_str_equal (type, "index"))
    return 2;
  return 3;
}

typedef struct
{
  char *type;
  char *name;
  char *row;    /* as in _cb_schema_expected () */
} SchemaObject;

static void
schema_object_free (gpointer data)
{
  SchemaObject *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->row);
  g_free (object);
}

static gint
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  const SchemaObject *x = *(SchemaObject * const *) a;
  const SchemaObject *y = *(SchemaObject * const *) b;

  return type_order (x->type) - type_order (y->type);
}

/* Drops every foreign object of @db (a copy), and rebuilds indexes of ours
 * that are missing or changed; FALSE with @error when a table of ours is
 * missing or changed, which no copy can repair. */
static gboolean
drop_foreign_objects (sqlite3     *db,
                      int          version,
                      const char  *display_name,
                      guint       *n_dropped,
                      GError     **error)
{
  GHashTable *expected = _cb_schema_expected (version);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) foreign = g_ptr_array_new_with_free_func (schema_object_free);
  GHashTableIter iter;
  gpointer row;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, ifnull (sql, '') FROM main.sqlite_schema",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        SchemaObject *object = g_new0 (SchemaObject, 1);
        gpointer own;

        object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        object->row = g_strdup_printf ("%s\t%s\t%s\t%s", object->type, object->name,
                                       sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
        if (g_hash_table_lookup_extended (expected, object->row, &own, NULL))
          {
            g_hash_table_add (seen, own);
            schema_object_free (object);
          }
        else if (g_str_has_prefix (object->name, "sqlite_"))
          schema_object_free (object);     /* SQLite's own (statistics) */
        else
          g_ptr_array_add (foreign, object);
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto damaged;

  g_ptr_array_sort (foreign, compare_objects);
  for (guint i = 0; i < foreign->len; i++)
    {
      SchemaObject *object = foreign->pdata[i];
      g_autofree char *prefix = g_strdup_printf ("%s\t%s\t", object->type, object->name);
      gboolean ours = FALSE;
      char *sql;

      g_hash_table_iter_init (&iter, expected);
      while (!ours && g_hash_table_iter_next (&iter, &row, NULL))
        ours = g_str_has_prefix (row, prefix);
      if (ours && g_str_equal (object->type, "table"))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                       _("Cannot repair “%s”: its table “%s” is not as Codeboom made it; restore a backup"),
                       display_name, object->name);
          return FALSE;
        }

      /* an index or trigger of a dropped table went with it */
      if (g_str_equal (object->type, "index") || g_str_equal (object->type, "trigger"))
        {
          char *exists = sqlite3_mprintf ("SELECT count(*) FROM main.sqlite_schema WHERE name = %Q",
                                          object->name);
          int count = query_int (db, exists);

          sqlite3_free (exists);
          if (count == 0)
            continue;
        }

      sql = sqlite3_mprintf ("DROP %s main.\"%w\"",
                             g_str_equal (object->type, "trigger") ? "TRIGGER" :
                             g_str_equal (object->type, "view") ? "VIEW" :
                             g_str_equal (object->type, "index") ? "INDEX" : "TABLE",
                             object->name);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        goto damaged;
      (*n_dropped)++;
    }

  /* ours, missing or changed (and dropped above): indexes are rebuilt,
   * a missing table cannot be */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      g_auto(GStrv) fields = NULL;

      if (g_hash_table_contains (seen, row))
        continue;
      fields = g_strsplit (row, "\t", 4);
      if (g_str_equal (fields[0], "index") && fields[3][0] != '\0')
        {
          rc = sqlite3_exec (db, fields[3], NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            goto damaged;
        }
      else if (!g_str_has_prefix (fields[1], "sqlite_autoindex_"))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                       _("Cannot repair “%s”: its %s “%s” is missing; restore a backup"),
                       display_name, fields[0], fields[1]);
          return FALSE;
        }
    }

  return TRUE;

damaged:
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
               _("Cannot repair “%s”: %s"), display_name, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
_cb_store_repair_copy (const char  *path,
                       const char  *copy_path,
                       guint       *n_dropped,
                       GError     **error)
{
  g_autofree char *display_name = g_filename_display_name (path);
  g_autofree char *copy_display = g_filename_display_name (copy_path);
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int version;
  int rc;

  *n_dropped = 0;

  if (g_file_test (copy_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot create “%s”: a file of that name already exists"), copy_display);
      return FALSE;
    }

  /* read-write although nothing is written: a read-only connection to a
   * WAL file would leave a -wal and -shm beside the original */
  rc = sqlite3_open_v2 (path, &source, g_access (path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                        NULL);
  if (rc == SQLITE_OK)
    {
      cb_store_harden_connection (source);
      if (query_int (source, "PRAGMA application_id") != CB_PROJECT_APPLICATION_ID)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT,
                       _("“%s” is not a Codeboom project"), display_name);
          sqlite3_close_v2 (source);
          return FALSE;
        }
    }
  version = rc == SQLITE_OK ? query_int (source, "PRAGMA user_version") : -1;
  if (rc == SQLITE_OK && (version < 1 || version > CB_PROJECT_SCHEMA_VERSION))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_TOO_NEW,
                   _("The project “%s” was saved by a newer version of Codeboom (file format %d; this version reads up to %d)"),
                   display_name, version, CB_PROJECT_SCHEMA_VERSION);
      sqlite3_close_v2 (source);
      return FALSE;
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (copy_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      cb_store_harden_connection (dest);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE; BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot repair “%s”: %s"), display_name,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errmsg (source));
      goto failed;
    }

  if (!drop_foreign_objects (dest, version, display_name, n_dropped, error))
    goto failed;
  rc = sqlite3_exec (dest, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot repair “%s”: %s"), display_name, sqlite3_errmsg (dest));
      goto failed;
    }

  sqlite3_close_v2 (dest);
  sqlite3_close_v2 (source);
  return TRUE;

failed:
  if (dest != NULL)
    sqlite3_close_v2 (dest);
  sqlite3_close_v2 (source);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-journal", "-wal" };
      g_autofree char *file = g_strconcat (copy_path, suffixes[i], NULL);

      g_remove (file);
    }
  return FALSE;
}
