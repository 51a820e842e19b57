#!/usr/bin/env python3
# test_agreement.py: codeboom-cli coders, coder rename and agreement, against
# an independent computation in Python
#
# The reference below counts literally: a set of character offsets per
# coder, code and document (no interval arithmetic), κ from the 2×2 table
# of those characters, α from Krippendorff's coincidence matrix built unit
# by unit (each character of each code × document a unit), segments paired
# by brute force over every pair.  It checks crafted projects (perfect
# agreement, none, chance level, one coder empty, emoji and combining
# marks) and a small workload (make_workload.py --docs 5) whose second and
# third coders are the first one's codings shifted, cut and dropped, stored
# with `apply --batch --coder`.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR,
# CODEBOOM_SOURCE_ROOT, CODEBOOM_CODER=tester and LC_ALL=C.UTF-8; prints
# TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_agreement.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import traceback

import clitest  # noqa: E402
from clitest import CLI, MAKE_WORKLOAD, cli, eq, fails, ok, unescape  # noqa: E402

SEP = ' / '

TESTS = []
test = clitest.collect(TESTS)


# ---------------------------------------------------------- the CLI's tables

def table(out):
    """(header, [row dicts]) of a TSV table."""
    lines = out.rstrip('\n').split('\n')
    header = lines[0].split('\t')
    rows = []
    for line in lines[1:]:
        fields = [unescape(f) for f in line.split('\t')]
        assert len(fields) == len(header), line
        rows.append(dict(zip(header, fields)))
    return header, rows


def keyed(rows):
    return {(r['code'], r.get('document')): r for r in rows}


def close(text, expected, digits, what=''):
    """A printed figure against the reference: equal to its last digit
    (one unit of slack for rounding at the edge)."""
    if expected is None:
        eq(text, '', what)
        return
    assert text != '', f'{what}: empty, expected {expected}'
    assert abs(float(text) - expected) <= 10 ** -digits * 0.5001 + 1e-12 or \
        abs(float(text) - round(expected, digits)) < 10 ** -digits, f'{what}: {text} != {expected}'


# ------------------------------------------------------- the independent side

def chars(spans):
    """Every character offset of @spans, one by one."""
    out = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def kappa(both, a_only, b_only, neither):
    n = both + a_only + b_only + neither
    if n == 0:
        return None
    p_o = (both + neither) / n
    p_a = (both + a_only) / n
    p_b = (both + b_only) / n
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    if p_e == 1:
        return 1.0
    return (p_o - p_e) / (1 - p_e)


def alpha_nominal(units):
    """Krippendorff's α from a list of units, each the list of values its
    coders gave (missing values left out)."""
    o = {}
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] = o.get((c, k), 0) + 1 / (m - 1)
    n_c = {}
    for (c, _), v in o.items():
        n_c[c] = n_c.get(c, 0) + v
    n = sum(n_c.values())
    if n == 0:
        return None
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if d_e == 0:
        return 1.0
    return 1 - (n - 1) * d_o / d_e


