"""The pages of a published site the search indexes, each with what the index needs to
know of it: its content hash, whether it is a text's page, the language of its text and
the witnesses its text has a view of.

Reading a page costs a parse; the facts of every page are kept in a small cache file,
keyed by the page's size and modification time (and its hash, so that a page rewritten
with the same bytes is not parsed again): a rebuild after one text changed parses that
text's page only.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from . import atomic_write

# Folders of the site that hold no page to index: the search index itself and the assets.
SKIPPED = {"pagefind", "assets"}
# The views every text page has; the others are its witnesses' (xslt/common/views.xsl tp:views).
EDITION_VIEWS = {"reading", "diplomatic"}
# Bump when what is read from a page changes: the cached facts are then read again.
FORMAT = 1


@dataclass(frozen=True)
class Page:
    """One indexable page: ``path`` relative to the site (``/``-separated)."""

    path: str
    digest: str
    text: bool  # a text's page (an article of class edition-text), else another page of the edition
    language: str  # the language its words are stemmed in: the text's, else the page's
    body: bool  # carries data-pagefind-body (Pagefind indexes only those when any page does)
    witnesses: tuple[tuple[str, str], ...] = ()  # (view token, label) of the text's witnesses


def read_pages(site: Path, cache_file: Path) -> list[Page]:
    """Give the HTML pages of ``site`` (outside its search and assets folders), in path order,
    using and updating the facts cached in ``cache_file``."""
    old = _read(cache_file)
    cached = _load(old)
    by_digest = {entry["page"]["digest"]: entry["page"] for entry in cached.values()}
    pages, kept = [], {}
    for path in _html_files(site):
        stat = path.stat()
        relative = path.relative_to(site).as_posix()
        entry = cached.get(relative)
        if entry and entry["stat"] == [stat.st_size, stat.st_mtime_ns]:
            page = _page(entry["page"], relative)
        else:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            known = by_digest.get(digest)
            page = _page(known, relative) if known else describe(relative, data, digest)
        pages.append(page)
        kept[relative] = {"stat": [stat.st_size, stat.st_mtime_ns], "page": asdict(page)}
    new = json.dumps({"format": FORMAT, "pages": kept}, separators=(",", ":"))
    if new != old:
        atomic_write(cache_file, new)
    return pages


def describe(path: str, data: bytes, digest: str) -> Page:
    """Give the facts of the page at ``path`` whose bytes are ``data``: read from its start when
    they are all there (:func:`_facts_from_start`), else from the whole page parsed."""
    facts = _facts_from_start(data)
    if facts is not None:
        return Page(path, digest, *facts)
    root = lxml.html.document_fromstring(data) if data.strip() else lxml.html.Element("html")
    page_language = _language(root.get("lang"))
    article = root.xpath("//article[contains(concat(' ', normalize-space(@class), ' '), ' edition-text ')]")
    body = bool(root.xpath("//*[@data-pagefind-body]"))
    if not article:
        return Page(path, digest, False, page_language, body)
    reading = article[0].xpath(".//*[@id='reading-text'][@lang]")
    language = _language(reading[0].get("lang")) if reading else page_language
    return Page(path, digest, True, language, body, witness_views(article[0]))


# How much of a page is parsed at a time when its facts are read from its start.
_CHUNK = 16384


def _facts_from_start(data: bytes) -> tuple | None:
    """Give (text, language, body, witnesses) of a page as :func:`describe` reads them from the
    whole page, reading only its start: a text's page up to its reading text (its language; the
    view buttons come before), another page up to the first element indexed (data-pagefind-body).
    None when the rest of the page could change them (it names a view, a text's article or an
    indexed element further on): the page is then parsed whole. A page whose bytes do not say
    "data-pagefind-body" has no element indexed: it is read to its root element only. A text's
    page is a tenth of the way in at its reading text: most of the search's parsing is saved."""
    text_page, indexed = b"edition-text" in data, b"data-pagefind-body" in data
    parser = etree.HTMLPullParser(events=("start", "end"))
    page_language, article, body, labels = None, None, False, {}
    reached, reading = False, None  # the reading text reached; the language of the first one with @lang
    for offset in range(0, len(data), _CHUNK):
        parser.feed(data[offset:offset + _CHUNK])
        for event, element in parser.read_events():
            if event == "end":
                if article is not None and element.tag == "button" and element.get("data-view") is not None:
                    labels[element.get("data-view")] = " ".join("".join(element.itertext()).split())
                continue
            if page_language is None and element.tag == "html":
                page_language = element.get("lang") or ""
            body = body or element.get("data-pagefind-body") is not None
            if article is None and element.tag == "article" and "edition-text" in (element.get("class") or "").split():
                article = element
            if (article is not None and element.get("id") == "reading-text"
                    and any(a is article for a in element.iterancestors())):
                reached = True
                reading = reading if reading is not None else element.get("lang")
        rest = offset + _CHUNK  # where the bytes not parsed yet start (searched in place, not copied)
        if reached and body and data.find(b"data-view", rest) < 0 and (
                reading is not None or data.find(b"reading-text", rest) < 0):
            views = [v for v in (article.get("data-views") or "").split() if v not in EDITION_VIEWS]
            language = reading if reading is not None else page_language
            return True, _language(language), True, tuple((view, labels.get(view) or view) for view in views)
        if not text_page and (body or not indexed) and page_language is not None:
            return False, _language(page_language), body, ()
    return None


def witness_views(article) -> tuple[tuple[str, str], ...]:
    """Give the (view token, label) of each witness view the text's page offers."""
    views = [v for v in (article.get("data-views") or "").split() if v not in EDITION_VIEWS]
    labels = {b.get("data-view"): " ".join("".join(b.itertext()).split())
              for b in article.xpath(".//button[@data-view]")}
    return tuple((view, labels.get(view) or view) for view in views)


def _language(value: str | None) -> str:
    """Give a language tag as a safe, lower-case token ("unknown" when there is none)."""
    token = "".join(c for c in (value or "").strip().lower() if c.isascii() and (c.isalnum() or c == "-"))
    return token or "unknown"


def _page(fields: dict, path: str) -> Page:
    return Page(**{**fields, "path": path, "witnesses": tuple(tuple(w) for w in fields.get("witnesses", ()))})


def _html_files(site: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(site):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink() and not (here == site and d in SKIPPED)
                         and not d.startswith("."))
        found += [here / f for f in sorted(files) if f.endswith(".html") and not f.startswith(".")
                  and not (here / f).is_symlink()]
    return found


def _read(cache_file: Path) -> str:
    try:
        return cache_file.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return ""


def _load(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
        return {}
    return data["pages"]
