# 03_apply_batch.py: applying the 20,000 codings in one transaction
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""apply --batch: the workload's codings (doc, start, end, path) in one transaction."""
from benchlib import ratio


def run(b):
    w = b.workload
    n = b.repeat(3)
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")

    ours, base = b.compare(["apply", ours_db, "--batch", w.codings_tsv], ["apply", base_db, w.codings_tsv], n,
                           cli_setup=lambda: b.copy_fixture("codes", "cli", ours_db),
                           py_setup=lambda: b.copy_fixture("codes", "py", base_db))
    what = f"apply --batch {w.manifest['codings']:,} codings, one transaction"
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (whole process)", ours, base, ratio(3.0))
    if ours.inproc:
        b.add(what + " (in process)", ours.inproc_best, base.inproc_best)
    b.check_codings(ours_db, base_db)
