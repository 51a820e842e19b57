/* cb-store-merge.c: the SQL of merging another project into ours, and of copies for a coder
 *
 * The other project is read whole first, through its own store and in one
 * read snapshot (the other file may be this very project), and checked as
 * untrusted input.  Then, inside our transaction, each kind is matched —
 * by uuid first, then by content or name — and what is not here is added
 * with its ids mapped onto ours.  Matching is done in hash tables over
 * both sides read once, so a merge costs a few scans and one insert per
 * new row, whatever the sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-store-merge.h"
#include "cb-store-turns.h"
#include "cb-text.h"

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

static void
row_free (gpointer row)
{
  g_ptr_array_unref (row);
}

static void
their_coding_clear (gpointer data)
{
  TheirCoding *coding = data;

  g_free (coding->uuid);
  g_free (coding->created);
  g_free (coding->memo);
}

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_map_set (GHashTable *map,
            gint64      key,
            gpointer    value)
{
  g_hash_table_insert (map, g_memdup2 (&key, sizeof key), value);
}

static gpointer
id_map_get (GHashTable *map,
            gint64      key)
{
  return g_hash_table_lookup (map, &key);
}

#define ID_TO_PTR(id) ((gpointer) (gintptr) (id))
#define PTR_TO_ID(p)  ((gint64) (gintptr) (p))

CbStoreMerge *
_cb_store_merge_new (const char    *other_name,
                     gboolean       prefer_theirs,
                     CbMergeReport *report)
{
  CbStoreMerge *merge = g_new0 (CbStoreMerge, 1);

  merge->other_name = g_strdup (other_name);
  merge->prefer_theirs = prefer_theirs;
  merge->report = report;
  merge->codings = g_array_new (FALSE, TRUE, sizeof (TheirCoding));
  g_array_set_clear_func (merge->codings, their_coding_clear);
  merge->their_documents = id_map_new ();
  merge->their_codes = id_map_new ();
  merge->their_speakers = id_map_new ();
  merge->coder_map = id_map_new ();
  merge->document_map = id_map_new ();
  merge->code_map = id_map_new ();
  merge->memo_map = id_map_new ();
  merge->case_map = id_map_new ();
  merge->attribute_map = id_map_new ();
  merge->set_map = id_map_new ();
  merge->added_documents = id_map_new ();
  return merge;
}

void
_cb_store_merge_free (CbStoreMerge *merge)
{
  GPtrArray **tables[] = {
    &merge->coders, &merge->documents, &merge->statuses, &merge->speakers, &merge->turns,
    &merge->codes, &merge->memos, &merge->memo_links, &merge->cases, &merge->attributes,
    &merge->choices, &merge->values, &merge->coverage, &merge->sets, &merge->members,
    &merge->phases, &merge->roles,
  };
  GHashTable **maps[] = {
    &merge->their_documents, &merge->their_codes, &merge->their_speakers, &merge->coder_map,
    &merge->document_map, &merge->code_map, &merge->memo_map, &merge->case_map,
    &merge->attribute_map, &merge->set_map, &merge->added_documents,
  };

  if (merge == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_clear_pointer (tables[i], g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    g_clear_pointer (maps[i], g_hash_table_unref);
  g_clear_pointer (&merge->codings, g_array_unref);
  g_free (merge->project_memo);
  g_free (merge->other_name);
  g_free (merge);
}

static gboolean G_GNUC_PRINTF (2, 3)
damaged (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT, message);
  return FALSE;
}

/* Every row of @sql (a string literal); each text value must be UTF-8. */
static GPtrArray *
read_rows (CbStore     *store,
           const char  *sql,
           const char  *table,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  sqlite3_stmt *stmt = cb_store_prepare (store, sql, error);
  int n;
  int rc;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_column_count (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_ptr_array_new_full (n, (GDestroyNotify) sqlite3_value_free);

      g_ptr_array_add (rows, row);
      for (int i = 0; i < n; i++)
        {
          sqlite3_value *value = sqlite3_value_dup (sqlite3_column_value (stmt, i));

          if (value == NULL)
            {
              sqlite3_reset (stmt);
              g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO, g_strerror (ENOMEM));
              return NULL;
            }
          g_ptr_array_add (row, value);
          if (sqlite3_value_type (value) == SQLITE_TEXT &&
              !cb_text_validate_utf8 ((const char *) sqlite3_value_text (value), sqlite3_value_bytes (value)))
            {
              sqlite3_reset (stmt);
              return damaged (error, _("a text of table “%s” is not valid UTF-8"), table), NULL;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (name == NULL || name[0] == '\0')
    return damaged (error, _("a row of table “%s” has no name"), what);
  if (!cb_name_check_characters (name, &local))
    return damaged (error, _("a name in table “%s” holds a control or text-direction character"), what);
  return TRUE;
}

/* A span of their document @document: it must exist, and 0 ≤ start < end ≤ its length. */
static gboolean
check_span (CbStoreMerge  *merge,
            gint64         document,
            gint64         start,
            gint64         end,
            const char    *what,
            GError       **error)
{
  Row *row = id_map_get (merge->their_documents, document);

  if (row == NULL)
    return damaged (error, _("a row of table “%s” refers to document %" PRId64 ", which does not exist"), what, document);
  if (start < 0 || end <= start || end > COL_INT (row, 3))
    return damaged (error, _("a row of table “%s” spans %" PRId64 "–%" PRId64 " in document “%s”, which has %" PRId64 " characters"),
                    what, start, end, COL_TEXT (row, 2), COL_INT (row, 3));
  return TRUE;
}

static gboolean
check_document (CbStoreMerge  *merge,
                gint64         document,
                const char    *what,
                GError       **error)
{
  if (id_map_get (merge->their_documents, document) == NULL)
    return damaged (error, _("a row of table “%s” refers to document %" PRId64 ", which does not exist"), what, document);
  return TRUE;
}

static gboolean
index_rows (GPtrArray   *rows,
            GHashTable  *index,
            const char  *table,
            GError     **error)
{
  for (guint i = 0; i < rows->len; i++)
    id_map_set (index, COL_INT ((Row *) rows->pdata[i], 0), rows->pdata[i]);
  return TRUE;
}

/* Whether every code reaches a top-level code through its parents (no
 * cycle, no missing parent). */
static gboolean
check_code_tree (CbStoreMerge  *merge,
                 GError       **error)
{
  for (guint i = 0; i < merge->codes->len; i++)
    {
      Row *row = merge->codes->pdata[i];
      guint steps = 0;

      if (!check_name (COL_TEXT (row, 3), "code", error))
        return FALSE;
      while (!COL_NULL (row, 2))
        {
          gint64 parent = COL_INT (row, 2);

          if ((row = id_map_get (merge->their_codes, parent)) == NULL)
            return damaged (error, _("a code’s parent %" PRId64 " does not exist"), parent);
          if (++steps > merge->codes->len)
            return damaged (error, _("the code tree has a cycle"));
        }
    }
  return TRUE;
}

static gboolean
read_and_check (CbStoreMerge  *merge,
                CbStore       *theirs,
                GError       **error)
{
  g_autoptr(GPtrArray) project = NULL;
  GHashTable *coders = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(project = read_rows (theirs, "SELECT memo FROM project", "project", error)) ||
      !(merge->coders = read_rows (theirs, "SELECT id, uuid, name FROM coder ORDER BY id", "coder", error)) ||
      !(merge->documents = read_rows (theirs,
                                      "SELECT id, uuid, name, n_chars, memo, source_name, source_sha256, imported, text"
                                      " FROM document ORDER BY id", "document", error)) ||
      !(merge->statuses = read_rows (theirs, "SELECT document, edited, pseudonymised FROM document_status",
                                     "document_status", error)) ||
      !(merge->speakers = read_rows (theirs, "SELECT id, document, name, is_interviewer FROM speaker ORDER BY id",
                                     "speaker", error)) ||
      !(merge->turns = read_rows (theirs,
                                  "SELECT document, speaker, start, end, text_start, timestamp FROM turn"
                                  " ORDER BY document, start", "turn", error)) ||
      !(merge->codes = read_rows (theirs,
                                  "SELECT id, uuid, parent, name, position, color, description, memo FROM code"
                                  " ORDER BY ifnull (parent, 0), position, id", "code", error)) ||
      !(merge->memos = read_rows (theirs,
                                  "SELECT id, uuid, title, type, level, position, author, created, modified, text"
                                  " FROM memo ORDER BY position, id", "memo", error)) ||
      !(merge->memo_links = read_rows (theirs, "SELECT memo, document, start, end FROM memo_link ORDER BY id",
                                       "memo_link", error)) ||
      !(merge->cases = read_rows (theirs, "SELECT id, uuid, name, memo FROM case_unit ORDER BY id", "case_unit", error)) ||
      !(merge->attributes = read_rows (theirs, "SELECT id, uuid, name, type, position FROM attribute ORDER BY position, id",
                                       "attribute", error)) ||
      !(merge->choices = read_rows (theirs, "SELECT attribute, value FROM attribute_choice ORDER BY attribute, position",
                                    "attribute_choice", error)) ||
      !(merge->values = read_rows (theirs, "SELECT case_unit, attribute, value FROM case_value ORDER BY id",
                                   "case_value", error)) ||
      !(merge->coverage = read_rows (theirs,
                                     "SELECT case_unit, document, speaker, start, end FROM case_coverage ORDER BY id",
                                     "case_coverage", error)) ||
      !(merge->sets = read_rows (theirs, "SELECT id, uuid, name, position, memo FROM document_set ORDER BY position, id",
                                 "document_set", error)) ||
      !(merge->members = read_rows (theirs, "SELECT document_set, document FROM document_set_member ORDER BY id",
                                    "document_set_member", error)) ||
      !(merge->phases = read_rows (theirs, "SELECT document, name, start, end FROM phase ORDER BY document, start",
                                   "phase", error)) ||
      !(merge->roles = read_rows (theirs, "SELECT document, speaker, role FROM speaker_role ORDER BY id",
                                  "speaker_role", error)))
    return FALSE;

  merge->project_memo = project->len > 0 && !COL_NULL ((Row *) project->pdata[0], 0)
    ? g_strdup (COL_TEXT ((Row *) project->pdata[0], 0)) : g_strdup ("");

  /* Documents: the stored length must be the text's. */
  index_rows (merge->documents, merge->their_documents, "document", error);
  for (guint i = 0; i < merge->documents->len; i++)
    {
      Row *row = merge->documents->pdata[i];
      const char *text = COL_TEXT (row, 8);

      if (!check_name (COL_TEXT (row, 2), "document", error))
        return FALSE;
      if (text == NULL || g_utf8_strlen (text, sqlite3_value_bytes (COL_VALUE (row, 8))) != COL_INT (row, 3))
        return damaged (error, _("the length stored for document “%s” is not its text’s"), COL_TEXT (row, 2));
    }

  coders = id_map_new ();
  index_rows (merge->coders, coders, "coder", error);
  for (guint i = 0; i < merge->coders->len; i++)
    if (!check_name (COL_TEXT ((Row *) merge->coders->pdata[i], 2), "coder", error))
      {
        g_hash_table_unref (coders);
        return FALSE;
      }

  index_rows (merge->codes, merge->their_codes, "code", error);
  if (!check_code_tree (merge, error))
    goto failed;

  index_rows (merge->speakers, merge->their_speakers, "speaker", error);
  for (guint i = 0; i < merge->speakers->len; i++)
    {
      Row *row = merge->speakers->pdata[i];

      if (!check_document (merge, COL_INT (row, 1), "speaker", error) ||
          !check_name (COL_TEXT (row, 2), "speaker", error))
        goto failed;
    }
  for (guint i = 0; i < merge->turns->len; i++)
    {
      Row *row = merge->turns->pdata[i];
      Row *speaker = id_map_get (merge->their_speakers, COL_INT (row, 1));

      if (!check_span (merge, COL_INT (row, 0), COL_INT (row, 2), COL_INT (row, 3), "turn", error))
        goto failed;
      if (speaker == NULL || COL_INT (speaker, 1) != COL_INT (row, 0))
        {
          damaged (error, _("a turn’s speaker is not one of its document"));
          goto failed;
        }
    }
  for (guint i = 0; i < merge->statuses->len; i++)
    if (!check_document (merge, COL_INT ((Row *) merge->statuses->pdata[i], 0), "document_status", error))
      goto failed;

  /* Codings: the bulk; read straight into their own array along the
   * covering index. */
  stmt = cb_store_prepare (theirs,
                           "SELECT uuid, document, code, start, end, coder, created, memo FROM coding"
                           " ORDER BY code, document, start, end, coder",
                           error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TheirCoding coding = { 0 };
      const char *strings[3] = {
        (const char *) sqlite3_column_text (stmt, 0),
        (const char *) sqlite3_column_text (stmt, 6),
        (const char *) sqlite3_column_text (stmt, 7),
      };

      coding.document = sqlite3_column_int64 (stmt, 1);
      coding.code = sqlite3_column_int64 (stmt, 2);
      coding.start = sqlite3_column_int64 (stmt, 3);
      coding.end = sqlite3_column_int64 (stmt, 4);
      coding.coder = sqlite3_column_int64 (stmt, 5);
      for (guint s = 0; s < G_N_ELEMENTS (strings); s++)
        if (strings[s] == NULL || !g_utf8_validate (strings[s], -1, NULL))
          {
            sqlite3_reset (stmt);
            damaged (error, _("a text of table “%s” is not valid UTF-8"), "coding");
            goto failed;
          }
      if (!check_span (merge, coding.document, coding.start, coding.end, "coding", error) ||
          (id_map_get (merge->their_codes, coding.code) == NULL &&
           !damaged (error, _("a coding refers to code %" PRId64 ", which does not exist"), coding.code)) ||
          (id_map_get (coders, coding.coder) == NULL &&
           !damaged (error, _("a coding refers to coder %" PRId64 ", which does not exist"), coding.coder)))
        {
          sqlite3_reset (stmt);
          goto failed;
        }
      coding.uuid = g_strdup (strings[0]);
      coding.created = g_strdup (strings[1]);
      coding.memo = g_strdup (strings[2]);
      g_array_append_val (merge->codings, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (theirs, rc, error);
      goto failed;
    }

  for (guint i = 0; i < merge->memos->len; i++)
    {
      Row *row = merge->memos->pdata[i];

      if (!check_name (COL_TEXT (row, 2), "memo", error))
        goto failed;
      if (!COL_NULL (row, 6) && id_map_get (coders, COL_INT (row, 6)) == NULL)
        {
          damaged (error, _("a memo’s author does not exist"));
          goto failed;
        }
    }
  {
    g_autoptr(GHashTable) memos = id_map_new ();
    g_autoptr(GHashTable) cases = id_map_new ();
    g_autoptr(GHashTable) attributes = id_map_new ();
    g_autoptr(GHashTable) sets = id_map_new ();

    index_rows (merge->memos, memos, "memo", error);
    index_rows (merge->cases, cases, "case_unit", error);
    index_rows (merge->attributes, attributes, "attribute", error);
    index_rows (merge->sets, sets, "document_set", error);

    for (guint i = 0; i < merge->memo_links->len; i++)
      {
        Row *row = merge->memo_links->pdata[i];

        if (id_map_get (memos, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a memo’s evidence refers to a memo that does not exist"));
            goto failed;
          }
        if (!check_span (merge, COL_INT (row, 1), COL_INT (row, 2), COL_INT (row, 3), "memo_link", error))
          goto failed;
      }
    for (guint i = 0; i < merge->cases->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->cases->pdata[i], 2), "case_unit", error))
        goto failed;
    for (guint i = 0; i < merge->attributes->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->attributes->pdata[i], 2), "attribute", error))
        goto failed;
    for (guint i = 0; i < merge->choices->len; i++)
      if (id_map_get (attributes, COL_INT ((Row *) merge->choices->pdata[i], 0)) == NULL)
        {
          damaged (error, _("a choice refers to an attribute that does not exist"));
          goto failed;
        }
    for (guint i = 0; i < merge->values->len; i++)
      {
        Row *row = merge->values->pdata[i];

        if (id_map_get (cases, COL_INT (row, 0)) == NULL || id_map_get (attributes, COL_INT (row, 1)) == NULL)
          {
            damaged (error, _("an attribute value refers to a case or attribute that does not exist"));
            goto failed;
          }
      }
    for (guint i = 0; i < merge->coverage->len; i++)
      {
        Row *row = merge->coverage->pdata[i];

        if (id_map_get (cases, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a case’s coverage refers to a case that does not exist"));
            goto failed;
          }
        if (!(COL_NULL (row, 3)
              ? check_document (merge, COL_INT (row, 1), "case_coverage", error)
              : check_span (merge, COL_INT (row, 1), COL_INT (row, 3), COL_INT (row, 4), "case_coverage", error)))
          goto failed;
      }
    for (guint i = 0; i < merge->sets->len; i++)
      if (!check_name (COL_TEXT ((Row *) merge->sets->pdata[i], 2), "document_set", error))
        goto failed;
    for (guint i = 0; i < merge->members->len; i++)
      {
        Row *row = merge->members->pdata[i];

        if (id_map_get (sets, COL_INT (row, 0)) == NULL)
          {
            damaged (error, _("a document set member refers to a set that does not exist"));
            goto failed;
          }
        if (!check_document (merge, COL_INT (row, 1), "document_set_member", error))
          goto failed;
      }
  }
  for (guint i = 0; i < merge->phases->len; i++)
    {
      Row *row = merge->phases->pdata[i];

      if (!check_span (merge, COL_INT (row, 0), COL_INT (row, 2), COL_INT (row, 3), "phase", error))
        goto failed;
    }
  for (guint i = 0; i < merge->roles->len; i++)
    if (!check_document (merge, COL_INT ((Row *) merge->roles->pdata[i], 0), "speaker_role", error))
      goto failed;

  g_hash_table_unref (coders);
  return TRUE;

failed:
  g_hash_table_unref (coders);
  return FALSE;
}

