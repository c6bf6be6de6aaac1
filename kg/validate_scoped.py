"""Validation of a build that grows with the corpus: each article's shapes on its own graph, the
rest once on the whole graph, over every core, and nothing validated again that did not change.

A shape whose targets are all DOCUMENT_CLASSES (the article, its text and spans, its figure mentions
and curation entries: nodes that one article's named graph describes completely) finds in that graph,
with the ontology's classes beside it, exactly what it finds in the whole graph; so it runs on the
articles' graphs. Every other shape (observations, periods, events and people, which articles share;
conflicts and series across articles; the ontology and code lists) runs once on the whole graph.

pyshacl builds its shapes anew for every run (tens of milliseconds, more than one article's shapes
take to check), so articles are validated in groups: each group is the union of a few articles'
graphs, whose document-scoped nodes never meet. An article goes to a group by the hash of its name
(of GROUPS), so adding or changing an article re-validates its group alone; a group's outcome is
cached under the digest of its members' graphs. The whole-graph outcome is cached under the key the
build gives (the extraction keys of every article).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg import validate as checks
from kg.cache import key as cache_key
from kg.namespaces import ID, NIF, PKG, SH, bind_all
from kg.validate import Finding, Report, _add_result, _graph_findings, _order, article_graphs

GROUPS = 64

# The classes whose instances one article's named graph describes completely.
DOCUMENT_CLASSES = frozenset(
    {
        PKG.Article,
        NIF.Context,
        NIF.OffsetBasedString,
        NIF.Sentence,
        NIF.Phrase,
        PKG.Quote,
        PKG.FigureMention,
        PKG.AmbiguousFigure,
        PKG.UnclassifiedFigure,
        PKG.CurationEntry,
    }
)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


@dataclass
class Outcome:
    """What a build keeps of a validation: the verdict, the findings and the report as Turtle."""

    conforms: bool
    findings: list[Finding]
    turtle: str

    def text(self) -> str:
        return Report(self.conforms, Graph(), self.findings).text()


def _outcome(data: Graph, shapes_graph: Graph) -> Outcome:
    report = checks.validate(data, shapes_graph)
    return Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))


def merge(outcomes: list[Outcome]) -> Outcome:
    """One report out of several: the findings together, one sh:ValidationReport holding every result."""
    merged = Graph()
    for o in outcomes:
        if o.findings:  # a report without findings holds no result to carry over
            merged.parse(data=o.turtle, format="turtle")
    report = BNode("report")
    conforms = all(o.conforms for o in outcomes)
    for old in list(merged.subjects(RDF.type, SH.ValidationReport)):
        for result in list(merged.objects(old, SH.result)):
            merged.add((report, SH.result, result))
        merged.remove((old, None, None))
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    merged = _named_by_content(merged)
    bind_all(merged.namespace_manager)
    findings = sorted({f.line(): f for o in outcomes for f in o.findings}.values(), key=_order)
    return Outcome(conforms, findings, merged.serialize(format="turtle"))


def _named_by_content(g: Graph) -> Graph:
    """The report with each blank node named by a digest of what it holds. pyshacl's labels and the
    parser's are random, and rdflib's writer orders blank nodes by label, so a report of more than
    one result came out in another order every time (a rebuild's validation.ttl differed from the
    build from scratch). Blank nodes that hold the same become one (the groups' reports each hold a
    copy of the shapes their results name); a graph that means the same, as RDF. A cycle of blank
    nodes (no report has one) leaves the graph as it is."""
    digests: dict[BNode, str] = {}

    def digest(node: BNode, path: frozenset[BNode]) -> str | None:
        if node in digests:
            return digests[node]
        if node in path:
            return None
        lines = []
        for p, o in g.predicate_objects(node):
            inner = digest(o, path | {node}) if isinstance(o, BNode) else o.n3()
            if inner is None:
                return None
            lines.append(f"{p.n3()} {inner}")
        digests[node] = hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:32]
        return digests[node]

    nodes = sorted({n for t in g for n in (t[0], t[2]) if isinstance(n, BNode)}, key=str)
    if any(digest(n, frozenset()) is None for n in nodes):
        return g
    names: dict[Any, Any] = {n: BNode(f"b{digests[n]}") for n in nodes}
    out = Graph()
    for s, p, o in g:
        out.add((names.get(s, s), p, names.get(o, o)))
    return out


# --- which shape runs where ---------------------------------------------------------------------------


def scoped(shapes_graph: Graph) -> tuple[Graph, Graph]:
    """The shapes as two graphs, (document, whole), each holding its group's named shapes and what
    they reach (nested shapes, lists, prefixes), and no other target."""
    targets: dict = {}
    for s, p, o in shapes_graph:
        if p in _TARGETS:
            targets.setdefault(s, set()).add((p, o))
    document = {s for s, ts in targets.items() if all(p == SH.targetClass and o in DOCUMENT_CLASSES for p, o in ts)}
    return _reachable(shapes_graph, document), _reachable(shapes_graph, set(targets) - document)


def _reachable(shapes_graph: Graph, roots: set) -> Graph:
    g, todo, seen = Graph(), sorted(roots, key=str), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in shapes_graph.triples((node, None, None)):
            g.add((s, p, o))
            if isinstance(o, BNode) or p in (SH.prefixes, SH.declare, SH.node, SH.qualifiedValueShape):
                todo.append(o)
    bind_all(g.namespace_manager)
    return g


def context(ds: Dataset) -> list[tuple]:
    """What a document shape reads outside the article's own graph: the classes of the ontology's
    terms, code lists and agents (sh:class), and the dataset's."""
    graphs = (ds.graph(ID["graph/ontology"]), ds.graph(ID["graph/dataset"]))
    return [t for g in graphs for t in g if t[1] in (RDF.type, RDFS.subClassOf)]


