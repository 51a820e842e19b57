# 18_scope.py: a scoped retrieval, `retrieve --coder X --set S` (issues 17, 21)
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""scope: `retrieve --coder X --set S` on the coded workload (two coders, a set of half the documents) beside the unfiltered retrieval.

The "baseline" is Codeboom's own unfiltered retrieval of the same code in
the same project: a scope is read once into memory and tested per segment
with a binary search, so it should cost at most 1.2× the plain retrieval
(the case filter's target).  The second coder and the set are written with
sqlite3, as the merge and set commands of other modules would write them.
"""
import sqlite3
import uuid

from benchlib import ratio, time_processes


def split_coders_and_set(db):
    """Every other coding to a second coder; half the documents in a set.
    Returns the (document, start, end, code path) of the codings in scope."""
    con = sqlite3.connect(db)
    with con:
        con.execute("INSERT INTO coder (uuid, name) VALUES (?, 'Zoë')", (str(uuid.uuid4()),))
        zoe = con.execute("SELECT id FROM coder WHERE name = 'Zoë'").fetchone()[0]
        con.execute("UPDATE coding SET coder = ? WHERE id % 2 = 0", (zoe,))
        con.execute("INSERT INTO document_set (uuid, name, position) VALUES (?, 'Ronde 2', 0)", (str(uuid.uuid4()),))
        con.execute("INSERT INTO document_set_member (document_set, document)"
                    " SELECT (SELECT id FROM document_set), id FROM document WHERE id % 2 = 1")
    keys = con.execute("WITH RECURSIVE path (id, p) AS (SELECT id, name FROM code WHERE parent IS NULL"
                       " UNION ALL SELECT k.id, path.p || ' / ' || k.name FROM code k JOIN path ON k.parent = path.id)"
                       " SELECT d.name, c.start, c.end, path.p FROM coding c JOIN document d ON d.id = c.document"
                       " JOIN path ON path.id = c.code WHERE c.coder = ? AND d.id % 2 = 1", (zoe,)).fetchall()
    con.close()
    return keys


def run(b):
    w = b.workload
    n = b.repeat(10)
    code = w.manifest["retrieval"]["code"]
    db = b.path("scope.codeboom")
    b.copy_fixture("coded", "cli", db)
    in_scope = split_coders_and_set(db)

    # "zoe" folds to Zoë: the name lookup is part of what is timed
    scope = ["--coder", "zoe", "--set", "ronde 2"]
    plain, scoped = time_processes([(b.cli_argv("retrieve", db, code, "--format", "tsv"), None, b.env),
                                    (b.cli_argv("retrieve", db, code, "--format", "tsv", *scope), None, b.env)],
                                   n)
    what = "retrieve --coder --set (half the coders, half the documents) vs unfiltered"
    b.detail(what + ", in process", scoped, plain, inproc=True)
    b.detail(what + ", whole process", scoped, plain)
    if scoped.inproc and plain.inproc:
        b.add(what + " (in process)", scoped.inproc_best, plain.inproc_best, ratio(1.2))
    b.add(what + " (whole process)", scoped, plain, ratio(1.2))

    # correctness: exactly the unfiltered segments of that coder in those documents
    wanted = {}
    for key in in_scope:
        wanted[key] = wanted.get(key, 0) + 1
    every = b.parse_segments(plain.output)
    kept = b.parse_segments(scoped.output)
    expected = []
    for segment in every:
        key = segment[:4]
        if wanted.get(key, 0) > 0:
            wanted[key] -= 1
            expected.append(segment)
    b.check(len(kept) > 0 and sorted(kept) == sorted(expected),
            "retrieve --coder --set kept other segments than Zoë's in the set's documents")
