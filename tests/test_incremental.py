"""Incremental builds: an unchanged article is taken from the previous build's cache, and the
result is byte for byte the build from scratch."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path

from conftest import SEEDS

OUTPUTS = ("pension-kg.trig", "pension-kg.ttl", "facts.csv", "validation.txt", "validation.ttl", "summary.json")


def store_quads(out: Path) -> list[str]:
    """Every quad of a build's store (kg.store), in order: the store an incremental build updates in
    place holds what the store of a build from scratch holds."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "oxigraph"))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def few(folder: Path) -> Path:
    """Three of the bundled articles, the seed with its curation file among them: what an incremental
    build keeps or redoes shows on three as on eight, in less than half the time."""
    folder.mkdir()
    for stem in ("000_669ad541b4cb8db6", "a02", "a16"):
        for path in SEEDS.glob(f"{stem}.*"):
            shutil.copy(path, folder / path.name)
    return folder


def build(folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`pension-kg build` in this process (what it writes does not depend on the process: see
    test_determinism), with what it printed."""
    from kg import cli

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", str(folder), "--out", str(out), *extra])
    assert code == 0, stderr.getvalue()
    return subprocess.CompletedProcess([], code, stdout.getvalue(), stderr.getvalue())


def test_an_incremental_build_writes_the_same_bytes_as_one_from_scratch(tmp_path):
    seeds = few(tmp_path / "seeds")
    incremental, fresh = tmp_path / "incremental", tmp_path / "fresh"
    first = build(seeds, incremental)
    assert "reused" not in first.stdout and first.stderr == ""  # no progress bar when stderr is no terminal
    again = build(seeds, incremental)
    assert "reused 3 unchanged" in again.stdout
    # one article changes: it alone is extracted again
    with open(seeds / "a02.txt", "a", encoding="utf-8") as fh:
        fh.write("\nBy the end of 2019, 10 million people had joined the scheme.\n")  # before a02 came out
    changed = build(seeds, incremental)
    assert "reused 2 unchanged" in changed.stdout
    build(seeds, fresh, "--fresh")
    for name in OUTPUTS:
        assert (incremental / name).read_bytes() == (fresh / name).read_bytes(), name
    assert store_quads(incremental) == store_quads(fresh)
    # an article removed, and another added: its graph leaves the store, and the new one's comes in
    (seeds / "a16.txt").rename(tmp_path / "a16.txt")
    (seeds / "a16.meta.toml").rename(tmp_path / "a16.meta.toml")
    shutil.copy(SEEDS / "a04.txt", seeds / "b04.txt")
    shutil.copy(SEEDS / "a04.meta.toml", seeds / "b04.meta.toml")
    assert "reused 2 unchanged" in build(seeds, incremental).stdout
    build(seeds, fresh, "--fresh")
    for name in OUTPUTS:
        assert (incremental / name).read_bytes() == (fresh / name).read_bytes(), name
    assert store_quads(incremental) == store_quads(fresh)
    # a changed curation file is a changed article too
    curation = next(seeds.glob("*.curation.toml"))
    curation.write_text(curation.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
    assert "reused 2 unchanged" in build(seeds, incremental).stdout


def test_an_unreadable_cache_entry_is_computed_again(tmp_path):
    seeds = few(tmp_path / "seeds")
    out = tmp_path / "out"
    build(seeds, out)
    for entry in (out / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    r = build(seeds, out)
    assert "reused" not in r.stdout
    build(seeds, tmp_path / "fresh", "--fresh")
    assert (out / "pension-kg.trig").read_bytes() == (tmp_path / "fresh" / "pension-kg.trig").read_bytes()
    assert store_quads(out) == store_quads(tmp_path / "fresh")
