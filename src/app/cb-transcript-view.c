/* cb-transcript-view.c: a transcript with its coded spans and coding stripes
 *
 * A read-only GtkTextView at a comfortable reading width.  Each code that
 * has codings in the document gets one background tag ("cb:code:ID") in its
 * colour; where codings overlap, the codes hidden under the top background
 * add an underline in their colour ("cb:under:ID"), and the gutter shows
 * every coding as its own stripe.  Speaker labels and timestamps get their
 * own tags.  Nothing here computes coding offsets: they come from the
 * project, and GtkTextBuffer offsets are code points just like the core's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-coding-gutter.h"
#include "cb-project-turns.h"
#include "cb-transcript-view.h"
#include "cb-transcript-view-private.h"
#include "cb-transcript-coders.h"

G_DEFINE_FINAL_TYPE (CbTranscriptView, cb_transcript_view, GTK_TYPE_WIDGET)

static void
take_codes (CbTranscriptView *self,
            GPtrArray        *codes)
{
  guint i;

  g_hash_table_remove_all (self->codes);
  for (i = 0; i < codes->len; i++)
    {
      CbCodeInfo *info = cb_code_info_copy (g_ptr_array_index (codes, i));

      g_hash_table_insert (self->codes, &info->id, info);
    }
  self->have_codes = TRUE;
}

/* TRUE when @codes are the codes the view knows, in the same colours and
 * with the same paths. */
static gboolean
same_look (CbTranscriptView *self,
           GPtrArray        *codes)
{
  guint i;

  if (codes->len != g_hash_table_size (self->codes))
    return FALSE;
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);
      const CbCodeInfo *known = g_hash_table_lookup (self->codes, &info->id);

      if (known == NULL || g_strcmp0 (known->color, info->color) != 0 ||
          g_strcmp0 (known->path, info->path) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
reload_codes (CbTranscriptView  *self,
              GError           **error)
{
  g_autoptr(GPtrArray) codes = cb_project_list_codes (self->project, error);

  if (codes == NULL)
    return FALSE;
  take_codes (self, codes);
  return TRUE;
}

static gboolean
reload_codings (CbTranscriptView  *self,
                gboolean           all,
                GError           **error)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GHashTable) old_ids = NULL;
  g_autoptr(GHashTable) new_ids = NULL;
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GHashTable) lost = NULL;
  GtkTextBuffer *buffer = get_buffer (self);
  guint i;

  codings = cb_project_list_document_codings (self->project, self->document_id, error);
  if (codings == NULL)
    return FALSE;
  _cb_transcript_coders_filter (self, codings);

  old = g_steal_pointer (&self->codings);
  self->codings = g_steal_pointer (&codings);

  old_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  new_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  lost = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* id → segment: a coding that an edit of the text moved keeps its id */
  for (i = 0; i < old->len; i++)
    g_hash_table_insert (old_ids, &((CbSegment *) g_ptr_array_index (old, i))->coding_id, g_ptr_array_index (old, i));
  for (i = 0; i < self->codings->len; i++)
    g_hash_table_insert (new_ids, &((CbSegment *) g_ptr_array_index (self->codings, i))->coding_id,
                         g_ptr_array_index (self->codings, i));

  for (i = 0; i < old->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (old, i);
      CbSegment *now = g_hash_table_lookup (new_ids, &segment->coding_id);

      if (all || now == NULL || now->start != segment->start || now->end != segment->end)
        {
          g_hash_table_add (changed, &segment->code_id);
          g_hash_table_add (lost, &segment->code_id);
        }
    }
  for (i = 0; i < self->codings->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (self->codings, i);
      CbSegment *was = g_hash_table_lookup (old_ids, &segment->coding_id);

      if (all || was == NULL || was->start != segment->start || was->end != segment->end)
        g_hash_table_add (changed, &segment->code_id);
    }

  /* A code that lost codings: off where it was, on where it is now (one of
   * its codings may have covered another's).  A code that only gained
   * codings (a new coding, the usual case): on where the new ones are. */
  for (i = 0; i < old->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (old, i);
      GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &segment->code_id);

      if (tag != NULL && g_hash_table_contains (lost, &segment->code_id))
        _cb_transcript_view_tag_range (self, tag, segment->start, segment->end, FALSE);
    }
  for (i = 0; i < self->codings->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (self->codings, i);

      CbSegment *was = g_hash_table_lookup (old_ids, &segment->coding_id);

      if (g_hash_table_contains (lost, &segment->code_id) ||
          (g_hash_table_contains (changed, &segment->code_id) &&
           (was == NULL || was->start != segment->start || was->end != segment->end)))
        _cb_transcript_view_tag_range (self,
                   _cb_transcript_view_ensure_tag (self, self->code_tags, segment->code_id, FALSE),
                   segment->start, segment->end, TRUE);
    }

  _cb_transcript_view_mark_overlaps (self);
  _cb_transcript_view_update_stripes (self);

  /* Search matches stay on top of the highlights. */
  gtk_text_tag_set_priority (self->search_tag,
                             gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (buffer)) - 1);
  return TRUE;
}

