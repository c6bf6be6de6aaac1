"""Figures in text: '2.5 billion', '4.7 trillion yuan', '42.5%', 'seven', '2,613', with their
qualifier ('more than'), unit and exact characters.

Values are exact decimals in base units, so 2.5 billion is 2500000000 and never 2499999999.99.
Translation garble ('4.63 respectively. 100 million') is read the one way the original can mean,
and flagged so a reviewer sees it. A figure with a decimal point too many ('6.8.3 billion': 6.83 or
68.3?) has no certain reading: it is read one way, flagged and marked uncertain, so that it is kept
but never coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.extract.grammar import lists, words

MULTIPLIERS = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "ten thousand": Decimal(10_000),
    "million": Decimal(10) ** 6,
    "100 million": Decimal(10) ** 8,
    "hundred million": Decimal(10) ** 8,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    # wire-service abbreviations ('3.28 mln', '1.2 bln', '4 bn')
    "mln": Decimal(10) ** 6,
    "bln": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trln": Decimal(10) ** 12,
    # Chinese units left untranslated ('792.6亿 yuan', '318.9万 yuan')
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "10,000": Decimal(10) ** 4,  # 万 rendered as '10,000' after its figure: '412.37 10,000 people'
}
WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12})

_QUAL = words("qualifiers")
# every alternative starts with a digit, so the engine jumps from digit to digit (what stands before
# the first digit is checked in find_figures: a figure does not begin inside a word or a number)
_NUM = r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)+|\d*)"
_MULT = (
    r"100\s+million|hundred\s+million|ten\s+thousand|thousand|million|billion|trillion|hundred|mln|bln|bn|trln|亿|万"
    r"|(?<=\d\s)10,000(?![\d,])"  # 万 rendered as '10,000' after its figure: '412.37 10,000 people'
)
# The figure itself is matched from its first digit; what stands before it (a currency, a qualifier)
# is read backwards from there, word by word, so no pattern is tried at every character.
_QUALIFIERS = frozenset(lists()["qualifiers"])
_QUALIFIER_ORDER = sorted(_QUALIFIERS, key=len, reverse=True)  # 'more than' before 'than'-less 'over'
_GLUED_CURRENCY = re.compile(r"(?<![A-Za-z])(?:RMB|CNY|US\$)$")  # 'RMB3.2 billion'
_PRECUR = re.compile(r"(?:\bRMB|\bCNY|¥|\bUS\$|(?<![A-Za-z])\$)\s?$")  # not HK$, NT$, S$: other dollars
_RUN_WORDS = words("run_words")
_GLUED = r"(?:million|billion|trillion|mln|bln|bn|per\s*cent|percent)\b|[亿万]"
_FIGURE = re.compile(
    # 'a 3.8-percent rise', '10-consecutive years'
    # a scale word or 'percent' may be glued to the number ('3.214million', '4.3percent')
    rf"(?P<num>(?:{_NUM})(?!(?!(?:st|nd|rd|th)\b|{_GLUED})\w|-(?!percent\b|per\s*cent\b|{_RUN_WORDS}\b)|\.\d|,\d))"
    # '1 .15 trillion': a stray space before the decimal point of a scaled figure
    rf"(?P<frac>\s\.\d+(?=\s*(?:{_MULT})\b))?"
    # '193. 45 million': a stray space after the decimal point of a whole number of up to three digits
    rf"(?P<dot>(?:(?<=(?<![\d,.])\d)|(?<=(?<![\d,.])\d\d)|(?<=(?<![\d,.])\d\d\d))\.\s\d{{1,2}}(?=\s+(?:million|billion|trillion)\b))?"
    # '258.4 7 million', '2.7 4 trillion': a stray space inside a decimal's digits before its scale word
    rf"(?P<split>(?:(?<=\.\d)|(?<=\.\d\d))\s\d{{1,2}}(?=\s+(?:{_MULT})\b))?"
    # '4.63 respectively. 100 million', '694. 100 million yuan', '12.09. 100 million people', '10.83 100 million':
    # 亿 split off its figure (after a whole number only before 'yuan': '5. 100 million people' is two figures)
    rf"(?:(?P<garble>(?:\s+respectively\s*[.,]\s*|\.\s(?=100\s+million\s+yuan)|(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d))\.?\s)(?=100\s+million))?\s*(?P<mult>(?<![a-z])(?:{_MULT})\b))?"
    rf"(?P<unit>(?:\s*|-)(?:%|per\s*cent\b|percent\b|percentage\s+points?\b))?"
    rf"(?P<currency>\s+(?:yuan|RMB|U\.S\.\s+dollars|US\s+dollars|dollars)\b"
    rf"(?:\s+(?:(?:for\s+)?(?:each|per|a)\s+(?:person|capita|head|retiree)\s+)?(?:per|a|each|every)\s+(?P<per>month|year))?)?",
    re.IGNORECASE,
)
_WORD_FIGURE = re.compile(
    rf"(?:(?P<qual>\b{_QUAL})\s+)?\b(?P<word>{'|'.join(sorted(WORDS, key=len, reverse=True))})\b"
    rf"(?:\s+(?P<mult>{_MULT})\b)?(?![\w-])",
    re.IGNORECASE,
)
# 'No. 2 document', 'Article 12' (capitalised: 'card holders number 1.29 billion' is a figure)
_NAMED_BY = re.compile(rf"\s+{words('identifier_heads')}\b", re.I)  # 'the 12333 hotline'
_IDENTIFIER = re.compile(rf"\b{words('identifiers')}\.?\s*$")
_GLUE = frozenset("_.,-/")
_ORDINAL = re.compile(r"\s?(?:st|nd|rd|th)\b")
# a run of years: 'the 8th consecutive year', 'for the 8th year in a row' (the ordinal counts the run)
_RUN_ORDINAL = re.compile(
    rf"\s?(?:st|nd|rd|th)\s+(?:{_RUN_WORDS}\s+(?:(?:annual|yearly)\s+)?(?P<head>{words('run_heads')})"
    rf"|(?P<year>years?)\s+{words('run_ends')})\b",
    re.I,
)
# '10 consecutive years', '10-consecutive years', '10 years in a row'
_RUN = re.compile(rf"(?:\s*-\s*|\s+){_RUN_WORDS}\s+(?P<years>years?\b)?", re.I)
_AGE = re.compile(
    r"\b(?:(?:aged|ages?)\s+(?:from\s+|between\s+)?(?:\d{1,3}\s*(?:-|–|to|and)\s*)?"
    # 'men retire at 63', 'females at 55 or 58', 'women over 60'
    r"|(?:retire[sd]?|retiring|(?:wo)?men|males?|females?)\s+(?:at|over|above|under)\s+(?:\d{1,2}\s+or\s+)?)$",
    re.I,
)
_ONE_AFTER = re.compile(r"(?i)['’]s\b|\s+of\b")  # "one's", 'one of six'
_NUMBER_BEFORE = re.compile(r"(?i)\bnumber\s+$")  # 'the number one'

_TO_ONE = re.compile(r"(?i)\s+to\s+one\b")
_TO_ONE_AFTER = re.compile(r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+to\s+$")
_ONE_OR_ANOTHER = re.compile(r"(?:\s+(?:kind|way|form|type|sort))?\s+or\s+another\b", re.I)
_OUTLINE_MARK = re.compile(r"\(?\d{1,2}[.)]\s+\S")
_NOT_A_FIGURE = re.compile(r":\d|/\d|\]")
_WORDS_IN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def has_figure(text: str) -> bool:
    """Whether a text can hold a figure at all: a digit, or a number word (one set look-up per word,
    far cheaper than a regex alternation of the words tried at every character)."""
    return bool(_DIGIT.search(text)) or has_number_word(text)


def has_number_word(text: str) -> bool:
    return not _NUMBER_WORDS.isdisjoint(_WORDS_IN.findall(text.lower()))


_NUMBER_WORDS = (
    frozenset(w for w in WORDS if " " not in w)
    | {"dozen"}
    | frozenset(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
)  # ordinal words count a run of years ('the second straight year')
# '81 years', '21 months'; not '60 years old', 'year on year', '8 million year-on-year', 'five years ago'
_DURATION = re.compile(r"\s+(?:(years?)|(months?))\b(?![-\s]+(?:old|on|earlier|ago|before|later)\b)", re.I)
_PERSONS = re.compile(
    rf"\s*(?:more\s+)?(?:[a-z-]+\s+){{0,2}}?{words('persons')}\b", re.I
)  # '173,900 elderly rural residents'


@dataclass(frozen=True)
class Figure:
    start: int  # offsets of the figure as written (qualifier excluded)
    end: int
    text: str
    value: Decimal
    unit: str  # CNY, USD, percent, percentage_points, CNY_per_month, years, months ... or "" for a bare count
    qualifier: str = ""
    garbled: str = ""  # how a garbled figure was read, for review
    uncertain: bool = False  # garbled so that more than one reading is possible ('6.8.3 trillion')
    word: bool = False  # written as a word ("seven")
    persons: bool = False  # followed by "people", "persons", ...
    bracketed: bool = False  # inside brackets, such as a US-dollar conversion

    @property
    def is_money(self) -> bool:
        return self.unit.startswith(("CNY", "USD"))


def _decimal(num: str) -> tuple[Decimal, str]:
    digits = num.replace(",", "")
    garbled = ""
    if digits.count(".") > 1:  # '7.3.1': one decimal point too many; keep the first
        head, _, tail = digits.partition(".")
        fixed = head + "." + tail.replace(".", "")
        garbled = f"read {num!r} as {fixed!r}"
        digits = fixed
    return Decimal(digits), garbled


def _unit(m: re.Match[str], precur: str) -> str:
    unit = (m.group("unit") or "").strip().lower()
    if unit:
        return "percentage_points" if unit.startswith("percentage") else "percent"
    cur = (m.group("currency") or precur or "").strip().lower()
    if not cur:
        return ""
    base = "CNY" if cur.startswith(("yuan", "rmb", "cny", "¥")) else "USD"
    per = (m.group("per") or "").lower()
    return f"{base}_per_{per}" if per else base


def _before(text: str, start: int) -> tuple[str, str]:
    """The currency sign and the qualifier written just before a figure's first digit."""
    head = text[max(0, start - 40) : start]
    cur = _PRECUR.search(head) if head[-1:] in ("B", "Y", "¥", "$", " ") else None
    precur = cur.group(0) if cur else ""
    rest = head[: len(head) - len(precur)]
    if not rest[-1:].isspace():
        return precur, ""
    tail = " ".join(rest.lower().split())
    for q in _QUALIFIER_ORDER:
        if tail.endswith(q) and (len(tail) == len(q) or not tail[-len(q) - 1].isalpha()):
            return precur, q
    return precur, ""


