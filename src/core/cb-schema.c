/* cb-schema.c: the project file's schema and its migrations
 *
 * Rule: every change to the file format bumps CB_PROJECT_SCHEMA_VERSION,
 * adds a migration step below from the previous version, and adds a fixture
 * project of the previous version to tests/data/projects/ with a test that
 * opens it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"

/* Version 1.  Offsets are code points, end-exclusive.  Foreign keys are
 * deferred so that the undo journal may re-insert rows in any order inside
 * its transaction; the check still happens at commit. */
static const char schema_v1[] =
  "CREATE TABLE project ("
  "  id       INTEGER PRIMARY KEY CHECK (id = 1),"
  "  uuid     TEXT NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  created  TEXT NOT NULL,"
  "  memo     TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE coder ("
  "  id       INTEGER PRIMARY KEY,"
  "  uuid     TEXT NOT NULL UNIQUE,"
  "  name     TEXT NOT NULL UNIQUE CHECK (name <> '')"
  ");"
  /* text is the last column so that listing documents never reads it;
   * char_index is derived from it (cb_text_build_char_index()) */
  "CREATE TABLE document ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  name           TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  n_chars        INTEGER NOT NULL CHECK (n_chars >= 0),"
  "  source_name    TEXT NOT NULL,"
  "  source_sha256  TEXT NOT NULL,"
  "  imported       TEXT NOT NULL,"
  "  memo           TEXT NOT NULL DEFAULT '',"
  "  char_index     BLOB NOT NULL,"
  "  text           TEXT NOT NULL"
  ");"
  "CREATE TABLE document_source ("
  "  document  INTEGER PRIMARY KEY"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  bytes     BLOB NOT NULL"
  ");"
  /* Derived data for search (cb-search.c): the text folded code point by
   * code point for case- and accent-insensitive matching, with the offsets
   * of the code points that folded to nothing.  Never journaled: it is
   * rebuilt whenever it is missing or fold_key or n_chars disagree. */
  "CREATE TABLE document_folded ("
  "  document  INTEGER PRIMARY KEY"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  fold_key  TEXT NOT NULL,"
  "  n_chars   INTEGER NOT NULL,"
  "  dropped   BLOB,"
  "  text      TEXT NOT NULL"
  ");"
  "CREATE TABLE speaker ("
  "  id              INTEGER PRIMARY KEY,"
  "  document        INTEGER NOT NULL"
  "                  REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  name            TEXT NOT NULL CHECK (name <> ''),"
  "  is_interviewer  INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (document, name)"
  ");"
  /* a turn spans its paragraph; text_start is where the words after the
   * timestamp and speaker label begin */
  "CREATE TABLE turn ("
  "  id          INTEGER PRIMARY KEY,"
  "  document    INTEGER NOT NULL"
  "              REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  speaker     INTEGER NOT NULL"
  "              REFERENCES speaker (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  start       INTEGER NOT NULL,"
  "  end         INTEGER NOT NULL,"
  "  text_start  INTEGER NOT NULL,"
  "  timestamp   TEXT,"
  "  CHECK (0 <= start AND start <= text_start AND text_start <= end AND start < end)"
  ");"
  /* no index on speaker: an import stores thousands of turns, and the
   * queries by speaker always know the document too */
  "CREATE INDEX turn_document_start ON turn (document, start);"
  "CREATE TABLE code ("
  "  id           INTEGER PRIMARY KEY,"
  "  uuid         TEXT NOT NULL UNIQUE,"
  "  parent       INTEGER"
  "               REFERENCES code (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  name         TEXT NOT NULL CHECK (name <> ''),"
  "  position     INTEGER NOT NULL,"
  "  color        TEXT,"
  "  description  TEXT NOT NULL DEFAULT '',"
  "  memo         TEXT NOT NULL DEFAULT ''"
  ");"
  /* NULL parents are distinct in a plain UNIQUE: key top-level codes on 0 */
  "CREATE UNIQUE INDEX code_sibling_name ON code (ifnull (parent, 0), name);"
  "CREATE INDEX code_parent_position ON code (parent, position);"
  "CREATE TABLE coding ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  document  INTEGER NOT NULL"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  code      INTEGER NOT NULL"
  "            REFERENCES code (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  start     INTEGER NOT NULL,"
  "  end       INTEGER NOT NULL,"
  "  coder     INTEGER NOT NULL"
  "            REFERENCES coder (id) DEFERRABLE INITIALLY DEFERRED,"
  "  created   TEXT NOT NULL,"
  "  memo      TEXT NOT NULL DEFAULT '',"
  "  CHECK (0 <= start AND start < end),"
  /* one coding per code, span and coder; ordered so that it also serves
   * a document's codings by position (every index slows each insert) */
  "  UNIQUE (document, start, end, code, coder)"
  ");"
  /* covering: a code's segments (retrieval) are read from the index alone */
  "CREATE INDEX coding_code ON coding (code, document, start, end, coder, created, uuid, memo);"
  /* The undo journal: each step is one user action (kind 0, undoable) or
   * the inverse of an undone one (kind 1, redoable); its entries are the SQL
   * statements that revert it, applied newest first. */
  "CREATE TABLE journal_step ("
  "  id     INTEGER PRIMARY KEY,"
  "  kind   INTEGER NOT NULL CHECK (kind IN (0, 1)),"
  "  label  TEXT NOT NULL,"
  "  at     TEXT NOT NULL"
  ");"
  "CREATE INDEX journal_step_kind ON journal_step (kind, id);"
  "CREATE TABLE journal_entry ("
  "  seq   INTEGER PRIMARY KEY,"
  "  step  INTEGER NOT NULL REFERENCES journal_step (id) ON DELETE CASCADE,"
  "  sql   TEXT NOT NULL"
  ");"
  "CREATE INDEX journal_entry_step ON journal_entry (step, seq);";

