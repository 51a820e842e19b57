/* cb-memos.h: memos that carry the argument (issue 19)
 *
 * Two kinds of memo.  The memo of an owner (the project, a document, a
 * code, a coding, a case) is a text kept with it.  A free-standing memo has
 * a unique title, a type ("note" by default; the named types below or any
 * the user names), an optional level and evidence: spans of documents it
 * links to, each shown with its text.  Every change is one transaction and
 * one undo step (CB_CHANGE_MEMOS; owner memos also flag their owner's kind).
 *
 * The report (cb_memo_report_*) writes the memos grouped by type, each with
 * its evidence cited by the quote template, through the quote lists' XSLT
 * pipeline (cb-quote-formats.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"
#include "cb-quote-formats.h"

G_BEGIN_DECLS

#define CB_MEMO_DEFAULT_TYPE "note"

/* The namespace of the memo report's XML. */
#define CB_MEMOS_NAMESPACE "urn:codeboom:memos:1"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *type;
  char   *level;       /* NULL when none */
  gint64  position;    /* among all memos, from 0 */
  char   *author;      /* the coder who wrote it; NULL when unknown */
  char   *created;     /* ISO 8601, UTC */
  char   *modified;
  char   *text;
  guint   n_links;     /* evidence spans */
} CbMemoInfo;

void         cb_memo_info_free               (CbMemoInfo *info);
CbMemoInfo  *cb_memo_info_copy               (const CbMemoInfo *info);

/* One span of evidence, with what a citation needs. */
typedef struct
{
  gint64  id;
  gint64  document_id;
  char   *document;       /* its name */
  char   *document_uuid;
  gint64  start;          /* code points, end-exclusive */
  gint64  end;
  char   *text;           /* the span's text */
  char   *speaker;        /* of the first turn it overlaps; NULL when none */
  char   *timestamp;      /* of that turn; NULL when none */
  guint   paragraph;      /* the paragraph it starts in, from 1; 0: none */
  char   *case_name;      /* the first case (by name) covering it; NULL: none */
} CbMemoLink;

void         cb_memo_link_free               (CbMemoLink *link);

/* The named types, in the order a report lists them by default: note,
 * observation, concern, recommendation, hypothesis, perspective,
 * convergence, divergence.  NULL-terminated. */
const char * const *cb_memo_types            (void);
/* The named levels: profession, institutions, politics. */
const char * const *cb_memo_levels           (void);
/* A type or level as the user reads it, translated ("Observation");
 * a free one as it is. */
const char  *cb_memo_type_label              (const char *type);
const char  *cb_memo_level_label             (const char *level);

/* The memos of owners.  A case's memo, and a coding's by its code and
 * span: the project's coder's coding of that code on that span, else the
 * one other coder's (NOT_FOUND when there is none, INVALID when several
 * other coders have one and the project's coder has none). */
char        *cb_project_dup_case_memo        (CbProject   *self,
                                              const char  *case_name,
                                              GError     **error);
gboolean     cb_project_set_case_memo        (CbProject   *self,
                                              const char  *case_name,
                                              const char  *memo,
                                              GError     **error);
/* The coding's id (its memo in @memo when not NULL), or 0 with @error set. */
gint64       cb_project_find_coding          (CbProject   *self,
                                              const char  *document,
                                              const char  *code_path,
                                              gint64       start,
                                              gint64       end,
                                              char       **memo,
                                              GError     **error);

/* Free-standing memos, addressed by title.  @type NULL or "" is "note";
 * @level NULL or "" is none.  A named type or level is stored in its
 * canonical lower-case spelling, whatever case it was typed in. */
gint64       cb_project_add_memo             (CbProject   *self,
                                              const char  *title,
                                              const char  *type,
                                              const char  *level,
                                              const char  *text,
                                              GError     **error);
gboolean     cb_project_rename_memo          (CbProject   *self,
                                              const char  *title,
                                              const char  *new_title,
                                              GError     **error);
