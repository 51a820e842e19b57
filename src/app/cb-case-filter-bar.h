/* cb-case-filter-bar.h: conditions on the cases' attributes (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_CASE_FILTER_BAR (cb_case_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (CbCaseFilterBar, cb_case_filter_bar, CB, CASE_FILTER_BAR, GtkWidget)

/* The operators in the order of the drop-down. */
typedef enum
{
  CB_CASE_FILTER_EQUAL,
  CB_CASE_FILTER_NOT_EQUAL,
  CB_CASE_FILTER_LESS,
  CB_CASE_FILTER_GREATER,
  CB_CASE_FILTER_CONTAINS,
} CbCaseFilterOperator;

CbCaseFilterBar *cb_case_filter_bar_new            (void);
/* Reads the project's attributes again (NULL: none); conditions on an
 * attribute that went are dropped. */
void             cb_case_filter_bar_set_project    (CbCaseFilterBar      *self,
                                                    CbProject            *project);
void             cb_case_filter_bar_reload         (CbCaseFilterBar      *self);
gboolean         cb_case_filter_bar_has_attributes (CbCaseFilterBar      *self);
/* Adds a condition row; @attribute NULL for the first attribute, @value
 * NULL for none yet. */
void             cb_case_filter_bar_add_condition  (CbCaseFilterBar      *self,
                                                    const char           *attribute,
                                                    CbCaseFilterOperator  op,
                                                    const char           *value);
/* Condition rows, complete or not. */
guint            cb_case_filter_bar_get_n_conditions (CbCaseFilterBar    *self);
void             cb_case_filter_bar_clear          (CbCaseFilterBar      *self);
/* The complete conditions as the core's filter expressions ("NAME=VALUE",
 * "NAME!=VALUE", "NAME<VALUE", "NAME>VALUE", "NAME~TEXT"), NULL-terminated;
 * NULL when there are none. */
char           **cb_case_filter_bar_dup_expressions (CbCaseFilterBar     *self);
/* Scope rows (issue 21): a coder, document set, phase, role or speaker
 * picked from the project's names; rows of one kind are OR'ed, kinds and
 * conditions AND'ed, as on the command line.  @name NULL: the first name. */
void             cb_case_filter_bar_add_scope      (CbCaseFilterBar      *self,
                                                    CbScopeKind           kind,
                                                    const char           *name);
guint            cb_case_filter_bar_get_n_scopes   (CbCaseFilterBar      *self);
/* Adds the scope rows' options to @filter. */
void             cb_case_filter_bar_add_scopes_to  (CbCaseFilterBar      *self,
                                                    CbCaseFilter         *filter);
/* A "Scope" menu button whose popover holds a new bar of scope rows only
 * (no conditions), for a view that takes its conditions elsewhere (the
 * Analysis view's entry); *@bar is that bar (owned by the button). */
GtkWidget       *cb_case_filter_bar_new_scope_button (CbCaseFilterBar   **bar);
/* Whether there is anything to filter by: attributes, more than one
 * coder, document sets, phases, roles or speakers. */
gboolean         cb_case_filter_bar_has_choices    (CbCaseFilterBar      *self);
/* The filter the conditions and scope rows make (through
 * cb_case_filter_new() and cb_case_filter_add()), or NULL: none (@error
 * unset) or a bad one (@error set). */
CbCaseFilter    *cb_case_filter_bar_dup_filter      (CbCaseFilterBar     *self,
                                                    GError              **error);

G_END_DECLS
