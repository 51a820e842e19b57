/* cb-store-edit.c: the SQL of editing a document's text and moving its spans
 *
 * An edit rewrites the document row and moves the spans of every table
 * with start/end columns (coding, turn, case_coverage, memo_link, phase).
 * A set-based UPDATE cannot move them: SQLite checks UNIQUE constraints
 * row by row, so shifting [20, 30) onto [25, 35) fails while the row at
 * [25, 35) has not moved yet.  So the rows that go are deleted and the ones
 * that move are updated one at a time in an order that never collides
 * (move_spans()), and the journal records exactly that order: undo replays
 * it backwards, through the same states.  The journal is written
 * set-based, one statement per kind, instead of by its per-row triggers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-edit.h"
#include "cb-store-turns.h"
#include "cb-text.h"
#include "cb-turns.h"
#include "cb-types.h"

/* Maps [*start, *end) through one edit of [a, b) into n code points. */
static gboolean
map_one (gint64    a,
         gint64    b,
         gint64    n,
         gboolean  partition,
         gint64   *start,
         gint64   *end)
{
  gint64 s = *start;
  gint64 e = *end;
  gint64 delta = n - (b - a);

  if (e <= a)
    return TRUE;                      /* before; an insertion at its end leaves it */
  if (s >= b && !(s == a && a < b))
    {
      *start = s + delta;             /* after; an insertion at its start shifts it */
      *end = e + delta;
      return TRUE;
    }
  if (s >= a && e <= b)
    {
      /* inside: removed, unless it is exactly the replaced text */
      if (s == a && e == b && n > 0)
        {
          *end = a + n;
          return TRUE;
        }
      return FALSE;
    }
  if (s <= a && e >= b)
    {
      *end = e + delta;               /* contains it: grows or shrinks with it */
      return TRUE;
    }
  if (s < a)
    {
      *end = a + n;                   /* overlaps the left side: its part and the new text */
      return TRUE;
    }
  /* overlaps the right side */
  *start = partition ? a + n : a;
  *end = e + delta;
  return TRUE;
}

gboolean
_cb_store_edit_map_span (const CbStoreEdit *edits,
                         guint              n_edits,
                         gboolean           partition,
                         gint64            *start,
                         gint64            *end)
{
  /* from the last: an edit never moves what lies before it, so each one
   * sees the offsets of the old text where it applies */
  for (guint i = n_edits; i-- > 0;)
    if (!map_one (edits[i].start, edits[i].end, edits[i].n_chars, partition, start, end))
      return FALSE;
  return TRUE;
}

/* A point (a turn's text_start) moves like a span's start. */
static gint64
map_point (const CbStoreEdit *edits,
           guint              n_edits,
           gint64             point)
{
  for (guint i = n_edits; i-- > 0;)
    {
      gint64 a = edits[i].start;
      gint64 b = edits[i].end;

      if (point < a || (point == a && a < b))
        continue;
      if (point >= b)
        point += edits[i].n_chars - (b - a);
      else
        point = a;
    }
  return point;
}

/* The span tables.  The SQL is spelled out per table (statements are cached
 * by the address of their literal). */
typedef enum
{
  TABLE_CODING,
  TABLE_TURN,
  TABLE_CASE_COVERAGE,
  TABLE_MEMO_LINK,
  TABLE_PHASE,
  N_TABLES
} SpanTableId;

typedef struct
{
  const char *name;
  gboolean    inserts_from_c;  /* journaled from C (no insert trigger) */
  gboolean    partition;
  /* id, start, end, then two keys of a UNIQUE constraint with the span */
  const char *select;
  const char *create_copy;
  const char *copy;
  const char *remove;   /* the rows that go */
  const char *clear_copy;
  const char *update;   /* ?1 start, ?2 end, ?3 id (turn: ?4 text_start) */
} SpanTable;

