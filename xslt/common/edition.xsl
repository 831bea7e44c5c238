<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the headers of all the edition's files say about the edition as a
  whole: its files, editors, publisher and contact, licences, version and
  history, and its citation. An edition has no header of its own: each fact
  is gathered from every file (texts first, then registers) and statements
  that are the same in several files are said once. Shared by the HTML
  paratext pages, the data files and the EPUB; nothing here produces markup.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- The TEI documents of the edition: the texts in their order, then the registers (not the introduction). -->
  <xsl:function name="tp:edition-teis" as="element(tei:TEI)*">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="edition" select="root($context)/tp:edition"/>
    <xsl:sequence select="($edition/tp:text, $edition/tp:registers) ! tp:tei(.)"/>
  </xsl:function>

  <!-- The title of an edition file: a text's title, or the registers' title. -->
  <xsl:function name="tp:file-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="tp:text-title($tei)"/>
  </xsl:function>

  <!--
    The statements of a kind across files, each distinct statement once (by its
    words, ignoring white space) with the files that make it: a sequence of
    maps {'statement': the first element, 'teis': the TEI elements saying it}.
  -->
  <xsl:function name="tp:distinct-statements" as="map(*)*">
    <xsl:param name="statements" as="element()*"/>
    <xsl:for-each-group select="$statements" group-by="local-name() || '|' || normalize-space(.)">
      <xsl:sequence select="map{'statement': current-group()[1], 'teis': current-group() ! ancestor::tei:TEI[1]}"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The editors named in teipress.toml ([edition] editors), as TEI editor elements (edition.py). -->
  <xsl:function name="tp:settings-editors" as="element(tei:editor)*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="root($context)/tp:edition/tp:settings/tei:editor"/>
  </xsl:function>

  <!-- Who made the edition: the editors of the settings, then every respStmt and editor of the files' titleStmt, each distinct one once. -->
  <xsl:function name="tp:edition-responsibilities" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tp:distinct-statements((tp:settings-editors($context), tp:edition-teis($context) ! tp:text-editors(.))) ! ?statement"/>
  </xsl:function>

  <!--
    The edition document this transformation runs on (empty when it runs on
    none). The facts of the whole edition that every text's citation repeats
    (editors, changes) are gathered once for it, in the global variables
    below, instead of once per text (which grew with the square of the texts).
  -->
  <xsl:variable name="tp:this-edition" as="document-node()?">
    <xsl:try select=".[. instance of document-node()]">
      <xsl:catch select="()"/>
    </xsl:try>
  </xsl:variable>

  <!-- True when $context is in the edition document of this transformation (its facts are in the variables below). -->
  <xsl:function name="tp:in-this-edition" as="xs:boolean">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="exists($tp:this-edition) and root($context) is $tp:this-edition"/>
  </xsl:function>

  <xsl:variable name="tp:this-edition-editor-names" as="xs:string*"
                select="$tp:this-edition ! tp:gather-editor-names(.)"/>
  <xsl:variable name="tp:this-edition-changes" as="element(tei:change)*"
                select="$tp:this-edition ! tp:gather-changes(.)"/>

  <!-- The names of the editors (people and bodies named in respStmt and editor), each once, in order. -->
  <xsl:function name="tp:edition-editor-names" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="if (tp:in-this-edition($context)) then $tp:this-edition-editor-names else tp:gather-editor-names($context)"/>
  </xsl:function>

  <xsl:function name="tp:gather-editor-names" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="distinct-values((tp:settings-editors($context), tp:edition-teis($context) ! tp:text-editors(.))
      ! (self::tei:editor, tei:persName, tei:orgName, tei:name) ! tp:name-string(.)[. ne ''])"/>
  </xsl:function>

  <!-- The publishers, distributors and authorities of the files, each distinct one once. -->
  <xsl:function name="tp:edition-publishers" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tp:distinct-statements(tp:edition-teis($context)/tei:teiHeader/tei:fileDesc/tei:publicationStmt
      /(tei:publisher | tei:distributor | tei:authority)) ! ?statement"/>
  </xsl:function>

  <!-- The contact addresses (publicationStmt/address) of the files, each distinct one once. -->
  <xsl:function name="tp:edition-addresses" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tp:distinct-statements(tp:edition-teis($context)/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:address) ! ?statement"/>
  </xsl:function>

  <!-- Funders and sponsors named in the files' titleStmt, each distinct one once. -->
  <xsl:function name="tp:edition-funders" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tp:distinct-statements(tp:edition-teis($context)/tei:teiHeader/tei:fileDesc/tei:titleStmt
      /(tei:funder | tei:sponsor | tei:principal)) ! ?statement"/>
  </xsl:function>

  <!--
    The licences of the files with the files under each (maps as tp:distinct-statements gives);
    first the licence of teipress.toml ([edition] licence), which covers every file.
  -->
  <xsl:function name="tp:edition-licences" as="map(*)*">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="teis" select="tp:edition-teis($context)"/>
    <xsl:sequence select="(root($context)/tp:edition/tp:settings/tei:licence ! map{'statement': ., 'teis': $teis},
      tp:distinct-statements($teis ! tp:text-licences(.)))"/>
  </xsl:function>

  <!-- Every change of every file's revisionDesc, newest first (by date, then version; otherwise in the files' order). -->
  <xsl:function name="tp:edition-changes" as="element(tei:change)*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="if (tp:in-this-edition($context)) then $tp:this-edition-changes else tp:gather-changes($context)"/>
  </xsl:function>

  <xsl:function name="tp:gather-changes" as="element(tei:change)*">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="changes" select="tp:edition-teis($context)/tei:teiHeader/tei:revisionDesc//tei:change"/>
    <!-- ISO dates sort as strings; the sort is stable, so one day's changes keep the files' order (newest first). -->
    <xsl:perform-sort select="$changes">
      <xsl:sort select="tp:change-date(.)" order="descending"/>
      <xsl:sort select="string(@n)" order="descending"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The date of a change (YYYY-MM-DD or shorter), or '' when it has none. -->
  <xsl:function name="tp:change-date" as="xs:string">
    <xsl:param name="change" as="element()"/>
    <xsl:sequence select="string(($change/@when, $change/@notAfter, $change/@from, $change/@notBefore)[1])"/>
  </xsl:function>

  <!--
    The edition's version: the @n of the newest change that carries one, in
    any file (editors number a change when they release it); '' when none.
  -->
  <xsl:function name="tp:edition-version" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="string((tp:edition-changes($context)[normalize-space(@n)])[1]/@n)"/>
  </xsl:function>

  <!-- The date of the edition's version: the date of its newest change, else the build date. -->
  <xsl:function name="tp:edition-date" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="numbered" select="(tp:edition-changes($context)[normalize-space(@n)])[1]"/>
    <xsl:sequence select="string((($numbered ! tp:change-date(.))[. ne ''], root($context)/tp:edition/@build-date)[1])"/>
  </xsl:function>

  <!-- The status of the edition: revisionDesc/@status of the files when they agree (e.g. "published"), else ''. -->
  <xsl:function name="tp:edition-status" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="s" select="distinct-values(tp:edition-teis($context)/tei:teiHeader/tei:revisionDesc/@status ! string())"/>
    <xsl:sequence select="if (count($s) eq 1) then $s else ''"/>
  </xsl:function>

  <!-- The first numbered paragraph of a text (for the example of a paragraph citation). -->
  <xsl:function name="tp:first-block" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:text/tei:body//(tei:p | tei:ab)[tp:is-numbered-block(.)])[1]"/>
  </xsl:function>

  <!-- The URL of a file of the edition ($href relative to the site root): absolute when the edition has a url. -->
  <xsl:function name="tp:edition-url" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:variable name="base" select="string(root($context)/tp:edition/@url)"/>
    <xsl:sequence select="if ($base ne '') then resolve-uri($href, $base) else $href"/>
  </xsl:function>

  <!-- "version 0.2, 24 November 2026" (or only the date when the files number no version). -->
  <xsl:function name="tp:version-label" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="v" select="tp:edition-version($context)"/>
    <xsl:variable name="date" select="tp:format-date(tp:edition-date($context))"/>
    <xsl:sequence select="if ($v ne '') then tp:l10n('cite-version', ($v, $date)) else $date"/>
  </xsl:function>

  <!-- The edition in a reference list, as plain text: Editors (eds.), Title, version, date, URL. -->
  <xsl:function name="tp:edition-citation" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="editors" select="tp:edition-editor-names($context)"/>
    <xsl:sequence select="tp:l10n('cite-edition-plain', (
      if (exists($editors)) then tp:l10n('cite-eds', string-join($editors, '; ')) || ', ' else '',
      string(root($context)/tp:edition/@title), tp:version-label($context), tp:edition-url($context, tp:page-href($tp:home-page))))"/>
  </xsl:function>

  <!-- A text (tp:text) in a reference list, as plain text; with $block, one of its paragraphs. -->
  <xsl:function name="tp:text-citation" as="xs:string">
    <xsl:param name="part" as="element(tp:text)"/>
    <xsl:param name="block" as="element()?"/>
    <xsl:variable name="tei" select="tp:tei($part)"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()] ! normalize-space(tp:name-string(((tei:persName | tei:orgName | tei:name), .)[1]))"/>
    <xsl:variable name="editors" select="tp:edition-editor-names($part)"/>
    <xsl:sequence select="tp:l10n('cite-text-plain', (
      if (exists($authors)) then string-join($authors, '; ') || ', ' else '',
      tp:l10n('quote-open') || tp:text-title($tei) || tp:l10n('quote-close'),
      string(root($part)/tp:edition/@title),
      if (exists($editors)) then ', ' || tp:l10n('bibl-edited-by', string-join($editors, '; ')) else '',
      tp:version-label($part),
      if (exists($block)) then ', ' || tp:block-label($block) else '',
      tp:edition-url($part, tp:file-href($part/@html)) || (if (exists($block)) then '#' || tp:block-id($block) else '')))"/>
  </xsl:function>
</xsl:stylesheet>
