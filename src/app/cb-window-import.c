/* cb-window-import.c: the app's import of transcripts and of REFI-QDA projects
 *
 * The app imports through the core's one import
 * (cb_project_import_files_async with CB_IMPORT_SKIP_BAD): the same 64 MiB
 * guard, decoding and normalisation as the command line, a name already
 * taken refused (never renamed), and the good files added in one
 * transaction, so one undo step.  The bad files are listed afterwards.
 *
 * While the import runs its worker thread owns the project (the thread rule
 * in cb-project.h): the window marks its connection idle and holds back
 * ::changed, as for a job (cb-window-jobs.c), and re-reads the documents in
 * the callback.  The progress bar shows the core's own fraction and
 * message; Cancel cancels the whole import (nothing is added).
 *
 * A REFI-QDA project (.qdpx, from NVivo, ATLAS.ti, MAXQDA, QualCoder…)
 * becomes a new project through the core's one reader,
 * cb_refi_import_new_project_from_file(), as `codeboom-cli new --from`:
 * the whole file is read and checked first, the project is built beside
 * its place and appears under its name only when complete, and what
 * Codeboom cannot hold is listed in the same warnings the command line
 * prints.  It runs in a thread of a window without a project (a new one
 * when this one has a project), whose start page shows the progress; the
 * thread has no project of the window's to own.  The bar shows the
 * reader's own fraction (per source) and Cancel stops the reader at its
 * next source; it then leaves no file behind, as on any failure.  A
 * cancel that comes after the reader finished removes the new file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-refi-import.h"
#include "cb-window-private.h"

typedef struct
{
  CbWindow  *window;   /* a reference: progress and the callback use it */
  CbProject *project;  /* a reference, dropped on the main thread */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->project);
  g_clear_object (&job->window);
  g_free (job);
}

/* Main thread (the core calls it in our main context). */
static void
import_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  ImportJob *job = user_data;
  CbWindow *self = job->window;

  if (self->progress_bar == NULL)
    return;   /* the window was closed meanwhile */
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
show_failures (CbWindow       *self,
               CbImportReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint i;

  for (i = 0; i < report->failures->len; i++)
    {
      CbImportFailure *failure = g_ptr_array_index (report->failures, i);

      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, failure->error->message);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "A File Was Not Imported",
                                                                    "Some Files Were Not Imported",
                                                                    report->failures->len),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One toast per text whose encoding was guessed, as the command line's
 * note: the user should check those. */
static void
show_guessed_encodings (CbWindow       *self,
                        CbImportReport *report)
{
  g_autoptr(GPtrArray) documents = NULL;
  guint i;

  for (i = 0; i < report->imported->len && i < report->ids->len; i++)
    {
      CbImportedText *imported = g_ptr_array_index (report->imported, i);
      gint64 id = g_array_index (report->ids, gint64, i);
      const CbDocumentInfo *info = NULL;
      g_autofree char *message = NULL;

      if (!imported->encoding_guessed || imported->encoding == NULL)
        continue;
      if (documents == NULL &&
          (documents = cb_project_list_documents (self->project, NULL)) == NULL)
        return;
      for (guint d = 0; d < documents->len && info == NULL; d++)
        if (((const CbDocumentInfo *) documents->pdata[d])->id == id)
          info = documents->pdata[d];
      if (info == NULL)
        continue;
      /* TRANSLATORS: %s is a file name, then an encoding such as windows-1252 */
      message = g_strdup_printf (_("“%s”: the encoding was guessed as %s"),
                                 info->source_name != NULL ? info->source_name : info->name,
                                 imported->encoding);
      _cb_window_show_toast (self, message);
    }
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* The window's and the project's references go here, on the main thread. */
  ImportJob *job = user_data;
  g_autoptr(CbWindow) self = g_object_ref (job->window);
  g_autoptr(CbProject) project = g_object_ref (job->project);
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_imported;

  report = cb_project_import_files_finish (project, result, &error);
  import_job_free (job);

  g_clear_object (&self->job_cancellable);
  _cb_window_set_job_exclusive (self, FALSE);
  if (self->changed_handler != 0 && self->project == project)
    g_signal_handler_unblock (self->project, self->changed_handler);
  if (self->progress_revealer == NULL)
    return;   /* the window was closed meanwhile */
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  if (self->project == project)
    _cb_window_project_changed_elsewhere (self, CB_CHANGE_DOCUMENTS);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cb_window_show_toast (self, _("Cancelled"));
      else
        cb_window_show_error (self, error);
      _cb_window_update_actions (self);
      return;
    }

  n_imported = report->ids->len;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u transcript",
                                          "Imported %u transcripts", n_imported),
                             n_imported);
  _cb_window_show_toast (self, message);
  if (self->project == project)
    show_guessed_encodings (self, report);

  if (report->failures->len > 0)
    show_failures (self, report);

  if (n_imported > 0 && self->project == project &&
      cb_transcript_view_get_document_id (self->transcript_view) == 0)
    {
      g_autoptr(GError) show_error = NULL;

      _cb_window_refresh_now (self);
      if (!cb_window_show_document (self, g_array_index (report->ids, gint64, 0), &show_error))
        cb_window_show_error (self, show_error);
    }

  _cb_window_update_actions (self);
}

