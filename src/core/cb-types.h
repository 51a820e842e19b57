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

/* The type of a case attribute (issue 15). */
typedef enum
{
  CB_ATTRIBUTE_TEXT,
  CB_ATTRIBUTE_NUMBER,
  CB_ATTRIBUTE_DATE,        /* ISO 8601 "YYYY-MM-DD" in and out */
  CB_ATTRIBUTE_BOOLEAN,     /* "yes" / "no" out */
  CB_ATTRIBUTE_CHOICE,      /* one of an ordered list of values */
} CbAttributeType;

typedef struct
{
  gint64           id;
  char            *uuid;
  char            *name;
  CbAttributeType  type;
  char           **choices;  /* CB_ATTRIBUTE_CHOICE: the allowed values in order; else NULL */
} CbAttributeInfo;

typedef struct
{
  gint64   id;
  char    *uuid;
  char    *name;
  gint64   n_documents;     /* documents it covers (part of) */
  gint64   n_chars;         /* characters covered */
  gint64   n_codings;       /* codings that overlap its coverage */
  char   **values;          /* one per attribute, in the attributes' order; "" when unset */
} CbCaseInfo;

/* The name of @type ("text", "number", …) and back. */
const char     *cb_attribute_type_to_string   (CbAttributeType type);
gboolean        cb_attribute_type_from_string (const char      *name,
                                               CbAttributeType *type);

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

GType            cb_attribute_info_get_type (void) G_GNUC_CONST;
CbAttributeInfo *cb_attribute_info_copy     (const CbAttributeInfo *info);
void             cb_attribute_info_free     (CbAttributeInfo       *info);
GType            cb_case_info_get_type      (void) G_GNUC_CONST;
CbCaseInfo      *cb_case_info_copy          (const CbCaseInfo      *info);
void             cb_case_info_free          (CbCaseInfo            *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbAttributeInfo, cb_attribute_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCaseInfo, cb_case_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDocumentInfo, cb_document_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCodeInfo, cb_code_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSegment, cb_segment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCoderInfo, cb_coder_info_free)

/* Runs @func (once) in @context (NULL: the global default) from an idle
 * source, whichever thread calls: unlike g_main_context_invoke(), never in
 * the calling thread, which may be a worker when nobody holds @context. */
void cb_main_context_post (GMainContext   *context,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  notify);

G_END_DECLS
