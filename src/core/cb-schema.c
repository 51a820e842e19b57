/* cb-schema.c: the project file's schema and its migrations
 *
 * Rule: every change to the file format bumps CB_PROJECT_SCHEMA_VERSION,
 * adds a migration step below from the previous version, and adds a fixture
 * project of the previous version to tests/data/projects/ with a test that
 * opens it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

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

/* Every table a user action can change.  Order matters only for readability. */
const char * const _cb_schema_journaled_tables[] = {
  "project",
  "coder",
  "document",
  "document_source",
  "speaker",
  "turn",
  "code",
  "coding",
  NULL
};

typedef gboolean (*CbMigration) (CbStore *store, GError **error);

/* migrations[v] takes a file from version v to v + 1; version 0 is a file
 * that has our application_id but no tables yet. */
static gboolean
migrate_0_to_1 (CbStore  *store,
                GError  **error)
{
  return cb_store_exec (store, schema_v1, error);
}

static const CbMigration migrations[CB_PROJECT_SCHEMA_VERSION] = {
  migrate_0_to_1,
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

      if (!migrations[version] (self, error))
        return FALSE;

      pragma = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!cb_store_exec (self, pragma, error))
        return FALSE;
    }

  return TRUE;
}