/* Speaker labels (and their timestamps) as the core recognised them; an
 * interviewer's labels are dimmed, so the respondent's words stand out. */
static void
apply_turn_markup (CbTranscriptView *self,
                   const char       *document_name)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;
  guint i;

  g_clear_pointer (&self->turns, g_ptr_array_unref);
  self->turns = cb_project_list_turns (self->project, document_name, NULL);
  if (self->turns == NULL)
    self->turns = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_turn_info_free);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->speaker_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->interviewer_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->timestamp_tag, &start, &end);

  for (i = 0; i < self->turns->len; i++)
    {
      const CbTurnInfo *turn = g_ptr_array_index (self->turns, i);
      GtkTextIter label_end, stamp_start, stamp_end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, turn->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &label_end, turn->text_start);
      gtk_text_buffer_apply_tag (buffer, self->speaker_tag, &start, &label_end);
      if (turn->is_interviewer)
        gtk_text_buffer_apply_tag (buffer, self->interviewer_tag, &start, &label_end);

      if (turn->timestamp != NULL &&
          gtk_text_iter_forward_search (&start, turn->timestamp, GTK_TEXT_SEARCH_TEXT_ONLY,
                                        &stamp_start, &stamp_end, &label_end))
        {
          /* The brackets around it too, when there are any. */
          GtkTextIter before = stamp_start;

          if (gtk_text_iter_backward_char (&before) &&
              gtk_text_iter_compare (&before, &start) >= 0 &&
              strchr ("[(#", gtk_text_iter_get_char (&before)) != NULL)
            stamp_start = before;
          if (strchr ("])#", gtk_text_iter_get_char (&stamp_end)) != NULL &&
              gtk_text_iter_compare (&stamp_end, &label_end) < 0)
            gtk_text_iter_forward_char (&stamp_end);
          gtk_text_buffer_remove_tag (buffer, self->speaker_tag, &stamp_start, &stamp_end);
          gtk_text_buffer_remove_tag (buffer, self->interviewer_tag, &stamp_start, &stamp_end);
          gtk_text_buffer_apply_tag (buffer, self->timestamp_tag, &stamp_start, &stamp_end);
        }
    }
}

const CbTurnInfo *
cb_transcript_view_get_turn_at (CbTranscriptView *self,
                                gint64            offset)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  return cb_turn_find_at (self->turns, offset);
}

gboolean
cb_transcript_view_reload_turns (CbTranscriptView *self,
                                 const char       *document_name)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (self->project == NULL || self->document_id == 0)
    return FALSE;
  if (document_name != self->document_name)
    {
      g_free (self->document_name);
      self->document_name = g_strdup (document_name);
    }
  apply_turn_markup (self, document_name);
  return TRUE;
}

static void
cb_transcript_view_dispose (GObject *object)
{
  CbTranscriptView *self = (CbTranscriptView *)object;

  _cb_transcript_view_dispose_edit (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_TRANSCRIPT_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->project);

  G_OBJECT_CLASS (cb_transcript_view_parent_class)->dispose (object);
}

