"""`pension-kg serve`: the graph behind the W3C protocols, for the tools people already use.

Routes:
  /sparql               SPARQL 1.1 Protocol: GET and POST (url-encoded or application/sparql-query);
                        results in JSON, XML, CSV, TSV; graphs in Turtle, N-Triples, JSON-LD, RDF/XML;
                        without a query, the service description (or, for a browser, the query page)
  /                     the query page for a browser, the service description for anyone else
  /ui                   the query page: named queries, results as a table, downloads per format
  /rdf-graphs           Graph Store Protocol, read-only: ?graph=IRI or ?default
  /.well-known/void     VoID description of the dataset and each named graph
  /resource?iri=IRI     a resource's triples, in and out, as HTML or RDF; /id/..., /code/... dereference
  /queries.json         the named queries of queries/

It is safe by default: read-only, never fetches anything, bounded in time, rows and request size,
and bound to 127.0.0.1 unless told otherwise. Queries run in worker processes (kg.serve.pool) or on
a remote store (kg.serve.backend); this module is only HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import re
import socket
import sys
from urllib.parse import parse_qs

from rdflib import Graph
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kg.errors import InputError
from kg.namespaces import BASE
from kg.serve import pages as serve_pages
from kg.serve.backend import Backend, LocalBackend, RemoteBackend
from kg.serve.config import Config
from kg.serve.connections import Gate, RequestLimit, protocol_class
from kg.serve.describe import service_description, void_description
from kg.serve.formats import GRAPH_TYPES, NotAcceptable, accepted, choose, media_type, requested
from kg.serve.guard import protocol_dataset
from kg.serve.jobs import Answer, Job
from kg.store import query as kgquery
from kg.turtle import TURTLE

log = logging.getLogger("kg.serve")

DRAIN_LIMIT = 64 * 1024 * 1024  # read (and drop) at most this much of an oversized body before answering 413
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_HTML = ("text/html", "application/xhtml+xml")
_QUERY_METHODS = ["GET", "POST"]


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class Server:
    """The routes, over one backend."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.backend: Backend = (
            RemoteBackend(cfg.backend, cfg.workers, cfg.timeout, cfg.client_workers, cfg.client_queue)
            if cfg.backend
            else LocalBackend(
                cfg.out,
                cfg.workers,
                cfg.timeout,
                cache_bytes=64 * 1024 * 1024 if cfg.cache else 0,
                memory_mb=cfg.max_memory,
                client_workers=cfg.client_workers,
                client_queue=cfg.client_queue,
            )
        )
        self._void: dict[str, bytes] = {}

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def send(answer: Answer, extra: dict[str, str] | None = None) -> Response:
        headers = {"Vary": "Accept"} | answer.headers | (extra or {})
        return Response(answer.body, status_code=answer.status, media_type=answer.content_type, headers=headers)

    @staticmethod
    def error(status: int, message: str, extra: dict[str, str] | None = None) -> Response:
        return Server.send(Answer.error(status, message), extra)

    async def read_body(self, request: Request) -> bytes:
        """The body, or _TooLarge past the limit (after draining a bounded part of it, so the client,
        still sending, reads the 413 instead of a reset connection), or _TooSlow when it has not
        all come within the body time limit: a client trickling its body would otherwise hold a
        request (and its buffer) for as long as it liked."""
        declared = request.headers.get("content-length", "")
        size, chunks = 0, []
        too_large = declared.isdigit() and int(declared) > self.cfg.max_body
        try:
            async with asyncio.timeout(self.cfg.body_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if too_large or size > self.cfg.max_body:
                        too_large = True
                        if size > DRAIN_LIMIT:
                            break
                        continue
                    chunks.append(chunk)
        except TimeoutError:
            raise _TooSlow() from None
        if too_large:
            raise _TooLarge()
        return b"".join(chunks)

    def too_slow(self) -> Response:
        message = f"the request body did not arrive within this endpoint's {self.cfg.body_timeout:g} s limit"
        return self.error(408, message, {"Connection": "close"})

    @staticmethod
    def client(request: Request) -> str:
        """Who asks, for the fair share of the workers: the peer's address, or the address a trusted
        proxy (Config.trusted_proxies) names in X-Forwarded-For, which uvicorn has already put here."""
        return request.client.host if request.client else ""

    def too_large(self) -> Response:
        message = f"the request is larger than this endpoint's limit of {self.cfg.max_body} bytes"
        return self.error(413, message, {"Connection": "close"})

    async def select(self, text: str, request: Request) -> list[dict]:
        """The bindings of one of the server's own queries (no row cap)."""
        answer = await self.backend.run(Job(text, accept="application/sparql-results+json"), self.client(request))
        if answer.status != 200:
            raise _Failed(answer)
        return json.loads(answer.body)["results"]["bindings"]

    @staticmethod
    def formats(request: Request) -> tuple[str, ...]:
        """The format parameters of the URL (format=, output=, results=), for kg.serve.formats.choose."""
        return requested({k: request.query_params.getlist(k) for k in request.query_params.keys()})

    def rdf(self, request: Request, graph: Graph, title: str = "") -> Response:
        """The graph in the format asked for; a browser (HTML first, no format= asked) gets it shown
        as Turtle in a page, with a link to the file, instead of a download."""
        if title and self.wants_html(request) and not self.formats(request):
            page, csp = serve_pages.turtle_page(title, request.url.path, graph.serialize(format=TURTLE))
            headers = {"Content-Security-Policy": csp, "Vary": "Accept"}
            return Response(page, media_type="text/html; charset=utf-8", headers=headers)
        try:
            fmt = choose("CONSTRUCT", request.headers.get("accept"), self.formats(request))
        except NotAcceptable as e:
            return self.error(406, str(e))
        body = graph.serialize(
            format={"turtle": TURTLE, "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}.get(fmt, fmt)
        )
        return Response(body, media_type=media_type(fmt), headers={"Vary": "Accept"})

    @staticmethod
    def wants_html(request: Request) -> bool:
        for mime in accepted(request.headers.get("accept")):
            if mime in _HTML:
                return True
            if mime in GRAPH_TYPES.values() or mime in ("text/turtle", "application/n-triples", "*/*"):
                return False
        return False

    @staticmethod
    def root(request: Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc}"

    # -- SPARQL Protocol ---------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
        if request.method == "POST":
            try:
                body = await self.read_body(request)
            except _TooLarge:
                return self.too_large()
            except _TooSlow:
                return self.too_slow()
            encoding = request.headers.get("content-encoding", "identity").strip().lower()
            if encoding not in ("", "identity"):
                return self.error(
                    415,
                    f"the request body is sent with Content-Encoding: {encoding}, which this endpoint does not "
                    "decode; send the query uncompressed (no Content-Encoding)",
                )
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return self.error(400, "the request body is not UTF-8")
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(text, keep_blank_values=True)
                if "query" in form and "query" in params:
                    return self.error(400, "give the query either in the URL or in the body, not both")
                for k, v in form.items():
                    params[k] = params.get(k, []) + v
            elif ctype == "application/sparql-query":
                if "query" in params:
                    return self.error(400, "a direct POST carries the query in its body, not also in the URL")
                params["query"] = [text]
            elif ctype == "application/sparql-update":
                return await self.refuse_update(text, request)
            else:
                return self.error(
                    415,
                    "POST a query as application/x-www-form-urlencoded (query=...) or as application/sparql-query",
                )
        if "update" in params:
            return await self.refuse_update(params["update"][0], request)
        if "query" not in params:
            if request.method == "POST":
                return self.error(400, "no query: POST query=... (url-encoded) or the query itself (sparql-query)")
            return await self.index(request)
        if len(params["query"]) != 1:
            return self.error(400, "give exactly one query parameter")
        default_graphs, named_graphs = protocol_dataset(
            params.get("default-graph-uri", []), params.get("named-graph-uri", []), self.backend.graphs
        )
        job = Job(
            params["query"][0],
            accept=request.headers.get("accept"),
            format=requested(params),
            max_rows=self.cfg.max_rows,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
        )
        return self.send(await self.backend.run(job, self.client(request)))

    async def refuse_update(self, text: str, request: Request) -> Response:
        verdict = await self.backend.run(Job(text, check_only=True), self.client(request))
        if verdict.status == 400 and verdict.body.startswith(b"LOAD"):
            return self.send(verdict)
        return self.error(403, "this endpoint is read-only: SPARQL Update is not accepted")

    async def index(self, request: Request) -> Response:
        """The endpoint's root: the query page for a browser, the service description otherwise."""
        if self.wants_html(request):
            return self.ui(request)
        return self.service_description(request)

    def service_description(self, request: Request) -> Response:
        sd = service_description(self.root(request) + "/sparql", self.backend.graphs, self.cfg.limits)
        return self.rdf(request, sd, "SPARQL service description")

    def ui(self, request: Request) -> Response:
        page, csp = serve_pages.query_page()
        return Response(page, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": csp})

    async def queries(self, request: Request) -> Response:
        listed = [{"name": q.name, "question": q.question, "text": q.text} for q in kgquery.named().values()]
        return JSONResponse(listed)

    # -- Graph Store Protocol (read-only) ---------------------------------------------------------------

    async def graph_store(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            with contextlib.suppress(_TooLarge, _TooSlow):
                await self.read_body(request)
            return self.error(403, f"the graph store is read-only: {request.method} is not accepted")
        params = request.query_params
        if "graph" in params and "default" in params:
            return self.error(400, "give either ?graph=IRI or ?default, not both")
        if "default" in params:
            text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        elif "graph" in params:
            iri = params["graph"]
            if _BAD_IRI.search(iri) or not iri:
                return self.error(400, f"not an IRI: {iri!r}")
            ask = Job(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", accept="application/json")
            exists = await self.backend.run(ask, self.client(request))
            if exists.status != 200:
                return self.send(exists)
            if not json.loads(exists.body).get("boolean"):
                return self.error(404, f"no graph <{iri}> in this store")
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        else:
            listing = "\n".join(self.backend.graphs)
            return self.error(400, f"give ?graph=IRI or ?default; the graphs of this store are:\n{listing}")
        job = Job(text, accept=request.headers.get("accept"), format=self.formats(request))
        return self.send(await self.backend.run(job, self.client(request)))

    # -- VoID ----------------------------------------------------------------------------------

    async def void(self, request: Request) -> Response:
        root = self.root(request)
        try:
            (totals,) = await self.select(
                "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties) "
                "WHERE { ?s ?p ?o }",
                request,
            )
            (classes,) = await self.select("SELECT (COUNT(DISTINCT ?c) AS ?classes) WHERE { ?s a ?c }", request)
            sizes = await self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", request)
        except _Failed as e:
            return self.send(e.answer)
        stats = {k: int(v["value"]) for k, v in (totals | classes).items()}
        graph_sizes = {r["g"]["value"]: int(r["n"]["value"]) for r in sizes if "g" in r}
        return self.rdf(request, void_description(root, stats, graph_sizes), "VoID description of the dataset")

    # -- resources ---------------------------------------------------------------------------------

    async def resource(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        if not iri:
            return self.error(400, "give the resource as ?iri=IRI")
        return await self.show(request, iri)

    async def dereference(self, request: Request) -> Response:
        raw = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
        return await self.show(request, BASE + raw.lstrip("/"))

    async def show(self, request: Request, iri: str) -> Response:
        if _BAD_IRI.search(iri):
            return self.error(400, f"not an IRI: {iri!r}")
        fmt = self.formats(request)
        limit = 1000
        if fmt or not self.wants_html(request):
            text = (
                f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ "
                f"{{ GRAPH ?g {{ <{iri}> ?p ?o }} }} UNION {{ GRAPH ?h {{ ?s ?q <{iri}> }} }} }}"
            )
            job = Job(text, accept=request.headers.get("accept"), format=fmt)
            answer = await self.backend.run(job, self.client(request))
            return self.send(answer)
        try:
            out_rows = await self.select(
                f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} ORDER BY ?p ?o ?g LIMIT {limit}",
                request,
            )
            in_rows = await self.select(
                f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} }} ORDER BY ?p ?s ?g LIMIT {limit}",
                request,
            )
        except _Failed as e:
            return self.send(e.answer)
        if not out_rows and not in_rows:
            page, csp = serve_pages.not_found_page(iri)
            return Response(page, 404, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": csp})
        page, csp = serve_pages.resource_page(iri, out_rows, in_rows, limit)
        return Response(page, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": csp})


class _Failed(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.body.decode("utf-8", "replace"))
        self.answer = answer


def create_app(cfg: Config) -> Starlette:
    server = Server(cfg)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await server.backend.start()
        where = f"http://{cfg.host}:{cfg.port}"
        print(
            f"pension-kg: serving {server.backend.name} ({len(server.backend.graphs)} graphs) at {where}/sparql; "
            f"query page {where}/",
            file=sys.stderr,
            flush=True,
        )
        try:
            yield
        finally:
            await server.backend.close()

    gsp_methods = ["GET", "PUT", "POST", "DELETE", "PATCH"]
    routes = [
        Route("/", server.index),
        Route("/sparql", server.sparql, methods=_QUERY_METHODS),
        Route("/ui", server.ui),
        Route("/service-description", server.service_description),
        Route("/queries.json", server.queries),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/rdf-graphs", server.graph_store, methods=gsp_methods),
        Route("/.well-known/void", server.void),
        Route("/resource", server.resource),
        Route("/id/{rest:path}", server.dereference),
        Route("/code/{rest:path}", server.dereference),
        Route("/ontology", server.dereference),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=["Content-Type", "Content-Length"],
            max_age=3600,
        )
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.server = server
    return app


def guarded(cfg: Config) -> tuple[RequestLimit, Gate]:
    """The app behind its request bound, and the gate its connections pass (kg.serve.connections)."""
    app = create_app(cfg)
    limited = RequestLimit(app, cfg.max_requests)
    limited.state = app.state  # type: ignore[attr-defined]
    return limited, Gate(cfg.header_timeout, cfg.max_pending)


class AddressInUse(InputError):
    """The host and port to serve on cannot be had; the message says which and what to do."""


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, taken before the workers load the graph.

    uvicorn binds only after the app has started, so a busy port would cost the loading of the
    graph, print "serving" and then a log line and exit 3; binding first lets `serve` say in one
    line what is wrong and stop at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn would: localhost is 127.0.0.1
    # IPPROTO_TCP named, not left 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets
    # that say they are TCP, and an accepted connection says what this socket says. With Nagle on, an
    # answer's head and body went out as two small writes, the second held until the client's delayed
    # acknowledgement of the first: every answer took 40 ms more on loopback, a cached one too.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: a port left in TIME_WAIT is free
    try:
        sock.bind((host, port))
    except OSError as e:  # gaierror too: a host name that does not resolve
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise AddressInUse(f"serve: {host}:{port} is in use; give another --port") from None
        raise AddressInUse(
            f"serve: cannot listen on {host}:{port} ({e.strerror}); give another --host or --port"
        ) from None
    return sock  # not inheritable: the query workers must not keep the port when the server is gone


def run(cfg: Config) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM); AddressInUse before anything starts if the
    address cannot be had."""
    import uvicorn

    logging.basicConfig(level=logging.WARNING, format="pension-kg: %(message)s")
    sock = bind(cfg.host, cfg.port)
    if cfg.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"pension-kg: warning: listening on {cfg.host}, reachable from other machines", file=sys.stderr)
    app, gate = guarded(cfg)
    config = uvicorn.Config(
        app,
        http=protocol_class(gate),
        host=cfg.host,
        port=cfg.port,
        log_level="warning",
        access_log=False,
        server_header=False,
        h11_max_incomplete_event_size=cfg.max_body + 16 * 1024,
        timeout_graceful_shutdown=5,
        timeout_keep_alive=max(1, round(cfg.header_timeout)),
        limit_concurrency=None,  # it counts open connections, which slow clients fill: the Gate and RequestLimit bound
        proxy_headers=True,
        forwarded_allow_ips=cfg.trusted_proxies,
    )
    server = uvicorn.Server(config)
    with sock:
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            pass
    return 0 if server.started else 3  # not started: the app's startup failed, and uvicorn said why
