"""RDF → networkx: the graph of *things* (schemes, reforms, agencies, people, articles, figures).

The RDF graph is built for provenance: every figure hangs off NIF spans, sentences and contexts,
and every code list entry is there whether or not anything uses it. That is right for SPARQL and
wrong for looking at the system or asking networkx how two things are connected: the spans would
sit on every path, and a thousand unused codes would drown the picture. This module keeps one node
per entity and one edge per relation between entities, and turns the provenance chains into
direct edges (an observation is *reported in* an article, *attributed to* the person who said it).

Nodes are keyed by IRI and carry ``label`` / ``label_zh`` / ``cls`` (a key of CLASSES) / ``iri``;
edges carry ``predicate`` / ``label`` / ``label_zh``, so GraphML and GEXF exports read in Gephi or
Cytoscape desktop without the ontology at hand; ``with_data`` adds what the figures say (values,
periods, units, source files) for those exports.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME
from rdflib.term import Identifier, Node

from kg.extract.numbers import plain
from kg.namespaces import FOAF, NIF, ORG, PKG, SCHEMA, SDMX_ATTR, SDMX_DIM, SDMX_MEAS


@dataclass(frozen=True)
class NodeClass:
    """A class of node as the pictures and the analysis see it (the most specific RDF class wins)."""

    key: str
    iri: str
    en: str
    zh: str


# Most specific first: a pkg:Reform is also a pkg:PolicyEvent, a pkg:AmbiguousFigure a FigureMention.
CLASSES: tuple[NodeClass, ...] = (
    NodeClass("Scheme", str(PKG.InsuranceScheme), "insurance scheme", "社会保障项目"),
    NodeClass("Pillar", str(PKG.Pillar), "pension pillar", "养老保险支柱"),
    NodeClass("Fund", str(PKG.Fund), "social insurance fund", "社会保险基金"),
    NodeClass("Reform", str(PKG.Reform), "reform", "改革"),
    NodeClass("PolicyMeasure", str(PKG.PolicyMeasure), "policy measure", "政策措施"),
    NodeClass("PolicyEvent", str(PKG.PolicyEvent), "policy event", "政策事件"),
    NodeClass("Organization", str(ORG.Organization), "organization", "机构"),
    NodeClass("OrganizationalUnit", str(ORG.OrganizationalUnit), "organizational unit", "内设机构"),
    NodeClass("Post", str(ORG.Post), "post", "职务"),
    NodeClass("Person", str(FOAF.Person), "person", "人物"),
    NodeClass("PublicService", str(PKG.PublicService), "public service", "公共服务"),
    NodeClass("Article", str(PKG.Article), "news article", "新闻报道"),
    NodeClass("Indicator", str(PKG.Indicator), "statistical indicator", "统计指标"),
    NodeClass("Observation", str(PKG.Observation), "statistical observation", "统计观测"),
    NodeClass("AmbiguousFigure", str(PKG.AmbiguousFigure), "ambiguous figure", "指代不明的数据"),
    NodeClass("UnclassifiedFigure", str(PKG.UnclassifiedFigure), "unclassified figure", "未归类的数据"),
)
# Figures kept for review: they support nothing, so each is its own node beside its article.
REVIEW_FIGURES = frozenset({"AmbiguousFigure", "UnclassifiedFigure"})
CLASS_BY_KEY = {c.key: c for c in CLASSES}
_CLASS_BY_IRI: dict[Node, NodeClass] = {URIRef(c.iri): c for c in CLASSES}  # looked up with any term
# Classification order (figures kept for review before anything a figure could also be typed as).
_PRIORITY = (
    sorted(REVIEW_FIGURES) + ["Observation"] + [c.key for c in CLASSES if c.key not in REVIEW_FIGURES | {"Observation"}]
)

# Code-list classes are kept only when something in the data refers to them: the indicator list has
# eighty entries of which an article uses a handful.
_ONLY_IF_USED = {"Indicator"}
# Predicates that never make an edge: typing, labels and the plumbing the synthetic edges replace.
_SKIP = {RDF.type, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept, PROV.wasDerivedFrom, PKG.text, PKG.eventType}

SOURCE = DCTERMS.source
ATTRIBUTED = PROV.wasAttributedTo
DERIVED = PROV.wasDerivedFrom
_SYNTHETIC_LABELS = {
    SOURCE: ("reported in", "报道来源"),
    ATTRIBUTED: ("attributed to", "出自"),
    DERIVED: ("derived from", "推算自"),
}
_FALLBACK_PREDICATE_ZH = {
    str(ORG.holds): "担任",
    str(ORG.postIn): "所属机构",
    str(ORG.unitOf): "隶属于",
    str(ORG.hasUnit): "下设",
    str(ORG.heldBy): "任职者",
    str(ORG.subOrganizationOf): "上级机构",
    str(SKOS.broader): "上位概念",
    str(SCHEMA.author): "作者",
    str(SCHEMA.mentions): "提及",
    str(SCHEMA.provider): "提供方",
    str(SCHEMA.isRelatedTo): "相关",
    str(DCTERMS.publisher): "发布者",
    str(DCTERMS.isPartOf): "属于",
}


class UnknownNode(LookupError):
    """A name that matches no node, or several: the message says which."""


def humanize(local: str) -> str:
    """``subOrganizationOf`` → ``sub organization of``: a readable fallback for unlabelled terms."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").lower()


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def literal_in(g: Graph, node: URIRef, preds: Iterable[URIRef], lang: str) -> str:
    """The first value of the first predicate that has one in ``lang`` (or untagged, for "en").

    Values are sorted and the shortest wins, so an event labelled with two spans reads the same
    on every run.
    """
    for p in preds:
        values = [o for o in g.objects(node, p) if isinstance(o, Literal)]
        if lang == "zh":
            hits = [str(v) for v in values if v.language == "zh"]
        else:
            hits = [str(v) for v in values if v.language in ("en", None)]
        if hits:
            return min(hits, key=lambda s: (len(s), s))
    return ""


