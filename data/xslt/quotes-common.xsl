<?xml version="1.0" encoding="UTF-8"?>
<!--
  quotes-common.xsl: what the quote-list stylesheets share

  SPDX-License-Identifier: GPL-3.0-or-later

  Input: the quotes XML (urn:codeboom:quotes:1, data/xml/codeboom-quotes-1.xsd)
  as Codeboom hands it to the stylesheets, with two attributes it adds
  before the transformation: q:quote/@block ("true" for quotes longer than
  the block-quote threshold) and q:code-ref/@citation (the citation of that
  quote under that code, from the user's template).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:codeboom:quotes:1">

  <xsl:key name="quotes-by-code" match="q:quote" use="q:code-ref/@code"/>

  <!-- Replaces every $from in $text by $to. -->
  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="substring-before($text, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of an inline quote (the context q:quote) between
       typographic quotation marks, or as it is when it already starts with
       one (the coded text is itself a quotation): never two pairs. -->
  <xsl:template name="inline-text">
    <xsl:choose>
      <xsl:when test="starts-with(q:text, '“')">
        <xsl:value-of select="q:text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('“', q:text, '”')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A heading level a format can show: 1 to 6. -->
  <xsl:template name="heading-level">
    <xsl:choose>
      <xsl:when test="@level &gt; 6">6</xsl:when>
      <xsl:otherwise><xsl:value-of select="@level"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
