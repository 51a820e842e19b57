/* cb-search.c: search over the stored text that finds what the researcher means
 *
 * How it stays fast.  Each document has a folded copy (table
 * document_folded, built on the first search and kept): the stored text
 * with case and accents folded and the matching equivalence applied (see
 * cb-search-fold.h), so "Één  d’école…" is stored as "een d'ecole...".
 * Folding no longer keeps one code point for one: a run of white space is
 * one, an ellipsis three, a line-break hyphen none.  So the copy comes with
 * its offset map (in the column that listed dropped marks before), which
 * says which code points of the text each folded code point stands for; it
 * is short, since only the exceptions are listed.  A search folds the term
 * the same way, runs memmem() over the folded UTF-8 and maps each hit back
 * through the map, so hits keep exact code point offsets into the stored
 * text (a hit may be longer or shorter than the term).  Counting a term that
 * cannot start or end inside an expansion (ß → ss, ﬁ → fi, … → ...) does
 * not even read the map.
 *
 * Where matching case or accents, or without the equivalence (exact), a hit
 * is only a candidate: it is checked by folding the stored text of the hit
 * as far as the options say and comparing with the term folded the same
 * way.  Candidates are tried at every position, not only after the previous
 * hit, so that a rejected candidate never hides an overlapping real hit:
 * the hits are exactly those of a left-to-right, non-overlapping scan of
 * the text folded as far as the options say, where a hit starts and ends on
 * whole folded groups.  An exact search folds each text in memory (the
 * stored copy has the equivalence in it).
 *
 * Why built lazily and not during import: folding costs about as much as
 * reading the text again, and import has its own time budget; the first
 * search pays it once (and cb_search_prepare() lets a front end pay it
 * when the user is not waiting).  The copy is derived data: it is never in
 * the undo journal, deleting a document deletes it (ON DELETE CASCADE),
 * and a missing, stale or inconsistent copy (a map whose offsets could run
 * backwards or past the text) is not used but folded again.  A project that
 * cannot be written to is searched with copies folded in memory.
 *
 * Regular expressions run on the stored text itself (ICU regex over a UTF-8
 * UText), and whole-word checks ask ICU's word break iterator whether both
 * ends of a hit are word boundaries.  Queries (cb-search-query.h) search
 * each of their terms in a document this same way and combine the hits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() is a GNU extension (glibc, musl and the BSDs have it). */
#define _GNU_SOURCE

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-search-fold.h"
#include "cb-search-private.h"
#include "cb-text.h"

/* Bump FOLD_VERSION whenever the folding or the map changes: copies made
 * by another folding are rebuilt on the next search.  2: the matching
 * equivalence and the offset map. */
#define FOLD_VERSION "2"

/* ICU regex steps one match may take (see uregex_setTimeLimit()). */
#define REGEX_TIME_LIMIT 5000

/* How many candidates to try between two looks at the GCancellable. */
#define CANCEL_CHECK_INTERVAL 4096

G_DEFINE_BOXED_TYPE (CbSearchHit, cb_search_hit, cb_search_hit_copy, cb_search_hit_free)

CbSearchHit *
cb_search_hit_copy (const CbSearchHit *hit)
{
  CbSearchHit *copy = g_new0 (CbSearchHit, 1);

  *copy = *hit;
  copy->document_name = g_strdup (hit->document_name);
  copy->match = g_strdup (hit->match);
  copy->before = g_strdup (hit->before);
  copy->after = g_strdup (hit->after);
  return copy;
}

void
cb_search_hit_free (CbSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->document_name);
  g_free (hit->match);
  g_free (hit->before);
  g_free (hit->after);
  g_free (hit);
}

const char *
_cb_search_fold_key (void)
{
  return FOLD_VERSION ":" U_UNICODE_VERSION;
}