_LABEL_PREDS = (SKOS.prefLabel, RDFS.label, FOAF.name, DCTERMS.title)


def labels(g: Graph, node: URIRef) -> tuple[str, str]:
    """(English, Chinese) labels; the Chinese falls back to the English, the English to any label."""
    en = literal_in(g, node, _LABEL_PREDS, "en")
    zh = literal_in(g, node, _LABEL_PREDS, "zh")
    if not en:
        en = zh or next((str(o) for p in _LABEL_PREDS for o in g.objects(node, p)), "") or humanize(local_name(node))
    return en, zh or en


def predicate_labels(g: Graph, pred: URIRef) -> tuple[str, str]:
    if pred in _SYNTHETIC_LABELS:
        return _SYNTHETIC_LABELS[pred]
    en = literal_in(g, pred, (RDFS.label,), "en") or humanize(local_name(pred))
    zh = literal_in(g, pred, (RDFS.label,), "zh") or _FALLBACK_PREDICATE_ZH.get(str(pred), en)
    return en, zh


def classify(g: Graph, node: URIRef) -> str | None:
    types = {_CLASS_BY_IRI[t].key for t in g.objects(node, RDF.type) if t in _CLASS_BY_IRI}
    return next((k for k in _PRIORITY if k in types), None)


def entity_graph(g: Graph) -> nx.MultiDiGraph:
    """The entity graph of an RDF graph (built data plus ontology and code lists)."""
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    kinds: dict[URIRef, str] = {}
    for cls in CLASSES:
        for node in g.subjects(RDF.type, URIRef(cls.iri)):
            if isinstance(node, URIRef) and node not in kinds:
                kind = classify(g, node)
                if kind:
                    kinds[node] = kind
    used = {
        o
        for s, k in kinds.items()
        if k not in _ONLY_IF_USED
        for p, o in g.predicate_objects(s)
        if isinstance(o, URIRef) and p not in _SKIP
    }
    keep = {n: k for n, k in kinds.items() if k not in _ONLY_IF_USED or n in used}
    for node in sorted(keep, key=str):
        en, zh = labels(g, node)
        cls = CLASS_BY_KEY[keep[node]]
        G.add_node(str(node), iri=str(node), label=en, label_zh=zh, cls=cls.key, cls_label=cls.en)
    pred_labels: dict[URIRef, tuple[str, str]] = {}

    def link(s: URIRef, p: URIRef, o: URIRef) -> None:
        if p not in pred_labels:
            pred_labels[p] = predicate_labels(g, p)
        key = _curie(g, p)
        if G.has_edge(str(s), str(o), key) or s == o:
            return
        en, zh = pred_labels[p]
        G.add_edge(str(s), str(o), key=key, predicate=str(p), label=en, label_zh=zh)

    for s in sorted(keep, key=str):
        for p, o in sorted(g.predicate_objects(s)):
            if p in _SKIP or not isinstance(p, URIRef) or not isinstance(o, URIRef) or o not in keep:
                continue
            # Keep one direction of inverse pairs: org:holds over org:heldBy, org:unitOf over org:hasUnit.
            if p in (ORG.heldBy, ORG.hasUnit):
                continue
            link(s, p, o)
    _provenance_edges(g, keep, link)
    return G


