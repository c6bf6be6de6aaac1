"""Article → facts: the whole extraction of one article, sentence by sentence.

Reads like a careful reader: it carries the period and scheme of earlier sentences forward,
resolves dates against the publication date, and keeps apart what the text says (reported), what
it leaves open (ambiguous) and what a reviewer settled (curated, from the curation file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from typing import TypeVar

from kg.extract import curation, events, people, tables
from kg.extract import periods as P
from kg.extract.annotate import Annotated, annotate, places, shift
from kg.extract.article import Article, ArticleError
from kg.extract.facts import Fact, dedupe
from kg.extract.grammar import lists, words
from kg.extract.lexicon import Indicator, Lexicon, Match, in_proper_name, load, may_hold
from kg.extract.numbers import Figure, bracket_at, has_figure, plain
from kg.extract.people import Quote  # in Extraction, whose field `people` hides the module
from kg.extract.statistics import (
    ITEM_HEAD,
    ITEM_SEP,
    LIST_SEP,
    WHEN_AFTER,
    DocState,
    Unit,
    area_of,
    article_area,
    bare,
    by_to,
    changed_from,
    choose_indicator,
    compared_month,
    compared_with_year_end,
    dated_next,
    declared_scales,
    elliptical,
    elliptical_before,
    from_to,
    heads,
    holding,
    joint,
    leads,
    monthly_pension,
    named_aside,
    of_an_age_group,
    paid_to,
    per_ratio,
    period_of,
    render,
    restates,
    rise_level,
    scheme_of,
    share_after,
    taken_together,
    then_next,
    to_from,
    unit_ok,
    up_from,
)
from kg.extract.text import Dateline, Sentence, find_dateline, split_sentences

_STARTING = re.compile(rf"(?i)\b{words('starting')}\b")
_END = re.compile(r"(?i)(?:the\s+)?end\b")  # 'since the end of 2016' dates a stretch, not a rise's first day
_THERE_ARE = re.compile(rf"(?i)\W*(?:(?:now|currently|today)\s+)?{words('existential')}\b")
# a goal before the figure (a forecast, 'aims to have N cards issued by the end of a year', stays one:
# the corpus reads it so)
_GOAL = re.compile(
    rf"(?i)\b{words('goal_verbs')}\b[^.;]*$|(?P<ceiling>\b(?:keep|kept|control|controlled)\b[^.;]*\bwithin\s+$)"
)
_OTHER_HEAD = re.compile(rf"(?i)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{words('other_countables')})\b")
_THING_HEAD = re.compile(
    rf"(?i)\s+(?:(?!(?:of|in|at|from|for|to|and|with|by|people|persons)\b)[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>{words('thing_heads')})\b"
)


def _may_set_a_goal(text: str) -> bool:
    """Whether _GOAL can match in the sentence: a goal verb, or 'keep ... within'."""
    return may_hold("goal_verbs", text) or "within" in text.lower()


_HYPOTHETICAL = re.compile(rf"(?i)\b{words('hypothetical')}\b")
# 'many regions', '30 large cities': a part of the country the text does not name
_PLACES = r"(?:regions|provinces|cities|localities|areas|places)"
_PART = rf"\b(?:\d+\s+)?{words('subset_quantifiers')}\s+(?:of\s+the\s+)?{_PLACES}\b"
_SUBSET = re.compile(rf"(?<!one of ){_PART}", re.I)  # 'Hainan, one of several provinces': Hainan
_SUBSET_LEAD = re.compile(rf"\W*(?:in|across|among)\s+{_PART}[^,]*,", re.I)  # 'In 30 large cities, ...'
_SUBSET_WHERE = re.compile(rf"{_PART},?\s+where\b[^.;]*$", re.I)  # 'rural areas, where N percent are over 60'
_THIS_YEAR = re.compile(r"(?i)this\s+year")
_COMPARED = re.compile(
    r"(?i)year[- ]on[- ]year|month[- ]on[- ]month|\bthan\b|\bfrom\b|compared|earlier|previous|\bover\b"
)
_OF_COUNT = re.compile(rf"(?i)\b(?:pensions?|benefits?)\s+of\s+(?:{words('qualifiers')}\s+)?$")
_RAISED = re.compile(r"(?i)\b(?:were|was|will\s+be|have\s+been|has\s+been)\s+(?:raised|increased|lifted|adjusted)\b")
_A_RISE = re.compile(r"(?i)\b(?:rais|increas|adjust|lift|ris|rose|go(?:es)?\s+up|went\s+up|hik)\w*")
_AFTER_RISE = re.compile(r"(?i)\W*after\s+(?:the|this)\s+(?:rises?|increases?|adjustments?|raises?|hikes?)\b")
# 'Per employee, the assets come to 84,500 yuan', 'a per capita balance of 5,000 yuan', '600 yuan for every
# person': an amount per person
_PER_PERSON = re.compile(
    r"(?i)\b(?:per|for\s+(?:every|each))[\s-]+(?:capita|person|head|employee|participant|retiree|member|account(?:\s+holder)?)\b"
    r"|\bon\s+average\b"
    r"|\b(?:lowest|minimum|highest|contribution|payment)\s+grades?\b"  # 'paid the lowest grade of N yuan' for each
)
_PAST = re.compile(r"(?i)\b(?:had|was|were|been)\b")  # 'A total of 753 products had been included': then, not now
_PAYMENTS = frozenset({"benefit_payment", "fund_expenditure"})  # money paid to people, who are its recipients
_FOREIGN = re.compile(rf"\b{words('foreign_places')}\b")
_FOREIGN_LEAD = re.compile(
    rf"[\W\d]*{words('foreign_places')}\b"
)  # '• Japan: the unemployment rate ...' (a line's start)
_PRESENT = re.compile(rf"(?i){words('present')}")


@dataclass
class Extraction:
    article: Article
    published: dt.date
    published_inferred: bool
    sentences: list[Sentence]
    dateline: Dateline | None
    facts: list[Fact] = field(default_factory=list)
    events: list[events.PolicyEvent] = field(default_factory=list)
    people: list[people.Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    annotated: list[Annotated] = field(default_factory=list)  # only when asked for (`keep_spans`)


def infer_published(text: str, dateline: Dateline | None, name: str) -> dt.date:
    """The dateline gives month and day; the year is the first one not before the figures' dates."""
    if dateline is None or dateline.month is None:
        raise ArticleError(f"{name}: no publication date: the text has no dated dateline; give --published YYYY-MM-DD")
    years = [int(y) for y in re.findall(r"(?<![\d,.])((?:19[5-9]|20\d)\d)(?![\d%])", text)]
    if not years:
        raise ArticleError(
            f"{name}: no publication date: the dateline has no year and the text names none; give --published"
        )
    latest = max(years)
    mentioned_ends = (
        [dt.date(latest, 12, 31)] if re.search(rf"end\s+of\s+{latest}|{latest}\s+year-end|end-{latest}", text) else []
    )
    y = latest
    candidate = dt.date(y, dateline.month, dateline.day or 1)
    if mentioned_ends and candidate <= max(mentioned_ends):
        candidate = candidate.replace(year=y + 1)
    return candidate


def extract(article: Article, lex: Lexicon | None = None, keep_spans: bool = False) -> Extraction:
    """The facts, events and people of an article; with `keep_spans`, also each sentence's spans
    as the constructions saw them (for `pension-kg extract --spans`; not kept in the build's cache)."""
    lex = lex or load()
    text = article.text
    sentences = split_sentences(text)
    body = [s for s in sentences if s.body]
    dateline = find_dateline(text, body[0].start) if body else None
    published, inferred = article.published, False
    if published is None:
        published, inferred = infer_published(text, dateline, article.name), True
    result = Extraction(article, published, inferred, sentences, dateline)
    cast = people.find_people(text, lex, dateline)
    result.people = cast.people
    result.quotes = cast.quotes
    result.authors = list(article.authors) or list(dateline.reporters if dateline else [])

    state = DocState()
    at_dateline = [(dateline.start, dateline.end)] if dateline else []
    named_places = [(s, places(s, text, lex, at_dateline)) for s in sentences]
    state.area = article_area(named_places, text)
    local = _local(named_places)
    if state.area == "CN" and local:
        state.area = _own_place(named_places, text, lex, dateline)
    state.scales = declared_scales(text)
    ctx_year = published.year if published.month >= 7 else published.year - 1
    state.dateline_end = dateline.end if dateline else 0
    times: dict[tuple[int, P.Context], list[P.Period]] = {}  # a sentence's periods, found once per context

    def periods_of(s: Sentence, ctx: P.Context) -> list[P.Period]:
        if (s.start, ctx) not in times:
            times[(s.start, ctx)] = P.find(s.text, ctx, s.start)
        return times[(s.start, ctx)]

    # the day a measure takes effect ('starting from January 1, 2023'), for rises that take effect on a day
    for s in body:  # of a rise, not of another measure ('a pension insurance piloted from June 1')
        if _STARTING.search(s.text) and _A_RISE.search(s.text):
            for p in periods_of(s, P.Context(published, ctx_year)):
                if p.marker == "since" and p.precision == "day" and state.effective is None and not _END.match(p.text):
                    state.effective = p

    for sent, areas in named_places:
        if not sent.body:
            continue  # page furniture states nothing and carries nothing: its periods and phrases go unread
        ctx = P.Context(published, ctx_year)
        found = _same_year_end([p for p in periods_of(sent, ctx) if not _inside(p.start, at_dateline)])
        lex.scan(sent.text)  # every phrase of the sentence in one pass; the finds below are then remembered
        schemes = _outside_appositions(shift(lex.find_schemes(sent.text), sent.start), text)
        if sent.paragraph != state.paragraph:  # page furniture between paragraphs is no paragraph
            state.before, state.scheme = state.scheme, state.section
            state.paragraph = sent.paragraph
        new_facts: list[Fact] = []
        new_events: list[events.PolicyEvent] = []
        figured = has_figure(sent.text)
        if figured or found or _JUST_BEGUN.search(sent.text):  # a date alone may date an event
            speaker = cast.speaker_of(sent)
            ann = annotate(sent, text, found, schemes, areas, lex, at_dateline)
            if keep_spans:
                result.annotated.append(ann)
            new_facts = _statistics(ann, lex, state, ctx, article, speaker)
            _over_the_same_period(new_facts, result.facts, sent, text)
            provinces = {m.keys[0] for m in ann.areas} - {"CN"}
            if provinces:
                state.place = next(iter(provinces)) if len(provinces) == 1 else ""
            told = found if events.event_dates(found) else found + _news_of_the_day(sent, body, published)
            if told:
                new_events = events.find_events(ann, told, lex, article.name, speaker, text, state.topic, state.area)
        result.facts += new_facts
        result.events += new_events
        ctx_year = _carry_forward(state, [p for p in found if not _aside(p, sent)], ctx_year, article.text)
        said = [f.scheme for f in new_facts if f.scheme] + [e.scheme for e in new_events if e.scheme]
        subjects = [m for m in schemes if not named_aside(m, text)]  # not 'workers who joined X can ...'
        named = [m.keys[0] for m in subjects] or [m.keys[0] for m in lex.scheme_cues.find(sent.text)]
        # 'the basic pension of the residents' pension insurance': the narrower one
        named = [k for k in named if not any(o != k and lex.under(o, k) for o in named)]
        state.named |= set(named)
        if _section_heading(sent, text):  # 'II. Unemployment insurance': the scheme of the lines under it
            state.section = named[0] if len(set(named)) == 1 else ""
        if said or named:
            # a sentence about several schemes leaves none of them in scope for the next one
            distinct = set(said or named)
            scheme = (said or named)[0] if len(distinct) == 1 else ""
            # 'Of which: in-service employees: 2.5 million' under the enterprise employees' scheme: a
            # broader name the sentence only mentions leaves the narrower scheme in scope
            narrower = not said and state.scheme and scheme and lex.under(state.scheme, scheme)
            # 'Pension fund balances by province' in a report on the employees' fund: that fund's, still
            topical = not said and not state.scheme and scheme and state.topic and lex.under(state.topic, scheme)
            state.scheme = state.scheme if narrower else state.topic if topical else scheme
            state.topic = (said or named)[-1] if said else named[0]
    result.events = events.link_measures(result.events, sentences, text, lex)
    result.facts += [e.fact for e in result.events if e.fact is not None]
    _from_the_start(result.facts, published)
    _too_small_for_the_nation(result.facts, lex)
    _too_many_for_a_province(result.facts, lex)
    for e in result.events:  # 'Beijing's reserve, the national social security fund, held ...': the nation's
        if e.scheme in lex.national_only:
            e.area = "CN"
    for f in result.facts:  # 'the investment income of the social security fund': the national fund's
        if f.scheme == lex.in_general and (meant := lex.indicators[f.indicator].general_scheme if f.indicator else ""):
            f.scheme = meant
        if f.scheme in lex.national_only:
            f.area = "CN"
    if state.area == "CN" and local:
        _unnamed_place(result.facts)
    result.facts = _narrowest(dedupe(curation.apply(result.facts, article)), lex)
    return result


