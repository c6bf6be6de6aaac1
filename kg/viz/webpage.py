"""The HTML text of the page: Bokeh's inlined JavaScript, the canvases, the model and the script.

The page is one file that opens anywhere, offline, from file://: Bokeh ships its JavaScript with the
Python package and inlines it, so there is no network and no build step. What Bokeh does not know
about knowledge graphs (series that open into their points, labels that make room for each other,
a side panel with the sentence a figure came from, search, focus, a language switch) is the small
hand-written script in web/, which reads the model this module writes into the page.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

from bokeh.embed import components
from bokeh.resources import Resources
from rdflib import Graph

from kg import atomic
from kg.viz.figures import chart, graph_figure
from kg.viz.labels import LIMIT, short
from kg.viz.layout import place
from kg.viz.model import View, build_view, class_table
from kg.viz.ontology import ontology_model

TITLE = ("Pension KG — China's pension system as a knowledge graph", "养老金知识图谱 — 中国养老金体系")


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("web", name).read_text(encoding="utf-8")


def _json_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _cuts(names: list[str]) -> list[str]:
    return [cut if cut != name else "" for name, cut in zip(names, short(names, LIMIT), strict=True)]


def _table(nodes: list[dict], edges: list[dict], classes: list[dict], preds, details, series) -> dict:
    """Column arrays (not one object per node): a 5,000-node page parses and indexes them quickly."""
    cls_index = {c["key"]: i for i, c in enumerate(classes)}
    return {
        "classes": classes,
        "nodes": {
            "id": [n["id"] for n in nodes],
            "cls": [cls_index[n["cls"]] for n in nodes],
            **{k: [n[k] for n in nodes] for k in ("en", "zh", "x", "y", "size", "rank", "series")},
            # the names as the canvas writes them, where they are cut ("" where whole): cut to fit,
            # but never two different names cut alike
            **{f"short_{k}": _cuts([n[k] for n in nodes]) for k in ("en", "zh")},
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


# Bokeh's names for the document and the canvases' elements (random UUIDs) and for its models
# ("p1008", from a counter that runs on for as long as the process does)
_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=\")p\d+(?=\")")


def _stable_ids(script: str, divs: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The same graph must give the same page byte for byte, so each of Bokeh's names is replaced by
    one made from its order of first appearance (the canvases hold no data, only Bokeh's own JSON)."""
    names: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        kind = "p" if m.group(0).startswith("p") else "pkg-"
        return names.setdefault(m.group(0), f"{kind}{1000 + len(names)}")

    keys = sorted(divs)
    joined = _IDS.sub(rename, "\x00".join([script, *(divs[k] for k in keys)]))
    first, *rest = joined.split("\x00")
    return first, dict(zip(keys, rest, strict=True))


def payload(g: Graph, view: View, lang: str, titles: tuple[str, str]) -> dict:
    onto = ontology_model(g)
    return {
        "title": list(titles),  # English, Chinese: the header follows the language switch
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
    titles = (title, title) if title else TITLE
    script, divs = _stable_ids(
        *components({"graph": graph_figure("graph"), "onto": graph_figure("onto"), "chart": chart()})
    )
    res = Resources(mode="inline", components=["bokeh"])
    html_text = _asset("page.html")
    parts = {
        "TITLE": html.escape(titles[1] if lang == "zh" else titles[0]),
        "LANG": "zh-Hans" if lang == "zh" else "en",
        "BOKEH_JS": res.render_js(),
        "BOKEH_CSS": res.render_css(),
        "STYLE": _asset("viz.css"),
        "DATA": _json_script(payload(g, view, lang, titles)),
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
