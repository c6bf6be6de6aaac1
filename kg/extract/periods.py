"""Time expressions of the genre and the periods they denote.

'by the end of 2022', 'in 2022', 'January 2022', 'November 25, 2022', 'from January to June',
'the first half of the year', 'at present', 'on the 22nd', 'last year': each becomes a calendar
interval with its precision. Expressions without a year resolve against the publication date or
the year the article is talking about, as a reader would.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.grammar import lists, words
from kg.extract.lexicon import may_hold

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# the abbreviations news pages write ('Nov. 3', 'Sept. 14', 'Jan 1'); 'May' is already whole
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# a month as written: its name, or an abbreviation (with or without its full stop)
MONTH = "|".join(MONTHS) + "|" + "|".join(rf"{a}\.?" for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
# a month's name may end a sentence ('by the end of June.'); an abbreviation keeps its own full stop
_ABBREVIATED = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
_M = rf"(?:(?:{'|'.join(MONTHS)})(?![a-z])|(?:{_ABBREVIATED})\.?(?![a-z.]))"


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation as written ('September', 'Sept.', 'sep')."""
    key = name.lower().rstrip(".")
    return MONTHS.index(key) + 1 if key in MONTHS else MONTH_ABBREVIATIONS[key]


_Y = r"(?:19[5-9]\d|20\d\d)(?![\d%,.]\d)"


@dataclass(frozen=True)
class Period:
    """A calendar interval [first, last] with the precision the text gave it."""

    first: dt.date
    last: dt.date
    precision: str  # day | month | year | interval
    start: int = 0  # character offsets of the expression in the article
    end: int = 0
    text: str = ""
    # how the text introduced it: since | from | until | end (end of ...) | report | compare | weekday | ""
    marker: str = ""
    vague: bool = False  # "throughout the year", "annual": the year is the context's
    rough: bool = False  # 'around 2035', 'by about 2050': a year, no day of it

    def notation(self) -> str:
        """The period as the tidy table writes it: 2022-12-31, 2022-01, 2005 or first/last."""
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.isoformat()[:7]
        if self.precision == "year":
            return str(self.first.year)
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def day(d: dt.date) -> Period:
    return Period(d, d, "day")


