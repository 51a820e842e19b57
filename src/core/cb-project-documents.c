/* cb-project-documents.c: documents of a project: adding, importing, renaming, deleting
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
#include "cb-search-private.h"
#include "cb-store-private.h"
#include "cb-text.h"

/* Files above this size are refused before they are read into memory:
 * a transcript of a few hours is well under 1 MB. */
#define MAX_IMPORT_BYTES (64 * 1024 * 1024)
/* What an import holds decoded before its transaction (see cb_project_import) */
#define IMPORT_HOLD_BYTES (24 * 1024 * 1024)

/* Documents */

/* Validates and normalises a document name; NULL with @error set. */
static char *
document_name_from (const char  *name,
                    GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name);

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A document name cannot be empty"));
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

gint64
_cb_project_lookup_document (CbProject   *self,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name);
  gint64 id;

  id = _cb_store_find_document (self->store, normalized != NULL ? normalized : "", error);
  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no document named “%s”"), name);

  return MAX (id, 0);
}

static gint64
add_document_in_transaction (CbProject    *self,
                             const char   *name,
                             const char   *text,
                             gsize         length,
                             gint64        n_chars,
                             const char   *source_name,
                             GBytes       *source_bytes,
                             GError      **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sha256 = NULL;
  CbStoreNewDocument document = { 0 };
  gint64 existing;
  gint64 id;

  existing = _cb_store_find_document (self->store, name, error);
  if (existing < 0)
    return 0;
  if (existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A document named “%s” already exists"), name);
      return 0;
    }

  if (source_bytes != NULL)
    {
      document.source_bytes = g_bytes_get_data (source_bytes, &document.source_length);
      sha256 = cb_text_sha256 (document.source_bytes, document.source_length);

      /* A UTF-8 transcript that needed no normalising is its own original:
       * keeping its bytes twice would double what an import writes.  The
       * store gives the text back as the original (the sha256 vouches). */
      if (document.source_length == length && memcmp (document.source_bytes, text, length) == 0)
        document.source_bytes = NULL, document.source_length = 0;
    }
  else
    sha256 = cb_text_sha256 ((const guint8 *) text, length);

  document.uuid = uuid;
  document.name = name;
  document.text = text;
  document.length = length;
  document.n_chars = n_chars;
  document.source_name = source_name != NULL ? source_name : "";
  document.source_sha256 = sha256;

  id = _cb_store_insert_document (self->store, &document, error);

  /* Speaker turns are recognised in the same transaction (cb-project-turns.c),
   * and the folded copy for search is made (cb-search.c), so that the first
   * search is as fast as the next. */
  if (id > 0 && (!_cb_project_store_turns (self, id, text, length, error) ||
                 !_cb_search_store_folded (self->store, id, text, length, n_chars, error)))
    return 0;

  return id;
}

gint64
cb_project_add_document (CbProject   *self,
                         const char  *name,
                         const char  *text,
                         const char  *source_name,
                         GBytes      *source_bytes,
                         GError     **error)
{
  g_autofree char *valid_name = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *label = NULL;
  gsize length;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (!(valid_name = document_name_from (name, error)))
    return 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8"), valid_name);
      return 0;
    }
  normalized = cb_text_normalize (text, -1);
  length = strlen (normalized);

  label = g_strdup_printf (_("Add document “%s”"), valid_name);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  id = add_document_in_transaction (self, valid_name, normalized, length,
                                    cb_text_count_chars (normalized, length),
                                    source_name, source_bytes, error);
  if (!_cb_project_finish (self, id > 0, CB_CHANGE_DOCUMENTS, error))
    return 0;

  return id;
}

/* Refuses folders and oversized files before anything is read. */
static gboolean
check_import_file (GFile       *file,
                   const char  *display,
                   GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  GError *local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: %s"), display, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: it is a folder"), display);
      return FALSE;
    }
  if (g_file_info_get_size (info) > MAX_IMPORT_BYTES)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("Cannot import “%s”: the file is larger than %d MB"),
                   display, MAX_IMPORT_BYTES / (1024 * 1024));
      return FALSE;
    }

  return TRUE;
}

