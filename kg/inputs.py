"""Reading what users hand the command line, so that a hostile file costs one line, not a crash.

Every file is read with a size bound before anything parses it (`/dev/zero` is refused after its
first megabytes, not after memory runs out), decoded strictly, and checked against a typed schema
(pydantic) whose errors become one line "FILE: field: problem".
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kg.errors import InputError

MAX_TOML_BYTES = 1024 * 1024  # a metadata or curation file is a few hundred bytes
MAX_QUERY_BYTES = 1024 * 1024

M = TypeVar("M", bound=BaseModel)


class FileError(InputError, ValueError):
    """A file the user gave that cannot be read or does not fit its schema; the message names it."""


def read_bytes(path: Path, limit: int, what: str = "this file") -> bytes:
    """At most `limit` bytes of `path`: a larger file (or a device that never ends) is refused
    after reading one byte more than the limit, never read whole."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except IsADirectoryError:
        raise FileError(f"{path}: a folder, not a file") from None
    except OSError as e:
        raise FileError(f"{path}: cannot read ({e.strerror})") from None
    if len(data) > limit:
        raise FileError(f"{path}: more than {limit:,} bytes is too large for {what}")
    return data


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (a BOM is dropped), refusing binary files with the position of the first bad byte."""
    nul = raw.find(b"\x00")
    if nul != -1:
        raise FileError(f"{path}: binary file (NUL byte at position {nul})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FileError(f"{path}: not UTF-8 text (invalid byte at position {e.start})") from None


def read_text(path: Path, limit: int, what: str = "this file") -> str:
    return decode(path, read_bytes(path, limit, what))


def read_toml(path: Path, model: type[M]) -> M:
    """A TOML file checked against `model`: syntax errors with their line and column, schema
    errors as "FILE: field: problem"."""
    text = read_text(path, MAX_TOML_BYTES, "a TOML file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise FileError(f"{path}: {e}") from None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise FileError(f"{path}: {describe(e)}") from None


def describe(error: ValidationError) -> str:
    """pydantic's errors in one line: `fact[2].value: Input should be a valid decimal (got 'abc')`."""
    parts = []
    for err in error.errors(include_url=False):
        where = ""
        for key in err["loc"]:
            where += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if where else str(key))
        msg = err["msg"].removeprefix("Value error, ")
        got = err.get("input")
        shown = repr(got)
        if err["type"] != "missing" and isinstance(got, str | int | float | bool) and shown not in msg:
            msg += f" (got {shown if len(shown) <= 40 else shown[:37] + '...'})"
        parts.append(f"{where}: {msg}" if where else msg)
    return one_line("; ".join(parts))


def one_line(text: str) -> str:
    return " ".join(text.split())
