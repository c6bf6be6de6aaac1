"""Serialisations of the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG, plus the tidy CSV.

Output is deterministic: the same graph gives the same bytes, whatever the hash seed. The TriG,
Turtle and N-Triples are written by Oxigraph's serialisers from the quads in a fixed order (by graph,
subject, then predicate with rdf:type first, then object): they write a literal as it was minted
(a whole decimal keeps its form without a point, where rdflib's short form needs one) and take a
second for a graph that rdflib's Turtle writer took half a minute over (1,000 articles).
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg import rdf
from kg.namespaces import bind_all, jsonld_context
from kg.prefixes import PREFIX_IRIS
from kg.store import oxigraph_quads, union

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
    if fmt in ("trig", "turtle", "ntriples"):
        named = oxigraph_quads(ds)
        if fmt == "trig":
            return trig(named)
        return turtle(union(named)) if fmt == "turtle" else ntriples(union(named))
    g = merged if merged is not None else rdf.union(ds)
    if fmt == "jsonld":
        return _jsonld(g)
    return _sorted(g).serialize(format=rdflib_fmt)


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PREFIXES = dict(sorted(PREFIX_IRIS.items()))


def _order(t: ox.Triple | ox.Quad) -> tuple[str, str, str]:
    """A statement's place in the files: by subject, then predicate (rdf:type first, written `a`),
    then object as N-Triples writes it (a total order over IRIs and literals alike)."""
    return (t.subject.value, "" if t.predicate.value == _TYPE else t.predicate.value, str(t.object))  # type: ignore[union-attr]


def trig(named: list[ox.Quad]) -> str:
    """The named graphs as TriG, in name order, under the project's prefixes."""
    ordered = sorted(named, key=lambda q: (q.graph_name.value, *_order(q)))  # type: ignore[union-attr]
    return _text(ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=_PREFIXES))


def turtle(triples: list[ox.Triple]) -> str:
    """Triples (the union of the named graphs, as a set) as Turtle under the project's prefixes."""
    return _text(ox.serialize(sorted(triples, key=_order), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES))


def ntriples(triples: list[ox.Triple]) -> str:
    """Triples as N-Triples, one line each, sorted."""
    lines = _text(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines(keepends=True)
    return "".join(sorted(set(lines)))


def _text(written: bytes | None) -> str:
    assert written is not None  # Oxigraph returns the bytes when given no file to write to
    return written.decode("utf-8")


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
