/* cb-path-label.h: a code's path on one line, its own name kept whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_PATH_LABEL (cb_path_label_get_type ())

G_DECLARE_FINAL_TYPE (CbPathLabel, cb_path_label, CB, PATH_LABEL, GtkWidget)

GtkWidget  *cb_path_label_new        (const char  *path);
void        cb_path_label_set_path   (CbPathLabel *self,
                                      const char  *path);
const char *cb_path_label_get_path   (CbPathLabel *self);
/* What the label shows at @width pixels (newly allocated): the whole
 * path when it fits, else ancestors left out in the middle ("A / … / C /
 * Name"), and only as a last resort the name itself cut at its end. */
char       *cb_path_label_dup_shown  (CbPathLabel *self,
                                      int          width);

G_END_DECLS
