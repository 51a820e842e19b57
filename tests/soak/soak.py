#!/usr/bin/env python3
"""Soak test: the app and the CLI on one project, killed at random moments.

Not part of `meson test` (a full run takes minutes); run it by hand:

    python3 tests/soak/soak.py [--build build] [--rounds 20] [--quick]

Each round copies a project of the reference workload (made once, from the
shared workload generator: CODEBOOM_MAKE_WORKLOAD or
../shared/bench/make_workload.py beside the repository), then at once:

- soak-app (tests/soak/soak-app.c, a stand-in for the app: CbProject used as
  the app uses it, plus a file dialog's content-type sniffing and a plain
  open()/close() of the project file) codes random spans, acknowledging each
  coding once committed;
- this script applies 5,000 codings through `codeboom-cli apply --batch
  --commit-each` in batches of 100, and between batches runs `undo` + `redo`,
  `export --qdpx` and `backup` (and goes on with exports and backups after the
  codings, until the kill);

and kills both with SIGKILL at a random moment while the script runs (round 0,
not counted, measures how long the script takes).  Then `check` must print ok,
the project must open again, and every acknowledged coding must be in it
(less at most one per undo not followed by its redo: undo takes back the
newest step, whoever made it).  Exits 1 on the first failing round.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent
APP_CODE = "Soak app"
CLI_CODE = "Soak cli"
BATCH_LINES = 100


class Failure(Exception):
    pass


def cli(args, build, **kwargs):
    return subprocess.run([str(build / "codeboom-cli")] + [str(a) for a in args],
                          capture_output=True, text=True, **kwargs)


def must(result, what):
    if result.returncode != 0:
        raise Failure(f"{what} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def find_make_workload():
    for candidate in (os.environ.get("CODEBOOM_MAKE_WORKLOAD"),
                      SOURCE_ROOT.parent / "shared" / "bench" / "make_workload.py"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    sys.exit("soak: make_workload.py not found (set CODEBOOM_MAKE_WORKLOAD)")


def make_base(build, work, quick):
    workload = work / "workload"
    args = ["--docs", "10", "--words", "4000", "--codings", "2000"] if quick else []
    subprocess.run([sys.executable, str(find_make_workload()), str(workload)] + args, check=True,
                   stdout=subprocess.DEVNULL)
    base = work / "base.codeboom"
    must(cli(["new", base], build), "new")
    docs = sorted((workload / "docs").glob("*.txt"))
    must(cli(["import", base] + docs, build), "import")
    must(cli(["code", "import", base, workload / "codes.tsv"], build), "code import")
    must(cli(["apply", base, "--batch", workload / "codings.tsv"], build), "apply the workload")
    must(cli(["code", "add", base, APP_CODE], build), "code add")
    must(cli(["code", "add", base, CLI_CODE], build), "code add")
    lengths = {}
    for line in must(cli(["docs", base], build), "docs").splitlines():
        name, chars, _ = line.split("\t")
        lengths[name] = int(chars)
    return base, lengths


def retrieve(build, project, code):
    out = must(cli(["retrieve", project, code, "--only", "--format", "tsv"], build), "retrieve")
    return {tuple(line.split("\t")[:3]) for line in out.splitlines() if line}


class Round:
    def __init__(self, build, base, lengths, directory, seed, n_codings, kill_after):
        self.build = build
        self.project = directory / "soak.codeboom"
        self.app_ack = directory / "app-ack"
        self.directory = directory
        self.rand = random.Random(seed)
        self.seed = seed
        self.lengths = lengths
        self.n_codings = n_codings
        self.kill_after = kill_after
        shutil.copy(base, self.project)
        self.lock = threading.Lock()
        self.killed = threading.Event()
        self.child = None
        self.cli_acked = set()
        self.undos_pending = 0      # acknowledged undos without their redo
        self.undo_in_flight = False
        self.counts = {"batches": 0, "undo": 0, "redo": 0, "qdpx": 0, "backup": 0}
        self.current = None
        self.killed_during = None

    def spawn(self, args):
        with self.lock:
            if self.killed.is_set():
                return None
            self.current = str(args[0])
            self.child = subprocess.Popen(
                [str(self.build / "codeboom-cli")] + [str(a) for a in args],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            child = self.child
        out, err = child.communicate()
        with self.lock:
            self.child = None
        if self.killed.is_set() and child.returncode == -signal.SIGKILL:
            return None
        return child.returncode, out, err

    def script(self):
        names = sorted(self.lengths)
        done = 0
        batch_no = 0
        # After its codings the script goes on with undo/redo, exports and
        # backups until the kill, so that the kill always lands in work
        # (round 0, never killed, stops after its codings).
        while (done < self.n_codings or self.kill_after is not None) and not self.killed.is_set():
            if done >= self.n_codings:
                batch_no += 1
                # no more undo here: each would take back one more
                # acknowledged change and loosen the check
                if not self.maintenance(batch_no, undo=False):
                    return
                continue
            lines = []
            for _ in range(BATCH_LINES):
                doc = self.rand.choice(names)
                length = self.rand.randint(1, 200)
                start = self.rand.randint(0, max(0, self.lengths[doc] - length - 1))
                lines.append((doc, str(start), str(start + length)))
            batch = self.directory / f"batch-{batch_no}.tsv"
            batch.write_text("".join(f"{d}\t{s}\t{e}\t{CLI_CODE}\n" for d, s, e in lines),
                             encoding="utf-8")
            result = self.spawn(["apply", self.project, "--batch", batch, "--commit-each"])
            if result is None:
                return
            if result[0] != 0:
                raise Failure(f"apply --batch: {result[2].strip()}")
            self.cli_acked.update(lines)
            self.counts["batches"] += 1
            done += len(lines)
            batch_no += 1
            if not self.maintenance(batch_no):
                return

    def maintenance(self, batch_no, undo=True):
        """Undo + redo, a .qdpx export, a backup, each every few batches;
        FALSE when killed."""
        if undo and batch_no % 5 == 0:
            self.undo_in_flight = True
            result = self.spawn(["undo", self.project])
            if result is None:
                return False
            self.undo_in_flight = False
            if result[0] == 0:
                self.undos_pending += 1
                self.counts["undo"] += 1
            result = self.spawn(["redo", self.project])
            if result is None:
                return False
            # the app's next coding may have dropped the redo history
            if result[0] == 0:
                self.undos_pending -= 1
                self.counts["redo"] += 1
        if batch_no % 10 == 0:
            result = self.spawn(["export", self.project, "--qdpx",
                                 self.directory / f"export-{batch_no}.qdpx"])
            if result is None:
                return False
            if result[0] != 0:
                raise Failure(f"export --qdpx: {result[2].strip()}")
            self.counts["qdpx"] += 1
            # keep the newest export only: the files are large
            for old in self.directory.glob("export-*.qdpx"):
                if old.name != f"export-{batch_no}.qdpx":
                    old.unlink()
        if batch_no % 15 == 0:
            result = self.spawn(["backup", self.project])
            if result is None:
                return False
            if result[0] != 0:
                raise Failure(f"backup: {result[2].strip()}")
            self.counts["backup"] += 1
        return True

    def run(self):
        app = subprocess.Popen([str(self.build / "soak-app"), str(self.project),
                                str(self.app_ack), str(self.seed)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not (self.app_ack.exists() and "-- ready" in self.app_ack.read_text()):
            if app.poll() is not None or time.monotonic() > deadline:
                raise Failure(f"soak-app did not start: {app.stderr.read()}")
            time.sleep(0.05)

        def kill():
            with self.lock:
                self.killed_during = self.current if self.child is not None else "between commands"
                self.killed.set()
                app.kill()
                if self.child is not None:
                    self.child.kill()

        timer = threading.Timer(self.kill_after, kill)
        if self.kill_after is not None:
            timer.start()
        started = time.monotonic()
        error = None
        try:
            self.script()
            self.duration = time.monotonic() - started
        except Failure as e:
            error = e
        finally:
            if not self.killed.is_set():
                timer.cancel()
                kill()
            app.wait()
        if app.returncode != -signal.SIGKILL:
            raise Failure(f"soak-app died by itself ({app.returncode}): {app.stderr.read()}")
        if error:
            raise error

    def verify(self):
        out = cli(["check", self.project], self.build)
        if out.returncode != 0 or out.stdout.strip() != "ok":
            raise Failure(f"check: {out.stdout.strip()} {out.stderr.strip()}")
        reopen = subprocess.run([str(self.build / "soak-app"), "--reopen", str(self.project)],
                                capture_output=True, text=True)
        if reopen.returncode != 0:
            raise Failure(f"does not reopen: {reopen.stderr.strip()}")
        app_acked = {tuple(line.split("\t"))
                     for line in self.app_ack.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("--")}
        missing = (app_acked - retrieve(self.build, self.project, APP_CODE)) | \
                  (self.cli_acked - retrieve(self.build, self.project, CLI_CODE))
        allowed = self.undos_pending + (1 if self.undo_in_flight else 0)
        if len(missing) > allowed:
            raise Failure(f"{len(missing)} acknowledged codings missing (at most {allowed} undone): "
                          f"{sorted(missing)[:5]}")
        return len(app_acked), len(self.cli_acked), len(missing)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(SOURCE_ROOT / "build"))
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--codings", type=int, default=5000, help="CLI codings per round")
    parser.add_argument("--quick", action="store_true", help="a small workload instead of the reference")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    build = Path(args.build).resolve()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rand = random.Random(seed)
    print(f"soak: seed {seed}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="codeboom-soak-"))
    try:
        # a snapshot of the programs: a rebuild during the run must not
        # swap them under it
        snapshot = work / "bin"
        snapshot.mkdir()
        shutil.copy2(build / "src" / "cli" / "codeboom-cli", snapshot)
        shutil.copy2(build / "tests" / "soak-app", snapshot)
        build = snapshot
        started = time.monotonic()
        base, lengths = make_base(build, work, args.quick)
        print(f"soak: base project of {len(lengths)} documents in {time.monotonic() - started:.0f} s",
              flush=True)
        # Round 0 is not killed before the script ends: it measures how long
        # the script takes, so that the kills of the others fall inside it.
        duration = None
        for n in range(0, args.rounds + 1):
            directory = work / f"round-{n}"
            directory.mkdir()
            kill_after = None if duration is None else rand.uniform(0.2, duration)
            r = Round(build, base, lengths, directory, rand.randrange(1 << 30), args.codings, kill_after)
            try:
                r.run()
                app_n, cli_n, missing = r.verify()
            except Failure as e:
                print(f"soak: round {n} FAILED (kept in {directory}): {e}", flush=True)
                return 1
            if duration is None:
                duration = r.duration
            when = (f"{kill_after:.1f} s, during {r.killed_during}" if kill_after is not None
                    else f"the script ({r.duration:.1f} s)")
            print(f"soak: round {n}: killed after {when}; acknowledged {app_n} app and "
                  f"{cli_n} CLI codings, {missing} undone; {r.counts}; check ok, reopens", flush=True)
            shutil.rmtree(directory)
        print(f"soak: {args.rounds} rounds passed", flush=True)
        return 0
    finally:
        if not any(p.name.startswith("round-") for p in work.iterdir()):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