gboolean
_cb_store_merge_read (CbStoreMerge  *merge,
                      CbStore       *theirs,
                      GError       **error)
{
  gboolean ok;

  if (!cb_store_begin_read (theirs, error))
    return FALSE;
  ok = read_and_check (merge, theirs, error);
  cb_store_end_read (theirs);
  return ok;
}

/* Writing into ours */

static void G_GNUC_PRINTF (3, 4)
conflict (CbStoreMerge *merge,
          CbMergeKind   kind,
          const char   *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (merge->report->messages, g_strdup_vprintf (format, args));
  va_end (args);
  merge->report->conflicts[kind]++;
}

static const char *
kept (CbStoreMerge *merge)
{
  return merge->prefer_theirs ? _("kept theirs") : _("kept ours");
}

/* Ours unless it is empty or theirs is preferred: whether to write @theirs
 * over @ours, listing a real difference as a conflict. */
static gboolean
take_theirs (CbStoreMerge *merge,
             const char   *ours,
             const char   *theirs,
             CbMergeKind   kind,
             const char   *what)
{
  if (theirs == NULL || theirs[0] == '\0' || g_strcmp0 (ours, theirs) == 0)
    return FALSE;
  if (ours == NULL || ours[0] == '\0')
    return TRUE;
  conflict (merge, kind, _("%s differs in “%s”: %s"), what, merge->other_name, kept (merge));
  return merge->prefer_theirs;
}

