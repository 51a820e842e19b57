/* cb-search-code.c: turning search hits into codings
 *
 * The hits of a search (cb-search.c) are spans of the stored text; this
 * part widens them to the sentence, paragraph or turn they stand in, merges
 * the overlapping ones and hands the spans to the project, which writes the
 * codings (one undo step).  It reads the texts and turns but never the
 * folded copies, so it shares nothing with the matching but the hit type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-search-private.h"
#include "cb-text.h"

gboolean
cb_search_extend_from_string (const char     *name,
                              CbSearchExtend *extend)
{
  static const char * const names[] = { "hit", "sentence", "paragraph", "turn" };

  g_return_val_if_fail (extend != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (name, names[i]) == 0)
        {
          *extend = (CbSearchExtend) i;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  gint64 document;
  gint64 start;
  gint64 end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a;
  const Span *y = b;

  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static gboolean
is_space_at (const char *text,
             gsize       offset)
{
  return g_unichar_isspace (g_utf8_get_char (text + offset));
}

/* Narrows the bytes [*@start, *@end) by the white space at both ends, but
 * never past the hit [@hit_start, @hit_end). */
static void
trim_span (const char *text,
           gsize      *start,
           gsize      *end,
           gsize       hit_start,
           gsize       hit_end)
{
  while (*start < hit_start && is_space_at (text, *start))
    *start = g_utf8_next_char (text + *start) - text;
  while (*end > hit_end)
    {
      gsize last = g_utf8_find_prev_char (text, text + *end) - text;

      if (!is_space_at (text, last))
        break;
      *end = last;
    }
}

/* The line around bytes [@start, @end). */
static void
paragraph_span (const char *text,
                gsize       length,
                gsize       start,
                gsize       end,
                gsize      *span_start,
                gsize      *span_end)
{
  const char *newline;

  *span_start = start;
  while (*span_start > 0 && text[*span_start - 1] != '\n')
    (*span_start)--;

  /* A hit that ends with its line's newline stays in that line. */
  if (end > start && text[end - 1] == '\n')
    end--;
  newline = memchr (text + end, '\n', length - end);
  *span_end = newline != NULL ? (gsize) (newline - text) : length;
}

/* Widens the hits of one document (indexes into @hits, sorted by start). */
static gboolean
extend_document_hits (CbStore         *store,
                      GPtrArray       *hits,
                      const guint     *order,
                      guint            n,
                      CbSearchExtend   extend,
                      GArray          *spans,
                      GError         **error)
{
  const CbSearchHit *first = hits->pdata[order[0]];
  g_autofree char *text = NULL;
  g_autoptr(GArray) turns = NULL;
  UBreakIterator *sentences = NULL;
  UText *utext = NULL;
  CbTextWalker hit_start_cursor;
  CbTextWalker hit_end_cursor;
  CbTextWalker span_start_cursor;
  CbTextWalker span_end_cursor;
  gsize length;
  gint64 n_chars;
  guint turn_index = 0;
  gboolean ok = TRUE;

  text = _cb_store_search_dup_text (store, first->document_id, &length, &n_chars, error);
  if (text == NULL)
    return FALSE;

  if (extend == CB_SEARCH_EXTEND_TURN)
    {
      turns = _cb_store_search_turns (store, first->document_id, error);
      if (turns == NULL)
        return FALSE;
    }
  else if (extend == CB_SEARCH_EXTEND_SENTENCE)
    {
      UErrorCode status = U_ZERO_ERROR;

      utext = utext_openUTF8 (NULL, text, length, &status);
      sentences = ubrk_open (UBRK_SENTENCE, "", NULL, 0, &status);
      if (U_SUCCESS (status))
        ubrk_setUText (sentences, utext, &status);
      if (U_FAILURE (status))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("ICU cannot find sentence boundaries: %s"), u_errorName (status));
          ok = FALSE;
        }
    }

  cb_text_walker_init (&hit_start_cursor, text, length, FALSE);
  cb_text_walker_init (&hit_end_cursor, text, length, FALSE);
  cb_text_walker_init (&span_start_cursor, text, length, FALSE);
  cb_text_walker_init (&span_end_cursor, text, length, FALSE);

  for (guint i = 0; ok && i < n; i++)
    {
      const CbSearchHit *hit = hits->pdata[order[i]];
      Span span = { hit->document_id, hit->start, hit->end };
      gsize hit_start;
      gsize hit_end;
      gsize start;
      gsize end;
      gboolean widened = TRUE;

      if (hit->start < 0 || hit->end <= hit->start || hit->end > n_chars)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("The hit %" PRId64 "–%" PRId64 " lies outside document “%s”"),
                       hit->start, hit->end, hit->document_name);
          ok = FALSE;
          break;
        }

      hit_start = cb_text_walker_byte_at (&hit_start_cursor, hit->start);
      hit_end = cb_text_walker_byte_at (&hit_end_cursor, hit->end);
      start = hit_start;
      end = hit_end;

      switch (extend)
        {
        case CB_SEARCH_EXTEND_HIT:
          widened = FALSE;
          break;

        case CB_SEARCH_EXTEND_SENTENCE:
          if (!ubrk_isBoundary (sentences, (int32_t) hit_start))
            start = ubrk_preceding (sentences, (int32_t) hit_start);
          end = ubrk_following (sentences, (int32_t) hit_end - 1);
          if ((int32_t) end == UBRK_DONE)
            end = length;
          break;

        case CB_SEARCH_EXTEND_TURN:
          {
            const CbSearchTurn *t = (const CbSearchTurn *) turns->data;

            /* Turns and hits both come in order. */
            while (turn_index + 1 < turns->len && t[turn_index + 1].start <= hit->start)
              turn_index++;
            if (turn_index < turns->len && t[turn_index].start <= hit->start &&
                hit->start < t[turn_index].end)
              {
                span.start = MIN (t[turn_index].text_start, hit->start);
                span.end = MIN (MAX (t[turn_index].end, hit->end), n_chars);
                start = cb_text_walker_byte_at (&span_start_cursor, span.start);
                end = cb_text_walker_byte_at (&span_end_cursor, span.end);
                break;
              }
          }
          /* No turn here: the paragraph is the turn. */
          G_GNUC_FALLTHROUGH;

        case CB_SEARCH_EXTEND_PARAGRAPH:
        default:
          paragraph_span (text, length, hit_start, hit_end, &start, &end);
          break;
        }

      if (widened)
        {
          start = MIN (start, hit_start);
          end = MAX (end, hit_end);
          trim_span (text, &start, &end, hit_start, hit_end);
          span.start = cb_text_walker_char_at (&span_start_cursor, start);
          span.end = cb_text_walker_char_at (&span_end_cursor, end);
        }

      g_array_append_val (spans, span);
    }

  g_clear_pointer (&sentences, ubrk_close);
  if (utext != NULL)
    utext_close (utext);
  return ok;
}

