/* cb-store-private.h: the project store, the only module that speaks SQL (private)
 *
 * CbStore owns one SQLite connection: the pragmas, the schema and its
 * migrations, a cache of prepared statements, transactions with their undo
 * journal, and the mapping of SQLite failures onto CB_PROJECT_ERROR.
 * The _cb_store_* functions in cb-store-*.c are the queries; nothing outside
 * cb-store*.c and cb-schema.c includes sqlite3.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

#include "cb-types.h"

G_BEGIN_DECLS

typedef struct _CbStore CbStore;

CbStore      *cb_store_open             (const char    *path,
                                         gboolean       create,
                                         GError       **error);
void          cb_store_free             (CbStore       *self);
const char   *cb_store_get_path         (CbStore       *self);
const char   *cb_store_get_display_name (CbStore       *self);
sqlite3      *cb_store_get_db           (CbStore       *self);
int           cb_store_get_user_version (CbStore       *self);
/* Changes whenever ANOTHER connection (another process, or a second
 * CbProject on the same file) commits a change; our own commits leave it. */
guint64       cb_store_get_data_version (CbStore       *self);

/* Every connection to a project file, the backup's included: defensive
 * mode, no untrusted schema, no ATTACH, no extensions, and an authorizer
 * that allows only the SQL functions Codeboom uses. */
void          cb_store_harden_connection (sqlite3      *db);

/* A cached prepared statement, reset and unbound; @sql must be a string
 * literal (the cache is keyed by its address). */
sqlite3_stmt *cb_store_prepare          (CbStore       *self,
                                         const char    *sql,
                                         GError       **error);
/* Steps @stmt (bound by the caller) once and resets it: column 0 of its
 * row, @if_none when there is no row, -1 with @error set on failure.
 * For lookups of ids and counts, which are never negative. */
gint64        cb_store_query_int64      (CbStore       *self,
                                         sqlite3_stmt  *stmt,
                                         gint64         if_none,
                                         GError       **error);
gboolean      cb_store_exec             (CbStore       *self,
                                         const char    *sql,
                                         GError       **error);

/* Steps @stmt to completion; FALSE with @error set on failure. */
gboolean      cb_store_step_done        (CbStore       *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);

/* Transactions.  A transaction with an @undo_label is one user action: every
 * row it changes is recorded in the journal so that it can be undone, and
 * the redo history is dropped.  Without a label nothing is recorded. */
gboolean      cb_store_begin            (CbStore       *self,
                                         const char    *undo_label,
                                         GError       **error);
gboolean      cb_store_commit           (CbStore       *self,
                                         GError       **error);
void          cb_store_rollback         (CbStore       *self);
gboolean      cb_store_in_transaction   (CbStore       *self);

/* A read transaction (cb-store-snapshot.c): the queries between begin and
 * end see one state of the project.  Not inside another transaction; the
 * caller that nests reads keeps count (see _cb_project_begin_read). */
gboolean      cb_store_begin_read       (CbStore       *self,
                                         GError       **error);
void          cb_store_end_read         (CbStore       *self);

/* Until called again with NULL, a statement running when @cancellable is
 * cancelled stops with SQLITE_INTERRUPT (and SQLite rolls back the
 * transaction it changes); the caller reports G_IO_ERROR_CANCELLED.
 * @cancellable must outlive that call (cb-store-snapshot.c). */
void          cb_store_set_cancellable  (CbStore       *self,
                                         GCancellable  *cancellable);

/* Records the inverse of inserting row @id into @table in the step being
 * recorded, for tables whose inserts are not journaled by triggers. */
gboolean      cb_store_journal_insert   (CbStore       *self,
                                         const char    *table,
                                         gint64         id,
                                         GError       **error);
/* The same for rows @first..@last (inclusive), all inserted by this step:
 * one entry however many rows (cb-store-journal.c). */
gboolean      cb_store_journal_insert_range (CbStore   *self,
                                             const char *table,
                                             gint64     first,
                                             gint64     last,
                                             GError   **error);

/* Records, as the next entry of the step being recorded, "delete the rows
 * of @table whose @column is @value": it runs before the entries recorded
 * earlier when the step is undone.  @table must be journaled and @column its
 * key or its delete_by column (see CbJournalTable). */