gboolean
_cb_window_import_busy (CbWindow *self)
{
  return self->job_cancellable != NULL;
}

void
_cb_window_import_files (CbWindow  *self,
                         GPtrArray *files)
{
  ImportJob *job;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (self->project == NULL || files->len == 0)
    return;
  if (self->job_cancellable != NULL)
    {
      _cb_window_show_toast (self, _("Wait for the running import to finish"));
      return;
    }

  /* Changes not shown yet are shown first, and a memo being typed is saved
   * before the worker takes the project. */
  _cb_window_refresh_now (self);
  _cb_window_flush_memo (self);

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->project = g_object_ref (self->project);

  self->job_cancellable = g_cancellable_new ();
  _cb_window_set_job_exclusive (self, TRUE);
  /* ::changed would be emitted in the worker: held back until the end. */
  g_signal_handler_block (self->project, self->changed_handler);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  cb_project_import_files_async (self->project, (GFile **) files->pdata, files->len,
                                 NULL, CB_IMPORT_SKIP_BAD, import_progress, job,
                                 self->job_cancellable, import_done, job);
  _cb_window_update_actions (self);
}

/* REFI-QDA projects ------------------------------------------------------ */

typedef struct
{
  GFile              *source;    /* the .qdpx */
  char               *path;      /* the project to create */
  CbRefiImportReport *report;    /* filled by the thread */
} RefiImport;

static void
refi_import_free (RefiImport *import)
{
  g_clear_object (&import->source);
  g_free (import->path);
  g_clear_pointer (&import->report, cb_refi_import_report_free);
  g_free (import);
}

/* The new project's file and its companions: the file is ours, created by
 * this import a moment ago, and was not there before. */
static void
remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* On the import's cancellable: a GWeakRef to its window, for progress. */
#define REFI_WINDOW_KEY "cb-window-refi-window"

typedef struct
{
  GCancellable *cancellable;   /* the import's; holds the window's weak ref */
  double        fraction;
  char         *message;
} RefiProgress;

static void
refi_progress_free (gpointer data)
{
  RefiProgress *update = data;

  g_clear_object (&update->cancellable);
  g_free (update->message);
  g_free (update);
}

/* Main thread: shows one report, unless its import is over. */
static gboolean
show_refi_progress (gpointer data)
{
  RefiProgress *update = data;
  GWeakRef *window = g_object_get_data (G_OBJECT (update->cancellable), REFI_WINDOW_KEY);
  g_autoptr(CbWindow) self = window != NULL ? g_weak_ref_get (window) : NULL;

  if (self == NULL || self->job_cancellable != update->cancellable || self->start_page == NULL)
    return G_SOURCE_REMOVE;
  cb_start_page_set_progress (self->start_page, update->fraction, update->message);
  return G_SOURCE_REMOVE;
}

