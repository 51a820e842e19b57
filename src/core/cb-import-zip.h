/* cb-import-zip.h: safe reading of zip containers and their XML (private)
 *
 * Word and OpenDocument files, REFI-QDA projects and anything else that comes
 * to Codeboom as a zip of XML goes through here, so that the safety rules
 * live in one place:
 *
 *  - the archive is read from memory, or opened in place on disk, and
 *    never extracted, so member names cannot escape anywhere; still, an
 *    archive with an entry that would (absolute, "..", also with "\\" as
 *    separator) is refused by cb_zip_open_bytes() and cb_zip_open_file(),
 *    and cb_zip_member_name_is_safe() applies the stricter rule for callers
 *    that map names to places;
 *  - every member is checked against size, compression-ratio and count
 *    limits before a byte is inflated (a member parsed as a stream has a
 *    larger size limit: it is never in memory whole), and inflating stops
 *    at the size the archive declared (a lying header is a damaged file,
 *    not a bigger one);
 *  - encrypted members are refused as encrypted, not as damaged;
 *  - XML is parsed without ever resolving entities, loading a DTD or
 *    touching the network: a document that declares a DTD is refused before
 *    its internal subset is even read.
 *
 * Every error is in CB_IMPORT_ERROR and names the archive member when
 * there is one; its message is a sentence meant to follow "Cannot import
 * “FILE”: ", which cb_import_bytes() prefixes (other callers must name the
 * file themselves, e.g. with g_prefix_error()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 max_member_size;  /* uncompressed bytes of one member */
  guint64 max_total_size;   /* uncompressed bytes read from one archive, all members */
  guint64 max_ratio;        /* uncompressed : compressed, checked above ratio_min_size */
  guint64 ratio_min_size;   /* members smaller than this may compress as well as they like */
  guint64 max_members;      /* entries in the central directory */
  /* The two size limits follow the archive's real content: for an archive
   * of more than scale_above bytes they grow in proportion to its size
   * (a 128 MB .qdpx may unpack 32 times what a 4 MiB one may), never
   * beyond the hard limits.  The ratio limit stops bombs whatever the
   * archive's size. */
  guint64 scale_above;
  guint64 hard_member_size;
  guint64 hard_total_size;
  /* A member parsed as a stream (cb_xml_reader_new_for_member()) is never
   * held in memory: it scales like the others but up to this limit, which
   * only bounds the time a hostile archive can cost. */
  guint64 hard_stream_size;
} CbZipLimits;

/* 64 MiB a member, 256 MiB an archive, 100:1 above 1 MiB, 20000 members;
 * for archives above 4 MiB the sizes grow in proportion, up to 2000 MiB a
 * member (what libxml2 parses from memory) and 4 GiB an archive; a member
 * read as a stream up to 64 GiB. */
extern const CbZipLimits cb_zip_default_limits;

typedef struct _CbZip CbZip;

/**
 * cb_zip_open_bytes:
 * @filename: the file's name, kept for cb_zip_get_filename()
 * @data: the archive's bytes; must stay alive until cb_zip_free()
 * @length: their length
 * @limits: (nullable): limits, or %NULL for cb_zip_default_limits
 * @error: a #GError in %CB_IMPORT_ERROR
 *
 * Opens a zip archive held in memory.  A file that is not a zip at all, or
 * a truncated or damaged one, is %CB_IMPORT_ERROR_CORRUPT; an OLE2
 * compound file (what Office writes for a password-protected document) is
 * %CB_IMPORT_ERROR_ENCRYPTED when it holds an encrypted package.
 */
CbZip       *cb_zip_open_bytes         (const char         *filename,
                                        const guint8       *data,
                                        gsize               length,
                                        const CbZipLimits  *limits,
                                        GError            **error);
/**
 * cb_zip_open_file:
 * @filename: the file's name, kept for cb_zip_get_filename()
 * @path: the archive on disk
 * @limits: (nullable): limits, or %NULL for cb_zip_default_limits
 * @error: a #GError in %CB_IMPORT_ERROR
 *
 * Like cb_zip_open_bytes(), but the archive stays on disk and only the
 * members read are ever in memory; the size limits follow the file's size.
 * A file libzip refuses is read whole and diagnosed as cb_zip_open_bytes()
 * does, so that the messages are the same.
 */
CbZip       *cb_zip_open_file          (const char         *filename,
                                        const char         *path,
                                        const CbZipLimits  *limits,
                                        GError            **error);
void         cb_zip_free               (CbZip              *self);

const char  *cb_zip_get_filename       (CbZip              *self);
guint64      cb_zip_get_n_members      (CbZip              *self);
/* The name of member @index as stored (may be unsafe: see below). */
const char  *cb_zip_get_member_name    (CbZip              *self,
                                        guint64             index);
