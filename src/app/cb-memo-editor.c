/* cb-memo-editor.c: the memo of the project, a document, a code or a coding
 *
 * One target at a time, shown as its kind and its name ("Document memo —
 * interview-ma07"), so that what is typed visibly belongs to one thing.
 * Typing saves after a short pause (one undo step per pause); switching
 * the target, leaving the editor (focus elsewhere: a click on a row, a
 * rename dialog), closing the window or starting a job saves at once, to
 * the target the text was typed for, before anything else happens.  The
 * memo-editor.save action (Ctrl+S inside the editor) saves without
 * waiting; memo-editor.show-project shows the project's memo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-counts.h"
#include "cb-memo-editor.h"

#define SAVE_DELAY_MS 800

struct _CbMemoEditor
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkLabel     *kind_label;
  GtkLabel     *name_label;
  GtkWidget    *project_button;
  GtkTextView  *view;

  /* Owned */
  CbProject    *project;
  CbMemoTarget  target;
  char         *key;             /* document name or code path */
  gint64        document_id;     /* a coding's document */
  gint64        coding_id;
  char         *title;           /* "Document memo — interview-ma07" */
  guint         save_source;
  gboolean      loading;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CbMemoEditor, cb_memo_editor, GTK_TYPE_WIDGET)

static gboolean
save (gpointer data)
{
  CbMemoEditor *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;
  gboolean ok = TRUE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->project == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  switch (self->target)
    {
    case CB_MEMO_DOCUMENT:
      ok = cb_project_set_document_memo (self->project, self->key, text, &error);
      break;
    case CB_MEMO_CODE:
      ok = cb_project_set_code_memo (self->project, self->key, text, &error);
      break;
    case CB_MEMO_CODING:
      ok = cb_project_set_coding_memo (self->project, self->coding_id, text, &error);
      break;
    case CB_MEMO_PROJECT:
      ok = cb_project_set_memo (self->project, text, &error);
      break;
    case CB_MEMO_NONE:
    default:
      break;
    }

  if (!ok)
    cb_widget_show_error (GTK_WIDGET (self), error);
  return G_SOURCE_REMOVE;
}

void
cb_memo_editor_flush (CbMemoEditor *self)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));

  if (self->save_source != 0)
    save (self);
}

static void
on_changed (CbMemoEditor  *self,
            GtkTextBuffer *buffer)
{
  if (self->loading || self->target == CB_MEMO_NONE)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save, self);
}

/* Shows the target as its kind and its name; the whole of both in the
 * tooltip and for screen readers. */
static void
show_target (CbMemoEditor *self,
             const char   *kind,
             const char   *name)
{
  g_free (self->title);
  /* Translators: the memo editor's target: its kind, then its name, such
   * as "Document memo — interview-ma07" */
  self->title = name != NULL ? g_strdup_printf (_("%s — %s"), kind, name) : g_strdup (kind);
  gtk_label_set_text (self->kind_label, kind);
  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_label), self->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  -1);
}

void
cb_memo_editor_reload (CbMemoEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *memo = NULL;
  const char *kind = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  g_return_if_fail (CB_IS_MEMO_EDITOR (self));

  if (self->save_source != 0 || self->busy)
    return;   /* the user is typing (the pending save wins), or a job runs */

  switch (self->target)
    {
    case CB_MEMO_PROJECT:
      kind = _("Project memo");
      memo = cb_project_dup_memo (self->project);
      break;
    case CB_MEMO_DOCUMENT:
      {
        g_autoptr(CbDocumentInfo) info = cb_project_get_document (self->project, self->key, NULL);

        kind = _("Document memo");
        name = g_strdup (self->key);
        memo = g_strdup (info && info->memo ? info->memo : "");
      }
      break;
    case CB_MEMO_CODE:
      {
        /* without counting the subtree's codings (a big code: milliseconds) */
        g_autoptr(CbCodeInfo) info = cb_project_get_code_uncounted (self->project, self->key, NULL);

        kind = _("Code memo");
        name = g_strdup (info ? info->path : self->key);
        memo = g_strdup (info && info->memo ? info->memo : "");
      }
      break;
    case CB_MEMO_CODING:
      {
        g_autoptr(GPtrArray) codings = cb_project_list_document_codings (self->project,
                                                                         self->document_id,
                                                                         NULL);
        guint i;

        kind = _("Coding memo");
        for (i = 0; codings != NULL && i < codings->len; i++)
          {
            const CbSegment *segment = g_ptr_array_index (codings, i);

            if (segment->coding_id == self->coding_id)
              {
                memo = g_strdup (segment->memo ? segment->memo : "");
                /* Translators: a coding in the memo editor's title: its
                 * code's path in a document, such as "Trust in interview-ma07" */
                name = g_strdup_printf (_("%s in %s"), segment->code_path, segment->document_name);
              }
          }
        if (memo == NULL)
          self->target = CB_MEMO_NONE;
      }
      break;
    case CB_MEMO_NONE:
    default:
      break;
    }

  if (self->target == CB_MEMO_NONE)
    {
      kind = _("Memo");
      g_clear_pointer (&name, g_free);
      g_free (memo);
      memo = g_strdup ("");
    }

  self->loading = TRUE;
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, memo != NULL ? memo : "") != 0)
    gtk_text_buffer_set_text (buffer, memo != NULL ? memo : "", -1);
  self->loading = FALSE;

  show_target (self, kind, name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view), self->target != CB_MEMO_NONE);
  gtk_widget_set_visible (self->project_button,
                          self->project != NULL && self->target != CB_MEMO_PROJECT);
}

