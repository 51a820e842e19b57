/* cb-import-paragraphs.c: the paragraph layout shared by the structured importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-import-paragraphs.h"

void
cb_paragraphs_init (CbParagraphs *self)
{
  g_assert (self != NULL);

  self->out = g_string_new (NULL);
  self->line = g_string_new (NULL);
  self->line_start = 0;
}

void
cb_paragraphs_clear (CbParagraphs *self)
{
  g_assert (self != NULL);

  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  if (self->line != NULL)
    g_string_free (self->line, TRUE);
  self->out = NULL;
  self->line = NULL;
}

static void
trim_line_end (CbParagraphs *self)
{
  while (self->line->len > self->line_start
         && (self->line->str[self->line->len - 1] == ' '
             || self->line->str[self->line->len - 1] == '\t'))
    g_string_truncate (self->line, self->line->len - 1);
}

void
cb_paragraphs_line_break (CbParagraphs *self)
{
  trim_line_end (self);

  /* An empty line inside a paragraph would read as a paragraph boundary. */
  if (self->line->len == self->line_start)
    return;

  g_string_append_c (self->line, '\n');
  self->line_start = self->line->len;
}

void
cb_paragraphs_end (CbParagraphs *self)
{
  trim_line_end (self);
  if (self->line->len > 0 && self->line->len == self->line_start)
    g_string_truncate (self->line, self->line->len - 1);   /* the trailing '\n' */

  if (self->line->len > 0)
    {
      if (self->out->len > 0)
        g_string_append (self->out, "\n\n");
      g_string_append_len (self->out, self->line->str, self->line->len);
    }

  g_string_truncate (self->line, 0);
  self->line_start = 0;
}

void
cb_paragraphs_append_unichar (CbParagraphs *self,
                              gunichar      c)
{
  switch (c)
    {
    case 0x0b:          /* vertical tab: Word's manual line break in plain exports */
    case 0x2028:        /* LINE SEPARATOR */
      cb_paragraphs_line_break (self);
      return;

    case 0x2029:        /* PARAGRAPH SEPARATOR */
      cb_paragraphs_end (self);
      return;

    case '\t':
      break;

    default:
      /* C0 and C1 controls (and stray CR/LF inside a run) are white space. */
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        c = ' ';
      break;
    }

  if ((c == ' ' || c == '\t') && self->line->len == self->line_start)
    return;

  g_string_append_unichar (self->line, c);
}

void
cb_paragraphs_append (CbParagraphs *self,
                      const char   *text,
                      gssize        length)
{
  const char *p = text;
  const char *end;

  g_assert (text != NULL);

  end = text + (length < 0 ? (gssize) strlen (text) : length);
  while (p < end)
    {
      const char *run = p;

      /* Runs of printable ASCII (spaces too, once the line has begun) and
       * of multi-byte characters other than the separators go as they are:
       * most text is nothing else. */
      while (p < end
             && (((guchar) *p > 0x20 && (guchar) *p < 0x7f)
                 || (*p == ' ' && (p > run || self->line->len > self->line_start))
                 || ((guchar) *p >= 0xc3 && (guchar) *p != 0xe2)))
        {
          if ((guchar) *p >= 0xc3)
            p = g_utf8_next_char (p);
          else
            p++;
        }
      if (p > end)
        p = end;
      if (p > run)
        {
          g_string_append_len (self->line, run, p - run);
          continue;
        }

      cb_paragraphs_append_unichar (self, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
}

void
cb_paragraphs_append_collapsed (CbParagraphs *self,
                                const char   *text)
{
  const char *p;

  g_assert (text != NULL);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          /* Not after a tab either: white space between table cells. */
          if (self->line->len > self->line_start
              && self->line->str[self->line->len - 1] != ' '
              && self->line->str[self->line->len - 1] != '\t')
            g_string_append_c (self->line, ' ');
          continue;
        }

      cb_paragraphs_append_unichar (self, c);
    }
}

void
cb_paragraphs_tab (CbParagraphs *self)
{
  cb_paragraphs_append_unichar (self, '\t');
}

void
cb_paragraphs_space (CbParagraphs *self)
{
  char last;

  if (self->line->len == self->line_start)
    return;
  last = self->line->str[self->line->len - 1];
  if (last != ' ' && last != '\t')
    g_string_append_c (self->line, ' ');
}

