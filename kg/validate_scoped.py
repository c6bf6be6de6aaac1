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
(of GROUPS). Every outcome is cached under the key the build gives (the extraction keys of every
article), and each build leaves a record of what it found: the next one validates again only the
groups, and the focus nodes of the whole graph's Core shapes, that a change reaches (`_reached`,
kg.reach), and takes the rest from the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg import forked, iris, reach
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


def _outcome(data: Graph, shapes_graph: Graph, beside: bool = True) -> Outcome:
    report = checks.validate(data, shapes_graph, beside=beside)
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


def scoped(shapes_graph: Graph, parts: int = 1, data: Graph | None = None) -> tuple[Graph, list[Graph]]:
    """The shapes as (document, whole): graphs each holding its group's named shapes and what they
    reach (nested shapes, lists, prefixes), and no other target. The whole graph's shapes of SHACL
    Core come in `parts` graphs of about equal work on `data` (see `_balanced`), which run side by
    side; the last graph holds the SHACL-SPARQL ones (and may hold no shape): the Core shapes can be
    checked on the focus nodes a change reaches (kg.reach), a SPARQL query reads anything."""
    targets: dict = {}
    for s, p, o in shapes_graph:
        if p in _TARGETS:
            targets.setdefault(s, set()).add((p, o))
    document = {s for s, ts in targets.items() if all(p == SH.targetClass and o in DOCUMENT_CLASSES for p, o in ts)}
    whole = {s: targets[s] for s in set(targets) - document}
    sparql = {s for s in whole if (s, SH.sparql, None) in shapes_graph}
    core = _balanced(shapes_graph, {s: ts for s, ts in whole.items() if s not in sparql}, parts, data)
    return _reachable(shapes_graph, document), [_reachable(shapes_graph, part) for part in [*core, sparql]]


def _balanced(shapes_graph: Graph, targets: dict, parts: int, data: Graph | None) -> list[set]:
    """The shapes in `parts` sets of about equal work: heaviest first, each to the lightest set. A
    shape's work is about the triples it reaches (the constraints pyshacl evaluates per focus node)
    times its focus nodes in `data`."""

    def focus(ts: set) -> int:
        if data is None:
            return 1
        nodes: set = set()
        for p, o in ts:
            if p == SH.targetClass:
                nodes.update(data.subjects(RDF.type, o))
            elif p == SH.targetSubjectsOf:
                nodes.update(data.subjects(o, None))
            elif p == SH.targetObjectsOf:
                nodes.update(data.objects(None, o))
            else:
                nodes.add(o)
        return max(1, len(nodes))

    units = [(len(_reachable(shapes_graph, {root})) * focus(ts), str(root), {root}) for root, ts in targets.items()]
    out: list[tuple[int, int, set]] = [(0, i, set()) for i in range(max(1, parts))]
    for weight, _, members in sorted(units, key=lambda u: (-u[0], u[1])):
        total, i, part = min(out, key=lambda x: (x[0], x[1]))
        out[i] = (total + weight, i, part | members)
    return [part for _, _, part in out if part]


def roots(part: Graph) -> set:
    """The shapes of a graph `scoped` made: those with a target."""
    return {s for s, p, _ in part if p in _TARGETS}


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


def _graph(triples: Iterable[tuple], whole: Graph) -> Graph:
    data = Graph()
    data.namespace_manager = whole.namespace_manager
    for t in triples:
        data.add(t)
    return data


def _group_triples(graphs: list[Graph], whole: Graph, ctx: list[tuple], stray: dict[str, set]) -> Iterator[tuple]:
    """Of every node an article's graph describes (but another article's nodes), and of its own nodes
    stated elsewhere, what the whole graph says; the context; and the dataset's link to each article
    (repeats included: a graph keeps one)."""
    for g in graphs:
        doc = _article(g)
        nodes = {s for s in g.subjects() if _owner(s) in (None, doc)} | stray.get(doc, set())
        for node in nodes:
            yield from whole.triples((node, None, None))
        yield (ID["dataset/statistics"], DCTERMS.source, URIRef(doc))
    yield from ctx


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
    def get(self, k: str, keep: bool = True) -> Any | None: ...

    def put(self, k: str, value: Any) -> None: ...