gboolean     cb_project_set_memo_type        (CbProject   *self,
                                              const char  *title,
                                              const char  *type,
                                              GError     **error);
gboolean     cb_project_set_memo_level       (CbProject   *self,
                                              const char  *title,
                                              const char  *level,
                                              GError     **error);
gboolean     cb_project_set_memo_text        (CbProject   *self,
                                              const char  *title,
                                              const char  *text,
                                              GError     **error);
/* Its evidence goes with it. */
gboolean     cb_project_delete_memo          (CbProject   *self,
                                              const char  *title,
                                              GError     **error);
/* Moves the memo to @position (from 0, clamped) in the order of all memos;
 * a list keeps that order within each type. */
gboolean     cb_project_move_memo            (CbProject   *self,
                                              const char  *title,
                                              gint64       position,
                                              GError     **error);
/* NOT_FOUND when there is no memo titled @title. */
CbMemoInfo  *cb_project_get_memo             (CbProject   *self,
                                              const char  *title,
                                              GError     **error);
/* (element-type CbMemoInfo) grouped by type, the named types first in
 * their order then the others by name, each type's memos by position;
 * only those of @type when it is not NULL. */
GPtrArray   *cb_project_list_memos           (CbProject   *self,
                                              const char  *type,
                                              GError     **error);

/* Links the span [@start, @end) of @document to memo @title as evidence;
 * returns the span's text.  The same span twice is EXISTS. */
char        *cb_project_link_memo            (CbProject   *self,
                                              const char  *title,
                                              const char  *document,
                                              gint64       start,
                                              gint64       end,
                                              GError     **error);
gboolean     cb_project_unlink_memo          (CbProject   *self,
                                              const char  *title,
                                              const char  *document,
                                              gint64       start,
                                              gint64       end,
                                              GError     **error);
/* (element-type CbMemoLink) the evidence of memo @title in document order,
 * then by start.  A stored span outside its document's text is left out. */
GPtrArray   *cb_project_list_memo_links      (CbProject   *self,
                                              const char  *title,
                                              GError     **error);
/* One evidence span of a memo, as the transcript marks it. */
typedef struct
{
  gint64 memo_id;
  gint64 start;           /* code points, end-exclusive */
  gint64 end;
} CbMemoSpan;

/* (element-type CbMemoSpan) the evidence spans of every memo in document
 * @document_id, by start; a stored span outside the text is left out. */
GArray      *cb_project_list_memo_spans      (CbProject   *self,
                                              gint64       document_id,
                                              GError     **error);
/* (element-type CbMemoInfo) the memos whose evidence overlaps
 * [@start, @end) of document @document_id. */
GPtrArray   *cb_project_list_memos_at        (CbProject   *self,
                                              gint64       document_id,
                                              gint64       start,
                                              gint64       end,
                                              GError     **error);

/* The report */

/**
 * cb_memo_report_xml:
 * @type: (nullable): only memos of this type
 * @order: (nullable): the types in the order wanted (NULL-terminated);
 *   types not named follow in the order of cb_project_list_memos()
 *
 * The memos as XML in %CB_MEMOS_NAMESPACE: a <type> per type in order,
 * each <memo> with its <text> and its evidence as quotes in
 * %CB_QUOTES_NAMESPACE (the attributes and children of the quotes XML
 * that citations use).
 *
 * Returns: (transfer full): the UTF-8 bytes, or %NULL with @error set
 */
GBytes      *cb_memo_report_xml              (CbProject            *project,
                                              const char           *type,
                                              const char * const   *order,
                                              GError              **error);
/* The report in @format (XML returns @xml itself), each quote cited by
 * @template (NULL: the default), as cb_quote_list_render_full(). */
GBytes      *cb_memo_report_render           (GBytes               *xml,
                                              CbQuoteFormat         format,
                                              const char           *template,
                                              guint                 block_words,
                                              const char           *locale,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMemoInfo, cb_memo_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMemoLink, cb_memo_link_free)

G_END_DECLS
