#!/usr/bin/env python3
# test_analysis_cases.py: the analysis by case and by attribute value, and
# --where, against an independent computation in Python
#
# Two projects: the Red Tape case (three corpus interviews, each a
# respondent of tests/data/corpus/respondents-redtape.csv, the codebook
# imported and the documents coded at generated spans, one case also
# covering a span of another interview) and the small workload of
# test_analysis.py with 50 cases of 1 to 3 spans each (overlapping, some
# codings in several cases, some in none) and 4 attributes (number, choice,
# date, boolean; some values missing).  The expected counts are computed
# here from what was put in: a coding belongs to every case with a span of
# coverage that overlaps it (start < end of the other, both ways); a cell
# holds the distinct spans of its row's codings in its column; characters
# are the length of their union; cases the distinct cases counted in the
# column.  --where keeps the codings that belong to a passing case, and the
# sums of the filtered matrix are compared with retrieve --where.
#
# Run by meson (suite 'cli') like test_analysis.py, whose helpers it uses.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import os
import random
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_analysis as A  # noqa: E402
from test_analysis import SEP, eq, fails, ok, table, unescape, within  # noqa: E402

CORPUS = os.path.join(A.SOURCE_ROOT, 'tests', 'data', 'corpus')
TESTS = []
NO_CASE = '(no case)'
NO_VALUE = '(no value)'


def test(fn):
    TESTS.append(fn)
    return fn


class Project:
    """What was put into a project, for the independent side."""

    def __init__(self):
        self.path = None
        self.cases = []          # every case, covering something or not
        self.codes = []          # code paths, tree order
        self.codings = []        # (doc, start, end, path)
        self.coverage = {}       # case -> [(doc, start, end)]; end None: the whole document
        self.values = {}         # attribute -> {case: canonical value}
        self.order = {}          # attribute -> its values in column order
        self.choices = {}        # attribute -> its choice list


RT = Project()
WL = Project()


# ------------------------------------------------------- the independent side

def belongs(p, coding, cases=None):
    d, s, e, _ = coding
    out = set()
    for case, spans in p.coverage.items():
        if cases is not None and case not in cases:
            continue
        for cd, cs, ce in spans:
            if cd == d and (ce is None or (cs < e and ce > s)):
                out.add(case)
                break
    return out


def entries(p, coding, columns, cases):
    """[(column, cases counted there)] for one coding (@cases: its cases)."""
    if columns == 'documents':
        return [(coding[0], cases)]
    if columns == 'cases':
        return [(k, {k}) for k in cases] or [(NO_CASE, set())]
    attribute = columns.split(':', 1)[1]
    by_value = {}
    for k in cases:
        by_value.setdefault(p.values[attribute].get(k, NO_VALUE), set()).add(k)
    return list(by_value.items()) or [(NO_VALUE, set())]


def union_length(spans):
    total, last = 0, None
    for d, s, e in sorted(spans):
        if last and last[0] == d and s <= last[2]:
            if e > last[2]:
                total += e - last[2]
                last[2] = e
        else:
            total += e - s
            last = [d, s, e]
    return total


def expected(p, rows, columns, kind, passing=None, only=False):
    """{row: {column: count}} (cells that hold nothing are left out)."""
    cells = {}
    for coding in p.codings:
        cases = belongs(p, coding, passing)
        if passing is not None and not cases:
            continue
        for row in rows:
            if not (coding[3] == row if only else within(coding[3], row)):
                continue
            for column, counted in entries(p, coding, columns, cases):
                cell = cells.setdefault((row, column), (set(), set()))
                cell[0].add(coding[:3])
                cell[1].update(counted)
    out = {}
    for (row, column), (spans, cases) in cells.items():
        value = {'codings': len(spans), 'documents': len({d for d, _, _ in spans}),
                 'cases': len(cases), 'characters': union_length(spans)}[kind]
        out.setdefault(row, {})[column] = value
    return out


def expected_columns(p, columns, passing=None):
    """Cases by name; an attribute's choices or no/yes whole, other values
    as the (passing) cases hold them."""
    if columns == 'cases':
        return sorted(k for k in p.cases if passing is None or k in passing) + [NO_CASE]
    name = columns.split(':', 1)[1]
    order = p.order[name]
    if order not in (['no', 'yes'], p.choices.get(name)):
        held = {v for k, v in p.values[name].items() if passing is None or k in passing}
        order = [v for v in order if v in held]
    return order + [NO_VALUE]


def check_matrix(p, columns, kind, where=(), passing=None, rows=None):
    args = [a for w in where for a in ('--where', w)]
    got_columns, order, got = table(ok('matrix', p.path, '--columns', columns, '--count', kind, *args))
    rows = rows or [c for c in p.codes if SEP not in c]
    eq(order, rows, f'rows of {columns}')
    if columns != 'documents':
        eq(got_columns, expected_columns(p, columns, passing), f'columns of {columns}')
    want = expected(p, rows, columns, kind, passing)
    for row in rows:
        for column in got_columns:
            eq(got[row][column], want.get(row, {}).get(column, 0), f'{kind} {row} × {column} ({columns} {where})')
    return got


