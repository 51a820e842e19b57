/* cb-transcript-coders.h: which coders' codings the transcript shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-transcript-view.h"

G_BEGIN_DECLS

typedef enum
{
  CB_CODER_FILTER_ALL,        /* every coder's codings */
  CB_CODER_FILTER_ONE,        /* coder A's alone */
  CB_CODER_FILTER_COMPARE,    /* A's and B's; the gutter a lane set per coder */
} CbCoderFilterMode;

/* Shows the codings of every coder, of @a alone, or of @a and @b side by
 * side (the highlights of both, the stripes in one lane set per coder),
 * as the selector at the transcript's top right does.  FALSE with @error
 * when the codings cannot be read again. */
gboolean           cb_transcript_view_set_coder_filter (CbTranscriptView  *self,
                                                        CbCoderFilterMode  mode,
                                                        const char        *a,
                                                        const char        *b,
                                                        GError           **error);
CbCoderFilterMode  cb_transcript_view_get_coder_filter (CbTranscriptView  *self);

/* For the transcript's own files (cb-transcript-*.c). */
void               _cb_transcript_coders_init          (CbTranscriptView  *self);
/* Drops from @codings (element-type CbSegment) those the filter hides;
 * refreshes the selector's list of coders. */
void               _cb_transcript_coders_filter        (CbTranscriptView  *self,
                                                        GPtrArray         *codings);
/* The gutter lane set of @coder's stripes: 1 for coder B when comparing,
 * else 0. */
guint              _cb_transcript_coders_group         (CbTranscriptView  *self,
                                                        const char        *coder);

G_END_DECLS
