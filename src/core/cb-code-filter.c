/* cb-code-filter.c: finding a code by typing a few letters of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-code-filter.h"
#include "cb-search.h"
#include "cb-types.h"

/* Where a word of the filter was found, best first. */
#define SCORE_NAME_START      40
#define SCORE_NAME_WORD       30
#define SCORE_NAME_INSIDE     20
#define SCORE_PARENT_START    12
#define SCORE_PARENT_WORD     10
#define SCORE_PARENT_INSIDE    5
/* The whole filter is the name, or how it starts. */
#define SCORE_NAME_EQUAL     200
#define SCORE_NAME_PREFIX    100

struct _CbCodeFilter
{
  char  *folded;      /* the whole filter, folded, words joined by one space */
  char **words;       /* folded */
};

CbCodeFilter *
cb_code_filter_new (const char *text)
{
  CbCodeFilter *filter = g_new0 (CbCodeFilter, 1);
  g_autofree char *folded = cb_search_fold (text != NULL ? text : "", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  char *p = folded;

  /* Split on white space and on the path separator's slash. */
  while (*p != '\0')
    {
      char *start;

      while (*p != '\0' && (g_unichar_isspace (g_utf8_get_char (p)) || *p == '/'))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)) && *p != '/')
        p = g_utf8_next_char (p);
      g_ptr_array_add (words, g_strndup (start, p - start));
    }
  g_ptr_array_add (words, NULL);

  filter->words = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
  filter->folded = g_strjoinv (" ", filter->words);
  return filter;
}

void
cb_code_filter_free (CbCodeFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->folded);
  g_strfreev (filter->words);
  g_free (filter);
}

gboolean
cb_code_filter_is_empty (const CbCodeFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  return filter->words[0] == NULL;
}

static gboolean
starts_word (const char *haystack,
             const char *at)
{
  if (at == haystack)
    return TRUE;
  return !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at)));
}

/* The best place of @word in @haystack: 3 at its start, 2 at the start of a
 * word, 1 inside a word, 0 nowhere. */
static int
find_word (const char *haystack,
           const char *word)
{
  const char *at = haystack;
  int best = 0;

  while ((at = strstr (at, word)) != NULL)
    {
      int place = at == haystack ? 3 : starts_word (haystack, at) ? 2 : 1;

      best = MAX (best, place);
      if (best == 3)
        break;
      at = g_utf8_next_char (at);
    }
  return best;
}

int
cb_code_filter_score (const CbCodeFilter *filter,
                      const char         *path)
{
  static const int name_scores[] = { 0, SCORE_NAME_INSIDE, SCORE_NAME_WORD, SCORE_NAME_START };
  static const int parent_scores[] = { 0, SCORE_PARENT_INSIDE, SCORE_PARENT_WORD, SCORE_PARENT_START };
  g_autofree char *folded = NULL;
  const char *name;
  int score = 0;

  g_return_val_if_fail (filter != NULL, -1);
  g_return_val_if_fail (path != NULL, -1);

  if (filter->words[0] == NULL)
    return 0;

  folded = cb_search_fold (path, -1);
  name = g_strrstr (folded, CB_CODE_PATH_SEPARATOR);
  name = name != NULL ? name + strlen (CB_CODE_PATH_SEPARATOR) : folded;

  for (guint i = 0; filter->words[i] != NULL; i++)
    {
      int in_name = find_word (name, filter->words[i]);
      int in_path;

      if (in_name > 0)
        {
          score += name_scores[in_name];
          continue;
        }

      /* The parents: the path up to the name, each level a "start". */
      in_path = 0;
      for (const char *level = folded; level < name;)
        {
          const char *next = strstr (level, CB_CODE_PATH_SEPARATOR);
          g_autofree char *part = g_strndup (level, (next != NULL ? next : name) - level);

          in_path = MAX (in_path, find_word (part, filter->words[i]));
          if (next == NULL)
            break;
          level = next + strlen (CB_CODE_PATH_SEPARATOR);
        }
      if (in_path == 0)
        return -1;
      score += parent_scores[in_path];
    }

  if (strcmp (name, filter->folded) == 0)
    score += SCORE_NAME_EQUAL;
  else if (g_str_has_prefix (name, filter->folded))
    score += SCORE_NAME_PREFIX;

  return score;
}

typedef struct
{
  CbCodeInfo *code;
  int         score;
  guint       index;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a;
  const Scored *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  /* Shallower codes first: a theme before the codes under it. */
  if (x->code->depth != y->code->depth)
    return x->code->depth < y->code->depth ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

GPtrArray *
cb_code_filter_apply (const CbCodeFilter *filter,
                      GPtrArray          *codes)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  GPtrArray *result;

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (codes != NULL, NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];
      Scored s = { code, cb_code_filter_score (filter, code->path), i };

      if (s.score >= 0)
        g_array_append_val (scored, s);
    }

  /* An empty filter keeps the given order (the tree's). */
  if (!cb_code_filter_is_empty (filter))
    g_array_sort (scored, compare_scored);

  result = g_ptr_array_new_full (scored->len, (GDestroyNotify) cb_code_info_free);
  for (guint i = 0; i < scored->len; i++)
    g_ptr_array_add (result, cb_code_info_copy (g_array_index (scored, Scored, i).code));
  return result;
}

GPtrArray *
cb_code_filter_codes (GPtrArray  *codes,
                      const char *text)
{
  g_autoptr(CbCodeFilter) filter = cb_code_filter_new (text);

  return cb_code_filter_apply (filter, codes);
}