/* Reads and decodes one file already checked by check_import_file(). */
static CbImportedText *
read_import (GFile                  *file,
             const char             *display,
             const CbImportOptions  *options,
             GBytes                **bytes,
             GError                **error)
{
  GError *local_error = NULL;

  *bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (*bytes == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: %s"), display, local_error->message);
      g_clear_error (&local_error);
      return NULL;
    }

  return cb_import_bytes (display, g_bytes_get_data (*bytes, NULL), g_bytes_get_size (*bytes),
                          options, error);
}

void
cb_import_report_free (CbImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->imported, g_ptr_array_unref);
  g_clear_pointer (&report->ids, g_array_unref);
  g_clear_pointer (&report->failures, g_ptr_array_unref);
  g_free (report);
}

static void
import_failure_free (CbImportFailure *failure)
{
  g_clear_object (&failure->file);
  g_clear_error (&failure->error);
  g_free (failure);
}

/* One file of an import, from reading to storing. */
typedef struct
{
  GFile          *file;
  char           *display;
  GBytes         *source;
  CbImportedText *text;
  char           *name;
  gboolean        deferred;   /* checked and named, decoded when stored */
} ImportItem;

static void
import_item_clear (ImportItem *item)
{
  g_clear_pointer (&item->display, g_free);
  g_clear_pointer (&item->source, g_bytes_unref);
  g_clear_pointer (&item->text, cb_imported_text_free);
  g_clear_pointer (&item->name, g_free);
}

static void
report_progress (CbProgressFunc  progress,
                 gpointer        progress_data,
                 double          fraction,
                 const char     *message)
{
  if (progress != NULL)
    progress (fraction, message, progress_data);
}

/* Names @item's file and refuses it early when it cannot be imported;
 * with @decode, also reads and decodes it.  FALSE with @error set. */
static gboolean
read_item (ImportItem             *item,
           const char             *name,
           const CbImportOptions  *options,
           GPtrArray              *names,
           gboolean                decode,
           GError                **error)
{
  g_autofree char *basename = g_file_get_basename (item->file);

  item->display = g_filename_display_basename (basename);
  if (!check_import_file (item->file, item->display, error))
    return FALSE;
  if (decode && !(item->text = read_import (item->file, item->display, options, &item->source, error)))
    return FALSE;

  if (name == NULL)
    {
      const char *dot = strrchr (item->display, '.');
      g_autofree char *stem = dot != NULL && dot != item->display
        ? g_strndup (item->display, dot - item->display) : g_strdup (item->display);

      item->name = document_name_from (stem, error);
    }
  else
    item->name = document_name_from (name, error);
  if (item->name == NULL)
    {
      g_prefix_error (error, _("Cannot import “%s”: "), item->display);
      return FALSE;
    }

  for (guint j = 0; j < names->len; j++)
    if (g_str_equal (names->pdata[j], item->name))
      {
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                     _("Cannot import “%s”: another file of this import is also named “%s”"),
                     item->display, item->name);
        return FALSE;
      }
  g_ptr_array_add (names, item->name);
  item->deferred = !decode;
  return TRUE;
}

/* Records @item as not imported because of *@error (which it takes). */
static void
add_failure (CbImportReport  *report,
             ImportItem      *item,
             GError         **error)
{
  CbImportFailure *failure = g_new0 (CbImportFailure, 1);

  failure->file = g_object_ref (item->file);
  failure->error = g_steal_pointer (error);
  g_ptr_array_add (report->failures, failure);
  import_item_clear (item);
}

/* Replaces @error by G_IO_ERROR_CANCELLED when @cancellable was the cause. */
static void
prefer_cancelled (GCancellable  *cancellable,
                  GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable) && error != NULL)
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
}

