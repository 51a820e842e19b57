/* cb-window-files.c: new, open and close a project; import; export
 *
 * The win.* actions that choose a file (GtkFileChooserNative) and hand it
 * on: to cb_window_open_project(), to the import (cb-window-import.c) or
 * to an export job (cb-window-jobs.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-export-quotes-dialog.h"
#include "cb-export-xml.h"
#include "cb-quote-formats.h"
#include "cb-refi-export.h"
#include "cb-window-private.h"

/* Files: new, open, import, export --------------------------------------- */

typedef void (*FileChosenFunc) (CbWindow *self,
                                GFile    *file,
                                GSList   *files);

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     CbWindow        *self)
{
  FileChosenFunc func = g_object_get_data (G_OBJECT (chooser), "cb-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;
      guint i;

      for (i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      func (self, file, list);
      g_slist_free_full (list, g_object_unref);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (CbWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *current_name,
             gboolean              multiple,
             GtkFileFilter        *filter,
             FileChosenFunc        func)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), multiple);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  if (filter != NULL)
    {
      GtkFileFilter *all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      g_object_unref (all);
      g_object_unref (filter);
    }
  g_object_set_data (G_OBJECT (chooser), "cb-func", func);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Codeboom Projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-codeboom");
  gtk_file_filter_add_suffix (filter, "codeboom");
  return filter;
}