/* Version 2: the undo journal is data, not code.  Version 1 stored SQL text
 * that undo executed; a project file from someone else could make that SQL
 * anything.  An entry is now a typed inverse operation (CbJournalOp) on a
 * table and row named by a whitelist (_cb_schema_journal_tables), with the
 * row's column values in journal_value; undo validates a whole step against
 * the whitelist and replays it through statements built from the whitelist
 * only.  The old SQL cannot be trusted, so the v1 undo history is dropped. */
static const char migration_v2[] =
  "DROP TABLE journal_entry;"
  "DELETE FROM journal_step;"
  "CREATE TABLE journal_entry ("
  "  seq      INTEGER PRIMARY KEY,"
  "  step     INTEGER NOT NULL REFERENCES journal_step (id) ON DELETE CASCADE,"
  "  op       INTEGER NOT NULL CHECK (op IN (0, 1, 2)),"
  "  tbl      TEXT NOT NULL,"
  "  col      TEXT NOT NULL,"
  "  row_key  INTEGER NOT NULL"
  ");"
  "CREATE INDEX journal_entry_step ON journal_entry (step, seq);"
  /* WITHOUT ROWID: inserting values leaves last_insert_rowid() at the
   * entry, which the journal triggers rely on */
  "CREATE TABLE journal_value ("
  "  entry  INTEGER NOT NULL REFERENCES journal_entry (seq) ON DELETE CASCADE,"
  "  name   TEXT NOT NULL,"
  "  value,"
  "  PRIMARY KEY (entry, name)"
  ") WITHOUT ROWID;";

/* Version 3: cases and their typed attributes (issue 15).  A case covers
 * whole documents, a speaker's turns in a document or explicit spans.  A
 * speaker is named, not referenced: detecting the turns again replaces a
 * document's speaker rows, and the coverage must follow the new ones.
 * Values have no column affinity: numbers are stored as numbers (so that
 * "<" compares them as numbers), everything else as canonical text (dates
 * ISO 8601, booleans yes/no, a choice one of its attribute's values). */
