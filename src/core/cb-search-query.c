/* cb-search-query.c: parsing and evaluating boolean and proximity queries
 *
 * The parser is recursive descent over tokens that remember the character
 * (from 1) where they start, so every error can say where the query goes
 * wrong.  Evaluation works on one document at a time: each term's hits come
 * from the search itself (the callback, with every matching option), and
 * the operators combine lists of spans; paragraphs and word positions are
 * only computed when an operator needs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-paragraph-index.h"
#include "cb-search-query.h"

/* Deeper nesting than this is refused rather than risking the stack. */
#define MAX_DEPTH 100

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_PHRASE,
  TOKEN_OPEN,
  TOKEN_CLOSE,
  TOKEN_AND,
  TOKEN_OR,
  TOKEN_NOT,
  TOKEN_NEAR,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;       /* WORD, PHRASE */
  guint      distance;   /* NEAR */
  guint      position;   /* character from 1 */
} Token;

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->text);
}

static gboolean
is_open_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201E;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == '"' || c == 0x201D || c == 0x201C;
}

static gboolean
ends_word (gunichar c)
{
  return g_unichar_isspace (c) || c == '(' || c == ')' || is_open_quote (c) || c == 0x201D;
}

static void
set_parse_error (GError     **error,
                 guint        position,
                 const char  *what)
{
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
               /* TRANSLATORS: a search query that cannot be read; %u is a character position, %s says why */
               _("Malformed query at character %u: %s"), position, what);
}

/* What a word is, when it is an operator: TOKEN_WORD otherwise.  NEAR/
 * followed by anything but a number is an error. */
static gboolean
classify_word (Token   *token,
               GError **error)
{
  const char *w = token->text;

  if (strcmp (w, "AND") == 0)
    token->kind = TOKEN_AND;
  else if (strcmp (w, "OR") == 0)
    token->kind = TOKEN_OR;
  else if (strcmp (w, "NOT") == 0)
    token->kind = TOKEN_NOT;
  else if (g_str_has_prefix (w, "NEAR/"))
    {
      const char *digits = w + 5;
      guint64 n = 0;

      if (*digits == '\0' || strspn (digits, "0123456789") != strlen (digits) ||
          strlen (digits) > 6 || (n = g_ascii_strtoull (digits, NULL, 10)) > CB_SEARCH_QUERY_MAX_DISTANCE)
        {
          set_parse_error (error, token->position,
                           _("NEAR needs a number of words from 0 to 100000, as in NEAR/5"));
          return FALSE;
        }
      token->kind = TOKEN_NEAR;
      token->distance = n;
    }
  else
    token->kind = TOKEN_WORD;
  return TRUE;
}