class Project:
    """What the reference knows of a project: texts and codings."""

    def __init__(self):
        self.texts = {}
        self.codings = []       # (coder, doc, start, end, code path)

    def spans(self, coder, code, doc, only=False):
        return [(s, e) for c, d, s, e, p in self.codings
                if c == coder and d == doc and (p == code if only else (p == code or p.startswith(code + SEP)))]

    def docs_in_scope(self, coders, docs=None):
        if docs:
            return sorted(docs)
        return sorted(d for d in self.texts if all(any(c == k and x == d for k, x, *_ in self.codings)
                                                   for c in coders))

    def used_codes(self, coders, docs, order):
        used = {p for c, d, s, e, p in self.codings if c in coders and d in docs}
        return [p for p in order if p in used]

    def characters(self, a, b, codes, docs, only=False, scope=None):
        """{(code, doc): (both, a_only, b_only, neither)} counted per character."""
        out = {}
        for code in codes:
            for doc in docs:
                universe = scope[doc] if scope else set(range(len(self.texts[doc])))
                ca = chars(self.spans(a, code, doc, only)) & universe
                cb = chars(self.spans(b, code, doc, only)) & universe
                out[(code, doc)] = (len(ca & cb), len(ca - cb), len(cb - ca), len(universe - ca - cb))
        return out

    def alpha(self, coders, codes, docs):
        """{code: α} and the pooled α, every character a unit of binary values."""
        per_code = {}
        pooled = []
        for code in codes:
            units = []
            for doc in docs:
                sets = [chars(self.spans(c, code, doc)) for c in coders]
                for x in range(len(self.texts[doc])):
                    units.append([1 if x in s else 0 for s in sets])
            per_code[code] = alpha_nominal(units)
            pooled.extend(units)
        return per_code, alpha_nominal(pooled)

    def segments(self, a, b, code, doc, percent=90):
        """(matched, a_unmatched, b_unmatched) by brute force over all pairs."""
        sa = sorted(set(self.spans(a, code, doc)))
        sb = sorted(set(self.spans(b, code, doc)))
        pairs = []
        for i, (s1, e1) in enumerate(sa):
            for j, (s2, e2) in enumerate(sb):
                overlap = min(e1, e2) - max(s1, s2)
                longer = max(e1 - s1, e2 - s2)
                if overlap > 0 and overlap * 100 >= percent * longer:
                    pairs.append((-overlap / longer, i, j))
        pairs.sort()
        ta, tb, matched = set(), set(), 0
        for _, i, j in pairs:
            if i not in ta and j not in tb:
                ta.add(i)
                tb.add(j)
                matched += 1
        return matched, len(sa) - matched, len(sb) - matched


def pooled(counts):
    return tuple(sum(c[i] for c in counts) for i in range(4))


def check_character_row(row, counts, what):
    both, a_only, b_only, neither = counts
    eq((int(row['both']), int(row['a_only']), int(row['b_only']), int(row['neither'])), counts, what)
    n = sum(counts)
    close(row['agreement'], 100 * (both + neither) / n if n else None, 2, what + ' agreement')
    close(row['kappa'], kappa(*counts), 4, what + ' kappa')


# ------------------------------------------------------- crafted projects

def crafted(text, codings, codes=('X', 'Y')):
    """A project of one document "doc" and @codings (coder, code, start, end)."""
    P = Project()
    P.texts['doc'] = text
    path = os.path.abspath('crafted.codeboom')
    if os.path.exists(path):
        os.remove(path)
    with open('doc.txt', 'w', encoding='utf-8') as f:
        f.write(text)
    ok('new', path)
    ok('import', path, 'doc.txt')
    for code in codes:
        ok('code', 'add', path, code)
    for coder, code, s, e in codings:
        ok('apply', path, '--coder', coder, 'doc', code, s, e)
        P.codings.append((coder, 'doc', s, e, code))
    return path, P


def check_crafted(path, P, a='A', b='B'):
    docs = P.docs_in_scope([a, b])
    codes = P.used_codes([a, b], docs, ['X', 'Y'])
    _, rows = table(ok('agreement', path, a, b))
    rows = keyed(rows)
    counts = P.characters(a, b, codes, docs)
    for code in codes:
        check_character_row(rows[(code, None)], pooled([counts[(code, d)] for d in docs]), code)
    check_character_row(rows[('(all codes)', None)], pooled(counts.values()), '(all codes)')
    eq(len(rows), len(codes) + 1, 'rows')
    return rows


@test
def test_perfect_agreement():
    path, P = crafted('Een twee drie vier vijf zes zeven acht.',
                      [('A', 'X', 0, 8), ('B', 'X', 0, 8), ('A', 'Y', 14, 24), ('B', 'Y', 14, 24)])
    rows = check_crafted(path, P)
    eq(rows[('X', None)]['kappa'], '1.0000')
    eq(rows[('X', None)]['agreement'], '100.00')


