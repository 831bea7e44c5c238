<?xml version="1.0" encoding="UTF-8"?>
<!--
  What machines and citing readers read from a page: <meta name="citation_*">
  (Zotero, Google Scholar), JSON-LD (schema.org CreativeWork with the persons,
  places and organisations it mentions; the register entries on register
  pages), the "cite this" block of a text, and the "also told in" links
  between paragraphs of different texts that tell the same events.
  URLs are absolute when the edition's url is set (teipress.toml), else relative.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Pointers (ref/@target, @corresp) of the texts, by the normalised pointer ("file.xml#id") of each URI. -->
  <xsl:key name="tp:pointers-to" match="tp:text//tei:text//tei:ref[@target] | tp:text//tei:text//*[@corresp]"
    use="for $u in tokenize(normalize-space((@target, @corresp)[1]), ' ') return tp:pointer-key(., $u)"/>

  <!-- The URL of a page of the edition ($href relative to the site root): absolute when the edition has a url. -->
  <xsl:function name="tp:site-url" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:variable name="base" select="string(tp:edition($context)/@url)"/>
    <xsl:sequence select="if ($base ne '') then resolve-uri($href, $base) else $href"/>
  </xsl:function>

  <!-- The head's metadata of a page: on a text page citation_* tags and JSON-LD, on the other pages JSON-LD. -->
  <xsl:template name="tp:page-metadata">
    <xsl:apply-templates select="." mode="tp:metadata"/>
  </xsl:template>

  <xsl:template match="*" mode="tp:metadata"/>

  <xsl:template match="tp:text" mode="tp:metadata">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="edition" select="tp:edition(.)"/>
    <xsl:variable name="date" select="tp:text-date($tei)"/>
    <meta name="citation_title" content="{tp:text-title($tei)}"/>
    <xsl:for-each select="tp:text-authors($tei)[normalize-space()]">
      <meta name="citation_author" content="{tp:author-name(.)}"/>
    </xsl:for-each>
    <xsl:if test="$date and tp:is-html-date(tp:date-value($date))">
      <meta name="citation_date" content="{tp:date-value($date)}"/>
    </xsl:if>
    <meta name="citation_publisher" content="{$edition/@title}"/>
    <meta name="citation_online_date" content="{$edition/@build-date}"/>
    <xsl:for-each select="tp:text-lang($tei)">
      <meta name="citation_language" content="{.}"/>
    </xsl:for-each>
    <meta name="citation_public_url" content="{tp:site-url(., tp:file-href(@html))}"/>
    <xsl:if test="@pdf">
      <meta name="citation_pdf_url" content="{tp:site-url(., tp:file-href(@pdf))}"/>
    </xsl:if>
    <meta name="DC.title" content="{tp:text-title($tei)}"/>
    <xsl:if test="$edition/@url ne ''">
      <link rel="canonical" href="{tp:site-url(., tp:file-href(@html))}"/>
    </xsl:if>
    <xsl:variable name="entries" select="tp:text-entries($tei)"/>
    <xsl:variable name="work" select="map:merge((
      map{'@context': 'https://schema.org', '@type': 'CreativeWork',
          'name': tp:text-title($tei),
          'url': tp:site-url(., tp:file-href(@html)),
          'isPartOf': map{'@type': 'CreativeWork', 'name': string($edition/@title)},
          'datePublished': string($edition/@build-date),
          'author': array{tp:text-authors($tei)[normalize-space()] ! map{
             '@type': if (tei:orgName) then 'Organization' else 'Person', 'name': tp:author-name(.)}},
          'mentions': array{$entries ! tp:entity-json(.)}},
      tp:text-lang($tei) ! map{'inLanguage': .},
      ($date[tp:is-html-date(tp:date-value(.))] ! map{'dateCreated': tp:date-value(.)}),
      (tp:text-licences($tei)/@target)[1] ! map{'license': string(.)}
      ))"/>
    <script type="application/ld+json">{serialize($work, map{'method': 'json', 'indent': false()})}</script>
  </xsl:template>

  <!-- A register entry as schema.org JSON: Person, Place, Organization or Event, with its authority records
       as sameAs; an entry with dates (an event) with its startDate and endDate. -->
  <xsl:function name="tp:entity-json" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" select="tp:entry-kind($entry)"/>
    <xsl:sequence select="map:merge((map{
      '@type': (tp:kind($kind)/@schema ! string(), 'Thing')[1],
      '@id': tp:site-url($entry, tp:entity-href($entry)),
      'name': tp:entry-name($entry),
      'sameAs': array{$entry/tei:idno ! tp:authority-url(.)}},
      ($entry/(@when, @from, @notBefore))[1] ! map{'startDate': string(.)},
      ($entry/(@when, @to, @notAfter))[1] ! map{'endDate': string(.)}))"/>
  </xsl:function>

  <!-- An author's name as a string (its persName, orgName or name; else its words). -->
  <xsl:function name="tp:author-name" as="xs:string">
    <xsl:param name="author" as="element()"/>
    <xsl:sequence select="normalize-space(tp:name-string(($author/(tei:persName | tei:orgName | tei:name), $author)[1]))"/>
  </xsl:function>

  <!--
    "Cite this": Author, “Title”, in Edition title, ed. Editors, date of the
    build, URL (accessed DATE). The URL is the page's (teipress.js fills it
    from the address bar when the edition has no url); the date of access is
    filled by the browser; a button copies the citation.
  -->
  <xsl:template name="tp:cite-this">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="edition" select="tp:edition(.)"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()] ! tp:author-name(.)"/>
    <xsl:variable name="editors" select="tp:text-editors($tei)/(tei:orgName | tei:persName | tei:name | self::tei:editor)[normalize-space()] ! normalize-space(.)"/>
    <section class="cite-this" aria-labelledby="cite-heading" data-pagefind-ignore="all">
      <h2 id="cite-heading">{tp:l10n('cite-heading')}</h2>
      <p class="cite-text" id="cite-text">
        <xsl:if test="exists($authors)">{string-join($authors, '; ')}, </xsl:if>
        <xsl:text>{tp:l10n('quote-open')}{tp:text-title($tei)}{tp:l10n('quote-close')}, </xsl:text>
        <xsl:text>{tp:l10n('cite-in')} </xsl:text><cite>{$edition/@title}</cite>
        <xsl:if test="exists($editors)">, {tp:l10n('bibl-edited-by', string-join($editors, '; '))}</xsl:if>
        <!-- The version and its date, said as How to cite says them. -->
        <xsl:text>, </xsl:text><span class="cite-version">{tp:version-label(.)}</span>
        <xsl:text>, </xsl:text>
        <span class="cite-url">
          <xsl:if test="string($edition/@url) eq ''">
            <xsl:attribute name="data-cite-url"/>
          </xsl:if>
          <xsl:text>{tp:site-url(., tp:file-href(@html))}</xsl:text>
        </span>
        <xsl:text> ({tp:l10n('cite-accessed')} </xsl:text>
        <!-- A span, not a time: its words are no date until the script puts a time (with datetime) in their place. -->
        <span class="access-date" data-access-date="">{tp:l10n('cite-access-date')}</span>
        <xsl:text>).</xsl:text>
      </p>
      <button type="button" class="cite-copy" aria-controls="cite-text" hidden="" data-done="{tp:l10n('cite-copied')}">{tp:l10n('cite-copy')}</button>
    </section>
  </xsl:template>

  <!--
    "Also told in": the paragraphs of other texts that tell the same events as
    the numbered paragraph $block, known from pointers: refs in its notes and
    its @corresp pointing there, or pointers there pointing here.
  -->
  <xsl:function name="tp:also-told" as="element()*">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="text" select="tp:part($block)"/>
    <xsl:variable name="out" select="for $p in ($block//tei:note[tp:is-counted-note(.)]//tei:ref/@target, $block/@corresp),
                                         $u in tokenize(normalize-space($p), ' ')
                                     return tp:resolve($p/.., $u)"/>
    <xsl:variable name="in" select="if (root($block) instance of document-node())
      then key('tp:pointers-to', tp:element-key($block), root($block)) else ()"/>
    <xsl:sequence select="(($out ! tp:numbered-block(.)), ($in ! tp:numbered-block(.)))[not(tp:part(.) is $text)] | ()"/>
  </xsl:function>

  <xsl:template name="tp:also-told">
    <xsl:variable name="here" select="."/>
    <xsl:variable name="others" select="tp:also-told(.)"/>
    <xsl:if test="exists($others)">
      <p class="also-told" data-pagefind-ignore="all">
        <xsl:text>{tp:l10n('also-told')} </xsl:text>
        <xsl:for-each select="$others">
          <xsl:sort select="number(tp:part(.)/@n)"/>
          <xsl:sort select="tp:block-number(.)"/>
          <xsl:if test="position() gt 1">; </xsl:if>
          <a href="{tp:href($here, .)}"><cite>{tp:text-title(tp:tei(tp:part(.)))}</cite>, {tp:block-label(.)}</a>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
