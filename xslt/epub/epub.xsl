<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the EPUB 3 edition, one file of the package per run.
  Source: the edition document (tp:edition); parameter epub-part names the file,
  a part of lists.xml, each written by its rule in mode tp:epub-part:
    package     OEBPS/content.opf (metadata, manifest, spine)
    files       the file name of each text in the book (tp:files), for the packer
    nav         OEBPS/nav.xhtml (the contents)
    title       OEBPS/title.xhtml (title page: the About page of the HTML edition)
    principles  OEBPS/principles.xhtml (the Editorial principles page)
    text        OEBPS/<file>.xhtml, the text named by text-id (file: its id, made safe) (its notes and apparatus follow it)
    register    OEBPS/<page>.xhtml, the register named by register-page
  Content comes from the HTML modules (the same templates as the web pages);
  mode tp:xhtml then turns it into XHTML a reading system shows without
  script: the reading view only, no tools, popups or cards, links kept inside
  the book (web-only files become plain text), notes marked as endnotes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- html.xsl: the text page content (tp:text-content) and, through it, every HTML module. -->
  <xsl:import href="../html/html.xsl"/>

  <xsl:output method="xml" version="1.0" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Which file of the package to write: a part of lists.xml (package, nav, title …). -->
  <xsl:param name="epub-part" as="xs:string" select="string($lists/tp:lists/tp:epub/tp:part[1]/@name)"/>
  <!-- A part of lists.xml without a rule here is an error, not an empty file. -->
  <xsl:mode name="tp:epub-part" on-no-match="fail"/>
  <xsl:mode name="tp:epub-document" on-no-match="fail"/>
  <!-- The text of the 'text' part: html.xsl's parameter text-id. -->
  <!-- The register page of the 'register' part: persons, places, organisations or objects. -->
  <xsl:param name="register-page" as="xs:string" select="''"/>

  <xsl:variable name="tp:xhtml-ns" as="xs:string" select="'http://www.w3.org/1999/xhtml'"/>
  <xsl:variable name="tp:register-pages" as="xs:string+" select="$tp:pages[tp:kind]/@name ! string()"/>

  <!--
    The content documents of the book in reading order: file name (without
    .xhtml; a text's is its id, which may be its TEI file's name with spaces
    or other letters a URI must escape) and title.
  -->
  <xsl:function name="tp:epub-documents" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:apply-templates select="$lists/tp:lists/tp:epub/tp:part[@document = 'yes']" mode="tp:epub-document">
      <xsl:with-param name="edition" select="$edition" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:function>

  <!-- The content documents of each part of lists.xml with document="yes", in mode tp:epub-document. -->
  <xsl:template match="tp:part[@name = 'title']" mode="tp:epub-document" as="map(*)">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="map{'name': string(@name), 'title': string($edition/@title)}"/>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'principles']" mode="tp:epub-document" as="map(*)">
    <xsl:sequence select="map{'name': string(@name), 'title': tp:l10n('page-' || @name)}"/>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'text']" mode="tp:epub-document" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="$edition/tp:text ! map{'name': string(@id), 'title': tp:text-title(tp:tei(.))}"/>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'register']" mode="tp:epub-document" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="$tp:register-pages[tp:has-register-page($edition, .)] ! map{'name': ., 'title': tp:l10n('page-' || .)}"/>
  </xsl:template>

  <!--
    The file of a content document in the book from its name: a name fit for a
    URI and an id (tp:safe-id), since reading systems (and epubcheck) do not all
    decode an escaped space, "#" or "%" in a file name alike.
  -->
  <xsl:function name="tp:epub-file" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="tp:safe-id($name) || '.xhtml'"/>
  </xsl:function>

  <!-- The href of a content document of the book from its name (non-ASCII letters percent-encoded). -->
  <xsl:function name="tp:epub-href" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="tp:file-href(tp:epub-file($name))"/>
  </xsl:function>

  <!-- The id of a content document in the package (an XML name) from its file name. -->
  <xsl:function name="tp:epub-item-id" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="'doc-' || tp:safe-id($name)"/>
  </xsl:function>

  <!-- The hrefs of the pages of the web site that are content documents of the book, as the pages' links
       write them (the content converted by mode tp:xhtml is a tree of its own). -->
  <xsl:variable name="tp:book-pages" as="map(xs:string, xs:string)"
    select="map:merge(tp:epub-documents(/tp:edition) ! map{tp:file-href(?name || '.html'): tp:epub-href(?name)})"/>

  <!-- In the book an entry is on its register's part: the web edition's entity pages are not in it. -->
  <xsl:function name="tp:entity-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:register-href(tp:entry-kind($entry)) || '#' || tp:entry-anchor($entry)"/>
  </xsl:function>

  <!-- The book's identifier: the edition's URL when it has one, else a URN from its title and version. -->
  <xsl:function name="tp:epub-identifier" as="xs:string">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="slug" select="replace(lower-case(normalize-unicode($edition/@title, 'NFKD')), '[^a-z0-9]+', '-') => replace('^-|-$', '')"/>
    <xsl:sequence select="if (normalize-space($edition/@url)) then string($edition/@url)
      else 'urn:teipress:' || $slug || (tp:edition-version($edition)[. ne ''] ! (':' || .))"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="part" select="key('tp:epub-part', $epub-part, $lists)"/>
    <xsl:if test="empty($part)">
      <xsl:message terminate="yes" error-code="tp:unknown-part">teipress: unknown EPUB part "{$epub-part}" (register "{$register-page}")</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$part" mode="tp:epub-part">
      <xsl:with-param name="edition" select="tp:edition" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Each part of the book, by its entry in lists.xml; $edition: the tp:edition element. -->
  <xsl:template match="tp:part[@name = 'package']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:epub-package"/>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'files']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <!-- The file of each text in the book, for the packer (writers/epub.py). -->
    <tp:files>
      <xsl:for-each select="$edition/tp:text">
        <tp:file text="{@id}" name="{tp:epub-file(@id)}"/>
      </xsl:for-each>
    </tp:files>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'nav']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:epub-nav"/>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'title']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:call-template name="tp:xhtml-document">
      <xsl:with-param name="title" select="string($edition/@title)"/>
      <xsl:with-param name="content" as="node()*">
        <section epub:type="titlepage">
          <xsl:apply-templates select="$edition" mode="tp:paratext-about"/>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'principles']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:call-template name="tp:xhtml-document">
      <xsl:with-param name="title" select="tp:l10n('page-' || @name)"/>
      <xsl:with-param name="content" as="node()*">
        <section epub:type="preface">
          <xsl:apply-templates select="$edition" mode="tp:paratext-principles"/>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'text']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:variable name="text" select="key('tp:text-by-id', $text-id, root($edition))"/>
    <xsl:if test="empty($text)">
      <xsl:message terminate="yes" error-code="tp:unknown-text">teipress: no text with id "{$text-id}" in the edition document</xsl:message>
    </xsl:if>
    <xsl:call-template name="tp:xhtml-document">
      <xsl:with-param name="title" select="tp:text-title(tp:tei($text))"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="$text" mode="tp:text-content"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:part[@name = 'register']" mode="tp:epub-part">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:if test="not($register-page = $tp:register-pages)">
      <xsl:message terminate="yes" error-code="tp:unknown-part">teipress: unknown EPUB part "{$epub-part}" (register "{$register-page}")</xsl:message>
    </xsl:if>
    <xsl:call-template name="tp:xhtml-document">
      <xsl:with-param name="title" select="tp:l10n('page-' || $register-page)"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:for-each select="$edition">
          <xsl:call-template name="tp:register-page">
            <xsl:with-param name="kind" select="tp:page-kind($register-page)"/>
            <xsl:with-param name="page" select="$register-page"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One XHTML content document: the HTML content converted by mode tp:xhtml. -->
  <xsl:template name="tp:xhtml-document">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{$l10n-lang}" lang="{$l10n-lang}">
      <head>
        <meta charset="utf-8"/>
        <title>{$title}</title>
        <link rel="stylesheet" type="text/css" href="{tp:epub-resource('epub/epub.css')/@file}"/>
      </head>
      <body>
        <xsl:apply-templates select="$content" mode="tp:xhtml"/>
      </body>
    </html>
  </xsl:template>

  <!-- In a book the facts of a text's header stand open; the citation is the web site's (left out below). -->
  <xsl:template name="tp:about-text">
    <xsl:param name="tei" as="element()"/>
    <xsl:call-template name="tp:text-meta">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Into XHTML: every element into the XHTML namespace, attributes kept unless a rule below drops them. -->
  <xsl:template match="*" mode="tp:xhtml">
    <xsl:element name="{local-name()}" namespace="{if (namespace-uri() eq '') then $tp:xhtml-ns else namespace-uri()}">
      <xsl:apply-templates select="@*" mode="tp:xhtml"/>
      <xsl:apply-templates mode="tp:xhtml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="@*" mode="tp:xhtml">
    <xsl:copy/>
  </xsl:template>

  <!-- What only works in a browser with script, or only on the web site: left out of the book
       (before the rule for links: the back links of the apparatus and notes are among them). -->
  <xsl:template mode="tp:xhtml" priority="1" match="script | noscript | button | link | style | *[@hidden]
    | *[tokenize(@class) = ('entity-cards', 'cite-this', 'text-formats', 'skip-link', 'app-back', 'note-back', 'text-places')]"/>

  <!-- Alternatives of the other views: the book shows the reading view only (the apparatus gives the rest). -->
  <xsl:template mode="tp:xhtml" match="span[tokenize(@class) = 'alt'][not(tokenize(@class) = 'in-reading')]"/>

  <!-- Attributes for script and the web site's search index. -->
  <xsl:template mode="tp:xhtml" match="@*[starts-with(name(), 'data-')] | @aria-pressed | @aria-controls | @aria-describedby | @download"/>

  <!-- Links: pages of the book become its .xhtml documents; other files of the site are not in the book. -->
  <xsl:template mode="tp:xhtml" match="a[@href]">
    <xsl:variable name="href" select="string(@href)"/>
    <xsl:variable name="file" select="replace($href, '#.*$', '')"/>
    <xsl:variable name="fragment" select="substring-after($href, '#')"/>
    <xsl:choose>
      <xsl:when test="matches($href, '^(https?|mailto):') or starts-with($href, '#')">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="map:contains($tp:book-pages, $file)">
        <a xmlns="http://www.w3.org/1999/xhtml" href="{$tp:book-pages($file)}{if ($fragment ne '') then '#' || $fragment else ''}">
          <xsl:apply-templates select="@* except (@href, @type)" mode="tp:xhtml"/>
          <xsl:apply-templates mode="tp:xhtml"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span xmlns="http://www.w3.org/1999/xhtml">
          <xsl:apply-templates select="@class | @lang" mode="tp:xhtml"/>
          <xsl:apply-templates mode="tp:xhtml"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes: the calls are note references, the notes after the text endnotes (EPUB structural semantics). -->
  <xsl:template mode="tp:xhtml" match="a[tokenize(@class) = 'note-call']" priority="2">
    <a xmlns="http://www.w3.org/1999/xhtml" epub:type="noteref">
      <xsl:apply-templates select="@*" mode="tp:xhtml"/>
      <xsl:apply-templates mode="tp:xhtml"/>
    </a>
  </xsl:template>

  <xsl:template mode="tp:xhtml" match="section[tokenize(@class) = 'notes']" priority="2">
    <section xmlns="http://www.w3.org/1999/xhtml" epub:type="endnotes" role="doc-endnotes">
      <xsl:apply-templates select="@* except @role" mode="tp:xhtml"/>
      <xsl:apply-templates mode="tp:xhtml"/>
    </section>
  </xsl:template>

  <xsl:template mode="tp:xhtml" match="li[tokenize(@class) = 'note-entry']" priority="2">
    <li xmlns="http://www.w3.org/1999/xhtml" epub:type="endnote" role="doc-endnote">
      <xsl:apply-templates select="@* except (@role, @value)" mode="tp:xhtml"/>
      <xsl:apply-templates mode="tp:xhtml"/>
    </li>
  </xsl:template>

  <!-- The navigation document: the contents, in reading order. -->
  <xsl:template match="tp:edition" mode="tp:epub-nav">
    <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{$l10n-lang}" lang="{$l10n-lang}">
      <head>
        <meta charset="utf-8"/>
        <title>{tp:l10n('epub-contents')}</title>
        <link rel="stylesheet" type="text/css" href="{tp:epub-resource('epub/epub.css')/@file}"/>
      </head>
      <body>
        <nav epub:type="toc" id="toc" role="doc-toc">
          <h1>{tp:l10n('epub-contents')}</h1>
          <ol>
            <xsl:for-each select="tp:epub-documents(.)">
              <li><a href="{tp:epub-href(?name)}">{?title}</a></li>
            </xsl:for-each>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" hidden="">
          <h2>{tp:l10n('epub-landmarks')}</h2>
          <ol>
            <li><a epub:type="titlepage" href="title.xhtml">{tp:l10n('epub-title-page')}</a></li>
            <xsl:for-each select="tp:text[1]">
              <li><a epub:type="bodymatter" href="{tp:epub-href(@id)}">{tp:l10n('epub-start')}</a></li>
            </xsl:for-each>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>

  <!-- The package document: metadata from the TEI headers, every file in the manifest, the spine in reading order. -->
  <xsl:template match="tp:edition" mode="tp:epub-package">
    <xsl:variable name="licence" select="(tp:edition-licences(.) ! ?statement)[1]"/>
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{$l10n-lang}" prefix="schema: http://schema.org/">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="book-id">{tp:epub-identifier(.)}</dc:identifier>
        <dc:title>{@title}</dc:title>
        <dc:language>{$l10n-lang}</dc:language>
        <xsl:for-each select="tp:edition-editor-names(.)">
          <dc:contributor id="editor-{position()}">{.}</dc:contributor>
          <meta refines="#editor-{position()}" property="role" scheme="marc:relators">edt</meta>
        </xsl:for-each>
        <xsl:for-each select="tp:edition-publishers(.)[1]">
          <dc:publisher>{normalize-space(.)}</dc:publisher>
        </xsl:for-each>
        <dc:date>{tp:edition-date(.)}</dc:date>
        <xsl:if test="exists($licence)">
          <dc:rights>{normalize-space($licence)}</dc:rights>
        </xsl:if>
        <xsl:if test="tp:edition-version(.) ne ''">
          <meta property="schema:version">{tp:edition-version(.)}</meta>
        </xsl:if>
        <meta property="dcterms:modified">{(@build-date[tp:is-html-date(.)], '2000-01-01')[1]}T00:00:00Z</meta>
      </metadata>
      <manifest>
        <item id="nav" href="{tp:epub-part-file('nav')}" media-type="application/xhtml+xml" properties="nav"/>
        <item id="css" href="{tp:epub-resource('epub/epub.css')/@file}" media-type="{tp:epub-resource('epub/epub.css')/@media-type}"/>
        <xsl:for-each select="tp:epub-documents(.)">
          <item id="{tp:epub-item-id(?name)}" href="{tp:epub-href(?name)}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
      </manifest>
      <!-- Reading order: the title page, the contents, the texts, the registers. -->
      <spine>
        <xsl:for-each select="tp:epub-documents(.)">
          <itemref idref="{tp:epub-item-id(?name)}"/>
          <xsl:if test="position() eq 1">
            <itemref idref="nav"/>
          </xsl:if>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>
</xsl:stylesheet>