@test
def test_no_agreement():
    # each codes exactly what the other leaves: κ = −1
    path, P = crafted('abcdefghij', [('A', 'X', 0, 5), ('B', 'X', 5, 10)])
    rows = check_crafted(path, P)
    eq(rows[('X', None)]['kappa'], '-1.0000')
    eq(rows[('X', None)]['agreement'], '0.00')


@test
def test_chance_level():
    # independent halves: A codes the first half, B every other pair: κ = 0
    text = 'abcdefghijklmnop'
    codings = [('A', 'X', 0, 8)] + [('B', 'X', s, s + 2) for s in range(0, 16, 4)]
    path, P = crafted(text, codings)
    rows = check_crafted(path, P)
    eq(rows[('X', None)]['kappa'], '0.0000')
    eq(rows[('X', None)]['agreement'], '50.00')


@test
def test_one_coder_empty():
    # B coded the document, but never with X: X is A's alone
    path, P = crafted('abcdefghijklmnopqrst', [('A', 'X', 2, 9), ('B', 'Y', 0, 20), ('A', 'Y', 0, 20)])
    rows = check_crafted(path, P)
    eq(rows[('X', None)]['b_only'], '0')
    eq(rows[('Y', None)]['kappa'], '1.0000')   # both coded everything: p_e = 1


@test
def test_emoji_and_combining_marks():
    # 🙂 and 👍🏽 (two code points) are one unit per code point; q + U+0307
    # has no composed form, so it stays two
    text = '🙂q\u0307 café 👍🏽! Ünïcödé'
    codings = [('A', 'X', 0, 3), ('A', 'X', 9, 11), ('B', 'X', 2, 8), ('B', 'Y', 11, 15), ('A', 'Y', 12, 20)]
    path, P = crafted(text, codings)
    rows = check_crafted(path, P)
    eq(rows[('X', None)]['both'], '1')


@test
def test_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    # example A: binary data, two observers, ten units: α = 0.095
    path, P = crafted('abcdefghij', [('A', 'X', 1, 2), ('A', 'X', 8, 9), ('B', 'X', 0, 3), ('B', 'X', 5, 6)])
    header, rows = table(ok('agreement', path, '--coders', 'A,B', '--alpha'))
    eq(header, ['code', 'alpha', 'agreement', 'characters'])
    rows = keyed(rows)
    eq(rows[('X', None)]['alpha'], '0.0952')
    eq(rows[('X', None)]['characters'], '10')
    eq(rows[('X', None)]['agreement'], '60.00')
    per_code, _ = P.alpha(['A', 'B'], ['X'], ['doc'])
    close(rows[('X', None)]['alpha'], per_code['X'], 4, 'reference α')


@test
def test_segments_crafted():
    text = 'x' * 100
    codings = [('A', 'X', 0, 20), ('B', 'X', 0, 19), ('B', 'X', 1, 20),
               ('A', 'X', 40, 50), ('B', 'X', 42, 50), ('A', 'Y', 60, 70), ('B', 'X', 60, 70)]
    path, P = crafted(text, codings)
    for percent in (None, 80, 50):
        args = ['--overlap', percent] if percent else []
        header, rows = table(ok('agreement', path, 'A', 'B', '--unit', 'segment', *args))
        eq(header, ['code', 'agreement', 'kappa', 'matched', 'a_unmatched', 'b_unmatched'])
        rows = keyed(rows)
        total = [0, 0, 0]
        for code in ('X', 'Y'):
            m, ua, ub = P.segments('A', 'B', code, 'doc', percent or 90)
            row = rows[(code, None)]
            eq((int(row['matched']), int(row['a_unmatched']), int(row['b_unmatched'])), (m, ua, ub), f'{code} {percent}')
            close(row['agreement'], 100 * 2 * m / (2 * m + ua + ub), 2, code)
            eq(row['kappa'], '', 'no κ per code')
            total = [t + x for t, x in zip(total, (m, ua, ub))]
        p_o = 2 * total[0] / (2 * total[0] + total[1] + total[2])
        close(rows[('(all codes)', None)]['kappa'], (p_o - 1 / 2) / (1 - 1 / 2), 4, 'pooled κ')


