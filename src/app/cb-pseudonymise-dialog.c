/* cb-pseudonymise-dialog.c: the Pseudonymise… dialog, and the job it starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-backup.h"
#include "cb-pseudonymise-dialog.h"
#include "cb-window-private.h"

/* Replacements shown in the preview. */
#define PREVIEW_MAX 8
/* Typing a placeholder updates the preview after this pause. */
#define PREVIEW_DELAY_MS 300

struct _CbPseudonymiseDialog
{
  AdwWindow     parent_instance;

  GtkListBox   *name_list;
  GtkCheckButton *fold_check;
  GtkCheckButton *codes_check;
  GtkLabel     *preview_label;
  GtkLabel     *log_label;
  GtkWidget    *apply_button;

  CbProject    *project;
  GPtrArray    *rows;         /* AdwEntryRow, one per candidate */
  GPtrArray    *names;        /* char *, the candidate of each row */
  char         *log_path;
  guint         preview_source;
};

G_DEFINE_FINAL_TYPE (CbPseudonymiseDialog, cb_pseudonymise_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

GPtrArray *
cb_pseudonymise_dialog_dup_key (CbPseudonymiseDialog *self)
{
  GPtrArray *key = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_pseudonym_free);

  g_return_val_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self), key);

  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *placeholder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows->pdata[i]))));
      CbPseudonym *pseudonym;

      if (placeholder[0] == '\0')
        continue;
      pseudonym = g_new0 (CbPseudonym, 1);
      pseudonym->name = g_strdup (self->names->pdata[i]);
      pseudonym->placeholder = g_steal_pointer (&placeholder);
      g_ptr_array_add (key, pseudonym);
    }
  return key;
}

CbPseudonymiseFlags
cb_pseudonymise_dialog_get_flags (CbPseudonymiseDialog *self)
{
  CbPseudonymiseFlags flags = 0;

  g_return_val_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self), 0);
  if (gtk_check_button_get_active (self->fold_check))
    flags |= CB_PSEUDONYMISE_FOLD;
  if (gtk_check_button_get_active (self->codes_check))
    flags |= CB_PSEUDONYMISE_CODES;
  return flags;
}

const char *
cb_pseudonymise_dialog_get_log_path (CbPseudonymiseDialog *self)
{
  g_return_val_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self), NULL);
  return self->log_path;
}

void
cb_pseudonymise_dialog_set_log_path (CbPseudonymiseDialog *self,
                                     const char           *path)
{
  g_return_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self));

  g_free (self->log_path);
  self->log_path = g_strdup (path);
  if (path != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The log goes to %s. It holds every replaced name, so it is as "
                                                 "confidential as the original transcripts."), path);

      gtk_label_set_text (self->log_label, text);
    }
  else
    gtk_label_set_text (self->log_label, _("No log: the names cannot be put back."));
}

const char *
cb_pseudonymise_dialog_get_preview (CbPseudonymiseDialog *self)
{
  g_return_val_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self), NULL);
  return gtk_label_get_text (self->preview_label);
}

static void
update_preview (CbPseudonymiseDialog *self)
{
  g_autoptr(GPtrArray) key = cb_pseudonymise_dialog_dup_key (self);
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  gtk_widget_set_sensitive (self->apply_button, key->len > 0);
  if (key->len == 0)
    {
      gtk_label_set_text (self->preview_label, _("Fill in a placeholder for a name to see its replacements."));
      return;
    }
  preview = cb_project_pseudonymise_preview (self->project, key, cb_pseudonymise_dialog_get_flags (self),
                                             PREVIEW_MAX, &error);
  if (preview == NULL)
    {
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  for (guint i = 0; i < preview->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) preview->pdata[i]);
  gtk_label_set_text (self->preview_label, preview->len > 0 ? text->str : _("None of these names occurs in the texts."));
}

static gboolean
preview_due (gpointer data)
{
  CbPseudonymiseDialog *self = data;

  self->preview_source = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
on_options_changed (CbPseudonymiseDialog *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_due, self);
}

gboolean
cb_pseudonymise_dialog_set_placeholder (CbPseudonymiseDialog *self,
                                        const char           *name,
                                        const char           *placeholder)
{
  g_return_val_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->names->len; i++)
    if (g_str_equal (self->names->pdata[i], name))
      {
        gtk_editable_set_text (GTK_EDITABLE (self->rows->pdata[i]), placeholder);
        update_preview (self);
        return TRUE;
      }
  return FALSE;
}