_SAME_PERIOD = re.compile(r"(?i)\W*(?:over|in|during)\s+the\s+same\s+(?:period|time)\s*,")
_FROM_SIDE = re.compile(
    r"(?i)\bfrom\s+(?:(?!\bto\b)[^;.])*$"
)  # 'grew from A and B': the figure after 'from', before 'to'


def _over_the_same_period(facts: list[Fact], before: list[Fact], sent: Sentence, text: str) -> None:
    """'A rose from X at the end of one year to Y in June. Over the same period, B and C grew from B1 and C1
    to B2 and C2': the levels a change starts from are of the date the sentence before started its own from,
    those it reaches of the date it reached (the figures found no date of their own)."""
    if not _SAME_PERIOD.match(sent.text) or len(before) < 2:
        return
    last = [f for f in before if f.quote == before[-1].quote]  # the sentence before's facts
    pairs = [(a, b) for a, b in zip(last, last[1:], strict=False) if b.construction == "from A to B"]
    if not pairs or any(f.period_kind != "stock" for f in pairs[-1]):
        return
    a, b = pairs[-1]
    for f in facts:
        if f.status == "reported" and f.period_kind == "stock" and f.period == b.period:
            start = f.figure[0]
            if _FROM_SIDE.search(text, sent.start, start) and re.search(r"\bto\b", text[f.figure[1] : sent.end]):
                f.period = a.period


# '... extended nationwide on Dec. 15', 'promoted to the whole country starting Dec. 15': the day a trial ended
_WENT_NATIONWIDE = re.compile(rf"(?i)\b{words('nationwide')}\s+(?:\w+\s+){{0,2}}$")


def _of_the_trial(unit: Unit, found: list[P.Period], text: str) -> P.Period | None:
    """The period of a count of a trial's places (pkg:ofATrial): the trial's start, where the count's own
    clause gives it straight after the count ('launched in 36 cities on November 25, 2022'; 'piloted in 36
    cities since November 2022' only where the sentence says the scheme has since gone nationwide); else
    None, the period read as for any figure (a trial still under way counts its places on the report's
    day). The day before the scheme went nationwide was tried as the period where no start is given: right
    on a tuned probe, wrong on one never tuned on, so it was left out."""
    ended = next((p for p in found if p.precision == "day" and _went_nationwide(p, text)), None)
    for p in found:
        if (
            p.start >= unit.end
            and p.precision in ("day", "month")
            and not re.search(r"[,;:]", text[unit.end : p.start])
        ):
            if p is ended or (p.marker == "since" and ended is None):
                return None  # 'pilots in 17 provinces since July 2022': a trial under way, counted today
            return replace(p, marker="")
    return None


def _went_nationwide(p: P.Period, text: str) -> bool:
    return bool(_WENT_NATIONWIDE.search(text, max(0, p.start - 60), p.start))


_OF_WHOM = re.compile(r"[^,;.]*,\s*(?:of\s+whom|of\s+which|among\s+them)\s+$", re.I)  # the part of a whole just counted
_THEN_AND = re.compile(r"[^,;.]{0,40}?\s+and\s+$", re.I)  # 'of whom A were working and B ...': the next part


def _of_the_whole(
    k: int, units: list[Unit], out: list[Fact], sent: Sentence, ind: Indicator, schemes: list[Match], text: str
) -> str:
    """The scheme of the figure just read in the sentence, where this one is of it and its own clause names
    none: its change ('including 32.86 million in the employees' scheme, up 1.86 million'), or a part of
    the members it counted ('424.6 million were insured in the enterprise employees' scheme, of whom 311.9
    million were working and 112.7 million were retirees'); else ""."""
    whole = out[-1] if out and out[-1].quote == sent.text else None
    unit = units[k]
    if whole is None or not whole.scheme or any(unit.seg[0] <= m.start < unit.seg[1] for m in schemes):
        return ""
    if unit.change and whole.indicator == ind.change_of:
        return whole.scheme
    part = k > 0 and bool(_OF_WHOM.match(text, units[k - 1].end, unit.start))
    next_part = k > 1 and bool(
        _OF_WHOM.match(text, units[k - 2].end, units[k - 1].start)
        and _THEN_AND.match(text, units[k - 1].end, unit.start)
    )
    return whole.scheme if part or next_part else ""


_THE_NATIONS_TRIAL = re.compile(
    r"(?i)\b(?:one\s+of|among|entered|joined|became\s+one\s+of)\s+(?:the\s+)?(?:(?:first|second|third)\s+)?"
    r"(?:batch\s+of\s+)?(?:national\s+)?$"
)
_ANNOUNCED = re.compile(rf"(?i)\b{words('announcement_verbs')}\s+(?:(?:in|on)\s+(?:the\s+)?)?$")
_ADVERB = r"(?:now\s+|officially\s+|formally\s+)?"
_JUST_BEGUN = re.compile(rf"(?i)\b(?:has|have)\s+{_ADVERB}been\s+{_ADVERB}{words('founding')}")


def _news_of_the_day(sent: Sentence, body: list[Sentence], published: dt.date) -> list[P.Period]:
    """'The care insurance scheme has now been launched', undated, in a report's lead: the news of the
    report's day. Later in a report a present perfect tells of some earlier day, and dates nothing."""
    if not _JUST_BEGUN.search(sent.text) or sent not in body[:3]:
        return []
    return [P.Period(published, published, "day", start=sent.end, end=sent.end, text="")]


_FAR_BELOW = 5


def _too_small_for_the_nation(facts: list[Fact], lex: Lexicon) -> None:
    """Participants far fewer than any nationwide count of their scheme (pkg:nationalParticipantsFloor)
    are a smaller area's: the figure is no national one. Two figures far below it say the whole report
    is about an area it never names, so none of its nationwide facts is asserted."""
    small = [
        f
        for f in facts
        if f.indicator == "participants"
        and f.status == "reported"
        and f.area == "CN"
        and f.value is not None
        and f.value < lex.national_floor.get(f.scheme, 0)
    ]
    # a county's or a city's counts are far below the floor; a national report may hold one count near it
    # (people whose premiums were subsidised) and a table's unit ('10,000 persons')
    tiny = [f for f in small if f.value is not None and f.value * _FAR_BELOW < lex.national_floor.get(f.scheme, 0)]
    doubtful = [f for f in facts if f.status == "reported" and f.area == "CN"] if len(tiny) >= 2 else small
    for f in doubtful:
        f.status = "ambiguous"
        f.note = "too few participants for a nationwide figure: the report is about an area it does not name"


def _too_many_for_a_province(facts: list[Fact], lex: Lexicon) -> None:
    """A province's count of people above pkg:provincialPersonsCeiling is a garbled figure, kept for review."""
    for f in facts:
        big = f.unit == "persons" and f.value is not None and f.value > lex.province_ceiling > 0
        if f.status == "reported" and f.area != "CN" and big:
            f.status = "ambiguous"
            f.note = "more people than any province has: a garbled figure (万 read as millions?)"


_LOCAL = re.compile(rf"(?i)\b{words('local_self_references')}\b")


def _local(named: list[tuple[Sentence, list[Match]]]) -> bool:
    """Whether a report speaks of its own place ('the province', 'the city') at least twice, and more
    often than it names the nation."""
    body = [(s, found) for s, found in named if s.body]
    local = sum(len(_LOCAL.findall(s.text)) for s, _ in body if may_hold("local_self_references", s.text))
    return local >= 2 and local > sum(1 for _, found in body for m in found if m.keys[0] == "CN")


# 'For N poor persons, the government paid on their behalf the lowest grade of premium': those whose
# contributions were paid for them, whatever the count's own noun calls them
_COUNTS_OF_PEOPLE = frozenset({"beneficiaries_in_poverty", "beneficiaries", "participants", "contributors"})
_FOR_THE = re.compile(r"(?i)\W*for\s+(?:the\s+)?(?:about\s+|some\s+|more\s+than\s+)?")
_PAID_FOR_THEM = re.compile(
    r"(?i)\b(?:paid|pay|pays|paying)\b[^.;]{0,40}\b(?:on\s+their\s+behalf|premiums?|contributions?|grade)\b"
)
# 'spent N yuan more than it collected', 'will need N yuan of extra spending': a difference
_A_DIFFERENCE = re.compile(
    r"(?i)\s+(?:more|less|fewer)\s+than\s+(?:it|they|was|were|the)\b|\s+of\s+(?:extra|additional)\b"
)
# 'N insured employees who obtained certificates': some of the members, picked out by what they
# did (not 'who have joined the scheme', which is what makes them members)
_PICKED_OUT = re.compile(
    r"(?i)\s+(?:[\w-]+\s+){0,3}?(?:employees|workers|people|persons|residents|retirees|participants)\s+(?:who|that)\s+"
    r"(?!(?:have\s+|had\s+|has\s+)?(?:joined|participated|participate|enrolled|been\s+(?:insured|covered|enrolled)|are\b|were\b))"
)
_BOUNDS = frozenset(lists()["bound_qualifiers"])
# 'in regions whose fund can pay for over N months', 'N provinces held fewer than N months of payments'
_PLACES_BY = re.compile(
    r"(?i)\b(?:(?:provinces|regions|cities|areas|localities)\s+(?:where|whose|that|which)\b"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen|[a-z]+ty)\s+(?:provinces|provincial-level\s+regions|regions|cities)\b)"
    r"[^.;]{0,60}$"
)


