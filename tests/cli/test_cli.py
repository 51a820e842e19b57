#!/usr/bin/env python3
# test_cli.py: the codeboom-cli contract, driven as a user's script drives it
#
# Outside scripts rely on the commands, their output formats and their exit
# statuses exactly (see the contract in README.md), so these tests run the
# real binary on real files and compare its output byte for byte.  Every test
# runs in its own temporary directory.  A command that fails must leave the
# project as it was: we compare a read-only dump of every table, and the
# output of `check`, before and after.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR,
# CODEBOOM_CODER=tester and LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_cli.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import multiprocessing
import os
import pwd
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import unicodedata
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
CLI = os.environ.get('CODEBOOM_CLI')
if CLI is None:
    for candidate in ('build/src/cli/codeboom-cli', '_build/src/cli/codeboom-cli'):
        if os.path.exists(os.path.join(SOURCE_ROOT, candidate)):
            CLI = os.path.join(SOURCE_ROOT, candidate)
            break

QDC_NS = 'urn:QDA-XML:codebook:1.0'
QUOTES_NS = 'urn:codeboom:quotes:1'
APPLICATION_ID = 0x43426f4d
PREFIX = b'codeboom-cli: '
MA07 = 'interview-ma07.txt'
HMA02 = 'interview-hma02-cp1252-crlf.txt'
MAG = 'mag-session-2-fr.txt'
CODEBOOK = 'codebook-redtape.tsv'


# ---------------------------------------------------------------- the runner

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def run_one(index):
    """Runs TESTS[index] in a fresh temporary directory; returns
    (status, lines) where status is 'ok' or 'fail' (nothing skips: a check
    that stops checking must fail)."""
    fn = TESTS[index]
    origin = os.getcwd()
    with tempfile.TemporaryDirectory(prefix='cb-cli-test-') as directory:
        os.chdir(directory)
        try:
            fn()
        except Exception:
            return 'fail', traceback.format_exc().rstrip('\n').split('\n')
        finally:
            os.chdir(origin)
    return 'ok', []


