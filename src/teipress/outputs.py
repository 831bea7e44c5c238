"""The outputs a build can make: a registry.

Each output is one class in ``writers/`` (with its stylesheet in ``xslt/``) that
says what it makes and when:

- :meth:`Output.build_text`: files of one text (its page, its PDF, its TEI copy),
  made in the build's workers from the text, the registers and the texts it
  links with; cached per text;
- :meth:`Output.page_jobs` and :meth:`Output.site_files`: files of the whole
  edition made from the texts' extracts (index, registers, datasets) and static
  files (assets);
- :meth:`Output.build_book`: one file from the whole texts (the PDF volume, the EPUB);
- :meth:`Output.build_archive`: files gathered from the published site, made
  after it is published (the zip of the open data, the search index).

:meth:`Output.text_links` names the files of a text the output makes, which
the stylesheets link (``tp:text/@html``, ``@pdf``, ``@tei``): a page links only
what the build makes. ``requires`` names the outputs an output's files link to
(the HTML pages link the TEI copies, the open data and the search page), which
are then built with it.

The built-in outputs are registered below; another package registers its own
under the entry point group ``teipress.outputs`` (each entry point names an
Output instance), and code can call :func:`register`. ``--format`` takes the
names, comma-separated; ``all`` is every registered output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path

from .errors import Diagnostic, UsageError

ENTRY_POINTS = "teipress.outputs"
ALL = "all"


@dataclass
class TextJob:
    """What an output needs to make one text's files: ``node`` is the Saxon node of the
    text's edition document (the text, the registers, the texts it links with)."""

    stylesheets: object  # teipress.transform.Stylesheets
    node: object
    document: object  # teipress.document.Document
    text_id: str
    staging: Path
    settings: object  # teipress.config.Settings
    images: tuple = ()  # the text's confined images (teipress.images)
    registers: tuple = ()  # (file name, bytes) of the register files
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings of the output, for the text


@dataclass
class BookJob:
    """What an output needs to make one file of the whole edition from the whole texts."""

    stylesheets: object
    node: object  # the Saxon node of the edition document of every text (teipress.edition.edition_tree)
    corpus: object  # teipress.corpus.Corpus
    staging: Path
    settings: object
    images: tuple = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class ArchiveJob:
    """What an output needs to gather files from the published site ``out`` into ``staging``."""

    out: Path
    staging: Path
    settings: object
    copies: tuple[str, ...]  # the paths of the TEI copies of the texts and the registers (Document.copy_name)


class Output:
    """One output of a build; subclasses override what they make (see the module's doc)."""

    name = ""
    summary = ""
    requires: tuple[str, ...] = ()
    # Outputs whose text links this output's stylesheet reads even when they are not built
    # (the EPUB turns the web pages' links into links between its own files).
    reads_links: tuple[str, ...] = ()

    # The entry stylesheets this output runs (relative to the xslt folder): a worker compiles only
    # those of the build's outputs. None: not declared (every entry stylesheet is compiled).
    stylesheets: tuple[str, ...] | None = None
    # Those of them build_text runs (None: all of them): a build that makes no edition-wide page
    # compiles only these (a touched text: the text page's stylesheet, not the four of the site).
    text_stylesheets: tuple[str, ...] | None = None

    def text_links(self, text_id: str, copy: str) -> dict[str, str]:
        """Give the files of a text this output makes that pages link, by link name."""
        return {}

    def build_text(self, job: TextJob) -> list[Path]:
        """Write the text's files into ``job.staging`` and give them."""
        return []

    def cache_key(self) -> str:
        """Give what this output's files depend on besides the inputs, the stylesheets and the
        settings (a library it ships, by version): when it changes they are made again. "" for nothing."""
        return ""

    def page_jobs(self, registers) -> list:
        """Give the pages (writers.PageJob) this output makes from the edition document of the extracts."""
        return []

    def book_links(self) -> dict[str, str]:
        """Give the files of the whole edition this output makes that pages link (the home page
        offers them), by link name: ``{"pdf-volume": "edition.pdf"}``."""
        return {}

    def collection_jobs(self, collections: list[str]) -> list:
        """Give the pages (writers.PageJob) this output makes for the edition's collections (the
        teiCorpus files, by the id of their page) from the edition document of the extracts."""
        return []

    def site_files(self, stylesheets, registers, staging: Path) -> list[Path]:
        """Write the edition's static files of this output (assets, register copies) and give them."""
        return []

    def build_book(self, job: BookJob) -> list[Path]:
        """Write this output's files made from the whole texts and give them."""
        return []

    def build_archive(self, job: ArchiveJob) -> list[Path] | None:
        """Write this output's files gathered from the published site into ``job.staging`` and
        give them (None: not now, e.g. a file it gathers is missing; the next build tries again).
        A file already published as it would be written may be given where it is in ``job.out``
        instead: it is kept as it is (a search index's unchanged parts)."""
        return None

    def adoptable(self, out: Path) -> set[str]:
        """Give files of ``out`` that teipress has no record of writing but that this output's
        archive may replace all the same (they are recognisably its own, e.g. a search index)."""
        return set()

    # What the output makes, from which methods it overrides.
    @property
    def per_text(self) -> bool:
        return type(self).build_text is not Output.build_text

    @property
    def has_book(self) -> bool:
        return type(self).build_book is not Output.build_book

    @property
    def has_archive(self) -> bool:
        return type(self).build_archive is not Output.build_archive

    def has_pages(self, registers) -> bool:
        return bool(self.page_jobs(registers)) or type(self).site_files is not Output.site_files

    def __repr__(self) -> str:
        return f"<output {self.name}>"