def _no_measurement(ind: Indicator, unit: Unit, sent: Sentence, text: str) -> str:
    """Why a figure its cue names is no measurement of the indicator, or "": a difference ('N yuan more
    than it collected', 'of extra spending'); members a relative clause picks out ('insured employees who
    obtained certificates'); a bound that places are counted or picked by ('in regions whose fund can pay
    for over N months', 'N provinces held fewer than N months of payments'), a condition, not a
    measurement of any one of them."""
    if ind.kind != "change" and _A_DIFFERENCE.match(text, unit.end):
        return f"a difference ('more than it collected', 'of extra spending'), not the {ind.label}"
    if ind.code == "participants" and _PICKED_OUT.match(text, unit.end):
        return "members a relative clause picks out ('insured employees who obtained certificates'), not all"
    if unit.figures[0].qualifier in _BOUNDS and _PLACES_BY.search(text, max(sent.start, unit.start - 100), unit.start):
        return f"a threshold of the {ind.label} that places are counted by, not a measurement"
    return ""


def _own_place(named: list[tuple[Sentence, list[Match]]], text: str, lex: Lexicon, dateline: Dateline | None) -> str:
    """A local report ('the province's participants ...') that names its place only in its headline or its
    dateline ('Hangzhou, Jan. 28 --', not the national reports' 'BEIJING') is about that place's province;
    else CN, as article_area found. Asked only of a local report (`_local`)."""
    heads = [m for s, found in named if not s.body for m in found]
    if dateline is not None:
        line = Sentence(-1, dateline.start, dateline.end, text[dateline.start : dateline.end], -1)
        heads += [m for m in places(line, text, lex, []) if m.keys[0] != lex.national_dateline]
    own = {m.keys[0] for m in heads} - {"CN"}
    return own.pop() if len(own) == 1 else "CN"


# 'the five social insurance funds (pension, medical, ... and maternity)', '... funds -- pension, ... --': an
# apposition that spells out the schemes a collective name stands for
_APPOSITION = re.compile(r"\s*(?:\((?P<p>[^()]{3,200})\)|(?:--|—|–)\s(?P<d>[^.;]{3,200}?)\s(?:--|—|–))")


def _outside_appositions(schemes: list[Match], text: str) -> list[Match]:
    """The scheme names of a sentence without those of an apposition after another scheme's name: the
    figures of 'the five social insurance funds (pension, medical, ...)' are the five funds' together."""
    inner: list[tuple[int, int]] = []
    for m in schemes:
        a = _APPOSITION.match(text, m.end)
        if a is not None:
            group = "p" if a.group("p") is not None else "d"
            inner.append((a.start(group), a.end(group)))
    return [m for m in schemes if not any(s <= m.start < e for s, e in inner)]


def _unnamed_place(facts: list[Fact]) -> None:
    """A report that speaks of 'the city' or 'the county' at least twice, more often than it names the
    nation, is a local one whose place no code names (else the report's area would be that place): its
    figures are no nationwide ones, so they are held for review rather than asserted for CN. Asked only
    of a local report (`_local`)."""
    for f in facts:
        if f.status == "reported" and f.area == "CN" and not f.is_event:
            f.status = "ambiguous"
            f.note = "a local report ('the city', 'the county') whose place is not named: no nationwide figure"


def _narrowest(facts: list[Fact], lex: Lexicon) -> list[Fact]:
    """One figure stated twice, once under a broader name ('the enterprise employees' pension fund ...
    the basic old-age insurance fund had 4.2 trillion'): the same balance, kept under the narrower scheme."""

    def point(f: Fact) -> tuple:
        # a figure precise to six or more digits is the same figure whatever period each mention took
        precise = f.value is not None and len(f.value.normalize().as_tuple().digits) >= 6
        return (f.indicator, f.area, "" if precise else f.period, f.value, f.unit, f.status)

    stated = [f for f in facts if f.status == "reported" and f.scheme]
    broader = {
        id(f)
        for f in stated
        for g in stated
        if g is not f and point(g) == point(f) and g.scheme != f.scheme and lex.under(g.scheme, f.scheme)
    }
    return [f for f in facts if id(f) not in broader]


_SINCE_FOUNDING = re.compile(
    rf"(?i)\bsince\s+(?:it\s+was\s+|they\s+were\s+|its\s+|their\s+"
    rf"|the\s+(?:[\w'’-]+\s+){{0,3}}?(?:was\s+|were\s+)?){words('own_start')}\w*\b"
    rf"(?!\s+of\s+(?:the\s+|this\s+|last\s+)?(?:year|month|quarter|(?:19|20)\d\d)\b)"
)  # 'since its founding', 'since the launch of the system', 'since the entrustment began'; not 'since
# the beginning of the year'


_CUMULATIVELY = re.compile(
    r"(?i)\b(?:has|have|had)\s+(?:\w+\s+)?(?:cumulatively|accumulatively)\b"
)  # 'the fund has cumulatively paid out'


# where one clause ends and the next begins: 'the fund paid out A, and since the launch the total has reached B'
_NEXT_CLAUSE = re.compile(rf"(?i);|,\s+(?:and|but|{words('clause_conjunctions')})\s")


def _of_its_clause(f: Fact, phrase: re.Pattern[str]) -> bool:
    """Whether the phrase dates the figure: one before it dates every clause after it ('Since its
    launch, A people have been paid, and the fund has paid out B'); one after it, only its own clause
    (a 'since the launch' after ', and' dates the total it opens, not the half-year's payments before)."""
    at = f.figure[0] - f.sentence[0]
    return any(m.end() <= at or not _NEXT_CLAUSE.search(f.quote, at, m.start()) for m in phrase.finditer(f.quote))


def _from_the_start(facts: list[Fact], published: dt.date) -> None:
    """A flow of a scheme that the report says started inside the flow's period runs from that start:
    a scheme launched on 10 October took in nothing in the months before. A flow 'since it
    was set up' runs from the start the report gives the scheme."""
    starts: dict[str, str] = {}
    for f in facts:
        if f.indicator == "event_start" and f.scheme and len(f.period) == 10:  # a day
            starts.setdefault(f.scheme, f.period)
    founded: dict[str, P.Period] = {}  # a start of any precision ('set up in 2000': all of 2000)
    for f in facts:  # the earliest: 'first launched in 2022' before 'opened to the whole country in 2024'
        if f.indicator == "event_start" and f.scheme and len(f.period) in (4, 7, 10):
            start = P.of_notation(f.period)
            if f.scheme not in founded or start.first < founded[f.scheme].first:
                founded[f.scheme] = start
    for f in facts:
        if f.period_kind != "flow" or "/" not in f.period:
            continue
        first, last = f.period.split("/")
        since = _of_its_clause(f, _SINCE_FOUNDING) or bool(_CUMULATIVELY.search(f.quote))
        if f.status == "reported" and since and (f.scheme not in founded or founded[f.scheme].first.isoformat() > last):
            f.status = "ambiguous"  # 'since the program began', which the report does not date: no period to give
            f.note = "a total since the scheme began, whose start the report does not give"
        elif f.scheme in founded and since:
            if last <= founded[f.scheme].last.isoformat():  # 'since the pilot began', no later date: until the report
                last = published.isoformat()
            f.period = (
                f"{founded[f.scheme].first.isoformat()}/{last}"  # 'an average annual return since its founding of 5%'
            )
        elif f.scheme in starts and first < starts[f.scheme] < last:  # never a flow of no days ('d/d')
            f.period = f"{starts[f.scheme]}/{last}"


# 'II. Unemployment insurance (Unit: 100 million yuan)', '3. Work-injury insurance': a section's heading
_HEADING = re.compile(r"(?:[IVX]{1,5}\.|\d{1,2}[.)、]|\(\d{1,2}\))?[ \t]*[A-Z][^\n.!?:;]{1,80}(?:\([^\n()]{0,60}\))?")


def _section_heading(sent: Sentence, text: str) -> bool:
    """A line of its own between blank lines, no sentence and no table item: the heading of the lines under it."""
    alone = text[max(0, sent.start - 2) : sent.start] in ("\n\n", "") and text[sent.end : sent.end + 2] in ("\n\n", "")
    return alone and bool(_HEADING.fullmatch(sent.text))


def _aside(p: P.Period, sent: Sentence) -> bool:
    """A period in brackets beside a figure of its own ('3.2 million (Q1 2025: 2.9 million)'), or in a leading
    'As ...,' aside: a remark the text makes in passing, not the period it goes on about (a heading's '(end of
    March)' is)."""
    at = p.start - sent.start
    if at < _as_aside_end(sent):
        return True  # 'As the first city to pilot the insurance in 2012, the city ...': the aside's date
    left = bracket_at(sent.text, at)
    if left == -1:
        return False
    inside = sent.text[left + 1 : sent.text.find(")", at)]
    return has_figure(inside.replace(p.text, ""))


def _as_aside_end(sent: Sentence) -> int:
    """Where a leading 'As the first city to ...,' aside ends in the sentence (0 where it has none)."""
    m = _AS_ASIDE.match(sent.text)
    return m.end() if m else 0


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# 'a return of 9.9% last year, up from 9.3% in 2014': the year of the level compared with is not carried
_FROM_LEVEL_IN = re.compile(
    r"(?i)\bfrom\s+(?:the\s+)?[\d.,]+\s*(?:%|percent|per\s*cent|[a-z]+)?(?:\s+yuan)?\s+(?:in|of)\s+$"
)


def _carry_forward(state: DocState, found: list[P.Period], ctx_year: int, text: str) -> int:
    """What a reader carries to the next sentence: its last stated period, and the year it talks about."""
    explicit = [
        p
        for p in found
        if p.marker not in ("compare", "since", "report", "weekday")
        and not p.vague
        and not _PRESENT.fullmatch(p.text)
        and not _THIS_YEAR.fullmatch(p.text)
        and not _FROM_LEVEL_IN.search(text, max(0, p.start - 60), p.start)
    ]
    if explicit:
        state.period = explicit[-1]
        years = [p.last.year for p in explicit if p.precision in ("year", "day", "interval")]
        if years:
            return years[-1]
    return ctx_year


