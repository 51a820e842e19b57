# 14_analysis.py: the analysis queries and a chart on the coded workload
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""analysis: `matrix --columns documents` (top-level codes with descendants), `cooccurrence` of every code, `chart frequencies` to SVG; with 50 cases × 4 attributes, `matrix --columns attribute:NAME`, `--columns cases --count cases` and `--where`.

Issue 16's targets: the full codes × documents matrix ≤ 20 ms in process and
≤ 100 ms whole process; co-occurrence of the 208 codes ≤ 200 ms; a chart to
SVG ≤ 200 ms whole process.  The baseline is the same matrix computed in
Python over the baseline's project with sqlite3 (one query, a dict of sets),
timed in this process.  The matrix is checked against what the workload's
codings.tsv implies.  The matrices by attribute (a case per document, as in
13_cases) are held to the documents matrix's targets and checked against
codings.tsv and the sheet.
"""
import csv
import random
import sqlite3
import time

from benchlib import Timing, at_most_ms

SEP = " / "


def expected_matrix(w):
    """{(top-level code, document): distinct spans} from codings.tsv."""
    spans = {}
    with open(w.codings_tsv, encoding="utf-8") as f:
        for line in f:
            doc, start, end, path = line.rstrip("\n").split("\t")
            spans.setdefault((path.split(SEP)[0], doc), set()).add((int(start), int(end)))
    return {key: len(value) for key, value in spans.items()}


def baseline_matrix(db):
    """The matrix in Python + SQLite: codes with their top-level ancestor."""
    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    codes = {}
    parent = {}
    for cid, par, name in con.execute("SELECT id, parent, name FROM code"):
        parent[cid] = par
        codes[cid] = name
    top = {}
    for cid in codes:
        c = cid
        while parent[c] is not None:
            c = parent[c]
        top[cid] = codes[c]
    docs = dict(con.execute("SELECT id, name FROM document"))
    cells = {}
    for doc, code, start, end in con.execute("SELECT document, code, start, \"end\" FROM coding"):
        cells.setdefault((top[code], docs[doc]), set()).add((start, end))
    con.close()
    result = {key: len(value) for key, value in cells.items()}
    return time.perf_counter() - t0, result


def run(b):
    w = b.workload
    n = b.repeat(10)
    db = b.path("analysis.codeboom")
    base_db = b.path("analysis-py.codeboom")
    b.copy_fixture("coded", "cli", db)
    b.copy_fixture("coded", "py", base_db)

    matrix = b.time_cli(["matrix", db, "--columns", "documents"], n)
    base = Timing()
    base_result = None
    for _ in range(n):
        seconds, base_result = baseline_matrix(base_db)
        base.wall.append(seconds)
        base.inproc.append(seconds)
    what = f"matrix: {len(w.docs)} documents × the top-level codes with descendants, {w.manifest['codings']:,} codings"
    b.detail(what, matrix, base, inproc=True)
    b.add(what + " (in process)", matrix.inproc_best, base.best, at_most_ms(20))
    b.add(what + " (whole process)", matrix, None, at_most_ms(100))

    lines = matrix.output.rstrip("\n").split("\n")
    header = lines[0].split("\t")[1:]
    ours = {}
    for line in lines[1:]:
        fields = line.split("\t")
        for doc, value in zip(header, fields[1:]):
            if int(value):
                ours[(fields[0], doc)] = int(value)
    b.check(ours == expected_matrix(w), "the matrix differs from what codings.tsv implies")
    b.check(ours == base_result, "the matrix differs from the baseline's")

    co = b.time_cli(["cooccurrence", db], b.repeat(5))
    n_codes = len(co.output.rstrip("\n").split("\n")) - 1
    b.add(f"cooccurrence of the {n_codes} codes (in process)", co.inproc_best, None, at_most_ms(200))
    b.add(f"cooccurrence of the {n_codes} codes (whole process)", co, None)

    svg = b.path("frequencies.svg")
    chart = b.time_cli(["chart", db, "frequencies", "--output", svg], b.repeat(5))
    b.add(f"chart frequencies of the {n_codes} codes to SVG (whole process)", chart, None, at_most_ms(200))
    with open(svg, "rb") as f:
        b.check(f.read(5) == b"<?xml", "the chart is not an SVG file")

    run_cases(b)


def add_cases(b, db):
    """A case per document with four attributes (as 13_cases does); the
    sheet's values by document."""
    documents = [line.split("\t")[0] for line in b.run_cli("docs", db).splitlines()]
    rng = random.Random(15)
    sheet = b.path("analysis-sheet.csv")
    values = {}
    with open(sheet, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case", "leeftijd", "regio", "interviewdatum", "reorganisatie_2014"])
        for i, name in enumerate(documents):
            row = [name, 25 + i % 40, rng.choice(["Noord", "Zuid", "Oost"]),
                   f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", rng.choice(["ja", "nee"])]
            w.writerow(row)
            values[name] = {"leeftijd": str(row[1]), "regio": row[2]}
    b.run_cli("attributes", "import", db, sheet)
    for name in documents:
        b.run_cli("case", "assign", db, name, name)
    return values


def expected_by_attribute(w, values, attribute):
    """{(top-level code, value): distinct spans}: each document is one case."""
    spans = {}
    with open(w.codings_tsv, encoding="utf-8") as f:
        for line in f:
            doc, start, end, path = line.rstrip("\n").split("\t")
            spans.setdefault((path.split(SEP)[0], values[doc][attribute]), set()).add((doc, int(start), int(end)))
    return {key: len(value) for key, value in spans.items()}


def parse_table(output):
    lines = output.rstrip("\n").split("\n")
    header = lines[0].split("\t")[1:]
    cells = {}
    for line in lines[1:]:
        fields = line.split("\t")
        for column, value in zip(header, fields[1:]):
            if int(value):
                cells[(fields[0], column)] = int(value)
    return header, cells


def run_cases(b):
    w = b.workload
    n = b.repeat(10)
    db = b.path("analysis-cases.codeboom")
    b.copy_fixture("coded", "cli", db)
    values = add_cases(b, db)
    n_cases = len(values)
    codings = f"{w.manifest['codings']:,} codings"

    for attribute in ("regio", "leeftijd"):
        timing = b.time_cli(["matrix", db, "--columns", f"attribute:{attribute}"], n)
        header, cells = parse_table(timing.output)
        what = (f"matrix by attribute:{attribute} ({len(header) - 1} values), {n_cases} cases × 4 attributes, "
                f"the top-level codes with descendants, {codings}")
        b.add(what + " (in process)", timing.inproc_best, None, at_most_ms(20))
        b.add(what + " (whole process)", timing, None, at_most_ms(100))
        b.check(cells == expected_by_attribute(w, values, attribute),
                f"the matrix by attribute:{attribute} differs from what codings.tsv and the sheet imply")

    timing = b.time_cli(["matrix", db, "--columns", "cases", "--count", "cases"], n)
    b.add(f"matrix by case, --count cases, {n_cases} cases (in process)", timing.inproc_best, None, at_most_ms(20))

    where = ["--where", "reorganisatie_2014=ja"]
    plain = b.time_cli(["matrix", db, "--columns", "documents"], n)
    filtered = b.time_cli(["matrix", db, "--columns", "documents", *where], n)
    b.add(f"matrix by document --where reorganisatie_2014=ja, {n_cases} cases (in process)",
          filtered.inproc_best, plain.inproc_best, at_most_ms(20))
    passing = {line.split("\t")[0] for line in b.run_cli("cases", db, *where).splitlines()}
    _, every = parse_table(plain.output)
    _, kept = parse_table(filtered.output)
    b.check(kept == {key: value for key, value in every.items() if key[1] in passing},
            "matrix --where kept other cells than those of the passing cases' documents")
