"""An article: its text and what we know about it (publication date, publisher, address).

Metadata sits beside the text as `<name>.meta.toml`, so an article can be reviewed, moved and
versioned as plain files; a missing date is inferred from the text later and marked as inferred.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

MAX_BYTES = 5 * 1024 * 1024  # longer than any news report by two orders of magnitude


class ArticleError(InputError, ValueError):
    """An article that cannot be read; the message names the file and the reason."""


@dataclass
class Article:
    name: str  # file name, e.g. 000_669ad541b4cb8db6.txt
    text: str
    published: dt.date | None = None
    published_inferred: bool = False
    publisher: str = ""
    url: str = ""
    language: str = "en"
    authors: list[str] = field(default_factory=list)
    title: str = ""
    note: str = ""  # e.g. "paraphrase of a real report"
    curation: list[dict] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.name).stem


def meta_path(text_path: Path) -> Path:
    return text_path.with_name(text_path.stem + ".meta.toml")


def curation_path(text_path: Path) -> Path:
    return text_path.with_name(text_path.stem + ".curation.toml")


def read_text(path: Path) -> str:
    """Read an article's text, refusing what is not a plausible news report."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{path}: {len(raw):,} bytes is too large for an article (limit {MAX_BYTES:,})")
    nul = raw.find(b"\x00")
    if nul != -1:
        raise ArticleError(f"{path}: binary file (NUL byte at position {nul})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path}: not UTF-8 text (invalid byte at position {e.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ArticleError(f"{path}: {e}") from None


def load(path: Path, published: dt.date | None = None) -> Article:
    """Load an article and its metadata; `published` overrides the metadata's date."""
    text = read_text(path)
    meta = _read_toml(meta_path(path)) if meta_path(path).exists() else {}
    date = published or meta.get("published")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise ArticleError(f"{meta_path(path)}: published {date!r} is not YYYY-MM-DD") from None
    curation = _read_toml(curation_path(path)).get("fact", []) if curation_path(path).exists() else []
    return Article(
        name=path.name,
        text=text,
        published=date,
        publisher=meta.get("publisher", ""),
        url=meta.get("url", ""),
        language=meta.get("language", "en"),
        authors=list(meta.get("authors", [])),
        title=meta.get("title", ""),
        note=meta.get("note", ""),
        curation=curation,
    )


def seed_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.is_file())