# Chinese number strings rendered word by word: '5 trillion and 249 billion 172 million yuan'
_COMPOUND = re.compile(
    r"(?<![\d.,])(?P<a>\d{1,4})\s+(?P<am>trillion|billion)(?:\s+and)?\s+(?P<b>\d{1,3})\s+(?P<bm>billion|million)"
    r"(?:\s+(?P<c>\d{1,3})\s+(?P<cm>million|thousand))?(?P<cur>\s+yuan\b)?",
    re.I,
)
# 亿 (100 million) rendered as 'billion': '61234.56 billion yuan' is 6.12 trillion, no fund's 61 trillion
_YI_AS_BILLION = Decimal(1000)


def _compounds(text: str, base: int) -> list[Figure]:
    out = []
    for m in _COMPOUND.finditer(text):
        parts = [(m.group(k), m.group(k + "m")) for k in ("a", "b", "c") if m.group(k)]
        mults = [MULTIPLIERS[p[1].lower()] for p in parts]
        if any(x <= y for x, y in zip(mults, mults[1:], strict=False)):
            continue  # each part must be smaller than the one before: '3 trillion and 412 billion 508 million'
        value = sum((Decimal(n) * k for (n, _), k in zip(parts, mults, strict=True)), Decimal(0))
        written = text[m.start() : m.end()]
        out.append(
            Figure(
                start=base + m.start(),
                end=base + m.end(),
                text=written,
                value=value.normalize(),
                unit="CNY" if m.group("cur") else "",
                qualifier=_before(text, m.start())[1],
                garbled=f"read {written!r} as {plain(value)}",
            )
        )
    return out


