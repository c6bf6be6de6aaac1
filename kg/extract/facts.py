"""Facts as the extractor states them, and the tidy table every statistic becomes.

A fact is one row of the table: indicator × scheme × area × period, its kind, value and unit, with
the exact characters it came from. The RDF, the CSV and the scorer all read this one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.extract.numbers import plain

# What a statistic says, in the order every table of them shows it.
FIELDS = [
    "indicator",
    "scheme",
    "area",
    "period",
    "period_kind",
    "value",
    "unit",
    "status",
    "qualifier",
    "as_written",
    "speaker",
    "note",
]
# The sentence it was read in and the characters of the sentence and of the figure (RFC 5147 offsets).
SPAN = ["quote", "sentence_start", "sentence_end", "figure_start", "figure_end"]
COLUMNS = ["source", *FIELDS, *SPAN]


# Statuses of facts the statistics hold; an ambiguous or unclassified figure is kept for review only.
STATED = frozenset({"reported", "curated"})
UNPLACED = frozenset({"ambiguous", "unclassified"})
# Statuses of the rows of the build's tables (kg.table): the stated facts and the derived ones.
LISTED = ("reported", "curated", "derived")


@dataclass
class Fact:
    source: str
    indicator: str
    scheme: str
    area: str
    period: str
    period_kind: str
    value: Decimal | None
    unit: str
    status: str = "reported"  # reported | curated | derived | ambiguous | unclassified
    qualifier: str = ""
    as_written: str = ""
    speaker: str = ""  # IRI of the person or organisation the statement is attributed to
    note: str = ""  # garble reading, curation reason, ambiguity
    quote: str = ""  # the sentence
    sentence: tuple[int, int] = (0, 0)
    figure: tuple[int, int] = (0, 0)
    inputs: list[Fact] = field(default_factory=list)  # for derived facts
    formula: str = ""
    construction: str = ""  # the construction of the genre the fact was read by, for evaluation

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """The statistical series point this fact is about (a conversion to dollars is its own point)."""
        return (self.indicator, self.scheme, self.area, self.period, "USD" if self.unit.startswith("USD") else "")

    @property
    def is_event(self) -> bool:
        return self.period_kind == "event"

    def claimed_row(self) -> dict[str, str]:
        """The row as the extractor claims it: a figure kept for review (ambiguous or unclassified)
        claims no indicator and no scheme, so a scorer counts it for its value only; an ambiguous
        figure's guessed indicator stays in its note."""
        row = self.row()
        if self.status in UNPLACED:
            if self.indicator:
                row["note"] = f"{row['note']} (it would be {self.indicator})"
            row["indicator"] = row["scheme"] = ""
        return row

    def row(self) -> dict[str, str]:
        return {
            "source": self.source,
            "indicator": self.indicator,
            "scheme": self.scheme,
            "area": self.area,
            "period": self.period,
            "period_kind": self.period_kind,
            "value": "" if self.value is None else plain(self.value),
            "unit": self.unit,
            "status": self.status,
            "qualifier": self.qualifier,
            "as_written": self.as_written,
            "speaker": self.speaker,
            "note": self.note,
            "quote": self.quote,
            "sentence_start": _offset(self.sentence, 0),
            "sentence_end": _offset(self.sentence, 1),
            "figure_start": _offset(self.figure, 0),
            "figure_end": _offset(self.figure, 1),
        }


def _offset(span: tuple[int, int], i: int) -> str:
    """One end of a span, or empty when there is no span: a derived fact was read nowhere, and
    `0,0` would point at the start of an article it never came from."""
    return str(span[i]) if span[1] > span[0] else ""


def dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per statement: the same figure said twice in an article is one row (the first)."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        k: tuple[object, ...] = (f.source, f.key, f.period_kind, f.value, f.unit, f.status)
        if f.status in UNPLACED:  # not a series point: each figure is its own
            k += f.figure
        if k in seen:
            continue
        seen.add(k)
        out.append(f)
    return out