#define SPAN_SQL(t) \
  "CREATE TEMP TABLE IF NOT EXISTS cb_edit_" t " AS SELECT * FROM main." t " WHERE 0;" \
  "CREATE UNIQUE INDEX IF NOT EXISTS temp.cb_edit_" t "_id ON cb_edit_" t " (id)", \
  "INSERT INTO temp.cb_edit_" t " SELECT * FROM main." t \
  " WHERE id IN (SELECT id FROM temp.cb_edit_row)", \
  "DELETE FROM main." t " WHERE id IN (SELECT id FROM temp.cb_edit_row WHERE NOT keep)", \
  "DELETE FROM temp.cb_edit_" t

static const SpanTable span_tables[N_TABLES] = {
  { "coding", TRUE, FALSE,
    "SELECT id, start, end, code, coder FROM main.coding WHERE document = ?1 AND end >= ?2",
    SPAN_SQL ("coding"), "UPDATE main.coding SET start = ?1, end = ?2 WHERE id = ?3" },
  { "turn", TRUE, TRUE,
    "SELECT id, start, end, text_start, 0 FROM main.turn WHERE document = ?1 AND end >= ?2",
    SPAN_SQL ("turn"), "UPDATE main.turn SET start = ?1, end = ?2, text_start = ?4 WHERE id = ?3" },
  { "case_coverage", FALSE, FALSE,
    "SELECT id, start, end, case_unit, 0 FROM main.case_coverage"
    " WHERE document = ?1 AND start IS NOT NULL AND end >= ?2",
    SPAN_SQL ("case_coverage"), "UPDATE main.case_coverage SET start = ?1, end = ?2 WHERE id = ?3" },
  { "memo_link", FALSE, FALSE,
    "SELECT id, start, end, memo, 0 FROM main.memo_link WHERE document = ?1 AND end >= ?2",
    SPAN_SQL ("memo_link"), "UPDATE main.memo_link SET start = ?1, end = ?2 WHERE id = ?3" },
  { "phase", FALSE, TRUE,
    "SELECT id, start, end, 0, 0 FROM main.phase WHERE document = ?1 AND end >= ?2",
    SPAN_SQL ("phase"), "UPDATE main.phase SET start = ?1, end = ?2 WHERE id = ?3" },
};

typedef struct
{
  gint64   id;
  gint64   start;     /* old */
  gint64   end;
  gint64   key1;      /* coding: code; turn: text_start; case_coverage: case; memo_link: memo */
  gint64   key2;      /* coding: coder */
  gint64   new_start;
  gint64   new_end;
  gint64   new_key1;
  gboolean kept;
  gboolean changed;
} SpanRow;

typedef struct
{
  gint64 start;
  gint64 end;
  gint64 key1;
  gint64 key2;
} SpanKey;

static guint
span_key_hash (gconstpointer data)
{
  const SpanKey *key = data;

  return (guint) (key->start * 31 + key->end * 17 + key->key1 * 7 + key->key2);
}

static gboolean
span_key_equal (gconstpointer a,
                gconstpointer b)
{
  return memcmp (a, b, sizeof (SpanKey)) == 0;
}

/* Appends the removed coding @id (old span) to @removed as a CbSegment. */
static gboolean
report_removed_coding (CbStore    *self,
                       gint64      id,
                       GPtrArray  *removed,
                       GError    **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT g.uuid, g.document, g.code, g.start, g.end, c.name, g.created, g.memo"
                                         " FROM main.coding g JOIN main.coder c ON c.id = g.coder WHERE g.id = ?",
                                         error);
  CbSegment *segment;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  segment = g_new0 (CbSegment, 1);
  segment->coding_id = id;
  segment->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  segment->document_id = sqlite3_column_int64 (stmt, 1);
  segment->code_id = sqlite3_column_int64 (stmt, 2);
  segment->start = sqlite3_column_int64 (stmt, 3);
  segment->end = sqlite3_column_int64 (stmt, 4);
  segment->coder = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  segment->created = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  segment->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  sqlite3_reset (stmt);
  g_ptr_array_add (removed, segment);
  return TRUE;
}

/* Which of two rows with the same span and keys stays: the older coding
 * (created, then id); for the other tables the lower id. */
