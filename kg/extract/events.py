"""Reforms and policy measures as dated events: what, since when, where, decided by whom.

A dated event needs three things in one sentence: a cue of the ontology's event indicators
('implemented', 'last raised', 'retired by'), a date the text gives, and the scheme it changes.
Strands of a reform introduced as 'progress in four aspects: First, ... The second is ...' become
measures that are part of it; nothing is dated that the text does not date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract.annotate import Annotated
from kg.extract.facts import Fact
from kg.extract.grammar import lists, words
from kg.extract.lexicon import Lexicon, Match, Matcher
from kg.extract.periods import Period
from kg.extract.statistics import named_aside
from kg.extract.text import Sentence
from kg.namespaces import PKG

_DECIDERS = re.compile(
    rf"{words('decider_nouns')}\s+of\s+(?:the\s+)?$|{words('decider_verbs')}\s+by\s+(?:the\s+)?$", re.I
)
_IMPLEMENTERS = re.compile(rf"{words('implementer_verbs')}\s+by\s+(?:the\s+)?$", re.I)
_SCOPE = re.compile(
    r"\bin\s+(?P<scope>(?:\d+|[a-z]+)\s+(?:pilot\s+)?(?:cities|provinces|regions|localities)(?:\s+(?:or|and)\s+(?:cities|provinces|regions))?)"
    rf"|\b(?P<nation>{words('nationwide')})",
    re.I,
)
_ORDINAL = re.compile(
    rf"^(?:(?P<a>{words('strand_ordinals')}),\s+"
    r"|The\s+(?P<b>first|second|third|fourth|fifth|sixth)\s+is\s+(?:to\s+)?)",
)
_CHANGE_VERB = re.compile(rf"\b{words('change_verbs')}\b", re.I)
# a rise: by an amount, or of the pensions themselves ('pensions will be raised'), not 'central adjustment'
_RISE = re.compile(
    r"\d\s*(?:%|percent\b|per\s+cent\b|yuan\b)|"
    r"\b(?:pensions?|benefits?)\s+(?:will\s+be\s+|were\s+|was\s+|are\s+|is\s+)?(?:raised|increased|adjusted|go\s+up)\b|"
    r"\b(?:rais|increas|adjust)\w*\s+(?:the\s+)?(?:basic\s+)?(?:pensions?|benefits?)\b|"
    r"\b(?:the|this|that)\s+(?:increase|rise|raise|hike|adjustment)\b",
    re.I,
)
_FOUNDING = re.compile(rf"(?i){words('founding')}")  # a scheme's own start
_OF_A_NAME = re.compile(r"\s+of\s+(?:the\s+|New\s+)?(?-i:[A-Z])(?!\w*\s+(?:[Ii]nsurance|[Pp]ension|[Ss]cheme))")
_LEAD_IN = re.compile(
    r"\b(?:in|on)\s+(?:two|three|four|five|six|\d)\s+(?:aspects|areas|respects|fronts)\b|as\s+follows", re.I
)
_LEAD_IN_WORDS = ("follows", "aspects", "areas", "respects", "fronts")  # one of which _LEAD_IN needs


def _may_lead_in(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _LEAD_IN_WORDS)


_IMPERATIVE = re.compile(rf"^{words('strand_imperatives')}\b")


@dataclass
class PolicyEvent:
    kind: str  # an event indicator code (event_start, ...) or "measure" / "reform" for undated strands
    label: str
    scheme: str
    area: str
    notation: str  # the date as precise as the text gives it, "" when undated
    period: Period | None
    span: tuple[int, int]  # the clause describing it
    sentence: tuple[int, int]
    speaker: str = ""
    decided_by: list[str] = field(default_factory=list)
    implemented_by: list[str] = field(default_factory=list)
    scope: str = ""
    part_of: int | None = None  # index into the article's event list
    fact: Fact | None = None
    reform: str = ""  # the IRI of the named reform (ontology/reforms.ttl) the event or strand is part of
    position: int = 0  # a strand's place among its reform's strands, 1 for the first; 0 for no strand
    adjusts: str = ""  # a pension adjustment's scheme, given it once the article is read (see link_measures)


def _clause(text: str, pos: int, s0: int, s1: int) -> tuple[int, int]:
    left = max(text.rfind(",", s0, pos), text.rfind(";", s0, pos))
    left = s0 if left == -1 else left + 1
    right_m = re.compile(r"[,;.]").search(text, pos, s1)
    right = right_m.start() if right_m else s1
    while left < right and text[left].isspace():
        left += 1
    return left, right


def _orgs_after(pattern: re.Pattern[str], text: str, sent: Sentence, lex: Lexicon) -> list[str]:
    out: list[str] = []
    matches = lex.orgs.find(sent.text)
    for i, m in enumerate(matches):
        before = sent.text[max(0, m.start - 40) : m.start]
        chained = i > 0 and re.fullmatch(r"\s*(?:and|,)\s*(?:the\s+)?", sent.text[matches[i - 1].end : m.start])
        if pattern.search(before) or (chained and matches[i - 1].keys[0] in out):
            out.append(m.keys[0])
    return out


# 'was set up', 'was first launched', 'had officially been set up': an auxiliary, perhaps an adverb between
def _dated_in_phrase(cue: Match, p: Period, text: str) -> bool:
    """Whether the date stands in the cue's own phrase after it ('since the implementation of ... in January 2022')."""
    return 0 <= p.start - cue.end <= 60 and not re.search(r"[,;.]", text[cue.end : p.start])


