/* cb-project.h: a Codeboom project, the one public entry point of codeboom-core
 *
 * A project is one SQLite file (*.codeboom).  Every operation below that
 * changes it is exactly one transaction, recorded in the undo journal in the
 * same transaction: it happens whole or not at all, and a failed operation
 * leaves the file exactly as it was.
 *
 * Codes are addressed by path, levels joined by " / ".  Offsets are Unicode
 * code points into the stored text, end-exclusive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-import.h"
#include "cb-segment-cursor.h"
#include "cb-types.h"

G_BEGIN_DECLS

#define CB_PROJECT_FILE_EXTENSION ".codeboom"

/* The schema version this build writes; user_version of a project file. */
#define CB_PROJECT_SCHEMA_VERSION 4

/* PRAGMA application_id of every project: "CBoM" in ASCII. */
#define CB_PROJECT_APPLICATION_ID 0x43426f4d

typedef enum
{
  CB_CHANGE_PROJECT   = 1 << 0,
  CB_CHANGE_DOCUMENTS = 1 << 1,
  CB_CHANGE_CODES     = 1 << 2,
  CB_CHANGE_CODINGS   = 1 << 3,
  CB_CHANGE_CASES     = 1 << 4,   /* cases, attributes, values, coverage */
  CB_CHANGE_MEMOS     = 1 << 5,   /* free-standing memos, their evidence, owners' memos */
  CB_CHANGE_ALL       = 0x3f,
} CbChangeFlags;

/* Threads: a project (its one SQLite connection and statement cache) is
 * used by one thread at a time.  While an _async operation runs, its worker
 * thread owns the project: the caller touches the project again only in
 * (or after) the operation's callback. */

/* How an import treats a file it cannot import (unreadable, undecodable,
 * too large, a folder, or a name already taken). */
typedef enum
{
  /* The first bad file refuses the whole import (the command line). */
  CB_IMPORT_ALL_OR_NOTHING = 0,
  /* The good files are imported in one undo step and the bad ones are
   * reported in CbImportReport.failures (the app). */
  CB_IMPORT_SKIP_BAD       = 1 << 0,
} CbImportFlags;

/* Progress of long work: @fraction from 0 to 1 and what is being done
 * (translated, for a progress bar). */
