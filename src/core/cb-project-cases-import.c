/* cb-project-cases-import.c: case sheets and records from CSV/TSV (issue 15)
 *
 * Each import is one transaction and one undo step: all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-cases.h"
#include "cb-cases-private.h"
#include "cb-cases-sheet.h"
#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-search.h"
#include "cb-store-cases.h"
#include "cb-text.h"

/* Records: a column is text when a value is longer than this or breaks
 * a line. */
#define RECORD_TEXT_MIN_CHARS 200

/* Sheets */

static CbSheet *
read_sheet (GFile    *file,
            char    **display,
            GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = g_file_get_basename (file);

  *display = g_filename_display_basename (basename);
  if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)))
    return NULL;
  return cb_sheet_parse (bytes, *display, error);
}

/* "NAME=TYPE,…" into name → type */
static GHashTable *
parse_types (const char  *types,
             GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) items = g_strsplit (types != NULL ? types : "", ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *equals = strchr (items[i], '=');
      CbAttributeType type;

      if (g_strstrip (items[i])[0] == '\0')
        continue;
      if (equals == NULL || !cb_attribute_type_from_string (g_strstrip (equals + 1), &type))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("“%s” is not NAME=TYPE (text, number, date or boolean)"), items[i]);
          return NULL;
        }
      *equals = '\0';
      g_hash_table_insert (table, cb_text_normalize_name (g_strstrip (items[i])), GINT_TO_POINTER (type));
    }
  return g_steal_pointer (&table);
}

/* Inside a transaction: the case named @name, created when missing. */
static gint64
ensure_case (CbProject   *self,
             const char  *name,
             gboolean    *created,
             GError     **error)
{
  g_autofree char *uuid = NULL;
  gint64 id = _cb_store_find_case (self->store, name, error);

  if (id != 0)
    return id;
  uuid = g_uuid_string_random ();
  if (created != NULL)
    *created = TRUE;
  return _cb_store_insert_case (self->store, uuid, name, error);
}

/* Inside a transaction: for each column in @columns (indexes into the
 * header) the attribute id and type, creating missing ones with the
 * type given in @types or inferred from the sheet. */
static gboolean
ensure_attributes (CbProject    *self,
                   CbSheet      *sheet,
                   GArray       *columns,
                   GHashTable   *types,
                   GArray       *ids,
                   GArray       *kinds,
                   GError      **error)
{
  char **header = sheet->rows->pdata[0];

  for (guint i = 0; i < columns->len; i++)
    {
      guint column = g_array_index (columns, guint, i);
      g_autofree char *name = NULL;
      CbAttributeType type = CB_ATTRIBUTE_TEXT;
      gpointer given;
      gint64 id;

      if (!(name = _cb_cases_attribute_name_from (header[column], error)))
        {
          g_prefix_error (error, _("Line %u, column %u: "), g_array_index (sheet->lines, guint, 0), column + 1);
          return FALSE;
        }
      if ((id = _cb_store_find_attribute (self->store, name, &type, error)) < 0)
        return FALSE;
      if (id == 0)
        {
          if (types != NULL && g_hash_table_lookup_extended (types, name, NULL, &given))
            type = GPOINTER_TO_INT (given);
          else
            type = cb_sheet_infer_type (sheet, column);
          if (!(id = _cb_cases_add_attribute_in (self, name, type, NULL, error)))
            return FALSE;
        }
      g_array_append_val (ids, id);
      g_array_append_val (kinds, type);
    }
  return TRUE;
}

/* Inside a transaction: sets row @r's values of @columns for case @case_id;
 * an error names the line and column. */
static gboolean
set_row_values (CbProject  *self,
                CbSheet    *sheet,
                guint       r,
                gint64      case_id,
                const char *case_name,
                GArray     *columns,
                GArray     *ids,
                GArray     *kinds,
                guint      *n_values,
                GError    **error)
{
  char **header = sheet->rows->pdata[0];
  char **row = sheet->rows->pdata[r];
  guint n = g_strv_length (row);

  for (guint i = 0; i < columns->len; i++)
    {
      guint column = g_array_index (columns, guint, i);
      const char *value = column < n ? row[column] : "";
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      /* an empty cell sets nothing */
      if (trimmed[0] == '\0')
        continue;
      if (!_cb_cases_set_value_in (self, case_id, case_name, g_array_index (ids, gint64, i),
                         header[column], g_array_index (kinds, CbAttributeType, i), value, error))
        {
          g_prefix_error (error, _("Line %u, column %u: "), g_array_index (sheet->lines, guint, r), column + 1);
          return FALSE;
        }
      if (n_values != NULL)
        (*n_values)++;
    }
  return TRUE;
}

gboolean
cb_project_import_attributes (CbProject   *self,
                              GFile       *file,
                              const char  *types,
                              guint       *n_cases,
                              guint       *n_values,
                              GError     **error)
{
  g_autoptr(CbSheet) sheet = NULL;
  g_autoptr(GHashTable) type_table = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (CbAttributeType));
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  guint cases = 0;
  guint values = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(type_table = parse_types (types, error)) ||
      !(sheet = read_sheet (file, &display, error)))
    return FALSE;
  for (guint c = 1; c < g_strv_length (sheet->rows->pdata[0]); c++)
    g_array_append_val (columns, c);

  label = g_strdup_printf (_("Import attributes from %s"), display);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = ensure_attributes (self, sheet, columns, type_table, ids, kinds, error);
  for (guint r = 1; ok && r < sheet->rows->len; r++)
    {
      char **row = sheet->rows->pdata[r];
      g_autofree char *name = _cb_cases_case_name_from (row[0], error);
      gint64 case_id;

      if (name == NULL)
        {
          g_prefix_error (error, _("Line %u, column %u: "), g_array_index (sheet->lines, guint, r), 1);
          ok = FALSE;
          break;
        }
      ok = (case_id = ensure_case (self, name, NULL, error)) > 0 &&
           set_row_values (self, sheet, r, case_id, name, columns, ids, kinds, &values, error);
      cases++;
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_CASES, error))
    return FALSE;
  if (n_cases != NULL)
    *n_cases = cases;
  if (n_values != NULL)
    *n_values = values;
  return TRUE;
}

