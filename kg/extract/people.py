"""People, their posts, and who said what.

'Wang Fang, deputy director of the Planning Department of the Ministry of Civil Affairs, said'
gives a person, a post, a unit and its ministry (W3C ORG); quotation
marks and 'according to', 'he said' give each sentence its speaker, so every figure can be traced to
the official who stated it or, failing one, to the reporters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.extract.grammar import lists, words
from kg.extract.lexicon import Lexicon
from kg.extract.text import Dateline, Sentence, paragraphs

_NAME = r"[A-Z][a-z]+ [A-Z][a-z]+"
_TITLE_WORDS = words("titles")
_TITLE_LIST = lists()["titles"]
_PERSON_POST = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<post>(?:(?!\bsaid\b)[^,.\"“”])*?\b(?:{_TITLE_WORDS})\b(?:(?!\bsaid\b)[^,.\"“”])*?)"
    rf"(?=,|\s+(?:said|says|told|noted|added|stated|introduced|pointed)\b)"
)
_POST_PERSON = re.compile(
    rf"(?P<post>\b(?:(?:deputy|vice|chief)\s+)?(?:{_TITLE_WORDS})\b(?: of [A-Z][\w ]+?)?)\s+(?P<name>{_NAME})\b"
)
_UNIT = re.compile(
    r"(?:the\s+|its\s+)?(?P<unit>(?:[A-Z][a-z]+\s+)+(?:Department|Bureau|Office|Division|Center|Centre|Institute|Committee))"
)
_SAY = r"(?:said|says|told|noted|added|stated|pointed out|stressed)"
# Who presents what follows in a paragraph: a speaker and a verb of speaking or presenting; the speaker
# of 'according to' alike. The subject may be a person, 'he', 'she', or a body ('the ministry said').
_PRESENT = r"(?:said|says|told|noted|added|stated|pointed out|stressed|introduced|explained|presented|announced)"
_SUBJECT = rf"{_NAME}|[A-Z][a-z]+|[Hh]e|[Ss]he|(?:the|The)\s+[a-z]+|[A-Z][A-Za-z]+(?:\s+(?:of|and|[A-Z][A-Za-z]+))*"
_SPEAKS = re.compile(
    rf"(?:^|(?<=[\s,.;\"”]))(?P<who>{_SUBJECT})(?:,[^,.\"“”]{{1,160}},)?\s+{_PRESENT}\b"
    rf"|\bAccording to (?P<per>{_SUBJECT})\b"
)
_SPEECH = re.compile(rf"{_PRESENT}|According to")  # what _SPEAKS needs, found by its literal first letters


@dataclass
class Post:
    title: str  # "deputy director"
    org: str  # IRI of the organisation, or "" when the text does not say
    unit: str  # name of the unit within it, or ""


@dataclass
class Person:
    name: str
    posts: list[Post] = field(default_factory=list)
    first: int = 0  # first mention


@dataclass
class Quote:
    start: int
    end: int
    speaker: str  # person name


@dataclass
class Cast:
    people: list[Person]
    quotes: list[Quote]
    text: str
    main_org: str
    _paragraphs: list[int] | None = field(default=None, repr=False)  # where each paragraph starts

    def person(self, name: str) -> Person | None:
        for p in self.people:
            if p.name == name or p.name.split()[0] == name:
                return p
        return None

    def last_person_before(self, pos: int) -> Person | None:
        cands = [
            (m.start(), p) for p in self.people for m in re.finditer(re.escape(p.name.split()[0]), self.text[:pos])
        ]
        return max(cands, key=lambda t: t[0])[1] if cands else None

    def speaker_of(self, sent: Sentence) -> str:
        """The person a sentence is attributed to, or "" (the graph then credits the reporters): its own
        attribution, else the speaker its paragraph gave before it ('Chen Feng introduced ...', 'Li Zhong
        said at the briefing'), until another speaker takes over; none when a body that is no person
        spoke last ('according to the ministry')."""
        own = self._own_speaker(sent)
        if own:
            return own
        return self._last_speaker(self._paragraph_start(sent.start), sent.end)

    def _paragraph_start(self, pos: int) -> int:
        if self._paragraphs is None:
            self._paragraphs = [b for b, _ in paragraphs(self.text)]
        i = bisect.bisect_right(self._paragraphs, pos) - 1
        return self._paragraphs[i] if i >= 0 else 0

    def _last_speaker(self, start: int, end: int) -> str:
        """Who spoke last in text[start:end] ('Chen Feng introduced that ...', 'Li Zhong, vice minister,
        said at the briefing ...'): a person of the cast, or "" when the last to speak there is none (a
        ministry, 'the report') or nobody spoke."""
        if not _SPEECH.search(self.text, start, end):
            return ""  # the common case: no verb of speaking, and the subject's pattern need not try every word
        cues = list(_SPEAKS.finditer(self.text, start, end))
        if not cues:
            return ""
        m = cues[-1]
        who = m.group("who") or m.group("per")
        if who.lower() in ("he", "she"):
            p = self.last_person_before(m.start())
        else:
            p = self.person(who) if re.fullmatch(rf"{_NAME}|[A-Z][a-z]+", who) else None
        return p.name if p else ""

    def _own_speaker(self, sent: Sentence) -> str:
        """The person the sentence quotes, or names as its source ('according to X', '..., X said')."""
        for q in self.quotes:
            if q.start <= sent.start < q.end:
                return q.speaker
        m = re.match(rf"According to (?P<who>{_NAME}|[A-Z][a-z]+)\b", sent.text)
        if m and (named := self.person(m.group("who"))):
            return named.name
        m = re.search(
            rf",\s*(?P<who>{_NAME}|[A-Z][a-z]+|he|she)\s+{_SAY}\W*$|\b{_SAY}\s+(?P<who2>{_NAME})\W*$", sent.text
        )
        if m:
            who = m.group("who") or m.group("who2")
            if who in ("he", "she"):
                p = self.last_person_before(sent.start)
            else:
                p = self.person(who)
            if p:
                return p.name
        return ""


def find_people(text: str, lex: Lexicon, dateline: Dateline | None) -> Cast:
    main_org = _Lazy(lambda: _main_org(text, lex))  # counted only if a post leaves its ministry unnamed
    people: dict[str, Person] = {}
    for m in _PERSON_POST.finditer(text):
        person = people.setdefault(m.group("name"), Person(m.group("name"), first=m.start()))
        for part in re.split(
            rf"\s+and\s+(?=(?:the\s+|its\s+|the\s+ministry's\s+)?(?:{_TITLE_WORDS}|vice|chief))", m.group("post")
        ):
            post = _post(part, lex, main_org)
            if post and post.title not in [p.title for p in person.posts]:
                person.posts.append(post)
    lower = text.lower()
    titled = any(w in lower for w in _TITLE_LIST)  # the regex below is slow; most texts name no title
    for m in _POST_PERSON.finditer(text) if titled else ():
        if m.group("name") in people or _is_org_name(m.group("name"), lex):
            continue
        person = people.setdefault(m.group("name"), Person(m.group("name"), first=m.start()))
        post = _post(m.group("post"), lex, main_org)
        if post:
            person.posts.append(post)
    for m in re.finditer(rf"\b(?P<name>{_NAME})\s+{_SAY}\b", text):
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?:\b(?:of|and|the|for)|[A-Z][a-z]+)\s+$", before):
            continue  # the tail of a longer name: 'Ministry of Human Resources and Social Security said'
        if m.group("name") not in people and not _is_org_name(m.group("name"), lex):
            people[m.group("name")] = Person(m.group("name"), first=m.start())
    cast = Cast(sorted(people.values(), key=lambda p: p.first), [], text, main_org() if people else "")
    cast.quotes = _quotes(text, cast)
    return cast


def _is_org_name(name: str, lex: Lexicon) -> bool:
    return (
        bool(lex.orgs.find(name)) or bool(lex.areas.find(name)) or name.split()[0] in ("The", "According", "In", "As")
    )


def _main_org(text: str, lex: Lexicon) -> str:
    counts: dict[str, int] = {}
    for m in lex.orgs.find(text):
        for k in m.keys:
            counts[k] = counts.get(k, 0) + 1
    counts = {k: v for k, v in counts.items() if "xinhua" not in k and "news" not in k and "cailian" not in k}
    if re.search(r"\bthe ministry\b", text, re.I) and counts:
        return max(sorted(counts), key=lambda k: counts[k])
    return max(sorted(counts), key=lambda k: counts[k]) if counts else ""


class _Lazy:
    """A value computed on first use and kept."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make: Callable[[], str] | None = make
        self._value = ""

    def __call__(self) -> str:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value


def _post(part: str, lex: Lexicon, main_org: _Lazy) -> Post | None:
    part = part.strip()
    m = re.search(rf"\b(?:(?:deputy|vice|chief|executive)\s+)*(?:{_TITLE_WORDS})\b(?:\s+in\s+charge)?", part)
    if not m:
        return None
    title = m.group(0).lower()
    orgs = lex.orgs.find(part)
    # an unnamed ministry ('the ministry's spokesperson', 'its department', a bare 'spokesperson') is the article's
    org = orgs[0].keys[0] if orgs else main_org()
    um = _UNIT.search(part)
    unit = um.group("unit").strip() if um and not lex.orgs.find(um.group("unit")) else ""
    return Post(title, org, unit)


def _quotes(text: str, cast: Cast) -> list[Quote]:
    out = []
    for m in re.finditer(r"[\"“](?P<q>[^\"“”]{40,}?)[\"”]", text):
        after = text[m.end() : m.end() + 300]
        before = text[max(0, m.start() - 200) : m.start()]
        who = None
        a = re.match(rf"\s*,?\s*(?P<who>{_NAME}|[A-Z][a-z]+|he|she)\b[^.\"“]*?\b{_SAY}", after)
        b = re.search(rf"(?P<who>{_NAME}|[A-Z][a-z]+|he|she)\s+{_SAY}\s*[:,]\s*$", before)
        for g in (a, b):
            if g:
                name = g.group("who")
                p = cast.last_person_before(m.start()) if name in ("he", "she") else cast.person(name)
                if p:
                    who = p.name
                    break
        if who:
            out.append(Quote(m.start(), m.end(), who))
    return out
