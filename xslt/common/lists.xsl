<?xml version="1.0" encoding="UTF-8"?>
<!--
  The lists of the edition (pages, register kinds, datasets, EPUB parts) as
  lists.xml states them: teipress passes that file's document as the
  parameter lists, the file Python reads too (teipress.lists). Shared by every
  output; no template here, only the look-ups. A page, dataset or part is
  named in a stylesheet only in the match pattern of the rule that renders it
  or through a look-up here that fails on a name the file lacks.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- The lists (lists.xml of this folder), parsed and handed over by teipress: a stylesheet reads no file. -->
  <xsl:param name="lists" as="document-node()" required="yes"/>

  <xsl:key name="tp:page" match="tp:pages/tp:page" use="@name"/>
  <xsl:key name="tp:kind" match="tp:kind" use="@name"/>
  <!-- A kind by the TEI element of its entries, by a name element of it, by a @type of a generic mention. -->
  <xsl:key name="tp:kind-by-entry" match="tp:kind" use="tokenize(@entries)"/>
  <xsl:key name="tp:kind-by-name" match="tp:kind" use="tokenize(@names)"/>
  <xsl:key name="tp:kind-by-type" match="tp:kind" use="tokenize(@mention-types)"/>
  <xsl:key name="tp:dataset" match="tp:dataset" use="@id"/>
  <xsl:key name="tp:epub-part" match="tp:epub/tp:part" use="@name"/>
  <xsl:key name="tp:epub-resource" match="tp:epub/tp:resource" use="@source"/>

  <!-- The pages of the edition in site order (each a tp:page of lists.xml). -->
  <xsl:variable name="tp:pages" as="element(tp:page)+" select="$lists/tp:lists/tp:pages/tp:page"/>
  <!-- The home page's name ('index'). -->
  <xsl:variable name="tp:home-page" as="xs:string" select="string($tp:pages[@group eq 'home'][1]/@name)"/>
  <!-- The register kinds' names ('person', 'place' …), in the order of their pages. -->
  <xsl:variable name="tp:kinds" as="xs:string+" select="$tp:pages/tp:kind/@name ! string()"/>
  <!-- The datasets of the open data, in zip order (each a tp:dataset). -->
  <xsl:variable name="tp:datasets" as="element(tp:dataset)+" select="$lists/tp:lists/tp:datasets/tp:dataset"/>

  <!-- The entry of the page $name; an error when lists.xml has no such page. -->
  <xsl:function name="tp:page" as="element(tp:page)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="(key('tp:page', $name, $lists),
      error(xs:QName('tp:unknown-page'), 'teipress: no page &quot;' || $name || '&quot; in lists.xml'))[1]"/>
  </xsl:function>

  <!-- The href of the page $name ("principles.html"); an error when lists.xml has no such page. -->
  <xsl:function name="tp:page-href" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="tp:page($name)/@name || '.html'"/>
  </xsl:function>

  <!-- The entry of the kind $name ('person' …), or empty. -->
  <xsl:function name="tp:kind" as="element(tp:kind)?">
    <xsl:param name="name" as="xs:string?"/>
    <xsl:sequence select="key('tp:kind', string($name), $lists)"/>
  </xsl:function>

  <!-- The names of the kinds whose flag $flag (highlight, print-index) is "yes", in page order. -->
  <xsl:function name="tp:kinds-with" as="xs:string*">
    <xsl:param name="flag" as="xs:string"/>
    <xsl:sequence select="$tp:pages/tp:kind[@*[local-name() eq $flag] = 'yes']/@name ! string()"/>
  </xsl:function>

  <!-- The entry of the dataset $id; an error when lists.xml has no such dataset. -->
  <xsl:function name="tp:dataset" as="element(tp:dataset)">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(key('tp:dataset', $id, $lists),
      error(xs:QName('tp:unknown-dataset'), 'teipress: no dataset &quot;' || $id || '&quot; in lists.xml'))[1]"/>
  </xsl:function>

  <!-- The file in the EPUB of the part $name ("nav.xhtml"): its file, else its name + ".xhtml"; an error when unknown. -->
  <xsl:function name="tp:epub-part-file" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="part" select="(key('tp:epub-part', $name, $lists),
      error(xs:QName('tp:unknown-part'), 'teipress: no EPUB part &quot;' || $name || '&quot; in lists.xml'))[1]"/>
    <xsl:sequence select="($part/@file, $part/@name || '.xhtml')[1] ! string()"/>
  </xsl:function>

  <!-- The entry of the EPUB resource copied from the stylesheet file $source ("epub/epub.css"); an error when unknown. -->
  <xsl:function name="tp:epub-resource" as="element(tp:resource)">
    <xsl:param name="source" as="xs:string"/>
    <xsl:sequence select="(key('tp:epub-resource', $source, $lists),
      error(xs:QName('tp:unknown-resource'), 'teipress: no EPUB resource &quot;' || $source || '&quot; in lists.xml'))[1]"/>
  </xsl:function>
</xsl:stylesheet>
