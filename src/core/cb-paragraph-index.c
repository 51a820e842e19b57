/* cb-paragraph-index.c: a text's paragraphs, numbered as Codeboom cites them
 *
 * One pass over the text keeps each paragraph's start and end in code
 * points; a number is then a binary search, so that the transcript's
 * margin can number the lines it draws without walking the text again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-paragraph-index.h"

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

CbParagraphIndex *
cb_paragraph_index_new (const char *text,
                   gsize       length)
{
  CbParagraphIndex *self = g_new0 (CbParagraphIndex, 1);
  const char *p = text;
  const char *end = text + length;
  gint64 offset = 0;
  gint64 line_start = 0;
  gboolean has_words = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, self);

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  while (p < end)
    {
      if (*p == '\n')
        {
          if (has_words)
            {
              Span span = { line_start, offset };

              g_array_append_val (self->spans, span);
            }
          p++;
          offset++;
          line_start = offset;
          has_words = FALSE;
          continue;
        }

      /* ASCII needs no decoding, and is most of a transcript. */
      if ((guchar) *p < 0x80)
        {
          if (*p != ' ' && *p != '\t' && *p != '\f' && *p != '\v' && *p != '\r')
            has_words = TRUE;
          p++;
        }
      else
        {
          if (!has_words && !is_blank (g_utf8_get_char (p)))
            has_words = TRUE;
          p = g_utf8_next_char (p);
        }
      offset++;
    }
  if (has_words)
    {
      Span span = { line_start, offset };

      g_array_append_val (self->spans, span);
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