const char *
cb_memo_editor_get_title (CbMemoEditor *self)
{
  g_return_val_if_fail (CB_IS_MEMO_EDITOR (self), NULL);
  return self->title;
}

const char *
cb_memo_editor_get_key (CbMemoEditor *self)
{
  g_return_val_if_fail (CB_IS_MEMO_EDITOR (self), NULL);
  return self->key;
}

static void
set_target (CbMemoEditor *self,
            CbMemoTarget  target,
            const char   *key,
            gint64        document_id,
            gint64        coding_id)
{
  if (self->project == NULL)
    target = CB_MEMO_NONE;
  /* The same target again: nothing to switch (and nothing to re-read
   * under the user's typing). */
  if (target == self->target && g_strcmp0 (key, self->key) == 0 &&
      document_id == self->document_id && coding_id == self->coding_id &&
      self->title != NULL)
    return;
  /* What was typed goes to the target it was typed for, before the key
   * changes: never to the next one. */
  cb_memo_editor_flush (self);
  self->target = target;
  g_free (self->key);
  self->key = g_strdup (key);
  self->document_id = document_id;
  self->coding_id = coding_id;
  cb_memo_editor_reload (self);
}

void
cb_memo_editor_set_project (CbMemoEditor *self,
                            CbProject    *project)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));

  cb_memo_editor_flush (self);
  g_set_object (&self->project, project);
  /* Until a document or a code is picked: the project's own memo. */
  self->target = CB_MEMO_NONE;
  g_clear_pointer (&self->title, g_free);
  set_target (self, CB_MEMO_PROJECT, NULL, 0, 0);
}

void
cb_memo_editor_show_project (CbMemoEditor *self)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));
  set_target (self, CB_MEMO_PROJECT, NULL, 0, 0);
}

void
cb_memo_editor_set_document (CbMemoEditor *self,
                             const char   *name)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));
  set_target (self, name ? CB_MEMO_DOCUMENT : CB_MEMO_NONE, name, 0, 0);
}

void
cb_memo_editor_set_code (CbMemoEditor *self,
                         const char   *path)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));
  set_target (self, path ? CB_MEMO_CODE : CB_MEMO_NONE, path, 0, 0);
}

void
cb_memo_editor_set_coding (CbMemoEditor *self,
                           gint64        document_id,
                           gint64        coding_id)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));
  set_target (self, CB_MEMO_CODING, NULL, document_id, coding_id);
}

void
cb_memo_editor_clear (CbMemoEditor *self)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));
  set_target (self, CB_MEMO_NONE, NULL, 0, 0);
}

CbMemoTarget
cb_memo_editor_get_target (CbMemoEditor *self)
{
  g_return_val_if_fail (CB_IS_MEMO_EDITOR (self), CB_MEMO_NONE);
  return self->target;
}

void
cb_memo_editor_set_busy (CbMemoEditor *self,
                         gboolean      busy)
{
  g_return_if_fail (CB_IS_MEMO_EDITOR (self));

  if (busy)
    cb_memo_editor_flush (self);
  self->busy = !!busy;
  /* Not insensitive: the memo may have the focus. */
  gtk_text_view_set_editable (self->view, !busy);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cb_memo_editor_flush (CB_MEMO_EDITOR (widget));
}

static void
show_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cb_memo_editor_show_project (CB_MEMO_EDITOR (widget));
}

/* Leaving the editor saves at once: whatever the click elsewhere does next
 * (rename the document or the code, delete it, undo) finds the memo saved
 * under the name it was typed for. */
static void
on_focus_leave (CbMemoEditor *self)
{
  cb_memo_editor_flush (self);
}

static void
cb_memo_editor_dispose (GObject *object)
{
  CbMemoEditor *self = CB_MEMO_EDITOR (object);

  cb_memo_editor_flush (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_MEMO_EDITOR);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cb_memo_editor_parent_class)->dispose (object);
}

static void
cb_memo_editor_class_init (CbMemoEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_memo_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-memo-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CbMemoEditor, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CbMemoEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, CbMemoEditor, project_button);
  gtk_widget_class_bind_template_child (widget_class, CbMemoEditor, view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  gtk_widget_class_install_action (widget_class, "memo-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "memo-editor.show-project", NULL, show_project_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "memo-editor.save", NULL);
}

static void
cb_memo_editor_init (CbMemoEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), focus);
  cb_memo_editor_reload (self);
}
