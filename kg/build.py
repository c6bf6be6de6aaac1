"""`build`: every article of a folder → the graph, its validation report and the tidy table.

All outputs are written atomically after everything succeeded, so a failed build never leaves a
half-written graph beside a report of another one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg import article, atomic, export, pipeline, rdf, table, validate
from kg.facts import STATED
from kg.store import TRIG, TURTLE


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
            f"wrote {self.out / TRIG}, {self.out / TURTLE}, {self.out / 'validation.txt'}, {self.out / 'facts.csv'}"
        )


def build(folder: Path, out: Path) -> Summary:
    paths = article.seed_files(folder)
    corpus = pipeline.read(paths)
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
    for name, text in outputs.items():
        atomic.write_text(out / name, text)
    return summary
