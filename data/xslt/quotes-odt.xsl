<?xml version="1.0" encoding="UTF-8"?>
<!--
  quotes-odt.xsl: a quote list as content.xml of an OpenDocument text (.odt)

  SPDX-License-Identifier: GPL-3.0-or-later

  Codeboom zips the result with mimetype (first, uncompressed) and
  META-INF/manifest.xml.  Codes in tree order as text:h with their outline
  level and definition, then each quote: short ones inline between
  typographic quotation marks (none added to a text that starts with one), long ones (@block) as indented paragraphs,
  each followed by its citation.  Line breaks in a quote become
  text:line-break.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:codeboom:quotes:1"
                xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
                xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
                xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
                exclude-result-prefixes="q">

  <xsl:import href="quotes-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/q:quotes">
    <office:document-content office:version="1.2">
      <office:automatic-styles>
        <style:style style:name="Definition" style:family="paragraph">
          <style:text-properties fo:font-style="italic"/>
        </style:style>
        <style:style style:name="Memo" style:family="paragraph">
          <style:paragraph-properties fo:margin-left="0.6cm"/>
        </style:style>
        <style:style style:name="MemoLabel" style:family="text">
          <style:text-properties fo:font-weight="bold"/>
        </style:style>
        <style:style style:name="BlockQuote" style:family="paragraph">
          <style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"
                                      fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
        </style:style>
      </office:automatic-styles>
      <office:body>
        <office:text>
          <xsl:apply-templates select="q:codes/q:code"/>
        </office:text>
      </office:body>
    </office:document-content>
  </xsl:template>

  <!-- $text with a text:line-break for each line break. -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <xsl:value-of select="substring-before($text, '&#10;')"/>
        <text:line-break/>
        <xsl:call-template name="lines">
          <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="q:code">
    <xsl:variable name="uuid" select="@uuid"/>
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <text:h text:outline-level="{$level}"><xsl:value-of select="@name"/></text:h>
    <xsl:if test="q:definition">
      <text:p text:style-name="Definition">
        <xsl:call-template name="lines">
          <xsl:with-param name="text" select="q:definition"/>
        </xsl:call-template>
      </text:p>
    </xsl:if>
    <xsl:apply-templates select="q:memo"/>
    <xsl:for-each select="key('quotes-by-code', $uuid)">
      <xsl:variable name="citation" select="q:code-ref[@code = $uuid]/@citation"/>
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <text:p text:style-name="BlockQuote">
            <xsl:call-template name="lines">
              <xsl:with-param name="text" select="q:text"/>
            </xsl:call-template>
            <xsl:if test="string($citation) != ''">
              <xsl:text> </xsl:text>
              <xsl:value-of select="$citation"/>
            </xsl:if>
          </text:p>
        </xsl:when>
        <xsl:otherwise>
          <text:p>
            <xsl:call-template name="lines">
              <xsl:with-param name="text"><xsl:call-template name="inline-text"/></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="string($citation) != ''">
              <xsl:text> </xsl:text>
              <xsl:value-of select="$citation"/>
            </xsl:if>
          </text:p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="q:code-ref[@code = $uuid]/q:memo"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A code's or a coding's memo (export with memos), indented, its label bold. -->
  <xsl:template match="q:memo">
    <text:p text:style-name="Memo">
      <text:span text:style-name="MemoLabel"><xsl:value-of select="@label"/>: </text:span>
      <xsl:call-template name="lines">
        <xsl:with-param name="text" select="."/>
      </xsl:call-template>
    </text:p>
  </xsl:template>

</xsl:stylesheet>
