/* cb-store-merge-private.h: what the files of the merge engine share
 * (cb-store-merge-read.c: reading and checking the other project;
 * cb-store-merge.c: documents, coders, codes and codings, copies;
 * cb-store-merge-extras.c: memos, cases, document sets, phases and
 * speaker roles)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-merge.h"

G_BEGIN_DECLS

/* A row of a query: its column values (sqlite3_value copies). */
typedef GPtrArray Row;

#define COL_INT(row, i)   ((gint64) sqlite3_value_int64 ((row)->pdata[i]))
#define COL_TEXT(row, i)  ((const char *) sqlite3_value_text ((row)->pdata[i]))
#define COL_NULL(row, i)  (sqlite3_value_type ((row)->pdata[i]) == SQLITE_NULL)
#define COL_VALUE(row, i) ((sqlite3_value *) (row)->pdata[i])

typedef struct
{
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  gint64  coder;
  char   *uuid;
  char   *created;
  char   *memo;
} TheirCoding;

struct _CbStoreMerge
{
  char          *other_name;
  gboolean       prefer_theirs;
  CbMergeReport *report;

  char       *project_memo;
  GPtrArray  *coders, *documents, *statuses, *speakers, *turns, *codes;
  GArray     *codings;   /* TheirCoding */
  GPtrArray  *memos, *memo_links, *cases, *attributes, *choices, *values, *coverage;
  GPtrArray  *sets, *members, *phases, *roles;

  GHashTable *their_documents;  /* their id → Row */
  GHashTable *their_codes;      /* their id → Row */
  GHashTable *their_speakers;   /* their id → Row */

  /* their id → our id */
  GHashTable *coder_map, *document_map, *code_map, *memo_map, *case_map, *attribute_map, *set_map;
  GHashTable *added_documents;  /* their id of each document added (a set) */

  sqlite3_int64 changes_before;
  gboolean      changed;        /* the write changed a row of ours */
};

static inline void
row_free (gpointer row)
{
  g_ptr_array_unref (row);
}

/* Maps of their ids onto ours (or onto their rows). */
static inline GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static inline void
id_map_set (GHashTable *map,
            gint64      key,
            gpointer    value)
{
  g_hash_table_insert (map, g_memdup2 (&key, sizeof key), value);
}

static inline gpointer
id_map_get (GHashTable *map,
            gint64      key)
{
  return g_hash_table_lookup (map, &key);
}

#define ID_TO_PTR(id) ((gpointer) (gintptr) (id))
#define PTR_TO_ID(p)  ((gint64) (gintptr) (p))

static inline gboolean
run_bound (CbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return stmt != NULL && cb_store_step_done (store, stmt, error);
}


/* Every row of @sql (a string literal) as a Row; each text value must be
 * UTF-8 (else CB_PROJECT_ERROR_CORRUPT naming @table). */
GPtrArray    *_cb_store_merge_read_rows   (CbStore       *store,
                                           const char    *sql,
                                           const char    *table,
                                           GError       **error);
/* Lists a conflict of @kind in the report. */
void          _cb_store_merge_conflict    (CbStoreMerge  *merge,
                                           CbMergeKind    kind,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (3, 4);
/* "kept ours" or "kept theirs", as the merge prefers. */
const char   *_cb_store_merge_kept        (CbStoreMerge  *merge);
/* Ours unless it is empty or theirs is preferred: whether to write
 * @theirs over @ours, listing a real difference (@what) as a conflict. */
gboolean      _cb_store_merge_take_theirs (CbStoreMerge  *merge,
                                           const char    *ours,
                                           const char    *theirs,
                                           CbMergeKind    kind,
                                           const char    *what);
/* A name not in @taken: @name, else "@name (2)", "(3)"… */
char         *_cb_store_merge_free_name   (GHashTable    *taken,
                                           const char    *name);

/* cb-store-merge-extras.c, inside our transaction, after documents,
 * codes and codings are mapped. */
gboolean      _cb_store_merge_memos       (CbStoreMerge  *merge,
                                           CbStore       *ours,
                                           GError       **error);
gboolean      _cb_store_merge_cases       (CbStoreMerge  *merge,
                                           CbStore       *ours,
                                           GError       **error);
gboolean      _cb_store_merge_sets        (CbStoreMerge  *merge,
                                           CbStore       *ours,
                                           GError       **error);
gboolean      _cb_store_merge_phases_and_roles (CbStoreMerge *merge,
                                                CbStore      *ours,
                                                GError      **error);

G_END_DECLS
