"""Safe parsing of TEI files: a Document is a parsed tree together with its path."""

from __future__ import annotations

import copy
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


def safe_parser(recover: bool = False) -> etree.XMLParser:
    """Give a parser that never touches the network, loads no DTD and expands
    no external entity; internal entities are expanded under libxml2's
    amplification limit, so an entity bomb is refused rather than expanded.
    ``recover`` is used only to read past a duplicate xml:id (its tree is kept
    only when its error log holds nothing else)."""
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
        recover=recover,
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
    # What the parser passed over to read the file at all (the DOCTYPE's external
    # declarations): warnings a build and a validation report with the file's own.
    notes: list[Diagnostic] = field(default_factory=list, repr=False)
    # The later occurrences of an xml:id given twice or more: (id, (line, col) of the first,
    # (line, col) of this one, the name a build gives it); empty when every id is unique.
    duplicate_ids: list[tuple[str, tuple[int, int], tuple[int, int], str]] = field(default_factory=list, repr=False)
    # For a text inside a teiCorpus: its number (1-based, document order, nested corpora
    # included) among the file's TEI elements; the tree is then that TEI alone. 0 for a whole file.
    member: int = 0

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
    def is_corpus(self) -> bool:
        """True for a teiCorpus file: its texts are read one by one (``corpus_member``)."""
        return self.root.tag == f"{{{TEI_NS}}}teiCorpus"

    @property
    def is_text(self) -> bool:
        """True for a text of the edition: a TEI document with a ``text`` element."""
        return self.is_tei and self.root.find(f"{{{TEI_NS}}}text") is not None

    @property
    def id(self) -> str:
        """The text's id: the one a build assigned, else ``TEI/@xml:id``, else the file name without extension."""
        return (self.assigned_id or self.root.get(f"{{{XML_NS}}}id")
                or (f"{self.path.stem}-{self.member}" if self.member else self.path.stem))

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


def _syntax_message(msg: str, data: bytes, subset: "_ExternalSubset | None" = None) -> str:
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
        if subset:
            return (f"the entity '&{undefined[1]};' is used but not declared in the file; the DOCTYPE's external "
                    f"declarations ({', '.join(subset.names)}) are not read: teipress never loads external entities or DTDs")
    if msg.startswith("Excessive depth in document"):
        return f"refused: elements nested more than {_DEPTH_LIMIT} deep (the safe parser's bound)"
    if "Text node too long" in msg or "xmlSAX2Characters: huge text node" in msg:
        return f"refused: a text node longer than {_TEXT_LIMIT:,} bytes (the safe parser's bound)"
    return f"not well-formed: {msg}"


def member_path(path: str | Path, member: int) -> str:
    """Give the name of the ``member``-th text (1-based) of the teiCorpus file at ``path``
    (``letters.xml#2``): what ``load`` reads as that text alone."""
    return f"{path}#{member}"


_MEMBER = re.compile(r"(.+)#([0-9]+)")


def corpus_texts(root: etree._Element) -> list[etree._Element]:
    """Give the TEI elements of a teiCorpus (nested corpora included), in document order."""
    if root.tag != f"{{{TEI_NS}}}teiCorpus":
        return []
    return list(root.iter(f"{{{TEI_NS}}}TEI"))


def corpus_member(document: Document, member: int) -> Document:
    """Give the ``member``-th text (1-based) of the teiCorpus ``document`` as a Document of
    its own: a copy of that TEI element (line numbers kept), with the file's path and bytes
    (its columns, its TEI copy) and the file's notes; raise InputError when there is no such text."""
    texts = corpus_texts(document.root)
    if not 0 < member <= len(texts):
        raise InputError([Diagnostic(str(document.path), document.root.sourceline or 1, 1, "error",
                                     f"the teiCorpus has {len(texts)} text(s), not a text number {member}")])
    root = copy.deepcopy(texts[member - 1])
    text = Document(path=document.path, tree=root.getroottree(), source=document.source,
                    notes=list(document.notes), member=member)
    if document.duplicate_ids:
        text.duplicate_ids = _duplicate_ids(text)  # those within this text: its ids are its page's
    return text


def file_of(path: str | Path) -> Path:
    """Give the file a path names: itself, or, for a text of a teiCorpus file (``letters.xml#2``),
    the corpus file (see :func:`load`)."""
    path = Path(path)
    member = _MEMBER.fullmatch(str(path))
    if member and not path.exists() and Path(member[1]).is_file():
        return Path(member[1])
    return path


