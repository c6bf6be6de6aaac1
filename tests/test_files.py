"""The build's files and store made in a process of their own beside the rest of the build (kg.files),
from the quads as the graph is built (kg.rdf.build_quads)."""

from __future__ import annotations

from kg import build, files, pipeline, rdf
from kg.extract.lexicon import load
from kg.store import added_quads, oxigraph_quads

OUTPUTS = ("pension-kg.trig", "pension-kg.ttl", "facts.csv", "events.csv", "validation.txt", "summary.json")


def test_the_quads_as_built_are_the_datasets(all_corpus):
    lex = load()
    added = rdf.build_quads(all_corpus.extractions, all_corpus.derived, lex)
    named = oxigraph_quads(rdf.build_dataset(all_corpus.extractions, all_corpus.derived, lex))
    quads = added_quads(added)
    assert len(added) > len(quads) == len(set(quads))  # what is added twice is one quad
    assert set(quads) == set(named) and len(named) > 8000


def test_files_made_in_a_process_of_their_own_are_those_made_in_place(seed_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "IN_PLACE", 1)
    forked = build.build(seed_dir, tmp_path / "forked", incremental=False)
    monkeypatch.setattr(files, "IN_PLACE", 10**6)
    in_place = build.build(seed_dir, tmp_path / "in-place", incremental=False)
    assert forked.triples == in_place.triples > 4000
    for name in OUTPUTS:
        assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "in-place" / name).read_bytes(), name


def test_a_failed_build_stops_the_writer_and_keeps_the_old_build(seed_dir, tmp_path, monkeypatch):
    """Also: a process that has opened stores before (the builds of the tests above, in place) starts
    the writer, which opens its own (a forked writer hung there, on RocksDB's copied locks)."""
    monkeypatch.setattr(files, "IN_PLACE", 1)
    out = tmp_path / "out"
    build.build(seed_dir, out, incremental=False)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    def broken(*args, **kwargs):
        raise RuntimeError("the graph could not be made")

    monkeypatch.setattr(pipeline, "dataset", broken)
    try:
        build.build(seed_dir, out, incremental=False)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the build did not fail")
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.new-")]  # no staged folder left


def test_a_writer_that_fails_says_why_in_one_line(all_corpus, tmp_path, monkeypatch):
    """The writer's own error reaches the build as its last line, not as a hang or a pickle error."""
    monkeypatch.setattr(files, "IN_PLACE", 1)
    monkeypatch.setattr(files.forked, "workers", lambda requested=None: 2)
    not_a_folder = tmp_path / "stage"
    not_a_folder.write_text("a file where the staged folder should be")
    try:
        with files.started(all_corpus, not_a_folder) as written:
            written()
    except RuntimeError as e:
        message = str(e)
    else:
        raise AssertionError("the writer did not fail")
    assert message.startswith("making the build's files failed: ") and "\n" not in message
    assert "Error" in message  # the child's exception, by its class