typedef void (*CbProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

typedef struct
{
  GFile  *file;
  GError *error;            /* its message names the file */
} CbImportFailure;

typedef struct
{
  GPtrArray *imported;      /* (element-type CbImportedText) how each file imported was read, in the
                             * order given: format, encoding, warnings (text is NULL: read it from the project) */
  GArray    *ids;           /* (element-type gint64) their document ids, same order */
  GPtrArray *failures;      /* (element-type CbImportFailure) the files not imported (CB_IMPORT_SKIP_BAD) */
} CbImportReport;

void         cb_import_report_free            (CbImportReport    *report);

#define CB_TYPE_PROJECT (cb_project_get_type ())

G_DECLARE_FINAL_TYPE (CbProject, cb_project, CB, PROJECT, GObject)

/* Opening and creating */
CbProject   *cb_project_create                (const char        *path,
                                               GError           **error);
CbProject   *cb_project_open                  (const char        *path,
                                               GError           **error);
const char  *cb_project_get_path              (CbProject         *self);
int          cb_project_get_schema_version    (CbProject         *self);
/* A number that changes when another connection (another process) commits
 * a change to the file: cheap enough to poll.  Our own changes leave it. */
guint64      cb_project_get_data_version      (CbProject         *self);

/* The coder new codings are attributed to; defaults to the login name. */
const char  *cb_project_get_coder             (CbProject         *self);
void         cb_project_set_coder             (CbProject         *self,
                                               const char        *coder);

/* Project metadata */
char        *cb_project_dup_name              (CbProject         *self);
char        *cb_project_dup_uuid              (CbProject         *self);
char        *cb_project_dup_memo              (CbProject         *self);
gboolean     cb_project_set_memo              (CbProject         *self,
                                               const char        *memo,
                                               GError           **error);
GPtrArray   *cb_project_list_coders           (CbProject         *self,
                                               GError           **error);

/* Documents */
gint64       cb_project_import_file           (CbProject         *self,
                                               GFile             *file,
                                               const char        *name,
                                               const CbImportOptions *options,
                                               CbImportedText   **imported,
                                               GError           **error);
/**
 * cb_project_import:
 * @files: (array length=n_files): the files
 * @name: (nullable): the document's name (only with one file); else each is
 *   named after its file without the extension
 * @options: (nullable): import options
 * @flags: what a bad file does (see #CbImportFlags)
 * @progress: (nullable): called after each step: every file read, then
 *   the documents stored
 * @cancellable: (nullable): cancels reading and storing; then nothing is
 *   imported and @error is G_IO_ERROR_CANCELLED
 *
 * Reads and decodes the files before touching the project (parsing does
 * not hold the write lock) up to a budget of memory, then adds the documents
 * in one transaction, decoding there the files past the budget: one undo
 * step, and a bad file anywhere leaves the project as it was.  Files over 64 MiB are refused before they are read; a name
 * already taken is refused, never renamed.
 *
 * Returns: (transfer full): the report, or %NULL with @error set (with
 *   %CB_IMPORT_ALL_OR_NOTHING: on the first bad file; always: when the
 *   project cannot be written or the import was cancelled).  With
 *   %CB_IMPORT_SKIP_BAD a report with nothing imported is not an error.
 */
CbImportReport *cb_project_import             (CbProject         *self,
                                               GFile            **files,
                                               guint              n_files,
                                               const char        *name,
                                               const CbImportOptions *options,
                                               CbImportFlags      flags,
                                               CbProgressFunc     progress,
                                               gpointer           progress_data,
                                               GCancellable      *cancellable,
                                               GError           **error);
/* cb_project_import() in a worker thread (see the thread rule above).
 * @progress runs in the thread-default main context of the caller, like
 * @callback; @progress_data must stay valid until @callback has run. */
void         cb_project_import_files_async    (CbProject         *self,
                                               GFile            **files,
                                               guint              n_files,
                                               const CbImportOptions *options,
                                               CbImportFlags      flags,
                                               CbProgressFunc     progress,
                                               gpointer           progress_data,
                                               GCancellable      *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer           user_data);
CbImportReport *cb_project_import_files_finish (CbProject        *self,
                                               GAsyncResult      *result,
                                               GError           **error);
/* cb_project_import() with CB_IMPORT_ALL_OR_NOTHING: one bad file leaves
 * the project untouched.  @name only with one file. */
gboolean     cb_project_import_files          (CbProject         *self,
                                               GFile            **files,
                                               guint              n_files,
                                               const char        *name,
                                               const CbImportOptions *options,
                                               GPtrArray        **imported,
                                               GError           **error);
gint64       cb_project_add_document          (CbProject         *self,
                                               const char        *name,
                                               const char        *text,
                                               const char        *source_name,
                                               GBytes            *source_bytes,
                                               GError           **error);
GPtrArray   *cb_project_list_documents        (CbProject         *self,
                                               GError           **error);
CbDocumentInfo *cb_project_get_document       (CbProject         *self,
                                               const char        *name,
                                               GError           **error);
char        *cb_project_dup_document_text     (CbProject         *self,
                                               gint64             document_id,
                                               gsize             *length,
                                               GError           **error);
GBytes      *cb_project_dup_document_source   (CbProject         *self,
                                               gint64             document_id,
                                               GError           **error);
/* The format of a source file as users name it ("DOCX", "TXT",
 * "Markdown"), from @source_name's extension; NULL when it has none. */
char        *cb_document_format_from_source_name (const char     *source_name);
/* How a plain-text document (TXT, Markdown) was decoded from its original
 * bytes: *@encoding (e.g. "windows-1252") and whether the detector guessed
 * it.  Known by decoding the kept original again and checking that this
 * gives the stored text, so no schema records it.  TRUE with *@encoding
 * NULL when there is no such answer: a format that carries its own
 * encoding (DOCX, ODT, …), no original kept, or an encoding chosen at
 * import that detection does not reproduce.  FALSE with @error set when
 * the project cannot be read. */
gboolean     cb_project_get_document_encoding (CbProject         *self,
                                               gint64             document_id,
                                               char             **encoding,
                                               gboolean          *guessed,
                                               GError           **error);
gboolean     cb_project_rename_document       (CbProject         *self,
                                               const char        *name,
                                               const char        *new_name,
                                               GError           **error);
gboolean     cb_project_delete_document       (CbProject         *self,
                                               const char        *name,
                                               GError           **error);
gboolean     cb_project_set_document_memo     (CbProject         *self,
                                               const char        *name,
                                               const char        *memo,
                                               GError           **error);

/* The code tree */
gint64       cb_project_add_code              (CbProject         *self,
                                               const char        *path,
                                               const char        *color,
                                               const char        *description,
                                               GError           **error);
gboolean     cb_project_import_codebook_tsv   (CbProject         *self,
                                               GFile             *file,
                                               guint             *n_added,
                                               GError           **error);
GPtrArray   *cb_project_list_codes            (CbProject         *self,
                                               GError           **error);
CbCodeInfo  *cb_project_get_code              (CbProject         *self,
                                               const char        *path,
                                               GError           **error);
gboolean     cb_project_rename_code           (CbProject         *self,
                                               const char        *path,
                                               const char        *new_name,
                                               GError           **error);
gboolean     cb_project_move_code             (CbProject         *self,
                                               const char        *path,
                                               const char        *new_parent_path,
                                               gint64             position,
                                               GError           **error);
gboolean     cb_project_merge_codes           (CbProject         *self,
                                               const char        *source_path,
                                               const char        *target_path,
                                               GError           **error);
gboolean     cb_project_delete_code           (CbProject         *self,
                                               const char        *path,
                                               GError           **error);
gboolean     cb_project_set_code_color        (CbProject         *self,
                                               const char        *path,
                                               const char        *color,
                                               GError           **error);
gboolean     cb_project_set_code_description  (CbProject         *self,
                                               const char        *path,
                                               const char        *description,
                                               GError           **error);
gboolean     cb_project_set_code_memo         (CbProject         *self,
                                               const char        *path,
                                               const char        *memo,
                                               GError           **error);

/* Codings */
gint64       cb_project_apply                 (CbProject         *self,
                                               const char        *document,
                                               const char        *code_path,
                                               gint64             start,
                                               gint64             end,
                                               gboolean          *created,
                                               GError           **error);
/* Like cb_project_apply(), but creates the code (and missing parents) when
 * @code_path does not exist yet, in the same transaction: one undo step
 * for "create this code and code the selection with it". */
gint64       cb_project_apply_creating        (CbProject         *self,
                                               const char        *document,
                                               const char        *code_path,
                                               gint64             start,
                                               gint64             end,
                                               gboolean          *created,
                                               GError           **error);
/* Codes occurrence @occurrence (from 1; 0 when the quote must be unique)
 * of the exact text @quote, creating the code (and missing parents) like
 * cb_project_apply_creating(); its span in @start/@end. */
gint64       cb_project_apply_quote           (CbProject         *self,
                                               const char        *document,
                                               const char        *code_path,
                                               const char        *quote,
                                               guint              occurrence,
                                               gint64            *start,
                                               gint64            *end,
                                               GError           **error);
gboolean     cb_project_apply_batch           (CbProject         *self,
                                               GFile             *tsv,
                                               gboolean           commit_each,
                                               guint             *n_applied,
                                               GError           **error);
gboolean     cb_project_unapply               (CbProject         *self,
                                               const char        *document,
                                               const char        *code_path,
                                               gint64             start,
                                               gint64             end,
                                               GError           **error);
gboolean     cb_project_set_coding_memo       (CbProject         *self,
                                               gint64             coding_id,
                                               const char        *memo,
                                               GError           **error);
GPtrArray   *cb_project_retrieve              (CbProject         *self,
                                               const char        *code_path,
                                               gboolean           with_descendants,
                                               GError           **error);
GPtrArray   *cb_project_list_document_codings (CbProject         *self,
                                               gint64             document_id,
                                               GError           **error);

/* Retrieval in pages (cb-project-retrieve.c, cb-segment-cursor.h): a
 * cursor over the segments of @code_path (and its subcodes with
 * CB_RETRIEVE_DESCENDANTS), in cb_project_retrieve()'s order. */
CbSegmentCursor *cb_project_retrieve_cursor  (CbProject         *self,
                                               const char        *code_path,
                                               CbRetrieveFlags    flags,
                                               GError           **error);
/* How many segments cb_project_retrieve() would return, counted in the
 * store; -1 with @error set on failure. */
gint64       cb_project_count_segments        (CbProject         *self,
                                               const char        *code_path,
                                               gboolean           with_descendants,
                                               GError           **error);

/* Undo and redo, kept in the project file */
char        *cb_project_dup_undo_label        (CbProject         *self);
char        *cb_project_dup_redo_label        (CbProject         *self);
char        *cb_project_undo                  (CbProject         *self,
                                               GError           **error);
char        *cb_project_redo                  (CbProject         *self,
                                               GError           **error);

/* Writes to @copy_path (which must not exist) a copy of the project at
 * @path without the schema objects (triggers, views, tables, indexes) that
 * are not Codeboom's own, for a project that cb_project_open() refuses as
 * damaged for them; @path is left as it is.  @n_dropped: how many went. */
gboolean     cb_project_repair                (const char        *path,
                                               const char        *copy_path,
                                               guint             *n_dropped,
                                               GError           **error);

/* Integrity: SQLite's own check plus Codeboom's invariants.  Returns the
 * problems found (empty when the project is sound), or NULL with @error set
 * when the check itself could not run.  The same as
 * cb_project_check_full (self, CB_CHECK_FULL, error). */
GPtrArray   *cb_project_check                 (CbProject         *self,
                                               GError           **error);

typedef enum
{
  /* SQLite's integrity_check (every index against its table) and every
   * invariant, each stored text decoded, counted and normalised again. */
  CB_CHECK_FULL  = 0,
  /* SQLite's quick_check (the b-trees, not the indexes against the
   * tables) and the invariants one SQL query each answers, texts only
   * counted: seconds on a million codings, for a check on open. */
  CB_CHECK_QUICK = 1 << 0,
} CbCheckFlags;

GPtrArray   *cb_project_check_full            (CbProject         *self,
                                               CbCheckFlags       flags,
                                               GError           **error);

/* Code paths */
/* Whether the code at @path is @ancestor or one of its descendants: the one
 * test of "is this code in that subtree" on paths. */
gboolean     cb_code_path_is_within           (const char        *path,
                                               const char        *ancestor);
/* @codes as cb_project_list_codes() returns them (depth first): the index
 * just past the subtree of the code at @index (its descendants follow it
 * contiguously). */
guint        cb_code_list_subtree_end         (GPtrArray         *codes,
                                               guint              index);
char       **cb_code_path_split               (const char        *path,
                                               GError           **error);
char        *cb_code_path_join                (const char * const *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbImportReport, cb_import_report_free)

G_END_DECLS

/* Cases and attributes (issue 15) */
#include "cb-cases.h"