# --------------------------------------------------------------- workload

class Workload:
    pass


W = Workload()


def shifted(codings, texts, seed, drop):
    """The codings moved by a few characters at either end, some dropped."""
    rng = random.Random(seed)
    out = []
    for d, s, e, p in codings:
        if rng.random() < drop:
            continue
        s2 = max(0, s + rng.randint(-6, 6))
        e2 = min(len(texts[d]), e + rng.randint(-6, 6))
        if e2 > s2:
            out.append((d, s2, e2, p))
    return out


def set_up_workload(directory):
    out = os.path.join(directory, 'workload')
    subprocess.run([sys.executable, MAKE_WORKLOAD, out, '--docs', '5', '--words', '1500',
                    '--codings', '400', '--astral'], check=True, stdout=subprocess.DEVNULL)
    files = sorted(os.path.join(out, 'docs', n) for n in os.listdir(os.path.join(out, 'docs')))
    P = Project()
    for path in files:
        with open(path, encoding='utf-8') as f:
            P.texts[os.path.basename(path)[:-4]] = f.read()
    with open(os.path.join(out, 'codes.tsv'), encoding='utf-8') as f:
        W.codes = [line.rstrip('\n') for line in f if line.strip()]
    first = []
    with open(os.path.join(out, 'codings.tsv'), encoding='utf-8') as f:
        for line in f:
            d, s, e, p = line.rstrip('\n').split('\t')
            first.append((d, int(s), int(e), p))
    W.project = os.path.join(directory, 'base.codeboom')
    ok('new', W.project)
    ok('import', W.project, *files)
    ok('code', 'import', W.project, os.path.join(out, 'codes.tsv'))
    # the documents must hold the generator's text exactly (offsets)
    for name, text in P.texts.items():
        assert '\r' not in text and text == text.lstrip('\ufeff')
    for coder, codings in (('first', first),
                           ('second', shifted(first, P.texts, 2, 0.1)),
                           ('third', shifted(first, P.texts, 3, 0.2))):
        batch = os.path.join(directory, coder + '.tsv')
        with open(batch, 'w', encoding='utf-8') as f:
            for d, s, e, p in codings:
                f.write(f'{d}\t{s}\t{e}\t{p}\n')
        ok('apply', W.project, '--coder', coder, '--batch', batch)
        P.codings.extend((coder, d, s, e, p) for d, s, e, p in codings)
    W.P = P


def project_copy():
    shutil.copyfile(W.project, 'p.codeboom')
    if os.path.exists(W.project + '-wal'):
        shutil.copyfile(W.project + '-wal', 'p.codeboom-wal')
    return 'p.codeboom'


@test
def test_workload_characters():
    P = W.P
    p = project_copy()
    docs = P.docs_in_scope(['first', 'second'])
    eq(docs, sorted(P.texts), 'every document coded by both')
    codes = P.used_codes(['first', 'second'], docs, W.codes)
    counts = P.characters('first', 'second', codes, docs)
    header, rows = table(ok('agreement', p, 'first', 'second'))
    eq(header, ['code', 'agreement', 'kappa', 'both', 'a_only', 'b_only', 'neither'])
    eq([r['code'] for r in rows], codes + ['(all codes)'], 'rows in tree order')
    rows = keyed(rows)
    for code in codes:
        check_character_row(rows[(code, None)], pooled([counts[(code, d)] for d in docs]), code)
    check_character_row(rows[('(all codes)', None)], pooled(counts.values()), '(all codes)')

    # by document
    header, rows = table(ok('agreement', p, 'first', 'second', '--by', 'document'))
    eq(header[:2], ['code', 'document'])
    rows = keyed(rows)
    for code in codes:
        for doc in docs:
            check_character_row(rows[(code, doc)], counts[(code, doc)], f'{code} × {doc}')
        check_character_row(rows[(code, '(all documents)')], pooled([counts[(code, d)] for d in docs]), code)
    for doc in docs:
        check_character_row(rows[('(all codes)', doc)], pooled([counts[(c, doc)] for c in codes]), doc)


