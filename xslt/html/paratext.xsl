<?xml version="1.0" encoding="UTF-8"?>
<!--
  The paratext pages of the edition, generated from the TEI headers of its
  files (common/edition.xsl gathers them): About, Editorial principles, How to
  read, How to cite, Changes and Open data. Mode tp:paratext, one template per
  page (selected by the page's entry of lists.xml in mode tp:page-content); header
  prose is rendered by the default mode, so names and pointers link as in the texts.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The paratext pages (lists.xml), in the order the footer lists them. -->
  <xsl:variable name="tp:paratext-pages" as="xs:string+" select="$tp:pages[@group eq 'paratext']/@name ! string()"/>

  <!-- Where the open data lives, relative to the site root (the data writer writes it there). -->
  <xsl:variable name="tp:data-folder" as="xs:string" select="'data/'"/>
  <xsl:variable name="tp:data-zip" as="xs:string" select="'data/edition-data.zip'"/>

  <!-- The content of the paratext page $page (one of $tp:paratext-pages), the context item being the edition. -->
  <xsl:template name="tp:paratext-page">
    <xsl:param name="page" as="xs:string"/>
    <xsl:apply-templates select="tp:page($page)" mode="tp:page-content">
      <xsl:with-param name="edition" select="." tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Each paratext page's content, by its entry in lists.xml (html/pages.xsl applies them). -->
  <xsl:template match="tp:page[@name = 'about']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-about"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'principles']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-principles"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'help']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-help"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'cite']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-cite"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'changes']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-changes"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'data']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:paratext-data"/>
  </xsl:template>

  <!-- A link to the data file of the dataset $id (lists.xml: its file and media type) labelled by the string $label. -->
  <xsl:function name="tp:data-link" as="element()">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="dataset" select="tp:dataset($id)"/>
    <a href="{$tp:data-folder}{$dataset/@file}" type="{$dataset/@media-type}">{tp:l10n($label)}</a>
  </xsl:function>

  <!-- About: title, editors and roles, publisher, contact, funding, licences, version, status. -->
  <xsl:template match="tp:edition" mode="tp:paratext-about">
    <xsl:variable name="funders" select="tp:edition-funders(.)"/>
    <xsl:variable name="addresses" select="tp:edition-addresses(.)"/>
    <xsl:variable name="version" select="tp:edition-version(.)"/>
    <xsl:variable name="status" select="tp:edition-status(.)"/>
    <h1>{@title}</h1>
    <p class="about-summary">{tp:l10n('about-texts-count', (count(tp:text), count(tp:registers//tei:standOff//*[@xml:id][exists(tp:entry-kind(.))][tp:is-published(.)]), tp:format-date(@build-date)))}</p>
    <dl class="about-facts">
      <dt>{tp:l10n('about-editors')}</dt>
      <xsl:for-each select="tp:edition-responsibilities(.)">
        <dd class="about-editor"><xsl:sequence select="tp:content-lang(.)"/><xsl:apply-templates select="." mode="tp:header"/></dd>
      </xsl:for-each>
      <xsl:if test="exists(tp:edition-publishers(.))">
        <dt>{tp:l10n('about-publisher')}</dt>
        <xsl:for-each select="tp:edition-publishers(.)">
          <dd class="about-publisher"><xsl:apply-templates/></dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="exists($addresses)">
        <dt>{tp:l10n('about-contact')}</dt>
        <xsl:for-each select="$addresses">
          <dd class="about-contact">
            <address>
              <xsl:for-each select="tei:addrLine">
                <xsl:if test="position() gt 1"><br/></xsl:if>
                <xsl:apply-templates select="node()" mode="tp:contact"/>
              </xsl:for-each>
            </address>
          </dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="exists($funders)">
        <dt>{tp:l10n('about-funding')}</dt>
        <xsl:for-each select="$funders">
          <dd class="about-funder"><xsl:apply-templates/></dd>
        </xsl:for-each>
      </xsl:if>
      <xsl:call-template name="tp:licences"/>
      <dt>{tp:l10n('about-version')}</dt>
      <dd class="about-version">
        <xsl:if test="$version ne ''"><span class="version-number">{$version}</span><xsl:text>, </xsl:text></xsl:if>
        <time datetime="{tp:edition-date(.)}">{tp:format-date(tp:edition-date(.))}</time>
        <xsl:text> (</xsl:text><a href="{tp:page-href('changes')}">{tp:l10n('page-changes')}</a><xsl:text>)</xsl:text>
      </dd>
      <xsl:if test="$status ne ''">
        <dt>{tp:l10n('about-status')}</dt>
        <dd class="about-status">{if ($status eq 'published') then tp:l10n('about-status-published') else tp:l10n('about-status-other', $status)}</dd>
      </xsl:if>
    </dl>
    <nav class="paratext-links" aria-label="{tp:l10n('about-more')}">
      <h2>{tp:l10n('about-more')}</h2>
      <ul>
        <xsl:for-each select="$tp:paratext-pages[. ne tp:page('about')/@name]">
          <li><a href="{.}.html">{tp:l10n('page-' || .)}</a></li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- Contact lines: an e-mail address becomes a mailto link. -->
  <xsl:template match="tei:email" mode="tp:contact">
    <a href="mailto:{normalize-space(.)}">{normalize-space(.)}</a>
  </xsl:template>

  <xsl:template match="node()" mode="tp:contact">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!--
    The licences (a dt, then a dd each): one entry per licence (its URL), naming the files under it
    unless it covers them all; the files' own statements, often near-identical
    wording, are folded underneath.
  -->
  <xsl:template name="tp:licences">
    <xsl:variable name="all" select="count(tp:edition-teis(.))"/>
    <dt>{tp:l10n('about-licence')}</dt>
    <xsl:if test="empty(tp:edition-licences(.))">
      <dd class="about-licence">{tp:l10n('about-licence-none')}</dd>
    </xsl:if>
    <xsl:for-each-group select="tp:edition-licences(.)" group-by="string((?statement/@target, normalize-space(?statement))[1])">
      <xsl:variable name="teis" select="current-group() ! ?teis"/>
      <dd class="about-licence">
        <xsl:choose>
          <xsl:when test="?statement/@target">
            <a href="{?statement/@target}" rel="license">{tp:licence-name(?statement)}</a>
          </xsl:when>
          <xsl:otherwise>{tp:licence-name(?statement)}</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="count($teis) lt $all">
          <xsl:text> </xsl:text>
          <span class="licence-files">{tp:l10n('about-licence-files', string-join($teis ! tp:file-title(.), '; '))}</span>
        </xsl:if>
        <details class="licence-statements">
          <summary>{tp:l10n('about-licence-statements')}</summary>
          <xsl:for-each select="current-group()">
            <!-- A div when the statement holds paragraphs of its own (a p cannot hold them). -->
            <xsl:element name="{if (tp:contains-blocks(?statement)) then 'div' else 'p'}">
              <xsl:if test="count(?teis) lt $all"><span class="licence-files">{string-join(?teis ! tp:file-title(.), '; ')}: </span></xsl:if>
              <xsl:apply-templates select="?statement/node()"/>
            </xsl:element>
          </xsl:for-each>
        </details>
      </dd>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A licence's short name: an abbreviation in parentheses at the end of its statement ("CC BY 4.0"), else its URL or words. -->
  <xsl:function name="tp:licence-name" as="xs:string">
    <xsl:param name="licence" as="element()"/>
    <xsl:variable name="words" select="normalize-space($licence)"/>
    <xsl:sequence select="if (matches($words, '\(([^()]{2,30})\)\.?$')) then replace($words, '^.*\(([^()]{2,30})\)\.?$', '$1')
      else if ($licence/@target) then string($licence/@target) else $words"/>
  </xsl:function>

  <!--
    Editorial principles: aims and methods (projectDesc), selection
    (samplingDecl), each part of editorialDecl, the encoding of variants, the
    sigla of every listWit, the data model. A statement made by every file is
    given once; one made by some files names them.
  -->
  <xsl:template match="tp:edition" mode="tp:paratext-principles">
    <xsl:variable name="teis" select="tp:edition-teis(.)"/>
    <xsl:variable name="encoding" select="$teis/tei:teiHeader/tei:encodingDesc"/>
    <h1>{tp:l10n('page-principles')}</h1>
    <xsl:call-template name="tp:principles-section">
      <xsl:with-param name="key" select="'project'"/>
      <xsl:with-param name="statements" select="$encoding/tei:projectDesc"/>
    </xsl:call-template>
    <xsl:call-template name="tp:principles-section">
      <xsl:with-param name="key" select="'sampling'"/>
      <xsl:with-param name="statements" select="$encoding/tei:samplingDecl"/>
    </xsl:call-template>
    <xsl:for-each select="'correction', 'normalization', 'quotation', 'hyphenation', 'segmentation', 'interpretation'">
      <xsl:call-template name="tp:principles-section">
        <xsl:with-param name="key" select="."/>
        <xsl:with-param name="statements" select="$encoding/tei:editorialDecl/*[local-name() eq current()]"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="tp:principles-section">
      <xsl:with-param name="key" select="'editorial'"/>
      <xsl:with-param name="statements" select="$encoding/tei:editorialDecl/tei:p"/>
    </xsl:call-template>
    <xsl:call-template name="tp:principles-section">
      <xsl:with-param name="key" select="'encoding'"/>
      <xsl:with-param name="statements" select="$encoding/tei:p"/>
    </xsl:call-template>
    <xsl:variable name="variants" select="$encoding//tei:variantEncoding"/>
    <xsl:variable name="witnesses" select="$teis ! tp:witnesses(.)"/>
    <section class="principles-section" id="principles-variants" aria-labelledby="h-variants">
      <h2 id="h-variants">{tp:l10n('principles-variants')}</h2>
      <xsl:for-each-group select="$variants" group-by="@method || ' ' || @location">
        <p>{tp:l10n('principles-variants-' || @method)}{tp:l10n('principles-variants-' || @location)}</p>
      </xsl:for-each-group>
      <h3 id="sigla">{tp:l10n('principles-sigla')}</h3>
      <xsl:choose>
        <xsl:when test="empty($witnesses)">
          <p>{tp:l10n('principles-sigla-none')}</p>
        </xsl:when>
        <xsl:otherwise>
          <table class="sigla-table">
            <thead>
              <tr><th scope="col">{tp:l10n('principles-siglum')}</th><th scope="col">{tp:l10n('principles-witness')}</th><th scope="col">{tp:l10n('principles-text')}</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$witnesses">
                <xsl:variable name="part" select="tp:part(.)"/>
                <tr id="siglum-{$part/@id}-{@xml:id}">
                  <th scope="row" class="siglum">{tp:siglum(., string(@xml:id))}</th>
                  <td>
                    <xsl:apply-templates/>
                    <xsl:if test="empty(preceding-sibling::tei:witness) and empty(parent::tei:listWit/preceding-sibling::tei:listWit)"> ({tp:l10n('meta-copy-text')})</xsl:if>
                  </td>
                  <td><a href="{tp:file-href($part/@html)}"><cite>{tp:text-title(ancestor::tei:TEI[1])}</cite></a></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section class="principles-section" id="principles-data-model" aria-labelledby="h-data-model">
      <h2 id="h-data-model">{tp:l10n('principles-data-model')}</h2>
      <p>{tp:l10n('principles-data-model-text')} <a href="{tp:page-href('data')}">{tp:l10n('page-data')}</a></p>
    </section>
  </xsl:template>

  <!-- One section of the principles: each distinct statement, with the files that make it unless all do. -->
  <xsl:template name="tp:principles-section">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="statements" as="element()*"/>
    <xsl:if test="exists($statements)">
      <!-- Files are named only when some files that make statements of this kind do not make this one. -->
      <xsl:variable name="files" select="count($statements/ancestor::tei:TEI[1])"/>
      <section class="principles-section" id="principles-{$key}" aria-labelledby="h-{$key}">
        <h2 id="h-{$key}">{tp:l10n('principles-' || $key)}</h2>
        <xsl:for-each select="tp:distinct-statements($statements)">
          <xsl:variable name="lang" select="tp:content-lang(?statement)"/>
          <div class="principles-statement">
            <xsl:sequence select="$lang"/>
            <xsl:if test="count(?teis) lt $files">
              <p class="principles-files">
                <xsl:if test="exists($lang)">
                  <xsl:attribute name="lang" select="$l10n-lang"/>
                </xsl:if>{tp:l10n('principles-in-files', string-join(?teis ! tp:file-title(.), '; '))}</p>
            </xsl:if>
            <xsl:apply-templates select="?statement/(if (self::tei:p) then . else node())"/>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!--
    How to read: the views, the apparatus convention with a real entry of the
    edition as the example, the entity colours (the highlight classes of the
    text pages), the keyboard. One screen.
  -->
  <xsl:template match="tp:edition" mode="tp:paratext-help">
    <xsl:variable name="example" select="(tp:text//tei:text//tei:app[tei:rdg[@wit]])[1]"/>
    <h1>{tp:l10n('page-help')}</h1>
    <p>{tp:l10n('help-intro')}</p>
    <section class="help-section" aria-labelledby="h-views">
      <h2 id="h-views">{tp:l10n('help-views')}</h2>
      <p>{tp:l10n('help-views-text')}</p>
    </section>
    <xsl:apply-templates select="." mode="tp:help-signs"/>
    <section class="help-section" aria-labelledby="h-apparatus">
      <h2 id="h-apparatus">{tp:l10n('help-apparatus')}</h2>
      <p>{tp:l10n('help-apparatus-text')}</p>
      <xsl:if test="exists($example)">
        <xsl:variable name="lem" select="($example/tei:lem, $example/tei:rdg[not(@wit)])[1]"/>
        <xsl:variable name="rdg" select="$example/tei:rdg[@wit][1]"/>
        <p class="help-example">{tp:l10n('help-apparatus-example')}: <span class="app-example"><span class="lem">{normalize-space($lem)}</span>{tp:l10n('app-bracket')} <span class="rdg">{normalize-space($rdg)}</span><xsl:text> </xsl:text><span class="siglum">{string-join(tp:sigla($rdg), ' ')}</span></span>
          (<a href="{tp:file-href(tp:part($example)/@html)}#{tp:locus-id($example)}">{tp:text-title($example/ancestor::tei:TEI[1])}, {tp:locus-label($example)}</a>)</p>
      </xsl:if>
      <!-- The labels of the entries the edition's texts have, each with what it means (its tooltip too). -->
      <xsl:variable name="texts" select="tp:text//tei:text"/>
      <xsl:variable name="labels" select="('sic', 'corr', 'orig', 'reg', 'abbr', 'expan', 'supplied')[let $name := . return exists($texts//*[local-name() = $name])]"/>
      <xsl:if test="exists($labels)">
        <h3 id="h-labels">{tp:l10n('help-labels')}</h3>
        <dl class="help-labels">
          <xsl:for-each select="$labels">
            <dt><abbr>{tp:l10n('label-' || .)}</abbr></dt>
            <dd>{tp:l10n('label-' || . || '-title')}</dd>
          </xsl:for-each>
          <xsl:if test="exists($texts//@resp)">
            <dt>{tp:l10n('app-resp', tp:l10n('resp-editors'))}</dt>
            <dd>{tp:l10n('resp-editors-title')}</dd>
          </xsl:if>
        </dl>
      </xsl:if>
    </section>
    <section class="help-section" aria-labelledby="h-entities">
      <h2 id="h-entities">{tp:l10n('help-entities')}</h2>
      <p>{tp:l10n('help-entities-text')}</p>
      <ul class="help-colours">
        <xsl:for-each select="tp:kinds-with('highlight'), 'date'">
          <li><span class="help-swatch hl-sample-{.}">{tp:l10n('highlight-' || .)}</span></li>
        </xsl:for-each>
      </ul>
    </section>
    <section class="help-section" aria-labelledby="h-keyboard">
      <h2 id="h-keyboard">{tp:l10n('help-keyboard')}</h2>
      <p>{tp:l10n('help-keyboard-text')}</p>
    </section>
    <p>{tp:l10n('help-more')} <a href="{tp:page-href('principles')}">{tp:l10n('page-principles')}</a></p>
  </xsl:template>

  <!-- How to cite: the edition, each text, a paragraph; the citation files of the data folder. -->
  <xsl:template match="tp:edition" mode="tp:paratext-cite">
    <xsl:variable name="first" select="tp:text[1]"/>
    <xsl:variable name="block" select="$first ! tp:first-block(tp:tei(.))"/>
    <h1>{tp:l10n('page-cite')}</h1>
    <p>{tp:l10n('cite-version-note')} <a href="{tp:page-href('changes')}">{tp:l10n('page-changes')}</a></p>
    <!-- Without the edition's url (teipress.toml) the addresses can only be given relative to it: say so. -->
    <xsl:if test="not(normalize-space(@url))">
      <p class="cite-relative">{tp:l10n('cite-relative-urls')}</p>
    </xsl:if>
    <section aria-labelledby="h-cite-edition">
      <h2 id="h-cite-edition">{tp:l10n('cite-edition-heading')}</h2>
      <p class="citation" id="cite-edition">{tp:edition-citation(.)}</p>
    </section>
    <section aria-labelledby="h-cite-text">
      <h2 id="h-cite-text">{tp:l10n('cite-text-heading')}</h2>
      <xsl:for-each select="tp:text">
        <p class="citation" id="cite-{tp:safe-id(@id)}">{tp:text-citation(., ())}</p>
      </xsl:for-each>
    </section>
    <xsl:if test="exists($block)">
      <section aria-labelledby="h-cite-paragraph">
        <h2 id="h-cite-paragraph">{tp:l10n('cite-paragraph-heading')}</h2>
        <p>{tp:l10n('cite-paragraph-text')}</p>
        <p class="citation" id="cite-paragraph">{tp:text-citation($first, $block)}</p>
      </section>
    </xsl:if>
    <section aria-labelledby="h-cite-files">
      <h2 id="h-cite-files">{tp:l10n('cite-files')}</h2>
      <ul class="cite-files">
        <li><a href="{$tp:data-folder}citation.bib" type="application/x-bibtex" download="">{tp:l10n('cite-file-bibtex')}</a></li>
        <li><a href="{$tp:data-folder}citation.json" type="application/vnd.citationstyles.csl+json" download="">{tp:l10n('cite-file-csl')}</a></li>
        <li><a href="{$tp:data-folder}citation.txt" type="text/plain" download="">{tp:l10n('cite-file-text')}</a></li>
      </ul>
    </section>
  </xsl:template>

  <!-- Changes: every revisionDesc/change, newest first; a change made in several files once, naming them. -->
  <xsl:template match="tp:edition" mode="tp:paratext-changes">
    <h1>{tp:l10n('page-changes')}</h1>
    <p>{tp:l10n('changes-intro')}</p>
    <ol class="changes">
      <xsl:for-each-group select="tp:edition-changes(.)" group-by="tp:change-date(.) || '|' || @n || '|' || normalize-space(.)">
        <xsl:variable name="date" select="tp:change-date(.)"/>
        <li class="change">
          <p class="change-head">
            <xsl:if test="$date ne ''"><time datetime="{$date}">{tp:format-date($date)}</time></xsl:if>
            <xsl:if test="normalize-space(@n)"> · <span class="change-version">{tp:l10n('changes-version', normalize-space(@n))}</span></xsl:if>
            <xsl:variable name="who" select="distinct-values(current-group() ! (for $u in tokenize(normalize-space(@who), ' ') return tp:resolve(., $u))
              ! (tei:persName, tei:orgName, tei:name, self::tei:editor, self::tei:person)[1] ! tp:name-string(.))"/>
            <xsl:if test="exists($who)"> · {tp:l10n('changes-by', string-join($who, '; '))}</xsl:if>
          </p>
          <!-- A div when the change holds blocks (items, paragraphs): a p cannot hold them. -->
          <xsl:element name="{if (tp:contains-blocks(.)) then 'div' else 'p'}"><xsl:attribute name="class" select="'change-text'"/><xsl:apply-templates/></xsl:element>
          <p class="change-files">{tp:l10n('changes-files')}: {string-join(current-group() ! tp:file-title(ancestor::tei:TEI[1]), '; ')}</p>
        </li>
      </xsl:for-each-group>
    </ol>
  </xsl:template>

  <!-- Open data: the zip, each TEI file, the registers and the chronology as CSV and JSON, the licences. -->
  <xsl:template match="tp:edition" mode="tp:paratext-data">
    <h1>{tp:l10n('page-data')}</h1>
    <p>{tp:l10n('data-intro')}</p>
    <section aria-labelledby="h-data-zip">
      <h2 id="h-data-zip">{tp:l10n('data-zip')}</h2>
      <p><a class="data-zip" href="{$tp:data-zip}" type="application/zip" download="">{tokenize($tp:data-zip, '/')[last()]}</a>: {tp:l10n('data-zip-text')}</p>
    </section>
    <section aria-labelledby="h-data-tei">
      <h2 id="h-data-tei">{tp:l10n('data-tei')}</h2>
      <ul class="data-files">
        <xsl:for-each select="tp:text | tp:registers">
          <li><a href="{tp:file-href($tp:data-folder || 'tei/' || @src)}" type="application/tei+xml">{@src}</a>: <cite>{tp:file-title(tp:tei(.))}</cite></li>
        </xsl:for-each>
      </ul>
      <p class="data-schema">{tp:l10n('data-schema')} <a href="{$tp:data-folder}tei/schema/teipress.odd" type="application/tei+xml">teipress.odd</a>
        (<a href="{$tp:data-folder}tei/schema/teipress.rng" type="application/xml">teipress.rng</a>,
        <a href="{$tp:data-folder}tei/schema/teipress.sch" type="application/xml">teipress.sch</a>)</p>
    </section>
    <section aria-labelledby="h-data-registers">
      <h2 id="h-data-registers">{tp:l10n('data-registers')}</h2>
      <p>{tp:l10n('data-registers-text')}
        <xsl:sequence select="tp:data-link('registers-csv', 'data-csv')"/>,
        <xsl:sequence select="tp:data-link('registers-json', 'data-json')"/></p>
    </section>
    <section aria-labelledby="h-data-chronology">
      <h2 id="h-data-chronology">{tp:l10n('data-chronology')}</h2>
      <p>{tp:l10n('data-chronology-text')}
        <xsl:sequence select="tp:data-link('chronology-csv', 'data-csv')"/>,
        <xsl:sequence select="tp:data-link('chronology-json', 'data-json')"/></p>
    </section>
    <section aria-labelledby="h-data-licence">
      <h2 id="h-data-licence">{tp:l10n('data-licence')}</h2>
      <dl class="about-facts"><xsl:call-template name="tp:licences"/></dl>
    </section>
  </xsl:template>

  <!-- The footer's links to the paratext pages and the data (every page; layout.xsl calls it). -->
  <xsl:template name="tp:paratext-footer-links">
    <nav class="footer-nav" aria-label="{tp:l10n('footer-paratext')}">
      <ul>
        <xsl:for-each select="$tp:paratext-pages">
          <li><a href="{.}.html">{tp:l10n('footer-' || .)}</a></li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>
</xsl:stylesheet>
