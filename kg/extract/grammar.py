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


@lru_cache(maxsize=1)
def lists() -> dict[str, tuple[str, ...]]:
    """Every list of the grammar file, by name."""
    data = tomllib.loads(grammar_file().read_text(encoding="utf-8"))
    return {name: tuple(entry["words"]) for name, entry in data["list"].items()}


def words(name: str) -> str:
    """The list's phrases as one group, '(?:a|b\\s+c)': longest first, so that 'more than' is tried
    before 'more', and a space in a phrase matching any run of white space."""
    phrases = sorted(lists()[name], key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases) + ")"
