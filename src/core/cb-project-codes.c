/* cb-project-codes.c: the code tree: paths, adding, moving, merging, the TSV codebook
 *
 * The pattern of every operation is described in cb-project.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-import.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"
#include "cb-tsv.h"

/* Code paths */

static gboolean
validate_code_name (const char  *name,
                    const char  *path,
                    GError     **error)
{
  if (name[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is not a valid code path: a code name cannot be empty"), path);
      return FALSE;
    }
  /* " / " separates levels; a name that began with "/ " or ended with " /"
   * would make the joined path ambiguous. */
  if (strstr (name, CB_CODE_PATH_SEPARATOR) != NULL ||
      g_str_has_prefix (name, "/ ") || g_str_has_suffix (name, " /"))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is not a valid code name: it cannot contain “ / ”"), name);
      return FALSE;
    }
  return cb_name_check_characters (name, error);
}

char **
cb_code_path_split (const char  *path,
                    GError     **error)
{
  g_autofree char *normalized = NULL;
  g_auto(GStrv) levels = NULL;

  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A code path must be valid UTF-8"));
      return NULL;
    }

  normalized = cb_text_normalize_name (path);
  if (normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A code path cannot be empty"));
      return NULL;
    }

  levels = g_strsplit (normalized, CB_CODE_PATH_SEPARATOR, -1);
  for (guint i = 0; levels[i] != NULL; i++)
    {
      g_strstrip (levels[i]);
      if (!validate_code_name (levels[i], path, error))
        return NULL;
    }

  return g_steal_pointer (&levels);
}

char *
cb_code_path_join (const char * const *names)
{
  return g_strjoinv (CB_CODE_PATH_SEPARATOR, (char **) names);
}

gboolean
cb_code_path_is_within (const char *path,
                        const char *ancestor)
{
  gsize length;

  g_return_val_if_fail (path != NULL && ancestor != NULL, FALSE);

  length = strlen (ancestor);
  return strncmp (path, ancestor, length) == 0 &&
         (path[length] == '\0' || g_str_has_prefix (path + length, CB_CODE_PATH_SEPARATOR));
}

guint
cb_code_list_subtree_end (GPtrArray *codes,
                          guint      index)
{
  guint depth;
  guint end;

  g_return_val_if_fail (codes != NULL && index < codes->len, index);

  depth = ((const CbCodeInfo *) codes->pdata[index])->depth;
  for (end = index + 1; end < codes->len && ((const CbCodeInfo *) codes->pdata[end])->depth > depth; end++)
    ;
  return end;
}

/* Finds the code at @path level by level; 0 with NOT_FOUND naming the
 * first missing level. */
gint64
_cb_project_lookup_code (CbProject   *self,
                         const char  *path,
                         GError     **error)
{
  g_auto(GStrv) levels = cb_code_path_split (path, error);
  gint64 id = 0;

  if (levels == NULL)
    return 0;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      id = _cb_store_find_code (self->store, id, levels[i], error);
      if (id < 0)
        return 0;
      if (id == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("There is no code “%s”"), path);
          return 0;
        }
    }

  return id;
}

/* Normalises a colour to "#RRGGBB"; NULL for none; FALSE when malformed. */
static gboolean
parse_color (const char  *color,
             char       **out,
             GError     **error)
{
  *out = NULL;
  if (color == NULL || color[0] == '\0')
    return TRUE;

  if (strlen (color) != 7 || color[0] != '#')
    goto invalid;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      goto invalid;

  *out = g_ascii_strup (color, -1);
  return TRUE;

invalid:
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
               _("“%s” is not a colour: write it as #RRGGBB"), color);
  return FALSE;
}

static gint64
append_code (CbProject   *self,
             gint64       parent,
             const char  *name,
             const char  *color,
             const char  *description,
             GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 position = _cb_store_count_children (self->store, parent, error);

  if (position < 0)
    return 0;
  return _cb_store_insert_code (self->store, uuid, parent, name, position, color, description, error);
}

/* Walks @path creating missing levels; *@created tells whether the last
 * level was new.  Inside a transaction. */
