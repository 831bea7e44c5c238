<?xml version="1.0" encoding="UTF-8"?>
<!--
  Links in print: links inside the document ("#id") and to the web stay links;
  in the volume, links to another text of the edition lead to it inside the volume;
  links to other pages of the edition are made absolute against print-site-url,
  or stay plain text when it is empty (a relative link is dead in a PDF).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Absolute URL of the published HTML edition (ending in "/"), for links out of the PDF; '' for none. -->
  <xsl:param name="print-site-url" as="xs:string" select="''"/>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="uri" select="tokenize(normalize-space((@target, @url)[1]), ' ')[1]"/>
    <xsl:variable name="href" select="if (exists($uri)) then tp:pointer-href(., $uri) else ()"/>
    <xsl:variable name="link" select="
      if (empty($href)) then ()
      else if (starts-with($href, '#') or tp:is-external($href)) then $href
      else if ($print-volume and tp:volume-href($href, .) ne '') then tp:volume-href($href, .)
      else if ($print-site-url ne '') then resolve-uri($href, $print-site-url)
      else ()"/>
    <xsl:element name="{if (exists($link)) then 'a' else 'span'}">
      <xsl:if test="exists($link)">
        <xsl:attribute name="href" select="$link"/>
      </xsl:if>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:if test="self::tei:ptr or (normalize-space(.) eq '' and not(*))">{$uri}</xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- In the volume, the in-document href of an href to a text page ("text.html#id" → "#id", "text.html" → "#text-id"), else ''. -->
  <xsl:function name="tp:volume-href" as="xs:string">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="page" select="substring-before($href || '#', '#')"/>
    <xsl:variable name="text" select="tp:edition($context)/tp:text[tp:file-href(@html) eq $page]"/>
    <xsl:sequence select="if (empty($text)) then ''
      else if (contains($href, '#')) then '#' || substring-after($href, '#')
      else '#text-' || $text[1]/@id"/>
  </xsl:function>
</xsl:stylesheet>
