<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header block of a text page, from the teiHeader: title, author,
  editors, source (a readable citation of biblStruct: author, title, journal,
  vol./no., date, pages), witnesses, creation, licence, encoding note, and
  links to the other formats (PDF, TEI). Mode tp:header; phrase content is
  rendered by the default mode (names link to published register entries).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!--
    The header block of the text in tp:text $part: what a reader needs before
    the text (title, author or the letter's correspondents, its date, the
    other formats), then the rest of the header
    folded in "About this text", so that on a phone the text begins on the
    first screen.
  -->
  <xsl:template match="tp:text" mode="tp:header">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="titles" select="tp:title-elements($tei)"/>
    <xsl:variable name="letter" select="tp:letter($tei)"/>
    <header class="text-header" id="text-header">
      <h1 class="text-title">
        <xsl:sequence select="tp:content-lang(($titles, $tei)[1])"/>
        <xsl:choose>
          <xsl:when test="exists($titles)">
            <xsl:apply-templates select="$titles[1]/node()"/>
          </xsl:when>
          <xsl:otherwise>{tp:text-title($tei)}</xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:for-each select="$titles[position() gt 1]">
        <p class="text-subtitle"><xsl:sequence select="tp:content-lang(.)"/><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="exists($letter)">
          <xsl:apply-templates select="$letter" mode="tp:letter-heading"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="tp:text-authors">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:for-each select="tp:text-date($tei)">
            <p class="text-date"><xsl:apply-templates select="."/></p>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="tp:text-formats">
        <xsl:with-param name="reading-links" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="tp:about-text">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </header>
  </xsl:template>

  <!-- The facts of the header and how to cite the text, folded (a details element: no script needed). -->
  <xsl:template name="tp:about-text">
    <xsl:param name="tei" as="element()"/>
    <details class="about-text" id="about-text">
      <summary>{tp:l10n('about-text')}</summary>
      <xsl:call-template name="tp:text-meta">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:call-template name="tp:cite-this">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </details>
  </xsl:template>

  <!-- "by Author; Author" -->
  <xsl:template name="tp:text-authors">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()]"/>
    <xsl:if test="exists($authors)">
      <xsl:variable name="parts" select="tokenize(tp:l10n('text-by'), '\{1\}')"/>
      <p class="text-author">
        <xsl:text>{$parts[1]}</xsl:text>
        <xsl:for-each select="$authors">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:apply-templates select="." mode="tp:author"/>
        </xsl:for-each>
        <xsl:text>{$parts[2]}</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- An author: the name; affiliation, e-mail and other details in parentheses. -->
  <xsl:template match="*" mode="tp:author">
    <xsl:variable name="name" select="(tei:persName | tei:name | tei:orgName)[1]"/>
    <xsl:choose>
      <xsl:when test="exists($name)">
        <xsl:apply-templates select="$name"/>
        <xsl:variable name="details" select="(* except $name)[normalize-space()]"/>
        <xsl:if test="exists($details)">
          <xsl:text> (</xsl:text>
          <xsl:for-each select="$details">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The items rendered in the default mode, separated by "; ". -->
  <xsl:template name="tp:join">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="separator" as="xs:string" select="'; '"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() gt 1">{$separator}</xsl:if>
      <xsl:apply-templates/>
    </xsl:for-each>
  </xsl:template>

  <!-- The facts of the header as a description list. -->
  <xsl:template name="tp:text-meta">
    <xsl:param name="tei" as="element()"/>
    <!-- Whether to give the header's abstract and keywords (the printed header leaves them out). -->
    <xsl:param name="summary" as="xs:boolean" select="true()"/>
    <xsl:variable name="h" select="$tei/tei:teiHeader"/>
    <xsl:variable name="editors" select="tp:text-editors($tei)"/>
    <xsl:variable name="sources" select="tp:text-sources($tei)"/>
    <xsl:variable name="witnesses" select="tp:witnesses($tei)"/>
    <xsl:variable name="creation" select="$h/tei:profileDesc/tei:creation[normalize-space() or */@*]"/>
    <xsl:variable name="licences" select="tp:text-licences($tei)"/>
    <xsl:variable name="encoding" select="$h/tei:encodingDesc/tei:editorialDecl"/>
    <xsl:variable name="facts" as="element()*">
      <xsl:if test="exists($editors)">
        <dt>{tp:l10n('meta-editors')}</dt>
        <xsl:for-each select="$editors">
          <dd class="meta-editor"><xsl:sequence select="tp:content-lang(.)"/><xsl:apply-templates select="." mode="tp:header"/></dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="exists($sources)">
        <dt>{tp:l10n('meta-source')}</dt>
        <xsl:for-each select="$sources">
          <dd class="meta-source"><xsl:sequence select="tp:content-lang(.)"/><xsl:apply-templates select="." mode="tp:header"/></dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="exists($witnesses)">
        <dt>{tp:l10n('meta-witnesses')}</dt>
        <dd class="meta-witnesses">
          <ul class="witness-list">
            <xsl:for-each select="$witnesses">
              <li id="wit-{@xml:id}">
                <span class="siglum">{tp:siglum(., string(@xml:id))}</span>
                <xsl:text> </xsl:text>
                <xsl:apply-templates/>
                <xsl:if test="position() eq 1 and @xml:id"> ({tp:l10n('meta-copy-text')})</xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </dd>
      </xsl:if>
      <xsl:if test="exists($creation)">
        <dt>{tp:l10n('meta-created')}</dt>
        <dd class="meta-created"><xsl:sequence select="tp:content-lang($creation[1])"/><xsl:apply-templates select="$creation/node()"/></dd>
      </xsl:if>
      <xsl:for-each select="$h/tei:profileDesc/tei:abstract[normalize-space()][$summary]">
        <dt>{tp:l10n('meta-abstract')}</dt>
        <dd class="meta-abstract"><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:if test="$summary and exists($h/tei:profileDesc/tei:textClass/tei:keywords/tei:term[normalize-space()])">
        <dt>{tp:l10n('meta-keywords')}</dt>
        <dd class="meta-keywords">{string-join($h/tei:profileDesc/tei:textClass/tei:keywords/tei:term ! normalize-space()[.], ', ')}</dd>
      </xsl:if>
      <xsl:if test="exists($licences)">
        <dt>{tp:l10n('meta-licence')}</dt>
        <xsl:for-each select="$licences">
          <dd class="meta-licence"><xsl:sequence select="tp:content-lang(.)"/><xsl:apply-templates select="." mode="tp:header"/></dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="exists($encoding)">
        <dt>{tp:l10n('meta-encoding')}</dt>
        <dd class="meta-encoding"><xsl:sequence select="tp:content-lang($encoding[1])"/><xsl:call-template name="tp:encoding-note"><xsl:with-param name="decl" select="$encoding"/></xsl:call-template></dd>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="exists($facts)">
      <dl class="text-meta">
        <xsl:sequence select="$facts"/>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- The encoding note: the first paragraph of editorialDecl, the rest folded in a details element. -->
  <xsl:template name="tp:encoding-note">
    <xsl:param name="decl" as="element()+"/>
    <xsl:variable name="parts" select="$decl/*"/>
    <xsl:apply-templates select="$parts[1]"/>
    <xsl:if test="count($parts) gt 1">
      <details class="encoding-more">
        <summary>
          <xsl:if test="exists(tp:content-lang($decl[1]))">
            <xsl:attribute name="lang" select="$l10n-lang"/>
          </xsl:if>{tp:l10n('meta-encoding-more')}</summary>
        <xsl:apply-templates select="$parts[position() gt 1]"/>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- Links to the PDF and the TEI source (when the edition document names them). -->
  <!-- $reading-links: on the text's own page, the other ways to read it (side by side: synoptic.xsl) come after,
       on the same line, so that on a phone the text still begins on the first screen. -->
  <xsl:template name="tp:text-formats">
    <xsl:param name="reading-links" as="xs:boolean" select="false()"/>
    <xsl:variable name="reading" as="element()*">
      <xsl:if test="$reading-links">
        <xsl:apply-templates select="." mode="tp:synoptic-link"/>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="@pdf or @tei or exists($reading)">
      <ul class="text-formats" aria-label="{tp:l10n('formats-label')}">
        <xsl:if test="@pdf">
          <li><a class="format-pdf" href="{tp:file-href(@pdf)}" type="application/pdf">{tp:l10n('format-pdf')}</a></li>
        </xsl:if>
        <xsl:if test="@tei">
          <li><a class="format-tei" href="{tp:file-href(@tei)}" type="application/tei+xml">{tp:l10n('format-tei')}</a></li>
        </xsl:if>
        <xsl:sequence select="$reading"/>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Editors -->

  <xsl:template match="tei:respStmt" mode="tp:header">
    <xsl:if test="tei:resp">
      <span class="resp"><xsl:apply-templates select="tei:resp[1]/node()"/></span>
      <xsl:text>: </xsl:text>
    </xsl:if>
    <xsl:call-template name="tp:join">
      <xsl:with-param name="items" select="* except tei:resp[1]"/>
      <xsl:with-param name="separator" select="', '"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:editor" mode="tp:header">
    <xsl:apply-templates/>
    <xsl:if test="@role">
      <xsl:text> ({@role})</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:licence" mode="tp:header">
    <xsl:choose>
      <xsl:when test="@target and not(tp:contains-blocks(.))">
        <a rel="license" href="{tp:safe-uri(@target)}">
          <xsl:apply-templates>
            <xsl:with-param name="tp:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="normalize-space(.) eq ''">{@target}</xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates/>
        <xsl:if test="@target">
          <xsl:text> </xsl:text>
          <a rel="license" href="{tp:safe-uri(@target)}">{@target}</a>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Sources -->

  <xsl:template match="*" mode="tp:header">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- A manuscript: its identifier (place, repository, shelfmark), then its head or summary. -->
  <xsl:template match="tei:msDesc" mode="tp:header">
    <xsl:variable name="id" select="tei:msIdentifier/*[normalize-space()]"/>
    <span class="ms-identifier">{string-join($id ! normalize-space(.), ', ')}</span>
    <xsl:for-each select="(tei:head, tei:msContents/tei:summary)[normalize-space()][1]">
      <xsl:text>. </xsl:text>
      <xsl:apply-templates/>
    </xsl:for-each>
  </xsl:template>

  <!--
    A citation: Author, “Article title”, Journal title, vol. 3, no. 7, 2 March 1931, pp. 4–5.
    Author, Book title, ed. X, Place: Publisher, 1950, p. 12.
  -->
  <xsl:template match="tei:biblStruct" mode="tp:header">
    <xsl:variable name="segments" as="element(tp:segment)*">
      <xsl:for-each select="tei:analytic">
        <xsl:call-template name="tp:bibl-authors"/>
        <xsl:for-each select="tei:title">
          <tp:segment><span class="title-article">{tp:l10n('quote-open')}<xsl:apply-templates/>{tp:l10n('quote-close')}</span></tp:segment>
        </xsl:for-each>
        <xsl:call-template name="tp:bibl-resps"/>
      </xsl:for-each>
      <xsl:for-each select="tei:monogr">
        <xsl:if test="not(../tei:analytic)">
          <xsl:call-template name="tp:bibl-authors"/>
        </xsl:if>
        <xsl:for-each select="tei:title">
          <tp:segment><cite class="tei-title level-{(@level, if (../tei:imprint/tei:biblScope[@unit = ('volume', 'issue')]) then 'j' else 'm')[1]}"><xsl:apply-templates/></cite></tp:segment>
        </xsl:for-each>
        <xsl:for-each select="tei:editor[normalize-space()]">
          <tp:segment>{tp:l10n('bibl-edited-by', normalize-space(.))}</tp:segment>
        </xsl:for-each>
        <xsl:call-template name="tp:bibl-resps"/>
        <xsl:for-each select="tei:edition[normalize-space()]">
          <tp:segment><xsl:apply-templates/></tp:segment>
        </xsl:for-each>
        <xsl:for-each select="tei:imprint">
          <xsl:variable name="place-publisher" select="(tei:pubPlace, tei:publisher)[normalize-space()]"/>
          <xsl:if test="exists($place-publisher)">
            <tp:segment>
              <xsl:for-each select="$place-publisher">
                <xsl:if test="position() gt 1">{if (self::tei:publisher and preceding-sibling::tei:pubPlace) then ': ' else ', '}</xsl:if>
                <xsl:apply-templates/>
              </xsl:for-each>
            </tp:segment>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="(tei:imprint/tei:biblScope, tei:biblScope)[@unit = ('volume', 'issue')]">
          <tp:segment>{tp:l10n(if (@unit eq 'volume') then 'bibl-volume' else 'bibl-issue', tp:bibl-scope(.))}</tp:segment>
        </xsl:for-each>
        <xsl:for-each select="tei:imprint/tei:date">
          <tp:segment><xsl:apply-templates select="."/></tp:segment>
        </xsl:for-each>
        <xsl:for-each select="(tei:biblScope, tei:imprint/tei:biblScope)[not(@unit = ('volume', 'issue'))]">
          <xsl:variable name="v" select="tp:bibl-scope(.)"/>
          <tp:segment>{if (@unit = ('page', 'pp', 'pages')) then tp:l10n(if (matches($v, '[-–,&amp;]| and ')) then 'bibl-pages' else 'bibl-page', $v)
                       else if (@unit eq 'chapter') then tp:l10n('bibl-chapter', $v) else $v}</tp:segment>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="tei:series/tei:title">
        <tp:segment>(<xsl:apply-templates/>)</tp:segment>
      </xsl:for-each>
      <xsl:for-each select="(tei:idno, tei:ptr, tei:ref, */tei:idno, */tei:ptr, */tei:ref)">
        <tp:segment><xsl:apply-templates select="."/></tp:segment>
      </xsl:for-each>
    </xsl:variable>
    <span class="citation">
      <xsl:for-each select="$segments">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:copy-of select="node()" copy-namespaces="no"/>
      </xsl:for-each>
      <xsl:if test="not(ends-with(normalize-space(string-join($segments, '')), '.'))">.</xsl:if>
    </span>
    <xsl:for-each select="(tei:note, */tei:note)[normalize-space()]">
      <xsl:text> </xsl:text>
      <span class="citation-note"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- The authors (or editors standing for authors) of an analytic or monogr, as one segment. -->
  <xsl:template name="tp:bibl-authors">
    <xsl:variable name="authors" select="tei:author[normalize-space()]"/>
    <xsl:if test="exists($authors)">
      <tp:segment>
        <xsl:call-template name="tp:join">
          <xsl:with-param name="items" select="$authors"/>
        </xsl:call-template>
      </tp:segment>
    </xsl:if>
  </xsl:template>

  <!-- The respStmts of an analytic or monogr, one segment each: "Transcribed by: Name". -->
  <xsl:template name="tp:bibl-resps">
    <xsl:for-each select="tei:respStmt">
      <tp:segment><xsl:apply-templates select="." mode="tp:header"/></tp:segment>
    </xsl:for-each>
  </xsl:template>

  <!-- A biblScope's value: its words, else @from–@to. -->
  <xsl:function name="tp:bibl-scope" as="xs:string">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="if (normalize-space($scope)) then normalize-space($scope)
      else string-join(($scope/@from, $scope/@to), '–')"/>
  </xsl:function>
</xsl:stylesheet>