static gboolean
is_older (CbStore     *self,
          SpanTableId  table,
          gint64       a,
          gint64       b)
{
  sqlite3_stmt *stmt;
  gboolean older = a < b;

  if (table != TABLE_CODING)
    return older;
  stmt = cb_store_prepare (self,
                           "SELECT (SELECT created FROM main.coding WHERE id = ?1) < (SELECT created FROM main.coding WHERE id = ?2),"
                           " (SELECT created FROM main.coding WHERE id = ?1) = (SELECT created FROM main.coding WHERE id = ?2)",
                           NULL);
  if (stmt == NULL)
    return older;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW && !sqlite3_column_int (stmt, 1))
    older = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return older;
}

/* The journal, written set-based.  The journal's triggers record a row at
 * a time (an entry and a value per column, each a trigger program run);
 * for the hundreds of codings an edit moves that was most of its time.
 * These statements write exactly what the triggers would (see
 * cb-store-journal.c), one statement per kind, while the triggers are
 * paused. */
typedef struct
{
  char *removed_entries; /* ?1 step: an entry per removed row of cb_edit_row */
  char *moved_entries;   /* ?1 step: an entry per moved row, in the order they moved */
  char *old_values;      /* ?1 step, ?2 first seq: their every column, from the copy */
} JournalSql;

static JournalSql journal_sql[N_TABLES];

static void
build_journal_sql (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  for (int t = 0; t < N_TABLES; t++)
    {
      const char *name = span_tables[t].name;
      const CbJournalTable *table = _cb_schema_find_journal_table (name);
      g_autoptr(GString) values = g_string_new (NULL);

      g_assert (table != NULL && g_str_equal (table->key, "id"));
      /* the rows that went (INSERT_ROW) first, then the moved ones
       * (UPDATE_ROW) in the order they moved */
      journal_sql[t].removed_entries = g_strdup_printf (
        "INSERT INTO main.journal_entry (step, op, tbl, col, row_key)"
        " SELECT ?1, %d, '%s', 'id', id FROM temp.cb_edit_row WHERE NOT keep ORDER BY id",
        CB_JOURNAL_OP_INSERT_ROW, name);
      journal_sql[t].moved_entries = g_strdup_printf (
        "INSERT INTO main.journal_entry (step, op, tbl, col, row_key)"
        " SELECT ?1, %d, '%s', 'id', id FROM temp.cb_edit_row WHERE keep ORDER BY ord, id",
        CB_JOURNAL_OP_UPDATE_ROW, name);
      g_string_append (values, "INSERT INTO main.journal_value (entry, name, value) SELECT e.seq, v.name, CASE v.name");
      for (guint c = 0; table->columns[c] != NULL; c++)
        g_string_append_printf (values, " WHEN '%s' THEN c.\"%s\"", table->columns[c], table->columns[c]);
      g_string_append_printf (values, " END FROM main.journal_entry e JOIN temp.cb_edit_%s c ON c.id = e.row_key, (", name);
      for (guint c = 0; table->columns[c] != NULL; c++)
        g_string_append_printf (values, "%sSELECT '%s' AS name", c ? " UNION ALL " : "", table->columns[c]);
      /* (not the shift entry among them: its row_key is a document) */
      g_string_append (values, ") v WHERE e.step = ?1 AND e.seq >= ?2 AND e.col = 'id' ORDER BY e.seq, v.name");
      journal_sql[t].old_values = g_string_free (g_steal_pointer (&values), FALSE);
    }
  g_once_init_leave (&done, 1);
}

/* The step being recorded (0: none), read from the journal's own state. */
static gint64
recording_step (CbStore *self)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT ifnull (step, 0) FROM temp.cb_journal_state", NULL);

  /* no such table: the journal was never installed, nothing records */
  return stmt != NULL ? cb_store_query_int64 (self, stmt, 0, NULL) : 0;
}

static gboolean
set_recording_step (CbStore  *self,
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
  return cb_store_step_done (self, stmt, error);
}

static gboolean
run_step_sql (CbStore     *self,
              const char  *sql,
              gint64       step,
              gint64       first,
              GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step);
  if (first > 0)
    sqlite3_bind_int64 (stmt, 2, first);
  return cb_store_step_done (self, stmt, error);
}

/* Empties temp table @clear (a cached statement), making the temp tables
 * first when they are not there (a new connection, or a rollback that took
 * them). */
