/* cb-code-dialogs.h: the code tree's dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-code-item.h"
#include "cb-project.h"

G_BEGIN_DECLS

/* Each presents a dialog over @parent's window about @item's code and
 * returns it (owned by GTK; it closes itself).  Merge returns NULL when
 * the codes cannot be listed (the error is shown). */
AdwMessageDialog *cb_code_dialog_delete   (GtkWidget  *parent,
                                           CbProject  *project,
                                           CbCodeItem *item);
AdwMessageDialog *cb_code_dialog_recolor  (GtkWidget  *parent,
                                           CbProject  *project,
                                           CbCodeItem *item);
AdwMessageDialog *cb_code_dialog_describe (GtkWidget  *parent,
                                           CbProject  *project,
                                           CbCodeItem *item);
AdwMessageDialog *cb_code_dialog_merge    (GtkWidget  *parent,
                                           CbProject  *project,
                                           CbCodeItem *item);

G_END_DECLS
