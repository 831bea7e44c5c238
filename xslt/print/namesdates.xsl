<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names in print: plain text with the class of their kind (no link colour,
  no link: the register pages are not part of the PDF). In the reading text
  and the notes a mention carries its id, the target of the index's page
  references (volume.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:*[@ref][tp:is-mention(.)]" priority="2">
    <xsl:param name="tp:ids" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="tp:mention-entry(.)"/>
    <span>
      <xsl:call-template name="tp:mention-attributes">
        <xsl:with-param name="kind" select="(($entry ! tp:entry-kind(.)), tp:mention-kind(.))[1]"/>
        <xsl:with-param name="entry" select="$entry"/>
        <xsl:with-param name="id" select="if ($tp:ids and exists(ancestor::tei:text)) then tp:mention-id(.) else ()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
