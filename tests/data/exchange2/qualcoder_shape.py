#!/usr/bin/env python3
# qualcoder_shape.py: .qdpx files in the shape QualCoder writes them
#
# Written from the REFI-QDA standard (Project-mrt2019.xsd) and from reading
# how QualCoder's REFI-QDA export lays out a project; nothing is copied.
# What matters for Codeboom, and what this module reproduces:
#
# - one <PlainTextSelection> per coding, with the selected text as its
#   `name`, and the coder as `creatingUser` on the selection only (the
#   <Coding> inside has a guid and a <CodeRef>, no creatingUser);
# - fresh GUIDs for selections and codings on every export (QualCoder does
#   not keep the ones it imported), users by name;
# - positions: QualCoder stores the positions of codings it imported from
#   a REFI-QDA file as they were (Codeboom writes code points), but its
#   editor (Qt) counts UTF-16 units, so codings made there are written in
#   UTF-16 units: after a round trip one document holds both;
# - code names unique across the whole tree (QualCoder refuses repeats);
#   codes nested as written, under the GUIDs they came with;
# - texts as sources/<guid>.txt, UTF-8, referred to as internal://<guid>.txt.
#
# rewrite() simulates "imported into QualCoder, coded further, exported":
# it reads a Codeboom export, adds codings made in the editor and writes
# the file as QualCoder would.  make_fixtures.py uses write() for the
# hand-made fixture.
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import uuid
import xml.etree.ElementTree as ET
import zipfile
from xml.sax.saxutils import quoteattr, escape

NS = 'urn:QDA-XML:project:1.0'
Q = '{%s}' % NS


def utf16_index(text, cp):
    """The UTF-16 unit offset of code point offset @cp in @text."""
    return len(text[:cp].encode('utf-16-le')) // 2


def guid(seed=None):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, seed) if seed is not None else uuid.uuid4())


def read_codeboom(path):
    """A Codeboom .qdpx as a dict: users {guid: name}, codes (nested dicts
    guid/name/children), sources (guid, name, text, codings as dicts with
    start/end in code points, code guid and user guid)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('project.qde'))
        project = {'name': root.get('name'), 'users': {}, 'codes': [], 'sources': []}
        for user in root.iter(Q + 'User'):
            project['users'][user.get('guid')] = user.get('name')

        def codes(parent):
            return [{'guid': c.get('guid'), 'name': c.get('name'), 'color': c.get('color'),
                     'children': codes(c)} for c in parent.findall(Q + 'Code')]
        book = root.find(Q + 'CodeBook')
        if book is not None:
            project['codes'] = codes(book.find(Q + 'Codes'))
        for source in root.iter(Q + 'TextSource'):
            member = source.get('plainTextPath').replace('internal://', 'sources/')
            text = z.read(member).decode('utf-8')
            codings = []
            for selection in source.findall(Q + 'PlainTextSelection'):
                for coding in selection.findall(Q + 'Coding'):
                    codings.append({'start': int(selection.get('startPosition')),
                                    'end': int(selection.get('endPosition')),
                                    'unit': 'cp',
                                    'code': coding.find(Q + 'CodeRef').get('targetGUID'),
                                    # as QualCoder: the owner is the selection's
                                    'user': selection.get('creatingUser')})
            project['sources'].append({'guid': source.get('guid'), 'name': source.get('name'),
                                       'text': text, 'codings': codings})
    return project


def write(project, path, creating_user=None):
    """Writes @project (the dict read_codeboom() gives, codings with 'unit'
    'cp' or 'utf16' and start/end in code points) as QualCoder would."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n',
           '<Project xmlns="%s" name=%s origin="QualCoder-3.5" creationDateTime="2026-12-01T10:00:00Z"%s>\n'
           % (NS, quoteattr(project['name']),
              ' creatingUserGUID="%s"' % creating_user if creating_user else '')]
    out.append('<Users>\n')
    for user_guid, name in project['users'].items():
        out.append('<User guid="%s" name=%s/>\n' % (user_guid, quoteattr(name)))
    out.append('</Users>\n')

    def codes(items):
        for code in items:
            attrs = 'guid="%s" name=%s isCodable="true"' % (code['guid'], quoteattr(code['name']))
            if code.get('color'):
                attrs += ' color="%s"' % code['color']
            if code['children']:
                out.append('<Code %s>\n' % attrs)
                codes(code['children'])
                out.append('</Code>\n')
            else:
                out.append('<Code %s/>\n' % attrs)
    if project['codes']:
        out.append('<CodeBook>\n<Codes>\n')
        codes(project['codes'])
        out.append('</Codes>\n</CodeBook>\n')
    out.append('<Sources>\n')
    for source in project['sources']:
        text = source['text']
        out.append('<TextSource guid="%s" name=%s plainTextPath="internal://%s.txt" creationDateTime="2026-12-01T10:00:00Z">\n'
                   % (source['guid'], quoteattr(source['name']), source['guid']))
        for coding in source['codings']:
            start, end = coding['start'], coding['end']
            name = text[start:end]
            if coding['unit'] == 'utf16':
                start, end = utf16_index(text, start), utf16_index(text, end)
            user = ' creatingUser="%s"' % coding['user'] if coding.get('user') else ''
            selection = coding.get('guid') or guid()
            out.append('<PlainTextSelection guid="%s" name=%s startPosition="%d" endPosition="%d"%s '
                       'creationDateTime="2026-12-02T09:00:00Z">\n'
                       % (selection, quoteattr(name), start, end, user))
            out.append('<Coding guid="%s" creationDateTime="2026-12-02T09:00:00Z">'
                       '<CodeRef targetGUID="%s"/></Coding>\n' % (guid('coding:' + selection), coding['code']))
            out.append('</PlainTextSelection>\n')
        out.append('</TextSource>\n')
    out.append('</Sources>\n</Project>\n')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('project.qde', ''.join(out).encode('utf-8'))
        for source in project['sources']:
            z.writestr('sources/%s.txt' % source['guid'], source['text'].encode('utf-8'))


def find_code(codes, name):
    for code in codes:
        if code['name'] == name:
            return code
        found = find_code(code['children'], name)
        if found:
            return found
    return None


def rewrite(codeboom_qdpx, out_qdpx, added):
    """Imported into QualCoder, coded further in its editor, exported.
    @added: (source name, code name as QualCoder shows it, coder name,
    quote) for each coding made in QualCoder: the first occurrence of quote
    in the text is coded, written in UTF-16 units.  Returns the project
    dict written."""
    project = read_codeboom(codeboom_qdpx)
    # QualCoder keeps users by name, under GUIDs of its own
    by_name = {}
    users = {}
    for old, name in project['users'].items():
        new = guid('qualcoder-user:' + name)
        by_name[name] = new
        users[old] = new
    project['users'] = {new: name for name, new in by_name.items()}
    for source in project['sources']:
        for coding in source['codings']:
            coding['user'] = users.get(coding['user'], coding['user'])
    for source_name, code_name, coder, quote in added:
        source = next(s for s in project['sources'] if s['name'] == source_name)
        code = find_code(project['codes'], code_name)
        if coder not in by_name:
            by_name[coder] = guid('qualcoder-user:' + coder)
            project['users'][by_name[coder]] = coder
        start = source['text'].index(quote)
        source['codings'].append({'start': start, 'end': start + len(quote), 'unit': 'utf16',
                                  'code': code['guid'], 'user': by_name[coder]})
    write(project, out_qdpx)
    return project
