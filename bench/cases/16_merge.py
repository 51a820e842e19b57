# 16_merge.py: merging a second coder's project (issue 17)
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""merge: two projects of the reference workload, 20,000 codings each (the same spans by two coders), merged into one, whole process.

The second project is `copy --without-codings` of the coded one with the
workload's codings applied again by another coder: a merge must read its
20,000 codings, match every document and code by uuid and add 20,000
codings.  Target: at most 1 s, whole process.  There is no baseline
program for a merge; merging the project with its own copy (everything
already present) is shown beside it.
"""
from benchlib import at_most_ms, copy_db, run_process


def run(b):
    w = b.workload
    n = b.repeat(5)
    first = b.path("first.codeboom")
    second = b.path("second.codeboom")
    same = b.path("same.codeboom")
    target = b.path("merged.codeboom")
    b.copy_fixture("coded", "cli", first)
    b.run_cli("copy", first, second, "--without-codings")
    b.run_cli("copy", first, same)
    run_process(b.cli_argv("apply", second, "--batch", w.codings_tsv), env=dict(b.env, CODEBOOM_CODER="second"))

    def fresh():
        copy_db(first, target)

    timing = b.time_cli(["merge", target, second], n, setup=fresh)
    b.add(f"merge, two projects × {b.count_all_codings(second):,} codings (whole process)", timing, None,
          at_most_ms(1000))
    lines = timing.output.splitlines()
    b.check(lines[0].startswith("added: 0 documents, 0 codes, ") and lines[2] == "conflicts: none",
            f"merge did not add only codings: {timing.output[:300]!r}")
    b.check(b.count_all_codings(target) == 2 * b.count_all_codings(first),
            "the merged project does not hold both coders' codings")

    itself = b.time_cli(["merge", target, same], n, setup=fresh)
    b.add("merge with its own copy, everything present (whole process)", itself, None, at_most_ms(1000))
    b.check(itself.output.startswith("added: 0 documents, 0 codes, 0 codings\n"),
            f"merging an identical copy added something: {itself.output[:300]!r}")
