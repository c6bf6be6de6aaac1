"""One query worker process: started, handed a job, killed when it overruns its time limit.

This is the whole of how a query is bounded, in time (SIGKILL at the limit: an evaluation checks
for no signal) and in memory (the worker's own limit, kg.serve.worker.limit_memory). The endpoint's
pool (kg.serve.pool) keeps a few such workers; `pension-kg query` and `facts` fork one for their
query (`answer_once`). It imports neither asyncio nor the web framework, so a cold `query` stays cheap.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in the functions that use them, after the fork (see `start`)
    from kg.serve.jobs import Answer, Job

TIMEOUT = object()
DEAD = object()


class PoolError(RuntimeError):
    """The workers could not start (no built graph, an unreadable file, ...)."""


@dataclass(eq=False)
class Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()


def spawn(
    ctx: multiprocessing.context.BaseContext,
    out: str | None,
    memory_mb: int | None,
    startup_timeout: float,
    quiet: bool = False,
) -> tuple[Worker, list[str]]:
    """A started worker over the store built in `out` (None: one that only checks queries), and the
    names of the store's graphs; PoolError when it cannot start."""
    worker = start(ctx, out, memory_mb, quiet)
    return worker, ready(worker, startup_timeout)


def start(
    ctx: multiprocessing.context.BaseContext,
    out: str | None,
    memory_mb: int | None,
    quiet: bool = False,
    list_graphs: bool = True,
) -> Worker:
    """A worker process, started and opening the store; `ready` waits until it has. The worker's
    modules are imported in the worker (`_work`), so that the command line, which forks its worker
    first, has them loading there while it reads the query itself."""
    parent, child = ctx.Pipe(duplex=True)
    proc = ctx.Process(  # type: ignore[attr-defined]
        target=_work, args=(child, out, memory_mb, quiet, list_graphs), daemon=True, name="kg-query-worker"
    )
    proc.start()
    child.close()
    return Worker(proc, parent)


def _work(conn: Connection, out: str | None, memory_mb: int | None, quiet: bool, list_graphs: bool) -> None:
    """The worker process. It opens the store in a thread while it imports its modules: Oxigraph
    lets go of the GIL while RocksDB opens the files, so the two take the longer of their times."""
    opening = None if out is None else _Opening(out)
    from kg.serve import worker

    worker.main(conn, out, memory_mb, quiet, list_graphs, opening.result if opening else None)


class _Opening(threading.Thread):
    def __init__(self, out: str) -> None:
        super().__init__(daemon=True, name="kg-open-store")
        self.out = out
        self.store: object = None
        self.error: Exception | None = None
        self.start()

    def run(self) -> None:
        from kg import store

        try:
            self.store = store.open_store(Path(self.out))
        except Exception as e:  # raised again in the worker, which reports it
            self.error = e

    def result(self):
        self.join()
        if self.error is not None:
            raise self.error
        return self.store


def ready(worker: Worker, startup_timeout: float) -> list[str]:
    """Wait until `worker` has the store open: the names of its graphs (if it listed them), or
    PoolError (the worker killed) when it could not."""
    try:
        if not worker.conn.poll(startup_timeout):
            raise PoolError(f"a query worker did not start within {startup_timeout:.0f} s")
        status, detail = worker.conn.recv()
    except (EOFError, OSError):
        worker.kill()
        raise PoolError("a query worker died while opening the store") from None
    except PoolError:
        worker.kill()
        raise
    if status != "ready":
        worker.kill()
        raise PoolError(f"a query worker could not open the store: {detail}")
    return detail


def stopped(limit: float, origin: str) -> str:
    """The one line for a query stopped at its time limit."""
    where = "this endpoint's time limit" if origin == "serve" else "its time limit"
    option = "serve --timeout" if origin == "serve" else "--timeout"
    return f"the query was stopped at {where} of {limit:g} s ({option}); simplify it or add LIMIT"


def died(worker: Worker, memory_mb: int | None, origin: str) -> str:
    """The one line for a worker that ended while answering.

    A worker ends mid-query only when something stops it from outside its Python code: the
    allocator aborting at the worker's memory limit (RLIMIT_AS, kg.serve.worker.limit_memory), the
    system's out-of-memory killer, or a signal. Saying which limit was there, and how it can be
    raised, is what the user can act on; "worker died" was not."""
    with contextlib.suppress(Exception):
        worker.proc.join(1)
    code = worker.proc.exitcode
    if code is not None and code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    elif code is not None:
        how = f"exited with status {code}"
    else:
        how = "stopped answering"
    option = "serve --max-memory" if origin == "serve" else "--max-memory"
    if memory_mb:
        where = "this endpoint's" if origin == "serve" else "the"
        limit = f"most likely at {where} memory limit of {memory_mb} MB per query worker ({option})"
    else:
        limit = "most likely out of memory (the machine's; no --max-memory limit was set)"
    return f"the query worker {how} while answering, {limit}; simplify the query or add LIMIT"


def fork_context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def answer_once(
    out: Path, job: Job, timeout: float, memory_mb: int | None = None, worker: Worker | None = None
) -> Answer:
    """One job, answered by one worker forked for it (or `worker`, forked by `start` before the job
    was known) and killed at `timeout`: the endpoint's bound, for the command line. The time limit
    counts from when the worker has the store open."""
    from kg.serve.jobs import Answer

    if worker is None:
        worker = start(fork_context(), str(Path(out).resolve()), memory_mb, quiet=True, list_graphs=False)
    try:
        with contextlib.suppress(OSError):  # a worker that could not start says why below
            worker.conn.send(job)  # it waits in the pipe while the worker opens the store
        ready(worker, startup_timeout=max(timeout, 60.0))
        result = receive(worker, timeout)
    finally:
        worker.kill()
    if result is TIMEOUT:
        return Answer.error(503, stopped(timeout, job.origin))
    if result is DEAD:
        return Answer.error(500, died(worker, memory_mb, job.origin))
    assert isinstance(result, Answer)
    return result


def exchange(worker: Worker, job: Job, limit: float) -> object:
    try:
        worker.conn.send(job)
    except OSError:
        return DEAD
    return receive(worker, limit)


def receive(worker: Worker, limit: float) -> object:
    """The worker's answer, or TIMEOUT when it has none within `limit` seconds, or DEAD."""
    try:
        if not worker.conn.poll(limit):
            return TIMEOUT
        return worker.conn.recv()
    except (EOFError, OSError):
        return DEAD
