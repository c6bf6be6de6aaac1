"""Statistics from sentences: which indicator, scheme, area and period each figure belongs to.

The rules are about the genre's grammar, not its figures: a figure's own clause names what it
counts ('900 million participants', 'the cumulative balance ... stood at'); lists are paired with
schemes only when 'respectively' and an equal number of named schemes make the pairing certain;
a change ('an increase of', 'up ... from a year earlier') is the change of the figure it follows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from kg.extract import periods as P
from kg.extract.grammar import irregular_forms, words
from kg.extract.lexicon import Indicator, Lexicon, Match, may_hold, per_text
from kg.extract.numbers import Figure, bracket_at, find_figures
from kg.extract.periods import Period
from kg.extract.text import BULLET, Sentence

# 'up' is no change after 'making', 'taking' (a share), 'set', 'signed'
_NOT_UP = "".join(
    f"(?<!{w} )"
    for w in ("making", "make", "made", "makes", "set", "signed", "sign", "signing", "taking", "took", "takes")
)
_CHANGE = re.compile(
    rf"(?:\b{words('change')}|{_NOT_UP}\bup)"
    r"(?:\s+(?:of|by|was|were|is|are|stood\s+at|came\s+to))?(?:\s+(?:more\s+than|over|about|nearly|some|around))?\s*$",
    re.I,
)
# a change stated after its figure: '0.4 percentage points lower year-on-year', '7.5 percent more than a year earlier',
# '28 million people more than'
_CHANGE_AFTER = re.compile(
    r"(?:\s+(?:people|persons))?\s*(?:lower|higher|more|less|fewer|down|up|below|above)\b"
    r"(?=\s+(?:than|from|on|over|year|compared|a\s+year|in\s+the\s+same))",
    re.I,
)
# a change named by the figure's head noun: 'a 6.5-percent rise', 'the 2 percent decline'
_CHANGE_HEAD = re.compile(rf"[\s-]?{words('change_nouns')}\b", re.I)
_DECREASE = re.compile(words("decrease"), re.I)
_ANOTHER = r"(?:\s+(?:another|a\s+further|an\s+additional))?"  # 'raised by another 20 yuan'
_BY_END = re.compile(rf"\bby{_ANOTHER}\s*$", re.I)
_NEWLY = re.compile(
    r"(?i)\bnewly\s+(?:increased|added)\s*$"
)  # '新增': the new ones over a period, no change of a level
_CHANGE_VERB_IN = re.compile(rf"\b{words('change')}\b", re.I)  # a change verb earlier in the clause
ITEM_SEP = r"\s*(?:,\s*and|,|and|、|;)\s*"  # between two items of a list: ', and', ',', 'and', '、', ';'
LIST_SEP = re.compile(rf"^{ITEM_SEP}(?:,?\s*respectively\s*,\s*)?$")  # ", and, respectively, "
# '41,256 people, 14,870 people and 22,635 people': each figure of a list repeating its noun
_NOUN_SEP = re.compile(r"^\s+(people|persons|person-times|households|enterprises)(\s*(?:,\s*and|,|and|、|;)\s*)$")
_RESPECTIVELY = re.compile(r"^[\s,]*(?:\w+\s+){0,2}?respectively", re.I)
_BOUNDARY = re.compile(rf"[,;:]|\s{words('clause_conjunctions')}\s|\s--\s")
_AND = re.compile(r"\sand\s")
_SHARED = re.compile(r"\s+[a-z-]+(?:\s+[a-z-]+)?\s+and\s+", re.I)  # ' urbanites and ', ' rural residents and '
_PREPOSITION = re.compile(r"\s*[\w-]*\s+(?:in|across|among|at)\s+$", re.I)
# 'Participants of unemployment insurance: 252.7 mln', '- New jobs, Jan-Jun: 6.1 million': a table's item line,
# whose head before the colon names its first figure
ITEM_HEAD = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?P<head>[^:\n]{{2,90}}):[ \t]*")
_AND_GAP = re.compile(r"[^,;.()]{0,30}?\s+and\s+", re.I)
_BASE_AFTER = re.compile(
    r"\s+(?:from|over|on|than|compared\s+(?:with|to))\s+(?:the\s+)?(?:end|same|previous|preceding|last|a\s+year)\b"
    r"|\s+(?:year|month)[-\s](?:on|over)[-\s](?:year|month)\b",
    re.I,
)
_THE_NUMBER = re.compile(r"(?i)\bthe\s+(?:total\s+|overall\s+)?number\s+(?:of\s+)?\w")
_AMONG_THEM = re.compile(r"\s*(?:Among|Of)\s+(?:them|these|those|whom|which)\b")
_ITEM_CHANGE = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?:net\s+)?{words('change')}\b", re.I)
_APPOSITIVE = re.compile(rf"^[\w\s-]{{0,40}},\s+or\s+{words('appositive_qualifiers')}?\s*$", re.I)
_HEDGE = rf"(?:{words('qualifiers')}\s+)?"  # 'a monthly pension of about 4,000 yuan': a qualifier may stand between
_MONTHLY_LEAD = re.compile(
    # ... or a table's item: 'Average monthly pension of retirees: 3,412 yuan'
    r"\bmonthly\s+(?:[\w'’-]+\s+){0,9}?(?:(?:of|at|to|was|were|is|are|reached|stood\s+at|came\s+to)\s+|[\w'’-]+:[ \t]*)"
    rf"{_HEDGE}$",
    re.I,
)
# 'the minimum basic pension was raised by 7 yuan', 'the average pension rose from 1,700 yuan to 3,000 yuan'
_MONTHLY_NOUN_LEAD = re.compile(
    rf"\b{words('monthly_nouns')}\b[^.;:]{{0,80}}?\b(?:by|to|of|at|from|was|were|is|are|reached|stands\s+at|stood\s+at)\s+"
    rf"(?:the\s+)?{_HEDGE}$",  # 'went up from the 1,200 yuan of 2010
    re.I,
)
_A_MONTHS_MOST = 30_000  # yuan: no pension of a month comes near it; a total does
# 'the minimum monthly basic pension for residents will be raised by 20 yuan': a month's amount, changed
_MONTHLY_RAISED = re.compile(
    rf"\bmonthly\s+(?:[\w-]+\s+){{0,8}}?(?:will\s+be\s+|was\s+|were\s+|is\s+|are\s+|be\s+)?{words('change_verbs')}"
    rf"\s+(?:by\s+)?{_HEDGE}$",
    re.I,
)
# 'the annual contribution limit is 8,000 yuan': a yearly limit per person, not a year's total
_ANNUAL_LIMIT_LEAD = re.compile(
    # 'the annual ceiling of contributions to the accounts remains at 12,000 yuan', 'the annual cap is still 9,000'
    rf"\b(?:annual|yearly)\s+(?:[\w-]+\s+){{0,2}}?{words('limit_nouns')}\s+(?:[\w'’-]+\s+){{0,8}}?"
    r"(?:of|at|is|was|stands\s+at|still|remains|stays|remained|stayed)\s+"
    rf"{_HEDGE}$",
    re.I,
)
_PER_AFTER_BRACKET = re.compile(r"[^()]{0,3}\)\s*(?:a|per|each|every)\s+(year|month)\b", re.I)
_ONLY_MONEY = 10**12
_TRILLION = re.compile(r"(?i)\btrillion\b")
_RELATIVE = re.compile(
    r"^[\s,]*which\s+(?:has\s+|had\s+)?(?:[a-z]+\s+){0,2}(?:about|around|nearly|over|some)?\s*$", re.I
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.I)
_NAMELY = re.compile(rf"\b{words('namely')}(?!\s*,)", re.I)  # 'Among them, Jiangsu ...' opens no list


@dataclass
class Unit:
    """One figure, or a list of figures that share one clause ('800 million, 210 million and ...')."""

    figures: list[Figure]
    conversions: list[Figure] = field(default_factory=list)  # bracketed USD after a yuan figure
    respectively: bool = False
    change: bool = False
    negative: bool = False
    seg: tuple[int, int] = (0, 0)  # the clause the unit owns, in article offsets

    @property
    def start(self) -> int:
        return self.figures[0].start

    @property
    def everything(self) -> list[Figure]:
        """Its figures and their bracketed conversions: all are kept when the unit stays unclassified."""
        return self.figures + self.conversions

    @property
    def end(self) -> int:
        end = max([f.end for f in self.figures])
        return max(end, max([c.end for c in self.conversions])) if self.conversions else end


@dataclass
class DocState:
    """What earlier sentences established: the last period and scheme a reader carries forward."""

    period: Period | None = None
    scheme: str = ""  # the scheme of the paragraph so far
    topic: str = ""  # the scheme of the article so far (never reset)
    paragraph: int = -1
    effective: Period | None = None  # the day a measure takes effect ('starting from January 1')
    area: str = "CN"  # the province the whole report is about, if it is about one
    named: set[str] = field(default_factory=set)  # every scheme the report has named so far
    before: str = ""  # the scheme in scope at the end of the paragraph before
    section: str = ""  # the scheme the last section heading named ('II. Unemployment insurance')
    dateline_end: int = 0  # where the sentence after the dateline begins
    place: str = ""  # the one place (not the nation) the last sentence naming places named
    last_stock: str = ""  # the indicator of the last stock of people or money stated ('the total' refers to it)
    scales: dict[str, Decimal] = field(default_factory=dict)  # units a table declares: persons x 10,000, yuan x 10^8
    # the last sentence's list of levels ('A, B and C had X, Y and Z'): its indicator, schemes and period,
    # which a list of changes in the next sentence ('... gained x, y and z respectively') is of
    last_list: tuple[str, list[str], Period | None, str] | None = None  # ... and its area
    # the change the last sentence ended on, whose level a bare change leading the next sentence is of
    # ('X gained 20 million insured. For Y the net increase was 7 million')
    last_change: tuple[str, Period | None, str] | None = None  # ... its period, and the interval it spans

    @property
    def sole(self) -> str:
        """The one scheme a report has named so far, if it has named only one."""
        return next(iter(self.named)) if len(self.named) == 1 else ""


# '(persons: 10,000; amounts: 100 million yuan)', 'Unit: 10,000 people, 100 million yuan': a table's bare numbers
_SCALE_OF = {
    "persons": re.compile(
        r"(?i)\b(?:persons|people|number\s+of\s+(?:persons|people))\s*:\s*(?P<n>10,000|ten\s+thousand)\b"
        r"|\bunits?\s*:\s*(?:[^;)\n]{0,30}?[,;]\s*)?(?P<m>10,000|ten\s+thousand)\s+(?:persons|people)\b"
        # a table title's '(10,000 persons)'
        r"|\((?:in\s+)?(?P<b>100\s+million|10,000|ten\s+thousand)\s+(?:persons|people)\)"
    ),
    "CNY": re.compile(
        r"(?i)\b(?:amounts?|funds?|money)\s*:\s*(?P<n>100\s+million|10,000)\s+yuan\b"
        r"|\bunits?\s*:\s*(?:[^;)\n]{0,30}?[,;]\s*)?(?P<m>100\s+million|10,000)\s+yuan\b"
        r"|\((?:in\s+)?(?P<b>100\s+million|10,000)\s+yuan\)"
    ),
}


_SCALE_WRITTEN = re.compile(r"100\s+million|ten\s+thousand")  # of lower-cased text, by literal prefix


def declared_scales(text: str) -> dict[str, Decimal]:
    """The units a page declares for its table's bare numbers ('persons: 10,000; amounts: 100 million
    yuan'): what each bare count of people and each bare amount is to be multiplied by."""
    out: dict[str, Decimal] = {}
    if "10,000" not in text and not _SCALE_WRITTEN.search(text.lower()):
        return out  # the common case: no scale written, and the patterns need not try every position
    for unit, rx in _SCALE_OF.items():
        m = rx.search(text)
        if m:
            written = re.sub(r"\s+", " ", (m.group("n") or m.group("m") or m.group("b")).lower())
            out[unit] = Decimal(100_000_000) if written == "100 million" else Decimal(10_000)
    return out


