"""Every construction record's examples give exactly the facts they list (ontology/constructions.toml)."""

from __future__ import annotations

import pytest
from conftest import SEED

from kg import extract
from kg.extract import article, constructions
from kg.extract.numbers import plain

RECORDS = constructions.load()
EXAMPLES = [pytest.param(c, ex, id=f"{c.name}-{i}") for c in RECORDS.values() for i, ex in enumerate(c.examples, 1)]
FIELDS = ("indicator", "scheme", "area", "period", "period_kind", "value", "unit")


def _run(ex: constructions.Example) -> extract.Extraction:
    return extract.extract(article.Article(name="example.txt", text=ex.text + "\n", published=ex.published))


@pytest.mark.parametrize(("construction", "example"), EXAMPLES)
def test_example_gives_exactly_its_facts(construction, example):
    ex = _run(example)
    stated = [f for f in ex.facts if f.status in ("reported", "curated") and not f.is_event]
    got = sorted(tuple(plain(f.value) if k == "value" else getattr(f, k) for k in FIELDS) for f in stated)
    assert got == sorted(example.facts)
    assert [f.as_written for f in ex.facts if f.status == "unclassified"] == list(example.unclassified)
    events = sorted((f.indicator, f.scheme, f.area, f.period) for f in ex.facts if f.is_event)
    assert events == sorted(example.events)


@pytest.mark.parametrize(("construction", "example"), EXAMPLES)
def test_facts_name_the_construction_that_read_them(construction, example):
    """Each example is read (or kept unclassified) by the construction it illustrates."""
    ex = _run(example)
    named = {f.construction for f in ex.facts if f.status in ("reported", "unclassified")}
    assert named <= set(RECORDS)
    assert construction.name in named


def test_every_construction_the_extractor_names_is_a_record():
    ex = extract.extract(article.load(SEED))
    assert {f.construction for f in ex.facts if f.construction} <= set(RECORDS)


def test_every_record_reads_and_has_an_example():
    for c in RECORDS.values():
        assert c.reads and c.examples, c.name
