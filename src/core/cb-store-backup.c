/* cb-store-backup.c: copying a project to and from a backup file
 *
 * Both directions use SQLite's online backup API: it copies a consistent
 * snapshot page by page and, into a live project, replaces its content in
 * one write transaction, so that other connections (the app, another CLI)
 * see either the old project or the restored one, never a mixture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-backup.h"
#include "cb-vfs.h"

static void
set_backup_error (const char  *path,
                  int          rc,
                  const char  *detail,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FULL,
                   _("Cannot write the backup “%s”: the disk is full"), display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_READ_ONLY,
                   _("Cannot write the backup “%s”: the folder is read-only or cannot be written (%s)"),
                   display, detail);
      break;

    default:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot write the backup “%s” (%s)"), display, detail);
      break;
    }
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Copies every page of @source (in one step: one read snapshot) into a new
 * file at @dest_path, which ends up a standalone rollback-journal database. */
static gboolean
copy_database (sqlite3     *source,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  cb_store_harden_connection (dest);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto failed;
    }
  /* All pages in one step: one read snapshot of the project. */
  rc = sqlite3_backup_step (backup, -1);
  if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
    rc = sqlite3_errcode (dest);
  if (rc != SQLITE_DONE)
    goto failed;

  /* The copy says "WAL" in its header, like the project; a backup is one
   * standalone file, so switch it to a rollback journal (this rewrites the
   * header and syncs). */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  set_backup_error (dest_path, rc,
                    dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc), error);
  if (dest != NULL)
    sqlite3_close_v2 (dest);
  remove_database_files (dest_path);
  return FALSE;
}

gboolean
_cb_store_backup_to (CbStore     *self,
                     const char  *dest_path,
                     GError     **error)
{
  g_return_val_if_fail (!cb_store_in_transaction (self), FALSE);

  return copy_database (cb_store_get_db (self), dest_path, error);
}

/* A connection of its own to the store's file, holding a read transaction:
 * the file as it was when the source was made, whatever the store writes
 * afterwards (WAL readers see their snapshot).  Connections of the process
 * share their locks (cb-vfs.c), so closing it costs the store nothing. */
struct _CbStoreBackupSource
{
  sqlite3 *db;
  char    *path;
};

CbStoreBackupSource *
_cb_store_backup_source_new (CbStore  *self,
                             GError  **error)
{
  g_autoptr(CbStoreBackupSource) source = g_new0 (CbStoreBackupSource, 1);
  int rc;

  g_return_val_if_fail (!cb_store_in_transaction (self), NULL);

  source->path = g_strdup (cb_store_get_path (self));
  rc = sqlite3_open_v2 (source->path, &source->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      cb_store_harden_connection (source->db);
      sqlite3_busy_timeout (source->db, 5000);
      /* reading a page starts the read transaction: the snapshot is now */
      rc = sqlite3_exec (source->db, "BEGIN; SELECT count(*) FROM project", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (source->path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO, _("Cannot read “%s”: %s"),
                   display, source->db != NULL ? sqlite3_errmsg (source->db) : sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&source);
}

gboolean
_cb_store_backup_source_copy_to (CbStoreBackupSource  *source,
                                 const char           *dest_path,
                                 GError              **error)
{
  return copy_database (source->db, dest_path, error);
}

void
_cb_store_backup_source_free (CbStoreBackupSource *source)
{
  if (source == NULL)
    return;
  if (source->db != NULL)
    {
      sqlite3_exec (source->db, "COMMIT", NULL, NULL, NULL);
      sqlite3_close_v2 (source->db);
    }
  g_free (source->path);
  g_free (source);
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Opens @path read-only, checks it, and returns the connection. */
static sqlite3 *
open_backup (const char  *path,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int application_id = 0;
  int version = 0;
  int rc;

  cb_vfs_install ();
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    cb_store_harden_connection (db);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);

  if ((rc & 0xff) == SQLITE_NOTADB ||
      (rc == SQLITE_OK && (application_id != CB_PROJECT_APPLICATION_ID || version < 1)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT,
                   _("The backup “%s” is not a Codeboom project"), display);
      goto failed;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                   _("Cannot read the backup “%s” (%s)"), display, sqlite3_errmsg (db));
      goto failed;
    }
  if (version > CB_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_TOO_NEW,
                   _("The backup “%s” was saved by a newer version of Codeboom (file format %d; this version reads up to %d)"),
                   display, version, CB_PROJECT_SCHEMA_VERSION);
      goto failed;
    }

  /* quick_check reads every page: a damaged backup must not replace a
   * project. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
        rc = SQLITE_OK;
      else if (rc == SQLITE_ROW)
        rc = SQLITE_CORRUPT;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                   _("The backup “%s” is damaged (%s)"), display,
                   stmt != NULL && sqlite3_column_text (stmt, 0) != NULL
                   ? (const char *) sqlite3_column_text (stmt, 0) : sqlite3_errmsg (db));
      goto failed;
    }
  sqlite3_finalize (stmt);

  return db;

failed:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return NULL;
}

gboolean
_cb_store_check_backup (const char  *path,
                        GError     **error)
{
  sqlite3 *db = open_backup (path, error);

  if (db == NULL)
    return FALSE;
  sqlite3_close_v2 (db);
  return TRUE;
}

gboolean
_cb_store_restore_from (CbStore     *self,
                        const char  *backup_path,
                        GError     **error)
{
  sqlite3 *source;
  sqlite3 *db = cb_store_get_db (self);
  sqlite3_backup *backup;
  int version = 0;
  int rc;

  g_return_val_if_fail (!cb_store_in_transaction (self), FALSE);

  if (!(source = open_backup (backup_path, error)))
    return FALSE;

  backup = sqlite3_backup_init (db, "main", source, "main");
  if (backup == NULL)
    {
      cb_store_set_error (self, sqlite3_errcode (db), error);
      sqlite3_close_v2 (source);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  sqlite3_close_v2 (source);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  /* An older backup is brought up to date like an older project on open. */
  if (query_int (db, "PRAGMA user_version", &version) == SQLITE_OK &&
      version < CB_PROJECT_SCHEMA_VERSION)
    {
      if (!cb_store_begin (self, NULL, error))
        return FALSE;
      if (!_cb_schema_migrate (self, version, error))
        {
          cb_store_rollback (self);
          return FALSE;
        }
      return cb_store_commit (self, error);
    }

  return TRUE;
}