# The built-in outputs, in the order they are made: module path, class name.
_BUILT_IN = (
    ("teipress.writers.html", "HtmlOutput"),
    ("teipress.writers.tei", "TeiOutput"),
    ("teipress.writers.iiif", "IiifOutput"),
    ("teipress.writers.data", "DataOutput"),
    ("teipress.writers.search", "SearchOutput"),
    ("teipress.writers.dts", "DtsOutput"),
    ("teipress.writers.harvest", "HarvestOutput"),
    ("teipress.writers.cmif", "CmifOutput"),
    ("teipress.writers.pdf", "PdfOutput"),
    ("teipress.writers.epub", "EpubOutput"),
)

_REGISTRY: dict[str, Output] = {}
_LOADED = False


def register(output: Output) -> Output:
    """Add ``output`` to the registry (replacing one of the same name) and give it."""
    if not output.name or output.name == ALL or "," in output.name:
        raise UsageError(f"an output needs a name other than '{ALL}', without commas: {output!r}")
    _REGISTRY[output.name] = output
    return output


def registered() -> dict[str, Output]:
    """Give every registered output by name: teipress's own, then those of entry points."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for module, name in _BUILT_IN:
            register(getattr(import_module(module), name)())
        for point in entry_points(group=ENTRY_POINTS):
            try:
                output = point.load()
                register(output() if isinstance(output, type) else output)
            except Exception as exc:  # noqa: BLE001 - a broken plug-in must not stop teipress
                raise UsageError(f"the output '{point.name}' ({point.value}) of entry point group "
                                 f"{ENTRY_POINTS} cannot be loaded: {type(exc).__name__}: {exc}") from exc
    return dict(_REGISTRY)


def names(formats: str | list[str] | tuple[str, ...]) -> list[str]:
    """Give the output names a ``--format`` value asks for: a comma-separated string or a list."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    return [item.strip() for item in items if item.strip()]


def select(formats: str | list[str] | tuple[str, ...]) -> tuple[Output, ...]:
    """Give the outputs ``formats`` asks for, with those they require, in registry order;
    raise UsageError naming an unknown one."""
    known = registered()
    wanted = names(formats)
    if not wanted:
        raise UsageError(f"no output named: use one or more of {', '.join(known)} or {ALL}")
    if ALL in wanted:
        return tuple(known.values())
    chosen: set[str] = set()
    pending = list(wanted)
    while pending:
        name = pending.pop()
        if name not in known:
            raise UsageError(f"unknown format '{name}': use one or more of {', '.join(known)} (comma-separated), "
                             f"or {ALL}")
        if name not in chosen:
            chosen.add(name)
            pending.extend(known[name].requires)
    return tuple(output for name, output in known.items() if name in chosen)


def linked(outputs) -> tuple[Output, ...]:
    """Give ``outputs`` and those whose text links their stylesheets read though they are
    not built (``reads_links``): whose links go into the documents the build transforms."""
    known = registered()
    chosen = {o.name: o for o in outputs}
    for output in outputs:
        for name in output.reads_links:
            if name in known and name not in chosen:
                chosen[name] = known[name]
    return tuple(chosen.values())


def entry_stylesheets(outputs, texts_only: bool = False) -> tuple[str, ...] | None:
    """Give the entry stylesheets ``outputs`` run (``texts_only``: those their texts are made with,
    Output.text_stylesheets), or None when one of them does not say."""
    names: dict[str, None] = {}
    for output in outputs:
        runs = output.text_stylesheets if texts_only and output.text_stylesheets is not None else output.stylesheets
        if runs is None:
            return None
        names.update(dict.fromkeys(runs))
    return tuple(names)


def text_links(outputs, text_id: str, copy: str) -> dict[str, str]:
    """Give the files of a text that ``outputs`` make and pages link, by link name."""
    links: dict[str, str] = {}
    for output in outputs:
        links.update(output.text_links(text_id, copy))
    return links
