"""Load on `pension-kg serve` over loopback: concurrent clients sending the named queries.

Starts the server on a free 127.0.0.1 port (or uses --url), sends a bounded number of requests
from concurrent clients, checks every answer against the answer computed in-process, and prints
throughput and p50/p99 latency. It stops by itself: a fixed number of requests and a wall-clock cap.

Usage: python benchmarks/serve_load.py [--clients 50] [--requests 2000] [--out build] [--url URL] [--exclude NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from kg import store
from kg.serve.process import serve
from kg.store import query as kgquery

JSON = "application/sparql-results+json"


@dataclass
class Report:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    by_name: dict[str, list[float]] = field(default_factory=dict)  # the latencies of each query

    def percentile_of(self, names: list[str], p: float) -> float:
        """The latency percentile `p` of the requests for the queries `names` only."""
        return Report(latencies=[t for n in names for t in self.by_name.get(n, [])]).percentile(p)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0

    def text(self) -> str:
        return (
            f"{self.requests} requests, {len(self.errors)} errors, {len(self.wrong)} wrong answers in "
            f"{self.seconds:.2f} s ({self.requests / max(self.seconds, 1e-9):.0f} req/s); latency p50 "
            f"{self.percentile(50) * 1000:.1f} ms, p99 {self.percentile(99) * 1000:.1f} ms, mean "
            f"{statistics.fmean(self.latencies or [0]) * 1000:.1f} ms"
        )


def plain_rows(data: dict) -> list[tuple]:
    """SPARQL JSON results as a sorted list of rows of plain strings (ASK: [(bool,)])."""
    if "boolean" in data:
        return [(data["boolean"],)]
    names = data["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value") for v in names) for b in data["results"]["bindings"])


def expected_answers(out: Path, exclude: list[str] | None = None) -> dict[str, tuple[str, list[tuple]]]:
    """Each named SELECT/ASK query's text and its in-process answer, as `pension-kg query` computes it."""
    graph = store.load_graph(out)
    answers = {}
    for name, q in kgquery.named().items():
        if name in (exclude or []):
            continue
        result = kgquery.run(graph, q.text)
        if result.type in ("SELECT", "ASK"):
            answers[name] = (q.text, plain_rows(json.loads(kgquery.serialize(result, "json"))))
    return answers


class Connection:
    """A minimal keep-alive HTTP/1.1 client on asyncio streams: a general client (httpx) spends more
    CPU per request than the server does, and on two cores it would measure itself."""

    def __init__(self, base: str, client: str = "") -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        # each simulated user is its own client, as a proxy in front would name it: the server gives
        # each client address a fair share of the workers (kg.serve.fair), not all 50 one share
        self.forwarded = f"X-Forwarded-For: {client}\r\n" if client else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str, accept: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {accept}\r\n{self.forwarded}\r\n"
        self.writer.write(head.encode("latin-1"))
        try:
            lines = (await self.reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
            status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(b":") for x in lines[1:] if x)}
            if headers.get(b"transfer-encoding", b"").lower() == b"chunked":  # as the Oxigraph server answers
                body = await self._chunked()
            else:
                body = await self.reader.readexactly(int(headers[b"content-length"]))
        except (asyncio.IncompleteReadError, ConnectionError, KeyError, ValueError):
            await self.close()
            raise
        if any(x.lower() == b"connection: close" for x in lines):
            await self.close()
        return status, body

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await self.reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                return b"".join(parts)
            parts.append(chunk[:-2])

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def load(
    base: str,
    answers: dict[str, tuple[str, list[tuple]]],
    clients: int,
    requests: int,
    cap_seconds: float = 300.0,
    path: str = "/sparql",
) -> Report:
    """`requests` GETs of the queries from `clients` concurrent clients to `base` + `path` (an Oxigraph
    server answers at /query), every answer checked."""
    report = Report()
    names = sorted(answers)
    targets = {name: f"{path}?" + urlencode({"query": text}) for name, (text, _) in answers.items()}
    counter = iter(range(requests))
    deadline = time.monotonic() + cap_seconds
    checked: dict[tuple[str, bytes], bool] = {}

    async def client(n: int) -> None:
        conn = Connection(base, f"10.{n // 250}.{n % 250}.1")
        for i in counter:
            if time.monotonic() > deadline:
                report.errors.append("stopped at the wall-clock cap")
                break
            name = names[i % len(names)]
            t = time.perf_counter()
            try:
                status, body = await asyncio.wait_for(conn.get(targets[name], JSON), 60)
            except (OSError, asyncio.IncompleteReadError, KeyError, ValueError, TimeoutError) as e:
                report.errors.append(f"{name}: {type(e).__name__}: {e}")
                await conn.close()  # its answer may still come: the next request must not read it
                continue
            report.latencies.append(time.perf_counter() - t)
            report.by_name.setdefault(name, []).append(report.latencies[-1])
            report.requests += 1
            if status != 200:
                report.errors.append(f"{name}: {status} {body[:200]!r}")
                continue
            key = (name, body)  # the same bytes get the same verdict: parse each distinct body once
            if key not in checked:
                checked[key] = plain_rows(json.loads(body)) == answers[name][1]
            if not checked[key]:
                report.wrong.append(name)
        await conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--out", type=Path, default=Path("build"), help="folder of the built graph")
    p.add_argument("--url", help="an already running server (default: start one over --out)")
    p.add_argument("--workers", type=int, default=8, help="query worker processes (default: 8, as serve's)")
    p.add_argument("--exclude", action="append", metavar="NAME", help="leave out this named query (repeatable)")
    p.add_argument("--no-cache", action="store_true", help="start the server with --no-cache (measure the engine)")
    p.add_argument("--cold", action="store_true", help="measure from the first request (no warm-up round)")
    args = p.parse_args(argv)
    answers = expected_answers(args.out, args.exclude)
    print(f"{len(answers)} named queries; {args.clients} clients, {args.requests} requests", file=sys.stderr)
    extra = ["--no-cache"] if args.no_cache else []
    with contextlib.ExitStack() as stack:
        base = (
            args.url.rstrip("/")
            if args.url
            else stack.enter_context(serve("--out", str(args.out), "--workers", str(args.workers), *extra))
        )
        if not args.cold:  # every query a few times, so each worker has met each: what a running server sees
            warm = asyncio.run(load(base, answers, min(args.clients, 8), 4 * args.workers * len(answers)))
            print("warm-up:  " + warm.text())
        report = asyncio.run(load(base, answers, args.clients, args.requests))
    print("measured: " + report.text())
    for line in (report.errors + report.wrong)[:10]:
        print("  " + line)
    return 0 if not report.errors and not report.wrong else 1


if __name__ == "__main__":
    sys.exit(main())
