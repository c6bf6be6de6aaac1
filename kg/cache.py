"""The build's cache: what an unchanged article, or an unchanged graph, would cost to compute again.

A rebuild after one article changed should cost that article, not the corpus. The cache lives in
the build folder (`cache/`) and moves with it: a build reads the previous build's cache and writes
the entries it used into its staged folder, so the cache never outlives the build it belongs to
and a failed build leaves the old one as it was.

An entry is keyed by the SHA-256 of everything its value depends on: for an article's extraction,
the bytes of its text, metadata and curation file, of every ontology file (the extractor's
vocabulary), and of the package's own source (a changed rule must not be served stale); for a
validation outcome, the extraction keys of every article. A key that matches gives exactly what
computing would, so an incremental build writes byte-identical files to one from scratch.

Two entries describe the build they belong to instead, under a key of the ontology and code alone:
the validation's record (kg.validate_scoped) and the digests of the store's named graphs
(kg.files). The next build reads them (`keep=False`) to find what changed since, and computes what
the change reaches; neither is ever taken as the answer for its own inputs.

Entries are pickles, read only from the build folder being replaced (which the build refuses unless
it is a build); a file that does not unpickle is ignored and recomputed.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from kg import atomic
from kg.paths import ontology_dir

FOLDER = "cache"
_VERSION = b"pension-kg cache 1\n"


@cache
def environment() -> bytes:
    """The hash of what every entry depends on besides its own input: the ontology and the code."""
    h = hashlib.sha256(_VERSION)
    package = Path(__file__).resolve().parent
    files = sorted(ontology_dir().rglob("*.ttl")) + sorted(package.rglob("*.py"))
    for path in files:
        h.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def key(*parts: bytes) -> str:
    h = hashlib.sha256(environment())
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def file_bytes(path: Path, limit: int = 5 * 1024 * 1024) -> bytes | None:
    """A file's digest, or a marker that it is absent (an absent curation file is part of the key);
    None for a file over `limit` or unreadable, which is not cached (loading it reports why)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        return b"0"
    except OSError:
        return None
    return None if len(data) > limit else b"1" + hashlib.sha256(data).digest()


class Cache:
    """Entries read from the previous build (`old`), and the ones this build keeps (`kept`)."""

    def __init__(self, previous: Path | None) -> None:
        self.old = previous / FOLDER if previous is not None else None
        self.kept: dict[str, bytes] = {}
        self.hits = 0
        self.misses = 0

    def get(self, k: str, keep: bool = True) -> Any | None:
        """The entry under `k`, or None; kept for the next build unless `keep` is false (an entry
        read for what it said before, such as a changed article's old extraction)."""
        data = None
        if self.old is not None:
            path = self.old / f"{k}.pickle"
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
        if data is not None:
            try:
                value = pickle.loads(data)
            except Exception:  # a truncated or foreign file: recompute
                value = None
            if value is not None:
                self.hits += 1
                if keep:
                    self.kept[k] = data
                return value
        self.misses += 1
        return None

    def put(self, k: str, value: Any) -> None:
        self.kept[k] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def write(self, stage: Path) -> None:
        """The entries this build used, into the staged build folder."""
        for k, data in sorted(self.kept.items()):
            atomic.write_bytes(stage / FOLDER / f"{k}.pickle", data, stage)
