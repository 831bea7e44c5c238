"""Where teipress finds its stylesheets and schemas, from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def xslt_dir() -> Path:
    """Give the folder of the XSLT stylesheets."""
    return _first_existing(_CHECKOUT / "xslt", _PACKAGE / "data" / "xslt")


def schema_dir() -> Path:
    """Give the folder of the default schema (RELAX NG grammar and Schematron rules)."""
    return _first_existing(_CHECKOUT / "tei" / "schema", _PACKAGE / "data" / "schema")


def default_rng() -> Path:
    """Give the path of the default RELAX NG grammar."""
    return schema_dir() / "teipress.rng"


def default_schematron() -> Path:
    """Give the path of the default Schematron rules."""
    return schema_dir() / "teipress.sch"
