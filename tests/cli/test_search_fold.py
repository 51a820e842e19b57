#!/usr/bin/env python3
# test_search_fold.py: the matching equivalence, queries and saved searches
# of codeboom-cli search, against an independent implementation in Python
#
# The reference below is written from the README's rules, not from the C:
# it folds a text into groups (a run of white space is one group of one
# unit, "…" one group of three units, a line-break hyphen a group of none,
# a combining mark joins the group before it), scans the folded units left
# to right without overlaps, accepts a candidate only when it starts and
# ends on whole groups (and, matching case or accents, when the text of the
# hit folded as far as the options say equals the term folded the same
# way), and maps the hit back to code points.  Queries are parsed by a
# second, independent parser with the README's grammar and evaluated with
# the README's word and paragraph rules.  Every hit is also checked against
# the stored text (`codeboom-cli text`).
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR,
# CODEBOOM_SOURCE_ROOT and LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_search_fold.py [NAME...]
#
# Standard library only (the PDF is written here byte by byte).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import bisect
import os
import random
import re
import subprocess
import sys
import tempfile
import traceback
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
CLI = os.environ.get('CODEBOOM_CLI')
CORPUS = os.path.join(SOURCE_ROOT, 'tests', 'data', 'corpus')
IMPORT = os.path.join(SOURCE_ROOT, 'tests', 'data', 'import')
PREFIX = b'codeboom-cli: '

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
    return done.returncode, done.stdout.decode('utf-8'), done.stderr.decode('utf-8')


def ok(*args):
    code, out, err = cli(*args)
    assert code == 0, f'codeboom-cli {args!r}: exit {code}\n{err}'
    return out


def fails(*args):
    code, out, err = cli(*args)
    assert code != 0, f'codeboom-cli {args!r} succeeded: {out!r}'
    assert err.startswith(PREFIX.decode()), f'error without the prefix: {err!r}'
    assert out == '', f'output on failure: {out!r}'
    return err


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


def hits_of(out):
    """(document, start, end, match) per line of --format tsv."""
    rows = []
    for line in out.split('\n'):
        if line:
            d, s, e, m, _ = line.split('\t')
            rows.append((unescape(d), int(s), int(e), unescape(m)))
    return rows


def new_project(texts):
    """A project with a document per (name, text), imported from .txt files."""
    path = 'p.codeboom'
    ok('new', path)
    for name, text in texts:
        with open(name + '.txt', 'w', encoding='utf-8') as f:
            f.write(text)
        ok('import', path, name + '.txt', '--name', name)
    return path


def stored_text(project, name):
    return ok('text', project, name)


# ------------------------------------------------------- the independent side

WHITE = set(' \t\n\v\f\r\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000') | \
    {chr(c) for c in range(0x2000, 0x200B)}
