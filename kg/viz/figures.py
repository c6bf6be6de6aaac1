"""The Bokeh canvases of the page: the graph, the ontology and the chart of a series, all empty.

Bokeh (from PyPI, never copied here) draws: canvas, pan and zoom, tap, hover. Every renderer is
made here with an empty, named data source; the page's script (web/viz.js) finds them by name and
fills them with what is to be drawn, so that filtering, opening a series or switching language never
goes back to Python.
"""

from __future__ import annotations

from typing import Any

from bokeh.core.properties import field
from bokeh.models import ColumnDataSource, CustomJS, HoverTool, NumeralTickFormatter, Range1d, TapTool

# from where they are defined: bokeh.models re-exports them by an __all__ that mypy cannot follow
from bokeh.models.annotations.arrows import Arrow, NormalHead
from bokeh.models.annotations.labels import LabelSet
from bokeh.models.annotations.legends import Legend, LegendItem
from bokeh.models.renderers.glyph_renderer import GlyphRenderer
from bokeh.plotting import figure

NODE_COLUMNS = ("x", "y", "marker", "color", "size", "alpha", "line", "lw", "idx", "label", "cls")
EDGE_COLUMNS = ("x0", "y0", "x1", "y1", "color", "alpha", "width")
LABEL_COLUMNS = ("x", "y", "text", "xo", "yo", "ta")


def _empty(columns: tuple[str, ...], name: str) -> ColumnDataSource:
    return ColumnDataSource({c: [] for c in columns}, name=name)


def graph_figure(name: str) -> figure:
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


def chart() -> figure:
    """The one chart of a statistical series; the script fills it with the series selected.

    Its title is the series' whole name, written above the chart by the page (a canvas title is one
    line, cut at the panel's width); its legend says what each colour of point means, one entry per
    kind of point present (Bokeh groups the ``kind`` column in the browser).
    """
    chart = figure(
        name="chart",
        x_axis_type="datetime",
        x_range=Range1d(start=0, end=1, name="chart-x"),
        y_range=Range1d(start=0, end=1, name="chart-y"),
        height=236,
        sizing_mode="stretch_width",
        tools="pan,wheel_zoom,reset,save",
        toolbar_location=None,
        min_border_left=8,
        background_fill_color="#ffffff",
    )
    line = ColumnDataSource({"x": [], "y": []}, name="chart-line")
    columns = ("x", "y", "period", "value", "status", "color", "kind")
    pts = ColumnDataSource({c: [] for c in columns}, name="chart-pts")
    chart.line("x", "y", source=line, line_width=2, line_color="#1f77b4")
    r = chart.scatter("x", "y", source=pts, size=8, fill_color="color", line_color="#ffffff")
    chart.add_tools(HoverTool(renderers=[r], tooltips=[("period", "@period"), ("value", "@value"), ("", "@status")]))
    renderer: GlyphRenderer = r  # a renderer of any glyph, as LegendItem is typed
    chart.yaxis.formatter = NumeralTickFormatter(format="0.[00]a")
    legend = Legend(
        items=[LegendItem(label=field("kind"), renderers=[renderer])],
        name="chart-legend",
        orientation="horizontal",
        location="center",
        label_text_font_size="11px",
        glyph_width=14,
        spacing=10,
        margin=0,
        border_line_color=None,
    )
    chart.add_layout(legend, "below")
    chart.xgrid.grid_line_alpha = 0.4
    chart.ygrid.grid_line_alpha = 0.4
    return chart