@test
def test_workload_codes_docs_and_only():
    P = W.P
    p = project_copy()
    top = [c for c in W.codes if SEP not in c][:2]
    docs = sorted(P.texts)[1:3]
    args = []
    for c in top:
        args += ['--code', c]
    for d in docs:
        args += ['--doc', d]
    _, rows = table(ok('agreement', p, 'first', 'second', *args))
    eq([r['code'] for r in rows], top + ['(all codes)'])
    rows = keyed(rows)
    counts = P.characters('first', 'second', top, docs)
    for code in top:
        check_character_row(rows[(code, None)], pooled([counts[(code, d)] for d in docs]), code)
    # --only: a top-level code has no codings of its own
    _, rows = table(ok('agreement', p, 'first', 'second', '--code', top[0], '--only'))
    rows = keyed(rows)
    eq(rows[(top[0], None)]['both'], '0')
    eq(rows[(top[0], None)]['kappa'], '1.0000')


@test
def test_workload_segments():
    P = W.P
    p = project_copy()
    docs = sorted(P.texts)
    codes = P.used_codes(['first', 'second'], docs, W.codes)
    _, rows = table(ok('agreement', p, 'first', 'second', '--unit', 'segment'))
    rows = keyed(rows)
    total = [0, 0, 0]
    for code in codes:
        got = [0, 0, 0]
        for doc in docs:
            got = [g + x for g, x in zip(got, P.segments('first', 'second', code, doc))]
        row = rows[(code, None)]
        eq((int(row['matched']), int(row['a_unmatched']), int(row['b_unmatched'])), tuple(got), code)
        total = [t + g for t, g in zip(total, got)]
    row = rows[('(all codes)', None)]
    eq((int(row['matched']), int(row['a_unmatched']), int(row['b_unmatched'])), tuple(total), 'pooled')
    p_o = 2 * total[0] / (2 * total[0] + total[1] + total[2])
    close(row['agreement'], 100 * p_o, 2, 'pooled agreement')
    close(row['kappa'], (p_o - 1 / len(codes)) / (1 - 1 / len(codes)), 4, 'pooled κ')


@test
def test_workload_alpha_three_coders():
    P = W.P
    p = project_copy()
    coders = ['first', 'second', 'third']
    docs = P.docs_in_scope(coders)
    codes = P.used_codes(coders, docs, W.codes)[:12]
    args = []
    for c in codes:
        args += ['--code', c, ]
    _, rows = table(ok('agreement', p, '--coders', ','.join(coders), '--alpha', '--only', *args))
    rows = keyed(rows)
    per_code, all_codes = P.alpha(coders, codes, docs)
    for code in codes:
        close(rows[(code, None)]['alpha'], per_code[code], 4, code)
    close(rows[('(all codes)', None)]['alpha'], all_codes, 4, '(all codes)')
    # two coders: α close to κ, and the same units
    _, two = table(ok('agreement', p, '--coders', 'first,second', '--alpha', '--code', codes[0], '--only'))
    eq(keyed(two)[(codes[0], None)]['characters'], str(sum(len(P.texts[d]) for d in docs)))