def bare(fig: Figure) -> bool:
    """A number with no unit, scale word or 'people' after it ('Number of participants: 41.35')."""
    return not fig.unit and not fig.word and not fig.persons and not re.search(r"[a-z]", fig.text, re.I)


_BARE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_THOUSANDS_GROUP = re.compile(r"\d{3}(?![\d.,])")
_IN_POINTS = ("percent", "percentage_points")


def _distributed(figs: list[Figure], text: str) -> list[Figure]:
    """'38.6, 16.9 and 24.1 months', '1.02, 0.22 and 0.27 billion', '3.5 and 4 percent': a list's last
    figure writes the unit and the scale of them all. A bare number with a scale is a plain decimal below
    a thousand ('1,000 and 2 million people' are no millions), and one of a list of percentages is below a
    hundred ('an increase of 680,000, and 27% of the target')."""
    out = list(figs)
    written: tuple[Decimal, str, bool] | None = None  # the scale, unit and persons of the run's last figure
    for i in range(len(out) - 1, -1, -1):
        f = out[i]
        plain = bool(_BARE_NUMBER.fullmatch(f.text)) and not f.unit and not f.persons and not f.bracketed
        sep = text[f.end : out[i + 1].start] if i + 1 < len(out) else ""
        # '2, 386 yuan': a thousands group split off by a stray space, not a list
        split = sep.strip() == "," and bool(_THOUSANDS_GROUP.match(out[i + 1].text))
        if written is not None and plain and LIST_SEP.match(sep) and not split:
            scale, unit, persons = written
            small = "," not in f.text and f.value < (100 if unit in _IN_POINTS else 1000)
            if small or (scale == 1 and unit not in _IN_POINTS):
                out[i] = replace(f, value=f.value * scale, unit=unit, persons=persons)
                continue
        written = None
        head = _BARE_NUMBER.match(f.text)
        if not plain and head is not None and not f.garbled and (number := Decimal(head.group(0).replace(",", ""))):
            written = (f.value / number, f.unit, f.persons)
    return out


def units_of(sentence: Sentence, text: str, blocked: list[tuple[int, int]]) -> list[Unit]:
    figs = [
        f for f in find_figures(sentence.text, sentence.start) if not any(s < f.end and f.start < e for s, e in blocked)
    ]
    figs = _distributed(figs, text)
    units: list[Unit] = []
    for f in figs:
        prev = units[-1] if units else None
        between = text[prev.end : f.start] if prev else ""
        if prev and f.bracketed and f.unit.startswith("USD") and prev.figures[-1].is_money:
            rate = prev.figures[-1].unit.removeprefix("CNY")  # 'a monthly pension of 647 yuan (104 dollars)'
            prev.conversions.append(replace(f, unit="USD" + rate) if rate.startswith("_per") and f.unit == "USD" else f)
            # '12,000 yuan (about 1,650 U.S. dollars) a year': the rate after the brackets is both figures'
            per = _PER_AFTER_BRACKET.match(text, f.end)
            if per and prev.figures[-1].unit == "CNY" and len(prev.figures) == 1:
                rate = "_per_year" if per.group(1).lower() == "year" else "_per_month"
                prev.figures[-1] = replace(prev.figures[-1], unit="CNY" + rate)
                prev.conversions[-1] = replace(f, unit="USD" + rate)
            continue
        if (
            prev
            and not f.word
            and (LIST_SEP.match(between) or _repeats_noun(between, text, f.end))
            # 'A, and B', 'A people, and B people benefited': two clauses
            and not (len(prev.figures) == 1 and _COMMA_AND.match(_NOUN_SEP.sub(r"\2", between)))
            and _compatible(prev.figures[-1], f)
            and not prev.conversions
            and not restates(prev, text)
            # 'reached 81 million, 6 million more than ...': a level and its change, no list
            and not (len(prev.figures) == 1 and _CHANGE_AFTER.match(text, f.end))
        ):
            prev.figures.append(f)
            continue
        if f.unit == "CNY" and (
            _MONTHLY_LEAD.search(text, max(sentence.start, f.start - 110), f.start)
            or _MONTHLY_RAISED.search(text, max(sentence.start, f.start - 120), f.start)
            or (
                abs(f.value) < _A_MONTHS_MOST
                and _MONTHLY_NOUN_LEAD.search(text, max(sentence.start, f.start - 120), f.start)
            )
        ):
            f = replace(f, unit="CNY_per_month")  # 'a monthly pension of 4,100 yuan'
        elif f.unit == "CNY" and _ANNUAL_LIMIT_LEAD.search(text, max(sentence.start, f.start - 110), f.start):
            f = replace(f, unit="CNY_per_year")
        elif not f.unit and not f.persons and f.value >= _ONLY_MONEY and _TRILLION.search(f.text):
            f = replace(f, unit="CNY")  # 'the balance totalled four trillion': nothing else here counts in trillions
        units.append(Unit([f]))
    for u in units:
        after = text[u.end : sentence.end]
        u.respectively = len(u.figures) > 1 or bool(_RESPECTIVELY.match(after)) and "respectively" in after[:30]
        before = text[max(sentence.start, u.start - 40) : u.start]
        qual = u.figures[0].qualifier
        if qual and before.rstrip().lower().endswith(qual):  # 'rose by about 2 million': the change word before 'about'
            before = before.rstrip()[: -len(qual)].rstrip()
        cut = re.search(r"[\w-]+(?:\s+[\w-]+){0,3}\s*$", before)
        tail = before[cut.start() :] if cut else before
        clause = re.split(r"[,;]", text[max(sentence.start, u.start - 120) : u.start])[-1]
        if (may_hold("change", tail) or "up" in tail.lower()) and _CHANGE.search(tail) and not _NEWLY.search(tail):
            u.change = True
            u.negative = bool(_DECREASE.search(tail))
        elif _BY_END.search(tail) and (verb := _CHANGE_VERB_IN.search(clause)):
            u.change = True  # 'has lifted the minimum basic pension for its residents by 8 yuan'
            u.negative = bool(_DECREASE.search(verb.group(0)))
        elif m := _CHANGE_AFTER.match(text, u.end):  # '0.4 percentage points lower year-on-year'
            u.change = True
            u.negative = bool(_DECREASE.search(m.group(0)))
        elif (m := _CHANGE_HEAD.match(text, u.end)) and len(u.figures) == 1:  # 'a 6.5-percent rise'
            u.change = True
            u.negative = bool(_DECREASE.search(m.group(0)))
    # 'up 560,000 month-on-month and 2.8 million from the end of last year': the second change, its word left out
    for a, b in zip(units, units[1:], strict=False):
        if a.change and not b.change and _AND_GAP.fullmatch(text, a.end, b.start) and _BASE_AFTER.match(text, b.end):
            b.change, b.negative = True, a.negative
    head = ITEM_HEAD.fullmatch(text, sentence.start, units[0].start) if units else None
    if head and _ITEM_CHANGE.match(head.group(0)):  # 'Increase of insured over the end of 2025: 213,800 persons'
        units[0].change = True
        units[0].negative = bool(_DECREASE.search(head.group(0)))
    _per_carried(units, text)
    _segments(units, sentence, text)
    return units


def _repeats_noun(between: str, text: str, end: int) -> bool:
    m = _NOUN_SEP.match(between)
    return m is not None and text.startswith(" " + m.group(1), end)


def _per_carried(units: list[Unit], text: str) -> None:
    """'from 151 yuan to 169 yuan a month, an increase of 18 yuan': the bare yuan of the level it goes
    from (or to), and of the change after it, are a month's too."""
    for a, b in zip(units, units[1:], strict=False):
        fa, fb = a.figures[-1], b.figures[0]
        if fa.unit == "CNY" and fb.unit.startswith("CNY_per_") and (from_to(a, b, text) or by_to(a, b, text)):
            a.figures[-1] = replace(fa, unit=fb.unit)
        elif (
            fa.unit.startswith("CNY_per_")
            and fb.unit == "CNY"
            and len(b.figures) == 1
            and (b.change or from_to(a, b, text))
        ):
            b.figures[0] = replace(fb, unit=fa.unit)  # 'from 55 yuan a month ... to 103 yuan': 103 a month too


_AMONG = re.compile(r"(?:^|[.;:]\s*|,\s*)(?:among|of|out\s+of)\s+(?:the|these|those)\s+$", re.I)
_PER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:for\s+every|per|for\s+each)\s+(?:\d|one\b|a\s+thousand|hundred)", re.I)


def restates(unit: Unit, text: str) -> bool:
    """'Among the 300 million, 210 million were aged 65': the first figure refers back, it says nothing new."""
    return bool(_AMONG.search(text[max(0, unit.start - 30) : unit.start]))


