#!/usr/bin/env python3
# test_search.py: codeboom-cli search and codes --filter, against an
# independent computation in Python
#
# A small workload (make_workload.py --docs 3 --words 3000 --codings 300
# --astral: accents, capitals and a few emoji) is generated and imported once;
# each test works on its own copy.  Expected hits are computed here from the
# generator's files: the text folded code point by code point (casefold,
# NFD, drop combining marks), a left-to-right non-overlapping scan, Python's
# re for whole words and regular expressions.  Every reported offset is
# checked against the stored text (`codeboom-cli text`).
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR,
# CODEBOOM_SOURCE_ROOT, CODEBOOM_CODER=tester and LC_ALL=C.UTF-8; prints
# TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_search.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
# a copy of ../shared/bench/make_workload.py (tests carry their own data)
MAKE_WORKLOAD = os.path.join(SOURCE_ROOT, 'tests', 'data', 'make_workload.py')

import clitest  # noqa: E402
from clitest import CLI, PREFIX, cli_text as cli, ok, unescape  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)


# ---------------------------------------------------------- running the CLI

# A usage error (exit 2) prints the usage, not an error line.
def fails(expected_code, *args):
    code, out, err = cli(*args)
    assert code == expected_code, f'codeboom-cli {args!r}: exit {code}, expected {expected_code}\n{err!r}'
    assert err.startswith(PREFIX) or expected_code == 2, f'error without the prefix: {err!r}'
    assert out == '', f'output on failure: {out!r}'
    return err.decode('utf-8')


def tsv(out, n_fields):
    if out == '':
        return []
    assert out.endswith('\n'), repr(out[-50:])
    rows = []
    for line in out[:-1].split('\n'):
        fields = line.split('\t')
        assert len(fields) == n_fields, repr(line)
        rows.append([unescape(f) for f in fields])
    return rows


def hits_of(out):
    """(document, start, end, match, context) per line of --format tsv."""
    return [(d, int(s), int(e), m, c) for d, s, e, m, c in tsv(out, 5)]


# ------------------------------------------------------- the independent side

def fold_char(c):
    f = unicodedata.normalize('NFD', c.casefold())
    f = ''.join(x for x in f if not unicodedata.combining(x))
    assert len(f) == 1, f'{c!r} does not fold to one code point here'
    return f


def fold(s):
    return ''.join(fold_char(c) for c in s)


def strip_accents_char(c):
    f = ''.join(x for x in unicodedata.normalize('NFD', c) if not unicodedata.combining(x))
    assert len(f) == 1
    return f


def scan(haystack, needle):
    """Start offsets of a left-to-right, non-overlapping scan."""
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + len(needle))
    return found


class Workload:
    pass


W = Workload()


