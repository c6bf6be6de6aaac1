"""One graph across documents: series points shared by sources, conflicts kept and flagged."""

from __future__ import annotations

from decimal import Decimal

from conftest import SEED
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg import iris
from kg.namespaces import PKG, SDMX_MEAS

OTHER = """Pension coverage widens

BEIJING, February 3 (Xinhua) -- By the end of 2022, the number of people participating in basic pension insurance
nationwide was 1.04 billion, the Ministry of Human Resources and Social Security said. In 2022, the annual social
insurance fund income was 7.1 trillion yuan.
"""


def _corpus(tmp_path):
    from kg import pipeline

    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    return pipeline.read([SEED, other])


def test_participants_series_spans_the_years(all_graph):
    obs = [
        o
        for o in all_graph.subjects(PKG.indicator, iris.code("indicator", "participants"))
        if (o, PKG.scheme, iris.code("scheme", "basic_pension")) in all_graph
        and (o, PKG.status, iris.code("status", "derived")) not in all_graph
    ]
    periods = sorted(str(o).split("/CN/")[1] for o in obs)
    assert periods == [
        "2012-12-31",
        "2019-12-31",
        "2020-12-31",
        "2022-06-30",
        "2022-12-31",
        "2023-12-31",
        "2024-06-30",
        "2024-12-31",
    ]


def test_agreeing_sources_merge_into_one_point(tmp_path):
    from kg import pipeline, rdf

    corpus = _corpus(tmp_path)
    g = rdf.union(pipeline.dataset(corpus))
    # 'social insurance fund income' is the three funds' (pkg:generalFundScheme): one series point
    income = iris.observation("fund_income", "three_social_insurance_funds", "CN", "2022-01-01/2022-12-31")
    assert [Decimal(str(v)) for v in g.objects(income, SDMX_MEAS.obsValue)] == [Decimal("7100000000000")]
    sources = {str(m).split("#")[0].rsplit("/", 1)[1] for m in g.subjects(PKG.supports, income)}
    assert sources == {SEED.stem, "other"}
    assert (income, PKG.hasConflict, Literal(True)) not in g


def test_disagreeing_sources_are_both_kept_and_flagged(tmp_path):
    from kg import pipeline, rdf

    corpus = _corpus(tmp_path)
    g = rdf.union(pipeline.dataset(corpus))
    point = iris.observation("participants", "basic_pension", "CN", "2022-12-31")
    values = sorted(Decimal(str(v)) for v in g.objects(point, SDMX_MEAS.obsValue))
    assert values == [Decimal("1040000000"), Decimal("1050000000")]
    assert (point, PKG.hasConflict, Literal(True)) in g
    assert (point, RDF.type, PKG.Observation) in g


def test_derived_figures_keep_inputs_and_formula(all_graph):
    from kg.namespaces import PROV

    prev = iris.observation("participants", "basic_pension", "CN", "2021-12-31")
    assert (prev, PKG.status, iris.code("status", "derived")) in all_graph
    assert all_graph.value(prev, PKG.formula) is not None
    inputs = set(all_graph.objects(prev, PROV.wasDerivedFrom))
    assert iris.observation("participants", "basic_pension", "CN", "2022-12-31") in inputs
    assert [Decimal(str(v)) for v in all_graph.objects(prev, SDMX_MEAS.obsValue)] == [Decimal("1025700000")]


GENERAL = """Fund figures for 2017

BEIJING, March 9 (Xinhua) -- In 2017, the annual social insurance fund income was 3.3 trillion yuan.
"""
THREE = """Three funds in 2017

BEIJING, April 2 (Xinhua) -- In 2017, the total income of the three social insurance funds was 3.4 trillion yuan.
"""


def test_the_three_funds_are_one_series_whatever_the_report_calls_them(tmp_path):
    """A report of 'social insurance fund' income and one of 'the three social insurance funds' are about
    one point: two values there are a conflict the graph can see, not two series."""
    from kg import pipeline, rdf

    paths = []
    for name, text in (("general", GENERAL), ("three", THREE)):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.meta.toml").write_text('published = "2018-05-02"\n', encoding="utf-8")
    g = rdf.union(pipeline.dataset(pipeline.read(paths)))
    point = iris.observation("fund_income", "three_social_insurance_funds", "CN", "2017-01-01/2017-12-31")
    assert sorted(Decimal(str(v)) for v in g.objects(point, SDMX_MEAS.obsValue)) == [
        Decimal("3.3e12"),
        Decimal("3.4e12"),
    ]
    assert (point, PKG.hasConflict, Literal(True)) in g
    assert not [o for o in g.subjects(PKG.scheme, iris.code("scheme", "social_insurance")) if "/obs/" in str(o)]


GENERAL_FLOWS = """Fund figures for 2017

BEIJING, March 9 (Xinhua) -- In 2017, the annual social insurance fund income was 3.3 trillion yuan, and the annual
social insurance fund expenditure was 2.9 trillion yuan.
"""
THREE_FLOWS = """Three funds in 2017

BEIJING, April 2 (Xinhua) -- In 2017, the total income of the three social insurance funds was 3.4 trillion yuan,
and their total expenditure was 3.1 trillion yuan.
"""


def test_figures_derived_for_one_point_from_two_namings_are_one_observation(tmp_path):
    """Each report's income and expenditure give a surplus; the two surpluses are of one point (the
    three funds, whatever the report calls them), so they are one derived observation with both
    values, flagged as a conflict, and one label per language, as a reported point's are."""
    from kg import pipeline, rdf, validate

    paths = []
    for name, text in (("general", GENERAL_FLOWS), ("three", THREE_FLOWS)):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.meta.toml").write_text('published = "2018-05-02"\n', encoding="utf-8")
    corpus = pipeline.read(paths)
    assert len(corpus.derived) == 2
    g = rdf.union(pipeline.dataset(corpus))
    point = iris.observation("fund_surplus", "three_social_insurance_funds", "CN", "2017-01-01/2017-12-31")
    assert sorted(Decimal(str(v)) for v in g.objects(point, SDMX_MEAS.obsValue)) == [Decimal("3e11"), Decimal("4e11")]
    assert (point, PKG.hasConflict, Literal(True)) in g
    labels = [lb for lb in g.objects(point, RDFS.label) if lb.language == "en"]
    assert len(labels) == 1 and "300000000000 / 400000000000" in labels[0], labels
    assert not [f for f in validate.validate(g).findings if f.severity == "Violation"]
