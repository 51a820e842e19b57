/* cb-merge.h: merging another project into this one, and copies for a second coder
 *
 * A merge loses nothing: every document, code and coding of the other
 * project is in this one afterwards, matched to what is already here (by
 * uuid first, then by content or name) or added.  Where both sides hold a
 * different value for one thing (a colour, a memo, a text under one name)
 * ours is kept, or theirs with CB_MERGE_PREFER_THEIRS, and the difference
 * is listed in the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

typedef enum
{
  CB_MERGE_PREFER_OURS   = 0,
  CB_MERGE_PREFER_THEIRS = 1,
} CbMergePrefer;

/* What a merge counts, in the order a summary lists them. */
typedef enum
{
  CB_MERGE_DOCUMENTS,
  CB_MERGE_CODES,
  CB_MERGE_CODINGS,
  CB_MERGE_CODERS,
  CB_MERGE_MEMOS,
  CB_MERGE_CASES,
  CB_MERGE_ATTRIBUTES,
  CB_MERGE_VALUES,
  CB_MERGE_DOCUMENT_SETS,
  CB_MERGE_PHASES,
  CB_MERGE_ROLES,
  CB_MERGE_N_KINDS
} CbMergeKind;

typedef struct
{
  guint      added[CB_MERGE_N_KINDS];
  guint      present[CB_MERGE_N_KINDS];   /* matched: already in the project */
  guint      conflicts[CB_MERGE_N_KINDS];
  GPtrArray *messages;                    /* (element-type utf8) one sentence per conflict */
  GPtrArray *warnings;                    /* (element-type utf8) what a .qdpx held that was not
                                           * brought in, as its import says it */
} CbMergeReport;

CbMergeReport *cb_merge_report_new        (void);
void           cb_merge_report_free       (CbMergeReport *report);
/* "@n documents" for a summary, translated and in the plural @n needs;
 * @n is written by the caller (this is the noun only). */
const char    *cb_merge_kind_noun         (CbMergeKind    kind,
                                           guint          n);

typedef enum
{
  CB_MERGE_LINE_ADDED,       /* "added: 2 documents, 14 codes, 1,203 codings" */
  CB_MERGE_LINE_PRESENT,     /* "already present: …" */
  CB_MERGE_LINE_CONFLICTS,   /* "conflicts: 1 document" or "conflicts: none" */
} CbMergeLine;

/* One line of the summary, without a line end: documents, codes and
 * codings always (but for conflicts), the other kinds when not 0; figures
 * with a comma every three digits in every locale. */
char          *cb_merge_report_format_line (const CbMergeReport *report,
                                            CbMergeLine          line);
/* The three lines, then each conflict on a line of its own indented by
 * two spaces: what `codeboom-cli merge` prints. */
char          *cb_merge_report_format     (const CbMergeReport *report);

/**
 * cb_project_merge:
 * @other_path: a .codeboom project or a .qdpx (REFI-QDA) file
 * @prefer: whose value a conflict keeps
 * @dry_run: compute the report and change nothing
 * @report: (out) (optional): what was (or would be) done
 *
 * Merges @other_path into the project in one transaction: one undo step
 * ("Merge “other”").  The other file is untrusted input: a .codeboom is
 * opened through the validated open path (schema check) and every span,
 * name and reference in it is checked before anything is written; a .qdpx
 * is read by the REFI-QDA importer into a temporary project first.  On any
 * failure the project is left exactly as it was.
 */
gboolean       cb_project_merge           (CbProject      *self,
                                           const char     *other_path,
                                           CbMergePrefer   prefer,
                                           gboolean        dry_run,
                                           CbMergeReport **report,
                                           GError        **error);

typedef enum
{
  CB_COPY_ALL             = 0,   /* everything */
  CB_COPY_WITHOUT_CODINGS = 1,   /* documents, codes, cases…, no codings */
  CB_COPY_ONLY_CODER      = 2,   /* only the codings of one coder */
} CbCopyMode;

/**
 * cb_project_copy_for_coder:
 * @out_path: the copy to write (must not exist)
 * @mode: which codings the copy keeps
 * @coder: (nullable): the coder kept with %CB_COPY_ONLY_CODER
 *
 * Writes a consistent copy of the project (the online backup API) without
 * the codings @mode drops and without undo history.  Every uuid is kept
 * (project, documents, codes, codings), so merging the copy back matches
 * everything by uuid.  An existing @out_path is never overwritten.
 */
gboolean       cb_project_copy_for_coder  (CbProject      *self,
                                           const char     *out_path,
                                           CbCopyMode      mode,
                                           const char     *coder,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMergeReport, cb_merge_report_free)

G_END_DECLS
