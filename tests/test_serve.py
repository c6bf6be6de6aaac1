"""`pension-kg serve` as its users meet it: real clients over HTTP to a real server process.

Every named query must give, through SPARQLWrapper, rdflib's SPARQLStore and plain HTTP in each
format, the answer `pension-kg query` gives; everything the endpoint refuses must be refused with
the right status and a reason, without the server making a request, changing the data or dying.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import html
import importlib.util
import io
import json
import re
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from kg import rdf, store
from kg.cli import main
from kg.namespaces import BASE
from kg.serve.process import serve
from kg.store import query as kgquery

ROOT = Path(__file__).resolve().parent.parent
HTTP = httpx.Client(timeout=60)  # one client: each new one costs tens of ms (its TLS context)
NAMES = sorted(kgquery.named())
JSON = "application/sparql-results+json"


# -- answers as plain values -----------------------------------------------------------------------


def json_rows(data: dict) -> list:
    if "boolean" in data:
        return [[data["boolean"]]]
    names = data["head"]["vars"]
    return sorted([b.get(v, {}).get("value") for v in names] for b in data["results"]["bindings"])


def result_rows(result: Result) -> list:
    """An rdflib Result (parsed XML, SPARQLStore's answer) as the same plain rows."""
    if result.type == "ASK":
        return [[result.askAnswer]]
    return sorted([None if row[v] is None else str(row[v]) for v in result.vars] for row in result)


def table_rows(text: str, fmt: str) -> list:
    """CSV or TSV: the header, then the rows sorted."""
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(text)))
    else:
        lines = [line.split("\t") for line in text.splitlines()]
    return [lines[0]] + sorted(lines[1:]) if lines else []


def reference_answers(built: Path, tmp_path_factory) -> dict[str, dict]:
    """What `pension-kg query NAME --format F` prints, for every named query, as plain values.

    Computed once per test session (rdflib takes seconds for some named queries) and shared with
    test_push through a file beside pytest's temporary folders."""
    digest = hashlib.sha256(
        (str(built) + "".join(q.text for q in kgquery.named().values())).encode("utf-8")
    ).hexdigest()[:16]
    cache = tmp_path_factory.getbasetemp() / f"serve-reference-{digest}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    graph = store.load_graph(built)
    answers: dict[str, dict] = {}
    for name, q in kgquery.named().items():
        result = kgquery.run(graph, q.text)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            answers[name] = {"form": result.type, "nt": kgquery.serialize(result, "ntriples")}
            continue
        entry: dict = {"form": result.type, "json": json_rows(json.loads(kgquery.serialize(result, "json")))}
        if result.type == "SELECT":
            entry["csv"] = table_rows(kgquery.serialize(result, "csv"), "csv")
            entry["tsv"] = table_rows(kgquery.serialize(result, "tsv"), "tsv")
        answers[name] = entry
    cache.write_text(json.dumps(answers), encoding="utf-8")
    return answers


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(built):
    """The seed's graph served by one worker (so each named query is evaluated once, then cached).

    The server starts evaluating every named query at once, on its own core, while this process
    computes the reference answers on the other."""
    with serve("--out", str(built), "--workers", "1", cwd=ROOT) as base:
        warm = threading.Thread(target=_warm, args=(base,), daemon=True)
        warm.start()
        yield base
        warm.join(60)


def _warm(base: str) -> None:
    with httpx.Client(timeout=60) as http:  # its own client: this runs in another thread
        for q in kgquery.named().values():
            http.get(base + "/sparql", params={"query": q.text}, headers={"Accept": JSON})


@pytest.fixture(scope="module")
def strict(built):
    """A server with tight limits, for what must be refused or stopped."""
    with serve("--out", str(built), "--timeout", "2", "--max-rows", "50", "--workers", "2", cwd=ROOT) as base:
        yield base


@pytest.fixture(scope="module")
def reference(built, tmp_path_factory):
    return reference_answers(built, tmp_path_factory)


# -- the same answers through every client -------------------------------------------------------------


def _http(base: str, text: str, accept: str, method: str = "GET") -> httpx.Response:
    if method == "GET":
        r = HTTP.get(base + "/sparql", params={"query": text}, headers={"Accept": accept}, timeout=60)
    elif method == "POST-form":
        r = HTTP.post(base + "/sparql", data={"query": text}, headers={"Accept": accept}, timeout=60)
    else:
        headers = {"Accept": accept, "Content-Type": "application/sparql-query"}
        r = HTTP.post(base + "/sparql", content=text.encode("utf-8"), headers=headers, timeout=60)
    assert r.status_code == 200, f"{r.status_code}: {r.text}"
    return r


