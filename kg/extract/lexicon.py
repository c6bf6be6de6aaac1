"""The extractor's vocabulary, read from the ontology's SKOS labels and cue phrases.

Names, synonyms and indicator phrases are kept in one place, the ontology; this module only turns
them into matchers, so adding a synonym is an edit to a Turtle file, never to code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.extract.grammar import inflections, irregular_forms, lists, words
from kg.namespaces import CODE, ORG, PKG
from kg.paths import ontology_files


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str  # unit code, "" for events
    kind: str  # stock | flow | change | event
    core: bool
    default_scheme: str = ""
    fixed_scheme: bool = False
    schemeless: bool = False
    change_of: str = ""
    share_of: str = ""
    monthly: bool = False
    completed_years: bool = False
    annual: bool = False
    cues: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # words one of which the sentence must hold for the cues to count
    derived_only: bool = False  # computed, never reported: its cues name a figure only to keep it unclassified
    negative_cues: tuple[str, ...] = ()  # cues that make the figure negative ('lost 9 billion' on investments)
    in_force: bool = False  # a level in force over the period named: a year stays a year
    of_a_trial: bool = False  # a count of a trial's places: of the trial's start, the nation's (pkg:ofATrial)
    as_of_report: bool = False  # what is on offer: the report's day, unless its own sentence dates it
    within: str = ""  # the scheme its schemes fall under ('' for any)
    at_effect: bool = False  # a stock counted on the day a measure takes effect (a rise's beneficiaries)
    uncoded: bool = False  # reported by the genre, measured by no code: its cues keep a figure unclassified
    before_scheme: tuple[str, ...] = ()  # words that name it only right before a scheme ('had')
    instant_cues: tuple[str, ...] = ()  # cues that name it only for a figure dated to a day ('a surplus')
    paired_cues: tuple[str, ...] = ()  # cues that name it only beside a cue of `pair` ('took in A, paid out B')
    pair: str = ""
    general_scheme: str = ""  # the scheme meant where a report names social insurance in general (pkg:generalReading)


@dataclass(frozen=True)
class Match:
    """A phrase of the lexicon found in a text."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...]  # codes (or IRIs) the phrase stands for
    weak: bool = False  # a coordination-only label, or a cue rather than a name


@dataclass
class Matcher:
    """Longest-match-first phrase finder over a set of phrases, each standing for some keys.

    Phrases are indexed by their first word, so a text is scanned once, word by word, and only the
    few phrases that can start at a word are tried there (one big alternation is far slower).
    """

    phrases: dict[str, set[str]] = field(default_factory=dict)
    _index: dict[str, list[tuple[str, re.Pattern[str]]]] | None = None
    _seen: dict[str, tuple[Match, ...]] = field(default_factory=dict)

    def add(self, phrase: str, key: str) -> None:
        self.phrases.setdefault(_norm(phrase), set()).add(key)
        self._index = None
        self._seen.clear()

    def _compiled(self) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
        if self._index is None:
            index: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
            for p in sorted(self.phrases, key=lambda p: (-len(p), p)):
                rx = re.compile(_phrase_pattern(p) + r"(?![\w-])", re.IGNORECASE)
                index.setdefault(_stem(_first_word(p)), []).append((p, rx))
            self._index = index
        return self._index

    def find(self, text: str) -> list[Match]:
        """Matches in `text`, remembered for the last few hundred texts (a sentence is asked often)."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) > 512:
                self._seen.clear()
            found = self._seen[text] = self._find(text)
        return list(found)

    def _find(self, text: str) -> tuple[Match, ...]:
        index = self._compiled()
        if index.keys().isdisjoint(_word_set(text)):
            return ()  # the common case: no phrase can start in this sentence
        out: list[Match] = []
        pos = 0
        for start, word in _words(text):
            if word not in index:
                continue
            for phrase, rx in index[word]:
                m = rx.match(text, start)
                if m and m.end() > pos:  # a phrase inside a longer one is that one; overlapping ones both count
                    out.append(Match(m.start(), m.end(), m.group(0), tuple(sorted(self.phrases[phrase]))))
                    if GAP not in phrase:  # the words a gap spans may be a phrase of their own
                        pos = m.end()
                    break
        return tuple(out)


_WORD = re.compile(r"(?:(?<![\w-])|(?<=\d-))[\w'’]+")  # '10-consecutive years': a word after a number's hyphen


def _stem(word: str) -> str:
    """A word without its possessive ending, as the two-word index keys it: country's, employees'."""
    return word.removesuffix("'s").rstrip("'")


def _lower(text: str) -> str:
    """Lower case with the typographic apostrophe made plain, offsets unchanged (else the text as is)."""
    low = text.lower().replace("\u2019", "'")
    return low if len(low) == len(text) else text


T = TypeVar("T")
_PER_TEXT: list[Any] = []  # caches keyed by a text, which `forget` drops


def per_text(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """An lru_cache for answers about a sentence, asked again by the constructions that read it; `forget`
    drops them all, so that a benchmark's article starts cold."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        cached = lru_cache(maxsize=maxsize)(fn)
        _PER_TEXT.append(cached)
        return cached

    return wrap


