#!/usr/bin/env python3
# pystore.py: the bare Python + sqlite3 baseline the benchmark compares against
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""A deliberately plain, reasonable Python program doing the same storage
work as codeboom-cli, so that each Codeboom figure has a baseline measured
in the same run on the same machine.

Fairness rules (see bench/README.md):
- the same durability: WAL, synchronous=FULL, foreign keys on;
- the same tables in spirit as Codeboom's schema v1: documents with their
  text, n_chars, sha256 and original bytes; codes with parents, positions
  and a sibling-name index; codings with uuid, coder and created time, a
  UNIQUE key and the same three indexes;
- the same transactions: one for all the files of an import (as
  codeboom-cli, all or none; --per-file commits each file instead), one for
  a codebook, one for a whole batch of codings or one per coding
  (--commit-each);
- what Codeboom stores is normalised text (UTF-8, NFC, LF, no BOM) and
  offsets are code points, so the baseline decodes, normalises and slices
  by code points too.
The baseline keeps no undo journal and does not detect speaker turns:
Codeboom does both on top, so the comparison leans towards the baseline.

Run as a program, it is the baseline process the benchmark times:

    pystore.py new DB
    pystore.py import DB FILE... [--per-file]
    pystore.py code-import DB CODES.tsv
    pystore.py apply DB CODINGS.tsv [--commit-each]
    pystore.py retrieve DB PATH          (writes TSV to stdout)

