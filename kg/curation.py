"""Reviewed decisions that settle what the text alone cannot.

A curation file sits beside an article (`<name>.curation.toml`); each `[[fact]]` entry names a
figure as written (and, to be unambiguous, a piece of its sentence), the fields it sets, and the
reason. Curated facts are marked as such in the table and the graph, never passed off as reported.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kg.article import Article, ArticleError, curation_path
from kg.facts import Fact

FIELDS = ("indicator", "scheme", "area", "period", "period_kind", "unit")


def apply(facts: list[Fact], article: Article) -> list[Fact]:
    """The facts with every curation entry applied; an entry that matches no figure is an error."""
    rejected: set[int] = set()
    for i, entry in enumerate(article.curation, 1):
        where = f"{curation_path(Path(article.name)).name}: entry {i}"
        figure = entry.get("figure")
        reason = entry.get("reason", "").strip()
        if not figure or not reason:
            raise ArticleError(f"{where}: needs 'figure' and 'reason'")
        hits = [k for k, f in enumerate(facts) if f.as_written == figure and entry.get("sentence", "") in f.quote]
        if not hits:
            raise ArticleError(
                f"{where}: no extracted figure {figure!r} in a sentence containing {entry.get('sentence', '')!r}"
            )
        for k in hits:
            if entry.get("reject"):
                rejected.add(k)
                continue
            f = facts[k]
            for name in FIELDS:
                if name in entry:
                    setattr(f, name, str(entry[name]))
            if "value" in entry:
                f.value = Decimal(str(entry["value"]))
            f.status = "curated"
            f.note = reason
    return [f for k, f in enumerate(facts) if k not in rejected]
