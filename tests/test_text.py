"""Sentences, headlines and the page furniture around a report."""

from kg.extract.text import split_sentences

PAGE = """Pensions rise again

Updated: 2025-03-04 10:12

BEIJING, Aug. 15 (Xinhua) -- The fund paid 3 trillion yuan. It covered 900 million people.

Local team wins its 12th title

Five towns where spring comes first

A museum opens in 2024 by the river
"""


def test_headline_furniture_and_body():
    sents = split_sentences(PAGE)
    kinds = [(s.text[:20], s.headline, s.furniture) for s in sents]
    assert kinds[0] == ("Pensions rise again", True, False)
    assert kinds[1] == ("Updated: 2025-03-04 ", False, True)
    body = [s.text for s in sents if s.body]
    assert body == ["BEIJING, Aug. 15 (Xinhua) -- The fund paid 3 trillion yuan.", "It covered 900 million people."]


def test_links_to_other_stories_are_furniture_only_in_a_run():
    one = split_sentences("The fund grew.\n\nFive towns where spring comes first\n\nIt paid more.\n")
    assert [s.furniture for s in one] == [False, False, False]


def test_digest_markers_end_an_item():
    sents = split_sentences("Core Points - The pilot grew [1] - As of September, 14 million were insured [2]")
    assert [s.text for s in sents] == [
        "Core Points - The pilot grew [1] -",
        "As of September, 14 million were insured [2]",
    ]


def test_abbreviated_months_date_a_dateline():
    from kg.extract.text import find_dateline

    for line, month, day in (
        ("BEIJING, Nov. 3 (Xinhua) -- The fund", 11, 3),
        ("BEIJING, Sept. 14 (Xinhua) -- It", 9, 14),
    ):
        d = find_dateline(line, 0)
        assert d is not None and (d.month, d.day) == (month, day)
        assert line[d.end :].startswith(("The", "It"))


def test_a_marked_heading_is_a_headline_even_with_its_exclamation():
    sents = split_sentences("# The fund holds 6 trillion!\n\nThe fund grew in 2025.\n")
    assert [(s.headline, s.body) for s in sents] == [(True, False), (False, True)]


def test_a_bracketed_link_on_its_own_line_is_furniture():
    sents = split_sentences("The fund grew.\n[See more: Cards top 9 million]\nIt paid 5 billion yuan.\n")
    assert [(s.text, s.furniture) for s in sents] == [
        ("The fund grew.", False),
        ("[See more: Cards top 9 million]", True),
        ("It paid 5 billion yuan.", False),
    ]


def test_a_page_written_in_short_lines_is_the_report_not_a_list_of_links():
    lines = ["Pensions rise on the 3rd", "The scheme has been launched", "In every province", "Open an account"]
    lines += ["once it is open", "you can pay in", "And draw it later", "or move abroad"]
    sents = split_sentences("\n\n".join(lines) + "\n")
    assert [s.headline for s in sents][:2] == [True, False]
    assert not any(s.furniture for s in sents)


def test_links_dated_after_their_titles_or_under_a_related_heading_are_furniture():
    dated = "The fund grew.\n\n· Pensions to rise 4% 2025-04-16\n· 7.2 million new urban jobs (2025-07-19)\n"
    headed = "The fund grew.\n\nRelated:\n· Pension fund assets top 3.1 trillion yuan\n"
    ruled = (
        "The fund grew.\n\nLINE\nRelated stories\nPension fund assets top 3.1 trillion yuan\n"  # a rule's word first
    )
    paged = "The fund grew.\n\nPrevious: Pension fund assets top 3.1 trillion yuan\nNext: 5 million new jobs\n"
    for page in (dated, headed, ruled, paged):
        assert [s.furniture for s in split_sentences(page)] == [False, True], page
    prose = "The fund grew.\n\nIt paid 20 billion yuan in May.\nIt paid 30 billion yuan in June.\n"
    assert not any(s.furniture for s in split_sentences(prose))


def test_a_dateline_city_may_have_an_apostrophe():
    from kg.extract.text import find_dateline

    line = find_dateline("XI'AN, Aug. 12 (Xinhua) -- Pensions rose.", 0)
    assert line is not None and line.parts == ("XI'AN",) and (line.month, line.day) == (8, 12)


def test_each_item_line_of_a_table_is_a_sentence_of_its_own():
    page = "The data are as follows.\n\nUnemployment insurance\nNumber of participants: 41.35\nFund income: 12.6\n"
    texts = [s.text for s in split_sentences(page) if s.body]
    assert texts == [
        "The data are as follows.",
        "Unemployment insurance\nNumber of participants: 41.35",
        "Fund income: 12.6",
    ]


def test_a_page_head_with_a_long_headline_is_no_body():
    """Menu, breadcrumb, a headline of more than 160 characters and the source line, with no blank line between:
    the page's head, whose figures the report states again (and the dateline's paragraph starts the body)."""
    headline = "Ministry: people insured by basic endowment insurance reach 1.085 billion, and the three funds' " + (
        "accumulated balance exceeds 9.4 trillion yuan at the end of the year"
    )
    assert len(headline) > 160
    text = (
        "Home | News | Finance\nCurrent location: Home > Finance\n"
        + headline
        + "\nSource: Economic Net   Editor: Li\n\n"
        "BEIJING, Jan. 24 -- The number of people insured reached 1.085 billion at the end of 2025.\n"
    )
    sentences = split_sentences(text)
    assert [s.body for s in sentences if "1.085 billion" in s.text] == [False, True]
