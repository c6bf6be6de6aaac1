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

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.entity_graph import (
    CLASSES,
    REVIEW_FIGURES,
    NodeClass,
    entity_graph,
    labels,
    local_name,
    predicate_labels,
    resolve,
)
from kg.namespaces import NIF, PKG, SDMX_ATTR, SDMX_DIM, SDMX_MEAS

SERIES = NodeClass("Series", str(PKG.Observation) + "/series", "statistical series", "统计序列")
VIEW_CLASSES: tuple[NodeClass, ...] = (*CLASSES[:-2], SERIES, *CLASSES[-2:])
VIEW_CLASS_BY_KEY = {c.key: c for c in VIEW_CLASSES}

# Colour and marker per class: hues far apart for the classes a reader looks for first (schemes,
# reforms, agencies, people), the measurement classes in quieter blues. Markers are Bokeh's names;
# viz_static maps them to Graphviz shapes.
STYLE: dict[str, tuple[str, str]] = {
    "Scheme": ("#2e8b57", "hex"),
    "Pillar": ("#145a32", "star"),
    "Fund": ("#7dcea0", "hex"),
    "Reform": ("#d62728", "inverted_triangle"),
    "PolicyMeasure": ("#f08080", "triangle"),
    "PolicyEvent": ("#e377c2", "triangle"),
    "Organization": ("#8c564b", "square"),
    "OrganizationalUnit": ("#c49c94", "square"),
    "Post": ("#bcbd22", "diamond"),
    "Person": ("#9467bd", "circle"),
    "PublicService": ("#17becf", "hex"),
    "Article": ("#7f7f7f", "square_pin"),
    "Indicator": ("#ff7f0e", "diamond"),
    "Series": ("#1f77b4", "circle"),
    "Observation": ("#6baed6", "circle"),
    "AmbiguousFigure": ("#ff9896", "triangle_pin"),
    "UnclassifiedFigure": ("#c7c7c7", "triangle_pin"),
}
# Base marker size in screen pixels, before the bonus for well-connected nodes.
BASE_SIZE: dict[str, float] = {
    "Scheme": 20, "Pillar": 22, "Fund": 16, "Reform": 18, "PolicyMeasure": 14, "PolicyEvent": 14,
    "Organization": 16, "OrganizationalUnit": 13, "Post": 12, "Person": 15, "PublicService": 15,
    "Article": 14, "Indicator": 11, "Series": 12, "Observation": 8, "AmbiguousFigure": 10,
    "UnclassifiedFigure": 9,
}  # fmt: skip
# How much a class deserves a label when labels compete for room (times a degree bonus).
LABEL_WEIGHT: dict[str, float] = {
    "Pillar": 9, "Scheme": 8, "Reform": 7, "Organization": 6, "Person": 6, "PublicService": 5,
    "PolicyMeasure": 4, "PolicyEvent": 4, "Fund": 4, "Article": 3, "OrganizationalUnit": 3, "Post": 2,
    "Series": 2.5, "Indicator": 1.5, "AmbiguousFigure": 1.5, "UnclassifiedFigure": 1, "Observation": 1,
}  # fmt: skip

# Classes the page starts with switched off (the legend switches them on): indicators are code-list
# entries whose names the series already carry, and drawing all forty of them only adds clutter.
HIDDEN_AT_FIRST = {"Indicator"}
_SKIP_PROPS = {
    RDF.type, SKOS.altLabel, SKOS.hiddenLabel, PKG.cue, PKG.coordinationLabel, SKOS.inScheme, SKOS.topConceptOf,
    NIF.isString, PKG.text, SKOS.prefLabel, RDFS.label,
}  # fmt: skip
_HIDDEN_PRED_NS = (str(NIF),)
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
    _details(g, G, view)
    return view