void
cb_pseudonymise_dialog_apply (CbPseudonymiseDialog *self)
{
  g_return_if_fail (CB_IS_PSEUDONYMISE_DIALOG (self));

  g_signal_emit (self, signals[SIGNAL_APPLY], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_confirmed (AdwMessageDialog     *dialog,
              const char           *response,
              CbPseudonymiseDialog *self)
{
  if (g_str_equal (response, "pseudonymise"))
    cb_pseudonymise_dialog_apply (self);
}

static void
on_apply_clicked (CbPseudonymiseDialog *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Pseudonymise the Project?"),
                                                       _("The names are replaced everywhere and removed from the "
                                                         "project file for good. The undo history is cleared, "
                                                         "because undo would bring the names back. Backups of the "
                                                         "project still hold the names.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "pseudonymise", _("_Pseudonymise"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "pseudonymise", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_key_chosen (GtkNativeDialog      *chooser,
               int                   response,
               CbPseudonymiseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GPtrArray) key = cb_pseudonymise_dialog_dup_key (self);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !cb_pseudonym_key_write (key, path, &error))
        gtk_label_set_text (self->log_label, error->message);
    }
  g_object_unref (chooser);
}

static void
on_log_chosen (GtkNativeDialog      *chooser,
               int                   response,
               CbPseudonymiseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cb_pseudonymise_dialog_set_log_path (self, path);
    }
  g_object_unref (chooser);
}

static void
choose_file (CbPseudonymiseDialog *self,
             const char           *title,
             const char           *name,
             GCallback             callback)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", callback, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_key_clicked (CbPseudonymiseDialog *self)
{
  choose_file (self, _("Save the Key"), "key.tsv", G_CALLBACK (on_key_chosen));
}

static void
on_choose_log_clicked (CbPseudonymiseDialog *self)
{
  choose_file (self, _("Save the Log"), "log.tsv", G_CALLBACK (on_log_chosen));
}

static void
cb_pseudonymise_dialog_dispose (GObject *object)
{
  CbPseudonymiseDialog *self = CB_PSEUDONYMISE_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_PSEUDONYMISE_DIALOG);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (cb_pseudonymise_dialog_parent_class)->dispose (object);
}

static void
cb_pseudonymise_dialog_finalize (GObject *object)
{
  CbPseudonymiseDialog *self = CB_PSEUDONYMISE_DIALOG (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->names);
  g_free (self->log_path);
  G_OBJECT_CLASS (cb_pseudonymise_dialog_parent_class)->finalize (object);
}

static void
cb_pseudonymise_dialog_class_init (CbPseudonymiseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_pseudonymise_dialog_dispose;
  object_class->finalize = cb_pseudonymise_dialog_finalize;

  /* the user confirmed: pseudonymise with the dialog's key, flags and log */
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-pseudonymise-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, name_list);
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, fold_check);
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, codes_check);
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, log_label);
  gtk_widget_class_bind_template_child (widget_class, CbPseudonymiseDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_key_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_log_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cb_pseudonymise_dialog_init (CbPseudonymiseDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->names = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CbPseudonymiseDialog *
cb_pseudonymise_dialog_new (GtkWindow *parent,
                            CbProject *project)
{
  CbPseudonymiseDialog *self;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  self = g_object_new (CB_TYPE_PSEUDONYMISE_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);

  candidates = cb_project_list_name_candidates (project, 1, &error);
  if (candidates == NULL)
    {
      gtk_label_set_text (self->preview_label, error->message);
      return self;
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      CbNameCandidate *candidate = candidates->pdata[i];
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = NULL;

      /* Translators: a candidate name and how often it occurs */
      if (candidate->speaker)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (speaker, %u turn)", "%s (speaker, %u turns)",
                                              candidate->count),
                                 candidate->name, candidate->count);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u time)", "%s (%u times)", candidate->count),
                                 candidate->name, candidate->count);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_options_changed), self);
      gtk_list_box_append (self->name_list, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->names, g_strdup (candidate->name));
    }
  cb_pseudonymise_dialog_set_log_path (self, NULL);
  update_preview (self);
  return self;
}

/* The window's side: the action, the job and what it reports ---------- */

typedef struct
{
  GPtrArray            *key;
  CbPseudonymiseFlags   flags;
  char                 *log_path;
  CbPseudonymiseReport *report;
  GPtrArray            *backups;
} PseudonymiseJob;

