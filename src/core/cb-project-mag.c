/* cb-project-mag.c: MAG sessions in a project: the phase list, phases,
 * speaker roles and the convergence/divergence grid (see cb-mag.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-mag-private.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-mag.h"
#include "cb-store-turns.h"
#include "cb-text.h"

/* Phase names are short labels: a line of the list, a column's title. */
#define MAX_PHASE_NAME_CHARS 100

/* ---- The phase list ------------------------------------------------- */

static const char * const *
locale_default_names (void)
{
  const char * const *languages = g_get_language_names ();

  /* the first language of the user's that we have a list in; "C" and
   * English end the search with English */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *l = languages[i];

      if (g_ascii_strncasecmp (l, "nl", 2) == 0 || g_ascii_strncasecmp (l, "fr", 2) == 0 ||
          g_ascii_strncasecmp (l, "en", 2) == 0 || g_str_equal (l, "C") || g_str_equal (l, "POSIX"))
        return cb_mag_default_phase_names (l);
    }
  return cb_mag_default_phase_names ("en");
}

/* A phase name as stored: normalised, or NULL with @error set. */
static char *
valid_phase_name (const char  *name,
                  GError     **error)
{
  g_autofree char *normalized = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL) ||
      (normalized = cb_text_normalize_name (name)) == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A phase needs a name"));
      return NULL;
    }
  for (const char *p = normalized; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("A phase's name cannot contain tabs or line breaks"));
        return NULL;
      }
  if (g_utf8_strlen (normalized, -1) > MAX_PHASE_NAME_CHARS)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A phase's name cannot be longer than %d characters"), MAX_PHASE_NAME_CHARS);
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

/* The list from the setting's value: valid names only, each once (the file
 * is input). */
static char **
names_from_setting (const char *value)
{
  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = valid_phase_name (lines[i], NULL);

      if (name != NULL && !g_hash_table_contains (seen, name))
        {
          g_strv_builder_add (names, name);
          g_hash_table_add (seen, g_steal_pointer (&name));
        }
    }
  return g_strv_builder_end (names);
}

static char **
dup_phase_names (CbProject  *self,
                 GError    **error)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) names = NULL;

  if (!_cb_store_mag_get_setting (self->store, CB_MAG_PHASES_SETTING, &value, error))
    return NULL;
  if (value != NULL && (names = names_from_setting (value))[0] != NULL)
    return g_steal_pointer (&names);
  return g_strdupv ((char **) locale_default_names ());
}

char **
cb_project_dup_phase_names (CbProject  *self,
                            GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return dup_phase_names (self, error);
}

gboolean
cb_project_set_phase_names (CbProject          *self,
                            const char * const *names,
                            GError            **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = valid_phase_name (names[i], error);
      g_autofree char *folded = NULL;

      if (name == NULL)
        return FALSE;
      folded = _cb_mag_fold_phase_name (name);
      if (g_hash_table_contains (seen, folded))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                       _("The phase “%s” is in the list twice"), name);
          return FALSE;
        }
      g_hash_table_add (seen, g_steal_pointer (&folded));
      if (value->len > 0)
        g_string_append_c (value, '\n');
      g_string_append (value, name);
    }

  if (!_cb_project_begin (self, _("Change the phase list"), error))
    return FALSE;
  {
    g_autofree char *current = NULL;

    /* the list it already has: no undo step that changes nothing */
    ok = _cb_store_mag_get_setting (self->store, CB_MAG_PHASES_SETTING, &current, error);
    if (ok && g_strcmp0 (current, value->len > 0 ? value->str : NULL) == 0)
      {
        cb_store_rollback (self->store);
        return TRUE;
      }
  }
  ok = ok && _cb_store_mag_set_setting (self->store, CB_MAG_PHASES_SETTING,
                                        value->len > 0 ? value->str : NULL, error);
  return _cb_project_finish (self, ok, CB_CHANGE_PROJECT, error);
}

/* The list's spelling of @name (compared folded), or NULL. */
static char *
find_listed_name (char       **names,
                  const char  *name)
{
  g_autofree char *folded = _cb_mag_fold_phase_name (name);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *other = _cb_mag_fold_phase_name (names[i]);

      if (g_str_equal (folded, other))
        return g_strdup (names[i]);
    }
  return NULL;
}

/* ---- Phases ---------------------------------------------------------- */

GPtrArray *
cb_project_list_phases (CbProject   *self,
                        const char  *document,
                        GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (!(id = _cb_project_lookup_document (self, document, error)))
    return NULL;
  return _cb_store_mag_list_phases (self->store, id, error);
}

/* Frees [@start, @end) of @document_id's phases inside the transaction:
 * phases inside go, phases across an edge are trimmed, a phase around the
 * whole span is cut in two. */
