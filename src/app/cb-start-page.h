/* cb-start-page.h: the window's page when no project is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CB_TYPE_START_PAGE (cb_start_page_get_type ())

G_DECLARE_FINAL_TYPE (CbStartPage, cb_start_page, CB, START_PAGE, GtkWidget)

/* Re-reads the recent projects (those still on disk) from the settings. */
void   cb_start_page_refresh           (CbStartPage *self);
/* How many recent projects are listed. */
guint  cb_start_page_get_n_recent      (CbStartPage *self);
/* Opens the @index-th recent project, as clicking its row does: emits
 * ::open-project with its path. */
void   cb_start_page_activate_recent   (CbStartPage *self,
                                        guint        index);

/* Shows the progress of an import into a new project, with @message
 * (NULL: done): the other ways to open a project are off meanwhile. */
void         cb_start_page_set_busy      (CbStartPage *self,
                                          const char  *message);
gboolean     cb_start_page_get_busy      (CbStartPage *self);
/* The progress bar's text while busy, else NULL. */
const char  *cb_start_page_get_busy_text (CbStartPage *self);
/* While busy: the import's own fraction (0 to 1) and message (NULL: kept)
 * instead of a pulse. */
void         cb_start_page_set_progress  (CbStartPage *self,
                                          double       fraction,
                                          const char  *message);
/* The bar's fraction (what the import last reported; 0 while pulsing). */
double       cb_start_page_get_fraction  (CbStartPage *self);

G_END_DECLS
