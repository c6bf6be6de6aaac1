"""Figures as the genre writes them."""

from decimal import Decimal

import pytest

from kg.extract.numbers import find_figures, plain

CASES = [
    ("will reach 1.05 billion, up", "1.05 billion", "1050000000", ""),
    ("income of 7.1 trillion yuan", "7.1 trillion yuan", "7100000000000", "CNY"),
    ("covering 96.8% of the population", "96.8%", "96.8", "percent"),
    ("or 22 percent of the total", "22 percent", "22", "percent"),
    ("made 1,804 major cases public", "1,804", "1804", ""),
    ("some 406,000 institutions", "406,000", "406000", ""),
    ("in seven pilot provinces", "seven", "7", ""),
    ("raised by 30 yuan per month", "30 yuan per month", "30", "CNY_per_month"),
    ("(about 844 billion U.S. dollars)", "844 billion U.S. dollars", "844000000000", "USD"),
    ("a fund of RMB 2.5 trillion", "RMB 2.5 trillion", "2500000000000", "CNY"),
    ("worth US$ 120 million", "US$ 120 million", "120000000", "USD"),
    ("worth $45 million", "$45 million", "45000000", "USD"),
    # another country's dollar is no U.S. dollar (nor a yuan): its figure has no currency the codes know
    ("a voucher worth HK$152", "152", "152", ""),
    ("life expectancy reached 81 years", "81", "81", "years"),
    ("able to pay for 21 months of pensions", "21", "21", "months"),
    ("for up to one month", "one", "1", "months"),
    ("up 3.9 million year on year", "3.9 million", "3900000", ""),
    ("card holders number 1.29 billion", "1.29 billion", "1290000000", ""),
    ("for the year, a -4.12% rate of return", "-4.12%", "-4.12", "percent"),
    # Chinese number strings word by word, and 亿 rendered as 'billion' (read as meant, flagged)
    (
        "scaled at 5 trillion and 268 billion 144 million yuan",
        "5 trillion and 268 billion 144 million yuan",
        "5268144000000",
        "CNY",
    ),
    ("total revenue 61234.56 billion yuan", "61234.56 billion yuan", "6123456000000", "CNY"),
    # a run of years: an ordinal before 'consecutive' or 'in a row' counts it; a hyphen may join
    ("the 12th consecutive year of increase", "12th", "12", "years"),
    ("for the 8th year in a row", "8th", "8", "years"),
    ("the 5th straight rise", "5th", "5", ""),
    ("after 6-consecutive years of rises", "6", "6", "years"),
    # a scale word, 'percent' or a currency glued to the number, as pages print them
    ("grew to 3.214million", "3.214million", "3214000", ""),
    ("income of 5.6billion yuan", "5.6billion yuan", "5600000000", "CNY"),
    ("up 4.3percent", "4.3percent", "4.3", "percent"),
    ("a fund of RMB3.2 billion", "RMB3.2 billion", "3200000000", "CNY"),
    ("the second straight year of increase", "second", "2", "years"),
    ("for the third year in a row", "third", "3", "years"),
]

