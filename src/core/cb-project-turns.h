/* cb-project-turns.h: speakers and their turns in a project's documents
 *
 * Turns are recognised (cb-turns.h) when a document is added, in the same
 * transaction, and kept per document with their speakers.  A speaker is a
 * label of one document: "I" in one interview and "I" in another are two
 * speakers, until auto-coding puts both under the same code.  Renaming a
 * speaker, marking one as the interviewer and auto-coding are each one
 * transaction in the undo journal; none of them changes the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* The code under which auto-coding puts one code per speaker. */
#define CB_SPEAKERS_DEFAULT_PARENT "Sprekers"

typedef struct
{
  gint64    id;
  gint64    document_id;
  char     *name;
  gboolean  is_interviewer;
  gint64    n_turns;
  gint64    n_chars;        /* code points of their turns, labels excluded */
} CbSpeakerInfo;

typedef struct
{
  gint64    id;
  gint64    document_id;
  gint64    speaker_id;
  char     *speaker;
  gboolean  is_interviewer;
  gint64    start;          /* code points, end-exclusive, like every offset */
  gint64    end;
  gint64    text_start;     /* where the words after the label begin */
  char     *timestamp;      /* as written, without brackets; NULL when none */
} CbTurnInfo;

typedef enum
{
  CB_AUTOCODE_NONE                = 0,
  CB_AUTOCODE_SKIP_INTERVIEWERS   = 1 << 0,
} CbAutocodeFlags;

GType          cb_speaker_info_get_type (void) G_GNUC_CONST;
CbSpeakerInfo *cb_speaker_info_copy     (const CbSpeakerInfo *info);
void           cb_speaker_info_free     (CbSpeakerInfo       *info);
GType          cb_turn_info_get_type    (void) G_GNUC_CONST;
CbTurnInfo    *cb_turn_info_copy        (const CbTurnInfo    *info);
void           cb_turn_info_free        (CbTurnInfo          *info);

/* The speakers of @document in order of first appearance. */
GPtrArray   *cb_project_list_speakers           (CbProject        *self,
                                                 const char       *document,
                                                 GError          **error);
/* The turns of @document in text order. */
GPtrArray   *cb_project_list_turns              (CbProject        *self,
                                                 const char       *document,
                                                 GError          **error);

/* The one answer to "which turn holds this": @turns are a document's turns
 * in text order (cb_project_list_turns()).  cb_turn_find_at() gives the turn
 * whose span holds @offset; cb_turn_find_for_span() the turn a quote
 * [@start, @end) is cited by: the first that overlaps it (the one it starts
 * in, or the next when it starts in the blank lines between turns).  NULL
 * when there is none. */
const CbTurnInfo *cb_turn_find_at               (GPtrArray        *turns,
                                                 gint64            offset);
const CbTurnInfo *cb_turn_find_for_span         (GPtrArray        *turns,
                                                 gint64            start,
                                                 gint64            end);

/* Renames speaker @name of @document.  When @new_name is already one of the
 * document's speakers, the two become one (their turns are merged; the
 * result is the interviewer if either was). */
gboolean     cb_project_rename_speaker          (CbProject        *self,
                                                 const char       *document,
                                                 const char       *name,
                                                 const char       *new_name,
                                                 GError          **error);
gboolean     cb_project_set_speaker_interviewer (CbProject        *self,
                                                 const char       *document,
                                                 const char       *name,
                                                 gboolean          is_interviewer,
                                                 GError          **error);

/* Recognises the turns of @document again from its text, replacing its
 * speakers and turns (renames and interviewer marks are lost). */
gboolean     cb_project_detect_turns            (CbProject        *self,
                                                 const char       *document,
                                                 guint            *n_turns,
                                                 GError          **error);

/* What auto-coding did with one speaker code. */
typedef struct
{
  char  *code_path;
  guint  n_turns;           /* turns coded with it (new or already there) */
  guint  n_created;         /* codings that did not exist before */
} CbSpeakerCode;

void         cb_speaker_code_free               (CbSpeakerCode    *code);

/**
 * cb_project_autocode_speakers:
 * @self: a project
 * @document: (nullable): a document, or %NULL for every document with turns
 * @parent: (nullable): the parent code path, %NULL for CB_SPEAKERS_DEFAULT_PARENT
 * @flags: flags
 * @error: a #GError
 *
 * Codes the text of every turn (after its label) with "@parent / SPEAKER",
 * creating the codes as needed, all in one transaction.  Codings that
 * already exist are left as they are, so running it twice changes nothing.
 * A document without turns (or a project without any, for %NULL) is
 * %CB_PROJECT_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (element-type CbSpeakerCode): the codes used, in
 *   order of first use, or %NULL with @error set
 */
GPtrArray   *cb_project_autocode_speakers       (CbProject        *self,
                                                 const char       *document,
                                                 const char       *parent,
                                                 CbAutocodeFlags   flags,
                                                 GError          **error);

/* Core-internal: recognises and stores the turns of a document being added,
 * inside the caller's transaction (cb_project_add_document and imports). */
gboolean     _cb_project_store_turns            (CbProject        *self,
                                                 gint64            document_id,
                                                 const char       *text,
                                                 gsize             length,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSpeakerInfo, cb_speaker_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTurnInfo, cb_turn_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSpeakerCode, cb_speaker_code_free)

G_END_DECLS
