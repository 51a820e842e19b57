/* cb-merge-dialog.h: the preview of a merge (Merge Project…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_MERGE_DIALOG (cb_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CbMergeDialog, cb_merge_dialog, CB, MERGE_DIALOG, AdwWindow)

/* A modal window over @parent showing what merging @other_name would do
 * (@report, from a dry run), with Cancel and Merge.  Merge emits ::merge
 * and closes the window; Cancel (or Escape) only closes it. */
CbMergeDialog *cb_merge_dialog_new          (GtkWindow           *parent,
                                             const char          *other_name,
                                             const CbMergeReport *report);
/* The summary as shown: the three lines, then the conflicts. */
char          *cb_merge_dialog_dup_summary  (CbMergeDialog       *self);
GtkWidget     *cb_merge_dialog_get_merge_button (CbMergeDialog   *self);

G_END_DECLS
