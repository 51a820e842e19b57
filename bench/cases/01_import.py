# 01_import.py: importing the workload's transcripts
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""import: the 50 .txt transcripts into an empty project, one transaction per file."""
import hashlib

from benchlib import ratio

import pystore


def run(b):
    w = b.workload
    n = b.repeat(5)
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")

    ours, base = b.compare(["import", ours_db, *w.docs], ["import", base_db, *w.docs], n,
                           cli_setup=lambda: b.copy_fixture("empty", "cli", ours_db),
                           py_setup=lambda: b.copy_fixture("empty", "py", base_db))
    what = f"import {len(w.docs)} .txt files"
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (whole process)", ours, base, ratio(1.0))
    if ours.inproc:
        b.detail(what + ", in process", ours, base, inproc=True)
        b.add(what + " (in process)", ours.inproc_best, base.inproc_best)

    # Both must have stored exactly the generator's text.
    b.check_documents(ours_db)
    con = pystore.connect(str(base_db))
    h = hashlib.sha256()
    for (text,) in con.execute("SELECT text FROM document ORDER BY name"):
        h.update(text.encode("utf-8"))
    count = con.execute("SELECT count(*) FROM document").fetchone()[0]
    con.close()
    b.check(count == w.manifest["documents"],
            f"baseline stored {count} documents, manifest says {w.manifest['documents']}")
    b.check(h.hexdigest() == w.manifest["sha256_text"], "baseline's stored text differs from the manifest's sha256")
