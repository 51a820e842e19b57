/* cb-search-private.h: the folded copy behind search, and its SQL (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-search.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* Names the folding (its version and ICU's Unicode version): a folded copy
 * made by another folding is rebuilt. */
const char  *_cb_search_fold_key    (void);

/* Folds the text of @document (just stored, @n_chars code points) and
 * stores its folded copy, inside the caller's transaction: the importers
 * call it so that a first search is as fast as the next. */
gboolean     _cb_search_store_folded (CbStore      *store,
                                      gint64        document,
                                      const char   *text,
                                      gsize         length,
                                      gint64        n_chars,
                                      GError      **error);

/* Whether a stored folded copy can be what folding a text of @n_chars
 * code points gives: its offset map (cb-search-fold.h) decodes, and its
 * groups add up to the units of @folded and to @n_chars, so offsets it
 * gives only grow and stay inside the text.  A copy read from a file is
 * untrusted input; one that fails is folded again.  *@n_units: the units
 * (code points) of @folded. */
gboolean     _cb_search_folded_is_consistent (const char   *folded,
                                              gsize         folded_length,
                                              const guint8 *map,
                                              gsize         map_length,
                                              gint64        n_chars,
                                              gint64       *n_units);

/* One document as the search reads it; the pointers live until the
 * callback returns. */
typedef struct
{
  gint64          id;
  const char     *name;
  gint64          n_chars;
  const char     *folded;           /* NULL when it has no valid folded copy */
  gsize           folded_length;
  gint64          n_units;          /* code points of @folded */
  const guint8   *map;              /* its offset map (cb-search-fold.h), checked */
  gsize           map_length;
  const char     *text;             /* NULL unless asked for or @folded is NULL */
  gsize           text_length;
} CbSearchDocument;

typedef gboolean (*CbSearchDocumentFunc) (const CbSearchDocument  *document,
                                          gpointer                 user_data,
                                          GError                 **error);

/* A span of one document, code points. */
typedef struct
{
  gint64 document;
  gint64 start;
  gint64 end;
} CbSearchRange;

/* Ids of the documents without a valid folded copy. */
GArray      *_cb_store_search_list_unfolded   (CbStore               *store,
                                               const char            *fold_key,
                                               GError               **error);

/* The stored text of one document (a new string). */
char        *_cb_store_search_dup_text        (CbStore               *store,
                                               gint64                 document,
                                               gsize                 *length,
                                               gint64                *n_chars,
                                               GError               **error);

/* Stores (replacing) the folded copy of @document. */
gboolean     _cb_store_search_put_folded      (CbStore               *store,
                                               gint64                 document,
                                               const char            *fold_key,
                                               gint64                 n_chars,
                                               const char            *folded,
                                               gsize                  folded_length,
                                               const guint8          *map,
                                               gsize                  map_length,
                                               GError               **error);

/* Calls @func for every document (or only @document when not 0) whose name
 * comes after @after_name (NULL: all), ordered by name; stops early, with
 * success, once *@stop (when not NULL) is TRUE after a call. */
gboolean     _cb_store_search_foreach_document (CbStore              *store,
                                                gint64                document,
                                                const char           *after_name,
                                                const char           *fold_key,
                                                gboolean              with_text,
                                                CbSearchDocumentFunc  func,
                                                gpointer              user_data,
                                                const gboolean       *stop,
                                                GError              **error);

/* The segments coded with @code or a descendant (CbSearchRange), ordered by
 * document and start. */
GArray      *_cb_store_search_code_ranges     (CbStore               *store,
                                               gint64                 code,
                                               GError               **error);

/* The words of @speaker's turns (CbSearchRange: text_start to end), ordered
 * by document and start; *@exists tells whether any document has a speaker
 * of that name. */
GArray      *_cb_store_search_speaker_ranges  (CbStore               *store,
                                               const char            *speaker,
                                               gboolean              *exists,
                                               GError               **error);

typedef struct
{
  gint64 start;
  gint64 text_start;
  gint64 end;
} CbSearchTurn;

/* The turns of @document (CbSearchTurn), ordered by start. */
GArray      *_cb_store_search_turns           (CbStore               *store,
                                               gint64                 document,
                                               GError               **error);

G_END_DECLS