char *
cb_search_fold (const char *text,
                gssize      length)
{
  g_autofree char *normalized = NULL;
  gsize folded_length;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = g_utf8_normalize (text, length, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return g_strdup ("");
  return _cb_search_fold_mode (normalized, strlen (normalized), CB_FOLD_CASE | CB_FOLD_ACCENTS,
                               &folded_length, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * A search
 */

/* One text to find: the term of a plain search, or one term of a query. */
typedef struct
{
  char      *needle;          /* the term folded as the copies are */
  gsize      needle_length;
  gint64     needle_units;
  gboolean   check_start;     /* may a candidate start inside a group? */
  gboolean   check_end;       /* … or end inside one? */
  char      *expected;        /* the term folded as far as the options say */
  gsize      expected_length;
} Matcher;

static void
matcher_free (Matcher *matcher)
{
  g_free (matcher->needle);
  g_free (matcher->expected);
  g_free (matcher);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Matcher, matcher_free)

typedef struct
{
  CbProject            *project;
  CbStore              *store;
  CbSearchFlags         flags;
  GCancellable         *cancellable;

  /* a plain search, or the terms of a query (char * → Matcher *) */
  CbFoldMode            mode;             /* how the copies are folded */
  CbFoldMode            verify_mode;      /* how far the options fold */
  Matcher              *matcher;
  CbSearchQuery        *query;
  GHashTable           *matchers;

  /* a regular expression */
  URegularExpression   *regex;

  /* where: merged CbSearchRange sorted by document and start, or NULL */
  GArray               *scope;
  gint64                only_document;

  UBreakIterator       *words;
  gboolean              collect;
  int                   context;
  GPtrArray            *hits;
  gint64                count;
  guint                 until_cancel_check;

  /* a page (cb_search_find_page): from after @after, until @min_hits */
  const char           *after;
  guint                 min_hits;
  gboolean              page_full;
  char                 *last_document;    /* the last one read */
} SearchRun;

static void
search_run_clear (SearchRun *run)
{
  g_clear_pointer (&run->matcher, matcher_free);
  g_clear_pointer (&run->query, cb_search_query_free);
  g_clear_pointer (&run->matchers, g_hash_table_unref);
  g_clear_pointer (&run->regex, uregex_close);
  g_clear_pointer (&run->scope, g_array_unref);
  g_clear_pointer (&run->words, ubrk_close);
  g_clear_pointer (&run->hits, g_ptr_array_unref);
  g_clear_pointer (&run->last_document, g_free);
}

/* Does the stored text [@start, @end) (bytes) say the term as the options
 * require?  It is already known to fold to the folded term. */
static gboolean
verify_candidate (SearchRun     *run,
                  const Matcher *matcher,
                  const char    *text,
                  gsize          start,
                  gsize          end)
{
  g_autofree char *folded = NULL;
  gsize folded_length;

  if (run->verify_mode == run->mode)
    return TRUE;
  folded = _cb_search_fold_mode (text + start, end - start, run->verify_mode, &folded_length, NULL, NULL);
  return folded_length == matcher->expected_length && memcmp (folded, matcher->expected, folded_length) == 0;
}

static gboolean
is_word_boundary (SearchRun *run,
                  gsize      offset)
{
  return ubrk_isBoundary (run->words, (int32_t) offset);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Does a whole word start at byte @offset of @text?  UAX #29 keeps a letter,
 * an apostrophe and a letter together (the apostrophe is MidNumLet), so
 * French elisions — l'été, d’accord, qu'il — would hide their second word
 * from a whole-word search; a word also starts right after such an
 * apostrophe. */
static gboolean
is_word_start (SearchRun  *run,
               const char *text,
               gsize       offset)
{
  const char *apostrophe;
  const char *before;

  if (is_word_boundary (run, offset))
    return TRUE;
  if (offset == 0 || !g_unichar_isalpha (g_utf8_get_char (text + offset)))
    return FALSE;

  apostrophe = g_utf8_find_prev_char (text, text + offset);
  if (apostrophe == NULL || !is_apostrophe (g_utf8_get_char (apostrophe)))
    return FALSE;
  before = g_utf8_find_prev_char (text, apostrophe);
  return before != NULL && g_unichar_isalpha (g_utf8_get_char (before));
}

/* Where @document's scope ranges start in run->scope, and how many. */
static const CbSearchRange *
scope_for_document (SearchRun *run,
                    gint64     document,
                    guint     *n_ranges)
{
  const CbSearchRange *ranges = (const CbSearchRange *) run->scope->data;
  guint lo = 0;
  guint hi = run->scope->len;
  guint first;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ranges[mid].document < document)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  while (lo < run->scope->len && ranges[lo].document == document)
    lo++;

  *n_ranges = lo - first;
  return ranges + first;
}

/* Tells whether [@start, @end) lies inside one of @ranges; *@next is the
 * first range that can still matter (hits come in order). */
static gboolean
in_scope (const CbSearchRange *ranges,
          guint                n_ranges,
          guint               *next,
          gint64               start,
          gint64               end)
{
  while (*next < n_ranges && ranges[*next].end <= start)
    (*next)++;
  return *next < n_ranges && ranges[*next].start <= start && end <= ranges[*next].end;
}

/* Per-document state of a hit's text and context. */
typedef struct
{
  const CbSearchDocument *document;
  CbTextWalker              before;
  CbTextWalker              after;
} HitMaker;

static void
add_hit (SearchRun  *run,
         HitMaker   *maker,
         gint64      start,
         gint64      end,
         gsize       start_byte,
         gsize       end_byte)
{
  const CbSearchDocument *document = maker->document;
  CbSearchHit *hit;

  run->count++;
  if (!run->collect)
    return;

  hit = g_new0 (CbSearchHit, 1);
  hit->document_id = document->id;
  hit->document_name = g_strdup (document->name);
  hit->start = start;
  hit->end = end;
  hit->match = g_strndup (document->text + start_byte, end_byte - start_byte);
  if (run->context >= 0)
    {
      gsize from = cb_text_walker_byte_at (&maker->before, MAX (0, start - run->context));
      gsize to = cb_text_walker_byte_at (&maker->after, MIN (document->n_chars, end + run->context));

      hit->before = g_strndup (document->text + from, start_byte - from);
      hit->after = g_strndup (document->text + end_byte, to - end_byte);
    }
  g_ptr_array_add (run->hits, hit);
}

static gboolean
check_cancelled (SearchRun  *run,
                 GError    **error)
{
  if (run->until_cancel_check-- > 0)
    return FALSE;
  run->until_cancel_check = CANCEL_CHECK_INTERVAL;
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* One document as a search sees it: its folded copy and the copy's map. */
typedef struct
{
  const CbSearchDocument *document;
  const char             *folded;
  gsize                   folded_length;
  const CbFoldGroup      *groups;
  guint                   n_groups;
  const CbSearchRange    *ranges;      /* the scope in this document, or NULL */
  guint                   n_ranges;
} FoldedDocument;

/* A hit of one matcher: code points and bytes of the stored text. */
typedef struct
{
  gint64 start;
  gint64 end;
  gsize  start_byte;
  gsize  end_byte;
} Found;

typedef void (*FoundFunc) (SearchRun   *run,
                           const Found *found,
                           gpointer     user_data);

static gboolean
match_folded (SearchRun             *run,
              const Matcher         *matcher,
              const FoldedDocument  *doc,
              FoundFunc              found_func,
              gpointer               user_data,
              GError               **error)
{
  const CbSearchDocument *document = doc->document;
  const char *folded = doc->folded;
  const char *p = folded;
  const char *end = folded + doc->folded_length;
  const char *at;
  CbTextWalker folded_cursor;
  CbTextWalker start_cursor;
  CbTextWalker end_cursor;
  CbFoldCursor start_map;
  CbFoldCursor end_map;
  gboolean check_map = (matcher->check_start || matcher->check_end) && doc->n_groups > 0;
  gboolean need_bytes = found_func != NULL || run->verify_mode != run->mode || (run->flags & CB_SEARCH_WHOLE_WORD);
  guint next_range = 0;

  /* Counting every hit of the folded term: nothing to convert. */
  if (!need_bytes && doc->ranges == NULL && !check_map)
    {
      while ((at = memmem (p, end - p, matcher->needle, matcher->needle_length)) != NULL)
        {
          run->count++;
          p = at + matcher->needle_length;
        }
      return TRUE;
    }

  /* The stored text is there whenever need_bytes is set. */
  cb_text_walker_init (&folded_cursor, folded, doc->folded_length, FALSE);
  cb_text_walker_init (&start_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&end_cursor, document->text, document->text_length, FALSE);
  _cb_fold_cursor_init (&start_map, doc->groups, doc->n_groups);
  _cb_fold_cursor_init (&end_map, doc->groups, doc->n_groups);

  while ((at = memmem (p, end - p, matcher->needle, matcher->needle_length)) != NULL)
    {
      gint64 unit = cb_text_walker_char_at (&folded_cursor, at - folded);
      gboolean start_aligned;
      gboolean end_aligned;
      Found found = { 0 };
      gboolean accepted;

      if (check_cancelled (run, error))
        return FALSE;

      found.start = _cb_fold_cursor_start (&start_map, unit, &start_aligned);
      found.end = _cb_fold_cursor_end (&end_map, unit + matcher->needle_units, &end_aligned);
      /* a hit never splits a group (an ß, a ligature, an ellipsis) */
      accepted = start_aligned && end_aligned;

      if (accepted && doc->ranges != NULL)
        accepted = in_scope (doc->ranges, doc->n_ranges, &next_range, found.start, found.end);

      if (accepted && need_bytes)
        {
          found.start_byte = cb_text_walker_byte_at (&start_cursor, found.start);
          found.end_byte = cb_text_walker_byte_at (&end_cursor, found.end);
          accepted = verify_candidate (run, matcher, document->text, found.start_byte, found.end_byte) &&
                     (!(run->flags & CB_SEARCH_WHOLE_WORD) ||
                      (is_word_start (run, document->text, found.start_byte) &&
                       is_word_boundary (run, found.end_byte)));
        }

      if (accepted)
        {
          if (found_func != NULL)
            found_func (run, &found, user_data);
          else
            run->count++;
          p = at + matcher->needle_length;
        }
      else
        p = g_utf8_next_char (at);
    }

  return TRUE;
}

/* A plain search's hit becomes a CbSearchHit. */
static void
found_hit (SearchRun   *run,
           const Found *found,
           gpointer     user_data)
{
  add_hit (run, user_data, found->start, found->end, found->start_byte, found->end_byte);
}

static void
found_span (SearchRun   *run,
            const Found *found,
            gpointer     user_data)
{
  CbSearchSpan span = { found->start, found->end };

  g_array_append_val ((GArray *) user_data, span);
}

typedef struct
{
  SearchRun            *run;
  const FoldedDocument *doc;
} QueryTerms;

static GArray *
query_term_hits (const char  *term,
                 gpointer     user_data,
                 GError     **error)
{
  QueryTerms *terms = user_data;
  const Matcher *matcher = g_hash_table_lookup (terms->run->matchers, term);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbSearchSpan));

  g_assert (matcher != NULL);
  if (!match_folded (terms->run, matcher, terms->doc, found_span, spans, error))
    return NULL;
  return g_steal_pointer (&spans);
}

/* A query over one document: its terms' hits, combined. */
static gboolean
search_query (SearchRun             *run,
              const FoldedDocument  *doc,
              GError               **error)
{
  const CbSearchDocument *document = doc->document;
  QueryTerms terms = { run, doc };
  g_autoptr(GArray) spans = NULL;
  CbTextWalker start_cursor;
  CbTextWalker end_cursor;
  HitMaker maker = { document };

  spans = cb_search_query_evaluate (run->query, document->text, document->text_length,
                                    query_term_hits, &terms, error);
  if (spans == NULL)
    return FALSE;

  cb_text_walker_init (&start_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&end_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.before, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.after, document->text, document->text_length, FALSE);
  for (guint i = 0; i < spans->len; i++)
    {
      const CbSearchSpan *span = &g_array_index (spans, CbSearchSpan, i);

      add_hit (run, &maker, span->start, span->end,
               cb_text_walker_byte_at (&start_cursor, span->start),
               cb_text_walker_byte_at (&end_cursor, span->end));
    }
  return TRUE;
}

static gboolean
search_regex (SearchRun               *run,
              const CbSearchDocument  *document,
              const CbSearchRange     *ranges,
              guint                    n_ranges,
              GError                 **error)
{
  UErrorCode status = U_ZERO_ERROR;
  UText *text = utext_openUTF8 (NULL, document->text, document->text_length, &status);
  CbTextWalker start_cursor;
  CbTextWalker end_cursor;
  HitMaker maker = { document };
  guint next_range = 0;
  gboolean ok = TRUE;

  if (U_FAILURE (status))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot search document “%s”: %s"), document->name, u_errorName (status));
      return FALSE;
    }

  cb_text_walker_init (&start_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&end_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.before, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.after, document->text, document->text_length, FALSE);

  /* On a UText, ICU reports native indexes: bytes of the UTF-8. */
  uregex_setUText (run->regex, text, &status);
  while (U_SUCCESS (status) && uregex_findNext (run->regex, &status))
    {
      gsize start_byte = uregex_start64 (run->regex, 0, &status);
      gsize end_byte = uregex_end64 (run->regex, 0, &status);
      gint64 start;
      gint64 stop;

      if (check_cancelled (run, error))
        {
          ok = FALSE;
          break;
        }

      /* An empty match is nowhere to show or code. */
      if (U_FAILURE (status) || end_byte <= start_byte)
        continue;

      start = cb_text_walker_char_at (&start_cursor, start_byte);
      stop = cb_text_walker_char_at (&end_cursor, end_byte);

      if (ranges != NULL && !in_scope (ranges, n_ranges, &next_range, start, stop))
        continue;
      if ((run->flags & CB_SEARCH_WHOLE_WORD) &&
          !(is_word_start (run, document->text, start_byte) && is_word_boundary (run, end_byte)))
        continue;

      add_hit (run, &maker, start, stop, start_byte, end_byte);
    }

  if (ok && U_FAILURE (status))
    {
      /* Stack or time limits of a pathological pattern. */
      if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("The regular expression takes too long on document “%s”; make it more specific"),
                     document->name);
      else
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("The regular expression failed on document “%s”: %s"),
                     document->name, u_errorName (status));
      ok = FALSE;
    }

  /* Detach the text before it goes away. */
  status = U_ZERO_ERROR;
  uregex_setText (run->regex, (const UChar *) u"", 0, &status);
  utext_close (text);
  return ok;
}

