# 13_cases.py: filtered retrieval and the records import (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""cases: `retrieve --where` on the coded workload with a case per document (4 attributes) beside the unfiltered retrieval; a 1,000-row records import.

The "baseline" of the filtered retrieval is Codeboom's own unfiltered
retrieval of the same code in the same project: the issue's target is that
the filter costs at most 1.2× that.  The records import has an absolute
target (1,000 rows in under a second, whole process).
"""
import csv
import random
from pathlib import Path

from benchlib import at_most_ms, ratio, remove_db, time_processes

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus" / "incidentenfiches.csv"


def add_cases(b, db):
    """A case per document with four attributes, as a sheet."""
    documents = [line.split("\t")[0] for line in b.run_cli("docs", db).splitlines()]
    rng = random.Random(15)
    sheet = b.path("sheet.csv")
    with open(sheet, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case", "leeftijd", "regio", "interviewdatum", "reorganisatie_2014"])
        for i, name in enumerate(documents):
            w.writerow([name, 25 + i % 40, rng.choice(["Noord", "Zuid", "Oost"]),
                        f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", rng.choice(["ja", "nee"])])
    b.run_cli("attributes", "import", db, sheet)
    for name in documents:
        b.run_cli("case", "assign", db, name, name)
    return len(documents)


def run(b):
    w = b.workload
    n = b.repeat(10)
    code = w.manifest["retrieval"]["code"]
    db = b.path("cases.codeboom")
    b.copy_fixture("coded", "cli", db)
    n_cases = add_cases(b, db)

    where = ["--where", "reorganisatie_2014=ja"]
    # in turns, so that a noisy moment hurts both alike
    plain, filtered = time_processes([(b.cli_argv("retrieve", db, code, "--format", "tsv"), None, b.env),
                                      (b.cli_argv("retrieve", db, code, "--format", "tsv", *where), None, b.env)],
                                     n)
    what = f"retrieve --where, {n_cases} cases × 4 attributes vs unfiltered"
    b.detail(what + ", in process", filtered, plain, inproc=True)
    b.detail(what + ", whole process", filtered, plain)
    if filtered.inproc and plain.inproc:
        b.add(what + " (in process)", filtered.inproc_best, plain.inproc_best, ratio(1.2))
    b.add(what + " (whole process)", filtered, plain, ratio(1.2))

    # correctness: the filtered segments are exactly those of the passing cases' documents
    passing = {line.split("\t")[0] for line in b.run_cli("cases", db, *where).splitlines()}
    every = b.parse_segments(plain.output)
    kept = b.parse_segments(filtered.output)
    b.check(sorted(kept) == sorted(s for s in every if s[0] in passing),
            "retrieve --where kept other segments than those of the passing cases' documents")

    # 1,000 records
    rows = list(csv.reader(open(CORPUS, encoding="utf-8-sig")))
    sheet = b.path("records.csv")
    with open(sheet, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(rows[0])
        for i in range(1000):
            row = list(rows[1 + i % (len(rows) - 1)])
            row[0] = f"R-{i:04d}"
            out.writerow(row)
    target = b.path("records.codeboom")

    def fresh():
        remove_db(target)
        b.run_cli("new", target)

    timing = b.time_cli(["import", target, sheet, "--records"], b.repeat(3), setup=fresh)
    b.add("import --records, 1,000 rows (whole process)", timing, None, at_most_ms(1000))
    b.check(len(b.run_cli("docs", target).splitlines()) == 1000, "the records import did not make 1,000 documents")
