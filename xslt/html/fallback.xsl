<?xml version="1.0" encoding="UTF-8"?>
<!--
  The policy for elements no template knows: render them with their content,
  as a div or a span (tp:display decides), with the class "tei-NAME"; report
  them when fallback-report is true. Imported first, so every other module wins.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Report each element rendered by the generic fallback with xsl:message. -->
  <xsl:param name="fallback-report" as="xs:boolean" select="false()"/>

  <xsl:template match="*" priority="-10">
    <xsl:if test="$fallback-report">
      <!-- Read by teipress.transform (the build report): the name (Q{ns}name outside TEI) and the path, to count each element once. -->
      <xsl:message>teipress: no template for {if (namespace-uri() eq 'http://www.tei-c.org/ns/1.0') then local-name() else 'Q{' || namespace-uri() || '}' || local-name()} at {path()}; rendered generically</xsl:message>
    </xsl:if>
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Comments and processing instructions of the source are not text. -->
  <xsl:template match="comment() | processing-instruction()" mode="#all" priority="-10"/>

  <!--
    The attributes every rendered TEI element carries: id (its xml:id, when
    $tp:ids is true, i.e. in the reading text and notes), class ($class plus
    "rend-X" for each @rend/@rendition token) and lang (from @xml:lang).
  -->
  <xsl:template name="tp:attributes">
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="id" as="xs:string?" select="()"/>
    <xsl:param name="with-id" as="xs:boolean" select="true()"/>
    <xsl:param name="tp:ids" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="the-id" select="($id, if ($tp:ids and $with-id) then string(@xml:id) else ())[. ne ''][1]"/>
    <xsl:if test="exists($the-id)">
      <xsl:attribute name="id" select="$the-id"/>
    </xsl:if>
    <xsl:variable name="classes" select="distinct-values(($class, tp:rend-tokens(.) ! ('rend-' || .)))"/>
    <xsl:if test="exists($classes)">
      <xsl:attribute name="class" select="$classes"/>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="tp:html-lang(@xml:lang)"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
