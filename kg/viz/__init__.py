"""`pension-kg viz`: the graph as one HTML page that opens anywhere, offline, or as a static picture.

One module per job:

* ``model``: what is drawn (the entity graph cut down, observations grouped into series), with
  ``series`` (naming a series and its points), ``values`` (figures as a reader writes them),
  ``details`` (what clicking a node shows), ``names`` and ``labels`` (names in both languages that
  tell nodes apart) and ``style`` (colour, marker and size per class);
* ``ontology``: the classes and properties of the ontology, as a second graph to draw;
* ``layout``: where the nodes go, computed once when the page is written;
* ``figures`` and ``webpage``: the Bokeh canvases and the self-contained HTML page around them,
  with the script and style in ``web/``;
* ``static``: the picture for a report or the README, drawn by Graphviz.

The page needs Bokeh (and its numpy), which most users of the graph never need: they come with
the ``viz`` extra, and ``webpage`` is imported only when a page is written. The static picture
needs Graphviz alone.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from rdflib import Graph

from kg.viz.model import View, VizError
from kg.viz.static import write as write_static

__all__ = ["NEEDS_EXTRA", "VizError", "page", "write_html", "write_static"]

NEEDS_EXTRA = (
    "the viz page is drawn with Bokeh, which is not installed: pip install 'pension-kg[viz]' "
    "(viz --static FILE.svg needs only Graphviz)"
)
_EXTRA = {"bokeh", "numpy"}  # what the extra brings that the page imports


def _webpage() -> ModuleType:
    try:
        return importlib.import_module("kg.viz.webpage")
    except ModuleNotFoundError as e:
        if (e.name or "").split(".")[0] in _EXTRA:
            raise VizError(NEEDS_EXTRA) from None
        raise


def page(
    g: Graph,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> tuple[str, View]:
    """The HTML text of the page and the view it draws (VizError without the viz extra)."""
    text, view = _webpage().page(g, focus=focus, depth=depth, types=types, lang=lang, title=title)
    return text, view


def write_html(
    g: Graph,
    out: Path,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> dict:
    """Write the page to ``out``; what was written, as the command prints it."""
    written: dict = _webpage().write_html(g, out, focus=focus, depth=depth, types=types, lang=lang, title=title)
    return written
