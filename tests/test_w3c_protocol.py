"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only store, against a real server.

Adapted from the W3C test suite (https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/):
its tests load their own data and name example.org graphs, which this store does not hold and
would never fetch, so each test here asks the same thing of two of the store's own named graphs
(the first two, by IRI) and checks the answer against what the graphs hold. The update tests of
the suite become "an update sent to the query endpoint is refused", as the protocol requires.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from kg.serve.process import serve

JSON = "application/sparql-results+json"
RESULT_TYPES = (JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@dataclass(frozen=True)
class Store:
    base: str
    g1: str
    g2: str
    sizes: dict[str, int]
    total: int  # triples in the default graph (the union), which no test may change


@pytest.fixture(scope="module")
def store(built) -> Store:
    with serve("--out", str(built), "--timeout", "5") as base:
        q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        rows = httpx.get(base + "/sparql", params={"query": q}, headers={"Accept": JSON}).json()["results"]
        sizes = {r["g"]["value"]: int(r["n"]["value"]) for r in rows["bindings"]}
        g1, g2 = sorted(sizes)[:2]
        total = httpx.get(base + "/sparql", params={"query": COUNT}, headers={"Accept": JSON}).json()
        yield Store(base, g1, g2, sizes, int(total["results"]["bindings"][0]["n"]["value"]))


def _get(s: Store, params: dict, accept: str = JSON) -> httpx.Response:
    return httpx.get(s.base + "/sparql", params=params, headers={"Accept": accept}, timeout=30)


def _form(s: Store, data: dict, accept: str = JSON, params: dict | None = None) -> httpx.Response:
    return httpx.post(s.base + "/sparql", data=data, params=params, headers={"Accept": accept}, timeout=30)


def _direct(s: Store, text: str | bytes, accept: str = JSON, params: dict | None = None, ctype: str | None = None):
    headers = {"Accept": accept, "Content-Type": ctype or "application/sparql-query"}
    body = text.encode("utf-8") if isinstance(text, str) else text
    return httpx.post(s.base + "/sparql", content=body, params=params, headers=headers, timeout=30)


def _count(r: httpx.Response) -> int:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(JSON)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def _graphs(r: httpx.Response) -> set[str]:
    assert r.status_code == 200, r.text
    return {b["g"]["value"] for b in r.json()["results"]["bindings"]}


# -- queries that must be answered (the suite's positive tests) ------------------------------------


def query_get(s: Store) -> None:
    r = _get(s, {"query": "ASK {}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(JSON) and r.json()["boolean"] is True


def query_post_form(s: Store) -> None:
    r = _form(s, {"query": "ASK {}"})
    assert r.status_code == 200 and r.json()["boolean"] is True


def query_post_direct(s: Store) -> None:
    r = _direct(s, "ASK {}")
    assert r.status_code == 200 and r.json()["boolean"] is True


def query_dataset_default_graph(s: Store) -> None:
    assert _count(_get(s, {"query": COUNT, "default-graph-uri": s.g1})) == s.sizes[s.g1]


def query_dataset_default_graphs_get(s: Store) -> None:
    n = _count(_get(s, {"query": COUNT, "default-graph-uri": [s.g1, s.g2]}))
    assert max(s.sizes[s.g1], s.sizes[s.g2]) <= n <= s.sizes[s.g1] + s.sizes[s.g2]  # the merge


def query_dataset_default_graphs_post(s: Store) -> None:
    n = _count(_form(s, {"query": COUNT, "default-graph-uri": [s.g1, s.g2]}))
    assert max(s.sizes[s.g1], s.sizes[s.g2]) <= n <= s.sizes[s.g1] + s.sizes[s.g2]


def query_dataset_named_graphs_get(s: Store) -> None:
    assert _graphs(_get(s, {"query": NAMED, "named-graph-uri": [s.g1, s.g2]})) == {s.g1, s.g2}


def query_dataset_named_graphs_post(s: Store) -> None:
    assert _graphs(_form(s, {"query": NAMED, "named-graph-uri": [s.g1, s.g2]})) == {s.g1, s.g2}


def query_dataset_full(s: Store) -> None:
    q = "SELECT (COUNT(*) AS ?n) ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
    r = _form(s, {"query": q, "default-graph-uri": s.g1, "named-graph-uri": s.g2})
    assert r.status_code == 200, r.text
    counts = {b.get("g", {}).get("value"): int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}
    assert counts == {None: s.sizes[s.g1], s.g2: s.sizes[s.g2]}


def query_multiple_dataset(s: Store) -> None:
    """The protocol's dataset replaces the query's own FROM clauses."""
    q = f"SELECT (COUNT(*) AS ?n) FROM <{s.g2}> WHERE {{ ?s ?p ?o }}"
    assert _count(_get(s, {"query": q})) == s.sizes[s.g2]
    assert _count(_get(s, {"query": q, "default-graph-uri": s.g1})) == s.sizes[s.g1]


def query_from_named(s: Store) -> None:
    q = f"SELECT DISTINCT ?g FROM NAMED <{s.g1}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _graphs(_get(s, {"query": q})) == {s.g1}


def query_content_type_select(s: Store) -> None:
    for accept in RESULT_TYPES:
        r = _get(s, {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, accept)
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)


def query_content_type_ask(s: Store) -> None:
    for accept in (JSON, "application/sparql-results+xml"):
        r = _form(s, {"query": "ASK { ?s ?p ?o }"}, accept)
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert json.loads(_form(s, {"query": "ASK { ?s ?p ?o }"}).text)["boolean"] is True


def query_content_type_describe(s: Store) -> None:
    q = f"DESCRIBE ?s WHERE {{ GRAPH <{s.g1}> {{ ?s ?p ?o }} }} LIMIT 1"
    for accept in GRAPH_TYPES:
        r = _form(s, {"query": q}, accept)
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept) and r.content


def query_content_type_construct(s: Store) -> None:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{s.g1}> {{ ?s ?p ?o }} }} LIMIT 5"
    for accept in GRAPH_TYPES:
        r = _form(s, {"query": q}, accept)
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept) and r.content


