"""Many articles → one graph: extraction per document, isolation of bad input, derivation.

A document that cannot be read or dated is reported by name and reason and left out; the others
still build, so one broken file never costs the whole graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import article as A
from kg import derive, rdf
from kg.extract import Extraction, extract
from kg.facts import Fact
from kg.inputs import FileError
from kg.lexicon import Lexicon, load


@dataclass
class Corpus:
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    derived: list[Fact] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        return [f for ex in self.extractions for f in ex.facts]


def read(paths: list[Path], published: dt.date | None = None, lex: Lexicon | None = None) -> Corpus:
    lex = lex or load()
    corpus = Corpus()
    for path in paths:
        try:
            corpus.extractions.append(extract(A.load(path, published), lex))
        except FileError as e:  # the article, its metadata or its curation file
            corpus.errors.append(str(e))
    corpus.derived = derive.derive(corpus.facts)
    return corpus


def dataset(corpus: Corpus, lex: Lexicon | None = None, with_ontology: bool = True) -> Dataset:
    return rdf.build_dataset(corpus.extractions, corpus.derived, lex or load(), with_ontology)