APOSTROPHES = set("'\u2018\u2019\u201a\u201b\u02bc\u2032")
QUOTES = set('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
DASHES = set('\u2011\u2012\u2013\u2014\u2015\u2212')
HYPHENS = set('-\u2010\u00ad')
EXPANSIONS = {'\u2026': '...', '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi',
              '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st', '\u00df': 'ss'}


def fold_one(c, case, accents):
    """One code point without the equivalence: a string of one, or '' for a
    mark that folds away."""
    if case:
        f = c.casefold()
        c = f if len(f) == 1 else c.lower()
    if accents:
        nfd = unicodedata.normalize('NFD', c)
        bases = [x for x in nfd if not unicodedata.combining(x)]
        if not bases:
            return ''
        if len(bases) == 1 and bases[0] != c:
            c = bases[0]
            if case:
                f = c.casefold()
                c = f if len(f) == 1 else c.lower()
    return c


def fold_groups(text, case=True, accents=True, equiv=True):
    """[(units, source_start, source_end)] for the text."""
    groups = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if equiv and c in WHITE:
            if groups and groups[-1][0] == ' ' and groups[-1][3] and groups[-1][2] == i:
                groups[-1] = (' ', groups[-1][1], i + 1, True)
            else:
                groups.append((' ', i, i + 1, True))
            i += 1
            continue
        if equiv and c in HYPHENS:
            if (i + 2 < n + 0 and i > 0 and text[i + 1:i + 2] == '\n' and i + 2 < n
                    and text[i - 1].isalpha() and text[i + 2].isalpha()):
                groups.append(('', i, i + 2, False))
                i += 2
                continue
            if c == '\u00ad':
                units = ''
            else:
                units = '-'
        elif equiv and c in APOSTROPHES:
            units = "'"
        elif equiv and c in QUOTES:
            units = '"'
        elif equiv and c in DASHES:
            units = '-'
        elif equiv and c in EXPANSIONS:
            units = EXPANSIONS[c]
        elif equiv and c == '\u1e9e':
            units = 'ss' if case else 'SS'
        else:
            units = fold_one(c, case, accents)
        if units == '':
            # joins the group before (a mark, a soft hyphen)
            if groups and groups[-1][2] == i:
                u, s, _, white = groups[-1]
                groups[-1] = (u, s, i + 1, white)
            else:
                groups.append(('', i, i + 1, False))
        else:
            groups.append((units, i, i + 1, False))
        i += 1
    return groups


def fold_string(text, **mode):
    return ''.join(g[0] for g in fold_groups(text, **mode))


def reference_search(text, term, match_case=False, match_accents=False, exact=False):
    """[(start, end)] of the term in the text."""
    mode = dict(case=True, accents=True, equiv=not exact)
    verify = dict(case=not match_case, accents=not match_accents, equiv=not exact)
    needle = fold_string(unicodedata.normalize('NFC', term), **mode)
    expected = fold_string(unicodedata.normalize('NFC', term), **verify)
    groups = fold_groups(text, **mode)
    units = ''.join(g[0] for g in groups)
    first_of = []      # unit -> (group index, is first unit)
    for k, g in enumerate(groups):
        for j in range(len(g[0])):
            first_of.append((k, j == 0, j == len(g[0]) - 1))
    hits = []
    at = units.find(needle)
    while at >= 0:
        k0, first, _ = first_of[at]
        k1, _, last = first_of[at + len(needle) - 1]
        start, end = groups[k0][1], groups[k1][2]
        accepted = first and last
        if accepted and verify != mode:
            accepted = fold_string(text[start:end], **verify) == expected
        if accepted:
            hits.append((start, end))
            at = units.find(needle, at + len(needle))
        else:
            at = units.find(needle, at + 1)
    return hits


# The query language, parsed again here from the README's grammar.

TOKEN = re.compile(r'\s*(?:(\()|(\))|["\u201c\u201e]([^"\u201c\u201d]*)["\u201d\u201c]|([^\s()"\u201c\u201d\u201e]+))')


def parse_query(q):
    tokens = []
    pos = 0
    while True:
        m = TOKEN.match(q, pos)
        if not m or m.end() == pos:
            break
        if m.group(1):
            tokens.append(('(',))
        elif m.group(2):
            tokens.append((')',))
        elif m.group(3) is not None:
            tokens.append(('w', m.group(3).strip()))
        else:
            w = m.group(4)
            if w in ('AND', 'OR', 'NOT'):
                tokens.append((w,))
            elif w.startswith('NEAR/'):
                tokens.append(('NEAR', int(w[5:])))
            else:
                tokens.append(('w', w))
        pos = m.end()
    tokens.append(('end',))
    i = 0

    def primary():
        nonlocal i
        if tokens[i][0] == '(':
            i += 1
            inner = alternatives()
            assert tokens[i][0] == ')'
            i += 1
            return inner
        words = []
        while tokens[i][0] == 'w':
            words.append(tokens[i][1])
            i += 1
        assert words
        return ('term', ' '.join(words))

    def near():
        nonlocal i
        left = primary()
        while tokens[i][0] == 'NEAR':
            n = tokens[i][1]
            i += 1
            left = ('NEAR', n, left, primary())
        return left

    def level(op, operand):
        def parse():
            nonlocal i
            left = operand()
            while tokens[i][0] == op:
                i += 1
                left = (op, None, left, operand())
            return left
        return parse

    alternatives = level('OR', level('AND', level('NOT', near)))
    tree = alternatives()
    assert tokens[i][0] == 'end'
    return tree


def words_of(text):
    spans = []
    start = None
    for i, c in enumerate(text):
        w = unicodedata.category(c)[0] in 'LMN'
        if w and start is None:
            start = i
        elif not w and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def paragraphs_of(text):
    spans = []
    offset = 0
    for line in text.split('\n'):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def merge(spans):
    out = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def reference_query(text, query, **flags):
    words = words_of(text)
    starts = [w[0] for w in words]
    ends = [w[1] for w in words]
    paras = paragraphs_of(text)
    para_ends = [p[1] for p in paras]

    def para(offset):
        return bisect.bisect_right(para_ends, offset)

    def first_word(span):
        return bisect.bisect_right(ends, span[0])

    def last_word(span):
        return bisect.bisect_left(starts, span[1]) - 1

    def distance(a, b):
        if a[0] < b[1] and b[0] < a[1]:
            return 0
        if b[0] < a[0]:
            a, b = b, a
        return max(0, first_word(b) - last_word(a))

    def evaluate(node):
        if node[0] == 'term':
            return reference_search(text, node[1], **flags)
        op, n, left, right = node
        a, b = evaluate(left), evaluate(right)
        if op == 'OR':
            return merge(a + b)
        if op == 'NEAR':
            spans = []
            for x in a:
                near = [y for y in b if distance(x, y) <= n]
                if near:
                    spans.append((min([x[0]] + [y[0] for y in near]), max([x[1]] + [y[1] for y in near])))
            return merge(spans)
        pa = {para(s) for s, _ in a}
        pb = {para(s) for s, _ in b}
        if op == 'NOT':
            return [x for x in a if para(x[0]) not in pb]
        both = pa & pb
        return merge([x for x in a + b if para(x[0]) in both])

    return evaluate(parse_query(query))


# ---------------------------------------------------------------- checking

def search_hits(project, term, *options, doc=None):
    args = ['search', project, term, '--format', 'tsv'] + list(options)
    if doc is not None:
        args += ['--doc', doc]
    return hits_of(ok(*args))


def reference_for(text, term, options, query):
    flags = dict(match_case='--match-case' in options, match_accents='--match-accents' in options,
                 exact='--exact' in options)
    if query:
        return reference_query(text, term, **flags)
    return reference_search(text, term, **flags)


def check_against_reference(project, name, text, term, *options, expected=None, query=False, count=False):
    """One document: the CLI's hits are the reference's, each match is the
    stored text at its offsets; with @count, --count agrees."""
    want = reference_for(text, term, options, query)
    got = search_hits(project, term, *options, doc=name)
    assert [(s, e) for _, s, e, _ in got] == want, \
        f'{term!r} {options} in {name}: got {[(s, e) for _, s, e, _ in got]}, reference {want}'
    for _, s, e, m in got:
        assert m == text[s:e], f'{term!r}: match {m!r} is not the text {text[s:e]!r}'
    if count:
        n = ok('search', project, term, '--count', '--doc', name, *options).strip()
        assert n == str(len(want)), f'{term!r} --count gave {n}, expected {len(want)}'
    if expected is not None:
        assert [(s, e) for _, s, e, _ in got] == expected, f'{term!r}: {got} != {expected}'
    return got


def check_documents(project, texts, term, *options, query=False, count=False):
    """Every document of @texts (name → stored text) at once: one search."""
    got = search_hits(project, term, *options)
    for name, text in texts.items():
        want = reference_for(text, term, options, query)
        mine = [(s, e) for d, s, e, _ in got if d == name]
        assert mine == want, f'{term!r} {options} in {name}: got {mine}, reference {want}'
    for d, s, e, m in got:
        assert m == texts[d][s:e], f'{term!r}: match {m!r} is not the text {texts[d][s:e]!r}'
    if count:
        n = ok('search', project, term, '--count', *options).strip()
        assert n == str(len(got)), f'{term!r} --count gave {n}, listed {len(got)}'
    return got


# ------------------------------------------------------------------- tests

# A text with an emoji and combining marks before every kind of hit, so that
# an offset counted in UTF-16 or bytes, or through the folded copy without
# its map, points elsewhere.
#            0         1         2         3         4         5
#            0123456789012345678901234567890123456789012345678901234567
EQUIV = ('\U0001F600q\u0303 d\u2019\u00e9cole \u00ab oui \u00bb \u201cnon\u201d Euh\u2026 het niet.  Dat\n'
         'de\nclie\u0308nt On-\nly Stra\u00dfe \ufb01n \ufb02ux a \u2013 b a\u2014b 2010\u22122015 '
         'x\u00a0y z\u202f:\ttab e-mail \u2018s\u2019 qu\u02bcil a - b\n')


@test
def test_each_equivalence_with_exact_offsets():
    p = new_project([('e', EQUIV)])
    text = stored_text(p, 'e')
    assert text == unicodedata.normalize('NFC', EQUIV)
    # the offsets, counted by hand on the stored (NFC) text: ë composes
    cases = [
        ("d'ecole", [(4, 11)]),               # apostrophe ’
        ('"oui"', []),                        # « oui » has spaces inside
        ('" oui "', [(12, 19)]),              # « and » are "
        ('"non"', [(20, 25)]),                # “ ” are "
        ('euh...', [(26, 30)]),               # … is ...
        ('het niet. dat', [(31, 45)]),        # two spaces are one
        ('de client', [(46, 55)]),            # a line break is a space
        ('only', [(56, 62)]),                 # On-\nly
        ('strasse', [(63, 69)]),              # ß
        ('fin', [(70, 72)]),                  # ﬁ
        ('flux', [(73, 76)]),                 # ﬂ
        ('a-b', [(83, 86)]),                  # —
        ('2010-2015', [(87, 96)]),            # − minus
        ('x y', [(97, 100)]),                 # no-break space
        ('z :', [(101, 104)]),                # narrow no-break space
        (' tab', [(104, 108)]),               # a tab
        ('e-mail', [(109, 115)]),
        ("'s'", [(116, 119)]),                # ‘ ’
        ("qu'il", [(120, 125)]),              # ʼ
        ('a - b', [(77, 82), (126, 131)]),    # – between spaces, and a hyphen
    ]
    for term, expected in cases:
        check_against_reference(p, 'e', text, term, expected=expected, count=term in ('only', 'euh...', 'a - b'))


@test
def test_groups_are_never_split():
    p = new_project([('e', EQUIV)])
    text = stored_text(p, 'e')
    # an s inside ß, a . inside …, an f inside ﬁ: no hit in the middle
    for term in ['s', 'ss', '.', '..', 'f', 'i', 'l', 'fl', 'n', 'on', 'ly', 'q', ' ', '  ', '-']:
        check_against_reference(p, 'e', text, term)
    got = search_hits(p, 'on', doc='e')
    assert (56, 58) in [(s, e) for _, s, e, _ in got]      # "On" before the break, without it
    got = search_hits(p, 'ly', doc='e')
    assert (60, 62) in [(s, e) for _, s, e, _ in got]      # "ly" after it


@test
def test_options_with_the_equivalence():
    p = new_project([('e', EQUIV)])
    text = stored_text(p, 'e')
    for term in ["D'école", 'Strasse', 'Straße', 'DE CLIËNT', 'Euh...', 'q\u0303']:
        for options in [('--match-case',), ('--match-accents',), ('--match-case', '--match-accents'),
                        ('--exact',), ('--exact', '--match-case')]:
            check_against_reference(p, 'e', text, term, *options)
    # --exact turns the equivalence off
    assert search_hits(p, "d'ecole", '--exact', doc='e') == []
    assert search_hits(p, 'het niet. dat', '--exact', doc='e') == []
    assert search_hits(p, 'only', '--exact', doc='e') == []
    assert len(search_hits(p, "d\u2019ecole", '--exact', doc='e')) == 1


@test
def test_random_texts_against_the_reference():
    rng = random.Random(20)
    alphabet = list("aeiosntl ß…’'\"«»–—-\n\n  \t\u00a0\u202fﬁﬂéÉëE\u0301\u0323\U0001F600.,") + ['-\n']
    texts = []
    for k in range(6):
        texts.append((f'r{k}', ''.join(rng.choice(alphabet) for _ in range(400))))
    p = new_project(texts)
    stored = {name: stored_text(p, name) for name, _ in texts}
    terms = ['ss', 's', 'a ', 'e', 'ee', 'e e', "'", '"', '-', '...', '.', 'fi', 'fl', 'f', 'n-', 'at',
             'es', 'le', ' ', 'ié', 'sn']
    for term in terms:
        check_documents(p, stored, term, count=term in ('ss', ' ', '...'))
        check_documents(p, stored, term, '--exact')
    for term in terms[::3]:
        check_documents(p, stored, term, '--match-accents')


@test
def test_french_elisions():
    p = 'p.codeboom'
    ok('new', p)
    ok('import', p, os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'fr')
    text = stored_text(p, 'fr')
    assert "l'école" in text and '\u2019' not in text
    # typed with the typographic apostrophe, found where the file has '
    for term in ['l\u2019\u00e9cole', 'l\u2019ecole', "l'ecole", 'c\u2019est', 'qu\u2019on',
                 'n\u2019a', 'j\u2019ai', '" on n\u2019imprime plus', 'd\u2019analyse']:
        got = check_against_reference(p, 'fr', text, term)
        plain = term.replace('\u2019', "'").replace('"', '\u00ab')
        assert len(got) >= 1, term
        assert len(got) == len(reference_search(text, plain, exact=True)), term
    assert len(search_hits(p, 'l\u2019\u00e9cole', doc='fr')) == text.count("l'école") + text.count("L'école")


@test
def test_interview_formats():
    p = 'p.codeboom'
    ok('new', p)
    for ext in ['docx', 'odt', 'rtf', 'txt']:
        ok('import', p, os.path.join(IMPORT, 'interview-ma07.' + ext), '--name', 'ma07-' + ext)
    stored = {'ma07-' + ext: stored_text(p, 'ma07-' + ext) for ext in ['docx', 'odt', 'rtf', 'txt']}
    for term in ['Interview MA07 - maatschappelijk', 'euh...', 'Euh...', 'online werkt...',
                 '"we waren', 'collega\u2019s', 'noord datum', '14 maart 2024 - duur', 'een cliënt']:
        got = check_documents(p, stored, term)
        # the same interview in four formats: the same number of hits in each
        counts = {name: sum(1 for d, _, _, _ in got if d == name) for name in stored}
        assert len(set(counts.values())) == 1 and 0 not in counts.values(), f'{term!r}: {counts}'


def make_pdf(path, lines):
    """A one-page PDF with @lines of Helvetica text, one a line, written
    here byte by byte (no PDF library needed)."""
    content = ['BT /F1 12 Tf 14 TL 40 760 Td']
    for line in lines:
        escaped = line.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')
        content.append(f'({escaped}) Tj T*')
    content.append('ET')
    stream = '\n'.join(content).encode('latin-1')
    objects = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R'
        b' /Resources << /Font << /F1 5 0 R >> >> >>',
        b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ]
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % number + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for offset in offsets:
        out += b'%010d 00000 n \n' % offset
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    with open(path, 'wb') as f:
        f.write(out)


