"""A small pool of query workers that can be killed and replaced.

Each worker (kg.serve.worker) is a process holding the build's store open. A request borrows an
idle worker, hands it the query and waits at most the time limit for the answer; a worker that
overruns is killed (SIGKILL: an evaluation checks for no signal) and a fresh one started in the
background, while the other workers go on answering. Workers come from a fork server that has
already imported the worker's modules, so a replacement costs only the opening of the store.

A worker is started, asked and killed by kg.serve.bounded, which `pension-kg query` and `facts` use
for their one query too.

Workers are shared fairly between clients (kg.serve.fair.Share): two runaway queries from one
address would otherwise hold the workers until the time limit while everyone else waits, so a
client runs at most its share of the workers at once, queues a few more, and is refused (429) past
that; a free worker goes to the waiting client that runs the fewest queries, and then to the
query expected to be cheapest. What a query will cost is what its text cost the last time (the
worker's CPU seconds, kept for the last COSTS_KEPT texts; a text killed at the limit cost the
whole limit), and a text never seen counts as short. Queries expected to be long hold at most
three quarters of the workers, so a short one starts at once beside them: there are more workers
than cores (8 by default) because the operating system then shares the cores between the running
queries, which a short query needs to finish in its own time rather than after a long one.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from kg.serve.bounded import DEAD, TIMEOUT, PoolError, Worker, died, exchange, spawn, stopped
from kg.serve.fair import Busy, Share
from kg.serve.jobs import Answer, Job

log = logging.getLogger("kg.serve")

COSTS_KEPT = 4096  # query texts whose cost the pool remembers (the least recently asked go first)


class Pool:
    """`size` workers over the graph built in `out` (None: workers that only check queries)."""

    def __init__(
        self,
        out: Path | None,
        size: int = 2,
        timeout: float = 10.0,
        startup_timeout: float = 300.0,
        memory_mb: int | None = None,
        client_workers: int | None = None,
        client_queue: int = 16,
    ) -> None:
        self.out = None if out is None else str(Path(out).resolve())
        self.memory_mb = memory_mb
        self.size = max(1, size)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.graphs: list[str] = []
        self.killed = 0
        per_client = max(1, self.size - 1) if client_workers is None else max(1, client_workers)
        long = max(1, self.size - max(1, self.size // 4))  # a quarter of the workers kept for short queries
        self._share: Share[Worker] = Share(per_client, client_queue, long, patience=timeout)
        self._costs: OrderedDict[bytes, float] = OrderedDict()  # a query text's digest -> its CPU seconds last time
        self._all: set[Worker] = set()
        self._threads = ThreadPoolExecutor(max_workers=self.size + 4, thread_name_prefix="kg-pool")
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.serve.worker"])
        self._closing = False
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        results = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)), return_exceptions=True
        )
        errors = [r for r in results if isinstance(r, BaseException)]
        for r in results:
            if isinstance(r, Worker):
                self._all.add(r)
                self._share.release(r)
        if errors:
            await self.close()
            raise PoolError(str(errors[0]))

    def _spawn(self) -> Worker:
        worker, self.graphs = spawn(self._ctx, self.out, self.memory_mb, self.startup_timeout)
        return worker

    async def run(self, job: Job, timeout: float | None = None, client: str = "") -> Answer:
        """The worker's answer; 503 when it overran the time limit, died, or none was free in time;
        429 when `client` (its address) already runs its share of the workers and has its queue full."""
        limit = self.timeout if timeout is None else timeout
        wait = max(2 * limit, 5.0)
        retry = {"Retry-After": str(max(1, round(limit)))}
        key = hashlib.blake2b(job.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        try:
            worker = await asyncio.wait_for(self._share.acquire(client, self._costs.get(key, 0.0)), timeout=wait)
        except Busy as e:
            message = (
                f"you already have {e.running} queries running and {e.waiting} waiting, this endpoint's share "
                "for one client; wait for their answers before sending more"
            )
            return replace(Answer.error(429, message), headers=retry)
        except TimeoutError:
            message = f"all {self.size} query workers stayed busy for {wait:g} s; try again shortly"
            return replace(Answer.error(503, message), headers=retry)
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self._threads, exchange, worker, job, limit)
        except BaseException:  # cancelled mid-query: the worker's answer would arrive for the next job
            self._retire(worker, client)
            raise
        self._learn(key, result.cpu if isinstance(result, Answer) else limit)
        if result is TIMEOUT:
            self.killed += 1
            self._retire(worker, client)
            return Answer.error(503, stopped(limit, job.origin))
        if result is DEAD:
            message = died(worker, self.memory_mb, job.origin)  # before _retire: it reads how the worker ended
            self._retire(worker, client)
            return Answer.error(503, message)  # no Retry-After: the same query would end the same way
        assert isinstance(result, Answer)
        if result.retire:
            self._retire(worker, client)
        else:
            self._share.release(worker, client)
        return result

    def _learn(self, key: bytes, cost: float) -> None:
        """Keep what the text of digest `key` cost (a killed query: the whole limit), for the order of
        the next ones; by digest, so that what is kept stays small whatever the texts' size."""
        self._costs[key] = cost
        self._costs.move_to_end(key)
        while len(self._costs) > COSTS_KEPT:
            self._costs.popitem(last=False)

    def _retire(self, worker: Worker, client: str) -> None:
        worker.kill()
        self._all.discard(worker)
        self._share.forget(client, worker)
        if not self._closing:
            task = asyncio.get_running_loop().create_task(self._replace())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        loop = asyncio.get_running_loop()
        for attempt in range(3):
            try:
                worker = await loop.run_in_executor(self._threads, self._spawn)
            except PoolError as e:
                log.error("cannot replace a query worker (attempt %d): %s", attempt + 1, e)
                await asyncio.sleep(1.0)
                continue
            if self._closing:
                worker.kill()
                return
            self._all.add(worker)
            self._share.release(worker)
            return

    async def close(self) -> None:
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
