"""`evaluate`: extract a folder of gold-annotated articles and score it with the shared scorer.

The scorer is the project-independent `score_facts.py` (by default the one beside the corpus,
`../tools/score_facts.py`), so the figures are the ones the extractor is judged by.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
from pathlib import Path

from kg import article, atomic, extract
from kg.errors import InputError
from kg.facts import COLUMNS, STATED, UNPLACED, Fact

# The bar a release must meet on the development corpus (issue 8); `evaluate` exits 1 below it.
BAR = {"value_recall": 0.95, "fact_precision": 0.95, "fact_recall": 0.88, "event_recall": 0.80}


class EvaluationError(InputError, ValueError):
    """Missing scorer or dates; the message says which file."""


def predict(folder: Path, out: Path) -> int:
    dates_file = folder / "published.csv"
    dates: dict[str, dt.date] = {}
    if dates_file.exists():
        with open(dates_file, encoding="utf-8") as fh:
            dates = {r["id"]: dt.date.fromisoformat(r["published"]) for r in csv.DictReader(fh)}
    n = 0
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    for path in article.seed_files(folder):
        ex = extract.extract(article.load(path, dates.get(path.stem)))
        rows = [_scored(f) for f in ex.facts if f.status in STATED | UNPLACED]
        w.writerows(rows)
        n += len(rows)
    atomic.write_text(out, buf.getvalue())  # the one writer: no half-written table, no write through a link
    return n


def _scored(f: Fact) -> dict[str, str]:
    """A fact as the scorer reads it: a figure kept for review (ambiguous or unclassified) claims no
    indicator, so the scorer counts it for the values only."""
    row = f.row()
    if f.status in UNPLACED:
        row["indicator"] = row["scheme"] = ""
    return row


def score(predictions: Path, gold: Path, scorer: Path) -> dict:
    if not scorer.is_file():
        raise EvaluationError(f"{scorer}: no scorer there; give --scorer PATH/score_facts.py")
    spec = importlib.util.spec_from_file_location("score_facts", scorer)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    vocab = scorer.parent.parent / "vocab"
    result = module.score(predictions, gold, vocab if vocab.is_dir() else None)
    result.pop("_misses", None)
    result.pop("_wrong", None)
    return result


def below_bar(result: dict, bar: dict[str, float] = BAR) -> list[str]:
    return [f"{k} {result[k]:.3f} < {v}" for k, v in bar.items() if result[k] < v]