_DECLARED_UNIT = re.compile(
    r".{0,4}?\((?:in\s+|unit:\s*)?(?:100\s+million|10,000|ten\s+thousand)\s+(?:persons|people|yuan)\)", re.I
)


def find_figures(text: str, base: int = 0) -> list[Figure]:
    """Every figure in `text`; offsets are shifted by `base` (the sentence's start in the article)."""
    out: list[Figure] = _compounds(text, base) if "trillion" in text or "billion" in text else []
    held = [(f.start - base, f.end - base) for f in out]
    for m in _FIGURE.finditer(text):
        if any(s <= m.start() < e for s, e in held):
            continue
        minus = text[max(0, m.start() - 2) : m.start()] in (" -", "(-") or text[: m.start()] == "-"
        glued_currency = _GLUED_CURRENCY.search(text, max(0, m.start() - 4), m.start())
        inside = text[m.start() - 1 : m.start()].isalnum() and not glued_currency
        if m.start() and text[m.start() - 1] in _GLUE and not minus or inside:
            continue  # inside a word or a longer number ('a -4.12% rate of return' is a negative figure)
        if m.start() <= 1 and _OUTLINE_MARK.match(text):
            continue  # an outline's number: '2. Social insurance coverage ...', '(4) Budgets of ...'
        if _DECLARED_UNIT.match(text, max(0, m.start() - 4)):
            continue  # a table's unit in its title: '(100 million persons)', '(in 10,000 yuan)'
        if _NOT_A_FIGURE.match(text, m.end("num")) or text[max(0, m.start() - 1) : m.start()] in (":", "["):
            continue  # a clock time (11:30:49), a date (2014/05/15), a reference marker ([1])
        num = m.group("num")
        run = _RUN_ORDINAL.match(text, m.end("num"))
        if _ORDINAL.match(text, m.end("num")) and not run:
            continue  # ordinals: 14th Five-Year Plan, on the 26th, 'the 9 th'
        if _AGE.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # ages: 'aged from 18 to 30', 'workers aged 16-59'

        precur, qual = _before(text, m.start() - minus)
        begin = m.start() - minus - len(precur)
        if _IDENTIFIER.search(text[max(0, begin - 12) : begin]) or _NAMED_BY.match(text, m.end("num")):
            continue  # identifiers: No. 2 document, Article 12, the 12333 hotline
        value, garbled = _decimal(num)
        if m.group("split"):  # '258.4 7 million' is 258.47 million
            fixed = num + m.group("split").strip()
            value, garbled = Decimal(fixed.replace(",", "")), f"read {num + m.group('split')!r} as {fixed!r}"
        for split in ("frac", "dot"):  # '1 .15 trillion' is 1.15 trillion, '193. 45 million' 193.45 million
            if m.group(split):
                fixed = num + m.group(split).replace(" ", "")
                value, garbled = Decimal(fixed.replace(",", "")), f"read {num + m.group(split)!r} as {fixed!r}"
        uncertain = num.count(".") > 1  # '6.8.3' may be 6.83 or 68.3: kept, never coded
        if minus:
            value = -value
        mult = re.sub(r"\s+", " ", (m.group("mult") or "").lower())
        if mult == "billion" and abs(value) >= _YI_AS_BILLION and "," not in num:
            garbled = f"read {num} billion as {num} x 100 million (亿 rendered as 'billion')"
            mult = "100 million"
        if mult:
            value *= MULTIPLIERS[mult]
        if mult == "10,000":  # after a split decimal's reading, if any
            garbled = (garbled + "; " if garbled else "") + "read '10,000' after the figure as x 10,000 (万)"
        if m.group("garble"):
            garbled = f"read {text[m.start('num') : m.end('mult')]!r} as {num} x 100 million"
        end = max(
            m.end("num") + len(_ORDINAL.match(text, m.end("num")).group(0)) if run else m.end("num"),  # type: ignore[union-attr]
            m.end("mult") if mult else 0,
            m.end("unit") if m.group("unit") else 0,
            m.end("currency") if m.group("currency") else 0,
        )
        unit = _unit(m, precur)
        duration = None if unit or mult or run else _DURATION.match(text, end)
        if duration:
            unit = "years" if duration.group(1) else "months"
        elif run or (not unit and not mult and (r := _RUN.match(text, end)) and r.group("years")):
            unit = "years" if run is None or "year" in (run.group("head") or run.group("year") or "").lower() else ""
        out.append(
            Figure(
                start=base + begin,
                end=base + end,
                text=text[begin:end],
                value=value.normalize() if value == value.to_integral() else value,
                unit=unit,
                qualifier=re.sub(r"\s+", " ", qual.lower()),
                garbled=garbled,
                uncertain=uncertain,
                persons=bool(_PERSONS.match(text, end)),
                bracketed=in_brackets(text, m.start("num")),
            )
        )
    if not _ORDINAL_WORD_SET.isdisjoint(_WORDS_IN.findall(text.lower())):
        out += _word_runs(text, base)
    taken = [(f.start - base, f.end - base) for f in out]
    if not has_number_word(text):
        return sorted(out, key=lambda f: f.start)
    for m in _WORD_FIGURE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if (
            m.group("word")[0].isupper()
            and m.start("word") > 0
            and not re.search(r"[.!?\"“]\s*$", text[: m.start("word")])
        ):
            continue  # Title Case inside a sentence: part of a name ('Ten Thousand Villages')
        word = m.group("word").lower()
        one_as_word = _ONE_AFTER.match(text, m.end()) or _NUMBER_BEFORE.search(text, 0, m.start())
        if word == "one" and (_ONE_OR_ANOTHER.match(text, m.end()) or one_as_word):
            continue  # a set phrase: 'one kind or another', "one's", 'one of six', 'the number one'
        if _TO_ONE.match(text, m.end()) or _TO_ONE_AFTER.search(text, 0, m.start()):
            continue  # a ratio: 'three to one'
        value = Decimal(WORDS[word])
        mult = re.sub(r"\s+", " ", (m.group("mult") or "").lower())
        if mult:
            value *= MULTIPLIERS[mult]
        duration = _DURATION.match(text, m.end())
        out.append(
            Figure(
                start=base + m.start("word"),
                end=base + m.end(),
                text=text[m.start("word") : m.end()],
                value=value,
                unit=("years" if duration.group(1) else "months") if duration else "",
                qualifier=re.sub(r"\s+", " ", (m.group("qual") or "").lower()),
                word=True,
                persons=bool(_PERSONS.match(text, m.end())),
            )
        )
    return sorted(out, key=lambda f: f.start)


