"""What the pictures show: the entity graph cut down, grouped and annotated for a person to read.

Both the interactive page and the static picture draw this model, so they agree on what a node is.
Three things happen here that the entity graph itself does not do:

* observations are grouped into *series* (one indicator for one scheme and area over time): a
  hundred points around a scheme would bury it, so each series is one node that the page can expand
  into its points, and that carries the chart of how the series moved;
* the graph is cut to the classes asked for (``--types``) and to a neighbourhood (``--focus``);
* every node gets what clicking it should show: its properties with readable values, and for a fact
  the sentence it came from with the figure's characters, its article, and its status.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from kg.entity_graph import CLASSES, NodeClass, entity_graph, labels, local_name, resolve
from kg.namespaces import PKG
from kg.viz import series as sr
from kg.viz.details import details
from kg.viz.labels import distinct
from kg.viz.names import names
from kg.viz.style import BASE_SIZE, HIDDEN_AT_FIRST, LABEL_WEIGHT, STYLE

SERIES = NodeClass("Series", str(PKG.Observation) + "/series", "statistical series", "统计序列")
VIEW_CLASSES: tuple[NodeClass, ...] = (*CLASSES[:-2], SERIES, *CLASSES[-2:])
VIEW_CLASS_BY_KEY = {c.key: c for c in VIEW_CLASSES}

_MEMBER = ("point", "数据点")


class VizError(ValueError):
    """A --types or --focus the graph cannot satisfy."""


@dataclass
class View:
    """Columnar node/edge tables plus per-node details, as the page's script reads them."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    preds: list[tuple[str, str]] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)
    series: list[dict] = field(default_factory=list)
    focus: int = -1
    total_entities: int = 0

    def index(self) -> dict[str, int]:
        return {n["id"]: i for i, n in enumerate(self.nodes)}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for n in self.nodes:
            out[n["cls"]] += 1
        return dict(out)

    def collapsed(self) -> nx.Graph:
        """The graph as first drawn: series closed, so observations and their edges left out."""
        H: nx.Graph[int] = nx.Graph()
        for i, n in enumerate(self.nodes):
            if n["series"] < 0:
                H.add_node(i)
        for e in self.edges:
            if not e["member"]:
                H.add_edge(e["s"], e["t"])
        return H


def parse_types(types: list[str] | None) -> set[str] | None:
    """Class keys from what a user typed: keys (any case), English class names, plurals, commas."""
    if not types:
        return None
    names = {c.key.casefold(): c.key for c in VIEW_CLASSES}
    names |= {c.en.casefold(): c.key for c in VIEW_CLASSES}
    names |= {"observations": "Observation", "measurements": "Series", "org": "Organization", "people": "Person"}
    out: set[str] = set()
    for raw in (t for arg in types for t in arg.split(",")):
        word = raw.strip().casefold()
        if not word:
            continue
        key = names.get(word) or names.get(word.removesuffix("s")) or names.get(word.removesuffix("es"))
        if not key:
            valid = ", ".join(c.key for c in VIEW_CLASSES)
            raise VizError(f"unknown class {raw!r} for --types; choose from {valid}")
        out.add(key)
    if "Observation" in out:
        out.add("Series")  # points are drawn inside their series
    return out


def build_view(g: Graph, focus: str | None = None, depth: int = 2, types: list[str] | None = None) -> View:
    """The model of the picture of RDF graph ``g`` (data plus ontology, as store.load_graph gives)."""
    G = entity_graph(g)
    total = G.number_of_nodes()
    keep_types = parse_types(types)
    focus_iri = None
    if focus:
        focus_iri = resolve(G, focus)
        ego = nx.ego_graph(G.to_undirected(as_view=True), focus_iri, radius=max(depth, 0))
        G = G.subgraph(ego.nodes).copy()
    if keep_types is not None:
        wanted = {n for n, d in G.nodes(data=True) if d["cls"] in keep_types or n == focus_iri}
        if "Series" in keep_types:
            wanted |= {n for n, d in G.nodes(data=True) if d["cls"] == "Observation"}
        G = G.subgraph(wanted).copy()
    if G.number_of_nodes() == 0:
        raise VizError("nothing to draw: no node of the classes asked for")
    view = View(total_entities=total)
    _nodes_and_edges(g, G, view)
    if focus_iri is not None:
        view.focus = view.index().get(focus_iri, -1)
    details(g, view)
    return view


