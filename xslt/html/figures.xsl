<?xml version="1.0" encoding="UTF-8"?>
<!--
  Figures and tables in HTML: figure → <figure> with its heads as one
  <figcaption> (placed last), graphic → <img>, figDesc visible as a
  description; table → <table> with head as <caption>.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:figure">
    <figure>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-figure'"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except tei:head"/>
      <!-- A figure the edition does not reproduce (no graphic) says so, instead of a caption under nothing. -->
      <xsl:if test="empty(.//tei:graphic | .//tei:table | .//tei:formula | .//tei:p | .//tei:ab | .//tei:lg)">
        <span class="figure-absent" data-pagefind-ignore="">{tp:l10n(if (.//tei:title[@type = 'photograph'] or @type = 'photograph')
                                             then 'figure-absent-photograph' else 'figure-absent')}</span>
      </xsl:if>
      <xsl:if test="tei:head">
        <figcaption>
          <xsl:for-each select="tei:head">
            <xsl:if test="position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <span>
              <xsl:call-template name="tp:attributes">
                <xsl:with-param name="class" select="'tei-head', @type ! ('type-' || replace(lower-case(.), '[^a-z0-9_-]+', '-'))"/>
              </xsl:call-template>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:graphic">
    <img src="{tp:safe-uri(@url)}" alt="{normalize-space((../tei:figDesc, ../tei:head, tei:desc)[1])}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-graphic'"/>
      </xsl:call-template>
    </img>
  </xsl:template>

  <!-- A graphic without @url: teipress removed one it refused (teipress.images warned of it); the
       figure's description stands for it. -->
  <xsl:template match="tei:graphic[not(@url)]"/>

  <xsl:template match="tei:figDesc">
    <p>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-figDesc'"/>
      </xsl:call-template>
      <span class="block-label">{tp:l10n('image')}: </span>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:table">
    <table>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-table'"/>
      </xsl:call-template>
      <xsl:if test="tei:head">
        <caption>
          <xsl:apply-templates select="tei:head/node()"/>
        </caption>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="node() except tei:head"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-row'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-cell'"/>
      </xsl:call-template>
      <xsl:if test="@cols[. castable as xs:integer]">
        <xsl:attribute name="colspan" select="@cols"/>
      </xsl:if>
      <xsl:if test="@rows[. castable as xs:integer]">
        <xsl:attribute name="rowspan" select="@rows"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Stray text or elements between rows cannot stand in a table body: give them a row. -->
  <xsl:template match="tei:table/*[not(self::tei:row or self::tei:head)] | tei:table/text()[normalize-space()]" priority="2">
    <tr class="table-other"><td><xsl:next-match/></td></tr>
  </xsl:template>
  <xsl:template match="tei:row/*[not(self::tei:cell)] | tei:row/text()[normalize-space()]" priority="2">
    <td class="row-other"><xsl:next-match/></td>
  </xsl:template>
</xsl:stylesheet>
