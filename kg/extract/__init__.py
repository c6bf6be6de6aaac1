"""Extraction: an article's text → its facts, events and people.

The data's journey inside the package: `article` (text and metadata) → `text` (headline, dateline,
sentences, page furniture) → `numbers` and `periods` (figures and time expressions) → `lexicon`
(the ontology's names, cues and context words) → `statistics` and `events` (the constructions of
`constructions`, read into facts) → `people` (who said it) → `curation` (what a reviewer settled);
`reader` runs them over a whole article, sentence by sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.reader import Extraction, extract, infer_published

__all__ = ["Extraction", "extract", "infer_published"]


def __getattr__(name: str) -> Any:
    """The reader's names, imported on first use: a command that needs only `numbers` (to write a
    plain decimal) does not load the lexicon and rdflib with it."""
    if name in __all__:
        from kg.extract import reader

        return getattr(reader, name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
