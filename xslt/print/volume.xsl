<?xml version="1.0" encoding="UTF-8"?>
<!--
  The volume: the whole edition in one print document (print-volume = true()).
  Title page (edition title from the settings, the texts and their authors,
  editors, sources and licences from the teiHeaders, the build date), table of
  contents (page numbers by target-counter in print.css), an editorial
  introduction from each text's encodingDesc/editorialDecl, every text in
  edition order, and an index of persons, places and organisations whose page
  references are links to the mentions (target-counter). A mention repeated on
  one page is referenced once: Python marks the repeats (class "index-repeat")
  after a layout, as only the layout knows the pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Register kinds listed in the index, in order (print-index="yes" in lists.xml). -->
  <xsl:variable name="tp:index-kinds" as="xs:string+" select="tp:kinds-with('print-index')"/>

  <xsl:template match="tp:edition" mode="tp:volume">
    <xsl:variable name="teis" select="tp:text ! tp:tei(.)"/>
    <html lang="{$l10n-lang}">
      <head>
        <meta charset="utf-8"/>
        <title>{@title}</title>
        <xsl:call-template name="tp:page-head"/>
      </head>
      <body class="volume">
        <xsl:apply-templates select="." mode="tp:title-page"/>
        <xsl:apply-templates select="." mode="tp:contents"/>
        <xsl:apply-templates select="." mode="tp:introduction"/>
        <main id="main">
          <xsl:apply-templates select="tp:text" mode="tp:text-content"/>
        </main>
        <xsl:apply-templates select="." mode="tp:map-page"/>
        <xsl:apply-templates select="." mode="tp:index"/>
      </body>
    </html>
  </xsl:template>

  <!-- Title page -->

  <xsl:template match="tp:edition" mode="tp:title-page">
    <xsl:variable name="teis" select="tp:text ! tp:tei(.)"/>
    <xsl:variable name="editors" select="$teis ! tp:text-editors(.)"/>
    <xsl:variable name="licences" select="$teis ! tp:text-licences(.)"/>
    <section class="title-page" id="title-page">
      <h1 class="volume-title">{@title}</h1>
      <ol class="title-page-texts">
        <xsl:for-each select="tp:text">
          <li>
            <span class="title-page-text">{tp:text-title(tp:tei(.))}</span>
            <xsl:call-template name="tp:text-authors">
              <xsl:with-param name="tei" select="tp:tei(.)"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
      <dl class="title-page-facts">
        <xsl:if test="exists($editors)">
          <dt>{tp:l10n('print-edited-by')}</dt>
          <!-- The same editors named in several texts are named once. -->
          <xsl:for-each-group select="$editors" group-by="normalize-space(if (*) then string-join((* except tei:resp) ! string(.), ', ') else string(.))">
            <dd><xsl:apply-templates select="current-group()[1]" mode="tp:editor-name"/></dd>
          </xsl:for-each-group>
        </xsl:if>
        <dt>{tp:l10n('print-sources')}</dt>
        <xsl:for-each select="$teis">
          <xsl:for-each select="tp:text-sources(.)">
            <dd class="title-page-source"><xsl:apply-templates select="." mode="tp:header"/></dd>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:if test="exists($licences)">
          <dt>{tp:l10n('print-licence')}</dt>
          <xsl:for-each-group select="$licences" group-by="normalize-space((@target, .)[1])">
            <dd class="title-page-licence"><xsl:apply-templates select="current-group()[1]" mode="tp:header"/></dd>
          </xsl:for-each-group>
        </xsl:if>
      </dl>
      <xsl:variable name="date" select="string(@build-date)"/>
      <xsl:if test="$date ne ''">
        <p class="title-page-date">{tp:l10n('print-built', tp:format-date($date))}</p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The names of an editor or respStmt (without its resp): "The teipress editors". -->
  <xsl:template match="tei:respStmt" mode="tp:editor-name">
    <xsl:call-template name="tp:join">
      <xsl:with-param name="items" select="* except tei:resp"/>
      <xsl:with-param name="separator" select="', '"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="tp:editor-name">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Contents -->

  <xsl:template match="tp:edition" mode="tp:contents">
    <nav class="toc" id="contents">
      <h2 class="toc-title">{tp:l10n('print-contents')}</h2>
      <ol class="toc-list">
        <xsl:if test="exists(tp:text ! tp:tei(.)/tei:teiHeader/tei:encodingDesc/tei:editorialDecl)">
          <li class="toc-entry toc-front"><a href="#introduction">{tp:l10n('print-introduction')}</a></li>
        </xsl:if>
        <xsl:for-each select="tp:text">
          <xsl:variable name="tei" select="tp:tei(.)"/>
          <li class="toc-entry toc-text">
            <a href="#text-{@id}"><span class="toc-text-title">{tp:text-title($tei)}</span></a>
            <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()]"/>
            <xsl:if test="exists($authors)">
              <span class="toc-text-author">{string-join($authors ! normalize-space(.), '; ')}</span>
            </xsl:if>
          </li>
        </xsl:for-each>
        <xsl:apply-templates select="." mode="tp:map-contents"/>
        <li class="toc-entry toc-back"><a href="#index">{tp:l10n('print-index')}</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- Editorial introduction: each text's editorialDecl, one section per text. -->

  <xsl:template match="tp:edition" mode="tp:introduction">
    <xsl:variable name="texts" select="tp:text[tp:tei(.)/tei:teiHeader/tei:encodingDesc/tei:editorialDecl]"/>
    <xsl:if test="exists($texts)">
      <section class="introduction" id="introduction">
        <h2 class="introduction-title">{tp:l10n('print-introduction')}</h2>
        <xsl:for-each select="$texts">
          <xsl:variable name="tei" select="tp:tei(.)"/>
          <section class="introduction-text">
            <h3>{tp:text-title($tei)}</h3>
            <xsl:apply-templates select="$tei/tei:teiHeader/tei:encodingDesc/tei:editorialDecl/*" mode="tp:introduction"/>
          </section>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A part of editorialDecl (correction, normalization …): its paragraphs, the first led by the part's label. -->
  <xsl:template match="*" mode="tp:introduction">
    <xsl:variable name="label" select="tp:l10n('print-decl-' || local-name())"/>
    <div class="decl decl-{local-name()}">
      <xsl:for-each select="tei:p">
        <p>
          <xsl:if test="position() eq 1 and not(starts-with($label, '['))">
            <span class="decl-label">{$label}. </span>
          </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
      <xsl:if test="empty(tei:p)">
        <p><xsl:apply-templates/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Index -->

  <xsl:template match="tp:edition" mode="tp:index">
    <section class="index" id="index">
      <h2 class="index-title">{tp:l10n('print-index')}</h2>
      <p class="index-intro">{tp:l10n('print-index-intro')}</p>
      <xsl:variable name="edition" select="."/>
      <xsl:for-each select="$tp:index-kinds">
        <xsl:variable name="listed" select="tp:entries($edition, .)[exists(tp:index-mentions(.))]"/>
        <xsl:if test="exists($listed)">
          <section class="index-part index-{.}">
            <h3>{tp:l10n('print-index-' || tp:register-page(.))}</h3>
            <ul class="index-list">
              <xsl:for-each select="$listed">
                <xsl:sort select="tp:entry-sort-key(.)" collation="{$register-collation}"/>
                <li class="index-entry" id="index-{@xml:id}">
                  <span class="index-name">{tp:entry-inverted-name(.)}</span>
                  <xsl:text> </xsl:text>
                  <span class="index-pages">
                    <xsl:for-each select="tp:index-mentions(.)">
                      <a class="index-page" href="#{tp:mention-id(.)}"/>
                    </xsl:for-each>
                  </span>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- The mentions of an entry that the printed texts show (in the reading view, with an id). -->
  <xsl:function name="tp:index-mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:mentions($entry)[tp:on-reading-path(.)][empty(ancestor::tei:teiHeader)]"/>
  </xsl:function>
</xsl:stylesheet>
