/* cb-project-cases.c: cases, typed attributes, sheets, records and filters (issue 15)
 *
 * Each operation: look up, check, change through _cb_store_* inside one
 * _cb_project_begin() … _cb_project_finish(): one transaction, one undo
 * step, ::changed with CB_CHANGE_CASES.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
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

/* Names */

static char *
case_name_from (const char  *name,
                GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A case name cannot be empty"));
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

/* An attribute name may not hold the operators of a filter, nor be
 * "case", which a filter reads as the case's name. */
static char *
attribute_name_from (const char  *name,
                     GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("An attribute name cannot be empty"));
      return NULL;
    }
  if (strpbrk (normalized, "=<>~\n") != NULL || g_ascii_strcasecmp (normalized, "case") == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” cannot be an attribute name (not “case”, and none of = < > ~)"), normalized);
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

static gint64
lookup_case (CbProject   *self,
             const char  *name,
             GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;
  gint64 id = _cb_store_find_case (self->store, normalized != NULL ? normalized : "", error);

  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no case named “%s”"), name);
  return MAX (id, 0);
}

static gint64
lookup_attribute (CbProject        *self,
                  const char       *name,
                  CbAttributeType  *type,
                  GError          **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;
  gint64 id = _cb_store_find_attribute (self->store, normalized != NULL ? normalized : "", type, error);

  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no attribute named “%s”"), name);
  return MAX (id, 0);
}

/* Values */

static char *
normalize_number (const char *value)
{
  g_autofree char *copy = g_strdup (value);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double number;
  char *comma;

  /* a decimal comma, as European spreadsheets write it */
  if ((comma = strchr (copy, ',')) != NULL && strchr (copy, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  if (copy[0] == '\0' || !(g_ascii_isdigit (copy[0]) || copy[0] == '-' || copy[0] == '+' || copy[0] == '.'))
    return NULL;
  errno = 0;
  number = g_ascii_strtod (copy, &end);
  if (errno != 0 || end == copy || *end != '\0' || !isfinite (number))
    return NULL;
  if (number == (double) (gint64) number && number > -9e15 && number < 9e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", number));
}

static gboolean
parse_uint (const char *text,
            gsize       length,
            guint      *value)
{
  guint64 number = 0;

  if (length == 0 || length > 4)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      number = number * 10 + (text[i] - '0');
    }
  *value = (guint) number;
  return TRUE;
}

/* "YYYY-MM-DD" or "d/m/yyyy" to "YYYY-MM-DD", NULL when not a real date */
static char *
normalize_date (const char *value)
{
  guint year, month, day;
  g_auto(GStrv) parts = NULL;

  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-' &&
      parse_uint (value, 4, &year) && parse_uint (value + 5, 2, &month) && parse_uint (value + 8, 2, &day))
    ;
  else if ((parts = g_strsplit (value, "/", -1)) != NULL && g_strv_length (parts) == 3 &&
           strlen (parts[2]) == 4 &&
           parse_uint (parts[0], strlen (parts[0]), &day) && strlen (parts[0]) <= 2 &&
           parse_uint (parts[1], strlen (parts[1]), &month) && strlen (parts[1]) <= 2 &&
           parse_uint (parts[2], 4, &year))
    ;
  else
    return NULL;

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

static const char *
normalize_boolean (const char *value)
{
  static const char * const yes[] = { "yes", "ja", "oui", "true", "1", NULL };
  static const char * const no[] = { "no", "nee", "non", "false", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, yes[i]) == 0)
      return "yes";
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      return "no";
  return NULL;
}

char *
cb_attribute_value_normalize (CbAttributeType   type,
                              const char       *value,
                              GError          **error)
{
  g_autofree char *trimmed = NULL;
  char *result = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("A value must be valid UTF-8"));
      return NULL;
    }
  trimmed = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
  g_strstrip (trimmed);

  switch (type)
    {
    case CB_ATTRIBUTE_TEXT:
    case CB_ATTRIBUTE_CHOICE:
      result = g_strdup (trimmed);
      break;
    case CB_ATTRIBUTE_NUMBER:
      result = normalize_number (trimmed);
      break;
    case CB_ATTRIBUTE_DATE:
      result = normalize_date (trimmed);
      break;
    case CB_ATTRIBUTE_BOOLEAN:
      result = g_strdup (normalize_boolean (trimmed));
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (result == NULL)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                 _("“%s” is not a valid %s"), value, cb_attribute_type_to_string (type));
  return result;
}