@per_text(maxsize=256)
def _words(text: str) -> tuple[tuple[int, str], ...]:
    """Word starts of a text, lower-cased and stemmed as the indexes key them; shared by the matchers
    that scan the same sentence."""
    low = _lower(text)
    if low is text:  # lower-casing would move offsets: lower each word instead
        return tuple([(m.start(), _stem(m.group(0).lower())) for m in _WORD.finditer(text)])
    found = [(m.start(), m.group(0)) for m in _WORD.finditer(low)]
    return tuple([(s, _stem(w)) if "'" in w else (s, w) for s, w in found] if "'" in low else found)


@per_text(maxsize=256)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(w for _, w in _words(text))


@lru_cache(maxsize=256)
def _list_keys(name: str) -> tuple[str, ...]:
    """For each phrase of the grammar list, its longest run of letters or digits, lower-cased: a phrase can
    stand in a text only where that run does ("" where a phrase has none, so that nothing is ruled out)."""
    keys = {max(_RUNS.findall(p.lower()), key=len, default="") for p in lists()[name]}
    return tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))  # 'climb' stands for 'climbed'


_RUNS = re.compile(r"[^\W_]+")  # runs of letters or digits


@per_text(maxsize=256)
def _lowered(text: str) -> str:
    """The sentence lower-cased, once (for look-ups, not offsets: _lower keeps those)."""
    return text.lower()


def may_hold(name: str, text: str) -> bool:
    """Whether `text` can hold a phrase of the grammar list `name`: each phrase's longest word is looked
    for as a substring of the lower-cased sentence (lowered once), where a regex of the list's alternation
    tries its branches at every position; a superset of what the list's patterns can match."""
    low = _lowered(text)
    return any(w in low for w in _list_keys(name))


def _first_word(phrase: str) -> str:
    m = _WORD.match(phrase.lower().replace("\u2019", "'"))
    return m.group(0) if m else phrase


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.replace("\u2019", "'").strip().lower())