Results = dict[Any, list[tuple[Finding, list[tuple]]]]  # the whole graph's Core results by focus node: finding, triples


@dataclass
class _Record:
    """What a build leaves the next one, so that it validates only what a change reaches: the
    articles it was made of (their extraction keys, by stem), each group's members and the cache
    key of its outcome, the whole graph's Core results by focus node, and a digest of the
    description of each subject of the derived and dataset graphs."""

    keys: dict[str, str]
    groups: dict[int, tuple[tuple[str, ...], str]]
    results: Results | None  # None: a focus node that is a blank node, which no later build can name
    others: dict[Any, bytes]


_RECORD = b"validate record"
_FORKED: dict[str, Any] = {}  # what the forked workers read: set before the pool forks, never pickled


def _task(task: tuple[str, list[int]]) -> tuple[str | None, Outcome, Results | None]:
    """A task's cache key, outcome and (for a part of the whole graph's Core shapes) its results by
    focus node: the whole graph's, or a group's (from the cache, if there)."""
    kind, members = task
    cache = _FORKED["cache"]
    if kind == "whole":  # a part of the whole graph's Core shapes, on the focus nodes to check
        (part,) = members
        report = checks.validate(_FORKED["whole"], _FORKED["whole shapes"][part], beside=False, only=_FORKED["focus"])
        return None, _report_outcome(report), _by_focus(report)
    if kind == "full":  # the SPARQL shapes, and the checks beside the shapes
        k = _FORKED["full key"]
        return k, _outcome(_FORKED["whole"], _FORKED["whole shapes"][-1], beside=True), None
    graphs = [_FORKED["articles"][i] for i in members]
    # a group's outcome is a function of every input of the build, which the whole key covers (a
    # digest of the group's own triples cost a fifth of the time of validating it); a rebuild finds
    # the outcome of a group that no change reaches by the key its record kept (`_Record`)
    whole_key = _FORKED["whole key"]
    names = (str(g.identifier).encode() for g in graphs)
    k = None if whole_key is None else cache_key(b"validate articles", whole_key.encode(), *names)
    hit = cache.get(k) if cache is not None and k is not None else None
    if hit is not None:
        return k, hit, None
    if "strays" not in _FORKED:  # found where the groups are validated: each worker finds them once
        _FORKED["strays"] = strays(_FORKED["dataset"])
    triples = _group_triples(graphs, _FORKED["whole"], _FORKED["context"], _FORKED["strays"])
    return k, _documents(graphs, _graph(triples, _FORKED["whole"]), _FORKED["document shapes"]), None


def _report_outcome(report: Report) -> Outcome:
    return Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))


def _by_focus(report: Report) -> Results:
    """The results of a report by focus node, each with its finding and its triples (the result and
    the blank nodes it holds: the path, the copy of the shape it names)."""
    out: Results = {}
    for node, focus, finding in report.results:
        triples, todo, seen = [], [node], set()
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            for p, o in report.graph.predicate_objects(n):
                triples.append((n, p, o))
                if isinstance(o, BNode):
                    todo.append(o)
        out.setdefault(focus, []).append((finding, triples))
    return out


def _results_outcome(results: Results) -> Outcome:
    """The report of the whole graph's Core shapes, made of its results by focus node."""
    g = Graph()
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    findings = [finding for rs in results.values() for finding, _ in rs]
    conforms = not any(f.severity == "Violation" for f in findings)
    g.add((report, SH.conforms, Literal(conforms)))
    for rs in results.values():
        for _, triples in rs:
            g.add((report, SH.result, triples[0][0]))
            for t in triples:
                g.add(t)
    bind_all(g.namespace_manager)
    found = sorted({f.line(): f for f in findings}.values(), key=_order)
    return Outcome(conforms, found, g.serialize(format="turtle") if found else "")


def _stem(graph_name: Any) -> str:
    return str(graph_name).removeprefix(str(ID["graph/"]))


def _seeds(triples: Iterable[tuple], back: frozenset) -> set:
    """The nodes a change of these triples is read at: their subjects, and the objects of the
    predicates some shape follows backwards."""
    out = set()
    for s, p, o in triples:
        out.add(s)
        if p in back:
            out.add(o)
    return out


