<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pointers: which element a @ref or @target points to, inside the edition
  document (tp:edition, built by the Python side), and the href of
  that element in the published site. A pointer "file.xml#id" is resolved
  against the @src of a tp:text or tp:registers; a bare "#id" means the same file.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- Elements by xml:id; always called with a tp:text or tp:registers (or TEI) as the scope. -->
  <xsl:key name="tp:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!--
    The href of a file of the site from its path relative to the site's root
    ("tei/letter one.xml" → "tei/letter%20one.xml"): output files are named
    after the TEI files, whose names may hold spaces, "#", "%" or non-ASCII
    letters; every path segment is percent-encoded, the "/" between them kept.
  -->
  <xsl:function name="tp:file-href" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($path, '/') ! encode-for-uri(.), '/')"/>
  </xsl:function>

  <!--
    A name made fit for an id attribute (HTML and XHTML: no whitespace) and an
    XML name (the EPUB package's ids): a text's id is its file name when it has
    no xml:id, and may hold spaces or start with a digit. A name that is an
    NCName is kept; in another every character that is not a letter, a digit,
    "-" or "." becomes "_" and its code point and "_" ("letter one" → "letter_32_one"),
    and "_" leads when the name does not start with a letter.
  -->
  <xsl:function name="tp:safe-id" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="escaped" select="string-join(string-to-codepoints($name) ! codepoints-to-string(.)
      ! (if (matches(., '^[\p{L}\p{Nd}.\-]$')) then . else '_' || string-to-codepoints(.) || '_'))"/>
    <xsl:sequence select="if ($name castable as xs:NCName) then $name
      else if (matches($escaped, '^\p{L}')) then $escaped else '_' || $escaped"/>
  </xsl:function>

  <!-- The parts of the edition by the file name they were read from. -->
  <xsl:key name="tp:part-by-src" match="tp:text | tp:registers" use="tp:file-name(@src)"/>

  <!-- The texts of the edition by their id. -->
  <xsl:key name="tp:text-by-id" match="tp:text" use="string(@id)"/>

  <!-- The last step of a path, without query or fragment: "../tei/a.xml#x" gives "a.xml". -->
  <xsl:function name="tp:file-name" as="xs:string" cache="yes">
    <xsl:param name="path" as="xs:string?"/>
    <xsl:sequence select="string(tokenize(replace(string($path), '[?#].*$', ''), '[/\\]')[last()])"/>
  </xsl:function>

  <!-- The part of the edition (tp:text or tp:registers) holding $node, if any. -->
  <xsl:function name="tp:part" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[self::tp:text or self::tp:registers][1]"/>
  </xsl:function>

  <!-- True for a URI with a scheme (http:, mailto:, urn: …): it points outside the edition. -->
  <xsl:function name="tp:is-external" as="xs:boolean" cache="yes">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="matches($uri, '^[a-zA-Z][a-zA-Z0-9+.\-]*:')"/>
  </xsl:function>

  <!-- URI schemes a link or an image of the edition may use; any other (javascript:, data:, vbscript: …) is dropped. -->
  <xsl:variable name="tp:safe-schemes" as="xs:string+" select="('http', 'https', 'mailto', 'ftp', 'urn', 'doi', 'tel')"/>

  <!--
    $uri when it is safe to put in an href or src: relative, or with a scheme
    of tp:safe-schemes; else nothing. Browsers ignore tabs and newlines in a
    scheme ("java&#9;script:"), so those are removed before the scheme is read.
  -->
  <xsl:function name="tp:safe-uri" as="xs:string?">
    <xsl:param name="uri" as="xs:string?"/>
    <xsl:variable name="u" select="replace(normalize-space($uri), '[\p{Cc}\s]', '')"/>
    <xsl:variable name="scheme" select="lower-case(replace($u, '^([a-zA-Z][a-zA-Z0-9+.\-]*):.*$', '$1', 's'))"/>
    <xsl:sequence select="
      if (empty($uri) or normalize-space($uri) eq '') then ()
      else if (not(matches($u, '^[a-zA-Z][a-zA-Z0-9+.\-]*:'))) then normalize-space($uri)
      else if ($scheme = $tp:safe-schemes) then normalize-space($uri)
      else ()"/>
  </xsl:function>

  <!-- The part of the edition a pointer in $context names: its file, or the same file for "#id". -->
  <xsl:function name="tp:pointer-part" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="file" select="if (contains($uri, '#')) then substring-before($uri, '#') else $uri"/>
    <xsl:sequence select="
      if ($file eq '') then (tp:part($context), $context/ancestor-or-self::tei:TEI[last()])[1]
      else if (root($context) instance of document-node())
        then key('tp:part-by-src', tp:file-name($file), root($context))[1]
      else ()"/>
  </xsl:function>

  <!--
    The element the pointer $uri (one URI, as in @ref or @target) in $context
    points to: the element with that xml:id, or the TEI root for a pointer
    without fragment; empty when external or not found.
  -->
  <xsl:function name="tp:resolve" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="u" select="normalize-space($uri)"/>
    <xsl:variable name="part" select="if ($u eq '' or tp:is-external($u)) then () else tp:pointer-part($context, $u)"/>
    <xsl:variable name="frag" select="substring-after($u, '#')"/>
    <xsl:sequence select="
      if (empty($part)) then ()
      else if ($frag eq '') then ($part/descendant-or-self::tei:TEI)[1]
      else if (root($part) instance of document-node()) then key('tp:id', $frag, $part)[1]
      else ($part//*[@xml:id = $frag])[1]"/>
  </xsl:function>

  <!-- The normalised form "file.xml#id" of a pointer, for matching mentions to entries. -->
  <xsl:function name="tp:pointer-key" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="u" select="normalize-space($uri)"/>
    <xsl:variable name="file" select="if (contains($u, '#')) then substring-before($u, '#') else $u"/>
    <xsl:variable name="frag" select="substring-after($u, '#')"/>
    <xsl:sequence select="
      if ($frag eq '' or tp:is-external($u)) then ()
      else (if ($file eq '') then tp:file-name(tp:part($context)/@src) else tp:file-name($file)) || '#' || $frag"/>
  </xsl:function>

  <!-- The normalised pointers of every URI in $el/@ref. -->
  <xsl:function name="tp:ref-keys" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="for $u in tokenize(normalize-space($el/@ref), ' ') return tp:pointer-key($el, $u)"/>
  </xsl:function>

  <!-- The normalised pointer that names $el: "file.xml#id". -->
  <xsl:function name="tp:element-key" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="tp:file-name(tp:part($el)/@src) || '#' || $el/@xml:id"/>
  </xsl:function>

  <!-- The HTML id an element of a text gets on its page ('' when it gets none). -->
  <xsl:function name="tp:html-id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if (tp:is-numbered-block($el)) then tp:block-id($el)
      else if ($el/self::tei:note and tp:is-counted-note($el)) then tp:note-id($el)
      else if (tp:is-apparatus-item($el)) then tp:apparatus-id($el)
      else if (tp:is-mention($el)) then tp:mention-id($el)
      else string($el/@xml:id)"/>
  </xsl:function>

  <!--
    The href of $target as seen from the page that shows $context: a register
    entry's own page (tp:entity-href), an element of a text on that text's page
    ("#id" when it is the same page), a whole text as its page; nothing for
    what no page shows (the teiHeader, lists of the registers that are not entries).
  -->
  <xsl:function name="tp:href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="target" as="element()"/>
    <xsl:variable name="part" select="tp:part($target)"/>
    <xsl:variable name="kind" select="tp:entry-kind($target)"/>
    <xsl:variable name="id" select="tp:html-id($target)"/>
    <xsl:sequence select="
      if (exists($kind) and $target/@xml:id) then tp:entity-href($target)
      else if (empty($part/self::tp:text) or exists($target/ancestor::tei:teiHeader)) then ()
      else if ($target/(self::tei:TEI | self::tei:text[parent::tei:TEI]) or $id eq '') then tp:file-href($part/@html)
      else if ($part is tp:part($context)) then '#' || $id
      else tp:file-href($part/@html) || '#' || $id"/>
  </xsl:function>

  <!--
    The href for the pointer $uri in $context: an external URI as written, a
    pointer into the edition resolved to its page; nothing for a pointer that
    resolves to nothing shown (a dead link is worse than none).
  -->
  <xsl:function name="tp:pointer-href" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="uri" as="xs:string"/>
    <xsl:variable name="u" select="normalize-space($uri)"/>
    <xsl:sequence select="
      if ($u eq '') then ()
      else if (tp:is-external($u)) then tp:safe-uri($u)
      else tp:resolve($context, $u) ! tp:href($context, .)"/>
  </xsl:function>
</xsl:stylesheet>