def _provenance_edges(g: Graph, keep: dict[URIRef, str], link) -> None:
    """Turn mention → observation / span → event chains into direct edges between entities."""
    # Who wrote or published the article is already on the article; only a speaker is news.
    bylines: dict[Node | None, set[Node]] = {  # looked up with a mention's document, if it has one
        d: set(g.objects(d, SCHEMA.author)) | set(g.objects(d, DCTERMS.publisher)) for d in keep if keep[d] == "Article"
    }
    for mention in sorted(g.subjects(RDF.type, PKG.FigureMention), key=str):
        doc = g.value(mention, DCTERMS.isPartOf)
        targets = [t for t in g.objects(mention, PKG.supports) if t in keep]
        if isinstance(mention, URIRef) and keep.get(mention) in REVIEW_FIGURES:
            targets = [mention]
        for t in targets:
            if doc in keep:
                link(t, SOURCE, doc)
            for agent in g.objects(mention, PROV.wasAttributedTo):
                if agent in keep and agent not in bylines.get(doc, set()):
                    link(t, ATTRIBUTED, agent)
    for s in sorted(keep, key=str):
        for o in terms(g.objects(s, PROV.wasDerivedFrom)):
            if o in keep:
                link(s, DERIVED, o)
            elif isinstance(o, URIRef) and (NIF.Phrase in set(g.objects(o, RDF.type))):
                doc = g.value(o, DCTERMS.isPartOf)
                if doc in keep:
                    link(s, SOURCE, doc)


def terms(nodes: Iterable[Node]) -> list[Identifier]:
    """RDF terms in rdflib's order (by kind, then text), which its stubs declare on Identifier, not Node."""
    return sorted(n for n in nodes if isinstance(n, Identifier))


def _curie(g: Graph, iri: URIRef) -> str:
    try:
        return g.namespace_manager.normalizeUri(iri).strip("<>")
    except Exception:  # noqa: BLE001 - rdflib raises several kinds for IRIs it cannot shorten
        return str(iri)


def resolve(G: nx.Graph, name: str) -> str:
    """The node a user means by ``name``: an IRI, a label (either language), or a unique part of one.

    Raises UnknownNode with the candidates when the name is ambiguous or matches nothing.
    """
    if name in G:
        return name
    needle = name.casefold().strip()
    exact = sorted(n for n, d in G.nodes(data=True) if needle in (d["label"].casefold(), d["label_zh"].casefold()))
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        prefer = [n for n in exact if G.nodes[n]["cls"] != "Indicator"]
        if len(prefer) == 1:
            return prefer[0]
        raise UnknownNode(f"{name!r} names {len(exact)} nodes: " + "; ".join(exact[:5]))
    ends = sorted(n for n in G if n.endswith("/" + name) or n.endswith("#" + name))
    if len(ends) == 1:
        return ends[0]
    part = sorted(
        n for n, d in G.nodes(data=True) if needle in d["label"].casefold() or needle in d["label_zh"].casefold()
    )
    if len(part) == 1:
        return part[0]
    if not part:
        raise UnknownNode(f"no node is called {name!r} (give a label or an IRI)")
    shown = "; ".join(f"{G.nodes[n]['label']} <{n}>" for n in part[:5])
    raise UnknownNode(f"{name!r} matches {len(part)} nodes, be more precise: {shown}{' …' if len(part) > 5 else ''}")


