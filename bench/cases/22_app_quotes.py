# 22_app_quotes.py: the quotes pane of the GTK application
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""app quotes: selecting the top code until its quotes are painted, scrolling to the middle of them, peak memory.

Runs src/app/codeboom-quotes-bench (built on demand) under xvfb-run on a copy
of the coded project, like 10_app_speed.py.  The pane counts the quotes and
reads the first page; the rest are read a page at a time as the list is
scrolled.  Issue 14's goals (for the 1,000,000-coding workload): quotes
≤ 100 ms after the click, ≤ 150 MB.
"""
import os
import shutil
import subprocess

from benchlib import at_most_ms


def run(b):
    w = b.workload
    builddir = b.cli.parent.parent.parent
    exe = builddir / "src" / "app" / "codeboom-quotes-bench"
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        b.note("xvfb-run is not installed: the app was not measured")
        return
    subprocess.run(["meson", "compile", "-C", str(builddir), "codeboom-quotes-bench"],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not exe.exists():
        b.note(f"{exe} could not be built (no GTK?): the app was not measured")
        return

    db = b.path("app.codeboom")
    b.copy_fixture("coded", "cli", db)
    code = w.manifest["retrieval"]["code"]
    want = w.manifest["retrieval"]["with_descendants"]
    env = dict(os.environ, GTK_A11Y="none", GSETTINGS_BACKEND="memory",
               GSETTINGS_SCHEMA_DIR=str(builddir / "data"), GDK_BACKEND="x11",
               GSK_RENDERER=os.environ.get("GSK_RENDERER", "cairo"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    shown, first, reading, scrolls, peak_kb, base_kb = [], [], [], [], None, None
    for _ in range(b.repeat(3)):
        proc = subprocess.run([xvfb, "-a", "-s", "-screen 0 1600x1000x24", str(exe), str(db), code],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            b.check(False, f"codeboom-quotes-bench failed: {proc.stderr.strip()[-500:]}")
            return
        for line in proc.stdout.splitlines():
            f = line.replace("(", " ").replace(")", " ").split()
            if f[:1] == ["quotes-ms"]:
                shown.append(float(f[1]) / 1000)
                reading.append(float(f[5]) / 1000)
                b.check(int(f[2]) == want, f"the pane counts {f[2]} quotes, manifest says {want}")
            elif f[:1] == ["quotes-first-ms"]:
                first.append(float(f[1]) / 1000)
            elif f[:1] == ["scroll-ms"]:
                scrolls.append(float(f[1]) / 1000)
            elif f[:1] == ["peak-rss-kb"]:
                peak_kb = max(peak_kb or 0, int(f[1]))
            elif f[:1] == ["baseline-rss-kb"]:
                base_kb = int(f[1])

    b.check(bool(shown), "codeboom-quotes-bench reported no timings")
    if not shown:
        return
    what = f"click “{code}” ({want:,} quotes) until they are painted"
    b.add(what, min(shown), None, at_most_ms(100))
    b.add(what + ": of which the click's own handling (reading them among it)", min(reading), None)
    b.add(what + ", the first time (the pane's first layout too)", min(first), None)
    b.add("scroll its quotes to the middle, until painted", min(scrolls), None)
    if peak_kb is not None:
        b.note(f"peak resident memory: {peak_kb / 1024:.0f} MB (target ≤ 150 MB)"
               + (f"; GTK and libadwaita before any window: {base_kb / 1024:.0f} MB" if base_kb else ""))