static int
compare_hit_order (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GPtrArray *hits = user_data;
  const CbSearchHit *x = hits->pdata[*(const guint *) a];
  const CbSearchHit *y = hits->pdata[*(const guint *) b];

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

gboolean
cb_search_code_hits (CbProject       *project,
                     GPtrArray       *hits,
                     const char      *code_path,
                     CbSearchExtend   extend,
                     guint           *n_coded,
                     guint           *n_existing,
                     GError         **error)
{
  return cb_search_code_hits_full (project, hits, code_path, extend, NULL, NULL, NULL,
                                   n_coded, n_existing, error);
}

gboolean
cb_search_code_hits_full (CbProject       *project,
                          GPtrArray       *hits,
                          const char      *code_path,
                          CbSearchExtend   extend,
                          CbProgressFunc   progress,
                          gpointer         progress_data,
                          GCancellable    *cancellable,
                          guint           *n_coded,
                          guint           *n_existing,
                          GError         **error)
{
  guint n_documents = 0;
  guint n_done = 0;
  gboolean ok;
  CbStore *store;
  g_autofree guint *order = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *label = NULL;
  g_autofree CbNewCoding *codings = NULL;
  const Span *s;
  guint n_unique = 0;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (hits != NULL, FALSE);
  g_return_val_if_fail (code_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = _cb_project_get_store (project);

  /* Widen every hit, document by document, in text order. */
  order = g_new (guint, MAX (hits->len, 1));
  for (guint i = 0; i < hits->len; i++)
    order[i] = i;
  g_qsort_with_data (order, hits->len, sizeof (guint), compare_hit_order, hits);
  for (guint i = 0; i < hits->len; i++)
    if (i == 0 || ((const CbSearchHit *) hits->pdata[order[i]])->document_id !=
                  ((const CbSearchHit *) hits->pdata[order[i - 1]])->document_id)
      n_documents++;

  for (guint i = 0; i < hits->len;)
    {
      const CbSearchHit *hit = hits->pdata[order[i]];
      guint j = i + 1;

      /* Nothing is written until every hit is widened, so a cancel here
       * leaves the project as it was. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        {
          /* TRANSLATORS: progress of coding all search hits: "Reading “Anna” (3 of 50)" */
          g_autofree char *message = g_strdup_printf (_("Reading “%s” (%u of %u)"),
                                                      hit->document_name, n_done + 1, n_documents);

          /* The last part of the bar is for saving the codings. */
          progress (0.9 * n_done / n_documents, message, progress_data);
        }
      while (j < hits->len && ((const CbSearchHit *) hits->pdata[order[j]])->document_id == hit->document_id)
        j++;
      if (!extend_document_hits (store, hits, order + i, j - i, extend, spans, error))
        return FALSE;
      n_done++;
      i = j;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Hits that widen to the same sentence give one coding. */
  g_array_sort (spans, compare_spans);
  s = (const Span *) spans->data;
  for (guint i = 0; i < spans->len; i++)
    if (i == 0 || compare_spans (&s[i], &s[n_unique - 1]) != 0)
      g_array_index (spans, Span, n_unique++) = s[i];
  g_array_set_size (spans, n_unique);

  /* TRANSLATORS: an undo step: "Code 12 search hits with “Theme / Sub”" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Code %u search hit with “%s”",
                                        "Code %u search hits with “%s”", spans->len),
                           spans->len, code_path);
  codings = g_new0 (CbNewCoding, MAX (spans->len, 1));
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      codings[i].document_id = span->document;
      codings[i].start = span->start;
      codings[i].end = span->end;
    }

  if (progress != NULL)
    progress (0.9, _("Saving the codings"), progress_data);
  ok = _cb_project_add_codings (project, label, code_path, codings, spans->len,
                                n_coded, n_existing, error);
  if (ok && progress != NULL)
    progress (1.0, _("Saving the codings"), progress_data);
  return ok;
}
