"""The built graph on disk: where `build` writes it and how the other commands read it back.

A build folder holds the graph twice: as TriG and Turtle (the canonical, byte-deterministic files a
person or another tool reads) and as an Oxigraph store (`oxigraph/`, written by `fill_store`),
which every command that asks the graph a question opens instead of parsing the TriG. Opening the
store costs milliseconds whatever the graph's size, and Oxigraph evaluates SPARQL in compiled code.

The store's default graph is the union of the named graphs *as a set*, which is what the Turtle
file holds. Oxigraph's own union default graph repeats a triple once per graph
holding it, which would change COUNTs and duplicate rows; `pension-kg push` fills a remote store's
default graph the same way for the same reason.

Oxigraph keeps a literal's value, not its spelling: `"7"^^xsd:nonNegativeInteger` comes back as
`"7"^^xsd:integer`, and a decimal in its canonical form. Queries compare values, so they do not
see the difference; the commands that must give the graph back term for term (validation against
the shapes, which check datatypes, and export and push) read the quads with Oxigraph's parser from
the TriG instead (`quads(exact=True)`), which keeps every literal as written.

Nothing here imports rdflib at module level: `pension-kg query` only needs pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import InputError
from kg.paths import _data_dir

if TYPE_CHECKING:
    from rdflib import Dataset, Graph
    from rdflib.term import Identifier

DEFAULT_OUT = Path("build")
TRIG = "pension-kg.trig"
TURTLE = "pension-kg.ttl"
STORE = "oxigraph"


class StoreError(InputError, RuntimeError):
    """No built graph where one was expected."""


def default_seeds() -> Path:
    local = Path("seeds")
    return local if local.is_dir() else _data_dir("seeds")


def fill_store(folder: Path, named: list[ox.Quad], union: list[ox.Triple]) -> ox.Store:
    """Write the Oxigraph store of a build into `folder` (a build's staged folder): the quads of the
    named graphs, and their union as a set (the very terms the build's TriG and Turtle were written
    from) as the default graph. The store stays open for the caller to query (the build reads its
    tables out of it) and closes when the caller lets go of it, before the folder is renamed into
    place."""
    store = ox.Store(str(folder / STORE))
    store.bulk_extend(named)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union)
    store.flush()
    store.optimize()
    return store


def update_store(folder: Path, previous: Path, named: list[ox.Quad], changed: set[str]) -> ox.Store:
    """The store `fill_store` would write into `folder`, made from the store of the build in
    `previous` by replacing the named graphs in `changed` (IRIs) and the default graph's triples
    they held or hold. Only a graph that differs is written: after one article changed, a few graphs
    of the thousand (filling the store anew took 4 s at 1,000 articles, this a tenth of a second).

    The previous store is copied first (Oxigraph's backup, which hard-links RocksDB's files, which
    RocksDB never changes once written), so the previous build stays exactly as it was, whatever
    happens to this one. The default graph is the union as a set, so a triple of a changed graph
    stays in it while any named graph still holds it."""
    ox.Store.read_only(str(previous / STORE)).backup(str(folder / STORE))
    store = ox.Store(str(folder / STORE))
    touched: set[ox.Triple] = set()
    for name in sorted(changed):
        graph = ox.NamedNode(name)
        if store.contains_named_graph(graph):
            touched.update(q.triple for q in store.quads_for_pattern(None, None, None, graph))
            store.remove_graph(graph)
    added = [q for q in named if q.graph_name.value in changed]  # type: ignore[union-attr]
    store.extend(added)
    touched.update(q.triple for q in added)
    for t in touched:
        found = store.quads_for_pattern(t.subject, t.predicate, t.object, None)  # type: ignore[arg-type]
        held = any(not isinstance(q.graph_name, ox.DefaultGraph) for q in found)
        quad = ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        if held:
            store.add(quad)
        else:
            store.remove(quad)
    store.flush()
    return store


def graph_digests(named: list[ox.Quad]) -> dict[str, str]:
    """A digest of each named graph's quads, in the order given (the order a build adds them in,
    which the same inputs repeat): what tells `update_store` which graphs changed."""
    import hashlib

    digests: dict[str, Any] = {}
    for q in named:
        name = q.graph_name.value  # type: ignore[union-attr]
        h = digests.get(name)
        if h is None:
            h = digests[name] = hashlib.sha256()
        h.update(str(q).encode("utf-8") + b"\n")
    return {name: h.hexdigest() for name, h in digests.items()}


def require(out: Path, name: str) -> Path:
    path = out / name
    if not path.exists():
        raise StoreError(f"{path}: no built graph; run `pension-kg build` first")
    return path


def open_store(out: Path = DEFAULT_OUT) -> ox.Store:
    """The build's store, read-only: any number of processes may hold it open at once."""
    path = require(out, STORE)
    try:
        return ox.Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store ({e}); rebuild with `pension-kg build`") from None


