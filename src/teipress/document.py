"""Safe parsing of TEI files: a Document is a parsed tree together with its path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import Diagnostic, InputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}

# libxml2's bounds without huge_tree (documented in xmlParserMaxDepth and XML_MAX_TEXT_LENGTH).
_DEPTH_LIMIT = 256
_TEXT_LIMIT = 10_000_000

_LOCATION_SUFFIX = re.compile(r", line \d+, column \d+$")


def safe_parser() -> etree.XMLParser:
    """Give a parser that never touches the network, loads no DTD and expands
    no external entity; internal entities are expanded under libxml2's
    amplification limit, so an entity bomb is refused rather than expanded."""
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )


@dataclass
class Document:
    """A parsed XML file: its path, its tree and the source bytes (for columns)."""

    path: Path
    tree: etree._ElementTree
    source: bytes = field(repr=False)
    # The id a build gives the text when its own is taken by another text of the edition.
    assigned_id: str = field(default="", repr=False)
    # Where a build publishes the file's copy, relative to the TEI folders of the output:
    # its path below the folder it was found in (two texts may share a file name).
    assigned_copy: str = field(default="", repr=False)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def name(self) -> str:
        """The file name that pointers from sibling files use (``registers.xml``)."""
        return self.path.name

    @property
    def copy_name(self) -> str:
        """The path of the file's copy in the output's TEI folders (``letters/1920.xml``)."""
        return self.assigned_copy or self.name

    @property
    def is_tei(self) -> bool:
        return self.root.tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")

    @property
    def is_text(self) -> bool:
        """True for a text of the edition: a TEI document with a ``text`` element."""
        return self.is_tei and self.root.find(f"{{{TEI_NS}}}text") is not None

    @property
    def id(self) -> str:
        """The text's id: the one a build assigned, else ``TEI/@xml:id``, else the file name without extension."""
        return self.assigned_id or self.root.get(f"{{{XML_NS}}}id") or self.path.stem

    def column_of(self, element: etree._Element, root: etree._Element | None = None) -> int:
        """Give the 1-based column where ``element``'s start tag begins on its line.

        ``root`` is the tree that holds ``element`` when it is a copy of this
        document's root. For many elements, use one ``ColumnIndex``: this
        reads the whole tree for the one answer."""
        return ColumnIndex(self, root).column(element)


class ColumnIndex:
    """Gives the columns of the elements of one tree of a document, in time linear
    in the document overall (a look-up per element rescanning the file would be
    quadratic in the number of diagnostics).

    libxml2 keeps only line numbers on nodes; the column is found again by
    looking for the start tag on that line, counting earlier elements of the
    same name that start on the same line. The counts are taken when the index
    is made, so elements removed from the tree afterwards (a validator's
    repairs) do not shift the columns of the others."""

    def __init__(self, document: Document, root: etree._Element | None = None):
        self._source = document.source
        self._lines: list[str] | None = None
        self._starts: dict[tuple[int, str], list[int]] = {}
        # Each element's rank among the elements of its name that start on its line.
        # The dict holds the element proxies, so their identity stays stable.
        self._rank: dict[etree._Element, int] = {}
        seen: dict[tuple[int | None, str], int] = {}
        for element in (document.root if root is None else root).iter():
            if isinstance(element.tag, str):
                key = (element.sourceline, element.tag)
                self._rank[element] = seen.get(key, 0)
                seen[key] = self._rank[element] + 1

    def line(self, number: int) -> str | None:
        """Give the text of line ``number`` (1-based) of the source, or None past its end."""
        if self._lines is None:
            self._lines = self._source.decode("utf-8", errors="replace").splitlines()
        return self._lines[number - 1] if 0 < number <= len(self._lines) else None

    def column(self, element: etree._Element) -> int:
        """Give the 1-based column of ``element``'s start tag, or 1 when it cannot be found."""
        line_no = element.sourceline
        text = self.line(line_no) if line_no else None
        if text is None:
            return 1
        local = etree.QName(element).localname
        starts = self._starts.get((line_no, local))
        if starts is None:
            starts = [m.start() + 1 for m in re.finditer(rf"<(?:[\w.-]+:)?{re.escape(local)}(?=[\s/>])", text)]
            self._starts[(line_no, local)] = starts
        rank = self._rank.get(element)
        return starts[rank] if rank is not None and rank < len(starts) else 1