gboolean      cb_store_journal_delete_rows (CbStore    *self,
                                            const char *table,
                                            const char *column,
                                            gint64      value,
                                            GError    **error);

/* The project_setting key of the revision token cb_store_commit() replaces
 * in every user action (schema 4). */
#define CB_STORE_REVISION_KEY "cb.revision"

/* After a loop of sqlite3_step() that ended with @rc: resets @stmt;
 * FALSE with @error set unless @rc is SQLITE_DONE. */
gboolean      cb_store_rows_done        (CbStore       *self,
                                         sqlite3_stmt  *stmt,
                                         int            rc,
                                         GError       **error);
/* Steps @stmt (prepared and bound) to its end, appending each row's
 * column 0 (an id) to @ids and column 1 (a text; "" for NULL) to @names. */
gboolean      cb_store_collect_ids_names (CbStore      *self,
                                          sqlite3_stmt *stmt,
                                          GArray       *ids,
                                          GPtrArray    *names,
                                          GError      **error);

/* A random (version 4) UUID, lower case. */
char         *cb_store_new_uuid         (CbStore       *self);

/* The current time as ISO 8601 UTC ("2024-03-14T10:00:00Z"). */
const char   *cb_store_now              (CbStore       *self);

/* Undo/redo the newest step, each in one transaction; returns its label. */
char         *cb_store_dup_journal_label (CbStore      *self,
                                          gboolean      redo);
char         *cb_store_undo             (CbStore       *self,
                                         gboolean       redo,
                                         GError       **error);

/* Sets @error from the connection's last failure, naming the project file. */
void          cb_store_set_error        (CbStore       *self,
                                         int            rc,
                                         GError       **error);

/* Documents (cb-store-documents.c) */
typedef struct
{
  const char   *uuid;
  const char   *name;
  const char   *text;
  gsize         length;
  gint64        n_chars;
  const char   *source_name;
  const char   *source_sha256;
  const guint8 *source_bytes;     /* may be NULL */
  gsize         source_length;
} CbStoreNewDocument;

gint64        _cb_store_insert_document    (CbStore                  *self,
                                            const CbStoreNewDocument *document,
                                            GError                  **error);
/* 0 when there is none (no error), -1 on failure */
gint64        _cb_store_find_document      (CbStore                  *self,
                                            const char               *name,
                                            GError                  **error);
GPtrArray    *_cb_store_list_documents     (CbStore                  *self,
                                            gint64                    only_id,
                                            GError                  **error);
/* The character count of document @id, or -1 with @error set. */
gint64        _cb_store_get_document_length (CbStore                 *self,
                                             gint64                   id,
                                             GError                 **error);
char         *_cb_store_dup_document_text  (CbStore                  *self,
                                            gint64                    id,
                                            gsize                    *length,
                                            GError                  **error);
GBytes       *_cb_store_dup_document_source (CbStore                 *self,
                                             gint64                   id,
                                             GError                 **error);
gboolean      _cb_store_update_document_text_field (CbStore          *self,
                                                    gint64            id,
                                                    const char       *field,
                                                    const char       *value,
                                                    GError          **error);
gboolean      _cb_store_delete_document    (CbStore                  *self,
                                            gint64                    id,
                                            GError                  **error);

/* Project and coders (cb-store-documents.c) */
gboolean      _cb_store_insert_project     (CbStore                  *self,
                                            const char               *uuid,
                                            const char               *name,
                                            GError                  **error);
char         *_cb_store_dup_project_field  (CbStore                  *self,
                                            const char               *field);
gboolean      _cb_store_set_project_memo   (CbStore                  *self,
                                            const char               *memo,
                                            GError                  **error);
/* Id of coder @name, adding it with @uuid (a new one when NULL or taken)
 * when there is none; 0 with @error set on failure. */
gint64        _cb_store_ensure_coder       (CbStore                  *self,
                                            const char               *name,
                                            const char               *uuid,
                                            GError                  **error);
GPtrArray    *_cb_store_list_coders        (CbStore                  *self,
                                            GError                  **error);