def month(y: int, m: int) -> Period:
    return Period(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month")


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def interval(a: dt.date, b: dt.date) -> Period:
    return Period(a, b, "interval")


def of_notation(text: str) -> Period:
    """The period a table's notation writes ('2022', '2022-01', '2022-01-25'), for a fact read back."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 1:
        return year(parts[0])
    if len(parts) == 2:
        return month(parts[0], parts[1])
    return day(dt.date(parts[0], parts[1], parts[2]))


def year_before(d: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


@dataclass(frozen=True)
class Context:
    """What an expression without a year is resolved against."""

    published: dt.date
    year: int  # the year the article is talking about

    def month_year(self, m: int) -> int:
        """The year of a month named without one: the latest such month not after publication."""
        y = self.published.year
        return y if dt.date(y, m, 1) <= self.published else y - 1


# 'of 2025', 'of this year', 'of last year', 'of the year' after a part of a year
_OF_YEAR = rf"(?:\s+of\s+(?:(?P<y>{_Y})|(?P<rel>this\s+year|last\s+year)|the\s+year))?"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FUTURE = re.compile(r"(?i)\b(?:will|shall|to\s+(?:take|come|start|begin|open)|starting|from|effective)\b[^.;]{0,60}$")

_WAS = re.compile(r"(?i)\b(?:was|were)\b")
# 'will lift the retirement age step by step, starting in January': a month a future measure starts in
_FUTURE_MONTH = re.compile(r"(?i)\b(?:will|shall)\b[^.;]{0,70}\b(?:starting|beginning|from|effective)\s+(?:in\s+)?$")
_WILL = re.compile(r"(?i)\b(?:will|shall|to\s+be)\b")

_NOT_A_TITLE = "".join(rf"(?<!{re.escape(w)}\s)" for w in lists()["titled_documents"])
_TITLE_YEAR = re.compile(rf"(?i)\b{words('titled_documents')}\s(?P<y>{_Y})")


def title_years(text: str, base: int = 0) -> list[tuple[int, int]]:
    """The spans of the years that end a title ('the China Pension Report 2015'): no period, and no figure."""
    if not may_hold("titled_documents", text):
        return []
    return [(base + m.start("y"), base + m.end("y")) for m in _TITLE_YEAR.finditer(text)]


_PATTERNS: list[tuple[str, str]] = [
    # comparisons are not periods of their own: they say what a change is measured against
    (
        "compare",
        r"(?:over|from|than|compared\s+with|compared\s+to)\s+(?:the\s+)?(?:same\s+period\s+(?:of\s+)?last\s+year|"
        r"a\s+year\s+(?:earlier|ago|before)|the\s+previous\s+year|the\s+end\s+of\s+(?:last|the\s+previous)\s+year|"
        r"the\s+same\s+period\s+of\s+the\s+previous\s+year)|year[-\s]on[-\s]year|year[-\s]over[-\s]year|"
        r"(?:over|than(?:\s+in)?|compared\s+with|compared\s+to)\s+(?:the\s+)?(?:19|20)\d\d(?:\s+(?:level|figure))?\b|"
        r"(?:above|below|under|beyond)\s+(?:the\s+)?(?:19|20)\d\d\s+(?:level|figure)\b",
    ),
    # 'during the 14th Five-Year Plan (period)', 'the 13th Five-Year Plan (2016-2020)': five years
    (
        "plan",
        r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+Five-Year\s+Plan"
        r"(?:\s*\((?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)\))?(?:\s+period)?",
    ),
    # 'from 2018 to 2021', 'between 2016 and 2020': the years from the first's start to the last's end
    ("years", rf"(?:from|between)\s+(?P<a>{_Y})\s+(?:to|and|through|until)\s+(?P<b>{_Y})"),
    ("day_year", rf"(?P<mon>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_Y})"),
    # the day first, as some outlets write it: 'Since 1 October 2014', 'on 15th of March 2021'
    ("day_first", rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?P<y>{_Y})"),
    (
        "from_to",
        rf"(?:from\s+(?P<m1>{_M})\s+to|between\s+(?P<b1>{_M})\s+and)\s+(?P<m2>{_M})"
        rf"(?:\s+(?:of\s+)?(?:(?P<y>{_Y})|(?P<rel>this\s+year|last\s+year)))?",
    ),
    ("m_to_m", rf"(?P<m1>{_M})\s*(?:-|–|to|through)\s*(?P<m2>{_M})(?:\s+(?:of\s+)?(?P<y>{_Y}))?"),
    (
        "end_month",
        # 'the end of June (2025)', 'end-June'
        rf"(?:(?:the\s+)?end\s+of\s+|end-)(?P<mon>{_M})(?:\s+(?:of\s+)?(?:(?P<y>{_Y})|(?P<rel>this\s+year|last\s+year)))?",
    ),
    ("end_year", rf"(?:the\s+)?(?:end|close)\s+of\s+(?P<y>{_Y})|end-(?P<y2>{_Y})|(?P<y3>{_Y})\s+year-end"),
    (
        "end_rel",
        r"(?:the\s+)?end\s+of\s+(?P<rel>last\s+year|the\s+previous\s+year|the\s+year|this\s+year)|year-end"
        r"|(?:the\s+)?year['’]s\s+end|(?<=by\s)(?:the\s+)?year\s+end|(?<=at\s)(?:the\s+)?year\s+end"
        r"|(?<=at\s)(?:the\s+)?end\s+of\s+year\b",  # 'At the end of year, ...': a translation's dropped article
    ),
    ("half", rf"(?:the\s+)?first\s+half(?:\s+(?:of\s+)?(?:(?P<y>{_Y})|the\s+year|(?P<rel>this\s+year|last\s+year)))?"),
    ("quarters", rf"(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters{_OF_YEAR}"),
    ("quarter", rf"(?:the\s+)?(?P<n>first|second|third|fourth)\s+quarter{_OF_YEAR}"),
    ("q", rf"\bQ(?P<n>[1-4])(?:\s+(?:of\s+)?(?P<y>{_Y}))?\b"),  # 'Q1 2024', 'in Q3'
    # 'Unemployment rate, March: 5.2%': a table's item names its month before the colon
    ("item_month", rf"(?<=,\s)(?P<mon>{_M})(?=:)"),
    (
        "months_n",
        rf"(?:the\s+)?first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\s+months{_OF_YEAR}",
    ),
    ("month_year", rf"(?P<mon>{_M})\s+(?:of\s+)?(?P<y>{_Y})"),
    # 'since the beginning of the year': the year so far (not 'from the beginning of the year to May')
    (
        "year_to_date",
        r"(?:since|from)\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year(?!\s+(?:to|until|till)\b)",
    ),
    # not the year of a title ('the China Pension Report 2015'): the report's name, no period of the figures
    ("year", rf"(?<![\d,.]){_NOT_A_TITLE}(?P<y>{_Y})(?!\s*(?:%|percent|yuan|million|billion|people))"),
    ("present", r"at\s+present|currently|so\s+far|to\s+date|up\s+to\s+now|as\s+of\s+now|at\s+the\s+moment|today|now"),
    ("on_day", r"(?:on|as\s+of|until)\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:day|of|time|anniversary))"),
    # 'July 1', 'Jan. 1 last year'
    ("month_day", rf"(?P<mon>{_M})\s+(?P<d>\d{{1,2}})(?!\d)(?:,?\s+(?P<rel>last\s+year|this\s+year)\b)?"),
    # 'said on Thursday': the weekday nearest the report's day (one with its date after it is that date)
    ("weekday", rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})\b(?!,?\s*\(?\s*(?:{_M})\.?\s+\d)"),
    (
        "month",
        rf"(?:in|by|for|of|during|since|until|as\s+of|at|end\s+of)\s+(?P<mon>{_M})(?!\s+\d)(?:\s+(?P<rel>this\s+year|last\s+year))?",
    ),
    ("rel_month", rf"(?P<rel>this|last)\s+(?P<mon>{_M})\b(?!\s+\d)"),  # 'raised this July by 25 yuan'
    # not 'in 2021, its last year': the scheme's final year, no year relative to the report
    ("last_year", r"(?<!its\s)(?<!their\s)(?<!the\s)(?<!whose\s)last\s+year|the\s+previous\s+year"),
    ("this_year", r"this\s+year"),
    (
        "whole_year",
        r"throughout\s+the\s+year|over\s+the\s+(?:whole|full|entire)\s+year|the\s+whole\s+year|"
        r"for\s+the\s+(?:whole\s+)?year|in\s+the\s+same\s+year|annual(?:ly)?|for\s+the\s+full\s+year|all\s+year",
    ),
    # not the 'a year' of a rate ('8,000 yuan a year', '8,000 yuan (about 1,120 dollars) a year'): the figure's
    # nor 'a year before' / 'a year earlier': the year before the one just stated, which the reader dates
    (
        "a_year",
        r"(?<!yuan\s)(?<!RMB\s)(?<!dollars\s)(?<!\)\s)(?:in\s+a\s+year|a\s+year|per\s+year|each\s+year)(?!-)"
        r"(?!\s+(?:before|earlier|ago|later)\b)",
    ),
]

_COMPILED = [(k, re.compile(p, re.I)) for k, p in _PATTERNS]
_MONTH_WORDS = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)
# words one of which a sentence must contain for a pattern to be worth running
_NEEDS: dict[str, frozenset[str]] = {
    "compare": frozenset({"year", "period", "#year"}),
    "plan": frozenset({"plan"}),
    "years": frozenset({"#year"}),
    "day_year": _MONTH_WORDS,
    "day_first": _MONTH_WORDS,
    "from_to": _MONTH_WORDS,
    "m_to_m": _MONTH_WORDS,
    "end_month": _MONTH_WORDS,
    "end_year": frozenset({"end", "close"}),
    "end_rel": frozenset({"end"}),
    "half": frozenset({"half"}),
    "quarters": frozenset({"quarters"}),
    "quarter": frozenset({"quarter"}),
    "q": frozenset({"q"}),
    "item_month": _MONTH_WORDS,
    "months_n": frozenset({"months"}),
    "month_year": _MONTH_WORDS,
    "year_to_date": frozenset({"beginning", "start"}),
    "year": frozenset({"#year"}),
    "present": frozenset({"present", "currently", "far", "date", "now", "moment", "today"}),
    "on_day": frozenset({"st", "nd", "rd", "th"}),  # the ordinal's suffix ('the 22nd' gives the word 'nd')
    "month_day": _MONTH_WORDS,
    "weekday": frozenset(w.lower() for w in _WEEKDAYS),
    "month": _MONTH_WORDS,
    "rel_month": _MONTH_WORDS,
    "last_year": frozenset({"last", "previous"}),
    "this_year": frozenset({"this"}),
    "whole_year": frozenset({"year", "annual", "annually"}),
    "a_year": frozenset({"year"}),
}
_TOKENS = re.compile(r"[a-z]+|(?:19|20)\d\d")


# words (or characters) a pattern needs besides the one that calls for it: without one, it cannot match
_ALSO: dict[str, frozenset[str]] = {
    "from_to": frozenset({"from", "between"}),
    "years": frozenset({"from", "between"}),
    "end_month": frozenset({"end"}),
    "rel_month": frozenset({"this", "last"}),
    "day_year": frozenset({"#year"}),
    "day_first": frozenset({"#year"}),
    "month_year": frozenset({"#year"}),
    "m_to_m": frozenset({"to", "through"}),
    "item_month": frozenset(),
    "month_day": frozenset(),
    "on_day": frozenset({"on", "as", "until"}),
    "compare": frozenset({"over", "from", "than", "compared", "on", "above", "below", "under", "beyond"}),
}
_ALSO_CHARS = {"m_to_m": "-–", "item_month": ":", "month_day": "0123456789"}

_KINDS_OF: dict[str, set[str]] = {}
for _kind, _words in _NEEDS.items():
    for _w in _words:
        _KINDS_OF.setdefault(_w, set()).add(_kind)


_BEFORE, _AFTER = 45, 70  # how far an expression reaches before and after the word that calls for it


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each pattern worth running, the stretches of text around the words it needs.

    A sentence is searched only near 'June', '2022' or 'year', not character by character with
    every pattern (Python's regex engine tries each alternative at every position).
    """
    spots: dict[str, list[int]] = {}
    seen: set[str] = set()
    for m in _TOKENS.finditer(text.lower()):
        w = m.group(0)
        w = "#year" if w[0].isdigit() else w
        seen.add(w)
        for kind in _KINDS_OF.get(w, ()):
            spots.setdefault(kind, []).append(m.start())
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, starts in spots.items():
        also = _ALSO.get(kind)
        if also is not None and seen.isdisjoint(also) and not any(c in text for c in _ALSO_CHARS.get(kind, "")):
            continue  # a word the pattern cannot do without is missing from the sentence
        merged: list[tuple[int, int]] = []
        for p in starts:
            a, b = max(0, p - _BEFORE), min(len(text), p + _AFTER)
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        out[kind] = merged
    return out


_MARKER = re.compile(
    r"(?:(?P<since>since|starting\s+from|from|beginning|effective)|(?P<until>by|as\s+of|until|till|up\s+to|to)|"
    r"(?P<in>in|during|for|of|on|at))\s+(?:the\s+)?$",
    re.I,
)
_N = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    **{str(i): i for i in range(2, 12)},
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
}