CbImportReport *
cb_project_import (CbProject              *self,
                   GFile                 **files,
                   guint                   n_files,
                   const char             *name,
                   const CbImportOptions  *options,
                   CbImportFlags           flags,
                   CbProgressFunc          progress,
                   gpointer                progress_data,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(CbImportReport) report = g_new0 (CbImportReport, 1);
  g_autofree ImportItem *items = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();   /* borrowed from @items */
  g_autofree char *label = NULL;
  gboolean skip_bad = (flags & CB_IMPORT_SKIP_BAD) != 0;
  guint n_good = 0;
  gsize held = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (n_files > 0, NULL);
  g_return_val_if_fail (name == NULL || n_files == 1, NULL);

  report->imported = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_imported_text_free);
  report->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  report->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) import_failure_free);

  items = g_new0 (ImportItem, n_files);
  for (guint i = 0; i < n_files; i++)
    items[i].file = files[i];

  /* Files are read and decoded before the project is touched, so that a
   * bad file refuses the import before the write lock is taken and parsing
   * does not hold it; but only while what is held stays under
   * IMPORT_HOLD_BYTES: the rest (an archive of a thousand transcripts) is
   * checked and named now and decoded inside the transaction, one file at
   * a time, where a bad one still rolls everything back. */
  for (guint i = 0; ok && i < n_files; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *basename = g_file_get_basename (files[i]);
      g_autofree char *message = NULL;

      /* TRANSLATORS: progress of an import: "Reading “a.docx” (2 of 5)" */
      message = g_strdup_printf (_("Reading “%s” (%u of %u)"), basename, i + 1, n_files);
      report_progress (progress, progress_data, (double) i / (n_files + 1), message);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (read_item (&items[i], name, options, names, held < IMPORT_HOLD_BYTES, &local_error))
        {
          n_good++;
          if (items[i].text != NULL)
            held += items[i].text->length + g_bytes_get_size (items[i].source);
        }
      else if (skip_bad)
        add_failure (report, &items[i], &local_error);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  if (ok && n_good > 0)
    {
      guint n_added = 0;

      report_progress (progress, progress_data, (double) n_files / (n_files + 1),
                       _("Saving the imported documents"));

      label = n_good == 1
        ? g_strdup_printf (_("Import “%s”"), (char *) names->pdata[0])
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u document", "Import %u documents", n_good), n_good);
      if (!cb_store_begin (self->store, label, error))
        ok = FALSE;
      cb_store_set_cancellable (self->store, cancellable);

      for (guint i = 0; ok && i < n_files; i++)
        {
          ImportItem *item = &items[i];
          g_autoptr(GError) local_error = NULL;
          gint64 id;

          if (item->text == NULL && !item->deferred)
            continue;     /* left out above */
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (item->deferred)
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("Reading “%s” (%u of %u)"), item->display, i + 1, n_files);
              report_progress (progress, progress_data, (double) i / (n_files + 1), message);
              item->deferred = FALSE;
              item->text = read_import (item->file, item->display, options, &item->source, &local_error);
              if (item->text == NULL)
                {
                  if (skip_bad)
                    {
                      add_failure (report, item, &local_error);
                      continue;
                    }
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  ok = FALSE;
                  break;
                }
            }

          id = add_document_in_transaction (self, item->name, item->text->text, item->text->length,
                                            item->text->n_chars, item->display, item->source,
                                            &local_error);
          if (id > 0)
            {
              g_array_append_val (report->ids, id);
              /* the report says how each file was read; its text is now
               * the project's, and holding a thousand of them is the
               * import's peak of memory */
              g_clear_pointer (&item->text->text, g_free);
              g_ptr_array_add (report->imported, g_steal_pointer (&item->text));
              g_clear_pointer (&item->source, g_bytes_unref);
              n_added++;
              continue;
            }

          g_prefix_error (&local_error, _("Cannot import “%s”: "), item->display);
          /* A name already taken is checked before anything is written:
           * the transaction is still good for the other files. */
          if (skip_bad && g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS))
            add_failure (report, item, &local_error);
          else
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
        }

      if (ok && n_added == 0)
        cb_store_rollback (self->store);   /* every name was taken: no empty undo step */
      else if (!_cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error))
        ok = FALSE;
      cb_store_set_cancellable (self->store, NULL);
      if (!ok)
        prefer_cancelled (cancellable, error);
    }

  for (guint i = 0; i < n_files; i++)
    import_item_clear (&items[i]);
  if (!ok)
    return NULL;

  report_progress (progress, progress_data, 1.0, _("Saving the imported documents"));
  return g_steal_pointer (&report);
}

