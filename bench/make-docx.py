#!/usr/bin/env python3
# make-docx.py: the workload's .txt transcripts as Word documents
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes one .docx per .txt of a workload (bench/make_workload.py), the way
a word processor would save the transcript: each paragraph a <w:p>, the
speaker label ("Interviewer:", "Respondent:") a bold run of its own, the rest
a plain run.  Deterministic: same input, same bytes (fixed zip dates).
Standard library only.

    python3 bench/make-docx.py DOCS_DIR OUT_DIR
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

DATE = (2024, 3, 14, 12, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'


def paragraph(text):
    label, colon, rest = text.partition(":")
    if colon and label in ("Interviewer", "Respondent"):
        return ('<w:p><w:pPr><w:pStyle w:val="TextBody"/></w:pPr>'
                '<w:r><w:rPr><w:b/></w:rPr><w:t>%s:</w:t></w:r>'
                '<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (escape(label), escape(rest)))
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(text)


def convert(txt_path, docx_path):
    with open(txt_path, encoding="utf-8") as f:
        paragraphs = [p for p in f.read().split("\n\n") if p.strip()]
    document = HEAD + "".join(paragraph(p.strip("\n")) for p in paragraphs) + TAIL
    with zipfile.ZipFile(docx_path, "w") as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    docs_dir, out_dir = argv
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(n for n in os.listdir(docs_dir) if n.endswith(".txt"))
    for name in names:
        convert(os.path.join(docs_dir, name), os.path.join(out_dir, name[:-4] + ".docx"))
    print(f"{len(names)} .docx files in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
