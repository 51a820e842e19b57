/* cb-transcript-menu.c: the transcript's tooltip, context menu and copy actions
 *
 * Kept apart from the view proper: it reads the view's codings but never
 * changes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-quote-formats.h"
#include "cb-transcript-view-private.h"

static GPtrArray *
codings_at (CbTranscriptView *self,
            gint64            offset)
{
  GPtrArray *found = g_ptr_array_new ();
  guint i;

  if (self->codings == NULL)
    return found;

  for (i = 0; i < self->codings->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (self->codings, i);

      if (segment->start <= offset && offset < segment->end)
        g_ptr_array_add (found, segment);
    }
  return found;
}

char *
cb_transcript_view_dup_tooltip_text (CbTranscriptView *self,
                                     gint64            offset)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const CbTurnInfo *turn;
  guint i;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  /* The label's text stays as written ("R:"); the name the speaker was
   * given, and their role, show here. */
  turn = cb_transcript_view_get_turn_at (self, offset);
  if (turn != NULL && offset < turn->text_start)
    {
      if (turn->is_interviewer)
        /* Translators: the tooltip of a speaker's label in the transcript */
        g_string_append_printf (text, _("Speaker: %s (interviewer)"), turn->speaker);
      else
        /* Translators: the tooltip of a speaker's label in the transcript */
        g_string_append_printf (text, _("Speaker: %s"), turn->speaker);
    }

  found = codings_at (self, offset);
  for (i = 0; i < found->len; i++)
    {
      const CbSegment *segment = g_ptr_array_index (found, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, segment->code_path);
    }
  cb_transcript_view_append_memo_tooltip (self, text, offset);
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
_cb_transcript_view_on_query_tooltip (CbTranscriptView *self,
                                      int               x,
                                      int               y,
                                      gboolean          keyboard_mode,
                                      GtkTooltip       *tooltip,
                                      GtkTextView      *view)
{
  g_autofree char *text = NULL;
  GtkTextIter iter;
  int bx, by;

  if (keyboard_mode)
    {
      gtk_text_buffer_get_iter_at_mark (get_buffer (self), &iter,
                                        gtk_text_buffer_get_insert (get_buffer (self)));
    }
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }

  text = cb_transcript_view_dup_tooltip_text (self, gtk_text_iter_get_offset (&iter));
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The context menu replaces the text view's own, whose Cut, Paste and
 * Delete never apply to a read-only transcript and whose Undo (Ctrl+Z)
 * would be the text view's, not the project's.  It holds what applies at
 * @offset: with a selection, copying it (plainly or with its citation)
 * and coding it; on a speaker's label, that speaker's commands; on coded
 * text, one "Remove" item per coding there. */
GMenuModel *
cb_transcript_view_build_context_menu (CbTranscriptView *self,
                                       gint64            offset)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) found = NULL;
  const CbTurnInfo *turn;
  gboolean has_selection;
  gint64 start = 0, end = 0;
  guint i;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  found = codings_at (self, offset);
  turn = offset >= 0 ? cb_transcript_view_get_turn_at (self, offset) : NULL;
  has_selection = cb_transcript_view_get_selection (self, NULL, NULL);

  if (has_selection)
    {
      g_autoptr(GMenu) copy_section = g_menu_new ();
      g_autoptr(GMenu) coding_section = g_menu_new ();

      g_menu_append (copy_section, _("_Copy"), "transcript.copy");
      g_menu_append (copy_section, _("Copy with C_itation"), "transcript.copy-citation");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (copy_section));
      g_menu_append (coding_section, _("Code Selection…"), "win.quick-code");
      g_menu_append (coding_section, _("Code In Vivo"), "win.in-vivo");
      if (cb_transcript_view_get_selection (self, &start, &end))
        {
          g_autoptr(GMenuItem) assign = g_menu_item_new (_("Assign Selection to Case…"), NULL);

          /* "": the open document */
          g_menu_item_set_action_and_target_value (assign, "win.assign-case",
                                                   g_variant_new ("(ssxx)", "", "", start, end));
          g_menu_append_item (coding_section, assign);
          cb_transcript_view_append_phase_item (self, coding_section, start, end);
          {
            g_autoptr(GMenuItem) link = g_menu_item_new (_("Link Selection to _Memo…"), NULL);

            g_menu_item_set_action_and_target_value (link, "win.link-memo", g_variant_new ("(xx)", start, end));
            g_menu_append_item (coding_section, link);
          }
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (coding_section));
    }

  /* On a speaker's label: what can be done with that speaker. */
  if (turn != NULL && offset < turn->text_start)
    {
      g_autoptr(GMenu) speaker_section = g_menu_new ();
      g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename Speaker…"), NULL);
      g_autoptr(GMenuItem) role = g_menu_item_new (turn->is_interviewer ? _("Not the _Interviewer")
                                                                        : _("Mark as _Interviewer"),
                                                   NULL);
      /* Translators: heading of the speaker items in the transcript's menu */
      g_autofree char *heading = g_strdup_printf (_("Speaker “%s”"), turn->speaker);

      g_menu_item_set_action_and_target_value (rename, "win.rename-speaker",
                                               g_variant_new_string (turn->speaker));
      g_menu_append_item (speaker_section, rename);
      g_menu_item_set_action_and_target_value (role, "win.set-interviewer",
                                               g_variant_new ("(sb)", turn->speaker,
                                                              !turn->is_interviewer));
      g_menu_append_item (speaker_section, role);
      g_menu_append (speaker_section, _("_Code Turns by Speaker"), "win.autocode-speakers::");
      g_menu_append (speaker_section, _("All _Speakers…"), "win.document-speakers::");
      cb_transcript_view_append_role_menu (self, speaker_section, turn->speaker);
      {
        g_autoptr(GMenuItem) assign = g_menu_item_new (_("_Assign Speaker to Case…"), NULL);
        g_autoptr(GMenuItem) unassign = g_menu_item_new (_("Remove Speaker from Case…"), NULL);

        g_menu_item_set_action_and_target_value (assign, "win.assign-case",
                                                 g_variant_new ("(ssxx)", "", turn->speaker,
                                                                (gint64) -1, (gint64) -1));
        g_menu_append_item (speaker_section, assign);
        g_menu_item_set_action_and_target_value (unassign, "win.unassign-case",
                                                 g_variant_new ("(ssxx)", "", turn->speaker,
                                                                (gint64) -1, (gint64) -1));
        g_menu_append_item (speaker_section, unassign);
      }
      g_menu_append_section (menu, heading, G_MENU_MODEL (speaker_section));
    }

  if (found->len > 0)
    {
      g_autoptr(GMenu) remove_section = g_menu_new ();

      for (i = 0; i < found->len; i++)
        {
          const CbSegment *segment = g_ptr_array_index (found, i);
          g_autofree char *label = g_strdup_printf (_("Remove “%s”"), segment->code_path);
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "win.uncode",
                                                   g_variant_new ("(sxx)", segment->code_path,
                                                                  segment->start, segment->end));
          g_menu_append_item (remove_section, item);
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (remove_section));
    }
  cb_transcript_view_append_memo_items (self, menu, offset);
  cb_transcript_view_append_phase_section (self, menu, offset, has_selection);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Shows the menu for @offset pointing at @x, @y (the text view's
 * coordinates); nothing when nothing applies there. */
