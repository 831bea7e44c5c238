<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's correspondence, whatever the output: which texts are letters
  (a correspDesc naming a sender or an addressee), who wrote them to whom, and
  who a correspondent is across letters: the register entry a name points to,
  else the authority record it names, else the name itself. The pairs of
  correspondents (sender → addressee, with their letters) are the edges of the
  network page (html/network.xsl); the authority URIs are what the CMIF file
  (cmif/cmif.xsl) gives correspSearch. Nothing here produces markup.
  Imported by the stylesheets that use it, after common/shared.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- The correspDesc that makes a text a letter: one whose sent or received action names someone. -->
  <xsl:function name="tp:letter-description" as="element(tei:correspDesc)?">
    <xsl:param name="tei" as="element()?"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc
                          [tei:correspAction[@type = ('sent', 'received')][exists(tp:correspondents(.))]][1]"/>
  </xsl:function>

  <!-- The letters of the edition (tp:text), in edition order (teipress orders letters by the date sent). -->
  <xsl:function name="tp:edition-letters" as="element(tp:text)*" cache="yes">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="$edition/tp:text[exists(tp:letter-description(tp:tei(.)))]"/>
  </xsl:function>

  <!-- The action of a letter of a type ('sent', 'received'): the first. -->
  <xsl:function name="tp:letter-action" as="element(tei:correspAction)?">
    <xsl:param name="letter" as="element(tp:text)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="tp:letter-description(tp:tei($letter))/tei:correspAction[@type = $type][1]"/>
  </xsl:function>

  <!-- The people and bodies of a correspAction, as written (persName, orgName, name, rs with words). -->
  <xsl:function name="tp:correspondents" as="element()*">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:sequence select="$action/(tei:persName | tei:orgName | tei:name | tei:rs)[normalize-space()]"/>
  </xsl:function>

  <!-- The places of a correspAction (placeName, settlement with words). -->
  <xsl:function name="tp:correspondence-places" as="element()*">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:sequence select="$action/(tei:placeName | tei:settlement)[normalize-space()]"/>
  </xsl:function>

  <!-- The date a letter was sent: the first date of its sent action with a value (empty when none). -->
  <xsl:function name="tp:letter-date" as="element(tei:date)?">
    <xsl:param name="letter" as="element(tp:text)"/>
    <xsl:sequence select="(tp:letter-action($letter, 'sent')/tei:date[exists(tp:date-start(.))])[1]"/>
  </xsl:function>

  <!-- The element a correspondent's or place's @ref names: a register entry, or a person or place described
       in the letter itself (its back or standOff); empty when it names none of the edition. -->
  <xsl:function name="tp:correspondence-target" as="element()?" cache="yes">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(tp:mention-entry($name),
      for $u in tokenize(normalize-space($name/@ref), ' ') return tp:resolve($name, $u)[not(self::tei:TEI)])[1]"/>
  </xsl:function>

  <!--
    The URI of an authority record as correspSearch reads it, from an id or a URL and the type of its
    idno: GND (http://d-nb.info/gnd/…), VIAF (http://viaf.org/viaf/…), Wikidata
    (http://www.wikidata.org/entity/Q…), GeoNames (http://www.geonames.org/…); empty for anything else.
  -->
  <xsl:function name="tp:authority-uri" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:variable name="t" select="lower-case(normalize-space($type))"/>
    <!-- The last segment of a URL path, or the id as given. -->
    <xsl:variable name="id" select="replace(replace($v, '[?#].*$', ''), '^.*/([^/]+)/?$', '$1')"/>
    <xsl:sequence select="
      if ($v eq '') then ()
      else if (matches($v, '^https?://(www\.)?d-nb\.info/gnd/') or ($t eq 'gnd' and matches($v, '^[0-9X\-]+$')))
        then 'http://d-nb.info/gnd/' || $id
      else if (matches($v, '^https?://(www\.)?viaf\.org/viaf/') or ($t eq 'viaf' and matches($v, '^[0-9]+$')))
        then 'http://viaf.org/viaf/' || $id
      else if (matches($v, '^https?://(www\.)?wikidata\.org/(wiki|entity)/Q[0-9]+') or ($t eq 'wikidata' and matches($v, '^Q[0-9]+$')))
        then 'http://www.wikidata.org/entity/' || $id
      else if (matches($v, '^https?://(www\.|sws\.)?geonames\.org/[0-9]+') or ($t eq 'geonames' and matches($v, '^[0-9]+$')))
        then 'http://www.geonames.org/' || replace($v, '^(https?://[^/]+/)?([0-9]+).*$', '$2')
      else ()"/>
  </xsl:function>

  <!--
    The authority URIs of a correspondent or place: those its own @ref gives, then those of the idno
    of the element it names; each once, the preferred authority first (GND, VIAF, Wikidata for
    people and bodies; GeoNames, Wikidata for places).
  -->
  <xsl:function name="tp:authority-uris" as="xs:string*" cache="yes">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="uris" select="distinct-values((
      tokenize(normalize-space($name/@ref), ' ') ! tp:authority-uri(., ''),
      tp:correspondence-target($name)/tei:idno ! tp:authority-uri(., string(@type))))"/>
    <xsl:variable name="order" select="('d-nb.info/gnd/', 'www.geonames.org/', 'viaf.org/viaf/', 'www.wikidata.org/')"/>
    <xsl:sequence select="for $prefix in $order return $uris[contains(., $prefix)]"/>
  </xsl:function>

  <!-- The name of a correspondent the edition shows: its register entry's, else the name as the letter gives it. -->
  <xsl:function name="tp:correspondent-name" as="xs:string" cache="yes">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="tp:mention-entry($name)"/>
    <xsl:sequence select="if (exists($entry)) then tp:entry-name($entry) else tp:name-string($name)"/>
  </xsl:function>

  <!--
    Who a correspondent is across letters: the register entry its @ref names ("registers.xml#pers-x"),
    else its first authority URI, else its name (so that "#pmb11740" in one letter's own list of
    persons and the same in another letter's are one correspondent when they share a GND id or a name).
  -->
  <xsl:function name="tp:correspondent-key" as="xs:string" cache="yes">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(tp:mention-entry($name) ! ('entry:' || tp:element-key(.)),
      tp:authority-uris($name)[1],
      'name:' || lower-case(tp:correspondent-name($name)))[1]"/>
  </xsl:function>

  <!--
    The pairs of correspondents of the edition's letters: one map per sender and addressee of a letter,
    {'from': key, 'to': key, 'sender': the sender's name element, 'addressee': the addressee's, 'letter': tp:text}.
    A letter whose sender or addressee is not named gives no pair.
  -->
  <xsl:function name="tp:correspondence-pairs" as="map(*)*" cache="yes">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:for-each select="tp:edition-letters($edition)">
      <xsl:variable name="letter" select="."/>
      <xsl:for-each select="tp:correspondents(tp:letter-action($letter, 'sent'))">
        <xsl:variable name="sender" select="."/>
        <xsl:for-each select="tp:correspondents(tp:letter-action($letter, 'received'))">
          <xsl:sequence select="map{'from': tp:correspondent-key($sender), 'to': tp:correspondent-key(.),
                                    'sender': $sender, 'addressee': ., 'letter': $letter}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!--
    The edges of the correspondents' network: one map per sender → addressee pair,
    {'from', 'to' (keys), 'sender', 'addressee' (the first name elements), 'letters': the letters, each once,
    in edition order}, the pairs with most letters first, then by the sender's and the addressee's names.
  -->
  <xsl:function name="tp:correspondence-edges" as="map(*)*" cache="yes">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:variable name="edges" as="map(*)*">
      <!-- Keys joined by a tab, which no key holds (names are normalised, URIs and file names hold none). -->
      <xsl:for-each-group select="tp:correspondence-pairs($edition)" group-by="?from || '&#9;' || ?to">
        <xsl:sequence select="map{'from': current-group()[1]?from, 'to': current-group()[1]?to,
          'sender': current-group()[1]?sender, 'addressee': current-group()[1]?addressee,
          'letters': (current-group() ! ?letter) | ()}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:perform-sort select="$edges">
      <xsl:sort select="count(?letters)" order="descending"/>
      <xsl:sort select="tp:correspondent-name(?sender)" collation="{$register-collation}"/>
      <xsl:sort select="tp:correspondent-name(?addressee)" collation="{$register-collation}"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- The letters by the register entries ("registers.xml#pers-x") and the type of action ("sent|…") of their correspondents. -->
  <xsl:key name="tp:letters-by-correspondent" match="tp:text"
           use="for $type in ('sent', 'received') return
                  tp:correspondents(tp:letter-description(tp:tei(.))/tei:correspAction[@type = $type][1])
                  ! tp:mention-entry(.) ! (tp:element-key(.) || '|' || $type)"/>

  <!-- The letters a register entry sent or received ($type 'sent' or 'received'), in edition order. -->
  <xsl:function name="tp:entry-letters" as="element(tp:text)*">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if (root($entry) instance of document-node())
      then key('tp:letters-by-correspondent', tp:element-key($entry) || '|' || $type, root($entry)) else ()"/>
  </xsl:function>
</xsl:stylesheet>
