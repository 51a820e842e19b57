/* cb-project-cases.c: cases, typed attributes and their values (issue 15)
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
#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-cases.h"
#include "cb-text.h"

/* Names */

char *
_cb_cases_case_name_from (const char  *name,
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
char *
_cb_cases_attribute_name_from (const char  *name,
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

gint64
_cb_cases_lookup_attribute (CbProject        *self,
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

  if (!(valid = _cb_cases_case_name_from (name, error)))
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

  if (!(valid = _cb_cases_case_name_from (new_name, error)))
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
gint64
_cb_cases_add_attribute_in (CbProject           *self,
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

  if (!(valid = _cb_cases_attribute_name_from (name, error)))
    return FALSE;
  label = g_strdup_printf (_("Add attribute “%s”"), valid);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = _cb_cases_add_attribute_in (self, valid, type, choices, error) > 0;
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

  if (!(valid = _cb_cases_attribute_name_from (new_name, error)))
    return FALSE;
  label = g_strdup_printf (_("Rename attribute “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = _cb_cases_lookup_attribute (self, name, NULL, error)) > 0 &&
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
  ok = (id = _cb_cases_lookup_attribute (self, name, NULL, error)) > 0 &&
       _cb_store_delete_attribute (self->store, id, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES, error);
}

/* Inside a transaction: sets a value, checked against the type. */
gboolean
_cb_cases_set_value_in (CbProject        *self,
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
       (attribute_id = _cb_cases_lookup_attribute (self, attribute, &type, error)) > 0 &&
       _cb_cases_set_value_in (self, case_id, case_name, attribute_id, attribute, type, value, error);
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
  if (!(valid = _cb_cases_attribute_name_from (stripped, error)))
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

  if (!(valid = _cb_cases_case_name_from (stripped, error)))
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
  g_autofree char *case_name = NULL;
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
  case_name = _cb_store_dup_case_name (self->store, case_id);
  return _cb_cases_set_value_in (self, case_id, case_name != NULL ? case_name : "", attribute_id,
                                 name, type, value, error);
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