static gboolean
search_one_document (const CbSearchDocument  *document,
                     gpointer                 user_data,
                     GError                 **error)
{
  SearchRun *run = user_data;
  FoldedDocument doc = { document };
  g_autofree char *folded_here = NULL;
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  if (run->min_hits > 0)
    {
      g_free (run->last_document);
      run->last_document = g_strdup (document->name);
    }

  if (run->scope != NULL)
    {
      doc.ranges = scope_for_document (run, document->id, &doc.n_ranges);
      if (doc.n_ranges == 0)
        return TRUE;
    }

  if (run->words != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      UText *text = utext_openUTF8 (NULL, document->text, document->text_length, &status);

      /* The iterator clones the UText, so ours can go at once. */
      ubrk_setUText (run->words, text, &status);
      utext_close (text);
      if (U_FAILURE (status))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Cannot search document “%s”: %s"), document->name, u_errorName (status));
          return FALSE;
        }
    }

  if (run->regex != NULL)
    ok = search_regex (run, document, doc.ranges, doc.n_ranges, error);
  else
    {
      if (document->folded == NULL || run->mode != CB_FOLD_ALL)
        {
          /* No valid stored copy (a read-only project, a broken copy), or
           * an exact search: fold it here. */
          folded_here = _cb_search_fold_mode (document->text, document->text_length, run->mode,
                                              &doc.folded_length, NULL, groups);
          doc.folded = folded_here;
        }
      else
        {
          /* checked when read (cb-store-search.c); cannot fail here */
          doc.folded = document->folded;
          doc.folded_length = document->folded_length;
          if (document->map_length > 0 &&
              !_cb_search_map_decode (document->map, document->map_length, document->n_units,
                                      document->n_chars, groups))
            g_return_val_if_reached (FALSE);
        }
      doc.groups = (const CbFoldGroup *) groups->data;
      doc.n_groups = groups->len;

      if (run->query != NULL)
        ok = search_query (run, &doc, error);
      else
        {
          HitMaker maker = { document };

          cb_text_walker_init (&maker.before, document->text, document->text_length, FALSE);
          cb_text_walker_init (&maker.after, document->text, document->text_length, FALSE);
          ok = match_folded (run, run->matcher, &doc, run->collect ? found_hit : NULL, &maker, error);
        }
    }

  if (run->words != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      ubrk_setText (run->words, (const UChar *) u"", 0, &status);
    }

  return ok;
}