static void
pseudonymise_job_free (gpointer data)
{
  PseudonymiseJob *job = data;

  g_ptr_array_unref (job->key);
  g_free (job->log_path);
  g_clear_pointer (&job->report, cb_pseudonymise_report_free);
  g_clear_pointer (&job->backups, g_ptr_array_unref);
  g_free (job);
}

static gboolean
pseudonymise_thread (CbProject     *project,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PseudonymiseJob *job = data;

  job->report = cb_project_pseudonymise (project, job->key, job->flags, job->log_path, error);
  if (job->report == NULL)
    return FALSE;
  job->backups = cb_project_list_backups (project, NULL);
  return TRUE;
}

static void
pseudonymised (CbWindow     *self,
               gpointer      data,
               const GError *error)
{
  PseudonymiseJob *job = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pseudonymised: %u document changed",
                                          "Pseudonymised: %u documents changed", job->report->documents->len),
                             job->report->documents->len);
  _cb_window_show_toast (self, message);

  if ((job->backups != NULL && job->backups->len > 0) || !job->report->checkpointed)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      AdwMessageDialog *dialog;

      if (!job->report->checkpointed)
        g_string_append (body, _("Another program is reading the project, so its write-ahead log may still "
                                 "hold old text: close that program and pseudonymise again.\n\n"));
      if (job->backups != NULL && job->backups->len > 0)
        {
          g_string_append (body, _("These backups still hold the names; delete them if they must go:"));
          for (guint i = 0; i < job->backups->len; i++)
            g_string_append_printf (body, "\n%s", ((CbBackupInfo *) job->backups->pdata[i])->path);
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Names Left Elsewhere"), body->str));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_dialog_apply (CbPseudonymiseDialog *dialog,
                 CbWindow             *self)
{
  PseudonymiseJob *job = g_new0 (PseudonymiseJob, 1);

  job->key = cb_pseudonymise_dialog_dup_key (dialog);
  job->flags = cb_pseudonymise_dialog_get_flags (dialog);
  job->log_path = g_strdup (cb_pseudonymise_dialog_get_log_path (dialog));
  _cb_window_run_job (self, _("Pseudonymising…"), CB_CHANGE_ALL, pseudonymise_thread, pseudonymised,
                      job, pseudonymise_job_free);
}

void
_cb_window_pseudonymise_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  CbPseudonymiseDialog *dialog;

  if (self->project == NULL || _cb_window_busy (self))
    return;
  /* what was typed in Edit mode first: the dialog reads the texts */
  cb_transcript_view_flush_edit (self->transcript_view);
  dialog = cb_pseudonymise_dialog_new (GTK_WINDOW (self), self->project);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (on_dialog_apply), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Restore Names from Log… (depseudonymise) ------------------------- */

typedef struct
{
  char                 *log_path;
  CbPseudonymiseReport *report;
} RestoreJob;

static void
restore_job_free (gpointer data)
{
  RestoreJob *job = data;

  g_free (job->log_path);
  g_clear_pointer (&job->report, cb_pseudonymise_report_free);
  g_free (job);
}

static gboolean
restore_thread (CbProject     *project,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  RestoreJob *job = data;

  job->report = cb_project_depseudonymise (project, job->log_path, error);
  return job->report != NULL;
}

static void
restored (CbWindow     *self,
          gpointer      data,
          const GError *error)
{
  RestoreJob *job = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Names restored in %u document",
                                          "Names restored in %u documents", job->report->documents->len),
                             job->report->documents->len);
  _cb_window_show_toast (self, message);
}

gboolean
_cb_window_restore_names (CbWindow   *self,
                          const char *log_path)
{
  RestoreJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  cb_transcript_view_flush_edit (self->transcript_view);
  job = g_new0 (RestoreJob, 1);
  job->log_path = g_strdup (log_path);
  return _cb_window_run_job (self, _("Restoring names…"), CB_CHANGE_ALL, restore_thread, restored,
                             job, restore_job_free);
}

static void
on_restore_log_response (GtkNativeDialog *chooser,
                         int              response,
                         CbWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      g_file_peek_path (file) != NULL &&
      !_cb_window_restore_names (self, g_file_peek_path (file)))
    _cb_window_show_toast (self, _("Wait for the running task to finish"));
  g_object_unref (chooser);
  g_object_unref (self);
}

/* win.restore-names: the log a pseudonymisation wrote puts every name
 * back (`depseudonymise --log`), one undo step. */
void
_cb_window_restore_names_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (self->project == NULL || _cb_window_busy (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Restore Names from a Log"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Pseudonymisation Logs (TSV)"));
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_log_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
