<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML page of one text of the edition (html.xsl: its entry stylesheet, with the modules).
  Source: the edition document (tp:edition); parameter text-id names the
  tp:text to render. Page: site header, the text's header block, the reading
  text (#reading-text), the apparatus (#apparatus), the notes (#notes), footer.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The @id of the tp:text to render. -->
  <xsl:param name="text-id" as="xs:string" select="''"/>

  <!-- The default mode, and html/site.xsl's mode of this stylesheet. -->
  <xsl:template match="/" mode="#default tp:entry-text-page">
    <xsl:variable name="text" select="key('tp:text-by-id', $text-id)"/>
    <xsl:if test="empty($text)">
      <xsl:message terminate="yes" error-code="tp:unknown-text">teipress: no text with id "{$text-id}" in the edition document</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$text[1]" mode="tp:text-page"/>
  </xsl:template>

  <!-- The page of a text. -->
  <xsl:template match="tp:text" mode="tp:text-page">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:text-title($tei)"/>
      <xsl:with-param name="page-class" select="'text-page'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="." mode="tp:text-content"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!--
    What main holds on a text page. The article carries the current view in
    data-view (without script "reading", "diplomatic" under that convention; teipress.js switches it) and the views
    the text offers in data-views; the reading text is rendered for the web
    (tunnel parameter tp:web: alternatives of every view, cross-references,
    entity cards), which print, overriding this template, does not ask for.
  -->
  <xsl:template match="tp:text" mode="tp:text-content">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <article class="edition-text" id="text-{tp:safe-id(@id)}" data-view="{tp:first-view($tei)}"
             data-views="{tp:views($tei) ! tp:view-token(.)}" data-pagefind-body="">
      <xsl:apply-templates select="." mode="tp:header"/>
      <xsl:call-template name="tp:text-tools">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <!-- Tunnelled, not a parameter of tp:reading-text: print overrides that template with its own parameters. -->
      <xsl:call-template name="tp:reading-text">
        <xsl:with-param name="tei" select="$tei"/>
        <xsl:with-param name="tp:web" select="true()" tunnel="yes"/>
      </xsl:call-template>
      <!-- A letter's previous and next letters: where a reader who has read it looks for them. -->
      <xsl:apply-templates select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspContext"
                           mode="tp:letter-navigation"/>
      <xsl:call-template name="tp:apparatus-section">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:call-template name="tp:notes-section">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <!-- The places the text names, on a map (folded: html/map.xsl); after the text and its notes, so that
           on a phone the text begins on the first screen. -->
      <xsl:apply-templates select="." mode="tp:text-places"/>
      <xsl:call-template name="tp:entity-cards">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <!--
    The reading text: front, body, back of the text, in the text's language.
    Rendered for the web page when the caller tunnels tp:web (see tp:text-content).
  -->
  <xsl:template name="tp:reading-text">
    <xsl:param name="tei" as="element()"/>
    <section class="reading-text" id="reading-text" aria-labelledby="reading-text-heading">
      <xsl:for-each select="tp:text-lang($tei)">
        <xsl:attribute name="lang" select="tp:html-lang(.)"/>
      </xsl:for-each>
      <h2 id="reading-text-heading" class="visually-hidden">{tp:l10n('reading-text')}</h2>
      <xsl:apply-templates select="$tei/tei:text">
        <xsl:with-param name="tp:ids" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!--
    The tools above the text: the view switch (a group of buttons, one per
    view, the current one aria-pressed) and the highlight toggles per type of
    mention. Hidden without script (they need it); teipress.js shows them.
  -->
  <xsl:template name="tp:text-tools">
    <xsl:param name="tei" as="element()"/>
    <div class="text-tools" hidden="" data-pagefind-ignore="all">
      <div class="view-switch" role="group" aria-label="{tp:l10n('views-label')}">
        <span class="tools-label" aria-hidden="true">{tp:l10n('views-label')}:</span>
        <xsl:for-each select="tp:views($tei)">
          <xsl:variable name="kind" select="if (position() le 2) then . else 'witness'"/>
          <xsl:variable name="siglum" select="if ($kind eq 'witness') then tp:siglum($tei, .) else ''"/>
          <button type="button" class="view-button" data-view="{tp:view-token(.)}"
                  aria-pressed="{. eq tp:first-view($tei)}" title="{tp:l10n('view-' || $kind || '-title', $siglum)}">{tp:l10n('view-' || $kind, $siglum)}</button>
        </xsl:for-each>
      </div>
      <div class="highlight-switch" role="group" aria-label="{tp:l10n('highlight-label')}">
        <span class="tools-label" aria-hidden="true">{tp:l10n('highlight-label')}:</span>
        <xsl:for-each select="tp:kinds-with('highlight'), 'date'">
          <button type="button" class="highlight-button hl-{.}" data-highlight="{.}" aria-pressed="false">{tp:l10n('highlight-' || .)}</button>
        </xsl:for-each>
      </div>
    </div>
  </xsl:template>
</xsl:stylesheet>