GAP = "…"  # in a phrase: up to three words ('received … pension': 'received the basic pension')


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for ch in phrase.replace(f" {GAP} ", GAP):
        if ch == GAP:
            parts.append(rf"\s+(?:(?!{words('gap_stoppers')}\b)[\w'’-]+\s+){{0,3}}?")
        elif ch == " ":
            parts.append(r"\s+")
        elif ch == "'":
            parts.append("['\u2019]")
        elif ch == "-":
            parts.append(r"[-\s]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@dataclass
class Lexicon:
    indicators: dict[str, Indicator]
    scheme_labels: dict[str, str]  # code -> English label
    scheme_broader: dict[str, str]
    schemes: Matcher  # names of schemes
    scheme_coord: Matcher  # bare heads valid only in coordinated lists
    scheme_cues: Matcher  # phrases that signal a scheme without naming it
    indicator_cues: Matcher
    event_cues: Matcher
    areas: Matcher
    area_labels: dict[str, str]
    orgs: Matcher
    org_labels: dict[str, str]
    graph: Graph
    scheme_members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 'urbanites' -> employees'
    national_floor: dict[str, int] = field(default_factory=dict)  # fewest participants a nationwide count has
    uncoded_schemes: frozenset[str] = frozenset()  # schemes no code of the vocabulary has
    groups: dict[str, frozenset[str]] = field(default_factory=dict)  # three funds -> pension, unemployment, injury
    # schemes only their own indicators measure (cards: holders, not participants)
    own_only: frozenset[str] = frozenset()
    province_ceiling: int = 0  # more people than any province has (pkg:provincialPersonsCeiling); 0: no check
    national_only: frozenset[str] = frozenset()  # schemes only the nation has (pkg:nationalOnly)
    national_dateline: str = ""  # where national reports are datelined from (pkg:nationalDatelinePlace)
    benefit_age: dict[str, int] = field(default_factory=dict)  # the age a scheme pays from (pkg:benefitAge)
    divisions: dict[str, str] = field(default_factory=dict)  # GB/T 2260 province digits -> ISO code
    in_general: str = ""  # the scheme of social insurance in general, or of none said (pkg:inGeneral)
    _combined: dict[tuple[str, ...], list[tuple[int, str, re.Pattern[str]]]] | None = None
    _firsts: frozenset[str] = frozenset()  # the first words of _combined's keys

    def _matchers(self) -> list[Matcher]:
        return [
            self.schemes,
            self.scheme_coord,
            self.scheme_cues,
            self.indicator_cues,
            self.event_cues,
            self.areas,
            self.orgs,
        ]

    def scan(self, text: str) -> None:
        """Find every matcher's phrases in one pass over the words of `text` (a sentence is asked for
        schemes, cues, areas and organisations; seven passes cost seven times the word loop)."""
        matchers = self._matchers()
        if all(text in m._seen for m in matchers):
            return
        if self._combined is None:
            # keyed by the first two words (one-word and hyphenated phrases by the first alone), so a
            # common first word ('social', 'the') does not send every phrase it begins to the regex
            pairs: dict[tuple[str, ...], list[tuple[int, str, re.Pattern[str]]]] = {}
            for i, m in enumerate(matchers):
                for entries in m._compiled().values():
                    for phrase, rx in entries:
                        toks = [_stem(t) for t in _WORD.findall(phrase)]
                        whole = len(toks) > 1 and "-" not in phrase and GAP not in phrase
                        key = tuple(toks[:2]) if whole else tuple(toks[:1])
                        pairs.setdefault(key, []).append((i, phrase, rx))
            self._combined = pairs
            self._firsts = frozenset(k[0] for k in pairs)
        pos = [0] * len(matchers)
        found: list[list[Match]] = [[] for _ in matchers]
        words = _words(text)
        firsts = self._firsts
        for k, (start, word) in enumerate(words):
            if word not in firsts:
                continue  # most words begin no phrase: one set look-up, no key made
            two = self._combined.get((word, words[k + 1][1])) if k + 1 < len(words) else None
            one = self._combined.get((word,))
            if not two and not one:
                continue
            done: set[int] = set()
            for i, phrase, rx in (two or []) + (one or []):
                if i in done:
                    continue
                r = rx.match(text, start)  # not `m`, the Matcher of the loops around
                if r and r.end() > pos[i]:
                    found[i].append(Match(r.start(), r.end(), r.group(0), tuple(sorted(matchers[i].phrases[phrase]))))
                    if GAP not in phrase:  # the words a gap spans may be a phrase of their own ('a monthly pension')
                        pos[i] = r.end()
                    done.add(i)
        for i, m in enumerate(matchers):
            if len(m._seen) > 512:
                m._seen.clear()
            m._seen[text] = tuple(found[i])

    @cached_property
    def _changes(self) -> dict[str, str]:
        return {i.change_of: c for c, i in sorted(self.indicators.items(), reverse=True) if i.change_of}

    @cached_property
    def _shares(self) -> dict[str, str]:
        return {i.share_of: c for c, i in sorted(self.indicators.items(), reverse=True) if i.share_of}

    def change_indicator(self, level: str) -> str:
        """The indicator of a change of `level` (pkg:changeOf), or "" (the maps are made once)."""
        return self._changes.get(level, "")

    def share_of(self, count: str) -> str:
        """The indicator that is a share of `count` (pkg:shareOf), or ""."""
        return self._shares.get(count, "")

    def under(self, scheme: str, top: str) -> bool:
        """Whether `scheme` is `top` or falls under it (skos:broader, transitively)."""
        seen = set()
        while scheme and scheme not in seen:
            if scheme == top:
                return True
            seen.add(scheme)
            scheme = self.scheme_broader.get(scheme, "")
        return False

    @cached_property
    def change_of_level(self) -> dict[str, str]:
        """Each level's change indicator: participants -> participants_change."""
        return {i.change_of: c for c, i in sorted(self.indicators.items()) if i.change_of and i.kind == "change"}

    def counterpart(self, ind: Indicator, scheme: str) -> str:
        """The indicator that measures for `scheme` what the fixed-scheme `ind` measures for its own
        ('physical and electronic cards had A and B holders': the e-card's users for B): of the same
        unit and kind, fixed to `scheme`, sharing the most cues with `ind`; '' if none or a tie."""
        mates = [
            i
            for i in self.indicators.values()
            if i.fixed_scheme and i.default_scheme == scheme and i.unit == ind.unit and i.kind == ind.kind
        ]
        ranked = sorted(((len(set(i.cues) & set(ind.cues)), i.code) for i in mates), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return ""
        return ranked[0][1]

    def group_of(self, listed: set[str]) -> str:
        """The scheme that takes exactly these schemes together (each perhaps by a narrower name):
        'basic endowment, unemployment and work injury insurance' are the three funds; else ''."""
        for code, members in sorted(self.groups.items()):
            if len(listed) == len(members) and all(any(self.under(k, m) for k in listed) for m in members):
                return code
        return ""

    def member_scheme(self, after: str, scheme: str) -> str:
        """The scheme narrower than `scheme` whose members head a figure ('500 million rural residents'
        covered by pensions are the residents' scheme's), else `scheme`."""
        for code, nouns in self.scheme_members.items():
            if code != scheme and self.under(code, scheme) and _heading(nouns).match(after):
                return code
        return scheme

    def by_members(self, text: str, start: int, end: int) -> list[tuple[int, str]]:
        """Where text[start:end] names a scheme by its members ('the residents' scheme', 'the programme for
        urban employees', pkg:memberNoun with the grammar's scheme_heads), and which: (offset, code)."""
        return [(m.start, m.keys[0]) for m in self.member_names(text, start, end)]

    def member_names(self, text: str, start: int, end: int) -> list[Match]:
        """by_members as matches: where text[start:end] names a scheme by its members, its span and code."""
        return [
            Match(m.start(), m.end(), m.group(0), (self._member_codes[m.group(0).lower()],))
            for m in self._member_rx.finditer(text, start, end)
        ]

    def counted_members(self, text: str, start: int, end: int) -> list[tuple[int, str]]:
        """Where text[start:end] names the people of one scheme by a noun of more than one word ('urban and
        rural residents receiving ...', 'enterprise retirees'), and which scheme: (offset, code). One-word
        nouns ('workers', 'residents') name the members of no one scheme."""
        return [
            (m.start(), self._plural_members[m.group(0).lower()]) for m in self._plural_rx.finditer(text, start, end)
        ]

    @cached_property
    def _member_nouns(self) -> dict[str, str]:
        """Each plural member noun (pkg:memberNoun), lower-cased, and the scheme it names."""
        return {
            n.lower(): code for code, nouns in sorted(self.scheme_members.items()) for n in nouns if n.endswith("s")
        }

    @cached_property
    def _plural_members(self) -> dict[str, str]:
        return {n: code for n, code in self._member_nouns.items() if " " in n}

    @cached_property
    def _plural_rx(self) -> re.Pattern[str]:
        forms = sorted(self._plural_members, key=lambda f: (-len(f), f))
        return re.compile(r"(?i)(?<![\w'-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w'-])")

    @cached_property
    def _member_codes(self) -> dict[str, str]:
        out = {}
        for noun, code in self._member_nouns.items():
            for head in (h.lower() for h in lists()["scheme_heads"]):
                out[f"{noun}' {head}"] = out[f"{head} for {noun}"] = out[f"{head} for the {noun}"] = code
        return out

    @cached_property
    def _member_rx(self) -> re.Pattern[str]:
        # the forms of _member_codes as two alternations of nouns and heads, not one of every form (which
        # Python's engine would try form by form at every position); longest first, so that 'scheme for
        # urban employees' is not read as 'scheme for urban ...'
        def alt(forms: set[str]) -> str:
            return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))

        n, h = alt(set(self._member_nouns)), alt({h.lower() for h in lists()["scheme_heads"]})
        return re.compile(rf"(?i)\b(?:(?:{n})' (?:{h})|(?:{h}) for (?:the )?(?:{n}))\b")

    def _narrowed(self, m: Match, text: str) -> Match:
        """'the basic pension insurance fund for urban and rural residents': a scheme's name followed by
        'for' or 'of' and the members of a narrower scheme (pkg:memberNoun) names that narrower scheme."""
        head = _FOR_MEMBERS.match(text, m.end)
        if head is None:
            return m
        for code, nouns in sorted(self.scheme_members.items()):
            if code != m.keys[0] and self.under(code, m.keys[0]):
                after = _heading(nouns).match(text, head.end() - 1)
                if after:
                    return Match(m.start, after.end(), text[m.start : after.end()], (code,), m.weak)
        return m

    def find_schemes(self, text: str) -> list[Match]:
        """Scheme names, plus bare heads inside a list such as 'pension, unemployment and ... insurance'."""
        orgs = [(m.start, m.end) for m in self.orgs.find(text)]
        strong = [
            m
            for m in self.schemes.find(text)
            if not any(s <= m.start < e for s, e in orgs) and not in_proper_name(text, m.start, m.end)
        ]
        strong = [self._narrowed(m, text) for m in strong]
        # 'town worker endowment insurance fund': 'endowment insurance fund' inside it is the same scheme, broader named
        strong = [
            m
            for i, m in enumerate(strong)
            if not any(
                p.start < m.start < p.end and all(self.under(a, b) for a in p.keys for b in m.keys) for p in strong[:i]
            )
        ]
        taken = [(m.start, m.end) for m in strong]
        out = list(strong)
        for m in self.scheme_coord.find(text):
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            if _in_coordination(text, m.end):
                out.append(Match(m.start, m.end, m.text, m.keys, weak=True))
        return sorted(out, key=lambda m: m.start)


