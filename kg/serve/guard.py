"""What the endpoint refuses before it evaluates anything, and why.

rdflib would happily fetch the web on a query's behalf: SERVICE sends a request to the named
endpoint, FROM/FROM NAMED of a graph it does not hold is downloaded, and LOAD (an update) does
the same. A public endpoint must never be made to fetch, so each of these is refused with 400 and
a message saying why; any other update is refused with 403, since the endpoint is read-only.
The checks work on rdflib's own parse of the query, so a keyword inside a string or a comment
refuses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from rdflib import URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from kg.namespaces import PREFIXES

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class Refused(ValueError):
    """A request the endpoint will not run: status is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Checked:
    """A query that passed the checks: its form and rdflib's prepared query."""

    form: str
    query: Query

    @cached_property
    def key(self) -> str:
        """The same for the same query whatever its prefixes and layout: its algebra, written out."""
        return repr(self.query.algebra)


def check(
    text: str,
    graphs: Iterable[str] | None,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
) -> Checked:
    """Parse and check a query. `graphs` are the graph names the store holds (FROM may name
    only these); None lets FROM through for a remote store to resolve. The protocol's
    default-graph-uri/named-graph-uri replace the query's own FROM clauses, as SPARQL 1.1 says."""
    try:
        parsed = parseQuery(text)
    except Exception as e:
        _refuse_update(text, e)
    try:
        query = translateQuery(parsed, initNs=dict(PREFIXES.items()))
    except Exception as e:  # unknown prefix, bad aggregate, ...
        raise Refused(400, f"SPARQL error: {e}") from None
    _refuse_service(query.algebra)
    default_graphs, named_graphs = list(default_graphs), list(named_graphs)
    if default_graphs or named_graphs:
        query.algebra["datasetClause"] = [CompValue("DatasetClause", default=URIRef(g)) for g in default_graphs] + [
            CompValue("DatasetClause", named=URIRef(g)) for g in named_graphs
        ]
    if graphs is not None:
        _refuse_fetching_from(query.algebra.get("datasetClause") or [], set(graphs))
    return Checked(FORMS.get(query.algebra.name, "SELECT"), query)


def protocol_dataset(
    default_graphs: Sequence[str], named_graphs: Sequence[str], graphs: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A request's default-graph-uri and named-graph-uri as this store reads them.

    rdflib's SPARQLStore, under a Dataset (or a Graph named so), sends its own name for "the
    default graph", urn:x-rdflib:default, as default-graph-uri. That is no graph to fetch but the
    default graph as the dataset defines it, here the union of all `graphs`: alone it is dropped
    (no dataset clause, so the union and every named graph), beside other graphs it stands for all
    of the store's. Any other IRI is kept as given, for `check` to refuse if the store lacks it."""
    if _RDFLIB_DEFAULT not in default_graphs:
        return tuple(default_graphs), tuple(named_graphs)
    others = [g for g in default_graphs if g != _RDFLIB_DEFAULT]
    if not others and not named_graphs:
        return (), ()
    return tuple(dict.fromkeys([*graphs, *others])), tuple(named_graphs)


_RDFLIB_DEFAULT = str(DATASET_DEFAULT_GRAPH_ID)


def _refuse_update(text: str, query_error: Exception) -> None:
    try:
        update = parseUpdate(text)
    except Exception:
        raise Refused(400, f"SPARQL syntax error: {query_error}") from None
    ops = [op.name for op in update.request]
    loads = [str(op.get("iri")) for op in update.request if op.name == "Load"]
    if loads:
        raise Refused(
            400,
            f"LOAD <{loads[0]}> would fetch data from the web; this endpoint never fetches anything "
            "(and is read-only: SPARQL Update is not accepted)",
        )
    raise Refused(403, f"this endpoint is read-only: SPARQL Update ({', '.join(ops)}) is not accepted")


def _refuse_service(node: object) -> None:
    for found in _walk(node):
        if found.name == "ServiceGraphPattern":
            target = found.get("term")
            where = (
                f"<{target}>" if isinstance(target, URIRef) else f"?{target}" if isinstance(target, Variable) else ""
            )
            raise Refused(
                400,
                f"SERVICE {where} would send a request to another endpoint; this endpoint never makes outbound "
                "requests, so federated queries are not accepted (run the federation from your own client)",
            )


def _walk(node: object):
    """Every CompValue under node, however deep (iterative: a query nested past Python's recursion
    limit must not hide a SERVICE)."""
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)


def _refuse_fetching_from(clauses: list[CompValue], graphs: set[str]) -> None:
    for clause in clauses:
        # not clause.get(): a CompValue's get() answers a missing key with the key's own name
        kind, iri = ("FROM", clause["default"]) if "default" in clause else ("FROM NAMED", clause["named"])
        if str(iri) not in graphs:
            raise Refused(
                400,
                f"{kind} <{iri}> names no graph of this store, and would fetch it from the web; this endpoint "
                "never fetches anything. FROM/FROM NAMED may name only the store's own graphs (listed in the "
                "service description); without FROM, the default graph is the union of all of them",
            )