/* Worker thread (a CbProgressFunc with the import's cancellable as data):
 * hands the report to the main thread, which alone touches the window; no
 * reference to the window is taken here, where its last one must never
 * be dropped. */
static void
refi_progress (double      fraction,
               const char *message,
               gpointer    cancellable)
{
  RefiProgress *update = g_new0 (RefiProgress, 1);

  update->cancellable = g_object_ref (cancellable);
  update->fraction = fraction;
  update->message = g_strdup (message);
  cb_main_context_post (NULL, show_refi_progress, update, refi_progress_free);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Worker thread: touches neither the window nor its project. */
static void
refi_import_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  RefiImport *import = task_data;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  project = cb_refi_import_new_project_from_file_full (import->path, import->source,
                                                       refi_progress, cancellable, cancellable,
                                                       &import->report, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Closed here: the window opens the file as any project it opens. */
  g_clear_object (&project);
  if (g_cancellable_is_cancelled (cancellable))
    {
      remove_project_files (import->path);
      g_task_return_error_if_cancelled (task);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_message (CbWindow   *self,
              const char *heading,
              const char *body,
              GtkWidget  *extra)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (extra != NULL)
    adw_message_dialog_set_extra_child (dialog, extra);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What was imported, and the warnings about what was not, one a line in
 * a scrolled, selectable label (a long list must not outgrow the screen). */
static void
show_refi_report (CbWindow           *self,
                  const char         *source_name,
                  CbRefiImportReport *report)
{
  g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document",
                                                             "%u documents", report->n_documents),
                                                report->n_documents);
  g_autofree char *codes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes",
                                                         report->n_codes),
                                            report->n_codes);
  g_autofree char *codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings",
                                                           report->n_codings),
                                              report->n_codings);
  g_autofree char *summary = NULL;
  g_autoptr(GString) list = NULL;
  GtkWidget *scrolled, *label;

  /* Translators: "“study.qdpx”: 6 documents, 20 codes and 150 codings" */
  summary = g_strdup_printf (_("“%s”: %s, %s and %s"), source_name, documents, codes, codings);
  if (report->warnings->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Imported %s"), summary);

      _cb_window_show_toast (self, message);
      return;
    }

  list = g_string_new (NULL);
  for (guint i = 0; i < report->warnings->len; i++)
    g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "",
                            (const char *) report->warnings->pdata[i]);
  label = gtk_label_new (list->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, "refi-warnings");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  {
    /* Translators: the summary of an import, then a colon and a list */
    g_autofree char *body = g_strdup_printf (_("Imported %s. Not everything could be brought over:"),
                                             summary);

    show_message (self, _("Imported with Warnings"), body, scrolled);
  }
}

static void
refi_import_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  /* The window's reference comes with the callback and goes here. */
  g_autoptr(CbWindow) self = user_data;
  RefiImport *import = g_task_get_task_data (G_TASK (result));
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->job_cancellable);
  g_autofree char *source_name = g_file_get_basename (import->source);
  g_autoptr(GFile) file = g_file_new_for_path (import->path);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->start_page != NULL)
        {
          cb_start_page_set_busy (self->start_page, NULL);
          show_message (self, _("Cannot Import the Project"), error->message, NULL);
          _cb_window_update_actions (self);
        }
      return;
    }
  /* Cancelled, or the window closed, after the thread had finished: no
   * project either. */
  if (error != NULL || g_cancellable_is_cancelled (cancellable) || self->start_page == NULL)
    {
      if (error == NULL)
        remove_project_files (import->path);
      if (self->start_page != NULL)
        {
          cb_start_page_set_busy (self->start_page, NULL);
          _cb_window_show_toast (self, _("Cancelled"));
          _cb_window_update_actions (self);
        }
      return;
    }

  cb_start_page_set_busy (self->start_page, NULL);
  _cb_window_update_actions (self);
  /* A project opened here meanwhile (a file dropped on the window) stays;
   * the new one gets a window of its own. */
  if (self->project != NULL)
    {
      CbWindow *window = cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

      gtk_window_present (GTK_WINDOW (window));
      g_set_object (&self, window);
    }
  if (!cb_window_open_project (self, file, &error))
    {
      show_message (self, _("Cannot Open the Project"), error->message, NULL);
      return;
    }
  /* The first document is open, as after importing transcripts. */
  {
    g_autoptr(GPtrArray) documents = cb_project_list_documents (self->project, NULL);

    if (documents != NULL && documents->len > 0 &&
        !cb_window_show_document (self, ((CbDocumentInfo *) documents->pdata[0])->id, &error))
      cb_window_show_error (self, error);
  }
  show_refi_report (self, source_name, import->report);
}

