<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: what the static DTS API (teipress.writers.dts) and the
  harvesting files say, as XML that Python turns into the API's files.
  Source: the edition document (tp:edition). Parameter part:
    text     one text ($text-id): its Dublin Core and its citable units, the
             divisions and numbered paragraphs of its body (the same numbers,
             "§ n", as its page: common/numbering.xsl), each with a copy of
             its TEI;
    edition  the edition and every text's Dublin Core (the collection).
  The citation tree of a text whose refsDecl has a citeStructure is read in
  Python (its XPath is evaluated there, never by a stylesheet).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/shared.xsl"/>
  <xsl:import href="dublincore.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Paragraph counts (accumulators of numbering.xsl) apply to the edition document. -->
  <xsl:mode use-accumulators="#all"/>

  <xsl:param name="part" as="xs:string" select="'text'"/>
  <xsl:param name="text-id" as="xs:string" select="''"/>

  <xsl:template match="/">
    <xsl:variable name="edition" select="tp:edition"/>
    <xsl:choose>
      <xsl:when test="$part eq 'edition'">
        <tp:dts-edition title="{$edition/@title}" url="{$edition/@url}" build-date="{$edition/@build-date}">
          <xsl:for-each select="$edition/tp:text">
            <xsl:sequence select="tp:dts-text(., false())"/>
          </xsl:for-each>
        </tp:dts-edition>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text" select="key('tp:text-by-id', $text-id, $edition)"/>
        <xsl:if test="empty($text)">
          <xsl:message terminate="yes" error-code="tp:unknown-text">teipress: no text "{$text-id}" in the edition document</xsl:message>
        </xsl:if>
        <xsl:sequence select="tp:dts-text($text[1], true())"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A text: its id, the files of it the site has, its Dublin Core and, with $units, its citable units. -->
  <xsl:function name="tp:dts-text" as="element(tp:dts-text)">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:param name="units" as="xs:boolean"/>
    <xsl:variable name="tei" select="tp:tei($text)"/>
    <tp:dts-text id="{$text/@id}" html="{$text/@html}" tei="{$text/@tei}" lang="{tp:text-lang($tei)}"
                 title="{tp:text-title($tei)}">
      <xsl:sequence select="tp:dublin-core($tei)"/>
      <xsl:if test="$units">
        <xsl:sequence select="tp:citable-units($tei)"/>
      </xsl:if>
    </tp:dts-text>
  </xsl:function>

  <!--
    The citable units of a text in document order: the divisions of its body and its numbered
    paragraphs. A paragraph's identifier is its number (the "§ n" of its page); a division's
    is its xml:id, else "div-" and its number among the divisions.
  -->
  <xsl:function name="tp:citable-units" as="element(tp:unit)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="bodies" select="$tei/tei:text/descendant::tei:body[not(ancestor::tei:body)]"/>
    <xsl:variable name="units" select="$bodies/descendant::*[tp:is-division(.) or tp:is-numbered-block(.)]"/>
    <xsl:variable name="divisions" select="$units[tp:is-division(.)]"/>
    <xsl:variable name="numbers" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($divisions) return map{generate-id($divisions[$i]): $i})"/>
    <xsl:for-each select="$units">
      <xsl:variable name="parent" select="ancestor::*[tp:is-division(.)][1]"/>
      <tp:unit identifier="{tp:unit-identifier(., $numbers)}" level="{count(ancestor::*[tp:is-division(.)]) + 1}"
               parent="{$parent ! tp:unit-identifier(., $numbers)}" has-parent="{exists($parent)}">
        <xsl:choose>
          <xsl:when test="tp:is-division(.)">
            <xsl:attribute name="cite-type" select="(normalize-space(@type)[. ne ''], 'division')[1]"/>
            <xsl:attribute name="title" select="tp:reading-string(tei:head[1])"/>
            <xsl:attribute name="lang" select="tp:text-lang($tei)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="cite-type" select="'paragraph'"/>
            <xsl:attribute name="label" select="tp:block-label(.)"/>
            <xsl:attribute name="anchor" select="tp:block-id(.)"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:copy-of select="." copy-namespaces="no"/>
      </tp:unit>
    </xsl:for-each>
  </xsl:function>

  <!-- True when $el is a division of a text's body that the citation tree names (not navigation, not in a note, figure or paragraph). -->
  <xsl:function name="tp:is-division" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
                                     or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7])
      and exists($el/ancestor::tei:body) and not($el/@type = 'navigation')
      and empty($el/ancestor::*[self::tei:note or self::tei:figure or self::tei:p or self::tei:ab
                                or self::tei:div[@type = 'navigation']])"/>
  </xsl:function>

  <!-- The identifier of a citable unit; $numbers: the number of each division by generate-id. -->
  <xsl:function name="tp:unit-identifier" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)"/>
    <xsl:sequence select="if (tp:is-numbered-block($unit)) then string(tp:block-number($unit))
      else (normalize-space($unit/@xml:id)[. ne ''][not(matches(., '^div-\d+$'))], 'div-' || $numbers(generate-id($unit)))[1]"/>
  </xsl:function>

  <!-- The words of $el as the reading view shows them (one branch of each app and choice), whitespace normalised. -->
  <xsl:function name="tp:reading-string" as="xs:string">
    <xsl:param name="el" as="element()?"/>
    <xsl:sequence select="normalize-space(string-join($el//text()[tp:on-reading-path(.)]
      [empty(ancestor::*[self::tei:note or self::tei:figDesc])]))"/>
  </xsl:function>
</xsl:stylesheet>
