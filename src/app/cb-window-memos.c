/* cb-window-memos.c: the window's Memos page and "Link Selection to Memo…" (issue 19)
 *
 * The Memos view (CbMemosView) is added to the centre's view stack here,
 * so that the window's template stays as it is; its evidence opens in the
 * transcript.  win.link-memo links the transcript's selection to a memo
 * picked from a list, or to a new one named in the dialog (then two undo
 * steps: the memo, the link).  win.open-memo shows a memo the transcript's
 * menu names over its evidence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-window-private.h"

static void
on_evidence_activated (CbMemosView *view,
                       gint64       document_id,
                       gint64       start,
                       gint64       end,
                       CbWindow    *self)
{
  g_autoptr(GError) error = NULL;

  adw_view_stack_set_visible_child_name (self->view_stack, "transcript");
  if (!cb_window_show_document (self, document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, start, end);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

void
_cb_window_memos_init (CbWindow *self)
{
  AdwViewStackPage *page;

  self->memos_view = cb_memos_view_new ();
  /* not a template child: cleared when the stack lets it go */
  g_object_add_weak_pointer (G_OBJECT (self->memos_view), (gpointer *) &self->memos_view);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->memos_view), "memos", _("Memos"));
  adw_view_stack_page_set_icon_name (page, "document-edit-symbolic");
  g_signal_connect_object (self->memos_view, "evidence-activated", G_CALLBACK (on_evidence_activated), self, 0);
}

typedef struct
{
  char   *document;
  gint64  start;
  gint64  end;
} LinkTarget;

static void
link_target_free (LinkTarget *target)
{
  g_free (target->document);
  g_free (target);
}

/* Links @target to memo @title, adding the memo first when there is none
 * of that title. */
gboolean
_cb_window_link_memo (CbWindow    *self,
                      const char  *title,
                      const char  *document,
                      gint64       start,
                      gint64       end,
                      GError     **error)
{
  g_autoptr(CbMemoInfo) existing = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || document == NULL)
    return TRUE;
  existing = cb_project_get_memo (self->project, title, NULL);
  if (existing == NULL && cb_project_add_memo (self->project, title, NULL, NULL, NULL, error) == 0)
    return FALSE;
  text = cb_project_link_memo (self->project, title, document, start, end, error);
  return text != NULL;
}

static void
on_memo_chosen (GtkDropDown *drop_down,
                GParamSpec  *pspec,
                GtkEditable *entry)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (item != NULL)
    gtk_editable_set_text (entry, gtk_string_object_get_string (item));
}

static void
on_link_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CbWindow         *self)
{
  LinkTarget *target = g_object_get_data (G_OBJECT (dialog), "cb-target");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cb-entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL || g_strcmp0 (response, "link") != 0)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (title[0] == '\0')
    return;
  if (!_cb_window_link_memo (self, title, target->document, target->start, target->end, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  {
    /* TRANSLATORS: a toast after Link Selection to Memo… */
    g_autofree char *message = g_strdup_printf (_("Linked to “%s”"), title);

    _cb_window_show_toast (self, message);
  }
}

static void
link_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  LinkTarget *target;
  AdwMessageDialog *dialog;
  GtkWidget *box, *drop_down, *entry;

  if (self->project == NULL || self->document_name == NULL)
    return;
  target = g_new0 (LinkTarget, 1);
  g_variant_get (parameter, "(xx)", &target->start, &target->end);
  if (target->start < 0 || target->end <= target->start)
    {
      g_free (target);
      return;
    }
  target->document = g_strdup (self->document_name);
  memos = cb_project_list_memos (self->project, NULL, NULL);
  for (guint i = 0; memos != NULL && i < memos->len; i++)
    gtk_string_list_append (list, ((CbMemoInfo *) memos->pdata[i])->title);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Link the Selection to a Memo"),
                                                       _("Pick a memo or type the title of a new one. The selection becomes one of its quotes.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "link", _("_Link"));
  adw_message_dialog_set_response_appearance (dialog, "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "link");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Memo"), -1);
  gtk_widget_set_visible (drop_down, g_list_model_get_n_items (G_LIST_MODEL (list)) > 0);
  gtk_box_append (GTK_BOX (box), drop_down);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("New memo title"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Memo title"), -1);
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), gtk_string_list_get_string (list, 0));
  gtk_box_append (GTK_BOX (box), entry);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_memo_chosen), entry, 0);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "cb-target", target, (GDestroyNotify) link_target_free);
  g_object_set_data (G_OBJECT (dialog), "cb-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_link_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.open-memo: the memo named (from the transcript's menu over its
 * evidence) shown in the Memos view. */
static void
open_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *title = g_variant_get_string (parameter, NULL);

  if (self->memos_view == NULL || self->project == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "memos");
  cb_memos_view_refresh (self->memos_view, CB_CHANGE_MEMOS);
  cb_memos_view_select (self->memos_view, title);
}

void
_cb_window_class_memos_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.link-memo", "(xx)", link_memo_action);
  gtk_widget_class_install_action (widget_class, "win.open-memo", "s", open_memo_action);
}
