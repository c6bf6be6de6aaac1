"""`pension-kg serve` with the standard clients, each sending its requests exactly as it does.

SPARQLWrapper names the format in `format=`, `output=` and `results=` as well as in Accept (and for
a graph asked as JSON or XML sends `Accept: */*`); rdflib's SPARQLStore accepts only result types
when told returnFormat="json", and under a Dataset names rdflib's own default graph in
default-graph-uri; curl users write whichever of these they know. Every answer is parsed with
rdflib's own parsers and compared with what rdflib evaluates locally over the same built graph.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF
from rdflib.query import Result

from kg import rdf, store
from kg.serve.process import LOOPBACK, free_port, serve
from kg.store import query as kgquery

ROOT = Path(__file__).resolve().parent.parent
HTTP = httpx.Client(timeout=60)

OBSERVED = "?o a pkg:Observation ; sdmx-measure:obsValue ?v ; pkg:indicator ?i . ?i skos:prefLabel ?l"
QUERIES = {
    # typed numbers and labels in two languages (Chinese among them): what a format can get wrong
    "SELECT": f"SELECT ?o ?v ?l WHERE {{ {OBSERVED} }}",
    "ASK": "ASK { ?o a pkg:Observation ; sdmx-measure:obsValue ?v }",
    "CONSTRUCT": f"CONSTRUCT {{ ?o sdmx-measure:obsValue ?v ; pkg:indicator ?i . ?i skos:prefLabel ?l }} "
    f"WHERE {{ {OBSERVED} }}",
    "DESCRIBE": "DESCRIBE ?o WHERE { ?o a pkg:Observation ; pkg:scheme scheme:basic_pension }",
}
ASK_FALSE = "ASK { ?o a pkg:Observation ; sdmx-measure:obsValue ?v FILTER (?v < 0) }"
RESULT_FORMS = ("SELECT", "ASK")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(built):
    """The built seed behind the endpoint: one worker, so each query is evaluated once, then cached."""
    with serve("--out", str(built), "--workers", "1", cwd=ROOT) as base:
        yield base


@pytest.fixture(scope="module")
def local(built) -> Graph:
    """The graph the server serves, as the default graph it answers over: the union of its graphs."""
    return store.load_graph(built)


@pytest.fixture(scope="module")
def expected(local) -> dict[str, Result]:
    """Each query evaluated by rdflib in this process; none is trivially empty, so a client that got
    nothing, or got it in the wrong form, fails."""
    answers = {form: kgquery.run(local, text) for form, text in QUERIES.items()} | {
        "ASK_FALSE": kgquery.run(local, ASK_FALSE)
    }
    assert len(answers["SELECT"]) > 10 and answers["ASK"].askAnswer and not answers["ASK_FALSE"].askAnswer
    assert len(answers["CONSTRUCT"].graph) > 30 and len(answers["DESCRIBE"].graph) > 10
    return answers


# -- answers compared with rdflib's ------------------------------------------------------------------


def _nt(term) -> str:
    """A term in N-Triples syntax, whether rdflib's (a client's) or Oxigraph's (the local answer)."""
    return term.n3() if hasattr(term, "n3") else str(term)


def _text(term) -> str:
    return str(term) if hasattr(term, "n3") else term.value


def terms(result) -> list[tuple[str, ...]]:
    """SELECT rows as N-Triples terms (IRI, literal with datatype or language), sorted."""
    return sorted(tuple("" if row[v] is None else _nt(row[v]) for v in result.vars) for row in result)


def texts(result) -> list[tuple[str, ...]]:
    """SELECT rows as plain strings, sorted: all CSV keeps of a term."""
    return sorted(tuple("" if row[v] is None else _text(row[v]) for v in result.vars) for row in result)


def assert_same_results(body: bytes, fmt: str, want: Result) -> None:
    """A SELECT or ASK answer in json/xml/csv/tsv, parsed by rdflib, against the local answer."""
    if want.type == "ASK":
        if fmt in ("csv", "tsv"):  # no standard layout: the bare boolean, as the TSV writer has it
            assert body.decode("utf-8").strip() == ("true" if want.askAnswer else "false")
        else:
            assert Result.parse(io.BytesIO(body), format=fmt).askAnswer is want.askAnswer
        return
    got = Result.parse(io.BytesIO(body), format=fmt)
    assert [str(v) for v in got.vars] == [str(v) for v in want.vars]
    if fmt == "csv":
        assert texts(got) == texts(want)
    else:
        assert terms(got) == terms(want)


