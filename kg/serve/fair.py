"""Fair shares of the query workers between the clients that want them, short queries first.

A query may hold a worker until the time limit. Handed out first come, first served, one client's
runaway queries hold every worker while everyone else waits, and every short query waits behind
every long one queued before it (under 50 clients a 20 ms question waited seconds behind the named
queries that take a second). So:

- each client (its address, as the server sees it) runs at most `per_client` queries at once, may
  queue `queue` more, and is told so (Busy, answered 429) past that;
- a freed worker goes to the waiting client running the fewest queries; among equals, to the query
  expected to be cheapest by order of magnitude (its `cost`: the engine's seconds the same text
  took last time, kg.serve.pool; a text not seen yet counts as short), the longest-waiting first
  within a magnitude; a query that has waited `patience` seconds ranks with the shortest, so that
  a stream of short queries cannot hold a long one back until it is refused;
- queries expected to be long (cost of LONG seconds or more) hold at most `long_limit` workers at
  once, so that the others stay free for short ones: a short query then starts at once, beside
  the long ones, as it would on a server that runs every query in a thread of its own.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import Counter, deque
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

LONG = 0.1  # seconds of the engine's time from which a query counts as long


class Busy(Exception):
    """The client already runs its share and has its queue full."""

    def __init__(self, running: int, waiting: int) -> None:
        super().__init__(f"{running} running, {waiting} waiting")
        self.running = running
        self.waiting = waiting


def magnitude(cost: float) -> int:
    """The order of magnitude of a cost in seconds: 0 under 10 ms, then one step per factor of ten
    (so that costs measured on a busy machine, which vary twofold, keep their rank)."""
    return 0 if cost < 0.01 else min(6, 1 + int(math.log10(cost / 0.01)))


class _Waiter(NamedTuple):
    order: int
    future: asyncio.Future
    long: bool
    magnitude: int
    since: float  # time.monotonic() when it began to wait


class Share(Generic[T]):
    """Idle items (workers) handed out to clients, at most `per_client` held by one at a time and at
    most `long_limit` (None: no limit) by queries expected to be long."""

    def __init__(self, per_client: int, queue: int, long_limit: int | None = None, patience: float = 10.0) -> None:
        self.per_client = max(1, per_client)
        self.queue = max(0, queue)
        self.long_limit = None if long_limit is None else max(1, long_limit)
        self.patience = patience
        self._idle: deque[T] = deque()
        self._running: Counter[str] = Counter()
        self._long: set[int] = set()  # id() of the items that long queries hold
        self._waiting: dict[str, deque[_Waiter]] = {}
        self._order = itertools.count()

    def running(self, client: str) -> int:
        return self._running[client]

    @property
    def long_running(self) -> int:
        return len(self._long)

    def _room(self, long: bool) -> bool:
        return not long or self.long_limit is None or len(self._long) < self.long_limit

    async def acquire(self, client: str, cost: float = 0.0) -> T:
        """An item for `client`, once one is idle, the client is under its share and (for a query
        expected to cost `cost` seconds, LONG or more) the long queries are under theirs; Busy at
        once when it would have to queue and its queue is full."""
        long = cost >= LONG
        waiting = self._waiting.get(client)
        if self._idle and self._running[client] < self.per_client and not waiting and self._room(long):
            return self._grant(client, long, self._idle.popleft())  # whoever waits now cannot have it
        if len(waiting or ()) >= self.queue:
            raise Busy(self._running[client], len(waiting or ()))
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        entry = _Waiter(next(self._order), future, long, magnitude(cost), time.monotonic())
        self._waiting.setdefault(client, deque()).append(entry)
        try:
            return await future
        except BaseException:  # timed out or cancelled: leave the queue, give back what came too late
            if future.done() and not future.cancelled():
                self.release(future.result(), client)
            else:
                queue = self._waiting.get(client)
                if queue is not None and entry in queue:
                    queue.remove(entry)
                    if not queue:
                        del self._waiting[client]
            raise

    def _grant(self, client: str, long: bool, item: T) -> T:
        self._running[client] += 1
        if long:
            self._long.add(id(item))
        return item

    def release(self, item: T, client: str | None = None) -> None:
        """Give `item` back (from `client`, or a new one when None) and hand it to whoever is next."""
        if client is not None:
            self.forget(client, item)
        self._idle.append(item)
        self._dispatch()

    def forget(self, client: str, item: T | None = None) -> None:
        """`client` no longer holds `item` (it was killed; a replacement comes by release)."""
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        if item is not None:
            self._long.discard(id(item))
        self._dispatch()

    def _rank(self, client: str, now: float) -> tuple[int, int, int]:
        head = self._waiting[client][0]
        rank = 0 if now - head.since >= self.patience else head.magnitude
        return self._running[client], rank, head.order

    def _dispatch(self) -> None:
        now = time.monotonic()
        while self._idle:
            eligible = [
                c for c, q in self._waiting.items() if self._running[c] < self.per_client and self._room(q[0].long)
            ]
            if not eligible:
                return
            client = min(eligible, key=lambda c: self._rank(c, now))
            queue = self._waiting[client]
            entry = queue.popleft()
            if not queue:
                del self._waiting[client]
            if entry.future.done():  # cancelled meanwhile
                continue
            entry.future.set_result(self._grant(client, entry.long, self._idle.popleft()))