def _syntax_message(msg: str, data: bytes) -> str:
    """Give libxml2's message without its location suffix, in words a person can act on."""
    msg = _LOCATION_SUFFIX.sub("", msg or "not well-formed")
    if b"\x00" in data[:4096]:
        return "not a text file: it contains binary data (NUL bytes)"
    if not data.strip():
        return "the file is empty"
    if msg.startswith("Invalid bytes in character encoding") or "not proper UTF-8" in msg:
        return f"not well-formed: {msg} (the file is not UTF-8; declare its encoding in the XML declaration)"
    # The bounds of the safe parser, in words that say what was refused and why.
    if "amplification factor" in msg or "entity reference loop" in msg or "entities exceeded" in msg.lower():
        return "refused: its entities expand beyond the safe parser's bound (an entity bomb such as 'billion laughs'); nothing was expanded"
    undefined = re.match(r"Entity '([^']+)' not defined", msg)
    if undefined:
        declared = re.search(rb"<!ENTITY\s+" + re.escape(undefined[1].encode()) + rb"\s+((?:SYSTEM|PUBLIC)\s+(?:\"[^\"]*\"|'[^']*'))", data)
        if declared:
            return (f"refused: the external entity '{undefined[1]}' ({declared[1].decode('utf-8', 'replace')}) is not read: "
                    "teipress never loads external entities or DTDs")
    if msg.startswith("Excessive depth in document"):
        return f"refused: elements nested more than {_DEPTH_LIMIT} deep (the safe parser's bound)"
    if "Text node too long" in msg or "xmlSAX2Characters: huge text node" in msg:
        return f"refused: a text node longer than {_TEXT_LIMIT:,} bytes (the safe parser's bound)"
    return f"not well-formed: {msg}"


def load(path: str | Path) -> Document:
    """Give the parsed Document at ``path``, or raise InputError naming file, line and column.

    The parser reads the file itself, in chunks, so a file it refuses (a huge
    text node, an entity bomb) never has to be held in memory whole; the
    bytes are read for the Document only once the file has parsed."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc.strerror}")]) from exc
    try:
        with path.open("rb") as handle:  # a file object: lxml reads it in chunks and locates errors
            root = etree.parse(handle, safe_parser(), base_url=str(path.resolve())).getroot()
        data = path.read_bytes()
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise InputError(
            [Diagnostic(str(path), max(line, 1), max(col, 1), "error", _syntax_message(exc.msg, head))]
        ) from exc
    except OSError as exc:
        # lxml reports an encoding error met while reading chunks without its place;
        # parsing the bytes in one piece finds it (files of a sane size only).
        if path.stat().st_size <= _WHOLE_PARSE_BYTES:
            return _load_whole(path)
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc}")]) from exc
    return Document(path=path, tree=root.getroottree(), source=data)


# The largest file parsed again in one piece to locate an encoding error.
_WHOLE_PARSE_BYTES = 64 * 1024 * 1024


def _load_whole(path: Path) -> Document:
    data = path.read_bytes()
    try:
        root = etree.fromstring(data, safe_parser(), base_url=str(path.resolve()))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise InputError(
            [Diagnostic(str(path), max(line, 1), max(col, 1), "error", _syntax_message(exc.msg, data))]
        ) from exc
    return Document(path=path, tree=root.getroottree(), source=data)


# How much of a file's beginning is kept to explain a refusal (binary data, the DOCTYPE's entity declarations).
_HEAD_BYTES = 65536


def require_tei(document: Document) -> None:
    """Raise InputError unless the document's root is a TEI element."""
    if not document.is_tei:
        root = document.root
        raise InputError(
            [
                Diagnostic(
                    str(document.path),
                    root.sourceline or 1,
                    document.column_of(root),
                    "error",
                    f"not a TEI document: the root element is <{etree.QName(root).localname}> "
                    f"in namespace '{etree.QName(root).namespace or ''}', expected <TEI> in {TEI_NS}",
                )
            ]
        )
