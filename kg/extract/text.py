"""Paragraphs, headline, dateline and sentences of an article, each with its character offsets.

Offsets are into the article's text exactly as stored, so every fact can point at the characters
it came from and a reader (or a SHACL constraint) can check the quote against the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import tables
from kg.extract.grammar import lists, words
from kg.extract.periods import MONTH_ABBREVIATIONS, MONTHS, month_number

# month names as a dateline writes them, capitalised: 'January 22', 'Nov. 3', 'Sept. 14', 'Jan 1'
_MONTHS = "|".join(
    [m.capitalize() for m in MONTHS]
    + [rf"{a.capitalize()}\.?" for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)]
)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    headline: bool = False
    furniture: bool = False  # page chrome: 'Updated: 2025-03-04 10:12', 'Editor: ... | Xinhua', related links

    @property
    def body(self) -> bool:
        """Whether the sentence is the report's own text (not its headline, not the page around it)."""
        return not self.headline and not self.furniture


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    parts: tuple[str, ...]  # agency and place, in the order written
    month: int | None
    day: int | None
    agency: str  # from the brackets, e.g. (Xinhua)
    reporters: tuple[str, ...]


_DASHED = re.compile(r"(?P<pre>(?:[^.!?\n]|\.(?=\S)){2,100}?)\s*(?:--|—|–)\s*")
_CAP = r"[A-Z][\w.'’]*"  # 'XI'AN, Aug. 12 --'
_CAPS = re.compile(r"(?P<pre>[A-Z]{3,}(?:\s+[A-Z]{3,})*)\s+(?:-|–|—|--)\s+")  # 'BEIJING - Some 300 million ...'

_DATED = re.compile(
    rf"(?P<pre>{_CAP}(?:[ ,]+{_CAP})*,?\s+(?:{_MONTHS})\s+\d{{1,2}})\b\s*(?:\((?P<paren>[^)]{{1,80}})\))?\s*"
    r"(?:(?:--|—|–)\s*)?"  # 'BEIJING, Nov. 3 (Xinhua) --': the dash a full stop kept the dashed form from
)
_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


def find_dateline(text: str, start: int) -> Dateline | None:
    """A news dateline: 'Xinhua News Agency, Beijing, March 3 (Wang Fang, Li Ming)',
    'BEIJING, July 25 (Xinhua) --', 'Chinanews.com, January 26 --'."""
    caps = _CAPS.match(text, start)
    m = caps or _DASHED.match(text, start) or _DATED.match(text, start)
    if not m:
        return None
    pre = m.group("pre")
    parens = re.findall(r"\(([^)]*)\)", m.group(0))
    core = re.sub(r"\([^)]*\)", "", pre).strip(" ,")
    md = re.search(rf"\b({_MONTHS})\s+(\d{{1,2}})\b", core)
    if not md and not parens and m is not caps:
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
        month=month_number(md.group(1)) if md else None,
        day=int(md.group(2)) if md else None,
        agency=agency,
        reporters=reporters,
    )


# an abbreviation, or a section's number at a line's start ('II. Unemployment insurance')
_ABBREV = re.compile(rf"(?:\b[A-Z]\.|\b{words('abbreviations')}\.|^[ \t]*[IVX]{{1,5}}\.)$")
# a full stop, or a digest's reference marker between two items ('... workers [1] - As of September')
_BOUNDARY = re.compile(r"(?:[.!?](?:[\"”’'])?|(?:\[\d{1,2}\])+(?:\s+-)?)(?=\s+[\"“‘']?[A-Z(])")


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


def _furniture_start(phrase: str) -> str:
    """'Editor:' may be written 'Editor :'; a word-ending start ends at a word's end ('Print', not 'Printed')."""
    rx = re.escape(phrase).replace(r"\ ", r"\s+")
    rx = re.sub(r"(?:\\s\+)?([:>])$", r"\\s*\1", rx)
    return rx + (r"\b" if phrase[-1].isalnum() else "")


_CHROME = re.compile(
    r"^\s*(?:" + "|".join(_furniture_start(p) for p in lists()["furniture_starts"]) + r")"
    r"|©|【|\|.*\||\b\d{1,2}:\d{2}\b|\[Photo",
)
_DATED_LINK = re.compile(r"^[ \t]*(?:19|20)\d\d-\d\d-\d\d[ \t]*[A-Z]", re.M)
_LINK_DATED_AFTER = re.compile(r"\S[ \t]+\(?(?:19|20)\d\d-\d\d-\d\d\)?[ \t]*$", re.M)  # '· Pensions to rise 2025-04-16'
_UNFINISHED = re.compile(r"[.!?\"”:]$")


