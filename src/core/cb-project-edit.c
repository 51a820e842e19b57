/* cb-project-edit.c: editing a document's text, every span following it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() is a GNU extension (glibc, musl and the BSDs have it). */
#define _GNU_SOURCE

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-edit-private.h"
#include "cb-error.h"
#include "cb-store-edit.h"
#include "cb-text.h"
#include "cb-turns.h"

gboolean
cb_text_is_whole_word (const char *text,
                       gsize       length,
                       gsize       start,
                       gsize       end)
{
  if (start > 0)
    {
      gunichar before = g_utf8_get_char (g_utf8_find_prev_char (text, text + start));

      if (g_unichar_isalnum (before) || g_unichar_ismark (before))
        return FALSE;
    }
  if (end < length)
    {
      gunichar after = g_utf8_get_char (text + end);

      if (g_unichar_isalnum (after) || g_unichar_ismark (after))
        return FALSE;
    }
  return TRUE;
}

/* The code point where the line holding code point @offset starts
 * (@byte its byte offset). */
static gint64
line_start (const char *text,
            gsize       byte,
            gint64      offset)
{
  gsize b = byte;

  while (b > 0 && text[b - 1] != '\n')
    b--;
  return offset - g_utf8_strlen (text + b, byte - b);
}

/* The code point where the line holding code point @offset ends (its
 * line feed, or the end of the text). */
static gint64
line_end (const char *text,
          gsize       length,
          gsize       byte,
          gint64      offset)
{
  const char *lf = memchr (text + byte, '\n', length - byte);
  gsize b = lf != NULL ? (gsize) (lf - text) : length;

  return offset + g_utf8_strlen (text + byte, b - byte);
}

/* Turns of @turns (element-type CbTurn) starting in [@from, @to]; they
 * are stolen from @turns. */
static GPtrArray *
turns_in (GPtrArray *turns,
          gint64     from,
          gint64     to)
{
  GPtrArray *in = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_turn_free);

  for (guint i = 0; i < turns->len; i++)
    {
      CbTurn *turn = turns->pdata[i];

      if (turn->start >= from && turn->start <= to)
        {
          g_ptr_array_add (in, turn);
          turns->pdata[i] = NULL;
        }
    }
  return in;
}

/* Speaker turns after one edit [a, b) → n code points: recognised again on
 * the edited lines when a label there changed (a line became a turn or
 * stopped being one, or its label or timestamp changed); otherwise the
 * turns only moved with the text, renamed speakers and all. */
