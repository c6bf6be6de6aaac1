"""Where the hand-edited data lives, both in a checkout and in an installed wheel.

In a checkout the ontology, queries and seeds sit at the top of the repository, beside its
pyproject.toml; a wheel carries the same files under kg/_data (pyproject's force-include). They are
found from the package's own location and nowhere else: in an installed package the folder beside
kg/ is site-packages, where a `queries` or `seeds` folder belongs to whatever else is installed.
"""

from __future__ import annotations

import functools
from pathlib import Path

_PKG = Path(__file__).resolve().parent
PROJECT = "pension-kg"
# The folder `build` reads and `add` writes when given none, relative to where the command runs.
LOCAL_SEEDS = Path("seeds")


def is_checkout(folder: Path) -> bool:
    """Whether `folder` is this project's repository (its pyproject.toml names the project)."""
    import tomllib  # here, not above: every command imports this module, few read a pyproject

    try:
        data = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    project = data.get("project")
    return isinstance(project, dict) and project.get("name") == PROJECT


@functools.cache
def data_root(package: Path = _PKG) -> Path:
    """The folder holding ontology/, queries/ and seeds/ for the kg package at `package`."""
    if is_checkout(package.parent):
        return package.parent
    bundled = package / "_data"
    if bundled.is_dir():
        return bundled
    raise FileNotFoundError(
        f"{package}: neither a checkout of {PROJECT} nor an installed package with its data (kg/_data)"
    )


def _data_dir(name: str) -> Path:
    folder = data_root() / name
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: the package's {name}/ folder is missing")
    return folder


def ontology_dir() -> Path:
    return _data_dir("ontology")


def queries_dir() -> Path:
    return _data_dir("queries")


def bundled_seeds() -> Path:
    """The articles that come with the package (seeds/ of the checkout, or of the wheel)."""
    return _data_dir("seeds")


def ontology_files() -> list[Path]:
    """The ontology and its code lists, without the shapes (which validate, not describe)."""
    root = ontology_dir()
    files = sorted(root.glob("*.ttl")) + sorted((root / "codes").glob("*.ttl"))
    return [f for f in files if f.name != "shapes.ttl"]


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def grammar_file() -> Path:
    """The genre's word lists (the words the extraction's patterns are built from)."""
    return ontology_dir() / "grammar.toml"


def constructions_file() -> Path:
    """The genre's constructions, with the examples that are their tests."""
    return ontology_dir() / "constructions.toml"
