/* cb-project-searches.c: searches saved with a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-store-searches.h"
#include "cb-text.h"

G_DEFINE_BOXED_TYPE (CbSavedSearch, cb_saved_search, cb_saved_search_copy, cb_saved_search_free)

static const struct
{
  const char    *key;
  CbSearchFlags  flag;
} flag_keys[] = {
  { "match-case", CB_SEARCH_MATCH_CASE },
  { "match-accents", CB_SEARCH_MATCH_ACCENTS },
  { "whole-word", CB_SEARCH_WHOLE_WORD },
  { "regex", CB_SEARCH_REGEX },
  { "exact", CB_SEARCH_EXACT },
  { "literal", CB_SEARCH_LITERAL },
};

CbSavedSearch *
cb_saved_search_new (const char *name,
                     const char *query,
                     const char *options)
{
  CbSavedSearch *search = g_new0 (CbSavedSearch, 1);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (name != NULL && query != NULL, search);

  search->name = g_strdup (name);
  search->query = g_strdup (query);
  search->options = g_strdup (options != NULL ? options : "");

  /* from the file: read leniently, a value that is no name is dropped */
  lines = g_strsplit (search->options, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      const char *value;
      char **target = NULL;

      if (eq == NULL)
        continue;
      key = g_strndup (lines[i], eq - lines[i]);
      value = eq + 1;

      for (guint k = 0; k < G_N_ELEMENTS (flag_keys); k++)
        if (strcmp (key, flag_keys[k].key) == 0 && strcmp (value, "true") == 0)
          search->flags |= flag_keys[k].flag;

      if (strcmp (key, "doc") == 0)
        target = &search->document;
      else if (strcmp (key, "within") == 0)
        target = &search->within_code;
      else if (strcmp (key, "speaker") == 0)
        target = &search->speaker;
      if (target != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL) &&
          cb_name_check_characters (value, NULL))
        {
          g_free (*target);
          *target = g_strdup (value);
        }
    }
  return search;
}

CbSavedSearch *
cb_saved_search_copy (const CbSavedSearch *search)
{
  return cb_saved_search_new (search->name, search->query, search->options);
}

void
cb_saved_search_free (CbSavedSearch *search)
{
  if (search == NULL)
    return;
  g_free (search->name);
  g_free (search->query);
  g_free (search->options);
  g_free (search->document);
  g_free (search->within_code);
  g_free (search->speaker);
  g_free (search);
}

void
cb_saved_search_get_options (const CbSavedSearch *search,
                             CbSearchOptions     *options)
{
  g_return_if_fail (search != NULL && options != NULL);

  options->flags = search->flags;
  options->document = search->document;
  options->within_code = search->within_code;
  options->speaker = search->speaker;
}

char *
cb_search_options_to_string (const CbSearchOptions *options)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (options != NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (flag_keys); k++)
    if (options->flags & flag_keys[k].flag)
      g_string_append_printf (out, "%s=true\n", flag_keys[k].key);
  /* names hold no line breaks (cb-names.h) */
  if (options->document != NULL)
    g_string_append_printf (out, "doc=%s\n", options->document);
  if (options->within_code != NULL)
    g_string_append_printf (out, "within=%s\n", options->within_code);
  if (options->speaker != NULL)
    g_string_append_printf (out, "speaker=%s\n", options->speaker);
  return g_string_free (out, FALSE);
}

static gboolean
check_scope_name (const char  *value,
                  GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL) || *value == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A search scope must be a name"));
      return FALSE;
    }
  return cb_name_check_characters (value, error);
}

gboolean
cb_project_save_search (CbProject              *project,
                        const char             *name,
                        const char             *query,
                        const CbSearchOptions  *options,
                        GError                **error)
{
  static const CbSearchOptions defaults = CB_SEARCH_OPTIONS_INIT;
  g_autofree char *clean_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  CbStore *store;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL && query != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The name and the query must be valid UTF-8"));
      return FALSE;
    }
  clean_name = cb_text_normalize_name (name);
  if (*clean_name == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A saved search needs a name"));
      return FALSE;
    }
  if (!cb_name_check_characters (clean_name, error) ||
      !check_scope_name (options->document, error) ||
      !check_scope_name (options->within_code, error) ||
      !check_scope_name (options->speaker, error))
    return FALSE;
  if (*query == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is empty"));
      return FALSE;
    }

  text = cb_search_options_to_string (options);
  label = g_strdup_printf (_("Save search “%s”"), clean_name);
  if (!_cb_project_begin (project, label, error))
    return FALSE;
  store = _cb_project_get_store (project);
  ok = _cb_store_searches_put (store, clean_name, query, text, error);
  return _cb_project_finish (project, ok, CB_CHANGE_PROJECT, error);
}

gboolean
cb_project_delete_search (CbProject   *project,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  label = g_strdup_printf (_("Delete saved search “%s”"), name);
  if (!_cb_project_begin (project, label, error))
    return FALSE;
  ok = _cb_store_searches_delete (_cb_project_get_store (project), name, error);
  return _cb_project_finish (project, ok, CB_CHANGE_PROJECT, error);
}

GPtrArray *
cb_project_list_searches (CbProject  *project,
                          GError    **error)
{
  GPtrArray *searches;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;
  searches = _cb_store_searches_list (_cb_project_get_store (project), NULL, error);
  _cb_project_end_read (project);
  return searches;
}

CbSavedSearch *
cb_project_lookup_search (CbProject   *project,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *clean_name = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  clean_name = cb_text_normalize_name (name);
  if (!_cb_project_begin_read (project, error))
    return NULL;
  found = _cb_store_searches_list (_cb_project_get_store (project), clean_name, error);
  _cb_project_end_read (project);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("No saved search named “%s”"), clean_name);
      return NULL;
    }
  return cb_saved_search_copy (found->pdata[0]);
}