def _statistics(
    ann: Annotated,
    lex: Lexicon,
    state: DocState,
    ctx: P.Context,
    article: Article,
    speaker: str,
) -> list[Fact]:
    """The statistics of one annotated sentence, unit by unit, each read by the first construction
    that fits it."""
    sent, units, found = ann.sentence, ann.units, ann.periods
    ind_cues, schemes, scheme_cues, areas = ann.indicator_cues, ann.schemes, ann.scheme_cues, ann.areas
    if tables.is_row(sent.text):
        if (head := tables.header(article.text, sent.start)) is not None:
            return _table_row(ann, head, lex, state, ctx, article, speaker)
        if tables.is_header(tables.cells(article.text, sent.start, sent.end)):
            return []  # a table's header names its columns: its years are no figures
    if tables.UNIT_LINE.fullmatch(sent.text):
        return []  # 'Unit: 100 million yuan' above a table declares, it states nothing
    out: list[Fact] = []

    def kept(unit: Unit, why: str = "no indicator's cue in the figure's own clause", con: str = "") -> list[Fact]:
        """Every figure of the unit (its conversions too) kept for review, with why it stayed unclassified."""
        return [
            _unclassified(article.name, sent, f, speaker, why, construction=con or "no positive evidence")
            for f in unit.everything
        ]

    sentence_schemes = {k for m in schemes + scheme_cues for k in m.keys}
    prev_ind, prev_period, prev_schemes = "", None, None
    carried, state.last_list = state.last_list, None
    carried_change, state.last_change = state.last_change, None
    prev_span = ""  # the interval of the change just before, in this sentence
    joined = ""  # the indicator of new members over a period just kept unclassified ('1 million joined in May')
    rise: tuple[Unit, str, Unit | None] | None = None  # a rise 'by A', its day and the level it reaches
    prev_unit: Unit | None = None
    prev_code = ""  # the indicator of the unit just before ("" when it stayed unclassified)
    start_level: Fact | None = None  # the level a 'from A to B' starts from, dated once B is
    start_of: Fact | None = None  # the level 'to B from A' reached, whose A is the level the year before
    hypothetical = may_hold("hypothetical", sent.text) and bool(_HYPOTHETICAL.search(sent.text))
    for k, unit in enumerate(units):
        nxt = units[k + 1] if k + 1 < len(units) else None
        of_list_before = ""  # the area of the list of levels the previous sentence gave, if this is its changes
        if carried and unit.change and len(unit.figures) == len(carried[1]) > 1 and not prev_ind:
            prev_ind, prev_schemes, prev_period, of_list_before = carried  # '... gained x, y and z respectively'
            carried = None
        same_span = ""  # the interval of the change the last sentence ended on, if this one is of its level
        if carried_change and unit.change and len(unit.figures) == 1 and not prev_ind:
            prev_ind, prev_period, same_span = (
                carried_change  # '... gained 20 million. For Y the increase was 7 million'
            )
        carried_change = None
        others = [u for u in units if u is not unit]
        construction = "figure in its clause"
        if hypothetical:  # 'imagine a family that earns 9,000 yuan a month'
            why = "a hypothetical example or a definition, not a report"
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        line = article.text.rfind("\n", 0, unit.start) + 1  # a bullet's line, from its start ('• Germany: ...')
        if _FOREIGN.search(article.text, *unit.seg) or _FOREIGN_LEAD.match(article.text, line):
            why, con = "a figure of another country", "another country's figure"
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        subset = (
            _SUBSET.search(article.text, *unit.seg)
            or _SUBSET_LEAD.match(sent.text)
            or _SUBSET_WHERE.search(article.text, sent.start, unit.start)
        )
        if subset:  # 'with some provinces seeing returns above 8 percent', 'In 30 large cities, the rate ...'
            why = "a figure of an unnamed part of the country ('many regions', '30 large cities', 'rural areas')"
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        if any(f.uncertain for f in unit.everything):
            why = "a garbled figure that can be read more than one way"
            con = "uncertain garble"
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        if restates(unit, article.text) or per_ratio(unit, article.text):
            why, con = (
                ("restates a figure given before", "restated figure")
                if restates(unit, article.text)
                else ("a ratio ('per 1,000'), not a level", "ratio")
            )
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        scaled = False  # read in the unit a table declares
        if "CNY" in state.scales and len(unit.figures) == 1 and bare(unit.figures[0]):
            # '(amounts: 100 million yuan)' declared, 'Benefits paid: 5.73': an amount if a money indicator claims it
            money = replace(unit, figures=[_scaled(unit.figures[0], state.scales["CNY"], "CNY")])
            claim = choose_indicator(money, ind_cues, lex, sentence_schemes, others, sent)
            if claim and lex.indicators[claim].unit == "CNY":
                unit, scaled = money, True
        if prev_code and from_to(prev_unit, unit, article.text):
            code, construction = prev_code, "from A to B"
            start_level = _start_level(out, prev_unit, found)
        elif prev_code and to_from(prev_unit, unit, article.text):
            code, construction = prev_code, "from A to B"  # 'to 169 yuan a month from 151 yuan': 151 came first
            start_of = _start_level(out, prev_unit, [])
        elif prev_code and dated_next(prev_unit, unit, article.text, found):
            code, construction = prev_code, "series of dated figures"  # '5.1% in 2017, 2.3% in 2018'
        elif prev_code and then_next(prev_unit, unit, article.text):
            code, construction = prev_code, "from A to B"  # '17 percent by 2025, then 20 percent in 2030'
        elif (
            prev_code
            and not lex.indicators[prev_code].change_of
            and up_from(prev_unit, unit, article.text, ind_cues, prev_code)
            and unit_ok(unit.figures[0], lex.indicators[prev_code])
            # a level compared with is of another date: its own ('at the end of September', 'a year earlier'),
            # or none the report gives ('against 35 at the founding of the republic'), which leaves it unread
            and (
                any(unit.end <= p.start < unit.seg[1] for p in found)
                or bool(_A_YEAR_BACK.search(article.text, unit.end, unit.seg[1]))
            )
        ):
            code, construction = prev_code, "from A to B"
        elif (
            prev_code
            and (level := lex.indicators[prev_code].change_of)
            and changed_from(prev_unit, unit, article.text)
            and unit_ok(unit.figures[0], lex.indicators[level])
            and any(0 <= p.start - unit.end <= 4 for p in found)
        ):
            code, construction = level, "from A to B"  # 'falling 0.1 points from the 5.3% of August': its level
        elif prev_code and (level := lex.indicators[prev_code].change_of) and by_to(prev_unit, unit, article.text):
            code, construction = level, "rise by A to B"  # 'the minimum pension was lifted by 16 yuan to 96 yuan'
        elif (reaches := rise_level(unit, nxt, units[k + 2] if k + 2 < len(units) else None, article.text)) and (
            change := lex.change_indicator(monthly_pension(reaches, schemes, article.text, lex, sent.start))
        ):
            code, construction = change, "rise by A to B"  # 'pensions will rise by 30 yuan to 330 yuan a month'
        elif (
            state.last_stock
            and _THE_TOTAL.search(article.text, unit.seg[0], unit.start)
            and unit_ok(unit.figures[0], lex.indicators[state.last_stock])
        ):
            code, construction = state.last_stock, "the total of the last stock"  # 'the total should rise to N'
        elif joined and _TOTAL_TO.search(article.text, max(sent.start, unit.start - 40), unit.start):
            code, construction = joined, "total after new members"  # '..., bringing the total to 70 million'
        elif prev_code in _PAYMENTS and paid_to(prev_unit, unit, article.text):  # "... yuan to 2.7 million jobless"
            code, construction = "benefit_recipients", "recipients of the payment before"
        elif prev_code and (share := lex.share_of(prev_code)) and share_after(prev_unit, unit, article.text):
            code, construction = share, "share of the count before"
        elif prev_code and (
            elliptical(prev_unit, unit, schemes, article.text, lex)
            or elliptical_before(prev_unit, unit, schemes, article.text)
        ):
            code, construction = prev_code, "elliptical coordination"
        else:
            # a second change ('0.1 points lower than in July and down 0.1 from August last year') is
            # of the same level as the first
            level = lex.indicators[prev_ind].change_of or prev_ind if prev_ind else ""
            if prev_unit is not None and _OF_COUNT.search(
                article.text, max(sent.start, prev_unit.start - 30), prev_unit.start
            ):
                level = ""  # 'the pensions of 4.1 million retirees were raised by 3%': the pensions rose
            if level and lex.indicators[level].completed_years:
                level = ""  # a run of rises ('the 9th in a row') is no level a later change is of
            code = choose_indicator(
                unit,
                ind_cues,
                lex,
                sentence_schemes,
                others,
                sent,
                base=level if unit.change else "",
                scope="" if sentence_schemes else state.scheme or state.before,
            )
        if not code:
            code = holding(unit, schemes, article.text, lex)  # '50 million had unemployment insurance'
        if not code and (code := _members_changed(unit, schemes, found, state, lex)):
            construction = "change of the figure before"  # 'work injury insurance grew by 4.11 million people'
        if not code and (code := _sub_item(unit, sent, schemes, ind_cues, state, lex)):
            construction = "table item under the one before"  # '  - employees' basic pension: 541.7 mln'
        if not code and (code := monthly_pension(unit, schemes, article.text, lex, sent.start)):
            construction = "monthly pension of the scheme"  # '... to 330 yuan a month' for the residents'
        if not code and len(unit.figures) > 1 and (named := _list_indicators(unit, sent, None, lex)):
            code = named[0]  # 'savings, fund and insurance products number A, B and C respectively': each part's
        derived = _derived_cue(unit, ind_cues, lex)
        if derived and code and not derived.code == code and _leading(derived, unit, ind_cues, sent):
            code = ""  # 'the year's balance of 90 billion went into the accumulated surplus': the year's own
        prev_unit, prev_code = unit, code
        opening = article.text[sent.start : article.text.find(",", sent.start, unit.start) + 1 or sent.start]
        if (
            code
            and lex.indicators[code].unit == "CNY"
            and (_PER_PERSON.search(article.text, *unit.seg) or _PER_PERSON.search(opening))
        ):
            why, con = f"{lex.indicators[code].label} per person, not the total", "amount per person"
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        if code and (other := _OTHER_HEAD.match(article.text, unit.end)):
            # '11.63 million college graduates ... find jobs': the head noun says what the figure counts
            why = f"a count of {other.group('noun').lower()}, which no indicator measures"
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        if code and lex.indicators[code].unit == "persons" and (thing := _THING_HEAD.match(article.text, unit.end)):
            # 'eight contributing provinces': the head noun counts things, not the people the cue names
            why = f"a count of {thing.group('noun').lower()}, not of people"
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        goal = _GOAL.search(article.text, unit.seg[0], unit.start) if code and _may_set_a_goal(sent.text) else None
        if goal and code + "_target" in lex.indicators:
            code = code + "_target"  # 'will strive to create 241,000 new urban jobs': the target, not the jobs
        elif goal and goal.group("ceiling"):  # 'keep the jobless rate within 3.5%': a ceiling, no measurement
            why = f"a ceiling set for the {lex.indicators[code].label}, not a measurement"
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        if (
            code in _COUNTS_OF_PEOPLE
            and _FOR_THE.fullmatch(article.text, sent.start, unit.start)
            and _PAID_FOR_THEM.search(article.text, unit.seg[1], sent.end)
        ):
            code = "premium_subsidy_recipients"  # 'For N poor persons, the government paid on their behalf ...'
        if code and (why := _no_measurement(lex.indicators[code], unit, sent, article.text)):
            out += kept(unit, why)
            prev_unit, prev_code = unit, ""
            continue
        rise_of = _OF_COUNT.search(article.text, max(sent.start, unit.start - 30), unit.start)
        if code == "beneficiaries" and rise_of and _RAISED.search(article.text, unit.end, sent.end):
            code = "pension_adjustment_beneficiaries"  # 'the pensions of 4.1 million retirees were raised by 3%'
        if code in ("participants", "beneficiaries") and (
            _ADJUSTMENT_COVERS.search(article.text, unit.seg[0], unit.start)
            or _COVERED_BY_ADJUSTMENT.match(article.text, unit.end)
        ):
            code = "pension_adjustment_beneficiaries"  # 'This adjustment covers 4.78 million retirees': the rise's
        ages = (  # a beneficiary's age a scheme in scope pays from narrows nothing
            frozenset(
                lex.benefit_age[k] for k in sentence_schemes | {state.scheme, state.topic} if k in lex.benefit_age
            )
            if code == "beneficiaries"
            else frozenset()
        )
        if code and _ONE_PERSONS.search(article.text, max(unit.seg[0], unit.start - 60), unit.start):
            out += kept(unit, f"one person's figure, no {lex.indicators[code].label} of a scheme")
            continue
        if code and of_an_age_group(unit, lex.indicators[code], sent, ages):
            why = f"{lex.indicators[code].label} of an age group, not of everyone it counts"
            out += kept(unit, why)
            continue
        if not code:
            if derived:  # 'an annual surplus of 20 billion': what the graph only derives is never reported
                if derived.uncoded:
                    why, con = f"{derived.label}, which no code measures", "quantity no code measures"
                else:
                    why, con = f"{derived.label}, which the graph derives, never reads", "current-year surplus"
                out += kept(unit, why, con)
            else:
                out += kept(unit)
            continue
        ind = lex.indicators[code]
        if ind.unit == "persons" and "persons" in state.scales and len(unit.figures) == 1 and bare(unit.figures[0]):
            unit = replace(unit, figures=[_scaled(unit.figures[0], state.scales["persons"], "")])  # 'persons: 10,000'
            scaled = True
        if scaled and construction == "figure in its clause":
            construction = "table in a declared unit"
        if ind.unit == "persons" and any(f.value != f.value.to_integral() for f in unit.figures):
            why, con = (
                f"{ind.label} with a fraction: the unit it is counted in is not stated",
                "people in an unstated unit",
            )
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        # 'of this year's goal': a period in the possessive of the cue that names the figure is the cue's
        own_cues = [m for m in ind_cues if code in m.keys]
        free = [
            p
            for p in found
            if not (article.text.startswith("'s", p.end) and any(m.start <= p.start < m.end for m in own_cues))
        ]
        aside = sent.start + _as_aside_end(sent)  # 'As the first city to pilot the insurance in 2012, the city ...'
        if unit.start >= aside:
            free = [p for p in free if not (sent.start <= p.start < aside)]
        period = period_of(unit, free, units, state, article.text) or P.day(ctx.published)
        if ind.annual and ind.kind == "stock" and period is state.period:
            period = P.day(ctx.published)  # a yearly cap no period of its own sentence dates: the one in force that day
        if period is state.period and (
            _THERE_ARE.match(sent.text) or (ind.as_of_report and not _PAST.search(sent.text))
        ):
            period = P.day(ctx.published)  # 'There are 40,000 care homes': today's, not the last period's
        # 'better than the 1.7 percent it earned a year earlier': a level of the year before, no change
        compared_level = not unit.change and bool(_A_YEAR_BACK.search(article.text, unit.end, unit.seg[1]))
        if compared_level or (
            period is state.period
            and (_WHEN_BEFORE.search(article.text, sent.start, unit.start) or _YEAR_EARLIER_LEAD.match(sent.text))
        ):
            # 'the share rose a point from a year earlier, when 131 million belonged to the group': that year's
            period = P.Period(P.year_before(period.first), P.year_before(period.last), period.precision)
        if ind.in_force and ind.kind == "stock":  # 'implemented from January 1, bringing it to N': from that day
            effective = next((p for p in found if p.marker == "since" and p.precision == "day"), None)
            period = effective or period
        if ind.of_a_trial and ind.kind == "stock":
            period = _of_the_trial(unit, found, article.text) or period
        if ind.kind == "stock" and state.effective is not None and _AFTER_RISE.match(sent.text):
            period = state.effective  # 'After the rise, retirees will get 2,500 yuan on average': from its day
        if ind.kind == "flow" and period.precision == "year":  # 'by the end of September ... this year'
            period = next((p for p in found if _cuts_off(p, period)), period)
        if ind.kind == "flow":  # 'has earned 90 billion since the end of 2023': from then until the report
            since = _since_in_clause(unit, found, article.text)
            if since is not None:
                first = since.last if since.precision == "day" else since.first
                # a run of years reported after it closes: until the end of the last full year
                year_end = dt.date(ctx.published.year - 1, 12, 31)
                period = P.interval(first, year_end if first.year < year_end.year else ctx.published)
        if (
            ind.monthly
            and ind.kind == "stock"
            and (
                (period.precision == "interval" and period.last.month != period.first.month)
                or (period.precision == "year" and period.marker not in ("end", "until"))  # 'averaged 5.2% in 2025'
            )
        ):
            why = f"{ind.label} over several months (an average), not one month's"  # 'averaged 4.9% in the first half'
            con = "average over several months"
            out += kept(unit, why, con)
            prev_unit, prev_code = unit, ""
            continue
        if ind.kind == "stock" and ind.unit == "persons" and _joined_over(period, article.text, unit):
            why = f"people who joined over a period, not the {ind.label} at a date (no code counts newcomers)"
            con = "new members over a period"
            out += kept(unit, why, con)
            joined, prev_code = code, ""
            continue
        change_base: P.Period | None = prev_period if (unit.change and ind.change_of) else None
        if ind.change_of and change_base is not None:
            period = change_base
        clause = article.text[slice(*unit.seg)]
        # what a change is measured from, asked only of a change (a list's indicators may hold one)
        changing = ind.kind == "change" or len(unit.figures) > 1
        month: int | None = None
        if changing:  # 'down 0.1 points from August', 'from the 5.3% of August': what follows it first
            until = (nxt.seg if nxt and changed_from(unit, nxt, article.text) else unit.seg)[1]
            month = compared_month(article.text[unit.start : until]) or compared_month(clause)
        # 'From the end of last year, the above insurances gained ...': the base may lead the sentence
        base_text = article.text[sent.start : unit.seg[1]] if of_list_before else clause
        told = state
        if ind.at_effect and ind.kind == "change":  # 'raised by 3.4 percent from Jan. 1 last year': its own day
            own_day = next((p for p in found if p.marker == "since" and p.precision == "day"), None)
            told = replace(state, effective=own_day) if own_day is not None else state
            # 'the 3.8 percent rise announced in May': the day it was announced; the rise runs from 1 January
            if own_day is None and _ANNOUNCED.search(article.text, max(0, period.start - 24), period.start):
                period = P.day(dt.date(period.first.year, 1, 1))
        since_year = compared_with_year_end(base_text) if changing else False
        if unit.change and ind.change_of and (a := _pair_start(out, ind.change_of, sent)) is not None:
            since_year = a  # 'rose from 151 million in 2012 to 239 million, a net gain of 88 million': since A
        notation = render(period, ind, told, ctx, change_base, month, since_year)
        if (
            (same_span or (prev_span and code == prev_code))
            and ind.kind == "change"
            and not any(unit.seg[0] <= p.start < unit.seg[1] for p in found)
            and not _COMPARED.search(clause)
        ):
            # '..., while work injury insurance grew by 10 million': over the interval of the change before,
            # unless its clause says what it is compared with
            notation = same_span or prev_span
        so_far = period.precision == "year" and period.first <= ctx.published < period.last
        if ind.kind == "flow" and not ind.annual and so_far:  # an annual target is the whole year's
            if _THIS_YEAR.search(period.text) and not _EXPECTED.search(clause):
                # 'refunded 20 billion this year' in August: the year so far ('in 2019' is the year's)
                notation = f"{period.first.isoformat()}/{ctx.published.isoformat()}"
        if ind.completed_years:
            rose = next(
                (
                    f.period
                    for f in reversed(out)
                    if f.quote == sent.text
                    and f.period_kind == "change"
                    and f.indicator
                    and lex.indicators[f.indicator].at_effect
                ),
                None,
            )  # 'pensions rose 3 percent, the 20th straight rise': the rise just read is the one it numbers
            notation = _run_end(unit.figures[0], unit.seg, article.text, found, state, ctx.published, rose)
            construction = "run of rises"
        reached = rise is not None and ind.kind == "stock" and unit is rise[2]
        # 'by A, climbing from B to C': B is the level before the rise, where the rise is
        starts_rise = rise is not None and rise[2] is not None and unit.start < rise[2].start
        if reached and rise is not None:
            notation = rise[1]  # 'will rise by 30 yuan to 330 yuan': the level from the rise's day
        if construction == "rise by A to B":
            rise = (unit, notation, reaches)
        elif rise is not None and (rise[2] is None or unit.start >= rise[2].start):
            rise = None  # kept past the level it starts from ('by A, climbing from B to C') until C
        if start_of is not None and _YEAR_HEAD.match(start_of.period):
            notation = _year_before(start_of.period)  # 'to 169 from 151 yuan' from 1 January: 151 is 2025's
        start_of = None
        if start_level is not None and _YEAR_HEAD.match(notation):
            start_level.period = _year_before(notation)  # 'will climb from 151 to 169 yuan in 2026': 151 is 2025's
        elif start_level is not None and (ind.at_effect or ind.in_force) and _from_effect(notation, state, found):
            # 'from 106 yuan to 114 yuan from July 1': 106 is the level of the day before
            start_level.period = (dt.date.fromisoformat(notation) - dt.timedelta(days=1)).isoformat()
        start_level = None
        if period.precision != "day" and _named_by_instant_cue(ind, unit, ind_cues, article.text):
            why = f"'{_cue_text(ind, unit, ind_cues, article.text)}' over a period: the period's own, not a {ind.label}"
            con = "current-year surplus"
            out += kept(unit, why, con)
            continue
        lead = state.dateline_end if sent.start <= state.dateline_end <= sent.end else sent.start
        area = of_list_before or area_of(unit, areas, state.area, article.text, lead, state.place)
        own_place = any(unit.seg[0] <= m.start < unit.seg[1] for m in areas)
        if out and (reached or starts_rise or (construction == "from A to B" and not own_place)):
            area = out[-1].area  # the level a rise reaches, or a quantity's next value, is where the first is
        if ind.of_a_trial and (
            # 'Xi'an entered the first batch of 36 pilot cities': the batch it joined is the nation's
            _THE_NATIONS_TRIAL.search(article.text, max(sent.start, unit.start - 40), unit.start)
            # 'pilots were running in 49 cities' in a report on one city: a trial's places its clause does not
            # place, nor its sentence call 'the province's', are the nation's
            or not (own_place or (may_hold("local_self_references", sent.text) and _LOCAL.search(sent.text)))
        ):
            area = "CN"
        sign = -1 if (unit.negative and ind.kind == "change") else 1
        common = dict(
            source=article.name,
            indicator=code,
            area=area,
            period=notation,
            period_kind=ind.kind,
            speaker=speaker,
            quote=sent.text,
            sentence=(sent.start, sent.end),
            construction=("list of changes" if len(unit.figures) > 1 else "change of the figure before")
            if unit.change and ind.kind == "change" and construction != "rise by A to B"
            else ("list paired with schemes" if len(unit.figures) > 1 else construction),
        )
        loss = any(c in ind.negative_cues for c in _clause_cues(ind, unit, ind_cues, article.text))
        said = partial(_said, common, sign, ind.unit, loss=loss)
        if len(unit.figures) > 1:
            listed = _list_schemes(unit, schemes, ind, article.text)
            if listed is None and unit.change and prev_schemes and len(prev_schemes) == len(unit.figures):
                listed = prev_schemes
            lost = "a list of figures whose schemes the sentence does not name one by one"
            paired = _list_indicators(unit, sent, ind, lex) if listed is None and not unit.change else None
            if paired:  # 'the fund's income and expenditure were A and B respectively': one indicator each
                scheme = scheme_of(unit, ind, schemes, scheme_cues, state, article.text, lex)
                for fig, c in zip(unit.figures, paired, strict=True):
                    f = said(fig, "" if lex.indicators[c].schemeless else scheme)
                    f.indicator, f.construction = c, "list paired with indicators"
                    if (own := lex.indicators[c]).kind != ind.kind:  # the balance beside the year's income
                        f.period = render(period, own, told, ctx, change_base, month, since_year)
                        f.period_kind = own.kind
                    if not f.scheme and not lex.indicators[c].schemeless:
                        f.status, f.note = "ambiguous", f"{lex.indicators[c].label}, but no scheme in scope"
                    out.append(f)
                prev_schemes = [scheme] * len(paired)
                prev_ind, prev_period = code, period
                continue
            # 'In 2019 and 2020, the ratio stood at 3.5% and 4% respectively': one year each; 'Beijing, Jiangsu
            # and Yunnan could pay 38.6, 16.9 and 24.1 months respectively': one province each
            each: list[dict[str, str]] | None = None
            if listed is None and not unit.change:
                if years := _list_periods(unit, found, article.text):
                    each = [
                        {"period": render(y, ind, told, ctx), "construction": "list paired with periods"} for y in years
                    ]
                elif places := _list_places(unit, areas, article.text):
                    each = [{"area": a, "construction": "list paired with places"} for a in places]
            if each:
                scheme = scheme_of(unit, ind, schemes, scheme_cues, state, article.text, lex)
                for fig, fields in zip(unit.figures, each, strict=True):
                    f = said(fig, scheme)
                    for name, value in fields.items():
                        setattr(f, name, value)
                    if not f.scheme and not ind.schemeless:
                        f.status, f.note = "ambiguous", f"{ind.label}, but no scheme in scope"
                    out.append(f)
                prev_schemes = [scheme] * len(each)
                prev_ind, prev_period = code, period
                continue
            for i, fig in enumerate(unit.figures):
                if listed and ind.fixed_scheme and listed[i] != ind.default_scheme:
                    mate = lex.counterpart(ind, listed[i])
                    if not mate:  # 'card holders' of a scheme no card indicator counts
                        lost_scheme = f"{ind.label} of {lex.scheme_labels[listed[i]]}: no indicator measures it"
                        out.append(said(fig, "", "ambiguous", lost_scheme))
                        continue
                    out.append(replace(said(fig, listed[i]), indicator=mate))  # the e-card's users
                    continue
                if listed and listed[i] in lex.uncoded_schemes:
                    why = f"{ind.label} of {lex.scheme_labels[listed[i]]}, a scheme no code measures"
                    con = "quantity no code measures"
                    out.append(
                        _unclassified(article.name, sent, fig, speaker, why, fig.unit or ind.unit, construction=con)
                    )
                else:
                    out.append(said(fig, listed[i]) if listed else said(fig, "", "ambiguous", lost))
            prev_schemes = listed
            if listed and ind.kind == "stock":
                state.last_list = (code, list(listed), period, area)
        else:
            fig = unit.figures[0]
            scheme = scheme_of(unit, ind, schemes, scheme_cues, state, article.text, lex)
            if (
                construction in ("from A to B", "rise by A to B")
                and prev_schemes
                and len(prev_schemes) == 1
                and not any(unit.seg[0] <= m.start < unit.seg[1] for m in schemes)
            ):
                scheme = prev_schemes[0]  # 'rose from 1,712 yuan to 3,068 yuan': the level reached is the same scheme's
            scheme = _of_the_whole(k, units, out, sent, ind, schemes, article.text) or scheme
            scheme = taken_together(unit, ind, scheme, schemes, article.text, lex)
            if scheme and ind.unit == "persons":  # '5 million employees' of basic pension: the employees'
                scheme = lex.member_scheme(article.text[fig.end : fig.end + 40], scheme)
            if scheme in lex.uncoded_schemes:  # 'members of the new rural cooperative medical care system'
                why = f"{ind.label} of {lex.scheme_labels[scheme]}, a scheme no code measures"
                con = "quantity no code measures"
                out.append(_unclassified(article.name, sent, fig, speaker, why, fig.unit or ind.unit, construction=con))
            elif scheme and scheme not in lex.groups and joint(unit, schemes, article.text):
                why = f"{ind.label} of several schemes together"
                out.append(_unclassified(article.name, sent, fig, speaker, why, fig.unit or ind.unit))
                out += [_unclassified(article.name, sent, c, speaker, why) for c in unit.conversions]
            elif not scheme and not ind.schemeless:  # a fund's income, but of which fund?
                why = f"{ind.label}, but no scheme in scope"
                out.append(_unclassified(article.name, sent, fig, speaker, why, fig.unit or ind.unit))
                out += [_unclassified(article.name, sent, c, speaker, why) for c in unit.conversions]
            elif unit.respectively:
                out.append(said(fig, "", "ambiguous", "'respectively' with one figure: its referent is lost"))
            elif scheme in lex.own_only and not ind.fixed_scheme and (mate := lex.counterpart(ind, scheme)):
                out.append(
                    replace(said(fig, scheme), indicator=mate)
                )  # '40 million signed up for the e-card': its users
            else:
                out.append(said(fig, scheme, unit_code=fig.unit if fig.unit.startswith("USD") else ""))
                out += [
                    replace(said(c, scheme, note="bracketed conversion", unit_code=c.unit), construction="conversion")
                    for c in unit.conversions
                ]
            prev_schemes = [scheme]
        prev_ind, prev_period = code, period
        if ind.kind == "stock" and ind.unit in ("persons", "CNY"):
            state.last_stock = code
        prev_span = notation if ind.kind == "change" and ind.change_of else ""  # a change of a level: its interval
        state.last_change = (code, period, prev_span) if prev_span else None
    # 'fell by 410,000' kept for review is a change of -410,000, as it would be if an indicator claimed it
    falls = {(f.start, f.end) for u in units if u.change and u.negative for f in u.figures}
    return [
        replace(f, value=-f.value)
        if f.status == "unclassified" and f.figure in falls and f.value and f.value > 0
        else f
        for f in out
    ]