/* One document of a run; a page is full once a document brings its hits
 * to the page's minimum (a document's hits are never split). */
static gboolean
search_document (const CbSearchDocument  *document,
                 gpointer                 user_data,
                 GError                 **error)
{
  SearchRun *run = user_data;

  if (!search_one_document (document, user_data, error))
    return FALSE;
  if (run->min_hits > 0 && run->hits != NULL && run->hits->len >= run->min_hits)
    run->page_full = TRUE;
  return TRUE;
}

gboolean
_cb_search_store_folded (CbStore      *store,
                         gint64        document,
                         const char   *text,
                         gsize         length,
                         gint64        n_chars,
                         GError      **error)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));
  g_autofree char *folded = NULL;
  g_autofree guint8 *map = NULL;
  gsize folded_length;
  gsize map_length;

  folded = _cb_search_fold_mode (text, length, CB_FOLD_ALL, &folded_length, NULL, groups);
  map = _cb_search_map_encode (groups, &map_length);
  return _cb_store_search_put_folded (store, document, _cb_search_fold_key (), n_chars,
                                      folded, folded_length, map, map_length, error);
}

gboolean
_cb_search_folded_is_consistent (const char   *folded,
                                 gsize         folded_length,
                                 const guint8 *map,
                                 gsize         map_length,
                                 gint64        n_chars,
                                 gint64       *n_units)
{
  gint64 units = cb_text_count_chars (folded, folded_length);

  if (n_units != NULL)
    *n_units = units;
  return _cb_search_map_decode (map, map_length, units, n_chars, NULL);
}

