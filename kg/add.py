"""`add`: bring a new article into seeds/ with its metadata, after checking that it extracts.

Both files are written by the safe writer within seeds/, and the text written is the text that
was checked (not a second read of the source), so nothing can change or redirect it in between.

`build` reads ./seeds/ when there is one and the bundled articles otherwise, so a first `add`
that made ./seeds/ with one article in it would silently shrink the next build to that article.
When the folder is new and is the one `build` reads by default, `add` therefore starts it with a
copy of the bundled articles, and says so: the build the user expects is theirs plus the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from kg import atomic
from kg.extract import extract
from kg.extract.article import Article, ArticleError, meta_path, read_text, seed_files


@dataclass
class Added:
    """What `add` wrote: the article, and the bundled articles it first copied into a new folder."""

    target: Path
    copied: list[Path] = field(default_factory=list)


def add(
    src: Path,
    seeds: Path,
    published: dt.date,
    publisher: str = "",
    url: str = "",
    title: str = "",
    note: str = "",
    bundled: Path | None = None,
) -> Added:
    """Check that `src` extracts and write it with its metadata into `seeds`; a `seeds` that does
    not exist yet is first given a copy of the articles of `bundled` (text, metadata, curation)."""
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
    start = _bundled_files(bundled) if bundled is not None and not seeds.exists() else []
    if any(p.name in (target.name, meta_path(target).name) for p in start):
        raise ArticleError(f"{src}: a bundled article has the name {src.name}; rename the new article")
    seeds.mkdir(parents=True, exist_ok=True)
    for path in (target, meta_path(target)):  # refuse before writing either, so no half of an article is added
        atomic.check(path, seeds)
    copied = []
    for path in start:
        atomic.write_bytes(seeds / path.name, path.read_bytes(), seeds)
        copied.append(seeds / path.name)
    if not in_place:
        atomic.write_text(target, text, seeds)
    atomic.write_text(meta_path(target), tomli_w.dumps(meta), seeds)
    return Added(target, copied)


def _bundled_files(folder: Path) -> list[Path]:
    """Every file of the bundled articles: each text with its metadata and curation file."""
    return sorted({p for text in seed_files(folder) for p in folder.glob(f"{text.stem}.*") if p.is_file()})
