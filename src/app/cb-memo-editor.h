/* cb-memo-editor.h: the memo of the project, a document, a code or a coding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-project.h"

G_BEGIN_DECLS

#define CB_TYPE_MEMO_EDITOR (cb_memo_editor_get_type ())

G_DECLARE_FINAL_TYPE (CbMemoEditor, cb_memo_editor, CB, MEMO_EDITOR, GtkWidget)

typedef enum {
  CB_MEMO_NONE,
  CB_MEMO_DOCUMENT,
  CB_MEMO_CODE,
  CB_MEMO_CODING,
  CB_MEMO_PROJECT,
} CbMemoTarget;

/* Shows @project's own memo (nothing without a project). */
void          cb_memo_editor_set_project  (CbMemoEditor *self,
                                           CbProject    *project);
/* Each saves the memo being edited first, then shows the new target's. */
void          cb_memo_editor_set_document (CbMemoEditor *self,
                                           const char   *name);
void          cb_memo_editor_set_code     (CbMemoEditor *self,
                                           const char   *path);
void          cb_memo_editor_set_coding   (CbMemoEditor *self,
                                           gint64        document_id,
                                           gint64        coding_id);
/* The project's own memo (memo-editor.show-project). */
void          cb_memo_editor_show_project (CbMemoEditor *self);
void          cb_memo_editor_clear        (CbMemoEditor *self);
CbMemoTarget  cb_memo_editor_get_target   (CbMemoEditor *self);
/* The target as shown: its kind and name, "Code memo — Red Tape / GPMI". */
const char   *cb_memo_editor_get_title    (CbMemoEditor *self);
/* The target's document name or code path; NULL for the others. */
const char   *cb_memo_editor_get_key      (CbMemoEditor *self);
/* Re-reads the memo from the project, unless the user is typing. */
void          cb_memo_editor_reload       (CbMemoEditor *self);
/* Saves now what was typed and not saved yet. */
void          cb_memo_editor_flush        (CbMemoEditor *self);
/* While another connection (a job's) has the project: no reads, no
 * typing; the memo is re-read when it ends. */
void          cb_memo_editor_set_busy     (CbMemoEditor *self,
                                           gboolean      busy);

G_END_DECLS