/* Folds the documents that lack a valid copy and stores the copies, in one
 * transaction of its own (not an undo step: it changes nothing a user made).
 * When the project cannot be written the search folds in memory instead. */
static gboolean
ensure_folded (CbProject  *project,
               GError    **error)
{
  CbStore *store = _cb_project_get_store (project);
  const char *key = _cb_search_fold_key ();
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GError) local_error = NULL;

  missing = _cb_store_search_list_unfolded (store, key, error);
  if (missing == NULL)
    return FALSE;
  if (missing->len == 0 || cb_store_in_transaction (store))
    return TRUE;

  /* No undo step and no ::changed: the folded copies are a cache. */
  if (!_cb_project_begin (project, NULL, &local_error))
    goto failed;

  for (guint i = 0; i < missing->len; i++)
    {
      gint64 id = g_array_index (missing, gint64, i);
      g_autofree char *text = NULL;
      gsize length;
      gint64 n_chars;

      text = _cb_store_search_dup_text (store, id, &length, &n_chars, &local_error);
      if (text == NULL ||
          !_cb_search_store_folded (store, id, text, length, n_chars, &local_error))
        break;
    }

  if (_cb_project_finish (project, local_error == NULL, 0, &local_error))
    return TRUE;

failed:
  if (g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_READ_ONLY) ||
      g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_BUSY) ||
      g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FULL))
    {
      g_debug ("Searching without stored folded copies: %s", local_error->message);
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
cb_search_prepare (CbProject  *project,
                   GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure_folded (project, error);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const CbSearchRange *x = a;
  const CbSearchRange *y = b;

  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

/* Sorts @ranges and merges the ones that overlap or touch, in place. */
static void
merge_ranges (GArray *ranges)
{
  CbSearchRange *r = (CbSearchRange *) ranges->data;
  guint n = 0;

  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      if (n > 0 && r[n - 1].document == r[i].document && r[i].start <= r[n - 1].end)
        r[n - 1].end = MAX (r[n - 1].end, r[i].end);
      else
        r[n++] = r[i];
    }
  g_array_set_size (ranges, n);
}

/* Where both merged sets of ranges agree. */
static GArray *
intersect_ranges (GArray *a,
                  GArray *b)
{
  GArray *both = g_array_new (FALSE, FALSE, sizeof (CbSearchRange));
  const CbSearchRange *x = (const CbSearchRange *) a->data;
  const CbSearchRange *y = (const CbSearchRange *) b->data;
  guint i = 0;
  guint j = 0;

  while (i < a->len && j < b->len)
    {
      if (x[i].document != y[j].document)
        {
          if (x[i].document < y[j].document)
            i++;
          else
            j++;
          continue;
        }

      if (MAX (x[i].start, y[j].start) < MIN (x[i].end, y[j].end))
        {
          CbSearchRange range = { x[i].document, MAX (x[i].start, y[j].start), MIN (x[i].end, y[j].end) };

          g_array_append_val (both, range);
        }
      if (x[i].end < y[j].end)
        i++;
      else
        j++;
    }

  return both;
}

static gboolean
prepare_scope (SearchRun              *run,
               const CbSearchOptions  *options,
               GError                **error)
{
  g_autoptr(GArray) coded = NULL;
  g_autoptr(GArray) spoken = NULL;

  if (options->document != NULL)
    {
      run->only_document = _cb_project_lookup_document (run->project, options->document, error);
      if (run->only_document == 0)
        return FALSE;
    }

  if (options->within_code != NULL)
    {
      gint64 code = _cb_project_lookup_code (run->project, options->within_code, error);

      if (code == 0)
        return FALSE;
      coded = _cb_store_search_code_ranges (run->store, code, error);
      if (coded == NULL)
        return FALSE;
      merge_ranges (coded);
    }

  if (options->speaker != NULL)
    {
      g_autofree char *name = cb_text_normalize_name (options->speaker);
      gboolean exists = FALSE;

      spoken = _cb_store_search_speaker_ranges (run->store, name, &exists, error);
      if (spoken == NULL)
        return FALSE;
      if (!exists)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("No document has a speaker named “%s”"), name);
          return FALSE;
        }
      merge_ranges (spoken);
    }

  if (coded != NULL && spoken != NULL)
    run->scope = intersect_ranges (coded, spoken);
  else if (coded != NULL)
    run->scope = g_steal_pointer (&coded);
  else if (spoken != NULL)
    run->scope = g_steal_pointer (&spoken);

  return TRUE;
}

