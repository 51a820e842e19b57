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
#include "cb-quote-formats.h"
#include "cb-transcript-view.h"

#define HIGHLIGHT_ALPHA 0.30

struct _CbTranscriptView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  GtkTextView        *text_view;

  /* Owned */
  CbProject          *project;
  GtkWidget          *gutter;
  GtkWidget          *context_menu;   /* GtkPopoverMenu, our child */
  char               *document_name;
  GtkCssProvider     *size_provider;
  GPtrArray          *codings;        /* of CbSegment */
  GHashTable         *codes;          /* code id -> CbCodeInfo */
  GHashTable         *code_tags;      /* code id -> GtkTextTag (background) */
  GHashTable         *under_tags;     /* code id -> GtkTextTag (underline) */
  GArray             *search_matches; /* pairs of gint64 */
  GPtrArray          *turns;          /* of CbTurnInfo, in text order */
  GtkTextTag         *speaker_tag;
  GtkTextTag         *interviewer_tag;
  GtkTextTag         *timestamp_tag;
  GtkTextTag         *search_tag;
  GArray             *under_spans;    /* of Span: underlines applied */
  gint64              document_id;
  gboolean            show_stripes;
  gboolean            have_codes;
};

typedef struct
{
  gint64 start;
  gint64 end;
  gint64 code_id;
} Span;

G_DEFINE_FINAL_TYPE (CbTranscriptView, cb_transcript_view, GTK_TYPE_WIDGET)

static GtkTextBuffer *
get_buffer (CbTranscriptView *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

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

static GtkTextTag *
ensure_tag (CbTranscriptView *self,
            GHashTable       *tags,
            gint64            code_id,
            gboolean          underline)
{
  GtkTextTag *tag = g_hash_table_lookup (tags, &code_id);
  CbCodeInfo *info = g_hash_table_lookup (self->codes, &code_id);
  GdkRGBA rgba;

  if (tag == NULL)
    {
      g_autofree char *name = g_strdup_printf (underline ? "cb:under:%" G_GINT64_FORMAT
                                                         : "cb:code:%" G_GINT64_FORMAT,
                                               code_id);
      gint64 *key = g_new (gint64, 1);

      *key = code_id;
      tag = gtk_text_buffer_create_tag (get_buffer (self), name, NULL);
      g_hash_table_insert (tags, key, tag);
    }

  cb_code_color_to_rgba (info ? info->color : NULL, code_id, &rgba);
  /* Setting a tag's look invalidates its ranges: only when it changed. */
  {
    GdkRGBA *current = g_object_get_data (G_OBJECT (tag), "cb-rgba");

    if (current == NULL || !gdk_rgba_equal (current, &rgba))
      {
        g_object_set_data_full (G_OBJECT (tag), "cb-rgba", gdk_rgba_copy (&rgba),
                                (GDestroyNotify) gdk_rgba_free);
        if (underline)
          {
            rgba.alpha = 1.0;
            g_object_set (tag,
                          "underline", PANGO_UNDERLINE_DOUBLE,
                          "underline-rgba", &rgba,
                          NULL);
          }
        else
          {
            rgba.alpha = HIGHLIGHT_ALPHA;
            g_object_set (tag, "background-rgba", &rgba, NULL);
          }
      }
  }
  if (info != NULL || g_object_get_data (G_OBJECT (tag), "cb-code-path") == NULL)
    g_object_set_data_full (G_OBJECT (tag), "cb-code-path",
                            g_strdup (info ? info->path : NULL), g_free);
  return tag;
}

typedef struct
{
  gint64 offset;
  int    delta;      /* +1 opens, -1 closes */
  guint  index;      /* into self->codings */
} Boundary;

static int
compare_boundaries (gconstpointer a,
                    gconstpointer b)
{
  const Boundary *ba = a;
  const Boundary *bb = b;

  if (ba->offset != bb->offset)
    return ba->offset < bb->offset ? -1 : 1;
  return ba->delta - bb->delta;   /* closes before opens */
}

static void
tag_range (CbTranscriptView *self,
           GtkTextTag       *tag,
           gint64            start,
           gint64            end,
           gboolean          apply)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  if (apply)
    gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
  else
    gtk_text_buffer_remove_tag (buffer, tag, &a, &b);
}

static guint
span_hash (gconstpointer key)
{
  const Span *span = key;

  return (guint) (span->start * 31 + span->end * 17 + span->code_id);
}

