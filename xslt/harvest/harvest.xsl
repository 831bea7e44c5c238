<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the files harvesters read, one per run (parameter file):
    oai               an OAI-PMH Static Repository (OAI-PMH 2.0 "Specification for an OAI
                      Static Repository and an OAI Static Repository Gateway"): the edition's
                      Identify, oai_dc as its one metadata format, and a record of Dublin Core
                      per text (dts/dublincore.xsl); empty when the files name no contact
                      email (adminEmail is required);
    beacon-AUTHORITY  a BEACON link dump (wikidata, gnd, viaf): one line per published person
                      of the registers with an idno of that authority, linked to the person's
                      entry on the register page; empty when no person has one.
  Source: the edition document of the extracts; the edition has a url (teipress does not run
  this without one: harvesters need absolute URLs). Output is text: the XML is serialized here.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:sr="http://www.openarchives.org/OAI/2.0/static-repository"
  xmlns:oai="http://www.openarchives.org/OAI/2.0/"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="../common/shared.xsl"/>
  <xsl:import href="../dts/dublincore.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode use-accumulators="#all"/>

  <xsl:param name="file" as="xs:string" select="'oai'"/>

  <!-- The URI patterns of the authorities' records (BEACON's #PREFIX), by the idno/@type naming them. -->
  <xsl:variable name="tp:beacon-prefixes" as="map(xs:string, xs:string)"
    select="map{'wikidata': 'http://www.wikidata.org/entity/', 'gnd': 'https://d-nb.info/gnd/', 'viaf': 'http://viaf.org/viaf/'}"/>

  <xsl:template match="/">
    <xsl:variable name="edition" select="tp:edition"/>
    <xsl:choose>
      <xsl:when test="$file eq 'oai'">
        <xsl:variable name="repository" select="tp:static-repository($edition)"/>
        <xsl:if test="exists($repository)">
          <xsl:sequence select="serialize($repository, map{'method': 'xml', 'indent': true()}) || '&#10;'"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="starts-with($file, 'beacon-') and map:contains($tp:beacon-prefixes, substring-after($file, 'beacon-'))">
        <xsl:sequence select="tp:beacon($edition, substring-after($file, 'beacon-'))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="tp:unknown-file">teipress: unknown harvesting file "{$file}"</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The Static Repository of the edition, or nothing when no file names a contact email. -->
  <xsl:function name="tp:static-repository" as="document-node()?">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="emails" select="distinct-values(tp:edition-addresses($edition)//tei:email ! normalize-space(.)[. ne ''])"/>
    <xsl:variable name="date" select="tp:oai-date($edition/@build-date)"/>
    <!-- An oai-identifier names the repository by a domain name: the host of the edition's url. -->
    <xsl:variable name="host" select="replace(string($edition/@url), '^[a-z]+://([^/:]+).*$', '$1')"/>
    <xsl:if test="exists($emails)">
      <xsl:document>
        <sr:Repository>
          <!-- Declared once, on the root, rather than on each element that uses them. -->
          <xsl:namespace name="oai" select="'http://www.openarchives.org/OAI/2.0/'"/>
          <xsl:namespace name="oai_dc" select="'http://www.openarchives.org/OAI/2.0/oai_dc/'"/>
          <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
          <sr:Identify>
            <oai:repositoryName>{$edition/@title}</oai:repositoryName>
            <!-- The file's own URL, as OLAC's gateway registers static repositories; a gateway that
                 serves it under its own base URL is named when registering (see the README). -->
            <oai:baseURL>{resolve-uri('oai.xml', $edition/@url)}</oai:baseURL>
            <oai:protocolVersion>2.0</oai:protocolVersion>
            <xsl:for-each select="$emails">
              <oai:adminEmail>{.}</oai:adminEmail>
            </xsl:for-each>
            <oai:earliestDatestamp>{$date}</oai:earliestDatestamp>
            <oai:deletedRecord>no</oai:deletedRecord>
            <oai:granularity>YYYY-MM-DD</oai:granularity>
          </sr:Identify>
          <sr:ListMetadataFormats>
            <oai:metadataFormat>
              <oai:metadataPrefix>oai_dc</oai:metadataPrefix>
              <oai:schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</oai:schema>
              <oai:metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</oai:metadataNamespace>
            </oai:metadataFormat>
          </sr:ListMetadataFormats>
          <sr:ListRecords metadataPrefix="oai_dc">
            <xsl:for-each select="$edition/tp:text">
              <oai:record>
                <oai:header>
                  <oai:identifier>oai:{$host}:{@id}</oai:identifier>
                  <oai:datestamp>{$date}</oai:datestamp>
                </oai:header>
                <oai:metadata>
                  <oai_dc:dc>
                    <xsl:for-each select="tp:dublin-core(tp:tei(.))">
                      <xsl:element name="dc:{@name}">
                        <xsl:if test="@lang">
                          <xsl:attribute name="xml:lang" select="@lang"/>
                        </xsl:if>
                        <xsl:value-of select="."/>
                      </xsl:element>
                    </xsl:for-each>
                    <xsl:if test="@html ne ''">
                      <dc:identifier>{iri-to-uri(tp:edition-url(., tp:file-href(@html)))}</dc:identifier>
                    </xsl:if>
                  </oai_dc:dc>
                </oai:metadata>
              </oai:record>
            </xsl:for-each>
          </sr:ListRecords>
        </sr:Repository>
      </xsl:document>
    </xsl:if>
  </xsl:function>

  <!-- A datestamp of OAI-PMH's day granularity: the build date, else 1970-01-01 (a datestamp is required). -->
  <xsl:function name="tp:oai-date" as="xs:string">
    <xsl:param name="date" as="xs:string?"/>
    <xsl:sequence select="if (matches(string($date), '^\d{4}-\d{2}-\d{2}')) then substring($date, 1, 10) else '1970-01-01'"/>
  </xsl:function>

  <!-- The BEACON file of an authority: a line "id||target" per published person with an idno of it. -->
  <xsl:function name="tp:beacon" as="xs:string?">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:param name="authority" as="xs:string"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select="tp:entries($edition, 'person')[tp:is-published(.)]">
        <xsl:variable name="entry" select="."/>
        <xsl:for-each select="distinct-values(tei:idno[lower-case(@type) eq $authority] ! replace(normalize-space(.), '^.*/', '')[. ne ''])">
          <xsl:sequence select=". || '||' || iri-to-uri(tp:edition-url($edition, tp:register-href('person') || '#' || tp:entry-anchor($entry)))"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($lines)">
      <xsl:sequence select="string-join((
        '#FORMAT: BEACON',
        '#PREFIX: ' || $tp:beacon-prefixes($authority),
        '#NAME: ' || $edition/@title,
        '#FEED: ' || resolve-uri('beacon-' || $authority || '.txt', $edition/@url),
        if (tp:is-html-date($edition/@build-date)) then '#TIMESTAMP: ' || $edition/@build-date else (),
        $lines), '&#10;') || '&#10;'"/>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
