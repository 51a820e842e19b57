/* cb-merge.c: merging another project (.codeboom or .qdpx) into this one, and copies for a second coder
 *
 * The matching rules and their SQL are in cb-store-merge.c; here: opening
 * the other file as untrusted input (a .qdpx through the REFI-QDA importer
 * into a temporary project), the one transaction and undo step, the
 * codings written through _cb_project_add_codings_in(), and the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-merge.h"
#include "cb-project-private.h"
#include "cb-refi-import.h"
#include "cb-store-backup.h"
#include "cb-store-merge.h"

CbMergeReport *
cb_merge_report_new (void)
{
  CbMergeReport *report = g_new0 (CbMergeReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
cb_merge_report_free (CbMergeReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->messages);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

const char *
cb_merge_kind_noun (CbMergeKind kind,
                    guint       n)
{
  switch (kind)
    {
    case CB_MERGE_DOCUMENTS:     return g_dngettext (GETTEXT_PACKAGE, "document", "documents", n);
    case CB_MERGE_CODES:         return g_dngettext (GETTEXT_PACKAGE, "code", "codes", n);
    case CB_MERGE_CODINGS:       return g_dngettext (GETTEXT_PACKAGE, "coding", "codings", n);
    case CB_MERGE_CODERS:        return g_dngettext (GETTEXT_PACKAGE, "coder", "coders", n);
    case CB_MERGE_MEMOS:         return g_dngettext (GETTEXT_PACKAGE, "memo", "memos", n);
    case CB_MERGE_CASES:         return g_dngettext (GETTEXT_PACKAGE, "case", "cases", n);
    case CB_MERGE_ATTRIBUTES:    return g_dngettext (GETTEXT_PACKAGE, "attribute", "attributes", n);
    case CB_MERGE_VALUES:        return g_dngettext (GETTEXT_PACKAGE, "attribute value", "attribute values", n);
    case CB_MERGE_DOCUMENT_SETS: return g_dngettext (GETTEXT_PACKAGE, "document set", "document sets", n);
    case CB_MERGE_PHASES:        return g_dngettext (GETTEXT_PACKAGE, "phase", "phases", n);
    case CB_MERGE_ROLES:         return g_dngettext (GETTEXT_PACKAGE, "speaker role", "speaker roles", n);
    case CB_MERGE_N_KINDS:       break;
    }
  g_return_val_if_reached ("");
}

/* 1203 → "1,203": the same in every locale (the CLI's output is a contract). */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* "2 documents, 14 codes, 1,203 codings": documents, codes and codings
 * always (when @always_main), the other kinds when there are any. */
static void
append_counts (GString     *out,
               const guint *counts,
               gboolean     always_main)
{
  gboolean first = TRUE;

  for (guint kind = 0; kind < CB_MERGE_N_KINDS; kind++)
    {
      g_autofree char *figure = NULL;

      if (counts[kind] == 0 && !(always_main && kind <= CB_MERGE_CODINGS))
        continue;
      figure = format_count (counts[kind]);
      g_string_append_printf (out, "%s%s %s", first ? "" : ", ", figure, cb_merge_kind_noun (kind, counts[kind]));
      first = FALSE;
    }
  if (first)
    g_string_append (out, _("none"));
}

char *
cb_merge_report_format_line (const CbMergeReport *report,
                             CbMergeLine          line)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  switch (line)
    {
    case CB_MERGE_LINE_ADDED:
      g_string_append_printf (out, "%s ", _("added:"));
      append_counts (out, report->added, TRUE);
      break;
    case CB_MERGE_LINE_PRESENT:
      g_string_append_printf (out, "%s ", _("already present:"));
      append_counts (out, report->present, TRUE);
      break;
    case CB_MERGE_LINE_CONFLICTS:
      g_string_append_printf (out, "%s ", _("conflicts:"));
      append_counts (out, report->conflicts, FALSE);
      break;
    }
  return g_string_free (out, FALSE);
}

char *
cb_merge_report_format (const CbMergeReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (CbMergeLine line = CB_MERGE_LINE_ADDED; line <= CB_MERGE_LINE_CONFLICTS; line++)
    {
      g_autofree char *text = cb_merge_report_format_line (report, line);

      g_string_append_printf (out, "%s\n", text);
    }
  for (guint i = 0; i < report->messages->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) report->messages->pdata[i]);
  return g_string_free (out, FALSE);
}

static gboolean
is_qdpx (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".qdpx");
}