and reports its in-process time on stderr as `timing: OP 1.234 ms`, like
`CODEBOOM_TIMING=1 codeboom-cli`.  The timed span excludes interpreter
start-up and opening the connection, as codeboom-cli's excludes opening
the project.  Only the standard library modules a real program would need
are imported, so that the whole-process time is fair too.
"""
import hashlib
import os
import sqlite3
import sys
import time
import unicodedata
import uuid

SEPARATOR = " / "
CODER = "bench"

SCHEMA = """
CREATE TABLE project (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  uuid     TEXT NOT NULL,
  name     TEXT NOT NULL,
  created  TEXT NOT NULL
);
CREATE TABLE coder (
  id    INTEGER PRIMARY KEY,
  uuid  TEXT NOT NULL UNIQUE,
  name  TEXT NOT NULL UNIQUE CHECK (name <> '')
);
CREATE TABLE document (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL UNIQUE CHECK (name <> ''),
  n_chars        INTEGER NOT NULL CHECK (n_chars >= 0),
  source_name    TEXT NOT NULL,
  source_sha256  TEXT NOT NULL,
  imported       TEXT NOT NULL,
  memo           TEXT NOT NULL DEFAULT '',
  text           TEXT NOT NULL
);
CREATE TABLE document_source (
  document  INTEGER PRIMARY KEY
            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  bytes     BLOB NOT NULL
);
CREATE TABLE code (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  parent       INTEGER
               REFERENCES code (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  name         TEXT NOT NULL CHECK (name <> ''),
  position     INTEGER NOT NULL,
  color        TEXT,
  description  TEXT NOT NULL DEFAULT '',
  memo         TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX code_sibling_name ON code (ifnull (parent, 0), name);
CREATE INDEX code_parent_position ON code (parent, position);
CREATE TABLE coding (
  id        INTEGER PRIMARY KEY,
  uuid      TEXT NOT NULL UNIQUE,
  document  INTEGER NOT NULL
            REFERENCES document (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  code      INTEGER NOT NULL
            REFERENCES code (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL,
  coder     INTEGER NOT NULL
            REFERENCES coder (id) DEFERRABLE INITIALLY DEFERRED,
  created   TEXT NOT NULL,
  memo      TEXT NOT NULL DEFAULT '',
  CHECK (0 <= start AND start < end),
  UNIQUE (document, code, start, end, coder)
);
CREATE INDEX coding_code ON coding (code);
CREATE INDEX coding_document_start ON coding (document, start);
CREATE INDEX coding_coder ON coding (coder);
"""


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def connect(path):
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, like the C store.
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    return con


class Transaction:
    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, kind, value, tb):
        self.con.execute("ROLLBACK" if kind else "COMMIT")
        return False


def new(path, con=None):
    con = con or connect(path)
    # executescript() would commit an open transaction first: begin inside it.
    con.executescript("BEGIN IMMEDIATE;" + SCHEMA)
    try:
        con.execute("INSERT INTO project (id, uuid, name, created) VALUES (1, ?, ?, ?)",
                    (str(uuid.uuid4()), os.path.splitext(os.path.basename(path))[0], now()))
        con.execute("PRAGMA user_version = 1")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return con


def normalise(raw, filename):
    """bytes -> stored text: UTF-8 (strict), no BOM, LF, NFC."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{filename}: not valid UTF-8 at byte {e.start}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def import_files(con, files, per_file=False):
    """Like `codeboom-cli import P f1 f2 ...`: every file is read and
    normalised first, then all are stored in one transaction (all or none).
    per_file=True commits each file on its own instead."""
    documents = []
    for filename in files:
        with open(filename, "rb") as f:
            raw = f.read()
        text = normalise(raw, filename)
        base = os.path.basename(filename)
        documents.append((os.path.splitext(base)[0], base, raw, text))
    if not per_file:
        con.execute("BEGIN IMMEDIATE")
    try:
        for name, base, raw, text in documents:
            if per_file:
                con.execute("BEGIN IMMEDIATE")
            cur = con.execute(
                "INSERT INTO document (uuid, name, n_chars, source_name, source_sha256, imported, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), name, len(text), base, hashlib.sha256(raw).hexdigest(), now(), text))
            con.execute("INSERT INTO document_source (document, bytes) VALUES (?, ?)",
                        (cur.lastrowid, raw))
            if per_file:
                con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    if not per_file:
        con.execute("COMMIT")
    return len(files)


def find_code(con, path):
    """Resolves "A / B / C" by walking the tree; returns the id or None."""
    parent = None
    for name in path.split(SEPARATOR):
        row = con.execute("SELECT id FROM code WHERE ifnull (parent, 0) = ifnull (?, 0) AND name = ?",
                          (parent, name)).fetchone()
        if row is None:
            return None
        parent = row[0]
    return parent


def add_code(con, path, description=""):
    parent = None
    names = path.split(SEPARATOR)
    created = False
    for depth, name in enumerate(names):
        if not name.strip():
            raise ValueError(f"empty level in code path “{path}”")
        row = con.execute("SELECT id FROM code WHERE ifnull (parent, 0) = ifnull (?, 0) AND name = ?",
                          (parent, name)).fetchone()
        if row is None:
            position = con.execute("SELECT count(*) FROM code WHERE parent IS ?", (parent,)).fetchone()[0]
            cur = con.execute(
                "INSERT INTO code (uuid, parent, name, position, description) VALUES (?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), parent, name, position,
                 description if depth == len(names) - 1 else ""))
            parent = cur.lastrowid
            created = True
        else:
            parent = row[0]
    return created


def code_import(con, tsv):
    """A codebook (path[<TAB>definition] per line) as one transaction."""
    with open(tsv, "r", encoding="utf-8") as f:
        lines = f.read().splitlines()
    added = 0
    with Transaction(con):
        for line in lines:
            if not line.strip():
                continue
            path, _, description = line.partition("\t")
            added += add_code(con, path.strip(), description)
    return added


def coder_id(con, name):
    row = con.execute("SELECT id FROM coder WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    with Transaction(con):
        return con.execute("INSERT INTO coder (uuid, name) VALUES (?, ?)",
                           (str(uuid.uuid4()), name)).lastrowid


def apply_batch(con, tsv, commit_each=False, coder=CODER):
    """doc<TAB>start<TAB>end<TAB>path per line.  One transaction for the
    whole batch, or one per coding.  Document and code ids are cached by
    name for the run, as a reasonable program would."""
    with open(tsv, "r", encoding="utf-8") as f:
        lines = f.read().splitlines()
    me = coder_id(con, coder)
    documents, codes = {}, {}
    insert = ("INSERT INTO coding (uuid, document, code, start, end, coder, created)"
              " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
    applied = 0
    if not commit_each:
        con.execute("BEGIN IMMEDIATE")
    try:
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            doc, start, end, path = line.split("\t")
            start, end = int(start), int(end)
            document = documents.get(doc)
            if document is None:
                document = con.execute("SELECT id, n_chars FROM document WHERE name = ?", (doc,)).fetchone()
                if document is None:
                    raise ValueError(f"{tsv}:{number}: no document “{doc}”")
                documents[doc] = document
            code = codes.get(path)
            if code is None:
                code = find_code(con, path)
                if code is None:
                    raise ValueError(f"{tsv}:{number}: no code “{path}”")
                codes[path] = code
            if not (0 <= start < end <= document[1]):
                raise ValueError(f"{tsv}:{number}: offsets {start}–{end} outside the document")
            if commit_each:
                con.execute("BEGIN IMMEDIATE")
                try:
                    cur = con.execute(insert, (str(uuid.uuid4()), document[0], code, start, end, me, now()))
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            else:
                cur = con.execute(insert, (str(uuid.uuid4()), document[0], code, start, end, me, now()))
            applied += cur.rowcount > 0
    except BaseException:
        if not commit_each:
            con.execute("ROLLBACK")
        raise
    if not commit_each:
        con.execute("COMMIT")
    return applied


RETRIEVE = """
WITH RECURSIVE tree (id, path) AS (
  SELECT id, ? FROM code WHERE id = ?
  UNION ALL
  SELECT code.id, tree.path || ' / ' || code.name FROM code JOIN tree ON code.parent = tree.id
)
SELECT coding.id, coding.uuid, coding.document, document.name, coding.code, tree.path,
       coding.start, coding.end, coder.name, coding.created, coding.memo
FROM tree
JOIN coding ON coding.code = tree.id
JOIN document ON document.id = coding.document
JOIN coder ON coder.id = coding.coder
ORDER BY document.name, coding.start, coding.end, tree.path
"""


def retrieve(con, path):
    """Segments coded with @path or any of its descendants, each with its
    text cut from the stored text by code points: a list of tuples
    (id, uuid, document id, document, code id, code path, start, end,
    coder, created, memo, text)."""
    code = find_code(con, path)
    if code is None:
        raise ValueError(f"no code “{path}”")
    rows = con.execute(RETRIEVE, (path, code)).fetchall()
    texts = {}
    segments = []
    for row in rows:
        text = texts.get(row[2])
        if text is None:
            text = texts[row[2]] = con.execute("SELECT text FROM document WHERE id = ?",
                                               (row[2],)).fetchone()[0]
        segments.append(row + (text[row[6]:row[7]],))
    return segments


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def format_tsv(segments):
    """codeboom-cli retrieve --format tsv: document, start, end, code path, text."""
    return "".join(f"{escape(s[3])}\t{s[6]}\t{s[7]}\t{escape(s[5])}\t{escape(s[11])}\n"
                   for s in segments)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    op, db, args = argv[1], argv[2], argv[3:]
    if op == "new":
        t0 = time.perf_counter()
        new(db).close()
    else:
        con = connect(db)
        t0 = time.perf_counter()
        if op == "import":
            import_files(con, [a for a in args if a != "--per-file"], per_file="--per-file" in args)
        elif op == "code-import":
            code_import(con, args[0])
        elif op == "apply":
            apply_batch(con, args[0], commit_each="--commit-each" in args[1:])
        elif op == "retrieve":
            segments = retrieve(con, args[0])
            elapsed = time.perf_counter() - t0
            sys.stdout.write(format_tsv(segments))
            sys.stderr.write(f"timing: {op} {elapsed * 1000:.3f} ms\n")
            con.close()
            return 0
        else:
            sys.stderr.write(f"pystore.py: unknown operation {op}\n")
            return 2
        con.close()
    sys.stderr.write(f"timing: {op} {(time.perf_counter() - t0) * 1000:.3f} ms\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (ValueError, OSError, sqlite3.Error) as e:
        sys.stderr.write(f"pystore.py: {e}\n")
        sys.exit(1)