def passing_cases(p, *where):
    return {line.split('\t')[0] for line in ok('cases', p.path, *[a for w in where for a in ('--where', w)]).splitlines()}


# ------------------------------------------------------------- the projects

def red_tape_values():
    """The sheet read here: ja/nee as yes/no, d/m/yyyy as ISO dates."""
    with open(os.path.join(CORPUS, 'respondents-redtape.csv'), encoding='cp1252', newline='') as f:
        sheet = list(csv.reader(f, delimiter=';'))
    values = {name: {} for name in sheet[0][1:]}
    for line in sheet[1:]:
        case = 'Respondent 9' if line[0] == 'MA09' else line[0]
        for name, value in zip(sheet[0][1:], line[1:]):
            if value == '':
                continue
            if name == 'reorganisatie_2014':
                value = {'ja': 'yes', 'nee': 'no'}[value]
            elif name == 'interviewdatum':
                day, month, year = value.split('/')
                value = f'{year}-{int(month):02d}-{int(day):02d}'
            values[name][case] = value
    return values


def set_up_red_tape(directory):
    p = RT
    p.path = os.path.join(directory, 'redtape.codeboom')
    documents = [('interview-ma07.txt', 'MA07'), ('interview-hma02-cp1252-crlf.txt', 'HMA02'),
                 ('mag-session-2-fr.txt', 'Respondent 9')]
    ok('new', p.path)
    for file, name in documents:
        ok('import', p.path, os.path.join(CORPUS, file), '--name', name)
    ok('attributes', 'import', p.path, os.path.join(CORPUS, 'respondents-redtape.csv'))
    ok('case', 'rename', p.path, 'MA09', 'Respondent 9')
    ok('code', 'import', p.path, os.path.join(CORPUS, 'codebook-redtape.tsv'))
    p.codes = [unescape(line.split('\t')[0]) for line in ok('codes', p.path).splitlines()]
    for _, name in documents:
        ok('case', 'assign', p.path, name, name)
        p.coverage[name] = [(name, 0, None)]
    # a second respondent quoted inside MA07, and MA07 inside HMA02
    lengths = {name: len(ok('text', p.path, name)) for _, name in documents}
    ok('case', 'assign', p.path, 'HMA03', 'MA07', '2000', '4000')
    p.coverage['HMA03'] = [('MA07', 2000, 4000)]
    ok('case', 'assign', p.path, 'MA07', 'HMA02', '300', '900')
    p.coverage['MA07'].append(('HMA02', 300, 900))

    rng = random.Random(16)
    leaves = p.codes
    with open(os.path.join(directory, 'redtape-codings.tsv'), 'w', encoding='utf-8') as f:
        for _, name in documents:
            for _ in range(60):
                start = rng.randrange(0, lengths[name] - 10)
                end = min(lengths[name], start + rng.randrange(5, 400))
                code = rng.choice(leaves)
                p.codings.append((name, start, end, code))
                f.write(f'{name}\t{start}\t{end}\t{code}\n')
    ok('apply', p.path, '--batch', os.path.join(directory, 'redtape-codings.tsv'))
    p.values = red_tape_values()
    p.cases = sorted({k for by_case in p.values.values() for k in by_case} | set(p.coverage))
    for name, by_case in p.values.items():
        held = set(by_case.values())
        p.order[name] = (['no', 'yes'] if name == 'reorganisatie_2014' else sorted(held))


