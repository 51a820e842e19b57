#!/usr/bin/python3
"""The front door: `tools/run` opens the app on the demo project.

Starts the app exactly as a user does, through tools/run (with --no-build,
as meson has just built this tree), in a clean environment: none of the test
setup's variables (GSETTINGS_SCHEMA_DIR, GSETTINGS_BACKEND, GTK_A11Y, …), only
what a desktop session has (PATH, HOME, DISPLAY, XAUTHORITY, the session bus,
LANG) plus LANGUAGE for the Dutch run.  Then reads the window through the
accessibility tree: the title is the demo project, its documents are listed,
the labels are in the asked language, and the app is still running 5 seconds
later.

Run under a display and a session bus (meson: xvfb-run + dbus-run-session):
    test_front_door.py BUILDDIR
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, Gio, GLib  # noqa: E402

SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or \
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD_ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(SOURCE_ROOT, 'build')

WINDOW_TIMEOUT = 90   # tools/run first builds the demo project with the CLI
ALIVE_FOR = 5

# Strings of the start of the window (po/nl.po) and of the demo project.
LANGUAGES = {
    'en': {'shown': ['Import', 'Documents', 'No Transcript Open'],
           'absent': ['Importeren', 'Documenten']},
    'nl': {'shown': ['Importeren', 'Documenten', 'Geen transcript geopend'],
           'absent': ['No Transcript Open', 'Documents']},
}
DEMO_DOCUMENTS = ['interview-ma07', 'mag-session-2-fr']


def ensure_a11y_bus(timeout=30.0):
    """libatspi aborts when the accessibility bus is still starting: ask the
    session bus for its address until it answers, before the first Atspi call."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + timeout
    while True:
        try:
            bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress',
                          None, GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, 10000, None)
            break
        except GLib.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    Atspi.get_desktop(0).get_child_count()


def clean_environment(language):
    env = {
        'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
        'HOME': tempfile.mkdtemp(prefix='cb-front-door-home-'),
        'DISPLAY': os.environ['DISPLAY'],
        'DBUS_SESSION_BUS_ADDRESS': os.environ['DBUS_SESSION_BUS_ADDRESS'],
        # a minimal system's locale; gettext ignores LANGUAGE under plain C
        'LANG': 'C.UTF-8',
    }
    if 'XAUTHORITY' in os.environ:
        env['XAUTHORITY'] = os.environ['XAUTHORITY']
    if language != 'en':
        env['LANGUAGE'] = language
    return env


def descends_from(pid, ancestor):
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            with open(f'/proc/{pid}/stat') as stat:
                pid = int(stat.read().rsplit(')', 1)[1].split()[1])
        except OSError:
            return False
    return False


def alive(pid):
    try:
        with open(f'/proc/{pid}/stat') as stat:
            return stat.read().rsplit(')', 1)[1].split()[0] not in ('Z', 'X')
    except OSError:
        return False


def find_app(launcher):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is None:
            continue
        try:
            if descends_from(app.get_process_id(), launcher.pid):
                return app
        except GLib.Error:
            continue
    return None


def walk(node, depth=0, out=None):
    """(role name, accessible name) of every node under @node."""
    if out is None:
        out = []
    if node is None or depth > 40:
        return out
    try:
        out.append((node.get_role_name(), node.get_name() or ''))
        for i in range(node.get_child_count()):
            walk(node.get_child_at_index(i), depth + 1, out)
    except GLib.Error:
        pass
    return out


def main_window(app):
    for i in range(app.get_child_count()):
        child = app.get_child_at_index(i)
        if child is not None and child.get_role() == Atspi.Role.FRAME:
            return child
    return None


def check_front_door(language):
    expected = LANGUAGES[language]
    env = clean_environment(language)
    log_path = os.path.join(env['HOME'], 'tools-run.log')
    with open(log_path, 'wb') as log:
        launcher = subprocess.Popen(
            [os.path.join(SOURCE_ROOT, 'tools', 'run'), '--no-build', '--builddir', BUILD_ROOT],
            cwd=SOURCE_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def output(tail=None):
        with open(log_path, 'rb') as f:
            text = f.read().decode('utf-8', 'replace')
        return text if tail is None else text[-tail:]

    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT
        names = []
        window = app = None
        while time.monotonic() < deadline:
            if launcher.poll() is not None:
                raise AssertionError(f'tools/run ended with status {launcher.returncode}\n{output(3000)}')
            app = app or find_app(launcher)
            window = main_window(app) if app is not None else None
            if window is not None:
                names = [name for _, name in walk(window)]
                if window.get_name() == 'demo' and all(d in names for d in DEMO_DOCUMENTS) \
                        and all(s in names for s in expected['shown']):
                    break
            time.sleep(0.3)
        else:
            raise AssertionError(
                f'no window showing the demo project in {language!r} within {WINDOW_TIMEOUT} s: '
                f'window {window.get_name() if window else None!r}, names {sorted(set(names))}\n'
                f'{output(3000)}')
        shown_at = time.monotonic()

        for absent in expected['absent']:
            if absent in names:
                raise AssertionError(f'{absent!r} is shown with LANGUAGE={language!r}')
        app_pid = app.get_process_id()

        time.sleep(max(0.0, shown_at + ALIVE_FOR - time.monotonic()))
        if launcher.poll() is not None or not alive(app_pid):
            raise AssertionError(f'the app did not live {ALIVE_FOR} s after showing its window\n{output(3000)}')
        text = output()
        # through the build's environment, not the in-memory fallback
        for bad in ('is not installed', '-CRITICAL', '-ERROR'):
            if bad in text:
                raise AssertionError(f'{bad!r} in the output of tools/run:\n{text[-3000:]}')
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGTERM)
            try:
                launcher.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
        subprocess.run(['rm', '-rf', env['HOME']], check=False)


def main():
    ensure_a11y_bus()
    cases = [('en', 'tools/run opens the demo project, alive after 5 s'),
             ('nl', 'LANGUAGE=nl tools/run shows the window in Dutch')]
    print(f'1..{len(cases)}', flush=True)
    failures = 0
    for number, (language, name) in enumerate(cases, 1):
        try:
            check_front_door(language)
            print(f'ok {number} - {name}', flush=True)
        except Exception:
            failures += 1
            print(f'not ok {number} - {name}')
            for line in traceback.format_exc().rstrip('\n').split('\n'):
                print(f'# {line}')
            sys.stdout.flush()
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
