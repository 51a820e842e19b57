# 17_edit.py: editing a coded transcript, and pseudonymising a project (issue 18)
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""edit: one replace in a 130 KB transcript with 400 codings (in process); pseudonymising the 50-document workload with 20 names (whole process).

Both targets are absolute (the issue's): a replace moves every span after
it, set-based, in at most 5 ms inside the process; a pseudonymisation,
VACUUM and WAL checkpoint included, takes at most 2 s for the whole
workload.  There is no baseline program for either.
"""
import statistics
import subprocess
from pathlib import Path

from benchlib import at_most_ms, remove_db, copy_db


def run(b):
    db = b.path("edit.codeboom")
    b.copy_fixture("coded", "cli", db)
    documents = [line.split("\t") for line in b.run_cli("docs", db).splitlines()]
    name, n_chars, n_codings = documents[0][0], int(documents[0][1]), int(documents[0][2])

    # In one process (codeboom-edit-bench): an insertion near the start
    # moves (nearly) every coding of the document, and a deletion puts the
    # text back; each one transaction and undo step.
    bench = Path(b.cli).parent / "codeboom-edit-bench"
    if not bench.exists():
        # built beside the CLI (bench/run compiles only codeboom-cli)
        subprocess.run(["meson", "compile", "-C", str(Path(b.cli).parents[2]), "codeboom-edit-bench"],
                       stdout=subprocess.DEVNULL, check=False)
    n = b.repeat(20)
    proc = subprocess.run([str(bench), str(db), name, str(n)], env=b.env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    b.check(proc.returncode == 0, f"codeboom-edit-bench failed: {proc.stderr.decode('utf-8', 'replace')}")
    lines = proc.stderr.decode().splitlines()
    edits = [float(line.split()[-2]) / 1000 for line in lines if line.startswith("timing: text replace ")]
    undos = [float(line.split()[-2]) / 1000 for line in lines if line.startswith("timing: undo ")]
    b.check(len(edits) == n and len(undos) == n,
            f"codeboom-edit-bench timed {len(edits)} edits and {len(undos)} undos, not {n}")
    what = f"text replace in a {n_chars // 1000} K-character transcript with {n_codings} codings"
    if edits:
        b.add(what + f" (in process, best of {n})", min(edits), None, at_most_ms(5))
        b.add(what + f" (in process, median of {n})", statistics.median(edits), None)
    if undos:
        # undo of such an edit (the app's Ctrl+Z after a pause of typing)
        b.add(f"undo of that replace (in process, best of {n})", min(undos), None)
        b.add(f"undo of that replace (in process, median of {n})", statistics.median(undos), None)
    timing = b.time_cli(["text", "replace", db, name, "100", "100", "xy"], b.repeat(5))
    b.add(what + " (whole process)", timing, None)
    b.check(b.run_cli("check", db) == "ok\n", "check is not ok after the edits")

    # 20 names: the candidates `names` finds, most frequent first
    candidates = [line.split("\t")[0] for line in b.run_cli("names", db, "--min-count", "1").splitlines()]
    names = [c for c in candidates if c not in ("Interviewer", "Respondent")][:20]
    # (the quick workload has fewer than 20 candidates)
    b.check(len(names) >= 10, f"`names` found only {len(names)} candidates")
    key = b.path("key.tsv")
    with open(key, "w", encoding="utf-8") as f:
        for i, candidate in enumerate(names):
            f.write(f"{candidate}\t[naam {i + 1}]\n")
    target = b.path("pseudonymised.codeboom")

    def fresh():
        remove_db(target)
        copy_db(b.fixture("coded", "cli"), target)

    timing = b.time_cli(["pseudonymise", target, "--key", key, "--yes"], b.repeat(3), setup=fresh)
    b.add(f"pseudonymise {len(documents)} documents with {len(names)} names (whole process)", timing, None,
          at_most_ms(2000))
    b.check(b.run_cli("check", target) == "ok\n", "check is not ok after pseudonymising")
    text = b.run_cli("text", target, name)
    b.check(not any(f" {n} " in text for n in names[:5]), "a name is left in the pseudonymised text")
