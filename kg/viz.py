"""`pension-kg viz`: the graph as one HTML page that opens anywhere, offline, from file://.

The drawing is done by Bokeh (taken from PyPI, never copied here): it ships its JavaScript with the
Python package and inlines it, so the page needs no network and no build step. What Bokeh does not
know about knowledge graphs (series that open into their points, labels that make room for each
other, a side panel with the sentence a figure came from, search, focus, a language switch) is the
small hand-written script in kg/web/viz/, which reads the model this module writes into the page.

``write_static`` is the picture for a report or the README, drawn by Graphviz (see viz_static).
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

from bokeh.embed import components
from bokeh.models import ColumnDataSource, CustomJS, HoverTool, NumeralTickFormatter, Range1d, TapTool

# from where they are defined: bokeh.models re-exports them by an __all__ that mypy cannot follow
from bokeh.models.annotations.arrows import Arrow, NormalHead
from bokeh.models.annotations.labels import LabelSet, Title
from bokeh.plotting import figure
from bokeh.resources import Resources
from rdflib import Graph

from kg import atomic
from kg.viz_layout import place
from kg.viz_model import View, VizError, build_view, class_table
from kg.viz_ontology import ontology_model

__all__ = ["VizError", "page", "write_html", "write_static"]

NODE_COLUMNS = ("x", "y", "marker", "color", "size", "alpha", "line", "lw", "idx", "label", "cls")
EDGE_COLUMNS = ("x0", "y0", "x1", "y1", "color", "alpha", "width")
LABEL_COLUMNS = ("x", "y", "text", "xo", "yo", "ta")


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("web", "viz", name).read_text(encoding="utf-8")


def _empty(columns: tuple[str, ...], name: str) -> ColumnDataSource:
    return ColumnDataSource({c: [] for c in columns}, name=name)


def _graph_figure(name: str) -> figure:
    """A blank canvas with every renderer the script fills: edges, highlighted edges, direction
    marks, nodes, node labels and edge labels (all empty here; the script owns the data)."""
    fig = figure(
        name=name,
        x_range=Range1d(start=-600, end=600, name=f"{name}-x"),
        y_range=Range1d(start=-400, end=400, name=f"{name}-y"),
        sizing_mode="stretch_both",
        tools="pan,wheel_zoom,box_zoom,reset,save",
        active_scroll="wheel_zoom",
        toolbar_location="right",
        min_border=0,
        outline_line_color=None,
        background_fill_color="#fbfbfd",
        border_fill_color="#fbfbfd",
    )
    fig.axis.visible = False
    fig.grid.visible = False
    fig.toolbar.logo = None
    edges = _empty(EDGE_COLUMNS, f"{name}-edges")
    fig.segment("x0", "y0", "x1", "y1", source=edges, line_color="color", line_alpha="alpha", line_width="width")
    hl = _empty(EDGE_COLUMNS, f"{name}-hl")
    fig.segment("x0", "y0", "x1", "y1", source=hl, line_color="color", line_alpha="alpha", line_width="width")
    arrows = _empty(("x0", "y0", "x1", "y1", "color"), f"{name}-arrows")
    fig.add_layout(
        Arrow(
            source=arrows,
            x_start="x0",
            y_start="y0",
            x_end="x1",
            y_end="y1",
            line_alpha=0,  # type: ignore[call-arg]  # bokeh's stub names it body_line_alpha; Arrow has line_alpha
            end=NormalHead(size=8, fill_color="color", line_color="color", fill_alpha=0.9),
        )
    )
    nodes = _empty(NODE_COLUMNS, f"{name}-nodes")
    style: dict[str, Any] = {  # each a column of `nodes`, for a keyword typed per property
        "marker": "marker", "size": "size", "fill_color": "color", "fill_alpha": "alpha", "line_color": "line",
        "line_alpha": "alpha", "line_width": "lw",
    }  # fmt: skip
    r = fig.scatter(
        "x", "y", source=nodes, name=f"{name}-scatter", **style,
        **{f"selection_{k}": v for k, v in style.items() if k not in ("marker", "size")},
        **{f"nonselection_{k}": v for k, v in style.items() if k not in ("marker", "size")},
    )  # fmt: skip
    fig.add_tools(TapTool(renderers=[r]))
    fig.add_tools(
        HoverTool(
            renderers=[r],
            tooltips='<div style="max-width:320px"><b>@label</b><br><span style="color:#666">@cls</span></div>',
        )
    )
    # every edge's name at its midpoint, on hover: what collision placement leaves unwritten is still named
    mids = fig.scatter("x", "y", source=_empty(("x", "y", "text"), f"{name}-emid"), size=14, alpha=0)
    fig.add_tools(HoverTool(renderers=[mids], tooltips='<i style="color:#54606e">@text</i>'))
    nodes.selected.js_on_change("indices", CustomJS(code=f"window.PKG && PKG.onTap('{name}', cb_obj.indices)"))
    common: dict[str, Any] = {"source": None, "x": "x", "y": "y", "text": "text", "x_offset": "xo", "y_offset": "yo"}
    label_style = {**common, "text_align": "center", "text_baseline": "middle", "background_fill_color": "#fbfbfd"}
    fig.add_layout(  # node labels
        LabelSet(
            **{**label_style, "source": _empty(LABEL_COLUMNS, f"{name}-labels")},
            text_font_size="11px",
            text_color="#1d2430",
            text_alpha="ta",
            background_fill_alpha=0.78,
            name=f"{name}-ls",
        )
    )
    fig.add_layout(  # edge labels
        LabelSet(
            **{**label_style, "source": _empty(LABEL_COLUMNS, f"{name}-elabels")},
            text_font_size="10px",
            text_color="#54606e",
            text_font_style="italic",
            background_fill_alpha=0.85,
        )
    )
    cb = CustomJS(code=f"window.PKG && PKG.onRange('{name}')")
    for rng in (fig.x_range, fig.y_range):
        rng.js_on_change("start", cb)
        rng.js_on_change("end", cb)
    fig.js_on_change("inner_width", cb)
    fig.js_on_change("inner_height", cb)
    return fig


def _chart() -> figure:
    """The one chart of a statistical series; the script fills it with the series selected."""
    chart = figure(
        name="chart",
        x_axis_type="datetime",
        x_range=Range1d(start=0, end=1, name="chart-x"),
        y_range=Range1d(start=0, end=1, name="chart-y"),
        height=210,
        sizing_mode="stretch_width",
        tools="pan,wheel_zoom,reset,save",
        toolbar_location=None,
        min_border_left=8,
        background_fill_color="#ffffff",
    )
    line = ColumnDataSource({"x": [], "y": []}, name="chart-line")
    pts = ColumnDataSource({"x": [], "y": [], "period": [], "value": [], "status": [], "color": []}, name="chart-pts")
    chart.line("x", "y", source=line, line_width=2, line_color="#1f77b4")
    r = chart.scatter("x", "y", source=pts, size=8, fill_color="color", line_color="#ffffff")
    chart.add_tools(HoverTool(renderers=[r], tooltips=[("period", "@period"), ("value", "@value"), ("", "@status")]))
    chart.yaxis.formatter = NumeralTickFormatter(format="0.[00]a")
    assert isinstance(chart.title, Title)  # Plot.title takes a str too, but holds a Title
    chart.title.text_font_size = "12px"
    chart.xgrid.grid_line_alpha = 0.4
    chart.ygrid.grid_line_alpha = 0.4
    return chart


def _json_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _table(nodes: list[dict], edges: list[dict], classes: list[dict], preds, details, series) -> dict:
    """Column arrays (not one object per node): a 5,000-node page parses and indexes them quickly."""
    cls_index = {c["key"]: i for i, c in enumerate(classes)}
    return {
        "classes": classes,
        "nodes": {
            "id": [n["id"] for n in nodes],
            "cls": [cls_index[n["cls"]] for n in nodes],
            **{k: [n[k] for n in nodes] for k in ("en", "zh", "x", "y", "size", "rank", "series")},
        },
        "edges": {
            "s": [e["s"] for e in edges],
            "t": [e["t"] for e in edges],
            "p": [e["p"] for e in edges],
            "member": [int(e["member"]) for e in edges],
        },
        "preds": preds,
        "details": details,
        "series": series,
    }


def payload(g: Graph, view: View, lang: str, title: str) -> dict:
    onto = ontology_model(g)
    return {
        "title": title,
        "lang": lang,
        "totalEntities": view.total_entities,
        "focus": view.focus,
        "graph": _table(view.nodes, view.edges, class_table(view, g), view.preds, view.details, view.series),
        "ontology": _table(onto["nodes"], onto["edges"], onto["classes"], onto["preds"], onto["details"], []),
    }


def page(
    g: Graph,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> tuple[str, View]:
    """The HTML text of the page and the view it draws."""
    view = build_view(g, focus=focus, depth=depth, types=types)
    place(view)
    title = title or "Pension KG — China's pension system as a knowledge graph"
    script, divs = components({"graph": _graph_figure("graph"), "onto": _graph_figure("onto"), "chart": _chart()})
    res = Resources(mode="inline", components=["bokeh"])
    html_text = _asset("page.html")
    parts = {
        "TITLE": html.escape(title),
        "LANG": "zh-Hans" if lang == "zh" else "en",
        "BOKEH_JS": res.render_js(),
        "BOKEH_CSS": res.render_css(),
        "STYLE": _asset("viz.css"),
        "DATA": _json_script(payload(g, view, lang, title)),
        "APP_JS": _asset("viz.js"),
        "GRAPH_DIV": divs["graph"],
        "ONTO_DIV": divs["onto"],
        "CHART_DIV": divs["chart"],
        "BOKEH_SCRIPT": script,
    }
    for key, value in parts.items():
        html_text = html_text.replace("{{" + key + "}}", value)
    return html_text, view


def write_html(
    g: Graph,
    out: Path,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> dict:
    text, view = page(g, focus=focus, depth=depth, types=types, lang=lang, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(out, text)
    shown = view.collapsed().number_of_nodes()
    return {"written": str(out), "nodes": len(view.nodes), "shown": shown, "edges": len(view.edges)}


def write_static(
    g: Graph,
    out: Path,
    focus: str | None = None,
    depth: int = 2,
    types: list[str] | None = None,
    lang: str = "en",
    title: str = "",
) -> dict:
    from kg import viz_static

    return viz_static.write(g, out, focus=focus, depth=depth, types=types, lang=lang, title=title)
