"""Counties and districts a report names count for their province; a name two provinces share names none."""

from __future__ import annotations

import pytest

from kg.extract import places
from kg.extract.lexicon import load

CASES = [
    ("Fengjie County", "CN-CQ"),  # 奉节县
    ("Shizhu Tujia Autonomous County", "CN-CQ"),  # the peoples an autonomous county is named for are no name
    ("Haidian District", "CN-BJ"),
    ("Lankao county", "CN-HA"),  # lower case, as translations write it
    ("Qiannan Prefecture", "CN-GZ"),  # 黔南布依族苗族自治州
    ("Chaoyang District", ""),  # Beijing's, Changchun's and (read 'Chaoyang') Shantou's 潮阳
    ("Gulou District", ""),  # in four provinces
    ("He County", ""),  # one syllable: the English word as well
    ("Central District", ""),  # not a division's name
    ("Development District", ""),
]


@pytest.mark.parametrize(("text", "code"), CASES)
def test_division_named(text: str, code: str) -> None:
    found = places.divisions_named(f"Officials of {text} said.", [], load().divisions)
    assert [m.keys[0] for m in found] == ([code] if code else [])
    if code:
        assert found[0].text == text and found[0].start == len("Officials of ")


def test_known_places_are_not_looked_up_again() -> None:
    """A place the lexicon already matched ('Kunshan', a city label) is not matched a second time."""
    lex = load()
    text = "Kunshan City paid pensions."
    known = lex.areas.find(text)
    assert known and places.divisions_named(text, known, lex.divisions) == []


def test_every_province_has_its_division_digits() -> None:
    """The ontology gives each of the 31 provinces the two digits that open its divisions' codes."""
    divisions = load().divisions
    assert len(divisions) == 31 and len(set(divisions.values())) == 31
    assert divisions["51"] == "CN-SC" and divisions["65"] == "CN-XJ"


def test_readings_cover_every_reading_of_a_character() -> None:
    assert {"chaoyang", "zhaoyang"} <= places._readings("朝阳")
    assert places.key("Xi'an") == places.key("Xian") == "xian"
    assert places.key("Lüliang") == places.key("Lvliang") == "luliang"
