#!/usr/bin/env python3
# make-golden.py: the fixed project and the golden exports that
# test-export-stream.c compares the streaming writers against
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds corpus.codeboom from the real corpus (three transcripts, the
red-tape codebook) with a deterministic set of codings by two coders, then
writes its exports with the codeboom-cli given:

    make-golden.py CODEBOOM-CLI

  corpus.codeboom       the project (uuids and times fixed once made)
  quotes-all.xml        export --quotes (every code) --with-empty-codes when
                        the CLI knows it (the writer before streaming wrote
                        every code)
  quotes-code.xml       export --quotes --code "Generalistisch werken"
  corpus.qdpx           export --qdpx --anonymous

The goldens were made by the in-memory writers, before the streaming
ones replaced them; the project is kept so that the test exports the very
same data.  SOURCE_DATE_EPOCH makes the "generated" times fixed.
"""
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
EPOCH = "1710412200"


def run(cli, *args, coder="tester"):
    env = dict(os.environ, CODEBOOM_CODER=coder, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([cli, *args], check=True, env=env, stdout=subprocess.DEVNULL)


def make_project(cli, project):
    if project.exists():
        project.unlink()
    run(cli, "new", str(project))
    run(cli, "import", str(project),
        str(CORPUS / "interview-ma07.txt"),
        str(CORPUS / "interview-hma02-cp1252-crlf.txt"),
        str(CORPUS / "mag-session-2-fr.txt"))
    run(cli, "code", "import", str(project), str(CORPUS / "codebook-redtape.tsv"))
    run(cli, "code", "color", str(project), "Generalistisch werken", "#3366CC")
    codes = [line.split("\t")[0] for line in
             (CORPUS / "codebook-redtape.tsv").read_text(encoding="utf-8").splitlines() if line]
    docs = subprocess.run([cli, "docs", str(project)], check=True, capture_output=True,
                          text=True).stdout.splitlines()
    rng = random.Random(20260312)
    lines = {"tester": [], "second": []}
    for row in docs:
        name, chars = row.split("\t")[0], int(row.split("\t")[1])
        text = subprocess.run([cli, "text", str(project), name], check=True,
                              capture_output=True).stdout.decode("utf-8")
        starts = [i for i in range(1, len(text)) if text[i - 1] in " \n" and text[i] not in " \n"]
        for _ in range(40):
            s = rng.choice(starts)
            e = min(len(text), s + rng.randint(5, 400))
            while e < len(text) and text[e] not in " \n":
                e += 1
            coder = "tester" if rng.random() < 0.8 else "second"
            for code in rng.sample(codes[:30], rng.choice([1, 1, 2, 3])):
                lines[coder].append(f"{name}\t{s}\t{e}\t{code}")
    for coder, coder_lines in lines.items():
        batch = HERE / f"batch-{coder}.tsv"
        batch.write_text("\n".join(coder_lines) + "\n", encoding="utf-8")
        run(cli, "apply", str(project), "--batch", str(batch), coder=coder)
        batch.unlink()


def main():
    cli = sys.argv[1]
    project = HERE / "corpus.codeboom"
    if "--keep-project" not in sys.argv:
        make_project(cli, project)
    help_text = subprocess.run([cli, "export", "--help"], capture_output=True, text=True).stdout
    empty = ["--with-empty-codes"] if "--with-empty-codes" in help_text else []
    run(cli, "export", str(project), "--quotes", str(HERE / "quotes-all.xml"), *empty)
    run(cli, "export", str(project), "--quotes", str(HERE / "quotes-code.xml"),
        "--code", "Generalistisch werken", *empty)
    run(cli, "export", str(project), "--qdpx", str(HERE / "corpus.qdpx"), "--anonymous")


if __name__ == "__main__":
    main()
