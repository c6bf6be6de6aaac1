"""The probe reports (tests/data/probes, written by people who had not read the extractor) scored by
the shared scorer: a regression below the floor fails. Each floor is the level last measured; it is
raised with every gain and never lowered. The first-sight scores, batch by batch, are kept in the
probes' README.

The first ten (p01-p10) keep a floor of their own, so that the floor measured on them before the
others came is still the bar they are held to; so do the batches never tuned on and the latest ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED

from kg import evaluate

PROBES = Path(__file__).parent / "data" / "probes"
SCORER = SHARED / "tools" / "score_facts.py"
FLOOR = {"value_recall": 0.95, "fact_precision": 0.90, "fact_recall": 0.79, "event_recall": 0.72}  # p01-p95
# the batches never tuned on (p71-p80, p96-p100; p101-p110): a floor at the level last measured, so that a
# change that loses on wording nobody tuned for shows
NEVER_TUNED = {"value_recall": 0.89, "fact_precision": 0.86, "fact_recall": 0.65, "event_recall": 0.70}
NEVER_TUNED_K = {"value_recall": 0.94, "fact_precision": 0.88, "fact_recall": 0.78, "event_recall": 0.42}  # p101-p110
# p141-p150 (batch O, 2026-12-03): never tuned on, texts and misses unread; first sight 0.786 / 0.781 / 0.571 / 0.700
NEVER_TUNED_O = {"value_recall": 0.78, "fact_precision": 0.81, "fact_recall": 0.57, "event_recall": 0.70}
LATEST = {"value_recall": 0.95, "fact_precision": 0.92, "fact_recall": 0.82, "event_recall": 0.66}  # p111-p140
# p151-p160 (batch P, 2026-12-03): tuned on after its first sight, 0.905 / 0.756 / 0.638 / 0.353
BATCH_P = {"value_recall": 0.93, "fact_precision": 0.85, "fact_recall": 0.72, "event_recall": 0.35}
FIRST_TEN = {"value_recall": 0.99, "fact_precision": 0.96, "fact_recall": 0.84, "event_recall": 0.85}

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools/score_facts.py is not here")


@pytest.fixture(scope="module")
def predictions(tmp_path_factory) -> Path:
    pred = tmp_path_factory.mktemp("probes") / "pred.csv"
    assert evaluate.predict(PROBES, pred) > 1500
    return pred


def _some(tmp_path: Path, ids: list[int]) -> Path:
    for i in ids:
        shutil.copy(PROBES / f"p{i:02d}.gold.csv", tmp_path / f"p{i:02d}.gold.csv")
    return tmp_path


def test_probes_stay_above_the_floor(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, list(range(1, 96))), SCORER)
    assert evaluate.below_bar(result, FLOOR) == [], {k: round(result[k], 3) for k in FLOOR}


def test_the_probes_never_tuned_on_stay_above_their_first_sight(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, [*range(71, 81), *range(96, 101)]), SCORER)
    assert evaluate.below_bar(result, NEVER_TUNED) == [], {k: round(result[k], 3) for k in NEVER_TUNED}


def test_the_batch_never_tuned_on_of_the_third_session_stays_above_its_floor(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, list(range(101, 111))), SCORER)
    assert evaluate.below_bar(result, NEVER_TUNED_K) == [], {k: round(result[k], 3) for k in NEVER_TUNED_K}


def test_the_latest_batches_stay_above_their_floor(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, list(range(111, 141))), SCORER)
    assert evaluate.below_bar(result, LATEST) == [], {k: round(result[k], 3) for k in LATEST}


def test_the_batch_never_tuned_on_of_the_fourth_session_stays_above_its_floor(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, list(range(141, 151))), SCORER)
    assert evaluate.below_bar(result, NEVER_TUNED_O) == [], {k: round(result[k], 3) for k in NEVER_TUNED_O}


def test_the_fourth_sessions_tuned_batch_stays_above_its_floor(predictions, tmp_path):
    result = evaluate.score(predictions, _some(tmp_path, list(range(151, 161))), SCORER)
    assert evaluate.below_bar(result, BATCH_P) == [], {k: round(result[k], 3) for k in BATCH_P}


def test_the_first_ten_probes_stay_above_their_floor(predictions, tmp_path):
    for gold in sorted(PROBES.glob("p0[0-9].gold.csv")) + [PROBES / "p10.gold.csv"]:
        shutil.copy(gold, tmp_path / gold.name)
    result = evaluate.score(predictions, tmp_path, SCORER)
    assert evaluate.below_bar(result, FIRST_TEN) == [], {k: round(result[k], 3) for k in FIRST_TEN}