def _short_lines(paras: list[tuple[int, int]], text: str) -> list[bool]:
    """Short paragraphs without final punctuation, as links to other stories are (a table's 'Item: 12.6'
    lines are no links)."""
    return [
        pe - ps < 160
        and not _UNFINISHED.search(text[ps:pe])
        and not _ITEM.search(text, ps, pe)
        and not all(_ITEM_ANY.match(line) or _BOX_ITEM.match(line) for line in text[ps:pe].split("\n"))
        for ps, pe in paras
    ]


# 'Number of participants: 41.35', 'Months of payment: 13.1 months': an item of a table on a line of its own
_ITEM_HEAD = r"^[^\n]{2,80}?:[ \t]*-?\d[\d.,]*"
_ITEM = re.compile(_ITEM_HEAD + r"[ \t]*$", re.M)  # a bare number: a table, not a title nor a link
# '21 – years of uninterrupted increases', 'Over 140 million – retirees covered': a key-numbers box's item
_BOX_ITEM = re.compile(r"^[ \t]*(?:[A-Z][a-z]+(?:[ \t]+than)?[ \t]+)?\d[\d.,]*[^\n–—]{0,20}?[ \t]+[–—-][ \t]+\w")
_ITEM_ANY = re.compile(_ITEM_HEAD + r"[^\n]{0,40}$")  # 'Fund income: 2.7 billion yuan'
_ITEM_LINE = re.compile(_ITEM_HEAD + r"[^\n.:]{0,60}$\n(?=[A-Z])", re.M)  # followed by a line: a sentence's end
# '- New jobs: 3 million', '• Fund income ...', '2) ...': a bulleted line is an item of its own, and so
# is the line before it (the list's heading)
BULLET = r"[-•*·▪–●■◆○▶★]"  # the marks a bulleted line starts with
_BEFORE_BULLET = re.compile(rf"\n(?=[ \t]*(?:{BULLET}[ \t]*|(?:\d{{1,2}}[.)]|\(\d{{1,2}}\))[ \t]+)\S)")

# 'Participants | 10,000 persons | 26410 | 27163': a table's row is a sentence of its own, and so is the
# line before the table (its title or its unit)
_LINE = re.compile(r"^[^\n]+$", re.M)
_BEFORE_UNIT_LINE = re.compile(r"\n(?=[ \t]*\(?[Uu]nits?[ \t]*[:：])")  # 'Unit: 100 million yuan' on a line of its own


_GOES_ON = re.compile(r"\s*(?:[a-z]|(?:And|Or|But)\s)")  # a line that continues the one before


def line_broken(paras: list[tuple[int, int]], text: str, short: list[bool]) -> bool:
    """Whether the report itself is written in short unpunctuated lines, one phrase per line (a
    machine-translated page of bullets): several of its short lines go on from the line before
    ('they can draw the pension', 'And will publish a list'), which no list of links to other
    stories does. `short` is _short_lines of the paragraphs."""
    return sum(1 for (ps, pe), sh in zip(paras, short, strict=True) if sh and _GOES_ON.match(text, ps, pe)) >= 3


def _chrome(paras: list[tuple[int, int]], text: str, short: list[bool], broken: bool) -> set[int]:
    """Paragraphs that are the page around the report: short lines of page furniture, and runs of
    three or more short unpunctuated lines (a list of links to other stories), unless the report
    itself is written in such lines (`broken`: line_broken); `short` is _short_lines of the paragraphs."""
    out = {
        i
        for i, (ps, pe) in enumerate(paras)
        if pe - ps < 160 and _CHROME.search(text[ps:pe]) and not _figure_rows(text[ps:pe])
    }
    # a block of dated links to other stories ('2025-06-30Pension rules to change ...'), one per line
    out |= {i for i, (ps, pe) in enumerate(paras) if len(_DATED_LINK.findall(text, ps, pe)) >= 2}
    out |= {i for i, (ps, pe) in enumerate(paras) if len(_LINK_DATED_AFTER.findall(text, ps, pe)) >= 2}
    out |= {i for i, (ps, pe) in enumerate(paras) if _headed_links(text[ps:pe])}
    if broken:
        return out
    # a section's numbered heading ('I. Implementation of the budgets for 2025', '(4) Pension funds') is no link
    short = [sh and not _OUTLINE.match(text, ps, pe) for (ps, pe), sh in zip(paras, short, strict=True)]
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and short[j]:
            j += 1
        if j - i >= 3:
            out |= set(range(i, j))
        i = max(j, i + 1)
    return out


def _figure_rows(chunk: str) -> bool:
    """Whether a short paragraph holds a table's rows of figures ('Age 60 and over | 31,873 | 22.7'): a
    table, not a menu ('Home | News | World')."""
    return any(tables.figure_row(line) for line in chunk.split("\n"))


