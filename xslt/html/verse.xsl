<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse in HTML: line groups and lines as blocks; a line's @n shown beside
  every fifth numbered line.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:lg">
    <div>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-lg', @type ! ('type-' || replace(lower-case(.), '[^a-z0-9_-]+', '-'))"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <div>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-l'"/>
      </xsl:call-template>
      <xsl:if test="@n">
        <xsl:attribute name="data-n" select="@n"/>
        <xsl:if test="@n castable as xs:integer and xs:integer(@n) mod 5 eq 0">
          <span class="line-num" aria-hidden="true">{@n}</span>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
</xsl:stylesheet>