def _series_key(g: Graph, obs: URIRef) -> tuple[str, str, str, str]:
    ind = g.value(obs, PKG.indicator)
    scheme = g.value(obs, PKG.scheme)
    area = g.value(obs, SDMX_DIM.refArea)
    unit = g.value(obs, SDMX_ATTR.unitMeasure)
    return (str(ind or ""), str(scheme or ""), str(area or ""), str(unit or ""))


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
            groups[_series_key(g, URIRef(n))].append(n)
    series_of: dict[str, str] = {}
    for key, members in sorted(groups.items()):
        sid = "series:" + "|".join(local_name(k) if k else "" for k in key[:3])
        for m in members:
            series_of[m] = sid
    # Non-observation nodes first, then series, then the points (so a series precedes its points).
    order = [n for n in G if G.nodes[n]["cls"] != "Observation"]
    for n in sorted(order):
        d = G.nodes[n]
        view.nodes.append(_node(n, d["cls"], d["label"], d["label_zh"]))
    idx = {n["id"]: i for i, n in enumerate(view.nodes)}
    for key, members in sorted(groups.items()):
        ind, scheme, area, unit = (URIRef(k) if k else None for k in key)
        en, zh = _series_labels(g, ind, scheme, area)
        sid = series_of[members[0]]
        idx[sid] = len(view.nodes)
        node = _node(sid, "Series", en, zh)
        node["points"] = len(members)
        view.nodes.append(node)
        view.series.append({"node": idx[sid], "points": [], "unit": list(labels(g, unit)) if unit else ["", ""]})
    series_entry = {s["node"]: i for i, s in enumerate(view.series)}
    for m in sorted(series_of, key=lambda m: (series_of[m], _period_end(g, URIRef(m)), m)):
        d = G.nodes[m]
        en, zh = _observation_labels(g, URIRef(m))
        node = _node(m, "Observation", en, zh)
        node["series"] = idx[series_of[m]]
        idx[m] = len(view.nodes)
        view.nodes.append(node)
        view.series[series_entry[node["series"]]]["points"] += _points(g, URIRef(m), idx[m])
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


def _node(nid: str, cls: str, en: str, zh: str) -> dict:
    return {"id": nid, "cls": cls, "en": en, "zh": zh, "series": -1, "x": 0.0, "y": 0.0}


def _series_labels(g: Graph, ind: URIRef | None, scheme: URIRef | None, area: URIRef | None) -> tuple[str, str]:
    parts_en, parts_zh = [], []
    for node in (ind, scheme):
        if node is not None:
            en, zh = labels(g, node)
            parts_en.append(en)
            parts_zh.append(zh)
    if area is not None and local_name(area) != "CN":
        en, zh = labels(g, area)
        parts_en.append(en)
        parts_zh.append(zh)
    return " · ".join(parts_en) or "series", " · ".join(parts_zh) or "序列"


def _decimal(lit) -> Decimal | None:
    try:
        return Decimal(str(lit))
    except (InvalidOperation, TypeError):
        return None


_SCALES = ((Decimal(10) ** 12, "trillion", "万亿", 10**12), (Decimal(10) ** 9, "billion", "亿", 10**8),
           (Decimal(10) ** 6, "million", "万", 10**4))  # fmt: skip


def format_value(value: Decimal, unit: str = "", lang: str = "en") -> str:
    """2300000000 persons → "2.3 billion persons" / "23亿人": how a reader would write it."""
    unit_word = {"persons": "", "count": "", "percent": "%", "CNY": " yuan"}.get(unit, f" {unit}" if unit else "")
    if lang == "zh":
        unit_word = {"persons": "人", "count": "", "percent": "%", "CNY": "元"}.get(unit, unit)
    if unit in ("percent", "percentage_points"):
        text = f"{_trim(value)}{'%' if unit == 'percent' else ' pp'}"
        return text if lang == "en" or unit == "percent" else f"{_trim(value)}个百分点"
    mag = abs(value)
    for big, word_en, word_zh, zh_div in _SCALES:
        if mag >= big:
            if lang == "zh":
                return f"{_trim(value / zh_div, 4)}{word_zh}{unit_word}"
            return f"{_trim(value / big)} {word_en}{unit_word}"
    if lang == "zh" and mag >= 10**4:
        return f"{_trim(value / 10**4, 4)}万{unit_word}"
    return f"{_trim(value)}{unit_word}"


