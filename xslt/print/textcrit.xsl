<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus criticus in print, keyed to line numbers as in a printed
  critical edition: "12 came] camp MIA (ed.)". The reading shown in the text
  (lemma) carries an id and data-line-anchor; right after it stands its entry,
  a span of class "page-gathered" whose data-for names the lemma and which
  opens with an empty "app-line" placeholder. Python (teipress.linenumbers)
  writes the lemma's line number, taken from the real layout, into the
  placeholder and gathers the entries of each page into one footnote, the last
  band of the page foot (see linenumbers' module docstring for the contract).
  The text carries no call for the apparatus: the line number is the key.
  Inside a footnote (a choice in a note) the entry follows the reading in
  brackets instead.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!--
    The branch of an app or choice the printed text shows (mode tp:branch, as
    in HTML): its content only, inside the lemma's span; the other branches
    are in its apparatus entry at the page foot (mode tp:apparatus-branch,
    the HTML rules). One rule per element, for an override to replace.
  -->
  <xsl:template match="tei:sic" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:corr" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:orig" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:reg" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:expan" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:lem" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The HTML id of the lemma (the shown reading) of an apparatus item. -->
  <xsl:function name="tp:lemma-id" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="tp:apparatus-id($item) || '-lem'"/>
  </xsl:function>

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
        <span class="page-gathered app-entry app-{tp:apparatus-kind(.)}" id="{tp:apparatus-id(.)}" data-for="{tp:lemma-id(.)}">
          <span class="app-line" data-for="{tp:lemma-id(.)}" data-locus="{tp:locus-label(.)}"/>
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="$entry" mode="tp:phrasing"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The shown reading: as in HTML, plus the id and line anchor of the lemma (not inside footnotes, where no line is counted). -->
  <xsl:template name="tp:intervention-attributes">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="tp:in-footnote" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:call-template name="tp:attributes">
      <xsl:with-param name="class" select="'intervention', $kind"/>
      <xsl:with-param name="with-id" select="false()"/>
    </xsl:call-template>
    <xsl:if test="tp:is-apparatus-item(.)">
      <xsl:attribute name="data-app" select="tp:apparatus-id(.)"/>
      <xsl:if test="not($tp:in-footnote)">
        <xsl:attribute name="id" select="tp:lemma-id(.)"/>
        <xsl:attribute name="data-line-anchor" select="''"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
