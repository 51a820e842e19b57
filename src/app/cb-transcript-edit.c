/* cb-transcript-edit.c: the transcript's Edit mode
 *
 * Off by default, so that selecting and coding never types into the text.
 * While it is on, the text view is editable; the highlights are text tags
 * and move with the text as it is typed.  Each pause in typing (about a
 * second), leaving Edit mode, loading another document and an undo or redo
 * turn what was typed into one cb_project_replace_text() (one undo step):
 * the difference between the stored text and the buffer, found as their
 * common beginning and end.  The project then moves every span by the same
 * rules as the CLI, and the refresh puts the highlights back where the
 * codings now are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-transcript-view-private.h"
#include "cb-window.h"

/* How long typing may pause before what was typed is stored. */
#define EDIT_PAUSE_MS 1000

static void
show_error (CbTranscriptView *self,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && CB_IS_WINDOW (root))
    cb_window_show_error (CB_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

static char *
dup_buffer_text (CbTranscriptView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, TRUE);
}

/* Puts @text into the buffer without it counting as typing, the cursor
 * and the scroll position kept as far as the text allows. */
static void
set_buffer_text (CbTranscriptView *self,
                 const char       *text)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  double scroll = gtk_adjustment_get_value (vadjustment);
  GtkTextIter cursor;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  g_signal_handler_block (buffer, self->edit_changed_id);
  gtk_text_buffer_set_text (buffer, text, -1);
  g_signal_handler_unblock (buffer, self->edit_changed_id);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  gtk_adjustment_set_value (vadjustment, scroll);
}

void
_cb_transcript_view_set_edit_base (CbTranscriptView *self,
                                   const char       *text,
                                   gsize             length)
{
  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  g_free (self->edit_base);
  self->edit_base = text != NULL ? g_strndup (text, length) : NULL;
  self->edit_dirty = FALSE;
}

/* Stores what was typed since the last time: one replacement. */
static gboolean
commit_typing (CbTranscriptView *self)
{
  g_autofree char *typed = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *replacement = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;
  gsize base_length, typed_length, prefix = 0, suffix = 0;
  gint64 start, end;

  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  if (!self->edit_dirty || self->edit_base == NULL || self->project == NULL || self->document_id == 0)
    return TRUE;
  self->edit_dirty = FALSE;

  typed = dup_buffer_text (self);
  base_length = strlen (self->edit_base);
  typed_length = strlen (typed);
  while (prefix < base_length && prefix < typed_length && self->edit_base[prefix] == typed[prefix])
    prefix++;
  /* whole characters only */
  while (prefix > 0 && (self->edit_base[prefix] & 0xC0) == 0x80)
    prefix--;
  while (suffix < base_length - prefix && suffix < typed_length - prefix &&
         self->edit_base[base_length - 1 - suffix] == typed[typed_length - 1 - suffix])
    suffix++;
  while (suffix > 0 && (self->edit_base[base_length - suffix] & 0xC0) == 0x80)
    suffix--;
  if (prefix == base_length && prefix == typed_length)
    return TRUE;   /* typed and taken back */

  start = g_utf8_strlen (self->edit_base, prefix);
  end = start + g_utf8_strlen (self->edit_base + prefix, base_length - prefix - suffix);
  replacement = g_strndup (typed + prefix, typed_length - prefix - suffix);

  if (!cb_project_replace_text (self->project, self->document_id, start, end, replacement, &removed, &error))
    {
      /* the buffer goes back to what is stored */
      set_buffer_text (self, self->edit_base);
      show_error (self, error);
      return FALSE;
    }

  /* the stored text is normalised (NFC, LF): show exactly that */
  stored = cb_project_dup_document_text (self->project, self->document_id, NULL, &error);
  if (stored == NULL)
    {
      show_error (self, error);
      return FALSE;
    }
  if (!g_str_equal (stored, typed))
    set_buffer_text (self, stored);
  g_free (self->edit_base);
  self->edit_base = g_steal_pointer (&stored);
  return TRUE;
}