/* Cases */

gboolean
cb_project_add_case (CbProject   *self,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = case_name_from (name, error)))
    return FALSE;
  label = g_strdup_printf (_("Add case “%s”"), valid);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (existing = _cb_store_find_case (self->store, valid, error)) >= 0;
  if (ok && existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A case named “%s” already exists"), valid);
      ok = FALSE;
    }
  ok = ok && _cb_store_insert_case (self->store, uuid, valid, error) > 0;
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

gboolean
cb_project_rename_case (CbProject   *self,
                        const char  *name,
                        const char  *new_name,
                        GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gint64 id = 0;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = case_name_from (new_name, error)))
    return FALSE;
  label = g_strdup_printf (_("Rename case “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (id = lookup_case (self, name, error)) > 0 &&
       (existing = _cb_store_find_case (self->store, valid, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A case named “%s” already exists"), valid);
      ok = FALSE;
    }
  ok = ok && _cb_store_rename_case (self->store, id, valid, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

gboolean
cb_project_delete_case (CbProject   *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete case “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_case (self, name, error)) > 0 &&
       _cb_store_delete_case (self->store, id, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

/* Checks a coverage's span or speaker against the document. */
static gboolean
check_coverage (CbProject   *self,
                const char  *document,
                const char  *speaker,
                gint64       start,
                gint64       end,
                GError     **error)
{
  if (speaker != NULL)
    {
      g_autoptr(GPtrArray) speakers = NULL;

      if (start >= 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Give a speaker or a span, not both"));
          return FALSE;
        }
      if (!(speakers = cb_project_list_speakers (self, document, error)))
        return FALSE;
      for (guint i = 0; i < speakers->len; i++)
        if (g_strcmp0 (((CbSpeakerInfo *) speakers->pdata[i])->name, speaker) == 0)
          return TRUE;
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no speaker “%s” in “%s”"), speaker, document);
      return FALSE;
    }

  if (start >= 0)
    {
      g_autoptr(CbDocumentInfo) info = cb_project_get_document (self, document, error);

      if (info == NULL)
        return FALSE;
      if (end <= start || end > info->n_chars)
        {
          g_autofree char *span = g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, start, end);
          g_autofree char *length = g_strdup_printf ("%" G_GINT64_FORMAT, info->n_chars);

          /* TRANSLATORS: "The span 10–999 is not inside “Interview 3” (500 characters)" */
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("The span %s is not inside “%s” (%s characters)"), span, document, length);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
change_coverage (CbProject   *self,
                 gboolean     assign,
                 const char  *name,
                 const char  *document,
                 const char  *speaker,
                 gint64       start,
                 gint64       end,
                 GError     **error)
{
  g_autofree char *label = NULL;
  gint64 case_id = 0;
  gint64 document_id = 0;
  gint64 n;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL && document != NULL, FALSE);

  if (start < 0)
    end = -1;
  if (assign && !check_coverage (self, document, speaker, start, end, error))
    return FALSE;

  label = assign ? g_strdup_printf (_("Assign “%s” to case “%s”"), document, name)
                 : g_strdup_printf (_("Unassign “%s” from case “%s”"), document, name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;

  ok = (case_id = lookup_case (self, name, error)) > 0 &&
       (document_id = _cb_project_lookup_document (self, document, error)) > 0;
  if (ok && assign)
    ok = _cb_store_insert_coverage (self->store, case_id, document_id, speaker, start, end, error) >= 0;
  else if (ok)
    {
      ok = (n = _cb_store_delete_coverage (self->store, case_id, document_id, speaker, start, end, error)) >= 0;
      if (ok && n == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("Case “%s” does not cover that part of “%s”"), name, document);
          ok = FALSE;
        }
    }
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

gboolean
cb_project_assign_case (CbProject   *self,
                        const char  *name,
                        const char  *document,
                        const char  *speaker,
                        gint64       start,
                        gint64       end,
                        GError     **error)
{
  return change_coverage (self, TRUE, name, document, speaker, start, end, error);
}

gboolean
cb_project_unassign_case (CbProject   *self,
                          const char  *name,
                          const char  *document,
                          const char  *speaker,
                          gint64       start,
                          gint64       end,
                          GError     **error)
{
  return change_coverage (self, FALSE, name, document, speaker, start, end, error);
}

/* Attributes */

/* Inside a transaction: adds attribute @name (valid) of @type. */
static gint64
add_attribute_in (CbProject           *self,
                  const char          *name,
                  CbAttributeType      type,
                  const char * const  *choices,
                  GError             **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GPtrArray) valid = g_ptr_array_new_with_free_func (g_free);
  gint64 existing = _cb_store_find_attribute (self->store, name, NULL, error);

  if (existing < 0)
    return 0;
  if (existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("An attribute named “%s” already exists"), name);
      return 0;
    }
  if (type == CB_ATTRIBUTE_CHOICE)
    {
      for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
        {
          char *choice = cb_text_normalize_name (choices[i]);

          if (choice == NULL || choice[0] == '\0' ||
              g_ptr_array_find_with_equal_func (valid, choice, g_str_equal, NULL))
            {
              g_free (choice);
              continue;
            }
          g_ptr_array_add (valid, choice);
        }
      if (valid->len == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("A choice attribute needs its values (--values A,B,C)"));
          return 0;
        }
    }
  g_ptr_array_add (valid, NULL);
  return _cb_store_insert_attribute (self->store, uuid, name, type,
                                     (const char * const *) valid->pdata, error);
}

gboolean
cb_project_add_attribute (CbProject           *self,
                          const char          *name,
                          CbAttributeType      type,
                          const char * const  *choices,
                          GError             **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = attribute_name_from (name, error)))
    return FALSE;
  label = g_strdup_printf (_("Add attribute “%s”"), valid);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = add_attribute_in (self, valid, type, choices, error) > 0;
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

gboolean
cb_project_rename_attribute (CbProject   *self,
                             const char  *name,
                             const char  *new_name,
                             GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gint64 id = 0;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = attribute_name_from (new_name, error)))
    return FALSE;
  label = g_strdup_printf (_("Rename attribute “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_attribute (self, name, NULL, error)) > 0 &&
       (existing = _cb_store_find_attribute (self->store, valid, NULL, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("An attribute named “%s” already exists"), valid);
      ok = FALSE;
    }
  ok = ok && _cb_store_rename_attribute (self->store, id, valid, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

gboolean
cb_project_delete_attribute (CbProject   *self,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete attribute “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_attribute (self, name, NULL, error)) > 0 &&
       _cb_store_delete_attribute (self->store, id, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

/* Inside a transaction: sets a value, checked against the type. */
static gboolean
set_value_in (CbProject        *self,
              gint64            case_id,
              const char       *case_name,
              gint64            attribute_id,
              const char       *attribute,
              CbAttributeType   type,
              const char       *value,
              GError          **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  int has;

  if (trimmed[0] == '\0')
    return _cb_store_set_case_value (self->store, case_id, attribute_id, type, NULL, error);

  if (!(canonical = cb_attribute_value_normalize (type, value, NULL)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Case “%s”, attribute “%s” (%s): “%s” is not a valid value"),
                   case_name, attribute, cb_attribute_type_to_string (type), value);
      return FALSE;
    }
  if (type == CB_ATTRIBUTE_CHOICE)
    {
      if ((has = _cb_store_has_choice (self->store, attribute_id, canonical, error)) < 0)
        return FALSE;
      if (has == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Case “%s”, attribute “%s”: “%s” is not one of its values"),
                       case_name, attribute, value);
          return FALSE;
        }
    }
  return _cb_store_set_case_value (self->store, case_id, attribute_id, type, canonical, error);
}

gboolean
cb_project_set_case_value (CbProject   *self,
                           const char  *case_name,
                           const char  *attribute,
                           const char  *value,
                           GError     **error)
{
  g_autofree char *label = NULL;
  CbAttributeType type = CB_ATTRIBUTE_TEXT;
  gint64 case_id = 0;
  gint64 attribute_id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (case_name != NULL && attribute != NULL, FALSE);

  label = g_strdup_printf (_("Set “%s” of case “%s”"), attribute, case_name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (case_id = lookup_case (self, case_name, error)) > 0 &&
       (attribute_id = lookup_attribute (self, attribute, &type, error)) > 0 &&
       set_value_in (self, case_id, case_name, attribute_id, attribute, type, value, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

GPtrArray *
cb_project_list_attributes (CbProject  *self,
                            GError    **error)
{
  GPtrArray *attributes;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  attributes = _cb_store_list_attributes (self->store, error);
  _cb_project_end_read (self);
  return attributes;
}

gboolean
cb_project_has_attribute (CbProject   *self,
                          const char  *name,
                          GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!_cb_project_begin_read (self, error))
    return FALSE;
  id = _cb_store_find_attribute (self->store, name, NULL, error);
  _cb_project_end_read (self);
  return id > 0;
}

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

      if (!(name = attribute_name_from (header[column], error)))
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
          if (!(id = add_attribute_in (self, name, type, NULL, error)))
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
      if (!set_value_in (self, case_id, case_name, g_array_index (ids, gint64, i),
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
      g_autofree char *name = case_name_from (row[0], error);
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
      g_autofree char *name = case_name_from (name_index < n ? row[name_index] : "", error);
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
           _cb_store_insert_coverage (self->store, case_id, document_id, NULL, -1, -1, error) >= 0 &&
           set_row_values (self, sheet, r, case_id, name, columns, ids, kinds, NULL, error);
      if (!ok)
        g_prefix_error (error, _("Line %u: "), g_array_index (sheet->lines, guint, r));
      records++;
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_CASES | CB_CHANGE_DOCUMENTS, error))
    return FALSE;
  if (n_records != NULL)
    *n_records = records;
  return TRUE;
}

/* REFI-QDA import (cb-cases-private.h) */

CbAttributeType
_cb_attribute_type_from_refi (const char *type_of_variable)
{
  if (g_strcmp0 (type_of_variable, "Boolean") == 0)
    return CB_ATTRIBUTE_BOOLEAN;
  if (g_strcmp0 (type_of_variable, "Integer") == 0 || g_strcmp0 (type_of_variable, "Float") == 0)
    return CB_ATTRIBUTE_NUMBER;
  if (g_strcmp0 (type_of_variable, "Date") == 0 || g_strcmp0 (type_of_variable, "DateTime") == 0)
    return CB_ATTRIBUTE_DATE;
  return CB_ATTRIBUTE_TEXT;
}

gint64
_cb_project_import_attribute (CbProject        *self,
                              const char       *uuid,
                              const char       *name,
                              CbAttributeType   type,
                              GError          **error)
{
  g_autofree char *stripped = name != NULL ? cb_name_strip_forbidden (name) : NULL;
  g_autofree char *valid = NULL;
  g_autofree char *fresh = NULL;
  gint64 id;

  /* names from other programs are neutralised, not refused: the
   * operators of a filter become spaces */
  if (stripped != NULL)
    g_strdelimit (stripped, "=<>~\n", ' ');
  if (!(valid = attribute_name_from (stripped, error)))
    return 0;
  if ((id = _cb_store_find_attribute (self->store, valid, NULL, error)) != 0)
    return MAX (id, 0);
  if (uuid == NULL || _cb_store_find_attribute (self->store, valid, NULL, NULL) != 0)
    uuid = fresh = g_uuid_string_random ();
  return _cb_store_insert_attribute (self->store, uuid, valid, type, NULL, error);
}

gint64
_cb_project_import_case (CbProject   *self,
                         const char  *uuid,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *stripped = cb_name_strip_forbidden (name != NULL && name[0] != '\0' ? name : uuid);
  g_autofree char *valid = NULL;
  g_autofree char *fresh = NULL;
  gint64 id;

  if (!(valid = case_name_from (stripped, error)))
    return 0;
  if ((id = _cb_store_find_case (self->store, valid, error)) != 0)
    return MAX (id, 0);
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    uuid = fresh = g_uuid_string_random ();
  return _cb_store_insert_case (self->store, uuid, valid, error);
}

gboolean
_cb_project_import_case_value (CbProject   *self,
                               gint64       case_id,
                               gint64       attribute_id,
                               const char  *value,
                               GError     **error)
{
  g_autofree char *date = NULL;
  CbAttributeType type = CB_ATTRIBUTE_TEXT;
  g_autoptr(GPtrArray) attributes = _cb_store_list_attributes (self->store, error);
  const char *name = NULL;

  if (attributes == NULL)
    return FALSE;
  for (guint i = 0; i < attributes->len; i++)
    if (((CbAttributeInfo *) attributes->pdata[i])->id == attribute_id)
      {
        type = ((CbAttributeInfo *) attributes->pdata[i])->type;
        name = ((CbAttributeInfo *) attributes->pdata[i])->name;
      }
  g_return_val_if_fail (name != NULL, FALSE);
  /* a DateTimeValue: its date */
  if (type == CB_ATTRIBUTE_DATE && value != NULL && strlen (value) > 10 && value[10] == 'T')
    value = date = g_strndup (value, 10);
  return set_value_in (self, case_id, "", attribute_id, name, type, value, error);
}

gboolean
_cb_project_import_case_coverage (CbProject   *self,
                                  gint64       case_id,
                                  gint64       document_id,
                                  gint64       start,
                                  gint64       end,
                                  GError     **error)
{
  if (start >= 0 && end <= start)
    return TRUE;
  return _cb_store_insert_coverage (self->store, case_id, document_id, NULL,
                                    start >= 0 ? start : -1, end, error) >= 0;
}

/* Filters */

typedef struct
{
  char *name;
  char *op;      /* "=", "!=", "<", ">", "~" */
  char *value;
} Condition;

struct _CbCaseFilter
{
  GPtrArray *conditions;
};

static void
condition_free (gpointer data)
{
  Condition *condition = data;

  g_free (condition->name);
  g_free (condition->op);
  g_free (condition->value);
  g_free (condition);
}

CbCaseFilter *
cb_case_filter_new (const char * const  *expressions,
                    GError             **error)
{
  g_autoptr(CbCaseFilter) filter = g_new0 (CbCaseFilter, 1);

  filter->conditions = g_ptr_array_new_with_free_func (condition_free);
  for (guint i = 0; expressions != NULL && expressions[i] != NULL; i++)
    {
      const char *expression = expressions[i];
      const char *at = strpbrk (expression, "!=<>~");
      Condition *condition;
      gsize op_length = 1;

      while (at != NULL && at[0] == '!' && at[1] != '=')
        at = strpbrk (at + 1, "!=<>~");
      if (at != NULL && at[0] == '!')
        op_length = 2;
      if (at == NULL || at == expression)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("“%s” is not a filter (NAME=VALUE, NAME!=VALUE, NAME<VALUE, NAME>VALUE, NAME~TEXT or case=NAME)"),
                       expression);
          return NULL;
        }
      condition = g_new0 (Condition, 1);
      condition->name = g_strstrip (g_strndup (expression, at - expression));
      condition->op = g_strndup (at, op_length);
      condition->value = g_strstrip (g_strdup (at + op_length));
      g_ptr_array_add (filter->conditions, condition);
      if (condition->name[0] == '\0')
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("“%s” is not a filter (NAME=VALUE, NAME!=VALUE, NAME<VALUE, NAME>VALUE, NAME~TEXT or case=NAME)"),
                       expression);
          return NULL;
        }
    }
  return g_steal_pointer (&filter);
}

void
cb_case_filter_free (CbCaseFilter *filter)
{
  if (filter == NULL)
    return;
  g_ptr_array_unref (filter->conditions);
  g_free (filter);
}

static void
intersect (GHashTable *passing,
           GHashTable *matching)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, passing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (matching, key))
      g_hash_table_iter_remove (&iter);
}