/* The async import: the worker thread owns the project until the callback. */
typedef struct
{
  GPtrArray       *files;
  char            *encoding;
  CbImportFlags    flags;
  CbProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->encoding, g_free);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

typedef struct
{
  CbProgressFunc  progress;
  gpointer        progress_data;
  double          fraction;
  char           *message;
} ProgressDelivery;

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressDelivery *delivery = user_data;

  delivery->progress (delivery->fraction, delivery->message, delivery->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_delivery_free (ProgressDelivery *delivery)
{
  g_free (delivery->message);
  g_free (delivery);
}

/* In the worker thread: hands the progress to the caller's main context. */
static void
forward_progress (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  ImportTask *data = user_data;
  ProgressDelivery *delivery = g_new0 (ProgressDelivery, 1);

  delivery->progress = data->progress;
  delivery->progress_data = data->progress_data;
  delivery->fraction = fraction;
  delivery->message = g_strdup (message);
  cb_main_context_post (data->context, deliver_progress, delivery,
                        (GDestroyNotify) progress_delivery_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  CbImportOptions options = { data->encoding };
  GError *error = NULL;
  CbImportReport *report;

  report = cb_project_import (CB_PROJECT (source_object), (GFile **) data->files->pdata, data->files->len,
                              NULL, &options, data->flags,
                              data->progress != NULL ? forward_progress : NULL, data,
                              cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cb_import_report_free);
}

void
cb_project_import_files_async (CbProject              *self,
                               GFile                 **files,
                               guint                   n_files,
                               const CbImportOptions  *options,
                               CbImportFlags           flags,
                               CbProgressFunc          progress,
                               gpointer                progress_data,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data;

  g_return_if_fail (CB_IS_PROJECT (self));
  g_return_if_fail (n_files > 0);

  data = g_new0 (ImportTask, 1);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));
  data->encoding = g_strdup (options != NULL ? options->encoding : NULL);
  data->flags = flags;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_project_import_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
}

CbImportReport *
cb_project_import_files_finish (CbProject     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cb_project_import_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
cb_project_import_files (CbProject              *self,
                         GFile                 **files,
                         guint                   n_files,
                         const char             *name,
                         const CbImportOptions  *options,
                         GPtrArray             **out_imported,
                         GError                **error)
{
  g_autoptr(CbImportReport) report = NULL;

  report = cb_project_import (self, files, n_files, name, options, CB_IMPORT_ALL_OR_NOTHING,
                              NULL, NULL, NULL, error);
  if (report == NULL)
    return FALSE;
  if (out_imported != NULL)
    *out_imported = g_steal_pointer (&report->imported);
  return TRUE;
}

gint64
cb_project_import_file (CbProject              *self,
                        GFile                  *file,
                        const char             *name,
                        const CbImportOptions  *options,
                        CbImportedText        **out_imported,
                        GError                **error)
{
  g_autoptr(CbImportReport) report = NULL;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  report = cb_project_import (self, &file, 1, name, options, CB_IMPORT_ALL_OR_NOTHING,
                              NULL, NULL, NULL, error);
  if (report == NULL)
    return 0;

  if (out_imported != NULL)
    *out_imported = g_ptr_array_steal_index (report->imported, 0);
  return g_array_index (report->ids, gint64, 0);
}

GPtrArray *
cb_project_list_documents (CbProject  *self,
                           GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_list_documents (self->store, 0, error);
}

CbDocumentInfo *
cb_project_get_document (CbProject   *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(id = _cb_project_lookup_document (self, name, error)))
    return NULL;
  if (!(documents = _cb_store_list_documents (self->store, id, error)))
    return NULL;
  if (documents->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document named “%s”"), name);
      return NULL;
    }

  return g_ptr_array_steal_index (documents, 0);
}

