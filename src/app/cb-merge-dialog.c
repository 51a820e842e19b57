/* cb-merge-dialog.c: the preview of a merge (Merge Project…)
 *
 * The window runs a dry run of the merge first (cb-window-merge.c); this
 * dialog shows its summary — what would be added, what is there already
 * and every conflict with how it would be settled — so that nothing is
 * merged the user has not seen.  Merge emits ::merge; the window then
 * runs the real merge as a job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-merge-dialog.h"

struct _CbMergeDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget      *merge_button;
  GtkLabel       *intro_label;
  GtkLabel       *added_label;
  GtkLabel       *present_label;
  GtkLabel       *conflicts_label;
  GtkWidget      *messages_window;
  GtkLabel       *messages_label;
};

G_DEFINE_FINAL_TYPE (CbMergeDialog, cb_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_merge_clicked (CbMergeDialog *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[MERGE], 0);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cb_merge_dialog_class_init (CbMergeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CbMergeDialog::merge:
   *
   * The user chose Merge.
   */
  signals[MERGE] = g_signal_new ("merge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, present_label);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, messages_window);
  gtk_widget_class_bind_template_child (widget_class, CbMergeDialog, messages_label);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_clicked);
}

static void
cb_merge_dialog_init (CbMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CbMergeDialog *
cb_merge_dialog_new (GtkWindow           *parent,
                     const char          *other_name,
                     const CbMergeReport *report)
{
  CbMergeDialog *self = g_object_new (CB_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *title = g_strdup_printf (_("Merge “%s”"), other_name);
  g_autofree char *added = cb_merge_report_format_line (report, CB_MERGE_LINE_ADDED);
  g_autofree char *present = cb_merge_report_format_line (report, CB_MERGE_LINE_PRESENT);
  g_autofree char *conflicts = cb_merge_report_format_line (report, CB_MERGE_LINE_CONFLICTS);
  g_autoptr(GString) messages = g_string_new (NULL);

  adw_window_title_set_subtitle (self->window_title, other_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->intro_label,
                      _("Nothing of either project is lost: what is new is added, what is here already is kept, "
                        "and where the two differ this project’s version is kept and listed below."));
  gtk_label_set_text (self->added_label, added);
  gtk_label_set_text (self->present_label, present);
  gtk_label_set_text (self->conflicts_label, conflicts);
  /* what the other project's .qdpx held that is not merged, then the conflicts */
  for (guint i = 0; i < report->warnings->len; i++)
    g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", (const char *) report->warnings->pdata[i]);
  for (guint i = 0; i < report->messages->len; i++)
    g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", (const char *) report->messages->pdata[i]);
  gtk_label_set_text (self->messages_label, messages->str);
  gtk_widget_set_visible (self->messages_window, messages->len > 0);
  return self;
}

char *
cb_merge_dialog_dup_summary (CbMergeDialog *self)
{
  g_return_val_if_fail (CB_IS_MERGE_DIALOG (self), NULL);

  return g_strdup_printf ("%s\n%s\n%s\n%s", gtk_label_get_text (self->added_label),
                          gtk_label_get_text (self->present_label), gtk_label_get_text (self->conflicts_label),
                          gtk_label_get_text (self->messages_label));
}

GtkWidget *
cb_merge_dialog_get_merge_button (CbMergeDialog *self)
{
  g_return_val_if_fail (CB_IS_MERGE_DIALOG (self), NULL);

  return self->merge_button;
}