def _scaled(fig: Figure, by: Decimal, unit: str) -> Figure:
    """A bare number of a table read in the unit the page declares ('persons: 10,000')."""
    value = fig.value * by
    return replace(
        fig,
        value=value.normalize() if value == value.to_integral() else value,
        unit=unit or fig.unit,
        persons=fig.persons or not unit,
        garbled=f"read {fig.text} in the declared unit ({plain(by)} {'yuan' if unit == 'CNY' else 'persons'})",
    )


def _table_row(
    ann: Annotated,
    head: list[tables.Cell],
    lex: Lexicon,
    state: DocState,
    ctx: P.Context,
    article: Article,
    speaker: str,
) -> list[Fact]:
    """The figures of a table's row, each named by the row's label and its column's header together: an
    indicator only where the two name exactly one whose unit fits, the scheme the row, the column, the
    table's title or the paragraph names, the year its column, its row or the title gives."""
    sent, text = ann.sentence, article.text
    row = tables.cells(text, sent.start, sent.end)
    if len(row) != len(head):
        return []
    unit_col = tables.unit_column(head)
    own_unit = tables.declared(row[unit_col].text) if unit_col is not None else None
    # 'Guangdong | 1,020 | 55': a row named by a province is that province's
    row_label = row[0].text  # not 'Xinjiang Production and Construction Corps', a body no code names
    named_places = lex.areas.find(row_label)
    row_places = {m.keys[0] for m in named_places if not in_proper_name(row_label, m.start, m.end)}
    row_area = next(iter(row_places)) if len(row_places) == 1 else ""
    no_area = bool(named_places) and not row_places  # a row of a body no area code names
    above = tables.title(text, head[0].start)
    out: list[Fact] = []
    for fig in [f for u in ann.units for f in u.everything]:
        i = tables.cell_of(row, fig.start)
        if i is None or i == 0 or i == unit_col:
            continue  # a number in the row's label ('aged 60 and over') or its unit ('10,000 persons')
        if tables.GROWTH_HEAD.search(head[i].text):  # 'Increase over 2024 (%)': the row's growth rate
            why = "a growth rate of the row's quantity, which no indicator measures"
            out.append(
                _unclassified(article.name, sent, replace(fig, unit="percent"), speaker, why, construction="table cell")
            )
            continue
        share = tables.percent_column(head[i])  # 'Proportion (%)' beside 'Unit: 10,000 persons': the row's share
        label = row[0].text if tables.YEAR.fullmatch(head[i].text) or share else f"{row[0].text} {head[i].text}"
        scale, unit = own_unit or tables.header_unit(head[i]) or (None, "")
        if scale is None and share:
            scale, unit = Decimal(1), "percent"
        own = {k for m in lex.indicator_cues.find(head[i].text) for k in m.keys}
        if scale is None and len(own) == 1 and lex.indicators[(k := next(iter(own)))].unit in ("months", "years"):
            scale, unit = Decimal(1), lex.indicators[k].unit  # 'Months payable' beside 'Unit: 100 million yuan'
        if scale is None and bare(fig):  # 'Unit: 100 million yuan' above the table, or declared by the page
            scale, unit = next(((by, u) for u, by in declared_scales(above).items()), (None, ""))
        if scale is not None and unit in ("percent", "months", "years"):
            fig = replace(fig, unit=unit, persons=False)  # a rate or a duration: read as written
        elif scale is not None:
            fig = _scaled(fig, scale, unit if unit in ("CNY", "persons") else "")

        def named_by(words_: str, fig: Figure = fig) -> set[str]:
            return {
                k
                for m in lex.indicator_cues.find(words_)
                for k in m.keys
                if lex.indicators[k].kind != "event"
                and not lex.indicators[k].derived_only
                and not lex.indicators[k].uncoded
                and unit_ok(fig, lex.indicators[k])
            }

        # the row and column name the figure; where they name nothing ('Number'), the title may
        # ('Number of People Covered by Social Security at the End of 2025')
        codes = named_by(label) or (set() if lex.indicator_cues.find(label) else named_by(above))
        why = ""
        if len(codes) != 1:
            why = "a table's cell whose row and column name no one indicator"
        code = next(iter(codes)) if len(codes) == 1 else ""
        said_by = [m.text.lower() for m in lex.indicator_cues.find(label) if code in m.keys]
        if code and said_by and all(c in lex.indicators[code].instant_cues for c in said_by):
            # 'Surplus in 2014': a year's own surplus, which the graph derives, not the balance at its end
            why, code = f"a year's {said_by[0]}, not the {lex.indicators[code].label} at a date", ""
        if code and no_area:
            why, code = f"a row of {row_label}, which no area code names", ""
        ind = lex.indicators[code] if code else None
        labels = (row[0].text, head[i].text, *tables.parents(text, sent.start), above)
        named = [m.keys[0] for part in labels for m in lex.schemes.find(part)]
        scheme = ""
        if ind is not None:
            scheme = "" if ind.schemeless else ind.default_scheme if ind.fixed_scheme else (named or [state.scheme])[0]
            if not scheme and not ind.schemeless:
                why = f"{ind.label}, but no scheme in scope"
            elif scheme in lex.uncoded_schemes:
                why = f"{ind.label} of {lex.scheme_labels[scheme]}, a scheme no code measures"
        years = [m.group() for part in (head[i].text, row[0].text, above) for m in tables.YEAR.finditer(part)]
        period = P.year(int(years[0])) if years else state.period
        if ind is None or why or period is None:
            con = "table cell"
            out.append(
                _unclassified(article.name, sent, fig, speaker, why or "a table's cell with no year", construction=con)
            )
            continue
        common = dict(
            source=article.name,
            indicator=code,
            area=row_area or state.area,
            period=render(period, ind, state, ctx),
            period_kind=ind.kind,
            speaker=speaker,
            quote=sent.text,
            sentence=(sent.start, sent.end),
            construction="table cell",
        )
        out.append(_said(common, 1, ind.unit, fig, scheme))
    return out