static gboolean
span_equal (gconstpointer a,
            gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  return sa->start == sb->start && sa->end == sb->end && sa->code_id == sb->code_id;
}

/* Where two or more codings overlap, underline the span in the colours of
 * the codes under the topmost background, so no code disappears.  Only the
 * underlines that differ from the last pass are toggled: every toggled range
 * must be laid out again before the next frame. */
static void
mark_overlaps (CbTranscriptView *self)
{
  g_autoptr(GArray) bounds = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GHashTable) old_set = NULL;
  g_autoptr(GHashTable) new_set = NULL;
  guint i;

  bounds = g_array_sized_new (FALSE, FALSE, sizeof (Boundary), self->codings->len * 2);
  for (i = 0; i < self->codings->len; i++)
    {
      const CbSegment *segment = g_ptr_array_index (self->codings, i);
      Boundary open_b = { segment->start, +1, i };
      Boundary close_b = { segment->end, -1, i };

      g_array_append_val (bounds, open_b);
      g_array_append_val (bounds, close_b);
    }
  g_array_sort (bounds, compare_boundaries);

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  open = g_ptr_array_new ();
  for (i = 0; i < bounds->len; i++)
    {
      const Boundary *b = &g_array_index (bounds, Boundary, i);
      const CbSegment *segment = g_ptr_array_index (self->codings, b->index);

      if (b->delta > 0)
        g_ptr_array_add (open, (gpointer) segment);
      else
        g_ptr_array_remove_fast (open, (gpointer) segment);

      if (open->len >= 2 && i + 1 < bounds->len)
        {
          gint64 next = g_array_index (bounds, Boundary, i + 1).offset;
          gint64 top_code = 0;
          int top_priority = -1;
          guint j;

          if (next <= b->offset)
            continue;

          for (j = 0; j < open->len; j++)
            {
              const CbSegment *s = g_ptr_array_index (open, j);
              GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &s->code_id);
              int priority = tag ? gtk_text_tag_get_priority (tag) : -1;

              if (priority > top_priority)
                {
                  top_priority = priority;
                  top_code = s->code_id;
                }
            }

          for (j = 0; j < open->len; j++)
            {
              const CbSegment *s = g_ptr_array_index (open, j);
              Span span = { b->offset, next, s->code_id };

              if (s->code_id != top_code)
                g_array_append_val (spans, span);
            }
        }
    }

  /* Old spans of one pass never overlap each other (they lie between
   * consecutive boundaries), so taking away the ones that went cannot
   * clear a part of one that stays. */
  old_set = g_hash_table_new (span_hash, span_equal);
  new_set = g_hash_table_new (span_hash, span_equal);
  for (i = 0; i < self->under_spans->len; i++)
    g_hash_table_add (old_set, &g_array_index (self->under_spans, Span, i));
  for (i = 0; i < spans->len; i++)
    g_hash_table_add (new_set, &g_array_index (spans, Span, i));

  for (i = 0; i < self->under_spans->len; i++)
    {
      const Span *span = &g_array_index (self->under_spans, Span, i);
      GtkTextTag *tag = g_hash_table_lookup (self->under_tags, &span->code_id);

      if (tag != NULL && !g_hash_table_contains (new_set, span))
        tag_range (self, tag, span->start, span->end, FALSE);
    }
  for (i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (!g_hash_table_contains (old_set, span))
        tag_range (self, ensure_tag (self, self->under_tags, span->code_id, TRUE),
                   span->start, span->end, TRUE);
    }

  g_hash_table_remove_all (old_set);   /* it points into under_spans */
  g_array_set_size (self->under_spans, 0);
  g_array_append_vals (self->under_spans, spans->data, spans->len);
}

static void
update_stripes (CbTranscriptView *self)
{
  g_autoptr(GArray) stripes = NULL;
  guint i;

  stripes = g_array_sized_new (FALSE, FALSE, sizeof (CbStripe), self->codings->len);
  if (self->show_stripes)
    {
      for (i = 0; i < self->codings->len; i++)
        {
          const CbSegment *segment = g_ptr_array_index (self->codings, i);
          CbCodeInfo *info = g_hash_table_lookup (self->codes, &segment->code_id);
          CbStripe stripe = { segment->start, segment->end, { 0, }, segment->code_path };

          cb_code_color_to_rgba (info ? info->color : NULL, segment->code_id, &stripe.color);
          g_array_append_val (stripes, stripe);
        }
    }
  cb_coding_gutter_set_stripes (CB_CODING_GUTTER (self->gutter),
                                (const CbStripe *) (gpointer) stripes->data, stripes->len);
  gtk_widget_set_visible (self->gutter, self->show_stripes);
}

