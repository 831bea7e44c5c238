<?xml version="1.0" encoding="UTF-8"?>
<!--
  A text's Dublin Core, from what its teiHeader says (common/header.xsl): shared by
  the DTS API (a Resource's dublinCore) and the OAI-PMH static repository (oai_dc).
  Each property is a tp:dc element: @name the DC term, @lang the language of the
  value when the header gives one, the value as text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:function name="tp:dublin-core" as="element(tp:dc)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:sequence select="tp:dc('title', tp:title-elements($tei)[1], tp:text-title($tei))"/>
    <xsl:for-each select="tp:text-authors($tei)">
      <xsl:sequence select="tp:dc('creator', ., normalize-space(.))"/>
    </xsl:for-each>
    <xsl:for-each select="tp:text-editors($tei)">
      <!-- An editor element, or the persons and organisations a respStmt names (not its resp). -->
      <xsl:sequence select="tp:dc('contributor', ., normalize-space(string-join((self::tei:editor, tei:persName | tei:orgName | tei:name), '; ')))"/>
    </xsl:for-each>
    <xsl:variable name="date" select="tp:text-date($tei)"/>
    <xsl:sequence select="tp:dc('date', (), ($date/(@when, @from, @notBefore)[tp:is-html-date(.)] ! string(), normalize-space($date))[. ne ''][1])"/>
    <xsl:sequence select="tp:dc('language', (), string(tp:text-lang($tei)))"/>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority)">
      <xsl:sequence select="tp:dc('publisher', ., normalize-space(.))"/>
    </xsl:for-each>
    <xsl:for-each select="tp:text-licences($tei)">
      <xsl:sequence select="tp:dc('rights', ., (normalize-space(@target)[. ne ''], normalize-space(.))[1])"/>
    </xsl:for-each>
    <xsl:for-each select="tp:text-sources($tei)">
      <xsl:sequence select="tp:dc('source', ., normalize-space(string-join(.//text()[empty(ancestor::tei:note)], ' ')))"/>
    </xsl:for-each>
    <xsl:sequence select="tp:dc('type', (), 'Text')"/>
  </xsl:function>

  <!-- A tp:dc element of the term $name with $value ('' gives none), in the language of $source if it declares one. -->
  <xsl:function name="tp:dc" as="element(tp:dc)?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="source" as="element()?"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="normalize-space($value) ne ''">
      <tp:dc name="{$name}">
        <xsl:variable name="lang" select="$source/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
        <xsl:if test="exists($lang)">
          <xsl:attribute name="lang" select="$lang"/>
        </xsl:if>
        <xsl:value-of select="normalize-space($value)"/>
      </tp:dc>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