_THE_SCHEME_BEFORE = re.compile(
    r"(?i)\b(?:the|a|an)\s+(?:[\w-]+\s+)?(?:program|programme|scheme|system|pilot|trial)\s*,?\s*$"
)
_SINCE_THE = re.compile(r"(?i)\bsince\s+(?:the|its|their)\s+(?:[\w-]+\s+)?$")
_AUXILIARY = re.compile(
    r"(?i)\b(?:was|were|been|is|are|be|has|have|had|it|which|that)\s+(?:first|officially|formally|initially|jointly)?\s*$"
)
_PREPOSITION_AFTER = re.compile(r"(?i)\s+(?:in|on|by|at|during|last|this)\b")


def _participle(cue: Match, sent: Sentence, schemes: list[Match], text: str) -> bool:
    """Whether a founding cue is a participle after a noun that is no scheme ('a risk fund set up in
    2023'): active 'China set up a system in 2018' has an object, passive 'it was set up' an auxiliary."""
    if not _FOUNDING.search(cue.text) or cue.start == sent.start:
        return False
    if _AUXILIARY.search(text[max(sent.start, cue.start - 24) : cue.start]):
        return False
    if not _PREPOSITION_AFTER.match(text, cue.end):
        return False
    if _THE_SCHEME_BEFORE.search(text, max(sent.start, cue.start - 40), cue.start):
        return False  # 'The pilot program, launched in July 2022, ...': the scheme in scope, by another name
    return not any(0 <= cue.start - m.end <= 2 for m in schemes)


# a count of those who took part as a founding verb's subject: '104,300 enterprises nationwide had set up'
_COUNTED = re.compile(
    rf"(?<![\w,.])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:\s+(?:thousand|million|billion))?\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{words('adopter_nouns')}\b(?:\s+[\w-]+){{0,2}}\s+$",
    re.I,
)


def _counted_subject(cue: Match, sent: Sentence, text: str) -> bool:
    """Whether the founding verb's subject is a count ('9,500 firms had set up plans'): what it says
    is how many took part, not when a scheme began."""
    return bool(_COUNTED.search(text, max(sent.start, cue.start - 80), cue.start))


# between an event's subject and its verb: nothing, or an apposition ('The previous increase, also of 5 yuan,
# took effect')
_SUBJECT_GAP = re.compile(r"\s{0,3}|,\s+[^,;.]{1,40},\s*")
_THE_FIRST = re.compile(r"(?i)\bthe\s+(?P<nation>(?:country|nation|China)['’]s\s+)?(?:very\s+)?first\b")


def _gap(m: Match, p: Period) -> int:
    return max(0, m.start - p.end, p.start - m.end)


def _pair(cues: list[Match], dated: list[Period]) -> list[tuple[Match, Period]]:
    """Each cue with its nearest date, nearest pairs first; a cue and a date are used once."""
    pairs = sorted(
        ((_gap(m, p), m.start, p.start, i, j) for i, m in enumerate(cues) for j, p in enumerate(dated)),
    )
    used_c: set[int] = set()
    used_p: set[int] = set()
    out = []
    for gap, _, _, i, j in pairs:
        if gap > 120 or i in used_c or j in used_p:
            continue
        used_c.add(i)
        used_p.add(j)
        out.append((cues[i], dated[j]))
    return sorted(out, key=lambda t: t[1].start)


