<?xml version="1.0" encoding="UTF-8"?>
<!--
  The Leiden conventions in HTML (and in print and EPUB, which import this
  output): a rule per TEI element, whose pattern asks the text's convention
  (common/conventions.xsl), so that a text in the default convention meets the
  rules of textcrit.xsl, transcr.xsl and core.xsl unchanged. The signs come
  from tp:sign (l10n.xml), in spans of class "bracket" (interface marks that a
  reader's count of the words leaves out).

  Leiden only: supplied ([abc], ⟨abc⟩, [abc?]), ex (a(bc)), an abbr standing
  alone (abc(- - -)), surplus ({abc}). Leiden and diplomatic: gap ([- - -],
  [. . .], . . .), unclear (ạḅc̣), del rend="erasure" (⟦abc⟧), lb (a line per
  lb, its @n at the first line and every fifth).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!--
    Supplied text in its brackets, with "?" when @cert is low; restored from
    another copy (@reason undefined), its letters underlined instead. On the
    web page it shows in the reading view only, as in the default rule; it has
    no apparatus entry (tp:is-apparatus-item): its signs say what it is.
  -->
  <xsl:template match="tei:supplied[tp:leiden(.)]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="sign" select="tp:supplied-sign(.)"/>
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates/>
    </xsl:variable>
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'supplied', 'supplied-' || $sign, ('alt', 'in-reading')[$tp:web]"/>
        <xsl:with-param name="with-id" select="false()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$sign eq 'undefined'">
          <xsl:apply-templates select="$content" mode="tp:mark-letters">
            <xsl:with-param name="tp:mark" select="tp:sign('underline')" tunnel="yes"/>
          </xsl:apply-templates>
          <span class="bracket">{tp:sign('uncertain')[current()/@cert = 'low']}</span>
        </xsl:when>
        <xsl:otherwise>
          <span class="bracket">{tp:sign($sign || '-open')}</span>
          <xsl:sequence select="$content"/>
          <span class="bracket">{tp:sign('uncertain')[current()/@cert = 'low']}{tp:sign($sign || '-close')}</span>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The expansion of an abbreviation in parentheses; on the web page the reading view's only. -->
  <xsl:template match="tei:ex[tp:leiden(.)][empty(tp:sibling-pair(.))]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-ex', 'leiden-ex', ('alt', 'in-reading')[$tp:web]"/>
      </xsl:call-template>
      <xsl:apply-templates select="." mode="tp:leiden-ex"/>
    </span>
  </xsl:template>

  <!-- An ex paired with an am (tp:sibling-pair): the reading view's side, in parentheses too. -->
  <xsl:template match="tei:ex[tp:leiden(.)]" mode="tp:branch">
    <span class="leiden-ex">
      <xsl:apply-templates select="." mode="tp:leiden-ex"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:ex" mode="tp:leiden-ex">
    <span class="bracket">{tp:sign('ex-open')}</span>
    <xsl:apply-templates/>
    <span class="bracket">{tp:sign('uncertain')[current()/@cert = 'low']}{tp:sign('ex-close')}</span>
  </xsl:template>

  <!-- An abbreviation standing alone (no expan, choice or partner): abc(- - -). -->
  <xsl:template match="tei:abbr[tp:leiden(.)][not(ancestor::tei:expan or parent::tei:choice)][empty(tp:sibling-pair(.))]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-abbr'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <span class="{string-join(('bracket', ('alt', 'in-reading')[$tp:web]), ' ')}">{tp:sign('abbr-unresolved')}</span>
    </span>
  </xsl:template>

  <!-- Letters written in error: {abc}. -->
  <xsl:template match="tei:surplus[tp:leiden(.)]">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-surplus'"/>
      </xsl:call-template>
      <span class="bracket">{tp:sign('surplus-open')}</span>
      <xsl:apply-templates/>
      <span class="bracket">{tp:sign('surplus-close')}</span>
    </span>
  </xsl:template>

  <!-- A lacuna or illegible letters: the sign of its reason, extent, quantity and unit (tp:gap-sign). -->
  <xsl:template match="tei:gap[tp:reading-signs(.)][exists(tp:gap-sign(.))]">
    <span class="tei-gap leiden-gap" title="{string-join((tp:l10n('gap-title'), @reason, @extent, @quantity ! (. || ' ' || ../@unit)), ', ')}">{tp:gap-sign(.)}</span>
    <xsl:for-each select="node()[normalize-space() or self::*]">
      <xsl:text> </xsl:text>
      <span class="gap-desc"><xsl:apply-templates select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- Letters read with doubt: a dot below each (the text of what the content renders to). -->
  <xsl:template match="tei:unclear[tp:reading-signs(.)]">
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates/>
    </xsl:variable>
    <span title="{tp:l10n('unclear-title')}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-unclear', 'leiden-unclear'"/>
      </xsl:call-template>
      <xsl:apply-templates select="$content" mode="tp:mark-letters">
        <xsl:with-param name="tp:mark" select="tp:sign('underdot')" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- Mode tp:mark-letters: rendered content with the combining sign $tp:mark after each letter. -->
  <xsl:template match="text()" mode="tp:mark-letters">
    <xsl:param name="tp:mark" as="xs:string" tunnel="yes"/>
    <xsl:value-of select="tp:marked(., $tp:mark)"/>
  </xsl:template>

  <!-- Signs and numbers inside the content keep their form. -->
  <xsl:template match="*[tokenize(@class) = ('bracket', 'line-num', 'app-call', 'note-call')]" mode="tp:mark-letters">
    <xsl:copy-of select="."/>
  </xsl:template>

  <xsl:template match="*" mode="tp:mark-letters">
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates mode="tp:mark-letters"/>
    </xsl:copy>
  </xsl:template>

  <!-- Letters erased in antiquity: ⟦abc⟧ (not struck through: they are the text's). -->
  <xsl:template match="tei:del[tp:reading-signs(.)][tokenize(@rend) = 'erasure']">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-del', 'leiden-erasure'"/>
      </xsl:call-template>
      <span class="bracket">{tp:sign('erasure-open')}</span>
      <xsl:apply-templates/>
      <span class="bracket">{tp:sign('erasure-close')}</span>
    </span>
  </xsl:template>

  <!--
    A line of the source begins (EpiDoc puts an lb before every line, the first
    too): a line break, unless nothing of its block comes before it, and the
    line's number at the block's first line and at every fifth.
  -->
  <xsl:template match="tei:lb[tp:reading-signs(.)]">
    <xsl:variable name="block" select="ancestor::*[self::tei:ab or self::tei:p or self::tei:l or self::tei:div or self::tei:lg][1]"/>
    <xsl:variable name="first" select="empty($block//tei:lb[. &lt;&lt; current()])"/>
    <xsl:if test="$text-line-breaks and exists($block//text()[normalize-space()][. &lt;&lt; current()])">
      <br class="tei-lb"/>
    </xsl:if>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:if test="$n ne '' and ($first or ($n castable as xs:integer and xs:integer($n) mod $tp:line-number-every eq 0))">
      <span class="line-num lb-num">{$n} </span>
    </xsl:if>
  </xsl:template>

  <!-- How to read: the signs of the conventions the edition's texts follow, each with its meaning. -->
  <xsl:template match="tp:edition" mode="tp:help-signs">
    <xsl:variable name="conventions" select="distinct-values(tp:text ! tp:conventions(tp:tei(.)))[. ne 'default']"/>
    <xsl:if test="exists($conventions)">
      <section class="help-section" aria-labelledby="h-signs">
        <h2 id="h-signs">{tp:l10n('help-signs')}</h2>
        <xsl:for-each select="$conventions">
          <p>{tp:l10n('help-signs-' || .)}</p>
          <dl class="help-signs">
            <xsl:for-each select="tp:signs(.)">
              <div>
                <dt>{tp:sign-example(.)}</dt>
                <dd>{tp:l10n('help-sign-' || .)}</dd>
              </div>
            </xsl:for-each>
          </dl>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
