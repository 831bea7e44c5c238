<?xml version="1.0" encoding="UTF-8"?>
<!--
  Ids in print. A volume holds every text in one document, so the ids the
  shared layer makes up from counts ("app-3", "note-2", "p-4", "mention-7")
  would clash between texts: in print they start with the text's id
  ("agn-arrival-app-3"). Ids from @xml:id stay as they are (the edition's
  encoding rules make them unique across texts).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- "textid-" for a node of a text, '' elsewhere. -->
  <xsl:function name="tp:id-prefix" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="id" select="string(($node/ancestor-or-self::tei:TEI/@xml:id, tp:part($node)/@id)[1])"/>
    <xsl:sequence select="if ($id ne '') then $id || '-' else ''"/>
  </xsl:function>

  <xsl:function name="tp:block-id" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="string(($block/@xml:id, tp:id-prefix($block) || 'p-' || tp:block-number($block))[1])"/>
  </xsl:function>

  <xsl:function name="tp:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@xml:id, tp:id-prefix($note) || 'note-' || tp:note-number($note))[1])"/>
  </xsl:function>

  <xsl:function name="tp:apparatus-id" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="string(($item/@xml:id, tp:id-prefix($item) || 'app-' || tp:apparatus-number($item))[1])"/>
  </xsl:function>

  <xsl:function name="tp:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="string(($mention/@xml:id,
      tp:id-prefix($mention) || 'mention-' || $mention/accumulator-before('tp:mention-count'))[1])"/>
  </xsl:function>
</xsl:stylesheet>