@test
def test_pdf_line_break_hyphens():
    p = 'p.codeboom'
    ok('new', p)
    make_pdf('hyphens.pdf', ['R: Dat is een zware admini-', 'stratieve last voor de be-',
                             'geleiders, zeker On-', 'ly op maandag.'])
    ok('import', p, 'hyphens.pdf', '--name', 'made')
    ok('import', p, os.path.join(IMPORT, 'text.pdf'), '--name', 'kept')
    made = stored_text(p, 'made')
    assert 'admini-\nstratieve' in made, repr(made)
    for term in ['administratieve', 'begeleiders', 'only', 'administratieve last']:
        got = check_against_reference(p, 'made', made, term)
        assert len(got) == 1, (term, got)
        assert '-\n' in got[0][3]
    # a hyphen with no line break stays: "admini-" + space is not "admini"
    assert search_hits(p, 'administratieve', '--exact', doc='made') == []
    kept = stored_text(p, 'kept')
    got = check_against_reference(p, 'kept', kept, 'administratieve')
    assert [m for _, _, _, m in got] == ['admini-\nstratieve']


QUERY_TEXT = (
    'De bureaucratie en de regels zijn te veel, zegt ze.\n\n'
    'Het formulier moet online, maar de regels veranderen. Bureaucratie!\n\n'
    'Digitaal is niet altijd online. Itsme of de app?\n\n'
    '\U0001F600 Digitaal, zonder regels: een cliënt met de app en itsme.\n'
    'Een lange zin met veel woorden tussen bureaucratie en hier en daar wat regels erna.\n'
)

