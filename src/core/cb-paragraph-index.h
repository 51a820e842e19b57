/* cb-paragraph-index.h: a text's paragraphs, numbered as Codeboom cites them
 *
 * A paragraph is a line of the stored text (texts are normalised to LF,
 * every importer writes one paragraph a line) that holds more than white
 * space; blank lines between paragraphs are not counted.  Paragraphs are
 * numbered from 1 in text order.  The transcript's margin and the quote
 * export's {paragraph} field both number through this, so that a citation
 * and the number beside the text cannot disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CbParagraphIndex CbParagraphIndex;

/* Finds the paragraphs of @length bytes of valid UTF-8 @text. */
CbParagraphIndex *cb_paragraph_index_new       (const char       *text,
                                               gsize             length);
/* The same paragraphs with their starts and ends in bytes of @text:
 * cb_paragraph_index_number_at() and _get_span() then take and give byte
 * offsets (of code point boundaries), and give the same numbers as the
 * index in code points for the same places.  Building it counts nothing:
 * for a writer that has the bytes of the places it numbers. */
CbParagraphIndex *cb_paragraph_index_new_bytes (const char       *text,
                                               gsize             length);
void              cb_paragraph_index_free      (CbParagraphIndex *self);
guint             cb_paragraph_index_get_n     (CbParagraphIndex *self);
/* The number (from 1) of the paragraph holding code point @offset, or of
 * the next paragraph when @offset is in white space between paragraphs
 * (its line break, a blank line); 0 past the last paragraph. */
guint             cb_paragraph_index_number_at (CbParagraphIndex *self,
                                               gint64            offset);
/* Where paragraph @number (from 1) starts and ends, in code points,
 * end-exclusive (its line break excluded); FALSE when there is none. */
gboolean          cb_paragraph_index_get_span  (CbParagraphIndex *self,
                                               guint             number,
                                               gint64           *start,
                                               gint64           *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbParagraphIndex, cb_paragraph_index_free)

G_END_DECLS