def load(path: str | Path) -> Document:
    """Give the parsed Document at ``path``, or raise InputError naming file, line and column.

    A path that names no file but a text of a teiCorpus file (``letters.xml#2``, see
    ``member_path``) gives that text alone (``corpus_member``).

    The parser reads the file itself, in chunks, so a file it refuses (a huge
    text node, an entity bomb) never has to be held in memory whole; the
    bytes are read for the Document only once the file has parsed.

    Two things libxml2 refuses are read all the same, each with a note on the
    Document: references to external parameter entities in the DOCTYPE (never
    loaded: they are blanked out before parsing, so an entity the text uses
    and only they could declare is a located error) and an ``xml:id`` given
    twice (listed in ``duplicate_ids``; the tree keeps the file's values)."""
    path = Path(path)
    member = _MEMBER.fullmatch(str(path))
    if member and not path.exists() and Path(member[1]).is_file():
        return corpus_member(load(member[1]), int(member[2]))
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc.strerror}")]) from exc
    subset = _external_parameter_references(head)
    patched = _blank(head, subset.references) if subset else head
    try:
        try:
            root = _parse_file(path, patched)
            duplicates = []
        except etree.XMLSyntaxError as exc:
            if not exc.msg.startswith("ID ") or "already defined" not in exc.msg:
                raise
            # libxml2 stops at a duplicate xml:id; parsed again in recovery mode the tree is
            # whole, and is kept only when a duplicate id is all the parser found wrong.
            root, duplicates = _parse_recovering(path, patched)
        data = path.read_bytes()
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 1, 1)
        raise InputError(
            [Diagnostic(str(path), max(line, 1), max(col, 1), "error", _syntax_message(exc.msg, head, subset))]
        ) from exc
    except OSError as exc:
        # lxml reports an encoding error met while reading chunks without its place;
        # parsing the bytes in one piece finds it (files of a sane size only).
        if path.stat().st_size <= _WHOLE_PARSE_BYTES:
            return _load_whole(path)
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc}")]) from exc
    document = Document(path=path, tree=root.getroottree(), source=data)
    if subset:
        document.notes.append(Diagnostic(
            str(path), subset.line, subset.col, "warning",
            f"the DOCTYPE's external declarations are not read ({', '.join(subset.names)}): "
            "teipress never loads external entities or DTDs; only the entities declared in the file itself are known"))
    if duplicates:
        document.duplicate_ids = _duplicate_ids(document)
    return document


class _PatchedFile:
    """A file read from its start with its first bytes replaced by ``head`` (of the same length):
    the parser still reads the file in chunks, and every line and column stays where it was."""

    def __init__(self, handle, head: bytes):
        self._handle, self._head = handle, head
        handle.seek(len(head))

    def read(self, size: int = -1) -> bytes:
        if self._head:
            chunk, self._head = (self._head, b"") if size < 0 or size >= len(self._head) else (self._head[:size], self._head[size:])
            return chunk
        return self._handle.read(size)


def _parse_file(path: Path, head: bytes, parser: etree.XMLParser | None = None) -> etree._Element:
    with path.open("rb") as handle:  # a file object: lxml reads it in chunks and locates errors
        return etree.parse(_PatchedFile(handle, head), parser or safe_parser(), base_url=str(path.resolve())).getroot()


def _parse_recovering(path: Path, head: bytes) -> tuple[etree._Element, list]:
    """Give the tree of a file whose only fault is a duplicate xml:id, and the parser's
    reports of them; raise XMLSyntaxError with the first other fault the parser met."""
    parser = safe_parser(recover=True)
    try:
        root = _parse_file(path, head, parser)
    except etree.XMLSyntaxError:
        root = None
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    duplicates = [e for e in errors if e.type == etree.ErrorTypes.DTD_ID_REDEFINED]
    others = [e for e in errors if e.type != etree.ErrorTypes.DTD_ID_REDEFINED]
    if others or root is None:
        first = others[0] if others else errors[0]
        exc = etree.XMLSyntaxError(first.message, first.type, first.line, first.column)
        exc.position = (first.line, first.column)
        raise exc
    return root, duplicates



def _duplicate_ids(document: Document) -> list[tuple[str, tuple[int, int], tuple[int, int], str]]:
    """Give each later occurrence of an xml:id already given: the id, where its first
    occurrence is, where this one is, and the name ``make_ids_unique`` gives it."""
    columns = ColumnIndex(document)
    first: dict[str, tuple[int, int]] = {}
    found = []
    for element, value, new in _unique_names(document.root):
        place = (element.sourceline or 1, columns.column(element))
        if new is None:
            first[value] = place
        else:
            found.append((value, first[value], place, new))
    return found


def _unique_names(root: etree._Element):
    """Give (element, xml:id, new name or None) for every element under ``root`` with an
    xml:id, in document order: a later occurrence of an id gets the first free ``<id>-<n>``."""
    key = f"{{{XML_NS}}}id"
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e.get(key) is not None]
    taken = {e.get(key) for e in elements}
    seen: set[str] = set()
    for element in elements:
        value = element.get(key)
        if value not in seen:
            seen.add(value)
            yield element, value, None
            continue
        n = 2
        while f"{value}-{n}" in taken:
            n += 1
        taken.add(f"{value}-{n}")
        yield element, value, f"{value}-{n}"