def _said(
    common: dict,
    sign: int,
    default_unit: str,
    fig: Figure,
    scheme: str,
    status: str = "reported",
    note: str = "",
    unit_code: str = "",
    loss: bool = False,
) -> Fact:
    """One figure as a fact of the statement `common` describes ('lost 9 billion' is a return of -9 billion)."""
    value = fig.value if fig.unit.startswith("USD") else sign * fig.value
    return Fact(
        **common,
        scheme=scheme,
        value=-abs(value) if loss else value,
        unit=unit_code or default_unit,
        status=status,
        qualifier=fig.qualifier,
        as_written=fig.text,
        figure=(fig.start, fig.end),
        note=note or fig.garbled,
    )


# 'the income and (the) expenditure of the fund were A and B respectively': the subject's parts, one cue each
_SUBJECT_PARTS = re.compile(r"(?i)\s*(?:,\s*and\s+|,\s*|\s+and\s+)(?:the\s+)?")
_SUBJECT_VERB = re.compile(
    r"(?i)\s+(?:were|was|stood\s+at|reached|totaled|totalled|came\s+to|amounted\s+to|numbered|number)\s+[^,;]{0,12}$"
)


def _list_indicators(unit: Unit, sent: Sentence, ind: Indicator | None, lex: Lexicon) -> list[str] | None:
    """The indicators of a list of figures whose subject lists as many quantities, each named by its own cue
    ('the contract amount and the amount received were A and B respectively'), each fitting its figure's
    unit: of one kind, or flows and stocks ('income, expenditure and balance': the balance at the flows' end).
    The parts may share the last one's head noun ('savings, fund and insurance products number A, B and C'),
    and `ind`, the indicator the figures' clause names, may be None: the parts alone name them."""
    text = sent.text
    start = unit.figures[0].start - sent.start
    verb = _SUBJECT_VERB.search(text, 0, start - len(unit.figures[0].qualifier))
    if verb is None or "respectively" not in text[start:]:
        return None
    # the subject runs back from the verb to a comma: the nearest that leaves as many parts as figures
    # ('In 2025, the income and expenditure ...'; 'The income, expenditure and balance of ...')
    cut, parts = verb.start(), list[str]()
    while len(parts) < len(unit.figures) and cut > 0:
        cut = text.rfind(",", 0, cut)
        parts = [p for p in _SUBJECT_PARTS.split(text[cut + 1 : verb.start()]) if p.strip()]
    if len(parts) != len(unit.figures):
        return None
    head = parts[-1].split()[-1]
    kind = ind.kind if ind is not None else ""
    out: list[str] = []
    for part, fig in zip(parts, unit.figures, strict=True):
        for words_ in (part, f"{part.strip()} {head}"):
            keys = {
                k
                for m in lex.indicator_cues.find(words_)
                for k in m.keys
                if unit_ok(fig, lex.indicators[k])
                and _kinds_pair(lex.indicators[k].kind, kind or lex.indicators[k].kind)
            }
            if len(keys) == 1:
                break
        if len(keys) != 1 or next(iter(keys)) in out:
            return None
        out.append(next(iter(keys)))
        kind = kind or lex.indicators[out[-1]].kind
    return out


