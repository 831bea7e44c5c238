<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame of every HTML page: head (title, stylesheet), skip link, site
  header with the edition title and navigation, main, footer with the build
  date. Page content is passed in; print overrides tp:page-head and the frame.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Href of the assets folder (teipress.css) relative to the pages; pages sit at the output root. -->
  <xsl:param name="page-assets-href" as="xs:string" select="'assets/'"/>

  <!--
    The Content-Security-Policy of every page: scripts only from the site's own
    files (no inline script, no eval; WebAssembly for the Pagefind search),
    no plugins, no <base>, no form posting. Inline JSON-LD is a data block,
    which script-src does not govern; inline <style> (the view rules) is allowed.
  -->
  <xsl:param name="page-csp" as="xs:string" select="string-join((
    &quot;default-src 'self'&quot;, &quot;script-src 'self' 'wasm-unsafe-eval'&quot;, &quot;style-src 'self' 'unsafe-inline'&quot;,
    &quot;img-src 'self' data: https: http:&quot;, &quot;object-src 'none'&quot;, &quot;base-uri 'none'&quot;, &quot;form-action 'none'&quot;), '; ')"/>

  <!-- The edition document (tp:edition) holding $node. -->
  <xsl:function name="tp:edition" as="element(tp:edition)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="root($node)/tp:edition"/>
  </xsl:function>

  <!--
    One complete page. $title: what the page shows (a text title, "Persons");
    $current: the navigation item of the page ('index', 'persons' … or '');
    $page-class: class of body; $content: what goes into main.
  -->
  <xsl:template name="tp:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="page-class" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="edition" select="tp:edition(.)"/>
    <xsl:variable name="edition-title" select="string($edition/@title)"/>
    <html lang="{$l10n-lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{if ($title eq $edition-title or $edition-title eq '') then $title
                else tp:l10n('page-title', ($title, $edition-title))}</title>
        <xsl:call-template name="tp:page-head"/>
      </head>
      <body class="{$page-class}">
        <xsl:call-template name="tp:page-body">
          <xsl:with-param name="current" select="$current"/>
          <xsl:with-param name="content" select="$content"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!--
    What the head links: the site stylesheet and script (deferred: the page
    reads fully without it). A text page adds one CSS rule per view, hiding
    the alternatives (span.alt) that view does not show (see textcrit.xsl).
  -->
  <xsl:template name="tp:page-head">
    <!-- First in the head, before any script: the policy applies from here on. -->
    <meta http-equiv="Content-Security-Policy" content="{$page-csp}"/>
    <link rel="stylesheet" href="{$page-assets-href}teipress.css"/>
    <!-- No icon: without this line browsers ask the server for /favicon.ico, which a copied folder does not have. -->
    <link rel="icon" href="data:,"/>
    <xsl:if test="self::tp:text">
      <style>{string-join(tp:views(tp:tei(.)) ! tp:view-token(.) ! ('.edition-text[data-view=&quot;' || . || '&quot;] .alt:not(.in-' || . || ')'), ',&#10;')} {{ display: none; }}</style>
    </xsl:if>
    <script src="{$page-assets-href}teipress.js" defer=""></script>
    <xsl:call-template name="tp:page-metadata"/>
  </xsl:template>

  <!-- The body of a page: skip link, site header, main, footer. -->
  <xsl:template name="tp:page-body">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <a class="skip-link" href="#main">{tp:l10n('skip-to-content')}</a>
    <!-- A text page's apparatus and notes, reached from the keyboard without passing the whole text. -->
    <xsl:for-each select="('apparatus', 'notes')[some $id in . satisfies exists($content/descendant-or-self::*[@id = $id])]">
      <a class="skip-link" href="#{.}">{tp:l10n('skip-to-' || .)}</a>
    </xsl:for-each>
    <xsl:call-template name="tp:site-header">
      <xsl:with-param name="current" select="$current"/>
    </xsl:call-template>
    <main id="main">
      <xsl:sequence select="$content"/>
    </main>
    <xsl:call-template name="tp:site-footer"/>
  </xsl:template>

  <!-- The site header: edition title (a link home) and the site navigation. -->
  <xsl:template name="tp:site-header">
    <xsl:param name="current" as="xs:string"/>
    <xsl:variable name="edition" select="tp:edition(.)"/>
    <header class="site-header">
      <p class="site-title"><a href="{tp:page-href($tp:home-page)}">{$edition/@title}</a></p>
      <nav class="site-nav" aria-label="{tp:l10n('site-navigation')}">
        <ul>
          <!-- The pages of lists.xml with nav="yes" that the edition has; 'about' leads to the paratext pages
               (paratext.xsl), which the footer lists too. -->
          <xsl:for-each select="$tp:pages[@nav = 'yes']/@name[. = tp:edition-pages($edition)] ! string()">
            <li>
              <a href="{.}.html">
                <xsl:if test=". eq $current">
                  <xsl:attribute name="aria-current" select="'page'"/>
                </xsl:if>
                <xsl:text>{tp:l10n((tp:page(.)/@nav-label, 'nav-' || .)[1])}</xsl:text>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <!-- The site footer: links to the paratext pages and the open data, build date (from the edition document, for reproducible output). -->
  <xsl:template name="tp:site-footer">
    <xsl:variable name="date" select="string(tp:edition(.)/@build-date)"/>
    <footer class="site-footer">
      <xsl:call-template name="tp:paratext-footer-links"/>
      <p>
        <xsl:if test="$date ne ''">
          <xsl:variable name="time" as="element()">
            <time datetime="{$date}">{tp:format-date($date)}</time>
          </xsl:variable>
          <xsl:variable name="parts" select="tokenize(tp:l10n('footer-built'), '\{1\}')"/>
          <xsl:text>{$parts[1]}</xsl:text>
          <xsl:sequence select="$time"/>
          <xsl:text>{$parts[2]} </xsl:text>
        </xsl:if>
        <xsl:text>{tp:l10n('footer-generator')}</xsl:text>
      </p>
    </footer>
  </xsl:template>
</xsl:stylesheet>
