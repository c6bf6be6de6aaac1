"""Bounds at the connection level, where a slow client costs something before any route runs.

uvicorn's own bound (limit_concurrency) counts open connections, and it has no timeout for a
request head still arriving: 300 connections trickling their headers a byte at a time held the
count past its limit and every other client got 503 for as long as they kept trickling
(slowloris). Here instead:

- a connection has `header_timeout` seconds for each request head (and to send its next request on
  a kept-alive connection); past that it is answered 408 and closed;
- at most `max_pending` connections may be waiting for their request head; a new one beyond that
  drops the one that has waited longest, so slow clients can never keep a new one out (a real
  client sends its head within a round trip and is never the oldest for long);
- at most `max_requests` requests are handled at once (RequestLimit); past that, 503 with
  Retry-After. A connection still sending its head is no request and does not count.

The request body has its own time limit, in the route that reads it (kg.serve.app).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class Gate:
    """The connections waiting for a request head, oldest first, shared by all of them."""

    def __init__(self, header_timeout: float, max_pending: int) -> None:
        self.header_timeout = header_timeout
        self.max_pending = max(1, max_pending)
        self.pending: OrderedDict[GuardedH11Protocol, asyncio.TimerHandle] = OrderedDict()
        self.timed_out = 0
        self.dropped = 0

    def wait(self, conn: GuardedH11Protocol) -> None:
        """`conn` now waits for a request head: start its clock; drop the longest waiter if too many."""
        self.done(conn)
        self.pending[conn] = conn.loop.call_later(self.header_timeout, self._expire, conn)
        while len(self.pending) > self.max_pending:
            oldest, timer = self.pending.popitem(last=False)
            timer.cancel()
            self.dropped += 1
            oldest.transport.close()

    def done(self, conn: GuardedH11Protocol) -> None:
        timer = self.pending.pop(conn, None)
        if timer is not None:
            timer.cancel()

    def _expire(self, conn: GuardedH11Protocol) -> None:
        self.pending.pop(conn, None)
        self.timed_out += 1
        conn.head_timed_out(self.header_timeout)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with a time limit on each request head (see the module)."""

    gate: Gate  # set on the subclass that protocol_class makes

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.partial = False
        self.gate.wait(self)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            self.partial = self.partial or bool(data)
        elif self.cycle is not None and not self.cycle.response_complete:
            self.partial = False
            self.gate.done(self)  # a whole head came: the request is the app's now

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self.gate.wait(self)  # the next request's head has the same time limit

    def connection_lost(self, exc: Exception | None) -> None:
        self.gate.done(self)
        super().connection_lost(exc)

    def head_timed_out(self, seconds: float) -> None:
        """Close a connection that sent no whole request head in time; say why if it had begun one
        (an idle kept-alive connection is closed without a word, as HTTP expects)."""
        if self.transport.is_closing():
            return
        if self.partial:
            body = f"the request head did not arrive within this endpoint's {seconds:g} s limit\n".encode()
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
        self.transport.close()


def protocol_class(gate: Gate) -> type[GuardedH11Protocol]:
    """A protocol class for uvicorn.Config(http=...), its connections sharing `gate`."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"gate": gate})


class RequestLimit:
    """ASGI middleware: at most `max_requests` HTTP requests in the app at once; 503 past that."""

    def __init__(self, app: Any, max_requests: int) -> None:
        self.app = app
        self.max_requests = max(1, max_requests)
        self.active = 0

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.active >= self.max_requests:
            body = f"this endpoint is handling its limit of {self.max_requests} requests; try again shortly\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"retry-after", b"1"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body.encode()})
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