# 'three in ten account holders', 'one out of every five retirees': a proportion, its two numbers no counts
_IN_EVERY = re.compile(rf"\s+(?:in|out\s+of)\s+(?:every\s+)?{words('proportion_wholes')}\b", re.I)
_IN_EVERY_BEFORE = re.compile(rf"\b{words('proportion_parts')}\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.I)


def per_ratio(unit: Unit, text: str) -> bool:
    """'27 care beds for every 1,000 older residents', 'three in ten holders': a ratio, not a count."""
    return bool(
        _PER.match(text, unit.end)
        or _IN_EVERY.match(text, unit.end)
        or _IN_EVERY_BEFORE.search(text, max(0, unit.start - 24), unit.start)
    )


# 'A ..., B in Y', 'A ... and B in Y', and a part of the whole: 'A ..., including B in Y'
_ELLIPSIS_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|including\s+|of\s+which\s+)?|and\s+|while\s+)$", re.I)
_ELLIPSIS_TAIL = re.compile(r"\s+(?:in|under|for)\s+(?:the\s+)?", re.I)


def elliptical(prev: Unit | None, unit: Unit, schemes: list[Match], text: str, lex: Lexicon | None = None) -> bool:
    """'A people were taking part in X, B in Y and C in Z': B and C count what A counts, each in the
    scheme named right after it (the verb is left out, the scheme is not). A part of the whole ('A ...,
    including B in the employees' scheme', 'B in the scheme for urban and rural residents') may name its
    scheme by its members (Lexicon.member_names)."""
    if prev is None or unit.figures[0].unit != prev.figures[0].unit or len(unit.figures) > 1:
        return False
    gaps = [text[prev.seg[1] : unit.start], text[prev.end : unit.start]]
    if not any(_ELLIPSIS_GAP.match(g) for g in gaps):
        return False
    tail = _ELLIPSIS_TAIL.match(text, unit.end)
    if tail is None:
        return False
    named = list(schemes)
    if lex is not None:
        named += lex.member_names(text, unit.end, unit.seg[1])
    return any(0 <= m.start - tail.end() <= 8 for m in named)


def elliptical_before(prev: Unit | None, unit: Unit, schemes: list[Match], text: str) -> bool:
    """'X reaching A people and Y nearly B people': B counts what A counts, in the scheme named just
    before it (the verb is left out)."""
    if prev is None or unit.figures[0].unit != prev.figures[0].unit or len(unit.figures) > 1:
        return False
    gap = text[prev.end : unit.start]
    for m in schemes:
        if prev.end <= m.start and m.end <= unit.start:
            return bool(
                _AND_START.match(gap[: m.start - prev.end]) and _QUALIFIED_END.fullmatch(text[m.end : unit.start])
            )
    return False


# '17 percent (by 2025), then 20 percent': the first value's own year may stand between
_THEN = re.compile(
    r"(?:\s+(?:by|in|for)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d)?\s*,?\s*(?:and\s+)?then\s+(?:to\s+)?", re.I
)


def then_next(prev: Unit | None, unit: Unit, text: str) -> bool:
    """'will hit 17 percent by 2025, then 20 percent in 2030': the next value of the same quantity."""
    if prev is None or len(unit.figures) > 1 or not _compatible(prev.figures[-1], unit.figures[0]):
        return False
    return bool(_THEN.fullmatch(text, prev.end, unit.start))


_DATED_LEAD = re.compile(r"\s+(?:in|for|during|by|at|as\s+of)\s+(?:the\s+)?", re.I)  # ' in ', ' at the '
_SERIES_SEP = re.compile(r"\s*(?:,\s*and|,|;|and|、)\s*")
_YEAR_COLON = re.compile(r"\s*:\s*")


def dated_next(prev: Unit | None, unit: Unit, text: str, found: list[Period]) -> bool:
    """'5.12 percent in 2017, 2.31 percent in 2018 and 8.87 percent in 2019', '2015: 85,930; 2016: 88,611': the
    next figure of a series, each dated by its own period, measures what the first measures."""
    if prev is None or unit.change or prev.change or len(prev.figures) > 1 or len(unit.figures) > 1:
        return False
    if not _compatible(prev.figures[0], unit.figures[0]):
        return False
    gap_periods = [p for p in found if prev.end <= p.start and p.end <= unit.start]
    if len(gap_periods) == 1:
        p = gap_periods[0]
        before, after = text[prev.end : p.start], text[p.end : unit.start]
        # the period after the first figure, then the next figure, dated the same way
        if _DATED_LEAD.fullmatch(before) and _SERIES_SEP.fullmatch(after):
            return any(_DATED_LEAD.fullmatch(text, unit.end, q.start) for q in found if q.start >= unit.end)
        # the year before each figure: '2015: 85,930; 2016: 88,611'
        return bool(_SERIES_SEP.fullmatch(before) and _YEAR_COLON.fullmatch(after))
    return False


def from_to(prev: Unit | None, unit: Unit, text: str) -> bool:
    """'rose from A (in 2012) to B': B measures what A measures (a second level, not a change)."""
    if prev is None:
        return False
    return bool(_TO.search(text, prev.end, unit.start) and _FROM.search(text[max(0, prev.start - 12) : prev.start]))


_TO_FROM_GAP = re.compile(r"(?:\s+(?:a|per|each)\s+month)?\s+from\s+(?:the\s+)?", re.I)


def to_from(prev: Unit | None, unit: Unit, text: str) -> bool:
    """'bringing the pension to B a month from A': A, after B, is the level B was raised from."""
    if prev is None or len(prev.figures) > 1 or len(unit.figures) > 1:
        return False
    head = prev.figures[0].start - len(prev.figures[0].qualifier)
    return bool(_TO.search(text, max(0, head - 8), head) and _TO_FROM_GAP.fullmatch(text, prev.end, unit.start))


_BY = re.compile(rf"\bby{_ANOTHER}\s+$", re.I)
_TO_ONLY = re.compile(
    r",?\s+(?:(?:again|once\s+more|further)\s*,?\s+)?(?:(?:bringing|taking|lifting|raising|pushing)\s+it\s+)?to\s+",
    re.I,
)  # "by 15 yuan to 131", "by 15 yuan again, to 131", "by 15 yuan, bringing it to 131"


def by_to(a: Unit | None, b: Unit | None, text: str) -> bool:
    """'will rise by A to B': A is the change, B the level it reaches."""
    if a is None or b is None or len(a.figures) > 1 or len(b.figures) > 1 or not a.change:
        return False
    head = a.figures[0].start - len(a.figures[0].qualifier)
    return bool(_TO_ONLY.fullmatch(text, a.end, b.start) and _BY.search(text, max(0, head - 20), head))


_THEN_FROM = re.compile(r",?\s+(?:[a-z]+ing\s+)?from\s+", re.I)


_PAID_TO = re.compile(r"[^,;.]{0,60}?\bto\s+(?:about\s+|some\s+|nearly\s+|more\s+than\s+|over\s+)?$", re.I)
_PERSON_HEAD = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?{words('recipient_nouns')}\b", re.I)


def paid_to(prev: Unit | None, unit: Unit, text: str) -> bool:
    """'issued 2.06 billion yuan of pensions to 1.69 million old people': the people after 'to' are the
    money's recipients (not enterprises: 'returned 1 billion yuan to 17,500 firms')."""
    if prev is None or len(prev.figures) > 1 or len(unit.figures) > 1 or not prev.figures[0].is_money:
        return False
    fig = unit.figures[0]
    start = fig.start - len(fig.qualifier)
    return bool(_PAID_TO.fullmatch(text, prev.end, start)) and bool(_PERSON_HEAD.match(text, fig.end))


def rise_level(a: Unit, b: Unit | None, c: Unit | None, text: str) -> Unit | None:
    """The level a rise 'by A' reaches: B in 'by A to B', C in 'by A, climbing from B to C' (B is the
    level before it); None when A is no such rise."""
    if by_to(a, b, text):
        return b
    if b is None or c is None or len(a.figures) > 1 or not a.change or not _THEN_FROM.fullmatch(text, a.end, b.start):
        return None
    head = a.figures[0].start - len(a.figures[0].qualifier)
    return c if _BY.search(text, max(0, head - 6), head) and from_to(b, c, text) else None


def monthly_pension(unit: Unit, schemes: list[Match], text: str, lex: Lexicon, start: int) -> str:
    """'pensions will rise to 330 yuan a month' for a scheme: the monthly amount that scheme's
    pensions are counted in — the indicator whose default scheme it is (residents: the pension
    standard), else the one whose schemes it falls within (the average pension). 'Pensions' must be
    said in the sentence (from `start`) up to the figure's clause's end."""
    fig = unit.figures[0]
    if fig.unit != "CNY_per_month" or len(unit.figures) > 1 or not _PENSIONS.search(text, start, unit.seg[1]):
        return ""
    named = [m.keys[0] for m in schemes if unit.seg[0] <= m.start < unit.seg[1]] or [m.keys[0] for m in schemes]
    if len(set(named)) != 1:
        return ""
    scheme = named[0]
    monthly = [
        i
        for _, i in sorted(lex.indicators.items())
        if i.unit == "CNY_per_month" and i.kind == "stock" and not (i.derived_only or i.uncoded or i.change_of)
    ]
    own = [i.code for i in monthly if i.default_scheme == scheme]
    within = [i.code for i in monthly if not i.default_scheme and i.within and lex.under(scheme, i.within)]
    return (own or within or [""])[0]


_PENSIONS = re.compile(r"(?i)\bpensions?\b")


# what may stand before a place that is the sentence's subject ('In 2016, Beijing ...', 'Guangdong also ...')
_SUBJECT = re.compile(
    # a leading adverbial of time ('In 2025,', 'In the first half of the year,', 'From January to June,')
    r"(?:[\W_]*(?:in|by|at|as\s+of|from|during|over|since|throughout|between)\s[^,;]{0,50}?,)?"
    r"(?:[\W_]*(?:of|among)\s+(?:these|them|those),)?[\W_]*(?:the\s+)?$",
    re.I,
)  # 'Of these, Guangdong ...'

_ANAPHOR = re.compile(
    r"(?i)\bthe\s+(?:system|program|programme|scheme|fund)\b(?!\s+(?:for|of)\s)"
)  # not 'the scheme for X'
_COMMA_AND = re.compile(r"\s*,\s*and\s+$")  # two items take no comma: 'holders number A, and B cards were issued'
_AND_START = re.compile(r"^[\s\w]{0,12}?\s*(?:,\s*)?and\s+(?:the\s+)?$", re.I)  # ' people and '
_QUALIFIED_END = re.compile(rf"\s*(?:{words('qualifiers')}\s*)?", re.I)
_UP_FROM = re.compile(
    rf"(?:[^.;]{{0,80}}?[\s,)])?[\s,)]*(?P<lead>(?:an?\s+)?(?:{words('change')}|up|down)\s+from|{words('comparison_leads')})"
    rf"\s+(?:the\s+)?(?:{words('qualifiers')}\s+)?",
    re.I,
)


