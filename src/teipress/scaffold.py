"""A new edition folder that validates and builds as it is: settings, one example text,
its register, a README for the editor and a commented example of an override module."""

from __future__ import annotations

import json
from pathlib import Path

from .config import SETTINGS_FILE
from .errors import UsageError

# The example text's id: its pages are example-letter.html and example-letter.pdf.
EXAMPLE_ID = "example-letter"


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (the same escapes, \uXXXX included).
    return json.dumps(value, ensure_ascii=False)


def _settings(title: str) -> str:
    return f"""\
# Settings of this edition, read by every teipress command run here (or with --edition).
# Paths are relative to this folder. Keys left commented out keep the default shown.

[edition]
title = {_toml_string(title)}
# The editors of the edition and its licence (a name or a URL).
# editors = ["A. Editor", "B. Editor"]
# licence = "https://creativecommons.org/licenses/by/4.0/"
# The language of the interface (menus, headings, labels, dates, search): en, es, de, fr or it.
# language = "en"
# The date printed on every page; fixed, it makes every build of this version byte-identical.
# build-date = "2026-01-01"
# The published address of the HTML edition, for citations and the DTS API; the sitemap and the files for
# harvesters (OAI-PMH, BEACON) need it and are not written without it.
# url = "https://example.org/edition/"
# The home page's introduction (paragraphs separated by blank lines), unless a text has the id "introduction".
introduction = \"\"\"
An edition made with teipress. Replace this introduction, the example text in tei/ and its register with your own.
\"\"\"

[build]
# The TEI files and folders of the edition; folders are searched for *.xml.
# texts = ["tei"]
# What to build: output names, comma-separated ("html,pdf"): html, tei, iiif, data, search, dts, harvest, cmif, pdf, epub, or "all".
# formats = "all"
# Where the edition is written.
# out = "output"
# Worker processes of a build (default, and at most: one per core).
# jobs = 2
# A folder of override modules imported over teipress's stylesheets: overrides/print/ changes the PDFs,
# overrides/html/ the web pages and the EPUB, overrides/common/ every output ("": teipress's own only).
# stylesheets = "overrides"
# A RELAX NG grammar and Schematron rules used instead of teipress's own by `teipress validate`.
# schema = "schema/edition.rng"
# rules = "schema/edition.sch"

[pdf]
# Line numbers counted per "text" or per "page", a margin number every n-th line;
# commentary notes as "footnotes" or "endnotes".
# line-numbers = "text"
# line-number-every = 5
# notes = "footnotes"

[render]
# The signs of the editors' interventions: "default" (teipress's own), "leiden" (the Leiden conventions
# of epigraphy: [lost], ⟨omitted⟩, a(bbreviation), [- - -], dots below unclear letters) or "diplomatic"
# (the source's side: the page opens in its diplomatic view, print and EPUB show it). Without it,
# EpiDoc texts follow Leiden and the others the default.
# conventions = "default"
"""


_TEXT = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{EXAMPLE_ID}" n="1" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">A letter about the proofs</title>
        <author><persName ref="registers.xml#pers-vidal">Clara Vidal</persName></author>
        <respStmt xml:id="ed">
          <resp>Transcription, encoding and notes</resp>
          <persName>The editors</persName>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>The editors of this edition</publisher>
        <availability>
          <licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl>An invented letter, the example text of a new teipress edition.</bibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <editorialDecl>
        <p>Slips of the source are corrected and recorded in the apparatus.</p>
      </editorialDecl>
    </encodingDesc>
  </teiHeader>
  <text>
    <body>
      <head>A letter about the proofs</head>
      <p xml:id="p-1">On <date when="1901-05-12">12 May 1901</date> <persName ref="registers.xml#pers-vidal">Clara Vidal</persName> wrote from <placeName ref="registers.xml#pl-lisbon">Lisbon</placeName> that the proofs had arrived <choice><sic>safley</sic><corr resp="#ed">safely</corr></choice> and that the printer would wait for her corrections.<note type="editorial" resp="#ed">This is the example text of a new edition: replace it with your own.</note></p>
      <closer>
        <dateline><placeName ref="registers.xml#pl-lisbon">Lisbon</placeName>, <date when="1901-05-12">12 May 1901</date></dateline>
        <signed>Clara Vidal</signed>
      </closer>
    </body>
  </text>
