"""Where the hand-edited data lives, both in a checkout and in an installed wheel.

In a checkout the ontology and queries sit at the top of the repository; a wheel carries the same
files under kg/_data (pyproject's force-include), so the package never needs a checkout to run.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PKG.parent / name, _PKG / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {name}/ folder next to the kg package")


def ontology_dir() -> Path:
    return _data_dir("ontology")


def queries_dir() -> Path:
    return _data_dir("queries")


def ontology_files() -> list[Path]:
    """The ontology and its code lists, without the shapes (which validate, not describe)."""
    root = ontology_dir()
    files = sorted(root.glob("*.ttl")) + sorted((root / "codes").glob("*.ttl"))
    return [f for f in files if f.name != "shapes.ttl"]


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def constructions_file() -> Path:
    """The genre's constructions, with the examples that are their tests."""
    return ontology_dir() / "constructions.toml"
