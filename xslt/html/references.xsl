<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bibliographic references, lists of persons, places, organisations and
  events, documentation elements and linguistic segments where they stand in
  a text (TEI chapters 3.12, 13, 22, 17): classed blocks and phrases, so the
  stylesheet can style them and none is left to the generic fallback.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- A structured reference: its parts in order, each a phrase; analytic (the article) before monogr (the book). -->
  <xsl:template match="tei:biblStruct | tei:biblFull | tei:analytic | tei:monogr | tei:series | tei:imprint">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:if test="position() gt 1 and self::* and preceding-sibling::*">. </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- The parts of a reference, and a reference (bibl) or list of them where it stands: a div when a block, else a span. -->
  <xsl:template match="tei:bibl | tei:listBibl | tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:biblScope | tei:edition
                       | tei:idno | tei:respStmt | tei:resp | tei:citedRange | tei:distributor | tei:sponsor
                       | tei:funder | tei:principal | tei:meeting | tei:textLang | tei:extent | tei:licence
                       | tei:titleStmt | tei:publicationStmt | tei:notesStmt | tei:editionStmt | tei:seriesStmt
                       | tei:sourceDesc | tei:normalization | tei:correction | tei:segmentation | tei:interpretation
                       | tei:hyphenation | tei:quotation | tei:stdVals | tei:divGen | tei:index | tei:term
                       | tei:abstract | tei:textClass | tei:keywords">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Lists of persons, places, organisations, events, witnesses, apparatus entries, relations: a list of their members. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listObject | tei:listNym
                       | tei:listRelation | tei:listWit | tei:listApp | tei:listTranspose">
    <xsl:apply-templates select="tei:head"/>
    <ul>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(), 'tei-entity-list'"/>
      </xsl:call-template>
      <xsl:for-each select="node() except tei:head">
        <xsl:choose>
          <xsl:when test="self::* or normalize-space()">
            <li><xsl:apply-templates select="."/></li>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A member of such a list, and its facts (birth, death, occupation, location …). -->
  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event | tei:object | tei:nym
                       | tei:witness | tei:relation | tei:incident">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:if test="position() gt 1 and self::* and not(self::tei:p or self::tei:ab or self::tei:note or starts-with(local-name(), 'list'))">; </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:birth | tei:death | tei:floruit | tei:occupation | tei:sex | tei:gender | tei:age
                       | tei:affiliation | tei:education | tei:faith | tei:nationality | tei:residence | tei:socecStatus
                       | tei:state | tei:trait | tei:langKnowledge | tei:location | tei:geo | tei:offset | tei:population
                       | tei:climate | tei:terrain | tei:desc | tei:label | tei:bloc | tei:district | tei:region
                       | tei:country | tei:settlement | tei:street | tei:postCode | tei:postBox | tei:email">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Documentation elements: element and attribute names as code, in their usual notation. -->
  <xsl:template match="tei:gi">
    <code class="tei-gi">&lt;<xsl:apply-templates/>&gt;</code>
  </xsl:template>
  <xsl:template match="tei:att">
    <code class="tei-att">@<xsl:apply-templates/></code>
  </xsl:template>
  <xsl:template match="tei:val | tei:tag | tei:ident | tei:code">
    <code>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </code>
  </xsl:template>

  <!-- An example of encoding: the markup itself, shown as code (the elements are examples, not text to render). -->
  <xsl:template match="tei:egXML | *:egXML">
    <pre class="tei-egXML"><code><xsl:apply-templates mode="tp:markup"/></code></pre>
  </xsl:template>

  <!-- Markup written out as text: names without namespace declarations (they are noise in an example). -->
  <xsl:template match="*" mode="tp:markup">
    <xsl:text>&lt;{name()}</xsl:text>
    <xsl:for-each select="@*">
      <xsl:text> {name()}="{replace(., '&quot;', '&amp;quot;')}"</xsl:text>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="node()">
        <xsl:text>&gt;</xsl:text>
        <xsl:apply-templates mode="tp:markup"/>
        <xsl:text>&lt;/{name()}&gt;</xsl:text>
      </xsl:when>
      <xsl:otherwise>/&gt;</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="comment()" mode="tp:markup">&lt;!--{.}--&gt;</xsl:template>
  <xsl:template match="tei:eg">
    <pre class="tei-eg"><code><xsl:apply-templates/></code></pre>
  </xsl:template>

  <!-- Linguistic segments and interpretations: spans that keep their text. -->
  <xsl:template match="tei:s | tei:cl | tei:phr | tei:m | tei:interp | tei:interpGrp | tei:span | tei:spanGrp
                       | tei:fs | tei:f">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
