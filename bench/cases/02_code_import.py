# 02_code_import.py: importing the codebook
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""code import: the 208-code tree (3 levels) from codes.tsv, one transaction."""
import pystore


def run(b):
    w = b.workload
    n = b.repeat(5)
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")

    ours, base = b.compare(["code", "import", ours_db, w.codes_tsv], ["code-import", base_db, w.codes_tsv], n,
                           cli_setup=lambda: b.copy_fixture("documents", "cli", ours_db),
                           py_setup=lambda: b.copy_fixture("documents", "py", base_db))
    what = f"code import {w.manifest['codes']} codes"
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (whole process)", ours, base)
    if ours.inproc:
        b.add(what + " (in process)", ours.inproc_best, base.inproc_best)

    con = pystore.connect(str(base_db))
    count = con.execute("SELECT count(*) FROM code").fetchone()[0]
    con.close()
    b.check(count == w.manifest["codes"], f"baseline has {count} codes, manifest says {w.manifest['codes']}")
