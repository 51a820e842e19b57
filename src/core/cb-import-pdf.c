/* cb-import-pdf.c: PDF documents, through poppler-glib
 *
 * Page by page, the text as poppler extracts it, in its reading order:
 * never de-hyphenated, never re-flowed.  poppler gives lines; a text block
 * (our paragraph) ends where the gap to the next line is clearly larger
 * than the page's ordinary line gap, where the next line starts higher up
 * (a new column), and at the end of every page.  Lines inside a block stay
 * lines (a single newline), as cb-import-paragraphs.h lays out line
 * breaks.  A PDF with no text at all is a scan: we say so instead of
 * importing nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <poppler.h>

#include "cb-error.h"
#include "cb-import-paragraphs.h"
#include "cb-import-private.h"

typedef struct
{
  const char *start;      /* into the page's text */
  gsize       length;
  gboolean    has_box;
  double      top;        /* y grows downwards */
  double      bottom;
} PdfLine;

/* Splits the page's text into lines and measures each from the character
 * boxes poppler reports, one box per character of the text. */
static GArray *
measure_lines (const char       *text,
               PopplerRectangle *boxes,
               guint             n_boxes)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (PdfLine));
  PdfLine line = { text, 0, FALSE, 0, 0 };
  guint index = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\0')
        {
          line.length = p - line.start;
          g_array_append_val (lines, line);
          if (c == '\0')
            break;
          line.start = p + 1;
          line.has_box = FALSE;
          continue;
        }

      if (index < n_boxes && !g_unichar_isspace (c) && boxes[index].y2 > boxes[index].y1)
        {
          double top = MIN (boxes[index].y1, boxes[index].y2);
          double bottom = MAX (boxes[index].y1, boxes[index].y2);

          if (!line.has_box)
            {
              line.top = top;
              line.bottom = bottom;
              line.has_box = TRUE;
            }
          else
            {
              line.top = MIN (line.top, top);
              line.bottom = MAX (line.bottom, bottom);
            }
        }
    }

  return lines;
}

static gboolean
starts_block (const PdfLine *previous,
              const PdfLine *line,
              double         min_gap)
{
  double height;
  double gap;

  if (!previous->has_box || !line->has_box)
    return FALSE;

  height = MAX (previous->bottom - previous->top, line->bottom - line->top);
  gap = line->top - previous->bottom;

  /* Back up the page: the next column or a block placed out of order. */
  if (line->top < previous->top - 0.5 * height)
    return TRUE;

  return gap > MAX (0.5 * height, 1.5 * min_gap + 0.1 * height);
}

static void
import_page (PopplerPage  *page,
             CbParagraphs *paragraphs,
             gboolean     *has_text)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  GArray *lines;
  double min_gap = G_MAXDOUBLE;
  const PdfLine *previous = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  if (!poppler_page_get_text_layout (page, &boxes, &n_boxes))
    {
      boxes = NULL;
      n_boxes = 0;
    }

  lines = measure_lines (text, boxes, n_boxes);

  /* The page's ordinary line gap: the smallest between lines that follow
   * each other down the page. */
  for (guint i = 1; i < lines->len; i++)
    {
      const PdfLine *a = &g_array_index (lines, PdfLine, i - 1);
      const PdfLine *b = &g_array_index (lines, PdfLine, i);

      if (a->has_box && b->has_box && b->top >= a->bottom - 0.5 * (a->bottom - a->top))
        min_gap = MIN (min_gap, MAX (b->top - a->bottom, 0));
    }
  if (min_gap == G_MAXDOUBLE)
    min_gap = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const PdfLine *line = &g_array_index (lines, PdfLine, i);

      if (previous != NULL)
        {
          if (starts_block (previous, line, min_gap))
            cb_paragraphs_end (paragraphs);
          else
            cb_paragraphs_line_break (paragraphs);
        }
      cb_paragraphs_append (paragraphs, line->start, line->length);

      for (gsize k = 0; k < line->length && !*has_text; k++)
        if (!g_ascii_isspace (line->start[k]))
          *has_text = TRUE;

      previous = line;
    }

  cb_paragraphs_end (paragraphs);
  g_array_unref (lines);
  g_free (boxes);
}

gboolean
_cb_import_pdf (const char            *filename,
                const guint8          *data,
                gsize                  length,
                const CbImportOptions *options,
                CbImportedText        *imported,
                GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) poppler_error = NULL;
  PopplerDocument *document;
  CbParagraphs paragraphs;
  gboolean has_text = FALSE;
  gboolean is_pdf = FALSE;
  int n_pages;
  int n_missing = 0;

  /* The header may follow some junk, but within the first kilobyte. */
  for (gsize i = 0; i + 5 <= MIN (length, 1024) && !is_pdf; i++)
    is_pdf = memcmp (data + i, "%PDF-", 5) == 0;
  if (!is_pdf)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not what its name says: it is not a PDF file"));
      return FALSE;
    }

  /* poppler keeps a reference to the bytes only as long as the document.
   * Never pass a password here: poppler-glib 22.12 crashes when a wrong one
   * is given to poppler_document_new_from_bytes() (it retries on a stream
   * it has already freed); without one it reports ENCRYPTED cleanly. */
  bytes = g_bytes_new_static (data, length);
  document = poppler_document_new_from_bytes (bytes, NULL, &poppler_error);
  if (document == NULL)
    {
      if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCRYPTED,
                     _("The PDF is password-protected; save an unprotected copy and "
                       "import that"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is a damaged PDF (%s)"),
                     poppler_error != NULL ? poppler_error->message : _("unknown error"));
      return FALSE;
    }

  cb_paragraphs_init (&paragraphs);
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);

      if (page == NULL)
        {
          n_missing++;
          continue;
        }
      import_page (page, &paragraphs, &has_text);
      g_object_unref (page);
    }
  g_object_unref (document);

  /* A page tree that leads nowhere (a cycle, a dangling reference) leaves
   * pages poppler cannot find: that is damage, not a missing text layer. */
  if (!has_text && (n_pages <= 0 || n_missing > 0))
    {
      cb_paragraphs_clear (&paragraphs);
      if (n_pages <= 0)
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is a damaged PDF: its page tree leads to no page"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is a damaged PDF: its page tree is broken (a loop or a missing "
                       "page), so its pages cannot be found"));
      return FALSE;
    }
  if (!has_text)
    {
      cb_paragraphs_clear (&paragraphs);
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_NO_TEXT,
                   _("This PDF has no text layer; run OCR (text recognition) on it "
                     "first"));
      return FALSE;
    }

  imported->text = cb_paragraphs_finish (&paragraphs, &imported->length);

  return TRUE;
}