/* The cases whose values pass one condition. */
static GHashTable *
cases_matching (CbProject  *self,
                Condition  *condition,
                GError    **error)
{
  g_autoptr(GHashTable) matching = NULL;
  g_autofree char *canonical = NULL;
  CbAttributeType type = CB_ATTRIBUTE_TEXT;
  gint64 id;

  if (g_ascii_strcasecmp (condition->name, "case") == 0)
    {
      g_autofree char *name = cb_text_normalize_name (condition->value);
      gint64 case_id;

      if (!g_str_equal (condition->op, "=") && !g_str_equal (condition->op, "!=") && !g_str_equal (condition->op, "~"))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("A case is filtered with case=NAME, case!=NAME or case~TEXT"));
          return NULL;
        }
      if (!(matching = _cb_store_all_case_ids (self->store, error)))
        return NULL;
      if (g_str_equal (condition->op, "~"))
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();
          g_autoptr(GPtrArray) cases = _cb_store_list_cases (self->store, none, NULL, error);
          g_autofree char *folded = cb_search_fold (condition->value, -1);

          if (cases == NULL)
            return NULL;
          g_hash_table_remove_all (matching);
          for (guint i = 0; i < cases->len; i++)
            {
              CbCaseInfo *info = cases->pdata[i];
              g_autofree char *name_folded = cb_search_fold (info->name, -1);

              if (strstr (name_folded, folded) != NULL)
                g_hash_table_add (matching, g_memdup2 (&info->id, sizeof info->id));
            }
          return g_steal_pointer (&matching);
        }
      if ((case_id = _cb_store_find_case (self->store, name != NULL ? name : "", error)) < 0)
        return NULL;
      if (g_str_equal (condition->op, "="))
        {
          g_hash_table_remove_all (matching);
          if (case_id > 0)
            g_hash_table_add (matching, g_memdup2 (&case_id, sizeof case_id));
        }
      else
        g_hash_table_remove (matching, &case_id);
      return g_steal_pointer (&matching);
    }

  if ((id = lookup_attribute (self, condition->name, &type, error)) == 0)
    return NULL;

  if (g_str_equal (condition->op, "~"))
    {
      g_autoptr(GHashTable) values = _cb_store_case_value_texts (self->store, id, error);
      g_autofree char *folded = cb_search_fold (condition->value, -1);
      GHashTableIter iter;
      gpointer key, value;

      if (values == NULL)
        return NULL;
      matching = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *value_folded = cb_search_fold (value, -1);

          if (strstr (value_folded, folded) != NULL)
            g_hash_table_add (matching, g_memdup2 (key, sizeof (gint64)));
        }
      return g_steal_pointer (&matching);
    }

  if ((g_str_equal (condition->op, "<") || g_str_equal (condition->op, ">")) &&
      type != CB_ATTRIBUTE_NUMBER && type != CB_ATTRIBUTE_DATE)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is a %s attribute: < and > compare numbers and dates only"),
                   condition->name, cb_attribute_type_to_string (type));
      return NULL;
    }
  if (!(canonical = cb_attribute_value_normalize (type, condition->value, NULL)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Filter on “%s” (%s): “%s” is not a valid value"),
                   condition->name, cb_attribute_type_to_string (type), condition->value);
      return NULL;
    }
  return _cb_store_cases_comparing (self->store, id, type, condition->op, canonical, error);
}