# -- requests that must be refused (the suite's negative tests) -------------------------------------


def _refused(r: httpx.Response, *statuses: int) -> None:
    assert r.status_code in (statuses or (400,)), (r.status_code, r.text)
    assert r.text.strip(), "a refusal says why"


def bad_query_method(s: Store) -> None:
    _refused(httpx.put(s.base + "/sparql", params={"query": "ASK {}"}, timeout=30), 405)


def bad_multiple_queries(s: Store) -> None:
    _refused(_get(s, {"query": ["ASK {}", "ASK { ?s ?p ?o }"]}))
    _refused(_form(s, {"query": "ASK {}"}, params={"query": "ASK {}"}))


def bad_query_missing(s: Store) -> None:
    _refused(_form(s, {"default-graph-uri": s.g1}))
    _refused(_get(s, {"query": ""}))


def bad_query_wrong_media_type(s: Store) -> None:
    _refused(_direct(s, "ASK {}", ctype="text/plain"), 400, 415)


def bad_query_missing_form_type(s: Store) -> None:
    r = httpx.post(s.base + "/sparql", content=b"query=ASK%20%7B%7D", timeout=30)
    _refused(r, 400, 415)


def bad_query_missing_direct_type(s: Store) -> None:
    _refused(httpx.post(s.base + "/sparql", content=b"ASK {}", timeout=30), 400, 415)


def bad_query_non_utf8(s: Store) -> None:
    _refused(_direct(s, 'ASK { ?s ?p "café" }'.encode("iso-8859-1")))


def bad_query_syntax(s: Store) -> None:
    _refused(_get(s, {"query": "ASK { ?s ?p }"}))


def bad_query_unknown_graph(s: Store) -> None:
    _refused(_get(s, {"query": COUNT, "default-graph-uri": "http://example.org/not-here"}))


def bad_update_get(s: Store) -> None:
    _refused(_get(s, {"update": "CLEAR ALL"}), 400, 403)


def bad_update_post_form(s: Store) -> None:
    _refused(_form(s, {"update": "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }"}), 400, 403)


def bad_update_post_direct(s: Store) -> None:
    _refused(_direct(s, "DROP ALL", ctype="application/sparql-update"), 400, 403)


def bad_update_as_query(s: Store) -> None:
    _refused(_get(s, {"query": "DELETE WHERE { ?s ?p ?o }"}), 400, 403)


def bad_update_syntax(s: Store) -> None:
    _refused(_form(s, {"update": "INSERT DATA { <http://x/s> }"}), 400, 403)


CASES: dict[str, Callable[[Store], None]] = {
    f.__name__: f
    for f in (
        query_get,
        query_post_form,
        query_post_direct,
        query_dataset_default_graph,
        query_dataset_default_graphs_get,
        query_dataset_default_graphs_post,
        query_dataset_named_graphs_get,
        query_dataset_named_graphs_post,
        query_dataset_full,
        query_multiple_dataset,
        query_from_named,
        query_content_type_select,
        query_content_type_ask,
        query_content_type_describe,
        query_content_type_construct,
        bad_query_method,
        bad_multiple_queries,
        bad_query_missing,
        bad_query_wrong_media_type,
        bad_query_missing_form_type,
        bad_query_missing_direct_type,
        bad_query_non_utf8,
        bad_query_syntax,
        bad_query_unknown_graph,
        bad_update_get,
        bad_update_post_form,
        bad_update_post_direct,
        bad_update_as_query,
        bad_update_syntax,
    )
}


@pytest.mark.parametrize("name", list(CASES))
def test_w3c_protocol(name: str, store: Store) -> None:
    CASES[name](store)
    after = httpx.get(store.base + "/sparql", params={"query": COUNT}, headers={"Accept": JSON}, timeout=30)
    assert _count(after) == store.total  # still answering, and the graph unchanged