_BARE_FROM = re.compile(rf"[^.;]{{0,60}}?\sfrom\s+(?:the\s+)?(?:{words('qualifiers')}\s+)?", re.I)


def up_from(prev: Unit | None, unit: Unit, text: str, cues: list[Match], code: str) -> bool:
    """'hit 9.1 trillion yuan, up from 8.2 trillion in 2024', '72.8 million accounts, against 60.3 million
    at the end of September': the second is the level the first is compared with (a level of the same
    indicator at its own date, not a change), so long as nothing between them names another quantity."""
    if prev is None or unit.change or len(unit.figures) > 1:
        return False
    lead = _UP_FROM.fullmatch(text, prev.end, unit.start)
    if lead:
        gap_end = lead.start("lead")
    elif _BARE_FROM.fullmatch(text, prev.end, unit.start) and _TO.search(text, max(0, prev.start - 12), prev.start):
        gap_end = unit.start  # 'grew to 954.6 billion yuan by the end of 2015 from 768.9 billion': 'from' alone
    else:
        return False
    return not any(prev.end <= m.start < gap_end and code not in m.keys for m in cues)


_CHANGED_FROM = re.compile(
    rf"\s+(?:from|over|{words('comparison_leads')})\s+(?:the\s+)?(?:{words('qualifiers')}\s+)?", re.I
)


def changed_from(prev: Unit | None, unit: Unit | None, text: str) -> bool:
    """'falling 0.1 points from the 5.3% of August': the level a change is of, at the date it ran from."""
    if prev is None or unit is None or not prev.change or unit.change or len(prev.figures) > 1 or len(unit.figures) > 1:
        return False
    return bool(_CHANGED_FROM.fullmatch(text, prev.end, unit.start))


# the count's head noun, a comma, then the lead: ' social security cards, reaching '
_SHARE_LEAD = re.compile(
    rf"(?:\s+[\w'’-]+){{0,14}}?\s*,\s*{words('share_leads')}\s+(?:{words('qualifiers')}\s+)?", re.I
)
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_ENDS = re.compile(r"\s*(?:[.;]|$)")


def share_after(prev: Unit | None, unit: Unit, text: str) -> bool:
    """'6 million cards, covering 40 percent of the city's people': a percentage led straight from a count,
    and 'of' something after it, is the share that count makes up."""
    if prev is None or len(unit.figures) > 1 or unit.figures[0].unit != "percent" or unit.change:
        return False
    fig = unit.figures[0]
    led = _SHARE_LEAD.fullmatch(text, prev.end, fig.start - len(fig.qualifier))
    # 'numbered 216 million, or 15.4 percent.', '..., making up 15.4 percent.': the share, its whole left unsaid,
    # ends the sentence
    return bool(led and (_OF_AFTER.match(text, unit.end) or _ENDS.match(text, unit.end)))


def _compatible(a: Figure, b: Figure) -> bool:
    return a.unit == b.unit or (not a.unit and not b.unit)


def _segments(units: list[Unit], sentence: Sentence, text: str) -> None:
    """Each unit owns its clause: from the end of the previous one to the first break after it.

    Between two figures ' and ' also breaks ('income ... 3.9 trillion yuan and total expenditure').
    """
    start = sentence.start
    for i, u in enumerate(units):
        limit = units[i + 1].start if i + 1 < len(units) else sentence.end
        m = _BOUNDARY.search(text, u.end, limit)
        if m is None and i + 1 < len(units):
            m = _AND.search(text, u.end, limit)
        end = m.start() if m else limit
        u.seg = (start, end)
        start = end
    if units and ITEM_HEAD.fullmatch(text, sentence.start, units[0].start):
        units[0].seg = (sentence.start, units[0].seg[1])
    # '- 5.1%: surveyed urban unemployment rate in December, ...': a figure opening its line before a colon
    # owns what the colon introduces, up to the next break
    for i, u in enumerate(units):
        colon = _NUMBER_COLON.match(text, u.end)  # lazy: the colon and its spaces
        if colon and (text.startswith(":", u.seg[1]) or ":" not in colon.group(0)) and opens_its_line(text, u.start):
            limit = units[i + 1].start if i + 1 < len(units) else sentence.end
            m = _BOUNDARY.search(text, colon.end(), limit)
            u.seg = (u.seg[0], m.start() if m else limit)
    # '5.2 million people in nine provinces had joined': the figure in the prepositional phrase
    # has its own clause, and the verb after it still belongs to the figure before
    for u, nxt in reversed(list(zip(units, units[1:], strict=False))):
        if u.seg[1] == nxt.start and _PREPOSITION.match(text, u.end, nxt.start):
            u.seg = (u.seg[0], nxt.seg[1])
    # '40 million urbanites and 50 million villagers were covered': two counts joined by 'and', each
    # with its noun, share the predicate after the second
    for u, nxt in reversed(list(zip(units, units[1:], strict=False))):
        joined = _SHARED.fullmatch(text, u.end, nxt.start)
        if joined and u.seg[1] <= nxt.start and _compatible(u.figures[-1], nxt.figures[0]):
            u.seg = (u.seg[0], nxt.seg[1])
    # 'went into its accumulated balance, which reached 5.5 trillion': a relative clause's figure is
    # of the noun before it
    for i, u in enumerate(units):
        if _RELATIVE.match(text[u.seg[0] : u.start]):
            u.seg = (units[i - 1].end if i else sentence.start, u.seg[1])
    # '620 million people, or roughly 45 percent of the population, were holding cards': the clause
    # goes on after the appositive
    for i, (u, nxt) in enumerate(zip(units, units[1:], strict=False)):
        if _APPOSITIVE.match(text[u.end : nxt.start]) and text[nxt.seg[1] : nxt.seg[1] + 1] == ",":
            later = units[i + 2].start if i + 2 < len(units) else sentence.end
            m = _BOUNDARY.search(text, nxt.seg[1] + 1, later)
            u.seg = (u.seg[0], m.start() if m else later)


# ---------------------------------------------------------------- indicator


def unit_ok(fig: Figure, ind: Indicator) -> bool:
    if not ind.unit:
        return False
    if fig.unit in ("CNY", "USD"):
        return ind.unit == "CNY"
    if fig.unit.endswith("_per_month"):
        return ind.unit.endswith("_per_month")
    if fig.unit.endswith("_per_year"):
        return ind.unit.endswith("_per_year")
    if fig.unit in ("percent", "percentage_points", "years", "months"):
        return ind.unit == fig.unit
    if fig.persons:
        return ind.unit == "persons"
    return ind.unit in ("persons", "count", "years")


_CANDIDATES: dict[tuple[int, str, bool], dict[str, Indicator]] = {}


def _candidates(lex: Lexicon, unit: str, persons: bool) -> dict[str, Indicator]:
    """Indicators a figure of this unit can measure (memoised: the same few units recur)."""
    key = (id(lex), unit, persons)
    if key not in _CANDIDATES:
        probe = Figure(0, 0, "", 0, unit, persons=persons)  # type: ignore[arg-type]
        _CANDIDATES[key] = {
            c: ind
            for c, ind in lex.indicators.items()
            if ind.kind != "event" and unit_ok(probe, ind) and not (ind.change_of or ind.derived_only or ind.uncoded)
        }
    return _CANDIDATES[key]


def _in_context(ind: Indicator, sentence: str) -> bool:
    """Whether the sentence holds one of the indicator's context words (or the start of one:
    'pilot' stands for 'pilots' and 'piloted'), where the indicator names any."""
    return not ind.context or _context_in(ind.context, sentence)


@per_text(maxsize=4096)
def _context_in(words: tuple[str, ...], sentence: str) -> bool:
    """Asked for every figure of a sentence and every candidate indicator: answered once a sentence."""
    return bool(_context_rx(words).search(sentence))


@lru_cache(maxsize=256)
def _context_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for an indicator's context words (compiled once, not once per figure)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + ")", re.I)


_SCALE = re.compile(r"(?i)\b(?:hundred|thousand|million|billion|trillion|mln|bln|bn|trln)\b|[亿万]|(?<=\d\s)10,000")


def is_bare(fig: Figure) -> bool:
    """A number with nothing to say what it counts: no unit, no scale word, no 'people' after it
    ('58', 'seven'). Only its head noun can name it ('58 apps', 'seven pilot provinces')."""
    return not fig.unit and not fig.persons and not _SCALE.search(fig.text)


_LEAD = re.compile(rf"\s*{words('lead_verbs')}?\s*", re.I)
_ASIDE = re.compile(rf"(?i)\b{words('asides')}\b")


_COPULA_HEAD = re.compile(r"\s+(?:are|were)\s+")
# '- 247 million: participants in unemployment insurance': a figure that opens its line, then what it counts
# '21 – years of annual increases' in a key-numbers box: a spaced dash does what the colon does
_NUMBER_COLON = re.compile(r"(?:\s*:|\s+[–—-])\s+(?:[\w'’-]+\s+){0,4}?")
_LINE_OPENING = re.compile(rf"\s*(?:{BULLET}\s*)?{_HEDGE}", re.I)


def heads(m: Match, unit: Unit, sentence: Sentence) -> bool:
    """Whether the cue is the figure's head noun, straight after it: '31 provinces', '900 million participants',
    or what a figure opening its line before a colon counts ('- 247 million: participants in ...')."""
    gap = sentence.text[unit.end - sentence.start : m.start - sentence.start]
    if 0 <= m.start - unit.end <= 2 and gap.strip() in ("", "-"):  # '10-consecutive years'
        return True
    if _COPULA_HEAD.fullmatch(gap) and is_bare(unit.figures[0]):
        return True  # 'Of the funds, 85 are index funds': what the figure is, after the copula
    return (
        m.start > unit.end
        and bool(_NUMBER_COLON.fullmatch(gap))
        and opens_its_line(sentence.text, unit.start - sentence.start)
    )


def opens_its_line(text: str, pos: int) -> bool:
    """Whether the figure at `pos` opens its line (after a bullet or a qualifier: '- about 247 million: ...')."""
    return bool(_LINE_OPENING.fullmatch(text, text.rfind("\n", 0, pos) + 1, pos))


# the figure's head noun, then the comma: ' people, ' (not a bare comma: '3.9 trillion yuan, expenditure 3.5')
_SUBJECT_COMMA = re.compile(r"\s+(?:[\w-]+\s+){0,2}?[\w-]+,\s+$")