_Spanned = TypeVar("_Spanned", P.Period, Match)


def _paired_run(unit: Unit, items: list[_Spanned], text: str) -> list[_Spanned] | None:
    """The last run of coordinated `items` ('2019 and 2020', 'Beijing, Jiangsu and Yunnan'), when it
    has as many members as the unit's figures and the figures are listed 'respectively'; else None."""
    run = items[-1:]
    for a, b in zip(reversed(items[:-1]), reversed(items[1:]), strict=False):
        if not LIST_SEP.match(text[a.end : b.start]):
            break
        run.insert(0, a)
    if (
        len(run) != len(unit.figures)
        or not unit.respectively
        or "respectively" not in text[unit.start : unit.seg[1] + 20]
    ):
        return None
    return run


def _list_periods(unit: Unit, found: list[P.Period], text: str) -> list[P.Period] | None:
    """The coordinated years a 'respectively' list is paired with ('In 2019 and 2020, ... A and B
    respectively'), as many as its figures, all before it, or None."""
    years = [p for p in found if p.precision == "year" and p.end <= unit.start and p.marker not in ("compare", "since")]
    return _paired_run(unit, years, text)


def _list_places(unit: Unit, areas: list[Match], text: str) -> list[str] | None:
    """The coordinated places a 'respectively' list is paired with ('Beijing, Jiangsu and Yunnan ... A, B
    and C respectively'), as many as its figures, each once, all before it in its sentence, or None."""
    run = _paired_run(unit, [m for m in areas if m.end <= unit.start and m.keys[0] != "CN"], text)
    if run is None or len({m.keys[0] for m in run}) != len(run):
        return None
    return [m.keys[0] for m in run]


def _kinds_pair(kind: str, other: str) -> bool:
    return kind == other or {kind, other} == {"stock", "flow"}


def _derived_cue(unit: Unit, cues: list[Match], lex: Lexicon) -> Indicator | None:
    """A cue in the figure's clause of an indicator the graph only derives (a one-year surplus) or
    that no code measures (a fund's subsidy income)."""
    s0, s1 = unit.seg
    for m in cues:
        for k in m.keys:
            if (lex.indicators[k].derived_only or lex.indicators[k].uncoded) and s0 <= m.start < s1:
                return lex.indicators[k]
    return None


_BARE_YEAR_END = re.compile(r"(?i)(?:the\s+)?(?:year-end|end\s+of\s+the\s+year)")


def _same_year_end(found: list[P.Period]) -> list[P.Period]:
    """'at the end of last year the fund had ..., and within it ... a year-end balance of': a bare
    year-end after an explicit year-end in the sentence is that one's, not the report's year."""
    out: list[P.Period] = []
    for p in found:
        ends = [q for q in out if q.precision == "day" and (q.last.month, q.last.day) == (12, 31)]
        if _BARE_YEAR_END.fullmatch(p.text) and ends and ends[-1].last != p.last:
            p = replace(p, first=ends[-1].last, last=ends[-1].last)
        out.append(p)
    return out


def _members_changed(unit: Unit, schemes: list[Match], found: list[P.Period], state: DocState, lex: Lexicon) -> str:
    """'Work injury insurance grew by 1.3 million people from the end of last year': a change of people whose
    subject is a scheme, with no cue of its own, is the change of its members; so is 'for unemployment
    insurance the net increase was 7.6 million' after a count of members. Only where the clause says what
    it is measured against: the base of a change the sentence leaves to another is not guessed."""
    fig, (s0, s1) = unit.figures[0], unit.seg
    if not unit.change or len(unit.figures) > 1 or fig.unit or not any(s0 <= m.start < unit.start for m in schemes):
        return ""
    if not any(p.marker == "compare" and s0 <= p.start < s1 for p in found):
        return ""
    if fig.persons or state.last_stock == "participants":
        return lex.change_of_level.get("participants", "")
    return ""


def _sub_item(
    unit: Unit, sent: Sentence, schemes: list[Match], cues: list[Match], state: DocState, lex: Lexicon
) -> str:
    """A table's line whose head names only a scheme ('  - employees' basic pension: 541.7 mln'), under a line
    that named the indicator ('Participants of basic pension insurance: 1.15 billion'): that indicator (the
    last stock of people or money), where the figure's unit fits it."""
    m = ITEM_HEAD.fullmatch(sent.text, 0, unit.start - sent.start)
    if m is None or not state.last_stock or "(" in m.group("head"):
        return ""
    head = (sent.start + m.start("head"), sent.start + m.end("head"))
    named = [s for s in schemes if head[0] <= s.start and s.end <= head[1]]
    own_cues = [c for c in cues if c.start < unit.start and not any(s.start <= c.start < s.end for s in named)]
    if len(named) != 1 or own_cues or not unit_ok(unit.figures[0], lex.indicators[state.last_stock]):
        return ""
    return state.last_stock


# 'Her pension of 230 yuan', 'his monthly pension rose to 3,100 yuan': one person's, not a statistic ('their
# pensions' may be everyone's)
_ONE_PERSONS = re.compile(
    r"\b(?:[Hh]er|[Hh]is|[Mm]y)\s+(?:[\w'’-]+\s+){0,6}?(?:pensions?|benefits?|income|allowance)\b[^,;]*$"
)


def _pair_start(out: list[Fact], level: str, sent: Sentence) -> int | None:
    """The year of A when the facts just read are 'from A (in a year) to B' of `level` in this sentence."""
    if len(out) < 2 or out[-1].construction != "from A to B" or out[-1].quote != sent.text:
        return None
    a, b = out[-2], out[-1]
    m = _YEAR_HEAD.match(a.period)
    return int(m.group(1)) if a.indicator == b.indicator == level and m else None


