/* cb-store.c: the SQLite connection of a project, its transactions and hardening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"
#include "cb-store-internal.h"
#include "cb-vfs.h"

/* How long a writer waits for another process to finish, in ms. */
#define BUSY_TIMEOUT_MS 5000


const char *
cb_store_get_path (CbStore *self)
{
  return self->path;
}

const char *
cb_store_get_display_name (CbStore *self)
{
  return self->display_name;
}

sqlite3 *
cb_store_get_db (CbStore *self)
{
  return self->db;
}

void
cb_store_set_error (CbStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int system_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

  /* SQLite reports a full disk as SQLITE_FULL only for some writes; the
   * -shm and others come back as a generic I/O error with ENOSPC. */
  if ((rc & 0xff) == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EDQUOT))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_BUSY,
                   _("The project “%s” is busy: another program is writing to it; try again in a moment"),
                   self->display_name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_READ_ONLY,
                   _("The project “%s” cannot be changed: the file or its folder is read-only"),
                   self->display_name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                   _("The project “%s” is damaged (%s)"), self->display_name, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FULL,
                   _("The project “%s” cannot be saved: the disk is full"), self->display_name);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The change would break the project “%s” (%s)"), self->display_name, detail);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot open the project “%s” (%s)"), self->display_name, detail);
      break;

    default:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot read or write the project “%s” (%s)"), self->display_name, detail);
      break;
    }
}

sqlite3_stmt *
cb_store_prepare (CbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
cb_store_step_done (CbStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
cb_store_query_int64 (CbStore       *self,
                      sqlite3_stmt  *stmt,
                      gint64         if_none,
                      GError       **error)
{
  gint64 value = if_none;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return -1;
    }
  return value;
}

gboolean
cb_store_exec (CbStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static int
query_int (CbStore    *self,
           const char *sql,
           int         fallback)
{
  sqlite3_stmt *stmt = NULL;
  int value = fallback;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

int
cb_store_get_user_version (CbStore *self)
{
  return query_int (self, "PRAGMA user_version", -1);
}

guint64
cb_store_get_data_version (CbStore *self)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version;

  if (stmt == NULL)
    return 0;
  version = cb_store_query_int64 (self, stmt, 0, NULL);
  return version < 0 ? 0 : (guint64) version;
}


/* Stored texts are untrusted (a project file comes from anywhere), but
 * checking every document's UTF-8 on every retrieval would cost more than
 * the retrieval.  A text once found valid stays so until another
 * connection commits (PRAGMA data_version moves) or an undo writes values
 * taken from the file's journal; this connection's own writes are valid. */
gboolean
_cb_store_text_was_validated (CbStore *self,
                              gint64   document_id)
{
  guint64 version = cb_store_get_data_version (self);

  if (self->valid_texts == NULL || version != self->valid_version)
    {
      _cb_store_forget_validated_texts (self);
      self->valid_version = version;
      return FALSE;
    }
  return g_hash_table_contains (self->valid_texts, &document_id);
}

void
_cb_store_remember_validated_text (CbStore *self,
                                   gint64   document_id)
{
  if (self->valid_texts == NULL)
    self->valid_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (self->valid_texts, g_memdup2 (&document_id, sizeof document_id));
}

void
_cb_store_forget_validated_texts (CbStore *self)
{
  if (self->valid_texts != NULL)
    g_hash_table_remove_all (self->valid_texts);
}

char *
cb_store_new_uuid (CbStore *self)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *uuid = g_malloc (37);
  char *p = uuid;

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (self->rand);

      memcpy (bytes + i, &r, 4);
    }
  /* version 4, variant 10xx (RFC 4122) */
  bytes[6] = (bytes[6] & 0x0F) | 0x40;
  bytes[8] = (bytes[8] & 0x3F) | 0x80;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xF];
    }
  *p = '\0';

  return uuid;
}

const char *
cb_store_now (CbStore *self)
{
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;

  /* Formatting a date costs more than inserting a coding: once a second. */
  if (second != self->now_second || self->now_iso8601 == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (second);

      g_free (self->now_iso8601);
      self->now_iso8601 = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
      self->now_second = second;
    }

  return self->now_iso8601;
}

