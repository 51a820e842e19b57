/* cb-transcript-tags.c: how codings look in the transcript
 *
 * One background tag per code in its colour; where codings overlap, the codes
 * hidden under the top background add an underline tag, and the gutter gets
 * one stripe per coding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-coding-gutter.h"
#include "cb-transcript-view-private.h"
#include "cb-transcript-coders.h"

#define HIGHLIGHT_ALPHA 0.30

GtkTextTag *
_cb_transcript_view_ensure_tag (CbTranscriptView *self,
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

void
_cb_transcript_view_tag_range (CbTranscriptView *self,
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
void
_cb_transcript_view_mark_overlaps (CbTranscriptView *self)
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
        _cb_transcript_view_tag_range (self, tag, span->start, span->end, FALSE);
    }
  for (i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (!g_hash_table_contains (old_set, span))
        _cb_transcript_view_tag_range (self, _cb_transcript_view_ensure_tag (self, self->under_tags, span->code_id, TRUE),
                   span->start, span->end, TRUE);
    }

  g_hash_table_remove_all (old_set);   /* it points into under_spans */
  g_array_set_size (self->under_spans, 0);
  g_array_append_vals (self->under_spans, spans->data, spans->len);
}

void
_cb_transcript_view_update_stripes (CbTranscriptView *self)
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
          CbStripe stripe = { segment->start, segment->end, { 0, }, segment->code_path,
                              _cb_transcript_coders_group (self, segment->coder) };

          cb_code_color_to_rgba (info ? info->color : NULL, segment->code_id, &stripe.color);
          g_array_append_val (stripes, stripe);
        }
    }
  cb_coding_gutter_set_stripes (CB_CODING_GUTTER (self->gutter),
                                (const CbStripe *) (gpointer) stripes->data, stripes->len);
  cb_coding_gutter_set_show_stripes (CB_CODING_GUTTER (self->gutter), self->show_stripes);
}

/* Re-reads the document's codings and touches only the tags of the codes
 * whose codings changed: applying one coding must repaint in a frame even
 * with hundreds of codings in the document. */
