"""Reviewed decisions that settle what the text alone cannot.

A curation file sits beside an article (`<name>.curation.toml`); each `[[fact]]` entry names a
figure as written (and, to be unambiguous, a piece of its sentence), the fields it sets, and the
reason. Curated facts are marked as such in the table and the graph, never passed off as reported.

The file has one typed schema (`CurationFile`): codes must be in the ontology's code lists
(ontology/codes/), a period must be a real date, month, year or interval, a value a finite decimal,
so a reviewer's slip is reported with the file, the entry and the field instead of reaching the graph.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from kg.inputs import FileError, read_toml

if TYPE_CHECKING:
    from kg.extract.article import Article
    from kg.extract.facts import Fact

FIELDS = ("indicator", "scheme", "area", "period", "period_kind", "unit")
# the code list each coded field takes its values from (code:indicator, ..., code:period-kind)
CODE_LISTS = {name: name for name in ("indicator", "scheme", "area", "unit")} | {"period_kind": "period-kind"}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@cache
def codes(kind: str) -> frozenset[str]:
    """The notations of one code list of ontology/codes/ (the codes the table and the graph use)."""
    from rdflib.namespace import SKOS

    from kg.extract.lexicon import load
    from kg.namespaces import CODE

    g = load().graph
    return frozenset(str(n) for c in g.subjects(SKOS.inScheme, CODE[kind]) for n in g.objects(c, SKOS.notation))


def _bounds(notation: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period notation (YYYY, YYYY-MM, YYYY-MM-DD); ValueError if none."""
    if not _PERIOD.fullmatch(notation):
        raise ValueError(notation)
    parts = [int(p) for p in notation.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


class Entry(BaseModel):
    """One `[[fact]]`: which figure, what it sets (each field optional), and why."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    figure: Text  # as written
    reason: Text
    sentence: str = ""  # a piece of the figure's sentence
    reject: bool = False
    indicator: str | None = None
    scheme: str | None = None
    area: str | None = None
    unit: str | None = None
    period_kind: str | None = None
    period: str | None = None
    value: Decimal | None = Field(None, strict=False, allow_inf_nan=False)  # a TOML integer, float or string

    @field_validator(*CODE_LISTS)
    @classmethod
    def _in_code_list(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        assert info.field_name is not None  # pydantic names the field for a field validator
        kind = CODE_LISTS[info.field_name]
        known = codes(kind)
        if value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{value!r} is not in the code list code:{kind} (ontology/codes/){hint}")
        return value

    @field_validator("period")
    @classmethod
    def _is_period(cls, value: str | None) -> str | None:
        if value is None:
            return value
        sides = value.split("/")
        try:
            if len(sides) > 2:
                raise ValueError(value)
            bounds = [_bounds(s) for s in sides]
        except ValueError:
            raise ValueError(f"{value!r} is not a period (YYYY, YYYY-MM, YYYY-MM-DD or START/END)") from None
        if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
            raise ValueError(f"{value!r} ends before it begins")
        return value


class CurationFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    fact: list[Entry] = []


def file_of(text_path: Path) -> Path:
    """The curation file beside an article."""
    return text_path.with_name(text_path.stem + ".curation.toml")


def read(path: Path) -> list[Entry]:
    return list(read_toml(path, CurationFile).fact)


def apply(facts: list[Fact], article: Article) -> list[Fact]:
    """The facts with every curation entry applied; an entry that matches no figure is an error."""
    rejected: set[int] = set()
    for i, entry in enumerate(article.curation, 1):
        where = f"{file_of(Path(article.name)).name}: fact[{i}]"
        hits = [k for k, f in enumerate(facts) if f.as_written == entry.figure and entry.sentence in f.quote]
        if not hits:
            raise FileError(
                f"{where}: no extracted figure {entry.figure!r} in a sentence containing {entry.sentence!r}"
            )
        for k in hits:
            if entry.reject:
                rejected.add(k)
                continue
            f = facts[k]
            for name in FIELDS:
                value = getattr(entry, name)
                if value is not None:
                    setattr(f, name, value)
            if entry.value is not None:
                f.value = entry.value
            f.status = "curated"
            f.note = entry.reason
    return [f for k, f in enumerate(facts) if k not in rejected]