_FOR_MEMBERS = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?(?=\w)", re.I)
_TITLE_WORD = re.compile(r"[A-Z][\w'-]*")
_NAME_HEAD = re.compile(r"\b(?:[A-Z][\w'-]*\s+)+(?:of|for)\s+(?:the\s+)?$")


def in_proper_name(text: str, start: int, end: int) -> bool:
    """A name written in Title Case inside a longer name: 'Academy of Social Security Sciences',
    'Tianjin Securities Daily'. The name of an organisation or a paper says nothing of the figure."""
    if not text[start : start + 1].isupper():
        return False
    after = text[end : end + 30].lstrip(" ")
    nxt = _TITLE_WORD.match(after)
    # 'the Department of Zhejiang Province', 'Wuxi Municipal Bureau': the body of a place names that place
    if (nxt and nxt.group(0) in _PLACE_WORDS) or text[start:end].rsplit(" ", 1)[-1] in _PLACE_WORDS:
        return False
    return bool(nxt) or bool(_NAME_HEAD.search(text[max(0, start - 60) : start]))


_OUTLET = re.compile(rf"\s+(?:News\s+)?{words('outlet_verbs')}\b")
_SEAT_BEFORE = re.compile(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*,\s*$")


@lru_cache(maxsize=64)
def _heading(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a scheme's member nouns standing right after a figure, compiled once."""
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in nouns) + r")\b", re.I)


