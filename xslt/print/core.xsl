<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in print: each counted note is a footnote (float: footnote in
  print.css) at its place in the text, numbered by its data-call, and a line
  anchor (data-line-anchor: the apparatus of its page is placed after it); a
  note inside a footnote stays in the running text of that footnote, in
  parentheses. With print-notes = 'endnotes' a note is a numbered call in the
  text and its body goes to the Notes at the end of its text.
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

  <!-- Where the notes of the texts go: 'footnotes' (at the foot of the page of their call) or 'endnotes' (after each text). -->
  <xsl:param name="print-notes" as="xs:string" select="'footnotes'"/>

  <!--
    The editors' reference to a quotation's source (html/core.xsl shows it after the quotation on the
    web and in the EPUB): left out of the PDF for now. Set inline it moved Sedova's page breaks so far
    that a footnote left the page of its call (tests/test_build.py); a footnote of its own is to do.
  -->
  <xsl:template match="tei:cit/tei:bibl[@resp]" priority="1"/>

  <xsl:template match="tei:note" mode="tp:call">
    <xsl:param name="tp:in-footnote" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$print-notes eq 'endnotes' and not($tp:in-footnote)">
        <xsl:next-match/>
      </xsl:when>
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
        <span class="fn fn-note {tp:note-class(.)}" id="{tp:note-id(.)}" data-call="{tp:note-number(.)}" data-line-anchor="">
          <xsl:apply-templates select="$body" mode="tp:phrasing"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The endnotes of a text (print-notes = 'endnotes'): every counted note, numbered as its call. -->
  <xsl:template name="tp:print-endnotes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="notes" select="$tei/tei:text//tei:note[tp:is-counted-note(.)]"/>
    <xsl:if test="$print-notes eq 'endnotes' and exists($notes)">
      <section class="endnotes" id="{tp:id-prefix($tei)}notes">
        <h2 class="endnotes-title">{tp:l10n('print-notes')}</h2>
        <ol class="note-list">
          <xsl:apply-templates select="$notes" mode="tp:note-entry">
            <xsl:with-param name="tp:ids" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </ol>
      </section>
    </xsl:if>
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
