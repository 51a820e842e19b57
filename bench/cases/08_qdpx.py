# 08_qdpx.py: the coded workload out as a REFI-QDA project (.qdpx) and back in
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""qdpx: `export --qdpx` of the coded workload (50 documents, ~20,000 codings), then `new --from` of that file.

Codeboom writes project.qde (validated structure: users, code tree,
sources with one selection per coded span and one Coding per coding) and
the 50 texts into a zip, then reads it all back into a new project in one
transaction (parse, resolve every position, store documents, speaker
turns, codes and codings with their uuids).  The baseline is the issue's
minimal Python program: it reads the same data from the baseline's
project, writes comparable XML (one element per coding) with ElementTree,
zips it with the 50 texts, and reads it all back (unzip, parse, decode);
it stores nothing.  Run as a script, this file is that baseline:

    python3 bench/cases/08_qdpx.py DB OUT.qdpx

For reference, QualCoder takes 6.8 s to export and 23 s to import this
workload.  Codeboom's imported project must hold exactly the workload's
text and every coding.
"""
import os
import sqlite3
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

NS = "urn:QDA-XML:project:1.0"


def baseline(db, out):
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    project = ET.Element("Project", {"xmlns": NS, "name": "bench"})
    codes = ET.SubElement(ET.SubElement(project, "CodeBook"), "Codes")
    elements = {}
    for cid, uuid, parent, name in con.execute("SELECT id, uuid, parent, name FROM code ORDER BY parent, position"):
        elements[cid] = ET.SubElement(elements.get(parent, codes), "Code",
                                      {"guid": uuid, "name": name, "isCodable": "true"})
    code_uuid = dict(con.execute("SELECT id, uuid FROM code"))
    sources = ET.SubElement(project, "Sources")
    texts = []
    for did, uuid, name, text in con.execute("SELECT id, uuid, name, text FROM document ORDER BY name"):
        source = ET.SubElement(sources, "TextSource",
                               {"guid": uuid, "name": name, "plainTextPath": f"internal://{uuid}.txt"})
        texts.append((uuid, text))
        for cuuid, code, start, end in con.execute(
                "SELECT uuid, code, start, end FROM coding WHERE document = ? ORDER BY start, end", (did,)):
            selection = ET.SubElement(source, "PlainTextSelection",
                                      {"guid": cuuid, "startPosition": str(start), "endPosition": str(end)})
            coding = ET.SubElement(selection, "Coding", {"guid": cuuid})
            ET.SubElement(coding, "CodeRef", {"targetGUID": code_uuid[code]})
    con.close()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", ET.tostring(project, encoding="utf-8", xml_declaration=True))
        for uuid, text in texts:
            z.writestr(f"sources/{uuid}.txt", text.encode("utf-8"))
    t1 = time.perf_counter()

    # ... and read it all back
    n_codings = 0
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("project.qde"))
        back = {}
        for source in root.iter("{%s}TextSource" % NS):
            path = source.get("plainTextPath").replace("internal://", "sources/")
            back[source.get("guid")] = z.read(path).decode("utf-8")
            for selection in source.iter("{%s}PlainTextSelection" % NS):
                int(selection.get("startPosition")), int(selection.get("endPosition"))
                n_codings += sum(1 for _ in selection.iter("{%s}CodeRef" % NS))
    t2 = time.perf_counter()
    print(f"timing: qdpx export {(t1 - t0) * 1000:.3f} ms", file=sys.stderr)
    print(f"timing: qdpx import {(t2 - t1) * 1000:.3f} ms", file=sys.stderr)
    print(f"{len(back)}\t{n_codings}")


def run(b):
    from benchlib import ratio, remove_db, time_processes

    n = b.repeat(5)
    ours_db, base_db = b.path("cli.codeboom"), b.path("py.codeboom")
    b.copy_fixture("coded", "cli", ours_db)
    b.copy_fixture("coded", "py", base_db)
    qdpx, base_qdpx = b.path("cli.qdpx"), b.path("py.qdpx")
    imported = b.path("imported.codeboom")

    export, base = time_processes([
        (b.cli_argv("export", ours_db, "--qdpx", qdpx), None, b.env),
        ([b.python, os.path.abspath(__file__), base_db, base_qdpx], None, b.env),
    ], n)
    (back,) = time_processes([
        (b.cli_argv("new", imported, "--from", qdpx), lambda: remove_db(imported), b.env),
    ], n)

    what = "qdpx round trip: export then new --from"
    b.detail("qdpx export, whole process", export, base)
    b.detail("qdpx import (new --from), whole process", back, base)
    b.add("qdpx export (whole process)", export, None)
    b.add("qdpx import into a new project (whole process)", back, None)
    b.add(what + " (whole processes)", export.best + back.best, base.best, ratio(1.0))
    b.note(f"QualCoder, for reference: 6.8 s export + 23 s import; the baseline's "
           f"single process does both (export then read back)")

    b.check_documents(imported)
    want = b.workload.manifest["distinct_codings"]
    got = b.count_all_codings(imported)
    b.check(got == want, f"the imported project has {got} codings, manifest says {want}")
    base_docs, base_codings = (int(x) for x in base.output.split())
    b.check(base_docs == b.workload.manifest["documents"], f"baseline read back {base_docs} documents")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    baseline(sys.argv[1], sys.argv[2])