static gint64
ensure_code (CbProject   *self,
             const char  *path,
             gboolean    *created,
             GError     **error)
{
  g_auto(GStrv) levels = cb_code_path_split (path, error);
  gint64 id = 0;

  if (levels == NULL)
    return 0;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      gint64 child = _cb_store_find_code (self->store, id, levels[i], error);

      if (child < 0)
        return 0;
      if (created != NULL)
        *created = child == 0;
      if (child == 0 && !(child = append_code (self, id, levels[i], NULL, NULL, error)))
        return 0;
      id = child;
    }

  return id;
}

gint64
_cb_project_ensure_code (CbProject   *self,
                         const char  *path,
                         GError     **error)
{
  return ensure_code (self, path, NULL, error);
}

gint64
cb_project_add_code (CbProject   *self,
                     const char  *path,
                     const char  *color,
                     const char  *description,
                     GError     **error)
{
  g_autofree char *valid_color = NULL;
  g_autofree char *valid_description = NULL;
  g_autofree char *label = NULL;
  gboolean created = FALSE;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  if (!parse_color (color, &valid_color, error))
    return 0;
  valid_description = cb_text_normalize (description != NULL ? description : "", -1);

  label = g_strdup_printf (_("Add code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  ok = (id = ensure_code (self, path, &created, error)) > 0;
  if (ok && !created)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("The code “%s” already exists"), path);
      ok = FALSE;
    }
  ok = ok && (valid_color == NULL || _cb_store_update_code_field (self->store, id, "color", valid_color, error));
  ok = ok && _cb_store_update_code_field (self->store, id, "description", valid_description, error);

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODES, error))
    return 0;
  return id;
}

/* The code tree of a project as a map, for adding many codes: every path
 * resolves through one hash lookup per level instead of a query, and every
 * parent's next position is known.  Loaded once per import; kept up to date
 * with the codes the import adds. */
typedef struct
{
  GHashTable *ids;        /* path → id */
  GHashTable *next;       /* parent id → next free position */
} CodeMap;

static void
code_map_clear (CodeMap *map)
{
  g_clear_pointer (&map->ids, g_hash_table_unref);
  g_clear_pointer (&map->next, g_hash_table_unref);
}

static void
code_map_take_position (CodeMap *map,
                        gint64   parent,
                        gint64   position)
{
  gint64 *next = g_hash_table_lookup (map->next, &parent);

  if (next == NULL)
    {
      next = g_new (gint64, 2);
      next[0] = parent;
      next[1] = 0;
      g_hash_table_insert (map->next, &next[0], next);
    }
  next[1] = MAX (next[1], position + 1);
}

static gboolean
code_map_init (CbProject  *self,
               CodeMap    *map,
               GError    **error)
{
  g_autoptr(GPtrArray) codes = _cb_project_list_codes (self, FALSE, error);

  map->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  map->next = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  if (codes == NULL)
    return FALSE;

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      g_hash_table_insert (map->ids, g_steal_pointer (&code->path), GSIZE_TO_POINTER ((gsize) code->id));
      /* like _cb_store_count_children(): the highest position plus one */
      code_map_take_position (map, code->parent_id, code->position);
    }
  return TRUE;
}

/* ensure_code() through @map: walks @path creating missing levels, the
 * last one with @color and @description.  *@created tells whether the last
 * level was new. */
static gint64
code_map_ensure (CbProject   *self,
                 CodeMap     *map,
                 const char  *path,
                 const char  *color,
                 const char  *description,
                 gboolean    *created,
                 GError     **error)
{
  g_auto(GStrv) levels = cb_code_path_split (path, error);
  g_autoptr(GString) prefix = g_string_new (NULL);
  gint64 id = 0;

  if (levels == NULL)
    return 0;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      gboolean last = levels[i + 1] == NULL;
      gpointer found;

      if (i > 0)
        g_string_append (prefix, CB_CODE_PATH_SEPARATOR);
      g_string_append (prefix, levels[i]);

      *created = !g_hash_table_lookup_extended (map->ids, prefix->str, NULL, &found);
      if (!*created)
        {
          id = (gint64) GPOINTER_TO_SIZE (found);
          continue;
        }

      {
        g_autofree char *uuid = g_uuid_string_random ();
        gint64 *next = g_hash_table_lookup (map->next, &id);
        gint64 position = next != NULL ? next[1] : 0;
        gint64 child = _cb_store_insert_code (self->store, uuid, id, levels[i], position,
                                              last ? color : NULL, last ? description : NULL, error);

        if (child == 0)
          return 0;
        code_map_take_position (map, id, position);
        id = child;
        g_hash_table_insert (map->ids, g_strdup (prefix->str), GSIZE_TO_POINTER ((gsize) id));
      }
    }

  return id;
}