def set_up_workload(directory):
    """Generates the workload and a project holding it (documents, codes,
    codings); every test copies the project."""
    out = os.path.join(directory, 'workload')
    subprocess.run([sys.executable, MAKE_WORKLOAD, out, '--docs', '3', '--words', '3000',
                    '--codings', '300', '--astral'], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
        W.manifest = json.load(f)
    W.files = sorted(os.path.join(out, 'docs', n) for n in os.listdir(os.path.join(out, 'docs')))
    W.texts = {}
    for path in W.files:
        with open(path, encoding='utf-8') as f:
            W.texts[os.path.basename(path)[:-4]] = f.read()
    W.folded = {d: fold(t) for d, t in W.texts.items()}
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
    """A copy of the workload's project in the test's directory."""
    shutil.copyfile(W.project, 'p.codeboom')
    if os.path.exists(W.project + '-wal'):
        shutil.copyfile(W.project + '-wal', 'p.codeboom-wal')
    return 'p.codeboom'


def expected_fold_hits(term):
    needle = fold(unicodedata.normalize('NFC', term))
    return [(d, s, s + len(needle)) for d in sorted(W.texts) for s in scan(W.folded[d], needle)]


def expected_verified_hits(term, same):
    """Hits of the folded term kept by @same(text_slice) in a left-to-right
    scan that tries every position (a rejected candidate hides nothing)."""
    needle = fold(term)
    hits = []
    for d in sorted(W.texts):
        folded, text, at = W.folded[d], W.texts[d], 0
        while True:
            at = folded.find(needle, at)
            if at < 0:
                break
            if same(text[at:at + len(needle)]):
                hits.append((d, at, at + len(needle)))
                at += len(needle)
            else:
                at += 1
    return hits


def assert_hits_point_at_text(hits, context=None):
    for d, s, e, match, ctx in hits:
        text = W.texts[d]
        assert text[s:e] == match, f'{d} {s}-{e}: stored {text[s:e]!r}, reported {match!r}'
        if context is not None:
            want = text[max(0, s - context):e + context].replace('\n', ' ')
            assert ctx == want, f'{d} {s}-{e}: context {ctx!r}, expected {want!r}'


def positions(hits):
    return [(d, s, e) for d, s, e, *_ in hits]


# ------------------------------------------------------------------- tests

@test
def test_manifest_counts():
    p = project_copy()
    m = W.manifest['search']
    assert ok('search', p, 'cliënt', '--match-accents', '--count') == f"{m['cliënt (case-insensitive)']}\n"
    assert ok('search', p, 'één', '--match-accents', '--count') == f"{m['één (case-insensitive)']}\n"
    assert ok('search', p, 'een', '--count') == f"{m['een (case- and diacritic-insensitive)']}\n"
    # the small workload has few capitals: Één may be missing, Cliënt is not
    for term in ('Één', 'Cliënt', 'Patiënt'):
        exact = sum(t.count(term) for t in W.texts.values())
        assert exact > 0 or term == 'Één', term
        assert ok('search', p, term, '--match-case', '--match-accents', '--count') == f'{exact}\n'


@test
def test_offsets_and_context():
    p = project_copy()
    hits = hits_of(ok('search', p, 'een', '--format', 'tsv', '--context', '7'))
    assert positions(hits) == expected_fold_hits('een')
    assert_hits_point_at_text(hits, context=7)
    # the stored text is the generator's: check it through the CLI once
    for d, text in W.texts.items():
        assert ok('text', p, d) == text


@test
def test_astral_offsets():
    p = project_copy()
    emoji = '\U0001F600'
    assert any(emoji in t for t in W.texts.values()), 'the workload has no emoji'
    hits = hits_of(ok('search', p, emoji, '--format', 'tsv'))
    assert positions(hits) == expected_fold_hits(emoji)
    assert_hits_point_at_text(hits, context=30)
    # hits after an emoji in the same paragraph are still right
    hits = hits_of(ok('search', p, 'cliënt', '--format', 'tsv'))
    assert positions(hits) == expected_fold_hits('cliënt')
    assert_hits_point_at_text(hits)


@test
def test_match_case_and_accents():
    p = project_copy()
    cases = [
        (['één', '--match-accents'], lambda s: s.casefold() == 'één'),
        (['Cliënt', '--match-case', '--match-accents'], lambda s: s == 'Cliënt'),
        (['patiënt', '--match-case', '--match-accents'], lambda s: s == 'patiënt'),
        (['een', '--match-case'], lambda s: ''.join(strip_accents_char(c) for c in s) == 'een'),
        (['Cliënt', '--match-case'], lambda s: ''.join(strip_accents_char(c) for c in s) == 'Client'),
    ]
    for args, same in cases:
        hits = hits_of(ok('search', p, *args, '--format', 'tsv'))
        want = expected_verified_hits(args[0], same)
        assert want, args
        assert positions(hits) == want, args
        assert_hits_point_at_text(hits)


@test
def test_whole_word():
    p = project_copy()
    for term in ('een', 'client', 'deja'):
        hits = hits_of(ok('search', p, term, '--whole-word', '--format', 'tsv'))
        want = [(d, m.start(), m.end()) for d in sorted(W.texts)
                for m in re.finditer(r'(?<!\w)' + re.escape(term) + r'(?!\w)', W.folded[d])]
        assert want, term
        assert positions(hits) == want, term
        assert_hits_point_at_text(hits)
    # a word inside another is not a whole word
    assert ok('search', p, 'lient', '--whole-word', '--count') == '0\n'


@test
def test_regex():
    p = project_copy()
    for pattern, args, flags in [
        (r'cli[eë]nt(en)?', [], re.I | re.M),
        (r'Cli[eë]nt', ['--match-case'], re.M),
        (r'^Respondent: \w+', [], re.I | re.M),
        (r'één|geïntegreerd', [], re.I | re.M),
    ]:
        hits = hits_of(ok('search', p, pattern, '--regex', *args, '--format', 'tsv'))
        want = [(d, m.start(), m.end()) for d in sorted(W.texts)
                for m in re.finditer(pattern, W.texts[d], flags) if m.end() > m.start()]
        assert want, pattern
        assert positions(hits) == want, pattern
        assert_hits_point_at_text(hits)
        count = ok('search', p, pattern, '--regex', *args, '--count')
        assert count == f'{len(want)}\n'
    err = fails(1, 'search', p, 'cli(ent', '--regex')
    assert 'regular expression' in err


@test
def test_scope_document():
    p = project_copy()
    d = sorted(W.texts)[1]
    hits = hits_of(ok('search', p, 'een', '--doc', d, '--format', 'tsv'))
    assert positions(hits) == [h for h in expected_fold_hits('een') if h[0] == d]
    fails(1, 'search', p, 'een', '--doc', 'no such document')


def merged(ranges):
    out = []
    for d, s, e in sorted(ranges):
        if out and out[-1][0] == d and s <= out[-1][2]:
            out[-1][2] = max(out[-1][2], e)
        else:
            out.append([d, s, e])
    return out


def inside(hit, ranges):
    d, s, e = hit
    return any(rd == d and rs <= s and e <= re_ for rd, rs, re_ in ranges)


@test
def test_scope_within():
    p = project_copy()
    top = 'Thema 01 coördinatie'
    for code in (top, top + ' / Subthema 01.1 cliënt'):
        ranges = merged((d, s, e) for d, s, e, path in W.codings
                        if path == code or path.startswith(code + ' / '))
        want = [h for h in expected_fold_hits('een') if inside(h, ranges)]
        assert want, code
        hits = hits_of(ok('search', p, 'een', '--within', code, '--format', 'tsv'))
        assert positions(hits) == want, code
    fails(1, 'search', p, 'een', '--within', 'No such code')


def ensure_turns(path):
    """The importers record speaker turns; when this build's do not (yet),
    write the workload's turns straight into the file: each paragraph is a
    turn of the speaker named by its label."""
    con = sqlite3.connect(path)
    try:
        if con.execute('SELECT count(*) FROM turn').fetchone()[0] > 0:
            return
        for d, text in W.texts.items():
            (doc,) = con.execute('SELECT id FROM document WHERE name = ?', (d,)).fetchone()
            speakers = {}
            for m in re.finditer(r'^(Interviewer|Respondent):[^\n]*', text, re.M):
                name = m.group(1)
                if name not in speakers:
                    speakers[name] = con.execute(
                        'INSERT INTO speaker (document, name) VALUES (?, ?)', (doc, name)).lastrowid
                con.execute('INSERT INTO turn (document, speaker, start, end, text_start) VALUES (?, ?, ?, ?, ?)',
                            (doc, speakers[name], m.start(), m.end(), m.start() + len(name) + 2))
        con.commit()
    finally:
        con.close()


@test
def test_scope_speaker():
    p = project_copy()
    ensure_turns(p)
    for speaker in ('Respondent', 'Interviewer'):
        ranges = [(d, m.start() + len(speaker) + 1, m.end()) for d in sorted(W.texts)
                  for m in re.finditer('^' + speaker + r':[^\n]*', W.texts[d], re.M)]
        want = [h for h in expected_fold_hits('een') if inside(h, ranges)]
        assert want, speaker
        hits = hits_of(ok('search', p, 'een', '--speaker', speaker, '--format', 'tsv'))
        assert positions(hits) == want, speaker
    # the labels themselves are not the speaker's words
    assert ok('search', p, 'respondent', '--speaker', 'Respondent', '--count') == '0\n'
    fails(1, 'search', p, 'een', '--speaker', 'Nobody')


@test
def test_output_formats():
    p = project_copy()
    weird = os.path.abspath('weird.txt')
    with open(weird, 'w', encoding='utf-8', newline='\n') as f:
        f.write('a\tb\\ Één\nc\n')
    ok('import', p, weird)
    rows = tsv(ok('search', p, 'een', '--doc', 'weird', '--format', 'tsv', '--context', '4'), 5)
    assert rows == [['weird', '5', '8', 'Één', '\tb\\ Één c ']], rows
    out = ok('search', p, 'een', '--doc', 'weird', '--format', 'tsv', '--context', '4')
    assert out == 'weird\t5\t8\tÉén\t\\tb\\\\ Één c \n', repr(out)
    text = ok('search', p, 'een', '--doc', 'weird', '--context', '2')
    assert text == 'weird 5-8: \\ [Één] c\n1 hit in 1 document\n', repr(text)
    none = ok('search', p, 'xyzzy')
    assert none == '0 hits in 0 documents\n', repr(none)


@test
def test_folded_copies_at_import():
    # Every importer folds in its own transaction: before any search, each
    # document has its copy (the first search need not build them).
    def counts(path):
        con = sqlite3.connect(path)
        try:
            return (con.execute('SELECT count(*) FROM document').fetchone()[0],
                    con.execute('SELECT count(*) FROM document_folded f JOIN document d ON d.id = f.document'
                                ' WHERE f.n_chars = d.n_chars').fetchone()[0])
        finally:
            con.close()

    ok('new', 'fresh.codeboom')
    ok('import', 'fresh.codeboom', *W.files)
    assert counts('fresh.codeboom') == (len(W.files), len(W.files))
    ok('export', W.project, '--qdpx', 'p.qdpx')
    ok('new', 'back.codeboom', '--from', 'p.qdpx')
    assert counts('back.codeboom') == (len(W.files), len(W.files))
    m = W.manifest['search']
    assert ok('search', 'back.codeboom', 'een', '--count') == f"{m['een (case- and diacritic-insensitive)']}\n"


@test
def test_folded_copy_untrusted():
    # A copy that cannot be its document's folding (cut short, a character
    # too many, nonsense dropped offsets) is not believed: the search folds
    # the text again and finds exactly what the text holds.
    p = project_copy()
    ok('search', p, 'een', '--count')
    con = sqlite3.connect(p)
    try:
        ids = [r[0] for r in con.execute('SELECT id FROM document ORDER BY name')]
        assert len(ids) >= 3
        con.execute('UPDATE document_folded SET text = substr(text, 1, length(text) / 2) WHERE document = ?', (ids[0],))
        con.execute("UPDATE document_folded SET text = 'een een ' || text WHERE document = ?", (ids[1],))
        con.execute("UPDATE document_folded SET dropped = x'ffffff7f' WHERE document = ?", (ids[2],))
        con.commit()
    finally:
        con.close()
    m = W.manifest['search']
    assert ok('search', p, 'een', '--count') == f"{m['een (case- and diacritic-insensitive)']}\n"
    hits = hits_of(ok('search', p, 'een', '--format', 'tsv'))
    assert positions(hits) == expected_fold_hits('een')


@test
def test_code_hits():
    p = project_copy()
    want = expected_fold_hits('een')
    out = ok('search', p, 'een', '--code', 'Auto / één')
    assert out == f'Coded {len(want)} spans with “Auto / één”\n', repr(out)
    rows = tsv(ok('retrieve', p, 'Auto / één', '--format', 'tsv'), 5)
    assert sorted((d, int(s), int(e)) for d, s, e, *_ in rows) == sorted(want)
    for d, s, e, path, text in rows:
        assert path == 'Auto / één' and fold(text) == 'een'
    # again: nothing new, nothing changed
    out = ok('search', p, 'een', '--code', 'Auto / één')
    assert out == f'Coded 0 spans with “Auto / één” ({len(want)} more already had it)\n', repr(out)
    # one undo step took them all
    ok('undo', p)
    assert 'Auto' not in ok('codes', p)
    assert ok('check', p) == ok('check', W.project)


@test
def test_code_extend():
    p = project_copy()
    hits = expected_fold_hits('geïntegreerd')
    ok('search', p, 'geïntegreerd', '--code', 'P', '--extend', 'paragraph')
    rows = [(d, int(s), int(e)) for d, s, e, *_ in tsv(ok('retrieve', p, 'P', '--format', 'tsv'), 5)]
    paragraphs = sorted({(d, W.texts[d].rfind('\n', 0, s) + 1, W.texts[d].find('\n', s)) for d, s, _ in hits})
    assert sorted(rows) == paragraphs

    ok('search', p, 'geïntegreerd', '--code', 'S', '--extend', 'sentence')
    rows = [(d, int(s), int(e)) for d, s, e, *_ in tsv(ok('retrieve', p, 'S', '--format', 'tsv'), 5)]
    assert 0 < len(rows) <= len(hits)
    for d, s, e in rows:
        piece = W.texts[d][s:e]
        assert 'geïntegreerd' in fold(piece) or 'geintegreerd' in fold(piece)
        assert piece == piece.strip() and '\n' not in piece
    # every hit is inside one of the sentences
    assert all(inside(h, rows) for h in hits)

    ensure_turns(p)
    ok('search', p, 'geïntegreerd', '--code', 'T', '--extend', 'turn', '--speaker', 'Respondent')
    rows = [(d, int(s), int(e)) for d, s, e, *_ in tsv(ok('retrieve', p, 'T', '--format', 'tsv'), 5)]
    assert rows
    for d, s, e in rows:
        assert W.texts[d][s - len('Respondent: '):s] == 'Respondent: '
        assert W.texts[d][e:e + 1] in ('\n', '')


@test
def test_usage_errors():
    p = project_copy()
    before = ok('codes', p)
    fails(2, 'search', p)
    fails(2, 'search', p, 'een', '--extend', 'sentence')
    fails(2, 'search', p, 'een', '--code', 'X', '--extend', 'chapter')
    fails(2, 'search', p, 'een', '--format', 'xml')
    fails(2, 'search', p, 'een', '--count', '--code', 'X')
    fails(1, 'search', p, '')
    fails(1, 'search', 'missing.codeboom', 'een')
    assert ok('codes', p) == before


@test
def test_delete_document():
    p = project_copy()
    first = sorted(W.texts)[0]
    ok('search', p, 'een', '--count')
    ok('doc', 'delete', p, first)
    want = len([h for h in expected_fold_hits('een') if h[0] != first])
    assert ok('search', p, 'een', '--count') == f'{want}\n'
    assert ok('check', p) == ok('check', W.project)
    ok('undo', p)
    assert ok('search', p, 'een', '--count') == f'{len(expected_fold_hits("een"))}\n'


@test
def test_codes_filter():
    p = project_copy()
    paths = [unescape(line.split('\t')[0]) for line in ok('codes', p).splitlines()]
    out = ok('codes', p, '--filter', 'CODE 01.1.2 EEN')
    listed = [unescape(line.split('\t')[0]) for line in out.splitlines()]
    assert listed[0] == 'Thema 01 coördinatie / Subthema 01.1 cliënt / Code 01.1.2 één', listed[:3]
    # exactly the paths that hold every word, accents and case ignored
    words = ['code', '01.1.2', 'een']
    assert sorted(listed) == sorted(x for x in paths if all(w in fold(x) for w in words))
    # the theme itself before the codes under it
    listed = [unescape(line.split('\t')[0]) for line in ok('codes', p, '--filter', 'coord').splitlines()]
    assert listed[0] == 'Thema 01 coördinatie' and len(listed) == len(paths)
    assert ok('codes', p, '--filter', 'xyzzy') == ''


# ----------------------------------------------------------------- the runner


def main(argv):
    return clitest.run(TESTS, argv, 'cb-search-test-', set_up=set_up_workload)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
