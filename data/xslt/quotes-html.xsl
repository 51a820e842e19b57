<?xml version="1.0" encoding="UTF-8"?>
<!--
  quotes-html.xsl: a quote list as one HTML page

  SPDX-License-Identifier: GPL-3.0-or-later

  Codes in tree order as headings (h1 for the top level exported), each
  with its definition, then its quotes: short ones inline between
  typographic quotation marks (none added to a text that starts with one), long ones (@block) as block quotes, each
  followed by its citation.  The text is copied exactly; line breaks are
  kept by white-space: pre-wrap.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:codeboom:quotes:1"
                exclude-result-prefixes="q">

  <xsl:import href="quotes-common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/q:quotes">
    <html>
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="@project"/></title>
        <style>
          body { font-family: serif; max-width: 40em; margin: 2em auto; line-height: 1.5; }
          .definition { font-style: italic; }
          .quote, blockquote p { white-space: pre-wrap; }
          blockquote { margin: 1em 2em; }
          .citation { white-space: nowrap; }
          .memo { white-space: pre-wrap; margin-left: 2em; padding-left: 0.5em; border-left: 2px solid #999; font-size: smaller; }
          .memo-label { font-weight: bold; }
        </style>
      </head>
      <body>
        <xsl:apply-templates select="q:codes/q:code"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="q:code">
    <xsl:variable name="uuid" select="@uuid"/>
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:value-of select="@name"/>
    </xsl:element>
    <xsl:if test="q:definition">
      <p class="definition"><xsl:value-of select="q:definition"/></p>
    </xsl:if>
    <xsl:apply-templates select="q:memo"/>
    <xsl:for-each select="key('quotes-by-code', $uuid)">
      <xsl:variable name="citation" select="q:code-ref[@code = $uuid]/@citation"/>
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <blockquote>
            <p><xsl:value-of select="q:text"/></p>
            <xsl:if test="string($citation) != ''">
              <footer class="citation"><xsl:value-of select="$citation"/></footer>
            </xsl:if>
          </blockquote>
        </xsl:when>
        <xsl:otherwise>
          <p class="quote">
            <xsl:call-template name="inline-text"/>
            <xsl:if test="string($citation) != ''">
              <xsl:text> </xsl:text>
              <span class="citation"><xsl:value-of select="$citation"/></span>
            </xsl:if>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="q:code-ref[@code = $uuid]/q:memo"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A code's or a coding's memo (export with memos). -->
  <xsl:template match="q:memo">
    <p class="memo">
      <span class="memo-label"><xsl:value-of select="@label"/>: </span>
      <xsl:value-of select="."/>
    </p>
  </xsl:template>

</xsl:stylesheet>