static GArray *
tokenize (const char  *query,
          GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = query;
  guint position = 1;

  g_array_set_clear_func (tokens, token_clear);

  while (TRUE)
    {
      Token token = { 0 };
      gunichar c;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          position++;
        }
      token.position = position;
      if (*p == '\0')
        {
          token.kind = TOKEN_END;
          g_array_append_val (tokens, token);
          break;
        }

      c = g_utf8_get_char (p);
      if (c == '(' || c == ')')
        {
          token.kind = c == '(' ? TOKEN_OPEN : TOKEN_CLOSE;
          p++;
          position++;
        }
      else if (is_open_quote (c))
        {
          const char *start = g_utf8_next_char (p);
          const char *q = start;
          guint length = 0;

          while (*q != '\0' && !is_close_quote (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              length++;
            }
          if (*q == '\0')
            {
              set_parse_error (error, position, _("the phrase has no closing quote"));
              return NULL;
            }
          token.kind = TOKEN_PHRASE;
          token.text = g_strndup (start, q - start);
          if (g_strstrip (token.text)[0] == '\0')
            {
              g_free (token.text);
              set_parse_error (error, position, _("the phrase is empty"));
              return NULL;
            }
          p = g_utf8_next_char (q);
          position += length + 2;
        }
      else if (c == 0x201D)
        {
          set_parse_error (error, position, _("a closing quote without an opening one"));
          return NULL;
        }
      else
        {
          const char *start = p;

          while (*p != '\0' && !ends_word (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              position++;
            }
          token.text = g_strndup (start, p - start);
          if (!classify_word (&token, error))
            {
              g_free (token.text);
              return NULL;
            }
        }
      g_array_append_val (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

gboolean
cb_search_query_detect (const char *term)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (term != NULL, FALSE);

  if (strchr (term, '(') != NULL || strchr (term, ')') != NULL)
    return TRUE;

  /* operator words: separated by white space, parentheses or quotes */
  copy = g_strdup (term);
  for (char *p = copy; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '"')
      *p = ' ';
  words = g_strsplit (copy, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (words[i], "AND") == 0 || strcmp (words[i], "OR") == 0 ||
        strcmp (words[i], "NOT") == 0 || g_str_has_prefix (words[i], "NEAR/"))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Parsing
 */

typedef struct
{
  GArray *tokens;
  guint   next;
  guint   depth;
} Parser;

static const Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->next);
}

static CbSearchQuery *
node_new (CbSearchQueryKind  kind,
          CbSearchQuery     *left,
          CbSearchQuery     *right)
{
  CbSearchQuery *node = g_new0 (CbSearchQuery, 1);

  node->kind = kind;
  node->left = left;
  node->right = right;
  return node;
}

void
cb_search_query_free (CbSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->term);
  cb_search_query_free (query->left);
  cb_search_query_free (query->right);
  g_free (query);
}

static const char *
describe_token (const Token *token)
{
  switch (token->kind)
    {
    case TOKEN_END:
      return _("the query ends where a word, a phrase or “(” should follow");
    case TOKEN_CLOSE:
      return _("“)” where a word, a phrase or “(” should follow");
    case TOKEN_AND:
    case TOKEN_OR:
    case TOKEN_NOT:
    case TOKEN_NEAR:
      return _("an operator where a word, a phrase or “(” should follow");
    case TOKEN_WORD:
    case TOKEN_PHRASE:
    case TOKEN_OPEN:
    default:
      return _("unexpected text");
    }
}

static CbSearchQuery *parse_or (Parser *parser, GError **error);

static CbSearchQuery *
parse_primary (Parser  *parser,
               GError **error)
{
  const Token *token = peek (parser);

  if (token->kind == TOKEN_OPEN)
    {
      guint open_position = token->position;
      CbSearchQuery *inner;

      if (++parser->depth > MAX_DEPTH)
        {
          set_parse_error (error, token->position, _("too many parentheses inside each other"));
          return NULL;
        }
      parser->next++;
      inner = parse_or (parser, error);
      if (inner == NULL)
        return NULL;
      if (peek (parser)->kind != TOKEN_CLOSE)
        {
          cb_search_query_free (inner);
          set_parse_error (error, open_position, _("this “(” is never closed"));
          return NULL;
        }
      parser->next++;
      parser->depth--;
      return inner;
    }

  if (token->kind == TOKEN_WORD || token->kind == TOKEN_PHRASE)
    {
      GString *term = g_string_new (NULL);
      CbSearchQuery *node;

      /* words and phrases next to each other are one term */
      while (peek (parser)->kind == TOKEN_WORD || peek (parser)->kind == TOKEN_PHRASE)
        {
          if (term->len > 0)
            g_string_append_c (term, ' ');
          g_string_append (term, peek (parser)->text);
          parser->next++;
        }
      node = node_new (CB_SEARCH_QUERY_TERM, NULL, NULL);
      node->term = g_string_free (term, FALSE);
      return node;
    }

  set_parse_error (error, token->position, describe_token (token));
  return NULL;
}

static CbSearchQuery *
parse_near (Parser  *parser,
            GError **error)
{
  CbSearchQuery *left = parse_primary (parser, error);

  while (left != NULL && peek (parser)->kind == TOKEN_NEAR)
    {
      guint distance = peek (parser)->distance;
      CbSearchQuery *right;

      parser->next++;
      right = parse_primary (parser, error);
      if (right == NULL)
        {
          cb_search_query_free (left);
          return NULL;
        }
      left = node_new (CB_SEARCH_QUERY_NEAR, left, right);
      left->distance = distance;
    }
  return left;
}

typedef CbSearchQuery *(*ParseFunc) (Parser *parser, GError **error);

/* One level of left-associative binary operators. */
static CbSearchQuery *
parse_binary (Parser             *parser,
              TokenKind           op,
              CbSearchQueryKind   kind,
              ParseFunc           operand,
              GError            **error)
{
  CbSearchQuery *left = operand (parser, error);

  while (left != NULL && peek (parser)->kind == op)
    {
      CbSearchQuery *right;

      parser->next++;
      right = operand (parser, error);
      if (right == NULL)
        {
          cb_search_query_free (left);
          return NULL;
        }
      left = node_new (kind, left, right);
    }
  return left;
}

static CbSearchQuery *
parse_not (Parser  *parser,
           GError **error)
{
  return parse_binary (parser, TOKEN_NOT, CB_SEARCH_QUERY_NOT, parse_near, error);
}

static CbSearchQuery *
parse_and (Parser  *parser,
           GError **error)
{
  return parse_binary (parser, TOKEN_AND, CB_SEARCH_QUERY_AND, parse_not, error);
}

static CbSearchQuery *
parse_or (Parser  *parser,
          GError **error)
{
  return parse_binary (parser, TOKEN_OR, CB_SEARCH_QUERY_OR, parse_and, error);
}

CbSearchQuery *
cb_search_query_parse (const char  *term,
                       GError     **error)
{
  g_autoptr(GArray) tokens = NULL;
  Parser parser = { 0 };
  CbSearchQuery *query;

  g_return_val_if_fail (term != NULL, NULL);

  if (!g_utf8_validate (term, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is not valid UTF-8"));
      return NULL;
    }

  tokens = tokenize (term, error);
  if (tokens == NULL)
    return NULL;

  parser.tokens = tokens;
  query = parse_or (&parser, error);
  if (query == NULL)
    return NULL;

  if (peek (&parser)->kind != TOKEN_END)
    {
      const Token *token = peek (&parser);

      cb_search_query_free (query);
      set_parse_error (error, token->position,
                       token->kind == TOKEN_CLOSE ? _("this “)” closes nothing")
                                                  : _("an operator is missing before this"));
      return NULL;
    }
  return query;
}

static void
describe (GString             *out,
          const CbSearchQuery *query)
{
  static const char * const names[] = { NULL, NULL, "NOT", "AND", "OR" };

  if (query->kind == CB_SEARCH_QUERY_TERM)
    {
      g_string_append_printf (out, "\"%s\"", query->term);
      return;
    }
  if (query->kind == CB_SEARCH_QUERY_NEAR)
    g_string_append_printf (out, "(NEAR/%u ", query->distance);
  else
    g_string_append_printf (out, "(%s ", names[query->kind]);
  describe (out, query->left);
  g_string_append_c (out, ' ');
  describe (out, query->right);
  g_string_append_c (out, ')');
}

char *
cb_search_query_describe (const CbSearchQuery *query)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (query != NULL, NULL);
  describe (out, query);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * Evaluation
 */

typedef struct
{
  const char        *text;
  gsize              length;
  CbSearchTermFunc   term_func;
  gpointer           user_data;
  CbParagraphIndex  *paragraphs;     /* when first needed */
  GArray            *word_starts;    /* gint64, when first needed */
  GArray            *word_ends;
} Evaluation;

static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
ensure_words (Evaluation *ev)
{
  const char *p = ev->text;
  const char *end = ev->text + ev->length;
  gint64 offset = 0;
  gboolean in_word = FALSE;

  if (ev->word_starts != NULL)
    return;
  ev->word_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  ev->word_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (p < end)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      gboolean word = c < 0x80 ? g_ascii_isalnum (c) : is_word_char (c);

      if (word && !in_word)
        g_array_append_val (ev->word_starts, offset);
      else if (!word && in_word)
        g_array_append_val (ev->word_ends, offset);
      in_word = word;
      p = g_utf8_next_char (p);
      offset++;
    }
  if (in_word)
    g_array_append_val (ev->word_ends, offset);
}

/* How many of the sorted @values are below @x (or at most @x with @or_equal). */
static guint
count_below (GArray  *values,
             gint64   x,
             gboolean or_equal)
{
  guint lo = 0;
  guint hi = values->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (values, gint64, mid);

      if (v < x || (or_equal && v == x))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef struct
{
  gint64 first;    /* the hit's first word */
  gint64 last;     /* its last word (first - 1 when it holds none) */
} WordRange;

static WordRange
word_range (Evaluation         *ev,
            const CbSearchSpan *span)
{
  WordRange range;

  range.first = count_below (ev->word_ends, span->start, TRUE);
  range.last = (gint64) count_below (ev->word_starts, span->end, FALSE) - 1;
  return range;
}

static gint64
word_distance (Evaluation         *ev,
               const CbSearchSpan *a,
               const CbSearchSpan *b)
{
  WordRange x;
  WordRange y;

  if (a->start < b->end && b->start < a->end)
    return 0;
  if (b->start < a->start)
    {
      const CbSearchSpan *t = a;

      a = b;
      b = t;
    }
  x = word_range (ev, a);
  y = word_range (ev, b);
  return MAX (0, y.first - x.last);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const CbSearchSpan *x = a;
  const CbSearchSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* Sorts @spans and merges the ones that overlap, in place. */
static GArray *
merge_spans (GArray *spans)
{
  CbSearchSpan *s = (CbSearchSpan *) spans->data;
  guint n = 0;

  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      if (n > 0 && s[i].start < s[n - 1].end)
        s[n - 1].end = MAX (s[n - 1].end, s[i].end);
      else
        s[n++] = s[i];
    }
  g_array_set_size (spans, n);
  return spans;
}

static GArray *
join_spans (GArray *a,
            GArray *b)
{
  GArray *both = g_array_sized_new (FALSE, FALSE, sizeof (CbSearchSpan), a->len + b->len);

  g_array_append_vals (both, a->data, a->len);
  g_array_append_vals (both, b->data, b->len);
  return merge_spans (both);
}

/* The paragraphs (numbers) of @spans, as a set. */
static GHashTable *
paragraphs_of (Evaluation *ev,
               GArray     *spans)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);

  if (ev->paragraphs == NULL)
    ev->paragraphs = cb_paragraph_index_new (ev->text, ev->length);
  for (guint i = 0; i < spans->len; i++)
    {
      guint n = cb_paragraph_index_number_at (ev->paragraphs, g_array_index (spans, CbSearchSpan, i).start);

      g_hash_table_add (set, GUINT_TO_POINTER (n));
    }
  return set;
}

