/* cb-project-private.h: what the core's own modules may ask of a CbProject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* Shared by cb-project*.c, which together implement CbProject. */
struct _CbProject
{
  GObject   parent_instance;

  CbStore  *store;
  char     *coder;
  guint     read_depth;      /* nesting of _cb_project_begin_read() */
  gboolean  read_owned;      /* the outermost read began the transaction */

  /* ::changed reaches its handlers in the thread that made the project:
   * a change committed by a worker (an import, a job) is handed over to
   * that thread's main context, so that no handler (a widget) runs in the
   * worker. */
  GThread      *owner_thread;
  GMainContext *owner_context;
  GMutex        changed_lock;
  CbChangeFlags changed_pending;  /* under changed_lock */
};


CbStore  *_cb_project_get_store    (CbProject     *self);

/* A read snapshot: the queries until the matching _cb_project_end_read()
 * see one state of the project even while another program writes to it.
 * Calls nest; inside an operation's write transaction they change nothing.
 * FALSE with @error set when the snapshot cannot begin (then do not call
 * _cb_project_end_read). */
gboolean  _cb_project_begin_read   (CbProject     *self,
                                    GError       **error);
void      _cb_project_end_read     (CbProject     *self);

/* Begins the transaction of an operation: one undo step @undo_label (none
 * when NULL).  End it with _cb_project_finish(). */
gboolean  _cb_project_begin        (CbProject     *self,
                                    const char    *undo_label,
                                    GError       **error);

/* Ends the transaction an operation began: commits and emits ::changed
 * with @changed (unless 0: nothing a user sees) when @ok, rolls back
 * otherwise (returning FALSE). */
gboolean  _cb_project_finish       (CbProject     *self,
                                    gboolean       ok,
                                    CbChangeFlags  changed,
                                    GError       **error);

/* Removes a project file and its -wal, -shm and -journal companions. */
void      _cb_project_remove_files (const char    *path);

/* Emits ::changed with @flags; call after a successful commit. */
void      _cb_project_emit_changed (CbProject     *self,
                                    CbChangeFlags  flags);

/* Id of the document named @name, or 0 with @error set (NOT_FOUND). */
gint64    _cb_project_lookup_document (CbProject  *self,
                                       const char *name,
                                       GError    **error);

/* Id of the code at @path, or 0 with @error set (NOT_FOUND/INVALID). */
gint64    _cb_project_lookup_code  (CbProject     *self,
                                    const char    *path,
                                    GError       **error);

/* Id of the code at @path inside the current transaction, creating it and
 * any missing parents. */
gint64    _cb_project_ensure_code  (CbProject     *self,
                                    const char    *path,
                                    GError       **error);

/* One coding to add: a span of a document and, when it comes from
 * elsewhere (a REFI-QDA import), who made it, when, its uuid and memo. */
typedef struct
{
  gint64      document_id;
  gint64      start;
  gint64      end;
  gint64      coder_id;    /* 0: the project's coder */
  const char *uuid;        /* NULL: a new one */
  const char *created;     /* NULL: now */
  const char *memo;        /* NULL: none */
} CbNewCoding;

/* Adds @n_codings codings of code @code_id inside the current transaction:
 * the one way the core writes codings (apply, batch, code-all-hits,
 * autocode-by-speaker, REFI-QDA import).  A coding already there (same
 * code, span and coder) is kept.  @ids (optional, @n_codings long)
 * receives each coding's id; @n_created (optional) is increased by the
 * number of new ones.  Spans are not checked against the documents. */
gboolean  _cb_project_add_codings_in (CbProject          *self,
                                      gint64              code_id,
                                      const CbNewCoding  *codings,
                                      guint               n_codings,
                                      gint64             *ids,
                                      guint              *n_created,
                                      GError            **error);

/* The "add codings" operation: one transaction and undo step @label that
 * codes @codings with the code at @code_path, creating it and any missing
 * parents.  When nothing is new no undo step is left (and a code created
 * for it is not kept).  @n_created/@n_existing (optional) count them. */
gboolean  _cb_project_add_codings    (CbProject          *self,
                                      const char         *label,
                                      const char         *code_path,
                                      const CbNewCoding  *codings,
                                      guint               n_codings,
                                      guint              *n_created,
                                      guint              *n_existing,
                                      GError            **error);

/* The code tree, depth first (element-type CbCodeInfo); coding counts
 * only when @with_counts. */
GPtrArray *_cb_project_list_codes  (CbProject     *self,
                                    gboolean       with_counts,
                                    GError       **error);

G_END_DECLS