def _nodes_and_edges(g: Graph, G: nx.MultiDiGraph, view: View) -> None:
    pred_index: dict[str, int] = {}

    def pred(en: str, zh: str) -> int:
        if en not in pred_index:
            pred_index[en] = len(view.preds)
            view.preds.append((en, zh))
        return pred_index[en]

    groups: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        if d["cls"] == "Observation":
            groups[sr.series_key(g, URIRef(n))].append(n)
    series_of: dict[str, str] = {}
    for key, members in sorted(groups.items()):
        # the unit too: one indicator can be reported in two units (a sum and a share), two series
        sid = "series:" + "|".join(local_name(k) if k else "" for k in key)
        for m in members:
            series_of[m] = sid
    # Non-observation nodes first, then series, then the points (so a series precedes its points).
    order = [n for n in G if G.nodes[n]["cls"] != "Observation"]
    for n in sorted(order):
        d = G.nodes[n]
        c = VIEW_CLASS_BY_KEY[d["cls"]]
        view.nodes.append(_node(n, d["cls"], *names(g, URIRef(n), d["cls"], d["label"], d["label_zh"], c.en, c.zh)))
    idx = {n["id"]: i for i, n in enumerate(view.nodes)}
    for key, members in sorted(groups.items()):
        ind, scheme, area, unit = (URIRef(k) if k else None for k in key)
        en, zh = sr.series_labels(g, ind, scheme, area)
        sid = series_of[members[0]]
        idx[sid] = len(view.nodes)
        node = _node(sid, "Series", en, zh)
        node["points"] = len(members)
        node["unit"] = list(labels(g, unit)) if unit else ["", ""]
        view.nodes.append(node)
        view.series.append({"node": idx[sid], "points": [], "unit": node["unit"]})
    _distinct_names(view.nodes)
    series_entry = {s["node"]: i for i, s in enumerate(view.series)}
    for m in sorted(series_of, key=lambda m: (series_of[m], sr.period_end_iso(g, URIRef(m)), m)):
        d = G.nodes[m]
        en, zh = sr.observation_labels(g, URIRef(m))
        node = _node(m, "Observation", en, zh)
        node["series"] = idx[series_of[m]]
        idx[m] = len(view.nodes)
        view.nodes.append(node)
        view.series[series_entry[node["series"]]]["points"] += sr.points(g, URIRef(m), idx[m])
    # Edges: those touching a point are drawn only when its series is open ("member" edges); the same
    # edge lifted to the series is drawn while it is closed, once per (series, relation, neighbour).
    seen: set[tuple[int, int, int]] = set()

    def add(s: int, t: int, p: int, member: bool) -> None:
        if s == t or (s, t, p) in seen:
            return
        seen.add((s, t, p))
        view.edges.append({"s": s, "t": t, "p": p, "member": member})

    for u, v, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        p = pred(data["label"], data["label_zh"])
        su, sv = series_of.get(u), series_of.get(v)
        if su or sv:
            add(idx[u], idx[v], p, True)
            lu, lv = idx[su or u], idx[sv or v]
            if lu != lv:
                add(lu, lv, p, False)
        else:
            add(idx[u], idx[v], p, False)
    member = pred(*_MEMBER)
    for m, sid in sorted(series_of.items()):
        add(idx[sid], idx[m], member, True)
    for s in view.series:
        s["points"].sort(key=lambda pt: (pt["x"], pt["y"]))
    # Series-level edges to an indicator or scheme read better than the same edge on every point.
    degree: dict[int, int] = defaultdict(int)
    for e in view.edges:
        if not e["member"]:
            degree[e["s"]] += 1
            degree[e["t"]] += 1
    for i, n in enumerate(view.nodes):
        k = degree.get(i, 0)
        n["size"] = round(BASE_SIZE[n["cls"]] + min(10.0, 2.2 * math.sqrt(k)), 1)
        n["rank"] = round(LABEL_WEIGHT[n["cls"]] * (1 + math.log1p(k)), 3)


def _distinct_names(nodes: list[dict]) -> None:
    """No two nodes of the overview (everything but the points) named alike, in either language."""
    for k, lang in enumerate(("en", "zh")):

        def of_class(n: dict, lang: str = lang) -> str:
            return str(getattr(VIEW_CLASS_BY_KEY[n["cls"]], lang))

        def unit(n: dict, k: int = k) -> str:
            return str(n.get("unit", ["", ""])[k])

        def name(n: dict) -> str:
            return local_name(n["id"])

        distinct(nodes, lang, [of_class, unit, name])


def _node(nid: str, cls: str, en: str, zh: str) -> dict:
    return {"id": nid, "cls": cls, "en": en, "zh": zh, "series": -1, "x": 0.0, "y": 0.0}


def class_table(view: View, g: Graph) -> list[dict]:
    """Legend rows for the classes present: key, names in both languages (from the ontology), style."""
    counts = view.counts()
    rows = []
    for c in VIEW_CLASSES:
        if c.key not in counts:
            continue
        en, zh = c.en, c.zh
        if c.key != "Series":
            onto_en, onto_zh = labels(g, URIRef(c.iri))
            if (URIRef(c.iri), RDFS.label, None) in g:
                en, zh = onto_en, onto_zh
        color, marker = STYLE[c.key]
        rows.append(
            {
                "key": c.key,
                "en": en,
                "zh": zh,
                "color": color,
                "marker": marker,
                "count": counts[c.key],
                "off": c.key in HIDDEN_AT_FIRST and len(counts) > 1,
            }
        )
    return rows