static CbWindow *
window_for_project (CbWindow *self)
{
  /* One project a window: a second one gets a window of its own. */
  if (self->project == NULL)
    return self;
  return cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
project_file_chosen (CbWindow *self,
                     GFile    *file,
                     GSList   *files,
                     gboolean  create)
{
  CbWindow *target = window_for_project (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = create ? cb_window_create_project (target, file, &error)
              : cb_window_open_project (target, file, &error);
  if (!ok)
    {
      AdwMessageDialog *dialog;

      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      if (!create)
        {
          cb_window_show_open_error (self, file, error);
          return;
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Create the Project"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      _cb_window_set_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_present (GTK_WINDOW (target));
}

static void
new_project_chosen (CbWindow *self,
                    GFile    *file,
                    GSList   *files)
{
  project_file_chosen (self, file, files, TRUE);
}

static void
open_project_chosen (CbWindow *self,
                     GFile    *file,
                     GSList   *files)
{
  project_file_chosen (self, file, files, FALSE);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* Translators: the file name offered for a new project */
  g_autofree char *name = g_strconcat (_("Untitled"), CB_PROJECT_FILE_EXTENSION, NULL);

  choose_file (CB_WINDOW (widget), _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Create"), name, FALSE, project_filter (), new_project_chosen);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (CB_WINDOW (widget), _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), NULL, FALSE, project_filter (), open_project_chosen);
}

static void
close_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cb_window_close_project (CB_WINDOW (widget));
}

static void
import_chosen (CbWindow *self,
               GFile    *file,
               GSList   *files)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *l;

  for (l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, g_object_ref (l->data));
  _cb_window_import_files (self, array);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  static const char * const suffixes[] = { "txt", "docx", "odt", "rtf", "html", "htm", "pdf", "md" };
  guint i;

  gtk_file_filter_set_name (filter, _("Transcripts"));
  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  choose_file (CB_WINDOW (widget), _("Import Transcripts"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), NULL, TRUE, filter, import_chosen);
}

static void
import_codebook_chosen (CbWindow *self,
                        GFile    *file,
                        GSList   *files)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0;

  if (!cb_project_import_codebook_tsv (self->project, file, &n_added, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u code", "Added %u codes", n_added),
                             n_added);
  _cb_window_show_toast (self, message);
}

static void
import_codebook_activate (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Codebooks (path, Tab, definition)"));
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  choose_file (CB_WINDOW (widget), _("Import Codebook"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), NULL, FALSE, filter, import_codebook_chosen);
}

/* Export ----------------------------------------------------------------- */

typedef enum
{
  EXPORT_CODEBOOK,
  EXPORT_QUOTES,
  EXPORT_PROJECT,
} ExportKind;

/* The quote export takes exactly what the command line's export --quotes
 * takes, so the app writes what the CLI writes. */
typedef struct
{
  ExportKind           kind;
  GFile               *file;
  CbRefiExportFlags    refi_flags;   /* EXPORT_PROJECT */
  char                *code_path;    /* EXPORT_QUOTES: NULL for every code */
  CbExportQuotesFlags  flags;        /* EXPORT_QUOTES: only the code, empty codes */
  CbQuoteFormat        format;       /* EXPORT_QUOTES */
  char                *template;     /* EXPORT_QUOTES: NULL for the default */
  guint                block_words;  /* EXPORT_QUOTES */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_free (job->code_path);
  g_free (job->template);
  g_free (job);
}

/* Worker thread, on the job's own project: build the bytes, then write
 * them whole (a temporary file renamed into place) unless cancelled. */
static gboolean
export_thread (CbProject     *project,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GBytes) bytes = NULL;

  switch (job->kind)
    {
    case EXPORT_CODEBOOK:
      bytes = cb_export_codebook (project, error);
      break;
    case EXPORT_PROJECT:
      /* Streamed a member at a time: memory does not grow with the project. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      return cb_refi_export_project_to_file_full (project, job->refi_flags, job->file,
                                                  _cb_window_job_progress, cancellable,
                                                  cancellable, error);
    case EXPORT_QUOTES:
      {
        g_autoptr(GBytes) xml = NULL;

        /* XML is streamed into the file; the other formats are rendered
         * from the XML, so they need it whole. */
        if (job->format == CB_QUOTE_FORMAT_XML)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              return FALSE;
            return cb_export_quotes_to_file_full (project, job->code_path, job->flags,
                                                  job->file, _cb_window_job_progress, cancellable,
                                                  cancellable, error);
          }
        /* a wrong template fails before the project is read */
        if (!cb_quote_template_check (job->template, error))
          return FALSE;
        xml = cb_export_quotes_full (project, job->code_path, job->flags, error);
        if (xml == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        bytes = cb_quote_list_render (xml, job->format, job->template, job->block_words, error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cb_export_write_file (bytes, job->file, error);
}

static void
exported (CbWindow     *self,
          gpointer      data,
          const GError *error)
{
  ExportJob *job = data;
  g_autofree char *message = NULL;
  g_autofree char *base = g_file_get_basename (job->file);

  if (error != NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      _cb_window_set_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  message = g_strdup_printf (_("Exported “%s”"), base);
  _cb_window_show_toast (self, message);
}

/* Takes @job (kind, file and, for quotes, the choices). */
static gboolean
start_export (CbWindow  *self,
              ExportJob *job)
{
  g_autofree char *base = g_file_get_basename (job->file);
  g_autofree char *message = NULL;

  /* Translators: in the progress bar while a file is written */
  message = g_strdup_printf (_("Exporting “%s”…"), base);
  return _cb_window_run_job (self, message, 0, export_thread, exported,
                             job, (GDestroyNotify) export_job_free);
}

static ExportJob *
export_job_new (ExportKind  kind,
                GFile      *file)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->kind = kind;
  job->file = g_object_ref (file);
  job->format = CB_QUOTE_FORMAT_XML;
  job->block_words = CB_QUOTE_DEFAULT_BLOCK_WORDS;
  return job;
}

gboolean
_cb_window_export_codebook (CbWindow *self,
                            GFile    *file)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  return start_export (self, export_job_new (EXPORT_CODEBOOK, file));
}

/* Without the dialog: the selected code as the quotes pane shows it, the
 * format named by @file's extension (XML when it names none) and the
 * default citation. */
gboolean
_cb_window_export_quotes (CbWindow *self,
                          GFile    *file)
{
  g_autofree char *base = NULL;
  ExportJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  job = export_job_new (EXPORT_QUOTES, file);
  base = g_file_get_basename (file);
  if (!cb_quote_format_from_filename (base, &job->format))
    job->format = CB_QUOTE_FORMAT_XML;
  job->code_path = cb_code_tree_dup_selected_path (self->code_tree);
  if (job->code_path != NULL && !g_settings_get_boolean (self->settings, "include-descendants"))
    job->flags |= CB_EXPORT_QUOTES_ONLY;
  return start_export (self, job);
}

gboolean
_cb_window_export_project (CbWindow          *self,
                           GFile             *file,
                           CbRefiExportFlags  flags)
{
  ExportJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  job = export_job_new (EXPORT_PROJECT, file);
  job->refi_flags = flags;
  return start_export (self, job);
}

static void
export_codebook_chosen (CbWindow *self,
                        GFile    *file,
                        GSList   *files)
{
  _cb_window_export_codebook (self, file);
}


static char *
file_name_for (const char *name,
               const char *extension)
{
  g_autofree char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strconcat (safe, extension, NULL);
}

static void
export_codebook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *project = cb_project_dup_name (self->project);
  g_autofree char *name = file_name_for (project, ".qdc");
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("REFI-QDA Codebooks"));
  gtk_file_filter_add_suffix (filter, "qdc");
  choose_file (self, _("Export Codebook"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), name, FALSE, filter, export_codebook_chosen);
}

/* The dialog's Export…, its file chosen: the job with the dialog's choices. */
static void
on_export_quotes (CbExportQuotesDialog *dialog,
                  GFile                *file,
                  CbWindow             *self)
{
  ExportJob *job;

  if (self->project == NULL)
    return;
  job = export_job_new (EXPORT_QUOTES, file);
  job->format = cb_export_quotes_dialog_get_format (dialog);
  job->code_path = cb_export_quotes_dialog_dup_code_path (dialog);
  job->flags = cb_export_quotes_dialog_get_flags (dialog);
  job->template = g_strdup (cb_export_quotes_dialog_get_template (dialog));
  job->block_words = cb_export_quotes_dialog_get_block_words (dialog);
  start_export (self, job);
}

static void
export_quotes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *path = NULL;
  CbExportQuotesDialog *dialog;

  if (self->project == NULL || self->job_exclusive)
    return;
  path = cb_code_tree_dup_selected_path (self->code_tree);
  dialog = cb_export_quotes_dialog_new (GTK_WINDOW (self), self->project, path,
                                        g_settings_get_boolean (self->settings, "include-descendants"));
  g_signal_connect_object (dialog, "export", G_CALLBACK (on_export_quotes), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The options of `export --qdpx`, as the chooser's check boxes (choices
 * that the portal's dialog shows too), remembered for the next export. */
static const struct
{
  const char        *id;
  CbRefiExportFlags  flag;
  const char        *label;
} qdpx_options[] = {
  { "nvivo-offsets", CB_REFI_EXPORT_NVIVO_OFFSETS, N_("Positions as NVivo counts them (UTF-16)") },
  { "unique-names", CB_REFI_EXPORT_UNIQUE_NAMES, N_("Repeated code names made unique (for QualCoder)") },
  { "anonymous", CB_REFI_EXPORT_ANONYMOUS, N_("Without user names") },
};

static void
on_export_project_response (GtkNativeDialog *chooser,
                            int              response,
                            CbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  g_auto(GStrv) options = NULL;
  CbRefiExportFlags flags = CB_REFI_EXPORT_NONE;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (qdpx_options); i++)
        if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), qdpx_options[i].id), "true") == 0)
          {
            flags |= qdpx_options[i].flag;
            g_strv_builder_add (chosen, qdpx_options[i].id);
          }
      options = g_strv_builder_end (chosen);
      g_settings_set_strv (self->settings, "qdpx-export-options", (const char * const *) options);
      _cb_window_export_project (self, file, flags);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *project = cb_project_dup_name (self->project);
  g_autofree char *name = file_name_for (project, ".qdpx");
  g_auto(GStrv) remembered = g_settings_get_strv (self->settings, "qdpx-export-options");
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("REFI-QDA Projects"));
  gtk_file_filter_add_suffix (filter, "qdpx");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  chooser = gtk_file_chooser_native_new (_("Export Project"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_object_unref (filter);
  g_object_unref (all);
  for (guint i = 0; i < G_N_ELEMENTS (qdpx_options); i++)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), qdpx_options[i].id, _(qdpx_options[i].label), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), qdpx_options[i].id,
                                   g_strv_contains ((const char * const *) remembered, qdpx_options[i].id)
                                     ? "true" : "false");
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_project_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Drag and drop of files onto the window --------------------------------- */

