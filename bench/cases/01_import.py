# 01_import.py: importing the workload's transcripts
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""import: the 50 .txt transcripts into an empty project in one command (one transaction, all or none)."""
import hashlib

from benchlib import ratio, time_processes

import pystore


def run(b):
    w = b.workload
    n = b.repeat(5)
    ours_db, base_db, per_file_db = b.path("cli.codeboom"), b.path("py.codeboom"), b.path("py-per-file.codeboom")

    # `codeboom-cli import P f1 f2 ...` stores all files in one transaction;
    # the target assumed one per file, so that baseline is shown too.
    ours, base, per_file = time_processes([
        (b.cli_argv("import", ours_db, *w.docs), lambda: b.copy_fixture("empty", "cli", ours_db), b.env),
        (b.pystore_argv("import", base_db, *w.docs), lambda: b.copy_fixture("empty", "py", base_db), b.env),
        (b.pystore_argv("import", per_file_db, *w.docs, "--per-file"),
         lambda: b.copy_fixture("empty", "py", per_file_db), b.env),
    ], n)
    what = f"import {len(w.docs)} .txt files"
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (whole process)", ours, base, ratio(1.0))
    if ours.inproc:
        b.detail(what + ", in process", ours, base, inproc=True)
        b.add(what + " (in process)", ours.inproc_best, base.inproc_best)
    b.detail(what + ", whole process, baseline committing each file", ours, per_file)
    b.add(what + " (whole process) vs baseline committing each file", ours, per_file)

    # Both must have stored exactly the generator's text.
    b.check_documents(ours_db)
    for db in (base_db, per_file_db):
        con = pystore.connect(str(db))
        h = hashlib.sha256()
        for (text,) in con.execute("SELECT text FROM document ORDER BY name"):
            h.update(text.encode("utf-8"))
        count = con.execute("SELECT count(*) FROM document").fetchone()[0]
        con.close()
        b.check(count == w.manifest["documents"],
                f"baseline stored {count} documents, manifest says {w.manifest['documents']}")
        b.check(h.hexdigest() == w.manifest["sha256_text"], "baseline's stored text differs from the manifest's sha256")