/* Re-reads the document's codings and touches only the tags of the codes
 * whose codings changed: applying one coding must repaint in a frame even
 * with hundreds of codings in the document. */
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

  old = g_steal_pointer (&self->codings);
  self->codings = g_steal_pointer (&codings);

  old_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  new_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  lost = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (i = 0; i < old->len; i++)
    g_hash_table_add (old_ids, &((CbSegment *) g_ptr_array_index (old, i))->coding_id);
  for (i = 0; i < self->codings->len; i++)
    g_hash_table_add (new_ids, &((CbSegment *) g_ptr_array_index (self->codings, i))->coding_id);

  for (i = 0; i < old->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (old, i);

      if (all || !g_hash_table_contains (new_ids, &segment->coding_id))
        {
          g_hash_table_add (changed, &segment->code_id);
          g_hash_table_add (lost, &segment->code_id);
        }
    }
  for (i = 0; i < self->codings->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (self->codings, i);

      if (all || !g_hash_table_contains (old_ids, &segment->coding_id))
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
        tag_range (self, tag, segment->start, segment->end, FALSE);
    }
  for (i = 0; i < self->codings->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (self->codings, i);

      if (g_hash_table_contains (lost, &segment->code_id) ||
          (g_hash_table_contains (changed, &segment->code_id) &&
           !g_hash_table_contains (old_ids, &segment->coding_id)))
        tag_range (self,
                   ensure_tag (self, self->code_tags, segment->code_id, FALSE),
                   segment->start, segment->end, TRUE);
    }

  mark_overlaps (self);
  update_stripes (self);

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

static gboolean
on_query_tooltip (CbTranscriptView *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip,
                  GtkTextView      *view)
{
  g_autoptr(GPtrArray) found = NULL;
  GString *text;
  GtkTextIter iter;
  int bx, by;
  guint i;

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

  found = codings_at (self, gtk_text_iter_get_offset (&iter));
  if (found->len == 0)
    return FALSE;

  text = g_string_new (NULL);
  for (i = 0; i < found->len; i++)
    {
      const CbSegment *segment = g_ptr_array_index (found, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, segment->code_path);
    }
  gtk_tooltip_set_text (tooltip, text->str);
  g_string_free (text, TRUE);
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

static void
on_secondary_pressed (CbTranscriptView *self,
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

static gboolean
on_key_pressed (CbTranscriptView      *self,
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

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbTranscriptView *self = CB_TRANSCRIPT_VIEW (widget);

  gtk_text_buffer_copy_clipboard (get_buffer (self), gtk_widget_get_clipboard (widget));
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbTranscriptView *self = CB_TRANSCRIPT_VIEW (widget);
  g_autofree char *text = cb_transcript_view_dup_citation_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
cb_transcript_view_dispose (GObject *object)
{
  CbTranscriptView *self = (CbTranscriptView *)object;

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
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "transcriptview");

  gtk_widget_class_install_action (widget_class, "transcript.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "transcript.copy-citation", NULL, copy_citation_action);
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
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
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

  self->document_id = 0;
  g_clear_pointer (&self->document_name, g_free);
  g_ptr_array_set_size (self->codings, 0);
  g_clear_pointer (&self->turns, g_ptr_array_unref);
  g_array_set_size (self->under_spans, 0);
  g_array_set_size (self->search_matches, 0);
  gtk_text_buffer_set_text (get_buffer (self), "", 0);
  update_stripes (self);
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
  apply_turn_markup (self, document_name);

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

  if ((flags & CB_CHANGE_CODES) != 0)
    {
      GHashTableIter iter;
      gpointer key;

      if (!self->have_codes && !reload_codes (self, error))
        return FALSE;

      /* New colours and paths go straight into the existing tags. */
      g_hash_table_iter_init (&iter, self->code_tags);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        ensure_tag (self, self->code_tags, *(gint64 *) key, FALSE);
      g_hash_table_iter_init (&iter, self->under_tags);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        ensure_tag (self, self->under_tags, *(gint64 *) key, TRUE);
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
  update_stripes (self);
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
