#!/usr/bin/env python3
# test_quotes_export.py: `export --quotes` on empty projects and --with-empty-codes
#
# A project without codings (with codes, or with nothing at all) used to
# crash `export --quotes` for some formats (exit 139): every format must
# write a file, the XML an empty, well-formed list.  Codes without quotes
# get no heading unless --with-empty-codes asks for them.  Two coders on one
# span are one quote.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_quotes_export.py
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CLI = os.environ.get('CODEBOOM_CLI') or os.path.join(os.path.dirname(SRCDIR), 'build', 'src', 'cli',
                                                     'codeboom-cli')
NS = '{urn:codeboom:quotes:1}'
FORMATS = ('xml', 'html', 'md', 'docx', 'odt')
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def cli(*args, status=0, coder='tester'):
    env = dict(os.environ, CODEBOOM_CODER=coder)
    completed = subprocess.run([CLI, *args], capture_output=True, env=env)
    if completed.returncode != status:
        raise AssertionError(f'codeboom-cli {" ".join(args)}: exit {completed.returncode}, '
                             f'wanted {status}\n{completed.stderr.decode(errors="replace")}')
    return completed


def true(value, what):
    if not value:
        raise AssertionError(what)


def export_all(project):
    for fmt in FORMATS:
        cli('export', project, '--quotes', f'q.{fmt}')
        true(os.path.exists(f'q.{fmt}'), f'q.{fmt} written')
        if fmt in ('docx', 'odt'):
            with zipfile.ZipFile(f'q.{fmt}') as archive:
                true(archive.testzip() is None, f'q.{fmt} is a sound zip')


@test
def no_codings_no_codes():
    cli('new', 'p.codeboom')
    export_all('p.codeboom')
    root = ET.parse('q.xml').getroot()
    true(root.find(NS + 'codes') is not None and len(root.find(NS + 'codes')) == 0, 'no codes listed')
    true(root.find(NS + 'quote') is None, 'no quotes')
    true(os.path.getsize('q.md') == 0, 'an empty Markdown list')


@test
def codes_without_codings():
    cli('new', 'p.codeboom')
    cli('code', 'add', 'p.codeboom', 'A / B')
    export_all('p.codeboom')
    root = ET.parse('q.xml').getroot()
    true(len(root.find(NS + 'codes')) == 0, 'codes without quotes are left out')
    true(os.path.getsize('q.md') == 0, 'no headings without quotes')
    cli('export', 'p.codeboom', '--quotes', 'all.md', '--with-empty-codes')
    with open('all.md', encoding='utf-8') as f:
        true(f.read() == '# A\n\n## B\n\n', 'headings kept with --with-empty-codes')
    cli('export', 'p.codeboom', '--quotes', 'all.xml', '--with-empty-codes')
    codes = ET.parse('all.xml').getroot().find(NS + 'codes')
    true([c.get('path') for c in codes] == ['A', 'A / B'], 'every code with --with-empty-codes')
    cli('export', 'p.codeboom', '--qdpx', 'p.qdpx', '--with-empty-codes', status=2)


@test
def two_coders_one_quote():
    with open('t.txt', 'w', encoding='utf-8') as f:
        f.write('Respondent: het ging goed en toen niet meer.\n')
    cli('new', 'p.codeboom')
    cli('import', 'p.codeboom', 't.txt')
    cli('code', 'add', 'p.codeboom', 'Keerpunt')
    cli('code', 'add', 'p.codeboom', 'Leeg')
    cli('apply', 'p.codeboom', 't', 'Keerpunt', '--quote', 'toen niet meer', coder='ann')
    cli('apply', 'p.codeboom', 't', 'Keerpunt', '--quote', 'toen niet meer', coder='bob')
    cli('export', 'p.codeboom', '--quotes', 'q.xml')
    root = ET.parse('q.xml').getroot()
    quotes = root.findall(NS + 'quote')
    true(len(quotes) == 1, f'one quote, not {len(quotes)}')
    true(quotes[0].get('coder') == 'ann, bob', 'both coders')
    true([r.get('coder') for r in quotes[0].findall(NS + 'code-ref')] == ['ann', 'bob'], 'each coding its coder')
    true([c.get('path') for c in root.find(NS + 'codes')] == ['Keerpunt'], 'only the code with quotes')
    cli('export', 'p.codeboom', '--quotes', 'q.md', '--template', '{coder}')
    with open('q.md', encoding='utf-8') as f:
        true(f.read() == '# Keerpunt\n\n“toen niet meer” ann, bob\n\n', 'once in the list, both coders cited')


def main():
    print(f'1..{len(TESTS)}')
    failed = 0
    origin = os.getcwd()
    for number, fn in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix='cb-quotes-export-') as directory:
            os.chdir(directory)
            try:
                fn()
                print(f'ok {number} {fn.__name__}')
            except Exception:
                failed += 1
                print(f'not ok {number} {fn.__name__}')
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            finally:
                os.chdir(origin)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