static char *
text_sha256 (const char *text,
             gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

static gboolean
run_bound (CbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  return stmt != NULL && cb_store_step_done (store, stmt, error);
}

/* A name not in @taken: @name, else "@name (2)", "(3)"… */
static char *
free_name (GHashTable *taken,
           const char *name)
{
  char *candidate = g_strdup (name);

  for (guint n = 2; g_hash_table_contains (taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", name, n);
    }
  return candidate;
}

static gboolean
merge_project_memo (CbStoreMerge  *merge,
                    CbStore       *ours,
                    GError       **error)
{
  g_autofree char *memo = _cb_store_dup_project_field (ours, "memo");

  if (!take_theirs (merge, memo, merge->project_memo, CB_MERGE_MEMOS, _("The project memo")))
    return TRUE;
  return _cb_store_set_project_memo (ours, merge->project_memo, error);
}

static gboolean
merge_coders (CbStoreMerge  *merge,
              CbStore       *ours,
              GError       **error)
{
  for (guint i = 0; i < merge->coders->len; i++)
    {
      Row *row = merge->coders->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours, "SELECT id FROM coder WHERE name = ?", error);
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, COL_TEXT (row, 2), -1, SQLITE_TRANSIENT);
      if ((id = cb_store_query_int64 (ours, stmt, 0, error)) < 0)
        return FALSE;
      if (id > 0)
        merge->report->present[CB_MERGE_CODERS]++;
      else if ((id = _cb_store_ensure_coder (ours, COL_TEXT (row, 2), COL_TEXT (row, 1), error)) == 0)
        return FALSE;
      else
        merge->report->added[CB_MERGE_CODERS]++;
      id_map_set (merge->coder_map, COL_INT (row, 0), ID_TO_PTR (id));
    }
  return TRUE;
}

static gboolean
copy_turns (CbStoreMerge  *merge,
            CbStore       *ours,
            gint64         their_document,
            gint64         document,
            GError       **error)
{
  g_autoptr(GHashTable) speakers = id_map_new ();   /* their speaker → ours */

  for (guint i = 0; i < merge->speakers->len; i++)
    {
      Row *row = merge->speakers->pdata[i];
      gint64 id;

      if (COL_INT (row, 1) != their_document)
        continue;
      if ((id = _cb_store_ensure_speaker (ours, document, COL_TEXT (row, 2), error)) == 0 ||
          (COL_INT (row, 3) && !_cb_store_set_speaker_interviewer (ours, id, TRUE, error)))
        return FALSE;
      id_map_set (speakers, COL_INT (row, 0), ID_TO_PTR (id));
    }
  for (guint i = 0; i < merge->turns->len; i++)
    {
      Row *row = merge->turns->pdata[i];

      if (COL_INT (row, 0) != their_document)
        continue;
      if (!_cb_store_insert_turn (ours, document, PTR_TO_ID (id_map_get (speakers, COL_INT (row, 1))),
                                  COL_INT (row, 2), COL_INT (row, 3), COL_INT (row, 4), COL_TEXT (row, 5), error))
        return FALSE;
    }
  return g_hash_table_size (speakers) == 0 || _cb_store_journal_document_turns (ours, document, error);
}

