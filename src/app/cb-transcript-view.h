/* cb-transcript-view.h: a transcript with its coded spans and coding stripes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-project.h"
#include "cb-project-turns.h"

G_BEGIN_DECLS

#define CB_TYPE_TRANSCRIPT_VIEW (cb_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (CbTranscriptView, cb_transcript_view, CB, TRANSCRIPT_VIEW, GtkWidget)

GtkWidget   *cb_transcript_view_new               (void);
void         cb_transcript_view_set_project       (CbTranscriptView *self,
                                                   CbProject        *project);
gboolean     cb_transcript_view_load_document     (CbTranscriptView *self,
                                                   gint64            document_id,
                                                   const char       *document_name,
                                                   GError          **error);
void         cb_transcript_view_clear             (CbTranscriptView *self);
gint64       cb_transcript_view_get_document_id   (CbTranscriptView *self);
/* Re-reads what @flags says has changed (codes: colours and names;
 * codings: the highlights).  @codes (element-type CbCodeInfo), when the
 * caller has just listed them, saves listing them again. */
gboolean     cb_transcript_view_refresh           (CbTranscriptView *self,
                                                   CbChangeFlags     flags,
                                                   GPtrArray        *codes,
                                                   GError          **error);
/* Re-reads the speaker turns (after a rename or a new interviewer). */
gboolean     cb_transcript_view_reload_turns      (CbTranscriptView *self,
                                                   const char       *document_name);
/* The speaker turn holding @offset, or NULL. */
const CbTurnInfo *cb_transcript_view_get_turn_at  (CbTranscriptView *self,
                                                   gint64            offset);
GtkTextView *cb_transcript_view_get_text_view     (CbTranscriptView *self);
/* Edit mode (cb-transcript-edit.c): typing edits the text, each pause one
 * undo step.  Flushing stores what was typed and not yet stored (before an
 * undo or redo, for instance). */
void         cb_transcript_view_set_editing       (CbTranscriptView *self,
                                                   gboolean          editing);
gboolean     cb_transcript_view_get_editing       (CbTranscriptView *self);
void         cb_transcript_view_flush_edit        (CbTranscriptView *self);
/* The coding stripes beside the text (a CbCodingGutter). */
GtkWidget   *cb_transcript_view_get_gutter        (CbTranscriptView *self);
/* The highlight tag of code @code_id, or NULL when none of its codings is
 * in this document. */
GtkTextTag  *cb_transcript_view_get_code_tag      (CbTranscriptView *self,
                                                   gint64            code_id);
/* The codings of the shown document (element-type CbSegment). */
GPtrArray   *cb_transcript_view_get_codings       (CbTranscriptView *self);

gboolean     cb_transcript_view_get_selection     (CbTranscriptView *self,
                                                   gint64           *start,
                                                   gint64           *end);
char        *cb_transcript_view_dup_selected_text (CbTranscriptView *self);
void         cb_transcript_view_select_range      (CbTranscriptView *self,
                                                   gint64            start,
                                                   gint64            end);
/* The same without scrolling: puts back a selection the user made. */
void         cb_transcript_view_set_selection     (CbTranscriptView *self,
                                                   gint64            start,
                                                   gint64            end);
/* Where the selection (or the cursor) is, in @self's coordinates. */
void         cb_transcript_view_get_selection_rect (CbTranscriptView *self,
                                                    GdkRectangle     *rect);

/* The context menu's items at @offset (transfer full): only what applies
 * there.  Shown by a right click, the Menu key or Shift+F10, or: */
/* cb-transcript-memos.c: the evidence of free-standing memos marked in the
 * open document (read again from the project), their titles in the tooltip
 * and "Open Memo" items in the context menu. */
void         cb_transcript_view_reload_memo_marks (CbTranscriptView *self);
/* (element-type CbMemoInfo) the memos whose evidence holds @offset; NULL
 * without a document. */
GPtrArray   *cb_transcript_view_list_memos_at     (CbTranscriptView *self,
                                                   gint64            offset);
void         cb_transcript_view_append_memo_tooltip (CbTranscriptView *self,
                                                     GString          *text,
                                                     gint64            offset);
void         cb_transcript_view_append_memo_items (CbTranscriptView *self,
                                                   GMenu            *menu,
                                                   gint64            offset);

/* cb-transcript-phases.c: the MAG phases of the open document as bands in
 * the gutter (read again from the project), and the context menu's MAG
 * items: "Set Phase…" for a selection, a speaker's role. */
void         cb_transcript_view_reload_phases     (CbTranscriptView *self);
/* The MAG section of the context menu at @offset: "Clear Phase" over a
 * phase (when nothing is selected) and "Detect Phases". */
void         cb_transcript_view_append_phase_section (CbTranscriptView *self,
                                                      GMenu            *menu,
                                                      gint64            offset,
                                                      gboolean          has_selection);
void         cb_transcript_view_append_phase_item (CbTranscriptView *self,
                                                   GMenu            *section,
                                                   gint64            start,
                                                   gint64            end);
void         cb_transcript_view_append_role_menu  (CbTranscriptView *self,
                                                   GMenu            *section,
                                                   const char       *speaker);
GMenuModel  *cb_transcript_view_build_context_menu (CbTranscriptView *self,
                                                    gint64            offset);
/* Shows it at the cursor; FALSE when nothing applies there. */
gboolean     cb_transcript_view_popup_context_menu (CbTranscriptView *self);
/* The tooltip at @offset: on a speaker's label the speaker as the project
 * names them (renamed, the interviewer), then the codes there; NULL when
 * there is nothing to say. */
char        *cb_transcript_view_dup_tooltip_text  (CbTranscriptView *self,
                                                   gint64            offset);
GtkPopover  *cb_transcript_view_get_context_menu  (CbTranscriptView *self);
/* The selected text as a quote with its citation, “…” (document,
 * speaker, timestamp), as Copy with Citation puts it on the clipboard;
 * NULL without a selection. */
char        *cb_transcript_view_dup_citation_text (CbTranscriptView *self);

void         cb_transcript_view_set_show_stripes  (CbTranscriptView *self,
                                                   gboolean          show);
void         cb_transcript_view_set_text_size     (CbTranscriptView *self,
                                                   int               points);

/* Highlights the search matches, @pairs of start and end offsets
 * (element-type gint64); NULL clears them. */
void         cb_transcript_view_set_search_matches (CbTranscriptView *self,
                                                    GArray           *pairs);
/* Selects the next (or previous) match after the cursor; FALSE when none. */
gboolean     cb_transcript_view_search_next       (CbTranscriptView *self,
                                                   gboolean          backward);
/* The offsets of every search match, as pairs (element-type gint64). */
GArray      *cb_transcript_view_get_search_matches (CbTranscriptView *self);

G_END_DECLS
