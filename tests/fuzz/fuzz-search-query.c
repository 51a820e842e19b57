/* fuzz-search-query.c: the search query parser and evaluator
 *
 * The input (made valid UTF-8) is parsed as a query.  A refusal is an
 * INVALID error in valid UTF-8 that names a character position inside the
 * query (or just past it).  A query that parses, written back fully
 * bracketed in infix with its terms as phrases, parses to the same tree
 * (the same description), and evaluating it over a
 * small text (each term found by a plain byte search) gives hits in order,
 * not overlapping, inside the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cb-error.h"
#include "cb-search-query.h"
#include "cb-text.h"
#include "fuzz-common.h"

static const char text[] =
  "een twee drie vier\nvijf een zes (a) \"b\"\n\ntwee zeven AND OR één é\xF0\x9F\x98\x80 x\n";

static void
write_infix (GString             *out,
             const CbSearchQuery *query)
{
  static const char * const names[] = { NULL, NULL, "NOT", "AND", "OR" };

  if (query->kind == CB_SEARCH_QUERY_TERM)
    {
      g_string_append_printf (out, "\"%s\"", query->term);
      return;
    }
  g_string_append_c (out, '(');
  write_infix (out, query->left);
  if (query->kind == CB_SEARCH_QUERY_NEAR)
    g_string_append_printf (out, " NEAR/%u ", query->distance);
  else
    g_string_append_printf (out, " %s ", names[query->kind]);
  write_infix (out, query->right);
  g_string_append_c (out, ')');
}

static GArray *
find_term (const char  *term,
           gpointer     user_data,
           GError     **error)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (CbSearchSpan));
  gsize length = strlen (term);
  const char *p = text;
  const char *at;

  FUZZ_CHECK (length > 0 && g_utf8_validate (term, -1, NULL));
  while ((at = strstr (p, term)) != NULL)
    {
      CbSearchSpan span;

      span.start = g_utf8_pointer_to_offset (text, at);
      span.end = g_utf8_pointer_to_offset (text, at + length);
      g_array_append_val (spans, span);
      p = at + length;
    }
  return spans;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query_text = g_utf8_make_valid ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSearchQuery) query = NULL;
  g_autoptr(CbSearchQuery) again = NULL;
  g_autofree char *described = NULL;
  g_autofree char *described_again = NULL;
  g_autoptr(GString) infix = g_string_new (NULL);
  g_autoptr(GArray) spans = NULL;
  gint64 n_chars = g_utf8_strlen (text, -1);
  gint64 previous_end = 0;

  fuzz_init_once ();

  (void) cb_search_query_detect (query_text);
  query = cb_search_query_parse (query_text, &error);
  if (query == NULL)
    {
      const char *where;
      unsigned position = 0;

      FUZZ_CHECK (error != NULL && error->domain == CB_PROJECT_ERROR);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      where = strstr (error->message, "character ");
      if (where != NULL)
        {
          FUZZ_CHECK (sscanf (where, "character %u", &position) == 1);
          FUZZ_CHECK (position >= 1 && position <= g_utf8_strlen (query_text, -1) + 1);
        }
      return 0;
    }

  described = cb_search_query_describe (query);
  FUZZ_CHECK (g_utf8_validate (described, -1, NULL));
  write_infix (infix, query);
  again = cb_search_query_parse (infix->str, &error);
  FUZZ_CHECK (again != NULL);
  described_again = cb_search_query_describe (again);
  FUZZ_CHECK (strcmp (described, described_again) == 0);

  spans = cb_search_query_evaluate (query, text, strlen (text), find_term, NULL, &error);
  FUZZ_CHECK (spans != NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      const CbSearchSpan *span = &g_array_index (spans, CbSearchSpan, i);

      FUZZ_CHECK (span->start >= previous_end);
      FUZZ_CHECK (span->start < span->end && span->end <= n_chars);
      previous_end = span->end;
    }
  return 0;
}
