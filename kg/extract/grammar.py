"""The genre's word lists (ontology/grammar.toml), as alternations for the extraction's patterns.

The patterns' shapes stay in the modules that use them (a qualifier before a figure, a verb before
'by the State Council'); the words they are built from are data, so that a new wording is one entry
in one list, not an edit to a regular expression.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from kg.paths import grammar_file

_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgmnprt]$")  # 'drop', 'slip', 'dip': the consonant doubles


def inflections(verb: str) -> tuple[str, ...]:
    """A regular verb's forms, so that a list names a verb once ('climb': climbs, climbed, climbing); of a
    phrase the first word is inflected ('edge up': edged up). Irregular forms are listed as words."""
    head, sep, rest = verb.partition(" ")
    if head.endswith(("s", "x", "z", "ch", "sh")):
        third = head + "es"
    elif re.search(r"[^aeiou]y$", head):
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    if re.search(r"[^aeiou]y$", head):
        past, ing = head[:-1] + "ied", head + "ing"
    elif head.endswith("ee"):
        past, ing = head + "d", head + "ing"
    elif head.endswith("e"):
        past, ing = head + "d", head[:-1] + "ing"
    elif _SHORT_CVC.match(head):
        past, ing = head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        past, ing = head + "ed", head + "ing"
    return tuple(form + sep + rest for form in (head, third, past, ing))


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, tuple[str, ...]]:
    """Each irregular verb of the grammar ('draw'), with its forms, base first ('draw', 'drew', 'drawn')."""
    return {forms.split()[0]: tuple(forms.split()) for forms in lists()["irregular_verbs"]}


@lru_cache(maxsize=1)
def lists() -> dict[str, tuple[str, ...]]:
    """Every list of the grammar file, by name: its words, and every form of its regular verbs."""
    data = tomllib.loads(grammar_file().read_text(encoding="utf-8"))
    out = {}
    for name, entry in data["list"].items():
        forms = [form for verb in entry.get("verbs", ()) for form in inflections(verb)]
        out[name] = tuple(dict.fromkeys([*entry.get("words", ()), *forms]))
    return out


@lru_cache(maxsize=256)
def words(name: str) -> str:
    """The list's phrases as one group, '(?:a|b\\s+c)': longest first, so that 'more than' is tried
    before 'more', and a space in a phrase matching any run of white space. The group opens with a
    lookahead of the phrases' first letters (in both cases): Python's engine then tries the alternation
    only where one can start, not branch by branch at every position (a fifth of the extraction's time
    went into such searches)."""
    phrases = sorted(lists()[name], key=lambda w: (-len(w), w))
    firsts = sorted({c for w in phrases for c in (w[0].lower(), w[0].upper())})
    ahead = "(?=[" + "".join(re.escape(c) for c in firsts) + "])"
    return "(?:" + ahead + "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases) + "))"
