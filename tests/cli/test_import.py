#!/usr/bin/env python3
# test_import.py: importing every format and working with speaker turns, through codeboom-cli
#
# Real files from tests/data/import (see make-fixtures.py there), the real
# binary, output compared exactly.  Expected speaker counts and character
# totals are computed here from the .txt independently of Codeboom.  A
# command that fails must print "codeboom-cli: …" naming the file and leave
# the project exactly as it was (a read-only dump of every table before and
# after).
#
# Run by meson (suite 'cli') with CODEBOOM_CLI and G_TEST_SRCDIR; prints TAP.
# By hand: CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_import.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
DATA = os.path.join(SRCDIR, 'data', 'import')
CLI = os.environ.get('CODEBOOM_CLI')
PREFIX = b'codeboom-cli: '

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def name_of(fn):
    return fn.__name__.removeprefix('test_').replace('_', '-')


def main(argv):
    selected = [t for t in TESTS if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {name_of(fn)}\n# CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    failures = 0
    origin = os.getcwd()
    for number, fn in enumerate(selected, 1):
        with tempfile.TemporaryDirectory(prefix='cb-import-test-') as directory:
            os.chdir(directory)
            try:
                fn()
                print(f'ok {number} - {name_of(fn)}')
            except Exception:
                failures += 1
                print(f'not ok {number} - {name_of(fn)}')
                for line in traceback.format_exc().rstrip('\n').split('\n'):
                    print(f'# {line}')
            finally:
                os.chdir(origin)
        sys.stdout.flush()
    return 1 if failures else 0


# --------------------------------------------------------- running the CLI

class Result:
    def __init__(self, args, completed):
        self.args = args
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    @property
    def stdout(self):
        return self.out.decode('utf-8')

    @property
    def stderr(self):
        return self.err.decode('utf-8', 'replace')

    def describe(self):
        return (f'codeboom-cli {" ".join(map(repr, self.args))}\nexit status {self.code}\n'
                f'stdout: {self.out[:1500]!r}\nstderr: {self.err[:1500]!r}')


def cli(*args):
    env = dict(os.environ)
    env.setdefault('CODEBOOM_CODER', 'tester')
    env.setdefault('LC_ALL', 'C.UTF-8')
    args = [str(a) for a in args]
    completed = subprocess.run([CLI] + args, capture_output=True, timeout=60, env=env,
                               stdin=subprocess.DEVNULL)
    result = Result(args, completed)
    if result.code < 0 or result.code > 2:
        raise AssertionError(f'codeboom-cli crashed\n{result.describe()}')
    for noise in (b'CRITICAL', b'WARNING **', b'AddressSanitizer', b'runtime error:'):
        if noise in result.err:
            raise AssertionError(f'codeboom-cli complained internally\n{result.describe()}')
    return result


def ok(*args):
    result = cli(*args)
    if result.code != 0:
        raise AssertionError(f'expected success\n{result.describe()}')
    return result


def dump(project):
    """Every table's rows through a read-only connection."""
    path = os.path.abspath(project)
    uri = 'file:' + urllib.parse.quote(path) + '?mode=ro'
    if not os.path.exists(path + '-wal'):
        uri += '&immutable=1'
    connection = sqlite3.connect(uri, uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
                for table in tables}
    finally:
        connection.close()


def fails(*args, status=1, project=None, mentions=()):
    before = dump(project) if project else None
    result = cli(*args)
    if result.code != status:
        raise AssertionError(f'expected exit status {status}\n{result.describe()}')
    if not result.err.startswith(PREFIX):
        raise AssertionError(f'stderr must start with "codeboom-cli: "\n{result.describe()}')
    for mention in mentions:
        if mention not in result.stderr:
            raise AssertionError(f'the error must mention {mention!r}\n{result.describe()}')
    if result.out:
        raise AssertionError(f'a failed command prints nothing on stdout\n{result.describe()}')
    if project and dump(project) != before:
        raise AssertionError(f'the failed command changed the project\n{result.describe()}')
    return result


def data(name):
    return os.path.join(DATA, name)


def read_text(name):
    with open(data(name), encoding='utf-8') as f:
        return f.read()


def non_empty_lines(text):
    return [line for line in text.split('\n') if line]


def new_project(*files, name=None):
    ok('new', 'p.codeboom')
    if files:
        args = ['import', 'p.codeboom'] + [data(f) for f in files]
        if name:
            args += ['--name', name]
        ok(*args)
    return 'p.codeboom'


# -------------------------------------------- what the .txt says, independently

TURN = re.compile(r'^(?:[\[(#]?(\d{1,2}(?::\d\d){1,2})[\])#]?\s+)?(\w+(?: \w+){0,3})\s?:\s*(.*)$')


def expected_speakers(text, first_label_seen_twice=True):
    """speaker -> [turns, characters] from the paragraphs of a transcript
    whose turns are one paragraph each (true of the corpus files)."""
    labels = []
    for line in text.split('\n'):
        match = TURN.match(line)
        if match:
            labels.append((match.group(2), match.group(3)))
    counts = {}
    for label, _ in labels:
        counts[label] = counts.get(label, 0) + 1
    result = {}
    started = False
    for label, said in labels:
        started = started or counts[label] >= 2
        if started:
            entry = result.setdefault(label, [0, 0])
            entry[0] += 1
            entry[1] += len(said.rstrip())
    return result


def speakers_output(expected, order):
    return ''.join(f'{name}\t{expected[name][0]}\t{expected[name][1]}\n' for name in order)


# ------------------------------------------------------------------ formats

@test
def test_ma07_four_formats_same_lines():
    project = new_project()
    for extension in ('txt', 'docx', 'odt', 'rtf'):
        ok('import', project, data('interview-ma07.' + extension), '--name', 'ma07-' + extension)
    reference = non_empty_lines(ok('text', project, 'ma07-txt').stdout)
    assert reference == non_empty_lines(read_text('interview-ma07.txt'))
    assert len(reference) == 39
    for extension in ('docx', 'odt', 'rtf'):
        text = ok('text', project, 'ma07-' + extension).stdout
        assert non_empty_lines(text) == reference, extension
        assert '\n\n\n' not in text
    docs = ok('docs', project).stdout.splitlines()
    assert [line.split('\t')[0] for line in docs] == ['ma07-docx', 'ma07-odt', 'ma07-rtf', 'ma07-txt']


@test
def test_pdf_and_html_and_md():
    project = new_project('text.pdf', 'features.html', 'mag-session-2-fr.md')
    assert ok('text', project, 'text').stdout == read_text('text.pdf.expected')
    assert ok('text', project, 'features').stdout == read_text('features.html.expected')
    assert ok('text', project, 'mag-session-2-fr').stdout == read_text('mag-session-2-fr.txt')
    # the PDF's turns span lines (its text blocks); count per paragraph
    said = {}
    for paragraph in read_text('text.pdf.expected').rstrip('\n').split('\n\n'):
        if paragraph[:3] in ('I: ', 'R: '):
            entry = said.setdefault(paragraph[0], [0, 0])
            entry[0] += 1
            entry[1] += len(paragraph) - 3
    assert ok('speakers', project, 'text').stdout == speakers_output(said, ['I', 'R'])


@test
def test_source_bytes_and_sha256_kept():
    project = new_project('interview-ma07.docx', 'features.rtf')
    rows = {row[0]: row for row in sqlite3.connect(project).execute(
        'SELECT d.name, d.source_name, d.source_sha256, s.bytes'
        ' FROM document d JOIN document_source s ON s.document = d.id')}
    for name, file in (('interview-ma07', 'interview-ma07.docx'), ('features', 'features.rtf')):
        with open(data(file), 'rb') as f:
            original = f.read()
        assert rows[name][1] == file
        assert rows[name][2] == hashlib.sha256(original).hexdigest()
        assert rows[name][3] == original


@test
def test_utf16_and_encoding_option():
    project = new_project()
    reference = read_text('interview-ma07.txt')
    for name in ('interview-ma07-utf16le-bom.txt', 'interview-ma07-utf16be-bom.txt',
                 'interview-ma07-utf16le.txt', 'interview-ma07-utf16be.txt'):
        result = ok('import', project, data(name))
        assert ok('text', project, name[:-4]).stdout == reference, name
        if 'bom' in name:
            assert 'guessed' not in result.stderr, result.describe()
    ok('import', project, data('interview-ma07-utf16le.txt'), '--name', 'told', '--encoding', 'UTF-16LE')
    assert ok('text', project, 'told').stdout == reference


@test
def test_guessed_encoding_is_named():
    project = new_project()
    guessed = ok('import', project, data('interview-hma02-cp1252-crlf.txt'))
    assert guessed.err.startswith(PREFIX), guessed.describe()
    assert 'interview-hma02-cp1252-crlf.txt' in guessed.stderr
    assert re.search(r'(?i)(windows-1252|cp1252|iso-8859-1)', guessed.stderr), guessed.describe()
    told = ok('import', project, data('interview-hma02-cp1252-crlf.txt'), '--name', 'told',
              '--encoding', 'windows-1252')
    assert told.err == b'', told.describe()
    text = ok('text', project, 'told').stdout
    assert text == ok('text', project, 'interview-hma02-cp1252-crlf').stdout
    assert '\r' not in text and 'vóór en na 2014' in text


# ----------------------------------------------------------------- bad input

BAD = [
    ('empty.docx', 'empty'),
    ('empty.odt', 'empty'),
    ('empty.rtf', 'empty'),
    ('empty.pdf', 'empty'),
    ('empty.txt', 'empty'),
    ('truncated.docx', 'truncated'),
    ('crc.docx', 'damaged'),
    ('not-a-zip.odt', 'not a zip archive'),
    ('odt-as.docx', 'OpenDocument'),
    ('docx-as.odt', 'Word document'),
    ('legacy.docx', '.doc'),
    ('encrypted.docx', 'password-protected'),
    ('encrypted-zip.docx', 'password-protected'),
    ('encrypted.odt', 'password-protected'),
    ('encrypted.pdf', 'password-protected'),
    ('dtd.docx', 'DTD'),
    ('xxe.docx', 'DTD'),
    ('bomb.docx', 'zip bomb'),
    ('huge.docx', 'safety limit'),
    ('no-text.pdf', 'no text layer; run OCR'),
    ('not-a.pdf', 'not a PDF file'),
    ('truncated.pdf', 'damaged PDF'),
    ('deep.rtf', 'nest'),
    ('not-rtf.rtf', 'not an RTF file'),
]


@test
def test_bad_input_is_refused_and_changes_nothing():
    project = new_project('interview-ma07.txt')
    for name, problem in BAD:
        fails('import', project, data(name), project=project, mentions=(name, problem))
        # with a good file in the same import: all or nothing
        fails('import', project, data('mag-session-2-fr.txt'), data(name), project=project,
              mentions=(name,))
    assert [line.split('\t')[0] for line in ok('docs', project).stdout.splitlines()] == ['interview-ma07']


# ------------------------------------------------------------------ speakers

@test
def test_speakers_ma07_every_format():
    expected = expected_speakers(read_text('interview-ma07.txt'))
    assert {k: v[0] for k, v in expected.items()} == {'I': 18, 'R': 18}
    want = speakers_output(expected, ['I', 'R'])
    project = new_project()
    for extension in ('txt', 'docx', 'odt', 'rtf'):
        ok('import', project, data('interview-ma07.' + extension), '--name', extension)
        assert ok('speakers', project, extension).stdout == want, extension


@test
def test_speakers_mag():
    expected = expected_speakers(read_text('mag-session-2-fr.txt'))
    assert {k: v[0] for k, v in expected.items()} == {'Hélène': 5, 'Nadia': 3, 'Lucie': 3, 'Karim': 2, 'Marc': 2}
    project = new_project('mag-session-2-fr.txt')
    assert (ok('speakers', project, 'mag-session-2-fr').stdout ==
            speakers_output(expected, ['Hélène', 'Nadia', 'Karim', 'Lucie', 'Marc']))
    assert ok('speakers', project, 'mag-session-2-fr', '--long').stdout.splitlines()[0] == \
        f'Hélène\t5\t{expected["Hélène"][1]}\t'


@test
def test_turns_ma07():
    project = new_project('interview-ma07.txt')
    text = ok('text', project, 'interview-ma07').stdout
    lines = ok('turns', project, 'interview-ma07').stdout.splitlines()
    assert len(lines) == 36
    assert lines[0] == '155\t244\tI\t00:00:05'
    for line in lines:
        start, end, speaker, stamp = line.split('\t')
        said = text[int(start):int(end)]      # Python slices by code point, as Codeboom counts
        assert said.startswith(f'[{stamp}] {speaker}: '), line
        assert said == said.rstrip() and '\n' not in said, line
    assert text[int(lines[-1].split('\t')[1]):] == '\n'


@test
def test_turns_without_timestamps():
    project = new_project('mag-session-2-fr.txt')
    lines = ok('turns', project, 'mag-session-2-fr').stdout.splitlines()
    assert len(lines) == 15
    assert all(line.endswith('\t') for line in lines)
    assert lines[0].split('\t')[2] == 'Hélène'


@test
def test_speaker_rename_and_interviewer():
    project = new_project('mag-session-2-fr.txt')
    doc = 'mag-session-2-fr'
    ok('speaker', 'rename', project, doc, 'Hélène', 'Animatrice')
    ok('speaker', 'interviewer', project, doc, 'Animatrice')
    lines = ok('speakers', project, doc, '--long').stdout.splitlines()
    assert lines[0].startswith('Animatrice\t5\t') and lines[0].endswith('\tinterviewer')
    assert all(not line.endswith('interviewer') for line in lines[1:])
    # renaming onto an existing speaker merges them
    ok('speaker', 'rename', project, doc, 'Karim', 'Marc')
    names = [line.split('\t')[:2] for line in ok('speakers', project, doc).stdout.splitlines()]
    assert names == [['Animatrice', '5'], ['Nadia', '3'], ['Marc', '4'], ['Lucie', '3']], names
    assert ok('undo', project).code == 0
    assert len(ok('speakers', project, doc).stdout.splitlines()) == 5
    ok('speaker', 'interviewer', project, doc, 'Animatrice', '--unset')
    assert not ok('speakers', project, doc, '--long').stdout.splitlines()[0].endswith('interviewer')
    # errors name what is wrong and change nothing
    fails('speaker', 'rename', project, doc, 'Nobody', 'X', project=project, mentions=('Nobody',))
    fails('speaker', 'rename', project, 'nodoc', 'Nadia', 'X', project=project, mentions=('nodoc',))
    fails('speaker', 'rename', project, doc, 'Nadia', 'A / B', project=project, mentions=('A / B',))
    fails('speaker', 'interviewer', project, doc, 'Nobody', project=project, mentions=('Nobody',))
    fails('speakers', project, 'nodoc', project=project, mentions=('nodoc',))
    fails('turns', project, 'nodoc', project=project, mentions=('nodoc',))
    fails('speaker', 'rename', project, doc, 'Nadia', status=2, project=project)
    # detecting again restores the labels as written
    ok('speaker', 'rename', project, doc, 'Nadia', 'N')
    assert ok('speakers', 'detect', project, doc).stdout == '15\n'
    assert ok('speakers', project, doc).stdout.splitlines()[1].startswith('Nadia\t3\t')


@test
def test_autocode_speakers():
    project = new_project('interview-ma07.docx', 'mag-session-2-fr.txt')
    expected = expected_speakers(read_text('interview-ma07.txt'))
    out = ok('autocode-speakers', project, '--all').stdout
    assert out == ('Sprekers / I\t18\t18\nSprekers / R\t18\t18\n'
                   'Sprekers / Hélène\t5\t5\nSprekers / Nadia\t3\t3\nSprekers / Karim\t2\t2\n'
                   'Sprekers / Lucie\t3\t3\nSprekers / Marc\t2\t2\n'), out
    codes = ok('codes', project).stdout.splitlines()
    assert codes[0] == 'Sprekers\t0\t51', codes
    assert 'Sprekers / I\t18\t18' in codes
    # the coded text is what was said, without labels: the totals match
    retrieved = ok('retrieve', project, 'Sprekers / I', '--format', 'tsv').stdout.splitlines()
    assert len(retrieved) == 18
    total = sum(int(line.split('\t')[2]) - int(line.split('\t')[1]) for line in retrieved)
    assert total == expected['I'][1]
    # twice is once
    again = ok('autocode-speakers', project, 'interview-ma07').stdout
    assert again == 'Sprekers / I\t18\t0\nSprekers / R\t18\t0\n', again
    assert ok('codes', project).stdout.splitlines()[0] == 'Sprekers\t0\t51'


@test
def test_autocode_speakers_options_and_errors():
    project = new_project('interview-ma07.txt')
    ok('import', project, data('features.odt'))
    ok('speaker', 'interviewer', project, 'interview-ma07', 'I')
    out = ok('autocode-speakers', project, 'interview-ma07', '--parent', 'Rollen / Spreker',
             '--skip-interviewers').stdout
    assert out == 'Rollen / Spreker / R\t18\t18\n', out
    label = ok('undo', project).stdout
    assert 'interview-ma07' in label, label
    assert ok('codes', project).stdout == ''
    fails('autocode-speakers', project, 'features', project=project, mentions=('features',))
    fails('autocode-speakers', project, 'nodoc', project=project, mentions=('nodoc',))
    fails('autocode-speakers', project, status=2, project=project)
    fails('autocode-speakers', project, 'interview-ma07', '--all', status=2, project=project)
    fails('autocode-speakers', project, 'interview-ma07', '--parent', '', status=1, project=project)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