PARSERS = {"turtle": "turtle", "n3": "n3", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def assert_same_graph(body: bytes, parser: str, want: Result) -> None:
    got = Graph().parse(data=body.decode("utf-8"), format=parser)
    assert len(got) == len(want.graph) and isomorphic(got, want.graph)


def _mime(response_type: str) -> str:
    return response_type.split(";")[0].strip()


# -- SPARQLWrapper ---------------------------------------------------------------------------------


def _wrapper(base: str, text: str, fmt: str, method: str = "GET", accept: str | None = None):
    """Ask through SPARQLWrapper as its users do; the answer's media type and what convert() gives.

    `accept` sends only that Accept header (setOnlyConneg: no format parameters), the way to get a
    syntax SPARQLWrapper has no return format for. SPARQLWrapper warns when the answer is not in
    the format asked for; that is a failure here."""
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(text)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    if accept:
        sw.setOnlyConneg(True)
        sw.addCustomHttpHeader("Accept", accept)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = sw.query()
        answer = response.convert()
    wrong = [str(w.message) for w in caught if "has been returned" in str(w.message) or "unknown" in str(w.message)]
    assert not wrong, wrong
    return _mime(response.info()["content-type"]), answer


def _from_wrapper(answer, fmt: str) -> bytes:
    """SPARQLWrapper's converted answer back to bytes of the format it came in."""
    if fmt == "json":
        return json.dumps(answer).encode("utf-8")
    if fmt == "xml":
        return answer.toxml("utf-8")
    return answer


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    "fmt, mime",
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
@pytest.mark.parametrize("form", RESULT_FORMS)
def test_sparqlwrapper_results_in_each_format(server, expected, form, fmt, mime, method):
    asked = [(QUERIES[form], expected[form])] + ([(ASK_FALSE, expected["ASK_FALSE"])] if form == "ASK" else [])
    for text, want in asked:
        got_mime, answer = _wrapper(server, text, fmt, method)
        assert got_mime == mime
        assert_same_results(_from_wrapper(answer, fmt), fmt, want)


# SPARQLWrapper's return format for a graph, the media type it must get, and how to read what
# convert() gives back (a graph already, or the text in this syntax)
GRAPH_RETURNS = [
    ("rdf+xml", "application/rdf+xml", None),
    ("xml", "application/rdf+xml", None),
    ("rdf", "application/rdf+xml", None),
    ("json-ld", "application/ld+json", None),
    ("json", "application/ld+json", None),  # a graph asked as JSON: JSON-LD, not 406
    ("turtle", "text/turtle", "turtle"),
    ("n3", "text/turtle", "n3"),  # Turtle is N3, and SPARQLWrapper's N3 accepts text/turtle first
]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt, mime, parser", GRAPH_RETURNS)
@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_sparqlwrapper_graphs_in_each_format(server, expected, form, fmt, mime, parser, method):
    got_mime, answer = _wrapper(server, QUERIES[form], fmt, method)
    assert got_mime == mime
    if parser is None:  # convert() parsed it into an rdflib graph
        got = Graph()
        for triple in answer.triples((None, None, None)):
            got.add(triple)
        assert len(got) == len(expected[form].graph) and isomorphic(got, expected[form].graph)
    else:
        assert_same_graph(answer, parser, expected[form])


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_sparqlwrapper_gets_n_triples_by_accept_alone(server, expected, form):
    got_mime, answer = _wrapper(server, QUERIES[form], "n3", accept="application/n-triples")
    assert got_mime == "application/n-triples"
    assert_same_graph(answer, "nt", expected[form])


def test_sparqlwrapper_asking_a_select_in_a_graph_syntax_gets_406(server):
    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(QUERIES["SELECT"])
    sw.setReturnFormat("turtle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Sending Accept header '*/*'": SPARQLWrapper knows it is odd
        with pytest.raises((SPARQLWrapperException, OSError)) as caught:
            sw.query()
    assert "406" in str(caught.value)


# -- rdflib's SPARQLStore ------------------------------------------------------------------------------


@pytest.mark.parametrize("return_format", ["json", "xml"])
@pytest.mark.parametrize("kind", [Graph, Dataset])
def test_sparqlstore_graph_and_dataset(server, local, expected, kind, return_format):
    """A Graph sends no default-graph-uri; a Dataset sends urn:x-rdflib:default, which must mean the
    dataset's own default graph (the union), not a graph to fetch."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = kind(store=SPARQLStore(server + "/sparql", returnFormat=return_format))
    assert terms(remote.query(QUERIES["SELECT"])) == terms(expected["SELECT"])
    assert remote.query(QUERIES["ASK"]).askAnswer and not remote.query(ASK_FALSE).askAnswer
    for form in GRAPH_FORMS:
        got = remote.query(QUERIES[form]).graph
        assert len(got) == len(expected[form].graph) and isomorphic(got, expected[form].graph), form
    (count,) = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count[0]) == len(local) == len(remote)
    assert len(list(remote.triples((None, RDF.type, None)))) == len(list(local.triples((None, RDF.type, None))))


def test_rdflibs_default_graph_marker_is_the_union_and_other_iris_are_still_refused(server, local, built):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    doc = next(g for g in rdf.graphs(store.load_dataset(built)) if "/graph/000_" in str(g.identifier))

    def ask(**params) -> httpx.Response:
        return HTTP.get(server + "/sparql", params={"query": count, **params}, headers={"Accept": "text/csv"})

    def number(r: httpx.Response) -> int:
        assert r.status_code == 200, r.text
        return int(r.text.splitlines()[1])

    marker = str(DATASET_DEFAULT_GRAPH_ID)
    assert number(ask(**{"default-graph-uri": marker})) == len(local)
    assert number(ask(**{"default-graph-uri": str(doc.identifier)})) == len(doc) < len(local)
    # beside a named graph the marker still stands for the whole default graph
    for text, want in ((count, len(local)), ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", len(doc))):
        r = HTTP.get(
            server + "/sparql",
            params={"query": text, "default-graph-uri": marker, "named-graph-uri": str(doc.identifier)},
            headers={"Accept": "text/csv"},
        )
        assert number(r) == want, text
    for elsewhere in (["http://example.org/elsewhere"], [marker, "http://example.org/elsewhere"]):
        r = ask(**{"default-graph-uri": elsewhere})
        assert r.status_code == 400 and "http://example.org/elsewhere" in r.text and "fetch" in r.text


def test_from_named_and_named_graph_uri_may_name_the_stores_own_graphs(server, built):
    """Both were refused as `FROM <default>` once: a named clause was read as a default one."""
    doc = next(g for g in rdf.graphs(store.load_dataset(built)) if "/graph/000_" in str(g.identifier))
    in_graphs = "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) {from} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    for text, extra in (
        (in_graphs.format(**{"from": f"FROM NAMED <{doc.identifier}>"}), {}),
        (in_graphs.format(**{"from": ""}), {"named-graph-uri": str(doc.identifier)}),
    ):
        r = HTTP.get(server + "/sparql", params={"query": text, **extra}, headers={"Accept": "text/csv"})
        assert r.status_code == 200, r.text
        assert r.text.splitlines()[1].split(",") == [str(len(doc)), "1"]
    text = in_graphs.format(**{"from": "FROM NAMED <http://example.org/elsewhere>"})
    r = HTTP.get(server + "/sparql", params={"query": text})
    assert r.status_code == 400 and "FROM NAMED <http://example.org/elsewhere>" in r.text


# -- plain HTTP, as curl users write it ---------------------------------------------------------------

# (parameter, value, the format it must answer in): Accept, then each format parameter's spellings
RESULT_REQUESTS = [
    ("accept", "application/sparql-results+json", "json"),
    ("accept", "application/json", "json"),
    ("accept", "application/sparql-results+xml", "xml"),
    ("accept", "application/xml", "xml"),
    ("accept", "text/csv", "csv"),
    ("accept", "text/tab-separated-values", "tsv"),
    ("accept", "*/*", "json"),
    ("format", "json", "json"),
    ("format", "xml", "xml"),
    ("format", "csv", "csv"),
    ("format", "tsv", "tsv"),
    ("format", "text/tab-separated-values", "tsv"),
    ("output", "json", "json"),
    ("results", "xml", "xml"),
]
GRAPH_REQUESTS = [
    ("accept", "text/turtle", "turtle"),
    ("accept", "application/n-triples", "ntriples"),
    ("accept", "application/ld+json", "jsonld"),
    ("accept", "application/rdf+xml", "rdfxml"),
    ("accept", "text/n3", "turtle"),
    ("accept", "*/*", "turtle"),
    ("accept", "application/sparql-results+json", "jsonld"),  # SPARQLStore(returnFormat="json")
    ("accept", "application/sparql-results+xml", "rdfxml"),
    ("format", "turtle", "turtle"),
    ("format", "ttl", "turtle"),
    ("format", "n3", "turtle"),
    ("format", "nt", "ntriples"),
    ("format", "ntriples", "ntriples"),
    ("format", "n-triples", "ntriples"),
    ("format", "json-ld", "jsonld"),
    ("format", "jsonld", "jsonld"),
    ("format", "rdf+xml", "rdfxml"),
    ("format", "rdfxml", "rdfxml"),
    ("format", "rdf", "rdfxml"),
    ("format", "json", "jsonld"),
    ("format", "xml", "rdfxml"),
    ("format", "application/n-triples", "ntriples"),
    ("output", "turtle", "turtle"),
    ("results", "json-ld", "jsonld"),
]
MIMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _get(base: str, text: str, param: str, value: str, method: str = "GET") -> httpx.Response:
    headers = {"Accept": value} if param == "accept" else {}
    params = {"query": text} | ({} if param == "accept" else {param: value})
    if method == "GET":
        r = HTTP.get(base + "/sparql", params=params, headers=headers)
    else:
        r = HTTP.post(base + "/sparql", data=params, headers=headers)
    assert r.status_code == 200, f"{param}={value}: {r.status_code} {r.text}"
    return r


@pytest.mark.parametrize("param, value, fmt", RESULT_REQUESTS)
@pytest.mark.parametrize("form", RESULT_FORMS)
def test_http_results_in_each_format(server, expected, form, param, value, fmt):
    for method in ("GET", "POST"):
        r = _get(server, QUERIES[form], param, value, method)
        assert _mime(r.headers["content-type"]) == MIMES[fmt]
        assert_same_results(r.content, fmt, expected[form])
    if form == "ASK":
        assert_same_results(_get(server, ASK_FALSE, param, value).content, fmt, expected["ASK_FALSE"])


@pytest.mark.parametrize("param, value, fmt", GRAPH_REQUESTS)
@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_http_graphs_in_each_format(server, expected, form, param, value, fmt):
    for method in ("GET", "POST"):
        r = _get(server, QUERIES[form], param, value, method)
        assert _mime(r.headers["content-type"]) == MIMES[fmt]
        assert_same_graph(r.content, PARSERS[fmt], expected[form])


def test_sparqlwrappers_second_format_values_and_several_parameters(server, expected):
    """SPARQLWrapper sends `format=rdf+xml&format=application/rdf+xml` (and the same as output= and
    results=); a value that fits the query's form wins over those that do not, and over Accept."""
    q = QUERIES["CONSTRUCT"]
    params = [("query", q), ("format", "csv"), ("format", "application/ld+json,application/x-json+ld")]
    r = HTTP.get(server + "/sparql", params=params, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and _mime(r.headers["content-type"]) == "application/ld+json"
    assert_same_graph(r.content, "json-ld", expected["CONSTRUCT"])
    params = [("query", q), ("output", "n3"), ("results", "json")]
    r = HTTP.get(server + "/sparql", params=params, headers={"Accept": "application/rdf+xml"})
    assert r.status_code == 200 and _mime(r.headers["content-type"]) == "text/turtle"


@pytest.mark.parametrize(
    "form, value",
    [("SELECT", "turtle"), ("SELECT", "rdf+xml"), ("ASK", "n3"), ("CONSTRUCT", "csv"), ("DESCRIBE", "tsv")],
)
def test_a_format_the_query_cannot_take_is_406_with_the_names_it_can(server, form, value):
    r = HTTP.get(server + "/sparql", params={"query": QUERIES[form], "format": value})
    assert r.status_code == 406
    assert value in r.text and ("csv" in r.text if form in RESULT_FORMS else "turtle" in r.text)


def test_the_self_descriptions_take_the_same_format_names(server):
    for path in ("/.well-known/void", "/service-description"):
        for param, value, parser, mime in (
            ("format", "n3", "n3", "text/turtle"),
            ("output", "json", "json-ld", "application/ld+json"),
            ("format", "rdf+xml", "xml", "application/rdf+xml"),
        ):
            r = HTTP.get(server + path, params={param: value})
            assert r.status_code == 200 and _mime(r.headers["content-type"]) == mime, (path, value)
            assert len(Graph().parse(data=r.text, format=parser)) > 5


# -- starting ----------------------------------------------------------------------------------------


def test_a_busy_port_is_one_line_and_a_non_zero_exit(built):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind((LOOPBACK, free_port()))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "serve", "--out", str(built), "--host", LOOPBACK, "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert done.stderr.strip() == f"pension-kg: serve: {LOOPBACK}:{port} is in use; give another --port"
    assert done.stdout == ""
    assert time.monotonic() - started < 30  # said at once, not after starting the workers


def test_the_listening_socket_gives_connections_without_nagles_delay():
    # asyncio (and so uvicorn) sets TCP_NODELAY only on a socket that names IPPROTO_TCP; without it
    # an answer's head and body waited for the client's delayed acknowledgement, 40 ms an answer
    import asyncio

    from kg.serve.app import bind

    async def accepted_nodelay() -> int:
        sock = bind(LOOPBACK, 0)
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        async with server:
            _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            value = await asyncio.wait_for(seen, 10)
            writer.close()
        return value

    assert asyncio.run(accepted_nodelay()) != 0
