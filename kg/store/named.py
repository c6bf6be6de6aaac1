"""The named queries (the files of queries/, `NAME.rq`, each headed by the question it answers),
and the error a query that cannot be found or parsed is reported by.

Apart from kg.store.query, which evaluates and writes answers with pyoxigraph: `pension-kg query
NAME` reads its query's text here while its worker (kg.serve.bounded) opens the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.paths import queries_dir


class QueryError(InputError, ValueError):
    """A query that cannot be parsed or found; the message says where."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    text: str


def named() -> dict[str, NamedQuery]:
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():  # the leading block of '#' lines is the question
            if not line.startswith("#"):
                break
            header.append(line.lstrip("# ").strip())
        question = " ".join(header).strip()
        out[path.stem] = NamedQuery(path.stem, question, text)
    return out


def resolve(ref: str) -> str:
    """A name of queries/, a path to a .rq file, or the query text itself. A name reads its file
    alone, not all of queries/ as `named` does."""
    folder = queries_dir()
    if f"{ref}.rq" in os.listdir(folder):
        return (folder / f"{ref}.rq").read_text(encoding="utf-8")
    path = Path(ref)
    if ref.endswith(".rq") or path.is_file():
        from kg import inputs  # only for a file: it brings pydantic along

        return inputs.read_text(path, inputs.MAX_QUERY_BYTES, "a query")
    raise QueryError(f"no named query {ref!r}; try `pension-kg query --list`")