static const char migration_v3[] =
  "CREATE TABLE case_unit ("
  "  id    INTEGER PRIMARY KEY,"
  "  uuid  TEXT NOT NULL UNIQUE,"
  "  name  TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  memo  TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE attribute ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  type      TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),"
  "  position  INTEGER NOT NULL"
  ");"
  "CREATE TABLE attribute_choice ("
  "  id         INTEGER PRIMARY KEY,"
  "  attribute  INTEGER NOT NULL"
  "             REFERENCES attribute (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  position   INTEGER NOT NULL,"
  "  value      TEXT NOT NULL CHECK (value <> ''),"
  "  UNIQUE (attribute, value)"
  ");"
  "CREATE TABLE case_value ("
  "  id         INTEGER PRIMARY KEY,"
  "  case_unit  INTEGER NOT NULL"
  "             REFERENCES case_unit (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  attribute  INTEGER NOT NULL"
  "             REFERENCES attribute (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  value      NOT NULL,"
  "  UNIQUE (case_unit, attribute)"
  ");"
  "CREATE INDEX case_value_attribute ON case_value (attribute, value);"
  /* the whole document (speaker and start NULL), a speaker's turns
   * (speaker set) or a span (start and end set) */
  "CREATE TABLE case_coverage ("
  "  id         INTEGER PRIMARY KEY,"
  "  case_unit  INTEGER NOT NULL"
  "             REFERENCES case_unit (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  document   INTEGER NOT NULL"
  "             REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  speaker    TEXT CHECK (speaker <> ''),"
  "  start      INTEGER,"
  "  end        INTEGER,"
  "  CHECK ((start IS NULL) = (end IS NULL)),"
  "  CHECK (start IS NULL OR (0 <= start AND start < end)),"
  "  CHECK (speaker IS NULL OR start IS NULL)"
  ");"
  "CREATE UNIQUE INDEX case_coverage_unique ON case_coverage"
  "  (case_unit, document, ifnull (speaker, ''), ifnull (start, -1), ifnull (end, -1));"
  "CREATE INDEX case_coverage_document ON case_coverage (document);";

/* Version 4: one step for the wave of issues 17 to 21, so that the features
 * built on it share a single migration.
 * - document_status: a document's text was edited after import, or
 *   pseudonymised (its source bytes then dropped); a table of its own because
 *   a column after document.text would make every listing read the text.
 * - memo, memo_link: free-standing memos with a type, an optional level and
 *   evidence spans (issue 19); the older memos stay columns of their owners.
 * - phase: a MAG session's sections of a document, without overlap;
 *   speaker_role: a speaker's role in a document, by name like
 *   case_coverage so that detecting turns again keeps it.
 * - document_set, document_set_member: named groups of documents (issue 21).
 * - saved_search: searches kept with the project (issue 20).
 * - project_setting: small project-wide settings (the MAG phase names), and
 *   `cb.revision`, a random token every user action replaces (cb_store_commit)
 *   so that "changed since the newest backup?" is one read, not a hash of
 *   every row (cb_project_backup_if_changed); a file without one yet is
 *   compared by hashing.
 * Every span column follows text edits (cb-store-edit) and is checked by
 * check (cb-store-check.c). */
static const char migration_v4[] =
  "CREATE TABLE document_status ("
  "  document       INTEGER PRIMARY KEY"
  "                 REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  edited         TEXT,"
  "  pseudonymised  TEXT"
  ");"
  "CREATE TABLE memo ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  title     TEXT NOT NULL UNIQUE CHECK (title <> ''),"
  "  type      TEXT NOT NULL DEFAULT 'note' CHECK (type <> ''),"
  "  level     TEXT CHECK (level <> ''),"
  "  position  INTEGER NOT NULL,"
  "  author    INTEGER"
  "            REFERENCES coder (id) DEFERRABLE INITIALLY DEFERRED,"
  "  created   TEXT NOT NULL,"
  "  modified  TEXT NOT NULL,"
  "  text      TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE memo_link ("
  "  id        INTEGER PRIMARY KEY,"
  "  memo      INTEGER NOT NULL"
  "            REFERENCES memo (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  document  INTEGER NOT NULL"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  start     INTEGER NOT NULL,"
  "  end       INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < end),"
  "  UNIQUE (memo, document, start, end)"
  ");"
  "CREATE INDEX memo_link_document ON memo_link (document, start);"
  "CREATE TABLE phase ("
  "  id        INTEGER PRIMARY KEY,"
  "  document  INTEGER NOT NULL"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  name      TEXT NOT NULL CHECK (name <> ''),"
  "  start     INTEGER NOT NULL,"
  "  end       INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < end),"
  "  UNIQUE (document, start)"
  ");"
  "CREATE TABLE speaker_role ("
  "  id        INTEGER PRIMARY KEY,"
  "  document  INTEGER NOT NULL"
  "            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  speaker   TEXT NOT NULL CHECK (speaker <> ''),"
  "  role      TEXT NOT NULL"
  "            CHECK (role IN ('narrator', 'participant', 'facilitator', 'observer')),"
  "  UNIQUE (document, speaker)"
  ");"
  "CREATE TABLE document_set ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  position  INTEGER NOT NULL,"
  "  memo      TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE document_set_member ("
  "  id            INTEGER PRIMARY KEY,"
  "  document_set  INTEGER NOT NULL"
  "                REFERENCES document_set (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  document      INTEGER NOT NULL"
  "                REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  UNIQUE (document_set, document)"
  ");"
  "CREATE INDEX document_set_member_document ON document_set_member (document);"
  "CREATE TABLE saved_search ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  query     TEXT NOT NULL CHECK (query <> ''),"
  "  options   TEXT NOT NULL DEFAULT '',"
  "  position  INTEGER NOT NULL"
  ");"
  "CREATE TABLE project_setting ("
  "  id     INTEGER PRIMARY KEY,"
  "  key    TEXT NOT NULL UNIQUE CHECK (key <> ''),"
  "  value  TEXT NOT NULL"
  ");";

