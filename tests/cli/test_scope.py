#!/usr/bin/env python3
# test_scope.py: the scope options every command shares (--coder, --set,
# --phase, --role, --speaker, with --where) and name folding (issues 17,
# 19, 20, 21), on the MAG session and two interviews of the corpus
#
# Each filtered result is compared with the unfiltered one filtered here in
# Python, from the project's own tables read with sqlite3.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_scope.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import collections
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
PROJECT = 'p.codeboom'

import clitest  # noqa: E402
from clitest import CLI, PREFIX, cli_text as cli, fails, ok  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)


# ---- Sets, phases and roles through their own commands -----------------

def add_set(project, name, documents):
    ok('set', 'add', project, name)
    ok('set', 'assign', project, name, *documents)


def set_phase(project, document, name, start, end):
    ok('phase', 'set', project, document, name, str(start), str(end))


def set_role(project, document, speaker, role):
    ok('speaker', 'role', project, document, speaker, role)


# ---- The project ------------------------------------------------------

CODES = ['Thèmes / Interprétation', 'Thèmes / Récit', 'Thèmes / Autre']
CODERS = ['anna', 'bert', 'Chloé']


def make_project():
    ok('new', PROJECT)
    ok('import', PROJECT, os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'MAG2')
    ok('import', PROJECT, os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')
    ok('import', PROJECT, os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'), '--name', 'HMA02')
    ok('code', 'add', PROJECT, 'Thèmes')
    for code in CODES:
        ok('code', 'add', PROJECT, code)
    sizes = {row[0]: int(row[1]) for row in rows(ok('docs', PROJECT))}
    rng = random.Random(21)
    for coder in CODERS:
        lines = []
        for document in sorted(sizes):
            for _ in range(40):
                start = rng.randrange(0, sizes[document] - 1)
                end = min(sizes[document], start + rng.randrange(1, 300))
                lines.append(f'{document}\t{start}\t{end}\t{rng.choice(CODES)}\n')
        with open(f'{coder}.tsv', 'w', encoding='utf-8') as f:
            f.writelines(lines)
        env_coder = dict(os.environ, CODEBOOM_CODER=coder)
        done = subprocess.run([CLI, 'apply', PROJECT, '--batch', f'{coder}.tsv'], env=env_coder,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert done.returncode == 0, done.stderr
    # the MAG session: Hélène facilitates, Nadia tells, three interpret
    text = ok('text', PROJECT, 'MAG2')
    second = text.index('Karim :')
    third = text.index('Nadia :', text.index('Karim :', second + 1))
    # the cell's own phase list, in French (the test's locale would list English ones)
    ok('phase', 'names', PROJECT, 'récit', 'interprétations 1', 'interprétations 2')
    set_phase(PROJECT, 'MAG2', 'récit', 0, second)
    set_phase(PROJECT, 'MAG2', 'interprétations 1', second, third)
    set_phase(PROJECT, 'MAG2', 'interprétations 2', third, len(text))
    set_phase(PROJECT, 'MA07', 'interprétations 1', 1000, 4000)
    for speaker, role in (('Hélène', 'facilitator'), ('Nadia', 'narrator'), ('Karim', 'participant'),
                          ('Lucie', 'participant'), ('Marc', 'participant')):
        set_role(PROJECT, 'MAG2', speaker, role)
    set_role(PROJECT, 'MA07', 'R', 'participant')
    add_set(PROJECT, 'Équipe', ['MAG2', 'MA07'])
    add_set(PROJECT, 'Equipe', ['HMA02'])
    add_set(PROJECT, 'Bruxelles', ['MAG2'])
    return PROJECT


def rows(tsv):
    return [line.split('\t') for line in tsv.splitlines()]


class Model:
    """The project's tables as the filters read them, and the rule."""

    def __init__(self, project):
        db = sqlite3.connect(project)
        self.codings = db.execute(
            "SELECT d.name, c.start, c.end, p.name || ' / ' || k.name, r.name FROM coding c"
            " JOIN document d ON d.id = c.document JOIN code k ON k.id = c.code"
            " JOIN code p ON p.id = k.parent JOIN coder r ON r.id = c.coder").fetchall()
        self.turns = db.execute(
            'SELECT d.name, t.text_start, t.end, s.name, r.role FROM turn t'
            ' JOIN speaker s ON s.id = t.speaker JOIN document d ON d.id = t.document'
            ' LEFT JOIN speaker_role r ON r.document = t.document AND r.speaker = s.name').fetchall()
        self.phases = db.execute('SELECT d.name, p.start, p.end, p.name FROM phase p'
                                 ' JOIN document d ON d.id = p.document').fetchall()
        self.sets = collections.defaultdict(set)
        for name, document in db.execute(
                'SELECT s.name, d.name FROM document_set s JOIN document_set_member m ON m.document_set = s.id'
                ' JOIN document d ON d.id = m.document'):
            self.sets[name].add(document)
        db.close()

    @staticmethod
    def overlaps(spans, document, start, end):
        return any(d == document and a < max(end, start + 1) and b > start for d, a, b in spans)

    def passes(self, document, start, end, coder=None, coders=(), sets=(), phases=(), roles=(),
               speakers=()):
        if coders and coder is not None and coder not in coders:
            return False
        if sets and not any(document in self.sets[s] for s in sets):
            return False
        if phases and not self.overlaps([(d, a, b) for d, a, b, n in self.phases if n in phases],
                                        document, start, end):
            return False
        if roles and not self.overlaps([(d, a, b) for d, a, b, s, r in self.turns if r in roles],
                                       document, start, end):
            return False
        if speakers and not self.overlaps([(d, a, b) for d, a, b, s, r in self.turns if s in speakers],
                                          document, start, end):
            return False
        return True

    def expected_keys(self, **scope):
        return collections.Counter((d, str(s), str(e), p) for d, s, e, p, c in self.codings
                                   if self.passes(d, s, e, coder=c, **scope))


def options(**scope):
    names = {'coders': '--coder', 'sets': '--set', 'phases': '--phase', 'roles': '--role',
             'speakers': '--speaker'}
    return [a for key, values in scope.items() for value in values for a in (names[key], value)]


def retrieve(*args):
    return ok('retrieve', PROJECT, 'Thèmes', '--format', 'tsv', *args).splitlines()


def check_retrieve(model, full, args=None, **scope):
    """retrieve with the options == the full TSV filtered here."""
    got = retrieve(*(args if args is not None else options(**scope)))
    keys = collections.Counter(tuple(line.split('\t')[:4]) for line in got)
    assert keys == model.expected_keys(**scope), (scope, keys - model.expected_keys(**scope),
                                                   model.expected_keys(**scope) - keys)
    assert set(got) <= set(full)
    if 'coders' not in scope:
        expected = [line for line in full
                    if model.passes(line.split('\t')[0], int(line.split('\t')[1]), int(line.split('\t')[2]),
                                    **scope)]
        assert got == expected, scope
    return got


@test
def test_each_option_alone_repeated_and_combined():
    make_project()
    model = Model(PROJECT)
    full = retrieve()
    assert len(full) == 3 * 3 * 40
    cases = [
        dict(coders=['anna']),
        dict(coders=['anna', 'bert']),
        dict(sets=['Bruxelles']),
        dict(sets=['Équipe']),
        dict(sets=['Bruxelles', 'Equipe']),
        dict(phases=['récit']),
        dict(phases=['interprétations 1']),
        dict(phases=['interprétations 1', 'interprétations 2']),
        dict(roles=['participant']),
        dict(roles=['narrator']),
        dict(roles=['narrator', 'participant']),
        dict(speakers=['Nadia']),
        dict(speakers=['Karim', 'Lucie']),
        dict(roles=['participant'], phases=['interprétations 1']),
        dict(coders=['Chloé'], sets=['Équipe'], phases=['interprétations 1'], roles=['participant']),
        dict(coders=['bert'], speakers=['Marc', 'R'], sets=['Équipe']),
    ]
    sizes = {}
    for scope in cases:
        sizes[repr(scope)] = len(check_retrieve(model, full, **scope))
    # every option narrows, and not to nothing
    for scope, n in sizes.items():
        assert 0 < n < len(full), (scope, n)
    # roles are distinct: participant leaves out the narrator
    assert sizes[repr(dict(roles=['narrator', 'participant']))] > sizes[repr(dict(roles=['participant']))]
    # MA07 has an "interprétations 1" phase too: more than MAG2's alone
    mag_only = len(check_retrieve(model, full, phases=['interprétations 1'], sets=['Bruxelles']))
    assert mag_only < sizes[repr(dict(phases=['interprétations 1']))]


@test
def test_names_fold_exact_first_and_ambiguity_lists_candidates():
    make_project()
    model = Model(PROJECT)
    full = retrieve()
    # Helene → Hélène, chloe → Chloé, INTERPRETATIONS 1, recit, PARTICIPANT
    check_retrieve(model, full, args=['--speaker', 'helene'], speakers=['Hélène'])
    check_retrieve(model, full, args=['--coder', 'chloe'], coders=['Chloé'])
    check_retrieve(model, full, args=['--phase', 'INTERPRETATIONS 1'], phases=['interprétations 1'])
    check_retrieve(model, full, args=['--phase', 'recit', '--role', 'PARTICIPANT'],
                   phases=['récit'], roles=['participant'])
    # an exact name wins over its folded look-alike
    check_retrieve(model, full, args=['--set', 'Equipe'], sets=['Equipe'])
    check_retrieve(model, full, args=['--set', 'Équipe'], sets=['Équipe'])
    err = fails(1, 'retrieve', PROJECT, 'Thèmes', '--set', 'equipe')
    assert '“equipe” is ambiguous' in err and '“Equipe”' in err and '“Équipe”' in err, err
    # the code path folds too
    assert retrieve() == ok('retrieve', PROJECT, 'themes', '--format', 'tsv').splitlines()
    assert ok('retrieve', PROJECT, 'THEMES / interpretation', '--format', 'tsv') == \
        ok('retrieve', PROJECT, 'Thèmes / Interprétation', '--format', 'tsv')
    # so do the analysis rows and search's --code when the code exists
    assert ok('matrix', PROJECT, '--columns', 'documents', '--rows', 'THEMES / autre', '--only') == \
        ok('matrix', PROJECT, '--columns', 'documents', '--rows', 'Thèmes / Autre', '--only')
    before = ok('codes', PROJECT)
    ok('search', PROJECT, 'Karim', '--code', 'themes / recit')
    after = ok('codes', PROJECT)
    assert len(after.splitlines()) == len(before.splitlines()), after
    assert after != before
    # search's --speaker folds as well (the label is Hélène)
    assert ok('search', PROJECT, 'récit', '--speaker', 'Helene', '--count') == \
        ok('search', PROJECT, 'récit', '--speaker', 'Hélène', '--count')
    assert int(ok('search', PROJECT, 'récit', '--speaker', 'Helene', '--count')) > 0


@test
def test_unknown_names_fail_with_the_name():
    make_project()
    for option, name, message in (('--speaker', 'Nobody', 'No document has a speaker named “Nobody”'),
                                  ('--coder', 'zoe', 'There is no coder named “zoe”'),
                                  ('--set', 'Gent', 'There is no document set named “Gent”'),
                                  ('--phase', 'analyse', 'No document has a phase named “analyse”'),
                                  ('--role', 'boss', 'Unknown role “boss”')):
        err = fails(1, 'retrieve', PROJECT, 'Thèmes', option, name)
        assert message in err, (option, err)
        err = fails(1, 'matrix', PROJECT, '--columns', 'documents', option, name)
        assert message in err, (option, err)
    fails(1, 'search', PROJECT, 'de', '--set', 'Gent')
    # search has no scope --coder: its --coder is who codes the hits
    assert ok('search', PROJECT, '--help').count('--coder=') == 1


@test
def test_search_hits_filtered_by_set_phase_role():
    make_project()
    model = Model(PROJECT)
    full = rows(ok('search', PROJECT, 'de', '--format', 'tsv'))
    for scope in (dict(sets=['Bruxelles']), dict(phases=['interprétations 2']), dict(roles=['participant']),
                  dict(roles=['narrator'], phases=['récit'])):
        got = rows(ok('search', PROJECT, 'de', '--format', 'tsv', *options(**scope)))
        expected = [hit for hit in full if model.passes(hit[0], int(hit[1]), int(hit[2]), **scope)]
        assert got == expected, scope
        assert 0 < len(got) < len(full), scope
        count = int(ok('search', PROJECT, 'de', '--count', *options(**scope)))
        assert count == len(expected)


def matrix_cells(*args):
    table = rows(ok('matrix', PROJECT, '--columns', 'documents', '--rows', *CODES, '--only', *args))
    header = table[0]
    return {(row[0], header[i]): int(row[i]) for row in table[1:] for i in range(1, len(header))}


@test
def test_matrix_and_quotes_take_the_scope():
    make_project()
    model = Model(PROJECT)
    for scope in (dict(coders=['anna']), dict(roles=['participant'], coders=['bert', 'Chloé']),
                  dict(sets=['Équipe'], phases=['interprétations 1'])):
        cells = matrix_cells(*options(**scope))
        # codings: distinct coded spans of the code in the document
        expected = collections.Counter()
        for document, code in {(d, p) for d, s, e, p, c in model.codings}:
            spans = {(s, e) for d, s, e, p, c in model.codings
                     if d == document and p == code and model.passes(d, s, e, coder=c, **scope)}
            expected[(code, document)] = len(spans)
        got = collections.Counter({k: v for k, v in cells.items() if v})
        assert got == +expected, (scope, got, expected)
        freq = rows(ok('frequencies', PROJECT, *options(**scope)))
        assert len(freq) > 1
    # export --quotes: as many quotes as retrieve keeps
    ok('export', PROJECT, '--quotes', 'q.xml', '--coder', 'anna', '--role', 'participant')
    quotes = len(re.findall(r'<quote[ >]', open('q.xml', encoding='utf-8').read()))
    assert quotes == len(retrieve('--coder', 'anna', '--role', 'participant')), quotes
    code, out, err = cli('export', PROJECT, '--codebook', 'c.qdc', '--coder', 'anna')
    assert code == 2 and b'go with --quotes' in err


@test
def test_matrix_columns_sets():
    make_project()
    model = Model(PROJECT)
    table = rows(ok('matrix', PROJECT, '--columns', 'sets', '--rows', 'Thèmes'))
    header = table[0]
    # in the sets' order
    assert header[1:] == ['Équipe', 'Equipe', 'Bruxelles'], header
    by_set = dict(zip(header[1:], (int(v) for v in table[1][1:])))
    for name, documents in model.sets.items():
        # distinct coded spans of the row (the parent with its descendants)
        expected = len({(d, s, e) for d, s, e, p, c in model.codings if d in documents})
        assert by_set[name] == expected, (name, by_set[name], expected)
    # a coding counts in every set its document belongs to: MAG2 is in two
    assert by_set['Bruxelles'] < by_set['Équipe']
    # with a scope too
    table = rows(ok('matrix', PROJECT, '--columns', 'sets', '--rows', 'Thèmes', '--set', 'Bruxelles'))
    assert [int(v) for v in table[1][1:]] == [by_set['Bruxelles'], 0, by_set['Bruxelles']], table


def main(argv):
    return clitest.run(TESTS, argv, 'cb-scope-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
