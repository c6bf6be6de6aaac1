"""`pension-kg push`: load the built graph into a triple store over the Graph Store Protocol.

When the graph outgrows rdflib it lives in a real store (Oxigraph, Fuseki, GraphDB, Virtuoso).
Every one of them speaks the SPARQL 1.1 Graph Store HTTP Protocol, so the build is loaded the same
way into any of them: one PUT per named graph (each document's graph, the ontology, the derived
observations and the dataset description), which replaces that graph and leaves the others alone,
so pushing again after a rebuild gives the same store. Graphs travel as N-Triples, which every
store parses and which has no prefixes or blank-node scoping to get wrong.

The union of all graphs also goes into the store's default graph, as it is the default graph of
`pension-kg query` and `serve`: stores disagree on what their default graph holds (Fuseki and
GraphDB need configuring, and Oxigraph's --union-default-graph repeats a triple once per graph
holding it, which changes COUNTs and duplicates rows), so the named queries give the in-process
answers only over a default graph that is the union as a set.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox

from kg import store


class PushError(store.StoreError):
    """The store could not be reached or refused a graph; the message names which."""


def payloads(out: Path, only: list[str] | None = None) -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Triples, triples) for each non-empty named graph of the build, by name.

    The quads are read with every literal as written (kg.store.quads(exact=True)): the store keeps
    values, and a store other than Oxigraph should get the build's own datatypes."""
    graphs: dict[str, list[ox.Triple]] = {}
    for q in store.quads(out, exact=True):
        graphs.setdefault(store.graph_iri(q), []).append(q.triple)
    if only:
        unknown = [g for g in only if g not in graphs]
        if unknown:
            raise PushError(f"no graph <{unknown[0]}> in {out}; the build has: {', '.join(sorted(graphs))}")
        graphs = {k: v for k, v in graphs.items() if k in only}
    return [(name, _ntriples(graphs[name]), len(set(graphs[name]))) for name in sorted(graphs)]


def union(out: Path) -> tuple[bytes, int]:
    """The union of the build's graphs, as a set, in N-Triples (the build's Turtle holds just that)."""
    triples = list(ox.parse(path=str(store.require(out, store.TURTLE)), format=ox.RdfFormat.TURTLE))
    return _ntriples(triples), len(set(triples))


def _ntriples(triples: list[ox.Triple]) -> bytes:
    """Sorted, one triple a line, each once: the same graph gives the same bytes."""
    lines = sorted({str(t) + " .\n" for t in triples})
    return "".join(lines).encode("utf-8")


def push(endpoint: str, out: Path, only: list[str] | None = None, timeout: float = 60.0) -> dict:
    """PUT each graph to `endpoint?graph=IRI` and, unless only some graphs are asked for, their union
    to `endpoint?default`; a summary of what was sent."""
    sent = {}
    summary: dict = {"endpoint": endpoint}
    with httpx.Client(timeout=timeout) as client:
        for name, body, n in payloads(out, only):
            _put(client, endpoint, {"graph": name}, body, f"<{name}>")
            sent[name] = n
        if not only:
            body, n = union(out)
            sep = "&" if "?" in endpoint else "?"
            _put(client, endpoint + sep + "default", None, body, "the default graph")
            summary["default"] = n
    return summary | {"graphs": len(sent), "triples": sum(sent.values()), "sent": sent}


def _put(client: httpx.Client, endpoint: str, params: dict | None, body: bytes, what: str) -> None:
    # no params at all for ?default: httpx replaces a URL's query with params={}, and a PUT to the
    # bare store URL replaces the whole dataset
    try:
        r = client.put(endpoint, params=params, content=body, headers={"Content-Type": "application/n-triples"})
    except httpx.HTTPError as e:
        raise PushError(f"{endpoint}: cannot reach the store ({e})") from None
    if r.status_code not in (200, 201, 204):
        detail = r.text.strip().splitlines()[0] if r.text.strip() else r.reason_phrase
        raise PushError(f"{endpoint}: PUT of {what} answered {r.status_code}: {detail}")