/* Codes (cb-store-codes.c) */
typedef struct
{
  gint64  id;
  gint64  parent;
  gint64  position;
  char   *name;
} CbStoreCodeRow;

gint64        _cb_store_find_code          (CbStore                  *self,
                                            gint64                    parent,
                                            const char               *name,
                                            GError                  **error);
gboolean      _cb_store_get_code_row       (CbStore                  *self,
                                            gint64                    id,
                                            CbStoreCodeRow           *row,
                                            GError                  **error);
gint64        _cb_store_count_children     (CbStore                  *self,
                                            gint64                    parent,
                                            GError                  **error);
gint64        _cb_store_insert_code        (CbStore                  *self,
                                            const char               *uuid,
                                            gint64                    parent,
                                            const char               *name,
                                            gint64                    position,
                                            const char               *color,
                                            const char               *description,
                                            GError                  **error);
/* Shifts the positions of @parent's children at or after @from by @delta. */
gboolean      _cb_store_shift_positions    (CbStore                  *self,
                                            gint64                    parent,
                                            gint64                    from,
                                            gint64                    delta,
                                            GError                  **error);
gboolean      _cb_store_place_code         (CbStore                  *self,
                                            gint64                    id,
                                            gint64                    parent,
                                            gint64                    position,
                                            GError                  **error);
gboolean      _cb_store_update_code_field  (CbStore                  *self,
                                            gint64                    id,
                                            const char               *field,
                                            const char               *value,
                                            GError                  **error);
GArray       *_cb_store_list_child_ids     (CbStore                  *self,
                                            gint64                    parent,
                                            GError                  **error);
gboolean      _cb_store_is_descendant      (CbStore                  *self,
                                            gint64                    ancestor,
                                            gint64                    id,
                                            gboolean                 *result,
                                            GError                  **error);
gboolean      _cb_store_delete_code        (CbStore                  *self,
                                            gint64                    id,
                                            GError                  **error);
/* Every code, unordered, with its own coding count when @with_counts. */
GPtrArray    *_cb_store_list_code_rows     (CbStore                  *self,
                                            gboolean                  with_counts,
                                            GError                  **error);

/* Codings (cb-store-codings.c) */
/* Inserts a coding with @uuid, time @at and @memo (each NULL: a new uuid,
 * now, none).  The same code on the same span by the same coder is one
 * coding: when it is there already it is kept (*@created FALSE).  Its id,
 * or 0 with @error set.  The caller journals what it created (one range
 * for a run of ids: cb_store_journal_insert_range()). */
gint64        _cb_store_insert_coding      (CbStore                  *self,
                                            gint64                    document,
                                            gint64                    code,
                                            gint64                    start,
                                            gint64                    end,
                                            gint64                    coder,
                                            const char               *uuid,
                                            const char               *at,
                                            const char               *memo,
                                            gboolean                 *created,
                                            GError                  **error);
/* Around a batch of many codings or codes: a page cache large enough for
 * their indexes (cb-store-codings.c).  Begin returns the cache size to
 * restore (0 with @error set). */
gint64        _cb_store_begin_bulk         (CbStore                  *self,
                                            GError                  **error);
void          _cb_store_end_bulk           (CbStore                  *self,
                                            gint64                    previous);
gint64        _cb_store_delete_codings     (CbStore                  *self,
                                            gint64                    document,
                                            gint64                    code,
                                            gint64                    start,
                                            gint64                    end,
                                            gint64                    coder,
                                            GError                  **error);
/* The number of codings of code @id, or -1 with @error set. */
gint64        _cb_store_count_codings      (CbStore                  *self,
                                            gint64                    id,
                                            GError                  **error);
/* Moves @source's codings onto @target; exact duplicates stay behind. */
gboolean      _cb_store_move_codings       (CbStore                  *self,
                                            gint64                    source,
                                            gint64                    target,
                                            GError                  **error);
gboolean      _cb_store_set_coding_memo    (CbStore                  *self,
                                            gint64                    id,
                                            const char               *memo,
                                            GError                  **error);
/* Segments of the codes in @code_ids (or of @document_id when > 0), ordered
 * by document name, start and end; text and code_path left NULL. */
