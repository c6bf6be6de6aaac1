"""Time expressions resolved as a reader would, against the publication date."""

import datetime as dt

import pytest

from kg.extract.periods import Context, find, title_years

CTX = Context(published=dt.date(2023, 1, 22), year=2022)

CASES = [
    ("by the end of 2022", "2022-12-31"),
    ("in 2022", "2022"),
    ("since January 2022", "2022-01"),
    ("on November 25, 2022", "2022-11-25"),
    ("since 1 October 2014", "2014-10-01"),  # the day first, as some outlets write it
    ("on 15th of March 2021", "2021-03-15"),
    ("At present", "2023-01-22"),
    ("on the 22nd", "2023-01-22"),
    ("As of the 20th", "2023-01-20"),  # a day of the report's month
    ("throughout the year", "2022"),
    ("From January to June", "2022-01-01/2022-06-30"),
    ("from 2016 to 2019", "2016-01-01/2019-12-31"),  # a run of whole years
    ("between 2011 and 2015", "2011-01-01/2015-12-31"),
    ("the first three quarters", "2022-01-01/2022-09-30"),
    ("At the end of June", "2022-06-30"),
    ("In December", "2022-12"),
    ("at the end of last year", "2022-12-31"),
    ("By end-2020", "2020-12-31"),
    ("last year", "2022"),
    ("in the first 11 months", "2022-01-01/2022-11-30"),
    ("from January to June last year", "2022-01-01/2022-06-30"),
    ("as of Dec. 31", "2022-12-31"),
    ("on Jan 1", "2023-01-01"),
    ("by the end of Sept. 2022", "2022-09-30"),
    ("effective from Nov. 1, 2022", "2022-11-01"),
    # a part of a year with its year after 'of' is one period, not two
    ("in the first three quarters of last year", "2022-01-01/2022-09-30"),
    ("the first quarter of 2022", "2022-01-01/2022-03-31"),
    ("the first eight months of the year", "2022-01-01/2022-08-31"),
    ("the first half of last year", "2022-01-01/2022-06-30"),
    ("Between January and June", "2022-01-01/2022-06-30"),
    ("stood at 8 trillion at the end of June.", "2022-06-30"),  # a month's name ending a sentence
    ("as of Sept. 30", "2022-09-30"),
    ("In the first half, the fund", "2022-01-01/2022-06-30"),
    ("were drawing pensions by the year end", "2022-12-31"),
    ("at year end", "2022-12-31"),
    ("At the end of year, the city had", "2022-12-31"),  # a translation's dropped article
    ("was raised this January by 5 yuan", "2023-01"),
    ("since last July", "2022-07"),
    ("In 2021, its last year, the fund", "2021"),  # 'its last year' is no year relative to the report
    ("79 years in 2020, and 264 million at the end of the year", "2020|2020-12-31"),  # the year just stated
]


@pytest.mark.parametrize(("text", "notation"), CASES)
def test_expression_resolves(text, notation):
    found = [p for p in find(text, CTX) if p.marker != "compare"]
    assert [p.notation() for p in found] == notation.split("|")


@pytest.mark.parametrize(
    "text",
    ["over the same period last year", "year on year", "from a year earlier", "over the 2021 level", "than in 2020"],
)
def test_comparisons_are_marked_not_taken_as_periods(text):
    assert [p.marker for p in find(text, CTX)] == ["compare"]


@pytest.mark.parametrize("text", ["A year before, the group stood at 8 million", "a year earlier", "a year ago"])
def test_a_year_before_is_no_period_of_its_own(text):
    """'A year before' is the year before the one just stated: the reader dates it, not 'a year' as a rate."""
    assert find(text, CTX) == []


def test_the_year_of_a_title_is_no_period():
    """'the China Pension Report 2015' names a document: its year dates no figure (and is no figure)."""
    text = "data from the China Pension Report 2015 show it"
    assert find(text, CTX) == []
    assert [text[a:b] for a, b in title_years(text)] == ["2015"]


def test_month_without_year_is_the_latest_one_before_publication():
    ctx = Context(published=dt.date(2024, 7, 23), year=2024)
    assert [p.notation() for p in find("At the end of June", ctx)] == ["2024-06-30"]


def test_a_day_without_its_year_months_ahead_is_the_last_one():
    """Pension rises announced in spring 'will rise from Jan 1' count from this January, not the next;
    a day within three months ahead is the coming one ('starting July 1' in a June report)."""
    spring = Context(published=dt.date(2025, 5, 20), year=2024)
    assert [p.notation() for p in find("pensions will rise by 2 percent from Jan. 1", spring)] == ["2025-01-01"]
    assert [p.notation() for p in find("the rules take effect starting July 1", spring)] == ["2025-07-01"]


@pytest.mark.parametrize(
    ("published", "text", "notation"),
    [
        # a future measure's day or month without a year is the coming one, not this year's past one
        (dt.date(2025, 12, 20), "The revised measures will take effect on January 1.", "2026-01-01"),
        (dt.date(2025, 9, 16), "The age will rise step by step over 15 years, starting in January.", "2026-01"),
        (dt.date(2025, 9, 16), "Pensions rose in January.", "2025-01"),  # the past: this year's
    ],
)
def test_a_future_measures_date_is_the_coming_one(published, text, notation):
    found = find(text, Context(published=published, year=published.year))
    assert [p.notation() for p in found] == [notation]