QUERIES = [
    'bureaucratie NEAR/3 regels',
    'bureaucratie NEAR/2 regels',
    'regels NEAR/10 bureaucratie',
    'bureaucratie NEAR/0 regels',
    'formulier AND online',
    'online AND formulier',
    'digitaal NOT online',
    'itsme OR app',
    '"de regels" OR (formulier AND veranderen)',
    'de AND regels OR app',
    'de AND (regels OR app)',
    'digitaal NOT online AND app',
    '(digitaal NOT online) AND app',
    'app NEAR/2 itsme NEAR/5 client',
    '(itsme OR app) NEAR/4 (digitaal OR online)',
    '"zegt ze" OR "moet online" NOT bureaucratie',
    'e NEAR/1 e',
    'regels NOT "de regels"',
    '\u201cde regels\u201d AND bureaucratie',
    'zin met veel woorden OR lange',
]


@test
def test_queries_against_the_reference():
    p = new_project([('q', QUERY_TEXT)])
    text = stored_text(p, 'q')
    for query in QUERIES:
        check_against_reference(p, 'q', text, query, query=True, count=query in QUERIES[:4])
    for query in QUERIES[::3]:
        check_against_reference(p, 'q', text, query, '--match-accents', query=True)
        check_against_reference(p, 'q', text, query, '--match-case', query=True)
    # a few by hand
    hits = search_hits(p, 'bureaucratie NEAR/3 regels', doc='q')
    assert [m for _, _, _, m in hits][0] == 'bureaucratie en de regels'
    assert search_hits(p, 'digitaal NOT online', doc='q')[0][1] > text.index('\U0001F600')