static void
cb_transcript_view_finalize (GObject *object)
{
  CbTranscriptView *self = (CbTranscriptView *)object;

  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->turns, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->code_tags, g_hash_table_unref);
  g_clear_pointer (&self->under_tags, g_hash_table_unref);
  g_clear_pointer (&self->search_matches, g_array_unref);
  g_clear_pointer (&self->under_spans, g_array_unref);
  g_clear_pointer (&self->document_name, g_free);
  g_clear_object (&self->size_provider);

  G_OBJECT_CLASS (cb_transcript_view_parent_class)->finalize (object);
}

static gboolean
cb_transcript_view_grab_focus (GtkWidget *widget)
{
  CbTranscriptView *self = CB_TRANSCRIPT_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
cb_transcript_view_class_init (CbTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_transcript_view_dispose;
  object_class->finalize = cb_transcript_view_finalize;
  widget_class->grab_focus = cb_transcript_view_grab_focus;

  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CbTranscriptView, text_view);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_query_tooltip",
                                                G_CALLBACK (_cb_transcript_view_on_query_tooltip));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "transcriptview");

  gtk_widget_class_install_action (widget_class, "transcript.copy", NULL, _cb_transcript_view_copy_action);
  gtk_widget_class_install_action (widget_class, "transcript.copy-citation", NULL, _cb_transcript_view_copy_citation_action);
}

