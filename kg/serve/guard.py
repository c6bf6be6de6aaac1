"""What the endpoint (and `pension-kg query`) refuses before it evaluates anything, and why.

Oxigraph would fetch the web on a query's behalf: SERVICE sends a request to the named endpoint,
and LOAD (an update) downloads a document. A public endpoint must never be made to fetch, so each
of these is refused with 400 and a message saying why; any other update is refused with 403,
since the endpoint is read-only; FROM/FROM NAMED may name only the store's own graphs (Oxigraph
would not fetch them, but a graph the store lacks is a mistake worth a message, not an empty
answer). The checks read the query's tokens (kg.store.sparql_text), so a keyword inside a string
or a comment refuses nothing; whether the rest is valid SPARQL, Oxigraph's parser says.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from kg.store.sparql_text import Outline, outline


class Refused(ValueError):
    """A request the endpoint will not run: status is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Checked:
    """A query that passed the checks: its form and the dataset it is asked over."""

    form: str
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def check(
    text: str,
    graphs: Container[str] | None,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
    parse: bool = False,
) -> Checked:
    """Check a query. `graphs` are the graph names the store holds (FROM may name only these); None
    lets FROM through for a remote store to resolve. The protocol's default-graph-uri and
    named-graph-uri replace the query's own FROM clauses, as SPARQL 1.1 says. With `parse`, a text
    Oxigraph cannot parse is refused too (for a remote store, which would otherwise say it)."""
    found = outline(text)
    if not found.form:
        _refuse_update(text, found)
    _refuse_service(found)
    default_graphs, named_graphs = tuple(default_graphs), tuple(named_graphs)
    if graphs is not None:
        if default_graphs or named_graphs:
            clauses = [("FROM", g) for g in default_graphs] + [("FROM NAMED", g) for g in named_graphs]
        else:
            clauses = [("FROM", g) for g in found.from_default] + [("FROM NAMED", g) for g in found.from_named]
        _refuse_fetching_from(clauses, graphs)
    if parse:
        _parse(text)
    return Checked(found.form, text, default_graphs, named_graphs)


def protocol_dataset(
    default_graphs: Sequence[str], named_graphs: Sequence[str], graphs: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A request's default-graph-uri and named-graph-uri as this store reads them.

    rdflib's SPARQLStore, under a Dataset (or a Graph named so), sends its own name for "the
    default graph", urn:x-rdflib:default, as default-graph-uri. That is no graph to fetch but the
    default graph as the dataset defines it, here the union of all `graphs`: alone it is dropped
    (no dataset clause, so the union and every named graph); beside other graphs it stands for the
    store's own default graph, written "" (kg.store.query.run), which already holds every triple
    of the others once (merging the named graphs instead would count a triple once per graph). Any
    other IRI is kept as given, for `check` to refuse if the store lacks it."""
    if _RDFLIB_DEFAULT not in default_graphs:
        return tuple(default_graphs), tuple(named_graphs)
    others = [g for g in default_graphs if g != _RDFLIB_DEFAULT]
    if not others and not named_graphs:
        return (), ()
    return tuple(dict.fromkeys(["", *others])), tuple(named_graphs)


_RDFLIB_DEFAULT = "urn:x-rdflib:default"  # rdflib's DATASET_DEFAULT_GRAPH_ID


def _parse(text: str) -> None:
    """Refuse what Oxigraph cannot parse, by asking an empty store (nothing to evaluate over)."""
    import pyoxigraph as ox

    from kg.prefixes import PREFIX_IRIS
    from kg.store.query import syntax_error

    try:
        answer = ox.Store().query(text, prefixes=PREFIX_IRIS)
        if not isinstance(answer, ox.QueryBoolean):
            next(iter(answer), None)
    except SyntaxError as e:
        raise Refused(400, syntax_error(text, e)) from None
    except OSError:
        pass  # an evaluation error is the remote store's to report


def _refuse_update(text: str, found: Outline) -> None:
    if found.loads:
        raise Refused(
            400,
            f"LOAD <{found.loads[0]}> would fetch data from the web; this endpoint never fetches anything "
            "(and is read-only: SPARQL Update is not accepted)",
        )
    if found.updates:
        ops = ", ".join(dict.fromkeys(op.title() for op in found.updates))
        raise Refused(403, f"this endpoint is read-only: SPARQL Update ({ops}) is not accepted")
    _parse(text)  # neither a query nor an update: the parser says where it goes wrong
    raise Refused(400, "SPARQL syntax error: not a SELECT, ASK, CONSTRUCT or DESCRIBE query")


def _refuse_service(found: Outline) -> None:
    for target in found.services:
        where = f"?{target.lstrip('?$')}" if target.startswith(("?", "$")) else f"<{target}>" if target else ""
        raise Refused(
            400,
            f"SERVICE {where} would send a request to another endpoint; this endpoint never makes outbound "
            "requests, so federated queries are not accepted (run the federation from your own client)",
        )


def _refuse_fetching_from(clauses: list[tuple[str, str]], graphs: Container[str]) -> None:
    for kind, iri in clauses:
        if iri not in graphs and not (kind == "FROM" and iri == ""):  # "": the store's default graph
            raise Refused(
                400,
                f"{kind} <{iri}> names no graph of this store, and would fetch it from the web; this endpoint "
                "never fetches anything. FROM/FROM NAMED may name only the store's own graphs (listed in the "
                "service description); without FROM, the default graph is the union of all of them",
            )