static const char * const project_columns[] = { "id", "uuid", "name", "created", "memo", NULL };
static const char * const coder_columns[] = { "id", "uuid", "name", NULL };
static const char * const document_columns[] = {
  "id", "uuid", "name", "n_chars", "source_name", "source_sha256", "imported", "memo",
  "char_index", "text", NULL
};
static const char * const document_source_columns[] = { "document", "bytes", NULL };
static const char * const speaker_columns[] = { "id", "document", "name", "is_interviewer", NULL };
static const char * const turn_columns[] = {
  "id", "document", "speaker", "start", "end", "text_start", "timestamp", NULL
};
static const char * const code_columns[] = {
  "id", "uuid", "parent", "name", "position", "color", "description", "memo", NULL
};
static const char * const coding_columns[] = {
  "id", "uuid", "document", "code", "start", "end", "coder", "created", "memo", NULL
};
static const char * const case_unit_columns[] = { "id", "uuid", "name", "memo", NULL };
static const char * const attribute_columns[] = { "id", "uuid", "name", "type", "position", NULL };
static const char * const attribute_choice_columns[] = { "id", "attribute", "position", "value", NULL };
static const char * const case_value_columns[] = { "id", "case_unit", "attribute", "value", NULL };
static const char * const case_coverage_columns[] = {
  "id", "case_unit", "document", "speaker", "start", "end", NULL
};

static const char * const document_status_columns[] = { "document", "edited", "pseudonymised", NULL };
static const char * const memo_columns[] = {
  "id", "uuid", "title", "type", "level", "position", "author", "created", "modified", "text", NULL
};
static const char * const memo_link_columns[] = { "id", "memo", "document", "start", "end", NULL };
static const char * const phase_columns[] = { "id", "document", "name", "start", "end", NULL };
static const char * const speaker_role_columns[] = { "id", "document", "speaker", "role", NULL };
static const char * const document_set_columns[] = { "id", "uuid", "name", "position", "memo", NULL };
static const char * const document_set_member_columns[] = { "id", "document_set", "document", NULL };
static const char * const saved_search_columns[] = {
  "id", "uuid", "name", "query", "options", "position", NULL
};
static const char * const project_setting_columns[] = { "id", "key", "value", NULL };

/* Every table a user action can change, with every column of the current
 * schema: the only names the journal may mention. */
