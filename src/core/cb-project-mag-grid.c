/* cb-project-mag-grid.c: the convergence/divergence grid of MAG sessions
 * (see cb-mag.h): the points, the participants and which evidence falls in
 * whose turns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-mag-private.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-mag.h"
#include "cb-store-turns.h"
#include "cb-text.h"

/* One chosen session while the grid is built. */
typedef struct
{
  gint64      id;
  char       *name;
  char       *text;
  gsize       length;
  GPtrArray  *turns;       /* CbTurnInfo, text order */
  guint      *turn_column; /* per turn: its column + 1, 0 when none */
} Session;

static void
session_free (Session *s)
{
  g_free (s->name);
  g_free (s->text);
  g_clear_pointer (&s->turns, g_ptr_array_unref);
  g_free (s->turn_column);
  g_free (s);
}

static gboolean
is_grid_role (CbSpeakerRole role)
{
  return role == CB_SPEAKER_ROLE_PARTICIPANT || role == CB_SPEAKER_ROLE_NARRATOR;
}

/* Loads session @id: its turns and which column each turn's speaker is,
 * adding the columns it brings.  With @only_with_participants a document
 * without a participant or narrator is not read: NULL without @error. */
static Session *
load_session (CbProject    *self,
              gint64        id,
              const char   *name,
              gboolean      only_with_participants,
              GPtrArray    *columns,
              GHashTable   *column_index,
              GError      **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(GHashTable) roles = NULL;
  GHashTableIter iter;
  gpointer role;
  gboolean any = FALSE;
  Session *s;

  if (!(roles = _cb_store_mag_roles (store, id, error)))
    return NULL;
  g_hash_table_iter_init (&iter, roles);
  while (!any && g_hash_table_iter_next (&iter, NULL, &role))
    any = is_grid_role (GPOINTER_TO_INT (role));
  if (only_with_participants && !any)
    return NULL;

  s = g_new0 (Session, 1);
  s->id = id;
  s->name = g_strdup (name);
  if (!(s->turns = _cb_store_list_turns (store, id, error)) ||
      !(s->text = _cb_store_dup_document_text (store, id, &s->length, error)))
    {
      session_free (s);
      return NULL;
    }
  s->turn_column = g_new0 (guint, MAX (s->turns->len, 1));
  for (guint t = 0; t < s->turns->len; t++)
    {
      CbTurnInfo *turn = s->turns->pdata[t];
      g_autoptr(GError) local = NULL;
      g_autofree char *case_name = NULL;
      const char *key;
      gpointer index;

      if (!is_grid_role (GPOINTER_TO_INT (g_hash_table_lookup (roles, turn->speaker))))
        continue;
      /* the participant's case, when the cases cover the speaker */
      case_name = _cb_store_mag_speaker_case (store, id, turn->speaker, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          session_free (s);
          return NULL;
        }
      key = case_name != NULL ? case_name : turn->speaker;
      if (!g_hash_table_lookup_extended (column_index, key, NULL, &index))
        {
          g_ptr_array_add (columns, g_strdup (key));
          index = GUINT_TO_POINTER (columns->len);
          g_hash_table_insert (column_index, g_strdup (key), index);
        }
      s->turn_column[t] = GPOINTER_TO_UINT (index);
    }
  return s;
}

/* The text of [@start, @end) of @s. */
static char *
span_text (Session *s,
           gint64   start,
           gint64   end)
{
  gsize from = cb_text_char_to_byte (s->text, s->length, start);
  gsize to = cb_text_char_to_byte (s->text, s->length, end);

  return g_strndup (s->text + from, to - from);
}

/* Adds evidence span [@start, @end) of @s to the cells of @row: one quote
 * per column whose turns it overlaps, made of the parts inside those
 * turns' words (their labels left out), joined with " […] " when the span
 * crosses another speaker's turn. */
