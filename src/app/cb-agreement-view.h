/* cb-agreement-view.h: the Agreement view: how far two coders (or more) agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-agreement.h"

G_BEGIN_DECLS

#define CB_TYPE_AGREEMENT_VIEW (cb_agreement_view_get_type ())
G_DECLARE_FINAL_TYPE (CbAgreementView, cb_agreement_view, CB, AGREEMENT_VIEW, GtkWidget)

GtkWidget              *cb_agreement_view_new          (void);
void                    cb_agreement_view_set_project  (CbAgreementView *self,
                                                        CbProject       *project);
/* The project changed: recomputed now when the view shows, else when it
 * is next shown. */
void                    cb_agreement_view_invalidate   (CbAgreementView *self);
/* While a job owns the project the view computes nothing. */
void                    cb_agreement_view_set_busy     (CbAgreementView *self,
                                                        gboolean         busy);
/* Recomputes now (when a project is set and no job runs). */
void                    cb_agreement_view_refresh      (CbAgreementView *self);
/* Picks coders @a and @b as the two pickers do; FALSE when either is not
 * a coder of the project. */
gboolean                cb_agreement_view_set_coders   (CbAgreementView *self,
                                                        const char      *a,
                                                        const char      *b);
/* Krippendorff's α over every coder, as the check button does. */
void                    cb_agreement_view_set_alpha    (CbAgreementView *self,
                                                        gboolean         alpha);
void                    cb_agreement_view_set_unit     (CbAgreementView *self,
                                                        CbAgreementUnit  unit);
/* The table shown (NULL when there is none). */
const CbAgreementTable *cb_agreement_view_get_table    (CbAgreementView *self);
GtkColumnView          *cb_agreement_view_get_column_view (CbAgreementView *self);
/* Selects the row of @code_path and @document_name, as clicking it does,
 * and shows the two coders' spans in the document; FALSE without one. */
gboolean                cb_agreement_view_select_row   (CbAgreementView *self,
                                                        const char      *code_path,
                                                        const char      *document_name);
/* The text the comparison shows; its tags are named
 * "agreement-both", "agreement-a-only" and "agreement-b-only" (the last
 * two are the disagreements). */
GtkTextBuffer          *cb_agreement_view_get_compare_buffer (CbAgreementView *self);
/* Writes the table shown to @file in @format, whole or not at all (what
 * the Export menu's file chooser does). */
gboolean                cb_agreement_view_export       (CbAgreementView   *self,
                                                        GFile             *file,
                                                        CbAgreementFormat  format,
                                                        GError           **error);

G_END_DECLS
