"""The development corpus scored by the shared scorer: a regression below the bar fails CI."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SHARED

from kg import evaluate

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


def test_corpus_meets_the_bar(tmp_path):
    pred = tmp_path / "pred.csv"
    assert evaluate.predict(CORPUS, pred) > 50
    result = evaluate.score(pred, CORPUS, SHARED / "tools" / "score_facts.py")
    assert evaluate.below_bar(result) == [], {k: round(result[k], 3) for k in evaluate.BAR}


def test_evaluate_command_exits_non_zero_below_the_bar(tmp_path, capsys):
    from kg.cli import main

    assert main(["evaluate", str(CORPUS)]) == 0
    strict = {k: 1.01 for k in evaluate.BAR}
    assert evaluate.below_bar({k: 1.0 for k in evaluate.BAR}, strict)
