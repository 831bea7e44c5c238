<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI core elements in HTML: paragraphs (numbered in the body, with a
  permalink), headings, phrase-level elements (hi, emph, foreign, title, q …),
  quotations, lists, line and page breaks, and notes (a numbered call in the
  text, the body in the Notes section).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Render lb as a line break (true) or as nothing visible (false). -->
  <xsl:param name="text-line-breaks" as="xs:boolean" select="true()"/>

  <!-- Paragraphs -->

  <xsl:template match="tei:p | tei:ab">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="numbered" select="tp:is-numbered-block(.)"/>
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'p'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(), 'numbered'[$numbered]"/>
        <xsl:with-param name="id" select="if ($numbered) then tp:block-id(.) else ()"/>
      </xsl:call-template>
      <xsl:if test="$numbered">
        <xsl:attribute name="data-n" select="tp:block-number(.)"/>
        <xsl:call-template name="tp:paragraph-number"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
    <xsl:if test="$numbered and $tp:web">
      <xsl:call-template name="tp:also-told"/>
    </xsl:if>
  </xsl:template>

  <!-- The number of a numbered paragraph: a permalink "§ n" before its text. -->
  <xsl:template name="tp:paragraph-number">
    <a class="para-num" href="#{tp:block-id(.)}" data-pagefind-ignore="" title="{tp:l10n('paragraph-permalink', tp:block-number(.))}">{tp:block-label(.)}</a>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Headings -->

  <!-- The HTML heading level of a head of the text: h3 at the top (h1 is the title, h2 the text section), one deeper per div. -->
  <xsl:function name="tp:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="divs" select="count($head/ancestor::*[matches(local-name(), '^div\d?$')][ancestor::tei:text])"/>
    <xsl:variable name="section" select="$head/ancestor::*[self::tei:body or self::tei:front or self::tei:back][1]"/>
    <xsl:sequence select="min((6, if ($divs eq 0) then 3 else 2 + $divs + (if ($section/tei:head) then 1 else 0)))"/>
  </xsl:function>

  <xsl:template match="tei:head">
    <xsl:element name="h{tp:heading-level(.)}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-head'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Heads of lists, line groups, tables of contents and other non-sections: a caption-like paragraph. -->
  <xsl:template match="tei:head[not(parent::*[matches(local-name(), '^(div\d?|body|front|back)$')])]">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'p'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-head', local-name(..) || '-head'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Phrases -->

  <xsl:template match="tei:hi | tei:term | tei:gloss | tei:mentioned | tei:soCalled | tei:distinct | tei:num | tei:measure | tei:said | tei:label">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph">
    <em>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-emph'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-foreign'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Titles of works: cite, with the level as a class (level-m, level-j: italic; level-a: roman). -->
  <xsl:template match="tei:title">
    <cite>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-title', @level ! ('level-' || .)"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>

  <!-- A quotation with its source (cit): the quotation where it stands, then its bibl; a block when it stands as one. -->
  <xsl:template match="tei:cit">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-cit'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!--
    The editors' reference to a quotation's source (a bibl with @resp in a cit): not words of the
    text, so on the web it is shown in the reading view only (like supplied text), in brackets
    after the quotation, and left out of the search index; in print and EPUB after the quotation.
    A bibl without @resp is the source's own and renders as any bibl.
  -->
  <xsl:template match="tei:cit/tei:bibl[@resp]" priority="1">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <small data-pagefind-ignore="">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-bibl', 'cit-source', ('alt', 'in-reading')[$tp:web]"/>
      </xsl:call-template>
      <xsl:text> [</xsl:text>
      <span class="cit-source-label" title="{tp:l10n('cit-source-title')}">{tp:l10n('cit-source')}</span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
      <xsl:text>]</xsl:text>
    </small>
  </xsl:template>

  <!-- Quotations: a blockquote when it stands as a block, else q (which adds no quotation marks: the source has its own). -->
  <xsl:template match="tei:quote | tei:q">
    <xsl:choose>
      <xsl:when test="tp:is-block(.) or @rend = 'block'">
        <blockquote>
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-' || local-name()"/>
          </xsl:call-template>
          <xsl:choose>
            <xsl:when test="tp:contains-blocks(.)">
              <xsl:apply-templates/>
            </xsl:when>
            <xsl:otherwise>
              <p><xsl:apply-templates/></p>
            </xsl:otherwise>
          </xsl:choose>
        </blockquote>
      </xsl:when>
      <xsl:when test="tp:contains-blocks(.)">
        <div>
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-' || local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <q>
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-' || local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </q>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists: numbered → ol, gloss lists (label + item) → dl, else ul; heads come before the list. -->
  <xsl:template match="tei:list">
    <xsl:variable name="kind" select="
      if (@type = ('gloss', 'glossary') or tei:label) then 'dl'
      else if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol'
      else 'ul'"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{$kind}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-list', @type ! ('type-' || .)"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$kind eq 'dl'">
          <xsl:apply-templates select="node() except tei:head" mode="tp:gloss-list"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="node() except tei:head"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- An item outside a list (in a change, say): a div, since an li outside a list is no HTML. -->
  <xsl:template match="tei:item[not(parent::tei:list)]">
    <div>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-item'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-item'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:label" mode="tp:gloss-list">
    <dt>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-label'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </dt>
  </xsl:template>

  <xsl:template match="tei:item" mode="tp:gloss-list">
    <dd>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-item'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </dd>
  </xsl:template>

  <!-- Anything else in a gloss list (milestones, notes, stray elements) keeps its normal rendering inside a dd. -->
  <xsl:template match="*" mode="tp:gloss-list">
    <dd><xsl:apply-templates select="."/></dd>
  </xsl:template>

  <xsl:template match="text()" mode="tp:gloss-list">
    <xsl:if test="normalize-space()">
      <dd>{.}</dd>
    </xsl:if>
  </xsl:template>

  <!-- Text between items of ul/ol cannot stand bare: keep it in an item of its own. -->
  <xsl:template match="tei:list/text()[normalize-space()]">
    <li class="list-text">{.}</li>
  </xsl:template>
  <xsl:template match="tei:list/*[not(self::tei:item or self::tei:head)]" priority="2">
    <li class="list-other"><xsl:next-match/></li>
  </xsl:template>

  <!-- Breaks and milestones -->

  <xsl:template match="tei:lb">
    <xsl:if test="$text-line-breaks">
      <br class="tei-lb"/>
    </xsl:if>
  </xsl:template>

  <!-- A page break: its number; a link to the page's image when @facs names one (a URL, or a surface/graphic of the facsimile). -->
  <xsl:template match="tei:pb">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="label" select="if (normalize-space(@n)) then tp:l10n('page-break', normalize-space(@n)) else tp:l10n('page-break-unnumbered')"/>
    <xsl:variable name="facs" select="tokenize(normalize-space(@facs), ' ')[1]"/>
    <xsl:variable name="image" select="
      if (empty($facs)) then ()
      else if (starts-with($facs, '#')) then tp:resolve(., $facs) ! (descendant-or-self::tei:graphic/@url)[1] ! tp:safe-uri(.)
      else tp:safe-uri($facs)"/>
    <span class="tei-pb" title="{tp:l10n('page-break-title')}">
      <xsl:if test="@n">
        <xsl:attribute name="data-n" select="@n"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($image) and not($tp:in-link)">
          <a class="facsimile-link" href="{$image[1]}" title="{tp:l10n('page-facsimile')}">{$label}</a>
        </xsl:when>
        <xsl:otherwise>{$label}</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:gb">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:for-each select="@unit, @n">
        <xsl:attribute name="data-{local-name()}" select="."/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- Notes -->

  <!--
    In the text: a counted note becomes its call (deferred inside a link); other
    notes show in place, except a note inside a reading the reading view does
    not show (a rdg on the web page's other views): it is not the witness's
    text, and its words are in that reading's apparatus entry.
  -->
  <xsl:template match="tei:note">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="not(tp:on-reading-path(.))"/>
      <xsl:when test="tp:is-counted-note(.)">
        <xsl:if test="not($tp:in-link)">
          <xsl:apply-templates select="." mode="tp:call"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'tei-note', 'note-inline'"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The class of a note: 'editorial' or 'authorial'. -->
  <xsl:function name="tp:note-class" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (tp:is-editorial-note($note)) then 'editorial' else 'authorial'"/>
  </xsl:function>

  <!-- The call of a note: a superscript number linking to the note body. -->
  <xsl:template match="tei:note" mode="tp:call">
    <xsl:variable name="id" select="tp:note-id(.)"/>
    <a class="note-call {tp:note-class(.)}" id="{$id}-call" href="#{$id}" data-pagefind-ignore=""
       aria-label="{tp:l10n('note-call-label', tp:note-number(.))}"><sup>{tp:note-number(.)}</sup></a>
  </xsl:template>

  <!-- The Notes section of a text: every counted note in document order; nothing when there is none. -->
  <xsl:template name="tp:notes-section">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="notes" select="$tei/tei:text//tei:note[tp:is-counted-note(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" id="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">{tp:l10n('notes')}</h2>
        <ol class="note-list">
          <xsl:apply-templates select="$notes" mode="tp:note-entry">
            <xsl:with-param name="tp:ids" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One note in the Notes section: its number (a link back to the call), its text, who wrote it. -->
  <xsl:template match="tei:note" mode="tp:note-entry">
    <xsl:variable name="id" select="tp:note-id(.)"/>
    <xsl:variable name="lang" select="tp:content-lang(.)"/>
    <li class="note-entry {tp:note-class(.)}" id="{$id}">
      <!-- A value only where the list's own count would differ: Chromium recounts the items after
           each valued one, so a value on each of 13,000 notes kept a page blank for 30 s. -->
      <xsl:if test="tp:note-number(.) ne position()">
        <xsl:attribute name="value" select="tp:note-number(.)"/>
      </xsl:if>
      <a class="note-back" href="#{$id}-call" title="{tp:l10n('note-back')}">{tp:note-number(.)}</a>
      <xsl:text> </xsl:text>
      <div class="note-body">
        <xsl:sequence select="$lang"/>
        <xsl:apply-templates/>
        <xsl:if test="tp:is-editorial-note(.)">
          <xsl:text> </xsl:text>
          <span class="note-resp" title="{tp:l10n('note-editorial')}">
            <xsl:if test="exists($lang)">
              <xsl:attribute name="lang" select="$l10n-lang"/>
            </xsl:if>{tp:l10n('app-resp', (tp:resp-label(.), tp:l10n('resp-editors'))[1])}</span>
        </xsl:if>
      </div>
    </li>
  </xsl:template>
</xsl:stylesheet>
