"""Talking to a SPARQL 1.1 endpoint elsewhere: `query --endpoint` and `serve --backend`.

Named queries lean on the project's predeclared prefixes (pkg:, ind:, ...), which a real triple
store does not know, so the missing PREFIX lines are added before a query leaves. Answers come
back as SPARQL JSON results (or N-Triples for CONSTRUCT/DESCRIBE) and are read into the same Result
the local store gives (kg.store.query), so `query --endpoint` prints exactly what the local `query`
prints.
"""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox

from kg.prefixes import PREFIX_IRIS as PREFIXES
from kg.store.query import QueryError, Result, parse_graph, parse_json

_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE | re.MULTILINE)
ASK_BOTH = "application/sparql-results+json, application/n-triples;q=0.9"


class RemoteError(QueryError):
    """The remote endpoint could not be reached or refused the query; the message says which."""


def with_prefixes(text: str) -> str:
    """The query with PREFIX lines for the project prefixes it uses but does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    missing = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<\"'#-]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


def post_query(
    endpoint: str,
    text: str,
    accept: str,
    timeout: float = 60.0,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
) -> httpx.Response:
    """POST a query as the SPARQL 1.1 Protocol's url-encoded form (blocking)."""
    data = {
        "query": with_prefixes(text),
        "default-graph-uri": list(default_graphs),
        "named-graph-uri": list(named_graphs),
    }
    try:
        return httpx.post(endpoint, data=data, headers={"Accept": accept}, timeout=timeout)
    except httpx.TimeoutException:
        raise RemoteError(f"{endpoint}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as e:
        raise RemoteError(f"{endpoint}: cannot reach the endpoint ({e})") from None


def query(endpoint: str, text: str, timeout: float = 60.0) -> Result:
    """Run a query on a remote endpoint; the answer as an rdflib Result."""
    response = post_query(endpoint, text, ASK_BOTH, timeout)
    if response.status_code != 200:
        first = response.text.strip().splitlines()[0] if response.text.strip() else response.reason_phrase
        raise RemoteError(f"{endpoint} answered {response.status_code}: {first}")
    return parse_answer(response.content, response.headers.get("content-type", ""))


def parse_answer(body: bytes, content_type: str) -> Result:
    mime = content_type.split(";")[0].strip().lower()
    if mime in ("application/sparql-results+json", "application/json"):
        try:
            return parse_json(body)
        except QueryError as e:
            raise RemoteError(f"the endpoint's {e}") from None
    rdf = {
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        "text/plain": ox.RdfFormat.N_TRIPLES,
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/ld+json": ox.RdfFormat.JSON_LD,
    }
    if mime in rdf:
        return parse_graph(body, rdf[mime])
    raise RemoteError(f"the endpoint answered in {mime or 'an unnamed format'}, not SPARQL results or N-Triples")