_SURNAME_BEFORE = re.compile(rf"\b{words('surnames')}\s+$")


def is_given_name(text: str, start: int) -> bool:
    """A place written right after a surname is a person's given name: 'Zhang Jinan', 'Li Hainan'."""
    return bool(_SURNAME_BEFORE.search(text, max(0, start - 12), start))


def is_outlet(text: str, end: int) -> bool:
    """A place that is a newspaper's name: 'Tianjin learns from the report, ...'."""
    return bool(_OUTLET.match(text, end))


def is_seat(text: str, start: int, end: int) -> bool:
    """A city set off by commas right after a name ('the fund's council, Beijing, said'):
    where the body sits, not where the figure belongs."""
    return bool(_SEAT_BEFORE.search(text[max(0, start - 80) : start])) and text[end : end + 1] == ","


_PLACE_WORDS = frozenset(
    {
        "Province",
        "Provincial",
        "Municipality",
        "Municipal",
        "City",
        "Prefecture",
        "County",
        "Autonomous",
        "Region",
        "Special",
    }
)  # "Wuxi Municipal Bureau": the bureau of a place
_COORD_TAIL = re.compile(rf"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s+or\s+|\s+(?:{words('coordination_closers')})\b)", re.I)


def _in_coordination(text: str, end: int) -> bool:
    """A bare head counts inside a list of heads that 'insurance' (or 'cards') closes ('pension,
    unemployment and work injury insurance', 'physical and electronic cards') or opens ('insured in
    the insurance fields of endowment, injury and ...')."""
    window = text[end : end + 80]
    stop = re.search(r"[.;:]", window)
    closes = _COORD_TAIL.match(text, end) and _COORD_NOUN.search(window[: stop.start()] if stop else window)
    before = text[max(0, end - 120) : end]
    opens = [m.end() for m in _COORD_HEAD.finditer(before)]
    return bool(closes) or bool(opens and not re.search(r"[.;:]", before[opens[-1] :]))