def _trim(value: Decimal, places: int = 3) -> str:
    q = round(value, places)
    text = f"{q:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _observation_labels(g: Graph, obs: URIRef) -> tuple[str, str]:
    period = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    unit = local_name(str(g.value(obs, SDMX_ATTR.unitMeasure) or ""))
    values = sorted(v for v in (_decimal(o) for o in g.objects(obs, SDMX_MEAS.obsValue)) if v is not None)
    written = sorted(
        {str(g.value(m, NIF.anchorOf)) for m in g.subjects(PKG.supports, obs) if g.value(m, NIF.anchorOf)},
        key=lambda s: (len(s), s),
    )
    en = written[0] if len(values) == 1 and written else " / ".join(format_value(v, unit) for v in values)
    zh = " / ".join(format_value(v, unit, "zh") for v in values)
    return f"{en} ({period})", f"{zh}（{period}）"


def _period_end(g: Graph, obs: URIRef) -> str:
    notation = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    return period_end(notation).isoformat() if notation else ""


def period_end(notation: str) -> dt.date:
    """The last day of a period notation (2022, 2022-05, 2022-12-31, A/B): where a chart puts it."""
    last = notation.split("/")[-1]
    try:
        if len(last) == 4:
            return dt.date(int(last), 12, 31)
        if len(last) == 7:
            y, m = int(last[:4]), int(last[5:7])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(last[:10])
    except ValueError:
        return dt.date(1970, 1, 1)


def _points(g: Graph, obs: URIRef, node: int) -> list[dict]:
    notation = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    status = local_name(str(g.value(obs, PKG.status) or ""))
    end = period_end(notation)
    x = (dt.datetime(end.year, end.month, end.day) - dt.datetime(1970, 1, 1)).total_seconds() * 1000
    out = []
    for v in sorted(v for v in (_decimal(o) for o in g.objects(obs, SDMX_MEAS.obsValue)) if v is not None):
        out.append({"x": x, "y": float(v), "period": notation, "status": status, "node": node})
    return out


# ---------------------------------------------------------------------------------------------- details


def _details(g: Graph, G: nx.MultiDiGraph, view: View) -> None:
    idx = view.index()
    sentences = _sentence_index(g)
    docs = {n["id"]: i for i, n in enumerate(view.nodes) if n["cls"] == "Article"}
    label_cache: dict[URIRef, tuple[str, str]] = {}

    def label_of(o: URIRef) -> tuple[str, str]:
        if o not in label_cache:
            label_cache[o] = labels(g, o)
        return label_cache[o]

    pred_cache: dict[URIRef, tuple[str, str]] = {}
    for n in view.nodes:
        if n["cls"] == "Series":
            view.details.append({"iri": "", "props": [], "facts": [], "status": ""})
            continue
        node = URIRef(n["id"])
        props = []
        for p, o in sorted(g.predicate_objects(node)):
            if not isinstance(p, URIRef) or p in _SKIP_PROPS or str(p).startswith(_HIDDEN_PRED_NS):
                continue
            if p not in pred_cache:
                pred_cache[p] = predicate_labels(g, p)
            pen, pzh = pred_cache[p]
            if isinstance(o, Literal):
                text = str(o)
                if len(text) > 400:
                    text = text[:399] + "…"
                if o.language == "zh":
                    props.append([pen, pzh, "", text, -1])
                else:
                    props.append([pen, pzh, text, text if o.language != "en" else "", -1])
            elif isinstance(o, URIRef):
                if str(o) in idx:
                    target = view.nodes[idx[str(o)]]
                    props.append([pen, pzh, target["en"], target["zh"], idx[str(o)]])
                elif (o, RDF.type, NIF.OffsetBasedString) in g:
                    continue  # provenance spans: shown as sentences below
                else:
                    en, zh = label_of(o)
                    props.append([pen, pzh, en, zh, -1])
        status = local_name(str(g.value(node, PKG.status) or ""))
        facts = [_fact(g, m, sentences, docs, label_of) for m in _mentions_of(g, node, n["cls"])]
        facts = [f for f in facts if f]
        view.details.append({"iri": n["id"], "props": _merge_langs(props), "facts": facts, "status": status})


