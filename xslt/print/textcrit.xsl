<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus in print: each apparatus item (app, choice, supplied) is a
  footnote called by a letter (a, b, c …) right after the reading, holding the
  entry text "came] camp W1 (ed.)". Inside a footnote (a choice in a note),
  the entry follows the reading in brackets instead.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:app | tei:choice | tei:supplied" mode="tp:call">
    <xsl:param name="tp:in-footnote" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:in-footnote">
        <span class="app-inline"> [<xsl:call-template name="tp:app-entry-text"/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="entry" as="node()*">
          <xsl:call-template name="tp:app-entry-text"/>
        </xsl:variable>
        <span class="fn fn-app app-{tp:apparatus-kind(.)}" id="{tp:apparatus-id(.)}" data-call="{tp:apparatus-letter(.)}">
          <xsl:apply-templates select="$entry" mode="tp:phrasing"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