def event_dates(found: list[Period]) -> list[Period]:
    """The periods that can date an event: not a compared one, not 'now' or 'so far' (a state, no day)."""
    return [
        p
        for p in found
        if p.marker != "compare"
        and not p.vague
        and p.text.lower() not in ("today", "now", "currently", "at present", "so far")
    ]


_ASIDE_OPENS = re.compile(
    r",\s+(?:usually\s+|often\s+|also\s+|commonly\s+)?(?:called|known\s+as|dubbed|referred\s+to\s+as|which|seen\s+as)\b"
)


def _in_aside(m: Match, cue: Match, text: str) -> bool:
    """Whether the scheme stands in an aside that opens after the subject and closes before the cue."""
    if m.end > cue.start:
        return False
    opens = [a for a in _ASIDE_OPENS.finditer(text, max(0, m.start - 160), m.start)]
    return bool(opens) and "," in text[m.end : cue.start] and "." not in text[opens[-1].start() : cue.start]


# the event's subject, a scheme referred to: 'The scheme was first tested on ...', 'The system, launched in ...'
_ANAPHOR_SUBJECT = re.compile(
    r"(?:^|[.;]\s+|\n\s*)(?:the|this|that)\s+(?:scheme|system|programme|program|plan)\s+"
    r"(?:(?:was|were|is|has\s+been|had\s+been|first|originally|initially)\s+)*$",
    re.I,
)


def _scheme_near(
    cue: Match, schemes: list[Match], scheme_cues: list[Match], lex: Lexicon, topic: str, text: str
) -> str:
    """The scheme an event cue is about: the nearest one named, else the one in scope (none named in an
    aside before the cue: 'The programme, usually called the third pillar next to basic pension insurance,
    was launched in 2022')."""
    # nor one named as who may take part ('opened to any worker who pays into basic pension insurance')
    schemes = [m for m in schemes if not _in_aside(m, cue, text) and not named_aside(m, text)]
    subject = _ANAPHOR_SUBJECT.search(text, max(0, cue.start - 40), cue.start)
    if topic and subject and not any(subject.start() <= m.start < cue.start for m in schemes + scheme_cues):
        return topic  # 'The scheme was first tested in 2022, allowing workers in basic pension insurance to ...'
    near_schemes = sorted(
        [(abs(m.start - cue.start), 0, m.keys[0]) for m in schemes]
        + [(abs(m.start - cue.start), 1, m.keys[0]) for m in scheme_cues]
    )
    # 'social security' in general starts on no one day: the scheme named, else the one in scope
    named = [(kind_, k) for _, kind_, k in near_schemes if k != lex.in_general]
    scheme = named[0][1] if named else topic
    by_cue = bool(named) and named[0][0] == 1  # a cue says which scheme: 'enterprises and institutions'
    if topic and topic != scheme and lex.under(topic, scheme) and not by_cue:
        scheme = topic  # 'since it began, this basic pension has ...': the narrower one in scope
    return scheme


def _adjustment(
    sent: Sentence,
    cue: Match,
    p: Period,
    schemes: list[Match],
    scheme_cues: list[Match],
    areas: list[Match],
    lex: Lexicon,
    text: str,
    topic: str,
    doc_area: str,
    speaker: str,
) -> list[PolicyEvent]:
    """A pension adjustment that takes effect on the date given ('starting from <a day>, the basic
    pension will be increased'). It is no statistic: it has no fact, and its scheme waits in `adjusts`
    until the article is read, so that the sentences after it see the schemes in scope as before."""
    scheme = _scheme_near(cue, schemes, scheme_cues, lex, topic, text)
    if not scheme or scheme == lex.in_general or p.precision == "interval":
        return []
    span = _clause(text, min(cue.start, p.start), sent.start, sent.end)
    area = _area_in(areas, span, doc_area, text)
    return [_event("pension_adjustment", "", area, p.notation(), p, span, sent, speaker, text, lex, adjusts=scheme)]


def _area_in(areas: list[Match], span: tuple[int, int], doc_area: str, text: str = "") -> str:
    """The place named in the event's own clause, else the one its clause is said of across an apposition
    ('Qingdao, a port city in the province, started ...'), else the report's (not a city of another clause).
    A relative clause after the place ('Qingdao, which started ...') was tried as well: right on a tuned
    probe, wrong on one never tuned on, so it is left out."""
    own = next((m.keys[0] for m in areas if m.keys[0] != "CN" and span[0] <= m.start < span[1]), "")
    if own:
        return own
    before = [m for m in areas if m.keys[0] != "CN" and m.end <= span[0]]
    if before and text and _APPOSED.fullmatch(text, before[-1].end, span[0]):
        return before[-1].keys[0]
    return doc_area


