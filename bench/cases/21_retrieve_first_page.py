# 21_retrieve_first_page.py: the streamed retrieval's first page and its cost per segment
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""retrieve-first-page: how soon `retrieve` has its first page (1,024 segments), and the whole retrieval per segment.

`codeboom-cli retrieve` reads a code's segments a page at a time through a
CbSegmentCursor and prints each page as it comes.  With CODEBOOM_TIMING=1 it
reports `timing-first-page: retrieve X ms` (from after opening to the first
page in hand) beside the usual `timing: retrieve X ms` (the reading of every
page, without the writing).  Issue 14's goals: first page ≤ 20 ms and the
whole ≤ 1 µs per segment, in process.
"""
from benchlib import at_most_ms, run_process


def timing(stderr, prefix):
    for line in stderr.splitlines():
        if line.startswith(prefix) and line.endswith(" ms"):
            return float(line[:-3].rsplit(" ", 1)[1]) / 1000
    return None


def run(b):
    w = b.workload
    code = w.manifest["retrieval"]["code"]
    want = w.manifest["retrieval"]["with_descendants"]
    db = b.path("cli.codeboom")
    b.copy_fixture("coded", "cli", db)

    firsts, wholes, lines = [], [], None
    for _ in range(b.repeat(10)):
        proc = run_process(b.cli_argv("retrieve", db, code, "--format", "tsv"), env=b.env)
        err = proc.stderr.decode("utf-8", "replace")
        first = timing(err, "timing-first-page: retrieve ")
        whole = timing(err, "timing: retrieve ")
        if first is not None:
            firsts.append(first)
        if whole is not None:
            wholes.append(whole)
        lines = proc.stdout.count(b"\n")

    b.check(lines == want, f"retrieve printed {lines} segments, manifest says {want}")
    if not firsts or not wholes:
        b.check(False, "codeboom-cli printed no timing-first-page / timing lines with CODEBOOM_TIMING=1")
        return
    what = f"retrieve “{code}”: {want:,} segments"
    b.add(what + ", first page (in process)", min(firsts), None, at_most_ms(20))
    b.add(what + ", all pages (in process, ≤ 1 µs per segment)", min(wholes), None, at_most_ms(want / 1000))
    b.note(f"{min(wholes) / want * 1e6:.2f} µs per segment (best of {len(wholes)}), "
           f"first page after {min(firsts) * 1000:.2f} ms")
