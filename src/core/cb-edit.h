/* cb-edit.h: editing a document's text after coding
 *
 * Every span (codings, turns, case coverage, memo links, phases) follows an
 * edit by the rules in README.md ("Editing transcripts"); each edit is one
 * transaction and one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

/**
 * cb_project_replace_text:
 * @self: a project
 * @document_id: the document
 * @start: first code point replaced
 * @end: end of the replaced code points (exclusive); @start for an insertion
 * @new_text: the replacement, normalised as imported text is (NFC, LF);
 *   "" deletes
 * @removed_codings: (out) (optional) (element-type CbSegment): the codings
 *   that lay inside the replaced text, or came to equal an older one, and
 *   were removed: their old spans, code paths, coders and texts
 * @error: a #GError
 *
 * Returns: whether the text was replaced
 */
gboolean  cb_project_replace_text (CbProject   *self,
                                   gint64       document_id,
                                   gint64       start,
                                   gint64       end,
                                   const char  *new_text,
                                   GPtrArray  **removed_codings,
                                   GError     **error);

/**
 * cb_project_find_replace:
 * @self: a project
 * @document_id: the document
 * @find: the text to find, exactly (after normalisation), in the stored text
 * @replacement: its replacement
 * @occurrence: which match (from 1) to replace; 0 for every one (one
 *   transaction, one undo step)
 * @whole_word: only matches that are whole words
 * @removed_codings: (out) (optional) (element-type CbSegment): as for
 *   cb_project_replace_text()
 * @error: a #GError (NOT_FOUND when there is no such match)
 *
 * Returns: the number of replacements, -1 on failure
 */
gint64    cb_project_find_replace (CbProject   *self,
                                   gint64       document_id,
                                   const char  *find,
                                   const char  *replacement,
                                   guint        occurrence,
                                   gboolean     whole_word,
                                   GPtrArray  **removed_codings,
                                   GError     **error);

/* Whether the bytes [@start, @end) of @text are a whole word: no letter,
 * digit or combining mark touches them on either side. */
gboolean  cb_text_is_whole_word   (const char  *text,
                                   gsize        length,
                                   gsize        start,
                                   gsize        end);

G_END_DECLS
