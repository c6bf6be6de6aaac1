"""The built graph on disk: where `build` writes it and how the other commands read it back."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg import rdf
from kg.errors import InputError
from kg.namespaces import bind_all
from kg.paths import _data_dir

DEFAULT_OUT = Path("build")
TRIG = "pension-kg.trig"
TURTLE = "pension-kg.ttl"


class StoreError(InputError, RuntimeError):
    """No built graph where one was expected."""


def default_seeds() -> Path:
    local = Path("seeds")
    return local if local.is_dir() else _data_dir("seeds")


def load_dataset(out: Path = DEFAULT_OUT, default_union: bool = False) -> Dataset:
    """The build's named graphs; with `default_union`, the default graph is their union, so a
    query sees all of them without GRAPH and each one with GRAPH ?g."""
    path = out / TRIG
    if not path.exists():
        raise StoreError(f"{path}: no built graph; run `pension-kg build` first")
    ds = Dataset(default_union=default_union)
    ds.parse(path, format="trig")
    bind_all(ds.namespace_manager)
    return ds


def load_graph(out: Path = DEFAULT_OUT) -> Graph:
    return rdf.union(load_dataset(out))
