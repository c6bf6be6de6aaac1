"""Every property the graph uses stays within its declared domain and range, and nothing is typed
with two disjoint classes: checked against the standard vocabularies' own axioms (OWL-Time, Data
Cube, PROV-O, ORG, NIF, DCTERMS, SKOS, FOAF, SDMX-RDF, transcribed in tests/data/vocabulary-axioms.ttl)
and the project's ontology, which the built graph holds.

"Within its domain" means what an RDFS reasoner would not have to add: the subject already has the
domain class (or a subclass of it), so that reasoning finds nothing new and nothing inconsistent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest
from conftest import DATA
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

AXIOMS = DATA / "vocabulary-axioms.ttl"
# Properties of these vocabularies must each be listed in the transcription: none goes unchecked.
CHECKED = (
    "http://www.w3.org/2006/time#",
    "http://purl.org/linked-data/cube#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/org#",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://xmlns.com/foaf/0.1/",
    "http://purl.org/linked-data/sdmx/2009/",
    "https://w3id.org/pension-kg/ontology#",
)
ANYTHING = {RDFS.Resource, OWL.Thing}
LITERAL_RANGES = {RDFS.Literal, RDF.langString, RDF.PlainLiteral}


class Model:
    """The graph with the axioms: the classes of every node, closed under subclass and equivalence."""

    def __init__(self, graph: Graph, axioms: Graph) -> None:
        self.graph = graph
        both = Graph()
        for t in axioms:
            both.add(t)
        for t in graph.triples((None, None, None)):
            if t[1] in (
                RDFS.subClassOf,
                RDFS.subPropertyOf,
                RDFS.domain,
                RDFS.range,
                OWL.equivalentClass,
                OWL.disjointWith,
                OWL.unionOf,
                RDF.first,
                RDF.rest,
            ):  # the ontology's own axioms
                both.add(t)
        self.axioms = both
        self.supers: dict[Node, set[Node]] = defaultdict(set)
        for c, d in both.subject_objects(RDFS.subClassOf):
            self.supers[c].add(d)
        for c, d in both.subject_objects(OWL.equivalentClass):
            self.supers[c].add(d)
            self.supers[d].add(c)
        self.super_props: dict[Node, set[Node]] = defaultdict(set)
        for p, q in both.subject_objects(RDFS.subPropertyOf):
            self.super_props[p].add(q)
        self._types: dict[Node, frozenset[Node]] = {}

    def closure(self, start: set[Node], up: dict[Node, set[Node]]) -> set[Node]:
        seen, todo = set(start), list(start)
        while todo:
            for d in up.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    def types(self, node: Node) -> frozenset[Node]:
        if node not in self._types:
            asserted = set(self.graph.objects(node, RDF.type)) | set(self.axioms.objects(node, RDF.type))
            self._types[node] = frozenset(self.closure(asserted, self.supers))
        return self._types[node]

    def declared(self, p: Node, which: URIRef) -> list[Node]:
        """The domains (or ranges) of p and of every property p is a subproperty of."""
        return [c for q in self.closure({p}, self.super_props) for c in self.axioms.objects(q, which)]

    def members(self, cls: Node) -> list[Node]:
        """The classes a union stands for, or the class itself."""
        union = self.axioms.value(cls, OWL.unionOf) if isinstance(cls, BNode) else None
        return list(Collection(self.axioms, union)) if union is not None else [cls]

    def is_a(self, node: Node, cls: Node) -> bool:
        classes = self.members(cls)
        if any(c in ANYTHING for c in classes):
            return True
        if isinstance(node, Literal):
            return any(_literal_in(node, c) for c in classes)
        return any(c in self.types(node) for c in classes)


def _literal_in(lit: Literal, cls: Node) -> bool:
    if cls in LITERAL_RANGES:
        return True
    datatype = lit.datatype or (RDF.langString if lit.language else XSD.string)
    return datatype == cls


def _used(g: Graph) -> Iterator[tuple[Node, URIRef, Node]]:
    """The triples of the data: every statement whose property belongs to a checked vocabulary."""
    for s, p, o in g:
        if isinstance(p, URIRef) and str(p).startswith(CHECKED):
            yield s, p, o


@pytest.fixture(scope="module")
def model(all_graph) -> Model:
    axioms = Graph()
    axioms.parse(AXIOMS, format="turtle")
    return Model(all_graph, axioms)


def outside(model: Model) -> list[str]:
    out = []
    for s, p, o in _used(model.graph):
        for d in model.declared(p, RDFS.domain):
            if not model.is_a(s, d):
                out.append(f"{s} {p} ...: the subject is not a {d}")
        for r in model.declared(p, RDFS.range):
            if not model.is_a(o, r):
                out.append(f"{s} {p} {o}: the object is not a {r}")
    return sorted(set(out))


def disjoint(model: Model) -> list[str]:
    """The resources typed, or given by the domain or range of a property they are used with (as an
    RDFS reasoner would), two classes the vocabularies declare disjoint."""
    pairs = set(model.axioms.subject_objects(OWL.disjointWith))
    entailed: dict[Node, set[Node]] = defaultdict(set)
    for s, p, o in _used(model.graph):
        entailed[s] |= {c for c in model.declared(p, RDFS.domain) if isinstance(c, URIRef)}
        if not isinstance(o, Literal):
            entailed[o] |= {c for c in model.declared(p, RDFS.range) if isinstance(c, URIRef)}
    out = []
    for node in set(model.graph.subjects(RDF.type, None)) | set(entailed):
        types = model.types(node) | model.closure(entailed.get(node, set()), model.supers)
        out += [f"{node} is both a {a} and a {b}" for a, b in pairs if a in types and b in types]
    return sorted(out)


def test_every_property_the_graph_uses_is_in_its_domain_and_range(model):
    assert outside(model) == []


def test_no_resource_has_two_disjoint_classes(model):
    assert disjoint(model) == []


def test_every_property_used_is_declared(model):
    """A standard property is in the transcription, the project's own in its ontology: none goes unchecked."""
    props = {p for _, p, _ in _used(model.graph)}
    unknown = sorted(
        str(p) for p in props if (p, None, None) not in model.axioms and (p, RDF.type, None) not in model.graph
    )
    assert unknown == []


def _with(g: Graph, *triples) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    for t in triples:
        out.add(t)
    return out


def test_an_instant_property_on_an_interval_is_caught(model, all_graph):
    from kg.namespaces import ID, TIME

    year = ID["period/2022"]
    broken = Model(_with(all_graph, (year, TIME.inXSDgYear, Literal("2022", datatype=XSD.gYear))), model.axioms)
    assert [line for line in outside(broken) if line.startswith(str(year))] == [
        f"{year} {TIME.inXSDgYear} ...: the subject is not a {TIME.Instant}"
    ]
    assert [line for line in disjoint(broken) if line.startswith(str(year))] == [
        f"{year} is both a {TIME.ProperInterval} and a {TIME.Instant}"
    ]


def test_an_interval_typed_an_instant_is_caught(model, all_graph):
    from kg.namespaces import ID, TIME

    year = ID["period/2022"]
    broken = Model(_with(all_graph, (year, RDF.type, TIME.Instant)), model.axioms)
    assert any(line.startswith(f"{year} is both") for line in disjoint(broken))
