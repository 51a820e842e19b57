/* cb-memos-view.h: every memo by type, with a search, its editor and its evidence (issue 19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_MEMOS_VIEW (cb_memos_view_get_type ())

G_DECLARE_FINAL_TYPE (CbMemosView, cb_memos_view, CB, MEMOS_VIEW, GtkWidget)

CbMemosView *cb_memos_view_new            (void);
void         cb_memos_view_set_project    (CbMemosView  *self,
                                           CbProject    *project);
/* Re-reads the memos after a change with @flags (CbChangeFlags); a memo
 * whose text is being typed keeps what was typed. */
void         cb_memos_view_refresh        (CbMemosView  *self,
                                           guint         flags);
/* While a job's connection has the project: no reads, no edits. */
void         cb_memos_view_set_busy       (CbMemosView  *self,
                                           gboolean      busy);
/* Selects the memo titled @title; FALSE when it is not listed. */
gboolean     cb_memos_view_select         (CbMemosView  *self,
                                           const char   *title);
/* The selected memo's title, or NULL. */
const char  *cb_memos_view_get_selected   (CbMemosView  *self);
void         cb_memos_view_set_search     (CbMemosView  *self,
                                           const char   *text);
/* The titles of the memos shown (the search applied), in order. */
GPtrArray   *cb_memos_view_dup_visible    (CbMemosView  *self);
/* The selected memo's evidence rows, and activating one
 * (::evidence-activated). */
guint        cb_memos_view_get_n_evidence (CbMemosView  *self);
void         cb_memos_view_activate_evidence (CbMemosView *self,
                                           guint         index);
/* Writes the report of every memo (cb_memo_report_render()) in @format
 * to @file, with the default citation. */
gboolean     cb_memos_view_export         (CbMemosView  *self,
                                           GFile        *file,
                                           CbQuoteFormat format,
                                           GError      **error);
/* Saves now what was typed and not saved yet. */
void         cb_memos_view_flush          (CbMemosView  *self);

G_END_DECLS
