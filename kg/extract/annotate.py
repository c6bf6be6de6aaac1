"""One sentence, annotated once: every typed span the constructions read, in article offsets.

The reader finds a sentence's figures, periods, scheme names and cues, indicator cues and places
here, once, and the constructions (kg/extract/statistics.py, events.py) read only this record: what
the extractor saw in a sentence is one thing a person can print (`pension-kg extract --spans`) and
compare with what it made of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract import periods as P
from kg.extract.grammar import words
from kg.extract.lexicon import Lexicon, Match, in_proper_name, is_given_name, is_outlet, is_seat
from kg.extract.numbers import has_figure
from kg.extract.places import divisions_named
from kg.extract.statistics import Unit, units_of
from kg.extract.text import Sentence

# 'over 2000' may be a figure ('over 2000 people'); 'than in 2020', 'the 2015 level' are years
_BARE_COMPARED = re.compile(r"(?i)(?:over|above|under|below|exceeding|more\s+than|less\s+than)\s+\d{4}")


@dataclass(frozen=True)
class Span:
    """A typed stretch of the article: what it is, where, and what it stands for."""

    kind: str  # figure | list | change | period | scheme | scheme cue | indicator cue | area
    start: int
    end: int
    text: str
    means: str  # the codes, the value and unit, the period's notation


@dataclass
class Annotated:
    """A sentence with the spans found in it. `units` are its figures as the constructions take them:
    a figure, or a list of figures ('A, B and C respectively'), with its change marker and clause."""

    sentence: Sentence
    periods: list[P.Period]
    schemes: list[Match]
    scheme_cues: list[Match]
    indicator_cues: list[Match]
    areas: list[Match]
    units: list[Unit]

    def spans(self) -> list[Span]:
        """Every typed span, in the order of the text."""
        out: list[Span] = []
        for u in self.units:
            kind = "change" if u.change else ("list" if len(u.figures) > 1 else "figure")
            for f in u.everything:
                out.append(Span(kind, f.start, f.end, f.text, f"{f.value.normalize():f} {f.unit}".strip()))
        out += [Span("period", p.start, p.end, p.text, p.notation()) for p in self.periods if p.text]
        for kind, found in (
            ("scheme", self.schemes),
            ("scheme cue", self.scheme_cues),
            ("indicator cue", self.indicator_cues),
            ("area", self.areas),
        ):
            out += [Span(kind, m.start, m.end, m.text, " ".join(m.keys)) for m in found]
        return sorted(out, key=lambda s: (s.start, s.end, s.kind))


def shift(matches: list[Match], base: int) -> list[Match]:
    return [Match(m.start + base, m.end + base, m.text, m.keys, m.weak) for m in matches]


def places(sent: Sentence, text: str, lex: Lexicon, dateline: list[tuple[int, int]]) -> list[Match]:
    """The places the sentence names, in article offsets: not the dateline's, not inside another
    name ('Tianjin Securities Daily'), not a seat of government or an outlet ('Beijing said', 'Beijing
    News'), not a given name ('Zhang Jinan')."""
    found = list(lex.areas.find(sent.text))  # a copy: the matcher remembers its answers
    found += divisions_named(sent.text, found, lex.divisions)  # 'Yilong County': its province's
    return [
        m
        for m in shift(sorted(found, key=lambda m: m.start), sent.start)
        if not _inside(m.start, dateline)
        and not in_proper_name(text, m.start, m.end)
        and not is_seat(text, m.start, m.end)
        and not is_outlet(text, m.end)
        and not is_given_name(text, m.start)
        and not (m.keys[0] == "CN" and _RANKED_IN.search(text, max(0, m.start - 60), m.start))
    ]


# 'the first city in the country to pilot ...', 'the highest in the nation': a ranking, not the figure's place
_RANKED_IN = re.compile(rf"(?i)\b{words('ranking_words')}\b[\w\s'’-]{{0,40}}\bin\s+(?:the\s+)?$")


def annotate(
    sent: Sentence,
    text: str,
    periods: list[P.Period],
    schemes: list[Match],
    areas: list[Match],
    lex: Lexicon,
    dateline: list[tuple[int, int]],
) -> Annotated:
    """The sentence's spans; `periods`, `schemes` and `areas` are found before (the reader carries them
    from sentence to sentence, and finds every sentence's places for the report's own place), `dateline`
    is the dateline's span, whose place and date are no one's."""
    indicator_cues = _paired(
        _outside_other_names(shift(lex.indicator_cues.find(sent.text), sent.start), schemes, lex), lex
    )
    # a cue inside a scheme's name is part of that name ('pension fund' in 'enterprise employees' pension fund')
    scheme_cues = [
        c
        for c in shift(lex.scheme_cues.find(sent.text), sent.start)
        if not any(m.start <= c.start and c.end <= m.end for m in schemes)
    ]
    # a compared year is no figure where the text says so ('than in 2020'); 'over 2000' alone may be one
    blocked = dateline + [
        (p.start, p.end) for p in periods if p.marker != "compare" or not _BARE_COMPARED.fullmatch(p.text)
    ]
    blocked += [(m.start, m.end) for m in indicator_cues + schemes if _has_numeral(m.text)]
    blocked += P.title_years(sent.text, sent.start)
    blocked += _quoted_names(sent)
    units = units_of(sent, text, blocked) if has_figure(sent.text) else []
    return Annotated(sent, periods, schemes, scheme_cues, indicator_cues, areas, units)


# 'the "social security into ten thousand homes" campaign': a quoted name, whose number words count nothing
_QUOTED_NAME = re.compile(rf"(?i)[\"“][^\"“”\d]{{1,80}}[\"”]\s+{words('name_heads')}\b")


def _quoted_names(sent: Sentence) -> list[tuple[int, int]]:
    if '"' not in sent.text and "“" not in sent.text:
        return []
    return [(sent.start + m.start(), sent.start + m.end()) for m in _QUOTED_NAME.finditer(sent.text)]


def _outside_other_names(cues: list[Match], schemes: list[Match], lex: Lexicon) -> list[Match]:
    """Cues of a card's own figures, minus those inside the name of another card ('900 million
    electronic social security cards' are e-cards, not social security cards)."""

    def inside_other(m: Match) -> bool:
        inds = [lex.indicators[k] for k in m.keys]
        return all(i.fixed_scheme for i in inds) and any(
            s.start < m.start and m.end <= s.end and all(i.default_scheme != s.keys[0] for i in inds) for s in schemes
        )

    return [m for m in cues if not inside_other(m)]


def _paired(cues: list[Match], lex: Lexicon) -> list[Match]:
    """A paired cue (pkg:pairedCue) names its indicator, and nothing else, where the sentence names the
    indicator's pair, and does not name it where the sentence does not: 'took in A and paid out B' is a
    fund's expenditure beside its income, 'the fund paid out B' alone the benefits it paid."""
    said = {k for m in cues for k in m.keys}
    out = []
    for m in cues:
        text = m.text.lower()
        paired = [k for k in m.keys if text in lex.indicators[k].paired_cues]
        if not paired:
            out.append(m)
            continue
        beside = [k for k in paired if lex.indicators[k].pair in said]
        keys = tuple(beside) if beside else tuple(k for k in m.keys if k not in paired)
        if keys:
            out.append(replace(m, keys=keys))
    return out


@lru_cache(maxsize=1024)
def _has_numeral(phrase: str) -> bool:
    """Phrases such as 'aged 60 or over' and 'three social insurance funds' hide their numbers."""
    return has_figure(phrase)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
