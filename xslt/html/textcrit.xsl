<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial interventions and alternative readings in HTML.
  In the reading text, app, choice and supplied show the reading the reading
  view follows (views.xsl), marked with the class "intervention" plus the kind
  (lem, corr, reg, expan, supplied …), a title with the source reading, and a
  superscript letter call linking to the apparatus entry.
  The Apparatus section lists one entry per item, in document order:
    § 12 came] camp W1 (ed.)
  Modes: tp:call (the call), tp:app-entry (the entry), tp:app-lemma and
  tp:app-readings (its two sides), tp:apparatus (text of a reading inside an entry).
  Each branch of an alternative (sic, corr, orig, reg, abbr, expan, lem, rdg)
  has a rule of its own where the text shows it (mode tp:branch), in an
  apparatus entry (mode tp:apparatus-branch) and outside app and choice (no
  mode), so that an override changes how one of them looks with one template.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The reading text -->

  <xsl:template match="tei:app">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="shown" select="tp:reading-reading(.)"/>
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:intervention-attributes">
        <xsl:with-param name="kind" select="'lem'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$tp:web">
          <xsl:call-template name="tp:view-branches">
            <xsl:with-param name="branches" select="tei:lem | tei:rdg | tei:rdgGrp/tei:rdg"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$shown" mode="tp:branch"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <xsl:if test="not($tp:in-link) and tp:is-apparatus-item(.)">
      <xsl:apply-templates select="." mode="tp:call"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:choice">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="shown" select="tp:choice-branch(., 'reading')"/>
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:intervention-attributes">
        <xsl:with-param name="kind" select="local-name($shown)"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$tp:web">
          <xsl:call-template name="tp:view-branches">
            <xsl:with-param name="branches" select="*"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$shown" mode="tp:branch"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <xsl:if test="not($tp:in-link) and tp:is-apparatus-item(.)">
      <xsl:apply-templates select="." mode="tp:call"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:intervention-attributes">
        <!-- On the web page supplied text is an alternative shown in the reading view only. -->
        <xsl:with-param name="kind" select="'supplied', ('alt', 'in-reading')[$tp:web]"/>
      </xsl:call-template>
      <span class="bracket">{tp:l10n('supplied-open')}</span>
      <xsl:apply-templates/>
      <span class="bracket">{tp:l10n('supplied-close')}</span>
    </xsl:element>
    <xsl:if test="not($tp:in-link) and tp:is-apparatus-item(.)">
      <xsl:apply-templates select="." mode="tp:call"/>
    </xsl:if>
  </xsl:template>

  <!-- class, title and data-app of the span around a shown reading. -->
  <xsl:template name="tp:intervention-attributes">
    <xsl:param name="kind" as="xs:string+"/>
    <xsl:call-template name="tp:attributes">
      <xsl:with-param name="class" select="'intervention', $kind"/>
      <xsl:with-param name="with-id" select="false()"/>
    </xsl:call-template>
    <xsl:if test="tp:is-apparatus-item(.)">
      <xsl:attribute name="data-app" select="tp:apparatus-id(.)"/>
      <xsl:attribute name="title" select="tp:apparatus-summary(.)"/>
    </xsl:if>
  </xsl:template>

  <!--
    On the web page every branch of an app or choice that some view shows is in
    the page, in a span "alt" with a class "in-VIEW" per view that shows it; CSS
    hides the alternatives of the other views (see tp:view-style), so switching
    views needs no reload and the reading view needs no script. A branch no view
    shows is only in the apparatus.
  -->
  <xsl:template name="tp:view-branches">
    <xsl:param name="branches" as="element()*"/>
    <xsl:for-each select="$branches">
      <xsl:variable name="views" select="tp:branch-views(.)"/>
      <xsl:if test="exists($views)">
        <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
          <xsl:attribute name="class" select="'alt', $views ! ('in-' || tp:view-token(.))"/>
          <!-- Search indexes the reading text; the other readings are found through their apparatus entries. -->
          <xsl:if test="not($views = 'reading')">
            <xsl:attribute name="data-pagefind-ignore"/>
          </xsl:if>
          <xsl:apply-templates select="." mode="tp:branch"/>
        </xsl:element>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A view name as a class- and URL-safe token. -->
  <xsl:function name="tp:view-token" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="replace($view, '[^A-Za-z0-9_-]', '_')"/>
  </xsl:function>

  <!--
    A branch of an app or choice where the reading text shows it: its content
    (the span around it is the app's or choice's, or on the web page the view's).
  -->
  <xsl:template match="tei:sic" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:corr" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:orig" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:reg" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:expan" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:lem" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Any other child of a choice (unclear, seg …): its content as well. -->
  <xsl:template match="*" mode="tp:branch">
    <xsl:apply-templates/>
  </xsl:template>

  <!--
    A member of a pair without a choice (<w><orig/><reg/></w>, see
    tp:sibling-pair): on the web page it is an alternative of the views that
    show its side, like a branch of a choice, so each view has one side of the
    pair; elsewhere (print, EPUB: the reading view) only the edited side is
    shown. Its content goes through mode tp:branch, as a choice's branch does.
    Outranks the rules below and the transcription rule for am and ex.
  -->
  <xsl:template match="(tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan | tei:am | tei:ex)
                       [exists(tp:sibling-pair(.))]" priority="1">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="views" select="if ($tp:web) then tp:branch-views(.) else 'reading'[tp:pair-member-shown(current(), 'reading')]"/>
    <xsl:if test="exists($views)">
      <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
        <xsl:call-template name="tp:attributes">
          <xsl:with-param name="class" select="'tei-' || local-name(), ('alt', $views ! ('in-' || tp:view-token(.)))[$tp:web]"/>
        </xsl:call-template>
        <!-- Search indexes the reading text, as for the branches of a choice. -->
        <xsl:if test="not($views = 'reading')">
          <xsl:attribute name="data-pagefind-ignore"/>
        </xsl:if>
        <xsl:apply-templates select="." mode="tp:branch"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Branches met outside app and choice: sic stays with a [sic] mark, the others as spans. -->
  <xsl:template match="tei:sic">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-sic'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
    <span class="sic-mark"> [{tp:l10n('label-sic')}]</span>
  </xsl:template>

  <xsl:template match="tei:corr">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:orig">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:reg">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:abbr">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:expan">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:lem">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:rdg">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <xsl:template match="tei:rdgGrp">
    <xsl:call-template name="tp:branch-element"/>
  </xsl:template>

  <!-- A branch outside app and choice: a span (a div around blocks) of class tei-NAME. -->
  <xsl:template name="tp:branch-element">
    <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Calls -->

  <xsl:template match="tei:app | tei:choice | tei:supplied" mode="tp:call">
    <xsl:variable name="id" select="tp:apparatus-id(.)"/>
    <a class="app-call" id="{$id}-call" href="#{$id}" title="{tp:apparatus-summary(.)}" data-pagefind-ignore=""
       aria-label="{tp:l10n('apparatus-call-title', (tp:apparatus-letter(.), tp:apparatus-summary(.)))}"><sup>{tp:apparatus-letter(.)}</sup></a>
  </xsl:template>

  <!-- The calls of notes and apparatus items inside $el, in the order they close: for calls moved out of a link. -->
  <xsl:function name="tp:calls-within" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="for $c in $el/* return
      if ($c/self::tei:note) then $c[tp:is-counted-note(.)]
      else (tp:calls-within($c), $c[tp:is-apparatus-item(.)])"/>
  </xsl:function>

  <!-- The Apparatus section -->

  <!--
    The Apparatus section of a text, in two bands: the apparatus criticus
    (app: readings of the witnesses) and the editorial interventions (choice,
    supplied); the commentary notes are the third band (tp:notes-section).
    A band without items is left out; nothing when there is no item at all.
  -->
  <xsl:template name="tp:apparatus-section">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="items" select="$tei/tei:text//(tei:app | tei:choice | tei:supplied)[tp:is-apparatus-item(.)]"/>
    <xsl:if test="exists($items)">
      <section class="apparatus" id="apparatus" aria-labelledby="apparatus-heading">
        <h2 id="apparatus-heading">{tp:l10n('apparatus')}</h2>
        <xsl:for-each-group select="$items" group-by="if (self::tei:app) then 'criticus' else 'interventions'">
          <xsl:sort select="current-grouping-key()"/>
          <section class="apparatus-band band-{current-grouping-key()}" aria-labelledby="band-{current-grouping-key()}-heading">
            <h3 id="band-{current-grouping-key()}-heading">{tp:l10n('apparatus-' || current-grouping-key())}</h3>
            <ol class="apparatus-list">
              <xsl:apply-templates select="current-group()" mode="tp:app-entry"/>
            </ol>
          </section>
        </xsl:for-each-group>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One entry: letter (link back to the call), locus (link to the paragraph), lemma] readings (resp). -->
  <xsl:template match="*" mode="tp:app-entry">
    <xsl:variable name="id" select="tp:apparatus-id(.)"/>
    <li class="app-entry app-{tp:apparatus-kind(.)}" id="{$id}">
      <a class="app-back" href="#{$id}-call" title="{tp:l10n('apparatus-back')}" data-pagefind-ignore="">{tp:apparatus-letter(.)}</a>
      <xsl:text> </xsl:text>
      <a class="app-locus" href="#{tp:app-locus-id(.)}">{tp:locus-label(.)}</a>
      <xsl:text> </xsl:text>
      <xsl:call-template name="tp:app-entry-text"/>
    </li>
  </xsl:template>

  <!-- Where an entry's locus link leads: the item's note or paragraph, else the call itself. -->
  <xsl:function name="tp:app-locus-id" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="if (exists($item/ancestor::tei:note[tp:is-counted-note(.)]) or exists(tp:numbered-block($item)))
      then tp:locus-id($item) else tp:apparatus-id($item) || '-call'"/>
  </xsl:function>

  <!-- The text of an entry: lemma, bracket, readings, responsibility. Shared with print. -->
  <xsl:template name="tp:app-entry-text">
    <span class="app-lemma">
      <xsl:sequence select="tp:content-lang(.)"/>
      <xsl:apply-templates select="." mode="tp:app-lemma"/>
    </span>
    <span class="app-bracket">{tp:l10n('app-bracket')}</span>
    <xsl:text> </xsl:text>
    <span class="app-readings">
      <xsl:apply-templates select="." mode="tp:app-readings"/>
    </span>
    <xsl:variable name="resp" select="tp:item-resp(.)"/>
    <xsl:if test="exists($resp)">
      <xsl:text> </xsl:text>
      <span class="app-resp" title="{tp:l10n('resp-editors-title')[$resp = tp:l10n('resp-editors')]}">{tp:l10n('app-resp', $resp)}</span>
    </xsl:if>
  </xsl:template>

  <!-- Who answers for the reading shown: @resp of the lemma, of the corr/reg/expan, of supplied. -->
  <xsl:function name="tp:item-resp" as="xs:string?">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="
      if ($item/self::tei:app) then (tp:reading-reading($item) ! tp:resp-label(.), tp:resp-label($item))[1]
      else if ($item/self::tei:choice) then (tp:choice-branch($item, 'reading') ! tp:resp-label(.))[1]
      else tp:resp-label($item)"/>
  </xsl:function>

  <!-- The source side of an item as plain text, for titles: "camp W1", "he sic", "suppl." -->
  <xsl:function name="tp:apparatus-summary" as="xs:string" cache="yes">
    <xsl:param name="item" as="element()"/>
    <xsl:variable name="readings">
      <xsl:apply-templates select="$item" mode="tp:app-readings"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($readings)"/>
  </xsl:function>

  <!-- Lemma side: the reading shown, with its witnesses -->

  <xsl:template match="tei:app" mode="tp:app-lemma">
    <xsl:variable name="lem" select="tp:reading-reading(.)"/>
    <xsl:call-template name="tp:app-reading-text">
      <xsl:with-param name="reading" select="$lem"/>
      <xsl:with-param name="view" select="'reading'"/>
    </xsl:call-template>
    <xsl:call-template name="tp:sigla">
      <xsl:with-param name="reading" select="$lem"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tp:app-lemma">
    <xsl:call-template name="tp:app-reading-text">
      <xsl:with-param name="reading" select="tp:choice-branch(., 'reading')"/>
      <xsl:with-param name="view" select="'reading'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tp:app-lemma">
    <xsl:apply-templates select="." mode="tp:apparatus">
      <xsl:with-param name="tp:view" select="'reading'" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Readings side -->

  <xsl:template match="tei:app" mode="tp:app-readings">
    <xsl:for-each select="tp:other-readings(.)">
      <xsl:if test="position() gt 1">; </xsl:if>
      <span class="app-rdg">
        <xsl:call-template name="tp:app-reading-text">
          <xsl:with-param name="reading" select="."/>
          <xsl:with-param name="view" select="'diplomatic'"/>
        </xsl:call-template>
        <xsl:call-template name="tp:sigla">
          <xsl:with-param name="reading" select="."/>
        </xsl:call-template>
        <xsl:if test="@resp and not(@wit)">
          <xsl:text> </xsl:text>
          <span class="app-resp">{tp:resp-label(.)}</span>
        </xsl:if>
      </span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tp:app-readings">
    <xsl:for-each select="tp:other-branches(.)">
      <xsl:if test="position() gt 1">; </xsl:if>
      <span class="app-rdg">
        <xsl:call-template name="tp:app-reading-text">
          <xsl:with-param name="reading" select="."/>
          <xsl:with-param name="view" select="'diplomatic'"/>
        </xsl:call-template>
        <xsl:variable name="label" select="tp:branch-label(.)"/>
        <xsl:if test="$label ne ''">
          <xsl:text> </xsl:text>
          <span class="app-label" title="{tp:l10n('label-' || local-name() || '-title')}">{$label}</span>
        </xsl:if>
      </span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tp:app-readings">
    <span class="app-label" title="{tp:l10n('label-supplied-title')}">{tp:l10n('label-supplied')}</span>
    <xsl:if test="normalize-space(@reason)">
      <xsl:text>, </xsl:text>
      <span class="app-reason">{tp:reason-words(@reason)}</span>
    </xsl:if>
  </xsl:template>

  <!-- The text of one reading in an entry; an empty reading is "om.". -->
  <xsl:template name="tp:app-reading-text">
    <xsl:param name="reading" as="element()?"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:variable name="text" as="node()*">
      <xsl:apply-templates select="$reading" mode="tp:apparatus-branch">
        <xsl:with-param name="tp:view" select="$view" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space(string-join($text ! string(.), '')) eq '' and empty($reading//tei:gap)">
        <span class="app-omitted">{tp:l10n('app-omitted')}</span>
      </xsl:when>
      <xsl:otherwise>
        <span class="app-text">
          <xsl:sequence select="$reading ! tp:content-lang(.)"/>
          <xsl:sequence select="$text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The sigla of a reading's witnesses, after a space. -->
  <xsl:template name="tp:sigla">
    <xsl:param name="reading" as="element()?"/>
    <xsl:for-each select="$reading ! tp:sigla(.)">
      <xsl:text> </xsl:text>
      <span class="siglum">{.}</span>
    </xsl:for-each>
  </xsl:template>

  <!--
    Mode tp:apparatus-branch: a branch of an app or choice as an apparatus entry
    gives it (a lemma, a reading, a branch not followed): its content in mode tp:apparatus.
  -->
  <xsl:template match="tei:sic" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:corr" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:orig" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:reg" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:expan" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:lem" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="tei:rdg" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <xsl:template match="*" mode="tp:apparatus-branch">
    <xsl:apply-templates mode="tp:apparatus"/>
  </xsl:template>

  <!-- Mode tp:apparatus: a reading as text with its phrase formatting; no ids, no links, no calls. -->

  <xsl:template match="*" mode="tp:apparatus">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
        <xsl:with-param name="with-id" select="false()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="tp:apparatus"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:app" mode="tp:apparatus">
    <xsl:param name="tp:view" as="xs:string" select="'reading'" tunnel="yes"/>
    <xsl:variable name="followed" select="if ($tp:view eq 'diplomatic') then tp:diplomatic-reading(.) else tp:reading-reading(.)"/>
    <xsl:apply-templates select="$followed" mode="tp:apparatus-branch"/>
    <xsl:call-template name="tp:other-branches">
      <xsl:with-param name="others" select="(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg) except $followed"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="tp:apparatus">
    <xsl:param name="tp:view" as="xs:string" select="'reading'" tunnel="yes"/>
    <xsl:variable name="followed" select="tp:choice-branch(., $tp:view)"/>
    <xsl:apply-templates select="$followed" mode="tp:apparatus-branch"/>
    <xsl:call-template name="tp:other-branches">
      <xsl:with-param name="others" select="* except $followed"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An alternative inside a branch the text does not follow (a choice inside a
       rdg, an app inside a sic) has no apparatus entry of its own: its other
       branches are given in brackets right here, so none of their text is lost. -->
  <xsl:template name="tp:other-branches">
    <xsl:param name="others" as="element()*"/>
    <xsl:if test="exists($others) and not(tp:is-apparatus-item(.))">
      <span class="app-nested"> (<xsl:for-each select="$others">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:apply-templates select="." mode="tp:apparatus-branch"/>
        </xsl:for-each>)</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="tp:apparatus">
    <xsl:param name="tp:view" as="xs:string" select="'reading'" tunnel="yes"/>
    <xsl:if test="$tp:view ne 'diplomatic'">
      <span class="supplied">{tp:l10n('supplied-open')}<xsl:apply-templates mode="tp:apparatus"/>{tp:l10n('supplied-close')}</span>
    </xsl:if>
  </xsl:template>

  <!-- Notes of the text are in the Notes section; a note inside a reading that is not shown is kept here. -->
  <xsl:template match="tei:note" mode="tp:apparatus">
    <xsl:if test="not(tp:is-counted-note(.))">
      <span class="app-note"> ({normalize-space(.)})</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb | tei:cb" mode="tp:apparatus">
    <xsl:if test="not(@break = 'no')">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb | tei:milestone | tei:anchor | tei:gb" mode="tp:apparatus"/>

  <xsl:template match="tei:gap" mode="tp:apparatus">
    <span class="tei-gap">{tp:l10n('gap-text')}</span>
  </xsl:template>

  <xsl:template match="tei:del" mode="tp:apparatus">
    <del class="tei-del"><xsl:apply-templates mode="tp:apparatus"/></del>
  </xsl:template>

  <!-- An addition inside a reading: a classed span, as any phrase (the reading text makes it an ins). -->
  <xsl:template match="tei:add" mode="tp:apparatus">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-add'"/>
        <xsl:with-param name="with-id" select="false()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="tp:apparatus"/>
    </span>
  </xsl:template>
</xsl:stylesheet>