GPtrArray    *_cb_store_list_segments      (CbStore                  *self,
                                            GArray                   *code_ids,
                                            gint64                    document_id,
                                            GError                  **error);
/* Fills each segment's text from its document, reading each text once. */
gboolean      _cb_store_fill_segment_texts (CbStore                  *self,
                                            GPtrArray                *segments,
                                            GError                  **error);
/* The same for @n segments (grouped by document) whose strings are
 * borrowed: each text is copied into @strings (never freed one by one). */
gboolean      _cb_store_cut_segment_texts  (CbStore                  *self,
                                            CbSegment                *segments,
                                            guint                     n,
                                            GStringChunk             *strings,
                                            GError                  **error);
/* Calls @func with document @id's stored text (@length bytes, untrusted:
 * check what is handed out) and its character index (NULL when it does not
 * fit the text), valid only during the call: a text read without a copy. */
typedef gboolean (*CbStoreDocumentTextFunc) (const char    *text,
                                             gsize          length,
                                             const guint8  *index,
                                             gsize          index_length,
                                             gpointer       data,
                                             GError       **error);
gboolean      _cb_store_with_document_text (CbStore                  *self,
                                            gint64                    id,
                                            CbStoreDocumentTextFunc   func,
                                            gpointer                  data,
                                            GError                  **error);
/* Retrieval in pages (cb-store-retrieve.c, for cb-segment-cursor.c). */
typedef struct
{
  gint64 document;
  gint64 count;
} CbStoreDocumentCount;

/* Every document's id and name (CbDocumentInfo with only those), by name. */
GPtrArray    *_cb_store_list_document_names (CbStore               *self,
                                             GError               **error);
/* Speaker id (gint64 *) → name, every speaker of the project. */
GHashTable   *_cb_store_load_speaker_names (CbStore              *self,
                                            GError              **error);
/* Document @document's turns as _cb_store_list_turns() lists them, for a
 * writer: CbTurnInfo (only speaker_id, speaker, start, end and timestamp;
 * what cb_turn_find_for_span() and a quote need) appended to @turns, the
 * speaker's name borrowed from @speakers, the timestamp copied into
 * @strings. */
gboolean      _cb_store_list_turn_spans    (CbStore                  *self,
                                            gint64                    document,
                                            GHashTable               *speakers,
                                            GArray                   *turns,
                                            GStringChunk             *strings,
                                            GError                  **error);
/* Coder id (gint64 *) → name. */
GHashTable   *_cb_store_load_coder_names   (CbStore                  *self,
                                            GError                  **error);
/* Appends a CbStoreDocumentCount to @counts for each document that has
 * codings of @code. */
gboolean      _cb_store_count_code_documents (CbStore              *self,
                                              gint64                code,
                                              GArray               *counts,
                                              GError              **error);
/* Calls @func with the document, start and end of each coding of @code,
 * by document (a filtered cursor counts with it). */
typedef void (*CbStoreSpanFunc) (gint64   document,
                                 gint64   start,
                                 gint64   end,
                                 gpointer data);
gboolean      _cb_store_foreach_code_span  (CbStore                  *self,
                                            gint64                    code,
                                            CbStoreSpanFunc           func,
                                            gpointer                  data,
                                            GError                  **error);
/* One code's codings, read document by document through a statement of
 * its own that stays open between documents (reset it before the read
 * snapshot ends). */
typedef struct _CbStoreCodeRows CbStoreCodeRows;

CbStoreCodeRows *_cb_store_code_rows_new   (CbStore               *self,
                                            gint64                 code,
                                            GError               **error);
/* Appends the code's codings in @document to @segments (a GArray of
 * CbSegment, ordered by start and end; no text, no code_path) whose strings
 * are borrowed: the document's name and the coder's from @coders (which
 * must outlive them), the coding's own (uuid, created, memo) copied into
 * @strings.  Nothing is allocated per coding. */
gboolean      _cb_store_code_rows_read     (CbStoreCodeRows          *rows,
                                            gint64                    document,
                                            const char               *document_name,
                                            GHashTable               *coders,
                                            GArray                   *segments,
                                            GStringChunk             *strings,
                                            GError                  **error);