def _verb_after_comma(m: Match, unit: Unit, sentence: Sentence) -> bool:
    """'some 900 million residents, enjoy coverage under ...': a figure as the subject, its verb after a comma
    (a translation's word order); the cue straight after the comma is the figure's own."""
    gap = sentence.text[unit.end - sentence.start : m.start - sentence.start]
    return 0 < len(gap) <= 30 and bool(_SUBJECT_COMMA.fullmatch(gap)) and not is_bare(unit.figures[0])


def leads(m: Match, fig: Figure, sentence: Sentence) -> bool:
    """Whether the cue leads straight into the figure: 'a balance of 2.5 trillion', 'paid to 8 million'."""
    between = sentence.text[m.end - sentence.start : fig.start - sentence.start]
    if fig.qualifier and between.lower().rstrip().endswith(fig.qualifier):
        between = between.rstrip()[: -len(fig.qualifier)]
    return 0 <= fig.start - m.end <= 24 and bool(_LEAD.fullmatch(between))


# 'the income of the three social insurance funds totalled': the figure is the noun's before 'of', and a cue
# inside the fund's name and its verb ('funds totalled') names nothing of its own
_OF_FUND = re.compile(rf"\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,8}}?funds?\s+{words('lead_verbs')}?\s*", re.I)


def of_fund(m: Match, fig: Figure, sentence: Sentence) -> bool:
    """Whether the cue is the head of 'N of the ... fund(s)', the figure's subject, its verb then the figure."""
    between = sentence.text[m.end - sentence.start : fig.start - sentence.start]
    if fig.qualifier and between.lower().rstrip().endswith(fig.qualifier):
        between = between.rstrip()[: -len(fig.qualifier)]
    return 0 <= fig.start - m.end <= 120 and bool(_OF_FUND.fullmatch(between))


# 'the unemployment rate of people aged 25 to 59': a figure of part of the population the indicator counts
# ... or 'the 16-24 age group'
_AGED = re.compile(r"(?i)\b(?:aged|ages?)\s+(?:from\s+|between\s+)?\d{1,3}\b|\b\d{1,2}\s*[-–]\s*\d{1,2}\s+age\s+group")


def of_an_age_group(unit: Unit, ind: Indicator, sentence: Sentence, benefit_ages: frozenset[int] = frozenset()) -> bool:
    """Whether the figure's clause narrows it to an age group the indicator does not name ('aged 60 and
    over' is some indicators' own): it counts part of those the indicator counts, so it is not the indicator's.
    The age a scheme in scope pays its benefit from narrows nothing ('residents aged 60 and above draw the
    residents' pension' are all its beneficiaries)."""
    s0, s1 = unit.seg
    clause = sentence.text[max(0, s0 - sentence.start) : s1 - sentence.start]
    aged = _AGED.search(clause)
    if aged is None or any("aged" in c or c[:1].isdigit() for c in ind.cues):
        return False
    return not (ind.kind == "stock" and int(re.findall(r"\d+", aged.group(0))[0]) in benefit_ages)


_AFTER_PREPOSITION = re.compile(
    r"(?i)\b(?:in|of|from|among|across|to|for|with|by|at|on)\s+(?:the\s+|its\s+|their\s+)?$"
)
_AUXILIARY = r"(?:had|have|has|were|was|are|is)"
_PREDICATE_GAP = re.compile(
    r"(?:\s+(?:people|persons))?(?:\s+(?:in|across)\s+the\s+(?:province|city|county|country|region)|\s+nationwide)?"
    rf"\s+(?:{_AUXILIARY}\s+)?(?:(?:already|also|now|currently|still)\s+)?",
    re.I,
)
_PEOPLE_THEN = re.compile(rf"\s+(?:[\w-]+\s+)?{words('persons')}\s+", re.I)
# a past participle: regular, or the last form of an irregular verb of the grammar ('paid', 'drawn', 'spent')
_PARTICIPLE = re.compile(
    rf"(?i)[a-z]+ed|{'|'.join(forms[-1] for forms in irregular_forms().values() if len(forms) > 1)}"
)
_MAIN_VERB = re.compile(rf"(?i)\b{words('main_verbs')}\b")
_PREDICATE_START = re.compile(rf"(?i){_AUXILIARY}\b|\w+ing\b")
_AGENT_BY = re.compile(r"\s+by\s+(?:the\s+|its\s+|their\s+)?", re.I)


_TO_LEVEL = re.compile(rf"\b{words('change')}\s+to\s+(?:about\s+|over\s+|nearly\s+)?$", re.I)  # 'raised to 4%'


def choose_indicator(
    unit: Unit,
    cues: list[Match],
    lex: Lexicon,
    sentence_schemes: set[str],
    other_units: list[Unit],
    sentence: Sentence,
    base: str = "",
    scope: str = "",
) -> str:
    """The indicator whose cues stand in the figure's own clause, on positive evidence only: no cue
    there (or, for a bare number, no cue as its head noun) leaves the figure unclassified. An
    indicator's context is the sentence's words, or the scheme in scope where the sentence names none
    ('Pensions rise 3 percent. The rise trails the 4-percent rise of last year')."""
    fig = unit.figures[0]

    # a table's line ('Of which retirees: 2.6 million'): a scheme in scope or named on it is its context
    item = bool(scope or sentence_schemes) and bool(ITEM_HEAD.fullmatch(sentence.text, 0, fig.start - sentence.start))

    part_of_members = bool(scope or sentence_schemes) and bool(_AMONG_THEM.match(sentence.text))

    def in_context(i: Indicator, sentence: str) -> bool:
        within = bool(scope and i.within and lex.under(scope, i.within))
        # 'Among them, 4.3 million were in-service employees': the parts of the members just counted, whose
        # scheme is the insurance context the indicator asks for
        insured = part_of_members and not i.within and any(c.startswith("insur") for c in i.context)
        return _in_context(i, sentence) or within or (item and not i.within) or insured

    if unit.change and base:
        for ind in lex.indicators.values():
            if ind.change_of == base and unit_ok(fig, ind):
                return ind.code
        if fig.unit in ("percent", "percentage_points") and lex.indicators[base].unit not in ("percent",):
            return ""  # a growth rate of a count or amount: no indicator measures it
    # only a cue's indicator (or the level a change cue's indicator is of) can be chosen: the others' context
    # is not looked for, but for a change in an amount, where any changing indicator in context rules out the
    # levels below
    every = unit.change and fig.unit not in ("percent", "percentage_points")
    cued = {k for m in cues for k in m.keys}
    cued |= {lex.change_of_level[k] for k in cued if k in lex.change_of_level}
    cands = {
        c: i
        for c, i in _candidates(lex, fig.unit, fig.persons).items()
        if (every or c in cued)
        and (not i.fixed_scheme or i.default_scheme in sentence_schemes or i.default_scheme == scope)
        and in_context(i, sentence.text)
    }  # card figures only where the sentence names the card; generic cues only in their context
    to_end = fig.start - sentence.start  # an expression that ends there: its last few words are enough to search
    to_start = max(0, to_end - 60)
    if (
        not unit.change
        and "to" in sentence.text[to_start:to_end].lower()
        and _TO_LEVEL.search(sentence.text, to_start, to_end)
    ):
        # 'the ratio was raised to 4 percent': a level the verb brought it to, not the change a verb names
        cands = {c: i for c, i in cands.items() if i.kind != "change"}
    # 'the number insured in medical insurance fell by 372,000': a bare change of 'the number' its clause counts
    head_of = max(0, unit.seg[0] - sentence.start)
    counted = unit.change and bool(_THE_NUMBER.search(sentence.text, head_of, fig.start - sentence.start))
    bare = is_bare(fig) and not counted
    if unit.change and fig.unit not in ("percent", "percentage_points"):
        # 'raised by 20 yuan a month': an amount's change named by its own cue, with no level before it
        # (a change in points or percent without its level could be of a rate or a growth rate)
        cands |= {
            c: i
            for c, i in lex.indicators.items()
            if i.change_of and i.kind == "change" and unit_ok(fig, i) and in_context(i, sentence.text)
        }
        changing = {c: i for c, i in cands.items() if i.kind == "change"}
        cands = changing or cands
    own: dict[str, float] = {}
    other: dict[str, float] = {}
    s0, s1 = unit.seg
    subject = next((m for m in cues if of_fund(m, fig, sentence)), None)
    headed = any(heads(m, unit, sentence) and any(k in cands for k in m.keys) for m in cues)
    for m in cues:
        if subject is not None and subject.end <= m.start < fig.start:
            continue  # inside 'of the ... funds totalled': the subject's noun names the figure
        if (
            m.end <= fig.start
            and any(n is not m and 0 <= m.start - n.end <= 1 for n in cues)
            and _PARTICIPLE.fullmatch(m.text.split()[0])
            and _MAIN_VERB.search(sentence.text, m.end - sentence.start, fig.start - sentence.start)
        ):
            continue  # 'Contributions paid into the accounts totaled': the participle is the noun's, the verb later
        if any(_AGENT_BY.fullmatch(sentence.text, c.end - sentence.start, m.start - sentence.start) for c in cues):
            continue  # 'the accounts opened by participants hit 64 million': the agent names no figure
        if _ASIDE.search(sentence.text[: m.start - sentence.start].rsplit(",", 1)[-1]):
            continue  # 'Despite losses, it put 30 billion in equities in pursuit of returns': an aside names nothing
        dist = max(0, unit.start - m.end, m.start - unit.end)
        weight = len(m.text.split()) / (1 + dist / 80)
        if bare and headed and not heads(m, unit, sentence):
            continue  # 'now covers 17 provinces': a bare number's head noun says what it counts, not the verb before
        head = heads(m, unit, sentence) or leads(m, fig, sentence) or m is subject
        if head:
            weight *= 2  # the figure's head noun ('31 provinces'), or its lead ('a balance of 2.5 trillion')
        elif bare:
            continue
        # another figure's head noun is that figure's ('A cardholders and B electronic card users', 'the
        # participants in the 49 pilot cities were 182 million')
        if any(heads(m, o, sentence) for o in other_units) and not heads(m, unit, sentence):
            continue
        inside = (s0 <= m.start and m.end <= s1) or head or _verb_after_comma(m, unit, sentence)
        in_other = any(o.seg[0] <= m.start < o.seg[1] for o in other_units) and not inside
        for k in m.keys:
            if unit.change and k not in cands and k in lex.change_of_level and lex.change_of_level[k] in cands:
                k = lex.change_of_level[
                    k
                ]  # 'insured people increased by 3.2 million': the change of the level it names
            if k not in cands:
                continue
            if inside:
                own[k] = own.get(k, 0.0) + weight
            elif not fig.word:
                other[k] = other.get(k, 0.0) + (0.5 if in_other else 1.0) * weight
    # '1.28 million insured people were receiving benefits': the verb after the head noun says what is counted
    head_noun = next((m for m in cues if heads(m, unit, sentence)), None)
    if head_noun is None:  # '173,900 people aged 60 and above ... received the basic pension': the people's qualifier
        head_noun = next(
            (
                m
                for m in cues
                if _PEOPLE_THEN.fullmatch(sentence.text, unit.end - sentence.start, m.start - sentence.start)
                and not _PREDICATE_START.match(m.text)  # 'jobless people were drawing benefits': the verb itself
            ),
            None,
        )
    before = sentence.text[: fig.start - sentence.start].rstrip()
    if fig.qualifier and before.lower().endswith(fig.qualifier):
        before = before[: -len(fig.qualifier)].rstrip()
    if _AFTER_PREPOSITION.search(before + " ", max(0, len(before) - 40)):
        head_noun = None  # 'people in seven pilot provinces had joined': the verb is the subject's, not the figure's
    verb = next(
        (
            m
            for m in cues
            if head_noun is not None
            and m.start > head_noun.end
            and _PREDICATE_GAP.fullmatch(sentence.text, head_noun.end - sentence.start, m.start - sentence.start)
            and any(k in cands for k in m.keys)
        ),
        None,
    )
    if verb is not None and not any(k in verb.keys for k in head_noun.keys):  # type: ignore[union-attr]
        return sorted(k for k in verb.keys if k in cands)[0]
    if own:
        best = max(own.values())
        top = sorted(k for k, v in own.items() if v >= best - 1e-9)
        if len(top) == 1:
            return top[0]
        # a tie: the indicator whose scheme the figure's own clause names ('42 percent ... an electronic card'),
        # else one whose scheme the sentence names
        in_clause = {k for m in lex.find_schemes(sentence.text) if s0 <= m.start + sentence.start < s1 for k in m.keys}
        scores = {
            k: other.get(k, 0.0)
            + (2.0 if cands[k].default_scheme in in_clause else 0.0)
            + (0.5 if cands[k].default_scheme in sentence_schemes else 0.0)
            for k in top
        }
    else:  # nothing in the figure's own clause names what it counts: no positive evidence
        return ""
    if not scores:
        return ""
    best = max(scores.values())
    return sorted(k for k, v in scores.items() if v == best)[0]


