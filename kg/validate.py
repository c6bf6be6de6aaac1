"""SHACL validation of the graph against ontology/shapes.ttl, reported in words.

Violations make a build fail; warnings (a conflict between sources) are reported but do not.

Beside the shapes, three checks of what SHACL cannot see, reported as findings of the same form: the
named graphs (a fact of one article's graph is that article's; SHACL validates one graph, never which
graph a triple is in); literals outside their datatype's lexical space, which pyshacl cannot
compare ("x"^^xsd:nonNegativeInteger stopped it with a TypeError), so they are reported and left out
of what the shapes see; and a figure mention's value against what its words say, which SHACL cannot
read ("1.5 million" is 1500000). Every finding is one line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD, NamespaceManager, split_uri

from kg.errors import InputError
from kg.extract.numbers import find_figures, plain
from kg.namespaces import ID, NIF, PKG, SH, STATUS, bind_all
from kg.paths import shapes_file
from kg.rdf import UnionView
from kg.shacl_lean import lean


class ValidationError(InputError):
    """The validator could not finish on the graph given: one line saying why, never a traceback."""


@dataclass
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    message: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        who = self.focus if self.focus.startswith("_:") else f"<{self.focus}>"  # a blank node has no IRI
        return " ".join(f"{self.severity}: {who}{where}: {self.message}".split())


@dataclass
class Report:
    conforms: bool
    graph: Graph
    findings: list[Finding]
    # each result of the shapes (not of the checks beside them): its node in `graph`, its focus node
    # and its finding, for a caller that keeps results by focus node (kg.validate_scoped)
    results: list[tuple[Any, Any, Finding]] = field(default_factory=list)

    def text(self) -> str:
        if not self.findings:
            return "Conforms: the graph satisfies every shape."
        head = "Conforms (with warnings)." if self.conforms else "Does not conform."
        return "\n".join([head] + [f.line() for f in self.findings])


def _order(f: Finding) -> tuple:
    return ({"Violation": 0, "Warning": 1}.get(f.severity, 2), f.focus, f.path, f.message)


def shapes(path: Path | None = None) -> Graph:
    g = Graph()
    g.parse(path or shapes_file(), format="turtle")
    return g


class _BoundNames(NamespaceManager):
    """The data graph's prefixes, for pyshacl's descriptions of the nodes it checks: an IRI in a bound
    namespace is written prefix:name, any other <iri>, exactly as rdflib's own manager writes them.

    rdflib's manager first files every namespace it meets in a trie, and each filing scans every
    namespace filed before; pyshacl describes each value of every nested shape it evaluates (an
    sh:or's alternatives), and the graph has a namespace for every article and every series, so the
    filing grew with the square of the corpus: at 1,000 articles it was three quarters of the time
    of the whole-graph shapes. An IRI of no bound namespace is written without filing it."""

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803  (rdflib's names)
        try:
            namespace, _ = split_uri(rdfTerm)
        except ValueError:
            return super().normalizeUri(rdfTerm)
        if isinstance(rdfTerm, URIRef) and self.store.prefix(URIRef(namespace)) is None:
            return f"<{rdfTerm}>"
        return super().normalizeUri(rdfTerm)


class _Queried(Graph):
    """A data graph for pyshacl: rdflib's in-memory store answers the Core constraints' many small
    lookups, and Oxigraph the SPARQL constraints (rdflib parses a query anew for every focus node and
    evaluates it far slower). The Oxigraph copy is made at the first query. Its prefixes are the
    data's, written without rdflib's quadratic filing (_BoundNames).

    pyshacl asks a SPARQL constraint once per focus node, with `$this` bound to it: at 1,000
    articles, 5,000 queries on the document shapes alone, each evaluated over the whole group. So
    the first time a constraint is asked with `$this` alone bound, its query is evaluated once with
    `$this` free, and its rows are kept by the node `$this` has in each; every focus node is answered
    from them. The rows with `$this` bound to X are the solutions of the query with X put in for
    `$this` when every solution of its pattern binds `$this` (`_binds_this`); any other query (one
    that names `$this` only in a filter, say) is asked per node, as pyshacl asks."""

    def __init__(self, data: Graph) -> None:
        names = _BoundNames(Graph(store=data.namespace_manager.store), bind_namespaces="none")
        super().__init__(store=data.store, identifier=data.identifier, namespace_manager=names)
        self._oxigraph: Any = None
        self._by_this: dict[str, tuple[list[str], dict[Any, list[dict]]] | None] = {}

    def query(self, query_object, processor=None, result=None, initNs=None, initBindings=None, *args, **kwargs):  # type: ignore[override]  # noqa: N803
        # pyshacl passes the bindings fourth in line (rdflib's order), not by name
        import pyoxigraph as ox
        from rdflib.query import Result
        from rdflib.term import Variable

        from kg.store import from_rdflib, to_rdflib

        if self._oxigraph is None:
            self._oxigraph = from_rdflib(self)
        text = str(query_object)
        bindings = initBindings or {}
        batch = self._batched(text) if set(bindings) == {"this"} else None
        if batch is not None:
            names, rows = batch
            out = Result("SELECT")
            out.vars = [Variable(v) for v in names]
            out.bindings = rows.get(bindings["this"], [])
            return out
        bound = {ox.Variable(str(k)): _to_oxigraph(v) for k, v in bindings.items()}
        answer = self._oxigraph.query(text, substitutions=bound)
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
            return out
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in answer.variables]
        out.bindings = [
            {var: to_rdflib(value) for var, value in zip(out.vars, row, strict=True) if value is not None}
            for row in answer
        ]
        return out

    def _batched(self, text: str) -> tuple[list[str], dict[Any, list[dict]]] | None:
        """The query's rows by the node `$this` has in them (see the class), or None when it must be
        asked per node."""
        if text in self._by_this:
            return self._by_this[text]
        import pyoxigraph as ox
        from rdflib.term import Variable

        from kg.store import to_rdflib

        found: tuple[list[str], dict[Any, list[dict]]] | None = None
        if _binds_this(text):
            answer = self._oxigraph.query(text)
            assert isinstance(answer, ox.QuerySolutions)  # a SELECT, as _binds_this found
            names = [v.value for v in answer.variables]
            this, variables = Variable("this"), [Variable(v) for v in names]
            rows: dict[Any, list[dict]] = {}
            for row in answer:
                got = {var: to_rdflib(value) for var, value in zip(variables, row, strict=True) if value is not None}
                rows.setdefault(got[this], []).append(got)
            found = (names, rows)
        self._by_this[text] = found
        return found


@functools.cache  # every group of articles asks the same few queries; rdflib reads one in ~20 ms
def _binds_this(text: str) -> bool:
    """Whether every solution of the SELECT query binds `$this` and returns it, read off rdflib's
    algebra of the query: then putting a node in for `$this` gives the rows of the free query that
    have that node, and nothing else. Anything this cannot vouch for (a LIMIT, a subquery, VALUES, a
    GRAPH) counts as not binding it."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    try:
        algebra = translateQuery(parseQuery(text)).algebra
        if algebra.name != "SelectQuery" or algebra.p.name != "Project":
            return False
        return "this" in _certain(algebra.p.p) and Variable("this") in algebra.p.PV
    except (_Unsure, Exception):  # a query rdflib cannot read is asked per node, by Oxigraph, as before
        return False


class _Unsure(Exception):
    """An algebra node `_certain` does not reason about (a subquery, VALUES, GRAPH, a LIMIT)."""


def _certain(node: Any) -> set[str]:
    """The variables every solution of an algebra node binds (fewer is safe, never more); raises
    _Unsure on any other node, for the query as a whole."""
    from rdflib.term import Variable

    name = getattr(node, "name", "")
    if name == "BGP":
        return {str(x) for t in node.triples for x in t if isinstance(x, Variable)}
    if name in ("Filter", "Distinct", "Reduced", "OrderBy", "AggregateJoin"):
        return _certain(node.p)
    if name == "Extend":
        return _certain(node.p) | {str(node.var)}
    if name == "Join":
        return _certain(node.p1) | _certain(node.p2)
    if name in ("LeftJoin", "Minus"):
        return _certain(node.p1)
    if name == "Union":
        return _certain(node.p1) & _certain(node.p2)
    if name == "Group":  # grouped by plain variables: a group's solutions bind them
        return {str(v) for v in node.expr or () if isinstance(v, Variable)} & _certain(node.p)
    raise _Unsure(name)


class _QueriedUnion(_Queried, UnionView):
    """The same, over the union of a dataset's graphs (kg.rdf.UnionView)."""


def _queried(data: Graph) -> _Queried:
    return _QueriedUnion(data) if isinstance(data, UnionView) else _Queried(data)


def _to_oxigraph(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


@contextmanager
def _only(nodes: set | frozenset | None) -> Iterator[None]:
    """pyshacl checking the shapes on those of their targets that are in `nodes` (all, for None).

    pyshacl's own option (`focus_nodes`) filters every shape it evaluates, nested ones too, so a
    value node outside the list went unchecked by the sh:node that names it; here only the targets
    of the shapes are filtered (pyshacl finds them with `Shape.focus_nodes`, for the top-level
    shapes alone)."""
    if nodes is None:
        yield
        return
    from pyshacl.shape import Shape

    found = Shape.focus_nodes

    def focus_nodes(self: Any, data_graph: Any, debug: bool = False) -> set:
        return {n for n in found(self, data_graph, debug) if n in nodes}

    Shape.focus_nodes = focus_nodes  # type: ignore[method-assign]
    try:
        yield
    finally:
        Shape.focus_nodes = found  # type: ignore[method-assign]


def validate(
    data: Graph,
    shapes_graph: Graph | None = None,
    dataset: Dataset | None = None,
    beside: bool = True,
    only: set | frozenset | None = None,
) -> Report:
    """The findings of the shapes on `data` (and of the literal and figure checks, unless `beside` is
    false: a part of the shapes run beside another part that reports them; and of the named-graph
    check when the `dataset` the graph is the union of is given). With `only`, the shapes are
    checked on those of their targets that are in it, the others left out (kg.validate_scoped)."""
    extra = literal_findings(data)
    if extra:  # pyshacl cannot compare such literals: they are reported, and the shapes see the rest
        data = _without_ill_typed(data)
    extra = (extra + figure_findings(data)) if beside else []  # else another part reports them
    if dataset is not None:
        extra += graph_findings(dataset)
    try:
        with lean(), _only(only):  # without pyshacl's text of each result, which is not read (kg.shacl_lean)
            conforms, results, message = pyshacl.validate(
                _queried(data),
                shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
                inference="none",
                allow_warnings=True,
                inplace=True,  # no inference and no rules: nothing is added, so the (costly) copy is not needed
            )
    except Exception as e:  # whatever the data, the report is lines, not a traceback
        raise ValidationError(f"the SHACL validator stopped on this graph: {' '.join(str(e).split())}") from None
    if not isinstance(results, Graph):  # pyshacl reports a failure of the shapes as text
        raise ValidationError(f"the SHACL validator stopped: {' '.join(str(message).split())}")
    bind_all(results.namespace_manager)
    findings, made = [], []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        path = results.value(r, SH.resultPath)
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        message = str(results.value(r, SH.resultMessage) or "")
        sparql = results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
        if sparql and isinstance(value, URIRef):  # a dataset-wide rule: the node it names is what is wrong
            focus = value
        elif isinstance(value, Literal) and str(value) not in message:
            message += f" Found {_shown(value)}."
        finding = Finding(
            severity=str(sev).rsplit("#", 1)[-1],
            focus=f"_:{focus}" if isinstance(focus, BNode) else str(focus),
            path=results.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
            message=message,
        )
        findings.append(finding)
        made.append((r, results.value(r, SH.focusNode), finding))
    for f in extra:
        _add_result(results, f)
    if any(f.severity == "Violation" for f in extra):
        conforms = False
        for report in results.subjects(RDF.type, SH.ValidationReport):
            results.set((report, SH.conforms, Literal(False)))
    findings = sorted({f.line(): f for f in findings + extra}.values(), key=_order)
    return Report(bool(conforms), results, findings, made)


def _shown(value: Literal) -> str:
    text = str(value) if len(str(value)) <= 80 else str(value)[:77] + "..."
    if value.datatype is not None:
        return f'"{text}"^^xsd:{str(value.datatype).rsplit("#", 1)[-1]}'
    return f'"{text}"@{value.language}' if value.language else f'"{text}"'


def _add_result(results: Graph, f: Finding) -> None:
    """A finding of a check beside the shapes as a result of the SHACL report, so the Turtle holds it too."""
    node = BNode()
    for report in results.subjects(RDF.type, SH.ValidationReport):
        results.add((report, SH.result, node))
    results.add((node, RDF.type, SH.ValidationResult))
    focus = BNode(f.focus[2:]) if f.focus.startswith("_:") else URIRef(f.focus)
    results.add((node, SH.focusNode, focus))
    results.add((node, SH.resultSeverity, SH[f.severity]))
    results.add((node, SH.resultMessage, Literal(f.message)))


# --- literals in their datatype's lexical space ------------------------------------------------------

_DAY = r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}"
_ZONE = r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?"
_LEXICAL = {
    XSD.date: re.compile(f"{_DAY}{_ZONE}"),
    XSD.gYear: re.compile(f"-?[0-9]{{4,}}{_ZONE}"),
    XSD.gYearMonth: re.compile(f"-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_ZONE}"),
    XSD.gMonth: re.compile(f"--(0[1-9]|1[0-2]){_ZONE}"),
    XSD.decimal: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.int: re.compile(r"[+-]?[0-9]+"),
    XSD.nonNegativeInteger: re.compile(r"\+?[0-9]+|-0+"),
    XSD.boolean: re.compile(r"true|false|1|0"),
}


def _valid(value: Literal) -> bool:
    pattern = _LEXICAL.get(value.datatype) if value.datatype is not None else None
    if pattern is None:
        return True  # a datatype this check does not read
    if getattr(value, "ill_typed", False):  # what rdflib could not read ("maybe"^^xsd:boolean, read as false)
        return False
    text = str(value)
    if not pattern.fullmatch(text):
        return False
    if value.datatype == XSD.date and not text.startswith("-"):
        try:
            dt.date.fromisoformat(text[:10])
        except ValueError:
            return False
    return True


def literal_findings(data: Graph) -> list[Finding]:
    """A literal whose text is not of its datatype ("2023-13-45"^^xsd:date, "x"^^xsd:nonNegativeInteger)."""
    out = []
    names = Graph().namespace_manager  # the project's prefixes, whatever the data binds
    bind_all(names)
    for s, p, o in data:
        if isinstance(o, Literal) and o.datatype in _LEXICAL and not _valid(o):
            name = str(o.datatype).rsplit("#", 1)[-1]
            # rdflib keeps no text of a boolean it cannot read: it says false
            what = f"The value {_shown(o)}" if o.datatype != XSD.boolean else "The value (neither true nor false)"
            out.append(
                Finding(
                    "Violation",
                    f"_:{s}" if isinstance(s, BNode) else str(s),
                    names.normalizeUri(str(p)),
                    f"{what} is not a valid xsd:{name}; the shapes were checked without it.",
                )
            )
    return out


def _without_ill_typed(data: Graph) -> Graph:
    g = Graph()
    g.namespace_manager = data.namespace_manager
    for t in data:
        o = t[2]
        if not (isinstance(o, Literal) and o.datatype in _LEXICAL and not _valid(o)):
            g.add(t)
    return g


# --- a figure's value is what its words say -----------------------------------------------------------


def figure_findings(data: Graph) -> list[Finding]:
    """A figure mention whose value is not what its words say ("4.27 billion" stated as 427,000,000,
    with its observation changed alike, so that the two still agree): SHACL cannot read a figure as
    written, the project's number reader (kg/extract/numbers.py) can. A value made negative by its
    cue ('lost 9 billion') is compared by size; a curated mention is left out, since a reviewer may
    settle a value that the words garble, and so are words the reader takes for no figure (an ordinal
    such as '17th', which a construction counts)."""
    out = []
    for node, value in data.subject_objects(PKG.reportedValue):
        quote = data.value(node, NIF.anchorOf)
        if not isinstance(quote, Literal) or not isinstance(value, Literal) or value.datatype != XSD.decimal:
            continue  # the shapes say what is missing or of the wrong type
        if (node, PKG.status, STATUS.curated) in data:
            continue
        try:
            stated = abs(Decimal(str(value)))
        except InvalidOperation:
            continue
        read = sorted({abs(f.value) for f in find_figures(str(quote))})
        if read and stated not in read:  # words the reader reads as no figure ('17th') are not judged
            says = " or ".join(plain(v) for v in read)
            out.append(
                Finding(
                    "Violation",
                    f"_:{node}" if isinstance(node, BNode) else str(node),
                    "pkg:reportedValue",
                    f'The figure mention states {plain(stated)}, but its words "{quote}" say {says}.',
                )
            )
    return out


# --- named graphs: one article's facts are in its own graph ---------------------------------------------


_NOT_ARTICLES = ("derived", "dataset", "ontology")


def article_graphs(ds: Dataset) -> list[Graph]:
    """The named graphs of the articles, in name order (not the derived, dataset and ontology graphs)."""
    prefix = str(ID["graph/"])
    return sorted(
        (
            g
            for g in (ds.graphs() if hasattr(ds, "graphs") else ds.contexts())
            if str(g.identifier).startswith(prefix) and str(g.identifier).removeprefix(prefix) not in _NOT_ARTICLES
        ),
        key=lambda g: str(g.identifier),
    )


def graph_findings(ds: Dataset) -> list[Finding]:
    """What SHACL cannot see: which named graph a triple is in (see `_graph_findings`), for every
    article's graph of the dataset."""
    return sorted((f for g in article_graphs(ds) for f in _graph_findings(g)), key=_order)


def _graph_findings(g: Graph) -> list[Finding]:
    """In the graph of article NAME (…/id/graph/NAME), every span is NAME's (…/id/doc/NAME#char=…),
    every observation and event is stated by a span of NAME in that graph, and the article described
    is NAME. Read in one pass over the graph's triples (a lookup per kind and node cost more than the
    shapes of the article's group)."""
    out = []
    name = str(g.identifier)
    doc = str(ID[f"doc/{name.removeprefix(str(ID['graph/']))}"])
    here = f"in the named graph of {doc}"
    docs, own = str(ID["doc/"]), doc + "#"
    subjects: set[str] = set()
    facts: set[str] = set()  # the observations and events of the graph
    stated: set[str] = set()  # the nodes a span of the article states (prov:wasDerivedFrom, pkg:supports)
    described: set[str] = set()  # the articles the graph gives a date of issue
    for s, p, o in g:
        subject, obj = str(s), str(o)
        subjects.add(subject)
        if p == RDF.type and o in _FACT_KINDS:
            facts.add(subject)
        elif p == PROV.wasDerivedFrom and obj.startswith(own):
            stated.add(subject)
        elif p == PKG.supports and subject.startswith(own):
            stated.add(obj)
        elif p == DCTERMS.issued:
            described.add(subject)
    for iri in subjects:
        if iri.startswith(docs) and iri.split("#", 1)[0] != doc:
            out.append(
                Finding(
                    "Violation",
                    iri,
                    "",
                    f"{iri.split('#', 1)[0]} is stated {here}: it belongs to its own article's graph.",
                )
            )
    for node in facts - stated:
        out.append(
            Finding("Violation", node, "", f"The fact is stated {here}, but no span of that article states it there.")
        )
    for art in described - {doc}:
        out.append(Finding("Violation", art, "", f"The article is described {here}, not in its own."))
    return sorted(out, key=_order)


_FACT_KINDS = frozenset({PKG.Observation, PKG.PolicyEvent})
