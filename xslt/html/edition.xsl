<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index page of the edition: its title, the list of texts (title,
  author, date, source, links to HTML, PDF and TEI) and links to the registers;
  the list in pages (index.html, index-2.html …) when it is long.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The files of the list of texts: "index.html", then "index-2.html" … when it is long (entity.xsl). -->
  <xsl:function name="tp:index-files" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="(1 to tp:page-count(count($edition/tp:text), $index-page-size)) ! tp:paged-file($tp:home-page, .)"/>
  </xsl:function>

  <!--
    The content of page $tp:page-number of the index: the first has the introduction, the
    books, the collections and the registers; each lists at most $index-page-size texts.
  -->
  <xsl:template match="tp:edition" mode="tp:index">
    <xsl:param name="tp:page-number" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:variable name="pages" select="tp:page-count(count(tp:text), $index-page-size)"/>
    <h1>{@title}</h1>
    <xsl:if test="$tp:page-number eq 1">
      <xsl:apply-templates select="." mode="tp:index-front"/>
    </xsl:if>
    <section class="texts" aria-labelledby="texts-heading">
      <h2 id="texts-heading">{tp:l10n('index-texts')}</h2>
      <xsl:call-template name="tp:pager">
        <xsl:with-param name="name" select="$tp:home-page"/>
        <xsl:with-param name="n" select="$tp:page-number"/>
        <xsl:with-param name="pages" select="$pages"/>
      </xsl:call-template>
      <ol class="text-list">
        <xsl:if test="$tp:page-number gt 1">
          <xsl:attribute name="start" select="($tp:page-number - 1) * $index-page-size + 1"/>
        </xsl:if>
        <xsl:apply-templates select="subsequence(tp:text, ($tp:page-number - 1) * $index-page-size + 1, $index-page-size)" mode="tp:index"/>
      </ol>
      <xsl:call-template name="tp:pager">
        <xsl:with-param name="name" select="$tp:home-page"/>
        <xsl:with-param name="n" select="$tp:page-number"/>
        <xsl:with-param name="pages" select="$pages"/>
      </xsl:call-template>
    </section>
    <xsl:if test="$tp:page-number eq 1">
      <xsl:apply-templates select="." mode="tp:index-registers"/>
    </xsl:if>
  </xsl:template>

  <!-- The first page of the index before the texts: the introduction, the books, the collections. -->
  <xsl:template match="tp:edition" mode="tp:index-front">
    <!-- The introduction: the body of the introduction text (TEI), else the settings' paragraphs. -->
    <xsl:if test="tp:introduction">
      <section class="introduction" aria-label="{tp:l10n('index-introduction')}">
        <xsl:for-each select="tp:introduction/tei:TEI ! tp:text-lang(.)">
          <xsl:attribute name="lang" select="tp:html-lang(.)"/>
        </xsl:for-each>
        <xsl:for-each select="tp:introduction/tp:p">
          <p>{.}</p>
        </xsl:for-each>
        <xsl:apply-templates select="tp:introduction/tei:TEI/tei:text/tei:body/node()"/>
      </section>
    </xsl:if>
    <xsl:if test="tp:book">
      <section class="books" aria-labelledby="books-heading">
        <h2 id="books-heading">{tp:l10n('index-books')}</h2>
        <ul class="book-list">
          <xsl:for-each select="tp:book">
            <li><a href="{tp:file-href(@file)}" type="{if (ends-with(@file, '.epub')) then 'application/epub+zip' else if (ends-with(@file, '.pdf')) then 'application/pdf' else ''}">{tp:l10n('book-' || @name)}</a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="tp:collection">
      <section class="collections" aria-labelledby="collections-heading">
        <h2 id="collections-heading">{tp:l10n('index-collections')}</h2>
        <ul class="collection-list">
          <xsl:for-each select="tp:collection">
            <li><a href="{tp:file-href(@html)}">{tp:text-title(tei:teiCorpus)}</a>
              ({tp:l10n('collection-count', string(count(../tp:text[@collection = current()/@id])))})</li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The first page of the index after the texts: the registers and the pages listed with them. -->
  <xsl:template match="tp:edition" mode="tp:index-registers">
    <section class="registers" aria-labelledby="registers-heading">
      <h2 id="registers-heading">{tp:l10n('index-registers')}</h2>
      <ul class="register-list">
        <xsl:variable name="edition" select="."/>
        <xsl:for-each select="$tp:pages[tp:kind]/@name ! string()">
          <xsl:variable name="entries" select="tp:entries($edition, tp:page-kind(.))"/>
          <xsl:if test="tp:has-register-page($edition, .)">
            <li>
              <a href="{.}.html">{tp:l10n('page-' || .)}</a>
              <xsl:text> ({tp:count-label(count($entries[tp:is-published(.)]))})</xsl:text>
            </li>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="$tp:pages[@with-registers = 'yes']/@name ! string()">
          <li><a href="{tp:page-href(.)}">{tp:l10n('page-' || .)}</a></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!--
    The search page: Pagefind's interface (pagefind/, written by the search
    output), started by assets/search.js over the index in parts, with a filter by
    witness. The index is fetched by script, which browsers refuse on file: pages:
    the page says so there.
  -->
  <xsl:template match="tp:edition" mode="tp:search">
    <h1>{tp:l10n('page-search')}</h1>
    <p class="register-intro">{tp:l10n('search-intro')}</p>
    <p class="search-notice" id="search-needs-http" hidden="">{tp:l10n('search-needs-http')} <code>python3 -m http.server</code></p>
    <noscript><p class="search-notice">{tp:l10n('search-needs-script')}</p></noscript>
    <link rel="stylesheet" href="pagefind/pagefind-ui.css"/>
    <div id="search" class="search" data-placeholder="{tp:l10n('search-placeholder')}"
         data-witness-filter="{tp:l10n('filter-witness')}"></div>
    <script src="pagefind/pagefind-ui.js"></script>
    <script src="{$page-assets-href}search.js"></script>
  </xsl:template>

  <!-- One text in the list. -->
  <xsl:template match="tp:text" mode="tp:index">
    <!-- On its collection's own page a text does not say which collection it is in. -->
    <xsl:param name="tp:in-collection" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="date" select="tp:text-date($tei)"/>
    <xsl:variable name="lang" select="tp:text-lang($tei)"/>
    <li class="text-item" id="text-{tp:safe-id(@id)}">
      <h3 class="text-item-title">
        <a href="{tp:file-href(@html)}">
          <xsl:if test="exists($lang)">
            <xsl:attribute name="lang" select="tp:html-lang($lang)"/>
          </xsl:if>
          <xsl:text>{tp:text-title($tei)}</xsl:text>
        </a>
      </h3>
      <xsl:call-template name="tp:text-authors">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:if test="exists($date)">
        <p class="text-date"><xsl:apply-templates select="$date"/></p>
      </xsl:if>
      <xsl:for-each select="../tp:collection[@id = current()/@collection][not($tp:in-collection)]">
        <p class="text-collection">{tp:l10n('collection-of-text')}: <a href="{tp:file-href(@html)}">{tp:text-title(tei:teiCorpus)}</a></p>
      </xsl:for-each>
      <xsl:for-each select="tp:text-sources($tei)">
        <!-- A div: a source can be a bibl holding blocks, which a p cannot hold. -->
        <div class="text-source"><xsl:apply-templates select="." mode="tp:header"/></div>
      </xsl:for-each>
      <ul class="text-formats" aria-label="{tp:l10n('formats-label')}">
        <li><a class="format-html" href="{tp:file-href(@html)}">{tp:l10n('format-html')}</a></li>
        <xsl:if test="@pdf">
          <li><a class="format-pdf" href="{tp:file-href(@pdf)}" type="application/pdf">{tp:l10n('format-pdf')}</a></li>
        </xsl:if>
        <xsl:if test="@tei">
          <li><a class="format-tei" href="{tp:file-href(@tei)}" type="application/tei+xml">{tp:l10n('format-tei')}</a></li>
        </xsl:if>
      </ul>
    </li>
  </xsl:template>
</xsl:stylesheet>
