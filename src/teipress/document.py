"""Safe parsing of TEI files: a Document is a parsed tree together with its path."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .columns import ColumnIndex
from .doctype import ExternalSubset, blank, external_parameter_references
from .errors import Diagnostic, InputError
from .namespaces import TEI_NS, XML_NS
from .xinclude import has_includes, resolve_includes
from .xml_ids import duplicate_ids

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
    # The files its xi:includes took in or looked for (resolved paths): a change to one changes the text.
    included: list[Path] = field(default_factory=list, repr=False)
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


def _syntax_message(msg: str, data: bytes, subset: ExternalSubset | None = None) -> str:
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
        return (f"the entity '&{undefined[1]};' is used but not declared in the file (declare it in the "
                "DOCTYPE's internal subset, or write the character itself)")
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
                    notes=list(document.notes), member=member, included=list(document.included))
    if document.duplicate_ids:
        text.duplicate_ids = duplicate_ids(text)  # those within this text: its ids are its page's
    return text


def file_of(path: str | Path) -> Path:
    """Give the file a path names: itself, or, for a text of a teiCorpus file (``letters.xml#2``),
    the corpus file (see :func:`load`)."""
    path = Path(path)
    member = _MEMBER.fullmatch(str(path))
    if member and not path.exists() and Path(member[1]).is_file():
        return Path(member[1])
    return path


def load(path: str | Path, folder: str | Path | None = None) -> Document:
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
    twice (listed in ``duplicate_ids``; the tree keeps the file's values).

    Its ``xi:include`` elements are replaced by what they include from inside ``folder`` (the edition
    folder; else the file's own): see :mod:`teipress.xinclude`. A refused include is an InputError."""
    path = Path(path)
    member = _MEMBER.fullmatch(str(path))
    if member and not path.exists() and Path(member[1]).is_file():
        return corpus_member(load(member[1], folder), int(member[2]))
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc.strerror}")]) from exc
    subset = external_parameter_references(head)
    patched = blank(head, subset.references) if subset else head
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
            return _included(_load_whole(path), folder)
        raise InputError([Diagnostic(str(path), 1, 1, "error", f"cannot read the file: {exc}")]) from exc
    document = Document(path=path, tree=root.getroottree(), source=data)
    if subset:
        document.notes.append(Diagnostic(
            str(path), subset.line, subset.col, "warning",
            f"the DOCTYPE's external declarations are not read ({', '.join(subset.names)}): "
            "teipress never loads external entities or DTDs; only the entities declared in the file itself are known"))
    if duplicates:
        document.duplicate_ids = duplicate_ids(document)
    return _included(document, folder)


def _included(document: Document, folder: str | Path | None) -> Document:
    """Give ``document`` with its xi:includes resolved (see :func:`load`); raise InputError with
    the refused ones, and keep the warnings (a missing file) in its notes."""
    if not has_includes(document.root):
        return document
    real = document.path.resolve()
    bound = Path(folder).resolve() if folder is not None else real.parent
    if not real.is_relative_to(bound):
        bound = real.parent
    columns = ColumnIndex(document)  # made before the includes move elements
    inclusion = resolve_includes(document.root, document.path, bound, columns.column,
                                 lambda file: etree.parse(str(file), safe_parser()).getroot())
    if inclusion.errors:
        raise InputError(inclusion.errors)
    document.included = inclusion.files
    document.notes.extend(inclusion.diagnostics)
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
