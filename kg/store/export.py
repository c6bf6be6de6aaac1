"""Serialisations of the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG, plus the tidy CSV.

Output is deterministic: the same graph gives the same bytes, whatever the hash seed.
"""

from __future__ import annotations

import json

from rdflib import Dataset, Graph

from kg import rdf
from kg.namespaces import bind_all, jsonld_context
from kg.turtle import TURTLE

FORMATS = {
    "turtle": ("turtle", "ttl"),
    "ntriples": ("nt", "nt"),
    "jsonld": ("json-ld", "jsonld"),
    "rdfxml": ("xml", "rdf"),
    "trig": ("trig", "trig"),
}


def serialize(ds: Dataset, fmt: str, merged: Graph | None = None) -> str:
    """`ds` in `fmt`; `merged` is its union when the caller already has it (it is costly to make)."""
    rdflib_fmt, _ = FORMATS[fmt]
    if fmt == "trig":
        return _trig(ds)
    g = merged if merged is not None else rdf.union(ds)
    if fmt == "ntriples":
        lines = sorted(set(g.serialize(format="nt").splitlines()))
        return "\n".join(line for line in lines if line.strip()) + "\n"
    if fmt == "jsonld":
        return _jsonld(g)
    if fmt == "rdfxml":
        return _sorted(g).serialize(format=rdflib_fmt)
    return g.serialize(format=TURTLE)  # rdflib's Turtle writer sorts subjects and objects itself


def _jsonld(g: Graph) -> str:
    """Compact JSON-LD: an inline @context of the project's prefixes, then every node in @graph.

    rdflib's writer walks the store's sets, so the nodes and each property's values are put in a
    fixed order here: the same graph gives the same bytes whatever the hash seed.
    """
    context = jsonld_context()
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    if "@graph" in doc:
        nodes = doc["@graph"]
    else:  # one node (or none) is written without @graph
        nodes = [{k: v for k, v in doc.items() if k != "@context"}] if len(doc) > 1 else []
    for node in nodes:
        for values in node.values():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: n.get("@id", ""))
    return json.dumps({"@context": context, "@graph": nodes}, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


class _SortedGraph(Graph):
    """A graph that answers every pattern in sorted order. rdflib's memory store walks sets, so
    its JSON-LD and RDF/XML writers would otherwise order subjects by the hash seed."""

    def triples(self, triple, context=None):
        yield from sorted(super().triples(triple), key=lambda t: tuple(x.n3() for x in t))


def _sorted(g: Graph) -> Graph:
    out = _SortedGraph()
    bind_all(out.namespace_manager)
    for t in g:
        out.add(t)
    return out


def _trig(ds: Dataset) -> str:
    """TriG with the named graphs in name order, each written by the (deterministic) Turtle writer.

    rdflib's own TriG writer walks the store's set of graphs, whose order follows the hash seed.
    """
    heads: list[str] = []
    blocks: list[str] = []
    for ctx in sorted(rdf.graphs(ds), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        g = Graph()
        bind_all(g.namespace_manager)
        for t in ctx:
            g.add(t)
        body = g.serialize(format=TURTLE)
        lines = body.splitlines()
        heads += [line for line in lines if line.startswith("@prefix")]
        # not indented: a line may continue a multi-line literal, whose characters must stay as they are
        triples = [line for line in lines if not line.startswith("@prefix")]
        blocks.append(f"<{ctx.identifier}> {{\n" + "\n".join(triples).strip("\n") + "\n}\n")
    return "\n".join(sorted(set(heads))) + "\n\n" + "\n".join(blocks)