def find(text: str, ctx: Context, base: int = 0) -> list[Period]:
    """Time expressions in `text`, longest first, without overlaps, resolved against `ctx`.

    Comparison phrases ('over the same period last year') are returned with marker 'compare'.
    """
    found: list[tuple[int, int, str, re.Match[str]]] = []
    seen: set[tuple[int, str]] = set()
    windows = _windows(text)
    for kind, rx in _COMPILED:
        for a, b in windows.get(kind, ()):
            for w in rx.finditer(text, a, b):
                m = rx.match(text, w.start())  # again on the whole text: the window may cut a lookahead short
                if m is None or (m.start(), kind) in seen or not _word_bounded(text, m.start(), m.end()):
                    continue
                seen.add((m.start(), kind))
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[Period] = []
    last_end = -1
    for s, e, kind, m in found:
        if s < last_end:
            continue
        p = _resolve(kind, m, ctx)
        if p is None:
            continue
        # a weekday ('said on Thursday', 'On Friday, 85 funds were added') dates its own clause only
        marker = "compare" if kind == "compare" else _marker(text, s, kind) or ("weekday" if kind == "weekday" else "")
        if kind in _STATES_A_YEAR and marker != "compare":
            # '79 years in 2024, and ... 310 million at the end of the year': the year just stated
            ctx = Context(ctx.published, p.last.year)
        out.append(
            Period(
                p.first,
                p.last,
                p.precision,
                base + s,
                base + e,
                text[s:e],
                marker,
                kind in ("whole_year", "a_year"),
                p.precision == "year" and bool(_ROUGHLY.search(text, max(0, s - 16), s)),
            )
        )
        last_end = e
    # 'for the year 2025': the vague phrase only introduces the year that follows it
    return [
        p
        for i, p in enumerate(out)
        if not (
            p.vague
            and i + 1 < len(out)
            and not out[i + 1].vague
            and _OF_GAP.fullmatch(text[p.end - base : out[i + 1].start - base])
        )
    ]