CbWindow *
_cb_window_import_refi_project (CbWindow *self,
                                GFile    *source,
                                GFile    *target)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *message = NULL;
  RefiImport *import;
  CbWindow *window = self;

  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (G_IS_FILE (target), NULL);

  path = g_file_get_path (target);
  if (path == NULL)
    {
      show_message (self, _("Cannot Import the Project"),
                    _("Projects can only be created on this computer’s disks"), NULL);
      return NULL;
    }
  if (!g_str_has_suffix (path, CB_PROJECT_FILE_EXTENSION))
    {
      char *with_extension = g_strconcat (path, CB_PROJECT_FILE_EXTENSION, NULL);

      g_free (path);
      path = with_extension;
    }

  /* One project a window: the new one gets a window of its own. */
  if (self->project != NULL || self->job_cancellable != NULL)
    {
      window = cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (window));
    }

  import = g_new0 (RefiImport, 1);
  import->source = g_object_ref (source);
  import->path = g_steal_pointer (&path);

  source_name = g_file_get_basename (source);
  /* Translators: in the progress bar while a .qdpx is read */
  message = g_strdup_printf (_("Importing “%s”…"), source_name);
  window->job_cancellable = g_cancellable_new ();
  {
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    g_weak_ref_init (weak, window);
    g_object_set_data_full (G_OBJECT (window->job_cancellable), REFI_WINDOW_KEY, weak,
                            weak_ref_free);
  }
  cb_start_page_set_busy (window->start_page, message);
  _cb_window_update_actions (window);

  task = g_task_new (NULL, window->job_cancellable, refi_import_done, g_object_ref (window));
  g_task_set_source_tag (task, _cb_window_import_refi_project);
  g_task_set_task_data (task, import, (GDestroyNotify) refi_import_free);
  g_task_run_in_thread (task, refi_import_thread);
  return window;
}

/* The choosers: the .qdpx, then where the new project goes ------------- */

static void
on_target_chosen (GtkNativeDialog *chooser,
                  int              response,
                  CbWindow        *self)
{
  GFile *source = g_object_get_data (G_OBJECT (chooser), "cb-source");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (target != NULL)
        _cb_window_import_refi_project (self, source, target);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static GtkFileFilter *
filter_for (const char *name,
            const char *suffix,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

static void
on_source_chosen (GtkNativeDialog *chooser,
                  int              response,
                  CbWindow        *self)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *target;
  char *dot;

  if (response != GTK_RESPONSE_ACCEPT ||
      (source = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      g_object_unref (chooser);
      g_object_unref (self);
      return;
    }
  g_object_unref (chooser);

  /* The new project is proposed beside the .qdpx, under its name. */
  base = g_file_get_basename (source);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, CB_PROJECT_FILE_EXTENSION, NULL);
  folder = g_file_get_parent (source);

  target = gtk_file_chooser_native_new (_("Save the New Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (target), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (target), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (target), name);
  filter = filter_for (_("Codeboom Projects"), "codeboom", "application/x-codeboom");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (target), filter);
  g_object_set_data_full (G_OBJECT (target), "cb-source", g_steal_pointer (&source), g_object_unref);
  /* the window's reference passes on to the second chooser */
  g_signal_connect (target, "response", G_CALLBACK (on_target_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (target));
}

void
_cb_window_choose_refi_project (CbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  g_return_if_fail (CB_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (_("Import REFI-QDA Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Next"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = filter_for (_("REFI-QDA Projects"), "qdpx", NULL);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_source_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
