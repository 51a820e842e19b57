/* cb-search.h: finding words in the stored text, and coding what was found
 *
 * Dutch and French transcripts spell the same word with and without its
 * accents and capitals (één, een, Één; cliënt, client).  By default a search
 * ignores both: "een" finds één, Één and een.  It also applies the matching
 * equivalence (README, "Searching"): typographic quotes and apostrophes,
 * dashes, runs of white space, line-break hyphens, ligatures, ß and the
 * ellipsis match what a keyboard types ("d'ecole" finds "d’école").  Every
 * hit is reported as code points into the stored (NFC) text, end-exclusive,
 * like every other offset; a hit may be longer or shorter than the term.
 * A term may be a query (cb-search-query.h).
 *
 * Hits never overlap: like Python's str.count, the scan goes left to right
 * and resumes after each hit.  A hit never splits a letter from the
 * combining marks that follow it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"
#include "cb-search-query.h"

G_BEGIN_DECLS

/**
 * CbSearchFlags:
 * @CB_SEARCH_MATCH_CASE: capitals are significant ("Een" does not find "een")
 * @CB_SEARCH_MATCH_ACCENTS: accents are significant ("een" does not find "één")
 * @CB_SEARCH_WHOLE_WORD: a hit must start and end on ICU word boundaries (a
 *   word also starts after an elision's apostrophe: "été" in "l'été")
 * @CB_SEARCH_REGEX: the term is an ICU regular expression over the stored
 *   text; case-insensitive unless @CB_SEARCH_MATCH_CASE, accents always
 *   significant, no equivalence
 * @CB_SEARCH_EXACT: without the matching equivalence (quotes, dashes, white
 *   space, line-break hyphens, ligatures, ß and … are matched as written);
 *   case and accents still as the other flags say
 * @CB_SEARCH_LITERAL: the term is text even when it reads as a query
 *   (cb-search-query.h): AND, OR, NOT, NEAR/n and parentheses are searched
 */
typedef enum
{
  CB_SEARCH_MATCH_CASE    = 1 << 0,
  CB_SEARCH_MATCH_ACCENTS = 1 << 1,
  CB_SEARCH_WHOLE_WORD    = 1 << 2,
  CB_SEARCH_REGEX         = 1 << 3,
  CB_SEARCH_EXACT         = 1 << 4,
  CB_SEARCH_LITERAL       = 1 << 5,
} CbSearchFlags;

/**
 * CbSearchExtend:
 * @CB_SEARCH_EXTEND_HIT: code the hit itself
 * @CB_SEARCH_EXTEND_SENTENCE: code the sentence around the hit (ICU sentence breaks)
 * @CB_SEARCH_EXTEND_PARAGRAPH: code the paragraph (the line) around the hit
 * @CB_SEARCH_EXTEND_TURN: code the speaker's turn around the hit, from where
 *   the words start; the paragraph when the document has no turn there
 *
 * How far cb_search_code_hits() widens each hit.  Widened spans are trimmed
 * of white space at both ends.
 */
typedef enum
{
  CB_SEARCH_EXTEND_HIT,
  CB_SEARCH_EXTEND_SENTENCE,
  CB_SEARCH_EXTEND_PARAGRAPH,
  CB_SEARCH_EXTEND_TURN,
} CbSearchExtend;

/**
 * CbSearchOptions:
 * @flags: how to match
 * @document: (nullable): search only this document
 * @within_code: (nullable): search only inside segments coded with this code
 *   or one of its descendants
 * @speaker: (nullable): search only in this speaker's turns (the words after
 *   the speaker label)
 * @context: code points of context to give on each side of a hit, or -1 for
 *   none
 *
 * Initialise with CB_SEARCH_OPTIONS_INIT.
 */
typedef struct
{
  CbSearchFlags  flags;
  const char    *document;
  const char    *within_code;
  const char    *speaker;
  int            context;
} CbSearchOptions;

#define CB_SEARCH_OPTIONS_INIT { 0, NULL, NULL, NULL, -1 }

typedef struct
{
  gint64  document_id;
  char   *document_name;
  gint64  start;            /* code points into the stored text, end-exclusive */
  gint64  end;
  char   *match;            /* the stored text of [start, end) */
  char   *before;           /* up to @context code points before, or NULL */
  char   *after;            /* up to @context code points after, or NULL */
} CbSearchHit;

GType        cb_search_hit_get_type (void) G_GNUC_CONST;
CbSearchHit *cb_search_hit_copy     (const CbSearchHit *hit);
void         cb_search_hit_free     (CbSearchHit       *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSearchHit, cb_search_hit_free)