static gboolean
add_document (CbStoreMerge  *merge,
              CbStore       *ours,
              CbStore       *theirs,
              Row           *row,
              const char    *name,
              gboolean       keep_uuid,
              gint64        *id,
              GError       **error)
{
  g_autofree char *uuid = keep_uuid ? g_strdup (COL_TEXT (row, 1)) : cb_store_new_uuid (ours);
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GError) local = NULL;
  CbStoreNewDocument document = { 0 };
  sqlite3_stmt *stmt;

  /* The original file is read only now, for the documents added. */
  source = _cb_store_dup_document_source (theirs, COL_INT (row, 0), &local);
  if (local != NULL && !g_error_matches (local, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  document.uuid = uuid;
  document.name = name;
  document.text = COL_TEXT (row, 8);
  document.length = sqlite3_value_bytes (COL_VALUE (row, 8));
  document.n_chars = COL_INT (row, 3);
  document.source_name = COL_TEXT (row, 5);
  document.source_sha256 = COL_TEXT (row, 6);
  if (source != NULL)
    document.source_bytes = g_bytes_get_data (source, &document.source_length);
  if (document.source_bytes == NULL && source != NULL)
    document.source_bytes = (const guint8 *) "";
  if ((*id = _cb_store_insert_document (ours, &document, error)) == 0)
    return FALSE;

  stmt = cb_store_prepare (ours, "UPDATE document SET memo = ?, imported = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, COL_TEXT (row, 4), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, COL_TEXT (row, 7), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, *id);
  if (!run_bound (ours, stmt, error))
    return FALSE;

  for (guint i = 0; i < merge->statuses->len; i++)
    {
      Row *status = merge->statuses->pdata[i];

      if (COL_INT (status, 0) != COL_INT (row, 0))
        continue;
      stmt = cb_store_prepare (ours, "INSERT INTO document_status (document, edited, pseudonymised) VALUES (?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (status, 1));
      sqlite3_bind_value (stmt, 3, COL_VALUE (status, 2));
      if (!run_bound (ours, stmt, error))
        return FALSE;
    }

  id_map_set (merge->added_documents, COL_INT (row, 0), ID_TO_PTR (*id));
  return copy_turns (merge, ours, COL_INT (row, 0), *id, error);
}

typedef struct
{
  gint64  id;
  char   *name;
  char   *memo;
  char   *sha;
  gboolean claimed;
} OurDocument;

static void
our_document_free (gpointer data)
{
  OurDocument *document = data;

  g_free (document->name);
  g_free (document->memo);
  g_free (document->sha);
  g_free (document);
}

static gboolean
merge_documents (CbStoreMerge  *merge,
                 CbStore       *ours,
                 CbStore       *theirs,
                 GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_document_free);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_sha = g_hash_table_new (g_str_hash, g_str_equal);   /* first unclaimed one wins */
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, name, memo, text FROM document ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurDocument *document = g_new0 (OurDocument, 1);

      document->id = sqlite3_column_int64 (stmt, 0);
      document->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      document->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      document->sha = text_sha256 ((const char *) sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4));
      g_ptr_array_add (list, document);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), document);
      if (!g_hash_table_contains (by_sha, document->sha))
        g_hash_table_insert (by_sha, document->sha, document);
      g_hash_table_add (names, g_strdup (document->name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < merge->documents->len; i++)
    {
      Row *row = merge->documents->pdata[i];
      const char *name = COL_TEXT (row, 2);
      g_autofree char *sha = text_sha256 (COL_TEXT (row, 8), sqlite3_value_bytes (COL_VALUE (row, 8)));
      OurDocument *match = g_hash_table_lookup (by_uuid, COL_TEXT (row, 1));
      gboolean keep_uuid = match == NULL;
      g_autofree char *new_name = NULL;
      gint64 id;

      if (match != NULL && (match->claimed || !g_str_equal (match->sha, sha)))
        {
          /* The same document with another text (edited on one side):
           * their codings belong to their text, so it comes in as a copy. */
          new_name = free_name (names, name);
          conflict (merge, CB_MERGE_DOCUMENTS, _("Document “%s”: its text differs in “%s”; added as “%s”"),
                    name, merge->other_name, new_name);
          match = NULL;
        }
      else if (match == NULL && (match = g_hash_table_lookup (by_sha, sha)) != NULL && match->claimed)
        match = NULL;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of document “%s”"), match->name);

          match->claimed = TRUE;
          /* the next one of the same text may match another of ours */
          if (g_hash_table_lookup (by_sha, sha) == match)
            {
              g_hash_table_remove (by_sha, sha);
              for (guint j = 0; j < list->len; j++)
                {
                  OurDocument *other = list->pdata[j];

                  if (!other->claimed && g_str_equal (other->sha, sha))
                    {
                      g_hash_table_insert (by_sha, other->sha, other);
                      break;
                    }
                }
            }
          merge->report->present[CB_MERGE_DOCUMENTS]++;
          id_map_set (merge->document_map, COL_INT (row, 0), ID_TO_PTR (match->id));
          if (take_theirs (merge, match->memo, COL_TEXT (row, 4), CB_MERGE_MEMOS, what) &&
              !_cb_store_update_document_text_field (ours, match->id, "memo", COL_TEXT (row, 4), error))
            return FALSE;
          continue;
        }

      if (new_name == NULL)
        {
          new_name = free_name (names, name);
          if (!g_str_equal (new_name, name))
            conflict (merge, CB_MERGE_DOCUMENTS,
                      _("Document “%s”: another text has this name here; added as “%s”"), name, new_name);
        }
      if (!add_document (merge, ours, theirs, row, new_name, keep_uuid, &id, error))
        return FALSE;
      merge->report->added[CB_MERGE_DOCUMENTS]++;
      id_map_set (merge->document_map, COL_INT (row, 0), ID_TO_PTR (id));
      g_hash_table_add (names, g_steal_pointer (&new_name));
    }
  return TRUE;
}

/* Codes */

typedef struct
{
  gint64   id;
  gint64   parent;
  char    *name;
  char    *color;
  char    *description;
  char    *memo;
  gboolean claimed;
} OurCode;

static void
our_code_free (gpointer data)
{
  OurCode *code = data;

  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code->memo);
  g_free (code);
}

static char *
sibling_key (gint64      parent,
             const char *name)
{
  return g_strdup_printf ("%" PRId64 "/%s", parent, name);
}

static char *
our_code_path (GHashTable *by_id,
               OurCode    *code)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint steps = 0;

  for (; code != NULL && steps++ <= g_hash_table_size (by_id); code = id_map_get (by_id, code->parent))
    g_ptr_array_insert (names, 0, code->name);
  g_ptr_array_add (names, NULL);
  return cb_code_path_join ((const char * const *) names->pdata);
}

static char *
their_code_path (CbStoreMerge *merge,
                 Row          *row)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* check_code_tree() made sure this ends */
  for (; row != NULL; row = COL_NULL (row, 2) ? NULL : id_map_get (merge->their_codes, COL_INT (row, 2)))
    g_ptr_array_insert (names, 0, (gpointer) COL_TEXT (row, 3));
  g_ptr_array_add (names, NULL);
  return cb_code_path_join ((const char * const *) names->pdata);
}

