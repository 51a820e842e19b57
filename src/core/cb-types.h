/* cb-types.h: the plain value types codeboom-core hands to its front ends
 *
 * These are snapshots: the project owns the truth, a front end renders what
 * it was given and asks again after the project's ::changed signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Levels of a code path are joined by " / " (space, slash, space). */
#define CB_CODE_PATH_SEPARATOR " / "

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;
  gint64  n_chars;          /* Unicode code points of the stored text */
  gint64  n_codings;
  char   *source_name;      /* the original file name, without its folder */
  char   *source_sha256;    /* of the original bytes, lower-case hex */
  char   *imported;         /* ISO 8601, UTC */
  char   *memo;
} CbDocumentInfo;

typedef struct
{
  gint64  id;
  char   *uuid;
  gint64  parent_id;        /* 0 at the top level */
  char   *name;
  char   *path;             /* "A / B / C" */
  guint   depth;            /* 0 at the top level */
  gint64  position;         /* among its siblings, from 0 */
  char   *color;            /* "#rrggbb" or NULL */
  char   *description;      /* the code's definition, "" when none */
  char   *memo;
  gint64  n_codings;        /* its own codings */
  gint64  n_codings_total;  /* its own and its descendants' */
} CbCodeInfo;

typedef struct
{
  gint64  coding_id;
  char   *uuid;
  gint64  document_id;
  char   *document_name;
  gint64  code_id;
  char   *code_path;
  gint64  start;            /* code points into the stored text, end-exclusive */
  gint64  end;
  char   *coder;
  char   *created;          /* ISO 8601, UTC */
  char   *memo;
  char   *text;             /* the coded text */
} CbSegment;

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;
} CbCoderInfo;

GType           cb_document_info_get_type (void) G_GNUC_CONST;
CbDocumentInfo *cb_document_info_copy     (const CbDocumentInfo *info);
void            cb_document_info_free     (CbDocumentInfo       *info);
GType           cb_code_info_get_type     (void) G_GNUC_CONST;
CbCodeInfo     *cb_code_info_copy         (const CbCodeInfo     *info);
void            cb_code_info_free         (CbCodeInfo           *info);
GType           cb_segment_get_type       (void) G_GNUC_CONST;
CbSegment      *cb_segment_copy           (const CbSegment      *segment);
void            cb_segment_free           (CbSegment            *segment);
GType           cb_coder_info_get_type    (void) G_GNUC_CONST;
CbCoderInfo    *cb_coder_info_copy        (const CbCoderInfo    *info);
void            cb_coder_info_free        (CbCoderInfo          *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDocumentInfo, cb_document_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCodeInfo, cb_code_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSegment, cb_segment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCoderInfo, cb_coder_info_free)

G_END_DECLS
