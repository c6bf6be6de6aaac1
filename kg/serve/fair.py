"""Fair shares of a few workers between the clients that want them.

The endpoint has only a couple of query workers, and a query may hold one until the time limit.
Handed out first come, first served, one client's two runaway queries hold every worker while
everyone else waits; so each client (its address, as the server sees it) runs at most `per_client`
queries at once, may queue `queue` more, and is told so (Busy, answered 429) past that. A freed
worker goes to the waiting client running the fewest queries, the longest-waiting first among
equals, so a client that sends many queries does not delay one that sends a few.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter, deque
from typing import Generic, TypeVar

T = TypeVar("T")


class Busy(Exception):
    """The client already runs its share and has its queue full."""

    def __init__(self, running: int, waiting: int) -> None:
        super().__init__(f"{running} running, {waiting} waiting")
        self.running = running
        self.waiting = waiting


class Share(Generic[T]):
    """Idle items (workers) handed out to clients, at most `per_client` held by one at a time."""

    def __init__(self, per_client: int, queue: int) -> None:
        self.per_client = max(1, per_client)
        self.queue = max(0, queue)
        self._idle: deque[T] = deque()
        self._running: Counter[str] = Counter()
        self._waiting: dict[str, deque[tuple[int, asyncio.Future[T]]]] = {}
        self._order = itertools.count()

    def running(self, client: str) -> int:
        return self._running[client]

    async def acquire(self, client: str) -> T:
        """An item for `client`, once one is idle and the client is under its share; Busy at once
        when it would have to queue and its queue is full."""
        waiting = self._waiting.get(client)
        if self._idle and self._running[client] < self.per_client and not waiting:
            self._running[client] += 1
            return self._idle.popleft()
        if len(waiting or ()) >= self.queue:
            raise Busy(self._running[client], len(waiting or ()))
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        entry = (next(self._order), future)
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

    def release(self, item: T, client: str | None = None) -> None:
        """Give `item` back (from `client`, or a new one when None) and hand it to whoever is next."""
        if client is not None:
            self.forget(client)
        self._idle.append(item)
        self._dispatch()

    def forget(self, client: str) -> None:
        """`client` no longer holds the item it had (it was killed; a replacement comes by release)."""
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        self._dispatch()

    def _dispatch(self) -> None:
        while self._idle:
            eligible = [c for c, q in self._waiting.items() if q and self._running[c] < self.per_client]
            if not eligible:
                return
            client = min(eligible, key=lambda c: (self._running[c], self._waiting[c][0][0]))
            queue = self._waiting[client]
            _, future = queue.popleft()
            if not queue:
                del self._waiting[client]
            if future.done():  # cancelled meanwhile
                continue
            self._running[client] += 1
            future.set_result(self._idle.popleft())
