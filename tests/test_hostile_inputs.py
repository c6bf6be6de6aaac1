"""Hostile input, class by class (issue 12), through the real command line.

Each bad input must be refused with a non-zero exit and exactly one line on stderr naming the file
(or, for a query given with -e, the offending part), never a traceback, and must leave an existing
previous build byte-identical. The CLI runs in a subprocess, under a memory limit where the point
is that a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import json
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED

STEM = SEED.stem
MEMORY_LIMIT = 2 * 1024**3  # address space: far below what /dev/zero or a billion laughs would take


@pytest.fixture()
def previous(tmp_path: Path, built: Path) -> Path:
    """A previous build that every refused command must leave exactly as it was."""
    out = tmp_path / "build"
    shutil.copytree(built, out)
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: str | Path, cwd: Path | None = None, limit_memory: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        preexec_fn=_limit_memory if limit_memory else None,
    )


def assert_refused(r: subprocess.CompletedProcess, names: str, previous: Path, before: dict[str, bytes]) -> str:
    """The contract of issue 12; returns the one line for further checks."""
    assert r.returncode != 0, r.stdout[-500:]
    assert "Traceback" not in r.stderr + r.stdout, r.stderr[-2000:]
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert names in lines[0], lines[0]
    assert _snapshot(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir() if p.name.startswith(f".{previous.name}.")) == []
    return lines[0]


def _seed_folder(tmp_path: Path, **replace: bytes) -> Path:
    """A folder holding the seed article, its metadata and curation file, with files replaced."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SEED.parent.glob(f"{STEM}.*"):
        shutil.copyfile(path, folder / path.name)
    for suffix, data in replace.items():
        (folder / f"{STEM}.{suffix.replace('_', '.')}").write_bytes(data)
    return folder