static gboolean
update_turns (CbProject   *self,
              gint64       document_id,
              const char  *old_text,
              gsize        old_length,
              const char  *new_text,
              gsize        new_length,
              gint64       a,
              gint64       b,
              gint64       n,
              const char  *inserted,
              GError     **error)
{
  CbStore *store = _cb_project_get_store (self);
  CbTextWalker walker;
  gsize byte_a, byte_b, new_byte_end;
  gint64 from, old_to, new_to, text_start = 0;
  g_autoptr(GPtrArray) old_turns = NULL;
  g_autoptr(GPtrArray) new_turns = NULL;
  g_autoptr(GPtrArray) old_in = NULL;
  g_autoptr(GPtrArray) new_in = NULL;
  gboolean same;
  gint64 previous_end = -1;
  g_autoptr(GError) local = NULL;
  CbStoreEdit edit = { a, b, n };

  cb_text_walker_init (&walker, old_text, old_length, FALSE);
  byte_a = cb_text_walker_byte_at (&walker, a);
  byte_b = cb_text_walker_byte_at (&walker, b);
  from = line_start (old_text, byte_a, a);

  /* The common case, typing inside what a speaker says: no line feed
   * removed or added, and the edit after the label of the turn on its
   * line. */
  if (memchr (old_text + byte_a, '\n', byte_b - byte_a) == NULL && strchr (inserted, '\n') == NULL)
    {
      if (_cb_store_edit_find_turn (store, document_id, from, &text_start, &local))
        {
          if (a >= text_start)
            return TRUE;
        }
      else if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  old_to = line_end (old_text, old_length, byte_b, b);
  cb_text_walker_init (&walker, new_text, new_length, FALSE);
  new_byte_end = cb_text_walker_byte_at (&walker, a + n);
  new_to = line_end (new_text, new_length, new_byte_end, a + n);

  old_turns = cb_turns_recognize (old_text, old_length);
  new_turns = cb_turns_recognize (new_text, new_length);
  old_in = turns_in (old_turns, from, old_to);

  /* the recognised turn before the edited lines ends where the new
   * recognition says (a turn there may have gone) */
  for (guint i = 0; i < new_turns->len; i++)
    {
      CbTurn *turn = new_turns->pdata[i];

      if (turn->start < from)
        previous_end = turn->end;
    }
  new_in = turns_in (new_turns, from, new_to);

  same = old_in->len == new_in->len;
  for (guint i = 0; same && i < old_in->len; i++)
    {
      CbTurn *o = old_in->pdata[i];
      CbTurn *t = new_in->pdata[i];
      gint64 start = o->start, end = o->start + 1;

      same = _cb_store_edit_map_span (&edit, 1, TRUE, &start, &end) && start == t->start &&
             g_strcmp0 (o->speaker, t->speaker) == 0 && g_strcmp0 (o->timestamp, t->timestamp) == 0 &&
             o->text_start - o->start == t->text_start - t->start;
    }
  if (same)
    return TRUE;

  return _cb_store_edit_replace_turns (store, document_id, from, new_to, new_in, previous_end, error);
}

/* Whether @text (NFC but for the new text at bytes [@start, @end), itself
 * NFC) is NFC, checking only around the new text.  An ASCII character is
 * a boundary normalisation never crosses: it is a starter (it blocks
 * reordering and the composition of what lies before it with what follows)
 * and the second character of no composition.  So only the stretch from
 * the last ASCII character before the new text to the first one after it
 * can have changed: for a typed word in a transcript, a few bytes instead
 * of the whole text. */
static gboolean
is_normalized_around (const char *text,
                      gsize       length,
                      gsize       start,
                      gsize       end)
{
  gsize from = start;
  gsize to = end;

  while (from > 0 && (guchar) text[--from] >= 0x80)
    ;
  while (to < length && (guchar) text[to] >= 0x80)
    to++;
  return cb_text_is_normalized (text + from, to - from);
}

gboolean
_cb_project_apply_replacements (CbProject   *self,
                                gint64       document_id,
                                const char  *text,
                                gsize        length,
                                GArray      *replacements,
                                gboolean     pseudonymised,
                                gboolean     recognise_turns,
                                GPtrArray   *removed,
                                GError     **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(GString) new_text = g_string_sized_new (length + 64);
  g_autofree CbStoreEdit *edits = g_new (CbStoreEdit, MAX (replacements->len, 1));
  g_autofree gsize *bytes = g_new (gsize, 2 * MAX (replacements->len, 1));
  g_autofree gsize *windows = g_new (gsize, 2 * MAX (replacements->len, 1));
  g_autofree char *replaced = NULL;
  CbTextWalker walker;
  gsize at = 0;
  gint64 n_chars;
  guint first_removed = removed != NULL ? removed->len : 0;

  if (replacements->len == 0)
    return TRUE;

  cb_text_walker_init (&walker, text, length, FALSE);
  for (guint i = 0; i < replacements->len; i++)
    {
      CbReplacement *r = &g_array_index (replacements, CbReplacement, i);

      bytes[2 * i] = cb_text_walker_byte_at (&walker, r->start);
      bytes[2 * i + 1] = cb_text_walker_byte_at (&walker, r->end);
      g_string_append_len (new_text, text + at, bytes[2 * i] - at);
      windows[2 * i] = new_text->len;
      g_string_append (new_text, r->text);
      windows[2 * i + 1] = new_text->len;
      at = bytes[2 * i + 1];
      edits[i].start = r->start;
      edits[i].end = r->end;
      edits[i].n_chars = g_utf8_strlen (r->text, -1);
    }
  g_string_append_len (new_text, text + at, length - at);
  n_chars = cb_text_count_chars (new_text->str, new_text->len);

  /* the edges of an edit may now compose with their neighbours (a
   * combining mark after a deleted letter): the stored text stays NFC */
  for (guint i = 0; i < replacements->len; i++)
    if (!is_normalized_around (new_text->str, new_text->len, windows[2 * i], windows[2 * i + 1]))
      {
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("The new text would join a combining mark to the character before it; include that character in the replacement"));
        return FALSE;
      }

  /* one edit: the journal keeps only the text it replaced (never for a
   * pseudonymisation, whose history goes anyway) */
  if (replacements->len == 1 && !pseudonymised)
    replaced = g_strndup (text + bytes[0], bytes[1] - bytes[0]);
  if (!_cb_store_edit_document (store, document_id, edits, replacements->len, replaced,
                                new_text->str, new_text->len, n_chars, pseudonymised, removed, error))
    return FALSE;

  if (recognise_turns && replacements->len == 1)
    {
      CbReplacement *r = &g_array_index (replacements, CbReplacement, 0);

      if (!update_turns (self, document_id, text, length, new_text->str, new_text->len,
                         r->start, r->end, edits[0].n_chars, r->text, error))
        return FALSE;
    }

  /* the removed codings' code paths and old texts */
  if (removed != NULL && removed->len > first_removed)
    {
      g_autoptr(GPtrArray) codes = _cb_project_list_codes (self, FALSE, error);
      g_autoptr(GHashTable) paths = g_hash_table_new (g_int64_hash, g_int64_equal);

      if (codes == NULL)
        return FALSE;
      for (guint i = 0; i < codes->len; i++)
        {
          CbCodeInfo *code = codes->pdata[i];

          g_hash_table_insert (paths, &code->id, code->path);
        }
      for (guint i = first_removed; i < removed->len; i++)
        {
          CbSegment *segment = removed->pdata[i];

          segment->code_path = g_strdup (g_hash_table_lookup (paths, &segment->code_id));
          segment->text = cb_text_dup_range (text, length, segment->start, segment->end);
        }
    }
  return TRUE;
}