def _sparqlwrapper(base: str, text: str, fmt: str):
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(text)
    sw.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV}[fmt])
    return sw.query().convert()


def _xml_rows(doc) -> list:
    """SPARQLWrapper's XML answer (a DOM) as plain rows."""
    booleans = doc.getElementsByTagName("boolean")
    if booleans:
        return [[booleans[0].firstChild.data.strip() == "true"]]
    names = [v.getAttribute("name") for v in doc.getElementsByTagName("variable")]
    rows = []
    for result in doc.getElementsByTagName("result"):
        values = {}
        for b in result.getElementsByTagName("binding"):
            term = next(n for n in b.childNodes if n.nodeType == n.ELEMENT_NODE)
            values[b.getAttribute("name")] = "".join(t.data for t in term.childNodes if t.nodeType == t.TEXT_NODE)
        rows.append([values.get(n) for n in names])
    return sorted(rows)


@pytest.mark.parametrize("name", NAMES)
def test_every_client_gets_the_answer_of_pension_kg_query(name, server, reference):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    text = kgquery.named()[name].text
    want = reference[name]
    if want["form"] in ("CONSTRUCT", "DESCRIBE"):
        expected = Graph().parse(data=want["nt"], format="nt")
        for accept, parser in (
            ("text/turtle", "turtle"),
            ("application/n-triples", "nt"),
            ("application/ld+json", "json-ld"),
        ):
            got = Graph().parse(data=_http(server, text, accept).text, format=parser)
            assert isomorphic(got, expected), (name, accept)
        return
    # plain HTTP, each Accept type, GET and both kinds of POST
    for method in ("GET", "POST-form", "POST-direct"):
        assert json_rows(_http(server, text, JSON, method).json()) == want["json"], (name, method)
    xml = _http(server, text, "application/sparql-results+xml").content
    assert result_rows(Result.parse(io.BytesIO(xml), format="xml")) == want["json"], name
    if want["form"] == "SELECT":
        for fmt, mime in (("csv", "text/csv"), ("tsv", "text/tab-separated-values")):
            r = _http(server, text, mime)
            assert r.headers["content-type"].startswith(mime)
            assert table_rows(r.text, fmt) == want[fmt], (name, fmt)
    # SPARQLWrapper: JSON, XML, CSV
    assert json_rows(_sparqlwrapper(server, text, "json")) == want["json"], name
    assert _xml_rows(_sparqlwrapper(server, text, "xml")) == want["json"], name
    if want["form"] == "SELECT":
        assert table_rows(_sparqlwrapper(server, text, "csv").decode("utf-8"), "csv") == want["csv"], name
    # rdflib's SPARQLStore
    remote = Graph(store=SPARQLStore(server + "/sparql"))
    assert result_rows(remote.query(text)) == want["json"], name
    # and `pension-kg query --endpoint`
    assert _cli_json(["--endpoint", server + "/sparql", name]) == want["json"], name


def _cli_json(args: list[str]) -> list:
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["query", *args, "--format", "json"]) == 0
    return json_rows(json.loads(buf.getvalue()))


