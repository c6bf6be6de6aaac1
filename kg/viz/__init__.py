"""`pension-kg viz`: the graph as one HTML page that opens anywhere, offline, or as a static picture.

One module per job:

* ``model``: what is drawn (the entity graph cut down, observations grouped into series), with
  ``series`` (naming a series and its points), ``values`` (figures as a reader writes them),
  ``details`` (what clicking a node shows) and ``style`` (colour, marker and size per class);
* ``ontology``: the classes and properties of the ontology, as a second graph to draw;
* ``layout``: where the nodes go, computed once when the page is written;
* ``figures`` and ``page``: the Bokeh canvases and the self-contained HTML page around them, with
  the script and style in ``web/``;
* ``static``: the picture for a report or the README, drawn by Graphviz.
"""

from __future__ import annotations

from kg.viz.model import VizError
from kg.viz.page import page, write_html
from kg.viz.static import write as write_static

__all__ = ["VizError", "page", "write_html", "write_static"]