static void
replacement_clear (gpointer data)
{
  g_free (((CbReplacement *) data)->text);
}

static GArray *
replacements_new (void)
{
  GArray *replacements = g_array_new (FALSE, FALSE, sizeof (CbReplacement));

  g_array_set_clear_func (replacements, replacement_clear);
  return replacements;
}

/* The document's text inside the transaction: checked as stored text. */
static char *
read_text (CbProject  *self,
           gint64      document_id,
           gsize      *length,
           gint64     *n_chars,
           GError    **error)
{
  CbStore *store = _cb_project_get_store (self);
  char *text;

  *n_chars = _cb_store_get_document_length (store, document_id, error);
  if (*n_chars < 0)
    return NULL;
  text = _cb_store_dup_document_text (store, document_id, length, error);
  return text;
}

static GPtrArray *
removed_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
}

gboolean
cb_project_replace_text (CbProject   *self,
                         gint64       document_id,
                         gint64       start,
                         gint64       end,
                         const char  *new_text,
                         GPtrArray  **removed_codings,
                         GError     **error)
{
  g_autoptr(GArray) replacements = replacements_new ();
  g_autoptr(GPtrArray) removed = removed_array ();
  g_autofree char *text = NULL;
  CbReplacement replacement;
  gsize length = 0;
  gint64 n_chars = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (new_text != NULL, FALSE);

  if (!g_utf8_validate (new_text, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("The new text is not valid UTF-8"));
      return FALSE;
    }
  if (!_cb_project_begin (self, _("Edit text"), error))
    return FALSE;

  ok = (text = read_text (self, document_id, &length, &n_chars, error)) != NULL;
  if (ok && (start < 0 || end < start || end > n_chars))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The range %" PRId64 "–%" PRId64 " is not within the document's %" PRId64 " characters"),
                   start, end, n_chars);
      ok = FALSE;
    }
  if (ok)
    {
      replacement.start = start;
      replacement.end = end;
      replacement.text = cb_text_normalize (new_text, -1);
      g_array_append_val (replacements, replacement);
      ok = _cb_project_apply_replacements (self, document_id, text, length, replacements,
                                           FALSE, TRUE, removed, error);
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODINGS | CB_CHANGE_CASES, error))
    return FALSE;
  if (removed_codings != NULL)
    *removed_codings = g_steal_pointer (&removed);
  return TRUE;
}