def holding(unit: Unit, schemes: list[Match], text: str, lex: Lexicon) -> str:
    """'50 million people had unemployment insurance', '40 million were in the scheme': a count whose
    verb (pkg:cueBeforeScheme) is followed straight by a scheme's name counts that scheme's members."""
    fig = unit.figures[0]
    if len(unit.figures) > 1 or fig.unit not in ("", "persons") or (is_bare(fig) and not fig.persons):
        return ""
    nxt = next((m for m in schemes if m.start >= unit.end), None)
    if nxt is None or nxt.start - unit.end > 40:
        return ""
    for code, ind in sorted(lex.indicators.items()):
        if ind.before_scheme and _holding_rx(ind.before_scheme).fullmatch(text, unit.end, nxt.start):
            return code
    return ""


@lru_cache(maxsize=16)
def _holding_rx(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"\s+(?:[a-z-]+\s+)?(?:{alternation})\s+(?:the\s+)?", re.I)


# ---------------------------------------------------------------- scheme, area, period


_COUNTED_HEAD = re.compile(r"\s+(?:[a-z-]+\s+)?")  # '7.4 million elderly urban and rural residents'
_NUMBER_OF = re.compile(r"(?i)\bnumber\s+of\s+$")
_OUTSIDE = re.compile(rf"(?i)\b{words('exclusions')}\s+(?:of\s+)?(?:the\s+)?$")


def scheme_of(
    unit: Unit,
    ind: Indicator,
    schemes: list[Match],
    scheme_cues: list[Match],
    state: DocState,
    text: str,
    lex: Lexicon | None = None,
) -> str:
    """The figure's scheme: the one its clause names, else a cue's, else the one in scope; a pension scheme
    its clause names by its members ('drawing payments from the residents' scheme') narrows a pension
    scheme so found, or replaces a sibling one (not a medical insurance's: 'the employees' scheme' of a
    report on medical insurance is that insurance's)."""
    found = _scheme_found(unit, ind, schemes, scheme_cues, state, text, lex)
    if lex is None or ind.schemeless or ind.fixed_scheme:
        return found
    s0, s1 = unit.seg
    named = lex.by_members(text, s0, s1)
    if ind.unit == "persons":  # '7.4 million elderly urban and rural residents received ...': the people counted
        named += [
            (pos, c)
            for pos, c in lex.counted_members(text, s0, s1)
            if _COUNTED_HEAD.fullmatch(text, unit.end, pos) or _NUMBER_OF.search(text, max(s0, pos - 20), pos)
        ]
    by = [(pos, c) for pos, c in named if not _OUTSIDE.search(text, max(0, pos - 16), pos)]
    if not by:
        return found
    code = min(by, key=lambda pc: abs(pc[0] - unit.start))[1]
    if ind.within and not lex.under(code, ind.within):
        return found
    family = lex.scheme_broader.get(code, code)  # the residents' and the employees' schemes: basic pension
    if not found or (lex.under(found, family) and not lex.under(found, code)):
        return code
    return found


def _scheme_found(
    unit: Unit,
    ind: Indicator,
    schemes: list[Match],
    scheme_cues: list[Match],
    state: DocState,
    text: str,
    lex: Lexicon | None = None,
) -> str:
    """The scheme the figure's clause names, else its cue's, else the one in scope (scheme_of then looks at
    the schemes the clause names by their members)."""
    if ind.schemeless:
        return ""
    if ind.fixed_scheme:
        return ind.default_scheme
    if ind.within and lex is not None:  # an average pension is a pension scheme's, whatever else is named
        schemes = [m for m in schemes if lex.under(m.keys[0], ind.within)]
        scheme_cues = [m for m in scheme_cues if lex.under(m.keys[0], ind.within)]
        if not lex.under(state.scheme, ind.within):
            state = replace(state, scheme="")
    s0, s1 = unit.seg
    phrase = max(s0, text.rfind(",", s0, unit.start) + 1)  # the figure's own phrase, after the last comma
    anaphor = _ANAPHOR.search(text, phrase, unit.start)
    if anaphor and not any(phrase <= m.start < unit.start for m in schemes) and (state.scheme or state.before):
        # 'Established in 2001 as a reserve for future spending, the fund held assets of ...':
        # 'the fund' of the figure's own phrase is the one in scope, not a scheme of an earlier phrase
        return state.scheme or state.before
    named = _named_scheme(unit, schemes, text, lex)
    own_cue = [m for m in scheme_cues if s0 <= m.start < s1]
    near_cue = [m for m in own_cue if m.start >= phrase]
    if named and near_cue and not any(phrase <= m.start < s1 for m in schemes):
        # 'Medical insurance paid 70 percent, and the pension fund paid 5 trillion': the figure's own
        # clause's cue, not a scheme named in another clause
        return min(near_cue, key=lambda m: abs(m.start - unit.start)).keys[0]
    if named:
        return _narrow_to_default(named, ind, lex)
    cue = own_cue or scheme_cues
    if cue:
        k = min(cue, key=lambda m: abs(m.start - unit.start)).keys[0]
        if lex is not None and (
            narrower := [m.keys[0] for m in schemes if m.start < unit.start and lex.under(m.keys[0], k)]
        ):
            return narrower[-1]  # '... the enterprise employees' scheme, of whom 124 million retirees': that scheme's
        # 'Retirees: 0.86 million' under the enterprise employees' scheme: a broader scheme's cue keeps the narrower
        return state.scheme if lex is not None and state.scheme and lex.under(state.scheme, k) else k
    if ind.default_scheme:
        return ind.default_scheme
    if not state.scheme and (state.before or state.topic) and _ANAPHOR.search(text, s0, s1):
        # '... a pension programme was set up. / 550 million have joined the system': the scheme the
        # paragraph before was about, else the one the report last spoke of
        return state.before or state.topic
    # a report about one scheme (named, perhaps, also by a broader name): its figures are that scheme's
    return state.scheme or state.sole or (_one_line(state.named, lex) if lex is not None else "")


def _one_line(named: set[str], lex: Lexicon) -> str:
    """The narrowest of schemes of one line of descent ('town workers' endowment insurance' and
    'endowment insurance'), or "" when the report names schemes of two lines."""
    for k in sorted(named):
        if all(o == k or lex.under(k, o) for o in named):
            return k
    return ""


_INCLUDED = re.compile(r"\((?:including|incl\.|containing)\s+[^()]*$", re.I)
_INCLUDED_AFTER = re.compile(r"\s+included\b", re.I)  # 'the medical insurance fund, maternity insurance included,'
# 'it is funded mainly from medical insurance funds'; 'sometimes called the "sixth social insurance"'
_SOURCE_OR_NAME = re.compile(
    r"(?i)\b(?:funded|financed|paid\s+for)\s+(?:mainly\s+|largely\s+|partly\s+|chiefly\s+)?(?:from|by|out\s+of)\s+(?:the\s+)?$"
    r"|\b(?:called|known\s+as|dubbed|referred\s+to\s+as)\s+(?:the\s+|a\s+)?[\"“']?(?:\w+\s+)?$"
)
_WHO_JOINED = re.compile(
    r"\bwho\s+(?:have\s+|has\s+|had\s+)?(?:joined|enrolled\s+in|participated\s+in|participate\s+in|take\s+part\s+in"
    r"|took\s+part\s+in|(?:are|were)\s+(?:insured|enrolled|covered)\s+(?:in|under|by)"
    r"|(?:pays?|paid|contributes?|contributed)\s+(?:in)?to)\s+(?:the\s+)?"  # 'any worker who pays into ...'
    r"(?:[^.;,]{0,80}?\s+(?:or|and)\s+(?:the\s+)?)?$",  # "... or (the one for) urban and rural residents'"
    re.I,
)


def named_aside(m: Match, text: str) -> bool:
    """Whether a scheme is named as who may take part ('workers who have joined the employees' scheme can
    open an account'), as where the money comes from ('it is funded mainly from medical insurance funds') or
    as what the subject is called ('sometimes called the "sixth social insurance"'): the sentence is not about
    that scheme."""
    return bool(
        _WHO_JOINED.search(text, max(0, m.start - 140), m.start)
        or _SOURCE_OR_NAME.search(text, max(0, m.start - 40), m.start)
    )