/* The spans of @spans whose paragraph is (@in) or is not in @set. */
static GArray *
filter_by_paragraph (Evaluation *ev,
                     GArray     *spans,
                     GHashTable *set,
                     gboolean    in)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (CbSearchSpan));

  for (guint i = 0; i < spans->len; i++)
    {
      CbSearchSpan *span = &g_array_index (spans, CbSearchSpan, i);
      guint n = cb_paragraph_index_number_at (ev->paragraphs, span->start);

      if (g_hash_table_contains (set, GUINT_TO_POINTER (n)) == in)
        g_array_append_val (kept, *span);
    }
  return kept;
}

static GArray *
near (Evaluation *ev,
      GArray     *a,
      GArray     *b,
      guint       distance)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (CbSearchSpan));
  const CbSearchSpan *x = (const CbSearchSpan *) a->data;
  const CbSearchSpan *y = (const CbSearchSpan *) b->data;
  guint low = 0;

  ensure_words (ev);
  for (guint i = 0; i < a->len; i++)
    {
      CbSearchSpan span = x[i];
      gboolean paired = FALSE;

      /* b's before this a that are too far are too far for every later a */
      while (low < b->len && y[low].end <= x[i].start && word_distance (ev, &x[i], &y[low]) > distance)
        low++;
      for (guint j = low; j < b->len; j++)
        {
          if (word_distance (ev, &x[i], &y[j]) <= distance)
            {
              span.start = MIN (span.start, y[j].start);
              span.end = MAX (span.end, y[j].end);
              paired = TRUE;
            }
          else if (y[j].start >= x[i].end)
            break;
        }
      if (paired)
        g_array_append_val (spans, span);
    }
  return merge_spans (spans);
}

