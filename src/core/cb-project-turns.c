/* cb-project-turns.c: speakers and their turns in a project's documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-store-cases.h"
#include "cb-store-mag.h"
#include "cb-project-turns.h"
#include "cb-store-turns.h"
#include "cb-text.h"
#include "cb-turns.h"

/* Longer than any label the recogniser accepts, short enough for a code name. */
#define MAX_SPEAKER_NAME_CHARS 100

CbSpeakerInfo *
cb_speaker_info_copy (const CbSpeakerInfo *info)
{
  CbSpeakerInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->name = g_strdup (info->name);

  return copy;
}

void
cb_speaker_info_free (CbSpeakerInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info);
}

CbTurnInfo *
cb_turn_info_copy (const CbTurnInfo *info)
{
  CbTurnInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->speaker = g_strdup (info->speaker);
  copy->timestamp = g_strdup (info->timestamp);

  return copy;
}

void
cb_turn_info_free (CbTurnInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->speaker);
  g_free (info->timestamp);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (CbSpeakerInfo, cb_speaker_info, cb_speaker_info_copy, cb_speaker_info_free)
G_DEFINE_BOXED_TYPE (CbTurnInfo, cb_turn_info, cb_turn_info_copy, cb_turn_info_free)

void
cb_speaker_code_free (CbSpeakerCode *code)
{
  if (code == NULL)
    return;

  g_free (code->code_path);
  g_free (code);
}

gboolean
_cb_project_store_turns (CbProject   *self,
                         gint64       document_id,
                         const char  *text,
                         gsize        length,
                         GError     **error)
{
  CbStore *store = self->store;
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(GHashTable) speakers = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (cb_store_in_transaction (store), FALSE);

  turns = cb_turns_recognize (text, length);
  for (guint i = 0; i < turns->len; i++)
    {
      CbTurn *turn = turns->pdata[i];
      gpointer speaker;

      if (!g_hash_table_lookup_extended (speakers, turn->speaker, NULL, &speaker))
        {
          gint64 id = _cb_store_ensure_speaker (store, document_id, turn->speaker, error);

          if (id == 0)
            return FALSE;
          speaker = GSIZE_TO_POINTER ((gsize) id);
          g_hash_table_insert (speakers, turn->speaker, speaker);
        }

      if (!_cb_store_insert_turn (store, document_id, (gint64) GPOINTER_TO_SIZE (speaker),
                                  turn->start, turn->end, turn->text_start, turn->timestamp,
                                  error))
        return FALSE;
    }

  /* Inserted turns and speakers are not journaled row by row (thousands
   * per import): two entries take them all back, turns first. */
  if (turns->len > 0 && !_cb_store_journal_document_turns (store, document_id, error))
    return FALSE;

  return TRUE;
}

/* The index of the first turn ending after @offset (turns do not overlap,
 * so their ends are in text order too). */
static guint
first_turn_ending_after (GPtrArray *turns,
                         gint64     offset)
{
  guint lo = 0;
  guint hi = turns->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((const CbTurnInfo *) turns->pdata[mid])->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

const CbTurnInfo *
cb_turn_find_for_span (GPtrArray *turns,
                       gint64     start,
                       gint64     end)
{
  const CbTurnInfo *turn;
  guint i;

  if (turns == NULL || (i = first_turn_ending_after (turns, start)) == turns->len)
    return NULL;
  turn = turns->pdata[i];
  return turn->start < end ? turn : NULL;
}

const CbTurnInfo *
cb_turn_find_at (GPtrArray *turns,
                 gint64     offset)
{
  /* The first turn ending after @offset holds it when it starts at or
   * before it. */
  return cb_turn_find_for_span (turns, offset, offset + 1);
}

GPtrArray *
cb_project_list_speakers (CbProject   *self,
                          const char  *document,
                          GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (!(id = _cb_project_lookup_document (self, document, error)))
    return NULL;

  return _cb_store_list_speakers (self->store, id, error);
}

GPtrArray *
cb_project_list_turns (CbProject   *self,
                       const char  *document,
                       GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (!(id = _cb_project_lookup_document (self, document, error)))
    return NULL;

  return _cb_store_list_turns (self->store, id, error);
}

/* The speaker @name of document @document_id, or 0 with @error set. */
static gint64
lookup_speaker (CbProject   *self,
                gint64       document_id,
                const char  *document,
                const char  *name,
                GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name);
  gint64 id;

  id = _cb_store_find_speaker (self->store, document_id,
                               normalized != NULL ? normalized : "", error);
  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("“%s” has no speaker named “%s”"), document, name);

  return MAX (id, 0);
}

