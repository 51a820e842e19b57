/* cb-transcript-memos.c: the transcript's memo side: the evidence of
 * free-standing memos marked in the text (a line over the words), named in
 * the tooltip, and opened from the context menu
 *
 * A memo's evidence is what the researcher pointed at when writing it;
 * reading the transcript, they should see that a passage already carries a
 * memo without opening the Memos view.  An overline keeps it apart from the
 * codes' backgrounds and the overlap underlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-memos.h"
#include "cb-transcript-view-private.h"

#define MEMO_TAG_NAME "cb:memo"

static GtkTextTag *
ensure_memo_tag (CbTranscriptView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), MEMO_TAG_NAME);

  if (tag == NULL)
    {
      /* GNOME's orange 4: a thin line must be strong to be seen, and stays
       * apart from the codes' pastel backgrounds */
      GdkRGBA amber = { 0.902, 0.380, 0.0, 1.0 };

      tag = gtk_text_buffer_create_tag (buffer, MEMO_TAG_NAME,
                                        "overline", PANGO_OVERLINE_SINGLE,
                                        "overline-rgba", &amber,
                                        NULL);
    }
  return tag;
}

void
cb_transcript_view_reload_memo_marks (CbTranscriptView *self)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter start, end;
  gint64 n_chars;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  /* While Edit mode has unstored typing the buffer is ahead of the stored
   * spans: the marks already there move with the typing (tags do), and are
   * read again once the edit is stored. */
  if (self->edit_dirty)
    return;
  buffer = get_buffer (self);
  tag = ensure_memo_tag (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  if (self->project == NULL || self->document_id == 0)
    return;

  if (!(spans = cb_project_list_memo_spans (self->project, self->document_id, &error)))
    {
      g_debug ("memo evidence of %s: %s", self->document_name, error->message);
      return;
    }
  n_chars = gtk_text_buffer_get_char_count (buffer);
  for (guint i = 0; i < spans->len; i++)
    {
      const CbMemoSpan *span = &g_array_index (spans, CbMemoSpan, i);

      if (span->end > n_chars)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) span->end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
}

GPtrArray *
cb_transcript_view_list_memos_at (CbTranscriptView *self,
                                  gint64            offset)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  if (self->project == NULL || self->document_id == 0 || offset < 0)
    return NULL;
  return cb_project_list_memos_at (self->project, self->document_id, offset, offset + 1, NULL);
}

void
cb_transcript_view_append_memo_tooltip (CbTranscriptView *self,
                                        GString          *text,
                                        gint64            offset)
{
  g_autoptr(GPtrArray) memos = cb_transcript_view_list_memos_at (self, offset);

  for (guint i = 0; memos != NULL && i < memos->len; i++)
    {
      const CbMemoInfo *memo = memos->pdata[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line of the transcript's tooltip over a memo's evidence */
      g_string_append_printf (text, _("Memo: %s"), memo->title);
    }
}

void
cb_transcript_view_append_memo_items (CbTranscriptView *self,
                                      GMenu            *menu,
                                      gint64            offset)
{
  g_autoptr(GPtrArray) memos = cb_transcript_view_list_memos_at (self, offset);
  g_autoptr(GMenu) section = NULL;

  if (memos == NULL || memos->len == 0)
    return;
  section = g_menu_new ();
  for (guint i = 0; i < memos->len; i++)
    {
      const CbMemoInfo *memo = memos->pdata[i];
      g_autofree char *label = g_strdup_printf (_("Open Memo “%s”"), memo->title);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-memo", g_variant_new_string (memo->title));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}
