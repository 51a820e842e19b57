# clitest.py: what the CLI suites share: running codeboom-cli as a user's
# script does, its TSV, and the TAP runner meson reads
#
# Each suite keeps its own TESTS list and decorator (`test =
# clitest.collect(TESTS)`) and ends with `sys.exit(clitest.run(TESTS,
# sys.argv[1:], 'cb-NAME-test-'))`: every test runs in a fresh temporary
# directory of its own, a failure prints its traceback as TAP comments.
#
# Run by meson with CODEBOOM_CLI, G_TEST_SRCDIR and CODEBOOM_SOURCE_ROOT.
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
MAKE_WORKLOAD = os.path.join(SOURCE_ROOT, 'tests', 'data', 'make_workload.py')
CLI = os.environ.get('CODEBOOM_CLI')
PREFIX = b'codeboom-cli: '


def collect(tests):
    """A decorator that adds a test function to @tests."""
    def test(fn):
        tests.append(fn)
        return fn
    return test


def cli(*args, language=None, coder=None):
    """(exit status, stdout bytes, stderr bytes) of codeboom-cli ARGS, in
    English unless @language, as coder "tester" unless @coder."""
    env = dict(os.environ)
    if coder is not None:
        env['CODEBOOM_CODER'] = coder
    else:
        env.setdefault('CODEBOOM_CODER', 'tester')
    env.setdefault('LC_ALL', 'C.UTF-8')
    env.pop('LANGUAGE', None)
    if language is not None:
        env['LANGUAGE'] = language
    env.pop('CODEBOOM_TIMING', None)
    done = subprocess.run([CLI] + [str(a) for a in args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return done.returncode, done.stdout, done.stderr


def cli_text(*args, **options):
    """cli(), its stdout decoded."""
    code, out, err = cli(*args, **options)
    return code, out.decode('utf-8'), err


def ok(*args, **options):
    """The stdout of a run that must succeed."""
    code, out, err = cli(*args, **options)
    assert code == 0, f'codeboom-cli {args!r}: exit {code}\n{err.decode("utf-8", "replace")}'
    return out.decode('utf-8')


def fails(expected_code, *args, **options):
    """The stderr of a run that must fail with @expected_code, an error
    with the prefix and nothing on stdout."""
    code, out, err = cli(*args, **options)
    assert code == expected_code, f'codeboom-cli {args!r}: exit {code}, expected {expected_code}\n{err!r}'
    assert err.startswith(PREFIX), f'error without the prefix: {err!r}'
    assert out == b'', f'output on failure: {out!r}'
    return err.decode('utf-8')


def eq(actual, expected, what=''):
    assert actual == expected, f'{what}: {actual!r} != {expected!r}'


def unescape(field):
    """A TSV field as the CLI escapes it (\\t, \\n, \\\\) back to its text."""
    out, i = [], 0
    while i < len(field):
        if field[i] == '\\':
            out.append({'t': '\t', 'n': '\n', '\\': '\\'}[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return ''.join(out)


def run(tests, argv, prefix, set_up=None):
    """Runs @tests (those whose names hold one of @argv, when given) as TAP,
    each in a fresh directory; @set_up(shared) first prepares a directory
    that every test's directory lies in.  Returns the exit status."""
    selected = [t for t in tests if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {fn.__name__} # CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    failures = 0
    origin = os.getcwd()
    with tempfile.TemporaryDirectory(prefix=prefix) as shared:
        if set_up is not None:
            set_up(shared)
        for number, fn in enumerate(selected, 1):
            name = fn.__name__.removeprefix('test_').replace('_', '-')
            with tempfile.TemporaryDirectory(prefix=prefix, dir=shared) as directory:
                os.chdir(directory)
                try:
                    fn()
                except Exception:
                    failures += 1
                    print(f'not ok {number} - {name}')
                    for line in traceback.format_exc().rstrip('\n').split('\n'):
                        print(f'# {line}')
                else:
                    print(f'ok {number} - {name}')
                finally:
                    os.chdir(origin)
            sys.stdout.flush()
    return 1 if failures else 0
