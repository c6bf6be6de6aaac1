"""Reading what users hand the command line, so that a hostile file costs one line, not a crash.

Every file is read with a size bound before anything parses it (`/dev/zero` is refused after its
first megabytes, not after memory runs out), decoded strictly, and checked against a typed schema
(pydantic) whose errors become one line "FILE: field: problem". RDF files are parsed without
fetching anything: a JSON-LD `@context` by reference and XML entity declarations (the "billion
laughs") are refused before rdflib sees the file.
"""

from __future__ import annotations

import json
import tomllib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from kg.errors import InputError

if TYPE_CHECKING:
    from rdflib import Dataset

MAX_TOML_BYTES = 1024 * 1024  # a metadata or curation file is a few hundred bytes
MAX_QUERY_BYTES = 1024 * 1024
MAX_RDF_BYTES = 64 * 1024 * 1024  # a hundred times the bundled build; bounds the memory a parse may take

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


RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".nq": "nquads",
}


def load_rdf(path: Path) -> Dataset:
    """An RDF file of the user's, parsed within bounds and without a request leaving the machine."""
    from rdflib import Dataset

    fmt = RDF_FORMATS.get(path.suffix.lower(), "turtle")
    raw = read_bytes(path, MAX_RDF_BYTES, "an RDF file")
    if fmt == "json-ld":
        _refuse_context_references(path, raw)
    elif fmt == "xml":
        _refuse_entities(path, raw)
    ds = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib warns of a literal it cannot read; validate reports it in a line
            warnings.simplefilter("ignore", UserWarning)
            ds.parse(data=raw, format=fmt, publicID=path.resolve().as_uri())
    except RecursionError:
        raise FileError(f"{path}: nested too deeply to parse") from None
    except Exception as e:  # each rdflib parser has its own error types; all say where
        raise FileError(f"{path}: cannot parse as {fmt}: {one_line(str(e))}") from None
    return ds


def _refuse_context_references(path: Path, raw: bytes) -> None:
    """rdflib fetches a JSON-LD context given by reference (a URL or a file name, in `@context` or
    `@import`, at any depth). Those are refused: a context must be inline."""
    try:
        doc = json.loads(decode(path, raw))
    except json.JSONDecodeError as e:
        raise FileError(f"{path}: line {e.lineno}, column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise FileError(f"{path}: nested too deeply to parse") from None
    stack = [doc]
    while stack:  # iterative: a deeply nested document must not hide a reference
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            raise FileError(
                                f"{path}: {key} {ref!r} is a reference to another document, which is never "
                                "fetched; put the context inline"
                            )
                stack.append(value)


class _Refused(Exception):
    pass


def _refuse_entities(path: Path, raw: bytes) -> None:
    """XML entity declarations are refused before parsing: nested ones expand exponentially (a 1 KB
    file to gigabytes) and external ones read files or fetch URLs. RDF/XML never needs them."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()

    def entity(name: str, *_args: object) -> None:
        raise _Refused(f"entity declaration <!ENTITY {name}> (entities can expand without bound; RDF/XML needs none)")

    def doctype(name: str, system_id: str | None, public_id: str | None, _internal: int) -> None:
        if system_id or public_id:
            raise _Refused(f"external DTD {system_id or public_id!r} (never fetched)")

    parser.EntityDeclHandler = entity
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(raw, True)
    except _Refused as e:
        raise FileError(f"{path}: line {parser.CurrentLineNumber}: refused {e}") from None
    except xml.parsers.expat.ExpatError as e:
        raise FileError(f"{path}: not well-formed XML: {e}") from None