static gboolean
clear_temp (CbStore     *self,
            const char  *clear,
            const char  *create,
            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, clear, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (!cb_store_exec (self, create, error))
    return FALSE;
  stmt = cb_store_prepare (self, clear, error);
  return stmt != NULL && cb_store_step_done (self, stmt, error);
}

static gint
compare_rows_ascending (gconstpointer a,
                        gconstpointer b)
{
  const SpanRow *x = *(SpanRow * const *) a;
  const SpanRow *y = *(SpanRow * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static gint
compare_rows_descending (gconstpointer a,
                         gconstpointer b)
{
  return compare_rows_ascending (b, a);
}

/* The pure shift of one edit: the rows that lie wholly after it move by
 * one set-based statement and one journal entry (_cb_store_shift_spans,
 * _cb_store_journal_shift) instead of one UPDATE and one entry of every
 * old column per row.  Undo must find exactly those rows again by their
 * start alone, so the order of the step's entries and which rows go by
 * the shift are chosen so that, wherever the shift is replayed, every other
 * row of the document starts before its threshold:
 * - the text grew (delta > 0): the removed rows go, then the shift (every
 *   row starting at or after the edit's end), then the clipped and grown
 *   rows move.  Undo puts those back first (they start before the edit's
 *   end), then shifts back the rows at or after end + delta.
 * - the text shrank: the removed rows go, the clipped rows move (to
 *   starts at most a + n), then the shift of the rows starting after the
 *   edit's end (a row starting exactly there ends up at a + n beside a
 *   clipped one, so it moves as a row of its own).  Undo shifts back the
 *   rows starting after a + n first. */
typedef struct
{
  gboolean active;
  gboolean first;     /* before the other moves (delta > 0) */
  gint64   from;      /* old starts at or after this shift */
  gint64   delta;
  guint    n_rows;
} Shift;

static void
plan_shift (Shift             *shift,
            const CbStoreEdit *edits,
            guint              n_edits)
{
  memset (shift, 0, sizeof *shift);
  if (n_edits != 1)
    return;
  shift->delta = edits[0].n_chars - (edits[0].end - edits[0].start);
  if (shift->delta == 0)
    return;
  shift->active = TRUE;
  shift->first = shift->delta > 0;
  shift->from = shift->first ? edits[0].end : edits[0].end + 1;
}

static gboolean
move_spans (CbStore           *self,
            SpanTableId        table_id,
            gint64             document,
            const CbStoreEdit *edits,
            guint              n_edits,
            GPtrArray         *removed,
            GError           **error)
{
  const SpanTable *table = &span_tables[table_id];
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SpanRow));
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (span_key_hash, span_key_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  guint n_changed = 0;
  gint64 step;
  Shift shift;
  int rc;

  plan_shift (&shift, edits, n_edits);

  stmt = cb_store_prepare (self, table->select, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, edits[0].start);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SpanRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.start = row.new_start = sqlite3_column_int64 (stmt, 1);
      row.end = row.new_end = sqlite3_column_int64 (stmt, 2);
      row.key1 = row.new_key1 = sqlite3_column_int64 (stmt, 3);
      row.key2 = sqlite3_column_int64 (stmt, 4);
      row.kept = _cb_store_edit_map_span (edits, n_edits, table->partition, &row.new_start, &row.new_end);
      if (row.kept && table_id == TABLE_TURN)
        row.new_key1 = CLAMP (map_point (edits, n_edits, row.key1), row.new_start, row.new_end);
      row.changed = !row.kept || row.new_start != row.start || row.new_end != row.end || row.new_key1 != row.key1;
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  /* Spans that came to be equal under a UNIQUE constraint become one: the
   * older stays. */
  if (table_id != TABLE_TURN)
    for (guint i = 0; i < rows->len; i++)
      {
        SpanRow *row = &g_array_index (rows, SpanRow, i);
        SpanKey key = { row->new_start, row->new_end, row->key1, row->key2 };
        gpointer other_index;

        if (!row->kept)
          continue;
        if (table_id == TABLE_PHASE)
          key.end = 0;    /* UNIQUE (document, start) */
        if (g_hash_table_lookup_extended (by_key, &key, NULL, &other_index))
          {
            SpanRow *other = &g_array_index (rows, SpanRow, GPOINTER_TO_UINT (other_index));

            if (is_older (self, table_id, row->id, other->id))
              {
                other->kept = FALSE;
                other->changed = TRUE;
                g_hash_table_insert (by_key, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (i));
              }
            else
              {
                row->kept = FALSE;
                row->changed = TRUE;
              }
          }
        else
          g_hash_table_insert (by_key, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (i));
      }

  /* Which rows the shift moves: every kept one at or after its start.
   * Each must be a pure shift (map_one() makes it one; a turn whose
   * text_start lay outside it would not be), else this table goes row by
   * row. */
  for (guint i = 0; shift.active && i < rows->len; i++)
    {
      SpanRow *row = &g_array_index (rows, SpanRow, i);

      if (!row->kept || row->start < shift.from)
        continue;
      if (row->new_start != row->start + shift.delta || row->new_end != row->end + shift.delta ||
          (table_id == TABLE_TURN && row->new_key1 != row->key1 + shift.delta))
        shift.active = FALSE;
      shift.n_rows++;
    }
  if (!shift.active)
    shift.n_rows = 0;

  if (!clear_temp (self, "DELETE FROM temp.cb_edit_row",
                   "CREATE TEMP TABLE IF NOT EXISTS cb_edit_row"
                   " (id INTEGER PRIMARY KEY, keep INTEGER, ord INTEGER)",
                   error))
    return FALSE;
  stmt = cb_store_prepare (self, "INSERT INTO temp.cb_edit_row (id, keep, ord) VALUES (?, ?, 0)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      SpanRow *row = &g_array_index (rows, SpanRow, i);

      if (!row->changed || (shift.n_rows > 0 && row->kept && row->start >= shift.from))
        continue;
      n_changed++;
      if (!row->kept && table_id == TABLE_CODING && removed != NULL &&
          !report_removed_coding (self, row->id, removed, error))
        return FALSE;
      if (row->kept)
        g_ptr_array_add (pending, row);
      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int (stmt, 2, row->kept);
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (n_changed == 0 && shift.n_rows == 0)
    return TRUE;

  /* the old rows, every column, for the journal; its triggers paused */
  build_journal_sql ();
  step = recording_step (self);
  if (step > 0 && n_changed > 0 &&
      (!clear_temp (self, table->clear_copy, table->create_copy, error) ||
       !(stmt = cb_store_prepare (self, table->copy, error)) || !cb_store_step_done (self, stmt, error)))
    return FALSE;
  if (step > 0 && !set_recording_step (self, 0, error))
    return FALSE;

  if (n_changed > 0 &&
      (!(stmt = cb_store_prepare (self, table->remove, error)) || !cb_store_step_done (self, stmt, error)))
    return FALSE;

  if (shift.n_rows > 0 && shift.first &&
      !_cb_store_shift_spans (self, table->name, document, shift.from, shift.delta, error))
    return FALSE;

  /* Moved one row at a time, in an order in which no row lands where one
   * that has yet to move still is: from the far end when spans grow to
   * the right, from the start when they shrink.  A row that still meets
   * one (a chain in the other direction) waits for the next pass.  The
   * journal keeps that order, so that undo, which replays it backwards,
   * never meets a collision either. */
  {
    gint64 delta = 0;
    gint64 ord = 1;

    for (guint i = 0; i < n_edits; i++)
      delta += edits[i].n_chars - (edits[i].end - edits[i].start);
    g_ptr_array_sort (pending, delta > 0 ? compare_rows_descending : compare_rows_ascending);

    while (pending->len > 0)
      {
        guint before = pending->len;
        guint kept = 0;

        for (guint i = 0; i < pending->len; i++)
          {
            SpanRow *row = pending->pdata[i];
            sqlite3_stmt *order;

            stmt = cb_store_prepare (self, table->update, error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, row->new_start);
            sqlite3_bind_int64 (stmt, 2, row->new_end);
            sqlite3_bind_int64 (stmt, 3, row->id);
            if (table_id == TABLE_TURN)
              sqlite3_bind_int64 (stmt, 4, row->new_key1);
            rc = sqlite3_step (stmt);
            sqlite3_reset (stmt);
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                pending->pdata[kept++] = row;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                cb_store_set_error (self, rc, error);
                return FALSE;
              }
            order = cb_store_prepare (self, "UPDATE temp.cb_edit_row SET ord = ? WHERE id = ?", error);
            if (order == NULL)
              return FALSE;
            sqlite3_bind_int64 (order, 1, ord++);
            sqlite3_bind_int64 (order, 2, row->id);
            if (!cb_store_step_done (self, order, error))
              return FALSE;
          }
        g_ptr_array_set_size (pending, kept);
        if (pending->len == before)
          {
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                         _("The %s spans of document %" PRId64 " cannot be moved without a collision"),
                         table->name, document);
            return FALSE;
          }
      }
  }

  if (shift.n_rows > 0 && !shift.first &&
      !_cb_store_shift_spans (self, table->name, document, shift.from, shift.delta, error))
    return FALSE;

  if (step > 0)
    {
      gint64 first;

      /* in the order undo must meet them backwards (see Shift) */
      stmt = cb_store_prepare (self, "SELECT ifnull (max (seq), 0) + 1 FROM main.journal_entry", error);
      if (stmt == NULL || (first = cb_store_query_int64 (self, stmt, 0, error)) <= 0 ||
          (n_changed > 0 && !run_step_sql (self, journal_sql[table_id].removed_entries, step, 0, error)) ||
          (shift.n_rows > 0 && shift.first &&
           !_cb_store_journal_shift (self, table->name, document, shift.from, shift.delta, error)) ||
          (n_changed > 0 && !run_step_sql (self, journal_sql[table_id].moved_entries, step, 0, error)) ||
          (shift.n_rows > 0 && !shift.first &&
           !_cb_store_journal_shift (self, table->name, document, shift.from, shift.delta, error)) ||
          (n_changed > 0 && !run_step_sql (self, journal_sql[table_id].old_values, step, first, error)) ||
          !set_recording_step (self, step, error))
        return FALSE;
    }
  return TRUE;
}

