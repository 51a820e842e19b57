/* cb-coders.h: the coders of a project, counted, renamed and merged
 *
 * Every coding records its coder.  A team that codes the same documents
 * compares coders (cb-agreement.h); these functions list them and put the
 * work of one name under another (a typo, or two accounts of one person).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  gint64  n_codings;
  gint64  n_documents;     /* documents holding at least one of its codings */
} CbCoderSummary;

void        cb_coder_summary_free          (CbCoderSummary  *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCoderSummary, cb_coder_summary_free)

/* (element-type CbCoderSummary) every coder by name, a coder without
 * codings included.  (cb_project_list_coders() lists ids and uuids.) */
GPtrArray  *cb_project_list_coder_summaries (CbProject      *self,
                                             GError        **error);

/* Renames coder @name to @new_name.  When a coder @new_name exists the
 * two are merged: @name's codings move to it, and a coding both have
 * (same document, code and span) becomes one, keeping both memos.  One
 * transaction, one undo step.  @n_merged (optional): how many codings
 * collapsed into one already there. */
gboolean    cb_project_rename_coder         (CbProject      *self,
                                             const char     *name,
                                             const char     *new_name,
                                             gint64         *n_merged,
                                             GError        **error);

G_END_DECLS
