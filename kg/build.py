"""`build`: every article of a folder → the graph, its validation report and the tidy tables.

A build is one transaction: every output is rendered first, written into a new folder beside the
build folder, and that folder replaces the old one only when everything was written. A failed
build, or one with no article that could be read, leaves the previous build exactly as it was.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg import atomic, files, pipeline, rdf, table, validate_scoped
from kg.cache import Cache
from kg.cache import key as cache_key
from kg.errors import InputError
from kg.extract import article
from kg.extract.facts import STATED
from kg.store import STORE, TRIG, TURTLE


class NothingToBuild(InputError, ValueError):
    """No article of the folder could be read: the old build is worth more than an empty graph."""


@dataclass
class Summary:
    documents: int
    facts: int
    derived: int
    triples: int
    conforms: bool
    violations: int
    warnings: int
    out: Path
    errors: list[str] = field(default_factory=list)
    reused: int = 0  # extractions taken from the previous build's cache
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step, for benchmarks/scale.py

    def text(self) -> str:
        return (
            f"documents {self.documents}, facts {self.facts} (+{self.derived} derived), triples {self.triples}, "
            f"conforms {'yes' if self.conforms else 'no'} ({self.violations} violations, {self.warnings} warnings)"
            f"{', skipped ' + str(len(self.errors)) if self.errors else ''}"
            f"{f', reused {self.reused} unchanged' if self.reused else ''}\n"
            f"wrote {self.out / TRIG}, {self.out / TURTLE}, {self.out / STORE}/, {self.out / 'validation.txt'}, "
            + ", ".join(str(self.out / t.file) for t in table.TABLES)
        )


def build(folder: Path, out: Path, incremental: bool = True) -> Summary:
    """Build the graph of `folder` into `out`. With `incremental`, what the previous build in `out`
    already computed for unchanged inputs (extractions, the validation) is reused (kg.cache)."""
    target = atomic.check_replaceable(out)
    paths = article.seed_files(folder)
    if not paths:
        raise NothingToBuild(f"{folder}: no article (*.txt) to build; {out} is left as it was")
    cache = Cache(target if incremental and target.is_dir() else None)
    with _progress(len(paths) + 3) as step:
        summary = _build(paths, folder, out, cache, step)
    return summary


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr that shows only after a second, and only on a terminal; yields a
    function to call once per step with what comes next."""
    if not sys.stderr.isatty():

        def quiet(what: str = "") -> None:
            pass

        yield quiet
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="build", unit="step", delay=1.0, leave=False, file=sys.stderr) as bar:

        def step(what: str = "") -> None:
            if what:
                bar.set_description(what, refresh=False)
            bar.update(1)

        yield step


def _build(paths: list[Path], folder: Path, out: Path, cache: Cache, step: Callable[[str], None]) -> Summary:
    clock = _Clock()
    corpus = pipeline.read(paths, cache=cache, progress=lambda: step("extract"))
    clock("extract")
    if not corpus.extractions:
        reasons = (
            corpus.errors[0]
            if len(corpus.errors) == 1
            else f"{len(corpus.errors)} articles skipped: " + "; ".join(corpus.errors)
        )
        raise NothingToBuild(f"{folder}: nothing to build ({out} is left as it was): {reasons}")
    # the files, the store and the tables are made beside the graph that the validation needs (kg.files),
    # the store from the previous build's when the digests of its graphs are in the cache
    graphs_key = cache_key(b"store graphs")
    before = cache.get(graphs_key, keep=False)
    previous = cache.old.parent if cache.old is not None and isinstance(before, dict) else None
    with (
        atomic.staged_folder(out) as stage,
        files.started(corpus, stage, previous, before if previous is not None else None) as written,
    ):
        ds = pipeline.dataset(corpus)
        graph = rdf.union_view(ds)
        clock("graph")
        step("validate")
        # the graph is a function of the extractions' inputs, so their keys are the whole graph's key;
        # an article's own shapes are keyed by its graph's content (kg.validate)
        whole_key = cache_key(b"validate", *(k.encode() for k in corpus.keys))
        cacheable = len(corpus.keys) == len(corpus.extractions)
        # the named graphs are checked too (SHACL sees only their union)
        validated = validate_scoped.in_background(
            ds,
            graph,
            cache=cache,
            whole_key=whole_key if cacheable else None,
            articles={ex.article.stem: (corpus.key_of[ex.article.stem], ex) for ex in corpus.extractions}
            if cacheable
            else None,
        )
        clock("validate (start)")
        made = written()
        cache.put(graphs_key, made.graphs)
        clock("files and store")
        report = validated()
        clock("validate (wait)")
        step("write")
        summary = _summary(corpus, made.triples, report, out)
        _write(stage, made.texts, made.tables, report, summary, corpus.errors)
        cache.write(stage)
    clock("write")
    summary.phases = clock.phases
    step("done")
    return summary


def _summary(corpus: pipeline.Corpus, triples: int, report: validate_scoped.Outcome, out: Path) -> Summary:
    return Summary(
        documents=len(corpus.extractions),
        facts=sum(1 for f in corpus.facts if f.status in STATED),
        derived=len(corpus.derived),
        triples=triples,
        conforms=report.conforms,
        violations=sum(1 for f in report.findings if f.severity == "Violation"),
        warnings=sum(1 for f in report.findings if f.severity == "Warning"),
        out=out,
        errors=corpus.errors,
        reused=corpus.reused,
    )


def _write(
    stage: Path,
    rendered: dict[str, str],
    tables: dict[str, list[table.Row]],
    report: validate_scoped.Outcome,
    summary: Summary,
    errors: list[str],
) -> None:
    outputs = {  # everything is rendered before anything is written
        **rendered,
        "validation.txt": report.text() + "\n",
        "validation.ttl": report.turtle,
        **{t.file: table.render(tables[t.file], "csv", t.columns) for t in table.TABLES},
        "summary.json": json.dumps(
            {
                "documents": summary.documents,
                "facts": summary.facts,
                "derived": summary.derived,
                "triples": summary.triples,
                "conforms": summary.conforms,
                "violations": summary.violations,
                "warnings": summary.warnings,
                "skipped": errors,
            },
            indent=1,
        )
        + "\n",
    }
    for name, text in outputs.items():
        atomic.write_text(stage / name, text)


class _Clock:
    """Wall seconds from one call to the next, by the name of the step that just ended."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self.last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = now - self.last
        self.last = now
