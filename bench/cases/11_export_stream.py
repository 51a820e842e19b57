# 11_export_stream.py: the streamed exports' time and peak memory
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""export stream: `export --quotes OUT.xml` and `export --qdpx` of the coded workload, time and peak resident memory.

Both exports stream into their file a document at a time inside one read
snapshot, so their memory should not grow with the project: the issue's
target is ≤ 150 MB whatever the size (on the 1,000-document, million-coding
workload they measured 1.4 GB and 758 MB before streaming).  Peak memory is
the child's own ru_maxrss (os.wait4), reported in a note; the times are
reported without a baseline.  Run it on a large workload with
CODEBOOM_MAKE_WORKLOAD and bench/run's workload arguments, or by hand:

    /usr/bin/time -v codeboom-cli export P --quotes q.xml
"""
import os
import subprocess
import time

from benchlib import Timing


def run_measured(argv, env):
    """Wall seconds and peak resident KB of one process."""
    t0 = time.perf_counter()
    process = subprocess.Popen([str(a) for a in argv], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - t0
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))}: exit {process.returncode}\n{stderr}")
    return wall, usage.ru_maxrss


def run(b):
    db = b.path("export.codeboom")
    b.copy_fixture("coded", "cli", db)
    n = b.repeat(3)
    for what, args, out in (("quotes XML", ["--quotes"], b.path("quotes.xml")),
                            ("qdpx", ["--qdpx"], b.path("project.qdpx"))):
        timing = Timing()
        peak = 0
        for _ in range(n):
            wall, kb = run_measured(b.cli_argv("export", db, *args, out), b.env)
            timing.wall.append(wall)
            peak = max(peak, kb)
        size = os.path.getsize(out)
        b.add(f"export {what}, streamed (whole process)", timing, None)
        b.note(f"export {what}: peak resident memory {peak / 1024:.0f} MB for a "
               f"{size / 1e6:.0f} MB file (target ≤ 150 MB whatever the size)")
        b.check(size > 0, f"export {what} wrote an empty file")
