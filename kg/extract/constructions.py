"""The genre's constructions as named records (ontology/constructions.toml), with their examples.

The engine that reads each construction is in kg/extract/statistics.py and kg/extract/events.py; this module only
loads the records, so that every fact can name the construction it was read by, `evaluate` can
score each one, and the examples run as tests.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from kg.paths import constructions_file


@dataclass(frozen=True)
class Example:
    text: str
    published: dt.date
    facts: tuple[tuple[str, ...], ...] = ()  # indicator, scheme, area, period, period_kind, value, unit
    unclassified: tuple[str, ...] = ()  # figures as written
    events: tuple[tuple[str, ...], ...] = ()  # indicator, scheme, area, period


@dataclass(frozen=True)
class Construction:
    name: str
    reads: str
    examples: tuple[Example, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def load() -> dict[str, Construction]:
    data = tomllib.loads(constructions_file().read_text(encoding="utf-8"))
    out: dict[str, Construction] = {}
    for rec in data["construction"]:
        examples = tuple(
            Example(
                text=ex["text"],
                published=dt.date.fromisoformat(ex["published"]),
                facts=tuple(tuple(f) for f in ex.get("facts", [])),
                unclassified=tuple(ex.get("unclassified", [])),
                events=tuple(tuple(e) for e in ex.get("events", [])),
            )
            for ex in rec.get("example", [])
        )
        out[rec["name"]] = Construction(rec["name"], " ".join(rec["reads"].split()), examples)
    return out
