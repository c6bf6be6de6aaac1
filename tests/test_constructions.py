"""Every construction record's examples give exactly the facts they list (ontology/constructions.toml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, SEED

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


_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?!\d)")


def _figures(text: str) -> set[str]:
    """The numbers of a text as written, of four significant digits or more (fewer coincide by chance:
    '300 million', '1.12 billion'), years aside."""
    out = set()
    for m in _NUMBER.finditer(text):
        n = m.group().rstrip(",")
        if len(re.sub(r"\D", "", n).strip("0")) >= 4 and not re.fullmatch(r"(?:19|20)\d\d", n):
            out.add(n)
    return out


def test_no_example_shares_a_figure_with_an_article():
    """The examples are our own wording and figures: none is a seed's, the corpus's or a probe's."""
    folders = [SEED.parent, Path(__file__).parent / "data" / "probes", CORPUS]
    articles: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            for n in _figures(path.read_text(encoding="utf-8")):
                articles.setdefault(n, path.name)
    shared = {
        (c.name, n, articles[n])
        for c in RECORDS.values()
        for ex in c.examples
        for n in _figures(ex.text)
        if n in articles
    }
    assert shared == set()
