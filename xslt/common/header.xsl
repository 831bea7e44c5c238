<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the teiHeader says about a text, whatever the output: its title,
  authors, date, language, source, editors, licence. Outputs render what these
  functions select; nothing here produces markup.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- The TEI document of a part of the edition (tp:text or tp:registers). -->
  <xsl:function name="tp:tei" as="element(tei:TEI)?" cache="yes">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="($part/descendant-or-self::tei:TEI)[1]"/>
  </xsl:function>

  <!--
    The title elements of the titleStmt, the main title first: type="main", else
    the first title of the text itself (not a series or journal title, not a
    subtitle, short or alternative title), else the first; then the others.
  -->
  <xsl:function name="tp:title-elements" as="element()*" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:variable name="main" select="($titles[@type = 'main'],
      $titles[not(@type) and not(@level = ('s', 'j'))],
      $titles[not(@type = ('sub', 'subtitle', 'alt', 'short', 'desc'))][not(@level = ('s', 'j'))],
      $titles)[1]"/>
    <xsl:sequence select="$main, $titles except $main"/>
  </xsl:function>

  <!-- The title of a text as a string (its main title, else its id). -->
  <xsl:function name="tp:text-title" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="t" select="normalize-space(tp:title-elements($tei)[1])"/>
    <xsl:sequence select="if ($t ne '') then $t else string(($tei/@xml:id, tp:part($tei)/@id, '?')[1])"/>
  </xsl:function>

  <!-- The authors of a text: titleStmt/author. -->
  <xsl:function name="tp:text-authors" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author"/>
  </xsl:function>

  <!-- Who edited a text: the respStmt and editor elements of the titleStmt (then of the editionStmt). -->
  <xsl:function name="tp:text-editors" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/(tei:titleStmt | tei:editionStmt)/(tei:editor | tei:respStmt)"/>
  </xsl:function>

  <!-- The date of a text: its creation date, else the first date of its source, else its publication date. -->
  <xsl:function name="tp:text-date" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="h" select="$tei/tei:teiHeader"/>
    <xsl:sequence select="($h/tei:profileDesc/tei:creation//(tei:date | tei:origDate),
                           $h/tei:fileDesc/tei:sourceDesc//tei:date,
                           $h/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
  </xsl:function>

  <!-- The bibliographic descriptions of the source: biblStruct, bibl, biblFull, msDesc of the sourceDesc. -->
  <xsl:function name="tp:text-sources" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/(tei:biblStruct | tei:bibl | tei:biblFull | tei:msDesc | tei:listBibl/*)"/>
  </xsl:function>

  <!-- The witnesses declared in the sourceDesc (the first is the copy-text). -->
  <xsl:function name="tp:witnesses" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:listWit//tei:witness"/>
  </xsl:function>

  <!-- The licence(s) of a text. -->
  <xsl:function name="tp:text-licences" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"/>
  </xsl:function>

  <!-- The language of a text: @xml:lang of its text, else of its TEI, else the first language of langUsage. -->
  <xsl:function name="tp:text-lang" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/tei:text/@xml:lang, $tei/@xml:lang,
      $tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)[normalize-space()][1] ! string()"/>
  </xsl:function>

  <!--
    The lang attribute for HTML made from the TEI node $node outside the reading text's own
    section (its title, header prose, notes, apparatus readings), which sit among interface
    strings: the node's xml:lang in scope when it has one; else its TEI's language
    (tp:text-lang) when that is not the interface's (the page's own lang); else none. A screen
    reader then reads an English note on a German page in English.
  -->
  <xsl:function name="tp:content-lang" as="attribute()?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="declared" select="($node/ancestor-or-self::*/@xml:lang)[last()][normalize-space()]"/>
    <xsl:variable name="inherited" select="$node/ancestor-or-self::tei:TEI[1] ! tp:text-lang(.)"/>
    <xsl:choose>
      <xsl:when test="exists($declared)">
        <xsl:attribute name="lang" select="tp:html-lang($declared)"/>
      </xsl:when>
      <xsl:when test="exists($inherited) and tp:html-lang($inherited) ne '' and tp:html-lang($inherited) ne $l10n-lang">
        <xsl:attribute name="lang" select="tp:html-lang($inherited)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
