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
FLOOR = {"value_recall": 0.96, "fact_precision": 0.93, "fact_recall": 0.81, "event_recall": 0.77}  # p01-p95
# the batches never tuned on (p71-p80, p96-p100; p101-p110): a floor at the level last measured, so that a
# change that loses on wording nobody tuned for shows
NEVER_TUNED = {"value_recall": 0.89, "fact_precision": 0.87, "fact_recall": 0.66, "event_recall": 0.75}
NEVER_TUNED_K = {"value_recall": 0.94, "fact_precision": 0.88, "fact_recall": 0.78, "event_recall": 0.50}  # p101-p110
# p141-p150 (batch O, 2026-12-03): never tuned on, texts and misses unread; first sight 0.786 / 0.781 / 0.571 / 0.700
NEVER_TUNED_O = {"value_recall": 0.78, "fact_precision": 0.87, "fact_recall": 0.61, "event_recall": 0.80}
LATEST = {"value_recall": 0.95, "fact_precision": 0.95, "fact_recall": 0.84, "event_recall": 0.78}  # p111-p140
# p151-p160 (batch P, 2026-12-03): tuned on after its first sight, 0.905 / 0.756 / 0.638 / 0.353
BATCH_P = {"value_recall": 0.93, "fact_precision": 0.93, "fact_recall": 0.79, "event_recall": 0.47}
# p161-p170 (batch Q, 2026-12-03, fifth session): never tuned on, texts, notes and misses unread; first sight
# at 1de083a 0.983 / 0.922 / 0.760 / 0.467; at cc9e846 0.983 / 0.942 / 0.777 / 0.467
NEVER_TUNED_Q = {"value_recall": 0.98, "fact_precision": 0.96, "fact_recall": 0.78, "event_recall": 0.53}
# p171-p180 (batch R, the same day): pages as a reader gets them (furniture, related links), never tuned on,
# unread; first sight at e53fcae (the extraction of 1de083a) 0.910 / 0.874 / 0.769 / 0.579
NEVER_TUNED_R = {"value_recall": 0.91, "fact_precision": 0.90, "fact_recall": 0.78, "event_recall": 0.57}
# p181-p190 (batch S, 2026-12-03, sixth session): pages as published, machine-translated, never tuned on, texts,
# notes and misses unread; first sight at f1e9bb5 0.945 / 0.781 / 0.664 / 0.778
NEVER_TUNED_S = {"value_recall": 0.94, "fact_precision": 0.78, "fact_recall": 0.66, "event_recall": 0.77}
# p191-p200 (batch T, the same session): paraphrased reports, never tuned on, texts, notes and misses unread;
# first sight at accd17a 0.946 / 0.876 / 0.685 / 0.500
NEVER_TUNED_T = {"value_recall": 0.94, "fact_precision": 0.87, "fact_recall": 0.68, "event_recall": 0.50}
# p201-p210 (batch U, 2026-12-03, seventh session): paraphrased, never tuned on, texts, notes and misses unread;
# first sight at d4a3497 0.958 / 0.854 / 0.804 / 0.769
NEVER_TUNED_U = {"value_recall": 0.95, "fact_precision": 0.85, "fact_recall": 0.80, "event_recall": 0.76}
# p211-p220 (batch V, the same session): pages as published, machine-translated, never tuned on, unread;
# first sight at 703e034 0.831 / 0.883 / 0.714 / 0.750; at the session's end 0.838 / 0.891 / 0.721 / 0.750
NEVER_TUNED_V = {"value_recall": 0.83, "fact_precision": 0.89, "fact_recall": 0.72, "event_recall": 0.75}
FIRST_TEN = {"value_recall": 0.99, "fact_precision": 0.97, "fact_recall": 0.85, "event_recall": 0.85}

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


# each batch and its floor: the ids it holds, and what it is
BATCHES = {
    "p01-p95": (list(range(1, 96)), FLOOR),
    "never tuned on: p71-p80, p96-p100": ([*range(71, 81), *range(96, 101)], NEVER_TUNED),
    "never tuned on, third session: p101-p110": (list(range(101, 111)), NEVER_TUNED_K),
    "the latest tuned: p111-p140": (list(range(111, 141)), LATEST),
    "never tuned on, fourth session: p141-p150": (list(range(141, 151)), NEVER_TUNED_O),
    "tuned after first sight, fourth session: p151-p160": (list(range(151, 161)), BATCH_P),
    "never tuned on, fifth session: p161-p170": (list(range(161, 171)), NEVER_TUNED_Q),
    "never tuned on, pages as published, fifth session: p171-p180": (list(range(171, 181)), NEVER_TUNED_R),
    "never tuned on, pages as published, sixth session: p181-p190": (list(range(181, 191)), NEVER_TUNED_S),
    "never tuned on, paraphrased, sixth session: p191-p200": (list(range(191, 201)), NEVER_TUNED_T),
    "never tuned on, paraphrased, seventh session: p201-p210": (list(range(201, 211)), NEVER_TUNED_U),
    "never tuned on, pages as published, seventh session: p211-p220": (list(range(211, 221)), NEVER_TUNED_V),
    "the first ten: p01-p10": (list(range(1, 11)), FIRST_TEN),
}


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_each_batch_stays_above_its_floor(predictions, tmp_path, batch):
    ids, floor = BATCHES[batch]
    result = evaluate.score(predictions, _some(tmp_path, ids), SCORER)
    assert evaluate.below_bar(result, floor) == [], {k: round(result[k], 3) for k in floor}
