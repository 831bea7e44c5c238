"""Saxon-HE (saxonche) behind a small interface: compile each stylesheet once,
run it on lxml trees with typed parameters, report failures with their location."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from .errors import TransformError
from .resources import xslt_dir

# SaxonC allows one processor per process; every Stylesheets object shares it.
_PROCESSOR: PySaxonProcessor | None = None


def processor() -> PySaxonProcessor:
    """Give this process's Saxon processor, creating it on first use."""
    global _PROCESSOR
    if _PROCESSOR is None:
        _PROCESSOR = PySaxonProcessor(license=False)
    return _PROCESSOR


class Stylesheets:
    """The stylesheets of one run, each compiled on first use and then reused for every document."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root) if root else xslt_dir()
        self._compiler = processor().new_xslt30_processor()
        self._executables: dict[str, object] = {}

    def executable(self, name: str):
        """Give the compiled stylesheet ``name`` (a path relative to the xslt folder)."""
        if name not in self._executables:
            path = (self.root / name).resolve()
            if not path.is_file():
                raise TransformError(f"{path}: stylesheet not found")
            try:
                self._executables[name] = self._compiler.compile_stylesheet(stylesheet_file=str(path))
            except PySaxonApiError as exc:
                raise TransformError(f"{path}: the stylesheet does not compile: {_clean(exc)}") from exc
        return self._executables[name]

    def node(self, element: etree._Element):
        """Give a Saxon document node holding a copy of the lxml tree ``element``."""
        text = etree.tostring(element, encoding="unicode")
        return processor().parse_xml(xml_text=text)

    def run(self, name: str, source, parameters: dict | None = None, label: str = "") -> str:
        """Give the serialized result of stylesheet ``name`` applied to ``source``
        (a Saxon node from :meth:`node`), with ``parameters`` set for this run only."""
        executable = self.executable(name)
        executable.clear_parameters()
        for key, value in (parameters or {}).items():
            executable.set_parameter(key, _xdm(value))
        try:
            result = executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            where = f" on {label}" if label else ""
            raise TransformError(f"{self.root / name}: the transformation failed{where}: {_clean(exc)}") from exc
        if result is None:
            raise TransformError(f"{self.root / name}: the transformation gave no result")
        return result


def _xdm(value):
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, str):
        return proc.make_string_value(value)
    return value  # already an XDM value, e.g. a node


def _clean(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()
