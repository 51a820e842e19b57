# 05_retrieve.py: retrieving a top-level code with its descendants
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""retrieve: every segment coded with "Thema 01 coördinatie" or below it (~2,500), with its text."""
from benchlib import at_most_ms


def run(b):
    w = b.workload
    n = b.repeat(10)
    code = w.manifest["retrieval"]["code"]
    want = w.manifest["retrieval"]["with_descendants"]
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")
    b.copy_fixture("coded", "cli", ours_db)
    b.copy_fixture("coded", "py", base_db)

    ours, base = b.compare(["retrieve", ours_db, code, "--format", "tsv"], ["retrieve", base_db, code], n)
    what = f"retrieve “{code}”: {want:,} segments"
    b.detail(what + ", in process", ours, base, inproc=True)
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (in process)", ours.inproc_best, base.inproc_best, at_most_ms(5))
    b.add(what + " (whole process)", ours, base, at_most_ms(150))
    if not ours.inproc:
        b.note("codeboom-cli printed no `timing: retrieve X ms` with CODEBOOM_TIMING=1: no in-process figure")

    base_segments = b.parse_segments(base.output)
    b.check(len(base_segments) == want, f"baseline retrieved {len(base_segments)} segments, manifest says {want}")
    ours_segments = b.parse_segments(ours.output)
    b.check(len(ours_segments) == want, f"Codeboom retrieved {len(ours_segments)} segments, manifest says {want}")
    if len(ours_segments) == want == len(base_segments):
        b.check(sorted(ours_segments) == sorted(base_segments),
                "Codeboom's segments (document, start, end, text) differ from the baseline's")
