<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the open data of the edition, one file per run.
  Source: the edition document (tp:edition); parameter dataset names the file,
  a dataset of lists.xml, each written by its rule in mode tp:dataset:
    registers-*    one row/object per published register entry
    chronology-*   one row/object per dated mention
    citation-*     the edition and each text, for reference managers
    readme, licence  the plain-text companions of the data zip
  Output is text (JSON is built as maps and serialized), so one stylesheet
  serves every format; the facts come from the same functions as the HTML.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="../common/shared.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Paragraph and mention counts (accumulators of numbering.xsl) apply to the edition document. -->
  <xsl:mode use-accumulators="#all"/>

  <!-- Which file to write (see the comment at the top). -->
  <xsl:param name="dataset" as="xs:string" select="string($tp:datasets[1]/@id)"/>
  <!-- A dataset of lists.xml without a rule here is an error, not an empty file. -->
  <xsl:mode name="tp:dataset" on-no-match="fail"/>

  <xsl:variable name="tp:json" as="map(*)" select="map{'method': 'json', 'indent': true(), 'escape-solidus': false()}"/>

  <xsl:template match="/">
    <xsl:variable name="entry" select="key('tp:dataset', $dataset, $lists)"/>
    <xsl:if test="empty($entry)">
      <xsl:message terminate="yes" error-code="tp:unknown-dataset">teipress: unknown dataset "{$dataset}"</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$entry" mode="tp:dataset">
      <xsl:with-param name="edition" select="tp:edition" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Each dataset, by its entry in lists.xml; $edition: the tp:edition element. -->
  <xsl:template match="tp:dataset[@id = 'registers-csv']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="tp:csv(('id', 'type', 'name', 'variants', 'wikidata', 'geonames', 'viaf', 'birth', 'death', 'start', 'end', 'latitude', 'longitude', 'mentions', 'url'),
      tp:register-rows($edition) ! array{?id, ?type, ?name, string-join(?variants?*, ' | '), ?wikidata, ?geonames, ?viaf, ?birth, ?death, ?start, ?end, ?latitude, ?longitude, string(?mentions), ?url})"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'registers-json']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="serialize(array{tp:register-rows($edition)}, $tp:json)"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'chronology-csv']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="tp:csv(('start', 'end', 'when', 'description', 'words', 'text', 'title', 'locus', 'url'),
      tp:chronology-rows($edition) ! array{?start, ?end, ?when, ?description, ?words, ?text, ?title, ?locus, ?url})"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'chronology-json']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="serialize(array{tp:chronology-rows($edition)}, $tp:json)"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'citation-txt']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="string-join((tp:edition-citation($edition), $edition/tp:text ! tp:text-citation(., ())), '&#10;&#10;') || '&#10;'"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'citation-bib']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:bibtex"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'citation-csl']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="serialize(array{tp:csl-items($edition)}, $tp:json)"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'readme']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:readme"/>
  </xsl:template>

  <xsl:template match="tp:dataset[@id = 'licence']" mode="tp:dataset">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:licence"/>
  </xsl:template>

  <!-- CSV (RFC 4180): a header row, then the rows; every field quoted, quotes doubled, CRLF line ends. -->
  <xsl:function name="tp:csv" as="xs:string">
    <xsl:param name="header" as="xs:string+"/>
    <xsl:param name="rows" as="array(*)*"/>
    <xsl:sequence select="string-join((array{$header}, $rows) ! string-join(?* ! ('&quot;' || replace(string(.), '&quot;', '&quot;&quot;') || '&quot;'), ','), '&#13;&#10;') || '&#13;&#10;'"/>
  </xsl:function>

  <!-- One map per published register entry (mentioned in a text), in register order; start and end: the dates of an entry that has them (an event). -->
  <xsl:function name="tp:register-rows" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:for-each select="$tp:kinds ! tp:entries($edition, .)[tp:is-published(.)]">
      <xsl:variable name="kind" select="tp:entry-kind(.)"/>
      <xsl:variable name="geo" select="tokenize(normalize-space((.//tei:location/tei:geo)[1]), ' ')"/>
      <xsl:sequence select="map{
        'id': string(@xml:id), 'type': $kind, 'name': tp:entry-name(.),
        'variants': array{distinct-values(tp:variant-names(.) ! tp:name-string(.))[. ne tp:entry-name(current())]},
        'wikidata': string(tei:idno[@type = 'wikidata'][1]), 'geonames': string(tei:idno[@type = 'geonames'][1]),
        'viaf': string(tei:idno[@type = 'viaf'][1]),
        'birth': string((tei:birth/(@when, @notBefore, @from))[1]), 'death': string((tei:death/(@when, @notAfter, @to))[1]),
        'start': string((@when, @from, @notBefore)[1]), 'end': string((@when, @to, @notAfter)[1]),
        'latitude': string($geo[1]), 'longitude': string($geo[2]),
        'mentions': count(tp:mentions(.)),
        'url': tp:edition-url(., tp:entity-href(.))}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- One map per dated mention of the texts, in time order (as the chronology page). -->
  <xsl:function name="tp:chronology-rows" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="dates" select="$edition/tp:text//tei:text//(tei:date | tei:time)[exists(tp:date-start(.))]"/>
    <xsl:for-each select="sort($dates, (), function ($d) { tp:date-start($d), tp:date-end($d) })">
      <xsl:variable name="text" select="tp:part(.)"/>
      <xsl:sequence select="map{
        'start': tp:date-start(.), 'end': tp:date-end(.), 'when': string(tp:date-value(.)),
        'description': string(tp:date-description(.)), 'words': normalize-space(.),
        'text': string($text/@id), 'title': tp:text-title(tp:tei($text)), 'locus': tp:locus-label(.),
        'url': tp:edition-url(., tp:file-href($text/@html) || '#' || tp:locus-id(.))}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The URL of a page for a reference manager: only when the edition has a url (a relative one would mislead). -->
  <xsl:function name="tp:absolute-url" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="if (normalize-space(root($context)/tp:edition/@url)) then tp:edition-url($context, $href) else ()"/>
  </xsl:function>

  <!-- The names of a text's authors, each as it stands. -->
  <xsl:function name="tp:author-strings" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="tp:text-authors($tei)[normalize-space()] ! normalize-space(tp:name-string(((tei:persName | tei:orgName | tei:name), .)[1]))"/>
  </xsl:function>

  <!-- CSL-JSON: the edition as a book with its editors, each text as a chapter of it. -->
  <xsl:function name="tp:csl-items" as="map(*)*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="editors" select="array{tp:edition-editor-names($edition) ! map{'literal': .}}"/>
    <xsl:variable name="issued" select="map{'date-parts': array{array{tokenize(tp:edition-date($edition), '-') ! xs:integer(.)}}}"/>
    <xsl:variable name="version" select="tp:edition-version($edition)"/>
    <xsl:sequence select="map:merge((map{'id': 'edition', 'type': 'book', 'title': string($edition/@title),
      'editor': $editors, 'issued': $issued},
      tp:absolute-url($edition, tp:page-href($tp:home-page)) ! map{'URL': .},
      ($version[. ne ''] ! map{'version': .})))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:for-each select="$edition/tp:text">
      <xsl:variable name="tei" select="tp:tei(.)"/>
      <xsl:sequence select="map:merge((map{'id': string(@id), 'type': 'chapter', 'title': tp:text-title($tei),
        'author': array{tp:author-strings($tei) ! map{'literal': .}},
        'container-title': string($edition/@title), 'editor': $editors, 'issued': $issued},
        tp:absolute-url(., tp:file-href(@html)) ! map{'URL': .},
        ($version[. ne ''] ! map{'version': .}),
        (tp:text-lang($tei) ! map{'language': .})))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    </xsl:for-each>
  </xsl:function>

  <!-- BibTeX: braces keep names of bodies whole and protect capitals; special characters are escaped. -->
  <xsl:function name="tp:bib" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="'{' || replace(replace($value, '([{}\\])', '\\$1'), '([&amp;%$#_])', '\\$1') || '}'"/>
  </xsl:function>

  <xsl:template match="tp:edition" mode="tp:bibtex">
    <xsl:variable name="editors" select="string-join(tp:edition-editor-names(.) ! ('{' || . || '}'), ' and ')"/>
    <xsl:variable name="version" select="tp:edition-version(.)"/>
    <xsl:variable name="date" select="tp:edition-date(.)"/>
    <xsl:text>@book{{edition,&#10;  title = {tp:bib(@title)},&#10;</xsl:text>
    <xsl:if test="$editors ne ''">  editor = {{{$editors}}},&#10;</xsl:if>
    <xsl:if test="$version ne ''">  version = {tp:bib($version)},&#10;</xsl:if>
    <xsl:text>  date = {{{$date}}},&#10;  year = {{{substring($date, 1, 4)}}}</xsl:text>
    <xsl:for-each select="tp:absolute-url(., tp:page-href($tp:home-page))">,&#10;  url = {{{.}}}</xsl:for-each>
    <xsl:text>&#10;}}&#10;</xsl:text>
    <xsl:for-each select="tp:text">
      <xsl:variable name="tei" select="tp:tei(.)"/>
      <xsl:variable name="authors" select="string-join(tp:author-strings($tei) ! ('{' || . || '}'), ' and ')"/>
      <xsl:text>&#10;@incollection{{{@id},&#10;</xsl:text>
      <xsl:if test="$authors ne ''">  author = {{{$authors}}},&#10;</xsl:if>
      <xsl:text>  title = {tp:bib(tp:text-title($tei))},&#10;  booktitle = {tp:bib(../@title)},&#10;</xsl:text>
      <xsl:if test="$editors ne ''">  editor = {{{$editors}}},&#10;</xsl:if>
      <xsl:if test="$version ne ''">  version = {tp:bib($version)},&#10;</xsl:if>
      <xsl:text>  date = {{{$date}}},&#10;  year = {{{substring($date, 1, 4)}}},&#10;  crossref = {{edition}}</xsl:text>
      <xsl:for-each select="tp:absolute-url(., tp:file-href(@html))">,&#10;  url = {{{.}}}</xsl:for-each>
      <xsl:text>&#10;}}&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- README of the data zip: what the edition is, what each file holds, how to cite, the licence. -->
  <xsl:template match="tp:edition" mode="tp:readme">
    <xsl:variable name="version" select="tp:edition-version(.)"/>
    <xsl:text>{@title}&#10;{string-join((1 to string-length(@title)) ! '=', '')}&#10;&#10;</xsl:text>
    <xsl:text>{tp:l10n('data-readme-intro', tp:version-label(.))}&#10;&#10;</xsl:text>
    <xsl:text>{tp:l10n('data-readme-files')}&#10;&#10;</xsl:text>
    <xsl:for-each select="tp:text | tp:registers">
      <xsl:text>  tei/{@src}  {tp:file-title(tp:tei(.))}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$tp:datasets[not(@in-readme = 'no')]/@file ! string()">
      <xsl:text>  {.}  {tp:l10n('data-readme-' || replace(., '\.', '-'))}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>&#10;{tp:l10n('data-readme-cite')}&#10;&#10;  {tp:edition-citation(.)}&#10;</xsl:text>
  </xsl:template>

  <!-- LICENCE of the data zip: each licence statement of the files, its URL and the files it covers. -->
  <xsl:template match="tp:edition" mode="tp:licence">
    <xsl:for-each select="tp:edition-licences(.)">
      <xsl:text>{string-join(?teis ! (tp:part(.)/@src ! tp:file-name(.)), ', ')}:&#10;  {normalize-space(?statement)}&#10;</xsl:text>
      <xsl:if test="?statement/@target">  {?statement/@target}&#10;</xsl:if>
      <xsl:for-each select="?statement/../tei:p">  {normalize-space(.)}&#10;</xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
