/* cb-window.h: the main window (start screen, or one open project)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-application.h"
#include "cb-project.h"

G_BEGIN_DECLS

#define CB_TYPE_WINDOW (cb_window_get_type ())

G_DECLARE_FINAL_TYPE (CbWindow, cb_window, CB, WINDOW, AdwApplicationWindow)

CbWindow  *cb_window_new            (CbApplication *application);
gboolean   cb_window_open_project   (CbWindow      *self,
                                     GFile         *file,
                                     GError       **error);
gboolean   cb_window_create_project (CbWindow      *self,
                                     GFile         *file,
                                     GError       **error);
void       cb_window_close_project  (CbWindow      *self);
CbProject *cb_window_get_project    (CbWindow      *self);
gboolean   cb_window_show_document  (CbWindow      *self,
                                     gint64         document_id,
                                     GError       **error);
/* Shows @error as a toast, with the core's message. */
void       cb_window_show_error     (CbWindow      *self,
                                     const GError  *error);

G_END_DECLS