@test
def test_queries_on_the_corpus():
    p = 'p.codeboom'
    ok('new', p)
    ok('import', p, os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'ma07')
    ok('import', p, os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'fr')
    for name, queries in [('ma07', ['leefloon NEAR/5 dienst', 'dossier AND controle', 'itsme OR app',
                                     'cliënt NOT traject', '(online OR digitaal) NEAR/8 mensen',
                                     '"een dienst" AND huisvesting']),
                          ('fr', ['école NEAR/3 application', "l'école AND facture", 'smartphone OR téléphone',
                                  'application NOT école', '"on n\u2019imprime plus" OR (CPAS AND factures)'])]:
        text = stored_text(p, name)
        total = 0
        for query in queries:
            total += len(check_against_reference(p, name, text, query, query=True))
        assert total > 0, name


@test
def test_malformed_queries():
    p = new_project([('q', QUERY_TEXT)])
    cases = [
        ('(a OR b', 1),
        ('a AND', 6),
        ('a OR OR b', 6),
        ('NEAR/x b', 1),
        ('a NEAR/ b', 3),
        ('a AND ) b', 7),
        ('a) OR b', 2),
        ('a AND "b', 7),
        ('a AND ""', 7),
        ('a AND (', 8),
        ('é AND ()', 8),
    ]
    for query, position in cases:
        err = fails('search', p, query)
        assert f'character {position}:' in err, (query, err)
    # the same text as a literal term is searched as written
    ok('search', p, 'a AND', '--literal', '--count')
    assert ok('search', p, 'regels (', '--literal', '--count').strip() == '0'
    assert ok('search', p, 'zegt ze', '--count').strip() == '1'