static Matcher *
matcher_new (SearchRun   *run,
             const char  *term,
             GError     **error)
{
  g_autoptr(Matcher) matcher = g_new0 (Matcher, 1);
  g_autofree char *normalized = NULL;
  const char *last;

  /* The term in the stored text's form: NFC, LF. */
  normalized = cb_text_normalize (term, -1);
  matcher->needle = _cb_search_fold_mode (normalized, strlen (normalized), run->mode,
                                          &matcher->needle_length, &matcher->needle_units, NULL);
  if (matcher->needle_length == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is empty"));
      return NULL;
    }

  if (run->mode & CB_FOLD_EQUIV)
    {
      last = g_utf8_find_prev_char (matcher->needle, matcher->needle + matcher->needle_length);
      matcher->check_start = _cb_search_fold_may_split (g_utf8_get_char (matcher->needle), TRUE);
      matcher->check_end = _cb_search_fold_may_split (g_utf8_get_char (last), FALSE);
    }

  if (run->verify_mode != run->mode)
    matcher->expected = _cb_search_fold_mode (normalized, strlen (normalized), run->verify_mode,
                                              &matcher->expected_length, NULL, NULL);
  return g_steal_pointer (&matcher);
}

/* A matcher for every term of @query. */
static gboolean
add_query_matchers (SearchRun            *run,
                    const CbSearchQuery  *query,
                    GError              **error)
{
  if (query->kind == CB_SEARCH_QUERY_TERM)
    {
      Matcher *matcher;

      if (g_hash_table_contains (run->matchers, query->term))
        return TRUE;
      matcher = matcher_new (run, query->term, error);
      if (matcher == NULL)
        return FALSE;
      g_hash_table_insert (run->matchers, query->term, matcher);
      return TRUE;
    }
  return add_query_matchers (run, query->left, error) && add_query_matchers (run, query->right, error);
}

