# 04_apply_commit_each.py: applying the 20,000 codings, one commit each
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""apply --batch --commit-each: the workload's codings, one transaction (and fsync) per coding."""
from benchlib import ratio


def run(b):
    w = b.workload
    n = b.repeat(3)
    count = w.manifest["codings"]
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")

    ours, base = b.compare(["apply", ours_db, "--batch", w.codings_tsv, "--commit-each"],
                           ["apply", base_db, w.codings_tsv, "--commit-each"], n,
                           cli_setup=lambda: b.copy_fixture("codes", "cli", ours_db),
                           py_setup=lambda: b.copy_fixture("codes", "py", base_db))
    b.detail(f"apply --commit-each {count:,} codings, whole process", ours, base)
    b.add(f"apply --commit-each {count:,} codings (whole process)", ours, base)
    b.add("  per committed coding (whole process / codings)", ours.best / count, base.best / count, ratio(1.5))
    if ours.inproc:
        b.add("  per committed coding (in process)", ours.inproc_best / count, base.inproc_best / count)
    b.check_codings(ours_db, base_db)