@test
def test_literal_and_regex_are_no_queries():
    p = new_project([('l', 'Wie zegt AND of NOT (of OR) in een zin?\n')])
    assert search_hits(p, 'AND of NOT', '--literal') == [('l', 9, 19, 'AND of NOT')]
    assert search_hits(p, '(of OR)', '--literal') == [('l', 20, 27, '(of OR)')]
    assert search_hits(p, r'\(of OR\)', '--regex') == [('l', 20, 27, '(of OR)')]
    # as a query: "AND" is an operator
    assert search_hits(p, 'zegt AND zin') == [('l', 4, 8, 'zegt'), ('l', 35, 38, 'zin')]


@test
def test_query_count_format_and_code():
    p = new_project([('q', QUERY_TEXT)])
    query = 'formulier AND online'
    listed = hits_of(ok('search', p, query, '--format', 'tsv'))
    assert ok('search', p, query, '--count').strip() == str(len(listed)) == '2'
    text_out = ok('search', p, query)
    assert text_out.endswith('2 hits in 1 document\n'), text_out
    out = ok('search', p, query, '--code', 'Formulieren', '--extend', 'paragraph')
    assert 'Coded 1 span' in out, out
    # "bureaucratie en de regels", "regels veranderen. Bureaucratie"
    out = ok('search', p, 'bureaucratie NEAR/3 regels', '--code', 'Nabij')
    assert 'Coded 2 spans' in out, out


