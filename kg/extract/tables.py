"""Tables written as lines of cells, as bulletins copied from a page give them:

    Indicator | Unit | 2024 | 2025
    Participants | 10,000 persons | 26410 | 27163

A figure of such a table is named by its row's label and its column's header together, in the unit
its row declares (a 'Unit' column) or the page declares ('Unit: 100 million yuan'), and dated by a
year its column, its row or the table's title gives. This module finds the cells; the reader
(kg.extract.reader) decides what each figure is, on the same positive evidence as in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.numbers import has_figure

# a line of three cells or more, split by '|' (a tab-separated copy is read the same way)
_PIPES = re.compile(r"[ \t]*(?:\||\t)[ \t]*")
# or aligned by runs of spaces, as a page's table copied as text gives it ('Retirees      13079     12762'),
# where a label too long for its column leaves a single space before the first number
_SPACES = re.compile(r" {2,}|(?<=[^\d\s,.:;]) (?=-?\d[\d,.]*(?: {2,}| *$))")
_ALIGNED_MAX = 160  # a line of a table is short, and no prose runs on in it ('... yuan.  The ...')
YEAR = re.compile(r"(?:19|20)\d\d")
# a column of growth rates: 'Increase over 2024 (%)', 'Growth (%)', 'Year-on-year change (%)'
GROWTH_HEAD = re.compile(r"(?i)(?:increase|growth|change|rise|year[- ]on[- ]year|y/y).*(?:%|percent)")
_UNIT_HEAD = re.compile(r"(?i)units?(?:\s+of\s+measurement)?")
# what a 'Unit' cell (or a page's 'Unit: ...' line) declares: a scale and what it counts
_DECLARED = re.compile(
    r"(?i)(?P<scale>10,000|ten\s+thousand|100\s+million|hundred\s+million|billion|bln|million|mln|thousand)?\s*"
    r"(?P<what>persons|people|yuan|percent|%|person-times|enterprises|units|households)"
)
_SCALES = {
    "10,000": Decimal(10**4),
    "ten thousand": Decimal(10**4),
    "100 million": Decimal(10**8),
    "hundred million": Decimal(10**8),
    "billion": Decimal(10**9),
    "million": Decimal(10**6),
    "bln": Decimal(10**9),
    "mln": Decimal(10**6),
    "thousand": Decimal(10**3),
}
# a line that declares a table's unit: 'Unit: 100 million yuan', 'Unit: 10,000 persons'
UNIT_LINE = re.compile(rf"\s*\(?units?\s*[:：]\s*{_DECLARED.pattern.removeprefix('(?i)')}\)?\s*", re.I)
_WHAT = {"persons": "persons", "people": "persons", "yuan": "CNY", "percent": "percent", "%": "percent"}


@dataclass(frozen=True)
class Cell:
    start: int  # offsets in the article
    end: int
    text: str


def _separators(text: str, start: int, end: int) -> list[re.Match[str]]:
    if (text.find("|", start, end) != -1 or text.find("\t", start, end) != -1) and _PIPES.search(text, start, end):
        return list(_PIPES.finditer(text, start, end))
    line = text[start:end]
    if "\n" in line or len(line) > _ALIGNED_MAX or re.search(r"[.;:]\s+[A-Z]", line):
        return []
    return list(_SPACES.finditer(text, start, end))


def cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of the line text[start:end], stripped, with their offsets."""
    start += len(text[start:end]) - len(text[start:end].lstrip())  # an indented row ('    of which: retirees')
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    out, pos = [], start
    for m in [*_separators(text, start, end), None]:
        stop = m.start() if m else end
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        out.append(Cell(pos + lead, pos + lead + len(raw.strip()), raw.strip()))
        if m:
            pos = m.end()
    return out


_NUMBER_CELL = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def is_row(line: str) -> bool:
    """Three cells or more, the first a label (not a menu: 'Home | China | World' has no figure); or a
    label and one number split by '|' ('Item | 2019', 'Unemployment insurance | 20,498')."""
    line = line.strip()
    if "\n" in line:
        return False
    seps = _separators(line, 0, len(line))
    if len(seps) == 1 and _PIPES.fullmatch(seps[0].group()):
        return bool(_NUMBER_CELL.fullmatch(line[seps[0].end() :].strip()))
    return len(seps) >= 2