# 'the second straight year', 'for the third year in a row': an ordinal word counts a run too
_ORDINAL_WORDS = {
    w: i + 2
    for i, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ORDINAL_WORD_SET = frozenset(_ORDINAL_WORDS)
_WORD_RUN = re.compile(
    rf"\b(?P<word>{'|'.join(_ORDINAL_WORDS)})\s+(?:{_RUN_WORDS}\s+(?P<head>{words('run_heads')})|(?P<year>years?)\s+{words('run_ends')})\b",
    re.I,
)


def _word_runs(text: str, base: int) -> list[Figure]:
    out = []
    for m in _WORD_RUN.finditer(text):
        head = (m.group("head") or m.group("year") or "").lower()
        out.append(
            Figure(
                start=base + m.start("word"),
                end=base + m.end("word"),
                text=m.group("word"),
                value=Decimal(_ORDINAL_WORDS[m.group("word").lower()]),
                unit="years" if "year" in head else "",
                word=True,
            )
        )
    return out


def bracket_at(text: str, pos: int) -> int:
    """Where the round bracket around the position opens, or -1 outside brackets: an aside ('(Q1 2024: 3
    million)'), not the text's own line."""
    left = text.rfind("(", max(0, pos - 200), pos)
    return left if left != -1 and text.rfind(")", left, pos) == -1 and text.find(")", pos, pos + 200) != -1 else -1


def in_brackets(text: str, pos: int) -> bool:
    return bracket_at(text, pos) != -1


def plain(value: Decimal) -> str:
    """A decimal as the tidy table writes it: no exponent, no trailing zeros."""
    s = format(value, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s