static GArray *
evaluate (Evaluation           *ev,
          const CbSearchQuery  *query,
          GError              **error)
{
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) right = NULL;
  g_autoptr(GHashTable) in_left = NULL;
  g_autoptr(GHashTable) in_right = NULL;
  g_autoptr(GHashTable) in_both = NULL;
  g_autoptr(GArray) kept_left = NULL;
  g_autoptr(GArray) kept_right = NULL;
  GHashTableIter iter;
  gpointer key;

  if (query->kind == CB_SEARCH_QUERY_TERM)
    return ev->term_func (query->term, ev->user_data, error);

  left = evaluate (ev, query->left, error);
  if (left == NULL)
    return NULL;
  right = evaluate (ev, query->right, error);
  if (right == NULL)
    return NULL;

  switch (query->kind)
    {
    case CB_SEARCH_QUERY_OR:
      return join_spans (left, right);

    case CB_SEARCH_QUERY_NEAR:
      return near (ev, left, right, query->distance);

    case CB_SEARCH_QUERY_NOT:
      in_right = paragraphs_of (ev, right);
      return filter_by_paragraph (ev, left, in_right, FALSE);

    case CB_SEARCH_QUERY_AND:
    case CB_SEARCH_QUERY_TERM:
    default:
      in_left = paragraphs_of (ev, left);
      in_right = paragraphs_of (ev, right);
      in_both = g_hash_table_new (NULL, NULL);
      g_hash_table_iter_init (&iter, in_left);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (in_right, key))
          g_hash_table_add (in_both, key);
      kept_left = filter_by_paragraph (ev, left, in_both, TRUE);
      kept_right = filter_by_paragraph (ev, right, in_both, TRUE);
      return join_spans (kept_left, kept_right);
    }
}

GArray *
cb_search_query_evaluate (const CbSearchQuery  *query,
                          const char           *text,
                          gsize                 length,
                          CbSearchTermFunc      term_func,
                          gpointer              user_data,
                          GError              **error)
{
  Evaluation ev = { text, length, term_func, user_data };
  GArray *spans;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (term_func != NULL, NULL);

  spans = evaluate (&ev, query, error);
  g_clear_pointer (&ev.paragraphs, cb_paragraph_index_free);
  g_clear_pointer (&ev.word_starts, g_array_unref);
  g_clear_pointer (&ev.word_ends, g_array_unref);
  return spans;
}