</TEI>
"""

_REGISTERS = """\
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Registers of the edition</title>
      </titleStmt>
      <publicationStmt>
        <p>Part of this edition.</p>
      </publicationStmt>
      <sourceDesc>
        <p>Compiled from the texts of the edition.</p>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listPerson>
      <person xml:id="pers-vidal">
        <persName type="main"><surname>Vidal</surname>, <forename>Clara</forename></persName>
        <birth when="1868"/>
        <death when="1932"/>
        <note>Invented author of the example letter.</note>
      </person>
    </listPerson>
    <listPlace>
      <place xml:id="pl-lisbon">
        <placeName type="main">Lisbon</placeName>
        <placeName type="variant">Lisboa</placeName>
        <location>
          <geo>38.7167 -9.1333</geo>
        </location>
        <note>Capital of Portugal.</note>
      </place>
    </listPlace>
  </standOff>
</TEI>
"""


# An override module that changes nothing until its template is uncommented: how a correction looks in the PDF.
_OVERRIDE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!--
  An override of teipress's print stylesheet, used when teipress.toml has
  [build] stylesheets = "overrides". Every *.xsl of overrides/print/ is imported
  over print/print.xsl, so a module holds only the templates it changes, and
  xsl:next-match runs teipress's own rule. Modules in overrides/html/ change the
  web pages and the EPUB, in overrides/epub/ the EPUB, in overrides/common/
  every output. Remove the comment marks around the template below to print
  every correction (corr) in brackets.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!--
  <xsl:template match="tei:corr" mode="tp:branch">
    <xsl:text>[</xsl:text>
    <xsl:next-match/>
    <xsl:text>]</xsl:text>
  </xsl:template>
  -->
</xsl:stylesheet>
"""


def _readme(title: str) -> str:
    return f"""\
# {title}

A digital edition built with teipress from the TEI files in `tei/`.

| file | what it holds |
| --- | --- |
| `teipress.toml` | the edition's settings: title, editors, licence, what to build and where |
| `tei/{EXAMPLE_ID}.xml` | an example text: replace it with your own (one TEI file per text) |
| `tei/registers.xml` | the register of persons and places the texts point to (`ref="registers.xml#pers-vidal"`) |
| `overrides/` | your changes to teipress's stylesheets, used once `stylesheets = "overrides"` is set in `teipress.toml` |
| `output/` | the built edition (made by `teipress build`; not to be edited) |

Run these commands in this folder:

```sh
teipress validate          # check the texts against the schema and the editorial rules
teipress build             # build the edition into output/ (HTML, PDF and EPUB)
teipress build --format html   # only the HTML pages: faster while you work
teipress watch             # rebuild whenever you save a file (Ctrl-C stops)
teipress serve             # the same, and serve output/ at http://127.0.0.1:8000/
```

Open `output/index.html` in a browser, or the address `teipress serve` prints
(search works only through a server). `teipress validate` and `teipress build`
report every problem as `file:line:col: error: …`; `teipress build --verbose`
shows each text as it is built.
"""


# The examples `teipress new --example` makes: the letter always; "facsimile" adds a text with its
# page images beside it (teipress.facsimile_example), which the web page shows in its viewer.
EXAMPLES = ("letter", "facsimile")


def create_edition(folder: str | Path, title: str = "A teipress edition", example: str = "letter") -> list[Path]:
    """Give the files written to make a new edition in ``folder``: its settings, one
    example text with its register, a README and an example override module; with
    ``example="facsimile"`` also a text with its facsimile (page images drawn here).

    ``folder`` may exist if it is empty; a folder with anything in it is refused
    (UsageError), so that nothing of an editor's is overwritten."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    if example not in EXAMPLES:
        raise UsageError(f"unknown example '{example}': use one of {', '.join(EXAMPLES)}")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder}: the folder is not empty; give a new or an empty folder")
    files = {
        SETTINGS_FILE: _settings(title),
        f"tei/{EXAMPLE_ID}.xml": _TEXT,
        "tei/registers.xml": _REGISTERS,
        "README.md": _readme(title),
        "overrides/print/corrections.xsl": _OVERRIDE,
        # The built edition and the build cache beside it are made again by every build.
        ".gitignore": "output/\n.teipress-cache/\n",
    }
    written = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    if example == "facsimile":
        from .facsimile_example import write_example

        written += write_example(folder / "tei")
    return written
