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
      <xsl:call-template name="tp:children-folding-page-header"/>
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

  <!--
    Lines of the source that are not the work (web page navigation, credits): a separate, labelled
    block; on the web folded (details) where it stands, so the text comes first and the reading
    order keeps every word of the source in its place.
  -->
  <xsl:template match="tei:div[@type = 'navigation']" priority="2">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tp:web) then 'details' else 'div'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-div', 'type-navigation', 'source-navigation'"/>
      </xsl:call-template>
      <xsl:element name="{if ($tp:web) then 'summary' else 'p'}">
        <xsl:attribute name="class" select="'block-label'"/>
        <xsl:value-of select="tp:l10n('source-navigation')"/>
      </xsl:element>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!--
    The children of a text part, with the header of the source web page (its image and heading,
    type="pageHeader") folded: on the web each run of such siblings is one details block where the
    run stands, so the text comes first and every word stays in its place in the reading order; in
    print and EPUB they stand as they are.
  -->
  <xsl:template name="tp:children-folding-page-header">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:web and exists(*[@type = 'pageHeader'])">
        <xsl:for-each-group select="node()" group-adjacent="tp:in-page-header(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key()">
              <details class="source-page">
                <summary class="block-label">{tp:l10n('source-page-header')}</summary>
                <xsl:apply-templates select="current-group()"/>
              </details>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="current-group()"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- True for a line of the source page's header, and for the white space between two of them. -->
  <xsl:function name="tp:in-page-header" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node instance of element()) then $node/@type = 'pageHeader'
      else ($node instance of text() and not(normalize-space($node))
            and $node/preceding-sibling::*[1]/@type = 'pageHeader' and $node/following-sibling::*[1]/@type = 'pageHeader')"/>
  </xsl:function>

  <!-- Openers, closers, title pages and their parts: a div when a block, a span inside a phrase. -->
  <xsl:template match="tei:opener | tei:closer | tei:dateline | tei:salute | tei:signed | tei:postscript
                       | tei:argument | tei:epigraph | tei:trailer | tei:byline | tei:docAuthor | tei:docDate
                       | tei:docEdition | tei:docImprint | tei:docTitle | tei:titlePart | tei:titlePage
                       | tei:address | tei:addrLine">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