gboolean
cb_project_import_codebook_tsv (CbProject  *self,
                                GFile      *file,
                                guint      *n_added,
                                GError    **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  CodeMap map = { 0 };
  gint64 cache_size = 0;
  guint added = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(lines = cb_tsv_read_lines (file, &display, error)))
    return FALSE;

  label = g_strdup_printf (_("Import codes from “%s”"), display);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  /* One map of the tree, one transaction, one undo step: linear in the
   * number of lines, whatever the shape of the tree. */
  ok = code_map_init (self, &map, error) && (cache_size = _cb_store_begin_bulk (self->store, error)) != 0;

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *color = NULL;
      g_autofree char *description = NULL;
      gboolean created = FALSE;
      gint64 id;

      if (lines[i][strspn (lines[i], " \t")] == '\0')
        continue;

      fields = cb_tsv_split_line (lines[i], 3);
      if (fields == NULL)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: a backslash must be followed by \\, t or n"), display, i + 1);
          ok = FALSE;
          break;
        }

      if (fields[1] != NULL)
        description = cb_text_normalize (fields[1], -1);

      /* A new code is inserted with its description and colour; one that
       * exists (or that an earlier line made as a parent) is updated. */
      if ((fields[1] != NULL && fields[2] != NULL && !parse_color (g_strstrip (fields[2]), &color, error)) ||
          !(id = code_map_ensure (self, &map, fields[0], color, description, &created, error)))
        {
          g_prefix_error (error, _("%s, line %u: "), display, i + 1);
          ok = FALSE;
          break;
        }

      added += created;
      if (created)
        continue;
      if (description != NULL)
        ok = _cb_store_update_code_field (self->store, id, "description", description, error);
      if (ok && color != NULL)
        ok = _cb_store_update_code_field (self->store, id, "color", color, error);
    }

  code_map_clear (&map);
  _cb_store_end_bulk (self->store, cache_size);

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODES, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

/* The code tree, depth first, children in position order. */
static void
visit_codes (GPtrArray   *rows,
             GHashTable  *children,
             gint64       parent,
             const char  *parent_path,
             guint        depth,
             GPtrArray   *out)
{
  GPtrArray *kids = g_hash_table_lookup (children, &parent);

  if (kids == NULL)
    return;

  for (guint i = 0; i < kids->len; i++)
    {
      CbCodeInfo *info = kids->pdata[i];
      guint index = out->len;

      info->depth = depth;
      info->path = parent_path != NULL
        ? g_strconcat (parent_path, CB_CODE_PATH_SEPARATOR, info->name, NULL)
        : g_strdup (info->name);
      info->n_codings_total = info->n_codings;
      g_ptr_array_add (out, info);

      visit_codes (rows, children, info->id, info->path, depth + 1, out);

      /* everything added after this code is its subtree */
      for (guint j = index + 1; j < out->len; j++)
        if (((CbCodeInfo *) out->pdata[j])->depth == depth + 1)
          info->n_codings_total += ((CbCodeInfo *) out->pdata[j])->n_codings_total;
    }
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const CbCodeInfo *x = *(CbCodeInfo **) a;
  const CbCodeInfo *y = *(CbCodeInfo **) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

GPtrArray *
_cb_project_list_codes (CbProject  *self,
                        gboolean    with_counts,
                        GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) children = NULL;
  GPtrArray *out;
  GHashTableIter iter;
  gpointer value;

  if (!(rows = _cb_store_list_code_rows (self->store, with_counts, error)))
    return NULL;

  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CbCodeInfo *info = rows->pdata[i];
      GPtrArray *kids = g_hash_table_lookup (children, &info->parent_id);

      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, &info->parent_id, kids);
        }
      g_ptr_array_add (kids, info);
    }

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_position);

  /* The rows move into @out; codes unreachable from the top (which
   * cb_project_check() reports) are left out. */
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_code_info_free);
  visit_codes (rows, children, 0, NULL, 0, out);

  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    if (((CbCodeInfo *) rows->pdata[i])->path == NULL)
      cb_code_info_free (rows->pdata[i]);

  return out;
}