def duplicate_id_warnings(document: Document) -> list[Diagnostic]:
    """Give one warning per later occurrence of a duplicate xml:id of ``document``, naming both
    places, for a build (which renames it in what the stylesheets see: see ``make_ids_unique``)."""
    return [Diagnostic(str(document.path), line, col, "warning",
                       f"the xml:id '{value}' is given twice: at {document.path}:{line}:{col} and before at "
                       f"{document.path}:{first[0]}:{first[1]}; the pages call this one '{new}' "
                       "(the TEI copy keeps the file as it is)")
            for value, first, (line, col), new in document.duplicate_ids]


def duplicate_id_errors(document: Document) -> list[Diagnostic]:
    """Give one error per later occurrence of a duplicate xml:id (invalid TEI), naming the first."""
    return [Diagnostic(str(document.path), line, col, "error",
                       f"the xml:id '{value}' is already given at {document.path}:{first[0]}:{first[1]} "
                       "(an xml:id must be unique in its file)")
            for value, first, (line, col), _new in document.duplicate_ids]


def make_ids_unique(root: etree._Element) -> int:
    """Rename every later occurrence of an xml:id under ``root`` to the first free ``<id>-<n>``
    (n from 2), in place, and give how many were renamed. Pointers to the id keep pointing
    at its first occurrence, as a reader of the file would take them."""
    renamed = [(element, new) for element, _value, new in _unique_names(root) if new is not None]
    for element, new in renamed:  # set after the walk: the walk reads the ids as the file gives them
        element.set(f"{{{XML_NS}}}id", new)
    return len(renamed)


@dataclass
class _ExternalSubset:
    """The DOCTYPE's references to external parameter entities (never read)."""

    line: int  # where the DOCTYPE starts
    col: int
    names: list[str]
    references: list[tuple[int, int]]  # byte spans of the ``%name;`` references


_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+")
_EXTERNAL_PE = re.compile(rb"<!ENTITY\s+%\s+([^\s]+)\s+(?:SYSTEM|PUBLIC)\s")
_PE_REFERENCE = re.compile(rb"%([^\s;%]+);")
# What may come before the DOCTYPE: a byte order mark, the XML declaration, comments, processing instructions.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)


def _external_parameter_references(head: bytes) -> _ExternalSubset | None:
    """Give the references to external parameter entities in the internal subset of the DOCTYPE
    at the beginning of the file (``head``), or None when there are none."""
    start = _DOCTYPE.search(head)
    # Only the DOCTYPE of the prolog: the same characters in a comment or a CDATA section of the text are words.
    if start is None or not _PROLOG.fullmatch(head[:start.start()]):
        return None
    i, end = start.end(), len(head)
    while i < end and head[i:i + 1] not in (b"[", b">"):  # past the external id's literals
        if head[i:i + 1] in (b'"', b"'"):
            i = head.find(head[i:i + 1], i + 1)
            if i < 0:
                return None
        i += 1
    if head[i:i + 1] != b"[":
        return None
    names, spans, i = set(), [], i + 1
    declarations = []
    while i < end:
        c = head[i:i + 1]
        if c == b"]":
            break
        if head.startswith(b"<!--", i) or head.startswith(b"<?", i):
            close = head.find(b"-->" if head[i + 1:i + 2] == b"!" else b"?>", i + 2)
            if close < 0:
                return None
            i = close + 2
        elif head.startswith(b"<!", i):
            # A declaration: its literals may hold '%', ']' or '>', none of which ends it.
            j = i + 2
            while j < end and head[j:j + 1] != b">":
                if head[j:j + 1] in (b'"', b"'"):
                    j = head.find(head[j:j + 1], j + 1)
                    if j < 0:
                        return None
                j += 1
            declarations.append(head[i:j + 1])
            i = j + 1
            continue
        elif c == b"%":
            match = _PE_REFERENCE.match(head, i)
            if match:
                spans.append((match.start(), match.end(), match[1]))
                i = match.end()
                continue
            i += 1
        else:
            i += 1
    else:
        return None  # the subset goes on past the head: left to the parser as it is
    for declaration in declarations:
        match = _EXTERNAL_PE.match(declaration)
        if match:
            names.add(match[1])
    external = [(a, b) for a, b, name in spans if name in names]
    if not external:
        return None
    before = head[:start.start()].decode("utf-8", "replace")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    used = sorted({name.decode("utf-8", "replace") for a, b, name in spans if name in names})
    return _ExternalSubset(line, col, [f"%{n};" for n in used], external)


def _blank(head: bytes, spans: list[tuple[int, int]]) -> bytes:
    """Give ``head`` with the bytes of ``spans`` replaced by spaces (lines and columns stay put)."""
    data = bytearray(head)
    for a, b in spans:
        data[a:b] = b" " * (b - a)
    return bytes(data)


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