_STATES_A_YEAR = frozenset({"year", "end_year", "day_year", "month_year"})  # kinds that write a year out
_REPORT = re.compile(rf"(?i)\b{words('report_release')}\s+(?:on\s+)?$")
_ROUGHLY = re.compile(r"(?i)\b(?:around|about|circa|approximately|roughly)\s+(?:the\s+year\s+)?$")
_OF_GAP = re.compile(r"\s*(?:of\s+)?")


def _word_bounded(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e == len(text) or not text[e].isalnum())


_CUT_OFF_MONTH = re.compile(r"(?i)(?:by|until|till|as\s+of|end\s+of)\s")


_COMPARED_WITH = re.compile(
    r"\b(?:compared\s+(?:with|to)|than(?:\s+at)?|over|against(?:\s+the\s+(?:figures?|levels?|numbers?)\s+(?:at|of))?)"
    # 'an increase of 0.48 million over that at the end of 2020', 'more than that of 2020'
    r"\s+(?:(?:that|those|the\s+figure|the\s+level)\s+(?:at|of|in)\s+)?(?:the\s+)?$",
    re.I,
)


def _marker(text: str, s: int, kind: str) -> str:
    if kind == "year_to_date":
        return "since"  # 'since the beginning of the year' says where a total began, like 'since January'
    if _COMPARED_WITH.search(text, max(0, s - 40), s):
        return "compare"  # 'an increase of 1.4 million compared with the end of 2024': what a change is measured from
    if kind.startswith("end") and re.search(r"\bfrom\s+(?:the\s+)?$", text[max(0, s - 12) : s], re.I):
        return "compare"  # 'increased by 31 million from the end of 2024': the base of a change, not its date
    if kind == "month" and _CUT_OFF_MONTH.match(text, s):
        return "until"  # 'as of September', 'by June': the preposition is the expression's own
    if kind.startswith("end") and re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, s - 20) : s], re.I):
        return "since"  # 'since the end of 2016'
    if kind.startswith("end"):
        return "end"
    if _REPORT.search(text[max(0, s - 25) : s]):
        return "report"  # 'the yearly report it published on May 6': the report's day, not its figures'
    clause = re.split(r"[,;.:]", text[max(0, s - 80) : s])[-1]
    if re.search(r"\bsince\b", clause, re.I):
        return "since"
    m = _MARKER.search(text[max(0, s - 20) : s])
    if not m:
        return ""
    if m.group("since"):
        return "since"
    if m.group("until"):
        return "until"
    return ""


