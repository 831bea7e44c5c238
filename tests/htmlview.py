"""Reading a view of a text page the way a browser shows it, from the markup and the view's CSS rules.

The page holds every view's alternatives in ``span.alt`` with one class
``in-VIEW`` per view that shows it; the page's CSS hides the others
(``.edition-text[data-view=V] .alt:not(.in-V)``) and, outside the reading view,
the calls of editorial notes. These helpers apply the same rules to an lxml
copy, so tests can read a view without a browser."""

from __future__ import annotations

from lxml import html

# Interface text inside the reading text, not words of the text.
UI_CLASSES = ("app-call", "note-call", "para-num", "block-label", "also-told", "figure-absent")
BLOCKS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption",
          "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "br"}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def view_copy(element, view: str, keep_ui: bool = False):
    """Give a copy of ``element`` with what ``view`` hides removed (and the interface text, unless ``keep_ui``)."""
    copy = html.fromstring(html.tostring(element))
    for alt in copy.xpath('.//*[contains(concat(" ", @class, " "), " alt ")]'):
        if f"in-{view}" not in _classes(alt):
            alt.drop_tree()
    if not keep_ui:
        for extra in copy.xpath(".//*[@class]"):
            if _classes(extra) & set(UI_CLASSES):
                extra.drop_tree()
    return copy


def words(element) -> str:
    """Give the text of ``element`` as words separated by single spaces, blocks apart."""
    copy = html.fromstring(html.tostring(element))
    for block in copy.iter():
        if isinstance(block.tag, str) and block.tag in BLOCKS:
            block.tail = "\n" + (block.tail or "")
    return " ".join(copy.text_content().split())


def view_text(element, view: str) -> str:
    """Give the words of ``element`` as the view ``view`` shows them, without calls and paragraph numbers."""
    return words(view_copy(element, view))