def _merge_langs(props: list[list]) -> list[list]:
    """Fold "label"@en and "label"@zh rows into one row with both languages."""
    out: list[list] = []
    by_pred: dict[str, list] = {}
    for row in props:
        pen, pzh, en, zh, link = row
        prev = by_pred.get(pen)
        if link < 0 and prev is not None and prev[4] < 0 and ((not prev[2] and en) or (not prev[3] and zh)):
            prev[2] = prev[2] or en
            prev[3] = prev[3] or zh
            continue
        row = [pen, pzh, en or zh, zh or en, link]
        out.append(row)
        if link < 0 and (not en or not zh):
            by_pred[pen] = row
    return out


def _mentions_of(g: Graph, node: URIRef, cls: str) -> list[URIRef]:
    """The spans of text a fact came from: figure mentions supporting it, or the phrase of an event."""
    if cls in REVIEW_FIGURES:
        return [node]
    found = {s for s in g.subjects(PKG.supports, node) if isinstance(s, URIRef)}
    if cls in ("Reform", "PolicyMeasure", "PolicyEvent"):
        found |= {s for s in g.objects(node, _DERIVED) if isinstance(s, URIRef)}
    return sorted(found, key=str)


_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def _sentence_index(g: Graph) -> dict[str, list[tuple[int, int, str]]]:
    """Sentences per article context, so a span can be shown inside the sentence that holds it."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s in g.subjects(RDF.type, NIF.Sentence):
        ctx = g.value(s, NIF.referenceContext)
        b, e, text = g.value(s, NIF.beginIndex), g.value(s, NIF.endIndex), g.value(s, NIF.anchorOf)
        if ctx is not None and b is not None and e is not None and text is not None:
            out[str(ctx)].append((_int(b), _int(e), str(text)))
    for v in out.values():
        v.sort()
    return out


def _int(value: Node | None) -> int:
    """A NIF offset: an integer literal."""
    if not isinstance(value, Literal):
        raise TypeError(f"a NIF offset is an integer literal, not {value!r}")
    return int(value)


def _fact(g: Graph, span: URIRef, sentences, docs: dict[str, int], label_of) -> dict | None:
    begin, end = g.value(span, NIF.beginIndex), g.value(span, NIF.endIndex)
    written = g.value(span, NIF.anchorOf)
    if begin is None or end is None or written is None:
        return None
    b, e = _int(begin), _int(end)
    sentence = g.value(span, NIF.sentence)
    if sentence is not None and g.value(sentence, NIF.anchorOf) is not None:
        sb = _int(g.value(sentence, NIF.beginIndex))
        text = str(g.value(sentence, NIF.anchorOf))
    else:
        ctx = str(g.value(span, NIF.referenceContext) or "")
        holder = next(((sb_, se_, t) for sb_, se_, t in sentences.get(ctx, []) if sb_ <= b and e <= se_), None)
        sb, text = (holder[0], holder[2]) if holder else (b, str(written))
    doc = g.value(span, DCTERMS.isPartOf)
    status = local_name(str(g.value(span, PKG.status) or ""))
    curation = [str(g.value(c, PKG.reason) or "") for c in g.objects(span, PKG.curatedBy)]
    note = str(g.value(span, PKG.reason) or g.value(span, RDFS.comment) or "")
    title = ""
    date = ""
    if doc is not None:
        title = label_of(doc)[0]
        date = str(g.value(doc, DCTERMS.issued) or "")
    return {
        "sentence": text,
        "hl": [b - sb, e - sb],
        "written": str(written),
        "doc": docs.get(str(doc), -1) if doc is not None else -1,
        "docTitle": title,
        "docIri": str(doc or ""),
        "date": date,
        "status": status,
        "note": note,
        "curation": [c for c in curation if c],
        "begin": b,
        "end": e,
    }


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