def _others(ds: Dataset) -> dict[Any, bytes]:
    """Each subject of the derived and dataset graphs, with a digest of what those graphs say of it."""
    lines: dict[Any, list[str]] = {}
    for name in (ID["graph/derived"], ID["graph/dataset"]):
        for s, p, o in ds.graph(name):
            lines.setdefault(s, []).append(f"{p.n3()} {o.n3()}")
    return {s: hashlib.sha256("\n".join(sorted(set(ls))).encode("utf-8")).digest() for s, ls in lines.items()}


def _alone(ex: Any, lex: Any) -> set[tuple]:
    """The triples of an article's graph were it the only article (kg.rdf.build_quads)."""
    from kg import rdf

    name = iris.graph_name(ex.article.stem)
    return {(s, p, o) for s, p, o, g in rdf.build_quads([ex], [], lex, with_ontology=False) if g == name}


def _reached(
    ds: Dataset,
    whole: Graph,
    record: _Record,
    articles: dict[str, tuple[str, Any]],
    others: dict,
    cache: _Cache,
    core: Graph,
) -> tuple[set, set[str]] | None:
    """What a change since the build of `record` reaches: the focus nodes of the whole graph's Core
    shapes to check again (kg.reach), and the articles whose groups to validate again; None when
    everything is to be validated (a change this cannot follow, or a record it cannot read).

    An article's graph is made from its extraction, and it repeats what the other reports of each
    observation it states say of it: values, hedges, the lowest status, whether every report came
    before the period's end, each a union (or a least, or an "all") over the reports. So what the
    whole graph says of a node differs between two builds only where a changed article's graph,
    made from that article alone, says something else of it before (from its old extraction, which
    the cache keeps) and after, or where the derived and dataset graphs do; those nodes, and the
    objects of what a shape follows backwards, are where a change is read (`_seeds`)."""
    from kg.extract.lexicon import load

    paths = reach.read_paths(core, roots(core))
    back = reach.backwards(paths)
    keys = {stem: k for stem, (k, _) in articles.items()}
    changed = {stem for stem in set(record.keys) | set(keys) if record.keys.get(stem) != keys.get(stem)}
    starts = {s for s in set(others) | set(record.others) if others.get(s) != record.others.get(s)}
    lex = load() if changed else None
    for stem in sorted(changed):
        now = _alone(articles[stem][1], lex) if stem in articles else set()
        if stem in record.keys:
            ex = cache.get(record.keys[stem], keep=False)
            if ex is None:
                return None
            before = _alone(ex, lex)
        else:
            before = set()
        starts |= _seeds(now ^ before, back)
    if any(isinstance(n, BNode) for n in starts) or reach.touches_classes(whole, starts):
        return None  # a blank node of one build is not the same-named node of another
    dirty = set(changed)
    for c in starts:
        owner = _owner(c)
        if owner is not None:
            dirty.add(owner.removeprefix(_DOC))
            continue
        for _, contexts in ds.store.triples((c, None, None), context=None):
            dirty.update(_stem(g.identifier) for g in contexts if g is not None)
    return reach.reaching(whole, starts, paths), dirty