static gint64
next_code_position (CbStore     *ours,
                    GHashTable  *positions,
                    gint64       parent,
                    GError     **error)
{
  gpointer next = id_map_get (positions, parent);
  gint64 position;

  if (next != NULL)
    position = PTR_TO_ID (next);
  else
    {
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT ifnull (max (position) + 1, 0) FROM code"
                                             " WHERE ifnull (parent, 0) = ?",
                                             error);

      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, parent);
      if ((position = cb_store_query_int64 (ours, stmt, 0, error)) < 0)
        return -1;
    }
  id_map_set (positions, parent, ID_TO_PTR (position + 1));
  return position;
}

static gboolean
merge_code (CbStoreMerge  *merge,
            CbStore       *ours,
            Row           *row,
            GHashTable    *by_id,
            GHashTable    *by_uuid,
            GHashTable    *siblings,
            GHashTable    *positions,
            GPtrArray     *owned,
            GError       **error)
{
  gint64 parent = COL_NULL (row, 2) ? 0 : PTR_TO_ID (id_map_get (merge->code_map, COL_INT (row, 2)));
  const char *name = COL_TEXT (row, 3);
  g_autofree char *key = sibling_key (parent, name);
  OurCode *match = g_hash_table_lookup (by_uuid, COL_TEXT (row, 1));
  gboolean keep_uuid = match == NULL;
  g_autofree char *new_name = NULL;
  OurCode *code;
  gint64 position;

  if (match != NULL)
    {
      if (match->parent != parent || !g_str_equal (match->name, name))
        {
          g_autofree char *our_path = our_code_path (by_id, match);
          g_autofree char *their_path = their_code_path (merge, row);

          conflict (merge, CB_MERGE_CODES, _("Code “%s” is “%s” in “%s”: kept its name and place here"),
                    our_path, their_path, merge->other_name);
        }
    }
  else if ((match = g_hash_table_lookup (siblings, key)) != NULL && match->claimed)
    {
      /* Their code of this name is another code than ours of this name
       * (ours was matched by uuid to a third one). */
      g_autofree char *path = their_code_path (merge, row);

      for (guint n = 2; ; n++)
        {
          g_autofree char *candidate_key = NULL;

          g_free (new_name);
          new_name = g_strdup_printf ("%s (%u)", name, n);
          candidate_key = sibling_key (parent, new_name);
          if (!g_hash_table_contains (siblings, candidate_key))
            break;
        }
      conflict (merge, CB_MERGE_CODES, _("Code “%s” of “%s” is another code than the one of that name here; added as “%s”"),
                path, merge->other_name, new_name);
      match = NULL;
    }

  if (match != NULL)
    {
      g_autofree char *path = our_code_path (by_id, match);
      g_autofree char *what_color = g_strdup_printf (_("The colour of code “%s”"), path);
      g_autofree char *what_description = g_strdup_printf (_("The definition of code “%s”"), path);
      g_autofree char *what_memo = g_strdup_printf (_("The memo of code “%s”"), path);

      match->claimed = TRUE;
      merge->report->present[CB_MERGE_CODES]++;
      id_map_set (merge->code_map, COL_INT (row, 0), ID_TO_PTR (match->id));
      if (take_theirs (merge, match->color, COL_TEXT (row, 5), CB_MERGE_CODES, what_color) &&
          !_cb_store_update_code_field (ours, match->id, "color", COL_TEXT (row, 5), error))
        return FALSE;
      if (take_theirs (merge, match->description, COL_TEXT (row, 6), CB_MERGE_CODES, what_description) &&
          !_cb_store_update_code_field (ours, match->id, "description", COL_TEXT (row, 6), error))
        return FALSE;
      if (take_theirs (merge, match->memo, COL_TEXT (row, 7), CB_MERGE_MEMOS, what_memo) &&
          !_cb_store_update_code_field (ours, match->id, "memo", COL_TEXT (row, 7), error))
        return FALSE;
      return TRUE;
    }

  if (new_name == NULL)
    new_name = g_strdup (name);
  if ((position = next_code_position (ours, positions, parent, error)) < 0)
    return FALSE;

  code = g_new0 (OurCode, 1);
  g_ptr_array_add (owned, code);
  code->parent = parent;
  code->name = g_strdup (new_name);
  code->claimed = TRUE;
  code->id = _cb_store_insert_code (ours, keep_uuid ? COL_TEXT (row, 1) : NULL, parent, new_name, position,
                                    COL_TEXT (row, 5), COL_TEXT (row, 6), error);
  if (code->id <= 0)
    return FALSE;
  if (COL_TEXT (row, 7) != NULL && COL_TEXT (row, 7)[0] != '\0' &&
      !_cb_store_update_code_field (ours, code->id, "memo", COL_TEXT (row, 7), error))
    return FALSE;
  id_map_set (by_id, code->id, code);
  g_hash_table_insert (siblings, sibling_key (parent, new_name), code);
  id_map_set (merge->code_map, COL_INT (row, 0), ID_TO_PTR (code->id));
  merge->report->added[CB_MERGE_CODES]++;
  return TRUE;
}

static gboolean
merge_codes (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_code_free);
  g_autoptr(GHashTable) by_id = id_map_new ();
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) siblings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) positions = id_map_new ();
  g_autoptr(GHashTable) children = id_map_new ();   /* their parent (0: top) → GPtrArray of rows */
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, ifnull (parent, 0), name, color, description, memo FROM code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurCode *code = g_new0 (OurCode, 1);

      code->id = sqlite3_column_int64 (stmt, 0);
      code->parent = sqlite3_column_int64 (stmt, 2);
      code->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      code->color = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      code->description = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      code->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (list, code);
      id_map_set (by_id, code->id, code);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), code);
      g_hash_table_insert (siblings, sibling_key (code->parent, code->name), code);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  /* Their tree, parents before children, siblings in their order. */
  g_hash_table_unref (g_steal_pointer (&children));
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < merge->codes->len; i++)
    {
      Row *row = merge->codes->pdata[i];
      gint64 parent = COL_NULL (row, 2) ? 0 : COL_INT (row, 2);
      GPtrArray *siblings_of = id_map_get (children, parent);

      if (siblings_of == NULL)
        id_map_set (children, parent, siblings_of = g_ptr_array_new ());
      g_ptr_array_add (siblings_of, row);
    }
  {
    GPtrArray *top = id_map_get (children, 0);

    for (guint i = top != NULL ? top->len : 0; i > 0; i--)
      g_ptr_array_add (stack, top->pdata[i - 1]);
  }
  while (stack->len > 0)
    {
      Row *row = g_ptr_array_steal_index (stack, stack->len - 1);
      GPtrArray *below;

      if (!merge_code (merge, ours, row, by_id, by_uuid, siblings, positions, list, error))
        return FALSE;
      below = id_map_get (children, COL_INT (row, 0));
      for (guint i = below != NULL ? below->len : 0; i > 0; i--)
        g_ptr_array_add (stack, below->pdata[i - 1]);
    }
  return TRUE;
}

/* Codings */

typedef struct
{
  gint64  id;
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  gint64  coder;
  char   *memo;
} OurCoding;

static guint
coding_key_hash (gconstpointer data)
{
  const OurCoding *c = data;
  guint64 h = (guint64) c->document * 1000003u ^ (guint64) c->code * 7919u ^ (guint64) c->start * 31u ^
              (guint64) c->end * 131u ^ (guint64) c->coder;

  return (guint) (h ^ (h >> 32));
}

