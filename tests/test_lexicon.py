"""The vocabulary read from the ontology, and the one-pass scan that finds it in sentences."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS

from kg.extract import lexicon, text
from kg.namespaces import CODE, PKG


def _sentences() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((DATA / "genre").glob("*.txt"))
    return [s.text for p in paths for s in text.split_sentences(p.read_text(encoding="utf-8"))]


def test_one_pass_finds_what_every_matcher_finds_alone():
    lex = lexicon.load()
    lexicon.forget(lex)
    sentences = _sentences()
    assert len(sentences) > 100
    for s in sentences:
        lex.scan(s)
        for matcher in lex._matchers():
            assert matcher._seen[s] == matcher._find(s), s


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        (
            "insured under basic pension, unemployment and work injury insurance",
            ["basic_pension", "unemployment_insurance", "work_injury_insurance"],
        ),
        ("the urban surveyed unemployment rate was 5.1%", []),
        ("the three funds' accumulated balance", ["three_social_insurance_funds"]),
        ("the Ministry of Human Resources and Social Security said", []),
        # one name, three translations: a label with 'pension insurance' is one with 'endowment insurance' too
        ("the urban employees' basic endowment insurance had", ["employee_basic_pension"]),
        ("the urban employees' basic old-age insurance had", ["employee_basic_pension"]),
        # the broader name inside a narrower one ('... endowment insurance fund') is no second scheme
        ("the town worker endowment insurance fund grew", ["employee_basic_pension"]),
    ],
)
def test_schemes_by_name_and_in_coordinated_lists(sentence, codes):
    lex = lexicon.load()
    assert [m.keys[0] for m in lex.find_schemes(sentence)] == codes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the report of the Academy of Social Security Sciences shows", "Social Security"),
        ("Tianjin Securities Daily reported on Thursday", "Tianjin"),
    ],
)
def test_names_inside_proper_names_are_not_schemes_or_places(text, name):
    from kg.extract.lexicon import in_proper_name

    start = text.index(name)
    assert in_proper_name(text, start, start + len(name))


def test_a_province_named_as_such_is_a_place():
    from kg.extract.lexicon import in_proper_name

    text = "pension funds of Guangdong Province grew"
    start = text.index("Guangdong")
    assert not in_proper_name(text, start, start + len("Guangdong"))


def test_an_action_cue_stands_for_each_form_of_its_verb_and_its_object_in_both_numbers():
    forms = lexicon.action_forms("draw … pension")
    assert {"drew … pension", "drawn … pensions", "drawing … pension", "draws … pensions"} <= set(forms)
    assert lexicon.action_forms("pay … premium")[:2] == ["pay … premium", "pay … premiums"]


def test_a_gap_in_a_phrase_stands_for_up_to_three_words():
    m = lexicon.Matcher()
    m.add("received … pension", "beneficiaries")
    assert [x.text for x in m.find("168,400 people received the basic monthly pension")] == [
        "received the basic monthly pension"
    ]
    assert m.find("they received a letter about the change of their pension") == []


def test_a_gap_spans_no_word_that_tells_of_a_change():
    m = lexicon.Matcher()
    m.add("received … pension", "beneficiaries")
    assert m.find("140 million retirees received a higher pension") == []


def test_one_scheme_stands_for_social_insurance_in_general():
    """Events, general readings and series read it from the ontology (pkg:inGeneral), not from a name in code."""
    lex = lexicon.load()
    marked = [c for c in lex.scheme_labels if lex.graph.value(CODE[f"scheme/{c}"], PKG.inGeneral) is not None]
    assert marked == [lex.in_general] and lex.in_general
    assert all(lex.under(c, lex.in_general) for c in lex.scheme_members)


@pytest.mark.parametrize("name", sorted(lexicon.lists()))
def test_may_hold_never_rules_out_a_phrase_of_its_list(name):
    """may_hold is a prefilter before a list's regex: every phrase of the list, in any case, passes it."""
    for phrase in lexicon.lists()[name]:
        assert lexicon.may_hold(name, f"Before {phrase.upper()} after"), phrase