def _group(g: Graph) -> int:
    return int.from_bytes(hashlib.sha256(str(g.identifier).encode()).digest()[:4], "big") % GROUPS


_DOC = str(ID["doc/"])


def _article(g: Graph) -> str:
    return _DOC + str(g.identifier).removeprefix(str(ID["graph/"]))


def _owner(node: Any) -> str | None:
    """The article a node belongs to, by its IRI (…/doc/NAME or …/doc/NAME#char=b,e), if any."""
    iri = str(node)
    return iri.split("#", 1)[0] if iri.startswith(_DOC) else None


def strays(ds: Dataset) -> dict[str, set]:
    """The nodes of each article that some other named graph states (the named-graph check reports
    them): they are validated with their own article, with everything the whole graph says of them."""
    out: dict[str, set] = {}
    for g in ds.graphs() if hasattr(ds, "graphs") else ds.contexts():
        here = _article(g)
        for s in set(g.subjects()):
            owner = _owner(s)
            if owner is not None and owner != here:
                out.setdefault(owner, set()).add(s)
    return out


def assemble(graphs: list[Graph], whole: Graph, ctx: list[tuple], stray: dict[str, set]) -> Graph:
    """The data a group of articles is validated on: of every node an article's graph describes (but
    another article's nodes), and of its own nodes stated elsewhere, what the whole graph says; the
    context; and the dataset's link to each article."""
    data = Graph()
    data.namespace_manager = whole.namespace_manager
    for g in graphs:
        doc = _article(g)
        nodes = {s for s in g.subjects() if _owner(s) in (None, doc)} | stray.get(doc, set())
        for node in nodes:
            for t in whole.triples((node, None, None)):
                data.add(t)
        data.add((ID["dataset/statistics"], DCTERMS.source, URIRef(doc)))
    for t in ctx:
        data.add(t)
    return data


def content_key(g: Graph) -> bytes:
    """A digest of a graph's triples, in whatever order they are: what a validation depends on
    besides the shapes and the ontology (which every cache key covers)."""
    h = hashlib.sha256()
    for line in sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in g):
        h.update(line.encode("utf-8") + b"\n")
    return h.digest()