/* Sets the text columns of document @document (not journaled by itself
 * when the triggers are paused) and drops its folded search copy, which is
 * derived and never journaled: search folds the text again when it finds
 * none. */
static gboolean
set_document_text (CbStore     *self,
                   gint64       document,
                   const char  *text,
                   gsize        length,
                   gint64       n_chars,
                   GError     **error)
{
  g_autoptr(GBytes) char_index = cb_text_build_char_index (text, length);
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "UPDATE main.document SET text = ?, n_chars = ?, char_index = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, length, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, n_chars);
  sqlite3_bind_blob64 (stmt, 3, g_bytes_get_size (char_index) > 0 ? g_bytes_get_data (char_index, NULL) : (gconstpointer) "",
                       g_bytes_get_size (char_index), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, document);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self, "DELETE FROM main.document_folded WHERE document = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_splice_text (CbStore     *self,
                       gint64       document,
                       gint64       start,
                       gint64       end,
                       const char  *replacement,
                       char       **replaced,
                       gboolean    *out_of_range,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) spliced = NULL;
  CbTextWalker walker;
  gsize length = 0, start_byte, end_byte;
  gint64 n_chars;

  *out_of_range = FALSE;
  text = _cb_store_dup_document_text (self, document, &length, error);
  if (text == NULL)
    return FALSE;
  /* counted, not taken from n_chars: the range is checked against the text */
  n_chars = cb_text_count_chars (text, length);
  if (start < 0 || start > end || end > n_chars || !g_utf8_validate (replacement, -1, NULL))
    {
      *out_of_range = TRUE;
      return FALSE;
    }

  cb_text_walker_init (&walker, text, length, FALSE);
  start_byte = cb_text_walker_byte_at (&walker, start);
  end_byte = cb_text_walker_byte_at (&walker, end);
  spliced = g_string_sized_new (length + strlen (replacement));
  g_string_append_len (spliced, text, start_byte);
  g_string_append (spliced, replacement);
  g_string_append_len (spliced, text + end_byte, length - end_byte);

  if (!set_document_text (self, document, spliced->str, spliced->len,
                          n_chars - (end - start) + g_utf8_strlen (replacement, -1), error))
    return FALSE;
  if (replaced != NULL)
    *replaced = g_strndup (text + start_byte, end_byte - start_byte);
  return TRUE;
}