static gboolean
popup_context_menu (CbTranscriptView *self,
                    gint64            offset,
                    double            x,
                    double            y)
{
  g_autoptr(GMenuModel) model = NULL;
  GdkRectangle rect;
  double sx, sy;

  if (self->document_id == 0)
    return FALSE;

  model = cb_transcript_view_build_context_menu (self, offset);
  if (g_menu_model_get_n_items (model) == 0)
    return FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.copy",
                                 cb_transcript_view_get_selection (self, NULL, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.copy-citation",
                                 cb_transcript_view_get_selection (self, NULL, NULL));

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                         x, y, &sx, &sy))
    sx = sy = 0;
  rect = (GdkRectangle) { (int) sx, (int) sy, 1, 1 };

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  return TRUE;
}

gboolean
cb_transcript_view_popup_context_menu (CbTranscriptView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GdkRectangle location;
  int x, y;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y + location.height, &x, &y);
  return popup_context_menu (self, gtk_text_iter_get_offset (&iter), x, y);
}

GtkPopover *
cb_transcript_view_get_context_menu (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return GTK_POPOVER (self->context_menu);
}

void
_cb_transcript_view_on_secondary_pressed (CbTranscriptView *self,
                                          int               n_press,
                                          double            x,
                                          double            y,
                                          GtkGestureClick  *gesture)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by);
  /* Claimed: the text view shows neither its own menu nor moves the
   * cursor, so the selection to copy or code stays. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, gtk_text_iter_get_offset (&iter), x, y);
}

gboolean
_cb_transcript_view_on_key_pressed (CbTranscriptView      *self,
                                    guint                  keyval,
                                    guint                  keycode,
                                    GdkModifierType        state,
                                    GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Menu ||
      (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    {
      cb_transcript_view_popup_context_menu (self);
      return TRUE;
    }
  return FALSE;
}

static const char *
lookup_field (const char *field,
              gpointer    fields)
{
  return g_hash_table_lookup (fields, field);
}

char *
cb_transcript_view_dup_citation_text (CbTranscriptView *self)
{
  g_autofree char *quote = NULL;
  g_autofree char *citation = NULL;
  g_autoptr(GHashTable) fields = NULL;
  const CbTurnInfo *turn;
  gint64 start;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  if (!cb_transcript_view_get_selection (self, &start, NULL) ||
      (quote = cb_transcript_view_dup_selected_text (self)) == NULL)
    return NULL;

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  turn = cb_transcript_view_get_turn_at (self, start);
  if (self->document_name != NULL)
    g_hash_table_insert (fields, (gpointer) "document", self->document_name);
  if (turn != NULL)
    {
      g_hash_table_insert (fields, (gpointer) "speaker", turn->speaker);
      if (turn->timestamp != NULL)
        g_hash_table_insert (fields, (gpointer) "timestamp", turn->timestamp);
    }
  citation = cb_quote_format_citation ("({document}, {speaker}, {timestamp})",
                                       lookup_field, fields);
  g_strstrip (quote);
  if (citation[0] == '\0')
    /* Translators: a quote copied from a transcript */
    return g_strdup_printf (_("“%s”"), quote);
  /* Translators: a quote copied from a transcript, then its citation,
   * such as (interview-ma07, R, 00:03:34) */
  return g_strdup_printf (_("“%s” %s"), quote, citation);
}

void
_cb_transcript_view_copy_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CbTranscriptView *self = CB_TRANSCRIPT_VIEW (widget);

  gtk_text_buffer_copy_clipboard (get_buffer (self), gtk_widget_get_clipboard (widget));
}

void
_cb_transcript_view_copy_citation_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  CbTranscriptView *self = CB_TRANSCRIPT_VIEW (widget);
  g_autofree char *text = cb_transcript_view_dup_citation_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