@test
def test_saved_searches():
    p = new_project([('q', QUERY_TEXT)])
    out = ok('search', p, 'itsme OR app', '--save', 'Apps', '--match-accents', '--count')
    assert out.strip() == '4'
    ok('search', p, 'regels', '--save', 'Regels', '--doc', 'q', '--whole-word', '--count')
    assert ok('searches', p) == 'Apps\titsme OR app\tmatch-accents=true\nRegels\tregels\twhole-word=true doc=q\n'
    assert ok('search', p, '--saved', 'Apps', '--count').strip() == '4'
    assert hits_of(ok('search', p, '--saved', 'Regels', '--format', 'tsv')) == \
        hits_of(ok('search', p, 'regels', '--doc', 'q', '--whole-word', '--format', 'tsv'))
    # saved again: replaced in its place
    ok('search', p, 'itsme', '--save', 'Apps', '--count')
    assert ok('searches', p).startswith('Apps\titsme\t\n')
    # one undo step each
    assert 'Save search' in ok('undo', p)
    assert ok('searches', p).startswith('Apps\titsme OR app\t')
    ok('searches', p, '--delete', 'Apps')
    assert ok('searches', p).startswith('Regels\t')
    fails('searches', p, '--delete', 'Apps')
    fails('search', p, '--saved', 'Apps')
    fails('search', p, 'a (', '--save', 'Broken')
    fails('search', p, 'x', '--save', '')
    assert ok('searches', p).count('\n') == 1
    # a hand-edited options text: unknown keys and bad values are ignored
    import sqlite3
    db = sqlite3.connect(p)
    db.execute("UPDATE saved_search SET options = 'whole-word=true\nfuture=1\ndoc=\nmatch-case=maybe' WHERE name = 'Regels'")
    db.commit()
    db.close()
    assert ok('search', p, '--saved', 'Regels', '--count').strip() == \
        ok('search', p, 'regels', '--whole-word', '--count').strip()


# ----------------------------------------------------------------- the runner

def main(argv):
    selected = [t for t in TESTS if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {fn.__name__} # CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    failures = 0
    origin = os.getcwd()
    for number, fn in enumerate(selected, 1):
        name = fn.__name__.removeprefix('test_').replace('_', '-')
        with tempfile.TemporaryDirectory(prefix='cb-search-fold-') as directory:
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