/* Small values are gathered and hashed in large blocks: a checksum
 * update a value costs more than the hashing itself. */
typedef struct
{
  GChecksum  *checksum;
  GByteArray *pending;
} Digest;

static void
digest_add (Digest        *digest,
            gconstpointer  data,
            gsize          length)
{
  if (digest->pending->len + length > 65536)
    {
      g_checksum_update (digest->checksum, digest->pending->data, digest->pending->len);
      g_byte_array_set_size (digest->pending, 0);
      if (length > 65536)
        {
          g_checksum_update (digest->checksum, data, length);
          return;
        }
    }
  g_byte_array_append (digest->pending, data, length);
}

static int
checksum_table (sqlite3     *db,
                const char  *table,
                Digest      *checksum)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) key = g_string_new (NULL);
  char *text = sqlite3_mprintf ("PRAGMA table_info(\"%w\")", table);
  sqlite3_stmt *stmt = NULL;
  int n_columns = 0;
  int rc;

  digest_add (checksum, table, strlen (table) + 1);

  rc = sqlite3_prepare_v2 (db, text, -1, &stmt, NULL);
  sqlite3_free (text);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *column = (const char *) sqlite3_column_text (stmt, 1);
        const char *type = (const char *) sqlite3_column_text (stmt, 2);

        /* the primary key orders a WITHOUT ROWID table (in key order
         * when it is a single column, the usual case here) */
        if (sqlite3_column_int (stmt, 5) > 0)
          {
            text = sqlite3_mprintf ("%s\"%w\"", key->len > 0 ? ", " : "", column);
            g_string_append (key, text);
            sqlite3_free (text);
          }

        /* SQLite counts a text's characters to give its length, so
         * reading the stored text cannot be avoided that way: its
         * n_chars and source_sha256 stand for it. */
        if (g_str_equal (table, "document") && g_strcmp0 (column, "text") == 0)
          continue;
        text = sqlite3_mprintf (g_ascii_strcasecmp (type ? type : "", "BLOB") == 0
                                ? "%slength(\"%w\")" : "%s\"%w\"",
                                n_columns > 0 ? ", " : "", column);
        g_string_append (sql, text);
        sqlite3_free (text);
        n_columns++;
      }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    return rc;
  if (n_columns == 0)
    return SQLITE_OK;

  /* the revision token stands for the content; it is not content */
  text = sqlite3_mprintf (g_str_equal (table, "project_setting")
                          ? " FROM \"%w\" WHERE key <> '" CB_STORE_REVISION_KEY "' ORDER BY "
                          : " FROM \"%w\" ORDER BY ", table);
  g_string_append (sql, text);
  sqlite3_free (text);

  /* rowid, unless the table has none (journal_value) */
  g_string_append (sql, "rowid");
  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK && key->len > 0)
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
      g_string_truncate (sql, sql->len - strlen ("rowid"));
      g_string_append (sql, key->str);
      rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      for (int i = 0; i < n_columns; i++)
        {
          guchar type = (guchar) sqlite3_column_type (stmt, i);
          gint64 n;
          double d;

          digest_add (checksum, &type, 1);
          switch (type)
            {
            case SQLITE_INTEGER:
              n = GINT64_TO_LE (sqlite3_column_int64 (stmt, i));
              digest_add (checksum, &n, sizeof n);
              break;
            case SQLITE_FLOAT:
              d = sqlite3_column_double (stmt, i);
              digest_add (checksum, &d, sizeof d);
              break;
            case SQLITE_TEXT:
            case SQLITE_BLOB:
              n = sqlite3_column_bytes (stmt, i);
              digest_add (checksum, sqlite3_column_blob (stmt, i), n);
              n = GINT64_TO_LE (n);
              digest_add (checksum, &n, sizeof n);
              break;
            default:
              break;
            }
        }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Adds @db's content to @checksum: every table but the derived search
 * data (document_folded, rebuilt on demand) and SQLite's own, in name
 * order, every row in rowid order, every value with its type.  Columns
 * declared BLOB are taken by their length only, and a document's text
 * not at all: they are derived indexes, the imported originals and the
 * text decoded from them, all set once when a document is imported and
 * never updated (a new import is a new row with a new uuid), and reading
 * them would hash megabytes for nothing. */