gboolean
cb_store_in_transaction (CbStore *self)
{
  return self->in_transaction;
}

gboolean
cb_store_begin (CbStore     *self,
                const char  *undo_label,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 step;

  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (undo_label != NULL && !_cb_store_journal_ensure (self, error))
    return FALSE;

  /* IMMEDIATE takes the write lock now, so that a busy project is reported
   * before any work is done rather than at commit. */
  if (!cb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;

  if (undo_label == NULL)
    return TRUE;

  /* A new action makes the redo history meaningless. */
  stmt = cb_store_prepare (self, "DELETE FROM journal_step WHERE kind = 1", error);
  if (stmt == NULL || !cb_store_step_done (self, stmt, error))
    goto failed;

  step = _cb_store_journal_add_step (self, 0, undo_label, error);
  if (step == 0)
    goto failed;

  if (step % 64 == 0)
    {
      stmt = cb_store_prepare (self,
                               "DELETE FROM journal_step WHERE kind = 0 AND id <= ? - "
                               G_STRINGIFY (JOURNAL_MAX_STEPS), error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, step);
      if (!cb_store_step_done (self, stmt, error))
        goto failed;
    }

  if (!_cb_store_journal_set_step (self, step, error))
    goto failed;

  self->changes_at_begin = sqlite3_total_changes (self->db);
  return TRUE;

failed:
  cb_store_rollback (self);
  return FALSE;
}

gboolean
cb_store_rows_done (CbStore       *self,
                    sqlite3_stmt  *stmt,
                    int            rc,
                    GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
cb_store_collect_ids_names (CbStore       *self,
                            sqlite3_stmt  *stmt,
                            GArray        *ids,
                            GPtrArray     *names,
                            GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
    }
  return cb_store_rows_done (self, stmt, rc, error);
}

/* The project's revision token (CB_STORE_REVISION_KEY in project_setting):
 * a random value replaced by every user action. */
static gboolean
put_new_revision (CbStore  *self,
                  GError  **error)
{
  g_autofree char *token = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "INSERT INTO project_setting (key, value) VALUES ('" CB_STORE_REVISION_KEY "', ?)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (self, stmt, error);
}

gboolean
cb_store_commit (CbStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  /* A user action (one with an undo step) that changed a row gets a new
   * revision token: equal tokens, equal content (undo puts the old token
   * back with the old rows).  See _cb_store_revision(). */
  if (self->journal_step > 0 && sqlite3_total_changes (self->db) != self->changes_at_begin &&
      !put_new_revision (self, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }
  if (self->journal_step > 0 && !_cb_store_journal_set_step (self, 0, error))
    {
      cb_store_rollback (self);
      return FALSE;
    }

  if (!cb_store_exec (self, "COMMIT", error))
    {
      cb_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
cb_store_rollback (CbStore *self)
{
  if (!self->in_transaction)
    return;

  /* ROLLBACK also reverts the temp journal state. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  self->journal_step = 0;
}

/* Reads the first row of every table: damage to a table's root page would
 * otherwise go unnoticed by a command that never reads that table, which
 * would then write into a damaged file.  This costs a page read per table;
 * 'check' is the full inspection. */
static gboolean
probe_tables (CbStore  *self,
              GError  **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto damaged;

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" LIMIT 1", (char *) tables->pdata[i]);

      stmt = NULL;
      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          ;
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        goto damaged;
    }

  return TRUE;

damaged:
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || (rc & 0xff) == SQLITE_IOERR)
    cb_store_set_error (self, rc, error);
  else
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                 _("The project “%s” is damaged (%s); restore a backup, or run “check” for details"),
                 self->display_name, sqlite3_errmsg (self->db));
  return FALSE;
}

/* The SQL functions Codeboom's own statements call; the authorizer refuses
 * every other one, so that SQL from a file (a view, a trigger, a journal of
 * an older version) cannot reach load_extension(), fts3_tokenizer() or the
 * like. */
static const char * const allowed_functions[] = {
  "count", "ifnull", "coalesce", "min", "max", "sum", "total", "instr", "trim",
  "length", "substr", "lower", "upper", "abs", "typeof", "last_insert_rowid",
  "changes", "printf", "group_concat", "quote", "hex", "like", "glob", "char",
  NULL
};

static int
authorize (void       *data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *database,
           const char *trigger)
{
  switch (action)
    {
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return SQLITE_DENY;

    case SQLITE_FUNCTION:
      for (guint i = 0; allowed_functions[i] != NULL; i++)
        if (arg2 != NULL && g_ascii_strcasecmp (arg2, allowed_functions[i]) == 0)
          return SQLITE_OK;
      return SQLITE_DENY;

    default:
      return SQLITE_OK;
    }
}

void
cb_store_harden_connection (sqlite3 *db)
{
  /* no writable_schema, no direct edits of shadow tables or of the file's
   * pages, no extensions, no attached databases, and nothing from the
   * file's schema (views, triggers) may call functions with side effects */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer (db, authorize, NULL);
}

/* Tables SQLite itself may add to any file (ANALYZE by another tool). */
static gboolean
is_sqlite_internal (const char *type,
                    const char *name)
{
  return g_str_equal (type, "table") &&
         (g_str_equal (name, "sqlite_stat1") || g_str_equal (name, "sqlite_stat4"));
}

/* Appends, for every schema object of the file that is not Codeboom's own
 * for file format @version (by type, name, table and exact SQL), and every
 * one of Codeboom's that is missing, a line naming it.  A trigger or view
 * added by someone else would run inside every change Codeboom makes. */
gboolean
_cb_store_list_foreign_objects (CbStore    *self,
                                int         version,
                                GPtrArray  *problems,
                                GError    **error)
{
  GHashTable *expected = _cb_schema_expected (version);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer row;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT type, name, tbl_name, ifnull (sql, '') FROM main.sqlite_schema",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *type = (const char *) sqlite3_column_text (stmt, 0);
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        g_autofree char *key = g_strdup_printf ("%s\t%s\t%s\t%s", type, name,
                                                sqlite3_column_text (stmt, 2),
                                                sqlite3_column_text (stmt, 3));
        g_autofree char *prefix = g_strdup_printf ("%s\t%s\t", type, name);
        gpointer own = NULL;
        gboolean changed = FALSE;

        if (g_hash_table_lookup_extended (expected, key, &own, NULL))
          {
            g_hash_table_add (seen, own);
            continue;
          }
        if (is_sqlite_internal (type, name))
          continue;

        g_hash_table_iter_init (&iter, expected);
        while (!changed && g_hash_table_iter_next (&iter, &row, NULL))
          if (g_str_has_prefix (row, prefix))
            {
              g_hash_table_add (seen, row);
              changed = TRUE;
            }
        g_ptr_array_add (problems,
                         changed
                         ? g_strdup_printf (_("schema object %s “%s” has SQL that is not Codeboom’s"), type, name)
                         : g_strdup_printf (_("foreign schema object: %s “%s”, not part of a Codeboom project"),
                                            type, name));
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (seen, row))
      {
        g_auto(GStrv) fields = g_strsplit (row, "\t", 3);

        g_ptr_array_add (problems,
                         g_strdup_printf (_("missing schema object: %s “%s”"),
                                          fields[0], fields[1]));
      }

  return TRUE;
}