def _header_block(chunk: str) -> bool:
    """Lines of a page's head, each short and none a sentence ('Home > Data Release', the title, 'Source: ...
    Release time: ...'): a headline paragraph however long the lines make it. A machine-translated title
    runs past 160 characters ('Ministry: people insured by ... reach 1.072 billion, three funds ...')."""
    lines = chunk.split("\n")
    return len(lines) > 1 and all(len(line) < 200 and not line.rstrip().endswith((".", "!", "?")) for line in lines)


def _headed_links(chunk: str) -> bool:
    """'Related news:' on a line of its own (after short lines at most: a stray 'LINE' or a rule), then
    short lines: a list of links to other stories."""
    lines = chunk.split("\n")
    for i, head in enumerate(lines[:3]):
        if len(head) < 40 and _CHROME.search(head):
            rest = lines[i + 1 :]
            return bool(rest) and all(len(line) < 160 for line in rest)
        if len(head) >= 40:
            return False
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a first paragraph without final punctuation is the headline, and
    the page's furniture is marked as such."""
    out: list[Sentence] = []
    paras = paragraphs(text)
    short = _short_lines(paras, text)
    broken = line_broken(paras, text, short)  # a page of short lines has one headline line at most
    chrome = _chrome(paras, text, short, broken)
    body_started = False
    for pi, (ps, pe) in enumerate(paras):
        chunk = text[ps:pe]
        if pi in chrome and not body_started:
            _push(out, text, ps, pe, pi, False, furniture=True)
            continue
        is_headline = (
            not body_started
            and (not re.search(r"[.!?\"”]$", chunk) or chunk.startswith("#"))  # '# A title!' (a heading's mark)
            and not re.search(r"[.!?]\n", chunk)  # a line that ends a sentence: prose, not a title
            and not re.search(r"[a-z]{2}[.!?]\s+[A-Z]", chunk)  # 'the ministry said. Here are ...': prose
            and not _ITEM.search(chunk)  # 'Fund income: 12.6': a table, not a title
            and not _OUTLINE.match(chunk)  # 'I. Implementation of the budgets for 2025': a section's heading
            and (len(chunk) < 250 or _header_block(chunk))
            and pi < (1 if broken else 3)
        )
        if not is_headline:
            body_started = True
        if pi in chrome:
            _push(out, text, ps, pe, pi, False, furniture=True)
            continue
        start = ps
        for ls, le in _bracketed_links(text, ps, pe):  # '[See more: ...]' on a line of its own in a paragraph
            _sentences(out, text, start, ls, pi, is_headline)
            _push(out, text, ls, le, pi, False, furniture=True)
            start = le
        _sentences(out, text, start, pe, pi, is_headline)
    return out


_OUTLINE = re.compile(r"\s*(?:[IVX]{1,4}\.|\([0-9IVX]{1,4}\)|\d{1,2}\.)\s+\S")
_BRACKETED_LINK = re.compile(r"(?m)^[ \t]*\[(?:See|Read|Related|Also)\b[^\]\n]{0,200}\][ \t]*$")


def _bracketed_links(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BRACKETED_LINK.finditer(text, ps, pe)]


def _sentences(out: list[Sentence], text: str, ps: int, pe: int, pi: int, headline: bool) -> None:
    """The sentences of a stretch of a paragraph: each item line of a table ends one ('Fund income: 12.6'),
    each row of cells is one, and within the pieces between, the sentence boundaries do."""
    rows = [(m.start(), m.end()) for m in _LINE.finditer(text, ps, pe) if tables.is_row(m.group())]
    ends = sorted(
        {m.end() - 1 for m in _ITEM_LINE.finditer(text, ps, pe)}  # the newline ending each item line
        | {m.start() for m in _BEFORE_BULLET.finditer(text, ps, pe)}
        | {e for _, e in rows if e < pe}  # the newline after each row of a table
        | {s - 1 for s, _ in rows if s > ps}  # and the one before it
        | {m.start() for m in _BEFORE_UNIT_LINE.finditer(text, ps, pe)}
    )
    for piece_start, piece_end in zip([ps] + [e + 1 for e in ends], ends + [pe], strict=True):
        _split(out, text, piece_start, piece_end, pi, headline)


def _split(out: list[Sentence], text: str, ps: int, pe: int, pi: int, headline: bool) -> None:
    while ps < pe and text[ps].isspace():
        ps += 1
    start = ps
    for m in _BOUNDARY.finditer(text, ps, pe):
        end = m.end()
        if _ABBREV.search(text[start:end]):
            continue
        _push(out, text, start, end, pi, headline)
        start = end
        while start < pe and text[start].isspace():
            start += 1
    if start < pe:
        _push(out, text, start, pe, pi, headline)


def _push(
    out: list[Sentence], text: str, start: int, end: int, para: int, headline: bool, furniture: bool = False
) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], para, headline, furniture))
