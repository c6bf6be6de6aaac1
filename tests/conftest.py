"""Shared fixtures: the seed, the development corpus beside the repository, a built graph."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_669ad541b4cb8db6.txt"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_dates() -> dict[str, dt.date]:
    with open(CORPUS / "published.csv", encoding="utf-8") as fh:
        return {r["id"]: dt.date.fromisoformat(r["published"]) for r in csv.DictReader(fh)}


@pytest.fixture(scope="session")
def seed_corpus():
    from kg import pipeline

    return pipeline.read([SEED])


@pytest.fixture(scope="session")
def seed_dataset(seed_corpus):
    from kg import pipeline

    return pipeline.dataset(seed_corpus)


@pytest.fixture(scope="session")
def seed_graph(seed_dataset):
    from kg import rdf

    return rdf.union(seed_dataset)


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """A folder holding the seed alone, with its metadata and curation file."""
    folder = tmp_path_factory.mktemp("seed")
    for path in SEEDS.glob(f"{SEED.stem}.*"):
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory, seed_dir) -> Path:
    """The seed built once by the real command into a temporary folder."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("build")
    assert main(["build", str(seed_dir), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def all_corpus():
    """Every article of seeds/: the seed and the development corpus."""
    from kg import pipeline
    from kg.extract import article

    return pipeline.read(article.seed_files(SEEDS))


@pytest.fixture(scope="session")
def all_graph(all_corpus):
    from kg import pipeline, rdf

    return rdf.union(pipeline.dataset(all_corpus))
