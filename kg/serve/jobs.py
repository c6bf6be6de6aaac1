"""What a query worker is asked (a Job) and what it gives back (an Answer), apart from the worker.

The process that hands a worker its job and reads the answer (the endpoint, or `pension-kg query`)
needs these two classes alone; the worker's own modules (the guard, the formats, the evaluation)
load in the worker, so the command line does not import them too, nor tear them down at its exit.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    output: str | None = None  # exactly this format, no negotiation (the command line's --format; "table" too)
    origin: str = "serve"  # who set the limits, for the messages: "serve" or "query"


@dataclass(frozen=True)
class Answer:
    """What to send back: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    retire: bool = False  # the worker that gave it should be replaced (it hit its memory limit)
    cpu: float = 0.0  # the worker's CPU seconds for it: what the pool expects the same text to cost next time

    @staticmethod
    def error(status: int, message: str) -> Answer:
        return Answer(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))
