"""Which focus nodes a change to the graph can concern: the whole graph's shapes checked again only
where an edited article reaches, not over every observation, period and person of the corpus.

pyshacl's verdict on a focus node under the SHACL Core constraints is a function of the triples it
reads from that node: along each property shape's path (forward, or backwards for sh:inversePath),
the types of the values an sh:class names, and the same again for every nested shape (sh:node,
sh:or, sh:and, sh:xone, sh:not, sh:qualifiedValueShape). `read_paths` lists, from the shapes
alone, every sequence of steps that leads from a focus node to a node at which something is read.
A triple that changed has a subject at which it is read (and, for a predicate some shape follows
backwards, an object too); `reaching` walks those sequences backwards from such nodes over the new
graph and finds every node whose reads can meet the change. Every other focus node reads what it
read before, so its results are what they were.

What this does not follow, it refuses (`Unsupported`): a path of `sh:zeroOrMorePath` and its kin,
an inverse of anything but a predicate; the caller then validates everything. The subclasses of a
class are read by pyshacl to any depth; a change that touches a class (a node that is some node's
rdf:type, or has an rdfs:subClassOf) is the caller's to refuse (`touches_classes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from kg.namespaces import SH

Step = tuple[URIRef, bool]  # a predicate, and whether it is followed backwards (sh:inversePath)
Path = tuple[Step, ...]

_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
_LISTS = (SH["and"], SH["or"], SH.xone)
_DEPTH = 16  # deeper nesting than this is taken for a cycle of shapes


class Unsupported(ValueError):
    """A shape whose reads this module does not follow: validate everything instead."""


def read_paths(shapes_graph: Graph, roots: Iterable[Any]) -> frozenset[Path]:
    """Every sequence of steps from a focus node of the shapes `roots` to a node whose triples their
    Core constraints read (the empty sequence: the focus node itself); closed under prefixes."""
    out: set[Path] = set()

    def shape(node: Any, at: Path, depth: int) -> None:
        if depth > _DEPTH:
            raise Unsupported(f"shapes nested deeper than {_DEPTH}")
        out.add(at)
        path = shapes_graph.value(node, SH.path)
        ends = [at] if path is None else [at + steps for steps in _steps(shapes_graph, path)]
        if path is not None:
            for end in ends:
                out.update(end[:i] for i in range(len(at), len(end) + 1))
        for p, o in shapes_graph.predicate_objects(node):
            if p == SH.property:
                for end in ends:
                    shape(o, end, depth + 1)
            elif p in _NESTED:
                for end in ends:
                    shape(o, end, depth + 1)
            elif p in _LISTS:
                for member in Collection(shapes_graph, o):
                    for end in ends:
                        shape(member, end, depth + 1)
            elif p == SH["class"]:
                out.update(end + ((RDF.type, False),) for end in ends)
            elif p == SH.sparql:
                raise Unsupported("a SPARQL constraint reads whatever its query reads")

    for root in roots:
        shape(root, (), 0)
        out.add(((RDF.type, False),))  # a target class: the focus node's types, and what they are subclasses of
    return frozenset(out)


def _steps(g: Graph, path: Any) -> list[Path]:
    """The step sequences a SHACL property path stands for (one, or one per alternative)."""
    if isinstance(path, URIRef):
        return [((path, False),)]
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        if not isinstance(inverse, URIRef):
            raise Unsupported("an inverse of a path other than a predicate")
        return [((inverse, True),)]
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return [s for member in Collection(g, alternatives) for s in _steps(g, member)]
    if g.value(path, RDF.first) is not None:
        out: list[Path] = [()]
        for member in Collection(g, path):
            out = [a + b for a in out for b in _steps(g, member)]
        return out
    raise Unsupported(f"a path this module does not follow: {sorted(str(p) for p in g.predicates(path))}")


def backwards(paths: Iterable[Path]) -> frozenset[URIRef]:
    """The predicates some path follows backwards: a triple of one of them is read at its object too."""
    return frozenset(p for path in paths for p, inverse in path if inverse)


def reaching(graph: Graph, changed: Iterable[Any], paths: frozenset[Path]) -> set[Any]:
    """The nodes of `graph` from which a sequence of `paths` leads to a node of `changed` (the nodes
    of `changed` among them): those whose reads may meet a change at those nodes."""
    trie: dict = {}
    for path in paths:
        node = trie
        for step in reversed(path):
            node = node.setdefault(step, {})
    found = set(changed)
    todo = [(frozenset(found), trie)]
    while todo:
        nodes, branch = todo.pop()
        for (p, inverse), rest in branch.items():
            before: set[Any] = set()
            for n in nodes:
                # to reach n by p forwards is to be a subject of (?, p, n); backwards, an object of (n, p, ?)
                before.update(graph.objects(n, p) if inverse else graph.subjects(p, n))
            if before:
                found |= before
                if rest:
                    todo.append((frozenset(before), rest))
    return found


def touches_classes(graph: Graph, nodes: Iterable[Any]) -> bool:
    """Whether any of `nodes` is a class of `graph` (some node's rdf:type, or in an rdfs:subClassOf)."""
    for n in nodes:
        if (None, RDF.type, n) in graph or (n, RDFS.subClassOf, None) in graph or (None, RDFS.subClassOf, n) in graph:
            return True
    return False
