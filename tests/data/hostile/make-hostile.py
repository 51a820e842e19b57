#!/usr/bin/env python3
# make-hostile.py: writes the hostile and broken input files of tests/data/hostile/
#
# Each file is one attack on (or one way of breaking) an importer or the
# project file; manifest.tsv says how tests/cli/test_hostile.py feeds it to
# codeboom-cli and what the refusal must say.  Standard library only.
#
#   python3 tests/data/hostile/make-hostile.py          rewrites the committed files
#   python3 tests/data/hostile/make-hostile.py --check  says whether they are up to date
#
# Same script, same bytes: zip entries carry a fixed date, nothing is random.
# Files that would be big on disk, or that are made from a real project,
# are not committed: test_hostile.py makes them at test time with
# make_runtime() below (the manifest marks them "runtime"):
#   huge-200mb.txt      200 MB of text (written quickly, in 1 MiB blocks)
#   many-members.*      30,000 empty members (about 3 MB each)
#   *.codeboom          made from the sound project of the test
#
# SPDX-License-Identifier: GPL-3.0-or-later

import io
import os
import sqlite3
import struct
import sys
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = (2024, 3, 14, 12, 0, 0)
MIB = 1024 * 1024

# ------------------------------------------------------------------ zips


class Zip:
    """A zip written in memory with fixed dates; members may be written in
    blocks so that a 100 MiB member never sits in memory whole."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, 'w')

    def add(self, name, data, stored=False):
        info = zipfile.ZipInfo(name, DATE)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        if isinstance(data, str):
            data = data.encode('utf-8')
        self.zip.writestr(info, data)
        return self

    def add_blocks(self, name, head, block, count, tail=b''):
        """@head, then @block @count times, then @tail, deflated."""
        info = zipfile.ZipInfo(name, DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with self.zip.open(info, 'w') as member:
            member.write(head)
            for _ in range(count):
                member.write(block)
            member.write(tail)
        return self

    def bytes(self):
        self.zip.close()
        return self.buffer.getvalue()


def patch_uncompressed_size(data, member, size):
    """Makes @member's local and central headers declare @size bytes."""
    data = bytearray(data)
    name = member.encode()
    for signature, size_at, name_length_at, name_at in ((b'PK\x03\x04', 22, 26, 30),
                                                        (b'PK\x01\x02', 24, 28, 46)):
        pos = data.find(signature)
        while pos >= 0:
            length = struct.unpack_from('<H', data, pos + name_length_at)[0]
            if data[pos + name_at:pos + name_at + length] == name:
                struct.pack_into('<I', data, pos + size_at, size)
            pos = data.find(signature, pos + 4)
    return bytes(data)


# ------------------------------------------------------------ documents

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.wordprocessingml.document.main+xml"/></Types>')


def rels(target='word/document.xml'):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="%s"/></Relationships>' % target)


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DOCX_HEAD = '<w:document xmlns:w="%s"><w:body>' % W
DOCX_TAIL = '</w:body></w:document>'
PARAGRAPH = '<w:p><w:r><w:t>I: Hoe ervaart u de regels?</w:t></w:r></w:p>'


def docx_xml(body=PARAGRAPH, prolog=XML_DECL):
    return prolog + DOCX_HEAD + body + DOCX_TAIL


def docx(document, target='word/document.xml', part='word/document.xml', extra=()):
    z = Zip().add('[Content_Types].xml', CONTENT_TYPES).add('_rels/.rels', rels(target))
    if isinstance(document, tuple):
        z.add_blocks(part, *document)
    else:
        z.add(part, document)
    for name, data in extra:
        z.add(name, data)
    return z.bytes()


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"')
ODT_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
ODT_HEAD = '<office:document-content %s><office:body><office:text>' % ODT_NS
ODT_TAIL = '</office:text></office:body></office:document-content>'


def odt_xml(body='<text:p>I: Hoe ervaart u de regels?</text:p>', prolog='<?xml version="1.0" encoding="UTF-8"?>\n'):
    return prolog + ODT_HEAD + body + ODT_TAIL