static void
cb_transcript_view_init (CbTranscriptView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) cb_code_info_free);
  self->code_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->under_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->search_matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->under_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
  self->show_stripes = TRUE;

  buffer = get_buffer (self);
  /* Read-only: the text view's own undo (and its Ctrl+Z) has nothing to
   * do; Ctrl+Z is the project's. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  self->speaker_tag = gtk_text_buffer_create_tag (buffer, "cb:speaker",
                                                  "weight", PANGO_WEIGHT_BOLD,
                                                  NULL);
  self->interviewer_tag = gtk_text_buffer_create_tag (buffer, "cb:interviewer",
                                                      "foreground", "#77767b",
                                                      "weight", PANGO_WEIGHT_NORMAL,
                                                      NULL);
  self->timestamp_tag = gtk_text_buffer_create_tag (buffer, "cb:timestamp",
                                                    "family", "monospace",
                                                    "scale", 0.85,
                                                    "foreground", "#77767b",
                                                    NULL);
  self->search_tag = gtk_text_buffer_create_tag (buffer, "cb:search",
                                                 "background", "#f8e45c",
                                                 "foreground", "#000000",
                                                 NULL);

  self->gutter = cb_coding_gutter_new (self->text_view);
  gtk_text_view_set_gutter (self->text_view, GTK_TEXT_WINDOW_LEFT, self->gutter);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (_cb_transcript_view_on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (_cb_transcript_view_on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcript"),
                                  -1);
  cb_transcript_view_set_text_size (self, 12);
  _cb_transcript_coders_init (self);
  _cb_transcript_view_init_edit (self);
}

GtkWidget *
cb_transcript_view_new (void)
{
  return g_object_new (CB_TYPE_TRANSCRIPT_VIEW, NULL);
}

void
cb_transcript_view_set_project (CbTranscriptView *self,
                                CbProject        *project)
{
  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (!project || CB_IS_PROJECT (project));

  cb_transcript_view_clear (self);
  g_set_object (&self->project, project);
  self->have_codes = FALSE;
}

void
cb_transcript_view_clear (CbTranscriptView *self)
{
  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  cb_transcript_view_flush_edit (self);
  _cb_transcript_view_set_edit_base (self, NULL, 0);
  self->document_id = 0;
  g_clear_pointer (&self->document_name, g_free);
  g_ptr_array_set_size (self->codings, 0);
  g_clear_pointer (&self->turns, g_ptr_array_unref);
  g_array_set_size (self->under_spans, 0);
  g_array_set_size (self->search_matches, 0);
  gtk_text_buffer_set_text (get_buffer (self), "", 0);
  _cb_transcript_view_update_stripes (self);
  cb_transcript_view_reload_phases (self);
  cb_transcript_view_reload_memo_marks (self);
}

gboolean
cb_transcript_view_load_document (CbTranscriptView  *self,
                                  gint64             document_id,
                                  const char        *document_name,
                                  GError           **error)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start;
  gsize length = 0;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  cb_transcript_view_flush_edit (self);
  text = cb_project_dup_document_text (self->project, document_id, &length, error);
  if (text == NULL)
    return FALSE;

  if (!self->have_codes && !reload_codes (self, error))
    return FALSE;

  buffer = get_buffer (self);
  self->document_id = document_id;
  g_free (self->document_name);
  self->document_name = g_strdup (document_name);
  g_ptr_array_set_size (self->codings, 0);
  g_array_set_size (self->under_spans, 0);
  g_array_set_size (self->search_matches, 0);
  gtk_text_buffer_set_text (buffer, text, length);
  _cb_transcript_view_set_edit_base (self, text, length);
  apply_turn_markup (self, document_name);
  cb_transcript_view_reload_phases (self);
  cb_transcript_view_reload_memo_marks (self);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), 0);

  return reload_codings (self, TRUE, error);
}

gint64
cb_transcript_view_get_document_id (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), 0);
  return self->document_id;
}

gboolean
cb_transcript_view_refresh (CbTranscriptView  *self,
                            CbChangeFlags      flags,
                            GPtrArray         *codes,
                            GError           **error)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  /* Codings are counted in the codes, so CB_CHANGE_CODES comes with every
   * new coding; when no colour or path changed, there is nothing to redo. */
  if (codes != NULL && (flags & CB_CHANGE_CODINGS) == 0 && self->have_codes &&
      same_look (self, codes))
    return TRUE;

  if (codes != NULL)
    take_codes (self, codes);
  else if ((flags & CB_CHANGE_CODES) != 0)
    self->have_codes = FALSE;

  if (self->project == NULL || self->document_id == 0)
    return TRUE;

  /* an edit, or an edit undone: the text itself */
  if ((flags & CB_CHANGE_CODINGS) != 0)
    _cb_transcript_view_sync_text (self);

  if ((flags & CB_CHANGE_CODES) != 0)
    {
      GHashTableIter iter;
      gpointer key;

      if (!self->have_codes && !reload_codes (self, error))
        return FALSE;

      /* New colours and paths go straight into the existing tags. */
      g_hash_table_iter_init (&iter, self->code_tags);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        _cb_transcript_view_ensure_tag (self, self->code_tags, *(gint64 *) key, FALSE);
      g_hash_table_iter_init (&iter, self->under_tags);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        _cb_transcript_view_ensure_tag (self, self->under_tags, *(gint64 *) key, TRUE);
    }

  if ((flags & (CB_CHANGE_CODES | CB_CHANGE_CODINGS)) != 0)
    return reload_codings (self, FALSE, error);

  return TRUE;
}

GtkTextView *
cb_transcript_view_get_text_view (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->text_view;
}

GtkWidget *
cb_transcript_view_get_gutter (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->gutter;
}

GtkTextTag *
cb_transcript_view_get_code_tag (CbTranscriptView *self,
                                 gint64            code_id)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return g_hash_table_lookup (self->code_tags, &code_id);
}

GPtrArray *
cb_transcript_view_get_codings (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->codings;
}

gboolean
cb_transcript_view_get_selection (CbTranscriptView *self,
                                  gint64           *start,
                                  gint64           *end)
{
  GtkTextIter a, b;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (self->document_id == 0 ||
      !gtk_text_buffer_get_selection_bounds (get_buffer (self), &a, &b))
    return FALSE;

  if (start != NULL)
    *start = gtk_text_iter_get_offset (&a);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&b);
  return TRUE;
}