def figure_row(line: str) -> bool:
    """A row whose last cell is a number ('Age 60 and over | 31,873 | 22.7'): a table's, not a menu's."""
    row = cells(line, 0, len(line)) if is_row(line) else []
    return bool(row) and bool(_NUMBER_CELL.fullmatch(row[-1].text))


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def header(text: str, line_start: int) -> list[Cell] | None:
    """The header of the table the row at `line_start` belongs to: the first line of its run of rows
    of as many cells, when that line holds no figure but years ('Item | Revenue | Expenditure',
    'Indicator | Unit | 2024 | 2025'). None when the row is the first or the run has no such head."""
    n = len(cells(text, *_line_at(text, line_start)))
    first = None
    pos = line_start
    while pos > 0:
        s, e = _line_at(text, pos - 1)
        if not is_row(text[s:e]) or len(cells(text, s, e)) != n:
            break
        first, pos = (s, e), s
    if first is None:
        return None
    head = cells(text, *first)
    return head if is_header(head) else None


def parents(text: str, pos: int) -> list[str]:
    """The labels of the rows a row is indented under, nearest first ('  Employees' basic pension' above
    '    of which: retirees'): a sub-item's scheme is its parent's."""
    line_start = _line_at(text, pos)[0]
    own = _indent(text, line_start)
    out, pos = [], line_start
    while pos > 0:
        s, e = _line_at(text, pos - 1)
        if not is_row(text[s:e]):
            break
        if (depth := _indent(text, s)) < own:
            out.append(cells(text, s, e)[0].text)
            own = depth
        pos = s
    return out


def _indent(text: str, line_start: int) -> int:
    line = text[line_start : _line_at(text, line_start)[1]]
    return len(line) - len(line.lstrip(" \t"))


def is_header(row: list[Cell]) -> bool:
    """A row of labels, with no figure but years ('Item | 2024 | Increase over 2024 (%)')."""
    return not any(has_figure(YEAR.sub("", c.text)) for c in row)


def title(text: str, header_start: int) -> str:
    """The two lines above a table's header ('Table 4 Execution of the social insurance fund budgets in 2024',
    'Unit: 100 million yuan'), where its scheme, year and unit are given."""
    before = text[:header_start].rstrip("\n").split("\n")
    return "\n".join(before[-2:])


_PERCENT_HEAD = re.compile(r"(?i)\(%\)|\bper\s*cent\b|\bproportion\b|\bshare\b|%")


def percent_column(head: Cell) -> bool:
    """A column of percentages ('Proportion (%)', 'Share of total'): its cells are no counts of the unit above."""
    return bool(_PERCENT_HEAD.search(head.text)) and not GROWTH_HEAD.search(head.text)


def unit_column(head: list[Cell]) -> int | None:
    return next((i for i, c in enumerate(head) if _UNIT_HEAD.fullmatch(c.text)), None)


_BRACKETED = re.compile(r"\(([^()]+)\)")


def header_unit(head: Cell) -> tuple[Decimal, str] | None:
    """The unit a column's header declares in brackets ('Balance (bln yuan)', 'Participants (10,000 persons)')."""
    m = _BRACKETED.search(head.text)
    return declared(m.group(1)) if m else None


def declared(cell: str) -> tuple[Decimal, str] | None:
    """The scale and unit a 'Unit' cell declares ('10,000 persons' -> 10^4 persons), or None."""
    m = _DECLARED.fullmatch(cell.strip())
    if m is None or m.group("what").lower() not in _WHAT:
        return None
    scale = _SCALES[re.sub(r"\s+", " ", m.group("scale").lower())] if m.group("scale") else Decimal(1)
    return scale, _WHAT[m.group("what").lower()]


def cell_of(row: list[Cell], pos: int) -> int | None:
    """The index of the cell holding the character at `pos`."""
    return next((i for i, c in enumerate(row) if c.start <= pos < c.end), None)