gboolean     cb_zip_has_member         (CbZip              *self,
                                        const char         *name);

/**
 * cb_zip_read_member:
 * @self: an archive
 * @name: the member's exact name
 * @error: a #GError in %CB_IMPORT_ERROR
 *
 * Inflates one member within the limits.  The returned bytes are followed
 * by a NUL that is not counted in their size.
 *
 * Returns: (transfer full): the member's bytes, or %NULL with @error set
 *   (%CB_IMPORT_ERROR_CORRUPT when there is no such member)
 */
GBytes      *cb_zip_read_member        (CbZip              *self,
                                        const char         *name,
                                        GError            **error);

/* TRUE when @name is relative and never climbs out with "..", has no
 * backslashes, drive letters or control characters. */
gboolean     cb_zip_member_name_is_safe (const char        *name);

/* The libxml2 options Codeboom parses every XML document with:
 * XML_PARSE_NONET, no XML_PARSE_NOENT, no DTD loading or validation. */
int          cb_xml_parse_options      (void);

/**
 * cb_xml_parse_safe:
 * @filename: the file's name (named in messages when @member is %NULL)
 * @member: (nullable): names the archive member in messages
 * @data: the XML's bytes
 * @length: their length
 * @error: a #GError in %CB_IMPORT_ERROR
 *
 * Parses XML with cb_xml_parse_options().  A document with a DOCTYPE or
 * an entity declaration is refused (%CB_IMPORT_ERROR_UNSAFE) as soon as
 * the parser sees it; XML that is not well-formed is
 * %CB_IMPORT_ERROR_CORRUPT.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc      *cb_xml_parse_safe         (const char         *filename,
                                        const char         *member,
                                        const char         *data,
                                        gsize               length,
                                        GError            **error);

/* A streaming XML reader (libxml2's xmlTextReader) with the same safety
 * rules as cb_xml_parse_safe(): the bytes pass through a check that
 * refuses a DOCTYPE (hence any entity declaration) before the parser ever
 * sees it, the parser runs with cb_xml_parse_options(), and every failure
 * is one GError in CB_IMPORT_ERROR that names the file or member. */
typedef struct _CbXmlReader CbXmlReader;

/* Parses member @name of @zip as it is inflated, never holding it whole;
 * the member is checked against the stream limit and the ratio limit
 * first, and must have the size the archive declares. */
CbXmlReader *cb_xml_reader_new_for_member (CbZip          *zip,
                                           const char     *name,
                                           GError        **error);
/* Parses @data (which must outlive the reader); @filename names it. */
CbXmlReader *cb_xml_reader_new_for_memory (const char     *filename,
                                           const char     *data,
                                           gsize           length);
void         cb_xml_reader_free           (CbXmlReader    *self);
/* The underlying reader, for its node accessors; move it only with
 * cb_xml_reader_read(). */
struct _xmlTextReader *cb_xml_reader_get  (CbXmlReader    *self);
/* Moves to the next node: 1 on a node, 0 at the end, -1 with @error set
 * (%CB_IMPORT_ERROR_UNSAFE for a DTD, %CB_IMPORT_ERROR_CORRUPT for XML that
 * is not well-formed or a damaged member, %CB_IMPORT_ERROR_TOO_LARGE). */
int          cb_xml_reader_read           (CbXmlReader    *self,
                                           GError        **error);

/* TRUE when @node is an element named @name in namespace @ns_href. */
gboolean     cb_xml_is                 (const xmlNode      *node,
                                        const char         *ns_href,
                                        const char         *name);

/* The value of attribute @name in namespace @ns_href (NULL for none), or NULL. */
char        *cb_xml_dup_prop           (const xmlNode      *node,
                                        const char         *ns_href,
                                        const char         *name);

/* What a tree walker does with an element's children. */
typedef enum
{
  CB_XML_SKIP,      /* not its children, and no leave call */
  CB_XML_DESCEND,   /* its children, then the leave call */
} CbXmlVisit;

typedef CbXmlVisit (*CbXmlEnterFunc) (xmlNode  *node,
                                      gpointer  user_data);
typedef void       (*CbXmlLeaveFunc) (xmlNode  *node,
                                      gpointer  user_data);

/* Visits the descendants of @root in document order without recursion
 * (the depth is bounded by libxml2's own limit anyway). */
void         cb_xml_walk               (xmlNode            *root,
                                        CbXmlEnterFunc      enter,
                                        CbXmlLeaveFunc      leave,
                                        gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbZip, cb_zip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbXmlReader, cb_xml_reader_free)

G_END_DECLS