def main(argv):
    selected = [i for i, t in enumerate(TESTS)
                if len(argv) == 0 or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, index in enumerate(selected, 1):
            print(f'not ok {number} - {name_of(TESTS[index])}')
            print(f'# CODEBOOM_CLI is not set or not executable: {CLI!r}')
        return 1
    # Each test is independent (own directory, own project), so they run in
    # worker processes, one a core: the suite spends its time waiting for
    # the CLI, which matters under the sanitizers.  Results print in order.
    jobs = int(os.environ.get('CODEBOOM_TEST_JOBS') or os.cpu_count() or 1)
    failures = 0
    if jobs > 1 and len(selected) > 1:
        context = multiprocessing.get_context('fork')
        pool = context.Pool(min(jobs, len(selected)))
        results = pool.imap(run_one, selected)
    else:
        pool = None
        results = map(run_one, selected)
    try:
        for number, (index, (status, lines)) in enumerate(zip(selected, results), 1):
            name = name_of(TESTS[index])
            if status == 'ok':
                print(f'ok {number} - {name}')
            else:
                failures += 1
                print(f'not ok {number} - {name}')
                for line in lines:
                    print(f'# {line}')
            sys.stdout.flush()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return 1 if failures else 0


def name_of(fn):
    return fn.__name__.removeprefix('test_').replace('_', '-')


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
        return (f'codeboom-cli {" ".join(map(repr, self.args))}\n'
                f'exit status {self.code}\n'
                f'stdout: {self.out[:2000]!r}\n'
                f'stderr: {self.err[:2000]!r}')


def cli_env(**changes):
    env = dict(os.environ)
    env.setdefault('CODEBOOM_CODER', 'tester')
    env.setdefault('LC_ALL', 'C.UTF-8')
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def cli(*args, env=None, stdin=None):
    args = [str(a) for a in args]
    completed = subprocess.run([CLI] + args, capture_output=True, timeout=60,
                               env=env or cli_env(), input=stdin,
                               stdin=None if stdin is not None else subprocess.DEVNULL)
    result = Result(args, completed)
    if result.code < 0 or result.code > 2:
        raise AssertionError(f'codeboom-cli crashed or used an unknown exit status\n'
                             f'{result.describe()}')
    for noise in (b'CRITICAL', b'WARNING **', b'AddressSanitizer', b'runtime error:'):
        if noise in result.err:
            raise AssertionError(f'codeboom-cli complained internally\n{result.describe()}')
    return result


def ok(*args, env=None, stdin=None):
    """Runs a command that must succeed (exit 0)."""
    result = cli(*args, env=env, stdin=stdin)
    if result.code != 0:
        raise AssertionError(f'expected success\n{result.describe()}')
    return result


def fails(*args, status=1, project=None, mentions=(), env=None, quiet_stdout=True):
    """Runs a command that must fail with @status (an int or a tuple of
    them), print `codeboom-cli: …` on stderr naming each of @mentions, and
    leave @project exactly as it was."""
    before = snapshot(project, reuse=True) if project else None
    result = cli(*args, env=env)
    statuses = status if isinstance(status, tuple) else (status,)
    if result.code not in statuses:
        raise AssertionError(f'expected exit status {status}\n{result.describe()}')
    if not result.err.startswith(PREFIX):
        raise AssertionError(f'stderr must start with "codeboom-cli: "\n{result.describe()}')
    for mention in mentions:
        if mention not in result.stderr:
            raise AssertionError(f'the error must name {mention!r}\n{result.describe()}')
    if quiet_stdout and result.out != b'':
        raise AssertionError(f'a failed command must print nothing on stdout\n'
                             f'{result.describe()}')
    if project:
        after = snapshot(project)
        if after != before:
            raise AssertionError(f'the failed command changed the project\n'
                                 f'{result.describe()}\n{diff_snapshots(before, after)}')
    return result


def usage_error(*args, project=None):
    return fails(*args, status=2, project=project)


def features():
    """The commands `codeboom-cli --help` lists (the optional ones are tested
    only when present)."""
    if not hasattr(features, 'help'):
        features.help = cli('--help').stdout
    return features.help


# ------------------------------------------------------ inspecting a project

def dump(project):
    """Every table's rows, the schema and the header pragmas, read through a
    read-only connection (which never writes, so it cannot hide a change).

    Projects are in WAL mode.  When the CLI has closed cleanly there is no
    -wal file, and we read the main file as immutable so that our reading
    leaves no -wal/-shm behind either; if a -wal file is there, we read
    through it (test_no_wal_left_behind checks that this does not happen)."""
    path = os.path.abspath(project)
    uri = 'file:' + urllib.parse.quote(path) + '?mode=ro'
    if not os.path.exists(path + '-wal'):
        uri += '&immutable=1'
    connection = sqlite3.connect(uri, uri=True)
    try:
        state = {
            'user_version': connection.execute('PRAGMA user_version').fetchone()[0],
            'application_id': connection.execute('PRAGMA application_id').fetchone()[0],
            'sqlite_master': connection.execute(
                'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').fetchall(),
        }
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            state['table ' + table] = connection.execute(
                f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    finally:
        connection.close()
    return state


_checked = {}


def snapshot(project, reuse=False):
    """The content dump plus what `check` says: together they pin the
    project's state whatever the journal mode.  With @reuse, when the content
    is what we last checked (the state after one failed command is the state
    before the next), the answer of that check is reused."""
    state = dump(project)
    key = os.path.abspath(project)
    cached = _checked.get(key)
    if reuse and cached is not None and cached[0] == state:
        state['check'] = cached[1]
    else:
        result = cli('check', project)
        _checked[key] = (dict(state), (result.code, result.out, result.err))
        state['check'] = _checked[key][1]
    return state


def diff_snapshots(before, after):
    lines = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            lines.append(f'{key}:\n  before {str(before.get(key))[:1500]}\n'
                         f'  after  {str(after.get(key))[:1500]}')
    return '\n'.join(lines)


def data_tables(state):
    """The dump without the undo journal, for comparing after undo."""
    return {k: v for k, v in state.items()
            if k not in ('table journal_step', 'table journal_entry',
                         'table journal_value', 'check')}


def table(project, name):
    return dump(project)['table ' + name]


# ------------------------------------------------------------ small helpers

def eq(actual, expected, what=''):
    if actual != expected:
        raise AssertionError(f'{what}\n  expected {expected!r}\n  actual   {actual!r}')


def true(condition, what):
    if not condition:
        raise AssertionError(what)


def corpus(name):
    return os.path.join(CORPUS, name)


def read_corpus_text(name):
    with open(corpus(name), 'rb') as f:
        return f.read().decode('utf-8')


def write(path, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(path, 'wb') as f:
        f.write(data)
    return path


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def stored(text):
    """What Codeboom stores for @text: NFC, LF line ends, no BOM."""
    text = text.removeprefix('\ufeff').replace('\r\n', '\n').replace('\r', '\n')
    return unicodedata.normalize('NFC', text)


def escape(text):
    return text.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')


def unescape(field):
    return re.sub(r'\\(.)', lambda m: {'\\': '\\', 't': '\t', 'n': '\n'}[m.group(1)], field)


def tsv_rows(result, n_fields):
    """Parses TSV output strictly: every line ends with LF and has @n_fields."""
    text = result.stdout
    if text == '':
        return []
    true(text.endswith('\n'), f'TSV output must end with a newline: {text[-80:]!r}')
    rows = []
    for line in text[:-1].split('\n'):
        fields = line.split('\t')
        eq(len(fields), n_fields, f'fields in line {line!r}')
        rows.append(fields)
    return rows


def docs(project):
    """{name: (characters, codings)} from `docs`, checking the format."""
    rows = tsv_rows(ok('docs', project), 3)
    listing = {}
    for name, n_chars, n_codings in rows:
        true(re.fullmatch(r'[0-9]+', n_chars) and re.fullmatch(r'[0-9]+', n_codings),
             f'docs counts must be decimal integers: {(name, n_chars, n_codings)!r}')
        true(unescape(name) not in listing, f'document {name!r} listed twice')
        listing[unescape(name)] = (int(n_chars), int(n_codings))
    return listing


def codes(project):
    """[(path, own, total)] from `codes`, in its order."""
    rows = tsv_rows(ok('codes', project), 3)
    for row in rows:
        true(re.fullmatch(r'[0-9]+', row[1]) and re.fullmatch(r'[0-9]+', row[2]),
             f'codes counts must be decimal integers: {row!r}')
    return [(unescape(p), int(own), int(total)) for p, own, total in rows]


def code_paths(project):
    return [path for path, _, _ in codes(project)]


def retrieve(project, path, *options):
    """[(doc, start, end, code path, text)] from `retrieve --format tsv`."""
    rows = tsv_rows(ok('retrieve', project, path, '--format', 'tsv', *options), 5)
    return [(unescape(d), int(s), int(e), unescape(c), unescape(t)) for d, s, e, c, t in rows]


def new_project(name='p.codeboom'):
    ok('new', name)
    return name


def project_with(*files, name='p.codeboom'):
    """A new project with @files (corpus names or paths) imported."""
    project = new_project(name)
    for f in files:
        ok('import', project, f if os.path.exists(f) else corpus(f))
    return project


def occurrences(text, quote):
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def qdc_tree(path):
    """The .qdc as nested [(name, description, color, guid, is_codable, children)]."""
    root = ET.parse(path).getroot()
    eq(root.tag, f'{{{QDC_NS}}}CodeBook', 'the codebook root element')
    codes_element = root.find(f'{{{QDC_NS}}}Codes')
    true(codes_element is not None, 'the codebook has a Codes element')

    def walk(element):
        nodes = []
        for code in element.findall(f'{{{QDC_NS}}}Code'):
            description = code.find(f'{{{QDC_NS}}}Description')
            nodes.append((code.get('name'),
                          description.text or '' if description is not None else '',
                          code.get('color'), code.get('guid'), code.get('isCodable'),
                          walk(code)))
        return nodes
    return walk(codes_element)


def flatten(tree, prefix=''):
    for name, description, color, guid, codable, children in tree:
        path = prefix + name
        yield path, description, color, guid, codable
        yield from flatten(children, path + ' / ')


def find_schema(file_name):
    """The project's copy of a schema: data/xml/ for our own, tests/data/
    for REFI-QDA's."""
    for top in (os.path.join(SOURCE_ROOT, 'data'), SRCDIR):
        found = sorted(glob.glob(os.path.join(top, '**', file_name), recursive=True))
        if found:
            return found[0]
    return None


def validate(path, schema_name):
    """Validates @path against the project's copy of @schema_name with
    xmllint.  A missing schema or xmllint fails: a validation that quietly
    stops validating would look like a pass."""
    schema = find_schema(schema_name)
    xmllint = shutil.which('xmllint')
    true(schema is not None, f'the schema {schema_name} is in the source tree')
    true(xmllint is not None, 'xmllint is installed (package libxml2-utils)')
    completed = subprocess.run([xmllint, '--noout', '--nonet', '--schema', schema, path],
                               capture_output=True, timeout=60)
    true(completed.returncode == 0,
         f'{path} does not validate against {schema}: {completed.stderr[:2000]!r}')


# A document exercising the offset rules: astral characters (2 UTF-16 units,
# 4 UTF-8 bytes), combining marks (NFC at import), a tab and a backslash.
UNICODE_SOURCE = ('Start \U0001F600 emoji, cafe\u0301 and nai\u0308ve.\n'
                  'Second line with \U0001D11E clef\tand a back\\slash.\n'
                  'Third \U0001F469\u200D\U0001F52C end.\n')
UNICODE_TEXT = stored(UNICODE_SOURCE)


def unicode_project():
    project = new_project()
    write('uni.txt', UNICODE_SOURCE)
    ok('import', project, 'uni.txt')
    return project


# ====================================================================== new

@test
def test_new_creates_an_empty_sound_project():
    project = 'fresh.codeboom'
    result = ok('new', project)
    true(os.path.isfile(project), 'new creates the file')
    state = dump(project)
    eq(state['application_id'], APPLICATION_ID, 'PRAGMA application_id')
    eq(state['user_version'], 4, 'PRAGMA user_version (schema version)')
    eq(ok('docs', project).out, b'', 'docs of an empty project')
    eq(ok('codes', project).out, b'', 'codes of an empty project')
    eq(ok('check', project).out, b'ok\n', 'check of an empty project')
    eq(result.code, 0, 'exit status')


@test
def test_new_refuses_an_existing_file():
    project = new_project()
    ok('code', 'add', project, 'Keep me')
    before = read(project)
    fails('new', project, mentions=[project])
    eq(read(project), before, 'new must not touch an existing project')
    eq(code_paths(project), ['Keep me'], 'the existing project keeps its codes')
    write('notes.txt', 'precious words\n')
    fails('new', 'notes.txt', mentions=['notes.txt'])
    eq(read('notes.txt'), b'precious words\n', 'new must not overwrite any file')


@test
def test_new_in_a_missing_folder_fails():
    fails('new', 'no/such/folder/p.codeboom', mentions=['p.codeboom'])
    true(not os.path.exists('no'), 'nothing created')


# ================================================================== opening

@test
def test_opening_a_missing_project_fails_without_creating_it():
    for command in (['docs'], ['codes'], ['check'], ['code', 'add'], ['import']):
        args = command + ['missing.codeboom']
        if command == ['code', 'add']:
            args.append('X')
        if command == ['import']:
            args.append(corpus(MA07))
        fails(*args, mentions=['missing.codeboom'])
        true(not os.path.exists('missing.codeboom'),
             f'{" ".join(command)} must not create a missing project')


@test
def test_opening_a_foreign_sqlite_database_fails_clearly():
    connection = sqlite3.connect('other.sqlite')
    connection.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)')
    connection.execute("INSERT INTO notes (body) VALUES ('hello')")
    connection.commit()
    connection.close()
    before = read('other.sqlite')
    for args in (['docs', 'other.sqlite'], ['code', 'add', 'other.sqlite', 'X'],
                 ['import', 'other.sqlite', corpus(MA07)], ['check', 'other.sqlite']):
        fails(*args, mentions=['other.sqlite'])
        eq(read('other.sqlite'), before, f'{args[0]} must not change a foreign database')


@test
def test_opening_a_random_file_fails_clearly():
    write('random.codeboom', bytes(range(256)) * 40)
    write('empty.codeboom', b'')
    write('text.codeboom', 'I am not a database.\n' * 50)
    for name in ('random.codeboom', 'empty.codeboom', 'text.codeboom'):
        before = read(name)
        fails('docs', name, mentions=[name])
        fails('code', 'add', name, 'X', mentions=[name])
        eq(read(name), before, f'{name} must stay as it was')


@test
def test_opening_a_project_from_a_newer_codeboom_fails():
    project = new_project()
    connection = sqlite3.connect(project)
    connection.execute('PRAGMA user_version = 99')
    connection.commit()
    connection.close()
    before = read(project)
    fails('docs', project, mentions=[project])
    fails('code', 'add', project, 'X', mentions=[project])
    eq(read(project), before, 'a project from a newer version must stay as it was')


# ==================================================================== import

@test
def test_import_utf8_transcript():
    project = new_project()
    ok('import', project, corpus(MA07))
    expected = stored(read_corpus_text(MA07))
    eq(docs(project), {'interview-ma07': (len(expected), 0)}, 'docs after import')
    eq(ok('docs', project).out,
       f'interview-ma07\t{len(expected)}\t0\n'.encode('utf-8'), 'docs output, byte for byte')
    eq(ok('text', project, 'interview-ma07').out, expected.encode('utf-8'),
       'text prints the stored text byte for byte')
    eq(ok('text', project, 'interview-ma07').out, read(corpus(MA07)),
       'a clean UTF-8 file is stored exactly')
    eq(ok('check', project).out, b'ok\n', 'check after import')


@test
def test_import_windows_1252_crlf_transcript():
    project = new_project()
    ok('import', project, corpus(HMA02))
    raw = read(corpus(HMA02))
    expected = stored(raw.decode('cp1252'))
    text = ok('text', project, 'interview-hma02-cp1252-crlf').out
    eq(text, expected.encode('utf-8'), 'the windows-1252 file comes out as UTF-8 LF')
    decoded = text.decode('utf-8')
    true('vóór' in decoded and 'efficiënt' in decoded, 'accents decoded right')
    true(b'\r' not in text, 'no carriage return left')
    eq(docs(project), {'interview-hma02-cp1252-crlf': (len(expected), 0)},
       'docs shows the character count of the decoded text')
    eq(len(expected), 1342, 'characters of the corpus file once decoded')


@test
def test_import_notes_the_guessed_encoding():
    project = new_project()
    result = ok('import', project, corpus(HMA02))
    lowered = result.stderr.lower()
    true(re.search(r'1252|8859-1|latin', lowered),
         f'the import names the guessed encoding on stderr: {result.stderr!r}')
    clean = ok('import', project, corpus(MA07))
    true(not re.search(r'1252|8859|latin', clean.stderr.lower()),
         f'no encoding note for valid UTF-8: {clean.stderr!r}')


@test
def test_import_detects_windows_1252_with_c1_characters():
    # en dashes are 0x96 in windows-1252: ISO-8859-1 would turn them into
    # C1 controls, so this checks the detector's answer, not just the fallback
    original = read_corpus_text(MAG)
    write('mag-1252.txt', original.replace('\n', '\r\n').encode('cp1252'))
    project = new_project()
    ok('import', project, 'mag-1252.txt')
    eq(ok('text', project, 'mag-1252').out, original.encode('utf-8'),
       'the windows-1252 re-encoding of the French transcript decodes to the original')


@test
def test_import_byte_order_marks_and_line_ends():
    project = new_project()
    body = 'Één keer,\r\nvóór\rna\n\U0001F600 e\u0301\r\n'
    expected = 'Één keer,\nvóór\nna\n\U0001F600 é\n'
    write('bom8.txt', b'\xef\xbb\xbf' + body.encode('utf-8'))
    write('bom16le.txt', b'\xff\xfe' + body.encode('utf-16-le'))
    write('bom16be.txt', b'\xfe\xff' + body.encode('utf-16-be'))
    write('plain.txt', body.encode('utf-8'))
    for name in ('bom8', 'bom16le', 'bom16be', 'plain'):
        ok('import', project, name + '.txt')
        eq(ok('text', project, name).out, expected.encode('utf-8'), f'text of {name}.txt')
    eq(docs(project), {name: (len(expected), 0) for name in
                       ('bom8', 'bom16le', 'bom16be', 'plain')}, 'docs')
    eq(len(expected), 22, 'the emoji and the é are one code point each')


@test
def test_import_utf16_without_bom():
    project = new_project()
    body = 'Interview: één cliënt, vóór 2014.\nR: Ja.\n'
    write('le.txt', body.encode('utf-16-le'))
    write('be.txt', body.encode('utf-16-be'))
    for name in ('le', 'be'):
        ok('import', project, name + '.txt')
        eq(ok('text', project, name).out, body.encode('utf-8'), f'UTF-16 {name} without a BOM')


@test
def test_import_normalises_to_nfc_and_counts_code_points():
    project = unicode_project()
    eq(ok('text', project, 'uni').out, UNICODE_TEXT.encode('utf-8'), 'stored text')
    true('e\u0301' not in UNICODE_TEXT and 'café' in UNICODE_TEXT, 'NFC applied in the fixture')
    eq(docs(project), {'uni': (len(UNICODE_TEXT), 0)}, 'characters are code points')
    true(len(UNICODE_TEXT) != len(UNICODE_TEXT.encode('utf-16-le')) // 2 and
         len(UNICODE_TEXT) != len(UNICODE_TEXT.encode('utf-8')), 'the fixture tells units apart')


@test
def test_import_keeps_text_without_final_newline():
    project = new_project()
    write('short.txt', 'no newline at the end')
    ok('import', project, 'short.txt')
    eq(ok('text', project, 'short').out, b'no newline at the end', 'text')
    eq(docs(project), {'short': (21, 0)}, 'docs')


@test
def test_import_name_defaults_and_name_option():
    project = new_project()
    os.mkdir('sub')
    write('sub/my.interview.v2.txt', 'one\n')
    write('two.txt', 'two\n')
    ok('import', project, 'sub/my.interview.v2.txt')
    ok('import', project, 'two.txt', '--name', 'Interview Two')
    eq(docs(project), {'my.interview.v2': (4, 0), 'Interview Two': (4, 0)},
       'the name is the file name without its last extension, or --name')
    eq(ok('text', project, 'Interview Two').out, b'two\n', 'text by the given name')


@test
def test_import_several_files():
    project = new_project()
    ok('import', project, corpus(MA07), corpus(MAG), corpus(HMA02))
    listing = docs(project)
    eq(sorted(listing), ['interview-hma02-cp1252-crlf', 'interview-ma07', 'mag-session-2-fr'],
       'one document a file')
    eq(listing['mag-session-2-fr'], (len(stored(read_corpus_text(MAG))), 0), 'French transcript')
    eq(ok('text', project, 'mag-session-2-fr').out, read(corpus(MAG)), 'text of the French one')


@test
def test_import_of_several_files_is_all_or_nothing():
    project = project_with(MA07)
    write('good.txt', 'good\n')
    write('bad.txt', b'bad\x00\x00binary')
    fails('import', project, 'good.txt', 'bad.txt', project=project, mentions=['bad.txt'])
    fails('import', project, 'good.txt', corpus(MA07), project=project,
          mentions=['interview-ma07'])
    eq(sorted(docs(project)), ['interview-ma07'], 'nothing imported')


@test
def test_import_refuses_a_duplicate_name():
    project = project_with(MA07)
    fails('import', project, corpus(MA07), project=project, mentions=['interview-ma07'])
    write('other.txt', 'other\n')
    fails('import', project, 'other.txt', '--name', 'interview-ma07', project=project,
          mentions=['interview-ma07'])


@test
def test_import_refuses_binary_data():
    project = project_with(MA07)
    write('binary.txt', b'This looks like text\x00\x00\x01\x02 but is not\n')
    fails('import', project, 'binary.txt', project=project, mentions=['binary.txt'])
    write('image.png', b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01')
    fails('import', project, 'image.png', project=project, mentions=['image.png'])
    eq(sorted(docs(project)), ['interview-ma07'], 'no document added')


@test
def test_import_missing_file_fails():
    project = new_project()
    fails('import', project, 'nowhere.txt', project=project, mentions=['nowhere.txt'])
    eq(docs(project), {}, 'no document added')


@test
def test_import_with_an_explicit_encoding():
    true('--encoding' in cli('import', '--help').stdout, 'import --help offers --encoding')
    project = new_project()
    write('russian.txt', 'Привет, мир\n'.encode('cp1251'))
    ok('import', project, 'russian.txt', '--encoding', 'windows-1251')
    eq(ok('text', project, 'russian').out, 'Привет, мир\n'.encode('utf-8'),
       'decoded with the given encoding')
    write('latin.txt', 'Ça coûte 5 €\n'.encode('iso-8859-15'))
    ok('import', project, 'latin.txt', '--encoding', 'ISO-8859-15')
    eq(ok('text', project, 'latin').out, 'Ça coûte 5 €\n'.encode('utf-8'), 'ISO-8859-15')
    write('again.txt', 'x\n')
    fails('import', project, 'again.txt', '--encoding', 'no-such-encoding', status=(1, 2),
          project=project, mentions=['no-such-encoding'])


# ============================================================ text and docs

@test
def test_text_of_unknown_document_fails():
    project = project_with(MA07)
    fails('text', project, 'interview-ma08', mentions=['interview-ma08'])


@test
def test_docs_counts_codings():
    project = project_with(MA07, MAG)
    ok('code', 'add', project, 'A')
    ok('code', 'add', project, 'A / B')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    ok('apply', project, 'interview-ma07', 'A / B', '0', '9')
    ok('apply', project, 'interview-ma07', 'A / B', '20', '30')
    ok('apply', project, 'mag-session-2-fr', 'A', '5', '6')
    listing = docs(project)
    eq(listing['interview-ma07'][1], 3, 'codings of interview-ma07')
    eq(listing['mag-session-2-fr'][1], 1, 'codings of mag-session-2-fr')


# =============================================================== doc rename

@test
def test_doc_rename():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    ok('doc', 'rename', project, 'interview-ma07', 'MA07 (Sofie)')
    listing = docs(project)
    eq(listing, {'MA07 (Sofie)': (len(stored(read_corpus_text(MA07))), 1)}, 'docs after rename')
    eq(ok('text', project, 'MA07 (Sofie)').out, read(corpus(MA07)), 'text under the new name')
    fails('text', project, 'interview-ma07', mentions=['interview-ma07'])
    eq(retrieve(project, 'A'), [('MA07 (Sofie)', 0, 9, 'A', 'Interview')],
       'codings follow the document')


@test
def test_doc_rename_errors():
    project = project_with(MA07, MAG)
    fails('doc', 'rename', project, 'nope', 'other', project=project, mentions=['nope'])
    fails('doc', 'rename', project, 'interview-ma07', 'mag-session-2-fr', project=project,
          mentions=['mag-session-2-fr'])
    fails('doc', 'rename', project, 'interview-ma07', '', project=project)
    fails('doc', 'rename', project, 'interview-ma07', '   ', project=project)


# =============================================================== doc delete

@test
def test_doc_delete_removes_its_codings():
    project = project_with(MA07, MAG)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    ok('apply', project, 'mag-session-2-fr', 'A', '0', '7')
    eq(codes(project), [('A', 2, 2)], 'codes before')
    ok('doc', 'delete', project, 'interview-ma07')
    eq(sorted(docs(project)), ['mag-session-2-fr'], 'docs after delete')
    eq(codes(project), [('A', 1, 1)], 'the deleted document\'s codings are gone')
    eq(retrieve(project, 'A'), [('mag-session-2-fr', 0, 7, 'A', 'Méthode')], 'retrieve')
    fails('text', project, 'interview-ma07', mentions=['interview-ma07'])
    eq(ok('check', project).out, b'ok\n', 'check after delete')
    fails('doc', 'delete', project, 'interview-ma07', project=project,
          mentions=['interview-ma07'])


# ================================================================= code add

@test
def test_code_add_creates_parents_and_lists_depth_first():
    project = new_project()
    ok('code', 'add', project, 'B / Y')
    ok('code', 'add', project, 'A')
    ok('code', 'add', project, 'B / X / deep')
    ok('code', 'add', project, 'A / child')
    ok('code', 'add', project, 'B / Y / under y')
    eq(ok('codes', project).out,
       b'B\t0\t0\nB / Y\t0\t0\nB / Y / under y\t0\t0\nB / X\t0\t0\nB / X / deep\t0\t0\n'
       b'A\t0\t0\nA / child\t0\t0\n',
       'codes: depth first, siblings in the order they were added')


@test
def test_code_add_names_are_trimmed_and_may_contain_a_slash():
    project = new_project()
    ok('code', 'add', project, '  Padded  ')
    ok('code', 'add', project, 'Top /  Inner  ')
    ok('code', 'add', project, '1/2 and/or')
    ok('code', 'add', project, 'Top / a/b')
    ok('code', 'add', project, 'Same / Leaf')
    ok('code', 'add', project, 'Other / Leaf')
    eq(code_paths(project),
       ['Padded', 'Top', 'Top / Inner', 'Top / a/b', '1/2 and/or', 'Same', 'Same / Leaf',
        'Other', 'Other / Leaf'],
       'trimmed names; "/" without spaces is part of a name; same name under two parents')


@test
def test_code_add_errors():
    project = new_project()
    ok('code', 'add', project, 'A / B')
    fails('code', 'add', project, 'A / B', project=project, mentions=['B'])
    fails('code', 'add', project, 'A', project=project, mentions=['A'])
    fails('code', 'add', project, ' A  /  B ', project=project, mentions=['B'])
    fails('code', 'add', project, '', project=project)
    fails('code', 'add', project, '   ', project=project)
    fails('code', 'add', project, 'A /  / C', project=project)
    fails('code', 'add', project, 'A / ', status=(1,), project=project)
    for color in ('red', '#12345', '#GGGGGG', '123456', '#1234567'):
        fails('code', 'add', project, 'Colored', '--color', color, status=(1, 2),
              project=project)
    eq(code_paths(project), ['A', 'A / B'], 'codes unchanged')


@test
def test_code_add_color_and_description_reach_the_codebook():
    project = new_project()
    ok('code', 'add', project, 'Red Tape', '--color', '#A1B2C3',
       '--description', 'Rules that cost more than they bring & <tags> "quoted"')
    ok('code', 'add', project, 'Red Tape / Intern', '--description', 'Line one\nline two')
    ok('code', 'add', project, 'Plain')
    ok('export', project, '--codebook', 'out.qdc')
    flat = list(flatten(qdc_tree('out.qdc')))
    eq([(p, d) for p, d, _, _, _ in flat],
       [('Red Tape', 'Rules that cost more than they bring & <tags> "quoted"'),
        ('Red Tape / Intern', 'Line one\nline two'), ('Plain', '')], 'paths and descriptions')
    eq(flat[0][2].lower(), '#a1b2c3', 'the colour')
    eq(flat[2][2], None, 'no colour attribute when none is set')


# ============================================================== code import

@test
def test_code_import_the_redtape_codebook():
    project = new_project()
    ok('code', 'import', project, corpus(CODEBOOK))
    lines = read_corpus_text(CODEBOOK).rstrip('\n').split('\n')
    expected = [line.split('\t') for line in lines]
    eq(ok('codes', project).out,
       ''.join(f'{path}\t0\t0\n' for path, _ in expected).encode('utf-8'),
       'codes after importing the codebook: the file\'s order is depth first')
    eq(len(expected), 80, 'codes in the corpus codebook')
    ok('export', project, '--codebook', 'redtape.qdc')
    flat = list(flatten(qdc_tree('redtape.qdc')))
    eq([(p, d) for p, d, _, _, _ in flat], [(p, unescape(d)) for p, d in expected],
       'the .qdc holds every path and definition')
    guids = [g for _, _, _, g, _ in flat]
    eq(len(set(guids)), 80, 'each code has its own guid')
    for guid in guids:
        true(re.fullmatch(r'[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}', guid or ''),
             f'guid {guid!r} is a UUID')
    for _, _, _, _, codable in flat:
        true(codable in ('true', '1'), f'isCodable={codable!r}')
    validate('redtape.qdc', 'Codebook.xsd')


@test
def test_code_import_columns_and_escapes():
    project = new_project()
    write('book.tsv',
          'Alpha\tFirst line\\nsecond\\tindented \\\\ back\t#112233\n'
          'Alpha / Beta\n'
          'Alpha / Gamma\t\t#AABBCC\n'
          'Delta\tonly a description\n')
    ok('code', 'import', project, 'book.tsv')
    eq(code_paths(project), ['Alpha', 'Alpha / Beta', 'Alpha / Gamma', 'Delta'], 'codes')
    ok('export', project, '--codebook', 'book.qdc')
    flat = {p: (d, c) for p, d, c, _, _ in flatten(qdc_tree('book.qdc'))}
    eq(flat['Alpha'][0], 'First line\nsecond\tindented \\ back', 'unescaped description')
    eq(flat['Alpha'][1].lower(), '#112233', 'colour of Alpha')
    eq(flat['Alpha / Beta'], ('', None), 'path only')
    eq(flat['Alpha / Gamma'][1].lower(), '#aabbcc', 'colour with an empty description')
    eq(flat['Delta'], ('only a description', None), 'description only')


def deep_codebook(n_codes, seed):
    """Codebook lines for a tree of @n_codes codes up to 8 levels deep,
    with wide levels (hundreds of siblings), in an order where a child
    often comes before its parent's own line; and the tree the old
    algorithm made of them, computed here: {path: [position, colour,
    description]} (levels created where first named, each appended after
    its siblings; a line for an existing code updates what it gives)."""
    import random
    rng = random.Random(seed)
    paths = []
    while len(paths) < n_codes:
        parent = rng.choice(paths) if paths and rng.random() < 0.8 else None
        if parent is not None and parent.count(' / ') >= 7:
            parent = None
        name = f'C{len(paths)} ' + rng.choice(['één', 'cliënt', 'Zoë', 'x/y', '\U0001F600'])
        paths.append(f'{parent} / {name}' if parent else name)
    lines, tree, children = [], {}, {}
    order = paths[:]
    rng.shuffle(order)
    order += rng.sample(paths, n_codes // 10)   # again: updates
    for path in order:
        fields = [path]
        if rng.random() < 0.5:
            fields.append(f'definition of {path[-12:]}\\n{rng.randint(0, 99)}')
            if rng.random() < 0.5:
                fields.append(f'#{rng.randrange(1 << 24):06X}')
        lines.append('\t'.join(fields) + '\n')
        levels = path.split(' / ')
        for depth in range(1, len(levels) + 1):
            prefix = ' / '.join(levels[:depth])
            if prefix not in tree:
                parent = ' / '.join(levels[:depth - 1])
                tree[prefix] = [children.get(parent, 0), None, '']
                children[parent] = children.get(parent, 0) + 1
        if len(fields) > 1:
            tree[path][2] = unescape(fields[1])
        if len(fields) > 2:
            tree[path][1] = fields[2]
    return lines, tree


@test
def test_code_import_of_a_deep_tree_of_2000_codes():
    lines, expected = deep_codebook(2000, seed=14)
    write('book.tsv', ''.join(lines))
    project = new_project()
    ok('code', 'import', project, 'book.tsv')
    _, tree = coding_rows(project)
    eq(len(tree), 2000, 'codes')
    eq({path: [position, color, description] for path, position, color, description in tree},
       expected, 'the tree: paths, positions among siblings, colours and descriptions')
    # the same tree through a REFI-QDA codebook, into a new project
    ok('export', project, '--codebook', 'book.qdc')
    copy = new_project('copy.codeboom')
    ok('code', 'import', copy, 'book.qdc')
    eq(coding_rows(copy)[1], tree, 'the tree read back from the .qdc')
    # importing it again adds nothing; undo takes back the whole import
    ok('code', 'import', project, 'book.tsv')
    eq(coding_rows(project)[1], tree, 'a second import changes nothing')
    ok('undo', project)
    ok('undo', project)
    eq(table(project, 'code'), [], 'undo takes back the whole codebook')
    eq(ok('check', copy).out, b'ok\n', 'check')


@test
def test_tsv_files_saved_on_windows():
    # spreadsheets save TSV with a BOM and CRLF line ends: neither may leak
    # into a name, a definition, a colour or a document name
    project = project_with(MA07)
    write('book.tsv', b'\xef\xbb\xbfAlpha\tdesc one\t#112233\r\nAlpha / Beta\tdesc two\r\n')
    ok('code', 'import', project, 'book.tsv')
    ok('export', project, '--codebook', 'book.qdc')
    eq([(p, d, c and c.lower()) for p, d, c, _, _ in flatten(qdc_tree('book.qdc'))],
       [('Alpha', 'desc one', '#112233'), ('Alpha / Beta', 'desc two', None)], 'codes')
    write('batch.tsv', b'\xef\xbb\xbfinterview-ma07\t0\t9\tAlpha\r\n'
                       b'interview-ma07\t10\t14\tAlpha / Beta\r\n')
    ok('apply', project, '--batch', 'batch.tsv')
    eq(retrieve(project, 'Alpha'), [('interview-ma07', 0, 9, 'Alpha', 'Interview'),
                                    ('interview-ma07', 10, 14, 'Alpha / Beta', 'MA07')],
       'batch lines')


@test
def test_code_import_errors_leave_nothing_behind():
    project = new_project()
    ok('code', 'add', project, 'Existing')
    write('bad-color.tsv', 'One\tfine\nTwo\tfine\t#123456\nThree\tbad\tblue\nFour\n')
    fails('code', 'import', project, 'bad-color.tsv', project=project, mentions=['bad-color.tsv'])
    write('bad-name.tsv', 'One\nTwo /  / Three\n')
    fails('code', 'import', project, 'bad-name.tsv', project=project, mentions=['bad-name.tsv'])
    fails('code', 'import', project, 'missing.tsv', project=project, mentions=['missing.tsv'])
    eq(code_paths(project), ['Existing'], 'no code from a failed import')


@test
def test_code_color_and_describe():
    true(re.search(r'^\s*code color\b', features(), re.M), '--help lists code color')
    project = new_project()
    ok('code', 'add', project, 'A / B', '--color', '#123456')
    ok('code', 'color', project, 'A / B', '#ABCDEF')
    ok('code', 'color', project, 'A', '#010203')
    ok('code', 'describe', project, 'A', 'Line\nwith <markup> & a tab\t.')
    ok('export', project, '--codebook', 'a.qdc')
    flat = {p: (d, c and c.lower()) for p, d, c, _, _ in flatten(qdc_tree('a.qdc'))}
    eq(flat, {'A': ('Line\nwith <markup> & a tab\t.', '#010203'), 'A / B': ('', '#abcdef')},
       'colours and definitions')
    ok('code', 'color', project, 'A / B', '')
    ok('code', 'describe', project, 'A', '')
    ok('export', project, '--codebook', 'b.qdc')
    flat = {p: (d, c) for p, d, c, _, _ in flatten(qdc_tree('b.qdc'))}
    eq(flat, {'A': ('', '#010203'), 'A / B': ('', None)}, 'colour and definition cleared')
    fails('code', 'color', project, 'A', 'blue', status=(1, 2), project=project)
    fails('code', 'color', project, 'Nope', '#123456', project=project, mentions=['Nope'])
    fails('code', 'describe', project, 'Nope', 'x', project=project, mentions=['Nope'])


# ============================================================== code rename

@test
def test_code_rename_keeps_children_and_codings():
    project = project_with(MA07)
    ok('code', 'add', project, 'A / B / C')
    ok('apply', project, 'interview-ma07', 'A / B', '0', '9')
    ok('apply', project, 'interview-ma07', 'A / B / C', '10', '14')
    ok('code', 'rename', project, 'A / B', 'Renamed')
    eq(codes(project), [('A', 0, 2), ('A / Renamed', 1, 2), ('A / Renamed / C', 1, 1)],
       'codes after rename')
    eq([r[3] for r in retrieve(project, 'A')], ['A / Renamed', 'A / Renamed / C'],
       'codings follow the code')
    ok('code', 'rename', project, 'A', '  and/or  ')
    eq(code_paths(project), ['and/or', 'and/or / Renamed', 'and/or / Renamed / C'],
       'trimmed new name with a slash')


@test
def test_code_rename_errors():
    project = new_project()
    ok('code', 'add', project, 'A / B')
    ok('code', 'add', project, 'A / C')
    fails('code', 'rename', project, 'A / B', 'C', project=project, mentions=['C'])
    fails('code', 'rename', project, 'A / B', 'x / y', project=project, mentions=['x / y'])
    fails('code', 'rename', project, 'A / B', '', project=project)
    fails('code', 'rename', project, 'A / B', '  ', project=project)
    fails('code', 'rename', project, 'A / Z', 'Y', project=project, mentions=['A / Z'])
    fails('code', 'rename', project, 'B', 'Y', project=project, mentions=['B'])


# ================================================================ code move

def move_fixture():
    project = project_with(MA07)
    for path in ('A / A1 / A1a', 'A / A2', 'B / B1', 'C'):
        ok('code', 'add', project, path)
    ok('apply', project, 'interview-ma07', 'A / A1 / A1a', '0', '9')
    ok('apply', project, 'interview-ma07', 'A / A1', '10', '14')
    return project


@test
def test_code_move_to_another_parent():
    project = move_fixture()
    ok('code', 'move', project, 'A / A1', 'B')
    eq(codes(project), [('A', 0, 0), ('A / A2', 0, 0), ('B', 0, 2), ('B / B1', 0, 0),
                        ('B / A1', 1, 2), ('B / A1 / A1a', 1, 1), ('C', 0, 0)],
       'moved with its children and codings, last among its new siblings')
    ok('code', 'move', project, 'B / A1', '')
    eq(code_paths(project), ['A', 'A / A2', 'B', 'B / B1', 'C', 'A1', 'A1 / A1a'],
       'moved to the top level')
    eq(ok('check', project).out, b'ok\n', 'check after moves')


@test
def test_code_move_with_position():
    project = move_fixture()
    ok('code', 'move', project, 'C', '', '--position', '0')
    eq(code_paths(project), ['C', 'A', 'A / A1', 'A / A1 / A1a', 'A / A2', 'B', 'B / B1'],
       'C first at the top level (positions count from 0)')
    ok('code', 'move', project, 'A / A2', 'A', '--position', '0')
    eq(code_paths(project), ['C', 'A', 'A / A2', 'A / A1', 'A / A1 / A1a', 'B', 'B / B1'],
       'reordered within the same parent')
    ok('code', 'move', project, 'C', '', '--position', '1')
    eq(code_paths(project), ['A', 'A / A2', 'A / A1', 'A / A1 / A1a', 'C', 'B', 'B / B1'],
       'C second at the top level')
    ok('code', 'move', project, 'B / B1', 'A', '--position', '1')
    eq(code_paths(project), ['A', 'A / A2', 'A / B1', 'A / A1', 'A / A1 / A1a', 'C', 'B'],
       'moved between two new siblings')
    eq(ok('check', project).out, b'ok\n', 'check after moves')


@test
def test_code_move_errors():
    project = move_fixture()
    ok('code', 'add', project, 'B / A2')
    fails('code', 'move', project, 'A', 'A / A1', project=project, mentions=['A'])
    fails('code', 'move', project, 'A', 'A / A1 / A1a', project=project)
    fails('code', 'move', project, 'A', 'A', project=project)
    fails('code', 'move', project, 'A / A2', 'B', project=project, mentions=['A2'])
    fails('code', 'move', project, 'A / A1', 'Nowhere', project=project, mentions=['Nowhere'])
    fails('code', 'move', project, 'Nothing', 'B', project=project, mentions=['Nothing'])
    usage_error('code', 'move', project, 'C', '', '--position', 'first', project=project)
    usage_error('code', 'move', project, 'C', '', '--position', '1x', project=project)
    fails('code', 'move', project, 'C', '', '--position', '-1', status=(1, 2), project=project)


# =============================================================== code merge

@test
def test_code_merge_moves_codings_and_children():
    project = project_with(MA07)
    for path in ('S / child', 'T / own child'):
        ok('code', 'add', project, path)
    ma07 = 'interview-ma07'
    ok('apply', project, ma07, 'S', '0', '5')
    ok('apply', project, ma07, 'S', '10', '15')
    ok('apply', project, ma07, 'S', '10', '15', '--coder', 'other')
    ok('apply', project, ma07, 'S / child', '20', '25')
    ok('apply', project, ma07, 'T', '0', '5')
    ok('apply', project, ma07, 'T', '30', '35')
    eq(docs(project)[ma07][1], 6, 'codings before the merge')
    ok('code', 'merge', project, 'S', 'T')
    eq(codes(project), [('T', 4, 5), ('T / own child', 0, 0), ('T / child', 1, 1)],
       'source gone, its codings on the target (the exact duplicate collapsed), '
       'its children under the target')
    eq([(s, e, c) for _, s, e, c, _ in retrieve(project, 'T')],
       [(0, 5, 'T'), (10, 15, 'T'), (10, 15, 'T'), (20, 25, 'T / child'), (30, 35, 'T')],
       'retrieve after the merge (a different coder is not a duplicate)')
    eq(docs(project)[ma07][1], 5, 'codings after the merge')
    fails('retrieve', project, 'S', mentions=['S'])
    eq(ok('check', project).out, b'ok\n', 'check after the merge')


@test
def test_code_merge_merges_children_of_the_same_name():
    project = project_with(MA07)
    for path in ('S / X / deep', 'S / only in S', 'T / X', 'T / only in T'):
        ok('code', 'add', project, path)
    ok('apply', project, 'interview-ma07', 'S / X', '0', '9')
    ok('apply', project, 'interview-ma07', 'S / X / deep', '10', '14')
    ok('apply', project, 'interview-ma07', 'T / X', '0', '9')
    ok('apply', project, 'interview-ma07', 'T / X', '20', '25')
    ok('code', 'merge', project, 'S', 'T')
    eq(codes(project), [('T', 0, 3), ('T / X', 2, 3), ('T / X / deep', 1, 1),
                        ('T / only in T', 0, 0), ('T / only in S', 0, 0)],
       'a child the target already has is merged into the target\'s child')
    eq(ok('check', project).out, b'ok\n', 'check after the merge')


@test
def test_code_merge_into_its_parent():
    project = project_with(MA07)
    ok('code', 'add', project, 'A / B / C')
    ok('apply', project, 'interview-ma07', 'A / B', '0', '9')
    ok('apply', project, 'interview-ma07', 'A / B / C', '10', '14')
    ok('code', 'merge', project, 'A / B', 'A')
    eq(codes(project), [('A', 1, 2), ('A / C', 1, 1)], 'merged into the parent')


@test
def test_code_merge_errors():
    project = project_with(MA07)
    ok('code', 'add', project, 'S / child / grandchild')
    ok('code', 'add', project, 'T')
    ok('apply', project, 'interview-ma07', 'S', '0', '5')
    fails('code', 'merge', project, 'S', 'S', project=project, mentions=['S'])
    fails('code', 'merge', project, 'S', 'S / child', project=project)
    fails('code', 'merge', project, 'S', 'S / child / grandchild', project=project)
    fails('code', 'merge', project, 'Nope', 'T', project=project, mentions=['Nope'])
    fails('code', 'merge', project, 'S', 'Nope', project=project, mentions=['Nope'])


# ============================================================== code delete

@test
def test_code_delete_removes_descendants_and_codings():
    project = project_with(MA07)
    ok('code', 'add', project, 'A / B / C')
    ok('code', 'add', project, 'Z')
    for path, start in (('A', 0), ('A / B', 10), ('A / B / C', 20), ('Z', 30)):
        ok('apply', project, 'interview-ma07', path, str(start), str(start + 5))
    ok('code', 'delete', project, 'A / B')
    eq(codes(project), [('A', 1, 1), ('Z', 1, 1)], 'codes after deleting A / B')
    eq(docs(project)['interview-ma07'][1], 2, 'its codings and its descendants\' are gone')
    fails('retrieve', project, 'A / B / C', mentions=['A / B / C'])
    ok('code', 'delete', project, 'A')
    eq(codes(project), [('Z', 1, 1)], 'codes after deleting A')
    eq(ok('check', project).out, b'ok\n', 'check after deletes')
    fails('code', 'delete', project, 'A', project=project, mentions=['A'])


# ==================================================================== codes

@test
def test_codes_counts_own_and_descendant_codings():
    project = project_with(MA07, MAG)
    for path in ('R / X / Y', 'R / W', 'Q'):
        ok('code', 'add', project, path)
    for doc, path, start in (('interview-ma07', 'R', 0), ('interview-ma07', 'R / X', 0),
                             ('interview-ma07', 'R / X / Y', 5), ('mag-session-2-fr', 'R / X / Y', 5),
                             ('mag-session-2-fr', 'R / W', 9), ('interview-ma07', 'R / W', 9)):
        ok('apply', project, doc, path, str(start), str(start + 3))
    eq(ok('codes', project).out,
       b'R\t1\t6\nR / X\t1\t3\nR / X / Y\t2\t2\nR / W\t2\t2\nQ\t0\t0\n', 'codes output')


# ==================================================================== apply

@test
def test_apply_by_offsets_counts_code_points():
    project = unicode_project()
    ok('code', 'add', project, 'Emoji')
    ok('code', 'add', project, 'Word')
    text = UNICODE_TEXT
    spans = [('Emoji', '\U0001F600'), ('Word', 'café'), ('Word', 'naïve'),
             ('Emoji', '\U0001D11E clef'), ('Emoji', '\U0001F469\u200D\U0001F52C'),
             ('Word', 'emoji, café and naïve.\nSecond')]
    for code, quote in spans:
        start = text.index(quote)
        ok('apply', project, 'uni', code, str(start), str(start + len(quote)))
    eq([t for _, _, _, _, t in retrieve(project, 'Emoji')],
       ['\U0001F600', '\U0001D11E clef', '\U0001F469\u200D\U0001F52C'], 'astral characters')
    eq([(s, e, t) for _, s, e, _, t in retrieve(project, 'Word')],
       sorted((text.index(q), text.index(q) + len(q), q) for c, q in spans if c == 'Word'),
       'combining marks were composed; a span across lines')
    last = len(text)
    ok('apply', project, 'uni', 'Word', str(last - 5), str(last))
    eq(retrieve(project, 'Word')[-1][4], 'end.\n', 'a span ending at the end of the text')
    eq(docs(project)['uni'], (len(text), 7), 'docs after applying')


@test
def test_apply_same_span_twice_is_a_no_op():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    before = dump(project)
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    eq(data_tables(dump(project)), data_tables(before), 'the second apply changed nothing')
    eq(codes(project), [('A', 1, 1)], 'still one coding')
    ok('apply', project, 'interview-ma07', 'A', '0', '9', '--coder', 'second coder')
    eq(codes(project), [('A', 2, 2)], 'another coder on the same span is a new coding')
    ok('apply', project, 'interview-ma07', 'A', '0', '10')
    eq(codes(project), [('A', 3, 3)], 'a different span is a new coding')


@test
def test_apply_coder_comes_from_option_environment_or_login():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '1', env=cli_env(CODEBOOM_CODER='alice'))
    ok('apply', project, 'interview-ma07', 'A', '1', '2', '--coder', 'bob',
       env=cli_env(CODEBOOM_CODER='alice'))
    ok('apply', project, 'interview-ma07', 'A', '2', '3', env=cli_env(CODEBOOM_CODER=None))
    login = pwd.getpwuid(os.getuid()).pw_name
    state = dump(project)
    names = {row[0]: row[2] for row in state['table coder']}
    by_start = {row[4]: names[row[6]] for row in state['table coding']}
    eq(by_start, {0: 'alice', 1: 'bob', 2: login},
       'coder: $CODEBOOM_CODER, then --coder, then the login name')


@test
def test_apply_by_quote():
    project = project_with(MA07)
    text = stored(read_corpus_text(MA07))
    ok('code', 'add', project, 'Q')
    quote = 'Dat is het principe hier: één cliënt, één maatschappelijk assistent.'
    ok('apply', project, 'interview-ma07', 'Q', '--quote', quote)
    start = text.index(quote)
    eq(retrieve(project, 'Q'), [('interview-ma07', start, start + len(quote), 'Q', quote)],
       'the quote found at its code-point offset')
    eq(ok('apply', project, 'interview-ma07', 'Q', '--quote', 'principe hier').out,
       f'{text.index("principe hier")}\t{text.index("principe hier") + 13}\n'.encode(),
       'apply --quote prints start<TAB>end')
    multiline = 'voorstellen?\n\n[00:00:12] R: Ja.'
    true(multiline in text, 'fixture: multi-line quote')
    ok('apply', project, 'interview-ma07', 'Q', '--quote', multiline)
    at = text.index(multiline)
    true((('interview-ma07', at, at + len(multiline), 'Q', multiline)) in retrieve(project, 'Q'),
         'a quote across lines')
    before = dump(project)
    ok('apply', project, 'interview-ma07', 'Q', '--quote', quote)
    eq(data_tables(dump(project)), data_tables(before), 'the same quote twice is a no-op')


@test
def test_apply_by_quote_creates_a_missing_code_with_its_parents():
    project = project_with(MA07)
    text = stored(read_corpus_text(MA07))
    quote = 'principe hier'
    ok('code', 'add', project, 'Existing')
    ok('apply', project, 'interview-ma07', 'New / Deeper', '--quote', quote)
    start = text.index(quote)
    eq(codes(project), [('Existing', 0, 0), ('New', 0, 1), ('New / Deeper', 1, 1)],
       'apply --quote creates the code and its missing parent, as --batch does')
    eq(retrieve(project, 'New / Deeper'),
       [('interview-ma07', start, start + len(quote), 'New / Deeper', quote)],
       'and codes the quote with it')
    ok('undo', project)
    eq(code_paths(project), ['Existing'], 'one undo step takes back the codes and the coding')
    before = dump(project)
    fails('apply', project, 'interview-ma07', 'Other', '--quote', 'nowhere in this text',
          project=project)
    eq(dump(project), before, 'a quote that is not found creates no code')


@test
def test_apply_by_quote_occurrence():
    project = project_with(MA07)
    text = stored(read_corpus_text(MA07))
    quote = 'maatschappelijk assistent'
    found = occurrences(text, quote)
    true(len(found) >= 3, 'fixture: the quote occurs several times')
    ok('code', 'add', project, 'Q')
    fails('apply', project, 'interview-ma07', 'Q', '--quote', quote, project=project,
          mentions=['interview-ma07'])
    ok('apply', project, 'interview-ma07', 'Q', '--quote', quote, '--occurrence', '2')
    ok('apply', project, 'interview-ma07', 'Q', '--quote', quote, '--occurrence', '1')
    ok('apply', project, 'interview-ma07', 'Q', '--quote', quote,
       '--occurrence', str(len(found)))
    eq([(s, e) for _, s, e, _, _ in retrieve(project, 'Q')],
       [(found[0], found[0] + len(quote)), (found[1], found[1] + len(quote)),
        (found[-1], found[-1] + len(quote))], 'the Nth match, 1-based')
    fails('apply', project, 'interview-ma07', 'Q', '--quote', quote,
          '--occurrence', str(len(found) + 1), project=project)
    fails('apply', project, 'interview-ma07', 'Q', '--quote', quote, '--occurrence', '0',
          status=(1, 2), project=project)
    usage_error('apply', project, 'interview-ma07', 'Q', '--quote', quote,
                '--occurrence', 'two', project=project)


@test
def test_apply_by_quote_with_astral_characters():
    project = unicode_project()
    ok('code', 'add', project, 'Q')
    for quote in ('\U0001D11E clef\tand', 'café and naïve', '\U0001F469\u200D\U0001F52C end.\n'):
        ok('apply', project, 'uni', 'Q', '--quote', quote)
    eq([(s, e, t) for _, s, e, _, t in retrieve(project, 'Q')],
       sorted((UNICODE_TEXT.index(q), UNICODE_TEXT.index(q) + len(q), q)
              for q in ('\U0001D11E clef\tand', 'café and naïve',
                        '\U0001F469\u200D\U0001F52C end.\n')),
       'offsets of quotes are code points')


@test
def test_apply_by_quote_errors():
    project = project_with(MA07)
    ok('code', 'add', project, 'Q')
    fails('apply', project, 'interview-ma07', 'Q', '--quote', 'nowhere in this text',
          project=project, mentions=['interview-ma07'])
    fails('apply', project, 'interview-ma07', 'Q', '--quote', 'Interview', '--coder', 'x',
          '--occurrence', '9', project=project)
    fails('apply', project, 'interview-ma07', 'Q', '--quote', '', status=(1, 2), project=project)
    fails('apply', project, 'interview-ma07', 'Q', '--quote', 'Interview', '--occurrence', '0',
          status=(1, 2), project=project)
    fails('apply', project, 'nope', 'Q', '--quote', 'Interview', project=project,
          mentions=['nope'])


@test
def test_apply_errors():
    project = unicode_project()
    ok('code', 'add', project, 'A')
    n = len(UNICODE_TEXT)
    fails('apply', project, 'nope', 'A', '0', '1', project=project, mentions=['nope'])
    fails('apply', project, 'uni', 'Nope', '0', '1', project=project, mentions=['Nope'])
    fails('apply', project, 'uni', 'A / Nope', '0', '1', project=project, mentions=['A / Nope'])
    for start, end in (('5', '5'), ('6', '5'), ('0', str(n + 1)), (str(n), str(n + 1)),
                       ('0', '100000000'), (str(n + 3), str(n + 5))):
        fails('apply', project, 'uni', 'A', start, end, project=project)
    for start, end in (('-1', '5'), ('0', '-5'), ('abc', '5'), ('0', 'five'), ('1.5', '3'),
                       ('', '3'), ('0x1', '3'), ('3', '4 ')):
        usage_error('apply', project, 'uni', 'A', start, end, project=project)
    fails('apply', project, 'uni', 'A', '0', '99999999999999999999999', status=(1, 2),
          project=project)
    usage_error('apply', project, 'uni', 'A', '0', project=project)
    usage_error('apply', project, 'uni', 'A', '0', '3', '7', project=project)
    eq(codes(project), [('A', 0, 0)], 'nothing applied')


@test
def test_tsv_escaping_of_names():
    # document and code names are TSV text fields too: a backslash is
    # written as \\ in docs, codes and retrieve, and read back so in a batch
    project = new_project()
    write('a.txt', 'back\\slash\n')
    ok('import', project, 'a.txt', '--name', 'C:\\docs\\a')
    ok('code', 'add', project, 'Path \\ code / C:\\x')
    eq(ok('docs', project).out, b'C:\\\\docs\\\\a\t11\t0\n', 'docs escapes a backslash')
    eq(ok('codes', project).out, b'Path \\\\ code\t0\t0\nPath \\\\ code / C:\\\\x\t0\t0\n',
       'codes escapes a backslash')
    write('batch.tsv', 'C:\\\\docs\\\\a\t0\t10\tPath \\\\ code / C:\\\\x\n')
    ok('apply', project, '--batch', 'batch.tsv')
    eq(ok('retrieve', project, 'Path \\ code', '--format', 'tsv').out,
       b'C:\\\\docs\\\\a\t0\t10\tPath \\\\ code / C:\\\\x\tback\\\\slash\n',
       'retrieve escapes every text field')


# ================================================================= batch

def batch_fixture():
    project = project_with(MA07, MAG)
    ok('code', 'add', project, 'Existing')
    return project


@test
def test_apply_batch_creates_codes_in_one_go():
    project = batch_fixture()
    write('batch.tsv', 'interview-ma07\t0\t9\tExisting\n'
                       'interview-ma07\t10\t14\tNew / Sub\n'
                       'mag-session-2-fr\t0\t7\tNew / Sub\n'
                       'mag-session-2-fr\t0\t7\tNew / Sub\n'
                       'mag-session-2-fr\t8\t10\tNew\n')
    ok('apply', project, '--batch', 'batch.tsv')
    eq(codes(project), [('Existing', 1, 1), ('New', 1, 3), ('New / Sub', 2, 2)],
       'codes after the batch (a repeated line is a no-op)')
    eq(retrieve(project, 'New'),
       [('interview-ma07', 10, 14, 'New / Sub', 'MA07'),
        ('mag-session-2-fr', 0, 7, 'New / Sub', 'Méthode'),
        ('mag-session-2-fr', 8, 10, 'New', "d'")], 'retrieve after the batch')
    write('empty.tsv', '')
    before = dump(project)
    ok('apply', project, '--batch', 'empty.tsv')
    eq(data_tables(dump(project)), data_tables(before), 'an empty batch changes nothing')


@test
def test_apply_batch_is_one_transaction():
    project = batch_fixture()
    bad_lines = {
        'unknown document': 'nope\t0\t5\tExisting\n',
        'end beyond the text': 'interview-ma07\t0\t999999\tExisting\n',
        'empty span': 'interview-ma07\t5\t5\tExisting\n',
        'negative start': 'interview-ma07\t-1\t5\tExisting\n',
        'non-numeric start': 'interview-ma07\tzero\t5\tExisting\n',
        'three fields': 'interview-ma07\t0\t5\n',
        'bad code path': 'interview-ma07\t0\t5\tA /  / B\n',
    }
    for why, line in bad_lines.items():
        write('batch.tsv', 'interview-ma07\t0\t9\tExisting\n'
                           'interview-ma07\t10\t14\tCreated by batch\n'
                           + line +
                           'mag-session-2-fr\t0\t7\tExisting\n')
        try:
            fails('apply', project, '--batch', 'batch.tsv', project=project,
                  mentions=['batch.tsv'])
        except AssertionError as e:
            raise AssertionError(f'batch with a bad line ({why}): {e}') from None
    eq(codes(project), [('Existing', 0, 0)], 'nothing from any failed batch')


@test
def test_apply_batch_commit_each_keeps_lines_before_the_bad_one():
    project = batch_fixture()
    write('batch.tsv', 'interview-ma07\t0\t9\tExisting\n'
                       'interview-ma07\t10\t14\tCreated / Here\n'
                       'nope\t0\t5\tExisting\n'
                       'mag-session-2-fr\t0\t7\tExisting\n')
    result = cli('apply', project, '--batch', 'batch.tsv', '--commit-each')
    eq(result.code, 1, f'exit status of a batch with a bad line\n{result.describe()}')
    true(result.err.startswith(PREFIX) and 'batch.tsv' in result.stderr,
         f'the error names the file\n{result.describe()}')
    eq(retrieve(project, 'Existing') + retrieve(project, 'Created'),
       [('interview-ma07', 0, 9, 'Existing', 'Interview'),
        ('interview-ma07', 10, 14, 'Created / Here', 'MA07')],
       'the lines before the bad one are committed, the batch stops at the bad line')
    eq(docs(project)['interview-ma07'][1], 2, 'codings of interview-ma07')
    eq(docs(project)['mag-session-2-fr'][1], 0, 'codings of mag-session-2-fr')
    eq(ok('check', project).out, b'ok\n', 'check')


@test
def test_apply_batch_errors():
    project = batch_fixture()
    fails('apply', project, '--batch', 'missing.tsv', project=project, mentions=['missing.tsv'])
    usage_error('apply', project, '--batch', project=project)


def scale_documents():
    """Three transcripts with astral characters, combining marks (stored
    composed) and a ZWJ sequence, so that code point offsets differ from
    UTF-8 and UTF-16 ones; {name: stored text}."""
    import random
    rng = random.Random(14)
    words = ['cafe\u0301', 'nai\u0308ve', '\U0001F600', 'cli\u00ebnt', '\U0001D11E', 'e\u0301e\u0301n',
             '\U0001F469\u200D\U0001F52C', 'overleg', 'Zo\u00eb', 'a\u0308\u0301']
    texts = {}
    for n in range(3):
        lines = []
        for _ in range(60):
            lines.append(('Interviewer: ' if len(lines) % 2 == 0 else 'Respondent: ')
                         + ' '.join(rng.choice(words) for _ in range(rng.randint(5, 25))))
        write(f'scale-{n}.txt', '\n\n'.join(lines) + '\n')
        texts[f'scale-{n}'] = stored('\n\n'.join(lines) + '\n')
    return texts


def scale_batch(texts, n_lines, seed):
    """@n_lines batch lines over @texts (a tenth repeated, so that some
    are already there), on 3-level paths of which some are new."""
    import random
    rng = random.Random(seed)
    names = sorted(texts)
    lines = []
    for _ in range(n_lines):
        if lines and rng.random() < 0.1:
            lines.append(rng.choice(lines))
            continue
        name = rng.choice(names)
        start = rng.randrange(len(texts[name]) - 1)
        end = rng.randint(start + 1, min(len(texts[name]), start + 40))
        path = f'Thema {rng.randint(1, 4)} / Sub {rng.randint(1, 3)} ü'
        if rng.random() < 0.5:
            path += f' / Code {rng.randint(1, 5)} \U0001F600'
        lines.append(f'{name}\t{start}\t{end}\t{path}\n')
    return lines


def coding_rows(project):
    """{(document, code path, start, end, coder, memo)} read from the file,
    with the code tree as (path, position, colour, description) rows."""
    state = dump(project)
    code_rows = {row[0]: row for row in state['table code']}
    names = {row[0]: row[2] for row in state['table document']}
    coders = {row[0]: row[2] for row in state['table coder']}

    def path(code_id):
        parts = []
        while code_id is not None:
            row = code_rows[code_id]
            parts.append(row[3])
            code_id = row[2]
        return ' / '.join(reversed(parts))

    codings = sorted((names[r[2]], path(r[3]), r[4], r[5], coders[r[6]], r[8])
                     for r in state['table coding'])
    tree = sorted((path(r[0]), r[4], r[5], r[6]) for r in state['table code'])
    return codings, tree


@test
def test_apply_batch_equals_the_line_by_line_path():
    # The batch checks every line first and inserts sorted blocks; one
    # transaction per line (--commit-each) applies each line as `apply`
    # does.  Both must give the same codings, the same new codes (created
    # in the order the file names them) and the same texts.
    texts = scale_documents()
    lines = scale_batch(texts, 2500, seed=1)
    write('batch.tsv', ''.join(lines))
    one, each = 'one.codeboom', 'each.codeboom'
    for project in (one, each):
        ok('new', project)
        ok('import', project, 'scale-0.txt', 'scale-1.txt', 'scale-2.txt')
        ok('code', 'add', project, 'Thema 2 / Sub 2 ü')
    ok('apply', one, '--batch', 'batch.tsv')
    ok('apply', each, '--batch', 'batch.tsv', '--commit-each')
    batch_rows, batch_tree = coding_rows(one)
    each_rows, each_tree = coding_rows(each)
    eq(len(batch_rows), len(set(lines)), 'one coding per distinct line')
    eq(batch_rows, each_rows, 'the batch and the line-by-line codings')
    eq(batch_tree, each_tree, 'the code trees (positions in the order the file names the codes)')
    for path in ('Thema 1', 'Thema 3'):
        segments = retrieve(one, path)
        eq(segments, retrieve(each, path), f'retrieve {path}')
        for document, start, end, _, text in segments:
            eq(text, texts[document][start:end], f'the text of {document} {start}-{end}')
    eq(ok('check', one).out, b'ok\n', 'check after the batch')


@test
def test_undo_and_redo_of_a_large_batch_after_reopening():
    need_undo()
    # More lines than a block of the batch (65,536), so that runs of ids,
    # blocks and the journal's ranges all meet; every command is a new
    # process, so undo and redo read the journal back from the file.
    texts = scale_documents()
    lines = scale_batch(texts, 70000, seed=2)
    write('batch.tsv', ''.join(lines))
    project = new_project()
    ok('import', project, 'scale-0.txt', 'scale-1.txt', 'scale-2.txt')
    before = data_tables(dump(project))
    ok('apply', project, '--batch', 'batch.tsv')
    after = data_tables(dump(project))
    rows, _ = coding_rows(project)
    eq(len(rows), len(set(lines)), 'one coding per distinct line')
    eq(len(set(r[0] for r in after['table coding'])), len(rows), 'coding ids')
    entries = table(project, 'journal_entry')
    true(len(entries) < 2000,
         f'the journal of a {len(rows)}-coding batch is compact ({len(entries)} entries)')
    eq(ok('undo', project).out.decode().strip(), "Apply codings from \u201c" + os.path.abspath('batch.tsv') + "\u201d",
       'undo names the batch')
    eq(data_tables(dump(project)), before, 'one undo takes back the whole batch')
    # the redo step holds an entry per coding, read a page at a time: a
    # damaged entry on the last page is found before anything is replayed
    shutil.copyfile(project, 'tampered.codeboom')
    db = sqlite3.connect('tampered.codeboom')
    db.execute("UPDATE journal_entry SET tbl = 'nope' WHERE seq = (SELECT min(seq) FROM journal_entry"
               ' WHERE step = (SELECT max(id) FROM journal_step))')
    db.commit()
    db.close()
    fails('redo', 'tampered.codeboom', project='tampered.codeboom', mentions=['damaged'])
    ok('redo', project)
    eq(data_tables(dump(project)), after, 'redo puts back every coding as it was (ids, uuids, times)')
    true(len(table(project, 'journal_entry')) < 2000, 'the redone batch is journaled compactly too')
    ok('undo', project)
    eq(data_tables(dump(project)), before, 'and undo again')
    eq(ok('check', project).out, b'ok\n', 'check')


@test
def test_undo_refuses_a_tampered_range_of_a_batch():
    need_undo()
    # A journal comes from the file: a range entry whose last id is missing,
    # not an integer, before its first, or given twice, is a damaged undo
    # history, and undo changes nothing.
    project = batch_fixture()
    write('batch.tsv', ''.join(f'interview-ma07\t{i}\t{i + 3}\tExisting\n' for i in range(0, 200, 4)))
    ok('apply', project, '--batch', 'batch.tsv')
    state = dump(project)
    (entry, first), = [(r[0], r[5]) for r in state['table journal_entry'] if r[4] == 'id..']
    last, = [r[2] for r in state['table journal_value'] if r[0] == entry]
    eq(last - first, 49, 'one range for the 50 codings of the batch')
    tamperings = {
        'no last id': ["DELETE FROM journal_value WHERE entry = ?"],
        'a text last id': ["UPDATE journal_value SET value = CAST(value AS TEXT) WHERE entry = ?"],
        'last before first': [f"UPDATE journal_value SET value = {first - 1} WHERE entry = ?"],
        'a second value': ["INSERT INTO journal_value VALUES (?, 'uuid', 7)"],
        'a range on another column': ["UPDATE journal_entry SET col = 'code..' WHERE seq = ?"],
    }
    for n, (why, statements) in enumerate(tamperings.items()):
        copy = f'tampered-{n}.codeboom'
        shutil.copyfile(project, copy)
        db = sqlite3.connect(copy)
        for statement in statements:
            db.execute(statement, (entry,))
        db.commit()
        db.close()
        try:
            fails('undo', copy, project=copy, mentions=['damaged'])
        except AssertionError as e:
            raise AssertionError(f'undo of a range with {why}: {e}') from None
    ok('undo', project)
    eq(docs(project)['interview-ma07'][1], 0, 'the untouched range undoes the whole batch')


@test
def test_apply_batch_reads_line_ends_and_bad_bytes_as_before():
    project = batch_fixture()
    # CR, CRLF and LF line ends and a BOM; the line numbers in errors count
    # every one of them
    write('batch.tsv', b'\xef\xbb\xbfinterview-ma07\t0\t9\tExisting\r'
                       b'interview-ma07\t10\t14\tExisting\r\n\r\n'
                       b'mag-session-2-fr\t0\t7\tExisting')
    ok('apply', project, '--batch', 'batch.tsv')
    eq(docs(project)['interview-ma07'][1] + docs(project)['mag-session-2-fr'][1], 3, 'three codings')
    write('bad.tsv', b'interview-ma07\t20\t24\tExisting\r\n\r\nnope\t0\t5\tExisting\n')
    fails('apply', project, '--batch', 'bad.tsv', project=project, mentions=['bad.tsv, line 3'])
    write('bad.tsv', b'interview-ma07\t20\t24\tExisting\nmag-session-2-fr\t0\t7\tEx\xffisting\n')
    fails('apply', project, '--batch', 'bad.tsv', project=project, mentions=['bad.tsv', 'UTF-8'])


# ================================================================== unapply

@test
def test_unapply():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    ok('apply', project, 'interview-ma07', 'A', '10', '14')
    ok('unapply', project, 'interview-ma07', 'A', '0', '9')
    eq(retrieve(project, 'A'), [('interview-ma07', 10, 14, 'A', 'MA07')], 'one coding left')
    eq(docs(project)['interview-ma07'][1], 1, 'docs count after unapply')
    eq(codes(project), [('A', 1, 1)], 'codes count after unapply')


@test
def test_unapply_errors():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('code', 'add', project, 'B')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    fails('unapply', project, 'interview-ma07', 'A', '0', '8', project=project)
    fails('unapply', project, 'interview-ma07', 'B', '0', '9', project=project)
    fails('unapply', project, 'nope', 'A', '0', '9', project=project, mentions=['nope'])
    fails('unapply', project, 'interview-ma07', 'Nope', '0', '9', project=project,
          mentions=['Nope'])
    usage_error('unapply', project, 'interview-ma07', 'A', 'zero', '9', project=project)
    usage_error('unapply', project, 'interview-ma07', 'A', '0', project=project)


# ================================================================= retrieve

BETA = 'beta one\nbeta two\tthree \\ four\nlast\n'
ALPHA = 'alpha text with a quote\nacross lines\n'


def span(text, quote):
    at = text.index(quote)
    return at, at + len(quote)


def retrieve_fixture():
    project = new_project()
    # imported in the reverse of alphabetical order, so that neither order
    # of documents can pass by accident of the other
    write('beta.txt', BETA)
    write('alpha.txt', ALPHA)
    ok('import', project, 'beta.txt')
    ok('import', project, 'alpha.txt')
    ok('code', 'add', project, 'Top / Child')
    for doc, text, code, quote in RETRIEVE_CODINGS:
        ok('apply', project, doc, code, *map(str, span(text, quote)))
    return project


# applied in this (scrambled) order
RETRIEVE_CODINGS = [
    ('beta', BETA, 'Top / Child', 'two\tthree \\ four\n'),
    ('alpha', ALPHA, 'Top', 'a quote\nacross lines'),
    ('beta', BETA, 'Top', 'beta'),
    ('alpha', ALPHA, 'Top / Child', 'alpha'),
    ('beta', BETA, 'Top', 'one'),
]


def expected_rows(code=None, only=False):
    """The rows retrieve must print, grouped by document in either order."""
    by_doc = {}
    for doc, text, path, quote in RETRIEVE_CODINGS:
        if code is None or path == code or (not only and path.startswith(code + ' / ')):
            s, e = span(text, quote)
            by_doc.setdefault(doc, []).append([doc, str(s), str(e), path, escape(quote)])
    for rows in by_doc.values():
        rows.sort(key=lambda r: (int(r[1]), int(r[2])))
    return by_doc


def check_grouped(rows, by_doc, what):
    """@rows must be each document's rows in position order, one document
    after the other (by name or by import order: the contract says only
    "document then position")."""
    order = []
    for row in rows:
        if not order or order[-1] != row[0]:
            order.append(row[0])
    eq(sorted(order), sorted(by_doc), f'{what}: each document once, in one block')
    eq(rows, [r for doc in order for r in by_doc[doc]], f'{what}: rows in position order')


@test
def test_retrieve_tsv_format_escapes_and_orders():
    project = retrieve_fixture()
    out = ok('retrieve', project, 'Top', '--format', 'tsv').out
    lines = out.decode('utf-8').split('\n')
    eq(lines[-1], '', 'output ends with a newline')
    rows = [line.split('\t') for line in lines[:-1]]
    for row in rows:
        eq(len(row), 5, f'five fields in {row!r}')
    true(b'\ttwo\\tthree \\\\ four\\n\n' in out,
         f'tab, backslash and newline escaped in the text field: {out!r}')
    true(b'\ta quote\\nacross lines\n' in out, f'multi-line quote escaped: {out!r}')
    check_grouped(rows, expected_rows('Top'), 'retrieve Top')


@test
def test_retrieve_only_and_child_codes():
    project = retrieve_fixture()
    for code, only in (('Top', True), ('Top / Child', False), ('Top / Child', True)):
        options = ['--only'] if only else []
        rows = tsv_rows(ok('retrieve', project, code, '--format', 'tsv', *options), 5)
        check_grouped(rows, expected_rows(code, only), f'retrieve {code} {options}')
    eq(len(retrieve(project, 'Top')), 5, 'with descendants by default')
    eq(len(retrieve(project, 'Top', '--only')), 3, 'only its own with --only')


@test
def test_retrieve_text_and_xml_formats():
    project = retrieve_fixture()
    default = ok('retrieve', project, 'Top')
    text = ok('retrieve', project, 'Top', '--format', 'text')
    eq(default.out, text.out, 'text is the default format')
    # the text format is for people: only its content is fixed, not its layout
    for quote in ('alpha', 'a quote', 'across lines', 'two\tthree \\ four', 'beta', 'one',
                  'Top / Child'):
        true(quote in text.stdout, f'{quote!r} in the text output: {text.stdout!r}')
    true(text.stdout.index('a quote') < text.stdout.index('across lines'), 'lines in order')
    xml = ok('retrieve', project, 'Top', '--format', 'xml')
    root = ET.fromstring(xml.out)
    true(root.tag.startswith(f'{{{QUOTES_NS}}}'), f'namespace of the quotes XML: {root.tag}')
    texts = [e.text for e in root.iter() if e.text]
    for quote in ('a quote\nacross lines', 'two\tthree \\ four\n', 'alpha'):
        true(quote in texts, f'{quote!r} is an element\'s exact text in the XML')
    write('retrieved.xml', xml.out)
    validate('retrieved.xml', 'codeboom-quotes-1.xsd')


@test
def test_retrieve_errors():
    project = retrieve_fixture()
    ok('code', 'add', project, 'Unused')
    eq(ok('retrieve', project, 'Unused', '--format', 'tsv').out, b'', 'a code without codings')
    fails('retrieve', project, 'Nope', mentions=['Nope'])
    fails('retrieve', project, 'Top / Nope', mentions=['Top / Nope'])
    usage_error('retrieve', project, 'Top', '--format', 'csv')
    usage_error('retrieve', project)


# =================================================================== export

@test
def test_export_codebook_mirrors_the_tree():
    project = new_project()
    ok('code', 'import', project, corpus(CODEBOOK))
    ok('code', 'add', project, 'Red Tape / Interne Red Tape / Nieuw', '--color', '#00ff7F')
    ok('code', 'move', project, 'Discretionaire ruimte', '', '--position', '0')
    ok('export', project, '--codebook', 'tree.qdc')
    flat = [(p, c) for p, _, c, _, _ in flatten(qdc_tree('tree.qdc'))]
    eq([p for p, _ in flat], code_paths(project), 'the .qdc lists the tree in the same order')
    eq(dict(flat)['Red Tape / Interne Red Tape / Nieuw'].lower(), '#00ff7f', 'colour')
    validate('tree.qdc', 'Codebook.xsd')


@test
def test_export_quotes():
    project = retrieve_fixture()
    ok('code', 'add', project, 'Other')
    ok('apply', project, 'alpha', 'Other', *map(str, span(ALPHA, 'text')))
    ok('export', project, '--quotes', 'all.xml')
    ok('export', project, '--quotes', 'child.xml', '--code', 'Top / Child')
    for path in ('all.xml', 'child.xml'):
        root = ET.parse(path).getroot()
        true(root.tag.startswith(f'{{{QUOTES_NS}}}'), f'namespace of {path}: {root.tag}')
        validate(path, 'codeboom-quotes-1.xsd')
    all_texts = [e.text for e in ET.parse('all.xml').getroot().iter() if e.text]
    child_texts = [e.text for e in ET.parse('child.xml').getroot().iter() if e.text]
    for quote in ('text', 'a quote\nacross lines', 'two\tthree \\ four\n'):
        true(quote in all_texts, f'{quote!r} in the export of every code')
    true('two\tthree \\ four\n' in child_texts and 'alpha' in child_texts,
         'the child code\'s quotes')
    true('text' not in child_texts and 'a quote\nacross lines' not in child_texts,
         '--code keeps only that code\'s quotes')
    true('--only' in ok('export', '--help').stdout, 'export --help offers --only')
    ok('export', project, '--quotes', 'top.xml', '--code', 'Top', '--only')
    ok('export', project, '--quotes', 'tree.xml', '--code', 'Top')
    only_texts = [e.text for e in ET.parse('top.xml').getroot().iter() if e.text]
    tree_texts = [e.text for e in ET.parse('tree.xml').getroot().iter() if e.text]
    true('a quote\nacross lines' in only_texts and 'one' in only_texts
         and 'two\tthree \\ four\n' not in only_texts, '--only: the code\'s own quotes')
    true('two\tthree \\ four\n' in tree_texts and 'a quote\nacross lines' in tree_texts,
         'without --only: with descendants')


def quotes_of(path):
    """[(document, start, end, [code paths], text)] from a quotes XML file,
    in its order (README: one <quote> per coded span, by document and
    position, with a <code-ref> per code and the exact text)."""
    root = ET.parse(path).getroot() if isinstance(path, str) else ET.fromstring(path)
    eq(root.tag, f'{{{QUOTES_NS}}}quotes', 'root element of the quotes XML')
    found = []
    for quote in root.iter(f'{{{QUOTES_NS}}}quote'):
        text = quote.find(f'{{{QUOTES_NS}}}text')
        found.append((quote.get('document'), int(quote.get('start')), int(quote.get('end')),
                      [r.get('path') for r in quote.findall(f'{{{QUOTES_NS}}}code-ref')],
                      text.text if text is not None else None))
    return found


@test
def test_quotes_xml_lists_each_span_once_in_order():
    project = retrieve_fixture()
    ok('code', 'add', project, 'Other')
    ok('apply', project, 'beta', 'Other', *map(str, span(BETA, 'one')))
    ok('export', project, '--quotes', 'all.xml')
    quotes = quotes_of('all.xml')
    by_doc = {}
    for doc, text, path, quote in RETRIEVE_CODINGS + [('beta', BETA, 'Other', 'one')]:
        s, e = span(text, quote)
        entry = by_doc.setdefault(doc, {}).setdefault((s, e), [doc, s, e, [], quote])
        entry[3].append(path)
    order = []
    for q in quotes:
        if not order or order[-1] != q[0]:
            order.append(q[0])
    eq(sorted(order), ['alpha', 'beta'], f'quotes grouped by document: {order!r}')
    expected = [(d, s, e, sorted(paths), t) for doc in order
                for (d, s, e, paths, t) in sorted(by_doc[doc].values(), key=lambda v: v[1])]
    eq([(d, s, e, sorted(paths), t) for d, s, e, paths, t in quotes], expected,
       'one quote per span, with every code on it, by document then position')
    retrieved = quotes_of(ok('retrieve', project, 'Top', '--format', 'xml').out)
    eq([(d, s, e, t) for d, s, e, _, t in retrieved],
       [(d, s, e, t) for d, s, e, paths, t in expected if any(p.startswith('Top') for p in paths)],
       'retrieve --format xml: the quotes of Top and its descendants')


@test
def test_exports_are_reproducible_with_source_date_epoch():
    project = retrieve_fixture()
    env = cli_env(SOURCE_DATE_EPOCH='1700000000')
    for option, name in (('--codebook', 'book'), ('--quotes', 'quotes')):
        ok('export', project, option, f'{name}-1.xml', env=env)
        ok('export', project, option, f'{name}-2.xml', env=env)
        eq(read(f'{name}-1.xml'), read(f'{name}-2.xml'), f'{option} twice, byte for byte')


@test
def test_export_errors():
    project = retrieve_fixture()
    fails('export', project, '--quotes', 'x.xml', '--code', 'Nope', project=project,
          mentions=['Nope'])
    true(not os.path.exists('x.xml'), 'no file written for a failed export')
    fails('export', project, '--codebook', 'no/such/dir/out.qdc', project=project,
          mentions=['out.qdc'])
    fails('export', project, '--quotes', 'no/such/dir/out.xml', project=project,
          mentions=['out.xml'])
    usage_error('export', project, project=project)
    fails('export', 'missing.codeboom', '--codebook', 'out.qdc', mentions=['missing.codeboom'])
    empty = new_project('empty.codeboom')
    fails('export', empty, '--codebook', 'none.qdc', project=empty)
    true(not os.path.exists('none.qdc'), 'no codebook without codes (the standard needs one)')
    true(not os.path.exists('out.qdc'), 'no file written')


# ==================================================================== check

def corrupt(project, *statements):
    connection = sqlite3.connect(project)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def sound_project():
    project = project_with(MA07)
    ok('code', 'add', project, 'A / B')
    ok('apply', project, 'interview-ma07', 'A / B', '0', '9')
    eq(ok('check', project).out, b'ok\n', 'check of a sound project')
    return project


@test
def test_check_finds_broken_invariants():
    breakages = {
        'coding beyond the text': ['UPDATE coding SET end = 999999'],
        'character count that does not match the text': ['UPDATE document SET n_chars = 3'],
        'code that is its own ancestor': [
            "UPDATE code SET parent = (SELECT id FROM code WHERE name = 'B') WHERE name = 'A'"],
        'coding of a missing code': ['UPDATE coding SET code = 4242'],
        'text that is not normalised': ['UPDATE document SET text = replace(text, char(10), char(13))'],
        'gap in sibling positions': ["UPDATE code SET position = 7 WHERE name = 'B'"],
        'code name with the path separator': ["UPDATE code SET name = 'x / y' WHERE name = 'B'"],
        'empty code name after trimming': ["UPDATE code SET name = '  ' WHERE name = 'B'"],
    }
    for why, statements in breakages.items():
        project = sound_project()
        corrupt(project, *statements)
        full = cli('check', project)
        for result in (full, cli('check', project, '--quick')):
            true(result.code == 1, f'check must fail on a {why}\n{result.describe()}')
            true(result.out != b'ok\n' and (result.out + result.err).strip() != b'',
                 f'check must list the problem ({why})\n{result.describe()}')
        os.remove(project)


@test
def test_check_quick_and_listing_limit():
    project = sound_project()
    eq(ok('check', project, '--quick').out, b'ok\n', 'quick check of a sound project')
    # 150 codings beyond the text: the first 100 are listed, then one line
    # says there are more (a damaged project can have a million)
    corrupt(project,
            'WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)'
            ' INSERT INTO coding (uuid, document, code, start, end, coder, created)'
            " SELECT 'bad-' || i, document, code, 0, 999999 + i, coder, created FROM n, coding"
            " WHERE coding.uuid NOT LIKE 'bad-%'")
    for args in ([], ['--quick']):
        result = cli('check', project, *args)
        lines = result.out.decode('utf-8').splitlines()
        true(result.code == 1, f'check {args} fails\n{result.describe()}')
        eq(len(lines), 101, f'check {args}: 100 rows and one more line')
        true(all(line.startswith('coding outside its document') for line in lines),
             f'check {args} lists the codings\n{result.describe()}')
        true(lines[-1].endswith('more not listed'), f'check {args} says there are more\n{result.describe()}')


@test
def test_check_compares_indexes_with_tables():
    # An index entry that no longer matches its row (one character of a
    # uuid in the coding_code index, the b-tree order intact): the full
    # check finds it, as SQLite's integrity_check does; --quick does not
    # look (it is quick_check's promise, documented).
    project = sound_project()
    connection = sqlite3.connect(project)
    root = connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'coding_code'").fetchone()[0]
    size = connection.execute('PRAGMA page_size').fetchone()[0]
    uuid = connection.execute('SELECT uuid FROM coding ORDER BY id LIMIT 1').fetchone()[0]
    connection.close()
    true(not os.path.exists(project + '-wal') or os.path.getsize(project + '-wal') == 0, 'checkpointed')
    with open(project, 'r+b') as f:
        f.seek((root - 1) * size)
        page = bytearray(f.read(size))
        at = page.find(uuid.encode('ascii'))
        true(at >= 0, 'the uuid is in the index page')
        page[at] = ord('0') if page[at] != ord('0') else ord('1')
        f.seek((root - 1) * size)
        f.write(page)
    result = cli('check', project)
    eq(result.code, 1, f'check finds the index that does not match\n{result.describe()}')
    eq(result.out.decode('utf-8'), 'integrity: index coding_code does not match its table coding (1 entries, 1 rows)\n',
       'the problem named')
    eq(ok('check', project, '--quick').out, b'ok\n', 'quick_check does not compare indexes with tables')


@test
def test_check_finds_a_unique_key_twice():
    # Two coders given the same name in the table and in its UNIQUE index
    # alike (each b-tree still in order and matching the other): only the
    # uniqueness check can tell.
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9', '--coder', 'dupe-coder-x')
    ok('apply', project, 'interview-ma07', 'A', '10', '19', '--coder', 'dupe-coder-y')
    connection = sqlite3.connect(project)
    size = connection.execute('PRAGMA page_size').fetchone()[0]
    pages = [connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'coder'").fetchone()[0]]
    for (name,) in connection.execute("SELECT name FROM pragma_index_list('coder')").fetchall():
        if [r[0] for r in connection.execute('SELECT name FROM pragma_index_info(?)', (name,))] == ['name']:
            pages.append(connection.execute('SELECT rootpage FROM sqlite_schema WHERE name = ?', (name,)).fetchone()[0])
    connection.close()
    eq(len(pages), 2, 'the coder table and its name index')
    with open(project, 'r+b') as f:
        for root in pages:
            f.seek((root - 1) * size)
            page = bytearray(f.read(size))
            at = page.find(b'dupe-coder-y')
            true(at >= 0, 'the name is in the page')
            page[at + len('dupe-coder-')] = ord('x')
            f.seek((root - 1) * size)
            f.write(page)
    result = cli('check', project)
    eq(result.code, 1, f'check finds the key twice\n{result.describe()}')
    true(re.match(r'integrity: UNIQUE index sqlite_autoindex_coder_\d of coder holds a key twice: row \d+\n$',
                  result.out.decode('utf-8')), f'the problem named\n{result.describe()}')


@test
def test_check_of_a_damaged_file():
    project = sound_project()
    size = os.path.getsize(project)
    # garbage over the middle half of the file: a few bytes could fall in a
    # page's unused space, which no checker can (or needs to) notice
    with open(project, 'r+b') as f:
        f.seek(size // 4)
        f.write(b'\xde\xad\xbe\xef' * (size // 8))
    for args in ([], ['--quick']):
        result = cli('check', project, *args)
        true(result.code == 1 and (result.out + result.err).strip() != b'' and result.out != b'ok\n',
             f'check {args} of a damaged file\n{result.describe()}')


# ============================================================ undo and redo

def need_undo():
    true(re.search(r'^\s*undo\b', features(), re.M), '--help lists undo')


@test
def test_undo_and_redo():
    need_undo()
    project = project_with(MA07)
    empty = data_tables(dump(project))
    ok('code', 'add', project, 'A')
    with_code = data_tables(dump(project))
    ok('apply', project, 'interview-ma07', 'A', '0', '9', '--coder', 'undoer')
    applied = data_tables(dump(project))
    label = ok('undo', project)
    true(label.stdout.strip() != '' and label.stdout.endswith('\n'),
         f'undo prints the label of the undone step\n{label.describe()}')
    eq(data_tables(dump(project)), with_code, 'undo restores the state before the apply')
    ok('undo', project)
    eq(data_tables(dump(project)), empty, 'a second undo removes the code')
    ok('redo', project)
    eq(data_tables(dump(project)), with_code, 'redo adds the code again')
    ok('redo', project)
    eq(data_tables(dump(project)), applied, 'redo applies again')
    eq(ok('check', project).out, b'ok\n', 'check after undo and redo')
    fails('redo', project, project=project)


@test
def test_undo_errors_and_history():
    need_undo()
    project = new_project()
    fails('undo', project, project=project)
    fails('redo', project, project=project)
    ok('code', 'add', project, 'A')
    ok('undo', project)
    ok('code', 'add', project, 'B')
    fails('redo', project, project=project)
    eq(code_paths(project), ['B'], 'a new action drops the redo history')


@test
def test_undo_a_whole_batch():
    need_undo()
    project = batch_fixture()
    before = data_tables(dump(project))
    write('batch.tsv', 'interview-ma07\t0\t9\tExisting\n'
                       'interview-ma07\t10\t14\tNew / Sub\n'
                       'mag-session-2-fr\t0\t7\tNew\n')
    ok('apply', project, '--batch', 'batch.tsv')
    ok('undo', project)
    eq(data_tables(dump(project)), before, 'one undo takes back the whole batch')


@test
def test_undo_after_failed_command_undoes_the_previous_action():
    need_undo()
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    fails('code', 'add', project, 'A', project=project)
    ok('undo', project)
    eq(code_paths(project), [], 'the failed command left no step in the history')


@test
def test_no_wal_left_behind():
    # Every command closes the project, so SQLite checkpoints the WAL and
    # removes it: a project is one file again as soon as the CLI exits,
    # after a success and after a failure alike.
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    ok('apply', project, 'interview-ma07', 'A', '0', '9')
    eq(sorted(os.listdir('.')), [project], 'files after successful commands')
    fails('apply', project, 'interview-ma07', 'A', '9', '2')
    fails('code', 'add', project, 'A')
    cli('check', project)
    eq(sorted(os.listdir('.')), [project], 'files after failed commands')


# ============================================================ help and usage

COMMANDS = [
    ['new'], ['import'], ['docs'], ['text'], ['doc', 'rename'], ['doc', 'delete'],
    ['code', 'add'], ['code', 'import'], ['code', 'rename'], ['code', 'move'],
    ['code', 'merge'], ['code', 'delete'], ['codes'], ['apply'], ['unapply'],
    ['retrieve'], ['export'], ['check'], ['code', 'color'], ['code', 'describe'],
    ['undo'], ['redo'], ['search'],
]


@test
def test_help_lists_every_command():
    result = ok('--help')
    for command in COMMANDS:
        true(' '.join(command) in result.stdout, f'--help mentions {" ".join(command)!r}')
    eq(result.err, b'', 'nothing on stderr')


@test
def test_every_command_has_help():
    for command in COMMANDS:
        result = ok(*command, '--help')
        true(result.stdout.strip() != '' and ' '.join(command) in result.stdout,
             f'usage of {" ".join(command)!r} on stdout\n{result.describe()}')
        eq(result.err, b'', f'{" ".join(command)} --help: nothing on stderr')
    for option in ('--only', '--format'):
        true(option in ok('retrieve', '--help').stdout, f'retrieve --help names {option}')
    for option in ('--quote', '--occurrence', '--coder', '--batch', '--commit-each'):
        true(option in ok('apply', '--help').stdout, f'apply --help names {option}')


@test
def test_usage_errors():
    project = project_with(MA07)
    ok('code', 'add', project, 'A')
    bare = cli()
    true(bare.code == 2 and bare.out == b'' and 'new PROJECT' in bare.stderr,
         f'without a command: the usage on stderr, exit 2\n{bare.describe()}')
    usage_error('frobnicate', project)
    usage_error('code', 'frobnicate', project)
    usage_error('doc', 'frobnicate', project)
    usage_error('code', project=project)
    usage_error('doc', project=project)
    for args in (['new'], ['new', 'a.codeboom', 'b.codeboom'], ['import', project],
                 ['docs'], ['docs', project, 'extra'], ['text', project],
                 ['doc', 'rename', project, 'interview-ma07'], ['doc', 'delete', project],
                 ['code', 'add', project], ['code', 'import', project],
                 ['code', 'rename', project, 'A'], ['code', 'move', project, 'A'],
                 ['code', 'merge', project, 'A'], ['code', 'delete', project],
                 ['codes'], ['apply', project, 'interview-ma07', 'A'],
                 ['unapply', project, 'interview-ma07', 'A', '0'], ['retrieve', project],
                 ['export', project, '--codebook'], ['check'], ['docs', project, '--bogus'],
                 ['code', 'add', project, 'X', '--color']):
        usage_error(*args, project=project)
    true(not os.path.exists('a.codeboom'), 'no project from a usage error')


# ============================================================ whole workflow

@test
def test_failed_commands_leave_the_project_unchanged():
    # One project, every kind of failure in a row: the dump and `check` must
    # not move at all (fails() compares them around each command).
    project = project_with(MA07, HMA02)
    ok('code', 'import', project, corpus(CODEBOOK))
    ok('apply', project, 'interview-ma07', 'Red Tape', '0', '9')
    write('bin.txt', b'\x00\x01\x02')
    failing = [
        ['import', project, 'bin.txt'],
        ['import', project, corpus(MA07)],
        ['doc', 'rename', project, 'interview-ma07', 'interview-hma02-cp1252-crlf'],
        ['doc', 'delete', project, 'missing'],
        ['code', 'add', project, 'Red Tape'],
        ['code', 'rename', project, 'Red Tape', 'Reorganisatie 2014'],
        ['code', 'move', project, 'Red Tape', 'Red Tape / Dimensies'],
        ['code', 'merge', project, 'Red Tape', 'Red Tape / Dimensies / Hoge nalevingslast'],
        ['code', 'delete', project, 'Red Tape / Missing'],
        ['apply', project, 'interview-ma07', 'Red Tape', '9', '2'],
        ['unapply', project, 'interview-ma07', 'Red Tape', '0', '8'],
        ['export', project, '--quotes', 'q.xml', '--code', 'Missing'],
    ]
    for args in failing:
        fails(*args, project=project)
    eq(ok('check', project).out, b'ok\n', 'check at the end')


@test
def test_whole_workflow_on_the_corpus():
    project = project_with(MA07, HMA02, MAG)
    ok('code', 'import', project, corpus(CODEBOOK))
    ma07 = stored(read_corpus_text(MA07))
    hma02 = stored(read(corpus(HMA02)).decode('cp1252'))
    quote = 'Dat is "Red Tape" in de zuiverste vorm'
    ok('apply', project, 'interview-hma02-cp1252-crlf', 'Red Tape / Dimensies / Hoge nalevingslast',
       '--quote', quote)
    ok('apply', project, 'interview-ma07', 'Generalistisch werken / 1 cliënt = 1 MA',
       '--quote', 'één cliënt, één maatschappelijk assistent')
    write('batch.tsv', ''.join(f'interview-ma07\t{at}\t{at + 25}\tMA mentions\n'
                               for at in occurrences(ma07, 'maatschappelijk assistent')))
    ok('apply', project, '--batch', 'batch.tsv')
    at = hma02.index(quote)
    eq(retrieve(project, 'Red Tape'),
       [('interview-hma02-cp1252-crlf', at, at + len(quote),
         'Red Tape / Dimensies / Hoge nalevingslast', quote)], 'retrieve Red Tape')
    listing = docs(project)
    eq(listing['interview-ma07'], (len(ma07), 1 + len(occurrences(ma07, 'maatschappelijk assistent'))),
       'codings of MA07')
    eq(listing['interview-hma02-cp1252-crlf'], (len(hma02), 1), 'codings of HMA02')
    eq(listing['mag-session-2-fr'], (len(stored(read_corpus_text(MAG))), 0), 'codings of MAG')
    paths = code_paths(project)
    eq(len(paths), 81, 'codebook plus the batch\'s new code')
    eq(paths[-1], 'MA mentions', 'the new code comes last')
    eq(ok('check', project).out, b'ok\n', 'check')
    ok('export', project, '--codebook', 'book.qdc')
    ok('export', project, '--quotes', 'quotes.xml')
    eq(len(list(flatten(qdc_tree('book.qdc')))), 81, 'codes in the .qdc')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
