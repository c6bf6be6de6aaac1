"""An article: its text and what we know about it (publication date, publisher, address).

Metadata sits beside the text as `<name>.meta.toml`, so an article can be reviewed, moved and
versioned as plain files; a missing date is inferred from the text later and marked as inferred.
The metadata file has one typed schema (`Meta`): a field of the wrong type is refused with the
file and the field named, never coerced (`authors = "ab"` is not two people "a" and "b").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

from kg import inputs
from kg.extract import curation
from kg.inputs import FileError

MAX_BYTES = 5 * 1024 * 1024  # longer than any news report by two orders of magnitude


class ArticleError(FileError):
    """An article that cannot be read; the message names the file and the reason."""


_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Meta(BaseModel):
    """`NAME.meta.toml`: every field optional, none of another type, no field unknown (a typo is an
    error, not a silently ignored key)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    published: dt.date | None = None  # a TOML date (or "YYYY-MM-DD"); without it, inferred from the text
    publisher: str = ""
    url: str = ""
    language: str = "en"  # a BCP 47 tag: the @lang of the article's title
    authors: list[Name] = []
    title: str = ""
    note: str = ""

    @field_validator("url")
    @classmethod
    def _http_iri(cls, value: str) -> str:
        if value and not _URL.fullmatch(value):  # it becomes an IRI in the graph
            raise ValueError(f"{value!r} is not an http(s) address (no spaces, quotes or <>)")
        return value

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not _LANG.fullmatch(value):
            raise ValueError(f"{value!r} is not a language tag (en, zh, zh-Hans)")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        if isinstance(value, dt.datetime):  # a TOML date-time is a date too, but which day is unclear
            raise ValueError("a date YYYY-MM-DD, not a date and time")
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a date YYYY-MM-DD") from None
        return value


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
    curation: list[curation.Entry] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.name).stem


def meta_path(text_path: Path) -> Path:
    return text_path.with_name(text_path.stem + ".meta.toml")


def read_text(path: Path) -> str:
    """Read an article's text, refusing what is not a plausible news report."""
    text = inputs.read_text(path, MAX_BYTES, "an article")
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load(path: Path, published: dt.date | None = None) -> Article:
    """Load an article and its metadata; `published` overrides the metadata's date."""
    text = read_text(path)
    meta = inputs.read_toml(meta_path(path), Meta) if meta_path(path).exists() else Meta()
    cur = curation.file_of(path)
    return Article(
        name=path.name,
        text=text,
        published=published or meta.published,
        publisher=meta.publisher,
        url=meta.url,
        language=meta.language,
        authors=list(meta.authors),
        title=meta.title,
        note=meta.note,
        curation=curation.read(cur) if cur.exists() else [],
    )


def seed_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.is_file())