gboolean
_cb_store_edit_document (CbStore           *self,
                         gint64             document,
                         const CbStoreEdit *edits,
                         guint              n_edits,
                         const char        *replaced,
                         const char        *text,
                         gsize              length,
                         gint64             n_chars,
                         gboolean           pseudonymised,
                         GPtrArray         *removed,
                         GError           **error)
{
  const char *now = cb_store_now (self);
  gboolean splice = replaced != NULL && n_edits == 1;
  gint64 step = splice ? recording_step (self) : 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (n_edits > 0, FALSE);

  /* one edit: its old text as a splice entry, not the whole old row */
  if (step > 0 && !set_recording_step (self, 0, error))
    return FALSE;
  if (!set_document_text (self, document, text, length, n_chars, error))
    return FALSE;
  if (step > 0 &&
      (!set_recording_step (self, step, error) ||
       !_cb_store_journal_splice (self, document, edits[0].start, edits[0].start + edits[0].n_chars, replaced, error)))
    return FALSE;

  if (pseudonymised)
    stmt = cb_store_prepare (self,
                             "INSERT INTO main.document_status (document, edited, pseudonymised) VALUES (?1, ?2, ?2)"
                             " ON CONFLICT (document) DO UPDATE SET edited = ?2, pseudonymised = ?2",
                             error);
  else
    stmt = cb_store_prepare (self,
                             "INSERT INTO main.document_status (document, edited) VALUES (?1, ?2)"
                             " ON CONFLICT (document) DO UPDATE SET edited = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  for (int t = 0; t < N_TABLES; t++)
    if (!move_spans (self, t, document, edits, n_edits, removed, error))
      return FALSE;

  return TRUE;
}

gboolean
_cb_store_edit_find_turn (CbStore  *self,
                          gint64    document,
                          gint64    start,
                          gint64   *text_start,
                          GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT text_start FROM main.turn WHERE document = ? AND start = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, start);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *text_start = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    cb_store_set_error (self, rc, error);
  return rc == SQLITE_ROW;
}

