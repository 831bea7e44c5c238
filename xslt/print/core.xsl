<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in print: each counted note is a footnote (float: footnote in
  print.css) at its place in the text, numbered by its data-call; a note
  inside a footnote stays in the running text of that footnote, in parentheses.
  Footnote bodies hold only phrase-level HTML (blocks become spans with the
  class "block-NAME"), so that an HTML parser keeps them inside the paragraph,
  and no line feeds (see mode tp:phrasing).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:note" mode="tp:call">
    <xsl:param name="tp:in-footnote" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:in-footnote">
        <span class="note-inline"> (<xsl:apply-templates/>)</span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="body" as="node()*">
          <xsl:apply-templates>
            <xsl:with-param name="tp:in-footnote" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="tp:is-editorial-note(.)">
            <xsl:text> </xsl:text>
            <span class="note-resp">{tp:l10n('app-resp', (tp:resp-label(.), tp:l10n('resp-editors'))[1])}</span>
          </xsl:if>
        </xsl:variable>
        <span class="fn fn-note {tp:note-class(.)}" id="{tp:note-id(.)}" data-call="{tp:note-number(.)}">
          <xsl:apply-templates select="$body" mode="tp:phrasing"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Mode tp:phrasing: HTML made phrase-level; blocks become spans with class "block-NAME". -->
  <xsl:variable name="tp:html-blocks" as="xs:string+" select="('p', 'div', 'section', 'blockquote', 'figure',
    'figcaption', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tbody', 'tr', 'td', 'th', 'caption',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'aside', 'nav', 'article', 'main', 'pre', 'hr', 'address')"/>

  <xsl:template match="*" mode="tp:phrasing">
    <xsl:choose>
      <xsl:when test="local-name() = $tp:html-blocks">
        <span class="{string-join((@class, 'block-' || local-name()), ' ')}">
          <xsl:copy-of select="@* except @class"/>
          <xsl:apply-templates mode="tp:phrasing"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <xsl:apply-templates mode="tp:phrasing"/>
        </xsl:copy>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whitespace runs become one space: WeasyPrint 70 fails on a line feed inside a footnote ("Got ' \n' between two lines"). -->
  <xsl:template match="text()" mode="tp:phrasing">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>
</xsl:stylesheet>
