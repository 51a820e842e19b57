/* cb-store-journal.c: the undo journal as typed data, and undo/redo by it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"
#include "cb-store-edit.h"
#include "cb-store-internal.h"

/* The undo journal is kept by TEMP triggers: they exist only on Codeboom's
 * own connections, so other tools can still read and write the file, and
 * they record, for every row a user action changes, a typed inverse
 * operation with the row's old values (never SQL: see cb-schema.c).  They
 * are built from the whitelist of tables and columns, not from the file's
 * own schema.  A temp table holds the step being recorded (NULL: not
 * recording). */
static gboolean
install_journal_triggers (CbStore  *self,
                          GError  **error)
{
  g_autoptr(GString) sql = g_string_new (
    "CREATE TEMP TABLE cb_journal_state (step INTEGER);"
    "INSERT INTO temp.cb_journal_state VALUES (NULL);");

  for (guint t = 0; _cb_schema_journal_tables[t].name != NULL; t++)
    {
      const CbJournalTable *table = &_cb_schema_journal_tables[t];
      const char *name = table->name;
      const char *key = table->key;
      const char * const *columns = table->columns;

      /* inserted: delete it again.  Codings are the hot path (a batch
       * inserts thousands), and a trigger on them would make SQLite keep a
       * statement journal per insert: cb_store_journal_insert() records
       * those from C instead.  Turns and speakers are recognised by the
       * thousand per import and reverted in bulk (by document). */
      if (!table->journal_inserts_from_c)
        g_string_append_printf (sql,
          "CREATE TEMP TRIGGER cb_journal_%s_insert AFTER INSERT ON main.\"%s\" "
          "WHEN (SELECT step FROM temp.cb_journal_state) IS NOT NULL BEGIN "
          "INSERT INTO journal_entry (step, op, tbl, col, row_key) "
          "SELECT step, %d, '%s', '%s', NEW.\"%s\" FROM temp.cb_journal_state; END;",
          name, name, CB_JOURNAL_OP_DELETE_ROWS, name, key, key);

      /* deleted: insert it again; updated: set it back.  Both with every
       * column's old value. */
      for (int op = CB_JOURNAL_OP_INSERT_ROW; op <= CB_JOURNAL_OP_UPDATE_ROW; op++)
        {
          g_string_append_printf (sql,
            "CREATE TEMP TRIGGER cb_journal_%s_%s AFTER %s ON main.\"%s\" "
            "WHEN (SELECT step FROM temp.cb_journal_state) IS NOT NULL BEGIN "
            "INSERT INTO journal_entry (step, op, tbl, col, row_key) "
            "SELECT step, %d, '%s', '%s', OLD.\"%s\" FROM temp.cb_journal_state;"
            "INSERT INTO journal_value (entry, name, value) VALUES ",
            name, op == CB_JOURNAL_OP_INSERT_ROW ? "delete" : "update",
            op == CB_JOURNAL_OP_INSERT_ROW ? "DELETE" : "UPDATE",
            name, op, name, key, key);
          for (guint c = 0; columns[c] != NULL; c++)
            g_string_append_printf (sql, "%s(last_insert_rowid (), '%s', OLD.\"%s\")",
                                    c ? ", " : "", columns[c], columns[c]);
          g_string_append (sql, "; END;");
        }
    }

  return cb_store_exec (self, sql->str, error);
}

/* Installs the journal on the first recorded action only, outside any
 * transaction (a rollback would take temp triggers with it): compiling them
 * costs milliseconds that read-only commands need not pay. */
gboolean
_cb_store_journal_ensure (CbStore  *self,
                GError  **error)
{
  if (self->journal_installed)
    return TRUE;

  g_assert (!self->in_transaction);
  if (!install_journal_triggers (self, error))
    return FALSE;

  self->journal_installed = TRUE;
  return TRUE;
}