def with_data(G: nx.MultiDiGraph, g: Graph) -> nx.MultiDiGraph:
    """`G` with what each node says as plain attributes, for tools that see only the exported file.

    Gephi or Cytoscape desktop cannot follow a figure to its mention, its sentence and its article:
    an observation carries its indicator, scheme, area, period, unit, value and source files; a
    figure kept for review its value, unit, text and file; an event its date; an article its file,
    publication date, publisher and address. ``value`` is a number (absent when the sources of a
    point disagree); ``values`` is every value in the table's plain form, " / " between them.
    """
    for node, d in G.nodes(data=True):
        iri = URIRef(node)
        cls = d["cls"]
        attrs: dict[str, str | float] = {}
        if cls == "Observation":
            for name, pred in _OBSERVATION_CODES:
                attrs[name] = _notation(g, g.value(iri, pred))
            attrs |= _values(g.objects(iri, SDMX_MEAS.obsValue))
            mentions = g.subjects(PKG.supports, iri)
            attrs["sources"] = "; ".join(sorted({_file(g, g.value(m, DCTERMS.isPartOf)) for m in mentions}))
            attrs["formula"] = str(g.value(iri, PKG.formula) or "")
        elif cls in REVIEW_FIGURES:
            attrs |= _values(g.objects(iri, PKG.reportedValue))
            attrs["unit"] = _notation(g, g.value(iri, SDMX_ATTR.unitMeasure))
            attrs["as_written"] = str(g.value(iri, NIF.anchorOf) or "")
            attrs["reason"] = str(g.value(iri, PKG.reason) or "")
            attrs["sources"] = _file(g, g.value(iri, DCTERMS.isPartOf))
        elif cls in ("Reform", "PolicyEvent", "PolicyMeasure"):
            attrs["period"] = _notation(g, g.value(iri, TIME.hasTime))
            attrs["scheme"] = _notation(g, g.value(iri, PKG.scheme))
            attrs["area"] = _notation(g, g.value(iri, DCTERMS.spatial))
            attrs["position"] = str(g.value(iri, SCHEMA.position) or "")  # a strand's place in its reform's list
            spans = g.objects(iri, PROV.wasDerivedFrom)
            attrs["sources"] = "; ".join(sorted({_file(g, g.value(s, DCTERMS.isPartOf)) for s in spans} - {""}))
        elif cls == "Article":
            attrs["sources"] = _file(g, iri)
            attrs["published"] = str(g.value(iri, DCTERMS.issued) or "")
            attrs["url"] = str(g.value(iri, DCTERMS.source) or "")
            publisher = g.value(iri, DCTERMS.publisher)
            attrs["publisher"] = labels(g, publisher)[0] if isinstance(publisher, URIRef) else ""
        d.update({k: v for k, v in attrs.items() if v != ""})
    return G


_OBSERVATION_CODES = (
    ("indicator", PKG.indicator),
    ("scheme", PKG.scheme),
    ("area", SDMX_DIM.refArea),
    ("period", SDMX_DIM.refPeriod),
    ("period_kind", PKG.periodKind),
    ("unit", SDMX_ATTR.unitMeasure),
    ("status", PKG.status),
)


def _notation(g: Graph, node) -> str:
    """The code of a code-list concept or period (its skos:notation), or empty."""
    return str(g.value(node, SKOS.notation) or "") if node is not None else ""


def _file(g: Graph, doc) -> str:
    return str(g.value(doc, PKG.fileName) or "") if doc is not None else ""


def _values(literals: Iterable) -> dict[str, str | float]:
    values = sorted({Decimal(str(v)) for v in literals})
    out: dict[str, str | float] = {"values": " / ".join(plain(v) for v in values)}
    if len(values) == 1:
        out["value"] = float(values[0])
    return out


def to_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML with labels and classes as attributes (Gephi, Cytoscape desktop, yEd)."""
    return "\n".join(nx.generate_graphml(G, encoding="utf-8", prettyprint=True)) + "\n"


def to_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF (Gephi's own format); the node ``label`` attribute becomes the GEXF label."""
    buf = io.BytesIO()
    nx.write_gexf(G, buf, encoding="utf-8", prettyprint=True)
    # networkx stamps today's date; the same graph should give the same bytes
    return re.sub(r' lastmodifieddate="[^"]*"', "", buf.getvalue().decode("utf-8"), count=1)
