"""Bad input per document: reported by name and reason; the rest still builds; nothing is damaged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED

from kg.cli import main


@pytest.fixture()
def folder(tmp_path: Path, seed_dir: Path) -> Path:
    d = tmp_path / "seeds"
    shutil.copytree(seed_dir, d)
    return d


def _snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir()) if p.is_file()}


BAD = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    "empty.txt": (b"", "empty file"),
    "huge.txt": (b"In 2022 the fund grew. " * 900_000, "too large"),
    "undated.txt": (b"The number of participants reached 10 million by the end of 2022.", "no publication date"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_document_is_skipped_with_name_and_reason(folder, tmp_path, capsys, name):
    data, reason = BAD[name]
    (folder / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    (line,) = [x for x in captured.err.splitlines() if name in x]
    assert reason in line and "Traceback" not in captured.err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == 1 and summary["conforms"] and len(summary["skipped"]) == 1


def test_a_failed_build_leaves_inputs_and_previous_outputs_intact(folder, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out)]) == 0
    before_out, before_in = _snapshot(out), _snapshot(folder)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kg.validate.validate", boom)
    with pytest.raises(RuntimeError):
        main(["build", str(folder), "--out", str(out), "--fresh"])  # the cache would spare validating
    assert _snapshot(out) == before_out and _snapshot(folder) == before_in


def test_add_copies_article_and_metadata(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    src = tmp_path / "new.txt"
    src.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert (
        main(
            [
                "add",
                str(src),
                "--published",
                "2023-01-22",
                "--publisher",
                "Xinhua News Agency",
                "--url",
                "https://example.org/a",
                "--seeds",
                str(seeds),
            ]
        )
        == 0
    )
    assert (seeds / "new.txt").read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    meta = (seeds / "new.meta.toml").read_text(encoding="utf-8")
    assert "published = 2023-01-22" in meta and 'publisher = "Xinhua News Agency"' in meta


def test_add_refuses_what_does_not_extract_and_writes_nothing(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    src = tmp_path / "recipe.txt"
    src.write_text("Boil the noodles. Serve hot.", encoding="utf-8")
    assert main(["add", str(src), "--published", "2023-01-22", "--seeds", str(seeds)]) == 2
    assert "no fact could be extracted" in capsys.readouterr().err
    assert not seeds.exists() or not any(seeds.iterdir())


def test_extract_without_date_or_flag_says_so(tmp_path, capsys):
    src = tmp_path / "undated.txt"
    src.write_bytes(BAD["undated.txt"][0])
    assert main(["extract", str(src)]) == 2
    assert "undated.txt: no publication date" in capsys.readouterr().err
    assert main(["extract", str(src), "--published", "2023-01-22"]) == 0


def test_articles_extracted_in_forked_processes_are_those_extracted_in_place(folder, monkeypatch):
    """A corpus large enough for the pool gives the extractions, in order, and the skipped articles,
    by name and reason, that one process gives."""
    from kg import pipeline
    from kg.extract import article

    originals = sorted(folder.glob("*.txt"))
    for i in range(8):  # enough copies for a pool of two
        for src in originals:
            shutil.copy(src, folder / f"copy{i}_{src.name}")
            if article.meta_path(src).exists():
                shutil.copy(article.meta_path(src), article.meta_path(folder / f"copy{i}_{src.name}"))
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(pipeline, "_IN_PLACE", 4)
    paths = article.seed_files(folder)
    assert len(paths) >= 8
    forked, in_place = pipeline.read(paths, workers=2), pipeline.read(paths, workers=1)
    assert [ex.article.name for ex in forked.extractions] == [ex.article.name for ex in in_place.extractions]
    assert [ex.facts for ex in forked.extractions] == [ex.facts for ex in in_place.extractions]
    assert forked.errors == in_place.errors and any("empty.txt" in e for e in forked.errors)
