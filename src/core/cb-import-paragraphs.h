/* cb-import-paragraphs.h: how every structured importer lays out its text (private)
 *
 * The one rule for all formats (README, "How imported text is laid out"):
 * each paragraph is one line; paragraphs are separated by exactly one empty
 * line; a line break inside a paragraph (Word's Shift+Enter, ODF's
 * text:line-break, RTF's \line, HTML's <br>) is a single newline, so it
 * never looks like a paragraph boundary; lines are trimmed of spaces and
 * tabs at both ends; empty paragraphs and empty lines disappear; the text
 * ends with one newline.  Tables become one paragraph per row, cells
 * separated by a tab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString  *out;        /* finished paragraphs */
  GString  *line;       /* the current paragraph so far */
  gsize     line_start; /* byte offset in @line where its last line begins */
} CbParagraphs;

void   cb_paragraphs_init            (CbParagraphs *self);
void   cb_paragraphs_clear           (CbParagraphs *self);

/* Appends text as it is, except that control characters become spaces,
 * U+2028 a line break and U+2029 a paragraph end.  @text must be valid UTF-8. */
void   cb_paragraphs_append          (CbParagraphs *self,
                                      const char   *text,
                                      gssize        length);
void   cb_paragraphs_append_unichar  (CbParagraphs *self,
                                      gunichar      c);

/* Appends text with XML/HTML white-space collapsing: any run of spaces,
 * tabs, CRs and LFs becomes one space, none at the start of a line. */
void   cb_paragraphs_append_collapsed (CbParagraphs *self,
                                       const char   *text);

void   cb_paragraphs_tab             (CbParagraphs *self);
/* A space, unless the line is empty or already ends in white space. */
void   cb_paragraphs_space           (CbParagraphs *self);
/* Between two table cells: trailing spaces dropped, then a tab. */
void   cb_paragraphs_cell            (CbParagraphs *self);
void   cb_paragraphs_line_break      (CbParagraphs *self);
void   cb_paragraphs_end             (CbParagraphs *self);

/* Ends the current paragraph and returns everything (empty string when
 * there was no text); @self is cleared. */
char  *cb_paragraphs_finish          (CbParagraphs *self,
                                      gsize        *length);

/* The Unicode character for byte @code of the Symbol font (Word's w:sym
 * and RTF's \fcharset2), or 0 when it has none. */
gunichar cb_import_symbol_font_char  (guint8        code);

G_END_DECLS
