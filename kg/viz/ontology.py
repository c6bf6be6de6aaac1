"""The ontology as a picture: classes, what they are kinds of, and which properties lead between them.

Readers of the graph ask "what *can* be said here?" before "what *is* said". The answer is in
ontology/pension-kg.ttl as rdfs:subClassOf, rdfs:domain and rdfs:range; this module turns it into
a node-link model drawn by the same page machinery as the data (one more tab), laid out by
Graphviz ``dot`` so that superclasses sit above their subclasses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from typing import Any, TypeGuard

import networkx as nx
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.entity_graph import humanize, labels, literal_in, local_name, predicate_labels, terms
from kg.namespaces import PKG

THING = OWL.Thing
# Colour per vocabulary, so the project's own classes stand out from the standard ones they extend.
NS_STYLE: list[tuple[str, str, str, str]] = [
    ("pkg", str(PKG), "#1f77b4", "hex"),
    ("org", "http://www.w3.org/ns/org#", "#8c564b", "square"),
    ("foaf", "http://xmlns.com/foaf/0.1/", "#9467bd", "circle"),
    ("prov", "http://www.w3.org/ns/prov#", "#2ca02c", "diamond"),
    ("schema", "https://schema.org/", "#d62728", "triangle"),
    ("skos", "http://www.w3.org/2004/02/skos/core#", "#ff7f0e", "diamond"),
    ("qb", "http://purl.org/linked-data/cube#", "#17becf", "square"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "#bcbd22", "square_pin"),
    ("other", "", "#7f7f7f", "circle"),
]
_NS_NAMES = {"pkg": ("pension-kg ontology", "本体"), "other": ("other vocabularies", "其他词表")}


def _group(iri: str) -> int:
    return next(i for i, (_, ns, _, _) in enumerate(NS_STYLE) if not ns or iri.startswith(ns))


def _is_class(node: Node) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and not str(node).startswith(str(XSD)) and node != RDFS.Literal


def ontology_model(g: Graph) -> dict:
    """Nodes (classes), edges (subclass-of and object properties) and per-class details."""
    classes: set[URIRef] = {c for c in g.subjects(RDF.type, OWL.Class) if _is_class(c)}
    for c in list(classes):
        classes |= {s for s in g.objects(c, RDFS.subClassOf) if _is_class(s)}
    props = sorted(
        p
        for p in set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
        if isinstance(p, URIRef)
    )
    edges: list[tuple[URIRef, URIRef, URIRef | None]] = []  # (source, target, property or None for subclass)
    for c in sorted(classes):
        for sup in sorted(s for s in g.objects(c, RDFS.subClassOf) if _is_class(s)):
            edges.append((c, sup, None))
    used_thing = False
    for p in props:
        if (p, RDF.type, OWL.ObjectProperty) not in g:
            continue
        domains = [d for d in g.objects(p, RDFS.domain) if _is_class(d)] or [THING]
        ranges = [r for r in g.objects(p, RDFS.range) if _is_class(r)] or [THING]
        for d in sorted(domains):
            for r in sorted(ranges):
                if THING in (d, r):
                    used_thing = True
                classes |= {d, r}
                edges.append((d, r, p))
    if not used_thing:
        classes.discard(THING)
    order = sorted(classes, key=lambda c: (_group(str(c)), str(c)))
    idx = {c: i for i, c in enumerate(order)}
    instances = Counter(o for o in g.objects(None, RDF.type) if o in idx)
    nodes: list[dict[str, Any]] = []
    for c in order:
        en, zh = _class_labels(g, c)
        nodes.append({"id": str(c), "en": en, "zh": zh, "cls": _group(str(c)), "count": instances.get(c, 0)})
    preds: list[tuple[str, str]] = [("subclass of", "子类")]
    pred_idx: dict[URIRef, int] = {}
    out_edges = []
    for s, t, prop in edges:
        if prop is None:
            k = 0
        else:
            if prop not in pred_idx:
                pred_idx[prop] = len(preds)
                preds.append(predicate_labels(g, prop))
            k = pred_idx[prop]
        out_edges.append({"s": idx[s], "t": idx[t], "p": k, "member": False})
    _layout(nodes, out_edges, preds)
    details = [_class_details(g, c, idx, props, nodes) for c in order]
    groups = sorted({n["cls"] for n in nodes})
    legend = []
    for gi in groups:
        prefix, _, color, marker = NS_STYLE[gi]
        en, zh = _NS_NAMES.get(prefix, (f"{prefix}: vocabulary", f"{prefix} 词表"))
        legend.append(
            {
                "key": str(gi),
                "en": en,
                "zh": zh,
                "color": color,
                "marker": marker,
                "count": sum(1 for n in nodes if n["cls"] == gi),
            }
        )
    for n in nodes:
        prefix, _, color, marker = NS_STYLE[n["cls"]]
        n["cls"] = str(n["cls"])
        n["series"] = -1
        n["size"] = 22 if prefix == "pkg" else 16
        n["rank"] = (3 if prefix == "pkg" else 1) + 0.1 * sum(1 for e in out_edges if n is nodes[e["s"]])
    return {"nodes": nodes, "edges": out_edges, "preds": preds, "details": details, "classes": legend}


def _class_labels(g: Graph, c: URIRef) -> tuple[str, str]:
    if c == THING:
        return "anything (owl:Thing)", "任意事物"
    if (c, RDFS.label, None) in g or (c, SKOS.prefLabel, None) in g:
        return labels(g, c)
    prefix = next((p for p, ns, _, _ in NS_STYLE if ns and str(c).startswith(ns)), "")
    name = f"{prefix}:{local_name(c)}" if prefix else humanize(local_name(c))
    return name, name


def _class_details(g: Graph, c: URIRef, idx: dict, props: list[URIRef], nodes: list[dict]) -> dict:
    definition = literal_in(g, c, (SKOS.definition, RDFS.comment), "en")
    rows: list[list] = []

    def link(o) -> tuple[str, str, int]:
        if o in idx:
            n = nodes[idx[o]]
            return n["en"], n["zh"], idx[o]
        name = f"xsd:{local_name(o)}" if str(o).startswith(str(XSD)) else local_name(o)
        return name, name, -1

    for sup in terms(o for o in g.objects(c, RDFS.subClassOf) if not isinstance(o, BNode)):
        rows.append(["subclass of", "子类于", *link(sup)])
    for sub in terms(s for s in g.subjects(RDFS.subClassOf, c) if s in idx):
        rows.append(["superclass of", "父类于", *link(sub)])
    for p in props:
        pen, pzh = predicate_labels(g, p)
        if c in set(g.objects(p, RDFS.domain)):
            for r in terms(g.objects(p, RDFS.range)) or [RDFS.Resource]:
                en, zh, li = link(r)
                rows.append([f"{pen} →", f"{pzh} →", en, zh, li])
        if c in set(g.objects(p, RDFS.range)):
            for d in terms(g.objects(p, RDFS.domain)) or [THING]:
                en, zh, li = link(d)
                rows.append([f"← {pen}", f"← {pzh}", en, zh, li])
    return {
        "iri": str(c),
        "props": [["definition", "定义", definition, definition, -1]] * bool(definition) + rows,
        "facts": [],
        "status": "",
        "count": nodes[idx[c]]["count"],
    }


def _layout(nodes: list[dict], edges: list[dict], preds: list[tuple[str, str]]) -> None:
    """Superclasses above subclasses (dot, bottom to top); properties drawn without bending the ranks."""
    pos: dict[int, tuple[float, float]] | None = None
    if shutil.which("neato"):
        # Spread in two dimensions (a dot hierarchy of thirty classes is one long row); each node as
        # big as its label, so that at full size no two names overlap.
        lines = [
            "graph O {",
            '  graph [overlap=prism, sep="+12", splines=false, start=7, mode=major];',
            '  node [shape=box, fontsize=11, fontname="Helvetica", margin="0.10,0.16"];',
        ]
        for i, n in enumerate(nodes):
            lines.append(f"  n{i} [label={json.dumps(n['en'])}];")
        for e in edges:
            lines.append(f"  n{e['s']} -- n{e['t']} [len={1.4 if e['p'] == 0 else 2.2}];")
        lines.append("}")
        try:
            run = subprocess.run(
                ["neato", "-Tplain"], input="\n".join(lines), capture_output=True, text=True, timeout=120, check=True
            )
            pos = {}
            for line in run.stdout.splitlines():
                parts = line.split()
                if parts and parts[0] == "node":
                    pos[int(parts[1][1:])] = (float(parts[2]) * 72, float(parts[3]) * 72)
        except (OSError, subprocess.SubprocessError, ValueError):
            pos = None
    if not pos or len(pos) != len(nodes):
        H: nx.Graph[int] = nx.Graph()
        H.add_nodes_from(range(len(nodes)))
        H.add_edges_from((e["s"], e["t"]) for e in edges)
        pos = {k: (float(x) * 800, float(y) * 800) for k, (x, y) in nx.spring_layout(H, seed=7).items()}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for i, n in enumerate(nodes):
        n["x"], n["y"] = round(pos[i][0] - cx, 2), round(pos[i][1] - cy, 2)
