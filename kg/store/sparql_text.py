"""What a SPARQL text says before anything evaluates it: its form, its dataset clauses, whether it
calls SERVICE or is an update, and the regular expressions it spells out.

Oxigraph parses and evaluates in one call, and would fetch the web on a query's behalf (SERVICE
sends a request to the named endpoint), so the endpoint and `pension-kg query` must refuse such a
query from its text first. A scanner suffices for that and is exact where it matters: it skips
comments, strings and IRIs, so a keyword inside a string or a comment refuses nothing, and it
reads keywords as SPARQL does (case-insensitive, never a part of a variable or a prefixed name).
Whether the text is valid SPARQL is Oxigraph's to say, when it parses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.prefixes import PREFIX_IRIS

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# Every character from U+00C0 up may stand in a name (SPARQL allows nearly all of them), written
# [^\x00-\xBF]: a class holding the range \u00C0-\uFFFF itself made Python's compiler fill a map of
# 65,536 entries per class, 8 ms at each start of a process that checks a query.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$](?:[\w\u00B7]|[^\x00-\xBF])+)
  | (?P<name>(?:(?:[A-Za-z]|[^\x00-\xBF])(?:[\w.\-\u00B7]|[^\x00-\xBF])*)?:
             (?:(?:[\w\-.:%\\\u00B7]|[^\x00-\xBF])*(?:[\w\-:%\u00B7]|[^\x00-\xBF]))?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string | iri | var | name (a prefixed name) | word (a keyword or function) | other
    text: str
    pos: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of `text`: no spaces, no comments."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("space", "comment"):
            out.append(Token(kind, m.group(), m.start()))
    return out


@dataclass(frozen=True)
class Outline:
    """What the scanner read: the prologue's prefixes, the form (or the update operations)."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE; "" for an update or an unreadable text
    updates: tuple[str, ...]  # the update operations, when the text is an update
    loads: tuple[str, ...]  # the IRIs a LOAD would fetch
    services: tuple[str, ...]  # the targets of SERVICE (an IRI, a ?variable, or "")
    from_default: tuple[str, ...]  # FROM <iri>
    from_named: tuple[str, ...]  # FROM NAMED <iri>
    patterns: tuple[str, ...]  # the string patterns REGEX and REPLACE are given


def outline(text: str) -> Outline:
    toks = tokens(text)
    prefixes = dict(PREFIX_IRIS)
    i = 0
    while i < len(toks) and toks[i].keyword in ("PREFIX", "BASE"):  # the prologue
        if toks[i].keyword == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
            i += 3
        else:
            i += 2
    first = toks[i].keyword if i < len(toks) else ""
    form = first if first in FORMS else ""
    updates = tuple(t.keyword for t in toks if t.keyword in UPDATES) if first in UPDATES else ()

    def iri(k: int) -> str:
        if k >= len(toks):
            return ""
        t = toks[k]
        if t.kind == "iri":
            return t.text[1:-1]
        if t.kind == "name" and ":" in t.text:
            prefix, local = t.text.split(":", 1)
            return prefixes[prefix] + local if prefix in prefixes else t.text
        return t.text if t.kind == "var" else ""

    loads, services, from_default, from_named, patterns = [], [], [], [], []
    for k, t in enumerate(toks):
        kw = t.keyword
        if kw == "LOAD":
            loads.append(iri(k + 2 if k + 1 < len(toks) and toks[k + 1].keyword == "SILENT" else k + 1))
        elif kw == "SERVICE":
            services.append(iri(k + 2 if k + 1 < len(toks) and toks[k + 1].keyword == "SILENT" else k + 1))
        elif kw == "FROM" and form:
            if k + 1 < len(toks) and toks[k + 1].keyword == "NAMED":
                from_named.append(iri(k + 2))
            else:
                from_default.append(iri(k + 1))
        elif kw in ("REGEX", "REPLACE") and k + 1 < len(toks) and toks[k + 1].text == "(":
            pattern = _second_argument(toks, k + 1)
            if pattern is not None:
                patterns.append(pattern)
    return Outline(
        form, updates, tuple(loads), tuple(services), tuple(from_default), tuple(from_named), tuple(patterns)
    )


def _second_argument(toks: list[Token], open_paren: int) -> str | None:
    """The value of a call's second argument when it is a plain string literal, else None."""
    depth, commas = 0, 0
    for k in range(open_paren, len(toks)):
        t = toks[k].text
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
            if depth == 0:
                return None
        elif t == "," and depth == 1:
            commas += 1
            if commas == 1 and k + 2 < len(toks) and toks[k + 1].kind == "string" and toks[k + 2].text in (",", ")"):
                return _unquote(toks[k + 1].text)
    return None


_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unquote(literal: str) -> str:
    quote = 3 if literal[:3] in ("'''", '"""') else 1
    body = literal[quote:-quote]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def bad_pattern(pattern: str) -> str | None:
    """Why a REGEX pattern cannot be compiled (Python's reading of XPath's syntax), or None.

    Oxigraph treats a pattern it cannot compile as an evaluation error, which silently filters every
    solution out; a user who typed a bad pattern deserves to be told instead."""
    try:
        re.compile(pattern)
    except re.error as e:
        return f"bad regular expression {e.pattern!r}: {e.msg} at position {e.pos}"
    return None