_OF_WHICH = re.compile(r"\b(?:of|among)\s+(?:which|whom)\b", re.I)


def _named_scheme(unit: Unit, schemes: list[Match], text: str, lex: Lexicon | None) -> str:
    """The scheme the sentence names for the figure: in its clause (the narrower of two, none after
    'such as'), else the last named before it, else the first after it; "" when none is named."""
    s0, s1 = unit.seg
    # 'workers who have joined the basic pension insurance for employees can deposit up to ...': who may, not what
    schemes = [m for m in schemes if not named_aside(m, text)]
    namely = _NAMELY.search(text, s0, s1)
    inside = [m for m in schemes if s0 <= m.start < s1 and not (namely and m.start > namely.start())]
    if inside and lex is not None:  # 'the basic pension of resident pension insurance': the narrower scheme
        keys = [m.keys[0] for m in inside]
        inside = [m for m in inside if not any(k != m.keys[0] and lex.under(k, m.keys[0]) for k in keys)]
    # '(including maternity insurance)' after a scheme is part of it, no scheme of its own
    schemes = [
        m
        for m in schemes
        if not _INCLUDED.search(text, max(0, m.start - 30), m.start) and not _INCLUDED_AFTER.match(text, m.end)
    ]
    before = [m for m in schemes if m.end <= unit.start]
    part = _OF_WHICH.search(text, unit.end, s1 if s1 > unit.end else unit.end + 200)
    # '5 trillion yuan, of which the employees' accounts held 1 trillion': what follows is the part's
    after = [m for m in schemes if m.start >= unit.end and not (part and m.start >= part.start())]
    found = inside[:1] or before[-1:] or after[:1]
    return found[0].keys[0] if found else ""


def _narrow_to_default(scheme: str, ind: Indicator, lex: Lexicon | None) -> str:
    """'Basic pension insurance ... the rise reached 140 million retirees': a
    scheme broader than the indicator's own default is that default (pension rises are the employees')."""
    if (
        lex is not None
        and ind.default_scheme
        and ind.default_scheme != scheme
        and lex.under(ind.default_scheme, scheme)
    ):
        return ind.default_scheme
    return scheme


def listed_before(unit: Unit, schemes: list[Match], text: str) -> set[str]:
    """The schemes of the last coordinated list before the figure's own clause ('the basic endowment,
    unemployment and work injury insurance funds together took in ..., and spent N'), when that
    clause names no scheme of its own; else an empty set."""
    s0, s1 = unit.seg
    if any(s0 <= m.start < s1 for m in schemes):
        return set()
    before = [m for m in schemes if m.end <= s0]
    group: list[Match] = before[-1:]
    for a, b in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        if not LIST_SEP.match(text[a.end : b.start]) or a.keys[0] == b.keys[0]:
            break
        group.append(a)
    return {m.keys[0] for m in group} if len(group) > 1 else set()


def taken_together(unit: Unit, ind: Indicator, scheme: str, schemes: list[Match], text: str, lex: Lexicon) -> str:
    """The scheme of a fund's money that follows the schemes a group takes together (pkg:takesTogether):
    the group's, not the last one named ('the three funds of basic endowment, unemployment and injury
    took in N, and spent M'; 'the basic endowment, unemployment and work injury insurance funds took in
    N'). A count of people is each scheme's, never the group's."""
    if ind.unit != "CNY" or not scheme:
        return scheme
    s0, s1 = unit.seg
    group = next((m.keys[0] for m in schemes if m.end <= s0 and m.keys[0] in lex.groups), "")
    own = any(s0 <= m.start < s1 for m in schemes)
    if group and not own and any(lex.under(scheme, k) for k in lex.groups[group]):
        return group
    coordinated = listed_before(unit, schemes, text)
    if scheme in coordinated:
        return lex.group_of(coordinated) or scheme
    if joint(unit, schemes, text):
        return lex.group_of({m.keys[0] for m in schemes if s0 <= m.start < s1}) or scheme
    return scheme


def joint(unit: Unit, schemes: list[Match], text: str) -> bool:
    """Whether the figure's clause coordinates several schemes ('maternity, unemployment and injury
    insurance had 7 million participants'): one figure for them together is none of theirs."""
    s0, s1 = unit.seg
    inside = [m for m in schemes if s0 <= m.start < s1]
    return any(
        a.keys[0] != b.keys[0] and LIST_SEP.match(text[a.end : b.start])
        for a, b in zip(inside, inside[1:], strict=False)
    )


_PLACE_ANAPHOR = re.compile(
    r"(?i)\bthe\s+(?:province|municipality)(?:['’]s)?(?![\w-])|\bthe\s+provincial\s+(?!level|-)"
)  # 'the province's fund', 'the provincial department'; not 'provincial-level regions'


# what may stand between 'including' and a place of its list: other places, separators, 'province', a bracket;
# each piece taken whole (possessive), so that a long run of spaces or capitals is not split every way
_LIST_OF_PLACES = re.compile(
    r"(?:\s|,|\b(?:and|or|province|city|municipality|region)\b|[A-Z][\w'’-]*+|\([^()]{0,40}\))*+"
)


def _listed(text: str, sentence_start: int, start: int) -> bool:
    """Whether the place at `start` is one of a list of examples the sentence opens before it ('20 cities
    including Chengdu and Hangzhou had enrolled ...'): the examples are not the figure's place."""
    return any(_LIST_OF_PLACES.fullmatch(text, n.end(), start) for n in _NAMELY.finditer(text, sentence_start, start))


def _an_example(text: str, sentence_start: int, clause_start: int, start: int) -> bool:
    """Whether the place at `start` is an example, not the figure's: after 'including', 'among them' ...
    in the same stretch (from `clause_start`), or in an unbroken list of places opened so anywhere
    before in the sentence ('20 cities including Chengdu and Hangzhou had enrolled ...')."""
    return bool(_NAMELY.search(text, clause_start, start)) or _listed(text, sentence_start, start)


def area_of(
    unit: Unit, areas: list[Match], default: str = "CN", text: str = "", sentence_start: int = 0, place: str = ""
) -> str:
    """The place named in the figure's own clause, else the article's (a place named in another
    clause is not the figure's: '20 cities including Beijing'); 'the province's' in the clause is
    `place`, the one place the report named last."""
    s0, s1 = unit.seg
    inside = [m.keys[0] for m in areas if s0 <= m.start < s1 and not _an_example(text, sentence_start, s0, m.start)]
    places = [k for k in inside if k != "CN"]
    if places:
        return places[0]
    if inside:
        return "CN"  # 'the population of the Chinese mainland' in a city's report
    if place and _PLACE_ANAPHOR.search(text, sentence_start, s1):
        return place  # 'Guangdong's scheme grew. The province's fund paid ... and spent ...': Guangdong's
    # 'Of the 8.7 million insured in Tianjin, in-service workers account for 6.1 million': the one place the
    # sentence named before the figure (no list's example, no nation named since)
    earlier = [
        m
        for m in areas
        if sentence_start <= m.start < s0 and not _an_example(text, sentence_start, sentence_start, m.start)
    ]
    # 'southwest China's Sichuan Province': the nation named as the province's is no place of its own
    earlier = [m for m in earlier if not (m.keys[0] == "CN" and any(0 <= o.start - m.end <= 3 for o in earlier))]
    if earlier and len({m.keys[0] for m in earlier}) == 1 and earlier[0].keys[0] != "CN":
        return earlier[0].keys[0]
    if (
        earlier
        and {m.keys[0] for m in earlier} == {"CN"}
        and _NATION_LEAD.match(text, sentence_start, earlier[0].end + 2)
    ):
        return "CN"  # 'Across the country, 91 billion yuan was refunded to 5 million firms': both are the nation's
    subject = next((m for m in areas if m.start < s0), None)
    if subject is not None and subject.keys[0] != "CN" and _SUBJECT.match(text, sentence_start, subject.start):
        return subject.keys[0]  # 'Hainan, one of several such provinces, can pay for five months': the subject's
    return default


_NATION_LEAD = re.compile(r"\W*(?:across|throughout|in|all\s+over)?\s*(?:the\s+)?[\w ]{0,20},")
_GOVERNMENT_OF = re.compile(
    r"\s+(?:Municipal|Provincial)\s+(?:People's\s+)?"
    # 'Wuxi Municipal Human Resources and Social Security Bureau', 'Wuxi Municipal Bureau of Finance'
    r"(?:Government|(?:[A-Z]\w+(?:\s+(?:[A-Z]\w+|and|of|for|&))*?\s+)?(?:Bureau|Department|Commission|Office))\b"
)


def article_area(named: list[tuple[Sentence, list[Match]]], text: str) -> str:
    """The province a report is about, from the places each sentence names (kg.extract.annotate.places,
    in article offsets): the one place named at least twice, more often than the nation, in at least half
    the mentions of places, and with no other place named as often; otherwise CN (a dateline's city never
    counts, a place listed after 'including' is an example, and a city with its province beside it is one
    mention)."""
    counts: dict[str, int] = {}
    for s, found in named:
        last: Match | None = None
        for m in found:
            if _listed(text, s.start, m.start):
                continue
            # 'Hangzhou, capital of Zhejiang province': a city and its province side by side are one mention
            if last is None or last.keys[0] != m.keys[0] or m.start - last.end > 40:
                # 'Wuxi Municipal Human Resources and Social Security Bureau': the page of that place's government
                weight = 2 if _GOVERNMENT_OF.match(text, m.end) else 1
                counts[m.keys[0]] = counts.get(m.keys[0], 0) + weight
            last = m
    nation = counts.pop("CN", 0)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or ranked[0][1] <= nation or 2 * ranked[0][1] < sum(counts.values()):
        return "CN"  # a national story that lists provinces is about none of them
    return ranked[0][0] if len(ranked) == 1 or ranked[1][1] < ranked[0][1] else "CN"


_FOUNDED_ON = re.compile(rf"(?i){words('founding')}\w*(?:\s+by\s+[\w\s'’-]{{1,40}}?)?\s+(?:in|on)\s+$")


def founded_on(p: Period, text: str) -> bool:
    """Whether the period dates a scheme's founding ('the fund, set up in 2001, earned ...'): the day
    it began, not the period of a figure beside it."""
    return bool(text) and bool(_FOUNDED_ON.search(text, max(0, p.start - 60), p.start))


