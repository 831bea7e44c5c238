<?xml version="1.0" encoding="UTF-8"?>
<!--
  Places on a map: the map page (every published place with coordinates), the
  places of a text on its page (folded), the map section of a place's own page
  (mode tp:entity-sections), and the map the PDF volume prints (print/map.xsl).

  Every map is drawn here, at build time, as an SVG: the places' markers (links
  to their entries) over the world's land (common/land.xsl, Natural Earth), in
  the equirectangular projection (x = longitude, y = latitude negated, degrees;
  teipress.geo states the same), cropped to the places with a margin. It is what
  a reader sees without JavaScript, without tiles ([map] tiles = ""), without
  Leaflet and in print. Where the edition has tiles and Leaflet (tp:edition
  @map-viewer = 'leaflet'), map.js draws an interactive map over the tiles
  instead, from the list of places that follows each map (data-lat, data-lon,
  the entry's link and the mentions: each marker's popup is its item).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="../common/land.xsl"/>

  <!--
    The href of a place's entry, the one place the maps link it: the entry's own page.
  -->
  <xsl:function name="tp:map-entry-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:entity-href($entry)"/>
  </xsl:function>

  <!-- The (latitude, longitude) of a place's geo ("lat long" in decimal degrees), or empty when it has none or another form. -->
  <xsl:function name="tp:place-point" as="xs:double*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="ll" select="(($entry/tei:location/tei:geo, $entry/tei:geo)[normalize-space()])[1]
                                    ! tokenize(normalize-space(translate(., ',', ' ')), ' ')"/>
    <xsl:sequence select="if (count($ll) eq 2 and ($ll[1] castable as xs:double) and ($ll[2] castable as xs:double)
                              and abs(xs:double($ll[1])) le 90 and abs(xs:double($ll[2])) le 180)
                          then (xs:double($ll[1]), xs:double($ll[2])) else ()"/>
  </xsl:function>

  <!-- The published places of the edition, sorted by name (as the register sorts them). -->
  <xsl:function name="tp:map-places" as="element()*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="sort(tp:entries($edition, 'place')[tp:is-published(.)], $register-collation, tp:entry-sort-key#1)"/>
  </xsl:function>

  <!-- The map page: the map of every place with coordinates, their list, the places without. -->
  <xsl:template match="tp:page[@name = 'map']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:variable name="places" select="tp:map-places($edition)"/>
    <xsl:variable name="mapped" select="$places[exists(tp:place-point(.))]"/>
    <h1>{tp:l10n('page-map')}</h1>
    <p class="register-intro">{tp:l10n('map-intro')}</p>
    <xsl:choose>
      <xsl:when test="empty($mapped)">
        <p class="register-empty">{tp:l10n('map-empty')}</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:place-map">
          <xsl:with-param name="places" select="$mapped"/>
          <xsl:with-param name="id" select="'edition-map'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="unmapped" select="$places except $mapped"/>
    <xsl:if test="exists($unmapped)">
      <section class="map-unplaced" aria-labelledby="map-unplaced-heading">
        <h2 id="map-unplaced-heading">{tp:l10n('map-unplaced')}</h2>
        <p>{tp:l10n('map-unplaced-intro')}</p>
        <ul class="map-unplaced-list">
          <xsl:for-each select="$unmapped">
            <li data-entry="{@xml:id}"><a href="{tp:map-entry-href(.)}">{tp:entry-name(.)}</a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!--
    The places of a text with coordinates, folded (a reader opens the map when
    wanted; the text stays at the top of a phone's screen): after the text's
    header, each place with the links to its mentions in this text.
  -->
  <xsl:template match="tp:text" mode="tp:text-places">
    <xsl:variable name="mapped" select="sort(tp:text-entries(tp:tei(.))[tp:entry-kind(.) eq 'place'][exists(tp:place-point(.))],
                                            $register-collation, tp:entry-sort-key#1)"/>
    <xsl:if test="exists($mapped)">
      <details class="text-places" data-pagefind-ignore="all">
        <summary>{tp:l10n('map-text-places')} ({count($mapped)})</summary>
        <xsl:call-template name="tp:place-map">
          <xsl:with-param name="places" select="$mapped"/>
          <xsl:with-param name="id" select="'text-map'"/>
          <xsl:with-param name="text" select="."/>
        </xsl:call-template>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- The map section of a place's own page (the entity pages apply this mode after the entry's card). -->
  <xsl:template match="tei:place" mode="tp:entity-sections">
    <xsl:if test="exists(tp:place-point(.))">
      <section class="entity-map" aria-labelledby="entity-map-heading">
        <h2 id="entity-map-heading">{tp:l10n('map-entity')}</h2>
        <xsl:call-template name="tp:place-map">
          <xsl:with-param name="places" select="."/>
          <xsl:with-param name="id" select="'entity-map'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <!--
    One map of $places (entries with coordinates): the SVG, then the list of the
    places, each with its mentions (in $text only, when given). $id: the map's id
    on its page. Its div says how map.js may draw it: the tiles and their
    attribution ([map] tiles and attribution), and whether Leaflet is there.
  -->
  <xsl:template name="tp:place-map">
    <xsl:param name="places" as="element()+"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="text" as="element(tp:text)?"/>
    <!-- The edition: tunnelled on the edition's pages (whose context is their entry in lists.xml), else the context's. -->
    <xsl:param name="edition" as="element(tp:edition)?" tunnel="yes"/>
    <xsl:variable name="edition" select="($edition, tp:edition(.))[1]"/>
    <xsl:variable name="live" select="$edition/@map-viewer = 'leaflet'"/>
    <div class="place-map" id="{$id}">
      <xsl:if test="$live">
        <xsl:attribute name="data-tiles" select="$edition/@map-tiles"/>
        <xsl:attribute name="data-attribution" select="$edition/@map-attribution"/>
      </xsl:if>
      <figure class="map-figure" aria-labelledby="{$id}-caption">
        <xsl:call-template name="tp:map-svg">
          <xsl:with-param name="places" select="$places"/>
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
        <figcaption id="{$id}-caption" class="map-caption">
          <span class="map-label">{tp:l10n('map-label')}</span>
          <xsl:text> </xsl:text>
          <span class="map-source">{tp:l10n('map-outline-source')}</span>
        </figcaption>
      </figure>
      <ul class="map-places">
        <xsl:for-each select="$places">
          <xsl:variable name="point" select="tp:place-point(.)"/>
          <li class="map-place" data-entry="{@xml:id}" data-lat="{$point[1]}" data-lon="{$point[2]}">
            <a class="map-place-name" href="{tp:map-entry-href(.)}">{tp:entry-name(.)}</a>
            <xsl:choose>
              <xsl:when test="exists($text)">
                <xsl:call-template name="tp:map-text-mentions">
                  <xsl:with-param name="text" select="$text"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="tp:entry-mentions"/>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="$live">
        <link rel="stylesheet" href="{$page-assets-href}leaflet/leaflet.css"/>
        <script src="{$page-assets-href}leaflet/leaflet.js" defer=""></script>
      </xsl:if>
      <link rel="stylesheet" href="{$page-assets-href}map.css"/>
      <script src="{$page-assets-href}map.js" defer=""></script>
    </div>
  </xsl:template>

  <!-- The mentions of the current place in $text: a link to each paragraph that names it. -->
  <xsl:template name="tp:map-text-mentions">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:variable name="title" select="tp:text-title(tp:tei($text))"/>
    <span class="map-mentions">
      <xsl:for-each-group select="tp:mentions(.)[tp:part(.) is $text]" group-by="tp:locus-id(.)">
        <xsl:text>{if (position() eq 1) then ': ' else ', '}</xsl:text>
        <a class="mention" href="#{tp:locus-id(.)}" title="{$title}, {tp:locus-label(.)}">{tp:locus-label(.)}</a>
      </xsl:for-each-group>
    </span>
  </xsl:template>

  <!--
    The SVG of $places: the land, then per place a marker that links its entry and its
    name. The view is the places' box with a margin (at least 24° by 14°, so that one
    place shows its surroundings); sizes are fractions of the view's width. Its colours are
    presentation attributes, so that it draws as it is where map.css is not loaded (print).
  -->
  <xsl:template name="tp:map-svg">
    <xsl:param name="places" as="element()+"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="lats" select="$places ! tp:place-point(.)[1]"/>
    <xsl:variable name="lons" select="$places ! tp:place-point(.)[2]"/>
    <!-- The east margin leaves room for the labels (about 1.2 degrees a letter at the map's scale). -->
    <xsl:variable name="width" select="max(((max($lons) - min($lons)) * 1.35 + 8, 24))"/>
    <xsl:variable name="height" select="max(((max($lats) - min($lats)) * 1.2 + 6, 14))"/>
    <xsl:variable name="west" select="min($lons) - ($width - (max($lons) - min($lons))) * 0.3"/>
    <xsl:variable name="north" select="(max($lats) + min($lats) + $height) div 2"/>
    <xsl:variable name="south" select="$north - $height"/>
    <xsl:variable name="east" select="$west + $width"/>
    <xsl:variable name="unit" select="$width div 100"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="map-svg" role="group" aria-labelledby="{$id}-caption"
         viewBox="{tp:svg-number($west)} {tp:svg-number(-$north)} {tp:svg-number($width)} {tp:svg-number($height)}"
         data-west="{$west}" data-north="{$north}" data-width="{$width}" data-height="{$height}"
         preserveAspectRatio="xMidYMid meet" font-size="{tp:svg-number(2.2 * $unit)}">
      <rect class="map-sea" fill="#e6eef4" x="{tp:svg-number($west)}" y="{tp:svg-number(-$north)}"
            width="{tp:svg-number($width)}" height="{tp:svg-number($height)}"/>
      <g class="map-land" fill="#f4f1e8" stroke="#9c9787" stroke-width="{tp:svg-number(0.15 * $unit)}">
        <xsl:for-each select="$tp:land[xs:double(@east) ge $west and xs:double(@west) le $east
                                       and xs:double(@north) ge $south and xs:double(@south) le $north]">
          <path d="{@d}"/>
        </xsl:for-each>
      </g>
      <!-- The markers' boxes, which no label may cover. -->
      <xsl:variable name="dots" as="map(*)*" select="$places ! tp:place-point(.) => tp:map-dots($unit)"/>
      <!-- Each label inside the view where it overlaps no marker and no label placed before it: right of its
           marker, else left, below, above (right when none is free). -->
      <xsl:iterate select="$places">
        <xsl:param name="taken" as="map(*)*" select="$dots"/>
        <xsl:variable name="point" select="tp:place-point(.)"/>
        <xsl:variable name="x" select="$point[2]"/>
        <xsl:variable name="y" select="-$point[1]"/>
        <xsl:variable name="name" select="tp:entry-name(.)"/>
        <xsl:variable name="reach" select="1.25 * string-length($name) * $unit"/>
        <xsl:variable name="candidates" as="map(*)+" select="
          map{'x': $x + 1.5 * $unit, 'y': $y + 0.8 * $unit, 'anchor': 'start', 'x0': $x + 1.5 * $unit, 'x1': $x + 1.5 * $unit + $reach},
          map{'x': $x - 1.5 * $unit, 'y': $y + 0.8 * $unit, 'anchor': 'end', 'x0': $x - 1.5 * $unit - $reach, 'x1': $x - 1.5 * $unit},
          map{'x': $x, 'y': $y + 3.2 * $unit, 'anchor': 'middle', 'x0': $x - $reach div 2, 'x1': $x + $reach div 2},
          map{'x': $x, 'y': $y - 1.6 * $unit, 'anchor': 'middle', 'x0': $x - $reach div 2, 'x1': $x + $reach div 2}"/>
        <xsl:variable name="boxes" select="$candidates ! map:merge((., map{'y0': ?y - 1.9 * $unit, 'y1': ?y + 0.5 * $unit}))"/>
        <xsl:variable name="free" select="$boxes[?x0 ge $west and ?x1 le $east and ?y0 ge -$north and ?y1 le -$south]
                                                [every $t in $taken[not(?x0 le $x and $x le ?x1 and ?y0 le $y and $y le ?y1)]
                                                   satisfies not(tp:boxes-meet(., $t))]"/>
        <xsl:variable name="label" select="($free, $boxes)[1]"/>
        <a href="{tp:map-entry-href(.)}" class="map-marker" data-entry="{@xml:id}" aria-label="{$name}">
          <circle cx="{tp:svg-number($x)}" cy="{tp:svg-number($y)}" r="{tp:svg-number(0.9 * $unit)}"
                  fill="#b3261e" stroke="#ffffff" stroke-width="{tp:svg-number(0.25 * $unit)}"/>
          <text fill="#1b1b1b" font-family="DejaVu Sans, sans-serif" x="{tp:svg-number($label?x)}" y="{tp:svg-number($label?y)}">
            <xsl:if test="$label?anchor ne 'start'">
              <xsl:attribute name="text-anchor" select="$label?anchor"/>
            </xsl:if>
            <xsl:text>{$name}</xsl:text>
          </text>
        </a>
        <xsl:next-iteration>
          <xsl:with-param name="taken" select="$taken, $label"/>
        </xsl:next-iteration>
      </xsl:iterate>
    </svg>
  </xsl:template>

  <!-- The boxes of markers at $points (latitude, longitude pairs) on a map whose unit is $unit. -->
  <xsl:function name="tp:map-dots" as="map(*)*">
    <xsl:param name="points" as="xs:double*"/>
    <xsl:param name="unit" as="xs:double"/>
    <xsl:for-each select="1 to count($points) idiv 2">
      <xsl:variable name="x" select="$points[2 * current()]"/>
      <xsl:variable name="y" select="-$points[2 * current() - 1]"/>
      <xsl:sequence select="map{'x0': $x - $unit, 'x1': $x + $unit, 'y0': $y - $unit, 'y1': $y + $unit}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- True when two boxes (maps of x0, x1, y0, y1) overlap. -->
  <xsl:function name="tp:boxes-meet" as="xs:boolean">
    <xsl:param name="a" as="map(*)"/>
    <xsl:param name="b" as="map(*)"/>
    <xsl:sequence select="$a?x0 lt $b?x1 and $b?x0 lt $a?x1 and $a?y0 lt $b?y1 and $b?y0 lt $a?y1"/>
  </xsl:function>

  <!-- A coordinate of the SVG: rounded to a thousandth of a degree (about 100 m). -->
  <xsl:function name="tp:svg-number" as="xs:string">
    <xsl:param name="value" as="xs:double"/>
    <xsl:sequence select="string(round($value * 1000) div 1000)"/>
  </xsl:function>
</xsl:stylesheet>