static gboolean
prepare_term (SearchRun   *run,
              const char  *term,
              GError     **error)
{
  g_autofree char *normalized = NULL;

  if (!g_utf8_validate (term, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is not valid UTF-8"));
      return FALSE;
    }

  if (run->flags & CB_SEARCH_REGEX)
    {
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error = { 0 };
      UText *pattern;
      uint32_t regex_flags = UREGEX_MULTILINE;

      if (*term == '\0')
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("The regular expression is empty"));
          return FALSE;
        }

      /* ^ and $ match at line ends: a transcript's lines are its
       * paragraphs. */
      if (!(run->flags & CB_SEARCH_MATCH_CASE))
        regex_flags |= UREGEX_CASE_INSENSITIVE;

      normalized = cb_text_normalize (term, -1);
      pattern = utext_openUTF8 (NULL, normalized, -1, &status);
      run->regex = uregex_openUText (pattern, regex_flags, &parse_error, &status);
      utext_close (pattern);
      /* A pattern that backtracks without end must not hang the app: ICU
       * gives up on one match after this many steps (on the order of a
       * millisecond each) and the search fails with U_REGEX_TIME_OUT. */
      if (U_SUCCESS (status))
        uregex_setTimeLimit (run->regex, REGEX_TIME_LIMIT, &status);
      if (U_FAILURE (status))
        {
          g_clear_pointer (&run->regex, uregex_close);
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Invalid regular expression “%s”: %s (near character %d)"),
                       term, u_errorName (status), parse_error.offset + 1);
          return FALSE;
        }
      return TRUE;
    }

  /* The stored copies fold everything; an exact search folds without the
   * equivalence, and matching case or accents checks each candidate. */
  run->mode = (run->flags & CB_SEARCH_EXACT) ? (CB_FOLD_CASE | CB_FOLD_ACCENTS) : CB_FOLD_ALL;
  run->verify_mode = run->mode;
  if (run->flags & CB_SEARCH_MATCH_CASE)
    run->verify_mode &= ~CB_FOLD_CASE;
  if (run->flags & CB_SEARCH_MATCH_ACCENTS)
    run->verify_mode &= ~CB_FOLD_ACCENTS;

  if (!(run->flags & CB_SEARCH_LITERAL) && cb_search_query_detect (term))
    {
      run->query = cb_search_query_parse (term, error);
      if (run->query == NULL)
        return FALSE;
      run->matchers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) matcher_free);
      return add_query_matchers (run, run->query, error);
    }

  run->matcher = matcher_new (run, term, error);
  return run->matcher != NULL;
}