static int
checksum_content (sqlite3    *db,
                  Digest     *checksum)
{
  sqlite3_stmt *tables = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                           " AND name <> 'document_folded' ORDER BY name",
                           -1, &tables, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
      if ((rc = checksum_table (db, (const char *) sqlite3_column_text (tables, 0), checksum)) != SQLITE_OK)
        break;
  sqlite3_finalize (tables);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static char *
fingerprint (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GByteArray) pending = g_byte_array_sized_new (65536);
  Digest digest = { checksum, pending };
  int version = 0;
  int rc;

  rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    {
      gint32 le = GINT32_TO_LE (version);

      digest_add (&digest, &le, sizeof le);
      rc = checksum_content (db, &digest);
      g_checksum_update (checksum, pending->data, pending->len);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot read “%s”: %s"), display, sqlite3_errmsg (db));
      return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

char *
_cb_store_fingerprint (CbStore  *self,
                       GError  **error)
{
  sqlite3 *db = cb_store_get_db (self);
  char *result;

  g_return_val_if_fail (!cb_store_in_transaction (self), NULL);

  /* One read transaction: one consistent state, even while another
   * process writes. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return fingerprint (db, cb_store_get_path (self), error);
  result = fingerprint (db, cb_store_get_path (self), error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return result;
}

char *
_cb_store_fingerprint_file (const char  *path,
                            GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, error);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  char *result = NULL;
  int rc;

  if (file_uri == NULL)
    return NULL;
  /* Read-only and immutable: a backup is never written after it is made,
   * and nothing (no journal, no lock file) is created beside it. */
  uri = g_strconcat (file_uri, "?immutable=1", NULL);
  /* One thread uses it: without SQLite's mutexes, which every column read
   * would otherwise take and release (a fifth of reading a big project). */
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    result = fingerprint (db, path, error);
  else
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot read “%s”: %s"), display, sqlite3_errstr (rc));
    }
  sqlite3_close_v2 (db);
  return result;
}

/* "VERSION:TOKEN", or NULL when @db has no revision token */
static char *
read_revision (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int version = 0;

  if (query_int (db, "PRAGMA user_version", &version) != SQLITE_OK || version < 4)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT value FROM project_setting WHERE key = '" CB_STORE_REVISION_KEY "'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    result = g_strdup_printf ("%d:%s", version, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

char *
_cb_store_revision (CbStore *self)
{
  g_return_val_if_fail (!cb_store_in_transaction (self), NULL);

  return read_revision (cb_store_get_db (self));
}

char *
_cb_store_revision_file (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  char *result = NULL;

  if (file_uri == NULL)
    return NULL;
  /* as _cb_store_fingerprint_file(): a backup is never written */
  uri = g_strconcat (file_uri, "?immutable=1", NULL);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    result = read_revision (db);
  sqlite3_close_v2 (db);
  return result;
}

char *
_cb_store_backup_source_revision (CbStoreBackupSource *source)
{
  return read_revision (source->db);
}

char *
_cb_store_backup_source_fingerprint (CbStoreBackupSource  *source,
                                     GError              **error)
{
  /* already inside its read transaction */
  return fingerprint (source->db, source->path, error);
}