GPtrArray *
cb_project_list_codes (CbProject  *self,
                       GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_project_list_codes (self, TRUE, error);
}

CbCodeInfo *
cb_project_get_code (CbProject   *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(id = _cb_project_lookup_code (self, path, error)))
    return NULL;
  /* the tree without counts, then counts for this code's subtree only */
  if (!(codes = _cb_project_list_codes (self, FALSE, error)))
    return NULL;

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      if (code->id != id)
        continue;

      code->n_codings_total = 0;
      for (guint j = i; j < codes->len; j++)
        {
          CbCodeInfo *member = codes->pdata[j];
          gint64 n;

          if (j > i && member->depth <= code->depth)
            break;
          if ((n = _cb_store_count_codings (self->store, member->id, error)) < 0)
            return NULL;
          if (j == i)
            code->n_codings = n;
          code->n_codings_total += n;
        }
      return g_ptr_array_steal_index (codes, i);
    }

  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("There is no code “%s”"), path);
  return NULL;
}

gboolean
cb_project_rename_code (CbProject   *self,
                        const char  *path,
                        const char  *new_name,
                        GError     **error)
{
  g_autofree char *name = cb_text_normalize_name (new_name);
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gint64 id;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (name == NULL || !validate_code_name (name, new_name, error))
    {
      if (name == NULL)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("A code name must be valid UTF-8"));
      return FALSE;
    }

  label = g_strdup_printf (_("Rename code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error) &&
       (existing = _cb_store_find_code (self->store, row.parent, name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot rename “%s”: a sibling named “%s” already exists"), path, name);
      ok = FALSE;
    }
  ok = ok && _cb_store_update_code_field (self->store, id, "name", name, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

/* Takes the code out of its siblings' order, closing the gap. */
static gboolean
unlink_code (CbProject       *self,
             CbStoreCodeRow  *row,
             GError         **error)
{
  return _cb_store_shift_positions (self->store, row->parent, row->position + 1, -1, error);
}

/* Puts code @id under @parent at @position (clamped; -1 = last). */
static gboolean
link_code (CbProject  *self,
           gint64      id,
           gint64      parent,
           gint64      position,
           GError    **error)
{
  gint64 n_children = _cb_store_count_children (self->store, parent, error);
  CbStoreCodeRow row = { 0 };

  if (n_children < 0 || !_cb_store_get_code_row (self->store, id, &row, error))
    return FALSE;
  /* the code may still count among @parent's children */
  if (row.parent == parent)
    n_children--;
  g_free (row.name);

  if (position < 0 || position > n_children)
    position = n_children;

  return _cb_store_shift_positions (self->store, parent, position, 1, error) &&
         _cb_store_place_code (self->store, id, parent, position, error);
}

gboolean
cb_project_move_code (CbProject   *self,
                      const char  *path,
                      const char  *new_parent_path,
                      gint64       position,
                      GError     **error)
{
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gboolean inside = FALSE;
  gint64 id;
  gint64 parent = 0;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Move code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error);

  if (ok && new_parent_path != NULL && new_parent_path[0] != '\0')
    {
      ok = (parent = _cb_project_lookup_code (self, new_parent_path, error)) > 0 &&
           _cb_store_is_descendant (self->store, id, parent, &inside, error);
      if (ok && (inside || parent == id))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Cannot move “%s” under “%s”: a code cannot go inside itself"),
                       path, new_parent_path);
          ok = FALSE;
        }
    }

  ok = ok && (existing = _cb_store_find_code (self->store, parent, row.name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot move “%s”: “%s” already has a code named “%s”"),
                   path, parent > 0 ? new_parent_path : _("the top level"), row.name);
      ok = FALSE;
    }

  ok = ok && unlink_code (self, &row, error) && link_code (self, id, parent, position, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

/* Merges code @source into @target inside a transaction: codings move
 * (exact duplicates collapse), children move (a child whose name the target
 * already has is merged into that one), and the source goes. */
static gboolean
merge_into (CbProject  *self,
            gint64      source,
            gint64      target,
            GError    **error)
{
  g_autoptr(GArray) kids = NULL;
  g_autofree char *placeholder = NULL;
  CbStoreCodeRow row = { 0 };
  gboolean ok;

  if (!_cb_store_get_code_row (self->store, source, &row, error))
    return FALSE;

  /* Out of the way first, so that no child can collide with its name
   * when the target is its parent. */
  placeholder = g_strdup_printf ("\x01merging %" G_GINT64_FORMAT, source);
  ok = _cb_store_update_code_field (self->store, source, "name", placeholder, error) &&
       _cb_store_move_codings (self->store, source, target, error) &&
       (kids = _cb_store_list_child_ids (self->store, source, error)) != NULL;

  for (guint i = 0; ok && i < kids->len; i++)
    {
      gint64 kid = g_array_index (kids, gint64, i);
      CbStoreCodeRow kid_row = { 0 };
      gint64 twin;

      ok = _cb_store_get_code_row (self->store, kid, &kid_row, error) &&
           (twin = _cb_store_find_code (self->store, target, kid_row.name, error)) >= 0;
      if (ok && twin > 0)
        ok = merge_into (self, kid, twin, error);
      else if (ok)
        ok = unlink_code (self, &kid_row, error) && link_code (self, kid, target, -1, error);
      g_free (kid_row.name);
    }

  ok = ok && _cb_store_delete_code (self->store, source, error) && unlink_code (self, &row, error);
  g_free (row.name);

  return ok;
}

gboolean
cb_project_merge_codes (CbProject   *self,
                        const char  *source_path,
                        const char  *target_path,
                        GError     **error)
{
  g_autofree char *label = NULL;
  gboolean inside = FALSE;
  gint64 source;
  gint64 target;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Merge “%s” into “%s”"), source_path, target_path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (source = _cb_project_lookup_code (self, source_path, error)) > 0 &&
       (target = _cb_project_lookup_code (self, target_path, error)) > 0 &&
       _cb_store_is_descendant (self->store, source, target, &inside, error);
  if (ok && (inside || source == target))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s” into “%s”: a code cannot be merged into itself or its descendants"),
                   source_path, target_path);
      ok = FALSE;
    }

  ok = ok && merge_into (self, source, target, error);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_delete_code (CbProject   *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  /* Descendants and codings go by ON DELETE CASCADE, journaled row by row. */
  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error) &&
       _cb_store_delete_code (self->store, id, error) &&
       unlink_code (self, &row, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

static gboolean
set_code_field (CbProject   *self,
                const char  *path,
                const char  *field,
                const char  *value,
                const char  *label,
                GError     **error)
{
  gint64 id;
  gboolean ok;

  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_update_code_field (self->store, id, field, value, error);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES, error);
}

gboolean
cb_project_set_code_color (CbProject   *self,
                           const char  *path,
                           const char  *color,
                           GError     **error)
{
  g_autofree char *valid_color = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!parse_color (color, &valid_color, error))
    return FALSE;
  label = g_strdup_printf (_("Recolour code “%s”"), path);
  return set_code_field (self, path, "color", valid_color, label, error);
}

gboolean
cb_project_set_code_description (CbProject   *self,
                                 const char  *path,
                                 const char  *description,
                                 GError     **error)
{
  g_autofree char *text = cb_text_normalize (description != NULL ? description : "", -1);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Describe code “%s”"), path);
  return set_code_field (self, path, "description", text, label, error);
}

gboolean
cb_project_set_code_memo (CbProject   *self,
                          const char  *path,
                          const char  *memo,
                          GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Edit the memo of code “%s”"), path);
  return set_code_field (self, path, "memo", text, label, error);
}

