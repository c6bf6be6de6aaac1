"""A query worker: a process that holds the graph and answers one query at a time.

rdflib evaluates in pure Python and cannot be interrupted from another thread, so a query that
would run for minutes can only be stopped by ending the process running it. The server keeps a
few of these workers (kg.serve.pool) and kills and replaces any that overruns the time limit.
Each worker also cuts itself off from the network before it takes its first job: whatever rdflib
might try (SERVICE, FROM <url>), no socket of a worker can connect anywhere.
"""

from __future__ import annotations

import re
import signal
import socket
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import rdflib.plugins.sparql
from rdflib import Dataset
from rdflib.query import Result

from kg import rdf, store
from kg.serve.formats import NotAcceptable, choose, media_type
from kg.serve.guard import Checked, Refused, check
from kg.store import query as kgquery


@dataclass(frozen=True)
class Job:
    """One query for a worker. max_rows None means no cap (the server's own page queries);
    format holds the request's format parameters (kg.serve.formats.requested), tried before accept."""

    text: str
    accept: str | None = None
    format: tuple[str, ...] = ()
    max_rows: int | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    known_graphs: tuple[str, ...] | None = None  # for a guard-only worker: the remote store's graphs
    check_only: bool = False  # only say whether it would be refused (an update, to tell 400 from 403)


