<?xml version="1.0" encoding="UTF-8"?>
<!--
  The diplomatic convention (common/conventions.xsl): the text as the source
  has it. The web page opens in its diplomatic view (tp:first-view, html.xsl)
  and keeps every view; print and EPUB, which show one text, show the
  diplomatic side: the source's branch of app and choice and of a pair without
  a choice (abbr, orig, sic, am), no expansion (ex) and no supplied text.
  On the web page each rule leaves the element to the default rules, which put
  every view's branch in the page. A rule per TEI element, asking the convention
  in its pattern, so that other conventions meet the default rules unchanged.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:app[tp:conventions(.) eq 'diplomatic']">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:web">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:diplomatic-side">
          <xsl:with-param name="shown" select="tp:diplomatic-reading(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:choice[tp:conventions(.) eq 'diplomatic']">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:web">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:diplomatic-side">
          <xsl:with-param name="shown" select="tp:choice-branch(., 'diplomatic')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Print and EPUB: the branch $shown of the app or choice, in the span the
    apparatus entry points to; the entry (its call) gives the edited reading.
  -->
  <xsl:template name="tp:diplomatic-side">
    <xsl:param name="shown" as="element()?"/>
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <span>
      <xsl:call-template name="tp:intervention-attributes">
        <xsl:with-param name="kind" select="($shown ! local-name(), 'lem')[1]"/>
      </xsl:call-template>
      <xsl:apply-templates select="$shown" mode="tp:branch"/>
    </span>
    <xsl:if test="not($tp:in-link) and tp:is-apparatus-item(.)">
      <xsl:apply-templates select="." mode="tp:call"/>
    </xsl:if>
  </xsl:template>

  <!-- A member of a pair without a choice: print and EPUB show the source's side. -->
  <xsl:template match="(tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan | tei:am | tei:ex)
                       [exists(tp:sibling-pair(.))][tp:conventions(.) eq 'diplomatic']" priority="1">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tp:web">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="tp:is-source-side(.)">
        <span>
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-' || local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates select="." mode="tp:branch"/>
        </span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Supplied text: the reading view's only on the web page (the default rule); elsewhere not shown. -->
  <xsl:template match="tei:supplied[tp:conventions(.) eq 'diplomatic']">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$tp:web">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <!-- An expansion: the reading view's only on the web page; elsewhere not shown (the abbreviation stays as written). -->
  <xsl:template match="tei:ex[tp:conventions(.) eq 'diplomatic'][empty(tp:sibling-pair(.))]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$tp:web">
      <span>
        <xsl:call-template name="tp:attributes">
          <xsl:with-param name="class" select="'tei-ex', 'alt', 'in-reading'"/>
        </xsl:call-template>
        <xsl:apply-templates/>
      </span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
