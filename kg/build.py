"""`build`: every article of a folder → the graph, its validation report and the tidy table.

A build is one transaction: every output is rendered first, written into a new folder beside the
build folder, and that folder replaces the old one only when everything was written. A failed
build, or one with no article that could be read, leaves the previous build exactly as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg import article, atomic, pipeline, rdf, table, validate
from kg.errors import InputError
from kg.facts import STATED
from kg.store import STORE, TRIG, TURTLE, export, write_store


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

    def text(self) -> str:
        return (
            f"documents {self.documents}, facts {self.facts} (+{self.derived} derived), triples {self.triples}, "
            f"conforms {'yes' if self.conforms else 'no'} ({self.violations} violations, {self.warnings} warnings)"
            f"{', skipped ' + str(len(self.errors)) if self.errors else ''}\n"
            f"wrote {self.out / TRIG}, {self.out / TURTLE}, {self.out / STORE}/, {self.out / 'validation.txt'}, "
            f"{self.out / 'facts.csv'}"
        )


def build(folder: Path, out: Path) -> Summary:
    atomic.check_replaceable(out)
    paths = article.seed_files(folder)
    if not paths:
        raise NothingToBuild(f"{folder}: no article (*.txt) to build; {out} is left as it was")
    corpus = pipeline.read(paths)
    if not corpus.extractions:
        reasons = (
            corpus.errors[0]
            if len(corpus.errors) == 1
            else f"{len(corpus.errors)} articles skipped: " + "; ".join(corpus.errors)
        )
        raise NothingToBuild(f"{folder}: nothing to build ({out} is left as it was): {reasons}")
    ds = pipeline.dataset(corpus)
    graph = rdf.union(ds)
    validated = validate.in_background(graph)  # the slowest step, beside the serialisations below
    rendered = {TRIG: export.serialize(ds, "trig"), TURTLE: export.serialize(ds, "turtle", graph)}
    report = validated()
    rows = table.from_facts([f for f in corpus.facts if f.status in STATED] + corpus.derived)
    summary = Summary(
        documents=len(corpus.extractions),
        facts=sum(1 for f in corpus.facts if f.status in STATED),
        derived=len(corpus.derived),
        triples=len(graph),
        conforms=report.conforms,
        violations=sum(1 for f in report.findings if f.severity == "Violation"),
        warnings=sum(1 for f in report.findings if f.severity == "Warning"),
        out=out,
        errors=corpus.errors,
    )
    outputs = {  # everything is rendered before anything is written
        **rendered,
        "validation.txt": report.text() + "\n",
        "validation.ttl": report.turtle,
        "facts.csv": table.render(rows, "csv"),
        "summary.json": json.dumps(
            {
                "documents": summary.documents,
                "facts": summary.facts,
                "derived": summary.derived,
                "triples": summary.triples,
                "conforms": summary.conforms,
                "violations": summary.violations,
                "warnings": summary.warnings,
                "skipped": corpus.errors,
            },
            indent=1,
        )
        + "\n",
    }
    with atomic.staged_folder(out) as stage:
        for name, text in outputs.items():
            atomic.write_text(stage / name, text)
        # the store the reading commands open, from the very bytes of the TriG and Turtle written
        write_store(stage, rendered[TRIG].encode("utf-8"), rendered[TURTLE].encode("utf-8"))
    return summary
