<?xml version="1.0" encoding="UTF-8"?>
<!--
  The structure of a text in HTML: text, front, body, back, divisions (a
  section when headed), the navigation lines of a source web page (a visibly
  separate block), and the parts of openers, closers and title pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group | tei:floatingText">
    <div>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:element name="{if (tei:head) then 'section' else 'div'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-div', @type ! ('type-' || replace(lower-case(.), '[^a-z0-9_-]+', '-'))"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Lines of the source that are not the work (web page navigation, credits): a separate, labelled block. -->
  <xsl:template match="tei:div[@type = 'navigation']" priority="2">
    <div>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-div', 'type-navigation', 'source-navigation'"/>
      </xsl:call-template>
      <p class="block-label">{tp:l10n('source-navigation')}</p>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Openers, closers, title pages and their parts: a div when a block, a span inside a phrase. -->
  <xsl:template match="tei:opener | tei:closer | tei:dateline | tei:salute | tei:signed | tei:postscript
                       | tei:argument | tei:epigraph | tei:trailer | tei:byline | tei:docAuthor | tei:docDate
                       | tei:docEdition | tei:docImprint | tei:docTitle | tei:titlePart | tei:titlePage
                       | tei:address | tei:addrLine | tei:bibl | tei:listBibl">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