@test
def test_where_scope():
    P = W.P
    p = project_copy()
    doc = sorted(P.texts)[0]
    ok('case', 'add', p, 'part')
    ok('case', 'assign', p, 'part', doc, 100, 2500)
    docs = sorted(P.texts)
    codes = P.used_codes(['first', 'second'], docs, W.codes)
    scope = {d: set(range(100, min(2500, len(P.texts[d])))) if d == doc else set() for d in docs}
    counts = P.characters('first', 'second', codes, docs, scope=scope)
    _, rows = table(ok('agreement', p, 'first', 'second', '--where', 'case=part'))
    rows = keyed(rows)
    for code in codes:
        check_character_row(rows[(code, None)], pooled([counts[(code, d)] for d in docs]), code)
    check_character_row(rows[('(all codes)', None)], pooled(counts.values()), '(all codes)')


@test
def test_formats():
    p = project_copy()
    tsv = ok('agreement', p, 'first', 'second', '--code', W.codes[0])
    csv_out = ok('agreement', p, 'first', 'second', '--code', W.codes[0], '--format', 'csv')
    eq(list(csv.reader(io.StringIO(csv_out))), [line.split('\t') for line in tsv.rstrip('\n').split('\n')])
    html = ok('agreement', p, 'first', 'second', '--code', W.codes[0], '--format', 'html')
    assert html.startswith('<!DOCTYPE html>') and '<th>kappa</th>' in html, html


@test
def test_coders_and_rename():
    P = W.P
    p = project_copy()
    lines = ok('coders', p).rstrip('\n').split('\n')
    expected = []
    for coder in ('first', 'second', 'third'):
        mine = [c for c in P.codings if c[0] == coder]
        expected.append(f'{coder}\t{len(set(mine))}\t{len({c[1] for c in mine})}')
    eq(lines, expected)

    ok('coder', 'rename', p, 'third', 'derde')
    eq([line.split('\t')[0] for line in ok('coders', p).splitlines()], ['derde', 'first', 'second'])
    # onto an existing coder: merged; identical codings collapse to one
    before = {tuple(f) for f in (line.split('\t') for line in ok('retrieve', p, W.codes[0], '--format', 'tsv').splitlines())}
    ok('coder', 'rename', p, 'derde', 'second')
    second = {c[1:] for c in P.codings if c[0] == 'second'}
    third = {c[1:] for c in P.codings if c[0] == 'third'}
    eq(ok('coders', p).splitlines()[1].split('\t')[:2], ['second', str(len(second | third))])
    ok('undo', p)
    eq([line.split('\t')[0] for line in ok('coders', p).splitlines()], ['derde', 'first', 'second'])
    after = {tuple(f) for f in (line.split('\t') for line in ok('retrieve', p, W.codes[0], '--format', 'tsv').splitlines())}
    eq(after, before, 'undo gives back every coding')


@test
def test_errors():
    p = project_copy()
    err = fails(1, 'agreement', p, 'first', 'nobody')
    assert '“nobody”' in err and 'first, second, third' in err, err
    err = fails(1, 'coder', 'rename', p, 'nobody', 'x')
    assert '“nobody”' in err and 'first, second, third' in err, err
    fails(1, 'agreement', p, 'first', 'first')
    fails(1, 'agreement', p, 'first', 'second', '--code', 'No such code')
    fails(1, 'agreement', p, 'first', 'second', '--doc', 'No such document')
    fails(2, 'agreement', p, 'first')
    fails(2, 'agreement', p, '--coders', 'first,second,third')
    fails(2, 'agreement', p, 'first', 'second', '--unit', 'word')
    fails(2, 'agreement', p, 'first', 'second', '--overlap', '90')
    fails(2, 'agreement', p, 'first', 'second', '--unit', 'segment', '--overlap', '0')
    fails(2, 'agreement', p, 'first', 'second', '--format', 'ods')
    fails(2, 'agreement', p, 'first', 'second', '--by', 'speaker')
    fails(2, 'agreement', p, '--coders', 'first,second', '--alpha', '--unit', 'segment')
    fails(2, 'coder', 'rename', p, 'first')
    fails(1, 'coder', 'rename', p, 'first', ' ')


# -------------------------------------------------------------------- main


def main(argv):
    return clitest.run(TESTS, argv, 'cb-agreement-test-', set_up=set_up_workload)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
