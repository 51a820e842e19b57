/* cb-store-check.c: the integrity check (SQLite's and Codeboom's invariants)
 *
 * Everything is set-based: each invariant one query over a whole table that
 * returns the offending rows (at most CHECK_MAX_ROWS listed), and each index
 * compared with its table by sequential scans rather than a seek per row,
 * so that a million codings are checked in seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"
#include "cb-text.h"

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* At most this many rows of one kind of problem are listed: a damaged
 * project can have a million, and the first ones tell what happened (and
 * what "repair" or a backup must fix). */
#define CHECK_MAX_ROWS 100

/* Runs @sql, one set-based query for one invariant that returns the
 * offending rows, and adds one problem per row (at most CHECK_MAX_ROWS),
 * formatted from its columns. */
static gboolean
check_rows (CbStore     *self,
            GPtrArray   *problems,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  g_autofree char *limited = g_strdup_printf ("SELECT * FROM (%s) LIMIT %d", sql, CHECK_MAX_ROWS + 1);
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  guint n = 0;
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), limited, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) row = NULL;
      int n_columns = sqlite3_column_count (stmt);

      if (++n > CHECK_MAX_ROWS)
        {
          add_problem (problems, "%s: more not listed", what);
          rc = SQLITE_DONE;
          break;
        }
      row = g_string_new (what);
      for (int c = 0; c < n_columns; c++)
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
  g_debug ("check: %s: %.3f s", what, (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* Runs one of SQLite's integrity pragmas; a line that is not "ok" is a
 * problem. */
static gboolean
run_integrity_pragma (CbStore     *self,
                      const char  *sql,
                      GPtrArray   *problems,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *message = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (message, "ok") != 0)
        add_problem (problems, "integrity: %s", message);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  g_debug ("check: %s: %.3f s", sql, (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* Index against table, set-based.  integrity_check verifies each index by
 * seeking every row's entry: millions of random page reads on a million
 * codings.  The same question answered with sequential scans: an
 * order-independent digest (a sum of 64-bit hashes) of every entry's
 * (rowid, columns), computed once over the table and once over each index,
 * with the counts; and for a UNIQUE index, no key twice.  Tables this
 * cannot express (no rowid, an index on an expression or with a WHERE) are
 * left to integrity_check (TABLE). */

static guint64
mix64 (guint64 x)
{
  /* splitmix64's finaliser: every input bit moves every output bit */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static guint64
hash_bytes (guint64       h,
            const guint8 *bytes,
            gsize         length)
{
  gsize i = 0;

  /* eight bytes at a time (the scans hash a million uuids and dates) */
  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, bytes + i, 8);
      h = (h ^ word) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      h ^= h >> 29;
    }
  if (i < length)
    {
      guint64 word = 0;

      memcpy (&word, bytes + i, length - i);
      h = (h ^ word) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      h ^= h >> 29;
    }
  return mix64 (h ^ length);
}

/* The hash of one entry: the statement's columns @columns (indexes into
 * the row; column 0 is the rowid). */
static guint64
hash_row (sqlite3_stmt *stmt,
          const int    *columns,
          int           n_columns)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (int i = 0; i < n_columns; i++)
    {
      int column = columns[i];
      int type = sqlite3_column_type (stmt, column);

      h = mix64 (h + (guint64) type + 1);
      switch (type)
        {
        case SQLITE_INTEGER:
          {
            gint64 v = sqlite3_column_int64 (stmt, column);

            h = hash_bytes (h, (const guint8 *) &v, sizeof v);
          }
          break;
        case SQLITE_FLOAT:
          {
            double v = sqlite3_column_double (stmt, column);

            h = hash_bytes (h, (const guint8 *) &v, sizeof v);
          }
          break;
        case SQLITE_TEXT:
          h = hash_bytes (h, sqlite3_column_text (stmt, column), sqlite3_column_bytes (stmt, column));
          break;
        case SQLITE_BLOB:
          h = hash_bytes (h, sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
          break;
        default:
          break;
        }
    }
  return mix64 (h);
}

typedef struct
{
  char      *name;
  gboolean   unique;
  gboolean   binary;    /* every key column compares bytes (BINARY) */
  GPtrArray *columns;   /* quoted column names, with COLLATE for unique keys */
  GPtrArray *keys;      /* the key part: "col" COLLATE coll */
} IndexInfo;

static void
index_info_free (gpointer data)
{
  IndexInfo *info = data;

  g_free (info->name);
  g_ptr_array_unref (info->columns);
  g_ptr_array_unref (info->keys);
  g_free (info);
}

/* The plain indexes of @table, or NULL in @indexes when one is not plain
 * (then the caller asks integrity_check). */
static gboolean
list_plain_indexes (CbStore     *self,
                    const char  *table,
                    GPtrArray  **indexes,
                    GError     **error)
{
  sqlite3 *db = cb_store_get_db (self);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (index_info_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *columns = NULL;
  gboolean plain = TRUE;
  int rc;

  *indexes = NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT name, \"unique\", partial FROM pragma_index_list (?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT cid, name, coll FROM pragma_index_xinfo (?1) WHERE key ORDER BY seqno",
                             -1, &columns, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (plain && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndexInfo *info = g_new0 (IndexInfo, 1);

      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->unique = sqlite3_column_int (stmt, 1) != 0;
      info->binary = TRUE;
      info->columns = g_ptr_array_new_with_free_func (sqlite3_free);
      info->keys = g_ptr_array_new_with_free_func (sqlite3_free);
      g_ptr_array_add (list, info);
      if (sqlite3_column_int (stmt, 2) != 0)
        plain = FALSE;

      sqlite3_bind_text (columns, 1, info->name, -1, SQLITE_TRANSIENT);
      while (plain && (rc = sqlite3_step (columns)) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (columns, 1);
          const char *collation = (const char *) sqlite3_column_text (columns, 2);

          if (sqlite3_column_int (columns, 0) < 0 || column == NULL)
            plain = FALSE;   /* an expression (or the rowid itself) */
          else
            {
              g_ptr_array_add (info->columns, sqlite3_mprintf ("\"%w\"", column));
              if (collation != NULL && g_ascii_strcasecmp (collation, "BINARY") != 0)
                info->binary = FALSE;
              g_ptr_array_add (info->keys, sqlite3_mprintf ("\"%w\" COLLATE \"%w\"", column,
                                                            collation != NULL ? collation : "BINARY"));
            }
        }
      sqlite3_reset (columns);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        break;
      if (info->columns->len == 0)
        plain = FALSE;
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (columns);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  if (plain)
    *indexes = g_steal_pointer (&list);
  return TRUE;
}

/* Scans with @sql (rowid first) and sums, for each of @n_digests column
 * sets (@columns[d], @n_columns[d] columns of the row), the hashes of every
 * row's values into @digests; the rows into @n_rows. */
/* Appends the key of the row (columns 1 to @n_key) to @key as bytes that
 * are equal when the values are equal under BINARY; FALSE when one is NULL
 * (NULLs are distinct in a UNIQUE index). */
static gboolean
serialize_key (sqlite3_stmt *stmt,
               int           n_key,
               GByteArray   *key)
{
  g_byte_array_set_size (key, 0);
  for (int c = 1; c <= n_key; c++)
    {
      int type = sqlite3_column_type (stmt, c);
      guint8 tag;
      gint64 number;
      double real;
      const guint8 *bytes = NULL;
      guint32 length = 0;

      if (type == SQLITE_NULL)
        return FALSE;
      /* each value read as its own type only: reading a text as a number
       * converts it, on every entry of the index */
      real = type == SQLITE_FLOAT ? sqlite3_column_double (stmt, c) : 0.0;
      number = type == SQLITE_INTEGER ? sqlite3_column_int64 (stmt, c) : 0;
      /* 1 and 1.0 are the same key */
      if (type == SQLITE_FLOAT && real == (double) (gint64) real)
        type = SQLITE_INTEGER, number = (gint64) real;
      tag = (guint8) type;
      g_byte_array_append (key, &tag, 1);
      if (type == SQLITE_INTEGER)
        g_byte_array_append (key, (const guint8 *) &number, sizeof number);
      else if (type == SQLITE_FLOAT)
        g_byte_array_append (key, (const guint8 *) &real, sizeof real);
      else
        {
          bytes = type == SQLITE_TEXT ? sqlite3_column_text (stmt, c) : sqlite3_column_blob (stmt, c);
          length = sqlite3_column_bytes (stmt, c);
          g_byte_array_append (key, (const guint8 *) &length, sizeof length);
          if (length > 0)
            g_byte_array_append (key, bytes, length);
        }
    }
  return TRUE;
}

/* Scans with @sql (rowid first) and sums, for each of @n_digests column
 * sets (@columns[d], @n_columns[d] columns of the row), the hashes of every
 * row's values into @digests; the rows into @n_rows.  With @n_unique_key,
 * the scan is of a UNIQUE index in key order: an entry whose first
 * @n_unique_key columns equal the previous entry's is a key twice
 * (@unique_problem names the index). */
static gboolean
scan_digests (CbStore     *self,
              const char  *sql,
              int        **columns,
              const int   *n_columns,
              guint        n_digests,
              guint64     *digests,
              gint64      *n_rows,
              int          n_unique_key,
              const char  *unique_problem,
              GPtrArray   *problems,
              GError     **error)
{
  g_autoptr(GByteArray) previous = g_byte_array_new ();
  g_autoptr(GByteArray) key = g_byte_array_new ();
  gboolean have_previous = FALSE;
  guint n_twice = 0;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), sql, -1, &stmt, NULL);

  *n_rows = 0;
  memset (digests, 0, n_digests * sizeof *digests);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      (*n_rows)++;
      for (guint d = 0; d < n_digests; d++)
        digests[d] += hash_row (stmt, columns[d], n_columns[d]);
      if (n_unique_key > 0)
        {
          gboolean comparable = serialize_key (stmt, n_unique_key, key);

          if (comparable && have_previous && key->len == previous->len &&
              memcmp (key->data, previous->data, key->len) == 0 && n_twice++ < CHECK_MAX_ROWS)
            add_problem (problems, "%s: row %" G_GINT64_FORMAT, unique_problem, (gint64) sqlite3_column_int64 (stmt, 0));
          have_previous = comparable;
          if (comparable)
            {
              GByteArray *swap = previous;

              previous = key;
              key = swap;
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_table_indexes (CbStore     *self,
                     const char  *table,
                     GPtrArray   *problems,
                     GError     **error)
{
  g_autoptr(GPtrArray) indexes = NULL;
  g_autoptr(GPtrArray) selected = NULL;   /* the columns the table scan reads */
  g_autoptr(GString) table_sql = NULL;
  g_autofree int **table_columns = NULL;
  g_autofree int *table_n_columns = NULL;
  g_autofree guint64 *table_digests = NULL;
  gint64 n_rows;
  gboolean ok = TRUE;
  char *from;

  if (!list_plain_indexes (self, table, &indexes, error))
    return FALSE;
  if (indexes == NULL)
    {
      /* integrity_check of this table and its indexes alone */
      char *pragma = sqlite3_mprintf ("PRAGMA main.integrity_check (\"%w\")", table);
      g_autofree char *sql = g_strdup (pragma);

      sqlite3_free (pragma);
      return run_integrity_pragma (self, sql, problems, error);
    }
  if (indexes->len == 0)
    return TRUE;

  /* one scan of the table for every index's digest */
  selected = g_ptr_array_new ();
  table_columns = g_new0 (int *, indexes->len);
  table_n_columns = g_new0 (int, indexes->len);
  table_digests = g_new0 (guint64, indexes->len);
  table_sql = g_string_new ("SELECT rowid");
  for (guint i = 0; i < indexes->len; i++)
    {
      IndexInfo *info = indexes->pdata[i];

      table_n_columns[i] = info->columns->len + 1;
      table_columns[i] = g_new0 (int, table_n_columns[i]);
      for (guint c = 0; c < info->columns->len; c++)
        {
          guint at;

          for (at = 0; at < selected->len; at++)
            if (g_str_equal (selected->pdata[at], info->columns->pdata[c]))
              break;
          if (at == selected->len)
            {
              g_ptr_array_add (selected, info->columns->pdata[c]);
              g_string_append_printf (table_sql, ", %s", (const char *) info->columns->pdata[c]);
            }
          table_columns[i][c + 1] = at + 1;
        }
    }
  from = sqlite3_mprintf (" FROM main.\"%w\" NOT INDEXED", table);
  g_string_append (table_sql, from);
  sqlite3_free (from);
  ok = scan_digests (self, table_sql->str, table_columns, table_n_columns, indexes->len,
                     table_digests, &n_rows, 0, NULL, NULL, error);

  for (guint i = 0; ok && i < indexes->len; i++)
    {
      IndexInfo *info = indexes->pdata[i];
      g_autofree char *columns = NULL;
      g_autofree char *keys = NULL;
      g_autofree char *sql = NULL;
      g_autofree int *all = g_new (int, info->columns->len + 1);
      g_autofree char *what = NULL;
      int n_all = info->columns->len + 1;
      int n_key;
      guint64 digest;
      gint64 n_entries;

      for (int c = 0; c < n_all; c++)
        all[c] = c;
      g_ptr_array_add (info->columns, NULL);
      g_ptr_array_add (info->keys, NULL);
      columns = g_strjoinv (", ", (char **) info->columns->pdata);
      keys = g_strjoinv (", ", (char **) info->keys->pdata);
      g_ptr_array_remove_index (info->columns, info->columns->len - 1);
      g_ptr_array_remove_index (info->keys, info->keys->len - 1);

      from = sqlite3_mprintf ("SELECT rowid, %s FROM main.\"%w\" INDEXED BY \"%w\"", columns, table, info->name);
      sql = g_strdup (from);
      sqlite3_free (from);
      what = g_strdup_printf ("integrity: UNIQUE index %s of %s holds a key twice", info->name, table);
      /* in key order, a key twice is two entries side by side (when keys
       * compare as bytes) */
      n_key = info->unique && info->binary ? (int) info->columns->len : 0;
      if (!(ok = scan_digests (self, sql, &all, &n_all, 1, &digest, &n_entries, n_key, what, problems, error)))
        break;
      if (n_entries != n_rows || digest != table_digests[i])
        add_problem (problems, "integrity: index %s does not match its table %s (%" G_GINT64_FORMAT " entries, %"
                     G_GINT64_FORMAT " rows)", info->name, table, n_entries, n_rows);
      else if (info->unique && !info->binary)
        {
          /* other collations: SQLite groups the keys */
          g_autoptr(GString) not_null = g_string_new (NULL);
          g_autofree char *check = NULL;

          for (guint c = 0; c < info->columns->len; c++)
            g_string_append_printf (not_null, "%s%s IS NOT NULL", c > 0 ? " AND " : "",
                                    (const char *) info->columns->pdata[c]);
          from = sqlite3_mprintf ("SELECT %s, count(*) FROM main.\"%w\" INDEXED BY \"%w\" WHERE %s"
                                  " GROUP BY %s HAVING count(*) > 1",
                                  columns, table, info->name, not_null->str, keys);
          check = g_strdup (from);
          sqlite3_free (from);
          ok = check_rows (self, problems, check, what, error);
        }
    }

  for (guint i = 0; i < indexes->len; i++)
    g_free (table_columns[i]);
  return ok;
}

/* What integrity_check adds to quick_check, for every table: each index
 * matches its table, and a UNIQUE index holds no key twice. */
static gboolean
check_indexes (CbStore     *self,
               GPtrArray   *problems,
               GError     **error)
{
  sqlite3 *db = cb_store_get_db (self);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) without_rowid = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gint64 started = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT name, wr FROM pragma_table_list"
                             " WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                             " ORDER BY name", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean wr = sqlite3_column_int (stmt, 1) != 0;

      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (without_rowid, wr);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < tables->len && problems->len < CHECK_MAX_ROWS; i++)
    {
      const char *table = tables->pdata[i];
      gboolean ok;

      if (g_array_index (without_rowid, gboolean, i))
        {
          char *pragma = sqlite3_mprintf ("PRAGMA main.integrity_check (\"%w\")", table);
          g_autofree char *sql = g_strdup (pragma);

          sqlite3_free (pragma);
          ok = run_integrity_pragma (self, sql, problems, error);
        }
      else
        ok = check_table_indexes (self, table, problems, error);
      if (!ok)
        return FALSE;
    }
  g_debug ("check: indexes against tables: %.3f s", (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* Foreign keys, set-based: for each single-column key, the rows whose value
 * is not among the parent's keys, one NOT IN over the parent (built once)
 * instead of foreign_key_check's lookup per row and key.  The rows come out
 * as foreign_key_check gives them (table, row, parent, constraint); other
 * keys (several columns, tables without rowid) are left to it. */
static gboolean
check_foreign_keys (CbStore     *self,
                    GPtrArray   *problems,
                    GError     **error)
{
  const char *what = "broken reference (table, row, parent, constraint)";
  sqlite3 *db = cb_store_get_db (self);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* every key of every table, with whether the table (and its parent) can
   * be asked by rowid and whether the key has one column */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT t.name, t.wr, k.id, k.\"table\", k.\"from\", k.\"to\","
                           "  (SELECT count(*) FROM pragma_foreign_key_list (t.name) k2 WHERE k2.id = k.id),"
                           "  ifnull ((SELECT p.wr FROM pragma_table_list p WHERE p.schema = 'main'"
                           "           AND p.name = k.\"table\"), 1)"
                           " FROM pragma_table_list t, pragma_foreign_key_list (t.name) k"
                           " WHERE t.schema = 'main' AND t.type = 'table' AND k.seq = 0"
                           " ORDER BY t.name, k.id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      gboolean wr = sqlite3_column_int (stmt, 1) != 0;
      int id = sqlite3_column_int (stmt, 2);
      const char *parent = (const char *) sqlite3_column_text (stmt, 3);
      const char *from = (const char *) sqlite3_column_text (stmt, 4);
      const char *to = (const char *) sqlite3_column_text (stmt, 5);
      int n_columns = sqlite3_column_int (stmt, 6);
      gboolean parent_wr = sqlite3_column_int (stmt, 7) != 0;
      char *sql;

      if (wr || parent_wr || n_columns != 1 || from == NULL || parent == NULL)
        sql = sqlite3_mprintf ("SELECT * FROM pragma_foreign_key_check (%Q) WHERE fkid = %d", table, id);
      else
        sql = sqlite3_mprintf ("SELECT %Q, rowid, %Q, %d FROM main.\"%w\""
                               " WHERE \"%w\" IS NOT NULL AND \"%w\" NOT IN (SELECT \"%w\" FROM main.\"%w\")",
                               table, parent, id, table, from, from, to != NULL ? to : "rowid", parent);
      g_ptr_array_add (queries, g_strdup (sql));
      sqlite3_free (sql);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < queries->len && problems->len < CHECK_MAX_ROWS; i++)
    if (!check_rows (self, problems, queries->pdata[i], what, error))
      return FALSE;
  return TRUE;
}

/* Stored text must be what the text model promises: counted right,
 * normalised, LF only, no BOM, with the character index its text gives.
 * Each text is decoded again: linear in the text, not in the codings. */
static gboolean
check_texts (CbStore     *self,
             GPtrArray   *problems,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  guint n = 0;
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self),
                               "SELECT name, n_chars, text, char_index FROM document ORDER BY name",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n_chars = sqlite3_column_int64 (stmt, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 2);
      gsize length = sqlite3_column_bytes (stmt, 2);
      guint before = problems->len;

      if (!g_utf8_validate_len (text, length, NULL))
        add_problem (problems, "document “%s”: text is not valid UTF-8", name);
      else if (cb_text_count_chars (text, length) != n_chars)
        add_problem (problems, "document “%s”: character count %" G_GINT64_FORMAT " does not match its text (%" G_GINT64_FORMAT ")",
                     name, n_chars, cb_text_count_chars (text, length));
      else if (memchr (text, '\r', length) != NULL || g_str_has_prefix (text, "\xEF\xBB\xBF") ||
               !cb_text_is_normalized (text, length))
        add_problem (problems, "document “%s”: text is not normalised (NFC, LF, no BOM)", name);
      else
        {
          g_autoptr(GBytes) expected = cb_text_build_char_index (text, length);
          g_autoptr(GBytes) stored = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));

          if (!g_bytes_equal (expected, stored))
            add_problem (problems, "document “%s”: its character index does not match its text", name);
        }
      if (problems->len > before && ++n >= CHECK_MAX_ROWS)
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  g_debug ("check: texts: %.3f s", (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* The quick version: the count of every text in one query (SQLite's
 * length() counts characters) and line ends and BOMs found by instr(). */
static gboolean
check_texts_quick (CbStore     *self,
                   GPtrArray   *problems,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 started = g_get_monotonic_time ();
  g_autofree char *sql = g_strdup_printf ("SELECT name, n_chars, length (text), instr (text, char (13)) > 0"
                                          "  OR substr (text, 1, 1) = char (65279)"
                                          " FROM document"
                                          " WHERE length (text) <> n_chars OR instr (text, char (13)) > 0"
                                          "  OR substr (text, 1, 1) = char (65279)"
                                          " ORDER BY name LIMIT %d", CHECK_MAX_ROWS);
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n_chars = sqlite3_column_int64 (stmt, 1);
      gint64 counted = sqlite3_column_int64 (stmt, 2);

      if (counted != n_chars)
        add_problem (problems, "document “%s”: character count %" G_GINT64_FORMAT " does not match its text (%" G_GINT64_FORMAT ")",
                     name, n_chars, counted);
      else
        add_problem (problems, "document “%s”: text is not normalised (NFC, LF, no BOM)", name);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  g_debug ("check: texts (quick): %.3f s", (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* MAG sessions (issue 19): phases are sections of their document's text
 * that never overlap, and phase names are names. */
static gboolean
check_mag (CbStore     *self,
           GPtrArray   *problems,
           GError     **error)
{
  return check_rows (self, problems,
                     "SELECT d.name, p.id, p.start, p.end, d.n_chars FROM phase p JOIN document d ON d.id = p.document"
                     " WHERE p.start < 0 OR p.end <= p.start OR p.end > d.n_chars",
                     "phase outside its document's text (document, phase, start, end, characters)", error) &&
         check_rows (self, problems,
                     "SELECT d.name, a.name, a.start, a.end, b.name, b.start, b.end"
                     " FROM phase a JOIN phase b ON b.document = a.document AND b.id <> a.id"
                     " AND b.start >= a.start AND b.start < a.end AND (b.start > a.start OR b.id > a.id)"
                     " JOIN document d ON d.id = a.document",
                     "phases that overlap (document, phase, start, end, phase, start, end)", error) &&
         check_rows (self, problems,
                     "SELECT id, quote (name) FROM phase WHERE name <> trim (name) OR name = ''"
                     " OR instr (name, char (10)) > 0 OR instr (name, char (9)) > 0",
                     "phase with an invalid name (id, name)", error);
}

gboolean
_cb_store_check (CbStore    *self,
                 gboolean    quick,
                 GPtrArray  *problems,
                 GError    **error)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA main.quick_check (%d)", CHECK_MAX_ROWS);

  /* SQLite's own view of the file first: if the b-trees are damaged the
   * invariants below mean little.  quick_check walks every b-tree (and
   * checks NOT NULL and CHECK constraints); the full check then compares
   * the indexes with their tables by scans instead of integrity_check's
   * seek per row and index (check_indexes()). */
  if (!run_integrity_pragma (self, pragma, problems, error))
    return FALSE;
  if (problems->len == 0 && !quick && !check_indexes (self, problems, error))
    return FALSE;
  if (problems->len > 0)
    return TRUE;

  /* Each invariant one query over the whole table, returning the rows
   * that break it. */
  if (!check_foreign_keys (self, problems, error) ||
      !check_rows (self, problems,
                   "SELECT count(*) FROM project HAVING count(*) <> 1",
                   "project metadata rows (expected 1)", error) ||
      !check_rows (self, problems,
                   "SELECT d.name, g.id, g.start, g.end, d.n_chars FROM coding g JOIN document d ON d.id = g.document"
                   " WHERE g.start < 0 OR g.end <= g.start OR g.end > d.n_chars",
                   "coding outside its document's text (document, coding, start, end, characters)", error) ||
      !check_rows (self, problems,
                   "SELECT d.name, t.id, t.start, t.end FROM turn t JOIN document d ON d.id = t.document"
                   " WHERE t.end > d.n_chars",
                   "turn outside its document's text (document, turn, start, end)", error) ||
      /* the span tables of schema 4 follow text edits like codings do */
      !check_rows (self, problems,
                   "SELECT d.name, l.id, l.start, l.end, d.n_chars FROM memo_link l JOIN document d ON d.id = l.document"
                   " WHERE l.start < 0 OR l.end <= l.start OR l.end > d.n_chars",
                   "memo link outside its document's text (document, link, start, end, characters)", error) ||
      /* phases: check_mag() */
      !check_rows (self, problems,
                   "SELECT d.name, c.id, c.start, c.end, d.n_chars FROM case_coverage c JOIN document d ON d.id = c.document"
                   " WHERE c.start IS NOT NULL AND c.end > d.n_chars",
                   "case span outside its document's text (document, coverage, start, end, characters)", error) ||
      !check_rows (self, problems,
                   "SELECT t.id, t.document, s.document FROM turn t JOIN speaker s ON s.id = t.speaker"
                   " WHERE t.document <> s.document",
                   "turn whose speaker belongs to another document (turn, document, speaker's document)", error) ||
      !check_rows (self, problems,
                   "SELECT id, quote (name) FROM code WHERE name <> trim (name) OR name = ''"
                   " OR instr (name, ' / ') > 0 OR instr (name, char (10)) > 0",
                   "code with an invalid name (id, name)", error) ||
      !check_rows (self, problems,
                   "SELECT ifnull (parent, 0), count(*), min (position), max (position) FROM code"
                   " GROUP BY ifnull (parent, 0)"
                   " HAVING min (position) <> 0 OR max (position) <> count(*) - 1"
                   "     OR count (DISTINCT position) <> count(*)",
                   "sibling positions not 0..n-1 (parent, children, min, max)", error) ||
      !check_rows (self, problems,
                   "WITH RECURSIVE reach (id) AS (SELECT id FROM code WHERE parent IS NULL"
                   " UNION SELECT c.id FROM code c JOIN reach r ON c.parent = r.id)"
                   " SELECT id, name FROM code WHERE id NOT IN reach",
                   "code not reachable from the top of the tree (a cycle) (id, name)", error) ||
      !check_rows (self, problems,
                   "SELECT id, name FROM document WHERE name <> trim (name) OR name = ''",
                   "document with an invalid name (id, name)", error) ||
      !check_mag (self, problems, error))
    return FALSE;

  return quick ? check_texts_quick (self, problems, error) : check_texts (self, problems, error);
}