# what closes a list of bare heads: 'pension and injury insurance', 'physical and electronic cards',
# 'the basic pension, unemployment and work injury schemes'
_COORD_NOUN = re.compile(rf"(?i)\b(?:{words('coordination_closers')}|cards?)\b")
# 'the insurance fields of', 'insurance for': a list of bare heads follows
_COORD_HEAD = re.compile(
    r"\binsurance\s+(?:(?:fields?|types?|categories|schemes|programmes|programs)\s+)?(?:of|for)\s", re.I
)


def _code(iri: URIRef, kind: str) -> str:
    return str(iri).removeprefix(str(CODE) + kind + "/")


def forget(lex: Lexicon | None = None) -> None:
    """Drop what was remembered about texts already scanned (benchmarks start every article cold)."""
    for cached in _PER_TEXT:
        cached.cache_clear()
    if lex is not None:
        for m in (
            lex.schemes,
            lex.scheme_coord,
            lex.scheme_cues,
            lex.indicator_cues,
            lex.event_cues,
            lex.areas,
            lex.orgs,
        ):
            m._seen.clear()


@lru_cache(maxsize=1)
def load() -> Lexicon:
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return build(g)


def _translated(labels: dict[str, set[str]]) -> dict[str, set[str]]:
    """The labels with each translation of '养老保险' in a label also put as the others
    ('urban employees' basic pension insurance' -> '... basic endowment insurance'), and each without a
    possessive's apostrophe; a variant that is a label of its own (of any scheme) is left as it is."""
    names = lists()["pension_insurance_names"]
    out = {lab: set(codes) for lab, codes in labels.items()}
    for lab, codes in labels.items():
        for name in names:
            if name not in lab:
                continue
            for other in names:
                variant = lab.replace(name, other)
                if variant not in labels:
                    out.setdefault(variant, set()).update(codes)
    # a translation that drops the possessive's apostrophe ('enterprise employees basic endowment insurance'),
    # names the scheme by its fund ('basic medical insurance fund for employees', a table's row), or, after
    # whose it is, by its pension alone ('the enterprise employees' basic pension fund')
    for lab, codes in list(out.items()):
        for variant in (
            lab.replace("s' ", "s "),
            re.sub(r"\binsurance (for|of) ", r"insurance fund \1 ", lab),
            re.sub(
                r"\bpension insurance (for|of) ", r"pension fund \1 ", lab
            ),  # 'the basic pension fund for urban employees'
            re.sub(
                r"(['’] (?:basic )?)pension insurance$", r"\1pension", lab
            ),  # whose scheme: 'employees' basic pension'
        ):
            if variant != lab and variant not in labels:
                out.setdefault(variant, set()).update(codes)
    return out