const CbJournalTable _cb_schema_journal_tables[] = {
  { "project",         "id",       NULL,       FALSE, project_columns },
  { "coder",           "id",       NULL,       FALSE, coder_columns },
  { "document",        "id",       NULL,       FALSE, document_columns },
  { "document_source", "document", NULL,       FALSE, document_source_columns },
  { "speaker",         "id",       "document", TRUE,  speaker_columns },
  { "turn",            "id",       "document", TRUE,  turn_columns },
  { "code",            "id",       NULL,       FALSE, code_columns },
  { "coding",          "id",       NULL,       TRUE,  coding_columns },
  { "case_unit",       "id",       NULL,       FALSE, case_unit_columns },
  { "attribute",       "id",       NULL,       FALSE, attribute_columns },
  { "attribute_choice", "id",      NULL,       FALSE, attribute_choice_columns },
  { "case_value",      "id",       NULL,       FALSE, case_value_columns },
  { "case_coverage",   "id",       NULL,       FALSE, case_coverage_columns },
  { "document_status", "document", NULL,       FALSE, document_status_columns },
  { "memo",            "id",       NULL,       FALSE, memo_columns },
  { "memo_link",       "id",       "document", FALSE, memo_link_columns },
  { "phase",           "id",       "document", FALSE, phase_columns },
  { "speaker_role",    "id",       "document", FALSE, speaker_role_columns },
  { "document_set",    "id",       NULL,       FALSE, document_set_columns },
  { "document_set_member", "id",   "document", FALSE, document_set_member_columns },
  { "saved_search",    "id",       NULL,       FALSE, saved_search_columns },
  { "project_setting", "id",       NULL,       FALSE, project_setting_columns },
  { NULL, NULL, NULL, FALSE, NULL }
};

const CbJournalTable *
_cb_schema_find_journal_table (const char *name)
{
  for (guint t = 0; name != NULL && _cb_schema_journal_tables[t].name != NULL; t++)
    if (g_str_equal (_cb_schema_journal_tables[t].name, name))
      return &_cb_schema_journal_tables[t];
  return NULL;
}

int
_cb_journal_table_column (const CbJournalTable *table,
                          const char           *name)
{
  for (int c = 0; name != NULL && table->columns[c] != NULL; c++)
    if (g_str_equal (table->columns[c], name))
      return c;
  return -1;
}

/* The SQL of each migration: steps[v] takes a file from version v to v + 1;
 * version 0 is a file that has our application_id but no tables yet.  A
 * fresh file runs them all, so a migrated file and a new one have the same
 * schema, text for text (what _cb_schema_expected() compares with). */
static const char * const steps[CB_PROJECT_SCHEMA_VERSION] = {
  schema_v1,
  migration_v2,
  migration_v3,
  migration_v4,
};

/* Runs every migration from @from_version up to the current version.  The
 * caller holds a transaction: a failed migration leaves the file as it was. */
gboolean
_cb_schema_migrate (CbStore  *self,
                    int       from_version,
                    GError  **error)
{
  g_assert (from_version >= 0);

  for (int version = from_version; version < CB_PROJECT_SCHEMA_VERSION; version++)
    {
      g_autofree char *pragma = NULL;

      if (!cb_store_exec (self, steps[version], error))
        return FALSE;

      pragma = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!cb_store_exec (self, pragma, error))
        return FALSE;
    }

  return TRUE;
}

/* The schema objects of @version, as (type, name, tbl_name, sql) rows of
 * sqlite_schema joined by tabs, in a set: computed once per version by
 * running the migrations on an in-memory database. */
GHashTable *
_cb_schema_expected (int version)
{
  static GHashTable *expected[CB_PROJECT_SCHEMA_VERSION + 1];
  static GMutex lock;
  GHashTable *set;

  /* version 0: our application_id and nothing else */
  g_return_val_if_fail (version >= 0 && version <= CB_PROJECT_SCHEMA_VERSION, NULL);

  g_mutex_lock (&lock);
  if (expected[version] == NULL)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          for (int v = 0; v < version; v++)
            if (sqlite3_exec (db, steps[v], NULL, NULL, NULL) != SQLITE_OK)
              g_error ("schema step %d does not run: %s", v, sqlite3_errmsg (db));
          if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, ifnull (sql, '') FROM sqlite_schema",
                                  -1, &stmt, NULL) == SQLITE_OK)
            while (sqlite3_step (stmt) == SQLITE_ROW)
              g_hash_table_add (set, g_strdup_printf ("%s\t%s\t%s\t%s",
                                                      sqlite3_column_text (stmt, 0),
                                                      sqlite3_column_text (stmt, 1),
                                                      sqlite3_column_text (stmt, 2),
                                                      sqlite3_column_text (stmt, 3)));
          sqlite3_finalize (stmt);
        }
      sqlite3_close (db);
      expected[version] = set;
    }
  set = expected[version];
  g_mutex_unlock (&lock);

  return set;
}