def _documents(graphs: list[Graph], data: Graph, shapes_graph: Graph) -> Outcome:
    """The document shapes on a group's data, and the named-graph check on each article's graph."""
    report = checks.validate(data, shapes_graph)
    named = [f for g in graphs for f in _graph_findings(g)]
    if not named:
        return Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))
    for f in named:
        _add_result(report.graph, f)
    for node in report.graph.subjects(RDF.type, SH.ValidationReport):
        report.graph.set((node, SH.conforms, Literal(False)))
    findings = sorted({f.line(): f for f in report.findings + named}.values(), key=_order)
    return Outcome(False, findings, report.graph.serialize(format="turtle"))


# --- running it ----------------------------------------------------------------------------------------


class _Cache(Protocol):
    def get(self, k: str) -> Any | None: ...

    def put(self, k: str, value: Any) -> None: ...


_FORKED: dict[str, Any] = {}  # what the forked workers read: set before the pool forks, never pickled


def _task(task: tuple[str, list[int]]) -> tuple[str | None, Outcome]:
    """A task's cache key and outcome: the whole graph's, or a group's (from the cache, if there)."""
    kind, members = task
    cache = _FORKED["cache"]
    if kind == "whole":
        return _FORKED["whole key"], _outcome(_FORKED["whole"], _FORKED["whole shapes"])
    graphs = [_FORKED["articles"][i] for i in members]
    data = assemble(graphs, _FORKED["whole"], _FORKED["context"], _FORKED["strays"])
    k = cache_key(b"validate articles", *(str(g.identifier).encode() for g in graphs), content_key(data))
    hit = cache.get(k) if cache is not None else None
    return k, hit if hit is not None else _documents(graphs, data, _FORKED["document shapes"])


def in_background(
    ds: Dataset,
    whole: Graph | None = None,
    cache: _Cache | None = None,
    whole_key: str | None = None,
    workers: int | None = None,
) -> Callable[[], Outcome]:
    """Start validating the dataset `ds` (whose union is `whole`) and return a function that waits
    for the outcome.

    The groups of articles and the whole graph are spread over `workers` forked processes (one per
    core, by default), which run beside what the caller does meanwhile (the build serialises); each
    inherits the graph, and only the outcomes are pickled. With a `cache`, a group whose data is
    unchanged is taken from it, and so is the whole graph's outcome when `whole_key` is given and
    found. Without fork, or with one worker, everything runs in place.
    """
    if whole is None:
        from kg.rdf import union

        whole = union(ds)
    graphs = article_graphs(ds)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(graphs):
        members.setdefault(_group(g), []).append(i)
    whole_done = cache.get(whole_key) if cache is not None and whole_key is not None else None
    tasks: list[tuple[str, list[int]]] = [] if whole_done is not None else [("whole", [])]
    tasks += [("documents", members[k]) for k in sorted(members)]
    document_shapes, whole_shapes = scoped(checks.shapes())
    _FORKED.update(
        {
            "whole": whole,
            "whole key": whole_key,
            "whole shapes": whole_shapes,
            "articles": graphs,
            "context": context(ds),
            "strays": strays(ds),
            "document shapes": document_shapes,
            "cache": cache,
        }
    )
    n = max(1, workers or os.cpu_count() or 1)
    answers: list[tuple[str | None, Outcome]] | None = None
    if "fork" in mp.get_all_start_methods() and n > 1 and len(tasks) > 1:
        pool = mp.get_context("fork").Pool(min(n, len(tasks)))
        pending = pool.map_async(_task, tasks, chunksize=1)  # the whole graph first: it takes longest
        pool.close()
    else:
        answers = [_task(t) for t in tasks]

    def wait() -> Outcome:
        nonlocal answers
        if answers is None:
            try:
                answers = pending.get()
            finally:
                pool.join()
        _FORKED.clear()
        outcomes = [] if whole_done is None else [whole_done]
        for k, o in answers:
            if cache is not None and k is not None:
                cache.put(k, o)
            outcomes.append(o)
        return merge(outcomes)

    return wait