char *
cb_transcript_view_dup_selected_text (CbTranscriptView *self)
{
  GtkTextIter a, b;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);

  if (!gtk_text_buffer_get_selection_bounds (get_buffer (self), &a, &b))
    return NULL;
  return gtk_text_iter_get_slice (&a, &b);
}

void
cb_transcript_view_select_range (CbTranscriptView *self,
                                 gint64            start,
                                 gint64            end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer),
                                0.1, TRUE, 0.0, 0.3);
}

void
cb_transcript_view_set_selection (CbTranscriptView *self,
                                  gint64            start,
                                  gint64            end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

void
cb_transcript_view_get_selection_rect (CbTranscriptView *self,
                                       GdkRectangle     *rect)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;
  GdkRectangle location;
  double x, y;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (rect != NULL);

  buffer = get_buffer (self);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    gtk_text_buffer_get_iter_at_mark (buffer, &b, gtk_text_buffer_get_insert (buffer));

  gtk_text_view_get_iter_location (self->text_view, &b, &location);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y,
                                         &location.x, &location.y);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                         location.x, location.y, &x, &y))
    x = y = 0;

  rect->x = (int) x;
  rect->y = (int) y;
  rect->width = MAX (location.width, 1);
  rect->height = location.height;
}

void
cb_transcript_view_set_show_stripes (CbTranscriptView *self,
                                     gboolean          show)
{
  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  show = !!show;
  if (self->show_stripes == show)
    return;
  self->show_stripes = show;
  _cb_transcript_view_update_stripes (self);
}

void
cb_transcript_view_set_text_size (CbTranscriptView *self,
                                  int               points)
{
  g_autofree char *css = NULL;
  GtkStyleContext *context;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  context = gtk_widget_get_style_context (GTK_WIDGET (self->text_view));
  if (self->size_provider == NULL)
    {
      self->size_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider (context, GTK_STYLE_PROVIDER (self->size_provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  css = g_strdup_printf ("textview { font-size: %dpt; }", CLAMP (points, 6, 48));
  gtk_css_provider_load_from_data (self->size_provider, css, -1);
}

void
cb_transcript_view_set_search_matches (CbTranscriptView *self,
                                       GArray           *pairs)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint i;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->search_tag, &start, &end);
  g_array_set_size (self->search_matches, 0);

  if (pairs == NULL)
    return;

  for (i = 0; i + 1 < pairs->len; i += 2)
    {
      gint64 a = g_array_index (pairs, gint64, i);
      gint64 b = g_array_index (pairs, gint64, i + 1);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, a);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, b);
      gtk_text_buffer_apply_tag (buffer, self->search_tag, &start, &end);
      g_array_append_val (self->search_matches, a);
      g_array_append_val (self->search_matches, b);
    }
}

gboolean
cb_transcript_view_search_next (CbTranscriptView *self,
                                gboolean          backward)
{
  GtkTextBuffer *buffer;
  GtkTextIter cursor, bound;
  gint64 from, to;
  guint n, i;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  n = self->search_matches->len / 2;
  if (n == 0)
    return FALSE;

  buffer = get_buffer (self);
  gtk_text_buffer_get_selection_bounds (buffer, &cursor, &bound);
  from = gtk_text_iter_get_offset (&cursor);
  to = gtk_text_iter_get_offset (&bound);

  if (!backward)
    {
      for (i = 0; i < n; i++)
        if (g_array_index (self->search_matches, gint64, 2 * i) >= to &&
            g_array_index (self->search_matches, gint64, 2 * i) != from)
          break;
      if (i == n)
        i = 0;
    }
  else
    {
      for (i = n; i-- > 0;)
        if (g_array_index (self->search_matches, gint64, 2 * i) < from)
          break;
      if (i == G_MAXUINT)
        i = n - 1;
    }

  cb_transcript_view_select_range (self,
                                   g_array_index (self->search_matches, gint64, 2 * i),
                                   g_array_index (self->search_matches, gint64, 2 * i + 1));
  return TRUE;
}

GArray *
cb_transcript_view_get_search_matches (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->search_matches;
}