/* Refuses a file whose schema is not exactly Codeboom's, naming what is
 * foreign: see _cb_store_list_foreign_objects(). */
static gboolean
check_schema_objects (CbStore  *self,
                      int       version,
                      GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  if (!_cb_store_list_foreign_objects (self, version, problems, error))
    return FALSE;
  if (problems->len == 0)
    return TRUE;

  g_ptr_array_add (problems, NULL);
  list = g_strjoinv ("; ", (char **) problems->pdata);
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FOREIGN_OBJECTS,
               _("The project “%s” is damaged: %s. Run “codeboom-cli repair” to make a copy without foreign objects"),
               self->display_name, list);
  return FALSE;
}

static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;

  return g_stat (wal, &buf) == 0 && buf.st_size > 0;
}

/* A generator of its own, seeded from the system's entropy: UUIDs must be
 * unique across machines (REFI-QDA exchange, merging projects). */
static GRand *
new_seeded_rand (void)
{
  guint32 seed[8];
  FILE *urandom = g_fopen ("/dev/urandom", "rb");
  gboolean ok = urandom != NULL && fread (seed, sizeof seed, 1, urandom) == 1;

  if (urandom != NULL)
    fclose (urandom);
  if (!ok)
    for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
      seed[i] = g_random_int ();

  return g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

void
cb_store_free (CbStore *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->replay_statements, g_hash_table_unref);
  g_clear_pointer (&self->valid_texts, g_hash_table_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->now_iso8601);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self);
}