static gboolean
run_search (CbProject              *project,
            const char             *term,
            const CbSearchOptions  *options,
            gboolean                collect,
            GCancellable           *cancellable,
            SearchRun              *run,
            GError                **error)
{
  static const CbSearchOptions defaults = CB_SEARCH_OPTIONS_INIT;
  gboolean with_text;
  gboolean ok;

  if (options == NULL)
    options = &defaults;

  run->project = project;
  run->store = _cb_project_get_store (project);
  run->flags = options->flags;
  run->cancellable = cancellable;
  run->collect = collect;
  run->context = options->context;
  if (collect)
    run->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);

  if (!prepare_term (run, term, error))
    return FALSE;

  if (run->flags & CB_SEARCH_WHOLE_WORD)
    {
      UErrorCode status = U_ZERO_ERROR;

      run->words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
      if (U_FAILURE (status))
        {
          g_clear_pointer (&run->words, ubrk_close);
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("ICU cannot find word boundaries: %s"), u_errorName (status));
          return FALSE;
        }
    }

  if (run->regex == NULL && run->mode == CB_FOLD_ALL && !ensure_folded (project, error))
    return FALSE;

  /* One read transaction: the scopes and the texts agree with each other
   * even while another program writes to the project. */
  if (!_cb_project_begin_read (project, error))
    return FALSE;

  with_text = collect || run->regex != NULL || run->words != NULL || run->query != NULL ||
              run->mode != CB_FOLD_ALL || run->verify_mode != run->mode ||
              (run->matcher != NULL && (run->matcher->check_start || run->matcher->check_end));
  ok = prepare_scope (run, options, error) &&
       _cb_store_search_foreach_document (run->store, run->only_document, run->after, _cb_search_fold_key (),
                                          with_text, search_document, run, &run->page_full, error);

  _cb_project_end_read (project);
  return ok;
}

GPtrArray *
cb_search_find (CbProject              *project,
                const char             *term,
                const CbSearchOptions  *options,
                GCancellable           *cancellable,
                GError                **error)
{
  SearchRun run = { 0 };
  GPtrArray *hits = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (term != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (run_search (project, term, options, TRUE, cancellable, &run, error))
    hits = g_steal_pointer (&run.hits);
  search_run_clear (&run);
  return hits;
}

GPtrArray *
cb_search_find_page (CbProject              *project,
                     const char             *term,
                     const CbSearchOptions  *options,
                     const char             *after_document,
                     guint                   min_hits,
                     char                  **next_document,
                     GCancellable           *cancellable,
                     GError                **error)
{
  SearchRun run = { 0 };
  GPtrArray *hits = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (term != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run.after = after_document;
  run.min_hits = MAX (min_hits, 1);
  if (run_search (project, term, options, TRUE, cancellable, &run, error))
    {
      hits = g_steal_pointer (&run.hits);
      if (next_document != NULL)
        *next_document = run.page_full ? g_steal_pointer (&run.last_document) : NULL;
    }
  search_run_clear (&run);
  return hits;
}

gint64
cb_search_count (CbProject              *project,
                 const char             *term,
                 const CbSearchOptions  *options,
                 GCancellable           *cancellable,
                 GError                **error)
{
  SearchRun run = { 0 };
  gint64 count = -1;

  g_return_val_if_fail (CB_IS_PROJECT (project), -1);
  g_return_val_if_fail (term != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (run_search (project, term, options, FALSE, cancellable, &run, error))
    count = run.count;
  search_run_clear (&run);
  return count;
}