/* Inside a read: the passing cases, and their coverage in the store's
 * temp table for the joins that follow. */
static GHashTable *
compile_filter (CbProject           *self,
                const CbCaseFilter  *filter,
                GError             **error)
{
  g_autoptr(GHashTable) passing = _cb_store_all_case_ids (self->store, error);

  if (passing == NULL)
    return NULL;
  for (guint i = 0; i < filter->conditions->len; i++)
    {
      g_autoptr(GHashTable) matching = cases_matching (self, filter->conditions->pdata[i], error);

      if (matching == NULL)
        return NULL;
      intersect (passing, matching);
    }
  if (!_cb_store_fill_case_spans (self->store, passing, error))
    return NULL;
  return g_steal_pointer (&passing);
}

GPtrArray *
cb_project_list_cases (CbProject           *self,
                       const CbCaseFilter  *filter,
                       GError             **error)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GHashTable) passing = NULL;
  GPtrArray *cases = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((attributes = _cb_store_list_attributes (self->store, error)) &&
      (filter == NULL || (passing = compile_filter (self, filter, error))))
    cases = _cb_store_list_cases (self->store, attributes, passing, error);
  _cb_project_end_read (self);
  return cases;
}

/* Keeps the items of @array for which @keep holds, in order, freeing the
 * others (they end up past the kept ones, where shrinking frees them). */