WHEN_AFTER = re.compile(r",?\s+when\b", re.I)


_LAUNCHED_IN = re.compile(r",?\s+(?:in|across|with|covering)\s+(?:the\s+)?(?:first\s+)?(?:\w+\s+)?", re.I)


def period_of(unit: Unit, found: list[Period], units: list[Unit], state: DocState, text: str = "") -> Period | None:
    """The figure's own period, else one no other figure owns, else an earlier one, else the last stated."""
    s0, s1 = unit.seg
    for p in found:  # a figure inside a 'since ...' clause belongs to its date ('since ... launched in 20 cities on')
        if p.marker == "since":
            since = text.rfind("ince ", max(0, p.start - 120), p.start)
            if since != -1 and since < unit.start < p.start:
                return p
    for p in found:  # 'launched on Nov. 25, 2022, in 36 pilot cities': the launch's own figure, of its day
        if founded_on(p, text) and _LAUNCHED_IN.fullmatch(text, p.end, unit.start - len(unit.figures[0].qualifier)):
            return p
    for p in found:  # 'launched in July 2016, when the ministry named 15 pilot cities': the figure of that day
        when = WHEN_AFTER.match(text, p.end) if p.marker != "compare" and not p.vague else None
        if when and when.end() <= unit.start and not re.search(r"[;.]", text[when.end() : unit.start]):
            if not any(when.end() <= q.start < unit.start for q in found):
                return replace(p, marker="")  # 'since 2015, when the fund earned 15 percent': that year's
    usable = [
        p
        for p in found
        if p.marker not in ("compare", "since", "report")
        and not founded_on(p, text)
        and (p.marker != "weekday" or s0 <= p.start < s1)
    ]
    # '3.1 million (Q1 2024: 2.9 million), 26% of the target': a bracketed period is of the bracket's figures only
    if text:
        usable = [p for p in usable if bracket_at(text, p.start) in (-1, bracket_at(text, unit.start))]
        # '85 are index funds, which were first added to the list last December': the date of a relative
        # clause after the figure tells of what it counts, not of the count
        usable = [p for p in usable if not (p.start >= unit.end and _WHICH_CLAUSE.search(text, unit.end, p.start))]
    own = [p for p in usable if s0 <= p.start < s1]
    own = [p for p in own if p.marker != "weekday"] or own  # 'released on Monday, N ... at the end of 2022'
    # 'from January to June ..., and 60% of the year's target was met': a vague 'for the year'
    # yields to a period the sentence states
    if own and all(p.vague for p in own) and any(not p.vague and p.end <= unit.start for p in usable):
        own = []
    if own:
        return min(own, key=lambda p: min(abs(p.start - unit.end), abs(p.end - unit.start)))
    # 'refunded 7 billion yuan to 400,000 firms in the first 11 months': the period of the figure it is paid to
    to = next((u for u in units if u.start >= unit.end), None)
    if to is not None and text and _PAID_UP_TO.fullmatch(text, unit.end, to.start):
        theirs = [p for p in usable if to.seg[0] <= p.start < to.seg[1] and not p.vague]
        if theirs:
            return theirs[0]
    owned = [(u.seg) for u in units]
    free = [p for p in usable if not p.vague and not any(a <= p.start < b for a, b in owned)]
    if free:
        return min(free, key=lambda p: abs(p.start - unit.start))
    before = [p for p in usable if not p.vague and p.end <= unit.start]
    if before:
        return before[-1]
    # 'the country had 404,000 care institutions with 8.23 million beds at the end of 2023': the one date its
    # sentence gives, though the next figure's clause holds it, rather than an earlier sentence's
    after = [p for p in usable if not p.vague and p.start >= unit.end and p.marker in ("end", "until")]
    if len(after) == 1 and state.period is not None and after[0].last != state.period.last:
        return after[0]
    # 'Over the whole year N cards went out and holders came to M': the year the sentence speaks of, not
    # a day of it that an earlier sentence named ('paid before the end of August')
    year = [
        p
        for p in usable
        if p.vague and p.end <= unit.start and p.precision == "year" and not _RELATIVE_AFTER.match(text, p.end)
    ]
    if year and state.period is not None and state.period.last.year == year[-1].last.year:
        return year[-1]
    return state.period


_WHICH_CLAUSE = re.compile(r",\s+(?:which|who)\s+(?:were|was|had|have|has)\b", re.I)
_RELATIVE_AFTER = re.compile(r"\s+(?:earlier|ago|before|later)\b", re.I)  # 'a year earlier': another year
# 'pensions of 96 billion yuan were paid to the end of June': the period an amount was paid up to
_PAID_UP_TO = re.compile(r"(?i)\)?(?:\s+(?:of|in|from)\s+[\w' -]{0,40}?)?\s+(?:was\s+|were\s+)?(?:\w+ed\s+)?to\s+")
_FROM_MONTH = re.compile(
    rf"\b(?:from|than(?:\s+in)?|compared\s+with|over)\s+(?:the\s+)?(?:[\d.]+\s*(?:%|percent|per\s*cent)\s+(?:of|in)\s+)?"
    rf"(?:the\s+end\s+of\s+)?({P.MONTH})(?![a-z])",
    re.I,
)


_FROM_YEAR_END = re.compile(
    r"\bend\s+of\s+(?:last|the\s+previous|the\s+preceding)\s+year\b"
    r"|\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+the\s+year\b",  # 'since the start of the year'
    re.I,
)


_FROM_END_OF = re.compile(
    r"\b(?:from|over|than|compared\s+(?:with|to)|since)\s+(?:at\s+)?(?:the\s+)?end(?:\s+of\s+|-)(?P<y>(?:19|20)\d\d)\b",
    re.I,
)


def compared_with_year_end(text: str) -> bool | int:
    """'up 6 million from the end of last year': the change runs from the previous 31 December (True);
    'an increase of 5 million from the end of 2020': from the end of that year (2020)."""
    m = _FROM_END_OF.search(text)
    return int(m.group("y")) if m else bool(_FROM_YEAR_END.search(text))


_FROM_MONTH_BEFORE = re.compile(
    r"\b(?:on|from|over|than)\s+(?:the\s+)?(?:previous|preceding|last)\s+month\b|\bmonth[-\s]on[-\s]month\b|"
    r"\b(?:from|than)\s+(?:a|one)\s+month\s+(?:earlier|before|ago)\b|\bthe\s+month\s+before\b",
    re.I,
)
MONTH_BEFORE = 0  # compared_month's answer for 'on the previous month': the month before the figure's


def compared_month(text: str) -> int | None:
    """The month a change is measured from, when the text names one ('down 0.2 points from August'),
    or MONTH_BEFORE ('up 0.1 points on the previous month', 'month-on-month')."""
    m = _FROM_MONTH.search(text)
    if m:
        return P.month_number(m.group(1))
    return MONTH_BEFORE if _FROM_MONTH_BEFORE.search(text) else None


def render(
    period: Period,
    ind: Indicator,
    state: DocState,
    ctx: P.Context,
    change_base: Period | None = None,
    compared_month: int | None = None,
    from_year_end: bool | int = False,
) -> str:
    """The period notation of a figure of this indicator: a date, a month, an interval."""
    kind = ind.kind
    if period.vague and period.text.lower().strip().endswith("a year") and state.period is not None:
        ref = state.period.last
        y = ref.year if (ref.month, ref.day) == (12, 31) else ref.year - 1
        period = P.year(y)
    if kind == "stock":
        if ind.annual and period.vague:  # 'the annual ceiling is 8,000 yuan': 'annual' is its unit, not its
            return ctx.published.isoformat()  # period: the cap in force on the report's day
        if ind.annual:  # a yearly ratio or cap of a stated year (or day): that year
            return str(period.last.year)
        if ind.in_force and period.precision in ("year", "month"):
            # a standard in force over a year or month: at its end once that is over, else since its start
            return (period.last if period.last < ctx.published else period.first).isoformat()
        if ind.at_effect and state.effective is not None:
            return state.effective.first.isoformat()
        if ind.at_effect and period.precision == "year":
            return period.first.isoformat()
        if ind.monthly and period.precision == "month":
            return period.notation()
        if ind.monthly and period.marker == "end":  # a monthly rate 'at the end of 2025': December's
            return period.last.isoformat()[:7]
        if period.rough:  # 'expected to pass 400 million around 2035': that year, no day of it
            return period.notation()
        return period.last.isoformat()
    if kind == "flow" and ind.annual:  # 'the annual target of 12 million' in October: the whole year's
        return f"{period.last.year}-01-01/{period.last.year}-12-31"
    if kind == "flow":
        # a flow to a day, or 'as of' / 'by the end of' a month: the year so far
        if period.precision == "day" or (period.precision == "month" and period.marker in ("until", "end")):
            return f"{period.last.replace(month=1, day=1).isoformat()}/{period.last.isoformat()}"
        return f"{period.first.isoformat()}/{period.last.isoformat()}"
    if kind == "change":
        if ind.at_effect:  # a standard raised from a day on; a rise with no date of its own, from the year's start
            if state.effective is None and period.precision == "day" and (not period.text or period.marker == "end"):
                return f"{period.first.year}-01-01"  # 'the end of last year' another figure is of: that year's rise
            return (state.effective or period).first.isoformat()
        if ind.change_of and ind.monthly:
            base = (change_base or period).first
            if compared_month == MONTH_BEFORE:  # 'up 0.1 points on the previous month'
                compared_month = base.month - 1 or 12
            if compared_month is not None:  # 'down 0.2 points from August'
                y = base.year if compared_month < base.month else base.year - 1
                return f"{y:04d}-{compared_month:02d}/{base.isoformat()[:7]}"
            return f"{base.year - 1:04d}-{base.month:02d}/{base.isoformat()[:7]}"
        if ind.change_of:
            base = (change_base or period).last
            # 'up 560,000 month-on-month', 'up 2 million from March': from that month's end
            if compared_month is not None:
                m = base.month - 1 or 12 if compared_month == MONTH_BEFORE else compared_month
                y = base.year if m < base.month else base.year - 1
                start = P.month(y, m).last
                return f"{start.isoformat()}/{base.isoformat()}"
            if from_year_end is True:
                start = dt.date(base.year - 1, 12, 31)
            elif from_year_end and from_year_end < base.year:
                start = dt.date(from_year_end, 12, 31)  # 'from the end of 2020'
            else:
                start = P.year_before(base)
            return f"{start.isoformat()}/{base.isoformat()}"
        eff = state.effective or period
        return eff.first.isoformat()
    return period.notation()