/* Records */

static gint64
add_record_document (CbProject   *self,
                     const char  *name,
                     const char  *text,
                     const char  *source_name,
                     GError     **error)
{
  g_autofree char *normalized = cb_text_normalize (text, -1);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sha256 = NULL;
  CbStoreNewDocument document = { 0 };
  gint64 existing;
  gint64 id;

  if ((existing = _cb_store_find_document (self->store, name, error)) < 0)
    return 0;
  if (existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A document named “%s” already exists"), name);
      return 0;
    }
  document.length = strlen (normalized);
  sha256 = cb_text_sha256 ((const guint8 *) normalized, document.length);
  document.uuid = uuid;
  document.name = name;
  document.text = normalized;
  document.n_chars = cb_text_count_chars (normalized, document.length);
  document.source_name = source_name;
  document.source_sha256 = sha256;
  if ((id = _cb_store_insert_document (self->store, &document, error)) <= 0)
    return 0;
  if (!_cb_project_store_turns (self, id, normalized, document.length, error))
    return 0;
  return id;
}

static gboolean
is_text_column (CbSheet *sheet,
                guint    column)
{
  for (guint r = 1; r < sheet->rows->len; r++)
    {
      char **row = sheet->rows->pdata[r];

      if (column < g_strv_length (row) &&
          (strchr (row[column], '\n') != NULL ||
           g_utf8_strlen (row[column], -1) > RECORD_TEXT_MIN_CHARS))
        return TRUE;
    }
  return FALSE;
}

static gboolean
find_column (CbSheet     *sheet,
             const char  *name,
             guint       *column,
             GError     **error)
{
  char **header = sheet->rows->pdata[0];
  g_autofree char *wanted = cb_text_normalize_name (name);

  for (guint c = 0; header[c] != NULL; c++)
    {
      g_autofree char *have = cb_text_normalize_name (header[c]);

      if (g_strcmp0 (have, wanted) == 0)
        {
          *column = c;
          return TRUE;
        }
    }
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("The sheet has no column “%s”"), name);
  return FALSE;
}

gboolean
cb_project_import_records (CbProject           *self,
                           GFile               *file,
                           const char          *name_column,
                           const char * const  *text_columns,
                           guint               *n_records,
                           GError             **error)
{
  g_autoptr(CbSheet) sheet = NULL;
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (CbAttributeType));
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  char **header;
  guint name_index = 0;
  guint n_columns;
  guint records = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(sheet = read_sheet (file, &display, error)))
    return FALSE;
  header = sheet->rows->pdata[0];
  n_columns = g_strv_length (header);
  if (name_column != NULL && !find_column (sheet, name_column, &name_index, error))
    return FALSE;

  if (text_columns != NULL)
    for (guint i = 0; text_columns[i] != NULL; i++)
      {
        guint column;

        if (!find_column (sheet, text_columns[i], &column, error))
          return FALSE;
        g_array_append_val (texts, column);
      }
  else
    for (guint c = 0; c < n_columns; c++)
      if (c != name_index && is_text_column (sheet, c))
        g_array_append_val (texts, c);

  for (guint c = 0; c < n_columns; c++)
    {
      gboolean is_text = FALSE;

      for (guint t = 0; t < texts->len; t++)
        is_text = is_text || g_array_index (texts, guint, t) == c;
      if (c != name_index && !is_text)
        g_array_append_val (columns, c);
    }

  label = g_strdup_printf (_("Import records from %s"), display);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = ensure_attributes (self, sheet, columns, NULL, ids, kinds, error);
  for (guint r = 1; ok && r < sheet->rows->len; r++)
    {
      char **row = sheet->rows->pdata[r];
      guint n = g_strv_length (row);
      g_autofree char *name = _cb_cases_case_name_from (name_index < n ? row[name_index] : "", error);
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 case_id = 0;
      gint64 document_id = 0;

      if (name == NULL || !cb_name_check_characters (name, error))
        {
          g_prefix_error (error, _("Line %u, column %u: "), g_array_index (sheet->lines, guint, r), name_index + 1);
          ok = FALSE;
          break;
        }
      /* each text column a paragraph headed by the column's name, so that
       * the headings can be found and coded by search */
      for (guint t = 0; t < texts->len; t++)
        {
          guint column = g_array_index (texts, guint, t);

          g_string_append_printf (text, "%s%s\n%s\n", text->len > 0 ? "\n" : "",
                                  header[column], column < n ? row[column] : "");
        }
      ok = (document_id = add_record_document (self, name, text->str, display, error)) > 0 &&
           (case_id = ensure_case (self, name, NULL, error)) > 0 &&
           _cb_store_insert_coverage (self->store, case_id, document_id, NULL, -1, -1, error) >= 0;
      if (!ok)
        g_prefix_error (error, _("Line %u: "), g_array_index (sheet->lines, guint, r));
      /* its errors name the line and column already */
      ok = ok && set_row_values (self, sheet, r, case_id, name, columns, ids, kinds, NULL, error);
      records++;
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_CASES | CB_CHANGE_DOCUMENTS, error))
    return FALSE;
  if (n_records != NULL)
    *n_records = records;
  return TRUE;
}