static void
add_evidence (CbMagGrid *grid,
              guint      row,
              Session   *s,
              gint64     start,
              gint64     end)
{
  guint n_columns = grid->columns->len;
  g_autofree CbMagQuote **quotes = g_new0 (CbMagQuote *, MAX (n_columns, 1));

  for (guint t = 0; t < s->turns->len; t++)
    {
      CbTurnInfo *turn = s->turns->pdata[t];
      guint column = s->turn_column[t];
      gint64 from, to;
      g_autofree char *part = NULL;
      CbMagQuote *quote;

      if (column == 0 || turn->end <= start || turn->start >= end)
        continue;
      from = MAX (start, turn->text_start);
      to = MIN (end, turn->end);
      if (from >= to)
        {
          /* only the label is linked: quote what is */
          from = MAX (start, turn->start);
          to = MIN (end, turn->end);
        }
      part = g_strstrip (span_text (s, from, to));
      if ((quote = quotes[column - 1]) == NULL)
        {
          quote = quotes[column - 1] = g_new0 (CbMagQuote, 1);
          quote->document = g_strdup (s->name);
          quote->document_id = s->id;
          quote->start = from;
          quote->text = g_steal_pointer (&part);
        }
      else
        {
          char *joined = g_strconcat (quote->text, " […] ", part, NULL);

          g_free (quote->text);
          quote->text = joined;
        }
      quote->end = to;
    }
  for (guint c = 0; c < n_columns; c++)
    if (quotes[c] != NULL)
      g_ptr_array_add (grid->cells->pdata[row * n_columns + c], quotes[c]);
}

CbMagGrid *
cb_project_mag_grid (CbProject          *self,
                     const char * const *documents,
                     GError            **error)
{
  CbStore *store;
  g_autoptr(CbMagGrid) grid = g_new0 (CbMagGrid, 1);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) session_free);
  g_autoptr(GHashTable) column_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) point_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  store = _cb_project_get_store (self);
  grid->columns = g_ptr_array_new_with_free_func (g_free);
  if (!_cb_project_begin_read (self, error))
    return NULL;

  if (documents != NULL && documents[0] != NULL)
    for (guint i = 0; ok && documents[i] != NULL; i++)
      {
        gint64 id = _cb_project_lookup_document (self, documents[i], error);
        Session *s;
        gboolean seen = FALSE;

        for (guint k = 0; k < sessions->len; k++)
          seen = seen || ((Session *) sessions->pdata[k])->id == id;
        if (id == 0)
          ok = FALSE;
        else if (!seen && (s = load_session (self, id, documents[i], FALSE, grid->columns, column_index, error)))
          g_ptr_array_add (sessions, s);
        else if (!seen)
          ok = FALSE;
      }
  else
    {
      g_autoptr(GPtrArray) all = _cb_store_list_documents (store, 0, error);

      ok = all != NULL;
      for (guint i = 0; ok && i < all->len; i++)
        {
          CbDocumentInfo *d = all->pdata[i];
          g_autoptr(GError) local = NULL;
          Session *s = load_session (self, d->id, d->name, TRUE, grid->columns, column_index, &local);
          gboolean has_participants = FALSE;

          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              ok = FALSE;
              break;
            }
          if (s == NULL)
            continue;
          for (guint t = 0; t < s->turns->len && !has_participants; t++)
            has_participants = s->turn_column[t] != 0;
          if (has_participants)
            g_ptr_array_add (sessions, s);
          else
            session_free (s);
        }
    }

  ok = ok && (grid->points = _cb_store_mag_points (store, point_ids, error)) != NULL;
  if (ok)
    {
      guint n_cells = grid->points->len * grid->columns->len;

      grid->cells = g_ptr_array_new_full (n_cells, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < n_cells; i++)
        g_ptr_array_add (grid->cells, g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_mag_quote_free));
    }
  for (guint p = 0; ok && p < point_ids->len; p++)
    for (guint k = 0; ok && k < sessions->len; k++)
      {
        Session *s = sessions->pdata[k];
        gint64 n_chars = cb_text_count_chars (s->text, s->length);
        g_autoptr(GArray) links = _cb_store_mag_links (store, g_array_index (point_ids, gint64, p), s->id, error);

        if (!(ok = links != NULL))
          break;
        for (guint l = 0; l + 1 < links->len; l += 2)
          {
            gint64 start = g_array_index (links, gint64, l);
            gint64 end = g_array_index (links, gint64, l + 1);

            /* the file is input: a link outside the text is check's to
             * report, not ours to quote */
            if (start >= 0 && start < end && end <= n_chars)
              add_evidence (grid, p, s, start, end);
          }
      }
  _cb_project_end_read (self);

  if (!ok)
    return NULL;
  return g_steal_pointer (&grid);
}
