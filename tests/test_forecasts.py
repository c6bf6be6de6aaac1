"""What reports say that the model must hold: a forecast, a change between two months, a loss.

One short report of our own states a target for a later year ('should rise to ... by the end of
2030'), a monthly rate's change from one month to another, and a negative rate of return. Its graph
conforms: the target is an observation with SDMX's status F (forecast), the change's period runs
from the first month to the last, and the loss is a negative percentage. The same graph with the
forecast's status made A (normal) is a report of a period after its article: a violation.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import URIRef

from kg import pipeline
from kg.extract import article
from kg.extract.numbers import plain
from kg.extract.reader import extract
from kg.namespaces import ID, SDMX_ATTR
from kg.pipeline import Corpus
from kg.rdf import union
from kg.validate import validate

TEXT = (
    "BEIJING, March 3 (Xinhua) -- By the end of 2025, 900 million people in China were holding social security "
    "cards, and the total should rise to 950 million by the end of 2030, the ministry said.\n\n"
    "The urban surveyed unemployment rate was 5.1 percent in February, down 0.1 percentage points from "
    "January.\n\n"
    "The national social security fund lost 40 billion yuan on its investments in 2025, a -1.5% rate of return."
)

F = URIRef("http://purl.org/linked-data/sdmx/2009/code#obsStatus-F")
A = URIRef("http://purl.org/linked-data/sdmx/2009/code#obsStatus-A")
TARGET = ID["obs/card_holders/social_security_card/CN/2030-12-31"]
LEVEL = ID["obs/card_holders/social_security_card/CN/2025-12-31"]


@pytest.fixture(scope="module")
def graph():
    ex = extract(article.Article("mine.txt", TEXT, published=dt.date(2026, 3, 3), publisher="Xinhua News Agency"))
    return pipeline.dataset(Corpus(extractions=[ex]))


def _facts():
    ex = extract(article.Article("mine.txt", TEXT, published=dt.date(2026, 3, 3)))
    return {(f.indicator, f.period, plain(f.value)) for f in ex.facts if f.status == "reported" and f.value is not None}


def test_the_report_states_a_target_a_monthly_change_and_a_loss():
    facts = _facts()
    assert ("card_holders", "2030-12-31", "950000000") in facts
    assert ("urban_surveyed_unemployment_rate_change", "2026-01/2026-02", "-0.1") in facts
    assert ("fund_investment_return_rate", "2025-01-01/2025-12-31", "-1.5") in facts


def test_a_figure_for_a_period_after_its_report_is_a_forecast(graph):
    every = union(graph)
    assert set(every.objects(TARGET, SDMX_ATTR.obsStatus)) == {F}
    assert set(every.objects(LEVEL, SDMX_ATTR.obsStatus)) == {A}


def test_the_graph_with_its_forecast_conforms(graph):
    report = validate(union(graph), dataset=graph)
    assert report.conforms, report.text()


def test_a_forecast_marked_normal_is_a_report_of_the_future(graph):
    ctx = graph.graph(ID["graph/mine"])
    ctx.remove((TARGET, SDMX_ATTR.obsStatus, F))
    ctx.add((TARGET, SDMX_ATTR.obsStatus, A))
    try:
        report = validate(union(graph), dataset=graph)
    finally:
        ctx.remove((TARGET, SDMX_ATTR.obsStatus, A))
        ctx.add((TARGET, SDMX_ATTR.obsStatus, F))
    assert not report.conforms
    assert any("ends after that date, and is not a forecast" in f.message for f in report.findings), report.text()