/**
 * cb_search_find:
 * @project: a project
 * @term: what to look for
 * @options: (nullable): how and where
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: (transfer container) (element-type CbSearchHit): the hits in
 *   document order (by name), then by offset; %NULL with @error set when
 *   the term, the regular expression or a scope is invalid
 */
GPtrArray   *cb_search_find         (CbProject              *project,
                                     const char             *term,
                                     const CbSearchOptions  *options,
                                     GCancellable           *cancellable,
                                     GError                **error);

/**
 * cb_search_find_page:
 * @after_document: (nullable): where the previous page ended (its
 *   @next_document), or %NULL for the first page
 * @min_hits: the page ends with the document that brings its hits to this
 * @next_document: (out) (optional) (transfer full): what to pass as
 *   @after_document for the next page, or %NULL when this was the last
 *
 * cb_search_find() a few documents at a time: the hits of the documents
 * after @after_document (by name), document by document, until at least
 * @min_hits were found; a document's hits are never split across pages, and
 * the documents after the page are not read.  The pages joined are
 * cb_search_find()'s hits.
 *
 * Returns: (transfer container) (element-type CbSearchHit): the page's
 *   hits (empty at the end), or %NULL with @error set
 */
GPtrArray   *cb_search_find_page    (CbProject              *project,
                                     const char             *term,
                                     const CbSearchOptions  *options,
                                     const char             *after_document,
                                     guint                   min_hits,
                                     char                  **next_document,
                                     GCancellable           *cancellable,
                                     GError                **error);
/* Like cb_search_find() but only counts; -1 with @error set on failure. */
gint64       cb_search_count        (CbProject              *project,
                                     const char             *term,
                                     const CbSearchOptions  *options,
                                     GCancellable           *cancellable,
                                     GError                **error);

/**
 * cb_search_code_hits:
 * @project: a project
 * @hits: (element-type CbSearchHit): hits from cb_search_find()
 * @code_path: the code to apply; created (with its parents) when missing
 * @extend: how far to widen each hit
 * @n_coded: (out) (optional): the spans newly coded
 * @n_existing: (out) (optional): the spans that already carried the code
 *   from this coder (left as they were)
 * @error: a #GError
 *
 * Codes every hit in one transaction, one undo step.  Hits that widen to
 * the same span give one coding.
 *
 * Returns: %TRUE on success
 */
gboolean     cb_search_code_hits    (CbProject              *project,
                                     GPtrArray              *hits,
                                     const char             *code_path,
                                     CbSearchExtend          extend,
                                     guint                  *n_coded,
                                     guint                  *n_existing,
                                     GError                **error);

/**
 * cb_search_code_hits_full:
 * @progress: (nullable): called per document and when saving, ending at 1.0
 * @cancellable: (nullable): a #GCancellable; cancelled before the codings
 *   are saved gives %G_IO_ERROR_CANCELLED and codes nothing
 *
 * cb_search_code_hits() with progress and a cancel, for front ends.
 */
gboolean     cb_search_code_hits_full (CbProject            *project,
                                       GPtrArray            *hits,
                                       const char           *code_path,
                                       CbSearchExtend        extend,
                                       CbProgressFunc        progress,
                                       gpointer              progress_data,
                                       GCancellable         *cancellable,
                                       guint                *n_coded,
                                       guint                *n_existing,
                                       GError              **error);

/* Parses "hit", "sentence", "paragraph" or "turn"; FALSE for anything else. */
gboolean     cb_search_extend_from_string (const char       *name,
                                           CbSearchExtend   *extend);

/**
 * cb_search_prepare:
 * @project: a project
 * @error: a #GError
 *
 * Builds the folded copies that searching needs for the documents that do
 * not have one yet (the first search does this too).  A front end may call
 * it after an import, when the user is not waiting.
 *
 * Returns: %TRUE on success
 */
gboolean     cb_search_prepare      (CbProject              *project,
                                     GError                **error);

/**
 * cb_search_fold:
 * @text: valid UTF-8
 * @length: its length in bytes, or -1 when NUL-terminated
 *
 * Folds case and accents the way a search compares: each code point becomes
 * the simple case folding of the base of its canonical decomposition;
 * combining marks vanish.  "Één" becomes "een", "Curaçao" "curacao".
 *
 * Returns: (transfer full): the folded text
 */
char        *cb_search_fold         (const char             *text,
                                     gssize                  length);

G_END_DECLS

#include "cb-project-searches.h"
