"""Many articles → one graph: extraction per document, isolation of bad input, derivation.

A document that cannot be read or dated is reported by name and reason and left out; the others
still build, so one broken file never costs the whole graph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg import cache as kg_cache
from kg import derive, forked, rdf
from kg.cache import Cache
from kg.extract import Extraction, curation, extract
from kg.extract import article as A
from kg.extract.facts import Fact
from kg.extract.lexicon import Lexicon, load
from kg.inputs import FileError


@dataclass
class Corpus:
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    derived: list[Fact] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # the cache keys of the extractions, when cached
    key_of: dict[str, str] = field(default_factory=dict)  # the same, by article (stem)
    reused: int = 0  # extractions taken from the cache

    @property
    def facts(self) -> list[Fact]:
        return [f for ex in self.extractions for f in ex.facts]


def read(
    paths: list[Path],
    published: dt.date | None = None,
    lex: Lexicon | None = None,
    cache: Cache | None = None,
    progress: Callable[[], None] | None = None,
    workers: int | None = None,
) -> Corpus:
    """Extract every article; with a `cache`, an article whose files (and the ontology and code)
    are unchanged is taken from it instead. The others are extracted over `workers` forked processes
    (one per core, by default; in place for a few). `progress` is called once per article."""
    lex = lex or load()
    corpus = Corpus()
    found: list[Extraction | str | None] = []
    keys: list[str | None] = []
    for path in paths:
        k = None
        files = [kg_cache.file_bytes(p) for p in (path, A.meta_path(path), curation.file_of(path))] if cache else []
        if cache is not None and None not in files:
            k = kg_cache.key(b"extract", path.name.encode(), str(published).encode(), *files)  # type: ignore[arg-type]
        hit = cache.get(k) if cache is not None and k is not None else None
        found.append(hit)
        keys.append(k)
        if hit is not None:
            corpus.reused += 1
            if progress:
                progress()
    todo = [i for i, ex in enumerate(found) if ex is None]
    for i, new in zip(todo, _extract_all([paths[i] for i in todo], published, lex, workers, progress), strict=True):
        found[i] = new
        k = keys[i]
        if cache is not None and k is not None and not isinstance(new, str):
            cache.put(k, new)
    for ex, k in zip(found, keys, strict=True):
        if isinstance(ex, str):  # the article, its metadata or its curation file could not be read
            corpus.errors.append(ex)
            continue
        assert ex is not None
        corpus.extractions.append(ex)
        if k is not None:
            corpus.keys.append(k)
            corpus.key_of[ex.article.stem] = k
    corpus.derived = derive.derive(corpus.facts)
    return corpus


_FORKED: dict[str, Any] = {}  # what the forked extractors read: set before the pool forks, never pickled
_IN_PLACE = 16  # fewer articles than this are extracted in this process: a pool costs more


def _extract_one(path: Path) -> Extraction | str:
    try:
        return extract(A.load(path, _FORKED["published"]), _FORKED["lexicon"])
    except FileError as e:
        return str(e)


def _extract_all(
    paths: list[Path],
    published: dt.date | None,
    lex: Lexicon,
    workers: int | None,
    progress: Callable[[], None] | None,
) -> Iterator[Extraction | str]:
    """Each article's extraction, or why it could not be read, in the order of `paths`, over forked
    processes (kg.forked): the lexicon reaches them by inheritance, and only the extractions come
    back, pickled (the form the cache keeps them in)."""
    _FORKED.update({"published": published, "lexicon": lex})
    pool = forked.pool(len(paths), workers, at_least=_IN_PLACE)
    try:
        answers = map(_extract_one, paths) if pool is None else pool.imap(_extract_one, paths, chunksize=4)
        for ex in answers:
            if progress:
                progress()
            yield ex
    finally:
        if pool is not None:
            pool.terminate()
        _FORKED.clear()


def dataset(corpus: Corpus, lex: Lexicon | None = None, with_ontology: bool = True) -> Dataset:
    return rdf.build_dataset(corpus.extractions, corpus.derived, lex or load(), with_ontology)
