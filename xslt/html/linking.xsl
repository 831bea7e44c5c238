<?xml version="1.0" encoding="UTF-8"?>
<!--
  Links in HTML: ref and ptr become <a> with the href of their target inside
  the edition ("sedova-assassins.xml#sedova-p3" → "sedova-assassins.html#sedova-p3")
  or as written; inside another link they stay text. anchor keeps its id.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="uri" select="tokenize(normalize-space((@target, @url)[1]), ' ')[1]"/>
    <xsl:variable name="href" select="if (exists($uri)) then tp:pointer-href(., $uri) else ()"/>
    <xsl:element name="{if (exists($href) and not($tp:in-link)) then 'a' else 'span'}">
      <xsl:if test="exists($href) and not($tp:in-link)">
        <xsl:attribute name="href" select="$href"/>
      </xsl:if>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:if test="self::tei:ptr or (normalize-space(.) eq '' and not(*))">{$uri}</xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- An anchor keeps its id; content (not allowed by TEI, found in practice) is kept too. -->
  <xsl:template match="tei:anchor">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-anchor'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:seg | tei:w | tei:pc | tei:c | tei:g">
    <xsl:choose>
      <xsl:when test="@xml:id or @rend or @rendition or @xml:lang or self::tei:seg">
        <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-' || local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
