# 07_import_docx.py: importing the workload's transcripts as Word documents
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""import_docx: the 50 transcripts as .docx (bench/make-docx.py) into an empty project in one command.

Codeboom reads each zip member within its safety limits, parses
word/document.xml with libxml2, lays out paragraphs, normalises, and stores
text, original bytes and the recognised speaker turns in one transaction.
The baseline, a plain Python program, does the storage work of
pystore.import_files on text it extracts with zipfile and ElementTree (one
paragraph per <w:p>, its <w:t> texts joined); it does not recognise turns.
Run as a script, this file is that baseline:

    python3 bench/cases/07_import_docx.py DB FILE.docx...

Both must store exactly the generator's text (the .txt it came from).
"""
import hashlib
import os
import sys
import time
import unicodedata
import uuid
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(raw):
    import io
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paragraphs = []
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t")).strip()
        if text:
            paragraphs.append(text)
    return unicodedata.normalize("NFC", "\n\n".join(paragraphs) + "\n")


def baseline(db, files):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pystore

    t0 = time.perf_counter()
    con = pystore.connect(db)
    documents = []
    for filename in files:
        with open(filename, "rb") as f:
            raw = f.read()
        base = os.path.basename(filename)
        documents.append((os.path.splitext(base)[0], base, raw, docx_text(raw)))
    con.execute("BEGIN IMMEDIATE")
    for name, base, raw, text in documents:
        cur = con.execute(
            "INSERT INTO document (uuid, name, n_chars, source_name, source_sha256, imported, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), name, len(text), base, hashlib.sha256(raw).hexdigest(), pystore.now(), text))
        con.execute("INSERT INTO document_source (document, bytes) VALUES (?, ?)", (cur.lastrowid, raw))
    con.execute("COMMIT")
    con.close()
    print(f"timing: import {(time.perf_counter() - t0) * 1000:.3f} ms", file=sys.stderr)


def docx_workload(b):
    """The workload's transcripts as .docx, made once next to the workload
    (made again when make-docx.py or the workload changes)."""
    from benchlib import BENCH_DIR, log, run_process

    script = BENCH_DIR / "make-docx.py"
    directory = b.workload.dir / "docx"
    stamp = hashlib.sha256(script.read_bytes()).hexdigest() + " " + b.workload.manifest["sha256_text"]
    stamp_file = directory / ".stamp"
    if not (stamp_file.is_file() and stamp_file.read_text() == stamp):
        log(f"converting the workload to .docx into {directory}")
        run_process([sys.executable, script, b.workload.dir / "docs", directory])
        stamp_file.write_text(stamp)
    return sorted(directory.glob("*.docx"))


def run(b):
    from benchlib import at_most_ms, time_processes

    docs = docx_workload(b)
    n = b.repeat(5)
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")

    ours, base = time_processes([
        (b.cli_argv("import", ours_db, *docs), lambda: b.copy_fixture("empty", "cli", ours_db), b.env),
        ([b.python, os.path.abspath(__file__), base_db, *docs],
         lambda: b.copy_fixture("empty", "py", base_db), b.env),
    ], n)
    what = f"import {len(docs)} .docx files"
    b.detail(what + ", whole process", ours, base)
    b.add(what + " (whole process)", ours, base, at_most_ms(1000))
    if ours.inproc:
        b.detail(what + ", in process", ours, base, inproc=True)
        b.add(what + " (in process)", ours.inproc_best, base.inproc_best)

    # Both must have stored exactly the text the .docx files were made from.
    b.check_documents(ours_db)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import pystore
    con = pystore.connect(str(base_db))
    h = hashlib.sha256()
    for (text,) in con.execute("SELECT text FROM document ORDER BY name"):
        h.update(text.encode("utf-8"))
    con.close()
    b.check(h.hexdigest() == b.workload.manifest["sha256_text"],
            "baseline's text extracted from the .docx differs from the manifest's sha256")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    baseline(sys.argv[1], sys.argv[2:])