static gboolean
coding_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const OurCoding *x = a, *y = b;

  return x->document == y->document && x->code == y->code && x->start == y->start &&
         x->end == y->end && x->coder == y->coder;
}

static void
our_coding_free (gpointer data)
{
  OurCoding *coding = data;

  g_free (coding->memo);
  g_free (coding);
}

static void
merge_coding_clear (gpointer data)
{
  CbStoreMergeCoding *coding = data;

  g_free (coding->uuid);
  g_free (coding->created);
  g_free (coding->memo);
}

static gboolean
merge_codings (CbStoreMerge  *merge,
               CbStore       *ours,
               GArray        *new_codings,
               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (our_coding_free);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new (coding_key_hash, coding_key_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (ours, "SELECT id, uuid, document, code, start, end, coder, memo FROM coding", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OurCoding *coding = g_new0 (OurCoding, 1);

      coding->id = sqlite3_column_int64 (stmt, 0);
      coding->document = sqlite3_column_int64 (stmt, 2);
      coding->code = sqlite3_column_int64 (stmt, 3);
      coding->start = sqlite3_column_int64 (stmt, 4);
      coding->end = sqlite3_column_int64 (stmt, 5);
      coding->coder = sqlite3_column_int64 (stmt, 6);
      coding->memo = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (list, coding);
      g_hash_table_insert (by_uuid, g_strdup ((const char *) sqlite3_column_text (stmt, 1)), coding);
      g_hash_table_add (by_key, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (ours, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < merge->codings->len; i++)
    {
      TheirCoding *theirs = &g_array_index (merge->codings, TheirCoding, i);
      OurCoding key = {
        .document = PTR_TO_ID (id_map_get (merge->document_map, theirs->document)),
        .code = PTR_TO_ID (id_map_get (merge->code_map, theirs->code)),
        .start = theirs->start,
        .end = theirs->end,
        .coder = PTR_TO_ID (id_map_get (merge->coder_map, theirs->coder)),
      };
      OurCoding *by_id = g_hash_table_lookup (by_uuid, theirs->uuid);
      OurCoding *match = by_id;
      CbStoreMergeCoding added = { 0 };

      /* A uuid names the same coding only on the same text and span; its
       * code may have been moved or merged here since. */
      if (match != NULL && (match->document != key.document || match->start != key.start || match->end != key.end))
        match = NULL;
      if (match == NULL)
        match = g_hash_table_lookup (by_key, &key);

      if (match != NULL)
        {
          Row *document = id_map_get (merge->their_documents, theirs->document);
          g_autofree char *what = g_strdup_printf (_("The memo of the coding %" PRId64 "–%" PRId64 " in “%s”"),
                                                   theirs->start, theirs->end, COL_TEXT (document, 2));

          merge->report->present[CB_MERGE_CODINGS]++;
          if (take_theirs (merge, match->memo, theirs->memo, CB_MERGE_MEMOS, what))
            {
              if (!_cb_store_set_coding_memo (ours, match->id, theirs->memo, error))
                return FALSE;
              g_free (match->memo);
              match->memo = g_strdup (theirs->memo);
            }
          continue;
        }

      added.document = key.document;
      added.code = key.code;
      added.start = key.start;
      added.end = key.end;
      added.coder = key.coder;
      added.uuid = by_id == NULL ? g_strdup (theirs->uuid) : NULL;
      added.created = g_strdup (theirs->created);
      added.memo = g_strdup (theirs->memo);
      g_array_append_val (new_codings, added);
      {
        OurCoding *coding = g_new0 (OurCoding, 1);

        *coding = key;
        coding->memo = g_strdup (theirs->memo);
        g_ptr_array_add (list, coding);
        g_hash_table_add (by_key, coding);
      }
    }
  return TRUE;
}

/* Free-standing memos and their evidence */

static gint64
next_position (CbStore     *ours,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (ours, sql, error);

  return stmt != NULL ? cb_store_query_int64 (ours, stmt, 0, error) : -1;
}

/* Our rows of a table with a uuid and a unique name: (id, uuid, name, memo) */
typedef struct
{
  GPtrArray  *rows;
  GHashTable *by_uuid;   /* borrowed keys */
  GHashTable *by_name;
  GHashTable *claimed;   /* Row * set */
} Ours;

static void
ours_clear (Ours *o)
{
  g_clear_pointer (&o->by_uuid, g_hash_table_unref);
  g_clear_pointer (&o->by_name, g_hash_table_unref);
  g_clear_pointer (&o->claimed, g_hash_table_unref);
  g_clear_pointer (&o->rows, g_ptr_array_unref);
}

static gboolean
ours_load (Ours        *o,
           CbStore     *ours,
           const char  *sql,
           GError     **error)
{
  memset (o, 0, sizeof *o);
  if (!(o->rows = read_rows (ours, sql, "", error)))
    return FALSE;
  o->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  o->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->claimed = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < o->rows->len; i++)
    {
      Row *row = o->rows->pdata[i];

      g_hash_table_insert (o->by_uuid, (gpointer) COL_TEXT (row, 1), row);
      g_hash_table_insert (o->by_name, g_strdup (COL_TEXT (row, 2)), row);
    }
  return TRUE;
}

/* Ours matching their (@uuid, @name): by uuid, then by name; NULL when
 * none (then *@name_taken says whether the name is). */
static Row *
ours_match (Ours       *o,
            const char *uuid,
            const char *name,
            gboolean   *name_taken)
{
  Row *row = g_hash_table_lookup (o->by_uuid, uuid);

  if (row == NULL && (row = g_hash_table_lookup (o->by_name, name)) != NULL &&
      g_hash_table_contains (o->claimed, row))
    row = NULL;
  if (row != NULL)
    g_hash_table_add (o->claimed, row);
  *name_taken = g_hash_table_contains (o->by_name, name);
  return row;
}

static gboolean
merge_memos (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  Ours o;
  gint64 position;
  gboolean ok = FALSE;

  if (!ours_load (&o, ours, "SELECT id, uuid, title, text FROM memo", error))
    return FALSE;
  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM memo", error)) < 0)
    goto out;

  for (guint i = 0; i < merge->memos->len; i++)
    {
      Row *row = merge->memos->pdata[i];
      gboolean taken;
      Row *match = ours_match (&o, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *title = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The text of memo “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_MEMOS]++;
          id_map_set (merge->memo_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 9), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE memo SET text = ?, modified = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 9), -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 2, COL_TEXT (row, 8), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 3, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }

      title = free_name (o.by_name, COL_TEXT (row, 2));
      if (taken)
        conflict (merge, CB_MERGE_MEMOS, _("Memo “%s” of “%s” is another memo than the one of that title here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, title);
      stmt = cb_store_prepare (ours,
                               "INSERT INTO memo (uuid, title, type, level, position, author, created, modified, text)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 4));
      sqlite3_bind_int64 (stmt, 5, position++);
      if (COL_NULL (row, 6))
        sqlite3_bind_null (stmt, 6);
      else
        sqlite3_bind_int64 (stmt, 6, PTR_TO_ID (id_map_get (merge->coder_map, COL_INT (row, 6))));
      sqlite3_bind_value (stmt, 7, COL_VALUE (row, 7));
      sqlite3_bind_value (stmt, 8, COL_VALUE (row, 8));
      sqlite3_bind_value (stmt, 9, COL_VALUE (row, 9));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->memo_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (o.by_name, g_steal_pointer (&title));
      merge->report->added[CB_MERGE_MEMOS]++;
    }

  for (guint i = 0; i < merge->memo_links->len; i++)
    {
      Row *row = merge->memo_links->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO memo_link (memo, document, start, end) VALUES (?, ?, ?, ?)"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->memo_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 4, COL_INT (row, 3));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&o);
  return ok;
}

/* Cases, attributes, values and coverage */

static gboolean
merge_cases (CbStoreMerge  *merge,
             CbStore       *ours,
             GError       **error)
{
  Ours cases, attributes;
  gint64 position;
  gboolean ok = FALSE;

  memset (&attributes, 0, sizeof attributes);
  if (!ours_load (&cases, ours, "SELECT id, uuid, name, memo FROM case_unit", error))
    return FALSE;
  if (!ours_load (&attributes, ours, "SELECT id, uuid, name, type FROM attribute", error))
    goto out;

  for (guint i = 0; i < merge->cases->len; i++)
    {
      Row *row = merge->cases->pdata[i];
      gboolean taken;
      Row *match = ours_match (&cases, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of case “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_CASES]++;
          id_map_set (merge->case_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 3), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE case_unit SET memo = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 3), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }
      name = free_name (cases.by_name, COL_TEXT (row, 2));
      if (taken)
        conflict (merge, CB_MERGE_CASES, _("Case “%s” of “%s” is another case than the one of that name here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, name);
      stmt = cb_store_prepare (ours, "INSERT INTO case_unit (uuid, name, memo) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->case_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (cases.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_CASES]++;
    }

  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM attribute", error)) < 0)
    goto out;
  for (guint i = 0; i < merge->attributes->len; i++)
    {
      Row *row = merge->attributes->pdata[i];
      gboolean taken;
      Row *match = ours_match (&attributes, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL && g_str_equal (COL_TEXT (match, 3), COL_TEXT (row, 3)))
        {
          merge->report->present[CB_MERGE_ATTRIBUTES]++;
          id_map_set (merge->attribute_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          continue;
        }
      /* Another type: its values would not fit ours, so it comes in as an
       * attribute of its own. */
      name = free_name (attributes.by_name, COL_TEXT (row, 2));
      if (match != NULL || taken)
        conflict (merge, CB_MERGE_ATTRIBUTES, _("Attribute “%s” of “%s” is not the one of that name here (type %s); added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, COL_TEXT (row, 3), name);
      stmt = cb_store_prepare (ours, "INSERT INTO attribute (uuid, name, type, position) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      if (match != NULL || g_hash_table_contains (attributes.by_uuid, COL_TEXT (row, 1)))
        {
          g_autofree char *uuid = cb_store_new_uuid (ours);

          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 3));
      sqlite3_bind_int64 (stmt, 4, position++);
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->attribute_map, COL_INT (row, 0),
                  ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (attributes.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_ATTRIBUTES]++;
    }

  for (guint i = 0; i < merge->choices->len; i++)
    {
      Row *row = merge->choices->pdata[i];
      gint64 attribute = PTR_TO_ID (id_map_get (merge->attribute_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO attribute_choice (attribute, position, value)"
                                             " SELECT ?1, ifnull (max (position) + 1, 0), ?2 FROM attribute_choice"
                                             " WHERE attribute = ?1"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, attribute);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      if (!run_bound (ours, stmt, error))
        goto out;
    }

  for (guint i = 0; i < merge->values->len; i++)
    {
      Row *row = merge->values->pdata[i];
      gint64 case_id = PTR_TO_ID (id_map_get (merge->case_map, COL_INT (row, 0)));
      gint64 attribute = PTR_TO_ID (id_map_get (merge->attribute_map, COL_INT (row, 1)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT v.value, c.name, a.name FROM case_value v"
                                             " JOIN case_unit c ON c.id = v.case_unit JOIN attribute a ON a.id = v.attribute"
                                             " WHERE v.case_unit = ? AND v.attribute = ?",
                                             error);
      gboolean replace;
      int rc;

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, attribute);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          sqlite3_value *ours_value = sqlite3_column_value (stmt, 0);
          gboolean same = sqlite3_value_type (ours_value) == sqlite3_value_type (COL_VALUE (row, 2)) &&
                          g_strcmp0 ((const char *) sqlite3_value_text (ours_value), COL_TEXT (row, 2)) == 0;

          if (same)
            merge->report->present[CB_MERGE_VALUES]++;
          else
            conflict (merge, CB_MERGE_VALUES, _("Case “%s”, attribute “%s”: “%s” here, “%s” in “%s”; %s"),
                      (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
                      (const char *) sqlite3_value_text (ours_value), COL_TEXT (row, 2), merge->other_name,
                      kept (merge));
          sqlite3_reset (stmt);
          if (same || !merge->prefer_theirs)
            continue;
          replace = TRUE;
        }
      else
        {
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              cb_store_set_error (ours, rc, error);
              goto out;
            }
          replace = FALSE;
          merge->report->added[CB_MERGE_VALUES]++;
        }
      stmt = replace
        ? cb_store_prepare (ours, "UPDATE case_value SET value = ?3 WHERE case_unit = ?1 AND attribute = ?2", error)
        : cb_store_prepare (ours, "INSERT INTO case_value (case_unit, attribute, value) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, attribute);
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      if (!run_bound (ours, stmt, error))
        goto out;
    }

  for (guint i = 0; i < merge->coverage->len; i++)
    {
      Row *row = merge->coverage->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO case_coverage (case_unit, document, speaker, start, end)"
                                             " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->case_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 3));
      sqlite3_bind_value (stmt, 5, COL_VALUE (row, 4));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&cases);
  ours_clear (&attributes);
  return ok;
}

/* Document sets */

static gboolean
merge_sets (CbStoreMerge  *merge,
            CbStore       *ours,
            GError       **error)
{
  Ours o;
  gint64 position;
  gboolean ok = FALSE;

  if (!ours_load (&o, ours, "SELECT id, uuid, name, memo FROM document_set", error))
    return FALSE;
  if ((position = next_position (ours, "SELECT ifnull (max (position) + 1, 0) FROM document_set", error)) < 0)
    goto out;

  for (guint i = 0; i < merge->sets->len; i++)
    {
      Row *row = merge->sets->pdata[i];
      gboolean taken;
      Row *match = ours_match (&o, COL_TEXT (row, 1), COL_TEXT (row, 2), &taken);
      g_autofree char *name = NULL;
      sqlite3_stmt *stmt;

      if (match != NULL)
        {
          g_autofree char *what = g_strdup_printf (_("The memo of document set “%s”"), COL_TEXT (match, 2));

          merge->report->present[CB_MERGE_DOCUMENT_SETS]++;
          id_map_set (merge->set_map, COL_INT (row, 0), ID_TO_PTR (COL_INT (match, 0)));
          if (take_theirs (merge, COL_TEXT (match, 3), COL_TEXT (row, 4), CB_MERGE_MEMOS, what))
            {
              stmt = cb_store_prepare (ours, "UPDATE document_set SET memo = ? WHERE id = ?", error);
              if (stmt == NULL)
                goto out;
              sqlite3_bind_text (stmt, 1, COL_TEXT (row, 4), -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, COL_INT (match, 0));
              if (!run_bound (ours, stmt, error))
                goto out;
            }
          continue;
        }
      name = free_name (o.by_name, COL_TEXT (row, 2));
      if (taken)
        conflict (merge, CB_MERGE_DOCUMENT_SETS,
                  _("Document set “%s” of “%s” is another set than the one of that name here; added as “%s”"),
                  COL_TEXT (row, 2), merge->other_name, name);
      stmt = cb_store_prepare (ours, "INSERT INTO document_set (uuid, name, position, memo) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_value (stmt, 1, COL_VALUE (row, 1));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, position++);
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 4));
      if (!run_bound (ours, stmt, error))
        goto out;
      id_map_set (merge->set_map, COL_INT (row, 0), ID_TO_PTR (sqlite3_last_insert_rowid (cb_store_get_db (ours))));
      g_hash_table_add (o.by_name, g_steal_pointer (&name));
      merge->report->added[CB_MERGE_DOCUMENT_SETS]++;
    }

  for (guint i = 0; i < merge->members->len; i++)
    {
      Row *row = merge->members->pdata[i];
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "INSERT INTO document_set_member (document_set, document) VALUES (?, ?)"
                                             " ON CONFLICT DO NOTHING",
                                             error);

      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, PTR_TO_ID (id_map_get (merge->set_map, COL_INT (row, 0))));
      sqlite3_bind_int64 (stmt, 2, PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 1))));
      if (!run_bound (ours, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  ours_clear (&o);
  return ok;
}

/* MAG phases and speaker roles */

static gboolean
merge_phases_and_roles (CbStoreMerge  *merge,
                        CbStore       *ours,
                        GError       **error)
{
  for (guint i = 0; i < merge->phases->len; i++)
    {
      Row *row = merge->phases->pdata[i];
      Row *document = id_map_get (merge->their_documents, COL_INT (row, 0));
      gint64 id = PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours,
                                             "SELECT count (*), count (CASE WHEN name = ?4 AND start = ?2 AND end = ?3"
                                             " THEN 1 END) FROM phase WHERE document = ?1 AND start < ?3 AND end > ?2",
                                             error);
      gint64 overlapping, same;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 3));
      sqlite3_bind_value (stmt, 4, COL_VALUE (row, 1));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          cb_store_set_error (ours, sqlite3_reset (stmt), error);
          return FALSE;
        }
      overlapping = sqlite3_column_int64 (stmt, 0);
      same = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);

      if (same == 1 && overlapping == 1)
        {
          merge->report->present[CB_MERGE_PHASES]++;
          continue;
        }
      if (overlapping > 0)
        {
          conflict (merge, CB_MERGE_PHASES,
                    _("Phase “%s” (%" PRId64 "–%" PRId64 ") of document “%s” in “%s” overlaps a phase here: not merged"),
                    COL_TEXT (row, 1), COL_INT (row, 2), COL_INT (row, 3), COL_TEXT (document, 2), merge->other_name);
          continue;
        }
      stmt = cb_store_prepare (ours, "INSERT INTO phase (document, name, start, end) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      sqlite3_bind_int64 (stmt, 3, COL_INT (row, 2));
      sqlite3_bind_int64 (stmt, 4, COL_INT (row, 3));
      if (!run_bound (ours, stmt, error))
        return FALSE;
      merge->report->added[CB_MERGE_PHASES]++;
    }

  for (guint i = 0; i < merge->roles->len; i++)
    {
      Row *row = merge->roles->pdata[i];
      Row *document = id_map_get (merge->their_documents, COL_INT (row, 0));
      gint64 id = PTR_TO_ID (id_map_get (merge->document_map, COL_INT (row, 0)));
      sqlite3_stmt *stmt = cb_store_prepare (ours, "SELECT role FROM speaker_role WHERE document = ? AND speaker = ?", error);
      g_autofree char *role = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          cb_store_set_error (ours, rc, error);
          return FALSE;
        }

      if (role != NULL && g_str_equal (role, COL_TEXT (row, 2)))
        {
          merge->report->present[CB_MERGE_ROLES]++;
          continue;
        }
      if (role != NULL)
        {
          conflict (merge, CB_MERGE_ROLES, _("Speaker “%s” of document “%s”: %s here, %s in “%s”; %s"),
                    COL_TEXT (row, 1), COL_TEXT (document, 2), role, COL_TEXT (row, 2), merge->other_name,
                    kept (merge));
          if (!merge->prefer_theirs)
            continue;
          stmt = cb_store_prepare (ours, "UPDATE speaker_role SET role = ?3 WHERE document = ?1 AND speaker = ?2", error);
        }
      else
        {
          merge->report->added[CB_MERGE_ROLES]++;
          stmt = cb_store_prepare (ours, "INSERT INTO speaker_role (document, speaker, role) VALUES (?1, ?2, ?3)", error);
        }
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_value (stmt, 2, COL_VALUE (row, 1));
      sqlite3_bind_value (stmt, 3, COL_VALUE (row, 2));
      if (!run_bound (ours, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_merge_write (CbStoreMerge  *merge,
                       CbStore       *ours,
                       CbStore       *theirs,
                       GArray       **new_codings,
                       GError       **error)
{
  g_autoptr(GArray) codings = g_array_new (FALSE, TRUE, sizeof (CbStoreMergeCoding));

  g_return_val_if_fail (cb_store_in_transaction (ours), FALSE);

  merge->changes_before = sqlite3_total_changes64 (cb_store_get_db (ours));
  g_array_set_clear_func (codings, merge_coding_clear);
  if (!merge_project_memo (merge, ours, error) ||
      !merge_coders (merge, ours, error) ||
      !merge_documents (merge, ours, theirs, error) ||
      !merge_codes (merge, ours, error) ||
      !merge_codings (merge, ours, codings, error) ||
      !merge_memos (merge, ours, error) ||
      !merge_cases (merge, ours, error) ||
      !merge_sets (merge, ours, error) ||
      !merge_phases_and_roles (merge, ours, error))
    return FALSE;

  merge->changed = sqlite3_total_changes64 (cb_store_get_db (ours)) != merge->changes_before;
  *new_codings = g_steal_pointer (&codings);
  return TRUE;
}

gboolean
_cb_store_merge_changed (CbStoreMerge *merge)
{
  return merge->changed;
}

/* Copies for a second coder */

gboolean
_cb_store_merge_trim_copy (CbStore     *copy,
                           CbCopyMode   mode,
                           const char  *coder,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  /* The dropped codings must not stay readable in the copy's free pages:
   * the copy goes to someone else.  (VACUUM would need ATTACH, which
   * every connection refuses.) */
  if (!cb_store_exec (copy, "PRAGMA secure_delete = ON", error) ||
      !cb_store_begin (copy, NULL, error))
    return FALSE;

  if (mode == CB_COPY_ONLY_CODER)
    {
      stmt = cb_store_prepare (copy, "SELECT id FROM coder WHERE name = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, coder, -1, SQLITE_TRANSIENT);
      if ((id = cb_store_query_int64 (copy, stmt, 0, error)) < 0)
        goto failed;
      if (id == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("The project has no coder named “%s”"), coder);
          goto failed;
        }
      stmt = cb_store_prepare (copy, "DELETE FROM coding WHERE coder <> ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!run_bound (copy, stmt, error))
        goto failed;
    }
  else if (mode == CB_COPY_WITHOUT_CODINGS &&
           !cb_store_exec (copy, "DELETE FROM coding", error))
    goto failed;

  /* The copy starts a history of its own. */
  if (!cb_store_exec (copy, "DELETE FROM journal_value; DELETE FROM journal_entry; DELETE FROM journal_step;", error))
    goto failed;
  return cb_store_commit (copy, error);

failed:
  cb_store_rollback (copy);
  return FALSE;
}