/* A code's rows read for counting: only their spans, ordered by start and
 * end (_cb_store_code_rows_read_spans; not _cb_store_code_rows_read). */
CbStoreCodeRows *_cb_store_code_rows_new_spans (CbStore           *self,
                                                gint64             code,
                                                GError           **error);
typedef struct
{
  gint64 start;
  gint64 end;
} CbStoreCodeSpan;
/* Appends the spans (CbStoreCodeSpan) of the code's codings in @document. */
gboolean      _cb_store_code_rows_read_spans (CbStoreCodeRows        *rows,
                                              gint64                  document,
                                              GArray                 *spans,
                                              GError                **error);
void          _cb_store_code_rows_reset    (CbStoreCodeRows          *rows);
void          _cb_store_code_rows_free     (CbStoreCodeRows          *rows);

/* Appends a message per schema object that is not Codeboom's own for file
 * format @version, and per one of Codeboom's that is missing or changed. */
gboolean      _cb_store_list_foreign_objects (CbStore              *self,
                                              int                   version,
                                              GPtrArray            *problems,
                                              GError              **error);

/* Stored text is untrusted: FALSE with @error naming document @id when
 * it is not valid UTF-8. */
gboolean      _cb_store_check_document_text  (CbStore              *self,
                                              gint64                id,
                                              const char           *text,
                                              gsize                 length,
                                              GError              **error);
/* Whether a stored character index is usable with @text: strictly
 * increasing, inside the text, on character boundaries, with plausible
 * gaps.  An index that is not is ignored (offsets are then counted from
 * the start), never trusted. */
gboolean      _cb_store_char_index_is_valid  (const char           *text,
                                              gsize                 length,
                                              const guint8         *index,
                                              gsize                 index_length);

/* A copy of @path without foreign schema objects (cb-store-repair.c). */
gboolean      _cb_store_repair_copy          (const char           *path,
                                              const char           *copy_path,
                                              guint                *n_dropped,
                                              GError              **error);

/* Integrity and invariants; appends a message per problem (@quick: see
 * CB_CHECK_QUICK). */
gboolean      _cb_store_check              (CbStore                  *self,
                                            gboolean                  quick,
                                            GPtrArray                *problems,
                                            GError                  **error);

/* Schema (cb-schema.c) */
gboolean      _cb_schema_migrate        (CbStore       *self,
                                         int            from_version,
                                         GError       **error);
/* The schema objects of file format @version (not owned); see cb-schema.c */
GHashTable   *_cb_schema_expected       (int            version);

/* The inverse operations of the undo journal (journal_entry.op) */
typedef enum
{
  CB_JOURNAL_OP_DELETE_ROWS = 0,   /* DELETE FROM tbl WHERE col = row_key */
  CB_JOURNAL_OP_INSERT_ROW  = 1,   /* INSERT the row of journal_value */
  CB_JOURNAL_OP_UPDATE_ROW  = 2,   /* UPDATE row row_key to journal_value */
} CbJournalOp;

/* Tables whose changes the undo journal records: the whitelist of the
 * names a journal entry may mention. */
typedef struct
{
  const char         *name;
  const char         *key;          /* the primary key column */
  const char         *delete_by;    /* another column rows may be deleted by, or NULL */
  gboolean            journal_inserts_from_c; /* no insert trigger: see cb-store.c */
  const char * const *columns;      /* every column, NULL-terminated */
} CbJournalTable;

extern const CbJournalTable _cb_schema_journal_tables[];
const CbJournalTable *_cb_schema_find_journal_table (const char           *name);
/* The index of column @name in @table, or -1. */
int           _cb_journal_table_column  (const CbJournalTable *table,
                                         const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbStore, cb_store_free)

/* Texts already checked to be UTF-8 (cb-store.c) */
gboolean      _cb_store_text_was_validated      (CbStore    *self,
                                                 gint64      document_id);
void          _cb_store_remember_validated_text (CbStore    *self,
                                                 gint64      document_id);
void          _cb_store_forget_validated_texts  (CbStore    *self);

G_END_DECLS
