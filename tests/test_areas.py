"""Whose figures are they: a report about an area it never names asserts no nationwide facts."""

from __future__ import annotations

import datetime as dt

from kg.extract import article, reader

CITY = (
    "By the end of 2025, 2.4 million people had joined basic pension insurance. "
    "Unemployment insurance had 1.8 million participants at the end of 2025.\n"
    "In 2025 the unemployment insurance fund paid 250 million yuan in benefits.\n"
)


def _facts(text: str):
    return reader.extract(article.Article(name="t.txt", text=text, published=dt.date(2026, 3, 3))).facts


def test_a_report_with_counts_too_small_for_the_nation_asserts_none_of_its_figures():
    facts = [f for f in _facts(CITY) if not f.is_event]
    assert facts and not [f for f in facts if f.status == "reported"]
    assert {f.status for f in facts if f.indicator} == {"ambiguous"}
    assert all("area it does not name" in f.note for f in facts if f.status == "ambiguous")


def test_one_small_count_doubts_that_figure_only():
    text = (
        "By the end of 2025, 1.07 billion people had joined basic pension insurance nationwide. "
        "By then 3 million people had joined unemployment insurance.\n"
    )
    by_value = {int(f.value): f.status for f in _facts(text) if f.indicator == "participants"}
    assert by_value == {1_070_000_000: "reported", 3_000_000: "ambiguous"}


def test_a_province_named_in_the_clause_keeps_its_small_count():
    facts = _facts("By the end of 2025, 2.4 million people in Hainan had joined basic pension insurance.\n")
    assert [(f.area, f.status) for f in facts if f.indicator == "participants"] == [("CN-HI", "reported")]


def test_a_long_run_after_including_is_read_once():
    """What follows 'including' is matched piece by piece, each piece whole: a run of capitals or spaces
    that is no list of places was split every possible way (a second at 22 characters, doubling with
    each more); these would not finish."""
    for run in ("A" * 5000, " " * 5000, "Chengdu " * 2000):
        text = f"By the end of 2025, pilots in 20 cities including {run} x and Chengdu had 3 million participants.\n"
        assert [f for f in _facts(text) if f.value is not None]  # it is read, and the figures are there


def test_a_city_with_its_province_beside_it_is_one_mention_of_a_national_reports_example():
    text = (
        "BEIJING, Dec. 20 (Xinhua) -- By the end of November, 240 million people had joined unemployment "
        "insurance. Across the country the fund helped small firms, as in Wenzhou, a city of Zhejiang province.\n"
    )
    facts = [f for f in _facts(text) if f.indicator == "participants"]
    assert [(f.area, f.status) for f in facts] == [("CN", "reported")]


def test_a_report_about_the_county_it_never_names_asserts_no_nationwide_figure():
    text = (
        "Fenghe County news\n\nBy the end of June, 214,000 residents of the county had joined the residents' basic "
        "pension insurance. The county paid 18.2 million yuan in pensions in the first half, and the government "
        "paid premiums for 9,300 people in difficulty across the county.\n"
    )
    facts = [f for f in _facts(text) if f.indicator and not f.is_event]
    assert len(facts) == 3 and {(f.area, f.status) for f in facts} == {("CN", "ambiguous")}
    assert sum("whose place is not named" in f.note for f in facts) == 2  # the third is too small a count


def test_the_page_of_a_citys_government_is_that_citys():
    text = (
        "Wuxi Municipal Human Resources and Social Security Bureau\n\nFund disclosure for 2025\n\n"
        "In 2025, the employees' basic pension insurance fund of the city ran smoothly.\n"
        "Employees' basic pension insurance fund income: 41.2 billion yuan\n"
        "Employees' basic pension insurance fund expenditure: 38.7 billion yuan\n"
    )
    assert [(f.indicator, f.area) for f in _facts(text) if f.indicator] == [
        ("fund_income", "CN-JS"),
        ("fund_expenditure", "CN-JS"),
    ]


def test_a_given_name_is_no_mention_of_the_place_the_report_is_about():
    text = (
        "BEIJING, March 3 (Xinhua) -- By the end of 2025, 1.07 billion people had joined basic pension insurance, "
        "Zhang Jinan, a ministry official, said. Zhang Jinan added that the system runs smoothly.\n"
    )
    assert [(f.indicator, f.area) for f in _facts(text) if f.indicator == "participants"] == [("participants", "CN")]


def test_a_local_report_whose_place_only_its_dateline_names_is_that_province():
    text = (
        "Provincial social insurance work meets its goals\n\n"
        "Nanjing, Feb. 3 -- By the end of 2025, the province's basic pension insurance had 61.7 million "
        "participants. The province's unemployment insurance fund paid 2.9 billion yuan in 2025.\n"
    )
    facts = [f for f in _facts(text) if f.indicator]
    assert {(f.area, f.status) for f in facts} == {("CN-JS", "reported")}


def test_a_local_report_whose_place_only_its_headline_names_is_that_province():
    text = (
        "Hubei widens pension coverage\n\n"
        "By the end of 2025, the province's basic pension insurance had 47.3 million participants, "
        "and the province's care insurance pilots served 0.8 million people.\n"
    )
    facts = [f for f in _facts(text) if f.indicator == "participants"]
    assert [(f.area, f.status) for f in facts] == [("CN-HB", "reported")]


def test_a_national_report_with_a_dateline_city_stays_nationwide():
    text = (
        "Hangzhou, Feb. 3 (Xinhua) -- By the end of 2025, 1.07 billion people had joined basic pension "
        "insurance nationwide, the ministry said at a meeting held in the city.\n"
    )
    facts = [f for f in _facts(text) if f.indicator == "participants"]
    assert [(f.area, f.status) for f in facts] == [("CN", "reported")]