def in_background(
    ds: Dataset,
    whole: Graph | None = None,
    cache: _Cache | None = None,
    whole_key: str | None = None,
    workers: int | None = None,
    articles: dict[str, tuple[str, Any]] | None = None,
) -> Callable[[], Outcome]:
    """Start validating the dataset `ds` (whose union is `whole`) and return a function that waits
    for the outcome.

    The groups of articles and the whole graph's shapes, in one part per worker (`scoped`), are spread
    over `workers` forked processes (one per core, by default), which run beside what the caller does
    meanwhile (the build waits for its files); each inherits the graph, and only the outcomes are pickled.
    Without fork, or with one worker, everything runs in place.

    With a `cache`, a group whose data is unchanged is taken from it, and so is the outcome of the
    SPARQL shapes and the checks beside them when `whole_key` (the key of every input) is given and
    found. With `articles` too (each article's extraction key and extraction, by stem), the build
    leaves a record of
    what it found (`_Record`), and the next one checks the whole graph's Core shapes only on the
    focus nodes a change reaches, and does not even read the groups it does not reach (`_reached`).
    """
    if whole is None:
        from kg.rdf import union_view

        whole = union_view(ds)
    graphs = article_graphs(ds)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(graphs):
        members.setdefault(_group(g), []).append(i)
    document_shapes, whole_shapes = scoped(checks.shapes(), parts=forked.workers(workers), data=whole)
    core_parts = len(whole_shapes) - 1
    recording = cache is not None and articles is not None
    others = _others(ds) if recording else {}
    record: _Record | None = None
    reached = None
    if recording:
        assert cache is not None and articles is not None
        old = cache.get(cache_key(_RECORD), keep=False)
        record = old if isinstance(old, _Record) and old.results is not None else None
        core = Graph()
        for part in whole_shapes[:-1]:
            core += part
        try:
            reached = _reached(ds, whole, record, articles, others, cache, core) if record is not None else None
        except reach.Unsupported:
            reached = None
    focus, dirty = reached if reached is not None else (None, None)
    full_key = None if whole_key is None else cache_key(b"validate whole", whole_key.encode())
    full = cache.get(full_key) if cache is not None and full_key is not None else None
    tasks: list[tuple[str, list[int]]] = [] if full is not None else [("full", [])]
    if focus is None or focus:
        tasks += [("whole", [i]) for i in range(core_parts)]
    reused: dict[int, tuple[tuple[str, ...], str, Outcome]] = {}
    for group, m in sorted(members.items()):
        stems = tuple(_stem(graphs[i].identifier) for i in m)
        before = record.groups.get(group) if record is not None and dirty is not None else None
        if before is not None and before[0] == stems and not dirty & set(stems):  # type: ignore[operator]
            hit = cache.get(before[1]) if cache is not None else None
            if hit is not None:
                reused[group] = (stems, before[1], hit)
                continue
        tasks.append(("documents", m))
    _FORKED.update(
        {
            "whole": whole,
            "whole shapes": whole_shapes,
            "focus": focus,
            "full key": full_key,
            "whole key": whole_key,
            "articles": graphs,
            "context": context(ds),
            # the strays are found by the workers, not before they start: the build's other core
            # waits for the validation to start, and finding them reads every named graph (1.6 s at
            # 1,000 articles)
            "dataset": ds,
            "document shapes": document_shapes,
            "cache": cache,
        }
    )
    answers: list[tuple[str | None, Outcome, Results | None]] | None = None
    pool = forked.pool(len(tasks), workers)
    if pool is not None:
        pending = pool.map_async(_task, tasks, chunksize=1)  # the whole graph's parts first: they take longest
        pool.close()
    else:
        answers = [_task(t) for t in tasks]

    def wait() -> Outcome:
        nonlocal answers
        if answers is None:
            assert pool is not None
            try:
                answers = pending.get()
            finally:
                pool.join()
        _FORKED.clear()
        outcomes = [full] if full is not None else []
        kept = record.results if focus is not None and record is not None else None
        results: Results = {} if kept is None else {f: rs for f, rs in kept.items() if f not in focus}  # type: ignore[operator]
        groups = {g: (stems, k) for g, (stems, k, _) in reused.items()}
        outcomes += [o for _, _, o in reused.values()]
        for (kind, m), (k, o, by_focus) in zip(tasks, answers, strict=True):
            if by_focus is not None:  # a part of the Core shapes: a focus node has results in each
                for f, rs in by_focus.items():
                    results.setdefault(f, []).extend(rs)
                continue
            if cache is not None and k is not None:
                cache.put(k, o)
            if kind == "documents" and k is not None:
                groups[_group(graphs[m[0]])] = (tuple(_stem(graphs[i].identifier) for i in m), k)
            outcomes.append(o)
        outcomes.append(_results_outcome(results))
        if recording:
            assert cache is not None and articles is not None
            named = None if any(isinstance(f, BNode) for f in results) else results
            keys = {stem: k for stem, (k, _) in articles.items()}
            cache.put(cache_key(_RECORD), _Record(keys, groups, named, others))
        return merge(outcomes)

    return wait