@dataclass(frozen=True)
class Answer:
    """What to send back: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    retire: bool = False  # the worker that gave it should be replaced (it hit its memory limit)

    @staticmethod
    def error(status: int, message: str) -> Answer:
        return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


class _NoNetwork(OSError):
    pass


def _refuse(*_args, **_kwargs):
    raise _NoNetwork("query workers make no network connections")


def cut_network() -> None:
    """Make every outbound connection from this process fail, whatever library asks."""
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse  # type: ignore[assignment]
    socket.getaddrinfo = _refuse  # type: ignore[assignment]
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class Evaluator:
    """The graph, with caches of prepared queries and of answers.

    Parsing costs ten times what evaluating a typical named query does, and clients send the same
    few queries again and again; the graph never changes while it is served, so an answer, once
    computed, stays right (except for queries asking for NOW(), RAND(), UUIDs or fresh blank nodes).
    """

    def __init__(
        self, ds: Dataset, cache_size: int = 256, answer_cache_bytes: int = 64 * 1024 * 1024, caching: bool = True
    ) -> None:
        ds.default_union = True
        self.caching = caching
        self.ds = ds
        self.graphs = frozenset(str(g.identifier) for g in rdf.graphs(ds) if len(g))
        self._prepared: OrderedDict[tuple, Checked] = OrderedDict()
        self._answers: OrderedDict[tuple, tuple[int, Answer]] = OrderedDict()
        self._results: OrderedDict[str, tuple[int, Result]] = OrderedDict()
        self._cache_size = cache_size
        self._answer_bytes = 0
        self._answer_cache_bytes = answer_cache_bytes

    def prepare(self, job: Job) -> Checked:
        key = (job.text, job.default_graphs, job.named_graphs)
        if key in self._prepared:
            self._prepared.move_to_end(key)
            return self._prepared[key]
        checked = check(job.text, self.graphs, job.default_graphs, job.named_graphs)
        self._prepared[key] = checked
        if len(self._prepared) > self._cache_size:
            self._prepared.popitem(last=False)
        return checked

    def answer(self, job: Job) -> Answer:
        try:
            checked = self.prepare(job)
            fmt = choose(checked.form, job.accept, job.format)
        except Refused as e:
            return Answer.error(e.status, e.message)
        except NotAcceptable as e:
            return Answer.error(406, str(e))
        key = (job.text, job.default_graphs, job.named_graphs, fmt)
        if key in self._answers:
            self._answers.move_to_end(key)
            size, answer = self._answers[key]
        else:
            cacheable = self.caching and not volatile(job.text)
            try:
                size, result = self._result(checked.key, checked, job.max_rows, cacheable)
                text = kgquery.serialize(result, fmt)
            except _TooMany as e:
                return _too_many(e.cap, e.what)
            except MemoryError:
                raise
            except Exception as e:  # a type error in a FILTER, a bad regex, ...
                return Answer.error(400, f"SPARQL evaluation error: {type(e).__name__}: {e}")
            answer = Answer(200, media_type(fmt), text.encode("utf-8"))
            if cacheable:
                self._remember(key, size, answer)
        if job.max_rows is not None and size > job.max_rows:
            return _too_many(job.max_rows, "rows" if checked.form in ("SELECT", "ASK") else "triples")
        return answer

    def _result(self, key: str, checked: Checked, cap: int | None, cacheable: bool) -> tuple[int, Result]:
        """The evaluated query, from the cache (the same query asked in another format, or with other
        PREFIX lines: the key is the query's algebra) or fresh."""
        if key in self._results:
            self._results.move_to_end(key)
            return self._results[key]
        result = self.ds.query(checked.query)
        if result.type == "SELECT":
            size = len(result.bindings) if cap is None else sum(1 for _ in islice(result, cap + 1))
            if cap is not None and size > cap:
                raise _TooMany(cap, "rows")
        elif result.type in ("CONSTRUCT", "DESCRIBE"):
            size = len(result.graph)
            if cap is not None and size > cap:
                raise _TooMany(cap, "triples")
        else:
            size = 1
        if cacheable and size <= RESULT_CACHE_ROWS:
            self._results[key] = (size, result)
            if len(self._results) > RESULT_CACHE_ENTRIES:
                self._results.popitem(last=False)
        return size, result

    def _remember(self, key: tuple, size: int, answer: Answer) -> None:
        if len(answer.body) > self._answer_cache_bytes // 8:
            return
        self._answers[key] = (size, answer)
        self._answer_bytes += len(answer.body)
        while self._answer_bytes > self._answer_cache_bytes or len(self._answers) > self._cache_size:
            _, (_, old) = self._answers.popitem(last=False)
            self._answer_bytes -= len(old.body)


RESULT_CACHE_ROWS = 50_000  # evaluated results kept for other formats: at most this many rows each
RESULT_CACHE_ENTRIES = 32
_VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def volatile(text: str) -> bool:
    """Whether a query's answer may differ from one evaluation to the next (and so is not cached)."""
    return _VOLATILE.search(text) is not None


class _TooMany(Exception):
    def __init__(self, cap: int, what: str) -> None:
        super().__init__(f"more than {cap} {what}")
        self.cap = cap
        self.what = what


def _too_many(cap: int, what: str) -> Answer:
    return Answer.error(
        400,
        f"the result has more than {cap} {what}, this endpoint's limit (serve --max-rows); "
        "narrow the query or page through it with LIMIT and OFFSET",
    )


def limit_memory(megabytes: int | None) -> None:
    """Let this process grow by at most `megabytes` more address space: a query that would eat the
    machine's memory gets a MemoryError instead (Linux; elsewhere no limit)."""
    if not megabytes:
        return
    try:
        import resource

        status = Path("/proc/self/status").read_text()
        size_kb = int(re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE).group(1))  # type: ignore[union-attr]
        limit = (size_kb * 1024) + megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, AttributeError, ValueError):
        return


def main(conn: Connection, out: str | None, cache: bool = True, memory_mb: int | None = None) -> None:
    """The worker's loop: say 'ready' (or why not), then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends the workers
    cut_network()
    try:
        evaluator = Evaluator(store.load_dataset(Path(out)), caching=cache) if out is not None else None
    except Exception as e:
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    limit_memory(memory_mb)
    conn.send(("ready", sorted(evaluator.graphs) if evaluator else []))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if evaluator is None or job.check_only:  # a guard-only worker fronts a remote store
            graphs = job.known_graphs if evaluator is None else evaluator.graphs
            try:
                c = check(job.text, graphs, job.default_graphs, job.named_graphs)
                answer = Answer(200, "text/plain", c.form.encode())
            except Refused as e:
                answer = Answer.error(e.status, e.message)
        else:
            try:
                answer = evaluator.answer(job)
            except MemoryError:
                message = "the query needed more memory than this endpoint allows a query (serve --max-memory)\n"
                answer = Answer(503, "text/plain; charset=utf-8", message.encode(), retire=True)
        try:
            conn.send(answer)
        except (OSError, KeyboardInterrupt):
            return
        if answer.retire:
            return
