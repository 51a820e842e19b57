/* cb-pseudonymise.h: replacing names by placeholders everywhere, without a trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;          /* as written in the key, normalised */
  char *placeholder;
} CbPseudonym;

void        cb_pseudonym_free          (CbPseudonym *pseudonym);

/* Reads KEY.tsv: name<TAB>placeholder a line (empty lines and lines
 * starting with # skipped); errors name the file and the line. */
GPtrArray  *cb_pseudonym_key_read      (const char  *path,
                                        GError     **error);

/* Writes @key as KEY.tsv (name<TAB>placeholder, TSV-escaped), readable
 * only by its owner. */
gboolean    cb_pseudonym_key_write     (GPtrArray   *key,
                                        const char  *path,
                                        GError     **error);

typedef enum
{
  CB_PSEUDONYMISE_FOLD    = 1 << 0,  /* case- and accent-insensitive */
  CB_PSEUDONYMISE_CODES   = 1 << 1,  /* code names too */
  CB_PSEUDONYMISE_DRY_RUN = 1 << 2,  /* count, change nothing */
} CbPseudonymiseFlags;

/* What pseudonymisation did (or would do, with DRY_RUN). */
typedef struct
{
  GPtrArray *documents;   /* (element-type utf8) names (after), texts changed */
  GArray    *counts;      /* guint: replacements in each of them */
  guint      n_fields;    /* names, memos, values changed (or put back) elsewhere */
  gboolean   checkpointed; /* the WAL was emptied (no other reader held it) */
} CbPseudonymiseReport;

void        cb_pseudonymise_report_free (CbPseudonymiseReport *report);

/* Replaces every whole-word occurrence of the key's names (longest first,
 * also split over a line break) in every document's text (spans move as
 * with editing), document names, speaker names, memos of every kind, case
 * names and text attribute values, and code names with CODES: one
 * transaction.  Then drops the original files of changed documents, marks
 * them pseudonymised, clears the undo history and rewrites the file
 * (secure_delete, VACUUM, WAL checkpoint-truncate).  @log_path (optional):
 * where to write LOG.tsv: a row per text replacement (document, start,
 * end, original, placeholder), then a row per other field changed (an
 * empty cell, the field, its row's key, the whole value before and after). */
CbPseudonymiseReport *cb_project_pseudonymise (CbProject            *self,
                                               GPtrArray            *key,
                                               CbPseudonymiseFlags   flags,
                                               const char           *log_path,
                                               GError              **error);

/* At most @max replacements in their context, for a preview (element-type
 * utf8): "…words before «name → placeholder» words after…". */
GPtrArray  *cb_project_pseudonymise_preview (CbProject           *self,
                                             GPtrArray           *key,
                                             CbPseudonymiseFlags  flags,
                                             guint                max,
                                             GError             **error);

/* Puts the names of LOG.tsv back into the texts (spans following) and
 * every other field it lists, in one transaction and undo step; refuses a
 * log whose placeholder or field no longer holds what was pseudonymised
 * (the error names the file and line).  Logs with text rows only (before
 * fields were logged) are read as well.  The report's n_fields counts the
 * fields put back. */
CbPseudonymiseReport *cb_project_depseudonymise (CbProject          *self,
                                                 const char         *log_path,
                                                 GError            **error);

typedef struct
{
  char    *name;
  guint    count;
  gboolean speaker;     /* a speaker (else a capitalised word) */
} CbNameCandidate;

void        cb_name_candidate_free     (CbNameCandidate *candidate);

/* Speakers and capitalised words not at a sentence start, with counts
 * (at least @min_count), most frequent first. */
GPtrArray  *cb_project_list_name_candidates (CbProject  *self,
                                             guint       min_count,
                                             GError    **error);

/* Whether a document's text changed since import (edited, pseudonymised:
 * when, ISO 8601 UTC, NULL for never).  A pseudonymised text is edited too,
 * and its original file was dropped. */
typedef struct
{
  char *edited;
  char *pseudonymised;
} CbDocumentStatus;

void        cb_document_status_clear   (CbDocumentStatus *status);

gboolean    cb_project_get_document_status (CbProject        *self,
                                            gint64            document_id,
                                            CbDocumentStatus *status,
                                            GError          **error);

/* The status as exports write it where REFI-QDA has room for it (a
 * TextSource's Description): "Codeboom document; edited: T;
 * pseudonymised: T" (the fields it has), NULL for an original text.
 * Locale-independent: the import reads it back. */
char       *cb_document_status_describe (const CbDocumentStatus *status);

/* Reads what cb_document_status_describe() wrote; FALSE for anything else
 * (a description written by a person or another tool) or a malformed
 * time.  The times come back normalised. */
gboolean    cb_document_status_parse   (const char       *description,
                                        CbDocumentStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbPseudonymiseReport, cb_pseudonymise_report_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CbDocumentStatus, cb_document_status_clear)

G_END_DECLS
