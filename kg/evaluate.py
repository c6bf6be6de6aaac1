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

from kg import atomic, extract
from kg.errors import InputError
from kg.extract import article
from kg.extract.facts import COLUMNS, STATED, UNPLACED

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
    w = csv.DictWriter(buf, fieldnames=[*COLUMNS, "construction"])
    w.writeheader()
    for path in article.seed_files(folder):
        ex = extract.extract(article.load(path, dates.get(path.stem)))
        rows = [f.claimed_row() | {"construction": f.construction} for f in ex.facts if f.status in STATED | UNPLACED]
        w.writerows(rows)
        n += len(rows)
    atomic.write_text(out, buf.getvalue())  # the one writer: no half-written table, no write through a link
    return n


def score(predictions: Path, gold: Path, scorer: Path) -> dict:
    if not scorer.is_file():
        raise EvaluationError(f"{scorer}: no scorer there; give --scorer PATH/score_facts.py")
    spec = importlib.util.spec_from_file_location("score_facts", scorer)
    if spec is None or spec.loader is None:
        raise EvaluationError(f"{scorer}: cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    vocab = scorer.parent.parent / "vocab"
    result = module.score(predictions, gold, vocab if vocab.is_dir() else None)
    misses, wrong = result.pop("_misses", []), result.pop("_wrong", [])
    with open(predictions, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    result["by_indicator"] = _breakdown(rows, misses, wrong, gold)
    result["by_construction"] = _by_construction(rows, wrong)
    result["unclassified"] = [r for r in rows if not r["indicator"] and r["period_kind"] != "event"]
    return result


def _first(alternatives: str) -> str:
    return alternatives.split("|")[0].strip()


def _breakdown(rows: list[dict], misses: list, wrong: list, gold: Path) -> dict[str, dict[str, float]]:
    """Precision and recall per indicator: predicted rows that matched, gold rows that were found."""
    stated = [r for r in rows if r["indicator"] and r["period_kind"] != "event"]
    golds = [
        g
        for p in sorted(gold.glob("*.gold.csv"))
        for g in csv.DictReader(open(p, encoding="utf-8"))
        if g["period_kind"] != "event" and "USD" not in g["unit"].split("|")
    ]
    out: dict[str, dict[str, float]] = {}
    for code in sorted({r["indicator"] for r in stated} | {_first(g["indicator"]) for g in golds}):
        pred = sum(1 for r in stated if r["indicator"] == code)
        bad = sum(1 for _, r in wrong if r["indicator"] == code)
        n_gold = sum(1 for g in golds if _first(g["indicator"]) == code)
        missed = sum(1 for _, g in misses if _first(g["indicator"]) == code)
        out[code] = {"predicted": pred, "correct": pred - bad, "gold": n_gold, "found": n_gold - missed}
    return out


def _by_construction(rows: list[dict], wrong: list) -> dict[str, dict[str, float]]:
    """How often each construction of the genre was right: its precision, what it is judged by."""
    stated = [r for r in rows if r["indicator"] and r["period_kind"] != "event"]
    out: dict[str, dict[str, float]] = {}
    for name in sorted({r.get("construction", "") for r in stated}):
        pred = sum(1 for r in stated if r.get("construction", "") == name)
        bad = sum(1 for _, r in wrong if r.get("construction", "") == name)
        out[name or "(none)"] = {"predicted": pred, "correct": pred - bad}
    return out


def report(result: dict) -> str:
    """Per construction and per indicator, and the unclassified figures: what the extractor knows
    and what it does not."""
    lines = ["construction                      predicted  correct  precision"]
    for name, d in result["by_construction"].items():
        lines.append(f"{name:<32} {d['predicted']:>10} {d['correct']:>8} {d['correct'] / d['predicted']:>10.3f}")
    lines += ["", "indicator                                 predicted  correct  precision     gold  found  recall"]
    for code, d in result["by_indicator"].items():
        p = f"{d['correct'] / d['predicted']:.3f}" if d["predicted"] else "-"
        r = f"{d['found'] / d['gold']:.3f}" if d["gold"] else "-"
        lines.append(f"{code:<40} {d['predicted']:>10} {d['correct']:>8} {p:>10} {d['gold']:>8} {d['found']:>6} {r:>7}")
    reasons: dict[str, int] = {}
    for r in result["unclassified"]:
        reasons[r["note"]] = reasons.get(r["note"], 0) + 1
    lines += ["", f"unclassified figures: {len(result['unclassified'])}"]
    lines += [f"  {n:>5}  {why}" for why, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(lines)


def below_bar(result: dict, bar: dict[str, float] = BAR) -> list[str]:
    return [f"{k} {result[k]:.3f} < {v}" for k, v in bar.items() if result[k] < v]