static gboolean
clear_span (CbProject  *self,
            gint64      document_id,
            gint64      start,
            gint64      end,
            GError    **error)
{
  g_autoptr(GPtrArray) phases = _cb_store_mag_list_phases (self->store, document_id, error);

  if (phases == NULL)
    return FALSE;
  for (guint i = 0; i < phases->len; i++)
    {
      CbPhaseInfo *p = phases->pdata[i];
      gboolean ok = TRUE;

      if (p->end <= start || p->start >= end)
        continue;
      if (p->start >= start && p->end <= end)
        ok = _cb_store_mag_delete_phase (self->store, p->id, error);
      else if (p->start < start && p->end > end)
        ok = _cb_store_mag_move_phase (self->store, p->id, p->start, start, error) &&
             _cb_store_mag_insert_phase (self->store, document_id, p->name, end, p->end, error);
      else if (p->start < start)
        ok = _cb_store_mag_move_phase (self->store, p->id, p->start, start, error);
      else
        ok = _cb_store_mag_move_phase (self->store, p->id, end, p->end, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Checks [@start, @end) against the document's text. */
static gboolean
check_span (CbProject   *self,
            gint64       document_id,
            gint64       start,
            gint64       end,
            GError     **error)
{
  gint64 n_chars = _cb_store_get_document_length (self->store, document_id, error);

  if (n_chars < 0)
    return FALSE;
  if (start < 0 || end <= start || end > n_chars)
    {
      /* numbers formatted first: a G_GINT64_FORMAT inside _() cannot be
       * translated */
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, start);
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, end);
      g_autofree char *length = g_strdup_printf ("%" G_GINT64_FORMAT, n_chars);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The span %s–%s is not inside the document (0–%s)"), from, to, length);
      return FALSE;
    }
  return TRUE;
}

gboolean
cb_project_set_phase (CbProject   *self,
                      const char  *document,
                      const char  *name,
                      gint64       start,
                      gint64       end,
                      gboolean     allow_other,
                      GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) names = NULL;
  gint64 document_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  if (!(valid = valid_phase_name (name, error)))
    return FALSE;

  label = g_strdup_printf (_("Set phase “%s”"), valid);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (names = dup_phase_names (self, error)) != NULL;
  if (ok && !(listed = find_listed_name (names, valid)) && !allow_other)
    {
      g_autofree char *list = g_strjoinv (", ", names);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” is not in the phase list (%s)"), valid, list);
      ok = FALSE;
    }
  ok = ok && (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && check_span (self, document_id, start, end, error)
       && clear_span (self, document_id, start, end, error)
       && _cb_store_mag_insert_phase (self->store, document_id, listed != NULL ? listed : valid,
                                      start, end, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_clear_phases (CbProject   *self,
                         const char  *document,
                         gint64       start,
                         gint64       end,
                         GError     **error)
{
  g_autofree char *label = NULL;
  gint64 document_id = 0;
  gboolean whole = end <= start;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  label = g_strdup_printf (_("Clear the phases of “%s”"), document);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (whole || check_span (self, document_id, start, end, error))
       && clear_span (self, document_id, whole ? 0 : start, whole ? G_MAXINT64 : end, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_detect_phases (CbProject   *self,
                          const char  *document,
                          guint       *n_phases,
                          GError     **error)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  gsize length = 0;
  gint64 document_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  label = g_strdup_printf (_("Detect the phases of “%s”"), document);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (names = dup_phase_names (self, error)) != NULL
       && (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (text = _cb_store_dup_document_text (self->store, document_id, &length, error)) != NULL;
  if (ok)
    {
      phases = cb_mag_detect_phases (text, length, (const char * const *) names);
      if (phases->len == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("“%s” has no phase markers (“## …”, “[…]” or a line naming a phase)"),
                       document);
          ok = FALSE;
        }
    }
  ok = ok && clear_span (self, document_id, 0, G_MAXINT64, error);
  for (guint i = 0; ok && i < phases->len; i++)
    {
      CbPhaseInfo *p = phases->pdata[i];
      g_autofree char *name = valid_phase_name (p->name, NULL);

      /* a marker whose text is no valid name (too long, odd characters)
       * still ends the phase before it */
      if (name != NULL)
        ok = _cb_store_mag_insert_phase (self->store, document_id, name, p->start, p->end, error);
    }
  if (ok && n_phases != NULL)
    *n_phases = phases->len;

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

/* ---- Roles ----------------------------------------------------------- */

gboolean
cb_project_set_speaker_role (CbProject      *self,
                             const char     *document,
                             const char     *speaker,
                             CbSpeakerRole   role,
                             GError        **error)
{
  g_autofree char *label = NULL;
  g_autofree char *normalized = NULL;
  gint64 document_id = 0;
  gint64 speaker_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL && speaker != NULL, FALSE);

  normalized = cb_text_normalize_name (speaker);
  if (role == CB_SPEAKER_ROLE_NONE)
    label = g_strdup_printf (_("Remove the role of “%s”"), speaker);
  else
    {
      g_autofree char *role_label = g_utf8_strdown (cb_speaker_role_get_label (role), -1);

      /* "Set the role of “Nadia” to narrator" */
      label = g_strdup_printf (_("Set the role of “%s” to %s"), speaker, role_label);
    }
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (speaker_id = _cb_store_find_speaker (self->store, document_id,
                                                normalized != NULL ? normalized : "", error)) >= 0;
  if (ok && speaker_id == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” has no speaker named “%s”"), document, speaker);
      ok = FALSE;
    }
  ok = ok && _cb_store_mag_set_role (self->store, document_id, normalized,
                                     cb_speaker_role_to_string (role), error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

GHashTable *
cb_project_dup_speaker_roles (CbProject   *self,
                              const char  *document,
                              GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (!(id = _cb_project_lookup_document (self, document, error)))
    return NULL;
  return _cb_store_mag_roles (self->store, id, error);
}