def _curation_with(field: str, value: str) -> bytes:
    """The seed's curation file with one field of its first entry set to a raw TOML value."""
    text = (SEED.parent / f"{STEM}.curation.toml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("[[fact]]\n")
    lines = [line for line in rest.split("\n[[fact]]")[0].splitlines() if not line.startswith(f"{field} =")]
    return (head + sep + "\n".join([f"{field} = {value}", *lines]) + "\n").encode()


# 1. A build in which nothing is valid fails without replacing the previous build.
NOTHING_VALID = {
    "one binary file": ({"only.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}, "only.txt: binary file"),
    "malformed meta file": ({"meta_toml": b"published = \n"}, f"{STEM}.meta.toml: Invalid value"),
    "malformed curation file": ({"curation_toml": b"[[fact]\n"}, f"{STEM}.curation.toml:"),
    "empty folder": ({}, "no article (*.txt) to build"),
}


@pytest.mark.parametrize("case", sorted(NOTHING_VALID))
def test_a_build_with_nothing_valid_keeps_the_previous_build(tmp_path, previous, case):
    files, names = NOTHING_VALID[case]
    if "only.txt" in files or not files:
        folder = tmp_path / "articles"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
    else:
        folder = _seed_folder(tmp_path, **files)
    before = _snapshot(previous)
    assert_refused(cli("build", folder, "--out", previous), names, previous, before)


def test_a_good_build_replaces_the_previous_one_as_a_whole(tmp_path, previous):
    (previous / "stale.txt").write_text("from an older build")
    r = cli("build", _seed_folder(tmp_path), "--out", previous)
    assert r.returncode == 0, r.stderr
    assert not (previous / "stale.txt").exists() and (previous / "summary.json").is_file()
    assert [p.name for p in previous.parent.iterdir() if p.name.startswith(".")] == []


def test_a_folder_that_is_not_a_build_is_never_replaced(tmp_path):
    home = tmp_path / "work"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    before = _snapshot(home)
    assert_refused(cli("build", _seed_folder(tmp_path), "--out", home), "not a build folder", home, before)


# 2. Wrongly typed metadata: one line "FILE: field: problem".
BAD_META = {
    "published = 12": (b"published = 12\n", "published: Input should be a valid date (got 12)"),
    "language = 5": (b"published = 2023-01-22\nlanguage = 5\n", "language: Input should be a valid string"),
    'authors = "ab"': (b'published = 2023-01-22\nauthors = "ab"\n', "authors: Input should be a valid list"),
    "not UTF-8": (b'published = 2023-01-22\ntitle = "\xff\xfe"\n', "not UTF-8 text (invalid byte at position 32)"),
    "unknown field": (b"published = 2023-01-22\npublised = 2023-01-22\n", "publised: Extra inputs are not permitted"),
}


@pytest.mark.parametrize("case", sorted(BAD_META))
def test_wrongly_typed_metadata_is_one_line_naming_file_and_field(tmp_path, previous, case):
    data, problem = BAD_META[case]
    folder = _seed_folder(tmp_path, meta_toml=data)
    before = _snapshot(previous)
    line = assert_refused(cli("build", folder, "--out", previous), f"{STEM}.meta.toml: ", previous, before)
    assert problem in line
    r = cli("extract", folder / SEED.name)
    assert r.returncode == 2 and r.stdout == "" and problem in r.stderr and "Traceback" not in r.stderr


# 3. Curation values are checked, codes against the ontology's code lists.
BAD_CURATION = {
    'value = "abc"': (_curation_with("value", '"abc"'), "fact[1].value: Input should be a valid decimal"),
    'fact = "x"': (b'fact = "x"\n', "fact: Input should be a valid list"),
    "bad period": (_curation_with("period", '"2022-13-45"'), "fact[1].period: '2022-13-45' is not a period"),
    "unknown scheme": (_curation_with("scheme", '"unemployment"'), "did you mean 'unemployment_insurance'?"),
    "unknown indicator": (_curation_with("indicator", '"insured"'), "not in the code list code:indicator"),
    "unknown unit": (_curation_with("unit", '"EUR"'), "fact[1].unit: 'EUR' is not in the code list code:unit"),
}


@pytest.mark.parametrize("case", sorted(BAD_CURATION))
def test_bad_curation_values_are_one_line_naming_file_and_entry(tmp_path, previous, case):
    data, problem = BAD_CURATION[case]
    folder = _seed_folder(tmp_path, curation_toml=data)
    before = _snapshot(previous)
    line = assert_refused(cli("build", folder, "--out", previous), f"{STEM}.curation.toml: ", previous, before)
    assert problem in line


def test_the_seed_curation_file_passes_its_schema():
    from kg.extract import curation

    entries = curation.read(SEED.parent / f"{STEM}.curation.toml")
    assert [e.scheme for e in entries] == ["unemployment_insurance", "work_injury_insurance"]


# 4. Every input is read with a size bound before it is parsed.
def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)  # takes no disk space; reading it whole would take `size` bytes of memory
    return path


def _bounded_case(case: str, tmp_path: Path, previous: Path) -> tuple[list[str | Path], str]:
    if case == "extract /dev/zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        return ["extract", "/dev/zero"], "/dev/zero: more than 5,242,880 bytes is too large for an article"
    if case == "a 4 GB article":
        folder = tmp_path / "articles"
        folder.mkdir()
        _sparse(folder / "huge.txt", 4 * 1024**3)
        return ["build", folder, "--out", previous], "huge.txt: more than 5,242,880 bytes"
    if case == "a 4 GB metadata file":
        folder = _seed_folder(tmp_path)
        _sparse(folder / f"{STEM}.meta.toml", 4 * 1024**3)
        return ["build", folder, "--out", previous], f"{STEM}.meta.toml: more than 1,048,576 bytes"
    if case == "a 4 GB query file":
        return ["query", _sparse(tmp_path / "q.rq", 4 * 1024**3), "--build", previous], "q.rq: more than"
    assert case == "a 4 GB RDF file"
    return ["validate", _sparse(tmp_path / "g.ttl", 4 * 1024**3)], "g.ttl: more than 67,108,864 bytes"


@pytest.mark.parametrize(
    "case", ["extract /dev/zero", "a 4 GB article", "a 4 GB metadata file", "a 4 GB query file", "a 4 GB RDF file"]
)
def test_inputs_are_read_with_a_size_bound(tmp_path, previous, case):
    args, names = _bounded_case(case, tmp_path, previous)
    before = _snapshot(previous)
    start = time.monotonic()
    assert_refused(cli(*args, limit_memory=True), names, previous, before)
    assert time.monotonic() - start < 30


# 5. Queries: GRAPH answers; an error the query causes at run time is one line.
BAD_QUERIES = {
    "regex in FILTER": ('SELECT ?s WHERE { ?s rdfs:label ?l FILTER regex(?l, "(") }', "'(': missing )"),
    "regex in ASK": ('ASK { ?s rdfs:label ?l FILTER regex(?l, "a{2,1}") }', "'a{2,1}': min repeat greater"),
    "replace in a .rq file": ('SELECT (REPLACE(?l, "[", "") AS ?r) WHERE { ?s rdfs:label ?l }', "bad.rq: SPARQL"),
}


@pytest.mark.parametrize("case", sorted(BAD_QUERIES))
def test_a_bad_regular_expression_is_one_line(tmp_path, previous, case):
    text, names = BAD_QUERIES[case]
    before = _snapshot(previous)
    if case.endswith(".rq file"):
        (tmp_path / "bad.rq").write_text(text, encoding="utf-8")
        args: list[str | Path] = ["query", tmp_path / "bad.rq", "--build", previous]
    else:
        args = ["query", "-e", text, "--build", previous]
    line = assert_refused(cli(*args), names, previous, before)
    assert "bad regular expression" in line


def test_graph_patterns_answer_over_the_named_graphs(previous):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    r = cli("query", "-e", q, "--build", previous, "--format", "csv")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    graphs = [row.split(",")[0] for row in r.stdout.splitlines()[1:]]
    assert any(g.endswith(f"/graph/{STEM}") for g in graphs) and any(g.endswith("/graph/ontology") for g in graphs)


# 6. Every file written goes through one writer that never follows a link.
@pytest.mark.parametrize("planted", ["NAME.txt", "NAME.meta.toml"])
def test_add_never_writes_through_a_link(tmp_path, previous, planted):
    seeds, victim = tmp_path / "seeds", tmp_path / "victim.txt"
    seeds.mkdir()
    victim.write_text("not yours to overwrite")
    src = tmp_path / "report.txt"
    shutil.copyfile(SEED, src)
    link = seeds / planted.replace("NAME", "report")
    link.symlink_to(victim)
    before = _snapshot(previous)
    r = cli("add", src, "--published", "2023-01-22", "--seeds", seeds)
    assert_refused(r, str(link), previous, before)
    assert victim.read_text() == "not yours to overwrite"
    assert sorted(p.name for p in seeds.iterdir()) == [link.name]  # nothing half-added


def test_a_planted_temporary_link_is_ignored(tmp_path):
    seeds, victim = tmp_path / "seeds", tmp_path / "victim.txt"
    seeds.mkdir()
    victim.write_text("not yours to overwrite")
    (seeds / ".report.txt.tmp").symlink_to(victim)  # the name add used to copy through
    src = tmp_path / "report.txt"
    shutil.copyfile(SEED, src)
    r = cli("add", src, "--published", "2023-01-22", "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == "not yours to overwrite"
    assert (seeds / "report.txt").read_bytes() == SEED.read_bytes() and not (seeds / "report.txt").is_symlink()


def test_the_writer_refuses_paths_outside_its_folder(tmp_path):
    from kg import atomic

    inside = tmp_path / "seeds"
    inside.mkdir()
    with pytest.raises(atomic.UnsafePath, match="outside"):
        atomic.write_text(inside / ".." / "escaped.txt", "x", inside)
    (inside / "up").symlink_to(tmp_path)
    with pytest.raises(atomic.UnsafePath, match="outside"):
        atomic.write_text(inside / "up" / "escaped.txt", "x", inside)
    assert not (tmp_path / "escaped.txt").exists()


# 7. validate FILE: nothing fetched, nothing expanded without bound.
def _laughs() -> str:
    """The classic 'billion laughs': nine levels of ten references each, under 1 KB."""
    levels = [' <!ENTITY lol "lol">'] + [
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(levels) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
        ' <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n'
    )


@pytest.fixture()
def listener():
    """A local port that records whether anything connected to it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        s.setblocking(False)
        yield s


def _connected(s: socket.socket) -> bool:
    try:
        conn, _ = s.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _rdf_case(case: str, tmp_path: Path, url: str) -> tuple[Path, str]:
    if case == "remote @context":
        doc = json.dumps({"@context": f"{url}/context.jsonld", "@id": "http://example.org/a", "name": "x"})
        path, names = tmp_path / "x.jsonld", "x.jsonld: @context"
    elif case == "nested @context":
        doc = json.dumps({"@context": {"ex": {"@id": "http://e/", "@context": [f"{url}/c"]}}, "@id": "http://e/a"})
        path, names = tmp_path / "n.jsonld", "n.jsonld: @context"
    elif case == "@import":
        doc = json.dumps({"@context": {"@version": 1.1, "@import": f"{url}/c"}, "@id": "http://e/a"})
        path, names = tmp_path / "i.jsonld", "i.jsonld: @import"
    elif case == "billion laughs":
        doc, path, names = _laughs(), tmp_path / "laughs.rdf", "laughs.rdf: line 3: refused entity declaration"
    else:
        assert case == "external entity"
        doc = (
            f'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x SYSTEM "{url}/secret"> ]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>\n'
        )
        path, names = tmp_path / "xxe.rdf", "xxe.rdf: line 2: refused entity declaration"
    path.write_text(doc, encoding="utf-8")
    return path, names


@pytest.mark.parametrize("case", ["remote @context", "nested @context", "@import", "billion laughs", "external entity"])
def test_validate_never_fetches_and_refuses_entity_bombs(tmp_path, previous, listener, case):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    path, names = _rdf_case(case, tmp_path, url)
    if case == "billion laughs":
        assert len(path.read_bytes()) < 1024
    before = _snapshot(previous)
    start = time.monotonic()
    assert_refused(cli("validate", path, "--build", previous, limit_memory=True), names, previous, before)
    assert time.monotonic() - start < 30
    assert not _connected(listener), "a request left for the URL in the file"


def test_an_inline_json_ld_context_still_validates(tmp_path):
    doc = tmp_path / "ok.jsonld"
    doc.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "x"}', encoding="utf-8")
    r = cli("validate", doc)
    assert r.returncode == 0 and r.stdout.startswith("Conforms"), r.stderr
