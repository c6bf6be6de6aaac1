"""`add`: bring a new article into seeds/ with its metadata, after checking that it extracts."""

from __future__ import annotations

import datetime as dt
import shutil
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
    if target.exists() and target.resolve() != src.resolve():
        raise ArticleError(f"{target}: already in {seeds}; remove it first or rename the new article")
    meta = {"published": published, "language": "en"}
    for key, value in (("publisher", publisher), ("url", url), ("title", title), ("note", note)):
        if value:
            meta[key] = value
    seeds.mkdir(parents=True, exist_ok=True)
    atomic.write_text(meta_path(target), tomli_w.dumps(meta))
    if target.resolve() != src.resolve():
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(target)
    return target