static gboolean
pause_elapsed (gpointer data)
{
  CbTranscriptView *self = data;

  self->edit_timeout = 0;
  commit_typing (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (CbTranscriptView *self,
                   GtkTextBuffer    *buffer)
{
  if (!self->editing)
    return;
  self->edit_dirty = TRUE;
  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  self->edit_timeout = g_timeout_add (EDIT_PAUSE_MS, pause_elapsed, self);
}

void
cb_transcript_view_flush_edit (CbTranscriptView *self)
{
  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));
  commit_typing (self);
}

/* After a change to the project: a text that changed otherwise than by
 * our typing (an undo, another program) is shown.  (Undo and redo flush
 * the typing first: see cb_transcript_view_flush_edit().) */
void
_cb_transcript_view_sync_text (CbTranscriptView *self)
{
  g_autofree char *stored = NULL;

  if (self->project == NULL || self->document_id == 0 || self->edit_base == NULL)
    return;
  stored = cb_project_dup_document_text (self->project, self->document_id, NULL, NULL);
  if (stored == NULL || g_str_equal (stored, self->edit_base))
    return;
  /* Changed under the typing: the stored text wins (what was typed on the
   * old one has no place in it any more). */
  g_clear_handle_id (&self->edit_timeout, g_source_remove);
  self->edit_dirty = FALSE;
  set_buffer_text (self, stored);
  g_free (self->edit_base);
  self->edit_base = g_steal_pointer (&stored);
  if (self->document_name != NULL)
    cb_transcript_view_reload_turns (self, self->document_name);
}

void
cb_transcript_view_set_editing (CbTranscriptView *self,
                                gboolean          editing)
{
  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  editing = !!editing;
  if (self->editing == editing)
    return;
  if (!editing)
    commit_typing (self);
  self->editing = editing;
  gtk_text_view_set_editable (self->text_view, editing);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->edit_toggle), editing);
  if (editing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "editing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "editing");
}

gboolean
cb_transcript_view_get_editing (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);
  return self->editing;
}

static void
on_toggled (CbTranscriptView *self,
            GtkToggleButton  *toggle)
{
  cb_transcript_view_set_editing (self, gtk_toggle_button_get_active (toggle));
}

void
_cb_transcript_view_init_edit (CbTranscriptView *self)
{
  /* floats over the transcript's top right corner (the view lays its
   * children out on top of each other) */
  /* a small round icon, so that it hides as little of the first line as
   * possible; its name is for screen readers */
  self->edit_toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->edit_toggle), "document-edit-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"), -1);
  gtk_widget_add_css_class (self->edit_toggle, "circular");
  gtk_widget_set_halign (self->edit_toggle, GTK_ALIGN_END);
  gtk_widget_set_valign (self->edit_toggle, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->edit_toggle, 4);
  /* the coder selector (cb-transcript-coders.c) sits to its left */
  gtk_widget_set_margin_end (self->edit_toggle, 16);
  gtk_widget_set_tooltip_text (self->edit_toggle,
                               _("Edit the text; codings follow it, and each pause in typing is one undo step"));
  gtk_widget_add_css_class (self->edit_toggle, "osd");
  gtk_widget_set_parent (self->edit_toggle, GTK_WIDGET (self));
  g_signal_connect_swapped (self->edit_toggle, "toggled", G_CALLBACK (on_toggled), self);
  self->edit_changed_id = g_signal_connect_swapped (get_buffer (self), "changed",
                                                    G_CALLBACK (on_buffer_changed), self);
}

void
_cb_transcript_view_dispose_edit (CbTranscriptView *self)
{
  if (self->edit_toggle != NULL)
    {
      commit_typing (self);
      g_clear_handle_id (&self->edit_timeout, g_source_remove);
      g_clear_signal_handler (&self->edit_changed_id, get_buffer (self));
      g_clear_pointer (&self->edit_toggle, gtk_widget_unparent);
    }
  g_clear_pointer (&self->edit_base, g_free);
}