def test_construct_answers_in_each_rdf_syntax(server, built):
    q = "CONSTRUCT { ?d a pkg:Article ; dcterms:title ?t } WHERE { ?d a pkg:Article ; dcterms:title ?t }"
    expected = kgquery.run(store.load_graph(built), q).graph
    for accept, parser in (
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ):
        r = _http(server, q, accept)
        assert r.headers["content-type"].startswith(accept)
        assert isomorphic(Graph().parse(data=r.text, format=parser), expected), accept
    r = HTTP.get(server + "/sparql", params={"query": q, "format": "ntriples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert HTTP.get(server + "/sparql", params={"query": q}, headers={"Accept": "image/png"}).status_code == 406


# -- self-description, graph store, pages ---------------------------------------------------------------


def test_service_description_at_the_root_and_on_the_bare_endpoint(server, built):
    for path in ("/", "/sparql"):
        r = HTTP.get(server + path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
        sd = Graph().parse(data=r.text, format="turtle")
        rows = list(
            sd.query(
                "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
                "SELECT ?e WHERE { ?s a sd:Service ; sd:endpoint ?e ; sd:supportedLanguage sd:SPARQL11Query ; "
                "sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_CSV> }"
            )
        )
        assert [str(r.e) for r in rows] == [server + "/sparql"]
        names = {str(o) for o in sd.objects(None, sd.namespace_manager.expand_curie("sd:name"))}
        assert names == {str(g.identifier) for g in rdf.graphs(store.load_dataset(built)) if len(g)}
    page = HTTP.get(server + "/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html") and 'id="named"' in page.text  # a query page


def test_void_counts_the_triples(server, built):
    r = HTTP.get(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    void = Graph().parse(data=r.text, format="turtle")
    total = list(
        void.query(
            "PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n ?e WHERE { ?d void:triples ?n ; void:sparqlEndpoint ?e }"
        )
    )
    assert int(total[0].n) == len(store.load_graph(built)) and str(total[0].e) == server + "/sparql"


@pytest.mark.parametrize("path", ["/.well-known/void", "/service-description"])
def test_a_browser_is_shown_the_self_descriptions_not_sent_a_download(server, path):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    page = HTTP.get(server + path, headers=browser)
    assert page.headers["content-type"].startswith("text/html") and "content-disposition" not in page.headers
    shown = html.unescape(re.search(r'<pre class="turtle">(.*)</pre>', page.text, re.S).group(1))
    turtle = HTTP.get(server + path + "?format=turtle", headers=browser)  # the page's link to the file
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert Graph().parse(data=shown, format="turtle").isomorphic(Graph().parse(data=turtle.text, format="turtle"))


def test_graph_store_protocol_is_read_only(server, built):
    ds = store.load_dataset(built)
    doc = next(g for g in rdf.graphs(ds) if "/graph/000_" in str(g.identifier))
    r = HTTP.get(
        server + "/rdf-graphs", params={"graph": str(doc.identifier)}, headers={"Accept": "application/n-triples"}
    )
    assert r.status_code == 200
    assert isomorphic(Graph().parse(data=r.text, format="nt"), doc)
    r = HTTP.get(server + "/rdf-graphs?default", headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=r.text, format="turtle")) == len(rdf.union(ds))
    assert HTTP.get(server + "/rdf-graphs", params={"graph": BASE + "id/graph/nothing"}).status_code == 404
    for method in ("PUT", "POST", "DELETE"):
        r = HTTP.request(method, server + "/rdf-graphs?default", content=b"<a:b> <a:c> <a:d> .")
        assert r.status_code == 403 and "read-only" in r.text


def test_resources_can_be_browsed(server, built):
    doc = f"{BASE}id/doc/000_669ad541b4cb8db6"
    page = HTTP.get(server + "/id/doc/000_669ad541b4cb8db6", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert 'href="/id/person/' in page.text  # its author, linked to its own page
    assert "/resource?iri=https%3A%2F%2Fw3id.org%2Fpension-kg%2Fid%2Fdoc%2F000_669ad541b4cb8db6%23char" in page.text
    same = HTTP.get(server + "/resource", params={"iri": doc}, headers={"Accept": "text/html"})
    assert same.text == page.text
    ttl = HTTP.get(server + "/id/doc/000_669ad541b4cb8db6", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.text, format="turtle")
    graph = store.load_graph(built)
    expected = {t for t in graph.triples((None, None, None)) if str(t[0]) == doc or str(t[2]) == doc}
    assert set(g) == expected
    missing = HTTP.get(server + "/resource", params={"iri": BASE + "id/nothing"}, headers={"Accept": "text/html"})
    assert missing.status_code == 404
    assert HTTP.get(server + "/resource", params={"iri": "bad iri>"}).status_code == 400


def test_query_page_lists_the_named_queries(server):
    listed = HTTP.get(server + "/queries.json").json()
    assert [q["name"] for q in listed] == NAMES and all(q["question"] and q["text"] for q in listed)
    page = HTTP.get(server + "/ui")
    assert "<script>" in page.text and "src=" not in page.text.split("<script>")[0].split("<style>")[0]
    assert "http" not in page.headers["content-security-policy"]


def test_cors_lets_a_users_own_yasgui_in(server):
    pre = HTTP.options(
        server + "/sparql",
        headers={
            "Origin": "http://localhost:8080",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] in ("*", "http://localhost:8080")
    r = HTTP.post(
        server + "/sparql",
        data={"query": "ASK { ?s ?p ?o }"},
        headers={"Origin": "http://localhost:8080", "Accept": JSON},
    )
    assert r.headers["access-control-allow-origin"] == "*" and r.json()["boolean"] is True


# -- refused and bounded ---------------------------------------------------------------------------


def _count(base: str) -> int:
    r = HTTP.post(
        base + "/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, headers={"Accept": JSON}
    )
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def listener():
    """A socket on loopback that counts connections: the endpoint must never connect to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.5)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        conn, _ = sock.accept()
        conn.close()
        pytest.fail("the endpoint connected to an outside address")
    except TimeoutError:
        pass
    finally:
        sock.close()


def test_updates_and_fetching_are_refused_with_a_reason(strict, listener, built):
    before = _count(strict)
    on_disk = (built / store.TRIG).read_bytes()
    cases = [
        ("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
        ("update", "DELETE WHERE { ?s ?p ?o }", 403, "read-only"),
        ("query", "DROP ALL", 403, "read-only"),
        ("query", f"SELECT * WHERE {{ SERVICE <{listener}/sparql> {{ ?s ?p ?o }} }}", 400, "SERVICE"),
        (
            "query",
            f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{listener}/s> {{ ?x ?p ?o }} }} }}",
            400,
            "SERVICE",
        ),
        ("query", f"LOAD <{listener}/data.ttl>", 400, "LOAD"),
        ("update", f"LOAD <{listener}/data.ttl> INTO GRAPH <urn:g>", 400, "LOAD"),
        ("query", f"SELECT * FROM <{listener}/g.ttl> WHERE {{ ?s ?p ?o }}", 400, "FROM"),
        ("query", f"SELECT * FROM NAMED <{listener}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", 400, "FROM NAMED"),
    ]
    for param, text, status, reason in cases:
        r = HTTP.post(strict + "/sparql", data={param: text})
        assert r.status_code == status and reason in r.text, (text, r.status_code, r.text)
    r = HTTP.post(strict + "/sparql", content=b"CLEAR DEFAULT", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    r = HTTP.get(strict + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": listener})
    assert r.status_code == 400 and "FROM" in r.text
    assert _count(strict) == before and (built / store.TRIG).read_bytes() == on_disk


def test_a_graph_of_the_store_may_be_named_in_from(strict, built):
    doc = next(g for g in rdf.graphs(store.load_dataset(built)) if "/graph/000_" in str(g.identifier))
    q = f"SELECT (COUNT(*) AS ?n) FROM <{doc.identifier}> WHERE {{ ?s ?p ?o }}"
    r = HTTP.get(strict + "/sparql", params={"query": q}, headers={"Accept": JSON})
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == len(doc)


def test_a_malformed_query_gets_the_parsers_message_and_position(strict):
    r = HTTP.post(strict + "/sparql", data={"query": "SELECT ?x WHERE { ?x "})
    assert r.status_code == 400 and "syntax error" in r.text and "line:1" in r.text and "col:" in r.text
    r = HTTP.post(strict + "/sparql", data={"query": "SELECT * WHERE { ?s nope:p ?o }"})
    assert r.status_code == 400 and "nope" in r.text


def test_a_large_request_is_refused(strict):
    big = b"#" + b"x" * 10_000_000
    r = HTTP.post(strict + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 413 and "limit" in r.text
    r = HTTP.post(strict + "/sparql", data={"query": "#" + "x" * 2_000_000}, timeout=30)
    assert r.status_code == 413
    request = b"GET /sparql?query=" + b"x" * 2_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert _raw_status(strict, request) >= 400  # a 2 MB URL: too large as well
    assert HTTP.post(strict + "/sparql", data={"query": "ASK {}"}, headers={"Accept": JSON}).json()["boolean"]


def _raw_status(base: str, request: bytes) -> int:
    """Send what no HTTP client would (a 2 MB request line); the status, or 400 for a hang-up."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        try:
            sock.sendall(request)
            head = sock.recv(64)
        except (ConnectionResetError, BrokenPipeError):
            return 400
    return int(head.split()[1]) if head.startswith(b"HTTP/") else 400


def test_the_row_cap_is_a_clear_error(strict):
    r = HTTP.get(strict + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "more than 50 rows" in r.text and "LIMIT" in r.text
    r = HTTP.get(strict + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, headers={"Accept": JSON})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 50


def test_a_query_that_would_run_for_minutes_is_stopped_and_others_go_on(strict):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    before = _count(strict)
    done: dict = {}

    def long_query() -> None:
        t = time.monotonic()
        # from another client (as a local proxy names it): one client runs at most all workers but one,
        # so the short query below, from this one, would otherwise wait for its own long query
        headers = {"X-Forwarded-For": "10.9.0.1"}
        done["response"] = httpx.post(strict + "/sparql", data={"query": endless}, headers=headers, timeout=60)
        done["seconds"] = time.monotonic() - t

    thread = threading.Thread(target=long_query)
    thread.start()
    time.sleep(0.3)
    # the other worker answers meanwhile, before the long query is stopped
    r = HTTP.post(strict + "/sparql", data={"query": "ASK { ?s a pkg:Article }"}, headers={"Accept": JSON})
    assert r.status_code == 200 and r.json()["boolean"]
    assert "response" not in done
    thread.join(30)
    r = done["response"]
    assert r.status_code == 503 and "time limit of 2 s" in r.text
    assert 1.9 < done["seconds"] < 8
    assert _count(strict) == before  # and the server is still answering
    assert all(
        HTTP.post(strict + "/sparql", data={"query": "ASK {}"}, headers={"Accept": JSON}).status_code == 200
        for _ in range(4)
    )


# -- under load ---------------------------------------------------------------------------------


def _benchmark():
    path = ROOT / "benchmarks" / "serve_load.py"
    spec = importlib.util.spec_from_file_location("serve_load", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["serve_load"] = module
    spec.loader.exec_module(module)
    return module


def test_concurrent_clients_get_right_answers(server, reference):
    bench = _benchmark()
    answers = {
        name: (kgquery.named()[name].text, [tuple(row) for row in want["json"]])
        for name, want in reference.items()
        if want["form"] in ("SELECT", "ASK")
    }
    report = asyncio.run(bench.load(server, answers, clients=20, requests=200, cap_seconds=120))
    print(report.text())
    assert report.requests == 200 and not report.errors and not report.wrong


def test_serve_without_a_build_says_so(tmp_path, capsys):
    assert main(["serve", "--out", str(tmp_path)]) == 2
    assert "run `pension-kg build` first" in capsys.readouterr().err


def test_resource_links_stay_on_the_server():
    from kg.serve.pages import href

    assert href(BASE + "id/doc/a02") == "/id/doc/a02"
    assert href(BASE + "id/doc/a02#char=0,5") == "/resource?iri=" + quote(BASE + "id/doc/a02#char=0,5", safe="")
    assert href("http://example.org/x").startswith("/resource?iri=")


def test_query_endpoint_prints_what_the_local_query_prints(server, built, capsys):
    q = "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a pkg:Article ; dcterms:title ?t }"
    assert main(["query", "--endpoint", server + "/sparql", "-e", q, "--format", "ntriples"]) == 0
    remote = Graph().parse(data=capsys.readouterr().out, format="nt")
    assert isomorphic(remote, kgquery.run(store.load_graph(built), q).graph)
    ask = "ASK { ?d a pkg:Article }"
    assert main(["query", "--endpoint", server + "/sparql", "-e", ask]) == 0
    assert capsys.readouterr().out.strip() == "yes"
    assert main(["query", "--endpoint", server + "/sparql", "-e", "SELECT ?x WHERE { ?x "]) == 2
    err = capsys.readouterr().err.strip()
    assert "400" in err and "syntax error" in err and "\n" not in err


def test_query_endpoint_that_is_not_there_is_one_line(capsys):
    from kg.serve.process import free_port

    assert main(["query", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "-e", "ASK {}"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("pension-kg: ") and "cannot reach" in err and "\n" not in err


def test_content_negotiation_follows_accept_and_format():
    from kg.serve.formats import NotAcceptable, choose

    assert choose("SELECT", None) == "json"
    assert choose("SELECT", "text/csv;q=0.5, application/sparql-results+xml") == "xml"
    assert choose("ASK", "application/json, */*;q=0.1") == "json"
    assert choose("SELECT", "text/html, */*;q=0.8") == "json"
    assert choose("CONSTRUCT", "application/sparql-results+json, text/turtle;q=0.9") == "turtle"
    assert choose("DESCRIBE", "application/ld+json") == "jsonld"
    assert choose("SELECT", "text/csv", "tsv") == "tsv" and choose("CONSTRUCT", None, "json") == "jsonld"
    for form, accept in (("CONSTRUCT", "text/csv"), ("SELECT", "text/turtle"), ("SELECT", "image/png")):
        with pytest.raises(NotAcceptable):
            choose(form, accept)


def test_xml_results_keep_false_looking_values():
    from kg.store.query import sparql_xml

    result = kgquery.run(Graph(), 'SELECT ?n ?b ?s WHERE { BIND(0 AS ?n) BIND(false AS ?b) BIND("" AS ?s) }')
    parsed = Result.parse(io.BytesIO(sparql_xml(result).encode()), format="xml")
    assert [[str(v) for v in row] for row in parsed] == [["0", "false", ""]]