def odt(content, extra=()):
    z = Zip().add('mimetype', 'application/vnd.oasis.opendocument.text', stored=True)
    z.add('META-INF/manifest.xml', ODT_MANIFEST)
    if isinstance(content, tuple):
        z.add_blocks('content.xml', *content)
    else:
        z.add('content.xml', content)
    for name, data in extra:
        z.add(name, data)
    return z.bytes()


QDE_NS = 'urn:QDA-XML:project:1.0'
SOURCE = '0f0e0d0c-0b0a-4909-8807-060504030201'
CODE = '11111111-2222-4333-8444-555555555555'
PLAIN = 'I: Hoe ervaart u de regels?\nR: De papierwinkel is eindeloos.\n'


def qde_xml(name='Vijandig', prolog='<?xml version="1.0" encoding="UTF-8"?>\n', extra=''):
    return (prolog + '<Project xmlns="%s" name="%s"><CodeBook><Codes>'
            '<Code guid="%s" name="Regels" isCodable="true"/></Codes></CodeBook>'
            '<Sources><TextSource guid="%s" name="Interview" plainTextPath="internal://%s.txt"/></Sources>'
            '%s</Project>\n' % (QDE_NS, name, CODE, SOURCE, SOURCE, extra))


def pdf_page_cycle():
    """A PDF whose page tree is a loop (/Pages 2 -> /Pages 6 -> /Pages 2): no
    page can be reached, which is damage, not a missing text layer."""
    content = b'BT /F1 12 Tf 72 720 Td (Hallo) Tj ET'
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>',
               b'<< /Type /Pages /Kids [6 0 R] /Count 1 >>',
               b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R '
               b'/Resources << /Font << /F1 5 0 R >> >> >>',
               b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
               b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
               b'<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']
    out = b'%PDF-1.4\n'
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % number + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    out += b''.join(b'%010d 00000 n \n' % offset for offset in offsets)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return out


def qdpx(qde, source=PLAIN.encode('utf-8'), extra=()):
    z = Zip()
    if isinstance(qde, tuple):
        z.add_blocks('project.qde', *qde)
    else:
        z.add('project.qde', qde)
    if source is not None:
        z.add('sources/%s.txt' % SOURCE, source)
    for name, data in extra:
        z.add(name, data)
    return z.bytes()


def qdc_xml(name='Regels', prolog='<?xml version="1.0" encoding="UTF-8"?>\n'):
    return (prolog + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            '<Code guid="%s" name="%s" isCodable="true"/></Codes></CodeBook>\n' % (CODE, name))


# ------------------------------------------------------- the attacks in XML

def xxe_file(root):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE %s [\n'
            '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n' % root)


def xxe_http(root):
    # An external DTD and a parameter entity fetched over http: a reader that
    # follows either leaks that it ran (and may send file contents along).
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE %s SYSTEM "http://127.0.0.1:9/evil.dtd" [\n'
            '<!ENTITY %% remote SYSTEM "http://127.0.0.1:9/remote.ent">\n%%remote;\n'
            '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/xxe">\n]>\n' % root)


def xxe_external_only(root):
    # No internal subset at all: only an external DTD to load.
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE %s SYSTEM "http://127.0.0.1:9/evil.dtd">\n' % root


def laughs(root):
    # The billion laughs: ten levels of ten references, 10^9 "lol"s.
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lines.append('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10))
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE %s [\n%s\n]>\n' % (root, '\n'.join(lines))


def docx_run(text):
    return '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % text


def odt_par(text):
    return '<text:p>%s</text:p>' % text


# ------------------------------------------------------------ other bytes

PDF = (b'%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
       b'2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n'
       b'trailer\n<< /Root 1 0 R >>\n%%EOF\n')
PNG = (b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)
       + b'\x3a\x7e\x9b\x55' + struct.pack('>I', 0) + b'IEND\xaeB`\x82')