char *
cb_project_dup_document_text (CbProject  *self,
                              gint64      document_id,
                              gsize      *length,
                              GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_document_text (self->store, document_id, length, error);
}

GBytes *
cb_project_dup_document_source (CbProject  *self,
                                gint64      document_id,
                                GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_document_source (self->store, document_id, error);
}

char *
cb_document_format_from_source_name (const char *source_name)
{
  static const struct { const char *extension; const char *format; } formats[] = {
    { "txt", "TXT" }, { "text", "TXT" }, { "md", "Markdown" }, { "docx", "DOCX" },
    { "odt", "ODT" }, { "rtf", "RTF" }, { "pdf", "PDF" }, { "html", "HTML" },
    { "htm", "HTML" },
  };
  g_autofree char *lower = NULL;
  const char *dot;

  if (source_name == NULL || (dot = strrchr (source_name, '.')) == NULL ||
      dot == source_name || dot[1] == '\0')
    return NULL;

  lower = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (lower, formats[i].extension))
      return g_strdup (formats[i].format);
  return g_ascii_strup (dot + 1, -1);
}

gboolean
cb_project_get_document_encoding (CbProject  *self,
                                  gint64      document_id,
                                  char      **encoding,
                                  gboolean   *guessed,
                                  GError    **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(CbImportedText) imported = NULL;
  g_autofree char *text = NULL;
  g_autofree char *format = NULL;
  const CbDocumentInfo *info;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  *encoding = NULL;
  if (guessed != NULL)
    *guessed = FALSE;

  if (!_cb_project_begin_read (self, error))
    return FALSE;
  ok = (documents = _cb_store_list_documents (self->store, document_id, error)) != NULL;
  if (ok && documents->len == 0)
    {
      g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The document is no longer in the project"));
      ok = FALSE;
    }
  info = ok ? g_ptr_array_index (documents, 0) : NULL;
  format = info != NULL ? cb_document_format_from_source_name (info->source_name) : NULL;
  /* Only plain text has an encoding of its own to tell. */
  if (ok && (g_strcmp0 (format, "TXT") == 0 || g_strcmp0 (format, "Markdown") == 0))
    {
      GError *local_error = NULL;

      source = _cb_store_dup_document_source (self->store, document_id, &local_error);
      if (source == NULL && local_error != NULL)
        {
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
      if (ok && source != NULL)
        ok = (text = _cb_store_dup_document_text (self->store, document_id, &length, error)) != NULL;
    }
  _cb_project_end_read (self);
  if (!ok || source == NULL)
    return ok;

  /* The same import as then, without options: when it gives the stored
   * text, its encoding is the one used. */
  imported = cb_import_bytes (info->source_name, g_bytes_get_data (source, NULL),
                              g_bytes_get_size (source), NULL, NULL);
  if (imported == NULL || imported->encoding == NULL ||
      imported->length != length || memcmp (imported->text, text, length) != 0)
    return TRUE;

  *encoding = g_steal_pointer (&imported->encoding);
  if (guessed != NULL)
    *guessed = imported->encoding_guessed;
  return TRUE;
}

gboolean
cb_project_rename_document (CbProject   *self,
                            const char  *name,
                            const char  *new_name,
                            GError     **error)
{
  g_autofree char *valid_name = NULL;
  g_autofree char *label = NULL;
  gint64 id;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid_name = document_name_from (new_name, error)))
    return FALSE;

  label = g_strdup_printf (_("Rename document “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       (existing = _cb_store_find_document (self->store, valid_name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A document named “%s” already exists"), valid_name);
      ok = FALSE;
    }
  ok = ok && _cb_store_update_document_text_field (self->store, id, "name", valid_name, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_delete_document (CbProject   *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete document “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       _cb_store_delete_document (self->store, id, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_set_document_memo (CbProject   *self,
                              const char  *name,
                              const char  *memo,
                              GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  text = cb_text_normalize (memo != NULL ? memo : "", -1);
  label = g_strdup_printf (_("Edit the memo of “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       _cb_store_update_document_text_field (self->store, id, "memo", text, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

