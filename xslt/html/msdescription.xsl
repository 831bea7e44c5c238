<?xml version="1.0" encoding="UTF-8"?>
<!--
  Manuscript descriptions in HTML (TEI chapter 10), where they stand in a
  text: msDesc as a section, its identifier on one line (place, repository,
  shelfmark), the parts of the description (contents, physical description,
  history, additional) as blocks, dimensions as "height × width unit",
  incipit, explicit and rubrics as marked phrases.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag">
    <section>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(), 'ms-description'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The identifier: its parts in order, separated by commas (Vienna, ÖNB, Cod. 123). -->
  <xsl:template match="tei:msIdentifier | tei:altIdentifier">
    <!-- A paragraph, except inside a phrase or another identifier (HTML allows no p in p). -->
    <xsl:element name="{if (parent::tei:msIdentifier or not(tp:is-block(.))) then 'span' else 'p'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:if test="position() gt 1 and self::*">, </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- The parts of a description: blocks with the TEI name as class (the stylesheet labels them). -->
  <xsl:template match="tei:msContents | tei:msItem | tei:msItemStruct | tei:physDesc | tei:objectDesc | tei:supportDesc
                       | tei:support | tei:collation | tei:foliation | tei:condition | tei:layoutDesc | tei:layout
                       | tei:handDesc | tei:handNote | tei:scriptDesc | tei:scriptNote | tei:typeDesc | tei:typeNote
                       | tei:decoDesc | tei:decoNote | tei:musicNotation | tei:additions | tei:bindingDesc | tei:binding
                       | tei:sealDesc | tei:seal | tei:accMat | tei:history | tei:origin | tei:provenance
                       | tei:acquisition | tei:additional | tei:adminInfo | tei:recordHist | tei:source
                       | tei:custodialHist | tei:custEvent | tei:availability | tei:surrogates | tei:listBibl | tei:summary
                       | tei:colophon">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(), 'ms-part'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Phrases of a description. -->
  <xsl:template match="tei:repository | tei:collection | tei:institution | tei:msName | tei:objectType | tei:material
                       | tei:extent | tei:textLang | tei:origPlace | tei:watermark | tei:stamp | tei:locus | tei:locusGrp
                       | tei:signatures | tei:catchwords | tei:secFol | tei:heraldry | tei:filiation">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Incipit, explicit, rubrics: the words of the manuscript, marked as quoted. -->
  <xsl:template match="tei:incipit | tei:explicit | tei:rubric | tei:finalRubric">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'q'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Dimensions: "height × width (depth) unit" from the parts, in document order; text between parts kept. -->
  <xsl:template match="tei:dimensions">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-dimensions', @type ! ('type-' || .)"/>
      </xsl:call-template>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:if test="position() gt 1 and self::* and preceding-sibling::*">
          <xsl:text> × </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
      <xsl:if test="@unit">
        <xsl:text> {@unit}</xsl:text>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:height | tei:width | tei:depth | tei:dim">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
