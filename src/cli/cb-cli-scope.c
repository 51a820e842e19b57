/* cb-cli-scope.c: the scope options every command shares
 *
 * --where, --coder, --set, --phase, --role and --speaker, parsed in one
 * place into one CbCaseFilter (src/core/cb-cases.h states what each keeps):
 * retrieve, export --quotes, matrix, cooccurrence, frequencies and search
 * take them, and a new command (agreement) can too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cb-cli.h"

GOptionEntry *
cb_cli_scope_entries (const GOptionEntry *own,
                      CbCliScope         *scope,
                      CbCliScopeFlags     flags)
{
  const GOptionEntry shared[] = {
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->where,
      N_("Only what lies in cases whose values pass EXPR (repeatable: all must hold)"), N_("EXPR") },
    { "coder", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->coder,
      N_("Only the codings of this coder (repeatable: any of them)"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->set,
      N_("Only in the documents of this document set (repeatable: any of them)"), N_("NAME") },
    { "phase", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->phase,
      N_("Only in the sections of this phase (repeatable: any of them)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->role,
      N_("Only in the turns of speakers with this role: narrator, participant, facilitator or observer (repeatable)"),
      N_("ROLE") },
    { "speaker", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scope->speaker,
      N_("Only in this speaker’s turns (repeatable: any of them)"), N_("NAME") },
  };
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  for (guint i = 0; own != NULL && own[i].long_name != NULL; i++)
    g_array_append_val (entries, own[i]);
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      if (((flags & CB_CLI_SCOPE_OWN_CODER) && g_str_equal (shared[i].long_name, "coder")) ||
          ((flags & CB_CLI_SCOPE_OWN_SPEAKER) && g_str_equal (shared[i].long_name, "speaker")))
        continue;
      g_array_append_val (entries, shared[i]);
    }
  return (GOptionEntry *) g_array_free (entries, FALSE);
}

gboolean
cb_cli_scope_given (const CbCliScope *scope)
{
  char **const all[] = { scope->where, scope->coder, scope->set, scope->phase, scope->role, scope->speaker };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i] != NULL && all[i][0] != NULL)
      return TRUE;
  return FALSE;
}

gboolean
cb_cli_scope_build (const CbCliScope  *scope,
                    CbCaseFilter     **filter)
{
  const struct { CbScopeKind kind; char **names; } options[] = {
    { CB_SCOPE_CODER, scope->coder },
    { CB_SCOPE_SET, scope->set },
    { CB_SCOPE_PHASE, scope->phase },
    { CB_SCOPE_ROLE, scope->role },
    { CB_SCOPE_SPEAKER, scope->speaker },
  };
  g_autoptr(CbCaseFilter) built = NULL;
  g_autoptr(GError) error = NULL;

  *filter = NULL;
  if (!cb_cli_scope_given (scope))
    return TRUE;
  if (!(built = cb_case_filter_new ((const char * const *) scope->where, &error)))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    for (guint i = 0; options[o].names != NULL && options[o].names[i] != NULL; i++)
      cb_case_filter_add (built, options[o].kind, options[o].names[i]);
  *filter = g_steal_pointer (&built);
  return TRUE;
}

void
cb_cli_scope_clear (CbCliScope *scope)
{
  g_clear_pointer (&scope->where, g_strfreev);
  g_clear_pointer (&scope->coder, g_strfreev);
  g_clear_pointer (&scope->set, g_strfreev);
  g_clear_pointer (&scope->phase, g_strfreev);
  g_clear_pointer (&scope->role, g_strfreev);
  g_clear_pointer (&scope->speaker, g_strfreev);
}

gboolean
cb_cli_resolve_name (CbProject    *project,
                     CbScopeKind   kind,
                     char        **name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  if (*name == NULL)
    return TRUE;
  if (!cb_project_resolve_name (project, kind, *name, &found, &error))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  if (found != NULL)
    {
      g_free (*name);
      *name = g_steal_pointer (&found);
    }
  return TRUE;
}

gboolean
cb_cli_resolve_code (CbProject  *project,
                     char      **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  if (*path == NULL)
    return TRUE;
  if (!cb_project_resolve_code (project, *path, &found, &error))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  if (found != NULL)
    {
      g_free (*path);
      *path = g_steal_pointer (&found);
    }
  return TRUE;
}
