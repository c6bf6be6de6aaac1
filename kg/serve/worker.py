"""A query worker: a process that holds the store open and answers one query at a time.

A query that would run for minutes can only be stopped for sure by ending the process running it
(Oxigraph, like rdflib before it, has no way to interrupt an evaluation from another thread), so
the server keeps a few of these workers (kg.serve.pool) and kills and replaces any that overruns
the time limit; `pension-kg query` and `facts` run their one query in such a worker too. Each
worker also cuts its Python side off from the network before it takes its first job, and every
query passes kg.serve.guard first, which refuses SERVICE, LOAD and FROM of a graph the store lacks.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import socket
import time
from collections.abc import Callable, Container
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg import store
from kg.serve.formats import NotAcceptable, choose, family, media_type
from kg.serve.guard import Refused, check
from kg.serve.jobs import Answer, Job
from kg.store import query as kgquery
from kg.store.sparql_text import tokens


class _NoNetwork(OSError):
    pass


def _refuse(*_args, **_kwargs):
    raise _NoNetwork("query workers make no network connections")


def cut_network() -> None:
    """Make every outbound connection from Python code in this process fail, whatever library asks."""
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse  # type: ignore[assignment]
    socket.getaddrinfo = _refuse  # type: ignore[assignment]


class GraphNames(Container[str]):
    """The names of the store's named graphs, listed the first time a query names a graph (FROM):
    most queries name none, and listing them costs a cold query 3 ms a thousand documents."""

    def __init__(self, db) -> None:
        self._db = db

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(g.value for g in self._db.named_graphs())

    def __contains__(self, name: object) -> bool:
        return name in self.names


class Evaluator:
    """The store, answering jobs.

    The worker keeps no cache of its own any more: Oxigraph parses and evaluates a named query over
    the bundled graph in about a millisecond, less than the cache's bookkeeping and the pickling of
    a cached answer saved; the server's answer cache (kg.serve.backend) spares the round trip to a
    worker, which is what a repeated request still costs."""

    def __init__(self, db) -> None:
        self.store = db
        self.graphs = GraphNames(db)

    def answer(self, job: Job) -> Answer:
        try:
            checked = check(job.text, self.graphs, job.default_graphs, job.named_graphs)
            fmt = job.output or choose(checked.form, job.accept, job.format)
        except Refused as e:
            return Answer.error(e.status, e.message)
        except NotAcceptable as e:
            return Answer.error(406, str(e))
        if job.output in ("turtle", "ntriples", "jsonld", "rdfxml") and family(checked.form) == "result":
            return Answer.error(406, f"a {checked.form} query answers in table, csv, tsv, json or xml, not {fmt}")
        try:
            result = kgquery.run(self.store, job.text, job.max_rows, checked.default_graphs, checked.named_graphs)
            text = kgquery.serialize(result, fmt)
        except kgquery.TooMany as e:
            return _too_many(e.cap, e.what, job.origin)
        except kgquery.QueryError as e:
            return Answer.error(400, str(e))
        return Answer(200, "text/plain; charset=utf-8" if fmt == "table" else media_type(fmt), text.encode("utf-8"))


VOLATILE_FUNCTIONS = frozenset({"NOW", "RAND", "UUID", "STRUUID", "BNODE"})


def volatile(text: str) -> bool:
    """Whether a query's answer may differ from one evaluation to the next (and so is not cached).

    Read from the query's tokens (kg.store.sparql_text), not its raw text: SPARQL lets comments and
    any whitespace stand between a function's name and its parenthesis (`NOW # c` then `()`), which a
    pattern over the text missed, so a cached NOW() came back stale. Any of these names as a
    keyword counts, called or not (nowhere else may one stand in a query); a name inside a string,
    an IRI or a comment, a ?variable or a prefixed name (ex:now) does not. A backslash outside
    strings and IRIs may be a \\u escape, which SPARQL expands before parsing (and so could spell
    NOW): such a text is not cached either, rather than read wrongly."""
    for token in tokens(text):
        if token.keyword in VOLATILE_FUNCTIONS or (token.kind == "other" and token.text == "\\"):
            return True
    return False


def _too_many(cap: int, what: str, origin: str) -> Answer:
    where = "this endpoint's limit (serve --max-rows)" if origin == "serve" else "the limit (--max-rows)"
    return Answer.error(
        400,
        f"the result has more than {cap} {what}, {where}; narrow the query or page through it with LIMIT and OFFSET",
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


def main(
    conn: Connection,
    out: str | None,
    memory_mb: int | None = None,
    quiet: bool = False,
    list_graphs: bool = True,
    opened: Callable[[], Any] | None = None,
) -> None:
    """The worker's loop: say 'ready' (with the store's graph names, if `list_graphs`) or why not,
    then answer jobs until the pipe closes. A `quiet` worker (the command line's) writes nothing to
    stderr: what goes wrong comes back as an Answer, and Oxigraph's own report of an allocation
    refused at the memory limit would break the one line. `opened` gives the store when the caller
    began opening it already (kg.serve.bounded)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends the workers
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    cut_network()
    try:
        if out is None:
            evaluator, names = None, []
        else:
            evaluator = Evaluator(opened() if opened else store.open_store(Path(out)))
            names = sorted(evaluator.graphs.names) if list_graphs else []
    except Exception as e:
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    limit_memory(memory_mb)
    conn.send(("ready", names))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if evaluator is None or job.check_only:  # a guard-only worker fronts a remote store
            graphs = job.known_graphs if evaluator is None else evaluator.graphs
            try:
                c = check(job.text, graphs, job.default_graphs, job.named_graphs, parse=evaluator is None)
                answer = Answer(200, "text/plain", c.form.encode())
            except Refused as e:
                answer = Answer.error(e.status, e.message)
        else:
            started = time.process_time()
            try:
                answer = replace(evaluator.answer(job), cpu=time.process_time() - started)
            except MemoryError:
                limit = "this endpoint allows a query (serve --max-memory)" if job.origin == "serve" else "allowed"
                message = f"the query needed more memory than {limit}\n"
                answer = Answer(503, "text/plain; charset=utf-8", message.encode(), retire=True)
        try:
            conn.send(answer)
        except (OSError, KeyboardInterrupt):
            return
        if answer.retire:
            return
