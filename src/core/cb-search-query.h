/* cb-search-query.h: boolean and proximity queries for search
 *
 * A search term that holds an operator in capitals as a word of its own
 * (AND, OR, NOT, NEAR/n) or a parenthesis is a query (unless the search is
 * literal or a regular expression):
 *
 *   query   := or
 *   or      := and { "OR" and }
 *   and     := not { "AND" not }
 *   not     := near { "NOT" near }
 *   near    := primary { "NEAR/" n primary }
 *   primary := term | "(" or ")"
 *   term    := (word | '"' phrase '"') { word | '"' phrase '"' }
 *
 * so NEAR binds tightest, then NOT, AND, OR; each is left-associative.
 * Words next to each other (and phrases, in straight or curly double
 * quotes, inside which operators are plain words) form one term, searched
 * as one text with single spaces between them.  What each operator finds
 * (every result is a list of hits in one document):
 *
 *   a NEAR/n b  every a with a b at most n words away (either order), and
 *               every such b: each pair's span from its first to its last
 *               code point, overlapping spans merged
 *   a AND b     the hits of a and of b in the paragraphs that hold both
 *   a NOT b     the hits of a in the paragraphs that hold no b
 *   a OR b      the hits of a and of b
 *
 * Overlapping hits are merged into one.  A word is a run of letters, marks
 * and digits; a hit is at its first and last word, and two hits are n words
 * away when the later one's first word comes n words after the earlier
 * one's last (neighbours are 1 apart, overlapping hits 0).  Paragraphs are
 * cb-paragraph-index.h's; a hit is in the paragraph of its start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CB_SEARCH_QUERY_TERM,
  CB_SEARCH_QUERY_NEAR,
  CB_SEARCH_QUERY_NOT,
  CB_SEARCH_QUERY_AND,
  CB_SEARCH_QUERY_OR,
} CbSearchQueryKind;

typedef struct _CbSearchQuery CbSearchQuery;

struct _CbSearchQuery
{
  CbSearchQueryKind  kind;
  char              *term;        /* CB_SEARCH_QUERY_TERM: what to search */
  guint              distance;    /* CB_SEARCH_QUERY_NEAR: n */
  CbSearchQuery     *left;
  CbSearchQuery     *right;
};

/* The largest n of NEAR/n. */
#define CB_SEARCH_QUERY_MAX_DISTANCE 100000

/* Whether @term is a query (it holds an operator word or a parenthesis). */
gboolean        cb_search_query_detect   (const char           *term);

/* Parses @term; NULL with a CB_PROJECT_ERROR_INVALID error that names the
 * character (from 1) where it goes wrong. */
CbSearchQuery  *cb_search_query_parse    (const char           *term,
                                          GError              **error);
void            cb_search_query_free     (CbSearchQuery        *query);

/* The query fully bracketed, for tests and messages:
 * (OR "a" (AND "b c" (NEAR/5 "d" "e"))). */
char           *cb_search_query_describe (const CbSearchQuery  *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSearchQuery, cb_search_query_free)

/* A span of a document's text, code points, end-exclusive. */
typedef struct
{
  gint64 start;
  gint64 end;
} CbSearchSpan;

/* The hits of one term in the document being evaluated (CbSearchSpan, in
 * order, not overlapping), or NULL with @error set. */
typedef GArray *(*CbSearchTermFunc) (const char  *term,
                                     gpointer     user_data,
                                     GError     **error);

/* Evaluates @query over one document's text (@length bytes of valid UTF-8,
 * whose paragraphs and words it reads): the hits (CbSearchSpan, in order,
 * not overlapping), or NULL with @error set. */
GArray         *cb_search_query_evaluate (const CbSearchQuery  *query,
                                          const char           *text,
                                          gsize                 length,
                                          CbSearchTermFunc      term_func,
                                          gpointer              user_data,
                                          GError              **error);

G_END_DECLS