static void
keep_in_place (GPtrArray *array,
               gboolean (*keep) (gpointer item, guint index, gpointer data),
               gpointer   data)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();
  guint n = array->len;
  guint n_kept = 0;

  for (guint i = 0; i < n; i++)
    {
      if (keep (array->pdata[i], i, data))
        array->pdata[n_kept++] = array->pdata[i];
      else
        g_ptr_array_add (dropped, array->pdata[i]);
    }
  for (guint i = 0; i < dropped->len; i++)
    array->pdata[n_kept + i] = dropped->pdata[i];
  g_ptr_array_set_size (array, n_kept);
}

static gboolean
index_passes (gpointer item,
              guint    index,
              gpointer data)
{
  return g_hash_table_contains (data, GUINT_TO_POINTER (index + 1));
}

static gboolean
filter_spans_in (CbProject           *self,
                 const CbCaseFilter  *filter,
                 GPtrArray           *spans,
                 const CbSpanRef     *ref,
                 GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autofree gint64 *documents = g_new (gint64, spans->len + 1);
  g_autofree gint64 *starts = g_new (gint64, spans->len + 1);
  g_autofree gint64 *ends = g_new (gint64, spans->len + 1);

  if (!(passing = compile_filter (self, filter, error)))
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      const guint8 *span = spans->pdata[i];

      documents[i] = *(const gint64 *) (span + ref->document_id_offset);
      starts[i] = *(const gint64 *) (span + ref->start_offset);
      ends[i] = *(const gint64 *) (span + ref->end_offset);
    }
  if (!(keep = _cb_store_spans_in_case_spans (self->store, documents, starts, ends, spans->len, error)))
    return FALSE;

  keep_in_place (spans, index_passes, keep);
  return TRUE;
}