static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  CbWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) transcripts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GSList *l;

  for (l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *base = g_file_get_basename (file);

      if (base != NULL && g_str_has_suffix (base, CB_PROJECT_FILE_EXTENSION))
        {
          if (self->project == NULL && !cb_window_open_project (self, file, &error))
            cb_window_show_open_error (self, file, error);
          else if (self->project != NULL)
            {
              CbWindow *window = cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

              if (cb_window_open_project (window, file, &error))
                gtk_window_present (GTK_WINDOW (window));
              else
                {
                  cb_window_show_open_error (self, file, error);
                  gtk_window_destroy (GTK_WINDOW (window));
                }
            }
          return TRUE;
        }
      g_ptr_array_add (transcripts, g_object_ref (file));
    }

  if (self->project == NULL)
    {
      _cb_window_show_toast (self, _("Create or open a project before importing transcripts"));
      return FALSE;
    }
  if (transcripts->len > 0)
    _cb_window_import_files (self, transcripts);
  return TRUE;
}

void
_cb_window_setup_drop_target (CbWindow *self)
{
  GtkDropTarget *drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop_target, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* Registration ----------------------------------------------------------- */

void
_cb_window_class_files_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-codebook", NULL, import_codebook_activate);
  gtk_widget_class_install_action (widget_class, "win.export-codebook", NULL, export_codebook_action);
  gtk_widget_class_install_action (widget_class, "win.export-quotes", NULL, export_quotes_action);
  gtk_widget_class_install_action (widget_class, "win.export-project", NULL, export_project_action);
}