void
cb_paragraphs_cell (CbParagraphs *self)
{
  while (self->line->len > self->line_start
         && self->line->str[self->line->len - 1] == ' ')
    g_string_truncate (self->line, self->line->len - 1);
  cb_paragraphs_tab (self);
}

char *
cb_paragraphs_finish (CbParagraphs *self,
                      gsize        *length)
{
  char *text;

  cb_paragraphs_end (self);
  if (self->out->len > 0)
    g_string_append_c (self->out, '\n');

  if (length != NULL)
    *length = self->out->len;
  text = g_string_free (self->out, FALSE);
  self->out = NULL;
  cb_paragraphs_clear (self);

  return text;
}

/* Adobe's Symbol encoding from 0x20; 0 where a glyph has no character of
 * its own (bracket and radical pieces).  ASCII punctuation and digits are
 * themselves; letters are Greek. */
static const gunichar symbol_font[0x100 - 0x20] = {
  /* 0x20 */ 0x0020, 0x0021, 0x2200, 0x0023, 0x2203, 0x0025, 0x0026, 0x220b,
  /* 0x28 */ 0x0028, 0x0029, 0x2217, 0x002b, 0x002c, 0x2212, 0x002e, 0x002f,
  /* 0x30 */ 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
  /* 0x38 */ 0x0038, 0x0039, 0x003a, 0x003b, 0x003c, 0x003d, 0x003e, 0x003f,
  /* 0x40 */ 0x2245, 0x0391, 0x0392, 0x03a7, 0x0394, 0x0395, 0x03a6, 0x0393,
  /* 0x48 */ 0x0397, 0x0399, 0x03d1, 0x039a, 0x039b, 0x039c, 0x039d, 0x039f,
  /* 0x50 */ 0x03a0, 0x0398, 0x03a1, 0x03a3, 0x03a4, 0x03a5, 0x03c2, 0x03a9,
  /* 0x58 */ 0x039e, 0x03a8, 0x0396, 0x005b, 0x2234, 0x005d, 0x22a5, 0x005f,
  /* 0x60 */ 0,      0x03b1, 0x03b2, 0x03c7, 0x03b4, 0x03b5, 0x03c6, 0x03b3,
  /* 0x68 */ 0x03b7, 0x03b9, 0x03d5, 0x03ba, 0x03bb, 0x03bc, 0x03bd, 0x03bf,
  /* 0x70 */ 0x03c0, 0x03b8, 0x03c1, 0x03c3, 0x03c4, 0x03c5, 0x03d6, 0x03c9,
  /* 0x78 */ 0x03be, 0x03c8, 0x03b6, 0x007b, 0x007c, 0x007d, 0x223c, 0,
  /* 0x80 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 0x90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 0xa0 */ 0x20ac, 0x03d2, 0x2032, 0x2264, 0x2044, 0x221e, 0x0192, 0x2663,
  /* 0xa8 */ 0x2666, 0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193,
  /* 0xb0 */ 0x00b0, 0x00b1, 0x2033, 0x2265, 0x00d7, 0x221d, 0x2202, 0x2022,
  /* 0xb8 */ 0x00f7, 0x2260, 0x2261, 0x2248, 0x2026, 0,      0,      0x21b5,
  /* 0xc0 */ 0x2135, 0x2111, 0x211c, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229,
  /* 0xc8 */ 0x222a, 0x2283, 0x2287, 0x2284, 0x2282, 0x2286, 0x2208, 0x2209,
  /* 0xd0 */ 0x2220, 0x2207, 0x00ae, 0x00a9, 0x2122, 0x220f, 0x221a, 0x22c5,
  /* 0xd8 */ 0x00ac, 0x2227, 0x2228, 0x21d4, 0x21d0, 0x21d1, 0x21d2, 0x21d3,
  /* 0xe0 */ 0x25ca, 0x2329, 0x00ae, 0x00a9, 0x2122, 0x2211, 0,      0,
  /* 0xe8 */ 0,      0,      0,      0,      0,      0,      0,      0,
  /* 0xf0 */ 0,      0x232a, 0x222b, 0,      0,      0,      0,      0,
  /* 0xf8 */ 0,      0,      0,      0,      0,      0,      0,      0,
};

gunichar
cb_import_symbol_font_char (guint8 code)
{
  if (code < 0x20)
    return 0;

  return symbol_font[code - 0x20];
}
