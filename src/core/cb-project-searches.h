/* cb-project-searches.h: searches saved with a project, to run again
 *
 * A saved search is a name, the term or query as typed, and its options as
 * a small text of "key=value" lines (README, "Saved searches"):
 * match-case, match-accents, whole-word, regex, exact, literal (=true) and
 * doc, within, speaker (=a name).  Keys it does not know are kept in the
 * text and ignored, so a later version's options do not break an earlier
 * one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-search.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;
  char          *query;
  char          *options;       /* as stored */
  /* read from @options */
  CbSearchFlags  flags;
  char          *document;
  char          *within_code;
  char          *speaker;
} CbSavedSearch;

GType          cb_saved_search_get_type    (void) G_GNUC_CONST;
/* Reads @options (NULL: none); what it cannot read is ignored. */
CbSavedSearch *cb_saved_search_new         (const char           *name,
                                            const char           *query,
                                            const char           *options);
CbSavedSearch *cb_saved_search_copy        (const CbSavedSearch  *search);
void           cb_saved_search_free        (CbSavedSearch        *search);
/* Fills the flags and scopes of @options (pointing into @search); leaves
 * @options->context as it is. */
void           cb_saved_search_get_options (const CbSavedSearch  *search,
                                            CbSearchOptions      *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSavedSearch, cb_saved_search_free)

/* The options text of @options (flags and scopes; not the context). */
char          *cb_search_options_to_string (const CbSearchOptions *options);

/**
 * cb_project_save_search:
 * @name: the search's name (a name: no control characters)
 * @query: the term or query, as cb_search_find() takes it
 * @options: (nullable): the flags and scopes to keep
 *
 * Saves a search with the project, one undo step; a search of that name is
 * replaced (it keeps its place in the list).  Emits ::changed with
 * CB_CHANGE_PROJECT.
 */
gboolean       cb_project_save_search      (CbProject              *project,
                                            const char             *name,
                                            const char             *query,
                                            const CbSearchOptions  *options,
                                            GError                **error);
/* Deletes the saved search @name, one undo step; NOT_FOUND when none. */
gboolean       cb_project_delete_search    (CbProject              *project,
                                            const char             *name,
                                            GError                **error);
/* (transfer container) (element-type CbSavedSearch): the saved searches in
 * the order they were saved. */
GPtrArray     *cb_project_list_searches    (CbProject              *project,
                                            GError                **error);
/* The saved search @name, or NULL with NOT_FOUND. */
CbSavedSearch *cb_project_lookup_search    (CbProject              *project,
                                            const char             *name,
                                            GError                **error);

G_END_DECLS
