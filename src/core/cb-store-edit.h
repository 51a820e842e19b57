/* cb-store-edit.h: the SQL of editing a document's text (private, see cb-store-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* One replacement: the code points [start, end) of the old text became
 * n_chars new ones.  A list of them is in ascending order and the ranges
 * do not overlap (two insertions at one point are one edit). */
typedef struct
{
  gint64 start;
  gint64 end;
  gint64 n_chars;
} CbStoreEdit;

/* Maps the span [*start, *end) of the old text through @edits by the span
 * rules of README.md ("Editing transcripts"); FALSE when the span is
 * removed.  With @partition (turns, phases: spans that never overlap) the
 * new text of an edit goes to the span on its left only, so that two
 * neighbours that each overlap one side of it do not come to overlap. */
gboolean  _cb_store_edit_map_span (const CbStoreEdit *edits,
                                   guint              n_edits,
                                   gboolean           partition,
                                   gint64            *start,
                                   gint64            *end);

/* Inside the caller's transaction: sets document @document's text to
 * @text (@length bytes, @n_chars code points, normalised), its character
 * index (journaled as a splice when @replaced, the old text of the one
 * edit, is given; else as the whole old row), and document_status (edited, or pseudonymised as well when
 * @pseudonymised); drops its folded search copy; and moves the spans of
 * every span table (coding, turn, case_coverage, memo_link, phase) through
 * @edits.  Codings that lie inside a replaced range, and codings that came
 * to equal an older one of the same code and coder, are deleted and
 * appended to @removed as CbSegments with their old spans (no code_path,
 * no text).  Every change goes through the journal. */
gboolean  _cb_store_edit_document (CbStore           *self,
                                   gint64             document,
                                   const CbStoreEdit *edits,
                                   guint              n_edits,
                                   const char        *replaced,
                                   const char        *text,
                                   gsize              length,
                                   gint64             n_chars,
                                   gboolean           pseudonymised,
                                   GPtrArray         *removed,
                                   GError           **error);

/* The rows of span table @table (coding, turn, case_coverage, memo_link,
 * phase) of @document whose start is at least @from move by @delta (start,
 * end, and a turn's text_start), set-based: one statement, or two through
 * a parking range far beyond any text when the single statement meets a
 * UNIQUE collision half way (a chain of equal spans @delta apart).  Not
 * journaled: the caller pauses the journal's triggers and records the
 * move with _cb_store_journal_shift(). */
gboolean  _cb_store_shift_spans (CbStore     *self,
                                 const char  *table,
                                 gint64       document,
                                 gint64       from,
                                 gint64       delta,
                                 GError     **error);

/* Records in the step being recorded (if any) the inverse of the shift
 * just made by _cb_store_shift_spans (@table, @document, @from, @delta):
 * one compact entry, "the rows whose start is at least @from + @delta move
 * by -@delta", however many rows moved.  Exact only when, in the state
 * where undo replays it, no other row of @document in @table starts at or
 * after @from + @delta: cb-store-edit.c orders the edit's entries so. */
gboolean  _cb_store_journal_shift (CbStore     *self,
                                   const char  *table,
                                   gint64       document,
                                   gint64       from,
                                   gint64       delta,
                                   GError     **error);

/* The text of an edit, compactly.  An edit used to journal the document's
 * whole old row (its text and character index): the text again for every
 * edit, and the file grew by a transcript per undo step.  A splice entry
 * holds only the replaced part. */

/* Replaces the code points [@start, @end) of document @document's text by
 * @replacement (valid UTF-8), setting n_chars and the character index and
 * dropping the folded search copy; *@replaced (optional) gets the text that
 * was there.  FALSE with *@out_of_range TRUE (no error) when the range is
 * not within the text.  Not journaled: the caller pauses the journal's
 * triggers and records the splice with _cb_store_journal_splice(). */
gboolean  _cb_store_splice_text (CbStore     *self,
                                 gint64       document,
                                 gint64       start,
                                 gint64       end,
                                 const char  *replacement,
                                 char       **replaced,
                                 gboolean    *out_of_range,
                                 GError     **error);

/* Records in the step being recorded (if any) the inverse of an edit that
 * made the code points [@start, @end) of document @document's text of
 * what was @replaced: one entry, "put @replaced back over [@start, @end)". */
gboolean  _cb_store_journal_splice (CbStore     *self,
                                    gint64       document,
                                    gint64       start,
                                    gint64       end,
                                    const char  *replaced,
                                    GError     **error);

/* The turns of @document whose start lies in [@from, @to] are replaced by
 * @turns (element-type CbTurn, all starting in that range), speakers added
 * as needed; the turn before @from gets @previous_end when it is >= 0.
 * Speakers left without turns are removed.  Journaled. */
gboolean  _cb_store_edit_replace_turns (CbStore    *self,
                                        gint64      document,
                                        gint64      from,
                                        gint64      to,
                                        GPtrArray  *turns,
                                        gint64      previous_end,
                                        GError    **error);

/* The start and text_start of the turn of @document that starts at
 * @start: TRUE with *@text_start set, FALSE (no error) when none. */
gboolean  _cb_store_edit_find_turn (CbStore    *self,
                                    gint64      document,
                                    gint64      start,
                                    gint64     *text_start,
                                    GError    **error);

G_END_DECLS
