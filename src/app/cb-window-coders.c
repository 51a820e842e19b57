/* cb-window-coders.c: the window's Coders… dialog: who coded in this
 * project, how much, and renaming a coder (into an existing name: merging
 * the two), as `codeboom-cli coders` and `coder rename` do
 *
 * A supervisor who double-codes as "jan" on one laptop and "Jan" on
 * another ends up as two coders; agreement and the coder selector then
 * show three.  Renaming one into the other merges them (identical codings
 * collapse, memos are kept), one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-coders.h"
#include "cb-window-private.h"

static void fill_coders (CbWindow   *self,
                         GtkListBox *list);

static void
on_coder_apply (AdwEntryRow *row,
                CbWindow    *self)
{
  const char *old_name = g_object_get_data (G_OBJECT (row), "cb-coder");
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *old_copy = g_strdup (old_name);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_LIST_BOX);
  gboolean was_me;
  gint64 n_merged = 0;

  if (self->project == NULL || old_name == NULL || g_str_equal (new_name, old_name))
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return;
    }
  was_me = g_strcmp0 (cb_project_get_coder (self->project), old_name) == 0;
  if (!cb_project_rename_coder (self->project, old_name, new_name, &n_merged, &error))
    {
      cb_window_show_error (self, error);
      gtk_editable_set_text (GTK_EDITABLE (row), old_name);
      return;
    }
  /* Coding on as the old name would bring that coder back. */
  if (was_me)
    g_settings_set_string (self->settings, "coder-name", new_name);

  if (n_merged > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n_merged);

      /* Translators: a toast after merging two coders; the third %s is a number */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Merged “%s” into “%s”; %s coding both had became one",
                                              "Merged “%s” into “%s”; %s codings both had became one",
                                              (gulong) n_merged),
                                 old_copy, new_name, number);
    }
  else if (was_me)
    message = g_strdup_printf (_("Renamed “%s” to “%s”; you now code as “%s”"), old_copy, new_name, new_name);
  else
    message = g_strdup_printf (_("Renamed “%s” to “%s”"), old_copy, new_name);
  _cb_window_show_toast (self, message);
  if (list != NULL)
    fill_coders (self, GTK_LIST_BOX (list));
}

static void
fill_coders (CbWindow   *self,
             GtkListBox *list)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  if (self->project == NULL || !(coders = cb_project_list_coder_summaries (self->project, &error)))
    {
      if (error != NULL)
        cb_window_show_error (self, error);
      return;
    }
  for (guint i = 0; i < coders->len; i++)
    {
      const CbCoderSummary *coder = coders->pdata[i];
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *n_codings = g_strdup_printf ("%" G_GINT64_FORMAT, coder->n_codings);
      g_autofree char *n_documents = g_strdup_printf ("%" G_GINT64_FORMAT, coder->n_documents);
      /* Translators: the first half of a coder's row in the Coders dialog: "1203 codings" */
      g_autofree char *codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s coding", "%s codings",
                                                               (gulong) coder->n_codings),
                                                  n_codings);
      /* Translators: a coder's row in the Coders dialog: "1203 codings in 4 documents" */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %s document", "%s in %s documents",
                                                             (gulong) coder->n_documents),
                                                codings, n_documents);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), coder->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "cb-coder", g_strdup (coder->name), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_coder_apply), self, 0);
      gtk_list_box_append (list, row);
    }
}

static void
coders_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *scroller;
  GtkWidget *list;

  if (self->project == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Coders"),
                                                       _("Everyone who coded in this project. Edit a name and "
                                                         "apply to rename; a name another coder has merges the "
                                                         "two (the same coding twice becomes one).")));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coders"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (dialog, scroller);
  fill_coders (self, GTK_LIST_BOX (list));

  g_object_set_data (G_OBJECT (dialog), "cb-coders", list);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cb_window_coders_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.coders", NULL, coders_action);
}
