"""The seed, against a gold list built by hand from the article (tests/data)."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from conftest import DATA, SEED

FIELDS = ("indicator", "scheme", "area", "period", "period_kind", "value", "unit")


def _norm(row: dict[str, str]) -> tuple[str, ...]:
    value = row.get("value", "")
    return tuple(str(Decimal(value).normalize()) if f == "value" and value else row.get(f, "") for f in FIELDS)


def test_seed_facts_match_the_hand_built_gold_exactly(seed_corpus):
    with open(DATA / f"{SEED.stem}.gold.csv", encoding="utf-8") as fh:
        gold = sorted(_norm(r) for r in csv.DictReader(fh))
    got = sorted(_norm(f.row()) for f in seed_corpus.facts if f.status in ("reported", "curated"))
    missing = [g for g in gold if g not in got]
    extra = [g for g in got if g not in gold]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"


def test_lost_respectively_referents_are_curated_not_guessed(seed_corpus):
    rows = [f for f in seed_corpus.facts if f.as_written in ("240 million", "290 million")]
    assert {f.status for f in rows} == {"curated"}
    assert {f.scheme for f in rows} == {"unemployment_insurance", "work_injury_insurance"}
    assert all("ministry" in f.note for f in rows)


def test_without_curation_the_lost_referents_stay_ambiguous(tmp_path):
    from kg import extract
    from kg.extract import article

    copy = tmp_path / SEED.name
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ex = extract.extract(article.load(copy))
    rows = [f for f in ex.facts if f.as_written in ("240 million", "290 million")]
    assert len(rows) == 2 and {f.status for f in rows} == {"ambiguous"} and {f.scheme for f in rows} == {""}
    assert not any(f.scheme == "basic_pension" and f.value == Decimal(240_000_000) for f in ex.facts)


def test_publication_date_is_inferred_from_the_dateline_when_metadata_is_missing(tmp_path):
    from kg import extract
    from kg.extract import article

    copy = tmp_path / SEED.name
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ex = extract.extract(article.load(copy))
    assert ex.published.isoformat() == "2023-01-22" and ex.published_inferred


def test_quoted_figures_are_attributed_to_the_official(seed_corpus):
    (ex,) = seed_corpus.extractions
    said = {f.as_written: f.speaker for f in ex.facts}
    assert said["7.1 trillion yuan"] == "Qi Tao"
    assert said["1.05 billion"] == ""  # the reporters' own sentence
    (qi,) = [p for p in ex.people if p.name == "Qi Tao"]
    assert qi.posts[0].title == "deputy director" and qi.posts[0].unit == "Pension Insurance Department"
    assert qi.posts[0].org.endswith("/org/mohrss")


def test_reporters_come_from_the_dateline(seed_corpus):
    (ex,) = seed_corpus.extractions
    assert ex.dateline is not None and ex.dateline.reporters == ("Jiang Lin", "Guo Xiaolei")


def test_every_fact_points_at_its_own_characters(seed_corpus):
    (ex,) = seed_corpus.extractions
    text = ex.article.text
    for f in ex.facts:
        assert text[f.sentence[0] : f.sentence[1]] == f.quote
        assert text[f.figure[0] : f.figure[1]] == f.as_written
        assert f.sentence[0] <= f.figure[0] < f.figure[1] <= f.sentence[1]


def test_people_and_posts_across_the_genre():
    from conftest import CORPUS, corpus_dates

    from kg import extract
    from kg.extract import article

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    dates = corpus_dates()
    chen = extract.extract(article.load(CORPUS / "a11.txt", dates["a11"])).people
    (p,) = [x for x in chen if x.name == "Chen Feng"]
    assert [(q.title, q.org.rsplit("/", 1)[-1], q.unit) for q in p.posts] == [
        ("spokesperson", "mohrss", ""),
        ("deputy director", "mohrss", "Policy Research Department"),
    ]
    li = extract.extract(article.load(CORPUS / "a07.txt", dates["a07"])).people
    assert [(x.name, x.posts[0].title, x.posts[0].org.rsplit("/", 1)[-1]) for x in li] == [
        ("Li Zhong", "vice minister", "mohrss")
    ]


def test_a_curation_entry_that_matches_nothing_is_an_error(tmp_path):
    from kg import extract
    from kg.extract import article
    from kg.inputs import FileError

    copy = tmp_path / SEED.name
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{SEED.stem}.curation.toml").write_text(
        '[[fact]]\nfigure = "999 million"\nscheme = "basic_pension"\nreason = "a test"\n', encoding="utf-8"
    )
    with pytest.raises(FileError, match=r"curation.toml: fact\[1\]: no extracted figure '999 million'"):
        extract.extract(article.load(copy))


def test_a_curation_entry_can_reject_a_figure(tmp_path):
    from kg import extract
    from kg.extract import article

    copy = tmp_path / SEED.name
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{SEED.stem}.curation.toml").write_text(
        '[[fact]]\nfigure = "83"\nreject = true\nreason = "a test"\n', encoding="utf-8"
    )
    written = [f.as_written for f in extract.extract(article.load(copy)).facts]
    assert "83" not in written and "1.05 billion" in written