# between a place and the clause said of it: an apposition ('Qingdao, a port city in the province, started')
_APPOSED = re.compile(r"(?:\s+in\s+[^,;.]{1,60})?,\s+(?:a|an|the)\s+[^,;.]{1,80},\s*", re.I)


def _event(
    kind: str,
    scheme: str,
    area: str,
    notation: str,
    p: Period,
    span: tuple[int, int],
    sent: Sentence,
    speaker: str,
    text: str,
    lex: Lexicon,
    scope: str = "",
    adjusts: str = "",
) -> PolicyEvent:
    """An event of the sentence, its label its clause, with the bodies that decided and carry it out."""
    return PolicyEvent(
        kind=kind,
        label=text[span[0] : span[1]].strip(),
        scheme=scheme,
        area=area,
        notation=notation,
        period=p,
        span=span,
        sentence=(sent.start, sent.end),
        speaker=speaker,
        decided_by=_orgs_after(_DECIDERS, text, sent, lex),
        implemented_by=_orgs_after(_IMPLEMENTERS, text, sent, lex),
        scope=scope,
        adjusts=adjusts,
    )


def find_events(
    ann: Annotated,
    found: list[Period],
    lex: Lexicon,
    source: str,
    speaker: str,
    text: str,
    topic: str = "",
    doc_area: str = "CN",
) -> list[PolicyEvent]:
    """Dated events of one annotated sentence, dated by `found` (its periods, or the report's day for
    the news of the day); `topic` is the scheme earlier sentences were about and `doc_area` the
    province the report is about (CN when it is about the nation)."""
    sent, schemes, scheme_cues, areas = ann.sentence, ann.schemes, ann.scheme_cues, ann.areas
    event_cues = [
        Match(m.start + sent.start, m.end + sent.start, m.text, m.keys) for m in lex.event_cues.find(sent.text)
    ]
    out: list[PolicyEvent] = []
    dated = event_dates(found)
    pairs = _pair(event_cues, dated)
    left = [p for p in dated if all(p is not q for _, q in pairs)]
    for cue, p in pairs + _reform_starts(sent, left, lex, text):
        kind = sorted(k for k in cue.keys if lex.indicators[k].kind == "event")[0]
        named = [
            c
            for c in event_cues
            if c is not cue and c.end <= cue.start and _SUBJECT_GAP.fullmatch(text, c.end, cue.start)
        ]
        if kind == "event_start" and named and "event_start" not in named[-1].keys:
            # 'The previous adjustment took effect on January 1': the subject says which event the verb dates
            kind = sorted(k for k in named[-1].keys if lex.indicators[k].kind == "event")[0]
        rise = _CHANGE_VERB.search(sent.text) and _RISE.search(sent.text)
        if kind == "event_start" and rise and not _FOUNDING.search(cue.text):
            # the day a rise (of pensions, by an amount) takes effect dates the rise, it starts no scheme
            out += _adjustment(sent, cue, p, schemes, scheme_cues, areas, lex, text, topic, doc_area, speaker)
            continue
        if _SINCE_THE.search(text, max(sent.start, cue.start - 30), cue.start) and not _dated_in_phrase(cue, p, text):
            continue  # 'contributions since the launch' (not 'since the launch in 2018'): referred to, not dated here
        if _participle(cue, sent, schemes, text):
            continue  # 'a reserve fund set up in 2021': the start of the thing just named, not of a scheme
        if _OF_A_NAME.match(text, cue.end):
            continue  # 'at the founding of the People's Republic in 1949': the start of what is named
        if _FOUNDING.search(cue.text) and _counted_subject(cue, sent, text):
            continue  # '104,300 enterprises had set up annuity plans by the end of 2021': adopters counted, no start
        scheme = _scheme_near(cue, schemes, scheme_cues, lex, topic, text)
        if not scheme or scheme == lex.in_general or scheme in lex.uncoded_schemes:
            continue  # general 'social security', or a scheme no code measures ('commercial pension insurance')
        notation = p.notation() if p.precision != "interval" else p.first.isoformat()
        span = _clause(text, min(cue.start, p.start), sent.start, sent.end)
        span = (span[0], max(span[1], _clause(text, max(cue.start, p.start), sent.start, sent.end)[1]))
        area = _area_in(areas, span, doc_area, text)
        first = _THE_FIRST.search(text, span[0], span[1]) if kind == "event_start" else None
        if first:  # 'a city issued the country's first card': the scheme's start, wherever it happened
            area = "CN" if first.group("nation") else doc_area
        scope_m = _SCOPE.search(sent.text)
        scope = (scope_m.group("scope") or scope_m.group("nation")) if scope_m else ""
        ev = _event(kind, scheme, area, notation, p, span, sent, speaker, text, lex, scope=scope)
        ev.fact = Fact(
            source=source,
            indicator=kind,
            scheme=scheme,
            area=area,
            period=notation,
            period_kind="event",
            value=None,
            unit="",
            speaker=speaker,
            quote=sent.text,
            sentence=(sent.start, sent.end),
            figure=(cue.start, cue.end),
            as_written=text[cue.start : cue.end],
            construction="dated event",
        )
        out.append(ev)
    return out


