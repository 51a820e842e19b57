# 06_search.py: accent- and case-insensitive search
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""search: "een" ignoring case and accents (~16,000 hits in 6.5 M characters), and its variants.

The baseline is the issue's: a plain Python script that reads the 50 files,
folds case and accents (casefold, NFD, drop combining marks) and counts
(str.count).  Since issue 20 search also applies the matching equivalence
(typographic quotes and dashes, runs of white space, line-break hyphens,
ligatures, ß, the ellipsis), so the baseline's fold does too (two regular
expressions and a str.translate before the case and accent fold), to keep
the comparison fair.  Run as a script, this file is that baseline:

    python3 bench/cases/06_search.py DOCS_DIR TERM

It prints the count, and `timing: search X ms` (reading, folding and
counting, without the interpreter's start-up) on stderr.
"""
import os
import re
import sys
import time
import unicodedata


# The matching equivalence (README, "Searching").
EQUIVALENCE = str.maketrans({
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u02bc\u2032"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u2026": "...", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00df": "ss", "\u00ad": None,
})
LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u00ad]\n(?=[^\W\d_])")
WHITE_RUN = re.compile(r"\s+")


def fold(s):
    s = WHITE_RUN.sub(" ", LINE_BREAK_HYPHEN.sub("", s)).translate(EQUIVALENCE)
    s = unicodedata.normalize("NFD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


def baseline(docs_dir, term):
    t0 = time.perf_counter()
    needle = fold(term)
    n = 0
    for name in sorted(os.listdir(docs_dir)):
        if name.endswith(".txt"):
            with open(os.path.join(docs_dir, name), encoding="utf-8") as f:
                n += fold(f.read()).count(needle)
    print(n)
    print(f"timing: search {(time.perf_counter() - t0) * 1000:.3f} ms", file=sys.stderr)


# Independent expected counts, computed here in Python from the generator's
# files (the workload has no stray combining marks, so folding the whole
# text and folding code point by code point agree).
def strip_accents(s):
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def expected_counts(texts):
    return {
        "Één exact": sum(t.count("Één") for t in texts),
        "een case-sensitive, accents ignored": sum(strip_accents(t).count("een") for t in texts),
        "een whole word": sum(len(re.findall(r"(?<!\w)een(?!\w)", fold(t))) for t in texts),
        "regex cli[eë]nt(en)?": sum(len(re.findall(r"cli[eë]nt(en)?", t, re.I | re.M)) for t in texts),
    }


def run(b):
    from benchlib import at_most_ms, log, ratio, time_processes

    w = b.workload
    n = b.repeat(10)
    m = w.manifest["search"]
    db = b.path("cli.codeboom")
    cold_db = b.path("cli-cold.codeboom")
    baseline_argv = [b.python, os.path.abspath(__file__), w.dir / "docs", "een"]

    texts = []
    for path in w.docs:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    expected = expected_counts(texts)

    # The first search of a project folds every document and keeps the
    # copies: timed on a fresh copy each run.
    cold, base = time_processes([
        (b.cli_argv("search", cold_db, "een", "--count"),
         lambda: b.copy_fixture("documents", "cli", cold_db), b.env),
        (baseline_argv, None, b.env),
    ], n)
    b.detail("first search of a project (builds the folded copies), whole process", cold, base)
    b.add("search een --count, first search of the project (whole process)", cold, base)

    # Every later search.
    b.copy_fixture("documents", "cli", db)
    b.run_cli("search", db, "een", "--count")
    ours, base = time_processes([
        (b.cli_argv("search", db, "een", "--count"), None, b.env),
        (baseline_argv, None, b.env),
    ], n)
    b.detail("search een --count, whole process", ours, base)
    b.detail("search een --count, in process", ours, base, inproc=True)
    b.add(f"search een --count: {m['een (case- and diacritic-insensitive)']:,} hits (whole process)",
          ours, base, ratio(0.25))
    b.add("search een --count (in process)", ours.inproc_best, base.inproc_best, at_most_ms(20))
    b.check(ours.output.strip() == str(m["een (case- and diacritic-insensitive)"]),
            f"search een --count gave {ours.output.strip()}, manifest says "
            f"{m['een (case- and diacritic-insensitive)']}")
    b.check(base.output.strip() == str(m["een (case- and diacritic-insensitive)"]),
            f"the baseline counted {base.output.strip()}")
    if not ours.inproc:
        b.note("codeboom-cli printed no `timing: search X ms`: no in-process figure")

    # The variants: counts checked against the manifest or Python.
    variants = [
        (["cliënt", "--match-accents"], m["cliënt (case-insensitive)"]),
        (["één", "--match-accents"], m["één (case-insensitive)"]),
        (["Één", "--match-case", "--match-accents"], expected["Één exact"]),
        (["een", "--match-case"], expected["een case-sensitive, accents ignored"]),
        (["een", "--whole-word"], expected["een whole word"]),
        (["cli[eë]nt(en)?", "--regex"], expected["regex cli[eë]nt(en)?"]),
    ]
    for args, want in variants:
        t = b.time_cli(["search", db] + args + ["--count"], n)
        what = "search " + " ".join(args) + " --count"
        log(f"  {what}, in process:\n    Codeboom {t.describe(inproc=True)}")
        b.add(f"{what}: {want:,} hits (in process)", t.inproc_best, None)
        b.check(t.output.strip() == str(want), f"{what} gave {t.output.strip()}, expected {want}")

    # Listing every hit with its context.
    t = b.time_cli(["search", db, "een", "--format", "tsv", "--context", "30"], n)
    lines = t.output.count("\n")
    b.add(f"search een --format tsv: {lines:,} lines with context (whole process)", t, None)
    b.check(lines == m["een (case- and diacritic-insensitive)"], f"search een --format tsv printed {lines} lines")

    # Coding every hit, one transaction.
    code_db = b.path("cli-code.codeboom")
    t = b.time_cli(["search", code_db, "een", "--code", "Auto / een"], b.repeat(3),
                   setup=lambda: (b.copy_fixture("documents", "cli", code_db),
                                  b.run_cli("search", code_db, "een", "--count")))
    b.add(f"search een --code PATH: {m['een (case- and diacritic-insensitive)']:,} codings (whole process)",
          t, None)
    coded = b.count_all_codings(code_db)
    b.check(coded == m["een (case- and diacritic-insensitive)"],
            f"search --code left {coded} codings, expected one per hit")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: 06_search.py DOCS_DIR TERM")
    baseline(sys.argv[1], sys.argv[2])