gint64
cb_project_find_replace (CbProject   *self,
                         gint64       document_id,
                         const char  *find,
                         const char  *replacement_text,
                         guint        occurrence,
                         gboolean     whole_word,
                         GPtrArray  **removed_codings,
                         GError     **error)
{
  g_autoptr(GArray) replacements = replacements_new ();
  g_autoptr(GPtrArray) removed = removed_array ();
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *normalized = NULL;
  gsize length = 0, needle_length;
  gint64 n_chars = 0;
  guint found = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), -1);
  g_return_val_if_fail (find != NULL && replacement_text != NULL, -1);

  if (!g_utf8_validate (find, -1, NULL) || !g_utf8_validate (replacement_text, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("The text to find or its replacement is not valid UTF-8"));
      return -1;
    }
  needle = cb_text_normalize (find, -1);
  needle_length = strlen (needle);
  if (needle_length == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("The text to find is empty"));
      return -1;
    }
  normalized = cb_text_normalize (replacement_text, -1);

  if (!_cb_project_begin (self, _("Replace text"), error))
    return -1;

  ok = (text = read_text (self, document_id, &length, &n_chars, error)) != NULL;
  if (ok)
    {
      CbTextWalker walker;
      const char *at = text;
      const char *end = text + length;

      cb_text_walker_init (&walker, text, length, FALSE);
      while (at + needle_length <= end)
        {
          const char *hit = memmem (at, end - at, needle, needle_length);
          gsize byte;

          if (hit == NULL)
            break;
          byte = hit - text;
          at = hit + needle_length;
          if (whole_word && !cb_text_is_whole_word (text, length, byte, byte + needle_length))
            {
              at = g_utf8_next_char (hit);
              continue;
            }
          found++;
          if (occurrence == 0 || found == occurrence)
            {
              CbReplacement r;

              r.start = cb_text_walker_char_at (&walker, byte);
              r.end = cb_text_walker_char_at (&walker, byte + needle_length);
              r.text = g_strdup (normalized);
              g_array_append_val (replacements, r);
              if (occurrence != 0)
                break;
            }
        }
      if (replacements->len == 0)
        {
          if (occurrence > 1 && found > 0)
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                         g_dngettext (GETTEXT_PACKAGE, "“%s” occurs only %u time", "“%s” occurs only %u times", found),
                         needle, found);
          else
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                         _("“%s” does not occur in the document"), needle);
          ok = FALSE;
        }
    }
  /* One replacement at a time from the last, so that the offsets of the
   * ones before stay valid and each edited line's turns are recognised
   * again when a label changed; all in one transaction and undo step. */
  for (guint i = replacements->len; ok && i-- > 0;)
    {
      g_autoptr(GArray) one = replacements_new ();
      CbReplacement *r = &g_array_index (replacements, CbReplacement, i);
      CbReplacement copy = { r->start, r->end, g_strdup (r->text) };

      g_array_append_val (one, copy);
      if (i + 1 < replacements->len)
        {
          g_clear_pointer (&text, g_free);
          ok = (text = read_text (self, document_id, &length, &n_chars, error)) != NULL;
        }
      ok = ok && _cb_project_apply_replacements (self, document_id, text, length, one,
                                                 FALSE, TRUE, removed, error);
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODINGS | CB_CHANGE_CASES, error))
    return -1;
  if (removed_codings != NULL)
    *removed_codings = g_steal_pointer (&removed);
  return replacements->len;
}
