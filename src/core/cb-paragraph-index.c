/* cb-paragraph-index.c: a text's paragraphs, numbered as Codeboom cites them
 *
 * One pass over the text keeps each paragraph's start and end in code
 * points; a number is then a binary search, so that the transcript's
 * margin can number the lines it draws without walking the text again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-paragraph-index.h"
#include "cb-text.h"

typedef struct
{
  gint64 start;
  gint64 end;
} Span;

struct _CbParagraphIndex
{
  GArray *spans;   /* of Span, in text order */
};

/* White space as the importers leave it between words: ASCII, no-break
 * and the other Unicode spaces. */
static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' ||
         g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

/* TRUE when [@p, @end) holds anything but blanks: usually decided by its
 * first character. */
static gboolean
has_words (const char *p,
           const char *end)
{
  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (*p != ' ' && *p != '\t' && *p != '\f' && *p != '\v' && *p != '\r')
            return TRUE;
          p++;
        }
      else
        {
          if (!is_blank (g_utf8_get_char (p)))
            return TRUE;
          p = g_utf8_next_char (p);
        }
    }
  return FALSE;
}

CbParagraphIndex *
cb_paragraph_index_new (const char *text,
                        gsize       length)
{
  CbParagraphIndex *self = g_new0 (CbParagraphIndex, 1);
  const char *p = text;
  const char *end = text + length;
  gint64 offset = 0;

  g_return_val_if_fail (text != NULL || length == 0, self);

  /* a line at a time: memchr finds its end, cb_text_count_chars counts it
   * a word at a time (this runs once per document of every quote list) */
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;
      gint64 n_chars = cb_text_count_chars (p, line_end - p);

      if (has_words (p, line_end))
        {
          Span span = { offset, offset + n_chars };

          g_array_append_val (self->spans, span);
        }
      offset += n_chars + (newline != NULL);
      p = newline != NULL ? newline + 1 : end;
    }
  return self;
}

CbParagraphIndex *
cb_paragraph_index_new_bytes (const char *text,
                              gsize       length)
{
  CbParagraphIndex *self = g_new0 (CbParagraphIndex, 1);
  const char *p = text;
  const char *end = text + length;

  g_return_val_if_fail (text != NULL || length == 0, self);

  /* the same lines as cb_paragraph_index_new(), kept in bytes: nothing
   * is counted, memchr finds each line's end */
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline != NULL ? newline : end;

      if (has_words (p, line_end))
        {
          Span span = { p - text, line_end - text };

          g_array_append_val (self->spans, span);
        }
      p = newline != NULL ? newline + 1 : end;
    }
  return self;
}

void
cb_paragraph_index_free (CbParagraphIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->spans);
  g_free (self);
}

guint
cb_paragraph_index_get_n (CbParagraphIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->spans->len;
}

guint
cb_paragraph_index_number_at (CbParagraphIndex *self,
                         gint64        offset)
{
  guint low = 0, high;

  g_return_val_if_fail (self != NULL, 0);

  /* The first paragraph that ends after @offset holds it or follows it. */
  high = self->spans->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->spans, Span, middle).end <= offset)
        low = middle + 1;
      else
        high = middle;
    }
  return low < self->spans->len ? low + 1 : 0;
}

gboolean
cb_paragraph_index_get_span (CbParagraphIndex *self,
                        guint         number,
                        gint64       *start,
                        gint64       *end)
{
  const Span *span;

  g_return_val_if_fail (self != NULL, FALSE);

  if (number == 0 || number > self->spans->len)
    return FALSE;
  span = &g_array_index (self->spans, Span, number - 1);
  if (start != NULL)
    *start = span->start;
  if (end != NULL)
    *end = span->end;
  return TRUE;
}