def link_measures(evs: list[PolicyEvent], sentences: list[Sentence], text: str, lex: Lexicon) -> list[PolicyEvent]:
    """What an article's events are part of, once it is read: strands of a reform ('First, ...', 'The
    second is to ...') become measures of it, in order; a reform the ontology names becomes the one
    its dated events and strands belong to; a pension adjustment takes its scheme and its issuers."""
    out = _strands(list(evs), sentences, text, lex)
    out += _named_reforms(out, sentences, lex)
    _adjustments(out, sentences, text, lex)
    return out


def _strands(out: list[PolicyEvent], sentences: list[Sentence], text: str, lex: Lexicon) -> list[PolicyEvent]:
    """Numbered strands after a lead-in ('progress in four aspects:') are measures of the reform, at
    their place in the list; an unnumbered imperative after a strand is part of that strand."""
    parent: int | None = None
    parent_scheme = ""
    reform = ""
    strand: int | None = None  # the last numbered strand of the lead-in
    position = 0
    for sent in sentences:
        if not sent.body:
            continue
        if _may_lead_in(sent.text) and _LEAD_IN.search(sent.text):
            named = _reforms(lex).find(sent.text)
            reform = named[0].keys[0] if named else ""
            schemes = lex.find_schemes(sent.text) or lex.scheme_cues.find(sent.text)
            parent_scheme = _reform_scheme(lex, reform) or (schemes[0].keys[0] if schemes else "")
            parent = next((i for i, e in enumerate(out) if e.scheme == parent_scheme and e.kind == "event_start"), None)
            strand, position = None, 0
            if parent is None and not reform:
                out.append(
                    PolicyEvent(
                        "reform",
                        sent.text.rstrip(":. "),
                        parent_scheme,
                        "CN",
                        "",
                        None,
                        (sent.start, sent.end),
                        (sent.start, sent.end),
                    )
                )
                parent = len(out) - 1
            continue
        m = _ORDINAL.match(sent.text)
        imperative = _IMPERATIVE.match(sent.text)
        if not m and not (imperative and (parent is not None or reform)):
            continue
        body_start = sent.start + (m.end() if m else 0)
        end_m = re.compile(r"[,;.]").search(text, body_start, sent.end)
        end = end_m.start() if end_m else sent.end
        schemes = lex.find_schemes(text[body_start:end])
        scheme = schemes[0].keys[0] if schemes else parent_scheme
        if parent_scheme and scheme != parent_scheme and lex.under(parent_scheme, scheme):
            scheme = parent_scheme  # a strand of the enterprise employees' reform that says 'pension insurance'
        label = text[body_start:end].strip()
        label = label[0].upper() + label[1:] if label else label
        ev = PolicyEvent(
            "measure", label, scheme, "CN", "", None, (body_start, end), (sent.start, sent.end), part_of=parent
        )
        if m and (parent is not None or reform):  # numbered after a lead-in: a strand, at its place in the list
            position += 1
            ev.position, ev.reform = position, reform
            strand = len(out)
        elif strand is not None and not m:
            ev.part_of = strand  # 'Guide all localities to ...' after 'First, ...': a step of the first strand
        else:
            ev.reform = reform
        out.append(ev)
    return out