gboolean
_cb_store_edit_replace_turns (CbStore    *self,
                              gint64      document,
                              gint64      from,
                              gint64      to,
                              GPtrArray  *turns,
                              gint64      previous_end,
                              GError    **error)
{
  sqlite3_stmt *stmt;

  if (previous_end >= 0)
    {
      stmt = cb_store_prepare (self,
                               "UPDATE main.turn SET end = ?3 WHERE id ="
                               " (SELECT id FROM main.turn WHERE document = ?1 AND start < ?2 ORDER BY start DESC LIMIT 1)"
                               " AND ?3 > start AND ?3 >= text_start",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document);
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, previous_end);
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = cb_store_prepare (self, "DELETE FROM main.turn WHERE document = ? AND start BETWEEN ? AND ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < turns->len; i++)
    {
      CbTurn *turn = turns->pdata[i];
      gint64 speaker = _cb_store_find_speaker (self, document, turn->speaker, error);

      if (speaker < 0)
        return FALSE;
      if (speaker == 0)
        {
          speaker = _cb_store_ensure_speaker (self, document, turn->speaker, error);
          if (speaker == 0 || !cb_store_journal_insert (self, "speaker", speaker, error))
            return FALSE;
        }
      if (!_cb_store_insert_turn (self, document, speaker, turn->start, turn->end, turn->text_start,
                                  turn->timestamp, error) ||
          !cb_store_journal_insert (self, "turn", sqlite3_last_insert_rowid (cb_store_get_db (self)), error))
        return FALSE;
    }

  stmt = cb_store_prepare (self,
                           "DELETE FROM main.speaker WHERE document = ?1"
                           " AND id NOT IN (SELECT speaker FROM main.turn WHERE document = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  return cb_store_step_done (self, stmt, error);
}
