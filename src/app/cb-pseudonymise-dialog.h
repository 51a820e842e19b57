/* cb-pseudonymise-dialog.h: the Pseudonymise… dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-project.h"
#include "cb-pseudonymise.h"
#include "cb-window.h"

G_BEGIN_DECLS

#define CB_TYPE_PSEUDONYMISE_DIALOG (cb_pseudonymise_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CbPseudonymiseDialog, cb_pseudonymise_dialog, CB, PSEUDONYMISE_DIALOG, AdwWindow)

/* The candidate names of @project (cb_project_list_name_candidates()) with
 * a placeholder to fill in for each, a preview of replacements in context,
 * saving the key and choosing where the log goes.  Once the user confirms
 * (the undo history will be cleared) it emits ::apply and closes; the
 * caller pseudonymises (in a job).  It reads @project only while it shows. */
CbPseudonymiseDialog *cb_pseudonymise_dialog_new             (GtkWindow            *parent,
                                                              CbProject            *project);
/* The names given a placeholder (element-type CbPseudonym). */
GPtrArray            *cb_pseudonymise_dialog_dup_key         (CbPseudonymiseDialog *self);
CbPseudonymiseFlags   cb_pseudonymise_dialog_get_flags       (CbPseudonymiseDialog *self);
/* Where the log goes, or NULL for none. */
const char           *cb_pseudonymise_dialog_get_log_path    (CbPseudonymiseDialog *self);
void                  cb_pseudonymise_dialog_set_log_path    (CbPseudonymiseDialog *self,
                                                              const char           *path);
/* Fills in the placeholder of candidate @name; FALSE when there is no such
 * candidate. */
gboolean              cb_pseudonymise_dialog_set_placeholder (CbPseudonymiseDialog *self,
                                                              const char           *name,
                                                              const char           *placeholder);
/* The preview as shown (one replacement a line). */
const char           *cb_pseudonymise_dialog_get_preview     (CbPseudonymiseDialog *self);
/* What the confirmation's Pseudonymise button does: ::apply, then close. */
void                  cb_pseudonymise_dialog_apply           (CbPseudonymiseDialog *self);

/* win.pseudonymise (installed by cb-window-actions.c): the dialog, then
 * the pseudonymisation as a job of the window. */
void                  _cb_window_pseudonymise_action         (GtkWidget            *widget,
                                                              const char           *action_name,
                                                              GVariant             *parameter);
/* Restore Names from Log…: `depseudonymise --log` in a job (FALSE when a
 * job runs), and its action (a file chooser for the log). */
gboolean              _cb_window_restore_names               (CbWindow             *self,
                                                               const char           *log_path);
void                  _cb_window_restore_names_action        (GtkWidget            *widget,
                                                               const char           *action_name,
                                                               GVariant             *parameter);

G_END_DECLS
