"""The probe reports (tests/data/probes, written by people who had not read the extractor) scored by
the shared scorer: a regression below the floor fails. The floor is the level last measured; it is
raised with every gain and never lowered. The first-sight score is kept in the probes' README."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from kg import evaluate

PROBES = Path(__file__).parent / "data" / "probes"
SCORER = SHARED / "tools" / "score_facts.py"
FLOOR = {"value_recall": 0.85, "fact_precision": 0.76, "fact_recall": 0.51, "event_recall": 0.71}

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools/score_facts.py is not here")


def test_probes_stay_above_the_floor(tmp_path):
    pred = tmp_path / "pred.csv"
    assert evaluate.predict(PROBES, pred) > 50
    result = evaluate.score(pred, PROBES, SCORER)
    assert evaluate.below_bar(result, FLOOR) == [], {k: round(result[k], 3) for k in FLOOR}
