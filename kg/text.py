"""Paragraphs, headline, dateline and sentences of an article, each with its character offsets.

Offsets are into the article's text exactly as stored, so every fact can point at the characters
it came from and a reader (or a SHACL constraint) can check the quote against the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    headline: bool = False


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    parts: tuple[str, ...]  # agency and place, in the order written
    month: int | None
    day: int | None
    agency: str  # from the brackets, e.g. (Xinhua)
    reporters: tuple[str, ...]


_MONTH_NUM = {m: i + 1 for i, m in enumerate(_MONTHS.split("|"))}
_DASHED = re.compile(r"(?P<pre>(?:[^.!?\n]|\.(?=\S)){2,100}?)\s*(?:--|—|–)\s*")
_CAP = r"[A-Z][\w.]*"
_DATED = re.compile(
    rf"(?P<pre>{_CAP}(?:[ ,]+{_CAP})*,?\s+(?:{_MONTHS})\s+\d{{1,2}})\b\s*(?:\((?P<paren>[^)]{{1,80}})\))?\s*"
)
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


def find_dateline(text: str, start: int) -> Dateline | None:
    """A news dateline: 'Xinhua News Agency, Beijing, January 22 (Jiang Lin, Guo Xiaolei)',
    'BEIJING, July 25 (Xinhua) --', 'Chinanews.com, January 26 --'."""
    m = _DASHED.match(text, start) or _DATED.match(text, start)
    if not m:
        return None
    pre = m.group("pre")
    parens = re.findall(r"\(([^)]*)\)", m.group(0))
    core = re.sub(r"\([^)]*\)", "", pre).strip(" ,")
    md = re.search(rf"\b({_MONTHS})\s+(\d{{1,2}})\b", core)
    if not md and not parens:
        return None
    parts = [p.strip() for p in re.split(r",", core[: md.start()] if md else core) if p.strip()]
    reporters: tuple[str, ...] = ()
    agency = ""
    for paren in parens:
        names = [re.sub(r"^(?:Reporters?|Correspondents?|By)\s+", "", n.strip()) for n in re.split(r"[,，、]", paren)]
        if all(_NAME.fullmatch(n) for n in names) and len(names) <= 4:
            reporters = tuple(names)
        else:
            agency = paren.strip()
    return Dateline(
        start=start,
        end=m.end(),
        parts=tuple(parts),
        month=_MONTH_NUM[md.group(1)] if md else None,
        day=int(md.group(2)) if md else None,
        agency=agency,
        reporters=reporters,
    )


_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:No|Mr|Ms|Dr|St|Co|Ltd|Inc|vs|etc|e\.g|i\.e)\.)$")
_BOUNDARY = re.compile(r"[.!?](?:[\"”’'])?(?=\s+[\"“‘']?[A-Z(])")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines when the text has them (single newlines are then
    soft wraps inside a paragraph), otherwise one paragraph per line."""
    separator = r"\n[ \t]*\n" if re.search(r"\n[ \t]*\n", text) else r"\n"
    out = []
    start = 0
    for m in [*re.finditer(separator, text), None]:
        end = m.start() if m else len(text)
        block = text[start:end]
        if block.strip():
            s = start + len(block) - len(block.lstrip())
            out.append((s, start + len(block.rstrip())))
        if m:
            start = m.end()
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a first paragraph without final punctuation is the headline."""
    out: list[Sentence] = []
    paras = paragraphs(text)
    body_started = False
    for pi, (ps, pe) in enumerate(paras):
        chunk = text[ps:pe]
        is_headline = not body_started and not re.search(r"[.!?\"”]$", chunk) and len(chunk) < 250 and pi < 3
        if not is_headline:
            body_started = True
        start = ps
        for m in _BOUNDARY.finditer(chunk):
            end = ps + m.end()
            if _ABBREV.search(text[start:end]):
                continue
            _push(out, text, start, end, pi, is_headline)
            start = end
            while start < pe and text[start].isspace():
                start += 1
        if start < pe:
            _push(out, text, start, pe, pi, is_headline)
    return out


def _push(out: list[Sentence], text: str, start: int, end: int, para: int, headline: bool) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], para, headline))