def quads(out: Path = DEFAULT_OUT, exact: bool = False) -> Iterator[ox.Quad]:
    """Every quad of the build's named graphs. With `exact`, every literal as written (parsed from
    the TriG by Oxigraph's parser, for the commands that give the graph back term for term);
    otherwise from the store."""
    if exact:
        yield from ox.parse(path=str(require(out, TRIG)), format=ox.RdfFormat.TRIG)
        return
    store = open_store(out)
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph):
            yield q


def load_dataset(out: Path = DEFAULT_OUT, default_union: bool = False, exact: bool = False) -> Dataset:
    """The build's named graphs as an rdflib Dataset, for the code that needs rdflib's API (pyshacl,
    networkx, rdflib's writers); with `default_union`, the default graph is their union."""
    from rdflib import Dataset, URIRef

    from kg.namespaces import bind_all

    ds = Dataset(default_union=default_union)
    graphs: dict[str, Graph] = {}
    for q in quads(out, exact):
        name = graph_iri(q)
        g = graphs.get(name)
        if g is None:
            g = graphs[name] = ds.graph(URIRef(name))
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    bind_all(ds.namespace_manager)
    return ds


def load_graph(out: Path = DEFAULT_OUT, exact: bool = False) -> Graph:
    from kg import rdf

    return rdf.union(load_dataset(out, exact=exact))


def graph_iri(q: ox.Quad) -> str:
    """The name of the named graph a quad is in: the build puts every triple in one."""
    if isinstance(q.graph_name, ox.DefaultGraph):
        raise StoreError(f"a triple of the default graph, outside every named graph: {q.triple}")
    return q.graph_name.value


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    """An Oxigraph term as the equal rdflib term (the graph has no RDF-star quoted triples)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):
        raise StoreError(f"a quoted triple (RDF-star), which the graph does not have: {term}")
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _converter() -> Callable[[Identifier], ox.NamedNode | ox.BlankNode | ox.Literal]:
    """rdflib term -> the equal Oxigraph term, each made once: a graph repeats its terms (the
    predicates, the codes), and making an Oxigraph term costs more than looking one up."""
    from rdflib import BNode, Literal, URIRef

    made: dict[Identifier, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def term(x: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        t = made.get(x)
        if t is None:
            if isinstance(x, URIRef):
                t = ox.NamedNode(str(x))
            elif isinstance(x, BNode):
                t = ox.BlankNode(str(x))
            elif isinstance(x, Literal) and x.language:
                t = ox.Literal(str(x), language=x.language)
            elif isinstance(x, Literal):
                t = ox.Literal(str(x), datatype=None if x.datatype is None else ox.NamedNode(str(x.datatype)))
            else:
                raise StoreError(f"a term rdflib has and RDF 1.1 has not: {x!r}")
            made[x] = t
        return t

    return term


def oxigraph_quads(graph: Graph) -> list[ox.Quad]:
    """The quads of an rdflib Dataset (or the triples of a Graph, in the default graph) as Oxigraph
    terms. The default graph of a Dataset is left out: the build puts every triple in a named graph."""
    from rdflib import Dataset

    term = _converter()
    out: list[ox.Quad] = []
    if not isinstance(graph, Dataset):
        out.extend(ox.Quad(term(s), term(p), term(o), ox.DefaultGraph()) for s, p, o in graph)  # type: ignore[arg-type]
        return out
    from kg import rdf

    for g in rdf.graphs(graph):
        if not len(g) or str(g.identifier).startswith("urn:x-rdflib"):
            continue
        name = ox.NamedNode(str(g.identifier))
        out.extend(ox.Quad(term(s), term(p), term(o), name) for s, p, o in g)  # type: ignore[arg-type]
    return out


def added_quads(added: Iterable[tuple]) -> list[ox.Quad]:
    """Quads (s, p, o, graph name) of rdflib terms, as `kg.rdf.build_quads` gives them, as the quads
    of the Dataset they would make: Oxigraph terms, each quad once."""
    term = _converter()
    return list(dict.fromkeys(ox.Quad(term(s), term(p), term(o), term(g)) for s, p, o, g in added))  # type: ignore[arg-type]


def union(named: list[ox.Quad]) -> list[ox.Triple]:
    """The triples of the named graphs as a set, each once (in no particular order)."""
    return list(dict.fromkeys(q.triple for q in named))


def from_rdflib(graph: Graph) -> ox.Store:
    """An in-memory store holding an rdflib graph the way a build's store holds the build: each named
    graph of a Dataset as itself, and the union as a set as the default graph (a plain Graph is
    only the default graph). For evaluating SPARQL with Oxigraph over a graph made in memory."""
    from rdflib import Dataset

    store = ox.Store()
    quads = oxigraph_quads(graph)
    store.bulk_extend(quads)
    if isinstance(graph, Dataset):
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union(quads))
    return store