def elf():
    """The start of a 64-bit x86 ELF executable, padded with code-like bytes."""
    header = bytearray(64)
    header[0:4] = b'\x7fELF'
    header[4:8] = bytes([2, 1, 1, 0])
    struct.pack_into('<HHIQQQIHHHHHH', header, 16, 2, 0x3e, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    body = bytes((i * 7 + (i >> 3)) & 0xff for i in range(4096))
    return bytes(header) + body


def invalid_utf8_binary():
    """Neither UTF-8, nor UTF-16, nor any 8-bit text: NULs spread unevenly,
    control characters, stray continuation bytes and overlong forms."""
    out = bytearray()
    for i in range(2000):
        out += b'Dit is tekst \xc0\xaf \xff\xfe\x00\x00\x01\x02 \x80\x81 \xed\xa0\x80 %d\x00\x1b[0m\n' % i
    return bytes(out)


# ------------------------------------------------------------ the cases

def committed_cases():
    """name -> bytes of every committed hostile file."""
    c = {}
    zeros = b'\0' * MIB
    spaces = b' ' * MIB

    # zip bombs: a high ratio (50 MiB of white space in ~50 kB), one member
    # over the 64 MiB limit (100 MiB in ~100 kB), one that declares 4 kB and
    # inflates to 50 MiB.
    head, tail = (XML_DECL + DOCX_HEAD + PARAGRAPH).encode(), DOCX_TAIL.encode()
    c['bomb-ratio.docx'] = docx((head, spaces, 50, tail))
    c['bomb-huge.docx'] = docx((head, spaces, 100, tail))
    c['bomb-lying-size.docx'] = patch_uncompressed_size(docx((head, spaces, 50, tail)), 'word/document.xml', 4096)
    head, tail = ('<?xml version="1.0" encoding="UTF-8"?>\n' + ODT_HEAD).encode(), ODT_TAIL.encode()
    c['bomb-ratio.odt'] = odt((head, spaces, 50, tail))
    c['bomb-huge.odt'] = odt((head, spaces, 100, tail))
    c['bomb-lying-size.odt'] = patch_uncompressed_size(odt((head, spaces, 50, tail)), 'content.xml', 4096)
    qde = qde_xml().encode()
    c['bomb-ratio.qdpx'] = Zip().add('project.qde', qde).add_blocks('sources/%s.txt' % SOURCE, b'', zeros,
                                                                   50).bytes()
    c['bomb-huge.qdpx'] = qdpx((qde[:-len('</Project>\n')], spaces, 100, b'</Project>\n'))
    c['bomb-lying-size.qdpx'] = patch_uncompressed_size(qdpx((qde[:-len('</Project>\n')], spaces, 50,
                                                              b'</Project>\n')), 'project.qde', 4096)
    c['bomb-ratio.qdc'] = Zip().add_blocks('project.qde', qde[:-len('</Project>\n')], spaces, 50,
                                           b'</Project>\n').bytes()
    # archives libzip refuses with a library message ("No such file", "File
    # already exists"): the message must say what is wrong with the file
    c['zip64-missing.qdpx'] = patch_uncompressed_size(qdpx(qde), 'project.qde', 0xFFFFFFFF)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')     # zipfile warns of the duplicate name
        c['zip-duplicate.qdpx'] = Zip().add('project.qde', qde).add('project.qde', qde).bytes()

    # XXE and the billion laughs, in each XML a user can hand us
    for kind, prolog in (('xxe-file', xxe_file), ('xxe-http', xxe_http),
                         ('xxe-external-dtd', xxe_external_only), ('laughs', laughs)):
        entity = '' if kind == 'xxe-external-dtd' else ('&lol9;' if kind == 'laughs' else '&xxe;')
        c[kind + '.docx'] = docx(docx_xml(docx_run(entity), prolog=prolog('w:document')))
        c[kind + '.odt'] = odt(odt_xml(odt_par(entity), prolog=prolog('office:document-content')))
        c[kind + '.qdpx'] = qdpx(qde_xml(name=entity, prolog=prolog('Project')))
        c[kind + '.qdc'] = qdc_xml(name=entity, prolog=prolog('CodeBook')).encode()
    # the DTD hidden in a part read before the main one
    c['xxe-rels.docx'] = Zip().add('[Content_Types].xml', CONTENT_TYPES) \
        .add('_rels/.rels', xxe_file('Relationships') + rels()[len(XML_DECL):]) \
        .add('word/document.xml', docx_xml()).bytes()
    c['xxe-manifest.odt'] = Zip().add('mimetype', 'application/vnd.oasis.opendocument.text', stored=True) \
        .add('META-INF/manifest.xml', xxe_file('manifest:manifest') + ODT_MANIFEST[39:]) \
        .add('content.xml', odt_xml()).bytes()
    # XML nested far deeper than any document (libxml2's limit is 256)
    # (kept under 1 MiB unpacked, so that the parser and not the zip-bomb
    # check meets it)
    c['deep-xml.docx'] = docx(docx_xml('<w:p>' + '<w:r>' * 60000 + '</w:r>' * 60000 + '</w:p>'))
    c['deep-xml.qdpx'] = qdpx(qde_xml(extra='<Notes>' + '<x>' * 100000 + '</x>' * 100000 + '</Notes>'))

    # zip-slip names: never extracted, but refused as what they are
    for label, name in (('dotdot', '../../evil.txt'), ('absolute', '/tmp/codeboom-hostile-evil.txt'),
                        ('backslash', '..\\..\\evil-win.txt')):
        c['slip-%s.qdpx' % label] = qdpx(qde_xml(), extra=((name, b'escaped'),))
        c['slip-%s.docx' % label] = docx(docx_xml(), extra=((name, b'escaped'),))
    # a .docx whose main part itself is reached through "../"
    c['slip-target.docx'] = docx(docx_xml(), target='../../evil.xml', part='../../evil.xml')

    # truncated archives: cut in the middle of the data, and just before
    # the end of the central directory
    for extension, whole in (('docx', docx(docx_xml(PARAGRAPH * 200))), ('odt', odt(odt_xml(odt_par('x') * 200))),
                             ('qdpx', qdpx(qde_xml()))):
        c['truncated-half.' + extension] = whole[:len(whole) // 2]
        c['truncated-tail.' + extension] = whole[:-10]

    # lying extensions
    c['pdf-as.docx'] = PDF
    c['png-as.odt'] = PNG
    c['zip-as.rtf'] = docx(docx_xml())
    c['elf-as.txt'] = elf()
    c['text-as.pdf'] = b'Geen PDF maar gewone tekst.\n' * 10
    c['pdf-page-cycle.pdf'] = pdf_page_cycle()
    c['text-as.qdpx'] = b'Geen archief maar gewone tekst.\n' * 10
    c['png-as.qdc'] = PNG

    # invalid UTF-8
    c['invalid-utf8.txt'] = invalid_utf8_binary()
    bad = b'\xc0\xaf\xff\xfe \xed\xa0\x80'
    c['invalid-utf8.docx'] = docx(docx_xml(docx_run('caf\ue000')).encode().replace('\ue000'.encode(), bad))
    c['invalid-utf8.odt'] = odt(odt_xml(odt_par('caf\ue000')).encode().replace('\ue000'.encode(), bad))
    c['invalid-utf8.qdpx'] = qdpx(qde_xml(name='caf\ue000').encode().replace('\ue000'.encode(), bad))
    c['invalid-utf8-source.qdpx'] = qdpx(qde_xml(), source=PLAIN.encode() + bad + b'\0\n')
    c['invalid-utf8.qdc'] = qdc_xml(name='caf\ue000').encode().replace('\ue000'.encode(), bad)

    # RTF nested 100,000 groups deep; a \bin that claims 2 GB
    c['deep-100k.rtf'] = b'{\\rtf1\\ansi ' + b'{' * 100000 + b'diep' + b'}' * 100000 + b'}'
    c['bin-2gb.rtf'] = b'{\\rtf1\\ansi {\\*\\blob\\bin2147483647 abc}}'
    return c


RUNTIME = ('huge-200mb.txt', 'many-members.docx', 'many-members.odt', 'many-members.qdpx',
           'other-db.codeboom', 'truncated.codeboom', 'garbage.codeboom', 'garbage-table.codeboom',
           'future.codeboom',
           'zero.codeboom', 'folder.codeboom',
           'foreign-trigger.codeboom', 'foreign-view.codeboom', 'changed-index.codeboom',
           'journal-table.codeboom', 'journal-column.codeboom', 'journal-key.codeboom',
           'invalid-utf8-text.codeboom')


# Schema objects someone else added: a trigger that silently undoes every
# coding, a view, and one of Codeboom's indexes with other SQL.
FOREIGN = {
    'foreign-trigger.codeboom':
        'CREATE TRIGGER keep_nothing AFTER INSERT ON coding BEGIN DELETE FROM coding WHERE id = NEW.id; END',
    'foreign-view.codeboom': 'CREATE VIEW everything AS SELECT * FROM coding',
    'changed-index.codeboom':
        'DROP INDEX coding_code; CREATE INDEX coding_code ON coding (code)',
}

# Undo journals that are not what Codeboom records: a table outside the
# whitelist (written as SQL, as version 1 would have run it), a column
# outside it, and a row value that disagrees with the entry's key.
JOURNAL = {
    'journal-table.codeboom': (0, "coding\"; DROP TABLE code; --", 'id', 1, ()),
    'journal-column.codeboom': (1, 'code', 'id', 999, (('id', 999), ('evil', 'x'))),
    'journal-key.codeboom': (1, 'coder', 'id', 999, (('id', 1), ('uuid', 'u'), ('name', 'n'))),
}


def many_members(kind):
    if kind == 'docx':
        z = Zip().add('[Content_Types].xml', CONTENT_TYPES).add('_rels/.rels', rels()).add('word/document.xml', docx_xml())
    elif kind == 'odt':
        z = Zip().add('mimetype', 'application/vnd.oasis.opendocument.text', stored=True) \
            .add('META-INF/manifest.xml', ODT_MANIFEST).add('content.xml', odt_xml())
    else:
        z = Zip().add('project.qde', qde_xml()).add('sources/%s.txt' % SOURCE, PLAIN)
    for i in range(30000):
        z.add('e/%d' % i, b'', stored=True)
    return z.bytes()


def make_runtime(name, directory, project=None):
    """Writes the hostile file @name into @directory; the .codeboom ones are
    made from @project (a sound Codeboom project, not changed).  Returns the
    path."""
    path = os.path.join(directory, name)
    if name == 'huge-200mb.txt':
        line = b'I: Hoe ervaart u de regels? R: De papierwinkel is eindeloos, zegt ze.\n'
        block = line * (MIB // len(line)) + b'x' * (MIB % len(line))
        with open(path, 'wb') as f:
            for _ in range(200):
                f.write(block)
    elif name.startswith('many-members.'):
        with open(path, 'wb') as f:
            f.write(many_members(name.split('.')[1]))
    elif name == 'folder.codeboom':
        os.mkdir(path)
    elif name == 'zero.codeboom':
        open(path, 'wb').close()
    elif name == 'other-db.codeboom':
        db = sqlite3.connect(path)
        db.execute('CREATE TABLE document (id INTEGER PRIMARY KEY, name TEXT, text TEXT)')
        db.execute("INSERT INTO document (name, text) VALUES ('ma07', 'not a Codeboom project')")
        db.commit()
        db.close()
    else:
        # copy through SQLite's backup API so that a WAL beside @project is included
        source = sqlite3.connect('file:%s?mode=ro' % project, uri=True)
        copy = sqlite3.connect(path)
        source.backup(copy)
        source.close()
        copy.execute('PRAGMA journal_mode = DELETE')
        if name == 'future.codeboom':
            copy.execute('PRAGMA user_version = 99')
            copy.commit()
        if name in FOREIGN:
            copy.executescript(FOREIGN[name])
            copy.commit()
        if name == 'invalid-utf8-text.codeboom':
            # 0xFF 0xFE over the first two bytes of every document's text
            copy.execute("UPDATE document SET text = CAST(x'fffe' || substr(CAST(text AS BLOB), 3) AS TEXT)")
            copy.commit()
            copy.execute('PRAGMA journal_mode = WAL')
        if name in JOURNAL:
            op, table, column, key, values = JOURNAL[name]
            step = copy.execute("INSERT INTO journal_step (kind, label, at) VALUES (0, 'Code', '2024-01-01')").lastrowid
            entry = copy.execute('INSERT INTO journal_entry (step, op, tbl, col, row_key) VALUES (?, ?, ?, ?, ?)',
                                 (step, op, table, column, key)).lastrowid
            for value_name, value in values:
                copy.execute('INSERT INTO journal_value (entry, name, value) VALUES (?, ?, ?)',
                             (entry, value_name, value))
            copy.commit()
            # as Codeboom keeps it: a refused undo must leave the bytes as they are
            copy.execute('PRAGMA journal_mode = WAL')
        project_root = copy.execute("SELECT rootpage FROM sqlite_master WHERE name = 'project'").fetchone()[0]
        copy.close()
        with open(path, 'rb') as f:
            data = bytearray(f.read())
        page = int.from_bytes(data[16:18], 'big') or 65536
        if name == 'truncated.codeboom':
            data = data[:len(data) // 2 + 100]
        elif name in ('garbage.codeboom', 'garbage-table.codeboom'):
            # garbage over the schema (after the 100-byte file header), or
            # over the root page of the project table
            start, end = (100, page) if name == 'garbage.codeboom' else \
                ((project_root - 1) * page, project_root * page)
            seed = 1
            for i in range(start, end):
                seed = (seed * 1103515245 + 12345) & 0x7fffffff
                data[i] = seed >> 16 & 0xff
        with open(path, 'wb') as f:
            f.write(data)
    return path


# ------------------------------------------------------------ the manifest
#
# name, how test_hostile.py uses it, exit status, what the message must say
# besides the file's name ("|" between fragments), what the case is.
# Uses: import (into the sound project, alone and beside a good file),
# new-from (`new NEW --from FILE`), code-import (into the sound project),
# open (the file is the project: `import FILE good.txt`), undo (the file is
# the project: `undo FILE`), search (the file is the project: `search FILE regels`).

DTD = 'declares a document type (DTD)'
BOMB = 'looks like a zip bomb'
LIMIT = 'more than the safety limit'
LYING = 'does not have the size the archive declares'
OUTSIDE = 'points outside the archive'
TRUNCATED = 'damaged or truncated'
NOT_ZIP = 'not a zip archive'
NOT_XML = 'not well-formed XML'
NOT_UTF8 = 'not proper UTF-8'
BINARY = 'binary data, not text'

MANIFEST = [
    ('bomb-ratio.docx', 'import', BOMB, 'document.xml: 50 MiB of spaces in 51 kB (ratio 1000:1)'),
    ('bomb-ratio.odt', 'import', BOMB, 'content.xml: 50 MiB of spaces in 51 kB'),
    ('bomb-ratio.qdpx', 'new-from', BOMB, 'a source text: 50 MiB of NULs in 51 kB'),
    ('bomb-ratio.qdc', 'code-import', BOMB, 'a .qdc that is a zip whose project.qde is 50 MiB in 51 kB'),
    ('bomb-huge.docx', 'import', LIMIT, 'document.xml: one 100 MiB member (limit 64 MiB)'),
    ('bomb-huge.odt', 'import', LIMIT, 'content.xml: one 100 MiB member'),
    ('bomb-huge.qdpx', 'new-from', LIMIT, 'project.qde: one 100 MiB member'),
    ('bomb-lying-size.docx', 'import', LYING, 'document.xml declares 4 kB, inflates to 50 MiB'),
    ('bomb-lying-size.odt', 'import', LYING, 'content.xml declares 4 kB, inflates to 50 MiB'),
    ('bomb-lying-size.qdpx', 'new-from', LYING, 'project.qde declares 4 kB, inflates to 50 MiB'),
    ('zip64-missing.qdpx', 'new-from', 'project.qde|declares a size of 4 GB or more',
     'project.qde declares 0xFFFFFFFF bytes (the ZIP64 marker) without a ZIP64 record'),
    ('zip-duplicate.qdpx', 'new-from', 'project.qde|two of its entries have the same name',
     'project.qde twice in the central directory'),
    ('many-members.docx', 'import', '30003 files|' + LIMIT, '30,000 empty members (runtime)'),
    ('many-members.odt', 'import', '30003 files|' + LIMIT, '30,000 empty members (runtime)'),
    ('many-members.qdpx', 'new-from', '30002 files|' + LIMIT, '30,000 empty members (runtime)'),
]
for what, words in (('xxe-file', 'an external entity to file:///etc/passwd'),
                    ('xxe-http', 'an external DTD, parameter entity and entity over http'),
                    ('xxe-external-dtd', 'only an external DTD over http, no internal subset'),
                    ('laughs', 'the billion laughs (10 levels of 10 entities)')):
    MANIFEST += [
        (what + '.docx', 'import', 'word/document.xml|' + DTD, 'word/document.xml: ' + words),
        (what + '.odt', 'import', 'content.xml|' + DTD, 'content.xml: ' + words),
        (what + '.qdpx', 'new-from', 'project.qde|' + DTD, 'project.qde: ' + words),
        (what + '.qdc', 'code-import', DTD, words),
    ]
MANIFEST += [
    ('xxe-rels.docx', 'import', '_rels/.rels|' + DTD, 'the package relationships, read first, hold the XXE'),
    ('xxe-manifest.odt', 'import', 'META-INF/manifest.xml|' + DTD, 'the ODF manifest holds the XXE'),
    ('deep-xml.docx', 'import', NOT_XML + '|depth', 'document.xml nests 60,000 elements'),
    ('deep-xml.qdpx', 'new-from', NOT_XML + '|depth', 'project.qde nests 100,000 elements'),
    ('slip-dotdot.qdpx', 'new-from', OUTSIDE + '|../../evil.txt', 'an entry ../../evil.txt'),
    ('slip-absolute.qdpx', 'new-from', OUTSIDE + '|/tmp/codeboom-hostile-evil.txt', 'an absolute entry'),
    ('slip-backslash.qdpx', 'new-from', OUTSIDE + '|..\\..\\evil-win.txt', 'an entry ..\\..\\evil-win.txt'),
    ('slip-dotdot.docx', 'import', OUTSIDE + '|../../evil.txt', 'an extra entry ../../evil.txt'),
    ('slip-absolute.docx', 'import', OUTSIDE + '|/tmp/codeboom-hostile-evil.txt', 'an extra absolute entry'),
    ('slip-backslash.docx', 'import', OUTSIDE + '|..\\..\\evil-win.txt', 'an extra entry ..\\..\\evil-win.txt'),
    ('slip-target.docx', 'import', OUTSIDE + '|../../evil.xml', 'the main part is ../../evil.xml'),
    ('truncated-half.docx', 'import', TRUNCATED, 'cut in half'),
    ('truncated-half.odt', 'import', TRUNCATED, 'cut in half'),
    ('truncated-half.qdpx', 'new-from', TRUNCATED, 'cut in half'),
    ('truncated-tail.docx', 'import', TRUNCATED, 'the last 10 bytes of the central directory cut'),
    ('truncated-tail.odt', 'import', TRUNCATED, 'the last 10 bytes of the central directory cut'),
    ('truncated-tail.qdpx', 'new-from', TRUNCATED, 'the last 10 bytes of the central directory cut'),
    ('pdf-as.docx', 'import', NOT_ZIP, 'a PDF named .docx'),
    ('png-as.odt', 'import', NOT_ZIP, 'a PNG named .odt'),
    ('zip-as.rtf', 'import', 'not an RTF file', 'a .docx (zip) named .rtf'),
    ('elf-as.txt', 'import', BINARY, 'an ELF executable named .txt'),
    ('text-as.pdf', 'import', 'not a PDF file', 'plain text named .pdf'),
    ('pdf-page-cycle.pdf', 'import', 'damaged PDF|page tree is broken', 'the page tree is a loop: no page can be reached'),
    ('text-as.qdpx', 'new-from', NOT_XML, 'plain text named .qdpx (read as a bare .qde)'),
    ('png-as.qdc', 'code-import', NOT_XML, 'a PNG named .qdc'),
    ('invalid-utf8.txt', 'import', BINARY, 'invalid UTF-8 with NULs and control characters: no encoding fits'),
    ('invalid-utf8.docx', 'import', 'word/document.xml|' + NOT_UTF8, 'overlong, 0xFF and surrogate bytes in the XML'),
    ('invalid-utf8.odt', 'import', 'content.xml|' + NOT_UTF8, 'overlong, 0xFF and surrogate bytes in the XML'),
    ('invalid-utf8.qdpx', 'new-from', 'project.qde|' + NOT_UTF8, 'invalid UTF-8 in the .qde'),
    ('invalid-utf8-source.qdpx', 'new-from', 'sources/|' + BINARY, 'invalid UTF-8 and a NUL in a source text'),
    ('invalid-utf8.qdc', 'code-import', NOT_UTF8, 'invalid UTF-8 in a code name'),
    ('deep-100k.rtf', 'import', 'nest more than 1000 deep', '100,000 nested groups'),
    ('bin-2gb.rtf', 'import', 'holds no text', 'a \\bin that claims 2 GB in a 40-byte file'),
    ('huge-200mb.txt', 'import', 'larger than 64 MB', '200 MB of text (runtime)'),
    ('other-db.codeboom', 'open', 'not a Codeboom project', 'another SQLite database (runtime)'),
    ('truncated.codeboom', 'open', 'damaged', 'the sound project cut in half (runtime)'),
    ('garbage.codeboom', 'open', 'damaged', 'garbage over the schema page of the sound project (runtime)'),
    ('garbage-table.codeboom', 'open', 'damaged',
     'garbage over the project table\'s page, which `check` sees and writes do not (runtime)'),
    ('future.codeboom', 'open', 'newer version of Codeboom', 'user_version 99 (runtime)'),
    ('zero.codeboom', 'open', 'not a Codeboom project', 'an empty file (runtime)'),
    ('folder.codeboom', 'open', 'not a Codeboom project', 'a folder named .codeboom (runtime)'),
    ('foreign-trigger.codeboom', 'open', 'damaged|trigger “keep_nothing”|repair',
     'a trigger that deletes every new coding (runtime)'),
    ('foreign-view.codeboom', 'open', 'damaged|view “everything”', 'a view (runtime)'),
    ('changed-index.codeboom', 'open', 'damaged|index “coding_code”', 'an index of Codeboom\'s with other SQL (runtime)'),
    ('journal-table.codeboom', 'undo', 'undo history|damaged|nothing was changed',
     'an undo step on a table outside the whitelist (runtime)'),
    ('journal-column.codeboom', 'undo', 'undo history|damaged', 'an undo step with an unknown column (runtime)'),
    ('invalid-utf8-text.codeboom', 'search', 'damaged|not valid UTF-8',
     'stored document texts that are not UTF-8 (runtime)'),
    ('journal-key.codeboom', 'undo', 'undo history|damaged', 'an undo step whose row disagrees with its key (runtime)'),
]


def manifest_text():
    lines = ['# file\tuse\tstatus\tfragments (besides the file name; | between)\tcase',
             '# written by make-hostile.py; "(runtime)" files are made by test_hostile.py']
    for name, use, fragments, what in MANIFEST:
        lines.append('\t'.join((name, use, '1', fragments, what)))
    return ('\n'.join(lines) + '\n').encode('utf-8')


def main(argv):
    cases = committed_cases()
    cases['manifest.tsv'] = manifest_text()
    listed = {row[0] for row in MANIFEST}
    assert listed == (set(cases) - {'manifest.tsv'}) | set(RUNTIME), listed ^ (set(cases) | set(RUNTIME))
    stale = []
    for name, data in sorted(cases.items()):
        path = os.path.join(HERE, name)
        current = open(path, 'rb').read() if os.path.exists(path) else None
        if current != data:
            stale.append(name)
            if '--check' not in argv:
                with open(path, 'wb') as f:
                    f.write(data)
    if '--check' in argv:
        for name in stale:
            print('differs: ' + name)
        return 1 if stale else 0
    print('%d files, %d rewritten' % (len(cases), len(stale)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
