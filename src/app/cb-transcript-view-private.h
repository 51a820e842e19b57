/* cb-transcript-view-private.h: what the transcript view's files share
 *
 * CbTranscriptView is one widget split over three files: cb-transcript-view.c
 * (loading, selection, search), cb-transcript-tags.c (code highlight and
 * overlap tags, gutter stripes) and cb-transcript-menu.c (tooltip, context
 * menu, Copy and Copy with Citation).  They share the instance struct here;
 * nothing outside src/app/cb-transcript-*.c includes this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cb-transcript-view.h"

G_BEGIN_DECLS

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

  /* Edit mode (cb-transcript-edit.c) */
  GtkWidget          *edit_toggle;    /* our child, over the text */
  char               *edit_base;      /* the stored text the buffer was typed on */
  gulong              edit_changed_id;
  guint               edit_timeout;   /* a pause in typing */
  gboolean            editing;
  gboolean            edit_dirty;     /* typed since edit_base */
};

typedef struct
{
  gint64 start;
  gint64 end;
  gint64 code_id;
} Span;


static inline GtkTextBuffer *
get_buffer (CbTranscriptView *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

/* cb-transcript-tags.c */
GtkTextTag *_cb_transcript_view_ensure_tag     (CbTranscriptView *self,
                                              GHashTable       *tags,
                                              gint64            code_id,
                                              gboolean          underline);
void        _cb_transcript_view_tag_range      (CbTranscriptView *self,
                                              GtkTextTag       *tag,
                                              gint64            start,
                                              gint64            end,
                                              gboolean          apply);
void        _cb_transcript_view_mark_overlaps  (CbTranscriptView *self);
void        _cb_transcript_view_update_stripes (CbTranscriptView *self);

/* cb-transcript-edit.c */
void        _cb_transcript_view_init_edit      (CbTranscriptView *self);
void        _cb_transcript_view_dispose_edit   (CbTranscriptView *self);
void        _cb_transcript_view_set_edit_base  (CbTranscriptView *self,
                                              const char       *text,
                                              gsize             length);
void        _cb_transcript_view_sync_text      (CbTranscriptView *self);

/* cb-transcript-menu.c */
gboolean    _cb_transcript_view_on_query_tooltip     (CbTranscriptView      *self,
                                                      int                    x,
                                                      int                    y,
                                                      gboolean               keyboard_mode,
                                                      GtkTooltip            *tooltip,
                                                      GtkTextView           *view);
void        _cb_transcript_view_on_secondary_pressed (CbTranscriptView      *self,
                                                      int                    n_press,
                                                      double                 x,
                                                      double                 y,
                                                      GtkGestureClick       *gesture);
gboolean    _cb_transcript_view_on_key_pressed       (CbTranscriptView      *self,
                                                      guint                  keyval,
                                                      guint                  keycode,
                                                      GdkModifierType        state,
                                                      GtkEventControllerKey *controller);
void        _cb_transcript_view_copy_action          (GtkWidget             *widget,
                                                      const char            *action_name,
                                                      GVariant              *parameter);
void        _cb_transcript_view_copy_citation_action (GtkWidget             *widget,
                                                      const char            *action_name,
                                                      GVariant              *parameter);

G_END_DECLS