def _reforms(lex: Lexicon) -> Matcher:
    """The names of the reforms the ontology knows (rdfs:label and skos:altLabel in English)."""
    key = id(lex.graph)
    if key not in _REFORMS:
        found = Matcher()
        for r in sorted(s for s in lex.graph.subjects(RDF.type, PKG.Reform) if isinstance(s, URIRef)):
            for p in (RDFS.label, SKOS.altLabel):
                for o in lex.graph.objects(r, p):
                    if isinstance(o, Literal) and o.language == "en":
                        found.add(str(o), str(r))
        _REFORMS.clear()
        _REFORMS[key] = (lex.graph, found)  # the graph held, so that its id names it while cached
    return _REFORMS[key][1]


_REFORMS: dict[int, tuple[object, Matcher]] = {}


def _reform_starts(sent: Sentence, dated: list[Period], lex: Lexicon, text: str) -> list[tuple[Match, Period]]:
    """A known reform's name as the cue of its start, with a date no other cue took: one that dates it
    from a day ('From <a month>, the scheme came under national pooling') or stands in the name's own
    phrase after it ('national pooling of the funds took hold in <a month>'). A year's transfers
    'under national pooling' date no start."""
    cues = [
        Match(m.start + sent.start, m.end + sent.start, m.text, ("event_start",)) for m in _reforms(lex).find(sent.text)
    ]
    starts = [p for p in dated if p.marker == "since" or any(_dated_in_phrase(c, p, text) for c in cues)]
    return _pair(cues, starts) if cues and starts else []


def _reform_scheme(lex: Lexicon, reform: str) -> str:
    scheme = lex.graph.value(URIRef(reform), PKG.scheme) if reform else None
    return str(scheme).rsplit("/", 1)[-1] if isinstance(scheme, URIRef) else ""


def _named_reforms(evs: list[PolicyEvent], sentences: list[Sentence], lex: Lexicon) -> list[PolicyEvent]:
    """Each name of a known reform the article gives, as a mention of it (kind "reform" with its IRI);
    a start of the reform's scheme is the reform's when its sentence names the reform, or when the
    article does and the start is nationwide (the reforms the ontology knows are national)."""
    mentions: list[PolicyEvent] = []
    named: set[str] = set()
    for sent in sentences:
        for m in _reforms(lex).find(sent.text):
            iri = m.keys[0]
            named.add(iri)
            span = (sent.start + m.start, sent.start + m.end)
            mentions.append(
                PolicyEvent("reform", m.text, _reform_scheme(lex, iri), "CN", "", None, span,
                            (sent.start, sent.end), reform=iri)
            )  # fmt: skip
    nationwide = {w.lower() for w in lists()["nationwide"]}
    for ev in evs:
        if ev.kind != "event_start" or ev.reform:
            continue
        here = {m.keys[0] for m in _reforms(lex).find(_sentence_text(sentences, ev.sentence))}
        for iri in sorted(named):
            if _reform_scheme(lex, iri) == ev.scheme and (iri in here or ev.scope.lower() in nationwide):
                ev.reform = iri
                break
    return mentions


def _sentence_text(sentences: list[Sentence], span: tuple[int, int]) -> str:
    return next((s.text for s in sentences if (s.start, s.end) == span), "")


def _adjustments(evs: list[PolicyEvent], sentences: list[Sentence], text: str, lex: Lexicon) -> None:
    """A pension adjustment takes the scheme it was found with and the article's eligibility cut-offs of
    that scheme as its parts, and, when its own sentence names no issuer, the bodies that issued the
    notice about it in the sentences before ('a notice on adjusting the basic pensions ... has been
    jointly issued by the ministry and the Ministry of Finance')."""
    for i, ev in enumerate(evs):
        if ev.kind != "pension_adjustment":
            continue
        ev.scheme, ev.adjusts = ev.adjusts, ""
        for cutoff in evs:  # 'who had retired by the end of 2022': the cut-off of this rise
            if cutoff.kind == "eligibility_cutoff" and cutoff.scheme == ev.scheme and cutoff.part_of is None:
                cutoff.part_of = i
        if ev.decided_by:
            continue
        before = [s for s in sentences if s.body and s.end <= ev.sentence[0]][-3:]
        for sent in reversed(before):
            if _ADJUSTING.search(sent.text) and (issuers := _orgs_after(_DECIDERS, text, sent, lex)):
                ev.decided_by = issuers
                break


_ADJUSTING = re.compile(r"(?i)\b(?:adjust|rais|increas)\w*\b")
