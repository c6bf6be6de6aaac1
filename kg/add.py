"""`add`: bring a new article into seeds/ with its metadata, after checking that it extracts.

Both files are written by the safe writer within seeds/, and the text written is the text that
was checked (not a second read of the source), so nothing can change or redirect it in between.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tomli_w

from kg import atomic
from kg.article import Article, ArticleError, meta_path, read_text
from kg.extract import extract


def add(
    src: Path, seeds: Path, published: dt.date, publisher: str = "", url: str = "", title: str = "", note: str = ""
) -> Path:
    text = read_text(src)
    result = extract(Article(name=src.name, text=text, published=published, publisher=publisher, url=url))
    if not result.facts:
        raise ArticleError(f"{src}: no fact could be extracted; is it a report of the genre?")
    target = seeds / src.name
    in_place = target.exists() and target.resolve() == src.resolve() and not target.is_symlink()
    if (target.exists() or target.is_symlink()) and not in_place:
        raise ArticleError(f"{target}: already in {seeds}; remove it first or rename the new article")
    meta = {"published": published, "language": "en"}
    for key, value in (("publisher", publisher), ("url", url), ("title", title), ("note", note)):
        if value:
            meta[key] = value
    seeds.mkdir(parents=True, exist_ok=True)
    for path in (target, meta_path(target)):  # refuse before writing either, so no half of an article is added
        atomic.check(path, seeds)
    if not in_place:
        atomic.write_text(target, text, seeds)
    atomic.write_text(meta_path(target), tomli_w.dumps(meta), seeds)
    return target
