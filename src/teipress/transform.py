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
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .confinement import check_stylesheet
from .document import safe_parser
from .errors import StylesheetError, TransformError
from .resources import xslt_dir

# Every entry stylesheet a build or an export may run, compiled before the processor is locked.
ENTRY_STYLESHEETS = ("html/html.xsl", "html/pages.xsl", "html/sitemap.xsl", "print/print.xsl",
                     "epub/epub.xsl", "data/data.xsl", "text/text.xsl")
# The interface strings, by the stylesheet parameter that receives them (see xslt/common/l10n.xsl).
STRINGS_FILES = {"l10n-strings": "common/l10n.xml", "print-l10n-strings": "print/l10n.xml"}

_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
# Saxon's parser refuses elements deeper than 100 (a JDK default); the edition
# document wraps each text two levels down, and lxml already bounds depth at 256.
_MAX_DEPTH = ("http://saxon.sf.net/feature/parserProperty?uri="
              "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")


class Stylesheets:
    """The stylesheets of one run, each compiled once and then reused for every document."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root else xslt_dir()
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

    def executable(self, name: str):
        """Give the compiled stylesheet ``name`` (a path relative to the xslt folder)."""
        if name in self._executables:
            return self._executables[name]
        if name in self._refused:
            raise self._refused[name]
        path = (self.root / name).resolve()
        if not path.is_file():
            raise StylesheetError(f"{path}: stylesheet not found")
        if self.locked:
            raise StylesheetError(f"{path}: not compiled: these stylesheets already ran and their processor is locked "
                                  "against file and network access; only the entry stylesheets "
                                  f"({', '.join(ENTRY_STYLESHEETS)}) are compiled before it")
        check_stylesheet(path, [self.root, xslt_dir()])
        try:
            executable = self._compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise StylesheetError(f"{path}: the stylesheet does not compile: {_clean(exc)}") from exc
        # Secondary results are kept in memory, never written, and refused after the run (see run()).
        executable.set_capture_result_documents(True)
        self._executables[name] = executable
        return executable

    def lock(self) -> None:
        """Compile every entry stylesheet of the folder and the strings, then lock the processor
        against reading or writing any resource; compile errors are kept until that stylesheet is used."""
        if self.locked:
            return
        for name in ENTRY_STYLESHEETS:
            if name not in self._executables and (self.root / name).is_file():
                try:
                    self.executable(name)
                except StylesheetError as exc:
                    self._refused[name] = exc
        self._strings = {parameter: self._strings_node(relative) for parameter, relative in STRINGS_FILES.items()}
        self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")
        self.locked = True

    def _strings_node(self, relative: str):
        """Give the strings file ``relative`` of this folder (else teipress's own) as a Saxon document,
        read here so that no stylesheet needs to read a file."""
        roots = [self.root.resolve(), xslt_dir().resolve()]
        for root in roots:
            path = (root / relative).resolve()
            if path.is_file():
                if not any(path.is_relative_to(r) for r in roots):
                    raise StylesheetError(f"{root / relative}: the strings file lies outside the stylesheet folders")
                try:
                    tree = etree.parse(str(path), safe_parser())
                except (OSError, etree.XMLSyntaxError) as exc:
                    raise StylesheetError(f"{path}: the strings file cannot be read: {exc}") from exc
                return self._processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))
        raise StylesheetError(f"{roots[-1] / relative}: strings file not found")

    def node(self, element: etree._Element):
        """Give a Saxon document node holding a copy of the lxml tree ``element``."""
        text = etree.tostring(element, encoding="unicode")
        return self._processor.parse_xml(xml_text=text)

    def node_from_file(self, path: str | Path):
        """Give a Saxon document node of the XML file ``path``, written by teipress itself
        (an edition document: no DOCTYPE, no entities; untrusted input goes through :meth:`node`).
        Python reads the file: the locked processor reads none."""
        return self._processor.parse_xml(xml_text=Path(path).read_bytes().decode("utf-8"))

    def run(self, name: str, source, parameters: dict | None = None, label: str = "") -> str:
        """Give the serialized result of stylesheet ``name`` applied to ``source``
        (a Saxon node from :meth:`node`), with ``parameters`` set for this run only."""
        executable = self.executable(name)
        self.lock()
        executable.clear_parameters()
        parameters = {**self._strings, **(parameters or {})}
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
                raise StylesheetError(f"{self.root / name}: {refused}") from exc
            where = f" on {label}" if label else ""
            raise TransformError(f"{self.root / name}: the transformation failed{where}: {_clean(exc)}") from exc
        finally:
            if self.report_unhandled:
                self._record_messages(executable.get_xsl_messages())
                executable.set_save_xsl_message(False)
        written = executable.get_result_documents() or {}
        if written:
            raise StylesheetError(f"{self.root / name}: xsl:result-document of '{next(iter(written))}' is not allowed: "
                                  "teipress stylesheets write only their result")
        if result is None:
            raise TransformError(f"{self.root / name}: the transformation gave no result")
        return result

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
