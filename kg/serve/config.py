"""The endpoint's settings, apart from the web framework so that the command line can show their
defaults without importing it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.serve.describe import Limits


@dataclass(frozen=True)
class Config:
    out: Path = Path("build")
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000
    workers: int = 8  # more than cores: a short query runs beside the long ones instead of after them
    backend: str | None = None
    cache: bool = True
    max_memory: int | None = 2048  # MB each worker may grow by (8 workers: 16 GB at most together)
    # what a slow or greedy client may hold (kg.serve.connections, kg.serve.fair):
    header_timeout: float = 5.0  # seconds for a request head (and for the next one on a kept-alive connection)
    body_timeout: float = 10.0  # seconds for a request body
    max_pending: int = 512  # connections waiting for their request head; past this the oldest is dropped
    max_requests: int = 256  # requests handled at once; past this, 503 and Retry-After
    client_workers: int | None = None  # query workers one client may hold at once (None: all but one)
    client_queue: int = 8  # queries one client may have waiting for a worker; past this, 429
    trusted_proxies: str = "127.0.0.1"  # whose X-Forwarded-For names the client (uvicorn's forwarded_allow_ips)

    @property
    def limits(self) -> Limits:
        from kg.serve.describe import Limits

        return Limits(self.timeout, self.max_rows, self.max_body, self.backend)
