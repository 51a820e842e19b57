/* cb-cases-view.h: the case sheet, a row per case and a column per attribute (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_CASES_VIEW (cb_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (CbCasesView, cb_cases_view, CB, CASES_VIEW, GtkBox)

/* A page of the window's AdwViewStack.  Actions (group "cases"):
 * cases.add-case (s: the name), cases.add-attribute (s: "NAME=TYPE"),
 * cases.delete-case (s), cases.delete-attribute (s). */
CbCasesView *cb_cases_view_new          (void);
/* @project: (nullable); the sheet follows its ::changed. */
void         cb_cases_view_set_project  (CbCasesView *self,
                                         CbProject   *project);
/* (element-type GtkStringObject) the cases shown, by name */
GListModel  *cb_cases_view_get_cases    (CbCasesView *self);
GtkColumnView *cb_cases_view_get_sheet  (CbCasesView *self);
/* The last message shown (an edit that was refused), or NULL. */
const char  *cb_cases_view_get_message  (CbCasesView *self);
/* Imports a sheet (CSV/TSV) as cases.import-sheet does once the file is
 * chosen: one undo step; a failure (naming the line and column) is shown
 * as the view's message.  FALSE on failure. */
gboolean     cb_cases_view_import_sheet (CbCasesView *self,
                                         GFile       *file);
/* Imports @file as records (`import --records` with its defaults: a row is a
 * document and a case of the same name); an error shows under the sheet. */
gboolean       cb_cases_view_import_records (CbCasesView *self,
                                             GFile       *file);
/* Writes the sheet (a row per case, the header "case" and the attributes)
 * as CSV or TSV, quoted as spreadsheets do, so that it imports back. */
gboolean     cb_cases_view_export_sheet (CbCasesView *self,
                                         GFile       *file,
                                         gboolean     csv,
                                         GError     **error);

G_END_DECLS
