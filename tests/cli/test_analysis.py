#!/usr/bin/env python3
# test_analysis.py: codeboom-cli matrix, cooccurrence, frequencies and chart,
# against an independent computation in Python
#
# A small workload (make_workload.py --docs 3 --words 3000 --codings 300) is
# generated and imported once; each test works on its own copy.  Expected
# counts are computed here from the generator's codings.tsv and texts: spans
# per code with its descendants, deduplicated; characters as the length of
# the union of the spans; words as runs of word characters of the merged
# text (the workload's words hold letters and marks only, where ICU's word
# breaks and Python's \w agree); speakers from the paragraphs
# "Interviewer: …" / "Respondent: …"; co-occurrence by brute force over
# every pair of segments.  Hand-made projects check the small cases by eye.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR,
# CODEBOOM_SOURCE_ROOT, CODEBOOM_CODER=tester and LC_ALL=C.UTF-8; prints
# TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_analysis.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import html.parser
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
import zipfile

SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
CLI = os.environ.get('CODEBOOM_CLI')
MAKE_WORKLOAD = os.path.join(SOURCE_ROOT, 'tests', 'data', 'make_workload.py')
PREFIX = b'codeboom-cli: '
SEP = ' / '

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ---------------------------------------------------------- running the CLI

def cli(*args):
    env = dict(os.environ)
    env.setdefault('CODEBOOM_CODER', 'tester')
    env.setdefault('LC_ALL', 'C.UTF-8')
    env.pop('CODEBOOM_TIMING', None)
    done = subprocess.run([CLI] + [str(a) for a in args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return done.returncode, done.stdout, done.stderr


def ok(*args):
    code, out, err = cli(*args)
    assert code == 0, f'codeboom-cli {args!r}: exit {code}\n{err.decode("utf-8", "replace")}'
    return out.decode('utf-8')


def fails(expected_code, *args):
    code, out, err = cli(*args)
    assert code == expected_code, f'codeboom-cli {args!r}: exit {code}, expected {expected_code}\n{err!r}'
    assert err.startswith(PREFIX), f'error without the prefix: {err!r}'
    assert out == b'', f'output on failure: {out!r}'
    return err.decode('utf-8')


def unescape(field):
    out, i = [], 0
    while i < len(field):
        if field[i] == '\\':
            out.append({'t': '\t', 'n': '\n', '\\': '\\'}[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return ''.join(out)


def table(out):
    """{row: {column: value}} and the column order of a TSV table."""
    lines = out.rstrip('\n').split('\n')
    header = [unescape(f) for f in lines[0].split('\t')]
    assert header[0] == 'code', header
    rows = {}
    order = []
    for line in lines[1:]:
        fields = [unescape(f) for f in line.split('\t')]
        assert len(fields) == len(header), line
        rows[fields[0]] = {c: float(v) if '.' in v else int(v) for c, v in zip(header[1:], fields[1:])}
        order.append(fields[0])
    return header[1:], order, rows


def eq(actual, expected, what=''):
    assert actual == expected, f'{what}: {actual!r} != {expected!r}'


# ------------------------------------------------------- the independent side

class Workload:
    pass


W = Workload()


def set_up_workload(directory):
    out = os.path.join(directory, 'workload')
    subprocess.run([sys.executable, MAKE_WORKLOAD, out, '--docs', '3', '--words', '3000',
                    '--codings', '300'], check=True, stdout=subprocess.DEVNULL)
    W.files = sorted(os.path.join(out, 'docs', n) for n in os.listdir(os.path.join(out, 'docs')))
    W.texts = {}
    for path in W.files:
        with open(path, encoding='utf-8') as f:
            W.texts[os.path.basename(path)[:-4]] = f.read()
    with open(os.path.join(out, 'codes.tsv'), encoding='utf-8') as f:
        W.codes = [line.rstrip('\n') for line in f if line.strip()]
    W.codings = []
    with open(os.path.join(out, 'codings.tsv'), encoding='utf-8') as f:
        for line in f:
            d, s, e, p = line.rstrip('\n').split('\t')
            W.codings.append((d, int(s), int(e), p))
    W.project = os.path.join(directory, 'base.codeboom')
    ok('new', W.project)
    ok('import', W.project, *W.files)
    ok('code', 'import', W.project, os.path.join(out, 'codes.tsv'))
    ok('apply', W.project, '--batch', os.path.join(out, 'codings.tsv'))


def project_copy():
    shutil.copyfile(W.project, 'p.codeboom')
    if os.path.exists(W.project + '-wal'):
        shutil.copyfile(W.project + '-wal', 'p.codeboom-wal')
    return 'p.codeboom'


def within(path, row):
    return path == row or path.startswith(row + SEP)


def top_level():
    return [c for c in W.codes if SEP not in c]


def spans(row, doc=None, only=False, codings=None):
    """The distinct spans of @row's codings (in @doc)."""
    return sorted({(d, s, e) for d, s, e, p in (codings or W.codings)
                   if (p == row if only else within(p, row)) and (doc is None or d == doc)})


def union(spans_):
    merged = []
    for d, s, e in sorted(spans_):
        if merged and merged[-1][0] == d and s <= merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], e)
        else:
            merged.append([d, s, e])
    return merged


def count(kind, spans_):
    if kind == 'codings':
        return len(spans_)
    if kind == 'documents':
        return len({d for d, _, _ in spans_})
    if kind == 'characters':
        return sum(e - s for _, s, e in union(spans_))
    if kind == 'words':
        return sum(len(re.findall(r'\w+', W.texts[d][s:e])) for d, s, e in union(spans_))
    raise ValueError(kind)


def turns(doc):
    """(start, end, speaker) of each paragraph "Speaker: …"."""
    out = []
    for m in re.finditer(r'[^\n]+', W.texts[doc]):
        label = m.group(0).split(':', 1)[0]
        out.append((m.start(), m.end(), label))
    return out


def speaker_of(doc, s, e):
    for ts, te, who in turns(doc):
        if te > s:
            return who if ts < e else None
    return None


# ---------------------------------------------------------------- matrices

@test
def test_matrix_documents_with_descendants():
    p = project_copy()
    for kind in ('codings', 'documents', 'characters', 'words'):
        columns, order, rows = table(ok('matrix', p, '--columns', 'documents', '--count', kind))
        eq(columns, sorted(W.texts), 'columns')
        eq(order, top_level(), 'rows in tree order')
        for row in top_level():
            for doc in W.texts:
                eq(rows[row][doc], count(kind, spans(row, doc)), f'{kind} {row} × {doc}')


@test
def test_matrix_given_rows_and_only():
    p = project_copy()
    subs = [c for c in W.codes if c.count(SEP) == 1][:3]
    columns, order, rows = table(ok('matrix', p, '--rows', *subs, '--columns', 'documents'))
    eq(order, subs)
    for row in subs:
        for doc in W.texts:
            eq(rows[row][doc], len(spans(row, doc)), f'{row} × {doc}')
    _, _, rows = table(ok('matrix', p, '--rows', subs[0], '--only', '--columns', 'documents',
                          '--count', 'characters'))
    for doc in W.texts:
        eq(rows[subs[0]][doc], count('characters', spans(subs[0], doc, only=True)), f'only {doc}')


@test
def test_span_coded_twice_in_a_row_counts_once():
    p = project_copy()
    leaf = [c for c in W.codes if c.count(SEP) == 2][0]
    sibling = [c for c in W.codes if c.count(SEP) == 2][1]
    top = leaf.split(SEP)[0]
    doc = sorted(W.texts)[0]
    before = table(ok('matrix', p, '--rows', top, '--columns', 'documents'))[2][top][doc]
    # the same span with two codes of one row, and by a second coder
    ok('apply', p, doc, leaf, '5', '40')
    ok('apply', p, doc, sibling, '5', '40')
    ok('apply', p, '--coder', 'other', doc, leaf, '5', '40')
    after = table(ok('matrix', p, '--rows', top, '--columns', 'documents'))[2][top][doc]
    eq(after, before + 1 if (doc, 5, 40) not in spans(top, doc) else before, 'one span')
    # by coder the second coder's span counts in their column only
    columns, _, rows = table(ok('matrix', p, '--rows', top, '--columns', 'coders'))
    eq(columns, ['other', 'tester'])
    eq(rows[top]['other'], 1)


@test
def test_matrix_speakers():
    p = project_copy()
    columns, _, rows = table(ok('matrix', p, '--columns', 'speakers'))
    eq(columns, ['Interviewer', 'Respondent'])
    for row in top_level():
        for who in columns:
            expected = len([sp for sp in spans(row) if speaker_of(*sp) == who])
            eq(rows[row][who], expected, f'{row} × {who}')


@test
def test_percent():
    p = project_copy()
    _, _, counts = table(ok('matrix', p, '--columns', 'documents'))
    _, _, by_row = table(ok('matrix', p, '--columns', 'documents', '--percent', 'row'))
    _, _, by_column = table(ok('matrix', p, '--columns', 'documents', '--percent', 'column'))
    for row in top_level():
        total = sum(counts[row].values())
        for doc in W.texts:
            assert abs(by_row[row][doc] - round(100 * counts[row][doc] / total, 1)) < 0.051, (row, doc)
    for doc in W.texts:
        total = sum(counts[row][doc] for row in top_level())
        assert abs(sum(by_column[row][doc] for row in top_level()) - 100) < 0.5
        for row in top_level():
            assert abs(by_column[row][doc] - 100 * counts[row][doc] / total) < 0.051


@test
def test_cell_lists_the_codings_behind_it():
    p = project_copy()
    row = top_level()[2]
    doc = sorted(W.texts)[1]
    out = ok('matrix', p, '--columns', 'documents', '--cell', row, doc)
    lines = [[unescape(f) for f in line.split('\t')] for line in out.rstrip('\n').split('\n')]
    expected = sorted((d, s, e, c) for d, s, e, c in W.codings if d == doc and within(c, row))
    eq([(d, int(s), int(e), c) for d, s, e, c, _ in lines], expected, 'cell')
    for d, s, e, c, text in lines:
        eq(text, W.texts[d][int(s):int(e)], 'text')
    # the same codings as retrieve's TSV
    retrieved = [line for line in ok('retrieve', p, row, '--format', 'tsv').split('\n')
                 if line.startswith(doc + '\t')]
    eq(sorted(out.rstrip('\n').split('\n')), sorted(retrieved), 'like retrieve')
    fails(1, 'matrix', p, '--columns', 'documents', '--cell', row, 'no such document')
    fails(1, 'matrix', p, '--columns', 'documents', '--cell', 'No code', doc)


# ------------------------------------------------------- a real transcript

CORPUS_QUOTES = [
    ('Werk / Rol', 'ik ben eigenlijk het aanspreekpunt voor alles'),
    ('Werk / Rol', 'één cliënt, één maatschappelijk assistent'),
    ('Werk', 'het komt allemaal bij mij terecht'),
    ('Cliënten', 'Mensen die een job hebben maar het einde van de maand niet halen'),
    ('Cliënten / Armoede', 'het einde van de maand niet halen'),
    ('Cliënten', 'Kan je de cliënten waarmee je werkt eens beschrijven?'),
]


def paragraphs_with_speaker(text):
    """(start, end, speaker) per "[hh:mm:ss] X: …" paragraph, read here."""
    out = []
    for m in re.finditer(r'[^\n]+', text):
        label = re.match(r'\[[0-9:]+\] (\w+):', m.group(0))
        if label:
            out.append((m.start(), m.end(), label.group(1)))
    return out


@test
def test_corpus_transcript():
    path = os.path.join(SOURCE_ROOT, 'tests', 'data', 'corpus', 'interview-ma07.txt')
    ok('new', 'c.codeboom')
    ok('import', 'c.codeboom', path)
    text = ok('text', 'c.codeboom', 'interview-ma07')
    codings = []
    for code, quote in CORPUS_QUOTES:
        start, end = (int(v) for v in ok('apply', 'c.codeboom', 'interview-ma07', code, '--quote', quote).split())
        eq(text[start:end], quote, 'offsets in code points')
        codings.append(('interview-ma07', start, end, code))
    for kind in ('codings', 'characters', 'words'):
        _, _, rows = table(ok('matrix', 'c.codeboom', '--columns', 'documents', '--count', kind))
        for row in ('Werk', 'Cliënten'):
            mine = spans(row, codings=codings)
            if kind == 'words':
                expected = sum(len(re.findall(r"\w+(?:['’.]\w+)*", text[s:e])) for _, s, e in union(mine))
            elif kind == 'characters':
                expected = sum(e - s for _, s, e in union(mine))
            else:
                expected = len(mine)
            eq(rows[row]['interview-ma07'], expected, f'{kind} {row}')
    turns_ = paragraphs_with_speaker(text)
    columns, _, rows = table(ok('matrix', 'c.codeboom', '--columns', 'speakers'))
    eq(sorted(columns), ['I', 'R'])
    for row in ('Werk', 'Cliënten'):
        for who in columns:
            expected = 0
            for _, s, e in spans(row, codings=codings):
                first = next(t for t in turns_ if t[1] > s)
                expected += first[0] < e and first[2] == who
            eq(rows[row][who], expected, f'{row} × {who}')
    # the quotes of "Werk" and "Cliënten" do not overlap; "Armoede" lies inside "Cliënten"
    _, _, rows = table(ok('cooccurrence', 'c.codeboom'))
    eq(rows['Cliënten']['Cliënten / Armoede'], 1)
    eq(rows['Werk']['Cliënten'], 0)
    eq(rows['Werk / Rol']['Werk / Rol'], 2)


# ------------------------------------------------------------ co-occurrence

def pairs_expected(a, b, proximity=None, only=False):
    sa, sb = spans(a, only=only), spans(b, only=only)
    out = 0
    for d, s1, e1 in sa:
        for d2, s2, e2 in sb:
            if d != d2:
                continue
            if proximity is None:
                out += s1 < e2 and s2 < e1
            else:
                out += max(s1, s2) - min(e1, e2) <= proximity
    return out


@test
def test_cooccurrence_against_brute_force():
    p = project_copy()
    codes = top_level()
    for proximity in (None, 0, 50):
        args = ['cooccurrence', p, '--codes', *codes]
        if proximity is not None:
            args += ['--proximity', str(proximity)]
        columns, order, rows = table(ok(*args))
        eq(columns, codes)
        eq(order, codes)
        for a in codes:
            eq(rows[a][a], len(spans(a)), f'diagonal {a}')
            for b in codes:
                eq(rows[a][b], rows[b][a], 'symmetric')
                if a != b:
                    eq(rows[a][b], pairs_expected(a, b, proximity), f'{a} × {b} @ {proximity}')


@test
def test_cooccurrence_every_code_alone():
    p = project_copy()
    columns, order, rows = table(ok('cooccurrence', p))
    eq(order, W.codes)
    for a in W.codes[:12]:
        eq(rows[a][a], len(spans(a, only=True)))
        for b in W.codes[:12]:
            if a != b:
                eq(rows[a][b], pairs_expected(a, b, only=True), f'{a} × {b}')


@test
def test_cooccurrence_by_hand():
    # A [0,10), B [5,15) overlaps A, C [2,3) inside A, C [30,40) 15 after B
    with open('t.txt', 'w', encoding='utf-8') as f:
        f.write('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n')
    ok('new', 'h.codeboom')
    ok('import', 'h.codeboom', 't.txt')
    for code in 'ABC':
        ok('code', 'add', 'h.codeboom', code)
    ok('apply', 'h.codeboom', 't', 'A', '0', '10')
    ok('apply', 'h.codeboom', 't', 'B', '5', '15')
    ok('apply', 'h.codeboom', 't', 'C', '30', '40')
    ok('apply', 'h.codeboom', 't', 'C', '2', '3')
    _, _, rows = table(ok('cooccurrence', 'h.codeboom'))
    eq(rows, {'A': {'A': 1, 'B': 1, 'C': 1}, 'B': {'A': 1, 'B': 1, 'C': 0},
              'C': {'A': 1, 'B': 0, 'C': 2}})
    _, _, rows = table(ok('cooccurrence', 'h.codeboom', '--proximity', '15'))
    # B and C [2,3) are 2 apart, B and C [30,40) 15
    eq(rows['B']['C'], 2)
    eq(rows['A']['C'], 1)
    _, _, rows = table(ok('cooccurrence', 'h.codeboom', '--proximity', '14'))
    eq(rows['B']['C'], 1)
    _, _, rows = table(ok('cooccurrence', 'h.codeboom', '--count', 'documents'))
    eq(rows['A']['C'], 1)
    eq(rows['C']['C'], 1)
    out = ok('cooccurrence', 'h.codeboom', 'A', 'C')
    eq(out, 't\t0\t10\t2\t3\tabcdefghij\tc\n')
    out = ok('cooccurrence', 'h.codeboom', 'C', 'A', '--proximity', '20')
    eq(out, 't\t2\t3\t0\t10\tc\tabcdefghij\nt\t30\t40\t0\t10\tEFGHIJKLMN\tabcdefghij\n')


# -------------------------------------------------------------- frequencies

@test
def test_frequencies():
    p = project_copy()
    columns, order, rows = table(ok('frequencies', p))
    eq(columns, ['codings', 'documents', 'characters', 'words'])
    eq(order, W.codes, 'tree order')
    for code in W.codes:
        for kind in columns:
            eq(rows[code][kind], count(kind, spans(code)), f'{kind} {code}')
    columns, order, rows = table(ok('frequencies', p, '--by', 'documents', '--only'))
    for code in W.codes:
        for doc in W.texts:
            eq(rows[code][doc], len(spans(code, doc, only=True)), f'{code} × {doc}')


# ------------------------------------------------------------------ formats

@test
def test_csv_html_ods_carry_the_same_cells():
    p = project_copy()
    ok('code', 'add', p, 'Fish & <chips>, "quoted"')
    ok('apply', p, sorted(W.texts)[0], 'Fish & <chips>, "quoted"', '0', '12')
    columns, order, rows = table(ok('matrix', p, '--columns', 'documents'))

    got = list(csv.reader(io.StringIO(ok('matrix', p, '--columns', 'documents', '--format', 'csv'),
                                      newline='')))
    eq(got[0], ['code'] + columns)
    eq([r[0] for r in got[1:]], order)
    for r in got[1:]:
        eq([int(v) for v in r[1:]], [rows[r[0]][c] for c in columns], r[0])

    ok('matrix', p, '--columns', 'documents', '--output', 'm.html')
    with open('m.html', encoding='utf-8') as f:
        page = f.read()
    assert '<chips>' not in page and '&lt;chips&gt;' in page, 'escaped'

    class Cells(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.cell, self.styles = [], None, []

        def handle_starttag(self, tag, attrs):
            if tag == 'tr':
                self.rows.append([])
            elif tag in ('td', 'th'):
                self.cell = ''
                if tag == 'td':
                    self.styles.append(dict(attrs).get('style', ''))

        def handle_endtag(self, tag):
            if tag in ('td', 'th'):
                self.rows[-1].append(self.cell)
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Cells()
    parser.feed(page)
    eq(parser.rows[0], ['Code'] + columns)
    for r in parser.rows[1:]:
        eq([int(v) for v in r[1:]], [rows[r[0]][c] for c in columns], r[0])
    assert all('background:rgba(' in s for s in parser.styles), 'heat map'

    ok('matrix', p, '--columns', 'documents', '--output', 'm.ods')
    with open('m.ods', 'rb') as f:
        head = f.read(100)
    # ODF: the first member is "mimetype", stored, its text at offset 38
    assert head[30:38] == b'mimetype' and head[38:84].startswith(b'application/vnd.oasis.opendocument.spreadsheet'), head
    with zipfile.ZipFile('m.ods') as z:
        first = z.infolist()[0]
        eq(first.filename, 'mimetype')
        eq(first.compress_type, zipfile.ZIP_STORED)
        assert 'META-INF/manifest.xml' in z.namelist()
        content = ET.fromstring(z.read('content.xml'))
    ns = {'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
          'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
          'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'}
    sheet_rows = content.findall('.//table:table-row', ns)
    texts = [[''.join(c.itertext()) for c in r.findall('table:table-cell', ns)] for r in sheet_rows]
    eq(texts[1], ['code'] + columns)
    for r, cells in zip(texts[2:], sheet_rows[2:]):
        values = [c.get('{%s}value' % ns['office']) for c in cells.findall('table:table-cell', ns)[1:]]
        eq([int(v) for v in values], [rows[r[0]][c] for c in columns], r[0])
    # --format wins over the extension
    ok('matrix', p, '--columns', 'documents', '--format', 'csv', '--output', 'x.html')
    with open('x.html', encoding='utf-8') as f:
        assert f.read().startswith('code,'), 'csv'


@test
def test_charts():
    p = project_copy()
    for args in (['frequencies'], ['frequencies', '--by', 'documents'],
                 ['matrix', '--columns', 'speakers', '--count', 'words'],
                 ['cooccurrence', '--codes', *top_level()]):
        for ext in ('svg', 'png', 'pdf'):
            name = f'chart.{ext}'
            ok('chart', p, *args, '--output', name)
            with open(name, 'rb') as f:
                data = f.read()
            if ext == 'svg':
                root = ET.fromstring(data)
                eq(root.tag, '{http://www.w3.org/2000/svg}svg')
                assert float(root.get('width').rstrip('pt')) > 100
            elif ext == 'png':
                eq(data[:8], b'\x89PNG\r\n\x1a\n')
                width, height = struct.unpack('>II', data[16:24])
                assert width >= 400 and height >= 200, (width, height)
            else:
                assert data.startswith(b'%PDF-'), data[:8]
                assert data.rstrip().endswith(b'%%EOF')
    # the tree's 208-code bar chart is taller than the 8-code one
    ok('chart', p, 'frequencies', '--output', 'all.png')
    ok('chart', p, 'frequencies', '--only', '--by', 'coders', '--output', 'c.png')
    with open('all.png', 'rb') as f:
        eq(struct.unpack('>II', f.read(24)[16:24])[1] > 2 * 208 * 14, True, 'one bar per code')


# ------------------------------------------------------------------- errors

@test
def test_not_available_yet_and_usage():
    p = project_copy()
    # phases are there too (tests in test_mag.py): without any, every
    # coding is in "(no phase)" after the ten default phases
    columns, _, rows = table(ok('matrix', p, '--columns', 'phases'))
    eq(columns[-1], '(no phase)')
    eq(len(columns), 11)
    for row in top_level():
        eq(rows[row]['(no phase)'], len(spans(row)), row)
    # cases and attributes are there (tests in test_analysis_cases.py): a
    # project without cases has every coding in "(no case)"
    columns, _, rows = table(ok('matrix', p, '--columns', 'cases'))
    eq(columns, ['(no case)'])
    for row in top_level():
        eq(rows[row]['(no case)'], len(spans(row)), row)
    _, _, rows = table(ok('matrix', p, '--columns', 'documents', '--count', 'cases'))
    assert all(v == 0 for r in rows.values() for v in r.values()), rows
    err = fails(1, 'matrix', p, '--columns', 'attribute:Gender')
    assert 'Gender' in err, err
    err = fails(1, 'matrix', p, '--columns', 'documents', '--where', 'Gender = f')
    assert 'Gender' in err, err
    fails(2, 'matrix', p, '--columns', 'rooms')
    fails(2, 'matrix', p)
    fails(2, 'matrix', p, '--columns', 'documents', '--format', 'xls')
    fails(2, 'matrix', p, '--columns', 'documents', '--format', 'ods')
    fails(2, 'cooccurrence', p, '--proximity', '-3')
    fails(2, 'chart', p, 'frequencies', '--output', 'x.jpg')
    fails(2, 'chart', p, 'pie', '--output', 'x.svg')
    fails(1, 'matrix', p, '--rows', 'No such code', '--columns', 'documents')
    # a failed chart leaves no file behind
    assert not os.path.exists('x.svg')


def main(argv):
    selected = [t for t in TESTS if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {fn.__name__} # CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    failures = 0
    origin = os.getcwd()
    with tempfile.TemporaryDirectory(prefix='cb-analysis-test-') as shared:
        set_up_workload(shared)
        for number, fn in enumerate(selected, 1):
            name = fn.__name__.removeprefix('test_').replace('_', '-')
            with tempfile.TemporaryDirectory(prefix='cb-analysis-test-', dir=shared) as directory:
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


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