def _relative_year(rel: str | None, ctx: Context) -> int | None:
    if not rel:
        return None
    return ctx.published.year - 1 if rel.lower().startswith("last") else ctx.published.year


def _mon(m: re.Match[str], key: str = "mon") -> int:
    return month_number(m.group(key))


def _resolve(kind: str, m: re.Match[str], ctx: Context) -> Period | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    if kind == "compare":
        return day(ctx.published)
    if kind == "plan":  # the sixth plan ran 1981-1985, and every one since five years on
        first = int(g["a"]) if g.get("a") else 1981 + 5 * (int(g["n"]) - 6)
        if int(g["n"]) < 6 and not g.get("a"):
            return None
        return interval(dt.date(first, 1, 1), dt.date(int(g["b"]) if g.get("b") else first + 4, 12, 31))
    if kind == "years":
        a, b = int(g["a"]), int(g["b"])
        return interval(dt.date(a, 1, 1), dt.date(b, 12, 31)) if a < b else None
    if kind in ("day_year", "day_first"):
        assert y is not None  # the pattern has the year
        try:
            return day(dt.date(y, _mon(m), int(g["d"])))
        except ValueError:
            return None
    if kind in ("from_to", "m_to_m"):
        m1, m2 = _mon(m, "m1" if g.get("m1") else "b1"), _mon(m, "m2")
        if y is None:
            rel = (g.get("rel") or "").lower()
            y = (
                ctx.published.year - 1
                if rel.startswith("last")
                else (ctx.published.year if rel else ctx.month_year(m2))
            )
        return interval(dt.date(y, m1, 1), month(y, m2).last)
    if kind == "end_month":
        mon = _mon(m)
        y = y or _relative_year(g.get("rel"), ctx) or ctx.month_year(mon)
        return day(month(y, mon).last)
    if kind == "end_year":
        y = int(g.get("y") or g.get("y2") or g["y3"])  # one of them matched
        return day(dt.date(y, 12, 31))
    if kind == "end_rel":
        rel = (g.get("rel") or "the year").lower()
        if rel.startswith(("last", "the previous")):
            return day(dt.date(ctx.published.year - 1, 12, 31))
        if rel.startswith("this"):
            return day(dt.date(ctx.published.year, 12, 31))
        return day(dt.date(ctx.year, 12, 31))
    if kind in ("half", "quarters", "months_n", "quarter", "q"):
        if kind == "half":
            n_months = 6
            first_month = 1
        elif kind == "quarters":
            n_months, first_month = 3 * _N[g["n"].lower()], 1
        elif kind in ("quarter", "q"):
            q = int(g["n"]) if kind == "q" else _N[g["n"].lower()]
            n_months, first_month = 3, 3 * (q - 1) + 1
        else:
            n_months, first_month = _N[g["n"].lower()], 1
        last_month = first_month + n_months - 1
        y = y or _relative_year(g.get("rel"), ctx)  # 'the first three quarters of this year'
        y = (
            y or ctx.month_year(last_month)
            if month(ctx.published.year, last_month).last > ctx.published
            else (y or ctx.published.year)
        )
        return interval(dt.date(y, first_month, 1), month(y, last_month).last)
    if kind == "month_year":
        assert y is not None  # the pattern has the year
        return month(y, _mon(m))
    if kind == "year":
        assert y is not None  # the pattern is the year
        return year(y)
    if kind == "present":
        return day(ctx.published)
    if kind == "on_day":
        try:
            return day(ctx.published.replace(day=int(g["d"])))
        except ValueError:
            return None
    if kind == "month_day":
        mon = _mon(m)
        try:
            if g.get("rel"):  # 'from Jan. 1 last year'
                return day(dt.date(_relative_year(g["rel"], ctx) or ctx.published.year, mon, int(g["d"])))
            ahead = dt.date(ctx.published.year, mon, int(g["d"]))
            told = m.string[max(0, m.start() - 80) : m.end() + 150]
            past = bool(_WAS.search(told)) and not _WILL.search(told)  # 'From July 1, the standard was raised'
            if ctx.published < ahead <= ctx.published + dt.timedelta(days=92) and not past:
                return day(ahead)  # 'starting July 1' in a June report: the coming one, not last year's
            after = dt.date(ctx.published.year + 1, mon, int(g["d"]))
            if after <= ctx.published + dt.timedelta(days=92) and not past and _WILL.search(told):
                return day(after)  # 'will take effect on January 1' in a December report: the coming one
            return day(dt.date(ctx.month_year(mon), mon, int(g["d"])))
        except ValueError:
            return None
    if kind == "weekday":
        gap = (_WEEKDAYS.index(g["wd"].capitalize()) - ctx.published.weekday()) % 7
        if _FUTURE.search(m.string, max(0, m.start() - 80), m.start()):
            return day(ctx.published + dt.timedelta(days=gap))  # 'will take effect on Monday': the coming one
        return day(ctx.published - dt.timedelta(days=(7 - gap) % 7))  # 'said on Thursday': the last one
    if kind == "rel_month":
        return month(_relative_year(g["rel"], ctx) or ctx.published.year, _mon(m))
    if kind in ("month", "item_month"):
        mon = _mon(m)
        if not g.get("rel") and _FUTURE_MONTH.search(m.string, max(0, m.start() - 80), m.start()):
            coming = dt.date(ctx.published.year + (mon <= ctx.published.month), mon, 1)
            if coming <= ctx.published + dt.timedelta(days=183):
                return month(coming.year, mon)  # 'will lift the age ..., starting in January': the coming one
        return month(_relative_year(g.get("rel"), ctx) or ctx.month_year(mon), mon)
    if kind == "year_to_date":
        return interval(dt.date(ctx.published.year, 1, 1), ctx.published)
    if kind == "last_year":
        return year(ctx.published.year - 1)
    if kind == "this_year":
        return year(ctx.published.year)
    if kind == "whole_year":
        return year(ctx.year)
    if kind == "a_year":
        return year(ctx.year)
    return None
