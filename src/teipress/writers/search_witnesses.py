"""Search by witness: for a text with an apparatus of witnesses, one search record per
witness holding the text as that witness reads it.

Pagefind's filters belong to a whole record: a page carrying the filter "witness B"
would be found under B for a word only witness A has. So each witness gets a record of
its own, made from the text's published page: its reading text with, at every variant,
the branch that witness reads (the page already holds every branch, in spans of class
``alt in-VIEW``, xslt/html/textcrit.xsl) and no apparatus. The record links the page in
that witness's view (``?view=B``); the branch of a variant carries the id of the
variant's call, so a result for a variant lands on its place in the text.

These records go into indexes of their own (``witness-*`` parts), searched only when
the reader filters by witness: a search without that filter finds each text once.
"""

from __future__ import annotations

import copy

import lxml.html
from lxml import etree

from .search_pages import witness_views

# The filter the records carry; the search page shows it under its own (localised) label.
WITNESS_FILTER = "witness"


def witness_pages(path: str, data: bytes) -> list[tuple[str, bytes]]:
    """Give one page per witness of the text page ``path`` (whose bytes are ``data``):
    (a file name for it beside the page, its HTML)."""
    # Plain lxml elements, not lxml.html's (whose class look-up costs a third of the work here).
    root = etree.fromstring(data, _PARSER) if data.strip() else None
    if root is None:
        return []
    articles = root.xpath("//article[@data-pagefind-body][@data-views]")
    readings = root.xpath("//*[@id='reading-text']")
    if not articles or not readings:
        return []
    title = " ".join(" ".join(root.xpath("//h1[1]//text()")).split())
    filters = etree.Element("div")
    filters.extend(copy.deepcopy(element) for element in articles[0].xpath(".//*[@data-pagefind-filter]"))
    stem = path.removesuffix(".html")
    return [(f"{stem}.witness-{view}.html", _page(root.get("lang") or "", title, label, view, path, readings[0], filters))
            for view, label in witness_views(articles[0])]


_PARSER = etree.HTMLParser()


def _page(lang: str, title: str, label: str, view: str, path: str, reading, filters) -> bytes:
    """Give the record of witness ``view`` (labelled ``label``) of the page ``path``: ``filters``
    holds copies of the page's filter elements."""
    html = etree.Element("html", lang=lang)
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = title
    article = etree.SubElement(etree.SubElement(html, "body"), "article")
    article.set("data-pagefind-body", "")
    hidden = etree.SubElement(article, "div", hidden="")
    hidden.set("data-pagefind-ignore", "")  # its words are not indexed; its filters and meta are
    _meta(hidden, "title", f"{title} ({label})")
    _meta(hidden, "url", f"{path}?view={view}")
    hidden.extend(list(copy.deepcopy(filters)))
    witness = etree.SubElement(hidden, "span")
    witness.set("data-pagefind-filter", WITNESS_FILTER)
    witness.text = view
    article.append(as_witness_reads(reading, view))
    return lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="utf-8")


def as_witness_reads(reading, view: str):
    """Give a copy of the reading text ``reading`` as witness ``view`` reads it: at each variant
    the branch it reads (indexed, with the id of the variant's call), no other branch, no calls."""
    text = copy.deepcopy(reading)
    wanted = f"in-{view}"
    for alt in text.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' alt ')]"):
        if alt.getparent() is None:
            continue  # inside a branch already removed
        if wanted not in alt.get("class", "").split():
            _drop(alt)
            continue
        alt.attrib.pop("data-pagefind-ignore", None)
        variant = alt.getparent()
        if variant is not None and variant.get("data-app"):
            alt.set("id", variant.get("data-app") + "-call")
    for call in text.xpath(".//a[contains(concat(' ', normalize-space(@class), ' '), ' app-call ')]"):
        _drop(call)
    return text


def _meta(parent, name: str, value: str) -> None:
    element = etree.SubElement(parent, "span")
    element.set("data-pagefind-meta", name)
    element.text = value


def _drop(element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
