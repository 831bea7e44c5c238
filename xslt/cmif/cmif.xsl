<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the edition's letters in the Correspondence Metadata Interchange Format
  (CMIF, TEI Correspondence SIG), the file correspSearch harvests: a teiHeader whose
  profileDesc holds one correspDesc per letter (sender, addressee, places and dates, with
  the authority URIs of the people and places where the registers or the letters give
  them), each pointing to the letter's page (@ref) and to the edition (@source).
  One run per parameter part:
    cmif    the file, serialized; empty when the edition has no letter or when the
            file cannot be valid CMIF (no editor, no licence with a URL: see the report);
    report  the warnings about it, one per line (what correspSearch will miss, and why
            the file is empty): teipress turns each into a warning of the build.
  Source: the edition document of the whole texts (tp:edition), which has a url (teipress
  does not run this without one: the file's idno and every @ref are absolute URLs).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="../common/shared.xsl"/>
  <xsl:import href="../common/correspondence.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode use-accumulators="#all"/>

  <!-- What to give: the file ('cmif') or its warnings ('report'). -->
  <xsl:param name="part" as="xs:string" select="'cmif'"/>
  <!-- The xml:id of the edition's bibl, which every correspDesc/@source names (a UUID, as CMIF recommends). -->
  <xsl:param name="source-id" as="xs:string" select="'edition'"/>
  <!-- The file's name at the root of the site (its idno is its URL). -->
  <xsl:param name="file" as="xs:string" select="'cmif.xml'"/>

  <!-- Dating attributes CMIF reads, and the W3C forms their values must take. -->
  <xsl:variable name="tp:cmif-dating" as="xs:string+" select="('when', 'from', 'to', 'notBefore', 'notAfter')"/>

  <xsl:template match="/">
    <xsl:variable name="edition" select="tp:edition"/>
    <xsl:choose>
      <xsl:when test="$part eq 'cmif'">
        <xsl:if test="exists(tp:cmif-letters($edition)) and exists(tp:cmif-editors($edition)) and exists(tp:cmif-licence($edition))">
          <xsl:sequence select="serialize(tp:cmif($edition), map{'method': 'xml', 'indent': true()}) || '&#10;'"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$part eq 'report'">
        <xsl:sequence select="string-join(tp:cmif-report($edition) ! (. || '&#10;'))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="tp:unknown-part">teipress: unknown CMIF part "{$part}"</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The letters CMIF can describe: both a sent and a received action with something to say. -->
  <xsl:function name="tp:cmif-letters" as="element(tp:text)*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="tp:edition-letters($edition)[every $type in ('sent', 'received') satisfies
                          exists(tp:cmif-action-parts(tp:letter-action(., $type)))]"/>
  </xsl:function>

  <!-- What CMIF takes of an action: its correspondents, places and dates with a dating attribute. -->
  <xsl:function name="tp:cmif-action-parts" as="element()*">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:sequence select="tp:correspondents($action), tp:correspondence-places($action),
                          $action/tei:date[exists(tp:cmif-dating(.))]"/>
  </xsl:function>

  <!-- The dating attributes of a date whose values are W3C dates (CMIF's schema takes no other). -->
  <xsl:function name="tp:cmif-dating" as="attribute()*">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="$date/@*[local-name() = $tp:cmif-dating][normalize-space() castable as xs:date
      or normalize-space() castable as xs:gYearMonth or normalize-space() castable as xs:gYear
      or normalize-space() castable as xs:dateTime]"/>
  </xsl:function>

  <!-- The editors' names, each once: those of teipress.toml, then of the files' editor and respStmt (the
       people and bodies they name, else their words: an editor holding two names is two editors). -->
  <xsl:function name="tp:cmif-editors" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="distinct-values((tp:settings-editors($edition), tp:edition-teis($edition) ! tp:text-editors(.))
      ! (if (exists(tei:persName | tei:orgName | tei:name)) then tei:persName | tei:orgName | tei:name else self::tei:editor)
      ! tp:name-string(.)[. ne ''])"/>
  </xsl:function>

  <!-- The contact emails of the edition: those in the editors' statements, then in the files' publicationStmt/address. -->
  <xsl:function name="tp:cmif-emails" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="distinct-values((tp:edition-teis($edition) ! tp:text-editors(.)//tei:email,
      tp:edition-addresses($edition)//tei:email) ! normalize-space(.)[. ne ''])"/>
  </xsl:function>

  <!-- The URL of the edition's licence: the first licence that has one (@target, or words that are a URL). -->
  <xsl:function name="tp:cmif-licence" as="xs:string?">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="(tp:edition-licences($edition) ! ?statement
      ! (tokenize(normalize-space(@target), ' ')[1], normalize-space(.)[matches(., '^https?://\S+$')])[1])[1]"/>
  </xsl:function>

  <!-- True for a Creative Commons Attribution or CC0 licence: correspSearch harvests no other. -->
  <xsl:function name="tp:is-cmif-licence" as="xs:boolean">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="matches($url, '^https?://(www\.)?creativecommons\.org/(licenses/by/|publicdomain/zero/)')"/>
  </xsl:function>

  <xsl:function name="tp:cmif-report" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="letters" select="tp:edition-letters($edition)"/>
    <xsl:variable name="licence" select="tp:cmif-licence($edition)"/>
    <xsl:if test="exists($letters)">
      <xsl:for-each select="$letters except tp:cmif-letters($edition)">
        <xsl:sequence select="$file || ': the letter ' || @src || ' is left out: CMIF needs both its sender''s and its addressee''s side (correspAction type=&quot;sent&quot; and &quot;received&quot; with a name, a place or a date)'"/>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="empty(tp:cmif-editors($edition))">
          <xsl:sequence select="$file || ' not written: CMIF needs an editor; name one in [edition] editors of teipress.toml or in a titleStmt'"/>
        </xsl:when>
        <xsl:when test="empty(tp:cmif-emails($edition))">
          <xsl:sequence select="$file || ': the editors are given without an email (correspSearch asks for one to contact them); give one in a file''s publicationStmt/address or in an editor''s statement'"/>
        </xsl:when>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="empty($licence)">
          <xsl:sequence select="$file || ' not written: CMIF needs a licence with a URL (CC BY or CC0); give one in [edition] licence of teipress.toml or in a file''s availability/licence/@target'"/>
        </xsl:when>
        <xsl:when test="not(tp:is-cmif-licence($licence))">
          <xsl:sequence select="$file || ': the licence ' || $licence || ' is neither CC BY nor CC0, the licences correspSearch harvests'"/>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:function>

  <!-- The CMIF file of the edition. -->
  <xsl:function name="tp:cmif" as="document-node()">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="emails" select="tp:cmif-emails($edition)"/>
    <xsl:variable name="home" select="tp:edition-url($edition, tp:page-href($tp:home-page))"/>
    <xsl:document>
      <TEI>
        <teiHeader>
          <fileDesc>
            <titleStmt>
              <title>{$edition/@title}</title>
              <!-- Each editor with the edition's first contact email: correspSearch writes to it about the file. -->
              <xsl:for-each select="tp:cmif-editors($edition)">
                <editor>{.}<xsl:for-each select="$emails[1]"><xsl:text> </xsl:text><email>{.}</email></xsl:for-each></editor>
              </xsl:for-each>
            </titleStmt>
            <publicationStmt>
              <publisher><ref target="{$home}">{$edition/@title}</ref></publisher>
              <idno type="url">{tp:edition-url($edition, $file)}</idno>
              <date when="{$edition/@build-date}"/>
              <availability>
                <licence target="{tp:cmif-licence($edition)}">{tp:cmif-licence($edition)}</licence>
              </availability>
            </publicationStmt>
            <sourceDesc>
              <bibl type="online"><xsl:attribute name="xml:id" select="$source-id"/>{$edition/@title}. <ref target="{$home}">{$home}</ref></bibl>
            </sourceDesc>
          </fileDesc>
          <profileDesc>
            <xsl:apply-templates select="tp:cmif-letters($edition)" mode="tp:cmif"/>
          </profileDesc>
        </teiHeader>
        <text>
          <body>
            <p/>
          </body>
        </text>
      </TEI>
    </xsl:document>
  </xsl:function>

  <!-- A letter: its page, the edition it is in, and what was sent and received. -->
  <xsl:template match="tp:text" mode="tp:cmif">
    <correspDesc ref="{tp:edition-url(., tp:file-href(@html))}" source="#{$source-id}">
      <xsl:apply-templates select="tp:letter-action(., 'sent'), tp:letter-action(., 'received')" mode="tp:cmif"/>
    </correspDesc>
  </xsl:template>

  <xsl:template match="tei:correspAction" mode="tp:cmif">
    <correspAction type="{@type}">
      <xsl:apply-templates select="tp:correspondents(.), tp:correspondence-places(.), tei:date[exists(tp:cmif-dating(.))][1]" mode="tp:cmif"/>
    </correspAction>
  </xsl:template>

  <!-- A correspondent: persName or orgName (a generic name or rs by the kind it names), with its authority URI. -->
  <xsl:template match="tei:persName | tei:orgName | tei:name | tei:rs" mode="tp:cmif">
    <xsl:element name="{if (self::tei:orgName or tp:mention-kind(.) eq 'org') then 'orgName' else 'persName'}">
      <xsl:call-template name="tp:cmif-ref"/>
      <xsl:value-of select="tp:correspondent-name(.)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:placeName | tei:settlement" mode="tp:cmif">
    <placeName>
      <xsl:call-template name="tp:cmif-ref"/>
      <xsl:value-of select="(tp:mention-entry(.) ! tp:entry-name(.), tp:name-string(.))[1]"/>
    </placeName>
  </xsl:template>

  <xsl:template match="tei:date" mode="tp:cmif">
    <date>
      <xsl:for-each select="tp:cmif-dating(.)">
        <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
      </xsl:for-each>
    </date>
  </xsl:template>

  <!-- @ref: the preferred authority URI of a name (correspSearch reads one). -->
  <xsl:template name="tp:cmif-ref">
    <xsl:for-each select="tp:authority-uris(.)[1]">
      <xsl:attribute name="ref" select="."/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
