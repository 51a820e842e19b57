<?xml version="1.0" encoding="UTF-8"?>
<!--
  quotes-markdown.xsl: a quote list as Markdown (CommonMark)

  SPDX-License-Identifier: GPL-3.0-or-later

  Codes in tree order as ATX headings (# for the top level exported), the
  definition in italics, then each quote: short ones inline between
  typographic quotation marks (none added to a text that starts with one), long ones (@block) as "> " block quotes
  (every line prefixed), each followed by its citation.  Characters that
  Markdown would read as markup are escaped with a backslash.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:codeboom:quotes:1">

  <xsl:import href="quotes-common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/q:quotes">
    <xsl:apply-templates select="q:codes/q:code"/>
  </xsl:template>

  <!-- Backslash-escapes \ ` * _ [ ] < > # | so that text stays text. -->
  <xsl:template name="escape">
    <xsl:param name="text"/>
    <xsl:param name="chars" select="'\`*_[]&lt;&gt;#|'"/>
    <xsl:choose>
      <xsl:when test="$chars = ''">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="c" select="substring($chars, 1, 1)"/>
        <xsl:variable name="escaped">
          <xsl:choose>
            <xsl:when test="contains($text, $c)">
              <xsl:call-template name="replace">
                <xsl:with-param name="text" select="$text"/>
                <xsl:with-param name="from" select="$c"/>
                <xsl:with-param name="to" select="concat('\', $c)"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:call-template name="escape">
          <xsl:with-param name="text" select="$escaped"/>
          <xsl:with-param name="chars" select="substring($chars, 2)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="q:code">
    <xsl:variable name="uuid" select="@uuid"/>
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <xsl:value-of select="substring('######', 1, $level)"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="@name"/>
    </xsl:call-template>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:if test="q:definition">
      <xsl:text>*</xsl:text>
      <xsl:call-template name="escape">
        <xsl:with-param name="text" select="normalize-space(q:definition)"/>
      </xsl:call-template>
      <xsl:text>*&#10;&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="q:memo"/>
    <xsl:for-each select="key('quotes-by-code', $uuid)">
      <xsl:variable name="citation" select="q:code-ref[@code = $uuid]/@citation"/>
      <xsl:variable name="text">
        <xsl:call-template name="escape">
          <xsl:with-param name="text" select="q:text"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <xsl:text>&gt; </xsl:text>
          <xsl:call-template name="replace">
            <xsl:with-param name="text" select="$text"/>
            <xsl:with-param name="from" select="'&#10;'"/>
            <xsl:with-param name="to" select="'&#10;&gt; '"/>
          </xsl:call-template>
          <xsl:if test="string($citation) != ''">
            <xsl:text>&#10;&gt;&#10;&gt; </xsl:text>
            <xsl:call-template name="escape">
              <xsl:with-param name="text" select="$citation"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(starts-with(q:text, '“'))">“</xsl:if>
          <xsl:value-of select="translate($text, '&#10;', ' ')"/>
          <xsl:if test="not(starts-with(q:text, '“'))">”</xsl:if>
          <xsl:if test="string($citation) != ''">
            <xsl:text> </xsl:text>
            <xsl:call-template name="escape">
              <xsl:with-param name="text" select="$citation"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:apply-templates select="q:code-ref[@code = $uuid]/q:memo"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A code's or a coding's memo (export with memos): a bold label, then
       its text on one line. -->
  <xsl:template match="q:memo">
    <xsl:text>**</xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="@label"/>
    </xsl:call-template>
    <xsl:text>:** </xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="normalize-space(.)"/>
    </xsl:call-template>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
