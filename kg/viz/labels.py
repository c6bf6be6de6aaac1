"""Labels a reader can tell apart: no two nodes of the overview named alike, in full or cut short.

Two things make a picture show the same name twice. Different things can share a name (the
social security card is a scheme in the code list and a public service in the agents' file; a
series of an indicator with no scheme is named like its indicator): those names get their class,
then what else tells them apart. And a name cut to fit the canvas can lose its distinguishing end
("start of a scheme or reform: ente…" for two different reforms): such cuts keep the end instead.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

LIMIT = 36  # columns of a label on the canvas (a CJK character takes two), in either language
_OPEN = {"en": " (", "zh": "（"}
_CLOSE = {"en": ")", "zh": "）"}


def _groups(texts: list[str], members: list[int]) -> list[list[int]]:
    by: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by[texts[i]].append(i)
    return [ids for ids in by.values() if len(ids) > 1]


def distinct(nodes: list[dict], lang: str, qualifiers: list[Callable[[dict], str]]) -> None:
    """Make ``node[lang]`` unique among ``nodes`` by appending, to those that share a name, the first
    qualifier (class, unit, identifier, ...) that tells them apart."""
    texts = [n[lang] for n in nodes]
    pending = _groups(texts, list(range(len(nodes))))
    for qualify in qualifiers:
        if not pending:
            break
        left = []
        for ids in pending:
            base = texts[ids[0]]
            for i in ids:
                extra = qualify(nodes[i])
                texts[i] = f"{base}{_OPEN[lang]}{extra}{_CLOSE[lang]}" if extra else base
            left += _groups(texts, ids)
            for group in _groups(texts, ids):  # not told apart by this qualifier: try the next
                for i in group:
                    texts[i] = base
        pending = left
    for n, text in zip(nodes, texts, strict=True):
        n[lang] = text


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(text: str) -> int:
    """Columns on the canvas: a CJK character is about twice as wide as a Latin letter or a digit."""
    return len(text) if text.isascii() else sum(_char_width(ch) for ch in text)


def _head(text: str, width: int) -> str:
    used = 0
    for k, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            return text[:k].rstrip()
    return text


def _cut(text: str, limit: int, tail: str = "") -> str:
    """``text`` in at most ``limit`` columns: its head, "…", and ``tail`` (an end of it) if given."""
    if _width(text) <= limit:
        return text
    return _head(text, limit - 1 - _width(tail)) + "…" + tail


def _tails(text: str, limit: int) -> list[str]:
    """Ends of ``text`` that leave room for a head, shortest first: whole words where there are
    spaces (", 2022-01" rather than "-01"), then characters (Chinese has no spaces)."""
    room, used = limit - 8, 0
    words, chars = [], []
    for k in range(len(text) - 1, 0, -1):
        used += _char_width(text[k])
        if used > room:
            break
        if len(text) - k >= 2:
            chars.append(text[k:])
        if text[k - 1] == " " or not text[k - 1].isascii():
            words.append(text[k:].lstrip())
    return [t for t in dict.fromkeys(words + chars) if t] or [""]


def short(texts: list[str], limit: int) -> list[str]:
    """Each text cut to ``limit`` columns; where two different texts would be cut alike, each keeps
    as much of its end as tells them apart (or stays whole when no end does)."""
    out = [_cut(t, limit) for t in texts]
    for ids in _groups(out, list(range(len(texts)))):
        if len({texts[i] for i in ids}) < 2:
            continue  # the same name twice: `distinct` is where that is resolved
        taken = set(out) - {out[i] for i in ids}
        tails = [_tails(texts[i], limit) for i in ids]
        cand = [texts[i] for i in ids]
        for k in range(max(len(t) for t in tails)):
            trial = [_cut(texts[i], limit, t[min(k, len(t) - 1)]) for i, t in zip(ids, tails, strict=True)]
            if len(set(trial)) == len(ids) and not taken & set(trial):
                cand = trial
                break
        for i, c in zip(ids, cand, strict=True):
            out[i] = c
    return out
