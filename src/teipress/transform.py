"""Saxon-HE (saxonche) behind a small interface: compile each stylesheet once,
run it on lxml trees with typed parameters, report failures with their location.

Confinement at run time: a :class:`Stylesheets` has a Saxon processor of its
own (each PySaxonProcessor has its own configuration). Before its first
transformation it compiles every entry stylesheet of its folder and then sets
Saxon's ``allowedProtocols`` to nothing, which refuses every URI a stylesheet
could dereference: ``doc()``, ``unparsed-text()``, ``collection()``,
``json-doc()``, ``xsl:source-document``, external entities in ``parse-xml()``,
over ``file:``, ``http:``, ``jar:`` or ``classpath:`` alike (``doc-available()``
and ``unparsed-text-available()`` answer false). The setting cannot be relaxed
and also refuses compiling from files, hence the compile-first order; a changed
stylesheet folder gets a new Stylesheets (and processor). Secondary results
(``xsl:result-document``), which the setting does not cover, are captured in
memory and refused. The source check of :mod:`teipress.confinement` comes first
and gives the friendlier message.

Customisation is a layer (``[build] stylesheets``, after the TEI Stylesheets'
profiles and xslTNG's layers): an edition's override folder holds only the
modules it changes. Each entry stylesheet is then compiled from a small wrapper,
generated here, that imports teipress's entry and after it the override modules
of that output (:data:`OVERRIDE_LAYERS`), so an override's templates win by
import precedence and reach the built-in ones with ``xsl:next-match`` or
``xsl:apply-imports``. Other files (CSS, scripts, fonts) of the override folder
replace teipress's file of the same relative path (:meth:`Stylesheets.resource`);
its strings files add to or replace single strings of teipress's.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .confinement import check_stylesheet
from .document import safe_parser
from .errors import StylesheetError, TransformError
from .namespaces import TP_NS
from .lists import LISTS_PARAMETER, lists_root
from .resources import xslt_dir

# Every entry stylesheet a build or an export may run (compiled before the processor is locked),
# with the folders of an override whose modules are imported over it, in import order: a later
# folder wins. common/ reaches every output that imports the shared layer; html/ reaches the EPUB
# too, whose content is the web page's (epub.xsl imports html.xsl), with epub/ above it; html/ does
# not reach print: print.xsl redefines the web rendering where paged media differs, and a web
# override imported above print.xsl would undo that. The plain-text export shares views.xsl only.
OVERRIDE_LAYERS: dict[str, tuple[str, ...]] = {
    "html/html.xsl": ("common", "html"),
    "html/pages.xsl": ("common", "html"),
    "html/entities.xsl": ("common", "html"),
    "html/sitemap.xsl": ("common", "html"),
    "html/site.xsl": ("common", "html"),
    "print/print.xsl": ("common", "print"),
    "epub/epub.xsl": ("common", "html", "epub"),
    "data/data.xsl": ("common", "data"),
    "dts/dts.xsl": ("common", "dts"),
    "harvest/harvest.xsl": ("common", "harvest"),
    "cmif/cmif.xsl": ("common", "cmif"),
    "text/text.xsl": ("text",),
}
ENTRY_STYLESHEETS = tuple(OVERRIDE_LAYERS)
# Entry stylesheets that one stylesheet imports, each run in a mode of its own (see html/site.xsl):
# when a process runs two or more of them, it compiles that one instead of each.
# The combined one runs the member its parameter SITE_ENTRY names.
COMBINED: dict[str, tuple[str, ...]] = {"html/site.xsl": ("html/html.xsl", "html/pages.xsl", "html/entities.xsl")}
_COMBINED_IN = {member: combined for combined, members in COMBINED.items() for member in members}
SITE_ENTRY = "site-entry"
# The interface strings, by the stylesheet parameter that receives them (see xslt/common/l10n.xsl).
STRINGS_FILES = {"l10n-strings": "common/l10n.xml", "print-l10n-strings": "print/l10n.xml"}
# The lists of the edition (pages, register kinds, datasets, EPUB parts) are handed over the same
# way, as the parameter LISTS_PARAMETER (see xslt/common/lists.xsl): teipress's own file, never an override's.

_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
# Saxon's parser refuses elements deeper than 100 (a JDK default); the edition
# document wraps each text two levels down, and lxml already bounds depth at 256.
_MAX_DEPTH = ("http://saxon.sf.net/feature/parserProperty?uri="
              "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")


def stylesheet_layers(overrides: str | Path | None = None) -> list[Path]:
    """Give the folders stylesheets and their files come from, the winning one last: teipress's
    own, then the override folder ``overrides`` when one is given (and is not teipress's own)."""
    builtin = xslt_dir()
    if overrides is None or Path(overrides).resolve() == builtin.resolve():
        return [builtin]
    return [builtin, Path(overrides)]


def override_problem(overrides: str | Path | None) -> str:
    """Give why ``overrides`` cannot be an override folder ('' when it can): it is missing, has no
    folder of an output, or is a copy of teipress's whole stylesheet folder (the way customisation
    worked before the layer)."""
    layers = stylesheet_layers(overrides)
    if len(layers) == 1:
        return ""
    folder = layers[-1]
    if not folder.is_dir():
        return f"{folder}: the stylesheets folder does not exist"
    # Refused before its files are fingerprinted: a mistyped path could name a large unrelated folder.
    outputs = sorted({output for layers in OVERRIDE_LAYERS.values() for output in layers})
    if not any((folder / output).is_dir() for output in outputs):
        return (f"{folder}: not a folder of teipress stylesheets: an override folder has one or more of the "
                f"folders {', '.join(o + '/' for o in outputs)}")
    copied = [name for name in ENTRY_STYLESHEETS if (folder / name).is_file()]
    if copied:
        return (f"{folder / copied[0]}: an override folder holds only the modules it changes, imported over "
                "teipress's stylesheets, not a copy of them: remove the copied files and keep your own "
                "templates (see 'Customising the stylesheets' in the README)")
    return ""


class Stylesheets:
    """The stylesheets of one run, each compiled once and then reused for every document."""

    def __init__(self, root: str | Path | None = None, entries: tuple[str, ...] | None = None):
        """``root`` is an edition's override folder (``[build] stylesheets``); None: teipress's own only.
        ``entries`` are the entry stylesheets compiled before the processor is locked (None: every
        one): a build's workers compile only those of the build's outputs."""
        self.entries = ENTRY_STYLESHEETS if entries is None else tuple(n for n in ENTRY_STYLESHEETS if n in entries)
        self.layers = stylesheet_layers(root)
        self.builtin = self.layers[0]
        self.overrides = self.layers[-1] if len(self.layers) > 1 else None
        # The folder that names these stylesheets (a build's workers make theirs from it).
        self.root = self.layers[-1]
        self._processor = PySaxonProcessor(license=False)
        self._processor.set_configuration_property(_MAX_DEPTH, "1000")
        self._compiler = self._processor.new_xslt30_processor()
        self._executables: dict[str, object] = {}
        # Entry stylesheets that failed to compile while locking: reported when one is asked for.
        self._refused: dict[str, StylesheetError] = {}
        self._strings: dict[str, object] = {}
        self.locked = False
        # When True, every run asks the stylesheet to report the elements its
        # generic fallback rendered (parameter fallback-report) and records them.
        self.report_unhandled = False
        # Unhandled element name -> the paths (in the edition document) of its
        # occurrences; a set, so an element rendered twice (text and print) counts once.
        self.unhandled: dict[str, set[str]] = {}

    def resource(self, relative: str) -> Path:
        """Give the file ``relative`` (e.g. ``epub/epub.css``) of the override folder when it has
        one, else teipress's own."""
        for layer in reversed(self.layers):
            if (layer / relative).is_file():
                return layer / relative
        return self.builtin / relative

    def override_modules(self, name: str) -> list[Path]:
        """Give the override modules imported over the entry stylesheet ``name``, in import order
        (the last wins): the ``*.xsl`` files of its folders of :data:`OVERRIDE_LAYERS`, by name."""
        if self.overrides is None or name not in OVERRIDE_LAYERS:
            return []
        problem = override_problem(self.overrides)
        if problem:
            raise StylesheetError(problem)
        return [module for folder in OVERRIDE_LAYERS.get(name, ())
                for module in sorted((self.overrides / folder).glob("*.xsl")) if not module.name.startswith(".")]

    def executable(self, name: str):
        """Give the compiled stylesheet ``name`` (a path relative to the xslt folder): an entry
        stylesheet with the edition's override modules over it, or any other module as it is."""
        if name in self._executables:
            return self._executables[name]
        if name in self._refused:
            raise self._refused[name]
        path = self._file(name).resolve()
        if not path.is_file():
            raise StylesheetError(f"{path}: stylesheet not found")
        if self.locked:
            raise StylesheetError(f"{path}: not compiled: these stylesheets already ran and their processor is locked "
                                  "against file and network access; only the entry stylesheets "
                                  f"({', '.join(self.entries)}) are compiled before it")
        modules = self.override_modules(name)
        check_stylesheet(path, self.layers)
        for module in modules:
            check_stylesheet(module, self.layers)
        try:
            if modules:
                # Compiled from text: the imports are absolute file URIs, so no base URI is needed.
                executable = self._compiler.compile_stylesheet(stylesheet_text=_layer_wrapper(path, modules))
            else:
                executable = self._compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            where = f" with the overrides {', '.join(str(m) for m in modules)}" if modules else ""
            raise StylesheetError(f"{path}{where}: the stylesheet does not compile: {_clean(exc)}") from exc
        # Secondary results are kept in memory, never written, and refused after the run (see run()).
        executable.set_capture_result_documents(True)
        self._executables[name] = executable
        return executable

    def compiled(self) -> tuple[str, ...]:
        """Give the names of the stylesheets compiled so far."""
        return tuple(self._executables)

    def lock(self) -> None:
        """Compile every entry stylesheet of the folder and the strings, then lock the processor
        against reading or writing any resource; compile errors are kept until that stylesheet is used."""
        if self.locked:
            return
        for name in self._compiled_entries():
            if name not in self._executables:
                try:
                    self.executable(name)
                except StylesheetError as exc:
                    self._refused[name] = exc
        self._strings = {parameter: self._strings_node(relative) for parameter, relative in STRINGS_FILES.items()}
        self._strings[LISTS_PARAMETER] = self._processor.parse_xml(xml_text=etree.tostring(lists_root(), encoding="unicode"))
        self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")
        self.locked = True

    def _compiled_entries(self) -> list[str]:
        """Give the stylesheets to compile for the entries: a combined one (COMBINED) for two or more
        of its members, each entry itself otherwise."""
        names: dict[str, None] = {}
        for name in self.entries:
            combined = _COMBINED_IN.get(name)
            runs_two = combined is not None and sum(member in self.entries for member in COMBINED[combined]) > 1
            names[combined if runs_two else name] = None
        return [name for name in names if name not in COMBINED or any(m in self.entries for m in COMBINED[name])]

    def _entry(self, name: str):
        """Give the compiled stylesheet that runs entry ``name`` and the parameters that make it do so:
        the combined one it is a member of when that is compiled (its serialization set as the
        member's own), else ``name`` itself."""
        combined = _COMBINED_IN.get(name)
        if combined in self._refused and name not in self._executables:
            raise self._refused[combined]  # its members' modules and overrides are its own
        if combined in self._executables:
            executable = self._executables[combined]
            executable.clear_properties()
            for attribute, value in _own_output(self._file(name)).items():
                executable.set_property(f"!{attribute}", value)
            return executable, {SITE_ENTRY: name}
        return self.executable(name), {}

    def _strings_node(self, relative: str):
        """Give the strings file ``relative`` as a Saxon document, read here so that no stylesheet needs
        to read a file: teipress's own, with the strings of the override folder's file of that name
        first, so that they win (tp:l10n takes the first string of a key) and the rest stay teipress's."""
        roots = [layer.resolve() for layer in self.layers]
        trees = []
        for root in reversed(roots):
            path = (root / relative).resolve()
            if path.is_file():
                if not any(path.is_relative_to(r) for r in roots):
                    raise StylesheetError(f"{root / relative}: the strings file lies outside the stylesheet folders")
                try:
                    trees.append(etree.parse(str(path), safe_parser()))
                except (OSError, etree.XMLSyntaxError) as exc:
                    raise StylesheetError(f"{path}: the strings file cannot be read: {exc}") from exc
        if not trees:
            raise StylesheetError(f"{roots[0] / relative}: strings file not found")
        merged = trees[-1].getroot()  # teipress's own
        for tree in trees[:-1]:
            for position, lang in enumerate(tree.getroot().findall(f"{{{TP_NS}}}lang")):
                merged.insert(position, lang)
        return self._processor.parse_xml(xml_text=etree.tostring(merged, encoding="unicode"))

    def node(self, element: etree._Element):
        """Give a Saxon document node holding a copy of the lxml tree ``element``."""
        text = etree.tostring(element, encoding="unicode")
        return self._processor.parse_xml(xml_text=text)

    def node_from_file(self, path: str | Path):
        """Give a Saxon document node of the XML file ``path``, written by teipress itself
        (an edition document: no DOCTYPE, no entities; untrusted input goes through :meth:`node`).
        Python reads the file: the locked processor reads none."""
        return self.node_from_data(Path(path).read_bytes())

    def node_from_data(self, data: bytes):
        """Give a Saxon document node of ``data``, an XML document teipress made (as :meth:`node_from_file`)."""
        return self._processor.parse_xml(xml_text=data.decode("utf-8"))

    def run(self, name: str, source, parameters: dict | None = None, label: str = "") -> str:
        """Give the serialized result of stylesheet ``name`` applied to ``source``
        (a Saxon node from :meth:`node`), with ``parameters`` set for this run only."""
        self.lock()
        executable, entry = self._entry(name)
        executable.clear_parameters()
        parameters = {**self._strings, **entry, **(parameters or {})}
        if self.report_unhandled:
            parameters["fallback-report"] = True
        for key, value in parameters.items():
            executable.set_parameter(key, self._xdm(value))
        # Saxon keeps xsl:message output only when asked, and accumulates it
        # until switched off: on for this run, read, then off (which clears it).
        executable.set_save_xsl_message(self.report_unhandled)
        try:
            result = executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            refused = _refused_access(exc)
            if refused:
                raise StylesheetError(f"{self._named(name)}: {refused}") from exc
            where = f" on {label}" if label else ""
            raise TransformError(f"{self._named(name)}: the transformation failed{where}: {_clean(exc)}") from exc
        finally:
            if self.report_unhandled:
                self._record_messages(executable.get_xsl_messages())
                executable.set_save_xsl_message(False)
        written = executable.get_result_documents() or {}
        if written:
            raise StylesheetError(f"{self._named(name)}: xsl:result-document of '{next(iter(written))}' is not allowed: "
                                  "teipress stylesheets write only their result")
        if result is None:
            raise TransformError(f"{self._named(name)}: the transformation gave no result")
        return result

    def _file(self, name: str) -> Path:
        """Give the file of stylesheet ``name``: teipress's own for an entry (the override modules are
        imported over it), else the override folder's module of that name if there is one."""
        return self.builtin / name if name in OVERRIDE_LAYERS else self.resource(name)

    def _named(self, name: str) -> str:
        """Give stylesheet ``name`` as messages name it: its file, and the override folder over it."""
        layered = self.overrides is not None and name in OVERRIDE_LAYERS
        return f"{self._file(name)}" + (f" (with the overrides of {self.overrides})" if layered else "")

    def _record_messages(self, messages) -> None:
        for message in ([str(m) for m in messages] if messages is not None else []):
            found = _UNHANDLED.match(message.strip())
            if found:
                self.unhandled.setdefault(found["name"], set()).add(found["path"])

    def unhandled_counts(self) -> Counter:
        """Give the number of elements rendered by the generic fallback, by element name."""
        return Counter({name: len(paths) for name, paths in self.unhandled.items()})

    def _xdm(self, value):
        if isinstance(value, bool):
            return self._processor.make_boolean_value(value)
        if isinstance(value, int):
            return self._processor.make_integer_value(value)
        if isinstance(value, str):
            return self._processor.make_string_value(value)
        return value  # already an XDM value, e.g. a node


def _layer_wrapper(entry: Path, modules: list[Path]) -> str:
    """Give the text of the stylesheet that imports ``entry`` and then ``modules``, each of which
    thereby takes precedence over what comes before it."""
    imports = "".join(f"\n  <xsl:import href={quoteattr(module.resolve().as_uri())}/>" for module in [entry, *modules])
    return (f'<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">{imports}\n'
            '</xsl:stylesheet>\n')


# The fallback's report (xslt/html/fallback.xsl): "teipress: no template for NAME at PATH; rendered generically".
_UNHANDLED = re.compile(r"teipress: no template for (?P<name>\S+) at (?P<path>\S+); rendered generically$")
# How Saxon words a refusal of the locked processor (its exception carries no location:
# Saxon prints that on the process's stderr).
_DENIED = re.compile(r"Access to URI (?P<uri>\S+) has been prohibited|URI scheme '(?P<scheme>[^']*)' has been disallowed")


def _refused_access(exc: Exception) -> str:
    """Give the message of a resource access the locked processor refused, or ''."""
    denied = _DENIED.search(_clean(exc))
    if not denied:
        return ""
    what = denied["uri"] or f"a {denied['scheme']}: URI"
    return (f"the stylesheet (or a module it imports) tried to read {what}, which is not allowed: "
            "teipress stylesheets read no file and no network resource")


def _clean(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()


_XSL = "{http://www.w3.org/1999/XSL/Transform}"


@lru_cache(maxsize=None)
def _own_output(path: Path) -> dict[str, str]:
    """Give the serialization a stylesheet declares itself (its unnamed top-level xsl:output; not its
    imports'), by attribute: what it keeps when it runs inside a combined stylesheet."""
    root = etree.parse(str(path), safe_parser()).getroot()
    return {name: value for output in root.iterchildren(f"{_XSL}output") if not output.get("name")
            for name, value in output.attrib.items()}
