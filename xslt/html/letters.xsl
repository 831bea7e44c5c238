<?xml version="1.0" encoding="UTF-8"?>
<!--
  A letter as a letter: the correspDesc of its header shown as its heading
  (who wrote to whom, from where to where, when; names linked to the
  registers as anywhere else) and its correspContext as links to the
  previous and the next letter. A pointer of correspContext leads to a text
  of the edition when its target names one (by id, or by file with or
  without ".xml"); a web address is followed; anything else is shown as its
  words, unlinked.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The correspDesc a text's heading shows: one with a sender or an addressee. -->
  <xsl:function name="tp:letter" as="element(tei:correspDesc)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc
                          [tei:correspAction[@type = ('sent', 'received')][tp:letter-parties(.)]][1]"/>
  </xsl:function>

  <!-- The people and bodies of a correspAction. -->
  <xsl:function name="tp:letter-parties" as="element()*">
    <xsl:param name="action" as="element(tei:correspAction)"/>
    <xsl:sequence select="$action/(tei:persName | tei:orgName | tei:name | tei:rs)[normalize-space()]"/>
  </xsl:function>

  <!-- "Sender → Addressee", then where and when it was sent and received. -->
  <xsl:template match="tei:correspDesc" mode="tp:letter-heading">
    <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
    <div class="letter-heading">
      <p class="letter-parties">
        <span class="letter-sender"><xsl:call-template name="tp:letter-party-list"><xsl:with-param name="parties" select="$sent ! tp:letter-parties(.)"/></xsl:call-template></span>
        <span class="letter-arrow" aria-hidden="true"> → </span><span class="visually-hidden"> {tp:l10n('letter-to')} </span>
        <span class="letter-addressee"><xsl:call-template name="tp:letter-party-list"><xsl:with-param name="parties" select="$received ! tp:letter-parties(.)"/></xsl:call-template></span>
      </p>
      <xsl:apply-templates select="$sent, $received" mode="tp:letter-heading"/>
    </div>
  </xsl:template>

  <xsl:template name="tp:letter-party-list">
    <xsl:param name="parties" as="element()*"/>
    <xsl:for-each select="$parties">
      <xsl:if test="position() gt 1">; </xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
    <xsl:if test="empty($parties)">{tp:l10n('letter-unknown')}</xsl:if>
  </xsl:template>

  <!-- "Sent from Lélex, 7 September 1892" / "Received in Bad Ischl, …" -->
  <xsl:template match="tei:correspAction" mode="tp:letter-heading">
    <xsl:variable name="places" select="(tei:placeName | tei:settlement)[normalize-space()]"/>
    <xsl:variable name="dates" select="tei:date[normalize-space() or @when or @from or @notBefore]"/>
    <xsl:if test="exists($places) or exists($dates)">
      <p class="letter-{@type}">
        <xsl:text>{tp:l10n('letter-' || @type || (if (exists($places)) then '-from' else ''))} </xsl:text>
        <xsl:for-each select="$places">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
        <xsl:if test="exists($places) and exists($dates)">, </xsl:if>
        <xsl:for-each select="$dates">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The previous and next letters a correspContext names. -->
  <xsl:template match="tei:correspContext" mode="tp:letter-navigation">
    <xsl:variable name="refs" select="(tei:ref | tei:ptr)[tp:letter-direction(.) = ('previous', 'next')]"/>
    <xsl:if test="exists($refs)">
      <nav class="letter-nav" aria-label="{tp:l10n('letter-nav')}">
        <ul>
          <xsl:apply-templates select="$refs[tp:letter-direction(.) eq 'previous'], $refs[tp:letter-direction(.) eq 'next']"
                               mode="tp:letter-navigation"/>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="tp:letter-navigation">
    <xsl:variable name="direction" select="tp:letter-direction(.)"/>
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="text" select="tp:letter-text(., $target)"/>
    <xsl:variable name="scope" select="@type[. = ('withinCorrespondence', 'withinCollection')]"/>
    <xsl:variable name="words" select="if (normalize-space(.)) then normalize-space(.)
                                       else if (exists($text)) then tp:text-title(tp:tei($text)) else $target"/>
    <li class="letter-{$direction}">
      <span class="letter-nav-label">{tp:l10n('letter-' || $direction || ($scope ! ('-' || .)))}: </span>
      <xsl:choose>
        <xsl:when test="exists($text)">
          <a rel="{if ($direction eq 'previous') then 'prev' else 'next'}" href="{tp:file-href($text/@html)}">{$words}</a>
        </xsl:when>
        <xsl:when test="tp:is-external($target)">
          <a rel="{if ($direction eq 'previous') then 'prev' else 'next'}" href="{tp:safe-uri($target)}">{$words}</a>
        </xsl:when>
        <xsl:otherwise>
          <span class="letter-absent">{$words}</span>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- "previous", "next" or "" for a pointer of correspContext (TEI's prev/next, or a subtype saying so). -->
  <xsl:function name="tp:letter-direction" as="xs:string">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="words" select="($ref/@type, $ref/@subtype) ! lower-case(.)"/>
    <xsl:sequence select="if ($words = ('prev', 'previous', 'previous_letter', 'previousletter', 'prev_letter')) then 'previous'
                          else if ($words = ('next', 'next_letter', 'nextletter')) then 'next' else ''"/>
  </xsl:function>

  <!-- The text of the edition a correspContext target names: by id, or by file name (with or without .xml). -->
  <xsl:function name="tp:letter-text" as="element(tp:text)?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="name" select="replace(tp:file-name(replace($target, '^#', '')), '\.xml$', '')"/>
    <xsl:sequence select="if ($name eq '' or tp:is-external($target)) then ()
                          else (key('tp:text-by-id', $name, root($context)),
                                key('tp:part-by-src', $name || '.xml', root($context))[self::tp:text])[1]"/>
  </xsl:function>
</xsl:stylesheet>