gboolean
_cb_store_journal_set_step (CbStore  *self,
                  gint64    step,
                  GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE temp.cb_journal_state SET step = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (step > 0)
    sqlite3_bind_int64 (stmt, 1, step);
  else
    sqlite3_bind_null (stmt, 1);

  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  self->journal_step = step;
  return TRUE;
}

gint64
_cb_store_journal_add_step (CbStore     *self,
                  int          kind,
                  const char  *label,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "INSERT INTO journal_step (kind, label, at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
cb_store_journal_delete_rows (CbStore     *self,
                              const char  *table,
                              const char  *column,
                              gint64       value,
                              GError     **error)
{
  const CbJournalTable *journaled = _cb_schema_find_journal_table (table);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (journaled != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (column, journaled->key) == 0 ||
                        g_strcmp0 (column, journaled->delete_by) == 0, FALSE);

  if (self->journal_step == 0)
    return TRUE;

  stmt = cb_store_prepare (self,
                           /* 0: CB_JOURNAL_OP_DELETE_ROWS */
                           "INSERT INTO journal_entry (step, op, tbl, col, row_key) VALUES (?, 0, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->journal_step);
  sqlite3_bind_text (stmt, 2, journaled->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, column, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, value);
  return cb_store_step_done (self, stmt, error);
}

gboolean
cb_store_journal_insert (CbStore     *self,
                         const char  *table,
                         gint64       id,
                         GError     **error)
{
  return cb_store_journal_delete_rows (self, table, "id", id, error);
}

/* The column of a range entry: the key followed by "..".  An older
 * Codeboom, which knows only single rows, finds no such column in its
 * whitelist and refuses the step as damaged instead of undoing only the
 * first row of the range. */
static gboolean
is_range_column (const CbJournalTable *table,
                 const char           *column)
{
  gsize length = strlen (table->key);

  return column != NULL && strncmp (column, table->key, length) == 0 && g_str_equal (column + length, "..");
}

/* Rows @first..@last (keys, inclusive) were inserted by this step: one
 * entry for all of them.  A batch of a million codings inserts them with
 * consecutive ids; one entry per row made the journal as large as the
 * codings themselves.  Within schema version 2: a DELETE_ROWS entry on the
 * range column, row_key the first key, its one journal_value the last. */
gboolean
cb_store_journal_insert_range (CbStore     *self,
                               const char  *table,
                               gint64       first,
                               gint64       last,
                               GError     **error)
{
  const CbJournalTable *journaled = _cb_schema_find_journal_table (table);
  g_autofree char *column = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (journaled != NULL && journaled->journal_inserts_from_c, FALSE);
  g_return_val_if_fail (first <= last, FALSE);

  if (first == last)
    return cb_store_journal_delete_rows (self, table, journaled->key, first, error);
  if (self->journal_step == 0)
    return TRUE;

  column = g_strconcat (journaled->key, "..", NULL);
  stmt = cb_store_prepare (self,
                           /* 0: CB_JOURNAL_OP_DELETE_ROWS */
                           "INSERT INTO journal_entry (step, op, tbl, col, row_key) VALUES (?, 0, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->journal_step);
  sqlite3_bind_text (stmt, 2, journaled->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, column, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, first);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self, "INSERT INTO journal_value (entry, name, value) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (self->db));
  sqlite3_bind_text (stmt, 2, journaled->key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, last);
  return cb_store_step_done (self, stmt, error);
}

/* Shift entries.  A text edit moves every span after it by the same
 * delta; one UPDATE_ROW entry per moved row (with every column's old
 * value) made the journal, and the edit, grow with the spans after the
 * edit.  A shift entry says it once: an UPDATE_ROW entry whose column is
 * the marker below, whose row_key is the document, and whose two values
 * are "from" (the rows whose start is at least this) and "delta" (move by
 * this).  An older Codeboom finds no such column in its whitelist and
 * refuses the step as damaged, changing nothing. */
#define SHIFT_COLUMN "start+"

/* Far beyond any text (and beyond any sane delta): the parking range of a
 * shift that collides half way, and the bound of a shift entry's numbers. */
#define SHIFT_PARK (G_GINT64_CONSTANT (1) << 40)

/* The span tables and their shift statements: ?1 document, ?2 from, ?3 delta. */
static const struct
{
  const char *table;
  const char *sql;
} shift_tables[] = {
  { "coding", "UPDATE main.coding SET start = start + ?3, end = end + ?3 WHERE document = ?1 AND start >= ?2" },
  { "turn", "UPDATE main.turn SET start = start + ?3, end = end + ?3, text_start = text_start + ?3"
            " WHERE document = ?1 AND start >= ?2" },
  { "case_coverage", "UPDATE main.case_coverage SET start = start + ?3, end = end + ?3"
                     " WHERE document = ?1 AND start >= ?2" },
  { "memo_link", "UPDATE main.memo_link SET start = start + ?3, end = end + ?3 WHERE document = ?1 AND start >= ?2" },
  { "phase", "UPDATE main.phase SET start = start + ?3, end = end + ?3 WHERE document = ?1 AND start >= ?2" },
};

/* The shift statement of @table, or NULL when it is no span table. */
static const char *
shift_sql (const char *table)
{
  for (guint i = 0; table != NULL && i < G_N_ELEMENTS (shift_tables); i++)
    if (g_str_equal (shift_tables[i].table, table))
      return shift_tables[i].sql;
  return NULL;
}

/* One shift statement; its SQLite result code (SQLITE_DONE when it ran). */
static int
run_shift (CbStore     *self,
           const char  *sql,
           gint64       document,
           gint64       from,
           gint64       delta,
           GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return SQLITE_ERROR;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, delta);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc;
}

gboolean
_cb_store_shift_spans (CbStore     *self,
                       const char  *table,
                       gint64       document,
                       gint64       from,
                       gint64       delta,
                       GError     **error)
{
  const char *sql = shift_sql (table);
  int rc;

  g_return_val_if_fail (sql != NULL, FALSE);

  /* SQLite checks UNIQUE row by row: [20, 30) moving onto [22, 32), whose
   * row has not moved yet, fails although the end result is fine.  The
   * failed statement is undone by SQLite itself (the transaction stays);
   * then every row goes to the parking range first (where nothing else
   * is) and from there to its place. */
  rc = run_shift (self, sql, document, from, delta, error);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      rc = run_shift (self, sql, document, from, delta + SHIFT_PARK, error);
      if (rc == SQLITE_DONE)
        rc = run_shift (self, sql, document, SHIFT_PARK, -SHIFT_PARK, error);
    }
  if (rc != SQLITE_DONE)
    {
      if (error == NULL || *error == NULL)
        cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_journal_shift (CbStore     *self,
                         const char  *table,
                         gint64       document,
                         gint64       from,
                         gint64       delta,
                         GError     **error)
{
  const CbJournalTable *journaled = _cb_schema_find_journal_table (table);
  sqlite3_stmt *stmt;
  gint64 entry;

  g_return_val_if_fail (journaled != NULL && shift_sql (table) != NULL, FALSE);

  if (self->journal_step == 0)
    return TRUE;

  stmt = cb_store_prepare (self,
                           /* 2: CB_JOURNAL_OP_UPDATE_ROW */
                           "INSERT INTO journal_entry (step, op, tbl, col, row_key) VALUES (?, 2, ?, '" SHIFT_COLUMN "', ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->journal_step);
  sqlite3_bind_text (stmt, 2, journaled->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, document);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  entry = sqlite3_last_insert_rowid (self->db);

  stmt = cb_store_prepare (self, "INSERT INTO journal_value (entry, name, value) VALUES (?1, 'from', ?2), (?1, 'delta', ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry);
  sqlite3_bind_int64 (stmt, 2, from + delta);
  sqlite3_bind_int64 (stmt, 3, -delta);
  return cb_store_step_done (self, stmt, error);
}

/* Splice entries: the text of one edit (see cb-store-edit.h).  An
 * UPDATE_ROW entry of the document table whose column is the marker below,
 * whose row_key is the document, and whose values are "start" and "end"
 * (code points of the text as it is when the entry is replayed) and "text"
 * (what goes back there).  An older Codeboom refuses the step as damaged. */
#define SPLICE_COLUMN "text~"

gboolean
_cb_store_journal_splice (CbStore     *self,
                          gint64       document,
                          gint64       start,
                          gint64       end,
                          const char  *replaced,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 entry;

  g_return_val_if_fail (start >= 0 && start <= end && replaced != NULL, FALSE);

  if (self->journal_step == 0)
    return TRUE;

  stmt = cb_store_prepare (self,
                           /* 2: CB_JOURNAL_OP_UPDATE_ROW */
                           "INSERT INTO journal_entry (step, op, tbl, col, row_key) VALUES (?, 2, 'document', '" SPLICE_COLUMN "', ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->journal_step);
  sqlite3_bind_int64 (stmt, 2, document);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  entry = sqlite3_last_insert_rowid (self->db);

  stmt = cb_store_prepare (self,
                           "INSERT INTO journal_value (entry, name, value) VALUES (?1, 'start', ?2), (?1, 'end', ?3), (?1, 'text', ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, replaced, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (self, stmt, error);
}

char *
cb_store_dup_journal_label (CbStore  *self,
                            gboolean  redo)
{
  sqlite3_stmt *stmt;
  char *label = NULL;

  stmt = cb_store_prepare (self, "SELECT label FROM journal_step WHERE kind = ? ORDER BY id DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, redo ? 1 : 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return label;
}

/* One journal entry, validated: @table is from the whitelist, and for a
 * row operation @values holds every one of its columns, in its order. */
typedef struct
{
  CbJournalOp           op;
  const CbJournalTable *table;
  const char           *column;     /* whitelist string */
  gint64                key;
  gint64                last;       /* a range of keys: key..last; else key */
  GPtrArray            *values;     /* sqlite3_value * (dups), or NULL */
  gboolean              shift;      /* a shift entry: key is the document */
  gint64                from;       /* shift: the rows starting at or after this */
  gint64                delta;      /* shift: move by this */
  gboolean              splice;     /* a splice entry: key is the document */
  gint64                start;      /* splice: [start, end) of the text ... */
  gint64                end;
  char                 *text;       /* ... becomes this */
} JournalEntry;

static void
journal_entry_free (gpointer data)
{
  JournalEntry *entry = data;

  g_clear_pointer (&entry->values, g_ptr_array_unref);
  g_free (entry->text);
  g_free (entry);
}

static void
value_free (gpointer data)
{
  sqlite3_value_free (data);
}

static gboolean
journal_damaged (CbStore  *self,
                 GError  **error)
{
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
               _("The undo history of the project “%s” is damaged; nothing was changed"),
               self->display_name);
  return FALSE;
}

/* The two values of shift entry @seq into @entry, checked: entry->shift
 * stays FALSE when they are not exactly "from" and "delta", integers, a
 * document id, a start and a non-zero delta within SHIFT_PARK, and rows
 * that would not start below 0 once moved.  FALSE only on a database
 * error. */
static gboolean
read_shift_values (CbStore       *self,
                   JournalEntry  *entry,
                   gint64         seq,
                   GError       **error)
{
  sqlite3_stmt *values = cb_store_prepare (self, "SELECT name, value FROM journal_value WHERE entry = ?", error);
  gboolean have_from = FALSE, have_delta = FALSE, ok = TRUE;
  int rc;

  if (values == NULL)
    return FALSE;
  sqlite3_bind_int64 (values, 1, seq);
  while ((rc = sqlite3_step (values)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (values, 0);
      gint64 value = sqlite3_column_int64 (values, 1);

      if (sqlite3_column_type (values, 1) != SQLITE_INTEGER)
        ok = FALSE;
      else if (g_strcmp0 (name, "from") == 0 && !have_from)
        {
          entry->from = value;
          have_from = TRUE;
        }
      else if (g_strcmp0 (name, "delta") == 0 && !have_delta)
        {
          entry->delta = value;
          have_delta = TRUE;
        }
      else
        ok = FALSE;
    }
  sqlite3_reset (values);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  entry->shift = ok && have_from && have_delta && entry->key > 0 &&
                 entry->from >= 0 && entry->from < SHIFT_PARK &&
                 entry->delta != 0 && entry->delta > -SHIFT_PARK && entry->delta < SHIFT_PARK &&
                 entry->from + entry->delta >= 0;
  return TRUE;
}

/* The values of splice entry @seq into @entry, checked: entry->splice
 * stays FALSE unless they are exactly "start" and "end" (integers, a range
 * within SHIFT_PARK; whether it lies within the text is checked when it is
 * replayed) and "text" (valid UTF-8), and the key a document id.  FALSE
 * only on a database error. */
static gboolean
read_splice_values (CbStore       *self,
                    JournalEntry  *entry,
                    gint64         seq,
                    GError       **error)
{
  sqlite3_stmt *values = cb_store_prepare (self, "SELECT name, value FROM journal_value WHERE entry = ?", error);
  gboolean have_start = FALSE, have_end = FALSE, ok = TRUE;
  int rc;

  if (values == NULL)
    return FALSE;
  sqlite3_bind_int64 (values, 1, seq);
  while ((rc = sqlite3_step (values)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (values, 0);
      int type = sqlite3_column_type (values, 1);

      if (g_strcmp0 (name, "start") == 0 && !have_start && type == SQLITE_INTEGER)
        {
          entry->start = sqlite3_column_int64 (values, 1);
          have_start = TRUE;
        }
      else if (g_strcmp0 (name, "end") == 0 && !have_end && type == SQLITE_INTEGER)
        {
          entry->end = sqlite3_column_int64 (values, 1);
          have_end = TRUE;
        }
      else if (g_strcmp0 (name, "text") == 0 && entry->text == NULL && type == SQLITE_TEXT)
        {
          const char *text = (const char *) sqlite3_column_text (values, 1);
          int length = sqlite3_column_bytes (values, 1);

          /* no NUL inside: the text is used as a C string */
          if (text == NULL || (int) strlen (text) != length || !g_utf8_validate_len (text, length, NULL))
            ok = FALSE;
          else
            entry->text = g_strndup (text, length);
        }
      else
        ok = FALSE;
    }
  sqlite3_reset (values);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  entry->splice = ok && have_start && have_end && entry->text != NULL && entry->key > 0 &&
                  entry->start >= 0 && entry->start <= entry->end && entry->end < SHIFT_PARK;
  return TRUE;
}

/* Entries read and checked at a time: a step may hold a million (undoing a
 * batch records every deleted coding), and all of them with their values
 * took a gigabyte. */
#define JOURNAL_PAGE 4096

/* Reads and validates the next page of entries of @step, newest first: those
 * below *@before (updated).  A journal from a file is untrusted input:
 * undo reads and checks every page of a step before it replays any. */
static GPtrArray *
read_journal_page (CbStore  *self,
                   gint64    step,
                   gint64   *before,
                   GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (journal_entry_free);
  sqlite3_stmt *stmt;
  sqlite3_stmt *values;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT seq, op, tbl, col, row_key, typeof (row_key) "
                           "FROM journal_entry WHERE step = ? AND seq < ? ORDER BY seq DESC LIMIT "
                           G_STRINGIFY (JOURNAL_PAGE), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, step);
  sqlite3_bind_int64 (stmt, 2, *before);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JournalEntry *entry = g_new0 (JournalEntry, 1);
      const char *column = (const char *) sqlite3_column_text (stmt, 3);
      int op = sqlite3_column_int (stmt, 1);
      int index;

      *before = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (entries, entry);
      entry->table = _cb_schema_find_journal_table ((const char *) sqlite3_column_text (stmt, 2));
      entry->key = sqlite3_column_int64 (stmt, 4);
      if (entry->table == NULL || sqlite3_column_type (stmt, 4) != SQLITE_INTEGER ||
          (op != CB_JOURNAL_OP_DELETE_ROWS && op != CB_JOURNAL_OP_INSERT_ROW && op != CB_JOURNAL_OP_UPDATE_ROW))
        goto damaged;
      entry->op = op;

      entry->last = entry->key;
      if (g_strcmp0 (column, entry->table->key) == 0)
        entry->column = entry->table->key;
      else if (op == CB_JOURNAL_OP_DELETE_ROWS && entry->table->delete_by != NULL &&
               g_strcmp0 (column, entry->table->delete_by) == 0)
        entry->column = entry->table->delete_by;
      else if (op == CB_JOURNAL_OP_DELETE_ROWS && entry->table->journal_inserts_from_c &&
               is_range_column (entry->table, column))
        {
          /* a range: its one value, named by the key, is the last key */
          entry->column = entry->table->key;
          values = cb_store_prepare (self, "SELECT name, value FROM journal_value WHERE entry = ?", error);
          if (values == NULL)
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          sqlite3_bind_int64 (values, 1, sqlite3_column_int64 (stmt, 0));
          index = 0;
          while ((rc = sqlite3_step (values)) == SQLITE_ROW)
            {
              if (index++ > 0 || g_strcmp0 ((const char *) sqlite3_column_text (values, 0), entry->table->key) != 0 ||
                  sqlite3_column_type (values, 1) != SQLITE_INTEGER)
                break;
              entry->last = sqlite3_column_int64 (values, 1);
            }
          sqlite3_reset (values);
          if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              cb_store_set_error (self, rc, error);
              return NULL;
            }
          if (rc != SQLITE_DONE || index != 1 || entry->last <= entry->key)
            goto damaged;
          continue;
        }
      else if (op == CB_JOURNAL_OP_UPDATE_ROW && g_strcmp0 (column, SPLICE_COLUMN) == 0 &&
               g_str_equal (entry->table->name, "document"))
        {
          if (!read_splice_values (self, entry, sqlite3_column_int64 (stmt, 0), error))
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          if (!entry->splice)
            goto damaged;
          continue;
        }
      else if (op == CB_JOURNAL_OP_UPDATE_ROW && g_strcmp0 (column, SHIFT_COLUMN) == 0 &&
               shift_sql (entry->table->name) != NULL)
        {
          if (!read_shift_values (self, entry, sqlite3_column_int64 (stmt, 0), error))
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          if (!entry->shift)
            goto damaged;
          continue;
        }
      else
        goto damaged;

      if (op == CB_JOURNAL_OP_DELETE_ROWS)
        continue;

      entry->values = g_ptr_array_new_with_free_func (value_free);
      for (guint c = 0; entry->table->columns[c] != NULL; c++)
        g_ptr_array_add (entry->values, NULL);

      values = cb_store_prepare (self, "SELECT name, value FROM journal_value WHERE entry = ?", error);
      if (values == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      sqlite3_bind_int64 (values, 1, sqlite3_column_int64 (stmt, 0));
      while ((rc = sqlite3_step (values)) == SQLITE_ROW)
        {
          index = _cb_journal_table_column (entry->table, (const char *) sqlite3_column_text (values, 0));
          if (index < 0 || entry->values->pdata[index] != NULL)
            {
              sqlite3_reset (values);
              goto damaged;
            }
          entry->values->pdata[index] = sqlite3_value_dup (sqlite3_column_value (values, 1));
          if (entry->values->pdata[index] == NULL)
            g_error ("out of memory");
        }
      sqlite3_reset (values);
      if (rc != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          cb_store_set_error (self, rc, error);
          return NULL;
        }

      /* every column, and the row's key where the entry says */
      for (guint c = 0; c < entry->values->len; c++)
        if (entry->values->pdata[c] == NULL)
          goto damaged;
      index = _cb_journal_table_column (entry->table, entry->table->key);
      if (sqlite3_value_type (entry->values->pdata[index]) != SQLITE_INTEGER ||
          sqlite3_value_int64 (entry->values->pdata[index]) != entry->key)
        goto damaged;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);

damaged:
  sqlite3_reset (stmt);
  journal_damaged (self, error);
  return NULL;
}

/* The statement that replays @entry, built from whitelist strings only and
 * cached by its text. */
static sqlite3_stmt *
replay_statement (CbStore            *self,
                  const JournalEntry *entry,
                  GError            **error)
{
  const char * const *columns = entry->table->columns;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  switch (entry->op)
    {
    case CB_JOURNAL_OP_DELETE_ROWS:
      if (entry->last != entry->key)
        g_string_printf (sql, "DELETE FROM main.\"%s\" WHERE \"%s\" BETWEEN ?1 AND ?2",
                         entry->table->name, entry->column);
      else
        g_string_printf (sql, "DELETE FROM main.\"%s\" WHERE \"%s\" = ?1",
                         entry->table->name, entry->column);
      break;

    case CB_JOURNAL_OP_INSERT_ROW:
      g_string_printf (sql, "INSERT INTO main.\"%s\" (", entry->table->name);
      for (guint c = 0; columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s\"%s\"", c ? ", " : "", columns[c]);
      g_string_append (sql, ") VALUES (");
      for (guint c = 0; columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s?%u", c ? ", " : "", c + 2);
      g_string_append (sql, ")");
      break;

    case CB_JOURNAL_OP_UPDATE_ROW:
      g_string_printf (sql, "UPDATE main.\"%s\" SET ", entry->table->name);
      for (guint c = 0; columns[c] != NULL; c++)
        g_string_append_printf (sql, "%s\"%s\" = ?%u", c ? ", " : "", columns[c], c + 2);
      g_string_append_printf (sql, " WHERE \"%s\" = ?1", entry->table->key);
      break;

    default:
      g_assert_not_reached ();
    }

  stmt = g_hash_table_lookup (self->replay_statements, sql->str);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->replay_statements, g_string_free (g_steal_pointer (&sql), FALSE), stmt);
  return stmt;
}

/* Rows re-inserted one after the other by a replay, whose inverse is
 * recorded from C as one range (see cb_store_journal_insert_range()). */
typedef struct
{
  const CbJournalTable *table;
  gint64                first;
  gint64                last;
} PendingRange;

static gboolean
flush_range (CbStore       *self,
             PendingRange  *pending,
             GError       **error)
{
  const CbJournalTable *table = pending->table;

  if (table == NULL)
    return TRUE;
  pending->table = NULL;
  return cb_store_journal_insert_range (self, table->name, pending->first, pending->last, error);
}

static gboolean
replay_entry (CbStore            *self,
              const JournalEntry *entry,
              PendingRange       *pending,
              GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean inserts_from_c = entry->op == CB_JOURNAL_OP_INSERT_ROW && entry->table->journal_inserts_from_c;

  /* the inverses stay in the order of the entries they undo */
  if (!inserts_from_c && !flush_range (self, pending, error))
    return FALSE;

  if (entry->splice)
    {
      /* untriggered; its inverse is a splice again */
      gint64 inverse = self->journal_step;
      g_autofree char *replaced = NULL;
      gboolean out_of_range = FALSE;

      if (!_cb_store_journal_set_step (self, 0, error))
        return FALSE;
      if (!_cb_store_splice_text (self, entry->key, entry->start, entry->end, entry->text,
                                  &replaced, &out_of_range, error))
        return out_of_range ? journal_damaged (self, error) : FALSE;
      return _cb_store_journal_set_step (self, inverse, error) &&
             _cb_store_journal_splice (self, entry->key, entry->start,
                                       entry->start + g_utf8_strlen (entry->text, -1), replaced, error);
    }

  if (entry->shift)
    {
      /* set-based and untriggered; its inverse is one entry again */
      gint64 inverse = self->journal_step;

      return _cb_store_journal_set_step (self, 0, error) &&
             _cb_store_shift_spans (self, entry->table->name, entry->key, entry->from, entry->delta, error) &&
             _cb_store_journal_set_step (self, inverse, error) &&
             _cb_store_journal_shift (self, entry->table->name, entry->key, entry->from, entry->delta, error);
    }

  stmt = replay_statement (self, entry, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->key);
  if (entry->last != entry->key)
    sqlite3_bind_int64 (stmt, 2, entry->last);
  if (entry->values != NULL)
    for (guint c = 0; c < entry->values->len; c++)
      sqlite3_bind_value (stmt, (int) c + 2, entry->values->pdata[c]);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  /* A text set back (an edit undone) may keep its length: its folded
   * search copy, derived and never journaled, must be made again. */
  if (entry->op == CB_JOURNAL_OP_UPDATE_ROW && g_str_equal (entry->table->name, "document"))
    {
      stmt = cb_store_prepare (self, "DELETE FROM main.document_folded WHERE document = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entry->key);
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!inserts_from_c)
    return TRUE;

  /* A re-inserted row whose table has no insert trigger: its inverse (for
   * redo) is recorded here.  Undoing a range deletion re-inserts its rows
   * in descending key order, so a run grows at either end. */
  if (pending->table == entry->table && entry->key == pending->first - 1)
    pending->first = entry->key;
  else if (pending->table == entry->table && entry->key == pending->last + 1)
    pending->last = entry->key;
  else
    {
      if (!flush_range (self, pending, error))
        return FALSE;
      pending->table = entry->table;
      pending->first = pending->last = entry->key;
    }
  return TRUE;
}

char *
cb_store_undo (CbStore   *self,
               gboolean   redo,
               GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  gint64 step = 0;
  gint64 inverse;

  if (!_cb_store_journal_ensure (self, error) || !cb_store_begin (self, NULL, error))
    return NULL;
  /* the values put back come from the file: check texts again */
  _cb_store_forget_validated_texts (self);

  stmt = cb_store_prepare (self, "SELECT id, label FROM journal_step WHERE kind = ? ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, redo ? 1 : 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      step = sqlite3_column_int64 (stmt, 0);
      label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (step == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOTHING_TO_UNDO,
                   redo ? _("There is nothing to redo in “%s”") : _("There is nothing to undo in “%s”"),
                   self->display_name);
      goto failed;
    }

  /* Every page checked first; then read again and replayed a page at a time. */
  {
    gint64 before = G_MAXINT64;

    do
      {
        g_clear_pointer (&entries, g_ptr_array_unref);
        if (!(entries = read_journal_page (self, step, &before, error)))
          goto failed;
      }
    while (entries->len == JOURNAL_PAGE);
  }

  /* Replaying the inverse records the inverse of the inverse: the undone
   * step becomes redoable and the redone one undoable again. */
  inverse = _cb_store_journal_add_step (self, redo ? 0 : 1, label, error);
  if (inverse == 0 || !_cb_store_journal_set_step (self, inverse, error))
    goto failed;

  {
    PendingRange pending = { NULL, 0, 0 };
    gint64 before = G_MAXINT64;

    do
      {
        g_clear_pointer (&entries, g_ptr_array_unref);
        if (!(entries = read_journal_page (self, step, &before, error)))
          goto failed;
        for (guint i = 0; i < entries->len; i++)
          if (!replay_entry (self, entries->pdata[i], &pending, error))
            goto failed;
      }
    while (entries->len == JOURNAL_PAGE);
    if (!flush_range (self, &pending, error))
      goto failed;
  }

  if (!_cb_store_journal_set_step (self, 0, error))
    goto failed;

  stmt = cb_store_prepare (self, "DELETE FROM journal_step WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, step);
  if (!cb_store_step_done (self, stmt, error))
    goto failed;

  if (!cb_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&label);

failed:
  cb_store_rollback (self);
  return NULL;
}