CbStore *
cb_store_open (const char  *path,
               gboolean     create,
               GError     **error)
{
  g_autoptr(CbStore) self = g_new0 (CbStore, 1);
  g_autofree char *pragmas = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int application_id;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->replay_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->rand = new_seeded_rand ();
  /* before the first SQLite file of the process: see cb-vfs.c */
  cb_vfs_install ();

  if (create)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                       _("Cannot create “%s”: a file of that name already exists"),
                       self->display_name);
          return NULL;
        }
      flags |= SQLITE_OPEN_CREATE;
    }
  else
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("The project “%s” does not exist"), self->display_name);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT,
                       _("“%s” is a folder, not a Codeboom project"), self->display_name);
          return NULL;
        }
      /* Whether it is an SQLite file at all is asked of SQLite below:
       * reading its header ourselves would open and close the file, and a
       * close() drops every POSIX lock this process holds on it, those of
       * another connection to the same project included. */
      if (g_access (path, R_OK) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("Cannot read the project “%s”: %s"),
                       self->display_name, g_strerror (saved_errno));
          return NULL;
        }
    }

  if (!create && g_access (path, W_OK) != 0 && !has_wal_content (path))
    {
      /* A file we may not write: read it as immutable, so that SQLite does
       * not leave a read-only -shm and -wal beside it (they would keep the
       * project read-only after the user makes the file writable again).
       * Only without a pending -wal, whose content must be read. */
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                            NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  cb_store_harden_connection (self->db);

  /* Run from the schema only what we wrote ourselves. */
  if (!cb_store_exec (self, "PRAGMA trusted_schema = OFF", error))
    return NULL;

  application_id = query_int (self, "PRAGMA application_id", -1);
  version = query_int (self, "PRAGMA user_version", -1);

  if (application_id == -1 || version == -1)
    {
      /* Reading the header failed: not a database at all, or damaged. */
      rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT,
                     _("“%s” is not a Codeboom project"), self->display_name);
      else if (rc != SQLITE_OK)
        cb_store_set_error (self, rc, error);
      else
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                     _("The project “%s” is damaged"), self->display_name);
      return NULL;
    }

  if (create)
    {
      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = WAL;",
                                 CB_PROJECT_APPLICATION_ID);
      if (!cb_store_exec (self, pragmas, error))
        return NULL;
      version = 0;
    }
  else if (application_id != CB_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT,
                   _("“%s” is an SQLite database, but not a Codeboom project"),
                   self->display_name);
      return NULL;
    }
  else if (version > CB_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_TOO_NEW,
                   _("The project “%s” was saved by a newer version of Codeboom (file format %d; this version reads up to %d)"),
                   self->display_name, version, CB_PROJECT_SCHEMA_VERSION);
      return NULL;
    }

  /* before anything that may write, a journal mode change included; the
   * schema first, so that no foreign table (a virtual one) is read */
  if (!create && !check_schema_objects (self, version, error))
    return NULL;
  if (!create && !probe_tables (self, error))
    return NULL;

  if (!cb_store_exec (self,
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA temp_store = MEMORY;",
                      error))
    return NULL;

  /* Older files and other tools' copies may be in another mode; a file
   * opened read-only keeps its mode, which is harmless. */
  if (!create)
    query_int (self, "PRAGMA journal_mode = WAL", 0);

  if (version < CB_PROJECT_SCHEMA_VERSION)
    {
      if (!cb_store_begin (self, NULL, error))
        return NULL;
      if (!_cb_schema_migrate (self, version, error))
        {
          cb_store_rollback (self);
          g_prefix_error (error, _("Cannot upgrade the project “%s”: "), self->display_name);
          return NULL;
        }
      if (!cb_store_commit (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}
