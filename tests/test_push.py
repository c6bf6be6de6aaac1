"""The graph in a real triple store: `push` to Oxigraph over the Graph Store Protocol, `query
--endpoint` against it, and `serve --backend` in front of it, all giving the in-process answers.

Oxigraph (PyPI package `oxigraph`) runs as a child process on a free loopback port; the tests are
skipped when its command is missing.
"""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx
import pytest
from test_serve import reference_answers

from kg import rdf, store
from kg.cli import main
from kg.serve.process import oxigraph, oxigraph_binary, serve
from kg.store import query as kgquery

ROOT = Path(__file__).resolve().parent.parent
HTTP = httpx.Client(timeout=60)  # one client: each new one costs tens of ms (its TLS context)
NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("decimal", "integer", "double", "float", "nonNegativeInteger", "int", "long")
}

pytestmark = pytest.mark.skipif(oxigraph_binary() is None, reason="no `oxigraph` command (pip install oxigraph)")


def plain(term: dict | None):
    """A result term as a plain value; numbers by value, since stores write 1.0 and 1.00 as they like."""
    if term is None:
        return None
    if term.get("datatype") in NUMERIC:
        with contextlib.suppress(InvalidOperation):
            return Decimal(term["value"]).normalize()
    return term["value"]


def rows(data: dict) -> list:
    if "boolean" in data:
        return [[data["boolean"]]]
    names = data["head"]["vars"]
    return sorted(([plain(b.get(v)) for v in names] for b in data["results"]["bindings"]), key=repr)


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture(scope="module")
def pushed(store_url, built):
    return _run_json(["push", "--endpoint", store_url + "/store", "--out", str(built)])


def _run_json(argv: list[str]) -> dict:
    """What `pension-kg ARGV` printed, as JSON (it must succeed)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(argv) == 0, argv
    return json.loads(buf.getvalue())


@pytest.fixture(scope="module")
def reference(built, tmp_path_factory):
    return reference_answers(built, tmp_path_factory)


def test_push_puts_every_named_graph(pushed, store_url, built):
    ds = store.load_dataset(built)
    graphs = {str(g.identifier): len(g) for g in rdf.graphs(ds) if len(g)}
    assert pushed["sent"] == graphs and any(g.endswith("/graph/ontology") for g in graphs)
    for name, size in graphs.items():
        r = HTTP.get(store_url + "/store", params={"graph": name}, headers={"Accept": "application/n-triples"})
        assert r.status_code == 200 and len([line for line in r.text.splitlines() if line.strip()]) == size


def test_every_named_query_answers_the_same_from_oxigraph(pushed, store_url, reference):
    """`pension-kg query --endpoint <Oxigraph> NAME` against the in-process `pension-kg query NAME`."""
    for name, want in reference.items():
        if want["form"] not in ("SELECT", "ASK"):
            continue
        remote = _run_json(["query", "--endpoint", store_url + "/query", name, "--format", "json"])
        if want["form"] == "ASK":
            assert remote["boolean"] == want["json"][0][0], name
        else:
            assert rows(remote) == _plain_reference(want["json"], remote), name


def _plain_reference(reference_rows: list, remote: dict) -> list:
    """The reference rows (plain strings) with numbers compared by value, as `rows` does."""
    names = remote["head"]["vars"]
    kinds = {}
    for b in remote["results"]["bindings"]:
        for v in names:
            if v in b:
                kinds.setdefault(v, b[v].get("datatype"))
    out = []
    for row in reference_rows:
        out.append(
            [
                plain({"value": value, "datatype": kinds.get(v)}) if value is not None else None
                for v, value in zip(names, row, strict=True)
            ]
        )
    return sorted(out, key=repr)


def test_push_again_replaces_rather_than_adds(pushed, store_url, built):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = HTTP.post(store_url + "/query", data={"query": count}, headers={"Accept": "application/json"}).json()
    again = _run_json(["push", "--endpoint", store_url + "/store", "--out", str(built)])
    after = HTTP.post(store_url + "/query", data={"query": count}, headers={"Accept": "application/json"}).json()
    assert before == after and again == pushed
    ontology = next(g for g in pushed["sent"] if g.endswith("/graph/ontology"))
    only = _run_json(["push", "--endpoint", store_url + "/store", "--out", str(built), "--graph", ontology])
    assert only["sent"] == {ontology: pushed["sent"][ontology]}


def test_push_to_nowhere_is_one_line(built, capsys):
    from kg.serve.process import free_port

    url = f"http://127.0.0.1:{free_port()}/store"
    assert main(["push", "--endpoint", url, "--out", str(built)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("pension-kg: ") and "cannot reach" in err and "\n" not in err
    assert main(["push", "--endpoint", url, "--out", str(built), "--graph", "urn:nothing"]) == 2
    assert "no graph <urn:nothing>" in capsys.readouterr().err


def test_serve_fronts_the_store_with_the_same_answers_and_refusals(pushed, store_url, reference):
    selects = [name for name, want in sorted(reference.items()) if want["form"] == "SELECT"]
    with serve("--backend", store_url + "/query", "--timeout", "20", "--workers", "1", cwd=ROOT) as base:
        for name in selects[::4]:  # every named query goes to Oxigraph above; here a sample through the front
            want = reference[name]
            text = kgquery.named()[name].text
            r = HTTP.post(base + "/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 200, (name, r.text)
            assert rows(r.json()) == _plain_reference(want["json"], r.json()), name
        r = HTTP.post(
            base + "/sparql", data={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"}
        )
        assert r.status_code == 400 and "SERVICE" in r.text
        r = HTTP.post(base + "/sparql", data={"update": "DROP ALL"})
        assert r.status_code == 403
        sd = HTTP.get(base + "/sparql", headers={"Accept": "text/turtle"}).text
        assert "/graph/ontology" in sd
        doc = HTTP.get(base + "/id/doc/000_669ad541b4cb8db6", headers={"Accept": "text/html"})
        assert doc.status_code == 200 and 'href="/id/person/' in doc.text
    count = HTTP.post(
        store_url + "/query", data={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"}, headers={"Accept": "application/json"}
    )
    assert count.json()["boolean"] is True  # DROP ALL never reached the store


def test_chinese_literals_survive_the_round_trip(pushed, store_url, built):
    q = 'SELECT ?t WHERE { ?d dcterms:title ?t FILTER(LANG(?t) = "zh") }'
    remote = _run_json(["query", "--endpoint", store_url + "/query", "-e", q, "--format", "json"])
    local = json.loads(kgquery.serialize(kgquery.run(store.load_graph(built), q), "json"))
    assert rows(remote) == rows(local) and any("养老金" in r[0] for r in rows(local))