gboolean
cb_project_filter_spans (CbProject           *self,
                         const CbCaseFilter  *filter,
                         GPtrArray           *spans,
                         const CbSpanRef     *ref,
                         GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (spans != NULL && ref != NULL, FALSE);

  if (filter == NULL || spans->len == 0)
    return TRUE;
  if (!_cb_project_begin_read (self, error))
    return FALSE;
  ok = filter_spans_in (self, filter, spans, ref, error);
  _cb_project_end_read (self);
  return ok;
}

static gboolean
coding_passes (gpointer item,
               guint    index,
               gpointer data)
{
  return g_hash_table_contains (data, &((CbSegment *) item)->coding_id);
}

static gboolean
filter_segments_in (CbProject           *self,
                    const CbCaseFilter  *filter,
                    GPtrArray           *segments,
                    GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  g_autoptr(GHashTable) codings = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!(passing = compile_filter (self, filter, error)))
    return FALSE;
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];

      if (g_hash_table_add (seen, &segment->code_id))
        g_array_append_val (code_ids, segment->code_id);
    }
  if (!(codings = _cb_store_codings_in_case_spans (self->store, code_ids, error)))
    return FALSE;
  keep_in_place (segments, coding_passes, codings);
  return TRUE;
}

gboolean
_cb_project_filter_segments (CbProject           *self,
                             const CbCaseFilter  *filter,
                             GPtrArray           *segments,
                             GError             **error)
{
  gboolean ok;

  if (filter == NULL || segments->len == 0)
    return TRUE;
  if (!_cb_project_begin_read (self, error))
    return FALSE;
  ok = filter_segments_in (self, filter, segments, error);
  _cb_project_end_read (self);
  return ok;
}

GHashTable *
cb_project_filter_documents (CbProject           *self,
                             const CbCaseFilter  *filter,
                             GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  GHashTable *documents = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((passing = compile_filter (self, filter, error)))
    documents = _cb_store_documents_in_case_spans (self->store, error);
  _cb_project_end_read (self);
  return documents;
}

char *
cb_project_dup_span_case (CbProject        *self,
                          gint64            document_id,
                          gint64            start,
                          gint64            end,
                          const char       *attribute,
                          CbAttributeType  *type,
                          GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  CbAttributeType attribute_type = CB_ATTRIBUTE_TEXT;
  gint64 attribute_id = 0;
  gint64 id = 0;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if (attribute == NULL ||
      (attribute_id = lookup_attribute (self, attribute, &attribute_type, error)) > 0)
    id = _cb_store_span_case (self->store, document_id, start, end, attribute_id, &name, &value, error);
  _cb_project_end_read (self);

  if (type != NULL)
    *type = attribute_type;
  if (id <= 0)
    return NULL;
  return attribute == NULL ? g_steal_pointer (&name) : g_steal_pointer (&value);
}
