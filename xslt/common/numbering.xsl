<?xml version="1.0" encoding="UTF-8"?>
<!--
  Numbering and loci, shared by text pages, register pages and print:
  - body paragraphs (p, ab in body, not inside notes, figures or other
    paragraphs) are numbered 1, 2 … per text and labelled "§ n"; their HTML id
    is their @xml:id or "p-n";
  - notes, apparatus items (app, choice, supplied) and name mentions are
    counted per text in document order;
  - the locus of any node is the label and HTML id a reader is sent to:
    "§ 3", "§ 3, note 2", or "heading", "caption", "front matter" … outside
    numbered paragraphs.
  Counts come from accumulators (one pass per document), so every function here
  is cheap to call per node.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:accumulator name="tp:block-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:p | tei:ab" select="if (tp:is-numbered-block(.)) then $value + 1 else $value"/>
  </xsl:accumulator>

  <xsl:accumulator name="tp:note-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:note" select="if (tp:is-counted-note(.)) then $value + 1 else $value"/>
  </xsl:accumulator>

  <xsl:accumulator name="tp:apparatus-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:app | tei:choice | tei:supplied"
      select="if (tp:is-apparatus-item(.)) then $value + 1 else $value"/>
  </xsl:accumulator>

  <xsl:accumulator name="tp:mention-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="*[@ref]" select="if (tp:is-mention(.)) then $value + 1 else $value"/>
  </xsl:accumulator>

  <!-- Paragraphs -->

  <!-- True when $el is a numbered paragraph: p or ab of the body of a text (not of the edition's introduction), outside notes, figures, other paragraphs and navigation. -->
  <xsl:function name="tp:is-numbered-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:p or self::tei:ab]) and exists($el/ancestor::tei:body) and empty($el/ancestor::tp:introduction)
      and empty($el/ancestor::*[self::tei:note or self::tei:figure or self::tei:p or self::tei:ab
                                or self::tei:teiHeader or self::tei:div[@type = 'navigation']])"/>
  </xsl:function>

  <!-- The numbered paragraph holding $node (or $node itself), if any. -->
  <xsl:function name="tp:numbered-block" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[self::tei:p or self::tei:ab][tp:is-numbered-block(.)][1]"/>
  </xsl:function>

  <!-- The number of a numbered paragraph in its text: 1, 2 … -->
  <xsl:function name="tp:block-number" as="xs:integer">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="$block/accumulator-before('tp:block-count')"/>
  </xsl:function>

  <!-- The HTML id of a numbered paragraph: its @xml:id, else "p-n". -->
  <xsl:function name="tp:block-id" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="string(($block/@xml:id, 'p-' || tp:block-number($block))[1])"/>
  </xsl:function>

  <!-- The label of a numbered paragraph: "§ n". -->
  <xsl:function name="tp:block-label" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="tp:l10n('paragraph-label', tp:block-number($block))"/>
  </xsl:function>

  <!-- Notes -->

  <!-- True when $note is a note of the text shown to readers (not in the header, not in a hidden reading). -->
  <xsl:function name="tp:is-counted-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/self::tei:note) and exists($note/ancestor::tei:text)
      and tp:on-reading-path($note)"/>
  </xsl:function>

  <!-- The number of a counted note in its text: 1, 2 … -->
  <xsl:function name="tp:note-number" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note/accumulator-before('tp:note-count')"/>
  </xsl:function>

  <!-- The HTML id of a note body: its @xml:id, else "note-n"; its call has the id + "-call". -->
  <xsl:function name="tp:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@xml:id, 'note-' || tp:note-number($note))[1])"/>
  </xsl:function>

  <!-- Apparatus items -->

  <!-- True when $el gets an apparatus entry: an app, choice or supplied of the text, on the reading path. -->
  <xsl:function name="tp:is-apparatus-item" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <!-- Under Leiden or diplomatic conventions supplied text has its brackets or is not shown: no entry. -->
    <xsl:sequence select="exists($el[self::tei:app or self::tei:choice or self::tei:supplied[tp:conventions(.) eq 'default']])
      and exists($el/ancestor::tei:text) and tp:on-reading-path($el)"/>
  </xsl:function>

  <!-- The number of an apparatus item in its text: 1, 2 … -->
  <xsl:function name="tp:apparatus-number" as="xs:integer">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="$item/accumulator-before('tp:apparatus-count')"/>
  </xsl:function>

  <!-- The letter that calls an apparatus entry: a … z, aa, ab … -->
  <xsl:function name="tp:apparatus-letter" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="tp:letters(tp:apparatus-number($item))"/>
  </xsl:function>

  <!-- A positive integer as letters: 1 → a, 26 → z, 27 → aa. -->
  <xsl:function name="tp:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 0) then '' else
      tp:letters(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- The HTML id of an apparatus entry: the item's @xml:id, else "app-n"; its call has the id + "-call". -->
  <xsl:function name="tp:apparatus-id" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="string(($item/@xml:id, 'app-' || tp:apparatus-number($item))[1])"/>
  </xsl:function>

  <!-- Mentions -->

  <!-- The HTML id of a mention: its @xml:id, else "mention-n" (used where no paragraph holds it). -->
  <xsl:function name="tp:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="string(($mention/@xml:id, 'mention-' || $mention/accumulator-before('tp:mention-count'))[1])"/>
  </xsl:function>

  <!-- Loci -->

  <!-- The label of the place of $node: "§ 3", "§ 3, note 1", "heading", "caption", "front matter", "l. 12" … -->
  <xsl:function name="tp:locus-label" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="el" select="$node/ancestor-or-self::*[1]"/>
    <xsl:variable name="note" select="$el/ancestor-or-self::tei:note[tp:is-counted-note(.)][1]"/>
    <xsl:variable name="block" select="tp:numbered-block($el)"/>
    <xsl:variable name="before" select="$el/accumulator-before('tp:block-count')"/>
    <xsl:sequence select="
      if (exists($note)) then tp:l10n('locus-note', (tp:locus-label($note/..), tp:note-number($note)))
      else if (exists($block)) then tp:block-label($block)
      else if ($el/ancestor-or-self::tei:teiHeader) then tp:l10n('locus-header')
      else if ($el/ancestor-or-self::tei:front) then tp:l10n('locus-front')
      else if ($el/ancestor-or-self::tei:back) then tp:l10n('locus-back')
      else if ($el/ancestor-or-self::tei:figure) then tp:l10n('locus-caption')
      else if ($el/ancestor-or-self::tei:head) then tp:l10n('locus-heading')
      else if ($el/ancestor-or-self::tei:l[normalize-space(@n)]) then tp:l10n('locus-line', normalize-space($el/ancestor-or-self::tei:l[normalize-space(@n)][1]/@n))
      else if ($before gt 0) then tp:l10n('locus-after', $before)
      else tp:l10n('locus-text')"/>
  </xsl:function>

  <!-- The HTML id (on the text page) a reader is sent to for $node: its note, its paragraph, itself (a mention), the nearest element of the text with an xml:id, or ''. -->
  <xsl:function name="tp:locus-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="el" select="$node/ancestor-or-self::*[1]"/>
    <xsl:variable name="note" select="$el/ancestor-or-self::tei:note[tp:is-counted-note(.)][1]"/>
    <xsl:variable name="block" select="tp:numbered-block($el)"/>
    <xsl:sequence select="
      if (exists($note)) then tp:note-id($note)
      else if (exists($block)) then tp:block-id($block)
      else if (tp:is-mention($el)) then tp:mention-id($el)
      else string($el/ancestor-or-self::*[@xml:id][ancestor::tei:text][1]/@xml:id)"/>
  </xsl:function>
</xsl:stylesheet>
