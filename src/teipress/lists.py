"""The lists of the edition (pages, register kinds, datasets, interfaces, EPUB parts), read from the one
file that states them, ``xslt/common/lists.xml``; the stylesheets get the same file as the
parameter ``lists`` (:data:`LISTS_PARAMETER`), so Python and XSLT cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .document import safe_parser
from .resources import xslt_dir

# The file, relative to the stylesheet folder, and the stylesheet parameter that receives it.
LISTS_FILE = "common/lists.xml"
LISTS_PARAMETER = "lists"
_TP = "{https://teipress.org/ns}"


@dataclass(frozen=True)
class EpubFile:
    """A file of the EPUB's content folder: a part (one run of epub.xsl) or a resource copied as it is."""

    name: str            # the part's name (parameter epub-part), or the resource's file
    file: str            # its file in the book; for a part per text or register, unused
    each: str = ""       # "text" or "register": one file per text or register page
    source: str = ""     # a resource: its file in the stylesheet folder
    manifest: bool = False  # the package, whose manifest gets the images


def lists_path() -> Path:
    """Give the path of the lists file (teipress's own: an edition does not change its lists)."""
    return xslt_dir() / LISTS_FILE


@lru_cache(maxsize=1)
def lists_root() -> etree._Element:
    """Give the root element of the lists file, parsed once per process."""
    return etree.parse(str(lists_path()), safe_parser()).getroot()


def register_pages() -> dict[str, str]:
    """Give each register page's name with the kind of the entries it lists (its TEI element)."""
    return {page.get("name"): page.find(f"{_TP}kind").get("name")
            for page in lists_root().iterfind(f"{_TP}pages/{_TP}page[{_TP}kind]")}


def extra_pages() -> tuple[str, ...]:
    """Give the pages every edition has besides the home page and the register pages, in site order."""
    return tuple(page.get("name") for page in lists_root().iterfind(f"{_TP}pages/{_TP}page")
                 if page.get("group") in ("tool", "paratext") and page.get("optional") != "yes")


def optional_pages() -> tuple[str, ...]:
    """Give the pages an edition has only when its content calls for them (optional="yes": the
    network page of an edition with letters), in site order."""
    return tuple(page.get("name") for page in lists_root().iterfind(f"{_TP}pages/{_TP}page[@optional='yes']"))


def page_libraries() -> dict[str, str]:
    """Give each page that draws with a JavaScript library (library="…") with the library's name."""
    return {page.get("name"): page.get("library") for page in lists_root().iterfind(f"{_TP}pages/{_TP}page[@library]")}


def home_page() -> str:
    """Give the name of the edition's home page."""
    return lists_root().find(f"{_TP}pages/{_TP}page[@group='home']").get("name")


def datasets() -> dict[str, str]:
    """Give each file of the open data with the dataset written into it, in zip order."""
    return {dataset.get("file"): dataset.get("id") for dataset in lists_root().iterfind(f"{_TP}datasets/{_TP}dataset")}


def interfaces() -> dict[str, str]:
    """Give each interface for machines (the DTS API) with the file of its entry point."""
    return {entry.get("name"): entry.get("file") for entry in lists_root().iterfind(f"{_TP}interfaces/{_TP}interface")}


def epub_content_files() -> tuple[EpubFile, ...]:
    """Give the files of the EPUB's content folder in the order they are packed."""
    files = []
    for entry in lists_root().find(f"{_TP}epub"):
        if entry.tag == f"{_TP}resource":
            files.append(EpubFile(entry.get("file"), entry.get("file"), source=entry.get("source")))
        elif entry.tag == f"{_TP}part" and entry.get("packed") != "no":
            name = entry.get("name")
            files.append(EpubFile(name, entry.get("file") or f"{name}.xhtml", each=entry.get("each", ""),
                                  manifest=entry.get("manifest") == "yes"))
    return tuple(files)
