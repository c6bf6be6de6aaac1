"""Where the package finds its data and where `add` writes: in a checkout and installed from a wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SEEDS

from kg import paths
from kg.cli import main
from kg.extract.article import seed_files

GENRE = DATA / "genre" / "pension_rise.txt"


def _package(site: Path) -> Path:
    """A kg package as a wheel installs it, with its data, beside other packages' folders."""
    kg = site / "kg"
    for name in ("ontology", "queries", "seeds"):
        (kg / "_data" / name).mkdir(parents=True)
        (site / name).mkdir()  # someone else's `queries` package, `seeds` folder, ...
    (site / "queries" / "__init__.py").write_text("", encoding="utf-8")
    (site / "queries" / "theirs.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    return kg


def test_installed_package_reads_its_own_data_not_its_neighbours(tmp_path):
    kg = _package(tmp_path / "site-packages")
    assert paths.data_root(kg) == kg / "_data"


def test_checkout_is_told_by_its_pyproject(tmp_path):
    repo = tmp_path / "repo"
    (repo / "kg").mkdir(parents=True)
    (repo / "pyproject.toml").write_text('[project]\nname = "pension-kg"\n', encoding="utf-8")
    assert paths.data_root(repo / "kg") == repo
    assert paths.data_root(ROOT / "kg") == ROOT
    other = tmp_path / "other"
    (other / "kg").mkdir(parents=True)
    (other / "pyproject.toml").write_text('[project]\nname = "queries"\n', encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="neither a checkout"):
        paths.data_root(other / "kg")


def _add(src: Path, *extra: str) -> list[str]:
    return ["add", str(src), "--published", "2024-07-10", "--publisher", "Xinhua News Agency", *extra]


def test_a_first_add_starts_seeds_with_the_bundled_articles(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "mine.txt"
    shutil.copyfile(GENRE, src)
    assert main(_add(src)) == 0
    out = capsys.readouterr()
    bundled = [p.name for p in seed_files(SEEDS)]
    assert json.loads(out.out) == {"added": "seeds/mine.txt", "copied": [f"seeds/{n}" for n in bundled]}
    assert f"copied the {len(bundled)} bundled articles" in out.err and out.err.count("\n") == 1
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == sorted(
        [p.name for p in SEEDS.iterdir()] + ["mine.txt", "mine.meta.toml"]
    )
    for p in SEEDS.iterdir():  # byte for byte, curation files included
        assert (tmp_path / "seeds" / p.name).read_bytes() == p.read_bytes()
    # the second add finds seeds/ and adds to it alone
    second = tmp_path / "more.txt"
    shutil.copyfile(DATA / "genre" / "half_year.txt", second)
    assert main(_add(second)) == 0
    assert json.loads(capsys.readouterr().out) == {"added": "seeds/more.txt", "copied": []}


def test_add_to_a_folder_of_ones_own_copies_nothing(tmp_path, capsys):
    src = tmp_path / "mine.txt"
    shutil.copyfile(GENRE, src)
    assert main(_add(src, "--seeds", str(tmp_path / "mine"))) == 0
    assert json.loads(capsys.readouterr().out)["copied"] == []
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["mine.meta.toml", "mine.txt"]


def test_an_article_named_like_a_bundled_one_is_refused_before_anything_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "a09.txt"
    shutil.copyfile(GENRE, src)
    assert main(_add(src)) == 2
    assert "a bundled article has the name a09.txt" in capsys.readouterr().err
    assert not (tmp_path / "seeds").exists()


def _wheel(tmp_path: Path) -> Path:
    """The project's wheel, built by pip as a user builds it (hatchling from the package index)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if done.returncode and "hatchling" in done.stderr and "No matching distribution" in done.stderr:
        pytest.skip("no package index to fetch hatchling, the build backend, from")
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("pension_kg-*.whl")
    return wheel


def test_installed_from_a_wheel_add_then_build_builds_every_article(tmp_path):
    """The wheel installed into its own folder, beside another `queries` package, run from a
    folder with no seeds/: the named queries are the package's, and `add` then `build` builds
    the bundled articles and the new one."""
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site)]
        + [str(_wheel(tmp_path))],
        check=True,
        capture_output=True,
    )
    (site / "queries").mkdir()  # another distribution's package of the same name
    (site / "queries" / "__init__.py").write_text("", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(GENRE, work / "mine.txt")
    env = dict(os.environ, PYTHONPATH=str(site))

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kg.cli", *args], cwd=work, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [sys.executable, "-c", "import kg; print(kg.__file__)"], cwd=work, env=env, text=True, capture_output=True
    )
    assert where.stdout.startswith(str(site)), where.stdout  # the wheel's package, not the checkout
    listed = cli("query", "--list")
    assert listed.returncode == 0 and "participants_2022" in listed.stdout
    added = cli(*_add(Path("mine.txt")))
    assert added.returncode == 0, added.stderr
    assert "copied the 8 bundled articles" in added.stderr
    built = cli("build")
    assert built.returncode == 0 and built.stdout.startswith("documents 9,"), built.stdout + built.stderr
    facts = cli("facts")
    assert facts.stdout == (work / "build" / "facts.csv").read_text(encoding="utf-8")
    assert "\nmine.txt," in facts.stdout