static char *
valid_speaker_name (const char  *name,
                    GError     **error)
{
  g_autofree char *normalized = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A speaker's name must be valid UTF-8"));
      return NULL;
    }

  normalized = cb_text_normalize_name (name);
  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A speaker's name cannot be empty"));
      return NULL;
    }
  for (const char *p = normalized; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("A speaker's name cannot contain tabs or line breaks"));
        return NULL;
      }
  /* Speaker names become code names when auto-coding. */
  if (strstr (normalized, CB_CODE_PATH_SEPARATOR) != NULL
      || g_str_has_prefix (normalized, "/ ") || g_str_has_suffix (normalized, " /"))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is not a valid speaker name: it cannot contain “ / ”"), normalized);
      return NULL;
    }
  if (g_utf8_strlen (normalized, -1) > MAX_SPEAKER_NAME_CHARS)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A speaker's name cannot be longer than %d characters"),
                   MAX_SPEAKER_NAME_CHARS);
      return NULL;
    }

  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

gboolean
cb_project_rename_speaker (CbProject   *self,
                           const char  *document,
                           const char  *name,
                           const char  *new_name,
                           GError     **error)
{
  CbStore *store;
  g_autofree char *valid_name = NULL;
  g_autofree char *label = NULL;
  gint64 document_id = 0;
  gint64 speaker = 0;
  gint64 existing = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  store = self->store;
  if (!(valid_name = valid_speaker_name (new_name, error)))
    return FALSE;

  label = g_strdup_printf (_("Rename speaker “%s” to “%s”"), name, valid_name);
  if (!cb_store_begin (store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (speaker = lookup_speaker (self, document_id, document, name, error)) > 0
       && (existing = _cb_store_find_speaker (store, document_id, valid_name, error)) >= 0;

  if (ok)
    {
      if (existing == 0)
        ok = _cb_store_rename_speaker (store, speaker, valid_name, error);
      else if (existing != speaker)
        ok = _cb_store_merge_speakers (store, speaker, existing, error);
    }
  /* cases cover a speaker by name (cb-store-cases.c) */
  ok = ok && _cb_store_rename_coverage_speaker (store, document_id, name, valid_name, error);
  /* so do MAG roles (cb-store-mag.c) */
  ok = ok && _cb_store_mag_rename_role_speaker (store, document_id, name, valid_name, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CASES, error);
}

gboolean
cb_project_set_speaker_interviewer (CbProject   *self,
                                    const char  *document,
                                    const char  *name,
                                    gboolean     is_interviewer,
                                    GError     **error)
{
  CbStore *store;
  g_autofree char *label = NULL;
  gint64 document_id = 0;
  gint64 speaker = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  store = self->store;
  label = is_interviewer
    ? g_strdup_printf (_("Mark “%s” as interviewer"), name)
    : g_strdup_printf (_("Unmark “%s” as interviewer"), name);
  if (!cb_store_begin (store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (speaker = lookup_speaker (self, document_id, document, name, error)) > 0
       && _cb_store_set_speaker_interviewer (store, speaker, is_interviewer, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_detect_turns (CbProject   *self,
                         const char  *document,
                         guint       *n_turns,
                         GError     **error)
{
  CbStore *store;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  gsize length = 0;
  gint64 document_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  store = self->store;
  label = g_strdup_printf (_("Detect speakers in “%s”"), document);
  if (!cb_store_begin (store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0
       && (text = _cb_store_dup_document_text (store, document_id, &length, error)) != NULL
       && _cb_store_delete_turns (store, document_id, error)
       && _cb_project_store_turns (self, document_id, text, length, error)
       && (turns = _cb_store_list_turns (store, document_id, error)) != NULL;

  if (ok && n_turns != NULL)
    *n_turns = turns->len;

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

static CbSpeakerCode *
find_speaker_code (GPtrArray  *codes,
                   const char *path)
{
  for (guint i = 0; i < codes->len; i++)
    {
      CbSpeakerCode *code = codes->pdata[i];

      if (strcmp (code->code_path, path) == 0)
        return code;
    }

  return NULL;
}

/* Codes @turns inside the current transaction. */
static gboolean
autocode_turns (CbProject        *self,
                GPtrArray        *turns,
                const char       *parent,
                CbAutocodeFlags   flags,
                GHashTable       *code_ids,
                GPtrArray        *codes,
                GError          **error)
{
  CbStore *store = self->store;
  gint64 coder;

  if (!(coder = _cb_store_ensure_coder (store, cb_project_get_coder (self), NULL, error)))
    return FALSE;

  for (guint i = 0; i < turns->len; i++)
    {
      CbTurnInfo *turn = turns->pdata[i];
      g_autofree char *path = NULL;
      CbSpeakerCode *code;
      gpointer code_id;
      CbNewCoding coding = { 0 };
      guint n_created;

      if (turn->end <= turn->text_start)
        continue;       /* a label with nothing said */
      if (turn->is_interviewer && (flags & CB_AUTOCODE_SKIP_INTERVIEWERS))
        continue;

      path = g_strconcat (parent, CB_CODE_PATH_SEPARATOR, turn->speaker, NULL);
      if (!g_hash_table_lookup_extended (code_ids, path, NULL, &code_id))
        {
          gint64 id = _cb_project_ensure_code (self, path, error);

          if (id == 0)
            return FALSE;
          code_id = GSIZE_TO_POINTER ((gsize) id);
          g_hash_table_insert (code_ids, g_strdup (path), code_id);
        }

      coding.document_id = turn->document_id;
      coding.start = turn->text_start;
      coding.end = turn->end;
      coding.coder_id = coder;
      n_created = 0;
      if (!_cb_project_add_codings_in (self, (gint64) GPOINTER_TO_SIZE (code_id), &coding, 1,
                                       NULL, &n_created, error))
        return FALSE;

      if ((code = find_speaker_code (codes, path)) == NULL)
        {
          code = g_new0 (CbSpeakerCode, 1);
          code->code_path = g_steal_pointer (&path);
          g_ptr_array_add (codes, code);
        }
      code->n_turns++;
      code->n_created += n_created;
    }

  return TRUE;
}

GPtrArray *
cb_project_autocode_speakers (CbProject        *self,
                              const char       *document,
                              const char       *parent,
                              CbAutocodeFlags   flags,
                              GError          **error)
{
  CbStore *store;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_speaker_code_free);
  g_autoptr(GHashTable) code_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) turns = NULL;
  g_auto(GStrv) levels = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *label = NULL;
  gint64 document_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  store = self->store;
  if (!(levels = cb_code_path_split (parent != NULL ? parent : CB_SPEAKERS_DEFAULT_PARENT, error)))
    return NULL;
  parent_path = cb_code_path_join ((const char * const *) levels);

  label = document != NULL
    ? g_strdup_printf (_("Code the speakers of “%s”"), document)
    : g_strdup (_("Code the speakers of every document"));
  if (!cb_store_begin (store, label, error))
    return NULL;

  ok = (document == NULL || (document_id = _cb_project_lookup_document (self, document, error)) > 0)
       && (turns = _cb_store_list_turns (store, document_id, error)) != NULL;

  if (ok && turns->len == 0)
    {
      if (document != NULL)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                     _("“%s” has no speaker turns"), document);
      else
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                     _("No document in the project has speaker turns"));
      ok = FALSE;
    }

  ok = ok && autocode_turns (self, turns, parent_path, flags, code_ids, codes, error);

  if (ok && codes->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There are no turns to code: every turn is empty or an interviewer's"));
      ok = FALSE;
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS | CB_CHANGE_DOCUMENTS, error))
    return NULL;

  return g_steal_pointer (&codes);
}