NOT_FIGURES = [
    "Source: Xinhua| 11:30:49|Editor: Liangyu",  # a clock time
    "published 2014/05/15 in print",  # a date with slashes
    "the third pillar is expected to grow [1][2]",  # digest reference markers
    "Group 1: First Pillar Developments",  # a numbered heading
    "under Document No. 12 of the council",  # an identifier
    "it was the 9 th adjustment",  # an ordinal written apart
    "workers aged from 18 to 30 may join",  # ages
    "people aged 16-59 may join",
    "call the 12345 hotline for help",  # a number that names a line
    "benefits of one kind or another",  # a set phrase
    "to check one's own records",
    "Hainan, one of several provinces",
    "Jiangsu, ranked number one, leads",
    "a ratio of four to one",  # a ratio
    "men may retire at 62, and women at 52 or 57",  # ages
    "for women over 58 and men over 64",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_what_is_not_a_figure(text):
    assert [f.text for f in find_figures(text)] == []


GARBLED = {"5 trillion and 268 billion 144 million yuan", "61234.56 billion yuan"}


def test_garbled_readings_are_flagged():
    for text, written, _, _ in CASES:
        (fig,) = find_figures(text)
        assert bool(fig.garbled) == (written in GARBLED), text


@pytest.mark.parametrize(("text", "written", "value", "unit"), CASES)
def test_figure_value_and_unit(text, written, value, unit):
    figs = find_figures(text)
    assert len(figs) == 1
    assert (figs[0].text, plain(figs[0].value), figs[0].unit) == (written, value, unit)


def test_qualifier_is_kept_apart_from_the_value():
    (fig,) = find_figures("more than 360 million cards")
    assert fig.qualifier == "more than" and fig.value == Decimal(360_000_000) and fig.text == "360 million"


def test_garbled_decimal_is_read_once_flagged_and_uncertain():
    (fig,) = find_figures("returning 6.3.8 billion yuan")
    assert fig.value == Decimal("6380000000") and "6.3.8" in fig.garbled
    assert fig.uncertain  # 6.38 or 63.8 billion: no reading is certain


def test_a_stray_space_is_a_certain_reading():
    (fig,) = find_figures("reached 1 .25 trillion yuan")
    assert fig.value == Decimal("1250000000000") and fig.garbled and not fig.uncertain


def test_hundred_million_split_off_by_a_full_stop_is_a_multiplier_of_yuan_only():
    (fig,) = find_figures("the premiums deferred hit 594. 100 million yuan")
    assert fig.value == Decimal("59400000000") and fig.garbled
    assert [f.value for f in find_figures("up 5. 100 million people")] == [Decimal(5), Decimal(100_000_000)]


def test_hundred_million_split_off_a_decimal_is_a_multiplier():
    for text in ("had reached 12.85. 100 million people", "was 12.85 100 million people"):
        (fig,) = find_figures(text)
        assert fig.value == Decimal("1285000000") and fig.garbled, text


def test_hundred_million_after_respectively_is_a_multiplier_and_flagged():
    (fig,) = find_figures("were 2.22 respectively. 100 million")
    assert fig.value == Decimal("222000000") and fig.garbled


@pytest.mark.parametrize(
    "text",
    [
        "the 14th Five-Year Plan",
        "on the 26th",
        "Care Services for Ten Thousand Villages",
        "the 9th session of the committee",
        "the fifth session opened and he came second",
        "the 3rd year of the plan",  # a year of a plan, not a run
        "a 10-year plan",
    ],
)
def test_ordinals_and_names_are_not_figures(text):
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("(about 844 billion U.S. dollars)", "about"), ("moreover 5 million", ""), ("nearly\n30 million", "nearly")],
)
def test_qualifier_is_the_word_right_before_the_figure(text, qualifier):
    (fig,) = find_figures(text)
    assert fig.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("could pay 21.5, 9.4 and 11 months", [("21.5", "months"), ("9.4", "months"), ("11", "months")]),
        ("were 1.02, 0.22 and 0.27 billion", [("1020000000", ""), ("220000000", ""), ("270000000", "")]),
        ("cut to between 1 and 1.5 percent", [("1", "percent"), ("1.5", "percent")]),
        ("816,000, 247,000 and 309,000 people", [("816000", ""), ("247000", ""), ("309000", "")]),
        # no list: a thousands group split off, and a count beside a percentage of another clause
        ("rose to 2, 386 yuan", [("2", ""), ("386", "CNY")]),
        ("up 680,000, and 27% of the target", [("680000", ""), ("27", "percent")]),
        ("hired 1,000 and 2 million people", [("1000", ""), ("2000000", "")]),
    ],
)
def test_a_lists_last_figure_writes_the_unit_and_scale_of_them_all(text, read):
    from kg.extract.statistics import _distributed

    figs = _distributed(find_figures(text, 0), text)
    assert [(plain(f.value), f.unit) for f in figs] == read
    if text.startswith("816,000"):
        assert all(f.persons for f in figs)