def action_forms(action: str) -> list[str]:
    """The cues an action cue stands for ('receive … pension'): each form of its verb, with its object
    as written and in the plural."""
    verb, _, rest = action.partition(" ")
    verbs = dict.fromkeys([*inflections(verb), *irregular_forms().get(verb, ())])
    noun = rest.startswith(GAP) and not rest.endswith("s")  # 'receive … pension': 'received their pensions'
    objects = [rest, rest + "s"] if noun else [rest]
    return [f"{v} {o}".strip() for v in verbs for o in objects]


def build(g: Graph) -> Lexicon:
    schemes, coord, scheme_cues, cues, event_cues, areas, orgs = (Matcher() for _ in range(7))
    scheme_labels: dict[str, str] = {}
    scheme_broader: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    floors: dict[str, int] = {}
    uncoded: set[str] = set()
    own_only: set[str] = set()
    national: set[str] = set()
    general: set[str] = set()
    groups: dict[str, frozenset[str]] = {}
    ages: dict[str, int] = {}
    labels: dict[str, set[str]] = {}  # a scheme's names, stated and translated
    for s in _members(g, PKG.InsuranceScheme):
        c = _code(s, "scheme")
        scheme_labels[c] = _en(g, s, SKOS.prefLabel)
        broader = g.value(s, SKOS.broader)
        if isinstance(broader, URIRef):
            scheme_broader[c] = _code(broader, "scheme")
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for lab in _ens(g, s, p):
                labels.setdefault(lab, set()).add(c)
        for lab in _ens(g, s, PKG.coordinationLabel):
            coord.add(lab, c)
        for lab in _ens(g, s, PKG.cue):
            scheme_cues.add(lab, c)
        members[c] = tuple(sorted(_ens(g, s, PKG.memberNoun), key=lambda w: (-len(w), w)))
        if g.value(s, PKG.uncoded) == Literal(True):
            uncoded.add(c)
        if g.value(s, PKG.ownIndicatorsOnly) == Literal(True):
            own_only.add(c)
        if g.value(s, PKG.nationalOnly) == Literal(True):
            national.add(c)
        if g.value(s, PKG.inGeneral) == Literal(True):
            general.add(c)
        together = frozenset(_code(o, "scheme") for o in g.objects(s, PKG.takesTogether) if isinstance(o, URIRef))
        if together:
            groups[c] = together
        if isinstance(age := g.value(s, PKG.benefitAge), Literal):
            ages[c] = int(age)
        floor = g.value(s, PKG.nationalParticipantsFloor)
        if isinstance(floor, Literal):
            floors[c] = int(floor)
    for lab, codes in sorted(_translated(labels).items()):
        for c in sorted(codes):
            schemes.add(lab, c)
    indicators: dict[str, Indicator] = {}
    for s in _members(g, PKG.Indicator):
        c = _code(s, "indicator")
        ind = Indicator(
            code=c,
            label=_en(g, s, SKOS.prefLabel),
            unit=_code_of(g, s, PKG.unit, "unit"),
            kind=_code_of(g, s, PKG.defaultPeriodKind, "period-kind"),
            core=bool(g.value(s, PKG.core) == Literal(True)),
            default_scheme=_code_of(g, s, PKG.defaultScheme, "scheme"),
            fixed_scheme=g.value(s, PKG.fixedScheme) == Literal(True),
            schemeless=g.value(s, PKG.schemeless) == Literal(True),
            change_of=_code_of(g, s, PKG.changeOf, "indicator"),
            share_of=_code_of(g, s, PKG.shareOf, "indicator"),
            monthly=g.value(s, PKG.monthlyPeriod) == Literal(True),
            completed_years=g.value(s, PKG.countsCompletedYears) == Literal(True),
            annual=g.value(s, PKG.annualValue) == Literal(True),
            cues=tuple(sorted(_ens(g, s, PKG.cue))),
            context=tuple(sorted(_ens(g, s, PKG.contextCue))),
            derived_only=g.value(s, PKG.derivedOnly) == Literal(True),
            instant_cues=tuple(sorted(_ens(g, s, PKG.instantCue))),
            before_scheme=tuple(sorted(_ens(g, s, PKG.cueBeforeScheme))),
            uncoded=g.value(s, PKG.uncoded) == Literal(True),
            at_effect=g.value(s, PKG.countedAtEffect) == Literal(True),
            within=_code_of(g, s, PKG.schemeWithin, "scheme"),
            in_force=g.value(s, PKG.inForce) == Literal(True),
            of_a_trial=g.value(s, PKG.ofATrial) == Literal(True),
            as_of_report=g.value(s, PKG.asOfReport) == Literal(True),
            negative_cues=tuple(sorted(_ens(g, s, PKG.negativeCue))),
            paired_cues=tuple(sorted(c.lower() for c in _ens(g, s, PKG.pairedCue))),
            pair=_code_of(g, s, PKG.pairedWith, "indicator"),
            general_scheme=_code_of(g, s, PKG.generalReading, "scheme"),
        )
        indicators[c] = ind
        for cue in ind.cues + ind.instant_cues + ind.negative_cues + ind.paired_cues:
            (event_cues if ind.kind == "event" else cues).add(cue, c)
        for action in _ens(g, s, PKG.actionCue):
            for cue in action_forms(action):
                (event_cues if ind.kind == "event" else cues).add(cue, c)
    area_labels: dict[str, str] = {}
    divisions: dict[str, str] = {}
    for s in _members(g, PKG.Area):
        c = str(g.value(s, SKOS.notation))
        area_labels[c] = _en(g, s, SKOS.prefLabel)
        if (digits := g.value(s, PKG.divisionCode)) is not None:
            divisions[str(digits)] = c
        for p in (SKOS.prefLabel, SKOS.altLabel, PKG.cityLabel):  # a city's figure is its province's
            for lab in _ens(g, s, p):
                areas.add(lab, c)
    org_labels: dict[str, str] = {}
    for s in _members(g, ORG.Organization):
        org_labels[str(s)] = _en(g, s, SKOS.prefLabel)
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for lab in _ens(g, s, p):
                orgs.add(lab, str(s))
    return Lexicon(
        indicators,
        scheme_labels,
        scheme_broader,
        schemes,
        coord,
        scheme_cues,
        cues,
        event_cues,
        areas,
        area_labels,
        orgs,
        org_labels,
        g,
        {c: ws for c, ws in members.items() if ws},
        floors,
        frozenset(uncoded),
        groups,
        frozenset(own_only),
        int(ceiling) if isinstance(ceiling := g.value(CODE.area, PKG.provincialPersonsCeiling), Literal) else 0,
        frozenset(national),
        str(g.value(seat, SKOS.notation)) if (seat := g.value(CODE.area, PKG.nationalDatelinePlace)) else "",
        ages,
        divisions,
        next(iter(sorted(general)), ""),
    )


def _members(g: Graph, cls: URIRef) -> list[URIRef]:
    """The IRIs of class `cls`, in order (the ontology names each of its things by an IRI)."""
    return sorted(s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _code_of(g: Graph, s: URIRef, p: URIRef, kind: str) -> str:
    """The code `s` has for `p`, or "" when it has none."""
    o = g.value(s, p)
    return _code(o, kind) if isinstance(o, URIRef) else ""


def _ens(g: Graph, s: URIRef, p: URIRef) -> list[str]:
    return sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language in (None, "en"))


def _en(g: Graph, s: URIRef, p: URIRef) -> str:
    labels = _ens(g, s, p)
    return labels[0] if labels else ""
