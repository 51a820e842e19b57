# 15_agreement.py: intercoder agreement of two coders over the coded workload
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""agreement: `agreement P first second` (character units, every code × 50 documents) with a second coder made by shifting the first one's spans; `--unit segment`; `--coders first,second --alpha`.

Issue 17's target: two coders × 20,000 codings, 208 codes, 50 documents,
character units ≤ 300 ms whole process.  The baseline is the same
per-character computation in Python (a set of character offsets per coder,
code and document, read with sqlite3 from the same project), timed in this
process; its counts must equal Codeboom's.
"""
import random
import sqlite3
import time

from benchlib import Timing, at_most_ms


def second_coder(w, path):
    """The workload's codings moved by up to 6 characters at either end,
    one in ten dropped (deterministic)."""
    lengths = {}
    for doc in w.docs:
        with open(doc, encoding="utf-8") as f:
            lengths[doc.stem] = len(f.read())
    rng = random.Random(17)
    with open(w.codings_tsv, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            doc, start, end, code = line.rstrip("\n").split("\t")
            if rng.random() < 0.1:
                continue
            s = max(0, int(start) + rng.randint(-6, 6))
            e = min(lengths[doc], int(end) + rng.randint(-6, 6))
            if e > s:
                out.write(f"{doc}\t{s}\t{e}\t{code}\n")


def baseline_agreement(db, a, b):
    """{code path: (both, a_only, b_only, neither)} counted character by
    character, every document coded by both in scope."""
    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names, parent = {}, {}
    for cid, par, name in con.execute("SELECT id, parent, name FROM code"):
        names[cid], parent[cid] = name, par

    def path(cid):
        parts = []
        while cid is not None:
            parts.append(names[cid])
            cid = parent[cid]
        return " / ".join(reversed(parts))

    lengths = dict(con.execute("SELECT id, n_chars FROM document"))
    coders = dict(con.execute("SELECT name, id FROM coder"))
    sets = {}
    docs = {a: set(), b: set()}
    for who in (a, b):
        for doc, code, start, end in con.execute(
                "SELECT document, code, start, \"end\" FROM coding WHERE coder = ?", (coders[who],)):
            sets.setdefault((code, doc), ({}, {}))
            sets[(code, doc)][0 if who == a else 1].update(dict.fromkeys(range(start, end)))
            docs[who].add(doc)
    con.close()
    scope = docs[a] & docs[b]
    size = sum(lengths[d] for d in scope)
    result = {}
    for (code, doc), (sa, sb) in sets.items():
        if doc not in scope:
            continue
        both = sum(1 for x in sa if x in sb)
        counts = result.setdefault(path(code), [0, 0, 0, 0])
        counts[0] += both
        counts[1] += len(sa) - both
        counts[2] += len(sb) - both
    for counts in result.values():
        counts[3] = size - counts[0] - counts[1] - counts[2]
    return time.perf_counter() - t0, {k: tuple(v) for k, v in result.items()}


def run(b):
    w = b.workload
    n = b.repeat(10)
    db = b.path("agreement.codeboom")
    b.copy_fixture("coded", "cli", db)
    shifted = b.path("second-coder.tsv")
    second_coder(w, shifted)
    b.run_cli("coder", "rename", db, "bench", "first")
    b.run_cli("apply", db, "--coder", "second", "--batch", shifted)

    timing = b.time_cli(["agreement", db, "first", "second"], n)
    base = Timing()
    base_result = None
    for _ in range(max(1, n // 3)):
        seconds, base_result = baseline_agreement(db, "first", "second")
        base.wall.append(seconds)
        base.inproc.append(seconds)
    what = (f"agreement of two coders, character units: {w.manifest['codings']:,} codings each, "
            f"{w.manifest['codes']} codes, {len(w.docs)} documents")
    b.detail(what, timing, base, inproc=True)
    b.add(what + " (whole process)", timing, None, at_most_ms(300))
    b.add(what + " (in process)", timing.inproc_best, base.best)

    ours = {}
    for line in timing.output.rstrip("\n").split("\n")[1:]:
        fields = line.split("\t")
        if fields[0] != "(all codes)":
            ours[fields[0]] = tuple(int(x) for x in fields[3:7])
    b.check(ours == base_result, "the agreement counts differ from the per-character baseline's")

    segments = b.time_cli(["agreement", db, "first", "second", "--unit", "segment"], b.repeat(5))
    b.add("agreement, segment units (90 % overlap) (whole process)", segments, None, at_most_ms(300))
    alpha = b.time_cli(["agreement", db, "--coders", "first,second", "--alpha"], b.repeat(5))
    b.add("Krippendorff's α, two coders, character units (whole process)", alpha, None, at_most_ms(300))
