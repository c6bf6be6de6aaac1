"""The build's files and store, made beside the rest of the build: the TriG, the Turtle, the Oxigraph
store and the tidy tables read out of it.

They need the graph's quads and no lookup in it, so they are made from `kg.rdf.build_quads`, the
quads as the graph is built, without rdflib's store, in a process of their own: a new interpreter
(`python -m kg.files`), not a fork, since it opens an Oxigraph store, and a forked child of a process
that has opened one before can hang opening its own (RocksDB's locks are copied as they were). It
gets the extractions pickled (9 MB at 1,000 articles), and starts as soon as they are made, while
the build makes the rdflib graph that the validation needs: until the validation starts, that took
one core and left the other idle (at 1,000 articles, 11 s of the build). A build of few articles
makes its files in place, after the validation has started.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import forked, rdf, table
from kg.extract.lexicon import load
from kg.store import STORE, TRIG, TURTLE, added_quads, export, fill_store, graph_digests, union, update_store

IN_PLACE = 16  # fewer articles than this are written in the build's own process: a new one costs more


@dataclass
class Written:
    texts: dict[str, str]  # the TriG and the Turtle, by file name
    tables: dict[str, list[table.Row]]  # the tidy tables, by file name
    triples: int  # in the union of the named graphs
    graphs: dict[str, str]  # a digest of each named graph (kg.store.graph_digests), for the next build


def _make(
    extractions: list, derived: list, stage: Path, previous: Path | None, before: dict[str, str] | None
) -> Written:
    named = added_quads(rdf.build_quads(extractions, derived, load()))
    merged = union(named)
    texts = {TRIG: export.trig(named), TURTLE: export.turtle(merged)}
    graphs = graph_digests(named)
    # the store the reading commands open, of the very terms the TriG and Turtle were written from:
    # the previous build's, where only the graphs that differ are written again, when there is one
    store = None
    if previous is not None and before is not None:
        changed = {g for g in set(before) | set(graphs) if before.get(g) != graphs.get(g)}
        try:
            store = update_store(stage, previous, named, changed)
        except Exception:  # no store there, or not one to read: made anew  # noqa: BLE001
            shutil.rmtree(stage / STORE, ignore_errors=True)
    if store is None:
        store = fill_store(stage, named, merged)
    # the tables are read out of the store, as `facts` would from the files: what they list, it holds
    tables = {table.STATISTICS.file: table.statistics(store), table.EVENTS.file: table.events(store)}
    del store  # closes the database, so the folder can be renamed into place
    return Written(texts, tables, len(merged), graphs)


@contextmanager
def started(
    corpus: Any, stage: Path, previous: Path | None = None, before: dict[str, str] | None = None
) -> Iterator[Callable[[], Written]]:
    """Start making the files of `corpus` (a kg.pipeline.Corpus) and its store in `stage`, in a process
    of their own when there are enough articles; yields a function that waits for them (or makes
    them, in place). The store is made from the store of the build in `previous` when the digests
    of its graphs (`before`) are given. Should the block raise, that process is stopped."""
    args = (corpus.extractions, corpus.derived, stage, previous, before)
    if forked.workers() == 1 or len(corpus.extractions) < IN_PLACE:
        yield lambda: _make(*args)
        return
    # a new interpreter running this module, not a fork (see the module) nor multiprocessing's spawn,
    # which runs the calling script's own top level again in the child
    errors = tempfile.TemporaryFile()  # not a pipe: one the child filled would stop it, unread
    child = subprocess.Popen(
        [sys.executable, "-m", "kg.files"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
    )
    data = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
    feeder = threading.Thread(target=_feed, args=(child, data), daemon=True)
    feeder.start()

    def wait() -> Written:
        out = child.stdout.read()  # type: ignore[union-attr]
        if child.wait() != 0:
            errors.seek(0)
            err = errors.read().decode("utf-8", "replace").strip()
            last = err.splitlines()[-1] if err else f"exit status {child.returncode}"
            raise RuntimeError(f"making the build's files failed: {last}")
        return pickle.loads(out)  # noqa: S301  (our own child's answer)

    try:
        yield wait
    finally:
        feeder.join(timeout=1)
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()  # type: ignore[union-attr]
        errors.close()


def _feed(child: subprocess.Popen, data: bytes) -> None:
    try:
        child.stdin.write(data)  # type: ignore[union-attr]
        child.stdin.close()  # type: ignore[union-attr]
    except (BrokenPipeError, OSError):  # the child was stopped
        pass


def _child() -> None:
    """`python -m kg.files`: the pickled arguments of `_make` on stdin, the pickled Written on stdout."""
    args = pickle.load(sys.stdin.buffer)  # noqa: S301  (our own parent's)
    written = _make(*args)
    sys.stdout.buffer.write(pickle.dumps(written, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":  # run as kg.files, so that what it pickles is kg.files's, not __main__'s
    from kg.files import _child as child

    child()