/* The new codings, one run per code (they come ordered by code). */
static gboolean
add_codings (CbProject      *self,
             GArray         *codings,
             CbMergeReport  *report,
             GError        **error)
{
  g_autoptr(GArray) run = g_array_new (FALSE, TRUE, sizeof (CbNewCoding));

  for (guint i = 0; i < codings->len; )
    {
      const CbStoreMergeCoding *first = &g_array_index (codings, CbStoreMergeCoding, i);
      guint created = 0;
      guint j;

      g_array_set_size (run, 0);
      for (j = i; j < codings->len; j++)
        {
          const CbStoreMergeCoding *coding = &g_array_index (codings, CbStoreMergeCoding, j);
          CbNewCoding new_coding = {
            .document_id = coding->document,
            .start = coding->start,
            .end = coding->end,
            .coder_id = coding->coder,
            .uuid = coding->uuid,
            .created = coding->created,
            .memo = coding->memo,
          };

          if (coding->code != first->code)
            break;
          g_array_append_val (run, new_coding);
        }
      if (!_cb_project_add_codings_in (self, first->code, (CbNewCoding *) (gpointer) run->data, run->len,
                                       NULL, &created, error))
        return FALSE;
      report->added[CB_MERGE_CODINGS] += created;
      report->present[CB_MERGE_CODINGS] += run->len - created;
      i = j;
    }
  return TRUE;
}

static gboolean
merge_from (CbProject      *self,
            CbProject      *other,
            const char     *display,
            const char     *other_name,
            CbMergePrefer   prefer,
            gboolean        dry_run,
            CbMergeReport  *report,
            GError        **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(CbStoreMerge) merge = _cb_store_merge_new (other_name, prefer == CB_MERGE_PREFER_THEIRS, report);
  g_autoptr(GArray) codings = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *label = NULL;
  gint64 bulk;
  gboolean ok;

  /* Everything of theirs first, checked, before our transaction begins:
   * the other file may be this very project. */
  if (!_cb_store_merge_read (merge, _cb_project_get_store (other), &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Cannot merge “%s”: "), display);
      return FALSE;
    }

  label = g_strdup_printf (_("Merge “%s”"), other_name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  bulk = _cb_store_begin_bulk (store, NULL);
  ok = _cb_store_merge_write (merge, store, _cb_project_get_store (other), &codings, error) &&
       add_codings (self, codings, report, error);
  _cb_store_end_bulk (store, bulk);

  /* A dry run is the same work, rolled back; a merge that found
   * everything here already leaves no undo step. */
  if (!ok || dry_run || (!_cb_store_merge_changed (merge) && report->added[CB_MERGE_CODINGS] == 0))
    {
      cb_store_rollback (store);
      return ok;
    }
  return _cb_project_finish (self, TRUE, CB_CHANGE_ALL, error);
}

gboolean
cb_project_merge (CbProject      *self,
                  const char     *other_path,
                  CbMergePrefer   prefer,
                  gboolean        dry_run,
                  CbMergeReport **report,
                  GError        **error)
{
  g_autoptr(CbMergeReport) result = cb_merge_report_new ();
  g_autofree char *display = NULL;
  g_autofree char *other_name = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(CbProject) other = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (other_path != NULL, FALSE);

  display = g_filename_display_name (other_path);
  other_name = g_filename_display_basename (other_path);

  if (is_qdpx (other_path))
    {
      g_autoptr(GFile) file = g_file_new_for_path (other_path);
      g_autoptr(CbRefiImportReport) imported = NULL;

      /* The importer checks the archive and builds a project of our own
       * schema from it; that project is merged like any other.  What it
       * could not bring in is not merged either: say so, as `new --from`
       * does. */
      if (!(tmp_dir = g_dir_make_tmp ("codeboom-merge-XXXXXX", error)))
        return FALSE;
      tmp_path = g_build_filename (tmp_dir, "other" CB_PROJECT_FILE_EXTENSION, NULL);
      other = cb_refi_import_new_project_from_file (tmp_path, file, &imported, &local);
      for (guint i = 0; imported != NULL && i < imported->warnings->len; i++)
        g_ptr_array_add (result->warnings, g_strdup (imported->warnings->pdata[i]));
    }
  else
    other = cb_project_open (other_path, &local);

  if (other == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Cannot merge “%s”: "), display);
      ok = FALSE;
    }
  else
    ok = merge_from (self, other, display, other_name, prefer, dry_run, result, error);

  g_clear_object (&other);
  if (tmp_path != NULL)
    _cb_project_remove_files (tmp_path);
  if (tmp_dir != NULL)
    g_rmdir (tmp_dir);

  if (ok && report != NULL)
    *report = g_steal_pointer (&result);
  return ok;
}

gboolean
cb_project_copy_for_coder (CbProject    *self,
                           const char   *out_path,
                           CbCopyMode    mode,
                           const char   *coder,
                           GError      **error)
{
  g_autofree char *display = NULL;
  CbStore *copy;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  display = g_filename_display_name (out_path);
  if (mode == CB_COPY_ONLY_CODER && (coder == NULL || coder[0] == '\0'))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("A copy for one coder needs the coder’s name"));
      return FALSE;
    }
  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot create “%s”: a file of that name already exists"), display);
      return FALSE;
    }

  if (!_cb_store_backup_to (_cb_project_get_store (self), out_path, error))
    return FALSE;
  if (!(copy = cb_store_open (out_path, FALSE, error)))
    {
      _cb_project_remove_files (out_path);
      return FALSE;
    }
  ok = _cb_store_merge_trim_copy (copy, mode, coder, error);
  cb_store_free (copy);
  if (!ok)
    _cb_project_remove_files (out_path);
  return ok;
}