def set_up_workload_cases(directory):
    """The small workload with 50 cases of spans and 4 attributes."""
    p = WL
    p.path = os.path.join(directory, 'cases.codeboom')
    with open(A.W.project, 'rb') as src, open(p.path, 'wb') as dst:
        dst.write(src.read())
    if os.path.exists(A.W.project + '-wal'):
        with open(A.W.project + '-wal', 'rb') as src, open(p.path + '-wal', 'wb') as dst:
            dst.write(src.read())
    p.codes = list(A.W.codes)
    p.codings = list(A.W.codings)
    rng = random.Random(1516)
    regions = ['Noord', 'Oost', 'Zuid', 'West']
    ok('attribute', 'add', p.path, 'regio', '--type', 'choice', '--values', ','.join(regions))
    sheet = os.path.join(directory, 'sheet.csv')
    p.values = {'leeftijd': {}, 'regio': {}, 'gestart': {}, 'senior': {}}
    with open(sheet, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['case', 'leeftijd', 'regio', 'gestart', 'senior'])
        for i in range(50):
            case = f'R{i:02d}'
            age = rng.choice(['', 19, 23.5, 31, 40, 40, 57, 102])
            region = rng.choice(['', 'Noord', 'Zuid', 'West'])      # Oost: a choice no case holds
            date = rng.choice(['', '2024-01-05', '2023-12-31', '2024-02-29', '2024-10-01'])
            senior = rng.choice(['', 'ja', 'nee'])
            w.writerow([case, age, region, date, senior])
            for name, value in (('leeftijd', age), ('regio', region), ('gestart', date)):
                if value != '':
                    p.values[name][case] = str(value)
            if senior:
                p.values['senior'][case] = {'ja': 'yes', 'nee': 'no'}[senior]
    ok('attributes', 'import', p.path, sheet)
    p.cases = [f'R{i:02d}' for i in range(50)]
    p.choices = {'regio': regions}
    p.order = {
        'leeftijd': [v for v in sorted(set(p.values['leeftijd'].values()), key=float)],
        'regio': regions,
        'gestart': sorted(set(p.values['gestart'].values())),
        'senior': ['no', 'yes'],
    }
    docs = sorted(A.W.texts)
    for i in range(50):
        case = f'R{i:02d}'
        p.coverage[case] = []
        for _ in range(rng.randrange(1, 4)):
            doc = rng.choice(docs)
            n = len(A.W.texts[doc])
            start = rng.randrange(0, n - 50)
            end = min(n, start + rng.randrange(20, n // 8))
            ok('case', 'assign', p.path, case, doc, str(start), str(end))
            p.coverage[case].append((doc, start, end))
        if i == 7:
            ok('case', 'assign', p.path, case, docs[0])
            p.coverage[case].append((docs[0], 0, None))


# ------------------------------------------------------------------- tests

@test
def test_red_tape_by_case_and_attribute():
    for columns in ('cases', 'attribute:reorganisatie_2014', 'attribute:team', 'attribute:interviewdatum'):
        for kind in ('codings', 'documents', 'cases', 'characters'):
            check_matrix(RT, columns, kind)
    # codings of a row may sit in several cases: MA07 holds a span of HMA02
    got = check_matrix(RT, 'cases', 'codings')
    assert any(got[r]['MA07'] > 0 for r in got), got
    check_matrix(RT, 'documents', 'cases')


@test
def test_red_tape_where_narrows_as_retrieve_does():
    for where in (['reorganisatie_2014=ja'], ['reorganisatie_2014=nee'], ['team=Noord'],
                  ['interviewdatum<2024-03-20'], ['case=HMA03']):
        passing = passing_cases(RT, *where)
        for columns in ('documents', 'cases', 'attribute:team'):
            check_matrix(RT, columns, 'codings', where, passing)
        check_matrix(RT, 'documents', 'cases', where, passing)
        # the sums: a row's codings per document add up to retrieve --where's segments
        args = [a for w in where for a in ('--where', w)]
        _, order, got = table(ok('matrix', RT.path, '--columns', 'documents', *args))
        for row in order:
            segments = {tuple(line.split('\t')[:3]) for line in
                        ok('retrieve', RT.path, row, '--format', 'tsv', *args).splitlines()}
            eq(sum(got[row].values()), len(segments), f'{row} with {where}')


@test
def test_workload_fifty_cases():
    for columns in ('cases', 'attribute:leeftijd', 'attribute:regio', 'attribute:gestart', 'attribute:senior'):
        for kind in ('codings', 'cases', 'characters'):
            check_matrix(WL, columns, kind)
    check_matrix(WL, 'attribute:regio', 'documents')
    check_matrix(WL, 'documents', 'cases')
    # given rows, each alone
    subs = [c for c in WL.codes if c.count(SEP) == 1][:4]
    _, order, got = table(ok('matrix', WL.path, '--rows', *subs, '--only', '--columns', 'attribute:senior'))
    eq(order, subs)
    want = expected(WL, subs, 'attribute:senior', 'codings', only=True)
    for row in subs:
        for column in WL.order['senior'] + [NO_VALUE]:
            eq(got[row][column], want.get(row, {}).get(column, 0), f'only {row} × {column}')


@test
def test_workload_where_and_sums():
    for where in (['leeftijd>30'], ['regio=Zuid', 'senior=ja'], ['gestart<2024-01-01'], ['regio!=Noord'],
                  ['case~R1']):
        passing = passing_cases(WL, *where)
        for columns in ('documents', 'cases', 'attribute:regio'):
            check_matrix(WL, columns, 'codings', where, passing)
        check_matrix(WL, 'attribute:leeftijd', 'cases', where, passing)
        args = [a for w in where for a in ('--where', w)]
        _, order, got = table(ok('matrix', WL.path, '--columns', 'documents', *args))
        for row in order:
            segments = {tuple(line.split('\t')[:3]) for line in
                        ok('retrieve', WL.path, row, '--format', 'tsv', *args).splitlines()}
            eq(sum(got[row].values()), len(segments), f'{row} with {where}')
        # frequencies and co-occurrence take the same filter
        _, freq_order, freq = table(ok('frequencies', WL.path, *args))
        want = expected(WL, WL.codes, 'documents', 'codings', passing)
        for code in freq_order:
            eq(freq[code]['codings'], sum(want.get(code, {}).values()), f'frequencies {code} {where}')
        want = expected(WL, WL.codes, 'documents', 'codings', passing, only=True)
        _, co_order, co = table(ok('cooccurrence', WL.path, *args))
        for code in co_order:
            eq(co[code][code], sum(want.get(code, {}).values()), f'co-occurrence diagonal {code} {where}')


@test
def test_frequencies_by_cases_and_attribute():
    for by in ('cases', 'attribute:regio'):
        columns, order, got = table(ok('frequencies', WL.path, '--by', by))
        eq(columns, expected_columns(WL, by))
        eq(order, WL.codes)
        want = expected(WL, WL.codes, by, 'codings')
        for code in WL.codes:
            for column in columns:
                eq(got[code][column], want.get(code, {}).get(column, 0), f'frequencies {code} × {column}')
    _, _, got = table(ok('frequencies', WL.path, '--by', 'attribute:senior', '--count', 'cases'))
    want = expected(WL, WL.codes, 'attribute:senior', 'cases')
    for code in WL.codes:
        for column in WL.order['senior'] + [NO_VALUE]:
            eq(got[code][column], want.get(code, {}).get(column, 0), f'frequencies cases {code} × {column}')


@test
def test_cell_by_case_and_value():
    row = [c for c in RT.codes if SEP not in c][0]
    for columns, column in (('cases', 'MA07'), ('attribute:reorganisatie_2014', 'no'),
                            ('attribute:team', NO_VALUE), ('cases', NO_CASE)):
        out = ok('matrix', RT.path, '--columns', columns, '--cell', row, column)
        got = sorted((d, int(s), int(e), c) for d, s, e, c, _ in
                     ([unescape(f) for f in line.split('\t')] for line in out.splitlines()))
        want = []
        for coding in RT.codings:
            if not within(coding[3], row):
                continue
            if column in [k for k, _ in entries(RT, coding, columns, belongs(RT, coding))]:
                want.append(coding)
        eq(got, sorted(want), f'cell {row} × {column}')
    with_filter = ok('matrix', RT.path, '--columns', 'cases', '--cell', row, 'HMA02',
                     '--where', 'reorganisatie_2014=ja')
    assert with_filter == ok('matrix', RT.path, '--columns', 'cases', '--cell', row, 'HMA02')
    # a case the filter leaves out is no column
    fails(1, 'matrix', RT.path, '--columns', 'cases', '--cell', row, 'MA07', '--where', 'reorganisatie_2014=ja')


@test
def test_chart_per_case_and_value():
    for by in ('cases', 'attribute:senior'):
        ok('chart', WL.path, 'frequencies', '--by', by, '--output', 'c.svg', '--where', 'leeftijd>20')
        svg = open('c.svg', encoding='utf-8').read()
        assert svg.startswith('<?xml') and '<svg' in svg
        os.remove('c.svg')
    ok('chart', WL.path, 'matrix', '--columns', 'attribute:regio', '--output', 'm.pdf')
    assert open('m.pdf', 'rb').read(5) == b'%PDF-'


@test
def test_errors():
    fails(1, 'matrix', WL.path, '--columns', 'attribute:geslacht')
    fails(1, 'matrix', WL.path, '--columns', 'documents', '--where', 'geslacht=v')
    fails(1, 'matrix', WL.path, '--columns', 'documents', '--where', 'leeftijd=oud')
    fails(1, 'cooccurrence', WL.path, '--where', 'senior<ja')
    fails(1, 'frequencies', WL.path, '--where', 'nonsense')
    fails(1, 'chart', WL.path, 'frequencies', '--where', 'geslacht=v', '--output', 'x.svg')
    assert not os.path.exists('x.svg')


def main(argv):
    selected = [t for t in TESTS if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if A.CLI is None or not os.access(A.CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {fn.__name__} # CODEBOOM_CLI is not set: {A.CLI!r}')
        return 1
    failures = 0
    origin = os.getcwd()
    with tempfile.TemporaryDirectory(prefix='cb-analysis-cases-test-') as shared:
        os.chdir(shared)
        A.set_up_workload(shared)
        set_up_red_tape(shared)
        set_up_workload_cases(shared)
        os.chdir(origin)
        for number, fn in enumerate(selected, 1):
            name = fn.__name__.removeprefix('test_').replace('_', '-')
            with tempfile.TemporaryDirectory(prefix='t-', dir=shared) as directory:
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
