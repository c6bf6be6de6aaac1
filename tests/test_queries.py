"""The named competency questions of queries/, each pinned to its answer.

Single-document questions are answered on the seed article alone (`seed_graph`); questions about
series, conflicts and what each document contributed are answered on the seed with the development
corpus (`all_graph`). Values are compared as plain Python values (Decimal, str, int, date, bool).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import table
from kg.namespaces import DCTERMS, ID, NIF, PKG, SDMX_ATTR, SDMX_MEAS, UOM
from kg.paths import queries_dir
from kg.store import query

SEED_FILE = SEED.name
CURATION = f"{SEED.stem}.curation.toml"
MOHRSS = "Ministry of Human Resources and Social Security"
PCC = "Central Committee of the Communist Party of China"


def ask(graph: Graph, name: str) -> list[dict]:
    """The rows of a named query, evaluated by Oxigraph, as dicts of plain Python values (None where
    unbound)."""
    result = query.run(graph, query.named()[name].text)
    return [{v: query.python(row[v]) for v in result.vars} for row in result]


def D(x) -> Decimal:
    return Decimal(str(x))


def by(rows: list[dict], key: str) -> dict:
    out = {}
    for r in rows:
        assert r[key] not in out, f"{key}={r[key]!r} twice"
        out[r[key]] = r
    return out


# ---------------------------------------------------------------------------------------------
# Graphs beyond the shared fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def uncurated_graph(tmp_path_factory):
    """The seed without its curation file: the 'respectively' figures stay ambiguous."""
    from kg import pipeline, rdf

    folder = tmp_path_factory.mktemp("uncurated")
    for path in SEED.parent.glob(f"{SEED.stem}.*"):
        if not path.name.endswith(".curation.toml"):
            shutil.copyfile(path, folder / path.name)
    return rdf.union(pipeline.dataset(pipeline.read([folder / SEED.name])))


@pytest.fixture(scope="session")
def conflict_graph(seed_graph):
    """The seed plus a second source that disagrees on the end-2022 number of participants."""
    g = Graph()
    g += seed_graph
    obs = ID["obs/participants/basic_pension/CN/2022-12-31"]
    assert (obs, RDF.type, PKG.Observation) in g
    doc = ID["doc/other"]
    mention = URIRef(f"{doc}#char=5,17")
    sentence = URIRef(f"{doc}#char=0,48")
    g.add((obs, SDMX_MEAS.obsValue, Literal("1060000000", datatype=XSD.decimal)))
    g.add((obs, PKG.hasConflict, Literal(True)))
    g.add((doc, RDF.type, PKG.Article))
    g.add((doc, PKG.fileName, Literal("other.txt")))
    g.add((doc, DCTERMS.issued, Literal("2023-02-01", datatype=XSD.date)))
    g.add((mention, RDF.type, PKG.FigureMention))
    g.add((mention, NIF.anchorOf, Literal("1.06 billion")))
    g.add((mention, NIF.sentence, sentence))
    g.add((sentence, NIF.anchorOf, Literal("Some 1.06 billion people were insured by then.")))
    g.add((mention, DCTERMS.isPartOf, doc))
    g.add((mention, PKG.supports, obs))
    g.add((mention, PKG.reportedValue, Literal("1060000000", datatype=XSD.decimal)))
    g.add((mention, SDMX_ATTR.unitMeasure, UOM.persons))
    return g


# ---------------------------------------------------------------------------------------------
# Every query file
# ---------------------------------------------------------------------------------------------


def _files() -> list[Path]:
    return sorted(queries_dir().glob("*.rq"))


def test_there_are_at_least_twenty_named_questions():
    assert len(_files()) >= 20
    assert set(query.named()) == {p.stem for p in _files()}


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_query_has_one_question_and_parses(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line.lstrip("# ").strip())
    question = " ".join(header)
    assert question.endswith("?") and question[0].isupper(), question
    assert question.count("?") == 1, f"one question, one sentence: {question}"
    # the question is what `query --list` shows: no other comment starts in column 0
    assert query.named()[path.stem].question == question
    assert re.search(r"^\s*ORDER BY ", text, re.M), "rows come in a stable order"
    result = query.run(Graph(), text)  # parses and runs with the project prefixes
    assert result.type == "SELECT"


def test_every_query_is_pinned_here():
    source = Path(__file__).read_text(encoding="utf-8")
    missing = [p.stem for p in _files() if f'"{p.stem}"' not in source]
    assert not missing, f"queries without a test: {missing}"


# ---------------------------------------------------------------------------------------------
# Statistics of the seed
# ---------------------------------------------------------------------------------------------


def test_participants_2022(seed_graph):
    (row,) = ask(seed_graph, "participants_2022")
    assert row == {
        "scheme": "basic pension insurance",
        "period": "2022-12-31",
        "participants": D(1050000000),
        "as_written": "1.05 billion",
        "change": D(24300000),
        "change_period": "2021-12-31/2022-12-31",
        "end_2021": D(1025700000),
        "growth_pct": D("2.37"),
    }


def test_fund_finances_2022(seed_graph):
    (row,) = ask(seed_graph, "fund_finances_2022")
    # the seed's 'social insurance fund' is the three funds'
    assert row == {
        "scheme": "three social insurance funds (pension, unemployment, work injury)",
        "period": "2022-01-01/2022-12-31",
        "income": D(7.1e12),
        "expenditure": D(6.6e12),
        "surplus_computed": D(5e11),
        "surplus_derived": D(5e11),
        "formula": "fund income minus fund expenditure",
        "balance_date": "2022-12-31",
        "balance": D(7.4e12),
        "unit": "CNY",
    }


def test_personal_pension_contributions(seed_graph):
    (row,) = ask(seed_graph, "personal_pension_contributions")
    assert row == {
        "scheme": "personal pension",
        "date": "2022-12-31",
        "participants": D(19540000),
        "contributors": D(6130000),
        "contribution_amount": D(14.2e9),
        "amount_period": "2022-11-25/2022-12-31",  # from the day the system started, not from January
        "share_pct_computed": D("31.37"),
        "share_pct_derived": D("31.37"),
        "average_computed": D("2316.48"),
        "average_derived": D("2316.48"),
        "average_unit": "CNY",
    }


def test_social_security_cards(seed_graph, all_graph):
    rows = ask(seed_graph, "social_security_cards")
    assert [(r["indicator"], r["period"], r["value"], r["unit"], r["figure"]) for r in rows] == [
        ("electronic card service visits", "2022-01-01/2022-12-31", D(11285000000), "count", "11.285 billion"),
        ("electronic social security card users", "2022-12-31", D(715000000), "persons", "715 million"),
        ("social security card holders", "2022-12-31", D(1368000000), "persons", "1.368 billion"),
        ("social security card population coverage", "2022-12-31", D("96.8"), "percent", "96.8%"),
    ]
    assert {r["document"] for r in rows} == {SEED_FILE}
    everything = ask(all_graph, "social_security_cards")
    holders = [
        (r["period"], r["value"], r["document"]) for r in everything if r["indicator"] == "social security card holders"
    ]
    assert holders == [
        ("2020-12-31", D(1335000000), "a04.txt"),
        ("2022-12-31", D(1368000000), SEED_FILE),
        ("2024-06-30", D(1380000000), "a14.txt"),
    ]
    e_users = [r for r in everything if r["indicator"] == "electronic social security card users"]
    assert [(r["period"], r["value"], r["qualifier"]) for r in e_users] == [
        ("2022-12-31", D(715000000), None),
        ("2024-06-30", D(1000000000), "more than"),
    ]


def test_scheme_statistics(seed_graph):
    rows = ask(seed_graph, "scheme_statistics")
    got = {(r["scheme"], r["indicator"], r["area"], r["period"]): (r["value"], r["status"]) for r in rows}
    assert got == {
        ("basic pension insurance", "change in participants", "China", "2021-12-31/2022-12-31"): (
            D(24300000),
            "reported",
        ),
        ("basic pension insurance", "participants", "China", "2021-12-31"): (D(1025700000), "derived"),
        ("basic pension insurance", "participants", "China", "2022-12-31"): (D(1050000000), "reported"),
        (
            "enterprise employees' basic pension insurance",
            "inter-provincial fund transfers",
            "China",
            "2022-01-01/2022-12-31",
        ): (
            D(244e9),
            "reported",
        ),
        (
            "urban and rural residents' basic pension insurance",
            "consecutive years of increase",
            "Jiangsu",
            "2022-12-31",
        ): (
            D(11),
            "reported",
        ),
        (
            "urban and rural residents' basic pension insurance",
            "provinces raising the basic pension standard",
            "China",
            "2022-01-01/2022-12-31",
        ): (D(19), "reported"),
    }


def test_derived_observations(seed_graph, all_graph):
    rows = ask(seed_graph, "derived_observations")
    assert [(r["indicator"], r["period"], r["value"], r["unit"]) for r in rows] == [
        ("average contribution per contributor", "2022-11-25/2022-12-31", D("2316.48"), "CNY"),
        ("fund surplus", "2022-01-01/2022-12-31", D(5e11), "CNY"),
        ("participants", "2021-12-31", D(1025700000), "persons"),
        ("share of participants who contributed", "2022-12-31", D("31.37"), "percent"),
    ]
    surplus = rows[1]
    assert surplus["formula"] == "fund income minus fund expenditure"
    assert surplus["inputs"] == "fund_expenditure 2022-01-01/2022-12-31; fund_income 2022-01-01/2022-12-31"
    everything = ask(all_graph, "derived_observations")
    got = {(r["indicator"], r["scheme"], r["period"]): r["value"] for r in everything}
    assert got[
        ("fund surplus", "three social insurance funds (pension, unemployment, work injury)", "2019-01-01/2019-12-31")
    ] == D(4.1e11)
    assert got[
        ("fund surplus", "three social insurance funds (pension, unemployment, work injury)", "2024-01-01/2024-06-30")
    ] == D(5e11)
    assert got[("participants", "basic pension insurance", "2023-06-30")] == D(1056770000)


# ---------------------------------------------------------------------------------------------
# Reforms and the people and bodies behind them
# ---------------------------------------------------------------------------------------------


def test_reforms(seed_graph):
    rows = ask(seed_graph, "reforms")
    assert [(r["started"], r["scheme"], r["area"], r["scope"]) for r in rows] == [
        ("2022", "enterprise employees' basic pension insurance", "China", "nationwide"),
        ("2022-01", "enterprise employees' basic pension insurance", "China", None),
        ("2022-11-25", "personal pension", "China", "36 cities or regions"),
    ]
    nationwide, pooling, personal = rows
    assert set(nationwide["decided_by"].split("; ")) == {PCC, "State Council"}
    assert pooling["decided_by"] is None and personal["decided_by"] is None
    assert nationwide["as_written"] == "starting from 2022"
    planning = "national overall planning of enterprise employees' basic pension insurance"
    assert nationwide["reform"] == pooling["reform"] == planning  # one reform, two dated events of it
    assert personal["reform"] == "start of a scheme or reform: personal pension, 2022-11-25"
    assert nationwide["sentence"].startswith("According to the deployment of the Party Central Committee")
    assert "36 cities or regions" in personal["sentence"]
    assert {r["document"] for r in rows} == {SEED_FILE}


def test_reform_strands(seed_graph):
    rows = ask(seed_graph, "reform_strands")
    assert {(r["reform_started"], r["reform"]) for r in rows} == {
        ("2022", "national overall planning of enterprise employees' basic pension insurance")
    }
    first = "Policy unification is basically achieved nationwide"
    assert [(r["position"], r["strand"], r["step_of"]) for r in rows] == [
        (1, first, None),
        (
            1,
            "Guide all localities to gradually relax the household registration restrictions for flexible employees",
            first,
        ),
        (2, "Increase the inter-provincial mutual aid", None),
        (
            3,
            "Establish a mechanism for sharing the responsibility of the central and local "
            "endowment insurance expenditures",
            None,
        ),
        (
            4,
            "Continuously improve the level of endowment insurance management services "
            "and the accessibility of public services",
            None,
        ),
    ]
    # every strand concerns the reform's scheme, though two of them say 'endowment insurance'
    assert {r["strand_scheme"] for r in rows} == {"enterprise employees' basic pension insurance"}
    assert [r["begin"] for r in rows] == sorted(r["begin"] for r in rows)


def test_policy_events_timeline(seed_graph, all_graph):
    seed_rows = ask(seed_graph, "policy_events_timeline")
    assert [(r["date"], r["kind"], r["scheme"]) for r in seed_rows] == [
        ("2022", "reform", "enterprise employees' basic pension insurance"),
        ("2022-01", "reform", "enterprise employees' basic pension insurance"),
        ("2022-11-25", "reform", "personal pension"),
    ]
    rows = ask(all_graph, "policy_events_timeline")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    got = {(r["date"], r["event_type"]): r for r in rows}
    assert got[("2005", "first adjustment")]["scheme"] == "employees' basic pension insurance"
    assert got[("2005", "first adjustment")]["documents"] == "a09.txt"
    assert got[("2022-05", "previous adjustment")]["kind"] == "policy event"
    assert got[("2022-11-25", "start of a scheme or reform")]["scope"] == "36 cities or regions"
    rise = got[("2023-01-01", "pension adjustment")]  # a rise of pensions, issued by two ministries
    assert (rise["kind"], rise["scheme"], rise["documents"]) == (
        "policy event",
        "employees' basic pension insurance",
        "a09.txt",
    )
    assert rise["decided_by"] == "Ministry of Finance; Ministry of Human Resources and Social Security"
    assert len(rows) == len(got), "one row per event"


def test_person_profile(seed_graph):
    (row,) = ask(seed_graph, "person_profile")
    assert row == {
        "name": "Qi Tao",
        "post": "deputy director, Pension Insurance Department",
        "job_title": "deputy director",
        "department": "Pension Insurance Department",
        "organisation": MOHRSS,
        "organisation_zh": "人力资源和社会保障部",
        "parent_organisation": "State Council",
        "documents": SEED_FILE,
    }


def test_figures_by_speaker(seed_graph):
    rows = ask(seed_graph, "figures_by_speaker")
    assert [(r["figure"], r["value"], r["indicator"], r["period"]) for r in rows] == [
        ("implementation", None, "start of a scheme or reform", "2022-01"),
        ("7.1 trillion yuan", D(7.1e12), "fund income", "2022-01-01/2022-12-31"),
        ("6.6 trillion yuan", D(6.6e12), "fund expenditure", "2022-01-01/2022-12-31"),
        ("7.4 trillion yuan", D(7.4e12), "cumulative fund balance", "2022-12-31"),
        ("four", D(4), None, None),  # 'progress in four aspects': a figure no indicator claims
    ]
    assert all(r["speaker"] == "Qi Tao" and r["document"] == SEED_FILE for r in rows)
    assert [r["quoted"] for r in rows] == [True, True, True, True, False]  # 'According to Qi Tao, ...'
    assert rows[3]["sentence"].startswith("The cumulative balance at the end of the year")


def test_people_and_posts(seed_graph, all_graph):
    rows = ask(seed_graph, "people_and_posts")
    assert [(r["name"], r["title"], r["unit"], r["organisation"], r["role"], r["documents"]) for r in rows] == [
        ("Guo Xiaolei", "reporter", None, None, "reporter", SEED_FILE),
        ("Jiang Lin", "reporter", None, None, "reporter", SEED_FILE),
        ("Qi Tao", "deputy director", "Pension Insurance Department", MOHRSS, "speaker", SEED_FILE),
    ]
    names = {r["name"] for r in ask(all_graph, "people_and_posts")}
    assert {"Guo Xiaolei", "Jiang Lin", "Qi Tao", "Li Zhong", "Chen Feng"} <= names


def test_organisations(seed_graph):
    rows = ask(seed_graph, "organisations")
    assert [(r["organisation"], r["kind"], r["capacity"], r["what"]) for r in rows] == [
        (PCC, "organisation", "decided", "enterprise employees' basic pension insurance (2022)"),
        (MOHRSS, "organisation", "has department", "Pension Insurance Department"),
        ("Pension Insurance Department", "department", "department of", MOHRSS),
        ("Pension Insurance Department", "department", "has post", "deputy director, Pension Insurance Department"),
        ("State Council", "organisation", "decided", "enterprise employees' basic pension insurance (2022)"),
        ("Xinhua News Agency", "organisation", "published", SEED_FILE),
    ]
    zh = {r["organisation"]: r["organisation_zh"] for r in rows}
    assert zh[MOHRSS] == "人力资源和社会保障部" and zh["Xinhua News Agency"] == "新华社"


def test_quotes(seed_graph):
    (row,) = ask(seed_graph, "quotes")
    assert (row["speaker"], row["posts"], row["document"], row["begin"], row["end"]) == (
        "Qi Tao",
        "deputy director, Pension Insurance Department",
        SEED_FILE,
        769,
        1235,
    )
    assert row["quote"].startswith('"Since the implementation of national overall planning in January 2022')
    assert "7.4 trillion yuan" in row["quote"]
    assert SEED.read_text(encoding="utf-8")[769:1235] == row["quote"]


# ---------------------------------------------------------------------------------------------
# Where the figures come from
# ---------------------------------------------------------------------------------------------


def test_figure_provenance(seed_graph):
    rows = ask(seed_graph, "figure_provenance")
    assert len(rows) == 23
    text = SEED.read_text(encoding="utf-8")
    for r in rows:  # the offsets point at the figure, inside its sentence, in the article's text
        assert text[r["figure_begin"] : r["figure_end"]] == r["figure"]
        assert text[r["sentence_begin"] : r["sentence_end"]] == r["sentence"]
        assert r["sentence_begin"] <= r["figure_begin"] < r["figure_end"] <= r["sentence_end"]
        assert r["document"] == SEED_FILE
        assert bool(r["indicator"] and r["period"]) == (r["status"] != "unclassified"), r
    got = by(rows, "figure")
    first = got["1.05 billion"]
    assert (first["sentence_begin"], first["sentence_end"], first["figure_begin"], first["figure_end"]) == (
        0,
        341,
        261,
        273,
    )
    assert (first["value"], first["unit"], first["indicator"], first["scheme"], first["period"]) == (
        D(1050000000),
        "persons",
        "participants",
        "basic pension insurance",
        "2022-12-31",
    )
    assert (first["status"], first["attributed_to"], first["qualifier"]) == ("reported", "Guo Xiaolei, Jiang Lin", None)
    assert got["7.1 trillion yuan"]["attributed_to"] == "Qi Tao"
    assert got["240 million"]["status"] == "curated"
    assert got["240 million"]["scheme"] == "unemployment insurance"
    assert got["starting from"]["indicator"] == "start of a scheme or reform"
    assert got["starting from"]["value"] is None


def test_qualified_figures(seed_graph, all_graph):
    assert ask(seed_graph, "qualified_figures") == []
    rows = ask(all_graph, "qualified_figures")
    assert all(r["qualifier"] for r in rows)
    got = {(r["document"], r["figure"]): r for r in rows}
    latest = got[("a16.txt", "1.07 billion")]
    assert (latest["qualifier"], latest["value"], latest["indicator"], latest["scheme"], latest["period"]) == (
        "more than",
        D(1070000000),
        "participants",
        "basic pension insurance",
        "2024-12-31",
    )
    assert (got[("a14.txt", "1 billion")]["qualifier"], got[("a14.txt", "1 billion")]["unit"]) == (
        "more than",
        "persons",
    )
    dollars = got[("a02.txt", "844 billion U.S. dollars")]
    assert (dollars["qualifier"], dollars["value"], dollars["unit"]) == ("about", D(844e9), "USD")
    assert {r["qualifier"] for r in rows} >= {"more than", "over", "about", "some", "roughly"}


def test_ambiguous_or_curated_figures(seed_graph, uncurated_graph):
    rows = ask(seed_graph, "ambiguous_or_curated_figures")
    assert [(r["figure"], r["status"], r["value"], r["indicator"], r["scheme"], r["period"]) for r in rows] == [
        ("240 million", "curated", D(240000000), "participants", "unemployment insurance", "2022-12-31"),
        ("290 million", "curated", D(290000000), "participants", "work-related injury insurance", "2022-12-31"),
    ]
    for r in rows:
        assert "respectively" in r["reason"]
        assert r["curation_file"] == CURATION
        assert r["sentence"] == "The number of insured persons is 240 million and 290 million respectively."
    open_rows = ask(uncurated_graph, "ambiguous_or_curated_figures")
    assert [(r["figure"], r["status"], r["value"], r["indicator"], r["scheme"]) for r in open_rows] == [
        ("240 million", "ambiguous", D(240000000), "participants", None),
        ("290 million", "ambiguous", D(290000000), "participants", None),
    ]
    assert all(r["reason"] and r["curation_file"] is None for r in open_rows)


def test_documents(seed_graph, all_graph):
    (row,) = ask(seed_graph, "documents")
    assert row["document"] == SEED_FILE
    assert (
        row["title"]
        == "The number of people participating in the national basic pension insurance reached 1.05 billion"
    )
    assert (row["published"], row["date_inferred"], row["publisher"]) == (
        dt.date(2023, 1, 22),
        False,
        "Xinhua News Agency",
    )
    assert row["reporters"] == "Guo Xiaolei, Jiang Lin"
    assert row["language"] == "en"
    assert row["url"].startswith("https://www.tellerreport.com/")
    rows = ask(all_graph, "documents")
    assert [r["document"] for r in rows] == [
        "a02.txt",
        "a04.txt",
        "a07.txt",
        SEED_FILE,
        "a09.txt",
        "a11.txt",
        "a14.txt",
        "a16.txt",
    ]
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)
    publishers = {r["document"]: r["publisher"] for r in rows}
    assert publishers["a04.txt"] == "China News Service" and publishers["a14.txt"] == "Cailian Press"
    assert publishers["a07.txt"] is None


def test_scheme_hierarchy(seed_graph):
    rows = ask(seed_graph, "scheme_hierarchy")
    got = by(rows, "notation")
    leaf = got["enterprise_employee_basic_pension"]
    assert (leaf["top"], leaf["depth"], leaf["broader"], leaf["broader_zh"], leaf["pillar"], leaf["pillar_zh"]) == (
        "social_insurance",
        3,
        "employees' basic pension insurance",
        "职工基本养老保险",
        "first pillar",
        "第一支柱",
    )
    basic = got["basic_pension"]
    assert (basic["scheme"], basic["scheme_zh"], basic["broader"], basic["depth"]) == (
        "basic pension insurance",
        "基本养老保险",
        "social insurance",
        1,
    )
    personal = got["personal_pension"]
    assert (personal["top"], personal["depth"], personal["broader"], personal["pillar"], personal["pillar_zh"]) == (
        "personal_pension",
        0,
        None,
        "third pillar",
        "第三支柱",
    )
    assert got["enterprise_occupational_annuity"]["pillar"] == "second pillar"
    assert got["unemployment_insurance"]["broader"] == "social insurance"
    assert got["social_insurance"]["depth"] == 0 and got["social_insurance"]["pillar"] is None
    assert all(r["scheme"] and r["scheme_zh"] for r in rows)
    # a branch is listed from its top down
    keys = [(r["top"], r["depth"], r["notation"]) for r in rows]
    assert keys == sorted(keys)


# ---------------------------------------------------------------------------------------------
# Many documents: series, conflicts, contributions, latest values
# ---------------------------------------------------------------------------------------------


def test_indicator_series(seed_graph, all_graph):
    rows = ask(all_graph, "indicator_series")
    assert [(r["period"], r["value"]) for r in rows] == [
        ("2012-12-31", D(790000000)),
        ("2019-12-31", D(967000000)),
        ("2020-12-31", D(999000000)),
        ("2022-06-30", D(1040000000)),
        ("2022-12-31", D(1050000000)),
        ("2023-12-31", D(1066000000)),
        ("2024-06-30", D(1071000000)),
        ("2024-12-31", D(1070000000)),
    ]
    assert {(r["indicator"], r["scheme"], r["area"], r["unit"]) for r in rows} == {
        ("participants", "basic pension insurance", "China", "persons")
    }
    sources = {r["period"]: r["sources"] for r in rows}
    assert sources["2012-12-31"] == sources["2022-06-30"] == "a07.txt"
    assert sources["2022-12-31"] == SEED_FILE
    assert sources["2024-12-31"] == "a16.txt"
    assert [r["period"] for r in rows if r["qualifier"]] == ["2024-12-31"]
    assert rows[-1]["qualifier"] == "more than"
    assert [(r["period"], r["value"]) for r in ask(seed_graph, "indicator_series")] == [("2022-12-31", D(1050000000))]


def test_conflicts(seed_graph, all_graph, conflict_graph):
    # no two sources of the seed and the development corpus disagree
    assert ask(seed_graph, "conflicts") == []
    assert ask(all_graph, "conflicts") == []
    rows = ask(conflict_graph, "conflicts")
    assert [(r["document"], r["figure"], r["reported_value"], r["unit"]) for r in rows] == [
        (SEED_FILE, "1.05 billion", D(1050000000), "persons"),
        ("other.txt", "1.06 billion", D(1060000000), "persons"),
    ]
    for r in rows:
        assert (r["indicator"], r["scheme"], r["area"], r["period"]) == (
            "participants",
            "basic pension insurance",
            "China",
            "2022-12-31",
        )
        assert (r["values"], r["lowest"], r["highest"]) == (2, D(1050000000), D(1060000000))
    assert rows[0]["published"] == dt.date(2023, 1, 22)


def test_unclassified_figures(seed_graph):
    rows = ask(seed_graph, "unclassified_figures")
    assert [(r["document"], r["figure"], r["value"], r["unit"]) for r in rows] == [(SEED_FILE, "four", D(4), "count")]
    text = SEED.read_text(encoding="utf-8")
    assert text[rows[0]["figure_begin"] : rows[0]["figure_end"]] == "four"
    assert "indicator" in rows[0]["reason"] and "four aspects" in rows[0]["sentence"]
    # an unclassified figure is no statistic: the tidy table never lists it
    assert not [r for r in table.statistics(seed_graph) if r["as_written"] == "four"]


def test_document_contributions(seed_graph, all_graph):
    (row,) = ask(seed_graph, "document_contributions")
    assert row == {
        "document": SEED_FILE,
        "published": dt.date(2023, 1, 22),
        "sentences": 26,
        "figures": 23,
        "ambiguous_figures": 0,
        "unclassified_figures": 1,
        "observations": 19,
        "observations_only_here": 19,
        "derived_from_it": 4,
        "events": 9,  # and the reform it names, national overall planning
        "quotes": 1,
        "people": 3,
    }
    rows = ask(all_graph, "document_contributions")
    assert [r["document"] for r in rows] == [
        "a02.txt",
        "a04.txt",
        "a07.txt",
        SEED_FILE,
        "a09.txt",
        "a11.txt",
        "a14.txt",
        "a16.txt",
    ]
    got = by(rows, "document")
    assert got[SEED_FILE] == row
    assert got["a02.txt"]["derived_from_it"] == 1  # the 2019 surplus of the three funds
    assert got["a14.txt"]["derived_from_it"] == 4  # mid-2023 levels and the first-half 2024 surplus
    assert all(r["figures"] > 0 and r["sentences"] > 0 and r["observations"] > 0 for r in rows)
    # the counts agree with the figures listed one by one
    assert sum(r["figures"] for r in rows) == len(ask(all_graph, "figure_provenance"))


def test_latest_values(seed_graph, all_graph):
    seed_rows = ask(seed_graph, "latest_values")
    seed_latest = {(r["indicator"], r["scheme"], r["area"], r["unit"]): r for r in seed_rows}
    assert len(seed_latest) == len(seed_rows)
    bp = seed_latest[("participants", "basic pension insurance", "China", "persons")]
    assert (bp["period"], bp["value"], bp["status"], bp["sources"]) == (
        "2022-12-31",
        D(1050000000),
        "reported",
        SEED_FILE,
    )

    rows = ask(all_graph, "latest_values")
    latest = {(r["indicator"], r["scheme"], r["area"], r["unit"]): r for r in rows}
    assert len(latest) == len(rows), "one value per indicator × scheme × area × unit"

    def at(indicator, scheme, unit, area="China"):
        r = latest[(indicator, scheme, area, unit)]
        return r["period"], r["value"], r["sources"]

    three = "three social insurance funds (pension, unemployment, work injury)"
    assert at("participants", "basic pension insurance", "persons") == ("2024-12-31", D(1070000000), "a16.txt")
    assert at("participants", "unemployment insurance", "persons") == ("2024-06-30", D(243000000), "a14.txt")
    assert at("social security card holders", "social security card", "persons") == (
        "2024-06-30",
        D(1380000000),
        "a14.txt",
    )
    assert at("cumulative fund balance", three, "CNY") == ("2024-06-30", D(8.8e12), "a14.txt")
    assert at("fund income", three, "CNY") == ("2024-01-01/2024-06-30", D(4.1e12), "a14.txt")
    assert at("fund income", three, "USD") == ("2019-01-01/2019-12-31", D(844e9), "a02.txt")
    assert at(
        "consecutive years of increase", "urban and rural residents' basic pension insurance", "years", "Jiangsu"
    ) == (
        "2022-12-31",
        D(11),
        SEED_FILE,
    )
    assert at("fund surplus", three, "CNY")[:2] == ("2024-01-01/2024-06-30", D(5e11))
    # the latest point of the participants series is the series' last point
    series = ask(all_graph, "indicator_series")
    assert at("participants", "basic pension insurance", "persons")[:2] == (series[-1]["period"], series[-1]["value"])


def test_fund_finances_by_period(seed_graph, all_graph):
    rows = ask(all_graph, "fund_finances_by_period")
    three = "three social insurance funds (pension, unemployment, work injury)"
    got = {(r["scheme"], r["period"], r["unit"]): r for r in rows}
    y2019 = got[(three, "2019-01-01/2019-12-31", "CNY")]
    assert (y2019["income"], y2019["expenditure"], y2019["surplus_computed"], y2019["balance"], y2019["sources"]) == (
        D(5.82e12),
        D(5.41e12),
        D(4.1e11),
        D(6.85e12),
        "a02.txt",
    )
    y2022 = got[(three, "2022-01-01/2022-12-31", "CNY")]  # the seed's 'social insurance fund': the same series
    assert (y2022["income"], y2022["expenditure"], y2022["surplus_derived"], y2022["balance_date"]) == (
        D(7.1e12),
        D(6.6e12),
        D(5e11),
        "2022-12-31",
    )
    h1 = got[(three, "2024-01-01/2024-06-30", "CNY")]
    assert (h1["surplus_computed"], h1["balance_date"], h1["balance"]) == (D(5e11), "2024-06-30", D(8.8e12))
    dollars = got[(three, "2019-01-01/2019-12-31", "USD")]
    assert (dollars["income"], dollars["expenditure"], dollars["surplus_computed"]) == (D(844e9), None, None)
    for r in rows:  # the surplus computed here is the one the graph derived
        if r["expenditure"] is not None:
            assert r["surplus_computed"] == r["income"] - r["expenditure"] == r["surplus_derived"]
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows)
    assert [(r["scheme"], r["period"]) for r in ask(seed_graph, "fund_finances_by_period")] == [
        (three, "2022-01-01/2022-12-31")
    ]
    assert [r["period"] for r in rows if r["scheme"] == three and r["unit"] == "CNY"] == [
        "2019-01-01/2019-12-31",
        "2022-01-01/2022-12-31",
        "2024-01-01/2024-06-30",
    ]


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parent / "data" / "plain_queries").glob("*.rq")), ids=lambda p: p.stem
)
def test_a_query_written_for_speed_answers_as_its_plain_form(path, all_graph):
    """Some named queries are written so that Oxigraph evaluates them faster (a property per
    subquery, lookups in the group that narrows them): tests/data/plain_queries holds each in its
    plain form, which must give the same rows in the same order on the bundled articles."""
    plain = query.run(all_graph, path.read_text(encoding="utf-8"))
    fast = query.run(all_graph, query.named()[path.stem].text)
    assert len(plain) > 1 and query.serialize(fast, "json") == query.serialize(plain, "json")
