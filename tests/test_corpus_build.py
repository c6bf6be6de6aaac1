"""The development corpus builds: every report of the genre a user adds gives a graph that conforms.

A user who adds the 43 development articles (with the dates `published.csv` gives them) gets a
build that passes its own shapes: the extractor never states what the model forbids (a stock over
a year, a reported figure for a period after its report, a change between two months the periods
cannot say), and the model says what reports do say (forecasts, negative returns).
"""

from __future__ import annotations

import csv

import pytest
from conftest import CORPUS

from kg.cli import main

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


def test_the_development_corpus_builds_and_conforms(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with (CORPUS / "published.csv").open(encoding="utf-8") as f:
        published = {row["id"]: row["published"] for row in csv.DictReader(f)}
    for src in sorted(CORPUS.glob("*.txt")):
        (seeds / src.name).write_bytes(src.read_bytes())
        meta = f'published = {published[src.stem]}\npublisher = "Development corpus"\nlanguage = "en"\n'
        (seeds / f"{src.stem}.meta.toml").write_text(meta, encoding="utf-8")
    code = main(["build", str(seeds), "--out", str(tmp_path / "build")])
    out = capsys.readouterr().out
    report = (tmp_path / "build" / "validation.txt").read_text(encoding="utf-8")
    violations = [line for line in report.splitlines() if line.startswith("Violation")]
    assert code == 0 and violations == [], out + "\n".join(violations[:20])
    assert out.startswith(f"documents {len(published)},")
