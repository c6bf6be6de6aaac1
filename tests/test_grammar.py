"""The genre's word lists (ontology/grammar.toml): each is used where it says, and well formed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from kg.extract import grammar
from kg.paths import grammar_file

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = tomllib.loads(grammar_file().read_text(encoding="utf-8"))["list"]


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_list_is_used_by_the_module_it_names(name):
    for used in ENTRIES[name]["used"].split(", "):  # one module, or several separated by ', '
        source = (ROOT / used).read_text(encoding="utf-8")
        assert re.search(rf"""(?:words\(|lists\(\)\[)["']{name}["']""", source), f"{name} is not used in {used}"


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_list_has_distinct_words_and_says_what_it_is_for(name):
    entry = ENTRIES[name]
    assert entry["reads"].strip()
    given = [*entry.get("words", ()), *entry.get("verbs", ())]
    assert given and len(set(given)) == len(given)


@pytest.mark.parametrize("name", sorted(n for n in ENTRIES if "verbs" in ENTRIES[n]))
def test_no_word_of_a_list_is_a_form_its_verbs_give(name):
    forms = {form for verb in ENTRIES[name]["verbs"] for form in grammar.inflections(verb)}
    assert not forms & set(ENTRIES[name].get("words", ())), "a verb's forms are made from it: list it once"


@pytest.mark.parametrize(
    "verb, forms",
    [
        ("climb", ("climb", "climbs", "climbed", "climbing")),
        ("rise", ("rise", "rises", "rised", "rising")),  # irregular pasts ('rose') are listed as words
        ("drop", ("drop", "drops", "dropped", "dropping")),
        ("edge up", ("edge up", "edges up", "edged up", "edging up")),
        ("increase", ("increase", "increases", "increased", "increasing")),
        ("reach", ("reach", "reaches", "reached", "reaching")),
        ("multiply", ("multiply", "multiplies", "multiplied", "multiplying")),
        ("total", ("total", "totals", "totaled", "totaling")),
        ("expand", ("expand", "expands", "expanded", "expanding")),
    ],
)
def test_a_verb_gives_its_regular_forms(verb, forms):
    assert grammar.inflections(verb) == forms


def test_every_list_the_code_asks_for_exists():
    asked = set()
    for path in (ROOT / "kg" / "extract").glob("*.py"):
        asked |= set(re.findall(r"""(?:words\(|lists\(\)\[)["'](\w+)["']""", path.read_text(encoding="utf-8")))
    assert asked and asked <= set(ENTRIES)


def test_words_match_longest_first_and_across_white_space():
    rx = re.compile(grammar.words("qualifiers"))
    assert rx.match("more  than").group(0) == "more  than"  # the whole phrase, across a double space
    assert rx.match("up to").group(0) == "up to"
