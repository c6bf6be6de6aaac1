"""Where the server's queries are answered: in-process workers, or a remote triple store.

Both backends take the same Job and give the same Answer, so every page, the Graph Store
Protocol and the VoID description are SPARQL queries that work the same way over the built graph
and over Oxigraph, Fuseki, GraphDB or Virtuoso. The checks (read-only, never fetch) run in the
server's own workers in both cases: a remote store never sees a query this server would refuse.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import httpx

from kg.serve.formats import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, choose
from kg.serve.jobs import Answer, Job
from kg.serve.pool import Pool
from kg.serve.remote import with_prefixes
from kg.serve.worker import volatile


class Backend(Protocol):
    name: str

    @property
    def graphs(self) -> list[str]: ...

    async def start(self) -> None: ...

    async def run(self, job: Job, client: str = "") -> Answer: ...

    async def close(self) -> None: ...


class LocalBackend:
    """The built graph, held by a pool of worker processes.

    The graph cannot change while it is served, so an answer, once computed, is kept here in the
    server process (keyed by the whole request: query, Accept, format, graphs, row cap) and a
    repeated request never reaches a worker."""

    def __init__(
        self,
        out: Path,
        workers: int,
        timeout: float,
        cache_bytes: int = 64 * 1024 * 1024,
        memory_mb: int | None = None,
        client_workers: int | None = None,
        client_queue: int = 16,
    ) -> None:
        self.pool = Pool(
            out, workers, timeout, memory_mb=memory_mb, client_workers=client_workers, client_queue=client_queue
        )
        self.name = f"the graph built in {out}"
        self._cache: OrderedDict[Job, Answer] = OrderedDict()
        self._cache_bytes = cache_bytes
        self._held = 0

    @property
    def graphs(self) -> list[str]:
        return self.pool.graphs

    async def start(self) -> None:
        await self.pool.start()

    async def run(self, job: Job, client: str = "") -> Answer:
        """The answer to `job`, from the cache or a worker; `client` (the asker's address) has its
        fair share of the workers (kg.serve.fair), and none of them for a cached answer."""
        hit = self._cache.get(job)
        if hit is not None:
            self._cache.move_to_end(job)
            return hit
        answer = await self.pool.run(job, client=client)
        if answer.status == 200 and len(answer.body) <= self._cache_bytes // 8 and not volatile(job.text):
            self._cache[job] = answer
            self._held += len(answer.body)
            while self._held > self._cache_bytes:
                _, old = self._cache.popitem(last=False)
                self._held -= len(old.body)
        return answer

    async def close(self) -> None:
        await self.pool.close()


class RemoteBackend:
    """A remote SPARQL 1.1 query endpoint, behind this server's checks, limits and pages."""

    GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

    def __init__(
        self, url: str, workers: int, timeout: float, client_workers: int | None = None, client_queue: int = 16
    ) -> None:
        self.url = url
        self.name = url
        self.timeout = timeout
        self.guard = Pool(None, workers, timeout, client_workers=client_workers, client_queue=client_queue)
        self.client = httpx.AsyncClient(timeout=timeout)
        self.graphs: list[str] = []
        self._listed = 0.0

    async def start(self) -> None:
        await self.guard.start()
        await self._refresh_graphs()

    async def _refresh_graphs(self) -> None:
        answer = await self._forward(self.GRAPHS_QUERY, "json", (), ())
        if answer.status == 200:
            rows = json.loads(answer.body)["results"]["bindings"]
            self.graphs = sorted(r["g"]["value"] for r in rows if "g" in r)
            self._listed = time.monotonic()

    async def run(self, job: Job, client: str = "") -> Answer:
        if time.monotonic() - self._listed > 30:
            await self._refresh_graphs()
        verdict = await self.guard.run(replace(job, known_graphs=tuple(self.graphs)), client=client)
        if verdict.status != 200 or job.check_only:
            return verdict
        form = verdict.body.decode()
        try:
            fmt = choose(form, job.accept, job.format)
        except NotAcceptable as e:
            return Answer.error(406, str(e))
        answer = await self._forward(job.text, fmt, job.default_graphs, job.named_graphs)
        if answer.status == 200 and job.max_rows is not None and _count(answer.body, fmt) > job.max_rows:
            return Answer.error(
                400, f"the result has more than {job.max_rows} rows, this endpoint's limit (serve --max-rows)"
            )
        return answer

    async def _forward(self, text: str, fmt: str, default: tuple[str, ...], named: tuple[str, ...]) -> Answer:
        mime = (RESULT_TYPES | GRAPH_TYPES)[fmt]
        data = {"query": with_prefixes(text), "default-graph-uri": list(default), "named-graph-uri": list(named)}
        try:
            r = await self.client.post(self.url, data=data, headers={"Accept": mime})
        except httpx.TimeoutException:
            message = f"the backend store gave no answer within this endpoint's {self.timeout:g} s limit"
            return Answer.error(503, message)
        except httpx.HTTPError as e:
            return Answer.error(502, f"cannot reach the backend store {self.url}: {e}")
        if r.status_code != 200:
            status = 400 if 400 <= r.status_code < 500 else 502
            return Answer.error(status, f"the backend store answered {r.status_code}: {r.text.strip()[:2000]}")
        return Answer(200, r.headers.get("content-type", mime), r.content)

    async def close(self) -> None:
        await self.client.aclose()
        await self.guard.close()


def _count(body: bytes, fmt: str) -> int:
    """Rows (or triples) of an answer, to hold a remote store to the row cap."""
    if fmt == "json":
        data = json.loads(body)
        return len(data.get("results", {}).get("bindings", []))
    if fmt == "xml":
        return body.count(b"<result>") + body.count(b"<result ")
    if fmt in ("csv", "tsv"):
        return max(0, body.count(b"\n") - 1)
    if fmt == "ntriples":
        return body.count(b"\n")
    return 0