def _start_level(out: list[Fact], a: Unit | None, found: list[P.Period]) -> Fact | None:
    """The fact of the level a 'from A to B' starts from, where A's clause states no period of its own."""
    if a is None or not out or out[-1].figure != (a.figures[-1].start, a.figures[-1].end):
        return None
    own = [p for p in found if a.seg[0] <= p.start < a.seg[1] and p.marker not in ("compare", "report")]
    return None if own else out[-1]


_YEAR_HEAD = re.compile(r"^(\d{4})(-12-31|-01-01)?$")


def _from_effect(notation: str, state: DocState, found: list[P.Period]) -> bool:
    """The notation is the day a measure takes effect: the report's, or one the sentence gives ('from July 1')."""
    days = [p for p in found if p.marker == "since" and p.precision == "day"] + [state.effective]
    return any(p is not None and notation == p.first.isoformat() for p in days)


def _year_before(notation: str) -> str:
    """'2024' -> '2023', '2024-12-31' -> '2023-12-31', '2024-01-01' -> '2023-12-31'; other notations are left alone."""
    m = _YEAR_HEAD.match(notation)
    if m and m.group(2) == "-01-01":  # in force from 1 January 2024: the level before is 2023's, at its end
        return f"{int(m.group(1)) - 1}-12-31"
    return f"{int(m.group(1)) - 1}{m.group(2) or ''}" if m else notation


# 'joined the scheme in the first quarter' (not 'had joined by the end of March'): newcomers over a period
_JOINED = re.compile(rf"(?i)(?<!had )(?<!have )(?<!has )\b{words('joining')}\b")
_TOTAL_TO = re.compile(rf"(?i)\b{words('total_verbs')}\s+(?:the|its|their)\s+total(?:\s+number)?\s+to\s+$")
# 'the total should rise to 650 million': the count the report gave last ('the number of ...' names its own)
_A_RISE_NOUN = rf"(?:this|the|that)\s+(?:year['’]s\s+)?(?:pension\s+)?{words('adjustment_nouns')}"
_ADJUSTMENT_COVERS = re.compile(
    rf"(?i)\b{_A_RISE_NOUN}\s+(?:will\s+)?{words('covering_verbs')}\s+(?:[\w\s]{{0,20}}?\s)?$"
)
_COVERED_BY_ADJUSTMENT = re.compile(
    rf"(?i)\s+(?:[\w-]+\s+){{0,2}}?(?:are|were|will\s+be)\s+{words('covering_verbs')}\s+by\s+{_A_RISE_NOUN}\b"
)
_AS_ASIDE = re.compile(r"\W*As\s+(?:the|a|an|one)\s[^,;]{0,140},")
_THE_TOTAL = re.compile(
    r"(?i)\bthe\s+(?:total|figure)\s+(?!of\b)(?:[a-z]+\s+){0,3}?(?:to|at|of|was|is|reached|hit)\s+"
    r"(?:about\s+|over\s+|nearly\s+)?$"
)
# 'is expected to reach 310 billion this year': the whole year's, a forecast
_EXPECTED = re.compile(r"(?i)\b(?:expected|projected|estimated|planned|set|due|forecast)\s+to\b|\bwill\b|\bshould\b")
_A_YEAR_BACK = re.compile(r"(?i)\b(?:a|one|the)\s+year\s+(?:earlier|ago|before)\b|\bthe\s+previous\s+year\b")
# 'A year earlier, the funds had amounted to ...': the last period's, a year before
_YEAR_EARLIER_LEAD = re.compile(
    r"(?i)\W*(?:(?:a|one)\s+year\s+(?:earlier|before|ago)|the\s+year\s+before|in\s+the\s+previous\s+year),"
)
_WHEN_BEFORE = re.compile(r"(?i)\b(?:a|one)\s+year\s+(?:before|earlier|ago),\s+when\b[^,;]*$")
_YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b")


def _joined_over(period: P.Period, text: str, unit: Unit) -> bool:
    """Whether a count of people is of those who joined over the period ('1.2 million joined the scheme
    in the first quarter'), not of members at a date ('had joined by the end of March')."""
    return (
        period.precision in ("interval", "year", "month")
        and period.marker not in ("end", "until")
        and bool(_JOINED.search(text, unit.end, unit.seg[1]))
    )


def _cuts_off(p: P.Period, year: P.Period) -> bool:
    """Whether `p` ends a year's flow early ('By the end of September, it had paid 9 billion this year')."""
    return p.marker in ("until", "end") and p.precision in ("day", "month") and p.last.year == year.first.year


def _run_end(
    fig: Figure,
    seg: tuple[int, int],
    text: str,
    found: list[P.Period],
    state: DocState,
    published: dt.date,
    rose: str | None = None,
) -> str:
    """The date a run of yearly rises is counted at, never after the report. An ordinal numbers the
    rise the report tells of ('this rise, the 9th in a row'): the start of the year its clause writes
    out ('the rise of 2025, the 21st in a row'), else the day of the rise its sentence has just told of
    (`rose`), else the day the rise takes effect (this year's or last year's: 'since 1 January last
    year ..., the 13th year of rises'), else the start of the
    report's year (a pension rise runs from 1 January). A count runs to the end of the latest
    year its sentence states ('had been raised for 12 years by 2020'; a 'since' year is where it
    began), else of the last full year before the report ('11 consecutive rises since 2010')."""
    stated = [p for p in found if p.marker not in ("since", "compare", "report") and _YEAR_WRITTEN.search(p.text)]
    if fig.text[-2:].lower() in ("st", "nd", "rd", "th"):
        # the clause the ordinal stands in: 'last raised in 2023, and this year's is the 20th' is this year's
        start = max(seg[0], text.rfind(",", seg[0], fig.start) + 1, text.rfind(";", seg[0], fig.start) + 1)
        own = [p for p in stated if start <= p.start < seg[1]]
        eff = state.effective.first if state.effective is not None else None
        if own:
            day = dt.date(own[-1].first.year, 1, 1)
        elif rose is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", rose):
            day = dt.date.fromisoformat(rose)
        elif eff is not None and published.year - 1 <= eff.year <= published.year:
            day = eff
        else:
            day = dt.date(published.year, 1, 1)
        return min(day, published).isoformat()
    year = max(p.last.year for p in stated) if stated else published.year - 1
    return min(dt.date(year, 12, 31), published).isoformat()


def _since_in_clause(unit: Unit, found: list[P.Period], text: str) -> P.Period | None:
    """The 'since ...' date of the figure's clause, or of its sentence where that states no other
    period ('Since March 2020, returns have come to 300 billion yuan, an average of 4 percent'); not
    one a 'when' clause goes on from ('the best since 2015, when the fund earned 15 percent': 2015's)."""
    s0, s1 = unit.seg
    stated = [p for p in found if p.marker not in ("compare", "report") and not p.vague]  # 'annual' dates nothing
    stated = [p for p in stated if not (p.marker == "since" and WHEN_AFTER.match(text, p.end) and p.end < unit.start)]
    own = [p for p in stated if s0 <= p.start < s1]
    since = [p for p in own if p.marker == "since"]
    if own:
        return since[0] if since and len(since) == len(own) else None
    since = [p for p in stated if p.marker == "since" and p.start < s0]
    return since[0] if since and len(since) == len(stated) else None


def _clause_cues(ind: Indicator, unit: Unit, cues: list[Match], text: str) -> list[str]:
    s0, s1 = unit.seg
    return [text[m.start : m.end].lower() for m in cues if ind.code in m.keys and s0 <= m.start < s1]


def _named_by_instant_cue(ind: Indicator, unit: Unit, cues: list[Match], text: str) -> bool:
    """Whether only cues that hold for a day name the figure's indicator in its clause."""
    said = _clause_cues(ind, unit, cues, text)
    return bool(said) and bool(ind.instant_cues) and all(c in ind.instant_cues for c in said)


def _cue_text(ind: Indicator, unit: Unit, cues: list[Match], text: str) -> str:
    return _clause_cues(ind, unit, cues, text)[0]


def _leading(ind: Indicator, unit: Unit, cues: list[Match], sent: Sentence) -> bool:
    """Whether a cue of `ind` leads straight into the figure or is its head noun: then it names the
    figure, whatever other cues its clause holds."""
    fig = unit.figures[0]
    return any(ind.code in m.keys and (leads(m, fig, sent) or heads(m, unit, sent)) for m in cues)


def _unclassified(
    source: str,
    sent: Sentence,
    fig: Figure,
    speaker: str,
    reason: str = "no indicator's cue in the figure's own clause",
    unit: str = "",
    construction: str = "no positive evidence",
) -> Fact:
    """A figure no indicator's cue claims in its own clause: kept and shown, never coded by guess."""
    common = dict(
        source=source,
        indicator="",
        area="",
        period="",
        period_kind="",
        speaker=speaker,
        quote=sent.text,
        sentence=(sent.start, sent.end),
        construction=construction,
    )
    known = unit or fig.unit or ("persons" if fig.persons else "count")
    return _said(common, 1, known, fig, "", status="unclassified", note=reason)


def _list_schemes(unit: Unit, schemes: list[Match], ind: Indicator, text: str) -> list[str] | None:
    """Pair a list with the schemes named before it, only when the counts agree."""
    if ind.schemeless:
        return [""] * len(unit.figures)
    codes: list[str] = []
    for m in schemes:
        if m.end <= unit.start and m.keys[0] not in codes:
            codes.append(m.keys[0])
    if len(codes) == len(unit.figures):
        return codes
    # 'Apart from medical insurance, pension, unemployment and injury insurance had A, B and C': the
    # coordinated run of schemes nearest before the list
    before = [m for m in schemes if m.end <= unit.start]
    run = before[-1:]
    for a, b in zip(reversed(before[:-1]), reversed(before[1:]), strict=False):
        if not _SCHEME_SEP.fullmatch(text, a.end, b.start):
            break
        run.insert(0, a)
    keys = [m.keys[0] for m in run]
    if len(set(keys)) == len(keys) == len(unit.figures):
        return keys
    # 'A and B people were enrolled in basic medical and maternity insurance, respectively': the coordinated
    # run of schemes right after the list, which 'respectively' closes
    after = [m for m in schemes if m.start >= unit.end]
    run = after[:1]
    for a, b in zip(after, after[1:], strict=False):
        if not _SCHEME_SEP.fullmatch(text, a.end, b.start):
            break
        run.append(b)
    keys = [m.keys[0] for m in run]
    if run and _RESPECTIVELY_AFTER.match(text, run[-1].end) and len(set(keys)) == len(keys) == len(unit.figures):
        return keys
    return None


_RESPECTIVELY_AFTER = re.compile(r"[\s,]*(?:insurance\s*,?\s*)?respectively\b", re.I)
# between two schemes of one coordinated run: 'pension, unemployment and injury insurance', 'the enterprise
# employees' and the urban and rural residents' basic endowment insurance'
_SCHEME_SEP = re.compile(rf"{ITEM_SEP}(?:the\s+)?", re.I)
